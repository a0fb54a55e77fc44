//! The mapping file (TOML): the one editable record of how each file is read.
//!
//! ```toml
//! timezone = "UTC"
//! [[file]]
//! path = "mql.csv"            # matched by file name
//! kind = "leads"              # or "not_used" to skip the file
//! [file.columns]              # canonical field = column header
//! id = "mql_id"
//! created_at = "first_contact_date"
//! [file.date_formats]         # column = chrono strftime format ("A | B" for several)
//! first_contact_date = "%d-%m-%Y"
//! [file.constants]            # canonical field = value for every row
//! # outcome = "won"
//! [file.values.outcome]       # raw label = canonical value
//! # "Closed Won" = "won"
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::fields::{FieldSpec, FieldType, Kind, header_key};
use super::recognise::{Band, ColumnGuess, ConstantGuess, Source};
use super::{FileReport, IngestError};

/// The value of `kind` that skips a file.
pub const NOT_USED: &str = "not_used";

/// A whole mapping file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The IANA time zone of naive timestamps (e.g. "Europe/Berlin").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    #[serde(default, rename = "file")]
    pub files: Vec<FileMapping>,
    /// Where each entry and key is in the text it was parsed from (empty for a mapping
    /// not parsed from text); no part of what the mapping says.
    #[serde(skip)]
    pub lines: Lines,
}

/// The line (1-based) of each entry of a mapping file and of the keys in it.
#[derive(Debug, Clone, Default)]
pub struct Lines {
    /// The mapping file's name, for warnings.
    pub file: String,
    pub files: Vec<FileLines>,
}

/// Lines are where the mapping was written, not what it says: two mappings that say
/// the same are equal wherever their lines are.
impl PartialEq for Lines {
    fn eq(&self, _: &Lines) -> bool {
        true
    }
}
impl Eq for Lines {}

/// The lines of one `[[file]]` entry.
#[derive(Debug, Clone, Default)]
pub struct FileLines {
    /// The line of its `path`.
    pub path: usize,
    pub columns: BTreeMap<String, usize>,
    pub date_formats: BTreeMap<String, usize>,
    pub constants: BTreeMap<String, usize>,
    /// Field = (line of the table's first key, raw value = line).
    pub values: BTreeMap<String, BTreeMap<String, usize>>,
}

/// The shape of a mapping file with the position of each key (only to find lines).
#[derive(Deserialize)]
struct SpannedMapping {
    #[serde(default, rename = "file")]
    files: Vec<SpannedFile>,
}

type SpannedKeys = BTreeMap<toml::Spanned<String>, toml::Value>;

#[derive(Deserialize)]
struct SpannedFile {
    path: Option<toml::Spanned<String>>,
    #[serde(default)]
    columns: SpannedKeys,
    #[serde(default)]
    date_formats: SpannedKeys,
    #[serde(default)]
    constants: SpannedKeys,
    #[serde(default)]
    values: BTreeMap<String, SpannedKeys>,
}

impl Lines {
    fn of(text: &str, file: &Path) -> Lines {
        let line = |at: usize| 1 + text[..at.min(text.len())].matches('\n').count();
        let keys = |m: &SpannedKeys| -> BTreeMap<String, usize> {
            m.keys()
                .map(|k| (k.get_ref().clone(), line(k.span().start)))
                .collect()
        };
        let files = toml::from_str::<SpannedMapping>(text)
            .map(|m| {
                m.files
                    .iter()
                    .map(|f| FileLines {
                        path: f.path.as_ref().map_or(0, |p| line(p.span().start)),
                        columns: keys(&f.columns),
                        date_formats: keys(&f.date_formats),
                        constants: keys(&f.constants),
                        values: f.values.iter().map(|(k, v)| (k.clone(), keys(v))).collect(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        Lines {
            file: file.file_name().map_or_else(
                || file.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            files,
        }
    }

    /// "mapping.toml, line 12" (or the file name alone when the line is not known).
    pub fn at(&self, line: Option<usize>) -> String {
        match line.filter(|l| *l > 0) {
            Some(l) => format!("{}, line {l}", self.file),
            None if self.file.is_empty() => "the mapping file".to_owned(),
            None => self.file.clone(),
        }
    }
}

/// How one file is read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileMapping {
    /// The file, matched by its name.
    pub path: String,
    /// leads, deals, activities, owners, accounts, or not_used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// Canonical field = column header ("" to leave a field unmapped).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub columns: BTreeMap<String, String>,
    /// Column header = date format(s).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub date_formats: BTreeMap<String, String>,
    /// Canonical field = the value of every row.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub constants: BTreeMap<String, String>,
    /// Canonical field = { raw value = canonical value }.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<String, BTreeMap<String, String>>,
}

/// How a file found its entry in the mapping file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matched {
    /// By the file's name.
    Name,
    /// By kind and columns: last quarter's entry for a file of a new name.
    Renamed,
}

/// What a mapping says about a file's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindChoice {
    Use(Kind),
    NotUsed,
}

impl Mapping {
    /// Reads and checks a mapping file.
    pub fn load(path: &Path) -> Result<Mapping, IngestError> {
        let text = std::fs::read_to_string(path).map_err(|e| IngestError::Mapping {
            path: path.to_path_buf(),
            detail: format!("cannot read it: {e}"),
        })?;
        Mapping::parse(&text, path)
    }

    /// Parses and checks mapping text; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Mapping, IngestError> {
        let err = |detail: String| IngestError::Mapping {
            path: path.to_path_buf(),
            detail,
        };
        let mut mapping: Mapping = toml::from_str(text).map_err(|e| {
            let at = e
                .span()
                .map(|s| format!("line {}: ", 1 + text[..s.start].matches('\n').count()))
                .unwrap_or_default();
            err(format!("{at}{}", e.message().trim_end()))
        })?;
        if let Some(tz) = &mapping.timezone {
            check_timezone(tz).map_err(err)?;
        }
        let lines = Lines::of(text, path);
        for (i, file) in mapping.files.iter().enumerate() {
            let place = format!("[[file]] number {} (path = \"{}\")", i + 1, file.path);
            if file.path.trim().is_empty() {
                return Err(err(format!("[[file]] number {} has no path", i + 1)));
            }
            let kind = file
                .kind_choice()
                .map_err(|e| err(format!("{place}: {e}")))?;
            if let Some(KindChoice::Use(kind)) = kind {
                let fields = file
                    .columns
                    .keys()
                    .chain(file.constants.keys())
                    .chain(file.values.keys());
                for field in fields {
                    if kind.field(field).is_none() {
                        let known: Vec<&str> = kind.fields().iter().map(|f| f.name).collect();
                        return Err(err(format!(
                            "{place}: \"{field}\" is not a {kind} field; the fields are {}",
                            known.join(", ")
                        )));
                    }
                }
            }
            // Each value map's targets, by the type of its field: the entry's kind's, or
            // (no kind set) the field's in every kind that has it; a field of no kind is
            // checked once the file's kind is recognised.
            for field in file.values.keys() {
                let specs: Vec<&FieldSpec> = match kind {
                    Some(KindChoice::Use(k)) => k.field(field).into_iter().collect(),
                    _ => Kind::ALL.iter().filter_map(|k| k.field(field)).collect(),
                };
                for spec in specs {
                    check_values(file, spec).map_err(|(raw, detail)| {
                        let line = lines
                            .files
                            .get(i)
                            .and_then(|l| l.values.get(field))
                            .and_then(|v| v.get(&raw))
                            .copied();
                        let at = line.map(|l| format!("line {l}: ")).unwrap_or_default();
                        err(format!("{at}{place}: {detail}"))
                    })?;
                }
            }
            if let Some(value) = file.constants.get("outcome")
                && !["open", "won", "lost"].contains(&value.as_str())
            {
                return Err(err(format!(
                    "{place}: the constant outcome is \"{value}\"; use open, won or lost"
                )));
            }
        }
        mapping.lines = lines;
        Ok(mapping)
    }

    /// The lines of entry `i` (empty when the mapping was not parsed from text).
    pub fn lines_of(&self, i: usize) -> FileLines {
        self.lines.files.get(i).cloned().unwrap_or_default()
    }

    /// The position of an entry of this mapping.
    pub fn index_of(&self, entry: &FileMapping) -> Option<usize> {
        self.files.iter().position(|f| std::ptr::eq(f, entry))
    }

    /// The entry for a file with a new name (`contacts-2026Q3.csv`): an entry whose
    /// file is not among `names` (the files being read), that sets a kind, and whose
    /// columns and date formats are all among `headers`. Among several, the one whose
    /// name is the same but for its digits (`contacts-2026Q2.csv`); none when that
    /// leaves more than one.
    pub fn for_renamed(
        &self,
        path: &Path,
        headers: &[String],
        names: &[String],
    ) -> Option<&FileMapping> {
        let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
        let has = |h: &String| keys.contains(&header_key(h));
        let candidates: Vec<&FileMapping> = self
            .files
            .iter()
            .filter(|f| {
                let name = file_name(&f.path);
                !names.contains(&name)
                    && matches!(f.kind_choice(), Ok(Some(KindChoice::Use(_))))
                    && (!f.columns.is_empty() || !f.date_formats.is_empty())
                    && f.columns.values().filter(|h| !h.is_empty()).all(has)
                    && f.date_formats.keys().all(has)
            })
            .collect();
        let stem = name_stem(&file_name(&path.to_string_lossy()));
        let same: Vec<&FileMapping> = candidates
            .iter()
            .copied()
            .filter(|f| name_stem(&file_name(&f.path)) == stem)
            .collect();
        match (same.as_slice(), candidates.as_slice()) {
            ([one], _) => Some(*one),
            ([], [one]) => Some(*one),
            _ => None,
        }
    }

    /// Warnings about the entries that matched none of the files read (`used` names the
    /// entries that did, by position).
    pub fn unused_entries(&self, used: &[usize]) -> Vec<String> {
        self.files
            .iter()
            .enumerate()
            .filter(|(i, _)| !used.contains(i))
            .map(|(i, f)| {
                format!(
                    "{}: the entry for path = \"{}\" matched none of the files read; it was not used (check the file name)",
                    self.lines.at(Some(self.lines_of(i).path)),
                    f.path
                )
            })
            .collect()
    }

    /// The entry for the file at `path`, matched by file name.
    pub fn for_file(&self, path: &Path) -> Option<&FileMapping> {
        let name = path.file_name()?.to_string_lossy();
        self.files.iter().find(|f| {
            Path::new(&f.path)
                .file_name()
                .is_some_and(|n| n.to_string_lossy() == name)
        })
    }

    /// The mapping as TOML text.
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).expect("a mapping always serializes")
    }
}

impl FileMapping {
    /// The kind this entry sets, if any.
    pub fn kind_choice(&self) -> Result<Option<KindChoice>, String> {
        match self.kind.as_deref() {
            None => Ok(None),
            Some(NOT_USED) => Ok(Some(KindChoice::NotUsed)),
            Some(k) => k
                .parse::<Kind>()
                .map(|k| Some(KindChoice::Use(k)))
                .map_err(|_| {
                    format!(
                        "unknown kind \"{k}\"; use leads, deals, activities, owners, accounts or {NOT_USED}"
                    )
                }),
        }
    }
}

/// A file's name, from a path as written in a mapping file or on the command line.
/// Checks the targets of `entry`'s value map for `spec` (if it has one) against what
/// a field of its type holds; on a target it cannot hold, the raw value and a sentence
/// naming the field, the value and the values allowed.
pub fn check_values(entry: &FileMapping, spec: &FieldSpec) -> Result<(), (String, String)> {
    let Some(map) = entry.values.get(spec.name) else {
        return Ok(());
    };
    let field = spec.name;
    for (raw, value) in map {
        let v = value.trim().to_lowercase();
        let allowed: Option<&str> = match spec.ty {
            FieldType::Outcome => {
                (!["open", "won", "lost"].contains(&v.as_str())).then_some("use open, won or lost")
            }
            FieldType::Bool => (!BOOL_WORDS.contains(&v.as_str()))
                .then_some("it is a yes/no field: use true or false (or yes or no)"),
            FieldType::Number => (v.parse::<f64>().is_err())
                .then_some("it is a number field: use a number such as 12 or 1500.5"),
            FieldType::Timestamp | FieldType::Date => Some(
                "it is a date field, whose values are not mapped one by one: say how its dates are written in [file.date_formats], or set it with [file.constants]",
            ),
            FieldType::Text if field == "direction" => (!["inbound", "outbound"]
                .contains(&v.as_str()))
            .then_some("use inbound or outbound"),
            FieldType::Text => None,
        };
        if let Some(allowed) = allowed {
            return Err((
                raw.clone(),
                format!(
                    "[file.values.{field}] maps \"{raw}\" to \"{value}\", which {field} cannot hold; {allowed}"
                ),
            ));
        }
    }
    Ok(())
}

/// The words a yes/no field reads (as the importer's boolean parsing does).
const BOOL_WORDS: &[&str] = &["true", "false", "yes", "no", "y", "n", "t", "f", "1", "0"];

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map_or_else(|| path.to_owned(), |n| n.to_string_lossy().into_owned())
}

/// A file name without its digits, quarter and date marks: `contacts-2026Q3.csv` and
/// `Contacts_2026_q2.csv` are both `contacts`.
fn name_stem(name: &str) -> String {
    let stem = Path::new(name)
        .file_stem()
        .map_or_else(|| name.to_owned(), |s| s.to_string_lossy().into_owned());
    super::recognise::words(&stem)
        .into_iter()
        .filter(|w| {
            !w.chars().all(|c| c.is_ascii_digit())
                && !matches!(w.as_str(), "q" | "h" | "w" | "m" | "fy" | "v" | "copy")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A TOML string.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// A TOML key: bare when it can be, else quoted.
fn key(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        s.to_owned()
    } else {
        quoted(s)
    }
}

/// The `[[file]]` entry of the mapping file that confirms a reading (its guesses marked
/// as such) and names what is missing: the lines to add to the mapping file and edit.
/// `fields` is the field of each column (the file's, or its best guess's).
pub fn fix_lines(
    report: &FileReport,
    kind: Kind,
    fields: &[Option<&'static str>],
    guesses: &[ColumnGuess],
    constants: &[ConstantGuess],
) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "[[file]]");
    let _ = writeln!(out, "path = {}", quoted(&report.path));
    let kind_note = if report.kind.is_none() {
        format!(
            "  # a guess ({}% sure); use {NOT_USED} to leave the file out",
            report.confidence
        )
    } else if report.band != Band::High {
        format!("  # {}% sure", report.confidence)
    } else {
        String::new()
    };
    let _ = writeln!(out, "kind = {}{kind_note}", quoted(kind.as_str()));
    let _ = writeln!(out, "[file.columns]");
    for spec in kind.fields() {
        let Some(i) = fields.iter().position(|f| *f == Some(spec.name)) else {
            continue;
        };
        let Some(column) = report.columns.get(i) else {
            continue;
        };
        let note = guesses
            .iter()
            .find(|g| g.index == i && g.field == spec.name)
            .map(|g| format!("  # guess: {}", g.why))
            .unwrap_or_default();
        let _ = writeln!(out, "{} = {}{note}", spec.name, quoted(&column.name));
    }
    for m in report.missing.iter().filter(|m| m.required) {
        let _ = writeln!(
            out,
            "# {} = \"<column header>\"  # required: name the column that holds it",
            m.field
        );
    }
    let optional: Vec<&str> = report
        .missing
        .iter()
        .filter(|m| !m.required)
        .map(|m| m.field)
        .collect();
    if !optional.is_empty() {
        let _ = writeln!(
            out,
            "# not found, add any the file has: {}",
            optional.join(", ")
        );
    }
    let dated: Vec<&super::ColumnReport> = report
        .columns
        .iter()
        .filter(|c| c.date_format.is_some())
        .collect();
    if !dated.is_empty() {
        let _ = writeln!(out, "[file.date_formats]");
        for c in dated {
            let _ = writeln!(
                out,
                "{} = {}",
                key(&c.name),
                quoted(c.date_format.as_deref().unwrap_or_default())
            );
        }
    }
    if !constants.is_empty() {
        let _ = writeln!(out, "[file.constants]");
        for c in constants {
            let _ = writeln!(
                out,
                "{} = {}  # guess: {}",
                c.field,
                quoted(&c.value),
                c.why
            );
        }
    }
    out
}

/// Checks an IANA time zone name.
pub fn check_timezone(tz: &str) -> Result<(), String> {
    tz.parse::<chrono_tz::Tz>().map(|_| ()).map_err(|_| {
        format!("\"{tz}\" is not a time zone; use an IANA name such as \"UTC\", \"Europe/Berlin\" or \"America/New_York\"")
    })
}

/// The machine's time zone, or UTC when it cannot be told.
pub fn machine_timezone() -> String {
    iana_time_zone::get_timezone()
        .ok()
        .filter(|tz| check_timezone(tz).is_ok())
        .unwrap_or_else(|| "UTC".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Mapping, String> {
        Mapping::parse(text, Path::new("mapping.toml")).map_err(|e| e.to_string())
    }

    #[test]
    fn the_documented_shape_parses_and_round_trips() {
        let text = r#"
timezone = "UTC"
[[file]]
path = "data/mql.csv"
kind = "leads"
[file.columns]
id = "mql_id"
created_at = "first_contact_date"
[file.date_formats]
first_contact_date = "%d-%m-%Y"
[file.constants]
source = "Webinar"

[[file]]
path = "deals.csv"
kind = "deals"
[file.values.outcome]
"Closed Won" = "won"
"#;
        let m = parse(text).unwrap();
        assert_eq!(m.timezone.as_deref(), Some("UTC"));
        assert_eq!(m.files.len(), 2);
        assert_eq!(m.files[0].columns["id"], "mql_id");
        assert_eq!(m.files[1].values["outcome"]["Closed Won"], "won");
        assert_eq!(
            m.for_file(Path::new("/tmp/x/mql.csv")).unwrap().path,
            "data/mql.csv"
        );
        assert!(m.for_file(Path::new("other.csv")).is_none());
        assert_eq!(parse(&m.to_toml()).unwrap(), m);
    }

    #[test]
    fn lines_of_entries_and_keys_are_kept() {
        let text = r#"timezone = "UTC"

[[file]]
path = "contacts-2026Q2.csv"
kind = "leads"
[file.columns]
id = "Record ID"
created_at = "Create Date"
[file.date_formats]
"Create Date" = "%d/%m/%Y"
[file.values.status]
"Neu" = "New"

[[file]]
path = "old.csv"
kind = "deals"
"#;
        let m = parse(text).unwrap();
        let first = m.lines_of(0);
        assert_eq!(first.path, 4);
        assert_eq!(first.columns["id"], 7);
        assert_eq!(first.columns["created_at"], 8);
        assert_eq!(first.date_formats["Create Date"], 10);
        assert_eq!(first.values["status"]["Neu"], 12);
        assert_eq!(m.lines_of(1).path, 15);
        assert_eq!(
            m.unused_entries(&[0]),
            [
                "mapping.toml, line 15: the entry for path = \"old.csv\" matched none of the files read; it was not used (check the file name)"
            ]
        );
        // Lines are not what the mapping says.
        assert_eq!(parse(&m.to_toml()).unwrap(), m);

        // Next quarter's file: the same kind and columns under a new name.
        let headers: Vec<String> = ["Record ID", "Email", "Create Date"]
            .map(str::to_owned)
            .to_vec();
        let names = vec!["contacts-2026Q3.csv".to_owned()];
        let found = m.for_renamed(Path::new("x/contacts-2026Q3.csv"), &headers, &names);
        assert_eq!(found.map(|f| f.path.as_str()), Some("contacts-2026Q2.csv"));
        // Not when a column of the entry is missing, nor when its own file is read too.
        let fewer: Vec<String> = ["Record ID", "Email"].map(str::to_owned).to_vec();
        assert!(
            m.for_renamed(Path::new("contacts-2026Q3.csv"), &fewer, &names)
                .is_none()
        );
        let both = vec![
            "contacts-2026Q3.csv".to_owned(),
            "contacts-2026Q2.csv".to_owned(),
        ];
        assert!(
            m.for_renamed(Path::new("contacts-2026Q3.csv"), &headers, &both)
                .is_none()
        );
        assert_eq!(
            name_stem("Contacts_2026_q2.csv"),
            name_stem("contacts-2026Q3.csv")
        );
    }

    #[test]
    fn mistakes_are_named() {
        let e = parse("timezone = \"Mars/Olympus\"\n").unwrap_err();
        assert_eq!(
            e,
            "mapping.toml: \"Mars/Olympus\" is not a time zone; use an IANA name such as \"UTC\", \"Europe/Berlin\" or \"America/New_York\""
        );
        let e = parse("[[file]]\npath = \"a.csv\"\nkind = \"contacts\"\n").unwrap_err();
        assert!(e.contains("unknown kind \"contacts\""), "{e}");
        let e =
            parse("[[file]]\npath = \"a.csv\"\nkind = \"deals\"\n[file.columns]\nemail = \"E\"\n")
                .unwrap_err();
        assert!(e.contains("\"email\" is not a deals field"), "{e}");
        let e = parse(
            "[[file]]\npath = \"a.csv\"\nkind = \"deals\"\n[file.values.outcome]\nX = \"maybe\"\n",
        )
        .unwrap_err();
        assert!(e.contains("use open, won or lost"), "{e}");
        let e = parse("[[file]]\npath = \"a.csv\"\ncolour = 1\n").unwrap_err();
        assert!(
            e.starts_with("mapping.toml: line 3: unknown field `colour`"),
            "{e}"
        );
    }
}
