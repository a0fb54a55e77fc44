//! The Lead Audit desktop shell: thin Tauri commands over the `leadaudit` core.
//!
//! Each command is a few lines that call the core and turn its errors into
//! [`CommandError`] (`{code, message}`), which the UI shows in plain words.

mod commands;
mod error;

pub use commands::{WorkspaceEntry, sample_dir};
pub use error::CommandError;

/// Starts the app with the main window.
pub fn run() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![
            commands::core_version,
            commands::list_workspaces
        ])
        .run(tauri::generate_context!())
        .expect("the Lead Audit window could not be opened");
}
