//! The recent workspaces: a small JSON list in the app's config folder.
//!
//! It is only a convenience (the workspaces themselves are `.leadaudit` files wherever
//! the user keeps them): a list that cannot be read counts as empty.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::CommandError;

/// The file in the app's config folder.
pub const FILE: &str = "recent-workspaces.json";
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
    /// Whether the file is still there (checked when the list is read; not stored).
    #[serde(default, skip_deserializing)]
    pub exists: bool,
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

/// The list, most recent first, each marked with whether its file still exists.
pub fn load(dir: &Path) -> Vec<RecentWorkspace> {
    let stored: Stored = std::fs::read_to_string(dir.join(FILE))
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    stored
        .workspaces
        .into_iter()
        .map(|mut w| {
            w.exists = Path::new(&w.path).is_file();
            w
        })
        .collect()
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
    let mut list = load(dir);
    list.retain(|w| w.path != path);
    list.insert(
        0,
        RecentWorkspace {
            name: name.to_owned(),
            path,
            opened_at: now_ms(),
            sample,
            exists: true,
        },
    );
    list.truncate(KEEP);
    save(dir, &list)?;
    Ok(list)
}

/// Removes a workspace from the list (the file itself is not touched).
pub fn forget(dir: &Path, path: &str) -> Result<Vec<RecentWorkspace>, CommandError> {
    let mut list = load(dir);
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
        assert!(load(&config).is_empty());
        remember(&config, "A", &a, false).unwrap();
        remember(&config, "B", &b, true).unwrap();
        let list = remember(&config, "A again", &a, false).unwrap();
        let names: Vec<&str> = list.iter().map(|w| w.name.as_str()).collect();
        assert_eq!(names, ["A again", "B"]);

        let list = load(&config);
        assert_eq!(list.len(), 2);
        assert!(list[0].exists, "a.leadaudit exists");
        assert!(!list[1].exists, "b.leadaudit was never created");
        assert!(list[1].sample);

        let list = forget(&config, &b.display().to_string()).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(load(&config).len(), 1);
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
        let list = load(dir.path());
        assert_eq!(list.len(), KEEP);
        assert_eq!(list[0].name, "W19");
    }

    #[test]
    fn an_unreadable_list_counts_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), "{ not json").unwrap();
        assert!(load(dir.path()).is_empty());
        let list = remember(dir.path(), "A", Path::new("/nowhere/a.leadaudit"), false).unwrap();
        assert_eq!(list.len(), 1);
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
