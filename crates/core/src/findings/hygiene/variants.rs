//! Variant stage labels: the labels of the deals grouped into variants of one another
//! (the same outcome, or keys one or two letters apart), for `stage_label_variants`.

use super::*;

/// A set of labels for one stage: the most used and its variants.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantGroup {
    pub canonical: String,
    pub canonical_count: u64,
    /// Other labels and how many deals carry each.
    pub variants: Vec<(String, u64)>,
}

/// The stage labels of the deals, grouped into variants of one another.
pub fn stage_variants(deals: &DataFrame) -> Result<Vec<VariantGroup>, FindingsError> {
    let counts = deals
        .clone()
        .lazy()
        .filter(col("stage").is_not_null())
        .group_by([col("stage"), col("outcome")])
        .agg([len().cast(DataType::UInt64).alias("n")])
        .collect()
        .map_err(FindingsError::polars(STAGE))?;
    let labels = strings(&counts, "stage");
    let outcomes = strings(&counts, "outcome");
    let ns: Vec<u64> = counts
        .column("n")
        .and_then(|c| c.u64().cloned())
        .map(|ca| ca.iter().map(|v| v.unwrap_or(0)).collect())
        .unwrap_or_default();
    // Per label: its deals and its majority outcome.
    let mut per_label: BTreeMap<String, (u64, BTreeMap<String, u64>)> = BTreeMap::new();
    for ((l, o), n) in labels.into_iter().zip(outcomes).zip(ns) {
        let Some(l) = l else { continue };
        let e = per_label.entry(l).or_default();
        e.0 += n;
        *e.1.entry(o.unwrap_or_default()).or_default() += n;
    }
    let entries: Vec<(String, u64, String)> = per_label
        .into_iter()
        .map(|(l, (n, by))| {
            let outcome = by
                .into_iter()
                .max_by_key(|(o, n)| (*n, std::cmp::Reverse(o.clone())))
                .map(|(o, _)| o)
                .unwrap_or_default();
            (l, n, outcome)
        })
        .collect();
    Ok(group_labels(&entries))
}

/// Groups labels: closed labels by outcome (every label meaning won is a variant of
/// every other), others by key or a near key.
pub fn group_labels(entries: &[(String, u64, String)]) -> Vec<VariantGroup> {
    let n = entries.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let keys: Vec<String> = entries.iter().map(|(l, _, _)| label_key(l)).collect();
    for i in 0..n {
        for j in i + 1..n {
            let (oi, oj) = (&entries[i].2, &entries[j].2);
            let closed_i = oi == "won" || oi == "lost";
            let closed_j = oj == "won" || oj == "lost";
            let same = if closed_i || closed_j {
                oi == oj
            } else {
                near(&keys[i], &keys[j])
            };
            if same {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut out: Vec<VariantGroup> = groups
        .into_values()
        .filter(|g| g.len() > 1)
        .map(|mut g| {
            g.sort_by(|&a, &b| {
                entries[b]
                    .1
                    .cmp(&entries[a].1)
                    .then(entries[a].0.cmp(&entries[b].0))
            });
            VariantGroup {
                canonical: entries[g[0]].0.clone(),
                canonical_count: entries[g[0]].1,
                variants: g[1..]
                    .iter()
                    .map(|&i| (entries[i].0.clone(), entries[i].1))
                    .collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        let na: u64 = a.variants.iter().map(|v| v.1).sum();
        let nb: u64 = b.variants.iter().map(|v| v.1).sum();
        nb.cmp(&na).then(a.canonical.cmp(&b.canonical))
    });
    out
}

pub(super) fn label_key(l: &str) -> String {
    super::super::normalise::fold(l)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Keys equal, or one or two edits apart on long enough keys with the same digits
/// ("Stage 1" and "Stage 2" are two stages).
pub(super) fn near(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    if digits(a) != digits(b) {
        return false;
    }
    let len = a.chars().count().min(b.chars().count());
    let d = strsim::damerau_levenshtein(a, b);
    (len >= 6 && d <= 1) || (len >= 10 && d <= 2)
}
