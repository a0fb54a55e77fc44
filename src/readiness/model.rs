//! The scorer: L2-regularised logistic regression (`linfa-logistic`) on one-hot
//! categories, validated in time order or by stratified 5-fold cross-validation.

use std::collections::{BTreeMap, HashMap};

use linfa::prelude::*;
use linfa_logistic::LogisticRegression;
use ndarray::{Array1, Array2};

use super::stats::SplitMix;

/// The L2 penalty of the regression.
pub const ALPHA: f64 = 1.0;
/// Levels seen on fewer training records than this are pooled into "other".
pub const MIN_LEVEL: usize = 20;
/// At most this many levels per feature are kept (the most frequent); the rest pool.
pub const MAX_LEVELS: usize = 30;
/// Training records beyond this are sampled down (deterministically, every k-th). A model
/// of at most a few hundred one-hot columns is settled well before 50,000 records, and the
/// fit (a dense matrix product per iteration) was a third of `audit`'s time at 100k leads
/// with 200,000. The test records are never sampled: the AUC is measured on all of them.
pub const MAX_TRAIN: usize = 50_000;

pub const OTHER: &str = "(other)";
pub const MISSING: &str = "(empty)";

/// A feature's one-hot encoding, learned from the training records.
pub struct Encoding {
    /// Per feature, the kept levels and their column.
    columns: Vec<HashMap<String, usize>>,
    /// Per feature, the column of "other", if any record pooled.
    other: Vec<Option<usize>>,
    width: usize,
}

/// The level a record has after pooling with the training levels of `features`.
pub fn level(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or(MISSING)
}

impl Encoding {
    pub fn fit(features: &[&[Option<String>]], rows: &[usize]) -> Self {
        let mut columns = Vec::new();
        let mut other = Vec::new();
        let mut width = 0;
        for f in features {
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            for &r in rows {
                *counts.entry(level(&f[r])).or_default() += 1;
            }
            let mut by_count: Vec<(&str, usize)> = counts.into_iter().collect();
            by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            let mut map = HashMap::new();
            let mut pooled = false;
            for (i, (l, n)) in by_count.iter().enumerate() {
                if *n >= MIN_LEVEL && i < MAX_LEVELS {
                    map.insert((*l).to_owned(), width);
                    width += 1;
                } else {
                    pooled = true;
                }
            }
            let o = pooled.then(|| {
                width += 1;
                width - 1
            });
            columns.push(map);
            other.push(o);
        }
        Encoding {
            columns,
            other,
            width,
        }
    }

    pub fn matrix(&self, features: &[&[Option<String>]], rows: &[usize]) -> Array2<f64> {
        let mut x = Array2::zeros((rows.len(), self.width));
        for (i, &r) in rows.iter().enumerate() {
            for (f, values) in features.iter().enumerate() {
                let c = self.columns[f]
                    .get(level(&values[r]))
                    .copied()
                    .or(self.other[f]);
                if let Some(c) = c {
                    x[[i, c]] = 1.0;
                }
            }
        }
        x
    }
}

/// Fits on `train`, returns the probability of winning of each record of `test`.
/// `None` when the training records hold only one outcome.
pub fn fit_predict(
    features: &[&[Option<String>]],
    won: &[bool],
    train: &[usize],
    test: &[usize],
) -> Result<Vec<f64>, String> {
    let train = sample_down(train, MAX_TRAIN);
    if !train.iter().any(|&r| won[r]) || train.iter().all(|&r| won[r]) {
        return Err("the training records hold only one outcome".to_owned());
    }
    let enc = Encoding::fit(features, &train);
    if enc.width == 0 {
        return Err("no feature has a value".to_owned());
    }
    let x = enc.matrix(features, &train);
    let y: Array1<bool> = train.iter().map(|&r| won[r]).collect();
    let model = LogisticRegression::default()
        .alpha(ALPHA)
        .max_iterations(200)
        .fit(&Dataset::new(x, y))
        .map_err(|e| format!("the regression did not fit: {e}"))?;
    let p = model.predict_probabilities(&enc.matrix(features, test));
    let flip = !model.labels().pos.class;
    Ok(p.iter().map(|&v| if flip { 1.0 - v } else { v }).collect())
}

/// Every k-th row, so at most `max` remain (keeps order; deterministic).
fn sample_down(rows: &[usize], max: usize) -> Vec<usize> {
    if rows.len() <= max {
        return rows.to_vec();
    }
    let step = rows.len().div_ceil(max);
    rows.iter().step_by(step).copied().collect()
}

/// Stratified `k` folds of `rows`: each record's fold, won and lost spread evenly
/// after a seeded shuffle.
pub fn stratified_folds(rows: &[usize], won: &[bool], k: usize, seed: u64) -> Vec<usize> {
    let mut rng = SplitMix::new(seed);
    let mut fold = vec![0; rows.len()];
    for class in [true, false] {
        let mut members: Vec<usize> = (0..rows.len()).filter(|&i| won[rows[i]] == class).collect();
        for i in (1..members.len()).rev() {
            let j = rng.below(i + 1);
            members.swap(i, j);
        }
        for (n, &i) in members.iter().enumerate() {
            fold[i] = n % k;
        }
    }
    fold
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_levels_pool_and_unknown_levels_go_to_other() {
        let mut v: Vec<Option<String>> = vec![Some("a".into()); 25];
        v.extend(vec![Some("b".into()); 5]);
        v.push(None);
        let rows: Vec<usize> = (0..v.len()).collect();
        let enc = Encoding::fit(&[&v], &rows);
        assert_eq!(enc.width, 2, "a, and other for b and empty");
        let test = vec![Some("zzz".to_owned())];
        let x = enc.matrix(&[&test], &[0]);
        assert_eq!(x.row(0).to_vec(), vec![0.0, 1.0]);
    }

    #[test]
    fn folds_are_stratified() {
        let won: Vec<bool> = (0..50).map(|i| i % 5 == 0).collect();
        let rows: Vec<usize> = (0..50).collect();
        let folds = stratified_folds(&rows, &won, 5, 1);
        for f in 0..5 {
            let n = (0..50).filter(|&i| folds[i] == f).count();
            let w = (0..50).filter(|&i| folds[i] == f && won[i]).count();
            assert_eq!((n, w), (10, 2));
        }
    }
}
