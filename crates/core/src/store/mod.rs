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
mod file;
pub mod migrations;
mod records;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::grade::{EscalationRule, Grade, GradeLevel};
use crate::settings::Settings;
use companions::{APPLICATION_ID, Companions};
pub use file::is_read_only;
use file::*;

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
}

#[cfg(test)]
mod tests;
