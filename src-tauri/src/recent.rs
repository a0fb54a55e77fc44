//! The recent workspaces: a small JSON list in the app's config folder.
//!
//! It is only a convenience (the workspaces themselves are `.leadaudit` files wherever
//! the user keeps them), but a list that cannot be read (damaged, or written by a newer
//! version) is reported and never overwritten: it is left as it is for the user to
//! move away or repair.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::CommandError;

/// The file in the app's config folder.
pub const FILE: &str = "recent-workspaces.json";
/// The error code of a list that exists but cannot be read.
pub const UNREADABLE: &str = "recent_list_unreadable";

/// How many workspaces the list keeps.
pub const KEEP: usize = 12;

/// One workspace on the home screen's recent list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentWorkspace {
    pub name: String,
    pub path: String,
    /// When it was last opened, in milliseconds since 1970 (UTC).
    pub opened_at: u64,
    /// A copy of the bundled sample.
    #[serde(default)]
    pub sample: bool,
    /// Pinned to the top of the list, and never dropped from it to make room.
    #[serde(default)]
    pub pinned: bool,
    /// Whether the file is still there (checked when the list is read; not stored).
    #[serde(default, skip_deserializing)]
    pub exists: bool,
    /// The workspace's newest audit, read from the file for the home screen (not
    /// stored; `None` when it has none, or cannot be read).
    #[serde(default, skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub last_audit: Option<LastAudit>,
}

/// The newest audit of a workspace, as the home screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastAudit {
    pub name: String,
    /// The verdict in words, e.g. "Pilot on one clean segment".
    pub verdict: Option<String>,
    /// The day it was run, YYYY-MM-DD.
    pub date: String,
    /// How many audits the workspace holds.
    pub audits: usize,
}

/// The newest audit of the workspace at `path`; `None` when it has none or cannot be
/// read (the list still shows it; opening it says what is wrong).
pub fn last_audit(path: &Path) -> Option<LastAudit> {
    let store = leadaudit::store::Store::open_read_only(path).ok()?;
    let audits = store.audits().ok()?;
    let last = audits.last()?;
    Some(LastAudit {
        name: last.name.clone(),
        verdict: last.headline.verdict.clone(),
        date: last.created_at.chars().take(10).collect(),
        audits: audits.len(),
    })
}

/// The list as the home screen shows it: pinned workspaces first (each part most
/// recent first), each with its newest audit.
pub fn for_home(list: Vec<RecentWorkspace>) -> Vec<RecentWorkspace> {
    let mut list: Vec<RecentWorkspace> = list
        .into_iter()
        .map(|mut w| {
            if w.exists {
                w.last_audit = last_audit(Path::new(&w.path));
            }
            w
        })
        .collect();
    list.sort_by_key(|w| !w.pinned);
    list
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Stored {
    workspaces: Vec<RecentWorkspace>,
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// The list, most recent first, each marked with whether its file still exists. No
/// list yet is an empty list; a list that cannot be read is an error naming it.
pub fn load(dir: &Path) -> Result<Vec<RecentWorkspace>, CommandError> {
    let path = dir.join(FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(unreadable(&path, &e.to_string())),
    };
    let stored: Stored =
        serde_json::from_str(&text).map_err(|e| unreadable(&path, &e.to_string()))?;
    Ok(stored
        .workspaces
        .into_iter()
        .map(|mut w| {
            w.exists = Path::new(&w.path).is_file();
            w
        })
        .collect())
}

fn unreadable(path: &Path, detail: &str) -> CommandError {
    CommandError::msg(
        UNREADABLE,
        format!(
            "{}: the list of recent workspaces could not be read ({detail}); it was left as it is and is not updated. Move it away (or delete it) to start a new list; the workspaces themselves are not affected",
            path.display()
        ),
    )
}

fn save(dir: &Path, list: &[RecentWorkspace]) -> Result<(), CommandError> {
    let fail = |e: std::io::Error| {
        CommandError::msg(
            "recent_list_unwritable",
            format!(
                "{}: the list of recent workspaces could not be saved: {e}",
                dir.join(FILE).display()
            ),
        )
    };
    std::fs::create_dir_all(dir).map_err(fail)?;
    let stored = Stored {
        workspaces: list.to_vec(),
    };
    let text = serde_json::to_string_pretty(&stored).expect("the list serializes");
    // Write a temporary file and rename it, so a crash never leaves half a list.
    let tmp: PathBuf = dir.join(format!("{FILE}.tmp"));
    std::fs::write(&tmp, text).map_err(fail)?;
    std::fs::rename(&tmp, dir.join(FILE)).map_err(fail)
}

/// Puts a workspace at the top of the list; returns the new list.
pub fn remember(
    dir: &Path,
    name: &str,
    path: &Path,
    sample: bool,
) -> Result<Vec<RecentWorkspace>, CommandError> {
    let path = path.display().to_string();
    let mut list = load(dir)?;
    let pinned = list.iter().any(|w| w.path == path && w.pinned);
    list.retain(|w| w.path != path);
    list.insert(
        0,
        RecentWorkspace {
            name: name.to_owned(),
            path,
            opened_at: now_ms(),
            sample,
            pinned,
            exists: true,
            last_audit: None,
        },
    );
    // A dozen besides the pinned ones, which stay however old.
    let mut unpinned = 0;
    list.retain(|w| {
        if !w.pinned {
            unpinned += 1;
        }
        w.pinned || unpinned <= KEEP
    });
    save(dir, &list)?;
    Ok(list)
}

/// Pins a workspace of the list (or unpins it); returns the new list. A list that
/// cannot be read is reported and left as it is.
pub fn pin(dir: &Path, path: &str, pinned: bool) -> Result<Vec<RecentWorkspace>, CommandError> {
    let mut list = load(dir)?;
    let Some(entry) = list.iter_mut().find(|w| w.path == path) else {
        return Err(CommandError::msg(
            "not_in_recent_list",
            format!("{path} is not on the list of recent workspaces; open it first"),
        ));
    };
    entry.pinned = pinned;
    save(dir, &list)?;
    Ok(list)
}

/// Removes a workspace from the list (the file itself is not touched).
pub fn forget(dir: &Path, path: &str) -> Result<Vec<RecentWorkspace>, CommandError> {
    let mut list = load(dir)?;
    list.retain(|w| w.path != path);
    save(dir, &list)?;
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_most_recent_first_without_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        let a = dir.path().join("a.leadaudit");
        let b = dir.path().join("b.leadaudit");
        std::fs::write(&a, b"").unwrap();
        assert!(load(&config).unwrap().is_empty());
        remember(&config, "A", &a, false).unwrap();
        remember(&config, "B", &b, true).unwrap();
        let list = remember(&config, "A again", &a, false).unwrap();
        let names: Vec<&str> = list.iter().map(|w| w.name.as_str()).collect();
        assert_eq!(names, ["A again", "B"]);

        let list = load(&config).unwrap();
        assert_eq!(list.len(), 2);
        assert!(list[0].exists, "a.leadaudit exists");
        assert!(!list[1].exists, "b.leadaudit was never created");
        assert!(list[1].sample);

        let list = forget(&config, &b.display().to_string()).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(load(&config).unwrap().len(), 1);
    }

    #[test]
    fn keeps_a_dozen() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..20 {
            remember(
                dir.path(),
                &format!("W{i}"),
                &dir.path().join(format!("{i}")),
                false,
            )
            .unwrap();
        }
        let list = load(dir.path()).unwrap();
        assert_eq!(list.len(), KEEP);
        assert_eq!(list[0].name, "W19");
    }

    #[test]
    fn an_unreadable_list_is_reported_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(FILE);
        std::fs::write(&file, "{ not json").unwrap();
        let err = load(dir.path()).unwrap_err();
        assert_eq!(err.code, UNREADABLE);
        assert!(
            err.message.starts_with(&file.display().to_string()),
            "{}",
            err.message
        );
        let err = remember(dir.path(), "A", Path::new("/nowhere/a.leadaudit"), false).unwrap_err();
        assert_eq!(err.code, UNREADABLE);
        assert_eq!(forget(dir.path(), "/x").unwrap_err().code, UNREADABLE);
        assert_eq!(pin(dir.path(), "/x", true).unwrap_err().code, UNREADABLE);
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "{ not json");
    }

    #[test]
    fn a_pinned_workspace_is_kept_first_and_never_dropped_to_make_room() {
        let dir = tempfile::tempdir().unwrap();
        let fav = dir.path().join("fav.leadaudit");
        remember(dir.path(), "Fav", &fav, false).unwrap();
        let list = pin(dir.path(), &fav.display().to_string(), true).unwrap();
        assert!(list[0].pinned);
        for i in 0..20 {
            remember(
                dir.path(),
                &format!("W{i}"),
                &dir.path().join(format!("{i}")),
                false,
            )
            .unwrap();
        }
        let list = load(dir.path()).unwrap();
        assert_eq!(list.len(), KEEP + 1);
        let home = for_home(list);
        assert_eq!(home[0].name, "Fav");
        assert!(home[0].pinned);
        assert_eq!(home[1].name, "W19");
        // Opening it again keeps the pin; unpinning is saved too.
        let list = remember(dir.path(), "Fav", &fav, false).unwrap();
        assert!(list[0].pinned);
        let list = pin(dir.path(), &fav.display().to_string(), false).unwrap();
        assert!(!list.iter().any(|w| w.pinned));
        assert!(!load(dir.path()).unwrap().iter().any(|w| w.pinned));
        assert_eq!(
            pin(dir.path(), "/nowhere", true).unwrap_err().code,
            "not_in_recent_list"
        );
    }

    #[test]
    fn the_home_list_names_each_workspace_s_newest_audit() {
        let crate::testing::TwoLeads { dir, ws, csv } = crate::testing::two_leads("Acme");
        let list = remember(dir.path(), "Acme", &ws, false).unwrap();
        assert_eq!(for_home(list)[0].last_audit, None);
        crate::audits::run_and_save(&ws, "Q2", &[csv.display().to_string()], None, &mut |_| {})
            .unwrap();
        let home = for_home(load(dir.path()).unwrap());
        let last = home[0].last_audit.as_ref().expect("the audit is listed");
        assert_eq!(last.name, "Q2");
        assert_eq!(last.audits, 1);
        assert!(last.verdict.as_deref().is_some_and(|v| !v.is_empty()));
        assert_eq!(last.date.len(), 10);
        // Not stored in the list itself.
        let text = std::fs::read_to_string(dir.path().join(FILE)).unwrap();
        assert!(!text.contains("last_audit"), "{text}");
    }

    #[test]
    fn stored_json_has_the_documented_shape() {
        let dir = tempfile::tempdir().unwrap();
        remember(dir.path(), "Acme", Path::new("/w/acme.leadaudit"), false).unwrap();
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join(FILE)).unwrap()).unwrap();
        let w = &json["workspaces"][0];
        assert_eq!(w["name"], "Acme");
        assert_eq!(w["path"], "/w/acme.leadaudit");
        assert_eq!(w["sample"], false);
        assert!(w["opened_at"].as_u64().unwrap() > 1_700_000_000_000);
    }
}
