//! Exports with generic headers (issue #12): an Olist-like pair of snake_case files
//! in `tests/data/generic/` (invented data) with day-first dates and a link by id, a
//! lead file with no date, files that cannot be used, and a mapping file that says what
//! it did not use.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::harness::{leadaudit, repo};

fn generic_dir() -> PathBuf {
    repo().join("tests").join("data").join("generic")
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

fn column<'a>(file: &'a Value, name: &str) -> &'a Value {
    file["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

#[test]
fn generic_headers_are_recognised_with_their_link_and_day_first_dates() {
    let run = leadaudit(
        &generic_dir(),
        &[
            "inspect",
            "--json",
            "--timezone",
            "UTC",
            "mql-leads.csv",
            "closed-deals.csv",
        ],
    );
    let json: Value = serde_json::from_str(run.ok()).unwrap();
    let leads = &json["files"][0];
    assert_eq!(leads["kind"], "leads");
    assert_eq!(leads["band"], "medium", "{}", leads["confidence"]);
    assert_eq!(column(leads, "mql_id")["field"], "id");
    assert!(column(leads, "mql_id")["guess"].is_string());
    let first = column(leads, "first_contact_date");
    assert_eq!(first["field"], "created_at");
    assert_eq!(first["date_format"], "%d-%m-%Y");
    assert_eq!(column(leads, "origin")["field"], "source");
    assert_eq!(column(leads, "origin")["guess"], Value::Null);

    let deals = &json["files"][1];
    assert_eq!(deals["kind"], "deals");
    assert_eq!(deals["band"], "medium", "{}", deals["confidence"]);
    assert_eq!(column(deals, "mql_id")["field"], "lead_id");
    assert_eq!(column(deals, "seller_id")["field"], "id");
    let won = column(deals, "won_date");
    assert_eq!(won["field"], "close_date");
    assert_eq!(won["date_format"], "%d-%m-%Y %H:%M");
    assert_eq!(
        deals["links"],
        serde_json::json!([{
            "field": "lead_id",
            "column": "mql_id",
            "to": ["mql-leads.csv"],
            "matched": 20,
            "distinct": 20,
            "by_content": false
        }])
    );
    assert_eq!(deals["values"]["outcome"]["won"], "won");
    let fix = deals["fix"].as_str().unwrap();
    assert!(fix.contains("kind = \"deals\""), "{fix}");
    assert!(
        fix.contains("[file.constants]\noutcome = \"won\"  # guess: "),
        "{fix}"
    );

    // The text says how sure it is and shows each guess.
    let run = leadaudit(
        &generic_dir(),
        &[
            "inspect",
            "--timezone",
            "UTC",
            "mql-leads.csv",
            "closed-deals.csv",
        ],
    );
    let out = run.ok();
    assert!(out.contains("  confidence: medium ("), "{out}");
    assert!(
        out.contains(
            "  link: lead_id = \"mql_id\" -> mql-leads.csv: 20 of its 20 values are lead ids"
        ),
        "{out}"
    );
    assert!(
        out.contains("warning: guessed the constant outcome = \"won\""),
        "{out}"
    );
}

#[test]
fn generic_files_are_audited_end_to_end() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("olist.leadaudit");
    let dir = generic_dir();
    let run = leadaudit(
        &dir,
        &[
            "audit",
            "--workspace",
            ws.to_str().unwrap(),
            "--name",
            "2026 H1",
            "--timezone",
            "UTC",
            "--json",
            "mql-leads.csv",
            "closed-deals.csv",
        ],
    );
    let json: Value = serde_json::from_str(run.ok()).unwrap();
    assert!(json["audit"]["id"].as_i64().is_some(), "{json}");
    assert!(
        json["verdict"].is_object() || json["verdict"].is_string(),
        "{json}"
    );
    assert_eq!(json["inputs"]["files"][1]["kind"], "deals", "{json}");
    let run = leadaudit(
        &dir,
        &[
            "baseline",
            "--json",
            "--timezone",
            "UTC",
            "mql-leads.csv",
            "closed-deals.csv",
        ],
    );
    let b: Value = serde_json::from_str(run.ok()).unwrap();
    assert_eq!(
        (b["leads"].as_u64(), b["deals"].as_u64()),
        (Some(60), Some(20))
    );
    // Every deal is won (its won date), and linked to its lead by mql_id: lead to won
    // is 20 of 60, and the cycle time runs from the lead's first contact (day-first) to
    // the won date (day-first, with a time).
    assert_eq!(b["deals_won"].as_u64(), Some(20));
    assert_eq!(b["win_rate"].as_f64(), Some(1.0));
    let to_won = b["lead_to_won"].as_f64().unwrap();
    assert!((to_won - 20.0 / 60.0).abs() < 1e-9, "{to_won}");
    let cycle = b["cycle_time_days_median"].as_f64().unwrap();
    assert!((20.0..60.0).contains(&cycle), "{cycle}");
}

#[test]
fn no_verdict_when_no_file_can_be_used() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "products.csv",
        "product,series,sales_price\nA,x,10\nB,y,20\n",
    );
    write(tmp.path(), "notes.csv", "foo,bar\n1,2\n");
    let run = leadaudit(
        tmp.path(),
        &[
            "audit",
            "--workspace",
            "w.leadaudit",
            "--name",
            "Q",
            "--timezone",
            "UTC",
            "products.csv",
            "notes.csv",
        ],
    );
    assert_eq!(run.code, Some(2), "{run}");
    assert!(!run.stdout.contains("verdict"), "{run}");
    assert!(
        run.stderr.contains(
            "none of the files can be used, so there is nothing to audit (products.csv: none of its columns (product, series, sales_price) is a lead, deal, activity, owner or account field"
        ),
        "{run}"
    );
    assert!(!tmp.path().join("w.leadaudit").exists());
    for command in ["findings", "baseline", "readiness"] {
        let run = leadaudit(
            tmp.path(),
            &[command, "--timezone", "UTC", "products.csv", "notes.csv"],
        );
        assert_eq!(run.code, Some(2), "{command}: {run}");
        assert!(
            run.stderr.contains("none of the files can be used"),
            "{command}: {run}"
        );
    }
    // inspect reads them, and gives its best guess.
    let run = leadaudit(tmp.path(), &["inspect", "products.csv", "notes.csv"]);
    let out = run.ok();
    assert!(
        out.contains("products.csv: not used: none of its columns"),
        "{out}"
    );
    assert!(
        out.contains("  unrecognised; best guess: deals (low confidence, "),
        "{out}"
    );
    assert!(out.contains("notes.csv: not used: "), "{out}");
}

/// A lead file with no date (like the X Education dataset): read, not refused, by
/// inspect, which names what is missing, what that disables and the lines to add.
#[test]
fn inspect_reads_a_dateless_lead_file_with_its_guesses_and_the_lines_to_fix_it() {
    // The X Education shape: no creation date, no e-mail. It is read as leads all the
    // same (the figures that need a date are not available), and every guess is said.
    let tmp = tempfile::tempdir().unwrap();
    let mut csv = String::from(
        "Prospect ID,Lead Number,Lead Origin,Lead Source,Do Not Email,Converted,Country,Lead Quality\n",
    );
    for i in 0..30 {
        csv.push_str(&format!(
            "p-{i:04},{},Landing Page Submission,Google,No,{},India,Select\n",
            660_000 + i,
            i % 3 == 0
        ));
    }
    write(tmp.path(), "Leads.csv", &csv);
    let run = leadaudit(tmp.path(), &["inspect", "Leads.csv"]);
    let out = run.ok();
    assert!(
        out.starts_with("Leads.csv: leads (generic), 30 rows"),
        "{out}"
    );
    assert!(out.contains("  confidence: low ("), "{out}");
    assert!(
        out.contains("  Prospect ID   -> id  (guess: its name reads as an id"),
        "{out}"
    );
    assert!(
        out.contains("  required: created_at (disables: lead volume by period;"),
        "{out}"
    );
    assert!(
        out.contains("warning: no creation date column: the figures and findings that need it are not available"),
        "{out}"
    );
    assert!(out.contains("    kind = \"leads\"  # "), "{out}");
    assert!(out.contains("    id = \"Prospect ID\"  # guess: "), "{out}");
    assert!(
        out.contains(
            "    # created_at = \"<column header>\"  # required: name the column that holds it"
        ),
        "{out}"
    );
    let run = leadaudit(tmp.path(), &["inspect", "--json", "Leads.csv"]);
    let json: Value = serde_json::from_str(run.ok()).unwrap();
    let f = &json["files"][0];
    assert_eq!(f["kind"], "leads");
    assert!(f["confidence"].as_u64().unwrap() > 0);
    assert_eq!(f["missing"][0]["field"], "created_at");
    assert_eq!(f["missing"][0]["required"], true);
}

#[test]
fn the_mapping_file_says_what_it_did_not_use() {
    let tmp = tempfile::tempdir().unwrap();
    let mut csv = String::from("Record ID,Email,Create Date,Lead Status\n");
    for i in 0..20 {
        csv.push_str(&format!("{i},u{i}@x.com,2026-07-{:02} 09:00,New\n", 1 + i));
    }
    // Last quarter's entry, kept in the mapping; this quarter's file has a new name.
    write(tmp.path(), "contacts-2026Q3.csv", &csv);
    write(
        tmp.path(),
        "deals.csv",
        "Deal ID,Stage,Amount\nD1,Closed Won,10\nD2,Lost,0\n",
    );
    write(
        tmp.path(),
        "m.toml",
        r#"timezone = "UTC"

[[file]]
path = "contacts-2026Q2.csv"
kind = "leads"
[file.columns]
id = "Record ID"
created_at = "Create Date"
[file.date_formats]
"Create Date" = "%Y-%m-%d %H:%M"

[[file]]
path = "deals.csv"
kind = "deals"
[file.date_formats]
"Closed On" = "%d/%m/%Y"
[file.values.outcome]
"Closed Won" = "won"
"Won (old)" = "won"

[[file]]
path = "accounts.csv"
kind = "accounts"
"#,
    );
    let run = leadaudit(
        tmp.path(),
        &[
            "inspect",
            "--mapping",
            "m.toml",
            "contacts-2026Q3.csv",
            "deals.csv",
        ],
    );
    let out = run.ok();
    for expected in [
        "  warning: read with the mapping's entry for path = \"contacts-2026Q2.csv\" (m.toml, line 4): a file of the same kind with the same columns, under a new name; add an entry for \"contacts-2026Q3.csv\" to the mapping file to make it its own",
        "  warning: m.toml, line 16: [file.date_formats] names the column \"Closed On\", which deals.csv does not have; it was not used",
        "  warning: m.toml, line 19: [file.values.outcome] maps \"Won (old)\", which is no value of outcome in deals.csv; it was not used",
        "warning: m.toml, line 22: the entry for path = \"accounts.csv\" matched none of the files read; it was not used (check the file name)",
    ] {
        assert!(out.contains(expected), "{expected}\n{out}");
    }
    assert!(out.starts_with("contacts-2026Q3.csv: leads ("), "{out}");
    let run = leadaudit(
        tmp.path(),
        &[
            "inspect",
            "--json",
            "--mapping",
            "m.toml",
            "contacts-2026Q3.csv",
            "deals.csv",
        ],
    );
    let json: Value = serde_json::from_str(run.ok()).unwrap();
    assert_eq!(
        json["mapping_warnings"][0],
        "m.toml, line 22: the entry for path = \"accounts.csv\" matched none of the files read; it was not used (check the file name)"
    );

    // Every command that reads the files says the same, the same way, on standard error
    // (standard output stays the command's own, JSON included).
    let said = [
        "warning: contacts-2026Q3.csv: read with the mapping's entry for path = \"contacts-2026Q2.csv\" (m.toml, line 4)",
        "warning: deals.csv: m.toml, line 16: [file.date_formats] names the column \"Closed On\", which deals.csv does not have; it was not used",
        "warning: deals.csv: m.toml, line 19: [file.values.outcome] maps \"Won (old)\", which is no value of outcome in deals.csv; it was not used",
        "warning: m.toml, line 22: the entry for path = \"accounts.csv\" matched none of the files read; it was not used (check the file name)",
    ];
    let files = ["--mapping", "m.toml", "contacts-2026Q3.csv", "deals.csv"];
    let commands: [&[&str]; 6] = [
        &["baseline"],
        &["findings"],
        &["findings", "--json"],
        &["readiness"],
        &["inspect", "--emit-mapping"],
        &["audit", "--workspace", "w.leadaudit", "--name", "Q3"],
    ];
    for command in commands {
        let args: Vec<&str> = command.iter().chain(&files).copied().collect();
        let run = leadaudit(tmp.path(), &args);
        let out = run.ok();
        for expected in said {
            assert!(run.stderr.contains(expected), "{expected}\n{run}");
            assert!(!out.contains("matched none of the files read"), "{run}");
        }
    }
}

fn layout(name: &str) -> String {
    repo()
        .join("tests/data/layout")
        .join(name)
        .display()
        .to_string()
}

/// `inspect --json` of one file of `tests/data/layout/`, with extra arguments.
fn inspect_layout(name: &str, extra: &[&str]) -> Value {
    let tmp = tempfile::tempdir().unwrap();
    let file = layout(name);
    let mut args = vec!["inspect", "--json", "--timezone", "UTC"];
    args.extend(extra);
    args.push(&file);
    let run = leadaudit(tmp.path(), &args);
    let json: Value = serde_json::from_str(run.ok()).unwrap();
    json["files"][0].clone()
}

fn names_and_fields(file: &Value) -> Vec<(String, String)> {
    file["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_owned(),
                c["field"].as_str().unwrap_or("-").to_owned(),
            )
        })
        .collect()
}

/// A group row above the header: the names below it are the header, the records start
/// after them, lines keep their numbers, and the output says what was assumed.
#[test]
fn a_group_row_above_the_header_is_not_the_header() {
    let f = inspect_layout("grouped-header.csv", &[]);
    assert_eq!(f["kind"], "leads");
    assert_eq!(f["rows"], 5);
    assert_eq!(
        names_and_fields(&f),
        [
            ("Record ID", "id"),
            ("Email", "email"),
            ("Create Date", "created_at"),
            ("Lead Status", "status"),
            ("Contact owner", "owner"),
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    let warnings: Vec<&str> = f["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        warnings,
        [
            "the header is on two lines: line 1 groups the columns (\"Contact\", \"Lifecycle\") and line 2 names them; the names of line 2 are used",
            "1 record(s) with every field empty, e.g. line 5",
        ]
    );
}

/// Names broken over two lines ("Deal" over "ID"): each column's two parts are joined.
#[test]
fn a_header_broken_over_two_lines_is_joined() {
    let f = inspect_layout("split-header.csv", &[]);
    assert_eq!(f["kind"], "deals");
    assert_eq!(f["rows"], 3);
    assert_eq!(
        names_and_fields(&f),
        [
            ("Deal ID", "id"),
            ("Deal Stage", "stage"),
            ("Deal Amount", "amount"),
            ("Close Date", "close_date"),
            ("Owner", "owner"),
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(
        f["warnings"][0],
        "the header is on two lines (1 and 2): each column's name is its two parts joined (\"Deal ID\", \"Deal Stage\", \"Deal Amount\", \"Close Date\", …)"
    );
}

/// A file with no header: its first line is a record, the columns are "column 1" to
/// "column N" and the output says so; named in the mapping file, it is audited.
#[test]
fn a_file_without_a_header_is_read_from_its_first_line() {
    let f = inspect_layout("headerless.csv", &[]);
    assert_eq!(f["kind"], "not_used");
    assert_eq!(f["rows"], 4);
    let said = "line 1 holds data, not a header (values that read as numbers, dates or email addresses, where the records below have them): it is read as a record, and the columns are named column 1 to column 4; name the ones the audit needs under [file.columns] in the mapping file";
    assert_eq!(f["warnings"][0], said);

    let mapping = layout("headerless.mapping.toml");
    let f = inspect_layout("headerless.csv", &["--mapping", &mapping]);
    assert_eq!(f["kind"], "leads");
    assert_eq!(f["rows"], 4);
    assert_eq!(column(&f, "column 3")["field"], "created_at");
    assert_eq!(f["warnings"][0], said);

    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("w.leadaudit").display().to_string();
    let file = layout("headerless.csv");
    let run = leadaudit(
        tmp.path(),
        &[
            "audit",
            "--workspace",
            &ws,
            "--name",
            "Q2",
            "--timezone",
            "UTC",
            "--json",
            "--mapping",
            &mapping,
            &file,
        ],
    );
    let result: Value = serde_json::from_str(run.ok()).unwrap();
    // The first line is one of the four leads.
    assert_eq!(result["baseline"]["leads"], 4);
    assert!(
        result["inputs"]["files"][0]["warnings"][0]
            .as_str()
            .unwrap()
            .starts_with("line 1 holds data, not a header")
    );
}
