//! Renders a planned quarter to HubSpot-style CSV files (and the Salesforce report export),
//! streaming row by row: only the plan, never the rows, is held in memory.
//!
//! [`write_quarter`] walks the records in order and writes each contact row here; a
//! record's activities and stages come from [`life`](mod@life), its values from
//! [`render`], its deal and the other HubSpot rows from [`hubspot`], its Salesforce lead
//! from [`salesforce`], and the files themselves are opened through [`files`].

mod files;
mod hubspot;
mod life;
mod render;
mod salesforce;

use std::io::Write;
use std::path::Path;

use super::SynthError;
use super::clock;
use super::data::{FREE_MAIL, SOURCES};
use super::plan::{self, CompanyKind, Conv, Form, Outcome, QuarterPlan};
use super::rng::Rng;
use super::scoring;

pub(crate) use files::{
    CONTACTS_HEADER, DEALS_HEADER, ENGAGEMENTS_HEADER, OWNERS_HEADER, SF_LEADS_HEADER,
    SF_OPPS_HEADER, thousands,
};
pub(crate) use salesforce::SfOut;

use files::{csv_err, hubspot_writer, io_err};
use hubspot::{DealOut, write_activity, write_deal, write_owners};
use life::{Act, Dir, Kind, life, stages};
use render::{Render, owner_name};
use salesforce::{SfContact, write_sf, write_sf_orphan_opp};

/// Running id sequences shared by both quarters.
#[derive(Debug)]
pub(crate) struct Ids {
    pub(crate) deal: u64,
    pub(crate) activity: u64,
    pub(crate) sf_lead: u64,
    pub(crate) sf_opp: u64,
}

impl Ids {
    pub(crate) fn new() -> Self {
        Ids {
            deal: 21_004_100_001,
            activity: 55_120_300_001,
            sf_lead: 1_000,
            sf_opp: 271_828,
        }
    }
}

/// What the writer knows it wrote, to be checked against the files read back.
#[derive(Debug, Default, Clone)]
pub(crate) struct Tally {
    pub(crate) contacts: u64,
    pub(crate) deals: u64,
    pub(crate) activities: u64,
    pub(crate) with_email: u64,
    pub(crate) free_mail: u64,
    pub(crate) intent_signals: u64,
    /// (record id, global person) of every contact written.
    pub(crate) persons: Vec<(u64, u32)>,
    /// What the attainable AUC of score readiness needs of every contact written.
    pub(crate) scoring: Vec<scoring::Row>,
}

/// The files of one HubSpot quarter, and the Salesforce export when it is drawn from it.
pub(crate) fn write_quarter(
    plan: &QuarterPlan,
    dir: &Path,
    ids: &mut Ids,
    mut sf: Option<&mut SfOut>,
) -> Result<Tally, SynthError> {
    let q = plan.q;
    let render = Render { plan };
    let mut rng = Rng::new(plan.seed, &format!("write-{}", q.key));
    let mut srng = Rng::new(plan.seed, &format!("readiness-{}", q.key));
    let contacts_path = dir.join("contacts.csv");
    let deals_path = dir.join("deals.csv");
    let acts_path = dir.join("engagements.csv");
    let owners_path = dir.join("owners.csv");
    let mut contacts = hubspot_writer(&contacts_path)?;
    let mut deals_w = hubspot_writer(&deals_path)?;
    let mut acts_w = hubspot_writer(&acts_path)?;
    contacts
        .write_record(CONTACTS_HEADER.iter().chain(&scoring::HEADERS))
        .map_err(csv_err(&contacts_path))?;
    deals_w
        .write_record(DEALS_HEADER)
        .map_err(csv_err(&deals_path))?;
    acts_w
        .write_record(ENGAGEMENTS_HEADER)
        .map_err(csv_err(&acts_path))?;
    write_owners(plan, &owners_path)?;

    let mut tally = Tally::default();
    let mut orphan = plan.orphan_after.iter().zip(&plan.orphan_ids).peekable();
    let mut dangling = plan.dangling_after.iter().peekable();
    let mut row: Vec<String> = Vec::with_capacity(17 + scoring::HEADERS.len());
    let mut buf = String::new();

    for (ri, r) in plan.recs.iter().enumerate() {
        let p = &plan.persons[r.person as usize];
        let company = &plan.companies[p.company as usize];
        let companyless = company.kind == CompanyKind::Companyless;
        let life = life(q, r, &mut rng)?;
        let deal = match r.conv {
            Conv::Deal(d) => Some(&plan.deals[d as usize]),
            _ => None,
        };
        let (lifecycle, status) = stages(r, deal, life.delay, &mut rng);

        // The contact row.
        let (mut first, mut last) = render.name(p);
        if r.form == Form::EmailCase && p.lower_name {
            first = first.to_lowercase();
            last = last.to_lowercase();
        }
        let email = render.email(p, r.form);
        let phone = if companyless {
            String::new()
        } else {
            render.phone(p, r.form)
        };
        let planted = r.flag.value();
        let value_for = |col: &str| planted.filter(|(c, _)| *c == col).map(|(_, v)| v);
        let title = value_for("Job Title")
            .map(str::to_owned)
            .unwrap_or_else(|| {
                p.title
                    .map(|t| plan::title_text(t).to_owned())
                    .unwrap_or_default()
            });
        let company_name = value_for("Company Name")
            .map(str::to_owned)
            .unwrap_or_else(|| company.name.clone());
        let domain_blank = !companyless && rng.chance(0.03);
        let domain = if domain_blank {
            String::new()
        } else {
            company.domain.clone()
        };
        let industry = if companyless {
            ""
        } else {
            value_for("Industry").unwrap_or_else(|| plan::industry_label(company))
        };
        let employees = if companyless {
            String::new()
        } else {
            company.employees.map(|e| e.to_string()).unwrap_or_default()
        };
        let country = if companyless {
            ""
        } else {
            company.country.label()
        };
        let source = value_for("Original Source").unwrap_or(SOURCES[r.source as usize].0);
        let complete = !companyless
            && !domain.is_empty()
            && !industry.is_empty()
            && !employees.is_empty()
            && !r.flag.is_placeholder();
        let mut score_base = None;
        let score = if companyless || (complete && rng.chance(0.88)) {
            let base = match lifecycle {
                "Customer" | "Opportunity" => 55,
                "Sales Qualified Lead" => 45,
                "Marketing Qualified Lead" => 35,
                _ => 10,
            };
            score_base = Some(base);
            (base + rng.range(0, scoring::SCORE_SPAN)).to_string()
        } else {
            String::new()
        };
        // The readiness columns (#15), from their own stream: nothing above changes.
        let class = match deal.map(|d| d.outcome) {
            Some(Outcome::Won) => scoring::Class::Won,
            Some(Outcome::Lost) => scoring::Class::Lost,
            Some(Outcome::Open) => scoring::Class::Open,
            None if r.conv == Conv::NoDeal => scoring::Class::Open,
            None => scoring::Class::Lost,
        };
        tally.scoring.push(scoring::Row {
            created: r.created,
            class,
            score_base,
        });
        buf.clear();
        clock::hubspot(r.created, &mut buf);
        row.clear();
        row.extend([
            r.id.to_string(),
            first.clone(),
            last.clone(),
            email.clone(),
            phone.clone(),
            title.clone(),
            company_name.clone(),
            domain,
            industry.to_owned(),
            employees,
            country.to_owned(),
            owner_name(r.owner).to_owned(),
            lifecycle.to_owned(),
            status.to_owned(),
            buf.clone(),
            source.to_owned(),
            score,
        ]);
        for f in &scoring::PLANTED {
            let weights: Vec<u32> = f
                .levels
                .iter()
                .map(|l| {
                    if class == scoring::Class::Won {
                        l.1
                    } else {
                        l.2
                    }
                })
                .collect();
            row.push(f.levels[srng.weighted(&weights)].0.to_owned());
        }
        row.push(scoring::DRIFT_LEVELS[srng.weighted(&scoring::drift_mix(q))].to_owned());
        let pick = srng.index(scoring::LEAK_LOST.len());
        row.push(scoring::leak_value(class, deal.is_some(), status, pick).to_owned());
        contacts
            .write_record(&row)
            .map_err(csv_err(&contacts_path))?;
        tally.contacts += 1;
        tally.persons.push((r.id, p.global));
        if !email.is_empty() {
            tally.with_email += 1;
            let domain = email.rsplit('@').next().unwrap_or("").to_ascii_lowercase();
            if FREE_MAIL.contains(&domain.as_str()) || domain == "googlemail.com" {
                tally.free_mail += 1;
            }
        }

        // Its activities.
        for a in &life.acts {
            write_activity(&mut acts_w, &acts_path, ids, r.id, a)?;
            tally.activities += 1;
            if matches!(a.kind, Kind::PageView | Kind::FormSubmission) {
                tally.intent_signals += 1;
            }
        }

        // Its deal.
        let mut deal_row: Option<DealOut> = None;
        if let Some(d) = deal {
            let created = life.deal_created.expect("a deal has a creation time");
            deal_row = Some(write_deal(
                &mut deals_w,
                &deals_path,
                ids,
                plan,
                d,
                r.id,
                created,
                &mut rng,
            )?);
            tally.deals += 1;
        }

        // Salesforce.
        if r.sf
            && let Some(sf) = sf.as_deref_mut()
        {
            write_sf(
                sf,
                ids,
                plan,
                r,
                p,
                SfContact {
                    first: &first,
                    last: &last,
                    title: &title,
                    company: &company_name,
                    email: &email,
                    phone: &phone,
                    industry,
                    status,
                },
                deal.zip(deal_row),
                &mut rng,
            )?;
        }

        // Deals and activities whose contact is gone, at their planned positions.
        while let Some(&&(after, d)) = dangling.peek() {
            if after as usize != ri {
                break;
            }
            dangling.next();
            let dp = &plan.deals[d as usize];
            let day = rng.range(q.first_day, q.last_day);
            let created = clock::at(day, 8, 0) + rng.range(0, 599);
            write_deal(
                &mut deals_w,
                &deals_path,
                ids,
                plan,
                dp,
                dp.dangling_contact,
                created,
                &mut rng,
            )?;
            tally.deals += 1;
        }
        while let Some(&(&after, &contact)) = orphan.peek() {
            if after as usize != ri {
                break;
            }
            orphan.next();
            let day = rng.range(q.first_day, q.last_day);
            let a = Act {
                t: clock::at(day, 8, 0) + rng.range(0, 599),
                kind: if rng.chance(0.5) {
                    Kind::Call
                } else {
                    Kind::Email
                },
                dir: Dir::Outbound,
                owner: *rng.pick(&plan::POOL),
            };
            write_activity(&mut acts_w, &acts_path, ids, contact, &a)?;
            tally.activities += 1;
        }
    }
    if let Some(sf) = sf {
        for i in 0..plan.sf_orphan_opps {
            write_sf_orphan_opp(sf, ids, plan, i, &mut rng)?;
        }
    }
    for (w, path) in [
        (contacts, &contacts_path),
        (deals_w, &deals_path),
        (acts_w, &acts_path),
    ] {
        let mut inner = w.into_inner().map_err(|e| io_err(path)(e.into_error()))?;
        inner.flush().map_err(io_err(path))?;
    }
    Ok(tally)
}
