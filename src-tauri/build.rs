/// Lead Audit's own commands: the only ones the main window may call (with the dialog
/// plugin's open/save and event listening, granted in capabilities/main.json).
const COMMANDS: &[&str] = &[
    "core_version",
    "sample_workspace",
    "recent_workspaces",
    "forget_workspace",
    "default_workspace_path",
    "create_workspace",
    "open_workspace",
    "open_sample_workspace",
    "workspace_settings",
    "check_settings",
    "save_workspace_settings",
    "canonical_fields",
    "sample_exports",
    "inspect_files",
    "save_mapping",
    "run_audit",
    "list_audits",
    "grade_item",
    "checklist_reference",
    "export_pdf",
    "export_workspace",
    "default_export_path",
    "audit_view",
    "audit_history",
    "audit_trends",
    "compare_audits",
    "pin_workspace",
    "export_client_pack",
    "save_chart_png",
    "workshop_view",
];

fn main() {
    // Only our own commands get permissions; the capability file grants them to the
    // main window alone.
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed: check tauri.conf.json and capabilities/");
}
