//! Workbooks (#12): XLSX, XLS and ODS sheets are read as files (`book.xlsx#Deals`).
//!
//! The XLSX copy of the sample workspace is written here from `sample-data/`'s CSV
//! files, one workbook per folder and one sheet per file, the way a spreadsheet holds
//! them once opened: numbers as numbers, dates and timestamps as date-formatted cells
//! (Salesforce's US dates too), `true`/`false` as booleans, the rest as text. Its audit
//! must be the CSVs' audit, figure for figure.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use leadaudit::audit::{self, Request};
use leadaudit::ingest::{self, Options};
use leadaudit::metrics::Period;
use leadaudit::settings::Settings;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::Value;

use crate::harness::{leadaudit, repo};

fn csv_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    files.sort();
    files
}

/// A date or timestamp as the sample writes them (ISO, or Salesforce's US format).
fn as_datetime(v: &str) -> Option<NaiveDateTime> {
    for f in ["%Y-%m-%d %H:%M", "%m/%d/%Y %I:%M %p"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(v, f) {
            return Some(t);
        }
    }
    ["%Y-%m-%d", "%m/%d/%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(v, f).ok())
        .and_then(|d| d.and_hms_opt(0, 0, 0))
}

/// A number a spreadsheet would take as one (not an id with leading zeros or a phone).
fn as_number(v: &str) -> Option<f64> {
    let plain = v
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == '-');
    let leading_zero = v.len() > 1 && v.starts_with('0') && !v.starts_with("0.");
    (plain && !leading_zero && v.len() < 16)
        .then(|| v.parse().ok())
        .flatten()
}

/// One workbook holding each CSV file of `dir` as a sheet named after it.
fn write_workbook(dir: &Path, out: &Path) {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let stamp = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    for csv_path in csv_files(dir) {
        let sheet = book.add_worksheet();
        sheet
            .set_name(csv_path.file_stem().unwrap().to_string_lossy())
            .unwrap();
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_path(&csv_path)
            .unwrap();
        for (r, record) in rdr.records().enumerate() {
            let record = record.unwrap();
            for (c, v) in record.iter().enumerate() {
                let v = v.trim_start_matches('\u{feff}');
                let (row, col) = (r as u32, c as u16);
                if v.is_empty() {
                    continue;
                }
                if r == 0 {
                    sheet.write_string(row, col, v).unwrap();
                } else if let Some(t) = as_datetime(v) {
                    let at =
                        ExcelDateTime::from_ymd(t.year() as u16, t.month() as u8, t.day() as u8)
                            .unwrap()
                            .and_hms(t.hour() as u16, t.minute() as u8, t.second())
                            .unwrap();
                    let format = if t.time() == chrono::NaiveTime::MIN {
                        &date
                    } else {
                        &stamp
                    };
                    sheet
                        .write_datetime_with_format(row, col, &at, format)
                        .unwrap();
                } else if let Some(n) = as_number(v) {
                    sheet.write_number(row, col, n).unwrap();
                } else if v == "true" || v == "false" {
                    sheet.write_boolean(row, col, v == "true").unwrap();
                } else {
                    sheet.write_string(row, col, v).unwrap();
                }
            }
        }
    }
    book.save(out).unwrap();
}

fn audit_of(files: Vec<PathBuf>) -> audit::AuditResult {
    audit::run(Request {
        name: "sample".into(),
        files,
        mapping: None,
        settings: Settings {
            timezone: "America/New_York".into(),
            ..Settings::default()
        },
        period: Period::all(),
        progress: None,
        stage: None,
        strict: false,
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

/// The audit's figures, findings, checks, verdict and readiness, with each CSV file's
/// name replaced by its sheet's.
fn figures(result: &audit::AuditResult, renames: &[(String, String)]) -> Value {
    let mut text = serde_json::to_string(&serde_json::json!({
        "baseline": result.baseline,
        "findings": result.findings,
        "checks": result.checks,
        "verdict": result.verdict,
        "readiness": result.readiness,
    }))
    .unwrap();
    for (from, to) in renames {
        text = text.replace(from.as_str(), to);
    }
    serde_json::from_str(&text).unwrap()
}

#[test]
fn an_xlsx_copy_of_the_sample_workspace_gives_the_same_audit() {
    let tmp = tempfile::tempdir().unwrap();
    for folder in ["hubspot-2026Q2", "hubspot-2026Q3", "salesforce"] {
        let dir = repo().join("sample-data").join(folder);
        let book = tmp.path().join(format!("{folder}.xlsx"));
        write_workbook(&dir, &book);

        let csvs = csv_files(&dir);
        let renames: Vec<(String, String)> = csvs
            .iter()
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
                (name, format!("{folder}.xlsx#{stem}"))
            })
            .collect();
        let from_csv = audit_of(csvs.clone());
        let from_xlsx = audit_of(vec![book.clone()]);

        // Every sheet is read, as the CSV file it came from.
        let kinds = |r: &audit::AuditResult| -> Vec<(String, String, usize)> {
            r.inputs
                .files
                .iter()
                .map(|f| (f.kind.clone(), f.source.clone(), f.rows))
                .collect()
        };
        assert_eq!(kinds(&from_xlsx), kinds(&from_csv), "{folder}");
        let paths: Vec<&str> = from_xlsx
            .inputs
            .files
            .iter()
            .map(|f| f.path.as_str())
            .collect();
        let want: Vec<&str> = renames.iter().map(|(_, to)| to.as_str()).collect();
        assert_eq!(paths, want, "{folder}");
        assert!(
            from_xlsx.inputs.files.iter().all(|f| f.sha256.len() == 64),
            "each sheet is hashed by its workbook"
        );
        assert_eq!(
            figures(&from_xlsx, &[]),
            figures(&from_csv, &renames),
            "{folder}: the XLSX copy's audit differs from the CSVs'"
        );
    }
}

/// A small workbook: a title row above the header, a date column of date cells, one of
/// raw serials under a date header, and a second, empty sheet.
fn small_book(path: &Path, dates: &[&str]) {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let sheet = book.add_worksheet();
    sheet.set_name("Leads").unwrap();
    sheet
        .write_string(0, 0, "Leads export, all owners")
        .unwrap();
    for (c, h) in [
        "Record ID",
        "Email",
        "Create Date",
        "Contact owner",
        "Lifecycle Stage",
        "Last Activity Date",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    for (i, d) in dates.iter().enumerate() {
        let row = 3 + i as u32;
        sheet.write_number(row, 0, 100.0 + i as f64).unwrap();
        sheet
            .write_string(row, 1, format!("p{i}@example.com"))
            .unwrap();
        match NaiveDate::parse_from_str(d, "%Y-%m-%d") {
            Ok(t) => {
                let at = ExcelDateTime::from_ymd(t.year() as u16, t.month() as u8, t.day() as u8)
                    .unwrap();
                sheet
                    .write_datetime_with_format(row, 2, &at, &date)
                    .unwrap();
            }
            Err(_) => {
                sheet.write_string(row, 2, *d).unwrap();
            }
        }
        sheet.write_string(row, 3, "Ann").unwrap();
        sheet.write_string(row, 4, "lead").unwrap();
        // 2026-04-02 as a bare serial.
        sheet.write_number(row, 5, 46114.0).unwrap();
    }
    book.add_worksheet().set_name("Notes").unwrap();
    book.save(path).unwrap();
}

#[test]
fn sheets_are_files_and_dates_are_dates() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("book.xlsx");
    small_book(&path, &["2026-04-01", "2026-04-15", "2026-05-02"]);
    let import = ingest::load(
        std::slice::from_ref(&path),
        &mut Options {
            timezone: "UTC".into(),
            ..Options::default()
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // The empty sheet is not read; the title row is not the header.
    let files = &import.inspection.files;
    assert_eq!(files.len(), 1, "{files:#?}");
    let report = &files[0];
    assert_eq!(report.path, "book.xlsx#Leads");
    assert_eq!(report.kind, Some(ingest::Kind::Leads));
    assert_eq!(report.rows, 3);
    assert_eq!(report.encoding, "workbook");
    assert_eq!(
        report.columns[2].date_format.as_deref(),
        Some("%Y-%m-%d"),
        "{:?}",
        report.columns
    );
    assert_eq!(report.columns[5].date_format.as_deref(), Some("%Y-%m-%d"));
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("Leads export, all owners")),
        "{:?}",
        report.warnings
    );
    let leads = import.tables.leads.unwrap();
    let created = leads
        .column("created_at")
        .unwrap()
        .cast(&polars::prelude::DataType::String)
        .unwrap();
    let created: Vec<String> = created
        .str()
        .unwrap()
        .iter()
        .map(|v| v.unwrap_or_default().to_owned())
        .collect();
    assert!(created[0].starts_with("2026-04-01"), "{created:?}");
    assert!(created[2].starts_with("2026-05-02"), "{created:?}");
    // Lines are the sheet's rows: the header is on row 3.
    let lines: Vec<u32> = leads
        .column("_line")
        .unwrap()
        .u32()
        .unwrap()
        .into_no_null_iter()
        .collect();
    assert_eq!(lines, [4, 5, 6]);

    // One sheet by name; an unknown one lists the sheets.
    let one = ingest::inspect(
        &[tmp.path().join("book.xlsx#Leads")],
        &mut Options::default(),
    )
    .unwrap();
    assert_eq!(one.files.len(), 1);
    let err = ingest::inspect(
        &[tmp.path().join("book.xlsx#Deals")],
        &mut Options::default(),
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        err,
        "book.xlsx: there is no sheet \"Deals\"; its sheets are \"Leads\", \"Notes\"; open it in the program that made it, save it again (or export the sheet as CSV) and import that"
    );
}

#[test]
fn errors_name_the_sheet_row_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("book.xlsx");
    let mut dates: Vec<String> = (1..=10).map(|d| format!("2026-04-{d:02}")).collect();
    dates.extend(["soon".to_owned(), "later".to_owned()]);
    let dates: Vec<&str> = dates.iter().map(String::as_str).collect();
    small_book(&path, &dates);
    let err = ingest::load(
        std::slice::from_ref(&path),
        &mut Options {
            timezone: "UTC".into(),
            ..Options::default()
        },
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.starts_with(
            "book.xlsx#Leads, column C (\"Create Date\"): 2 of 12 values are not dates that can be read (row 14: \"soon\", row 15: \"later\")"
        ),
        "{err}"
    );
}

#[test]
fn the_cli_reads_a_workbook() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("book.xlsx");
    small_book(&path, &["2026-04-01", "2026-04-15", "2026-05-02"]);
    let run = leadaudit(
        tmp.path(),
        &["inspect", "--json", "--timezone", "UTC", "book.xlsx"],
    );
    let json: Value = serde_json::from_str(run.ok()).unwrap();
    assert_eq!(json["files"][0]["path"], "book.xlsx#Leads");
    assert_eq!(json["files"][0]["kind"], "leads");
    assert_eq!(json["files"][0]["rows"], 3);
}
