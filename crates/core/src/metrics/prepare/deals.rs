//! The deals enriched once: local dates, the quarter of creation and close, cycle days,
//! and their leads' attributes for the funnel.

use super::*;

/// The quarters that hold a lead's creation or a deal's close.
pub(super) fn quarters(
    leads: Option<&DataFrame>,
    deals: Option<&DataFrame>,
) -> Result<Vec<Quarter>, MetricsError> {
    let mut frames = Vec::new();
    if let Some(l) = leads {
        frames.push(
            l.clone()
                .lazy()
                .select([col("quarter").cast(DataType::Int64)]),
        );
    }
    if let Some(d) = deals {
        frames.push(
            d.clone()
                .lazy()
                .select([col("quarter").cast(DataType::Int64)]),
        );
    }
    if frames.is_empty() {
        return Ok(Vec::new());
    }
    let out = concat(frames, UnionArgs::default())
        .and_then(|lf| {
            lf.filter(col("quarter").is_not_null())
                .unique(None, UniqueKeepStrategy::Any)
                .sort(["quarter"], SortMultipleOptions::default())
                .collect()
        })
        .map_err(MetricsError::polars("quarters"))?;
    let codes = out
        .column("quarter")
        .and_then(|c| c.i64().cloned())
        .map_err(MetricsError::polars("quarters"))?;
    Ok(codes
        .iter()
        .flatten()
        .filter_map(Quarter::from_code)
        .collect())
}

pub(super) fn quarter_code(date: Expr) -> Expr {
    date.clone().dt().year().cast(DataType::Int64) * lit(10i64)
        + date.dt().quarter().cast(DataType::Int64)
}

pub(super) fn prepare_deals(
    deals: &DataFrame,
    leads: Option<&DataFrame>,
    settings: &Settings,
    tz: &TimeZone,
) -> Result<DataFrame, MetricsError> {
    let base = deals
        .clone()
        .lazy()
        .with_row_index("_drow", None)
        .select([
            col("_drow"),
            without_placeholders(col("owner"), &settings.placeholders).alias("owner"),
            col("outcome"),
            col("close_date"),
            col("created_at").cast(utc_datetime()),
            col("lead_id"),
        ])
        .with_column(key(col("owner")).alias("owner_key"));
    // A deal with no created_at starts when its (earliest) linked lead was created.
    let base = match leads {
        Some(l) => {
            let created = l.clone().lazy().select([
                col("id").alias("_lid"),
                col("created_at").alias("_lead_created"),
            ]);
            let linked = split_ids(
                base.clone().select([col("_drow"), col("lead_id")]),
                "lead_id",
            )
            .inner_join(created, col("lead_id"), col("_lid"))
            .group_by([col("_drow")])
            .agg([col("_lead_created").min()]);
            base.left_join(linked, col("_drow"), col("_drow"))
        }
        None => base.with_column(lit(NULL).cast(utc_datetime()).alias("_lead_created")),
    };
    let start = when(col("created_at").is_not_null())
        .then(col("created_at"))
        .otherwise(col("_lead_created"));
    let won = col("outcome").eq(lit("won")).fill_null(false);
    // Days from the start to the close date's midnight: a deal closed on the day it
    // started took 0 days (not a fraction below 0); one closed on an earlier day than
    // it started is impossible, left out and counted.
    let start = local(start, tz);
    let impossible = won
        .clone()
        .and(col("close_date").lt(start.clone().dt().date()))
        .fill_null(false);
    let cycle = ((midnight(col("close_date")) - start)
        .dt()
        .total_minutes(true)
        / lit(1440.0))
    .clip_min(lit(0.0));
    base.select([
        col("owner"),
        col("owner_key"),
        col("outcome"),
        col("close_date"),
        quarter_code(col("close_date")).alias("quarter"),
        won.clone().alias("won"),
        col("outcome")
            .eq(lit("lost"))
            .fill_null(false)
            .alias("lost"),
        col("outcome")
            .eq(lit("open"))
            .fill_null(false)
            .alias("open"),
        when(won.and(impossible.clone().not()))
            .then(cycle)
            .otherwise(lit(NULL).cast(DataType::Float64))
            .alias("cycle_days"),
        impossible.alias("cycle_impossible"),
    ])
    .collect()
    .map_err(MetricsError::polars("deals"))
}
