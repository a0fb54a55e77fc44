//! What the content of the columns recognition asks about shows (values present, distinct
//! values), counted once over the whole file.

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

/// The [`ColumnFacts`] of the columns whose content recognition may look at, in one
/// query over `raw` (the file read as text, column `c{i}` for header `i`): the won-date
/// columns, and the id-like columns that could become a leads or deals file's record id
/// by their content (no column of that kind is the id by its name, and no field took
/// this one). Counting the distinct values of every id-like column would cost a hash of
/// every value (#11), for columns such as "Activity ID" that recognition never asks
/// about; the others are `None`.
pub fn content_facts(
    raw: &DataFrame,
    headers: &[String],
) -> PolarsResult<Vec<Option<ColumnFacts>>> {
    let mut out = vec![None; headers.len()];
    let all_words: Vec<Vec<String>> = headers.iter().map(|h| words(h)).collect();
    // The columns each kind that may take an id by content leaves free, when no column
    // is its id by name (the readings by name do not depend on the facts).
    let free: Vec<Vec<bool>> = [Kind::Leads, Kind::Deals]
        .into_iter()
        .map(|k| read_with_words(k, headers, &all_words, &[]).columns)
        .filter(|columns| !columns.contains(&Some("id")))
        .map(|columns| columns.iter().map(Option::is_none).collect())
        .collect();
    let wanted: Vec<usize> = headers
        .iter()
        .enumerate()
        .filter(|&(i, h)| {
            let w = Words(&all_words[i]);
            w.is_id() || (w.is_temporal() && w.has("won")) || h.trim() == "#"
        })
        .map(|(i, _)| i)
        .take(FACTS_MAX)
        .filter(|&i| {
            let w = Words(&all_words[i]);
            (w.is_temporal() && w.has("won")) || free.iter().any(|f| f[i])
        })
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
