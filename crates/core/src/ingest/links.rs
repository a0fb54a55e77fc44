//! How a file links to another: the ids of the leads, the columns of a deals file whose
//! values are lead ids, and the check that linked files agree.

use super::*;

/// The ids of the lead files, each file's kept apart: which files a deal links to is
/// part of the link's report.
#[derive(Default)]
pub(super) struct LeadIds {
    /// Each lead file's index into the reports, and its ids as text.
    files: Vec<(usize, Series)>,
}

impl LeadIds {
    /// The ids of every file of `kind` (#11: looked up with Polars' `is_in`, which hashes
    /// them in place, rather than copied one by one into a map).
    pub(super) fn of(
        reports: &[FileReport],
        frames: &[Option<DataFrame>],
        kind: Kind,
    ) -> Result<Self, IngestError> {
        let mut files = Vec::new();
        for (i, (report, frame)) in reports.iter().zip(frames).enumerate() {
            let (Some(k), Some(frame)) = (report.kind, frame) else {
                continue;
            };
            if k != kind {
                continue;
            }
            let ids = frame
                .column("id")
                .and_then(|c| c.cast(&DataType::String))
                .map_err(|e| IngestError::polars(&report.path, e))?;
            if ids.len() > ids.null_count() {
                files.push((i, ids.as_materialized_series().clone()));
            }
        }
        Ok(LeadIds { files })
    }

    pub(super) fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Which of `values` (text) are ids, and the files (indices into the reports, in
    /// order) that hold any of them.
    ///
    /// The values (a sample of a column, or a deals file's distinct links: thousands)
    /// are put in a map, and each file's ids (a million) are looked up in it: hashing
    /// every id into a set of its own cost most of the import's link check (#11).
    fn lookup(&self, values: &Series) -> PolarsResult<(BooleanChunked, Vec<usize>)> {
        let text = values.str()?;
        let mut at: PlHashMap<&str, Vec<usize>> = PlHashMap::new();
        for (row, v) in text.iter().enumerate() {
            if let Some(v) = v {
                at.entry(v).or_default().push(row);
            }
        }
        let mut any = vec![false; values.len()];
        let mut files = Vec::new();
        for (i, ids) in &self.files {
            let mut seen: PlHashSet<&str> = PlHashSet::new();
            for id in ids.str()?.iter().flatten() {
                if let Some((v, rows)) = at.get_key_value(id) {
                    seen.insert(v);
                    for &row in rows {
                        any[row] = true;
                    }
                    if seen.len() == at.len() {
                        break;
                    }
                }
            }
            if !seen.is_empty() {
                files.push(*i);
            }
        }
        let any: BooleanChunked = any.into_iter().map(Some).collect();
        Ok((any.with_name("found".into()), files))
    }
}

/// Why a link found by its values is a guess.
pub(super) const LINK_GUESS: &str = "its values are the ids of the leads: the link to the leads";

/// Share of a candidate column's sampled values that must be lead ids for it to be the
/// link.
pub(super) const LINK_SHARE: f64 = 0.8;

/// The column of a deals file (with no link yet) whose values are lead ids.
pub(super) fn content_link(report: &FileReport, lead_ids: &LeadIds) -> Option<String> {
    // Every candidate's values looked up at once: the lead ids are hashed once.
    let all: Vec<&str> = report
        .link_candidates
        .iter()
        .flat_map(|(_, values)| values.iter().map(String::as_str))
        .collect();
    let (found, _) = lead_ids.lookup(&Series::new("v".into(), all)).ok()?;
    let mut found = found.iter();
    report
        .link_candidates
        .iter()
        .map(|(header, values)| {
            let hits = found
                .by_ref()
                .take(values.len())
                .filter(|f| *f == Some(true))
                .count();
            (header, hits, values.len())
        })
        .filter(|(_, found, n)| *n > 0 && *found as f64 >= *n as f64 * LINK_SHARE)
        .max_by_key(|(_, found, _)| *found)
        .map(|(h, _, _)| h.clone())
}

/// Most values of a candidate link column that are compared with the lead ids.
pub(super) const LINK_SAMPLE: u32 = 1000;

/// The unmapped id-like columns of a deals file, with up to [`LINK_SAMPLE`] of their
/// distinct values.
pub(super) fn link_candidates(
    raw: &DataFrame,
    headers: &[String],
    columns: &[Option<&'static str>],
) -> PolarsResult<Vec<(String, Vec<String>)>> {
    let mut out = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        let ws = recognise::words(h);
        if columns[i].is_some() || !ws.last().is_some_and(|w| w == "id" || w == "ids") {
            continue;
        }
        let v = raw
            .clone()
            .lazy()
            .select([text(col(col_name(i)))
                .drop_nulls()
                .unique_stable()
                .head(Some(LINK_SAMPLE as usize))
                .alias("v")])
            .collect()?;
        let values: Vec<String> = v
            .column("v")?
            .str()?
            .iter()
            .flatten()
            .map(str::to_owned)
            .collect();
        out.push((h.clone(), values));
        if out.len() >= 8 {
            break;
        }
    }
    Ok(out)
}

/// Checks each deals file's link to the leads against the leads' ids, and reports it.
pub(super) fn check_links(
    reports: &mut [FileReport],
    frames: &[Option<DataFrame>],
    lead_ids: &LeadIds,
) -> Result<(), IngestError> {
    if lead_ids.is_empty() {
        return Ok(());
    }
    let names: Vec<String> = reports.iter().map(|r| r.path.clone()).collect();
    for (report, frame) in reports.iter_mut().zip(frames) {
        let (Some(Kind::Deals), Some(frame)) = (report.kind, frame) else {
            continue;
        };
        let Some(column) = report
            .columns
            .iter()
            .find(|c| c.field == Some("lead_id"))
            .map(|c| c.name.clone())
        else {
            continue;
        };
        let err = |e| IngestError::polars(&report.path, e);
        let values = frame
            .column("lead_id")
            .and_then(|c| c.unique())
            .and_then(|c| c.cast(&DataType::String))
            .map_err(err)?
            .drop_nulls();
        let values = values.as_materialized_series();
        let (found, files) = lead_ids.lookup(values).map_err(err)?;
        let distinct = values.len();
        let matched = found.sum().unwrap_or(0) as usize;
        let to: Vec<String> = files.iter().map(|&f| names[f].clone()).collect();
        let by_content = report
            .columns
            .iter()
            .any(|c| c.field == Some("lead_id") && c.guess.as_deref() == Some(LINK_GUESS));
        if matched * 2 < distinct {
            report.warnings.push(format!(
                "column \"{column}\" is read as the link to the leads, but only {matched} of its {distinct} values are lead ids; check the mapping"
            ));
        }
        report.links.push(Link {
            field: "lead_id",
            column,
            to,
            matched,
            distinct,
            by_content,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `lookup` gave before (#11): Polars' `is_in` of the values in each file's ids.
    fn by_is_in(ids: &LeadIds, values: &Series) -> (Vec<bool>, Vec<usize>) {
        let mut any = vec![false; values.len()];
        let mut files = Vec::new();
        for (i, file) in &ids.files {
            let found = values
                .clone()
                .into_frame()
                .lazy()
                .select([col(values.name().clone())
                    .is_in(lit(file.clone()).implode(false), false)
                    .fill_null(lit(false))])
                .collect()
                .unwrap();
            let found: Vec<bool> = found
                .column(values.name())
                .unwrap()
                .bool()
                .unwrap()
                .iter()
                .map(|f| f == Some(true))
                .collect();
            if found.iter().any(|&f| f) {
                files.push(*i);
                for (a, f) in any.iter_mut().zip(found) {
                    *a |= f;
                }
            }
        }
        (any, files)
    }

    #[test]
    fn lookup_finds_what_is_in_finds() {
        let ids = LeadIds {
            files: vec![
                (
                    0,
                    Series::new("id".into(), [Some("1"), Some("2"), None, Some("3")]),
                ),
                (
                    2,
                    Series::new("id".into(), [Some("10"), Some("2 "), Some("")]),
                ),
                (5, Series::new("id".into(), [Some("x")])),
            ],
        };
        let values = Series::new(
            "v".into(),
            [
                Some("2"),
                Some("3"),
                None,
                Some("10"),
                Some("2"),
                Some("4"),
                Some(""),
                Some("2 "),
            ],
        );
        let (found, files) = ids.lookup(&values).unwrap();
        let found: Vec<bool> = found.iter().map(|f| f == Some(true)).collect();
        assert_eq!((found.clone(), files.clone()), by_is_in(&ids, &values));
        assert_eq!(
            found,
            [true, true, false, true, true, false, true, true],
            "nulls are not ids; an empty id and one with a space are ids as written"
        );
        assert_eq!(
            files,
            [0, 2],
            "the file none of the values is in is left out"
        );
        // Nothing found.
        let none = Series::new("v".into(), [Some("zz")]);
        assert_eq!(ids.lookup(&none).unwrap().1, Vec::<usize>::new());
    }
}
