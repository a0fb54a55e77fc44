//! Which CRM a file was exported from, told by the signatures of its headers.

use super::*;

/// Header keys that only (or mostly) one CRM writes, with how much each says.
pub(super) const SIGNATURES: &[(Source, &str, u32)] = &[
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

pub(super) const PIPEDRIVE_ENTITIES: [&str; 5] =
    ["Deal", "Lead", "Person", "Organization", "Activity"];

/// A source needs at least this much evidence; below it a file is `generic`.
pub(super) const SOURCE_THRESHOLD: u32 = 3;

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
