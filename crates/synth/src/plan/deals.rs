//! Deal problems, each on its own deal (stage label variants, missing reasons, owners,
//! amounts and close dates), and the deals and activities whose contact was deleted.

use super::record::{DealFlag, DealPlan, Outcome, Rec, Role};
use super::world::{Company, CompanyKind, Global};
use super::{POOL, pool, take};
use crate::SynthError;
use crate::rng::Rng;
use crate::targets::Targets;

/// Plants the deal problems on the converters' deals.
pub(super) fn plant_deal_problems(
    t: &Targets,
    rng: &mut Rng,
    recs: &[Rec],
    deals: &mut [DealPlan],
) -> Result<(), SynthError> {
    // --- Deal problems, each on its own deal. ---
    let nd = deals.len();
    let eligible =
        |d: &DealPlan| !d.big && recs[d.rec.expect("linked") as usize].role != Role::WonNoActivity;
    let mut won_pool = pool(rng, nd, |i| {
        eligible(&deals[i]) && deals[i].outcome == Outcome::Won
    });
    let mut lost_pool = pool(rng, nd, |i| {
        eligible(&deals[i]) && deals[i].outcome == Outcome::Lost
    });
    let mut open_pool = pool(rng, nd, |i| {
        eligible(&deals[i]) && deals[i].outcome == Outcome::Open
    });
    for (flag, n_flag) in [
        (DealFlag::Variant(0), t.v_closedwon),
        (DealFlag::Variant(1), t.v_closed_won_space),
        (DealFlag::Variant(2), t.v_won),
        (DealFlag::MissingReason, t.won_missing_reason),
        (DealFlag::NoAmount, t.won_without_amount),
        (DealFlag::OutcomeNotOnLead, t.outcome_not_on_lead),
    ] {
        for d in take(&mut won_pool, n_flag, "won deal problems")? {
            deals[d as usize].flag = flag;
        }
    }
    for (flag, n_flag) in [
        (DealFlag::Variant(3), t.v_closed_lost_lower),
        (DealFlag::Variant(4), t.v_closed_dash_lost),
        (DealFlag::MissingReason, t.lost_missing_reason),
    ] {
        for d in take(&mut lost_pool, n_flag, "lost deal problems")? {
            deals[d as usize].flag = flag;
        }
    }
    let mut closed_pool: Vec<u32> = won_pool.into_iter().chain(lost_pool).collect();
    closed_pool.sort_unstable();
    rng.shuffle(&mut closed_pool);
    for (flag, n_flag) in [
        (DealFlag::MissingOwner, t.closed_missing_owner),
        (DealFlag::CloseBeforeCreated, t.close_before_created),
        (DealFlag::CloseInFuture, t.closed_in_future),
        (DealFlag::NoCloseDate, t.closed_missing_close_date),
    ] {
        for d in take(&mut closed_pool, n_flag, "closed deal problems")? {
            deals[d as usize].flag = flag;
        }
    }
    for d in take(&mut open_pool, t.open_past_close_date, "open deal problems")? {
        deals[d as usize].flag = DealFlag::OpenPastCloseDate;
    }
    Ok(())
}

/// The deals and activities whose contact no longer exists, and where each is written: the
/// [`QuarterPlan`](super::QuarterPlan) fields of the same names.
pub(super) struct Gone {
    pub(super) orphan_ids: Vec<u64>,
    pub(super) orphan_after: Vec<u32>,
    pub(super) dangling_after: Vec<(u32, u32)>,
}

/// Plans the deals (each at a new company) and activities that point at the `deleted`
/// contact ids, among the quarter's `len` records.
pub(super) fn deleted_contacts(
    t: &Targets,
    rng: &mut Rng,
    g: &mut Global,
    companies: &mut Vec<Company>,
    deals: &mut Vec<DealPlan>,
    mut deleted: Vec<u64>,
    len: usize,
) -> Result<Gone, SynthError> {
    // --- Deals whose contact is gone, and activities whose contact is gone. ---
    rng.shuffle(&mut deleted);
    let mut dangling_after = Vec::new();
    for _ in 0..t.deal_without_lead {
        let mut c = g.new_company(rng, CompanyKind::Dangling)?;
        c.owner = *rng.pick(&POOL);
        if c.employees.is_some() {
            c.employees = Some(rng.range(20, 2_000));
        }
        let ci = companies.len() as u32;
        let owner = c.owner;
        companies.push(c);
        let outcome = match rng.weighted(&[30, 50, 20]) {
            0 => Outcome::Won,
            1 => Outcome::Lost,
            _ => Outcome::Open,
        };
        dangling_after.push((rng.below(len as u64) as u32, deals.len() as u32));
        deals.push(DealPlan {
            rec: None,
            dangling_contact: deleted.pop().expect("enough deleted ids"),
            company: ci,
            owner,
            outcome,
            flag: DealFlag::None,
            big: false,
            sf_missing_opp: false,
            sf_mismatch: false,
            sf_no_reason: false,
        });
    }
    dangling_after.sort_unstable();
    let mut orphan_ids = Vec::new();
    let mut orphan_after = Vec::new();
    for _ in 0..t.orphan_activities {
        orphan_ids.push(deleted.pop().expect("enough deleted ids"));
        orphan_after.push(rng.below(len as u64) as u32);
    }
    orphan_after.sort_unstable();
    Ok(Gone {
        orphan_ids,
        orphan_after,
        dangling_after,
    })
}
