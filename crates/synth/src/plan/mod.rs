//! The plan of one quarter: who the people are, which company each works for, who owns
//! them, when each record was created and which planted problem (if any) each record
//! carries. Nothing here is text yet: `write` renders the plan to CSV rows.
//!
//! Exact planted counts come from choosing exactly that many records for each problem from
//! a shuffled pool of the records it can apply to; every record carries at most one
//! contact-level problem, at most one speed role and at most one deal problem, so the
//! counts never overlap by accident.
//!
//! [`plan_quarter`] runs the phases in a fixed order on one random stream, so the same seed
//! always plans the same quarter: [`people`] (companies and their people), [`owners`],
//! [`roles`] (records, conversions, deals, speed roles), [`values`] (planted values,
//! sources, signals), [`timing`] (creation times and ids), [`deals`] (deal problems, deleted
//! contacts) and [`salesforce`]. What they plan with is in [`world`] (people, companies,
//! the state carried between quarters) and [`record`] (records and deals).

mod deals;
mod owners;
mod people;
mod record;
mod roles;
mod salesforce;
mod timing;
mod values;
mod world;

use super::SynthError;
use super::clock::{self, DAY, Min};
use super::data::{DAVE, HANNAH};
use super::rng::Rng;
use super::targets::Targets;

pub(crate) use record::{
    Conv, DealFlag, DealPlan, Form, Outcome, Rec, Role, STAGE_VARIANTS, Signal,
};
pub(crate) use world::{
    Company, CompanyKind, Global, Mail, NameKind, Person, industry_label, phone_index,
    regular_name, title_text,
};
/// The universe of company names, which the tests check for clashes.
#[cfg(test)]
pub(crate) use world::{UNIVERSE, universe};

use people::People;

/// Reps who take leads by round robin.
pub(crate) const POOL: [u8; 10] = [0, 1, 2, 3, 4, 5, 6, HANNAH, DAVE, 11];

/// A quarter of exports.
#[derive(Debug)]
pub(crate) struct Quarter {
    pub(crate) key: &'static str,
    pub(crate) dir: &'static str,
    /// First and last day (inclusive) of contact creation, as day numbers.
    pub(crate) first_day: u32,
    pub(crate) last_day: u32,
    /// The day the export was taken; nothing happens on or after it.
    pub(crate) export_day: u32,
    /// Hannah's out-of-office range (inclusive day numbers).
    pub(crate) ooo: (u32, u32),
    pub(crate) base: Targets,
    /// Weights of ≤5 min / ≤1 h / ≤24 h / days for business-hours leads, per group.
    pub(crate) mix_regular: [u32; 4],
    pub(crate) mix_dave: [u32; 4],
    pub(crate) mix_converters: [u32; 4],
    /// Dave's share of round robin, in tenths of a normal rep's.
    pub(crate) dave_weight: u32,
    /// Whether the Salesforce export is drawn from this quarter.
    pub(crate) salesforce: bool,
    /// Weights of the "Lead Form" levels (the drifting feature of #15), in the order of
    /// `scoring::DRIFT_LEVELS`.
    pub(crate) lead_form_mix: [u32; 4],
}

impl Quarter {
    /// Minute at which the export was taken.
    pub(crate) fn export(&self) -> Min {
        self.export_day * DAY
    }

    /// Whether Hannah is away on day `d`.
    pub(crate) fn hannah_away(&self, d: u32) -> bool {
        (self.ooo.0..=self.ooo.1).contains(&d)
    }

    /// The morning Hannah is back.
    pub(crate) fn hannah_back(&self) -> Min {
        clock::next_morning(clock::at(self.ooo.1, 12, 0))
    }
}

/// One quarter, planned.
#[derive(Debug)]
pub(crate) struct QuarterPlan {
    pub(crate) q: &'static Quarter,
    /// The generator's seed.
    pub(crate) seed: u64,
    pub(crate) t: Targets,
    pub(crate) companies: Vec<Company>,
    pub(crate) persons: Vec<Person>,
    /// Sorted by creation; ids ascending.
    pub(crate) recs: Vec<Rec>,
    pub(crate) deals: Vec<DealPlan>,
    /// Contact ids of activities whose contact no longer exists.
    pub(crate) orphan_ids: Vec<u64>,
    /// Record positions after which each orphan activity is written (sorted).
    pub(crate) orphan_after: Vec<u32>,
    /// Record positions after which each dangling deal is written (sorted, by deal).
    pub(crate) dangling_after: Vec<(u32, u32)>,
    /// Salesforce opportunities that point to no lead.
    pub(crate) sf_orphan_opps: u32,
    /// Capacity multiplier for the roster (scales with the data).
    pub(crate) scale: f64,
}

/// Takes `n` items from a pool (already in a random order), or says which pool ran dry.
fn take(pool: &mut Vec<u32>, n: u32, what: &str) -> Result<Vec<u32>, SynthError> {
    if pool.len() < n as usize {
        return Err(SynthError::TooSmall {
            detail: format!("{n} records are needed for {what}, only {} fit", pool.len()),
        });
    }
    Ok(pool.split_off(pool.len() - n as usize))
}

/// Indices `0..len` satisfying `keep`, shuffled.
fn pool(rng: &mut Rng, len: usize, keep: impl Fn(usize) -> bool) -> Vec<u32> {
    let mut v: Vec<u32> = (0..len).filter(|&i| keep(i)).map(|i| i as u32).collect();
    rng.shuffle(&mut v);
    v
}

/// Plans one quarter of `n` contacts.
pub(crate) fn plan_quarter(
    q: &'static Quarter,
    n: u32,
    g: &mut Global,
) -> Result<QuarterPlan, SynthError> {
    let t = q.base.scaled(n);
    let scale = f64::from(n) / f64::from(super::targets::BASE_CONTACTS);
    let mut rng = Rng::new(g.seed, &format!("plan-{}", q.key));

    let mut people = people::plan_people(&t, n, scale, &mut rng, g)?;
    owners::assign_owners(q, &t, n, &mut rng, &mut people)?;
    let (mut recs, mut deals) = roles::assign_roles(q, &t, n, &mut rng, &people)?;
    values::plant_values(q, &t, &mut rng, &people, &mut recs)?;
    let deleted = timing::created_times(q, &t, &mut rng, g, &mut recs, &mut deals);
    deals::plant_deal_problems(&t, &mut rng, &recs, &mut deals)?;
    let gone = deals::deleted_contacts(
        &t,
        &mut rng,
        g,
        &mut people.companies,
        &mut deals,
        deleted,
        recs.len(),
    )?;
    let sf_orphan_opps = salesforce::sync_salesforce(q, &t, &mut rng, &mut recs, &mut deals)?;
    let People {
        companies, persons, ..
    } = people;

    Ok(QuarterPlan {
        q,
        seed: g.seed,
        t,
        companies,
        persons,
        recs,
        deals,
        orphan_ids: gone.orphan_ids,
        orphan_after: gone.orphan_after,
        dangling_after: gone.dangling_after,
        sf_orphan_opps,
        scale,
    })
}
