//! Stage one: every lead and deal enriched once, with what the figures need (first
//! touch, clock and business speed, local hour of week, funnel and routing flags), and
//! what the inputs can and cannot give.

use polars::prelude::*;

use super::expr::{
    business_minutes, hour_of_week, in_business_hours, is_touch, key, key_in, local, midnight,
    split_ids, without_placeholders,
};
use super::{CLOSED_LEAD_STATUSES, MetricsError, Quarter};
use crate::ingest::{Kind, Tables};
use crate::settings::Settings;

/// Whether a figure can be computed, or why not.
pub(crate) type Avail = Result<(), String>;

/// What the inputs can give.
#[derive(Debug, Clone)]
pub(crate) struct Availability {
    /// Follow-up touches after the first (activities linked to leads).
    pub follow_up: Avail,
    pub leads: Avail,
    pub deals: Avail,
    /// Speed-to-lead, the SLA and the response curve.
    pub speed: Avail,
    pub first_touch_from: String,
    pub qualification: Avail,
    pub opportunity: Avail,
    pub won: Avail,
    pub roster_inactive: Avail,
    pub out_of_office: Avail,
    pub recent_activity: Avail,
    pub account_owner: Avail,
    /// Any owner on leads or deals.
    pub owners: Avail,
    /// Owners on leads (unassigned leads).
    pub lead_owner: Avail,
    /// Won and lost deals: a stage, an outcome or a won flag on deals.
    pub outcome: Avail,
    /// The cycle time: deals' close dates and starts.
    pub cycle: Avail,
}

/// The enriched tables.
pub(crate) struct Prepared {
    /// One row per lead: `_row` (its row in the leads table), `date` (local creation day), `quarter` (year*10+q), `month`
    /// (year*100+m), `how` (hour of week), `after_hours`, `owner`, `owner_key`, `source`,
    /// `measured`, `before`, `excluded_before`, `no_created`, `speed`, `speed_bh`,
    /// `met`, `met_bh`, `breach`, `late_no_follow_up`, `bucket`, `qualified`, `opportunity`, `won`, `open`,
    /// `inactive_roster`, `inactive_ooo`, `inactive_recent`, `mismatch`.
    pub leads: Option<DataFrame>,
    /// One row per deal: `owner`, `owner_key`, `outcome`, `close_date`, `won`, `lost`,
    /// `open`, `cycle_days`, `cycle_impossible`.
    pub deals: Option<DataFrame>,
    /// Roster capacity per owner key: `owner_key`, `capacity`.
    pub capacity: Option<DataFrame>,
    pub quarters: Vec<Quarter>,
    pub avail: Availability,
}

fn non_null_counts(df: &DataFrame, names: &[&str]) -> Result<Vec<u64>, MetricsError> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let exprs: Vec<Expr> = names
        .iter()
        .map(|n| col(*n).is_not_null().sum().cast(DataType::UInt64).alias(*n))
        .collect();
    let out = df
        .clone()
        .lazy()
        .select(exprs)
        .collect()
        .map_err(MetricsError::polars("column checks"))?;
    Ok(names
        .iter()
        .map(|n| {
            out.column(n)
                .ok()
                .and_then(|c| c.u64().ok())
                .and_then(|c| c.get(0))
                .unwrap_or(0)
        })
        .collect())
}

fn has(df: Option<&DataFrame>, names: &[&str]) -> Result<Vec<bool>, MetricsError> {
    match df {
        None => Ok(vec![false; names.len()]),
        Some(df) => Ok(non_null_counts(df, names)?
            .into_iter()
            .map(|n| n > 0)
            .collect()),
    }
}

fn check(ok: bool, reason: &str) -> Avail {
    if ok { Ok(()) } else { Err(reason.to_owned()) }
}

/// Collects a plan and starts a new one from the result. Polars converts a plan
/// recursively with large frames (about 50 KiB per node in debug builds), so a long chain
/// of joins and columns would exhaust a 2 MiB thread stack: the stages collect every few
/// steps instead.
fn materialise(lf: LazyFrame, stage: &'static str) -> Result<LazyFrame, MetricsError> {
    Ok(lf.collect().map_err(MetricsError::polars(stage))?.lazy())
}

fn utc_datetime() -> DataType {
    DataType::Datetime(TimeUnit::Milliseconds, Some(TimeZone::UTC))
}

fn minutes_between(from: Expr, to: Expr) -> Expr {
    (to - from).dt().total_minutes(true)
}

/// The SLA target of each lead: per priority value when the settings give one, else the
/// default.
pub(crate) fn target(settings: &Settings) -> Expr {
    let prio = key(col("priority"));
    let mut e = lit(settings.sla_minutes);
    for (value, minutes) in &settings.sla_by_priority {
        e = when(prio.clone().eq(lit(super::expr::key_of(value))))
            .then(lit(*minutes))
            .otherwise(e);
    }
    e
}

fn bucket(speed: Expr) -> Expr {
    when(speed.clone().is_null())
        .then(lit("never"))
        .when(speed.clone().lt_eq(lit(5.0)))
        .then(lit("5m"))
        .when(speed.clone().lt_eq(lit(30.0)))
        .then(lit("30m"))
        .when(speed.clone().lt_eq(lit(60.0)))
        .then(lit("1h"))
        .when(speed.lt_eq(lit(1440.0)))
        .then(lit("24h"))
        .otherwise(lit("later"))
}

pub(crate) fn prepare(
    tables: &Tables,
    settings: &Settings,
    tz: &TimeZone,
) -> Result<Prepared, MetricsError> {
    let leads = tables.leads.as_ref();
    let deals = tables.deals.as_ref();
    let activities = tables.activities.as_ref();
    let owners = tables.owners.as_ref();
    let accounts = tables.accounts.as_ref();
    let ph = &settings.placeholders;

    let [
        lead_touch,
        lead_status,
        lead_stage,
        lead_converted,
        lead_company,
        lead_owner,
    ]: [bool; 6] = has(
        leads,
        &[
            "first_touch_at",
            "status",
            "lifecycle_stage",
            "converted",
            "company",
            "owner",
        ],
    )?
    .try_into()
    .unwrap_or([false; 6]);
    let [deal_lead_id, deal_company, deal_owner]: [bool; 3] =
        has(deals, &["lead_id", "company", "owner"])?
            .try_into()
            .unwrap_or([false; 3]);
    let [act_owner]: [bool; 1] = has(activities, &["owner"])?.try_into().unwrap_or([false]);
    let [roster_active, roster_from, roster_to, roster_capacity]: [bool; 4] = has(
        owners,
        &[
            "active",
            "out_of_office_from",
            "out_of_office_to",
            "capacity",
        ],
    )?
    .try_into()
    .unwrap_or([false; 4]);
    let [account_owner]: [bool; 1] = has(accounts, &["owner"])?.try_into().unwrap_or([false]);

    // Activities linked to a lead (any type): without any, activities say nothing about
    // speed-to-lead.
    let linked_activities = match (leads, activities) {
        (Some(l), Some(a)) => {
            let ids = l
                .clone()
                .lazy()
                .select([col("id").alias("_id")])
                .unique(None, UniqueKeepStrategy::Any);
            let out = split_ids(a.clone().lazy().select([col("record_id")]), "record_id")
                .inner_join(ids, col("record_id"), col("_id"))
                .select([len().cast(DataType::UInt64).alias("n")])
                .collect()
                .map_err(MetricsError::polars("activity links"))?;
            out.column("n")
                .ok()
                .and_then(|c| c.u64().ok())
                .and_then(|c| c.get(0))
                .unwrap_or(0)
        }
        _ => 0,
    };
    let use_activities = linked_activities > 0;

    let no_leads = "no leads file";
    // Fields no file of a kind has a column for: the reason names the file and field.
    let absent = |kind: Kind, field: &str| tables.absence(kind, field);
    let lead_created = absent(Kind::Leads, "created_at");
    let lead_id = absent(Kind::Leads, "id");
    let act_link =
        absent(Kind::Activities, "record_id").or_else(|| absent(Kind::Activities, "timestamp"));
    let avail = Availability {
        follow_up: check(
            use_activities,
            "needs activities linked to leads (follow-up touches)",
        ),
        leads: check(leads.is_some(), no_leads),
        deals: check(deals.is_some(), "no deals file"),
        speed: if leads.is_none() {
            Err(no_leads.to_owned())
        } else if let Some(why) = &lead_created {
            Err(why.clone())
        } else if !lead_touch
            && let Some(why) = absent(Kind::Leads, "first_touch_at").and_then(|t| {
                act_link
                    .clone()
                    .or(lead_id.clone())
                    .map(|a| format!("{t}; {a}"))
            })
        {
            Err(why)
        } else if !lead_touch && activities.is_none() {
            Err("no first-touch column in the leads file and no activities file".to_owned())
        } else if !lead_touch && !use_activities {
            Err("no first-touch column in the leads file, and no activity is linked to a lead (no activity's record id is a lead id)".to_owned())
        } else {
            Ok(())
        },
        first_touch_from: match (lead_touch, use_activities) {
            (true, true) => "first_touch_at, else activities",
            (true, false) => "first_touch_at",
            _ => "activities",
        }
        .to_owned(),
        qualification: if leads.is_none() {
            Err(no_leads.to_owned())
        } else {
            match (
                absent(Kind::Leads, "status"),
                absent(Kind::Leads, "lifecycle_stage"),
            ) {
                (Some(why), Some(_)) => {
                    Err(why.replacen("no status", "no status or lifecycle stage", 1))
                }
                _ => check(
                    lead_status || lead_stage,
                    "no lead status or lifecycle stage in the leads file",
                ),
            }
        },
        opportunity: if leads.is_none() {
            Err(no_leads.to_owned())
        } else {
            match (
                absent(Kind::Leads, "converted"),
                deals.and_then(|_| absent(Kind::Deals, "lead_id")),
            ) {
                (Some(a), Some(b)) => Err(format!("{a}; {b}")),
                _ => check(
                    lead_converted || deal_lead_id,
                    "no converted flag in the leads file and no deal linked to a lead",
                ),
            }
        },
        won: if leads.is_none() {
            Err(no_leads.to_owned())
        } else if deals.is_none() {
            Err("no deals file".to_owned())
        } else if let Some(why) = absent(Kind::Deals, "outcome")
            .or_else(|| absent(Kind::Deals, "lead_id"))
            .or(lead_id.clone())
        {
            Err(why)
        } else {
            check(
                deal_lead_id,
                "no deal is linked to a lead (no lead id on deals)",
            )
        },
        roster_inactive: if leads.is_none() {
            Err(no_leads.to_owned())
        } else if owners.is_none() {
            Err("no owners file".to_owned())
        } else {
            check(roster_active, "the owners file has no active flag")
        },
        out_of_office: if leads.is_none() {
            Err(no_leads.to_owned())
        } else if let Some(why) = &lead_created {
            Err(why.clone())
        } else if owners.is_none() {
            Err("no owners file".to_owned())
        } else {
            check(
                roster_from || roster_to,
                "the owners file has no out-of-office dates",
            )
        },
        recent_activity: if leads.is_none() {
            Err(no_leads.to_owned())
        } else if let Some(why) = &lead_created {
            Err(why.clone())
        } else if activities.is_none() {
            Err("no activities file".to_owned())
        } else if settings.inactive_after_days == 0 {
            Err("inactive_after_days is 0 in the settings".to_owned())
        } else if let Some(why) =
            absent(Kind::Activities, "owner").or_else(|| absent(Kind::Activities, "timestamp"))
        {
            Err(why)
        } else {
            check(act_owner, "activities have no owner")
        },
        account_owner: if leads.is_none() {
            Err(no_leads.to_owned())
        } else if !lead_company {
            Err("leads have no company".to_owned())
        } else {
            check(
                account_owner || deal_company,
                "no accounts file with owners and no deals with a company",
            )
        },
        owners: if leads.is_none() && deals.is_none() {
            Err("no leads or deals file".to_owned())
        } else {
            let reasons: Vec<String> = [(Kind::Leads, leads), (Kind::Deals, deals)]
                .into_iter()
                .filter(|(_, t)| t.is_some())
                .map(|(k, _)| absent(k, "owner"))
                .collect::<Option<Vec<String>>>()
                .unwrap_or_default();
            if reasons.is_empty() {
                check(lead_owner || deal_owner, "no owner on any lead or deal")
            } else {
                Err(reasons.join("; "))
            }
        },
        lead_owner: match absent(Kind::Leads, "owner") {
            Some(why) => Err(why),
            None => Ok(()),
        },
        outcome: match absent(Kind::Deals, "outcome") {
            Some(why) => Err(why),
            None => Ok(()),
        },
        cycle: if let Some(why) = absent(Kind::Deals, "outcome") {
            Err(why)
        } else if let Some(why) = absent(Kind::Deals, "close_date") {
            Err(why)
        } else if let Some(why) = absent(Kind::Deals, "created_at")
            && tables.created_from_lead.is_none()
        {
            Err(if leads.is_some() {
                format!("{why}, and no deal is linked to a lead with one")
            } else {
                why
            })
        } else {
            Ok(())
        },
    };

    let prepared_deals = match deals {
        Some(d) => Some(prepare_deals(d, leads, settings, tz)?),
        None => None,
    };
    let prepared_leads = match leads {
        Some(l) => Some(prepare_leads(
            l,
            tables,
            settings,
            tz,
            &avail,
            use_activities,
        )?),
        None => None,
    };
    let capacity = match owners {
        Some(o) if roster_capacity => Some(
            o.clone()
                .lazy()
                .select([
                    key(without_placeholders(col("owner"), ph)).alias("owner_key"),
                    col("capacity"),
                ])
                .filter(col("owner_key").is_not_null())
                .group_by([col("owner_key")])
                .agg([col("capacity").max()])
                .collect()
                .map_err(MetricsError::polars("roster capacity"))?,
        ),
        _ => None,
    };
    let quarters = quarters(prepared_leads.as_ref(), prepared_deals.as_ref())?;
    Ok(Prepared {
        leads: prepared_leads,
        deals: prepared_deals,
        capacity,
        quarters,
        avail,
    })
}

/// The quarters that hold a lead's creation or a deal's close.
fn quarters(
    leads: Option<&DataFrame>,
    deals: Option<&DataFrame>,
) -> Result<Vec<Quarter>, MetricsError> {
    let mut frames = Vec::new();
    if let Some(l) = leads {
        frames.push(
            l.clone()
                .lazy()
                .select([col("quarter").cast(DataType::Int64)]),
        );
    }
    if let Some(d) = deals {
        frames.push(
            d.clone()
                .lazy()
                .select([col("quarter").cast(DataType::Int64)]),
        );
    }
    if frames.is_empty() {
        return Ok(Vec::new());
    }
    let out = concat(frames, UnionArgs::default())
        .and_then(|lf| {
            lf.filter(col("quarter").is_not_null())
                .unique(None, UniqueKeepStrategy::Any)
                .sort(["quarter"], SortMultipleOptions::default())
                .collect()
        })
        .map_err(MetricsError::polars("quarters"))?;
    let codes = out
        .column("quarter")
        .and_then(|c| c.i64().cloned())
        .map_err(MetricsError::polars("quarters"))?;
    Ok(codes
        .iter()
        .flatten()
        .filter_map(Quarter::from_code)
        .collect())
}

fn quarter_code(date: Expr) -> Expr {
    date.clone().dt().year().cast(DataType::Int64) * lit(10i64)
        + date.dt().quarter().cast(DataType::Int64)
}

fn prepare_deals(
    deals: &DataFrame,
    leads: Option<&DataFrame>,
    settings: &Settings,
    tz: &TimeZone,
) -> Result<DataFrame, MetricsError> {
    let base = deals
        .clone()
        .lazy()
        .with_row_index("_drow", None)
        .select([
            col("_drow"),
            without_placeholders(col("owner"), &settings.placeholders).alias("owner"),
            col("outcome"),
            col("close_date"),
            col("created_at").cast(utc_datetime()),
            col("lead_id"),
        ])
        .with_column(key(col("owner")).alias("owner_key"));
    // A deal with no created_at starts when its (earliest) linked lead was created.
    let base = match leads {
        Some(l) => {
            let created = l.clone().lazy().select([
                col("id").alias("_lid"),
                col("created_at").alias("_lead_created"),
            ]);
            let linked = split_ids(
                base.clone().select([col("_drow"), col("lead_id")]),
                "lead_id",
            )
            .inner_join(created, col("lead_id"), col("_lid"))
            .group_by([col("_drow")])
            .agg([col("_lead_created").min()]);
            base.left_join(linked, col("_drow"), col("_drow"))
        }
        None => base.with_column(lit(NULL).cast(utc_datetime()).alias("_lead_created")),
    };
    let start = when(col("created_at").is_not_null())
        .then(col("created_at"))
        .otherwise(col("_lead_created"));
    let won = col("outcome").eq(lit("won")).fill_null(false);
    // Days from the start to the close date's midnight: a deal closed on the day it
    // started took 0 days (not a fraction below 0); one closed on an earlier day than
    // it started is impossible, left out and counted.
    let start = local(start, tz);
    let impossible = won
        .clone()
        .and(col("close_date").lt(start.clone().dt().date()))
        .fill_null(false);
    let cycle = ((midnight(col("close_date")) - start)
        .dt()
        .total_minutes(true)
        / lit(1440.0))
    .clip_min(lit(0.0));
    base.select([
        col("owner"),
        col("owner_key"),
        col("outcome"),
        col("close_date"),
        quarter_code(col("close_date")).alias("quarter"),
        won.clone().alias("won"),
        col("outcome")
            .eq(lit("lost"))
            .fill_null(false)
            .alias("lost"),
        col("outcome")
            .eq(lit("open"))
            .fill_null(false)
            .alias("open"),
        when(won.and(impossible.clone().not()))
            .then(cycle)
            .otherwise(lit(NULL).cast(DataType::Float64))
            .alias("cycle_days"),
        impossible.alias("cycle_impossible"),
    ])
    .collect()
    .map_err(MetricsError::polars("deals"))
}

fn prepare_leads(
    leads: &DataFrame,
    tables: &Tables,
    settings: &Settings,
    tz: &TimeZone,
    avail: &Availability,
    use_activities: bool,
) -> Result<DataFrame, MetricsError> {
    let ph = &settings.placeholders;
    let hours = &settings.business_hours;
    let mut base = leads
        .clone()
        .lazy()
        .with_row_index("_row", None)
        .select([
            col("_row"),
            col("id"),
            col("created_at").cast(utc_datetime()).alias("created"),
            without_placeholders(col("owner"), ph).alias("owner"),
            col("source"),
            col("status"),
            col("lifecycle_stage"),
            col("converted"),
            col("first_touch_at").cast(utc_datetime()),
            col("priority"),
            col("company"),
        ])
        .with_columns([
            key(col("owner")).alias("owner_key"),
            key(without_placeholders(col("company"), ph)).alias("company_key"),
            local(col("created"), tz).alias("_local"),
        ]);
    base = materialise(base, "leads")?;

    // The earliest outbound touch at or after creation, and whether any came before.
    base = match (&tables.activities, use_activities) {
        (Some(acts), true) => {
            let touches = split_ids(
                acts.clone()
                    .lazy()
                    .filter(
                        is_touch(col("type"), col("direction")).and(col("timestamp").is_not_null()),
                    )
                    .select([
                        col("record_id").alias("_rid"),
                        col("timestamp").cast(utc_datetime()).alias("_ts"),
                    ]),
                "_rid",
            );
            let per_lead = base
                .clone()
                .select([col("_row"), col("id"), col("created")])
                .inner_join(touches, col("id"), col("_rid"))
                .group_by([col("_row")])
                .agg([
                    col("_ts")
                        .filter(col("_ts").gt_eq(col("created")))
                        .min()
                        .alias("_act_touch"),
                    col("_ts").lt(col("created")).any(true).alias("_act_before"),
                    col("_ts").max().alias("_act_last"),
                ]);
            base.left_join(per_lead, col("_row"), col("_row"))
        }
        _ => base.with_columns([
            lit(NULL).cast(utc_datetime()).alias("_act_touch"),
            lit(NULL).cast(DataType::Boolean).alias("_act_before"),
            lit(NULL).cast(utc_datetime()).alias("_act_last"),
        ]),
    };
    let mapped = col("first_touch_at");
    let mapped_ok = mapped.clone().gt_eq(col("created")).fill_null(false);
    let touch = when(mapped_ok)
        .then(mapped.clone())
        .otherwise(col("_act_touch"));
    let before = mapped
        .lt(col("created"))
        .fill_null(false)
        .or(col("_act_before").fill_null(false));
    base = base.with_columns([touch.alias("_touch"), before.alias("before")]);
    base = base.with_columns([
        col("created").is_null().alias("no_created"),
        col("created")
            .is_not_null()
            .and(col("_touch").is_null())
            .and(col("before"))
            .alias("excluded_before"),
    ]);
    base = materialise(base, "first touches")?;
    let measured = col("no_created").not().and(col("excluded_before").not());
    base = base.with_columns([
        measured.alias("measured"),
        minutes_between(col("created"), col("_touch")).alias("speed"),
        business_minutes(col("created"), col("_touch"), tz, hours).alias("speed_bh"),
        target(settings).alias("_target"),
        col("_local").dt().date().alias("date"),
        quarter_code(col("_local")).alias("quarter"),
        (col("_local").dt().year().cast(DataType::Int64) * lit(100i64)
            + col("_local").dt().month().cast(DataType::Int64))
        .alias("month"),
        hour_of_week(col("_local")).alias("how"),
        in_business_hours(col("_local"), hours)
            .not()
            .alias("after_hours"),
    ]);
    base = base.with_columns([
        col("speed")
            .lt_eq(col("_target"))
            .fill_null(false)
            .alias("met"),
        col("speed_bh")
            .lt_eq(col("_target"))
            .fill_null(false)
            .alias("met_bh"),
        bucket(col("speed")).alias("bucket"),
    ]);
    base = base.with_column(col("measured").and(col("met").not()).alias("breach"));
    // A late first touch with no outbound touch after it (only activities can tell).
    let no_follow_up = if use_activities {
        col("breach")
            .and(col("speed").is_not_null())
            .and(col("_act_last").gt(col("_touch")).fill_null(false).not())
    } else {
        lit(NULL).cast(DataType::Boolean)
    };
    base = base.with_column(no_follow_up.alias("late_no_follow_up"));

    base = materialise(base, "speed to lead")?;

    // Funnel: qualified statuses, converted or linked to a deal, linked to a won deal.
    let q = &settings.qualified_statuses;
    let qualified = if avail.qualification.is_ok() {
        key_in(col("status"), q).or(key_in(col("lifecycle_stage"), q))
    } else {
        lit(NULL).cast(DataType::Boolean)
    };
    base = base.with_column(qualified.alias("qualified"));
    base = match &tables.deals {
        Some(d) => {
            let links = split_ids(
                d.clone().lazy().select([col("lead_id"), col("outcome")]),
                "lead_id",
            )
            .filter(col("lead_id").is_not_null())
            .group_by([col("lead_id")])
            .agg([
                len().alias("_deals"),
                col("outcome").eq(lit("won")).any(true).alias("_has_won"),
            ]);
            base.left_join(links, col("id"), col("lead_id"))
        }
        None => base.with_columns([
            lit(NULL).cast(IDX_DTYPE).alias("_deals"),
            lit(NULL).cast(DataType::Boolean).alias("_has_won"),
        ]),
    };
    let linked = col("_deals").is_not_null();
    base = base.with_columns([
        col("converted")
            .fill_null(false)
            .or(linked.clone())
            .alias("opportunity"),
        col("_has_won").fill_null(false).alias("won"),
    ]);
    let closed: Vec<String> = CLOSED_LEAD_STATUSES
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    base = base.with_column(
        col("opportunity")
            .not()
            .and(key_in(col("status"), &closed).not())
            .and(key_in(col("lifecycle_stage"), &closed).not())
            .alias("open"),
    );

    let core = materialise(base, "funnel")?;
    let base = routing_flags(core, tables, settings, avail)?;

    base.select([
        col("_row"),
        col("date"),
        col("quarter"),
        col("month"),
        col("how"),
        col("after_hours"),
        col("owner"),
        col("owner_key"),
        col("source"),
        col("measured"),
        col("before"),
        col("excluded_before"),
        col("no_created"),
        col("speed"),
        col("speed_bh"),
        col("met"),
        col("met_bh"),
        col("breach"),
        col("late_no_follow_up"),
        col("bucket"),
        col("qualified"),
        col("opportunity"),
        col("won"),
        col("open"),
        col("inactive_roster"),
        col("inactive_ooo"),
        col("inactive_recent"),
        col("mismatch"),
    ])
    .collect()
    .map_err(MetricsError::polars("leads"))
}

/// Inactive owners at assignment, and account-owner mismatches.
fn routing_flags(
    core: LazyFrame,
    tables: &Tables,
    settings: &Settings,
    avail: &Availability,
) -> Result<LazyFrame, MetricsError> {
    let ph = &settings.placeholders;
    let null_bool = || lit(NULL).cast(DataType::Boolean);
    let owner_key = |name: &str| key(without_placeholders(col(name), ph));
    // Sub-queries read `core` (materialised); `base` accumulates the joins.
    let mut base = core.clone();

    // The roster's active flag.
    base = match (&tables.owners, &avail.roster_inactive) {
        (Some(o), Ok(())) => {
            let flags = o
                .clone()
                .lazy()
                .select([owner_key("owner").alias("_k"), col("active")])
                .filter(col("_k").is_not_null())
                .group_by([col("_k")])
                .agg([col("active").eq(lit(false)).any(true).alias("_roster_off")]);
            base.left_join(flags, col("owner_key"), col("_k"))
                .with_column(
                    col("owner_key")
                        .is_not_null()
                        .and(col("_roster_off").fill_null(false))
                        .alias("inactive_roster"),
                )
        }
        _ => base.with_column(null_bool().alias("inactive_roster")),
    };

    // Out-of-office ranges (an open end is unbounded).
    base = match (&tables.owners, &avail.out_of_office) {
        (Some(o), Ok(())) => {
            let ranges = o
                .clone()
                .lazy()
                .select([
                    owner_key("owner").alias("_k"),
                    col("out_of_office_from").alias("_from"),
                    col("out_of_office_to").alias("_to"),
                ])
                .filter(
                    col("_k")
                        .is_not_null()
                        .and(col("_from").is_not_null().or(col("_to").is_not_null())),
                );
            let hits = core
                .clone()
                .select([
                    col("_row"),
                    col("owner_key"),
                    col("_local").dt().date().alias("_d"),
                ])
                .filter(col("owner_key").is_not_null().and(col("_d").is_not_null()))
                .inner_join(ranges, col("owner_key"), col("_k"))
                .filter(
                    col("_from")
                        .is_null()
                        .or(col("_d").gt_eq(col("_from")))
                        .and(col("_to").is_null().or(col("_d").lt_eq(col("_to")))),
                )
                .group_by([col("_row")])
                .agg([len().alias("_ooo")]);
            base.left_join(hits, col("_row"), col("_row"))
                .with_column(col("_ooo").is_not_null().alias("inactive_ooo"))
        }
        _ => base.with_column(null_bool().alias("inactive_ooo")),
    };

    base = materialise(base, "inactive owners")?;

    // No outbound activity by the owner in the N days before the lead was created:
    // leads and the owners' touches in one time line per owner, the last touch carried
    // forward to each lead. Judged only where the log covers the N days.
    base = match (&tables.activities, &avail.recent_activity) {
        (Some(a), Ok(())) => {
            let window = f64::from(settings.inactive_after_days) * 1440.0;
            let acts = a
                .clone()
                .lazy()
                .filter(is_touch(col("type"), col("direction")).and(col("timestamp").is_not_null()))
                .select([
                    lit(NULL).cast(IDX_DTYPE).alias("_row"),
                    owner_key("owner").alias("_k"),
                    col("timestamp").cast(utc_datetime()).alias("_t"),
                    lit(true).alias("_is_act"),
                ]);
            let assignments = core.clone().select([
                col("_row"),
                col("owner_key").alias("_k"),
                col("created").alias("_t"),
                lit(false).alias("_is_act"),
            ]);
            let timeline = concat([acts, assignments], UnionArgs::default())
                .map_err(MetricsError::polars("owner activity"))?
                .filter(col("_k").is_not_null().and(col("_t").is_not_null()))
                .sort_by_exprs(
                    [col("_k"), col("_t"), col("_is_act")],
                    SortMultipleOptions::default()
                        .with_order_descending_multi([false, false, true]),
                )
                .with_column(
                    when(col("_is_act"))
                        .then(col("_t"))
                        .otherwise(lit(NULL).cast(utc_datetime()))
                        .fill_null_with_strategy(FillNullStrategy::Forward(None))
                        .over([col("_k")])
                        .map_err(MetricsError::polars("owner activity"))?
                        .alias("_last"),
                )
                .with_column(col("_t").filter(col("_is_act")).min().alias("_first"))
                .filter(col("_is_act").not())
                .select([
                    col("_row"),
                    minutes_between(col("_first"), col("_t"))
                        .gt_eq(lit(window))
                        .and(
                            col("_last")
                                .is_null()
                                .or(minutes_between(col("_last"), col("_t")).gt(lit(window))),
                        )
                        .alias("_stale"),
                ]);
            base.left_join(timeline, col("_row"), col("_row"))
                .with_column(col("_stale").fill_null(false).alias("inactive_recent"))
        }
        _ => base.with_column(null_bool().alias("inactive_recent")),
    };

    base = materialise(base, "owner activity")?;

    // The company's account owner: the accounts file's, else the owner of the company's
    // most recent deal that has one (latest created_at, else close date; then the highest
    // deal id). Company names are compared by key, placeholders ("N/A") left out.
    base = match &avail.account_owner {
        Ok(()) => {
            let mut sources: Vec<LazyFrame> = Vec::new();
            if let Some(acc) = &tables.accounts {
                sources.push(
                    acc.clone()
                        .lazy()
                        .select([
                            owner_key("company").alias("_ck"),
                            owner_key("owner").alias("_ak"),
                            lit(0i32).alias("_rank"),
                            lit(NULL).cast(utc_datetime()).alias("_when"),
                            lit(NULL).cast(DataType::Int64).alias("_id_num"),
                            lit(NULL).cast(DataType::String).alias("_id"),
                        ])
                        .filter(col("_ck").is_not_null().and(col("_ak").is_not_null())),
                );
            }
            if let Some(d) = &tables.deals {
                let close = col("close_date").cast(utc_datetime());
                sources.push(
                    d.clone()
                        .lazy()
                        .select([
                            owner_key("company").alias("_ck"),
                            owner_key("owner").alias("_ak"),
                            lit(1i32).alias("_rank"),
                            when(col("created_at").is_not_null())
                                .then(col("created_at").cast(utc_datetime()))
                                .otherwise(close)
                                .alias("_when"),
                            col("id").cast(DataType::Int64).alias("_id_num"),
                            col("id").alias("_id"),
                        ])
                        .filter(col("_ck").is_not_null().and(col("_ak").is_not_null())),
                );
            }
            let owners = concat(sources, UnionArgs::default())
                .map_err(MetricsError::polars("account owners"))?
                .group_by([col("_ck")])
                .agg([col("_ak")
                    .sort_by(
                        [col("_rank"), col("_when"), col("_id_num"), col("_id")],
                        SortMultipleOptions::default()
                            .with_order_descending_multi([false, true, true, true])
                            .with_nulls_last(true),
                    )
                    .first()
                    .alias("_account_owner")]);
            base.left_join(owners, col("company_key"), col("_ck"))
                .with_column(
                    col("owner_key")
                        .is_not_null()
                        .and(col("_account_owner").is_not_null())
                        .and(col("owner_key").neq(col("_account_owner")))
                        .fill_null(false)
                        .alias("mismatch"),
                )
        }
        Err(_) => base.with_column(null_bool().alias("mismatch")),
    };
    Ok(base)
}
