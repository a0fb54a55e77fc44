//! Renders a planned quarter to HubSpot-style CSV files (and the Salesforce report export),
//! streaming row by row: only the plan, never the rows, is held in memory.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::SynthError;
use super::clock::{self, DAY, Min};
use super::data::{
    self, FREE_MAIL, GRACE, HANNAH, LOST_REASONS, NAME_ONLY_NAMES, NO_OWNER, OPEN_STAGES,
    OWN_DOMAIN, OWNERS, SF_OPEN_STAGES, SF_SOURCES, SOURCES, SR_JR_NAMES, TOM, WON_REASONS,
};
use super::phone;
use super::plan::{
    self, CompanyKind, Conv, DealFlag, DealPlan, Form, Mail, NameKind, Outcome, Person,
    QuarterPlan, Rec, Role, STAGE_VARIANTS, Signal,
};
use super::rng::Rng;
use super::scoring;

pub(crate) const CONTACTS_HEADER: [&str; 17] = [
    "Record ID",
    "First Name",
    "Last Name",
    "Email",
    "Phone Number",
    "Job Title",
    "Company Name",
    "Company Domain Name",
    "Industry",
    "Number of Employees",
    "Country/Region",
    "Contact owner",
    "Lifecycle Stage",
    "Lead Status",
    "Create Date",
    "Original Source",
    "HubSpot Score",
];

pub(crate) const DEALS_HEADER: [&str; 12] = [
    "Record ID",
    "Deal Name",
    "Deal Stage",
    "Pipeline",
    "Amount",
    "Deal owner",
    "Close Date",
    "Create Date",
    "Associated Company",
    "Associated Contact IDs",
    "Closed Lost Reason",
    "Closed Won Reason",
];

pub(crate) const ENGAGEMENTS_HEADER: [&str; 6] = [
    "Activity ID",
    "Associated Contact ID",
    "Activity Date",
    "Activity Type",
    "Direction",
    "Activity assigned to",
];

pub(crate) const OWNERS_HEADER: [&str; 8] = [
    "Owner",
    "Email",
    "Team",
    "Active",
    "Territory",
    "Capacity",
    "Out of Office From",
    "Out of Office To",
];

pub(crate) const SF_LEADS_HEADER: [&str; 14] = [
    "Lead ID",
    "Lead Owner",
    "First Name",
    "Last Name",
    "Title",
    "Company / Account",
    "Email",
    "Phone",
    "Lead Source",
    "Lead Status",
    "Industry",
    "Created Date",
    "Converted",
    "Converted Date",
];

pub(crate) const SF_OPPS_HEADER: [&str; 12] = [
    "Opportunity ID",
    "Opportunity Name",
    "Opportunity Owner",
    "Account Name",
    "Stage",
    "Amount",
    "Close Date",
    "Created Date",
    "Won",
    "Closed",
    "Lead ID",
    "Loss Reason",
];

/// Activity types as HubSpot exports them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    Call,
    Email,
    Meeting,
    Note,
    FormSubmission,
    PageView,
}

impl Kind {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Kind::Call => "CALL",
            Kind::Email => "EMAIL",
            Kind::Meeting => "MEETING",
            Kind::Note => "NOTE",
            Kind::FormSubmission => "FORM_SUBMISSION",
            Kind::PageView => "PAGE_VIEW",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Dir {
    Outbound,
    Inbound,
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Act {
    t: Min,
    kind: Kind,
    dir: Dir,
    owner: u8,
}

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

/// The Salesforce export, written alongside the third quarter.
pub(crate) struct SfOut {
    leads: csv::Writer<BufWriter<File>>,
    opps: csv::Writer<BufWriter<File>>,
    pub(crate) leads_path: PathBuf,
    pub(crate) opps_path: PathBuf,
    pub(crate) lead_rows: u64,
    pub(crate) opp_rows: u64,
    /// (lead id, global person).
    pub(crate) persons: Vec<(String, u32)>,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> SynthError + '_ {
    move |source| SynthError::Io {
        path: path.to_path_buf(),
        error: source,
    }
}

fn csv_err(path: &Path) -> impl FnOnce(csv::Error) -> SynthError + '_ {
    move |source| SynthError::Csv {
        path: path.to_path_buf(),
        error: source,
    }
}

fn hubspot_writer(path: &Path) -> Result<csv::Writer<BufWriter<File>>, SynthError> {
    let file = File::create(path).map_err(io_err(path))?;
    Ok(csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(BufWriter::with_capacity(1 << 20, file)))
}

/// A Salesforce report file: UTF-8 with a byte-order mark, CRLF line ends.
fn salesforce_writer(path: &Path) -> Result<csv::Writer<BufWriter<File>>, SynthError> {
    let file = File::create(path).map_err(io_err(path))?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    w.write_all("\u{feff}".as_bytes()).map_err(io_err(path))?;
    Ok(csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(w))
}

impl SfOut {
    pub(crate) fn create(dir: &Path) -> Result<Self, SynthError> {
        let leads_path = dir.join("leads.csv");
        let opps_path = dir.join("opportunities.csv");
        let mut leads = salesforce_writer(&leads_path)?;
        let mut opps = salesforce_writer(&opps_path)?;
        leads
            .write_record(SF_LEADS_HEADER)
            .map_err(csv_err(&leads_path))?;
        opps.write_record(SF_OPPS_HEADER)
            .map_err(csv_err(&opps_path))?;
        Ok(SfOut {
            leads,
            opps,
            leads_path,
            opps_path,
            lead_rows: 0,
            opp_rows: 0,
            persons: Vec::new(),
        })
    }

    /// Writes the report footers and closes both files.
    pub(crate) fn finish(self, generated: &str) -> Result<(), SynthError> {
        for (w, path, rows) in [
            (self.leads, &self.leads_path, self.lead_rows),
            (self.opps, &self.opps_path, self.opp_rows),
        ] {
            let mut inner = w.into_inner().map_err(|e| io_err(path)(e.into_error()))?;
            let footer = format!(
                "\r\n\"Grand Totals ({} records)\"\r\n\r\n\"Confidential Information - Do Not Distribute\"\r\n\"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\"\r\n\"Generated By: Dana Whitfield {generated}\"\r\n\"Brightwave Analytics\"\r\n",
                thousands(rows)
            );
            inner.write_all(footer.as_bytes()).map_err(io_err(path))?;
            inner.flush().map_err(io_err(path))?;
        }
        Ok(())
    }
}

/// `1012` → `1,012`.
pub(crate) fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A Salesforce-style 18-character id: prefix, pod, a scrambled counter in base 62 and
/// the case-checksum suffix Salesforce appends to 15-character ids.
pub(crate) fn sf_id(prefix: &str, counter: u64) -> String {
    const B62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    const SPACE: u64 = 62 * 62 * 62 * 62 * 62;
    let mut x = counter.wrapping_mul(387_420_489) % SPACE;
    let mut tail = [0u8; 5];
    for slot in tail.iter_mut().rev() {
        *slot = B62[(x % 62) as usize];
        x /= 62;
    }
    let mut id = format!("{prefix}5g00000");
    id.push_str(std::str::from_utf8(&tail).expect("ascii"));
    let bytes = id.as_bytes().to_vec();
    const SUFFIX: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    for chunk in bytes.chunks(5) {
        let mut flags = 0usize;
        for (i, &b) in chunk.iter().enumerate() {
            if b.is_ascii_uppercase() {
                flags |= 1 << i;
            }
        }
        id.push(SUFFIX[flags] as char);
    }
    id
}

/// Renders people, companies and records to their exported values.
pub(crate) struct Render<'a> {
    pub(crate) plan: &'a QuarterPlan,
}

impl Render<'_> {
    /// First and last name as the person's main record writes them.
    pub(crate) fn name(&self, p: &Person) -> (String, String) {
        match p.name {
            NameKind::Regular => {
                let (f, l) = plan::regular_name(p.country, p.k);
                (f.to_owned(), l.to_owned())
            }
            NameKind::SrJr { pair, jr } => {
                let (f, l) = SR_JR_NAMES[pair as usize];
                (
                    f.to_owned(),
                    format!("{l} {}", if jr { "Jr." } else { "Sr." }),
                )
            }
            NameKind::NameOnly { pair } => {
                let (f, l) = NAME_ONLY_NAMES[pair as usize];
                (f.to_owned(), l.to_owned())
            }
        }
    }

    /// First and last name in email form.
    fn mail_names(&self, p: &Person) -> (String, String) {
        let (f, l) = match p.name {
            NameKind::Regular => {
                let (f, l) = plan::regular_name(p.country, p.k);
                (f, l)
            }
            NameKind::SrJr { pair, .. } => SR_JR_NAMES[pair as usize],
            NameKind::NameOnly { pair } => NAME_ONLY_NAMES[pair as usize],
        };
        (data::email_part(f), data::email_part(l))
    }

    /// A personal free-mail address of the person at `provider`.
    fn free_address(&self, p: &Person, provider: usize, style: u8) -> String {
        let (f, l) = self.mail_names(p);
        let num = p.global + 11;
        let local = match style {
            0 => format!("{f}.{l}{num}"),
            1 => format!("{f}{l}{num}"),
            _ => format!("{}{l}{num}", &f[..1]),
        };
        format!("{local}@{}", FREE_MAIL[provider])
    }

    /// The person's usual address.
    pub(crate) fn canonical_email(&self, p: &Person) -> String {
        let company = &self.plan.companies[p.company as usize];
        match p.mail {
            Mail::Free(i) => self.free_address(p, i as usize, p.free_style),
            Mail::Corporate => {
                let (f, l) = self.mail_names(p);
                let local = match p.name {
                    NameKind::SrJr { jr: false, .. } => format!("{f}.{l}"),
                    NameKind::SrJr { jr: true, .. } => format!("{f}.{l}.jr"),
                    _ => match company.pattern {
                        0 => format!("{f}.{l}"),
                        1 => format!("{}{l}", &f[..1]),
                        2 => f,
                        _ => format!("{f}_{l}"),
                    },
                };
                format!("{local}@{}", company.domain)
            }
        }
    }

    /// The address a record of the person carries.
    pub(crate) fn email(&self, p: &Person, form: Form) -> String {
        let canonical = self.canonical_email(p);
        match form {
            Form::Primary => canonical,
            Form::EmailCase => capitalise_email(&canonical),
            Form::GmailVariant => {
                let (local, _) = canonical.split_once('@').expect("an address");
                let undotted = local.replace('.', "");
                match p.gmail_rule {
                    0 => format!("{undotted}@gmail.com"),
                    1 => format!("{local}@googlemail.com"),
                    _ => format!("{undotted}@googlemail.com"),
                }
            }
            Form::PlusTag => {
                const TAGS: [&str; 6] =
                    ["webinar", "newsletter", "trial", "events", "demo", "promo"];
                let (local, domain) = canonical.split_once('@').expect("an address");
                format!("{local}+{}@{domain}", TAGS[(p.global % 6) as usize])
            }
            Form::PhoneOnly => String::new(),
            Form::AltEmail => {
                if p.alt_personal {
                    self.free_address(p, if p.global.is_multiple_of(2) { 1 } else { 3 }, 0)
                } else {
                    let company = &self.plan.companies[p.company as usize];
                    let (f, l) = self.mail_names(p);
                    if company.pattern == 0 {
                        format!("{}{l}@{}", &f[..1], company.domain)
                    } else {
                        format!("{f}.{l}@{}", company.domain)
                    }
                }
            }
        }
    }

    pub(crate) fn phone(&self, p: &Person, form: Form) -> String {
        let Some(k) = p.phone else {
            return String::new();
        };
        let idx = plan::phone_index(p.country, k);
        let style = if form == Form::PhoneOnly {
            u32::from(p.phone_style) + 1
        } else {
            u32::from(p.phone_style)
        };
        phone::format(p.country, idx, style)
    }
}

/// `jane.doe@acme.com` → `Jane.Doe@Acme.com`.
fn capitalise_email(addr: &str) -> String {
    let (local, domain) = addr.split_once('@').expect("an address");
    let mut out = String::with_capacity(addr.len());
    let mut start = true;
    for c in local.chars() {
        if start && c.is_ascii_alphabetic() {
            out.push(c.to_ascii_uppercase());
        } else {
            out.push(c);
        }
        start = matches!(c, '.' | '_' | '-');
    }
    out.push('@');
    let mut first = domain.chars();
    if let Some(c) = first.next() {
        out.push(c.to_ascii_uppercase());
    }
    out.push_str(first.as_str());
    out
}

fn owner_name(o: u8) -> &'static str {
    if o == NO_OWNER {
        ""
    } else {
        OWNERS[o as usize].name
    }
}

/// A minute in `[lo, hi)`, or `lo` when the range is empty.
fn between(rng: &mut Rng, lo: Min, hi: Min) -> Min {
    if hi <= lo + 1 {
        lo
    } else {
        lo + rng.below(u64::from(hi - lo)) as Min
    }
}

/// Moves `t` into business hours (the next morning) when it falls outside them.
fn snap(rng: &mut Rng, t: Min) -> Min {
    if clock::is_business(t) {
        t
    } else {
        clock::next_morning(t) + rng.range(0, 150)
    }
}

/// What happened to one record over the quarter.
struct Life {
    acts: Vec<Act>,
    /// Minutes from creation to the first touch.
    delay: Option<Min>,
    deal_created: Option<Min>,
}

/// Builds a record's activities (and, for a converter, when its deal was created).
fn life(q: &plan::Quarter, r: &Rec, rng: &mut Rng) -> Result<Life, SynthError> {
    let export = q.export();
    let c = r.created;
    let owner = r.owner;
    let has_deal = matches!(r.conv, Conv::Deal(_));
    let mut acts: Vec<Act> = Vec::new();
    if !r.role.touched() {
        let deal_created = if r.role == Role::WonNoActivity {
            let x = rng.range(2 * DAY, 10 * DAY);
            let d = snap(rng, c + x);
            Some(if d >= export {
                between(rng, c + 1, export)
            } else {
                d
            })
        } else {
            None
        };
        return Ok(Life {
            acts,
            delay: None,
            deal_created,
        });
    }
    let away = |t: Min| owner == HANNAH && q.hannah_away(clock::day(t));
    let avail = |rng: &mut Rng, t: Min| {
        if away(t) {
            q.hannah_back() + rng.range(0, 180)
        } else {
            t
        }
    };
    let out = |t: Min, kind: Kind| Act {
        t,
        kind,
        dir: Dir::Outbound,
        owner,
    };
    // The first touch.
    let mut t1 = match r.role {
        Role::Night => clock::next_morning(c) + rng.range(0, 150),
        Role::VacationWait => q.hannah_back() + rng.range(0, 240),
        Role::SingleTouch => {
            let x = rng.range(90, DAY);
            snap(rng, c + x)
        }
        _ if clock::is_business(c) => match r.speed {
            0 => c + rng.range(1, 5),
            1 => c + rng.range(6, 59),
            2 => {
                let x = rng.range(61, 600);
                snap(rng, c + x)
            }
            _ => {
                let mut d = clock::day(c) + rng.range(1, 4);
                while clock::is_weekend_day(d) {
                    d += 1;
                }
                clock::at(d, 8, 0) + rng.range(0, 599)
            }
        },
        _ => clock::next_morning(c) + rng.range(0, 150),
    };
    t1 = avail(rng, t1);
    if t1 + 5 >= export {
        t1 = c + (export - c) / 3;
    }
    let first_kind = if rng.chance(0.55) {
        Kind::Call
    } else {
        Kind::Email
    };
    acts.push(out(t1, first_kind));
    if r.role == Role::TouchBefore {
        acts.push(out(c - rng.range(15, 600), Kind::Call));
    }
    // Follow-ups.
    if r.role != Role::SingleTouch {
        let n = rng.range(1, 3);
        let mut prev = t1;
        for i in 0..n {
            let x = rng.range(180, 3 * DAY);
            let y = snap(rng, prev + x);
            let mut t = avail(rng, y);
            if t >= export {
                if i > 0 {
                    break;
                }
                t = between(rng, prev + 1, export);
            }
            let kind = if rng.chance(0.5) {
                Kind::Call
            } else {
                Kind::Email
            };
            acts.push(out(t, kind));
            prev = t;
        }
    }
    // A meeting, and the deal, for converters.
    let mut deal_created = None;
    if r.conv != Conv::None {
        let x = rng.range(DAY, 6 * DAY);
        let y = snap(rng, t1 + x);
        let mut m = avail(rng, y);
        if m + 2 >= export {
            m = between(rng, t1 + 1, export - 1);
        }
        acts.push(out(m, Kind::Meeting));
        if has_deal {
            let x = rng.range(30, 3 * DAY);
            let mut d = snap(rng, m + x);
            if d >= export {
                d = between(rng, m + 1, export);
            }
            deal_created = Some(d);
        }
    }
    // Intent signals.
    if r.signal != Signal::None {
        let kind = if rng.chance(0.65) {
            Kind::PageView
        } else {
            Kind::FormSubmission
        };
        let s = if r.signal == Signal::Followed {
            let d = (clock::day(t1) + rng.range(1, 20)).min(q.last_day);
            let mut s = clock::at(d, 8, 0) + rng.range(0, 510);
            if s <= t1 {
                s = t1 + 1;
            }
            if away(s) {
                s = q.hannah_back() + rng.range(0, 240);
            }
            if s + 3 >= export {
                s = between(rng, t1 + 1, export - 3);
            }
            let touch = (s + rng.range(2, 45)).min(export - 1);
            let k = if rng.chance(0.6) {
                Kind::Call
            } else {
                Kind::Email
            };
            acts.push(out(touch, k));
            s
        } else {
            let mut times: Vec<Min> = acts
                .iter()
                .filter(|a| a.dir == Dir::Outbound && a.t >= c)
                .map(|a| a.t)
                .collect();
            times.sort_unstable();
            let last = *times.last().expect("a touched record has a touch");
            if export > last + 2 {
                last + 1 + rng.below(u64::from((export - last - 2).min(5 * DAY))) as Min
            } else {
                // A quiet hour between two touches (after the first one).
                let mut found = None;
                let mut prev = times[0];
                for &t in &times[1..] {
                    if t >= prev + 63 {
                        found = Some(prev + 1 + rng.below(u64::from(t - prev - 62)) as Min);
                        break;
                    }
                    prev = t;
                }
                found.ok_or_else(|| SynthError::Mismatch {
                    scope: q.key.into(),
                    details: "no room for an unanswered intent signal".into(),
                })?
            }
        };
        acts.push(Act {
            t: s,
            kind,
            dir: Dir::Inbound,
            owner: NO_OWNER,
        });
    }
    // Notes after calls, replies to emails (neither is a touch).
    let mut extra = Vec::new();
    for a in &acts {
        if a.dir != Dir::Outbound {
            continue;
        }
        if a.kind == Kind::Call && rng.chance(0.3) {
            let t = a.t + rng.range(1, 10);
            if t < export {
                extra.push(Act {
                    t,
                    kind: Kind::Note,
                    dir: Dir::None,
                    owner,
                });
            }
        } else if a.kind == Kind::Email && rng.chance(0.2) {
            let t = a.t + rng.range(30, DAY);
            if t < export {
                extra.push(Act {
                    t,
                    kind: Kind::Email,
                    dir: Dir::Inbound,
                    owner,
                });
            }
        }
    }
    acts.extend(extra);
    acts.sort();
    Ok(Life {
        acts,
        delay: Some(t1 - c),
        deal_created,
    })
}

/// Lifecycle stage and lead status of a record.
fn stages(
    r: &Rec,
    deal: Option<&DealPlan>,
    delay: Option<Min>,
    rng: &mut Rng,
) -> (&'static str, &'static str) {
    const SUB: &str = "Subscriber";
    const LEAD: &str = "Lead";
    const MQL: &str = "Marketing Qualified Lead";
    const SQL: &str = "Sales Qualified Lead";
    const OPP: &str = "Opportunity";
    const CUST: &str = "Customer";
    const OTHER: &str = "Other";
    match r.conv {
        Conv::Deal(_) => {
            let d = deal.expect("a converter's deal");
            let life = match (d.outcome, d.flag) {
                (Outcome::Won, DealFlag::OutcomeNotOnLead) => OPP,
                (Outcome::Won, _) => CUST,
                _ => OPP,
            };
            return (life, "OPEN_DEAL");
        }
        Conv::NoDeal => {
            return (if rng.chance(0.7) { OPP } else { CUST }, "OPEN_DEAL");
        }
        Conv::None => {}
    }
    match r.role {
        Role::NeverPlain => {
            let life = *rng.pick(&[SUB, SUB, LEAD, LEAD, LEAD, LEAD, LEAD, MQL, MQL, MQL]);
            (life, if rng.chance(0.6) { "NEW" } else { "OPEN" })
        }
        Role::NeverInactive | Role::NeverUnassigned => {
            (if rng.chance(0.7) { LEAD } else { MQL }, "NEW")
        }
        Role::ContactedNoActivity => (
            *rng.pick(&[LEAD, LEAD, MQL, MQL, SQL]),
            *rng.pick(&["ATTEMPTED_TO_CONTACT", "CONNECTED", "IN_PROGRESS"]),
        ),
        Role::WonNoActivity => (CUST, "OPEN_DEAL"),
        Role::SingleTouch => (
            if rng.chance(0.7) { LEAD } else { MQL },
            "ATTEMPTED_TO_CONTACT",
        ),
        _ => {
            let delay = delay.unwrap_or(u32::MAX);
            let p_qualified = match delay {
                0..=5 => 0.55,
                6..=60 => 0.42,
                61..=1440 => 0.30,
                _ => 0.22,
            };
            let status = match rng.weighted(&[30, 20, 20, 20, 10]) {
                0 => "ATTEMPTED_TO_CONTACT",
                1 => "CONNECTED",
                2 => "IN_PROGRESS",
                3 => "UNQUALIFIED",
                _ => "BAD_TIMING",
            };
            let life = if rng.chance(p_qualified) {
                if rng.chance(0.6) { MQL } else { SQL }
            } else if status == "UNQUALIFIED" && rng.chance(0.5) {
                OTHER
            } else {
                LEAD
            };
            (life, status)
        }
    }
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

fn write_activity(
    w: &mut csv::Writer<BufWriter<File>>,
    path: &Path,
    ids: &mut Ids,
    contact: u64,
    a: &Act,
) -> Result<(), SynthError> {
    let id = ids.activity;
    ids.activity += 1;
    let when = clock::fmt(|s| clock::hubspot(a.t, s));
    let dir = match a.dir {
        Dir::Outbound => "Outbound",
        Dir::Inbound => "Inbound",
        Dir::None => "",
    };
    w.write_record([
        id.to_string().as_str(),
        contact.to_string().as_str(),
        when.as_str(),
        a.kind.label(),
        dir,
        owner_name(a.owner),
    ])
    .map_err(csv_err(path))
}

/// A deal as written, for the Salesforce opportunity that mirrors it.
struct DealOut {
    created: Min,
    /// A plausible close day even where the HubSpot one is planted wrong.
    close_day: u32,
    amount: String,
}

/// Writes a deal; returns what its Salesforce opportunity needs.
#[allow(clippy::too_many_arguments)]
fn write_deal(
    w: &mut csv::Writer<BufWriter<File>>,
    path: &Path,
    ids: &mut Ids,
    plan: &QuarterPlan,
    d: &DealPlan,
    contact: u64,
    created: Min,
    rng: &mut Rng,
) -> Result<DealOut, SynthError> {
    let q = plan.q;
    let company = &plan.companies[d.company as usize];
    let id = ids.deal;
    ids.deal += 1;
    const PRODUCTS: [&str; 3] = ["Analytics Platform", "Team Plan", "Enterprise Plan"];
    let product = if d.big {
        "Enterprise Plan"
    } else {
        *rng.pick(&PRODUCTS)
    };
    let name = format!("{} - {product}", company.name);
    let stage = match (d.outcome, d.flag) {
        (_, DealFlag::Variant(v)) => STAGE_VARIANTS[v as usize].0,
        (Outcome::Won, _) => "Closed Won",
        (Outcome::Lost, _) => "Closed Lost",
        (Outcome::Open, _) => *rng.pick(&OPEN_STAGES),
    };
    let amount_value = if d.big {
        rng.range(240, 500) * 500
    } else {
        rng.range(12, 180) * 500
    };
    let amount = amount_value.to_string();
    let cday = clock::day(created);
    let sane_close = match d.outcome {
        Outcome::Open => q.export_day + rng.range(1, 90),
        _ => rng.range(cday, (cday + 60).min(q.last_day).max(cday)),
    };
    let close = match d.flag {
        DealFlag::NoCloseDate => None,
        DealFlag::CloseBeforeCreated => Some(cday - rng.range(1, 14)),
        DealFlag::CloseInFuture => Some(q.export_day + rng.range(3, 45)),
        DealFlag::OpenPastCloseDate => Some(rng.range(cday, q.last_day.max(cday))),
        _ => Some(sane_close),
    };
    let close_s = close
        .map(|c| clock::fmt(|s| clock::iso_date(c, s)))
        .unwrap_or_default();
    let lost_reason = if d.outcome == Outcome::Lost && d.flag != DealFlag::MissingReason {
        *rng.pick(&LOST_REASONS)
    } else {
        ""
    };
    let won_reason = if d.outcome == Outcome::Won && d.flag != DealFlag::MissingReason {
        *rng.pick(&WON_REASONS)
    } else {
        ""
    };
    let owner = if d.flag == DealFlag::MissingOwner {
        ""
    } else {
        owner_name(d.owner)
    };
    w.write_record([
        id.to_string().as_str(),
        name.as_str(),
        stage,
        "Sales Pipeline",
        if d.flag == DealFlag::NoAmount {
            ""
        } else {
            amount.as_str()
        },
        owner,
        close_s.as_str(),
        clock::fmt(|s| clock::hubspot(created, s)).as_str(),
        company.name.as_str(),
        contact.to_string().as_str(),
        lost_reason,
        won_reason,
    ])
    .map_err(csv_err(path))?;
    Ok(DealOut {
        created,
        close_day: sane_close,
        amount,
    })
}

fn write_owners(plan: &QuarterPlan, path: &Path) -> Result<(), SynthError> {
    let q = plan.q;
    let mut w = hubspot_writer(path)?;
    w.write_record(OWNERS_HEADER).map_err(csv_err(path))?;
    for (i, o) in OWNERS.iter().enumerate() {
        let i = i as u8;
        let capacity = o
            .capacity
            .map(|c| ((f64::from(c) * plan.scale).round() as u64).to_string())
            .unwrap_or_default();
        let (from, to) = if i == HANNAH {
            (
                clock::fmt(|s| clock::iso_date(q.ooo.0, s)),
                clock::fmt(|s| clock::iso_date(q.ooo.1, s)),
            )
        } else {
            (String::new(), String::new())
        };
        w.write_record([
            o.name,
            format!("{}@{OWN_DOMAIN}", o.email).as_str(),
            o.team,
            if i == TOM { "false" } else { "true" },
            o.territory,
            capacity.as_str(),
            from.as_str(),
            to.as_str(),
        ])
        .map_err(csv_err(path))?;
    }
    let mut inner = w.into_inner().map_err(|e| io_err(path)(e.into_error()))?;
    inner.flush().map_err(io_err(path))
}

/// The contact values a Salesforce lead copies.
struct SfContact<'a> {
    first: &'a str,
    last: &'a str,
    title: &'a str,
    company: &'a str,
    email: &'a str,
    phone: &'a str,
    industry: &'a str,
    status: &'a str,
}

#[allow(clippy::too_many_arguments)]
fn write_sf(
    sf: &mut SfOut,
    ids: &mut Ids,
    plan: &QuarterPlan,
    r: &Rec,
    p: &Person,
    c: SfContact<'_>,
    deal: Option<(&DealPlan, DealOut)>,
    rng: &mut Rng,
) -> Result<(), SynthError> {
    let lead_id = sf_id("00Q", ids.sf_lead);
    ids.sf_lead += 1;
    let status = if deal.is_some() {
        "Closed - Converted"
    } else {
        match r.role {
            Role::NeverPlain | Role::NeverInactive | Role::NeverUnassigned => {
                "Open - Not Contacted"
            }
            _ if matches!(c.status, "UNQUALIFIED" | "BAD_TIMING") => "Closed - Not Converted",
            _ => "Working - Contacted",
        }
    };
    let created = clock::fmt(|s| clock::us_datetime(r.created + rng.range(1, 3), s));
    let converted_date = deal
        .as_ref()
        .map(|(_, out)| clock::fmt(|s| clock::us_date(clock::day(out.created), s)))
        .unwrap_or_default();
    let owner = if r.owner == NO_OWNER {
        "Inbound Queue"
    } else {
        owner_name(r.owner)
    };
    let company = if c.company.is_empty() {
        "[not provided]"
    } else {
        c.company
    };
    sf.leads
        .write_record([
            lead_id.as_str(),
            owner,
            c.first,
            c.last,
            c.title,
            company,
            c.email,
            c.phone,
            SF_SOURCES[r.source as usize],
            status,
            c.industry,
            created.as_str(),
            if deal.is_some() { "1" } else { "0" },
            converted_date.as_str(),
        ])
        .map_err(csv_err(&sf.leads_path))?;
    sf.lead_rows += 1;
    sf.persons.push((lead_id.clone(), p.global));
    let Some((d, out)) = deal else {
        return Ok(());
    };
    if d.sf_missing_opp {
        return Ok(());
    }
    let company_name = &plan.companies[d.company as usize].name;
    let outcome = if d.sf_mismatch {
        Outcome::Won
    } else {
        d.outcome
    };
    let stage = match outcome {
        Outcome::Won => "Closed Won",
        Outcome::Lost => "Closed Lost",
        Outcome::Open => *rng.pick(&SF_OPEN_STAGES),
    };
    let reason = if outcome == Outcome::Lost && !d.sf_no_reason {
        *rng.pick(&LOST_REASONS)
    } else {
        ""
    };
    let opp_owner = owner_name(if d.owner == NO_OWNER { GRACE } else { d.owner });
    write_opp(
        sf,
        ids,
        &format!("{company_name} - Opportunity"),
        opp_owner,
        company_name,
        stage,
        &format!("{}.00", out.amount),
        out.close_day,
        clock::day(out.created),
        outcome,
        &lead_id,
        reason,
    )
}

#[allow(clippy::too_many_arguments)]
fn write_opp(
    sf: &mut SfOut,
    ids: &mut Ids,
    name: &str,
    owner: &str,
    account: &str,
    stage: &str,
    amount: &str,
    close_day: u32,
    created_day: u32,
    outcome: Outcome,
    lead_id: &str,
    reason: &str,
) -> Result<(), SynthError> {
    let opp_id = sf_id("006", ids.sf_opp);
    ids.sf_opp += 1;
    sf.opps
        .write_record([
            opp_id.as_str(),
            name,
            owner,
            account,
            stage,
            amount,
            clock::fmt(|s| clock::us_date(close_day, s)).as_str(),
            clock::fmt(|s| clock::us_date(created_day, s)).as_str(),
            if outcome == Outcome::Won { "1" } else { "0" },
            if outcome == Outcome::Open { "0" } else { "1" },
            lead_id,
            reason,
        ])
        .map_err(csv_err(&sf.opps_path))?;
    sf.opp_rows += 1;
    Ok(())
}

/// An opportunity whose lead is not in the export (converted from a lead deleted since).
fn write_sf_orphan_opp(
    sf: &mut SfOut,
    ids: &mut Ids,
    plan: &QuarterPlan,
    i: u32,
    rng: &mut Rng,
) -> Result<(), SynthError> {
    let q = plan.q;
    let regular: Vec<&plan::Company> = plan
        .companies
        .iter()
        .filter(|c| c.kind == CompanyKind::Regular && c.owner != NO_OWNER && c.owner != TOM)
        .take(500)
        .collect();
    let company = regular[rng.index(regular.len())];
    let outcome = match rng.weighted(&[40, 40, 20]) {
        0 => Outcome::Won,
        1 => Outcome::Lost,
        _ => Outcome::Open,
    };
    let stage = match outcome {
        Outcome::Won => "Closed Won",
        Outcome::Lost => "Closed Lost",
        Outcome::Open => *rng.pick(&SF_OPEN_STAGES),
    };
    let created = rng.range(q.first_day, q.last_day - 1);
    let close = match outcome {
        Outcome::Open => q.export_day + rng.range(1, 60),
        _ => rng.range(created, q.last_day),
    };
    let reason = if outcome == Outcome::Lost {
        *rng.pick(&LOST_REASONS)
    } else {
        ""
    };
    let lead = sf_id("00Q", 40_000_000 + u64::from(i));
    write_opp(
        sf,
        ids,
        &format!("{} - Opportunity", company.name),
        owner_name(company.owner),
        &company.name,
        stage,
        &format!("{}.00", rng.range(12, 180) * 500),
        close,
        created,
        outcome,
        &lead,
        reason,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn salesforce_ids_look_like_salesforce_ids() {
        let a = sf_id("00Q", 1_000);
        assert_eq!(a.len(), 18);
        assert!(a.starts_with("00Q5g00000"), "{a}");
        assert_ne!(a, sf_id("00Q", 1_001));
        // The suffix encodes which of the first 15 characters are upper case.
        let known = "00Q5g00000AbCdE";
        let mut full = known.to_owned();
        for chunk in known.as_bytes().chunks(5) {
            let mut f = 0;
            for (i, b) in chunk.iter().enumerate() {
                if b.is_ascii_uppercase() {
                    f |= 1 << i;
                }
            }
            full.push(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"[f] as char);
        }
        assert_eq!(full.len(), 18);
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1_012), "1,012");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn capitalised_emails_differ_only_in_case() {
        let a = "jane.doe@acmelogistics.com";
        let b = capitalise_email(a);
        assert_eq!(b, "Jane.Doe@Acmelogistics.com");
        assert_eq!(b.to_lowercase(), a);
    }
}
