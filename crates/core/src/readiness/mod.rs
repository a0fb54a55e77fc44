//! Score readiness (issue #15): would a lead score trained on this history work?
//!
//! Labels each lead (or, without leads, each deal) won, lost or not yet known; builds
//! the features known when the record was created; scans every column of the file,
//! mapped or not, for leakage; trains an L2-regularised logistic regression on the
//! rest and validates it in time order (or by stratified 5-fold cross-validation
//! without dates). Everything is deterministic: a fixed seed, the same figures every
//! run.
//!
//! Label quality: the labels that rest on a deal the hygiene findings of items 1 and 2
//! put in doubt (a variant stage label, closed without a reason) are counted, and the
//! AUC is measured again without them.

pub mod model;
pub mod rules;
pub mod stats;
pub mod view;

mod deals;
mod leads;
mod measure;
mod read;
mod validate;

use deals::*;
use leads::*;
use measure::*;
use read::*;
pub use validate::psi;
use validate::*;

use std::collections::BTreeMap;
use std::sync::Arc;

// Polars' hash map (a fast, non-cryptographic hasher): the maps here are keyed by
// millions of ids and texts of the user's own files.
use polars::prelude::PlHashMap as HashMap;

use chrono::{NaiveDate, TimeZone as _, Utc};
use polars::prelude::*;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::ingest::{ExtraColumn, Import, Kind};
use crate::metrics::{self, LeadSpeed};
use crate::settings::Settings;
pub use stats::CalibrationBin;

/// Days after creation before an unconverted lead counts as lost.
pub const DEFAULT_MATURITY_DAYS: u32 = 90;
/// Vendor-stated minimum of labelled records (Salesforce Einstein Lead Scoring).
pub const VENDOR_MIN_RECORDS: usize = 1000;
/// Vendor-stated minimum of conversions (Salesforce Einstein Lead Scoring).
pub const VENDOR_MIN_WON: usize = 120;
/// A column that predicts the outcome this well on its own is leaky.
pub const LEAK_AUC: f64 = 0.95;
/// The AUC test of leakage needs this many won and this many lost records.
pub const LEAK_MIN_OUTCOMES: usize = 10;
/// In the AUC test of leakage, levels on fewer labelled records are pooled.
pub const LEAK_MIN_LEVEL: usize = 10;
/// The AUC a scorer needs for "ready".
pub const READY_AUC: f64 = 0.70;
/// The seed of the folds and the bootstrap.
pub const SEED: u64 = 20_260_415;
/// Bootstrap resamples of the AUC interval (a fifth of it over 20,000 tested records).
pub const BOOTSTRAP_ROUNDS: usize = 500;
/// The fewest won and the fewest lost records an AUC is measured on: with fewer, one
/// record more or less swings it from good to useless (a test period with 1 won lead gave
/// the sample an AUC of 0.09).
pub const MIN_TESTED_OUTCOMES: usize = 10;
/// An unmapped column with at most this many distinct values is a candidate feature.
pub const FEATURE_MAX_LEVELS: usize = 20;
/// The newest share of dated labelled records held out in time-ordered validation.
pub const TEST_SHARE: f64 = 0.25;
/// How many feature effects are reported.
pub const EFFECTS_SHOWN: usize = 8;

const MS_PER_DAY: i64 = 86_400_000;

/// What can stop the readiness measure.
#[derive(Debug, thiserror::Error)]
pub enum ReadinessError {
    /// Speed-to-lead (the process feature) could not be worked out.
    #[error("score readiness: {0}")]
    Speed(#[from] metrics::MetricsError),
    #[error(
        "score readiness: reading the {kind} table failed ({error}); this is a bug in Lead Audit, please report it"
    )]
    Polars {
        kind: &'static str,
        error: PolarsError,
    },
    #[error("score readiness: grouping the deals' stage labels failed: {0}")]
    Stages(#[from] crate::findings::FindingsError),
}

/// How to measure.
#[derive(Debug, Clone)]
pub struct Options {
    /// Days after creation before an unconverted lead counts as lost.
    pub maturity_days: u32,
    /// The day the exports were taken (default: the newest creation date).
    pub as_of: Option<NaiveDate>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            maturity_days: DEFAULT_MATURITY_DAYS,
            as_of: None,
        }
    }
}

/// The score-readiness block of an audit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Readiness {
    /// What is scored: `leads`, `deals`, or `none`.
    pub subject: String,
    pub labels: Labels,
    /// The share of labelled records that were won.
    pub base_rate: Option<f64>,
    pub minimums: Minimums,
    /// Columns excluded from the model as leaky, with their single-feature AUC.
    pub leaks: Vec<Leak>,
    /// The features the model was trained on.
    pub features: Vec<String>,
    pub validation: Option<Validation>,
    /// Why there is no validation, when there is none.
    pub no_validation: Option<String>,
    /// The feature values that move the won rate most, in plain words.
    pub effects: Vec<Effect>,
    /// Speed to lead: a process feature, reported apart and not in the model.
    pub process: Option<Process>,
    /// Each model feature's population stability index between the two newest
    /// quarters with records (by creation date, else close date).
    #[serde(default)]
    pub drift: Option<Drift>,
    /// The labels the hygiene findings put in doubt, and the AUC without them.
    #[serde(default)]
    pub label_quality: Option<LabelQuality>,
    pub verdict: ReadinessLevel,
    pub reason: String,
    /// How the labels were read and what is not measured.
    pub notes: Vec<String>,
}

/// The verdict's inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadinessLevel {
    /// Enough labels, AUC ≥ 0.70, no leakage left.
    Ready,
    /// Under the vendor-stated minimums.
    Thin,
    /// The AUC's 90% interval includes 0.5.
    NoSignal,
    /// No lost outcomes at all, or the labels in doubt move the AUC by more than
    /// [`POISON_AUC_CHANGE`].
    Poisoned,
    /// Signal, but an AUC under 0.70.
    Weak,
    /// Nothing could be measured (no labelled records, one outcome only, …).
    Unmeasured,
}

impl ReadinessLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            ReadinessLevel::Ready => "ready",
            ReadinessLevel::Thin => "thin",
            ReadinessLevel::NoSignal => "no_signal",
            ReadinessLevel::Poisoned => "poisoned",
            ReadinessLevel::Weak => "weak",
            ReadinessLevel::Unmeasured => "unmeasured",
        }
    }
}

/// How many records got each label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Labels {
    pub won: usize,
    pub lost: usize,
    /// Unconverted leads younger than the maturity window: left out.
    pub young: usize,
    /// Records whose outcome is not known yet (an open deal, a converted lead without
    /// a closed deal): left out.
    pub open: usize,
    pub maturity_days: u32,
    /// The day ages are counted to.
    pub as_of: Option<String>,
}

/// The labelled records against the vendor-stated minimums.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Minimums {
    pub records: usize,
    pub won: usize,
    pub needed_records: usize,
    pub needed_won: usize,
    pub source: String,
    pub met: bool,
}

/// A leaky column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Leak {
    pub column: String,
    /// The file it came from, or the field it was mapped to.
    pub origin: String,
    pub reasons: Vec<String>,
    /// The AUC it reaches on its own.
    pub auc: Option<f64>,
}

/// The held-out evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Validation {
    /// `time_ordered` or `stratified_5_fold`.
    pub method: String,
    /// In words: what was trained on and what was tested.
    pub split: String,
    pub train: usize,
    pub test: usize,
    pub auc: f64,
    /// The bootstrap 90% interval of the AUC.
    pub auc_low: f64,
    pub auc_high: f64,
    pub top_decile_lift: Option<f64>,
    pub calibration: Vec<CalibrationBin>,
    /// The ROC curve of the tested records: (false positive rate, true positive rate)
    /// at each tenth of the false positive rate.
    #[serde(default)]
    pub roc: Vec<(f64, f64)>,
}

/// One feature value's won rate against the base rate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Effect {
    pub feature: String,
    pub value: String,
    pub records: usize,
    pub won_rate: f64,
    /// `won_rate` over the base rate.
    pub ratio: f64,
    pub text: String,
}

/// The process feature: speed to lead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Process {
    pub feature: String,
    pub buckets: Vec<Effect>,
    pub auc: Option<f64>,
}

/// Drift between the two newest quarters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Drift {
    /// The older quarter, e.g. `2026Q2`.
    pub from: String,
    /// The newest quarter.
    pub to: String,
    pub features: Vec<FeatureDrift>,
}

/// One feature's population stability index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureDrift {
    pub feature: String,
    pub psi: f64,
    /// Over [`DRIFT_PSI`].
    pub flagged: bool,
}

/// A feature whose PSI between the two newest quarters is over this has drifted.
pub const DRIFT_PSI: f64 = 0.25;

/// Labels in doubt that move the AUC by more than this poison the history.
pub const POISON_AUC_CHANGE: f64 = 0.05;

/// The labels that the hygiene findings of items 1 and 2 put in doubt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelQuality {
    /// Labelled records (won or lost).
    pub labelled: usize,
    /// Labelled records whose outcome comes from a deal with a variant stage label
    /// (`stage_label_variants`, item 1).
    pub variant_stage: usize,
    /// Labelled records whose outcome comes from a closed deal without a close reason
    /// (`closed_missing_close_reason`, item 1).
    pub missing_reason: usize,
    /// Records in doubt for either reason, each counted once.
    pub in_doubt: usize,
    /// Of those, how many are won.
    pub in_doubt_won: usize,
    /// No lost outcome at all (item 2): every label is in doubt.
    pub no_lost_outcomes: bool,
    /// The AUC measured again, the same way, without the records in doubt.
    pub auc_without: Option<f64>,
    pub auc_without_low: Option<f64>,
    pub auc_without_high: Option<f64>,
    /// `auc_without` − the AUC with every label.
    pub auc_change: Option<f64>,
    /// Over [`POISON_AUC_CHANGE`] either way.
    pub poisons: bool,
    /// In words.
    pub text: String,
}

/// One record's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Won,
    Lost,
    Young,
    Open,
}

/// A record's value in a column: shared, so a level held by a million records is one
/// allocation.
pub(crate) type Value = Option<Arc<str>>;

/// A column as categories: its values, the name shown, where it came from.
struct Column {
    name: String,
    origin: String,
    values: Vec<Value>,
    /// Whether the values are levels (else "filled" or empty).
    levels: bool,
    /// A candidate feature of the model (else scanned for leakage only).
    feature: bool,
}

/// What the subject's table gives the model.
struct Subject {
    name: &'static str,
    labels: Vec<Label>,
    /// Creation (or close) time of each record, ms since the epoch.
    times: Vec<Option<i64>>,
    time_field: &'static str,
    columns: Vec<Column>,
    process: Option<Vec<Value>>,
    as_of: Option<i64>,
    notes: Vec<String>,
    /// Why each record's label is in doubt ([`DOUBT_VARIANT`] | [`DOUBT_REASON`] bits).
    doubt: Vec<u8>,
    /// The exports' time zone: quarters follow its calendar.
    tz: chrono_tz::Tz,
}

/// Measures score readiness on an import. The process feature's speed-to-lead is worked
/// out here by [`metrics::lead_speed`]; an audit that has the baselines' already passes
/// it to [`compute_with`].
pub fn compute(import: &Import, options: &Options) -> Result<Readiness, ReadinessError> {
    let zone = &import.inspection.timezone;
    let settings = Settings {
        timezone: if zone.parse::<chrono_tz::Tz>().is_ok() {
            zone.clone()
        } else {
            "UTC".to_owned()
        },
        ..Settings::default()
    };
    let speed = match import.tables.leads {
        Some(_) => metrics::lead_speed(&import.tables, &settings)?,
        None => None,
    };
    compute_with(import, options, speed.as_ref())
}

/// Measures score readiness on an import, with each lead's speed-to-lead bucket as the
/// baselines measured it ([`metrics::compute_with_speed`]).
pub fn compute_with(
    import: &Import,
    options: &Options,
    speed: Option<&LeadSpeed>,
) -> Result<Readiness, ReadinessError> {
    let doubts = match &import.tables.deals {
        Some(deals) => Some(deal_doubts(deals)?),
        None => None,
    };
    let subject = if let Some(leads) = &import.tables.leads {
        Some(
            leads_subject(import, leads, options, doubts.as_deref(), speed).map_err(|error| {
                ReadinessError::Polars {
                    kind: "leads",
                    error,
                }
            })?,
        )
    } else if let Some(deals) = &import.tables.deals {
        let mut s = deals_subject(import, deals).map_err(|error| ReadinessError::Polars {
            kind: "deals",
            error,
        })?;
        s.doubt = doubts.unwrap_or_default();
        Some(s)
    } else {
        None
    };
    let tz: chrono_tz::Tz = import.inspection.timezone.parse().unwrap_or(chrono_tz::UTC);
    Ok(match subject {
        Some(mut s) => {
            s.tz = tz;
            measure(s, options)
        }
        None => unmeasured(
            options,
            "there is neither a leads nor a deals file to learn from",
        ),
    })
}

fn unmeasured(options: &Options, reason: &str) -> Readiness {
    Readiness {
        subject: "none".to_owned(),
        labels: Labels {
            won: 0,
            lost: 0,
            young: 0,
            open: 0,
            maturity_days: options.maturity_days,
            as_of: None,
        },
        base_rate: None,
        minimums: minimums(0, 0),
        leaks: Vec::new(),
        features: Vec::new(),
        validation: None,
        no_validation: Some(reason.to_owned()),
        effects: Vec::new(),
        process: None,
        drift: None,
        label_quality: None,
        verdict: ReadinessLevel::Unmeasured,
        reason: reason.to_owned(),
        notes: Vec::new(),
    }
}

fn minimums(records: usize, won: usize) -> Minimums {
    Minimums {
        records,
        won,
        needed_records: VENDOR_MIN_RECORDS,
        needed_won: VENDOR_MIN_WON,
        source: "vendor-stated: Salesforce Einstein Lead Scoring needs at least 1,000 leads and 120 conversions".to_owned(),
        met: records >= VENDOR_MIN_RECORDS && won >= VENDOR_MIN_WON,
    }
}

#[cfg(test)]
mod tests;

/// A readiness result for the tests of its readers: 2,000 undated leads, Webinar won at
/// 40%, Cold at 10%.
#[cfg(test)]
pub(crate) fn two_source_fixture() -> Readiness {
    use crate::ingest::{Import, Inspection, Tables};
    use polars::prelude::*;
    let n = 2000;
    let source: Vec<&str> = (0..n)
        .map(|i| if i % 2 == 0 { "Webinar" } else { "Cold" })
        .collect();
    let converted: Vec<bool> = (0..n)
        .map(|i| {
            let k = (i / 2) % 10;
            if i % 2 == 0 { k < 4 } else { k < 1 }
        })
        .collect();
    let df = df!(
        "id" => (0..n).map(|i| format!("L{i}")).collect::<Vec<_>>(),
        "source" => source,
        "converted" => converted,
        "_file" => vec!["leads.csv"; n],
    )
    .unwrap();
    let import = Import {
        inspection: Inspection {
            timezone: "UTC".into(),
            files: Vec::new(),
        },
        tables: Tables {
            leads: Some(tests::canonical(Kind::Leads, df)),
            ..Tables::default()
        },
        extras: Vec::new(),
    };
    compute(&import, &Default::default()).unwrap()
}
