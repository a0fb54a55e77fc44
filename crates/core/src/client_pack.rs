//! The client pack: what a consultant hands over after a workshop, in one folder named
//! after the client and the date: the PDF scorecard of an audit (personal data masked)
//! and a copy of the workspace file (every audit, grade, note and mapping).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::audit::{self, AuditError};
use crate::report::scorecard::{ScorecardOptions, render_scorecard_with_trends};
use crate::report::{Paper, ReportError};
use crate::store::{EXTENSION, Store, StoreError};

/// Why a client pack could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Audit(#[from] AuditError),
    #[error("{workspace}: the workspace has no audit yet; run one, then export the client pack")]
    NoAudit { workspace: PathBuf },
    #[error("the scorecard could not be made: {0}")]
    Report(#[from] ReportError),
    #[error("{path}: {what} ({source}); choose another folder for the client pack")]
    Io {
        path: PathBuf,
        what: &'static str,
        source: std::io::Error,
    },
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ClientPack {
    /// The folder: `<client> <date>` in the chosen parent folder.
    pub folder: PathBuf,
    /// The scorecard: `<client> scorecard <audit>.pdf`.
    pub pdf: PathBuf,
    /// The copy of the workspace: `<client>.leadaudit`.
    pub workspace: PathBuf,
}

/// `name` made safe as a file or folder name on every system ("Client" when nothing is left).
pub fn safe_name(name: &str) -> String {
    crate::workspace::safe_file_name(name, "Client")
}

/// `parent/<stem>`, or `parent/<stem> 2`, … : the first name not taken.
fn free_folder(parent: &Path, stem: &str) -> PathBuf {
    let mut n = 1;
    loop {
        let path = if n == 1 {
            parent.join(stem)
        } else {
            parent.join(format!("{stem} {n}"))
        };
        if !path.exists() {
            return path;
        }
        n += 1;
    }
}

/// Writes the client pack of `audit` (the newest audit when `None`) into a new folder
/// `<client> <date>` under `parent` (`<client> <date> 2` when that is taken): the PDF
/// scorecard, compared with the audit before it and always redacted, and a copy of the
/// workspace. The client is the workspace's name. Nothing is left behind when it fails.
pub fn write_client_pack(
    workspace: &Path,
    audit: Option<i64>,
    parent: &Path,
    date: NaiveDate,
    paper: Paper,
) -> Result<ClientPack, PackError> {
    let store = Store::open_read_only(workspace)?;
    let client = safe_name(&store.workspace()?.name);
    let audit_id = match audit {
        Some(id) => id,
        None => {
            store
                .audits()?
                .last()
                .ok_or_else(|| PackError::NoAudit {
                    workspace: workspace.to_path_buf(),
                })?
                .id
        }
    };
    let result = audit::load(&store, audit_id)?;
    let previous = audit::previous(&store, audit_id)?;
    let trends = crate::trends::up_to(&store, audit_id)?;
    let pdf = render_scorecard_with_trends(
        &result,
        previous.as_ref(),
        &trends,
        ScorecardOptions {
            paper,
            redact: true,
        },
    )?;

    let io = |path: &Path, what: &'static str| {
        let path = path.to_path_buf();
        move |source| PackError::Io { path, what, source }
    };
    std::fs::create_dir_all(parent).map_err(io(parent, "the folder cannot be created"))?;
    let folder = free_folder(parent, &format!("{client} {}", date.format("%Y-%m-%d")));
    std::fs::create_dir(&folder).map_err(io(&folder, "the folder cannot be created"))?;
    let written = (|| {
        let pdf_path = folder.join(format!(
            "{client} scorecard {}.pdf",
            safe_name(&result.audit.name)
        ));
        std::fs::write(&pdf_path, &pdf.bytes)
            .map_err(io(&pdf_path, "the PDF cannot be written"))?;
        let copy = folder.join(format!("{client}.{EXTENSION}"));
        store.copy_to(&copy)?;
        Ok(ClientPack {
            folder: folder.clone(),
            pdf: pdf_path,
            workspace: copy,
        })
    })();
    if written.is_err() {
        let _ = std::fs::remove_dir_all(&folder);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_made_safe() {
        assert_eq!(safe_name(" Acme/Beta: Co. "), "Acme-Beta- Co");
        assert_eq!(safe_name("..."), "Client");
        assert_eq!(safe_name("a\nb"), "a b");
    }

    #[test]
    fn a_workspace_without_an_audit_writes_no_folder() {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("w.leadaudit");
        Store::create(&ws, "Acme", &crate::settings::Settings::default()).unwrap();
        let parent = dir.path().join("packs");
        let date = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let err = write_client_pack(&ws, None, &parent, date, Paper::A4).unwrap_err();
        assert!(matches!(err, PackError::NoAudit { .. }), "{err}");
        assert!(!parent.join("Acme 2026-12-06").exists());
    }
}
