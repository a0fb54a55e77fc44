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

use super::IngestError;
use super::fields::Kind;
use super::recognise::Source;

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
        let mapping: Mapping = toml::from_str(text).map_err(|e| {
            let at = e
                .span()
                .map(|s| format!("line {}: ", 1 + text[..s.start].matches('\n').count()))
                .unwrap_or_default();
            err(format!("{at}{}", e.message().trim_end()))
        })?;
        if let Some(tz) = &mapping.timezone {
            check_timezone(tz).map_err(err)?;
        }
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
            for (field, map) in &file.values {
                if field == "outcome" {
                    for (raw, value) in map {
                        if !["open", "won", "lost"].contains(&value.as_str()) {
                            return Err(err(format!(
                                "{place}: [file.values.outcome] maps \"{raw}\" to \"{value}\"; use open, won or lost"
                            )));
                        }
                    }
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
        Ok(mapping)
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
