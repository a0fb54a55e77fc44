//! Stage two: the figures of one period, from the enriched tables, in one batch of
//! queries collected together.

mod plans;
mod routing;

use std::collections::BTreeMap;

use polars::prelude::*;

use super::prepare::{Avail, Prepared};
use super::{
    CurveBucket, Figures, InactiveReasons, MetricsError, OwnerFigures, Period, Routing, Sla,
    SpeedGroup, SpeedToLead, Stat,
};
use crate::settings::Settings;
use plans::*;
#[cfg(test)]
pub(crate) use routing::gini;
use routing::*;

/// The response-curve buckets, in order, with their labels.
pub(super) const BUCKETS: [(&str, &str); 6] = [
    ("5m", "≤5 min"),
    ("30m", "≤30 min"),
    ("1h", "≤1 h"),
    ("24h", "≤24 h"),
    ("later", "later"),
    ("never", "never"),
];

/// A quantile as a fraction num/den (exact, to decide "not reached").
#[derive(Clone, Copy)]
struct Q(u64, u64);

const MEDIAN: Q = Q(1, 2);
const P90: Q = Q(9, 10);

impl Q {
    fn value(self) -> f64 {
        self.0 as f64 / self.1 as f64
    }
}

/// A calendar day as a Polars date literal, built from its day number: `lit(NaiveDate)`
/// goes through nanoseconds and panics outside 1677–2262.
fn day(d: chrono::NaiveDate) -> Expr {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid date");
    let days = i32::try_from((d - epoch).num_days()).unwrap_or(i32::MAX);
    lit(days).cast(DataType::Date)
}

/// Keeps rows whose `date` column falls in the period (all rows for the whole export).
pub(crate) fn in_period(lf: LazyFrame, date: &str, period: &Period) -> LazyFrame {
    let mut cond: Option<Expr> = None;
    if let Some(from) = period.from {
        cond = Some(col(date).gt_eq(day(from)));
    }
    if let Some(to) = period.to {
        let c = col(date).lt_eq(day(to));
        cond = Some(match cond {
            Some(a) => a.and(c),
            None => c,
        });
    }
    match cond {
        Some(c) => lf.filter(c.fill_null(false)),
        None => lf,
    }
}

/// Rows where a flag is true (null counts as false).
fn count(e: Expr) -> Expr {
    e.fill_null(false).cast(DataType::UInt64).sum()
}

/// The linear-interpolation quantile of a speed column over measured leads, with
/// never-contacted leads ranked last (as one more than the largest speed). Whether the
/// quantile is reached is decided exactly from the counts, in [`stat`].
fn quantile(speed: &str, q: Q) -> Expr {
    let v = col(speed).filter(col("measured"));
    v.clone()
        .fill_null(v.max() + lit(1.0))
        .quantile(lit(q.value()), QuantileMethod::Linear)
}

/// The speed aggregates every group of leads reports.
fn speed_aggs() -> Vec<Expr> {
    vec![
        count(col("measured")).alias("n"),
        count(col("speed").is_not_null()).alias("c"),
        count(col("speed").lt_eq(lit(5.0))).alias("w5"),
        count(col("speed").lt_eq(lit(60.0))).alias("w60"),
        count(col("speed").lt_eq(lit(1440.0))).alias("w1440"),
        quantile("speed", MEDIAN).alias("med"),
        quantile("speed", P90).alias("p90"),
        quantile("speed_bh", MEDIAN).alias("med_bh"),
        quantile("speed_bh", P90).alias("p90_bh"),
    ]
}

/// A quantile of `n` measured leads of which `c` were contacted: not reached when the
/// interpolation needs a never-contacted lead (sorted last); `None` with no lead.
fn stat(value: Option<f64>, n: u64, c: u64, q: Q) -> Option<Stat> {
    if n == 0 {
        return None;
    }
    // The upper index of the linear interpolation, ceil(q * (n - 1)), exactly.
    let upper = (q.0 * (n - 1)).div_ceil(q.1);
    match value {
        Some(v) if upper < c => Some(Stat::Minutes(v)),
        _ => Some(Stat::NotReached),
    }
}

fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// Notes why a figure is unavailable and returns `None`.
fn missing<T>(unavailable: &mut BTreeMap<String, String>, figure: &str, reason: &str) -> Option<T> {
    unavailable.insert(figure.to_owned(), reason.to_owned());
    None
}

/// A figure that needs `avail` and a non-empty denominator.
fn rate(
    unavailable: &mut BTreeMap<String, String>,
    figure: &str,
    avail: &Avail,
    part: u64,
    whole: u64,
    empty: &str,
) -> Option<f64> {
    match avail {
        Err(reason) => missing(unavailable, figure, reason),
        Ok(()) if whole == 0 => missing(unavailable, figure, empty),
        Ok(()) => share(part, whole),
    }
}

const NO_LEADS_IN_PERIOD: &str = "no leads created in the period";

pub(crate) fn figures(
    prep: &Prepared,
    settings: &Settings,
    period: &Period,
) -> Result<Figures, MetricsError> {
    let mut batch = Batch { plans: Vec::new() };
    let lead_plans = prep
        .leads
        .as_ref()
        .map(|l| lead_plans(&mut batch, in_period(l.clone().lazy(), "date", period)));
    let deal_plans = prep.deals.as_ref().map(|d| {
        deal_plans(
            &mut batch,
            in_period(d.clone().lazy(), "close_date", period),
        )
    });
    let frames = batch.collect()?;
    let frame = |i: usize| Rows(&frames[i]);

    let avail = &prep.avail;
    let mut out = Figures::default();
    let un = &mut out.unavailable;

    // Leads, speed, SLA, funnel.
    if let (Some(p), Ok(())) = (&lead_plans, &avail.leads) {
        let t = frame(p.totals);
        let lead_count = t.u("leads", 0);
        out.leads = Some(lead_count);
        let (n, c) = (t.u("n", 0), t.u("c", 0));
        let speed_avail = match &avail.speed {
            Err(r) => Err(r.clone()),
            Ok(()) if lead_count == 0 => Err(NO_LEADS_IN_PERIOD.to_owned()),
            Ok(()) if n == 0 => Err(
                "no lead in the period can be measured (each was touched only before its creation, or has no creation time)"
                    .to_owned(),
            ),
            Ok(()) => Ok(()),
        };
        match speed_avail {
            Err(reason) => {
                for figure in ["speed_to_lead", "sla", "response_curve"] {
                    un.insert(figure.to_owned(), reason.clone());
                }
            }
            Ok(()) => {
                let how = frame(p.how);
                let mut leads_how = vec![vec![0u64; 24]; 7];
                let mut median_how = vec![vec![None; 24]; 7];
                let mut breaches_how = vec![vec![0u64; 24]; 7];
                for i in 0..how.len() {
                    let Some(h) = how.i("how", i).and_then(|h| usize::try_from(h).ok()) else {
                        continue;
                    };
                    if h >= 168 {
                        continue;
                    }
                    let (d, hr) = (h / 24, h % 24);
                    leads_how[d][hr] = how.u("leads", i);
                    breaches_how[d][hr] = how.u("breaches", i);
                    median_how[d][hr] = stat(how.f("med", i), how.u("n", i), how.u("c", i), MEDIAN);
                }
                let owners = frame(p.owners);
                let mut by_owner: Vec<SpeedGroup> = (0..owners.len())
                    .filter(|&i| owners.u("n", i) > 0)
                    .map(|i| owners.speed(i, owners.s("owner", i)))
                    .collect();
                by_owner.sort_by(|a, b| b.leads.cmp(&a.leads).then(a.key.cmp(&b.key)));
                let sources = frame(p.sources);
                let mut by_source: Vec<SpeedGroup> = (0..sources.len())
                    .filter(|&i| sources.u("n", i) > 0)
                    .map(|i| sources.speed(i, sources.s("source", i)))
                    .collect();
                by_source.sort_by(|a, b| b.leads.cmp(&a.leads).then(a.key.cmp(&b.key)));
                let months = frame(p.months);
                let mut by_month: Vec<SpeedGroup> = (0..months.len())
                    .filter(|&i| months.u("n", i) > 0)
                    .map(|i| {
                        let key = months
                            .i("month", i)
                            .map(|m| format!("{}-{:02}", m.div_euclid(100), m.rem_euclid(100)));
                        months.speed(i, key)
                    })
                    .collect();
                by_month.sort_by(|a, b| a.key.cmp(&b.key));
                let excluded_before = t.u("excluded_before", 0);
                out.speed_to_lead = Some(SpeedToLead {
                    first_touch_from: avail.first_touch_from.clone(),
                    leads: n,
                    contacted: c,
                    median_minutes: stat(t.f("med", 0), n, c, MEDIAN).unwrap_or(Stat::NotReached),
                    p90_minutes: stat(t.f("p90", 0), n, c, P90).unwrap_or(Stat::NotReached),
                    within_5m: share(t.u("w5", 0), n).unwrap_or(0.0),
                    within_1h: share(t.u("w60", 0), n).unwrap_or(0.0),
                    within_24h: share(t.u("w1440", 0), n).unwrap_or(0.0),
                    never_contacted: share(n - c.min(n), n).unwrap_or(0.0),
                    median_business_minutes: stat(t.f("med_bh", 0), n, c, MEDIAN)
                        .unwrap_or(Stat::NotReached),
                    p90_business_minutes: stat(t.f("p90_bh", 0), n, c, P90)
                        .unwrap_or(Stat::NotReached),
                    touched_before_creation: t.u("before", 0),
                    excluded_touched_before_creation: excluded_before,
                    excluded_no_created_at: t.u("no_created", 0),
                    by_owner,
                    by_source,
                    by_month,
                    leads_by_hour_of_week: leads_how,
                    median_minutes_by_hour_of_week: median_how,
                });
                let breaches = t.u("breaches", 0);
                let after_hours_breaches = t.u("after_hours_breaches", 0);
                let after_hours_share = match share(after_hours_breaches, breaches) {
                    Some(s) => Some(s),
                    None => missing(un, "sla.after_hours_share", "no breaches in the period"),
                };
                let night_breaches: u64 = breaches_how
                    .iter()
                    .map(|day| day[super::NIGHT_HOURS].iter().sum::<u64>())
                    .sum();
                out.sla = Some(Sla {
                    target_minutes: settings.sla_minutes,
                    targets_by_priority: settings.sla_by_priority.clone(),
                    leads: n,
                    met: t.u("met", 0),
                    breaches,
                    compliance: share(t.u("met", 0), n).unwrap_or(0.0),
                    compliance_business_hours: share(t.u("met_bh", 0), n).unwrap_or(0.0),
                    breaches_by_hour_of_week: breaches_how,
                    after_hours_breaches,
                    after_hours_share,
                    never_contacted_breaches: t.u("never_breaches", 0),
                    night_breaches: Some(night_breaches),
                    late_touch_no_follow_up: match &avail.follow_up {
                        Ok(()) => Some(t.u("late_no_follow_up", 0)),
                        Err(reason) => missing(un, "sla.late_touch_no_follow_up", reason),
                    },
                });
                let curve = frame(p.curve);
                let mut buckets = Vec::new();
                for (name, label) in BUCKETS {
                    let i =
                        (0..curve.len()).find(|&i| curve.s("bucket", i).as_deref() == Some(name));
                    let leads = i.map_or(0, |i| curve.u("leads", i));
                    let qualified = avail
                        .qualification
                        .is_ok()
                        .then(|| i.map_or(0, |i| curve.u("qualified", i)));
                    let converted = avail
                        .opportunity
                        .is_ok()
                        .then(|| i.map_or(0, |i| curve.u("opportunity", i)));
                    buckets.push(CurveBucket {
                        bucket: name.to_owned(),
                        label: label.to_owned(),
                        leads,
                        qualified,
                        qualification_rate: qualified.and_then(|q| share(q, leads)),
                        converted,
                        conversion_rate: converted.and_then(|q| share(q, leads)),
                    });
                }
                out.response_curve = Some(buckets);
            }
        }
        out.qualification_rate = rate(
            un,
            "qualification_rate",
            &avail.qualification,
            t.u("qualified", 0),
            lead_count,
            NO_LEADS_IN_PERIOD,
        );
        out.lead_to_opportunity = rate(
            un,
            "lead_to_opportunity",
            &avail.opportunity,
            t.u("opportunity", 0),
            lead_count,
            NO_LEADS_IN_PERIOD,
        );
        out.lead_to_won = rate(
            un,
            "lead_to_won",
            &avail.won,
            t.u("won", 0),
            lead_count,
            NO_LEADS_IN_PERIOD,
        );
    } else {
        let reason = avail.leads.clone().err().unwrap_or_default();
        for figure in [
            "leads",
            "speed_to_lead",
            "sla",
            "response_curve",
            "qualification_rate",
            "lead_to_opportunity",
            "lead_to_won",
        ] {
            un.insert(figure.to_owned(), reason.clone());
        }
    }

    // Deals: win rate and cycle time.
    if let (Some(p), Ok(())) = (&deal_plans, &avail.deals) {
        let t = frame(p.totals);
        let (won, lost) = (t.u("won", 0), t.u("lost", 0));
        out.deals = Some(t.u("deals", 0));
        out.deals_won = Some(won);
        out.deals_lost = Some(lost);
        out.win_rate = match (&avail.outcome, share(won, won + lost)) {
            (Err(why), _) => missing(un, "win_rate", why),
            (Ok(()), Some(r)) => Some(r),
            (Ok(()), None) => missing(un, "win_rate", "no deal closed (won or lost) in the period"),
        };
        if let Err(why) = &avail.outcome {
            out.deals_won = missing(un, "deals_won", why);
            out.deals_lost = missing(un, "deals_lost", why);
        }
        out.cycle_time_days_median = match (&avail.cycle, t.f("cycle", 0)) {
            (Err(why), _) => missing(un, "cycle_time_days_median", why),
            (Ok(()), Some(c)) => Some(c),
            (Ok(()), None) => missing(
                un,
                "cycle_time_days_median",
                "no won deal in the period with a start (created_at, or a linked lead's) and a close date",
            ),
        };
        out.cycle_time_excluded = match &avail.cycle {
            Err(why) => missing(un, "cycle_time_excluded", why),
            Ok(()) => Some(t.u("cycle_excluded", 0)),
        };
    } else {
        let reason = avail.deals.clone().err().unwrap_or_default();
        for figure in [
            "deals",
            "deals_won",
            "deals_lost",
            "win_rate",
            "cycle_time_days_median",
            "cycle_time_excluded",
        ] {
            un.insert(figure.to_owned(), reason.clone());
        }
    }

    let speed_ok = out.speed_to_lead.is_some();
    let (routing, notes) = routing(
        prep,
        lead_plans.as_ref(),
        deal_plans.as_ref(),
        &frames,
        speed_ok,
    )?;
    out.routing = routing;
    out.unavailable.extend(notes);
    Ok(out)
}
