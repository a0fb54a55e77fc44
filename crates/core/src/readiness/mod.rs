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

/// A deal's outcome is in doubt: its stage label is a variant of another.
const DOUBT_VARIANT: u8 = 1;
/// A deal's outcome is in doubt: closed without a close reason.
const DOUBT_REASON: u8 = 2;

/// Why each deal's outcome is in doubt, as [`DOUBT_VARIANT`] | [`DOUBT_REASON`] bits, as
/// the hygiene findings of item 1 judge it (default placeholders).
fn deal_doubts(deals: &DataFrame) -> Result<Vec<u8>, ReadinessError> {
    let polars = |error| ReadinessError::Polars {
        kind: "deals",
        error,
    };
    let variants: std::collections::HashSet<String> =
        crate::findings::hygiene::stage_variants(deals)?
            .into_iter()
            .flat_map(|g| g.variants.into_iter().map(|(l, _)| l))
            .collect();
    let stages: Vec<Option<String>> = match deals.column("stage") {
        Ok(c) => c
            .as_materialized_series()
            .cast(&DataType::String)
            .map_err(polars)?
            .str()
            .map_err(polars)?
            .iter()
            .map(|v| v.map(str::to_owned))
            .collect(),
        Err(_) => vec![None; deals.height()],
    };
    let outcomes = texts(deals, "outcome").map_err(polars)?;
    let reasons = texts(deals, "close_reason").map_err(polars)?;
    let won_judged = bools(deals, "_won_reason_exported").map_err(polars)?;
    let placeholders: Vec<String> = crate::settings::Settings::default()
        .placeholders
        .iter()
        .map(|p| p.trim().to_lowercase())
        .collect();
    let missing = |r: &Value| match r {
        None => true,
        Some(r) => {
            placeholders.contains(&r.trim().to_lowercase()) || !r.chars().any(char::is_alphanumeric)
        }
    };
    Ok((0..deals.height())
        .map(|i| {
            let mut d = 0;
            if stages[i].as_ref().is_some_and(|s| variants.contains(s)) {
                d |= DOUBT_VARIANT;
            }
            let judged = match outcomes[i].as_deref().map(str::to_lowercase).as_deref() {
                Some("lost") => true,
                Some("won") => won_judged[i].unwrap_or(true),
                _ => false,
            };
            if judged && missing(&reasons[i]) {
                d |= DOUBT_REASON;
            }
            d
        })
        .collect())
}

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
fn quarter_number(ms: i64, tz: chrono_tz::Tz) -> Option<i64> {
    use chrono::Datelike as _;
    let d = chrono::DateTime::from_timestamp_millis(ms)?
        .with_timezone(&tz)
        .date_naive();
    Some(i64::from(d.year()) * 4 + i64::from(d.month0() / 3))
}

/// The PSI of each feature between the two newest quarters holding records.
fn drift(features: &[&Column], times: &[Option<i64>], tz: chrono_tz::Tz) -> Option<Drift> {
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

/// `rule` applied once per distinct input of `values` (the rules lowercase and split
/// text; a million records hold a few thousand titles).
fn per_distinct(values: &[Value], rule: impl Fn(Option<&str>) -> Option<String>) -> Vec<Value> {
    let mut memo: HashMap<&str, Value> = HashMap::default();
    let mut out_of_none: Option<Value> = None;
    values
        .iter()
        .map(|v| match v.as_deref() {
            Some(t) => memo
                .entry(t)
                .or_insert_with(|| rule(Some(t)).map(Arc::from))
                .clone(),
            None => out_of_none
                .get_or_insert_with(|| rule(None).map(Arc::from))
                .clone(),
        })
        .collect()
}

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

// ---------------------------------------------------------------------------------
// Reading the tables

fn texts(df: &DataFrame, name: &str) -> PolarsResult<Vec<Value>> {
    let Ok(c) = df.column(name) else {
        return Ok(vec![None; df.height()]);
    };
    let s = c.as_materialized_series().cast(&DataType::String)?;
    // Each distinct text allocated once, keyed by the column's own bytes.
    let mut seen: HashMap<&str, Arc<str>> = HashMap::default();
    Ok(s.str()?
        .iter()
        .map(|v| {
            let v = v?.trim();
            (!v.is_empty()).then(|| seen.entry(v).or_insert_with(|| Arc::from(v)).clone())
        })
        .collect())
}

/// Whether each record's email is at a free-mail domain ("yes" / "no"), by
/// [`rules::free_mail`], worked out once per domain (the distinct domains on all cores).
fn free_mail_flags(df: &DataFrame) -> PolarsResult<Vec<Value>> {
    let Ok(c) = df.column("email") else {
        return Ok(vec![None; df.height()]);
    };
    let s = c.as_materialized_series().cast(&DataType::String)?;
    let mut index: HashMap<&str, u32> = HashMap::default();
    let mut domains: Vec<&str> = Vec::new();
    let of_row: Vec<Option<u32>> = s
        .str()?
        .iter()
        .map(|v| {
            let (_, domain) = v?.trim().rsplit_once('@')?;
            Some(*index.entry(domain).or_insert_with(|| {
                domains.push(domain);
                (domains.len() - 1) as u32
            }))
        })
        .collect();
    let (yes, no): (Arc<str>, Arc<str>) = (Arc::from("yes"), Arc::from("no"));
    let flags: Vec<Value> = domains
        .par_iter()
        .map(|d| {
            rules::free_mail(Some(&format!("@{d}")))
                .map(|f| if f == "yes" { yes.clone() } else { no.clone() })
        })
        .collect();
    Ok(of_row
        .into_iter()
        .map(|d| d.and_then(|d| flags[d as usize].clone()))
        .collect())
}

fn numbers(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<f64>>> {
    let Ok(c) = df.column(name) else {
        return Ok(vec![None; df.height()]);
    };
    let s = c.as_materialized_series().cast(&DataType::Float64)?;
    Ok(s.f64()?.iter().collect())
}

fn bools(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<bool>>> {
    let Ok(c) = df.column(name) else {
        return Ok(vec![None; df.height()]);
    };
    let s = c.as_materialized_series().cast(&DataType::Boolean)?;
    Ok(s.bool()?.iter().collect())
}

/// A date or timestamp column as ms since the epoch.
fn millis(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<i64>>> {
    let Ok(c) = df.column(name) else {
        return Ok(vec![None; df.height()]);
    };
    let s = c.as_materialized_series();
    let scale: Box<dyn Fn(i64) -> i64> = match s.dtype() {
        DataType::Date => Box::new(|d| d * MS_PER_DAY),
        DataType::Datetime(TimeUnit::Milliseconds, _) => Box::new(|v| v),
        DataType::Datetime(TimeUnit::Microseconds, _) => Box::new(|v| v / 1_000),
        DataType::Datetime(TimeUnit::Nanoseconds, _) => Box::new(|v| v / 1_000_000),
        _ => return Ok(vec![None; df.height()]),
    };
    let phys = s.to_physical_repr().cast(&DataType::Int64)?;
    Ok(phys.i64()?.iter().map(|v| v.map(&scale)).collect())
}

/// Quintile bins of a number column, as levels ("40–60").
fn quintiles(values: &[Option<f64>]) -> Vec<Value> {
    let mut sorted: Vec<f64> = values
        .iter()
        .flatten()
        .copied()
        .filter(|v| v.is_finite())
        .collect();
    if sorted.is_empty() {
        return vec![None; values.len()];
    }
    sorted.sort_by(f64::total_cmp);
    let mut edges: Vec<f64> = (1..5).map(|q| sorted[(sorted.len() - 1) * q / 5]).collect();
    edges.dedup();
    let (lo, hi) = (sorted[0], sorted[sorted.len() - 1]);
    let fmt = |v: f64| crate::format::number(v);
    let labels: Vec<Arc<str>> = (0..=edges.len())
        .map(|i| {
            let from = if i == 0 { lo } else { edges[i - 1] };
            let to = if i == edges.len() { hi } else { edges[i] };
            Arc::from(if i == 0 {
                format!("up to {}", fmt(to))
            } else {
                format!("over {} to {}", fmt(from), fmt(to))
            })
        })
        .collect();
    values
        .iter()
        .map(|v| {
            let v = (*v).filter(|v| v.is_finite())?;
            let i = edges.iter().position(|&e| v <= e).unwrap_or(edges.len());
            Some(labels[i].clone())
        })
        .collect()
}

/// The text column `field` of `df` as levels when it has few distinct values, else as
/// filled / empty ([`as_column`] on [`texts`], without keeping a million distinct texts
/// only to drop them).
fn text_column(
    df: &DataFrame,
    field: &str,
    name: &str,
    origin: &str,
    feature: bool,
) -> PolarsResult<Column> {
    let Ok(c) = df.column(field) else {
        return Ok(as_column(name, origin, vec![None; df.height()], feature));
    };
    let filled: Arc<str> = Arc::from("filled");
    let filled_or_empty = |values: Vec<Value>| Column {
        name: name.to_owned(),
        origin: origin.to_owned(),
        values,
        levels: false,
        feature: false,
    };
    // Timestamps and numbers with many distinct values are filled / empty: counted on
    // their own values, never written out as a million texts only to be dropped.
    if !matches!(c.dtype(), DataType::String)
        && c.n_unique()? - usize::from(c.null_count() > 0) > crate::ingest::EXTRA_MAX_LEVELS
    {
        let nulls = c.is_null();
        return Ok(filled_or_empty(
            nulls
                .iter()
                .map(|null| (null == Some(false)).then(|| filled.clone()))
                .collect(),
        ));
    }
    let s = c.as_materialized_series().cast(&DataType::String)?;
    let ca = s.str()?;
    let filled_values = || {
        ca.iter()
            .map(|v| v.map(str::trim).filter(|v| !v.is_empty()))
    };
    let mut seen: HashMap<&str, Arc<str>> = HashMap::default();
    let mut values = Vec::with_capacity(ca.len());
    for v in filled_values() {
        values.push(v.map(|v| seen.entry(v).or_insert_with(|| Arc::from(v)).clone()));
        if seen.len() > crate::ingest::EXTRA_MAX_LEVELS {
            return Ok(filled_or_empty(
                filled_values().map(|v| v.map(|_| filled.clone())).collect(),
            ));
        }
    }
    Ok(as_column(name, origin, values, feature))
}

/// A column as levels when it has few distinct values, else as filled / empty.
fn as_column(name: &str, origin: &str, values: Vec<Value>, feature: bool) -> Column {
    let distinct: std::collections::HashSet<&str> = values.iter().flatten().map(|v| &**v).collect();
    let levels = distinct.len() <= crate::ingest::EXTRA_MAX_LEVELS;
    let values = if levels {
        values
    } else {
        let filled: Arc<str> = Arc::from("filled");
        values
            .into_iter()
            .map(|v| v.map(|_| filled.clone()))
            .collect()
    };
    Column {
        name: name.to_owned(),
        origin: origin.to_owned(),
        values,
        levels,
        feature: feature && levels,
    }
}

/// An unmapped column over a whole table: header, file, whether it holds levels, values.
type Unmapped = (String, String, bool, Vec<Value>);

/// The unmapped columns of `kind`, each as long as the table, by header.
fn extras_of(import: &Import, kind: Kind, table: &DataFrame) -> PolarsResult<Vec<Unmapped>> {
    // The table's runs of rows from one file, in order (the file names read in place).
    let mut runs: Vec<(String, usize, usize)> = Vec::new();
    if let Ok(c) = table.column("_file") {
        let files = c.as_materialized_series().cast(&DataType::String)?;
        for (i, f) in files.str()?.iter().enumerate() {
            let f = f.map(str::trim).unwrap_or_default();
            match runs.last_mut() {
                Some((name, _, len)) if name == f => *len += 1,
                _ => runs.push((f.to_owned(), i, 1)),
            }
        }
    } else if table.height() > 0 {
        runs.push((String::new(), 0, table.height()));
    }
    // The extras of one read of a file: consecutive, a header seen again starts the next.
    let mut groups: Vec<(String, Vec<&ExtraColumn>)> = Vec::new();
    for e in import.extras.iter().filter(|e| e.kind == kind) {
        match groups.last_mut() {
            Some((file, cols)) if *file == e.file && !cols.iter().any(|c| c.header == e.header) => {
                cols.push(e)
            }
            _ => groups.push((e.file.clone(), vec![e])),
        }
    }
    let mut out: BTreeMap<String, (String, bool, Vec<Value>)> = BTreeMap::new();
    let mut interners: HashMap<&str, HashMap<&str, Arc<str>>> = HashMap::default();
    // Rows of each run already given to a read: two files of one name (contacts.csv of
    // two quarters) read one after the other make one run.
    let mut used = vec![0usize; runs.len()];
    for (file, cols) in groups {
        let len = cols[0].values.len();
        let Some(r) = (0..runs.len()).find(|&r| runs[r].0 == file && runs[r].2 - used[r] >= len)
        else {
            continue;
        };
        let start = runs[r].1 + used[r];
        used[r] += len;
        for c in cols {
            let entry = out
                .entry(c.header.clone())
                .or_insert_with(|| (file.clone(), true, vec![None; table.height()]));
            entry.1 &= c.levels;
            let s = c.values.str()?;
            let seen = interners.entry(c.header.as_str()).or_default();
            for (k, v) in s.iter().enumerate().take(len) {
                entry.2[start + k] =
                    v.map(|v| seen.entry(v).or_insert_with(|| Arc::from(v)).clone());
            }
        }
    }
    Ok(out.into_iter().map(|(h, (f, l, v))| (h, f, l, v)).collect())
}

fn extra_columns(
    import: &Import,
    kind: Kind,
    table: &DataFrame,
    prefix: &str,
) -> PolarsResult<Vec<Column>> {
    Ok(extras_of(import, kind, table)?
        .into_iter()
        .map(|(header, file, levels, values)| {
            let name = format!("{prefix}{header}");
            let mut c = as_column(&name, &format!("{file}, not mapped"), values, true);
            if !levels {
                c.levels = false;
                c.feature = false;
            }
            let distinct: std::collections::HashSet<&str> =
                c.values.iter().flatten().map(|v| &**v).collect();
            c.feature &= distinct.len() <= FEATURE_MAX_LEVELS && distinct.len() > 1;
            c
        })
        .collect())
}

// ---------------------------------------------------------------------------------
// Leads

/// Fields that are the record's identity or bookkeeping: not scanned.
const NOT_SCANNED: &[&str] = &["id", "_file", "_line", "_source"];

fn leads_subject(
    import: &Import,
    leads: &DataFrame,
    options: &Options,
    deal_doubt: Option<&[u8]>,
    speed: Option<&LeadSpeed>,
) -> PolarsResult<Subject> {
    let n = leads.height();
    // The ids are read in place: a million distinct texts, each looked up once.
    let id_column = match leads.column("id") {
        Ok(c) => Some(c.as_materialized_series().cast(&DataType::String)?),
        Err(_) => None,
    };
    let ids: Vec<Option<&str>> = match &id_column {
        Some(s) => s
            .str()?
            .iter()
            .map(|v| v.map(str::trim).filter(|v| !v.is_empty()))
            .collect(),
        None => vec![None; n],
    };
    let created = millis(leads, "created_at")?;
    let converted = bools(leads, "converted")?;
    let mut notes = Vec::new();

    // Linked deals' outcomes, by lead id.
    let mut linked: HashMap<String, (bool, bool, bool)> = HashMap::default();
    // The doubts of the closed deals a lead's label rests on.
    let mut doubt_of: HashMap<String, u8> = HashMap::default();
    let deals = import.tables.deals.as_ref();
    let mut deals_linkable = false;
    if let Some(deals) = deals {
        let lead_ids = texts(deals, "lead_id")?;
        let outcomes = texts(deals, "outcome")?;
        deals_linkable = lead_ids.iter().any(Option::is_some);
        for (k, (l, o)) in lead_ids.iter().zip(&outcomes).enumerate() {
            let Some(l) = l else { continue };
            for id in l.split([';', ',']).map(str::trim).filter(|s| !s.is_empty()) {
                if let Some(d) = deal_doubt.and_then(|d| d.get(k)).filter(|d| **d != 0) {
                    *doubt_of.entry(id.to_owned()).or_default() |= d;
                }
                let e = linked.entry(id.to_owned()).or_default();
                match o.as_deref().map(str::to_lowercase).as_deref() {
                    Some("won") => e.0 = true,
                    Some("lost") => e.1 = true,
                    _ => e.2 = true,
                }
            }
        }
    }
    if deals.is_some() && !deals_linkable {
        notes.push("the deals name no lead, so outcomes come from the leads file alone".to_owned());
    }
    let dated = created.iter().any(Option::is_some);
    let as_of = match options.as_of {
        Some(d) => d
            .and_hms_opt(23, 59, 59)
            .map(|t| Utc.from_utc_datetime(&t).timestamp_millis()),
        None => created.iter().flatten().max().copied(),
    };
    let maturity = i64::from(options.maturity_days) * MS_PER_DAY;
    let labels: Vec<Label> = (0..n)
        .map(|i| {
            // Every lead younger than the window is left out, won or not: keeping the
            // young ones already won would fill the newest period with wins only.
            if let (Some(c), Some(a)) = (created[i], as_of)
                && a - c < maturity
            {
                return Label::Young;
            }
            let link = ids[i].and_then(|id| linked.get(id));
            match link {
                Some((true, _, _)) => return Label::Won,
                Some((false, true, _)) => return Label::Lost,
                Some(_) => return Label::Open,
                None => {}
            }
            if converted[i] == Some(true) {
                return if deals_linkable {
                    Label::Open
                } else {
                    Label::Won
                };
            }
            Label::Lost
        })
        .collect();
    if !deals_linkable && converted.iter().any(Option::is_some) {
        notes.push("no deal names its lead: a converted lead counts as won".to_owned());
    }
    if !dated {
        notes.push("the leads have no creation dates: an unconverted lead (converted flag 0 or empty) counts as lost, however recent".to_owned());
    } else {
        notes.push(format!(
            "a lead without a won deal counts as lost {} days after creation; leads younger than that are left out, won or not, so every period is labelled alike",
            options.maturity_days
        ));
    }

    // Every column is read on its own: the features, the mapped fields scanned for
    // leakage, and (beside them) the unmapped columns, on all cores.
    type Build<'a> = Box<dyn Fn() -> PolarsResult<Option<Column>> + Send + Sync + 'a>;
    let levels = |name: &str, origin: &str, values: Vec<Value>| Column {
        name: name.into(),
        origin: origin.into(),
        values,
        levels: true,
        feature: true,
    };
    let text = |field: &'static str, name: &'static str, feature: bool| -> Build<'_> {
        Box::new(move || text_column(leads, field, name, field, feature).map(Some))
    };
    let score = |field: &'static str, name: &'static str| -> Build<'_> {
        Box::new(move || {
            let v = numbers(leads, field)?;
            Ok(v.iter()
                .any(Option::is_some)
                .then(|| levels(name, field, quintiles(&v))))
        })
    };
    let mut builds: Vec<Build<'_>> = vec![
        // The slowest first (one lookup per distinct email domain).
        Box::new(|| {
            Ok(Some(levels(
                "Free-mail address",
                "email",
                free_mail_flags(leads)?,
            )))
        }),
        text("source", "Source", true),
        text("industry", "Industry", true),
        Box::new(|| {
            let v = employee_bands(&numbers(leads, "employees")?);
            Ok(Some(levels("Employees", "employees", v)))
        }),
        text("country", "Country", true),
        Box::new(|| {
            let v = per_distinct(&texts(leads, "title")?, rules::seniority);
            Ok(Some(levels(
                "Seniority",
                "title, by the seniority rules",
                v,
            )))
        }),
        score("score", "Score"),
        score("engagement_score", "Engagement score"),
        text("priority", "Priority", true),
    ];
    // The order the columns are listed in (the free-mail flag sixth, after seniority).
    let order = [1, 2, 3, 4, 5, 0, 6, 7, 8];
    let featured = [
        "source",
        "industry",
        "employees",
        "country",
        "title",
        "email",
        "score",
        "engagement_score",
        "priority",
    ];
    builds.extend(
        Kind::Leads
            .fields()
            .iter()
            .map(|spec| spec.name)
            .filter(|name| !featured.contains(name) && !NOT_SCANNED.contains(name))
            .map(|name| text(name, name, false)),
    );
    let (built, extras) = rayon::join(
        || {
            builds
                .par_iter()
                .map(|build| build())
                .collect::<PolarsResult<Vec<Option<Column>>>>()
        },
        || extra_columns(import, Kind::Leads, leads, ""),
    );
    let mut built = built?;
    let mut columns: Vec<Column> = order.iter().filter_map(|&i| built[i].take()).collect();
    columns.extend(built.into_iter().flatten());
    columns.extend(extras?);
    columns.retain(|c| c.values.iter().any(Option::is_some));

    let process = speed.map(speed_buckets);
    let doubt = if doubt_of.is_empty() {
        vec![0; n]
    } else {
        ids.iter()
            .map(|id| id.and_then(|id| doubt_of.get(id)).copied().unwrap_or(0))
            .collect()
    };
    Ok(Subject {
        name: "leads",
        doubt,
        tz: chrono_tz::UTC,
        labels,
        times: created,
        time_field: "creation date",
        columns,
        process,
        as_of,
        notes,
    })
}

/// The process feature's level of a lead whose speed-to-lead is not measured (no creation
/// time, or touched only before creation).
const SPEED_NOT_MEASURED: &str = "not measured";

/// Each lead's speed-to-lead bucket as a level (one allocation per bucket).
fn speed_buckets(speed: &LeadSpeed) -> Vec<Value> {
    let labels: Vec<(&str, Arc<str>)> = LeadSpeed::labels()
        .chain([SPEED_NOT_MEASURED])
        .map(|l| (l, Arc::from(l)))
        .collect();
    speed
        .buckets
        .iter()
        .map(|b| {
            let b = b.unwrap_or(SPEED_NOT_MEASURED);
            labels.iter().find(|(l, _)| *l == b).map(|(_, a)| a.clone())
        })
        .collect()
}

/// Employee counts in bands (one allocation per band).
fn employee_bands(values: &[Option<f64>]) -> Vec<Value> {
    let mut bands: HashMap<String, Arc<str>> = HashMap::default();
    values
        .iter()
        .map(|&v| {
            rules::employee_band(v).map(|b| {
                bands
                    .entry(b)
                    .or_insert_with_key(|b| Arc::from(b.as_str()))
                    .clone()
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------------
// Deals

fn deals_subject(import: &Import, deals: &DataFrame) -> PolarsResult<Subject> {
    let outcomes = texts(deals, "outcome")?;
    let labels: Vec<Label> = outcomes
        .iter()
        .map(|o| match o.as_deref().map(str::to_lowercase).as_deref() {
            Some("won") => Label::Won,
            Some("lost") => Label::Lost,
            _ => Label::Open,
        })
        .collect();
    let created = millis(deals, "created_at")?;
    let (times, time_field) = if created.iter().any(Option::is_some) {
        (created, "creation date")
    } else {
        (millis(deals, "close_date")?, "close date")
    };
    let mut notes = vec![
        "no leads file: won and lost deals are scored, with what is known when a deal is created"
            .to_owned(),
    ];
    if time_field == "close date" {
        notes.push("the deals have no creation date: time order follows the close date".to_owned());
    }
    let mut columns = vec![
        text_column(deals, "owner", "Owner", "owner", true)?,
        Column {
            name: "Amount".into(),
            origin: "amount".into(),
            values: quintiles(&numbers(deals, "amount")?),
            levels: true,
            feature: true,
        },
    ];
    // The account's firmographics, joined by company name.
    if let Some(accounts) = &import.tables.accounts {
        let key = |s: &Value| s.as_deref().map(|s| s.trim().to_lowercase());
        let names: Vec<Option<String>> = texts(accounts, "company")?.iter().map(key).collect();
        let mut row_of: HashMap<String, usize> = HashMap::default();
        for (i, nm) in names.iter().enumerate() {
            if let Some(nm) = nm {
                row_of.entry(nm.clone()).or_insert(i);
            }
        }
        let deal_rows: Vec<Option<usize>> = texts(deals, "company")?
            .iter()
            .map(|c| key(c).and_then(|c| row_of.get(&c).copied()))
            .collect();
        let pick = |values: &[Value]| -> Vec<Value> {
            deal_rows
                .iter()
                .map(|r| r.and_then(|r| values[r].clone()))
                .collect()
        };
        let bands = employee_bands(&numbers(accounts, "employees")?);
        columns.push(Column {
            name: "Account employees".into(),
            origin: "accounts: employees".into(),
            values: pick(&bands),
            levels: true,
            feature: true,
        });
        columns.push(as_column(
            "Account industry",
            "accounts: industry",
            pick(&texts(accounts, "industry")?),
            true,
        ));
        columns.push(Column {
            name: "Account revenue".into(),
            origin: "accounts: revenue".into(),
            values: pick(&quintiles(&numbers(accounts, "revenue")?)),
            levels: true,
            feature: true,
        });
        columns.push(as_column(
            "Account country",
            "accounts: country",
            pick(&texts(accounts, "country")?),
            true,
        ));
        for mut c in extra_columns(import, Kind::Accounts, accounts, "Account ")? {
            c.values = pick(&c.values);
            columns.push(c);
        }
    }
    const LABEL_FIELDS: &[&str] = &["stage", "outcome", "is_won", "is_lost", "owner", "amount"];
    for spec in Kind::Deals.fields() {
        if LABEL_FIELDS.contains(&spec.name) || NOT_SCANNED.contains(&spec.name) {
            continue;
        }
        columns.push(text_column(deals, spec.name, spec.name, spec.name, false)?);
    }
    columns.extend(extra_columns(import, Kind::Deals, deals, "")?);
    columns.retain(|c| c.values.iter().any(Option::is_some));
    Ok(Subject {
        name: "deals",
        labels,
        times,
        time_field,
        columns,
        process: None,
        as_of: None,
        notes,
        doubt: Vec::new(),
        tz: chrono_tz::UTC,
    })
}

// ---------------------------------------------------------------------------------
// Measuring

/// The records and the won among them of each value of `values` over `rows`. Values are
/// shared texts, so they are counted by address first and merged by text after: a
/// handful of texts hashed instead of every row's.
fn tally<'a>(
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
fn distinct_texts(values: &[Value]) -> Vec<&str> {
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
fn scan(
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

fn measure(mut s: Subject, options: &Options) -> Readiness {
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
fn label_quality(
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

fn verdict(r: &Readiness) -> (ReadinessLevel, String) {
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
fn process(buckets: &[Value], labelled: &[usize], won: &[bool], base: f64) -> Process {
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
fn effects(features: &[&Column], labelled: &[usize], won: &[bool], base: f64) -> Vec<Effect> {
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

fn validate(
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
