//! Comparing two audits: every baseline figure and finding count with its change and
//! whether that change is better or worse. Which way is better is defined here, once,
//! per figure.
//!
//! Figures are read from the audits' result JSON by pointer, so an audit saved by an
//! older version compares with a new one as long as the figure kept its place.

use serde::Serialize;
use serde_json::Value;

/// Which way a figure is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
    /// A size, not a quality (e.g. how many leads there were).
    Neutral,
}

/// How a figure is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Count,
    /// A fraction 0..1, shown as a percentage.
    Share,
    Minutes,
    Days,
    /// A coefficient 0..1 (Gini).
    Ratio,
}

/// One comparable figure.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Figure {
    pub id: &'static str,
    pub label: &'static str,
    /// JSON pointer into an audit result.
    pub pointer: &'static str,
    pub unit: Unit,
    pub direction: Direction,
}

const fn fig(
    id: &'static str,
    label: &'static str,
    pointer: &'static str,
    unit: Unit,
    direction: Direction,
) -> Figure {
    Figure {
        id,
        label,
        pointer,
        unit,
        direction,
    }
}

use Direction::{HigherIsBetter as Up, LowerIsBetter as Down, Neutral};
use Unit::{Count, Days, Minutes, Ratio, Share};

/// The baseline figures compared between audits, in the order they are shown.
pub const FIGURES: &[Figure] = &[
    fig("leads", "Leads", "/baseline/leads", Count, Neutral),
    fig("deals", "Deals closed", "/baseline/deals", Count, Neutral),
    fig(
        "speed_median",
        "Speed-to-lead, median",
        "/baseline/speed_to_lead/median_minutes",
        Minutes,
        Down,
    ),
    fig(
        "speed_p90",
        "Speed-to-lead, 90th percentile",
        "/baseline/speed_to_lead/p90_minutes",
        Minutes,
        Down,
    ),
    fig(
        "speed_median_business",
        "Speed-to-lead, median in business hours",
        "/baseline/speed_to_lead/median_business_minutes",
        Minutes,
        Down,
    ),
    fig(
        "within_5m",
        "Contacted within 5 minutes",
        "/baseline/speed_to_lead/within_5m",
        Share,
        Up,
    ),
    fig(
        "within_1h",
        "Contacted within 1 hour",
        "/baseline/speed_to_lead/within_1h",
        Share,
        Up,
    ),
    fig(
        "within_24h",
        "Contacted within 24 hours",
        "/baseline/speed_to_lead/within_24h",
        Share,
        Up,
    ),
    fig(
        "never_contacted",
        "Never contacted",
        "/baseline/speed_to_lead/never_contacted",
        Share,
        Down,
    ),
    fig(
        "sla_compliance",
        "Within the SLA target",
        "/baseline/sla/compliance",
        Share,
        Up,
    ),
    fig(
        "sla_after_hours_share",
        "SLA breaches after hours",
        "/baseline/sla/after_hours_share",
        Share,
        Down,
    ),
    fig(
        "never_contacted_breaches",
        "SLA breaches never contacted",
        "/baseline/sla/never_contacted_breaches",
        Count,
        Down,
    ),
    fig(
        "late_touch_no_follow_up",
        "Late touches never followed up",
        "/baseline/sla/late_touch_no_follow_up",
        Count,
        Down,
    ),
    fig(
        "night_breaches",
        "SLA breaches at night",
        "/baseline/sla/night_breaches",
        Count,
        Down,
    ),
    fig(
        "qualification_rate",
        "Qualification rate",
        "/baseline/qualification_rate",
        Share,
        Up,
    ),
    fig(
        "lead_to_opportunity",
        "Lead to opportunity",
        "/baseline/lead_to_opportunity",
        Share,
        Up,
    ),
    fig(
        "lead_to_won",
        "Lead to won",
        "/baseline/lead_to_won",
        Share,
        Up,
    ),
    fig("win_rate", "Win rate", "/baseline/win_rate", Share, Up),
    fig(
        "cycle_time",
        "Sales cycle, median",
        "/baseline/cycle_time_days_median",
        Days,
        Down,
    ),
    fig(
        "gini",
        "Unevenness of lead routing (Gini)",
        "/baseline/routing/gini",
        Ratio,
        Down,
    ),
    fig(
        "inactive_assignments",
        "Leads routed to inactive owners",
        "/baseline/routing/inactive_owner_assignments",
        Count,
        Down,
    ),
    fig(
        "account_owner_mismatches",
        "Leads routed away from the account owner",
        "/baseline/routing/account_owner_mismatches",
        Count,
        Down,
    ),
    fig(
        "unassigned",
        "Unassigned leads",
        "/baseline/routing/unassigned",
        Count,
        Down,
    ),
];

/// The figure with this id.
pub fn figure(id: &str) -> Option<&'static Figure> {
    FIGURES.iter().find(|f| f.id == id)
}

/// What a figure or a term means, in words a reader of the scorecard or the app can
/// check the numbers against. Every figure in [`FIGURES`] has one (same id); a few terms
/// used around them (first touch, "not reached", ...) have their own.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Definition {
    /// The figure's id in [`FIGURES`], or the term's own id.
    pub id: &'static str,
    /// The figure's label (see [`FIGURES`]) or the term.
    pub term: &'static str,
    pub text: &'static str,
}

const fn def(id: &'static str, term: &'static str, text: &'static str) -> Definition {
    Definition { id, term, text }
}

/// The definitions, in the order a reader needs them: the terms first, then the figures
/// in the order of [`FIGURES`]. This is the one place their wording lives; the PDF's
/// appendix and the app read it from here.
pub const DEFINITIONS: &[Definition] = &[
    def(
        "first_touch",
        "First touch",
        "The lead's first-touch time when the export has one at or after the lead was created; otherwise its earliest outbound call, email or meeting at or after creation. Inbound calls and emails, notes, tasks, form fills, page views and email opens never count. A touch logged before the lead existed never counts either: it is reported as a hygiene problem.",
    ),
    def(
        "not_reached",
        "Not reached",
        "A speed-to-lead median or percentile that falls among the leads nobody ever contacted. Those leads count as the slowest of all, so the figure has no number; it is never shown as 0.",
    ),
    def(
        "not_available",
        "Not available",
        "The exports do not hold what a figure needs (no deals file, no lead created in the period, no closed deal...). The reason is shown instead of a number, never a 0.",
    ),
    def(
        "period",
        "Period and quarters",
        "The figures cover the leads created in the audited period and the deals whose close date falls in it. Per quarter, leads count in the quarter they were created, deals in the quarter they closed. Days and hours are read on the clock of the workspace's time zone.",
    ),
    def(
        "response_curve",
        "Response-time curve",
        "The leads split by how fast they were first touched (within 5 minutes, 30 minutes, 1 hour, 24 hours, later, never) and, for each group, the share that qualified and the share that became an opportunity: your own version of the published five-minute finding. A small group gives a shaky rate, so each group's size is shown.",
    ),
    def(
        "sla_breach",
        "SLA breach",
        "A lead first touched later than the SLA target of the settings (the target for its priority where one is set), or never touched. Breaches by hour of week place each breach at the hour its lead was created.",
    ),
    def(
        "equal_share",
        "Equal share",
        "What each owner would receive if the leads (or, without a leads file, the deals) were spread evenly: the total divided by the number of owners who have at least one.",
    ),
    def(
        "leads",
        "Leads",
        "Leads or contacts created in the period, whatever happened to them afterwards.",
    ),
    def(
        "deals",
        "Deals closed",
        "Deals whose close date falls in the period (for the whole export: every deal), including open deals expected to close in it.",
    ),
    def(
        "speed_median",
        "Speed-to-lead, median",
        "The time from a lead's creation to its first touch, for the lead in the middle when all leads created in the period are lined up from fastest to slowest. Leads never contacted stay in the line as the slowest; when the middle falls among them the median is not reached. Medians and percentiles interpolate between neighbours, as a spreadsheet's MEDIAN does; clock time, nights and weekends included.",
    ),
    def(
        "speed_p90",
        "Speed-to-lead, 90th percentile",
        "The time within which nine leads in ten were first touched, counted like the median. Not reached when more than one lead in ten was never contacted.",
    ),
    def(
        "speed_median_business",
        "Speed-to-lead, median in business hours",
        "The median again, counting only the minutes inside the business hours of the settings: a lead created on Friday at 18:00 and touched on Monday at 09:30 waited 30 business minutes.",
    ),
    def(
        "within_5m",
        "Contacted within 5 minutes",
        "Leads first touched within 5 minutes of creation, as a share of all leads created in the period; the never-contacted stay in the denominator.",
    ),
    def(
        "within_1h",
        "Contacted within 1 hour",
        "Leads first touched within an hour of creation, as a share of all leads created in the period.",
    ),
    def(
        "within_24h",
        "Contacted within 24 hours",
        "Leads first touched within 24 hours of creation, as a share of all leads created in the period.",
    ),
    def(
        "never_contacted",
        "Never contacted",
        "Leads created in the period with no first touch at or after creation, as a share of all of them.",
    ),
    def(
        "sla_compliance",
        "Within the SLA target",
        "Leads first touched within the SLA target, as a share of the leads whose speed can be judged (clock time).",
    ),
    def(
        "sla_after_hours_share",
        "SLA breaches after hours",
        "Of the SLA breaches, the share whose lead was created outside business hours.",
    ),
    def(
        "never_contacted_breaches",
        "SLA breaches never contacted",
        "SLA breaches whose lead was never contacted at all.",
    ),
    def(
        "late_touch_no_follow_up",
        "Late touches never followed up",
        "SLA breaches whose lead was first touched after its target and never touched again: a miss nobody came back to, the sign of an SLA nobody owns (item 8). Needs activities linked to the leads.",
    ),
    def(
        "night_breaches",
        "SLA breaches at night",
        "SLA breaches of leads created between 00:00 and 04:59 local time, the 2 a.m. problem: leads that wait for the morning unless someone owns the night (item 8).",
    ),
    def(
        "qualification_rate",
        "Qualification rate",
        "Leads whose status or lifecycle stage is one of the qualified statuses of the settings (MQL, SQL, SAL...), divided by all leads created in the period.",
    ),
    def(
        "lead_to_opportunity",
        "Lead to opportunity",
        "Leads converted, or linked to a deal, divided by all leads created in the period.",
    ),
    def(
        "lead_to_won",
        "Lead to won",
        "Leads linked to a won deal, divided by all leads created in the period.",
    ),
    def(
        "win_rate",
        "Win rate",
        "Won deals divided by won and lost deals, among the deals closed in the period; open deals do not count.",
    ),
    def(
        "cycle_time",
        "Sales cycle, median",
        "For won deals closed in the period, the median number of days from the deal's creation (else its lead's) to its close date; a deal won on the day it was created counts 0 days. Deals closed before they were created are left out and counted.",
    ),
    def(
        "gini",
        "Unevenness of lead routing (Gini)",
        "How unevenly leads (or deals, without a leads file) are spread over the owners who have at least one: 0 when everyone has the same, towards 1 when one owner has nearly everything.",
    ),
    def(
        "inactive_assignments",
        "Leads routed to inactive owners",
        "Leads assigned to an owner who was not working then: marked inactive in the roster, out of office that day, or with no outbound activity in the days before (the inactivity window of the settings).",
    ),
    def(
        "account_owner_mismatches",
        "Leads routed away from the account owner",
        "Leads whose company already has an owner (the accounts file, else the owner of the company's latest deal) who is not the lead's owner.",
    ),
    def(
        "unassigned",
        "Unassigned leads",
        "Leads with no owner, or a placeholder such as \"N/A\" in its place.",
    ),
];

/// The definition of a figure or term.
pub fn definition(id: &str) -> Option<&'static Definition> {
    DEFINITIONS.iter().find(|d| d.id == id)
}

/// How a figure moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Movement {
    Better,
    Worse,
    Same,
    /// The figure is a size, or one side has no value.
    Unjudged,
}

/// A figure's value: a number, "not reached", or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Reading {
    Number(f64),
    NotReached(&'static str),
}

fn read(result: &Value, pointer: &str) -> Option<Reading> {
    match result.pointer(pointer)? {
        Value::Number(n) => n.as_f64().map(Reading::Number),
        Value::String(s) if s == "not_reached" => Some(Reading::NotReached("not_reached")),
        _ => None,
    }
}

/// What an audit that recorded nothing under a figure says instead.
const NOT_RECORDED: &str = "not recorded in that audit";

/// Why a baseline figure has no value in `result`: the reason stored with the audit
/// (`baseline.unavailable`, keyed by the figure's path with dots, the nearest enclosing
/// figure's reason else), e.g. "no deals file".
fn unavailable_reason(result: &Value, pointer: &str) -> String {
    let reasons = result.pointer("/baseline/unavailable");
    let mut key = pointer.trim_start_matches("/baseline/").replace('/', ".");
    loop {
        if let Some(r) = reasons.and_then(|u| u.get(&key)).and_then(Value::as_str) {
            return r.to_owned();
        }
        match key.rsplit_once('.') {
            Some((head, _)) => key = head.to_owned(),
            None => return NOT_RECORDED.to_owned(),
        }
    }
}

/// The baseline figure `id` of an audit's result JSON: its reading (a number, or "not
/// reached"), or why it is not available, as stored with the audit. `Err` also for an
/// unknown id.
pub fn read_figure(result: &Value, id: &str) -> Result<Reading, String> {
    let f = figure(id).ok_or_else(|| format!("no figure \"{id}\""))?;
    figure_side(result, f.pointer)
}

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

/// Judges a change. "Not reached" is the worst a speed figure can be.
pub fn judge(direction: Direction, before: Option<Reading>, after: Option<Reading>) -> Movement {
    use Reading::{NotReached, Number};
    if direction == Direction::Neutral {
        return Movement::Unjudged;
    }
    let (b, a) = match (before, after) {
        (Some(b), Some(a)) => (b, a),
        _ => return Movement::Unjudged,
    };
    match (b, a) {
        (NotReached(_), NotReached(_)) => Movement::Same,
        (NotReached(_), Number(_)) => Movement::Better,
        (Number(_), NotReached(_)) => Movement::Worse,
        (Number(b), Number(a)) => {
            let d = a - b;
            if d.abs() < 1e-9 {
                Movement::Same
            } else if (d > 0.0) == (direction == Direction::HigherIsBetter) {
                Movement::Better
            } else {
                Movement::Worse
            }
        }
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
        movement: judge(direction, before, after),
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

/// A baseline figure of `result`: its reading, or the reason it has none.
fn figure_side(result: &Value, pointer: &str) -> Side {
    read(result, pointer).ok_or_else(|| unavailable_reason(result, pointer))
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
                figure_side(before, f.pointer),
                figure_side(after, f.pointer),
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
    fn every_figure_has_one_definition_under_its_label() {
        for f in FIGURES {
            let d = definition(f.id).unwrap_or_else(|| panic!("no definition of {}", f.id));
            assert_eq!(d.term, f.label, "{}", f.id);
            assert!(d.text.ends_with('.'), "{}", f.id);
        }
        for (i, d) in DEFINITIONS.iter().enumerate() {
            assert!(
                DEFINITIONS[..i]
                    .iter()
                    .all(|o| o.id != d.id && o.term != d.term),
                "{} is defined twice",
                d.id
            );
        }
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
