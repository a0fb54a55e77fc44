//! Every file in `tests/data/bad/` is refused with an error that names the file and
//! where in it (line, column) the problem is, and what to do; nothing panics.

use std::path::Path;

use crate::harness::{leadaudit, repo};

/// (file, the exact error). A `NAME.mapping.toml` beside `NAME.csv` is passed with
/// `--mapping`.
const EXPECTED: &[(&str, &str)] = &[
    (
        "empty.csv",
        "empty.csv: the file is empty; export it again with a header row and at least one record",
    ),
    (
        "whitespace-only.csv",
        "whitespace-only.csv: the file is empty; export it again with a header row and at least one record",
    ),
    (
        "header-only.csv",
        "header-only.csv, line 1: there is a header row but no records; export it again with its records",
    ),
    (
        "ragged-extra-field.csv",
        "ragged-extra-field.csv: 1 of 3 records do not have the header's 3 fields (line 3 has 4 fields), so the delimiter (\",\") or the quoting was probably misread; check that the file is the export as it was written, or fix those lines and import again",
    ),
    (
        "ragged-missing-field.csv",
        "ragged-missing-field.csv: 1 of 3 records do not have the header's 3 fields (line 4 has 2 fields), so the delimiter (\",\") or the quoting was probably misread; check that the file is the export as it was written, or fix those lines and import again",
    ),
    (
        "unterminated-quote.csv",
        "unterminated-quote.csv: 1 of 3 records do not have the header's 3 fields (line 3 has 2 fields: a quoted field that opens on this line never closes), so the delimiter (\",\") or the quoting was probably misread; check that the file is the export as it was written, or fix those lines and import again",
    ),
    (
        "ragged-after-multiline-field.csv",
        "ragged-after-multiline-field.csv: 1 of 2 records do not have the header's 3 fields (line 4 has 4 fields), so the delimiter (\",\") or the quoting was probably misread; check that the file is the export as it was written, or fix those lines and import again",
    ),
    (
        "ragged-after-blank-lines.csv",
        "ragged-after-blank-lines.csv: 1 of 2 records do not have the header's 3 fields (line 5 has 2 fields), so the delimiter (\",\") or the quoting was probably misread; check that the file is the export as it was written, or fix those lines and import again",
    ),
    (
        "semicolon-ragged.csv",
        "semicolon-ragged.csv: 1 of 2 records do not have the header's 3 fields (line 3 has 5 fields), so the delimiter (\";\") or the quoting was probably misread; check that the file is the export as it was written, or fix those lines and import again",
    ),
    (
        "windows-1252-ragged.csv",
        "windows-1252-ragged.csv: 1 of 2 records do not have the header's 3 fields (line 3 has 2 fields), so the delimiter (\",\") or the quoting was probably misread; check that the file is the export as it was written, or fix those lines and import again",
    ),
    (
        "footer-then-data.csv",
        "footer-then-data.csv: 1 of 3 records do not have the header's 3 fields (line 4 has 1 field: it reads like a report footer, but records follow it), so the delimiter (\",\") or the quoting was probably misread; check that the file is the export as it was written, or fix those lines and import again",
    ),
    (
        "binary-nul.csv",
        "binary-nul.csv, line 3: binary data (a NUL byte at byte 58), so this is not a CSV text file; export the data as CSV and import that",
    ),
    (
        "utf16-odd-length.csv",
        "utf16-odd-length.csv, line 3: the file is UTF-16LE but ends in the middle of a character (an odd number of bytes); save the file again as CSV (UTF-8) and import that",
    ),
    (
        "utf16-lone-surrogate.csv",
        "utf16-lone-surrogate.csv, line 3: bytes that are not valid UTF-16LE; save the file again as CSV (UTF-8) and import that",
    ),
    (
        "utf8-bom-invalid-bytes.csv",
        "utf8-bom-invalid-bytes.csv, line 3: byte 61 is not valid UTF-8, though the file starts with UTF-8's byte-order mark; save the file again as CSV (UTF-8) and import that",
    ),
    (
        "duplicate-header.csv",
        "duplicate-header.csv, line 1: columns 2 and 4 are both named \"Email\"; rename one in the file, or name the column to use in the mapping file",
    ),
    (
        "ambiguous-dates.csv",
        "ambiguous-dates.csv, column 3 (\"Create Date\"): the dates are ambiguous: no value shows whether the day or the month comes first (e.g. \"03/04/2026\"); set the format in the mapping file, under [file.date_formats]: \"Create Date\" = \"%d/%m/%Y\" (day first) or \"%m/%d/%Y\" (month first)",
    ),
    (
        "unreadable-dates.csv",
        "unreadable-dates.csv, column 3 (\"Create Date\"): 6 of 20 values are not dates that can be read (line 4: \"soon\", line 7: \"soon\", line 10: \"soon\"); fix them in the export, or set the column's format under [file.date_formats] in the mapping file",
    ),
    (
        "mapped-column-missing.csv",
        "mapped-column-missing.csv: the mapping sets created_at = \"Created On\", but the file has no column \"Created On\"; its columns are \"Record ID\", \"Email\", \"Create Date\"",
    ),
    (
        "mapping-not-toml.csv",
        "mapping-not-toml.mapping.toml: line 3: string values must be quoted, expected literal string",
    ),
    (
        "mapping-unknown-field.csv",
        "mapping-unknown-field.mapping.toml: [[file]] number 1 (path = \"mapping-unknown-field.csv\"): \"email_address\" is not a leads field; the fields are id, created_at, owner, source, email, phone, first_name, last_name, full_name, company, domain, title, industry, employees, country, status, lifecycle_stage, converted, converted_at, first_touch_at, score, fit_score, engagement_score, priority",
    ),
    (
        "mapping-one-column-three-fields.csv",
        "mapping-one-column-three-fields.csv: the mapping sets both first_name and full_name to the column \"Name\", but a column holds one field; map one of them to another column, or to \"\" to leave it unmapped, under [file.columns] for path = \"mapping-one-column-three-fields.csv\"",
    ),
    (
        "mapping-unknown-kind.csv",
        "mapping-unknown-kind.mapping.toml: [[file]] number 1 (path = \"mapping-unknown-kind.csv\"): unknown kind \"prospects\"; use leads, deals, activities, owners, accounts or not_used",
    ),
    (
        "mapping-bad-timezone.csv",
        "mapping-bad-timezone.mapping.toml: \"Eastern\" is not a time zone; use an IANA name such as \"UTC\", \"Europe/Berlin\" or \"America/New_York\"",
    ),
    (
        "constant-not-a-date.csv",
        "constant-not-a-date.csv: the mapping file's constant converted_at = \"next week\" is not a date that can be read; write it as 2026-04-01 or 2026-04-01 09:30 (ISO 8601) or in the file's own format (%Y-%m-%d %H:%M), under [file.constants] for path = \"constant-not-a-date.csv\"",
    ),
    (
        "constant-not-a-number.csv",
        "constant-not-a-number.csv: the mapping file's constant employees = \"lots\" is not a number; write a number such as 1200 or 1,200.50, under [file.constants] for path = \"constant-not-a-number.csv\"",
    ),
    (
        "constant-not-yes-no.csv",
        "constant-not-yes-no.csv: the mapping file's constant converted = \"perhaps\" is not a yes/no value; write true or false, under [file.constants] for path = \"constant-not-yes-no.csv\"",
    ),
    (
        "constant-outcome-unknown.csv",
        "constant-outcome-unknown.mapping.toml: [[file]] number 1 (path = \"constant-outcome-unknown.csv\"): the constant outcome is \"closed\"; use open, won or lost",
    ),
    (
        "date-format-empty.csv",
        "date-format-empty.csv, column 3 (\"Create Date\"): 10 of 10 values are not dates that can be read (line 2: \"2026-04-02 09:00\", line 3: \"2026-04-03 09:00\", line 4: \"2026-04-04 09:00\"); fix them in the export, or set the column's format under [file.date_formats] in the mapping file",
    ),
    (
        "date-format-matches-nothing.csv",
        "date-format-matches-nothing.csv, column 3 (\"Create Date\"): 10 of 10 values are not dates that can be read (line 2: \"2026-04-02 09:00\", line 3: \"2026-04-03 09:00\", line 4: \"2026-04-04 09:00\"); fix them in the export, or set the column's format under [file.date_formats] in the mapping file",
    ),
    (
        "dates-out-of-range.csv",
        "dates-out-of-range.csv, column 3 (\"Create Date\"): 5 of 5 values are not dates that can be read (line 2: \"2300-01-01 00:00\" (outside the years 1678 to 2261), line 3: \"2262-01-01 00:00\" (outside the years 1678 to 2261), line 4: \"1677-01-01 00:00\" (outside the years 1678 to 2261)); fix them in the export, or set the column's format under [file.date_formats] in the mapping file",
    ),
    (
        "ragged-many-lines.csv",
        "ragged-many-lines.csv: 14 of 40 records do not have the header's 3 fields (line 2 has 4 fields, line 5 has 4 fields, line 8 has 4 fields, line 11 has 4 fields, line 14 has 4 fields), so the delimiter (\",\") or the quoting was probably misread; check that the file is the export as it was written, or fix those lines and import again",
    ),
    (
        "png-named-csv.csv",
        "png-named-csv.csv: this is a PNG image, not a CSV text file; open it in the program that made it, export the data as CSV and import that",
    ),
    (
        "gzip-named-csv.csv",
        "gzip-named-csv.csv: this is a gzip-compressed file, not a CSV text file; open it in the program that made it, export the data as CSV and import that",
    ),
    (
        "xlsx-named-csv.csv",
        "xlsx-named-csv.csv: this is a ZIP archive (an Excel .xlsx or OpenDocument .ods workbook is one), not a CSV text file; open it in the program that made it, export the data as CSV and import that",
    ),
    (
        "workspace-named-csv.csv",
        "workspace-named-csv.csv: this is an SQLite database (perhaps a workspace file), not a CSV text file; open it in the program that made it, export the data as CSV and import that",
    ),
    (
        "pdf-named-csv.csv",
        "pdf-named-csv.csv: this is a PDF document, not a CSV text file; open it in the program that made it, export the data as CSV and import that",
    ),
    (
        "dates-all-invalid.csv",
        "dates-all-invalid.csv, column 3 (\"Create Date\"): 10 of 10 values are not dates that can be read (line 2: \"soon\", line 3: \"soon\", line 4: \"soon\"); fix them in the export, or set the column's format under [file.date_formats] in the mapping file",
    ),
    (
        "tab-ragged-many.csv",
        "tab-ragged-many.csv: 10 of 20 records do not have the header's 3 fields (line 3 has 4 fields, line 5 has 4 fields, line 7 has 4 fields, line 9 has 4 fields, line 11 has 4 fields), so the delimiter (\"tab\") or the quoting was probably misread; check that the file is the export as it was written, or fix those lines and import again",
    ),
    (
        "all-records-ragged.csv",
        "all-records-ragged.csv: 9 of 9 records do not have the header's 3 fields (line 2 has 1 field, line 3 has 1 field, line 4 has 1 field, line 5 has 1 field, line 6 has 1 field), so the delimiter (\",\") or the quoting was probably misread; check that the file is the export as it was written, or fix those lines and import again",
    ),
    (
        "unclosed-quote-last-line.csv",
        "unclosed-quote-last-line.csv: 1 of 4 records do not have the header's 3 fields (line 5 has 2 fields: a quoted field that opens on this line never closes), so the delimiter (\",\") or the quoting was probably misread; check that the file is the export as it was written, or fix those lines and import again",
    ),
    (
        "report-footer-only.csv",
        "report-footer-only.csv, line 1: there is a header row but no records; export it again with its records",
    ),
    (
        "mapping-empty-path.csv",
        "mapping-empty-path.mapping.toml: [[file]] number 1 has no path",
    ),
    (
        "mapping-misspelt-key.csv",
        "mapping-misspelt-key.mapping.toml: line 3: unknown field `colums`, expected one of `path`, `kind`, `source`, `columns`, `date_formats`, `constants`, `values`",
    ),
    (
        "mapping-outcome-value-unknown.csv",
        "mapping-outcome-value-unknown.mapping.toml: line 5: [[file]] number 1 (path = \"mapping-outcome-value-unknown.csv\"): [file.values.outcome] maps \"Signed\" to \"yes\", which outcome cannot hold; use open, won or lost",
    ),
    (
        "mapping-yes-no-value-unknown.csv",
        "mapping-yes-no-value-unknown.mapping.toml: line 6: [[file]] number 1 (path = \"mapping-yes-no-value-unknown.csv\"): [file.values.converted] maps \"Nein\" to \"nope\", which converted cannot hold; it is a yes/no field: use true or false (or yes or no)",
    ),
    (
        "mapping-direction-value-unknown.csv",
        "mapping-direction-value-unknown.mapping.toml: line 5: [[file]] number 1 (path = \"mapping-direction-value-unknown.csv\"): [file.values.direction] maps \"Rein\" to \"incoming\", which direction cannot hold; use inbound or outbound",
    ),
    (
        "mapping-constant-unknown-field.csv",
        "mapping-constant-unknown-field.mapping.toml: [[file]] number 1 (path = \"mapping-constant-unknown-field.csv\"): \"budget\" is not a leads field; the fields are id, created_at, owner, source, email, phone, first_name, last_name, full_name, company, domain, title, industry, employees, country, status, lifecycle_stage, converted, converted_at, first_touch_at, score, fit_score, engagement_score, priority",
    ),
    (
        "mapping-timezone-not-text.csv",
        "mapping-timezone-not-text.mapping.toml: line 1: invalid type: integer `5`, expected a string",
    ),
    (
        "mapping-kind-owners-without-name.csv",
        "mapping-kind-owners-without-name.csv: this looks like an owner roster export, but no column holds the owner's name; name the column in the mapping file, under [file.columns] for path = \"mapping-kind-owners-without-name.csv\" (for example owner = \"<column header>\")",
    ),
    (
        "mapping-kind-accounts-without-company.csv",
        "mapping-kind-accounts-without-company.csv: this looks like an account export, but no column holds the company name; name the column in the mapping file, under [file.columns] for path = \"mapping-kind-accounts-without-company.csv\" (for example company = \"<column header>\")",
    ),
    (
        "constant-date-ambiguous-format.csv",
        "constant-date-ambiguous-format.csv: the mapping file's constant converted_at = \"04/05/2026\" is not a date that can be read; write it as 2026-04-01 or 2026-04-01 09:30 (ISO 8601) or in the file's own format (%Y-%m-%d %H:%M), under [file.constants] for path = \"constant-date-ambiguous-format.csv\"",
    ),
    (
        "date-format-not-a-format.csv",
        "date-format-not-a-format.csv, column 3 (\"Create Date\"): 10 of 10 values are not dates that can be read (line 2: \"2026-04-02 09:00\", line 3: \"2026-04-03 09:00\", line 4: \"2026-04-04 09:00\"); fix them in the export, or set the column's format under [file.date_formats] in the mapping file",
    ),
    (
        "utf16be-ragged.csv",
        "utf16be-ragged.csv: 1 of 2 records do not have the header's 3 fields (line 3 has 2 fields), so the delimiter (\"tab\") or the quoting was probably misread; check that the file is the export as it was written, or fix those lines and import again",
    ),
];

/// Files whose records of the wrong shape are refused only under `--strict`, or that
/// are refused either way (too many such records), with the error `--strict` gives.
const STRICT: &[(&str, &str)] = &[
    (
        "ragged-extra-field.csv",
        "ragged-extra-field.csv, line 3: 4 fields where the header has 3; fix that line (a missing or extra delimiter, or an unbalanced quote) and import again",
    ),
    (
        "ragged-missing-field.csv",
        "ragged-missing-field.csv, line 4: 2 fields where the header has 3; fix that line (a missing or extra delimiter, or an unbalanced quote) and import again",
    ),
    (
        "unterminated-quote.csv",
        "unterminated-quote.csv, line 3: 2 fields where the header has 3 (a quoted field that opens on this line never closes); fix that line (a missing or extra delimiter, or an unbalanced quote) and import again",
    ),
    (
        "ragged-after-multiline-field.csv",
        "ragged-after-multiline-field.csv, line 4: 4 fields where the header has 3; fix that line (a missing or extra delimiter, or an unbalanced quote) and import again",
    ),
    (
        "ragged-after-blank-lines.csv",
        "ragged-after-blank-lines.csv, line 5: 2 fields where the header has 3; fix that line (a missing or extra delimiter, or an unbalanced quote) and import again",
    ),
    (
        "semicolon-ragged.csv",
        "semicolon-ragged.csv, line 3: 5 fields where the header has 3; fix that line (a missing or extra delimiter, or an unbalanced quote) and import again",
    ),
    (
        "windows-1252-ragged.csv",
        "windows-1252-ragged.csv, line 3: 2 fields where the header has 3; fix that line (a missing or extra delimiter, or an unbalanced quote) and import again",
    ),
    (
        "footer-then-data.csv",
        "footer-then-data.csv, line 4: 1 field where the header has 3 (it reads like a report footer, but records follow it); fix that line (a missing or extra delimiter, or an unbalanced quote) and import again",
    ),
    (
        "set-aside-after-multiline-and-blank-lines.csv",
        "set-aside-after-multiline-and-blank-lines.csv, line 11: 2 fields where the header has 3; fix that line (a missing or extra delimiter, or an unbalanced quote) and import again",
    ),
    (
        "set-aside-extra-field.csv",
        "set-aside-extra-field.csv, line 10: 4 fields where the header has 3; fix that line (a missing or extra delimiter, or an unbalanced quote) and import again",
    ),
    (
        "set-aside-quoted-line.csv",
        "set-aside-quoted-line.csv, line 21: 2 fields where the header has 3; fix that line (a missing or extra delimiter, or an unbalanced quote) and import again",
    ),
    (
        "set-aside-unclosed-quote.csv",
        "set-aside-unclosed-quote.csv, line 31: 2 fields where the header has 3 (a quoted field that opens on this line never closes); fix that line (a missing or extra delimiter, or an unbalanced quote) and import again",
    ),
];

/// Files that are read, some records set aside or some field missing (#12: the figures
/// that need it are not available): (file, the first line of `inspect`, the warning
/// line, if any).
const READ: &[(&str, &str, Option<&str>)] = &[
    (
        "deals-without-id.csv",
        "deals-without-id.csv: deals (hubspot), 1 rows, UTF-8, delimiter ,",
        Some(
            "  warning: no deal id column: each record's id is its file and line number (\"deals-without-id.csv:2\" for line 2), so no other file can link to these records",
        ),
    ),
    (
        "deals-without-stage.csv",
        "deals-without-stage.csv: deals (hubspot), 1 rows, UTF-8, delimiter ,",
        Some(
            "  warning: no stage or outcome column: the figures and findings that need won and lost deals are not available",
        ),
    ),
    (
        "leads-without-created.csv",
        "leads-without-created.csv: leads (hubspot), 1 rows, UTF-8, delimiter ,",
        Some(
            "  warning: no creation date column: the figures and findings that need it are not available",
        ),
    ),
    (
        "activities-without-date.csv",
        "activities-without-date.csv: activities (generic), 1 rows, UTF-8, delimiter ,",
        Some(
            "  warning: no activity date column: the figures and findings that need it are not available",
        ),
    ),
    (
        "set-aside-after-multiline-and-blank-lines.csv",
        "set-aside-after-multiline-and-blank-lines.csv: leads (hubspot), 38 rows (2 set aside), UTF-8, delimiter ,",
        Some(
            "  warning: 2 record(s) set aside for their shape, at line(s) 11, 38 (line 11: 2 fields where the header has 3); the audit runs on the rest (--strict refuses the file instead)",
        ),
    ),
    (
        "set-aside-extra-field.csv",
        "set-aside-extra-field.csv: leads (hubspot), 39 rows (1 set aside), UTF-8, delimiter ,",
        Some(
            "  warning: 1 record(s) set aside for their shape, at line(s) 10 (line 10: 4 fields where the header has 3); the audit runs on the rest (--strict refuses the file instead)",
        ),
    ),
    (
        "set-aside-quoted-line.csv",
        "set-aside-quoted-line.csv: leads (hubspot), 39 rows (1 set aside), UTF-8, delimiter ,",
        Some(
            "  warning: 1 record(s) set aside for their shape, at line(s) 21 (line 21: 2 fields where the header has 3); the audit runs on the rest (--strict refuses the file instead)",
        ),
    ),
    // Only the line of a quote that never closes is set aside; the lines after it are read.
    (
        "set-aside-unclosed-quote.csv",
        "set-aside-unclosed-quote.csv: leads (hubspot), 59 rows (1 set aside), UTF-8, delimiter ,",
        Some(
            "  warning: 1 record(s) set aside for their shape, at line(s) 31 (line 31: 2 fields where the header has 3 (a quoted field that opens on this line never closes)); the audit runs on the rest (--strict refuses the file instead)",
        ),
    ),
    // A quote inside an unquoted field is text, as the sniff reads it.
    (
        "stray-quotes.csv",
        "stray-quotes.csv: leads (hubspot), 40 rows, UTF-8, delimiter ,",
        None,
    ),
    // Old Mac line endings (CR only).
    (
        "cr-line-endings.csv",
        "cr-line-endings.csv: leads (hubspot), 40 rows, UTF-8, delimiter ,",
        None,
    ),
];

fn bad_dir() -> std::path::PathBuf {
    repo().join("tests").join("data").join("bad")
}

#[test]
fn every_bad_file_has_an_expected_error() {
    let mut files: Vec<String> = std::fs::read_dir(bad_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".csv"))
        .collect();
    files.sort();
    let mut expected: Vec<String> = EXPECTED
        .iter()
        .map(|(f, _)| (*f).to_owned())
        .chain(READ.iter().map(|(f, _, _)| (*f).to_owned()))
        .collect();
    expected.sort();
    assert_eq!(files, expected);
    assert!(files.len() >= 60);
    for (file, _) in STRICT {
        assert!(files.iter().any(|f| f == file), "{file}");
    }
}

#[test]
fn strict_refuses_any_record_of_the_wrong_shape() {
    let dir = bad_dir();
    for (file, message) in STRICT {
        let run = leadaudit(&dir, &["inspect", "--strict", file]);
        assert_eq!(run.code, Some(2), "{run}");
        assert_eq!(
            run.stderr,
            format!("leadaudit: the files could not be read: {message}\n"),
            "{run}"
        );
    }
}

/// A workspace whose settings refuse ragged rows (the app's Settings switch) makes
/// `audit` refuse as `--strict` does; without the setting the same file is audited.
#[test]
fn the_workspace_setting_refuses_as_strict_does() {
    let dir = bad_dir();
    let tmp = tempfile::tempdir().unwrap();
    let (file, message) = (
        "set-aside-extra-field.csv",
        "set-aside-extra-field.csv, line 10: 4 fields where the header has 3",
    );
    let strict = tmp.path().join("strict.leadaudit");
    leadaudit::store::Store::create(
        &strict,
        "Strict",
        &leadaudit::settings::Settings {
            strict_rows: true,
            ..Default::default()
        },
    )
    .unwrap();
    let ws = strict.display().to_string();
    let run = leadaudit(&dir, &["audit", "--workspace", &ws, "--name", "Q", file]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stderr.contains(message), "{run}");
    assert!(
        leadaudit::store::Store::open(&strict)
            .unwrap()
            .audits()
            .unwrap()
            .is_empty()
    );
    let lenient = tmp.path().join("lenient.leadaudit").display().to_string();
    leadaudit(
        &dir,
        &["audit", "--workspace", &lenient, "--name", "Q", file],
    )
    .ok();
}

#[test]
fn records_of_the_wrong_shape_are_set_aside_and_the_rest_is_read() {
    let dir = bad_dir();
    for (file, first, warning) in READ {
        let run = leadaudit(&dir, &["inspect", "--timezone", "UTC", file]);
        let out = run.ok();
        assert_eq!(out.lines().next(), Some(*first), "{run}");
        let warnings: Vec<&str> = out.lines().filter(|l| l.contains("warning:")).collect();
        assert_eq!(
            warnings,
            warning.iter().copied().collect::<Vec<_>>(),
            "{run}"
        );
    }
    // The JSON gives the counts and the lines set aside.
    let run = leadaudit(
        &dir,
        &[
            "inspect",
            "--json",
            "--timezone",
            "UTC",
            "set-aside-after-multiline-and-blank-lines.csv",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(run.ok()).unwrap();
    let f = &json["files"][0];
    assert_eq!(
        (f["rows"].as_u64(), f["rows_set_aside"].as_u64()),
        (Some(38), Some(2))
    );
    assert_eq!(
        f["set_aside"],
        serde_json::json!([{"line": 11, "found": 2}, {"line": 38, "found": 5}])
    );
}

/// The set-aside records are a finding of checklist item 1.
#[test]
fn set_aside_records_are_an_item_1_finding() {
    let run = leadaudit(
        &bad_dir(),
        &[
            "findings",
            "--json",
            "--timezone",
            "UTC",
            "set-aside-after-multiline-and-blank-lines.csv",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(run.ok()).unwrap();
    let found = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "rows_set_aside")
        .unwrap_or_else(|| panic!("{run}"));
    assert_eq!(found["item"], 1);
    assert_eq!(
        (found["count"].as_u64(), found["of"].as_u64()),
        (Some(2), Some(40))
    );
    assert_eq!(
        found["title"],
        "2 of 40 records (5%) were set aside because they have too many or too few fields (set-aside-after-multiline-and-blank-lines.csv line(s) 11, 38)."
    );
    assert_eq!(
        found["detail"],
        "set-aside-after-multiline-and-blank-lines.csv, line 11: 2 fields where the header has 3\nset-aside-after-multiline-and-blank-lines.csv, line 38: 5 fields where the header has 3"
    );
}

#[test]
fn bad_files_are_refused_with_where_and_what_to_do() {
    let dir = bad_dir();
    for (file, message) in EXPECTED {
        let mapping = format!("{}.mapping.toml", file.trim_end_matches(".csv"));
        let with_mapping = |command: &str| {
            let mut args = vec![command.to_owned(), (*file).to_owned()];
            if Path::new(&dir).join(&mapping).exists() {
                args.extend(["--mapping".to_owned(), mapping.clone()]);
            }
            leadaudit(&dir, &args)
        };
        let prefix = if message.starts_with(&mapping) {
            "leadaudit: "
        } else {
            "leadaudit: the files could not be read: "
        };
        // `findings` refuses every one of them.
        let run = with_mapping("findings");
        assert_eq!(run.code, Some(2), "{run}");
        assert!(run.stdout.is_empty(), "{run}");
        assert_eq!(run.stderr, format!("{prefix}{message}\n"), "{run}");
        // `inspect` refuses only what cannot be read; a file read but not usable is
        // reported as not used, with the same reason and a guess to correct.
        let run = with_mapping("inspect");
        assert!(!run.stderr.contains("panicked"), "{run}");
        if run.code == Some(0) {
            let reason = message
                .strip_prefix(&format!("{file}: "))
                .unwrap_or(message);
            assert!(
                run.stdout.starts_with(&format!("{file}: not used: {file}")),
                "{run}"
            );
            assert!(run.stdout.contains(reason), "{run}");
        } else {
            assert_eq!(run.code, Some(2), "{run}");
            assert!(run.stdout.is_empty(), "{run}");
            assert_eq!(run.stderr, format!("{prefix}{message}\n"), "{run}");
        }
    }
}

#[test]
fn a_missing_file_is_named() {
    let run = leadaudit(&bad_dir(), &["inspect", "no-such-file.csv"]);
    assert_eq!(run.code, Some(2), "{run}");
    assert_eq!(
        run.stderr,
        "leadaudit: the files could not be read: no-such-file.csv: cannot read it: No such file or directory (os error 2); check the path and that the file may be read\n",
        "{run}"
    );
}
