//! # Lead Audit
//!
//! The core of Lead Audit: it reads CRM exports (leads, deals, activities, owners),
//! computes the speed-to-lead, qualification and conversion baselines and the
//! data-hygiene findings, and grades the 12-item lead qualification and routing
//! checklist. Everything runs offline; nothing leaves the machine.
//!
//! This crate knows nothing of the desktop shell or the UI: the `leadaudit` CLI and
//! the Tauri app are thin layers over it. It is the package `leadaudit-core`
//! (crates/core), with no command-line or random-number crates: the CLI is the root
//! package, and the sample generator and test fixtures are `leadaudit-synth` (crates/synth).
//!
//! ```
//! // The version every front end shows is the core's own.
//! assert_eq!(leadaudit::version(), env!("CARGO_PKG_VERSION"));
//!
//! // The bundled sample workspace describes itself.
//! let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-data");
//! let sample = leadaudit::workspace::SampleWorkspace::load(&dir).unwrap();
//! assert!(!sample.name.is_empty());
//! ```

pub mod audit;
pub mod bundled;
pub mod charts;
pub mod checklist;
pub mod client_pack;
pub mod compare;
pub mod findings;
pub mod format;
pub mod grade;
pub mod ingest;
pub mod memory;
pub mod metrics;
pub mod present;
pub mod readiness;
pub mod report;
pub mod settings;
pub mod store;
pub mod trends;
pub mod workshop;
pub mod workspace;

/// The version of the Lead Audit core library.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

#[cfg(test)]
mod tests {
    #[test]
    fn version_is_the_package_version() {
        assert_eq!(super::version(), env!("CARGO_PKG_VERSION"));
        assert!(super::version().split('.').count() == 3);
    }
}
