//! Stage one: every lead and deal enriched once, with what the figures need (first
//! touch, clock and business speed, local hour of week, funnel and routing flags), and
//! what the inputs can and cannot give.

mod deals;
mod leads;

use polars::prelude::*;

use super::expr::{
    TimesByKey, business_minutes, hour_of_week, id_number, ids_in, in_business_hours, is_touch,
    key, key_in, local, midnight, minutes_from_ms, per_distinct, split_ids, without_placeholders,
};
use super::{CLOSED_LEAD_STATUSES, MetricsError, Quarter};
use crate::ingest::{Kind, Tables};
use crate::settings::Settings;
use deals::*;
use leads::*;

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
    /// The outbound touches, when there are leads and activities ([`Touches`]).
    pub touches: Option<Touches>,
}

/// The activities that are outbound touches with a time, filtered once for every figure
/// that reads them (#11: the first touches, the owners' recent activity and the intent
/// signals' follow-up each filtered the 3.9M activities at 1M contacts).
pub(crate) struct Touches {
    /// One row per touch: `owner`, `_ts` (UTC).
    pub rows: DataFrame,
    /// One row per touch and lead id it names: `_rid`, `_ts`.
    pub by_lead: DataFrame,
}

impl Touches {
    fn of(activities: &DataFrame) -> Result<Touches, MetricsError> {
        let failed = || MetricsError::polars("touches");
        let mut rows = activities
            .clone()
            .lazy()
            .filter(is_touch(col("type"), col("direction")).and(col("timestamp").is_not_null()))
            .select([
                col("record_id"),
                col("owner"),
                col("timestamp").cast(utc_datetime()).alias("_ts"),
            ])
            .collect()
            .map_err(failed())?;
        let by_lead = split_ids(
            rows.clone()
                .lazy()
                .select([col("record_id").alias("_rid"), col("_ts")]),
            "_rid",
        )
        .collect()
        .map_err(failed())?;
        // The record ids are read through `by_lead` only.
        let _ = rows.drop_in_place("record_id").map_err(failed())?;
        Ok(Touches { rows, by_lead })
    }
}

fn non_null_counts(df: &DataFrame, names: &[&str]) -> Result<Vec<u64>, MetricsError> {
    // Each column's own null count: no query over the frame (#11).
    names
        .iter()
        .map(|n| {
            let c = df
                .column(n)
                .map_err(MetricsError::polars("column checks"))?;
            Ok((c.len() - c.null_count()) as u64)
        })
        .collect()
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

/// How many of the activities' first record ids [`any_activity_linked`] tries first.
const FIRST_RECORD_IDS: usize = 4096;

/// Whether any activity's record id (any id its cell lists, as [`split_ids`] reads it)
/// is a lead's id. Looked up in a set of the lead ids, stopping at the first link: the
/// answer is almost always yes within the first rows (#11; a join of every activity
/// cost seconds at a million leads).
fn any_activity_linked(leads: &DataFrame, activities: &DataFrame) -> Result<bool, MetricsError> {
    let failed = || MetricsError::polars("activity links");
    let ids = leads.column("id").map_err(failed())?;
    let records = activities.column("record_id").map_err(failed())?;
    if let (Ok(ids), Ok(records)) = (ids.str(), records.str()) {
        // Usually the first activities already name a lead: their ids are a small set
        // that the lead ids are looked up in, cheaper than a set of every lead id (#11).
        let first: PlHashSet<&str> = records
            .iter()
            .flatten()
            .flat_map(ids_in)
            .take(FIRST_RECORD_IDS)
            .collect();
        if ids.iter().flatten().any(|id| first.contains(id)) {
            return Ok(true);
        }
        let ids: PlHashSet<&str> = ids.iter().flatten().collect();
        return Ok(records
            .iter()
            .flatten()
            .any(|cell| ids_in(cell).any(|id| ids.contains(id))));
    }
    // Ids not read as text (never so from an import): the join decides, as before.
    let ids = leads
        .clone()
        .lazy()
        .select([col("id").alias("_id")])
        .unique(None, UniqueKeepStrategy::Any);
    let out = split_ids(
        activities.clone().lazy().select([col("record_id")]),
        "record_id",
    )
    .inner_join(ids, col("record_id"), col("_id"))
    .select([len().cast(DataType::UInt64).alias("n")])
    .collect()
    .map_err(failed())?;
    Ok(out
        .column("n")
        .ok()
        .and_then(|c| c.u64().ok())
        .and_then(|c| c.get(0))
        .is_some_and(|n| n > 0))
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
    let use_activities = match (leads, activities) {
        (Some(l), Some(a)) => any_activity_linked(l, a)?,
        _ => false,
    };

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
    let touches = match (leads, activities) {
        (Some(_), Some(a)) => Some(Touches::of(a)?),
        _ => None,
    };
    let prepared_leads = match leads {
        Some(l) => Some(prepare_leads(
            l,
            tables,
            settings,
            tz,
            (&avail, touches.as_ref()),
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
        touches,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_activity_is_linked_by_any_id_its_cell_lists() {
        let leads = df!("id" => [Some("12"), None, Some("7")]).unwrap();
        let acts = |cells: &[Option<&str>]| df!("record_id" => cells).unwrap();
        let linked = |cells: &[Option<&str>]| any_activity_linked(&leads, &acts(cells)).unwrap();
        assert!(linked(&[Some("99"), Some("x; 12")]));
        assert!(linked(&[Some(" 7 ")]));
        assert!(!linked(&[
            Some("1"),
            None,
            Some(""),
            Some(";,"),
            Some("127")
        ]));
        // A link past the first record ids tried.
        let unlinked: Vec<String> = (0..FIRST_RECORD_IDS + 10)
            .map(|i| format!("u{i}"))
            .collect();
        let mut cells: Vec<Option<&str>> = unlinked.iter().map(|c| Some(c.as_str())).collect();
        assert!(!linked(&cells));
        cells.push(Some("u1, 7"));
        assert!(linked(&cells));
    }
}
