//! Test fixtures: findings as the tests of the checks, charts and report build them.

use polars::prelude::*;

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

/// A deals frame with `created_at` (epoch milliseconds) as a UTC timestamp and
/// `close_date` (epoch days) as a date, as the importer types them.
pub(crate) fn deal_dates(df: DataFrame) -> DataFrame {
    df.lazy()
        .with_columns([
            col("created_at").cast(DataType::Datetime(
                TimeUnit::Milliseconds,
                Some(TimeZone::UTC),
            )),
            col("close_date").cast(DataType::Date),
        ])
        .collect()
        .expect("the created_at and close_date columns cast")
}
