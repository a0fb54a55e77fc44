//! The identity features of the lead records (email, phone, name, company, domain), each
//! normalised once per distinct value and interned, so that the rules group and compare
//! small integers instead of strings.

use std::collections::HashMap;
use std::hash::Hash;

use phonenumber::country;
use polars::prelude::*;
use rayon::prelude::*;

use super::super::enrichment::Placeholders;
use super::super::normalise::{self, PersonName};
use super::text_column;

/// A row's key for one feature: equal ids are equal normal forms.
pub(super) type Key = Option<u32>;

/// The features of every row, as interned keys.
pub(super) struct Features {
    pub email: Keyed,
    pub phone: Keyed,
    pub company: Keyed,
    /// The website's registrable domain, else the corporate email's.
    pub domain: Keyed,
    /// Each row's name, an index into `names`.
    pub name: Vec<Key>,
    /// The distinct names.
    pub names: Vec<PersonName>,
}

/// One feature's key per row, and how many distinct keys there are (ids run below it).
pub(super) struct Keyed {
    pub row: Vec<Key>,
    pub distinct: usize,
}

impl Features {
    /// The name of row `i`.
    pub fn name(&self, i: u32) -> Option<&PersonName> {
        self.name[i as usize].map(|n| &self.names[n as usize])
    }
}

/// The text columns identity reads, each in one chunk.
struct Columns {
    email: Option<StringChunked>,
    phone: Option<StringChunked>,
    first: Option<StringChunked>,
    last: Option<StringChunked>,
    full: Option<StringChunked>,
    company: Option<StringChunked>,
    domain: Option<StringChunked>,
    country: Option<StringChunked>,
}

fn get(c: &Option<StringChunked>, i: usize) -> Option<&str> {
    c.as_ref().and_then(|c| c.get(i))
}

/// Reads and normalises the features of the rows of `leads`; phones without a country
/// code are read in the row's country, else in `default`.
pub(super) fn features(
    leads: &DataFrame,
    default: country::Id,
    placeholders: &[String],
) -> Features {
    let n = leads.height();
    let c = Columns {
        email: text_column(leads, "email"),
        phone: text_column(leads, "phone"),
        first: text_column(leads, "first_name"),
        last: text_column(leads, "last_name"),
        full: text_column(leads, "full_name"),
        company: text_column(leads, "company"),
        domain: text_column(leads, "domain"),
        country: text_column(leads, "country"),
    };
    let placeholders = Placeholders::new(placeholders);
    let real = |v: &str| !placeholders.matches(v);
    let ((email, phone), ((company, domain), (name, names))) = rayon::join(
        || rayon::join(|| emails(&c, n, &real), || phones(&c, n, default, &real)),
        || {
            rayon::join(
                || {
                    rayon::join(
                        || {
                            interned(
                                n,
                                |i| get(&c.company, i),
                                |v| Some(v).filter(|v| real(v)).and_then(normalise::company),
                            )
                        },
                        || {
                            distinct_keys(
                                n,
                                |i| get(&c.domain, i),
                                |v| Some(v).filter(|v| real(v)).and_then(normalise::domain),
                            )
                        },
                    )
                },
                || people(&c, n, &real),
            )
        },
    );
    let (email, mail) = email;
    // One numbering for both sources of a domain: the website, else the email's.
    let mut ids = Interner::default();
    let (website_rows, website_keys) = domain;
    let website = ids.intern(website_keys);
    let (mail_rows, mail_keys) = mail;
    let mail = ids.intern(mail_keys);
    let domain = Keyed {
        row: website_rows
            .iter()
            .zip(&mail_rows)
            .map(|(w, m)| {
                w.and_then(|w| website[w as usize])
                    .or_else(|| m.and_then(|m| mail[m as usize]))
            })
            .collect(),
        distinct: ids.len(),
    };
    Features {
        email,
        phone,
        company,
        domain,
        name,
        names,
    }
}

/// Emails, and the index of each row's email domain part among the distinct parts with
/// their corporate domains (free mail: `None`). Addresses are nearly all distinct, so
/// each row's is read where it stands; the domain parts are read once each.
#[allow(clippy::type_complexity)]
fn emails(
    c: &Columns,
    n: usize,
    real: &(dyn Fn(&str) -> bool + Sync),
) -> (Keyed, (Vec<Key>, Vec<Option<String>>)) {
    let (raw, keys): (Vec<Option<&str>>, Vec<Option<String>>) = (0..n)
        .into_par_iter()
        .map(|i| {
            let raw = get(&c.email, i).filter(|v| real(v));
            (raw, raw.and_then(normalise::email))
        })
        .unzip();
    let mut ids = Interner::default();
    let email = Keyed {
        row: ids.intern(keys.iter().map(Option::as_deref)),
        distinct: ids.len(),
    };
    let mail = distinct_keys(
        n,
        |i| raw[i].and_then(normalise::email_domain_part),
        |part| {
            normalise::mail_host(part)
                .filter(|d| !normalise::is_free_mail(d))
                .and_then(|d| normalise::domain(&d))
        },
    );
    (email, mail)
}

/// Phones in E.164, each distinct spelling read once per region.
fn phones(
    c: &Columns,
    n: usize,
    default: country::Id,
    real: &(dyn Fn(&str) -> bool + Sync),
) -> Keyed {
    // Regions of the countries present.
    let mut regions: HashMap<&str, country::Id> = HashMap::new();
    if let Some(col) = &c.country {
        for v in col.iter().flatten() {
            if !regions.contains_key(v)
                && let Some(r) = normalise::region_of_country(v)
            {
                regions.insert(v, r);
            }
        }
    }
    interned(
        n,
        |i| {
            let p = get(&c.phone, i)?;
            let region = get(&c.country, i)
                .and_then(|v| regions.get(v).copied())
                .unwrap_or(default);
            Some((p, region))
        },
        |(p, region)| {
            Some(p)
                .filter(|p| real(p))
                .and_then(|p| normalise::phone(p, region))
        },
    )
}

/// Names, each distinct (first, last, full) read once.
fn people(
    c: &Columns,
    n: usize,
    real: &(dyn Fn(&str) -> bool + Sync),
) -> (Vec<Key>, Vec<PersonName>) {
    let (values, rows) = distinct(n, |i| {
        Some((get(&c.first, i), get(&c.last, i), get(&c.full, i)))
    });
    let keys: Vec<Option<PersonName>> = values
        .par_iter()
        .map(|&(f, l, full)| {
            normalise::person_name(
                f.filter(|v| real(v)),
                l.filter(|v| real(v)),
                full.filter(|v| real(v)),
            )
        })
        .collect();
    let mut ids: Interner<PersonName> = Interner::default();
    let name_ids = ids.intern(keys);
    let mut names: Vec<(u32, PersonName)> = ids.0.into_iter().map(|(k, v)| (v, k)).collect();
    names.sort_unstable_by_key(|(id, _)| *id);
    let row = rows
        .iter()
        .map(|v| v.and_then(|v| name_ids[v as usize]))
        .collect();
    (row, names.into_iter().map(|(_, k)| k).collect())
}

/// The distinct values of `value` over the rows, in order of first appearance, and the
/// index of each row's value among them.
fn distinct<K: Hash + Eq + Copy>(
    n: usize,
    value: impl Fn(usize) -> Option<K>,
) -> (Vec<K>, Vec<Key>) {
    let mut index: PlHashMap<K, u32> = PlHashMap::new();
    let mut values = Vec::new();
    let rows = (0..n)
        .map(|i| {
            let v = value(i)?;
            Some(*index.entry(v).or_insert_with(|| {
                values.push(v);
                values.len() as u32 - 1
            }))
        })
        .collect();
    (values, rows)
}

/// The index of each row's value among the distinct values, and the key of each distinct
/// value (`key` runs once per distinct value, in parallel).
fn distinct_keys<K: Hash + Eq + Copy + Sync>(
    n: usize,
    value: impl Fn(usize) -> Option<K>,
    key: impl Fn(K) -> Option<String> + Sync,
) -> (Vec<Key>, Vec<Option<String>>) {
    let (values, rows) = distinct(n, value);
    let keys = values.par_iter().map(|&v| key(v)).collect();
    (rows, keys)
}

/// Each row's interned key.
fn interned<K: Hash + Eq + Copy + Sync>(
    n: usize,
    value: impl Fn(usize) -> Option<K>,
    key: impl Fn(K) -> Option<String> + Sync,
) -> Keyed {
    let (rows, keys) = distinct_keys(n, value, key);
    let mut ids = Interner::default();
    let key_ids = ids.intern(keys);
    Keyed {
        row: rows
            .iter()
            .map(|v| v.and_then(|v| key_ids[v as usize]))
            .collect(),
        distinct: ids.len(),
    }
}

/// Numbers keys: equal keys, equal numbers.
struct Interner<T = String>(PlHashMap<T, u32>);

impl<T> Default for Interner<T> {
    fn default() -> Self {
        Interner(PlHashMap::new())
    }
}

impl<T: Hash + Eq> Interner<T> {
    fn intern(&mut self, keys: impl IntoIterator<Item = Option<T>>) -> Vec<Key> {
        keys.into_iter()
            .map(|k| {
                let next = self.0.len() as u32;
                Some(*self.0.entry(k?).or_insert(next))
            })
            .collect()
    }

    fn len(&self) -> usize {
        self.0.len()
    }
}
