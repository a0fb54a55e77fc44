//! Who owns each company and person: the big accounts' round robin, the inactive rep's
//! companies, the unassigned records, the enterprise rep's larger companies, everyone else
//! by weighted least-loaded round robin, and the clusters split across two reps.

use super::people::People;
use super::world::{CompanyKind, Dup, NameKind};
use super::{POOL, Quarter, pool, take};
use crate::SynthError;
use crate::data::{DAVE, GRACE, HANNAH, NO_OWNER, TOM};
use crate::rng::Rng;
use crate::targets::Targets;

/// Gives every company and person of `people` an owner.
pub(super) fn assign_owners(
    q: &Quarter,
    t: &Targets,
    n: u32,
    rng: &mut Rng,
    people: &mut People,
) -> Result<(), SynthError> {
    let People {
        companies,
        persons,
        big_other_persons,
        ..
    } = people;

    // --- Owners. ---
    let mut loads = [0u32; 12];
    // Big accounts' other contacts: round robin, ignoring the account owner.
    let rr: Vec<u8> = POOL.iter().copied().filter(|&o| o != HANNAH).collect();
    for (i, &p) in big_other_persons.iter().enumerate() {
        let o = rr[(i + rng.index(rr.len())) % rr.len()];
        persons[p as usize].owner = o;
        loads[o as usize] += 1;
    }
    loads[GRACE as usize] += t.big_account_grace;
    // Pure companies: only plain people.
    let mut pure = vec![true; companies.len()];
    for p in persons.iter() {
        if p.dup != Dup::None || p.name != NameKind::Regular {
            pure[p.company as usize] = false;
        }
    }
    for (i, c) in companies.iter().enumerate() {
        if c.kind != CompanyKind::Regular {
            pure[i] = false;
        }
    }
    // Owner decisions already taken (an unassigned company is decided too).
    let mut fixed: Vec<bool> = companies
        .iter()
        .map(|c| c.kind == CompanyKind::Big)
        .collect();
    // The inactive rep: exactly `inactive` records.
    // From the end of a shuffled pool, every company that still fits.
    let mut remaining = t.inactive;
    let tom_pool = pool(rng, companies.len(), |i| pure[i]);
    for &c in tom_pool.iter().rev() {
        if remaining == 0 {
            break;
        }
        let c = c as usize;
        if companies[c].size <= remaining {
            companies[c].owner = TOM;
            companies[c].no_convert = true;
            fixed[c] = true;
            remaining -= companies[c].size;
        }
    }
    if remaining > 0 {
        return Err(SynthError::TooSmall {
            detail: "not enough small companies for the inactive rep".into(),
        });
    }
    // Unassigned: single-record companies with no owner.
    let mut single = pool(rng, companies.len(), |i| {
        pure[i] && companies[i].size == 1 && !fixed[i]
    });
    for c in take(&mut single, t.unassigned, "unassigned contacts")? {
        companies[c as usize].no_convert = true;
        fixed[c as usize] = true;
    }
    // The enterprise rep: a few of the larger companies (about 3% of records).
    let mut grace_pool = pool(rng, companies.len(), |i| {
        companies[i].kind == CompanyKind::Regular && !fixed[i] && companies[i].size >= 5
    });
    let grace_goal = n * 3 / 100;
    while loads[GRACE as usize] < t.big_account_grace + grace_goal {
        let Some(c) = grace_pool.pop() else { break };
        companies[c as usize].owner = GRACE;
        fixed[c as usize] = true;
        loads[GRACE as usize] += companies[c as usize].size;
    }
    // Everyone else: weighted least-loaded round robin; Dave's weight buries him.
    let mut rest: Vec<u32> = (0..companies.len() as u32)
        .filter(|&i| !fixed[i as usize])
        .collect();
    rest.sort_by_key(|&i| (std::cmp::Reverse(companies[i as usize].size), i));
    let weight = |o: u8| -> u64 {
        if o == DAVE {
            u64::from(q.dave_weight)
        } else {
            10
        }
    };
    for ci in rest {
        let size = companies[ci as usize].size;
        let best = POOL
            .iter()
            .copied()
            .min_by_key(|&o| {
                // (load + size) / weight, compared exactly enough.
                let num = u64::from(loads[o as usize] + size) * 1_000_000;
                (num / weight(o), o)
            })
            .expect("pool is not empty");
        companies[ci as usize].owner = best;
        loads[best as usize] += size;
    }
    for p in persons.iter_mut() {
        if p.owner == NO_OWNER {
            p.owner = companies[p.company as usize].owner;
        }
    }
    // Two reps, one person: a cluster's later records went to another rep.
    let mut split_pool = pool(rng, persons.len(), |i| {
        let p = &persons[i];
        p.dup != Dup::None
            && p.dup != Dup::Triple
            && POOL.contains(&p.owner)
            && companies[p.company as usize].kind == CompanyKind::Regular
    });
    for p in take(&mut split_pool, t.dup_split_owner, "split clusters")? {
        let owner = persons[p as usize].owner;
        let others: Vec<u8> = POOL
            .iter()
            .copied()
            .filter(|&o| o != owner && o != HANNAH)
            .collect();
        let to = *rng.pick(&others);
        persons[p as usize].split_to = Some(to);
        let ci = persons[p as usize].company as usize;
        companies[ci].no_convert = true;
    }

    Ok(())
}
