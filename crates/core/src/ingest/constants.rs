//! The columns of the raw frame by name, and the mapping's constants as columns of the
//! file's height, read like the file's own.

use super::*;

pub(super) fn col_name(i: usize) -> String {
    format!("c{i}")
}

/// The raw column holding the mapping file's constant for `field`.
pub(super) fn const_name(field: &str) -> String {
    format!("k_{field}")
}

/// Adds each constant of the mapping file to `raw` as a text column of the file's
/// height (`k_<field>`), after checking it reads as its field's type. Returns the date
/// formats that read the temporal constants: the file's own date formats first, then
/// whatever reads the value (ISO 8601 and the other forms dates are inferred from).
pub(super) fn add_constants(
    raw: &mut DataFrame,
    file: &str,
    kind: Kind,
    constants: Option<&BTreeMap<String, String>>,
    formats: &[Option<Vec<String>>],
    timezone: &str,
) -> Result<BTreeMap<&'static str, Vec<String>>, IngestError> {
    let mut found = BTreeMap::new();
    let Some(constants) = constants else {
        return Ok(found);
    };
    let height = raw.height();
    for (field, value) in constants {
        let Some(spec) = kind.field(field) else {
            let known: Vec<&str> = kind.fields().iter().map(|f| f.name).collect();
            return Err(IngestError::BadConstant {
                file: file.to_owned(),
                field: field.clone(),
                value: value.clone(),
                problem: format!("for a field that {kind} files do not have"),
                fix: format!("use one of {}", known.join(", ")),
            });
        };
        let name = const_name(spec.name);
        let one = DataFrame::new(
            1,
            vec![Series::new(name.as_str().into(), [value.as_str()]).into_column()],
        )
        .map_err(|e| IngestError::polars(file, e))?;
        let bad = |problem: &str, fix: String| IngestError::BadConstant {
            file: file.to_owned(),
            field: field.clone(),
            value: value.clone(),
            problem: problem.to_owned(),
            fix,
        };
        let reads = |e: Expr| -> Result<bool, IngestError> {
            let out = one
                .clone()
                .lazy()
                .select([e.is_not_null().alias("ok")])
                .collect()
                .map_err(|e| IngestError::polars(file, e))?;
            Ok(out
                .column("ok")
                .and_then(|c| c.get(0))
                .map(|v| v == AnyValue::Boolean(true))
                .unwrap_or(false))
        };
        match spec.ty {
            FieldType::Text | FieldType::Outcome => {}
            FieldType::Number => {
                if !reads(number(text(col(name.as_str()))))? {
                    return Err(bad(
                        "not a number",
                        "write a number such as 1200 or 1,200.50".to_owned(),
                    ));
                }
            }
            FieldType::Bool => {
                if !reads(boolean(text(col(name.as_str()))))? {
                    return Err(bad("not a yes/no value", "write true or false".to_owned()));
                }
            }
            FieldType::Timestamp | FieldType::Date => {
                let parse = |f: &[String]| {
                    if spec.ty == FieldType::Timestamp {
                        dates::parse_timestamp(&name, f, timezone)
                    } else {
                        dates::parse_date(&name, f, timezone)
                    }
                };
                let mut candidates: Vec<Vec<String>> = formats
                    .iter()
                    .flatten()
                    .filter(|f| !f.is_empty())
                    .cloned()
                    .collect();
                if let Inference::Formats(f) =
                    dates::infer(&one, &name).map_err(|e| IngestError::polars(file, e))?
                {
                    candidates.push(f);
                }
                let mut chosen = None;
                for f in candidates {
                    if reads(parse(&f))? {
                        chosen = Some(f);
                        break;
                    }
                }
                let Some(f) = chosen else {
                    let own = formats
                        .iter()
                        .flatten()
                        .find(|f| !f.is_empty())
                        .map(|f| {
                            format!(" or in the file's own format ({})", dates::join_formats(f))
                        })
                        .unwrap_or_default();
                    return Err(bad(
                        "not a date that can be read",
                        format!("write it as 2026-04-01 or 2026-04-01 09:30 (ISO 8601){own}"),
                    ));
                };
                found.insert(spec.name, f);
            }
        }
        let column = Series::new(name.as_str().into(), vec![value.as_str(); height]);
        raw.with_column(column.into_column())
            .map_err(|e| IngestError::polars(file, e))?;
    }
    Ok(found)
}

/// The column (by position) holding `field`.
pub(super) fn column_of(columns: &[Option<&'static str>], field: &str) -> Option<usize> {
    columns.iter().position(|c| *c == Some(field))
}
