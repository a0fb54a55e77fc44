//! What the dashboard, the history and the comparison show, put together from the
//! core: the headline figures as the scorecard words them (`present::headline_figures`),
//! the charts the PDF draws (`charts::audit_charts`), the findings in the core's order,
//! movements judged by `compare`, labels and definitions from `present`. Nothing here
//! computes a figure, and every number leaves formatted by `leadaudit::format` (chart
//! labels included), so the UI formats none; personal data is masked by the core
//! (`AuditResult::redacted`), as in the PDF.

use std::path::Path;

use leadaudit::audit::{self, AuditResult};
use leadaudit::charts::{self, ChartSpec, LabelledChart, OmittedChart};
use leadaudit::compare;
use leadaudit::findings::{Finding, Findings};
use leadaudit::format::{self, NOT_AVAILABLE};
use leadaudit::grade::GradeLevel;
use leadaudit::present::{HeadlineFigure, Movement, Reading, Unit, headline_figures};
use leadaudit::store::Store;
use leadaudit::trends::GapKind;
use serde::Serialize;

use crate::CommandError;

/// Which audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRef {
    pub id: i64,
    pub name: String,
    pub period: String,
}

impl AuditRef {
    pub fn of(result: &AuditResult) -> AuditRef {
        AuditRef {
            id: result.audit.id.unwrap_or_default(),
            name: result.audit.name.clone(),
            period: result.audit.period.clone(),
        }
    }
}

/// The findings of one checklist item, most severe first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingGroup {
    pub item: u8,
    pub title: String,
    pub findings: Vec<Finding>,
}

/// One audit as the dashboard and the walkthrough show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditView {
    pub result: AuditResult,
    /// The audit it is compared with: the one saved before it.
    pub previous: Option<AuditRef>,
    /// The headline figures as page 1 of the scorecard shows them.
    pub headline: Vec<HeadlineFigure>,
    /// The PDF's charts, with every number on them in words.
    pub charts: Vec<LabelledChart>,
    pub omitted: Vec<OmittedChart>,
    pub findings: Vec<FindingGroup>,
    /// Emails and phone numbers are masked.
    pub redacted: bool,
    /// Score readiness in words, with its charts (absent from audits stored before it).
    pub readiness: Option<leadaudit::readiness::view::ReadinessView>,
}

/// A value in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FigureText {
    pub id: &'static str,
    pub label: &'static str,
    pub value: String,
}

/// One audit in the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryRow {
    pub id: i64,
    pub name: String,
    pub period: String,
    pub created_at: String,
    pub verdict: String,
    pub figures: Vec<FigureText>,
}

/// One audit's point of a headline figure's trend.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendPointView {
    pub audit_id: Option<i64>,
    pub audit: String,
    /// The value in words: "42%", "Not reached", "Not available".
    pub text: String,
    /// `not_reached` or `not_available` when the audit has no value (a gap, never 0).
    pub gap: Option<&'static str>,
    /// Why, as stored with the audit: "no activities file".
    pub reason: Option<String>,
}

/// One headline figure across every audit, oldest first (`leadaudit::trends`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendView {
    pub id: &'static str,
    pub label: &'static str,
    pub points: Vec<TrendPointView>,
    /// The newest audit's value in words.
    pub latest: String,
    /// "SLA target: 1 h" where a target applies.
    pub target: Option<String>,
    /// How many audits could not give the figure.
    pub gaps: usize,
    /// Those audits with why: "2026 Q4: not available (no activities file)".
    pub missing: Vec<String>,
    /// The line chart (the PDF's Trend page draws the same), a `null` for each gap.
    pub chart: LabelledChart,
}

/// Each headline figure across `audits` (oldest first), for the History page.
pub fn trends_of(audits: &[AuditResult]) -> Vec<TrendView> {
    leadaudit::trends::trends(audits)
        .into_iter()
        .map(|t| TrendView {
            id: t.id,
            label: t.label,
            latest: t
                .points
                .last()
                .map_or_else(|| NOT_AVAILABLE.to_owned(), |p| p.text.clone()),
            target: t
                .target
                .as_ref()
                .map(|g| format!("{}: {}", g.label, g.text)),
            gaps: t.points.iter().filter(|p| p.gap.is_some()).count(),
            missing: t
                .points
                .iter()
                .filter(|p| p.gap.is_some())
                .map(|p| match &p.reason {
                    Some(r) => format!("{}: {} ({r})", p.audit, p.text.to_lowercase()),
                    None => format!("{}: {}", p.audit, p.text.to_lowercase()),
                })
                .collect(),
            chart: t.chart().labelled(),
            points: t
                .points
                .into_iter()
                .map(|p| TrendPointView {
                    audit_id: p.audit_id,
                    audit: p.audit,
                    text: p.text,
                    gap: p.gap.map(|g| match g {
                        GapKind::NotReached => "not_reached",
                        GapKind::NotAvailable => "not_available",
                    }),
                    reason: p.reason,
                })
                .collect(),
        })
        .collect()
}

/// One figure or finding count of two audits side by side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComparedFigure {
    pub id: String,
    pub label: String,
    pub before: String,
    pub after: String,
    /// "+4 pts", "−2.1 h"; none when one side has no number.
    pub change: Option<String>,
    pub movement: Movement,
    /// Why the change is not judged when an audit could not measure the figure: "not
    /// available in 2026 Q2: no activities file".
    pub note: Option<String>,
}

/// How many rows moved which way (unjudged ones counted apart, sizes not at all).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MovementCounts {
    pub better: usize,
    pub worse: usize,
    pub same: usize,
    pub unjudged: usize,
}

impl From<compare::Summary> for MovementCounts {
    fn from(s: compare::Summary) -> Self {
        MovementCounts {
            better: s.better,
            worse: s.worse,
            same: s.same,
            unjudged: s.unjudged,
        }
    }
}

/// An item whose grade changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GradeMove {
    pub item: u8,
    pub title: String,
    pub before: &'static str,
    pub after: &'static str,
    pub movement: Movement,
}

/// Two audits compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComparisonView {
    pub before: AuditRef,
    pub after: AuditRef,
    pub figures: Vec<ComparedFigure>,
    /// How the figures moved, as the core judged them.
    pub summary: MovementCounts,
    /// Finding counts (fewer is better), those found in either audit.
    pub findings: Vec<ComparedFigure>,
    pub grades: Vec<GradeMove>,
}

/// The view of `result` (its grades applied), compared with `previous`.
pub fn audit_view_of(
    result: AuditResult,
    previous: Option<&AuditResult>,
    reveal: bool,
) -> Result<AuditView, CommandError> {
    // Masked by the core, as the PDF is.
    let result = if reveal { result } else { result.redacted()? };
    let headline = headline_figures(&result, previous);
    let set = charts::audit_charts(&result, previous);
    let charts: Vec<ChartSpec> = if reveal {
        set.charts
    } else {
        set.charts.into_iter().map(ChartSpec::redacted).collect()
    };
    let sorted = Findings {
        findings: result.findings.clone(),
    };
    let mut findings: Vec<FindingGroup> = Vec::new();
    for f in sorted.sorted() {
        match findings.last_mut() {
            Some(g) if g.item == f.item => g.findings.push(f.clone()),
            _ => findings.push(FindingGroup {
                item: f.item,
                title: result
                    .checks
                    .iter()
                    .find(|c| c.item == f.item)
                    .map_or_else(|| format!("Item {}", f.item), |c| c.title.clone()),
                findings: vec![f.clone()],
            }),
        }
    }
    Ok(AuditView {
        previous: previous.map(AuditRef::of),
        headline,
        charts: charts.into_iter().map(ChartSpec::labelled).collect(),
        omitted: set.omitted,
        findings,
        redacted: !reveal,
        readiness: result
            .readiness
            .as_ref()
            .map(leadaudit::readiness::view::view),
        result,
    })
}

/// Every audit of the workspace with its headline figures in words, oldest first.
pub fn history_of(store: &Store) -> Result<Vec<HistoryRow>, CommandError> {
    let mut rows = Vec::new();
    for summary in store.audits()? {
        let result = audit::load(store, summary.id)?;
        rows.push(HistoryRow {
            id: summary.id,
            name: summary.name,
            period: result.audit.period.clone(),
            created_at: summary.created_at,
            verdict: result.verdict.label.clone(),
            figures: headline_figures(&result, None)
                .into_iter()
                .map(|h| FigureText {
                    id: h.id,
                    label: h.label,
                    value: h.value,
                })
                .collect(),
        });
    }
    Ok(rows)
}

/// "fill_rate:leads.industry" → "Fill rate (leads.industry)".
fn finding_label(key: &str) -> String {
    let (id, field) = match key.split_once(':') {
        Some((id, field)) => (id, Some(field)),
        None => (key, None),
    };
    let words = id.replace('_', " ");
    let mut label: String = words
        .chars()
        .take(1)
        .flat_map(char::to_uppercase)
        .chain(words.chars().skip(1))
        .collect();
    if let Some(field) = field {
        label.push_str(&format!(" ({field})"));
    }
    label
}

fn grade_label(s: &str) -> &'static str {
    GradeLevel::ALL
        .into_iter()
        .find(|g| g.as_str() == s)
        .unwrap_or(GradeLevel::NotAssessed)
        .label()
}

/// `before` and `after` (their grades applied) side by side.
pub fn comparison_of(before: &AuditResult, after: &AuditResult) -> ComparisonView {
    let b = serde_json::to_value(before).unwrap_or_default();
    let a = serde_json::to_value(after).unwrap_or_default();
    let c = compare::compare(&b, &a);
    let row = |r: &compare::Row, label: String| ComparedFigure {
        id: r.id.clone(),
        label,
        before: format::reading(r.unit, r.before),
        after: format::reading(r.unit, r.after),
        change: r.delta.map(|d| format::change(r.unit, d)),
        movement: r.movement,
        note: r.unjudged_reason(&before.audit.name, &after.audit.name),
    };
    ComparisonView {
        before: AuditRef::of(before),
        after: AuditRef::of(after),
        summary: c.summary.into(),
        figures: c
            .figures
            .iter()
            .filter(|r| r.before.is_some() || r.after.is_some())
            .map(|r| row(r, r.label.clone()))
            .collect(),
        findings: c
            .findings
            .iter()
            .filter(|r| {
                let n = |x: Option<Reading>| match x {
                    Some(Reading::Number(v)) => v,
                    _ => 0.0,
                };
                r.unit == Unit::Count && (n(r.before) > 0.0 || n(r.after) > 0.0)
            })
            .map(|r| row(r, finding_label(&r.id)))
            .collect(),
        grades: c
            .grades
            .iter()
            .map(|g| GradeMove {
                item: g.item,
                title: g.title.clone(),
                before: grade_label(&g.before),
                after: grade_label(&g.after),
                movement: g.movement,
            })
            .collect(),
    }
}

/// One audit for the dashboard and the walkthrough, with its grades; personal data
/// masked unless `reveal`.
#[tauri::command]
pub async fn audit_view(
    workspace: String,
    audit: i64,
    reveal: bool,
) -> Result<AuditView, CommandError> {
    let store = Store::open_read_only(Path::new(&workspace))?;
    let result = audit::load(&store, audit)?;
    let previous = audit::previous(&store, audit)?;
    audit_view_of(result, previous.as_ref(), reveal)
}

/// Every audit with its headline figures, oldest first.
#[tauri::command]
pub async fn audit_history(workspace: String) -> Result<Vec<HistoryRow>, CommandError> {
    history_of(&Store::open_read_only(Path::new(&workspace))?)
}

/// Each headline figure across every audit of the workspace, oldest first.
#[tauri::command]
pub async fn audit_trends(workspace: String) -> Result<Vec<TrendView>, CommandError> {
    let store = Store::open_read_only(Path::new(&workspace))?;
    Ok(trends_of(&leadaudit::trends::audits_of(&store)?))
}

/// Two audits compared, figure by figure.
#[tauri::command]
pub async fn compare_audits(
    workspace: String,
    before: i64,
    after: i64,
) -> Result<ComparisonView, CommandError> {
    if before == after {
        return Err(CommandError::msg(
            "compare_same_audit",
            "choose two different audits to compare",
        ));
    }
    let store = Store::open_read_only(Path::new(&workspace))?;
    Ok(comparison_of(
        &audit::load(&store, before)?,
        &audit::load(&store, after)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audits::run_and_save;
    use crate::testing::sample;

    /// #16: four quarters (`synth --quarters 4`), the third without its activities
    /// file: each headline figure has four points, oldest first, and the third quarter's
    /// speed is a gap with its reason, drawn as `null`, never 0.
    #[test]
    fn four_audits_give_four_point_trends_with_the_gap_as_a_gap() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        leadaudit_synth::generate(&leadaudit_synth::SynthOptions {
            out: data.clone(),
            seed: 11,
            contacts: Some(2_000),
            profile: leadaudit_synth::Profile::Sample,
            quarters: 4,
        })
        .unwrap();
        let ws = dir.path().join("w.leadaudit");
        crate::workspace::create_at("W", ws.to_str().unwrap()).unwrap();
        for q in ["2026Q2", "2026Q3", "2026Q4", "2027Q1"] {
            let files: Vec<String> = ["contacts", "deals", "engagements", "owners"]
                .iter()
                .filter(|f| q != "2026Q4" || **f != "engagements")
                .map(|f| {
                    data.join(format!("hubspot-{q}/{f}.csv"))
                        .display()
                        .to_string()
                })
                .collect();
            let name = format!("{} {}", &q[..4], &q[4..]);
            run_and_save(&ws, &name, &files, None, &mut |_| {}).unwrap();
        }
        let store = Store::open_read_only(&ws).unwrap();
        let trends = trends_of(&leadaudit::trends::audits_of(&store).unwrap());
        assert_eq!(
            trends.iter().map(|t| t.id).collect::<Vec<_>>(),
            leadaudit::present::HEADLINE
        );
        for t in &trends {
            assert_eq!(
                t.points
                    .iter()
                    .map(|p| p.audit.as_str())
                    .collect::<Vec<_>>(),
                ["2026 Q2", "2026 Q3", "2026 Q4", "2027 Q1"]
            );
            assert_eq!(t.chart.spec.categories.len(), 4);
            assert_eq!(t.chart.spec.series[0].values.len(), 4);
        }
        let median = trends.iter().find(|t| t.id == "speed_median").unwrap();
        let values = &median.chart.spec.series[0].values;
        assert!(values[0].is_some() && values[1].is_some() && values[3].is_some());
        assert_eq!(values[2], None, "the gap is null, not 0");
        assert_eq!(median.points[2].gap, Some("not_available"));
        assert_eq!(median.points[2].text, NOT_AVAILABLE);
        assert!(
            median.points[2]
                .reason
                .as_deref()
                .unwrap()
                .contains("activities")
        );
        assert_eq!(median.chart.labels.values[0][2], format::NO_VALUE);
        assert_eq!(median.gaps, 1);
        assert_eq!(median.missing.len(), 1);
        assert!(
            median.missing[0].starts_with("2026 Q4: not available ("),
            "{:?}",
            median.missing
        );
        assert_eq!(median.target.as_deref(), Some("SLA target: 1 h"));
        assert_eq!(median.latest, median.chart.labels.values[0][3]);
        let win = trends.iter().find(|t| t.id == "win_rate").unwrap();
        assert_eq!(win.gaps, 0);
        assert!(win.chart.spec.series[0].values.iter().all(Option::is_some));
    }

    /// The sample's two quarters audited in one workspace (the slow part, done once).
    #[test]
    fn the_samples_quarters_on_the_dashboard_in_the_history_and_compared() {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("w.leadaudit");
        crate::workspace::create_at("W", ws.to_str().unwrap()).unwrap();
        run_and_save(&ws, "2026 Q2", &sample("2026Q2"), None, &mut |_| {}).unwrap();
        run_and_save(&ws, "2026 Q3", &sample("2026Q3"), None, &mut |_| {}).unwrap();
        let store = Store::open(&ws).unwrap();
        let q2 = audit::load(&store, 1).unwrap();
        let q3 = audit::load(&store, 2).unwrap();

        // The dashboard: the scorecard's headline figures, with their movement.
        let view = audit_view_of(q3.clone(), Some(&q2), false).unwrap();
        assert_eq!(view.previous.as_ref().map(|p| p.id), Some(1));
        let ids: Vec<&str> = view.headline.iter().map(|h| h.id).collect();
        assert_eq!(ids, leadaudit::present::HEADLINE);
        let within = view.headline.iter().find(|h| h.id == "within_5m").unwrap();
        let delta = within.delta.as_ref().unwrap();
        assert_eq!(delta.movement, Movement::Better, "{delta:?}");
        assert!(delta.text.starts_with('+'), "{}", delta.text);
        assert_eq!(delta.arrow, leadaudit::present::Arrow::Up);
        assert!(!within.missing);
        assert!(
            within
                .definition
                .starts_with("Leads first touched within 5 minutes")
        );
        // The charts are the PDF's.
        let pdf: Vec<String> = charts::for_audit(&q3, Some(&q2))
            .into_iter()
            .map(|c| c.id)
            .collect();
        let shown: Vec<String> = view.charts.iter().map(|c| c.spec.id.clone()).collect();
        assert_eq!(shown, pdf);
        assert!(!shown.is_empty());
        // Every number of a chart arrives in words, one label per value (#13 defect 6).
        let json = serde_json::to_value(&view).unwrap();
        for c in json["charts"].as_array().unwrap() {
            let series = c["series"].as_array().unwrap();
            let labels = c["labels"]["values"].as_array().unwrap();
            assert_eq!(labels.len(), series.len(), "{}", c["id"]);
            for (s, l) in series.iter().zip(labels) {
                assert_eq!(
                    s["values"].as_array().unwrap().len(),
                    l.as_array().unwrap().len()
                );
            }
            assert!(c["labels"]["max"].is_string(), "{}", c["id"]);
        }
        // Findings by item, most severe first within each.
        let items: Vec<u8> = view.findings.iter().map(|g| g.item).collect();
        assert!(items.windows(2).all(|w| w[0] < w[1]), "{items:?}");
        assert_eq!(
            view.findings
                .iter()
                .map(|g| g.findings.len())
                .sum::<usize>(),
            q3.findings.len()
        );
        for g in &view.findings {
            assert!(g.findings.iter().all(|f| f.item == g.item));
            assert!(
                g.findings
                    .windows(2)
                    .all(|w| w[0].severity <= w[1].severity),
                "item {}",
                g.item
            );
        }
        assert_eq!(view.findings[0].title, "Closed-won data hygiene");

        // The history: both audits, headline figures in words.
        let history = history_of(&store).unwrap();
        assert_eq!(
            history.iter().map(|h| h.name.as_str()).collect::<Vec<_>>(),
            ["2026 Q2", "2026 Q3"]
        );
        assert_eq!(history[1].figures.len(), leadaudit::present::HEADLINE.len());
        assert!(history[1].figures.iter().all(|f| !f.value.is_empty()));

        // Compared: the planted improvement reads better.
        let c = comparison_of(&q2, &q3);
        // And each headline figure reads as on the dashboard (#13 defect 6).
        for h in &view.headline {
            let row = c.figures.iter().find(|r| r.id == h.id).unwrap();
            assert_eq!(row.after, h.value, "{}", h.id);
        }
        let row = c.figures.iter().find(|r| r.id == "within_5m").unwrap();
        assert_eq!(row.movement, Movement::Better);
        assert!(row.change.as_deref().unwrap().starts_with('+'), "{row:?}");
        assert_eq!(row.label, "Contacted within 5 minutes");
        let dupes = c
            .findings
            .iter()
            .find(|r| r.id == "duplicate_clusters")
            .unwrap();
        assert_eq!(dupes.movement, Movement::Better);
        assert_eq!(dupes.label, "Duplicate clusters");
    }

    #[test]
    fn personal_data_is_masked_unless_revealed() {
        let crate::testing::TwoLeads { dir: _dir, ws, csv } = crate::testing::two_leads("W");
        run_and_save(&ws, "Q2", &[csv.display().to_string()], None, &mut |_| {}).unwrap();
        let mut result = audit::load(&Store::open(&ws).unwrap(), 1).unwrap();
        result.findings[0].detail = "ask jane.doe@acme.com or +1 415 555 0142".into();
        result.findings[0].examples = vec!["jane.doe@acme.com".into(), "38151217".into()];

        let hidden = audit_view_of(result.clone(), None, false).unwrap();
        let f = &hidden.findings[0].findings[0];
        assert!(hidden.redacted);
        assert_eq!(f.detail, "ask j***@a***.com or +1 *** *** 0142");
        assert_eq!(f.examples, ["j***@a***.com", "38151217"]);
        assert!(hidden.previous.is_none());
        assert!(hidden.headline.iter().all(|h| h.delta.is_none()));
        // No deals file: the win rate has no number, and says why.
        let win = hidden.headline.iter().find(|h| h.id == "win_rate").unwrap();
        assert!(win.missing);
        assert_eq!(win.value, NOT_AVAILABLE);
        assert!(!win.detail.is_empty());

        let shown = audit_view_of(result, None, true).unwrap();
        assert!(!shown.redacted);
        assert_eq!(
            shown.findings[0].findings[0].detail,
            "ask jane.doe@acme.com or +1 415 555 0142"
        );
    }

    #[test]
    fn finding_keys_read_as_words() {
        assert_eq!(
            finding_label("fill_rate:leads.industry"),
            "Fill rate (leads.industry)"
        );
        assert_eq!(finding_label("orphan_activities"), "Orphan activities");
    }
}
