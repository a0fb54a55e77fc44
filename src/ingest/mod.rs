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

pub mod dates;
mod error;
pub mod fields;
pub mod mapping;
pub mod recognise;
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

use dates::Inference;

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

/// Reads `paths`; when `lenient`, a readable file that cannot be used (a required
/// column missing, dates that cannot be read, a mapping that does not fit) is reported
/// as not used, with the reason, the best guess and the mapping lines to fix it.
fn load_all(
    paths: &[PathBuf],
    options: &mut Options<'_>,
    lenient: bool,
) -> Result<Import, IngestError> {
    let timezone = options
        .mapping
        .and_then(|m| m.timezone.clone())
        .unwrap_or_else(|| options.timezone.clone());
    let mut reports = Vec::new();
    let mut frames: Vec<Option<DataFrame>> = Vec::new();
    let mut tables = Tables::default();
    let mut extras = Vec::new();
    // A workbook is read sheet by sheet (`book.xlsx#Deals`).
    let mut sheets = Vec::with_capacity(paths.len());
    for path in paths {
        sheets.extend(workbook::expand(path)?);
    }
    let names: Vec<String> = sheets.iter().map(|p| sniff::display_name(p)).collect();
    for path in &sheets {
        let mut entry = options.mapping.and_then(|m| m.for_file(path));
        let name = sniff::display_name(path);
        // A file of a new name (next quarter's export): last quarter's entry, matched
        // by kind and columns.
        let mut renamed = false;
        if entry.is_none()
            && let Some(m) = options.mapping
            && m.files.iter().any(|f| {
                let n = Path::new(&f.path)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned());
                n.is_some_and(|n| !names.contains(&n))
            })
            && let Ok(sniffed) = sniff::sniff(path, &mut |_| {})
        {
            entry = m.for_renamed(path, &sniffed.headers, &names);
            renamed = entry.is_some();
        }
        let mut on_progress = |p: Progress| {
            if let Some(cb) = options.progress.as_mut() {
                cb(&name, p);
            }
        };
        let read = load_file(
            path,
            entry,
            &timezone,
            options.strict,
            &mut on_progress,
            &mut extras,
        );
        let (mut report, frame) = match read {
            Ok(read) => read,
            Err(e) if lenient && e.is_unusable_not_unreadable() => {
                let mut report = unusable_report(path, entry, &e)?;
                report.unusable = Some(std::sync::Arc::new(e));
                (report, None)
            }
            Err(e) => return Err(e),
        };
        if let (Some(m), Some(e)) = (options.mapping, entry) {
            report.mapping_entry = m.index_of(e);
            check_entry(m, e, renamed, &mut report);
        }
        frames.push(frame);
        reports.push(report);
    }
    // Deals files with no link to the leads: a column whose values are lead ids is the
    // link, and the file is read again with it.
    // Only deals link to the leads: without a deals file the ids are not needed.
    let lead_ids = if reports.iter().any(|r| r.kind == Some(Kind::Deals)) {
        ids_of(&reports, &frames, Kind::Leads)?
    } else {
        PlHashMap::new()
    };
    if !lead_ids.is_empty() {
        for i in 0..reports.len() {
            let Some(column) = content_link(&reports[i], &lead_ids) else {
                continue;
            };
            let path = &paths[i];
            let mut entry = options
                .mapping
                .and_then(|m| m.for_file(path))
                .cloned()
                .unwrap_or_else(|| FileMapping {
                    path: reports[i].path.clone(),
                    ..FileMapping::default()
                });
            entry.columns.insert("lead_id".to_owned(), column);
            extras.retain(|x| x.file != reports[i].path);
            let (report, frame) = load_file(
                path,
                Some(&entry),
                &timezone,
                options.strict,
                &mut |_| {},
                &mut extras,
            )?;
            let mut report = report;
            for c in report.columns.iter_mut() {
                if c.field == Some("lead_id") {
                    c.guess = Some(LINK_GUESS.to_owned());
                }
            }
            let kind = report.kind.unwrap_or(Kind::Deals);
            let fields: Vec<Option<&'static str>> =
                report.columns.iter().map(|c| c.field).collect();
            let guessed: Vec<recognise::ColumnGuess> = report
                .columns
                .iter()
                .enumerate()
                .filter_map(|(i, c)| {
                    Some(recognise::ColumnGuess {
                        index: i,
                        field: c.field?,
                        why: c.guess.clone()?,
                    })
                })
                .collect();
            report.fix = Some(mapping::fix_lines(&report, kind, &fields, &guessed, &[]));
            reports[i] = report;
            frames[i] = frame;
        }
    }
    // The lead files are read once: re-reading a deals file above leaves the ids as
    // they were.
    check_links(&mut reports, &frames, &lead_ids)?;
    for (report, frame) in reports.iter().zip(frames) {
        if let (Some(kind), Some(frame)) = (report.kind, frame) {
            tables.files.push(FileFields {
                kind,
                file: report.path.clone(),
                absent: report.absent_fields.clone(),
            });
            let slot = tables.slot(kind);
            *slot = Some(match slot.take() {
                None => frame,
                Some(prev) => prev
                    .vstack(&frame)
                    .map_err(|e| IngestError::polars(&report.path, e))?,
            });
        }
    }
    created_from_lead(&mut tables, &mut reports)?;
    Ok(Import {
        inspection: Inspection {
            timezone,
            files: reports,
        },
        tables,
        extras,
    })
}

/// Deals of a file with no creation date take their linked lead's (the earliest, when
/// a deal links to several): one stand-in, so that the cycle time, the date checks and
/// the periods all read the same date. The deals file's warnings say so.
fn created_from_lead(tables: &mut Tables, reports: &mut [FileReport]) -> Result<(), IngestError> {
    let lacking: Vec<String> = tables
        .files
        .iter()
        .filter(|f| f.kind == Kind::Deals && f.absent.contains(&"created_at"))
        .map(|f| f.file.clone())
        .collect();
    let (Some(deals), Some(leads)) = (tables.deals.as_ref(), tables.leads.as_ref()) else {
        return Ok(());
    };
    if lacking.is_empty() || tables.absent_from_all(Kind::Leads, "created_at") {
        return Ok(());
    }
    let name = lacking.join(", ");
    let err = |e| IngestError::polars(&name, e);
    let in_lacking = col("_file").is_in(
        lit(Series::new("files".into(), lacking.clone())).implode(false),
        false,
    );
    let created = leads.clone().lazy().select([
        col("id").alias("_lid"),
        col("created_at").alias("_lead_created"),
    ]);
    let frame = deals.clone().lazy().with_row_index("_drow", None);
    let linked = crate::metrics::expr::split_ids(
        frame.clone().select([col("_drow"), col("lead_id")]),
        "lead_id",
    )
    .inner_join(created, col("lead_id"), col("_lid"))
    .group_by([col("_drow")])
    .agg([col("_lead_created").min()]);
    let columns: Vec<Expr> = deals
        .get_column_names()
        .into_iter()
        .map(|c| {
            if c.as_str() == "created_at" {
                when(in_lacking.clone().and(col("created_at").is_null()))
                    .then(col("_lead_created"))
                    .otherwise(col("created_at"))
                    .alias("created_at")
            } else {
                col(c.as_str())
            }
        })
        .collect();
    let filled = frame
        .left_join(linked, col("_drow"), col("_drow"))
        .sort(["_drow"], SortMultipleOptions::default())
        .select(columns)
        .collect()
        .map_err(err)?;
    let counts = filled
        .clone()
        .lazy()
        .filter(in_lacking)
        .select([
            len().cast(DataType::UInt64).alias("n"),
            col("created_at")
                .is_not_null()
                .sum()
                .cast(DataType::UInt64)
                .alias("filled"),
        ])
        .collect()
        .map_err(err)?;
    let get = |c: &str| {
        counts
            .column(c)
            .ok()
            .and_then(|c| c.u64().ok().and_then(|c| c.get(0)))
            .unwrap_or(0) as usize
    };
    let (n, with) = (get("n"), get("filled"));
    if with == 0 {
        return Ok(());
    }
    for report in reports.iter_mut().filter(|r| lacking.contains(&r.path)) {
        report.warnings.push(format!(
            "no deal creation date: the linked lead's creation date stands in for it ({with} of {n} deals in {name}), for the cycle time, the date checks and the periods alike"
        ));
    }
    tables.deals = Some(filled);
    tables.created_from_lead = Some((with, n));
    Ok(())
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

/// The report of a file that is read but not used (for `reason`): its shape and what the
/// recognition made of it, with no column mapped.
fn unused_file_report(
    file: String,
    sniffed: &sniff::Sniffed,
    recognition: &recognise::Recognition,
    warnings: Vec<String>,
    reason: String,
) -> FileReport {
    FileReport {
        reason: Some(reason),
        ..sniffed_report(file, sniffed, recognition, warnings)
    }
}

/// What the sniff and the recognition say of a file: its shape, every header unmapped, no
/// kind and no reason yet (the loader or [`unused_file_report`] fills those in).
fn sniffed_report(
    file: String,
    sniffed: &sniff::Sniffed,
    recognition: &recognise::Recognition,
    warnings: Vec<String>,
) -> FileReport {
    FileReport {
        path: file,
        kind: None,
        source: recognition.source,
        rows: sniffed.rows,
        rows_set_aside: sniffed.set_aside.len(),
        set_aside: sniffed
            .set_aside
            .iter()
            .take(SET_ASIDE_SHOWN)
            .cloned()
            .collect(),
        width: sniffed.headers.len(),
        encoding: sniffed.encoding.label(),
        delimiter: delimiter_name(sniffed.dialect.delimiter),
        columns: sniffed
            .headers
            .iter()
            .map(|h| ColumnReport {
                name: h.clone(),
                field: None,
                date_format: None,
                guess: None,
                guessed_field: None,
            })
            .collect(),
        values: BTreeMap::new(),
        warnings,
        reason: None,
        absent_fields: Vec::new(),
        confidence: recognition.confidence,
        band: recognition.band(),
        best_guess: recognition.guess(),
        notes: recognition.notes.clone(),
        missing: Vec::new(),
        links: Vec::new(),
        fix: None,
        link_candidates: Vec::new(),
        mapping_entry: None,
        unusable: None,
        mapping_notes: Vec::new(),
    }
}

/// The report of a file that was read but could not be used because of `error`.
fn unusable_report(
    path: &Path,
    entry: Option<&FileMapping>,
    error: &IngestError,
) -> Result<FileReport, IngestError> {
    let sniffed = sniff::sniff(path, &mut |_| {})?;
    let file = sniff::display_name(path);
    let headers = &sniffed.headers;
    let raw = read_strings(&sniffed, &file)?;
    let facts =
        recognise::content_facts(&raw, headers).map_err(|e| IngestError::polars(&file, e))?;
    let mut recognition = recognise::recognise_file(&file, headers, &facts);
    if let Some(Ok(Some(KindChoice::Use(k)))) = entry.map(FileMapping::kind_choice) {
        let reading = recognise::read_as(k, headers, &facts);
        recognition.best = Some(k);
        recognition.kind = None;
        recognition.incomplete = None;
        recognition.columns = reading.columns;
        recognition.guesses = reading.guesses;
    }
    let report = unused_file_report(file, &sniffed, &recognition, Vec::new(), error.to_string());
    Ok(assess(report, &recognition, entry))
}

/// Adds to a report what is missing (and what that disables), the notes on guesses,
/// and the mapping lines that confirm or fix the reading.
fn assess(
    mut report: FileReport,
    recognition: &recognise::Recognition,
    entry: Option<&FileMapping>,
) -> FileReport {
    let not_used_by_mapping = entry.is_some_and(|e| e.kind.as_deref() == Some(mapping::NOT_USED));
    let kind = report
        .kind
        .or(report.best_guess.filter(|_| !not_used_by_mapping));
    let Some(kind) = kind else {
        return report;
    };
    // The fields of each column: the file's, or (not used) the best guess's.
    let fields: Vec<Option<&'static str>> = if report.kind.is_some() {
        report.columns.iter().map(|c| c.field).collect()
    } else {
        for (i, c) in report.columns.iter_mut().enumerate() {
            c.guessed_field = recognition.columns.get(i).copied().flatten();
            c.guess = c.guessed_field.map(|f| {
                recognition
                    .guesses
                    .iter()
                    .find(|g| g.index == i && g.field == f)
                    .map_or_else(
                        || format!("a known header of {kind}.{f}"),
                        |g| g.why.clone(),
                    )
            });
        }
        recognition.columns.clone()
    };
    let constants: Vec<&str> = entry
        .map(|e| e.constants.keys().map(String::as_str).collect())
        .unwrap_or_default();
    let provided = |f: &str| fields.contains(&Some(f)) || constants.contains(&f);
    let mut missing: Vec<MissingField> = Vec::new();
    let groups: &[&[&str]] = &[
        &["stage", "outcome", "is_won"],
        &["status", "lifecycle_stage"],
        &["converted", "converted_at"],
        &["score", "fit_score", "engagement_score"],
    ];
    for spec in kind.fields() {
        let group = groups.iter().find(|g| g.contains(&spec.name));
        if let Some(g) = group {
            if g[0] != spec.name || g.iter().any(|f| provided(f)) {
                continue;
            }
        } else if provided(spec.name) {
            continue;
        }
        let required = kind.required().iter().any(|alts| alts.contains(&spec.name));
        let disables = fields::needed_for(kind, spec.name);
        if !required && disables.is_empty() {
            continue;
        }
        missing.push(MissingField {
            field: spec.name,
            required,
            disables: disables.to_vec(),
        });
    }
    report.missing = missing;
    let guessed: Vec<recognise::ColumnGuess> = recognition
        .guesses
        .iter()
        .filter(|g| fields.get(g.index) == Some(&Some(g.field)))
        .cloned()
        .collect();
    let implied: Vec<recognise::ConstantGuess> = recognition
        .constants
        .iter()
        .filter(|c| entry.is_some_and(|e| e.constants.get(c.field) == Some(&c.value)))
        .cloned()
        .collect();
    let needs_fix = report.kind.is_none()
        || !guessed.is_empty()
        || !implied.is_empty()
        || report.missing.iter().any(|m| m.required)
        || report.band != recognise::Band::High;
    if needs_fix && !not_used_by_mapping {
        report.fix = Some(mapping::fix_lines(
            &report, kind, &fields, &guessed, &implied,
        ));
    }
    report
}

/// Warns about what a file's mapping entry said that matched nothing, with its line in
/// the mapping file, and says when the entry is another file's (a renamed export).
fn check_entry(m: &Mapping, e: &FileMapping, renamed: bool, report: &mut FileReport) {
    let before = report.warnings.len();
    check_entry_lines(m, e, renamed, report);
    report.mapping_notes = report.warnings[before..].to_vec();
}

fn check_entry_lines(m: &Mapping, e: &FileMapping, renamed: bool, report: &mut FileReport) {
    let lines = m.index_of(e).map(|i| m.lines_of(i)).unwrap_or_default();
    let at = |line: Option<&usize>| m.lines.at(line.copied());
    if renamed {
        report.warnings.push(format!(
            "read with the mapping's entry for path = \"{}\" ({}): a file of the same kind with the same columns, under a new name; add an entry for \"{}\" to the mapping file to make it its own",
            e.path,
            m.lines.at(Some(lines.path)),
            report.path
        ));
    }
    if report.kind.is_none() {
        if !e.columns.is_empty() || !e.constants.is_empty() || !e.values.is_empty() {
            report.warnings.push(format!(
                "{}: the entry's columns, constants and values were not used: the file is not used",
                m.lines.at(Some(lines.path))
            ));
        }
        return;
    }
    let keys: Vec<String> = report
        .columns
        .iter()
        .map(|c| fields::header_key(&c.name))
        .collect();
    for column in e.date_formats.keys() {
        if !keys.contains(&fields::header_key(column)) {
            report.warnings.push(format!(
                "{}: [file.date_formats] names the column \"{column}\", which {} does not have; it was not used",
                at(lines.date_formats.get(column)),
                report.path
            ));
        }
    }
    for (field, map) in &e.values {
        let Some(seen) = report.values.get(field) else {
            continue;
        };
        for raw in map.keys() {
            if !seen.contains_key(raw) {
                report.warnings.push(format!(
                    "{}: [file.values.{field}] maps \"{raw}\", which is no value of {field} in {}; it was not used",
                    at(lines.values.get(field).and_then(|v| v.get(raw))),
                    report.path
                ));
            }
        }
    }
}

/// The distinct ids of every file of `kind`, with the files (indices into `reports`)
/// they come from.
fn ids_of(
    reports: &[FileReport],
    frames: &[Option<DataFrame>],
    kind: Kind,
) -> Result<PlHashMap<String, Vec<usize>>, IngestError> {
    let mut out: PlHashMap<String, Vec<usize>> = PlHashMap::new();
    for (i, (report, frame)) in reports.iter().zip(frames).enumerate() {
        let (Some(k), Some(frame)) = (report.kind, frame) else {
            continue;
        };
        if k != kind {
            continue;
        }
        let ids = frame
            .column("id")
            .and_then(|c| c.unique())
            .map_err(|e| IngestError::polars(&report.path, e))?;
        let ids = ids
            .cast(&DataType::String)
            .map_err(|e| IngestError::polars(&report.path, e))?;
        let ca = ids
            .str()
            .map_err(|e| IngestError::polars(&report.path, e))?;
        out.reserve(ca.len());
        for id in ca.iter().flatten() {
            let files = out.entry_ref(id).or_default();
            if files.last() != Some(&i) {
                files.push(i);
            }
        }
    }
    Ok(out)
}

/// Why a link found by its values is a guess.
const LINK_GUESS: &str = "its values are the ids of the leads: the link to the leads";

/// Share of a candidate column's sampled values that must be lead ids for it to be the
/// link.
const LINK_SHARE: f64 = 0.8;

/// The column of a deals file (with no link yet) whose values are lead ids.
fn content_link(report: &FileReport, lead_ids: &PlHashMap<String, Vec<usize>>) -> Option<String> {
    report
        .link_candidates
        .iter()
        .map(|(header, values)| {
            let found = values.iter().filter(|v| lead_ids.contains_key(*v)).count();
            (header, found, values.len())
        })
        .filter(|(_, found, n)| *n > 0 && *found as f64 >= *n as f64 * LINK_SHARE)
        .max_by_key(|(_, found, _)| *found)
        .map(|(h, _, _)| h.clone())
}

/// Most values of a candidate link column that are compared with the lead ids.
const LINK_SAMPLE: u32 = 1000;

/// The unmapped id-like columns of a deals file, with up to [`LINK_SAMPLE`] of their
/// distinct values.
fn link_candidates(
    raw: &DataFrame,
    headers: &[String],
    columns: &[Option<&'static str>],
) -> PolarsResult<Vec<(String, Vec<String>)>> {
    let mut out = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        let ws = recognise::words(h);
        if columns[i].is_some() || !ws.last().is_some_and(|w| w == "id" || w == "ids") {
            continue;
        }
        let v = raw
            .clone()
            .lazy()
            .select([text(col(col_name(i)))
                .drop_nulls()
                .unique_stable()
                .head(Some(LINK_SAMPLE as usize))
                .alias("v")])
            .collect()?;
        let values: Vec<String> = v
            .column("v")?
            .str()?
            .iter()
            .flatten()
            .map(str::to_owned)
            .collect();
        out.push((h.clone(), values));
        if out.len() >= 8 {
            break;
        }
    }
    Ok(out)
}

/// Checks each deals file's link to the leads against the leads' ids, and reports it.
fn check_links(
    reports: &mut [FileReport],
    frames: &[Option<DataFrame>],
    lead_ids: &PlHashMap<String, Vec<usize>>,
) -> Result<(), IngestError> {
    if lead_ids.is_empty() {
        return Ok(());
    }
    let names: Vec<String> = reports.iter().map(|r| r.path.clone()).collect();
    for (report, frame) in reports.iter_mut().zip(frames) {
        let (Some(Kind::Deals), Some(frame)) = (report.kind, frame) else {
            continue;
        };
        let Some(column) = report
            .columns
            .iter()
            .find(|c| c.field == Some("lead_id"))
            .map(|c| c.name.clone())
        else {
            continue;
        };
        let values = frame
            .column("lead_id")
            .and_then(|c| c.unique())
            .and_then(|c| c.cast(&DataType::String))
            .map_err(|e| IngestError::polars(&report.path, e))?;
        let ca = values
            .str()
            .map_err(|e| IngestError::polars(&report.path, e))?;
        let mut to: Vec<String> = Vec::new();
        let (mut matched, mut distinct) = (0, 0);
        for v in ca.iter().flatten() {
            distinct += 1;
            if let Some(files) = lead_ids.get(v) {
                matched += 1;
                for &f in files {
                    if !to.contains(&names[f]) {
                        to.push(names[f].clone());
                    }
                }
            }
        }
        let by_content = report
            .columns
            .iter()
            .any(|c| c.field == Some("lead_id") && c.guess.as_deref() == Some(LINK_GUESS));
        if matched * 2 < distinct {
            report.warnings.push(format!(
                "column \"{column}\" is read as the link to the leads, but only {matched} of its {distinct} values are lead ids; check the mapping"
            ));
        }
        report.links.push(Link {
            field: "lead_id",
            column,
            to,
            matched,
            distinct,
            by_content,
        });
    }
    Ok(())
}

/// The mapping that reproduces an inspection: what `--emit-mapping` writes.
pub fn mapping_of(inspection: &Inspection) -> Mapping {
    let files = inspection
        .files
        .iter()
        .map(|f| FileMapping {
            path: f.path.clone(),
            kind: Some(f.kind.map_or(mapping::NOT_USED, Kind::as_str).to_owned()),
            source: Some(f.source),
            columns: f
                .columns
                .iter()
                .filter_map(|c| c.field.map(|field| (field.to_owned(), c.name.clone())))
                .collect(),
            date_formats: f
                .columns
                .iter()
                .filter_map(|c| c.date_format.clone().map(|d| (c.name.clone(), d)))
                .collect(),
            constants: BTreeMap::new(),
            values: f.values.clone(),
        })
        .collect();
    Mapping {
        timezone: Some(inspection.timezone.clone()),
        files,
        lines: mapping::Lines::default(),
    }
}

fn col_name(i: usize) -> String {
    format!("c{i}")
}

/// The raw column holding the mapping file's constant for `field`.
fn const_name(field: &str) -> String {
    format!("k_{field}")
}

/// Adds each constant of the mapping file to `raw` as a text column of the file's
/// height (`k_<field>`), after checking it reads as its field's type. Returns the date
/// formats that read the temporal constants: the file's own date formats first, then
/// whatever reads the value (ISO 8601 and the other forms dates are inferred from).
fn add_constants(
    raw: &mut DataFrame,
    file: &str,
    kind: Kind,
    constants: Option<&BTreeMap<String, String>>,
    formats: &[Option<Vec<String>>],
    timezone: &str,
) -> Result<BTreeMap<&'static str, Vec<String>>, IngestError> {
    let mut found = BTreeMap::new();
    let Some(constants) = constants else {
        return Ok(found);
    };
    let height = raw.height();
    for (field, value) in constants {
        let Some(spec) = kind.field(field) else {
            let known: Vec<&str> = kind.fields().iter().map(|f| f.name).collect();
            return Err(IngestError::BadConstant {
                file: file.to_owned(),
                field: field.clone(),
                value: value.clone(),
                problem: format!("for a field that {kind} files do not have"),
                fix: format!("use one of {}", known.join(", ")),
            });
        };
        let name = const_name(spec.name);
        let one = DataFrame::new(
            1,
            vec![Series::new(name.as_str().into(), [value.as_str()]).into_column()],
        )
        .map_err(|e| IngestError::polars(file, e))?;
        let bad = |problem: &str, fix: String| IngestError::BadConstant {
            file: file.to_owned(),
            field: field.clone(),
            value: value.clone(),
            problem: problem.to_owned(),
            fix,
        };
        let reads = |e: Expr| -> Result<bool, IngestError> {
            let out = one
                .clone()
                .lazy()
                .select([e.is_not_null().alias("ok")])
                .collect()
                .map_err(|e| IngestError::polars(file, e))?;
            Ok(out
                .column("ok")
                .and_then(|c| c.get(0))
                .map(|v| v == AnyValue::Boolean(true))
                .unwrap_or(false))
        };
        match spec.ty {
            FieldType::Text | FieldType::Outcome => {}
            FieldType::Number => {
                if !reads(number(text(col(name.as_str()))))? {
                    return Err(bad(
                        "not a number",
                        "write a number such as 1200 or 1,200.50".to_owned(),
                    ));
                }
            }
            FieldType::Bool => {
                if !reads(boolean(text(col(name.as_str()))))? {
                    return Err(bad("not a yes/no value", "write true or false".to_owned()));
                }
            }
            FieldType::Timestamp | FieldType::Date => {
                let parse = |f: &[String]| {
                    if spec.ty == FieldType::Timestamp {
                        dates::parse_timestamp(&name, f, timezone)
                    } else {
                        dates::parse_date(&name, f, timezone)
                    }
                };
                let mut candidates: Vec<Vec<String>> = formats
                    .iter()
                    .flatten()
                    .filter(|f| !f.is_empty())
                    .cloned()
                    .collect();
                if let Inference::Formats(f) =
                    dates::infer(&one, &name).map_err(|e| IngestError::polars(file, e))?
                {
                    candidates.push(f);
                }
                let mut chosen = None;
                for f in candidates {
                    if reads(parse(&f))? {
                        chosen = Some(f);
                        break;
                    }
                }
                let Some(f) = chosen else {
                    let own = formats
                        .iter()
                        .flatten()
                        .find(|f| !f.is_empty())
                        .map(|f| {
                            format!(" or in the file's own format ({})", dates::join_formats(f))
                        })
                        .unwrap_or_default();
                    return Err(bad(
                        "not a date that can be read",
                        format!("write it as 2026-04-01 or 2026-04-01 09:30 (ISO 8601){own}"),
                    ));
                };
                found.insert(spec.name, f);
            }
        }
        let column = Series::new(name.as_str().into(), vec![value.as_str(); height]);
        raw.with_column(column.into_column())
            .map_err(|e| IngestError::polars(file, e))?;
    }
    Ok(found)
}

/// The column (by position) holding `field`.
fn column_of(columns: &[Option<&'static str>], field: &str) -> Option<usize> {
    columns.iter().position(|c| *c == Some(field))
}

fn load_file(
    path: &Path,
    entry: Option<&FileMapping>,
    timezone: &str,
    strict: bool,
    progress: &mut dyn FnMut(Progress),
    extras: &mut Vec<ExtraColumn>,
) -> Result<(FileReport, Option<DataFrame>), IngestError> {
    let sniffed = sniff::sniff(path, progress)?;
    let file = sniff::display_name(path);
    check_set_aside(&file, &sniffed, strict)?;
    let headers = &sniffed.headers;
    // One read of the whole file, every column as text.
    let mut raw = read_strings(&sniffed, &file)?;
    let facts =
        recognise::content_facts(&raw, headers).map_err(|e| IngestError::polars(&file, e))?;
    let mut recognition = recognise::recognise_file(&file, headers, &facts);
    let mut warnings = sniffed.notes.clone();
    if !sniffed.footer.is_empty() {
        warnings.push(format!(
            "dropped {} report footer line(s) at the end: {}",
            sniffed.footer.len(),
            sniffed.footer.join(" / ")
        ));
    }
    if let Some(first) = sniffed.set_aside.first() {
        let lines: Vec<String> = sniffed
            .set_aside
            .iter()
            .take(SET_ASIDE_SHOWN)
            .map(|r| r.line.to_string())
            .collect();
        let word = line_word(&file);
        let more = if sniffed.set_aside.len() > SET_ASIDE_SHOWN {
            ", …"
        } else {
            ""
        };
        warnings.push(format!(
            "{} record(s) set aside for their shape, at {word}(s) {}{more} ({word} {}: {}); the audit runs on the rest (--strict refuses the file instead)",
            sniffed.set_aside.len(),
            lines.join(", "),
            first.line,
            set_aside_problem(first, headers.len())
        ));
    }
    if !sniffed.empty_records.is_empty() {
        warnings.push(format!(
            "{} record(s) with every field empty, e.g. {} {}",
            sniffed.empty_records.len(),
            line_word(&file),
            sniffed.empty_records[0]
        ));
    }

    // The mapping file's word wins over recognition.
    let mut kind = recognition.kind;
    if let Some(entry) = entry {
        if let Some(source) = entry.source {
            recognition.source = source;
        }
        match entry.kind_choice().map_err(|detail| IngestError::Mapping {
            path: PathBuf::from("mapping"),
            detail,
        })? {
            Some(KindChoice::NotUsed) => kind = None,
            Some(KindChoice::Use(k)) if Some(k) != recognition.kind => {
                kind = Some(k);
                let reading = recognise::read_as(k, headers, &facts);
                recognition.columns = reading.columns;
                recognition.guesses = reading.guesses;
                recognition.constants = reading.constants;
            }
            _ => {}
        }
        // The columns the mapping gave a field: a column holds one field.
        let mut given: BTreeMap<usize, &str> = BTreeMap::new();
        for (field, header) in &entry.columns {
            for c in recognition.columns.iter_mut() {
                if *c == Some(field.as_str()) {
                    *c = None;
                }
            }
            if header.is_empty() {
                continue;
            }
            let Some(k) = kind.or(recognition.incomplete.as_ref().map(|i| i.0)) else {
                continue;
            };
            let Some(spec) = k.field(field) else {
                return Err(IngestError::Mapping {
                    path: PathBuf::from("mapping"),
                    detail: format!("{file}: \"{field}\" is not a {k} field"),
                });
            };
            let index =
                find_header(headers, header).ok_or_else(|| IngestError::MappingColumnMissing {
                    file: file.clone(),
                    field: field.clone(),
                    column: header.clone(),
                    available: quoted_list(headers),
                })?;
            if let Some(other) = given.insert(index, spec.name) {
                return Err(IngestError::MappingColumnTwice {
                    file: file.clone(),
                    first: other.to_owned(),
                    second: spec.name.to_owned(),
                    column: headers[index].clone(),
                });
            }
            recognition.columns[index] = Some(spec.name);
            kind = Some(k);
        }
    }
    if kind.is_none()
        && entry.is_none_or(|e| e.kind.as_deref() != Some(mapping::NOT_USED))
        && let Some((k, missing)) = &recognition.incomplete
    {
        // A file that clearly is of a kind but lacks a field it needs is read all the
        // same: the figures and findings that need the field say so. An owner roster
        // without owners or accounts without companies would hold nothing to use.
        if !degradable(*k) {
            return Err(missing_required(&file, *k, missing));
        }
        kind = Some(*k);
        // Read as that kind: known names, then the words of the headers and the content
        // (a column of unique ids is the id), each guess said.
        let reading = recognise::read_as(*k, headers, &facts);
        recognition.columns = reading.columns;
        recognition.guesses = reading.guesses;
    }
    let Some(kind) = kind else {
        let reason = if entry.is_some_and(|e| e.kind.as_deref() == Some(mapping::NOT_USED)) {
            "set to not_used in the mapping file".to_owned()
        } else {
            recognition
                .reason
                .clone()
                .unwrap_or_else(|| "not recognised".to_owned())
        };
        let report = unused_file_report(file, &sniffed, &recognition, warnings, reason);
        let report = assess(report, &recognition, entry);
        return Ok((report, None));
    };
    // What the recognition implies (a won date: every deal was won) unless the file or
    // the mapping says otherwise; the mapping's own constants win.
    let implied: Option<FileMapping> = {
        let outcome_given = ["stage", "outcome", "is_won"]
            .iter()
            .any(|f| column_of(&recognition.columns, f).is_some());
        let extra: Vec<&recognise::ConstantGuess> = recognition
            .constants
            .iter()
            .filter(|c| {
                kind.field(c.field).is_some()
                    && !outcome_given
                    && entry.is_none_or(|e| !e.constants.contains_key(c.field))
            })
            .collect();
        if extra.is_empty() {
            None
        } else {
            let mut e = entry.cloned().unwrap_or_default();
            for c in extra {
                e.constants.insert(c.field.to_owned(), c.value.clone());
                warnings.push(format!(
                    "guessed the constant {} = \"{}\": {}; set it in the mapping file if that is wrong",
                    c.field, c.value, c.why
                ));
            }
            Some(e)
        }
    };
    let entry = implied.as_ref().or(entry);
    let constants = entry.map(|e| &e.constants);
    let provided = |field: &str| {
        column_of(&recognition.columns, field).is_some()
            || constants.is_some_and(|c| c.contains_key(field))
    };
    let missing: Vec<&str> = kind
        .required()
        .iter()
        .filter(|alts| !alts.iter().any(|f| provided(f)))
        .map(|alts| alts[0])
        .collect();
    if !missing.is_empty() && !degradable(kind) {
        return Err(missing_required(&file, kind, &missing));
    }
    let absent_fields: Vec<&'static str> = kind
        .fields()
        .iter()
        .map(|f| f.name)
        .filter(|f| !provided(f))
        .collect();
    for field in &missing {
        warnings.push(absent_warning(kind, field, &file));
    }
    check_duplicate_headers(&file, headers, &recognition.columns)?;

    let mut columns: Vec<ColumnReport> = headers
        .iter()
        .zip(&recognition.columns)
        .enumerate()
        .map(|(i, (h, f))| ColumnReport {
            name: h.clone(),
            field: *f,
            date_format: None,
            guess: recognition
                .guesses
                .iter()
                .find(|g| g.index == i && Some(g.field) == *f)
                .map(|g| g.why.clone()),
            guessed_field: None,
        })
        .collect();

    // Date formats: given by the mapping, else inferred from every value.
    let mut formats: Vec<Option<Vec<String>>> = vec![None; headers.len()];
    for (i, header) in headers.iter().enumerate() {
        let field_ty = recognition.columns[i]
            .and_then(|f| kind.field(f))
            .map(|s| s.ty);
        let mapped_temporal = field_ty.is_some_and(FieldType::is_temporal);
        let given = entry.and_then(|e| {
            e.date_formats
                .iter()
                .find(|(c, _)| *c == header || fields::header_key(c) == fields::header_key(header))
                .map(|(_, f)| dates::split_formats(f))
        });
        let inferred = match given {
            Some(f) => Some(f),
            None if field_ty.is_some() && !mapped_temporal => None,
            None => {
                // The column alone: a query over the whole frame costs its width, and
                // this runs once per column (50,000 columns would be quadratic).
                let one = DataFrame::new(raw.height(), vec![raw.columns()[i].clone()])
                    .map_err(|e| IngestError::polars(&file, e))?;
                if !mapped_temporal
                    && !looks_like_dates(&one, &col_name(i))
                        .map_err(|e| IngestError::polars(&file, e))?
                {
                    None
                } else {
                    match dates::infer(&one, &col_name(i))
                        .map_err(|e| IngestError::polars(&file, e))?
                    {
                        Inference::Formats(f) => Some(f),
                        Inference::Ambiguous {
                            example,
                            day_first,
                            month_first,
                        } => {
                            if mapped_temporal {
                                return Err(IngestError::AmbiguousDates(Box::new(
                                    error::AmbiguousDates {
                                        file,
                                        index: i + 1 + sniffed.column_offset,
                                        column: header.clone(),
                                        example,
                                        day_first,
                                        month_first,
                                    },
                                )));
                            }
                            warnings.push(format!(
                                "column \"{header}\" holds dates whose day and month cannot be told apart (e.g. \"{example}\"); it is not used, but set its format under [file.date_formats] before mapping it"
                            ));
                            None
                        }
                        Inference::NotDates if mapped_temporal => Some(Vec::new()),
                        Inference::NotDates => None,
                    }
                }
            }
        };
        if let Some(f) = &inferred
            && !f.is_empty()
        {
            columns[i].date_format = Some(dates::join_formats(f));
        }
        formats[i] = inferred;
    }

    if let Some(constants) = constants {
        for (field, value) in constants {
            if let Some(i) = column_of(&recognition.columns, field) {
                warnings.push(format!(
                    "the mapping's constant {field} = \"{value}\" is used in place of the column \"{}\"",
                    headers[i]
                ));
            }
        }
    }
    // Constants become columns of the file's height, read like the file's own.
    let const_formats = add_constants(&mut raw, &file, kind, constants, &formats, timezone)?;

    // Build the canonical table.
    let mut exprs: Vec<Expr> = Vec::new();
    let mut values: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut date_checks: Vec<(usize, &'static str)> = Vec::new();
    for spec in kind.fields() {
        let source_col = column_of(&recognition.columns, spec.name);
        let constant = constants.and_then(|c| c.get(spec.name));
        let input: Option<Expr> = match (source_col, constant) {
            (_, Some(_)) => Some(text(col(const_name(spec.name)))),
            (Some(i), None) => Some(text(col(col_name(i)))),
            (None, None) => None,
        };
        let value_map = entry.and_then(|e| e.values.get(spec.name));
        let expr = match (spec.ty, input) {
            // No id column: the record's place in the file is its id.
            (_, None) if spec.name == "id" && missing.contains(&"id") => col(LINE_ID),
            (_, None) => lit(NULL).cast(dtype_of(spec.ty)),
            (FieldType::Text, Some(e)) => match value_map {
                Some(map) => remap(e, map),
                None => e,
            },
            (FieldType::Number, Some(e)) => number(value_map.map_or(e.clone(), |m| remap(e, m))),
            (FieldType::Bool, Some(e)) => boolean(value_map.map_or(e.clone(), |m| remap(e, m))),
            (FieldType::Outcome, Some(e)) => outcome_from_labels(
                e,
                &distinct(&raw, source_col, constant)?,
                value_map,
                &mut values,
                spec.name,
            ),
            (FieldType::Timestamp | FieldType::Date, Some(_)) if constant.is_some() => {
                let f = const_formats.get(spec.name).cloned().unwrap_or_default();
                if spec.ty == FieldType::Timestamp {
                    dates::parse_timestamp(&const_name(spec.name), &f, timezone)
                } else {
                    dates::parse_date(&const_name(spec.name), &f, timezone)
                }
            }
            (FieldType::Timestamp | FieldType::Date, Some(_)) => {
                let Some(i) = source_col else {
                    unreachable!("an input is a constant or a column")
                };
                let f = formats[i].clone().unwrap_or_default();
                let parsed = if spec.ty == FieldType::Timestamp {
                    dates::parse_timestamp(&col_name(i), &f, timezone)
                } else {
                    dates::parse_date(&col_name(i), &f, timezone)
                };
                // Checked on the parsed column, once the frame is built.
                date_checks.push((i, spec.name));
                parsed
            }
        };
        exprs.push(expr.alias(spec.name));
    }
    if kind == Kind::Deals {
        add_deal_outcome(&mut exprs, &raw, &recognition.columns, entry, &mut values)?;
    }
    let lines = Series::new("_line".into(), &sniffed.record_lines);
    let mut with_ids = raw.clone();
    if missing.contains(&"id") {
        let ids: Vec<String> = sniffed
            .record_lines
            .iter()
            .map(|l| format!("{file}:{l}"))
            .collect();
        with_ids
            .with_column(Series::new(LINE_ID.into(), ids).into_column())
            .map_err(|e| IngestError::polars(&file, e))?;
    }
    let mut frame = with_ids
        .lazy()
        .select(exprs)
        .collect()
        .map_err(|e| IngestError::polars(&file, e))?;
    for (i, field) in date_checks {
        check_date_failures(
            &file,
            &raw,
            i,
            &headers[i],
            (&frame, field),
            &sniffed,
            &mut warnings,
        )?;
    }
    frame
        .with_column(lines.into_column())
        .map_err(|e| IngestError::polars(&file, e))?;
    let mut extra = vec![
        lit(file.clone()).alias("_file"),
        lit(recognition.source.as_str()).alias("_source"),
    ];
    if kind == Kind::Deals {
        let loss_only = column_of(&recognition.columns, "close_reason")
            .is_some_and(|i| LOSS_ONLY_REASONS.contains(&fields::header_key(&headers[i]).as_str()));
        let won_reason = column_of(&recognition.columns, "won_reason").is_some()
            || constants
                .is_some_and(|c| c.contains_key("won_reason") || c.contains_key("close_reason"));
        extra.push(lit(!loss_only || won_reason).alias("_won_reason_exported"));
    }
    let frame = frame
        .lazy()
        .with_columns(extra)
        .collect()
        .map_err(|e| IngestError::polars(&file, e))?;
    // The frame's number and yes/no fields read from their column (not a constant) are
    // not read again for the warnings.
    let parsed: Vec<bool> = recognition
        .columns
        .iter()
        .enumerate()
        .map(|(i, f)| {
            f.is_some_and(|f| {
                column_of(&recognition.columns, f) == Some(i)
                    && constants.is_none_or(|c| !c.contains_key(f))
            })
        })
        .collect();
    number_warnings(
        &raw,
        (&frame, &parsed),
        &recognition.columns,
        kind,
        headers,
        &mut warnings,
    )
    .map_err(|e| IngestError::polars(&file, e))?;
    keep_unmapped(&raw, &recognition.columns, kind, &file, headers, extras)
        .map_err(|e| IngestError::polars(&file, e))?;

    let report = FileReport {
        kind: Some(kind),
        width: headers.len(),
        columns,
        values,
        absent_fields,
        best_guess: None,
        ..sniffed_report(file, &sniffed, &recognition, warnings)
    };
    let mut report = assess(report, &recognition, entry);
    if kind == Kind::Deals && column_of(&recognition.columns, "lead_id").is_none() {
        report.link_candidates = link_candidates(&raw, headers, &recognition.columns)
            .map_err(|e| IngestError::polars(&report.path, e))?;
    }
    Ok((report, Some(frame)))
}

/// Keeps the columns of `raw` no field was mapped to, as [`ExtraColumn`]s.
fn keep_unmapped(
    raw: &DataFrame,
    columns: &[Option<&'static str>],
    kind: Kind,
    file: &str,
    headers: &[String],
    extras: &mut Vec<ExtraColumn>,
) -> PolarsResult<()> {
    let unmapped: Vec<(usize, &String)> = headers
        .iter()
        .enumerate()
        .filter(|(i, _)| columns[*i].is_none())
        .collect();
    if unmapped.is_empty() {
        return Ok(());
    }
    // One select for all of them: a select per column costs the width of the file each
    // time, and a file of 50,000 columns would take hours.
    let exprs: Vec<Expr> = unmapped
        .iter()
        .map(|(i, _)| {
            let name = col_name(*i);
            let trimmed = col(name.as_str()).str().strip_chars(lit(NULL));
            when(trimmed.clone().eq(lit("")))
                .then(lit(NULL).cast(DataType::String))
                .otherwise(trimmed)
                .alias(name.as_str())
        })
        .collect();
    let trimmed = raw.clone().lazy().select(exprs).collect()?;
    for ((_, header), column) in unmapped.into_iter().zip(trimmed.columns()) {
        let values = column
            .as_materialized_series()
            .clone()
            .with_name(header.as_str().into());
        let levels = values.n_unique()? <= EXTRA_MAX_LEVELS + 1;
        let values = if levels {
            values
        } else {
            let filled = values.is_not_null();
            let s: StringChunked = filled
                .iter()
                .map(|f| f.unwrap_or(false).then_some("filled"))
                .collect();
            s.with_name(header.as_str().into()).into_series()
        };
        extras.push(ExtraColumn {
            kind,
            file: file.to_owned(),
            header: header.clone(),
            values,
            levels,
        });
    }
    Ok(())
}

/// Records of the wrong shape are set aside, unless `strict` (the first refuses the
/// file) or they are more than [`MAX_SET_ASIDE`] of the records (the file is refused,
/// naming the first lines: the delimiter or quoting was probably misread).
fn check_set_aside(file: &str, sniffed: &sniff::Sniffed, strict: bool) -> Result<(), IngestError> {
    let Some(first) = sniffed.set_aside.first() else {
        return Ok(());
    };
    let expected = sniffed.headers.len();
    let total = sniffed.rows + sniffed.set_aside.len();
    if strict {
        return Err(IngestError::Ragged {
            file: file.to_owned(),
            line: first.line,
            expected,
            found: first.found,
            hint: first.hint.clone(),
        });
    }
    if sniffed.set_aside.len() as f64 > total as f64 * MAX_SET_ASIDE {
        let lines: Vec<String> = sniffed
            .set_aside
            .iter()
            .take(5)
            .map(|s| {
                let plural = if s.found == 1 { "" } else { "s" };
                let hint = s
                    .hint
                    .as_deref()
                    .map(|h| format!(": {h}"))
                    .unwrap_or_default();
                format!("line {} has {} field{plural}{hint}", s.line, s.found)
            })
            .collect();
        return Err(IngestError::RaggedMany {
            file: file.to_owned(),
            first_line: sniffed.set_aside.first().map_or(0, |s| s.line),
            count: sniffed.set_aside.len(),
            total,
            expected,
            delimiter: delimiter_name(sniffed.dialect.delimiter),
            lines: lines.join(", "),
        });
    }
    Ok(())
}

/// What a set-aside record's problem was, in words.
pub fn set_aside_problem(row: &sniff::SetAside, expected: usize) -> String {
    let plural = if row.found == 1 { "" } else { "s" };
    let hint = row
        .hint
        .as_deref()
        .map(|h| format!(" ({h})"))
        .unwrap_or_default();
    format!(
        "{} field{plural} where the header has {expected}{hint}",
        row.found
    )
}

fn header_keys(headers: &[String]) -> Vec<String> {
    headers.iter().map(|h| fields::header_key(h)).collect()
}

fn find_header(headers: &[String], wanted: &str) -> Option<usize> {
    headers.iter().position(|h| h == wanted).or_else(|| {
        let key = fields::header_key(wanted);
        headers.iter().position(|h| fields::header_key(h) == key)
    })
}

fn quoted_list(headers: &[String]) -> String {
    let shown: Vec<String> = headers
        .iter()
        .take(12)
        .map(|h| format!("\"{h}\""))
        .collect();
    let more = if headers.len() > 12 {
        format!(" and {} more", headers.len() - 12)
    } else {
        String::new()
    };
    format!("{}{more}", shown.join(", "))
}

/// The raw column holding each record's file and line, the id of a record in a file
/// with no id column.
const LINE_ID: &str = "__line_id";

/// Whether a file of `kind` that lacks a required field is read all the same, with the
/// figures and findings that need the field not available (leads, deals, activities).
fn degradable(kind: Kind) -> bool {
    matches!(kind, Kind::Leads | Kind::Deals | Kind::Activities)
}

/// What reading a file without a required `field` means, for its warnings.
fn absent_warning(kind: Kind, field: &str, file: &str) -> String {
    match field {
        "id" => format!(
            "no {} id column: each record's id is its file and line number (\"{file}:2\" for line 2), so no other file can link to these records",
            match kind {
                Kind::Leads => "lead",
                Kind::Deals => "deal",
                _ => "record",
            }
        ),
        "stage" => format!(
            "no stage or outcome column: the figures and findings that need won and lost {kind} are not available"
        ),
        other => format!(
            "no {} column: the figures and findings that need it are not available",
            field_label(kind, other)
        ),
    }
}

/// A field in words, for "no creation date in leads.csv".
pub fn field_label(kind: Kind, field: &str) -> String {
    match (kind, field) {
        (Kind::Deals, "outcome") => "stage or outcome (won/lost)",
        (Kind::Activities, "timestamp") => "activity date",
        (Kind::Activities, "record_id") => "lead or contact id",
        (_, "id") => "id",
        (_, "created_at") => "creation date",
        (_, "close_date") => "close date",
        (_, "first_touch_at") => "first-touch date",
        (_, "converted_at") => "conversion date",
        (_, "converted") => "converted flag",
        (_, "lifecycle_stage") => "lifecycle stage",
        (_, "lead_id") => "lead id",
        (_, "is_won") => "won flag",
        (_, "is_lost") => "lost flag",
        (_, "close_reason") => "close reason",
        (_, "won_reason") => "won reason",
        (_, "contact_email") => "contact email",
        (_, "out_of_office_from") => "out-of-office dates",
        (_, other) => return other.replace('_', " "),
    }
    .to_owned()
}

fn missing_required(file: &str, kind: Kind, missing: &[&str]) -> IngestError {
    let example = missing
        .iter()
        .map(|f| format!("{f} = \"<column header>\""))
        .collect::<Vec<_>>()
        .join(", ");
    let missing = missing
        .iter()
        .map(|f| {
            match (kind, *f) {
                (Kind::Deals, "stage") => "a stage or an outcome (won/lost)",
                (_, "id") => "the record id",
                (_, "created_at") => "the date the record was created",
                (_, "record_id") => "the id of the lead or contact it belongs to",
                (_, "timestamp") => "the date of the activity",
                (_, "owner") => "the owner's name",
                (_, "company") => "the company name",
                (_, other) => other,
            }
            .to_owned()
        })
        .collect::<Vec<_>>()
        .join(" or ");
    IngestError::MissingRequired {
        file: file.to_owned(),
        kind: match kind {
            Kind::Leads => "a lead",
            Kind::Deals => "a deal",
            Kind::Activities => "an activity",
            Kind::Owners => "an owner roster",
            Kind::Accounts => "an account",
        }
        .to_owned(),
        missing,
        example,
    }
}

fn check_duplicate_headers(
    file: &str,
    headers: &[String],
    columns: &[Option<&'static str>],
) -> Result<(), IngestError> {
    let keys = header_keys(headers);
    for (i, field) in columns.iter().enumerate() {
        if field.is_none() || keys[i].is_empty() {
            continue;
        }
        if let Some(j) = (0..headers.len()).find(|&j| j != i && keys[j] == keys[i]) {
            let (first, second) = (i.min(j) + 1, i.max(j) + 1);
            return Err(IngestError::DuplicateHeader {
                file: file.to_owned(),
                name: headers[i].clone(),
                first,
                second,
            });
        }
    }
    Ok(())
}

fn delimiter_name(d: u8) -> String {
    match d {
        b'\t' => "tab".to_owned(),
        other => (other as char).to_string(),
    }
}

fn dtype_of(ty: FieldType) -> DataType {
    match ty {
        FieldType::Text | FieldType::Outcome => DataType::String,
        FieldType::Number => DataType::Float64,
        FieldType::Bool => DataType::Boolean,
        FieldType::Date => DataType::Date,
        FieldType::Timestamp => DataType::Datetime(TimeUnit::Milliseconds, Some(TimeZone::UTC)),
    }
}

/// Reads every record of the file as text: columns `c0`, `c1`, … by position.
///
/// The records are read with the same CSV reader and settings as the sniff's pass, so
/// both see the same records; a record is kept when it starts at the byte offset of a
/// record the sniff kept (set-aside rows, lines of spaces and footers are skipped).
fn read_strings(sniffed: &sniff::Sniffed, file: &str) -> Result<DataFrame, IngestError> {
    let io = |error| IngestError::Io {
        file: file.to_owned(),
        error,
    };
    let width = sniffed.headers.len();
    let mut builders: Vec<StringChunkedBuilder> = (0..width)
        .map(|i| StringChunkedBuilder::new(col_name(i).into(), sniffed.rows))
        .collect();
    // Decoded text stays in memory: no copy of the data on disk.
    let mut rdr = sniff::csv_reader(
        sniffed.dialect,
        sniffed.data.open_at(sniffed.data_start).map_err(io)?,
    );
    let mut base = sniffed.data_start;
    // Where the sniff resumed after a quote that never closed.
    let resumes: BTreeMap<u64, u64> = sniffed
        .set_aside
        .iter()
        .filter_map(|r| r.resume.map(|at| (r.byte, at)))
        .collect();
    let mut record = csv::ByteRecord::new();
    let mut wanted = sniffed.record_bytes.iter().peekable();
    while wanted.peek().is_some() {
        let more = rdr
            .read_byte_record(&mut record)
            .map_err(|e| IngestError::Malformed {
                file: file.to_owned(),
                line: e.position().map_or(0, |p| p.line() as u32),
                detail: e.to_string(),
            })?;
        if !more {
            break;
        }
        let byte = base + record.position().map_or(u64::MAX - base, |p| p.byte());
        if let Some(&at) = resumes.get(&byte) {
            rdr = sniff::csv_reader(sniffed.dialect, sniffed.data.open_at(at).map_err(io)?);
            base = at;
            continue;
        }
        if wanted.peek() != Some(&&byte) {
            continue;
        }
        wanted.next();
        for (i, b) in builders.iter_mut().enumerate() {
            match record.get(i) {
                Some(v) if !v.is_empty() => b.append_value(String::from_utf8_lossy(v)),
                _ => b.append_null(),
            }
        }
    }
    let columns: Vec<Column> = builders
        .into_iter()
        .map(|b| b.finish().into_series().into_column())
        .collect();
    let height = columns.first().map_or(0, Column::len);
    if height != sniffed.rows {
        return Err(IngestError::Polars {
            file: file.to_owned(),
            detail: format!(
                "read {height} records where {} were counted; please report this file",
                sniffed.rows
            ),
        });
    }
    DataFrame::new(height, columns).map_err(|e| IngestError::polars(file, e))
}

/// Trimmed text, empty as null.
fn text(e: Expr) -> Expr {
    let t = e.str().strip_chars(lit(NULL));
    when(t.clone().eq(lit("")))
        .then(lit(NULL).cast(DataType::String))
        .otherwise(t)
}

fn remap(e: Expr, map: &BTreeMap<String, String>) -> Expr {
    let mut out = e.clone();
    for (raw, value) in map {
        out = when(e.clone().eq(lit(raw.clone())))
            .then(lit(value.clone()))
            .otherwise(out);
    }
    out
}

/// A number from text such as "$1,234.50", "1.234,50 €", "51-200" (a range: its
/// midpoint) or "1000+".
///
/// Fast path (#11): a value that a plain cast reads as a finite number without an
/// exponent ("1234.5", "-12") is that number, which is what the cleaning below gives it
/// too; only the other values are cleaned, once per distinct value.
fn number(e: Expr) -> Expr {
    let fast = e.clone().cast(DataType::Float64);
    let plain = fast
        .clone()
        .is_finite()
        .fill_null(lit(false))
        .and(e.clone().str().contains_literal(lit("e")).not())
        .and(e.clone().str().contains_literal(lit("E")).not())
        .fill_null(lit(false));
    let rest = when(plain.clone())
        .then(lit(NULL).cast(DataType::String))
        .otherwise(e);
    when(plain)
        .then(fast)
        .otherwise(crate::metrics::expr::per_distinct(
            rest,
            DataType::Float64,
            number_cleaned,
        ))
}

/// [`number`] by cleaning the text with regular expressions.
fn number_cleaned(e: Expr) -> Expr {
    let range = r"^\s*(\d+(?:\.\d+)?)\s*[-–]\s*(\d+(?:\.\d+)?)\s*$";
    let lo = e
        .clone()
        .str()
        .extract(lit(range), 1)
        .cast(DataType::Float64);
    let hi = e
        .clone()
        .str()
        .extract(lit(range), 2)
        .cast(DataType::Float64);
    let cleaned = e
        .clone()
        .str()
        .replace_all(lit(r"[^\d,.\-]"), lit(""), false);
    // "1.234,50" and "12,5": a decimal comma.
    let european = cleaned
        .clone()
        .str()
        .contains(lit(r"^-?\d{1,3}(\.\d{3})+,\d+$|^-?\d+,\d{1,2}$"), false);
    let as_european = cleaned
        .clone()
        .str()
        .replace_all(lit("."), lit(""), true)
        .str()
        .replace_all(lit(","), lit("."), true);
    let as_english = cleaned.str().replace_all(lit(","), lit(""), true);
    let plain = when(european)
        .then(as_european)
        .otherwise(as_english)
        .cast(DataType::Float64);
    when(lo.clone().is_not_null())
        .then((lo + hi) / lit(2.0))
        .otherwise(plain)
}

/// yes/no, true/false, 1/0, y/n, t/f, x; anything else is null. Computed once per
/// distinct value.
fn boolean(e: Expr) -> Expr {
    crate::metrics::expr::per_distinct(e, DataType::Boolean, boolean_per_row)
}

fn boolean_per_row(e: Expr) -> Expr {
    let l = e.str().to_lowercase();
    when(
        l.clone()
            .str()
            .contains(lit(r"^(true|yes|y|t|1|x|checked|active|won)$"), false),
    )
    .then(lit(true))
    .when(
        l.str()
            .contains(lit(r"^(false|no|n|f|0|unchecked|inactive)$"), false),
    )
    .then(lit(false))
    .otherwise(lit(NULL).cast(DataType::Boolean))
}

/// The outcome a deal stage or status label means: "Closed Won", "closedwon", "Won",
/// "won" → won; "Closed Lost", "Lost" → lost; anything else → open.
pub fn outcome_of_label(label: &str) -> &'static str {
    let key = fields::header_key(label);
    let won =
        key == "won" || key.contains("closedwon") || key.starts_with("won") || key.ends_with("won");
    let lost = key == "lost"
        || key.contains("closedlost")
        || key.starts_with("lost")
        || key.ends_with("lost");
    match (won, lost) {
        (true, false) => "won",
        (false, true) => "lost",
        _ => "open",
    }
}

/// The distinct trimmed values of a column (or the constant).
fn distinct(
    raw: &DataFrame,
    column: Option<usize>,
    constant: Option<&String>,
) -> Result<Vec<String>, IngestError> {
    if let Some(c) = constant {
        return Ok(vec![c.trim().to_owned()]);
    }
    let Some(i) = column else {
        return Ok(Vec::new());
    };
    let out = raw
        .clone()
        .lazy()
        .select([text(col(col_name(i)))
            .drop_nulls()
            .unique_stable()
            .alias("v")])
        .collect()
        .map_err(|e| IngestError::polars("distinct values", e))?;
    let s = out
        .column("v")
        .map_err(|e| IngestError::polars("distinct values", e))?;
    let ca = s
        .str()
        .map_err(|e| IngestError::polars("distinct values", e))?;
    Ok(ca.iter().flatten().map(str::to_owned).collect())
}

/// Maps labels to outcomes (the mapping's values first, then [`outcome_of_label`]) and
/// records the map in `values[name]`.
fn outcome_from_labels(
    e: Expr,
    labels: &[String],
    given: Option<&BTreeMap<String, String>>,
    values: &mut BTreeMap<String, BTreeMap<String, String>>,
    name: &str,
) -> Expr {
    let mut map = BTreeMap::new();
    for label in labels {
        let outcome = given
            .and_then(|g| g.get(label))
            .cloned()
            .unwrap_or_else(|| outcome_of_label(label).to_owned());
        map.insert(label.clone(), outcome);
    }
    let by = |o: &str| -> Series {
        let v: Vec<&str> = map
            .iter()
            .filter(|(_, out)| out.as_str() == o)
            .map(|(l, _)| l.as_str())
            .collect();
        Series::new("labels".into(), v)
    };
    let won = by("won");
    let lost = by("lost");
    let expr = when(e.clone().is_null())
        .then(lit(NULL).cast(DataType::String))
        .when(e.clone().is_in(lit(won).implode(false), false))
        .then(lit("won"))
        .when(e.is_in(lit(lost).implode(false), false))
        .then(lit("lost"))
        .otherwise(lit("open"));
    values.insert(name.to_owned(), map);
    expr
}

/// A deal's outcome: the outcome column if there is one, else the won/closed/lost flags,
/// else the stage's label. Replaces the `outcome` expression and makes a won deal's
/// `close_reason` its won reason when it has one.
fn add_deal_outcome(
    exprs: &mut [Expr],
    raw: &DataFrame,
    columns: &[Option<&'static str>],
    entry: Option<&FileMapping>,
    values: &mut BTreeMap<String, BTreeMap<String, String>>,
) -> Result<(), IngestError> {
    let flag = |f: &str| column_of(columns, f).map(|i| boolean(text(col(col_name(i)))));
    let from_flags = match (flag("is_won"), flag("is_closed"), flag("is_lost")) {
        (None, None, None) => None,
        (won, closed, lost) => {
            let won = won.unwrap_or(lit(NULL).cast(DataType::Boolean));
            let closed = closed.unwrap_or(lit(NULL).cast(DataType::Boolean));
            let lost = lost.unwrap_or(lit(NULL).cast(DataType::Boolean));
            Some(
                when(won.clone().eq(lit(true)))
                    .then(lit("won"))
                    .when(lost.clone().eq(lit(true)))
                    .then(lit("lost"))
                    .when(closed.clone().eq(lit(true)))
                    .then(lit("lost"))
                    .when(
                        closed
                            .eq(lit(false))
                            .or(won.eq(lit(false)).and(lost.eq(lit(false)))),
                    )
                    .then(lit("open"))
                    .otherwise(lit(NULL).cast(DataType::String)),
            )
        }
    };
    let stage_col = column_of(columns, "stage");
    let from_stage = match stage_col {
        Some(i) => {
            let labels = distinct(raw, Some(i), None)?;
            let mut stage_values = BTreeMap::new();
            let e = outcome_from_labels(
                text(col(col_name(i))),
                &labels,
                entry.and_then(|e| e.values.get("outcome")),
                &mut stage_values,
                "outcome",
            );
            if !values.contains_key("outcome") {
                values.extend(stage_values);
            }
            Some(e)
        }
        None => None,
    };
    let fields = Kind::Deals.fields();
    let at = |name: &str| {
        fields
            .iter()
            .position(|f| f.name == name)
            .expect("a deals field")
    };
    let outcome_at = at("outcome");
    let has_outcome_input = column_of(columns, "outcome").is_some()
        || entry.is_some_and(|e| e.constants.contains_key("outcome"));
    let mut parts = Vec::new();
    if has_outcome_input {
        parts.push(exprs[outcome_at].clone());
    }
    parts.extend(from_flags);
    parts.extend(from_stage);
    let outcome = if parts.is_empty() {
        lit(NULL).cast(DataType::String)
    } else {
        coalesce(&parts)
    };
    exprs[outcome_at] = outcome.clone().alias("outcome");
    let reason_at = at("close_reason");
    let won_reason = exprs[at("won_reason")].clone();
    let reason = exprs[reason_at].clone();
    exprs[reason_at] = when(outcome.eq(lit("won")).and(won_reason.clone().is_not_null()))
        .then(won_reason)
        .otherwise(reason)
        .alias("close_reason");
    Ok(())
}

/// Does an unmapped column look like dates? Checked on its first 500 values.
fn looks_like_dates(raw: &DataFrame, column: &str) -> PolarsResult<bool> {
    let head = raw.head(Some(500));
    // Every date shape starts with a digit: a column where fewer than half of the values
    // do is not dates, as [`dates::infer`] would find, without its regular expressions.
    let (mut total, mut digits) = (0usize, 0usize);
    for v in head.column(column)?.str()?.iter().flatten() {
        total += 1;
        if v.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
            digits += 1;
        }
    }
    if digits * 2 < total || total == 0 {
        return Ok(false);
    }
    Ok(!matches!(dates::infer(&head, column)?, Inference::NotDates))
}

/// Counts the values of column `index` of `raw` that are present but that the built
/// frame's `field` could not read as dates; warns, or refuses the file when too many.
fn check_date_failures(
    file: &str,
    raw: &DataFrame,
    index: usize,
    header: &str,
    (frame, field): (&DataFrame, &str),
    sniffed: &sniff::Sniffed,
    warnings: &mut Vec<String>,
) -> Result<(), IngestError> {
    const PARSED: &str = "__parsed";
    let polars = |e| IngestError::polars(file, e);
    let name = col_name(index);
    let mut parsed = frame.column(field).map_err(polars)?.clone();
    parsed.rename(PARSED.into());
    let pair = DataFrame::new(
        raw.height(),
        vec![raw.column(&name).map_err(polars)?.clone(), parsed],
    )
    .map_err(polars)?;
    let dates::Failures {
        failed,
        present: total,
        examples,
    } = dates::failures(&pair, &name, col(PARSED)).map_err(polars)?;
    if failed == 0 {
        return Ok(());
    }
    let examples = examples
        .iter()
        .map(|(row, v)| {
            let note = if beyond_clock(v) {
                " (outside the years 1678 to 2261)"
            } else {
                ""
            };
            format!(
                "{} {}: \"{v}\"{note}",
                line_word(file),
                sniffed.line_of(*row as usize)
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    if failed as f64 > total as f64 * MAX_DATE_FAILURES {
        return Err(IngestError::UnparseableDates(Box::new(
            error::UnparseableDates {
                file: file.to_owned(),
                index: index + 1 + sniffed.column_offset,
                column: header.to_owned(),
                failed,
                total,
                examples,
            },
        )));
    }
    warnings.push(format!(
        "column \"{header}\": {failed} of {total} values are not dates that can be read and count as missing ({examples})"
    ));
    Ok(())
}

/// Does the value hold a year the importer does not read (see [`dates::EARLIEST_MS`])?
fn beyond_clock(value: &str) -> bool {
    value
        .split(|c: char| !c.is_ascii_digit())
        .filter(|t| t.len() == 4)
        .filter_map(|t| t.parse::<i32>().ok())
        .any(|y| !(1678..=2261).contains(&y))
}

/// Warns about number columns with values that are not numbers.
///
/// `built` is the file's frame, and for each column whether the frame's field was read
/// from it: those values are taken from the frame rather than parsed again (#11).
fn number_warnings(
    raw: &DataFrame,
    built: (&DataFrame, &[bool]),
    columns: &[Option<&'static str>],
    kind: Kind,
    headers: &[String],
    warnings: &mut Vec<String>,
) -> PolarsResult<()> {
    const PARSED: &str = "__parsed";
    for (i, field) in columns.iter().enumerate() {
        let Some(spec) = field.and_then(|f| kind.field(f)) else {
            continue;
        };
        if !matches!(spec.ty, FieldType::Number | FieldType::Bool) {
            continue;
        }
        let (source, parsed) = if built.1.get(i) == Some(&true) {
            let mut p = built.0.column(spec.name)?.clone();
            p.rename(PARSED.into());
            let pair = DataFrame::new(raw.height(), vec![raw.column(&col_name(i))?.clone(), p])?;
            (pair, col(PARSED))
        } else if spec.ty == FieldType::Number {
            (raw.clone(), number(text(col(col_name(i)))))
        } else {
            (
                raw.clone(),
                boolean(text(col(col_name(i)))).cast(DataType::UInt32),
            )
        };
        let present = text(col(col_name(i))).is_not_null();
        let out = source
            .lazy()
            .select([present
                .and(parsed.is_null())
                .cast(DataType::UInt32)
                .sum()
                .alias("n")])
            .collect()?;
        let n = out.column("n")?.get(0)?.extract::<u32>().unwrap_or(0);
        if n > 0 {
            let what = if spec.ty == FieldType::Number {
                "numbers"
            } else {
                "yes/no values"
            };
            warnings.push(format!(
                "column \"{}\": {n} value(s) are not {what} and count as missing",
                headers[i]
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
