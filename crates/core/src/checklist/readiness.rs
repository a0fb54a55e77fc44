//! Items 1, 2, 3 and 12 cite score readiness (#15): what the history's labels are worth
//! to a scorer, measured on the exports themselves. The citation adds a sentence to the
//! rationale and a piece of evidence; it never changes the suggested grade.

use super::checks::{Evidence, Outcome};
use super::meta::Meta;
use crate::readiness::{Readiness, view};

fn auc_text(r: &Readiness) -> String {
    match &r.validation {
        Some(v) => format!(
            "an AUC of {:.2} (90% interval {:.2} to {:.2})",
            v.auc, v.auc_low, v.auc_high
        ),
        None => format!(
            "no validated AUC ({})",
            r.no_validation.as_deref().unwrap_or("not measured")
        ),
    }
}

fn add(o: &mut Outcome, sentence: String, id: &str, value: Option<f64>) {
    let rationale = o.rationale.trim_end().to_owned();
    o.rationale = if rationale.is_empty() {
        sentence.clone()
    } else {
        format!("{rationale} {sentence}")
    };
    o.evidence.push(Evidence {
        kind: "figure".to_owned(),
        id: id.to_owned(),
        text: sentence,
        value,
    });
}

/// Adds the readiness citation to items 1, 2, 3 and 12.
pub fn cite(outcomes: &mut [(&'static Meta, Outcome)], r: &Readiness) {
    let verdict = view::verdict_label(r.verdict);
    for (meta, o) in outcomes.iter_mut() {
        match meta.item {
            1 => {
                let (text, value) = match &r.label_quality {
                    Some(q) => (q.text.clone(), q.auc_change),
                    None => (r.reason.clone(), None),
                };
                add(
                    o,
                    format!("Score readiness, label quality: {text}."),
                    "readiness.label_quality",
                    value,
                );
            }
            2 => {
                let lost = if r.labels.lost == 0 && r.labels.won > 0 {
                    "; with no lost outcome at all, a scorer cannot learn what a bad lead looks like"
                } else {
                    ""
                };
                let n = |v: usize| crate::format::count(v as u64);
                add(
                    o,
                    format!(
                        "Score readiness: the history labels {} {} won and {} lost{lost}.",
                        n(r.labels.won),
                        r.subject,
                        n(r.labels.lost),
                    ),
                    "readiness.labels",
                    Some(r.labels.lost as f64),
                );
            }
            3 => add(
                o,
                format!(
                    "Score readiness: a scorer trained on this history's own fields reaches {} on held-out {} ({}).",
                    auc_text(r),
                    r.subject,
                    verdict.to_lowercase()
                ),
                "readiness.auc",
                r.validation.as_ref().map(|v| v.auc),
            ),
            12 => add(
                o,
                format!(
                    "Score readiness, to re-measure each quarter: {verdict} ({}).",
                    r.reason
                ),
                "readiness.verdict",
                r.validation.as_ref().map(|v| v.auc),
            ),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::checks::run_all;
    use crate::metrics::{Baseline, Figures, Period};

    fn readiness() -> Readiness {
        crate::readiness::two_source_fixture()
    }

    #[test]
    fn items_1_2_3_and_12_cite_readiness_and_keep_their_grades() {
        let r = readiness();
        let baseline = Baseline {
            period: Period::all(),
            label: "whole export".into(),
            timezone: "UTC".into(),
            business_hours: "Mon-Fri 09:00-17:00".into(),
            figures: Figures::default(),
            by_quarter: Vec::new(),
            notes: Vec::new(),
        };
        let findings = crate::findings::Findings {
            findings: Vec::new(),
        };
        let before = run_all(&baseline, &findings, &Default::default());
        let mut after = before.clone();
        cite(&mut after, &r);
        for ((meta, b), (_, a)) in before.iter().zip(&after) {
            assert_eq!(a.suggested, b.suggested, "item {}", meta.item);
            let cited = a.evidence.iter().find(|e| e.id.starts_with("readiness."));
            if [1, 2, 3, 12].contains(&meta.item) {
                let e = cited.unwrap_or_else(|| panic!("item {} cites nothing", meta.item));
                assert!(a.rationale.starts_with(b.rationale.trim_end()));
                assert!(a.rationale.ends_with(&e.text), "{}", a.rationale);
                assert!(e.text.starts_with("Score readiness"), "{}", e.text);
            } else {
                assert!(cited.is_none(), "item {}", meta.item);
                assert_eq!(a.rationale, b.rationale);
            }
        }
        let text = |item: u8| after[usize::from(item) - 1].1.rationale.clone();
        let v = r.validation.as_ref().unwrap();
        assert!(
            text(3).contains(&format!("reaches an AUC of {:.2}", v.auc)),
            "{}",
            text(3)
        );
        assert!(
            text(2).contains(&format!(
                "labels {} leads won and {} lost",
                crate::format::count(r.labels.won as u64),
                crate::format::count(r.labels.lost as u64)
            )),
            "{}",
            text(2)
        );
        assert!(
            text(1).contains("label quality: no labelled lead rests"),
            "{}",
            text(1)
        );
    }
}
