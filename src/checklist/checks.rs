//! The 12 checks, each a self-describing unit: its [`Meta`] and a `run` that reads the
//! baseline, the findings and the settings and suggests a grade with a rationale and
//! the evidence behind it. Policy (thresholds, "worst of") lives in [`policy`].

use serde::{Deserialize, Serialize};

use super::meta::{ITEMS, Meta};
use super::policy::{Suggestion, suggest, threshold};
use crate::findings::{Def, Finding, Findings, enrichment, hygiene, identity, sync, writeback};
use crate::format;
use crate::metrics::{Baseline, Figures};
use crate::settings::Settings;

/// One piece of evidence behind a suggestion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// `finding` or `figure`.
    pub kind: String,
    /// The finding id or the figure's key.
    pub id: String,
    /// What it says, with its number.
    pub text: String,
    /// The measured value (a share 0..1, a count, minutes…), when there is one.
    pub value: Option<f64>,
}

impl Evidence {
    fn finding(f: &Finding) -> Evidence {
        Evidence {
            kind: "finding".into(),
            id: f.id.clone(),
            text: f.title.clone(),
            value: (f.of > 0).then(|| share(f)),
        }
    }

    fn figure(id: &str, text: String, value: Option<f64>) -> Evidence {
        Evidence {
            kind: "figure".into(),
            id: id.into(),
            text,
            value,
        }
    }
}

/// What a check concluded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// The grade the data suggests; `None` when data cannot decide.
    pub suggested: Option<Suggestion>,
    /// One or two sentences with the numbers.
    pub rationale: String,
    pub evidence: Vec<Evidence>,
    /// What the person must confirm, when data cannot decide alone.
    pub confirm: Option<String>,
}

/// A checklist item: what it is, and how its evidence is read.
pub trait Check: Sync {
    fn meta(&self) -> &'static Meta;
    fn run(&self, baseline: &Baseline, findings: &Findings, settings: &Settings) -> Outcome;
}

fn share(f: &Finding) -> f64 {
    if f.of == 0 {
        0.0
    } else {
        f.count as f64 / f.of as f64
    }
}

fn pct(x: f64) -> String {
    format::percent(x)
}

fn not_applicable(why: String) -> Outcome {
    Outcome {
        suggested: Some(Suggestion::NotApplicable),
        rationale: why,
        evidence: Vec::new(),
        confirm: None,
    }
}

/// Whether `f` is a finding of one of `defs`.
fn of_defs(f: &Finding, defs: &[Def]) -> bool {
    defs.iter().any(|d| d.id == f.id)
}

/// The assessed findings of `defs` (present and not "not assessed").
fn assessed<'a>(findings: &'a Findings, defs: &[Def]) -> Vec<&'a Finding> {
    findings
        .findings
        .iter()
        .filter(|f| of_defs(f, defs) && !f.not_assessed())
        .collect()
}

/// The first "not assessed" reason among the findings of `defs`, for a not-applicable
/// rationale.
fn why_not_assessed(findings: &Findings, defs: &[Def]) -> Option<String> {
    findings
        .findings
        .iter()
        .find(|f| of_defs(f, defs) && f.not_assessed())
        .map(|f| f.title.clone())
}

/// The finding with the largest share among `list`.
fn worst<'a>(list: &[&'a Finding]) -> Option<&'a Finding> {
    list.iter()
        .filter(|f| f.of > 0)
        .max_by(|a, b| share(a).total_cmp(&share(b)))
        .copied()
}

fn graded(item: u8, figure: &str, value: f64) -> Suggestion {
    let t = threshold(item, figure).expect("a thresholds row for every graded figure");
    suggest(t, value)
}

fn unavailable(f: &Figures, key: &str) -> String {
    f.unavailable
        .get(key)
        .cloned()
        .unwrap_or_else(|| "the exports do not hold what it needs".to_owned())
}

// -----------------------------------------------------------------------------------

struct Hygiene;
/// The findings whose largest share grades item 1.
const HYGIENE: &[Def] = &hygiene::CLOSED_DEAL_PROBLEMS;

impl Check for Hygiene {
    fn meta(&self) -> &'static Meta {
        &ITEMS[0]
    }

    fn run(&self, _: &Baseline, findings: &Findings, _: &Settings) -> Outcome {
        let list = assessed(findings, HYGIENE);
        let set_aside = findings.get("rows_set_aside").map(Evidence::finding);
        let Some(top) = worst(&list) else {
            let mut outcome =
                not_applicable(why_not_assessed(findings, HYGIENE).unwrap_or_else(|| {
                    "Not assessed: the exports hold no closed deals.".to_owned()
                }));
            outcome.evidence.extend(set_aside);
            return outcome;
        };
        let top_share = share(top);
        let mut suggested = graded(1, "closed_problem_share", top_share);
        let mut evidence: Vec<Evidence> = list
            .iter()
            .filter(|f| f.fires())
            .map(|f| Evidence::finding(f))
            .collect();
        let mut rationale = format!("The largest problem: {}", top.title);
        if let Some(v) = findings.get("stage_label_variants").filter(|f| f.fires()) {
            evidence.push(Evidence::finding(v));
            if suggested == Suggestion::InPlace {
                suggested = Suggestion::Partial;
            }
            rationale.push_str(&format!(" Also: {}", v.title));
        }
        if let Some(r) = findings.get("recent_closed_check") {
            evidence.push(Evidence::finding(r));
        }
        evidence.extend(set_aside);
        Outcome {
            suggested: Some(suggested),
            rationale,
            evidence,
            confirm: None,
        }
    }
}

struct WonLossSync;

impl Check for WonLossSync {
    fn meta(&self) -> &'static Meta {
        &ITEMS[1]
    }

    fn run(&self, baseline: &Baseline, findings: &Findings, _: &Settings) -> Outcome {
        let one_sided: Vec<&Finding> = ["no_lost_outcomes", "no_won_outcomes"]
            .iter()
            .filter_map(|id| findings.get(id))
            .filter(|f| f.fires())
            .collect();
        if let Some(f) = one_sided.first() {
            return Outcome {
                suggested: Some(Suggestion::Missing),
                rationale: f.title.clone(),
                evidence: one_sided.iter().map(|f| Evidence::finding(f)).collect(),
                confirm: None,
            };
        }
        let f = &baseline.figures;
        let (won, lost) = (f.deals_won.unwrap_or(0), f.deals_lost.unwrap_or(0));
        if won + lost == 0 {
            return not_applicable(
                "Not assessed: the exports hold no won or lost deals.".to_owned(),
            );
        }
        let linked = [
            sync::OUTCOME_NOT_ON_LEAD,
            sync::CONVERTED_WITHOUT_DEAL,
            sync::DEAL_WITHOUT_LEAD,
            sync::OUTCOME_MISMATCH_BETWEEN_SYSTEMS,
        ];
        let list = assessed(findings, &linked);
        let on_lead = list.iter().find(|f| f.id == "outcome_not_on_lead").copied();
        let mut evidence: Vec<Evidence> = list.iter().map(|f| Evidence::finding(f)).collect();
        evidence.insert(
            0,
            Evidence::figure(
                "outcomes",
                format!(
                    "{} won and {} lost deals record their outcome.",
                    format::count(won),
                    format::count(lost)
                ),
                None,
            ),
        );
        match on_lead {
            Some(o) => {
                let s = graded(2, "outcome_not_on_lead_share", share(o));
                Outcome {
                    suggested: Some(s),
                    rationale: format!(
                        "Both outcomes are recorded ({} won, {} lost). {}",
                        format::count(won),
                        format::count(lost),
                        o.title
                    ),
                    evidence,
                    confirm: None,
                }
            }
            None => Outcome {
                suggested: Some(Suggestion::Partial),
                rationale: format!(
                    "Both outcomes are recorded on the deals ({} won, {} lost), but without a leads or contacts export it cannot be seen whether they reach the records a model learns from.",
                    format::count(won),
                    format::count(lost)
                ),
                evidence,
                confirm: Some(
                    "Confirm that won and lost outcomes are written back to the lead or contact records, or import a leads export.".to_owned(),
                ),
            },
        }
    }
}

struct ScoreSplit;

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

struct Enrichment;

impl Check for Enrichment {
    fn meta(&self) -> &'static Meta {
        &ITEMS[3]
    }

    fn run(&self, _: &Baseline, findings: &Findings, _: &Settings) -> Outcome {
        let fill: Vec<&Finding> = findings
            .all("fill_rate")
            .filter(|f| !f.not_assessed() && f.of > 0)
            .filter(|f| f.field.as_deref().is_none_or(|x| x.starts_with("leads.")))
            .collect();
        if fill.is_empty() {
            return not_applicable(
                why_not_assessed(findings, &[enrichment::FILL_RATE])
                    .unwrap_or_else(|| "Not assessed: no firmographic field is mapped.".to_owned()),
            );
        }
        // `fill_rate` counts the records where the field is missing or a placeholder.
        let mean_fill = fill.iter().map(|f| 1.0 - share(f)).sum::<f64>() / fill.len() as f64;
        let mut suggested = graded(4, "firmographic_fill_rate", mean_fill);
        let mut evidence: Vec<Evidence> = fill.iter().map(|f| Evidence::finding(f)).collect();
        let scored = findings
            .get("scored_without_firmographics")
            .filter(|f| f.fires());
        if let Some(s) = scored {
            evidence.push(Evidence::finding(s));
            if suggested == Suggestion::InPlace {
                suggested = Suggestion::Partial;
            }
        }
        for extra in [
            "placeholder_values",
            "free_mail_share",
            "industry_unrecognised",
        ] {
            evidence.extend(
                findings
                    .all(extra)
                    .filter(|f| f.fires())
                    .map(Evidence::finding),
            );
        }
        let mut rationale = format!(
            "On average {} of the firmographic fields checked ({}) hold a real value.",
            pct(mean_fill),
            fill.len()
        );
        if let Some(s) = scored {
            rationale.push_str(&format!(" {}", s.title));
        }
        Outcome {
            suggested: Some(suggested),
            rationale,
            evidence,
            confirm: None,
        }
    }
}

struct Identity;

impl Check for Identity {
    fn meta(&self) -> &'static Meta {
        &ITEMS[4]
    }

    fn run(&self, _: &Baseline, findings: &Findings, _: &Settings) -> Outcome {
        let Some(d) = findings
            .get("duplicate_clusters")
            .filter(|f| !f.not_assessed())
        else {
            return not_applicable(
                why_not_assessed(findings, &[identity::DUPLICATE_CLUSTERS])
                    .unwrap_or_else(|| "Not assessed: no leads or contacts export.".to_owned()),
            );
        };
        let rate = share(d);
        let mut evidence = vec![Evidence::finding(d)];
        if let Some(s) = findings
            .get("duplicates_split_across_owners")
            .filter(|f| f.fires())
        {
            evidence.push(Evidence::finding(s));
        }
        Outcome {
            suggested: Some(graded(5, "duplicate_rate", rate)),
            rationale: d.title.clone(),
            evidence,
            confirm: None,
        }
    }
}

struct Routing;

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
fn sla_target(sla: &crate::metrics::Sla) -> String {
    let mut t = format!("the SLA target ({} minutes", sla.target_minutes);
    for (priority, minutes) in &sla.targets_by_priority {
        t.push_str(&format!("; {minutes} for {priority} priority"));
    }
    t.push(')');
    t
}

struct ResponseSla;

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

struct SlaOwner;

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

struct Triggers;

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

struct Escalation;

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

struct WriteBack;
/// The findings whose largest share grades item 11: all of its findings.
const WRITEBACK: &[Def] = &writeback::DEFS;

impl Check for WriteBack {
    fn meta(&self) -> &'static Meta {
        &ITEMS[10]
    }

    fn run(&self, _: &Baseline, findings: &Findings, _: &Settings) -> Outcome {
        let list = assessed(findings, WRITEBACK);
        let Some(top) = worst(&list) else {
            return not_applicable(
                why_not_assessed(findings, WRITEBACK)
                    .unwrap_or_else(|| "Not assessed: the exports hold no activities.".to_owned()),
            );
        };
        let only_owner = list.iter().all(|f| f.id == "deals_without_owner");
        let suggested = graded(11, "write_back_gap_share", share(top));
        let mut rationale = format!("The largest gap: {}", top.title);
        let mut confirm = None;
        if only_owner {
            rationale.push_str(" Without an activities export, logged activity cannot be checked.");
            confirm = Some("Import an activities export, or confirm that calls, emails and meetings are logged on the records.".to_owned());
        }
        Outcome {
            suggested: Some(if only_owner {
                suggested.worst(Suggestion::Partial)
            } else {
                suggested
            }),
            rationale,
            evidence: list.iter().map(|f| Evidence::finding(f)).collect(),
            confirm,
        }
    }
}

struct BaselineOwner;

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

/// The registry: the 12 checks, in order.
pub const CHECKS: [&dyn Check; 12] = [
    &Hygiene,
    &WonLossSync,
    &ScoreSplit,
    &Enrichment,
    &Identity,
    &Routing,
    &ResponseSla,
    &SlaOwner,
    &Triggers,
    &Escalation,
    &WriteBack,
    &BaselineOwner,
];

/// Runs every check.
pub fn run_all(
    baseline: &Baseline,
    findings: &Findings,
    settings: &Settings,
) -> Vec<(&'static Meta, Outcome)> {
    CHECKS
        .iter()
        .map(|c| (c.meta(), c.run(baseline, findings, settings)))
        .collect()
}

#[cfg(test)]
mod tests;
