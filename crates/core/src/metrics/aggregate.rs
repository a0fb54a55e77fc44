//! Stage two: the figures of one period, from the enriched tables, in one batch of
//! queries collected together.

use std::collections::BTreeMap;

use polars::prelude::*;

use super::prepare::{Avail, Prepared};
use super::{
    CurveBucket, Figures, InactiveReasons, MetricsError, OwnerFigures, Period, Routing, Sla,
    SpeedGroup, SpeedToLead, Stat,
};
use crate::settings::Settings;

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

/// Reads the cells of one collected frame.
struct Rows<'a>(&'a DataFrame);

impl Rows<'_> {
    fn len(&self) -> usize {
        self.0.height()
    }

    fn u(&self, name: &str, i: usize) -> u64 {
        self.0
            .column(name)
            .ok()
            .and_then(|c| c.cast(&DataType::UInt64).ok())
            .and_then(|c| c.u64().ok().and_then(|c| c.get(i)))
            .unwrap_or(0)
    }

    fn f(&self, name: &str, i: usize) -> Option<f64> {
        self.0
            .column(name)
            .ok()
            .and_then(|c| c.cast(&DataType::Float64).ok())
            .and_then(|c| c.f64().ok().and_then(|c| c.get(i)))
            .filter(|v| v.is_finite())
    }

    fn i(&self, name: &str, i: usize) -> Option<i64> {
        self.0
            .column(name)
            .ok()
            .and_then(|c| c.cast(&DataType::Int64).ok())
            .and_then(|c| c.i64().ok().and_then(|c| c.get(i)))
    }

    fn s(&self, name: &str, i: usize) -> Option<String> {
        self.0
            .column(name)
            .ok()
            .and_then(|c| c.str().ok().and_then(|c| c.get(i).map(str::to_owned)))
    }

    fn speed(&self, i: usize, key: Option<String>) -> SpeedGroup {
        let (n, c) = (self.u("n", i), self.u("c", i));
        SpeedGroup {
            key,
            leads: n,
            contacted: c,
            median_minutes: stat(self.f("med", i), n, c, MEDIAN).unwrap_or(Stat::NotReached),
            median_business_minutes: stat(self.f("med_bh", i), n, c, MEDIAN)
                .unwrap_or(Stat::NotReached),
            within_5m: share(self.u("w5", i), n).unwrap_or(0.0),
            within_1h: share(self.u("w60", i), n).unwrap_or(0.0),
            within_24h: share(self.u("w1440", i), n).unwrap_or(0.0),
            never_contacted: share(n - c.min(n), n).unwrap_or(0.0),
        }
    }
}

/// The batch of queries of one period, collected together.
struct Batch {
    plans: Vec<LazyFrame>,
}

impl Batch {
    fn add(&mut self, lf: LazyFrame) -> usize {
        self.plans.push(lf);
        self.plans.len() - 1
    }

    fn collect(self) -> Result<Vec<DataFrame>, MetricsError> {
        let plans = self.plans.into_iter().map(|lf| lf.logical_plan).collect();
        LazyFrame::collect_all_with_engine(plans, Engine::Auto, OptFlags::default())
            .map_err(MetricsError::polars("baseline figures"))
    }
}

struct LeadPlans {
    totals: usize,
    how: usize,
    curve: usize,
    owners: usize,
    sources: usize,
    months: usize,
}

struct DealPlans {
    totals: usize,
    owners: usize,
}

fn lead_plans(batch: &mut Batch, leads: LazyFrame) -> LeadPlans {
    let mut totals = vec![len().cast(DataType::UInt64).alias("leads")];
    totals.extend(speed_aggs());
    totals.extend([
        count(col("before")).alias("before"),
        count(col("excluded_before")).alias("excluded_before"),
        count(col("no_created")).alias("no_created"),
        count(col("met")).alias("met"),
        count(col("met_bh")).alias("met_bh"),
        count(col("breach")).alias("breaches"),
        count(col("breach").and(col("after_hours"))).alias("after_hours_breaches"),
        count(col("breach").and(col("speed").is_null())).alias("never_breaches"),
        count(col("late_no_follow_up")).alias("late_no_follow_up"),
        count(col("qualified")).alias("qualified"),
        count(col("opportunity")).alias("opportunity"),
        count(col("won")).alias("won"),
        count(col("owner_key").is_null()).alias("unassigned"),
        count(col("owner_key").is_not_null().and(inactive_any())).alias("inactive"),
        count(col("owner_key").is_not_null().and(col("inactive_roster"))).alias("roster_inactive"),
        count(col("owner_key").is_not_null().and(col("inactive_ooo"))).alias("out_of_office"),
        count(col("owner_key").is_not_null().and(col("inactive_recent")))
            .alias("no_recent_activity"),
        count(col("mismatch")).alias("mismatch"),
    ]);
    let totals = batch.add(leads.clone().select(totals));

    let how = batch.add(
        leads
            .clone()
            .filter(col("how").is_not_null())
            .group_by([col("how")])
            .agg({
                let mut a = speed_aggs();
                a.push(len().cast(DataType::UInt64).alias("leads"));
                a.push(count(col("breach")).alias("breaches"));
                a
            }),
    );
    let curve = batch.add(
        leads
            .clone()
            .filter(col("measured"))
            .group_by([col("bucket")])
            .agg([
                len().cast(DataType::UInt64).alias("leads"),
                count(col("qualified")).alias("qualified"),
                count(col("opportunity")).alias("opportunity"),
            ]),
    );
    let owners = batch.add(
        leads
            .clone()
            .filter(col("owner_key").is_not_null())
            .group_by([col("owner_key")])
            .agg({
                let mut a = speed_aggs();
                a.extend([
                    col("owner").first().alias("owner"),
                    len().cast(DataType::UInt64).alias("leads"),
                    count(inactive_any()).alias("inactive"),
                    count(col("open")).alias("open"),
                ]);
                a
            }),
    );
    let sources = batch.add(leads.clone().group_by([col("source")]).agg(speed_aggs()));
    let months = batch.add(
        leads
            .filter(col("month").is_not_null())
            .group_by([col("month")])
            .agg(speed_aggs()),
    );
    LeadPlans {
        totals,
        how,
        curve,
        owners,
        sources,
        months,
    }
}

fn inactive_any() -> Expr {
    col("inactive_roster")
        .fill_null(false)
        .or(col("inactive_ooo").fill_null(false))
        .or(col("inactive_recent").fill_null(false))
}

fn deal_plans(batch: &mut Batch, deals: LazyFrame) -> DealPlans {
    let totals = batch.add(deals.clone().select([
        len().cast(DataType::UInt64).alias("deals"),
        count(col("won")).alias("won"),
        count(col("lost")).alias("lost"),
        col("cycle_days").median().alias("cycle"),
        count(col("cycle_impossible")).alias("cycle_excluded"),
    ]));
    let owners = batch.add(
        deals
            .filter(col("owner_key").is_not_null())
            .group_by([col("owner_key")])
            .agg([
                col("owner").first().alias("owner"),
                len().cast(DataType::UInt64).alias("deals"),
                count(col("won")).alias("won"),
                count(col("lost")).alias("lost"),
                count(col("open")).alias("open"),
            ]),
    );
    DealPlans { totals, owners }
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

/// The Gini coefficient of counts (each at least 1): 0 when all are equal, towards 1
/// when one owner gets everything. G = 2·Σ i·x₍ᵢ₎ / (n·Σ x) − (n + 1)/n over the counts
/// sorted ascending, i = 1…n (the mean absolute difference over twice the mean).
pub(crate) fn gini(counts: &[u64]) -> Result<Option<f64>, MetricsError> {
    if counts.is_empty() {
        return Ok(None);
    }
    let n = counts.len() as f64;
    let x = || col("x").cast(DataType::Float64);
    let out = DataFrame::new(counts.len(), vec![Column::new("x".into(), counts.to_vec())])
        .and_then(|df| {
            df.lazy()
                .sort(["x"], SortMultipleOptions::default())
                .with_row_index("i", Some(1))
                .select([(lit(2.0) * (col("i").cast(DataType::Float64) * x()).sum()
                    / (lit(n) * x().sum())
                    - lit((n + 1.0) / n))
                .alias("g")])
                .collect()
        })
        .map_err(MetricsError::polars("gini"))?;
    Ok(Rows(&out).f("g", 0).map(|g| g.max(0.0)))
}

fn median(values: &mut [u64]) -> Option<f64> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2] as f64),
        _ => Some((values[n / 2 - 1] + values[n / 2]) as f64 / 2.0),
    }
}

/// Routing fairness, and why any part of it is unavailable.
fn routing(
    prep: &Prepared,
    lead_plans: Option<&LeadPlans>,
    deal_plans: Option<&DealPlans>,
    frames: &[DataFrame],
    speed_ok: bool,
) -> Result<(Option<Routing>, BTreeMap<String, String>), MetricsError> {
    let avail = &prep.avail;
    let mut notes = BTreeMap::new();
    if let Err(reason) = &avail.owners {
        notes.insert("routing".to_owned(), reason.clone());
        return Ok((None, notes));
    }
    let basis = if lead_plans.is_some() {
        "leads"
    } else {
        "deals"
    };
    // Owner key → (figures, open deals).
    let mut rows: BTreeMap<String, OwnerFigures> = BTreeMap::new();
    let blank = |name: String| OwnerFigures {
        owner: name,
        leads: lead_plans.map(|_| 0),
        deals: deal_plans.map(|_| 0),
        share: 0.0,
        win_rate: None,
        median_speed_minutes: None,
        open_load: 0,
        capacity: None,
        inactive_assignments: None,
    };
    let inactive_ok = [
        &avail.roster_inactive,
        &avail.out_of_office,
        &avail.recent_activity,
    ]
    .iter()
    .any(|a| a.is_ok());
    let mut totals = None;
    if let Some(p) = lead_plans {
        let t = Rows(&frames[p.totals]);
        totals = Some(t);
        let o = Rows(&frames[p.owners]);
        for i in 0..o.len() {
            let Some(k) = o.s("owner_key", i) else {
                continue;
            };
            let name = o.s("owner", i).unwrap_or_else(|| k.clone());
            let row = rows.entry(k).or_insert_with(|| blank(name));
            row.leads = Some(o.u("leads", i));
            row.open_load = o.u("open", i);
            if speed_ok {
                row.median_speed_minutes = stat(o.f("med", i), o.u("n", i), o.u("c", i), MEDIAN);
            }
            if inactive_ok {
                row.inactive_assignments = Some(o.u("inactive", i));
            }
        }
    }
    if let Some(p) = deal_plans {
        let o = Rows(&frames[p.owners]);
        for i in 0..o.len() {
            let Some(k) = o.s("owner_key", i) else {
                continue;
            };
            let name = o.s("owner", i).unwrap_or_else(|| k.clone());
            let row = rows.entry(k).or_insert_with(|| blank(name));
            row.deals = Some(o.u("deals", i));
            let (won, lost) = (o.u("won", i), o.u("lost", i));
            row.win_rate = share(won, won + lost);
            if basis == "deals" {
                row.open_load = o.u("open", i);
            }
        }
    }
    if let Some(cap) = &prep.capacity {
        let c = Rows(cap);
        for i in 0..c.len() {
            if let Some(row) = c.s("owner_key", i).and_then(|k| rows.get_mut(&k)) {
                row.capacity = c.f("capacity", i);
            }
        }
    }
    let count = |r: &OwnerFigures| {
        if basis == "leads" {
            r.leads.unwrap_or(0)
        } else {
            r.deals.unwrap_or(0)
        }
    };
    let mut owners: Vec<OwnerFigures> = rows.into_values().collect();
    let total: u64 = owners.iter().map(count).sum();
    for r in &mut owners {
        r.share = share(count(r), total).unwrap_or(0.0);
    }
    owners.sort_by(|a, b| {
        count(b)
            .cmp(&count(a))
            .then(b.deals.cmp(&a.deals))
            .then(a.owner.cmp(&b.owner))
    });
    let counts: Vec<u64> = owners.iter().map(count).filter(|&c| c > 0).collect();
    let gini = gini(&counts)?;
    if gini.is_none() {
        let reason = match (&avail.lead_owner, basis) {
            (Err(why), "leads") => why.clone(),
            _ => format!("no owner has {basis} in the period"),
        };
        notes.insert("routing.gini".to_owned(), reason.clone());
        notes.insert("routing.equal_share".to_owned(), reason);
    }
    let equal_share = (!counts.is_empty()).then(|| 1.0 / counts.len() as f64);

    let mut loads: Vec<u64> = owners
        .iter()
        .filter(|r| count(r) > 0)
        .map(|r| r.open_load)
        .collect();
    let median_load = median(&mut loads).unwrap_or(0.0);
    let over_capacity_owners = owners
        .iter()
        .filter(|r| count(r) > 0)
        .filter(|r| match r.capacity {
            Some(c) => r.open_load as f64 > c,
            None => median_load > 0.0 && r.open_load as f64 > 2.0 * median_load,
        })
        .map(|r| r.owner.clone())
        .collect();

    let reason_count =
        |avail: &Avail, column: &str, figure: &str, notes: &mut BTreeMap<String, String>| match (
            avail, &totals,
        ) {
            (Ok(()), Some(t)) => Some(t.u(column, 0)),
            (Err(reason), _) => {
                notes.insert(
                    format!("routing.inactive_by_reason.{figure}"),
                    reason.clone(),
                );
                None
            }
            (Ok(()), None) => None,
        };
    let (inactive_owner_assignments, inactive_by_reason) = match (&totals, inactive_ok) {
        (Some(t), true) => (
            Some(t.u("inactive", 0)),
            Some(InactiveReasons {
                roster_inactive: reason_count(
                    &avail.roster_inactive,
                    "roster_inactive",
                    "roster_inactive",
                    &mut notes,
                ),
                out_of_office: reason_count(
                    &avail.out_of_office,
                    "out_of_office",
                    "out_of_office",
                    &mut notes,
                ),
                no_recent_activity: reason_count(
                    &avail.recent_activity,
                    "no_recent_activity",
                    "no_recent_activity",
                    &mut notes,
                ),
            }),
        ),
        _ => {
            let reason = match &avail.leads {
                Err(r) => r.clone(),
                Ok(()) => {
                    let mut reasons = vec![];
                    for a in [
                        &avail.roster_inactive,
                        &avail.out_of_office,
                        &avail.recent_activity,
                    ] {
                        if let Err(r) = a
                            && !reasons.contains(r)
                        {
                            reasons.push(r.clone());
                        }
                    }
                    reasons.join("; ")
                }
            };
            notes.insert(
                "routing.inactive_owner_assignments".to_owned(),
                reason.clone(),
            );
            notes.insert("routing.inactive_by_reason".to_owned(), reason);
            (None, None)
        }
    };
    let account_owner_mismatches = match (&avail.account_owner, &totals) {
        (Ok(()), Some(t)) => Some(t.u("mismatch", 0)),
        (Err(reason), _) => {
            notes.insert(
                "routing.account_owner_mismatches".to_owned(),
                reason.clone(),
            );
            None
        }
        (Ok(()), None) => None,
    };
    let unassigned = match (&totals, &avail.lead_owner) {
        (Some(_), Err(why)) => {
            notes.insert("routing.unassigned".to_owned(), why.clone());
            None
        }
        (Some(t), Ok(())) => Some(t.u("unassigned", 0)),
        (None, _) => {
            let reason = avail.leads.clone().err().unwrap_or_default();
            notes.insert("routing.unassigned".to_owned(), reason);
            None
        }
    };
    Ok((
        Some(Routing {
            basis: basis.to_owned(),
            gini,
            equal_share,
            owners,
            inactive_owner_assignments,
            inactive_by_reason,
            over_capacity_owners: Some(over_capacity_owners),
            account_owner_mismatches,
            unassigned,
        }),
        notes,
    ))
}
