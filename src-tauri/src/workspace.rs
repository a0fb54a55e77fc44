//! Workspace commands: the recent list, create, open, the sample as a copy, settings.
//!
//! Each command opens the `.leadaudit` file it is given (the core checks it every time:
//! a foreign, damaged or newer file is reported and left unchanged), so the shell keeps
//! no state between calls.

use std::path::{Path, PathBuf};

use leadaudit::settings::Settings;
use leadaudit::store::{self, Store};
use leadaudit::workspace::SampleWorkspace;
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime};

use crate::CommandError;
use crate::commands::sample_dir;
use crate::recent::{self, RecentWorkspace};
use crate::settings_form::{SettingsCheck, SettingsForm};

/// The folder, under the app's data folder, that holds the copies of the sample.
pub const SAMPLES: &str = "samples";

/// An open workspace, as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkspaceView {
    pub name: String,
    pub path: String,
    pub created_at: String,
    /// A copy of the bundled sample (its exports are offered on the import screen).
    pub sample: bool,
    /// The file cannot be written (its permissions, or a read-only disk or share): it
    /// can be viewed, and audits and grades say so and change nothing.
    pub read_only: bool,
}

fn path_error(code: &'static str, e: tauri::Error) -> CommandError {
    CommandError::new(
        code,
        anyhow::Error::new(e).context("the app's folders cannot be found"),
    )
}

fn config_dir<R: Runtime>(app: &AppHandle<R>) -> Result<PathBuf, CommandError> {
    app.path()
        .app_config_dir()
        .map_err(|e| path_error("no_config_dir", e))
}

fn data_dir<R: Runtime>(app: &AppHandle<R>) -> Result<PathBuf, CommandError> {
    app.path()
        .app_data_dir()
        .map_err(|e| path_error("no_data_dir", e))
}

/// `name` made safe as a file name ("Workspace" when nothing is left).
pub fn file_stem(name: &str) -> String {
    leadaudit::workspace::safe_file_name(name, "Workspace")
}

/// `dir/<stem>.leadaudit`, or `dir/<stem> 2.leadaudit`, … : the first that is free, and
/// the number used (1 for none).
pub fn free_path(dir: &Path, stem: &str) -> (PathBuf, u32) {
    free_path_with(dir, stem, store::EXTENSION)
}

/// `dir/<stem>.<extension>`, or `dir/<stem> 2.<extension>`, … : the first that is free,
/// and the number used (1 for none).
pub fn free_path_with(dir: &Path, stem: &str, extension: &str) -> (PathBuf, u32) {
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{stem}.{extension}")
        } else {
            format!("{stem} {n}.{extension}")
        };
        let path = dir.join(name);
        if !path.exists() {
            return (path, n);
        }
        n += 1;
    }
}

/// The path with the `.leadaudit` extension (added when missing).
pub fn with_extension(path: &str) -> PathBuf {
    with_extension_of(path, store::EXTENSION)
}

/// The path with `extension` (added when missing; compared ignoring case).
pub fn with_extension_of(path: &str, extension: &str) -> PathBuf {
    let p = PathBuf::from(path.trim());
    if p.extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(extension))
    {
        p
    } else {
        let mut s = p.into_os_string();
        s.push(format!(".{extension}"));
        PathBuf::from(s)
    }
}

fn is_sample(data: &Path, path: &Path) -> bool {
    path.starts_with(data.join(SAMPLES))
}

fn view(store: &Store, sample: bool) -> Result<WorkspaceView, CommandError> {
    let info = store.workspace()?;
    Ok(WorkspaceView {
        name: info.name,
        path: store.path().display().to_string(),
        created_at: info.created_at,
        sample,
        read_only: store::is_read_only(store.path()),
    })
}

/// Creates a workspace file at `path` (the extension is added when missing).
pub fn create_at(name: &str, path: &str) -> Result<Store, CommandError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(CommandError::msg(
            "workspace_name_missing",
            "give the workspace a name (usually the company you audit)",
        ));
    }
    if path.trim().is_empty() {
        return Err(CommandError::msg(
            "workspace_path_missing",
            "choose where to save the workspace file",
        ));
    }
    let path = with_extension(path);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| {
            CommandError::msg(
                "workspace_folder_unwritable",
                format!(
                    "{}: the folder cannot be created ({e}); choose another place",
                    parent.display()
                ),
            )
        })?;
    }
    Ok(Store::create(&path, name, &Settings::default())?)
}

/// A new copy of the bundled sample, as a workspace file in `dir`, in the sample's time
/// zone when it names one; the sample's own folder is only read.
pub fn copy_sample(sample: &SampleWorkspace, dir: &Path) -> Result<Store, CommandError> {
    std::fs::create_dir_all(dir).map_err(|e| {
        CommandError::msg(
            "sample_copy_failed",
            format!("{}: the folder cannot be created: {e}", dir.display()),
        )
    })?;
    let (path, n) = free_path(dir, &file_stem(&sample.name));
    let name = if n == 1 {
        sample.name.clone()
    } else {
        format!("{} {n}", sample.name)
    };
    let mut settings = Settings::default();
    if let Some(tz) = &sample.timezone {
        settings.timezone = tz.clone();
    }
    Ok(Store::create(&path, &name, &settings)?)
}

/// Puts the workspace on the recent list. A list that cannot be read is not
/// overwritten, and does not stop the workspace from opening: the home screen reports
/// it (`recent_workspaces`).
fn remember(dir: &Path, name: &str, path: &Path, sample: bool) -> Result<(), CommandError> {
    match recent::remember(dir, name, path, sample) {
        Ok(_) => Ok(()),
        Err(e) if e.code == recent::UNREADABLE => Ok(()),
        Err(e) => Err(e),
    }
}

#[tauri::command]
pub fn recent_workspaces<R: Runtime>(
    app: AppHandle<R>,
) -> Result<Vec<RecentWorkspace>, CommandError> {
    Ok(recent::for_home(recent::load(&config_dir(&app)?)?))
}

/// Pins a workspace to the top of the recent list, or unpins it.
#[tauri::command]
pub fn pin_workspace<R: Runtime>(
    app: AppHandle<R>,
    path: String,
    pinned: bool,
) -> Result<Vec<RecentWorkspace>, CommandError> {
    Ok(recent::for_home(recent::pin(
        &config_dir(&app)?,
        &path,
        pinned,
    )?))
}

#[tauri::command]
pub fn forget_workspace<R: Runtime>(
    app: AppHandle<R>,
    path: String,
) -> Result<Vec<RecentWorkspace>, CommandError> {
    Ok(recent::for_home(recent::forget(&config_dir(&app)?, &path)?))
}

/// Where a new workspace named `name` would go by default: the documents folder (else
/// the home folder), under a name not yet taken.
#[tauri::command]
pub fn default_workspace_path<R: Runtime>(
    app: AppHandle<R>,
    name: String,
) -> Result<String, CommandError> {
    let dir = documents_dir(&app)?;
    Ok(free_path(&dir, &file_stem(&name)).0.display().to_string())
}

/// Where new files go by default: the documents folder, else the home folder.
pub(crate) fn documents_dir<R: Runtime>(app: &AppHandle<R>) -> Result<PathBuf, CommandError> {
    let paths = app.path();
    paths
        .document_dir()
        .or_else(|_| paths.home_dir())
        .or_else(|_| paths.app_data_dir())
        .map_err(|e| path_error("no_documents_dir", e))
}

#[tauri::command]
pub fn create_workspace<R: Runtime>(
    app: AppHandle<R>,
    name: String,
    path: String,
) -> Result<WorkspaceView, CommandError> {
    let store = create_at(&name, &path)?;
    let ws = view(&store, is_sample(&data_dir(&app)?, store.path()))?;
    remember(&config_dir(&app)?, &ws.name, store.path(), ws.sample)?;
    Ok(ws)
}

#[tauri::command]
pub fn open_workspace<R: Runtime>(
    app: AppHandle<R>,
    path: String,
) -> Result<WorkspaceView, CommandError> {
    let store = Store::open_read_only(Path::new(path.trim()))?;
    let ws = view(&store, is_sample(&data_dir(&app)?, store.path()))?;
    remember(&config_dir(&app)?, &ws.name, store.path(), ws.sample)?;
    Ok(ws)
}

#[tauri::command]
pub fn open_sample_workspace<R: Runtime>(app: AppHandle<R>) -> Result<WorkspaceView, CommandError> {
    let sample = SampleWorkspace::load(&sample_dir()?)
        .map_err(|e| CommandError::new("sample_workspace_unreadable", e))?;
    let store = copy_sample(&sample, &data_dir(&app)?.join(SAMPLES))?;
    let ws = view(&store, true)?;
    remember(&config_dir(&app)?, &ws.name, store.path(), true)?;
    Ok(ws)
}

#[tauri::command]
pub fn workspace_settings(workspace: String) -> Result<SettingsForm, CommandError> {
    let store = Store::open_read_only(Path::new(&workspace))?;
    Ok(SettingsForm::of(&store.workspace()?.settings))
}

/// Reads a form through the core's parsers without saving it.
#[tauri::command]
pub fn check_settings(form: SettingsForm) -> SettingsCheck {
    form.check(&Settings::default()).0
}

/// Saves the form when every field parses; otherwise saves nothing and returns the
/// messages.
#[tauri::command]
pub fn save_workspace_settings(
    workspace: String,
    form: SettingsForm,
) -> Result<SettingsCheck, CommandError> {
    let store = Store::open(Path::new(&workspace))?;
    let (check, settings) = form.check(&store.workspace()?.settings);
    if let Some(settings) = settings {
        store.set_settings(&settings)?;
    }
    Ok(check)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_and_free() {
        assert_eq!(file_stem("Acme / Europe: Q3?"), "Acme - Europe- Q3-");
        assert_eq!(file_stem("  ..  "), "Workspace");
        let dir = tempfile::tempdir().unwrap();
        let (p, n) = free_path(dir.path(), "Acme");
        assert_eq!(
            (p.file_name().unwrap().to_str().unwrap(), n),
            ("Acme.leadaudit", 1)
        );
        std::fs::write(&p, b"").unwrap();
        let (p, n) = free_path(dir.path(), "Acme");
        assert_eq!(
            (p.file_name().unwrap().to_str().unwrap(), n),
            ("Acme 2.leadaudit", 2)
        );
        assert_eq!(
            with_extension("/x/acme"),
            PathBuf::from("/x/acme.leadaudit")
        );
        assert_eq!(
            with_extension("/x/a.leadaudit"),
            PathBuf::from("/x/a.leadaudit")
        );
    }

    #[test]
    fn creates_and_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("clients").join("acme");
        let store = create_at(" Acme ", path.to_str().unwrap()).unwrap();
        assert_eq!(store.path(), dir.path().join("clients/acme.leadaudit"));
        assert_eq!(store.workspace().unwrap().name, "Acme");
        drop(store);
        let err = create_at("Acme", path.to_str().unwrap()).err().unwrap();
        assert_eq!(err.code, "workspace_exists");
        let err = create_at(" ", "/tmp/x").err().unwrap();
        assert_eq!(err.code, "workspace_name_missing");
    }

    #[test]
    fn the_sample_is_copied_and_its_folder_left_alone() {
        let sample = SampleWorkspace::load(&sample_dir().unwrap()).unwrap();
        let before = listing(&sample_dir().unwrap());
        let dir = tempfile::tempdir().unwrap();
        let first = copy_sample(&sample, dir.path()).unwrap();
        let second = copy_sample(&sample, dir.path()).unwrap();
        assert_eq!(first.workspace().unwrap().name, sample.name);
        // The sample's exports are read in its own time zone.
        assert_eq!(
            Some(first.workspace().unwrap().settings.timezone),
            sample.timezone.clone()
        );
        assert_eq!(sample.timezone.as_deref(), Some("America/New_York"));
        assert_eq!(
            second.workspace().unwrap().name,
            format!("{} 2", sample.name)
        );
        assert!(first.path().starts_with(dir.path()));
        assert_ne!(first.path(), second.path());
        assert_eq!(listing(&sample_dir().unwrap()), before);
    }

    #[test]
    fn sample_copies_are_told_by_their_folder() {
        let data = Path::new("/data/app");
        assert!(is_sample(data, Path::new("/data/app/samples/x.leadaudit")));
        assert!(!is_sample(data, Path::new("/data/app/x.leadaudit")));
        assert!(!is_sample(
            data,
            Path::new("/elsewhere/samples/x.leadaudit")
        ));
    }

    /// Every file under `dir` with its size and modification time.
    fn listing(dir: &Path) -> Vec<(PathBuf, u64, std::time::SystemTime)> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let e = e.unwrap();
                let m = e.metadata().unwrap();
                if m.is_dir() {
                    stack.push(e.path());
                } else {
                    out.push((e.path(), m.len(), m.modified().unwrap()));
                }
            }
        }
        out.sort();
        out
    }

    #[test]
    fn settings_are_saved_only_when_every_field_parses() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.leadaudit");
        create_at("W", path.to_str().unwrap()).unwrap();
        let ws = path.display().to_string();
        let mut form = workspace_settings(ws.clone()).unwrap();
        form.sla = "30m".into();
        form.timezone = "Mars/Base".into();
        let check = save_workspace_settings(ws.clone(), form.clone()).unwrap();
        assert_eq!(check.errors.keys().collect::<Vec<_>>(), ["timezone"]);
        assert_eq!(
            workspace_settings(ws.clone()).unwrap().sla,
            "1h",
            "nothing saved"
        );

        form.timezone = "America/New_York".into();
        let check = save_workspace_settings(ws.clone(), form).unwrap();
        assert!(check.errors.is_empty());
        let saved = workspace_settings(ws).unwrap();
        assert_eq!(
            (saved.sla.as_str(), saved.timezone.as_str()),
            ("30m", "America/New_York")
        );
    }

    #[test]
    fn check_settings_reports_without_saving() {
        let mut form = SettingsForm::of(&Settings::default());
        form.business_hours = "9 to 5".into();
        let check = check_settings(form);
        assert!(check.form.is_none());
        assert!(check.errors["business_hours"].starts_with("business hours \"9 to 5\""));
    }
}
