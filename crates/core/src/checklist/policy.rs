//! Policy, in one place: the thresholds that turn a figure into a suggested grade, how
//! a person's grade and the suggestion combine, the verdict, and the fix-first order.

use serde::{Deserialize, Serialize};

use super::meta::{ITEMS, item as meta_of};
use crate::grade::{Grade, GradeLevel};
use crate::present::Unit;

/// A grade the data suggests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Suggestion {
    InPlace,
    Partial,
    Missing,
    /// The inputs the item needs are not there.
    NotApplicable,
}

impl Suggestion {
    pub fn level(self) -> Option<GradeLevel> {
        match self {
            Suggestion::InPlace => Some(GradeLevel::InPlace),
            Suggestion::Partial => Some(GradeLevel::Partial),
            Suggestion::Missing => Some(GradeLevel::Missing),
            Suggestion::NotApplicable => None,
        }
    }

    fn rank(self) -> u8 {
        match self {
            Suggestion::InPlace => 0,
            Suggestion::Partial => 1,
            Suggestion::Missing => 2,
            Suggestion::NotApplicable => 3,
        }
    }

    /// The worse of two suggestions (not applicable only when both are).
    pub fn worst(self, other: Suggestion) -> Suggestion {
        match (self, other) {
            (Suggestion::NotApplicable, o) | (o, Suggestion::NotApplicable) => o,
            (a, b) => {
                if a.rank() >= b.rank() {
                    a
                } else {
                    b
                }
            }
        }
    }
}

/// Which way a figure is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    Higher,
    Lower,
}

/// One row of the thresholds table.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Threshold {
    pub item: u8,
    /// The figure's key in the check's evidence.
    pub figure: &'static str,
    /// What the figure is, for people.
    pub label: &'static str,
    pub better: Better,
    /// How its values read (a share, or a coefficient for the Gini).
    pub unit: Unit,
    /// At or beyond this, the item is in place.
    pub in_place: f64,
    /// At or beyond this (but not `in_place`), partial; else missing.
    pub partial: f64,
}

/// The thresholds, shown to the user as they are. An item with several rows takes the
/// worst of their grades.
pub const THRESHOLDS: &[Threshold] = &[
    Threshold {
        item: 1,
        figure: "closed_problem_share",
        label: "closed deals with the most frequent hygiene problem (missing outcome, close reason, owner or close date, or impossible dates)",
        better: Better::Lower,
        unit: Unit::Percent,
        in_place: 0.02,
        partial: 0.20,
    },
    Threshold {
        item: 2,
        figure: "outcome_not_on_lead_share",
        label: "closed deals whose outcome does not show on the linked lead",
        better: Better::Lower,
        unit: Unit::Percent,
        in_place: 0.05,
        partial: 0.20,
    },
    Threshold {
        item: 4,
        figure: "firmographic_fill_rate",
        label: "firmographic fields filled with a real value, on average",
        better: Better::Higher,
        unit: Unit::Percent,
        in_place: 0.90,
        partial: 0.70,
    },
    Threshold {
        item: 5,
        figure: "duplicate_rate",
        label: "duplicate rate: (records - distinct people) / records",
        better: Better::Lower,
        unit: Unit::Percent,
        in_place: 0.02,
        partial: 0.05,
    },
    Threshold {
        item: 6,
        figure: "gini",
        label: "Gini coefficient of leads (or deals) per owner",
        better: Better::Lower,
        unit: Unit::Ratio,
        in_place: 0.25,
        partial: 0.40,
    },
    Threshold {
        item: 6,
        figure: "routing_problem_share",
        label: "leads routed to an inactive owner, against the account owner, or to nobody (the largest of the three)",
        better: Better::Lower,
        unit: Unit::Percent,
        in_place: 0.02,
        partial: 0.10,
    },
    Threshold {
        item: 7,
        figure: "sla_compliance",
        label: "leads first touched within the SLA target",
        better: Better::Higher,
        unit: Unit::Percent,
        in_place: 0.80,
        partial: 0.50,
    },
    Threshold {
        item: 9,
        figure: "intent_not_followed_up_share",
        label: "intent signals not followed by a touch within the re-contact window",
        better: Better::Lower,
        unit: Unit::Percent,
        in_place: 0.10,
        partial: 0.50,
    },
    Threshold {
        item: 11,
        figure: "write_back_gap_share",
        label: "contacted leads or won deals with no logged activity, activities with no record, deals with no owner (the largest)",
        better: Better::Lower,
        unit: Unit::Percent,
        in_place: 0.05,
        partial: 0.20,
    },
];

/// The thresholds row for `item` and `figure`.
impl Threshold {
    /// A value of its figure in words, in its unit: `2%`, `0.35`.
    pub fn value_text(&self, value: f64) -> String {
        self.unit.format(value, None)
    }

    /// The rule in words: "in place at 2% or less; partial at 20% or less; missing
    /// above".
    pub fn rule(&self) -> String {
        let (in_place, partial) = (
            self.value_text(self.in_place),
            self.value_text(self.partial),
        );
        match self.better {
            Better::Lower => format!(
                "in place at {in_place} or less; partial at {partial} or less; missing above"
            ),
            Better::Higher => format!(
                "in place at {in_place} or more; partial at {partial} or more; missing below"
            ),
        }
    }
}

pub fn threshold(item: u8, figure: &str) -> Option<&'static Threshold> {
    THRESHOLDS
        .iter()
        .find(|t| t.item == item && t.figure == figure)
}

/// The suggestion a value earns against a row of the table.
pub fn suggest(t: &Threshold, value: f64) -> Suggestion {
    let at_least = |limit: f64| match t.better {
        Better::Higher => value >= limit,
        Better::Lower => value <= limit,
    };
    if at_least(t.in_place) {
        Suggestion::InPlace
    } else if at_least(t.partial) {
        Suggestion::Partial
    } else {
        Suggestion::Missing
    }
}

/// The grade that counts for an item: the person's grade when they set one, else the
/// data's suggestion, else not assessed.
pub fn effective(grade: Option<&Grade>, suggested: Option<Suggestion>) -> GradeLevel {
    match grade {
        Some(g) => g.grade,
        None => suggested
            .and_then(Suggestion::level)
            .unwrap_or(GradeLevel::NotAssessed),
    }
}

/// The scorecard's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerdictLevel {
    /// One of the foundation items (1, 2, 5, 8, 10) is missing.
    FixFoundations,
    /// Neither: pilot on one clean segment.
    Pilot,
    /// All 12 items are in place.
    Ready,
}

impl VerdictLevel {
    pub fn label(self) -> &'static str {
        match self {
            VerdictLevel::FixFoundations => "Fix the foundations first",
            VerdictLevel::Pilot => "Pilot on one clean segment",
            VerdictLevel::Ready => "Ready to deploy",
        }
    }
}

/// The verdict from the effective grade of each item (1 to 12, in order).
pub fn verdict(grades: &[GradeLevel; 12]) -> VerdictLevel {
    let foundation_missing = ITEMS
        .iter()
        .any(|m| m.foundation && grades[m.item as usize - 1] == GradeLevel::Missing);
    if foundation_missing {
        VerdictLevel::FixFoundations
    } else if grades.iter().all(|g| *g == GradeLevel::InPlace) {
        VerdictLevel::Ready
    } else {
        VerdictLevel::Pilot
    }
}

/// The items to fix, in order: the foundation items first, then the others; within
/// each, missing before partial, then by number.
pub fn fix_first_order(grades: &[GradeLevel; 12]) -> Vec<u8> {
    let mut items: Vec<u8> = (1..=12)
        .filter(|&i| {
            matches!(
                grades[i as usize - 1],
                GradeLevel::Missing | GradeLevel::Partial
            )
        })
        .collect();
    items.sort_by_key(|&i| {
        let foundation = meta_of(i).is_some_and(|m| m.foundation);
        let missing = grades[i as usize - 1] == GradeLevel::Missing;
        (!foundation, !missing, i)
    });
    items
}

/// A grade a person may not set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GradeError {
    #[error("item {0} does not exist; the checklist items are 1 to 12")]
    NoItem(u8),
    #[error(
        "item {item} ({title}) can be in place only with a named owner; give the owner (--owner NAME) and grade it again"
    )]
    OwnerNeeded { item: u8, title: &'static str },
    #[error("escalation rules belong to item 10 only, not item {0}")]
    EscalationElsewhere(u8),
}

/// Checks a grade against the item's rules before it is saved.
pub fn validate(item: u8, grade: &Grade) -> Result<(), GradeError> {
    let meta = meta_of(item).ok_or(GradeError::NoItem(item))?;
    if meta.needs_owner && grade.grade == GradeLevel::InPlace && grade.owner.trim().is_empty() {
        return Err(GradeError::OwnerNeeded {
            item,
            title: meta.title,
        });
    }
    if item != 10 && !grade.escalation.is_empty() {
        return Err(GradeError::EscalationElsewhere(item));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use GradeLevel::{InPlace, Missing, NotAssessed, Partial};

    #[test]
    fn each_threshold_reads_in_its_figures_unit() {
        let duplicates = threshold(5, "duplicate_rate").unwrap();
        assert_eq!(duplicates.unit, Unit::Percent);
        assert_eq!(
            duplicates.rule(),
            format!(
                "in place at {} or less; partial at {} or less; missing above",
                crate::format::percent(duplicates.in_place),
                crate::format::percent(duplicates.partial)
            )
        );
        let gini = threshold(6, "gini").unwrap();
        assert_eq!(gini.unit, Unit::Ratio);
        assert_eq!(
            gini.rule(),
            "in place at 0.25 or less; partial at 0.40 or less; missing above"
        );
        let sla = threshold(7, "sla_compliance").unwrap();
        assert!(
            sla.rule().ends_with("or more; missing below"),
            "{}",
            sla.rule()
        );
        // A threshold's figure that is a baseline figure reads in that figure's unit.
        for t in THRESHOLDS {
            if let Some(f) = crate::present::figure(t.figure) {
                assert_eq!(t.unit, f.unit, "{}", t.figure);
            }
        }
    }

    #[test]
    fn thresholds_from_the_issue() {
        let t7 = threshold(7, "sla_compliance").unwrap();
        assert_eq!(suggest(t7, 0.80), Suggestion::InPlace);
        assert_eq!(suggest(t7, 0.79), Suggestion::Partial);
        assert_eq!(suggest(t7, 0.50), Suggestion::Partial);
        assert_eq!(suggest(t7, 0.49), Suggestion::Missing);
        let t5 = threshold(5, "duplicate_rate").unwrap();
        assert_eq!(suggest(t5, 0.02), Suggestion::InPlace);
        assert_eq!(suggest(t5, 0.021), Suggestion::Partial);
        assert_eq!(suggest(t5, 0.05), Suggestion::Partial);
        assert_eq!(suggest(t5, 0.051), Suggestion::Missing);
        for t in THRESHOLDS {
            assert!(meta_of(t.item).is_some());
            match t.better {
                Better::Higher => assert!(t.in_place > t.partial),
                Better::Lower => assert!(t.in_place < t.partial),
            }
        }
    }

    #[test]
    fn worst_of_two() {
        use Suggestion::*;
        assert_eq!(InPlace.worst(Partial), Partial);
        assert_eq!(Missing.worst(Partial), Missing);
        assert_eq!(NotApplicable.worst(Partial), Partial);
        assert_eq!(NotApplicable.worst(NotApplicable), NotApplicable);
    }

    #[test]
    fn the_persons_grade_wins_over_the_suggestion() {
        let g = Grade::new(Partial);
        assert_eq!(effective(Some(&g), Some(Suggestion::InPlace)), Partial);
        assert_eq!(effective(None, Some(Suggestion::Missing)), Missing);
        assert_eq!(
            effective(None, Some(Suggestion::NotApplicable)),
            NotAssessed
        );
        assert_eq!(effective(None, None), NotAssessed);
    }

    #[test]
    fn verdicts() {
        let mut g = [InPlace; 12];
        assert_eq!(verdict(&g), VerdictLevel::Ready);
        g[2] = Missing; // item 3 is not a foundation item
        assert_eq!(verdict(&g), VerdictLevel::Pilot);
        g[6] = NotAssessed;
        assert_eq!(verdict(&g), VerdictLevel::Pilot);
        for foundation in [1, 2, 5, 8, 10] {
            let mut g = [InPlace; 12];
            g[foundation - 1] = Missing;
            assert_eq!(
                verdict(&g),
                VerdictLevel::FixFoundations,
                "item {foundation}"
            );
            g[foundation - 1] = Partial;
            assert_eq!(verdict(&g), VerdictLevel::Pilot, "item {foundation}");
        }
    }

    #[test]
    fn fix_first_puts_the_unglamorous_five_first() {
        let mut g = [InPlace; 12];
        g[2] = Missing; // 3
        g[6] = Partial; // 7
        g[4] = Partial; // 5
        g[9] = Missing; // 10
        g[0] = Partial; // 1
        g[11] = NotAssessed; // 12 is not in the list
        assert_eq!(fix_first_order(&g), [10, 1, 5, 3, 7]);
    }

    #[test]
    fn owners_are_needed_for_8_10_and_12() {
        for item in [8, 10, 12] {
            let mut g = Grade::new(InPlace);
            assert!(matches!(
                validate(item, &g),
                Err(GradeError::OwnerNeeded { .. })
            ));
            g.owner = "Dana Cruz".into();
            assert!(validate(item, &g).is_ok());
            assert!(validate(item, &Grade::new(Partial)).is_ok());
        }
        assert!(validate(7, &Grade::new(InPlace)).is_ok());
        let mut g = Grade::new(Partial);
        g.escalation = vec![crate::grade::EscalationRule::HighValue];
        assert!(validate(10, &g).is_ok());
        assert_eq!(validate(3, &g), Err(GradeError::EscalationElsewhere(3)));
        assert_eq!(validate(13, &g), Err(GradeError::NoItem(13)));
        assert_eq!(
            validate(8, &Grade::new(InPlace)).unwrap_err().to_string(),
            "item 8 (A named SLA owner) can be in place only with a named owner; give the owner (--owner NAME) and grade it again"
        );
    }
}
