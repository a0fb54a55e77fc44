//! `leadaudit findings`: the data-quality findings of checklist items 1, 2, 4, 5 and 11.

use std::fmt::Write as _;

use anyhow::Context as _;
use chrono::NaiveDate;
use leadaudit::findings::{self, Findings, Severity};
use leadaudit::settings::Settings;

use super::input::{InputArgs, load_files};

/// The arguments of `findings`.
#[derive(Debug, clap::Args)]
#[command(mut_arg("json", |a| a.help("Print JSON ({\"findings\": [...]}) instead of text")))]
pub struct Args {
    #[command(flatten)]
    pub input: InputArgs,
    /// The day the exports were taken, YYYY-MM-DD (default: the latest date in them).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let import = load_files(&args.input)?;
    let settings = Settings {
        timezone: import.inspection.timezone.clone(),
        as_of: args.as_of,
        ..Settings::default()
    };
    let mut found = findings::compute(&import.tables, &settings)
        .context("the findings could not be computed")?;
    found
        .findings
        .extend(findings::rows_set_aside(&import.inspection.files));
    if args.input.json {
        println!("{}", serde_json::to_string_pretty(&found)?);
    } else {
        print!("{}", text(&found));
    }
    Ok(())
}

fn item_name(item: u8) -> &'static str {
    match item {
        1 => "Closed-won data hygiene",
        2 => "Won/lost sync to the CRM",
        4 => "Enrichment before scoring",
        5 => "Dedupe and identity",
        11 => "Full CRM write-back",
        _ => "Other",
    }
}

/// The readable report: grouped by item, most severe first; findings that fire with
/// their detail, examples and fix, the others on one line.
pub fn text(found: &Findings) -> String {
    let mut out = String::new();
    let n = |s: Severity| found.findings.iter().filter(|f| f.severity == s).count();
    let _ = writeln!(
        out,
        "{} findings: {} critical, {} warning{}, {} info.",
        found.findings.len(),
        n(Severity::Critical),
        n(Severity::Warning),
        if n(Severity::Warning) == 1 { "" } else { "s" },
        n(Severity::Info)
    );
    let mut item = 0;
    for f in found.sorted() {
        if f.item != item {
            item = f.item;
            let _ = writeln!(out, "\nItem {item}: {}", item_name(item));
        }
        if !f.fires() {
            let _ = writeln!(out, "  [info] {}: {}", f.id, f.title);
            continue;
        }
        let _ = writeln!(
            out,
            "  [{}] {} ({} of {})",
            f.severity.as_str(),
            f.id,
            findings::thousands(f.count),
            findings::thousands(f.of)
        );
        let _ = writeln!(out, "      {}", f.title);
        for line in f.detail.lines().filter(|l| !l.trim().is_empty()) {
            let _ = writeln!(out, "      {line}");
        }
        if !f.examples.is_empty() {
            let _ = writeln!(out, "      e.g. {}", f.examples.join(", "));
        }
        let _ = writeln!(out, "      fix: {}", f.fix);
    }
    out
}
