//! Loading one file: sniffed, recognised, mapped, its columns coerced into the
//! canonical table of its kind, with the warnings of each step.

use super::*;

pub(super) fn load_file(
    path: &Path,
    entry: Option<&FileMapping>,
    timezone: &str,
    strict: bool,
    progress: &mut dyn FnMut(Progress),
    extras: &mut Vec<ExtraColumn>,
) -> Result<(FileReport, Option<DataFrame>), IngestError> {
    let mut sniffed = sniff::sniff_to_read(path, progress)?;
    let file = sniff::display_name(path);
    check_set_aside(&file, &sniffed, strict)?;
    // One read of the whole file, every column as text.
    let mut raw = read_strings(&mut sniffed, &file)?;
    let headers = &sniffed.headers;
    let facts =
        recognise::content_facts(&raw, headers).map_err(|e| IngestError::polars(&file, e))?;
    let mut recognition = recognise::recognise_file(&file, headers, &facts);
    let mut warnings = sniff_warnings(&file, &sniffed);

    let kind = mapped_kind(&file, headers, &facts, entry, &mut recognition)?;
    let Some(kind) = kind else {
        let reason = if entry.is_some_and(|e| e.kind.as_deref() == Some(mapping::NOT_USED)) {
            "set to not_used in the mapping file".to_owned()
        } else {
            recognition
                .reason
                .clone()
                .unwrap_or_else(|| "not recognised".to_owned())
        };
        let report = unused_file_report(file, &sniffed, &recognition, warnings, reason);
        let report = assess(report, &recognition, entry);
        return Ok((report, None));
    };
    // What the recognition implies (a won date: every deal was won) unless the file or
    // the mapping says otherwise; the mapping's own constants win.
    let implied = implied_constants(kind, &recognition, entry, &mut warnings);
    let entry = implied.as_ref().or(entry);
    let constants = entry.map(|e| &e.constants);
    let provided = |field: &str| {
        column_of(&recognition.columns, field).is_some()
            || constants.is_some_and(|c| c.contains_key(field))
    };
    let missing: Vec<&str> = kind
        .required()
        .iter()
        .filter(|alts| !alts.iter().any(|f| provided(f)))
        .map(|alts| alts[0])
        .collect();
    if !missing.is_empty() && !degradable(kind) {
        return Err(missing_required(&file, kind, &missing));
    }
    let absent_fields: Vec<&'static str> = kind
        .fields()
        .iter()
        .map(|f| f.name)
        .filter(|f| !provided(f))
        .collect();
    for field in &missing {
        warnings.push(absent_warning(kind, field, &file));
    }
    check_duplicate_headers(&file, headers, &recognition.columns)?;

    let mut columns: Vec<ColumnReport> = headers
        .iter()
        .zip(&recognition.columns)
        .enumerate()
        .map(|(i, (h, f))| ColumnReport {
            name: h.clone(),
            field: *f,
            date_format: None,
            guess: recognition
                .guesses
                .iter()
                .find(|g| g.index == i && Some(g.field) == *f)
                .map(|g| g.why.clone()),
            guessed_field: None,
        })
        .collect();

    // Date formats: given by the mapping, else inferred from every value.
    let formats = date_formats(
        &raw,
        &file,
        &sniffed,
        (kind, &recognition.columns),
        entry,
        &mut columns,
        &mut warnings,
    )?;

    if let Some(constants) = constants {
        for (field, value) in constants {
            if let Some(i) = column_of(&recognition.columns, field) {
                warnings.push(format!(
                    "the mapping's constant {field} = \"{value}\" is used in place of the column \"{}\"",
                    headers[i]
                ));
            }
        }
    }
    // Constants become columns of the file's height, read like the file's own.
    let const_formats = add_constants(&mut raw, &file, kind, constants, &formats, timezone)?;

    // Build the canonical table.
    let mut values: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let (mut exprs, date_checks) = field_exprs(
        &raw,
        &Sources {
            kind,
            columns: &recognition.columns,
            entry,
            formats: &formats,
            const_formats: &const_formats,
            timezone,
            line_ids: missing.contains(&"id"),
        },
        &mut values,
    )?;
    if kind == Kind::Deals {
        add_deal_outcome(&mut exprs, &raw, &recognition.columns, entry, &mut values)?;
    }
    let lines = Series::new("_line".into(), &sniffed.record_lines);
    let mut frame = select_fields(&raw, exprs, &file, &sniffed, missing.contains(&"id"))?;
    for (i, field) in date_checks {
        check_date_failures(
            &file,
            &raw,
            i,
            &headers[i],
            (&frame, field),
            &sniffed,
            &mut warnings,
        )?;
    }
    frame
        .with_column(lines.into_column())
        .map_err(|e| IngestError::polars(&file, e))?;
    let frame = frame
        .lazy()
        .with_columns(provenance(&file, kind, &recognition, headers, constants))
        .collect()
        .map_err(|e| IngestError::polars(&file, e))?;
    // The frame's number and yes/no fields read from their column (not a constant) are
    // not read again for the warnings.
    let parsed = read_from_column(&recognition.columns, constants);
    number_warnings(
        &raw,
        (&frame, &parsed),
        &recognition.columns,
        kind,
        headers,
        &mut warnings,
    )
    .map_err(|e| IngestError::polars(&file, e))?;
    keep_unmapped(&raw, &recognition.columns, kind, &file, headers, extras)
        .map_err(|e| IngestError::polars(&file, e))?;

    let report = FileReport {
        kind: Some(kind),
        width: headers.len(),
        columns,
        values,
        absent_fields,
        best_guess: None,
        ..sniffed_report(file, &sniffed, &recognition, warnings)
    };
    let mut report = assess(report, &recognition, entry);
    if kind == Kind::Deals && column_of(&recognition.columns, "lead_id").is_none() {
        report.link_candidates = link_candidates(&raw, headers, &recognition.columns)
            .map_err(|e| IngestError::polars(&report.path, e))?;
    }
    Ok((report, Some(frame)))
}

/// The canonical fields selected from the raw frame; with `line_ids`, a file without
/// an id column gets `file:line` as each record's id.
fn select_fields(
    raw: &DataFrame,
    exprs: Vec<Expr>,
    file: &str,
    sniffed: &sniff::Sniffed,
    line_ids: bool,
) -> Result<DataFrame, IngestError> {
    let mut with_ids = raw.clone();
    if line_ids {
        let ids: Vec<String> = sniffed
            .record_lines
            .iter()
            .map(|l| format!("{file}:{l}"))
            .collect();
        with_ids
            .with_column(Series::new(LINE_ID.into(), ids).into_column())
            .map_err(|e| IngestError::polars(file, e))?;
    }
    with_ids
        .lazy()
        .select(exprs)
        .collect()
        .map_err(|e| IngestError::polars(file, e))
}

/// Where each record comes from: `_file` and `_source`, and for deals
/// `_won_reason_exported` (false when the file's reason column holds loss reasons only
/// and nothing gives a won deal's reason).
fn provenance(
    file: &str,
    kind: Kind,
    recognition: &recognise::Recognition,
    headers: &[String],
    constants: Option<&BTreeMap<String, String>>,
) -> Vec<Expr> {
    let mut extra = vec![
        lit(file.to_owned()).alias("_file"),
        lit(recognition.source.as_str()).alias("_source"),
    ];
    if kind == Kind::Deals {
        let loss_only = column_of(&recognition.columns, "close_reason")
            .is_some_and(|i| LOSS_ONLY_REASONS.contains(&fields::header_key(&headers[i]).as_str()));
        let won_reason = column_of(&recognition.columns, "won_reason").is_some()
            || constants
                .is_some_and(|c| c.contains_key("won_reason") || c.contains_key("close_reason"));
        extra.push(lit(!loss_only || won_reason).alias("_won_reason_exported"));
    }
    extra
}

/// For each column: whether its field is read from it (the field's first column, and
/// no constant in its place).
fn read_from_column(
    columns: &[Option<&'static str>],
    constants: Option<&BTreeMap<String, String>>,
) -> Vec<bool> {
    columns
        .iter()
        .enumerate()
        .map(|(i, f)| {
            f.is_some_and(|f| {
                column_of(columns, f) == Some(i) && constants.is_none_or(|c| !c.contains_key(f))
            })
        })
        .collect()
}

/// The warnings of the sniff: footer lines dropped, records set aside for their shape,
/// records with every field empty.
fn sniff_warnings(file: &str, sniffed: &sniff::Sniffed) -> Vec<String> {
    let headers = &sniffed.headers;
    let mut warnings = sniffed.notes.clone();
    if !sniffed.footer.is_empty() {
        warnings.push(format!(
            "dropped {} report footer line(s) at the end: {}",
            sniffed.footer.len(),
            sniffed.footer.join(" / ")
        ));
    }
    if let Some(first) = sniffed.set_aside.first() {
        let lines: Vec<String> = sniffed
            .set_aside
            .iter()
            .take(SET_ASIDE_SHOWN)
            .map(|r| r.line.to_string())
            .collect();
        let word = line_word(file);
        let more = if sniffed.set_aside.len() > SET_ASIDE_SHOWN {
            ", …"
        } else {
            ""
        };
        warnings.push(format!(
            "{} record(s) set aside for their shape, at {word}(s) {}{more} ({word} {}: {}); the audit runs on the rest (--strict refuses the file instead)",
            sniffed.set_aside.len(),
            lines.join(", "),
            first.line,
            set_aside_problem(first, headers.len())
        ));
    }
    if !sniffed.empty_records.is_empty() {
        warnings.push(format!(
            "{} record(s) with every field empty, e.g. {} {}",
            sniffed.empty_records.len(),
            line_word(file),
            sniffed.empty_records[0]
        ));
    }
    warnings
}

/// The file's kind: the mapping file's word wins over recognition (its kind, source and
/// columns, written into `recognition`); a file that clearly is of a kind but lacks a
/// field it needs is read as that kind when the figures can do without the field.
fn mapped_kind(
    file: &str,
    headers: &[String],
    facts: &[Option<recognise::ColumnFacts>],
    entry: Option<&FileMapping>,
    recognition: &mut recognise::Recognition,
) -> Result<Option<Kind>, IngestError> {
    let mut kind = recognition.kind;
    if let Some(entry) = entry {
        if let Some(source) = entry.source {
            recognition.source = source;
        }
        match entry.kind_choice().map_err(|detail| IngestError::Mapping {
            path: PathBuf::from("mapping"),
            detail,
        })? {
            Some(KindChoice::NotUsed) => kind = None,
            Some(KindChoice::Use(k)) if Some(k) != recognition.kind => {
                kind = Some(k);
                let reading = recognise::read_as(k, headers, facts);
                recognition.columns = reading.columns;
                recognition.guesses = reading.guesses;
                recognition.constants = reading.constants;
            }
            _ => {}
        }
        // The columns the mapping gave a field: a column holds one field.
        let mut given: BTreeMap<usize, &str> = BTreeMap::new();
        for (field, header) in &entry.columns {
            for c in recognition.columns.iter_mut() {
                if *c == Some(field.as_str()) {
                    *c = None;
                }
            }
            if header.is_empty() {
                continue;
            }
            let Some(k) = kind.or(recognition.incomplete.as_ref().map(|i| i.0)) else {
                continue;
            };
            let Some(spec) = k.field(field) else {
                return Err(IngestError::Mapping {
                    path: PathBuf::from("mapping"),
                    detail: format!("{file}: \"{field}\" is not a {k} field"),
                });
            };
            let index =
                find_header(headers, header).ok_or_else(|| IngestError::MappingColumnMissing {
                    file: file.to_owned(),
                    field: field.clone(),
                    column: header.clone(),
                    available: quoted_list(headers),
                })?;
            if let Some(other) = given.insert(index, spec.name) {
                return Err(IngestError::MappingColumnTwice {
                    file: file.to_owned(),
                    first: other.to_owned(),
                    second: spec.name.to_owned(),
                    column: headers[index].clone(),
                });
            }
            recognition.columns[index] = Some(spec.name);
            kind = Some(k);
        }
    }
    if kind.is_none()
        && entry.is_none_or(|e| e.kind.as_deref() != Some(mapping::NOT_USED))
        && let Some((k, missing)) = &recognition.incomplete
    {
        // A file that clearly is of a kind but lacks a field it needs is read all the
        // same: the figures and findings that need the field say so. An owner roster
        // without owners or accounts without companies would hold nothing to use.
        if !degradable(*k) {
            return Err(missing_required(file, *k, missing));
        }
        kind = Some(*k);
        // Read as that kind: known names, then the words of the headers and the content
        // (a column of unique ids is the id), each guess said.
        let reading = recognise::read_as(*k, headers, facts);
        recognition.columns = reading.columns;
        recognition.guesses = reading.guesses;
    }
    Ok(kind)
}

/// What the recognition implies (a won date: every deal was won) unless the file or
/// the mapping says otherwise; the mapping's own constants win. `None` when it implies
/// nothing beyond the mapping's entry.
fn implied_constants(
    kind: Kind,
    recognition: &recognise::Recognition,
    entry: Option<&FileMapping>,
    warnings: &mut Vec<String>,
) -> Option<FileMapping> {
    let outcome_given = ["stage", "outcome", "is_won"]
        .iter()
        .any(|f| column_of(&recognition.columns, f).is_some());
    let extra: Vec<&recognise::ConstantGuess> = recognition
        .constants
        .iter()
        .filter(|c| {
            kind.field(c.field).is_some()
                && !outcome_given
                && entry.is_none_or(|e| !e.constants.contains_key(c.field))
        })
        .collect();
    if extra.is_empty() {
        None
    } else {
        let mut e = entry.cloned().unwrap_or_default();
        for c in extra {
            e.constants.insert(c.field.to_owned(), c.value.clone());
            warnings.push(format!(
                "guessed the constant {} = \"{}\": {}; set it in the mapping file if that is wrong",
                c.field, c.value, c.why
            ));
        }
        Some(e)
    }
}

/// Keeps the columns of `raw` no field was mapped to, as [`ExtraColumn`]s.
pub(super) fn keep_unmapped(
    raw: &DataFrame,
    columns: &[Option<&'static str>],
    kind: Kind,
    file: &str,
    headers: &[String],
    extras: &mut Vec<ExtraColumn>,
) -> PolarsResult<()> {
    let unmapped: Vec<(usize, &String)> = headers
        .iter()
        .enumerate()
        .filter(|(i, _)| columns[*i].is_none())
        .collect();
    if unmapped.is_empty() {
        return Ok(());
    }
    // One select for all of them: a select per column costs the width of the file each
    // time, and a file of 50,000 columns would take hours.
    let exprs: Vec<Expr> = unmapped
        .iter()
        .map(|(i, _)| {
            // Trimmed, empty as null; a column that needs no trimming is kept as it is
            // (#11).
            let name = col_name(*i);
            super::coerce::text(col(name.as_str())).alias(name.as_str())
        })
        .collect();
    let trimmed = raw.clone().lazy().select(exprs).collect()?;
    for ((_, header), column) in unmapped.into_iter().zip(trimmed.columns()) {
        let values = column
            .as_materialized_series()
            .clone()
            .with_name(header.as_str().into());
        let levels = values.n_unique()? <= EXTRA_MAX_LEVELS + 1;
        let values = if levels {
            values
        } else {
            let filled = values.is_not_null();
            let s: StringChunked = filled
                .iter()
                .map(|f| f.unwrap_or(false).then_some("filled"))
                .collect();
            s.with_name(header.as_str().into()).into_series()
        };
        extras.push(ExtraColumn {
            kind,
            file: file.to_owned(),
            header: header.clone(),
            values,
            levels,
        });
    }
    Ok(())
}

/// Records of the wrong shape are set aside, unless `strict` (the first refuses the
/// file) or they are more than [`MAX_SET_ASIDE`] of the records (the file is refused,
/// naming the first lines: the delimiter or quoting was probably misread).
pub(super) fn check_set_aside(
    file: &str,
    sniffed: &sniff::Sniffed,
    strict: bool,
) -> Result<(), IngestError> {
    let Some(first) = sniffed.set_aside.first() else {
        return Ok(());
    };
    let expected = sniffed.headers.len();
    let total = sniffed.rows + sniffed.set_aside.len();
    if strict {
        return Err(IngestError::Ragged {
            file: file.to_owned(),
            line: first.line,
            expected,
            found: first.found,
            hint: first.hint.clone(),
        });
    }
    if sniffed.set_aside.len() as f64 > total as f64 * MAX_SET_ASIDE {
        let lines: Vec<String> = sniffed
            .set_aside
            .iter()
            .take(5)
            .map(|s| {
                let plural = if s.found == 1 { "" } else { "s" };
                let hint = s
                    .hint
                    .as_deref()
                    .map(|h| format!(": {h}"))
                    .unwrap_or_default();
                format!("line {} has {} field{plural}{hint}", s.line, s.found)
            })
            .collect();
        return Err(IngestError::RaggedMany {
            file: file.to_owned(),
            first_line: sniffed.set_aside.first().map_or(0, |s| s.line),
            count: sniffed.set_aside.len(),
            total,
            expected,
            delimiter: delimiter_name(sniffed.dialect.delimiter),
            lines: lines.join(", "),
        });
    }
    Ok(())
}

/// What a set-aside record's problem was, in words.
pub fn set_aside_problem(row: &sniff::SetAside, expected: usize) -> String {
    let plural = if row.found == 1 { "" } else { "s" };
    let hint = row
        .hint
        .as_deref()
        .map(|h| format!(" ({h})"))
        .unwrap_or_default();
    format!(
        "{} field{plural} where the header has {expected}{hint}",
        row.found
    )
}
