//! The workspace file on disk: unfinished copies swept, the connection's pragmas, the
//! file validated, read-only detection, and SQLite errors classified into [`StoreError`]s.

use super::*;

/// Removes what a create stopped by a kill left behind (`.NAME-new-XXXX` and its
/// journal), once it is an hour old: no create takes that long.
pub(super) fn sweep_unfinished(dir: &Path, prefix: &str) {
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
pub(super) fn settings_pragmas(conn: &Connection) -> rusqlite::Result<()> {
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
pub(super) fn validate(path: &Path, conn: &Connection, read_only: bool) -> Result<(), StoreError> {
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

pub(super) fn wal_mode_header(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 19];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head[..16] == b"SQLite format 3\0" && head[18] == 2)
}

/// `file:PATH?immutable=1`, with the path escaped for a URI.
pub(super) fn immutable_uri(path: &Path) -> String {
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

pub(super) fn stray(path: &Path, s: companions::Stray) -> StoreError {
    StoreError::Stray {
        path: path.to_path_buf(),
        stray: s.file,
        detail: s.detail,
    }
}

pub(super) fn sql(path: &Path, e: rusqlite::Error) -> StoreError {
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
pub(super) fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
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
