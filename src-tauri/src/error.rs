use leadaudit::audit::AuditError;
use leadaudit::checklist::policy::GradeError;
use leadaudit::ingest::IngestError;
use leadaudit::metrics::MetricsError;
use leadaudit::store::StoreError;
use serde::Serialize;

/// An error as it crosses to the UI: a stable machine-readable `code` and a
/// message written for the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommandError {
    pub code: &'static str,
    pub message: String,
}

impl CommandError {
    pub fn new(code: &'static str, err: impl Into<anyhow::Error>) -> Self {
        CommandError {
            code,
            message: format!("{:#}", err.into()),
        }
    }

    /// An error with a message of our own (the UI shows it as it is).
    pub fn msg(code: &'static str, message: impl Into<String>) -> Self {
        CommandError {
            code,
            message: message.into(),
        }
    }
}

/// The code of a workspace file error.
pub fn store_code(err: &StoreError) -> &'static str {
    match err {
        StoreError::Exists { .. } => "workspace_exists",
        StoreError::Missing { .. } => "workspace_missing",
        StoreError::NotAWorkspace { .. } => "not_a_workspace",
        StoreError::Corrupt { .. } => "workspace_damaged",
        StoreError::Newer { .. } => "workspace_newer",
        StoreError::NoAudit { .. } => "no_audit",
        StoreError::Copy { .. } => "copy_failed",
        StoreError::Stray { .. } => "workspace_stray_journal",
        StoreError::ReadOnly { .. } => "workspace_read_only",
        StoreError::Unfinished { .. } => "workspace_unfinished_write",
        StoreError::Create { .. } => "workspace_not_created",
        StoreError::DiskFull { .. } => "disk_full",
        StoreError::Decode { .. } => "workspace_value_unreadable",
        _ => "workspace_error",
    }
}

impl From<StoreError> for CommandError {
    fn from(err: StoreError) -> Self {
        CommandError::new(store_code(&err), err)
    }
}

/// The code of an import error.
pub fn ingest_code(err: &IngestError) -> &'static str {
    match err {
        IngestError::Io { .. } => "file_unreadable",
        IngestError::NotAFile { .. } => "file_not_regular",
        IngestError::Empty { .. } => "file_empty",
        IngestError::HeaderOnly { .. } => "file_header_only",
        IngestError::Binary { .. } | IngestError::NotText { .. } => "file_binary",
        IngestError::Undecodable { .. } => "file_undecodable",
        IngestError::Malformed { .. } => "file_malformed",
        IngestError::Ragged { .. } => "line_ragged",
        IngestError::RaggedMany { .. } => "file_ragged",
        IngestError::DuplicateHeader { .. } => "duplicate_header",
        IngestError::MissingRequired { .. } => "missing_required",
        IngestError::MappingColumnMissing { .. } => "mapping_column_missing",
        IngestError::MappingColumnTwice { .. } => "mapping_invalid",
        IngestError::AmbiguousDates(_) => "ambiguous_dates",
        IngestError::UnparseableDates(_) => "unparseable_dates",
        IngestError::Mapping { .. } | IngestError::BadConstant { .. } => "mapping_invalid",
        IngestError::Polars { .. } => "file_unreadable_data",
        IngestError::Workbook { .. } => "file_workbook_unreadable",
    }
}

impl From<IngestError> for CommandError {
    fn from(err: IngestError) -> Self {
        CommandError::new(ingest_code(&err), err)
    }
}

/// The code of an audit error.
pub fn audit_code(err: &AuditError) -> &'static str {
    match err {
        AuditError::Ingest(e) => ingest_code(e),
        AuditError::Metrics(MetricsError::Settings(_)) => "settings_invalid",
        AuditError::Metrics(MetricsError::Quarter(_) | MetricsError::Period { .. }) => {
            "quarter_invalid"
        }
        AuditError::Metrics(_) => "metrics_failed",
        AuditError::Findings(_) => "findings_failed",
        AuditError::Hash { .. } => "file_unreadable",
        AuditError::Store(e) => store_code(e),
        AuditError::Grade(GradeError::OwnerNeeded { .. }) => "owner_needed",
        AuditError::Grade(GradeError::NoItem(_)) => "no_item",
        AuditError::Grade(GradeError::EscalationElsewhere(_)) => "escalation_elsewhere",
        AuditError::Stored { .. } => "audit_unreadable",
        AuditError::Readiness(_) => "readiness_failed",
        AuditError::Encode(_) => "internal",
        AuditError::NothingUsable(_) => "nothing_usable",
    }
}

impl From<AuditError> for CommandError {
    fn from(err: AuditError) -> Self {
        // The core's words name the command line's option; the app has a field.
        if let AuditError::Grade(GradeError::OwnerNeeded { item, title }) = &err {
            return CommandError::msg(
                "owner_needed",
                format!(
                    "item {item} ({title}) can be in place only with a named owner: name the owner, and the grade is saved"
                ),
            );
        }
        CommandError::new(audit_code(&err), err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_code_and_message() {
        let err = CommandError::new("workspace_unreadable", anyhow::anyhow!("cannot read x"));
        assert_eq!(
            serde_json::to_string(&err).unwrap(),
            r#"{"code":"workspace_unreadable","message":"cannot read x"}"#
        );
    }

    #[test]
    fn store_errors_keep_the_core_message() {
        let err = CommandError::from(StoreError::Missing {
            path: "/x/a.leadaudit".into(),
        });
        assert_eq!(
            serde_json::to_value(&err).unwrap(),
            serde_json::json!({
                "code": "workspace_missing",
                "message": "/x/a.leadaudit: there is no workspace file there; check the path, or create the workspace"
            })
        );
    }

    #[test]
    fn ingest_errors_keep_the_core_message() {
        let err = CommandError::from(IngestError::Ragged {
            file: "a.csv".into(),
            line: 3,
            expected: 3,
            found: 4,
            hint: None,
        });
        assert_eq!(err.code, "line_ragged");
        assert!(
            err.message
                .starts_with("a.csv, line 3: 4 fields where the header has 3")
        );
    }
}
