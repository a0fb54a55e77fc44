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

use polars::prelude::*;
use serde::{Deserialize, Serialize};

use super::fields::{Kind, header_key};

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

/// Header keys that only (or mostly) one CRM writes, with how much each says.
const SIGNATURES: &[(Source, &str, u32)] = &[
    (Source::Hubspot, "recordid", 2),
    (Source::Hubspot, "createdate", 2),
    (Source::Hubspot, "lifecyclestage", 2),
    (Source::Hubspot, "contactowner", 2),
    (Source::Hubspot, "closedlostreason", 2),
    (Source::Hubspot, "closedwonreason", 2),
    (Source::Hubspot, "hubspotscore", 2),
    (Source::Hubspot, "associatedcompany", 2),
    (Source::Hubspot, "associatedcontactids", 2),
    (Source::Hubspot, "associatedcontactid", 1),
    (Source::Hubspot, "activityassignedto", 2),
    (Source::Hubspot, "originalsource", 2),
    (Source::Hubspot, "countryregion", 2),
    (Source::Hubspot, "isclosedwon", 2),
    (Source::Hubspot, "companydomainname", 1),
    (Source::Hubspot, "firstengagementdate", 2),
    (Source::Hubspot, "dealstage", 1),
    (Source::Hubspot, "dealowner", 1),
    (Source::Hubspot, "pipeline", 1),
    (Source::Salesforce, "leadid", 2),
    (Source::Salesforce, "opportunityid", 2),
    (Source::Salesforce, "leadowner", 2),
    (Source::Salesforce, "leadowneralias", 2),
    (Source::Salesforce, "opportunityowner", 2),
    (Source::Salesforce, "companyaccount", 2),
    (Source::Salesforce, "isconverted", 2),
    (Source::Salesforce, "stagename", 2),
    (Source::Salesforce, "iswon", 2),
    (Source::Salesforce, "isclosed", 2),
    (Source::Salesforce, "createddate", 1),
    (Source::Salesforce, "converted", 1),
    (Source::Salesforce, "converteddate", 1),
    (Source::Salesforce, "ownerid", 1),
    (Source::Salesforce, "won", 1),
    (Source::Salesforce, "closed", 1),
    (Source::Salesforce, "leadsource", 1),
    (Source::Zoho, "closingdate", 2),
    (Source::Zoho, "createdtime", 2),
    (Source::Zoho, "reasonforloss", 2),
    (Source::Zoho, "reasonforlosss", 2),
    (Source::Zoho, "leadconversiontime", 2),
    (Source::Zoho, "overallsalesduration", 2),
    (Source::Zoho, "salescycleduration", 2),
    (Source::Zoho, "lastactivitytime", 2),
    (Source::Zoho, "dealname", 1),
    (Source::Zoho, "dealowner", 1),
];

const PIPEDRIVE_ENTITIES: [&str; 5] = ["Deal", "Lead", "Person", "Organization", "Activity"];

/// A source needs at least this much evidence; below it a file is `generic`.
const SOURCE_THRESHOLD: u32 = 3;

/// Decides the source from the headers.
pub fn detect_source(headers: &[String]) -> Source {
    let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
    let pipedrive = headers
        .iter()
        .filter(|h| {
            h.split_once(" - ")
                .is_some_and(|(entity, _)| PIPEDRIVE_ENTITIES.contains(&entity.trim()))
        })
        .count() as u32;
    let mut best = (Source::Generic, 0u32);
    for source in [Source::Hubspot, Source::Salesforce, Source::Zoho] {
        let score: u32 = SIGNATURES
            .iter()
            .filter(|(s, key, _)| *s == source && keys.iter().any(|k| k == key))
            .map(|(_, _, w)| w)
            .sum();
        if score > best.1 {
            best = (source, score);
        }
    }
    if pipedrive >= 2 && pipedrive >= best.1 {
        return Source::Pipedrive;
    }
    if best.1 >= SOURCE_THRESHOLD {
        best.0
    } else {
        Source::Generic
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

/// The words of a header, lowercase: `first_contact_date`, `firstContactDate` and
/// `First Contact Date` are all `first contact date`. A Salesforce custom field's
/// `__c` suffix is dropped; letters and digits are separate words.
pub fn words(header: &str) -> Vec<String> {
    let trimmed = header.trim();
    let trimmed = trimmed.strip_suffix("__c").unwrap_or(trimmed);
    let chars: Vec<char> = trimmed.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        if !cur.is_empty() {
            out.push(std::mem::take(cur));
        }
    };
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            flush(&mut cur, &mut out);
            continue;
        }
        if let Some(&prev) = i.checked_sub(1).and_then(|p| chars.get(p)) {
            let next = chars.get(i + 1).copied();
            let camel = prev.is_lowercase() && c.is_uppercase();
            // "IDNumber": a capital that starts a lowercase word after capitals.
            let acronym_end =
                prev.is_uppercase() && c.is_uppercase() && next.is_some_and(|n| n.is_lowercase());
            let digits = prev.is_ascii_digit() != c.is_ascii_digit() && prev.is_alphanumeric();
            if camel || acronym_end || digits {
                flush(&mut cur, &mut out);
            }
        }
        cur.push_str(&header_key(&c.to_string()));
    }
    flush(&mut cur, &mut out);
    out
}

/// Words of the entities a column can be the id of.
const LEAD_WORDS: &[&str] = &[
    "lead",
    "leads",
    "contact",
    "contacts",
    "mql",
    "sql",
    "prospect",
    "person",
    "people",
    "subscriber",
    "member",
    "submission",
    "response",
    "respondent",
    "entry",
    "signup",
    "customer",
    "client",
    "visitor",
    "candidate",
    "record",
    "who",
];
const DEAL_WORDS: &[&str] = &[
    "deal",
    "deals",
    "opportunity",
    "opportunities",
    "opp",
    "oppty",
    "order",
    "sale",
    "contract",
    "quote",
];
const ACTIVITY_WORDS: &[&str] = &[
    "activity",
    "engagement",
    "task",
    "event",
    "call",
    "email",
    "meeting",
    "note",
    "touch",
    "interaction",
];
const OWNER_WORDS: &[&str] = &[
    "owner",
    "owned",
    "rep",
    "sr",
    "sdr",
    "bdr",
    "ae",
    "agent",
    "salesperson",
    "salesman",
    "saleswoman",
    "assignee",
    "assigned",
    "user",
    "consultant",
];
const ACCOUNT_WORDS: &[&str] = &[
    "account",
    "company",
    "organization",
    "organisation",
    "org",
    "business",
    "firm",
    "employer",
];
/// Words of an id that name no entity: the file's own records' id.
const OWN_ID_WORDS: &[&str] = &[
    "item",
    "row",
    "record",
    "entry",
    "external",
    "unique",
    "object",
    "crm",
    "internal",
    "ref",
    "reference",
];
const NOT_A_CREATION: &[&str] = &[
    "modified",
    "updated",
    "update",
    "changed",
    "last",
    "birth",
    "birthday",
    "dob",
    "close",
    "closed",
    "closing",
    "next",
    "due",
    "expected",
    "deleted",
    "unsubscribed",
    "bounced",
    "confirm",
    "confirmed",
    "end",
    "ended",
    "expiry",
    "expires",
    "won",
    "lost",
];

struct Words<'a>(&'a [String]);

impl Words<'_> {
    fn has(&self, w: &str) -> bool {
        self.0.iter().any(|x| x == w)
    }
    fn any(&self, ws: &[&str]) -> bool {
        self.0.iter().any(|x| ws.contains(&x.as_str()))
    }
    fn last(&self) -> &str {
        self.0.last().map_or("", String::as_str)
    }
    fn first(&self) -> &str {
        self.0.first().map_or("", String::as_str)
    }
    /// A yes/no question column: "has_company", "is_active", "Do Not Email".
    fn is_flag(&self) -> bool {
        matches!(self.first(), "has" | "is" | "do" | "does") || self.has("not")
    }
    fn is_temporal(&self) -> bool {
        matches!(
            self.last(),
            "date" | "at" | "time" | "on" | "timestamp" | "datetime" | "dt" | "day" | "utc"
        ) || self.any(&["date", "datetime", "timestamp"])
    }
    /// An id column: `*_id`, `*Id`, `* ID`, `*_uuid`, `*_key`, `Lead Number`.
    fn is_id(&self) -> bool {
        matches!(self.last(), "id" | "ids" | "uuid" | "guid" | "key")
            || (matches!(self.last(), "number" | "no" | "num" | "nr")
                && self.0.len() > 1
                && !self.any(&[
                    "phone",
                    "mobile",
                    "fax",
                    "tel",
                    "telephone",
                    "vat",
                    "tax",
                    "postal",
                    "zip",
                    "house",
                    "street",
                    "employees",
                    "account",
                ]))
    }
    /// The words before an id's last word.
    fn id_prefix(&self) -> Words<'_> {
        Words(&self.0[..self.0.len().saturating_sub(1)])
    }
    fn is_owner(&self) -> bool {
        self.any(OWNER_WORDS)
            || (self.has("sales") && self.any(&["person", "people", "man", "woman", "exec"]))
    }
}

/// A field a column's words suggest, with how strong the rule is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    /// A specific rule ("first_contact_date" is a creation date).
    Strong,
    /// A fallback ("date" alone, in a leads file, is the creation date).
    Weak,
}

/// What the words of one header suggest for `kind`: (field, strength, why).
fn word_rules(
    kind: Kind,
    header: &str,
    ws: &[String],
) -> Vec<(&'static str, Strength, &'static str)> {
    use Strength::{Strong, Weak};
    let w = Words(ws);
    let mut out: Vec<(&'static str, Strength, &'static str)> = Vec::new();
    if ws.is_empty() {
        if header.trim() == "#" && kind == Kind::Leads {
            out.push(("id", Strong, "\"#\" numbers the records"));
        }
        return out;
    }
    // Dynamics 365: "(Do Not Modify) Lead" is the record's id.
    if ws.len() >= 3 && ws[..3] == ["do", "not", "modify"] {
        let rest = &ws[3..];
        let id = match kind {
            Kind::Leads => rest == ["lead"] || rest == ["contact"],
            Kind::Deals => rest == ["opportunity"],
            _ => false,
        };
        if id {
            out.push(("id", Strong, "Dynamics 365 writes the record's id so"));
        }
        return out;
    }
    let temporal = w.is_temporal();
    let id = w.is_id() && !temporal;
    match kind {
        Kind::Leads => {
            if id {
                let p = w.id_prefix();
                if p.0.is_empty()
                    || p.0.iter().all(|w| OWN_ID_WORDS.contains(&w.as_str()))
                    || (p.any(LEAD_WORDS) && !p.any(DEAL_WORDS))
                {
                    out.push(("id", Strong, "an id named for leads or contacts"));
                } else if p.is_owner() {
                    out.push(("owner", Strong, "the id of an owner or rep"));
                }
                return out;
            }
            if temporal {
                if w.any(&["converted", "conversion", "became", "won"]) {
                    out.push(("converted_at", Strong, "a date of conversion"));
                } else if w.has("first")
                    && w.any(&[
                        "response",
                        "responded",
                        "touch",
                        "touched",
                        "reply",
                        "replied",
                        "outreach",
                        "engagement",
                        "engaged",
                        "called",
                        "contacted",
                    ])
                {
                    out.push(("first_touch_at", Strong, "a date of first response"));
                } else if w.any(NOT_A_CREATION) {
                } else if w.any(&[
                    "created",
                    "create",
                    "creation",
                    "added",
                    "signup",
                    "sign",
                    "submitted",
                    "submit",
                    "submission",
                    "registered",
                    "registration",
                    "subscribed",
                    "subscription",
                    "optin",
                    "opt",
                    "captured",
                    "received",
                    "acquired",
                    "inquiry",
                    "enquiry",
                    "first",
                    "joined",
                    "generated",
                    "entered",
                    "start",
                    "started",
                ]) {
                    out.push((
                        "created_at",
                        Strong,
                        "a date of creation, sign-up or first contact",
                    ));
                } else {
                    out.push((
                        "created_at",
                        Weak,
                        "the only kind of date a lead file must have",
                    ));
                }
                return out;
            }
            if w.is_flag() {
                return out;
            }
            if w.any(&["source", "origin", "channel"]) || w.has("utm") && w.has("source") {
                out.push(("source", Strong, "a source, origin or channel"));
            } else if w.any(&["email", "mail"]) {
                out.push(("email", Strong, "an email address"));
            } else if w.any(&["phone", "mobile", "tel", "telephone", "cell"]) {
                out.push(("phone", Strong, "a phone number"));
            } else if w.has("first") && w.has("name") || w.has("given") {
                out.push(("first_name", Strong, "a first name"));
            } else if w.has("last") && w.has("name") || w.any(&["surname", "family"]) {
                out.push(("last_name", Strong, "a last name"));
            } else if w.has("country") {
                out.push(("country", Strong, "a country"));
            } else if w.any(&["industry", "sector", "vertical", "segment"]) {
                out.push(("industry", Strong, "an industry"));
            } else if w.any(&["employees", "headcount", "staff"])
                || (w.any(&["company", "business"]) && w.has("size"))
            {
                out.push(("employees", Strong, "a company size"));
            } else if w.any(&["domain", "website", "url"])
                && !w.any(&["page", "landing", "visit", "visits", "spent", "time"])
            {
                out.push(("domain", Strong, "a web domain"));
            } else if w.any(ACCOUNT_WORDS) && !w.any(&["type", "size", "id", "status", "stage"]) {
                out.push(("company", Strong, "a company name"));
            } else if w.any(&["job", "title", "position", "designation", "occupation"]) {
                out.push(("title", Strong, "a job title"));
            } else if w.is_owner() {
                out.push(("owner", Strong, "an owner or rep"));
            } else if w.any(&["lifecycle", "funnel"]) || w.has("stage") {
                out.push(("lifecycle_stage", Strong, "a lifecycle or funnel stage"));
            } else if w.has("status")
                && !w.any(&["email", "marketing", "subscription", "consent", "member"])
            {
                out.push(("status", Strong, "a lead status"));
            } else if w.has("converted") {
                out.push(("converted", Strong, "a converted flag"));
            } else if w.has("score") && !w.any(&["activity", "profile", "engagement", "fit"]) {
                out.push(("score", Strong, "a lead score"));
            } else if w.any(&["rating", "priority", "tier", "grade", "quality"]) {
                out.push(("priority", Strong, "a rating, priority or tier"));
            } else if w.has("name")
                && (ws.len() == 1 || w.any(&["full", "display", "contact", "lead"]))
            {
                out.push(("full_name", Strong, "a person's name"));
            }
        }
        Kind::Deals => {
            if id {
                let p = w.id_prefix();
                if p.0.is_empty()
                    || p.0.iter().all(|w| OWN_ID_WORDS.contains(&w.as_str()))
                    || p.any(DEAL_WORDS)
                {
                    out.push(("id", Strong, "an id named for deals or opportunities"));
                } else if p.any(LEAD_WORDS) {
                    out.push((
                        "lead_id",
                        Strong,
                        "the id of a lead or contact: the link to the leads",
                    ));
                } else if p.is_owner() {
                    out.push(("owner", Strong, "the id of an owner or rep"));
                }
                return out;
            }
            if temporal {
                let estimate = w.any(&[
                    "expected",
                    "forecast",
                    "estimated",
                    "est",
                    "target",
                    "projected",
                ]);
                if w.has("won") {
                    out.push(("close_date", Strong, "a date the deal was won"));
                } else if w.any(&["closed", "close", "closing", "lost", "signed", "decision"])
                    && !estimate
                {
                    out.push(("close_date", Strong, "a close date"));
                } else if estimate && w.any(&["close", "closed", "closing"]) {
                    out.push(("close_date", Weak, "an expected close date"));
                } else if w.any(&[
                    "created", "create", "creation", "added", "opened", "open", "start", "started",
                ]) {
                    out.push(("created_at", Strong, "a date of creation"));
                }
                return out;
            }
            if w.has("reason") {
                if w.any(&["won", "win"]) {
                    out.push(("won_reason", Strong, "why deals were won"));
                } else if w.any(&["lost", "loss", "lose", "close", "closed"]) {
                    out.push(("close_reason", Strong, "why deals were lost"));
                }
                return out;
            }
            if w.is_flag() {
                if w.has("won") {
                    out.push(("is_won", Strong, "a won flag"));
                } else if w.has("closed") {
                    out.push(("is_closed", Strong, "a closed flag"));
                } else if w.has("lost") {
                    out.push(("is_lost", Strong, "a lost flag"));
                }
                return out;
            }
            if w.any(&["stage", "phase"]) {
                out.push(("stage", Strong, "a stage"));
            } else if w.any(&["status", "state", "outcome", "result"]) {
                out.push(("outcome", Strong, "a status: open, won or lost"));
            } else if w.any(&["amount", "value", "revenue", "price", "worth"])
                && !w.any(&[
                    "declared",
                    "probability",
                    "weighted",
                    "currency",
                    "monthly",
                    "average",
                ])
            {
                out.push(("amount", Strong, "an amount or value"));
            } else if w.any(&["email", "mail"]) {
                out.push(("contact_email", Strong, "a contact's email address"));
            } else if w.is_owner() {
                out.push(("owner", Strong, "an owner or rep"));
            } else if (w.any(ACCOUNT_WORDS) || w.has("customer"))
                && !w.any(&["type", "size", "segment", "industry"])
            {
                out.push(("company", Strong, "a company or customer"));
            } else if ws == ["won"] {
                out.push(("is_won", Strong, "a won flag"));
            }
        }
        Kind::Activities => {
            if id {
                let p = w.id_prefix();
                if p.0.is_empty() || p.any(ACTIVITY_WORDS) {
                    out.push(("id", Strong, "an id named for activities"));
                } else if p.any(LEAD_WORDS) || p.any(&["related", "regarding", "parent"]) {
                    out.push((
                        "record_id",
                        Strong,
                        "the id of the lead or contact it belongs to",
                    ));
                } else if p.is_owner() {
                    out.push(("owner", Strong, "the id of an owner or rep"));
                }
                return out;
            }
            if temporal {
                if !w.any(&[
                    "modified", "updated", "won", "lost", "close", "closed", "closing",
                ]) {
                    out.push(("timestamp", Strong, "a date of the activity"));
                }
                return out;
            }
            if w.any(&["direction", "inbound", "outbound"]) {
                out.push(("direction", Strong, "a direction"));
            } else if w.any(&["type", "subtype", "kind", "category", "channel"]) {
                out.push(("type", Strong, "a type of activity"));
            } else if w.is_owner() {
                out.push(("owner", Strong, "an owner or rep"));
            }
        }
        Kind::Owners => {
            if temporal {
                return out;
            }
            if w.any(&["team", "group", "manager", "squad"]) {
                out.push(("team", Strong, "a team"));
            } else if w.any(&["territory", "region", "office", "area"]) {
                out.push(("territory", Strong, "a territory"));
            } else if w.any(&["active", "enabled"]) {
                out.push(("active", Strong, "an active flag"));
            } else if w.any(&["capacity", "quota", "cap"]) {
                out.push(("capacity", Strong, "a capacity"));
            } else if w.is_owner() || w.has("employee") || ws == ["name"] {
                out.push(("owner", Strong, "a rep's name"));
            }
        }
        Kind::Accounts => {
            if temporal || id || w.is_flag() {
                return out;
            }
            if w.any(&["domain", "website", "url"]) {
                out.push(("domain", Strong, "a web domain"));
            } else if w.any(&["industry", "sector", "vertical"]) {
                out.push(("industry", Strong, "an industry"));
            } else if w.any(&["employees", "headcount", "staff"]) {
                out.push(("employees", Strong, "a company size"));
            } else if w.any(&["revenue", "turnover"]) {
                out.push(("revenue", Strong, "a revenue"));
            } else if w.any(&["country", "location", "hq", "headquarters"]) {
                out.push(("country", Strong, "a country or location"));
            } else if w.is_owner() {
                out.push(("owner", Strong, "an owner"));
            } else if w.any(ACCOUNT_WORDS) && !w.any(&["type", "size"]) {
                out.push(("company", Strong, "a company name"));
            }
        }
    }
    out
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

/// What the content of a column says, for the columns whose name could be an id or a
/// won date (see [`content_facts`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnFacts {
    /// Values present.
    pub filled: usize,
    /// Distinct values present.
    pub distinct: usize,
    /// Records.
    pub rows: usize,
}

impl ColumnFacts {
    /// Every record has a value, and no value repeats.
    pub fn unique(&self) -> bool {
        self.rows > 0 && self.filled == self.rows && self.distinct == self.filled
    }
}

/// Most columns whose content is looked at (the leftmost id-like ones).
const FACTS_MAX: usize = 64;

/// The [`ColumnFacts`] of the id-like and date-like columns of `raw` (the file read as
/// text, column `c{i}` for header `i`), in one query.
pub fn content_facts(
    raw: &DataFrame,
    headers: &[String],
) -> PolarsResult<Vec<Option<ColumnFacts>>> {
    let mut out = vec![None; headers.len()];
    let wanted: Vec<usize> = headers
        .iter()
        .enumerate()
        .filter(|(_, h)| {
            let ws = words(h);
            let w = Words(&ws);
            w.is_id() || (w.is_temporal() && w.has("won")) || h.trim() == "#"
        })
        .map(|(i, _)| i)
        .take(FACTS_MAX)
        .collect();
    if wanted.is_empty() || raw.height() == 0 {
        return Ok(out);
    }
    let mut exprs = Vec::new();
    for &i in &wanted {
        let name = format!("c{i}");
        let t = col(name.as_str()).str().strip_chars(lit(NULL));
        let v = when(t.clone().eq(lit("")))
            .then(lit(NULL).cast(DataType::String))
            .otherwise(t);
        exprs.push(v.clone().count().alias(format!("f{i}")));
        exprs.push(v.drop_nulls().n_unique().alias(format!("d{i}")));
    }
    let stats = raw.clone().lazy().select(exprs).collect()?;
    let get = |name: String| -> usize {
        stats
            .column(&name)
            .ok()
            .and_then(|c| c.get(0).ok())
            .and_then(|v| v.extract::<u64>())
            .unwrap_or(0) as usize
    };
    for i in wanted {
        out[i] = Some(ColumnFacts {
            filled: get(format!("f{i}")),
            distinct: get(format!("d{i}")),
            rows: raw.height(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod cases;

#[cfg(test)]
mod tests;
