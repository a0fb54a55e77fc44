//! Comparing two audits: every baseline figure and finding count with its change and
//! whether that change is better or worse, by each figure's direction as
//! [`crate::present::FIGURES`] defines it.
//!
//! Figures are read from the audits' result JSON by pointer, so an audit saved by an
//! older version compares with a new one as long as the figure kept its place.

use serde::Serialize;
use serde_json::Value;

use crate::present::{Direction, FIGURES, Movement, NOT_RECORDED, Reading, Unit};

/// One row of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub id: String,
    pub label: String,
    pub unit: Unit,
    pub direction: Direction,
    pub before: Option<Reading>,
    pub after: Option<Reading>,
    /// after - before, when both are numbers.
    pub delta: Option<f64>,
    pub movement: Movement,
    /// Why `before` has no value, as stored with that audit ("no activities file");
    /// `None` when it has one.
    pub before_unavailable: Option<String>,
    /// The same for `after`.
    pub after_unavailable: Option<String>,
}

impl Row {
    /// Why the change is not judged, when a side could not be measured: "not available
    /// in 2026Q2: no activities file" (`before` and `after` name the two audits).
    /// `None` when both sides have a value (a judged change, or a size).
    pub fn unjudged_reason(&self, before: &str, after: &str) -> Option<String> {
        let side = |name: &str, why: &Option<String>| {
            why.as_ref()
                .map(|w| format!("not available in {}: {w}", name.trim()))
        };
        match (
            side(before, &self.before_unavailable),
            side(after, &self.after_unavailable),
        ) {
            (Some(b), Some(a)) => Some(format!("{b}; {a}")),
            (Some(one), None) | (None, Some(one)) => Some(one),
            (None, None) => None,
        }
    }
}

/// How many rows of a comparison moved which way. Rows with a side not available are
/// `unjudged`, never better or worse; sizes (e.g. the number of leads) are not counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub better: usize,
    pub worse: usize,
    pub same: usize,
    /// Rows left unjudged because one audit (or both) could not measure them.
    pub unjudged: usize,
}

impl Summary {
    fn of(rows: &[Row]) -> Summary {
        let mut s = Summary::default();
        for r in rows.iter().filter(|r| r.direction != Direction::Neutral) {
            match r.movement {
                Movement::Better => s.better += 1,
                Movement::Worse => s.worse += 1,
                Movement::Same => s.same += 1,
                Movement::Unjudged => s.unjudged += 1,
            }
        }
        s
    }
}

/// One side of a row: its reading, or why it has none.
type Side = Result<Reading, String>;

fn row(id: String, label: String, unit: Unit, direction: Direction, b: Side, a: Side) -> Row {
    let (before, before_unavailable) = split(b);
    let (after, after_unavailable) = split(a);
    let delta = match (before, after) {
        (Some(Reading::Number(b)), Some(Reading::Number(a))) => Some(a - b),
        _ => None,
    };
    Row {
        movement: direction.judge(before, after),
        id,
        label,
        unit,
        direction,
        before,
        after,
        delta,
        before_unavailable,
        after_unavailable,
    }
}

fn split(side: Side) -> (Option<Reading>, Option<String>) {
    match side {
        Ok(r) => (Some(r), None),
        Err(why) => (None, Some(why)),
    }
}

/// The finding counts of a result: key (id, with `:field` for per-field findings) →
/// its count, or why it was not assessed ("no activities file was given").
fn finding_counts(result: &Value) -> Vec<(String, Side)> {
    result
        .pointer("/findings/findings")
        .or_else(|| result.pointer("/findings"))
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|f| {
                    let id = f.get("id")?.as_str()?;
                    let key = match f.get("field").and_then(Value::as_str) {
                        Some(field) => format!("{id}:{field}"),
                        None => id.to_owned(),
                    };
                    let count = f.get("count")?.as_f64()?;
                    let of = f.get("of").and_then(Value::as_f64);
                    let title = f.get("title").and_then(Value::as_str).unwrap_or_default();
                    // `findings::Finding::not_assessed`: nothing examined, and the title
                    // says why.
                    let side = match title.strip_prefix("Not assessed") {
                        Some(why) if count == 0.0 && of.unwrap_or(0.0) == 0.0 => Err(why
                            .trim_start_matches([':', ' '])
                            .trim_end_matches('.')
                            .to_owned()),
                        _ => Ok(Reading::Number(count)),
                    };
                    Some((key, side))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A comparison of two audits' results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub figures: Vec<Row>,
    /// How the figures moved (a figure either audit could not measure is unjudged).
    pub summary: Summary,
    /// Finding counts (fewer is better).
    pub findings: Vec<Row>,
    /// How the finding counts moved.
    pub findings_summary: Summary,
    /// Items whose grade changed: (item, before, after).
    pub grades: Vec<GradeMove>,
}

/// An item whose grade changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GradeMove {
    pub item: u8,
    pub title: String,
    pub before: String,
    pub after: String,
    pub movement: Movement,
}

fn grade_rank(g: &str) -> Option<u8> {
    match g {
        "in_place" => Some(2),
        "partial" => Some(1),
        "missing" => Some(0),
        _ => None,
    }
}

fn effective_grades(result: &Value) -> Vec<(u8, String, String)> {
    result
        .get("checks")
        .and_then(Value::as_array)
        .map(|checks| {
            checks
                .iter()
                .filter_map(|c| {
                    let item = c.get("item")?.as_u64()? as u8;
                    let title = c.get("title")?.as_str()?.to_owned();
                    let grade = c
                        .get("effective")
                        .and_then(Value::as_str)
                        .unwrap_or("not_assessed")
                        .to_owned();
                    Some((item, title, grade))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Compares the audit `before` with the audit `after` (their result JSON).
pub fn compare(before: &Value, after: &Value) -> Comparison {
    let figures: Vec<Row> = FIGURES
        .iter()
        .map(|f| {
            row(
                f.id.to_owned(),
                f.label.to_owned(),
                f.unit,
                f.direction,
                f.read(before),
                f.read(after),
            )
        })
        .collect();
    let old = finding_counts(before);
    let new = finding_counts(after);
    let mut keys: Vec<String> = new.iter().map(|(k, _)| k.clone()).collect();
    for (k, _) in &old {
        if !keys.contains(k) {
            keys.push(k.clone());
        }
    }
    // A finding absent from an audit, or not assessed in it, is not a count of 0.
    let count_of = |list: &[(String, Side)], key: &str| -> Side {
        list.iter()
            .find(|(k, _)| k == key)
            .map(|(_, side)| side.clone())
            .unwrap_or_else(|| Err(NOT_RECORDED.to_owned()))
    };
    let findings: Vec<Row> = keys
        .into_iter()
        .map(|key| {
            let b = count_of(&old, &key);
            let a = count_of(&new, &key);
            row(
                key.clone(),
                key,
                Unit::Count,
                Direction::LowerIsBetter,
                b,
                a,
            )
        })
        .collect();
    let old_grades = effective_grades(before);
    let grades = effective_grades(after)
        .into_iter()
        .filter_map(|(item, title, after_grade)| {
            let before_grade = old_grades
                .iter()
                .find(|(i, _, _)| *i == item)
                .map(|(_, _, g)| g.clone())
                .unwrap_or_else(|| "not_assessed".to_owned());
            if before_grade == after_grade {
                return None;
            }
            let movement = match (grade_rank(&before_grade), grade_rank(&after_grade)) {
                (Some(b), Some(a)) if a > b => Movement::Better,
                (Some(b), Some(a)) if a < b => Movement::Worse,
                _ => Movement::Unjudged,
            };
            Some(GradeMove {
                item,
                title,
                before: before_grade,
                after: after_grade,
                movement,
            })
        })
        .collect();
    Comparison {
        summary: Summary::of(&figures),
        findings_summary: Summary::of(&findings),
        figures,
        findings,
        grades,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn directions_are_judged_per_figure() {
        let before = json!({"baseline": {
            "leads": 5000, "win_rate": 0.30, "cycle_time_days_median": 50.0,
            "speed_to_lead": {"median_minutes": "not_reached", "within_5m": 0.20, "never_contacted": 0.15},
        }});
        let after = json!({"baseline": {
            "leads": 5200, "win_rate": 0.35, "cycle_time_days_median": 55.0,
            "speed_to_lead": {"median_minutes": 42.0, "within_5m": 0.20, "never_contacted": 0.05},
        }});
        let c = compare(&before, &after);
        let get = |id: &str| c.figures.iter().find(|r| r.id == id).unwrap();
        assert_eq!(get("leads").movement, Movement::Unjudged);
        assert_eq!(get("leads").delta, Some(200.0));
        assert_eq!(get("win_rate").movement, Movement::Better);
        assert!((get("win_rate").delta.unwrap() - 0.05).abs() < 1e-12);
        assert_eq!(get("cycle_time").movement, Movement::Worse);
        assert_eq!(get("speed_median").movement, Movement::Better);
        assert_eq!(get("speed_median").delta, None);
        assert_eq!(get("within_5m").movement, Movement::Same);
        assert_eq!(get("never_contacted").movement, Movement::Better);
        assert_eq!(get("gini").movement, Movement::Unjudged);
        assert_eq!(get("gini").before, None);
    }

    #[test]
    fn finding_counts_and_grades_move() {
        let before = json!({
            "findings": {"findings": [
                {"id": "duplicate_clusters", "title": "Duplicates", "count": 120},
                {"id": "fill_rate", "field": "industry", "title": "Industry", "count": 300},
            ]},
            "checks": [
                {"item": 5, "title": "Dedupe and identity", "effective": "missing"},
                {"item": 7, "title": "Response SLA with a clock", "effective": "partial"},
            ]
        });
        let after = json!({
            "findings": {"findings": [
                {"id": "duplicate_clusters", "title": "Duplicates", "count": 40},
                {"id": "orphan_activities", "title": "Orphans", "count": 3},
            ]},
            "checks": [
                {"item": 5, "title": "Dedupe and identity", "effective": "partial"},
                {"item": 7, "title": "Response SLA with a clock", "effective": "partial"},
            ]
        });
        let c = compare(&before, &after);
        let f = |id: &str| c.findings.iter().find(|r| r.id == id).unwrap();
        assert_eq!(f("duplicate_clusters").movement, Movement::Better);
        // A finding one audit does not hold is not a count of 0: not judged.
        assert_eq!(f("orphan_activities").movement, Movement::Unjudged);
        assert_eq!(f("orphan_activities").before, None);
        assert_eq!(f("fill_rate:industry").movement, Movement::Unjudged);
        assert_eq!(f("fill_rate:industry").after, None);
        assert_eq!(
            f("fill_rate:industry")
                .unjudged_reason("Q2", "Q3")
                .as_deref(),
            Some("not available in Q3: not recorded in that audit")
        );
        assert_eq!(
            c.findings_summary,
            Summary {
                better: 1,
                worse: 0,
                same: 0,
                unjudged: 2
            }
        );
        assert_eq!(c.grades.len(), 1);
        assert_eq!(c.grades[0].item, 5);
        assert_eq!(c.grades[0].movement, Movement::Better);
    }

    #[test]
    fn a_finding_not_assessed_is_unjudged_with_its_reason_not_zero_and_better() {
        // The quarter audited without its activities file: orphan activities could not
        // be assessed. That is not "15 → 0, better".
        let before = json!({"findings": {"findings": [
            {"id": "orphan_activities", "title": "15 activities point at no record", "count": 15, "of": 900},
            {"id": "duplicate_clusters", "title": "Duplicates", "count": 40, "of": 1000},
        ]}});
        let after = json!({"findings": {"findings": [
            {"id": "orphan_activities", "title": "Not assessed: no activities file was given.", "count": 0, "of": 0},
            {"id": "duplicate_clusters", "title": "Duplicates", "count": 30, "of": 1000},
        ]}});
        let c = compare(&before, &after);
        let orphans = c
            .findings
            .iter()
            .find(|r| r.id == "orphan_activities")
            .unwrap();
        assert_eq!(orphans.movement, Movement::Unjudged);
        assert_eq!(orphans.before, Some(Reading::Number(15.0)));
        assert_eq!(orphans.after, None);
        assert_eq!(orphans.delta, None);
        assert_eq!(
            orphans.unjudged_reason("2026Q2", "2026Q3").as_deref(),
            Some("not available in 2026Q3: no activities file was given")
        );
        assert_eq!(c.findings_summary.better, 1);
        assert_eq!(c.findings_summary.worse, 0);
        assert_eq!(c.findings_summary.unjudged, 1);
    }

    #[test]
    fn a_figure_not_available_is_unjudged_with_the_stored_reason() {
        let before = json!({"baseline": {
            "win_rate": 0.30, "lead_to_won": 0.05,
            "speed_to_lead": {"median_minutes": "not_reached"},
            "unavailable": {},
        }});
        let after = json!({"baseline": {
            "win_rate": null, "lead_to_won": 0.07,
            "speed_to_lead": null,
            "unavailable": {"win_rate": "no deals file", "speed_to_lead": "no first-touch column in the leads file and no activities file"},
        }});
        let c = compare(&before, &after);
        let get = |id: &str| c.figures.iter().find(|r| r.id == id).unwrap();
        let win = get("win_rate");
        assert_eq!(win.movement, Movement::Unjudged);
        assert_eq!(win.after_unavailable.as_deref(), Some("no deals file"));
        assert_eq!(
            win.unjudged_reason("Q2", "Q3").as_deref(),
            Some("not available in Q3: no deals file")
        );
        // Not reached before, not available after: which is which stays visible.
        let median = get("speed_median");
        assert_eq!(median.before, Some(Reading::NotReached("not_reached")));
        assert_eq!(median.before_unavailable, None);
        assert_eq!(median.movement, Movement::Unjudged);
        assert_eq!(
            median.after_unavailable.as_deref(),
            Some("no first-touch column in the leads file and no activities file")
        );
        assert_eq!(get("lead_to_won").movement, Movement::Better);
        assert_eq!(c.summary.better, 1);
        assert_eq!(c.summary.worse, 0);
        // Sizes (leads, deals) are never counted; the others are unjudged.
        assert_eq!(c.summary.unjudged, FIGURES.len() - 2 - 1);
    }
}
