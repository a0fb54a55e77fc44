//! The importer: CRM exports in, canonical tables out.
//!
//! For each file: [`sniff`] (encoding, delimiter, header, the shape of every record,
//! report footers), [`recognise`] (kind, source, which column is which field), the
//! [`mapping`] file's corrections, [`dates`] (each date column's format, inferred from
//! all its values), then one read of the records as text, which Polars turns into a table
//! whose columns are the kind's [`fields`] plus `_file` and `_line` (where each record
//! came from) and `_source` (the system it was exported from: `hubspot`, `salesforce`,
//! ..., as recognised or set in the mapping file); deals also carry
//! `_won_reason_exported` (false when the file's reason column holds loss reasons
//! only). Files of one kind are stacked into one table.

mod assemble;
mod coerce;
mod constants;
pub mod dates;
mod error;
pub mod fields;
mod headers;
mod links;
mod load;
pub mod mapping;
mod outcome;
pub mod recognise;
mod report;
pub mod sniff;
pub mod workbook;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use polars::prelude::*;
use serde::{Serialize, Serializer};

pub use error::{IngestError, at_line, column_label, line_word};
pub use fields::{FieldType, Kind};
pub use mapping::{FileMapping, KindChoice, Mapping};
pub use recognise::Source;
pub use sniff::Progress;

use assemble::*;
use coerce::*;
use constants::*;
use dates::Inference;
pub use headers::field_label;
use headers::*;
use links::*;
pub use load::set_aside_problem;
use load::*;
pub use outcome::outcome_of_label;
use outcome::*;
pub use report::mapping_of;
use report::*;

/// Headers of a deals file's close reason that hold only why a deal was lost: without a
/// won reason column beside one, won deals' reasons are not in the export
/// (`_won_reason_exported` is false), as in a Salesforce opportunity report.
const LOSS_ONLY_REASONS: &[&str] = &[
    "closedlostreason",
    "lossreason",
    "lostreason",
    "deallostreason",
    "reasonforloss",
    "reasonforlosss",
];

/// Share of a date column's present values that may fail to parse before the column
/// is an error rather than a warning.
pub const MAX_DATE_FAILURES: f64 = 0.05;

/// Share of a file's records that may be set aside for their shape before the file is
/// refused: beyond it, the delimiter or quoting was probably misread.
pub const MAX_SET_ASIDE: f64 = 0.05;

/// How many set-aside records a report lists.
pub const SET_ASIDE_SHOWN: usize = 20;

/// A progress callback: the file name and how far its read has come.
pub type ProgressFn<'a> = &'a mut dyn FnMut(&str, Progress);

/// How to read a set of files.
pub struct Options<'a> {
    /// The IANA time zone of naive timestamps; the mapping's `timezone` wins.
    pub timezone: String,
    pub mapping: Option<&'a Mapping>,
    /// Called as each file is read: the file name and how far its read has come.
    pub progress: Option<ProgressFn<'a>>,
    /// Refuse a file with any record of the wrong shape, instead of setting such
    /// records aside.
    pub strict: bool,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            timezone: mapping::machine_timezone(),
            mapping: None,
            progress: None,
            strict: false,
        }
    }
}

/// What the importer made of each file (the JSON of `leadaudit inspect`).
#[derive(Debug, Clone, Serialize)]
pub struct Inspection {
    pub timezone: String,
    pub files: Vec<FileReport>,
}

impl Inspection {
    /// When no file can be used, why, file by file: there is nothing to audit, and no
    /// figure or verdict may be given.
    pub fn nothing_usable(&self) -> Option<String> {
        if self.files.iter().any(|f| f.kind.is_some()) {
            return None;
        }
        let why: Vec<String> = self
            .files
            .iter()
            .map(|f| {
                let guess = f
                    .best_guess
                    .map(|g| format!(" (it most resembles {g}, {}% sure)", f.confidence))
                    .unwrap_or_default();
                format!(
                    "{}: {}{guess}",
                    f.path,
                    f.reason.as_deref().unwrap_or("not recognised")
                )
            })
            .collect();
        Some(format!(
            "none of the files can be used, so there is nothing to audit ({}); `leadaudit inspect` shows what each file lacks and the mapping lines that fix it",
            why.join("; ")
        ))
    }
}

impl Inspection {
    /// The mapping file's entries that matched none of the files read, each with its
    /// line in the mapping file.
    pub fn unused_mapping_entries(&self, mapping: Option<&Mapping>) -> Vec<String> {
        let Some(mapping) = mapping else {
            return Vec::new();
        };
        let used: Vec<usize> = self.files.iter().filter_map(|f| f.mapping_entry).collect();
        mapping.unused_entries(&used)
    }

    /// Everything the mapping file said that was not used, or was used for another
    /// file, each with its line in the mapping file: per file (a column, date format or
    /// value map that matched nothing; an entry of a renamed file), then the entries
    /// that matched no file. Every command prints these.
    pub fn mapping_warnings(&self, mapping: Option<&Mapping>) -> Vec<String> {
        let mut out: Vec<String> = self
            .files
            .iter()
            .flat_map(|f| f.mapping_notes.iter().map(|w| format!("{}: {w}", f.path)))
            .collect();
        out.extend(self.unused_mapping_entries(mapping));
        out
    }
}

/// One file, as recognised and mapped.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub path: String,
    #[serde(serialize_with = "kind_or_not_used")]
    pub kind: Option<Kind>,
    pub source: Source,
    /// The records read.
    pub rows: usize,
    /// Records set aside because they do not have the header's number of fields.
    pub rows_set_aside: usize,
    /// The first [`SET_ASIDE_SHOWN`] of them: line, fields found, and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub set_aside: Vec<sniff::SetAside>,
    /// The header's number of fields.
    pub width: usize,
    pub encoding: &'static str,
    pub delimiter: String,
    pub columns: Vec<ColumnReport>,
    /// Per field, how raw values were read (e.g. `outcome`: "Closed Won" → "won").
    pub values: BTreeMap<String, BTreeMap<String, String>>,
    pub warnings: Vec<String>,
    /// The fields of its kind that no column (nor constant) gives: the figures and
    /// findings that need them are not available, and say so ([`Tables::absence`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub absent_fields: Vec<&'static str>,
    /// Why the file is not used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// How sure the kind is, 0 to 100 (for a file not used: how sure `best_guess` is).
    pub confidence: u8,
    /// `confidence` in words: low (under 50), medium (50 to 79) or high.
    pub band: recognise::Band,
    /// For a file not used: the kind it most resembles.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub best_guess: Option<Kind>,
    /// What the file name, the content and the guessed columns said, in words.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The fields of the kind (or best guess) that no column provides, and what that
    /// disables.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<MissingField>,
    /// Links to other files, checked against their ids.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// The mapping file lines that confirm or fix this reading (TOML), when anything in
    /// it is a guess, missing or not used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    /// Unmapped id-like columns of a deals file with no lead link, with some of their
    /// values: checked against the leads' ids after every file is read.
    #[serde(skip)]
    link_candidates: Vec<(String, Vec<String>)>,
    /// The position of the mapping file's entry used for this file.
    #[serde(skip)]
    pub mapping_entry: Option<usize>,
    /// For a file read but not used by [`inspect_lenient`]: the error a strict read
    /// gives (what must change for the file to be used).
    #[serde(skip)]
    pub unusable: Option<std::sync::Arc<IngestError>>,
    /// The warnings (also in `warnings`) about what the file's mapping entry said that
    /// matched nothing, or that the entry is another file's.
    #[serde(skip)]
    pub mapping_notes: Vec<String>,
}

impl FileReport {
    /// How sure the recognition is, as the app shows it ("85%").
    pub fn sure(&self) -> String {
        crate::format::percent(f64::from(self.confidence) / 100.0)
    }
}

/// A field no column provides.
#[derive(Debug, Clone, Serialize)]
pub struct MissingField {
    pub field: &'static str,
    /// Whether the kind needs it to be read at all.
    pub required: bool,
    /// The figures and findings that cannot be computed without it.
    pub disables: Vec<&'static str>,
}

/// A column whose values are the ids of another file's records.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub field: &'static str,
    pub column: String,
    /// The files whose ids it holds.
    pub to: Vec<String>,
    /// Distinct values found among those ids, and distinct values in all.
    pub matched: usize,
    pub distinct: usize,
    /// Found by its values, not its name.
    pub by_content: bool,
}

/// One column of a file.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnReport {
    pub name: String,
    pub field: Option<&'static str>,
    pub date_format: Option<String>,
    /// Why the field is a guess, when the header is not one of its known names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guess: Option<String>,
    /// In a file not used: the field this column would hold if the file were its best
    /// guess.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guessed_field: Option<&'static str>,
}

fn kind_or_not_used<S: Serializer>(kind: &Option<Kind>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(kind.map_or(mapping::NOT_USED, Kind::as_str))
}

/// The canonical tables, one per kind present.
#[derive(Debug, Default, Clone)]
pub struct Tables {
    pub leads: Option<DataFrame>,
    pub deals: Option<DataFrame>,
    pub activities: Option<DataFrame>,
    pub owners: Option<DataFrame>,
    pub accounts: Option<DataFrame>,
    /// Each file read into a table, with the fields it has no column for (empty for
    /// tables built in code: every field then counts as present).
    pub files: Vec<FileFields>,
    /// Deals whose file has no creation date and whose creation date is their linked
    /// lead's (the same stand-in for the cycle time, the date checks and the periods):
    /// how many of how many, when the stand-in was used.
    pub created_from_lead: Option<(usize, usize)>,
}

/// A file of a table and the fields of its kind it has no column (nor constant) for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileFields {
    pub kind: Kind,
    pub file: String,
    pub absent: Vec<&'static str>,
}

impl Tables {
    pub fn get(&self, kind: Kind) -> Option<&DataFrame> {
        match kind {
            Kind::Leads => self.leads.as_ref(),
            Kind::Deals => self.deals.as_ref(),
            Kind::Activities => self.activities.as_ref(),
            Kind::Owners => self.owners.as_ref(),
            Kind::Accounts => self.accounts.as_ref(),
        }
    }

    /// Why the figures and findings that need `field` of `kind` are not available: when
    /// a file of that kind lacks it, "no creation date in leads.csv". When other files of
    /// the kind have it, they are named too ("no source in form.csv (contacts.csv has
    /// one; ...)"): a figure on part of the records would pass for one on all of them, so
    /// none is given. `None` when every file has it, or no file of the kind was read. For
    /// deals, `outcome` stands for any of stage, outcome and won flag.
    pub fn absence(&self, kind: Kind, field: &str) -> Option<String> {
        let (lacking, having) = self.lacking(kind, field);
        if lacking.is_empty() {
            return None;
        }
        let label = field_label(kind, field);
        if having.is_empty() {
            return Some(format!("no {label} in {}", lacking.join(", ")));
        }
        Some(format!(
            "no {label} in {} ({} {} one; a figure on only some of the {kind} files is not given)",
            lacking.join(", "),
            having.join(", "),
            if having.len() == 1 { "has" } else { "have" },
        ))
    }

    /// Whether every file of `kind` read lacks `field` (and one was read).
    pub fn absent_from_all(&self, kind: Kind, field: &str) -> bool {
        let (lacking, having) = self.lacking(kind, field);
        !lacking.is_empty() && having.is_empty()
    }

    /// The files of `kind` that lack `field`, and those that have it.
    fn lacking(&self, kind: Kind, field: &str) -> (Vec<&str>, Vec<&str>) {
        let lacks = |f: &FileFields| {
            if kind == Kind::Deals && field == "outcome" {
                ["stage", "outcome", "is_won"]
                    .iter()
                    .all(|x| f.absent.contains(x))
            } else {
                f.absent.contains(&field)
            }
        };
        let (mut lacking, mut having) = (Vec::new(), Vec::new());
        for f in self.files.iter().filter(|f| f.kind == kind) {
            if lacks(f) {
                lacking.push(f.file.as_str());
            } else {
                having.push(f.file.as_str());
            }
        }
        (lacking, having)
    }

    fn slot(&mut self, kind: Kind) -> &mut Option<DataFrame> {
        match kind {
            Kind::Leads => &mut self.leads,
            Kind::Deals => &mut self.deals,
            Kind::Activities => &mut self.activities,
            Kind::Owners => &mut self.owners,
            Kind::Accounts => &mut self.accounts,
        }
    }
}

/// An import: what each file was, and the tables.
#[derive(Debug, Clone)]
pub struct Import {
    pub inspection: Inspection,
    pub tables: Tables,
    /// The columns no field was mapped to, kept for the score-readiness scan (leaks
    /// live in the columns nobody mapped).
    pub extras: Vec<ExtraColumn>,
}

/// Most distinct values an unmapped column may have for its values to be kept; beyond
/// it only whether each record has a value is kept.
pub const EXTRA_MAX_LEVELS: usize = 50;

/// One column of a file that no field was mapped to. Its rows are the file's rows, in
/// the order they appear among the rows of its kind's table whose `_file` is `file`.
#[derive(Debug, Clone)]
pub struct ExtraColumn {
    pub kind: Kind,
    pub file: String,
    pub header: String,
    /// Trimmed text, empty values null. When `levels` is false the column had more than
    /// [`EXTRA_MAX_LEVELS`] distinct values and holds `"filled"` or null.
    pub values: Series,
    pub levels: bool,
}

/// Reads `paths` into canonical tables.
pub fn load(paths: &[PathBuf], options: &mut Options<'_>) -> Result<Import, IngestError> {
    load_all(paths, options, false)
}

/// Recognises and maps `paths` without keeping the tables.
pub fn inspect(paths: &[PathBuf], options: &mut Options<'_>) -> Result<Inspection, IngestError> {
    load(paths, options).map(|i| i.inspection)
}

/// As [`inspect`], but only a file that cannot be read is an error: one that can be
/// read but not used as it is (a required column missing, dates that cannot be read, a
/// mapping that does not fit) is reported as not used, with why, its best guess and the
/// mapping lines that would fix it (`leadaudit inspect`).
pub fn inspect_lenient(
    paths: &[PathBuf],
    options: &mut Options<'_>,
) -> Result<Inspection, IngestError> {
    load_all(paths, options, true).map(|i| i.inspection)
}

#[cfg(test)]
mod tests;
