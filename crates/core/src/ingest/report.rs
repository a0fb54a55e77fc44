//! What the inspection says of a file: the base [`FileReport`] of a sniffed file, the
//! report of a file that is not used or cannot be read, the mapping entry checked
//! against it, and the mapping an inspection implies ([`mapping_of`]).

use super::*;

/// The report of a file that is read but not used (for `reason`): its shape and what the
/// recognition made of it, with no column mapped.
pub(super) fn unused_file_report(
    file: String,
    sniffed: &sniff::Sniffed,
    recognition: &recognise::Recognition,
    warnings: Vec<String>,
    reason: String,
) -> FileReport {
    FileReport {
        reason: Some(reason),
        ..sniffed_report(file, sniffed, recognition, warnings)
    }
}

/// What the sniff and the recognition say of a file: its shape, every header unmapped, no
/// kind and no reason yet (the loader or [`unused_file_report`] fills those in).
pub(super) fn sniffed_report(
    file: String,
    sniffed: &sniff::Sniffed,
    recognition: &recognise::Recognition,
    warnings: Vec<String>,
) -> FileReport {
    FileReport {
        path: file,
        kind: None,
        source: recognition.source,
        rows: sniffed.rows,
        rows_set_aside: sniffed.set_aside.len(),
        set_aside: sniffed
            .set_aside
            .iter()
            .take(SET_ASIDE_SHOWN)
            .cloned()
            .collect(),
        width: sniffed.headers.len(),
        encoding: sniffed.encoding.label(),
        delimiter: delimiter_name(sniffed.dialect.delimiter),
        columns: sniffed
            .headers
            .iter()
            .map(|h| ColumnReport {
                name: h.clone(),
                field: None,
                date_format: None,
                guess: None,
                guessed_field: None,
            })
            .collect(),
        values: BTreeMap::new(),
        warnings,
        reason: None,
        absent_fields: Vec::new(),
        confidence: recognition.confidence,
        band: recognition.band(),
        best_guess: recognition.guess(),
        notes: recognition.notes.clone(),
        missing: Vec::new(),
        links: Vec::new(),
        fix: None,
        link_candidates: Vec::new(),
        mapping_entry: None,
        unusable: None,
        mapping_notes: Vec::new(),
    }
}

/// The report of a file that was read but could not be used because of `error`.
pub(super) fn unusable_report(
    path: &Path,
    entry: Option<&FileMapping>,
    error: &IngestError,
) -> Result<FileReport, IngestError> {
    let mut sniffed = sniff::sniff(path, &mut |_| {})?;
    let file = sniff::display_name(path);
    let raw = read_strings(&mut sniffed, &file)?;
    let headers = &sniffed.headers;
    let facts =
        recognise::content_facts(&raw, headers).map_err(|e| IngestError::polars(&file, e))?;
    let mut recognition = recognise::recognise_file(&file, headers, &facts);
    if let Some(Ok(Some(KindChoice::Use(k)))) = entry.map(FileMapping::kind_choice) {
        let reading = recognise::read_as(k, headers, &facts);
        recognition.best = Some(k);
        recognition.kind = None;
        recognition.incomplete = None;
        recognition.columns = reading.columns;
        recognition.guesses = reading.guesses;
    }
    let report = unused_file_report(file, &sniffed, &recognition, Vec::new(), error.to_string());
    Ok(assess(report, &recognition, entry))
}

/// Adds to a report what is missing (and what that disables), the notes on guesses,
/// and the mapping lines that confirm or fix the reading.
pub(super) fn assess(
    mut report: FileReport,
    recognition: &recognise::Recognition,
    entry: Option<&FileMapping>,
) -> FileReport {
    let not_used_by_mapping = entry.is_some_and(|e| e.kind.as_deref() == Some(mapping::NOT_USED));
    let kind = report
        .kind
        .or(report.best_guess.filter(|_| !not_used_by_mapping));
    let Some(kind) = kind else {
        return report;
    };
    // The fields of each column: the file's, or (not used) the best guess's.
    let fields: Vec<Option<&'static str>> = if report.kind.is_some() {
        report.columns.iter().map(|c| c.field).collect()
    } else {
        for (i, c) in report.columns.iter_mut().enumerate() {
            c.guessed_field = recognition.columns.get(i).copied().flatten();
            c.guess = c.guessed_field.map(|f| {
                recognition
                    .guesses
                    .iter()
                    .find(|g| g.index == i && g.field == f)
                    .map_or_else(
                        || format!("a known header of {kind}.{f}"),
                        |g| g.why.clone(),
                    )
            });
        }
        recognition.columns.clone()
    };
    let constants: Vec<&str> = entry
        .map(|e| e.constants.keys().map(String::as_str).collect())
        .unwrap_or_default();
    let provided = |f: &str| fields.contains(&Some(f)) || constants.contains(&f);
    let mut missing: Vec<MissingField> = Vec::new();
    let groups: &[&[&str]] = &[
        &["stage", "outcome", "is_won"],
        &["status", "lifecycle_stage"],
        &["converted", "converted_at"],
        &["score", "fit_score", "engagement_score"],
    ];
    for spec in kind.fields() {
        let group = groups.iter().find(|g| g.contains(&spec.name));
        if let Some(g) = group {
            if g[0] != spec.name || g.iter().any(|f| provided(f)) {
                continue;
            }
        } else if provided(spec.name) {
            continue;
        }
        let required = kind.required().iter().any(|alts| alts.contains(&spec.name));
        let disables = fields::needed_for(kind, spec.name);
        if !required && disables.is_empty() {
            continue;
        }
        missing.push(MissingField {
            field: spec.name,
            required,
            disables: disables.to_vec(),
        });
    }
    report.missing = missing;
    let guessed: Vec<recognise::ColumnGuess> = recognition
        .guesses
        .iter()
        .filter(|g| fields.get(g.index) == Some(&Some(g.field)))
        .cloned()
        .collect();
    let implied: Vec<recognise::ConstantGuess> = recognition
        .constants
        .iter()
        .filter(|c| entry.is_some_and(|e| e.constants.get(c.field) == Some(&c.value)))
        .cloned()
        .collect();
    let needs_fix = report.kind.is_none()
        || !guessed.is_empty()
        || !implied.is_empty()
        || report.missing.iter().any(|m| m.required)
        || report.band != recognise::Band::High;
    if needs_fix && !not_used_by_mapping {
        report.fix = Some(mapping::fix_lines(
            &report, kind, &fields, &guessed, &implied,
        ));
    }
    report
}

/// Warns about what a file's mapping entry said that matched nothing, with its line in
/// the mapping file, and says when the entry is another file's (a renamed export).
pub(super) fn check_entry(m: &Mapping, e: &FileMapping, renamed: bool, report: &mut FileReport) {
    let before = report.warnings.len();
    check_entry_lines(m, e, renamed, report);
    report.mapping_notes = report.warnings[before..].to_vec();
}

pub(super) fn check_entry_lines(
    m: &Mapping,
    e: &FileMapping,
    renamed: bool,
    report: &mut FileReport,
) {
    let lines = m.index_of(e).map(|i| m.lines_of(i)).unwrap_or_default();
    let at = |line: Option<&usize>| m.lines.at(line.copied());
    if renamed {
        report.warnings.push(format!(
            "read with the mapping's entry for path = \"{}\" ({}): a file of the same kind with the same columns, under a new name; add an entry for \"{}\" to the mapping file to make it its own",
            e.path,
            m.lines.at(Some(lines.path)),
            report.path
        ));
    }
    if report.kind.is_none() {
        if !e.columns.is_empty() || !e.constants.is_empty() || !e.values.is_empty() {
            report.warnings.push(format!(
                "{}: the entry's columns, constants and values were not used: the file is not used",
                m.lines.at(Some(lines.path))
            ));
        }
        return;
    }
    let keys: Vec<String> = report
        .columns
        .iter()
        .map(|c| fields::header_key(&c.name))
        .collect();
    for column in e.date_formats.keys() {
        if !keys.contains(&fields::header_key(column)) {
            report.warnings.push(format!(
                "{}: [file.date_formats] names the column \"{column}\", which {} does not have; it was not used",
                at(lines.date_formats.get(column)),
                report.path
            ));
        }
    }
    for (field, map) in &e.values {
        let Some(seen) = report.values.get(field) else {
            continue;
        };
        for raw in map.keys() {
            if !seen.contains_key(raw) {
                report.warnings.push(format!(
                    "{}: [file.values.{field}] maps \"{raw}\", which is no value of {field} in {}; it was not used",
                    at(lines.values.get(field).and_then(|v| v.get(raw))),
                    report.path
                ));
            }
        }
    }
}

/// The mapping that reproduces an inspection: what `--emit-mapping` writes.
pub fn mapping_of(inspection: &Inspection) -> Mapping {
    let files = inspection
        .files
        .iter()
        .map(|f| FileMapping {
            path: f.path.clone(),
            kind: Some(f.kind.map_or(mapping::NOT_USED, Kind::as_str).to_owned()),
            source: Some(f.source),
            columns: f
                .columns
                .iter()
                .filter_map(|c| c.field.map(|field| (field.to_owned(), c.name.clone())))
                .collect(),
            date_formats: f
                .columns
                .iter()
                .filter_map(|c| c.date_format.clone().map(|d| (c.name.clone(), d)))
                .collect(),
            constants: BTreeMap::new(),
            values: f.values.clone(),
        })
        .collect();
    Mapping {
        timezone: Some(inspection.timezone.clone()),
        files,
        lines: mapping::Lines::default(),
    }
}
