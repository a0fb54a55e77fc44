//! The quarter's records and what happened to each lead: one record per identity form of a
//! person, the never-contacted and out-of-office roles, the converters with their deals'
//! outcomes, and the speed roles (night leads, single touches, touches before creation).

use super::people::People;
use super::record::{Conv, DealFlag, DealPlan, Flag, Outcome, Rec, Role, Signal};
use super::world::{CompanyKind, Dup, NameKind};
use super::{Form, Quarter, pool, take};
use crate::SynthError;
use crate::data::{HANNAH, NO_OWNER, TOM};
use crate::rng::Rng;
use crate::targets::Targets;

/// The quarter's `n` records with their roles, and the deals of the converters.
pub(super) fn assign_roles(
    q: &Quarter,
    t: &Targets,
    n: u32,
    rng: &mut Rng,
    people: &People,
) -> Result<(Vec<Rec>, Vec<DealPlan>), SynthError> {
    let People {
        companies,
        persons,
        big_grace_recs,
        big_other_persons,
    } = people;

    // --- Records. ---
    let mut recs: Vec<Rec> = Vec::with_capacity(n as usize);
    for (pi, p) in persons.iter().enumerate() {
        for (j, &form) in Dup::forms(p.dup).iter().enumerate() {
            let owner = match p.split_to {
                Some(to) if j > 0 => to,
                _ => p.owner,
            };
            recs.push(Rec {
                person: pi as u32,
                owner,
                role: Role::Normal,
                form,
                flag: Flag::None,
                conv: Conv::None,
                signal: Signal::None,
                speed: 0,
                source: 0,
                created: 0,
                id: 0,
                sf: false,
            });
        }
    }
    if recs.len() as u32 != n {
        return Err(SynthError::Mismatch {
            scope: q.key.into(),
            details: format!("planned {} records for {n} contacts", recs.len()),
        });
    }
    let len = recs.len();
    let mut assigned = vec![false; len];
    for (i, r) in recs.iter_mut().enumerate() {
        if r.owner == TOM {
            r.role = Role::NeverInactive;
            assigned[i] = true;
        } else if r.owner == NO_OWNER {
            r.role = Role::NeverUnassigned;
            assigned[i] = true;
        }
    }
    // Out of office, still assigned.
    let mut hp = pool(rng, len, |i| recs[i].owner == HANNAH && !assigned[i]);
    give_role(
        &mut recs,
        &mut assigned,
        &mut hp,
        t.vacation,
        "leads of the rep on vacation",
        Role::VacationWait,
    )?;
    // Converters. Each big account converts its first Grace contact (a won deal), so the
    // account has an owner of record.
    let mut outcomes: Vec<(u32, Option<Outcome>)> = Vec::new();
    let mut forced = 0;
    let first_rec_of: Vec<u32> = {
        let mut v = vec![u32::MAX; persons.len()];
        for (i, r) in recs.iter().enumerate() {
            if v[r.person as usize] == u32::MAX {
                v[r.person as usize] = i as u32;
            }
        }
        v
    };
    for (_, gp) in big_grace_recs {
        let Some(&p) = gp.first() else {
            return Err(SynthError::TooSmall {
                detail: "a big account has no contact of its owner".into(),
            });
        };
        let r = first_rec_of[p as usize];
        outcomes.push((r, Some(Outcome::Won)));
        assigned[r as usize] = true;
        forced += 1;
    }
    let big_other: std::collections::BTreeSet<u32> = big_other_persons.iter().copied().collect();
    let mut conv_pool = pool(rng, len, |i| {
        let r = &recs[i];
        let p = &persons[r.person as usize];
        let c = &companies[p.company as usize];
        !assigned[i]
            && r.form == Form::Primary
            && p.name == NameKind::Regular
            && !c.no_convert
            && !big_other.contains(&r.person)
            && r.owner != NO_OWNER
            && r.owner != TOM
    });
    let won_rest = t
        .won
        .checked_sub(forced)
        .ok_or_else(|| SynthError::TooSmall {
            detail: "more big accounts than won deals".into(),
        })?;
    let converters = take(
        &mut conv_pool,
        won_rest + t.lost + t.open + t.converted_without_deal,
        "converted contacts",
    )?;
    for (j, &r) in converters.iter().enumerate() {
        let j = j as u32;
        let o = if j < won_rest {
            Some(Outcome::Won)
        } else if j < won_rest + t.lost {
            Some(Outcome::Lost)
        } else if j < won_rest + t.lost + t.open {
            Some(Outcome::Open)
        } else {
            None
        };
        outcomes.push((r, o));
        assigned[r as usize] = true;
    }
    // Won deals whose contact has no activity at all.
    let mut wwa: Vec<u32> = outcomes
        .iter()
        .skip(forced as usize)
        .filter(|(_, o)| *o == Some(Outcome::Won))
        .map(|(r, _)| *r)
        .collect();
    rng.shuffle(&mut wwa);
    for r in take(
        &mut wwa,
        t.won_without_activity,
        "won deals without activity",
    )? {
        recs[r as usize].role = Role::WonNoActivity;
    }
    // Deals, in record order later; here by converter.
    let mut deals: Vec<DealPlan> = Vec::new();
    for &(r, o) in &outcomes {
        let rec = &mut recs[r as usize];
        match o {
            None => rec.conv = Conv::NoDeal,
            Some(outcome) => {
                let p = &persons[rec.person as usize];
                rec.conv = Conv::Deal(deals.len() as u32);
                deals.push(DealPlan {
                    rec: Some(r),
                    dangling_contact: 0,
                    company: p.company,
                    owner: rec.owner,
                    outcome,
                    flag: DealFlag::None,
                    big: companies[p.company as usize].kind == CompanyKind::Big,
                    sf_missing_opp: false,
                    sf_mismatch: false,
                    sf_no_reason: false,
                });
            }
        }
    }
    // Converters other than the no-activity ones are free for a speed role again.
    for &(r, _) in &outcomes {
        if recs[r as usize].role != Role::WonNoActivity {
            assigned[r as usize] = false;
        }
    }
    let is_conv: Vec<bool> = recs.iter().map(|r| r.conv != Conv::None).collect();
    // Speed roles.
    let mut night = pool(rng, len, |i| !assigned[i]);
    give_role(
        &mut recs,
        &mut assigned,
        &mut night,
        t.night,
        "night leads",
        Role::Night,
    )?;
    let mut st = pool(rng, len, |i| !assigned[i] && !is_conv[i]);
    give_role(
        &mut recs,
        &mut assigned,
        &mut st,
        t.single_touch,
        "single-touch breaches",
        Role::SingleTouch,
    )?;
    let mut tb = pool(rng, len, |i| !assigned[i]);
    give_role(
        &mut recs,
        &mut assigned,
        &mut tb,
        t.touch_before_create,
        "touches before creation",
        Role::TouchBefore,
    )?;
    let mut nv = pool(rng, len, |i| !assigned[i] && !is_conv[i]);
    give_role(
        &mut recs,
        &mut assigned,
        &mut nv,
        t.never_plain,
        "never-contacted leads",
        Role::NeverPlain,
    )?;
    give_role(
        &mut recs,
        &mut assigned,
        &mut nv,
        t.contacted_without_activity,
        "contacted without activity",
        Role::ContactedNoActivity,
    )?;

    Ok((recs, deals))
}

/// Gives `role` to `n` records taken from `pool` (`what` names them if the pool runs dry)
/// and marks them assigned.
fn give_role(
    recs: &mut [Rec],
    assigned: &mut [bool],
    pool: &mut Vec<u32>,
    n: u32,
    what: &str,
    role: Role,
) -> Result<(), SynthError> {
    for r in take(pool, n, what)? {
        recs[r as usize].role = role;
        assigned[r as usize] = true;
    }
    Ok(())
}
