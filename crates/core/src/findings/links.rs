//! Which deal belongs to which lead, and which record has activity: shared by the
//! won/lost sync (item 2) and write-back (item 11) findings.
//!
//! A deal is linked to a lead when one of its `lead_id` values (several may be given,
//! separated by `;` or `,`, as HubSpot's "Associated Contact IDs") is a lead's id, or
//! when its contact email is a lead's email (both normalised: case, `+tag`, Gmail dots).
//! A record has activity when an activity's `record_id` (again possibly several) is its
//! id; a deal also has activity when a lead it is linked to has.

use polars::prelude::*;

use super::FindingsError;
use crate::ingest::Tables;
use crate::metrics::expr::ids_in;

const STAGE: &str = "lead and deal links";

/// The tables with link columns added.
#[derive(Debug, Clone)]
pub(crate) struct Links {
    /// Leads with `_converted`, `_customer`, `_has_deal`, `_has_activity`.
    pub leads: Option<DataFrame>,
    /// Deals with `_linked`, `_lead_converted`, `_lead_customer`, `_lead_has_lifecycle`
    /// (a linked lead carries a lifecycle stage), `_has_activity` and
    /// `_own_activity` (activity on the deal itself).
    pub deals: Option<DataFrame>,
}

/// Lower-case letters and digits of a text column (computed once per distinct value).
pub(crate) fn key(name: &str) -> Expr {
    crate::metrics::expr::per_distinct(col(name), DataType::String, |e| {
        e.str()
            .to_lowercase()
            .str()
            .replace_all(lit(r"[^\p{L}\p{N}]"), lit(""), false)
    })
}

fn one_of(e: Expr, values: &[&str]) -> Expr {
    let s = Series::new(
        "v".into(),
        values.iter().map(|v| (*v).to_owned()).collect::<Vec<_>>(),
    );
    e.is_in(lit(s).implode(false), false).fill_null(lit(false))
}

/// Lifecycle stages and statuses that mean a lead was converted.
pub(crate) const CONVERTED_STAGES: &[&str] = &["opportunity", "customer", "evangelist"];
pub(crate) const CONVERTED_STATUSES: &[&str] = &[
    "closedconverted",
    "converted",
    "opendeal",
    "customer",
    "qualifiedconverted",
];
/// Lifecycle stages and statuses that mean a lead is a customer.
pub(crate) const CUSTOMER_STAGES: &[&str] = &["customer", "evangelist"];
pub(crate) const CUSTOMER_STATUSES: &[&str] = &["customer", "closedwon", "won"];

/// A lead that was converted: the converted flag, a conversion date, or a lifecycle
/// stage or status that says so (Opportunity, Customer, "Closed - Converted").
pub(crate) fn converted() -> Expr {
    col("converted")
        .eq(lit(true))
        .fill_null(lit(false))
        .or(col("converted_at").is_not_null())
        .or(one_of(key("lifecycle_stage"), CONVERTED_STAGES))
        .or(one_of(key("status"), CONVERTED_STATUSES))
}

/// A lead whose lifecycle stage or status says customer.
pub(crate) fn customer() -> Expr {
    one_of(key("lifecycle_stage"), CUSTOMER_STAGES).or(one_of(key("status"), CUSTOMER_STATUSES))
}

/// An email as linking compares it: lower case, trimmed, `+tag` dropped, Gmail dots
/// ignored and googlemail.com as gmail.com (the same rules as
/// [`super::normalise::email`]).
pub(crate) fn email_key(e: Expr) -> Expr {
    crate::metrics::expr::ascii_fast(e, email_key_ascii, email_key_per_row)
}

/// [`email_key`] of an ASCII value into `out`, without regular expressions.
fn email_key_ascii(v: &str, out: &mut String) -> bool {
    let t = out;
    t.push_str(v.trim());
    t.make_ascii_lowercase();
    // `^([^@+]+)\+[^@]*@` → `$1@`: the tag from the first `+` to the first `@` after it.
    if let Some(plus) = t.find('+')
        && plus > 0
        && !t[..plus].contains('@')
        && let Some(at) = t[plus..].find('@')
    {
        t.replace_range(plus..plus + at, "");
    }
    if t.ends_with("@gmail.com") || t.ends_with("@googlemail.com") {
        let at = t.find('@').unwrap_or(0);
        t.truncate(at);
        t.retain(|c| c != '.');
        t.push_str("@gmail.com");
    }
    true
}

/// [`email_key`], row by row.
fn email_key_per_row(e: Expr) -> Expr {
    let t = e
        .str()
        .strip_chars(lit(NULL))
        .str()
        .to_lowercase()
        .str()
        .replace(lit(r"^([^@+]+)\+[^@]*@"), lit("$1@"), false);
    let gmail = t
        .clone()
        .str()
        .contains(lit(r"@(gmail|googlemail)\.com$"), false);
    let local = t
        .clone()
        .str()
        .extract(lit(r"^([^@]*)@"), 1)
        .str()
        .replace_all(lit("."), lit(""), true);
    when(gmail.fill_null(lit(false)))
        .then(local + lit("@gmail.com"))
        .otherwise(t)
}

/// The ids in a column that may hold several, one per row as `_id` (split and trimmed by
/// [`crate::metrics::expr::split_ids`], which passes a column of single ids through as it
/// is), rows without one left out.
fn exploded_ids(lf: LazyFrame, column: &str, keep: &[&str]) -> LazyFrame {
    let mut select: Vec<Expr> = keep.iter().map(|k| col(*k)).collect();
    select.push(col(column).cast(DataType::String).alias("_id"));
    crate::metrics::expr::split_ids(lf.select(select), "_id").filter(col("_id").is_not_null())
}

/// A column of `df` as text (cast if it is not); an error when `df` has no such column.
pub(super) fn text_column(df: &DataFrame, name: &str) -> Result<Column, FindingsError> {
    df.column(name)
        .and_then(|c| c.cast(&DataType::String))
        .map_err(FindingsError::polars(STAGE))
}

fn strs(c: &Column) -> Result<&StringChunked, FindingsError> {
    c.str().map_err(FindingsError::polars(STAGE))
}

/// Every id the cells list, split and trimmed as [`crate::metrics::expr::split_ids`]
/// reads them.
fn listed_ids(ca: &StringChunked) -> PlHashSet<&str> {
    // Not sized for every cell: 3.9M activities name about a million leads, and a table
    // for 3.9M ids was 128 MB of fresh memory, mostly empty (#11).
    let mut set = PlHashSet::default();
    for cell in ca.iter().flatten() {
        set.extend(ids_in(cell));
    }
    set
}

/// Whether each value is in `set` (null: false).
fn in_set(ca: &StringChunked, set: &PlHashSet<&str>, name: &str) -> BooleanChunked {
    let mut out: BooleanChunked = ca
        .iter()
        .map(|v| v.is_some_and(|v| set.contains(v)))
        .collect();
    out.rename(name.into());
    out
}

/// Computes the links (#11: the lead side is computed once, and membership is a lookup
/// in a hash set rather than an `is_in` per use).
pub(crate) fn links(tables: &Tables) -> Result<Links, FindingsError> {
    let (leads, deals) = (tables.leads.as_ref(), tables.deals.as_ref());
    let records = match tables.activities.as_ref() {
        Some(a) => Some(text_column(a, "record_id")?),
        None => None,
    };
    let acts: Option<PlHashSet<&str>> = match &records {
        Some(r) => Some(listed_ids(strs(r)?)),
        None => None,
    };
    let has_activity = |ids: &StringChunked, name: &str| match &acts {
        Some(set) => in_set(ids, set, name),
        None => BooleanChunked::full(name.into(), false, ids.len()),
    };

    // Deal-side sets for the leads: the lead ids and contact emails deals point to.
    let deal_sides = match deals {
        Some(d) => {
            let ems = d
                .clone()
                .lazy()
                .select([email_key(col("contact_email")).alias("_em")])
                .collect()
                .map_err(FindingsError::polars(STAGE))?;
            Some((text_column(d, "lead_id")?, ems))
        }
        None => None,
    };
    let deal_sets = match &deal_sides {
        Some((ids, ems)) => {
            let ems = ems.column("_em").map_err(FindingsError::polars(STAGE))?;
            let emails: PlHashSet<&str> = strs(ems)?.iter().flatten().collect();
            Some((listed_ids(strs(ids)?), emails))
        }
        None => None,
    };

    // Each lead's flags, computed once: `_id`, `_em`, `_conv`, `_cust`, `_life`, `_act`,
    // and whether a deal names its id (`_by_id`) or its email (`_by_em`).
    let flags = match leads {
        Some(l) => {
            let mut f = l
                .clone()
                .lazy()
                .select([
                    col("id").cast(DataType::String).alias("_id"),
                    email_key(col("email")).alias("_em"),
                    converted().alias("_conv"),
                    customer().alias("_cust"),
                    col("lifecycle_stage").is_not_null().alias("_life"),
                ])
                .collect()
                .map_err(FindingsError::polars(STAGE))?;
            let ids = f.column("_id").map_err(FindingsError::polars(STAGE))?;
            let ems = f.column("_em").map_err(FindingsError::polars(STAGE))?;
            let (ids, ems) = (strs(ids)?, strs(ems)?);
            let act = has_activity(ids, "_act");
            let (by_id, by_em) = match &deal_sets {
                Some((deal_ids, deal_emails)) => (
                    in_set(ids, deal_ids, "_by_id"),
                    in_set(ems, deal_emails, "_by_em"),
                ),
                None => (
                    BooleanChunked::full("_by_id".into(), false, ids.len()),
                    BooleanChunked::full("_by_em".into(), false, ids.len()),
                ),
            };
            for c in [act, by_id, by_em] {
                f.with_column(c.into_series().into_column())
                    .map_err(FindingsError::polars(STAGE))?;
            }
            Some(f)
        }
        None => None,
    };

    let leads_out = match (leads, &flags) {
        (Some(l), Some(f)) => {
            let pick = |from: &str, to: &str| -> Result<Column, FindingsError> {
                let mut c = f
                    .column(from)
                    .map_err(FindingsError::polars(STAGE))?
                    .clone();
                c.rename(to.into());
                Ok(c)
            };
            let has_deal = (f.column("_by_id").and_then(|c| c.bool().cloned()))
                .map_err(FindingsError::polars(STAGE))?
                | (f.column("_by_em").and_then(|c| c.bool().cloned()))
                    .map_err(FindingsError::polars(STAGE))?;
            let mut out = l.clone();
            for c in [
                pick("_conv", "_converted")?,
                pick("_cust", "_customer")?,
                has_deal
                    .with_name("_has_deal".into())
                    .into_series()
                    .into_column(),
                pick("_act", "_has_activity")?,
            ] {
                out.with_column(c).map_err(FindingsError::polars(STAGE))?;
            }
            Some(out)
        }
        _ => None,
    };

    let deals_out = match deals {
        Some(d) => {
            let base = d.clone().lazy().with_row_index("_row", None);
            let (by_id, by_email) = match &flags {
                Some(f) => {
                    // Only the leads a deal names matter to the deals.
                    let lead_flags = |hit: &str| {
                        f.clone().lazy().filter(col(hit)).select([
                            col("_id"),
                            col("_em"),
                            col("_conv"),
                            col("_cust"),
                            col("_life"),
                            col("_act"),
                            lit(true).alias("_hit"),
                        ])
                    };
                    let per_id = lead_flags("_by_id")
                        .filter(col("_id").is_not_null())
                        .group_by([col("_id")])
                        .agg([
                            col("_conv").any(true),
                            col("_cust").any(true),
                            col("_life").any(true),
                            col("_act").any(true),
                            col("_hit").any(true),
                        ]);
                    let per_em = lead_flags("_by_em")
                        .filter(col("_em").is_not_null())
                        .group_by([col("_em")])
                        .agg([
                            col("_conv").any(true),
                            col("_cust").any(true),
                            col("_life").any(true),
                            col("_act").any(true),
                            col("_hit").any(true),
                        ]);
                    let agg = || {
                        [
                            col("_conv").any(true),
                            col("_cust").any(true),
                            col("_life").any(true),
                            col("_act").any(true),
                            col("_hit").any(true),
                        ]
                    };
                    let by_id = exploded_ids(base.clone(), "lead_id", &["_row"])
                        .join(
                            per_id,
                            [col("_id")],
                            [col("_id")],
                            JoinArgs::new(JoinType::Inner),
                        )
                        .group_by([col("_row")])
                        .agg(agg());
                    let by_email = base
                        .clone()
                        .select([col("_row"), email_key(col("contact_email")).alias("_em")])
                        .filter(col("_em").is_not_null())
                        .join(
                            per_em,
                            [col("_em")],
                            [col("_em")],
                            JoinArgs::new(JoinType::Inner),
                        )
                        .group_by([col("_row")])
                        .agg(agg());
                    (Some(by_id), Some(by_email))
                }
                None => (None, None),
            };
            // Activity on the deal itself.
            let deal_ids = text_column(d, "id")?;
            let own_activity = has_activity(strs(&deal_ids)?, "_own_act");
            let mut lf = base.with_column(lit(own_activity.into_series()).alias("_own_act"));
            let mut parts_hit = vec![lit(false)];
            let mut parts_conv = vec![lit(false)];
            let mut parts_cust = vec![lit(false)];
            let mut parts_life = vec![lit(false)];
            let mut parts_act = vec![col("_own_act")];
            for (i, side) in [by_id, by_email].into_iter().enumerate() {
                let Some(side) = side else { continue };
                let suffix = format!("_{i}");
                let renamed = side.select([
                    col("_row"),
                    col("_conv").alias(format!("_conv{suffix}")),
                    col("_cust").alias(format!("_cust{suffix}")),
                    col("_life").alias(format!("_life{suffix}")),
                    col("_act").alias(format!("_act{suffix}")),
                    col("_hit").alias(format!("_hit{suffix}")),
                ]);
                lf = lf.join(
                    renamed,
                    [col("_row")],
                    [col("_row")],
                    JoinArgs::new(JoinType::Left),
                );
                let f = |c: &str| col(format!("{c}{suffix}")).fill_null(lit(false));
                parts_hit.push(f("_hit"));
                parts_conv.push(f("_conv"));
                parts_cust.push(f("_cust"));
                parts_life.push(f("_life"));
                parts_act.push(f("_act"));
            }
            let any = |parts: Vec<Expr>| {
                parts
                    .into_iter()
                    .reduce(|a, b| a.or(b))
                    .unwrap_or(lit(false))
            };
            let mut names: Vec<Expr> = d
                .get_column_names()
                .iter()
                .map(|n| col(n.as_str()))
                .collect();
            names.extend([
                any(parts_hit).alias("_linked"),
                any(parts_conv).alias("_lead_converted"),
                any(parts_cust).alias("_lead_customer"),
                any(parts_life).alias("_lead_has_lifecycle"),
                any(parts_act).alias("_has_activity"),
                col("_own_act").alias("_own_activity"),
            ]);
            Some(
                lf.sort(["_row"], SortMultipleOptions::default())
                    .select(names)
                    .collect()
                    .map_err(FindingsError::polars(STAGE))?,
            )
        }
        None => None,
    };
    Ok(Links {
        leads: leads_out,
        deals: deals_out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_keys_of_ascii_values_are_the_regular_expressions() {
        let values = crate::metrics::expr::AWKWARD_EMAILS;
        for (v, (slow, fast)) in values.iter().zip(crate::metrics::expr::fast_and_slow(
            &values,
            email_key_per_row,
            email_key_ascii,
        )) {
            assert_eq!(fast, slow, "{v:?}");
        }
        // The whole expression, with a non-ASCII value among ASCII ones.
        let df = df!("v" => ["Ünal+x@Gmail.com", "a.b+c@gmail.com", "ÉTÉ@Corp.fr"]).unwrap();
        let out = df
            .lazy()
            .select([email_key(col("v")).alias("k")])
            .collect()
            .unwrap();
        let keys: Vec<Option<&str>> = out.column("k").unwrap().str().unwrap().iter().collect();
        assert_eq!(
            keys,
            [
                Some("ünal@gmail.com"),
                Some("ab@gmail.com"),
                Some("été@corp.fr")
            ]
        );
    }

    fn b(df: &DataFrame, c: &str) -> Vec<bool> {
        df.column(c)
            .unwrap()
            .bool()
            .unwrap()
            .iter()
            .map(|v| v.unwrap())
            .collect()
    }

    #[test]
    fn deals_and_leads_meet_by_id_or_email() {
        let leads = df!(
            "id" => ["L1", "L2", "L3", "L4"],
            "email" => [Some("ann@acme.com"), Some("Bo.Kim@gmail.com"), None, Some("cy@x.io")],
            "converted" => [None::<bool>, None, Some(true), None],
            "converted_at" => [None::<i64>, None, None, None],
            "lifecycle_stage" => [Some("Customer"), Some("opportunity"), None, Some("Lead")],
            "status" => [None::<&str>, None, None, None],
        )
        .unwrap();
        let deals = df!(
            "id" => ["D1", "D2", "D3", "D4"],
            "lead_id" => [Some("L1"), None, Some("L9;L3"), Some("L404")],
            "contact_email" => [None, Some("bokim+crm@googlemail.com"), None, None::<&str>],
            "outcome" => ["won", "lost", "won", "open"],
        )
        .unwrap();
        let acts = df!(
            "record_id" => ["L1", "D2", "L3, L4", "X9"],
        )
        .unwrap();
        let t = Tables {
            leads: Some(leads),
            deals: Some(deals),
            activities: Some(acts),
            ..Tables::default()
        };
        let l = links(&t).unwrap();
        let ld = l.leads.unwrap();
        let dd = l.deals.unwrap();
        assert_eq!(b(&ld, "_converted"), [true, true, true, false]);
        assert_eq!(b(&ld, "_customer"), [true, false, false, false]);
        assert_eq!(b(&ld, "_has_deal"), [true, true, true, false]);
        assert_eq!(b(&ld, "_has_activity"), [true, false, true, true]);
        assert_eq!(b(&dd, "_linked"), [true, true, true, false]);
        assert_eq!(b(&dd, "_lead_converted"), [true, true, true, false]);
        assert_eq!(b(&dd, "_lead_customer"), [true, false, false, false]);
        assert_eq!(b(&dd, "_lead_has_lifecycle"), [true, true, false, false]);
        // D1 through L1, D2 itself, D3 through L3.
        assert_eq!(b(&dd, "_has_activity"), [true, true, true, false]);
        assert_eq!(dd.column("id").unwrap().str().unwrap().get(3), Some("D4"));
    }
}
