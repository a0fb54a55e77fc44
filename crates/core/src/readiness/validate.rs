//! The scorer's validation (time-ordered, else stratified 5-fold) and drift between the
//! two newest quarters.

use super::*;

/// The population stability index of `new` against `old` (level counts): the sum of
/// (new share − old share) × ln(new share / old share), a share of 0 counted as
/// 0.0001.
pub fn psi(old: &BTreeMap<String, usize>, new: &BTreeMap<String, usize>) -> f64 {
    let (n_old, n_new) = (
        old.values().sum::<usize>().max(1) as f64,
        new.values().sum::<usize>().max(1) as f64,
    );
    let levels: std::collections::BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    levels
        .into_iter()
        .map(|l| {
            let a = (*old.get(l).unwrap_or(&0) as f64 / n_old).max(1e-4);
            let b = (*new.get(l).unwrap_or(&0) as f64 / n_new).max(1e-4);
            (b - a) * (b / a).ln()
        })
        .sum()
}

/// The quarter of an instant, by the calendar of the exports' time zone (a lead created
/// on the evening of 30 September in New York is in the third quarter, not the fourth).
/// The calendar quarter of `ms` in `tz`, as year * 4 + quarter index (0–3).
pub(super) fn quarter_number(ms: i64, tz: chrono_tz::Tz) -> Option<i64> {
    use chrono::Datelike as _;
    let d = chrono::DateTime::from_timestamp_millis(ms)?
        .with_timezone(&tz)
        .date_naive();
    Some(i64::from(d.year()) * 4 + i64::from(d.month0() / 3))
}

/// The PSI of each feature between the two newest quarters holding records.
pub(super) fn drift(
    features: &[&Column],
    times: &[Option<i64>],
    tz: chrono_tz::Tz,
) -> Option<Drift> {
    // Quarters as numbers (year * 4 + quarter index), named once at the end.
    let quarters: Vec<Option<i64>> = times
        .iter()
        .map(|t| t.and_then(|t| quarter_number(t, tz)))
        .collect();
    let mut seen: Vec<i64> = quarters.iter().flatten().copied().collect();
    seen.sort_unstable();
    seen.dedup();
    let [.., from, to] = seen.as_slice() else {
        return None;
    };
    let (from_n, to_n) = (*from, *to);
    let name = |q: i64| format!("{}Q{}", q.div_euclid(4), q.rem_euclid(4) + 1);
    let (from, to) = (name(from_n), name(to_n));
    let features = features
        .iter()
        .map(|c| {
            let (mut old, mut new): (HashMap<&str, usize>, HashMap<&str, usize>) =
                Default::default();
            for (q, v) in quarters.iter().zip(&c.values) {
                let side = match q {
                    Some(q) if *q == from_n => &mut old,
                    Some(q) if *q == to_n => &mut new,
                    _ => continue,
                };
                *side.entry(model::level(v)).or_insert(0) += 1;
            }
            let owned = |m: HashMap<&str, usize>| -> BTreeMap<String, usize> {
                m.into_iter().map(|(k, n)| (k.to_owned(), n)).collect()
            };
            let psi = psi(&owned(old), &owned(new));
            FeatureDrift {
                feature: c.name.clone(),
                psi,
                flagged: psi > DRIFT_PSI,
            }
        })
        .collect();
    Some(Drift { from, to, features })
}

pub(super) fn validate(
    features: &[&Column],
    labelled: &[usize],
    won: &[bool],
    times: &[Option<i64>],
    time_field: &str,
) -> Result<Validation, String> {
    if features.is_empty() {
        return Err("no feature is left to learn from once leaky columns are excluded".to_owned());
    }
    let won_n = labelled.iter().filter(|&&r| won[r]).count();
    let lost_n = labelled.len() - won_n;
    if won_n < MIN_TESTED_OUTCOMES || lost_n < MIN_TESTED_OUTCOMES {
        return Err(format!(
            "only {won_n} won and {lost_n} lost records: at least {MIN_TESTED_OUTCOMES} of each are needed to measure how well a score would rank them"
        ));
    }
    let cols: Vec<&[Value]> = features.iter().map(|c| c.values.as_slice()).collect();
    let mut dated: Vec<usize> = labelled
        .iter()
        .copied()
        .filter(|&r| times[r].is_some())
        .collect();
    dated.sort_by_key(|&r| (times[r], r));
    let mut time_ordered = None;
    let mut fallback = String::new();
    if dated.len() * 5 >= labelled.len() * 4 && dated.len() >= 20 {
        let cut_time = times[dated[((dated.len() as f64) * (1.0 - TEST_SHARE)) as usize]];
        let (train, test): (Vec<usize>, Vec<usize>) =
            dated.iter().partition(|&&r| times[r] < cut_time);
        let both = |rows: &[usize]| rows.iter().any(|&r| won[r]) && rows.iter().any(|&r| !won[r]);
        let tested_won = test.iter().filter(|&&r| won[r]).count();
        let tested_lost = test.len() - tested_won;
        if tested_won < MIN_TESTED_OUTCOMES || tested_lost < MIN_TESTED_OUTCOMES {
            fallback = format!(
                "the newest records by {time_field} hold too few outcomes to test on ({tested_won} won, {tested_lost} lost; at least {MIN_TESTED_OUTCOMES} of each are needed); ",
            );
        } else if both(&train) {
            let day = cut_time
                .and_then(chrono::DateTime::from_timestamp_millis)
                .map(|d| d.date_naive().to_string())
                .unwrap_or_default();
            time_ordered = Some((train, test, day));
        } else {
            fallback = format!(
                "time order was not usable (the older records by {time_field} hold one outcome only); ",
            );
        }
    } else if dated.is_empty() {
        fallback = format!("the records have no {time_field}, so no time order; ");
    } else {
        fallback = format!("fewer than 80% of labelled records have a {time_field}; ");
    }
    let (scores, outcome, method, split, train_n, test_n) = match time_ordered {
        Some((train, test, day)) => {
            let p = model::fit_predict(&cols, won, &train, &test)?;
            let y: Vec<bool> = test.iter().map(|&r| won[r]).collect();
            let split = format!(
                "trained on the {} records with a {time_field} before {day}, tested on the {} from {day} on",
                crate::format::count(train.len() as u64),
                crate::format::count(test.len() as u64)
            );
            (p, y, "time_ordered", split, train.len(), test.len())
        }
        None => {
            let folds = model::stratified_folds(labelled, won, 5, SEED);
            let mut p = vec![0.0; labelled.len()];
            for f in 0..5 {
                let train: Vec<usize> = (0..labelled.len())
                    .filter(|&i| folds[i] != f)
                    .map(|i| labelled[i])
                    .collect();
                let test_idx: Vec<usize> = (0..labelled.len()).filter(|&i| folds[i] == f).collect();
                let test: Vec<usize> = test_idx.iter().map(|&i| labelled[i]).collect();
                let fp = model::fit_predict(&cols, won, &train, &test)?;
                for (k, &i) in test_idx.iter().enumerate() {
                    p[i] = fp[k];
                }
            }
            let y: Vec<bool> = labelled.iter().map(|&r| won[r]).collect();
            let split = format!(
                "{fallback}stratified 5-fold cross-validation over the {} labelled records, each scored by the model trained without it",
                labelled.len()
            );
            (
                p,
                y,
                "stratified_5_fold",
                split,
                labelled.len() * 4 / 5,
                labelled.len(),
            )
        }
    };
    let auc = stats::auc(&scores, &outcome).ok_or("the tested records hold one outcome only")?;
    // Fewer resamples on large test sets: each one sorts the whole set.
    let rounds = if scores.len() > 20_000 {
        BOOTSTRAP_ROUNDS / 5
    } else {
        BOOTSTRAP_ROUNDS
    };
    let (lo, hi) = stats::bootstrap_auc(&scores, &outcome, rounds, SEED).unwrap_or((auc, auc));
    Ok(Validation {
        method: method.to_owned(),
        split,
        train: train_n,
        test: test_n,
        auc,
        auc_low: lo,
        auc_high: hi,
        top_decile_lift: stats::top_decile_lift(&scores, &outcome),
        calibration: stats::deciles(&scores, &outcome),
        roc: stats::roc(&scores, &outcome).unwrap_or_default(),
    })
}
