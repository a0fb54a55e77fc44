//! Recognition: which kind of file this is, which CRM exported it, and which column
//! holds which canonical field, from the headers alone.

use serde::{Deserialize, Serialize};

use super::fields::{Kind, header_key};

/// The CRM (or other tool) a file was exported from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Hubspot,
    Salesforce,
    Pipedrive,
    Zoho,
    Generic,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Hubspot => "hubspot",
            Source::Salesforce => "salesforce",
            Source::Pipedrive => "pipedrive",
            Source::Zoho => "zoho",
            Source::Generic => "generic",
        }
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the headers say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recognition {
    pub kind: Option<Kind>,
    pub source: Source,
    /// The canonical field of each column, by position.
    pub columns: Vec<Option<&'static str>>,
    /// Why the file is not used, when `kind` is `None`.
    pub reason: Option<String>,
    /// A kind the file resembles but whose required fields are missing.
    pub incomplete: Option<(Kind, Vec<&'static str>)>,
}

/// Header keys that only (or mostly) one CRM writes, with how much each says.
const SIGNATURES: &[(Source, &str, u32)] = &[
    (Source::Hubspot, "recordid", 2),
    (Source::Hubspot, "createdate", 2),
    (Source::Hubspot, "lifecyclestage", 2),
    (Source::Hubspot, "contactowner", 2),
    (Source::Hubspot, "closedlostreason", 2),
    (Source::Hubspot, "closedwonreason", 2),
    (Source::Hubspot, "hubspotscore", 2),
    (Source::Hubspot, "associatedcompany", 2),
    (Source::Hubspot, "associatedcontactids", 2),
    (Source::Hubspot, "associatedcontactid", 1),
    (Source::Hubspot, "activityassignedto", 2),
    (Source::Hubspot, "originalsource", 2),
    (Source::Hubspot, "countryregion", 2),
    (Source::Hubspot, "isclosedwon", 2),
    (Source::Hubspot, "companydomainname", 1),
    (Source::Hubspot, "firstengagementdate", 2),
    (Source::Hubspot, "dealstage", 1),
    (Source::Hubspot, "dealowner", 1),
    (Source::Hubspot, "pipeline", 1),
    (Source::Salesforce, "leadid", 2),
    (Source::Salesforce, "opportunityid", 2),
    (Source::Salesforce, "leadowner", 2),
    (Source::Salesforce, "leadowneralias", 2),
    (Source::Salesforce, "opportunityowner", 2),
    (Source::Salesforce, "companyaccount", 2),
    (Source::Salesforce, "isconverted", 2),
    (Source::Salesforce, "stagename", 2),
    (Source::Salesforce, "iswon", 2),
    (Source::Salesforce, "isclosed", 2),
    (Source::Salesforce, "createddate", 1),
    (Source::Salesforce, "converted", 1),
    (Source::Salesforce, "converteddate", 1),
    (Source::Salesforce, "ownerid", 1),
    (Source::Salesforce, "won", 1),
    (Source::Salesforce, "closed", 1),
    (Source::Salesforce, "leadsource", 1),
    (Source::Zoho, "closingdate", 2),
    (Source::Zoho, "createdtime", 2),
    (Source::Zoho, "reasonforloss", 2),
    (Source::Zoho, "reasonforlosss", 2),
    (Source::Zoho, "leadconversiontime", 2),
    (Source::Zoho, "overallsalesduration", 2),
    (Source::Zoho, "salescycleduration", 2),
    (Source::Zoho, "lastactivitytime", 2),
    (Source::Zoho, "dealname", 1),
    (Source::Zoho, "dealowner", 1),
];

const PIPEDRIVE_ENTITIES: [&str; 5] = ["Deal", "Lead", "Person", "Organization", "Activity"];

/// A source needs at least this much evidence; below it a file is `generic`.
const SOURCE_THRESHOLD: u32 = 3;

/// Decides the source from the headers.
pub fn detect_source(headers: &[String]) -> Source {
    let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
    let pipedrive = headers
        .iter()
        .filter(|h| {
            h.split_once(" - ")
                .is_some_and(|(entity, _)| PIPEDRIVE_ENTITIES.contains(&entity.trim()))
        })
        .count() as u32;
    let mut best = (Source::Generic, 0u32);
    for source in [Source::Hubspot, Source::Salesforce, Source::Zoho] {
        let score: u32 = SIGNATURES
            .iter()
            .filter(|(s, key, _)| *s == source && keys.iter().any(|k| k == key))
            .map(|(_, _, w)| w)
            .sum();
        if score > best.1 {
            best = (source, score);
        }
    }
    if pipedrive >= 2 && pipedrive >= best.1 {
        return Source::Pipedrive;
    }
    if best.1 >= SOURCE_THRESHOLD {
        best.0
    } else {
        Source::Generic
    }
}

/// Assigns columns to the fields of `kind`: each column to at most one field, each
/// field to at most one column, best-ranked synonyms first, then leftmost columns.
/// Returns the assignment and its weight.
pub fn map_columns(kind: Kind, keys: &[String]) -> (Vec<Option<&'static str>>, u32) {
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new(); // rank, field, column
    for (fi, spec) in kind.fields().iter().enumerate() {
        for (ci, key) in keys.iter().enumerate() {
            if let Some(rank) = spec.synonyms.iter().position(|s| s == key) {
                candidates.push((rank, fi, ci));
            }
        }
    }
    candidates.sort_unstable();
    let mut columns = vec![None; keys.len()];
    let mut taken = vec![false; kind.fields().len()];
    let mut weight = 0;
    for (_, fi, ci) in candidates {
        if taken[fi] || columns[ci].is_some() {
            continue;
        }
        taken[fi] = true;
        let spec = &kind.fields()[fi];
        columns[ci] = Some(spec.name);
        weight += spec.weight;
    }
    (columns, weight)
}

/// The required fields of `kind` that `columns` does not provide.
pub fn missing_required(kind: Kind, columns: &[Option<&'static str>]) -> Vec<&'static str> {
    kind.required()
        .iter()
        .filter(|alts| !alts.iter().any(|f| columns.contains(&Some(*f))))
        .map(|alts| alts[0])
        .collect()
}

/// Evidence below which a file that lacks a kind's required fields is simply not an
/// export of that kind (rather than an incomplete one).
const INCOMPLETE_THRESHOLD: u32 = 6;

/// Recognises a file from its headers.
pub fn recognise(headers: &[String]) -> Recognition {
    let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
    let source = detect_source(headers);
    let mut best: Option<(Kind, Vec<Option<&'static str>>, u32)> = None;
    let mut best_incomplete: Option<(Kind, Vec<&'static str>, u32)> = None;
    for kind in Kind::ALL {
        let (columns, weight) = map_columns(kind, &keys);
        let missing = missing_required(kind, &columns);
        if missing.is_empty() {
            if best.as_ref().is_none_or(|b| weight > b.2) {
                best = Some((kind, columns, weight));
            }
        } else if weight >= INCOMPLETE_THRESHOLD
            && best_incomplete.as_ref().is_none_or(|b| weight > b.2)
        {
            best_incomplete = Some((kind, missing, weight));
        }
    }
    // A complete kind wins unless an incomplete one has clearly more evidence.
    if let Some((kind, columns, weight)) = best {
        let dominated = best_incomplete
            .as_ref()
            .is_some_and(|(_, _, w)| *w >= weight + INCOMPLETE_THRESHOLD);
        if !dominated {
            return Recognition {
                kind: Some(kind),
                source,
                columns,
                reason: None,
                incomplete: None,
            };
        }
    }
    let incomplete = best_incomplete.map(|(k, missing, _)| (k, missing));
    let reason = Some(match &incomplete {
        Some((kind, missing)) => format!(
            "looks like {kind}, but has no column for {}",
            missing.join(" or ")
        ),
        None => not_an_export_reason(headers),
    });
    Recognition {
        kind: None,
        source,
        columns: vec![None; headers.len()],
        reason,
        incomplete,
    }
}

fn not_an_export_reason(headers: &[String]) -> String {
    let empty = headers.iter().filter(|h| h.trim().is_empty()).count();
    if empty * 2 > headers.len() {
        return format!(
            "a layout sheet, not data: {empty} of its {} header cells are empty",
            headers.len()
        );
    }
    let shown: Vec<&str> = headers.iter().take(8).map(String::as_str).collect();
    let more = if headers.len() > 8 { ", …" } else { "" };
    format!(
        "none of its columns ({}{more}) is a lead, deal, activity, owner or account field",
        shown.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(list: &str) -> Vec<String> {
        list.split(',').map(str::to_owned).collect()
    }

    fn field_of(r: &Recognition, headers: &[String], header: &str) -> Option<&'static str> {
        let i = headers.iter().position(|x| x == header).unwrap();
        r.columns[i]
    }

    #[test]
    fn hubspot_contacts() {
        let headers = h(
            "Record ID,First Name,Last Name,Email,Phone Number,Job Title,Company Name,Contact owner,Lifecycle Stage,Lead Status,Create Date,Country/Region,Last Activity Date,HubSpot Score,Original Source",
        );
        let r = recognise(&headers);
        assert_eq!(r.kind, Some(Kind::Leads));
        assert_eq!(r.source, Source::Hubspot);
        assert_eq!(field_of(&r, &headers, "Record ID"), Some("id"));
        assert_eq!(field_of(&r, &headers, "Create Date"), Some("created_at"));
        assert_eq!(field_of(&r, &headers, "Contact owner"), Some("owner"));
        assert_eq!(
            field_of(&r, &headers, "Lifecycle Stage"),
            Some("lifecycle_stage")
        );
        assert_eq!(field_of(&r, &headers, "Lead Status"), Some("status"));
        assert_eq!(field_of(&r, &headers, "HubSpot Score"), Some("score"));
        assert_eq!(field_of(&r, &headers, "Last Activity Date"), None);
    }

    #[test]
    fn hubspot_deals_in_both_capitalisations() {
        for owner in ["Deal owner", "Deal Owner"] {
            let headers = h(&format!(
                "Record ID,Deal Name,Deal Stage,Amount,{owner},Close Date,Create Date,Pipeline,Associated Company,Closed Lost Reason,Closed Won Reason"
            ));
            let r = recognise(&headers);
            assert_eq!(r.kind, Some(Kind::Deals));
            assert_eq!(r.source, Source::Hubspot);
            assert_eq!(field_of(&r, &headers, owner), Some("owner"));
            assert_eq!(field_of(&r, &headers, "Deal Stage"), Some("stage"));
            assert_eq!(
                field_of(&r, &headers, "Closed Lost Reason"),
                Some("close_reason")
            );
            assert_eq!(
                field_of(&r, &headers, "Closed Won Reason"),
                Some("won_reason")
            );
            assert_eq!(
                field_of(&r, &headers, "Associated Company"),
                Some("company")
            );
        }
    }

    #[test]
    fn salesforce_reports_and_api_names() {
        let headers = h(
            "Lead ID,Lead Owner,First Name,Last Name,Company / Account,Lead Status,Lead Source,Created Date,Converted,Converted Date",
        );
        let r = recognise(&headers);
        assert_eq!((r.kind, r.source), (Some(Kind::Leads), Source::Salesforce));
        assert_eq!(field_of(&r, &headers, "Converted"), Some("converted"));
        assert_eq!(field_of(&r, &headers, "Company / Account"), Some("company"));

        let headers =
            h("Opportunity ID,Opportunity Owner,Account Name,Stage,Amount,Close Date,Won,Closed");
        let r = recognise(&headers);
        assert_eq!((r.kind, r.source), (Some(Kind::Deals), Source::Salesforce));
        assert_eq!(field_of(&r, &headers, "Won"), Some("is_won"));
        assert_eq!(field_of(&r, &headers, "Closed"), Some("is_closed"));

        let headers = h("Id,CreatedDate,Status,OwnerId,IsConverted,ConvertedDate,Company,Email");
        let r = recognise(&headers);
        assert_eq!((r.kind, r.source), (Some(Kind::Leads), Source::Salesforce));

        let headers = h("id,created_date,stage_name,is_won,is_closed,owner_id,amount,close_date");
        let r = recognise(&headers);
        assert_eq!((r.kind, r.source), (Some(Kind::Deals), Source::Salesforce));
        assert_eq!(field_of(&r, &headers, "stage_name"), Some("stage"));
    }

    #[test]
    fn pipedrive_and_zoho() {
        let headers = h(
            "Deal - ID,Deal - Title,Deal - Value,Deal - Currency,Deal - Stage,Deal - Status,Deal - Owner,Deal - Organization,Deal - Deal created,Deal - Won time,Deal - Lost reason,Deal - Expected close date,Person - Email - Work",
        );
        let r = recognise(&headers);
        assert_eq!((r.kind, r.source), (Some(Kind::Deals), Source::Pipedrive));
        assert_eq!(field_of(&r, &headers, "Deal - Status"), Some("outcome"));
        assert_eq!(
            field_of(&r, &headers, "Deal - Lost reason"),
            Some("close_reason")
        );
        assert_eq!(
            field_of(&r, &headers, "Deal - Deal created"),
            Some("created_at")
        );
        assert_eq!(
            field_of(&r, &headers, "Person - Email - Work"),
            Some("contact_email")
        );

        let headers = h(
            "Deal Owner,Deal Name,Stage,Amount,Closing Date,Created Time,Reason For Loss,Record Id",
        );
        let r = recognise(&headers);
        assert_eq!((r.kind, r.source), (Some(Kind::Deals), Source::Zoho));
        assert_eq!(field_of(&r, &headers, "Closing Date"), Some("close_date"));
        assert_eq!(
            field_of(&r, &headers, "Reason For Loss"),
            Some("close_reason")
        );
    }

    #[test]
    fn maven_crm_files() {
        let pipeline = h(
            "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value",
        );
        let r = recognise(&pipeline);
        assert_eq!((r.kind, r.source), (Some(Kind::Deals), Source::Generic));
        assert_eq!(
            r.columns,
            [
                Some("id"),
                Some("owner"),
                None,
                Some("company"),
                Some("stage"),
                None,
                Some("close_date"),
                Some("amount")
            ]
        );
        let accounts =
            h("account,sector,year_established,revenue,employees,office_location,subsidiary_of");
        assert_eq!(recognise(&accounts).kind, Some(Kind::Accounts));
        let teams = h("sales_agent,manager,regional_office");
        assert_eq!(recognise(&teams).kind, Some(Kind::Owners));

        let products = recognise(&h("product,series,sales_price"));
        assert_eq!(products.kind, None);
        assert_eq!(
            products.reason.as_deref(),
            Some(
                "none of its columns (product, series, sales_price) is a lead, deal, activity, owner or account field"
            )
        );
        let dictionary = recognise(&h("accounts,,,,,,,,,sales_teams,,,,"));
        assert_eq!(dictionary.kind, None);
        assert!(
            dictionary
                .reason
                .unwrap()
                .starts_with("a layout sheet, not data")
        );
    }

    #[test]
    fn activities_and_owners() {
        let headers = h(
            "Activity ID,Associated Contact ID,Activity Date,Activity Type,Direction,Activity assigned to",
        );
        let r = recognise(&headers);
        assert_eq!(r.kind, Some(Kind::Activities));
        assert_eq!(
            field_of(&r, &headers, "Associated Contact ID"),
            Some("record_id")
        );
        assert_eq!(
            field_of(&r, &headers, "Activity assigned to"),
            Some("owner")
        );

        let headers =
            h("Owner,Email,Team,Active,Territory,Capacity,Out of Office From,Out of Office To");
        let r = recognise(&headers);
        assert_eq!(r.kind, Some(Kind::Owners));
        assert_eq!(
            field_of(&r, &headers, "Out of Office To"),
            Some("out_of_office_to")
        );
    }

    #[test]
    fn a_deals_file_without_id_is_incomplete() {
        let r = recognise(&h(
            "Deal Name,Deal Stage,Amount,Close Date,Closed Lost Reason",
        ));
        assert_eq!(r.kind, None);
        assert_eq!(r.incomplete, Some((Kind::Deals, vec!["id"])));
    }
}
