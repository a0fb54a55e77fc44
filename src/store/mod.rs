//! The workspace file (`.leadaudit`, SQLite): one per company audited, holding its
//! settings, its mapping, every audit (the whole result as JSON, and the headline
//! figures as columns for history), and the grades with the history of every change.
//!
//! Nothing a person typed is ever lost: each grade change is its own committed
//! transaction (`synchronous = FULL`), and a command's writes go in one transaction
//! after everything was checked, so a command that fails writes nothing. The file is
//! one file: a rollback journal (`journal_mode=DELETE`) exists only during a write, so
//! the workspace can be copied and handed over as it is. A journal, WAL or WAL index
//! beside the file that the workspace did not write is refused before SQLite could
//! replay it ([`companions`]). A new file is built under a temporary name and renamed
//! into place. The schema changes only by numbered migrations, and a file that is
//! damaged, not a workspace, or from a newer version is reported and left exactly as
//! it was. Reading commands open the file read-only ([`Store::open_read_only`]).

pub mod companions;
pub mod migrations;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::grade::{EscalationRule, Grade, GradeLevel};
use crate::settings::Settings;
use companions::{APPLICATION_ID, Companions};

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
    #[error(
        "{path}: beside it is {}, which this workspace did not write ({detail}); it was not applied, and neither file was changed. If it belongs to another copy of the workspace, move it away (or delete it) and open the workspace again", stray.display()
    )]
    Stray {
        path: PathBuf,
        stray: PathBuf,
        detail: String,
    },
    #[error(
        "{path}: the workspace is read-only (its permissions, or the disk or share it is on); nothing was changed. Copy it somewhere you can write, or make it writable, and run the command again"
    )]
    ReadOnly { path: PathBuf },
    #[error(
        "{path}: a write to this workspace was interrupted (beside it is {}); it can be read only once that write is rolled back, which needs the file writable: open it with a writing command (e.g. `leadaudit grade`) where it can be written", journal.display()
    )]
    Unfinished { path: PathBuf, journal: PathBuf },
    #[error(
        "{path}: the workspace could not be created ({detail}); nothing was left behind. Free some space, or choose another place"
    )]
    Create { path: PathBuf, detail: String },
    #[error(
        "{path}: the disk is full; what the command was writing was undone, so nothing was written (and no new workspace left behind). Free some space and run it again"
    )]
    DiskFull { path: PathBuf },
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
    read_only: bool,
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

/// A grade's columns as stored.
struct RawGrade {
    level: String,
    note: String,
    owner: String,
    due: Option<String>,
    escalation: String,
}

fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

impl Store {
    /// Creates a new workspace file; refuses to touch an existing file. The file is
    /// built under a temporary name in the same folder and renamed into place when
    /// complete, so a failed create (a full disk, a kill) leaves no file behind. Like
    /// every file holding personal data, it is readable by its owner only.
    pub fn create(path: &Path, name: &str, settings: &Settings) -> Result<Store, StoreError> {
        Store::create_with(path, name, settings, |_| Ok::<(), StoreError>(())).map(|(s, ())| s)
    }

    /// [`Store::create`], with `fill` writing the new workspace's first contents (an
    /// audit) before it is renamed into place: when `fill` fails, no file is left.
    pub fn create_with<T, E: From<StoreError>>(
        path: &Path,
        name: &str,
        settings: &Settings,
        fill: impl FnOnce(&Store) -> Result<T, E>,
    ) -> Result<(Store, T), E> {
        if path.exists() {
            return Err(StoreError::Exists {
                path: path.to_path_buf(),
            }
            .into());
        }
        let failed = |detail: String| {
            E::from(StoreError::Create {
                path: path.to_path_buf(),
                detail,
            })
        };
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let stem = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        sweep_unfinished(dir, &format!(".{stem}-new-"));
        let temp = tempfile::Builder::new()
            .prefix(&format!(".{stem}-new-"))
            .tempfile_in(dir)
            .map_err(|e| failed(e.to_string()))?
            .into_temp_path();
        // Whatever happens below, no journal of the temporary file stays behind.
        struct Sweep(PathBuf);
        impl Drop for Sweep {
            fn drop(&mut self) {
                let _ = std::fs::remove_file(companions::sibling(&self.0, "-journal"));
            }
        }
        let _sweep = Sweep(temp.to_path_buf());
        let build = || -> rusqlite::Result<Connection> {
            let mut conn = Connection::open_with_flags(&temp, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
            settings_pragmas(&conn)?;
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
            migrations::to_latest(&mut conn)?;
            let settings_json = serde_json::to_string(settings).expect("settings serialize");
            conn.execute(
                "INSERT INTO workspace (id, name, created_at, settings) VALUES (1, ?1, ?2, ?3)",
                params![name, now(), settings_json],
            )?;
            Ok(conn)
        };
        let conn = build().map_err(|e| failed(e.to_string()))?;
        let building = Store {
            conn,
            path: path.to_path_buf(),
            read_only: false,
        };
        let filled = fill(&building)?;
        building
            .conn
            .close()
            .map_err(|(_, e)| failed(e.to_string()))?;
        std::fs::File::open(&temp)
            .and_then(|f| f.sync_all())
            .map_err(|e| failed(e.to_string()))?;
        temp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                E::from(StoreError::Exists {
                    path: path.to_path_buf(),
                })
            } else {
                failed(e.error.to_string())
            }
        })?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok((Store::open(path)?, filled))
    }

    /// Opens an existing workspace file to read and write, upgrading its schema if it
    /// is older (and an older WAL-mode file to one file with a rollback journal). A
    /// file that is not a workspace, is damaged, is newer, is read-only, or has beside
    /// it a journal it did not write is reported and not changed.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if !path.is_file() {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        // What the workspace did not write is refused; its own interrupted write is
        // rolled back (or its log replayed) by opening.
        companions::check(path).map_err(|s| stray(path, s))?;
        if is_read_only(path) {
            return Err(StoreError::ReadOnly {
                path: path.to_path_buf(),
            });
        }
        // Nothing else is written before the file is known good.
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
            .map_err(|e| sql(path, e))?;
        validate(path, &conn, false)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            read_only: false,
        };
        store.configure()?;
        migrations::to_latest(&mut store.conn).map_err(|e| sql(path, e))?;
        Ok(store)
    }

    /// Opens an existing workspace to read only: nothing is written, no journal is
    /// created, and no free disk space is needed, so it works on a read-only file,
    /// disk or share. The writing methods fail with [`StoreError::ReadOnly`].
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        if !path.is_file() {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        let mut inert = false;
        match companions::check(path).map_err(|s| stray(path, s))? {
            Companions::None => {}
            Companions::InertJournal(_) => inert = true,
            Companions::OwnJournal(journal) | Companions::OwnWal(journal) => {
                // An interrupted write must be rolled back (or a log replayed) before
                // the file can be read; that needs it writable.
                if is_read_only(path) {
                    return Err(StoreError::Unfinished {
                        path: path.to_path_buf(),
                        journal,
                    });
                }
                drop(Store::open(path)?);
            }
        }
        let open = |immutable: bool| -> Result<Connection, StoreError> {
            let conn = if immutable {
                Connection::open_with_flags(
                    immutable_uri(path),
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
                )
            } else {
                Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            }
            .map_err(|e| sql(path, e))?;
            validate(path, &conn, true)?;
            Ok(conn)
        };
        // An older workspace in WAL mode with no log beside it is read as immutable,
        // which needs no WAL index beside it.
        let conn = match open(wal_mode_header(path)) {
            Ok(conn) => conn,
            // A journal that never wrote to the file, left by a stopped process: SQLite
            // would delete it first, which a reader cannot; the file is read as it is.
            Err(_) if inert => open(true)?,
            Err(e) => return Err(e),
        };
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(|e| sql(path, e))?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            read_only: true,
        })
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
            .busy_timeout(std::time::Duration::from_secs(5))
            .map_err(|e| sql(&path, e))?;
        settings_pragmas(&self.conn).map_err(|e| sql(&path, e))?;
        let id: i32 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| sql(&path, e))?;
        if id != APPLICATION_ID {
            self.conn
                .pragma_update(None, "application_id", APPLICATION_ID)
                .map_err(|e| sql(&path, e))?;
        }
        Ok(())
    }

    /// Whether this was opened with [`Store::open_read_only`].
    pub fn read_only(&self) -> bool {
        self.read_only
    }

    /// Runs `f` in one transaction: everything it writes is committed together, or
    /// nothing is when it fails.
    pub fn atomically<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce() -> Result<T, E>,
    ) -> Result<T, E> {
        self.writable()?;
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| sql(&self.path, e))?;
        match f() {
            Ok(v) => {
                if let Err(e) = self.conn.execute_batch("COMMIT") {
                    let _ = self.conn.execute_batch("ROLLBACK");
                    return Err(sql(&self.path, e).into());
                }
                Ok(v)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    fn writable(&self) -> Result<(), StoreError> {
        if self.read_only {
            Err(StoreError::ReadOnly {
                path: self.path.clone(),
            })
        } else {
            Ok(())
        }
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
        let settings = serde_json::from_str(&settings).map_err(|e| StoreError::Decode {
            path: self.path.clone(),
            detail: format!("the workspace's settings could not be read ({e})"),
        })?;
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
        let result = serde_json::from_str(&result).map_err(|e| StoreError::Decode {
            path: self.path.clone(),
            detail: format!("audit {id}: its stored result is not JSON ({e})"),
        })?;
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

    /// The stored columns of a grade, as text, decoded by [`Store::decode_grade`].
    fn raw_grade(r: &rusqlite::Row<'_>, from: usize) -> rusqlite::Result<RawGrade> {
        Ok(RawGrade {
            level: r.get(from)?,
            note: r.get(from + 1)?,
            owner: r.get(from + 2)?,
            due: r.get(from + 3)?,
            escalation: r.get(from + 4)?,
        })
    }

    /// A stored grade, or an error naming the file, the audit and the item: a value
    /// this version does not know (a damaged file, or one written by a newer version)
    /// is reported, never read as something else.
    fn decode_grade(&self, audit_id: i64, item: u8, raw: RawGrade) -> Result<Grade, StoreError> {
        let bad = |what: String| StoreError::Decode {
            path: self.path.clone(),
            detail: format!(
                "audit {audit_id}, item {item}: {what}; the file is damaged or was written by a newer Lead Audit, and was left unchanged"
            ),
        };
        let grade = raw
            .level
            .parse::<GradeLevel>()
            .ok()
            .filter(|g| g.as_str() == raw.level)
            .ok_or_else(|| {
                bad(format!(
                    "the grade {:?} is not one this version knows",
                    raw.level
                ))
            })?;
        let due = match raw.due {
            None => None,
            Some(d) => Some(
                d.parse::<NaiveDate>()
                    .map_err(|_| bad(format!("the due date {d:?} is not a date (YYYY-MM-DD)")))?,
            ),
        };
        let escalation =
            serde_json::from_str::<Vec<EscalationRule>>(&raw.escalation).map_err(|e| {
                bad(format!(
                    "the escalation rules {:?} could not be read ({e})",
                    raw.escalation
                ))
            })?;
        Ok(Grade {
            grade,
            note: raw.note,
            owner: raw.owner,
            due,
            escalation,
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
                Ok((r.get::<_, u8>(0)?, Self::raw_grade(r, 1)?))
            })
            .map_err(|e| sql(&self.path, e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| sql(&self.path, e))?;
        rows.into_iter()
            .map(|(item, raw)| Ok((item, self.decode_grade(audit_id, item, raw)?)))
            .collect()
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
                Ok((
                    r.get::<_, u8>(0)?,
                    Self::raw_grade(r, 1)?,
                    r.get::<_, String>(6)?,
                ))
            })
            .map_err(|e| sql(&self.path, e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| sql(&self.path, e))?;
        rows.into_iter()
            .map(|(item, raw, changed_at)| {
                Ok(GradeChange {
                    item,
                    grade: self.decode_grade(audit_id, item, raw)?,
                    changed_at,
                })
            })
            .collect()
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
}

/// Removes what a create stopped by a kill left behind (`.NAME-new-XXXX` and its
/// journal), once it is an hour old: no create takes that long.
fn sweep_unfinished(dir: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(3600));
        if stale && entry.file_name().to_string_lossy().starts_with(prefix) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The pragmas of every writing connection: one file with a rollback journal deleted
/// at each commit, each commit on disk before it returns, foreign keys enforced.
fn settings_pragmas(conn: &Connection) -> rusqlite::Result<()> {
    let mode: String =
        conn.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            Some(format!(
                "the journal mode could not be set (it is {mode}); close other programs using the file and try again"
            )),
        ));
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

/// Checks, reading only, that the open file is a workspace this version can use.
fn validate(path: &Path, conn: &Connection, read_only: bool) -> Result<(), StoreError> {
    let found = migrations::version(conn).map_err(|e| classify(path, e))?;
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
        return Err(StoreError::NotAWorkspace {
            path: path.to_path_buf(),
            detail: if tables > 0 {
                "an SQLite database of another application".to_owned()
            } else {
                "an empty file".to_owned()
            },
        });
    }
    if read_only && found < known {
        return Err(StoreError::Sql {
            path: path.to_path_buf(),
            detail: "this workspace was written by an older Lead Audit and must be upgraded before it is read: open it once with a writing command (e.g. `leadaudit grade`) where it can be written".to_owned(),
        });
    }
    Ok(())
}

/// Whether the file cannot be written: its permissions, or a read-only disk or share.
/// (Opening for writing changes nothing.)
pub fn is_read_only(path: &Path) -> bool {
    match std::fs::OpenOptions::new().write(true).open(path) {
        Ok(_) => false,
        Err(e) => matches!(
            e.kind(),
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
        ),
    }
}

fn wal_mode_header(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 19];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head[..16] == b"SQLite format 3\0" && head[18] == 2)
}

/// `file:PATH?immutable=1`, with the path escaped for a URI.
fn immutable_uri(path: &Path) -> String {
    let full = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for b in full.to_string_lossy().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                uri.push(b as char)
            }
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

fn stray(path: &Path, s: companions::Stray) -> StoreError {
    StoreError::Stray {
        path: path.to_path_buf(),
        stray: s.file,
        detail: s.detail,
    }
}

fn sql(path: &Path, e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::ReadOnly) => StoreError::ReadOnly {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::DiskFull) => StoreError::DiskFull {
            path: path.to_path_buf(),
        },
        _ => StoreError::Sql {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
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
mod tests;
