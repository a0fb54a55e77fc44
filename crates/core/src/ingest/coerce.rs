//! Coercing text into typed columns: the raw read of a file as text, each column's date
//! formats, numbers, yes/no values, value maps, and the warnings about values that did
//! not read (dates that failed, numbers that were cleaned).

use super::*;

/// Where each field of the canonical table is read from.
pub(super) struct Sources<'a> {
    pub kind: Kind,
    /// The field each column of the raw frame holds.
    pub columns: &'a [Option<&'static str>],
    /// The mapping's entry for the file (its constants and value maps).
    pub entry: Option<&'a FileMapping>,
    /// Each column's date formats ([`date_formats`]).
    pub formats: &'a [Option<Vec<String>>],
    /// The formats of constants that are dates.
    pub const_formats: &'a BTreeMap<&'static str, Vec<String>>,
    pub timezone: &'a str,
    /// No id column: the record's place in the file is its id.
    pub line_ids: bool,
}

/// Each column's date formats: given by the mapping, else inferred from every value
/// (`None`: not a date column). Sets the format on the column's report; an ambiguous
/// column mapped to a date field is an error, one not mapped a warning.
pub(super) fn date_formats(
    raw: &DataFrame,
    file: &str,
    sniffed: &sniff::Sniffed,
    (kind, mapped): (Kind, &[Option<&'static str>]),
    entry: Option<&FileMapping>,
    columns: &mut [ColumnReport],
    warnings: &mut Vec<String>,
) -> Result<Vec<Option<Vec<String>>>, IngestError> {
    let headers = &sniffed.headers;
    let mut formats: Vec<Option<Vec<String>>> = vec![None; headers.len()];
    for (i, header) in headers.iter().enumerate() {
        let field_ty = mapped[i].and_then(|f| kind.field(f)).map(|s| s.ty);
        let mapped_temporal = field_ty.is_some_and(FieldType::is_temporal);
        let given = entry.and_then(|e| {
            e.date_formats
                .iter()
                .find(|(c, _)| *c == header || fields::header_key(c) == fields::header_key(header))
                .map(|(_, f)| dates::split_formats(f))
        });
        let inferred = match given {
            Some(f) => Some(f),
            None if field_ty.is_some() && !mapped_temporal => None,
            None => {
                // The column alone: a query over the whole frame costs its width, and
                // this runs once per column (50,000 columns would be quadratic).
                let one = DataFrame::new(raw.height(), vec![raw.columns()[i].clone()])
                    .map_err(|e| IngestError::polars(file, e))?;
                if !mapped_temporal
                    && !looks_like_dates(&one, &col_name(i))
                        .map_err(|e| IngestError::polars(file, e))?
                {
                    None
                } else {
                    match dates::infer(&one, &col_name(i))
                        .map_err(|e| IngestError::polars(file, e))?
                    {
                        Inference::Formats(f) => Some(f),
                        Inference::Ambiguous {
                            example,
                            day_first,
                            month_first,
                        } => {
                            if mapped_temporal {
                                return Err(IngestError::AmbiguousDates(Box::new(
                                    error::AmbiguousDates {
                                        file: file.to_owned(),
                                        index: i + 1 + sniffed.column_offset,
                                        column: header.clone(),
                                        example,
                                        day_first,
                                        month_first,
                                    },
                                )));
                            }
                            warnings.push(format!(
                                "column \"{header}\" holds dates whose day and month cannot be told apart (e.g. \"{example}\"); it is not used, but set its format under [file.date_formats] before mapping it"
                            ));
                            None
                        }
                        Inference::NotDates if mapped_temporal => Some(Vec::new()),
                        Inference::NotDates => None,
                    }
                }
            }
        };
        if let Some(f) = &inferred
            && !f.is_empty()
        {
            columns[i].date_format = Some(dates::join_formats(f));
        }
        formats[i] = inferred;
    }
    Ok(formats)
}

/// The date columns to check once the frame is built: (column, field).
pub(super) type DateChecks = Vec<(usize, &'static str)>;

/// One expression per field of the kind, read from its column or constant and coerced
/// to the field's type (value maps applied, outcome labels written into `values`), and
/// the date columns to check once the frame is built.
pub(super) fn field_exprs(
    raw: &DataFrame,
    src: &Sources<'_>,
    values: &mut BTreeMap<String, BTreeMap<String, String>>,
) -> Result<(Vec<Expr>, DateChecks), IngestError> {
    let mut exprs: Vec<Expr> = Vec::new();
    let mut date_checks: DateChecks = Vec::new();
    for spec in src.kind.fields() {
        let source_col = column_of(src.columns, spec.name);
        let constant = src.entry.and_then(|e| e.constants.get(spec.name));
        let input: Option<Expr> = match (source_col, constant) {
            (_, Some(_)) => Some(text(col(const_name(spec.name)))),
            (Some(i), None) => Some(text(col(col_name(i)))),
            (None, None) => None,
        };
        let value_map = src.entry.and_then(|e| e.values.get(spec.name));
        let expr = match (spec.ty, input) {
            // No id column: the record's place in the file is its id.
            (_, None) if spec.name == "id" && src.line_ids => col(LINE_ID),
            (_, None) => lit(NULL).cast(dtype_of(spec.ty)),
            (FieldType::Text, Some(e)) => match value_map {
                Some(map) => remap(e, map),
                None => e,
            },
            (FieldType::Number, Some(e)) => number(value_map.map_or(e.clone(), |m| remap(e, m))),
            (FieldType::Bool, Some(e)) => boolean(value_map.map_or(e.clone(), |m| remap(e, m))),
            (FieldType::Outcome, Some(e)) => outcome_from_labels(
                e,
                &distinct(raw, source_col, constant)?,
                value_map,
                values,
                spec.name,
            ),
            (FieldType::Timestamp | FieldType::Date, Some(_)) if constant.is_some() => {
                let f = src
                    .const_formats
                    .get(spec.name)
                    .cloned()
                    .unwrap_or_default();
                if spec.ty == FieldType::Timestamp {
                    dates::parse_timestamp(&const_name(spec.name), &f, src.timezone)
                } else {
                    dates::parse_date(&const_name(spec.name), &f, src.timezone)
                }
            }
            (FieldType::Timestamp | FieldType::Date, Some(_)) => {
                let Some(i) = source_col else {
                    unreachable!("an input is a constant or a column")
                };
                let f = src.formats[i].clone().unwrap_or_default();
                let parsed = if spec.ty == FieldType::Timestamp {
                    dates::parse_timestamp(&col_name(i), &f, src.timezone)
                } else {
                    dates::parse_date(&col_name(i), &f, src.timezone)
                };
                // Checked on the parsed column, once the frame is built.
                date_checks.push((i, spec.name));
                parsed
            }
        };
        exprs.push(expr.alias(spec.name));
    }
    Ok((exprs, date_checks))
}

pub(super) fn dtype_of(ty: FieldType) -> DataType {
    match ty {
        FieldType::Text | FieldType::Outcome => DataType::String,
        FieldType::Number => DataType::Float64,
        FieldType::Bool => DataType::Boolean,
        FieldType::Date => DataType::Date,
        FieldType::Timestamp => DataType::Datetime(TimeUnit::Milliseconds, Some(TimeZone::UTC)),
    }
}

/// Reads every record of the file as text: columns `c0`, `c1`, … by position.
///
/// The records are read with the same CSV reader and settings as the sniff's pass, so
/// both see the same records; a record is kept when it starts at the byte offset of a
/// record the sniff kept (set-aside rows, lines of spaces and footers are skipped).
///
/// The records the sniff already read (a large file's first records, read by the shape
/// check's parallel parts, [`sniff::Sniffed::prefix`]) are not read again (#11). The
/// others are read in [`READ_PARTS`]-per-thread parts on every core: each part starts at
/// a kept record's offset, where the reader is between records just as the sniff's
/// reader was, so each part reads exactly the records a single pass would; the parts'
/// columns are joined in order.
///
/// The sniff's columns are taken out of `sniffed`: the read's joined columns are their
/// only copy.
pub(super) fn read_strings(
    sniffed: &mut sniff::Sniffed,
    file: &str,
) -> Result<DataFrame, IngestError> {
    read_strings_in_parts(sniffed, file, READ_PART_MIN_RECORDS)
}

/// [`read_strings`], with parts of at least `min_records` records.
pub(super) fn read_strings_in_parts(
    sniffed: &mut sniff::Sniffed,
    file: &str,
    min_records: usize,
) -> Result<DataFrame, IngestError> {
    use rayon::prelude::*;
    // The records the sniff read already, in its parallel parts (#11).
    let mut read: Vec<Vec<StringChunked>> = sniffed.prefix.take().unwrap_or_default();
    let from: usize = read
        .iter()
        .map(|part| part.first().map_or(0, |c| c.len()))
        .sum();
    let total = sniffed.record_bytes.len();
    let left = total - from.min(total);
    let parts = if left < min_records {
        1
    } else {
        (rayon::current_num_threads() * READ_PARTS)
            .min(left / min_records)
            .max(1)
    };
    let per = left.div_ceil(parts).max(1);
    let ranges: Vec<(usize, usize)> = (from..total)
        .step_by(per)
        .map(|a| (a, (a + per).min(total)))
        .collect();
    let rest: Vec<Vec<StringChunked>> = ranges
        .into_par_iter()
        .map(|range| read_part(sniffed, file, range))
        .collect::<Result<_, _>>()?;
    read.extend(rest);
    let width = sniffed.headers.len();
    let columns: Vec<Column> = if read.is_empty() {
        (0..width)
            .map(|i| {
                StringChunked::full_null(col_name(i).into(), 0)
                    .into_series()
                    .into_column()
            })
            .collect()
    } else {
        join_columns(read)
            .map_err(|e| IngestError::polars(file, e))?
            .into_iter()
            .map(|ca| ca.into_series().into_column())
            .collect()
    };
    let height = columns.first().map_or(0, Column::len);
    if height != sniffed.rows {
        return Err(IngestError::Polars {
            file: file.to_owned(),
            detail: format!(
                "read {height} records where {} were counted; please report this file",
                sniffed.rows
            ),
        });
    }
    DataFrame::new(height, columns).map_err(|e| IngestError::polars(file, e))
}

/// Joins columns read in parts, in order, into one chunk each.
fn join_columns(parts: Vec<Vec<StringChunked>>) -> PolarsResult<Vec<StringChunked>> {
    let mut parts = parts.into_iter();
    let Some(mut out) = parts.next() else {
        return Ok(Vec::new());
    };
    for part in parts {
        for (ca, more) in out.iter_mut().zip(&part) {
            ca.append(more)?;
        }
    }
    Ok(out
        .into_iter()
        .map(|ca| ca.rechunk().into_owned())
        .collect())
}

/// Parts per thread a large file is read in (more parts than threads even out parts of
/// uneven cost).
const READ_PARTS: usize = 2;
/// Fewest records a part is worth: smaller files are read in one pass.
const READ_PART_MIN_RECORDS: usize = 50_000;

/// The kept records `from..to` (indexes into the sniff's record offsets), as one text
/// column per header.
fn read_part(
    sniffed: &sniff::Sniffed,
    file: &str,
    (from, to): (usize, usize),
) -> Result<Vec<StringChunked>, IngestError> {
    let io = |error| IngestError::Io {
        file: file.to_owned(),
        error,
    };
    let mut columns = sniff::TextColumns::new(sniffed.headers.len(), to - from);
    let Some(&start) = sniffed.record_bytes.get(from) else {
        return Ok(columns.finish());
    };
    // The line the part starts on, for a read error's line number.
    let first_line = sniffed.line_of(from).max(1);
    // Decoded text stays in memory: no copy of the data on disk.
    let mut rdr = sniff::csv_reader(sniffed.dialect, sniffed.data.open_at(start).map_err(io)?);
    let mut base = start;
    // Where the sniff resumed after a quote that never closed.
    let resumes: BTreeMap<u64, u64> = sniffed
        .set_aside
        .iter()
        .filter_map(|r| r.resume.map(|at| (r.byte, at)))
        .filter(|&(byte, _)| byte >= start)
        .collect();
    let mut record = csv::ByteRecord::new();
    let mut wanted = sniffed.record_bytes[from..to].iter().peekable();
    while wanted.peek().is_some() {
        let more = rdr
            .read_byte_record(&mut record)
            .map_err(|e| IngestError::Malformed {
                file: file.to_owned(),
                line: e
                    .position()
                    .map_or(0, |p| first_line + p.line().saturating_sub(1) as u32),
                detail: e.to_string(),
            })?;
        if !more {
            break;
        }
        let byte = base + record.position().map_or(u64::MAX - base, |p| p.byte());
        if let Some(&at) = resumes.get(&byte) {
            rdr = sniff::csv_reader(sniffed.dialect, sniffed.data.open_at(at).map_err(io)?);
            base = at;
            continue;
        }
        if wanted.peek() != Some(&&byte) {
            continue;
        }
        wanted.next();
        columns.push(&record);
    }
    Ok(columns.finish())
}

/// Trimmed text, empty as null.
///
/// A column none of whose values is empty or has spaces at either end (most exported
/// columns) is passed through as it is, without a copy; the others are trimmed value
/// by value ([`crate::metrics::expr::trim_values`]), which gives what [`text_per_row`]
/// (Polars' trimming) gives, faster (#11).
pub(super) fn text(e: Expr) -> Expr {
    e.map(
        |c: Column| {
            if let Ok(ca) = c.str() {
                let trimmed = crate::metrics::expr::trim_values(ca, true);
                return Ok(trimmed.map_or(c, |t| t.into_series().into_column()));
            }
            let name = c.name().clone();
            let mut v = c;
            v.rename("v".into());
            let out = DataFrame::new(v.len(), vec![v])?
                .lazy()
                .select([text_per_row(col("v")).alias("v")])
                .collect()?;
            let mut out = out.column("v")?.clone();
            out.rename(name);
            Ok(out)
        },
        |_, field| Ok(Field::new(field.name().clone(), DataType::String)),
    )
}

/// [`text`], by Polars' trimming of every value.
pub(super) fn text_per_row(e: Expr) -> Expr {
    let t = e.str().strip_chars(lit(NULL));
    when(t.clone().eq(lit("")))
        .then(lit(NULL).cast(DataType::String))
        .otherwise(t)
}

pub(super) fn remap(e: Expr, map: &BTreeMap<String, String>) -> Expr {
    let mut out = e.clone();
    for (raw, value) in map {
        out = when(e.clone().eq(lit(raw.clone())))
            .then(lit(value.clone()))
            .otherwise(out);
    }
    out
}

/// A number from text such as "$1,234.50", "1.234,50 €", "51-200" (a range: its
/// midpoint) or "1000+".
///
/// Fast path (#11): a value that a plain cast reads as a finite number without an
/// exponent ("1234.5", "-12") is that number, which is what the cleaning below gives it
/// too; only the other values are cleaned, once per distinct value.
pub(super) fn number(e: Expr) -> Expr {
    let fast = e.clone().cast(DataType::Float64);
    let plain = fast
        .clone()
        .is_finite()
        .fill_null(lit(false))
        .and(e.clone().str().contains_literal(lit("e")).not())
        .and(e.clone().str().contains_literal(lit("E")).not())
        .fill_null(lit(false));
    let rest = when(plain.clone())
        .then(lit(NULL).cast(DataType::String))
        .otherwise(e);
    when(plain)
        .then(fast)
        .otherwise(crate::metrics::expr::per_distinct(
            rest,
            DataType::Float64,
            number_cleaned,
        ))
}

/// [`number`] by cleaning the text with regular expressions.
pub(super) fn number_cleaned(e: Expr) -> Expr {
    let range = r"^\s*(\d+(?:\.\d+)?)\s*[-–]\s*(\d+(?:\.\d+)?)\s*$";
    let lo = e
        .clone()
        .str()
        .extract(lit(range), 1)
        .cast(DataType::Float64);
    let hi = e
        .clone()
        .str()
        .extract(lit(range), 2)
        .cast(DataType::Float64);
    let cleaned = e
        .clone()
        .str()
        .replace_all(lit(r"[^\d,.\-]"), lit(""), false);
    // "1.234,50" and "12,5": a decimal comma.
    let european = cleaned
        .clone()
        .str()
        .contains(lit(r"^-?\d{1,3}(\.\d{3})+,\d+$|^-?\d+,\d{1,2}$"), false);
    let as_european = cleaned
        .clone()
        .str()
        .replace_all(lit("."), lit(""), true)
        .str()
        .replace_all(lit(","), lit("."), true);
    let as_english = cleaned.str().replace_all(lit(","), lit(""), true);
    let plain = when(european)
        .then(as_european)
        .otherwise(as_english)
        .cast(DataType::Float64);
    when(lo.clone().is_not_null())
        .then((lo + hi) / lit(2.0))
        .otherwise(plain)
}

/// yes/no, true/false, 1/0, y/n, t/f, x; anything else is null. Computed once per
/// distinct value.
pub(super) fn boolean(e: Expr) -> Expr {
    crate::metrics::expr::per_distinct(e, DataType::Boolean, boolean_per_row)
}

pub(super) fn boolean_per_row(e: Expr) -> Expr {
    let l = e.str().to_lowercase();
    when(
        l.clone()
            .str()
            .contains(lit(r"^(true|yes|y|t|1|x|checked|active|won)$"), false),
    )
    .then(lit(true))
    .when(
        l.str()
            .contains(lit(r"^(false|no|n|f|0|unchecked|inactive)$"), false),
    )
    .then(lit(false))
    .otherwise(lit(NULL).cast(DataType::Boolean))
}

/// Does an unmapped column look like dates? Checked on its first 500 values.
pub(super) fn looks_like_dates(raw: &DataFrame, column: &str) -> PolarsResult<bool> {
    let head = raw.head(Some(500));
    // Every date shape starts with a digit: a column where fewer than half of the values
    // do is not dates, as [`dates::infer`] would find, without its regular expressions.
    let (mut total, mut digits) = (0usize, 0usize);
    for v in head.column(column)?.str()?.iter().flatten() {
        total += 1;
        if v.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
            digits += 1;
        }
    }
    if digits * 2 < total || total == 0 {
        return Ok(false);
    }
    Ok(!matches!(dates::infer(&head, column)?, Inference::NotDates))
}

/// Counts the values of column `index` of `raw` that are present but that the built
/// frame's `field` could not read as dates; warns, or refuses the file when too many.
pub(super) fn check_date_failures(
    file: &str,
    raw: &DataFrame,
    index: usize,
    header: &str,
    (frame, field): (&DataFrame, &str),
    sniffed: &sniff::Sniffed,
    warnings: &mut Vec<String>,
) -> Result<(), IngestError> {
    const PARSED: &str = "__parsed";
    let polars = |e| IngestError::polars(file, e);
    let name = col_name(index);
    let mut parsed = frame.column(field).map_err(polars)?.clone();
    parsed.rename(PARSED.into());
    let pair = DataFrame::new(
        raw.height(),
        vec![raw.column(&name).map_err(polars)?.clone(), parsed],
    )
    .map_err(polars)?;
    let dates::Failures {
        failed,
        present: total,
        examples,
    } = dates::failures(&pair, &name, col(PARSED)).map_err(polars)?;
    if failed == 0 {
        return Ok(());
    }
    let examples = examples
        .iter()
        .map(|(row, v)| {
            let note = if beyond_clock(v) {
                " (outside the years 1678 to 2261)"
            } else {
                ""
            };
            format!(
                "{} {}: \"{v}\"{note}",
                line_word(file),
                sniffed.line_of(*row as usize)
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    if failed as f64 > total as f64 * MAX_DATE_FAILURES {
        return Err(IngestError::UnparseableDates(Box::new(
            error::UnparseableDates {
                file: file.to_owned(),
                index: index + 1 + sniffed.column_offset,
                column: header.to_owned(),
                failed,
                total,
                examples,
            },
        )));
    }
    warnings.push(format!(
        "column \"{header}\": {failed} of {total} values are not dates that can be read and count as missing ({examples})"
    ));
    Ok(())
}

/// Does the value hold a year the importer does not read (see [`dates::EARLIEST_MS`])?
pub(super) fn beyond_clock(value: &str) -> bool {
    value
        .split(|c: char| !c.is_ascii_digit())
        .filter(|t| t.len() == 4)
        .filter_map(|t| t.parse::<i32>().ok())
        .any(|y| !(1678..=2261).contains(&y))
}

/// Warns about number columns with values that are not numbers.
///
/// `built` is the file's frame, and for each column whether the frame's field was read
/// from it: those values are taken from the frame rather than parsed again (#11).
pub(super) fn number_warnings(
    raw: &DataFrame,
    built: (&DataFrame, &[bool]),
    columns: &[Option<&'static str>],
    kind: Kind,
    headers: &[String],
    warnings: &mut Vec<String>,
) -> PolarsResult<()> {
    const PARSED: &str = "__parsed";
    for (i, field) in columns.iter().enumerate() {
        let Some(spec) = field.and_then(|f| kind.field(f)) else {
            continue;
        };
        if !matches!(spec.ty, FieldType::Number | FieldType::Bool) {
            continue;
        }
        let (source, parsed) = if built.1.get(i) == Some(&true) {
            let mut p = built.0.column(spec.name)?.clone();
            p.rename(PARSED.into());
            let pair = DataFrame::new(raw.height(), vec![raw.column(&col_name(i))?.clone(), p])?;
            (pair, col(PARSED))
        } else if spec.ty == FieldType::Number {
            (raw.clone(), number(text(col(col_name(i)))))
        } else {
            (
                raw.clone(),
                boolean(text(col(col_name(i)))).cast(DataType::UInt32),
            )
        };
        let present = text(col(col_name(i))).is_not_null();
        let out = source
            .lazy()
            .select([present
                .and(parsed.is_null())
                .cast(DataType::UInt32)
                .sum()
                .alias("n")])
            .collect()?;
        let n = out.column("n")?.get(0)?.extract::<u32>().unwrap_or(0);
        if n > 0 {
            let what = if spec.ty == FieldType::Number {
                "numbers"
            } else {
                "yes/no values"
            };
            warnings.push(format!(
                "column \"{}\": {n} value(s) are not {what} and count as missing",
                headers[i]
            ));
        }
    }
    Ok(())
}
