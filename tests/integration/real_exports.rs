//! The real public exports in `../shared/real-exports/` (skipped with a notice when that
//! folder is absent). Expected figures were computed independently with Python's csv
//! module from the files themselves.

use leadaudit::ingest::{self, Kind, Options};
use polars::prelude::*;
use serde_json::Value;

use crate::harness::{leadaudit, real_exports};

fn maven_files() -> Option<Vec<String>> {
    let dir = real_exports("maven-crm")?;
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| p.ends_with(".csv"))
        .collect();
    files.sort();
    Some(files)
}

fn file<'a>(json: &'a Value, name: &str) -> &'a Value {
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == name)
        .unwrap_or_else(|| panic!("{name} not in {json}"))
}

fn column<'a>(file: &'a Value, name: &str) -> &'a Value {
    file["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no column {name} in {file}"))
}

#[test]
fn maven_crm_inspect_json() {
    let Some(files) = maven_files() else { return };
    let mut args = vec!["inspect".to_owned(), "--json".to_owned()];
    args.extend(files);
    let run = leadaudit(&std::env::temp_dir(), &args);
    let json: Value = serde_json::from_str(run.ok()).unwrap_or_else(|e| panic!("{e}\n{run}"));

    let pipeline = file(&json, "sales_pipeline.csv");
    assert_eq!(pipeline["kind"], "deals");
    assert_eq!(pipeline["rows"], 8800);
    for date in ["close_date", "engage_date"] {
        assert_eq!(column(pipeline, date)["date_format"], "%m/%d/%Y", "{date}");
    }
    let fields = [
        ("opportunity_id", "id"),
        ("sales_agent", "owner"),
        ("close_value", "amount"),
        ("account", "company"),
        ("deal_stage", "stage"),
        ("close_date", "close_date"),
    ];
    for (name, field) in fields {
        assert_eq!(column(pipeline, name)["field"], field, "{name}");
    }
    assert_eq!(column(pipeline, "engage_date")["field"], Value::Null);
    assert_eq!(column(pipeline, "product")["field"], Value::Null);
    let outcome = &pipeline["values"]["outcome"];
    assert_eq!(outcome["Won"], "won");
    assert_eq!(outcome["Lost"], "lost");
    assert_eq!(outcome["Engaging"], "open");
    assert_eq!(outcome["Prospecting"], "open");

    assert_eq!(file(&json, "accounts.csv")["kind"], "accounts");
    assert_eq!(file(&json, "sales_teams.csv")["kind"], "owners");
    for unused in ["products.csv", "data_dictionary.csv"] {
        let f = file(&json, unused);
        assert_eq!(f["kind"], "not_used", "{unused}");
        assert!(
            f["reason"].as_str().is_some_and(|r| !r.is_empty()),
            "{unused}"
        );
    }
    assert!(run.stderr.is_empty(), "{run}");
}

fn count(df: &DataFrame, e: Expr) -> u32 {
    df.clone()
        .lazy()
        .select([e.cast(DataType::UInt32).sum().alias("n")])
        .collect()
        .unwrap()
        .column("n")
        .unwrap()
        .get(0)
        .unwrap()
        .extract::<u32>()
        .unwrap()
}

#[test]
fn maven_crm_canonical_tables() {
    let Some(files) = maven_files() else { return };
    let paths: Vec<std::path::PathBuf> = files.iter().map(Into::into).collect();
    let import = ingest::load(
        &paths,
        &mut Options {
            timezone: "UTC".into(),
            ..Options::default()
        },
    )
    .unwrap();
    let deals = import.tables.get(Kind::Deals).unwrap();
    assert_eq!(deals.height(), 8800);
    assert_eq!(count(deals, col("outcome").eq(lit("won"))), 4238);
    assert_eq!(count(deals, col("outcome").eq(lit("lost"))), 2473);
    assert_eq!(count(deals, col("outcome").eq(lit("open"))), 2089);
    assert_eq!(count(deals, col("close_date").is_null()), 2089);
    assert_eq!(count(deals, col("company").is_null()), 1425);
    assert_eq!(count(deals, col("amount").is_not_null()), 6711);
    let total = deals
        .clone()
        .lazy()
        .select([col("amount").sum()])
        .collect()
        .unwrap();
    assert_eq!(
        total
            .column("amount")
            .unwrap()
            .get(0)
            .unwrap()
            .extract::<f64>(),
        Some(10_005_534.0)
    );
    // The first record: 1C1I7A6R, Moses Frase, Cancity, Won, closed 3/1/2017.
    let first = deals
        .clone()
        .lazy()
        .filter(col("id").eq(lit("1C1I7A6R")))
        .select([
            col("owner"),
            col("company"),
            col("close_date").dt().to_string("%Y-%m-%d"),
            col("_line"),
        ])
        .collect()
        .unwrap();
    let get = |c: &str| first.column(c).unwrap().get(0).unwrap().to_string();
    assert_eq!(get("owner"), "\"Moses Frase\"");
    assert_eq!(get("company"), "\"Cancity\"");
    assert_eq!(get("close_date"), "\"2017-03-01\"");
    assert_eq!(get("_line"), "2");

    let owners = import.tables.get(Kind::Owners).unwrap();
    assert_eq!(owners.height(), 35);
    assert_eq!(count(owners, col("territory").eq(lit("East"))), 12);
    let accounts = import.tables.get(Kind::Accounts).unwrap();
    assert_eq!(accounts.height(), 85);
    assert_eq!(count(accounts, col("industry").eq(lit("technolgy"))), 12);
    assert!(import.tables.get(Kind::Leads).is_none());
}
