//! The kill -9 campaign (#18): the real `leadaudit` binary killed with SIGKILL 100 times
//! during `grade` and 30 times during `audit`, at moments spread over each command's
//! run. Afterwards: no grade whose command exited 0 is lost, no audit is partial (every
//! stored audit is whole and carries its own id), and SQLite's integrity check passes.
//! It runs the debug binary in well under a minute.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CONTACTS: &str = "Record ID,Email,Create Date,Contact owner,Lifecycle Stage\n\
    1,a@client.example,2026-04-01 09:00,Ann,lead\n\
    2,b@client.example,2026-04-02 10:30,Bo,customer\n\
    3,c@client.example,2026-04-03 11:00,Ann,lead\n";

/// A small deterministic generator for the kill moments.
fn next(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *seed >> 33
}

/// Runs `leadaudit ARGS`, killing it after `after` unless it ended first; its exit
/// code when it ended by itself (a failure panics with its message).
fn run_or_kill(dir: &Path, args: &[&str], after: Duration) -> Option<i32> {
    let err = dir.join("stderr.txt");
    let mut child = Command::new(env!("CARGO_BIN_EXE_leadaudit"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + after;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert_eq!(
                status.code(),
                Some(0),
                "leadaudit {}: {}",
                args.join(" "),
                std::fs::read_to_string(&err).unwrap()
            );
            return status.code();
        }
        if Instant::now() >= deadline {
            let _ = child.kill(); // SIGKILL
            child.wait().unwrap();
            return None;
        }
        std::thread::sleep(Duration::from_micros(300));
    }
}

/// How long a command takes when not killed.
fn timed(dir: &Path, args: &[&str]) -> Duration {
    let t = Instant::now();
    assert_eq!(run_or_kill(dir, args, Duration::from_secs(60)), Some(0));
    t.elapsed()
}

fn integrity_ok(ws: &Path) {
    let conn = rusqlite::Connection::open(ws).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn kill_9_during_grade_and_audit_loses_nothing() {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("contacts.csv");
    std::fs::write(&csv, CONTACTS).unwrap();
    let ws = dir.path().join("campaign.leadaudit");
    let (ws_arg, csv_arg) = (ws.display().to_string(), csv.display().to_string());
    let audit_args = |name: &str| -> Vec<String> {
        ["audit", "--workspace", &ws_arg, "--name", name, &csv_arg]
            .map(str::to_owned)
            .to_vec()
    };
    let a: Vec<String> = audit_args("first");
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    let audit_time = timed(dir.path(), &a);
    let grade_args = |i: u64| -> Vec<String> {
        let item = (i % 12 + 1).to_string();
        let level = ["partial", "missing", "not_assessed"][(i % 3) as usize];
        [
            "grade",
            "--workspace",
            &ws_arg,
            "--audit",
            "1",
            &item,
            level,
            "--note",
            &format!("w{i}"),
        ]
        .map(|s| s.to_owned())
        .to_vec()
    };
    let g = grade_args(0);
    let g: Vec<&str> = g.iter().map(String::as_str).collect();
    let grade_time = timed(dir.path(), &g);

    let mut seed = 0x00c0_ffee_u64;
    // Grades: 100 kills, at moments spread over a grade's run.
    let mut acknowledged = Vec::new();
    let mut kills = 0;
    let mut i = 1u64;
    while kills < 100 {
        let span = grade_time.as_micros() as u64 * 12 / 10 + 1;
        let after = Duration::from_micros(next(&mut seed) % span);
        let args = grade_args(i);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        match run_or_kill(dir.path(), &args, after) {
            Some(0) => acknowledged.push(i),
            Some(code) => panic!("grade {i} exited {code}"),
            None => kills += 1,
        }
        i += 1;
    }
    integrity_ok(&ws);
    let conn = rusqlite::Connection::open(&ws).unwrap();
    let notes: std::collections::HashSet<String> = conn
        .prepare("SELECT note FROM grade_history WHERE audit_id = 1")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    drop(conn);
    let lost: Vec<_> = acknowledged
        .iter()
        .filter(|i| !notes.contains(&format!("w{i}")))
        .collect();
    assert!(
        lost.is_empty(),
        "grades that exited 0 but are lost: {lost:?}"
    );

    // Audits: 30 kills.
    let mut completed: BTreeMap<String, ()> = BTreeMap::new();
    completed.insert("first".into(), ());
    let mut kills = 0;
    let mut n = 0;
    while kills < 30 {
        let span = audit_time.as_micros() as u64 * 12 / 10 + 1;
        let after = Duration::from_micros(next(&mut seed) % span);
        let name = format!("a{n}");
        let args = audit_args(&name);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        match run_or_kill(dir.path(), &args, after) {
            Some(0) => {
                completed.insert(name, ());
            }
            Some(code) => panic!("audit {name} exited {code}"),
            None => kills += 1,
        }
        n += 1;
    }
    // A writing command rolls back what a kill interrupted.
    let g = grade_args(i);
    let g: Vec<&str> = g.iter().map(String::as_str).collect();
    assert_eq!(
        run_or_kill(dir.path(), &g, Duration::from_secs(60)),
        Some(0)
    );
    integrity_ok(&ws);

    let conn = rusqlite::Connection::open(&ws).unwrap();
    let rows: Vec<(i64, String, String)> = conn
        .prepare("SELECT id, name, result FROM audits ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mapping_rows: i64 = conn
        .query_row("SELECT count(*) FROM mappings", [], |r| r.get(0))
        .unwrap();
    for (id, name, result) in &rows {
        let result: leadaudit::audit::AuditResult = serde_json::from_str(result)
            .unwrap_or_else(|e| panic!("audit {id} ({name}) is partial: {e}"));
        assert_eq!(result.audit.id, Some(*id), "audit {id} ({name}) is partial");
        assert_eq!(&result.audit.name, name);
        assert!(result.audit.created_at.is_some(), "audit {id} is partial");
    }
    let names: Vec<&str> = rows.iter().map(|(_, n, _)| n.as_str()).collect();
    for name in completed.keys() {
        assert!(
            names.contains(&name.as_str()),
            "audit {name} exited 0 but is lost"
        );
    }
    assert_eq!(
        mapping_rows as usize,
        rows.len(),
        "each audit saved its mapping with it"
    );
    assert!(
        started.elapsed() < Duration::from_secs(120),
        "the campaign took {:?}",
        started.elapsed()
    );
}
