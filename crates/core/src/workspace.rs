//! Workspaces: one per company (client) being audited.
//!
//! For now this knows the bundled sample workspace, described by the
//! `workspace.toml` at the root of `sample-data/`.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The file that describes a workspace folder.
pub const DESCRIPTOR: &str = "workspace.toml";

/// Errors reading a workspace descriptor.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    #[error("cannot read {path}: {error}; check that the folder holds a {DESCRIPTOR}")]
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{path} is not a valid workspace descriptor: {message}")]
    Parse { path: PathBuf, message: String },
}

/// The descriptor of a workspace folder, as written in its `workspace.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Descriptor {
    name: String,
    company: String,
    #[serde(default)]
    description: String,
    /// The IANA time zone of the exports' timestamps that carry none.
    #[serde(default)]
    timezone: Option<String>,
}

/// The bundled sample workspace: a fictional company's CRM exports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SampleWorkspace {
    /// The name shown in the workspaces list.
    pub name: String,
    /// The fictional company the exports belong to.
    pub company: String,
    /// One sentence on what the workspace holds.
    pub description: String,
    /// The IANA time zone of the exports' naive timestamps (e.g. `America/New_York`), when
    /// the descriptor names one.
    pub timezone: Option<String>,
    /// The folder holding the descriptor and the exports.
    pub dir: PathBuf,
}

impl SampleWorkspace {
    /// Reads the sample workspace described by `dir/workspace.toml`.
    pub fn load(dir: &Path) -> Result<Self, WorkspaceError> {
        let path = dir.join(DESCRIPTOR);
        let text = std::fs::read_to_string(&path).map_err(|error| WorkspaceError::Read {
            path: path.clone(),
            error,
        })?;
        let descriptor: Descriptor = toml::from_str(&text).map_err(|e| WorkspaceError::Parse {
            path: path.clone(),
            message: e.message().to_owned(),
        })?;
        if descriptor.name.trim().is_empty() {
            return Err(WorkspaceError::Parse {
                path,
                message: "`name` is empty; give the workspace a name".to_owned(),
            });
        }
        if let Some(tz) = &descriptor.timezone
            && tz.parse::<chrono_tz::Tz>().is_err()
        {
            return Err(WorkspaceError::Parse {
                path,
                message: format!(
                    "`timezone` {tz:?} is not an IANA time zone; write one like \"America/New_York\""
                ),
            });
        }
        Ok(SampleWorkspace {
            name: descriptor.name,
            company: descriptor.company,
            description: descriptor.description,
            timezone: descriptor.timezone,
            dir: dir.to_path_buf(),
        })
    }
}

/// `name` made safe as a file or folder name on every system (no separators, no control
/// characters, no leading or trailing dots); `fallback` when nothing is left.
pub fn safe_file_name(name: &str, fallback: &str) -> String {
    let cleaned: String = name
        .trim()
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let cleaned = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    if cleaned.is_empty() {
        fallback.to_owned()
    } else {
        cleaned.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, text: &str) {
        std::fs::write(dir.join(DESCRIPTOR), text).unwrap();
    }

    #[test]
    fn loads_a_descriptor() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "name = \"Acme (sample)\"\ncompany = \"Acme\"\ndescription = \"Two quarters.\"\n",
        );
        let ws = SampleWorkspace::load(dir.path()).unwrap();
        assert_eq!(ws.name, "Acme (sample)");
        assert_eq!(ws.company, "Acme");
        assert_eq!(ws.description, "Two quarters.");
        assert_eq!(ws.timezone, None);
        assert_eq!(ws.dir, dir.path());
    }

    #[test]
    fn a_descriptor_may_name_its_time_zone() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "name = \"A\"\ncompany = \"B\"\ntimezone = \"America/New_York\"\n",
        );
        let ws = SampleWorkspace::load(dir.path()).unwrap();
        assert_eq!(ws.timezone.as_deref(), Some("America/New_York"));

        write(
            dir.path(),
            "name = \"A\"\ncompany = \"B\"\ntimezone = \"Eastern\"\n",
        );
        let err = SampleWorkspace::load(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains("`timezone` \"Eastern\" is not an IANA time zone"),
            "{err}"
        );
    }

    #[test]
    fn the_bundled_sample_is_in_new_york_time() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-data");
        let ws = SampleWorkspace::load(&dir).unwrap();
        assert_eq!(ws.timezone.as_deref(), Some("America/New_York"));
    }

    #[test]
    fn missing_descriptor_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let err = SampleWorkspace::load(dir.path()).unwrap_err().to_string();
        assert!(err.starts_with("cannot read "), "{err}");
        assert!(err.contains("workspace.toml"), "{err}");
    }

    #[test]
    fn unknown_key_and_empty_name_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "name = \"A\"\ncompany = \"B\"\ncolour = \"red\"\n",
        );
        let err = SampleWorkspace::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("unknown field `colour`"), "{err}");

        write(dir.path(), "name = \"  \"\ncompany = \"B\"\n");
        let err = SampleWorkspace::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("`name` is empty"), "{err}");
    }
}
