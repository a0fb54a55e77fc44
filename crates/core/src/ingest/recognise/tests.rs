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

    let headers =
        h("Deal Owner,Deal Name,Stage,Amount,Closing Date,Created Time,Reason For Loss,Record Id");
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
