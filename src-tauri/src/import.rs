//! Import commands: what the core makes of each file, with its mapping, and saving the
//! mapping to the workspace.
//!
//! Files are inspected one by one, so one broken file does not hide what the core made
//! of the others; each file's error keeps the core's message and, where the core gives
//! them, its line, its column and the two readings of ambiguous dates.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use leadaudit::ingest::{
    self, FieldType, FileMapping, FileReport, IngestError, Inspection, Kind, Mapping, Options,
    Progress,
};
use leadaudit::store::Store;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime};

use crate::CommandError;
use crate::commands::sample_dir;
use crate::error::ingest_code;

/// The event that reports a long read's progress.
pub const PROGRESS_EVENT: &str = "import-progress";
/// How often, at most, progress is sent to the window while a file is read.
pub(crate) const PROGRESS_EVERY: Duration = Duration::from_millis(80);
/// The extensions of files taken from a dropped folder (besides workbooks').
const TABULAR: [&str; 3] = ["csv", "tsv", "txt"];

/// One canonical field, for the mapping dropdowns.
#[derive(Debug, Clone, Serialize)]
pub struct FieldInfo {
    pub name: &'static str,
    #[serde(rename = "type")]
    pub ty: FieldType,
}

/// The canonical fields of one kind of file, and what it must provide (each inner
/// list is one requirement any of whose fields satisfies it).
#[derive(Debug, Clone, Serialize)]
pub struct KindInfo {
    pub kind: Kind,
    pub fields: Vec<FieldInfo>,
    pub required: Vec<Vec<&'static str>>,
}

/// A CSV file of the bundled sample.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SampleExport {
    /// The path under the sample folder, e.g. "2026Q2/contacts.csv".
    pub name: String,
    pub path: String,
    pub bytes: u64,
}

/// The two readings of an ambiguous date column, for the user to choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ambiguity {
    pub column: String,
    pub example: String,
    pub day_first: String,
    pub month_first: String,
}

/// Why a file could not be read: the core's message, with where it happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileError {
    pub code: &'static str,
    pub message: String,
    /// A mapping can fix it ([`IngestError::fixable_by_mapping`]): the app opens the
    /// file's mapping.
    pub fixable_by_mapping: bool,
    pub line: Option<u32>,
    /// The column's header, when the error is about one column.
    pub column: Option<String>,
    pub ambiguous: Option<Ambiguity>,
}

impl FileError {
    pub fn of(err: &IngestError) -> FileError {
        let mut out = FileError {
            code: ingest_code(err),
            message: err.to_string(),
            fixable_by_mapping: err.fixable_by_mapping(),
            line: None,
            column: None,
            ambiguous: None,
        };
        match err {
            IngestError::HeaderOnly { .. } => out.line = Some(1),
            IngestError::DuplicateHeader { name, .. } => {
                out.line = Some(1);
                out.column = Some(name.clone());
            }
            IngestError::Binary { line, .. }
            | IngestError::Undecodable { line, .. }
            | IngestError::Malformed { line, .. }
            | IngestError::Ragged { line, .. } => out.line = Some(*line),
            IngestError::RaggedMany { first_line, .. } if *first_line > 0 => {
                out.line = Some(*first_line)
            }
            IngestError::MappingColumnMissing { column, .. } => out.column = Some(column.clone()),
            IngestError::AmbiguousDates(a) => {
                out.column = Some(a.column.clone());
                out.ambiguous = Some(Ambiguity {
                    column: a.column.clone(),
                    example: a.example.clone(),
                    day_first: a.day_first.clone(),
                    month_first: a.month_first.clone(),
                });
            }
            IngestError::UnparseableDates(u) => out.column = Some(u.column.clone()),
            _ => {}
        }
        out
    }
}

/// What the core made of one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReading {
    /// The path as given.
    pub path: String,
    /// The file name (what the mapping matches on).
    pub name: String,
    /// The core's report: kind, source, rows, columns → fields, date formats, value
    /// maps, warnings; for a file not used, why, its best guess (kind, each column's
    /// field, confidence), what it lacks and the mapping lines that fix it. `None` when
    /// the file could not be read.
    pub report: Option<FileReport>,
    /// The file's column headers (also when it could not be read but its header could).
    pub headers: Vec<String>,
    /// The mapping entry that reproduces this reading (`None` when there is none).
    pub entry: Option<FileMapping>,
    /// Why the file could not be read, or (with a report) why it cannot be used as it
    /// is: what the mapping must fix.
    pub error: Option<FileError>,
    /// How sure the core is of the kind (or of its best guess), in words: "85%".
    pub sure: Option<String>,
}

/// The answer of `inspect_files`.
#[derive(Debug, Clone, Serialize)]
pub struct Reading {
    /// The time zone naive timestamps were read in.
    pub timezone: String,
    pub files: Vec<FileReading>,
    /// The mapping given (or the workspace's), with the entry of every file read
    /// replaced by the one that reproduces its reading.
    pub mapping: Mapping,
}

/// A progress report, as the `import-progress` event carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportProgress {
    pub path: String,
    pub file: String,
    pub bytes_read: u64,
    pub bytes_total: u64,
    pub rows: u64,
    /// How much of the file is read, in words: "42%".
    pub read: String,
}

/// The file paths to read: the paths given, with folders replaced by the CSV, TSV, TXT
/// and workbook files directly in them (sorted), each workbook by its sheets that hold
/// something (`book.xlsx#Deals`), and duplicates dropped.
pub fn expand(paths: &[String]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    for p in paths {
        let path = PathBuf::from(p.trim());
        let found = if path.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(&path)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.is_file()
                        && (ingest::workbook::is_workbook(p)
                            || p.extension().is_some_and(|e| {
                                TABULAR.contains(&e.to_string_lossy().to_lowercase().as_str())
                            }))
                })
                .collect();
            files.sort();
            files
        } else {
            vec![path]
        };
        // A workbook that cannot be opened stays whole: reading it says why.
        let found: Vec<PathBuf> = found
            .into_iter()
            .flat_map(|f| ingest::workbook::expand(&f).unwrap_or_else(|_| vec![f]))
            .collect();
        for f in found {
            if !out.contains(&f) {
                out.push(f);
            }
        }
    }
    out
}

/// Points `mapping`'s entry for `entry.path`'s file (as the core matches files) at
/// `entry`, or adds it.
fn put_entry(mapping: &mut Mapping, entry: FileMapping) {
    let existing = mapping
        .for_file(Path::new(&entry.path))
        .map(|found| found as *const FileMapping);
    match existing.and_then(|ptr| mapping.files.iter().position(|f| std::ptr::eq(f, ptr))) {
        Some(i) => mapping.files[i] = entry,
        None => mapping.files.push(entry),
    }
}

/// Reads one file with `mapping`: the core's report or its error.
pub fn read_one(
    path: &Path,
    mapping: &Mapping,
    timezone: &str,
    strict: bool,
    progress: &mut dyn FnMut(&str, Progress),
) -> FileReading {
    let given = mapping.for_file(path).cloned();
    let mut options = Options {
        timezone: timezone.to_owned(),
        mapping: Some(mapping),
        progress: Some(progress),
        // Ragged rows are set aside (and said), unless the workspace's settings refuse them.
        strict,
    };
    let name = ingest::sniff::display_name(path);
    // As `leadaudit inspect`: a file that is read but cannot be used as it is comes
    // back with the core's best guess (kind, columns, confidence), what it lacks and
    // the error a strict read gives, so the user can fix it here.
    let result = ingest::inspect_lenient(&[path.to_path_buf()], &mut options);
    match result {
        Ok(Inspection { timezone, files }) => {
            let report = files.into_iter().next();
            let error = report
                .as_ref()
                .and_then(|r| r.unusable.as_deref())
                .map(FileError::of);
            let entry = match &report {
                Some(r) if r.kind.is_some() => {
                    let one = Inspection {
                        timezone,
                        files: vec![r.clone()],
                    };
                    let mut entry = ingest::mapping_of(&one).files.remove(0);
                    // The reading has no constants: keep the ones the mapping gave.
                    if let Some(g) = &given {
                        entry.constants = g.constants.clone();
                    }
                    Some(entry)
                }
                _ => given,
            };
            FileReading {
                path: path.display().to_string(),
                name,
                headers: report
                    .as_ref()
                    .map(|r| r.columns.iter().map(|c| c.name.clone()).collect())
                    .unwrap_or_default(),
                sure: report.as_ref().map(FileReport::sure),
                report,
                entry,
                error,
            }
        }
        Err(err) => {
            // The header, when it can be read, lets the user fix the mapping.
            let headers = if err.fixable_by_mapping() {
                ingest::sniff::sniff(path, &mut |_| {})
                    .map(|s| s.headers)
                    .unwrap_or_default()
            } else {
                Vec::new()
            };
            FileReading {
                path: path.display().to_string(),
                name,
                report: None,
                headers,
                entry: given,
                error: Some(FileError::of(&err)),
                sure: None,
            }
        }
    }
}

/// Reads every file; `emit` receives the progress of each, at most every 80 ms (and
/// always at a file's end).
pub fn read_all(
    paths: &[PathBuf],
    mut mapping: Mapping,
    timezone: &str,
    strict: bool,
    emit: &mut dyn FnMut(ImportProgress),
) -> Reading {
    let mut files = Vec::new();
    for path in paths {
        let mut throttle = Throttle::default();
        let shown = path.display().to_string();
        let mut progress = |file: &str, p: Progress| {
            if throttle.due(&p) {
                emit(ImportProgress {
                    path: shown.clone(),
                    file: file.to_owned(),
                    bytes_read: p.bytes_read,
                    bytes_total: p.bytes_total,
                    rows: p.rows,
                    read: p.read(),
                });
            }
        };
        let reading = read_one(path, &mapping, timezone, strict, &mut progress);
        if let Some(entry) = reading.entry.clone().filter(|_| reading.error.is_none()) {
            put_entry(&mut mapping, entry);
        }
        files.push(reading);
    }
    Reading {
        timezone: mapping
            .timezone
            .clone()
            .unwrap_or_else(|| timezone.to_owned()),
        files,
        mapping,
    }
}

/// Checks a mapping as the core reads mapping files.
fn checked(mapping: &Mapping) -> Result<Mapping, CommandError> {
    Ok(Mapping::parse(
        &mapping.to_toml(),
        Path::new("the mapping"),
    )?)
}

/// The workspace's saved mapping ([`leadaudit::audit::saved_mapping`]), or an empty one.
pub(crate) fn saved_mapping(store: &Store) -> Result<Mapping, CommandError> {
    Ok(leadaudit::audit::saved_mapping(store)?.unwrap_or_default())
}

/// Passes a read's progress on at most every [`PROGRESS_EVERY`], and always at a
/// file's end: the one throttle of the import's and the audit's progress events.
#[derive(Debug, Default)]
pub(crate) struct Throttle {
    last: Option<Instant>,
}

impl Throttle {
    /// Whether `p` is to be sent now.
    pub(crate) fn due(&mut self, p: &Progress) -> bool {
        let done = p.bytes_read >= p.bytes_total;
        if done || self.last.is_none_or(|t| t.elapsed() >= PROGRESS_EVERY) {
            self.last = Some(Instant::now());
            true
        } else {
            false
        }
    }
}

#[tauri::command]
pub fn canonical_fields() -> Vec<KindInfo> {
    Kind::ALL
        .iter()
        .map(|&kind| KindInfo {
            kind,
            fields: kind
                .fields()
                .iter()
                .map(|f| FieldInfo {
                    name: f.name,
                    ty: f.ty,
                })
                .collect(),
            required: kind.required().iter().map(|alts| alts.to_vec()).collect(),
        })
        .collect()
}

/// The CSV files of the bundled sample (two folders deep), sorted by name.
#[tauri::command]
pub fn sample_exports() -> Result<Vec<SampleExport>, CommandError> {
    let root = sample_dir()?;
    let mut out = Vec::new();
    let mut stack = vec![(root.clone(), 0)];
    while let Some((dir, depth)) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() && depth < 2 {
                stack.push((path, depth + 1));
            } else if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
            {
                out.push(SampleExport {
                    name: path
                        .strip_prefix(&root)
                        .unwrap_or(&path)
                        .display()
                        .to_string(),
                    bytes: entry.metadata().map(|m| m.len()).unwrap_or(0),
                    path: path.display().to_string(),
                });
            }
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Reads `paths` with `mapping` (default: the workspace's saved mapping) in the
/// workspace's time zone, off the main thread, sending `import-progress` events.
#[tauri::command]
pub async fn inspect_files<R: Runtime>(
    app: AppHandle<R>,
    workspace: String,
    paths: Vec<String>,
    mapping: Option<Mapping>,
) -> Result<Reading, CommandError> {
    let store = Store::open_read_only(Path::new(&workspace))?;
    let settings = store.workspace()?.settings;
    let (timezone, strict) = (settings.timezone, settings.strict_rows);
    let mapping = match mapping {
        Some(m) => checked(&m)?,
        None => saved_mapping(&store)?,
    };
    drop(store);
    let files = expand(&paths);
    tauri::async_runtime::spawn_blocking(move || {
        read_all(&files, mapping, &timezone, strict, &mut |p| {
            let _ = app.emit_to("main", PROGRESS_EVENT, p);
        })
    })
    .await
    .map_err(|e| CommandError::new("internal", e))
}

/// Saves the mapping to the workspace (it becomes the current one); returns it as the
/// TOML mapping file the CLI reads.
#[tauri::command]
pub fn save_mapping(workspace: String, mapping: Mapping) -> Result<String, CommandError> {
    let mapping = checked(&mapping)?;
    let toml = mapping.to_toml();
    Store::open(Path::new(&workspace))?.save_mapping(&toml)?;
    Ok(toml)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    const LEADS: &str = "Record ID,Email,Create Date,Contact owner,Rep\n\
                         1,a@x.com,2026-04-01 09:00,Ann,Bo\n\
                         2,b@x.com,2026-04-02 10:30,Ann,Bo\n";

    #[test]
    fn the_strict_setting_refuses_a_ragged_row_that_is_otherwise_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::from("Record ID,Email,Create Date\n");
        for i in 1..=40 {
            text.push_str(&format!("{i},p{i}@x.com,2026-04-01 09:00\n"));
        }
        text.push_str("41,q@x.com,2026-04-01 09:00,extra\n");
        let path = write(dir.path(), "contacts.csv", &text);
        let lenient = read_with(&path, Mapping::default());
        assert!(lenient.files[0].error.is_none());
        let strict = read_all(&[path], Mapping::default(), "UTC", true, &mut |_| {});
        let error = strict.files[0].error.as_ref().expect("refused");
        assert_eq!(error.line, Some(42), "{}", error.message);
    }

    /// `path` read with `mapping`, leniently, in UTC.
    fn read_with(path: &Path, mapping: Mapping) -> Reading {
        read_all(&[path.to_path_buf()], mapping, "UTC", false, &mut |_| {})
    }

    fn field_of<'a>(r: &'a FileReading, column: &str) -> Option<&'a str> {
        r.report
            .as_ref()
            .unwrap()
            .columns
            .iter()
            .find(|c| c.name == column)
            .and_then(|c| c.field)
    }

    #[test]
    fn one_broken_file_does_not_hide_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let good = write(dir.path(), "contacts.csv", LEADS);
        let bad = repo().join("tests/data/bad/ragged-extra-field.csv");
        let mut seen = Vec::new();
        let reading = read_all(&[bad, good], Mapping::default(), "UTC", false, &mut |p| {
            seen.push(p)
        });
        assert_eq!(reading.files.len(), 2);
        let err = reading.files[0].error.as_ref().unwrap();
        // One of its three records is ragged: too many to set aside, so the file is
        // refused, naming the line.
        assert_eq!(err.code, "file_ragged");
        assert!(
            !err.fixable_by_mapping,
            "a ragged file is fixed in the file"
        );
        assert_eq!(err.line, Some(3));
        assert!(
            err.message.starts_with(
                "ragged-extra-field.csv: 1 of 3 records do not have the header's 3 fields \
                 (line 3 has 4 fields)"
            ),
            "{}",
            err.message
        );
        let ok = &reading.files[1];
        assert!(ok.error.is_none());
        assert_eq!(ok.report.as_ref().unwrap().kind, Some(Kind::Leads));
        assert_eq!(ok.report.as_ref().unwrap().rows, 2);
        assert_eq!(ok.headers.len(), 5);
        // The mapping now holds the reading of the good file only.
        assert_eq!(reading.mapping.files.len(), 1);
        assert_eq!(reading.mapping.files[0].path, "contacts.csv");
        assert_eq!(reading.mapping.files[0].columns["owner"], "Contact owner");
        // The last progress report of each file is its end.
        let last = seen
            .iter()
            .rev()
            .find(|p| p.file == "contacts.csv")
            .unwrap();
        assert_eq!(last.bytes_read, LEADS.len() as u64);
        assert_eq!(last.bytes_total, LEADS.len() as u64);
        assert_eq!(last.rows, 2);
    }

    #[test]
    fn an_edited_entry_changes_the_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "contacts.csv", LEADS);
        let first = read_with(&path, Mapping::default());
        assert_eq!(field_of(&first.files[0], "Contact owner"), Some("owner"));
        assert_eq!(field_of(&first.files[0], "Rep"), None);

        let mut mapping = first.mapping.clone();
        mapping.files[0]
            .columns
            .insert("owner".into(), "Rep".into());
        let second = read_with(&path, mapping);
        assert_eq!(field_of(&second.files[0], "Rep"), Some("owner"));
        assert_eq!(field_of(&second.files[0], "Contact owner"), None);
        assert_eq!(second.mapping.files.len(), 1);
        assert_eq!(second.mapping.files[0].columns["owner"], "Rep");
    }

    #[test]
    fn ambiguous_dates_carry_both_readings_and_the_choice_resolves_them() {
        let path = repo().join("tests/data/bad/ambiguous-dates.csv");
        let first = read_with(&path, Mapping::default());
        let f = &first.files[0];
        let err = f.error.as_ref().unwrap();
        assert_eq!(err.code, "ambiguous_dates");
        assert!(err.fixable_by_mapping, "the date format is the mapping's");
        let a = err.ambiguous.as_ref().unwrap();
        assert_ne!(a.day_first, a.month_first);
        assert!(err.message.contains(&a.day_first) && err.message.contains(&a.month_first));
        assert!(!f.headers.is_empty(), "the header is still shown");
        assert!(f.headers.contains(&a.column));

        let mut mapping = Mapping::default();
        put_entry(
            &mut mapping,
            FileMapping {
                path: "ambiguous-dates.csv".into(),
                date_formats: BTreeMap::from([(a.column.clone(), a.day_first.clone())]),
                ..FileMapping::default()
            },
        );
        let second = read_with(&path, mapping);
        let f = &second.files[0];
        assert!(f.error.is_none(), "{:?}", f.error);
        let col = f
            .report
            .as_ref()
            .unwrap()
            .columns
            .iter()
            .find(|c| c.name == a.column)
            .unwrap();
        assert_eq!(col.date_format.as_deref(), Some(a.day_first.as_str()));
    }

    const UNKNOWN: &str = "ref,when,mail,channel\n\
                           A1,2026-04-01,a@x.com,ads\n\
                           A2,2026-04-02,b@x.com,seo\n\
                           A3,2026-04-03,c@x.com,ads\n";

    #[test]
    fn an_unrecognised_file_comes_with_the_best_guess_and_the_kind_chosen_fixes_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "stuff.csv", UNKNOWN);
        let first = read_with(&path, Mapping::default());
        let f = &first.files[0];
        // Read, not refused: no error, a report that is not used, with a guess.
        assert!(f.error.is_none(), "{:?}", f.error);
        assert_eq!(f.headers, ["ref", "when", "mail", "channel"]);
        assert!(f.entry.is_none());
        let report = f.report.as_ref().unwrap();
        assert_eq!(report.kind, None);
        assert_eq!(report.best_guess, Some(Kind::Leads));
        assert!(report.confidence < 50, "{}", report.confidence);
        let json = serde_json::to_value(report).unwrap();
        assert_eq!(json["kind"], "not_used");
        assert_eq!(json["best_guess"], "leads");
        assert_eq!(json["band"], "low");
        let guessed: Vec<_> = report.columns.iter().map(|c| c.guessed_field).collect();
        assert_eq!(guessed, [None, None, Some("email"), Some("source")]);
        assert!(report.missing.iter().any(|m| m.field == "id" && m.required));
        assert!(report.fix.as_deref().unwrap().contains("kind = \"leads\""));
        assert!(first.mapping.files.is_empty());

        // The user picks the kind and the two columns the guess lacked.
        let mut mapping = Mapping::default();
        put_entry(
            &mut mapping,
            FileMapping {
                path: "stuff.csv".into(),
                kind: Some("leads".into()),
                columns: BTreeMap::from([
                    ("id".to_owned(), "ref".to_owned()),
                    ("created_at".to_owned(), "when".to_owned()),
                ]),
                ..FileMapping::default()
            },
        );
        let second = read_with(&path, mapping);
        let f = &second.files[0];
        assert!(f.error.is_none(), "{:?}", f.error);
        let report = f.report.as_ref().unwrap();
        assert_eq!(report.kind, Some(Kind::Leads));
        assert_eq!(report.rows, 3);
        assert_eq!(field_of(f, "ref"), Some("id"));
        assert_eq!(field_of(f, "when"), Some("created_at"));
        assert_eq!(field_of(f, "mail"), Some("email"));
        // The reading is the mapping to save: the user's columns and the core's guesses.
        let entry = &second.mapping.files[0];
        assert_eq!(entry.kind.as_deref(), Some("leads"));
        assert_eq!(entry.columns["id"], "ref");
        assert_eq!(entry.columns["email"], "mail");
    }

    #[test]
    fn a_file_that_cannot_be_used_as_chosen_keeps_its_guess_and_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "stuff.csv", UNKNOWN);
        let mut mapping = Mapping::default();
        put_entry(
            &mut mapping,
            FileMapping {
                path: "stuff.csv".into(),
                kind: Some("owners".into()),
                ..FileMapping::default()
            },
        );
        let reading = read_with(&path, mapping);
        let f = &reading.files[0];
        // An owner roster with no owner column holds nothing to use: the strict error,
        // and the core's reading as the kind chosen, to fix it from.
        let err = f.error.as_ref().unwrap();
        assert_eq!(err.code, "missing_required");
        assert!(err.fixable_by_mapping);
        assert!(err.message.contains("stuff.csv"), "{}", err.message);
        let report = f.report.as_ref().unwrap();
        assert_eq!(report.kind, None);
        assert_eq!(report.best_guess, Some(Kind::Owners));
        assert_eq!(f.headers.len(), 4);
        assert!(
            report.missing.iter().any(|m| m.required),
            "{:?}",
            report.missing
        );
        // The user's entry is kept as it was.
        assert_eq!(f.entry.as_ref().unwrap().kind.as_deref(), Some("owners"));
        assert_eq!(reading.mapping.files.len(), 1);
    }

    /// The core says which errors a mapping fixes: also two fields on one column and a
    /// constant that does not read (the shell's old list left them out), and dates (the
    /// UI's left those out); never a file that cannot be read.
    #[test]
    fn the_errors_a_mapping_fixes_are_the_cores_word() {
        let s = || "x".to_owned();
        let fixable = [
            IngestError::MappingColumnTwice {
                file: s(),
                first: s(),
                second: s(),
                column: s(),
            },
            IngestError::BadConstant {
                file: s(),
                field: s(),
                value: s(),
                problem: s(),
                fix: s(),
            },
            IngestError::Mapping {
                path: PathBuf::from("m.toml"),
                detail: s(),
            },
        ];
        for err in &fixable {
            let e = FileError::of(err);
            assert!(e.fixable_by_mapping, "{}", e.code);
        }
        let e = FileError::of(&IngestError::Empty { file: s() });
        assert!(!e.fixable_by_mapping);
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["fixable_by_mapping"], false);
    }

    #[test]
    fn constants_set_in_the_wizard_are_read_with_their_type_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "stuff.csv", UNKNOWN);
        let with = |value: &str| {
            let mut mapping = Mapping::default();
            put_entry(
                &mut mapping,
                FileMapping {
                    path: "stuff.csv".into(),
                    kind: Some("leads".into()),
                    constants: BTreeMap::from([("converted".to_owned(), value.to_owned())]),
                    ..FileMapping::default()
                },
            );
            read_with(&path, mapping)
        };
        let good = with("yes");
        let f = &good.files[0];
        assert!(f.error.is_none(), "{:?}", f.error);
        assert_eq!(f.entry.as_ref().unwrap().constants["converted"], "yes");
        assert_eq!(good.mapping.files[0].constants["converted"], "yes");

        // One the field cannot hold: the core's error, the reading kept to fix it from.
        let bad = with("lots");
        let f = &bad.files[0];
        let err = f.error.as_ref().unwrap();
        assert_eq!(err.code, "mapping_invalid");
        assert!(
            err.message.contains("converted = \"lots\""),
            "{}",
            err.message
        );
        assert!(f.report.is_some());
        assert_eq!(f.entry.as_ref().unwrap().constants["converted"], "lots");
    }

    #[test]
    fn entries_are_matched_by_file_name() {
        let mut mapping = Mapping::default();
        put_entry(
            &mut mapping,
            FileMapping {
                path: "q2/contacts.csv".into(),
                kind: Some("leads".into()),
                ..FileMapping::default()
            },
        );
        put_entry(
            &mut mapping,
            FileMapping {
                path: "contacts.csv".into(),
                kind: Some("not_used".into()),
                ..FileMapping::default()
            },
        );
        put_entry(
            &mut mapping,
            FileMapping {
                path: "deals.csv".into(),
                ..FileMapping::default()
            },
        );
        assert_eq!(mapping.files.len(), 2);
        assert_eq!(mapping.files[0].kind.as_deref(), Some("not_used"));
    }

    #[test]
    fn folders_expand_to_their_tables() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "b.csv", "x\n1\n");
        write(dir.path(), "a.TSV", "x\n1\n");
        write(dir.path(), "notes.md", "x");
        let files = expand(&[
            dir.path().display().to_string(),
            dir.path().join("b.csv").display().to_string(),
        ]);
        let names: Vec<_> = files
            .iter()
            .map(|p| p.file_name().unwrap().to_str().unwrap())
            .collect();
        assert_eq!(names, ["a.TSV", "b.csv"]);
    }

    #[test]
    fn mappings_are_saved_to_the_workspace_as_the_cli_reads_them() {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("w.leadaudit");
        crate::workspace::create_at("W", ws.to_str().unwrap()).unwrap();
        let path = write(dir.path(), "contacts.csv", LEADS);
        let reading = read_with(&path, Mapping::default());
        let toml = save_mapping(ws.display().to_string(), reading.mapping.clone()).unwrap();
        assert!(toml.contains("[[file]]\npath = \"contacts.csv\""), "{toml}");
        let stored = Store::open(&ws).unwrap().mapping().unwrap().unwrap();
        assert_eq!(stored, toml);
        assert_eq!(
            Mapping::parse(&stored, Path::new("m")).unwrap(),
            reading.mapping
        );

        let mut bad = reading.mapping;
        bad.files[0].kind = Some("contacts".into());
        let err = save_mapping(ws.display().to_string(), bad).unwrap_err();
        assert_eq!(err.code, "mapping_invalid");
        assert!(
            err.message.contains("unknown kind \"contacts\""),
            "{}",
            err.message
        );
    }

    #[test]
    fn canonical_fields_list_every_kind() {
        let kinds = canonical_fields();
        assert_eq!(kinds.len(), Kind::ALL.len());
        let json = serde_json::to_value(&kinds[1]).unwrap();
        assert_eq!(json["kind"], "deals");
        assert_eq!(
            json["fields"][0],
            serde_json::json!({"name": "id", "type": "text"})
        );
        assert_eq!(
            json["required"],
            serde_json::json!([["id"], ["stage", "outcome", "is_won"]])
        );
    }

    fn repo() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
    }
}
