//! Recognition: which kind of file this is, which CRM exported it, and which column
//! holds which canonical field.
//!
//! The evidence, strongest first:
//! - a header that is one of a field's known names ([`super::fields`]), compared by
//!   [`header_key`] (case, spacing and punctuation do not matter);
//! - the words of a header ([`words`]: snake_case, camelCase and "Space Case" alike)
//!   matched by rules: `origin`, `channel`, `utm_source` are a source, `*_date` and
//!   `*_at` are dates (`first_contact_date` a creation date, `won_date` a close date
//!   that says the deal was won), `mql_id` in a deals file is the lead it came from;
//! - the file name (`leads`, `mql`, `contacts`, `deals`, `opportunities`, ...);
//! - the content ([`ColumnFacts`]): a column of unique ids is the record id.
//!
//! Every mapping that is not a known name is a guess, and says so ([`ColumnGuess`]),
//! and the kind comes with a confidence (0 to 100, see [`Band`]).

mod facts;
mod source;
mod words;

use polars::prelude::*;
use serde::{Deserialize, Serialize};

use super::fields::{Kind, header_key};
pub use facts::{ColumnFacts, content_facts};
pub use source::detect_source;
pub use words::words;
use words::*;

/// The CRM (or other tool) a file was exported from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Hubspot,
    Salesforce,
    Pipedrive,
    Zoho,
    Generic,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Hubspot => "hubspot",
            Source::Salesforce => "salesforce",
            Source::Pipedrive => "pipedrive",
            Source::Zoho => "zoho",
            Source::Generic => "generic",
        }
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How sure a recognition is, in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    /// Below 50: check it before trusting the audit.
    Low,
    /// 50 to 79: likely right; the guesses are listed.
    Medium,
    /// 80 and above.
    High,
}

impl Band {
    pub fn of(confidence: u8) -> Band {
        match confidence {
            80.. => Band::High,
            50..=79 => Band::Medium,
            _ => Band::Low,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Band::Low => "low",
            Band::Medium => "medium",
            Band::High => "high",
        }
    }
}

/// A column given a field by something other than its known header name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnGuess {
    /// The column's position.
    pub index: usize,
    pub field: &'static str,
    /// Why, in words ("its words say a date of first contact").
    pub why: String,
}

/// A constant the recognition supplies (e.g. `outcome = "won"` for a file of won deals).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConstantGuess {
    pub field: &'static str,
    pub value: String,
    pub why: String,
}

/// What the headers, the file name and the content say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recognition {
    pub kind: Option<Kind>,
    pub source: Source,
    /// The canonical field of each column, by position.
    pub columns: Vec<Option<&'static str>>,
    /// Why the file is not used, when `kind` is `None`.
    pub reason: Option<String>,
    /// A kind the file resembles but whose required fields are missing.
    pub incomplete: Option<(Kind, Vec<&'static str>)>,
    /// How sure the kind is (0 to 100); when `kind` is `None`, how sure the best guess
    /// ([`Recognition::guess`]) is.
    pub confidence: u8,
    /// The columns mapped by a guess, not by a known header name.
    pub guesses: Vec<ColumnGuess>,
    /// Constants implied by the file (the mapping file's constants win).
    pub constants: Vec<ConstantGuess>,
    /// What the file name and the content said, in words.
    pub notes: Vec<String>,
    /// The best kind when none was recognised: the incomplete kind, else the kind with
    /// the most evidence.
    pub best: Option<Kind>,
}

impl Recognition {
    /// The kind, or the best guess at it.
    pub fn guess(&self) -> Option<Kind> {
        self.kind
            .or(self.incomplete.as_ref().map(|i| i.0))
            .or(self.best)
    }

    pub fn band(&self) -> Band {
        Band::of(self.confidence)
    }
}

/// Assigns columns to the fields of `kind` by known header names only: each column to
/// at most one field, each field to at most one column, best-ranked synonyms first, then
/// leftmost columns. Returns the assignment and its weight.
pub fn map_columns(kind: Kind, keys: &[String]) -> (Vec<Option<&'static str>>, u32) {
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new(); // rank, field, column
    for (fi, spec) in kind.fields().iter().enumerate() {
        for (ci, key) in keys.iter().enumerate() {
            if let Some(rank) = spec.synonyms.iter().position(|s| s == key) {
                candidates.push((rank, fi, ci));
            }
        }
    }
    candidates.sort_unstable();
    let mut columns = vec![None; keys.len()];
    let mut taken = vec![false; kind.fields().len()];
    let mut weight = 0;
    for (_, fi, ci) in candidates {
        if taken[fi] || columns[ci].is_some() {
            continue;
        }
        taken[fi] = true;
        let spec = &kind.fields()[fi];
        columns[ci] = Some(spec.name);
        weight += spec.weight;
    }
    (columns, weight)
}

/// The required fields of `kind` that `columns` does not provide.
pub fn missing_required(kind: Kind, columns: &[Option<&'static str>]) -> Vec<&'static str> {
    kind.required()
        .iter()
        .filter(|alts| !alts.iter().any(|f| columns.contains(&Some(*f))))
        .map(|alts| alts[0])
        .collect()
}

/// Evidence below which a file that lacks a kind's required fields is simply not an
/// export of that kind (rather than an incomplete one).
const INCOMPLETE_THRESHOLD: u32 = 6;

/// Evidence from the headers above which a file whose name says its kind, but which
/// lacks that kind's required fields, is an incomplete file of that kind.
const NAMED_INCOMPLETE_THRESHOLD: u32 = 3;

/// What the file name adds to the evidence of the kind it names.
const NAME_BONUS: u32 = 5;

/// A won date must be filled in this share of the records to say every deal was won.
const WON_DATE_FILLED: f64 = 0.95;

/// One kind's reading of the columns.
#[derive(Debug, Clone)]
pub struct Reading {
    pub kind: Kind,
    pub columns: Vec<Option<&'static str>>,
    pub guesses: Vec<ColumnGuess>,
    pub constants: Vec<ConstantGuess>,
    /// Weight of the fields found by known header names.
    pub exact: u32,
    /// Weight of the fields found by guesses.
    pub guessed: u32,
    /// Required fields not provided.
    pub missing: Vec<&'static str>,
}

/// Reads the columns as `kind`: known header names first, then the words of the headers,
/// then the content (`facts`, by column; empty when there is none).
pub fn read_as(kind: Kind, headers: &[String], facts: &[Option<ColumnFacts>]) -> Reading {
    let all: Vec<Vec<String>> = headers.iter().map(|h| words(h)).collect();
    read_with_words(kind, headers, &all, facts)
}

/// [`read_as`], with the [`words`] of each header given.
fn read_with_words(
    kind: Kind,
    headers: &[String],
    all_words: &[Vec<String>],
    facts: &[Option<ColumnFacts>],
) -> Reading {
    let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
    // (rank, field, column, why): known names rank by synonym, guesses after them.
    let mut candidates: Vec<(usize, usize, usize, Option<&'static str>)> = Vec::new();
    for (fi, spec) in kind.fields().iter().enumerate() {
        for (ci, key) in keys.iter().enumerate() {
            if let Some(rank) = spec.synonyms.iter().position(|s| s == key) {
                candidates.push((rank, fi, ci, None));
            }
        }
    }
    for (ci, header) in headers.iter().enumerate() {
        for (field, strength, why) in word_rules(kind, header, &all_words[ci]) {
            let Some(fi) = kind.fields().iter().position(|f| f.name == field) else {
                continue;
            };
            let rank = match strength {
                Strength::Strong => 1000,
                Strength::Weak => 2000,
            };
            candidates.push((rank, fi, ci, Some(why)));
        }
    }
    candidates.sort_unstable_by_key(|&(rank, fi, ci, _)| (rank, fi, ci));
    let mut columns = vec![None; headers.len()];
    let mut taken = vec![false; kind.fields().len()];
    let mut guesses = Vec::new();
    let (mut exact, mut guessed) = (0, 0);
    for (rank, fi, ci, why) in candidates {
        if taken[fi] || columns[ci].is_some() {
            continue;
        }
        taken[fi] = true;
        let spec = &kind.fields()[fi];
        columns[ci] = Some(spec.name);
        match why {
            None => exact += spec.weight,
            Some(why) => {
                if rank < 2000 {
                    guessed += (spec.weight * 2).div_ceil(3);
                }
                guesses.push(ColumnGuess {
                    index: ci,
                    field: spec.name,
                    why: format!("its name reads as {why}"),
                });
            }
        }
    }
    // The content: a column of unique ids is the record id.
    if matches!(kind, Kind::Leads | Kind::Deals) && !columns.contains(&Some("id")) {
        let unique = (0..headers.len()).find(|&i| {
            columns[i].is_none() && facts.get(i).copied().flatten().is_some_and(|f| f.unique())
        });
        if let Some(i) = unique {
            let f = facts[i].expect("facts of a unique column");
            columns[i] = Some("id");
            guessed += 1;
            guesses.push(ColumnGuess {
                index: i,
                field: "id",
                why: format!(
                    "its {} values are all different: a column of unique ids",
                    f.filled
                ),
            });
        }
    }
    // A won date says the deal was won.
    let mut constants = Vec::new();
    if kind == Kind::Deals
        && !["stage", "outcome", "is_won"]
            .iter()
            .any(|f| columns.contains(&Some(*f)))
        && let Some(i) = columns.iter().position(|c| *c == Some("close_date"))
        && all_words[i].iter().any(|w| w == "won")
    {
        match facts.get(i).copied().flatten() {
            Some(f) if (f.filled as f64) < f.rows as f64 * WON_DATE_FILLED => {}
            filled => {
                let share = filled
                    .map(|f| format!(", filled in {} of {} records", f.filled, f.rows))
                    .unwrap_or_default();
                constants.push(ConstantGuess {
                    field: "outcome",
                    value: "won".to_owned(),
                    why: format!(
                        "the file has a won date (\"{}\"{share}) and no stage or status, so every deal in it was won",
                        headers[i]
                    ),
                });
            }
        }
    }
    let mut provided = columns.clone();
    provided.extend(constants.iter().map(|c| Some(c.field)));
    let missing = missing_required(kind, &provided);
    Reading {
        kind,
        columns,
        guesses,
        constants,
        exact,
        guessed,
        missing,
    }
}

/// Recognises a file from its headers alone.
pub fn recognise(headers: &[String]) -> Recognition {
    recognise_file("", headers, &[])
}

/// Recognises the file named `file` from its headers, its name, and what is known of
/// its content (`facts`, by column, from [`content_facts`]; empty for none).
pub fn recognise_file(
    file: &str,
    headers: &[String],
    facts: &[Option<ColumnFacts>],
) -> Recognition {
    let source = detect_source(headers);
    let named = kind_of_name(file);
    let bonus = |k: Kind| if named == Some(k) { NAME_BONUS } else { 0 };
    let all_words: Vec<Vec<String>> = headers.iter().map(|h| words(h)).collect();
    let readings: Vec<Reading> = Kind::ALL
        .into_iter()
        .map(|k| read_with_words(k, headers, &all_words, facts))
        .collect();
    let score = |r: &Reading| r.exact + r.guessed + bonus(r.kind);
    let mut best: Option<&Reading> = None;
    let mut best_incomplete: Option<&Reading> = None;
    for r in &readings {
        if r.missing.is_empty() {
            if r.exact + r.guessed > 0 && best.is_none_or(|b| score(r) > score(b)) {
                best = Some(r);
            }
        } else if (r.exact + r.guessed >= INCOMPLETE_THRESHOLD
            || (named == Some(r.kind) && r.exact + r.guessed >= NAMED_INCOMPLETE_THRESHOLD))
            && best_incomplete.is_none_or(|b| score(r) > score(b))
        {
            best_incomplete = Some(r);
        }
    }
    let strongest = readings
        .iter()
        .filter(|r| r.exact + r.guessed > 0)
        .max_by_key(|r| (score(r), std::cmp::Reverse(r.kind)));
    // A complete kind wins unless an incomplete one has clearly more evidence, or more
    // evidence by known header names alone than the complete one has in all (a HubSpot
    // contacts export without its date, whose "Lifecycle Stage" also reads as a deal stage).
    let chosen = best.filter(|b| {
        best_incomplete.is_none_or(|i| {
            score(i) < score(b) + INCOMPLETE_THRESHOLD && i.exact <= b.exact + b.guessed
        })
    });
    let guess = chosen.or(best_incomplete).or(strongest);
    let confidence = guess.map_or(0, |g| {
        confidence_of(g, chosen.is_some(), source, named, &readings, &score)
    });
    let mut notes = Vec::new();
    match (named, guess) {
        (Some(n), Some(g)) if n == g.kind => {
            notes.push(format!("the file name says {n}"));
        }
        (Some(n), Some(g)) => notes.push(format!(
            "the file name says {n}, but the columns say {}",
            g.kind
        )),
        _ => {}
    }
    if let Some(chosen) = chosen {
        return Recognition {
            kind: Some(chosen.kind),
            source,
            columns: chosen.columns.clone(),
            reason: None,
            incomplete: None,
            confidence,
            guesses: chosen.guesses.clone(),
            constants: chosen.constants.clone(),
            notes,
            best: None,
        };
    }
    let incomplete = best_incomplete.map(|r| (r.kind, r.missing.clone()));
    let reason = Some(match &incomplete {
        Some((kind, missing)) => format!(
            "looks like {kind}, but has no column for {}",
            missing.join(" or ")
        ),
        None => not_an_export_reason(headers),
    });
    Recognition {
        kind: None,
        source,
        // The columns of the best guess: what a mapping would add to.
        columns: guess.map_or_else(|| vec![None; headers.len()], |g| g.columns.clone()),
        reason,
        incomplete,
        confidence,
        guesses: guess.map(|g| g.guesses.clone()).unwrap_or_default(),
        constants: Vec::new(),
        notes,
        best: guess.map(|g| g.kind),
    }
}

/// How sure a reading is (0 to 100): complete or not, how much of it rests on known
/// header names and how much on guesses, how far ahead of the other kinds it is, what
/// the file name says, and whether a known CRM wrote it.
fn confidence_of(
    r: &Reading,
    complete: bool,
    source: Source,
    named: Option<Kind>,
    all: &[Reading],
    score: &dyn Fn(&Reading) -> u32,
) -> u8 {
    let mut c: i32 = if complete { 55 } else { 25 };
    c += (r.exact as i32 * 25 / 12).min(25);
    c += (r.guessed as i32 * 10 / 6).min(10);
    let own = score(r) as i32;
    let second = all
        .iter()
        .filter(|o| o.kind != r.kind)
        .map(|o| score(o) as i32)
        .max()
        .unwrap_or(0);
    if own > 0 {
        c += (10 * (own - second) / own).clamp(0, 10);
    }
    match named {
        Some(n) if n == r.kind => c += 10,
        Some(_) => c -= 15,
        None => {}
    }
    // Each required field found only by a guess.
    let rests_on_guess = r
        .kind
        .required()
        .iter()
        .filter(|alts| {
            !alts.iter().any(|f| {
                r.columns
                    .iter()
                    .enumerate()
                    .any(|(i, c)| *c == Some(*f) && !r.guesses.iter().any(|g| g.index == i))
            })
        })
        .count() as i32;
    c -= 5 * rests_on_guess;
    if complete && source != Source::Generic {
        c = c.max(90);
    }
    c.clamp(5, 99) as u8
}

fn not_an_export_reason(headers: &[String]) -> String {
    let empty = headers.iter().filter(|h| h.trim().is_empty()).count();
    if empty * 2 > headers.len() {
        return format!(
            "a layout sheet, not data: {empty} of its {} header cells are empty",
            headers.len()
        );
    }
    let shown: Vec<&str> = headers.iter().take(8).map(String::as_str).collect();
    let more = if headers.len() > 8 { ", …" } else { "" };
    format!(
        "none of its columns ({}{more}) is a lead, deal, activity, owner or account field",
        shown.join(", ")
    )
}

/// The kind a file's name says: `leads.csv`, `mql_2026.csv`, `closed-deals.csv`, ...
pub fn kind_of_name(file: &str) -> Option<Kind> {
    let stem = std::path::Path::new(file)
        .file_stem()
        .map_or(file.to_owned(), |s| s.to_string_lossy().into_owned());
    let ws = words(&stem);
    let w = Words(&ws);
    let found: Vec<Kind> = [
        (
            Kind::Deals,
            &[
                "deals",
                "deal",
                "opportunities",
                "opportunity",
                "opps",
                "opp",
                "pipeline",
                "won",
            ][..],
        ),
        (
            Kind::Activities,
            &[
                "activities",
                "activity",
                "engagements",
                "engagement",
                "calls",
                "emails",
                "meetings",
                "tasks",
                "events",
                "touches",
            ][..],
        ),
        (
            Kind::Owners,
            &[
                "owners", "users", "reps", "team", "teams", "agents", "roster", "staff",
            ][..],
        ),
        (
            Kind::Accounts,
            &[
                "accounts",
                "companies",
                "organizations",
                "organisations",
                "orgs",
            ][..],
        ),
        (
            Kind::Leads,
            &[
                "leads",
                "lead",
                "mql",
                "mqls",
                "contacts",
                "contact",
                "prospects",
                "signups",
                "subscribers",
                "submissions",
                "responses",
                "audience",
                "members",
            ][..],
        ),
    ]
    .into_iter()
    .filter(|(_, names)| w.any(names))
    .map(|(k, _)| k)
    .collect();
    // The first found wins: "closed_deals" is deals, "lead_activities" activities.
    found.first().copied()
}

#[cfg(test)]
mod cases;

#[cfg(test)]
mod tests;
