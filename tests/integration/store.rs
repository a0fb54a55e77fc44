//! The workspace file under a hard kill: a child process writes grades in a loop and
//! is killed with SIGKILL at random moments; each time the file must pass SQLite's
//! integrity check and hold every grade whose write had returned.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use leadaudit::grade::{Grade, GradeLevel};
use leadaudit::settings::Settings;
use leadaudit::store::{Headline, NewAudit, Store};

const CHILD_ENV: &str = "LEADAUDIT_CRASH_CHILD";

/// The child half of `grades_survive_sigkill`: it runs only when that test starts it.
#[test]
#[ignore = "the child process of grades_survive_sigkill, which runs it"]
fn crash_child() {
    let Some(path) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let audit: i64 = std::env::var("LEADAUDIT_CRASH_AUDIT")
        .unwrap()
        .parse()
        .unwrap();
    let round: u32 = std::env::var("LEADAUDIT_CRASH_ROUND")
        .unwrap()
        .parse()
        .unwrap();
    let store = Store::open(Path::new(&path)).unwrap();
    let levels = [
        GradeLevel::InPlace,
        GradeLevel::Partial,
        GradeLevel::Missing,
    ];
    for i in 0u64.. {
        let item = (i % 12 + 1) as u8;
        let mut g = Grade::new(levels[(i % 3) as usize]);
        g.note = format!("r{round} w{i}");
        store.set_grade(audit, item, &g).unwrap();
        // The write has returned: acknowledge it.
        println!("ack {i}");
    }
}

/// A small deterministic generator for the kill moments.
fn next(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *seed >> 33
}

#[test]
fn grades_survive_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.leadaudit");
    let audit = {
        let store = Store::create(&path, "Crash test", &Settings::default()).unwrap();
        store
            .add_audit(&NewAudit {
                name: "Q2".into(),
                period: None,
                result: serde_json::json!({}),
                headline: Headline::default(),
            })
            .unwrap()
    };
    let mut seed = 0x1ead_a0d1_u64;
    let mut total_acked = 0;
    for round in 0..24u32 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--ignored",
                "--exact",
                "store::crash_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &path)
            .env("LEADAUDIT_CRASH_AUDIT", audit.to_string())
            .env("LEADAUDIT_CRASH_ROUND", round.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel::<u64>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(n) = line.strip_prefix("ack ") {
                    let _ = tx.send(n.parse().unwrap());
                }
            }
        });
        // Wait for the first acknowledged write, then kill at a random moment.
        let first = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the child writes");
        let mut acked = vec![first];
        let deadline = Instant::now() + Duration::from_millis(5 + next(&mut seed) % 120);
        while Instant::now() < deadline {
            if let Ok(n) = rx.recv_timeout(Duration::from_millis(1)) {
                acked.push(n);
            }
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        reader.join().unwrap();
        acked.extend(rx.try_iter());
        total_acked += acked.len();

        let conn = rusqlite::Connection::open(&path).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "round {round}");
        drop(conn);
        let store = Store::open(&path).unwrap();
        let history: std::collections::HashSet<String> = store
            .grade_history(audit)
            .unwrap()
            .into_iter()
            .map(|c| c.grade.note)
            .collect();
        for i in &acked {
            assert!(
                history.contains(&format!("r{round} w{i}")),
                "round {round}: acknowledged write {i} is missing"
            );
        }
        // The current grade of each item is its last acknowledged write or a later one.
        let grades = store.grades(audit).unwrap();
        let last = *acked.iter().max().unwrap();
        for i in last.saturating_sub(11)..=last {
            let item = (i % 12 + 1) as u8;
            let note = &grades[&item].note;
            let (r, w) = note.trim_start_matches('r').split_once(" w").unwrap();
            assert_eq!(r.parse::<u32>().unwrap(), round, "item {item}: {note}");
            assert!(
                w.parse::<u64>().unwrap() >= i,
                "item {item}: {note} older than write {i}"
            );
        }
    }
    assert!(total_acked >= 24, "only {total_acked} writes acknowledged");
}
