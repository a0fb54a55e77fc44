//! Sniffing: the encoding, the delimiter, the header, the shape of every record, and
//! the report footers some CRMs append, before Polars reads the data.
//!
//! One streaming pass with the `csv` crate checks that every record has as many fields
//! as the header, sets aside the records that do not (after a quote that never closes,
//! reading resumes on the next line), and remembers where each record starts (a large
//! file's plain records are found in parallel parts first, see `parts`); a second,
//! plain pass turns those offsets into physical line numbers, so later errors can name
//! them. The records are then read with the same reader (`csv_reader`), so both passes
//! see the same records. Files that cannot be read as they are (UTF-16, Windows-1252,
//! or with a footer) are decoded once to clean UTF-8 in memory, never to a temporary
//! file (the files hold personal data, which must not be left on disk by a crash); the
//! others are read in place.

mod dialect;
mod encoding;
mod header_plan;
mod header_rows;
mod parts;
mod reader;
mod shape;

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::IngestError;
use dialect::*;
use encoding::*;
use header_plan::*;
use header_rows::{HeaderRows, TwoLines};
use parts::Parts;
pub(crate) use parts::TextColumns;
pub(crate) use reader::{Opener, csv_reader, line_after, open_at};
pub use shape::SetAside;
use shape::*;

/// A text encoding the importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
    /// A workbook's sheet: cells, not text.
    Workbook,
}

impl TextEncoding {
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 with BOM",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Windows1252 => "Windows-1252",
            TextEncoding::Workbook => "workbook",
        }
    }
}

/// Where Polars reads the records from.
#[derive(Debug)]
pub enum DataSource {
    /// The original file: UTF-8, nothing to drop.
    Original(PathBuf),
    /// A clean UTF-8 copy, in memory.
    Memory(Vec<u8>),
}

impl Sniffed {
    /// The line of the file on which data record `index` (from 0) starts.
    pub fn line_of(&self, index: usize) -> u32 {
        self.record_lines.get(index).copied().unwrap_or(0)
    }
}

/// The physical line (from 1) on which the record at each byte offset starts: one pass
/// counting line breaks (LF, CRLF or a lone CR), where a record's own line is the first after any blank lines
/// at its offset (the CSV reader skips those without counting them). `offsets` must be
/// ascending.
fn physical_lines<R: Read>(mut reader: R, offsets: &[u64]) -> std::io::Result<Vec<u32>> {
    let mut lines = Vec::with_capacity(offsets.len());
    let mut buf = vec![0u8; 1 << 20];
    let (mut at, mut breaks, mut after_cr) = (0u64, 0u32, false);
    let mut next = offsets.iter().peekable();
    'read: loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            break;
        }
        let chunk = &buf[..n];
        if !after_cr && memchr::memchr(b'\r', chunk).is_none() {
            // No CR (#11): a record's line is 1 + the LFs before its first byte that is
            // not a line break, found with memchr rather than byte by byte.
            let mut pos = 0usize;
            while let Some(&&o) = next.peek() {
                let from = (o.saturating_sub(at) as usize).max(pos);
                if from >= n {
                    break;
                }
                let Some(p) = chunk[from..].iter().position(|&b| b != b'\n') else {
                    break;
                };
                let p = from + p;
                breaks += memchr::memchr_iter(b'\n', &chunk[pos..p]).count() as u32;
                pos = p;
                lines.push(breaks + 1);
                next.next();
            }
            if next.peek().is_none() {
                break 'read;
            }
            breaks += memchr::memchr_iter(b'\n', &chunk[pos..]).count() as u32;
            at += n as u64;
            continue;
        }
        for &b in chunk {
            // A CR not followed by LF ends a line too (old Mac line endings).
            if after_cr && b != b'\n' {
                breaks += 1;
            }
            after_cr = b == b'\r';
            while let Some(&&o) = next.peek() {
                if o > at || matches!(b, b'\r' | b'\n') {
                    break;
                }
                lines.push(breaks + 1);
                next.next();
            }
            if next.peek().is_none() {
                break 'read;
            }
            if b == b'\n' {
                breaks += 1;
            }
            at += 1;
        }
    }
    // Offsets at the very end (nothing after them) get the last line.
    lines.resize(offsets.len(), breaks + 1);
    Ok(lines)
}

/// What a file turned out to be.
#[derive(Debug)]
pub struct Sniffed {
    pub encoding: TextEncoding,
    pub dialect: Dialect,
    pub headers: Vec<String>,
    /// Where the first data record can start in the data: after the header and any
    /// lines above it (a preamble) or repeating it.
    pub data_start: u64,
    /// What the sniff made of the file's layout beyond the plain case, in words (a
    /// preamble skipped, a header line read another way, a second table left out).
    pub notes: Vec<String>,
    /// The sheet column of the first field, from 0, for a workbook's sheet (whose used
    /// range may start after column A); 0 for a text file.
    pub column_offset: usize,
    /// Data records (the header and any footer excluded).
    pub rows: usize,
    /// The physical line of the file on which each data record starts (1 is the header
    /// line), counting blank lines and the lines of multi-line fields.
    pub record_lines: Vec<u32>,
    /// The byte offset of each data record in the data Polars reads.
    pub record_bytes: Vec<u64>,
    /// Footer lines that were recognised and dropped.
    pub footer: Vec<String>,
    /// Lines of records whose every field is empty (kept as rows of nulls).
    pub empty_records: Vec<u32>,
    /// Records that do not have the header's number of fields, left out of the data.
    pub set_aside: Vec<SetAside>,
    pub bytes: u64,
    pub data: DataSource,
    /// The text columns (`c0`, `c1`, … by position) of the first records, when the
    /// sniff read them (#11): a large file's plain records, parsed once by the shape
    /// check's parallel parts, one set of columns per part, in order. The read parses
    /// only the records after them.
    pub(crate) prefix: Option<Vec<Vec<polars::prelude::StringChunked>>>,
}

/// Progress of a long read: bytes of the file read so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub bytes_read: u64,
    pub bytes_total: u64,
    pub rows: u64,
}

impl Progress {
    /// The share of the file read so far, as progress shows it ("43%").
    pub fn read(&self) -> String {
        crate::format::share(self.bytes_read, self.bytes_total)
    }
}

const SNIFF_BYTES: usize = 64 * 1024;
const PROGRESS_EVERY: usize = 16 * 1024;
const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];
/// Lines above the header that may be skipped as a preamble (a report's title, its
/// filters, blank lines of delimiters).
const MAX_PREAMBLE: usize = 10;

/// How the records of a file are written: the delimiter, the quote character, and the
/// escape character inside quoted fields (besides doubling the quote), if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Dialect {
    pub delimiter: u8,
    pub quote: u8,
    pub escape: Option<u8>,
}

impl Default for Dialect {
    fn default() -> Self {
        Dialect {
            delimiter: b',',
            quote: b'"',
            escape: None,
        }
    }
}

/// Reads `path` far enough to know its encoding, delimiter and header, checks every
/// record's shape, and prepares the data for Polars.
pub fn sniff(path: &Path, progress: &mut dyn FnMut(Progress)) -> Result<Sniffed, IngestError> {
    sniff_with(path, Parts::SHAPE, progress)
}

/// [`sniff`], reading the text of a large file's records as their shape is checked
/// ([`Sniffed::prefix`]), for an import that reads the file next.
pub(crate) fn sniff_to_read(
    path: &Path,
    progress: &mut dyn FnMut(Progress),
) -> Result<Sniffed, IngestError> {
    sniff_with(path, Parts::READ, progress)
}

fn sniff_with(
    path: &Path,
    parts: Parts,
    progress: &mut dyn FnMut(Progress),
) -> Result<Sniffed, IngestError> {
    if let Some((book, sheet)) = super::workbook::split(path) {
        return sniff_sheet(path, &book, sheet.as_deref(), parts, progress);
    }
    let file_name = display_name(path);
    let io = |error| IngestError::Io {
        file: file_name.clone(),
        error,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(IngestError::NotAFile {
            file: file_name,
            what: if meta.is_dir() {
                "a folder"
            } else {
                "a device, named pipe or socket"
            },
        });
    }
    let bytes_total = meta.len();
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    File::open(path)
        .map_err(io)?
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(io)?;
    if head.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IngestError::Empty { file: file_name });
    }
    if let Some(what) = known_binary(&head) {
        return Err(IngestError::NotText {
            file: file_name,
            what,
        });
    }
    let whole = head.len() as u64 == bytes_total;

    let (encoding, scan) = detect_encoding(path, &head).map_err(io)?;
    match encoding {
        TextEncoding::Utf8 | TextEncoding::Utf8Bom => {
            // One pass for the UTF-8 and the NUL bytes (the encoding's check made it
            // already for a file without a byte-order mark).
            let scan = match scan {
                Some(scan) => scan,
                None => scan_text(path).map_err(io)?,
            };
            if let Some(byte) = scan.invalid_utf8 {
                let line = line_at(path, byte).map_err(io)?;
                return Err(IngestError::Undecodable {
                    file: file_name,
                    line,
                    detail: format!(
                        "byte {byte} is not valid UTF-8, though the file starts with UTF-8's byte-order mark"
                    ),
                });
            }
            if let Some(byte) = scan.nul {
                let line = line_at(path, byte).map_err(io)?;
                return Err(IngestError::Binary {
                    file: file_name,
                    line,
                    byte,
                });
            }
            let head_text = String::from_utf8_lossy(&head);
            let found = detect_dialect(head_text.trim_start_matches('\u{feff}'));
            if found.space_after_delimiter {
                // ", " between fields: the spaces go in a copy held in memory.
                let mut raw = Vec::new();
                File::open(path)
                    .map_err(io)?
                    .read_to_end(&mut raw)
                    .map_err(io)?;
                let text = strip_space_after_delimiter(&raw, found.dialect);
                return sniff_text(
                    &file_name,
                    text,
                    encoding,
                    found,
                    bytes_total,
                    parts,
                    progress,
                );
            }
            let dialect = found.dialect;
            let plan = plan_header(&head, whole, dialect);
            let open = |at: u64| open_at(path, at);
            let mut shape = check_shape(
                &file_name,
                &open,
                dialect,
                plan,
                bytes_total,
                parts,
                progress,
            )?;
            shape
                .exact_lines(BufReader::new(File::open(path).map_err(io)?))
                .map_err(io)?;
            let data = if shape.footer_start.is_some() {
                let mut text = Vec::new();
                File::open(path)
                    .map_err(io)?
                    .take(shape.footer_start.unwrap_or(u64::MAX))
                    .read_to_end(&mut text)
                    .map_err(io)?;
                DataSource::Memory(text)
            } else {
                DataSource::Original(path.to_path_buf())
            };
            Ok(shape.into_sniffed(encoding, dialect, bytes_total, data))
        }
        _ => {
            let mut raw = Vec::new();
            File::open(path)
                .map_err(io)?
                .read_to_end(&mut raw)
                .map_err(io)?;
            let text = decode(&file_name, &raw, encoding)?;
            if let Some(pos) = text.find('\0') {
                let line = line_of(&text, pos);
                return Err(IngestError::Binary {
                    file: file_name,
                    line,
                    byte: pos as u64,
                });
            }
            let found = detect_dialect(&text[..floor_char_boundary(&text, SNIFF_BYTES)]);
            let text = if found.space_after_delimiter {
                strip_space_after_delimiter(text.as_bytes(), found.dialect)
            } else {
                text.into_bytes()
            };
            sniff_text(
                &file_name,
                text,
                encoding,
                found,
                bytes_total,
                parts,
                progress,
            )
        }
    }
}

/// Sniffs a workbook's sheet, turned into CSV text in memory; its lines become the
/// sheet's rows.
fn sniff_sheet(
    path: &Path,
    book: &Path,
    sheet: Option<&str>,
    parts: Parts,
    progress: &mut dyn FnMut(Progress),
) -> Result<Sniffed, IngestError> {
    let file_name = display_name(path);
    let sheet = super::workbook::read_sheet(book, sheet)?;
    let found = FoundDialect {
        dialect: Dialect::default(),
        space_after_delimiter: false,
    };
    let total = sheet.text.len() as u64;
    let text = sheet.text.clone();
    let mut s = sniff_text(
        &file_name,
        text,
        TextEncoding::Workbook,
        found,
        total,
        parts,
        progress,
    )?;
    for line in &mut s.record_lines {
        *line = sheet.row_of(*line);
    }
    for line in &mut s.empty_records {
        *line = sheet.row_of(*line);
    }
    for r in &mut s.set_aside {
        r.line = sheet.row_of(r.line);
    }
    s.column_offset = sheet.first_column as usize;
    Ok(s)
}

/// Sniffs text held in memory (decoded, or with the spaces after delimiters taken out).
fn sniff_text(
    file_name: &str,
    text: Vec<u8>,
    encoding: TextEncoding,
    found: FoundDialect,
    bytes_total: u64,
    parts: Parts,
    progress: &mut dyn FnMut(Progress),
) -> Result<Sniffed, IngestError> {
    let io = |error| IngestError::Io {
        file: file_name.to_owned(),
        error,
    };
    let dialect = found.dialect;
    let head = &text[..text.len().min(SNIFF_BYTES)];
    let plan = plan_header(head, head.len() == text.len(), dialect);
    let open = |at: u64| -> std::io::Result<Box<dyn Read + '_>> {
        Ok(Box::new(text.get(at as usize..).unwrap_or_default()))
    };
    let mut shape = check_shape(
        file_name,
        &open,
        dialect,
        plan,
        text.len() as u64,
        parts,
        progress,
    )?;
    shape.exact_lines(text.as_slice()).map_err(io)?;
    if found.space_after_delimiter {
        shape.notes.insert(
            0,
            format!(
                "the fields are separated by \"{} \" (a delimiter and a space): the spaces are not part of the values",
                found.dialect.delimiter as char
            ),
        );
    }
    let end = shape.footer_start.map_or(text.len(), |b| b as usize);
    let mut text = text;
    text.truncate(end);
    let data = DataSource::Memory(text);
    Ok(shape.into_sniffed(encoding, dialect, bytes_total, data))
}

/// What a file is, by its first bytes, when it is a common kind of file that is not text.
fn known_binary(head: &[u8]) -> Option<&'static str> {
    const MAGIC: [(&[u8], &str); 7] = [
        (
            b"PK\x03\x04",
            "a ZIP archive (an Excel .xlsx or OpenDocument .ods workbook is one)",
        ),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "an old Excel workbook (.xls)",
        ),
        (b"\x1F\x8B", "a gzip-compressed file"),
        (
            b"SQLite format 3\0",
            "an SQLite database (perhaps a workspace file)",
        ),
        (b"%PDF-", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
    ];
    MAGIC
        .iter()
        .find(|(magic, _)| head.starts_with(magic))
        .map(|(_, what)| *what)
}

/// The file name used in messages.
pub fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn line_of(text: &str, byte: usize) -> u32 {
    1 + text.as_bytes()[..byte]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u32
}

#[cfg(test)]
mod tests;
