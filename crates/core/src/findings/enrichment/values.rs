//! The distinct values of the fields item 4 reads, counted once per table: which are
//! placeholders and which are variants of a more common value.

use std::collections::HashMap;

use super::*;

/// A value written several ways: the most common spelling and the others.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Group {
    pub(super) canonical: String,
    pub(super) canonical_count: u64,
    pub(super) variants: Vec<(String, u64)>,
}

/// Distinct values per (table, field) with their counts, most common first (then by
/// value).
pub(super) struct ValueCounts {
    /// Every distinct value, of the fields whose every value is read: the categorical
    /// fields, industry and the leads' email domains.
    map: BTreeMap<(Kind, String), Vec<(String, u64)>>,
    /// The placeholder values ([`Placeholders::matches`]) of every field counted. Names,
    /// emails and phones have about as many distinct values as records, and only their
    /// placeholders are asked about (#11: each lookup re-tested every distinct value).
    placeholders: BTreeMap<(Kind, String), Vec<(String, u64)>>,
}

impl ValueCounts {
    pub(super) fn get(&self, kind: Kind, field: &str) -> &[(String, u64)] {
        self.map
            .get(&(kind, field.to_owned()))
            .map_or(&[][..], |v| v.as_slice())
    }

    pub(super) fn placeholders(&self, kind: Kind, field: &str) -> Vec<(String, u64)> {
        self.placeholders
            .get(&(kind, field.to_owned()))
            .cloned()
            .unwrap_or_default()
    }

    /// The values that are not placeholders (of a field whose every value is kept).
    pub(super) fn real_values(&self, kind: Kind, field: &str, ph: &[String]) -> Vec<(String, u64)> {
        let placeholders = Placeholders::new(ph);
        self.get(kind, field)
            .iter()
            .filter(|(v, _)| !placeholders.matches(v))
            .cloned()
            .collect()
    }

    pub(super) fn variants(&self, kind: Kind, field: &str, ph: &[String]) -> Vec<Group> {
        let mut by_key: BTreeMap<String, Vec<(String, u64)>> = BTreeMap::new();
        for (v, n) in self.real_values(kind, field, ph) {
            let k: String = fold(&v).chars().filter(|c| c.is_alphanumeric()).collect();
            by_key.entry(k).or_default().push((v, n));
        }
        let mut groups: Vec<Group> = by_key
            .into_values()
            .filter(|g| g.len() > 1)
            .map(|mut g| {
                g.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                Group {
                    canonical: g[0].0.clone(),
                    canonical_count: g[0].1,
                    variants: g[1..].to_vec(),
                }
            })
            .collect();
        groups.sort_by(|a, b| {
            let na: u64 = a.variants.iter().map(|v| v.1).sum();
            let nb: u64 = b.variants.iter().map(|v| v.1).sum();
            nb.cmp(&na).then(a.canonical.cmp(&b.canonical))
        });
        groups
    }
}

/// The Rust twin of [`is_placeholder`]: the placeholders trimmed and lower-cased once,
/// for testing many values.
pub(crate) struct Placeholders(Vec<String>);

impl Placeholders {
    pub(crate) fn new(ph: &[String]) -> Self {
        Placeholders(ph.iter().map(|p| p.trim().to_lowercase()).collect())
    }

    /// Whether `v` is a placeholder (or holds no letter or digit).
    pub(crate) fn matches(&self, v: &str) -> bool {
        let t = crate::metrics::expr::trim(v);
        if t.is_ascii() {
            // The same test without lower-casing into a new string: the placeholders are
            // lower case, so an ASCII value equals one lower-cased exactly when it equals
            // it ignoring ASCII case.
            return !t.bytes().any(|b| b.is_ascii_alphanumeric())
                || self.0.iter().any(|p| p.eq_ignore_ascii_case(t));
        }
        let t = t.to_lowercase();
        self.0.contains(&t) || !t.chars().any(char::is_alphanumeric)
    }
}

/// One pass over every table: the distinct values of every field read here (and the
/// leads' email domains) with their counts; of the fields whose values are only tested
/// for placeholders, only the placeholders are kept.
pub(super) fn value_counts(
    tables: &[(Kind, &DataFrame)],
    ph: &[String],
) -> Result<ValueCounts, FindingsError> {
    let mut frames = Vec::new();
    // The fields whose values are only tested for placeholders.
    let mut tested: Vec<(Kind, &DataFrame, &str)> = Vec::new();
    for &(kind, df) in tables {
        let mut fields: Vec<&str> = Vec::new();
        for (k, fs) in PLACEHOLDER_FIELDS.iter().chain(CATEGORICAL_FIELDS.iter()) {
            if *k == kind {
                for f in fs.iter() {
                    if !fields.contains(f) {
                        fields.push(f);
                    }
                }
            }
        }
        for field in fields {
            if df.column(field).is_err() {
                continue;
            }
            if !keeps_every_value(kind, field) {
                tested.push((kind, df, field));
                continue;
            }
            frames.push(
                df.clone()
                    .lazy()
                    .select([col(field).cast(DataType::String).alias("value")])
                    .filter(col("value").is_not_null())
                    .group_by([col("value")])
                    .agg([len().cast(DataType::UInt64).alias("n")])
                    .with_columns([lit(kind.as_str()).alias("table"), lit(field).alias("field")]),
            );
        }
        if kind == Kind::Leads && df.column("email").is_ok() {
            frames.push(
                df.clone()
                    .lazy()
                    .select([domain_of_email().alias("value")])
                    .filter(col("value").is_not_null())
                    .group_by([col("value")])
                    .agg([len().cast(DataType::UInt64).alias("n")])
                    .with_columns([
                        lit(kind.as_str()).alias("table"),
                        lit(EMAIL_DOMAIN).alias("field"),
                    ]),
            );
        }
    }
    let placeholders = Placeholders::new(ph);
    let mut counts = ValueCounts {
        map: BTreeMap::new(),
        placeholders: placeholder_counts(&tested, &placeholders)?,
    };
    if frames.is_empty() {
        return Ok(counts);
    }
    let all = concat(frames, UnionArgs::default())
        .and_then(|lf| {
            lf.select([col("table"), col("field"), col("value"), col("n")])
                .collect()
        })
        .map_err(FindingsError::polars(STAGE))?;
    let text = |name: &str| {
        all.column(name)
            .and_then(|c| c.str().cloned())
            .map_err(FindingsError::polars(STAGE))
    };
    let (t, f, v) = (text("table")?, text("field")?, text("value")?);
    let n = all
        .column("n")
        .and_then(|c| c.u64().cloned())
        .map_err(FindingsError::polars(STAGE))?;
    // Per (table, field): every value.
    let mut kept: HashMap<(&str, &str), Vec<(String, u64)>> = HashMap::new();
    for (((t, f), v), n) in t.iter().zip(f.iter()).zip(v.iter()).zip(n.iter()) {
        let (Some(t), Some(f), Some(v)) = (t, f, v) else {
            continue;
        };
        kept.entry((t, f))
            .or_default()
            .push((v.to_owned(), n.unwrap_or(0)));
    }
    for ((t, f), mut values) in kept {
        let Ok(kind) = t.parse::<Kind>() else {
            continue;
        };
        values.sort_by(most_common_first);
        let key = (kind, f.to_owned());
        let marked: Vec<(String, u64)> = values
            .iter()
            .filter(|(v, _)| placeholders.matches(v))
            .cloned()
            .collect();
        counts.placeholders.insert(key.clone(), marked);
        counts.map.insert(key, values);
    }
    Ok(counts)
}

/// Whether every distinct value of a field is counted: the categorical fields, industry
/// (and the leads' email domains); of the others only the placeholders.
fn keeps_every_value(kind: Kind, field: &str) -> bool {
    field == EMAIL_DOMAIN
        || field == "industry"
        || CATEGORICAL_FIELDS
            .iter()
            .any(|(k, fs)| *k == kind && fs.contains(&field))
}

/// Values with their counts, most common first.
type Counted = Vec<(String, u64)>;

fn most_common_first(a: &(String, u64), b: &(String, u64)) -> std::cmp::Ordering {
    b.1.cmp(&a.1).then(a.0.cmp(&b.0))
}

/// The placeholder values of each field (most common first), counted row by row: names,
/// emails and phones have about as many distinct values as records, so grouping them
/// all to keep a handful cost most of a second at a million leads (#11). A field with
/// values but no placeholder gets an empty list.
fn placeholder_counts(
    fields: &[(Kind, &DataFrame, &str)],
    placeholders: &Placeholders,
) -> Result<BTreeMap<(Kind, String), Counted>, FindingsError> {
    use rayon::prelude::*;
    let counted: Vec<Option<((Kind, String), Counted)>> = fields
        .par_iter()
        .map(|&(kind, df, field)| {
            let column = df.column(field)?.cast(&DataType::String)?;
            let mut found: HashMap<&str, u64> = HashMap::new();
            let mut any = false;
            for v in column.str()?.iter().flatten() {
                any = true;
                if placeholders.matches(v) {
                    *found.entry(v).or_default() += 1;
                }
            }
            let mut values: Vec<(String, u64)> =
                found.into_iter().map(|(v, n)| (v.to_owned(), n)).collect();
            values.sort_by(most_common_first);
            Ok(any.then(|| ((kind, field.to_owned()), values)))
        })
        .collect::<PolarsResult<_>>()
        .map_err(FindingsError::polars(STAGE))?;
    Ok(counted.into_iter().flatten().collect())
}

/// The pseudo-field of the leads' email domains in [`ValueCounts`].
pub(super) const EMAIL_DOMAIN: &str = "_email_domain";
