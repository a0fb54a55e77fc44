//! Recounting one HubSpot quarter folder: owners, contacts, activities and deals read back,
//! and every planted problem and figure of `truth.json` counted from their rows.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use super::figures::{rate, speed};
use super::identity::cluster_kind;
use super::read::rows;
use super::{CONTACTED_STATUSES, OPEN_STATUSES, PLACEHOLDERS, outcome, parse_date, parse_datetime};
use crate::SynthError;
use crate::clock::{self, Min};
use crate::data::{Country, FREE_MAIL, INDUSTRIES, NAME_ONLY_NAMES};
use crate::phone;
use crate::truth::{Duplicates, Figures, OwnerLoad, Planted, Share};

fn country_of(label: &str) -> Option<Country> {
    Country::ALL.into_iter().find(|c| c.label() == label)
}

pub(super) struct Contact {
    created: Min,
    owner: u16,
    lifecycle: u16,
    status: u16,
    company: String,
    pub(super) email: String,
}

/// Small strings that repeat (owners, stages, statuses), stored once.
#[derive(Default)]
struct Vocab {
    index: HashMap<String, u16>,
    names: Vec<String>,
}

impl Vocab {
    fn id(&mut self, s: String) -> u16 {
        if let Some(&i) = self.index.get(&s) {
            return i;
        }
        let i = u16::try_from(self.names.len()).expect("few distinct values");
        self.names.push(s.clone());
        self.index.insert(s, i);
        i
    }

    fn name(&self, i: u16) -> &str {
        &self.names[i as usize]
    }
}

/// Groups of records by a key, remembering whether two different people share one.
#[derive(Default)]
struct Shared(HashMap<u64, (u32, bool)>);

impl Shared {
    fn add(&mut self, key: impl std::hash::Hash, person: u32) {
        use std::hash::{BuildHasher as _, BuildHasherDefault};
        let h = BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default()
            .hash_one(key);
        let e = self.0.entry(h).or_insert((person, false));
        if e.0 != person {
            e.1 = true;
        }
    }

    fn shared(&self) -> u64 {
        self.0.values().filter(|(_, shared)| *shared).count() as u64
    }
}

struct Deal {
    id: u64,
    outcome: &'static str,
    stage: String,
    owner: String,
    amount: String,
    close: Option<u32>,
    close_raw: String,
    created: Min,
    company: String,
    contact: Option<u64>,
    lost_reason: String,
    won_reason: String,
}

struct RosterRow {
    name: String,
    active: bool,
    capacity: Option<u64>,
    ooo: Option<(u32, u32)>,
}

/// What the files of one quarter say.
#[derive(Debug)]
pub(crate) struct Recount {
    pub(crate) contacts: u64,
    pub(crate) deals: u64,
    pub(crate) activities: u64,
    pub(crate) planted: Planted,
    pub(crate) figures: Figures,
}

/// Recounts a HubSpot quarter folder. `persons` maps record ids to the person behind them.
pub(crate) fn recount_quarter(
    dir: &Path,
    export_day: u32,
    persons: &[(u64, u32)],
) -> Result<Recount, SynthError> {
    let mut p = Planted::default();
    let mut f = Figures::default();
    let person_of: HashMap<u64, u32> = persons.iter().copied().collect();

    // Owners.
    let mut roster: Vec<RosterRow> = Vec::new();
    rows(&dir.join("owners.csv"), |g| {
        let ooo = match (
            parse_date(&g.get("Out of Office From")),
            parse_date(&g.get("Out of Office To")),
        ) {
            (Some(a), Some(b)) => Some((a, b)),
            _ => None,
        };
        roster.push(RosterRow {
            name: g.get("Owner"),
            active: g.get("Active") == "true",
            capacity: g.get("Capacity").parse().ok(),
            ooo,
        });
        Ok(())
    })?;

    // Contacts.
    let mut contacts: HashMap<u64, Contact> = HashMap::new();
    let mut order: Vec<u64> = Vec::new();
    let mut values: BTreeMap<&'static str, BTreeMap<String, u64>> = BTreeMap::new();
    const VALUE_FIELDS: [&str; 8] = [
        "First Name",
        "Last Name",
        "Job Title",
        "Company Name",
        "Company Domain Name",
        "Industry",
        "Country/Region",
        "Original Source",
    ];
    let mut free = Share::default();
    let mut scored_without = 0;
    let mut vocab = Vocab::default();
    let mut by_phone = Shared::default();
    let mut sr_jr = Shared::default();
    let mut name_only: BTreeSet<u32> = BTreeSet::new();
    let contacts_path = dir.join("contacts.csv");
    rows(&contacts_path, |g| {
        let id: u64 = g
            .get("Record ID")
            .parse()
            .map_err(|_| SynthError::Mismatch {
                scope: "contacts.csv".into(),
                details: format!("record id {:?} is not a number", g.get("Record ID")),
            })?;
        for field in VALUE_FIELDS {
            let v = g.get(field);
            if !v.is_empty() {
                *values.entry(field).or_default().entry(v).or_default() += 1;
            }
        }
        let email = g.get("Email");
        if !email.is_empty() {
            free.of += 1;
            let domain = email.rsplit('@').next().unwrap_or("").to_ascii_lowercase();
            if FREE_MAIL.contains(&domain.as_str()) || domain == "googlemail.com" {
                free.count += 1;
            }
        }
        if !g.get("HubSpot Score").is_empty()
            && g.get("Company Name").is_empty()
            && g.get("Company Domain Name").is_empty()
            && g.get("Industry").is_empty()
            && g.get("Number of Employees").is_empty()
        {
            scored_without += 1;
        }
        let created =
            parse_datetime(&g.get("Create Date")).ok_or_else(|| SynthError::Mismatch {
                scope: "contacts.csv".into(),
                details: format!("Create Date {:?} does not parse", g.get("Create Date")),
            })?;
        let person = *person_of.get(&id).ok_or_else(|| SynthError::Mismatch {
            scope: "persons".into(),
            details: format!("record {id} has no person"),
        })?;
        // False-merge traps: only real company names group people.
        let company = g.get("Company Name");
        let real_company =
            !company.is_empty() && !PLACEHOLDERS.contains(&company.trim().to_lowercase().as_str());
        let (first, last) = (g.get("First Name"), g.get("Last Name"));
        if real_company {
            if let Some(ph) =
                phone::e164(&g.get("Phone Number"), country_of(&g.get("Country/Region")))
            {
                by_phone.add((&company, ph), person);
            }
            if let Some(base) = last
                .strip_suffix(" Sr.")
                .or_else(|| last.strip_suffix(" Jr."))
            {
                sr_jr.add((&company, &first, base), person);
            }
        }
        if NAME_ONLY_NAMES
            .iter()
            .any(|(fi, la)| *fi == first && *la == last)
        {
            name_only.insert(person);
        }
        order.push(id);
        contacts.insert(
            id,
            Contact {
                created,
                owner: vocab.id(g.get("Contact owner")),
                lifecycle: vocab.id(g.get("Lifecycle Stage")),
                status: vocab.id(g.get("Lead Status")),
                company,
                email,
            },
        );
        Ok(())
    })?;
    p.free_mail_share = free;
    p.scored_without_firmographics = scored_without;

    // Placeholders, label variants, unrecognised industries.
    for field in VALUE_FIELDS {
        let Some(counts) = values.get(field) else {
            continue;
        };
        for (v, n) in counts {
            if PLACEHOLDERS.contains(&v.trim().to_lowercase().as_str()) {
                *p.placeholder_values
                    .entry(field.to_owned())
                    .or_default()
                    .entry(v.clone())
                    .or_default() += n;
            }
        }
        if field == "Original Source" || field == "Industry" {
            let mut groups: BTreeMap<String, Vec<(&String, u64)>> = BTreeMap::new();
            for (v, n) in counts {
                let key = v
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase();
                groups.entry(key).or_default().push((v, *n));
            }
            for members in groups.values() {
                if members.len() < 2 {
                    continue;
                }
                let top = members
                    .iter()
                    .max_by_key(|(v, n)| (*n, std::cmp::Reverse(*v)))
                    .expect("non-empty");
                for (v, n) in members {
                    if v != &top.0 {
                        *p.label_variants
                            .entry(field.to_owned())
                            .or_default()
                            .entry((*v).clone())
                            .or_default() += n;
                    }
                }
            }
        }
        if field == "Industry" {
            for (v, n) in counts {
                let known = INDUSTRIES.iter().any(|i| i.eq_ignore_ascii_case(v.trim()));
                let placeholder = PLACEHOLDERS.contains(&v.trim().to_lowercase().as_str());
                if !known && !placeholder {
                    *p.industry_unrecognised.entry(v.clone()).or_default() += n;
                }
            }
        }
    }

    // Activities.
    let mut outbound: HashMap<u64, Vec<Min>> = HashMap::new();
    let mut signals: Vec<(u64, Min)> = Vec::new();
    let mut any_activity: HashSet<u64> = HashSet::new();
    let mut activities = 0u64;
    rows(&dir.join("engagements.csv"), |g| {
        activities += 1;
        let contact: u64 = g.get("Associated Contact ID").parse().unwrap_or(0);
        if !contacts.contains_key(&contact) {
            p.orphan_activities += 1;
            return Ok(());
        }
        any_activity.insert(contact);
        let t = parse_datetime(&g.get("Activity Date")).ok_or_else(|| SynthError::Mismatch {
            scope: "engagements.csv".into(),
            details: format!("Activity Date {:?} does not parse", g.get("Activity Date")),
        })?;
        let kind = g.get("Activity Type");
        let dir = g.get("Direction");
        if matches!(kind.as_str(), "CALL" | "EMAIL" | "MEETING") && dir == "Outbound" {
            outbound.entry(contact).or_default().push(t);
        }
        if matches!(kind.as_str(), "PAGE_VIEW" | "FORM_SUBMISSION") {
            signals.push((contact, t));
        }
        Ok(())
    })?;
    for v in outbound.values_mut() {
        v.sort_unstable();
    }

    // Speed to lead and SLA.
    let mut delays: Vec<Option<Min>> = Vec::with_capacity(order.len());
    for id in &order {
        let c = &contacts[id];
        let touches = outbound.get(id).map(Vec::as_slice).unwrap_or(&[]);
        if touches.iter().any(|&t| t < c.created) {
            p.touched_before_created += 1;
        }
        let after: Vec<Min> = touches
            .iter()
            .copied()
            .filter(|&t| t >= c.created)
            .collect();
        let delay = after.first().map(|&t| t - c.created);
        delays.push(delay);
        match delay {
            None => p.never_contacted += 1,
            Some(d) => {
                if d > 60 && after.len() == 1 {
                    p.breaches_never_followed_up += 1;
                }
            }
        }
        if clock::hour(c.created) < 5 && delay.is_none_or(|d| d > 60) {
            p.night_breaches += 1;
        }
        if CONTACTED_STATUSES.contains(&vocab.name(c.status)) && !any_activity.contains(id) {
            p.contacted_without_activity += 1;
        }
    }
    p.intent_signals = signals.len() as u64;
    for (contact, s) in &signals {
        let touches = outbound.get(contact).map(Vec::as_slice).unwrap_or(&[]);
        if !touches.iter().any(|&t| t >= *s && t <= s + 60) {
            p.intent_not_followed_up += 1;
        }
    }
    f.speed_to_lead = speed(&delays);

    // Deals.
    let mut deals: Vec<Deal> = Vec::new();
    rows(&dir.join("deals.csv"), |g| {
        let stage = g.get("Deal Stage");
        let close_raw = g.get("Close Date");
        deals.push(Deal {
            id: g.get("Record ID").parse().unwrap_or(0),
            outcome: outcome(&stage),
            stage,
            owner: g.get("Deal owner"),
            amount: g.get("Amount"),
            close: parse_date(&close_raw),
            close_raw,
            created: parse_datetime(&g.get("Create Date")).unwrap_or(0),
            company: g.get("Associated Company"),
            contact: g.get("Associated Contact IDs").parse().ok(),
            lost_reason: g.get("Closed Lost Reason"),
            won_reason: g.get("Closed Won Reason"),
        });
        Ok(())
    })?;
    let mut has_deal: HashSet<u64> = HashSet::new();
    let mut has_won: HashSet<u64> = HashSet::new();
    for d in &deals {
        let closed = d.outcome != "open";
        match d.outcome {
            "won" => f.deals_won += 1,
            "lost" => f.deals_lost += 1,
            _ => f.deals_open += 1,
        }
        if closed && d.stage != "Closed Won" && d.stage != "Closed Lost" {
            *p.stage_label_variants.entry(d.stage.clone()).or_default() += 1;
        }
        if d.outcome == "lost" && d.lost_reason.trim().is_empty() {
            p.lost_missing_close_reason += 1;
        }
        if d.outcome == "won" && d.won_reason.trim().is_empty() {
            p.won_missing_close_reason += 1;
        }
        if d.owner.trim().is_empty() {
            p.deals_without_owner += 1;
            if closed {
                p.closed_missing_owner += 1;
            }
        }
        if d.outcome == "won" && d.amount.trim().is_empty() {
            p.won_without_amount += 1;
        }
        if let Some(close) = d.close {
            if close < clock::day(d.created) {
                p.close_before_created += 1;
            }
            if closed && close > export_day {
                p.closed_in_future += 1;
            }
            if !closed && close < export_day {
                p.open_past_close_date += 1;
            }
        } else if closed && d.close_raw.trim().is_empty() {
            p.closed_missing_close_date += 1;
        }
        match d.contact.and_then(|id| contacts.get(&id).map(|c| (id, c))) {
            None => p.deal_without_lead += 1,
            Some((id, c)) => {
                has_deal.insert(id);
                if d.outcome == "won" {
                    has_won.insert(id);
                }
                let shows = match d.outcome {
                    "won" => vocab.name(c.lifecycle) == "Customer",
                    "lost" => matches!(vocab.name(c.lifecycle), "Opportunity" | "Customer"),
                    _ => true,
                };
                if !shows {
                    p.outcome_not_on_lead += 1;
                }
                if d.outcome == "won" && !any_activity.contains(&id) {
                    p.won_without_activity += 1;
                }
            }
        }
    }
    p.closed_missing_close_reason = p.lost_missing_close_reason + p.won_missing_close_reason;
    for id in &order {
        let c = &contacts[id];
        let lifecycle = vocab.name(c.lifecycle);
        *f.lifecycle.entry(lifecycle.to_owned()).or_default() += 1;
        if lifecycle == "Customer" && has_won.contains(id) {
            f.customers_with_won_deal += 1;
        }
        if matches!(lifecycle, "Opportunity" | "Customer") && !has_deal.contains(id) {
            p.converted_without_deal += 1;
        }
    }

    // Routing.
    let mut account_owner: HashMap<&str, (Min, u64, &str)> = HashMap::new();
    for d in &deals {
        if d.owner.is_empty() {
            continue;
        }
        let e =
            account_owner
                .entry(d.company.as_str())
                .or_insert((d.created, d.id, d.owner.as_str()));
        if (d.created, d.id) > (e.0, e.1) {
            *e = (d.created, d.id, d.owner.as_str());
        }
    }
    let mut leads: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    for id in &order {
        let c = &contacts[id];
        let owner = vocab.name(c.owner);
        if owner.is_empty() {
            p.unassigned += 1;
            continue;
        }
        let e = leads.entry(owner).or_default();
        e.0 += 1;
        if OPEN_STATUSES.contains(&vocab.name(c.status)) {
            e.1 += 1;
        }
        if let Some(r) = roster.iter().find(|r| r.name == owner) {
            if !r.active {
                p.assigned_to_inactive_owner += 1;
            }
            if let Some((from, to)) = r.ooo
                && (from..=to).contains(&clock::day(c.created))
            {
                p.assigned_while_out_of_office += 1;
            }
        }
        if let Some((_, _, account)) = account_owner.get(c.company.as_str())
            && *account != owner
        {
            p.account_owner_mismatches += 1;
        }
    }
    let mut counts: Vec<u64> = leads.values().map(|v| v.0).collect();
    counts.sort_unstable();
    let median2 = match counts.len() {
        0 => 0,
        n if n % 2 == 1 => 2 * counts[n / 2],
        n => counts[n / 2 - 1] + counts[n / 2],
    };
    for r in &roster {
        let (n, open) = leads.get(r.name.as_str()).copied().unwrap_or((0, 0));
        let over = match r.capacity {
            Some(cap) => open > cap,
            // Above twice the median load: n > 2 * (median2 / 2).
            None => n > median2,
        };
        if over && n > 0 {
            p.over_capacity_owners.push(r.name.clone());
        }
        f.owners.push(OwnerLoad {
            owner: r.name.clone(),
            leads: n,
            open_leads: open,
        });
    }

    // Identity.
    let mut clusters: BTreeMap<u32, Vec<u64>> = BTreeMap::new();
    for id in &order {
        clusters.entry(person_of[id]).or_default().push(*id);
    }
    let mut dup = Duplicates {
        records: order.len() as u64,
        persons: clusters.len() as u64,
        ..Duplicates::default()
    };
    for ids in clusters.values() {
        if ids.len() < 2 {
            continue;
        }
        dup.clusters += 1;
        dup.records_in_clusters += ids.len() as u64;
        *dup.by_kind.entry(cluster_kind(ids, &contacts)).or_default() += 1;
        let owners: BTreeSet<&str> = ids
            .iter()
            .map(|id| vocab.name(contacts[id].owner))
            .filter(|o| !o.is_empty())
            .collect();
        if owners.len() > 1 {
            p.duplicates_split_across_owners += 1;
        }
    }
    dup.duplicate_rate = rate(dup.records - dup.persons, dup.records);
    p.duplicate_clusters = dup;
    // False-merge traps.
    let traps = &mut p.false_merge_traps;
    traps.insert("shared_switchboard_phone".into(), by_phone.shared());
    traps.insert("sr_jr".into(), sr_jr.shared());
    traps.insert(
        "same_name_different_company".into(),
        name_only.len() as u64 / 2,
    );

    Ok(Recount {
        contacts: order.len() as u64,
        deals: deals.len() as u64,
        activities,
        planted: p,
        figures: f,
    })
}
