//! The queries of one period, planned into one batch: the lead and deal aggregations
//! collected together, and reading their single-row results.

use super::*;

/// Reads the cells of one collected frame.
pub(super) struct Rows<'a>(pub(super) &'a DataFrame);

impl Rows<'_> {
    pub(super) fn len(&self) -> usize {
        self.0.height()
    }

    pub(super) fn u(&self, name: &str, i: usize) -> u64 {
        self.0
            .column(name)
            .ok()
            .and_then(|c| c.cast(&DataType::UInt64).ok())
            .and_then(|c| c.u64().ok().and_then(|c| c.get(i)))
            .unwrap_or(0)
    }

    pub(super) fn f(&self, name: &str, i: usize) -> Option<f64> {
        self.0
            .column(name)
            .ok()
            .and_then(|c| c.cast(&DataType::Float64).ok())
            .and_then(|c| c.f64().ok().and_then(|c| c.get(i)))
            .filter(|v| v.is_finite())
    }

    pub(super) fn i(&self, name: &str, i: usize) -> Option<i64> {
        self.0
            .column(name)
            .ok()
            .and_then(|c| c.cast(&DataType::Int64).ok())
            .and_then(|c| c.i64().ok().and_then(|c| c.get(i)))
    }

    pub(super) fn s(&self, name: &str, i: usize) -> Option<String> {
        self.0
            .column(name)
            .ok()
            .and_then(|c| c.str().ok().and_then(|c| c.get(i).map(str::to_owned)))
    }

    pub(super) fn speed(&self, i: usize, key: Option<String>) -> SpeedGroup {
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
pub(super) struct Batch {
    pub(super) plans: Vec<LazyFrame>,
}

impl Batch {
    pub(super) fn add(&mut self, lf: LazyFrame) -> usize {
        self.plans.push(lf);
        self.plans.len() - 1
    }

    pub(super) fn collect(self) -> Result<Vec<DataFrame>, MetricsError> {
        let plans = self.plans.into_iter().map(|lf| lf.logical_plan).collect();
        LazyFrame::collect_all_with_engine(plans, Engine::Auto, OptFlags::default())
            .map_err(MetricsError::polars("baseline figures"))
    }
}

pub(super) struct LeadPlans {
    pub(super) totals: usize,
    pub(super) how: usize,
    pub(super) curve: usize,
    pub(super) owners: usize,
    pub(super) sources: usize,
    pub(super) months: usize,
}

pub(super) struct DealPlans {
    pub(super) totals: usize,
    pub(super) owners: usize,
}

pub(super) fn lead_plans(batch: &mut Batch, leads: LazyFrame) -> LeadPlans {
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

pub(super) fn inactive_any() -> Expr {
    col("inactive_roster")
        .fill_null(false)
        .or(col("inactive_ooo").fill_null(false))
        .or(col("inactive_recent").fill_null(false))
}

pub(super) fn deal_plans(batch: &mut Batch, deals: LazyFrame) -> DealPlans {
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
