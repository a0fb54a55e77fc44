//! Score readiness in words: what the PDF's "Score readiness" page and the app's
//! dashboard section show, every number formatted here so that neither renderer holds
//! a formatting rule.

use serde::Serialize;

use super::{Readiness, ReadinessLevel};
use crate::charts::{self, LabelledChart, OmittedChart};
use crate::format;

/// One figure of score readiness, in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadinessTile {
    pub id: &'static str,
    pub label: &'static str,
    pub value: String,
    pub detail: String,
}

/// Score readiness as the dashboard and the PDF show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadinessView {
    /// `ready`, `thin`, `no_signal`, `poisoned`, `weak` or `unmeasured`.
    pub verdict: &'static str,
    /// The verdict in words: "Ready", "Too few labels", …
    pub verdict_label: &'static str,
    pub reason: String,
    pub tiles: Vec<ReadinessTile>,
    /// How the model was validated, in words.
    pub validation: String,
    /// Each leaky column excluded, with why.
    pub leaks: Vec<String>,
    /// The features that drifted between the two newest quarters.
    pub drift: Vec<String>,
    /// What the hygiene findings' doubtful labels change.
    pub label_quality: Option<String>,
    /// The strongest effects, in plain words.
    pub effects: Vec<String>,
    /// Speed to lead by bucket: the process feature, kept out of the model.
    pub process: Vec<String>,
    pub charts: Vec<LabelledChart>,
    pub omitted: Vec<OmittedChart>,
    pub notes: Vec<String>,
}

/// The verdict in words.
pub fn verdict_label(level: ReadinessLevel) -> &'static str {
    match level {
        ReadinessLevel::Ready => "Ready: a score trained on this history would work",
        ReadinessLevel::Thin => "Thin: too few labelled outcomes",
        ReadinessLevel::NoSignal => "No signal: the outcomes cannot be predicted",
        ReadinessLevel::Poisoned => "Poisoned: the labels mislead a scorer",
        ReadinessLevel::Weak => "Weak: some signal, not enough",
        ReadinessLevel::Unmeasured => "Not measured",
    }
}

fn auc(v: f64) -> String {
    format!("{v:.2}")
}

/// The view of a readiness block.
pub fn view(r: &Readiness) -> ReadinessView {
    let n = |v: usize| format::count(v as u64);
    let noun = if r.subject == "deals" {
        "deals"
    } else {
        "leads"
    };
    let mut tiles = Vec::new();
    match &r.validation {
        Some(v) => tiles.push(ReadinessTile {
            id: "auc",
            label: "AUC on held-out records",
            value: auc(v.auc),
            detail: format!(
                "90% interval {} to {}; 0.5 is chance, {} is ready",
                auc(v.auc_low),
                auc(v.auc_high),
                auc(super::READY_AUC)
            ),
        }),
        None => tiles.push(ReadinessTile {
            id: "auc",
            label: "AUC on held-out records",
            value: format::NOT_AVAILABLE.to_owned(),
            detail: r.no_validation.clone().unwrap_or_default(),
        }),
    }
    tiles.push(ReadinessTile {
        id: "labels",
        label: "Labelled outcomes",
        value: n(r.minimums.records),
        detail: format!(
            "{} won, {} lost; vendor minimum {} with {} won: {}",
            n(r.labels.won),
            n(r.labels.lost),
            n(r.minimums.needed_records),
            n(r.minimums.needed_won),
            if r.minimums.met { "met" } else { "not met" }
        ),
    });
    tiles.push(ReadinessTile {
        id: "base_rate",
        label: "Base rate",
        value: r
            .base_rate
            .map_or_else(|| format::NOT_AVAILABLE.to_owned(), format::percent),
        detail: format!("of the labelled {noun} were won"),
    });
    if let Some(v) = &r.validation {
        tiles.push(ReadinessTile {
            id: "lift",
            label: "Top-decile lift",
            value: v
                .top_decile_lift
                .map_or_else(|| format::NOT_AVAILABLE.to_owned(), |l| format!("{l:.1}×")),
            detail: "the won rate of the 10% scored highest, against the base rate".to_owned(),
        });
    }
    if let Some(q) = &r.label_quality {
        tiles.push(ReadinessTile {
            id: "label_quality",
            label: "AUC without doubtful labels",
            value: q
                .auc_without
                .map_or_else(|| format::NOT_AVAILABLE.to_owned(), auc),
            detail: format!(
                "{} of {} labels in doubt{}",
                n(q.in_doubt),
                n(q.labelled),
                q.auc_change
                    .map(|c| format!(
                        "; {}{} against all labels",
                        if c < 0.0 { "−" } else { "+" },
                        auc(c.abs())
                    ))
                    .unwrap_or_default()
            ),
        });
    }
    tiles.push(ReadinessTile {
        id: "leaks",
        label: "Leaky columns excluded",
        value: n(r.leaks.len()),
        detail: "columns that give the outcome away".to_owned(),
    });
    let validation = match (&r.validation, &r.no_validation) {
        (Some(v), _) => {
            let mut c = v.split.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
        (None, Some(why)) => format!("Not validated: {why}"),
        (None, None) => String::new(),
    };
    let leaks = r
        .leaks
        .iter()
        .map(|l| {
            format!(
                "{} ({}): {}{}",
                l.column,
                l.origin,
                l.reasons.join("; "),
                l.auc
                    .map(|a| format!("; AUC alone {}", auc(a)))
                    .unwrap_or_default()
            )
        })
        .collect();
    let drift = r
        .drift
        .iter()
        .flat_map(|d| {
            d.features.iter().filter(|f| f.flagged).map(move |f| {
                format!(
                    "{}: population stability index {:.2} from {} to {}, over {:.2}",
                    f.feature,
                    f.psi,
                    d.from,
                    d.to,
                    super::DRIFT_PSI
                )
            })
        })
        .collect();
    let set = charts::readiness_charts(r);
    ReadinessView {
        verdict: r.verdict.as_str(),
        verdict_label: verdict_label(r.verdict),
        reason: r.reason.clone(),
        tiles,
        validation,
        leaks,
        drift,
        label_quality: r.label_quality.as_ref().map(|q| q.text.clone()),
        effects: r.effects.iter().map(|e| e.text.clone()).collect(),
        process: r
            .process
            .iter()
            .flat_map(|p| p.buckets.iter().map(|b| b.text.clone()))
            .collect(),
        charts: set
            .charts
            .into_iter()
            .map(charts::ChartSpec::labelled)
            .collect(),
        omitted: set.omitted,
        notes: r.notes.clone(),
    }
}
