//! The HubSpot rows besides contacts: an engagement per activity, a deal (with its planted
//! problems) and the owners roster.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use super::Ids;
use super::files::{OWNERS_HEADER, csv_err, hubspot_writer, io_err};
use super::life::{Act, Dir};
use super::render::owner_name;
use crate::SynthError;
use crate::clock::{self, Min};
use crate::data::{HANNAH, LOST_REASONS, OPEN_STAGES, OWN_DOMAIN, OWNERS, TOM, WON_REASONS};
use crate::plan::{DealFlag, DealPlan, Outcome, QuarterPlan, STAGE_VARIANTS};
use crate::rng::Rng;

pub(super) fn write_activity(
    w: &mut csv::Writer<BufWriter<File>>,
    path: &Path,
    ids: &mut Ids,
    contact: u64,
    a: &Act,
) -> Result<(), SynthError> {
    let id = ids.activity;
    ids.activity += 1;
    let when = clock::fmt(|s| clock::hubspot(a.t, s));
    let dir = match a.dir {
        Dir::Outbound => "Outbound",
        Dir::Inbound => "Inbound",
        Dir::None => "",
    };
    w.write_record([
        id.to_string().as_str(),
        contact.to_string().as_str(),
        when.as_str(),
        a.kind.label(),
        dir,
        owner_name(a.owner),
    ])
    .map_err(csv_err(path))
}

/// A deal as written, for the Salesforce opportunity that mirrors it.
pub(super) struct DealOut {
    pub(super) created: Min,
    /// A plausible close day even where the HubSpot one is planted wrong.
    pub(super) close_day: u32,
    pub(super) amount: String,
}

/// Writes a deal; returns what its Salesforce opportunity needs.
#[allow(clippy::too_many_arguments)]
pub(super) fn write_deal(
    w: &mut csv::Writer<BufWriter<File>>,
    path: &Path,
    ids: &mut Ids,
    plan: &QuarterPlan,
    d: &DealPlan,
    contact: u64,
    created: Min,
    rng: &mut Rng,
) -> Result<DealOut, SynthError> {
    let q = plan.q;
    let company = &plan.companies[d.company as usize];
    let id = ids.deal;
    ids.deal += 1;
    const PRODUCTS: [&str; 3] = ["Analytics Platform", "Team Plan", "Enterprise Plan"];
    let product = if d.big {
        "Enterprise Plan"
    } else {
        *rng.pick(&PRODUCTS)
    };
    let name = format!("{} - {product}", company.name);
    let stage = match (d.outcome, d.flag) {
        (_, DealFlag::Variant(v)) => STAGE_VARIANTS[v as usize].0,
        (Outcome::Won, _) => "Closed Won",
        (Outcome::Lost, _) => "Closed Lost",
        (Outcome::Open, _) => *rng.pick(&OPEN_STAGES),
    };
    let amount_value = if d.big {
        rng.range(240, 500) * 500
    } else {
        rng.range(12, 180) * 500
    };
    let amount = amount_value.to_string();
    let cday = clock::day(created);
    let sane_close = match d.outcome {
        Outcome::Open => q.export_day + rng.range(1, 90),
        _ => rng.range(cday, (cday + 60).min(q.last_day).max(cday)),
    };
    let close = match d.flag {
        DealFlag::NoCloseDate => None,
        DealFlag::CloseBeforeCreated => Some(cday - rng.range(1, 14)),
        DealFlag::CloseInFuture => Some(q.export_day + rng.range(3, 45)),
        DealFlag::OpenPastCloseDate => Some(rng.range(cday, q.last_day.max(cday))),
        _ => Some(sane_close),
    };
    let close_s = close
        .map(|c| clock::fmt(|s| clock::iso_date(c, s)))
        .unwrap_or_default();
    let lost_reason = if d.outcome == Outcome::Lost && d.flag != DealFlag::MissingReason {
        *rng.pick(&LOST_REASONS)
    } else {
        ""
    };
    let won_reason = if d.outcome == Outcome::Won && d.flag != DealFlag::MissingReason {
        *rng.pick(&WON_REASONS)
    } else {
        ""
    };
    let owner = if d.flag == DealFlag::MissingOwner {
        ""
    } else {
        owner_name(d.owner)
    };
    w.write_record([
        id.to_string().as_str(),
        name.as_str(),
        stage,
        "Sales Pipeline",
        if d.flag == DealFlag::NoAmount {
            ""
        } else {
            amount.as_str()
        },
        owner,
        close_s.as_str(),
        clock::fmt(|s| clock::hubspot(created, s)).as_str(),
        company.name.as_str(),
        contact.to_string().as_str(),
        lost_reason,
        won_reason,
    ])
    .map_err(csv_err(path))?;
    Ok(DealOut {
        created,
        close_day: sane_close,
        amount,
    })
}

pub(super) fn write_owners(plan: &QuarterPlan, path: &Path) -> Result<(), SynthError> {
    let q = plan.q;
    let mut w = hubspot_writer(path)?;
    w.write_record(OWNERS_HEADER).map_err(csv_err(path))?;
    for (i, o) in OWNERS.iter().enumerate() {
        let i = i as u8;
        let capacity = o
            .capacity
            .map(|c| ((f64::from(c) * plan.scale).round() as u64).to_string())
            .unwrap_or_default();
        let (from, to) = if i == HANNAH {
            (
                clock::fmt(|s| clock::iso_date(q.ooo.0, s)),
                clock::fmt(|s| clock::iso_date(q.ooo.1, s)),
            )
        } else {
            (String::new(), String::new())
        };
        w.write_record([
            o.name,
            format!("{}@{OWN_DOMAIN}", o.email).as_str(),
            o.team,
            if i == TOM { "false" } else { "true" },
            o.territory,
            capacity.as_str(),
            from.as_str(),
            to.as_str(),
        ])
        .map_err(csv_err(path))?;
    }
    let mut inner = w.into_inner().map_err(|e| io_err(path)(e.into_error()))?;
    inner.flush().map_err(io_err(path))
}
