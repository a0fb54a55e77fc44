//! The Lead Audit desktop shell: thin Tauri commands over the `leadaudit` core.
//!
//! Each command is a few lines that call the core and turn its errors into
//! [`CommandError`] (`{code, message}`), which the UI shows in plain words. The shell
//! keeps no state: every workspace command is given the workspace file's path.

mod audits;
mod commands;
mod error;
mod export;
mod import;
mod recent;
mod settings_form;
#[cfg(test)]
mod testing;
mod views;
mod workshop;
mod workspace;

pub use audits::{AUDIT_PROGRESS_EVENT, AuditProgress, AuditSaved, ChecklistReference, Graded};
pub use commands::{SampleInfo, sample_dir};
pub use error::CommandError;
pub use import::{FileError, FileReading, ImportProgress, PROGRESS_EVENT, Reading};
pub use recent::RecentWorkspace;
pub use settings_form::{SettingsCheck, SettingsForm};
pub use workspace::WorkspaceView;

/// Starts the app with the main window.
pub fn run() {
    leadaudit::memory::limit_malloc_arenas();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            use tauri::Manager as _;
            commands::remember_resource_dir(app.path().resource_dir().ok());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::core_version,
            commands::sample_workspace,
            workspace::recent_workspaces,
            workspace::forget_workspace,
            workspace::pin_workspace,
            workspace::default_workspace_path,
            workspace::create_workspace,
            workspace::open_workspace,
            workspace::open_sample_workspace,
            workspace::workspace_settings,
            workspace::check_settings,
            workspace::save_workspace_settings,
            import::canonical_fields,
            import::sample_exports,
            import::inspect_files,
            import::save_mapping,
            audits::run_audit,
            audits::list_audits,
            audits::grade_item,
            audits::checklist_reference,
            export::export_pdf,
            export::export_workspace,
            export::default_export_path,
            export::export_client_pack,
            export::save_chart_png,
            workshop::workshop_view,
            views::audit_view,
            views::audit_history,
            views::audit_trends,
            views::compare_audits,
        ])
        .run(tauri::generate_context!())
        .expect("the Lead Audit window could not be opened");
}
