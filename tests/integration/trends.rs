//! #16 "Trends across every audit": a workspace of four quarters written by
//! `leadaudit synth --quarters 4`, the third audited without its activities file. Its
//! trends in `history --json` and on the PDF's Trend page have four points, and the
//! quarter that could not give a figure is a gap with its reason, never a 0.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::harness::{flat, leadaudit, poppler};

const QUARTERS: [&str; 4] = ["2026Q2", "2026Q3", "2026Q4", "2027Q1"];

/// The four quarters audited into `dir/ws.leadaudit`; 2026Q4 without `engagements.csv`.
fn four_audits(dir: &Path) -> PathBuf {
    leadaudit(
        dir,
        &[
            "synth",
            "--out",
            "data",
            "--quarters",
            "4",
            "--contacts",
            "2000",
        ],
    )
    .ok();
    let ws = dir.join("ws.leadaudit");
    for q in QUARTERS {
        let mut files: Vec<String> =
            std::fs::read_dir(dir.join("data").join(format!("hubspot-{q}")))
                .unwrap()
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "csv"))
                .filter(|p| q != "2026Q4" || !p.ends_with("engagements.csv"))
                .map(|p| p.display().to_string())
                .collect();
        files.sort();
        let name = format!("{} {}", &q[..4], &q[4..]);
        let mut args = vec![
            "audit".to_owned(),
            "--workspace".to_owned(),
            ws.display().to_string(),
            "--name".to_owned(),
            name,
            "--timezone".to_owned(),
            "America/New_York".to_owned(),
        ];
        args.extend(files);
        leadaudit(dir, &args).ok();
    }
    ws
}

fn trend<'a>(history: &'a Value, id: &str) -> &'a Value {
    history["trends"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("no trend of {id}"))
}

fn pages(pdf: &Path) -> Vec<String> {
    poppler("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"])
        .split('\u{c}')
        .map(flat)
        .collect()
}

#[test]
fn four_audits_trend_in_history_json_and_the_pdf_with_the_gap_as_a_gap() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let ws = four_audits(dir);
    let ws_arg = ws.display().to_string();

    let history: Value =
        serde_json::from_str(leadaudit(dir, &["history", "--workspace", &ws_arg, "--json"]).ok())
            .unwrap();
    assert_eq!(history["audits"].as_array().unwrap().len(), 4);
    let trends = history["trends"].as_array().unwrap();
    assert_eq!(trends.len(), 12, "one trend per headline figure");
    for t in trends {
        let names: Vec<&str> = t["points"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["audit"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["2026 Q2", "2026 Q3", "2026 Q4", "2027 Q1"], "{t}");
    }

    // Without activities, 2026 Q4 has no speed to lead: a gap with its reason, not 0.
    let median = trend(&history, "speed_median");
    let p = &median["points"];
    assert!(p[0]["value"].as_f64().is_some(), "{median}");
    assert!(p[1]["value"].as_f64().is_some(), "{median}");
    assert!(p[2]["value"].is_null(), "{median}");
    assert_eq!(p[2]["gap"], "not_available");
    assert_eq!(p[2]["text"], "Not available");
    assert!(
        p[2]["reason"].as_str().unwrap().contains("activities"),
        "{median}"
    );
    assert!(p[3]["value"].as_f64().is_some(), "{median}");
    assert_eq!(median["target"]["value"], 60.0);
    let within = trend(&history, "within_5m");
    assert!(within["points"][2]["value"].is_null(), "{within}");
    // A figure the missing file does not touch has all four points.
    let win = trend(&history, "win_rate");
    assert!(
        win["points"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["value"].as_f64().is_some()),
        "{win}"
    );

    // The text history draws a sparkline with a gap mark.
    let text = leadaudit(dir, &["history", "--workspace", &ws_arg]);
    let line = text
        .ok()
        .lines()
        .find(|l| l.trim_start().starts_with("Speed-to-lead, median "))
        .unwrap_or_else(|| panic!("no median trend in\n{text}"))
        .to_owned();
    assert_eq!(line.chars().filter(|c| *c == '·').count(), 1, "{line}");

    // The PDF of the fourth audit has a Trend page: every chart, four audits, the gap
    // named, and each value as history --json words it.
    let pdf = dir.join("q1.pdf");
    leadaudit(
        dir,
        &[
            "report",
            "--workspace",
            &ws_arg,
            "--audit",
            "4",
            "--out",
            pdf.to_str().unwrap(),
        ],
    )
    .ok();
    let all = pages(&pdf);
    let trend_pages: Vec<&String> = all
        .iter()
        .filter(|p| p.contains("Trend Each headline figure across"))
        .collect();
    assert_eq!(trend_pages.len(), 1, "one Trend page");
    let page = trend_pages[0];
    assert!(
        page.contains("4 audits, oldest first (2026 Q2 to 2027 Q1)"),
        "{page}"
    );
    assert!(
        page.contains("No value (a gap, not 0): 2026 Q4 not available: no first-touch column"),
        "{page}"
    );
    // Every figure's chart is there, and each one with a gap says so under it.
    for t in trends {
        let label = t["label"].as_str().unwrap();
        assert!(page.contains(label), "{label} not on the Trend page");
    }
    let gaps = trends
        .iter()
        .filter(|t| t["points"][2]["value"].is_null())
        .count();
    assert_eq!(gaps, 8, "the speed and SLA figures need activities");
    assert_eq!(
        page.matches("No value (a gap, not 0): 2026 Q4 not available")
            .count(),
        gaps,
        "{page}"
    );
    // The values of a figure with no gap are drawn (the win rate's four).
    for p in win["points"].as_array().unwrap() {
        let text = p["text"].as_str().unwrap();
        assert!(page.contains(text), "win rate {text} not on the Trend page");
    }

    // Two audits are not a trend: the second audit's PDF has no Trend page.
    let pdf2 = dir.join("q3.pdf");
    leadaudit(
        dir,
        &[
            "report",
            "--workspace",
            &ws_arg,
            "--audit",
            "2",
            "--out",
            pdf2.to_str().unwrap(),
        ],
    )
    .ok();
    assert!(
        !pages(&pdf2)
            .iter()
            .any(|p| p.contains("Trend Each headline figure across"))
    );
}
