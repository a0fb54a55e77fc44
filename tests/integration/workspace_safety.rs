//! The workspace never loses, corrupts or leaks (#18): foreign journals beside it are
//! refused and left as they are, a failed command writes nothing, a failed create
//! leaves no file, a read-only workspace can be viewed, no copy of the input stays in
//! the temporary folder after a kill, no email or phone from the input reaches the
//! file, and terminal escapes are printed escaped. Each runs the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::harness::{Run, leadaudit};

/// A small HubSpot-like contacts export, with personal data in label fields: an owner
/// written as an email address, a source holding a phone number, a lifecycle stage
/// holding an email.
const CONTACTS: &str = "Record ID,Email,Create Date,Contact owner,Lifecycle Stage,Original Source\n\
    1,a.one@client.example,2026-04-01 09:00,ann.lee@seller.example,lead,Phone call +1 415 555 0199\n\
    2,b.two@client.example,2026-04-02 10:30,Bo Chen,customer,Organic search\n\
    3,c.three@client.example,2026-04-03 11:00,ann.lee@seller.example,stage.owner@seller.example,Referral\n\
    4,d.four@client.example,2026-04-04 12:00,Bo Chen,lead,Organic search\n";

const PERSONAL: [&str; 6] = [
    "ann.lee@seller.example",
    "stage.owner@seller.example",
    "a.one@client.example",
    "b.two@client.example",
    "555 0199",
    "4155550199",
];

struct Fixture {
    dir: tempfile::TempDir,
    ws: PathBuf,
    csv: PathBuf,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("contacts.csv");
        std::fs::write(&csv, CONTACTS).unwrap();
        let ws = dir.path().join("acme.leadaudit");
        let f = Fixture { dir, ws, csv };
        f.run(&[
            "audit",
            "--workspace",
            &f.ws_arg(),
            "--name",
            "Q2",
            &f.csv_arg(),
        ])
        .ok();
        f
    }
    fn ws_arg(&self) -> String {
        self.ws.display().to_string()
    }
    fn csv_arg(&self) -> String {
        self.csv.display().to_string()
    }
    fn run(&self, args: &[&str]) -> Run {
        leadaudit(self.dir.path(), args)
    }
    fn show(&self, ws: &Path) -> Run {
        let ws = ws.display().to_string();
        self.run(&["show", "--workspace", &ws, "--audit", "1", "--json"])
    }
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.display()))
}

fn refused(run: &Run, ws: &Path, stray: &Path) {
    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stderr.contains(&ws.display().to_string()), "{run}");
    assert!(run.stderr.contains(&stray.display().to_string()), "{run}");
    assert!(
        run.stderr.contains("which this workspace did not write"),
        "{run}"
    );
    assert!(run.stderr.contains("move it away"), "{run}");
}

/// The write-ahead log of another database, copied in beside a good workspace.
#[test]
fn a_foreign_wal_is_refused_and_both_files_left_as_they_are() {
    let f = Fixture::new();
    let other = f.dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.execute_batch(
        "CREATE TABLE t (x); INSERT INTO t VALUES (randomblob(20000)); INSERT INTO t VALUES (1);",
    )
    .unwrap();
    let wal = sibling(&f.ws, "-wal");
    std::fs::copy(sibling(&other, "-wal"), &wal).unwrap();
    drop(conn);
    assert!(bytes(&wal).len() > 4096, "the foreign WAL has frames");
    let (ws_before, wal_before) = (bytes(&f.ws), bytes(&wal));

    for args in [
        vec!["show", "--workspace", &f.ws_arg(), "--audit", "1"],
        vec!["history", "--workspace", &f.ws_arg()],
        vec![
            "grade",
            "--workspace",
            &f.ws_arg(),
            "--audit",
            "1",
            "3",
            "partial",
        ],
    ] {
        let run = f.run(&args);
        refused(&run, &f.ws, &wal);
        assert_eq!(bytes(&f.ws), ws_before, "{run}");
        assert_eq!(bytes(&wal), wal_before, "{run}");
    }
    // Moved away, the workspace opens as it was.
    std::fs::remove_file(&wal).unwrap();
    let _ = std::fs::remove_file(sibling(&f.ws, "-shm"));
    f.show(&f.ws).ok();
}

/// The hot rollback journal of another database (a write interrupted after its journal
/// was synced), copied in beside a good workspace.
#[test]
fn a_foreign_hot_journal_is_refused_and_both_files_left_as_they_are() {
    let f = Fixture::new();
    let other = f.dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch(
        "PRAGMA journal_mode=DELETE; CREATE TABLE t (x); INSERT INTO t VALUES (randomblob(100000));",
    )
    .unwrap();
    // A small cache spills to the file in the middle of the transaction: the journal is
    // synced (it is hot) and holds the original of page 1 (the schema changes).
    conn.execute_batch(
        "PRAGMA cache_size=2; BEGIN; CREATE TABLE u (y); DELETE FROM t; \
         INSERT INTO u SELECT randomblob(3000) FROM (WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i<200) SELECT i FROM c);",
    )
    .unwrap();
    let journal = sibling(&f.ws, "-journal");
    std::fs::copy(sibling(&other, "-journal"), &journal).unwrap();
    conn.execute_batch("ROLLBACK").unwrap();
    drop(conn);
    let raw = bytes(&journal);
    assert_eq!(raw[..8], [0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]);
    assert_ne!(raw[8..12], [0, 0, 0, 0], "the journal is synced: it is hot");
    let (ws_before, journal_before) = (bytes(&f.ws), raw);

    for args in [
        vec!["show", "--workspace", &f.ws_arg(), "--audit", "1"],
        vec![
            "grade",
            "--workspace",
            &f.ws_arg(),
            "--audit",
            "1",
            "3",
            "partial",
        ],
        vec![
            "audit",
            "--workspace",
            &f.ws_arg(),
            "--name",
            "Q3",
            &f.csv_arg(),
        ],
    ] {
        let run = f.run(&args);
        refused(&run, &f.ws, &journal);
        assert_eq!(bytes(&f.ws), ws_before, "{run}");
        assert_eq!(bytes(&journal), journal_before, "{run}");
    }
    std::fs::remove_file(&journal).unwrap();
    f.show(&f.ws).ok();
}

/// `grade` when the stored audit cannot be read fails and saves nothing; the message
/// names the file.
#[test]
fn a_grade_that_fails_saves_nothing_and_names_the_file() {
    let f = Fixture::new();
    rusqlite::Connection::open(&f.ws)
        .unwrap()
        .execute(
            "UPDATE audits SET result = '{\"version\": 1, \"audit\": 3}' WHERE id = 1",
            [],
        )
        .unwrap();
    let before = bytes(&f.ws);
    let run = f.run(&[
        "grade",
        "--workspace",
        &f.ws_arg(),
        "--audit",
        "1",
        "3",
        "partial",
    ]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stderr.contains(&f.ws_arg()), "{run}");
    assert!(run.stderr.contains("audit 1 could not be read"), "{run}");
    assert_eq!(bytes(&f.ws), before, "nothing written");
    let conn = rusqlite::Connection::open(&f.ws).unwrap();
    for table in ["grades", "grade_history"] {
        let n: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0, "{table}");
    }
    // `show` names the file too.
    let run = f.show(&f.ws);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stderr.contains(&f.ws_arg()), "{run}");
}

/// Mounts a filesystem for a test, and unmounts it when dropped; `None` (with a visible
/// notice) where this process may not mount.
struct Mount(PathBuf);

impl Mount {
    fn new(args: &[&str], at: &Path) -> Option<Mount> {
        std::fs::create_dir_all(at).unwrap();
        let ok = Command::new("mount")
            .args(args)
            .arg(at)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            Some(Mount(at.to_path_buf()))
        } else {
            // Counted as skipped by ./dev test, never as passed.
            crate::harness::record_env_skip(&format!(
                "`mount {}` is not permitted here; this test needs it",
                args.join(" ")
            ));
            None
        }
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// A full disk while a new workspace is created: the audit fails and no file is left
/// (before, a 4,096-byte stub stayed and every later audit refused it).
#[test]
fn a_full_disk_on_create_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("small");
    let Some(_mount) = Mount::new(&["-t", "tmpfs", "-o", "size=64k", "tmpfs"], &mnt) else {
        return;
    };
    // Enough contacts that the audit does not fit in 64 KB.
    let mut csv = String::from("Record ID,Email,Create Date,Contact owner,Lifecycle Stage\n");
    for i in 0..3000 {
        csv.push_str(&format!(
            "{i},p{i}@client.example,2026-04-{:02} 09:00,Owner {},lead\n",
            i % 28 + 1,
            i % 40
        ));
    }
    let input = dir.path().join("contacts.csv");
    std::fs::write(&input, csv).unwrap();
    let ws = mnt.join("acme.leadaudit");
    let run = leadaudit(
        dir.path(),
        &[
            "audit",
            "--workspace",
            &ws.display().to_string(),
            "--name",
            "Q2",
            &input.display().to_string(),
        ],
    );
    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stderr.contains("the disk is full"), "{run}");
    assert!(run.stderr.contains("no new workspace left behind"), "{run}");
    let left: Vec<_> = std::fs::read_dir(&mnt)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}\n{run}");
}

/// On a full disk, reading needs no space (`show` and `history` work) and a write says
/// the disk is full and changes nothing.
#[test]
fn a_full_disk_still_shows_and_a_write_changes_nothing() {
    let f = Fixture::new();
    let mnt = f.dir.path().join("full");
    let Some(_mount) = Mount::new(&["-t", "tmpfs", "-o", "size=1m", "tmpfs"], &mnt) else {
        return;
    };
    let ws = mnt.join("acme.leadaudit");
    std::fs::copy(&f.ws, &ws).unwrap();
    // Fill the disk.
    {
        use std::io::Write as _;
        let mut filler = std::fs::File::create(mnt.join("filler")).unwrap();
        let block = vec![0u8; 4096];
        while filler
            .write_all(&block)
            .and_then(|()| filler.sync_all())
            .is_ok()
        {}
    }
    let ws_arg = ws.display().to_string();
    let before = bytes(&ws);
    let run = f.show(&ws);
    run.ok();
    f.run(&["history", "--workspace", &ws_arg]).ok();
    let run = f.run(&[
        "grade",
        "--workspace",
        &ws_arg,
        "--audit",
        "1",
        "3",
        "partial",
    ]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stderr.contains("the disk is full"), "{run}");
    assert_eq!(bytes(&ws), before);
    assert!(!sibling(&ws, "-journal").exists());
}

/// A workspace on a read-only mount: `show`, `history` and `compare` work and say the
/// file is read-only; `grade` and `audit` say so and change nothing.
#[test]
fn a_read_only_workspace_can_be_viewed_and_is_not_written() {
    let f = Fixture::new();
    f.run(&[
        "audit",
        "--workspace",
        &f.ws_arg(),
        "--name",
        "Q3",
        &f.csv_arg(),
    ])
    .ok();
    let ro = f.dir.path().join("ro");
    let Some(_bind) = Mount::new(&["--bind", &f.dir.path().display().to_string()], &ro) else {
        return;
    };
    let remounted = Command::new("mount")
        .args(["-o", "remount,ro,bind"])
        .arg(&ro)
        .status()
        .is_ok_and(|s| s.success());
    assert!(remounted, "remounting the bind mount read-only");
    let ws = ro.join("acme.leadaudit");
    let ws_arg = ws.display().to_string();
    let before = bytes(&ws);
    let run = f.show(&ws);
    let shown: serde_json::Value = serde_json::from_str(run.ok()).unwrap();
    assert_eq!(shown["audit"]["name"], "Q2");
    assert!(run.stderr.contains("is read-only"), "{run}");
    let run = f.run(&["history", "--workspace", &ws_arg]);
    assert!(run.ok().contains("Q3"), "{run}");
    f.run(&["compare", "--workspace", &ws_arg, "1", "2"]).ok();
    for args in [
        vec![
            "grade",
            "--workspace",
            &ws_arg,
            "--audit",
            "1",
            "3",
            "partial",
        ],
        vec![
            "audit",
            "--workspace",
            &ws_arg,
            "--name",
            "Q4",
            &f.csv_arg(),
        ],
    ] {
        let run = f.run(&args);
        assert_eq!(run.code, Some(2), "{run}");
        assert!(
            run.stderr.contains("the workspace is read-only")
                && run.stderr.contains("nothing was changed"),
            "{run}"
        );
    }
    assert_eq!(bytes(&ws), before);
    let names: Vec<_> = std::fs::read_dir(&ro)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("acme.leadaudit"))
        .collect();
    assert_eq!(names, ["acme.leadaudit"]);
}

/// Kills `leadaudit inspect` while it decodes a Windows-1252 export (which used to be
/// copied to `$TMPDIR/leadaudit-*.csv`): nothing is ever left in the temporary folder.
#[test]
fn a_kill_during_import_leaves_no_copy_of_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let mut text = String::from("Record ID,Email,Create Date,Contact owner,City\n");
    for i in 0..60_000 {
        text.push_str(&format!(
            "{i},zoë{i}@client.example,2026-04-01 09:00,Zoë Łu,Köln\n"
        ));
    }
    let (cp, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    let input = dir.path().join("contacts.csv");
    std::fs::write(&input, &cp).unwrap();
    for (round, wait) in [5u64, 20, 40, 80, 150, 250].into_iter().enumerate() {
        let mut child = Command::new(env!("CARGO_BIN_EXE_leadaudit"))
            .arg("inspect")
            .arg(&input)
            .env("TMPDIR", &tmp)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(wait));
        let _ = child.kill();
        child.wait().unwrap();
        let left: Vec<_> = std::fs::read_dir(&tmp)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(left.is_empty(), "round {round}: left {left:?}");
    }
    // And read to the end, it leaves nothing either.
    let out = Command::new(env!("CARGO_BIN_EXE_leadaudit"))
        .arg("inspect")
        .arg(&input)
        .env("TMPDIR", &tmp)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read_dir(&tmp).unwrap().count(), 0);
}

/// Emails and phone numbers in owner, stage and source fields: masked in what `audit`
/// prints and `show --json` gives, and absent from the workspace file's bytes, unless
/// `--keep-personal-data` was asked for.
#[test]
fn personal_data_in_label_fields_never_reaches_the_workspace() {
    let f = Fixture::new();
    let shown = f.show(&f.ws);
    let json = shown.ok();
    let raw = bytes(&f.ws);
    let file = String::from_utf8_lossy(&raw);
    for p in PERSONAL {
        assert!(!json.contains(p), "{p} in show --json");
        assert!(!file.contains(p), "{p} in the workspace file");
    }
    // The masked forms are there: the owner is still told apart.
    assert!(json.contains("a***@s***.example"), "{json}");

    // Asked for, it is kept.
    let kept = f.dir.path().join("kept.leadaudit");
    let kept_arg = kept.display().to_string();
    f.run(&[
        "audit",
        "--workspace",
        &kept_arg,
        "--name",
        "Q2",
        "--keep-personal-data",
        &f.csv_arg(),
    ])
    .ok();
    assert!(String::from_utf8_lossy(&bytes(&kept)).contains("ann.lee@seller.example"));
    let run = f.show(&kept);
    assert!(!run.ok().contains("ann.lee@seller.example"), "{run}");
    let run = f.run(&[
        "show",
        "--workspace",
        &kept_arg,
        "--audit",
        "1",
        "--json",
        "--no-redact",
    ]);
    assert!(run.ok().contains("ann.lee@seller.example"), "{run}");
}

/// An ESC sequence in an owner name, a header and a file name reaches the terminal
/// escaped.
#[test]
fn terminal_escapes_are_printed_escaped() {
    let f = Fixture::new();
    let run = f.run(&[
        "grade",
        "--workspace",
        &f.ws_arg(),
        "--audit",
        "1",
        "8",
        "missing",
        "--owner",
        "Ann\u{1b}]0;owned\u{7}\u{1b}[2J",
    ]);
    run.ok();
    let run = f.run(&["show", "--workspace", &f.ws_arg(), "--audit", "1"]);
    let out = run.ok();
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(out.contains("Ann\\u{1b}]0;owned\\u{7}\\u{1b}[2J"), "{out}");

    let evil = f.dir.path().join("evil\u{1b}[31m.csv");
    std::fs::write(
        &evil,
        "Record ID,Email\u{1b}[5m,Create Date\n1,a@b.example,2026-04-01\n",
    )
    .unwrap();
    let run = f.run(&["inspect", &evil.display().to_string()]);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(!all.contains('\u{1b}'), "{all:?}");
    assert!(all.contains("\\u{1b}[31m"), "{all}");
}
