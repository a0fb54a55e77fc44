//! Sniffing: the encoding, the delimiter, the header, the shape of every record, and
//! the report footers some CRMs append, before Polars reads the data.
//!
//! One streaming pass with the `csv` crate checks that every record has as many fields
//! as the header, sets aside the records that do not (after a quote that never closes,
//! reading resumes on the next line), and remembers where each record starts; a second,
//! plain pass turns those offsets into physical line numbers, so later errors can name
//! them. The records are then read with the same reader (`csv_reader`), so both passes
//! see the same records. Files that cannot be read as they are (UTF-16, Windows-1252,
//! or with a footer) are decoded once to clean UTF-8 in memory, never to a temporary
//! file (the files hold personal data, which must not be left on disk by a crash); the
//! others are read in place.

mod header_rows;

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::IngestError;
use header_rows::{HeaderRows, TwoLines};

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
}

/// Progress of a long read: bytes of the file read so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub bytes_read: u64,
    pub bytes_total: u64,
    pub rows: u64,
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
    if let Some((book, sheet)) = super::workbook::split(path) {
        return sniff_sheet(path, &book, sheet.as_deref(), progress);
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

    let encoding = detect_encoding(path, &head).map_err(io)?;
    match encoding {
        TextEncoding::Utf8 | TextEncoding::Utf8Bom => {
            if encoding == TextEncoding::Utf8Bom
                && let Some((line, byte)) = first_invalid_utf8(path).map_err(io)?
            {
                return Err(IngestError::Undecodable {
                    file: file_name,
                    line,
                    detail: format!(
                        "byte {byte} is not valid UTF-8, though the file starts with UTF-8's byte-order mark"
                    ),
                });
            }
            if let Some((line, byte)) = first_nul(path).map_err(io)? {
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
                return sniff_text(&file_name, text, encoding, found, bytes_total, progress);
            }
            let dialect = found.dialect;
            let plan = plan_header(&head, whole, dialect);
            let open = |at: u64| open_at(path, at);
            let mut shape = check_shape(&file_name, &open, dialect, plan, bytes_total, progress)?;
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
            sniff_text(&file_name, text, encoding, found, bytes_total, progress)
        }
    }
}

/// Sniffs a workbook's sheet, turned into CSV text in memory; its lines become the
/// sheet's rows.
fn sniff_sheet(
    path: &Path,
    book: &Path,
    sheet: Option<&str>,
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
    let mut shape = check_shape(file_name, &open, dialect, plan, text.len() as u64, progress)?;
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

/// Decides the encoding from the byte-order mark, UTF-16's zero bytes, and whether the
/// whole file is valid UTF-8 (else Windows-1252, as Excel on Windows writes it).
fn detect_encoding(path: &Path, head: &[u8]) -> std::io::Result<TextEncoding> {
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Ok(TextEncoding::Utf8Bom);
    }
    if head.starts_with(&[0xFF, 0xFE]) {
        return Ok(TextEncoding::Utf16Le);
    }
    if head.starts_with(&[0xFE, 0xFF]) {
        return Ok(TextEncoding::Utf16Be);
    }
    // UTF-16 without a BOM: ASCII text with every other byte zero.
    let pairs = head.len() / 2;
    if pairs >= 2 {
        let odd_zero = head
            .chunks_exact(2)
            .filter(|p| p[1] == 0 && p[0] != 0)
            .count();
        let even_zero = head
            .chunks_exact(2)
            .filter(|p| p[0] == 0 && p[1] != 0)
            .count();
        if odd_zero * 10 >= pairs * 9 {
            return Ok(TextEncoding::Utf16Le);
        }
        if even_zero * 10 >= pairs * 9 {
            return Ok(TextEncoding::Utf16Be);
        }
    }
    if first_invalid_utf8(path)?.is_none() {
        Ok(TextEncoding::Utf8)
    } else {
        Ok(TextEncoding::Windows1252)
    }
}

/// Streams the file through the UTF-8 validator, carrying split sequences across
/// chunks: the line and byte offset of the first byte that is not UTF-8, if any. The
/// line is counted only then ([`line_at`]).
fn first_invalid_utf8(path: &Path) -> std::io::Result<Option<(u32, u64)>> {
    let mut file = File::open(path)?;
    let mut buf = vec![0u8; 1 << 20];
    let (mut carry, mut offset) = (0usize, 0u64);
    loop {
        let n = file.read(&mut buf[carry..])?;
        let len = carry + n;
        let valid = match std::str::from_utf8(&buf[..len]) {
            Ok(_) => len,
            Err(e) if e.error_len().is_none() && n > 0 => e.valid_up_to(),
            Err(e) => {
                let at = offset + e.valid_up_to() as u64;
                return Ok(Some((line_at(path, at)?, at)));
            }
        };
        if n == 0 {
            return Ok(None);
        }
        offset += valid as u64;
        buf.copy_within(valid..len, 0);
        carry = len - valid;
    }
}

/// The line and byte offset of the first NUL byte, if any: such a file is not text.
fn first_nul(path: &Path) -> std::io::Result<Option<(u32, u64)>> {
    let mut file = File::open(path)?;
    let mut buf = vec![0u8; 1 << 20];
    let mut offset = 0u64;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(None);
        }
        if let Some(i) = memchr::memchr(0, &buf[..n]) {
            let at = offset + i as u64;
            return Ok(Some((line_at(path, at)?, at)));
        }
        offset += n as u64;
    }
}

/// The line (from 1) of byte `at` of the file: counted only for an error message, so
/// the passes that find nothing wrong count no lines (#11).
fn line_at(path: &Path, at: u64) -> std::io::Result<u32> {
    let mut file = File::open(path)?.take(at);
    let mut buf = vec![0u8; 1 << 20];
    let mut lines = 1u32;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(lines);
        }
        lines += memchr::memchr_iter(b'\n', &buf[..n]).count() as u32;
    }
}

fn decode(file: &str, raw: &[u8], encoding: TextEncoding) -> Result<String, IngestError> {
    let (enc, bom) = match encoding {
        TextEncoding::Utf16Le => (encoding_rs::UTF_16LE, raw.starts_with(&[0xFF, 0xFE])),
        TextEncoding::Utf16Be => (encoding_rs::UTF_16BE, raw.starts_with(&[0xFE, 0xFF])),
        TextEncoding::Windows1252 => (encoding_rs::WINDOWS_1252, false),
        TextEncoding::Utf8 | TextEncoding::Utf8Bom | TextEncoding::Workbook => {
            (encoding_rs::UTF_8, false)
        }
    };
    let body = if bom { &raw[2..] } else { raw };
    if matches!(encoding, TextEncoding::Utf16Le | TextEncoding::Utf16Be) && body.len() % 2 == 1 {
        let (text, _) = enc.decode_without_bom_handling(body);
        return Err(IngestError::Undecodable {
            file: file.to_owned(),
            line: line_of(&text, text.len()),
            detail: format!(
                "the file is {} but ends in the middle of a character (an odd number of bytes)",
                encoding.label()
            ),
        });
    }
    match enc.decode_without_bom_handling_and_without_replacement(body) {
        Some(text) => Ok(text.into_owned()),
        None => {
            let (text, _) = enc.decode_without_bom_handling(body);
            let pos = text.find('\u{fffd}').unwrap_or(0);
            Err(IngestError::Undecodable {
                file: file.to_owned(),
                line: line_of(&text, pos),
                detail: format!("bytes that are not valid {}", encoding.label()),
            })
        }
    }
}

/// The dialect [`detect_dialect`] found.
#[derive(Debug, Clone, Copy)]
struct FoundDialect {
    dialect: Dialect,
    /// Every delimiter is followed by a space (`a, b, "c"`).
    space_after_delimiter: bool,
}

/// Only whole lines of a sniff window, which may end mid-line.
fn whole_lines(head: &str) -> &str {
    match head.rfind('\n') {
        Some(i) if i + 1 < head.len() => &head[..=i],
        _ => head,
    }
}

/// The most common number of fields (of at least 2) among `counts`, the larger on a
/// tie, and how many records have it.
fn modal_width(counts: &[usize]) -> Option<(usize, usize)> {
    let mut tally: BTreeMap<usize, usize> = BTreeMap::new();
    for &c in counts.iter().filter(|&&c| c >= 2) {
        *tally.entry(c).or_default() += 1;
    }
    tally.into_iter().max_by_key(|&(width, n)| (n, width))
}

/// The number of fields of each record of `head` read with `dialect`.
fn field_counts(head: &str, dialect: Dialect) -> Vec<usize> {
    dialect
        .builder()
        .from_reader(head.as_bytes())
        .byte_records()
        .map_while(Result::ok)
        .map(|r| r.len())
        .collect()
}

/// Picks the dialect that splits the sniff window's records into the same number
/// (> 1) of fields most consistently; a comma when nothing does.
///
/// The usual delimiters (`,` `;` tab `|`) with `"` come first, and the most consistent
/// wins, the one with more fields on a tie. A quote of `'`, a backslash escape, and a
/// space as delimiter win only when they read strictly more records alike: a space or
/// an apostrophe is in most text.
fn detect_dialect(head: &str) -> FoundDialect {
    let head = whole_lines(head);
    // dialect, spaces after delimiters, consistent records, fields, records
    let mut best = (Dialect::default(), false, 0usize, 0usize, 0usize);
    let measure = |dialect: Dialect, spaced: bool| {
        let counts = if spaced {
            let stripped = strip_space_after_delimiter(head.as_bytes(), dialect);
            field_counts(&String::from_utf8_lossy(&stripped), dialect)
        } else {
            field_counts(head, dialect)
        };
        modal_width(&counts).map(|(fields, consistent)| (fields, consistent, counts.len()))
    };
    for delimiter in DELIMITERS {
        let dialect = Dialect {
            delimiter,
            ..Dialect::default()
        };
        let Some((fields, consistent, records)) = measure(dialect, false) else {
            continue;
        };
        if (consistent, fields) > (best.2, best.3) {
            best = (dialect, false, consistent, fields, records);
        }
    }
    // The rarer dialects are tried only when the usual ones read under 80% of the
    // records alike, and win only when they read strictly more: a space or an
    // apostrophe is in most text. `'` must open fields somewhere.
    if best.2 * 5 >= best.4 * 4 && best.2 > 0 {
        return FoundDialect {
            dialect: escaped(head, best.0, best.3, best.2, |d| measure(d, false)),
            space_after_delimiter: false,
        };
    }
    let mut rarer: Vec<(Dialect, bool)> = Vec::new();
    for delimiter in DELIMITERS {
        let plain = Dialect {
            delimiter,
            ..Dialect::default()
        };
        if spaces_follow_delimiters(head.as_bytes(), plain) {
            rarer.push((plain, true));
        }
        let apostrophe = Dialect {
            quote: b'\'',
            ..plain
        };
        if quotes_open_fields(head.as_bytes(), apostrophe) {
            rarer.push((apostrophe, false));
        }
    }
    rarer.push((
        Dialect {
            delimiter: b' ',
            ..Dialect::default()
        },
        false,
    ));
    for (dialect, spaced) in rarer {
        let Some((fields, consistent, records)) = measure(dialect, spaced) else {
            continue;
        };
        // A space splits every record alike, or it is the text's own.
        let every = consistent == records && records >= 2;
        if consistent > best.2 && (dialect.delimiter != b' ' || every) {
            best = (dialect, spaced, consistent, fields, records);
        }
    }
    let spaced = best.1;
    FoundDialect {
        dialect: escaped(head, best.0, best.3, best.2, |d| measure(d, spaced)),
        space_after_delimiter: spaced,
    }
}

/// `dialect` with a backslash escaping quotes, when the text has a backslash before a
/// quote and reading it so keeps the width and reads no fewer records alike.
fn escaped(
    head: &str,
    dialect: Dialect,
    fields: usize,
    consistent: usize,
    measure: impl Fn(Dialect) -> Option<(usize, usize, usize)>,
) -> Dialect {
    let quote = dialect.quote as char;
    if !head.contains(&format!("\\{quote}")) {
        return dialect;
    }
    let with = Dialect {
        escape: Some(b'\\'),
        ..dialect
    };
    match measure(with) {
        Some((f, c, _)) if f == fields && c >= consistent => with,
        _ => dialect,
    }
}

/// Does the quote character open a field at least twice (after a delimiter or at a
/// line's start)?
fn quotes_open_fields(head: &[u8], dialect: Dialect) -> bool {
    let mut opened = 0;
    let mut prev = b'\n';
    for &b in head {
        if b == dialect.quote && (matches!(prev, b'\n' | b'\r') || prev == dialect.delimiter) {
            opened += 1;
            if opened >= 2 {
                return true;
            }
        }
        prev = b;
    }
    false
}

/// The delimiters of `text` outside quoted fields, each with whether a space follows it.
fn delimiters_outside_quotes(text: &[u8], dialect: Dialect) -> impl Iterator<Item = (usize, bool)> {
    let mut in_quotes = false;
    let mut field_start = true;
    let mut skip = false;
    text.iter().enumerate().filter_map(move |(i, &b)| {
        if std::mem::take(&mut skip) {
            return None;
        }
        if in_quotes {
            if Some(b) == dialect.escape {
                skip = true;
            } else if b == dialect.quote {
                if text.get(i + 1) == Some(&dialect.quote) {
                    skip = true;
                } else {
                    in_quotes = false;
                }
            }
            return None;
        }
        if b == dialect.delimiter {
            field_start = true;
            return Some((i, text.get(i + 1) == Some(&b' ')));
        }
        if b == b'\n' || b == b'\r' {
            field_start = true;
        } else if b == dialect.quote && field_start {
            in_quotes = true;
            field_start = false;
        } else if b != b' ' {
            field_start = false;
        }
        None
    })
}

/// Is (nearly) every delimiter outside quotes followed by a space, with at least two
/// delimiters a line?
fn spaces_follow_delimiters(head: &[u8], dialect: Dialect) -> bool {
    let lines = head.iter().filter(|&&b| b == b'\n').count().max(1);
    let (mut all, mut spaced) = (0usize, 0usize);
    for (_, space) in delimiters_outside_quotes(head, dialect) {
        all += 1;
        spaced += usize::from(space);
    }
    all >= 2 * lines && spaced * 20 >= all * 19
}

/// `text` without the spaces that follow each delimiter outside quoted fields.
fn strip_space_after_delimiter(text: &[u8], dialect: Dialect) -> Vec<u8> {
    let mut drop = vec![false; text.len()];
    for (i, _) in delimiters_outside_quotes(text, dialect) {
        let mut j = i + 1;
        while text.get(j) == Some(&b' ') {
            drop[j] = true;
            j += 1;
        }
    }
    text.iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(&b, _)| b)
        .collect()
}

/// Splits one line on `delimiter`, reading a quote as text unless it wraps a whole
/// field (`"a"`); a doubled quote inside such a field is one quote. A header line whose
/// stray quote would swallow the lines after it reads this way as its author meant.
fn lenient_split(line: &str, delimiter: u8, quote: u8) -> Vec<String> {
    let q = quote as char;
    line.split(delimiter as char)
        .map(|f| {
            let f = f.trim();
            let inner = f
                .strip_prefix(q)
                .and_then(|f| f.strip_suffix(q))
                .filter(|_| f.len() >= 2);
            match inner {
                Some(inner) => inner.replace(&format!("{q}{q}"), &q.to_string()),
                None => f.to_owned(),
            }
        })
        .collect()
}

/// The header and where the records start, found in the sniff window before the whole
/// file is read.
#[derive(Debug, Default)]
struct HeaderPlan {
    /// The header's names.
    names: Vec<String>,
    /// Where the records start.
    data_start: u64,
    /// What was done beyond reading the first line as the header.
    notes: Vec<String>,
}

/// One record of the sniff window.
struct HeadRecord {
    byte: u64,
    line: u32,
    fields: Vec<String>,
}

impl HeadRecord {
    fn filled(&self) -> usize {
        self.fields.iter().filter(|f| !f.trim().is_empty()).count()
    }
}

fn head_records(head: &[u8], from: u64, dialect: Dialect) -> Vec<HeadRecord> {
    let mut rdr = dialect.builder().from_reader(&head[from as usize..]);
    let mut out = Vec::new();
    let mut record = csv::ByteRecord::new();
    // Physical lines: line breaks counted up to each record's start.
    let (mut counted, mut breaks) = (0usize, 0u32);
    while out.len() < 500 {
        match rdr.read_byte_record(&mut record) {
            Ok(true) => {}
            _ => break,
        }
        let byte = from + record.position().map_or(0, |p| p.byte());
        let at = (byte as usize).min(head.len());
        breaks += head[counted.min(at)..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u32;
        counted = at;
        out.push(HeadRecord {
            byte,
            line: breaks + 1,
            fields: record
                .iter()
                .map(|f| String::from_utf8_lossy(f).trim().to_owned())
                .collect(),
        });
    }
    out
}

fn clean_names(mut names: Vec<String>) -> Vec<String> {
    if let Some(first) = names.first_mut() {
        *first = first.trim_start_matches('\u{feff}').trim().to_owned();
    }
    names
}

/// Finds the header in the sniff window `head` (the whole file when `whole`): skips a
/// preamble above it (lines with at most one value in four filled, when a fuller line
/// follows), reads a header line whose stray quote or other delimiter breaks it the way
/// its records are written, drops empty names a header has beyond its records' fields,
/// and skips lines right after it that repeat it. `None` when the window holds no whole
/// line: the header is then the first record.
fn plan_header(head: &[u8], whole: bool, dialect: Dialect) -> Option<HeaderPlan> {
    let end = if whole {
        head.len()
    } else {
        head.iter().rposition(|&b| b == b'\n')? + 1
    };
    let head = &head[..end];
    let records = head_records(head, 0, dialect);
    let counts: Vec<usize> = records.iter().map(|r| r.fields.len()).collect();
    let (width, _) = modal_width(&counts).unwrap_or((counts.first().copied()?, 1));
    let mut notes = Vec::new();

    // The delimiter (this dialect's, else another) that splits a line into the
    // records' width, reading stray quotes as text.
    let line_at = |byte: u64| -> (String, usize) {
        let from = byte as usize;
        let to = head[from..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(end, |i| from + i + 1);
        let line = String::from_utf8_lossy(&head[from..to]);
        (line.trim_end_matches(['\r', '\n']).to_owned(), to)
    };
    let splits_into = |line: &str, width: usize| {
        std::iter::once(dialect.delimiter)
            .chain(DELIMITERS)
            .chain([b' '])
            .find_map(|d| {
                let split = lenient_split(line, d, dialect.quote);
                let named = split.iter().filter(|n| !n.is_empty()).count();
                (split.len() == width && named * 2 >= width).then_some((d, split))
            })
    };

    // A preamble: thin lines above a header as wide as the records and mostly named (a
    // header broken by a stray quote or another delimiter is not thin).
    let thin = |r: &HeadRecord| {
        r.filled() <= (width / 4).max(1)
            && (r.fields.len() == width || splits_into(&line_at(r.byte).0, width).is_none())
    };
    let mut start = 0;
    if width >= 2 {
        let header_at = records
            .iter()
            .take(MAX_PREAMBLE + 1)
            .position(|r| !thin(r))
            .filter(|&i| {
                // A header mostly named, and records below it mostly filled (not a
                // layout of thin lines, like a data dictionary).
                let r = &records[i];
                let below = &records[i + 1..];
                let full = below
                    .iter()
                    .filter(|r| r.filled() > (width / 4).max(1))
                    .count();
                r.fields.len() == width && r.filled() * 2 >= width && full * 2 >= below.len()
            });
        if let Some(i) = header_at.filter(|&i| i > 0 && i + 1 < records.len()) {
            start = i;
            notes.push(format!(
                "{i} line(s) above the header (a title or notes: \"{}\") are not data",
                records[..i]
                    .iter()
                    .map(|r| r
                        .fields
                        .iter()
                        .filter(|f| !f.is_empty())
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(" "))
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join(" / ")
            ));
        }
    }
    let header = records.get(start)?;
    let mut names = clean_names(header.fields.clone());
    let mut data_start = records.get(start + 1).map_or(end as u64, |r| r.byte);
    let mut after = start + 1;
    if names.len() == width
        && let Some(other) = two_lines_or_none(&records, start, width, end)
    {
        names = other.names;
        data_start = other.data_start;
        after = other.after;
        notes.push(other.note);
    }

    if names.len() != width {
        // The header's own line, and the records from the line after it.
        let (line, line_end) = line_at(header.byte);
        let rest = head_records(head, line_end as u64, dialect);
        let rest_counts: Vec<usize> = rest.iter().map(|r| r.fields.len()).collect();
        let empty = names.iter().filter(|n| n.is_empty()).count();
        let other = modal_width(&rest_counts).and_then(|(w, _)| splits_into(&line, w));
        if let Some((d, split)) = other {
            if d == dialect.delimiter {
                notes.push(format!(
                    "the header line (line {}) has a stray quote; its quotes are read as text",
                    header.line
                ));
            } else {
                notes.push(format!(
                    "the header line (line {}) is separated by \"{}\" where the records use \"{}\"",
                    header.line,
                    super::delimiter_name(d),
                    super::delimiter_name(dialect.delimiter)
                ));
            }
            names = clean_names(split);
            data_start = line_end as u64;
            // Records are read from the line after the header: none of the window's
            // records parsed with the header count any more.
            after = usize::MAX;
        } else if names.len() > width && names.len() - width == empty && empty > 0 {
            notes.push(format!(
                "the header (line {}) has {empty} empty name(s) more than its records have fields; they are dropped",
                header.line
            ));
            names.retain(|n| !n.is_empty());
        }
    }

    // A name with a quote left in it: a stray quote, which the CSV reader misplaces
    // (`""Name"` reads as `Name"`); read the line with its quotes as text instead.
    let quote = dialect.quote as char;
    if after != usize::MAX && names.iter().any(|n| n.contains(quote)) {
        let split = clean_names(lenient_split(
            &line_at(header.byte).0,
            dialect.delimiter,
            dialect.quote,
        ));
        if split.len() == names.len() && split != names {
            notes.push(format!(
                "the header line (line {}) has a stray quote; its quotes are read as text",
                header.line
            ));
            names = split;
        }
    }

    // Lines right after the header that repeat it (a header written twice or more).
    if after != usize::MAX {
        let mut repeated = Vec::new();
        while let Some(r) = records.get(after)
            && repeated.len() < 3
            && clean_names(r.fields.clone()) == names
        {
            repeated.push(r.line.to_string());
            after += 1;
            data_start = records.get(after).map_or(end as u64, |r| r.byte);
        }
        if !repeated.is_empty() {
            notes.push(format!(
                "the header repeats on line(s) {}; those lines are not data",
                repeated.join(", ")
            ));
        }
    }
    Some(HeaderPlan {
        names,
        data_start,
        notes,
    })
}

/// A header that is not one line above the records ([`header_rows`]): its names, where
/// the records start, the first of the window's records that is data (`usize::MAX`:
/// none, they were parsed below a header), and what was assumed, in words.
struct OtherHeader {
    names: Vec<String>,
    data_start: u64,
    after: usize,
    note: String,
}

/// A header over two lines, or none at all, at `records[start]`; `None` for a plain
/// one-line header.
fn two_lines_or_none(
    records: &[HeadRecord],
    start: usize,
    width: usize,
    end: usize,
) -> Option<OtherHeader> {
    let rows: Vec<&[String]> = records[start..]
        .iter()
        .map(|r| r.fields.as_slice())
        .collect();
    let header = &records[start];
    match header_rows::classify(&rows, width)? {
        HeaderRows::None => Some(OtherHeader {
            names: (1..=width).map(|i| format!("column {i}")).collect(),
            data_start: header.byte,
            after: usize::MAX,
            note: format!(
                "line {} holds data, not a header (values that read as numbers, dates or email addresses, where the records below have them): it is read as a record, and the columns are named column 1 to column {width}; name the ones the audit needs under [file.columns] in the mapping file",
                header.line
            ),
        }),
        HeaderRows::TwoLines { names, how } => {
            let second = records.get(start + 1)?;
            let quoted = |list: &[String]| {
                list.iter()
                    .filter(|n| !n.trim().is_empty())
                    .take(4)
                    .map(|n| format!("\"{n}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let note = match how {
                TwoLines::Second => format!(
                    "the header is on two lines: line {} groups the columns ({}) and line {} names them; the names of line {} are used",
                    header.line,
                    quoted(&clean_names(header.fields.clone())),
                    second.line,
                    second.line
                ),
                TwoLines::Joined => format!(
                    "the header is on two lines ({} and {}): each column's name is its two parts joined ({}, …)",
                    header.line,
                    second.line,
                    quoted(&names)
                ),
            };
            Some(OtherHeader {
                names,
                data_start: records.get(start + 2).map_or(end as u64, |r| r.byte),
                after: start + 2,
                note,
            })
        }
    }
}

/// A record set aside because it does not have the header's number of fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SetAside {
    /// The physical line of the file on which the record starts.
    pub line: u32,
    /// The fields it has.
    pub found: usize,
    /// What probably went wrong, when it can be told.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Where the record starts in the data.
    #[serde(skip)]
    pub(crate) byte: u64,
    /// Where reading resumed after it, when its quote never closed.
    #[serde(skip)]
    pub(crate) resume: Option<u64>,
}

struct Shape {
    headers: Vec<String>,
    data_start: u64,
    notes: Vec<String>,
    /// (line, byte offset) of records that repeat the header.
    repeated_headers: Vec<(u32, u64)>,
    /// (line, byte offset) of another table's header, where reading stopped.
    second_table: Option<(u32, u64)>,
    record_lines: Vec<u32>,
    record_bytes: Vec<u64>,
    footer: Vec<String>,
    footer_start: Option<u64>,
    /// (line, byte offset) of records whose every field is empty.
    empty_records: Vec<(u32, u64)>,
    set_aside: Vec<SetAside>,
}

impl Shape {
    /// Replaces the CSV reader's line numbers (which skip blank lines) with the
    /// physical lines of `data`, the bytes that were checked.
    fn exact_lines<R: Read>(&mut self, data: R) -> std::io::Result<()> {
        let mut offsets: Vec<u64> = self
            .record_bytes
            .iter()
            .copied()
            .chain(self.set_aside.iter().map(|s| s.byte))
            .chain(self.repeated_headers.iter().map(|r| r.1))
            .chain(self.second_table.map(|t| t.1))
            .collect();
        offsets.sort_unstable();
        offsets.dedup();
        let lines = physical_lines(data, &offsets)?;
        let line = |byte: u64| {
            offsets
                .binary_search(&byte)
                .map_or(0, |i| lines.get(i).copied().unwrap_or(0))
        };
        for (l, &b) in self.record_lines.iter_mut().zip(&self.record_bytes) {
            *l = line(b);
        }
        for e in &mut self.empty_records {
            e.0 = line(e.1);
        }
        for s in &mut self.set_aside {
            s.line = line(s.byte);
        }
        for r in &mut self.repeated_headers {
            r.0 = line(r.1);
        }
        if let Some(t) = &mut self.second_table {
            t.0 = line(t.1);
        }
        Ok(())
    }

    fn into_sniffed(
        mut self,
        encoding: TextEncoding,
        dialect: Dialect,
        bytes: u64,
        data: DataSource,
    ) -> Sniffed {
        if dialect.quote != b'"' {
            self.notes.insert(
                0,
                format!("fields are quoted with {}", dialect.quote as char),
            );
        }
        if let Some(e) = dialect.escape {
            self.notes.insert(
                0,
                format!(
                    "a quote inside a quoted field is escaped with {}",
                    e as char
                ),
            );
        }
        if !self.repeated_headers.is_empty() {
            let lines: Vec<String> = self
                .repeated_headers
                .iter()
                .take(SHOWN_LINES)
                .map(|r| r.0.to_string())
                .collect();
            self.notes.push(format!(
                "{} line(s) repeat the header (files joined one after another?), at line(s) {}; they are not data",
                self.repeated_headers.len(),
                lines.join(", ")
            ));
        }
        if let Some((line, _)) = self.second_table {
            self.notes.push(format!(
                "another table, with another header, starts at line {line}; only the first table is read"
            ));
        }
        Sniffed {
            encoding,
            dialect,
            data_start: self.data_start,
            notes: self.notes,
            column_offset: 0,
            rows: self.record_lines.len(),
            headers: self.headers,
            record_lines: self.record_lines,
            record_bytes: self.record_bytes,
            footer: self.footer,
            empty_records: self.empty_records.iter().map(|&(line, _)| line).collect(),
            set_aside: self.set_aside,
            bytes,
            data,
        }
    }
}

/// Is this record a report footer line ("Grand Totals", "Confidential Information - Do
/// Not Distribute", "Copyright (c) …", "Generated By: …")? Only its first field may
/// hold text, besides numbers (totals).
fn is_footer(record: &csv::ByteRecord) -> bool {
    let first = String::from_utf8_lossy(record.get(0).unwrap_or_default());
    let first = first.trim().to_lowercase();
    const STARTS: [&str; 11] = [
        "grand total",
        "grand totals",
        "subtotal",
        "total",
        "confidential information",
        "copyright",
        "generated by",
        "salesforce.com",
        "filtered by",
        "report generated",
        "exported by",
    ];
    let rest_plain = record.iter().skip(1).all(|f| {
        let f = String::from_utf8_lossy(f);
        let f = f.trim();
        f.is_empty()
            || f.chars()
                .all(|c| c.is_ascii_digit() || ".,-$€£ ()%".contains(c))
    });
    rest_plain && STARTS.iter().any(|s| first.starts_with(s))
}

/// Opens data at a byte offset.
pub(crate) type Opener<'a> = dyn Fn(u64) -> std::io::Result<Box<dyn Read + 'a>> + 'a;

impl DataSource {
    /// The data from byte `at`: the file read in place, or the decoded text in memory.
    pub(crate) fn open_at(&self, at: u64) -> std::io::Result<Box<dyn Read + '_>> {
        match self {
            DataSource::Original(path) => open_at(path, at),
            DataSource::Memory(bytes) => Ok(Box::new(bytes.get(at as usize..).unwrap_or_default())),
        }
    }
}

/// The file at `path` from byte `at`.
pub(crate) fn open_at(path: &Path, at: u64) -> std::io::Result<Box<dyn Read + 'static>> {
    use std::io::{Seek, SeekFrom};
    let mut f = File::open(path)?;
    f.seek(SeekFrom::Start(at))?;
    Ok(Box::new(BufReader::with_capacity(1 << 20, f)))
}

impl Dialect {
    /// A CSV reader builder for this dialect: no header, any number of fields.
    fn builder(self) -> csv::ReaderBuilder {
        let mut b = csv::ReaderBuilder::new();
        b.delimiter(self.delimiter)
            .quote(self.quote)
            .escape(self.escape)
            .has_headers(false)
            .flexible(true);
        b
    }
}

/// The CSV reader every pass over the records uses.
pub(crate) fn csv_reader<'a>(
    dialect: Dialect,
    data: Box<dyn Read + 'a>,
) -> csv::Reader<Box<dyn Read + 'a>> {
    dialect.builder().from_reader(data)
}

/// Where reading resumes after a record at `at` whose quote never closed: the start of
/// the line after the record's own first line (blank lines before it skipped), or
/// `None` when that line is the last.
pub(crate) fn line_after(open: &Opener<'_>, at: u64) -> std::io::Result<Option<u64>> {
    let mut data = BufReader::new(open(at)?);
    let mut byte = [0u8; 1];
    let (mut pos, mut started) = (at, false);
    loop {
        if data.read(&mut byte)? == 0 {
            return Ok(None);
        }
        pos += 1;
        match byte[0] {
            b'\n' if started => return Ok(Some(pos)),
            b'\r' | b'\n' => {}
            _ => started = true,
        }
    }
}

fn check_shape(
    file: &str,
    open: &Opener<'_>,
    dialect: Dialect,
    plan: Option<HeaderPlan>,
    bytes_total: u64,
    progress: &mut dyn FnMut(Progress),
) -> Result<Shape, IngestError> {
    let io = |error| IngestError::Io {
        file: file.to_owned(),
        error,
    };
    let mut record = csv::ByteRecord::new();
    let (headers, data_start, notes) = match plan {
        Some(plan) => (plan.names, plan.data_start, plan.notes),
        None => {
            // No whole line in the sniff window: the header is the first record.
            let mut rdr = csv_reader(dialect, open(0).map_err(io)?);
            let got = rdr
                .read_byte_record(&mut record)
                .map_err(|e| csv_error(file, e))?;
            if !got {
                return Err(IngestError::Empty {
                    file: file.to_owned(),
                });
            }
            let names = record
                .iter()
                .map(|h| String::from_utf8_lossy(h).trim().to_owned())
                .collect();
            (clean_names(names), rdr.position().byte(), Vec::new())
        }
    };
    let mut rdr = csv_reader(dialect, open(data_start).map_err(io)?);
    // The offset of the reader's start in the data (it restarts after a broken quote).
    let mut base = data_start;
    let width = headers.len();

    let mut shape = Shape {
        headers,
        data_start,
        notes,
        repeated_headers: Vec::new(),
        second_table: None,
        record_lines: Vec::new(),
        record_bytes: Vec::new(),
        footer: Vec::new(),
        footer_start: None,
        empty_records: Vec::new(),
        set_aside: Vec::new(),
    };
    // The footer candidate: where it starts, its first line, and its text; and its
    // records (byte offset, fields, all empty), in case records follow it after all.
    let mut footer_at: Option<(u64, u32, usize)> = None;
    let mut footer_records: Vec<(u64, usize, bool)> = Vec::new();
    let header_names = shape.headers.clone();
    let names: std::collections::HashSet<&str> = header_names.iter().map(String::as_str).collect();
    // Thin records of the wrong width since the last full one: (byte offset, text).
    let mut thin_tail: Vec<(u64, String)> = Vec::new();
    let mut seen = 0usize;
    loop {
        let ok = rdr
            .read_byte_record(&mut record)
            .map_err(|e| csv_error(file, e))?;
        if !ok {
            break;
        }
        let pos = record
            .position()
            .expect("the csv reader records positions")
            .clone();
        let line = pos.line() as u32;
        let byte = base + pos.byte();
        seen += 1;
        if seen.is_multiple_of(PROGRESS_EVERY) {
            progress(Progress {
                bytes_read: byte,
                bytes_total,
                rows: seen as u64,
            });
        }
        let all_empty = record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace));
        match header_like(&record, &shape.headers, &names) {
            // The header again (exports joined one after another): not a record.
            HeaderLike::Same => {
                shape.repeated_headers.push((line, byte));
                continue;
            }
            // Another table's header, of another width: the rest is that table.
            HeaderLike::Other if record.len() != width && footer_at.is_none() => {
                shape.second_table = Some((line, byte));
                break;
            }
            _ => {}
        }
        if footer_at.is_some() || is_footer(&record) {
            // Inside a footer, any one-cell line belongs to it too (report exports end
            // with the organisation's name, the report's title or its filters).
            let one_cell = width > 1
                && record
                    .iter()
                    .skip(1)
                    .all(|f| f.iter().all(u8::is_ascii_whitespace));
            if all_empty || is_footer(&record) || (footer_at.is_some() && one_cell) {
                footer_at.get_or_insert((byte, line, record.len()));
                footer_records.push((byte, record.len(), all_empty));
                if !all_empty {
                    shape.footer.push(record_text(&record));
                }
                continue;
            }
            // Data after what looked like a footer: those lines were records, and the
            // ones of the wrong shape are set aside.
            footer_at = None;
            shape.footer.clear();
            for (byte, found, empty) in footer_records.drain(..) {
                if found == width {
                    if empty {
                        shape.empty_records.push((0, byte));
                    }
                    shape.record_lines.push(0);
                    shape.record_bytes.push(byte);
                } else if !empty {
                    shape.set_aside.push(SetAside {
                        line: 0,
                        found,
                        hint: Some(
                            "it reads like a report footer, but records follow it".to_owned(),
                        ),
                        byte,
                        resume: None,
                    });
                }
            }
        }
        if record.len() != width {
            if all_empty && record.len() == 1 {
                continue; // a line holding only spaces
            }
            let broken_quote = record.iter().any(|f| f.contains(&b'\n'));
            let hint = broken_quote
                .then(|| "a quoted field that opens on this line never closes".to_owned());
            // A quote that never closes swallows the lines after it: only its own line
            // is set aside, and reading resumes on the next.
            let resume = if broken_quote {
                line_after(open, byte).map_err(io)?
            } else {
                None
            };
            // A thin line (a note, a source) may be a footnote, if only such lines follow.
            let filled = record
                .iter()
                .filter(|f| !f.iter().all(u8::is_ascii_whitespace))
                .count();
            if !broken_quote && filled <= (width / 4).max(1) {
                thin_tail.push((byte, record_text(&record)));
            } else {
                thin_tail.clear();
            }
            shape.set_aside.push(SetAside {
                line,
                found: record.len(),
                hint,
                byte,
                resume,
            });
            if let Some(at) = resume {
                rdr = csv_reader(dialect, open(at).map_err(io)?);
                base = at;
            }
            continue;
        }
        if all_empty {
            shape.empty_records.push((line, byte));
        } else {
            thin_tail.clear();
        }
        shape.record_lines.push(line);
        shape.record_bytes.push(byte);
    }
    // Thin lines of the wrong width after the last record are footnotes, not records.
    if let Some(&(first, _)) = thin_tail.first()
        && footer_at.is_none()
        && shape.second_table.is_none()
        && shape.record_bytes.last().is_some_and(|&b| b < first)
    {
        shape.set_aside.retain(|r| r.byte < first);
        footer_at = Some((first, 0, 1));
        shape.footer = thin_tail.into_iter().map(|(_, text)| text).collect();
    }
    // Records of only empty fields at the very end are dropped with the footer.
    let mut trailing_empty: Option<u64> = None;
    while let Some(&(_, byte)) = shape.empty_records.last() {
        if shape.record_bytes.last() != Some(&byte) {
            break;
        }
        shape.empty_records.pop();
        shape.record_lines.pop();
        shape.record_bytes.pop();
        trailing_empty = Some(byte);
    }
    shape.footer_start = shape
        .second_table
        .map(|(_, byte)| byte)
        .or(trailing_empty)
        .or(footer_at.map(|(byte, _, _)| byte));
    if shape.record_lines.is_empty() && shape.set_aside.is_empty() {
        return Err(IngestError::HeaderOnly {
            file: file.to_owned(),
        });
    }
    progress(Progress {
        bytes_read: bytes_total,
        bytes_total,
        rows: seen as u64,
    });
    Ok(shape)
}

/// How many lines a note lists.
const SHOWN_LINES: usize = 20;

/// Whether a record reads like a header: the file's own again, or another's.
#[derive(Debug, PartialEq, Eq)]
enum HeaderLike {
    No,
    /// Every field is the header's name at its place.
    Same,
    /// At least two fields, and most of the filled ones, are names of the header's, and
    /// none is a number.
    Other,
}

/// Whether a record reads like a header. `names` is the header's names as a set; only
/// records of another width than the header's are compared with it (rarely many).
fn header_like(
    record: &csv::ByteRecord,
    headers: &[String],
    names: &std::collections::HashSet<&str>,
) -> HeaderLike {
    if record.len() == headers.len() {
        // Compared in place: this runs on every record, and usually stops at once.
        let same = headers.len() >= 2
            && record
                .iter()
                .zip(headers)
                .all(|(f, h)| f.trim_ascii() == h.as_bytes());
        return if same {
            HeaderLike::Same
        } else {
            HeaderLike::No
        };
    }
    let fields: Vec<String> = record
        .iter()
        .map(|f| String::from_utf8_lossy(f).trim().to_owned())
        .collect();
    let filled: Vec<&String> = fields.iter().filter(|f| !f.is_empty()).collect();
    if filled.len() < 2 {
        return HeaderLike::No;
    }
    let named = filled.iter().filter(|f| names.contains(f.as_str())).count();
    let numeric = filled.iter().any(|f| {
        f.chars()
            .all(|c| c.is_ascii_digit() || ".,-+$€£%/: ".contains(c))
    });
    if named >= 2 && named * 2 > filled.len() && !numeric {
        HeaderLike::Other
    } else {
        HeaderLike::No
    }
}

fn record_text(record: &csv::ByteRecord) -> String {
    let fields: Vec<String> = record
        .iter()
        .map(|f| String::from_utf8_lossy(f).trim().to_owned())
        .filter(|f| !f.is_empty())
        .collect();
    fields.join(" ")
}

fn csv_error(file: &str, e: csv::Error) -> IngestError {
    let line = e.position().map_or(0, |p| p.line() as u32);
    IngestError::Malformed {
        file: file.to_owned(),
        line,
        detail: e.to_string(),
    }
}

#[cfg(test)]
mod tests;
