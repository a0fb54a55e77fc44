//! The plan of one quarter: who the people are, which company each works for, who owns
//! them, when each record was created and which planted problem (if any) each record
//! carries. Nothing here is text yet: `write.rs` renders the plan to CSV rows.
//!
//! Exact planted counts come from choosing exactly that many records for each problem from
//! a shuffled pool of the records it can apply to; every record carries at most one
//! contact-level problem, at most one speed role and at most one deal problem, so the
//! counts never overlap by accident.

use super::SynthError;
use super::clock::{self, DAY, Min};
use super::data::{
    BIG_ACCOUNT, BIG_ACCOUNT_DOMAIN, BRAND_A, BRAND_B, Country, DAVE, DESCRIPTORS, FIRST_NAMES,
    GRACE, HANNAH, INDUSTRIES, LAST_NAMES, NO_OWNER, SOURCES, TITLES, TITLES_DE, TITLES_FR, TOM,
};
use super::phone;
use super::rng::Rng;
use super::targets::Targets;

/// Person titles at or above this are German titles.
pub(crate) const TITLE_DE: u8 = 100;
/// Person titles at or above this are French titles.
pub(crate) const TITLE_FR: u8 = 120;

/// The title a person gives.
pub(crate) fn title_text(title: u8) -> &'static str {
    if title >= TITLE_FR {
        TITLES_FR[(title - TITLE_FR) as usize]
    } else if title >= TITLE_DE {
        TITLES_DE[(title - TITLE_DE) as usize]
    } else {
        TITLES[title as usize]
    }
}

/// Reps who take leads by round robin.
pub(crate) const POOL: [u8; 10] = [0, 1, 2, 3, 4, 5, 6, HANNAH, DAVE, 11];

/// A quarter of exports.
#[derive(Debug)]
pub(crate) struct Quarter {
    pub(crate) key: &'static str,
    pub(crate) dir: &'static str,
    /// First and last day (inclusive) of contact creation, as day numbers.
    pub(crate) first_day: u32,
    pub(crate) last_day: u32,
    /// The day the export was taken; nothing happens on or after it.
    pub(crate) export_day: u32,
    /// Hannah's out-of-office range (inclusive day numbers).
    pub(crate) ooo: (u32, u32),
    pub(crate) base: Targets,
    /// Weights of ≤5 min / ≤1 h / ≤24 h / days for business-hours leads, per group.
    pub(crate) mix_regular: [u32; 4],
    pub(crate) mix_dave: [u32; 4],
    pub(crate) mix_converters: [u32; 4],
    /// Dave's share of round robin, in tenths of a normal rep's.
    pub(crate) dave_weight: u32,
    /// Whether the Salesforce export is drawn from this quarter.
    pub(crate) salesforce: bool,
    /// Weights of the "Lead Form" levels (the drifting feature of #15), in the order of
    /// `scoring::DRIFT_LEVELS`.
    pub(crate) lead_form_mix: [u32; 4],
}

impl Quarter {
    /// Minute at which the export was taken.
    pub(crate) fn export(&self) -> Min {
        self.export_day * DAY
    }

    /// Whether Hannah is away on day `d`.
    pub(crate) fn hannah_away(&self, d: u32) -> bool {
        (self.ooo.0..=self.ooo.1).contains(&d)
    }

    /// The morning Hannah is back.
    pub(crate) fn hannah_back(&self) -> Min {
        clock::next_morning(clock::at(self.ooo.1, 12, 0))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Touched the usual way for when it was created.
    Normal,
    /// Created 00:00–04:59, first touched the next business morning.
    Night,
    /// Never touched.
    NeverPlain,
    /// Owned by the inactive rep: never touched.
    NeverInactive,
    /// No owner: never touched.
    NeverUnassigned,
    /// Status says contacted, no activity logged at all.
    ContactedNoActivity,
    /// Won deal, no activity logged at all.
    WonNoActivity,
    /// An outbound touch logged before the record was created, then a normal touch.
    TouchBefore,
    /// First touched more than an hour late, and never again.
    SingleTouch,
    /// Created while the owner was out of office; touched when she came back.
    VacationWait,
}

impl Role {
    pub(crate) fn touched(self) -> bool {
        matches!(
            self,
            Role::Normal | Role::Night | Role::TouchBefore | Role::SingleTouch | Role::VacationWait
        )
    }
}

/// How a record writes its person's identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    Primary,
    EmailCase,
    GmailVariant,
    PlusTag,
    PhoneOnly,
    AltEmail,
}

/// The one contact-level planted value a record may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flag {
    None,
    IndustrySelect,
    IndustryNa,
    IndustryDash,
    TitleUnknown,
    TitleDash,
    TitleTest,
    CompanyNa,
    CompanyAsdf,
    SourceOrganicLower,
    SourcePaidLower,
    IndustryTechLower,
    IndustryFinLower,
    IndustryMisspelled,
}

impl Flag {
    /// The planted value and the column it goes in.
    pub(crate) fn value(self) -> Option<(&'static str, &'static str)> {
        Some(match self {
            Flag::None => return None,
            Flag::IndustrySelect => ("Industry", "Select"),
            Flag::IndustryNa => ("Industry", "N/A"),
            Flag::IndustryDash => ("Industry", "-"),
            Flag::TitleUnknown => ("Job Title", "unknown"),
            Flag::TitleDash => ("Job Title", "-"),
            Flag::TitleTest => ("Job Title", "test"),
            Flag::CompanyNa => ("Company Name", "N/A"),
            Flag::CompanyAsdf => ("Company Name", "asdf"),
            Flag::SourceOrganicLower => ("Original Source", "organic search"),
            Flag::SourcePaidLower => ("Original Source", "Paid search"),
            Flag::IndustryTechLower => ("Industry", "technology"),
            Flag::IndustryFinLower => ("Industry", "Financial services"),
            Flag::IndustryMisspelled => ("Industry", "technolgy"),
        })
    }

    /// Placeholders hide a value: such records are not scored.
    pub(crate) fn is_placeholder(self) -> bool {
        matches!(
            self,
            Flag::IndustrySelect
                | Flag::IndustryNa
                | Flag::IndustryDash
                | Flag::TitleUnknown
                | Flag::TitleDash
                | Flag::TitleTest
                | Flag::CompanyNa
                | Flag::CompanyAsdf
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Won,
    Lost,
    Open,
}

/// Whether and how a record converted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Conv {
    None,
    /// Converted, with the deal at this index of the quarter's deals.
    Deal(u32),
    /// Converted (lifecycle Opportunity or Customer) without any deal.
    NoDeal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Signal {
    None,
    Followed,
    Unfollowed,
}

/// When in the week a record was created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimeClass {
    Business,
    Evening,
    Weekend,
}

/// One contact record of the export.
#[derive(Debug, Clone)]
pub(crate) struct Rec {
    pub(crate) person: u32,
    pub(crate) owner: u8,
    pub(crate) role: Role,
    pub(crate) form: Form,
    pub(crate) flag: Flag,
    pub(crate) conv: Conv,
    pub(crate) signal: Signal,
    /// 0..=3: within 5 min, within an hour, within a day, days (business-hours leads).
    pub(crate) speed: u8,
    pub(crate) source: u8,
    pub(crate) created: Min,
    pub(crate) id: u64,
    /// Also exported to Salesforce.
    pub(crate) sf: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameKind {
    Regular,
    SrJr { pair: u16, jr: bool },
    NameOnly { pair: u16 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dup {
    None,
    EmailCase,
    Gmail,
    PlusTag,
    PhoneFormat,
    TwoEmails,
    Triple,
}

impl Dup {
    fn forms(self) -> &'static [Form] {
        match self {
            Dup::None => &[Form::Primary],
            Dup::EmailCase => &[Form::Primary, Form::EmailCase],
            Dup::Gmail => &[Form::Primary, Form::GmailVariant],
            Dup::PlusTag => &[Form::Primary, Form::PlusTag],
            Dup::PhoneFormat => &[Form::Primary, Form::PhoneOnly],
            Dup::TwoEmails => &[Form::Primary, Form::AltEmail],
            Dup::Triple => &[Form::Primary, Form::EmailCase, Form::PlusTag],
        }
    }
}

/// Where a person's email lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mail {
    Corporate,
    /// Index into `data::FREE_MAIL`.
    Free(u8),
}

#[derive(Debug, Clone)]
pub(crate) struct Person {
    /// Global person number: the ground-truth identity.
    pub(crate) global: u32,
    pub(crate) company: u32,
    pub(crate) country: Country,
    /// Position in the country's sequence of people: picks the name and the phone number.
    pub(crate) k: u32,
    pub(crate) name: NameKind,
    pub(crate) mail: Mail,
    /// `k` of the person whose phone number this person uses (a switchboard shares one).
    pub(crate) phone: Option<u32>,
    pub(crate) phone_style: u8,
    /// Index into `TITLES`, or `TITLE_DE` / `TITLE_FR` plus an index into the local
    /// lists; or none.
    pub(crate) title: Option<u8>,
    pub(crate) dup: Dup,
    pub(crate) owner: u8,
    /// The cluster's later records went to another rep.
    pub(crate) split_to: Option<u8>,
    /// Local-part style of free-mail addresses: 0 first.last, 1 firstlast, 2 flast.
    pub(crate) free_style: u8,
    /// For two-email clusters: the second address is personal free mail.
    pub(crate) alt_personal: bool,
    /// For Gmail clusters: which rule the variant exercises (0 dots, 1 googlemail, 2 both).
    pub(crate) gmail_rule: u8,
    /// The second record of an email-case cluster typed the name in lower case.
    pub(crate) lower_name: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CompanyKind {
    Regular,
    Big,
    SrJr,
    NameOnly,
    Switchboard,
    /// A pseudo-company for people with no firmographics at all.
    Companyless,
    /// Only on deals whose contact no longer exists.
    Dangling,
}

#[derive(Debug, Clone)]
pub(crate) struct Company {
    pub(crate) name: String,
    pub(crate) domain: String,
    pub(crate) country: Country,
    /// Index into `INDUSTRIES` (the true industry).
    pub(crate) industry: usize,
    /// The export shows no industry for this company.
    pub(crate) industry_blank: bool,
    pub(crate) employees: Option<u32>,
    pub(crate) owner: u8,
    pub(crate) no_convert: bool,
    /// Corporate email pattern: 0 first.last, 1 flast, 2 first, 3 first_last.
    pub(crate) pattern: u8,
    pub(crate) kind: CompanyKind,
    pub(crate) size: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DealFlag {
    None,
    /// A stage label variant, by index into [`STAGE_VARIANTS`].
    Variant(u8),
    MissingReason,
    MissingOwner,
    NoAmount,
    CloseBeforeCreated,
    CloseInFuture,
    NoCloseDate,
    OpenPastCloseDate,
    OutcomeNotOnLead,
}

/// Stage labels planted instead of "Closed Won" / "Closed Lost", with the outcome each means.
pub(crate) const STAGE_VARIANTS: [(&str, Outcome); 5] = [
    ("closedwon", Outcome::Won),
    ("Closed won ", Outcome::Won),
    ("Won", Outcome::Won),
    ("closed lost", Outcome::Lost),
    ("Closed-Lost", Outcome::Lost),
];

#[derive(Debug, Clone)]
pub(crate) struct DealPlan {
    /// The converting record, or `None` for a deal whose contact was deleted.
    pub(crate) rec: Option<u32>,
    /// For a deal without a contact: the (deleted) contact id it still points to.
    pub(crate) dangling_contact: u64,
    pub(crate) company: u32,
    pub(crate) owner: u8,
    pub(crate) outcome: Outcome,
    pub(crate) flag: DealFlag,
    pub(crate) big: bool,
    /// Salesforce: the lead is converted but its opportunity is missing.
    pub(crate) sf_missing_opp: bool,
    /// Salesforce: the opportunity says won where HubSpot says lost.
    pub(crate) sf_mismatch: bool,
    /// Salesforce: a lost opportunity without a loss reason.
    pub(crate) sf_no_reason: bool,
}

/// One quarter, planned.
#[derive(Debug)]
pub(crate) struct QuarterPlan {
    pub(crate) q: &'static Quarter,
    /// The generator's seed.
    pub(crate) seed: u64,
    pub(crate) t: Targets,
    pub(crate) companies: Vec<Company>,
    pub(crate) persons: Vec<Person>,
    /// Sorted by creation; ids ascending.
    pub(crate) recs: Vec<Rec>,
    pub(crate) deals: Vec<DealPlan>,
    /// Contact ids of activities whose contact no longer exists.
    pub(crate) orphan_ids: Vec<u64>,
    /// Record positions after which each orphan activity is written (sorted).
    pub(crate) orphan_after: Vec<u32>,
    /// Record positions after which each dangling deal is written (sorted, by deal).
    pub(crate) dangling_after: Vec<(u32, u32)>,
    /// Salesforce opportunities that point to no lead.
    pub(crate) sf_orphan_opps: u32,
    /// Capacity multiplier for the roster (scales with the data).
    pub(crate) scale: f64,
}

/// State carried from one quarter to the next.
#[derive(Debug)]
pub(crate) struct Global {
    pub(crate) seed: u64,
    next_person: u32,
    k_next: [u32; 6],
    universe_next: u32,
    next_contact_id: u64,
    /// Northwind's people: a reserved block of US `k`s.
    big_k_next: u32,
    /// Next names for the false-merge traps (so each trap name is used once, until they
    /// run out at scale).
    sr_jr_next: u32,
    name_only_next: u32,
}

/// US `k`s reserved for the big account's people across both quarters.
const BIG_K_RESERVED: u32 = 180;

impl Global {
    pub(crate) fn new(seed: u64) -> Self {
        let mut k_next = [0; 6];
        k_next[Country::Us.index()] = BIG_K_RESERVED;
        Global {
            seed,
            next_person: 1,
            k_next,
            universe_next: 0,
            next_contact_id: 38_151_201,
            big_k_next: 0,
            sr_jr_next: 0,
            name_only_next: 0,
        }
    }
}

/// First-name and last-name positions of a person: country blocks keep the sample's names
/// unique across countries, and a company's people (consecutive `k`s) never share a first
/// or a last name.
fn name_slot(c: Country, k: u32) -> u64 {
    const BASE: [u64; 6] = [0, 12_000, 17_000, 20_000, 24_000, 30_000];
    BASE[c.index()] + u64::from(k)
}

/// The first and last name of a regular person.
pub(crate) fn regular_name(c: Country, k: u32) -> (&'static str, &'static str) {
    let s = name_slot(c, k);
    (
        FIRST_NAMES[(s * 73 % FIRST_NAMES.len() as u64) as usize],
        LAST_NAMES[(s * 89 % LAST_NAMES.len() as u64) as usize],
    )
}

/// The phone number index of person `k`: a bijection modulo the country's space.
pub(crate) fn phone_index(c: Country, k: u32) -> u32 {
    ((u64::from(k) * 7919 + 1234) % u64::from(phone::space(c))) as u32
}

const NB: u32 = (BRAND_A.len() * BRAND_B.len()) as u32;

/// Universe company `u`: its brand and descriptor, `None` for the big account's brand.
pub(crate) fn universe(u: u32) -> Option<(String, usize)> {
    let b = (u64::from(u % NB) * 6007 % u64::from(NB)) as u32;
    let a = BRAND_A[(b / BRAND_B.len() as u32) as usize];
    let bb = BRAND_B[(b % BRAND_B.len() as u32) as usize];
    let d = ((u / NB + b) % DESCRIPTORS.len() as u32) as usize;
    let mut brand = String::with_capacity(a.len() + bb.len());
    brand.push_str(a);
    brand.push_str(bb);
    if brand == "Northwind" {
        return None;
    }
    Some((brand, d))
}

/// How many universe companies exist.
pub(crate) const UNIVERSE: u32 = NB * DESCRIPTORS.len() as u32;

impl Global {
    /// The next unused universe company, made concrete.
    fn new_company(&mut self, rng: &mut Rng, kind: CompanyKind) -> Result<Company, SynthError> {
        loop {
            if self.universe_next >= UNIVERSE {
                return Err(SynthError::TooLarge {
                    detail: "the fictional world ran out of company names".into(),
                });
            }
            let u = self.universe_next;
            self.universe_next += 1;
            let Some((brand, d)) = universe(u) else {
                continue;
            };
            let weights: Vec<u32> = Country::ALL.iter().map(|c| c.weight()).collect();
            let country = Country::ALL[rng.weighted(&weights)];
            let (descriptor, industry) = DESCRIPTORS[d];
            let suffix = *rng.pick(country.suffixes());
            let tld = *rng.pick(country.tlds());
            let name = if suffix.is_empty() {
                format!("{brand} {descriptor}")
            } else {
                format!("{brand} {descriptor} {suffix}")
            };
            let domain = format!(
                "{}{}.{tld}",
                brand.to_ascii_lowercase(),
                descriptor.to_ascii_lowercase()
            );
            let pattern = rng.weighted(&[60, 20, 10, 10]) as u8;
            return Ok(Company {
                name,
                domain,
                country,
                industry,
                industry_blank: rng.chance(0.06),
                employees: if rng.chance(0.10) { None } else { Some(0) },
                owner: NO_OWNER,
                no_convert: false,
                pattern,
                kind,
                size: 0,
            });
        }
    }
}

/// Takes `n` items from a pool (already in a random order), or says which pool ran dry.
fn take(pool: &mut Vec<u32>, n: u32, what: &str) -> Result<Vec<u32>, SynthError> {
    if pool.len() < n as usize {
        return Err(SynthError::TooSmall {
            detail: format!("{n} records are needed for {what}, only {} fit", pool.len()),
        });
    }
    Ok(pool.split_off(pool.len() - n as usize))
}

/// Indices `0..len` satisfying `keep`, shuffled.
fn pool(rng: &mut Rng, len: usize, keep: impl Fn(usize) -> bool) -> Vec<u32> {
    let mut v: Vec<u32> = (0..len).filter(|&i| keep(i)).map(|i| i as u32).collect();
    rng.shuffle(&mut v);
    v
}

/// Plans one quarter of `n` contacts.
pub(crate) fn plan_quarter(
    q: &'static Quarter,
    n: u32,
    g: &mut Global,
) -> Result<QuarterPlan, SynthError> {
    let t = q.base.scaled(n);
    let scale = f64::from(n) / f64::from(super::targets::BASE_CONTACTS);
    let mut rng = Rng::new(g.seed, &format!("plan-{}", q.key));
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
            let mut c = g.new_company(&mut rng, CompanyKind::Big)?;
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
        let mut c = g.new_company(&mut rng, CompanyKind::SrJr)?;
        c.no_convert = true;
        c.size = 2;
        let ci = companies.len() as u32;
        companies.push(c);
        for jr in [false, true] {
            let country = companies[ci as usize].country;
            let p = new_person(&mut persons, g, ci, country);
            persons[p as usize].name = NameKind::SrJr {
                pair: (i % super::data::SR_JR_NAMES.len() as u32) as u16,
                jr,
            };
        }
    }
    for _ in 0..t.trap_name_only {
        let i = g.name_only_next;
        g.name_only_next += 1;
        for _ in 0..2 {
            let mut c = g.new_company(&mut rng, CompanyKind::NameOnly)?;
            c.no_convert = true;
            c.size = 1;
            let ci = companies.len() as u32;
            let country = c.country;
            companies.push(c);
            let p = new_person(&mut persons, g, ci, country);
            persons[p as usize].name = NameKind::NameOnly {
                pair: (i % super::data::NAME_ONLY_NAMES.len() as u32) as u16,
            };
        }
    }
    let mut switchboard_pairs: Vec<(u32, u32)> = Vec::new();
    for _ in 0..t.trap_switchboard {
        let mut c = g.new_company(&mut rng, CompanyKind::Switchboard)?;
        c.no_convert = true;
        c.size = 2;
        let ci = companies.len() as u32;
        let country = c.country;
        companies.push(c);
        let a = new_person(&mut persons, g, ci, country);
        let b = new_person(&mut persons, g, ci, country);
        switchboard_pairs.push((a, b));
    }
    // --- People with no firmographics at all (scored anyway). ---
    for _ in 0..t.scored_without_firmographics {
        let mut c = g.new_company(&mut rng, CompanyKind::Companyless)?;
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
        let mut c = g.new_company(&mut rng, CompanyKind::Regular)?;
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
    for p in &persons {
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
    let tom_pool = pool(&mut rng, companies.len(), |i| pure[i]);
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
    let mut single = pool(&mut rng, companies.len(), |i| {
        pure[i] && companies[i].size == 1 && !fixed[i]
    });
    for c in take(&mut single, t.unassigned, "unassigned contacts")? {
        companies[c as usize].no_convert = true;
        fixed[c as usize] = true;
    }
    // The enterprise rep: a few of the larger companies (about 3% of records).
    let mut grace_pool = pool(&mut rng, companies.len(), |i| {
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
    let mut split_pool = pool(&mut rng, persons.len(), |i| {
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
    let mut hp = pool(&mut rng, len, |i| recs[i].owner == HANNAH && !assigned[i]);
    for i in take(&mut hp, t.vacation, "leads of the rep on vacation")? {
        recs[i as usize].role = Role::VacationWait;
        assigned[i as usize] = true;
    }
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
    for (_, gp) in &big_grace_recs {
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
    let mut conv_pool = pool(&mut rng, len, |i| {
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
    let mut night = pool(&mut rng, len, |i| !assigned[i]);
    for r in take(&mut night, t.night, "night leads")? {
        recs[r as usize].role = Role::Night;
        assigned[r as usize] = true;
    }
    let mut st = pool(&mut rng, len, |i| !assigned[i] && !is_conv[i]);
    for r in take(&mut st, t.single_touch, "single-touch breaches")? {
        recs[r as usize].role = Role::SingleTouch;
        assigned[r as usize] = true;
    }
    let mut tb = pool(&mut rng, len, |i| !assigned[i]);
    for r in take(&mut tb, t.touch_before_create, "touches before creation")? {
        recs[r as usize].role = Role::TouchBefore;
        assigned[r as usize] = true;
    }
    let mut nv = pool(&mut rng, len, |i| !assigned[i] && !is_conv[i]);
    for r in take(&mut nv, t.never_plain, "never-contacted leads")? {
        recs[r as usize].role = Role::NeverPlain;
        assigned[r as usize] = true;
    }
    for r in take(
        &mut nv,
        t.contacted_without_activity,
        "contacted without activity",
    )? {
        recs[r as usize].role = Role::ContactedNoActivity;
        assigned[r as usize] = true;
    }

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
        let mut p = pool(&mut rng, len, |i| {
            plain[i] && !flagged[i] && industry_of[i] == ind
        });
        for r in take(&mut p, n_flag, "industry label variants")? {
            recs[r as usize].flag = flag;
            flagged[r as usize] = true;
        }
    }
    let mut general = pool(&mut rng, len, |i| plain[i] && !flagged[i]);
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
    let mut sig = pool(&mut rng, len, |i| {
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

    // --- Creation times. ---
    for r in recs.iter_mut() {
        r.created = created_time(q, r, &mut rng);
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

    // --- Deal problems, each on its own deal. ---
    let nd = deals.len();
    let eligible =
        |d: &DealPlan| !d.big && recs[d.rec.expect("linked") as usize].role != Role::WonNoActivity;
    let mut won_pool = pool(&mut rng, nd, |i| {
        eligible(&deals[i]) && deals[i].outcome == Outcome::Won
    });
    let mut lost_pool = pool(&mut rng, nd, |i| {
        eligible(&deals[i]) && deals[i].outcome == Outcome::Lost
    });
    let mut open_pool = pool(&mut rng, nd, |i| {
        eligible(&deals[i]) && deals[i].outcome == Outcome::Open
    });
    for (flag, n_flag) in [
        (DealFlag::Variant(0), t.v_closedwon),
        (DealFlag::Variant(1), t.v_closed_won_space),
        (DealFlag::Variant(2), t.v_won),
        (DealFlag::MissingReason, t.won_missing_reason),
        (DealFlag::NoAmount, t.won_without_amount),
        (DealFlag::OutcomeNotOnLead, t.outcome_not_on_lead),
    ] {
        for d in take(&mut won_pool, n_flag, "won deal problems")? {
            deals[d as usize].flag = flag;
        }
    }
    for (flag, n_flag) in [
        (DealFlag::Variant(3), t.v_closed_lost_lower),
        (DealFlag::Variant(4), t.v_closed_dash_lost),
        (DealFlag::MissingReason, t.lost_missing_reason),
    ] {
        for d in take(&mut lost_pool, n_flag, "lost deal problems")? {
            deals[d as usize].flag = flag;
        }
    }
    let mut closed_pool: Vec<u32> = won_pool.into_iter().chain(lost_pool).collect();
    closed_pool.sort_unstable();
    rng.shuffle(&mut closed_pool);
    for (flag, n_flag) in [
        (DealFlag::MissingOwner, t.closed_missing_owner),
        (DealFlag::CloseBeforeCreated, t.close_before_created),
        (DealFlag::CloseInFuture, t.closed_in_future),
        (DealFlag::NoCloseDate, t.closed_missing_close_date),
    ] {
        for d in take(&mut closed_pool, n_flag, "closed deal problems")? {
            deals[d as usize].flag = flag;
        }
    }
    for d in take(&mut open_pool, t.open_past_close_date, "open deal problems")? {
        deals[d as usize].flag = DealFlag::OpenPastCloseDate;
    }

    // --- Deals whose contact is gone, and activities whose contact is gone. ---
    rng.shuffle(&mut deleted);
    let mut dangling_after = Vec::new();
    for _ in 0..t.deal_without_lead {
        let mut c = g.new_company(&mut rng, CompanyKind::Dangling)?;
        c.owner = *rng.pick(&POOL);
        if c.employees.is_some() {
            c.employees = Some(rng.range(20, 2_000));
        }
        let ci = companies.len() as u32;
        let owner = c.owner;
        companies.push(c);
        let outcome = match rng.weighted(&[30, 50, 20]) {
            0 => Outcome::Won,
            1 => Outcome::Lost,
            _ => Outcome::Open,
        };
        dangling_after.push((rng.below(len as u64) as u32, deals.len() as u32));
        deals.push(DealPlan {
            rec: None,
            dangling_contact: deleted.pop().expect("enough deleted ids"),
            company: ci,
            owner,
            outcome,
            flag: DealFlag::None,
            big: false,
            sf_missing_opp: false,
            sf_mismatch: false,
            sf_no_reason: false,
        });
    }
    dangling_after.sort_unstable();
    let mut orphan_ids = Vec::new();
    let mut orphan_after = Vec::new();
    for _ in 0..t.orphan_activities {
        orphan_ids.push(deleted.pop().expect("enough deleted ids"));
        orphan_after.push(rng.below(len as u64) as u32);
    }
    orphan_after.sort_unstable();

    // --- Salesforce: a fifth of the quarter's contacts were synced. ---
    let mut sf_orphan_opps = 0;
    if q.salesforce {
        for r in recs.iter_mut() {
            r.sf = rng.chance(0.2);
        }
        let mut sf_deals = pool(&mut rng, deals.len(), |i| {
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

    Ok(QuarterPlan {
        q,
        seed: g.seed,
        t,
        companies,
        persons,
        recs,
        deals,
        orphan_ids,
        orphan_after,
        dangling_after,
        sf_orphan_opps,
        scale,
    })
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

/// The industry label of a company as the background data writes it.
pub(crate) fn industry_label(c: &Company) -> &'static str {
    if c.industry_blank {
        ""
    } else {
        INDUSTRIES[c.industry]
    }
}
