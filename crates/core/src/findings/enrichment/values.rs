//! The distinct values of the fields item 4 reads, counted once per table: which are
//! placeholders and which are variants of a more common value.

use super::*;

/// A value written several ways: the most common spelling and the others.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Group {
    pub(super) canonical: String,
    pub(super) canonical_count: u64,
    pub(super) variants: Vec<(String, u64)>,
}

/// Distinct values per (table, field) with their counts.
pub(super) struct ValueCounts {
    pub(super) map: BTreeMap<(Kind, String), Vec<(String, u64)>>,
}

impl ValueCounts {
    pub(super) fn get(&self, kind: Kind, field: &str) -> &[(String, u64)] {
        self.map
            .get(&(kind, field.to_owned()))
            .map_or(&[][..], |v| v.as_slice())
    }

    pub(super) fn placeholders(
        &self,
        kind: Kind,
        field: &str,
        ph: &[String],
    ) -> Vec<(String, u64)> {
        self.get(kind, field)
            .iter()
            .filter(|(v, _)| is_placeholder_value(v, ph))
            .cloned()
            .collect()
    }

    pub(super) fn real_values(&self, kind: Kind, field: &str, ph: &[String]) -> Vec<(String, u64)> {
        self.get(kind, field)
            .iter()
            .filter(|(v, _)| !is_placeholder_value(v, ph))
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

/// The Rust twin of [`is_placeholder`].
pub(crate) fn is_placeholder_value(v: &str, ph: &[String]) -> bool {
    Placeholders::new(ph).matches(v)
}

/// The placeholders trimmed and lower-cased once, for testing many values
/// ([`is_placeholder_value`] for each).
pub(crate) struct Placeholders(Vec<String>);

impl Placeholders {
    pub(crate) fn new(ph: &[String]) -> Self {
        Placeholders(ph.iter().map(|p| p.trim().to_lowercase()).collect())
    }

    /// Whether `v` is a placeholder (or holds no letter or digit).
    pub(crate) fn matches(&self, v: &str) -> bool {
        let t = v.trim().to_lowercase();
        self.0.contains(&t) || !t.chars().any(char::is_alphanumeric)
    }
}

/// One pass over every table: the distinct values of every field read here (and the
/// leads' email domains) with their counts.
pub(super) fn value_counts(tables: &[(Kind, &DataFrame)]) -> Result<ValueCounts, FindingsError> {
    let mut frames = Vec::new();
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
                        lit("_email_domain").alias("field"),
                    ]),
            );
        }
    }
    let mut map: BTreeMap<(Kind, String), Vec<(String, u64)>> = BTreeMap::new();
    if frames.is_empty() {
        return Ok(ValueCounts { map });
    }
    let all = concat(frames, UnionArgs::default())
        .and_then(|lf| {
            lf.select([col("table"), col("field"), col("value"), col("n")])
                .collect()
        })
        .map_err(FindingsError::polars(STAGE))?;
    let t = strings(&all, "table");
    let f = strings(&all, "field");
    let v = strings(&all, "value");
    let n: Vec<u64> = all
        .column("n")
        .and_then(|c| c.u64().cloned())
        .map(|ca| ca.iter().map(|x| x.unwrap_or(0)).collect())
        .unwrap_or_default();
    for i in 0..all.height() {
        let (Some(t), Some(f), Some(v)) = (&t[i], &f[i], &v[i]) else {
            continue;
        };
        let Ok(kind) = t.parse::<Kind>() else {
            continue;
        };
        map.entry((kind, f.clone()))
            .or_default()
            .push((v.clone(), n[i]));
    }
    for values in map.values_mut() {
        values.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    }
    Ok(ValueCounts { map })
}
