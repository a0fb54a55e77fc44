//! The checks the findings decide: closed-won hygiene (1), won/lost sync (2),
//! enrichment (4), identity (5) and write-back (11).

use super::*;

pub(super) struct Hygiene;
/// The findings whose largest share grades item 1.
pub(super) const HYGIENE: &[Def] = &hygiene::CLOSED_DEAL_PROBLEMS;

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

pub(super) struct WonLossSync;

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

pub(super) struct Enrichment;

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

pub(super) struct Identity;

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

pub(super) struct WriteBack;
/// The findings whose largest share grades item 11: all of its findings.
pub(super) const WRITEBACK: &[Def] = &writeback::DEFS;

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
