//! The spot check of the most recently closed deals (`recent_closed_check`): each read
//! for outcome, reason, owner and plausible dates, shown as a table.

use super::*;

/// The 20 most recently closed deals, each checked for outcome, reason, owner and
/// plausible dates; `count` is those with a gap.
pub(super) fn recent_closed(ctx: &Context, deals: &DataFrame) -> Result<Finding, FindingsError> {
    let ph = &ctx.settings.placeholders;
    let as_of = ctx.as_of.map(|a| a.date);
    let recent = deals
        .clone()
        .lazy()
        .filter(closed().and(col("close_date").is_not_null()))
        .with_columns([ctx.local_date("created_at").alias("_created_day")])
        .sort_by_exprs(
            [col("close_date"), super::super::record_ref()],
            SortMultipleOptions::default().with_order_descending_multi([true, false]),
        )
        .limit(RECENT as u32)
        .select([
            super::super::record_ref().alias("ref"),
            col("close_date").dt().to_string("%Y-%m-%d").alias("closed"),
            col("outcome"),
            is_missing_text(col("close_reason"), ph)
                .not()
                .alias("has_reason"),
            // A won deal of a file that holds loss reasons only: not judged.
            col("outcome")
                .eq(lit("won"))
                .and(flag_or(deals, "_won_reason_exported", true).not())
                .fill_null(lit(false))
                .alias("reason_unjudged"),
            is_missing_text(col("owner"), ph).not().alias("has_owner"),
            col("_created_day").is_not_null().alias("has_created"),
            col("close_date")
                .gt_eq(col("_created_day"))
                .fill_null(lit(true))
                .and(match as_of {
                    Some(d) => col("close_date").lt_eq(lit(d)),
                    None => lit(true),
                })
                .alias("plausible"),
        ])
        .collect()
        .map_err(FindingsError::polars(STAGE))?;
    if recent.height() == 0 {
        return Ok(RECENT_CLOSED_CHECK.not_assessed("no deal is closed with a close date"));
    }
    let refs = strings(&recent, "ref");
    let closed_on = strings(&recent, "closed");
    let outcomes = strings(&recent, "outcome");
    let b = |name: &str| -> Vec<bool> {
        recent
            .column(name)
            .and_then(|c| c.bool().cloned())
            .map(|ca| ca.iter().map(|v| v.unwrap_or(false)).collect())
            .unwrap_or_default()
    };
    let (reason, owner, created, plausible) = (
        b("has_reason"),
        b("has_owner"),
        b("has_created"),
        b("plausible"),
    );
    let unjudged = b("reason_unjudged");
    let yes = |v: bool| if v { "yes" } else { "NO" };
    let mut table = String::new();
    let w = refs
        .iter()
        .map(|r| r.as_deref().unwrap_or("").chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let _ = writeln!(
        table,
        "{:<w$}  {:<10}  {:<7}  {:<6}  {:<5}  {:<7}  plausible",
        "deal", "closed", "outcome", "reason", "owner", "created"
    );
    let mut gaps = Vec::new();
    for i in 0..recent.height() {
        let ok = (reason[i] || unjudged[i]) && owner[i] && created[i] && plausible[i];
        let r = refs[i].clone().unwrap_or_default();
        if !ok {
            gaps.push(r.clone());
        }
        let row = format!(
            "{:<w$}  {:<10}  {:<7}  {:<6}  {:<5}  {:<7}  {:<9}",
            r,
            closed_on[i].as_deref().unwrap_or(""),
            outcomes[i].as_deref().unwrap_or(""),
            if unjudged[i] { "n/a" } else { yes(reason[i]) },
            yes(owner[i]),
            yes(created[i]),
            yes(plausible[i]),
        );
        let _ = writeln!(table, "{}", row.trim_end());
    }
    let n = recent.height() as u64;
    let count = gaps.len() as u64;
    let title = if count == 0 {
        format!(
            "All {n} most recently closed deals have an outcome, a reason, an owner and plausible dates."
        )
    } else {
        format!(
            "{count} of the {n} most recently closed deals miss a reason, an owner, a creation date or have implausible dates."
        )
    };
    Ok(RECENT_CLOSED_CHECK.finding(
        title,
        format!(
            "{table}Plausible: closed on or after the day it was created and not after the day of the export."
        ),
        Measured {
            count,
            of: n,
            examples: gaps,
        },
    ))
}
