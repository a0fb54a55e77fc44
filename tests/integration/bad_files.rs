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
        "deals-without-id.csv",
        "deals-without-id.csv: this looks like a deal export, but no column holds the record id; name the column in the mapping file, under [file.columns] for path = \"deals-without-id.csv\" (for example id = \"<column header>\")",
    ),
    (
        "deals-without-stage.csv",
        "deals-without-stage.csv: this looks like a deal export, but no column holds a stage or an outcome (won/lost); name the column in the mapping file, under [file.columns] for path = \"deals-without-stage.csv\" (for example stage = \"<column header>\")",
    ),
    (
        "leads-without-created.csv",
        "leads-without-created.csv: this looks like a lead export, but no column holds the date the record was created; name the column in the mapping file, under [file.columns] for path = \"leads-without-created.csv\" (for example created_at = \"<column header>\")",
    ),
    (
        "activities-without-date.csv",
        "activities-without-date.csv: this looks like an activity export, but no column holds the date of the activity; name the column in the mapping file, under [file.columns] for path = \"activities-without-date.csv\" (for example timestamp = \"<column header>\")",
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
        "mapping-bad-timezone.csv",
        "mapping-bad-timezone.mapping.toml: \"Eastern\" is not a time zone; use an IANA name such as \"UTC\", \"Europe/Berlin\" or \"America/New_York\"",
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
    let mut expected: Vec<String> = EXPECTED.iter().map(|(f, _)| (*f).to_owned()).collect();
    expected.sort();
    assert_eq!(files, expected);
    assert!(files.len() >= 20);
}

#[test]
fn bad_files_are_refused_with_where_and_what_to_do() {
    let dir = bad_dir();
    for (file, message) in EXPECTED {
        let mapping = format!("{}.mapping.toml", file.trim_end_matches(".csv"));
        let mut args = vec!["inspect".to_owned(), (*file).to_owned()];
        if Path::new(&dir).join(&mapping).exists() {
            args.extend(["--mapping".to_owned(), mapping.clone()]);
        }
        let run = leadaudit(&dir, &args);
        assert_eq!(run.code, Some(2), "{run}");
        assert!(run.stdout.is_empty(), "{run}");
        let prefix = if message.starts_with(&mapping) {
            "leadaudit: "
        } else {
            "leadaudit: the files could not be read: "
        };
        assert_eq!(run.stderr, format!("{prefix}{message}\n"), "{run}");
        assert!(!run.stderr.contains("panicked"), "{run}");
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
