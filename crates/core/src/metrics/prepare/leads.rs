//! The leads enriched once: first touch, clock and business speed, local hour of week,
//! the funnel flags, and the routing flags of each lead.

use super::*;

pub(super) fn prepare_leads(
    leads: &DataFrame,
    tables: &Tables,
    settings: &Settings,
    tz: &TimeZone,
    (avail, touches): (&Availability, Option<&Touches>),
    use_activities: bool,
) -> Result<DataFrame, MetricsError> {
    let ph = &settings.placeholders;
    let hours = &settings.business_hours;
    let mut base = leads
        .clone()
        .lazy()
        .with_row_index("_row", None)
        .select([
            col("_row"),
            col("id"),
            col("created_at").cast(utc_datetime()).alias("created"),
            without_placeholders(col("owner"), ph).alias("owner"),
            col("source"),
            col("status"),
            col("lifecycle_stage"),
            col("converted"),
            col("first_touch_at").cast(utc_datetime()),
            col("priority"),
            col("company"),
        ])
        .with_columns([
            key(col("owner")).alias("owner_key"),
            key(without_placeholders(col("company"), ph)).alias("company_key"),
            local(col("created"), tz).alias("_local"),
        ]);
    base = materialise(base, "leads")?;

    // The earliest outbound touch at or after creation, and whether any came before.
    base = match (touches, use_activities) {
        (Some(touches), true) => {
            let mut leads = base
                .collect()
                .map_err(MetricsError::polars("first touches"))?;
            for c in touch_facts(&leads, &touches.by_lead)
                .map_err(MetricsError::polars("first touches"))?
            {
                leads
                    .with_column(c)
                    .map_err(MetricsError::polars("first touches"))?;
            }
            leads.lazy()
        }
        _ => base.with_columns([
            lit(NULL).cast(utc_datetime()).alias("_act_touch"),
            lit(NULL).cast(DataType::Boolean).alias("_act_before"),
            lit(NULL).cast(utc_datetime()).alias("_act_last"),
        ]),
    };
    let mapped = col("first_touch_at");
    let mapped_ok = mapped.clone().gt_eq(col("created")).fill_null(false);
    let touch = when(mapped_ok)
        .then(mapped.clone())
        .otherwise(col("_act_touch"));
    let before = mapped
        .lt(col("created"))
        .fill_null(false)
        .or(col("_act_before").fill_null(false));
    base = base.with_columns([touch.alias("_touch"), before.alias("before")]);
    base = base.with_columns([
        col("created").is_null().alias("no_created"),
        col("created")
            .is_not_null()
            .and(col("_touch").is_null())
            .and(col("before"))
            .alias("excluded_before"),
    ]);
    base = materialise(base, "first touches")?;
    let measured = col("no_created").not().and(col("excluded_before").not());
    base = base.with_column(local(col("_touch"), tz).alias("_touch_local"));
    base = base.with_columns([
        measured.alias("measured"),
        minutes_between(col("created"), col("_touch")).alias("speed"),
        business_minutes(col("_local"), col("_touch_local"), hours).alias("speed_bh"),
        target(settings).alias("_target"),
        col("_local").dt().date().alias("date"),
        quarter_code(col("_local")).alias("quarter"),
        (col("_local").dt().year().cast(DataType::Int64) * lit(100i64)
            + col("_local").dt().month().cast(DataType::Int64))
        .alias("month"),
        hour_of_week(col("_local")).alias("how"),
        in_business_hours(col("_local"), hours)
            .not()
            .alias("after_hours"),
    ]);
    base = base.with_columns([
        col("speed")
            .lt_eq(col("_target"))
            .fill_null(false)
            .alias("met"),
        col("speed_bh")
            .lt_eq(col("_target"))
            .fill_null(false)
            .alias("met_bh"),
        bucket(col("speed")).alias("bucket"),
    ]);
    base = base.with_column(col("measured").and(col("met").not()).alias("breach"));
    // A late first touch with no outbound touch after it (only activities can tell).
    let no_follow_up = if use_activities {
        col("breach")
            .and(col("speed").is_not_null())
            .and(col("_act_last").gt(col("_touch")).fill_null(false).not())
    } else {
        lit(NULL).cast(DataType::Boolean)
    };
    base = base.with_column(no_follow_up.alias("late_no_follow_up"));

    base = materialise(base, "speed to lead")?;

    // Funnel: qualified statuses, converted or linked to a deal, linked to a won deal.
    let q = &settings.qualified_statuses;
    let qualified = if avail.qualification.is_ok() {
        key_in(col("status"), q).or(key_in(col("lifecycle_stage"), q))
    } else {
        lit(NULL).cast(DataType::Boolean)
    };
    base = base.with_column(qualified.alias("qualified"));
    base = match &tables.deals {
        Some(d) => {
            let links = split_ids(
                d.clone().lazy().select([col("lead_id"), col("outcome")]),
                "lead_id",
            )
            .filter(col("lead_id").is_not_null())
            .group_by([col("lead_id")])
            .agg([
                len().alias("_deals"),
                col("outcome").eq(lit("won")).any(true).alias("_has_won"),
            ]);
            base.left_join(links, col("id"), col("lead_id"))
        }
        None => base.with_columns([
            lit(NULL).cast(IDX_DTYPE).alias("_deals"),
            lit(NULL).cast(DataType::Boolean).alias("_has_won"),
        ]),
    };
    let linked = col("_deals").is_not_null();
    base = base.with_columns([
        col("converted")
            .fill_null(false)
            .or(linked.clone())
            .alias("opportunity"),
        col("_has_won").fill_null(false).alias("won"),
    ]);
    let closed: Vec<String> = CLOSED_LEAD_STATUSES
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    base = base.with_column(
        col("opportunity")
            .not()
            .and(key_in(col("status"), &closed).not())
            .and(key_in(col("lifecycle_stage"), &closed).not())
            .alias("open"),
    );

    let core = materialise(base, "funnel")?;
    let base = routing_flags(core, tables, settings, (avail, touches))?;

    base.select([
        col("_row"),
        col("date"),
        col("quarter"),
        col("month"),
        col("how"),
        col("after_hours"),
        col("owner"),
        col("owner_key"),
        col("source"),
        col("measured"),
        col("before"),
        col("excluded_before"),
        col("no_created"),
        col("speed"),
        col("speed_bh"),
        col("met"),
        col("met_bh"),
        col("breach"),
        col("late_no_follow_up"),
        col("bucket"),
        col("qualified"),
        col("opportunity"),
        col("won"),
        col("open"),
        col("inactive_roster"),
        col("inactive_ooo"),
        col("inactive_recent"),
        col("mismatch"),
    ])
    .collect()
    .map_err(MetricsError::polars("leads"))
}

/// Inactive owners at assignment, and account-owner mismatches.
pub(super) fn routing_flags(
    core: LazyFrame,
    tables: &Tables,
    settings: &Settings,
    (avail, touches): (&Availability, Option<&Touches>),
) -> Result<LazyFrame, MetricsError> {
    let ph = &settings.placeholders;
    let null_bool = || lit(NULL).cast(DataType::Boolean);
    // Keyed once per distinct name: millions of activities have a few hundred owners.
    let owner_key = |name: &str| {
        let ph = ph.clone();
        per_distinct(col(name), DataType::String, move |e| {
            key(without_placeholders(e, &ph))
        })
    };
    // Sub-queries read `core` (materialised); `base` accumulates the joins.
    let mut base = core.clone();

    // The roster's active flag.
    base = match (&tables.owners, &avail.roster_inactive) {
        (Some(o), Ok(())) => {
            let flags = o
                .clone()
                .lazy()
                .select([owner_key("owner").alias("_k"), col("active")])
                .filter(col("_k").is_not_null())
                .group_by([col("_k")])
                .agg([col("active").eq(lit(false)).any(true).alias("_roster_off")]);
            base.left_join(flags, col("owner_key"), col("_k"))
                .with_column(
                    col("owner_key")
                        .is_not_null()
                        .and(col("_roster_off").fill_null(false))
                        .alias("inactive_roster"),
                )
        }
        _ => base.with_column(null_bool().alias("inactive_roster")),
    };

    // Out-of-office ranges (an open end is unbounded).
    base = match (&tables.owners, &avail.out_of_office) {
        (Some(o), Ok(())) => {
            let ranges = o
                .clone()
                .lazy()
                .select([
                    owner_key("owner").alias("_k"),
                    col("out_of_office_from").alias("_from"),
                    col("out_of_office_to").alias("_to"),
                ])
                .filter(
                    col("_k")
                        .is_not_null()
                        .and(col("_from").is_not_null().or(col("_to").is_not_null())),
                );
            let hits = core
                .clone()
                .select([
                    col("_row"),
                    col("owner_key"),
                    col("_local").dt().date().alias("_d"),
                ])
                .filter(col("owner_key").is_not_null().and(col("_d").is_not_null()))
                .inner_join(ranges, col("owner_key"), col("_k"))
                .filter(
                    col("_from")
                        .is_null()
                        .or(col("_d").gt_eq(col("_from")))
                        .and(col("_to").is_null().or(col("_d").lt_eq(col("_to")))),
                )
                .group_by([col("_row")])
                .agg([len().alias("_ooo")]);
            base.left_join(hits, col("_row"), col("_row"))
                .with_column(col("_ooo").is_not_null().alias("inactive_ooo"))
        }
        _ => base.with_column(null_bool().alias("inactive_ooo")),
    };

    base = materialise(base, "inactive owners")?;

    // No outbound activity by the owner in the N days before the lead was created
    // ([`stale_owners`]). Judged only where the log covers the N days.
    base = match (touches, &avail.recent_activity) {
        (Some(touches), Ok(())) => {
            let window = f64::from(settings.inactive_after_days) * 1440.0;
            let failed = || MetricsError::polars("owner activity");
            let touches = touches
                .rows
                .clone()
                .lazy()
                .select([owner_key("owner").alias("_k"), col("_ts").alias("_t")])
                .filter(col("_k").is_not_null())
                .collect()
                .map_err(failed())?;
            // `base` is materialised: its rows are the leads', in order.
            let mut leads = base.collect().map_err(failed())?;
            let stale = stale_owners(&touches, &leads, window).map_err(failed())?;
            leads
                .with_column(stale.with_name("inactive_recent".into()).into_column())
                .map_err(failed())?;
            leads.lazy()
        }
        _ => base.with_column(null_bool().alias("inactive_recent")),
    };

    base = materialise(base, "owner activity")?;

    // The company's account owner: the accounts file's, else the owner of the company's
    // most recent deal that has one (latest created_at, else close date; then the highest
    // deal id). Company names are compared by key, placeholders ("N/A") left out.
    base = match &avail.account_owner {
        Ok(()) => {
            let mut sources: Vec<LazyFrame> = Vec::new();
            if let Some(acc) = &tables.accounts {
                sources.push(
                    acc.clone()
                        .lazy()
                        .select([
                            owner_key("company").alias("_ck"),
                            owner_key("owner").alias("_ak"),
                            lit(0i32).alias("_rank"),
                            lit(NULL).cast(utc_datetime()).alias("_when"),
                            lit(NULL).cast(DataType::Int64).alias("_id_num"),
                            lit(NULL).cast(DataType::String).alias("_id"),
                        ])
                        .filter(col("_ck").is_not_null().and(col("_ak").is_not_null())),
                );
            }
            if let Some(d) = &tables.deals {
                let close = col("close_date").cast(utc_datetime());
                sources.push(
                    d.clone()
                        .lazy()
                        .select([
                            owner_key("company").alias("_ck"),
                            owner_key("owner").alias("_ak"),
                            lit(1i32).alias("_rank"),
                            when(col("created_at").is_not_null())
                                .then(col("created_at").cast(utc_datetime()))
                                .otherwise(close)
                                .alias("_when"),
                            col("id").cast(DataType::Int64).alias("_id_num"),
                            col("id").alias("_id"),
                        ])
                        .filter(col("_ck").is_not_null().and(col("_ak").is_not_null())),
                );
            }
            let owners = concat(sources, UnionArgs::default())
                .map_err(MetricsError::polars("account owners"))?
                .group_by([col("_ck")])
                .agg([col("_ak")
                    .sort_by(
                        [col("_rank"), col("_when"), col("_id_num"), col("_id")],
                        SortMultipleOptions::default()
                            .with_order_descending_multi([false, true, true, true])
                            .with_nulls_last(true),
                    )
                    .first()
                    .alias("_account_owner")]);
            base.left_join(owners, col("company_key"), col("_ck"))
                .with_column(
                    col("owner_key")
                        .is_not_null()
                        .and(col("_account_owner").is_not_null())
                        .and(col("owner_key").neq(col("_account_owner")))
                        .fill_null(false)
                        .alias("mismatch"),
                )
        }
        Err(_) => base.with_column(null_bool().alias("mismatch")),
    };
    Ok(base)
}

/// Whether each lead's owner had gone quiet when the lead was created: no outbound
/// touch by that owner in the `window` minutes up to the creation (a touch at the very
/// moment counts), judged only where the log covers the window (its first touch, by any
/// owner, at least `window` minutes before). `touches` holds each touch's owner key
/// `_k` and time `_t`; `leads` each lead's `owner_key` and `created`. A lead without
/// either is not judged (false).
///
/// One sorted list of touch times per owner, searched once per lead (#11): this was a
/// sort of every touch and lead together, with the last touch carried forward.
fn stale_owners(
    touches: &DataFrame,
    leads: &DataFrame,
    window: f64,
) -> PolarsResult<BooleanChunked> {
    let owners = touches.column("_k")?.str()?;
    let times = touches.column("_t")?.cast(&DataType::Int64)?;
    let by_owner = TimesByKey::new(owners, times.i64()?, None);
    let first = times.i64()?.min();
    let keys = leads.column("owner_key")?.str()?;
    let created = leads.column("created")?.cast(&DataType::Int64)?;
    Ok(keys
        .iter()
        .zip(created.i64()?.iter())
        .map(|(k, t)| {
            let (Some(k), Some(t), Some(first)) = (k, t, first) else {
                return false;
            };
            minutes_from_ms(first, t) >= window
                && by_owner
                    .at_or_before(k, t)
                    .is_none_or(|last| minutes_from_ms(last, t) > window)
        })
        .collect())
}

/// The lead rows of each id: the first row of the id, and each row's next row with the
/// same id (several rows may share an id).
struct RowsById<K> {
    first: PlHashMap<K, u32>,
    next: Vec<u32>,
}

const NO_ROW: u32 = u32::MAX;

impl<K: std::hash::Hash + Eq> RowsById<K> {
    fn new(keys: impl Iterator<Item = Option<K>>, n: usize) -> Self {
        let mut first: PlHashMap<K, u32> = PlHashMap::new();
        let mut next = vec![NO_ROW; n];
        // The last row of each chain, by its first row: a row is added in one step however
        // many rows share the id.
        let mut tail: Vec<u32> = (0..n as u32).collect();
        for (row, key) in keys.enumerate() {
            let Some(key) = key else { continue };
            let row = row as u32;
            let head = *first.entry(key).or_insert(row);
            if head != row {
                next[tail[head as usize] as usize] = row;
                tail[head as usize] = row;
            }
        }
        RowsById { first, next }
    }

    fn of<'a>(&'a self, key: &K) -> RowIter<'a> {
        RowIter {
            row: self.first.get(key).copied().unwrap_or(NO_ROW),
            next: &self.next,
        }
    }
}

/// The rows of one id, in order.
struct RowIter<'a> {
    row: u32,
    next: &'a [u32],
}

impl<'a> RowIter<'a> {
    fn empty(next: &'a [u32]) -> Self {
        RowIter { row: NO_ROW, next }
    }
}

impl Iterator for RowIter<'_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        (self.row != NO_ROW).then(|| {
            let r = self.row as usize;
            self.row = self.next[r];
            r
        })
    }
}

/// Each lead row's earliest touch at or after its creation (`_act_touch`), whether a
/// touch came before its creation (`_act_before`) and its last touch (`_act_last`), from
/// the touches (`_rid`, `_ts`) whose record id is the lead's `id`; null for a lead
/// without touches. The same as joining the touches to the leads by id and grouping by
/// lead row, in one pass over the touches with a map from id to lead rows (#11: the join
/// and group-by took about a second at a million leads). Plain-number ids are looked up
/// as numbers ([`id_number`]): a record id that is not a plain number then equals no
/// lead id.
fn touch_facts(leads: &DataFrame, touches: &DataFrame) -> PolarsResult<[Column; 3]> {
    let ids_column = leads.column("id")?.cast(&DataType::String)?;
    let ids = ids_column.str()?;
    let created = leads.column("created")?.cast(&DataType::Int64)?;
    let created = created.i64()?;
    let rids_column = touches.column("_rid")?.cast(&DataType::String)?;
    let rids = rids_column.str()?;
    let ts = touches.column("_ts")?.cast(&DataType::Int64)?;
    let ts = ts.i64()?;
    let n = leads.height();
    let created: Vec<Option<i64>> = created.iter().collect();
    let mut touch: Vec<Option<i64>> = vec![None; n];
    let mut before: Vec<Option<bool>> = vec![None; n];
    let mut last: Vec<Option<i64>> = vec![None; n];
    let mut add = |r: usize, t: i64| {
        let c = created[r];
        if c.is_some_and(|c| t >= c) && touch[r].is_none_or(|m| t < m) {
            touch[r] = Some(t);
        }
        let b = before[r].get_or_insert(false);
        *b |= c.is_some_and(|c| t < c);
        if last[r].is_none_or(|m| t > m) {
            last[r] = Some(t);
        }
    };
    let touches = rids
        .iter()
        .zip(ts.iter())
        .filter_map(|(r, t)| Some((r?, t?)));
    if ids.iter().flatten().all(|v| id_number(v).is_some()) {
        let rows = RowsById::new(ids.iter().map(|v| v.and_then(id_number)), n);
        for (rid, t) in touches {
            for r in id_number(rid).map_or(RowIter::empty(&rows.next), |k| rows.of(&k)) {
                add(r, t);
            }
        }
    } else {
        let rows = RowsById::new(ids.iter(), n);
        for (rid, t) in touches {
            for r in rows.of(&rid) {
                add(r, t);
            }
        }
    }
    let datetime = |name: &str, v: Vec<Option<i64>>| -> PolarsResult<Column> {
        Int64Chunked::from_iter_options(name.into(), v.into_iter())
            .into_series()
            .cast(&utc_datetime())
            .map(Column::from)
    };
    Ok([
        datetime("_act_touch", touch)?,
        BooleanChunked::from_iter_options("_act_before".into(), before.into_iter())
            .into_series()
            .into_column(),
        datetime("_act_last", last)?,
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `touch_facts` as text, per lead row: (touch, before, last).
    fn facts(
        ids: &[Option<&str>],
        created: &[Option<i64>],
        touches: &[(&str, i64)],
    ) -> Vec<(Option<i64>, Option<bool>, Option<i64>)> {
        // Ids and times (ms) as a frame: `id_name`, `time_name`.
        let frame =
            |id_name: &str, ids: Vec<Option<&str>>, time_name: &str, times: Vec<Option<i64>>| {
                let times = Series::new(time_name.into(), times)
                    .cast(&utc_datetime())
                    .unwrap();
                DataFrame::new(
                    ids.len(),
                    vec![Column::new(id_name.into(), ids), times.into_column()],
                )
                .unwrap()
            };
        let leads = frame("id", ids.to_vec(), "created", created.to_vec());
        let touches = frame(
            "_rid",
            touches.iter().map(|(r, _)| Some(*r)).collect(),
            "_ts",
            touches.iter().map(|(_, t)| Some(*t)).collect(),
        );
        let [t, b, l] = touch_facts(&leads, &touches).unwrap();
        let ms = |c: &Column| -> Vec<Option<i64>> {
            c.cast(&DataType::Int64)
                .unwrap()
                .i64()
                .unwrap()
                .iter()
                .collect()
        };
        let (t, l) = (ms(&t), ms(&l));
        let b: Vec<Option<bool>> = b.bool().unwrap().iter().collect();
        t.into_iter()
            .zip(b)
            .zip(l)
            .map(|((t, b), l)| (t, b, l))
            .collect()
    }

    #[test]
    fn each_lead_row_gets_its_touches_by_id() {
        // Text ids; "L1" twice (both rows get its touches), a lead without a creation
        // time, one without touches, and a touch of no lead.
        let got = facts(
            &[Some("L1"), Some("L2"), Some("L1"), Some("L3"), None],
            &[Some(100), None, Some(300), Some(100), Some(100)],
            &[("L1", 250), ("L1", 50), ("L2", 10), ("X", 500), ("L1", 400)],
        );
        assert_eq!(
            got,
            [
                (Some(250), Some(true), Some(400)),
                (None, Some(false), Some(10)),
                (Some(400), Some(true), Some(400)),
                (None, None, None),
                (None, None, None),
            ]
        );
        // Three rows of one id, each with its own creation time.
        let got = facts(
            &[Some("A"), Some("A"), Some("A")],
            &[Some(100), Some(200), Some(300)],
            &[("A", 150), ("A", 250)],
        );
        assert_eq!(
            got,
            [
                (Some(150), Some(false), Some(250)),
                (Some(250), Some(true), Some(250)),
                (None, Some(true), Some(250)),
            ]
        );
        // Plain-number ids: "007" is not lead 7, "7" is.
        let got = facts(
            &[Some("7"), Some("12")],
            &[Some(100), Some(100)],
            &[("007", 150), ("7", 120), ("12", 90)],
        );
        assert_eq!(
            got,
            [
                (Some(120), Some(false), Some(120)),
                (None, Some(true), Some(90))
            ]
        );
    }

    /// `stale_owners` with a window of 10 minutes, per lead: (owner key, created in
    /// minutes), the touches as (owner key, minute).
    fn stale(leads: &[(Option<&str>, Option<i64>)], touches: &[(&str, i64)]) -> Vec<bool> {
        let minutes = |v: Vec<Option<i64>>, name: &str| {
            Series::new(
                name.into(),
                v.iter().map(|m| m.map(|m| m * 60_000)).collect::<Vec<_>>(),
            )
            .cast(&utc_datetime())
            .unwrap()
            .into_column()
        };
        let leads = DataFrame::new(
            leads.len(),
            vec![
                Column::new(
                    "owner_key".into(),
                    leads.iter().map(|l| l.0).collect::<Vec<_>>(),
                ),
                minutes(leads.iter().map(|l| l.1).collect(), "created"),
            ],
        )
        .unwrap();
        let touches = DataFrame::new(
            touches.len(),
            vec![
                Column::new("_k".into(), touches.iter().map(|t| t.0).collect::<Vec<_>>()),
                minutes(touches.iter().map(|t| Some(t.1)).collect(), "_t"),
            ],
        )
        .unwrap();
        let got = stale_owners(&touches, &leads, 10.0).unwrap();
        got.iter().map(|v| v.unwrap()).collect()
    }

    #[test]
    fn an_owner_is_stale_after_the_window_without_a_touch_of_their_own() {
        // The log starts at minute 0 (b's touch); a touches at 5 and 30.
        let touches = [("a", 30), ("b", 0), ("a", 5)];
        let got = stale(
            &[
                (Some("a"), Some(8)),  // within the log's first 10 minutes: not judged
                (Some("a"), Some(15)), // a's touch at 5 is exactly 10 minutes before
                (Some("a"), Some(16)), // 11 minutes after a's touch at 5
                (Some("a"), Some(30)), // a touch at the very moment counts
                (Some("a"), Some(41)), // 11 minutes after a's touch at 30
                (Some("b"), Some(12)), // b's only touch is 12 minutes before
                (Some("c"), Some(20)), // c never touched anything
                (Some("c"), Some(9)),  // nor judged before the window is covered
                (None, Some(20)),      // no owner: not judged
                (Some("a"), None),     // no creation time: not judged
            ],
            &touches,
        );
        assert_eq!(
            got,
            [
                false, false, true, false, true, true, true, false, false, false
            ]
        );
        // No touches at all: nothing is judged.
        assert_eq!(stale(&[(Some("a"), Some(100))], &[]), [false]);
    }
}
