//! A deal's outcome (won, lost, open) from its stage, outcome or won flag: the labels,
//! their distinct values and the outcome column of the deals table.

use super::*;

/// The outcome a deal stage or status label means: "Closed Won", "closedwon", "Won",
/// "won" → won; "Closed Lost", "Lost" → lost; anything else → open.
pub fn outcome_of_label(label: &str) -> &'static str {
    let key = fields::header_key(label);
    let won =
        key == "won" || key.contains("closedwon") || key.starts_with("won") || key.ends_with("won");
    let lost = key == "lost"
        || key.contains("closedlost")
        || key.starts_with("lost")
        || key.ends_with("lost");
    match (won, lost) {
        (true, false) => "won",
        (false, true) => "lost",
        _ => "open",
    }
}

/// The distinct trimmed values of a column (or the constant).
pub(super) fn distinct(
    raw: &DataFrame,
    column: Option<usize>,
    constant: Option<&String>,
) -> Result<Vec<String>, IngestError> {
    if let Some(c) = constant {
        return Ok(vec![c.trim().to_owned()]);
    }
    let Some(i) = column else {
        return Ok(Vec::new());
    };
    let out = raw
        .clone()
        .lazy()
        .select([text(col(col_name(i)))
            .drop_nulls()
            .unique_stable()
            .alias("v")])
        .collect()
        .map_err(|e| IngestError::polars("distinct values", e))?;
    let s = out
        .column("v")
        .map_err(|e| IngestError::polars("distinct values", e))?;
    let ca = s
        .str()
        .map_err(|e| IngestError::polars("distinct values", e))?;
    Ok(ca.iter().flatten().map(str::to_owned).collect())
}

/// Maps labels to outcomes (the mapping's values first, then [`outcome_of_label`]) and
/// records the map in `values[name]`.
pub(super) fn outcome_from_labels(
    e: Expr,
    labels: &[String],
    given: Option<&BTreeMap<String, String>>,
    values: &mut BTreeMap<String, BTreeMap<String, String>>,
    name: &str,
) -> Expr {
    let mut map = BTreeMap::new();
    for label in labels {
        let outcome = given
            .and_then(|g| g.get(label))
            .cloned()
            .unwrap_or_else(|| outcome_of_label(label).to_owned());
        map.insert(label.clone(), outcome);
    }
    let by = |o: &str| -> Series {
        let v: Vec<&str> = map
            .iter()
            .filter(|(_, out)| out.as_str() == o)
            .map(|(l, _)| l.as_str())
            .collect();
        Series::new("labels".into(), v)
    };
    let won = by("won");
    let lost = by("lost");
    let expr = when(e.clone().is_null())
        .then(lit(NULL).cast(DataType::String))
        .when(e.clone().is_in(lit(won).implode(false), false))
        .then(lit("won"))
        .when(e.is_in(lit(lost).implode(false), false))
        .then(lit("lost"))
        .otherwise(lit("open"));
    values.insert(name.to_owned(), map);
    expr
}

/// A deal's outcome: the outcome column if there is one, else the won/closed/lost flags,
/// else the stage's label. Replaces the `outcome` expression and makes a won deal's
/// `close_reason` its won reason when it has one.
pub(super) fn add_deal_outcome(
    exprs: &mut [Expr],
    raw: &DataFrame,
    columns: &[Option<&'static str>],
    entry: Option<&FileMapping>,
    values: &mut BTreeMap<String, BTreeMap<String, String>>,
) -> Result<(), IngestError> {
    let flag = |f: &str| column_of(columns, f).map(|i| boolean(text(col(col_name(i)))));
    let from_flags = match (flag("is_won"), flag("is_closed"), flag("is_lost")) {
        (None, None, None) => None,
        (won, closed, lost) => {
            let won = won.unwrap_or(lit(NULL).cast(DataType::Boolean));
            let closed = closed.unwrap_or(lit(NULL).cast(DataType::Boolean));
            let lost = lost.unwrap_or(lit(NULL).cast(DataType::Boolean));
            Some(
                when(won.clone().eq(lit(true)))
                    .then(lit("won"))
                    .when(lost.clone().eq(lit(true)))
                    .then(lit("lost"))
                    .when(closed.clone().eq(lit(true)))
                    .then(lit("lost"))
                    .when(
                        closed
                            .eq(lit(false))
                            .or(won.eq(lit(false)).and(lost.eq(lit(false)))),
                    )
                    .then(lit("open"))
                    .otherwise(lit(NULL).cast(DataType::String)),
            )
        }
    };
    let stage_col = column_of(columns, "stage");
    let from_stage = match stage_col {
        Some(i) => {
            let labels = distinct(raw, Some(i), None)?;
            let mut stage_values = BTreeMap::new();
            let e = outcome_from_labels(
                text(col(col_name(i))),
                &labels,
                entry.and_then(|e| e.values.get("outcome")),
                &mut stage_values,
                "outcome",
            );
            if !values.contains_key("outcome") {
                values.extend(stage_values);
            }
            Some(e)
        }
        None => None,
    };
    let fields = Kind::Deals.fields();
    let at = |name: &str| {
        fields
            .iter()
            .position(|f| f.name == name)
            .expect("a deals field")
    };
    let outcome_at = at("outcome");
    let has_outcome_input = column_of(columns, "outcome").is_some()
        || entry.is_some_and(|e| e.constants.contains_key("outcome"));
    let mut parts = Vec::new();
    if has_outcome_input {
        parts.push(exprs[outcome_at].clone());
    }
    parts.extend(from_flags);
    parts.extend(from_stage);
    let outcome = if parts.is_empty() {
        lit(NULL).cast(DataType::String)
    } else {
        coalesce(&parts)
    };
    exprs[outcome_at] = outcome.clone().alias("outcome");
    let reason_at = at("close_reason");
    let won_reason = exprs[at("won_reason")].clone();
    let reason = exprs[reason_at].clone();
    exprs[reason_at] = when(outcome.eq(lit("won")).and(won_reason.clone().is_not_null()))
        .then(won_reason)
        .otherwise(reason)
        .alias("close_reason");
    Ok(())
}
