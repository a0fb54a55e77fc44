//! Workshop mode's view: the audit as the room sees it on a projector. Always redacted
//! (there is no reveal in this mode): it is the dashboard's view with `reveal` off, and
//! example records are given by their ids only. For each item, the chart or headline
//! figure the core names as its answer (`leadaudit::workshop`), the findings with their
//! counts in words, and the definitions for the presenter's notes.

use std::path::Path;

use leadaudit::audit::{self, AuditResult, CheckResult, Verdict};
use leadaudit::charts::{LabelledChart, OmittedChart};
use leadaudit::present::{self, Definition, HeadlineFigure};
use leadaudit::store::Store;
use leadaudit::workshop;
use serde::Serialize;

use crate::CommandError;
use crate::views::{AuditRef, audit_view_of};

/// One finding as the room sees it: its sentence, its count in words, example ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkshopFinding {
    pub id: String,
    pub severity: String,
    /// The finding's sentence (emails and phone numbers masked).
    pub title: String,
    /// "12 of 340 (3.5%)", or "12" when nothing was counted against.
    pub count: String,
    /// Example record ids (masked like everything else).
    pub examples: Vec<String>,
    pub fix: String,
}

/// What one item's screen shows besides its check.
#[derive(Debug, Clone, Serialize)]
pub struct WorkshopItem {
    pub item: u8,
    /// The chart that answers the question best, when it can be drawn.
    pub chart: Option<LabelledChart>,
    /// The chart that would answer it, left out because its data is not there.
    pub omitted: Option<OmittedChart>,
    /// The headline figure shown large.
    pub figure: Option<HeadlineFigure>,
    /// The item's findings, most severe first.
    pub findings: Vec<WorkshopFinding>,
    /// For the presenter's notes.
    pub definitions: Vec<Definition>,
}

/// An audit in workshop mode.
#[derive(Debug, Clone, Serialize)]
pub struct WorkshopView {
    pub audit: AuditRef,
    pub previous: Option<AuditRef>,
    /// The 12 checks, redacted, with their grades.
    pub checks: Vec<CheckResult>,
    pub verdict: Verdict,
    pub items: Vec<WorkshopItem>,
}

/// The workshop view of `result` compared with `previous`: redacted, always.
pub fn workshop_view_of(
    result: AuditResult,
    previous: Option<&AuditResult>,
) -> Result<WorkshopView, CommandError> {
    let view = audit_view_of(result, previous, false)?;
    let items = view
        .result
        .checks
        .iter()
        .map(|c| {
            let answer = workshop::answer_for(c.item);
            let chart_id = answer.and_then(|a| a.chart);
            let figure_id = answer.and_then(|a| a.figure);
            WorkshopItem {
                item: c.item,
                chart: chart_id
                    .and_then(|id| view.charts.iter().find(|ch| ch.spec.id == id).cloned()),
                omitted: chart_id.and_then(|id| view.omitted.iter().find(|o| o.id == id).cloned()),
                figure: figure_id.and_then(|id| view.headline.iter().find(|h| h.id == id).cloned()),
                findings: view
                    .findings
                    .iter()
                    .filter(|g| g.item == c.item)
                    .flat_map(|g| g.findings.iter())
                    .filter(|f| f.fires())
                    .map(|f| WorkshopFinding {
                        id: f.id.clone(),
                        severity: f.severity.as_str().to_owned(),
                        title: f.title.clone(),
                        count: workshop::count_of(f.count, f.of),
                        examples: f.examples.clone(),
                        fix: f.fix.clone(),
                    })
                    .collect(),
                definitions: answer
                    .map(|a| {
                        a.definitions
                            .iter()
                            .filter_map(|d| present::definition(d).copied())
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect();
    Ok(WorkshopView {
        audit: AuditRef::of(&view.result),
        previous: view.previous.clone(),
        checks: view.result.checks.clone(),
        verdict: view.result.verdict.clone(),
        items,
    })
}

/// One audit as workshop mode shows it: personal data always masked.
#[tauri::command]
pub async fn workshop_view(workspace: String, audit: i64) -> Result<WorkshopView, CommandError> {
    let store = Store::open_read_only(Path::new(&workspace))?;
    let result = audit::load(&store, audit)?;
    let previous = audit::previous(&store, audit)?;
    workshop_view_of(result, previous.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audits::run_and_save;

    /// Every email address and phone number in the sample's first quarter.
    fn personal_data(dir: &Path) -> Vec<String> {
        let mut out = Vec::new();
        for file in ["contacts.csv", "owners.csv"] {
            let text = std::fs::read_to_string(dir.join(file)).unwrap();
            let mut lines = text.lines();
            let header: Vec<&str> = lines.next().unwrap().split(',').collect();
            let cols: Vec<usize> = header
                .iter()
                .enumerate()
                .filter(|(_, h)| {
                    let h = h.to_lowercase();
                    h.contains("email") || h.contains("phone")
                })
                .map(|(i, _)| i)
                .collect();
            for line in lines {
                let fields: Vec<&str> = line.split(',').collect();
                for &i in &cols {
                    if let Some(v) = fields.get(i).map(|v| v.trim()).filter(|v| v.len() > 6) {
                        out.push(v.to_lowercase());
                    }
                }
            }
        }
        out
    }

    #[test]
    fn the_workshop_view_is_redacted_and_answers_each_item() {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("w.leadaudit");
        crate::workspace::create_at("W", ws.to_str().unwrap()).unwrap();
        let q2 = crate::commands::sample_dir()
            .unwrap()
            .join("hubspot-2026Q2");
        run_and_save(
            &ws,
            "2026 Q2",
            &[q2.display().to_string()],
            None,
            &mut |_| {},
        )
        .unwrap();
        let store = Store::open_read_only(&ws).unwrap();
        let mut result = audit::load(&store, 1).unwrap();
        // As if the audit had been saved with personal data kept: the view masks it itself.
        let planted = personal_data(&q2);
        let email = planted.iter().find(|p| p.contains('@')).unwrap().clone();
        let phone = planted.iter().find(|p| !p.contains('@')).unwrap().clone();
        let first = result
            .findings
            .iter_mut()
            .find(|f| f.item == 1 && f.fires())
            .unwrap();
        first.examples.insert(0, email.clone());
        first.title = format!("{} (e.g. {email}, {phone})", first.title);
        result.checks[0].rationale = format!("{} Ask {email}.", result.checks[0].rationale);
        let view = workshop_view_of(result, None).unwrap();

        assert_eq!(view.items.len(), 12);
        assert_eq!(view.checks.len(), 12);
        let seven = &view.items[6];
        assert_eq!(
            seven.chart.as_ref().map(|c| c.spec.id.as_str()),
            Some("speed_to_lead_buckets")
        );
        assert_eq!(seven.figure.as_ref().map(|f| f.id), Some("sla_compliance"));
        assert!(seven.definitions.iter().any(|d| d.id == "first_touch"));
        // Item 1's findings with their counts in words and example ids.
        let one = &view.items[0];
        assert!(!one.findings.is_empty());
        assert!(one.findings.iter().all(|f| f.count.contains(" of ")));

        let json = serde_json::to_string(&view).unwrap().to_lowercase();
        assert!(json.contains("***@"), "the planted email is shown masked");
        let leaked: Vec<String> = planted
            .into_iter()
            .filter(|p| json.contains(p.as_str()))
            .collect();
        assert!(
            leaked.is_empty(),
            "personal data in the workshop view: {leaked:?}"
        );
    }
}
