//! The importer's fuzz target (#12): the sniffer, the loader and the mapping parser on
//! generated and mutated input. Nothing may panic, hang, or give an error without a
//! message, and the mapping that `inspect --emit-mapping` writes for a file must parse.
//!
//! Each case is one to three files (CRM-like CSV built from the canonical fields'
//! synonyms and awkward values, a seed file mutated, or random bytes) with a mapping
//! file (none, one generated from the canonical fields, a seed mapping mutated, or random
//! text), read with `ingest::load` as `inspect` and the audits do, strict or not.
//!
//! The seeds: `tests/data/bad/` and the first lines of the sample's exports, plus the
//! corpus this fuzzer keeps in `tests/data/fuzz/corpus/`: a case is kept when its outcome
//! (the kinds and shapes read, or the error's wording without its numbers) is new, so
//! later runs mutate it further. A failing case is shrunk by proptest and written to
//! `tests/data/fuzz/crashes/`. [`fuzz_corpus_replays`] replays both folders in every test
//! run; [`fuzz`] is the long run of `scripts/fuzz.sh` (`LEADAUDIT_FUZZ_SECS`, default
//! 600; `LEADAUDIT_FUZZ_SEED` repeats a run's first batch).

use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Once;
use std::time::{Duration, Instant};

use leadaudit::ingest::{self, Kind, Mapping, Options};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};

use crate::harness::repo;

/// A case slower than this (debug build, files under a few kilobytes) counts as a hang.
const HANG: Duration = Duration::from_secs(30);
/// At most this many cases are kept in the corpus, each at most [`CORPUS_CASE_BYTES`].
const CORPUS_MAX: usize = 60;
const CORPUS_CASE_BYTES: usize = 3 * 1024;
/// Seed files are cut to this many bytes (the sample's exports to their first lines).
const SEED_BYTES: usize = 4 * 1024;
const MAPPING_NAME: &str = "mapping.toml";
const STRICT_MARK: &str = "STRICT";

/// One input: the files read together, the mapping file's text, `--strict`.
#[derive(Clone)]
struct Case {
    files: Vec<(String, Vec<u8>)>,
    mapping: Option<String>,
    strict: bool,
}

impl std::fmt::Debug for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (name, bytes) in &self.files {
            writeln!(
                f,
                "--- {name} ({} bytes)\n{:?}",
                bytes.len(),
                String::from_utf8_lossy(bytes)
            )?;
        }
        if let Some(m) = &self.mapping {
            writeln!(f, "--- {MAPPING_NAME}\n{m:?}")?;
        }
        write!(f, "--- strict: {}", self.strict)
    }
}

impl Case {
    fn size(&self) -> usize {
        self.files
            .iter()
            .map(|(n, b)| n.len() + b.len())
            .sum::<usize>()
            + self.mapping.as_ref().map_or(0, String::len)
    }

    fn id(&self) -> String {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.files.hash(&mut h);
        self.mapping.hash(&mut h);
        self.strict.hash(&mut h);
        format!("{:016x}", h.finish())
    }

    /// Writes the case as a folder: its files, `mapping.toml`, and `STRICT` when strict.
    fn save(&self, dir: &Path) -> std::io::Result<PathBuf> {
        let out = dir.join(self.id());
        std::fs::create_dir_all(&out)?;
        for (name, bytes) in &self.files {
            std::fs::write(out.join(name), bytes)?;
        }
        if let Some(m) = &self.mapping {
            std::fs::write(out.join(MAPPING_NAME), m)?;
        }
        if self.strict {
            std::fs::write(out.join(STRICT_MARK), "")?;
        }
        Ok(out)
    }

    fn read(dir: &Path) -> Case {
        let mut case = Case {
            files: Vec::new(),
            mapping: None,
            strict: false,
        };
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            match name.as_str() {
                MAPPING_NAME => {
                    case.mapping =
                        Some(String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into())
                }
                STRICT_MARK => case.strict = true,
                _ => case.files.push((name, std::fs::read(&path).unwrap())),
            }
        }
        case
    }
}

fn fuzz_dir() -> PathBuf {
    repo().join("tests/data/fuzz")
}

// ---- running one case ----------------------------------------------------------------

thread_local! {
    /// Set while a case runs on this thread: its panics are caught and reported, not
    /// printed.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Keeps the panic message and place of a case's own thread, and leaves every other
/// thread's panics (other tests, Polars' workers) to the usual hook.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if QUIET.with(|q| q.get()) {
                let place = info
                    .location()
                    .map(|l| format!(" at {}:{}:{}", l.file(), l.line(), l.column()))
                    .unwrap_or_default();
                LAST_PANIC.with(|p| *p.borrow_mut() = Some(format!("{info}{place}")));
            } else {
                previous(info);
            }
        }));
    });
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic with no message".to_owned())
}

/// What a case gave, coarsely: what it read, or the error's wording without numbers and
/// quoted parts. A new one keeps the case in the corpus.
fn signature_of(result: &Result<ingest::Import, ingest::IngestError>) -> String {
    match result {
        Ok(import) => {
            let files: Vec<String> = import
                .inspection
                .files
                .iter()
                .map(|f| {
                    format!(
                        "{}:{:?}:{}:{}:{}",
                        f.kind.map_or("not_used", Kind::as_str),
                        f.source,
                        f.rows.min(2),
                        f.rows_set_aside.min(1),
                        f.warnings.len().min(2)
                    )
                })
                .collect::<BTreeSet<String>>()
                .into_iter()
                .collect();
            format!("ok {}", files.join(" "))
        }
        Err(e) => {
            // Without the file name it starts with.
            let text = e.to_string();
            let text = text
                .find([':', ','])
                .map_or(text.as_str(), |at| &text[at..]);
            // Up to its first clause: the rest names values and lines.
            let text = text.find(['(', ';']).map_or(text, |at| &text[..at]);
            let mut out = String::from("err ");
            let mut quoted = false;
            for c in text.chars().take(100) {
                match c {
                    '"' | '\'' | '`' => {
                        quoted = !quoted;
                        out.push('_');
                    }
                    _ if quoted => {}
                    c if c.is_ascii_digit() => {}
                    c => out.push(c),
                }
            }
            out
        }
    }
}

/// Runs `case`; `Err` says what went wrong (a panic, a hang, an empty error, an emitted
/// mapping that does not parse). `Ok` gives the outcome's signature.
fn check(case: &Case) -> Result<String, String> {
    install_panic_hook();
    let tmp = tempfile::tempdir().map_err(|e| format!("tempdir: {e}"))?;
    let mut paths = Vec::new();
    for (name, bytes) in &case.files {
        let path = tmp.path().join(name);
        std::fs::write(&path, bytes).map_err(|e| format!("writing {name}: {e}"))?;
        paths.push(path);
    }
    let mapping_path = tmp.path().join(MAPPING_NAME);
    let started = Instant::now();
    QUIET.with(|q| q.set(true));
    LAST_PANIC.with(|p| p.borrow_mut().take());
    let outcome = catch_unwind(AssertUnwindSafe(|| -> Result<String, String> {
        let mapping = match &case.mapping {
            None => None,
            Some(text) => match Mapping::parse(text, &mapping_path) {
                Ok(m) => Some(m),
                Err(e) => {
                    if e.to_string().trim().is_empty() {
                        return Err("the mapping was refused with an empty message".into());
                    }
                    None
                }
            },
        };
        let mut options = Options {
            timezone: "America/New_York".to_owned(),
            mapping: mapping.as_ref(),
            progress: None,
            strict: case.strict,
        };
        let result = ingest::load(&paths, &mut options);
        match &result {
            Ok(import) => {
                let emitted = ingest::mapping_of(&import.inspection).to_toml();
                if let Err(e) = Mapping::parse(&emitted, &mapping_path) {
                    return Err(format!(
                        "the emitted mapping does not parse: {e}\n{emitted}"
                    ));
                }
            }
            Err(e) if e.to_string().trim().is_empty() => {
                return Err("a file was refused with an empty message".into());
            }
            Err(_) => {}
        }
        Ok(signature_of(&result))
    }));
    QUIET.with(|q| q.set(false));
    let elapsed = started.elapsed();
    let outcome = match outcome {
        Ok(r) => r,
        Err(payload) => Err(LAST_PANIC
            .with(|p| p.borrow_mut().take())
            .map(|m| format!("panicked: {m}"))
            .unwrap_or_else(|| format!("panicked: {}", payload_text(payload.as_ref())))),
    };
    if elapsed > HANG {
        return Err(format!("took {:.1} s (a hang)", elapsed.as_secs_f64()));
    }
    outcome
}

// ---- generating cases ----------------------------------------------------------------

/// The canonical fields' names and synonyms: the headers recognition knows.
fn header_words() -> Vec<String> {
    let mut words: BTreeSet<String> = BTreeSet::new();
    for kind in Kind::ALL {
        for field in kind.fields() {
            words.insert(field.name.to_owned());
            words.extend(field.synonyms.iter().map(|s| (*s).to_owned()));
        }
    }
    words.extend(
        [
            "Record ID",
            "Create Date",
            "Deal Stage",
            "Close Date",
            "Associated Contact ID",
            "HubSpot Owner",
            "Lead Status",
            "Opportunity ID",
            "Stage",
            "Created Date",
            "first_contact_date",
            "won_date",
            "utm_source",
            "origin",
            "channel",
            "mql_id",
            "Converted",
            "Is Won",
            "Select",
            "",
            " ",
            "id",
            "ID",
            "Id",
        ]
        .map(str::to_owned),
    );
    words.into_iter().collect()
}

fn field_names() -> Vec<String> {
    let mut names: BTreeSet<String> = BTreeSet::new();
    for kind in Kind::ALL {
        names.extend(kind.fields().iter().map(|f| f.name.to_owned()));
    }
    names.insert("nonsense".to_owned());
    names.into_iter().collect()
}

/// Values that have broken importers: dates at and beyond Polars' range and in every
/// order, numbers that overflow, stage labels, control and direction characters.
const VALUES: &[&str] = &[
    "",
    " ",
    "1",
    "0",
    "-1",
    "42",
    "1e400",
    "-0",
    "NaN",
    "inf",
    "1,000.50",
    "1.000,50",
    "$1,200",
    "€ 3.000",
    "99999999999999999999999",
    "yes",
    "no",
    "TRUE",
    "false",
    "Y",
    "2026-04-01",
    "2026-04-01 09:30",
    "2026-04-01T09:30:00Z",
    "2026-04-01T09:30:00+14:00",
    "01/04/2026",
    "04/01/2026 10:00 PM",
    "31-12-2026",
    "31.12.2026 23:59",
    "2026/13/45",
    "2262-04-12",
    "2300-01-01",
    "1677-09-20",
    "0000-00-00",
    "9999-12-31T23:59:59",
    "1776-07-04",
    "45123",
    "1700000000",
    "Closed Won",
    "Closed Lost",
    "won",
    "lost",
    "open",
    "Appointment Scheduled",
    "Select",
    "N/A",
    "null",
    "-",
    "a@b.co",
    "A@B.CO ",
    "+1 555 0100",
    "Webinar",
    "Organic Search",
    "inbound",
    "outbound",
    "call",
    "email",
    "\u{202e}evil",
    "\u{1b}[31mred",
    "e\u{301}",
    "😀",
    "\u{feff}",
    "\"quoted, with comma\"",
    "a\"b",
    "line\nbreak",
    "\"multi\nline\"",
    "tab\there",
    "x;y",
    "x|y",
    "\\",
    "=cmd|' /C calc'!A0",
];

const NAMES: &[&str] = &[
    "leads.csv",
    "contacts.csv",
    "deals.csv",
    "opportunities.csv",
    "engagements.csv",
    "activities.csv",
    "owners.csv",
    "accounts.csv",
    "mql.csv",
    "export.csv",
    "data.tsv",
    "book.txt",
    "contacts-2026Q3.csv",
];

const DELIMS: &[&str] = &[",", ";", "\t", "|", " ", ", "];
const LINE_ENDS: &[&str] = &["\n", "\r\n", "\r", "\n\n"];

/// Values of one kind, so that a column is mostly dates of one format, or numbers, or
/// labels, as in an export; the last is every value above.
const POOLS: &[&[&str]] = &[
    &[
        "2026-04-01",
        "2026-04-02 09:30",
        "2026-05-17T10:00:00Z",
        "2026-06-30",
        "",
        "2262-04-12",
    ],
    &[
        "01/04/2026",
        "13/04/2026",
        "31/12/2026 23:59",
        "02/02/2026",
        "",
    ],
    &[
        "04/01/2026 10:00 PM",
        "12/31/2026 9:05 AM",
        "1/2/2026 12:00 AM",
        "",
    ],
    &["1", "2", "17", "1,000.50", "-3", "", "1e400"],
    &[
        "Closed Won",
        "Closed Lost",
        "Appointment Scheduled",
        "won",
        "lost",
        "open",
        "",
    ],
    &["Webinar", "Organic Search", "Referral", "Select", "", "N/A"],
    &["a@b.co", "x.y@example.com", "A@B.CO ", "", "+1 555 0100"],
    &["L1", "L2", "L3", "L4", "L5", "L1"],
    VALUES,
];

/// A CRM-like CSV: a header of known words, columns of one kind of value each, rows of
/// the header's width (now and then one field more or fewer).
fn csv_text(words: Vec<String>) -> impl Strategy<Value = Vec<u8>> {
    let header = prop::collection::vec((prop::sample::select(words), 0..POOLS.len()), 1..9);
    let row = (
        prop::collection::vec(any::<prop::sample::Index>(), 9),
        prop::option::weighted(0.05, 0usize..12),
    );
    let rows = prop::collection::vec(row, 0..16);
    (
        header,
        rows,
        prop::sample::select(DELIMS),
        prop::sample::select(LINE_ENDS),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(header, rows, delim, end, quote_all, bom)| {
            let rows: Vec<Vec<&str>> = rows
                .iter()
                .map(|(picks, width)| {
                    let width = width.unwrap_or(header.len());
                    (0..width)
                        .map(|i| {
                            let pool = POOLS[header.get(i).map_or(POOLS.len() - 1, |h| h.1)];
                            pool[picks[i % picks.len()].index(pool.len())]
                        })
                        .collect()
                })
                .collect();
            let header: Vec<String> = header.into_iter().map(|h| h.0).collect();
            let cell = |s: &str| {
                if quote_all || s.contains(['"', '\n', '\r']) || s.contains(delim) {
                    format!("\"{}\"", s.replace('"', "\"\""))
                } else {
                    s.to_owned()
                }
            };
            let mut out = String::new();
            if bom {
                out.push('\u{feff}');
            }
            let line: Vec<String> = header.iter().map(|h| cell(h)).collect();
            out.push_str(&line.join(delim));
            out.push_str(end);
            for row in rows {
                let line: Vec<String> = row.iter().map(|v| cell(v)).collect();
                out.push_str(&line.join(delim));
                out.push_str(end);
            }
            out.into_bytes()
        })
}

/// One change to a seed: overwrite, insert, delete, duplicate a line, cut.
#[derive(Debug, Clone)]
enum Mutation {
    Set(usize, u8),
    Insert(usize, &'static [u8]),
    Delete(usize, usize),
    DuplicateLine(usize),
    Truncate(usize),
}

const INSERTS: &[&[u8]] = &[
    b"\"",
    b",",
    b";",
    b"\t",
    b"|",
    b"\r",
    b"\n",
    b"\r\n",
    b"\0",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xc3",
    b"\xed\xa0\x80",
    b"2300-01-01",
    b"1677-09-20",
    b"31/12/2026",
    b"1e400",
    b"Closed Won",
    b"\"\"",
    b",,,,,,,,",
    b"\n\n\n",
    b"#",
    b"Total",
    b"=",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Set(i, b)),
        (any::<usize>(), prop::sample::select(INSERTS)).prop_map(|(i, s)| Mutation::Insert(i, s)),
        (any::<usize>(), 1usize..64).prop_map(|(i, n)| Mutation::Delete(i, n)),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len();
        match *m {
            Mutation::Set(i, b) if len > 0 => bytes[i % len] = b,
            Mutation::Insert(i, s) => {
                let at = i % (len + 1);
                bytes.splice(at..at, s.iter().copied());
            }
            Mutation::Delete(i, n) if len > 0 => {
                let at = i % len;
                bytes.drain(at..(at + n).min(len));
            }
            Mutation::DuplicateLine(i) => {
                let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
                if !lines.is_empty() {
                    let k = i % lines.len();
                    let mut out = Vec::with_capacity(len * 2);
                    for (j, l) in lines.iter().enumerate() {
                        out.extend_from_slice(l);
                        if j == k {
                            out.extend_from_slice(l);
                        }
                    }
                    bytes = out;
                }
            }
            Mutation::Truncate(i) => bytes.truncate(i % (len + 1)),
            _ => {}
        }
    }
    bytes
}

fn file_bytes(seeds: Vec<Vec<u8>>, words: Vec<String>) -> impl Strategy<Value = Vec<u8>> {
    let mutated = (
        prop::sample::select(seeds),
        prop::collection::vec(mutation(), 0..6),
    )
        .prop_map(|(seed, ms)| mutate(seed, &ms));
    prop_oneof![
        4 => csv_text(words),
        4 => mutated,
        1 => prop::collection::vec(any::<u8>(), 0..300),
    ]
}

const KINDS: &[&str] = &[
    "leads",
    "deals",
    "activities",
    "owners",
    "accounts",
    "not_used",
    "contacts",
    "",
];
const TIMEZONES: &[&str] = &[
    "UTC",
    "America/New_York",
    "Europe/Berlin",
    "Mars/Olympus",
    "",
    "+05:00",
];
const FORMATS: &[&str] = &[
    "%Y-%m-%d",
    "%d-%m-%Y",
    "%m/%d/%Y %I:%M %p",
    "%d.%m.%Y %H:%M",
    "",
    "%Q",
    "%Y-%m-%d | %d.%m.%Y",
    "%s",
    "%+",
    "%Y",
    "%H:%M",
];

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// A mapping file built from the canonical fields, the headers and the values above.
fn mapping_text(words: Vec<String>, fields: Vec<String>) -> impl Strategy<Value = String> {
    let pair = (
        prop::sample::select(fields.clone()),
        prop::sample::select(words.clone()),
    );
    let entry = (
        prop::sample::select(NAMES),
        prop::option::of(prop::sample::select(KINDS)),
        prop::collection::vec(pair, 0..4),
        prop::collection::vec(
            (prop::sample::select(words), prop::sample::select(FORMATS)),
            0..2,
        ),
        prop::collection::vec(
            (prop::sample::select(fields), prop::sample::select(VALUES)),
            0..3,
        ),
        prop::collection::vec(
            (prop::sample::select(VALUES), prop::sample::select(VALUES)),
            0..3,
        ),
    );
    (
        prop::option::of(prop::sample::select(TIMEZONES)),
        prop::collection::vec(entry, 0..3),
    )
        .prop_map(|(tz, entries)| {
            let mut out = String::new();
            if let Some(tz) = tz {
                out.push_str(&format!("timezone = {}\n", toml_string(tz)));
            }
            for (path, kind, columns, formats, constants, outcomes) in entries {
                out.push_str(&format!("[[file]]\npath = {}\n", toml_string(path)));
                if let Some(kind) = kind {
                    out.push_str(&format!("kind = {}\n", toml_string(kind)));
                }
                let table = |name: &str, pairs: &[(String, String)]| {
                    let mut t = format!("[file.{name}]\n");
                    let mut seen = BTreeSet::new();
                    for (k, v) in pairs {
                        if seen.insert(k.clone()) {
                            t.push_str(&format!("{} = {}\n", toml_string(k), toml_string(v)));
                        }
                    }
                    t
                };
                let own = |v: &[(String, &str)]| -> Vec<(String, String)> {
                    v.iter()
                        .map(|(a, b)| (a.clone(), (*b).to_owned()))
                        .collect()
                };
                out.push_str(&table("columns", &columns));
                out.push_str(&table("date_formats", &own(&formats)));
                out.push_str(&table("constants", &own(&constants)));
                let outcomes: Vec<(String, String)> = outcomes
                    .iter()
                    .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
                    .collect();
                out.push_str(&table("values.outcome", &outcomes));
            }
            out
        })
}

fn mapping(
    seeds: Vec<String>,
    words: Vec<String>,
    fields: Vec<String>,
) -> impl Strategy<Value = Option<String>> {
    let mutated = (
        prop::sample::select(seeds),
        prop::collection::vec(mutation(), 0..4),
    )
        .prop_map(|(seed, ms)| {
            String::from_utf8_lossy(&mutate(seed.into_bytes(), &ms)).into_owned()
        });
    prop_oneof![
        3 => Just(None),
        4 => mapping_text(words, fields).prop_map(Some),
        2 => mutated.prop_map(Some),
        1 => prop::collection::vec(any::<char>(), 0..80).prop_map(|c| Some(c.into_iter().collect())),
    ]
}

/// The seed files and seed mappings: tests/data/bad/, the sample's exports cut to their
/// first lines, and the corpus.
fn seeds() -> (Vec<Vec<u8>>, Vec<String>) {
    let mut files = Vec::new();
    let mut mappings = Vec::new();
    let cut = |mut b: Vec<u8>| {
        if b.len() > SEED_BYTES {
            b.truncate(SEED_BYTES);
            if let Some(end) = b.iter().rposition(|&c| c == b'\n') {
                b.truncate(end + 1);
            }
        }
        b
    };
    let add_dir = |dir: &Path, files: &mut Vec<Vec<u8>>, mappings: &mut Vec<String>| {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for p in paths {
            if p.is_dir() {
                continue;
            }
            let bytes = std::fs::read(&p).unwrap();
            if p.extension().is_some_and(|x| x == "toml") {
                mappings.push(String::from_utf8_lossy(&bytes).into_owned());
            } else if p.file_name().is_some_and(|n| n != STRICT_MARK) {
                files.push(cut(bytes));
            }
        }
    };
    add_dir(&repo().join("tests/data/bad"), &mut files, &mut mappings);
    for quarter in ["hubspot-2026Q2", "salesforce"] {
        add_dir(
            &repo().join("sample-data").join(quarter),
            &mut files,
            &mut mappings,
        );
    }
    if let Ok(entries) = std::fs::read_dir(fuzz_dir().join("corpus")) {
        for e in entries {
            add_dir(&e.unwrap().path(), &mut files, &mut mappings);
        }
    }
    assert!(
        files.len() > 20 && mappings.len() > 10,
        "the seeds are there"
    );
    (files, mappings)
}

fn case_strategy() -> impl Strategy<Value = Case> {
    let (files, mappings) = seeds();
    let words = header_words();
    let fields = field_names();
    let file = (
        prop::sample::select(NAMES),
        file_bytes(files, words.clone()),
    )
        .prop_map(|(n, b)| (n.to_owned(), b));
    (
        prop::collection::vec(file, 1..4),
        mapping(mappings, words, fields),
        prop::bool::weighted(0.2),
    )
        .prop_map(|(mut files, mapping, strict)| {
            // One file per name: a second one would overwrite the first.
            let mut seen = BTreeSet::new();
            files.retain(|(n, _)| seen.insert(n.clone()));
            Case {
                files,
                mapping,
                strict,
            }
        })
}

// ---- the tests -----------------------------------------------------------------------

fn saved_cases(sub: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(fuzz_dir().join(sub)) else {
        return Vec::new();
    };
    let mut dirs: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Every case the fuzzer kept (its corpus, and the crashes it found, since fixed) runs
/// without a panic, a hang or an empty message.
#[test]
fn fuzz_corpus_replays() {
    let cases: Vec<PathBuf> = saved_cases("corpus")
        .into_iter()
        .chain(saved_cases("crashes"))
        .collect();
    assert!(
        !cases.is_empty(),
        "tests/data/fuzz/ holds the fuzzer's corpus"
    );
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|dir| {
            check(&Case::read(dir))
                .err()
                .map(|e| format!("{}: {e}", dir.display()))
        })
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The fuzz run: cases in batches of 64 until `LEADAUDIT_FUZZ_SECS` (default 600) have
/// passed; new outcomes go to the corpus, a failure (shrunk) to `crashes/`.
#[test]
#[ignore = "the fuzz run of scripts/fuzz.sh (LEADAUDIT_FUZZ_SECS)"]
fn fuzz() {
    let secs: u64 = std::env::var("LEADAUDIT_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(600);
    let mut seed: u64 = std::env::var("LEADAUDIT_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    let corpus = fuzz_dir().join("corpus");
    let crashes = fuzz_dir().join("crashes");
    let mut known: BTreeSet<String> = BTreeSet::new();
    let mut kept = saved_cases("corpus").len();
    for dir in saved_cases("corpus") {
        if let Ok(sig) = check(&Case::read(&dir)) {
            known.insert(sig);
        }
    }
    let deadline = Instant::now() + Duration::from_secs(secs);
    let (mut cases, mut batches, mut added) = (0usize, 0usize, 0usize);
    let started = Instant::now();
    while Instant::now() < deadline {
        batches += 1;
        println!("fuzz: batch {batches}, seed {seed}");
        let config = Config {
            cases: 64,
            failure_persistence: None,
            max_shrink_iters: 4096,
            ..Config::default()
        };
        let mut bytes = [0u8; 32];
        bytes[..8].copy_from_slice(&seed.to_le_bytes());
        let mut runner =
            TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &bytes));
        let new: std::cell::RefCell<Vec<(String, Case)>> = std::cell::RefCell::new(Vec::new());
        let count = std::cell::Cell::new(0usize);
        let result = runner.run(&case_strategy(), |case| {
            count.set(count.get() + 1);
            let sig = check(&case).map_err(TestCaseError::fail)?;
            if !known.contains(&sig) && case.size() <= CORPUS_CASE_BYTES {
                new.borrow_mut().push((sig, case));
            }
            Ok(())
        });
        cases += count.get();
        for (sig, case) in new.into_inner() {
            if kept < CORPUS_MAX && known.insert(sig.clone()) {
                let dir = case.save(&corpus).expect("the corpus folder is writable");
                println!("fuzz: new outcome \"{sig}\": kept {}", dir.display());
                kept += 1;
                added += 1;
            }
        }
        match result {
            Ok(()) => {}
            Err(TestError::Fail(why, minimal)) => {
                let dir = minimal
                    .save(&crashes)
                    .expect("the crashes folder is writable");
                panic!(
                    "fuzz: a failure after {cases} cases ({:.0} s), seed {seed}: {why}\nthe shrunk case is in {}:\n{minimal:#?}",
                    started.elapsed().as_secs_f64(),
                    dir.display()
                );
            }
            Err(TestError::Abort(why)) => panic!("fuzz: proptest gave up: {why}"),
        }
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
    }
    println!(
        "fuzz: {cases} cases in {batches} batches, {:.0} s: 0 failures; {added} new corpus cases ({kept} kept, {} outcomes known)",
        started.elapsed().as_secs_f64(),
        known.len()
    );
}
