//! Routing and concentration figures: the Gini coefficient of leads per owner, medians,
//! and how leads are routed across owners.

use super::*;

/// The Gini coefficient of counts (each at least 1): 0 when all are equal, towards 1
/// when one owner gets everything. G = 2·Σ i·x₍ᵢ₎ / (n·Σ x) − (n + 1)/n over the counts
/// sorted ascending, i = 1…n (the mean absolute difference over twice the mean).
pub(crate) fn gini(counts: &[u64]) -> Result<Option<f64>, MetricsError> {
    if counts.is_empty() {
        return Ok(None);
    }
    let n = counts.len() as f64;
    let x = || col("x").cast(DataType::Float64);
    let out = DataFrame::new(counts.len(), vec![Column::new("x".into(), counts.to_vec())])
        .and_then(|df| {
            df.lazy()
                .sort(["x"], SortMultipleOptions::default())
                .with_row_index("i", Some(1))
                .select([(lit(2.0) * (col("i").cast(DataType::Float64) * x()).sum()
                    / (lit(n) * x().sum())
                    - lit((n + 1.0) / n))
                .alias("g")])
                .collect()
        })
        .map_err(MetricsError::polars("gini"))?;
    Ok(Rows(&out).f("g", 0).map(|g| g.max(0.0)))
}

pub(super) fn median(values: &mut [u64]) -> Option<f64> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2] as f64),
        _ => Some((values[n / 2 - 1] + values[n / 2]) as f64 / 2.0),
    }
}

/// Routing fairness, and why any part of it is unavailable.
pub(super) fn routing(
    prep: &Prepared,
    lead_plans: Option<&LeadPlans>,
    deal_plans: Option<&DealPlans>,
    frames: &[DataFrame],
    speed_ok: bool,
) -> Result<(Option<Routing>, BTreeMap<String, String>), MetricsError> {
    let avail = &prep.avail;
    let mut notes = BTreeMap::new();
    if let Err(reason) = &avail.owners {
        notes.insert("routing".to_owned(), reason.clone());
        return Ok((None, notes));
    }
    let basis = if lead_plans.is_some() {
        "leads"
    } else {
        "deals"
    };
    // Owner key → (figures, open deals).
    let mut rows: BTreeMap<String, OwnerFigures> = BTreeMap::new();
    let blank = |name: String| OwnerFigures {
        owner: name,
        leads: lead_plans.map(|_| 0),
        deals: deal_plans.map(|_| 0),
        share: 0.0,
        win_rate: None,
        median_speed_minutes: None,
        open_load: 0,
        capacity: None,
        inactive_assignments: None,
    };
    let inactive_ok = [
        &avail.roster_inactive,
        &avail.out_of_office,
        &avail.recent_activity,
    ]
    .iter()
    .any(|a| a.is_ok());
    let mut totals = None;
    if let Some(p) = lead_plans {
        let t = Rows(&frames[p.totals]);
        totals = Some(t);
        let o = Rows(&frames[p.owners]);
        for i in 0..o.len() {
            let Some(k) = o.s("owner_key", i) else {
                continue;
            };
            let name = o.s("owner", i).unwrap_or_else(|| k.clone());
            let row = rows.entry(k).or_insert_with(|| blank(name));
            row.leads = Some(o.u("leads", i));
            row.open_load = o.u("open", i);
            if speed_ok {
                row.median_speed_minutes = stat(o.f("med", i), o.u("n", i), o.u("c", i), MEDIAN);
            }
            if inactive_ok {
                row.inactive_assignments = Some(o.u("inactive", i));
            }
        }
    }
    if let Some(p) = deal_plans {
        let o = Rows(&frames[p.owners]);
        for i in 0..o.len() {
            let Some(k) = o.s("owner_key", i) else {
                continue;
            };
            let name = o.s("owner", i).unwrap_or_else(|| k.clone());
            let row = rows.entry(k).or_insert_with(|| blank(name));
            row.deals = Some(o.u("deals", i));
            let (won, lost) = (o.u("won", i), o.u("lost", i));
            row.win_rate = share(won, won + lost);
            if basis == "deals" {
                row.open_load = o.u("open", i);
            }
        }
    }
    if let Some(cap) = &prep.capacity {
        let c = Rows(cap);
        for i in 0..c.len() {
            if let Some(row) = c.s("owner_key", i).and_then(|k| rows.get_mut(&k)) {
                row.capacity = c.f("capacity", i);
            }
        }
    }
    let count = |r: &OwnerFigures| {
        if basis == "leads" {
            r.leads.unwrap_or(0)
        } else {
            r.deals.unwrap_or(0)
        }
    };
    let mut owners: Vec<OwnerFigures> = rows.into_values().collect();
    let total: u64 = owners.iter().map(count).sum();
    for r in &mut owners {
        r.share = share(count(r), total).unwrap_or(0.0);
    }
    owners.sort_by(|a, b| {
        count(b)
            .cmp(&count(a))
            .then(b.deals.cmp(&a.deals))
            .then(a.owner.cmp(&b.owner))
    });
    let counts: Vec<u64> = owners.iter().map(count).filter(|&c| c > 0).collect();
    let gini = gini(&counts)?;
    if gini.is_none() {
        let reason = match (&avail.lead_owner, basis) {
            (Err(why), "leads") => why.clone(),
            _ => format!("no owner has {basis} in the period"),
        };
        notes.insert("routing.gini".to_owned(), reason.clone());
        notes.insert("routing.equal_share".to_owned(), reason);
    }
    let equal_share = (!counts.is_empty()).then(|| 1.0 / counts.len() as f64);

    let mut loads: Vec<u64> = owners
        .iter()
        .filter(|r| count(r) > 0)
        .map(|r| r.open_load)
        .collect();
    let median_load = median(&mut loads).unwrap_or(0.0);
    let over_capacity_owners = owners
        .iter()
        .filter(|r| count(r) > 0)
        .filter(|r| match r.capacity {
            Some(c) => r.open_load as f64 > c,
            None => median_load > 0.0 && r.open_load as f64 > 2.0 * median_load,
        })
        .map(|r| r.owner.clone())
        .collect();

    let reason_count =
        |avail: &Avail, column: &str, figure: &str, notes: &mut BTreeMap<String, String>| match (
            avail, &totals,
        ) {
            (Ok(()), Some(t)) => Some(t.u(column, 0)),
            (Err(reason), _) => {
                notes.insert(
                    format!("routing.inactive_by_reason.{figure}"),
                    reason.clone(),
                );
                None
            }
            (Ok(()), None) => None,
        };
    let (inactive_owner_assignments, inactive_by_reason) = match (&totals, inactive_ok) {
        (Some(t), true) => (
            Some(t.u("inactive", 0)),
            Some(InactiveReasons {
                roster_inactive: reason_count(
                    &avail.roster_inactive,
                    "roster_inactive",
                    "roster_inactive",
                    &mut notes,
                ),
                out_of_office: reason_count(
                    &avail.out_of_office,
                    "out_of_office",
                    "out_of_office",
                    &mut notes,
                ),
                no_recent_activity: reason_count(
                    &avail.recent_activity,
                    "no_recent_activity",
                    "no_recent_activity",
                    &mut notes,
                ),
            }),
        ),
        _ => {
            let reason = match &avail.leads {
                Err(r) => r.clone(),
                Ok(()) => {
                    let mut reasons = vec![];
                    for a in [
                        &avail.roster_inactive,
                        &avail.out_of_office,
                        &avail.recent_activity,
                    ] {
                        if let Err(r) = a
                            && !reasons.contains(r)
                        {
                            reasons.push(r.clone());
                        }
                    }
                    reasons.join("; ")
                }
            };
            notes.insert(
                "routing.inactive_owner_assignments".to_owned(),
                reason.clone(),
            );
            notes.insert("routing.inactive_by_reason".to_owned(), reason);
            (None, None)
        }
    };
    let account_owner_mismatches = match (&avail.account_owner, &totals) {
        (Ok(()), Some(t)) => Some(t.u("mismatch", 0)),
        (Err(reason), _) => {
            notes.insert(
                "routing.account_owner_mismatches".to_owned(),
                reason.clone(),
            );
            None
        }
        (Ok(()), None) => None,
    };
    let unassigned = match (&totals, &avail.lead_owner) {
        (Some(_), Err(why)) => {
            notes.insert("routing.unassigned".to_owned(), why.clone());
            None
        }
        (Some(t), Ok(())) => Some(t.u("unassigned", 0)),
        (None, _) => {
            let reason = avail.leads.clone().err().unwrap_or_default();
            notes.insert("routing.unassigned".to_owned(), reason);
            None
        }
    };
    Ok((
        Some(Routing {
            basis: basis.to_owned(),
            gini,
            equal_share,
            owners,
            inactive_owner_assignments,
            inactive_by_reason,
            over_capacity_owners: Some(over_capacity_owners),
            account_owner_mismatches,
            unassigned,
        }),
        notes,
    ))
}
