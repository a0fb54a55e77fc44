//! Which of the quarter's contacts were synced to Salesforce, and the Salesforce problems
//! planted on their opportunities.

use super::record::{DealPlan, Outcome, Rec};
use super::{Quarter, pool, take};
use crate::SynthError;
use crate::rng::Rng;
use crate::targets::Targets;

/// Marks the synced records and plants the Salesforce problems; returns how many
/// opportunities point at no lead.
pub(super) fn sync_salesforce(
    q: &Quarter,
    t: &Targets,
    rng: &mut Rng,
    recs: &mut [Rec],
    deals: &mut [DealPlan],
) -> Result<u32, SynthError> {
    // --- Salesforce: a fifth of the quarter's contacts were synced. ---
    let mut sf_orphan_opps = 0;
    if q.salesforce {
        for r in recs.iter_mut() {
            r.sf = rng.chance(0.2);
        }
        let mut sf_deals = pool(rng, deals.len(), |i| {
            deals[i].rec.is_some_and(|r| recs[r as usize].sf)
        });
        for d in take(
            &mut sf_deals,
            t.sf_converted_without_opportunity,
            "Salesforce converted leads",
        )? {
            deals[d as usize].sf_missing_opp = true;
        }
        let mut sf_lost: Vec<u32> = sf_deals
            .iter()
            .copied()
            .filter(|&d| deals[d as usize].outcome == Outcome::Lost)
            .collect();
        for d in take(&mut sf_lost, t.sf_outcome_mismatch, "Salesforce mismatches")? {
            deals[d as usize].sf_mismatch = true;
        }
        for d in take(
            &mut sf_lost,
            t.sf_lost_missing_reason,
            "Salesforce lost reasons",
        )? {
            deals[d as usize].sf_no_reason = true;
        }
        sf_orphan_opps = t.sf_opportunity_without_lead;
    }

    Ok(sf_orphan_opps)
}
