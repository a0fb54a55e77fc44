//! The values a record shows: the contact-level planted values (placeholders, label
//! variants, misspellings), each record's source and speed class, and the intent signals.

use super::people::People;
use super::record::{Conv, Flag, Form, Rec, Role, Signal};
use super::world::{CompanyKind, Dup, NameKind};
use super::{Quarter, pool, take};
use crate::SynthError;
use crate::data::{DAVE, SOURCES};
use crate::rng::Rng;
use crate::targets::Targets;

/// Plants the contact-level values and picks sources, speed classes and intent signals.
pub(super) fn plant_values(
    q: &Quarter,
    t: &Targets,
    rng: &mut Rng,
    people: &People,
    recs: &mut [Rec],
) -> Result<(), SynthError> {
    let People {
        companies, persons, ..
    } = people;
    let len = recs.len();

    // --- Contact-level planted values. ---
    let plain: Vec<bool> = recs
        .iter()
        .map(|r| {
            let p = &persons[r.person as usize];
            let c = &companies[p.company as usize];
            p.dup == Dup::None
                && p.name == NameKind::Regular
                && c.kind == CompanyKind::Regular
                && !c.industry_blank
        })
        .collect();
    let industry_of: Vec<usize> = recs
        .iter()
        .map(|r| companies[persons[r.person as usize].company as usize].industry)
        .collect();
    let mut flagged = vec![false; len];
    for (flag, ind, n_flag) in [
        (Flag::IndustryTechLower, 0, t.lv_industry_technology),
        (Flag::IndustryMisspelled, 0, t.misspelled_industry),
        (Flag::IndustryFinLower, 2, t.lv_industry_financial),
    ] {
        let mut p = pool(rng, len, |i| {
            plain[i] && !flagged[i] && industry_of[i] == ind
        });
        for r in take(&mut p, n_flag, "industry label variants")? {
            recs[r as usize].flag = flag;
            flagged[r as usize] = true;
        }
    }
    let mut general = pool(rng, len, |i| plain[i] && !flagged[i]);
    for (flag, n_flag) in [
        (Flag::IndustrySelect, t.ph_industry_select),
        (Flag::IndustryNa, t.ph_industry_na),
        (Flag::IndustryDash, t.ph_industry_dash),
        (Flag::TitleUnknown, t.ph_title_unknown),
        (Flag::TitleDash, t.ph_title_dash),
        (Flag::TitleTest, t.ph_title_test),
        (Flag::CompanyNa, t.ph_company_na),
        (Flag::CompanyAsdf, t.ph_company_asdf),
        (Flag::SourceOrganicLower, t.lv_source_organic),
        (Flag::SourcePaidLower, t.lv_source_paid),
    ] {
        for r in take(&mut general, n_flag, "placeholder values")? {
            recs[r as usize].flag = flag;
        }
    }

    // --- Sources, speed classes, intent signals. ---
    let source_weights: Vec<u32> = SOURCES.iter().map(|s| s.1).collect();
    for r in recs.iter_mut() {
        r.source = match r.flag {
            Flag::SourceOrganicLower => 0,
            Flag::SourcePaidLower => 1,
            _ if r.form == Form::PhoneOnly => 6,
            _ => rng.weighted(&source_weights) as u8,
        };
        let mix = if r.conv != Conv::None {
            &q.mix_converters
        } else if r.owner == DAVE {
            &q.mix_dave
        } else {
            &q.mix_regular
        };
        r.speed = rng.weighted(mix) as u8;
    }
    let mut sig = pool(rng, len, |i| {
        matches!(
            recs[i].role,
            Role::Normal | Role::Night | Role::TouchBefore | Role::VacationWait
        )
    });
    let n_signals = ((sig.len() as f64 * 0.10).round() as u32).max(t.intent_unfollowed + 1);
    let signals = take(&mut sig, n_signals, "intent signals")?;
    for (j, &r) in signals.iter().enumerate() {
        recs[r as usize].signal = if (j as u32) < t.intent_unfollowed {
            Signal::Unfollowed
        } else {
            Signal::Followed
        };
    }

    Ok(())
}
