//! Reading the tables into columns of shared values: texts, numbers, dates, bands,
//! quintiles, the free-mail flag, and the unmapped columns of a file.

use super::*;

/// `rule` applied once per distinct input of `values` (the rules lowercase and split
/// text; a million records hold a few thousand titles).
pub(super) fn per_distinct(
    values: &[Value],
    rule: impl Fn(Option<&str>) -> Option<String>,
) -> Vec<Value> {
    let mut memo: HashMap<&str, Value> = HashMap::default();
    let mut out_of_none: Option<Value> = None;
    values
        .iter()
        .map(|v| match v.as_deref() {
            Some(t) => memo
                .entry(t)
                .or_insert_with(|| rule(Some(t)).map(Arc::from))
                .clone(),
            None => out_of_none
                .get_or_insert_with(|| rule(None).map(Arc::from))
                .clone(),
        })
        .collect()
}

pub(super) fn texts(df: &DataFrame, name: &str) -> PolarsResult<Vec<Value>> {
    let Ok(c) = df.column(name) else {
        return Ok(vec![None; df.height()]);
    };
    let s = c.as_materialized_series().cast(&DataType::String)?;
    // Each distinct text allocated once, keyed by the column's own bytes.
    let mut seen: HashMap<&str, Arc<str>> = HashMap::default();
    Ok(s.str()?
        .iter()
        .map(|v| {
            let v = v?.trim();
            (!v.is_empty()).then(|| seen.entry(v).or_insert_with(|| Arc::from(v)).clone())
        })
        .collect())
}

/// Whether each record's email is at a free-mail domain ("yes" / "no"), by
/// [`rules::free_mail`], worked out once per domain (the distinct domains on all cores).
pub(super) fn free_mail_flags(df: &DataFrame) -> PolarsResult<Vec<Value>> {
    let Ok(c) = df.column("email") else {
        return Ok(vec![None; df.height()]);
    };
    let s = c.as_materialized_series().cast(&DataType::String)?;
    let mut index: HashMap<&str, u32> = HashMap::default();
    let mut domains: Vec<&str> = Vec::new();
    let of_row: Vec<Option<u32>> = s
        .str()?
        .iter()
        .map(|v| {
            let (_, domain) = v?.trim().rsplit_once('@')?;
            Some(*index.entry(domain).or_insert_with(|| {
                domains.push(domain);
                (domains.len() - 1) as u32
            }))
        })
        .collect();
    let (yes, no): (Arc<str>, Arc<str>) = (Arc::from("yes"), Arc::from("no"));
    let flags: Vec<Value> = domains
        .par_iter()
        .map(|d| {
            rules::free_mail_domain(d).map(|f| if f == "yes" { yes.clone() } else { no.clone() })
        })
        .collect();
    Ok(of_row
        .into_iter()
        .map(|d| d.and_then(|d| flags[d as usize].clone()))
        .collect())
}

pub(super) fn numbers(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<f64>>> {
    let Ok(c) = df.column(name) else {
        return Ok(vec![None; df.height()]);
    };
    let s = c.as_materialized_series().cast(&DataType::Float64)?;
    Ok(s.f64()?.iter().collect())
}

pub(super) fn bools(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<bool>>> {
    let Ok(c) = df.column(name) else {
        return Ok(vec![None; df.height()]);
    };
    let s = c.as_materialized_series().cast(&DataType::Boolean)?;
    Ok(s.bool()?.iter().collect())
}

/// A date or timestamp column as ms since the epoch.
pub(super) fn millis(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<i64>>> {
    let Ok(c) = df.column(name) else {
        return Ok(vec![None; df.height()]);
    };
    let s = c.as_materialized_series();
    let scale: Box<dyn Fn(i64) -> i64> = match s.dtype() {
        DataType::Date => Box::new(|d| d * MS_PER_DAY),
        DataType::Datetime(TimeUnit::Milliseconds, _) => Box::new(|v| v),
        DataType::Datetime(TimeUnit::Microseconds, _) => Box::new(|v| v / 1_000),
        DataType::Datetime(TimeUnit::Nanoseconds, _) => Box::new(|v| v / 1_000_000),
        _ => return Ok(vec![None; df.height()]),
    };
    let phys = s.to_physical_repr().cast(&DataType::Int64)?;
    Ok(phys.i64()?.iter().map(|v| v.map(&scale)).collect())
}

/// Quintile bins of a number column, as levels ("40–60").
pub(super) fn quintiles(values: &[Option<f64>]) -> Vec<Value> {
    let mut sorted: Vec<f64> = values
        .iter()
        .flatten()
        .copied()
        .filter(|v| v.is_finite())
        .collect();
    if sorted.is_empty() {
        return vec![None; values.len()];
    }
    sorted.sort_by(f64::total_cmp);
    let mut edges: Vec<f64> = (1..5).map(|q| sorted[(sorted.len() - 1) * q / 5]).collect();
    edges.dedup();
    let (lo, hi) = (sorted[0], sorted[sorted.len() - 1]);
    let fmt = |v: f64| crate::format::number(v);
    let labels: Vec<Arc<str>> = (0..=edges.len())
        .map(|i| {
            let from = if i == 0 { lo } else { edges[i - 1] };
            let to = if i == edges.len() { hi } else { edges[i] };
            Arc::from(if i == 0 {
                format!("up to {}", fmt(to))
            } else {
                format!("over {} to {}", fmt(from), fmt(to))
            })
        })
        .collect();
    values
        .iter()
        .map(|v| {
            let v = (*v).filter(|v| v.is_finite())?;
            let i = edges.iter().position(|&e| v <= e).unwrap_or(edges.len());
            Some(labels[i].clone())
        })
        .collect()
}

/// The text column `field` of `df` as levels when it has few distinct values, else as
/// filled / empty ([`as_column`] on [`texts`], without keeping a million distinct texts
/// only to drop them).
pub(super) fn text_column(
    df: &DataFrame,
    field: &str,
    name: &str,
    origin: &str,
    feature: bool,
) -> PolarsResult<Column> {
    let Ok(c) = df.column(field) else {
        return Ok(as_column(name, origin, vec![None; df.height()], feature));
    };
    let filled: Arc<str> = Arc::from("filled");
    let filled_or_empty = |values: Vec<Value>| Column {
        name: name.to_owned(),
        origin: origin.to_owned(),
        values,
        levels: false,
        feature: false,
    };
    // Timestamps and numbers with many distinct values are filled / empty: counted on
    // their own values, never written out as a million texts only to be dropped.
    if !matches!(c.dtype(), DataType::String)
        && c.n_unique()? - usize::from(c.null_count() > 0) > crate::ingest::EXTRA_MAX_LEVELS
    {
        let nulls = c.is_null();
        return Ok(filled_or_empty(
            nulls
                .iter()
                .map(|null| (null == Some(false)).then(|| filled.clone()))
                .collect(),
        ));
    }
    let s = c.as_materialized_series().cast(&DataType::String)?;
    let ca = s.str()?;
    let filled_values = || {
        ca.iter()
            .map(|v| v.map(str::trim).filter(|v| !v.is_empty()))
    };
    let mut seen: HashMap<&str, Arc<str>> = HashMap::default();
    let mut values = Vec::with_capacity(ca.len());
    for v in filled_values() {
        values.push(v.map(|v| seen.entry(v).or_insert_with(|| Arc::from(v)).clone()));
        if seen.len() > crate::ingest::EXTRA_MAX_LEVELS {
            return Ok(filled_or_empty(
                filled_values().map(|v| v.map(|_| filled.clone())).collect(),
            ));
        }
    }
    Ok(as_column(name, origin, values, feature))
}

/// How many distinct values `values` holds (nulls left out), when that is at most `max`;
/// `None` when it is more: counting stops there, so a column of a million names is not
/// put whole into a set only to learn it has more than 50 (#11).
fn distinct_up_to(values: &[Value], max: usize) -> Option<usize> {
    let mut seen: PlHashSet<&str> = PlHashSet::new();
    for v in values.iter().flatten() {
        if seen.insert(&**v) && seen.len() > max {
            return None;
        }
    }
    Some(seen.len())
}

/// A column as levels when it has few distinct values, else as filled / empty.
pub(super) fn as_column(name: &str, origin: &str, values: Vec<Value>, feature: bool) -> Column {
    counted_column(name, origin, values, feature).0
}

/// [`as_column`], and how many distinct values it holds when it is levels.
fn counted_column(
    name: &str,
    origin: &str,
    values: Vec<Value>,
    feature: bool,
) -> (Column, Option<usize>) {
    let distinct = distinct_up_to(&values, crate::ingest::EXTRA_MAX_LEVELS);
    let levels = distinct.is_some();
    let values = if levels {
        values
    } else {
        let filled: Arc<str> = Arc::from("filled");
        values
            .into_iter()
            .map(|v| v.map(|_| filled.clone()))
            .collect()
    };
    let column = Column {
        name: name.to_owned(),
        origin: origin.to_owned(),
        values,
        levels,
        feature: feature && levels,
    };
    (column, distinct)
}

/// An unmapped column over a whole table: header, file, whether it holds levels, values.
pub(super) type Unmapped = (String, String, bool, Vec<Value>);

/// The unmapped columns of `kind`, each as long as the table, by header.
pub(super) fn extras_of(
    import: &Import,
    kind: Kind,
    table: &DataFrame,
) -> PolarsResult<Vec<Unmapped>> {
    // The table's runs of rows from one file, in order (the file names read in place).
    let mut runs: Vec<(String, usize, usize)> = Vec::new();
    if let Ok(c) = table.column("_file") {
        let files = c.as_materialized_series().cast(&DataType::String)?;
        for (i, f) in files.str()?.iter().enumerate() {
            let f = f.map(str::trim).unwrap_or_default();
            match runs.last_mut() {
                Some((name, _, len)) if name == f => *len += 1,
                _ => runs.push((f.to_owned(), i, 1)),
            }
        }
    } else if table.height() > 0 {
        runs.push((String::new(), 0, table.height()));
    }
    // The extras of one read of a file: consecutive, a header seen again starts the next.
    let mut groups: Vec<(String, Vec<&ExtraColumn>)> = Vec::new();
    for e in import.extras.iter().filter(|e| e.kind == kind) {
        match groups.last_mut() {
            Some((file, cols)) if *file == e.file && !cols.iter().any(|c| c.header == e.header) => {
                cols.push(e)
            }
            _ => groups.push((e.file.clone(), vec![e])),
        }
    }
    let mut out: BTreeMap<String, (String, bool, Vec<Value>)> = BTreeMap::new();
    let mut interners: HashMap<&str, HashMap<&str, Arc<str>>> = HashMap::default();
    // Rows of each run already given to a read: two files of one name (contacts.csv of
    // two quarters) read one after the other make one run.
    let mut used = vec![0usize; runs.len()];
    for (file, cols) in groups {
        let len = cols[0].values.len();
        let Some(r) = (0..runs.len()).find(|&r| runs[r].0 == file && runs[r].2 - used[r] >= len)
        else {
            continue;
        };
        let start = runs[r].1 + used[r];
        used[r] += len;
        for c in cols {
            let entry = out
                .entry(c.header.clone())
                .or_insert_with(|| (file.clone(), true, vec![None; table.height()]));
            entry.1 &= c.levels;
            let s = c.values.str()?;
            let seen = interners.entry(c.header.as_str()).or_default();
            for (k, v) in s.iter().enumerate().take(len) {
                entry.2[start + k] =
                    v.map(|v| seen.entry(v).or_insert_with(|| Arc::from(v)).clone());
            }
        }
    }
    Ok(out.into_iter().map(|(h, (f, l, v))| (h, f, l, v)).collect())
}

pub(super) fn extra_columns(
    import: &Import,
    kind: Kind,
    table: &DataFrame,
    prefix: &str,
) -> PolarsResult<Vec<Column>> {
    Ok(extras_of(import, kind, table)?
        .into_iter()
        .map(|(header, file, levels, values)| {
            let name = format!("{prefix}{header}");
            let (mut c, distinct) =
                counted_column(&name, &format!("{file}, not mapped"), values, true);
            if !levels {
                c.levels = false;
                c.feature = false;
            }
            // Counted exactly up to EXTRA_MAX_LEVELS, which FEATURE_MAX_LEVELS is below.
            const _: () = assert!(FEATURE_MAX_LEVELS <= crate::ingest::EXTRA_MAX_LEVELS);
            c.feature &= distinct.is_some_and(|n| n > 1 && n <= FEATURE_MAX_LEVELS);
            c
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_values_are_counted_up_to_the_limit() {
        let v = |s: &[Option<&str>]| -> Vec<Value> { s.iter().map(|x| x.map(Arc::from)).collect() };
        let three = v(&[Some("a"), None, Some("b"), Some("a"), Some("c"), None]);
        assert_eq!(distinct_up_to(&three, 3), Some(3), "nulls are not values");
        assert_eq!(distinct_up_to(&three, 5), Some(3));
        assert_eq!(distinct_up_to(&three, 2), None, "one more than the limit");
        assert_eq!(distinct_up_to(&v(&[None, None]), 0), Some(0));
        assert_eq!(distinct_up_to(&v(&[Some("x")]), 0), None);
    }
}
