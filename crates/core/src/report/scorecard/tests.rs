//! Tests of the scorecard: what each page says, redaction, movement, and that both
//! papers lay out cleanly and render to the same bytes twice.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::*;
use crate::charts::fixture;
use crate::checklist::policy::{self, VerdictLevel};
use crate::format::{NOT_AVAILABLE, NOT_REACHED};
use crate::grade::Grade;
use crate::present::{self, Arrow, Movement, Unit, headline_figures};

fn texts(doc: &Composer) -> Vec<(usize, String)> {
    doc.placed_texts()
        .into_iter()
        .map(|(p, t)| (p, t.text.clone()))
        .collect()
}

fn all_text(doc: &Composer) -> String {
    texts(doc)
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join("\n")
}

fn page(doc: &Composer, n: usize) -> String {
    texts(doc)
        .into_iter()
        .filter(|(p, _)| *p == n)
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join("\n")
}

fn graded() -> AuditResult {
    let mut r = fixture::result();
    let mut grades = BTreeMap::new();
    let mut g = Grade::new(GradeLevel::Missing);
    g.owner = "Dana Cruz".into();
    g.note = "Escalate to cassandra.eckert@birchwavepower.com or +1 (214) 555-0149.".into();
    g.due = NaiveDate::from_ymd_opt(2026, 11, 30);
    grades.insert(8, g);
    grades.insert(2, Grade::new(GradeLevel::Partial));
    crate::audit::apply_grades(&mut r, &grades);
    r
}

#[test]
fn page_one_has_the_verdict_the_twelve_items_and_the_headline() {
    let r = graded();
    let doc = compose(&r, None, ScorecardOptions::default()).unwrap();
    let p1 = page(&doc, 1);
    assert!(p1.contains("Acme Robotics"));
    assert!(p1.contains(VerdictLevel::FixFoundations.label()));
    assert_eq!(r.verdict.level, VerdictLevel::FixFoundations);
    let flat = p1.replace('\n', " ");
    for c in &r.checks {
        assert!(flat.contains(&c.title), "{}", c.title);
    }
    // Effective grades: one pill per item, plus the legend's one of each.
    for level in GradeLevel::ALL {
        let expected = r.checks.iter().filter(|c| c.effective == level).count() + 1;
        let found = texts(&doc)
            .iter()
            .filter(|(p, t)| *p == 1 && t == level.label())
            .count();
        assert_eq!(found, expected, "{level:?}");
    }
    // Headline figures: numbers, and "not reached" as such.
    for v in ["42 min", "20%", "55%", "10%", "30%", "32 d", NOT_REACHED] {
        assert!(p1.contains(v), "{v}");
    }
    assert!(p1.contains("Suggested by the data, not yet graded"));
    assert!(p1.contains("Graded (data suggested partial)") || p1.contains("Graded"));
}

#[test]
fn missing_figures_say_why_and_are_never_zero() {
    let mut r = fixture::result();
    r.baseline.figures.win_rate = None;
    r.baseline.figures.unavailable.insert(
        "win_rate".into(),
        "no deal closed (won or lost) in the period".into(),
    );
    r.baseline.figures.cycle_time_days_median = None;
    let h = headline_figures(&r, None);
    let win = h.iter().find(|f| f.id == "win_rate").unwrap();
    assert_eq!(win.value, NOT_AVAILABLE);
    assert_eq!(win.detail, "no deal closed (won or lost) in the period");
    let cycle = h.iter().find(|f| f.id == "cycle_time").unwrap();
    assert_eq!(cycle.value, NOT_AVAILABLE);
    assert!(!cycle.detail.is_empty());
    let p90 = h.iter().find(|f| f.id == "speed_p90").unwrap();
    assert_eq!(p90.value, NOT_REACHED);
    let doc = compose(&r, None, ScorecardOptions::default()).unwrap();
    let p1 = page(&doc, 1);
    assert!(p1.contains(NOT_AVAILABLE));
    assert!(!p1.contains("0%\nno deal closed"));
}

#[test]
fn movement_against_the_previous_audit() {
    let r = fixture::result();
    let p = fixture::previous();
    let h = headline_figures(&r, Some(&p));
    let by = |id: &str| {
        h.iter()
            .find(|f| f.id == id)
            .unwrap()
            .delta
            .clone()
            .unwrap()
    };
    let win = by("win_rate");
    assert_eq!(win.text, "+5 pts");
    assert_eq!((win.arrow, win.movement), (Arrow::Up, Movement::Better));
    let cycle = by("cycle_time");
    assert_eq!(cycle.text, "+1.5 d");
    assert_eq!(cycle.movement, Movement::Worse);
    let median = by("speed_median");
    assert_eq!(median.text, "was not reached in 2026 Q2");
    assert_eq!(median.movement, Movement::Better);
    let same = by("qualification_rate");
    assert_eq!(same.text, "no change");
    assert_eq!(same.movement, Movement::Same);
    assert_eq!(format::change(Unit::Percent, 0.0084), "+0.8 pts");
    assert_eq!(format::change(Unit::Minutes, -25.0), "−25 min");
}

#[test]
fn personal_data_is_redacted_unless_asked_not_to() {
    let r = graded();
    let doc = compose(&r, None, ScorecardOptions::default()).unwrap();
    let all = all_text(&doc);
    assert!(!all.contains("cassandra.eckert@"), "email redacted");
    assert!(!all.contains("555-0149"), "phone redacted");
    assert!(all.contains("c***@b***.com"));
    assert!(all.contains("+1 *** *** 0149"));
    assert!(all.contains("Dana Cruz"), "staff names stay");
    let doc = compose(
        &r,
        None,
        ScorecardOptions {
            redact: false,
            ..ScorecardOptions::default()
        },
    )
    .unwrap();
    let all = all_text(&doc);
    assert!(all.contains("cassandra.eckert@birchwavepower.com"));
    assert!(all.contains("555-0149"));
}

#[test]
fn sections_findings_fix_first_and_appendix() {
    let r = graded();
    let doc = compose(&r, None, ScorecardOptions::default()).unwrap();
    let all = all_text(&doc);
    // Only firing findings are tabled, with counts and examples.
    assert!(all.contains("5 of 40"));
    for e in ["L-1", "L-2", "L-3", "L-4", "L-5", "D-1", "D-2"] {
        assert!(all.contains(e), "example {e}");
    }
    assert!(!all.contains("closed_missing_owner."));
    assert!(all.contains("What to fix first"));
    assert!(all.contains("30 Nov 2026"));
    assert!(
        all.contains(&"ab".repeat(32)),
        "the whole SHA-256 on one line"
    );
    assert!(all.contains("[file.columns]"));
    for d in present::DEFINITIONS {
        assert!(all.contains(d.term), "{}", d.term);
    }
    for t in policy::THRESHOLDS.iter().filter(|t| t.item == 7) {
        assert!(all.contains(&t.label[1..30]), "{}", t.label);
    }
}

#[test]
fn both_papers_lay_out_cleanly_and_the_same_bytes_come_back() {
    let r = graded();
    let p = fixture::previous();
    for paper in [Paper::A4, Paper::Letter] {
        let options = ScorecardOptions {
            paper,
            redact: true,
        };
        let a = render_scorecard(&r, Some(&p), options).unwrap();
        let problems: Vec<String> = a.problems.iter().map(ToString::to_string).collect();
        assert!(problems.is_empty(), "{paper:?}: {}", problems.join("\n"));
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
        let b = render_scorecard(&r, Some(&p), options).unwrap();
        assert!(a.bytes == b.bytes, "{paper:?}: two renders differ");
    }
}

#[test]
fn page_one_holds_everything_on_both_papers() {
    let mut r = graded();
    let p = fixture::previous();
    for workspace in ["Acme", "Brightwave Analytics International Holdings GmbH"] {
        r.audit.workspace = Some(workspace.into());
        for paper in [Paper::A4, Paper::Letter] {
            let options = ScorecardOptions {
                paper,
                redact: true,
            };
            let doc = compose(&r, Some(&p), options).unwrap();
            // A label may wrap onto a second line in its tile.
            let p1 = page(&doc, 1).replace('\n', " ");
            for h in headline_figures(&r, Some(&p)) {
                assert!(
                    p1.contains(h.label),
                    "{paper:?} {workspace}: {} is not on page 1",
                    h.label
                );
            }
        }
    }
}
