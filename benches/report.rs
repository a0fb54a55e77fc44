//! The time to render the sample workspace's PDF scorecard (target: at most 1 s).
//!
//! Run with `cargo bench --bench report` (release). It audits the sample's two HubSpot
//! quarters first (not timed), grades a few items of the third the way a workshop
//! would, then renders the third quarter's scorecard against the second on A4 a number
//! of times (`-- N`, default 10) and prints the fastest, the median and the slowest
//! render, the page count and the size of the PDF.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use leadaudit::audit::{self, AuditResult};
use leadaudit::grade::{EscalationRule, Grade, GradeLevel};
use leadaudit::report::Paper;
use leadaudit::report::scorecard::{ScorecardOptions, render_scorecard};
use leadaudit_synth::sample;

fn quarter(name: &str, dir: &str) -> AuditResult {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data")
        .join(dir);
    sample::audit_quarter(&dir, name).expect("the sample quarter audits")
}

fn main() {
    let runs: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10)
        .max(1);
    let t = Instant::now();
    let q2 = quarter("2026 Q2", "hubspot-2026Q2");
    let mut q3 = quarter("2026 Q3", "hubspot-2026Q3");
    let mut grades = BTreeMap::new();
    let mut owner = Grade::new(GradeLevel::InPlace);
    owner.owner = "Grace Okafor".to_owned();
    owner.note = "Alerts go to the SDR lead".to_owned();
    grades.insert(8, owner);
    let mut escalation = Grade::new(GradeLevel::Missing);
    escalation.escalation = vec![EscalationRule::HighValue];
    grades.insert(10, escalation);
    grades.insert(7, Grade::new(GradeLevel::Partial));
    audit::apply_grades(&mut q3, &grades);
    println!(
        "sample audited in {:.1} s (not part of the render time)",
        t.elapsed().as_secs_f64()
    );

    let options = ScorecardOptions {
        paper: Paper::A4,
        redact: true,
    };
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let pdf = render_scorecard(&q3, Some(&q2), options).expect("the scorecard renders");
        times.push(t.elapsed());
        last = Some(pdf);
    }
    times.sort();
    let pdf = last.expect("at least one render");
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "scorecard render (A4, {} pages, {} KB, compared with the previous quarter), {runs} runs: fastest {:.0} ms, median {:.0} ms, slowest {:.0} ms (target: at most 1000 ms)",
        pdf.pages,
        pdf.bytes.len() / 1024,
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
    );
}
