//! Fixtures shared by the commands' unit tests (test builds only).

use std::path::PathBuf;

/// A new workspace `w.leadaudit` named `name` in a temporary folder, and beside it
/// `contacts.csv`: a HubSpot-like export of two leads.
pub(crate) struct TwoLeads {
    /// The temporary folder (removed when dropped).
    pub dir: tempfile::TempDir,
    pub ws: PathBuf,
    pub csv: PathBuf,
}

pub(crate) fn two_leads(name: &str) -> TwoLeads {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("w.leadaudit");
    crate::workspace::create_at(name, ws.to_str().unwrap()).unwrap();
    let csv = dir.path().join("contacts.csv");
    std::fs::write(
        &csv,
        "Record ID,Email,Create Date,Contact owner,Lifecycle Stage\n\
         1,a@x.com,2026-04-01 09:00,Ann,lead\n\
         2,b@x.com,2026-04-02 10:30,Bo,customer\n",
    )
    .unwrap();
    TwoLeads { dir, ws, csv }
}

/// The bundled sample's folder of one quarter ("2026Q2"), as the inputs of an audit.
pub(crate) fn sample(quarter: &str) -> Vec<String> {
    vec![
        crate::commands::sample_dir()
            .unwrap()
            .join(format!("hubspot-{quarter}"))
            .display()
            .to_string(),
    ]
}
