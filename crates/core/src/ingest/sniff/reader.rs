//! Reading the records of a file: opened at a byte offset, read with one `csv` reader
//! configured by the dialect, so that every pass sees the same records.

use super::*;

/// Opens data at a byte offset.
pub(crate) type Opener<'a> = dyn Fn(u64) -> std::io::Result<Box<dyn Read + 'a>> + Sync + 'a;

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
    pub(super) fn builder(self) -> csv::ReaderBuilder {
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
