//! Workbooks (XLSX, XLSM, XLSB, XLS, ODS), read through `calamine`: each sheet is read
//! as a file of its own, named `book.xlsx#Deals`; a bare `book.xlsx` stands for every
//! sheet that holds something.
//!
//! A sheet becomes CSV text in memory (never on disk: the files hold personal data),
//! one record per sheet row, from the first used column; from there it goes the way of
//! any CSV file (the sniff, the recognition, the mapping, the date inference). Cells
//! formatted as dates, and Excel date serials in a column of such cells or under a date
//! header, become ISO 8601 dates (`2026-04-01`, `2026-04-01 09:30:00`). Messages name
//! the sheet's rows and columns as the spreadsheet shows them (`book.xlsx#Deals, row 12,
//! column C`).

use std::path::{Path, PathBuf};

use calamine::{Data, Range, Reader, open_workbook_auto};

use super::IngestError;
use super::fields::header_key;

/// The extensions of the workbooks read.
pub const EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// Is this the path of a workbook (by its extension), or of one of its sheets?
pub fn is_workbook(path: &Path) -> bool {
    split(path).is_some()
}

fn has_workbook_extension(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| EXTENSIONS.contains(&e.to_string_lossy().to_ascii_lowercase().as_str()))
}

/// The workbook and the sheet a path names: `book.xlsx#Deals` is the sheet "Deals" of
/// `book.xlsx`; `book.xlsx` is the whole workbook. `None` for any other file (a file
/// that exists under its full name is that file, `#` or not).
pub fn split(path: &Path) -> Option<(PathBuf, Option<String>)> {
    if has_workbook_extension(path) {
        return Some((path.to_path_buf(), None));
    }
    if path.is_file() {
        return None;
    }
    let text = path.to_str()?;
    let (book, sheet) = text.rsplit_once('#')?;
    let book = PathBuf::from(book);
    has_workbook_extension(&book).then(|| (book, Some(sheet.to_owned())))
}

/// The file on disk behind a path: the workbook of a sheet, else the path itself.
pub fn file_of(path: &Path) -> PathBuf {
    split(path).map_or_else(|| path.to_path_buf(), |(book, _)| book)
}

/// Is the file name (as messages show it) a workbook's sheet?
pub fn is_sheet_name(file: &str) -> bool {
    file.rsplit_once('#')
        .is_some_and(|(book, _)| has_workbook_extension(Path::new(book)))
}

/// The spreadsheet's letters for column `index` (from 1): A, B, …, Z, AA, …
pub fn column_letters(index: usize) -> String {
    let mut n = index;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The workbook must be a regular file that can be read.
fn check_file(book: &Path) -> Result<(), IngestError> {
    let file = super::sniff::display_name(book);
    let meta = std::fs::metadata(book).map_err(|error| IngestError::Io {
        file: file.clone(),
        error,
    })?;
    if meta.is_file() {
        return Ok(());
    }
    Err(IngestError::NotAFile {
        file,
        what: if meta.is_dir() {
            "a folder"
        } else {
            "a device, named pipe or socket"
        },
    })
}

fn open_error(book: &Path, error: calamine::Error) -> IngestError {
    IngestError::Workbook {
        file: super::sniff::display_name(book),
        detail: format!("it cannot be read as a workbook: {error}"),
    }
}

/// The paths to read for `path`: a bare workbook becomes one path per sheet that holds
/// something (`book.xlsx#Deals`), in the workbook's order; anything else is kept.
pub fn expand(path: &Path) -> Result<Vec<PathBuf>, IngestError> {
    match split(path) {
        Some((book, None)) => {
            check_file(&book)?;
            let mut workbook = open_workbook_auto(&book).map_err(|e| open_error(&book, e))?;
            let mut sheets = Vec::new();
            for name in workbook.sheet_names() {
                let range = workbook
                    .worksheet_range(&name)
                    .map_err(|e| open_error(&book, e))?;
                if range.used_cells().any(|(_, _, c)| !is_blank(c)) {
                    sheets.push(PathBuf::from(format!("{}#{name}", book.display())));
                }
            }
            if sheets.is_empty() {
                return Err(IngestError::Empty {
                    file: super::sniff::display_name(&book),
                });
            }
            Ok(sheets)
        }
        _ => Ok(vec![path.to_path_buf()]),
    }
}

/// One sheet, as CSV text.
pub(crate) struct SheetText {
    pub text: Vec<u8>,
    /// The sheet row (from 1) of each line of `text` (from 1, at index 0).
    pub rows: Vec<u32>,
    /// The sheet column of the text's first field, from 0 (A).
    pub first_column: u32,
}

impl SheetText {
    /// The sheet row of a line of the text.
    pub fn row_of(&self, line: u32) -> u32 {
        let at = line.saturating_sub(1) as usize;
        self.rows
            .get(at)
            .or(self.rows.last())
            .copied()
            .unwrap_or(line)
    }
}

fn is_blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// Reads sheet `sheet` of `book` (its first sheet that holds something when `None`).
pub(crate) fn read_sheet(book: &Path, sheet: Option<&str>) -> Result<SheetText, IngestError> {
    let file = super::sniff::display_name(book);
    check_file(book)?;
    let mut workbook = open_workbook_auto(book).map_err(|e| open_error(book, e))?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| IngestError::Workbook {
                file: file.clone(),
                detail: format!(
                    "there is no sheet \"{s}\"; its sheets are {}",
                    names
                        .iter()
                        .map(|n| format!("\"{n}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| IngestError::Empty { file: file.clone() })?,
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| open_error(book, e))?;
    let shown = format!("{file}#{name}");
    if !range.used_cells().any(|(_, _, c)| !is_blank(c)) {
        return Err(IngestError::Empty { file: shown });
    }
    Ok(to_csv(&range))
}

/// Cells as text, dates as ISO 8601.
fn to_csv(range: &Range<Data>) -> SheetText {
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let width = range.width();
    let rows: Vec<&[Data]> = range.rows().collect();
    // Trailing rows with nothing in them are not records.
    let height = rows
        .iter()
        .rposition(|r| r.iter().any(|c| !is_blank(c)))
        .map_or(0, |i| i + 1);
    let serial_dates: Vec<bool> = (0..width)
        .map(|c| serials_are_dates(&rows[..height], c))
        .collect();
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut lines = Vec::new();
    let mut fields: Vec<String> = Vec::with_capacity(width);
    for (i, row) in rows[..height].iter().enumerate() {
        // A blank row is a blank line: no record, as in a CSV file.
        if row.iter().all(is_blank) {
            continue;
        }
        fields.clear();
        fields.extend(
            row.iter()
                .enumerate()
                .map(|(c, cell)| cell_text(cell, serial_dates[c])),
        );
        // One line per row, and one more per line break inside a field.
        let breaks: usize = fields.iter().map(|f| f.matches('\n').count()).sum();
        let row_number = first_row + i as u32 + 1;
        lines.extend(std::iter::repeat_n(row_number, breaks + 1));
        // The csv writer cannot fail on a Vec, and writes every row the same width.
        let _ = out.write_record(&fields);
    }
    let text = out.into_inner().unwrap_or_default();
    SheetText {
        text,
        rows: lines,
        first_column,
    }
}

/// Excel's serial dates: days since 1899-12-30 (the 1900 system), the time as the
/// fraction of a day.
fn serial_to_iso(serial: f64) -> Option<String> {
    // 1900-01-01 to 9999-12-31.
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?.and_hms_opt(0, 0, 0)?;
    let ms = (serial * 86_400_000.0).round() as i64;
    let at = epoch.checked_add_signed(chrono::Duration::milliseconds(ms))?;
    Some(iso(at))
}

fn iso(at: chrono::NaiveDateTime) -> String {
    use chrono::Timelike;
    if at.time() == chrono::NaiveTime::MIN {
        at.format("%Y-%m-%d").to_string()
    } else if at.nanosecond() == 0 {
        at.format("%Y-%m-%d %H:%M:%S").to_string()
    } else {
        at.format("%Y-%m-%d %H:%M:%S%.3f").to_string()
    }
}

/// Do the numbers of column `c` hold Excel date serials? Yes when most of its filled
/// cells are formatted as dates, or when its header names a date or a time (`Created
/// Date`, `closed_at`) and every value is a whole-ish serial between 1970 and 2100.
fn serials_are_dates(rows: &[&[Data]], c: usize) -> bool {
    // The column's header: its first filled cell (title rows may stand above it).
    let Some(top) = rows
        .iter()
        .position(|r| r.get(c).is_some_and(|d| !is_blank(d)))
    else {
        return false;
    };
    let cells = || {
        rows.iter()
            .skip(top + 1)
            .filter_map(|r| r.get(c))
            .filter(|d| !is_blank(d))
    };
    let filled = cells().count();
    if filled == 0 {
        return false;
    }
    let dated = cells()
        .filter(|d| {
            matches!(d, Data::DateTime(dt) if dt.is_datetime()) || matches!(d, Data::DateTimeIso(_))
        })
        .count();
    if dated * 2 > filled {
        return true;
    }
    let header = rows[top]
        .get(c)
        .map(|h| header_key(&h.to_string()))
        .unwrap_or_default();
    let date_header = ["date", "time", "created", "closed", "day"]
        .iter()
        .any(|w| header.contains(w))
        || header.ends_with("at");
    date_header
        && cells().all(|d| match d {
            Data::Int(i) => (25_569..73_051).contains(i),
            Data::Float(f) => (25_569.0..73_051.0).contains(f),
            _ => false,
        })
}

fn cell_text(cell: &Data, serial_date: bool) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Bool(b) => b.to_string(),
        Data::Int(i) if serial_date => serial_to_iso(*i as f64).unwrap_or_else(|| i.to_string()),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if serial_date => serial_to_iso(*f).unwrap_or_else(|| number_text(*f)),
        Data::Float(f) => number_text(*f),
        Data::DateTime(dt) if dt.is_datetime() => {
            serial_to_iso(dt.as_f64()).unwrap_or_else(|| number_text(dt.as_f64()))
        }
        // A duration (`[hh]:mm:ss`): its number of days, as Excel stores it.
        Data::DateTime(dt) => number_text(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// A number as a spreadsheet shows it unformatted: `5`, not `5.0`.
fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_letters_and_serials() {
        assert_eq!(
            split(Path::new("/x/book.xlsx#Deals")),
            Some((PathBuf::from("/x/book.xlsx"), Some("Deals".to_owned())))
        );
        assert_eq!(
            split(Path::new("/x/Book.XLSX")),
            Some((PathBuf::from("/x/Book.XLSX"), None))
        );
        assert_eq!(split(Path::new("/x/notes#1.csv")), None);
        assert!(is_sheet_name("book.ods#Leads"));
        assert!(!is_sheet_name("leads#2.csv"));
        let letters: Vec<String> = [1, 3, 26, 27, 52, 703].map(column_letters).into();
        assert_eq!(letters, ["A", "C", "Z", "AA", "AZ", "AAA"]);
        assert_eq!(serial_to_iso(45383.0).as_deref(), Some("2024-04-01"));
        assert_eq!(
            serial_to_iso(45383.5).as_deref(),
            Some("2024-04-01 12:00:00")
        );
        assert_eq!(serial_to_iso(-3.0), None);
        assert_eq!(number_text(5.0), "5");
        assert_eq!(number_text(1234.5), "1234.5");
    }
}
