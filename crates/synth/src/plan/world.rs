//! The fictional world the quarters share: people and companies (with their names, titles,
//! phone numbers and email domains), the universe of company names, and the state carried
//! from one quarter to the next.

use crate::SynthError;
use crate::data::{
    BRAND_A, BRAND_B, Country, DESCRIPTORS, FIRST_NAMES, INDUSTRIES, LAST_NAMES, NO_OWNER, TITLES,
    TITLES_DE, TITLES_FR,
};
use crate::phone;
use crate::rng::Rng;

use super::record::Form;

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
    pub(super) fn forms(self) -> &'static [Form] {
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

/// State carried from one quarter to the next.
#[derive(Debug)]
pub(crate) struct Global {
    pub(crate) seed: u64,
    pub(super) next_person: u32,
    pub(super) k_next: [u32; 6],
    universe_next: u32,
    pub(super) next_contact_id: u64,
    /// Northwind's people: a reserved block of US `k`s.
    pub(super) big_k_next: u32,
    /// Next names for the false-merge traps (so each trap name is used once, until they
    /// run out at scale).
    pub(super) sr_jr_next: u32,
    pub(super) name_only_next: u32,
}

/// US `k`s reserved for the big account's people across both quarters.
pub(super) const BIG_K_RESERVED: u32 = 180;

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
    pub(super) fn new_company(
        &mut self,
        rng: &mut Rng,
        kind: CompanyKind,
    ) -> Result<Company, SynthError> {
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

/// The industry label of a company as the background data writes it.
pub(crate) fn industry_label(c: &Company) -> &'static str {
    if c.industry_blank {
        ""
    } else {
        INDUSTRIES[c.industry]
    }
}
