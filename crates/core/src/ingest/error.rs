use std::path::PathBuf;

/// Everything that can stop an import. Each message says which file, where in it (line,
/// column) when that is known, what is wrong, and what to do.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{file}: cannot read it: {error}; check the path and that the file may be read")]
    Io { file: String, error: std::io::Error },

    #[error(
        "{file}: this is {what}, not a regular file, so it is not read; save the export as a file and import that"
    )]
    NotAFile { file: String, what: &'static str },

    #[error(
        "{file}: this is {what}, not a CSV text file; open it in the program that made it, export the data as CSV and import that"
    )]
    NotText { file: String, what: &'static str },

    #[error("{file}: the file is empty; export it again with a header row and at least one record")]
    Empty { file: String },

    #[error(
        "{}: there is a header row but no records; export it again with its records",
        at_line(file, 1)
    )]
    HeaderOnly { file: String },

    #[error(
        "{}: binary data (a NUL byte at byte {byte}), so this is not a CSV text file; export the data as CSV and import that",
        at_line(file, *line)
    )]
    Binary { file: String, line: u32, byte: u64 },

    #[error("{}: {detail}; save the file again as CSV (UTF-8) and import that", at_line(file, *line))]
    Undecodable {
        file: String,
        line: u32,
        detail: String,
    },

    #[error("{}: {detail}", at_line(file, *line))]
    Malformed {
        file: String,
        line: u32,
        detail: String,
    },

    #[error(
        "{}: {found} field{} where the header has {expected}{}; fix that line (a missing or extra delimiter, or an unbalanced quote) and import again",
        at_line(file, *line),
        if *found == 1 { "" } else { "s" },
        hint.as_deref().map(|h| format!(" ({h})")).unwrap_or_default()
    )]
    Ragged {
        file: String,
        line: u32,
        expected: usize,
        found: usize,
        hint: Option<String>,
    },

    #[error(
        "{file}: {count} of {total} records do not have the header's {expected} fields ({lines}), so the delimiter (\"{delimiter}\") or the quoting was probably misread; check that the file is the export as it was written, or fix those lines and import again"
    )]
    RaggedMany {
        file: String,
        /// The first line set aside, for a caller that points at one line.
        first_line: u32,
        count: usize,
        total: usize,
        expected: usize,
        delimiter: String,
        lines: String,
    },

    #[error(
        "{}: columns {first} and {second} are both named \"{name}\"; rename one in the file, or name the column to use in the mapping file",
        at_line(file, 1)
    )]
    DuplicateHeader {
        file: String,
        name: String,
        first: usize,
        second: usize,
    },

    #[error(
        "{file}: this looks like {kind} export, but no column holds {missing}; name the column in the mapping file, under [file.columns] for path = \"{file}\" (for example {example})"
    )]
    MissingRequired {
        file: String,
        kind: String,
        missing: String,
        example: String,
    },

    #[error(
        "{file}: the mapping sets {field} = \"{column}\", but the file has no column \"{column}\"; its columns are {available}"
    )]
    MappingColumnMissing {
        file: String,
        field: String,
        column: String,
        available: String,
    },

    #[error(
        "{file}: the mapping sets both {first} and {second} to the column \"{column}\", but a column holds one field; map one of them to another column, or to \"\" to leave it unmapped, under [file.columns] for path = \"{file}\""
    )]
    MappingColumnTwice {
        file: String,
        first: String,
        second: String,
        column: String,
    },

    #[error("{0}")]
    AmbiguousDates(Box<AmbiguousDates>),

    #[error("{0}")]
    UnparseableDates(Box<UnparseableDates>),

    #[error("{path}: {detail}")]
    Mapping { path: PathBuf, detail: String },

    #[error(
        "{file}: the mapping file's constant {field} = \"{value}\" is {problem}; {fix}, under [file.constants] for path = \"{file}\""
    )]
    BadConstant {
        file: String,
        field: String,
        value: String,
        problem: String,
        fix: String,
    },

    #[error("{file}: the data could not be read: {detail}")]
    Polars { file: String, detail: String },

    #[error(
        "{file}: {detail}; open it in the program that made it, save it again (or export the sheet as CSV) and import that"
    )]
    Workbook { file: String, detail: String },
}

/// Where a line or record is, in words: "leads.csv, line 12", or for a workbook's sheet
/// (whose records are rows), "book.xlsx#Deals, row 12".
pub fn at_line(file: &str, line: u32) -> String {
    if super::workbook::is_sheet_name(file) {
        format!("{file}, row {line}")
    } else {
        format!("{file}, line {line}")
    }
}

/// A column, in words: "column 3" (from 1), or for a workbook's sheet its letters,
/// "column C".
pub fn column_label(file: &str, index: usize) -> String {
    if super::workbook::is_sheet_name(file) {
        format!("column {}", super::workbook::column_letters(index))
    } else {
        format!("column {index}")
    }
}

/// "line" for a text file, "row" for a workbook's sheet.
pub fn line_word(file: &str) -> &'static str {
    if super::workbook::is_sheet_name(file) {
        "row"
    } else {
        "line"
    }
}

impl IngestError {
    /// Whether the file was read but cannot be used as it is (a column missing, dates
    /// that cannot be read, a mapping that does not fit), as opposed to a file that
    /// cannot be read at all: `inspect` reports the first kind and goes on.
    pub fn is_unusable_not_unreadable(&self) -> bool {
        matches!(
            self,
            IngestError::DuplicateHeader { .. }
                | IngestError::MissingRequired { .. }
                | IngestError::MappingColumnMissing { .. }
                | IngestError::MappingColumnTwice { .. }
                | IngestError::AmbiguousDates(_)
                | IngestError::UnparseableDates(_)
                | IngestError::BadConstant { .. }
        )
    }

    /// Whether a mapping can fix it: a file read but not usable as it is (a field to
    /// map, a column the mapping names that is not there, dates whose format the mapping
    /// can give), or a mapping that does not read. The app opens the file's mapping for
    /// these, and shows the file's header to map.
    pub fn fixable_by_mapping(&self) -> bool {
        self.is_unusable_not_unreadable() || matches!(self, IngestError::Mapping { .. })
    }
}

impl IngestError {
    pub(crate) fn polars(file: &str, err: polars::error::PolarsError) -> Self {
        IngestError::Polars {
            file: file.to_owned(),
            detail: err.to_string(),
        }
    }
}

/// A date column where no value tells the day from the month.
#[derive(Debug, thiserror::Error)]
#[error(
    "{file}, {} (\"{column}\"): the dates are ambiguous: no value shows whether the day or the month comes first (e.g. \"{example}\"); set the format in the mapping file, under [file.date_formats]: \"{column}\" = \"{day_first}\" (day first) or \"{month_first}\" (month first)",
    column_label(file, *index)
)]
pub struct AmbiguousDates {
    pub file: String,
    pub index: usize,
    pub column: String,
    pub example: String,
    pub day_first: String,
    pub month_first: String,
}

/// A date column with too many values that cannot be read.
#[derive(Debug, thiserror::Error)]
#[error(
    "{file}, {} (\"{column}\"): {failed} of {total} values are not dates that can be read ({examples}); fix them in the export, or set the column's format under [file.date_formats] in the mapping file",
    column_label(file, *index)
)]
pub struct UnparseableDates {
    pub file: String,
    pub index: usize,
    pub column: String,
    pub failed: usize,
    pub total: usize,
    pub examples: String,
}
