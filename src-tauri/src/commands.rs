use std::path::PathBuf;

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
pub fn sample_workspace() -> Result<SampleInfo, CommandError> {
    let sample = SampleWorkspace::load(&sample_dir())
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
