//! The fields of an activities, owners and accounts file.

use super::*;

/// Activities and engagements: calls, emails, meetings, notes, forms, page views.
pub const ACTIVITIES: &[FieldSpec] = &[
    f(
        "id",
        Text,
        1,
        &["activityid", "engagementid", "taskid", "eventid", "id"],
    ),
    f(
        "record_id",
        Text,
        1,
        &[
            "associatedcontactid",
            "associatedcontactids",
            "associatedrecordid",
            "contactid",
            "leadid",
            "whoid",
            "personid",
            "recordid",
            "relatedto",
        ],
    ),
    f(
        "timestamp",
        Timestamp,
        1,
        &[
            "activitydate",
            "timestamp",
            "activitydatetime",
            "activitytime",
            "engagementdate",
            "occurredat",
            "completedat",
            "date",
            "createdate",
            "createddate",
        ],
    ),
    f(
        "type",
        Text,
        4,
        &[
            "activitytype",
            "engagementtype",
            "tasksubtype",
            "eventtype",
            "type",
            "subtype",
        ],
    ),
    f(
        "direction",
        Text,
        4,
        &[
            "direction",
            "emaildirection",
            "calldirection",
            "inboundoutbound",
        ],
    ),
    f(
        "owner",
        Text,
        1,
        &[
            "activityassignedto",
            "assignedto",
            "activityowner",
            "owner",
            "createdby",
            "ownerid",
            "user",
        ],
    ),
];

/// The sales team roster.
pub const OWNERS: &[FieldSpec] = &[
    f(
        "owner",
        Text,
        1,
        &[
            "owner",
            "salesagent",
            "ownername",
            "rep",
            "salesrep",
            "agent",
            "user",
            "username",
            "name",
            "fullname",
        ],
    ),
    f("active", Bool, 3, &["active", "isactive", "enabled"]),
    f("team", Text, 3, &["team", "salesteam", "manager", "group"]),
    f(
        "territory",
        Text,
        3,
        &["territory", "regionaloffice", "region", "office"],
    ),
    f(
        "capacity",
        Number,
        3,
        &["capacity", "maxleads", "leadcap", "maxopenleads", "cap"],
    ),
    f(
        "out_of_office_from",
        Date,
        3,
        &[
            "outofofficefrom",
            "outofofficestart",
            "ooofrom",
            "awayfrom",
            "vacationstart",
            "leavestart",
        ],
    ),
    f(
        "out_of_office_to",
        Date,
        3,
        &[
            "outofofficeto",
            "outofofficeend",
            "outofofficeuntil",
            "oooto",
            "awayuntil",
            "vacationend",
            "leaveend",
        ],
    ),
];

/// Accounts and companies.
pub const ACCOUNTS: &[FieldSpec] = &[
    f(
        "company",
        Text,
        1,
        &[
            "account",
            "accountname",
            "company",
            "companyname",
            "organization",
            "organizationname",
            "name",
        ],
    ),
    f(
        "domain",
        Text,
        1,
        &["domain", "companydomainname", "website", "companydomain"],
    ),
    f("industry", Text, 2, &["industry", "sector"]),
    f(
        "employees",
        Number,
        2,
        &[
            "employees",
            "numberofemployees",
            "employeecount",
            "companysize",
            "headcount",
        ],
    ),
    f("revenue", Number, 3, &["revenue", "annualrevenue"]),
    f(
        "country",
        Text,
        1,
        &[
            "country",
            "countryregion",
            "officelocation",
            "billingcountry",
            "headquarters",
        ],
    ),
    f(
        "owner",
        Text,
        1,
        &["accountowner", "companyowner", "owner", "ownerid"],
    ),
];
