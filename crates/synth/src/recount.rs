//! The second pass: reads the files back as written and counts every planted problem from
//! the rows themselves. The counts in `truth.json` come from here, and the generator checks
//! them against what it meant to plant.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use chrono::NaiveDate;

use super::SynthError;
use super::clock::{self, Min};
use super::data::{Country, FREE_MAIL, INDUSTRIES, NAME_ONLY_NAMES};
use super::phone;
use super::truth::{Duplicates, Figures, OwnerLoad, Planted, SfPlanted, Share, Speed};

/// Values that stand in for "unknown".
pub const PLACEHOLDERS: [&str; 10] = [
    "select", "n/a", "na", "-", "none", "unknown", "null", "test", "asdf", ".",
];

/// Lead statuses that count a lead as still open (for the load against capacity).
pub const OPEN_STATUSES: [&str; 5] = [
    "NEW",
    "OPEN",
    "IN_PROGRESS",
    "ATTEMPTED_TO_CONTACT",
    "CONNECTED",
];

/// Lead statuses that say the lead was contacted.
pub const CONTACTED_STATUSES: [&str; 3] = ["ATTEMPTED_TO_CONTACT", "CONNECTED", "IN_PROGRESS"];

/// Won, lost or open, from a stage label: case, spaces and punctuation are ignored, and
/// "won"/"lost" alone count.
pub fn outcome(stage: &str) -> &'static str {
    let norm: String = stage
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    match norm.as_str() {
        "closedwon" | "won" => "won",
        "closedlost" | "lost" => "lost",
        _ => "open",
    }
}

/// `2026-04-03 09:14` → minutes.
pub fn parse_datetime(s: &str) -> Option<Min> {
    let b = s.as_bytes();
    if b.len() != 16 || b[4] != b'-' || b[7] != b'-' || b[10] != b' ' || b[13] != b':' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
    let d = NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)?;
    Some(clock::at(clock::day_of(d), num(11..13)?, num(14..16)?))
}

/// `2026-04-03` → day number.
pub fn parse_date(s: &str) -> Option<u32> {
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    Some(clock::day_of(d))
}

fn country_of(label: &str) -> Option<Country> {
    Country::ALL.into_iter().find(|c| c.label() == label)
}

fn read_err(path: &Path) -> impl FnOnce(csv::Error) -> SynthError + '_ {
    move |source| SynthError::Csv {
        path: path.to_path_buf(),
        error: source,
    }
}

/// Rows of a CSV file as maps from header to value (Salesforce footers stop the rows).
/// One row of a CSV file, read by header.
struct Row<'a> {
    index: &'a HashMap<String, usize>,
    rec: &'a csv::StringRecord,
}

impl Row<'_> {
    /// The value under `header` (empty when the column is missing).
    fn get(&self, header: &str) -> String {
        self.index
            .get(header)
            .and_then(|&i| self.rec.get(i))
            .unwrap_or("")
            .to_owned()
    }
}

fn rows(
    path: &Path,
    mut each: impl FnMut(&Row<'_>) -> Result<(), SynthError>,
) -> Result<(), SynthError> {
    let file = std::fs::File::open(path).map_err(|source| SynthError::Io {
        path: path.to_path_buf(),
        error: source,
    })?;
    let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
    {
        use std::io::BufRead as _;
        let buf = reader.fill_buf().map_err(|source| SynthError::Io {
            path: path.to_path_buf(),
            error: source,
        })?;
        if buf.starts_with("\u{feff}".as_bytes()) {
            reader.consume(3);
        }
    }
    let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let headers = r.headers().map_err(read_err(path))?.clone();
    let index: HashMap<String, usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| (h.to_owned(), i))
        .collect();
    for rec in r.records() {
        let rec = rec.map_err(read_err(path))?;
        if rec.len() != headers.len() {
            break; // a report footer
        }
        each(&Row {
            index: &index,
            rec: &rec,
        })?;
    }
    Ok(())
}

struct Contact {
    created: Min,
    owner: u16,
    lifecycle: u16,
    status: u16,
    company: String,
    email: String,
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

/// `n / of`, rounded to six decimals (0 when `of` is 0).
pub(crate) fn rate(n: u64, of: u64) -> f64 {
    if of == 0 {
        0.0
    } else {
        (n as f64 / of as f64 * 1e6).round() / 1e6
    }
}

/// Lower case, `googlemail.com` as `gmail.com`, and for Gmail no dots in the local part.
fn gmail_normal(email: &str) -> String {
    let e = email.to_lowercase();
    let Some((local, domain)) = e.split_once('@') else {
        return e;
    };
    let domain = if domain == "googlemail.com" {
        "gmail.com"
    } else {
        domain
    };
    if domain == "gmail.com" {
        format!("{}@{domain}", local.replace('.', ""))
    } else {
        format!("{local}@{domain}")
    }
}

/// Lower case, `+tag` removed.
fn plus_normal(email: &str) -> String {
    let e = email.to_lowercase();
    match e.split_once('@') {
        Some((local, domain)) => {
            let local = local.split('+').next().unwrap_or(local);
            format!("{local}@{domain}")
        }
        None => e,
    }
}

/// How the records of one person's cluster differ.
fn cluster_kind(ids: &[u64], contacts: &HashMap<u64, Contact>) -> String {
    if ids.len() >= 3 {
        return "triple".into();
    }
    let (a, b) = (&contacts[&ids[0]].email, &contacts[&ids[1]].email);
    let kind = if a.is_empty() || b.is_empty() {
        "phone_format"
    } else if a != b && a.to_lowercase() == b.to_lowercase() {
        "email_case"
    } else if plus_normal(a) == plus_normal(b) {
        "plus_tag"
    } else if gmail_normal(a) == gmail_normal(b) {
        "gmail"
    } else {
        "two_emails"
    };
    kind.into()
}

/// The speed-to-lead buckets and median of a set of delays (`None` = never contacted).
fn speed(delays: &[Option<Min>]) -> Speed {
    let mut s = Speed::default();
    for d in delays {
        match *d {
            None => s.never += 1,
            Some(0..=5) => s.within_5m += 1,
            Some(6..=30) => s.within_30m += 1,
            Some(31..=60) => s.within_1h += 1,
            Some(61..=1440) => s.within_24h += 1,
            Some(_) => s.later += 1,
        }
    }
    let mut sorted: Vec<u64> = delays
        .iter()
        .map(|d| d.map_or(u64::MAX, u64::from))
        .collect();
    sorted.sort_unstable();
    let n = sorted.len();
    s.median_minutes = if n == 0 {
        None
    } else if n % 2 == 1 {
        let m = sorted[n / 2];
        (m != u64::MAX).then_some(m as f64)
    } else {
        let (a, b) = (sorted[n / 2 - 1], sorted[n / 2]);
        (b != u64::MAX).then(|| (a + b) as f64 / 2.0)
    };
    s
}

/// The Salesforce export's counts.
#[derive(Debug)]
pub(crate) struct SfRecount {
    pub(crate) leads: u64,
    pub(crate) opportunities: u64,
    pub(crate) converted: u64,
    pub(crate) footer_lines: u64,
    pub(crate) planted: SfPlanted,
}

/// Recounts the Salesforce report export, joining it to the HubSpot quarter it was
/// synced from by email.
pub(crate) fn recount_salesforce(
    sf_dir: &Path,
    hubspot_dir: &Path,
) -> Result<SfRecount, SynthError> {
    let mut leads: HashMap<String, (bool, String)> = HashMap::new();
    let mut converted = 0;
    rows(&sf_dir.join("leads.csv"), |g| {
        let conv = g.get("Converted") == "1";
        if conv {
            converted += 1;
        }
        leads.insert(g.get("Lead ID"), (conv, g.get("Email")));
        Ok(())
    })?;
    let mut p = SfPlanted::default();
    let mut with_opp: HashSet<String> = HashSet::new();
    let mut opps: Vec<(String, &'static str)> = Vec::new();
    rows(&sf_dir.join("opportunities.csv"), |g| {
        let lead = g.get("Lead ID");
        let outcome = match (g.get("Won").as_str(), g.get("Closed").as_str()) {
            ("1", _) => "won",
            (_, "1") => "lost",
            _ => "open",
        };
        if outcome == "lost" && g.get("Loss Reason").trim().is_empty() {
            p.closed_missing_close_reason += 1;
        }
        if !leads.contains_key(&lead) {
            p.opportunity_without_lead += 1;
        }
        with_opp.insert(lead.clone());
        opps.push((lead, outcome));
        Ok(())
    })?;
    p.converted_without_opportunity = leads
        .iter()
        .filter(|(id, (conv, _))| *conv && !with_opp.contains(*id))
        .count() as u64;
    // HubSpot: email → contact id → deal outcome.
    let mut contact_by_email: HashMap<String, u64> = HashMap::new();
    rows(&hubspot_dir.join("contacts.csv"), |g| {
        let email = g.get("Email");
        if !email.is_empty() {
            contact_by_email.insert(email, g.get("Record ID").parse().unwrap_or(0));
        }
        Ok(())
    })?;
    let mut outcome_of: HashMap<u64, &'static str> = HashMap::new();
    rows(&hubspot_dir.join("deals.csv"), |g| {
        if let Ok(id) = g.get("Associated Contact IDs").parse() {
            outcome_of.insert(id, outcome(&g.get("Deal Stage")));
        }
        Ok(())
    })?;
    for (lead, o) in &opps {
        let hs = leads
            .get(lead)
            .and_then(|(_, email)| contact_by_email.get(email))
            .and_then(|id| outcome_of.get(id));
        if let Some(hs) = hs
            && hs != o
        {
            p.outcome_mismatch_with_hubspot += 1;
        }
    }
    // Footer lines: everything after the last record line.
    let text =
        std::fs::read_to_string(sf_dir.join("leads.csv")).map_err(|source| SynthError::Io {
            path: sf_dir.join("leads.csv"),
            error: source,
        })?;
    let footer_lines = text
        .split("\r\n")
        .skip_while(|l| !l.is_empty())
        .count()
        .saturating_sub(1) as u64;
    Ok(SfRecount {
        leads: leads.len() as u64,
        opportunities: opps.len() as u64,
        converted,
        footer_lines,
        planted: p,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_from_stage_labels() {
        for s in ["Closed Won", "closedwon", "Closed won ", "Won", "won"] {
            assert_eq!(outcome(s), "won", "{s}");
        }
        for s in ["Closed Lost", "closed lost", "Closed-Lost", "closedlost"] {
            assert_eq!(outcome(s), "lost", "{s}");
        }
        assert_eq!(outcome("Contract Sent"), "open");
    }

    #[test]
    fn medians_are_not_reached_among_the_never_contacted() {
        assert_eq!(speed(&[Some(1), Some(3), None]).median_minutes, Some(3.0));
        assert_eq!(speed(&[Some(1), Some(3)]).median_minutes, Some(2.0));
        assert_eq!(speed(&[Some(1), None]).median_minutes, None);
        assert_eq!(speed(&[Some(1), None, None]).median_minutes, None);
    }

    #[test]
    fn email_normalisation() {
        assert_eq!(
            gmail_normal("Jane.Doe1@GoogleMail.com"),
            "janedoe1@gmail.com"
        );
        assert_eq!(plus_normal("jane+x@acme.com"), "jane@acme.com");
        assert_eq!(parse_datetime("2026-04-03 09:14").map(clock::hour), Some(9));
        assert_eq!(parse_datetime("2026-04-03"), None);
    }
}
