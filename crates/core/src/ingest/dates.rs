//! Date and time columns: inferring a column's format from all of its values, and
//! parsing it with Polars.
//!
//! A format is a chrono `strftime` pattern (`%m/%d/%Y %I:%M %p`), or `epoch-ms` for
//! milliseconds since 1970. A column whose values come in several forms has several
//! formats, written `A | B`. When no value shows whether the day or the month comes
//! first (every day is 12 or less), the column is ambiguous and nothing is guessed.

mod inference;

use crate::metrics::expr::per_distinct;
pub use inference::infer;
use inference::*;
use polars::prelude::*;

/// The pseudo-format for epoch milliseconds.
pub const EPOCH_MS: &str = "epoch-ms";

/// What the values of a column say about its format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inference {
    /// The values do not look like dates.
    NotDates,
    /// The formats that read the values, most used first.
    Formats(Vec<String>),
    /// Day-first and month-first both read every value.
    Ambiguous {
        example: String,
        day_first: String,
        month_first: String,
    },
}

/// Splits `A | B` into its formats.
pub fn split_formats(spec: &str) -> Vec<String> {
    spec.split(" | ")
        .map(|f| f.trim().to_owned())
        .filter(|f| !f.is_empty())
        .collect()
}

/// Joins formats as `A | B`.
pub fn join_formats(formats: &[String]) -> String {
    formats.join(" | ")
}

fn has_zone(format: &str) -> bool {
    format.contains("%z") || format.contains("%:z")
}

fn has_time(format: &str) -> bool {
    format.contains("%H") || format.contains("%I")
}

/// Polars' options for `format`. Its cache of parsed values is kept for dates alone, a
/// few hundred distinct values in a column; timestamps seldom repeat, and looking each
/// one up in the cache cost more than parsing it (#11). The cache only remembers what
/// the parse gave, so the values are the same either way.
fn strptime_options(format: &str) -> StrptimeOptions {
    StrptimeOptions {
        format: Some(format.into()),
        strict: false,
        exact: true,
        cache: !has_time(format),
    }
}

/// Parses with one format into a comparable value (naive local time, or UTC for values
/// with an offset); null where the format does not read the value.
/// The earliest and latest instants read as dates (milliseconds since 1970):
/// 1678-01-01 and 2261-12-31 23:59:59.999, inside the range of nanosecond timestamps,
/// so no later step overflows. Values outside count as dates that cannot be read.
pub const EARLIEST_MS: i64 = -9_214_560_000_000;
pub const LATEST_MS: i64 = 9_214_646_399_999;

fn parse_naive(column: Expr, format: &str) -> Expr {
    let zone = has_zone(format).then_some(TimeZone::UTC);
    let dtype = DataType::Datetime(TimeUnit::Milliseconds, zone);
    let bound = |ms: i64| lit(ms).cast(dtype.clone());
    let e = parse_unbounded(column, format);
    when(
        e.clone()
            .gt_eq(bound(EARLIEST_MS))
            .and(e.clone().lt_eq(bound(LATEST_MS))),
    )
    .then(e)
    .otherwise(lit(NULL).cast(dtype.clone()))
}

fn parse_unbounded(column: Expr, format: &str) -> Expr {
    let e = cleaned(column);
    if format == EPOCH_MS {
        return e
            .filter_placeholder()
            .cast(DataType::Int64)
            .cast(DataType::Datetime(TimeUnit::Milliseconds, None));
    }
    if has_zone(format) {
        e.str().to_datetime(
            Some(TimeUnit::Milliseconds),
            Some(TimeZone::UTC),
            strptime_options(format),
            lit("raise"),
        )
    } else if has_time(format) {
        e.str().to_datetime(
            Some(TimeUnit::Milliseconds),
            None,
            strptime_options(format),
            lit("raise"),
        )
    } else {
        e.str()
            .to_date(strptime_options(format))
            .cast(DataType::Datetime(TimeUnit::Milliseconds, None))
    }
}

trait FilterPlaceholder {
    fn filter_placeholder(self) -> Expr;
}

impl FilterPlaceholder for Expr {
    /// Epoch values are 12 or 13 digits; anything else is not one.
    fn filter_placeholder(self) -> Expr {
        when(self.clone().str().contains(lit(r"^\d{12,13}$"), false))
            .then(self)
            .otherwise(lit(NULL).cast(DataType::String))
    }
}

/// Parses `column` with `formats` into a point in time (UTC, milliseconds). Values
/// without an offset are read as local time in `tz` (on a DST change, the earlier of
/// two readings; a time that does not exist is null).
///
/// Each distinct value is parsed once (`metrics::expr::per_distinct`): exports write times to the
/// minute, so millions of activities share far fewer distinct times, and reading a local
/// time in a zone costs a lookup in the zone's rules for every value (#11).
pub fn parse_timestamp(column: &str, formats: &[String], tz: &str) -> Expr {
    let (formats, tz) = (formats.to_vec(), tz.to_owned());
    per_distinct(col(column), utc_ms(), move |e| {
        parse_timestamp_rows(e, &formats, &tz)
    })
}

/// [`parse_timestamp`], row by row.
fn parse_timestamp_rows(column: Expr, formats: &[String], tz: &str) -> Expr {
    let parts: Vec<Expr> = formats
        .iter()
        .map(|f| {
            let e = parse_naive(column.clone(), f);
            if has_zone(f) || f == EPOCH_MS {
                e.dt().convert_time_zone(TimeZone::UTC)
            } else {
                e.dt()
                    .replace_time_zone(Some(time_zone(tz)), lit("earliest"), NonExistent::Null)
                    .dt()
                    .convert_time_zone(TimeZone::UTC)
            }
        })
        .collect();
    if parts.is_empty() {
        // No format (e.g. `date_formats = ""`): nothing reads, every value fails.
        return lit(NULL).cast(utc_ms());
    }
    coalesce(&parts)
}

fn utc_ms() -> DataType {
    DataType::Datetime(TimeUnit::Milliseconds, Some(TimeZone::UTC))
}

/// Parses `column` with `formats` into a calendar date (values with a time or an offset
/// give their date in `tz`), each distinct value once as [`parse_timestamp`].
pub fn parse_date(column: &str, formats: &[String], tz: &str) -> Expr {
    let (formats, tz) = (formats.to_vec(), tz.to_owned());
    per_distinct(col(column), DataType::Date, move |e| {
        parse_date_rows(e, &formats, &tz)
    })
}

/// [`parse_date`], row by row.
fn parse_date_rows(column: Expr, formats: &[String], tz: &str) -> Expr {
    let parts: Vec<Expr> = formats
        .iter()
        .map(|f| {
            let e = parse_naive(column.clone(), f);
            if has_zone(f) || f == EPOCH_MS {
                e.dt().convert_time_zone(time_zone(tz)).dt().date()
            } else {
                e.dt().date()
            }
        })
        .collect();
    if parts.is_empty() {
        return lit(NULL).cast(DataType::Date);
    }
    coalesce(&parts)
}

fn time_zone(tz: &str) -> TimeZone {
    TimeZone::opt_try_new(Some(PlSmallStr::from(tz)))
        .ok()
        .flatten()
        .unwrap_or(TimeZone::UTC)
}

/// Values that are present but could not be read as dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failures {
    pub failed: usize,
    pub present: usize,
    /// The first few, as (row index, value).
    pub examples: Vec<(u32, String)>,
}

/// Values of `column` that are present but that `parsed` could not read.
pub fn failures(df: &DataFrame, column: &str, parsed: Expr) -> PolarsResult<Failures> {
    // [`cleaned`] is empty exactly when the trimmed value is.
    let present = col(column)
        .is_not_null()
        .and(crate::metrics::expr::trimmed(col(column)).neq(lit("")));
    let failed = present.clone().and(parsed.is_null());
    let counts = df
        .clone()
        .lazy()
        .select([
            present
                .clone()
                .cast(DataType::UInt32)
                .sum()
                .alias("present"),
            failed.clone().cast(DataType::UInt32).sum().alias("failed"),
        ])
        .collect()?;
    let present_n = counts
        .column("present")?
        .get(0)?
        .extract::<u32>()
        .unwrap_or(0) as usize;
    let failed_n = counts
        .column("failed")?
        .get(0)?
        .extract::<u32>()
        .unwrap_or(0) as usize;
    let mut examples = Vec::new();
    if failed_n > 0 {
        let rows = df
            .clone()
            .lazy()
            .with_row_index("__row", None)
            .filter(failed)
            .select([col("__row"), col(column)])
            .limit(3)
            .collect()?;
        let idx = rows.column("__row")?.idx()?;
        let values = rows.column(column)?.str()?;
        for (i, v) in idx.iter().zip(values.iter()) {
            examples.push((i.unwrap_or(0), v.unwrap_or_default().to_owned()));
        }
    }
    Ok(Failures {
        failed: failed_n,
        present: present_n,
        examples,
    })
}

#[cfg(test)]
mod tests;
