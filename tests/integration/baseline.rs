//! `leadaudit baseline` end to end: the Maven CRM export (skipped with a notice when
//! `../shared/real-exports/` is absent), the period options and their errors.
//!
//! The Maven figures were computed independently from `sales_pipeline.csv` with Python's
//! csv module (deal_stage "Won"/"Lost"; cycle = close_date − engage_date in days):
//!
//! ```python
//! import csv, statistics, collections, datetime
//! rows = list(csv.DictReader(open("sales_pipeline.csv")))
//! d = lambda s: datetime.datetime.strptime(s, "%m/%d/%Y").date()
//! won = [r for r in rows if r["deal_stage"] == "Won"]
//! lost = [r for r in rows if r["deal_stage"] == "Lost"]
//! len(won), len(lost), len(won) / (len(won) + len(lost))  # 4238 2473 0.6315005215318135
//! statistics.median((d(r["close_date"]) - d(r["engage_date"])).days for r in won)  # 57.0
//! q = lambda x: f"{x.year}Q{(x.month - 1) // 3 + 1}"
//! # per close quarter: 2017Q1 531/116 0.8207 74; 2017Q2 1254/778 0.6171 52.0;
//! #                   2017Q3 1257/790 0.6141 49; 2017Q4 1196/789 0.6025 51.0
//! c = collections.Counter(r["sales_agent"] for r in rows)
//! len(c), c.most_common(1)  # 30 [('Darcel Schlecht', 747)]
//! x = list(c.values()); n = len(x); m = sum(x) / n
//! sum(abs(a - b) for a in x for b in x) / (2 * n * n * m)  # 0.21104545454545454
//! ```

use serde_json::Value;

use crate::harness::{leadaudit, real_exports};

const MAVEN_MAPPING: &str = r#"[[file]]
path = "sales_pipeline.csv"
kind = "deals"
[file.columns]
created_at = "engage_date"
"#;

fn maven(extra: &[&str]) -> Option<Value> {
    let dir = real_exports("maven-crm")?;
    let tmp = tempfile::tempdir().unwrap();
    let mapping = tmp.path().join("maven.toml");
    std::fs::write(&mapping, MAVEN_MAPPING).unwrap();
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| p.ends_with(".csv"))
        .collect();
    files.sort();
    let mut args = vec![
        "baseline".to_owned(),
        "--json".to_owned(),
        "--timezone".to_owned(),
        "UTC".to_owned(),
        "--mapping".to_owned(),
        mapping.display().to_string(),
    ];
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    args.extend(files);
    let run = leadaudit(tmp.path(), &args);
    Some(serde_json::from_str(run.ok()).unwrap_or_else(|e| panic!("{e}\n{run}")))
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn assert_round(v: &Value, digits: i32, expected: f64, what: &str) {
    let scale = 10f64.powi(digits);
    assert_eq!((f(v) * scale).round() / scale, expected, "{what}: {v}");
}

#[test]
fn maven_crm_win_rate_cycle_and_routing() {
    let Some(json) = maven(&[]) else { return };
    assert_eq!(json["label"], "whole export");
    assert_eq!(json["deals"], 8800);
    assert_eq!(
        (json["deals_won"].clone(), json["deals_lost"].clone()),
        (4238.into(), 2473.into())
    );
    assert_round(&json["win_rate"], 4, 0.6315, "win rate");
    assert_eq!(f(&json["cycle_time_days_median"]), 57.0);

    let quarters: Vec<(&str, f64, f64)> = vec![
        ("2017Q1", 0.8207, 74.0),
        ("2017Q2", 0.6171, 52.0),
        ("2017Q3", 0.6141, 49.0),
        ("2017Q4", 0.6025, 51.0),
    ];
    let by_quarter = json["by_quarter"].as_array().unwrap();
    assert_eq!(by_quarter.len(), quarters.len(), "{by_quarter:?}");
    for (q, (name, win, cycle)) in by_quarter.iter().zip(&quarters) {
        assert_eq!(q["quarter"], *name);
        assert_round(&q["win_rate"], 4, *win, name);
        assert_eq!(f(&q["cycle_time_days_median"]), *cycle, "{name}");
    }

    let routing = &json["routing"];
    assert_eq!(routing["basis"], "deals");
    let owners = routing["owners"].as_array().unwrap();
    assert_eq!(owners.len(), 30);
    assert_eq!(owners[0]["owner"], "Darcel Schlecht");
    assert_eq!(owners[0]["deals"], 747);
    assert_round(&routing["gini"], 3, 0.211, "gini");
    assert!((f(&routing["gini"]) - 0.211_045_454_545_454_54).abs() < 1e-9);

    // No leads file: the lead figures are null, with the reason.
    for figure in ["speed_to_lead", "qualification_rate", "sla", "lead_to_won"] {
        assert_eq!(json[figure], Value::Null, "{figure}");
        assert_eq!(json["unavailable"][figure], "no leads file", "{figure}");
    }
    assert_eq!(json["routing"]["unassigned"], Value::Null);
}

#[test]
fn maven_crm_one_quarter() {
    let Some(json) = maven(&["--quarter", "2017Q3"]) else {
        return;
    };
    assert_eq!(json["label"], "2017Q3");
    assert_eq!(json["deals"], 2047);
    assert_round(&json["win_rate"], 4, 0.6141, "win rate");
    assert_eq!(f(&json["cycle_time_days_median"]), 49.0);
    let by_quarter = json["by_quarter"].as_array().unwrap();
    assert_eq!(by_quarter.len(), 1);
    assert_eq!(by_quarter[0]["quarter"], "2017Q3");
}

#[test]
fn maven_crm_text_table() {
    let Some(dir) = real_exports("maven-crm") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let mapping = tmp.path().join("maven.toml");
    std::fs::write(&mapping, MAVEN_MAPPING).unwrap();
    let pipeline = dir.join("sales_pipeline.csv").display().to_string();
    let m = mapping.display().to_string();
    let run = leadaudit(
        tmp.path(),
        &["baseline", "--timezone", "UTC", "--mapping", &m, &pipeline],
    );
    let out = run.ok();
    for expected in [
        "Baseline: whole export (time zone UTC",
        "Win rate",
        "63.2%",
        "4,238 / 2,473",
        "57.0 d",
        "0.211",
        "Darcel Schlecht",
        "speed_to_lead: no leads file",
    ] {
        assert!(out.contains(expected), "{expected:?} not in\n{run}");
    }
}

#[test]
fn period_options_are_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("deals.csv");
    std::fs::write(
        &file,
        "Deal ID,Deal Stage,Close Date,Deal Owner\n1,Closed Won,2026-04-02,Ann\n2,Closed Lost,2026-08-02,Bob\n",
    )
    .unwrap();
    let f = file.display().to_string();
    let run = leadaudit(tmp.path(), &["baseline", "--quarter", "2026Q5", &f]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(
        run.stderr
            .contains("\"2026Q5\" is not a quarter; write it like 2017Q3"),
        "{run}"
    );
    let run = leadaudit(
        tmp.path(),
        &["baseline", "--from", "2026-09-01", "--to", "2026-07-01", &f],
    );
    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stderr.contains("swap --from and --to"), "{run}");
    let run = leadaudit(tmp.path(), &["baseline", "--sla", "soon", &f]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stderr.contains("\"soon\" is not a duration"), "{run}");
    let run = leadaudit(
        tmp.path(),
        &["baseline", "--business-hours", "weekdays", &f],
    );
    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stderr.contains("business hours \"weekdays\""), "{run}");

    // --from alone: deals closed from 2026-07-01 on; quarters clipped to the period.
    let run = leadaudit(
        tmp.path(),
        &[
            "baseline",
            "--json",
            "--timezone",
            "UTC",
            "--from",
            "2026-07-01",
            &f,
        ],
    );
    let json: Value = serde_json::from_str(run.ok()).unwrap();
    assert_eq!(json["label"], "from 2026-07-01");
    assert_eq!(json["deals"], 1);
    assert_eq!(json["win_rate"], 0.0);
    let quarters: Vec<&str> = json["by_quarter"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["quarter"].as_str().unwrap())
        .collect();
    assert_eq!(quarters, ["2026Q3"]);
}
