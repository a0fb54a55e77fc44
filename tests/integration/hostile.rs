//! Hostile input (issue #12): what used to panic or hang now ends with a result or a
//! clear error, run through the real binary.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::harness::{leadaudit, repo};

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// A deals export with no stage column, where every deal is won and all were created
/// on one day: the mapping gives both as constants. Large enough that a debug build
/// reads it in several chunks (a scalar constant used to be a column of height 1).
#[test]
fn constants_for_an_outcome_and_a_date_are_broadcast_to_every_row() {
    let tmp = tempfile::tempdir().unwrap();
    let mut leads = String::from("Record ID,Email,Create Date\n");
    let mut deals = String::from("Deal ID,Deal Name,Amount,Close Date,Contact ID\n");
    for i in 0..3000 {
        leads.push_str(&format!(
            "{i},u{i}@x{i}.com,2026-03-{:02} 09:00\n",
            1 + i % 28
        ));
        deals.push_str(&format!(
            "D{i},Deal {i},{},2026-05-{:02},{i}\n",
            1000 + i,
            1 + i % 28
        ));
    }
    write(tmp.path(), "leads.csv", &leads);
    write(tmp.path(), "closed.csv", &deals);
    write(
        tmp.path(),
        "m.toml",
        "timezone = \"UTC\"\n[[file]]\npath = \"closed.csv\"\nkind = \"deals\"\n[file.columns]\nid = \"Deal ID\"\nlead_id = \"Contact ID\"\n[file.constants]\noutcome = \"won\"\ncreated_at = \"2026-04-01\"\n",
    );
    for command in ["baseline", "findings"] {
        let run = leadaudit(
            tmp.path(),
            &[
                command,
                "leads.csv",
                "closed.csv",
                "--mapping",
                "m.toml",
                "--json",
            ],
        );
        let out = run.ok();
        assert!(!run.stderr.contains("panicked"), "{run}");
        let _: serde_json::Value =
            serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}\n{run}"));
    }
    let run = leadaudit(
        tmp.path(),
        &["inspect", "closed.csv", "--mapping", "m.toml", "--json"],
    );
    let json: serde_json::Value = serde_json::from_str(run.ok()).unwrap();
    assert_eq!(json["files"][0]["values"]["outcome"]["won"], "won", "{run}");
}

/// Creation dates outside the years 1678 to 2261 (beyond Polars' nanosecond clock) are
/// dates that cannot be read, named with their line; a period that far out is empty.
#[test]
fn dates_beyond_the_nanosecond_range_do_not_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let mut leads = String::from("Record ID,Email,Create Date\n");
    for i in 0..60 {
        leads.push_str(&format!("{i},u{i}@x.com,2026-04-{:02} 09:00\n", 1 + i % 28));
    }
    leads.push_str(
        "60,a@x.com,2262-04-12 00:00\n61,b@x.com,2300-01-01 00:00\n62,c@x.com,1677-09-20 00:00\n",
    );
    write(tmp.path(), "leads.csv", &leads);
    let run = leadaudit(tmp.path(), &["inspect", "leads.csv", "--timezone", "UTC"]);
    assert!(
        run.ok().contains(
            "warning: column \"Create Date\": 3 of 63 values are not dates that can be read and count as missing (line 62: \"2262-04-12 00:00\" (outside the years 1678 to 2261), line 63: \"2300-01-01 00:00\" (outside the years 1678 to 2261), line 64: \"1677-09-20 00:00\" (outside the years 1678 to 2261))"
        ),
        "{run}"
    );
    for args in [
        vec!["baseline", "leads.csv", "--timezone", "UTC", "--json"],
        vec![
            "baseline",
            "leads.csv",
            "--timezone",
            "UTC",
            "--json",
            "--quarter",
            "2300Q1",
        ],
    ] {
        let run = leadaudit(tmp.path(), &args);
        assert!(!run.stderr.contains("panicked"), "{run}");
        assert_ne!(run.code, Some(101), "{run}");
    }
}

#[test]
fn a_header_of_70000_characters_is_shown_without_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let long = "x".repeat(70_000);
    write(
        tmp.path(),
        "contacts.csv",
        &format!("Record ID,Email,Create Date,{long}\n1,a@x.com,2026-04-01 09:00,v\n"),
    );
    let run = leadaudit(
        tmp.path(),
        &["inspect", "contacts.csv", "--timezone", "UTC"],
    );
    let out = run.ok();
    assert!(out.contains(&long), "{run}");
    assert!(out.contains("Record ID  "), "{run}");
}

fn sample_contacts() -> String {
    repo()
        .join("sample-data/hubspot-2026Q2/contacts.csv")
        .display()
        .to_string()
}

/// `leadaudit inspect --json … | head -c1`: the reader goes away; the run ends quietly.
#[test]
fn a_closed_pipe_on_stdout_ends_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_leadaudit"))
        .args(["inspect", "--json", "--timezone", "UTC", &sample_contacts()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "");
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_device_on_stdout_is_an_error() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_leadaudit"))
        .args(["inspect", "--json", "--timezone", "UTC", &sample_contacts()])
        .stdout(Stdio::from(full))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr,
        "leadaudit: the output could not be written: No space left on device (os error 28); free space on that device, or send the output elsewhere\n"
    );
}

/// A named pipe with no writer, a device or a folder is refused before it is opened.
#[cfg(unix)]
#[test]
fn what_is_not_a_regular_file_is_refused_without_reading() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("leads.csv");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let run = leadaudit(tmp.path(), &["inspect", "leads.csv"]);
    assert_eq!(run.code, Some(2), "{run}");
    assert_eq!(
        run.stderr,
        "leadaudit: the files could not be read: leads.csv: this is a device, named pipe or socket, not a regular file, so it is not read; save the export as a file and import that\n"
    );
    let run = leadaudit(tmp.path(), &["inspect", "/dev/zero"]);
    assert_eq!(
        run.stderr,
        "leadaudit: the files could not be read: zero: this is a device, named pipe or socket, not a regular file, so it is not read; save the export as a file and import that\n"
    );
    std::fs::create_dir(tmp.path().join("deals.csv")).unwrap();
    let run = leadaudit(tmp.path(), &["inspect", "deals.csv"]);
    assert_eq!(
        run.stderr,
        "leadaudit: the files could not be read: deals.csv: this is a folder, not a regular file, so it is not read; save the export as a file and import that\n"
    );
}

/// 50,000 columns are read like any file: every column is listed and the three known
/// ones are mapped. (This test asserts what is read, not how fast: it used to run past
/// any patience, with time growing as the square of the column count; how long it
/// takes is for a benchmark to show, not a test.)
#[test]
fn fifty_thousand_columns_are_read() {
    let tmp = tempfile::tempdir().unwrap();
    let n = 50_000;
    let mut header = String::from("Record ID,Email,Create Date");
    let mut row = String::from("1,a@x.com,2026-04-01 09:00");
    for i in 0..n {
        header.push_str(&format!(",col {i}"));
        row.push_str(",v");
    }
    write(tmp.path(), "wide.csv", &format!("{header}\n{row}\n"));
    let run = leadaudit(
        tmp.path(),
        &["inspect", "--json", "--timezone", "UTC", "wide.csv"],
    );
    let json: serde_json::Value = serde_json::from_str(run.ok()).unwrap();
    let file = &json["files"][0];
    assert_eq!(file["kind"], "leads", "{run}");
    assert_eq!(file["rows"], 1);
    let columns = file["columns"].as_array().unwrap();
    assert_eq!(columns.len(), n + 3);
    let fields: Vec<&str> = columns[..3]
        .iter()
        .map(|c| c["field"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(fields, ["id", "email", "created_at"]);
    assert_eq!(columns[n + 2]["name"], format!("col {}", n - 1));
}

/// One field of 20 MB is a value like any other.
#[test]
fn a_field_of_20_megabytes_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    let big = "n".repeat(20 << 20);
    write(
        tmp.path(),
        "contacts.csv",
        &format!(
            "Record ID,Email,Create Date,Notes\n1,a@x.com,2026-04-01 09:00,\"{big}\"\n2,b@x.com,2026-04-02 09:00,short\n"
        ),
    );
    let run = leadaudit(
        tmp.path(),
        &["inspect", "--timezone", "UTC", "contacts.csv"],
    );
    assert!(
        run.ok()
            .starts_with("contacts.csv: leads (hubspot), 2 rows, UTF-8, delimiter ,\n"),
        "{run}"
    );
}
