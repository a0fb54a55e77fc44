//! Test fixtures: findings as the tests of the checks, charts and report build them.

use super::{Finding, Severity};

/// A finding of `id` with `count` of `of` records (a warning when any), with these
/// examples.
pub(crate) fn finding(id: &str, item: u8, count: u64, of: u64, examples: &[&str]) -> Finding {
    Finding {
        id: id.into(),
        item,
        severity: if count > 0 {
            Severity::Warning
        } else {
            Severity::Info
        },
        count,
        of,
        title: format!("{count} of {of} records have the problem {id}."),
        detail: String::new(),
        examples: examples.iter().map(|e| (*e).to_owned()).collect(),
        fix: format!("Fix {id}."),
        field: None,
    }
}

/// A finding of `id` that could not be assessed.
pub(crate) fn not_assessed(id: &str, item: u8) -> Finding {
    Finding {
        title: "Not assessed: no leads file.".into(),
        fix: String::new(),
        ..finding(id, item, 0, 0, &[])
    }
}
