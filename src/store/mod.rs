//! The workspace file (`.leadaudit`, SQLite): one per company audited, holding its
//! settings, its mapping, every audit (the whole result as JSON, and the headline
//! figures as columns for history), and the grades with the history of every change.
//!
//! Nothing a person typed is ever lost: each grade change is its own committed
//! transaction (WAL, `synchronous = FULL`), the schema changes only by numbered
//! migrations, and a file that is damaged, not a workspace, or from a newer version is
//! reported and left exactly as it was.

pub mod migrations;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::grade::{EscalationRule, Grade, GradeLevel};
use crate::settings::Settings;

/// The file name extension of workspace files.
pub const EXTENSION: &str = "leadaudit";

/// Everything that can go wrong with a workspace file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: a file is already there; choose another name, or open that workspace")]
    Exists { path: PathBuf },
    #[error("{path}: there is no workspace file there; check the path, or create the workspace")]
    Missing { path: PathBuf },
    #[error(
        "{path}: this is not a Lead Audit workspace file ({detail}); it was left unchanged. Open the right file"
    )]
    NotAWorkspace { path: PathBuf, detail: String },
    #[error(
        "{path}: the workspace file is damaged ({detail}); it was left unchanged. Restore a copy (it is an SQLite file: `sqlite3 FILE .recover` may rescue its contents)"
    )]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "{path}: this workspace was written by a newer Lead Audit (file format {found}; this version reads up to {known}); it was left unchanged. Open it with a newer version"
    )]
    Newer {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("{path}: there is no audit {id} in this workspace; `leadaudit history` lists them")]
    NoAudit { path: PathBuf, id: i64 },
    #[error("item {0} does not exist; the checklist items are 1 to 12")]
    NoItem(u8),
    #[error("{path}: {detail}")]
    Sql { path: PathBuf, detail: String },
    #[error("{path}: a stored value could not be read: {detail}")]
    Decode { path: PathBuf, detail: String },
    #[error("{dest}: the workspace could not be copied there ({detail}); choose another place")]
    Copy { dest: PathBuf, detail: String },
}

/// An open workspace file.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// The workspace itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkspaceInfo {
    pub name: String,
    pub created_at: String,
    pub settings: Settings,
}

/// The headline figures of an audit, kept as columns for history and comparison.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Headline {
    pub leads: Option<i64>,
    pub deals: Option<i64>,
    pub speed_median_minutes: Option<f64>,
    pub within_5m: Option<f64>,
    pub within_1h: Option<f64>,
    pub never_contacted: Option<f64>,
    pub qualification_rate: Option<f64>,
    pub lead_to_opportunity: Option<f64>,
    pub win_rate: Option<f64>,
    pub cycle_time_days: Option<f64>,
    pub verdict: Option<String>,
}

/// An audit to save.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAudit {
    pub name: String,
    pub period: Option<String>,
    /// The whole audit result, as JSON.
    pub result: serde_json::Value,
    pub headline: Headline,
}

/// A saved audit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditRecord {
    pub id: i64,
    pub name: String,
    pub period: Option<String>,
    pub created_at: String,
    pub result: serde_json::Value,
    pub headline: Headline,
}

/// One row of the history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditSummary {
    pub id: i64,
    pub name: String,
    pub period: Option<String>,
    pub created_at: String,
    pub headline: Headline,
}

/// One change of a grade, as it was made.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GradeChange {
    pub item: u8,
    pub grade: Grade,
    pub changed_at: String,
}

fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

impl Store {
    /// Creates a new workspace file; refuses to touch an existing file.
    pub fn create(path: &Path, name: &str, settings: &Settings) -> Result<Store, StoreError> {
        if path.exists() {
            return Err(StoreError::Exists {
                path: path.to_path_buf(),
            });
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )
        .map_err(|e| sql(path, e))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.configure()?;
        migrations::to_latest(&mut store.conn).map_err(|e| sql(path, e))?;
        let settings_json = serde_json::to_string(settings).expect("settings serialize");
        store
            .conn
            .execute(
                "INSERT INTO workspace (id, name, created_at, settings) VALUES (1, ?1, ?2, ?3)",
                params![name, now(), settings_json],
            )
            .map_err(|e| sql(path, e))?;
        Ok(store)
    }

    /// Opens an existing workspace file, upgrading its schema if it is older. A file
    /// that is not a workspace, is damaged, or is newer is reported and not changed.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if !path.is_file() {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
            .map_err(|e| sql(path, e))?;
        // Read-only checks first: nothing is written before the file is known good.
        let found = migrations::version(&conn).map_err(|e| classify(path, e))?;
        let known = migrations::latest();
        if found > known {
            return Err(StoreError::Newer {
                path: path.to_path_buf(),
                found,
                known,
            });
        }
        let check: String = conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(|e| classify(path, e))?;
        if check != "ok" {
            return Err(StoreError::Corrupt {
                path: path.to_path_buf(),
                detail: check,
            });
        }
        if found >= 1 {
            let has_workspace: Option<i64> = conn
                .query_row("SELECT id FROM workspace WHERE id = 1", [], |r| r.get(0))
                .optional()
                .map_err(|e| classify(path, e))?;
            if has_workspace.is_none() {
                return Err(StoreError::NotAWorkspace {
                    path: path.to_path_buf(),
                    detail: "it has no workspace record".to_owned(),
                });
            }
        } else {
            let tables: i64 = conn
                .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
                .map_err(|e| classify(path, e))?;
            if tables > 0 {
                return Err(StoreError::NotAWorkspace {
                    path: path.to_path_buf(),
                    detail: "an SQLite database of another application".to_owned(),
                });
            }
            return Err(StoreError::NotAWorkspace {
                path: path.to_path_buf(),
                detail: "an empty file".to_owned(),
            });
        }
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.configure()?;
        migrations::to_latest(&mut store.conn).map_err(|e| sql(path, e))?;
        Ok(store)
    }

    /// Opens the workspace at `path`, creating it (named `name`) when there is none.
    pub fn open_or_create(
        path: &Path,
        name: &str,
        settings: &Settings,
    ) -> Result<Store, StoreError> {
        if path.exists() {
            Store::open(path)
        } else {
            Store::create(path, name, settings)
        }
    }

    fn configure(&mut self) -> Result<(), StoreError> {
        let path = self.path.clone();
        self.conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
            .map_err(|e| sql(&path, e))?;
        for (name, value) in [("synchronous", "FULL"), ("foreign_keys", "ON")] {
            self.conn
                .pragma_update(None, name, value)
                .map_err(|e| sql(&path, e))?;
        }
        self.conn
            .busy_timeout(std::time::Duration::from_secs(5))
            .map_err(|e| sql(&path, e))?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn workspace(&self) -> Result<WorkspaceInfo, StoreError> {
        let (name, created_at, settings): (String, String, String) = self
            .conn
            .query_row(
                "SELECT name, created_at, settings FROM workspace WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(|e| sql(&self.path, e))?;
        let settings = serde_json::from_str(&settings).map_err(|e| self.decode(e))?;
        Ok(WorkspaceInfo {
            name,
            created_at,
            settings,
        })
    }

    pub fn set_settings(&self, settings: &Settings) -> Result<(), StoreError> {
        let json = serde_json::to_string(settings).expect("settings serialize");
        self.conn
            .execute("UPDATE workspace SET settings = ?1 WHERE id = 1", [json])
            .map_err(|e| sql(&self.path, e))?;
        Ok(())
    }

    /// Saves the workspace's mapping (TOML); the latest saved is the current one.
    pub fn save_mapping(&self, toml: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO mappings (created_at, toml) VALUES (?1, ?2)",
                params![now(), toml],
            )
            .map_err(|e| sql(&self.path, e))?;
        Ok(())
    }

    /// The current mapping, if one was saved.
    pub fn mapping(&self) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row(
                "SELECT toml FROM mappings ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| sql(&self.path, e))
    }

    /// Saves an audit; returns its id.
    pub fn add_audit(&self, audit: &NewAudit) -> Result<i64, StoreError> {
        let h = &audit.headline;
        self.conn
            .execute(
                "INSERT INTO audits (name, period, created_at, result, leads, deals,
                    speed_median_minutes, within_5m, within_1h, never_contacted,
                    qualification_rate, lead_to_opportunity, win_rate, cycle_time_days, verdict)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                params![
                    audit.name,
                    audit.period,
                    now(),
                    audit.result.to_string(),
                    h.leads,
                    h.deals,
                    h.speed_median_minutes,
                    h.within_5m,
                    h.within_1h,
                    h.never_contacted,
                    h.qualification_rate,
                    h.lead_to_opportunity,
                    h.win_rate,
                    h.cycle_time_days,
                    h.verdict,
                ],
            )
            .map_err(|e| sql(&self.path, e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Replaces an audit's stored result and headline (e.g. after the verdict moved).
    pub fn update_result(
        &self,
        id: i64,
        result: &serde_json::Value,
        headline: &Headline,
    ) -> Result<(), StoreError> {
        let n = self
            .conn
            .execute(
                "UPDATE audits SET result = ?2, verdict = ?3 WHERE id = ?1",
                params![id, result.to_string(), headline.verdict],
            )
            .map_err(|e| sql(&self.path, e))?;
        if n == 0 {
            return Err(self.no_audit(id));
        }
        Ok(())
    }

    const SUMMARY_COLUMNS: &'static str = "id, name, period, created_at, leads, deals,
        speed_median_minutes, within_5m, within_1h, never_contacted, qualification_rate,
        lead_to_opportunity, win_rate, cycle_time_days, verdict";

    fn summary(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditSummary> {
        Ok(AuditSummary {
            id: r.get(0)?,
            name: r.get(1)?,
            period: r.get(2)?,
            created_at: r.get(3)?,
            headline: Headline {
                leads: r.get(4)?,
                deals: r.get(5)?,
                speed_median_minutes: r.get(6)?,
                within_5m: r.get(7)?,
                within_1h: r.get(8)?,
                never_contacted: r.get(9)?,
                qualification_rate: r.get(10)?,
                lead_to_opportunity: r.get(11)?,
                win_rate: r.get(12)?,
                cycle_time_days: r.get(13)?,
                verdict: r.get(14)?,
            },
        })
    }

    /// Every audit, oldest first.
    pub fn audits(&self) -> Result<Vec<AuditSummary>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {} FROM audits ORDER BY created_at, id",
                Self::SUMMARY_COLUMNS
            ))
            .map_err(|e| sql(&self.path, e))?;
        let rows = stmt
            .query_map([], Self::summary)
            .map_err(|e| sql(&self.path, e))?;
        rows.collect::<Result<_, _>>()
            .map_err(|e| sql(&self.path, e))
    }

    /// One audit with its whole result.
    pub fn audit(&self, id: i64) -> Result<AuditRecord, StoreError> {
        let found = self
            .conn
            .query_row(
                &format!(
                    "SELECT {}, result FROM audits WHERE id = ?1",
                    Self::SUMMARY_COLUMNS
                ),
                [id],
                |r| Ok((Self::summary(r)?, r.get::<_, String>(15)?)),
            )
            .optional()
            .map_err(|e| sql(&self.path, e))?;
        let (s, result) = found.ok_or_else(|| self.no_audit(id))?;
        let result = serde_json::from_str(&result).map_err(|e| self.decode(e))?;
        Ok(AuditRecord {
            id: s.id,
            name: s.name,
            period: s.period,
            created_at: s.created_at,
            result,
            headline: s.headline,
        })
    }

    /// The audit before `id` (by creation), if any: what a new audit compares with.
    pub fn previous_audit(&self, id: i64) -> Result<Option<i64>, StoreError> {
        self.conn
            .query_row(
                "SELECT id FROM audits WHERE (created_at, id) < (SELECT created_at, id FROM audits WHERE id = ?1)
                 ORDER BY created_at DESC, id DESC LIMIT 1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| sql(&self.path, e))
    }

    /// Sets one item's grade: committed before this returns.
    pub fn set_grade(&self, audit_id: i64, item: u8, grade: &Grade) -> Result<(), StoreError> {
        if !(1..=12).contains(&item) {
            return Err(StoreError::NoItem(item));
        }
        let exists: Option<i64> = self
            .conn
            .query_row("SELECT id FROM audits WHERE id = ?1", [audit_id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| sql(&self.path, e))?;
        if exists.is_none() {
            return Err(self.no_audit(audit_id));
        }
        let escalation = serde_json::to_string(&grade.escalation).expect("rules serialize");
        self.conn
            .execute(
                "INSERT INTO grades (audit_id, item, grade, note, owner, due, escalation, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (audit_id, item) DO UPDATE SET
                    grade = excluded.grade, note = excluded.note, owner = excluded.owner,
                    due = excluded.due, escalation = excluded.escalation,
                    updated_at = excluded.updated_at",
                params![
                    audit_id,
                    item,
                    grade.grade.as_str(),
                    grade.note,
                    grade.owner,
                    grade.due.map(|d| d.to_string()),
                    escalation,
                    now()
                ],
            )
            .map_err(|e| sql(&self.path, e))?;
        Ok(())
    }

    fn grade_of(&self, r: &rusqlite::Row<'_>, from: usize) -> rusqlite::Result<Grade> {
        let level: String = r.get(from)?;
        let due: Option<String> = r.get(from + 3)?;
        let escalation: String = r.get(from + 4)?;
        Ok(Grade {
            grade: level.parse().unwrap_or(GradeLevel::NotAssessed),
            note: r.get(from + 1)?,
            owner: r.get(from + 2)?,
            due: due.and_then(|d| d.parse::<NaiveDate>().ok()),
            escalation: serde_json::from_str::<Vec<EscalationRule>>(&escalation)
                .unwrap_or_default(),
        })
    }

    /// The grades of an audit, by item.
    pub fn grades(&self, audit_id: i64) -> Result<BTreeMap<u8, Grade>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT item, grade, note, owner, due, escalation FROM grades WHERE audit_id = ?1 ORDER BY item",
            )
            .map_err(|e| sql(&self.path, e))?;
        let rows = stmt
            .query_map([audit_id], |r| {
                Ok((r.get::<_, u8>(0)?, self.grade_of(r, 1)?))
            })
            .map_err(|e| sql(&self.path, e))?;
        rows.collect::<Result<_, _>>()
            .map_err(|e| sql(&self.path, e))
    }

    /// Every change of an audit's grades, oldest first.
    pub fn grade_history(&self, audit_id: i64) -> Result<Vec<GradeChange>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT item, grade, note, owner, due, escalation, changed_at FROM grade_history
                 WHERE audit_id = ?1 ORDER BY id",
            )
            .map_err(|e| sql(&self.path, e))?;
        let rows = stmt
            .query_map([audit_id], |r| {
                Ok(GradeChange {
                    item: r.get(0)?,
                    grade: self.grade_of(r, 1)?,
                    changed_at: r.get(6)?,
                })
            })
            .map_err(|e| sql(&self.path, e))?;
        rows.collect::<Result<_, _>>()
            .map_err(|e| sql(&self.path, e))
    }

    /// Writes a copy of the whole workspace to `dest` (replacing a file there): a
    /// consistent snapshot, with what is still in the write-ahead log, that opens on its
    /// own. This is the hand-over file. The open workspace is never its own destination.
    pub fn copy_to(&self, dest: &Path) -> Result<(), StoreError> {
        let err = |detail: String| StoreError::Copy {
            dest: dest.to_path_buf(),
            detail,
        };
        let same = match (self.path.canonicalize(), dest.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if same {
            return Err(err("it is the workspace itself".to_owned()));
        }
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        // Into an empty file beside the destination, then renamed over it: a failed copy
        // leaves nothing half-written behind.
        let temp = tempfile::Builder::new()
            .prefix(".leadaudit-copy-")
            .tempfile_in(dir)
            .map_err(|e| err(e.to_string()))?;
        let target = temp.path().to_string_lossy().into_owned();
        self.conn
            .execute("VACUUM INTO ?1", [target])
            .map_err(|e| err(e.to_string()))?;
        temp.persist(dest).map_err(|e| err(e.error.to_string()))?;
        Ok(())
    }

    fn no_audit(&self, id: i64) -> StoreError {
        StoreError::NoAudit {
            path: self.path.clone(),
            id,
        }
    }

    fn decode(&self, e: serde_json::Error) -> StoreError {
        StoreError::Decode {
            path: self.path.clone(),
            detail: e.to_string(),
        }
    }
}

fn sql(path: &Path, e: rusqlite::Error) -> StoreError {
    StoreError::Sql {
        path: path.to_path_buf(),
        detail: e.to_string(),
    }
}

/// Sorts an SQLite error met while first reading a file into "not a workspace" or
/// "damaged".
fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotAWorkspace {
            path: path.to_path_buf(),
            detail: "it is not an SQLite database".to_owned(),
        },
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
        _ => sql(path, e),
    }
}

#[cfg(test)]
mod tests {
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
}
