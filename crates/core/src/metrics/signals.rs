//! The figures behind item 3 (are fit and engagement scored apart, and does each score
//! tell converting leads from the others?) and items 9 and 10 (is new intent followed
//! up within the SLA, and do the largest deals get a human touch?).
//!
//! Definitions:
//! - A score column is in use when at least one lead in the period has a value in it
//!   (`score`: one blended score; `fit_score` and `engagement_score`: the split).
//! - AUC: the probability that a lead that converted (converted, or linked to a deal)
//!   has a higher score than one that did not (ties count half), over the leads with a
//!   value; `null` when either group is empty.
//! - Quadrants: with both fit and engagement scores, leads split at each score's median
//!   (at or above: high) into four groups, with each group's conversion rate.
//! - An intent signal is an activity on a lead, after the lead was created, that shows
//!   the buyer reaching out: a form submission, a page view or visit, a demo, pricing or
//!   contact request, or an inbound call or meeting (an inbound email is usually a reply
//!   in an ongoing thread, and does not count). It is followed up when an
//!   outbound touch (the speed-to-lead rule) on the same lead comes at or after it and
//!   within the lead's SLA target.
//! - Large deals: deals whose amount is at or above the 90th percentile of amounts. One
//!   has no human touch when no activity is logged on the deal or on its linked lead.

use std::collections::BTreeMap;

use polars::prelude::*;
use serde::{Deserialize, Serialize};

use super::MetricsError;
use super::expr::{
    TimesByKey, ids_in, inbound_direction, inbound_type, key_per_row, minutes_from_ms,
    per_distinct, split_ids,
};
use super::prepare::Touches;
use crate::ingest::{Kind, Tables};
use crate::settings::Settings;

/// Item 3's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    /// The score columns in use: `score`, `fit_score`, `engagement_score`.
    pub columns: Vec<String>,
    /// Leads in the period.
    pub leads: u64,
    /// Leads with a value, per column in use.
    pub scored: BTreeMap<String, u64>,
    /// AUC for predicting conversion, per column in use.
    pub auc: BTreeMap<String, Option<f64>>,
    /// With both fit and engagement scores: high/low fit × high/low engagement.
    pub quadrants: Vec<Quadrant>,
    /// A sentence with the numbers.
    pub summary: String,
}

/// One cell of the fit × engagement matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quadrant {
    /// "high" or "low".
    pub fit: String,
    pub engagement: String,
    pub leads: u64,
    pub converted: u64,
    pub conversion_rate: Option<f64>,
}

/// Items 9 and 10's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Intent {
    /// The re-contact window applied (minutes): a signal is followed up when an
    /// outbound touch comes within it ([`Settings::recontact_minutes`]).
    #[serde(alias = "target_minutes")]
    pub recontact_minutes: f64,
    /// Intent signals on leads created in the period.
    pub signals: u64,
    pub leads_with_signal: u64,
    /// Signals with no outbound touch within the re-contact window after them.
    pub not_followed_up: u64,
    /// Deals at or above the 90th percentile of amounts.
    pub large_deals: u64,
    /// The amount from which a deal counts as large.
    pub large_deal_threshold: Option<f64>,
    /// Large deals with no logged activity on the deal or its linked lead (`null`
    /// without an activities export).
    pub large_deals_without_touch: Option<u64>,
}

fn scalar_u64(df: &DataFrame, name: &str) -> u64 {
    df.column(name)
        .ok()
        .and_then(|c| c.get(0).ok())
        .and_then(|v| v.extract::<u64>())
        .unwrap_or(0)
}

fn scalar_f64(df: &DataFrame, name: &str) -> Option<f64> {
    df.column(name)
        .ok()
        .and_then(|c| c.get(0).ok())
        .and_then(|v| v.extract::<f64>())
        .filter(|v| v.is_finite())
}

fn pct(x: f64) -> String {
    crate::format::percent(x)
}

/// The scores of the period's leads ([`SCORE_COLUMNS`]) with their conversion flag:
/// `leads` is the canonical table, `flags` the prepared leads (`_row`, `date`,
/// `opportunity`) already limited to the period. Only the score columns are joined: the
/// whole table was, once per period (#11).
fn period_leads(leads: &DataFrame, flags: LazyFrame) -> LazyFrame {
    let mut columns = vec![col("_row")];
    columns.extend(SCORE_COLUMNS.map(col));
    leads
        .clone()
        .lazy()
        .with_row_index("_row", None)
        .select(columns)
        .inner_join(
            flags.select([col("_row"), col("opportunity")]),
            col("_row"),
            col("_row"),
        )
}

/// AUC of `column` for predicting `opportunity`, by the rank-sum formula.
fn auc_expr(column: &str) -> Expr {
    let scored = col(column).is_not_null();
    let pos = col("opportunity").fill_null(false).and(scored.clone());
    let n_pos = pos.clone().cast(DataType::Float64).sum();
    let n = scored.clone().cast(DataType::Float64).sum();
    let n_neg = n - n_pos.clone();
    let ranks = col(column).rank(
        RankOptions {
            method: RankMethod::Average,
            descending: false,
        },
        None,
    );
    let rank_sum = when(pos)
        .then(ranks.cast(DataType::Float64))
        .otherwise(lit(0.0))
        .sum();
    let auc = (rank_sum - n_pos.clone() * (n_pos.clone() + lit(1.0)) / lit(2.0))
        / (n_pos.clone() * n_neg.clone());
    when(n_pos.gt(lit(0.0)).and(n_neg.gt(lit(0.0))))
        .then(auc)
        .otherwise(lit(NULL).cast(DataType::Float64))
        .alias(format!("auc_{column}"))
}

/// The score columns of a leads table.
const SCORE_COLUMNS: [&str; 3] = ["score", "fit_score", "engagement_score"];

/// Item 3: which scores exist and how well they predict conversion.
pub(crate) fn scores(leads: &DataFrame, flags: LazyFrame) -> Result<Scores, MetricsError> {
    let stage = "scores";
    let base = period_leads(leads, flags)
        .collect()
        .map_err(MetricsError::polars(stage))?;
    let mut exprs = vec![len().cast(DataType::UInt64).alias("leads")];
    for c in SCORE_COLUMNS {
        exprs.push(
            col(c)
                .is_not_null()
                .cast(DataType::UInt64)
                .sum()
                .alias(format!("n_{c}")),
        );
        exprs.push(auc_expr(c));
    }
    let out = base
        .clone()
        .lazy()
        .select(exprs)
        .collect()
        .map_err(MetricsError::polars(stage))?;
    let lead_count = scalar_u64(&out, "leads");
    let mut columns = Vec::new();
    let mut scored = BTreeMap::new();
    let mut auc = BTreeMap::new();
    for c in SCORE_COLUMNS {
        let n = scalar_u64(&out, &format!("n_{c}"));
        if n > 0 {
            columns.push(c.to_owned());
            scored.insert(c.to_owned(), n);
            auc.insert(c.to_owned(), scalar_f64(&out, &format!("auc_{c}")));
        }
    }
    let split = scored.contains_key("fit_score") && scored.contains_key("engagement_score");
    let mut quadrants = Vec::new();
    if split {
        let both = col("fit_score")
            .is_not_null()
            .and(col("engagement_score").is_not_null());
        let level = |c: &str| {
            when(col(c).gt_eq(col(c).filter(both.clone()).median()))
                .then(lit("high"))
                .otherwise(lit("low"))
        };
        let cells = base
            .lazy()
            .filter(both.clone())
            .with_columns([
                level("fit_score").alias("fit"),
                level("engagement_score").alias("eng"),
            ])
            .group_by([col("fit"), col("eng")])
            .agg([
                len().cast(DataType::UInt64).alias("leads"),
                col("opportunity")
                    .fill_null(false)
                    .cast(DataType::UInt64)
                    .sum()
                    .alias("converted"),
            ])
            .collect()
            .map_err(MetricsError::polars(stage))?;
        for fit in ["high", "low"] {
            for eng in ["high", "low"] {
                let row = cells
                    .clone()
                    .lazy()
                    .filter(col("fit").eq(lit(fit)).and(col("eng").eq(lit(eng))))
                    .collect()
                    .map_err(MetricsError::polars(stage))?;
                let n = scalar_u64(&row, "leads");
                let conv = scalar_u64(&row, "converted");
                quadrants.push(Quadrant {
                    fit: fit.to_owned(),
                    engagement: eng.to_owned(),
                    leads: n,
                    converted: conv,
                    conversion_rate: (n > 0).then(|| conv as f64 / n as f64),
                });
            }
        }
    }
    let auc_text = |c: &str| match auc.get(c).copied().flatten() {
        Some(a) => format!("AUC {}", crate::format::ratio(a)),
        None => "AUC not measurable".to_owned(),
    };
    let summary = if split {
        let hh = quadrants
            .iter()
            .find(|q| q.fit == "high" && q.engagement == "high")
            .and_then(|q| q.conversion_rate);
        format!(
            "Leads carry a fit score ({}) and an engagement score ({}) for predicting conversion{}.",
            auc_text("fit_score"),
            auc_text("engagement_score"),
            hh.map(|r| format!("; high fit and high engagement convert at {}", pct(r)))
                .unwrap_or_default()
        )
    } else if !columns.is_empty() {
        let c = &columns[0];
        format!(
            "Leads carry one score (\"{c}\", on {} of {lead_count} leads, {}); fit and engagement are not scored apart.",
            scored[c],
            auc_text(c)
        )
    } else {
        format!(
            "None of the {lead_count} leads carries a score: no score column is mapped, or the leads are not scored."
        )
    };
    Ok(Scores {
        columns,
        leads: lead_count,
        scored,
        auc,
        quadrants,
        summary,
    })
}

/// Does an activity show the buyer reaching out?
///
/// A form, page view, demo or pricing request, or a call or meeting the buyer starts (its
/// type or its direction says inbound); an inbound email is usually a reply to an ongoing
/// thread, not new intent. Each rule is computed once per distinct type and direction
/// ([`per_distinct`]).
fn is_signal(kind: Expr, direction: Expr) -> Expr {
    let by_type = |rule: fn(Expr) -> Expr| per_distinct(kind.clone(), DataType::Boolean, rule);
    by_type(signal_type).or(by_type(buyer_channel).and(per_distinct(
        direction,
        DataType::Boolean,
        inbound_direction,
    )))
}

fn keyed_type(kind: Expr) -> Expr {
    key_per_row(kind).fill_null(lit(""))
}

/// A type that shows the buyer reaching out, or a call or meeting the type marks inbound.
fn signal_type(kind: Expr) -> Expr {
    let t = keyed_type(kind);
    let reaching_out = t.clone().str().contains(
        lit("form|page|view|visit|demo|pricing|request|signup|trial"),
        false,
    );
    reaching_out.or(channel(t.clone()).and(inbound_type(t)))
}

/// A call or meeting type.
fn buyer_channel(kind: Expr) -> Expr {
    channel(keyed_type(kind))
}

fn channel(keyed: Expr) -> Expr {
    keyed.str().contains(lit("call|phone|meeting"), false)
}

/// What items 9 and 10 need that does not depend on the period, computed once for the
/// whole export and every quarter (#11): every intent signal judged once, and the
/// large-deal figures.
pub(crate) struct Shared {
    /// One row per intent signal and lead row it falls on after that lead's creation:
    /// `_row` (the lead's row in the leads table), `_sig` (the activity's row), `_lead`
    /// (the lead id), `_ok` (true when an outbound touch followed it in time, else
    /// null). Whether a signal was followed up does not depend on the period; a period
    /// keeps the rows of its leads.
    judged: Option<DataFrame>,
    large: u64,
    threshold: Option<f64>,
    without: Option<u64>,
}

impl Shared {
    pub(crate) fn new(
        tables: &Tables,
        settings: &Settings,
        touches: Option<&Touches>,
    ) -> Result<Shared, MetricsError> {
        let stage = "intent signals";
        let mut shared = Shared {
            judged: None,
            large: 0,
            threshold: None,
            without: None,
        };
        let (Some(leads), Some(acts), Some(touches)) =
            (tables.leads.as_ref(), tables.activities.as_ref(), touches)
        else {
            return Ok(shared);
        };
        let utc = DataType::Datetime(TimeUnit::Milliseconds, Some(TimeZone::UTC));
        let activities = split_ids(
            acts.clone().lazy().with_row_index("_act", None).select([
                col("_act"),
                col("record_id"),
                col("timestamp").cast(utc.clone()),
                col("type"),
                col("direction"),
            ]),
            "record_id",
        );
        let signal_acts = activities
            .clone()
            .filter(is_signal(col("type"), col("direction")).and(col("timestamp").is_not_null()))
            .select([col("_act"), col("record_id"), col("timestamp")]);
        let lead_rows = leads.clone().lazy().with_row_index("_row", None).select([
            col("_row"),
            col("id").alias("_lid"),
            col("created_at").cast(utc.clone()).alias("_created"),
        ]);
        // Each signal on a lead after the lead's creation, once per lead row.
        let signals = signal_acts
            .inner_join(lead_rows, col("record_id"), col("_lid"))
            .filter(col("timestamp").gt(col("_created")).fill_null(false))
            .select([
                col("_row"),
                col("_act").alias("_sig"),
                col("record_id").alias("_lead"),
                col("timestamp").alias("_t"),
            ]);
        let signals = signals.collect().map_err(MetricsError::polars(stage))?;
        let followed = followed_up(&signals, &touches.by_lead, settings.recontact_minutes)
            .map_err(MetricsError::polars(stage))?;
        let mut judged = signals
            .select(["_row", "_sig", "_lead"])
            .map_err(MetricsError::polars(stage))?;
        judged
            .with_column(followed.with_name("_ok".into()).into_column())
            .map_err(MetricsError::polars(stage))?;
        shared.judged = Some(judged);

        // Large deals and their human touches.
        if let Some(deals) = tables.deals.as_ref() {
            let q = deals
                .clone()
                .lazy()
                .select([col("amount")
                    .quantile(lit(0.9), QuantileMethod::Linear)
                    .alias("q")])
                .collect()
                .map_err(MetricsError::polars(stage))?;
            shared.threshold = scalar_f64(&q, "q");
            if let Some(t) = shared.threshold {
                let (large, without) =
                    large_without_activity(deals, acts, t).map_err(MetricsError::polars(stage))?;
                shared.large = large;
                shared.without = Some(without);
            }
        }
        Ok(shared)
    }
}

/// Whether each signal (`signals`: its lead `_lead` and time `_t`) was followed by an
/// outbound touch on its lead (`touches`: `_rid`, `_ts`) at or after it, within
/// `recontact_minutes` (in Polars' fractional minutes): true, else null. The touch times
/// of the signals' leads only, sorted per lead and searched once per signal (#11): this
/// was a join of every signal with every touch of its lead.
fn followed_up(
    signals: &DataFrame,
    touches: &DataFrame,
    recontact_minutes: f64,
) -> PolarsResult<BooleanChunked> {
    let leads = signals.column("_lead")?.cast(&DataType::String)?;
    let times = signals.column("_t")?.cast(&DataType::Int64)?;
    let (leads, times) = (leads.str()?, times.i64()?);
    let touched = touches.column("_rid")?.cast(&DataType::String)?;
    let touch_times = touches.column("_ts")?.cast(&DataType::Int64)?;
    let by_lead = TimesByKey::new(
        touched.str()?,
        touch_times.i64()?,
        Some(leads.iter().flatten().collect()),
    );
    Ok(leads
        .iter()
        .zip(times.iter())
        .map(|(lead, t)| {
            let (lead, t) = (lead?, t?);
            let next = by_lead.at_or_after(lead, t)?;
            (minutes_from_ms(t, next) <= recontact_minutes).then_some(true)
        })
        .collect())
}

/// The deals whose amount is at least `threshold`, and how many of them have no activity
/// logged on the deal itself or on a lead it names: an activity's record ids (as
/// [`ids_in`] reads its cell) against each deal's id and lead ids. Only those ids are
/// looked for, in one pass over the activities, instead of the distinct record ids of
/// every activity being collected and joined (#11: most of a second at 4M activities).
fn large_without_activity(
    deals: &DataFrame,
    acts: &DataFrame,
    threshold: f64,
) -> PolarsResult<(u64, u64)> {
    let amounts = deals.column("amount")?.cast(&DataType::Float64)?;
    let ids = deals.column("id")?.cast(&DataType::String)?;
    let leads = deals.column("lead_id")?.cast(&DataType::String)?;
    let records = acts.column("record_id")?.cast(&DataType::String)?;
    let (ids, leads) = (ids.str()?, leads.str()?);
    let big: Vec<usize> = amounts
        .f64()?
        .iter()
        .enumerate()
        .filter(|(_, a)| a.is_some_and(|a| a >= threshold))
        .map(|(i, _)| i)
        .collect();
    let mut wanted: PlHashSet<&str> = PlHashSet::new();
    for &i in &big {
        wanted.extend(ids.get(i));
        wanted.extend(leads.get(i).into_iter().flat_map(ids_in));
    }
    let mut logged: PlHashSet<&str> = PlHashSet::new();
    for cell in records.str()?.iter().flatten() {
        for id in ids_in(cell) {
            if let Some(&w) = wanted.get(id) {
                logged.insert(w);
            }
        }
    }
    let without = big
        .iter()
        .filter(|&&i| {
            !(ids.get(i).is_some_and(|d| logged.contains(d))
                || leads
                    .get(i)
                    .is_some_and(|l| ids_in(l).any(|x| logged.contains(x))))
        })
        .count();
    Ok((big.len() as u64, without as u64))
}

/// Items 9 and 10: intent signals and their follow-up, and the largest deals' touches,
/// for the leads of `flags` (the prepared leads of the period).
pub(crate) fn intent(
    shared: &Shared,
    flags: LazyFrame,
    settings: &Settings,
) -> Result<Option<Intent>, MetricsError> {
    let stage = "intent signals";
    // Judged only when there are leads and activities.
    let Some(judged) = shared.judged.as_ref() else {
        return Ok(None);
    };
    let counts = judged
        .clone()
        .lazy()
        .inner_join(flags.select([col("_row")]), col("_row"), col("_row"))
        .unique(Some(cols(["_sig", "_lead"])), UniqueKeepStrategy::Any)
        .select([
            len().cast(DataType::UInt64).alias("signals"),
            col("_lead")
                .n_unique()
                .cast(DataType::UInt64)
                .alias("leads"),
            col("_ok")
                .is_null()
                .cast(DataType::UInt64)
                .sum()
                .alias("missed"),
        ])
        .collect()
        .map_err(MetricsError::polars(stage))?;
    Ok(Some(Intent {
        recontact_minutes: settings.recontact_minutes,
        signals: scalar_u64(&counts, "signals"),
        leads_with_signal: scalar_u64(&counts, "leads"),
        not_followed_up: scalar_u64(&counts, "missed"),
        large_deals: shared.large,
        large_deal_threshold: shared.threshold,
        large_deals_without_touch: shared.without,
    }))
}

/// Sets `figures.scores` and `figures.intent` for the leads created in `period`.
pub(crate) fn attach(
    figures: &mut super::Figures,
    tables: &Tables,
    prepared: &super::prepare::Prepared,
    shared: &Shared,
    settings: &Settings,
    period: &super::Period,
) -> Result<(), MetricsError> {
    let (Some(leads), Some(prep)) = (tables.leads.as_ref(), prepared.leads.as_ref()) else {
        let why = "no leads file".to_owned();
        figures.unavailable.insert("scores".into(), why.clone());
        figures.unavailable.insert("intent".into(), why);
        return Ok(());
    };
    let flags = || super::aggregate::in_period(prep.clone().lazy(), "date", period);
    figures.scores = Some(scores(leads, flags())?);
    figures.intent = intent(shared, flags(), settings)?;
    if figures.intent.is_none() {
        figures
            .unavailable
            .insert("intent".into(), "no activities file".to_owned());
    } else if let Some(why) = tables
        .absence(Kind::Leads, "created_at")
        .or_else(|| tables.absence(Kind::Activities, "timestamp"))
        .or_else(|| tables.absence(Kind::Activities, "record_id"))
    {
        // Signals are judged against the lead's creation and the activity's time.
        figures.intent = None;
        figures.unavailable.insert("intent".into(), why);
    } else if let Some(why) = tables.absence(Kind::Deals, "amount") {
        figures.unavailable.insert("intent.large_deals".into(), why);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signal_is_followed_by_a_touch_on_its_lead_within_the_window() {
        let minutes = |v: &[i64]| {
            Series::new("t".into(), v.iter().map(|m| m * 60_000).collect::<Vec<_>>())
                .cast(&DataType::Datetime(
                    TimeUnit::Milliseconds,
                    Some(TimeZone::UTC),
                ))
                .unwrap()
        };
        let frame = |lead: &str, time: &str, leads: &[&str], at: &[i64]| {
            DataFrame::new(
                leads.len(),
                vec![
                    Column::new(lead.into(), leads),
                    minutes(at).with_name(time.into()).into_column(),
                ],
            )
            .unwrap()
        };
        // L1 is touched at 5 (before), 100 and 160; L2 at 50; L3 never.
        let touches = frame("_rid", "_ts", &["L1", "L1", "L2", "L1"], &[100, 5, 50, 160]);
        let signals = frame(
            "_lead",
            "_t",
            &["L1", "L1", "L1", "L1", "L2", "L3"],
            // At 100 (a touch at the moment), at 40 (next touch 60 minutes on: the edge),
            // at 39 (61 minutes), at 161 (none after), at 50 and at 0.
            &[100, 40, 39, 161, 50, 0],
        );
        let got: Vec<Option<bool>> = followed_up(&signals, &touches, 60.0)
            .unwrap()
            .iter()
            .collect();
        assert_eq!(got, [Some(true), Some(true), None, None, Some(true), None]);
    }

    #[test]
    fn large_deals_without_activity_on_the_deal_or_its_leads() {
        let deals = df!(
            "id" => [Some("D1"), Some("D2"), Some("D3"), Some("D4"), None, Some("D6"), Some("D7;D8")],
            "amount" => [Some(100.0), Some(100.0), Some(100.0), Some(100.0), Some(100.0), None, Some(100.0)],
            "lead_id" => [None, Some("L9, L2"), Some("L3"), None, Some("L5"), Some("L6"), None],
        )
        .unwrap();
        // D1 on its own id (in a list), D2 through its second lead (padded), L5 for the
        // deal without an id; D3 and D4 have none; D6 is not large (no amount); "D7;D8"
        // is one id and meets neither piece.
        let acts = df!(
            "record_id" => [Some("X; D1"), Some(" L2 "), None, Some("L5"), Some("L6"), Some("D7"), Some("")],
        )
        .unwrap();
        assert_eq!(large_without_activity(&deals, &acts, 50.0).unwrap(), (6, 3));
        // Above every amount: none is large.
        assert_eq!(
            large_without_activity(&deals, &acts, 1000.0).unwrap(),
            (0, 0)
        );
    }
}
