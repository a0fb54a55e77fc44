//! The baselines: speed-to-lead, the SLA, the funnel, the response-time curve and
//! routing fairness, for the whole export and per quarter (items 6, 7, 8 and 12).
//!
//! Every figure follows `PRODUCT.md` ("Definitions"):
//!
//! - **First touch**: the lead's `first_touch_at` when it has one at or after creation,
//!   else its earliest outbound call, email or meeting at or after creation (activities
//!   whose `record_id` is the lead's `id`; see the touch rules on [`Baseline`]).
//! - **Speed-to-lead**: first touch − `created_at`, in clock minutes (real elapsed time)
//!   and in business minutes (only time inside [`Settings::business_hours`], on the
//!   wall clock of [`Settings::timezone`]: a lead created Friday 18:00 and touched
//!   Monday 09:30 waited 30 business minutes). Never-contacted leads stay in every
//!   denominator. Touches before creation are excluded: they never count as the first
//!   touch, a lead whose only touches came before it was created is left out of the
//!   distribution, and both are counted.
//! - **Medians and p90** are linear-interpolation quantiles (like a spreadsheet's MEDIAN)
//!   over all measured leads with never-contacted leads ranked last. When the quantile
//!   needs a never-contacted lead it is **"not reached"**, written in JSON as the string
//!   `"not_reached"` in place of the number (see [`Stat`]). `null` always means the figure
//!   cannot be computed from the inputs, with the reason in `unavailable`.
//!
//! Computation is two stages of Polars lazy queries: [`compute`] first enriches every
//! lead and deal once (first touch, business clock, funnel flags, routing flags) and
//! collects, then aggregates each period (the whole export, then each quarter) with one
//! batch of queries collected together.
//!
//! ```no_run
//! use leadaudit::{ingest, metrics, settings::Settings};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let paths = vec!["contacts.csv".into(), "deals.csv".into()];
//! let import = ingest::load(&paths, &mut ingest::Options::default())?;
//! let settings = Settings { timezone: import.inspection.timezone.clone(), ..Settings::default() };
//! let baseline = metrics::compute(&import.tables, &settings, &metrics::Period::all())?;
//! println!("{}", serde_json::to_string_pretty(&baseline)?);
//! # Ok(()) }
//! ```

mod aggregate;
pub(crate) mod expr;
mod period;
mod prepare;
pub mod signals;

use std::collections::BTreeMap;

use polars::prelude::PolarsError;
use serde::{Deserialize, Serialize};

use crate::ingest::Tables;
use crate::settings::{Settings, SettingsError};

pub use period::{Period, Quarter};

/// Lead statuses and lifecycle stages after which a lead is no longer open work for its
/// owner (compared ignoring case, spacing and punctuation): disqualified, closed, handed
/// back to marketing, or already a deal or a customer. Converted leads and leads linked
/// to a deal are never open either. Used for the open load behind "over capacity".
pub const CLOSED_LEAD_STATUSES: &[&str] = &[
    "Unqualified",
    "Disqualified",
    "Closed - Not Converted",
    "Closed - Converted",
    "Closed",
    "Bad timing",
    "Junk",
    "Lost",
    "Dead",
    "Recycled",
    "Nurture",
    "Converted",
    "OPEN_DEAL",
    "Opportunity",
    "Customer",
    "Evangelist",
];

/// The local hours of the night, for the night-time SLA breaches: 00:00 to 04:59.
pub const NIGHT_HOURS: std::ops::Range<usize> = 0..5;

/// Errors computing the baselines.
#[derive(Debug, thiserror::Error)]
pub enum MetricsError {
    #[error("\"{0}\" is not a quarter; write it like 2017Q3")]
    Quarter(String),
    #[error("the period starts on {from}, after it ends on {to}; swap --from and --to")]
    Period {
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    },
    #[error(transparent)]
    Settings(#[from] SettingsError),
    #[error(
        "could not compute the {stage}: {source}; this is a bug in lead audit, please report it with the kinds of files given"
    )]
    Polars {
        stage: &'static str,
        #[source]
        source: PolarsError,
    },
}

impl MetricsError {
    pub(crate) fn polars(stage: &'static str) -> impl FnOnce(PolarsError) -> MetricsError {
        move |source| MetricsError::Polars { stage, source }
    }
}

/// A speed-to-lead statistic: a number of minutes, or **not reached** when it falls
/// among never-contacted leads (e.g. the median when fewer than half the leads were
/// ever contacted).
///
/// JSON: a number, or the string `"not_reached"`. (A figure that cannot be computed at
/// all is `null` instead, with its reason in `unavailable`.)
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stat {
    Minutes(f64),
    NotReached,
}

impl Stat {
    /// The minutes, if reached.
    pub fn minutes(self) -> Option<f64> {
        match self {
            Stat::Minutes(m) => Some(m),
            Stat::NotReached => None,
        }
    }

    pub fn is_reached(self) -> bool {
        matches!(self, Stat::Minutes(_))
    }
}

impl std::fmt::Display for Stat {
    /// "12 min", "3.2 h", "4.1 d" ([`crate::format::minutes`]) or "not reached".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Stat::NotReached => f.write_str(&crate::format::NOT_REACHED.to_lowercase()),
            Stat::Minutes(m) => f.write_str(&crate::format::minutes(m)),
        }
    }
}

const NOT_REACHED: &str = "not_reached";

impl Serialize for Stat {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            Stat::Minutes(m) => s.serialize_f64(m),
            Stat::NotReached => s.serialize_str(NOT_REACHED),
        }
    }
}

impl<'de> Deserialize<'de> for Stat {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Number(f64),
            Text(String),
        }
        match Raw::deserialize(d)? {
            Raw::Number(m) => Ok(Stat::Minutes(m)),
            Raw::Text(t) if t == NOT_REACHED => Ok(Stat::NotReached),
            Raw::Text(t) => Err(serde::de::Error::custom(format!(
                "expected a number of minutes or \"{NOT_REACHED}\", found \"{t}\""
            ))),
        }
    }
}

/// The baselines of one period: the figures for the period itself, then per quarter.
///
/// JSON (`leadaudit baseline --json`): the fields of [`Figures`] at the top level, plus
/// `period`, `label`, `timezone`, `business_hours` and `by_quarter` (a list of
/// `{"quarter": "2017Q3", ...the same figures}`, leads by created quarter and deals by
/// close quarter). Fractions are 0..1, durations in minutes, the cycle in days.
///
/// Touch rules: an activity is an outbound touch when its type is a call, an email or a
/// meeting (case, spacing and punctuation ignored) and neither its type nor its direction
/// marks it inbound (`INCOMING_EMAIL`, `Inbound call`, direction `Inbound`/`Incoming`);
/// an activity with no direction counts as outbound. Notes, tasks, form submissions, page
/// views and marketing-email opens and clicks never count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    pub period: Period,
    /// "whole export", "2017Q3", "2017-07-01 to 2017-08-15".
    pub label: String,
    pub timezone: String,
    pub business_hours: String,
    #[serde(flatten)]
    pub figures: Figures,
    pub by_quarter: Vec<QuarterFigures>,
    /// What the figures stand on when a file lacks a column: records known by their
    /// line, a deal's creation date taken from its lead, one period for want of dates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// One quarter's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuarterFigures {
    pub quarter: Quarter,
    #[serde(flatten)]
    pub figures: Figures,
}

/// The figures of one period. `null` (None) means the inputs cannot give the figure;
/// `unavailable` then says why, keyed by the figure's name (`"speed_to_lead"`,
/// `"win_rate"`, `"routing.unassigned"`, …).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Figures {
    /// Leads created in the period.
    pub leads: Option<u64>,
    /// Deals whose close date falls in the period (the whole export: every deal).
    pub deals: Option<u64>,
    /// Deals won and lost among them.
    pub deals_won: Option<u64>,
    pub deals_lost: Option<u64>,
    pub speed_to_lead: Option<SpeedToLead>,
    pub sla: Option<Sla>,
    /// Leads whose status or lifecycle stage is one of the qualified statuses / leads.
    pub qualification_rate: Option<f64>,
    /// Leads converted or linked to a deal (`deal.lead_id`) / leads.
    pub lead_to_opportunity: Option<f64>,
    /// Leads linked to a won deal / leads.
    pub lead_to_won: Option<f64>,
    /// Won / (won + lost) among deals closed in the period.
    pub win_rate: Option<f64>,
    /// Median days (fractional) from a won deal's `created_at` (else its linked lead's
    /// `created_at`) to the midnight starting its close date (local time); a deal closed
    /// on the day it was created counts 0 days.
    pub cycle_time_days_median: Option<f64>,
    /// Won deals left out of the cycle time because their close date is before the day
    /// they were created.
    pub cycle_time_excluded: Option<u64>,
    pub response_curve: Option<Vec<CurveBucket>>,
    pub routing: Option<Routing>,
    /// Item 3: the score columns in use and how well they predict conversion.
    pub scores: Option<signals::Scores>,
    /// Items 9 and 10: intent signals followed up within the SLA; the largest deals'
    /// human touches.
    pub intent: Option<signals::Intent>,
    pub unavailable: BTreeMap<String, String>,
}

/// Speed-to-lead over the leads created in the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeedToLead {
    /// Where first touches come from: "first_touch_at", "activities" or both.
    pub first_touch_from: String,
    /// Leads in the distribution (never-contacted included; excluded ones not).
    pub leads: u64,
    pub contacted: u64,
    pub median_minutes: Stat,
    pub p90_minutes: Stat,
    /// Shares of `leads` first touched within 5 minutes, 1 hour, 24 hours (clock time).
    pub within_5m: f64,
    pub within_1h: f64,
    pub within_24h: f64,
    pub never_contacted: f64,
    pub median_business_minutes: Stat,
    pub p90_business_minutes: Stat,
    /// Leads with a touch (first-touch value or outbound activity) before they were
    /// created: a hygiene finding; those touches never count.
    pub touched_before_creation: u64,
    /// Of those, leads with no touch at or after creation: left out of the distribution.
    pub excluded_touched_before_creation: u64,
    /// Leads with no creation time: left out of the distribution.
    pub excluded_no_created_at: u64,
    pub by_owner: Vec<SpeedGroup>,
    pub by_source: Vec<SpeedGroup>,
    /// `key` is "2017-07".
    pub by_month: Vec<SpeedGroup>,
    /// Leads created in each hour of week, rows Monday … Sunday, columns 00 … 23 (local
    /// time in the settings' time zone).
    pub leads_by_hour_of_week: Vec<Vec<u64>>,
    /// The median clock minutes of the leads created in each hour of week (`null` where
    /// no lead was created).
    pub median_minutes_by_hour_of_week: Vec<Vec<Option<Stat>>>,
}

/// Speed-to-lead of one group of leads (one owner, source or month).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeedGroup {
    /// The owner, source or month; `null` for leads with none.
    pub key: Option<String>,
    pub leads: u64,
    pub contacted: u64,
    pub median_minutes: Stat,
    pub median_business_minutes: Stat,
    pub within_5m: f64,
    pub within_1h: f64,
    pub within_24h: f64,
    pub never_contacted: f64,
}

/// The response SLA (items 7 and 8).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sla {
    /// The target for leads of any other priority, in minutes.
    pub target_minutes: f64,
    /// Targets per priority value.
    pub targets_by_priority: BTreeMap<String, f64>,
    /// Leads judged (those in the speed-to-lead distribution).
    pub leads: u64,
    pub met: u64,
    /// Leads first touched after their target, or never.
    pub breaches: u64,
    /// met / leads, clock time.
    pub compliance: f64,
    /// The same with business minutes against the target.
    pub compliance_business_hours: f64,
    /// Breaches by the hour of week the lead was created in: rows Monday … Sunday,
    /// columns 00 … 23, local time.
    pub breaches_by_hour_of_week: Vec<Vec<u64>>,
    /// Breaches of leads created outside business hours.
    pub after_hours_breaches: u64,
    /// after_hours_breaches / breaches (`null` with no breach).
    pub after_hours_share: Option<f64>,
    /// Breaches whose lead was never contacted at all. (Called
    /// `breaches_never_followed_up` before #13 defect 4; read under that name too.)
    #[serde(alias = "breaches_never_followed_up")]
    pub never_contacted_breaches: u64,
    /// Item 8's evidence: breaches whose (late) first touch had no other outbound touch
    /// after it, a miss nobody came back to. Needs activities linked to leads.
    pub late_touch_no_follow_up: Option<u64>,
    /// Item 8's evidence, the 2 a.m. problem: breaches of leads created at night,
    /// 00:00-04:59 local time ([`NIGHT_HOURS`]). `null` in audits saved before it existed.
    #[serde(default)]
    pub night_breaches: Option<u64>,
}

/// One speed bucket of the response-time curve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CurveBucket {
    /// "5m", "30m", "1h", "24h", "later" or "never".
    pub bucket: String,
    /// "≤5 min", "≤30 min", "≤1 h", "≤24 h", "later", "never".
    pub label: String,
    pub leads: u64,
    /// Qualified leads and their rate (`null` when qualification is unavailable or the
    /// bucket is empty).
    pub qualified: Option<u64>,
    pub qualification_rate: Option<f64>,
    /// Leads converted or linked to a deal, and their rate.
    pub converted: Option<u64>,
    pub conversion_rate: Option<f64>,
}

/// Routing fairness (item 6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Routing {
    /// What is shared out: "leads", or "deals" when there is no leads file.
    pub basis: String,
    /// Gini coefficient of `basis` per owner, over owners with at least one: 0 is equal.
    pub gini: Option<f64>,
    /// 1 / owners with at least one of `basis`.
    pub equal_share: Option<f64>,
    /// Owners with a lead or a deal in the period, busiest first.
    pub owners: Vec<OwnerFigures>,
    /// Leads assigned to an owner who was inactive then (any reason below).
    pub inactive_owner_assignments: Option<u64>,
    pub inactive_by_reason: Option<InactiveReasons>,
    /// Owners whose open load is above their roster capacity or, without one, above twice
    /// the median open load.
    pub over_capacity_owners: Option<Vec<String>>,
    /// Leads whose company's account owner (accounts file, else the owner of the
    /// company's most recent deal) is not the lead's owner.
    pub account_owner_mismatches: Option<u64>,
    /// Leads with no owner (or a placeholder such as "N/A").
    pub unassigned: Option<u64>,
}

/// Why assignments went to inactive owners (a lead may have several reasons).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InactiveReasons {
    /// The roster marks the owner `active = false`.
    pub roster_inactive: Option<u64>,
    /// Created on a day inside one of the owner's out-of-office ranges.
    pub out_of_office: Option<u64>,
    /// The owner logged no outbound activity in the `inactive_after_days` days before
    /// the lead was created (judged only where the activity log covers those days).
    pub no_recent_activity: Option<u64>,
}

/// One owner's routing figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnerFigures {
    pub owner: String,
    pub leads: Option<u64>,
    pub deals: Option<u64>,
    /// The owner's share of `basis` (compare with `equal_share`).
    pub share: f64,
    /// Won / (won + lost) of the owner's deals closed in the period.
    pub win_rate: Option<f64>,
    pub median_speed_minutes: Option<Stat>,
    /// Open leads (or open deals, with no leads file).
    pub open_load: u64,
    /// The roster capacity, if given.
    pub capacity: Option<f64>,
    pub inactive_assignments: Option<u64>,
}

/// Computes the baselines of `period` (and of each quarter in it) from the canonical
/// tables.
pub fn compute(
    tables: &Tables,
    settings: &Settings,
    period: &Period,
) -> Result<Baseline, MetricsError> {
    Ok(compute_with_speed(tables, settings, period)?.0)
}

/// Each lead's bucket of the response-time curve, by its row in the leads table: the
/// speed-to-lead of [`compute`] (first touch − creation, by `PRODUCT.md`'s definition),
/// so score readiness's process feature is the baselines' own figure, computed once.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadSpeed {
    /// The bucket's label ("≤5 min" … "later", "never"; the curve's own), or `None` where
    /// the lead's speed is not measured: no creation time, or only touches before it.
    pub buckets: Vec<Option<&'static str>>,
}

impl LeadSpeed {
    /// The curve's bucket labels, fastest first, "never" last.
    pub fn labels() -> impl Iterator<Item = &'static str> {
        aggregate::BUCKETS.iter().map(|(_, label)| *label)
    }
}

/// [`compute`], and each lead's speed-to-lead bucket ([`LeadSpeed`]; `None` when
/// speed-to-lead cannot be measured on these tables).
pub fn compute_with_speed(
    tables: &Tables,
    settings: &Settings,
    period: &Period,
) -> Result<(Baseline, Option<LeadSpeed>), MetricsError> {
    let prepared = prepared(tables, settings)?;
    let speed = lead_speed_of(tables, &prepared)?;
    // What items 9 and 10 need that every period shares.
    let shared = signals::Shared::new(tables, settings, prepared.touches.as_ref())?;
    let mut figures = aggregate::figures(&prepared, settings, period)?;
    signals::attach(&mut figures, tables, &prepared, &shared, settings, period)?;
    let mut by_quarter = Vec::new();
    for q in &prepared.quarters {
        if let Some(p) = Period::quarter(*q).intersect(period) {
            let mut figures = aggregate::figures(&prepared, settings, &p)?;
            signals::attach(&mut figures, tables, &prepared, &shared, settings, &p)?;
            by_quarter.push(QuarterFigures {
                quarter: *q,
                figures,
            });
        }
    }
    Ok((
        Baseline {
            period: *period,
            label: period.label(),
            timezone: settings.timezone.clone(),
            business_hours: settings.business_hours.to_string(),
            figures,
            notes: notes(tables, &prepared.quarters),
            by_quarter,
        },
        speed,
    ))
}

/// Each lead's speed-to-lead bucket alone ([`LeadSpeed`]), for a reader that needs no
/// baseline (`leadaudit readiness`).
pub fn lead_speed(tables: &Tables, settings: &Settings) -> Result<Option<LeadSpeed>, MetricsError> {
    lead_speed_of(tables, &prepared(tables, settings)?)
}

/// Every lead and deal enriched once ([`prepare::prepare`]), in the settings' time zone.
fn prepared(tables: &Tables, settings: &Settings) -> Result<prepare::Prepared, MetricsError> {
    crate::settings::check_timezone(&settings.timezone)?;
    let tz = expr::time_zone(&settings.timezone)
        .ok_or_else(|| SettingsError::TimeZone(settings.timezone.clone()))?;
    prepare::prepare(tables, settings, &tz)
}

fn lead_speed_of(
    tables: &Tables,
    prepared: &prepare::Prepared,
) -> Result<Option<LeadSpeed>, MetricsError> {
    let (Some(leads), Some(table), Ok(())) =
        (&prepared.leads, &tables.leads, &prepared.avail.speed)
    else {
        return Ok(None);
    };
    let failed = |source| MetricsError::Polars {
        stage: "speed buckets",
        source,
    };
    let get = |name: &str| leads.column(name).map_err(failed);
    let rows = get("_row")?;
    let rows = rows.idx().map_err(failed)?;
    let measured = get("measured")?;
    let measured = measured.bool().map_err(failed)?;
    let bucket = get("bucket")?;
    let bucket = bucket.str().map_err(failed)?;
    let mut buckets = vec![None; table.height()];
    for ((row, m), b) in rows.iter().zip(measured.iter()).zip(bucket.iter()) {
        if let (Some(row), Some(true), Some(b)) = (row, m, b)
            && let Some(slot) = buckets.get_mut(row as usize)
        {
            *slot = aggregate::BUCKETS
                .iter()
                .find(|(code, _)| *code == b)
                .map(|(_, label)| *label);
        }
    }
    Ok(Some(LeadSpeed { buckets }))
}

/// The notes of [`Baseline::notes`]: each file read without an id, deals dated by their
/// lead, and no quarter for want of dates.
fn notes(tables: &Tables, quarters: &[Quarter]) -> Vec<String> {
    use crate::ingest::Kind;
    let mut notes = Vec::new();
    for f in &tables.files {
        if matches!(f.kind, Kind::Leads | Kind::Deals) && f.absent.contains(&"id") {
            notes.push(format!(
                "{} has no id column: each record is known by its file and line (\"{}:2\" for line 2)",
                f.file, f.file
            ));
        }
    }
    if let Some((with, of)) = tables.created_from_lead {
        let files: Vec<&str> = tables
            .files
            .iter()
            .filter(|f| f.kind == Kind::Deals && f.absent.contains(&"created_at"))
            .map(|f| f.file.as_str())
            .collect();
        notes.push(format!(
            "{} has no creation date: the linked lead's creation date stands in for it ({with} of {of} deals), in the cycle time, the date checks and the periods alike",
            files.join(", ")
        ));
    }
    // A file that lacks fields other files of its kind have: which, and what that does.
    for kind in Kind::ALL {
        let files: Vec<&crate::ingest::FileFields> =
            tables.files.iter().filter(|f| f.kind == kind).collect();
        for f in &files {
            let others: Vec<&str> = files
                .iter()
                .filter(|o| o.file != f.file)
                .map(|o| o.file.as_str())
                .collect();
            let fields: Vec<String> = f
                .absent
                .iter()
                .filter(|field| {
                    files
                        .iter()
                        .any(|o| o.file != f.file && !o.absent.contains(field))
                })
                .map(|field| crate::ingest::field_label(kind, field))
                .collect();
            if fields.is_empty() || others.is_empty() {
                continue;
            }
            notes.push(format!(
                "{} has no column for {}, which {} {}: the figures and findings that need {} are not given (each says why), and in fill rates and the groups by {} its records count as having none",
                f.file,
                fields.join(", "),
                others.join(", "),
                if others.len() == 1 { "has" } else { "have" },
                if fields.len() == 1 { "it" } else { "one of them" },
                if fields.len() == 1 { "it" } else { "them" },
            ));
        }
    }
    if let Some(why) = tables.absence(Kind::Activities, "direction") {
        notes.push(format!(
            "{why}: calls, emails and meetings count as outbound touches unless their type says inbound"
        ));
    }
    let dateless: Vec<String> = [(Kind::Leads, "created_at"), (Kind::Deals, "close_date")]
        .into_iter()
        .filter(|(k, _)| tables.get(*k).is_some())
        .map(|(k, f)| tables.absence(k, f))
        .collect::<Option<Vec<String>>>()
        .unwrap_or_default();
    if quarters.is_empty() && !dateless.is_empty() {
        notes.push(format!(
            "one period, every row: no quarter can be told ({})",
            dateless.join("; ")
        ));
    }
    notes
}

#[cfg(test)]
mod tests;
