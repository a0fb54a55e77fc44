//! Item 2, won/lost sync: do won and lost outcomes reach the records a model learns
//! from?
//!
//! The findings, with what each counts and of what: [`DEFS`].
//!
//! Links between deals and leads: see the `findings::links` module. `outcome_not_on_lead`,
//! `converted_without_deal` and `deal_without_lead` need both a leads and a deals file;
//! without one they are not assessed. When the records come from more than one system
//! (e.g. a Salesforce export beside a HubSpot one), their detail and that of
//! `closed_missing_close_reason` add the count of each system, and
//! `outcome_mismatch_between_systems` (see the `findings::systems` module) compares the systems.

use polars::prelude::*;

use super::links::Links;
use super::measure::named_checks;
pub use super::systems::OUTCOME_MISMATCH_BETWEEN_SYSTEMS;
use super::{
    Check, Context, Def, Draft, Finding, FindingsError, Measured, Policy, by_system, closed,
    percent, thousands, with_systems,
};
use crate::ingest::Kind;

const ITEM: u8 = 2;
const STAGE: &str = "won/lost sync";

pub const NO_LOST_OUTCOMES: Def = Def {
    id: "no_lost_outcomes",
    item: ITEM,
    policy: Policy::any(0.0),
    fix: "Record lost deals as lost in the CRM (not deleted, not left open): a model that never sees a loss cannot tell a good lead from a bad one.",
    counts: "every closed deal when none is lost (critical), else 0",
    of: "closed deals",
    needs: &[(Kind::Deals, "outcome")],
};

pub const NO_WON_OUTCOMES: Def = Def {
    id: "no_won_outcomes",
    item: ITEM,
    policy: Policy::any(0.0),
    fix: "Record won deals as won in the CRM: without wins there is nothing to learn a good lead from.",
    counts: "every closed deal when none is won (critical), else 0",
    of: "closed deals",
    needs: &[(Kind::Deals, "outcome")],
};

pub const OUTCOME_NOT_ON_LEAD: Def = Def {
    id: "outcome_not_on_lead",
    item: ITEM,
    policy: Policy::any(0.1),
    fix: "Sync deal outcomes back to the lead or contact: convert the lead when its deal is created, and set its lifecycle stage to Customer when the deal is won.",
    counts: "closed deals whose linked lead is not converted, or, for a won deal, whose lead has a lifecycle stage that is not Customer (leads without one, as Salesforce's, are frozen at conversion: converted is all they can show)",
    of: "closed deals linked to a lead",
    needs: &[(Kind::Deals, "outcome")],
};

pub const CONVERTED_WITHOUT_DEAL: Def = Def {
    id: "converted_without_deal",
    item: ITEM,
    policy: Policy::any(0.2),
    fix: "Create or link the deal for every converted lead, or undo conversions that did not lead to an opportunity.",
    counts: "converted leads no deal links to",
    of: "converted leads",
    needs: &[],
};

pub const DEAL_WITHOUT_LEAD: Def = Def {
    id: "deal_without_lead",
    item: ITEM,
    policy: Policy::any(0.2),
    fix: "Associate each deal with the lead or contact it came from (or export the association), so that outcomes can be traced back to lead attributes.",
    counts: "deals that link to no lead in the leads file",
    of: "deals",
    needs: &[],
};

/// The item 2 findings, in the order [`findings`] returns them (the last from the
/// `findings::systems` module).
pub const DEFS: [Def; 6] = super::def::concat(&[&LINKED, &[OUTCOME_MISMATCH_BETWEEN_SYSTEMS]]);

/// The findings measured here.
const LINKED: [Def; 5] = [
    NO_LOST_OUTCOMES,
    NO_WON_OUTCOMES,
    OUTCOME_NOT_ON_LEAD,
    CONVERTED_WITHOUT_DEAL,
    DEAL_WITHOUT_LEAD,
];

/// The item 2 findings.
pub fn findings(ctx: &Context) -> Result<Vec<Finding>, FindingsError> {
    let mut out = sync_findings(ctx)?;
    out.push(super::systems::outcome_mismatch(ctx)?);
    Ok(out)
}

named_checks!(
    /// What the deals show once linked to their leads.
    DealChecks {
        /// Closed deals whose lead does not show the outcome.
        not_on_lead,
        not_converted,
        not_customer,
        without_lead,
        closed_without_lead,
    }
);

named_checks!(
    /// Closed deals by outcome.
    Outcomes { won, lost }
);

fn sync_findings(ctx: &Context) -> Result<Vec<Finding>, FindingsError> {
    let mut out = Vec::new();
    let Some(deals) = ctx.tables.deals.as_ref() else {
        return Ok(LINKED
            .iter()
            .map(|d| d.not_assessed("no deals or opportunities file was given"))
            .collect());
    };
    let m = Outcomes {
        won: Check::new(col("outcome").eq(lit("won")), closed()),
        lost: Check::new(col("outcome").eq(lit("lost")), closed()),
    }
    .measure(deals.clone().lazy(), STAGE)?;
    let (won, lost, closed_n) = (m.won.count, m.lost.count, m.won.of);
    for (def, missing, missing_word, present_word) in [
        (&NO_LOST_OUTCOMES, lost, "lost", "won"),
        (&NO_WON_OUTCOMES, won, "won", "lost"),
    ] {
        if closed_n == 0 {
            out.push(def.not_assessed("no deal is closed won or lost"));
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
        // Critical when it fires (its policy: any count); count is every closed deal.
        out.push(def.finding(
            title,
            format!(
                "Closed deals: {} won, {} lost.",
                thousands(won),
                thousands(lost)
            ),
            Measured {
                count: if fires { closed_n } else { 0 },
                of: closed_n,
                examples: Vec::new(),
            },
        ));
    }

    if ctx.tables.leads.is_none() {
        for def in [
            &OUTCOME_NOT_ON_LEAD,
            &CONVERTED_WITHOUT_DEAL,
            &DEAL_WITHOUT_LEAD,
        ] {
            out.push(def.not_assessed(
                "no leads or contacts file was given, so deals cannot be traced to leads",
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
    let d = DealChecks {
        not_on_lead: Check::new(
            not_converted.clone().or(won_not_customer.clone()),
            linked_closed.clone(),
        ),
        not_converted: Check::new(not_converted, linked_closed.clone()),
        not_customer: Check::new(
            won_not_customer.and(col("_lead_converted")),
            linked_closed.clone(),
        ),
        without_lead: Check::new(col("_linked").not(), lit(true)),
        closed_without_lead: Check::new(col("_linked").not(), closed()),
    }
    .measure(deals.clone().lazy(), STAGE)?;
    let without_deal = Check::new(col("_has_deal").not(), col("_converted"))
        .measure(leads.clone().lazy(), STAGE)?;
    let mut out = Vec::new();

    let m = &d.not_on_lead;
    out.push(if m.of == 0 {
        OUTCOME_NOT_ON_LEAD.not_assessed("no closed deal links to a lead in the leads file")
    } else {
        Draft {
            def: &OUTCOME_NOT_ON_LEAD,
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
                    thousands(d.not_converted.count),
                    thousands(d.not_customer.count)
                ),
                on_lead_systems,
            ),
        }
        .finish(m.clone())
    });

    let m = &without_deal;
    out.push(if m.of == 0 {
        Draft {
            def: &CONVERTED_WITHOUT_DEAL,
            title: "No lead is marked converted (0 converted leads), so none can lack a deal."
                .to_owned(),
            detail: String::new(),
        }
        .finish(m.clone())
    } else {
        Draft {
            def: &CONVERTED_WITHOUT_DEAL,
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
        }
        .finish(m.clone())
    });

    let m = &d.without_lead;
    out.push(
        Draft {
            def: &DEAL_WITHOUT_LEAD,
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
                    thousands(d.closed_without_lead.count)
                ),
                without_lead_systems,
            ),
        }
        .finish(m.clone()),
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Severity;
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
