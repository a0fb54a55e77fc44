use super::*;

fn temp() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acme.leadaudit");
    (dir, path)
}

fn audit(name: &str, win_rate: f64) -> NewAudit {
    NewAudit {
        name: name.into(),
        period: Some("2026Q2".into()),
        result: serde_json::json!({"version": 1, "name": name}),
        headline: Headline {
            deals: Some(10),
            win_rate: Some(win_rate),
            verdict: Some("pilot".into()),
            ..Headline::default()
        },
    }
}

#[test]
fn a_workspace_keeps_settings_mapping_audits_and_grades() {
    let (_dir, path) = temp();
    let settings = Settings {
        sla_minutes: 15.0,
        ..Settings::default()
    };
    {
        let store = Store::create(&path, "Acme", &settings).unwrap();
        store.save_mapping("timezone = \"UTC\"\n").unwrap();
        let a = store.add_audit(&audit("Q2", 0.5)).unwrap();
        let b = store.add_audit(&audit("Q3", 0.6)).unwrap();
        assert_eq!(store.previous_audit(b).unwrap(), Some(a));
        assert_eq!(store.previous_audit(a).unwrap(), None);
        let mut g = Grade::new(GradeLevel::Partial);
        g.note = "half the reps log calls".into();
        g.owner = "Dana".into();
        g.due = NaiveDate::from_ymd_opt(2026, 12, 31);
        store.set_grade(a, 11, &g).unwrap();
        g.grade = GradeLevel::InPlace;
        store.set_grade(a, 11, &g).unwrap();
        let mut ten = Grade::new(GradeLevel::Missing);
        ten.escalation = vec![EscalationRule::LowConfidence];
        store.set_grade(a, 10, &ten).unwrap();
    }
    let store = Store::open(&path).unwrap();
    let ws = store.workspace().unwrap();
    assert_eq!(ws.name, "Acme");
    assert_eq!(ws.settings.sla_minutes, 15.0);
    assert_eq!(
        store.mapping().unwrap().as_deref(),
        Some("timezone = \"UTC\"\n")
    );
    let list = store.audits().unwrap();
    assert_eq!(
        list.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(),
        ["Q2", "Q3"]
    );
    assert_eq!(list[1].headline.win_rate, Some(0.6));
    let record = store.audit(list[0].id).unwrap();
    assert_eq!(record.result["name"], "Q2");
    let grades = store.grades(list[0].id).unwrap();
    assert_eq!(grades[&11].grade, GradeLevel::InPlace);
    assert_eq!(grades[&11].due, NaiveDate::from_ymd_opt(2026, 12, 31));
    assert_eq!(grades[&10].escalation, [EscalationRule::LowConfidence]);
    let history = store.grade_history(list[0].id).unwrap();
    assert_eq!(
        history
            .iter()
            .map(|h| (h.item, h.grade.grade))
            .collect::<Vec<_>>(),
        [
            (11, GradeLevel::Partial),
            (11, GradeLevel::InPlace),
            (10, GradeLevel::Missing)
        ]
    );
}

#[test]
fn a_copy_holds_everything_and_opens_on_its_own() {
    let (dir, path) = temp();
    let store = Store::create(&path, "Acme", &Settings::default()).unwrap();
    store.save_mapping("timezone = \"UTC\"\n").unwrap();
    let a = store.add_audit(&audit("Q2", 0.5)).unwrap();
    let mut g = Grade::new(GradeLevel::Partial);
    g.owner = "Dana".into();
    store.set_grade(a, 8, &g).unwrap();

    let copy = dir.path().join("hand-over.leadaudit");
    std::fs::write(&copy, b"an older file").unwrap();
    store.copy_to(&copy).unwrap();
    drop(store);
    std::fs::remove_file(&path).unwrap();
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let other = Store::open(&copy).unwrap();
    assert_eq!(other.workspace().unwrap().name, "Acme");
    assert_eq!(other.audits().unwrap()[0].name, "Q2");
    assert_eq!(other.grades(a).unwrap()[&8].owner, "Dana");
    assert_eq!(
        other.mapping().unwrap().as_deref(),
        Some("timezone = \"UTC\"\n")
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".leadaudit-copy-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let err = other.copy_to(&copy).unwrap_err();
    assert!(matches!(err, StoreError::Copy { .. }), "{err}");
    assert!(err.to_string().contains("it is the workspace itself"));
}

#[test]
fn wrong_items_and_audits_are_refused() {
    let (_dir, path) = temp();
    let store = Store::create(&path, "Acme", &Settings::default()).unwrap();
    let a = store.add_audit(&audit("Q2", 0.5)).unwrap();
    let g = Grade::new(GradeLevel::Missing);
    assert_eq!(
        store.set_grade(a, 13, &g).unwrap_err().to_string(),
        "item 13 does not exist; the checklist items are 1 to 12"
    );
    let err = store.set_grade(a + 7, 1, &g).unwrap_err().to_string();
    assert!(
        err.ends_with(&format!(
            "there is no audit {} in this workspace; `leadaudit history` lists them",
            a + 7
        )),
        "{err}"
    );
    assert!(matches!(
        Store::create(&path, "x", &Settings::default()),
        Err(StoreError::Exists { .. })
    ));
    let missing = path.with_file_name("nope.leadaudit");
    assert!(matches!(
        Store::open(&missing),
        Err(StoreError::Missing { .. })
    ));
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn foreign_damaged_and_newer_files_are_reported_and_left_unchanged() {
    let (dir, path) = temp();
    // Not SQLite at all.
    let text = dir.path().join("notes.leadaudit");
    std::fs::write(&text, "these are my notes, not a database").unwrap();
    let before = bytes(&text);
    let err = Store::open(&text).err().unwrap();
    assert!(matches!(err, StoreError::NotAWorkspace { .. }), "{err}");
    assert!(err.to_string().contains("it was left unchanged"));
    assert_eq!(bytes(&text), before);

    // Another application's SQLite database.
    let other = dir.path().join("other.leadaudit");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let before = bytes(&other);
    assert!(matches!(
        Store::open(&other),
        Err(StoreError::NotAWorkspace { .. })
    ));
    assert_eq!(bytes(&other), before);

    // From a newer version.
    drop(Store::create(&path, "Acme", &Settings::default()).unwrap());
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", migrations::latest() + 1)
        .unwrap();
    let before = bytes(&path);
    let err = Store::open(&path).err().unwrap();
    assert!(matches!(err, StoreError::Newer { .. }), "{err}");
    assert_eq!(bytes(&path), before);

    // Damaged: a page of the file overwritten with garbage.
    let damaged = dir.path().join("damaged.leadaudit");
    {
        let store = Store::create(&damaged, "Acme", &Settings::default()).unwrap();
        for i in 0..200 {
            store.add_audit(&audit(&format!("A{i}"), 0.5)).unwrap();
        }
        store
            .conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    let mut raw = bytes(&damaged);
    let page = 4096 * 3;
    for b in raw.iter_mut().skip(page).take(4096) {
        *b = 0x5A;
    }
    std::fs::write(&damaged, &raw).unwrap();
    let err = Store::open(&damaged).err().unwrap();
    assert!(
        matches!(
            err,
            StoreError::Corrupt { .. } | StoreError::NotAWorkspace { .. }
        ),
        "{err}"
    );
    assert_eq!(bytes(&damaged), raw);
    assert!(damaged.exists());
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_workspace_is_one_file_in_rollback_journal_mode() {
    let (dir, path) = temp();
    let store = Store::create(&path, "Acme", &Settings::default()).unwrap();
    store.add_audit(&audit("Q2", 0.5)).unwrap();
    let mode: String = store
        .conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    assert_eq!(names_in(dir.path()), ["acme.leadaudit"]);
    let raw = bytes(&path);
    assert_eq!(raw[18], 1, "the header says rollback journal");
    assert_eq!(&raw[68..72], &APPLICATION_ID.to_be_bytes());
}

/// A workspace written in WAL mode by an earlier version, left with its own log by
/// a crash: it opens with the log's contents, and becomes one file.
#[test]
fn an_older_wal_workspace_keeps_its_log_and_becomes_one_file() {
    let (dir, path) = temp();
    drop(Store::create(&path, "Acme", &Settings::default()).unwrap());
    let crashed = dir.path().join("crashed");
    std::fs::create_dir(&crashed).unwrap();
    let copy = crashed.join("acme.leadaudit");
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", 0).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.execute(
            "INSERT INTO mappings (created_at, toml) VALUES ('now', 'in the log')",
            [],
        )
        .unwrap();
        // The file and its log as a crash leaves them.
        std::fs::copy(&path, &copy).unwrap();
        std::fs::copy(
            companions::sibling(&path, "-wal"),
            companions::sibling(&copy, "-wal"),
        )
        .unwrap();
    }
    assert!(bytes(&companions::sibling(&copy, "-wal")).len() > 32);
    // Opened to read, a writable file has its log replayed first.
    let ro = Store::open_read_only(&copy);
    assert!(ro.is_ok(), "a writable file is replayed first");
    drop(ro);
    let store = Store::open(&copy).unwrap();
    assert_eq!(store.mapping().unwrap().as_deref(), Some("in the log"));
    drop(store);
    assert_eq!(names_in(&crashed), ["acme.leadaudit"]);
    assert_eq!(bytes(&copy)[18], 1, "now in rollback-journal mode");
    // Without its log, an older WAL-mode file opens read-only as it is.
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    }
    assert_eq!(bytes(&path)[18], 2);
    let before = bytes(&path);
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(store.workspace().unwrap().name, "Acme");
    drop(store);
    assert_eq!(bytes(&path), before);
    assert_eq!(names_in(dir.path()), ["acme.leadaudit", "crashed"]);
}

#[test]
fn a_stray_wal_index_or_empty_log_beside_a_one_file_workspace_is_refused() {
    let (dir, path) = temp();
    drop(Store::create(&path, "Acme", &Settings::default()).unwrap());
    let before = bytes(&path);
    for suffix in ["-shm", "-wal"] {
        let stray = companions::sibling(&path, suffix);
        std::fs::write(&stray, b"").unwrap();
        for err in [
            Store::open(&path).err().unwrap(),
            Store::open_read_only(&path).err().unwrap(),
        ] {
            let text = err.to_string();
            assert!(matches!(err, StoreError::Stray { .. }), "{text}");
            assert!(text.contains(&stray.display().to_string()), "{text}");
        }
        assert_eq!(bytes(&path), before);
        assert_eq!(bytes(&stray), b"");
        std::fs::remove_file(&stray).unwrap();
    }
    assert_eq!(names_in(dir.path()), ["acme.leadaudit"]);
}

/// The case: an older WAL-mode workspace, and another database's log copied
/// in beside it. Replayed, it would turn the workspace into that database.
#[test]
fn a_foreign_log_beside_an_older_wal_workspace_is_refused() {
    let (dir, path) = temp();
    {
        let store = Store::create(&path, "Acme", &Settings::default()).unwrap();
        for i in 0..30 {
            store.add_audit(&audit(&format!("A{i}"), 0.5)).unwrap();
        }
    }
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "journal_mode", "WAL")
        .unwrap();
    let other = dir.path().join("other.db");
    let conn = Connection::open(&other).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let wal = companions::sibling(&path, "-wal");
    std::fs::copy(companions::sibling(&other, "-wal"), &wal).unwrap();
    drop(conn);
    let (db_before, wal_before) = (bytes(&path), bytes(&wal));
    for err in [
        Store::open(&path).err().unwrap(),
        Store::open_read_only(&path).err().unwrap(),
    ] {
        let text = err.to_string();
        assert!(matches!(err, StoreError::Stray { .. }), "{text}");
        assert!(text.contains("replayed, it"), "{text}");
    }
    assert_eq!(bytes(&path), db_before);
    assert_eq!(bytes(&wal), wal_before);
    let mut names = names_in(dir.path());
    names.retain(|n| n.starts_with("acme") || n.starts_with(".leadaudit"));
    assert_eq!(names, ["acme.leadaudit", "acme.leadaudit-wal"]);
}

#[test]
fn a_read_only_store_writes_nothing() {
    let (dir, path) = temp();
    let store = Store::create(&path, "Acme", &Settings::default()).unwrap();
    let a = store.add_audit(&audit("Q2", 0.5)).unwrap();
    drop(store);
    let before = bytes(&path);
    let store = Store::open_read_only(&path).unwrap();
    assert!(store.read_only());
    assert_eq!(store.audits().unwrap().len(), 1);
    let err = store
        .set_grade(a, 3, &Grade::new(GradeLevel::Partial))
        .unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err}");
    assert!(err.to_string().contains("nothing was changed"), "{err}");
    let err = store.atomically(|| store.save_mapping("x")).unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err}");
    drop(store);
    assert_eq!(bytes(&path), before);
    assert_eq!(names_in(dir.path()), ["acme.leadaudit"]);
}

#[test]
fn what_fails_in_a_transaction_is_not_written() {
    let (_dir, path) = temp();
    let store = Store::create(&path, "Acme", &Settings::default()).unwrap();
    let a = store.add_audit(&audit("Q2", 0.5)).unwrap();
    let err = store
        .atomically(|| {
            store.set_grade(a, 3, &Grade::new(GradeLevel::Partial))?;
            store.save_mapping("half")?;
            Err::<(), _>(store.no_audit(99))
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::NoAudit { id: 99, .. }));
    assert!(store.grades(a).unwrap().is_empty());
    assert!(store.grade_history(a).unwrap().is_empty());
    assert_eq!(store.mapping().unwrap(), None);
}

#[test]
fn a_create_that_fails_leaves_no_file() {
    let (dir, path) = temp();
    let err = Store::create_with(&path, "Acme", &Settings::default(), |store| {
        store.add_audit(&audit("Q2", 0.5))?;
        Err::<(), _>(StoreError::NoItem(13))
    })
    .err()
    .unwrap();
    assert!(matches!(err, StoreError::NoItem(13)));
    assert_eq!(names_in(dir.path()), Vec::<String>::new());
    let (store, id) = Store::create_with(&path, "Acme", &Settings::default(), |store| {
        store.add_audit(&audit("Q2", 0.5))
    })
    .unwrap();
    assert_eq!(store.audits().unwrap()[0].id, id);
    assert_eq!(names_in(dir.path()), ["acme.leadaudit"]);
}

#[test]
fn a_create_stopped_by_a_kill_is_swept_by_the_next_create() {
    let (dir, path) = temp();
    let left = dir.path().join(".acme.leadaudit-new-a1b2c3");
    let fresh = dir.path().join(".acme.leadaudit-new-d4e5f6");
    for f in [&left, &fresh] {
        std::fs::write(f, b"half a workspace").unwrap();
    }
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    std::fs::File::options()
        .write(true)
        .open(&left)
        .unwrap()
        .set_modified(old)
        .unwrap();
    drop(Store::create(&path, "Acme", &Settings::default()).unwrap());
    assert_eq!(
        names_in(dir.path()),
        [".acme.leadaudit-new-d4e5f6", "acme.leadaudit"],
        "the stale one is swept; one that may be another create's is left"
    );
}

/// #13 defect 7: a stored value this version cannot read is an error naming the
/// file, the audit and the item, never read as something else.
#[test]
fn unreadable_grade_values_are_reported_not_replaced() {
    let (_dir, path) = temp();
    let store = Store::create(&path, "Acme", &Settings::default()).unwrap();
    let a = store.add_audit(&audit("Q2", 0.5)).unwrap();
    let mut g = Grade::new(GradeLevel::Partial);
    g.due = NaiveDate::from_ymd_opt(2026, 12, 31);
    g.escalation = vec![EscalationRule::HighValue];
    store.set_grade(a, 10, &g).unwrap();
    let expect = |err: StoreError, what: &str| {
        let text = err.to_string();
        assert!(matches!(err, StoreError::Decode { .. }), "{text}");
        assert!(text.starts_with(&path.display().to_string()), "{text}");
        assert!(text.contains(&format!("audit {a}, item 10")), "{text}");
        assert!(text.contains(what), "{text}");
    };
    store
        .conn
        .execute("UPDATE grades SET due = '31/12/2026'", [])
        .unwrap();
    expect(store.grades(a).unwrap_err(), "the due date \"31/12/2026\"");
    store
        .conn
        .execute(
            "UPDATE grades SET due = '2026-12-31', escalation = '[\"ask_a_human\"]'",
            [],
        )
        .unwrap();
    expect(store.grades(a).unwrap_err(), "the escalation rules");
    store
        .conn
        .execute("UPDATE grade_history SET grade = 'excellent'", [])
        .unwrap();
    expect(
        store.grade_history(a).unwrap_err(),
        "the grade \"excellent\" is not one this version knows",
    );
}
