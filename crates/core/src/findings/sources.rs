//! Systems: which CRM each record was exported from (`_source`, set by the importer),
//! how a system is named, and a check counted per system.

use polars::prelude::*;

use super::{Check, FindingsError, strings, thousands};

/// How a system is named in sentences.
pub fn system_label(source: &str) -> String {
    match source {
        "hubspot" => "HubSpot".to_owned(),
        "salesforce" => "Salesforce".to_owned(),
        "pipedrive" => "Pipedrive".to_owned(),
        "zoho" => "Zoho".to_owned(),
        "generic" => "an unrecognised system".to_owned(),
        other => other.to_owned(),
    }
}

/// The systems the records of `df` come from, in the order they first appear (none when
/// the table has no `_source` column).
pub(crate) fn systems(df: &DataFrame) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in strings(df, "_source").into_iter().flatten() {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    if df.column("_source").is_err() {
        out.clear();
    }
    out
}

/// The count of `check` in each system the records of `df` come from, when they come
/// from more than one: "By system: HubSpot 18 of 362, Salesforce 7 of 32." (systems
/// with nothing to examine are left out; `None` when fewer than two remain).
pub(crate) fn by_system(
    df: &DataFrame,
    check: &Check,
    stage: &'static str,
) -> Result<Option<String>, FindingsError> {
    let systems = systems(df);
    if systems.len() < 2 {
        return Ok(None);
    }
    let mut parts = Vec::new();
    for s in &systems {
        let lf = df.clone().lazy().filter(col("_source").eq(lit(s.as_str())));
        let m = Check::new(check.cond.clone(), check.of.clone()).measure(lf, stage)?;
        if m.of > 0 {
            parts.push(format!(
                "{} {} of {}",
                system_label(s),
                thousands(m.count),
                thousands(m.of)
            ));
        }
    }
    Ok((parts.len() >= 2).then(|| format!("By system: {}.", parts.join(", "))))
}

/// `detail` with the by-system line (see [`by_system`]) appended when there is one.
pub(crate) fn with_systems(detail: String, line: Option<String>) -> String {
    match line {
        None => detail,
        Some(line) if detail.is_empty() => line,
        Some(line) => format!("{detail}\n{line}"),
    }
}
