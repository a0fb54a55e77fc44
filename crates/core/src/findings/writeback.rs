//! Item 11, full CRM write-back: does every action land on the record?
//!
//! The findings, with what each counts and of what: [`DEFS`].
//!
//! The first three need an activities file (and leads or deals); `orphan_activities`
//! needs a leads file, since most activities are logged on leads and contacts.

use polars::prelude::*;

use super::links::{Links, key};
use super::{
    Check, Context, Def, Draft, Finding, FindingsError, Policy, is_missing_text, percent, thousands,
};
use crate::ingest::Kind;
use crate::metrics::expr::ids_in;

const ITEM: u8 = 11;
const STAGE: &str = "write-back";

pub const CONTACTED_WITHOUT_ACTIVITY: Def = Def {
    id: "contacted_without_activity",
    item: ITEM,
    policy: Policy::any(0.1),
    fix: "Log every call, email and meeting on the lead (connect the dialer and inbox to the CRM), so that contact can be proven and learned from.",
    counts: "leads that were contacted (a first-touch date, or a status that says a rep worked them) with no activity logged on them",
    of: "contacted leads",
    needs: &[(Kind::Activities, "record_id"), (Kind::Leads, "id")],
};

pub const WON_WITHOUT_ACTIVITY: Def = Def {
    id: "won_without_activity",
    item: ITEM,
    policy: Policy::any(0.1),
    fix: "Make sure the activity behind won deals is logged on the deal or its contact; a won deal with no recorded touch teaches nothing about what worked.",
    counts: "won deals with no activity on the deal or on a lead it links to",
    of: "won deals that link to a lead in the leads file or have activity of their own (a deal whose lead is gone cannot be checked: see `deal_without_lead`)",
    needs: &[(Kind::Deals, "outcome"), (Kind::Activities, "record_id")],
};

pub const ORPHAN_ACTIVITIES: Def = Def {
    id: "orphan_activities",
    item: ITEM,
    policy: Policy::any(0.05),
    fix: "Re-associate these activities with their lead, contact or deal, or export the records they belong to.",
    counts: "activities whose record id is no lead's or deal's id",
    of: "activities",
    needs: &[(Kind::Activities, "record_id"), (Kind::Leads, "id")],
};

pub const DEALS_WITHOUT_OWNER: Def = Def {
    id: "deals_without_owner",
    item: ITEM,
    policy: Policy::any(0.1),
    fix: "Assign an owner to every deal; ownerless deals are nobody's to follow up or learn from.",
    counts: "deals without an owner",
    of: "deals",
    needs: &[],
};

/// The item 11 findings, in the order [`findings`] returns them.
pub const DEFS: [Def; 4] = [
    CONTACTED_WITHOUT_ACTIVITY,
    WON_WITHOUT_ACTIVITY,
    ORPHAN_ACTIVITIES,
    DEALS_WITHOUT_OWNER,
];

/// Lead statuses that say a rep has worked the lead (as keys: lower-case letters and
/// digits). HubSpot: ATTEMPTED_TO_CONTACT, CONNECTED, IN_PROGRESS, BAD_TIMING;
/// Salesforce: "Working - Contacted". Statuses of converted leads (OPEN_DEAL, "Closed -
/// Converted") are not here: converted leads are checked through their deals
/// (`won_without_activity`), so that one record is not counted twice.
pub const CONTACTED_STATUSES: &[&str] = &[
    "attemptedtocontact",
    "connected",
    "inprogress",
    "badtiming",
    "workingcontacted",
    "contacted",
    "working",
];

/// A lead that was contacted: a first-touch date or a contacted status.
pub(crate) fn contacted() -> Expr {
    let s = Series::new(
        "s".into(),
        CONTACTED_STATUSES
            .iter()
            .map(|v| (*v).to_owned())
            .collect::<Vec<_>>(),
    );
    col("first_touch_at").is_not_null().or(key("status")
        .is_in(lit(s).implode(false), false)
        .fill_null(lit(false)))
}

/// The item 11 findings.
pub fn findings(ctx: &Context) -> Result<Vec<Finding>, FindingsError> {
    let t = ctx.tables;
    let mut out = Vec::new();
    let has_acts = t.activities.is_some();
    let links: Option<&Links> = if has_acts && (t.leads.is_some() || t.deals.is_some()) {
        Some(ctx.links()?)
    } else {
        None
    };
    let no_acts = "no activities file was given";

    // contacted_without_activity
    out.push(match (links.and_then(|l| l.leads.as_ref()), has_acts) {
        (Some(leads), true) => {
            let m = Check::new(col("_has_activity").not(), contacted()).measure(leads.clone().lazy(), STAGE)?;
            if m.of == 0 {
                CONTACTED_WITHOUT_ACTIVITY.not_assessed("no lead shows it was contacted (no first-touch date or contacted status)")
            } else {
                Draft {
                    def: &CONTACTED_WITHOUT_ACTIVITY,
                    title: ratio(&m, "contacted leads", "have no activity logged", "Every contacted lead has activity logged"),
                    detail: format!(
                        "Contacted: a first-touch date, or a status that says a rep worked the lead ({}). Converted leads are checked through their deals.",
                        CONTACTED_STATUSES.join(", ")
                    ),
                }
                .finish(m)
            }
        }
        (None, true) => CONTACTED_WITHOUT_ACTIVITY.not_assessed("no leads or contacts file was given"),
        _ => CONTACTED_WITHOUT_ACTIVITY.not_assessed(no_acts),
    });

    // won_without_activity
    out.push(match (links.and_then(|l| l.deals.as_ref()), has_acts) {
        (Some(deals), true) => {
            let m = Check::new(
                col("_has_activity").not(),
                col("outcome")
                    .eq(lit("won"))
                    .and(col("_linked").or(col("_own_activity"))),
            )
            .measure(deals.clone().lazy(), STAGE)?;
            if m.of == 0 {
                WON_WITHOUT_ACTIVITY.not_assessed(
                    "no won deal links to a lead in the leads file or has activity of its own",
                )
            } else {
                Draft {
                    def: &WON_WITHOUT_ACTIVITY,
                    title: ratio(
                        &m,
                        "won deals",
                        "have no activity logged on the deal or its contact",
                        "Every won deal has activity logged",
                    ),
                    detail: String::new(),
                }
                .finish(m)
            }
        }
        (None, true) => {
            WON_WITHOUT_ACTIVITY.not_assessed("no deals or opportunities file was given")
        }
        _ => WON_WITHOUT_ACTIVITY.not_assessed(no_acts),
    });

    // orphan_activities
    out.push(match (t.activities.as_ref(), t.leads.as_ref()) {
        (Some(acts), Some(_)) => {
            let known = known_mask(ctx, acts)?;
            let lf = acts
                .clone()
                .lazy()
                .with_column(lit(known.into_series()).alias("_known"));
            let m = Check::new(
                    col("_known").fill_null(lit(false)).not(),
                    lit(true),
                ).measure(lf, STAGE)?;
            Draft {
                def: &ORPHAN_ACTIVITIES,
                title: ratio(&m, "activities", "belong to no lead, contact or deal in the exports", "Every activity belongs to a lead, contact or deal"),
                detail: "An activity belongs to a record when its record id is a lead's, contact's or deal's id.".to_owned(),
            }
            .finish(m)
        }
        (Some(_), None) => ORPHAN_ACTIVITIES.not_assessed("no leads or contacts file was given, so activities cannot be matched to their records"),
        _ => ORPHAN_ACTIVITIES.not_assessed(no_acts),
    });

    // deals_without_owner
    out.push(match t.deals.as_ref() {
        Some(deals) => {
            let m = Check::new(
                is_missing_text(col("owner"), &ctx.settings.placeholders),
                lit(true),
            )
            .measure(deals.clone().lazy(), STAGE)?;
            Draft {
                def: &DEALS_WITHOUT_OWNER,
                title: ratio(&m, "deals", "have no owner", "Every deal has an owner"),
                detail: String::new(),
            }
            .finish(m)
        }
        None => DEALS_WITHOUT_OWNER.not_assessed("no deals or opportunities file was given"),
    });
    Ok(out)
}

/// "N of M <what> (p%) <problem>." or "<clean> (0 of M <what>)."
fn ratio(m: &super::Measured, what: &str, problem: &str, clean: &str) -> String {
    if m.count == 0 {
        format!("{clean} (0 of {} {what}).", thousands(m.of))
    } else {
        format!(
            "{} of {} {what} ({}) {problem}.",
            thousands(m.count),
            thousands(m.of),
            percent(m.count, m.of)
        )
    }
}

/// For each activity, whether one of the record ids it lists (split and trimmed as
/// [`crate::metrics::expr::split_ids`] reads them) is a lead's or a deal's id: a set
/// lookup per row rather than exploding, joining and regrouping the activities (#11).
fn known_mask(ctx: &Context, acts: &DataFrame) -> Result<BooleanChunked, FindingsError> {
    let failed = FindingsError::polars(STAGE);
    let as_text = super::links::text_column;
    let mut id_columns = Vec::new();
    for df in [ctx.tables.leads.as_ref(), ctx.tables.deals.as_ref()]
        .into_iter()
        .flatten()
    {
        id_columns.push(as_text(df, "id")?);
    }
    let mut known: PlHashSet<&str> = PlHashSet::new();
    for c in &id_columns {
        known.extend(
            c.str()
                .map_err(FindingsError::polars(STAGE))?
                .iter()
                .flatten(),
        );
    }
    let records = as_text(acts, "record_id")?;
    let mut mask: BooleanChunked = records
        .str()
        .map_err(failed)?
        .iter()
        .map(|cell| cell.is_some_and(|c| ids_in(c).any(|id| known.contains(id))))
        .collect();
    mask.rename("_known".into());
    Ok(mask)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Tables;
    use crate::settings::Settings;

    fn tables(with_acts: bool) -> Tables {
        let leads = df!(
            "id" => ["L1", "L2", "L3", "L4"],
            "email" => [None::<&str>; 4],
            "converted" => [None::<bool>; 4],
            "converted_at" => [None::<i64>; 4],
            "lifecycle_stage" => [None::<&str>; 4],
            "status" => [Some("CONNECTED"), Some("ATTEMPTED_TO_CONTACT"), Some("NEW"), Some("Open - Not Contacted")],
            "first_touch_at" => [None::<i64>; 4],
            "created_at" => [None::<i64>; 4],
            "_file" => ["c.csv"; 4],
            "_line" => [2u32, 3, 4, 5],
        )
        .unwrap();
        let deals = df!(
            "id" => ["D1", "D2", "D3"],
            "lead_id" => [Some("L1"), Some("L3"), None],
            "contact_email" => [None::<&str>; 3],
            "outcome" => ["won", "won", "lost"],
            "owner" => [Some("Ann"), None, Some("N/A")],
            "close_date" => [None::<i32>; 3],
            "created_at" => [None::<i64>; 3],
            "_file" => ["d.csv"; 3],
            "_line" => [2u32, 3, 4],
        )
        .unwrap();
        let acts = df!(
            "id" => [Some("A1"), Some("A2"), None, Some("A4")],
            "record_id" => [Some("L1"), Some("X404"), None, Some("X9; L2")],
            "timestamp" => [None::<i64>; 4],
            "_file" => ["a.csv"; 4],
            "_line" => [2u32, 3, 4, 5],
        )
        .unwrap();
        Tables {
            leads: Some(leads),
            deals: Some(deals),
            activities: with_acts.then_some(acts),
            ..Tables::default()
        }
    }

    fn get<'a>(f: &'a [Finding], id: &str) -> &'a Finding {
        f.iter().find(|x| x.id == id).unwrap()
    }

    #[test]
    fn write_back_on_planted_records() {
        let t = tables(true);
        let s = Settings::default();
        let f = findings(&Context::new(&t, &s).unwrap()).unwrap();
        let c = |id: &str| (get(&f, id).count, get(&f, id).of);
        // Contacted: L1 (activity), L2 (activity through A4). L3 NEW, L4 not contacted.
        assert_eq!(c("contacted_without_activity"), (0, 2));
        // Won: D1 (through L1), D2 (L3 has none).
        assert_eq!(c("won_without_activity"), (1, 2));
        assert_eq!(get(&f, "won_without_activity").examples, ["D2"]);
        // A2 points at nothing, the third has no record id.
        assert_eq!(c("orphan_activities"), (2, 4));
        assert_eq!(get(&f, "orphan_activities").examples, ["A2", "a.csv:4"]);
        assert_eq!(c("deals_without_owner"), (2, 3));
    }

    #[test]
    fn without_activities_they_are_not_assessed() {
        let t = tables(false);
        let s = Settings::default();
        let f = findings(&Context::new(&t, &s).unwrap()).unwrap();
        for id in [
            "contacted_without_activity",
            "won_without_activity",
            "orphan_activities",
        ] {
            assert!(get(&f, id).not_assessed(), "{id}");
        }
        assert_eq!(get(&f, "deals_without_owner").count, 2);
    }
}
