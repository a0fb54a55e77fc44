//! The audit: files in, [`AuditResult`] out. The result is the one contract between the
//! core and everything that shows it: the CLI prints it, the app renders it, the PDF
//! lays it out, the workspace file stores it.
//!
//! ```text
//! files ─▶ ingest ─▶ tables ─┬─▶ metrics  ─▶ baseline ─┐
//!                            └─▶ findings ─▶ findings ─┴─▶ 12 checks ─▶ grades ─▶ verdict
//! ```

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::checklist::checks::{self, Evidence};
use crate::checklist::policy::{self, Suggestion, VerdictLevel};
use crate::findings::{self, Finding};
use crate::grade::{Grade, GradeLevel};
use crate::ingest::{self, Mapping, Options, ProgressFn};
use crate::metrics::{self, Baseline, Period};
use crate::readiness::{self, Readiness};
use crate::settings::Settings;
use crate::store::{Headline, NewAudit, Store, StoreError};

/// The version of the [`AuditResult`] JSON. It changes when a field changes meaning or
/// goes away; added fields do not change it.
pub const RESULT_VERSION: u32 = 1;

/// Everything that can stop an audit.
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error(transparent)]
    Ingest(#[from] ingest::IngestError),
    #[error(transparent)]
    Metrics(#[from] metrics::MetricsError),
    #[error(transparent)]
    Findings(#[from] findings::FindingsError),
    #[error("{file}: cannot read it to fingerprint it: {error}")]
    Hash { file: String, error: std::io::Error },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Readiness(#[from] readiness::ReadinessError),
    #[error(transparent)]
    Grade(#[from] policy::GradeError),
    #[error(
        "{path}: audit {id} could not be read ({error}); the file is damaged or was written by another version of Lead Audit, and was left unchanged"
    )]
    Stored {
        path: PathBuf,
        id: i64,
        error: serde_json::Error,
    },
    #[error(
        "the audit result could not be written as JSON ({0}); this is a bug in lead audit, please report it"
    )]
    Encode(serde_json::Error),
    #[error("{0}")]
    NothingUsable(String),
}

/// One audit, complete.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditResult {
    pub version: u32,
    pub audit: AuditInfo,
    pub inputs: Inputs,
    pub settings: Settings,
    pub baseline: Baseline,
    pub findings: Vec<Finding>,
    pub checks: Vec<CheckResult>,
    pub verdict: Verdict,
    /// Score readiness (absent from audits stored before it existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readiness: Option<Readiness>,
}

/// Which audit this is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditInfo {
    /// The id in the workspace file, once saved.
    pub id: Option<i64>,
    pub name: String,
    /// The period the baseline covers ("whole export", "2026Q3", …).
    pub period: String,
    /// The workspace's name, once saved.
    #[serde(default)]
    pub workspace: Option<String>,
    /// When it was saved (RFC 3339), once saved.
    #[serde(default)]
    pub created_at: Option<String>,
}

/// What the audit read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inputs {
    pub files: Vec<InputFile>,
    /// The mapping that reproduces this reading (TOML).
    pub mapping: String,
    pub timezone: String,
    /// What the mapping file given said that was not used, with its lines
    /// ([`ingest::Inspection::mapping_warnings`]); absent from audits stored before it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mapping_warnings: Vec<String>,
}

/// One file read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InputFile {
    pub path: String,
    /// leads, deals, activities, owners, accounts, or not_used.
    pub kind: String,
    pub source: String,
    pub rows: usize,
    pub sha256: String,
    /// The file's column headers, to tell next quarter's export apart.
    pub columns: Vec<String>,
    pub warnings: Vec<String>,
}

/// One checklist item: what the data suggests and what the person decided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckResult {
    pub item: u8,
    pub id: String,
    pub title: String,
    pub question: String,
    pub why: String,
    pub in_place: String,
    /// The grade the data suggests (`null`: the data cannot decide).
    pub suggested: Option<Suggestion>,
    pub rationale: String,
    pub evidence: Vec<Evidence>,
    /// What the person has to confirm.
    pub confirm: Option<String>,
    /// The person's grade (`null` until they grade the item).
    pub grade: Option<Grade>,
    /// The grade that counts: the person's, else the suggestion, else not assessed.
    pub effective: GradeLevel,
    /// The person's grade differs from the suggestion.
    #[serde(rename = "override")]
    pub overridden: bool,
    /// A named owner is required for "in place".
    pub needs_owner: bool,
    /// One of the five foundation items (1, 2, 5, 8, 10) whose absence means "fix the
    /// foundations first" ([`crate::checklist::meta::Meta::foundation`]). Audits saved
    /// before it was recorded get it from the checklist when loaded.
    #[serde(default)]
    pub foundation: bool,
}

/// The verdict and what to fix first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    pub level: VerdictLevel,
    pub label: String,
    pub fix_first: Vec<FixItem>,
}

/// One entry of the fix-first list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FixItem {
    pub item: u8,
    pub title: String,
    pub grade: GradeLevel,
    /// The person responsible, when named.
    pub owner: Option<String>,
    pub due: Option<chrono::NaiveDate>,
    /// The evidence in a sentence.
    pub evidence: String,
}

/// The stages of an audit, in order. [`run`] reports each as it begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Reading and preparing the files (the file progress reports on it).
    Reading,
    Baselines,
    Findings,
    /// Score readiness: the labels, the leakage scan and the validated scorer.
    Readiness,
    /// The 12 checks and the verdict.
    Checks,
}

impl Stage {
    /// What the stage does, for a progress line ("computing the findings").
    pub fn label(self) -> &'static str {
        match self {
            Stage::Reading => "reading the files",
            Stage::Baselines => "computing the baselines",
            Stage::Findings => "computing the findings",
            Stage::Readiness => "measuring score readiness",
            Stage::Checks => "running the 12 checks",
        }
    }

    /// The stage's name in one word.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Reading => "reading",
            Stage::Baselines => "baselines",
            Stage::Findings => "findings",
            Stage::Readiness => "readiness",
            Stage::Checks => "checks",
        }
    }
}

/// Called as each stage of an audit begins.
pub type StageFn<'a> = &'a mut dyn FnMut(Stage);

/// What to audit.
pub struct Request<'a> {
    pub name: String,
    pub files: Vec<PathBuf>,
    pub mapping: Option<&'a Mapping>,
    pub settings: Settings,
    pub period: Period,
    pub progress: Option<ProgressFn<'a>>,
    /// Told as each stage begins.
    pub stage: Option<StageFn<'a>>,
    /// Refuse a file with any record of the wrong shape instead of setting it aside.
    pub strict: bool,
}

/// Runs an audit: reads the files, computes the baseline and findings, runs the 12
/// checks. No grades yet: the verdict follows the suggestions until a person grades.
pub fn run(request: Request<'_>) -> Result<AuditResult, AuditError> {
    let Request {
        name,
        files,
        mapping,
        mut settings,
        period,
        progress,
        mut stage,
        strict,
    } = request;
    let mut begin = |s: Stage| {
        if let Some(f) = stage.as_mut() {
            f(s);
        }
    };
    begin(Stage::Reading);
    if let Some(tz) = mapping.and_then(|m| m.timezone.clone()) {
        settings.timezone = tz;
    }
    let import = ingest::load(
        &files,
        &mut Options {
            timezone: settings.timezone.clone(),
            mapping,
            progress,
            strict,
        },
    )?;
    // No verdict on no data.
    if let Some(why) = import.inspection.nothing_usable() {
        return Err(AuditError::NothingUsable(why));
    }
    // Only an owners list (or the like): no leads, deals or activities, so no verdict either.
    let tables = &import.tables;
    if tables.leads.is_none() && tables.deals.is_none() && tables.activities.is_none() {
        let files: Vec<String> = import
            .inspection
            .files
            .iter()
            .map(|f| {
                let why = match (&f.reason, f.kind) {
                    (Some(r), _) => r.clone(),
                    (None, Some(k)) => format!("{k}: no leads, deals or activities"),
                    (None, None) => "not used".to_owned(),
                };
                format!("{} ({why})", f.path)
            })
            .collect();
        return Err(AuditError::NothingUsable(format!(
            "no file could be used, so there is nothing to audit and no verdict: {}; give a leads, deals or activities export, or set each file's kind in the mapping file (kind = \"leads\")",
            if files.is_empty() {
                "no file was given".to_owned()
            } else {
                files.join(", ")
            }
        )));
    }
    // The findings need nothing of the baselines: they are computed on a second thread
    // while the baselines are, so that both cores stay busy (#11; the baselines and the
    // findings each leave a core idle part of the time). Readiness, which needs each
    // lead's speed bucket from the baselines, follows. The stages are still told in
    // their order, each as the audit starts waiting for it. (Readiness beside the
    // findings too gained less than the machine's noise at 1M contacts, and held 180 MB
    // more.)
    let (baselined, found) = std::thread::scope(|s| {
        begin(Stage::Baselines);
        let found = s.spawn(|| findings::compute(&import.tables, &settings));
        let baselined = metrics::compute_with_speed(&import.tables, &settings, &period);
        begin(Stage::Findings);
        let found = found
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (baselined, found)
    });
    let (baseline, speed) = baselined?;
    let mut found = found?;
    found
        .findings
        .extend(findings::rows_set_aside(&import.inspection.files));
    // A workbook was read sheet by sheet: one input per sheet, hashed by its workbook.
    let mut read = Vec::with_capacity(files.len());
    for path in &files {
        read.extend(ingest::workbook::expand(path)?);
    }
    begin(Stage::Readiness);
    // The inputs are hashed on a thread of their own while readiness is measured (#11):
    // the hash reads each file once more, on one core, and readiness leaves part of the
    // other idle.
    let (readiness, hashes) = std::thread::scope(|s| {
        let hashes = s.spawn(|| {
            read.iter()
                .map(|path| sha256(&ingest::workbook::file_of(path)))
                .collect::<Result<Vec<String>, AuditError>>()
        });
        let readiness = readiness::compute_with(
            &import,
            &readiness::Options {
                as_of: settings.as_of,
                ..readiness::Options::default()
            },
            speed.as_ref(),
        );
        let hashes = hashes
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (readiness, hashes)
    });
    let readiness = readiness?;
    let hashes = hashes?;
    begin(Stage::Checks);
    let mut outcomes = checks::run_all(&baseline, &found, &settings);
    crate::checklist::readiness::cite(&mut outcomes, &readiness);

    let mut inputs = Vec::new();
    for (sha256, report) in hashes.into_iter().zip(&import.inspection.files) {
        inputs.push(InputFile {
            path: report.path.clone(),
            kind: report.kind.map_or("not_used", |k| k.as_str()).to_owned(),
            source: report.source.as_str().to_owned(),
            rows: report.rows,
            sha256,
            columns: report.columns.iter().map(|c| c.name.clone()).collect(),
            warnings: report.warnings.clone(),
        });
    }
    let checks = outcomes
        .into_iter()
        .map(|(meta, o)| CheckResult {
            item: meta.item,
            id: meta.id.to_owned(),
            title: meta.title.to_owned(),
            question: meta.question.to_owned(),
            why: meta.why.to_owned(),
            in_place: meta.in_place.to_owned(),
            effective: policy::effective(None, o.suggested),
            suggested: o.suggested,
            rationale: o.rationale,
            evidence: o.evidence,
            confirm: o.confirm,
            grade: None,
            overridden: false,
            needs_owner: meta.needs_owner,
            foundation: meta.foundation,
        })
        .collect();
    let mut result = AuditResult {
        version: RESULT_VERSION,
        audit: AuditInfo {
            id: None,
            name,
            period: baseline.label.clone(),
            workspace: None,
            created_at: None,
        },
        inputs: Inputs {
            files: inputs,
            mapping: ingest::mapping_of(&import.inspection).to_toml(),
            timezone: import.inspection.timezone.clone(),
            mapping_warnings: import.inspection.mapping_warnings(mapping),
        },
        settings,
        baseline,
        findings: found.findings,
        checks,
        verdict: Verdict {
            level: VerdictLevel::Pilot,
            label: String::new(),
            fix_first: Vec::new(),
        },
        readiness: Some(readiness),
    };
    apply_grades(&mut result, &BTreeMap::new());
    Ok(result)
}

fn sha256(path: &Path) -> Result<String, AuditError> {
    let err = |error| AuditError::Hash {
        file: path.display().to_string(),
        error,
    };
    let mut file = std::fs::File::open(path).map_err(err)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf).map_err(err)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(format!("{:x}", hasher.finalize()))
}

/// Sets the person's grades on the checks and recomputes the verdict and the fix-first
/// list. Items without a grade keep the suggestion.
pub fn apply_grades(result: &mut AuditResult, grades: &BTreeMap<u8, Grade>) {
    for check in &mut result.checks {
        let grade = grades.get(&check.item).cloned();
        check.effective = policy::effective(grade.as_ref(), check.suggested);
        check.overridden = match (&grade, check.suggested.and_then(Suggestion::level)) {
            (Some(g), Some(s)) => g.grade != s && g.grade != GradeLevel::NotAssessed,
            (Some(g), None) => check.suggested.is_some() && g.grade != GradeLevel::NotAssessed,
            (None, _) => false,
        };
        check.grade = grade;
    }
    let mut levels = [GradeLevel::NotAssessed; 12];
    for c in &result.checks {
        if (1..=12).contains(&c.item) {
            levels[c.item as usize - 1] = c.effective;
        }
    }
    let level = policy::verdict(&levels);
    let fix_first = policy::fix_first_order(&levels)
        .into_iter()
        .filter_map(|item| result.checks.iter().find(|c| c.item == item))
        .map(|c| FixItem {
            item: c.item,
            title: c.title.clone(),
            grade: c.effective,
            owner: c
                .grade
                .as_ref()
                .map(|g| g.owner.trim().to_owned())
                .filter(|o| !o.is_empty()),
            due: c.grade.as_ref().and_then(|g| g.due),
            evidence: c.rationale.clone(),
        })
        .collect();
    result.verdict = Verdict {
        level,
        label: level.label().to_owned(),
        fix_first,
    };
}

/// The headline figures kept as columns in the workspace file.
pub fn headline(result: &AuditResult) -> Headline {
    let f = &result.baseline.figures;
    let speed = f.speed_to_lead.as_ref();
    Headline {
        leads: f.leads.map(|n| n as i64),
        deals: f.deals.map(|n| n as i64),
        speed_median_minutes: speed.and_then(|s| s.median_minutes.minutes()),
        within_5m: speed.map(|s| s.within_5m),
        within_1h: speed.map(|s| s.within_1h),
        never_contacted: speed.map(|s| s.never_contacted),
        qualification_rate: f.qualification_rate,
        lead_to_opportunity: f.lead_to_opportunity,
        win_rate: f.win_rate,
        cycle_time_days: f.cycle_time_days_median,
        verdict: Some(result.verdict.level.label().to_owned()),
    }
}

/// Files whose columns differ from the same-named file of an earlier audit: what was
/// added and what went away. A quarterly re-run reports these instead of trusting an
/// old mapping silently.
pub fn changed_headers(before: &Inputs, after: &Inputs) -> Vec<String> {
    let mut notes = Vec::new();
    for file in &after.files {
        let Some(old) = before.files.iter().find(|f| f.path == file.path) else {
            continue;
        };
        let added: Vec<&str> = file
            .columns
            .iter()
            .filter(|c| !old.columns.contains(c))
            .map(String::as_str)
            .collect();
        let removed: Vec<&str> = old
            .columns
            .iter()
            .filter(|c| !file.columns.contains(c))
            .map(String::as_str)
            .collect();
        if added.is_empty() && removed.is_empty() {
            continue;
        }
        let mut parts = Vec::new();
        if !added.is_empty() {
            parts.push(format!("new columns {}", quote_all(&added)));
        }
        if !removed.is_empty() {
            parts.push(format!("columns gone {}", quote_all(&removed)));
        }
        notes.push(format!(
            "{}: the headers changed since the last audit ({}); check the mapping before trusting the comparison",
            file.path,
            parts.join("; ")
        ));
    }
    notes
}

fn quote_all(list: &[&str]) -> String {
    list.iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

// -----------------------------------------------------------------------------------
// Audits kept in a workspace file: the one place the CLI and the app save, read and
// grade them.

/// An audit just saved in a workspace.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Saved {
    /// The result, with its id, the workspace's name and the time it was saved.
    pub result: AuditResult,
    /// Files whose headers changed since the workspace's previous audit
    /// ([`changed_headers`]): check the mapping before trusting the comparison.
    pub warnings: Vec<String>,
}

fn encode(result: &AuditResult) -> Result<serde_json::Value, AuditError> {
    serde_json::to_value(result).map_err(AuditError::Encode)
}

/// Saves a new audit in the workspace, with every email address and phone number
/// masked ([`AuditResult::redacted`]): gives it its id, the workspace's name and its
/// date, keeps its headline figures for the history, makes its mapping the
/// workspace's current one, and says which files' headers changed since the latest
/// audit saved before it. All of it is one transaction: nothing is saved when any
/// part fails.
pub fn save_new(store: &Store, result: AuditResult) -> Result<Saved, AuditError> {
    save_new_as(store, result, Privacy::Masked)
}

/// Whether personal data is masked before an audit is saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Privacy {
    /// Emails and phone numbers masked, as in the PDF (the default).
    #[default]
    Masked,
    /// Kept as read from the files (the user asked for it).
    Kept,
}

/// [`save_new`], masking personal data or not.
pub fn save_new_as(
    store: &Store,
    result: AuditResult,
    privacy: Privacy,
) -> Result<Saved, AuditError> {
    let mut result = match privacy {
        Privacy::Masked => result.redacted()?,
        Privacy::Kept => result,
    };
    let warnings = match store.audits()?.last() {
        Some(previous) => changed_headers(&stored(store, previous.id)?.inputs, &result.inputs),
        None => Vec::new(),
    };
    let workspace = store.workspace()?.name;
    store.atomically(|| -> Result<(), AuditError> {
        let id = store.add_audit(&NewAudit {
            name: result.audit.name.clone(),
            period: Some(result.audit.period.clone()),
            result: encode(&result)?,
            headline: headline(&result),
        })?;
        result.audit.id = Some(id);
        result.audit.workspace = Some(workspace);
        result.audit.created_at = Some(store.audit(id)?.created_at);
        store.update_result(id, &encode(&result)?, &headline(&result))?;
        store.save_mapping(&result.inputs.mapping)?;
        Ok(())
    })?;
    Ok(Saved { result, warnings })
}

/// An audit as it was saved, without its grades.
fn stored(store: &Store, id: i64) -> Result<AuditResult, AuditError> {
    let mut result: AuditResult =
        serde_json::from_value(store.audit(id)?.result).map_err(|error| AuditError::Stored {
            path: store.path().to_path_buf(),
            id,
            error,
        })?;
    for c in &mut result.checks {
        c.foundation = crate::checklist::meta::item(c.item).is_some_and(|m| m.foundation);
    }
    Ok(result)
}

/// The workspace's saved mapping (the one its last audit or the app's import saved),
/// `None` when it has none. A mapping that does not read is an error naming the
/// workspace file. Its warnings say "w.leadaudit's saved mapping, line 12": the line is
/// of the mapping kept in the workspace, not of the workspace file.
pub fn saved_mapping(store: &Store) -> Result<Option<Mapping>, AuditError> {
    let Some(text) = store.mapping()? else {
        return Ok(None);
    };
    let mut mapping = Mapping::parse(&text, store.path())?;
    mapping.lines.file = format!("{}'s saved mapping", mapping.lines.file);
    Ok(Some(mapping))
}

/// An audit of the workspace with its current grades applied (verdict and fix-first
/// list follow them).
pub fn load(store: &Store, id: i64) -> Result<AuditResult, AuditError> {
    let mut result = stored(store, id)?;
    apply_grades(&mut result, &store.grades(id)?);
    Ok(result)
}

/// The audit saved before `id` (what it is compared with), with its grades applied.
pub fn previous(store: &Store, id: i64) -> Result<Option<AuditResult>, AuditError> {
    store
        .previous_audit(id)?
        .map(|p| load(store, p))
        .transpose()
}

/// Grades one item of an audit: checks the grade against the item's rules
/// ([`policy::validate`]) and that the stored audit can be read, then saves the grade
/// and the audit's new verdict in one transaction. Nothing is saved when any of it
/// fails. Returns the audit with its grades.
pub fn grade(store: &Store, id: i64, item: u8, grade: &Grade) -> Result<AuditResult, AuditError> {
    policy::validate(item, grade)?;
    let mut result = stored(store, id)?;
    let mut grades = store.grades(id)?;
    grades.insert(item, grade.clone());
    apply_grades(&mut result, &grades);
    let encoded = encode(&result)?;
    store.atomically(|| -> Result<(), AuditError> {
        store.set_grade(id, item, grade)?;
        store.update_result(id, &encoded, &headline(&result))?;
        Ok(())
    })?;
    Ok(result)
}

impl AuditResult {
    /// The result with every email address and phone number in any text of it masked
    /// the way the PDF masks them (`jane.doe@acme.com` → `j***@a***.com`,
    /// `+1 415 555 1234` → `+1 *** *** 1234`): file names, headers, owners, sources,
    /// stages, example values, rationales and the mapping alike. The one
    /// implementation behind the PDF, the workspace file and `show --json`.
    ///
    /// Fails (a bug: masking never changes the shape of a result) rather than hand
    /// back anything unmasked.
    pub fn redacted(&self) -> Result<AuditResult, AuditError> {
        let value = serde_json::to_value(self).map_err(AuditError::Encode)?;
        serde_json::from_value(redact_value(value)).map_err(AuditError::Encode)
    }
}

fn redact_value(value: serde_json::Value) -> serde_json::Value {
    use crate::report::redact::redact_text;
    use serde_json::Value;
    match value {
        Value::String(s) => Value::String(redact_text(&s)),
        Value::Array(items) => Value::Array(items.into_iter().map(redact_value).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    // A file's fingerprint is hex, never personal.
                    if k == "sha256" {
                        (k, v)
                    } else {
                        (redact_text(&k), redact_value(v))
                    }
                })
                .collect(),
        ),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::policy::GradeError;

    const CONTACTS: &str = "Record ID,Email,Create Date,Contact owner,Lifecycle Stage\n\
                            1,a@x.com,2026-04-01 09:00,Ann,lead\n\
                            2,b@x.com,2026-04-02 10:30,Bo,customer\n\
                            3,c@x.com,2026-04-03 11:00,Ann,lead\n";

    fn audit_of(dir: &Path, name: &str, contacts: &str) -> AuditResult {
        let path = dir.join("contacts.csv");
        std::fs::write(&path, contacts).unwrap();
        run(Request {
            name: name.into(),
            files: vec![path],
            mapping: None,
            settings: Settings::default(),
            period: Period::all(),
            progress: None,
            stage: None,
            strict: false,
        })
        .unwrap()
    }

    #[test]
    fn stages_are_told_in_their_order_though_the_findings_run_beside_the_baselines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("contacts.csv");
        std::fs::write(&path, CONTACTS).unwrap();
        let mut told = Vec::new();
        let result = run(Request {
            name: "Q2".into(),
            files: vec![path],
            mapping: None,
            settings: Settings::default(),
            period: Period::all(),
            progress: None,
            stage: Some(&mut |s| told.push(s)),
            strict: false,
        })
        .unwrap();
        assert_eq!(
            told,
            [
                Stage::Reading,
                Stage::Baselines,
                Stage::Findings,
                Stage::Readiness,
                Stage::Checks
            ]
        );
        // The same audit as without the callback.
        assert_eq!(
            serde_json::to_value(&result).unwrap(),
            serde_json::to_value(audit_of(dir.path(), "Q2", CONTACTS)).unwrap()
        );
    }

    #[test]
    fn checks_say_which_items_are_foundations_also_in_audits_saved_before_they_did() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create(
            &dir.path().join("w.leadaudit"),
            "Acme",
            &Settings::default(),
        )
        .unwrap();
        let foundations = |r: &AuditResult| -> Vec<u8> {
            r.checks
                .iter()
                .filter(|c| c.foundation)
                .map(|c| c.item)
                .collect()
        };
        let result = audit_of(dir.path(), "Q2", CONTACTS);
        assert_eq!(foundations(&result), [1, 2, 5, 8, 10]);
        let json = serde_json::to_value(&result).unwrap();
        assert_eq!(json["checks"][0]["foundation"], true);
        // An audit saved before checks said so reads them from the checklist.
        let mut old = json;
        for c in old["checks"].as_array_mut().unwrap() {
            c.as_object_mut().unwrap().remove("foundation");
        }
        let old: AuditResult = serde_json::from_value(old).unwrap();
        assert!(foundations(&old).is_empty());
        let id = save_new(&store, old).unwrap().result.audit.id.unwrap();
        assert_eq!(foundations(&load(&store, id).unwrap()), [1, 2, 5, 8, 10]);
    }

    #[test]
    fn the_saved_mapping_is_read_once_for_the_cli_and_the_app() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.leadaudit");
        let store = Store::create(&path, "Acme", &Settings::default()).unwrap();
        assert!(saved_mapping(&store).unwrap().is_none());
        store
            .save_mapping("[[file]]\npath = \"mql.csv\"\nkind = \"leads\"\n")
            .unwrap();
        let mapping = saved_mapping(&store).unwrap().unwrap();
        assert_eq!(mapping.files[0].path, "mql.csv");
        // A warning's line is of the saved mapping, and says so.
        assert_eq!(
            mapping.lines.at(Some(3)),
            "w.leadaudit's saved mapping, line 3"
        );
        store.save_mapping("[[file]\npath = ").unwrap();
        let err = saved_mapping(&store).unwrap_err().to_string();
        assert!(err.contains(&path.display().to_string()), "{err}");
    }

    #[test]
    fn audits_are_saved_loaded_and_graded_in_the_workspace() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create(
            &dir.path().join("w.leadaudit"),
            "Acme",
            &Settings::default(),
        )
        .unwrap();

        let first = save_new(&store, audit_of(dir.path(), "Q2", CONTACTS)).unwrap();
        assert!(first.warnings.is_empty());
        let info = &first.result.audit;
        assert_eq!(
            (info.id, info.workspace.as_deref()),
            (Some(1), Some("Acme"))
        );
        assert_eq!(
            info.created_at.as_deref(),
            Some(store.audit(1).unwrap().created_at.as_str())
        );
        assert_eq!(
            store.mapping().unwrap().as_ref(),
            Some(&first.result.inputs.mapping)
        );
        assert_eq!(load(&store, 1).unwrap(), first.result);
        assert_eq!(previous(&store, 1).unwrap(), None);

        // Next quarter's export has one more column: the saved audit says so.
        let with_phone = CONTACTS
            .replacen("Lifecycle Stage", "Lifecycle Stage,Phone Number", 1)
            .replace("lead\n", "lead,\n")
            .replace("customer\n", "customer,\n");
        let second = save_new(&store, audit_of(dir.path(), "Q3", &with_phone)).unwrap();
        assert_eq!(
            second.warnings,
            [
                "contacts.csv: the headers changed since the last audit (new columns \"Phone Number\"); check the mapping before trusting the comparison"
            ]
        );
        assert_eq!(second.result.audit.id, Some(2));
        assert_eq!(previous(&store, 2).unwrap().unwrap().audit.id, Some(1));

        // Refused: in place without the owner item 8 needs; nothing is saved.
        let mut g = Grade::new(GradeLevel::InPlace);
        let err = grade(&store, 2, 8, &g).unwrap_err();
        assert!(
            matches!(
                err,
                AuditError::Grade(GradeError::OwnerNeeded { item: 8, .. })
            ),
            "{err}"
        );
        assert!(store.grades(2).unwrap().is_empty());

        g.owner = "Dana Cruz".into();
        let graded = grade(&store, 2, 8, &g).unwrap();
        let check = &graded.checks[7];
        assert_eq!((check.item, check.effective), (8, GradeLevel::InPlace));
        assert_eq!(check.grade.as_ref().unwrap().owner, "Dana Cruz");
        // What is stored, and what is read back, carry the grade's verdict.
        assert_eq!(load(&store, 2).unwrap(), graded);
        let stored_verdict = &store.audit(2).unwrap().result["verdict"]["label"];
        assert_eq!(stored_verdict, graded.verdict.label.as_str());
        assert!(
            store.grades(1).unwrap().is_empty(),
            "the other audit is untouched"
        );

        assert!(matches!(
            load(&store, 9).unwrap_err(),
            AuditError::Store(StoreError::NoAudit { id: 9, .. })
        ));
    }
}
