//! The time to render the sample workspace's PDF scorecard (target: at most 1 s).
//!
//! Run with `cargo bench --bench report` (release). It audits the sample's two HubSpot
//! quarters first (not timed), grades a few items of the third the way a workshop
//! would, then renders the third quarter's scorecard against the second on A4 a number
//! of times (`-- N`, default 10) and prints the fastest, the median and the slowest
//! render, the page count and the size of the PDF.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use leadaudit::audit::{self, AuditResult, Request};
use leadaudit::grade::{EscalationRule, Grade, GradeLevel};
use leadaudit::metrics::Period;
use leadaudit::report::Paper;
use leadaudit::report::scorecard::{ScorecardOptions, render_scorecard};
use leadaudit::settings::Settings;

fn quarter(name: &str, dir: &str) -> AuditResult {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data")
        .join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the sample workspace is there")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    files.sort();
    let mut result = audit::run(Request {
        name: name.to_owned(),
        files,
        mapping: None,
        settings: Settings {
            timezone: "America/New_York".to_owned(),
            ..Settings::default()
        },
        period: Period::all(),
        progress: None,
        stage: None,
        strict: false,
    })
    .expect("the sample quarter audits");
    result.audit.workspace = Some("Brightwave Analytics".to_owned());
    result.audit.created_at = Some("2026-10-02T09:00:00Z".to_owned());
    result
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
