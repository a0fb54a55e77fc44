//! Item 2, won/lost sync: do won and lost outcomes reach the records a model learns
//! from?
//!
//! | id | count | of |
//! |----|-------|----|
//! | `no_lost_outcomes` | every closed deal when none is lost (critical), else 0 | closed deals |
//! | `no_won_outcomes` | every closed deal when none is won (critical), else 0 | closed deals |
//! | `outcome_not_on_lead` | closed deals whose linked lead is not converted, or, for a won deal, whose lead has a lifecycle stage that is not Customer (leads without one, as Salesforce's, are frozen at conversion: converted is all they can show) | closed deals linked to a lead |
//! | `converted_without_deal` | converted leads no deal links to | converted leads |
//! | `deal_without_lead` | deals that link to no lead in the leads file | deals |
//! | `outcome_mismatch_between_systems` | groups of deals of one deal or person, exported from two systems, won in one and not in the other | such groups that span two systems |
//!
//! Links between deals and leads: see [`super::links`]. `outcome_not_on_lead`,
//! `converted_without_deal` and `deal_without_lead` need both a leads and a deals file;
//! without one they are not assessed. When the records come from more than one system
//! (e.g. a Salesforce export beside a HubSpot one), their detail and that of
//! `closed_missing_close_reason` add the count of each system, and
//! `outcome_mismatch_between_systems` (see [`super::systems`]) compares the systems.

use polars::prelude::*;

use super::links::Links;
use super::{
    Check, Context, Draft, Finding, FindingsError, Policy, Severity, by_system, closed, measure,
    not_assessed, percent, thousands, with_systems,
};

const ITEM: u8 = 2;
const STAGE: &str = "won/lost sync";

const FIX_NO_LOST: &str = "Record lost deals as lost in the CRM (not deleted, not left open): a model that never sees a loss cannot tell a good lead from a bad one.";
const FIX_NO_WON: &str =
    "Record won deals as won in the CRM: without wins there is nothing to learn a good lead from.";
const FIX_NOT_ON_LEAD: &str = "Sync deal outcomes back to the lead or contact: convert the lead when its deal is created, and set its lifecycle stage to Customer when the deal is won.";
const FIX_CONVERTED: &str = "Create or link the deal for every converted lead, or undo conversions that did not lead to an opportunity.";
const FIX_DEAL_LEAD: &str = "Associate each deal with the lead or contact it came from (or export the association), so that outcomes can be traced back to lead attributes.";

pub(crate) const IDS: [(&str, &str); 5] = [
    ("no_lost_outcomes", FIX_NO_LOST),
    ("no_won_outcomes", FIX_NO_WON),
    ("outcome_not_on_lead", FIX_NOT_ON_LEAD),
    ("converted_without_deal", FIX_CONVERTED),
    ("deal_without_lead", FIX_DEAL_LEAD),
];

/// The item 2 findings.
pub fn findings(ctx: &Context) -> Result<Vec<Finding>, FindingsError> {
    let mut out = sync_findings(ctx)?;
    out.push(super::systems::outcome_mismatch(ctx)?);
    Ok(out)
}

fn sync_findings(ctx: &Context) -> Result<Vec<Finding>, FindingsError> {
    let mut out = Vec::new();
    let Some(deals) = ctx.tables.deals.as_ref() else {
        return Ok(IDS
            .iter()
            .map(|(id, fix)| {
                not_assessed(id, ITEM, "no deals or opportunities file was given", fix)
            })
            .collect());
    };
    let m = measure(
        deals.clone().lazy(),
        &[
            Check::new(col("outcome").eq(lit("won")), closed()),
            Check::new(col("outcome").eq(lit("lost")), closed()),
        ],
        STAGE,
    )?;
    let (won, lost, closed_n) = (m[0].count, m[1].count, m[0].of);
    for (id, fix, missing, missing_word, present_word) in [
        ("no_lost_outcomes", FIX_NO_LOST, lost, "lost", "won"),
        ("no_won_outcomes", FIX_NO_WON, won, "won", "lost"),
    ] {
        if closed_n == 0 {
            out.push(not_assessed(id, ITEM, "no deal is closed won or lost", fix));
            continue;
        }
        let fires = missing == 0;
        let title = if fires {
            format!(
                "None of the {} closed deals is {missing_word}: all are {present_word}, so a model would learn from one outcome only.",
                thousands(closed_n)
            )
        } else {
            format!(
                "{} of {} closed deals are {missing_word} ({}): both outcomes are recorded.",
                thousands(missing),
                thousands(closed_n),
                percent(missing, closed_n)
            )
        };
        out.push(Finding {
            id: id.to_owned(),
            item: ITEM,
            severity: if fires {
                Severity::Critical
            } else {
                Severity::Info
            },
            count: if fires { closed_n } else { 0 },
            of: closed_n,
            title,
            detail: format!(
                "Closed deals: {} won, {} lost.",
                thousands(won),
                thousands(lost)
            ),
            examples: Vec::new(),
            fix: fix.to_owned(),
            field: None,
        });
    }

    if ctx.tables.leads.is_none() {
        for (id, fix) in &IDS[2..] {
            out.push(not_assessed(
                id,
                ITEM,
                "no leads or contacts file was given, so deals cannot be traced to leads",
                fix,
            ));
        }
        return Ok(out);
    }
    out.extend(linked_findings(ctx.links()?)?);
    Ok(out)
}

fn linked_findings(links: &Links) -> Result<Vec<Finding>, FindingsError> {
    let (Some(deals), Some(leads)) = (links.deals.as_ref(), links.leads.as_ref()) else {
        return Ok(Vec::new());
    };
    let won = || col("outcome").eq(lit("won"));
    let not_converted = col("_lead_converted").not();
    // A lead without a lifecycle stage (a Salesforce lead, frozen at conversion) shows a
    // win by being converted; one with a lifecycle stage must say Customer.
    let won_not_customer = won()
        .and(col("_lead_has_lifecycle"))
        .and(col("_lead_customer").not());
    let linked_closed = closed().and(col("_linked"));
    // Each system's count, when the records come from more than one.
    let on_lead_systems = by_system(
        deals,
        &Check::new(
            not_converted.clone().or(won_not_customer.clone()),
            linked_closed.clone(),
        ),
        STAGE,
    )?;
    let converted_systems = by_system(
        leads,
        &Check::new(col("_has_deal").not(), col("_converted")),
        STAGE,
    )?;
    let without_lead_systems =
        by_system(deals, &Check::new(col("_linked").not(), lit(true)), STAGE)?;
    let d = measure(
        deals.clone().lazy(),
        &[
            Check::new(
                not_converted.clone().or(won_not_customer.clone()),
                linked_closed.clone(),
            ),
            Check::new(not_converted, linked_closed.clone()),
            Check::new(
                won_not_customer.and(col("_lead_converted")),
                linked_closed.clone(),
            ),
            Check::new(col("_linked").not(), lit(true)),
            Check::new(col("_linked").not(), closed()),
        ],
        STAGE,
    )?;
    let l = measure(
        leads.clone().lazy(),
        &[Check::new(col("_has_deal").not(), col("_converted"))],
        STAGE,
    )?;
    let mut out = Vec::new();

    let m = &d[0];
    out.push(if m.of == 0 {
        not_assessed(
            "outcome_not_on_lead",
            ITEM,
            "no closed deal links to a lead in the leads file",
            FIX_NOT_ON_LEAD,
        )
    } else {
        Draft {
            id: "outcome_not_on_lead",
            item: ITEM,
            policy: Policy::any(0.1),
            title: if m.count == 0 {
                format!(
                    "Every one of {} closed deals shows its outcome on its lead.",
                    thousands(m.of)
                )
            } else {
                format!(
                    "{} of {} closed deals linked to a lead ({}) do not show their outcome on the lead.",
                    thousands(m.count),
                    thousands(m.of),
                    percent(m.count, m.of)
                )
            },
            detail: with_systems(
                format!(
                    "Lead not converted: {}. Won, lead converted but its lifecycle stage is not Customer: {}. A lead counts as converted by its converted flag or date, or a lifecycle stage or status of Opportunity, Customer or Converted; as a customer by a lifecycle stage or status of Customer.",
                    thousands(d[1].count),
                    thousands(d[2].count)
                ),
                on_lead_systems,
            ),
            fix: FIX_NOT_ON_LEAD,
        }
        .finish(m.clone())
    });

    let m = &l[0];
    out.push(if m.of == 0 {
        Draft {
            id: "converted_without_deal",
            item: ITEM,
            policy: Policy::any(0.2),
            title: "No lead is marked converted (0 converted leads), so none can lack a deal."
                .to_owned(),
            detail: String::new(),
            fix: FIX_CONVERTED,
        }
        .finish(m.clone())
    } else {
        Draft {
            id: "converted_without_deal",
            item: ITEM,
            policy: Policy::any(0.2),
            title: if m.count == 0 {
                format!(
                    "Every one of {} converted leads has a deal.",
                    thousands(m.of)
                )
            } else {
                format!(
                    "{} of {} converted leads ({}) have no deal.",
                    thousands(m.count),
                    thousands(m.of),
                    percent(m.count, m.of)
                )
            },
            detail: with_systems(
                "A lead has a deal when a deal's lead or contact id, or its contact email, is the lead's.".to_owned(),
                converted_systems,
            ),
            fix: FIX_CONVERTED,
        }
        .finish(m.clone())
    });

    let m = &d[3];
    out.push(
        Draft {
            id: "deal_without_lead",
            item: ITEM,
            policy: Policy::any(0.2),
            title: if m.count == 0 {
                format!(
                    "Every one of {} deals links to a lead in the leads file.",
                    thousands(m.of)
                )
            } else {
                format!(
                    "{} of {} deals ({}) link to no lead in the leads file.",
                    thousands(m.count),
                    thousands(m.of),
                    percent(m.count, m.of)
                )
            },
            detail: with_systems(
                format!(
                    "Of them closed: {}. A deal links to a lead by its lead or contact id, or its contact email.",
                    thousands(d[4].count)
                ),
                without_lead_systems,
            ),
            fix: FIX_DEAL_LEAD,
        }
        .finish(m.clone()),
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Tables;
    use crate::settings::Settings;

    fn deals(outcomes: &[&str], lead_ids: &[Option<&str>]) -> DataFrame {
        let n = outcomes.len();
        df!(
            "id" => (0..n).map(|i| format!("D{i}")).collect::<Vec<_>>(),
            "outcome" => outcomes,
            "lead_id" => lead_ids,
            "contact_email" => vec![None::<&str>; n],
            "close_date" => vec![None::<i32>; n],
            "created_at" => vec![None::<i64>; n],
            "_file" => vec!["d.csv"; n],
            "_line" => (2..2 + n as u32).collect::<Vec<_>>(),
        )
        .unwrap()
    }

    fn leads() -> DataFrame {
        df!(
            "id" => ["L1", "L2", "L3", "L4", "L5"],
            "email" => [None::<&str>; 5],
            "converted" => [None::<bool>; 5],
            "converted_at" => [None::<i64>; 5],
            "lifecycle_stage" => ["Customer", "Opportunity", "Lead", "Opportunity", "Subscriber"],
            "status" => [None::<&str>; 5],
            "created_at" => [None::<i64>; 5],
            "first_touch_at" => [None::<i64>; 5],
            "_file" => ["c.csv"; 5],
            "_line" => [2u32, 3, 4, 5, 6],
        )
        .unwrap()
    }

    fn run(t: &Tables) -> Vec<Finding> {
        let s = Settings::default();
        findings(&Context::new(t, &s).unwrap()).unwrap()
    }

    fn get<'a>(f: &'a [Finding], id: &str) -> &'a Finding {
        f.iter().find(|x| x.id == id).unwrap()
    }

    #[test]
    fn outcomes_on_leads_and_links() {
        let t = Tables {
            // D0 won → L1 customer: fine. D1 won → L2 opportunity: not a customer.
            // D2 lost → L3 lead: not converted. D3 open → L4. D4 lost → nothing.
            deals: Some(deals(
                &["won", "won", "lost", "open", "lost"],
                &[Some("L1"), Some("L2"), Some("L3"), Some("L4"), Some("L404")],
            )),
            leads: Some(leads()),
            ..Tables::default()
        };
        let f = run(&t);
        let c = |id: &str| (get(&f, id).count, get(&f, id).of);
        assert_eq!(c("no_lost_outcomes"), (0, 4));
        assert!(!get(&f, "no_lost_outcomes").fires());
        assert_eq!(c("no_won_outcomes"), (0, 4));
        assert_eq!(c("outcome_not_on_lead"), (2, 3));
        assert_eq!(get(&f, "outcome_not_on_lead").examples, ["D1", "D2"]);
        // Converted: L1, L2, L4 — all have deals.
        assert_eq!(c("converted_without_deal"), (0, 3));
        assert_eq!(c("deal_without_lead"), (1, 5));
        assert_eq!(get(&f, "deal_without_lead").examples, ["D4"]);
    }

    #[test]
    fn only_wins_is_critical() {
        let t = Tables {
            deals: Some(deals(&["won", "won", "open"], &[None, None, None])),
            ..Tables::default()
        };
        let f = run(&t);
        let n = get(&f, "no_lost_outcomes");
        assert_eq!((n.count, n.of, n.severity), (2, 2, Severity::Critical));
        assert!(!get(&f, "no_won_outcomes").fires());
        // No leads file: the links are not assessed.
        assert!(get(&f, "deal_without_lead").not_assessed());
        assert!(get(&f, "outcome_not_on_lead").not_assessed());
    }

    #[test]
    fn a_converted_lead_without_lifecycle_shows_a_win() {
        // Salesforce leads are frozen at conversion: converted is all they can show.
        let leads = df!(
            "id" => ["L1", "L2"],
            "email" => [None::<&str>; 2],
            "converted" => [Some(true), Some(false)],
            "converted_at" => [None::<i64>; 2],
            "lifecycle_stage" => [None::<&str>; 2],
            "status" => [Some("Closed - Converted"), Some("Open - Not Contacted")],
            "created_at" => [None::<i64>; 2],
            "first_touch_at" => [None::<i64>; 2],
            "_file" => ["leads.csv"; 2],
            "_line" => [2u32, 3],
        )
        .unwrap();
        let t = Tables {
            deals: Some(deals(&["won", "won"], &[Some("L1"), Some("L2")])),
            leads: Some(leads),
            ..Tables::default()
        };
        let f = run(&t);
        let o = get(&f, "outcome_not_on_lead");
        assert_eq!((o.count, o.of), (1, 2));
        assert_eq!(o.examples, ["D1"]);
    }

    #[test]
    fn converted_leads_without_deals() {
        let t = Tables {
            deals: Some(deals(&["won"], &[Some("L1")])),
            leads: Some(leads()),
            ..Tables::default()
        };
        let f = run(&t);
        let c = get(&f, "converted_without_deal");
        assert_eq!((c.count, c.of), (2, 3));
        assert_eq!(c.examples, ["L2", "L4"]);
    }
}
