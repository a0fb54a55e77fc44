//! When each record was created (by its role, its owner's absence and the time of week),
//! and the record ids handed out in creation order, with the gaps of contacts deleted since.

use super::Quarter;
use super::record::{Conv, DealPlan, Rec, Role};
use super::world::Global;
use crate::clock::{self, Min};
use crate::data::HANNAH;
use crate::rng::Rng;
use crate::targets::Targets;

/// Times the records, sorts them by creation, hands out ids and relinks the deals; returns
/// the ids of contacts deleted since.
pub(super) fn created_times(
    q: &Quarter,
    t: &Targets,
    rng: &mut Rng,
    g: &mut Global,
    recs: &mut [Rec],
    deals: &mut [DealPlan],
) -> Vec<u64> {
    // --- Creation times. ---
    for r in recs.iter_mut() {
        r.created = created_time(q, r, rng);
    }
    // Sort by creation and hand out ids; a few ids are skipped (contacts deleted since).
    recs.sort_by_key(|r| r.created);
    let need_deleted = (t.orphan_activities + t.deal_without_lead) as usize;
    let mut deleted: Vec<u64> = Vec::new();
    let mut id = g.next_contact_id;
    for r in recs.iter_mut() {
        if rng.chance(0.02) {
            deleted.push(id);
            id += 1;
        }
        r.id = id;
        id += 1;
    }
    while deleted.len() < need_deleted {
        deleted.push(id);
        id += 1;
    }
    g.next_contact_id = id + 1_000;
    // Deals keep pointing at their records, which moved when sorting.
    for (i, r) in recs.iter().enumerate() {
        if let Conv::Deal(d) = r.conv {
            deals[d as usize].rec = Some(i as u32);
        }
    }
    deleted
}

/// When in the week a record was created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimeClass {
    Business,
    Evening,
    Weekend,
}

/// A weekday at or after `from` and at or before `to`, satisfying `ok`.
fn pick_day(rng: &mut Rng, from: u32, to: u32, ok: impl Fn(u32) -> bool) -> u32 {
    for _ in 0..10_000 {
        let d = rng.range(from, to);
        if ok(d) {
            return d;
        }
    }
    (from..=to).find(|&d| ok(d)).unwrap_or(from)
}

/// When a record was created, given its role and owner.
fn created_time(q: &Quarter, r: &Rec, rng: &mut Rng) -> Min {
    let hannah = r.owner == HANNAH;
    let (first, last) = (q.first_day, q.last_day);
    let weekday = |d: u32| !clock::is_weekend_day(d);
    let not_away = |d: u32| !(hannah && q.hannah_away(d));
    let business = |rng: &mut Rng, d: u32| clock::at(d, 8, 0) + rng.range(0, 10 * 60 - 1);
    match r.role {
        Role::VacationWait => {
            let d = pick_day(rng, q.ooo.0, q.ooo.1, weekday);
            business(rng, d)
        }
        Role::Night => {
            let d = pick_day(rng, first, last, not_away);
            clock::at(d, 0, 0) + rng.range(0, 5 * 60 - 1)
        }
        Role::SingleTouch => {
            let d = pick_day(rng, first, last - 2, |d| weekday(d) && not_away(d));
            business(rng, d)
        }
        Role::TouchBefore => {
            let d = pick_day(rng, first + 1, last, |d| weekday(d) && not_away(d));
            business(rng, d)
        }
        _ => {
            let class = if r.conv != Conv::None {
                if rng.chance(0.9) {
                    TimeClass::Business
                } else {
                    TimeClass::Evening
                }
            } else {
                match rng.weighted(&[82, 10, 8]) {
                    0 => TimeClass::Business,
                    1 => TimeClass::Evening,
                    _ => TimeClass::Weekend,
                }
            };
            match class {
                TimeClass::Business => {
                    let d = pick_day(rng, first, last, |d| weekday(d) && not_away(d));
                    business(rng, d)
                }
                TimeClass::Evening => {
                    let d = pick_day(rng, first, last, |d| weekday(d) && not_away(d));
                    if rng.chance(0.25) {
                        clock::at(d, 5, 0) + rng.range(0, 3 * 60 - 1)
                    } else {
                        clock::at(d, 18, 0) + rng.range(0, 5 * 60 + 29)
                    }
                }
                TimeClass::Weekend => {
                    let d = pick_day(rng, first, last, |d| !weekday(d) && not_away(d));
                    clock::at(d, 5, 0) + rng.range(0, 18 * 60 + 29)
                }
            }
        }
    }
}
