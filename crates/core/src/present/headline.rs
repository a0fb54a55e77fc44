//! The headline figures: the twelve baselines page 1 of the scorecard shows, and the
//! app's dashboard, history and workshop with it, each with a line of context and its
//! movement since the previous audit in words.

use serde::Serialize;
use serde_json::Value;

use super::{Arrow, Movement, Reading, figure};
use crate::audit::AuditResult;
use crate::charts;
use crate::format;
use crate::metrics::Stat;

/// The headline figures of page 1, in order: ids of [`super::FIGURES`].
pub const HEADLINE: [&str; 12] = [
    "speed_median",
    "speed_p90",
    "within_5m",
    "within_1h",
    "never_contacted",
    // Item 7 against the SLA target of the settings (by default 5 min for high
    // priority, 1 h otherwise), then item 8's evidence: the misses nobody owned.
    "sla_compliance",
    "late_touch_no_follow_up",
    "night_breaches",
    "qualification_rate",
    "lead_to_opportunity",
    "win_rate",
    "cycle_time",
];

/// The movement of a figure against a previous audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Delta {
    /// E.g. "+4 pts", "was not reached in 2026 Q2".
    pub text: String,
    /// Which way the figure moved.
    pub arrow: Arrow,
    /// Whether that is better (by the figure's direction).
    pub movement: Movement,
}

/// One headline figure as page 1 shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeadlineFigure {
    pub id: &'static str,
    pub label: &'static str,
    /// The value ([`format::reading`]).
    pub value: String,
    /// There is no number: the figure was not reached, or is not available.
    pub missing: bool,
    /// A line of context: the count behind a share, the business-hours figure, or why
    /// the figure is not available.
    pub detail: String,
    /// What the figure means ([`super::DEFINITIONS`]).
    pub definition: &'static str,
    /// The movement since the previous audit.
    pub delta: Option<Delta>,
}

/// The headline figures of `result`, with their movement since `previous`.
pub fn headline_figures(
    result: &AuditResult,
    previous: Option<&AuditResult>,
) -> Vec<HeadlineFigure> {
    let now = serde_json::to_value(result).unwrap_or(Value::Null);
    let before = previous
        .and_then(|p| serde_json::to_value(p).ok())
        .unwrap_or(Value::Null);
    let prev_name = previous.map(|p| p.audit.name.trim().to_owned());
    HEADLINE
        .iter()
        .filter_map(|id| {
            let figure = figure(id)?;
            let after = figure.read(&now).ok();
            let detail = match after {
                Some(Reading::Number(_)) => headline_detail(result, id),
                Some(Reading::NotReached(_)) => not_reached_detail(id),
                None => unavailable_reason(result, figure.pointer),
            };
            let delta = prev_name.as_ref().map(|name| {
                let before = figure.read(&before).ok();
                delta_of(
                    figure.unit,
                    before,
                    after,
                    figure.direction.judge(before, after),
                    name,
                )
            });
            Some(HeadlineFigure {
                id: figure.id,
                label: figure.label,
                value: format::reading(figure.unit, after),
                missing: !matches!(after, Some(Reading::Number(_))),
                detail,
                definition: figure.definition(),
                delta,
            })
        })
        .collect()
}

fn delta_of(
    unit: super::Unit,
    before: Option<Reading>,
    after: Option<Reading>,
    movement: Movement,
    prev: &str,
) -> Delta {
    let delta = match (before, after) {
        (Some(Reading::Number(b)), Some(Reading::Number(a))) => Some(a - b),
        _ => None,
    };
    match (before, after, delta) {
        (_, _, Some(d)) => Delta {
            text: if d.abs() < 1e-9 {
                "no change".to_owned()
            } else {
                format::change(unit, d)
            },
            arrow: if d.abs() < 1e-9 {
                Arrow::Flat
            } else if d > 0.0 {
                Arrow::Up
            } else {
                Arrow::Down
            },
            movement,
        },
        (Some(Reading::NotReached(_)), Some(Reading::Number(_)), None) => Delta {
            text: format!("was not reached in {prev}"),
            arrow: Arrow::Down,
            movement,
        },
        (Some(b @ Reading::Number(_)), Some(Reading::NotReached(_)), None) => Delta {
            text: format!("was {} in {prev}", format::reading(unit, Some(b))),
            arrow: Arrow::Up,
            movement,
        },
        (Some(Reading::NotReached(_)), Some(Reading::NotReached(_)), None) => Delta {
            text: format!("not reached in {prev} either"),
            arrow: Arrow::Flat,
            movement,
        },
        (None, _, _) => Delta {
            text: format!("not available in {prev}"),
            arrow: Arrow::Flat,
            movement: Movement::Unjudged,
        },
        (_, None, _) => Delta {
            text: format!(
                "was {} in {prev}",
                format::reading(unit, before).to_lowercase()
            ),
            arrow: Arrow::Flat,
            movement: Movement::Unjudged,
        },
        // Two numbers always have a difference; kept for completeness.
        _ => Delta {
            text: format!("compared with {prev}"),
            arrow: Arrow::Flat,
            movement,
        },
    }
}

fn count(n: u64) -> String {
    format::count(n)
}

fn stat(s: Stat) -> String {
    match s {
        Stat::Minutes(m) => format::minutes(m),
        Stat::NotReached => format::NOT_REACHED.to_lowercase(),
    }
}

fn headline_detail(result: &AuditResult, id: &str) -> String {
    let f = &result.baseline.figures;
    let speed = f.speed_to_lead.as_ref();
    let leads = f.leads.map(count).unwrap_or_default();
    match id {
        "speed_median" => speed
            .map(|s| format!("in business hours: {}", stat(s.median_business_minutes)))
            .unwrap_or_default(),
        "speed_p90" => speed
            .map(|s| format!("in business hours: {}", stat(s.p90_business_minutes)))
            .unwrap_or_default(),
        "within_5m" => speed
            .map(|s| format!("of {} leads created", count(s.leads)))
            .unwrap_or_default(),
        "within_1h" => speed
            .map(|s| format!("within 24 h: {}", format::percent(s.within_24h)))
            .unwrap_or_default(),
        "never_contacted" => speed
            .map(|s| {
                format!(
                    "{} of {} leads",
                    count(s.leads.saturating_sub(s.contacted)),
                    count(s.leads)
                )
            })
            .unwrap_or_default(),
        "sla_compliance" => f
            .sla
            .as_ref()
            .map(|s| {
                format!(
                    "in business hours: {}",
                    format::percent(s.compliance_business_hours)
                )
            })
            .unwrap_or_default(),
        "late_touch_no_follow_up" => f
            .sla
            .as_ref()
            .map(|s| format!("of {} breaches", count(s.breaches)))
            .unwrap_or_default(),
        "night_breaches" => f
            .sla
            .as_ref()
            .map(|s| format!("of {} breaches", count(s.breaches)))
            .unwrap_or_default(),
        "qualification_rate" => format!("of {leads} leads created"),
        "lead_to_opportunity" => "leads with a deal".to_owned(),
        "win_rate" => format!(
            "{} won, {} lost",
            f.deals_won.map(count).unwrap_or_default(),
            f.deals_lost.map(count).unwrap_or_default()
        ),
        "cycle_time" => match f.cycle_time_excluded.filter(|n| *n > 0) {
            Some(n) => format!("won deals; {} left out", count(n)),
            None => "won deals, created to closed".to_owned(),
        },
        _ => String::new(),
    }
}

fn not_reached_detail(id: &str) -> String {
    match id {
        "speed_p90" => "over 1 lead in 10 was never contacted".to_owned(),
        _ => "over half the leads were never contacted".to_owned(),
    }
}

/// Why the figure at `pointer` (`/baseline/...`) has no value.
fn unavailable_reason(result: &AuditResult, pointer: &str) -> String {
    let key = pointer.trim_start_matches("/baseline/").replace('/', ".");
    charts::unavailable_reason(
        &result.baseline.figures,
        &[key.as_str()],
        "the exports do not hold what it needs",
    )
}
