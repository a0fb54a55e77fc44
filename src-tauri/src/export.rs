//! Export commands: the PDF scorecard (the core's `report::scorecard`, as the CLI's
//! `leadaudit report` writes it), the workspace file (the hand-over file: every audit,
//! grade, note and mapping), and where exports go by default.

use std::path::{Path, PathBuf};

use leadaudit::audit;
use leadaudit::report::Paper;
use leadaudit::report::scorecard::{ScorecardOptions, render_scorecard_with_trends};
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

/// Writes the scorecard of `audit` to `path` (`.pdf` added when missing), compared with
/// the audit `compare`, else the one saved before it; replaces an earlier PDF there but
/// never another kind of file. Returns where it was written.
pub fn write_pdf(
    workspace: &Path,
    audit_id: i64,
    path: &str,
    paper: Paper,
    redact: bool,
    compare: Option<i64>,
) -> Result<String, CommandError> {
    let dest = destination(path, "pdf")?;
    if dest.is_dir() {
        return Err(CommandError::msg(
            "export_path_is_folder",
            format!("{} is a folder; give the PDF a file name", dest.display()),
        ));
    }
    if dest.exists() && !is_pdf(&dest) {
        return Err(CommandError::msg(
            "export_would_replace",
            format!(
                "{}: a file that is not a PDF is there; choose another name",
                dest.display()
            ),
        ));
    }
    let store = Store::open_read_only(workspace)?;
    let result = audit::load(&store, audit_id)?;
    let previous = match compare {
        Some(id) if id == audit_id => {
            return Err(CommandError::msg(
                "compare_same_audit",
                "compare the audit with another one, or with none",
            ));
        }
        Some(id) => Some(audit::load(&store, id)?),
        None => audit::previous(&store, audit_id)?,
    };
    let trends = leadaudit::trends::up_to(&store, audit_id)?;
    let pdf = render_scorecard_with_trends(
        &result,
        previous.as_ref(),
        &trends,
        ScorecardOptions { paper, redact },
    )
    .map_err(|e| CommandError::new("pdf_failed", e))?;
    // Written beside it, then renamed: a failed export leaves no half-written PDF.
    let partial = dest.with_extension("pdf.partial");
    let written =
        std::fs::write(&partial, &pdf.bytes).and_then(|()| std::fs::rename(&partial, &dest));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(CommandError::msg(
            "export_unwritable",
            format!(
                "{}: the PDF could not be written ({e}); choose another place",
                dest.display()
            ),
        ));
    }
    Ok(dest.display().to_string())
}

fn is_pdf(path: &Path) -> bool {
    use std::io::Read as _;
    let mut head = [0u8; 5];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head == b"%PDF-")
}

/// Writes the PDF scorecard of an audit, off the main thread; returns its path.
#[tauri::command]
pub async fn export_pdf(
    workspace: String,
    audit: i64,
    path: String,
    paper: Paper,
    redact: bool,
    compare: Option<i64>,
) -> Result<String, CommandError> {
    tauri::async_runtime::spawn_blocking(move || {
        write_pdf(Path::new(&workspace), audit, &path, paper, redact, compare)
    })
    .await
    .map_err(|e| CommandError::new("internal", e))?
}

/// Copies the workspace to `path` (`.leadaudit` added when missing); returns where.
pub fn copy_workspace(workspace: &Path, path: &str) -> Result<String, CommandError> {
    let dest = destination(path, "leadaudit")?;
    Store::open_read_only(workspace)?.copy_to(&dest)?;
    Ok(dest.display().to_string())
}

/// Saves a copy of the workspace file, to hand over; returns its path.
#[tauri::command]
pub async fn export_workspace(workspace: String, path: String) -> Result<String, CommandError> {
    copy_workspace(Path::new(&workspace), &path)
}

/// What the client pack wrote, and whether its folder was opened.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ClientPackWritten {
    pub folder: String,
    pub pdf: String,
    pub workspace: String,
    /// The folder was shown in the file manager (not under tests:
    /// `LEADAUDIT_NO_OPEN` set).
    pub opened: bool,
}

/// Writes the client pack of `audit` (the newest when `None`) into `<client> <date>`
/// under `parent` (the documents folder when empty), then opens that folder in the
/// file manager.
pub fn client_pack(
    workspace: &Path,
    audit: Option<i64>,
    parent: &Path,
    paper: Paper,
) -> Result<ClientPackWritten, CommandError> {
    let today = chrono::Local::now().date_naive();
    let pack = leadaudit::client_pack::write_client_pack(workspace, audit, parent, today, paper)
        .map_err(|e| CommandError::new("client_pack_failed", e))?;
    let opened = std::env::var_os("LEADAUDIT_NO_OPEN").is_none() && open_folder(&pack.folder);
    Ok(ClientPackWritten {
        folder: pack.folder.display().to_string(),
        pdf: pack.pdf.display().to_string(),
        workspace: pack.workspace.display().to_string(),
        opened,
    })
}

/// Shows `folder` in the system's file manager; whether that could be started.
fn open_folder(folder: &Path) -> bool {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program)
        .arg(folder)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_ok()
}

/// The client pack: the PDF scorecard and a copy of the workspace in a folder named
/// after the client and the date, which is then opened.
#[tauri::command]
pub async fn export_client_pack<R: Runtime>(
    app: AppHandle<R>,
    workspace: String,
    audit: Option<i64>,
    folder: String,
    paper: Paper,
) -> Result<ClientPackWritten, CommandError> {
    let parent = if folder.trim().is_empty() {
        documents_dir(&app)?
    } else {
        PathBuf::from(folder.trim())
    };
    tauri::async_runtime::spawn_blocking(move || {
        client_pack(Path::new(&workspace), audit, &parent, paper)
    })
    .await
    .map_err(|e| CommandError::new("internal", e))?
}

/// Saves a chart's PNG where the person chose (when the clipboard cannot take it).
#[tauri::command]
pub async fn save_chart_png(path: String, png: Vec<u8>) -> Result<String, CommandError> {
    if !png.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Err(CommandError::msg(
            "not_a_png",
            "the chart could not be drawn as a PNG; try again",
        ));
    }
    let dest = destination(&path, "png")?;
    if dest.exists() && !std::fs::read(&dest).is_ok_and(|b| b.starts_with(b"\x89PNG")) {
        return Err(CommandError::msg(
            "export_would_replace",
            format!(
                "{}: a file that is not a PNG is there; choose another name",
                dest.display()
            ),
        ));
    }
    std::fs::write(&dest, png).map_err(|e| {
        CommandError::msg(
            "export_unwritable",
            format!(
                "{}: the PNG could not be written ({e}); choose another place",
                dest.display()
            ),
        )
    })?;
    Ok(dest.display().to_string())
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
    fn the_scorecard_is_written_as_a_pdf_and_never_over_another_file() {
        let crate::testing::TwoLeads { dir, ws, csv } = crate::testing::two_leads("W");
        crate::audits::run_and_save(&ws, "Q2", &[csv.display().to_string()], None, &mut |_| {})
            .unwrap();
        let out = dir.path().join("pdf").join("scorecard");
        let written = write_pdf(&ws, 1, out.to_str().unwrap(), Paper::Letter, true, None).unwrap();
        assert_eq!(written, format!("{}.pdf", out.display()));
        assert!(is_pdf(Path::new(&written)));
        // An earlier PDF is replaced; anything else is refused and left alone.
        write_pdf(&ws, 1, &written, Paper::A4, false, None).unwrap();
        let notes = dir.path().join("notes.pdf");
        std::fs::write(&notes, "my notes").unwrap();
        let err = write_pdf(&ws, 1, notes.to_str().unwrap(), Paper::A4, true, None).unwrap_err();
        assert_eq!(err.code, "export_would_replace");
        assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my notes");
        let err = write_pdf(&ws, 1, &written, Paper::A4, true, Some(1)).unwrap_err();
        assert_eq!(err.code, "compare_same_audit");
        let err = write_pdf(&ws, 7, &written, Paper::A4, true, None).unwrap_err();
        assert_eq!(err.code, "no_audit");
        assert!(std::fs::read_dir(dir.path().join("pdf")).unwrap().all(|e| {
            !e.unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".partial")
        }));
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
