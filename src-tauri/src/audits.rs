//! Audit commands: run an audit of the import's files and save it in the workspace,
//! list the workspace's audits, grade an item, and what the walkthrough shows beside
//! the items (the thresholds, the escalation rules, the grades' words).
//!
//! Saving, reading and grading are the core's (`leadaudit::audit::{save_new, load,
//! grade}`), shared with the CLI; these commands only open the workspace file and pass
//! the answer on.

use std::path::{Path, PathBuf};

use leadaudit::audit::{self, AuditResult, CheckResult, Request, Saved, Verdict};
use leadaudit::checklist::policy::{THRESHOLDS, Threshold};
use leadaudit::format;
use leadaudit::grade::{EscalationRule, Grade, GradeLevel};
use leadaudit::ingest::{self, Progress};
use leadaudit::metrics::{Period, Quarter};
use leadaudit::present::{DEFINITIONS, Definition};
use leadaudit::store::{AuditSummary, Store};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime};

use crate::CommandError;
use crate::import::{Throttle, expand, saved_mapping};

/// The event that reports how far a running audit has come.
pub const AUDIT_PROGRESS_EVENT: &str = "audit-progress";

/// A running audit's progress, as the `audit-progress` event carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditProgress {
    /// `reading` while the files are read; `computing` once the last one is read (the
    /// baselines, findings and checks follow, then the audit is saved).
    pub stage: &'static str,
    /// The file being read.
    pub file: String,
    /// Its place among the files (1-based), and how many there are.
    pub index: usize,
    pub files: usize,
    pub bytes_read: u64,
    pub bytes_total: u64,
    pub rows: u64,
    /// How much of the file is read, in words: "42%" (`–` while computing).
    pub read: String,
    /// While `computing`: what is being computed ("computing the findings").
    pub step: Option<&'static str>,
}

/// An audit just run and saved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditSaved {
    pub id: i64,
    pub name: String,
    /// The period its baseline covers ("whole export", "2026Q2", …).
    pub period: String,
    /// Files whose headers changed since the previous audit, then what the mapping
    /// said that was not used (with its lines).
    pub warnings: Vec<String>,
}

impl From<Saved> for AuditSaved {
    fn from(saved: Saved) -> Self {
        let info = saved.result.audit;
        let mut warnings = saved.warnings;
        warnings.extend(saved.result.inputs.mapping_warnings);
        AuditSaved {
            id: info.id.unwrap_or_default(),
            name: info.name,
            period: info.period,
            warnings,
        }
    }
}

/// An item's checks and the verdict after a grade was saved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Graded {
    pub checks: Vec<CheckResult>,
    pub verdict: Verdict,
}

impl From<AuditResult> for Graded {
    fn from(result: AuditResult) -> Self {
        Graded {
            checks: result.checks,
            verdict: result.verdict,
        }
    }
}

/// A machine name with the words people read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Labelled {
    pub id: &'static str,
    pub label: &'static str,
}

/// A row of the thresholds table with its rule in words.
#[derive(Debug, Clone, Serialize)]
pub struct ThresholdView {
    #[serde(flatten)]
    pub threshold: Threshold,
    /// E.g. "in place at 2% or less; partial at 20% or less; missing above".
    pub rule: String,
}

impl ThresholdView {
    fn of(t: &Threshold) -> ThresholdView {
        ThresholdView {
            threshold: *t,
            rule: t.rule(),
        }
    }
}

/// What the walkthrough shows beside the items, from where the core defines it.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistReference {
    /// The thresholds behind the suggested grades, as they are.
    pub thresholds: Vec<ThresholdView>,
    /// Item 10's four human-escalation rules.
    pub escalation_rules: Vec<Labelled>,
    /// The grades, in the order of the keys 1, 2, 3, 0.
    pub grades: Vec<Labelled>,
    /// What each figure and term means.
    pub definitions: &'static [Definition],
}

fn rule_id(rule: EscalationRule) -> &'static str {
    match rule {
        EscalationRule::LowConfidence => "low_confidence",
        EscalationRule::HighValue => "high_value",
        EscalationRule::OutOfScope => "out_of_scope",
        EscalationRule::NegativeSensitive => "negative_sensitive",
    }
}

/// Runs the audit of `paths` (folders stand for their CSV files) with the workspace's
/// settings and saved mapping, over the whole export or one quarter, and saves it.
/// `emit` receives the reading's progress, at most every 80 ms and at each file's end.
pub fn run_and_save(
    workspace: &Path,
    name: &str,
    paths: &[String],
    quarter: Option<&str>,
    emit: &mut dyn FnMut(AuditProgress),
) -> Result<Saved, CommandError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(CommandError::msg(
            "audit_name_missing",
            "give the audit a name, such as the quarter it covers",
        ));
    }
    let files: Vec<PathBuf> = expand(paths);
    if files.is_empty() {
        return Err(CommandError::msg(
            "audit_no_files",
            "add the exports to audit on the import screen first",
        ));
    }
    let period = match quarter.map(str::trim).filter(|q| !q.is_empty()) {
        Some(q) => Period::quarter(
            q.parse::<Quarter>()
                .map_err(|e| CommandError::new("quarter_invalid", e))?,
        ),
        None => Period::all(),
    };
    let store = Store::open(workspace)?;
    let settings = store.workspace()?.settings;
    let settings_strict = settings.strict_rows;
    let mapping = saved_mapping(&store)?;

    let names: Vec<String> = files
        .iter()
        .map(|p| ingest::sniff::display_name(p))
        .collect();
    let emit = std::cell::RefCell::new(emit);
    let mut throttle = Throttle::default();
    let mut progress = |file: &str, p: Progress| {
        let index = names.iter().position(|n| n == file).map_or(1, |i| i + 1);
        let done = p.bytes_read >= p.bytes_total;
        if throttle.due(&p) {
            (emit.borrow_mut())(AuditProgress {
                stage: if done && index == names.len() {
                    "computing"
                } else {
                    "reading"
                },
                file: file.to_owned(),
                index,
                files: names.len(),
                bytes_read: p.bytes_read,
                bytes_total: p.bytes_total,
                rows: p.rows,
                read: p.read(),
                step: None,
            });
        }
    };
    let mut on_stage = |stage: audit::Stage| {
        if stage != audit::Stage::Reading {
            (emit.borrow_mut())(AuditProgress {
                stage: "computing",
                file: names.last().cloned().unwrap_or_default(),
                index: names.len(),
                files: names.len(),
                bytes_read: 0,
                bytes_total: 0,
                rows: 0,
                read: format::NO_VALUE.to_owned(),
                step: Some(stage.label()),
            });
        }
    };
    let result = audit::run(Request {
        name: name.to_owned(),
        files,
        mapping: Some(&mapping),
        settings,
        period,
        progress: Some(&mut progress),
        stage: Some(&mut on_stage),
        strict: settings_strict,
    })?;
    Ok(audit::save_new(&store, result)?)
}

/// Runs and saves an audit off the main thread, sending `audit-progress` events.
#[tauri::command]
pub async fn run_audit<R: Runtime>(
    app: AppHandle<R>,
    workspace: String,
    name: String,
    paths: Vec<String>,
    quarter: Option<String>,
) -> Result<AuditSaved, CommandError> {
    tauri::async_runtime::spawn_blocking(move || {
        run_and_save(
            Path::new(&workspace),
            &name,
            &paths,
            quarter.as_deref(),
            &mut |p| {
                let _ = app.emit_to("main", AUDIT_PROGRESS_EVENT, p);
            },
        )
    })
    .await
    .map_err(|e| CommandError::new("internal", e))?
    .map(AuditSaved::from)
}

/// The workspace's audits, oldest first, with their headline figures.
#[tauri::command]
pub async fn list_audits(workspace: String) -> Result<Vec<AuditSummary>, CommandError> {
    Ok(Store::open_read_only(Path::new(&workspace))?.audits()?)
}

/// Saves one item's grade (refused, and nothing saved, when it breaks the item's
/// rules); returns every check and the verdict as they now stand.
#[tauri::command]
pub async fn grade_item(
    workspace: String,
    audit: i64,
    item: u8,
    grade: Grade,
) -> Result<Graded, CommandError> {
    let store = Store::open(Path::new(&workspace))?;
    Ok(audit::grade(&store, audit, item, &grade)?.into())
}

/// The thresholds, escalation rules and grade words the walkthrough shows.
#[tauri::command]
pub fn checklist_reference() -> ChecklistReference {
    ChecklistReference {
        thresholds: THRESHOLDS.iter().map(ThresholdView::of).collect(),
        escalation_rules: EscalationRule::ALL
            .into_iter()
            .map(|r| Labelled {
                id: rule_id(r),
                label: r.label(),
            })
            .collect(),
        grades: GradeLevel::ALL
            .into_iter()
            .map(|g| Labelled {
                id: g.as_str(),
                label: g.label(),
            })
            .collect(),
        definitions: DEFINITIONS,
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::sample;
    use leadaudit::grade::GradeLevel;

    use super::*;

    fn workspace(dir: &Path) -> PathBuf {
        let path = dir.join("w.leadaudit");
        crate::workspace::create_at("W", path.to_str().unwrap()).unwrap();
        path
    }

    #[test]
    fn refuses_an_unnamed_audit_an_empty_one_and_a_wrong_quarter() {
        let dir = tempfile::tempdir().unwrap();
        let ws = workspace(dir.path());
        let code = |name: &str, paths: &[String], q: Option<&str>| {
            run_and_save(&ws, name, paths, q, &mut |_| {})
                .unwrap_err()
                .code
        };
        assert_eq!(code(" ", &sample("2026Q2"), None), "audit_name_missing");
        assert_eq!(code("Q2", &[], None), "audit_no_files");
        assert_eq!(code("Q2", &sample("2026Q2"), Some("Q5")), "quarter_invalid");
        assert!(Store::open(&ws).unwrap().audits().unwrap().is_empty());
    }

    #[test]
    fn an_audit_is_run_saved_and_graded() {
        let dir = tempfile::tempdir().unwrap();
        let ws = workspace(dir.path());
        let mut seen = Vec::new();
        let saved: AuditSaved = run_and_save(&ws, " 2026 Q2 ", &sample("2026Q2"), None, &mut |p| {
            seen.push(p)
        })
        .unwrap()
        .into();
        assert_eq!(
            (saved.id, saved.name.as_str(), saved.period.as_str()),
            (1, "2026 Q2", "whole export")
        );
        assert!(saved.warnings.is_empty());
        // Four files read in turn; the last report says the reading is over.
        let last = seen.last().unwrap();
        assert_eq!((last.stage, last.index, last.files), ("computing", 4, 4));
        assert!(seen.iter().any(|p| p.file == "contacts.csv"));
        assert!(
            seen.iter()
                .filter(|p| p.stage == "computing")
                .all(|p| p.index == 4)
        );
        // Then each computing stage, in order.
        let steps: Vec<&str> = seen.iter().filter_map(|p| p.step).collect();
        assert_eq!(
            steps,
            [
                "computing the baselines",
                "computing the findings",
                "measuring score readiness",
                "running the 12 checks"
            ]
        );
        let ws_arg = ws.display().to_string();
        let list = tauri::async_runtime::block_on(list_audits(ws_arg.clone())).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].name, "2026 Q2");

        // Item 12 in place needs its owner: refused in plain words, nothing saved.
        let mut g = Grade::new(GradeLevel::InPlace);
        let err = tauri::async_runtime::block_on(grade_item(ws_arg.clone(), 1, 12, g.clone()))
            .unwrap_err();
        assert_eq!(err.code, "owner_needed");
        assert_eq!(
            err.message,
            "item 12 (A measured baseline and owner) can be in place only with a named owner: name the owner, and the grade is saved"
        );
        g.owner = "Dana Cruz".into();
        let graded = tauri::async_runtime::block_on(grade_item(ws_arg, 1, 12, g)).unwrap();
        assert_eq!(graded.checks.len(), 12);
        assert_eq!(graded.checks[11].effective, GradeLevel::InPlace);
        assert_eq!(
            Store::open(&ws).unwrap().grades(1).unwrap()[&12].owner,
            "Dana Cruz"
        );
    }

    #[test]
    fn the_reference_lists_rules_and_grades_in_key_order() {
        let json = serde_json::to_value(checklist_reference()).unwrap();
        assert_eq!(json["escalation_rules"][3]["id"], "negative_sensitive");
        assert_eq!(json["escalation_rules"].as_array().unwrap().len(), 4);
        let grades: Vec<&str> = json["grades"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["id"].as_str().unwrap())
            .collect();
        assert_eq!(grades, ["in_place", "partial", "missing", "not_assessed"]);
        assert_eq!(json["thresholds"][0]["item"], 1);
        assert_eq!(
            json["thresholds"][0]["rule"],
            "in place at 2% or less; partial at 20% or less; missing above"
        );
        let sla = json["thresholds"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["figure"] == "sla_compliance")
            .unwrap();
        assert_eq!(
            sla["rule"],
            "in place at 80% or more; partial at 50% or more; missing below"
        );
        let gini = json["thresholds"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["figure"] == "gini")
            .unwrap();
        assert_eq!(
            gini["rule"],
            "in place at 0.25 or less; partial at 0.40 or less; missing above"
        );
        assert_eq!(json["definitions"][0]["id"], "first_touch");
        assert_eq!(
            json["thresholds"].as_array().unwrap().len(),
            THRESHOLDS.len()
        );
        // Every escalation rule's id is the one grades are saved with.
        for r in EscalationRule::ALL {
            assert_eq!(serde_json::to_value(r).unwrap(), rule_id(r));
        }
    }
}
