//! Reading an exported CSV file back row by row, each value looked up by its header
//! (a Salesforce byte-order mark skipped, a report footer ending the rows).

use std::collections::HashMap;
use std::path::Path;

use crate::SynthError;

fn read_err(path: &Path) -> impl FnOnce(csv::Error) -> SynthError + '_ {
    move |source| SynthError::Csv {
        path: path.to_path_buf(),
        error: source,
    }
}

/// One row of a CSV file, read by header.
pub(super) struct Row<'a> {
    index: &'a HashMap<String, usize>,
    rec: &'a csv::StringRecord,
}

impl Row<'_> {
    /// The value under `header` (empty when the column is missing).
    pub(super) fn get(&self, header: &str) -> String {
        self.index
            .get(header)
            .and_then(|&i| self.rec.get(i))
            .unwrap_or("")
            .to_owned()
    }
}

/// Rows of a CSV file as maps from header to value (Salesforce footers stop the rows).
pub(super) fn rows(
    path: &Path,
    mut each: impl FnMut(&Row<'_>) -> Result<(), SynthError>,
) -> Result<(), SynthError> {
    let file = std::fs::File::open(path).map_err(|source| SynthError::Io {
        path: path.to_path_buf(),
        error: source,
    })?;
    let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
    {
        use std::io::BufRead as _;
        let buf = reader.fill_buf().map_err(|source| SynthError::Io {
            path: path.to_path_buf(),
            error: source,
        })?;
        if buf.starts_with("\u{feff}".as_bytes()) {
            reader.consume(3);
        }
    }
    let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let headers = r.headers().map_err(read_err(path))?.clone();
    let index: HashMap<String, usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| (h.to_owned(), i))
        .collect();
    for rec in r.records() {
        let rec = rec.map_err(read_err(path))?;
        if rec.len() != headers.len() {
            break; // a report footer
        }
        each(&Row {
            index: &index,
            rec: &rec,
        })?;
    }
    Ok(())
}
