//! What the content of the columns recognition asks about shows (values present, whether
//! any repeats), counted once over the whole file.

use super::*;

/// What the content of a column says, for the columns whose name could be an id or a
/// won date (see [`content_facts`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnFacts {
    /// Values present.
    pub filled: usize,
    /// No value present repeats. Only this is known, not how many distinct values
    /// there are: the count stops at the first repeat (#11).
    pub all_different: bool,
    /// Records.
    pub rows: usize,
}

impl ColumnFacts {
    /// Every record has a value, and no value repeats.
    pub fn unique(&self) -> bool {
        self.rows > 0 && self.filled == self.rows && self.all_different
    }

    /// The facts of one text column: its values are trimmed, and empty ones do not
    /// count as present.
    ///
    /// Most id-like columns that are not unique (a contact id on each of its
    /// activities) repeat a value within their first records, found with a hash set of
    /// those; only a column without a repeat there is counted whole, by Polars (#11).
    pub fn of(values: &StringChunked) -> PolarsResult<ColumnFacts> {
        let trimmed = || {
            values
                .iter()
                .flatten()
                .map(crate::metrics::expr::trim)
                .filter(|v| !v.is_empty())
        };
        let filled = trimmed().count();
        let mut seen: PlHashSet<&str> = PlHashSet::with_capacity(REPEAT_WINDOW);
        let repeats_early = !trimmed().take(REPEAT_WINDOW).all(|v| seen.insert(v));
        let all_different = if repeats_early {
            false
        } else if filled <= REPEAT_WINDOW || strictly_ordered(trimmed()) {
            true
        } else {
            let text = values.clone().into_series().into_column();
            let t = DataFrame::new(values.len(), vec![text])?
                .lazy()
                .select([col(values.name().clone())
                    .str()
                    .strip_chars(lit(NULL))
                    .alias("v")])
                .filter(col("v").neq(lit("")))
                .select([col("v").n_unique().alias("d")])
                .collect()?;
            let distinct = t.column("d")?.get(0)?.extract::<u64>().unwrap_or(0) as usize;
            distinct == filled
        };
        Ok(ColumnFacts {
            filled,
            all_different,
            rows: values.len(),
        })
    }
}

/// Whether the values are in strictly ascending or descending order, by their text or
/// by their length then text (numbers without leading zeros): then no value repeats.
/// Exports are often sorted by their record id, and this needs no hash (#11).
fn strictly_ordered<'a>(values: impl Iterator<Item = &'a str>) -> bool {
    use std::cmp::Ordering;
    let shortlex = |a: &str, b: &str| a.len().cmp(&b.len()).then_with(|| a.cmp(b));
    // Ascending and descending, by text and by length then text.
    let mut still = [true; 4];
    let mut previous: Option<&str> = None;
    for v in values {
        if let Some(p) = previous {
            let (text, short) = (p.cmp(v), shortlex(p, v));
            still[0] &= text == Ordering::Less;
            still[1] &= text == Ordering::Greater;
            still[2] &= short == Ordering::Less;
            still[3] &= short == Ordering::Greater;
            if still == [false; 4] {
                return false;
            }
        }
        previous = Some(v);
    }
    true
}

/// How many values of a column are looked at for a repeat before the whole column is
/// counted.
const REPEAT_WINDOW: usize = 1 << 16;

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
    use rayon::prelude::*;
    let facts: Vec<(usize, ColumnFacts)> = wanted
        .into_par_iter()
        .map(|i| {
            let column = raw.column(&format!("c{i}"))?;
            Ok((i, ColumnFacts::of(column.str()?)?))
        })
        .collect::<PolarsResult<_>>()?;
    for (i, f) in facts {
        out[i] = Some(f);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(values: &[Option<&str>]) -> ColumnFacts {
        ColumnFacts::of(&StringChunked::new("c".into(), values)).unwrap()
    }

    #[test]
    fn a_column_is_unique_when_every_record_has_a_value_none_repeated() {
        let f = facts(&[Some("3"), Some(" 1 "), Some("2")]);
        assert_eq!((f.filled, f.all_different, f.rows), (3, true, 3));
        assert!(f.unique());
        // Trimmed before comparing; an empty value is not present.
        let f = facts(&[Some("1"), Some(" 1"), Some("  "), None]);
        assert_eq!((f.filled, f.all_different, f.rows), (2, false, 4));
        assert!(!facts(&[Some("1"), None]).unique());
    }

    #[test]
    fn long_columns_are_counted_whole_unless_ordered() {
        let n = REPEAT_WINDOW + 10;
        // Ascending as numbers (not as text: "10" < "9").
        let ascending: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
        let ca = StringChunked::from_iter_values("c".into(), ascending.iter().map(String::as_str));
        assert!(strictly_ordered(ascending.iter().map(String::as_str)));
        assert!(ColumnFacts::of(&ca).unwrap().unique());
        // Shuffled (unordered), unique: counted by Polars.
        let mut shuffled = ascending.clone();
        shuffled.swap(0, n - 1);
        shuffled.swap(5, n / 2);
        assert!(!strictly_ordered(shuffled.iter().map(String::as_str)));
        let ca = StringChunked::from_iter_values("c".into(), shuffled.iter().map(String::as_str));
        assert!(ColumnFacts::of(&ca).unwrap().unique());
        // A repeat past the first values is found too.
        let mut repeated = shuffled.clone();
        repeated[n - 2] = repeated[3].clone();
        let ca = StringChunked::from_iter_values("c".into(), repeated.iter().map(String::as_str));
        let f = ColumnFacts::of(&ca).unwrap();
        assert_eq!((f.filled, f.all_different), (n, false));
        // A descending column with one repeat is not ordered strictly.
        assert!(!strictly_ordered(["9", "8", "8", "7"].into_iter()));
        assert!(strictly_ordered(["b", "a"].into_iter()));
    }
}
