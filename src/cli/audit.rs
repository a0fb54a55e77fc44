//! `leadaudit audit | grade | show | history | compare`: audits kept in a workspace file.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context as _, bail};
use chrono::NaiveDate;
use leadaudit::audit::{self, AuditResult, Request};
use leadaudit::compare::{self, Comparison};
use leadaudit::format;
use leadaudit::grade::{EscalationRule, Grade, GradeLevel};
use leadaudit::present::{self, Movement, Reading, Unit};
use leadaudit::settings::{self, Settings};
use leadaudit::store::Store;
use leadaudit::trends;

use super::input::{InputArgs, progress_bar};
use super::inspect::print_mapping_warnings;

/// The arguments of `audit`.
#[derive(Debug, clap::Args)]
#[command(
    mut_arg("mapping", |a| a.help(
        "A mapping file (TOML); it is saved in the workspace for the next audit. Without it, \
         the workspace's saved mapping is used"
    )),
    mut_arg("timezone", |a| a.help(
        "The IANA time zone of a new workspace (default: the mapping's, else this machine's)"
    )),
    mut_arg("json", |a| a.help("Print the audit result as JSON")),
)]
pub struct AuditArgs {
    /// The workspace file (created when missing), e.g. acme.leadaudit.
    #[arg(long, value_name = "FILE")]
    pub workspace: PathBuf,
    /// The audit's name, e.g. "2026 Q3".
    #[arg(long)]
    pub name: String,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub period: super::period::PeriodArgs,
    /// Store the email addresses and phone numbers found in the files (owners, sources,
    /// stages, example values) as they are. By default they are masked as in the PDF
    /// (`j***@a***.com`, `+1 *** *** 1234`) before anything is written.
    #[arg(long)]
    pub keep_personal_data: bool,
    /// Print on standard error how long each stage took (reading, baselines, findings,
    /// readiness, checks, saving), in seconds. The findings are computed beside the
    /// baselines: their time is what is left of them once the baselines are done. The
    /// input files are hashed beside readiness, and its time includes what is left of that.
    #[arg(long)]
    pub timings: bool,
}

/// The arguments of `grade`.
#[derive(Debug, clap::Args)]
pub struct GradeArgs {
    #[arg(long, value_name = "FILE")]
    pub workspace: PathBuf,
    #[arg(long, value_name = "ID")]
    pub audit: i64,
    /// The checklist item, 1 to 12.
    pub item: u8,
    /// in_place, partial, missing or not_assessed.
    pub grade: String,
    /// A note on the grade.
    #[arg(long)]
    pub note: Option<String>,
    /// The person who owns the item (needed for "in place" on items 8, 10 and 12).
    #[arg(long)]
    pub owner: Option<String>,
    /// When it is due, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub due: Option<NaiveDate>,
    /// Item 10: the escalation rules that exist, comma separated: low_confidence,
    /// high_value, out_of_scope, negative_sensitive.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub escalation: Vec<String>,
}

/// The arguments of `show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    #[arg(long, value_name = "FILE")]
    pub workspace: PathBuf,
    #[arg(long, value_name = "ID")]
    pub audit: i64,
    /// Print the whole audit result as JSON.
    #[arg(long)]
    pub json: bool,
    /// Print emails and phone numbers as stored instead of masked (a workspace holds
    /// them only for audits made with `audit --keep-personal-data`, or written before
    /// masking was stored).
    #[arg(long)]
    pub no_redact: bool,
}

/// The arguments of `history`.
#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    #[arg(long, value_name = "FILE")]
    pub workspace: PathBuf,
    /// Print JSON: `audits` (oldest first, with their headline figures) and `trends`
    /// (each headline figure across the audits: a point per audit, or a gap with why).
    #[arg(long)]
    pub json: bool,
}

/// The arguments of `compare`.
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    #[arg(long, value_name = "FILE")]
    pub workspace: PathBuf,
    /// The earlier audit.
    pub before: i64,
    /// The later audit.
    pub after: i64,
    #[arg(long)]
    pub json: bool,
}

fn workspace_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Workspace".to_owned())
}

pub fn audit(args: AuditArgs) -> anyhow::Result<()> {
    let period = args.period.period()?;
    let given = args.input.read_mapping()?;
    let mut settings = Settings {
        timezone: leadaudit::ingest::mapping::machine_timezone(),
        ..Settings::default()
    };
    if let Some(tz) = given.as_ref().and_then(|m| m.timezone.clone()) {
        settings.timezone = tz;
    }
    if let Some(tz) = &args.input.timezone {
        settings::check_timezone(tz)?;
        settings.timezone = tz.clone();
    }
    // Check the workspace before reading anything; create a new one only once the
    // audit has run, so a failed audit leaves no file behind.
    let existing = if args.workspace.exists() {
        Some(Store::open(&args.workspace)?)
    } else {
        None
    };
    let settings = match &existing {
        Some(store) => store.workspace()?.settings,
        None => settings,
    };
    let saved = match (&given, &existing) {
        (None, Some(store)) => audit::saved_mapping(store)
            .context("the workspace's saved mapping could not be read")?,
        _ => None,
    };
    let mapping = given.as_ref().or(saved.as_ref());

    let (bar, mut update) = progress_bar();
    let mut stages: Vec<(&str, Instant)> = Vec::new();
    let stage_bar = bar.clone();
    let mut on_stage = |s: audit::Stage| {
        stages.push((s.as_str(), Instant::now()));
        if s != audit::Stage::Reading {
            // The files are read: a spinner with the stage from here on.
            stage_bar.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                    .expect("a valid template"),
            );
            stage_bar.set_message(s.label());
            stage_bar.enable_steady_tick(std::time::Duration::from_millis(120));
        }
    };
    let result = audit::run(Request {
        name: args.name.clone(),
        files: args.input.files.clone(),
        mapping,
        settings: settings.clone(),
        period,
        progress: Some(&mut update),
        stage: Some(&mut on_stage),
        // --strict, or the workspace's setting.
        strict: args.input.strict || settings.strict_rows,
    });
    stages.push(("saving", Instant::now()));
    bar.finish_and_clear();
    let result = result.context("the audit could not be run")?;
    let privacy = if args.keep_personal_data {
        audit::Privacy::Kept
    } else {
        audit::Privacy::Masked
    };
    let saved = match existing {
        Some(store) => audit::save_new_as(&store, result, privacy),
        // A new workspace holds its first audit before it is renamed into place.
        None => Store::create_with(
            &args.workspace,
            &workspace_name(&args.workspace),
            &settings,
            |store| audit::save_new_as(store, result, privacy),
        )
        .map(|(_, saved)| saved),
    }
    .context("the audit could not be saved")?;
    if args.timings {
        eprint!("{}", timings_text(&stages, Instant::now()));
    }
    for note in &saved.warnings {
        eprintln!("warning: {note}");
    }
    print_mapping_warnings(&saved.result.inputs.mapping_warnings);
    let result = saved.result;
    let id = result.audit.id.unwrap_or_default();

    if args.input.json {
        println!("{}", serde_json::to_string_pretty(&result)?);
    } else {
        println!(
            "audit {id}: {} ({})",
            result.audit.name, result.audit.period
        );
        println!("verdict: {}", result.verdict.label);
        print!("{}", checks_text(&result));
        print!("{}", gaps_text(&result));
    }
    Ok(())
}

/// Each stage's seconds (from its start to the next one's, the last to `end`), then the
/// total.
fn timings_text(stages: &[(&str, Instant)], end: Instant) -> String {
    let mut out = String::from("timings (seconds):\n");
    for (k, (name, start)) in stages.iter().enumerate() {
        let next = stages.get(k + 1).map_or(end, |s| s.1);
        let _ = writeln!(out, "  {name:<10} {:>8.2}", (next - *start).as_secs_f64());
    }
    if let Some((_, first)) = stages.first() {
        let _ = writeln!(
            out,
            "  {:<10} {:>8.2}",
            "total",
            (end - *first).as_secs_f64()
        );
    }
    out
}

/// What the audit could not measure and what its figures stand on: each figure not
/// available and each finding not assessed, with why ("not available: no creation
/// date in leads.csv"), then the baseline's notes and the files' warnings.
fn gaps_text(result: &AuditResult) -> String {
    let mut out = String::new();
    let b = &result.baseline;
    if !b.figures.unavailable.is_empty() {
        let _ = writeln!(out, "\nnot available ({}):", b.label);
        for (figure, why) in &b.figures.unavailable {
            let _ = writeln!(out, "  {figure}: not available: {why}");
        }
    }
    let unassessed: Vec<&leadaudit::findings::Finding> = result
        .findings
        .iter()
        .filter(|f| f.not_assessed())
        .collect();
    if !unassessed.is_empty() {
        let _ = writeln!(out, "\nfindings not assessed:");
        for f in unassessed {
            let why = f
                .title
                .trim_start_matches("Not assessed: ")
                .trim_end_matches('.');
            let _ = writeln!(out, "  {}: not available: {why}", f.id);
        }
    }
    let warnings: Vec<String> = result
        .inputs
        .files
        .iter()
        .flat_map(|f| f.warnings.iter().map(move |w| format!("{}: {w}", f.path)))
        .collect();
    if !b.notes.is_empty() || !warnings.is_empty() {
        let _ = writeln!(out, "\nnotes:");
        for n in b.notes.iter().chain(&warnings) {
            let _ = writeln!(out, "  {n}");
        }
    }
    out
}

/// An audit with its current grades applied.
pub(crate) fn load(store: &Store, id: i64) -> anyhow::Result<AuditResult> {
    Ok(audit::load(store, id)?)
}

pub fn grade(args: GradeArgs) -> anyhow::Result<()> {
    let level: GradeLevel = args.grade.parse().map_err(anyhow::Error::msg)?;
    let escalation = args
        .escalation
        .iter()
        .map(|r| {
            EscalationRule::ALL
                .into_iter()
                .find(|e| serde_json::to_value(e).ok().and_then(|v| v.as_str().map(str::to_owned)).as_deref() == Some(r.trim()))
                .ok_or_else(|| anyhow::anyhow!("\"{r}\" is not an escalation rule; use low_confidence, high_value, out_of_scope or negative_sensitive"))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let store = Store::open(&args.workspace)?;
    // Keep what was there unless it is given again.
    let current = store.grades(args.audit)?.remove(&args.item);
    let grade = Grade {
        grade: level,
        note: args
            .note
            .or_else(|| current.as_ref().map(|g| g.note.clone()))
            .unwrap_or_default(),
        owner: args
            .owner
            .or_else(|| current.as_ref().map(|g| g.owner.clone()))
            .unwrap_or_default(),
        due: args.due.or_else(|| current.as_ref().and_then(|g| g.due)),
        escalation: if escalation.is_empty() {
            current.map(|g| g.escalation).unwrap_or_default()
        } else {
            escalation
        },
    };
    let result = audit::grade(&store, args.audit, args.item, &grade)?;
    let check = &result.checks[args.item as usize - 1];
    println!(
        "item {} ({}): {}{}",
        check.item,
        check.title,
        grade.grade.label(),
        if check.overridden {
            " (overrides the suggestion)"
        } else {
            ""
        }
    );
    println!("verdict: {}", result.verdict.label);
    Ok(())
}

/// Opens a workspace to read only, saying so when the file cannot be written.
pub(crate) fn open_to_read(path: &Path) -> anyhow::Result<Store> {
    let store = Store::open_read_only(path)?;
    if leadaudit::store::is_read_only(path) {
        eprintln!(
            "note: {} is read-only: it is shown as it is; grading or auditing into it needs a writable copy",
            path.display()
        );
    }
    Ok(store)
}

pub fn show(args: ShowArgs) -> anyhow::Result<()> {
    let store = open_to_read(&args.workspace)?;
    let result = load(&store, args.audit)?;
    let result = if args.no_redact {
        result
    } else {
        result.redacted()?
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&result)?);
        return Ok(());
    }
    println!(
        "audit {}: {} ({})",
        args.audit, result.audit.name, result.audit.period
    );
    println!("verdict: {}", result.verdict.label);
    print!("{}", checks_text(&result));
    print!("{}", gaps_text(&result));
    if !result.verdict.fix_first.is_empty() {
        println!("\nfix first:");
        for f in &result.verdict.fix_first {
            println!(
                "  {:>2}. {} ({}; owner: {})",
                f.item,
                f.title,
                f.grade.label().to_lowercase(),
                f.owner.as_deref().unwrap_or("not named")
            );
        }
    }
    Ok(())
}

fn checks_text(result: &AuditResult) -> String {
    let mut out = String::new();
    for c in &result.checks {
        let suggested = match c.suggested {
            Some(s) => serde_json::to_value(s)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            None => "for you to judge".to_owned(),
        };
        let graded = match &c.grade {
            Some(g) => format!(
                "graded {}{}",
                g.grade,
                if c.overridden { " (override)" } else { "" }
            ),
            None => "not graded".to_owned(),
        };
        let _ = writeln!(
            out,
            "{:>2}. {:<32} suggested {:<16} {graded}\n      {}",
            c.item, c.title, suggested, c.rationale
        );
    }
    out
}

pub fn history(args: HistoryArgs) -> anyhow::Result<()> {
    let store = open_to_read(&args.workspace)?;
    let audits = store.audits()?;
    let results = audits
        .iter()
        .map(|a| load(&store, a.id))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let trends = trends::trends(&results);
    if args.json {
        let out = serde_json::json!({ "audits": audits, "trends": trends });
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    if audits.is_empty() {
        println!(
            "no audit yet: run `leadaudit audit --workspace {} --name NAME FILE...`",
            args.workspace.display()
        );
        return Ok(());
    }
    println!(
        "{:>4}  {:<20} {:<14} {:>7} {:>11} {:>9} {:>8}  verdict",
        "id", "name", "period", "leads", "median", "in 5 min", "win rate"
    );
    println!(
        "{:>4}  (n/a: not available; not reached: fewer than half the leads were ever contacted)",
        ""
    );
    for (a, result) in audits.iter().zip(&results) {
        let h = &a.headline;
        // The headline columns keep no difference between "not reached" and "not
        // available": the audit's result does.
        let result = serde_json::to_value(result)?;
        let text = |id: &str| {
            present::figure(id).map_or_else(String::new, |f| reading(f.read(&result).ok(), f.unit))
        };
        println!(
            "{:>4}  {:<20} {:<14} {:>7} {:>11} {:>9} {:>8}  {}",
            a.id,
            a.name,
            a.period.as_deref().unwrap_or_default(),
            h.leads
                .map_or_else(|| text("leads"), |n| format::number(n as f64)),
            h.speed_median_minutes
                .map_or_else(|| text("speed_median"), format::minutes),
            h.within_5m
                .map_or_else(|| text("within_5m"), format::percent),
            h.win_rate.map_or_else(|| text("win_rate"), format::percent),
            h.verdict.as_deref().unwrap_or_default()
        );
    }
    if results.len() >= 2 {
        print!("{}", trends_text(&trends));
    }
    Ok(())
}

/// The headline figures across the audits, oldest first: a sparkline each, and the
/// first and last reading.
fn trends_text(trends: &[trends::Trend]) -> String {
    let mut out = format!(
        "\nTrends, oldest audit first ({} no value: not reached or not available)\n",
        trends::SPARK_GAP
    );
    let width = trends
        .iter()
        .map(|t| t.label.chars().count())
        .max()
        .unwrap_or(0);
    for t in trends {
        let (Some(first), Some(last)) = (t.points.first(), t.points.last()) else {
            continue;
        };
        let target = t
            .target
            .as_ref()
            .map(|g| format!("  ({} {})", g.label, g.text))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {:<width$}  {}  {} → {}{target}",
            t.label,
            t.sparkline(),
            first.text,
            last.text,
        );
    }
    out
}

pub fn compare(args: CompareArgs) -> anyhow::Result<()> {
    if args.before == args.after {
        bail!("compare two different audits; `leadaudit history` lists them");
    }
    let store = open_to_read(&args.workspace)?;
    let (before, after) = (load(&store, args.before)?, load(&store, args.after)?);
    let names = (before.audit.name.clone(), after.audit.name.clone());
    let comparison = compare::compare(
        &serde_json::to_value(before)?,
        &serde_json::to_value(after)?,
    );
    if args.json {
        println!("{}", serde_json::to_string_pretty(&comparison)?);
    } else {
        print!("{}", comparison_text(&comparison, &names.0, &names.1));
    }
    Ok(())
}

fn reading(r: Option<Reading>, unit: Unit) -> String {
    format::reading(unit, r)
}

fn movement(m: Movement) -> &'static str {
    match m {
        Movement::Better => "better",
        Movement::Worse => "worse",
        Movement::Same => "same",
        Movement::Unjudged => "",
    }
}

fn comparison_text(c: &Comparison, before: &str, after: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{:<42} {:>12} {:>12}  ", "figure", "before", "after");
    for r in c.figures.iter().chain(&c.findings) {
        if r.before.is_none() && r.after.is_none() {
            continue;
        }
        let judged = match r.unjudged_reason(before, after) {
            Some(why) => format!("not judged ({why})"),
            None => movement(r.movement).to_owned(),
        };
        let _ = writeln!(
            out,
            "{:<42} {:>12} {:>12}  {}",
            truncate(&r.label, 42),
            reading(r.before, r.unit),
            reading(r.after, r.unit),
            judged
        );
    }
    let summary = |s: &compare::Summary| {
        let mut t = format!("{} better, {} worse", s.better, s.worse);
        if s.unjudged > 0 {
            t.push_str(&format!(
                "; {} not judged (not available in one audit)",
                s.unjudged
            ));
        }
        t
    };
    let _ = writeln!(
        out,
        "\nfigures: {}\nfinding counts: {}",
        summary(&c.summary),
        summary(&c.findings_summary)
    );
    if !c.grades.is_empty() {
        let _ = writeln!(out, "\ngrades that moved:");
        for g in &c.grades {
            let _ = writeln!(
                out,
                "  {:>2}. {}: {} -> {} {}",
                g.item,
                g.title,
                g.before,
                g.after,
                movement(g.movement)
            );
        }
    }
    out
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timings_run_from_each_stage_to_the_next() {
        let t0 = Instant::now();
        let at = |ms: u64| t0 + std::time::Duration::from_millis(ms);
        let text = timings_text(&[("reading", at(0)), ("findings", at(1500))], at(4000));
        assert_eq!(
            text,
            "timings (seconds):\n  reading        1.50\n  findings       2.50\n  total          4.00\n"
        );
    }
}
