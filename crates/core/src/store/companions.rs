//! The files SQLite keeps beside a database (`-journal`, `-wal`, `-shm`), checked before
//! SQLite opens the workspace: SQLite replays whatever journal it finds beside a file,
//! so a journal copied in from another database (by hand, or by a sync tool) would be
//! written into the workspace. A workspace writes only a rollback journal
//! (`journal_mode=DELETE`, deleted at each commit); one is left behind only when a
//! process stopped in the middle of a write, and then it holds the original of page 1
//! with Lead Audit's application id and the file's change counter. Anything else
//! beside the file is refused, and neither file is touched.
//!
//! Workspaces written before this (in WAL mode) may have a `-wal` of their own after a
//! crash: it is accepted only when, replayed on a private copy beside the workspace, it
//! yields a sound workspace.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// Lead Audit's mark in the SQLite header (`PRAGMA application_id`): "LdAu".
pub const APPLICATION_ID: i32 = 0x4C64_4175;

const JOURNAL_MAGIC: [u8; 8] = [0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7];
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What stands beside the workspace file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Companions {
    /// Nothing (or nothing that could change the file).
    None,
    /// The rollback journal of an interrupted write of this very file: SQLite rolls it
    /// back on opening.
    OwnJournal(PathBuf),
    /// A journal whose write never reached the file (its records were never synced):
    /// rolling it back changes nothing, and SQLite deletes it on opening to write. A
    /// reader may ignore it.
    InertJournal(PathBuf),
    /// The write-ahead log of an older (WAL mode) workspace, checked sound.
    OwnWal(PathBuf),
}

/// A file beside the workspace that it did not write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stray {
    pub file: PathBuf,
    pub detail: String,
}

/// The file `path` with `suffix` appended to its name (`acme.leadaudit-wal`).
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The first 100 bytes of an SQLite file: the database header.
struct Header([u8; 100]);

impl Header {
    fn read(path: &Path) -> Option<Header> {
        let mut buf = [0u8; 100];
        File::open(path).ok()?.read_exact(&mut buf).ok()?;
        (&buf[..16] == SQLITE_MAGIC).then_some(Header(buf))
    }
    fn page_size(&self) -> u32 {
        match u16::from_be_bytes([self.0[16], self.0[17]]) {
            1 => 65536,
            n => u32::from(n),
        }
    }
    /// WAL mode (the file format's write version 2).
    fn wal(&self) -> bool {
        self.0[18] == 2
    }
    fn change_counter(&self) -> u32 {
        u32::from_be_bytes(self.0[24..28].try_into().expect("4 bytes"))
    }
    fn application_id(&self) -> i32 {
        i32::from_be_bytes(self.0[68..72].try_into().expect("4 bytes"))
    }
}

fn non_empty(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() > 0)
}

/// Checks what stands beside `path`. Reads only.
pub fn check(path: &Path) -> Result<Companions, Stray> {
    let journal = sibling(path, "-journal");
    let wal = sibling(path, "-wal");
    let shm = sibling(path, "-shm");
    let (has_journal, has_wal, has_shm) = (journal.exists(), wal.exists(), shm.exists());
    if !has_journal && !has_wal && !has_shm {
        return Ok(Companions::None);
    }
    let stray = |file: &Path, detail: &str| Stray {
        file: file.to_path_buf(),
        detail: detail.to_owned(),
    };
    let Some(header) = Header::read(path) else {
        let file = [&journal, &wal, &shm]
            .into_iter()
            .find(|f| f.exists())
            .expect("one exists");
        return Err(stray(file, "the workspace itself is not an SQLite file"));
    };
    if header.wal() {
        // An older workspace, in WAL mode: it may have a -wal and -shm of its own.
        if has_journal {
            return Err(stray(
                &journal,
                "a rollback journal, which a workspace in WAL mode never writes",
            ));
        }
        if has_wal && non_empty(&wal) {
            return match wal_is_sound(path, &wal, &header) {
                Ok(()) => Ok(Companions::OwnWal(wal)),
                Err(detail) => Err(Stray { file: wal, detail }),
            };
        }
        return Ok(Companions::None);
    }
    if has_wal {
        return Err(stray(
            &wal,
            "a write-ahead log, which this workspace (in rollback-journal mode) never writes",
        ));
    }
    if has_shm {
        return Err(stray(
            &shm,
            "a WAL index, which this workspace (in rollback-journal mode) never writes",
        ));
    }
    match journal_is_own(&journal, &header) {
        Ok(true) => Ok(Companions::OwnJournal(journal)),
        Ok(false) => Ok(Companions::InertJournal(journal)),
        Err(detail) => Err(Stray {
            file: journal,
            detail,
        }),
    }
}

/// `Ok(true)`: the journal of an interrupted write of this file, to roll back;
/// `Ok(false)`: a journal that rolls nothing back (its write never reached the file);
/// `Err`: a journal that is not this file's.
fn journal_is_own(journal: &Path, db: &Header) -> Result<bool, String> {
    let unreadable = |e: std::io::Error| format!("it could not be read: {e}");
    let mut f = File::open(journal).map_err(unreadable)?;
    let len = f.metadata().map_err(unreadable)?.len();
    if len == 0 {
        // An empty journal is not hot: SQLite neither replays nor needs it.
        return Ok(false);
    }
    let mut head = [0u8; 28];
    let read = f.read(&mut head).map_err(unreadable)?;
    if head[0] == 0 {
        // SQLite writes a journal's magic number only once its records are synced; a
        // journal starting with a zero byte is not hot, never replayed (SQLite only
        // deletes it), and its write never reached the file.
        return Ok(false);
    }
    if read < 28 || head[..8] != JOURNAL_MAGIC {
        return Err("not the rollback journal of an interrupted write".to_owned());
    }
    let be = |b: &[u8]| u32::from_be_bytes(b.try_into().expect("4 bytes"));
    let n_rec = be(&head[8..12]);
    let sector = u64::from(be(&head[20..24]));
    let page = be(&head[24..28]);
    if page != db.page_size() {
        return Err(format!(
            "a journal of pages of {page} bytes, where the workspace's are {} bytes",
            db.page_size()
        ));
    }
    if n_rec == 0 {
        // Its records were never synced, so the file was never written from them:
        // rolling back changes nothing (SQLite only deletes it).
        return Ok(false);
    }
    if !(512..=65536).contains(&sector) || db.application_id() != APPLICATION_ID {
        return Err("not the rollback journal of an interrupted write of this workspace".into());
    }
    // Look for the original of page 1 in each segment of the journal.
    let record = 8 + u64::from(page);
    let mut offset = 0u64;
    while offset + 28 <= len {
        f.seek(SeekFrom::Start(offset)).map_err(unreadable)?;
        let mut seg = [0u8; 28];
        f.read_exact(&mut seg).map_err(unreadable)?;
        if seg[..8] != JOURNAL_MAGIC {
            break;
        }
        let n = be(&seg[8..12]);
        let count = if n == u32::MAX || n == 0 {
            (len.saturating_sub(offset + sector)) / record
        } else {
            u64::from(n)
        };
        let mut at = offset + sector;
        for _ in 0..count {
            if at + record > len {
                break;
            }
            f.seek(SeekFrom::Start(at)).map_err(unreadable)?;
            let mut pgno = [0u8; 4];
            f.read_exact(&mut pgno).map_err(unreadable)?;
            if be(&pgno) == 1 {
                let mut original = [0u8; 100];
                f.read_exact(&mut original).map_err(unreadable)?;
                return page_one_matches(&original, db);
            }
            at += record;
        }
        // The next segment starts at the next sector boundary.
        offset = at.div_ceil(sector) * sector;
    }
    Err("it holds no page 1 of this workspace".to_owned())
}

fn page_one_matches(original: &[u8; 100], db: &Header) -> Result<bool, String> {
    if &original[..16] != SQLITE_MAGIC {
        return Err("its page 1 is not an SQLite header".to_owned());
    }
    let original = Header(*original);
    if original.application_id() != APPLICATION_ID {
        return Err("it was written for another database".to_owned());
    }
    // The interrupted write had raised the counter by one, or not yet written it.
    let before = original.change_counter();
    let now = db.change_counter();
    if now != before && now != before.wrapping_add(1) {
        return Err(format!(
            "it was written for another version of the file (change counter {before}, the workspace's is {now})"
        ));
    }
    Ok(true)
}

/// Replays the WAL on a private copy beside the workspace and checks that the result is
/// a sound workspace; the copy is removed.
fn wal_is_sound(path: &Path, wal: &Path, db: &Header) -> Result<(), String> {
    let mut head = [0u8; 32];
    File::open(wal)
        .and_then(|mut f| f.read_exact(&mut head))
        .map_err(|e| format!("it could not be read: {e}"))?;
    let magic = u32::from_be_bytes(head[0..4].try_into().expect("4 bytes"));
    if magic & !1 != 0x377f_0682 {
        return Err("not a write-ahead log".to_owned());
    }
    let page = u32::from_be_bytes(head[8..12].try_into().expect("4 bytes"));
    if page != db.page_size() {
        return Err(format!(
            "a log of pages of {page} bytes, where the workspace's are {} bytes",
            db.page_size()
        ));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let trial = tempfile::Builder::new()
        .prefix(".leadaudit-check-")
        .tempdir_in(dir)
        .map_err(|e| {
            format!("it could not be checked, as nothing can be written beside the workspace ({e})")
        })?;
    let copy = trial.path().join("w.leadaudit");
    let copied = std::fs::copy(path, &copy)
        .and_then(|_| std::fs::copy(wal, sibling(&copy, "-wal")))
        .map_err(|e| format!("it could not be checked ({e})"));
    copied?;
    let verdict = (|| -> rusqlite::Result<Result<(), String>> {
        let conn = rusqlite::Connection::open(&copy)?;
        let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Ok(Err(format!("replayed, it damages the workspace ({check})")));
        }
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let has: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'workspace'",
            [],
            |r| r.get(0),
        )?;
        if version < 1 || has == 0 {
            return Ok(Err(
                "replayed, it turns the workspace into another database".to_owned(),
            ));
        }
        let rows: i64 = conn.query_row("SELECT count(*) FROM workspace", [], |r| r.get(0))?;
        if rows != 1 {
            return Ok(Err(
                "replayed, it removes the workspace's own record".to_owned()
            ));
        }
        Ok(Ok(()))
    })();
    drop(trial);
    match verdict {
        Ok(v) => v,
        Err(e) => Err(format!("replayed, it makes the workspace unreadable ({e})")),
    }
}
