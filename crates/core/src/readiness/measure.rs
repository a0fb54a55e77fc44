//! Measuring a subject: the leakage scan, the strongest effects, the process feature,
//! label quality and the verdict.

use super::*;

/// The records and the won among them of each value of `values` over `rows`. Values are
/// shared texts, so they are counted by address first and merged by text after: a
/// handful of texts hashed instead of every row's.
pub(super) fn tally<'a>(
    values: &'a [Value],
    rows: &[usize],
    won: &[bool],
) -> HashMap<Option<&'a str>, (usize, usize)> {
    let mut by_address: HashMap<usize, (&'a str, usize, usize)> = HashMap::default();
    let mut empty = (0, 0);
    for &r in rows {
        let w = usize::from(won[r]);
        match &values[r] {
            Some(v) => {
                let e = by_address
                    .entry(Arc::as_ptr(v) as *const u8 as usize)
                    .or_insert((v, 0, 0));
                e.1 += 1;
                e.2 += w;
            }
            None => {
                empty.0 += 1;
                empty.1 += w;
            }
        }
    }
    let mut out: HashMap<Option<&str>, (usize, usize)> = HashMap::default();
    for (v, n, w) in by_address.into_values() {
        let e = out.entry(Some(v)).or_default();
        e.0 += n;
        e.1 += w;
    }
    if empty.0 > 0 {
        out.insert(None, empty);
    }
    out
}

/// The distinct texts of `values` (each shared text looked at once).
pub(super) fn distinct_texts(values: &[Value]) -> Vec<&str> {
    let mut seen: std::collections::HashSet<usize> = std::collections::HashSet::new();
    let mut texts: Vec<&str> = values
        .iter()
        .flatten()
        .filter(|v| seen.insert(Arc::as_ptr(v) as *const u8 as usize))
        .map(|v| &**v)
        .collect();
    texts.sort_unstable();
    texts.dedup();
    texts
}

/// Why a column is leaky, if it is; and its single-feature AUC on the labelled rows.
pub(super) fn scan(
    column: &Column,
    labelled: &[usize],
    unknown: &[usize],
    won: &[bool],
) -> (Vec<String>, Option<f64>) {
    let mut reasons = Vec::new();
    let tally = tally(&column.values, labelled, won);
    // Levels on a handful of records are pooled: scored by their own won rate they
    // would look predictive by chance.
    let mut pooled: HashMap<Option<&str>, (usize, usize)> = HashMap::default();
    for (&v, &(n, w)) in &tally {
        let key = match v {
            Some(_) if n < LEAK_MIN_LEVEL => Some(model::OTHER),
            v => v,
        };
        let e = pooled.entry(key).or_default();
        e.0 += n;
        e.1 += w;
    }
    let auc = stats::auc_of_levels(pooled.into_values());
    let won_n: usize = tally.values().map(|&(_, w)| w).sum();
    let enough = won_n >= LEAK_MIN_OUTCOMES && labelled.len() - won_n >= LEAK_MIN_OUTCOMES;
    let empty = tally.get(&None).map_or(0, |&(n, _)| n);
    let closed = (labelled.len() - empty) as f64 / labelled.len().max(1) as f64;
    let young = unknown
        .iter()
        .filter(|&&r| column.values[r].is_some())
        .count() as f64
        / unknown.len().max(1) as f64;
    if unknown.len() >= 20 && closed >= 0.5 && young <= 0.05 {
        reasons.push(format!(
            "filled after the outcome: on {} of closed records, {} of those not yet closed",
            crate::format::percent(closed),
            crate::format::percent(young)
        ));
    }
    if let Some(a) = auc
        && a >= LEAK_AUC
        && enough
    {
        reasons.push(format!(
            "predicts the outcome almost perfectly on its own (AUC {a:.2})"
        ));
    }
    if column.levels {
        let named: Vec<&str> = distinct_texts(&column.values)
            .into_iter()
            .filter(|v| *v != "filled" && rules::names_outcome(v))
            .collect();
        if !named.is_empty() {
            let shown: Vec<String> = named.iter().take(3).map(|v| format!("\"{v}\"")).collect();
            reasons.push(format!("its values name an outcome ({})", shown.join(", ")));
        }
    }
    (reasons, auc)
}

pub(super) fn measure(mut s: Subject, options: &Options) -> Readiness {
    let won_flags: Vec<bool> = s.labels.iter().map(|l| *l == Label::Won).collect();
    let count = |l: Label| s.labels.iter().filter(|&&x| x == l).count();
    let labels = Labels {
        won: count(Label::Won),
        lost: count(Label::Lost),
        young: count(Label::Young),
        open: count(Label::Open),
        maturity_days: options.maturity_days,
        as_of: s
            .as_of
            .and_then(chrono::DateTime::from_timestamp_millis)
            .map(|d| d.date_naive().to_string()),
    };
    let labelled: Vec<usize> = (0..s.labels.len())
        .filter(|&i| matches!(s.labels[i], Label::Won | Label::Lost))
        .collect();
    let unknown: Vec<usize> = (0..s.labels.len())
        .filter(|&i| matches!(s.labels[i], Label::Young | Label::Open))
        .collect();
    let base_rate = (!labelled.is_empty()).then(|| labels.won as f64 / labelled.len() as f64);

    // Leakage: every column.
    let mut leaks = Vec::new();
    let mut features: Vec<&Column> = Vec::new();
    // Each column's scan is independent: on all cores.
    let scans: Vec<(Vec<String>, Option<f64>)> = s
        .columns
        .par_iter()
        .map(|c| scan(c, &labelled, &unknown, &won_flags))
        .collect();
    for (c, (reasons, auc)) in s.columns.iter().zip(scans) {
        if !reasons.is_empty() {
            leaks.push(Leak {
                column: c.name.clone(),
                origin: c.origin.clone(),
                reasons,
                auc,
            });
        } else if c.feature {
            features.push(c);
        }
    }

    let notes = std::mem::take(&mut s.notes);
    let mut out = Readiness {
        subject: s.name.to_owned(),
        labels: labels.clone(),
        base_rate,
        minimums: minimums(labelled.len(), labels.won),
        leaks,
        features: features.iter().map(|c| c.name.clone()).collect(),
        validation: None,
        no_validation: None,
        effects: Vec::new(),
        process: None,
        drift: None,
        label_quality: None,
        verdict: ReadinessLevel::Unmeasured,
        reason: String::new(),
        notes,
    };
    let Some(base) = base_rate else {
        out.drift = drift(&features, &s.times, s.tz);
        let why = format!("no {} has a known outcome", s.name.trim_end_matches('s'));
        out.no_validation = Some(why.clone());
        out.reason = why;
        return out;
    };
    // What the records show (drift, the strongest effects, speed-to-lead's), the
    // validation on every label, and the one without the labels in doubt (for label
    // quality) are independent: side by side.
    let doubt = |r: usize| s.doubt.get(r).copied().unwrap_or(0);
    let clean: Vec<usize> = labelled
        .iter()
        .copied()
        .filter(|&r| doubt(r) == 0)
        .collect();
    let without_doubt = clean.len() < labelled.len() && labelled.iter().any(|&r| !won_flags[r]);
    let shown = || {
        let drift = drift(&features, &s.times, s.tz);
        let effects = effects(&features, &labelled, &won_flags, base);
        let process = s
            .process
            .as_ref()
            .map(|p| process(p, &labelled, &won_flags, base));
        (drift, effects, process)
    };
    let ((all, clean_validation), (drift, effects, process)) = rayon::join(
        || {
            rayon::join(
                || validate(&features, &labelled, &won_flags, &s.times, s.time_field),
                || {
                    without_doubt
                        .then(|| validate(&features, &clean, &won_flags, &s.times, s.time_field))
                },
            )
        },
        shown,
    );
    out.drift = drift;
    out.effects = effects;
    out.process = process;
    match all {
        Ok(v) => out.validation = Some(v),
        Err(why) => out.no_validation = Some(why),
    }
    out.label_quality = Some(label_quality(
        &labelled,
        &won_flags,
        &s,
        out.validation.as_ref(),
        clean_validation,
    ));
    let (verdict, reason) = verdict(&out);
    out.verdict = verdict;
    out.reason = reason;
    out
}

/// The labels in doubt and the AUC without them.
/// `without`: the validation on the labels not in doubt, when some are (and some are lost).
pub(super) fn label_quality(
    labelled: &[usize],
    won: &[bool],
    s: &Subject,
    with_all: Option<&Validation>,
    without: Option<Result<Validation, String>>,
) -> LabelQuality {
    let doubt = |r: usize| s.doubt.get(r).copied().unwrap_or(0);
    let count = |bit: u8| labelled.iter().filter(|&&r| doubt(r) & bit != 0).count();
    let in_doubt: Vec<usize> = labelled
        .iter()
        .copied()
        .filter(|&r| doubt(r) != 0)
        .collect();
    let no_lost = !labelled.is_empty() && labelled.iter().all(|&r| won[r]);
    let mut q = LabelQuality {
        labelled: labelled.len(),
        variant_stage: count(DOUBT_VARIANT),
        missing_reason: count(DOUBT_REASON),
        in_doubt: in_doubt.len(),
        in_doubt_won: in_doubt.iter().filter(|&&r| won[r]).count(),
        no_lost_outcomes: no_lost,
        auc_without: None,
        auc_without_low: None,
        auc_without_high: None,
        auc_change: None,
        poisons: no_lost,
        text: String::new(),
    };
    let subject = s.name;
    let n = |v: usize| crate::format::count(v as u64);
    let doubted = format!(
        "{} of {} labelled {subject} rest on a deal the hygiene findings put in doubt ({} a variant stage label, {} closed without a reason)",
        n(q.in_doubt),
        n(q.labelled),
        n(q.variant_stage),
        n(q.missing_reason)
    );
    if no_lost {
        q.text = format!(
            "no lost outcome at all: every label is in doubt, a scorer cannot learn what a bad lead looks like; {doubted}"
        );
        return q;
    }
    let Some(all) = with_all else {
        q.text = format!("{doubted}; without a validated AUC, what they change is not measured");
        return q;
    };
    if in_doubt.is_empty() {
        q.auc_without = Some(all.auc);
        q.auc_without_low = Some(all.auc_low);
        q.auc_without_high = Some(all.auc_high);
        q.auc_change = Some(0.0);
        q.text = format!(
            "no labelled {} rests on a deal the hygiene findings put in doubt",
            subject.trim_end_matches('s')
        );
        return q;
    }
    // Measured by the caller whenever some labels are in doubt and some are lost.
    let Some(without) = without else {
        q.text = format!("{doubted}; what they change was not measured");
        return q;
    };
    match without {
        Ok(v) => {
            let change = v.auc - all.auc;
            q.auc_without = Some(v.auc);
            q.auc_without_low = Some(v.auc_low);
            q.auc_without_high = Some(v.auc_high);
            q.auc_change = Some(change);
            q.poisons = change.abs() > POISON_AUC_CHANGE;
            q.text = format!(
                "{doubted}; without them the AUC is {:.2} instead of {:.2} ({}{:.2}), {} the {POISON_AUC_CHANGE:.2} that would poison the history",
                v.auc,
                all.auc,
                if change < 0.0 { "−" } else { "+" },
                change.abs(),
                if q.poisons { "over" } else { "within" },
            );
        }
        Err(why) => {
            q.text = format!("{doubted}; without them the AUC cannot be measured: {why}");
        }
    }
    q
}

pub(super) fn verdict(r: &Readiness) -> (ReadinessLevel, String) {
    if r.labels.lost == 0 {
        return (
            ReadinessLevel::Poisoned,
            "no lost outcomes at all: a scorer cannot learn what a bad lead looks like".to_owned(),
        );
    }
    if r.labels.won == 0 {
        return (
            ReadinessLevel::Unmeasured,
            "no won outcomes at all".to_owned(),
        );
    }
    if !r.minimums.met {
        return (
            ReadinessLevel::Thin,
            format!(
                "{} labelled records with {} won, under the vendor-stated minimums of {} and {}",
                crate::format::count(r.minimums.records as u64),
                crate::format::count(r.minimums.won as u64),
                crate::format::count(r.minimums.needed_records as u64),
                crate::format::count(r.minimums.needed_won as u64)
            ),
        );
    }
    let Some(v) = &r.validation else {
        return (
            ReadinessLevel::Unmeasured,
            r.no_validation.clone().unwrap_or_default(),
        );
    };
    if let Some(q) = &r.label_quality
        && q.poisons
        && let Some(change) = q.auc_change
    {
        return (
            ReadinessLevel::Poisoned,
            format!(
                "the {} labels in doubt move the AUC by {:.2} (from {:.2} to {:.2} without them), more than {POISON_AUC_CHANGE:.2}: clean the history before trusting a scorer",
                q.in_doubt,
                change.abs(),
                v.auc,
                v.auc + change
            ),
        );
    }
    if v.auc_low <= 0.5 {
        return (
            ReadinessLevel::NoSignal,
            format!(
                "AUC {:.2}, its 90% interval ({:.2} to {:.2}) includes 0.5: no better than chance",
                v.auc, v.auc_low, v.auc_high
            ),
        );
    }
    if v.auc >= READY_AUC {
        let leaks = if r.leaks.is_empty() {
            String::new()
        } else {
            format!(", after excluding {} leaky column(s)", r.leaks.len())
        };
        return (
            ReadinessLevel::Ready,
            format!(
                "AUC {:.2} (90% interval {:.2} to {:.2}) on enough labels{leaks}",
                v.auc, v.auc_low, v.auc_high
            ),
        );
    }
    (
        ReadinessLevel::Weak,
        format!(
            "AUC {:.2} (90% interval {:.2} to {:.2}): some signal, under the {READY_AUC:.2} a useful scorer needs",
            v.auc, v.auc_low, v.auc_high
        ),
    )
}

/// Speed-to-lead as a process feature: the won rate of each bucket, in the curve's
/// order, and its single-feature AUC.
pub(super) fn process(buckets: &[Value], labelled: &[usize], won: &[bool], base: f64) -> Process {
    let col = Column {
        name: "Speed to lead".into(),
        origin: String::new(),
        values: buckets.to_vec(),
        levels: true,
        feature: true,
    };
    let mut shown = effects(&[&col], labelled, won, base);
    shown.sort_by_key(|b| {
        LeadSpeed::labels()
            .chain([SPEED_NOT_MEASURED])
            .position(|x| x == b.value)
    });
    let values: Vec<Value> = labelled.iter().map(|&r| buckets[r].clone()).collect();
    let outcome: Vec<bool> = labelled.iter().map(|&r| won[r]).collect();
    Process {
        feature: "speed to lead".to_owned(),
        buckets: shown,
        auc: stats::single_feature_auc(&values, &outcome),
    }
}

/// The feature values whose won rate departs most from the base rate (by how many
/// standard errors), with at least [`model::MIN_LEVEL`] records.
pub(super) fn effects(
    features: &[&Column],
    labelled: &[usize],
    won: &[bool],
    base: f64,
) -> Vec<Effect> {
    // With no won (or no lost) outcome, no value can be compared with the base rate.
    if !(base > 0.0 && base < 1.0) {
        return Vec::new();
    }
    let mut all = Vec::new();
    for c in features {
        let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for (v, (n, w)) in tally(&c.values, labelled, won) {
            let e = counts.entry(v.unwrap_or(model::MISSING)).or_default();
            e.0 += n;
            e.1 += w;
        }
        for (value, (n, w)) in counts {
            if n < model::MIN_LEVEL {
                continue;
            }
            let rate = w as f64 / n as f64;
            let ratio = rate / base;
            let z = (rate - base).abs() / (base * (1.0 - base) / n as f64).sqrt().max(1e-12);
            all.push((
                z,
                Effect {
                    feature: c.name.clone(),
                    value: value.to_owned(),
                    records: n,
                    won_rate: rate,
                    ratio,
                    text: format!(
                        "{} = {value}: {ratio:.1}× the base rate ({} of {} won)",
                        c.name,
                        crate::format::percent(rate),
                        crate::format::count(n as u64)
                    ),
                },
            ));
        }
    }
    all.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.text.cmp(&b.1.text)));
    all.into_iter()
        .take(EFFECTS_SHOWN)
        .map(|(_, e)| e)
        .collect()
}
