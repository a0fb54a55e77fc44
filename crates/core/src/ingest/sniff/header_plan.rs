//! Where the header is: the preamble lines above it, the header line (or two), and its
//! cleaned names.

use super::*;

/// The header and where the records start, found in the sniff window before the whole
/// file is read.
#[derive(Debug, Default)]
pub(super) struct HeaderPlan {
    /// The header's names.
    pub(super) names: Vec<String>,
    /// Where the records start.
    pub(super) data_start: u64,
    /// What was done beyond reading the first line as the header.
    pub(super) notes: Vec<String>,
}

/// One record of the sniff window.
pub(super) struct HeadRecord {
    pub(super) byte: u64,
    pub(super) line: u32,
    pub(super) fields: Vec<String>,
}

impl HeadRecord {
    pub(super) fn filled(&self) -> usize {
        self.fields.iter().filter(|f| !f.trim().is_empty()).count()
    }
}

pub(super) fn head_records(head: &[u8], from: u64, dialect: Dialect) -> Vec<HeadRecord> {
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

pub(super) fn clean_names(mut names: Vec<String>) -> Vec<String> {
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
pub(super) fn plan_header(head: &[u8], whole: bool, dialect: Dialect) -> Option<HeaderPlan> {
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
                    super::super::delimiter_name(d),
                    super::super::delimiter_name(dialect.delimiter)
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
pub(super) struct OtherHeader {
    pub(super) names: Vec<String>,
    pub(super) data_start: u64,
    pub(super) after: usize,
    pub(super) note: String,
}

/// A header over two lines, or none at all, at `records[start]`; `None` for a plain
/// one-line header.
pub(super) fn two_lines_or_none(
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
