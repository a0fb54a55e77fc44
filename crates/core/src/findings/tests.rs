use chrono::NaiveDate;
use polars::prelude::*;

use super::*;
use crate::findings::fixture::deal_dates;

#[test]
fn without_files_every_finding_says_why() {
    let f = compute(&Tables::default(), &Settings::default()).unwrap();
    for (id, item) in FINDING_IDS {
        let x = f.get(id).unwrap_or_else(|| panic!("{id} missing"));
        assert_eq!(x.item, *item, "{id}");
        assert!(x.not_assessed(), "{x:?}");
        assert!(x.title.len() > "Not assessed: ".len(), "{x:?}");
    }
    for x in &f.findings {
        assert!(FINDING_IDS.iter().any(|(id, _)| *id == x.id), "{}", x.id);
    }
    let bad = Settings {
        timezone: "Mars/Olympus".into(),
        ..Settings::default()
    };
    assert_eq!(
        compute(&Tables::default(), &bad).unwrap_err(),
        FindingsError::TimeZone("Mars/Olympus".into())
    );
}

#[test]
fn numbers_read_well() {
    assert_eq!(thousands(0), "0");
    assert_eq!(thousands(999), "999");
    assert_eq!(thousands(6711), "6,711");
    assert_eq!(thousands(1_000_000), "1,000,000");
    assert_eq!(percent(1425, 8800), "16%");
    assert_eq!(percent(45, 1000), "4.5%");
    assert_eq!(percent(1, 100_000), "<0.1%");
    assert_eq!(percent(99_999, 100_000), ">99.9%");
    assert_eq!(percent(3, 3), "100%");
    assert_eq!(percent(0, 3), "0%");
    assert_eq!(plural(1, "deal", "deals"), "1 deal");
    assert_eq!(plural(2, "deal", "deals"), "2 deals");
}

#[test]
fn severity_policy() {
    let p = Policy::any(0.2);
    assert_eq!(p.severity(0, 10), Severity::Info);
    assert_eq!(p.severity(1, 10), Severity::Warning);
    assert_eq!(p.severity(2, 10), Severity::Critical);
    assert_eq!(p.severity(0, 0), Severity::Info);
    let q = Policy {
        warn_at: 0.1,
        critical_at: 0.5,
    };
    assert_eq!(q.severity(5, 100), Severity::Info);
    assert_eq!(q.severity(10, 100), Severity::Warning);
    assert_eq!(q.severity(50, 100), Severity::Critical);
    assert!(Severity::Critical < Severity::Warning && Severity::Warning < Severity::Info);
}

#[test]
fn a_finding_serializes_to_exactly_the_contract() {
    let f = Finding {
        id: "x".into(),
        item: 1,
        severity: Severity::Critical,
        count: 2,
        of: 3,
        title: "t".into(),
        detail: "d".into(),
        examples: vec!["a".into()],
        fix: "f".into(),
        field: Some("leads.industry".into()),
    };
    let v = serde_json::to_value(&f).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    let mut expected = vec![
        "id", "item", "severity", "count", "of", "title", "detail", "examples", "fix", "field",
    ];
    expected.sort_unstable();
    let mut keys = keys;
    keys.sort_unstable();
    assert_eq!(keys, expected);
    assert_eq!(v["severity"], "critical");
    let back: Finding = serde_json::from_value(v).unwrap();
    assert_eq!(back.field.as_deref(), Some("leads.industry"));
    assert_eq!(back.count, 2);
}

fn deals(created: &[Option<&str>], close: &[Option<&str>], outcome: &[&str]) -> DataFrame {
    let created: Vec<Option<i64>> = created
        .iter()
        .map(|c| {
            c.map(|s| {
                chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
                    .unwrap()
                    .and_utc()
                    .timestamp_millis()
            })
        })
        .collect();
    let close: Vec<Option<i32>> = close
        .iter()
        .map(|c| {
            c.map(|s| {
                (NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
                    - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap())
                .num_days() as i32
            })
        })
        .collect();
    df!(
        "created_at" => created,
        "close_date" => close,
        "outcome" => outcome,
    )
    .map(deal_dates)
    .unwrap()
}

#[test]
fn the_export_day_follows_events_and_the_close_dates_that_continue_them() {
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    // The latest creation is 2026-09-28; deals closed on 2026-09-30 and 2026-10-03
    // follow without a long gap, one closed 2026-12-01 (a typed-in future date) and
    // an open deal's expected date do not count. The export: the day after.
    let t = Tables {
        deals: Some(deals(
            &[
                Some("2026-09-01 10:00"),
                Some("2026-09-28 23:30"),
                Some("2026-09-02 10:00"),
                Some("2026-09-03 10:00"),
                Some("2026-09-03 10:00"),
            ],
            &[
                Some("2026-09-30"),
                None,
                Some("2026-12-01"),
                Some("2027-01-15"),
                Some("2026-10-03"),
            ],
            &["won", "open", "lost", "open", "lost"],
        )),
        ..Tables::default()
    };
    let a = derive_as_of(&t, chrono_tz::UTC).unwrap().unwrap();
    assert_eq!(
        a,
        AsOf {
            date: d("2026-10-04"),
            source: AsOfSource::Events
        }
    );
    // Local dates: 23:30 UTC is the next day in Berlin.
    let t2 = Tables {
        deals: Some(deals(&[Some("2026-09-28 23:30")], &[None], &["open"])),
        ..Tables::default()
    };
    let a = derive_as_of(&t2, chrono_tz::Europe::Berlin)
        .unwrap()
        .unwrap();
    assert_eq!(a.date, d("2026-09-30"));
    // Only close dates: the day after the latest closed deal's.
    let t3 = Tables {
        deals: Some(deals(
            &[None, None],
            &[Some("2017-12-31"), Some("2018-02-01")],
            &["won", "open"],
        )),
        ..Tables::default()
    };
    let a = derive_as_of(&t3, chrono_tz::UTC).unwrap().unwrap();
    assert_eq!(
        a,
        AsOf {
            date: d("2018-01-01"),
            source: AsOfSource::CloseDates
        }
    );
    assert_eq!(
        derive_as_of(&Tables::default(), chrono_tz::UTC).unwrap(),
        None
    );
}

#[test]
fn every_definition_is_complete_and_its_id_is_unique() {
    for (i, d) in DEFS.iter().enumerate() {
        assert!(
            !d.fix.is_empty() && !d.counts.is_empty() && !d.of.is_empty(),
            "{d:?}"
        );
        assert!(matches!(d.item, 1 | 2 | 4 | 5 | 11), "{d:?}");
        assert!(DEFS[i + 1..].iter().all(|e| e.id != d.id), "{} twice", d.id);
    }
    assert_eq!(FINDING_IDS.len(), DEFS.len());
}
