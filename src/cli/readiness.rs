//! `leadaudit readiness`: would a lead score trained on this history work?

use std::fmt::Write as _;

use anyhow::Context as _;
use chrono::NaiveDate;
use leadaudit::format::percent;
use leadaudit::readiness::{self, Readiness};

use super::input::{InputArgs, load_files};

/// The arguments of `readiness`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub input: InputArgs,
    /// The day the exports were taken, YYYY-MM-DD (default: the newest creation date).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,
    /// Days after creation before an unconverted lead without a closed deal counts as
    /// lost; younger ones are left out.
    #[arg(long, value_name = "DAYS", default_value_t = readiness::DEFAULT_MATURITY_DAYS)]
    pub maturity_days: u32,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let import = load_files(&args.input)?;
    let r = readiness::compute(
        &import,
        &readiness::Options {
            maturity_days: args.maturity_days,
            as_of: args.as_of,
        },
    )
    .context("score readiness could not be measured")?;
    if args.input.json {
        println!("{}", serde_json::to_string_pretty(&r)?);
    } else {
        print!("{}", text(&r));
    }
    Ok(())
}

/// The readable block.
pub fn text(r: &Readiness) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Score readiness: {} ({})",
        r.verdict.as_str(),
        r.reason
    );
    let l = &r.labels;
    let _ = writeln!(
        out,
        "\nLabels ({}): {} won, {} lost; left out: {} too young (under {} days), {} not closed yet{}",
        r.subject,
        l.won,
        l.lost,
        l.young,
        l.maturity_days,
        l.open,
        l.as_of
            .as_deref()
            .map(|d| format!("; ages counted to {d}"))
            .unwrap_or_default()
    );
    if let Some(b) = r.base_rate {
        let _ = writeln!(out, "Base rate: {} won", percent(b));
    }
    let m = &r.minimums;
    let _ = writeln!(
        out,
        "Minimums: {} labelled records of {} needed, {} won of {} needed ({}): {}",
        m.records,
        m.needed_records,
        m.won,
        m.needed_won,
        m.source,
        if m.met { "met" } else { "not met" }
    );
    if r.leaks.is_empty() {
        let _ = writeln!(out, "\nLeakage: no column flagged");
    } else {
        let _ = writeln!(out, "\nLeaky columns, excluded from the model:");
        for leak in &r.leaks {
            let auc = leak.auc.map_or("–".to_owned(), |a| format!("{a:.2}"));
            let _ = writeln!(
                out,
                "  {} ({}): AUC alone {auc}; {}",
                leak.column,
                leak.origin,
                leak.reasons.join("; ")
            );
        }
    }
    let _ = writeln!(out, "\nFeatures: {}", r.features.join(", "));
    match (&r.validation, &r.no_validation) {
        (Some(v), _) => {
            let _ = writeln!(
                out,
                "Validation: {}\n  AUC {:.3} (90% bootstrap interval {:.3} to {:.3}); top-decile lift {}",
                v.split,
                v.auc,
                v.auc_low,
                v.auc_high,
                v.top_decile_lift
                    .map_or("–".to_owned(), |x| format!("{x:.2}×"))
            );
            let _ = writeln!(
                out,
                "  Calibration by decile (predicted → observed won rate):"
            );
            for b in &v.calibration {
                let _ = writeln!(
                    out,
                    "    {:>2}: {} → {} ({} records)",
                    b.decile,
                    percent(b.predicted),
                    percent(b.observed),
                    b.records
                );
            }
        }
        (None, Some(why)) => {
            let _ = writeln!(out, "Validation: none ({why})");
        }
        (None, None) => {}
    }
    if !r.effects.is_empty() {
        let _ = writeln!(out, "\nStrongest effects:");
        for e in &r.effects {
            let _ = writeln!(out, "  {}", e.text);
        }
    }
    if let Some(p) = &r.process {
        let auc = p.auc.map_or("–".to_owned(), |a| format!("{a:.2}"));
        let _ = writeln!(
            out,
            "\nProcess feature, not in the model: {} (AUC alone {auc})",
            p.feature
        );
        for b in &p.buckets {
            let _ = writeln!(out, "  {}", b.text);
        }
    }
    if let Some(q) = &r.label_quality {
        let _ = writeln!(out, "\nLabel quality: {}", q.text);
    }
    if let Some(d) = &r.drift {
        let _ = writeln!(
            out,
            "\nDrift {} → {} (population stability index; over {} is flagged):",
            d.from,
            d.to,
            readiness::DRIFT_PSI
        );
        for f in &d.features {
            let flag = if f.flagged { "  drifted" } else { "" };
            let _ = writeln!(out, "  {}: {:.3}{flag}", f.feature, f.psi);
        }
    }
    for n in &r.notes {
        let _ = writeln!(out, "\nNote: {n}");
    }
    out
}
