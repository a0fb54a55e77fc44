//! Export commands: the workspace file (the hand-over file: every audit, grade, note
//! and mapping), and where exports go by default.

use std::path::{Path, PathBuf};

use leadaudit::store::Store;
use tauri::{AppHandle, Runtime};

use crate::CommandError;
use crate::workspace::{documents_dir, file_stem, free_path_with, with_extension_of};

/// The extensions an export can have.
const EXTENSIONS: [&str; 2] = ["pdf", "leadaudit"];

/// `path` with `extension`, its folder created; refused when empty.
pub fn destination(path: &str, extension: &str) -> Result<PathBuf, CommandError> {
    if path.trim().is_empty() {
        return Err(CommandError::msg(
            "export_path_missing",
            "choose where to save the file",
        ));
    }
    let dest = with_extension_of(path, extension);
    if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| {
            CommandError::msg(
                "export_folder_unwritable",
                format!(
                    "{}: the folder cannot be created ({e}); choose another place",
                    parent.display()
                ),
            )
        })?;
    }
    Ok(dest)
}

/// Copies the workspace to `path` (`.leadaudit` added when missing); returns where.
pub fn copy_workspace(workspace: &Path, path: &str) -> Result<String, CommandError> {
    let dest = destination(path, "leadaudit")?;
    Store::open(workspace)?.copy_to(&dest)?;
    Ok(dest.display().to_string())
}

/// Saves a copy of the workspace file, to hand over; returns its path.
#[tauri::command]
pub async fn export_workspace(workspace: String, path: String) -> Result<String, CommandError> {
    copy_workspace(Path::new(&workspace), &path)
}

/// Where an export named `name` goes unless the user chooses another place: the
/// documents folder, under a name not yet taken.
#[tauri::command]
pub fn default_export_path<R: Runtime>(
    app: AppHandle<R>,
    name: String,
    extension: String,
) -> Result<String, CommandError> {
    let extension = EXTENSIONS
        .into_iter()
        .find(|e| *e == extension)
        .ok_or_else(|| {
            CommandError::msg(
                "export_kind_unknown",
                format!("\"{extension}\" is not a kind of export; use pdf or leadaudit"),
            )
        })?;
    let dir = documents_dir(&app)?;
    Ok(free_path_with(&dir, &file_stem(&name), extension)
        .0
        .display()
        .to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workspace_is_copied_with_its_extension_and_never_onto_itself() {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("acme.leadaudit");
        crate::workspace::create_at("Acme", ws.to_str().unwrap()).unwrap();
        let target = dir.path().join("out").join("hand-over");
        let written = copy_workspace(&ws, target.to_str().unwrap()).unwrap();
        assert_eq!(written, format!("{}.leadaudit", target.display()));
        assert_eq!(
            Store::open(Path::new(&written))
                .unwrap()
                .workspace()
                .unwrap()
                .name,
            "Acme"
        );
        let err = copy_workspace(&ws, ws.to_str().unwrap()).unwrap_err();
        assert_eq!(err.code, "copy_failed");
        assert!(
            err.message.contains("it is the workspace itself"),
            "{}",
            err.message
        );
        assert_eq!(
            copy_workspace(&ws, "  ").unwrap_err().code,
            "export_path_missing"
        );
    }

    #[test]
    fn extensions_are_added_once_and_folders_made() {
        let dir = tempfile::tempdir().unwrap();
        let upper = dir.path().join("a").join("Scorecard.PDF");
        assert_eq!(destination(upper.to_str().unwrap(), "pdf").unwrap(), upper);
        assert!(dir.path().join("a").is_dir());
        let bare = dir.path().join("Scorecard");
        assert_eq!(
            destination(bare.to_str().unwrap(), "pdf").unwrap(),
            dir.path().join("Scorecard.pdf")
        );
    }
}
