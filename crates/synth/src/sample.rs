//! The bundled sample workspace audited in code, one quarter at a time, as the report
//! benchmark (`benches/report.rs`) and the chart-renderer spike
//! (`examples/svg_spike.rs`) use it.

use std::path::{Path, PathBuf};

use leadaudit::audit::{self, AuditError, AuditResult, Request};
use leadaudit::metrics::Period;
use leadaudit::settings::Settings;

/// The sample company's name, as the workspace of an audited quarter.
pub const WORKSPACE: &str = "Brightwave Analytics";

/// The fixed audit date of an audited quarter, so its renders compare byte for byte.
pub const AUDIT_DATE: &str = "2026-10-02T09:00:00Z";

/// Why a sample quarter could not be audited.
#[derive(Debug, thiserror::Error)]
pub enum SampleError {
    #[error("{path}: {error}; is the sample workspace there (sample-data/)?")]
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error(transparent)]
    Audit(#[from] AuditError),
}

/// Audits every CSV export in `dir` (a quarter's folder of the sample workspace, e.g.
/// `sample-data/hubspot-2026Q3`) as the audit `name`: times read in America/New_York,
/// the whole period, the default settings otherwise; the workspace is [`WORKSPACE`] and
/// the audit dated [`AUDIT_DATE`].
pub fn audit_quarter(dir: &Path, name: &str) -> Result<AuditResult, SampleError> {
    let read = |error| SampleError::Read {
        path: dir.to_owned(),
        error,
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(read)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    files.sort();
    let mut result = audit::run(Request {
        name: name.to_owned(),
        files,
        mapping: None,
        settings: Settings {
            timezone: "America/New_York".to_owned(),
            ..Settings::default()
        },
        period: Period::all(),
        progress: None,
        stage: None,
        strict: false,
    })?;
    result.audit.workspace = Some(WORKSPACE.to_owned());
    result.audit.created_at = Some(AUDIT_DATE.to_owned());
    Ok(result)
}
