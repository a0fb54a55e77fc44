//! The 12 checks, each a self-describing unit: its [`Meta`] and a `run` that reads the
//! baseline, the findings and the settings and suggests a grade with a rationale and
//! the evidence behind it. Policy (thresholds, "worst of") lives in [`crate::checklist::policy`].

mod data;
mod process;

use serde::{Deserialize, Serialize};

use super::meta::{ITEMS, Meta};
use super::policy::{Suggestion, suggest, threshold};
use crate::findings::{Def, Finding, Findings, enrichment, hygiene, identity, sync, writeback};
use crate::format;
use crate::metrics::{Baseline, Figures};
use crate::settings::Settings;
use data::*;
use process::*;

/// One piece of evidence behind a suggestion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// `finding` or `figure`.
    pub kind: String,
    /// The finding id or the figure's key.
    pub id: String,
    /// What it says, with its number.
    pub text: String,
    /// The measured value (a share 0..1, a count, minutes…), when there is one.
    pub value: Option<f64>,
}

impl Evidence {
    fn finding(f: &Finding) -> Evidence {
        Evidence {
            kind: "finding".into(),
            id: f.id.clone(),
            text: f.title.clone(),
            value: (f.of > 0).then(|| share(f)),
        }
    }

    fn figure(id: &str, text: String, value: Option<f64>) -> Evidence {
        Evidence {
            kind: "figure".into(),
            id: id.into(),
            text,
            value,
        }
    }
}

/// What a check concluded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// The grade the data suggests; `None` when data cannot decide.
    pub suggested: Option<Suggestion>,
    /// One or two sentences with the numbers.
    pub rationale: String,
    pub evidence: Vec<Evidence>,
    /// What the person must confirm, when data cannot decide alone.
    pub confirm: Option<String>,
}

/// A checklist item: what it is, and how its evidence is read.
pub trait Check: Sync {
    fn meta(&self) -> &'static Meta;
    fn run(&self, baseline: &Baseline, findings: &Findings, settings: &Settings) -> Outcome;
}

fn share(f: &Finding) -> f64 {
    if f.of == 0 {
        0.0
    } else {
        f.count as f64 / f.of as f64
    }
}

fn pct(x: f64) -> String {
    format::percent(x)
}

fn not_applicable(why: String) -> Outcome {
    Outcome {
        suggested: Some(Suggestion::NotApplicable),
        rationale: why,
        evidence: Vec::new(),
        confirm: None,
    }
}

/// Whether `f` is a finding of one of `defs`.
fn of_defs(f: &Finding, defs: &[Def]) -> bool {
    defs.iter().any(|d| d.id == f.id)
}

/// The assessed findings of `defs` (present and not "not assessed").
fn assessed<'a>(findings: &'a Findings, defs: &[Def]) -> Vec<&'a Finding> {
    findings
        .findings
        .iter()
        .filter(|f| of_defs(f, defs) && !f.not_assessed())
        .collect()
}

/// The first "not assessed" reason among the findings of `defs`, for a not-applicable
/// rationale.
fn why_not_assessed(findings: &Findings, defs: &[Def]) -> Option<String> {
    findings
        .findings
        .iter()
        .find(|f| of_defs(f, defs) && f.not_assessed())
        .map(|f| f.title.clone())
}

/// The finding with the largest share among `list`.
fn worst<'a>(list: &[&'a Finding]) -> Option<&'a Finding> {
    list.iter()
        .filter(|f| f.of > 0)
        .max_by(|a, b| share(a).total_cmp(&share(b)))
        .copied()
}

fn graded(item: u8, figure: &str, value: f64) -> Suggestion {
    let t = threshold(item, figure).expect("a thresholds row for every graded figure");
    suggest(t, value)
}

fn unavailable(f: &Figures, key: &str) -> String {
    f.unavailable
        .get(key)
        .cloned()
        .unwrap_or_else(|| "the exports do not hold what it needs".to_owned())
}

// -----------------------------------------------------------------------------------

/// The registry: the 12 checks, in order.
pub const CHECKS: [&dyn Check; 12] = [
    &Hygiene,
    &WonLossSync,
    &ScoreSplit,
    &Enrichment,
    &Identity,
    &Routing,
    &ResponseSla,
    &SlaOwner,
    &Triggers,
    &Escalation,
    &WriteBack,
    &BaselineOwner,
];

/// Runs every check.
pub fn run_all(
    baseline: &Baseline,
    findings: &Findings,
    settings: &Settings,
) -> Vec<(&'static Meta, Outcome)> {
    CHECKS
        .iter()
        .map(|c| (c.meta(), c.run(baseline, findings, settings)))
        .collect()
}

#[cfg(test)]
mod tests;
