//! Measuring: the expressions the findings share (closed deals, placeholders, how a
//! record is named) and [`measure`], which counts many conditions over a table in one
//! pass; [`named_checks!`] names each result after its check, so that no result is
//! read by its position.

use polars::prelude::*;

use super::{FindingsError, MAX_EXAMPLES};

/// A deal that is closed: won or lost.
pub(crate) fn closed() -> Expr {
    col("outcome")
        .eq(lit("won"))
        .or(col("outcome").eq(lit("lost")))
}

/// A text value that is one of the placeholders (ignoring case and surrounding space),
/// or has no letter or digit at all ("-", "--", "?"). Computed once per distinct value.
pub(crate) fn is_placeholder(e: Expr, placeholders: &[String]) -> Expr {
    let list: Vec<String> = placeholders
        .iter()
        .map(|p| p.trim().to_lowercase())
        .collect();
    let list = Series::new("p".into(), list);
    crate::metrics::expr::per_distinct(e, DataType::Boolean, move |e| {
        let t = e.str().strip_chars(lit(NULL)).str().to_lowercase();
        t.clone()
            .is_in(lit(list.clone()).implode(false), false)
            .or(t.clone().str().contains(lit(r"[\p{L}\p{N}]"), false).not())
            .fill_null(lit(false))
    })
}

/// Empty (null) or a placeholder.
pub(crate) fn is_missing_text(e: Expr, placeholders: &[String]) -> Expr {
    e.clone().is_null().or(is_placeholder(e, placeholders))
}

/// How a record is named in examples: its id, else `file:line`.
pub(crate) fn record_ref() -> Expr {
    coalesce(&[
        col("id"),
        col("_file") + lit(":") + col("_line").cast(DataType::String),
    ])
}

/// A boolean column of `df`, nulls read as `default`; `default` when the column is absent
/// (tables built without the importer).
pub(crate) fn flag_or(df: &DataFrame, name: &str, default: bool) -> Expr {
    if df.column(name).is_ok() {
        col(name).fill_null(lit(default))
    } else {
        lit(default)
    }
}

/// One condition to count over a table.
pub(crate) struct Check {
    /// The records with the problem.
    pub cond: Expr,
    /// The records examined.
    pub of: Expr,
    /// How an example record is named.
    pub example: Expr,
}

impl Check {
    pub fn new(cond: Expr, of: Expr) -> Self {
        Check {
            cond,
            of,
            example: record_ref(),
        }
    }
}

impl Check {
    /// This check alone counted over `lf`.
    pub fn measure(self, lf: LazyFrame, stage: &'static str) -> Result<Measured, FindingsError> {
        let mut m = measure(lf, std::slice::from_ref(&self), stage)?;
        Ok(m.pop().expect("one result for one check"))
    }
}

/// A measured check.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Measured {
    pub count: u64,
    pub of: u64,
    pub examples: Vec<String>,
}

/// Counts every check over `lf` in one collect.
///
/// Each check's rows are a boolean column; only the first [`MAX_EXAMPLES`] rows of each
/// are named by its `example` expression (#11: naming every row of the table and
/// filtering the names, once per check, cost most of the findings' checks at a million
/// leads).
pub(crate) fn measure(
    lf: LazyFrame,
    checks: &[Check],
    stage: &'static str,
) -> Result<Vec<Measured>, FindingsError> {
    if checks.is_empty() {
        return Ok(Vec::new());
    }
    let mut flags = Vec::with_capacity(checks.len() * 2);
    // Conditions may be literals ("every record"): `_all` makes them one per row.
    let all = || col("_all");
    for (i, c) in checks.iter().enumerate() {
        let cond = c.cond.clone().fill_null(lit(false)).and(all());
        let of = c.of.clone().fill_null(lit(false)).and(all());
        flags.push(cond.and(of.clone()).alias(format!("_measure_n{i}")));
        flags.push(of.alias(format!("_measure_o{i}")));
    }
    let df = lf
        .with_column(lit(true).alias("_all"))
        .with_columns(flags)
        .collect()
        .map_err(FindingsError::polars(stage))?;
    let mut measured = Vec::with_capacity(checks.len());
    for (i, c) in checks.iter().enumerate() {
        let flag = |name: String| {
            df.column(&name)
                .and_then(|c| c.bool().cloned())
                .map_err(FindingsError::polars(stage))
        };
        let (hit, of) = (
            flag(format!("_measure_n{i}"))?,
            flag(format!("_measure_o{i}"))?,
        );
        let rows: Vec<IdxSize> = hit
            .iter()
            .enumerate()
            .filter(|(_, v)| *v == Some(true))
            .map(|(r, _)| r as IdxSize)
            .take(MAX_EXAMPLES)
            .collect();
        let examples = if rows.is_empty() {
            Vec::new()
        } else {
            let named = df
                .take(&IdxCa::from_vec("".into(), rows))
                .and_then(|d| {
                    d.lazy()
                        .select([c.example.clone().cast(DataType::String).alias("e")])
                        .collect()
                })
                .map_err(FindingsError::polars(stage))?;
            strings(&named, "e").into_iter().flatten().collect()
        };
        measured.push(Measured {
            count: hit.num_trues() as u64,
            of: of.num_trues() as u64,
            examples,
        });
    }
    Ok(measured)
}

/// The text values of a column, row by row.
pub(crate) fn strings(df: &DataFrame, name: &str) -> Vec<Option<String>> {
    match df.column(name).and_then(|c| c.cast(&DataType::String)) {
        Ok(c) => c
            .str()
            .map(|ca| ca.iter().map(|v| v.map(str::to_owned)).collect())
            .unwrap_or_default(),
        Err(_) => vec![None; df.height()],
    }
}

/// Declares a struct of checks measured in one pass, one field per check:
/// `named_checks!(Checks { variants, outcome })` declares `Checks<T>` and
/// `Checks<Check>::measure(lf, stage) -> Checks<Measured>`, so that each result is read
/// by the name of its check, never by its position.
macro_rules! named_checks {
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $field:ident),* $(,)? }) => {
        $(#[$m])*
        struct $name<T> {
            $($(#[$fm])* $field: T,)*
        }

        impl $name<$crate::findings::Check> {
            /// Every check counted in one pass, each result under its check's name.
            fn measure(
                self,
                lf: LazyFrame,
                stage: &'static str,
            ) -> Result<$name<$crate::findings::Measured>, $crate::findings::FindingsError> {
                let mut m = $crate::findings::measure(lf, &[$(self.$field),*], stage)?.into_iter();
                Ok($name {
                    $($field: m.next().expect("one result per check"),)*
                })
            }
        }
    };
}
pub(crate) use named_checks;
