//! How a file links to another: the ids of the leads, the columns of a deals file whose
//! values are lead ids, and the check that linked files agree.

use super::*;

/// The distinct ids of every file of `kind`, with the files (indices into `reports`)
/// they come from.
pub(super) fn ids_of(
    reports: &[FileReport],
    frames: &[Option<DataFrame>],
    kind: Kind,
) -> Result<PlHashMap<String, Vec<usize>>, IngestError> {
    let mut out: PlHashMap<String, Vec<usize>> = PlHashMap::new();
    for (i, (report, frame)) in reports.iter().zip(frames).enumerate() {
        let (Some(k), Some(frame)) = (report.kind, frame) else {
            continue;
        };
        if k != kind {
            continue;
        }
        let ids = frame
            .column("id")
            .and_then(|c| c.unique())
            .map_err(|e| IngestError::polars(&report.path, e))?;
        let ids = ids
            .cast(&DataType::String)
            .map_err(|e| IngestError::polars(&report.path, e))?;
        let ca = ids
            .str()
            .map_err(|e| IngestError::polars(&report.path, e))?;
        out.reserve(ca.len());
        for id in ca.iter().flatten() {
            let files = out.entry_ref(id).or_default();
            if files.last() != Some(&i) {
                files.push(i);
            }
        }
    }
    Ok(out)
}

/// Why a link found by its values is a guess.
pub(super) const LINK_GUESS: &str = "its values are the ids of the leads: the link to the leads";

/// Share of a candidate column's sampled values that must be lead ids for it to be the
/// link.
pub(super) const LINK_SHARE: f64 = 0.8;

/// The column of a deals file (with no link yet) whose values are lead ids.
pub(super) fn content_link(
    report: &FileReport,
    lead_ids: &PlHashMap<String, Vec<usize>>,
) -> Option<String> {
    report
        .link_candidates
        .iter()
        .map(|(header, values)| {
            let found = values.iter().filter(|v| lead_ids.contains_key(*v)).count();
            (header, found, values.len())
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
    lead_ids: &PlHashMap<String, Vec<usize>>,
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
        let values = frame
            .column("lead_id")
            .and_then(|c| c.unique())
            .and_then(|c| c.cast(&DataType::String))
            .map_err(|e| IngestError::polars(&report.path, e))?;
        let ca = values
            .str()
            .map_err(|e| IngestError::polars(&report.path, e))?;
        let mut to: Vec<String> = Vec::new();
        let (mut matched, mut distinct) = (0, 0);
        for v in ca.iter().flatten() {
            distinct += 1;
            if let Some(files) = lead_ids.get(v) {
                matched += 1;
                for &f in files {
                    if !to.contains(&names[f]) {
                        to.push(names[f].clone());
                    }
                }
            }
        }
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
