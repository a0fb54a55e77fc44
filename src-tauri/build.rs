fn main() {
    // Only our own commands get permissions; the capability file grants them to the
    // main window alone.
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(
        tauri_build::AppManifest::new().commands(&["core_version", "list_workspaces"]),
    ))
    .expect("tauri-build failed: check tauri.conf.json and capabilities/");
}
