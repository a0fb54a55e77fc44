//! Workshop mode's view: the audit as the room sees it on a projector. Always redacted
//! (there is no reveal in this mode): it is the dashboard's view with `reveal` off, and
//! example records are given by their ids only. For each item, the chart or headline
//! figure the core names as its answer (`leadaudit::workshop`), the findings with their
//! counts in words, and the definitions for the presenter's notes.

use std::path::Path;

use leadaudit::audit::{self, AuditResult, CheckResult, Verdict};
use leadaudit::charts::{LabelledChart, OmittedChart};
use leadaudit::compare::{self, Definition};
use leadaudit::format;
use leadaudit::store::Store;
use leadaudit::workshop;
use serde::Serialize;

use crate::CommandError;
use crate::views::{AuditRef, HeadlineTile, audit_view_of};

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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkshopItem {
    pub item: u8,
    /// The chart that answers the question best, when it can be drawn.
    pub chart: Option<LabelledChart>,
    /// The chart that would answer it, left out because its data is not there.
    pub omitted: Option<OmittedChart>,
    /// The headline figure shown large.
    pub figure: Option<HeadlineTile>,
    /// The item's findings, most severe first.
    pub findings: Vec<WorkshopFinding>,
    /// For the presenter's notes.
    pub definitions: Vec<Definition>,
}

/// An audit in workshop mode.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkshopView {
    pub audit: AuditRef,
    pub previous: Option<AuditRef>,
    /// The 12 checks, redacted, with their grades.
    pub checks: Vec<CheckResult>,
    pub verdict: Verdict,
    pub items: Vec<WorkshopItem>,
}

fn count_of(count: u64, of: u64) -> String {
    if of == 0 {
        format::count(count)
    } else {
        format!(
            "{} of {} ({})",
            format::count(count),
            format::count(of),
            format::share(count, of)
        )
    }
}

/// The workshop view of `result` compared with `previous`: redacted, always.
pub fn workshop_view_of(result: AuditResult, previous: Option<&AuditResult>) -> WorkshopView {
    let view = audit_view_of(result, previous, false);
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
                omitted: chart_id
                    .and_then(|id| view.omitted.iter().find(|o| o.id == id).cloned()),
                figure: figure_id
                    .and_then(|id| view.headline.iter().find(|h| h.id == id).cloned()),
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
                        count: count_of(f.count, f.of),
                        examples: f.examples.clone(),
                        fix: f.fix.clone(),
                    })
                    .collect(),
                definitions: answer
                    .map(|a| {
                        a.definitions
                            .iter()
                            .filter_map(|d| compare::definition(d).copied())
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect();
    WorkshopView {
        audit: AuditRef::of(&view.result),
        previous: view.previous.clone(),
        checks: view.result.checks.clone(),
        verdict: view.result.verdict.clone(),
        items,
    }
}

/// One audit as workshop mode shows it: personal data always masked.
#[tauri::command]
pub async fn workshop_view(workspace: String, audit: i64) -> Result<WorkshopView, CommandError> {
    let store = Store::open_read_only(Path::new(&workspace))?;
    let result = audit::load(&store, audit)?;
    let previous = audit::previous(&store, audit)?;
    Ok(workshop_view_of(result, previous.as_ref()))
}
