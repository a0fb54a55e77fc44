//! What the content of each column shows (unique values, numbers, dates, emails), read
//! once from a sample and used by recognition.

use super::*;

/// What the content of a column says, for the columns whose name could be an id or a
/// won date (see [`content_facts`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnFacts {
    /// Values present.
    pub filled: usize,
    /// Distinct values present.
    pub distinct: usize,
    /// Records.
    pub rows: usize,
}

impl ColumnFacts {
    /// Every record has a value, and no value repeats.
    pub fn unique(&self) -> bool {
        self.rows > 0 && self.filled == self.rows && self.distinct == self.filled
    }
}

/// Most columns whose content is looked at (the leftmost id-like ones).
pub(super) const FACTS_MAX: usize = 64;

/// The [`ColumnFacts`] of the id-like and date-like columns of `raw` (the file read as
/// text, column `c{i}` for header `i`), in one query.
pub fn content_facts(
    raw: &DataFrame,
    headers: &[String],
) -> PolarsResult<Vec<Option<ColumnFacts>>> {
    let mut out = vec![None; headers.len()];
    let wanted: Vec<usize> = headers
        .iter()
        .enumerate()
        .filter(|(_, h)| {
            let ws = words(h);
            let w = Words(&ws);
            w.is_id() || (w.is_temporal() && w.has("won")) || h.trim() == "#"
        })
        .map(|(i, _)| i)
        .take(FACTS_MAX)
        .collect();
    if wanted.is_empty() || raw.height() == 0 {
        return Ok(out);
    }
    let mut exprs = Vec::new();
    for &i in &wanted {
        let name = format!("c{i}");
        let t = col(name.as_str()).str().strip_chars(lit(NULL));
        let v = when(t.clone().eq(lit("")))
            .then(lit(NULL).cast(DataType::String))
            .otherwise(t);
        exprs.push(v.clone().count().alias(format!("f{i}")));
        exprs.push(v.drop_nulls().n_unique().alias(format!("d{i}")));
    }
    let stats = raw.clone().lazy().select(exprs).collect()?;
    let get = |name: String| -> usize {
        stats
            .column(&name)
            .ok()
            .and_then(|c| c.get(0).ok())
            .and_then(|v| v.extract::<u64>())
            .unwrap_or(0) as usize
    };
    for i in wanted {
        out[i] = Some(ColumnFacts {
            filled: get(format!("f{i}")),
            distinct: get(format!("d{i}")),
            rows: raw.height(),
        });
    }
    Ok(out)
}
