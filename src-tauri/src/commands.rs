use std::path::PathBuf;

use leadaudit::workspace::SampleWorkspace;
use serde::Serialize;

use crate::CommandError;

/// One row of the home screen's workspaces list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkspaceEntry {
    pub name: String,
    pub description: String,
    pub path: String,
    pub sample: bool,
}

/// Where the bundled sample workspace lives: `LEADAUDIT_SAMPLE_DIR` when set,
/// else the repository's `sample-data/`.
pub fn sample_dir() -> PathBuf {
    std::env::var_os("LEADAUDIT_SAMPLE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../sample-data")))
}

#[tauri::command]
pub fn core_version() -> String {
    leadaudit::version().to_owned()
}

#[tauri::command]
pub fn list_workspaces() -> Result<Vec<WorkspaceEntry>, CommandError> {
    let sample = SampleWorkspace::load(&sample_dir())
        .map_err(|e| CommandError::new("sample_workspace_unreadable", e))?;
    Ok(vec![WorkspaceEntry {
        name: sample.name,
        description: sample.description,
        path: sample.dir.display().to_string(),
        sample: true,
    }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_comes_from_the_core() {
        assert_eq!(core_version(), leadaudit::version());
    }

    #[test]
    fn lists_the_bundled_sample() {
        let list = list_workspaces().unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].name, "Brightwave Analytics (sample)");
        assert!(list[0].sample);
    }
}
