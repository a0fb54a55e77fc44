//! Header sets written from the documentation of real exports (CRMs, form and marketing
//! tools, public lead-scoring and marketing-funnel datasets): each is recognised as its
//! kind, with its key columns, and a confidence in the expected band.

use super::*;

/// One export: where its headers are documented, its file name, its headers (`|`
/// between them, as some contain commas), the kind (or, when the file cannot be used
/// as it is, the best guess), the key columns as (header, field), and the band.
struct Case {
    what: &'static str,
    file: &'static str,
    headers: &'static str,
    kind: Kind,
    /// Whether the file is usable as it is (else `kind` is the best guess).
    complete: bool,
    fields: &'static [(&'static str, &'static str)],
    band: Band,
}

const fn case(
    what: &'static str,
    file: &'static str,
    headers: &'static str,
    kind: Kind,
    fields: &'static [(&'static str, &'static str)],
    band: Band,
) -> Case {
    Case {
        what,
        file,
        headers,
        kind,
        complete: true,
        fields,
        band,
    }
}

const fn guess(
    what: &'static str,
    file: &'static str,
    headers: &'static str,
    kind: Kind,
    fields: &'static [(&'static str, &'static str)],
    band: Band,
) -> Case {
    Case {
        what,
        file,
        headers,
        kind,
        complete: false,
        fields,
        band,
    }
}

use Band::{High, Low, Medium};
use Kind::{Accounts, Activities, Deals, Leads, Owners};

const CASES: &[Case] = &[
    // HubSpot (knowledge base: "Export your records"; default properties).
    case(
        "HubSpot contacts",
        "hubspot-crm-exports-all-contacts-2026-07-01.csv",
        "Record ID|First Name|Last Name|Email|Phone Number|Contact owner|Lifecycle Stage|Lead Status|Create Date|Original Source|HubSpot Score",
        Leads,
        &[
            ("Record ID", "id"),
            ("Create Date", "created_at"),
            ("Original Source", "source"),
            ("Contact owner", "owner"),
        ],
        High,
    ),
    case(
        "HubSpot deals",
        "hubspot-crm-exports-all-deals.csv",
        "Record ID|Deal Name|Deal Stage|Amount|Deal owner|Close Date|Create Date|Pipeline|Associated Contact IDs|Closed Lost Reason",
        Deals,
        &[
            ("Record ID", "id"),
            ("Deal Stage", "stage"),
            ("Close Date", "close_date"),
            ("Associated Contact IDs", "lead_id"),
        ],
        High,
    ),
    // Its only date is when the form was submitted, which HubSpot calls a conversion:
    // the creation date is for the user to confirm.
    guess(
        "HubSpot form submissions",
        "form-submissions.csv",
        "Conversion Date|Conversion Page|Email|First Name|Last Name|Company Name|Contact ID",
        Leads,
        &[
            ("Contact ID", "id"),
            ("Conversion Date", "converted_at"),
            ("Email", "email"),
        ],
        Medium,
    ),
    // Salesforce: report exports (labels) and Data Loader / API exports (API names).
    case(
        "Salesforce leads report",
        "report1720000000000.csv",
        "Lead ID|Lead Owner|First Name|Last Name|Company / Account|Lead Status|Lead Source|Created Date|Converted|Converted Date",
        Leads,
        &[
            ("Lead ID", "id"),
            ("Created Date", "created_at"),
            ("Lead Source", "source"),
            ("Converted", "converted"),
        ],
        High,
    ),
    case(
        "Salesforce opportunities report",
        "report1720000000001.csv",
        "Opportunity ID|Opportunity Owner|Account Name|Opportunity Name|Stage|Amount|Close Date|Created Date|Won|Closed|Lead Source",
        Deals,
        &[
            ("Opportunity ID", "id"),
            ("Stage", "stage"),
            ("Won", "is_won"),
            ("Close Date", "close_date"),
        ],
        High,
    ),
    case(
        "Salesforce Lead object (API names)",
        "Lead.csv",
        "Id|FirstName|LastName|Company|Email|Status|LeadSource|OwnerId|CreatedDate|IsConverted|ConvertedDate|ConvertedOpportunityId",
        Leads,
        &[
            ("Id", "id"),
            ("CreatedDate", "created_at"),
            ("LeadSource", "source"),
            ("IsConverted", "converted"),
        ],
        High,
    ),
    case(
        "Salesforce Opportunity object (API names)",
        "Opportunity.csv",
        "Id|AccountId|Name|StageName|Amount|CloseDate|IsClosed|IsWon|OwnerId|LeadSource|CreatedDate|Probability|ForecastCategory",
        Deals,
        &[
            ("Id", "id"),
            ("StageName", "stage"),
            ("IsWon", "is_won"),
            ("CloseDate", "close_date"),
        ],
        High,
    ),
    case(
        "Salesforce Task object (API names)",
        "Task.csv",
        "Id|WhoId|WhatId|Subject|ActivityDate|Status|TaskSubtype|CallType|OwnerId|CreatedDate",
        Activities,
        &[
            ("WhoId", "record_id"),
            ("ActivityDate", "timestamp"),
            ("TaskSubtype", "type"),
        ],
        Medium,
    ),
    // Pipedrive (export: "Entity - Field" headers).
    case(
        "Pipedrive deals",
        "deals-12345-67.csv",
        "Deal - ID|Deal - Title|Deal - Value|Deal - Currency|Deal - Stage|Deal - Status|Deal - Owner|Deal - Deal created|Deal - Won time|Deal - Lost reason|Person - ID",
        Deals,
        &[
            ("Deal - ID", "id"),
            ("Deal - Status", "outcome"),
            ("Deal - Value", "amount"),
            ("Person - ID", "lead_id"),
        ],
        High,
    ),
    case(
        "Pipedrive people",
        "people-12345-68.csv",
        "Person - ID|Person - Name|Person - Email - Work|Person - Phone - Work|Person - Owner|Person - Person created|Person - Organization|Person - Label",
        Leads,
        &[
            ("Person - ID", "id"),
            ("Person - Person created", "created_at"),
            ("Person - Email - Work", "email"),
        ],
        High,
    ),
    case(
        "Pipedrive leads",
        "leads-12345-69.csv",
        "Lead - ID|Lead - Title|Lead - Owner|Lead - Source|Lead - Lead created on|Lead - Value|Person - Name|Organization - Name",
        Leads,
        &[
            ("Lead - ID", "id"),
            ("Lead - Lead created on", "created_at"),
            ("Lead - Source", "source"),
        ],
        High,
    ),
    case(
        "Pipedrive activities",
        "activities-12345-70.csv",
        "Activity - ID|Activity - Type|Activity - Subject|Activity - Due date|Activity - Done|Activity - Assigned to user|Person - ID|Deal - ID",
        Activities,
        &[
            ("Activity - ID", "id"),
            ("Activity - Type", "type"),
            ("Person - ID", "record_id"),
        ],
        High,
    ),
    // Zoho CRM (module export, field labels).
    case(
        "Zoho leads",
        "Leads_2026_07_01.csv",
        "Record Id|Lead Owner|Company|First Name|Last Name|Email|Lead Source|Lead Status|Created Time|Modified Time|Industry|No. of Employees",
        Leads,
        &[
            ("Record Id", "id"),
            ("Created Time", "created_at"),
            ("Lead Owner", "owner"),
            ("No. of Employees", "employees"),
        ],
        High,
    ),
    case(
        "Zoho deals",
        "Deals_2026_07_01.csv",
        "Record Id|Deal Owner|Deal Name|Account Name|Stage|Amount|Closing Date|Created Time|Reason For Loss|Lead Source|Contact Name",
        Deals,
        &[
            ("Record Id", "id"),
            ("Closing Date", "close_date"),
            ("Reason For Loss", "close_reason"),
        ],
        High,
    ),
    // Close (CSV export of leads and of opportunities, snake_case).
    case(
        "Close leads",
        "close-leads-export.csv",
        "id|display_name|status_label|date_created|date_updated|url|primary_contact_name|primary_contact_primary_email|lead_source",
        Leads,
        &[
            ("id", "id"),
            ("date_created", "created_at"),
            ("lead_source", "source"),
            ("status_label", "status"),
        ],
        High,
    ),
    case(
        "Close opportunities",
        "close-opportunities-export.csv",
        "id|lead_id|lead_name|status_type|status_label|value|value_period|confidence|date_created|date_won|user_name",
        Deals,
        &[
            ("id", "id"),
            ("lead_id", "lead_id"),
            ("status_type", "outcome"),
            ("date_won", "close_date"),
            ("value", "amount"),
            ("user_name", "owner"),
        ],
        High,
    ),
    // Freshsales (export of contacts and deals).
    case(
        "Freshsales contacts",
        "contacts.csv",
        "Id|First name|Last name|Emails|Work|Mobile|Sales owner|Lead source|Created at|Lifecycle stage|Status|Lead score|Territory",
        Leads,
        &[
            ("Id", "id"),
            ("Created at", "created_at"),
            ("Sales owner", "owner"),
            ("Lead source", "source"),
            ("Lead score", "score"),
        ],
        High,
    ),
    case(
        "Freshsales deals",
        "deals.csv",
        "Id|Name|Deal value|Deal stage|Sales owner|Expected close date|Closed date|Created at|Deal pipeline|Lost reason|Source",
        Deals,
        &[
            ("Id", "id"),
            ("Deal stage", "stage"),
            ("Deal value", "amount"),
            ("Lost reason", "close_reason"),
        ],
        High,
    ),
    // Copper (export of leads and opportunities).
    case(
        "Copper leads",
        "copper-leads.csv",
        "Lead ID|Name|Email|Phone Number|Status|Source|Date Created|Owned By|Company Name|Title",
        Leads,
        &[
            ("Lead ID", "id"),
            ("Date Created", "created_at"),
            ("Owned By", "owner"),
            ("Source", "source"),
        ],
        High,
    ),
    case(
        "Copper opportunities",
        "copper-opportunities.csv",
        "Opportunity ID|Name|Company|Primary Contact ID|Pipeline|Stage|Status|Value|Close Date|Owner|Loss Reason|Date Created",
        Deals,
        &[
            ("Opportunity ID", "id"),
            ("Primary Contact ID", "lead_id"),
            ("Status", "outcome"),
            ("Loss Reason", "close_reason"),
        ],
        High,
    ),
    // Dynamics 365 Sales ("Export to Excel", with its hidden id columns).
    case(
        "Dynamics 365 leads",
        "Leads 7-1-2026.csv",
        "(Do Not Modify) Lead|(Do Not Modify) Row Checksum|(Do Not Modify) Modified On|Name|Topic|Status Reason|Created On|Owner|Lead Source|Company Name|Email|Rating",
        Leads,
        &[
            ("(Do Not Modify) Lead", "id"),
            ("Created On", "created_at"),
            ("Lead Source", "source"),
            ("Rating", "priority"),
        ],
        High,
    ),
    case(
        "Dynamics 365 opportunities",
        "Opportunities 7-1-2026.csv",
        "(Do Not Modify) Opportunity|(Do Not Modify) Row Checksum|(Do Not Modify) Modified On|Topic|Potential Customer|Status|Status Reason|Est. Close Date|Est. Revenue|Actual Close Date|Actual Revenue|Owner|Created On",
        Deals,
        &[
            ("(Do Not Modify) Opportunity", "id"),
            ("Status", "outcome"),
            ("Actual Close Date", "close_date"),
            ("Potential Customer", "company"),
        ],
        High,
    ),
    // monday CRM (board export: item name, then the board's columns).
    // Its "Creation log" column holds who created the item and when, in words: the
    // creation date is for the user to map.
    guess(
        "monday CRM leads board",
        "Leads_1720000000.csv",
        "Name|Item ID|Status|Owner|Company|Title|Email|Phone|Creation log|Source",
        Leads,
        &[("Item ID", "id"), ("Email", "email"), ("Source", "source")],
        Medium,
    ),
    case(
        "monday CRM deals board",
        "Deals_1720000000.csv",
        "Name|Item ID|Stage|Owner|Deal Value|Contacts|Expected Close Date|Close Probability|Forecast Value|Date Created",
        Deals,
        &[
            ("Item ID", "id"),
            ("Stage", "stage"),
            ("Deal Value", "amount"),
        ],
        High,
    ),
    // Odoo CRM (crm.lead list export).
    case(
        "Odoo pipeline",
        "odoo-pipeline.csv",
        "ID|Opportunity|Customer|Email|Phone|Salesperson|Sales Team|Stage|Expected Revenue|Probability|Expected Closing|Lost Reason|Source|Medium|Campaign|Created on",
        Deals,
        &[
            ("ID", "id"),
            ("Stage", "stage"),
            ("Salesperson", "owner"),
            ("Expected Revenue", "amount"),
            ("Created on", "created_at"),
        ],
        High,
    ),
    // Insightly (export of leads and opportunities, API-style names).
    case(
        "Insightly leads",
        "Leads.csv",
        "LEAD_ID|SALUTATION|FIRST_NAME|LAST_NAME|TITLE|EMAIL|PHONE|ORGANISATION_NAME|LEAD_SOURCE|LEAD_STATUS|OWNER_USER_ID|CONVERTED|CONVERTED_DATE_UTC|DATE_CREATED_UTC",
        Leads,
        &[
            ("LEAD_ID", "id"),
            ("DATE_CREATED_UTC", "created_at"),
            ("LEAD_SOURCE", "source"),
            ("OWNER_USER_ID", "owner"),
            ("ORGANISATION_NAME", "company"),
        ],
        High,
    ),
    case(
        "Insightly opportunities",
        "Opportunities.csv",
        "OPPORTUNITY_ID|OPPORTUNITY_NAME|BID_AMOUNT|PROBABILITY|FORECAST_CLOSE_DATE|ACTUAL_CLOSE_DATE|OPPORTUNITY_STATE|PIPELINE_ID|STAGE_ID|OWNER_USER_ID|DATE_CREATED_UTC",
        Deals,
        &[
            ("OPPORTUNITY_ID", "id"),
            ("OPPORTUNITY_STATE", "outcome"),
            ("ACTUAL_CLOSE_DATE", "close_date"),
            ("BID_AMOUNT", "amount"),
        ],
        High,
    ),
    // Form and marketing tools.
    case(
        "Typeform responses",
        "responses.csv",
        "#|What is your name?|What is your work email?|Company|Start Date (UTC)|Submit Date (UTC)|Network ID",
        Leads,
        &[
            ("#", "id"),
            ("Start Date (UTC)", "created_at"),
            ("What is your work email?", "email"),
        ],
        Medium,
    ),
    case(
        "Jotform submissions",
        "Contact_Form_Submissions.csv",
        "Submission Date|Submission ID|Full Name|E-mail|Phone Number|Company|Message",
        Leads,
        &[
            ("Submission ID", "id"),
            ("Submission Date", "created_at"),
            ("E-mail", "email"),
        ],
        Medium,
    ),
    // No column says it is an id (LEID and EUID are Mailchimp's own codes).
    guess(
        "Mailchimp audience",
        "subscribed_members_export.csv",
        "Email Address|First Name|Last Name|MEMBER_RATING|OPTIN_TIME|OPTIN_IP|CONFIRM_TIME|CONFIRM_IP|GMTOFF|DSTOFF|TIMEZONE|CC|REGION|LAST_CHANGED|LEID|EUID|NOTES|TAGS",
        Leads,
        &[
            ("OPTIN_TIME", "created_at"),
            ("Email Address", "email"),
            ("MEMBER_RATING", "priority"),
        ],
        Medium,
    ),
    case(
        "Facebook Lead Ads",
        "leads_form_2026.csv",
        "id|created_time|ad_id|ad_name|adset_id|adset_name|campaign_id|campaign_name|form_id|form_name|is_organic|platform|email|full_name|phone_number|lead_status",
        Leads,
        &[
            ("id", "id"),
            ("created_time", "created_at"),
            ("email", "email"),
            ("lead_status", "status"),
        ],
        High,
    ),
    case(
        "Unbounce leads",
        "unbounce-leads.csv",
        "submission_id|date_submitted|time_submitted|page_uuid|page_name|page_variant|page_url|ip_address|email|name|utm_source",
        Leads,
        &[
            ("submission_id", "id"),
            ("date_submitted", "created_at"),
            ("utm_source", "source"),
        ],
        Medium,
    ),
    case(
        "LinkedIn Lead Gen Forms",
        "linkedin-leads.csv",
        "Lead ID|Submitted At|First Name|Last Name|Email Address|Company Name|Job Title|Country|Campaign Name|Form Name",
        Leads,
        &[
            ("Lead ID", "id"),
            ("Submitted At", "created_at"),
            ("Job Title", "title"),
        ],
        High,
    ),
    case(
        "Marketo person list",
        "marketo-people.csv",
        "Id|First Name|Last Name|Email Address|Created At|Updated At|Person Source|Lead Status|Lead Score|Company Name",
        Leads,
        &[
            ("Id", "id"),
            ("Created At", "created_at"),
            ("Person Source", "source"),
            ("Lead Score", "score"),
        ],
        High,
    ),
    // No id: the file name says leads, and the rest is for the user to confirm.
    guess(
        "Google Forms responses",
        "Lead form (Responses) - Form responses 1.csv",
        "Timestamp|Email Address|Name|Company|How did you hear about us?",
        Leads,
        &[("Timestamp", "created_at"), ("Email Address", "email")],
        Low,
    ),
    // Public datasets: Olist's marketing funnel (Kaggle).
    case(
        "Olist marketing qualified leads",
        "olist_marketing_qualified_leads_dataset.csv",
        "mql_id|first_contact_date|landing_page_id|origin",
        Leads,
        &[
            ("mql_id", "id"),
            ("first_contact_date", "created_at"),
            ("origin", "source"),
        ],
        Medium,
    ),
    // No deal id by name: its content (a column of unique ids) gives one, see
    // `olist_closed_deals_by_content`.
    guess(
        "Olist closed deals",
        "olist_closed_deals_dataset.csv",
        "mql_id|seller_id|sdr_id|sr_id|won_date|business_segment|lead_type|lead_behaviour_profile|has_company|has_gtin|average_stock|business_type|declared_product_catalog_size|declared_monthly_revenue",
        Deals,
        &[
            ("mql_id", "lead_id"),
            ("won_date", "close_date"),
            ("sdr_id", "owner"),
        ],
        Low,
    ),
    // The X Education "Leads Scoring" dataset (Kaggle): no date at all.
    guess(
        "X Education lead scoring",
        "Leads.csv",
        "Prospect ID|Lead Number|Lead Origin|Lead Source|Do Not Email|Do Not Call|Converted|TotalVisits|Total Time Spent on Website|Page Views Per Visit|Last Activity|Country|Specialization|How did you hear about X Education|What is your current occupation|Tags|Lead Quality|Lead Profile|City|Asymmetrique Activity Score|Asymmetrique Profile Score|Last Notable Activity",
        Leads,
        &[
            ("Prospect ID", "id"),
            ("Lead Source", "source"),
            ("Converted", "converted"),
            ("Country", "country"),
        ],
        Medium,
    ),
    // Maven Analytics "CRM Sales Opportunities" (the project's real export).
    case(
        "Maven sales pipeline",
        "sales_pipeline.csv",
        "opportunity_id|sales_agent|product|account|deal_stage|engage_date|close_date|close_value",
        Deals,
        &[
            ("opportunity_id", "id"),
            ("deal_stage", "stage"),
            ("close_value", "amount"),
            ("sales_agent", "owner"),
        ],
        High,
    ),
    case(
        "Maven sales teams",
        "sales_teams.csv",
        "sales_agent|manager|regional_office",
        Owners,
        &[
            ("sales_agent", "owner"),
            ("manager", "team"),
            ("regional_office", "territory"),
        ],
        High,
    ),
    case(
        "Maven accounts",
        "accounts.csv",
        "account|sector|year_established|revenue|employees|office_location|subsidiary_of",
        Accounts,
        &[
            ("account", "company"),
            ("sector", "industry"),
            ("revenue", "revenue"),
        ],
        High,
    ),
    // A generic camelCase export from an in-house tool.
    case(
        "camelCase leads",
        "leads.csv",
        "leadId|createdAt|leadSource|ownerName|emailAddress|companyName",
        Leads,
        &[
            ("leadId", "id"),
            ("createdAt", "created_at"),
            ("leadSource", "source"),
            ("ownerName", "owner"),
        ],
        High,
    ),
    case(
        "space-case deals with a won date",
        "won deals.csv",
        "Deal Ref ID|Contact ID|Won Date|Deal Amount|Rep",
        Deals,
        &[
            ("Deal Ref ID", "id"),
            ("Contact ID", "lead_id"),
            ("Won Date", "close_date"),
            ("Deal Amount", "amount"),
        ],
        Medium,
    ),
    case(
        "snake_case calls log",
        "calls.csv",
        "call_id|contact_id|started_at|direction|agent_name|duration_seconds",
        Activities,
        &[
            ("call_id", "id"),
            ("contact_id", "record_id"),
            ("started_at", "timestamp"),
            ("direction", "direction"),
        ],
        High,
    ),
];

fn headers(case: &Case) -> Vec<String> {
    case.headers.split('|').map(str::to_owned).collect()
}

#[test]
fn at_least_forty_real_header_sets() {
    assert!(CASES.len() >= 40, "{}", CASES.len());
}

#[test]
fn real_header_sets_are_recognised() {
    let mut failures = Vec::new();
    for case in CASES {
        let headers = headers(case);
        let r = recognise_file(case.file, &headers, &[]);
        let kind = if case.complete { r.kind } else { r.guess() };
        let mut wrong = Vec::new();
        if kind != Some(case.kind) || case.complete != r.kind.is_some() {
            wrong.push(format!(
                "kind {:?} (guess {:?}), expected {}{}",
                r.kind,
                r.guess(),
                case.kind,
                if case.complete { "" } else { " as a guess" }
            ));
        }
        for (header, field) in case.fields {
            let i = headers
                .iter()
                .position(|h| h == header)
                .unwrap_or_else(|| panic!("{}: no header {header}", case.what));
            if r.columns[i] != Some(*field) {
                wrong.push(format!("{header} -> {:?}, expected {field}", r.columns[i]));
            }
        }
        if r.band() != case.band {
            wrong.push(format!(
                "confidence {} ({:?}), expected {:?}",
                r.confidence,
                r.band(),
                case.band
            ));
        }
        if !wrong.is_empty() {
            failures.push(format!("{}: {}", case.what, wrong.join("; ")));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_guess_says_why() {
    for case in CASES {
        let headers = headers(case);
        let r = recognise_file(case.file, &headers, &[]);
        for g in &r.guesses {
            assert!(!g.why.is_empty(), "{}: {}", case.what, headers[g.index]);
            assert_eq!(r.columns[g.index], Some(g.field), "{}", case.what);
        }
    }
}

#[test]
fn olist_closed_deals_by_content() {
    let case = CASES
        .iter()
        .find(|c| c.what == "Olist closed deals")
        .unwrap();
    let headers = headers(case);
    let mut facts = vec![None; headers.len()];
    // mql_id and seller_id are unique in all 842 rows; won_date is always filled.
    for i in [0, 1] {
        facts[i] = Some(ColumnFacts {
            filled: 842,
            all_different: true,
            rows: 842,
        });
    }
    facts[2] = Some(ColumnFacts {
        filled: 842,
        all_different: false,
        rows: 842,
    });
    facts[4] = Some(ColumnFacts {
        filled: 842,
        all_different: false,
        rows: 842,
    });
    let r = recognise_file(case.file, &headers, &facts);
    assert_eq!(r.kind, Some(Kind::Deals));
    assert_eq!(r.columns[0], Some("lead_id"));
    assert_eq!(r.columns[1], Some("id"));
    assert!(
        r.guesses
            .iter()
            .any(|g| g.index == 1 && g.why.contains("842 values are all different")),
        "{:?}",
        r.guesses
    );
    assert_eq!(
        r.constants
            .iter()
            .map(|c| (c.field, c.value.as_str()))
            .collect::<Vec<_>>(),
        [("outcome", "won")]
    );
    assert_eq!(r.band(), Band::Medium, "{}", r.confidence);
    // A won date filled for a few deals only says nothing of the others.
    facts[4] = Some(ColumnFacts {
        filled: 300,
        all_different: false,
        rows: 842,
    });
    let r = recognise_file(case.file, &headers, &facts);
    assert!(r.constants.is_empty());
    assert_eq!(r.kind, None);
    assert_eq!(r.guess(), Some(Kind::Deals));
}

#[test]
fn words_of_headers() {
    assert_eq!(words("first_contact_date"), ["first", "contact", "date"]);
    assert_eq!(words("firstContactDate"), ["first", "contact", "date"]);
    assert_eq!(words("First Contact Date"), ["first", "contact", "date"]);
    assert_eq!(words("LeadSource__c"), ["lead", "source"]);
    assert_eq!(words("IDNumber"), ["id", "number"]);
    assert_eq!(words("DATE_CREATED_UTC"), ["date", "created", "utc"]);
    assert_eq!(words("contacts-2026Q3"), ["contacts", "2026", "q", "3"]);
    assert_eq!(words("Deal - Won time"), ["deal", "won", "time"]);
}

#[test]
fn file_names_say_a_kind() {
    for (name, kind) in [
        ("leads.csv", Some(Kind::Leads)),
        ("mql.csv", Some(Kind::Leads)),
        (
            "olist_marketing_qualified_leads_dataset.csv",
            Some(Kind::Leads),
        ),
        ("contacts-2026Q3.csv", Some(Kind::Leads)),
        ("closed_deals.csv", Some(Kind::Deals)),
        ("Opportunities.csv", Some(Kind::Deals)),
        ("sales_teams.csv", Some(Kind::Owners)),
        ("export.csv", None),
    ] {
        assert_eq!(kind_of_name(name), kind, "{name}");
    }
}
