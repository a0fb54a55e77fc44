//! Item 5, dedupe and identity: is one buyer one record?
//!
//! Lead and contact records are clustered into people by [`cluster`]:
//!
//! 1. rows with the same record id are one record;
//! 2. records with the same normalised email ([`normalise::email`]) are one person,
//!    unless both carry full names of which neither the first nor the last name matches
//!    (a shared inbox such as info@);
//! 3. records with the same phone in E.164 ([`normalise::phone`], read in the row's
//!    country, else [`Settings::default_region`]) are one person when their names match
//!    (Jaro-Winkler ≥ 0.85 on first names and ≥ 0.90 on last names, Salesforce's
//!    thresholds) and their companies do not contradict each other: a shared switchboard
//!    alone never merges two differently named people;
//! 4. records in the same company (normalised name without legal form) or the same
//!    domain (the website, else a corporate email's registrable domain) are one person
//!    when their names match as above. Name-only matches across companies never merge.
//!
//! A differing generational suffix ("Sr." / "Jr.", "II" / "III") keeps two records apart
//! under every rule, also through a third record (the guard holds per cluster).
//! Every rule compares records only within a block (one email, one phone, one company or
//! domain); blocks larger than [`FULL_BLOCK`] are compared by sorted neighbourhood (each
//! record against the next [`WINDOW`] in name order, sorted by last and by first name),
//! so the work grows with the records, never with their square.
//!
//! Each feature is normalised once per distinct value and interned, so that blocks are
//! groups of equal integers; the pairs of the blocks are compared in parallel and united
//! in the order a single pass would meet them, so the clusters never depend on the
//! threads.
//!
//! Findings:
//!
//! The findings, with what each counts and of what: [`DEFS`].
//!
//! [`Settings::default_region`]: crate::settings::Settings::default_region

use std::collections::HashMap;

use phonenumber::country;
use polars::prelude::*;
use rayon::prelude::*;

use super::normalise::{self, PersonName};
use super::{Context, Def, Finding, FindingsError, Measured, Policy, percent, thousands};
use crate::ingest::Kind;
use features::{Features, Keyed};
use people::People;

const ITEM: u8 = 5;

pub const DUPLICATE_CLUSTERS: Def = Def {
    id: "duplicate_clusters",
    item: ITEM,
    policy: Policy::any(0.05),
    fix: "Merge the duplicate records (largest clusters first), then turn on duplicate matching by normalised email, phone and name within company at entry and import.",
    counts: "records beyond the first of each person (records − clusters: the duplicate rate's numerator)",
    of: "records",
    needs: &[],
};

pub const DUPLICATES_SPLIT_ACROSS_OWNERS: Def = Def {
    id: "duplicates_split_across_owners",
    item: ITEM,
    policy: Policy::any(0.25),
    fix: "Merge each cluster into one record with one owner, and route new records for a known person to that person's existing owner.",
    counts: "people with records owned by two or more reps",
    of: "people with more than one record",
    needs: &[(Kind::Leads, "owner")],
};

/// The item 5 findings, in the order [`findings`] returns them.
pub const DEFS: [Def; 2] = [DUPLICATE_CLUSTERS, DUPLICATES_SPLIT_ACROSS_OWNERS];

/// Blocks up to this size are compared pair by pair.
pub const FULL_BLOCK: usize = 300;
/// In larger blocks, each record is compared with this many neighbours in name order.
pub const WINDOW: usize = 20;

/// How two records were found to be one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    SameId,
    Email,
    PhoneAndName,
    NameInCompany,
}

/// The clustering of the lead records.
#[derive(Debug, Clone, PartialEq)]
pub struct Clusters {
    /// The cluster (person) of each row, numbered from 0 in order of first appearance.
    pub cluster: Vec<u32>,
    /// Unions made by each rule.
    pub links: Vec<(Rule, u64)>,
}

impl Clusters {
    /// How many clusters.
    pub fn count(&self) -> usize {
        self.cluster
            .iter()
            .copied()
            .max()
            .map_or(0, |m| m as usize + 1)
    }
}

/// Union-find whose clusters carry a generational suffix: two clusters with differing
/// suffixes never unite.
struct Dsu {
    parent: Vec<u32>,
    generation: Vec<Option<normalise::Generation>>,
}

impl Dsu {
    fn new(gens: Vec<Option<normalise::Generation>>) -> Self {
        Dsu {
            parent: (0..gens.len() as u32).collect(),
            generation: gens,
        }
    }

    fn find(&mut self, mut i: u32) -> u32 {
        while self.parent[i as usize] != i {
            let p = self.parent[i as usize];
            self.parent[i as usize] = self.parent[p as usize];
            i = p;
        }
        i
    }

    /// Unites the clusters of `a` and `b` unless their suffixes differ (or `force`).
    /// True when they are (now) one cluster.
    fn union(&mut self, a: u32, b: u32, force: bool) -> Option<bool> {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return Some(false);
        }
        let (ga, gb) = (self.generation[ra as usize], self.generation[rb as usize]);
        if !force && ga.is_some() && gb.is_some() && ga != gb {
            return None;
        }
        self.parent[ra as usize] = rb;
        self.generation[rb as usize] = gb.or(ga);
        Some(true)
    }
}

/// A text column in one chunk.
fn text_column(df: &DataFrame, name: &str) -> Option<StringChunked> {
    let c = df.column(name).ok()?.str().ok()?;
    Some(c.rechunk().into_owned())
}

/// Clusters the rows of a leads table into people (see the module documentation).
/// Returns a cluster id per row.
pub fn cluster(leads: &DataFrame, default_region: &str) -> Result<Clusters, FindingsError> {
    let default = normalise::region(default_region)
        .ok_or_else(|| FindingsError::Region(default_region.to_owned()))?;
    let placeholders: Vec<String> = crate::settings::Settings::default().placeholders;
    cluster_with(leads, default, &placeholders)
}

fn cluster_with(
    leads: &DataFrame,
    default: country::Id,
    placeholders: &[String],
) -> Result<Clusters, FindingsError> {
    let n = leads.height();
    let (f, same_id) = rayon::join(
        || features::features(leads, default, placeholders),
        || same_id_pairs(leads),
    );
    let mut dsu = Dsu::new(
        (0..n as u32)
            .map(|i| f.name(i).and_then(|n| n.generation))
            .collect(),
    );
    let mut links: HashMap<Rule, u64> = HashMap::new();
    let mut record = |dsu: &mut Dsu, a: u32, b: u32, rule: Rule, force: bool| -> bool {
        match dsu.union(a, b, force) {
            Some(true) => {
                *links.entry(rule).or_default() += 1;
                true
            }
            Some(false) => true,
            None => false,
        }
    };

    // 1. Same record id.
    for (i, j) in same_id {
        record(&mut dsu, i, j, Rule::SameId, true);
    }

    // 2. Same email, names compatible.
    for block in blocks(&f.email) {
        for (k, &i) in block.iter().enumerate().skip(1) {
            for &j in block[..k].iter().take(50) {
                let ok = match (f.name(i), f.name(j)) {
                    (Some(a), Some(b)) => normalise::names_compatible(a, b),
                    _ => true,
                };
                if ok && record(&mut dsu, i, j, Rule::Email, false) {
                    break;
                }
            }
        }
    }

    // 3. Same phone, matching names, companies not contradicting. The pairs are found
    // in parallel and united in the order they would be met one by one.
    let pairs = matching_pairs(&blocks(&f.phone), &f, &|memo, a, b| {
        companies_agree(&f, a, b) && names_match(memo, f.name(a), f.name(b))
    });
    for (a, b) in pairs {
        record(&mut dsu, a, b, Rule::PhoneAndName, false);
    }

    // 4. Matching names within a company or a domain.
    for keyed in [&f.company, &f.domain] {
        let pairs = matching_pairs(&blocks(keyed), &f, &|memo, a, b| {
            names_match(memo, f.name(a), f.name(b))
        });
        for (a, b) in pairs {
            record(&mut dsu, a, b, Rule::NameInCompany, false);
        }
    }

    // Number the clusters in order of first appearance.
    let mut number = vec![u32::MAX; n];
    let mut next = 0;
    let mut cluster = Vec::with_capacity(n);
    for i in 0..n as u32 {
        let r = dsu.find(i) as usize;
        if number[r] == u32::MAX {
            number[r] = next;
            next += 1;
        }
        cluster.push(number[r]);
    }
    let mut links: Vec<(Rule, u64)> = links.into_iter().collect();
    links.sort_by_key(|(r, _)| *r as u8);
    Ok(Clusters { cluster, links })
}

/// Each row whose record id an earlier row has, with the first such row.
fn same_id_pairs(leads: &DataFrame) -> Vec<(u32, u32)> {
    let mut pairs = Vec::new();
    if let Some(ids) = leads.column("id").ok().and_then(|c| c.str().ok()) {
        let mut first_row: PlHashMap<&str, u32> = PlHashMap::with_capacity(ids.len());
        for (i, v) in ids.iter().enumerate() {
            if let Some(v) = v {
                match first_row.get(v) {
                    Some(&j) => pairs.push((i as u32, j)),
                    None => {
                        first_row.insert(v, i as u32);
                    }
                }
            }
        }
    }
    pairs
}

/// Companies agree unless both records name a company, the names differ and their
/// domains do not match either.
fn companies_agree(f: &Features, a: u32, b: u32) -> bool {
    let (a, b) = (a as usize, b as usize);
    match (f.company.row[a], f.company.row[b]) {
        (Some(x), Some(y)) if x != y => {
            matches!((f.domain.row[a], f.domain.row[b]), (Some(p), Some(q)) if p == q)
        }
        _ => true,
    }
}

/// Rows sharing a key, for keys shared by two or more rows (rows in order; blocks in
/// order of their first row).
fn blocks(keyed: &Keyed) -> Vec<Vec<u32>> {
    let mut count = vec![0u32; keyed.distinct];
    for &k in keyed.row.iter().flatten() {
        count[k as usize] += 1;
    }
    let mut slot = vec![u32::MAX; keyed.distinct];
    let mut out: Vec<Vec<u32>> = Vec::new();
    for (i, k) in keyed.row.iter().enumerate() {
        let Some(k) = *k else { continue };
        let k = k as usize;
        if count[k] < 2 {
            continue;
        }
        if slot[k] == u32::MAX {
            slot[k] = out.len() as u32;
            out.push(Vec::with_capacity(count[k] as usize));
        }
        out[slot[k] as usize].push(i as u32);
    }
    out
}

/// Answers of [`normalise::similar`] for pairs of names, with the threshold's bits.
type Memo<'n> = PlHashMap<(&'n str, &'n str, u64), bool>;

/// A memo holds at most this many answers; then it starts again.
const MEMO: usize = 1 << 20;

/// [`normalise::names_match`] of two names (`false` without both), remembering how
/// alike the first and the last names are: a few thousand names recur in many pairs.
fn names_match<'n>(
    memo: &mut Memo<'n>,
    a: Option<&'n PersonName>,
    b: Option<&'n PersonName>,
) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return false;
    };
    normalise::names_match_by(a, b, |x, y, t| {
        if memo.len() >= MEMO {
            memo.clear();
        }
        *memo
            .entry((x, y, t.to_bits()))
            .or_insert_with(|| normalise::similar(x, y, t))
    })
}

/// The pairs of the blocks worth comparing ([`compare_block`]) that `matches`, in the
/// order of the blocks and of [`compare_block`] within each; the blocks are compared in
/// parallel, each thread with its memo.
fn matching_pairs<'n>(
    blocks: &[Vec<u32>],
    f: &'n Features,
    matches: &(dyn Fn(&mut Memo<'n>, u32, u32) -> bool + Sync),
) -> Vec<(u32, u32)> {
    let found: Vec<Vec<(u32, u32)>> = blocks
        .par_iter()
        .map_init(Memo::default, |memo, block| {
            let mut out = Vec::new();
            compare_block(block, f, &mut |a, b| {
                if matches(memo, a, b) {
                    out.push((a, b));
                }
            });
            out
        })
        .collect();
    found.into_iter().flatten().collect()
}

/// Calls `pair` for the pairs of a block worth comparing: every pair of a small block,
/// sorted neighbourhoods in a large one.
fn compare_block(block: &[u32], f: &Features, pair: &mut dyn FnMut(u32, u32)) {
    let named: Vec<u32> = block
        .iter()
        .copied()
        .filter(|&i| f.name(i).is_some_and(PersonName::is_full))
        .collect();
    if named.len() <= FULL_BLOCK {
        for (k, &a) in named.iter().enumerate() {
            for &b in &named[k + 1..] {
                pair(a, b);
            }
        }
        return;
    }
    let name = |i: u32| f.name(i).expect("named");
    for by_last in [true, false] {
        let mut sorted = named.clone();
        sorted.sort_by(|&a, &b| {
            let (x, y) = (name(a), name(b));
            if by_last {
                (&x.last, &x.first).cmp(&(&y.last, &y.first))
            } else {
                (&x.first, &x.last).cmp(&(&y.first, &y.last))
            }
        });
        for (k, &a) in sorted.iter().enumerate() {
            for &b in sorted[k + 1..].iter().take(WINDOW) {
                pair(a, b);
            }
        }
    }
}

/// Pairwise agreement of a clustering with the truth: of the record pairs put in one
/// cluster, the share that are one person (precision), and of the pairs that are one
/// person, the share put in one cluster (recall).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairScores {
    pub predicted_pairs: u64,
    pub true_pairs: u64,
    pub correct_pairs: u64,
    pub precision: f64,
    pub recall: f64,
}

/// Scores `predicted` against `truth` (one label per record each).
pub fn pair_scores<P, T>(predicted: &[P], truth: &[T]) -> PairScores
where
    P: std::hash::Hash + Eq,
    T: std::hash::Hash + Eq,
{
    fn pairs(n: u64) -> u64 {
        n * n.saturating_sub(1) / 2
    }
    let mut by_p: HashMap<&P, u64> = HashMap::new();
    let mut by_t: HashMap<&T, u64> = HashMap::new();
    let mut by_both: HashMap<(&P, &T), u64> = HashMap::new();
    for (p, t) in predicted.iter().zip(truth) {
        *by_p.entry(p).or_default() += 1;
        *by_t.entry(t).or_default() += 1;
        *by_both.entry((p, t)).or_default() += 1;
    }
    let predicted_pairs: u64 = by_p.values().map(|&n| pairs(n)).sum();
    let true_pairs: u64 = by_t.values().map(|&n| pairs(n)).sum();
    let correct_pairs: u64 = by_both.values().map(|&n| pairs(n)).sum();
    let ratio = |a: u64, b: u64| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    PairScores {
        predicted_pairs,
        true_pairs,
        correct_pairs,
        precision: ratio(correct_pairs, predicted_pairs),
        recall: ratio(correct_pairs, true_pairs),
    }
}

/// The item 5 findings.
pub fn findings(ctx: &Context) -> Result<Vec<Finding>, FindingsError> {
    let Some(leads) = ctx.tables.leads.as_ref() else {
        let why = "no leads or contacts file was given";
        return Ok(vec![
            DUPLICATE_CLUSTERS.not_assessed(why),
            DUPLICATES_SPLIT_ACROSS_OWNERS.not_assessed(why),
        ]);
    };
    let identity_columns = ["email", "phone", "first_name", "last_name", "full_name"];
    let any_identity = identity_columns
        .iter()
        .any(|c| leads.column(c).is_ok_and(|c| c.null_count() < c.len()));
    if !any_identity || leads.height() == 0 {
        let why = "the leads carry no email, phone or name to tell people apart";
        return Ok(vec![
            DUPLICATE_CLUSTERS.not_assessed(why),
            DUPLICATES_SPLIT_ACROSS_OWNERS.not_assessed(why),
        ]);
    }
    let default = normalise::region(&ctx.settings.default_region)
        .ok_or_else(|| FindingsError::Region(ctx.settings.default_region.clone()))?;
    let clusters = cluster_with(leads, default, &ctx.settings.placeholders)?;
    let people = People::of(leads, &clusters, &ctx.settings.placeholders);
    let records = people.records() as u64;
    let clusters_n = people.count() as u64;
    let dups = people.with_duplicates();
    let examples_of = |ps: &[u32]| -> Vec<String> {
        ps.iter()
            .flat_map(|&p| people.records_of(p))
            .take(super::MAX_EXAMPLES)
            .collect()
    };
    let surplus = records - clusters_n;
    let largest = dups.first().map_or(0, |&p| people.len(p));
    let rule_name = |r: Rule| match r {
        Rule::SameId => "the same record id",
        Rule::Email => "the same email",
        Rule::PhoneAndName => "the same phone and name",
        Rule::NameInCompany => "the same name within a company or domain",
    };
    let links: Vec<String> = clusters
        .links
        .iter()
        .filter(|(r, _)| *r != Rule::SameId)
        .map(|(r, n)| format!("{} by {}", thousands(*n), rule_name(*r)))
        .collect();
    let shown: Vec<String> = dups
        .iter()
        .take(5)
        .map(|&p| {
            let records: Vec<String> = people.records_of(p).collect();
            format!("{} ({} records)", records.join(" = "), records.len())
        })
        .collect();
    let duplicate = DUPLICATE_CLUSTERS.finding(
         if surplus == 0 {
            format!(
                "No duplicates: each of the {} lead records is a different person.",
                thousands(records)
            )
        } else {
            format!(
                "{} of {} lead records are duplicates (duplicate rate {}): {} people have more than one record, up to {largest}.",
                thousands(surplus),
                thousands(records),
                percent(surplus, records),
                thousands(dups.len() as u64)
            )
        },
        format!(
            "Duplicate rate = (records − people) / records: {} records, {} people.{}{}",
            thousands(records),
            thousands(clusters_n),
            if links.is_empty() {
                String::new()
            } else {
                format!(" Links found: {}.", links.join(", "))
            },
            if shown.is_empty() {
                String::new()
            } else {
                format!("\nLargest clusters:\n{}", shown.join("\n"))
            }
        ),
        Measured {
            count: surplus,
            of: records,
            examples: examples_of(&dups),
        },
    );
    let split: Vec<u32> = dups.iter().copied().filter(|&p| people.split(p)).collect();
    let (n_split, n_dup) = (split.len() as u64, dups.len() as u64);
    // No people with duplicates (`of` 0): `info`, as the policy says.
    let split_finding = DUPLICATES_SPLIT_ACROSS_OWNERS.finding(
        if n_split == 0 {
            format!(
                "No person with duplicate records is split across reps (0 of {}).",
                thousands(n_dup)
            )
        } else {
            format!(
                "{} of {} people with duplicate records ({}) are owned by two or more reps: two reps, one person.",
                thousands(n_split),
                thousands(n_dup),
                percent(n_split, n_dup)
            )
        },
        "Owners are compared ignoring case; records without an owner do not count as a second rep.".to_owned(),
        Measured {
            count: n_split,
            of: n_dup,
            examples: examples_of(&split),
        },
    );
    Ok(vec![duplicate, split_finding])
}

mod features;
mod people;
#[cfg(test)]
mod tests;
