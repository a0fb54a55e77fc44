//! How Lead Audit presents a figure: the one description of every figure (its key,
//! label, unit, which way is better, its definition) and the words for how it moved.
//! The comparison ([`crate::compare`]), the charts ([`crate::charts`]), the trends, the
//! CLI, the app's views and the PDF scorecard all read it from here; numbers are written
//! by [`crate::format`], through [`Unit::format`].
//!
//! - [`Unit`]: how a value reads (a share as a percentage, minutes, hours, days, a
//!   count, a coefficient, money).
//! - [`Direction`]: which way a figure is better; [`Movement`]: how it moved, judged by
//!   that direction; [`Arrow`]: which way it moved, better or not.
//! - [`FIGURES`]: every baseline figure (key, label, where it lives in an audit's
//!   result, unit, direction), read with [`Figure::read`].
//! - [`DEFINITIONS`]: what each figure and term means.
//! - [`headline`]: the headline figures of page 1 and of the app's dashboard, with
//!   their movement in words.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::format;

mod definitions;
pub mod headline;

pub use definitions::{DEFINITIONS, Definition, definition};
pub use headline::{Delta, HEADLINE, HeadlineFigure, headline_figures};

/// How a value reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A share between 0 and 1, shown as a percentage (`42%`). Read as `"share"` too,
    /// the name comparisons used before.
    #[serde(alias = "share")]
    Percent,
    Minutes,
    Hours,
    Days,
    /// A count (a fractional one, an average, has one decimal).
    Count,
    /// A coefficient 0..1 (the Gini of lead routing, an AUC): two decimals.
    Ratio,
    /// An amount of money; the currency is named beside the value.
    Currency,
}

impl Unit {
    /// A value in this unit, by the one formatting rule of [`crate::format`]:
    ///
    /// - `percent`: [`format::percent`] (`42%`, `4.5%`, `0%`);
    /// - `minutes`: [`format::minutes`] (`12 min`, `3.2 h`, `2.1 d`);
    /// - `hours`: [`format::hours`] (`3.2 h`, or in days from 48 h);
    /// - `days`: [`format::days`] (`12 d`, `2.5 d`);
    /// - `count`: [`format::number`] (`12,345`, else one decimal);
    /// - `ratio`: [`format::ratio`] (`0.41`);
    /// - `currency`: [`format::money`] (`USD 950`, `USD 12.3k`, `USD 1.2M`).
    ///
    /// A value that is not finite reads `–`.
    pub fn format(self, value: f64, currency: Option<&str>) -> String {
        match self {
            Unit::Percent => format::percent(value),
            Unit::Minutes => format::minutes(value),
            Unit::Hours => format::hours(value),
            Unit::Days => format::days(value),
            Unit::Count => format::number(value),
            Unit::Ratio => format::ratio(value),
            Unit::Currency => format::money(value, currency),
        }
    }
}

/// Which way a figure is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
    /// A size, not a quality (e.g. how many leads there were).
    Neutral,
}

impl Direction {
    /// Judges a change from `before` to `after` ("not reached" is the worst a speed
    /// figure can be). A size, or a side with no value, is unjudged.
    pub fn judge(self, before: Option<Reading>, after: Option<Reading>) -> Movement {
        use Reading::{NotReached, Number};
        if self == Direction::Neutral {
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
                } else if (d > 0.0) == (self == Direction::HigherIsBetter) {
                    Movement::Better
                } else {
                    Movement::Worse
                }
            }
        }
    }
}

/// How a figure (or a grade) moved: better or worse by its [`Direction`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Movement {
    Better,
    Worse,
    Same,
    /// The figure is a size, or one side has no value.
    Unjudged,
}

/// Which way a figure moved, whether or not that is better: the arrow beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Arrow {
    Up,
    Down,
    Flat,
}

/// A figure's value: a number, "not reached", or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Reading {
    Number(f64),
    NotReached(&'static str),
}

/// One baseline figure.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Figure {
    pub id: &'static str,
    pub label: &'static str,
    /// JSON pointer into an audit result.
    pub pointer: &'static str,
    pub unit: Unit,
    pub direction: Direction,
}

impl Figure {
    /// This figure in an audit's result JSON: its reading (a number, or "not reached"),
    /// or why it is not available, as stored with the audit.
    pub fn read(&self, result: &Value) -> Result<Reading, String> {
        read(result, self.pointer).ok_or_else(|| unavailable_reason(result, self.pointer))
    }

    /// Its definition ([`DEFINITIONS`]); every figure has one.
    pub fn definition(&self) -> &'static str {
        definition(self.id).map_or("", |d| d.text)
    }
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
use Unit::{Count, Days, Minutes, Percent, Ratio};

/// Every baseline figure, in the order they are shown (the comparison, the PDF's
/// table of figures, the app's comparison).
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
        Percent,
        Up,
    ),
    fig(
        "within_1h",
        "Contacted within 1 hour",
        "/baseline/speed_to_lead/within_1h",
        Percent,
        Up,
    ),
    fig(
        "within_24h",
        "Contacted within 24 hours",
        "/baseline/speed_to_lead/within_24h",
        Percent,
        Up,
    ),
    fig(
        "never_contacted",
        "Never contacted",
        "/baseline/speed_to_lead/never_contacted",
        Percent,
        Down,
    ),
    fig(
        "sla_compliance",
        "Within the SLA target",
        "/baseline/sla/compliance",
        Percent,
        Up,
    ),
    fig(
        "sla_after_hours_share",
        "SLA breaches after hours",
        "/baseline/sla/after_hours_share",
        Percent,
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
        Percent,
        Up,
    ),
    fig(
        "lead_to_opportunity",
        "Lead to opportunity",
        "/baseline/lead_to_opportunity",
        Percent,
        Up,
    ),
    fig(
        "lead_to_won",
        "Lead to won",
        "/baseline/lead_to_won",
        Percent,
        Up,
    ),
    fig("win_rate", "Win rate", "/baseline/win_rate", Percent, Up),
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

/// The baseline figure `id` of an audit's result JSON: its reading (a number, or "not
/// reached"), or why it is not available, as stored with the audit. `Err` also for an
/// unknown id.
pub fn read_figure(result: &Value, id: &str) -> Result<Reading, String> {
    figure(id)
        .ok_or_else(|| format!("no figure \"{id}\""))?
        .read(result)
}

fn read(result: &Value, pointer: &str) -> Option<Reading> {
    match result.pointer(pointer)? {
        Value::Number(n) => n.as_f64().map(Reading::Number),
        Value::String(s) if s == "not_reached" => Some(Reading::NotReached("not_reached")),
        _ => None,
    }
}

/// What an audit that recorded nothing under a figure says instead.
pub const NOT_RECORDED: &str = "not recorded in that audit";

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_figure_has_one_definition_under_its_label() {
        for f in FIGURES {
            let d = definition(f.id).unwrap_or_else(|| panic!("no definition of {}", f.id));
            assert_eq!(d.term, f.label, "{}", f.id);
            assert!(d.text.ends_with('.'), "{}", f.id);
            assert_eq!(f.definition(), d.text);
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
    fn each_unit_reads_by_the_one_rule() {
        let f = |u: Unit, v: f64| u.format(v, Some("USD"));
        assert_eq!(f(Unit::Percent, 0.42), "42%");
        assert_eq!(f(Unit::Percent, 0.045), "4.5%");
        assert_eq!(f(Unit::Minutes, 192.0), "3.2 h");
        assert_eq!(f(Unit::Hours, 72.0), "3 d");
        assert_eq!(f(Unit::Days, 37.0), "37 d");
        assert_eq!(f(Unit::Count, 12345.0), "12,345");
        assert_eq!(f(Unit::Ratio, 0.412), "0.41");
        assert_eq!(f(Unit::Currency, 12_340.0), "USD 12.3k");
        // Comparisons saved their shares as "share": still read as a percentage.
        let u: Unit = serde_json::from_str("\"share\"").unwrap();
        assert_eq!(u, Unit::Percent);
        assert_eq!(
            serde_json::to_string(&Unit::Percent).unwrap(),
            "\"percent\""
        );
    }

    #[test]
    fn a_change_is_judged_by_the_figures_direction() {
        use Reading::{NotReached, Number};
        let up = Direction::HigherIsBetter;
        let down = Direction::LowerIsBetter;
        assert_eq!(
            up.judge(Some(Number(0.3)), Some(Number(0.35))),
            Movement::Better
        );
        assert_eq!(
            down.judge(Some(Number(50.0)), Some(Number(55.0))),
            Movement::Worse
        );
        assert_eq!(
            down.judge(Some(Number(5.0)), Some(Number(5.0))),
            Movement::Same
        );
        assert_eq!(
            down.judge(Some(NotReached("not_reached")), Some(Number(42.0))),
            Movement::Better
        );
        assert_eq!(down.judge(None, Some(Number(42.0))), Movement::Unjudged);
        assert_eq!(
            Direction::Neutral.judge(Some(Number(1.0)), Some(Number(2.0))),
            Movement::Unjudged
        );
    }
}
