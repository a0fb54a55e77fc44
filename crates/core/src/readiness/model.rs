//! The scorer: L2-regularised logistic regression on one-hot categories, validated in time
//! order or by stratified 5-fold cross-validation.
//!
//! The objective is `linfa-logistic`'s (the summed log-loss plus `alpha / 2 * |w|^2`, the
//! intercept unpenalised), minimised by the same solver it uses (argmin's L-BFGS with a
//! More-Thuente line search, memory 10, gradient tolerance 1e-4, at most 200 iterations). What
//! differs is the data it is evaluated on. A one-hot row has one non-zero per feature, and
//! records with the same levels in every feature are the same row, so the records are folded
//! into their distinct level patterns, each weighted by how many won and lost: the loss and its
//! gradient are sums over a few thousand sparse patterns rather than products with a dense
//! records x levels matrix. A test (`matches_linfa_logistic`) checks the coefficients against
//! `linfa-logistic` on the dense matrix.

use std::cell::RefCell;
use std::collections::BTreeMap;

use polars::prelude::PlHashMap as HashMap;

use argmin::core::{CostFunction, Error as ArgminError, Executor, Gradient, State};
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::quasinewton::LBFGS;

use super::Value;
use super::stats::SplitMix;

/// The L2 penalty of the regression.
pub const ALPHA: f64 = 1.0;
/// The solver stops when the gradient's norm is below this (linfa-logistic's default).
const GRADIENT_TOLERANCE: f64 = 1e-4;
/// The solver's iteration cap.
const MAX_ITERATIONS: u64 = 200;
/// Levels seen on fewer training records than this are pooled into "other".
pub const MIN_LEVEL: usize = 20;
/// At most this many levels per feature are kept (the most frequent); the rest pool.
pub const MAX_LEVELS: usize = 30;
/// Training records beyond this are sampled down (deterministically, every k-th). A model
/// of at most a few hundred one-hot columns is settled well before 50,000 records.
/// The test records are never sampled: the AUC is measured on all of them.
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
pub fn level(value: &Value) -> &str {
    value.as_deref().unwrap_or(MISSING)
}

impl Encoding {
    pub fn fit(features: &[&[Value]], rows: &[usize]) -> Self {
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
            let mut map = HashMap::default();
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

    /// The one-hot columns set for record `r`, in feature order.
    fn row(&self, features: &[&[Value]], r: usize, out: &mut Vec<u32>) {
        out.clear();
        for (f, values) in features.iter().enumerate() {
            let c = self.columns[f]
                .get(level(&values[r]))
                .copied()
                .or(self.other[f]);
            if let Some(c) = c {
                out.push(c as u32);
            }
        }
    }

    /// The dense one-hot matrix of `rows`, row-major (for tests against dense solvers).
    #[cfg(test)]
    fn dense(&self, features: &[&[Value]], rows: &[usize]) -> Vec<Vec<f64>> {
        let mut cols = Vec::new();
        rows.iter()
            .map(|&r| {
                self.row(features, r, &mut cols);
                let mut x = vec![0.0; self.width];
                for &c in &cols {
                    x[c as usize] = 1.0;
                }
                x
            })
            .collect()
    }
}

/// The training records folded into their distinct one-hot patterns.
struct Patterns {
    /// Pattern `k`'s columns are `columns[starts[k]..starts[k + 1]]`.
    starts: Vec<usize>,
    columns: Vec<u32>,
    won: Vec<f64>,
    lost: Vec<f64>,
    width: usize,
    cache: RefCell<AtPoint>,
}

impl Patterns {
    fn fold(enc: &Encoding, features: &[&[Value]], rows: &[usize], won: &[bool]) -> Self {
        let mut index: HashMap<Vec<u32>, usize> = HashMap::default();
        let mut p = Patterns {
            starts: vec![0],
            columns: Vec::new(),
            won: Vec::new(),
            lost: Vec::new(),
            width: enc.width,
            cache: RefCell::default(),
        };
        let mut cols = Vec::new();
        for &r in rows {
            enc.row(features, r, &mut cols);
            let k = match index.get(&cols) {
                Some(&k) => k,
                None => {
                    let k = p.won.len();
                    p.columns.extend_from_slice(&cols);
                    p.starts.push(p.columns.len());
                    p.won.push(0.0);
                    p.lost.push(0.0);
                    index.insert(cols.clone(), k);
                    k
                }
            };
            if won[r] {
                p.won[k] += 1.0;
            } else {
                p.lost[k] += 1.0;
            }
        }
        p
    }

    #[cfg(test)]
    fn columns(&self, k: usize) -> &[u32] {
        &self.columns[self.starts[k]..self.starts[k + 1]]
    }

    /// The linear score of pattern `k` under `w` (the intercept last): pattern by pattern,
    /// as the scores were first computed (the tests' reference).
    #[cfg(test)]
    fn z(&self, k: usize, w: &[f64]) -> f64 {
        w[self.width] + self.columns(k).iter().map(|&c| w[c as usize]).sum::<f64>()
    }
}

/// Per pattern at one point `w`: the score `z` and `exp(-|z|)`, the one exponential both the
/// loss and its gradient need. The line search asks for the loss and the gradient at the same
/// point, so the last point's values are kept; and L-BFGS asks again for the gradient at the
/// point the line search ended on, so the gradient is kept too (#11).
#[derive(Default)]
struct AtPoint {
    w: Vec<f64>,
    z: Vec<f64>,
    e: Vec<f64>,
    gradient: Option<Vec<f64>>,
}

impl Patterns {
    fn at<R>(&self, w: &[f64], then: impl FnOnce(&AtPoint) -> R) -> R {
        let mut cache = self.cache.borrow_mut();
        if cache.w != w {
            cache.w = w.to_vec();
            // Each pattern's columns in turn, without looking its bounds up by index (#11).
            let intercept = w[self.width];
            cache.z = self
                .starts
                .windows(2)
                .map(|s| {
                    intercept
                        + self.columns[s[0]..s[1]]
                            .iter()
                            .map(|&c| w[c as usize])
                            .sum::<f64>()
                })
                .collect();
            cache.e = cache.z.iter().map(|z| (-z.abs()).exp()).collect();
            cache.gradient = None;
        }
        then(&cache)
    }
}

impl CostFunction for Patterns {
    type Param = Vec<f64>;
    type Output = f64;

    /// The summed log-loss plus the L2 penalty. With `e = exp(-|z|)`,
    /// `-ln(sigmoid(z)) = ln(1 + e) + max(-z, 0)` and `-ln(1 - sigmoid(z)) = ln(1 + e) + max(z, 0)`.
    fn cost(&self, w: &Vec<f64>) -> Result<f64, ArgminError> {
        let loss = self.at(w, |at| {
            let mut loss = 0.0;
            for (((&z, e), &won), &lost) in at.z.iter().zip(&at.e).zip(&self.won).zip(&self.lost) {
                let l = e.ln_1p();
                loss += won * (l + (-z).max(0.0)) + lost * (l + z.max(0.0));
            }
            loss
        });
        let penalty: f64 = w[..self.width].iter().map(|v| v * v).sum();
        Ok(loss + 0.5 * ALPHA * penalty)
    }
}

impl Gradient for Patterns {
    type Param = Vec<f64>;
    type Gradient = Vec<f64>;

    fn gradient(&self, w: &Vec<f64>) -> Result<Vec<f64>, ArgminError> {
        if let Some(g) = self.at(w, |at| at.gradient.clone()) {
            return Ok(g);
        }
        let mut g: Vec<f64> = w[..self.width].iter().map(|v| ALPHA * v).collect();
        g.push(0.0);
        self.at(w, |at| {
            // The intercept's sum is kept apart: it takes the same terms in the same order.
            let (weights, intercept) = g.split_at_mut(self.width);
            let mut i = intercept[0];
            let patterns = self.starts.windows(2).zip(&at.z).zip(&at.e);
            for (((s, &z), &e), (&won, &lost)) in patterns.zip(self.won.iter().zip(&self.lost)) {
                // sigmoid(z) from e = exp(-|z|).
                let p = if z >= 0.0 {
                    1.0 / (1.0 + e)
                } else {
                    e / (1.0 + e)
                };
                let d = (won + lost) * p - won;
                for &c in &self.columns[s[0]..s[1]] {
                    weights[c as usize] += d;
                }
                i += d;
            }
            intercept[0] = i;
        });
        self.cache.borrow_mut().gradient = Some(g.clone());
        Ok(g)
    }
}

/// The probability of winning for the linear score `z`.
fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// The fitted weights (one per one-hot column, then the intercept).
fn fit(patterns: Patterns) -> Result<Vec<f64>, String> {
    let init = vec![0.0; patterns.width + 1];
    let solver = LBFGS::new(MoreThuenteLineSearch::new(), 10)
        .with_tolerance_grad(GRADIENT_TOLERANCE)
        .map_err(|e| e.to_string())?;
    let result = Executor::new(patterns, solver)
        .configure(|state| state.param(init.clone()).max_iters(MAX_ITERATIONS))
        .run()
        .map_err(|e| format!("the regression did not fit: {e}"))?;
    Ok(result.state().get_best_param().cloned().unwrap_or(init))
}

/// Fits on `train`, returns the probability of winning of each record of `test`.
/// An error when the training records hold only one outcome.
pub fn fit_predict(
    features: &[&[Value]],
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
    let w = fit(Patterns::fold(&enc, features, &train, won))?;
    let mut cols = Vec::new();
    Ok(test
        .iter()
        .map(|&r| {
            enc.row(features, r, &mut cols);
            let z = w[enc.width] + cols.iter().map(|&c| w[c as usize]).sum::<f64>();
            sigmoid(z)
        })
        .collect())
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
        let mut v: Vec<Value> = vec![Some("a".into()); 25];
        v.extend(vec![Some("b".into()); 5]);
        v.push(None);
        let rows: Vec<usize> = (0..v.len()).collect();
        let enc = Encoding::fit(&[&v], &rows);
        assert_eq!(enc.width, 2, "a, and other for b and empty");
        let test: Vec<Value> = vec![Some("zzz".into())];
        let x = enc.dense(&[&test], &[0]);
        assert_eq!(x[0], vec![0.0, 1.0]);
    }

    /// Three features with levels of different win rates, some records missing a value.
    fn fixture(n: usize) -> (Vec<Vec<Value>>, Vec<bool>) {
        let mut rng = SplitMix::new(7);
        let mut features = vec![Vec::new(), Vec::new(), Vec::new()];
        let mut won = Vec::new();
        for _ in 0..n {
            let a = rng.below(4);
            let b = rng.below(3);
            let c = rng.below(10);
            features[0].push(Some(format!("source {a}").into()));
            features[1].push((b > 0).then(|| format!("band {b}").into()));
            features[2].push(Some(format!("country {c}").into()));
            let odds = 0.05 + 0.1 * a as f64 + 0.08 * b as f64 + if c == 3 { 0.2 } else { 0.0 };
            won.push((rng.below(1000) as f64) < odds * 1000.0);
        }
        (features, won)
    }

    #[test]
    fn matches_linfa_logistic() {
        use linfa::prelude::*;
        let (features, won) = fixture(3000);
        let cols: Vec<&[Value]> = features.iter().map(|f| f.as_slice()).collect();
        let rows: Vec<usize> = (0..won.len()).collect();
        let enc = Encoding::fit(&cols, &rows);
        let patterns = Patterns::fold(&enc, &cols, &rows, &won);
        assert!(
            patterns.won.len() < 200,
            "3000 records fold into few patterns"
        );
        let ours = fit(patterns).unwrap();

        let dense = enc.dense(&cols, &rows);
        let x = ndarray::Array2::from_shape_fn((rows.len(), enc.width), |(i, j)| dense[i][j]);
        let y: ndarray::Array1<bool> = won.iter().copied().collect();
        let model = linfa_logistic::LogisticRegression::default()
            .alpha(ALPHA)
            .max_iterations(MAX_ITERATIONS)
            .fit(&Dataset::new(x, y))
            .unwrap();
        // linfa's positive class is the more frequent one (lost here): its weights are ours
        // with the sign flipped.
        let sign = if model.labels().pos.class { 1.0 } else { -1.0 };
        for (j, theirs) in model.params().iter().enumerate() {
            assert!(
                (ours[j] - sign * theirs).abs() < 1e-3,
                "column {j}: {} against linfa's {}",
                ours[j],
                sign * theirs
            );
        }
        assert!((ours[enc.width] - sign * model.intercept()).abs() < 1e-3);
    }

    /// The [`fixture`]'s `n` records, every one a training record, folded.
    fn folded(n: usize) -> Patterns {
        let (features, won) = fixture(n);
        let cols: Vec<&[Value]> = features.iter().map(|f| f.as_slice()).collect();
        let rows: Vec<usize> = (0..won.len()).collect();
        Patterns::fold(&Encoding::fit(&cols, &rows), &cols, &rows, &won)
    }

    /// The loss and its gradient as first written, pattern by pattern by index.
    fn by_index(p: &Patterns, w: &[f64]) -> (f64, Vec<f64>) {
        let n = p.won.len();
        let z: Vec<f64> = (0..n).map(|k| p.z(k, w)).collect();
        let e: Vec<f64> = z.iter().map(|z| (-z.abs()).exp()).collect();
        let mut loss = 0.0;
        for k in 0..n {
            let l = e[k].ln_1p();
            loss += p.won[k] * (l + (-z[k]).max(0.0)) + p.lost[k] * (l + z[k].max(0.0));
        }
        let penalty: f64 = w[..p.width].iter().map(|v| v * v).sum();
        let mut g: Vec<f64> = w[..p.width].iter().map(|v| ALPHA * v).collect();
        g.push(0.0);
        for k in 0..n {
            let p_k = if z[k] >= 0.0 {
                1.0 / (1.0 + e[k])
            } else {
                e[k] / (1.0 + e[k])
            };
            let d = (p.won[k] + p.lost[k]) * p_k - p.won[k];
            for &c in p.columns(k) {
                g[c as usize] += d;
            }
            g[p.width] += d;
        }
        (loss + 0.5 * ALPHA * penalty, g)
    }

    #[test]
    fn loss_and_gradient_are_bit_for_bit_the_pattern_by_index_ones() {
        let p = folded(2000);
        for step in 0..5 {
            let w: Vec<f64> = (0..=p.width)
                .map(|j| ((j * 7 + step * 3) % 11) as f64 * 0.37 - 1.6)
                .collect();
            let (loss, g) = by_index(&p, &w);
            assert_eq!(p.cost(&w).unwrap().to_bits(), loss.to_bits());
            let ours: Vec<u64> = p
                .gradient(&w)
                .unwrap()
                .iter()
                .map(|v| v.to_bits())
                .collect();
            let theirs: Vec<u64> = g.iter().map(|v| v.to_bits()).collect();
            assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn the_kept_gradient_is_the_gradient_at_the_point_asked() {
        let patterns = || folded(500);
        let width = patterns().width + 1;
        let a: Vec<f64> = (0..width).map(|j| 0.1 * j as f64 - 0.3).collect();
        let b: Vec<f64> = (0..width).map(|j| 0.2 - 0.05 * j as f64).collect();
        // Each point's gradient, from patterns that have seen no other point.
        let fresh = |w: &Vec<f64>| patterns().gradient(w).unwrap();
        let (ga, gb) = (fresh(&a), fresh(&b));
        assert_ne!(ga, gb);
        // One set of patterns asked in turn, again, and after the loss at another point.
        let p = patterns();
        assert_eq!(p.gradient(&a).unwrap(), ga);
        assert_eq!(p.gradient(&a).unwrap(), ga);
        p.cost(&b).unwrap();
        assert_eq!(p.gradient(&b).unwrap(), gb);
        assert_eq!(p.gradient(&a).unwrap(), ga);
        assert_eq!(p.gradient(&b).unwrap(), gb);
    }

    #[test]
    fn the_score_ranks_the_better_levels_higher() {
        let (features, won) = fixture(3000);
        let cols: Vec<&[Value]> = features.iter().map(|f| f.as_slice()).collect();
        let rows: Vec<usize> = (0..won.len()).collect();
        let p = fit_predict(&cols, &won, &rows, &rows).unwrap();
        // Source 3 and country 3 win most: a record with both outranks one with neither.
        let best = (0..rows.len())
            .find(|&r| {
                cols[0][r].as_deref() == Some("source 3")
                    && cols[2][r].as_deref() == Some("country 3")
            })
            .unwrap();
        let worst = (0..rows.len())
            .find(|&r| {
                cols[0][r].as_deref() == Some("source 0")
                    && cols[1][r].is_none()
                    && cols[2][r].as_deref() != Some("country 3")
            })
            .unwrap();
        assert!(p[best] > 0.6 && p[worst] < 0.15, "{} {}", p[best], p[worst]);
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
