//! The checks the figures decide: the score split (3), routing (6), the response SLA (7),
//! its owner (8), triggers (9), escalation (10) and the baseline's owner (12).

use super::*;

pub(super) struct ScoreSplit;

impl Check for ScoreSplit {
    fn meta(&self) -> &'static Meta {
        &ITEMS[2]
    }

    fn run(&self, baseline: &Baseline, _: &Findings, _: &Settings) -> Outcome {
        let f = &baseline.figures;
        let Some(scores) = &f.scores else {
            return not_applicable(format!("Not assessed: {}.", unavailable(f, "scores")));
        };
        let suggested = match scores.columns.len() {
            0 => Suggestion::Missing,
            1 => Suggestion::Partial,
            _ => Suggestion::InPlace,
        };
        Outcome {
            suggested: Some(suggested),
            rationale: scores.summary.clone(),
            evidence: vec![Evidence::figure("scores", scores.summary.clone(), None)],
            confirm: None,
        }
    }
}

pub(super) struct Routing;

impl Check for Routing {
    fn meta(&self) -> &'static Meta {
        &ITEMS[5]
    }

    fn run(&self, baseline: &Baseline, _: &Findings, _: &Settings) -> Outcome {
        let f = &baseline.figures;
        let Some(r) = &f.routing else {
            return not_applicable(format!("Not assessed: {}.", unavailable(f, "routing")));
        };
        let Some(gini) = r.gini else {
            return not_applicable("Not assessed: no lead or deal has an owner.".to_owned());
        };
        let mut suggested = graded(6, "gini", gini);
        let mut evidence = vec![Evidence::figure(
            "routing.gini",
            format!(
                "{} are spread over {} owners with a Gini coefficient of {} (0 is perfectly even).",
                if r.basis == "deals" { "Deals" } else { "Leads" },
                format::count(r.owners.len() as u64),
                format::ratio(gini)
            ),
            Some(gini),
        )];
        let mut parts = vec![format!(
            "Gini of {} per owner: {}.",
            r.basis,
            format::ratio(gini)
        )];
        if r.basis == "leads"
            && let Some(leads) = f.leads.filter(|n| *n > 0)
        {
            let problems = [
                (
                    "routing.inactive_owner_assignments",
                    "routed to an owner who was inactive",
                    r.inactive_owner_assignments,
                ),
                (
                    "routing.account_owner_mismatches",
                    "routed away from the company's account owner",
                    r.account_owner_mismatches,
                ),
                ("routing.unassigned", "left unassigned", r.unassigned),
            ];
            let mut largest = 0.0f64;
            for (id, what, count) in problems {
                if let Some(n) = count {
                    let s = n as f64 / leads as f64;
                    largest = largest.max(s);
                    if n > 0 {
                        let text = format!(
                            "{} of {} leads ({}) {what}.",
                            format::count(n),
                            format::count(leads),
                            pct(s)
                        );
                        parts.push(text.clone());
                        evidence.push(Evidence::figure(id, text, Some(s)));
                    }
                }
            }
            suggested = suggested.worst(graded(6, "routing_problem_share", largest));
        }
        if let Some(over) = r.over_capacity_owners.as_ref().filter(|o| !o.is_empty()) {
            let text = format!(
                "{} owner(s) over capacity: {}.",
                over.len(),
                over.join(", ")
            );
            parts.push(text.clone());
            evidence.push(Evidence::figure(
                "routing.over_capacity_owners",
                text,
                Some(over.len() as f64),
            ));
            if suggested == Suggestion::InPlace {
                suggested = Suggestion::Partial;
            }
        }
        Outcome {
            suggested: Some(suggested),
            rationale: parts.join(" "),
            evidence,
            confirm: None,
        }
    }
}

/// "the SLA target (60 minutes; 5 for High priority)": the default and the targets per
/// priority the figures were judged against.
pub(super) fn sla_target(sla: &crate::metrics::Sla) -> String {
    let mut t = format!("the SLA target ({} minutes", sla.target_minutes);
    for (priority, minutes) in &sla.targets_by_priority {
        t.push_str(&format!("; {minutes} for {priority} priority"));
    }
    t.push(')');
    t
}

pub(super) struct ResponseSla;

impl Check for ResponseSla {
    fn meta(&self) -> &'static Meta {
        &ITEMS[6]
    }

    fn run(&self, baseline: &Baseline, _: &Findings, _: &Settings) -> Outcome {
        let f = &baseline.figures;
        let (Some(sla), Some(speed)) = (&f.sla, &f.speed_to_lead) else {
            return not_applicable(format!(
                "Not assessed: {}.",
                unavailable(f, "speed_to_lead")
            ));
        };
        let text = format!(
            "{} of {} leads were first touched within {}; median speed-to-lead {}, {} never contacted.",
            pct(sla.compliance),
            sla.leads,
            sla_target(sla),
            speed.median_minutes,
            pct(speed.never_contacted)
        );
        let mut evidence = vec![Evidence::figure(
            "sla.compliance",
            text.clone(),
            Some(sla.compliance),
        )];
        if let Some(after) = sla.after_hours_share {
            evidence.push(Evidence::figure(
                "sla.after_hours_share",
                format!(
                    "{} of the {} breaches came in outside business hours.",
                    pct(after),
                    sla.breaches
                ),
                Some(after),
            ));
        }
        Outcome {
            suggested: Some(graded(7, "sla_compliance", sla.compliance)),
            rationale: text,
            evidence,
            confirm: Some("Confirm the target is written down and known to the team.".to_owned()),
        }
    }
}

pub(super) struct SlaOwner;

impl Check for SlaOwner {
    fn meta(&self) -> &'static Meta {
        &ITEMS[7]
    }

    fn run(&self, baseline: &Baseline, _: &Findings, _: &Settings) -> Outcome {
        let f = &baseline.figures;
        let mut evidence = Vec::new();
        let rationale = match &f.sla {
            Some(sla) => {
                // An owned SLA shows in what happens after a miss: a lead touched late
                // is followed up, and leads that arrive at night are not left until
                // morning. (Never-contacted leads are item 7's figure.)
                let mut parts = Vec::new();
                match sla.late_touch_no_follow_up {
                    Some(n) => {
                        let text = format!(
                            "{n} of {} SLA breaches were touched late once and never again.",
                            sla.breaches
                        );
                        evidence.push(Evidence::figure(
                            "sla.late_touch_no_follow_up",
                            text.clone(),
                            Some(n as f64),
                        ));
                        parts.push(text);
                    }
                    None => parts.push(format!(
                        "Whether late touches were followed up is not available: {}.",
                        unavailable(f, "sla.late_touch_no_follow_up")
                    )),
                }
                if let Some(n) = sla.night_breaches {
                    let text = format!(
                        "{n} of {} SLA breaches were leads created at night (00:00-04:59).",
                        sla.breaches
                    );
                    evidence.push(Evidence::figure(
                        "sla.night_breaches",
                        text.clone(),
                        Some(n as f64),
                    ));
                    parts.push(text);
                }
                format!("The data cannot name an owner. {}", parts.join(" "))
            }
            None => format!(
                "The data cannot name an owner, and the SLA cannot be measured: {}.",
                unavailable(f, "speed_to_lead")
            ),
        };
        Outcome {
            suggested: None,
            rationale,
            evidence,
            confirm: Some(
                "Name the one person who owns SLA misses, and confirm they are alerted when one happens.".to_owned(),
            ),
        }
    }
}

pub(super) struct Triggers;

impl Check for Triggers {
    fn meta(&self) -> &'static Meta {
        &ITEMS[8]
    }

    fn run(&self, baseline: &Baseline, _: &Findings, _: &Settings) -> Outcome {
        let f = &baseline.figures;
        let Some(intent) = &f.intent else {
            return not_applicable(format!("Not assessed: {}.", unavailable(f, "intent")));
        };
        if intent.signals == 0 {
            return Outcome {
                suggested: None,
                rationale: "The activities hold no intent signal (pricing-page view, demo or contact request), so the data cannot show whether intent re-routes a lead.".to_owned(),
                evidence: Vec::new(),
                confirm: Some("Confirm whether intent signals are tracked and re-score leads.".to_owned()),
            };
        }
        let s = intent.not_followed_up as f64 / intent.signals as f64;
        let text = format!(
            "{} of {} intent signals ({}) were not followed by a touch within the {} minute re-contact window.",
            intent.not_followed_up,
            intent.signals,
            pct(s),
            intent.recontact_minutes
        );
        Outcome {
            suggested: Some(graded(9, "intent_not_followed_up_share", s)),
            rationale: text.clone(),
            evidence: vec![Evidence::figure("intent.not_followed_up", text, Some(s))],
            confirm: None,
        }
    }
}

pub(super) struct Escalation;

impl Check for Escalation {
    fn meta(&self) -> &'static Meta {
        &ITEMS[9]
    }

    fn run(&self, baseline: &Baseline, _: &Findings, _: &Settings) -> Outcome {
        let f = &baseline.figures;
        let mut evidence = Vec::new();
        let mut rationale =
            "Which hand-off rules exist is for you to record; the data cannot tell.".to_owned();
        if let Some(intent) = &f.intent
            && let Some(n) = intent.large_deals_without_touch
        {
            let text = format!(
                "{} of the {} largest deals have no logged human activity.",
                format::count(n),
                format::count(intent.large_deals)
            );
            rationale.push(' ');
            rationale.push_str(&text);
            evidence.push(Evidence::figure(
                "intent.large_deals_without_touch",
                text,
                Some(n as f64),
            ));
        }
        Outcome {
            suggested: None,
            rationale,
            evidence,
            confirm: Some(
                "Record which of the four rules exist in writing (low confidence, high value, out of scope, negative or sensitive) and who receives the hand-off.".to_owned(),
            ),
        }
    }
}

pub(super) struct BaselineOwner;

impl Check for BaselineOwner {
    fn meta(&self) -> &'static Meta {
        &ITEMS[11]
    }

    fn run(&self, baseline: &Baseline, _: &Findings, _: &Settings) -> Outcome {
        let f = &baseline.figures;
        let measured = [
            f.speed_to_lead.is_some(),
            f.qualification_rate.is_some(),
            f.lead_to_opportunity.is_some(),
            f.win_rate.is_some(),
            f.cycle_time_days_median.is_some(),
        ]
        .iter()
        .filter(|x| **x)
        .count();
        Outcome {
            suggested: None,
            rationale: format!(
                "This audit saves a baseline ({measured} of 5 headline figures could be measured: speed-to-lead, qualification, lead to opportunity, win rate, cycle time); the next quarter's audit will show how they moved."
            ),
            evidence: vec![Evidence::figure(
                "baseline.measured",
                format!("{measured} of 5 headline figures measured."),
                Some(measured as f64),
            )],
            confirm: Some(
                "Name the person who owns the whole workflow and re-runs this audit each quarter."
                    .to_owned(),
            ),
        }
    }
}
