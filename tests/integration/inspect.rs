//! `leadaudit inspect` on the bundled sample workspace: every file recognised as what it
//! is, with the row counts `sample-data/truth.json` records, Salesforce's report footers
//! dropped, and the mapping it emits reading the files the same way again.

use serde_json::Value;

use crate::harness::{leadaudit, repo};

fn inspect(args: &[String]) -> Value {
    let mut all = vec![
        "inspect".to_owned(),
        "--json".to_owned(),
        "--timezone".to_owned(),
        "America/New_York".to_owned(),
    ];
    all.extend_from_slice(args);
    let run = leadaudit(&repo(), &all);
    serde_json::from_str(run.ok()).unwrap_or_else(|e| panic!("{e}\n{run}"))
}

fn truth() -> Value {
    serde_json::from_str(&std::fs::read_to_string(repo().join("sample-data/truth.json")).unwrap())
        .unwrap()
}

#[test]
fn hubspot_quarters_are_recognised_with_their_row_counts() {
    let truth = truth();
    for q in ["2026Q2", "2026Q3"] {
        let dir = format!("sample-data/hubspot-{q}");
        let files: Vec<String> = ["contacts", "deals", "engagements", "owners"]
            .iter()
            .map(|f| format!("{dir}/{f}.csv"))
            .collect();
        let json = inspect(&files);
        let expect = [
            (
                "contacts.csv",
                "leads",
                truth["quarters"][q]["contacts"].clone(),
            ),
            ("deals.csv", "deals", truth["quarters"][q]["deals"].clone()),
            (
                "engagements.csv",
                "activities",
                truth["quarters"][q]["activities"].clone(),
            ),
            ("owners.csv", "owners", Value::Null),
        ];
        for (i, (name, kind, rows)) in expect.iter().enumerate() {
            let f = &json["files"][i];
            assert_eq!(f["path"], *name, "{q}");
            assert_eq!(f["kind"], *kind, "{q} {name}");
            // The roster is the company's own spreadsheet, not a CRM export.
            let source = if *name == "owners.csv" {
                "generic"
            } else {
                "hubspot"
            };
            assert_eq!(f["source"], source, "{q} {name}");
            if !rows.is_null() {
                assert_eq!(f["rows"], *rows, "{q} {name}");
            }
        }
        let deals = &json["files"][1];
        // Every planted stage-label variant reads as the outcome it means.
        let outcome = &deals["values"]["outcome"];
        assert_eq!(outcome["Closed won "], Value::Null, "labels are trimmed");
        assert_eq!(outcome["Closed won"], "won", "{outcome}");
        assert_eq!(outcome["Closed-Lost"], "lost", "{outcome}");
    }
}

#[test]
fn salesforce_report_exports_drop_their_footers() {
    let truth = truth();
    let json = inspect(&[
        "sample-data/salesforce/leads.csv".to_owned(),
        "sample-data/salesforce/opportunities.csv".to_owned(),
    ]);
    let leads = &json["files"][0];
    let opps = &json["files"][1];
    assert_eq!(
        (leads["kind"].as_str(), leads["source"].as_str()),
        (Some("leads"), Some("salesforce"))
    );
    assert_eq!(
        (opps["kind"].as_str(), opps["source"].as_str()),
        (Some("deals"), Some("salesforce"))
    );
    assert_eq!(leads["rows"], truth["salesforce"]["leads"]);
    assert_eq!(opps["rows"], truth["salesforce"]["opportunities"]);
    assert_eq!(leads["encoding"], "UTF-8 with BOM");
    for f in [leads, opps] {
        let w = f["warnings"][0].as_str().unwrap();
        assert!(
            w.starts_with("dropped 5 report footer line(s) at the end: Grand Totals"),
            "{w}"
        );
    }
    let created = leads["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Created Date")
        .unwrap();
    assert_eq!(created["field"], "created_at");
    assert_eq!(created["date_format"], "%m/%d/%Y %I:%M %p");
}

#[test]
fn the_emitted_mapping_reads_the_files_the_same_way() {
    let files: Vec<String> = ["contacts", "deals", "engagements", "owners"]
        .iter()
        .map(|f| format!("sample-data/hubspot-2026Q2/{f}.csv"))
        .collect();
    let first = inspect(&files);
    let mut args = vec![
        "inspect".to_owned(),
        "--emit-mapping".to_owned(),
        "--timezone".to_owned(),
        "America/New_York".to_owned(),
    ];
    args.extend(files.iter().cloned());
    let emitted = leadaudit(&repo(), &args).ok().to_owned();
    let tmp = tempfile::tempdir().unwrap();
    let mapping = tmp.path().join("mapping.toml");
    std::fs::write(&mapping, &emitted).unwrap();
    let mut again_args = vec!["--mapping".to_owned(), mapping.display().to_string()];
    again_args.extend(files);
    let again = inspect(&again_args);
    assert_eq!(first["files"], again["files"]);
}
