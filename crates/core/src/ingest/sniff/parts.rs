//! The shape check of a large file in parallel parts (#11).
//!
//! The data is cut at line breaks into parts, and each part is read by its own `csv`
//! reader on its own thread. A part that starts inside a quoted field is misread at
//! first, so a part's records are trusted only from a record start that the previous
//! part's reader reaches too: from a byte at which both readers start a record, they
//! read the same records. When no such start exists, the part is read again on this
//! thread from the previous part's last record start.
//!
//! Only plain records are taken here: the header's width, some field filled, not the
//! header again and not a footer, the records the serial check keeps without a second
//! look. From the first record that is not plain, the serial check reads the rest, so
//! set-aside records, footers, repeated headers and empty records are handled exactly
//! as before, in one place.
//!
//! When the file is to be read (an import, not a look at its header), the parts also
//! build the text columns of their plain records, so that those records are parsed once
//! (#11): the read then parses only the records from where the serial check went on.

use std::sync::atomic::{AtomicUsize, Ordering};

use polars::prelude::{StringChunked, StringChunkedBuilder};

use super::*;

/// The size of a part.
pub(super) const PART_BYTES: u64 = 8 << 20;
/// Data shorter than this is checked serially: threads would not pay for themselves.
pub(super) const PARALLEL_MIN: u64 = 24 << 20;

/// How the shape check cuts the data into parts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Parts {
    /// The size of a part.
    pub(crate) bytes: u64,
    /// Data shorter than this is checked serially.
    pub(crate) min: u64,
    /// Whether the parts build the text columns of the records they take.
    pub(crate) read: bool,
}

impl Parts {
    /// Parts for a look at the file: its shape only.
    pub(crate) const SHAPE: Parts = Parts {
        bytes: PART_BYTES,
        min: PARALLEL_MIN,
        read: false,
    };
    /// Parts for an import: the shape, and the text of the records taken. The parts
    /// are larger: each builds a text buffer per column, and at 1M contacts 8 MB parts
    /// held about 300 MB more than 32 MB ones.
    pub(crate) const READ: Parts = Parts {
        read: true,
        bytes: 32 << 20,
        ..Parts::SHAPE
    };
}

/// The text columns of records, one builder per header, named `c0`, `c1`, … by position:
/// each value as text (invalid UTF-8 replaced), an empty one null.
pub(crate) struct TextColumns(Vec<StringChunkedBuilder>);

impl TextColumns {
    pub(crate) fn new(width: usize, capacity: usize) -> Self {
        TextColumns(
            (0..width)
                .map(|i| StringChunkedBuilder::new(crate::ingest::col_name(i).into(), capacity))
                .collect(),
        )
    }

    /// Adds a record; fields past the width are left out, missing ones are null.
    ///
    /// The record's text is checked as UTF-8 once, whole (#11); a field is taken from
    /// it when it starts and ends on a character, else read with its invalid bytes
    /// replaced, as before.
    pub(crate) fn push(&mut self, record: &csv::ByteRecord) {
        let bytes = record.as_slice();
        let text = std::str::from_utf8(bytes).ok();
        for (i, b) in self.0.iter_mut().enumerate() {
            match record.range(i) {
                Some(r) if !r.is_empty() => match text.and_then(|t| t.get(r.clone())) {
                    Some(v) => b.append_value(v),
                    None => b.append_value(String::from_utf8_lossy(&bytes[r])),
                },
                _ => b.append_null(),
            }
        }
    }

    pub(crate) fn finish(self) -> Vec<StringChunked> {
        self.0.into_iter().map(|b| b.finish()).collect()
    }
}

/// What one reader found in a part.
struct PartScan {
    /// Where each record it read starts.
    starts: Vec<u64>,
    /// Where each record that is not plain starts.
    odd: Vec<u64>,
    /// The first record start at or after the part's end; `None` at the end of the data.
    over: Option<u64>,
    /// The plain records' text columns, when the part is read.
    columns: Option<TextColumns>,
}

/// Whether the serial check would do nothing with this record but keep it.
pub(super) fn plain_record(record: &csv::ByteRecord, headers: &[String]) -> bool {
    record.len() == headers.len()
        && !record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace))
        // Of the header's width, a record is compared with the header in place: the
        // set of its names is not needed.
        && header_like(record, headers, &Default::default()) == HeaderLike::No
        && !is_footer(record)
}

/// Reads the records from `from`, up to the first one that starts at or after `to`;
/// with `read`, the plain ones' text too.
fn scan_part(
    open: &Opener<'_>,
    (dialect, headers): (Dialect, &[String]),
    (from, to): (u64, u64),
    read: bool,
) -> Result<PartScan, csv::Error> {
    let mut rdr = csv_reader(dialect, open(from)?);
    let mut record = csv::ByteRecord::new();
    let mut scan = PartScan {
        starts: Vec::new(),
        odd: Vec::new(),
        over: None,
        columns: read.then(|| TextColumns::new(headers.len(), 0)),
    };
    while rdr.read_byte_record(&mut record)? {
        let byte = from + record.position().map_or(0, |p| p.byte());
        if byte >= to {
            scan.over = Some(byte);
            break;
        }
        scan.starts.push(byte);
        if !plain_record(&record, headers) {
            scan.odd.push(byte);
        } else if let Some(columns) = &mut scan.columns {
            columns.push(&record);
        }
    }
    Ok(scan)
}

/// Where the parts start: the first line break at or after every `part_bytes` from
/// `start`, the first part at `start`.
fn part_starts(
    open: &Opener<'_>,
    start: u64,
    end: u64,
    part_bytes: u64,
) -> std::io::Result<Vec<u64>> {
    let mut starts = vec![start];
    let mut target = start + part_bytes;
    let mut buf = vec![0u8; 64 * 1024];
    while target < end {
        let mut data = open(target)?;
        let n = read_full(&mut data, &mut buf)?;
        match memchr::memchr(b'\n', &buf[..n]) {
            Some(i) if target + (i as u64) + 1 < end => {
                let at = target + i as u64 + 1;
                starts.push(at);
                target = at + part_bytes;
            }
            Some(_) => break,
            // A line longer than the window: this part goes on to the next target.
            None => target += part_bytes,
        }
    }
    Ok(starts)
}

fn read_full(data: &mut dyn Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match data.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// The plain records from `start`, found in parallel parts.
pub(super) struct PlainPrefix {
    /// Where each starts.
    pub(super) starts: Vec<u64>,
    /// Where the serial check must go on (`None` when every record was plain).
    pub(super) resume: Option<u64>,
    /// Their text columns, when the parts read them: one set per part, in order (joined
    /// once, with the records read after them, by the import's read).
    pub(super) columns: Option<Vec<Vec<StringChunked>>>,
}

/// The plain records from `start`, read in parallel parts. Data shorter than
/// `parts.min` is left to the serial check whole.
pub(super) fn plain_prefix(
    open: &Opener<'_>,
    dialect: Dialect,
    headers: &[String],
    (start, end): (u64, u64),
    parts: Parts,
    progress: &mut dyn FnMut(Progress),
) -> PlainPrefix {
    let none = || PlainPrefix {
        starts: Vec::new(),
        resume: Some(start),
        columns: None,
    };
    if end.saturating_sub(start) < parts.min {
        return none();
    }
    let Ok(bounds) = part_starts(open, start, end, parts.bytes) else {
        return none();
    };
    let part_end = |k: usize| bounds.get(k + 1).copied().unwrap_or(u64::MAX);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(bounds.len());
    let next_part = AtomicUsize::new(0);
    let mut scans: Vec<Option<Result<PartScan, csv::Error>>> =
        (0..bounds.len()).map(|_| None).collect();
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::channel();
        for _ in 0..threads {
            let tx = tx.clone();
            let (next_part, bounds) = (&next_part, &bounds);
            s.spawn(move || {
                loop {
                    let k = next_part.fetch_add(1, Ordering::Relaxed);
                    if k >= bounds.len() {
                        break;
                    }
                    let scan = scan_part(
                        open,
                        (dialect, headers),
                        (bounds[k], part_end(k)),
                        parts.read,
                    );
                    if tx.send((k, scan)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let (mut bytes_read, mut rows) = (start, 0u64);
        for (k, scan) in rx {
            bytes_read += part_end(k).min(end) - bounds[k];
            if let Ok(scan) = &scan {
                rows += scan.starts.len() as u64;
            }
            scans[k] = Some(scan);
            progress(Progress {
                bytes_read,
                bytes_total: end,
                rows,
            });
        }
    });

    let mut out: Vec<u64> = Vec::new();
    let mut read: Vec<Vec<StringChunked>> = Vec::new();
    let finish = |starts: Vec<u64>, resume: Option<u64>, read: Vec<Vec<StringChunked>>| {
        let columns = (parts.read && !starts.is_empty()).then_some(read);
        PlainPrefix {
            starts,
            resume,
            columns,
        }
    };
    // The record start the next part must reach: every record before it is in `out`.
    let mut next = start;
    for (k, scan) in scans.into_iter().enumerate() {
        let in_step = |s: &PartScan| k == 0 || s.starts.binary_search(&next).is_ok();
        let scan = match scan {
            Some(Ok(s)) if in_step(&s) => s,
            // Out of step, or failed: this part again, from the last record start.
            _ => match scan_part(open, (dialect, headers), (next, part_end(k)), parts.read) {
                Ok(s) => s,
                Err(_) => return finish(out, Some(next), read),
            },
        };
        let first = scan.starts.partition_point(|&b| b < next);
        let mine = &scan.starts[first..];
        let odd = scan.odd.iter().find(|&&b| b >= next).copied();
        let taken = match odd {
            Some(odd) => mine.partition_point(|&b| b < odd),
            None => mine.len(),
        };
        out.extend_from_slice(&mine[..taken]);
        if let Some(columns) = scan.columns {
            // The part's plain records before `next` were the previous part's.
            let skip = first - scan.odd.partition_point(|&b| b < next);
            read.push(
                columns
                    .finish()
                    .iter()
                    .map(|ca| ca.slice(skip as i64, taken))
                    .collect(),
            );
        }
        if odd.is_some() {
            return finish(out, odd, read);
        }
        match scan.over {
            Some(over) => next = over,
            None => return finish(out, None, read),
        }
    }
    finish(out, None, read)
}
