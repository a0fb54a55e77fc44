use std::path::PathBuf;
use std::sync::OnceLock;

use leadaudit::workspace::SampleWorkspace;
use serde::Serialize;

use crate::CommandError;

/// The bundled sample workspace, as the home screen offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SampleInfo {
    pub name: String,
    pub company: String,
    pub description: String,
    /// The sample's folder (only ever read: opening the sample makes a copy).
    pub path: String,
}

/// The app's resource folder, remembered when the app starts.
static RESOURCE_DIR: OnceLock<Option<PathBuf>> = OnceLock::new();

/// Remembers the app's resource folder (Tauri's resource directory), where an installed
/// app keeps `sample-data/`.
pub fn remember_resource_dir(dir: Option<PathBuf>) {
    let _ = RESOURCE_DIR.set(dir);
}

/// Where the bundled sample workspace lives: `LEADAUDIT_SAMPLE_DIR` when set, else
/// `sample-data/` next to the app or in its resources (the source tree's only in a
/// development build); see [`leadaudit::bundled`].
pub fn sample_dir() -> Result<PathBuf, CommandError> {
    let resources = RESOURCE_DIR.get().cloned().flatten();
    leadaudit::bundled::sample_dir(resources.as_deref())
        .map_err(|e| CommandError::new("sample_workspace_missing", e))
}

#[tauri::command]
pub fn core_version() -> String {
    leadaudit::version().to_owned()
}

#[tauri::command]
pub fn sample_workspace() -> Result<SampleInfo, CommandError> {
    let sample = SampleWorkspace::load(&sample_dir()?)
        .map_err(|e| CommandError::new("sample_workspace_unreadable", e))?;
    Ok(SampleInfo {
        name: sample.name,
        company: sample.company,
        description: sample.description,
        path: sample.dir.display().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_comes_from_the_core() {
        assert_eq!(core_version(), leadaudit::version());
    }

    #[test]
    fn describes_the_bundled_sample() {
        let sample = sample_workspace().unwrap();
        assert_eq!(sample.name, "Brightwave Analytics (sample)");
        assert_eq!(sample.company, "Brightwave Analytics");
        assert!(sample.path.ends_with("sample-data"));
    }
}
