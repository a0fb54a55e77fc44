//! `leadaudit synth`: writes the deterministic sample (or benchmark) workspace.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use leadaudit_synth::{self as synth, Profile, SynthOptions};

/// Which workspace to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ProfileArg {
    /// The bundled sample workspace (10,000 contacts by default).
    Sample,
    /// The same shapes at benchmark scale (1,000,000 contacts by default).
    Bench,
}

/// The arguments of `synth`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to write into (created if missing; only the generator's files are
    /// replaced).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The random seed; the same seed always writes the same bytes.
    #[arg(long, value_name = "N", default_value_t = synth::DEFAULT_SEED)]
    pub seed: u64,
    /// Contacts in 2026Q2 and 2026Q3 together (default: 10000 for sample, 1000000 for
    /// bench); a later quarter has as many as 2026Q3.
    #[arg(long, value_name = "N")]
    pub contacts: Option<u64>,
    /// How many quarters to write: 2 (2026Q2 and 2026Q3, as the bundled sample), 3 (and
    /// 2026Q4) or 4 (and 2027Q1), for a workspace with more audits to trend.
    #[arg(long, value_name = "N", default_value_t = synth::DEFAULT_QUARTERS,
          value_parser = clap::value_parser!(u8).range(2..=synth::MAX_QUARTERS as i64))]
    pub quarters: u8,
    /// What to generate.
    #[arg(long, value_enum, default_value = "sample")]
    pub profile: ProfileArg,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `synth`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let started = Instant::now();
    let profile = match args.profile {
        ProfileArg::Sample => Profile::Sample,
        ProfileArg::Bench => Profile::Bench,
    };
    let summary = synth::generate(&SynthOptions {
        out: args.out.clone(),
        seed: args.seed,
        contacts: args.contacts,
        profile,
        quarters: args.quarters,
    })
    .with_context(|| format!("could not generate into {}", args.out.display()))?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
        return Ok(());
    }
    println!(
        "Wrote the {} workspace ({} contacts, seed {}) to {} in {:.1} s:",
        profile.name(),
        summary.contacts,
        summary.seed,
        summary.out.display(),
        started.elapsed().as_secs_f64()
    );
    for f in &summary.files {
        if f.rows > 0 {
            println!("  {:<36} {:>10} rows {:>12} bytes", f.path, f.rows, f.bytes);
        } else {
            println!("  {:<36} {:>10}      {:>12} bytes", f.path, "", f.bytes);
        }
    }
    for (key, q) in &summary.quarters {
        let p = &q.planted;
        println!(
            "  {key}: {} duplicate clusters, {} never contacted, {} 2 a.m. breaches, {} stage-label variants",
            p.duplicate_clusters.clusters,
            p.never_contacted,
            p.night_breaches,
            p.stage_label_variants.values().sum::<u64>()
        );
    }
    println!("Every planted count is in README.md and truth.json.");
    Ok(())
}
