//! The shape of every record: one streaming pass that counts each record's fields, sets
//! aside those that do not fit the header, finds report footers and repeated headers,
//! and remembers where each record starts.

use super::*;

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

pub(super) struct Shape {
    pub(super) headers: Vec<String>,
    pub(super) data_start: u64,
    pub(super) notes: Vec<String>,
    /// (line, byte offset) of records that repeat the header.
    pub(super) repeated_headers: Vec<(u32, u64)>,
    /// (line, byte offset) of another table's header, where reading stopped.
    pub(super) second_table: Option<(u32, u64)>,
    pub(super) record_lines: Vec<u32>,
    pub(super) record_bytes: Vec<u64>,
    pub(super) footer: Vec<String>,
    pub(super) footer_start: Option<u64>,
    /// (line, byte offset) of records whose every field is empty.
    pub(super) empty_records: Vec<(u32, u64)>,
    pub(super) set_aside: Vec<SetAside>,
    /// The text columns of the first records, read by the parallel parts (one set per
    /// part).
    pub(super) prefix: Option<Vec<Vec<polars::prelude::StringChunked>>>,
}

/// The physical line of a byte offset among `offsets` (sorted) and their `lines` (0 for an
/// offset not among them). Offsets asked in file order are found by walking forward
/// rather than by a binary search each: a million records' lines were a binary search
/// apiece (#11). An offset behind the walk is searched.
struct LineWalk<'a> {
    offsets: &'a [u64],
    lines: &'a [u32],
    at: usize,
}

impl<'a> LineWalk<'a> {
    fn new(offsets: &'a [u64], lines: &'a [u32]) -> Self {
        LineWalk {
            offsets,
            lines,
            at: 0,
        }
    }

    fn line(&mut self, byte: u64) -> u32 {
        while self.offsets.get(self.at).is_some_and(|&o| o < byte) {
            self.at += 1;
        }
        let i = if self.offsets.get(self.at) == Some(&byte) {
            Some(self.at)
        } else {
            self.offsets.binary_search(&byte).ok()
        };
        i.and_then(|i| self.lines.get(i).copied()).unwrap_or(0)
    }
}

impl Shape {
    /// Replaces the CSV reader's line numbers (which skip blank lines) with the
    /// physical lines of `data`, the bytes that were checked.
    pub(super) fn exact_lines<R: Read>(&mut self, data: R) -> std::io::Result<()> {
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
        // One walk: the records come in file order; the few other offsets, behind it by
        // then, are searched.
        let mut walk = LineWalk::new(&offsets, &lines);
        for (l, &b) in self.record_lines.iter_mut().zip(&self.record_bytes) {
            *l = walk.line(b);
        }
        for e in &mut self.empty_records {
            e.0 = walk.line(e.1);
        }
        for s in &mut self.set_aside {
            s.line = walk.line(s.byte);
        }
        for r in &mut self.repeated_headers {
            r.0 = walk.line(r.1);
        }
        if let Some(t) = &mut self.second_table {
            t.0 = walk.line(t.1);
        }
        Ok(())
    }

    pub(super) fn into_sniffed(
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
            prefix: self.prefix,
            bytes,
            data,
        }
    }
}

/// Is this record a report footer line ("Grand Totals", "Confidential Information - Do
/// Not Distribute", "Copyright (c) …", "Generated By: …")? Only its first field may
/// hold text, besides numbers (totals).
pub(super) fn is_footer(record: &csv::ByteRecord) -> bool {
    let head = record.get(0).unwrap_or_default().trim_ascii_start();
    // Every footer starts with ASCII: a first field that starts with an ASCII byte and
    // none of the starts below (nearly every record) is no footer, decided without
    // decoding and lower-casing it (#11).
    if head.first().is_none_or(u8::is_ascii)
        && !FOOTER_STARTS.iter().any(|s| {
            head.get(..s.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(s.as_bytes()))
        })
    {
        return false;
    }
    let first = String::from_utf8_lossy(record.get(0).unwrap_or_default());
    let first = first.trim().to_lowercase();
    let rest_plain = record.iter().skip(1).all(|f| {
        let f = String::from_utf8_lossy(f);
        let f = f.trim();
        f.is_empty()
            || f.chars()
                .all(|c| c.is_ascii_digit() || ".,-$€£ ()%".contains(c))
    });
    rest_plain && FOOTER_STARTS.iter().any(|s| first.starts_with(s))
}

/// How the first field of a report footer line starts (lower case).
const FOOTER_STARTS: [&str; 11] = [
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

pub(super) fn check_shape(
    file: &str,
    open: &Opener<'_>,
    dialect: Dialect,
    plan: Option<HeaderPlan>,
    bytes_total: u64,
    parts: super::parts::Parts,
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
    // A large file's plain records are found in parallel parts first; this loop reads
    // on from the first record that is not plain (#11).
    let super::parts::PlainPrefix {
        starts: plain,
        resume,
        columns: prefix,
    } = super::parts::plain_prefix(
        open,
        dialect,
        &headers,
        (data_start, bytes_total),
        parts,
        progress,
    );
    let resume = resume.unwrap_or(bytes_total);
    let mut rdr = csv_reader(dialect, open(resume).map_err(io)?);
    // The offset of the reader's start in the data (it restarts after a broken quote).
    let mut base = resume;
    let width = headers.len();

    let mut shape = Shape {
        headers,
        data_start,
        notes,
        repeated_headers: Vec::new(),
        second_table: None,
        record_lines: vec![0; plain.len()],
        record_bytes: plain,
        footer: Vec::new(),
        footer_start: None,
        empty_records: Vec::new(),
        set_aside: Vec::new(),
        prefix,
    };
    // The footer candidate: where it starts, its first line, and its text; and its
    // records (byte offset, fields, all empty), in case records follow it after all.
    let mut footer_at: Option<(u64, u32, usize)> = None;
    let mut footer_records: Vec<(u64, usize, bool)> = Vec::new();
    let header_names = shape.headers.clone();
    let names: std::collections::HashSet<&str> = header_names.iter().map(String::as_str).collect();
    // Thin records of the wrong width since the last full one: (byte offset, text).
    let mut thin_tail: Vec<(u64, String)> = Vec::new();
    let mut seen = shape.record_bytes.len();
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
pub(super) const SHOWN_LINES: usize = 20;

/// Whether a record reads like a header: the file's own again, or another's.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum HeaderLike {
    No,
    /// Every field is the header's name at its place.
    Same,
    /// At least two fields, and most of the filled ones, are names of the header's, and
    /// none is a number.
    Other,
}

/// Whether a record reads like a header. `names` is the header's names as a set; only
/// records of another width than the header's are compared with it (rarely many).
pub(super) fn header_like(
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

pub(super) fn record_text(record: &csv::ByteRecord) -> String {
    let fields: Vec<String> = record
        .iter()
        .map(|f| String::from_utf8_lossy(f).trim().to_owned())
        .filter(|f| !f.is_empty())
        .collect();
    fields.join(" ")
}

pub(super) fn csv_error(file: &str, e: csv::Error) -> IngestError {
    let line = e.position().map_or(0, |p| p.line() as u32);
    IngestError::Malformed {
        file: file.to_owned(),
        line,
        detail: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::LineWalk;

    /// The walk gives what a binary search gives, for offsets asked in order, out of
    /// order, repeated and absent.
    #[test]
    fn the_line_walk_is_a_binary_search() {
        let offsets: Vec<u64> = (0..200u64).map(|i| i * 7 + i % 3).collect();
        let lines: Vec<u32> = (0..200u32).map(|i| i * 2 + 1).collect();
        let search = |b: u64| {
            offsets
                .binary_search(&b)
                .map_or(0, |i| lines.get(i).copied().unwrap_or(0))
        };
        let mut asked: Vec<u64> = (0..1500u64).collect();
        asked.extend([5, 3, 1400, 0, 0, 7, 7, 9999, 14, 2]);
        asked.extend((0..1500u64).rev().step_by(3));
        let mut walk = LineWalk::new(&offsets, &lines);
        for &b in &asked {
            assert_eq!(walk.line(b), search(b), "byte {b}");
        }
        // More offsets than lines (a file cut short): the missing lines are 0.
        let mut walk = LineWalk::new(&offsets, &lines[..10]);
        assert_eq!(walk.line(offsets[5]), lines[5]);
        assert_eq!(walk.line(offsets[50]), 0);
    }
}
