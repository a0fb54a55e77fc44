//! The figures of a scorer's evaluation: AUC, its bootstrap interval, lift, calibration.

use serde::{Deserialize, Serialize};

/// SplitMix64: a small deterministic random stream for the bootstrap and the folds.
pub(crate) struct SplitMix(u64);

impl SplitMix {
    pub(crate) fn new(seed: u64) -> Self {
        SplitMix(seed)
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0; the modulo bias is below 2^-40 for any n we draw).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The area under the ROC curve of `scores` for the outcomes `won` (the Mann–Whitney
/// statistic, ties counted half). `None` without both a won and a lost outcome.
pub fn auc(scores: &[f64], won: &[bool]) -> Option<f64> {
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    idx.sort_by(|&a, &b| scores[a].total_cmp(&scores[b]));
    let (mut rank_sum, mut pos) = (0.0, 0usize);
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && scores[idx[j + 1]] == scores[idx[i]] {
            j += 1;
        }
        // Ranks i+1..=j+1 share their average.
        let avg = (i + j + 2) as f64 / 2.0;
        for &k in &idx[i..=j] {
            if won[k] {
                rank_sum += avg;
                pos += 1;
            }
        }
        i = j + 1;
    }
    let neg = scores.len() - pos;
    if pos == 0 || neg == 0 {
        return None;
    }
    let (p, n) = (pos as f64, neg as f64);
    Some((rank_sum - p * (p + 1.0) / 2.0) / (p * n))
}

/// The AUC of records grouped by score: `(score, records, won)` per group, in any order
/// (groups of equal score are one tie). The same figure as [`auc`] over the records.
fn auc_of_groups(groups: &mut [(f64, usize, usize)]) -> Option<f64> {
    groups.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut rank_sum, mut pos, mut below) = (0.0, 0usize, 0usize);
    let mut i = 0;
    while i < groups.len() {
        let (mut n, mut w) = (0, 0);
        let mut j = i;
        while j < groups.len() && groups[j].0 == groups[i].0 {
            n += groups[j].1;
            w += groups[j].2;
            j += 1;
        }
        // Ranks below+1..=below+n share their average.
        rank_sum += (2 * below + n + 1) as f64 / 2.0 * w as f64;
        pos += w;
        below += n;
        i = j;
    }
    let neg = below - pos;
    if pos == 0 || neg == 0 {
        return None;
    }
    let (p, n) = (pos as f64, neg as f64);
    Some((rank_sum - p * (p + 1.0) / 2.0) / (p * n))
}

/// The 5th and 95th percentiles of the AUC over `rounds` bootstrap resamples.
///
/// A resample is counted per distinct score (how many of its records were drawn, and how
/// many of those won) rather than sorted: scores of a one-hot model take few values.
pub fn bootstrap_auc(scores: &[f64], won: &[bool], rounds: usize, seed: u64) -> Option<(f64, f64)> {
    let n = scores.len();
    if n == 0 {
        return None;
    }
    let mut distinct = scores.to_vec();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    // Each record's score group and outcome in one word: one random read per draw.
    let packed: Vec<u64> = scores
        .iter()
        .zip(won)
        .map(|(s, &w)| ((distinct.partition_point(|d| d < s) as u64) << 1) | u64::from(w))
        .collect();
    let mut rng = SplitMix::new(seed);
    let mut aucs = Vec::with_capacity(rounds);
    // Per score group, ascending: records drawn, and how many of them won.
    let mut counts = vec![(0usize, 0usize); distinct.len()];
    for _ in 0..rounds {
        counts.fill((0, 0));
        for _ in 0..n {
            let p = packed[rng.below(n)];
            let c = &mut counts[(p >> 1) as usize];
            c.0 += 1;
            c.1 += (p & 1) as usize;
        }
        if let Some(a) = auc_of_ascending_groups(&counts) {
            aucs.push(a);
        }
    }
    if aucs.is_empty() {
        return None;
    }
    aucs.sort_by(f64::total_cmp);
    let at = |q: f64| aucs[((aucs.len() - 1) as f64 * q).round() as usize];
    Some((at(0.05), at(0.95)))
}

/// [`auc_of_groups`] over groups of distinct scores already in ascending order:
/// `(records, won)` per group.
fn auc_of_ascending_groups(groups: &[(usize, usize)]) -> Option<f64> {
    let (mut rank_sum, mut pos, mut below) = (0.0, 0usize, 0usize);
    for &(n, w) in groups {
        // Ranks below+1..=below+n share their average.
        rank_sum += (2 * below + n + 1) as f64 / 2.0 * w as f64;
        pos += w;
        below += n;
    }
    let neg = below - pos;
    if pos == 0 || neg == 0 {
        return None;
    }
    let (p, n) = (pos as f64, neg as f64);
    Some((rank_sum - p * (p + 1.0) / 2.0) / (p * n))
}

/// One tenth of the scored records, by predicted probability (lowest first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalibrationBin {
    pub decile: u8,
    pub records: usize,
    /// The mean predicted probability of winning.
    pub predicted: f64,
    /// The share that was won.
    pub observed: f64,
}

/// The records in ten equal groups by score, lowest first (fewer groups under 10
/// records).
pub fn deciles(scores: &[f64], won: &[bool]) -> Vec<CalibrationBin> {
    let n = scores.len();
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(a.cmp(&b)));
    (0..10)
        .filter_map(|d| {
            let (lo, hi) = (n * d / 10, n * (d + 1) / 10);
            if lo == hi {
                return None;
            }
            let part = &idx[lo..hi];
            let records = part.len();
            Some(CalibrationBin {
                decile: d as u8 + 1,
                records,
                predicted: part.iter().map(|&i| scores[i]).sum::<f64>() / records as f64,
                observed: part.iter().filter(|&&i| won[i]).count() as f64 / records as f64,
            })
        })
        .collect()
}

/// The won rate of the top-scored tenth over the overall won rate.
pub fn top_decile_lift(scores: &[f64], won: &[bool]) -> Option<f64> {
    let n = scores.len();
    let base = won.iter().filter(|&&w| w).count() as f64 / n.max(1) as f64;
    if n < 10 || base == 0.0 {
        return None;
    }
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    let top = n.div_ceil(10);
    let rate = idx[..top].iter().filter(|&&i| won[i]).count() as f64 / top as f64;
    Some(rate / base)
}

/// How many points of the ROC curve are kept: the true positive rate at each false
/// positive rate 0, 1/`ROC_STEPS`, …, 1.
pub const ROC_STEPS: usize = 10;

/// The ROC curve at even false positive rates: for each of 0, 1/[`ROC_STEPS`], …, 1,
/// the true positive rate of the best threshold whose false positive rate does not
/// exceed it (tied scores taken together, so the curve steps diagonally across a tie
/// and interpolates linearly). `None` without both outcomes.
pub fn roc(scores: &[f64], won: &[bool]) -> Option<Vec<(f64, f64)>> {
    let pos = won.iter().filter(|&&w| w).count() as f64;
    let neg = won.len() as f64 - pos;
    if pos == 0.0 || neg == 0.0 {
        return None;
    }
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    // Highest score first.
    idx.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    // The curve's vertices, one per distinct score.
    let mut pts = vec![(0.0, 0.0)];
    let (mut tp, mut fp, mut i) = (0.0, 0.0, 0);
    while i < idx.len() {
        let s = scores[idx[i]];
        while i < idx.len() && scores[idx[i]] == s {
            if won[idx[i]] {
                tp += 1.0;
            } else {
                fp += 1.0;
            }
            i += 1;
        }
        pts.push((fp / neg, tp / pos));
    }
    let at = |x: f64| -> f64 {
        // The segment holding x; vertical runs resolve to their top.
        let k = pts.iter().rposition(|p| p.0 <= x).unwrap_or(0);
        match pts.get(k + 1) {
            Some(&(x1, y1)) if x1 > pts[k].0 => {
                let (x0, y0) = pts[k];
                y0 + (y1 - y0) * (x - x0) / (x1 - x0)
            }
            _ => pts[k].1,
        }
    };
    Some(
        (0..=ROC_STEPS)
            .map(|k| {
                let x = k as f64 / ROC_STEPS as f64;
                (x, at(x).clamp(0.0, 1.0))
            })
            .collect(),
    )
}

/// Each record scored by its level's won rate: the AUC a feature reaches on its own.
pub fn single_feature_auc(levels: &[super::Value], won: &[bool]) -> Option<f64> {
    let mut rates: polars::prelude::PlHashMap<Option<&str>, (usize, usize)> = Default::default();
    for (l, &w) in levels.iter().zip(won) {
        let e = rates.entry(l.as_deref()).or_default();
        e.0 += 1;
        e.1 += usize::from(w);
    }
    auc_of_levels(rates.into_values())
}

/// The AUC of a categorical feature scored by each level's own won rate, from the
/// `(records, won)` of each level (in any order): [`single_feature_auc`] on counts.
pub fn auc_of_levels(levels: impl IntoIterator<Item = (usize, usize)>) -> Option<f64> {
    let mut groups: Vec<(f64, usize, usize)> = levels
        .into_iter()
        .filter(|&(n, _)| n > 0)
        .map(|(n, w)| (w as f64 / n as f64, n, w))
        .collect();
    auc_of_groups(&mut groups)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bootstrap as it was first written: each resample sorted by [`auc`].
    fn bootstrap_by_sorting(scores: &[f64], won: &[bool], rounds: usize, seed: u64) -> (f64, f64) {
        let n = scores.len();
        let mut rng = SplitMix::new(seed);
        let mut aucs = Vec::new();
        let (mut s, mut w) = (vec![0.0; n], vec![false; n]);
        for _ in 0..rounds {
            for i in 0..n {
                let k = rng.below(n);
                s[i] = scores[k];
                w[i] = won[k];
            }
            aucs.extend(auc(&s, &w));
        }
        aucs.sort_by(f64::total_cmp);
        let at = |q: f64| aucs[((aucs.len() - 1) as f64 * q).round() as usize];
        (at(0.05), at(0.95))
    }

    #[test]
    fn counting_by_score_gives_the_figures_of_sorting() {
        let mut rng = SplitMix::new(3);
        // Few distinct scores (ties everywhere), then many.
        for distinct in [7, 5000] {
            let scores: Vec<f64> = (0..3000)
                .map(|_| rng.below(distinct) as f64 / distinct as f64)
                .collect();
            let won: Vec<bool> = scores
                .iter()
                .map(|&s| (rng.below(1000) as f64) < 300.0 + 400.0 * s)
                .collect();
            assert_eq!(
                bootstrap_auc(&scores, &won, 50, 11),
                Some(bootstrap_by_sorting(&scores, &won, 50, 11))
            );
            let levels: Vec<super::super::Value> =
                scores.iter().map(|s| Some(s.to_string().into())).collect();
            let mut rates = std::collections::HashMap::new();
            for (l, &w) in levels.iter().zip(&won) {
                let e: &mut (usize, usize) = rates.entry(l.clone()).or_default();
                e.0 += 1;
                e.1 += usize::from(w);
            }
            let by_rate: Vec<f64> = levels
                .iter()
                .map(|l| {
                    let (n, w) = rates[l];
                    w as f64 / n as f64
                })
                .collect();
            assert_eq!(single_feature_auc(&levels, &won), auc(&by_rate, &won));
        }
    }

    #[test]
    fn auc_counts_pairs_and_halves_ties() {
        // Pairs (won, lost): (0.9,0.1) right, (0.9,0.5) right, (0.5,0.1) right,
        // (0.5,0.5) tie → 3.5 of 4.
        let scores = [0.9, 0.5, 0.5, 0.1];
        let won = [true, true, false, false];
        assert_eq!(auc(&scores, &won), Some(3.5 / 4.0));
        assert_eq!(auc(&[0.1, 0.9], &[true, false]), Some(0.0));
        assert_eq!(auc(&[0.1, 0.9], &[true, true]), None);
    }

    #[test]
    fn lift_and_deciles() {
        // 20 records, scores 0..19; the top two (top decile) are won, plus one more.
        let scores: Vec<f64> = (0..20).map(f64::from).collect();
        let won: Vec<bool> = (0..20).map(|i| i >= 18 || i == 3).collect();
        // Top decile rate 1.0 over base 3/20.
        assert!((top_decile_lift(&scores, &won).unwrap() - 20.0 / 3.0).abs() < 1e-12);
        let d = deciles(&scores, &won);
        assert_eq!(d.len(), 10);
        assert_eq!(d[9].observed, 1.0);
        assert_eq!(d[1].observed, 0.5);
        assert_eq!(d[0].predicted, 0.5);
    }

    #[test]
    fn bootstrap_is_deterministic_and_brackets_the_auc() {
        let scores: Vec<f64> = (0..200).map(|i| f64::from(i % 17)).collect();
        let won: Vec<bool> = (0..200).map(|i| (i * 7) % 13 < 5 + (i % 17) / 4).collect();
        let a = auc(&scores, &won).unwrap();
        let (lo, hi) = bootstrap_auc(&scores, &won, 300, 7).unwrap();
        assert!(lo < a && a < hi, "{lo} {a} {hi}");
        assert_eq!(bootstrap_auc(&scores, &won, 300, 7), Some((lo, hi)));
    }
}

#[cfg(test)]
mod roc_tests {
    use super::*;

    #[test]
    fn roc_of_a_perfect_a_useless_and_a_tied_score() {
        let won = [true, true, false, false];
        let perfect = roc(&[0.9, 0.8, 0.2, 0.1], &won).unwrap();
        assert_eq!(perfect.len(), ROC_STEPS + 1);
        assert_eq!(perfect[0], (0.0, 1.0));
        assert!(perfect.iter().all(|p| p.1 == 1.0));
        // One score for all: the diagonal.
        let tied = roc(&[0.5; 4], &won).unwrap();
        for (x, y) in tied {
            assert!((x - y).abs() < 1e-12, "{x} {y}");
        }
        // Reversed: 0 until every negative is passed.
        let worst = roc(&[0.1, 0.2, 0.8, 0.9], &won).unwrap();
        assert_eq!(worst[ROC_STEPS / 2], (0.5, 0.0));
        assert_eq!(worst[ROC_STEPS], (1.0, 1.0));
        assert!(roc(&[0.1, 0.2], &[true, true]).is_none());
    }
}
