//! The first phase of a quarter's plan: the companies and their people. Big accounts, the
//! false-merge traps, the people without firmographics, the duplicate clusters and the
//! plain records, grouped into companies of realistic sizes; then each person's position
//! in their country's sequence, mail, phone and title.

use super::world::{
    BIG_K_RESERVED, Company, CompanyKind, Dup, Global, Mail, NameKind, Person, TITLE_DE, TITLE_FR,
};
use crate::SynthError;
use crate::data::{
    BIG_ACCOUNT, BIG_ACCOUNT_DOMAIN, Country, GRACE, NO_OWNER, TITLES, TITLES_DE, TITLES_FR,
};
use crate::rng::Rng;
use crate::targets::Targets;

/// The companies and people of a quarter, as [`plan_people`] makes them.
pub(super) struct People {
    pub(super) companies: Vec<Company>,
    pub(super) persons: Vec<Person>,
    /// Each big account, with its people the enterprise rep owns.
    pub(super) big_grace_recs: Vec<(u32, Vec<u32>)>,
    /// The big accounts' other people (routed round robin).
    pub(super) big_other_persons: Vec<u32>,
}

/// Makes the quarter's companies and people (`n` records in all).
pub(super) fn plan_people(
    t: &Targets,
    n: u32,
    scale: f64,
    rng: &mut Rng,
    g: &mut Global,
) -> Result<People, SynthError> {
    let mut companies: Vec<Company> = Vec::new();
    let mut persons: Vec<Person> = Vec::new();

    let new_person = |persons: &mut Vec<Person>, g: &mut Global, company: u32, c: Country| {
        let global = g.next_person;
        g.next_person += 1;
        persons.push(Person {
            global,
            company,
            country: c,
            k: 0,
            name: NameKind::Regular,
            mail: Mail::Corporate,
            phone: None,
            phone_style: 0,
            title: None,
            dup: Dup::None,
            owner: NO_OWNER,
            split_to: None,
            free_style: 0,
            alt_personal: false,
            gmail_rule: 0,
            lower_name: false,
        });
        (persons.len() - 1) as u32
    };

    // --- Big accounts: Northwind (both quarters) and, at scale, more like it. ---
    let n_big = (scale.round() as u32).max(1);
    let mut big_grace_recs: Vec<(u32, Vec<u32>)> = Vec::new(); // company, persons owned by Grace
    let mut big_other_persons: Vec<u32> = Vec::new();
    for i in 0..n_big {
        let grace = t.big_account_grace / n_big + u32::from(i < t.big_account_grace % n_big);
        let others = t.big_account_others / n_big + u32::from(i < t.big_account_others % n_big);
        let mut company = if i == 0 {
            Company {
                name: BIG_ACCOUNT.to_owned(),
                domain: BIG_ACCOUNT_DOMAIN.to_owned(),
                country: Country::Us,
                industry: 6,
                industry_blank: false,
                employees: Some(4_800),
                owner: GRACE,
                no_convert: false,
                pattern: 0,
                kind: CompanyKind::Big,
                size: 0,
            }
        } else {
            let mut c = g.new_company(rng, CompanyKind::Big)?;
            c.country = Country::Us;
            c.domain = format!("{}.com", c.domain.split('.').next().unwrap_or("big"));
            c.industry_blank = false;
            c.employees = Some(rng.range(2_000, 40_000));
            c.owner = GRACE;
            c
        };
        company.size = grace + others;
        let ci = companies.len() as u32;
        companies.push(company);
        let mut gp = Vec::new();
        for j in 0..grace + others {
            let p = new_person(&mut persons, g, ci, Country::Us);
            if i == 0 {
                persons[p as usize].k = g.big_k_next;
                g.big_k_next += 1;
                if g.big_k_next > BIG_K_RESERVED {
                    return Err(SynthError::TooLarge {
                        detail: "the big account has more people than names".into(),
                    });
                }
            }
            if j < grace {
                persons[p as usize].owner = GRACE;
                gp.push(p);
            } else {
                big_other_persons.push(p);
            }
        }
        big_grace_recs.push((ci, gp));
    }

    // --- False-merge traps. ---
    for _ in 0..t.trap_sr_jr {
        let i = g.sr_jr_next;
        g.sr_jr_next += 1;
        let (ci, country) = trap_company(g, rng, &mut companies, CompanyKind::SrJr, 2)?;
        for jr in [false, true] {
            let p = new_person(&mut persons, g, ci, country);
            persons[p as usize].name = NameKind::SrJr {
                pair: (i % crate::data::SR_JR_NAMES.len() as u32) as u16,
                jr,
            };
        }
    }
    for _ in 0..t.trap_name_only {
        let i = g.name_only_next;
        g.name_only_next += 1;
        for _ in 0..2 {
            let (ci, country) = trap_company(g, rng, &mut companies, CompanyKind::NameOnly, 1)?;
            let p = new_person(&mut persons, g, ci, country);
            persons[p as usize].name = NameKind::NameOnly {
                pair: (i % crate::data::NAME_ONLY_NAMES.len() as u32) as u16,
            };
        }
    }
    let mut switchboard_pairs: Vec<(u32, u32)> = Vec::new();
    for _ in 0..t.trap_switchboard {
        let (ci, country) = trap_company(g, rng, &mut companies, CompanyKind::Switchboard, 2)?;
        let a = new_person(&mut persons, g, ci, country);
        let b = new_person(&mut persons, g, ci, country);
        switchboard_pairs.push((a, b));
    }
    // --- People with no firmographics at all (scored anyway). ---
    for _ in 0..t.scored_without_firmographics {
        let mut c = g.new_company(rng, CompanyKind::Companyless)?;
        c.country = Country::Us;
        c.name.clear();
        c.domain.clear();
        c.no_convert = true;
        c.size = 1;
        let ci = companies.len() as u32;
        companies.push(c);
        let p = new_person(&mut persons, g, ci, Country::Us);
        let pp = &mut persons[p as usize];
        pp.mail = Mail::Free(rng.index(4) as u8);
        pp.free_style = rng.index(3) as u8;
    }

    // --- Duplicate clusters and the plain single records. ---
    let mut free_people: Vec<u32> = Vec::new(); // persons not yet in a company
    let dup_kinds = [
        (Dup::EmailCase, t.dup_email_case),
        (Dup::Gmail, t.dup_gmail),
        (Dup::PlusTag, t.dup_plus_tag),
        (Dup::PhoneFormat, t.dup_phone_format),
        (Dup::TwoEmails, t.dup_two_emails),
        (Dup::Triple, t.dup_triple),
    ];
    for (kind, count) in dup_kinds {
        for _ in 0..count {
            let p = new_person(&mut persons, g, u32::MAX, Country::Us);
            persons[p as usize].dup = kind;
            free_people.push(p);
        }
    }
    let fixed_records: u32 = companies.iter().map(|c| c.size).sum::<u32>()
        + t.extra_duplicate_records()
        + free_people.len() as u32;
    if fixed_records + 500 > n {
        return Err(SynthError::TooSmall {
            detail: format!("{n} contacts leave no room for the planted problems"),
        });
    }
    for _ in 0..n - fixed_records {
        let p = new_person(&mut persons, g, u32::MAX, Country::Us);
        free_people.push(p);
    }
    rng.shuffle(&mut free_people);

    // Switchboard companies take a few plain people too.
    for &(a, _) in &switchboard_pairs {
        let ci = persons[a as usize].company;
        let extra = rng.range(0, 2);
        for _ in 0..extra {
            if let Some(pos) = free_people
                .iter()
                .rposition(|&p| persons[p as usize].dup == Dup::None)
            {
                let p = free_people.remove(pos);
                persons[p as usize].company = ci;
                persons[p as usize].country = companies[ci as usize].country;
                companies[ci as usize].size += 1;
            }
        }
    }
    // Regular companies, of realistic sizes.
    const SIZES: [(u32, u32, u32); 9] = [
        (1, 1, 450),
        (2, 2, 220),
        (3, 3, 120),
        (4, 4, 60),
        (5, 5, 40),
        (6, 6, 30),
        (7, 10, 50),
        (11, 20, 25),
        (21, 40, 5),
    ];
    let size_weights: Vec<u32> = SIZES.iter().map(|s| s.2).collect();
    while !free_people.is_empty() {
        let (lo, hi, _) = SIZES[rng.weighted(&size_weights)];
        let size = rng.range(lo, hi).min(free_people.len() as u32);
        let mut c = g.new_company(rng, CompanyKind::Regular)?;
        let ci = companies.len() as u32;
        for _ in 0..size {
            let p = free_people.pop().expect("non-empty");
            let pp = &mut persons[p as usize];
            pp.company = ci;
            pp.country = c.country;
            c.size += Dup::forms(pp.dup).len() as u32;
        }
        companies.push(c);
    }
    // Company details that depend on size.
    for c in companies.iter_mut() {
        if c.kind == CompanyKind::Big || c.kind == CompanyKind::Companyless {
            continue;
        }
        if c.employees.is_some() {
            c.employees = Some(match c.size {
                0..=2 => rng.range(8, 400),
                3..=6 => rng.range(150, 3_000),
                _ => rng.range(900, 25_000),
            });
        }
    }

    // --- Each company's people get consecutive positions in their country's sequence. ---
    {
        let mut by_company: Vec<Vec<u32>> = vec![Vec::new(); companies.len()];
        for (i, p) in persons.iter().enumerate() {
            by_company[p.company as usize].push(i as u32);
        }
        for (ci, members) in by_company.iter().enumerate() {
            if ci == 0 {
                continue; // Northwind's people already hold reserved positions.
            }
            let c = companies[ci].country.index();
            for &p in members {
                persons[p as usize].k = g.k_next[c];
                g.k_next[c] += 1;
            }
        }
    }

    // --- Person details: mail, phone, title. ---
    for i in 0..persons.len() {
        let company_kind = companies[persons[i].company as usize].kind;
        let p = &mut persons[i];
        p.title = if rng.chance(0.07) {
            None
        } else if p.country == Country::De && rng.chance(0.2) {
            Some(TITLE_DE + rng.index(TITLES_DE.len()) as u8)
        } else if p.country == Country::Fr && rng.chance(0.2) {
            Some(TITLE_FR + rng.index(TITLES_FR.len()) as u8)
        } else {
            Some(rng.index(TITLES.len()) as u8)
        };
        p.phone_style = rng.range(0, 5) as u8;
        p.free_style = rng.index(3) as u8;
        if company_kind == CompanyKind::Companyless {
            continue;
        }
        p.phone = if rng.chance(0.82) || p.dup == Dup::PhoneFormat {
            Some(p.k)
        } else {
            None
        };
        p.mail = match p.dup {
            Dup::Gmail => {
                p.free_style = 0;
                p.gmail_rule = rng.range(0, 2) as u8;
                Mail::Free(0)
            }
            Dup::PlusTag => match rng.weighted(&[40, 20, 40]) {
                0 => Mail::Free(0),
                1 => Mail::Free(2),
                _ => Mail::Corporate,
            },
            Dup::TwoEmails | Dup::Triple => Mail::Corporate,
            _ if rng.chance(0.06) => Mail::Free(rng.weighted(&[50, 20, 15, 15]) as u8),
            _ => Mail::Corporate,
        };
        p.alt_personal = rng.chance(0.5);
        p.lower_name = p.dup == Dup::EmailCase && rng.chance(0.33);
    }
    for &(a, b) in &switchboard_pairs {
        let shared = persons[a as usize].k;
        persons[a as usize].phone = Some(shared);
        persons[b as usize].phone = Some(shared);
    }

    Ok(People {
        companies,
        persons,
        big_grace_recs,
        big_other_persons,
    })
}

/// A new company of a false-merge trap: it never converts and holds `size` records.
/// Returns its index and its country.
fn trap_company(
    g: &mut Global,
    rng: &mut Rng,
    companies: &mut Vec<Company>,
    kind: CompanyKind,
    size: u32,
) -> Result<(u32, Country), SynthError> {
    let mut c = g.new_company(rng, kind)?;
    c.no_convert = true;
    c.size = size;
    let ci = companies.len() as u32;
    let country = c.country;
    companies.push(c);
    Ok((ci, country))
}
