//! The workspace file's schema, as numbered migrations.
//!
//! The schema version is SQLite's `user_version`. A migration is only ever added at the
//! end; an existing one never changes (a test pins their text). Each is applied in its
//! own transaction together with the version bump, so a file is always at one version.

use rusqlite::{Connection, Transaction};

/// The migrations, in order: migration `i` (from 0) takes the file to version `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: the workspace, its mappings, audits, grades and their history.
    r#"
CREATE TABLE workspace (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    settings   TEXT NOT NULL
);
CREATE TABLE mappings (
    id         INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    toml       TEXT NOT NULL
);
CREATE TABLE audits (
    id                     INTEGER PRIMARY KEY,
    name                   TEXT NOT NULL,
    period                 TEXT,
    created_at             TEXT NOT NULL,
    result                 TEXT NOT NULL,
    leads                  INTEGER,
    deals                  INTEGER,
    speed_median_minutes   REAL,
    within_5m              REAL,
    within_1h              REAL,
    never_contacted        REAL,
    qualification_rate     REAL,
    lead_to_opportunity    REAL,
    win_rate               REAL,
    cycle_time_days        REAL,
    verdict                TEXT
);
CREATE TABLE grades (
    audit_id   INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
    item       INTEGER NOT NULL CHECK (item BETWEEN 1 AND 12),
    grade      TEXT NOT NULL CHECK (grade IN ('in_place', 'partial', 'missing', 'not_assessed')),
    note       TEXT NOT NULL DEFAULT '',
    owner      TEXT NOT NULL DEFAULT '',
    due        TEXT,
    escalation TEXT NOT NULL DEFAULT '[]',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (audit_id, item)
);
CREATE TABLE grade_history (
    id         INTEGER PRIMARY KEY,
    audit_id   INTEGER NOT NULL,
    item       INTEGER NOT NULL,
    grade      TEXT NOT NULL,
    note       TEXT NOT NULL,
    owner      TEXT NOT NULL,
    due        TEXT,
    escalation TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
CREATE TRIGGER grades_history_insert AFTER INSERT ON grades BEGIN
    INSERT INTO grade_history (audit_id, item, grade, note, owner, due, escalation, changed_at)
    VALUES (NEW.audit_id, NEW.item, NEW.grade, NEW.note, NEW.owner, NEW.due, NEW.escalation, NEW.updated_at);
END;
CREATE TRIGGER grades_history_update AFTER UPDATE ON grades BEGIN
    INSERT INTO grade_history (audit_id, item, grade, note, owner, due, escalation, changed_at)
    VALUES (NEW.audit_id, NEW.item, NEW.grade, NEW.note, NEW.owner, NEW.due, NEW.escalation, NEW.updated_at);
END;
CREATE INDEX audits_created ON audits (created_at);
"#,
];

/// The version this build writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

/// The file's schema version.
pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Applies the migrations the file lacks, each with its version bump in one
/// transaction. The caller has checked that the file is not newer than this build.
pub fn to_latest(conn: &mut Connection) -> rusqlite::Result<()> {
    let from = version(conn)?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        let tx: Transaction<'_> = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_apply_in_order_and_leave_a_sound_schema() {
        let mut conn = Connection::open_in_memory().unwrap();
        to_latest(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), latest());
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
        // Idempotent.
        to_latest(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), latest());
    }

    #[test]
    fn each_upgrade_step_applies_on_the_version_before() {
        for target in 1..=MIGRATIONS.len() {
            let mut conn = Connection::open_in_memory().unwrap();
            for (i, sql) in MIGRATIONS.iter().enumerate().take(target - 1) {
                conn.execute_batch(sql).unwrap();
                conn.pragma_update(None, "user_version", (i + 1) as i64)
                    .unwrap();
            }
            to_latest(&mut conn).unwrap();
            assert_eq!(version(&conn).unwrap(), latest(), "from {}", target - 1);
        }
    }

    /// Migrations are append-only: changing a shipped one would leave existing files
    /// with a schema no build describes. This pins their text by a checksum.
    #[test]
    fn shipped_migrations_do_not_change() {
        use sha2::{Digest, Sha256};
        let digests: Vec<String> = MIGRATIONS
            .iter()
            .map(|m| format!("{:x}", Sha256::digest(m.as_bytes()))[..16].to_owned())
            .collect();
        assert_eq!(
            digests,
            ["abaf08f56b7c7bf2"],
            "a shipped migration changed; add a new one instead"
        );
    }
}
