//! Loading a set of files: each file read ([`super::load::load_file`]), the tables of
//! one kind stacked, and deals without a creation date given their lead's.

use super::*;

/// Reads `paths`; when `lenient`, a readable file that cannot be used (a required
/// column missing, dates that cannot be read, a mapping that does not fit) is reported
/// as not used, with the reason, the best guess and the mapping lines to fix it.
pub(super) fn load_all(
    paths: &[PathBuf],
    options: &mut Options<'_>,
    lenient: bool,
) -> Result<Import, IngestError> {
    let timezone = options
        .mapping
        .and_then(|m| m.timezone.clone())
        .unwrap_or_else(|| options.timezone.clone());
    let mut reports = Vec::new();
    let mut frames: Vec<Option<DataFrame>> = Vec::new();
    let mut tables = Tables::default();
    let mut extras = Vec::new();
    // A workbook is read sheet by sheet (`book.xlsx#Deals`).
    let mut sheets = Vec::with_capacity(paths.len());
    for path in paths {
        sheets.extend(workbook::expand(path)?);
    }
    let read = read_files(&sheets, options, &timezone, lenient);
    for (path, file) in sheets.iter().zip(read) {
        let ReadFile {
            entry,
            renamed,
            read,
            extras: file_extras,
        } = file;
        let (mut report, frame) = match read {
            Ok(read) => read,
            Err(e) if lenient && e.is_unusable_not_unreadable() => {
                let mut report = unusable_report(path, entry, &e)?;
                report.unusable = Some(std::sync::Arc::new(e));
                (report, None)
            }
            Err(e) => return Err(e),
        };
        extras.extend(file_extras);
        if let (Some(m), Some(e)) = (options.mapping, entry) {
            report.mapping_entry = m.index_of(e);
            check_entry(m, e, renamed, &mut report);
        }
        frames.push(frame);
        reports.push(report);
    }
    // Deals files with no link to the leads: a column whose values are lead ids is the
    // link, and the file is read again with it.
    // Only deals link to the leads: without a deals file the ids are not needed.
    let lead_ids = if reports.iter().any(|r| r.kind == Some(Kind::Deals)) {
        LeadIds::of(&reports, &frames, Kind::Leads)?
    } else {
        LeadIds::default()
    };
    if !lead_ids.is_empty() {
        for i in 0..reports.len() {
            let Some(column) = content_link(&reports[i], &lead_ids) else {
                continue;
            };
            let path = &paths[i];
            let mut entry = options
                .mapping
                .and_then(|m| m.for_file(path))
                .cloned()
                .unwrap_or_else(|| FileMapping {
                    path: reports[i].path.clone(),
                    ..FileMapping::default()
                });
            entry.columns.insert("lead_id".to_owned(), column);
            extras.retain(|x| x.file != reports[i].path);
            let (report, frame) = load_file(
                path,
                Some(&entry),
                &timezone,
                options.strict,
                &mut |_| {},
                &mut extras,
            )?;
            let mut report = report;
            for c in report.columns.iter_mut() {
                if c.field == Some("lead_id") {
                    c.guess = Some(LINK_GUESS.to_owned());
                }
            }
            let kind = report.kind.unwrap_or(Kind::Deals);
            let fields: Vec<Option<&'static str>> =
                report.columns.iter().map(|c| c.field).collect();
            let guessed: Vec<recognise::ColumnGuess> = report
                .columns
                .iter()
                .enumerate()
                .filter_map(|(i, c)| {
                    Some(recognise::ColumnGuess {
                        index: i,
                        field: c.field?,
                        why: c.guess.clone()?,
                    })
                })
                .collect();
            report.fix = Some(mapping::fix_lines(&report, kind, &fields, &guessed, &[]));
            reports[i] = report;
            frames[i] = frame;
        }
    }
    // The lead files are read once: re-reading a deals file above leaves the ids as
    // they were.
    check_links(&mut reports, &frames, &lead_ids)?;
    for (report, frame) in reports.iter().zip(frames) {
        if let (Some(kind), Some(frame)) = (report.kind, frame) {
            tables.files.push(FileFields {
                kind,
                file: report.path.clone(),
                absent: report.absent_fields.clone(),
            });
            let slot = tables.slot(kind);
            *slot = Some(match slot.take() {
                None => frame,
                Some(prev) => prev
                    .vstack(&frame)
                    .map_err(|e| IngestError::polars(&report.path, e))?,
            });
        }
    }
    created_from_lead(&mut tables, &mut reports)?;
    Ok(Import {
        inspection: Inspection {
            timezone,
            files: reports,
        },
        tables,
        extras,
    })
}

/// One file as [`read_files`] read it.
struct ReadFile<'m> {
    /// The mapping's entry for the file, and whether it was matched by kind and
    /// columns (a file of a new name).
    entry: Option<&'m FileMapping>,
    renamed: bool,
    read: Result<(FileReport, Option<DataFrame>), IngestError>,
    /// The file's unmapped columns.
    extras: Vec<ExtraColumn>,
}

/// Reads each of `sheets` ([`load_file`]), several at once (#11): a file's read has
/// steps that use one core (the encoding and line scans, the recognition), which
/// another file's read fills. The results come back in the files' order.
///
/// Progress is told as if the files were read one after another: a file's progress
/// is passed on once every file before it is read, its latest first.
fn read_files<'m>(
    sheets: &[PathBuf],
    options: &mut Options<'m>,
    timezone: &str,
    lenient: bool,
) -> Vec<ReadFile<'m>> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    enum Told<'m> {
        Progress(usize, Progress),
        Done(usize, Box<ReadFile<'m>>),
    }
    let names: Vec<String> = sheets.iter().map(|p| sniff::display_name(p)).collect();
    let mapping = options.mapping;
    let strict = options.strict;
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(sheets.len());
    let next = AtomicUsize::new(0);
    // After a file fails (not one a lenient read reports as not used), no new file is
    // started: the import stops at the first error.
    let failed = AtomicBool::new(false);
    let read_one = |k: usize, tell: &mut dyn FnMut(Progress)| -> ReadFile<'m> {
        let path = &sheets[k];
        let mut entry = mapping.and_then(|m| m.for_file(path));
        // A file of a new name (next quarter's export): last quarter's entry, matched
        // by kind and columns.
        let mut renamed = false;
        if entry.is_none()
            && let Some(m) = mapping
            && m.files.iter().any(|f| {
                let n = Path::new(&f.path)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned());
                n.is_some_and(|n| !names.contains(&n))
            })
            && let Ok(sniffed) = sniff::sniff(path, &mut |_| {})
        {
            entry = m.for_renamed(path, &sniffed.headers, &names);
            renamed = entry.is_some();
        }
        let mut extras = Vec::new();
        let read = load_file(path, entry, timezone, strict, tell, &mut extras);
        ReadFile {
            entry,
            renamed,
            read,
            extras,
        }
    };
    let mut done: Vec<Option<ReadFile<'m>>> = (0..sheets.len()).map(|_| None).collect();
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::channel::<Told<'m>>();
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, failed, read_one) = (&next, &failed, &read_one);
            s.spawn(move || {
                loop {
                    if failed.load(Ordering::Relaxed) {
                        break;
                    }
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    if k >= sheets.len() {
                        break;
                    }
                    let file = read_one(k, &mut |p| {
                        let _ = tx.send(Told::Progress(k, p));
                    });
                    if file
                        .read
                        .as_ref()
                        .is_err_and(|e| !(lenient && e.is_unusable_not_unreadable()))
                    {
                        failed.store(true, Ordering::Relaxed);
                    }
                    if tx.send(Told::Done(k, Box::new(file))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // The file whose progress is told now, and the latest of each later one.
        let mut current = 0;
        let mut latest: Vec<Option<Progress>> = vec![None; sheets.len()];
        let mut tell = |k: usize, p: Progress| {
            if let Some(cb) = options.progress.as_mut() {
                cb(&names[k], p);
            }
        };
        for told in rx {
            match told {
                Told::Progress(k, p) if k == current => tell(k, p),
                Told::Progress(k, p) => latest[k] = Some(p),
                Told::Done(k, file) => {
                    done[k] = Some(*file);
                    while current < sheets.len() && done[current].is_some() {
                        current += 1;
                        if let Some(p) = latest.get_mut(current).and_then(Option::take) {
                            tell(current, p);
                        }
                    }
                }
            }
        }
    });
    // A file not read comes after one that failed: the caller returns at that error.
    done.into_iter().map_while(|f| f).collect()
}

/// Deals of a file with no creation date take their linked lead's (the earliest, when
/// a deal links to several): one stand-in, so that the cycle time, the date checks and
/// the periods all read the same date. The deals file's warnings say so.
pub(super) fn created_from_lead(
    tables: &mut Tables,
    reports: &mut [FileReport],
) -> Result<(), IngestError> {
    let lacking: Vec<String> = tables
        .files
        .iter()
        .filter(|f| f.kind == Kind::Deals && f.absent.contains(&"created_at"))
        .map(|f| f.file.clone())
        .collect();
    let (Some(deals), Some(leads)) = (tables.deals.as_ref(), tables.leads.as_ref()) else {
        return Ok(());
    };
    if lacking.is_empty() || tables.absent_from_all(Kind::Leads, "created_at") {
        return Ok(());
    }
    let name = lacking.join(", ");
    let err = |e| IngestError::polars(&name, e);
    let in_lacking = col("_file").is_in(
        lit(Series::new("files".into(), lacking.clone())).implode(false),
        false,
    );
    let created = leads.clone().lazy().select([
        col("id").alias("_lid"),
        col("created_at").alias("_lead_created"),
    ]);
    let frame = deals.clone().lazy().with_row_index("_drow", None);
    let linked = crate::metrics::expr::split_ids(
        frame.clone().select([col("_drow"), col("lead_id")]),
        "lead_id",
    )
    .inner_join(created, col("lead_id"), col("_lid"))
    .group_by([col("_drow")])
    .agg([col("_lead_created").min()]);
    let columns: Vec<Expr> = deals
        .get_column_names()
        .into_iter()
        .map(|c| {
            if c.as_str() == "created_at" {
                when(in_lacking.clone().and(col("created_at").is_null()))
                    .then(col("_lead_created"))
                    .otherwise(col("created_at"))
                    .alias("created_at")
            } else {
                col(c.as_str())
            }
        })
        .collect();
    let filled = frame
        .left_join(linked, col("_drow"), col("_drow"))
        .sort(["_drow"], SortMultipleOptions::default())
        .select(columns)
        .collect()
        .map_err(err)?;
    let counts = filled
        .clone()
        .lazy()
        .filter(in_lacking)
        .select([
            len().cast(DataType::UInt64).alias("n"),
            col("created_at")
                .is_not_null()
                .sum()
                .cast(DataType::UInt64)
                .alias("filled"),
        ])
        .collect()
        .map_err(err)?;
    let get = |c: &str| {
        counts
            .column(c)
            .ok()
            .and_then(|c| c.u64().ok().and_then(|c| c.get(0)))
            .unwrap_or(0) as usize
    };
    let (n, with) = (get("n"), get("filled"));
    if with == 0 {
        return Ok(());
    }
    for report in reports.iter_mut().filter(|r| lacking.contains(&r.path)) {
        report.warnings.push(format!(
            "no deal creation date: the linked lead's creation date stands in for it ({with} of {n} deals in {name}), for the cycle time, the date checks and the periods alike"
        ));
    }
    tables.deals = Some(filled);
    tables.created_from_lead = Some((with, n));
    Ok(())
}
