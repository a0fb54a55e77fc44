//! Trends across every audit of a workspace: each headline figure of the scorecard
//! ([`HEADLINE`]), one point per audit, oldest first.
//!
//! An audit whose data could not give a figure is a *gap*, with its reason ("not
//! reached", or "not available: no activities file"), never a 0. Speed figures carry the
//! SLA target of the settings as a target line. This is the one place trends are
//! computed: `leadaudit history --json`, the app's History page and the PDF's Trend page
//! all read [`trends`] (and its line charts, [`Trend::chart`]).

use serde::Serialize;
use serde_json::Value;

use crate::audit::{self, AuditError, AuditResult};
use crate::charts::{ChartKind, ChartSpec, Orientation, Reference, Series};
use crate::format;
use crate::present::{self, Direction, HEADLINE, Reading, Unit};
use crate::store::Store;

/// Why an audit has no value for a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GapKind {
    /// A speed figure that falls among the leads never contacted.
    NotReached,
    /// The audit's exports do not hold what the figure needs.
    NotAvailable,
}

/// One audit's point of a trend.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// The audit's id in the workspace (when saved).
    pub audit_id: Option<i64>,
    /// The audit's name, e.g. "2026 Q3".
    pub audit: String,
    /// The value; `None` for a gap.
    pub value: Option<f64>,
    /// The value in words ("42%", "Not reached", "Not available").
    pub text: String,
    /// Why there is no value; `None` when there is one.
    pub gap: Option<GapKind>,
    /// The reason in words, as stored with the audit ("no activities file"); `None`
    /// when there is a value.
    pub reason: Option<String>,
}

/// A target line across a trend.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    pub label: String,
    pub value: f64,
    /// The value in words ("1 h").
    pub text: String,
}

/// One headline figure across every audit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trend {
    pub id: &'static str,
    pub label: &'static str,
    pub unit: Unit,
    pub direction: Direction,
    /// Oldest first.
    pub points: Vec<Point>,
    /// The SLA target, for the speed figures.
    pub target: Option<Target>,
}

/// The figures a target line applies to: the speed-to-lead times, against the SLA target.
const SLA_FIGURES: &[&str] = &["speed_median", "speed_p90"];

/// Each headline figure's trend over `audits` (oldest first).
pub fn trends(audits: &[AuditResult]) -> Vec<Trend> {
    let values: Vec<(Option<i64>, String, Value)> = audits
        .iter()
        .map(|a| {
            (
                a.audit.id,
                a.audit.name.trim().to_owned(),
                serde_json::to_value(a).unwrap_or(Value::Null),
            )
        })
        .collect();
    // The target of the newest audit's settings: the one the team works to now.
    let sla = audits.last().map(|a| a.settings.sla_minutes);
    HEADLINE
        .iter()
        .filter_map(|id| present::figure(id))
        .map(|f| Trend {
            id: f.id,
            label: f.label,
            unit: f.unit,
            direction: f.direction,
            points: values
                .iter()
                .map(|(audit_id, name, result)| point(*audit_id, name, f, result))
                .collect(),
            target: sla
                .filter(|m| SLA_FIGURES.contains(&f.id) && m.is_finite())
                .map(|m| Target {
                    label: "SLA target".to_owned(),
                    value: m,
                    text: format::minutes(m),
                }),
        })
        .collect()
}

/// Every audit of the workspace, oldest first, its grades applied: what [`trends`] reads.
pub fn audits_of(store: &Store) -> Result<Vec<AuditResult>, AuditError> {
    store
        .audits()?
        .iter()
        .map(|a| audit::load(store, a.id))
        .collect()
}

/// Each headline figure's trend over every audit of the workspace.
pub fn of_workspace(store: &Store) -> Result<Vec<Trend>, AuditError> {
    Ok(trends(&audits_of(store)?))
}

/// Each headline figure's trend over the workspace's audits up to and including `audit`
/// (the later ones left out): what the scorecard of `audit` draws on its Trend page.
pub fn up_to(store: &Store, audit: i64) -> Result<Vec<Trend>, AuditError> {
    let summaries = store.audits()?;
    let end = summaries
        .iter()
        .position(|a| a.id == audit)
        .map_or(summaries.len(), |i| i + 1);
    let audits = summaries[..end]
        .iter()
        .map(|a| audit::load(store, a.id))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(trends(&audits))
}

/// The eight heights of a sparkline, lowest first.
const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/// What a sparkline shows for an audit with no value.
pub const SPARK_GAP: char = '·';

impl Trend {
    /// The trend as one character per audit, for a terminal: the lowest value `▁`, the
    /// highest `█`, a gap [`SPARK_GAP`] (never `▁`, which is a value).
    pub fn sparkline(&self) -> String {
        let values: Vec<f64> = self.points.iter().filter_map(|p| p.value).collect();
        let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        self.points
            .iter()
            .map(|p| match p.value {
                None => SPARK_GAP,
                Some(_) if hi - lo < 1e-12 => BLOCKS[3],
                Some(v) => BLOCKS[(((v - lo) / (hi - lo)) * 7.0).round().clamp(0.0, 7.0) as usize],
            })
            .collect()
    }
}

fn point(audit_id: Option<i64>, name: &str, f: &present::Figure, result: &Value) -> Point {
    let read = f.read(result);
    let (value, gap, reason) = match &read {
        Ok(Reading::Number(v)) => (Some(*v), None, None),
        Ok(Reading::NotReached(_)) => (
            None,
            Some(GapKind::NotReached),
            Some(
                match f.id {
                    "speed_median" => "fewer than half the leads were ever contacted",
                    "speed_p90" => "more than one lead in ten was never contacted",
                    _ => "it falls among the leads never contacted",
                }
                .to_owned(),
            ),
        ),
        Err(why) => (None, Some(GapKind::NotAvailable), Some(why.clone())),
    };
    Point {
        audit_id,
        audit: name.to_owned(),
        value,
        text: format::reading(f.unit, read.ok()),
        gap,
        reason,
    }
}

impl Trend {
    /// The trend as a line chart: one category per audit, a gap (`null`) where an audit
    /// has no value, the target as the reference line, and the gaps named in the note.
    pub fn chart(&self) -> ChartSpec {
        let gaps: Vec<String> = self
            .points
            .iter()
            .filter_map(|p| {
                let what = match p.gap? {
                    GapKind::NotReached => format::NOT_REACHED,
                    GapKind::NotAvailable => format::NOT_AVAILABLE,
                };
                Some(match &p.reason {
                    Some(r) => format!("{} {}: {r}", p.audit, what.to_lowercase()),
                    None => format!("{} {}", p.audit, what.to_lowercase()),
                })
            })
            .collect();
        let note = if gaps.is_empty() {
            String::new()
        } else {
            format!("No value (a gap, not 0): {}.", gaps.join("; "))
        };
        ChartSpec {
            id: format!("trend_{}", self.id),
            title: self.label.to_owned(),
            kind: ChartKind::Line,
            orientation: Orientation::Vertical,
            x_label: "Audit, oldest first".to_owned(),
            y_label: self.label.to_owned(),
            unit: self.unit,
            currency: None,
            categories: self.points.iter().map(|p| p.audit.clone()).collect(),
            series: vec![Series::new(
                self.label,
                self.points.iter().map(|p| p.value).collect(),
            )],
            reference: self.target.as_ref().map(|t| Reference {
                label: t.label.clone(),
                value: t.value,
            }),
            note,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::fixture;

    fn audit(id: i64, name: &str, edit: impl FnOnce(&mut Value)) -> AuditResult {
        let mut v = serde_json::to_value(fixture::result()).unwrap();
        v["audit"]["id"] = id.into();
        v["audit"]["name"] = name.into();
        edit(&mut v);
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn one_point_per_audit_oldest_first_with_gaps_and_their_reasons() {
        let audits = vec![
            audit(1, "2026 Q1", |v| {
                v["baseline"]["win_rate"] = 0.20.into();
            }),
            audit(2, "2026 Q2", |v| {
                v["baseline"]["win_rate"] = Value::Null;
                v["baseline"]["unavailable"]["win_rate"] = "no deals file".into();
                v["baseline"]["speed_to_lead"]["median_minutes"] = "not_reached".into();
            }),
            audit(3, "2026 Q3", |v| {
                v["baseline"]["win_rate"] = 0.25.into();
            }),
        ];
        let t = trends(&audits);
        assert_eq!(
            t.iter().map(|t| t.id).collect::<Vec<_>>(),
            HEADLINE.to_vec()
        );
        let win = t.iter().find(|t| t.id == "win_rate").unwrap();
        assert_eq!(
            win.points.iter().map(|p| p.value).collect::<Vec<_>>(),
            vec![Some(0.20), None, Some(0.25)]
        );
        assert_eq!(win.points[1].gap, Some(GapKind::NotAvailable));
        assert_eq!(win.points[1].reason.as_deref(), Some("no deals file"));
        assert_eq!(win.points[1].text, format::NOT_AVAILABLE);
        assert_eq!(win.points[0].text, "20%");
        assert_eq!(win.target, None);

        let median = t.iter().find(|t| t.id == "speed_median").unwrap();
        assert_eq!(median.points[1].gap, Some(GapKind::NotReached));
        assert_eq!(median.points[1].value, None);
        assert_eq!(median.points[1].text, format::NOT_REACHED);
        let target = median.target.as_ref().unwrap();
        assert_eq!(target.value, audits[2].settings.sla_minutes);

        // The chart draws the gap as a gap (null), never 0, and says why.
        let chart = win.chart();
        chart.validate().unwrap();
        assert_eq!(chart.kind, ChartKind::Line);
        assert_eq!(chart.categories, vec!["2026 Q1", "2026 Q2", "2026 Q3"]);
        assert_eq!(chart.series[0].values, vec![Some(0.20), None, Some(0.25)]);
        assert!(
            chart.note.contains("2026 Q2 not available: no deals file"),
            "{}",
            chart.note
        );
        assert_eq!(chart.labels().values[0][1], format::NO_VALUE);
        let median_chart = median.chart();
        assert_eq!(
            median_chart.reference.as_ref().map(|r| r.value),
            Some(target.value)
        );
    }

    #[test]
    fn a_sparkline_shows_a_gap_as_a_gap() {
        let audits = vec![
            audit(1, "Q1", |v| v["baseline"]["win_rate"] = 0.10.into()),
            audit(2, "Q2", |v| {
                v["baseline"]["win_rate"] = Value::Null;
                v["baseline"]["unavailable"]["win_rate"] = "no deals file".into();
            }),
            audit(3, "Q3", |v| v["baseline"]["win_rate"] = 0.30.into()),
            audit(4, "Q4", |v| v["baseline"]["win_rate"] = 0.20.into()),
        ];
        let t = trends(&audits);
        let win = t.iter().find(|t| t.id == "win_rate").unwrap();
        assert_eq!(win.sparkline(), "▁·█▅");
    }

    #[test]
    fn no_audit_no_points() {
        let t = trends(&[]);
        assert_eq!(t.len(), HEADLINE.len());
        assert!(t.iter().all(|t| t.points.is_empty() && t.target.is_none()));
    }
}
