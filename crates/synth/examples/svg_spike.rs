//! The chart-renderer spike (#17, docs/chart-renderer-spike.md), measured.
//!
//! Build with `cargo build -p leadaudit-synth --features svg-spike --example svg_spike`
//! and run `$CARGO_TARGET_DIR/debug/examples/svg_spike OUT_DIR [RUNS]`. It audits the
//! sample workspace's two HubSpot quarters (not timed, [`leadaudit_synth::sample`]),
//! writes the third quarter's scorecard as drawn today (`scorecard.pdf`) and its
//! owner-load chart as the spike's SVG (`leads_per_owner.svg`, the size the scorecard
//! gives the chart's plot, redacted as the PDF is), and prints how long each takes: the
//! fastest and the median of RUNS renders (default 10).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use leadaudit::audit::AuditResult;
use leadaudit::charts::{self, ids, svg};
use leadaudit::report::Paper;
use leadaudit::report::chart::suggested_plot_height;
use leadaudit::report::scorecard::{ScorecardOptions, render_scorecard};
use leadaudit_synth::sample;

fn quarter(name: &str, dir: &str) -> Result<AuditResult> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../sample-data")
        .join(dir);
    Ok(sample::audit_quarter(&dir, name)?)
}

/// The fastest and the median of `runs` calls of `f`.
fn time<T>(runs: usize, mut f: impl FnMut() -> Result<T>) -> Result<(Duration, Duration, T)> {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        last = Some(f()?);
        times.push(t.elapsed());
    }
    times.sort();
    let last = last.context("at least one run")?;
    Ok((times[0], times[times.len() / 2], last))
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(args.next().context("usage: svg_spike OUT_DIR [RUNS]")?);
    let runs: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(10);
    std::fs::create_dir_all(&out)?;
    let q2 = quarter("2026 Q2", "hubspot-2026Q2")?;
    let q3 = quarter("2026 Q3", "hubspot-2026Q3")?;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;

    let options = ScorecardOptions {
        paper: Paper::A4,
        redact: true,
    };
    let (fast, median, pdf) = time(runs, || Ok(render_scorecard(&q3, Some(&q2), options)?))?;
    std::fs::write(out.join("scorecard.pdf"), &pdf.bytes)?;
    println!(
        "scorecard render ({} pages, {} KB): fastest {:.1} ms, median {:.1} ms",
        pdf.pages,
        pdf.bytes.len() / 1024,
        ms(fast),
        ms(median)
    );

    let spec = charts::for_audit(&q3, Some(&q2))
        .into_iter()
        .find(|c| c.id == ids::OWNER_LOAD)
        .context("the sample has an owner-load chart")?
        .redacted();
    let width = Paper::A4.size().0 - 100.0;
    let height = suggested_plot_height(&spec);
    let (fast, median, drawn) = time(runs, || Ok(svg::horizontal_bar_svg(&spec, width, height)?))?;
    std::fs::write(out.join("leads_per_owner.svg"), &drawn)?;
    std::fs::write(
        out.join("leads_per_owner.json"),
        serde_json::to_string_pretty(&spec)?,
    )?;
    println!(
        "owner-load chart as SVG ({} × {:.0} pt, {} bytes, kind {}): fastest {:.3} ms, median {:.3} ms",
        width,
        height,
        drawn.len(),
        spec.kind.as_str(),
        ms(fast),
        ms(median)
    );
    Ok(())
}
