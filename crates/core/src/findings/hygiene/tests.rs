use super::*;
use crate::findings::fixture::deal_dates;
use crate::ingest::Tables;
use crate::settings::Settings;
use chrono::NaiveDate;

fn day(s: &str) -> Option<i32> {
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    Some((d - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days() as i32)
}

fn ms(s: &str) -> Option<i64> {
    Some(
        chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
            .ok()?
            .and_utc()
            .timestamp_millis(),
    )
}

/// Ten deals, each with one planted problem (or none).
fn deals() -> DataFrame {
    type Row<'a> = (
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        f64,
        &'a str,
        &'a str,
        &'a str,
    );
    let rows: Vec<Row> = vec![
        // id, created, close, stage, outcome, amount, owner, reason, company
        (
            "d1",
            "2026-04-01 10:00",
            "2026-05-01",
            "Closed Won",
            "won",
            100.0,
            "Ann",
            "Fit",
            "Acme",
        ),
        (
            "d2",
            "2026-04-02 10:00",
            "2026-05-02",
            "closedwon",
            "won",
            100.0,
            "Ann",
            "Fit",
            "Acme",
        ),
        (
            "d3",
            "2026-04-03 10:00",
            "2026-05-03",
            "Closed Lost",
            "lost",
            0.0,
            "",
            "",
            "Beta",
        ),
        (
            "d4",
            "2026-04-04 10:00",
            "2026-04-01",
            "Closed Lost",
            "lost",
            0.0,
            "Bo",
            "Price",
            "N/A",
        ),
        (
            "d5",
            "2026-04-05 10:00",
            "",
            "Closed Won",
            "won",
            0.0,
            "Bo",
            "Fit",
            "",
        ),
        (
            "d6",
            "2026-04-06 10:00",
            "2026-12-24",
            "Closed Won",
            "won",
            50.0,
            "Bo",
            "Fit",
            "Gamma",
        ),
        (
            "d7",
            "2026-04-07 10:00",
            "2026-05-01",
            "Negotiation",
            "open",
            50.0,
            "Bo",
            "",
            "Gamma",
        ),
        (
            "d8",
            "2026-04-08 10:00",
            "2026-09-01",
            "negotiation",
            "open",
            50.0,
            "Bo",
            "",
            "Gamma",
        ),
        (
            "d9",
            "",
            "2026-06-01",
            "Closed",
            "open",
            50.0,
            "Bo",
            "",
            "Delta",
        ),
        (
            "d10",
            "2026-09-30 12:00",
            "2026-10-30",
            "Qualified",
            "open",
            50.0,
            "Bo",
            "",
            "Delta",
        ),
    ];
    let opt = |s: &str| {
        if s.is_empty() {
            None
        } else {
            Some(s.to_owned())
        }
    };
    df!(
        "id" => rows.iter().map(|r| r.0).collect::<Vec<_>>(),
        "created_at" => rows.iter().map(|r| ms(r.1)).collect::<Vec<_>>(),
        "close_date" => rows.iter().map(|r| day(r.2)).collect::<Vec<_>>(),
        "stage" => rows.iter().map(|r| r.3).collect::<Vec<_>>(),
        "outcome" => rows.iter().map(|r| r.4).collect::<Vec<_>>(),
        "is_closed" => rows.iter().map(|_| None::<bool>).collect::<Vec<_>>(),
        "amount" => rows.iter().map(|r| Some(r.5).filter(|a| *a > 0.0)).collect::<Vec<_>>(),
        "owner" => rows.iter().map(|r| opt(r.6)).collect::<Vec<_>>(),
        "close_reason" => rows.iter().map(|r| opt(r.7)).collect::<Vec<_>>(),
        "company" => rows.iter().map(|r| opt(r.8)).collect::<Vec<_>>(),
        "_file" => rows.iter().map(|_| "deals.csv").collect::<Vec<_>>(),
        "_line" => (2u32..12).collect::<Vec<_>>(),
    )
    .map(deal_dates)
    .unwrap()
}

fn run(settings: &Settings) -> Vec<Finding> {
    let tables = Tables {
        deals: Some(deals()),
        ..Tables::default()
    };
    let ctx = Context::new(&tables, settings).unwrap();
    findings(&ctx).unwrap()
}

fn get<'a>(f: &'a [Finding], id: &str) -> &'a Finding {
    f.iter()
        .find(|x| x.id == id)
        .unwrap_or_else(|| panic!("{id}"))
}

#[test]
fn every_hygiene_check_on_planted_deals() {
    let f = run(&Settings::default());
    assert_eq!(f.len(), DEFS.len());
    let c = |id: &str| (get(&f, id).count, get(&f, id).of);
    // Won: d1 d2 d5 d6; lost: d3 d4; closed: 6.
    assert_eq!(c("stage_label_variants"), (2, 10)); // closedwon, negotiation
    assert_eq!(get(&f, "stage_label_variants").examples, ["d2", "d8"]);
    assert_eq!(c("closed_missing_outcome"), (1, 7)); // d9
    assert_eq!(c("closed_missing_close_reason"), (1, 6)); // d3
    assert_eq!(c("closed_missing_owner"), (1, 6)); // d3
    assert_eq!(c("closed_missing_close_date"), (1, 6)); // d5
    assert_eq!(c("close_before_created"), (1, 8)); // d4
    assert_eq!(get(&f, "close_before_created").examples, ["d4"]);
    // The export day: after the latest creation, 2026-10-01; d6 (2026-12-24) is far
    // past it.
    assert_eq!(c("closed_in_future"), (1, 5));
    assert_eq!(c("won_without_amount"), (1, 4)); // d5
    assert_eq!(c("open_past_close_date"), (3, 4)); // d7, d8, d9 (stage "Closed")
    assert_eq!(c("deal_missing_created"), (1, 10)); // d9
    assert_eq!(c("deal_company_missing"), (2, 10)); // d4 N/A, d5 empty
    let r = get(&f, "recent_closed_check");
    // Closed with a date: d6, d3, d2, d1, d4 (d5 has no close date).
    assert_eq!((r.count, r.of), (3, 5));
    assert_eq!(r.examples, ["d6", "d3", "d4"]);
    assert!(r.detail.contains("d6"), "{}", r.detail);
    for x in &f {
        assert!(x.examples.len() <= 5);
        assert!(!x.title.is_empty() && !x.fix.is_empty(), "{x:?}");
    }
}

#[test]
fn as_of_from_the_settings_moves_future_and_past() {
    let s = Settings {
        as_of: NaiveDate::from_ymd_opt(2027, 1, 1),
        ..Settings::default()
    };
    let f = run(&s);
    assert_eq!(get(&f, "closed_in_future").count, 0);
    // d10's close date 2026-10-30 is now past too.
    assert_eq!(get(&f, "open_past_close_date").count, 4);
}

#[test]
fn a_loss_only_reason_column_does_not_judge_won_deals() {
    // As a Salesforce report's "Loss Reason": won deals' reasons are not exported.
    let mut d = deals();
    d.with_column(Column::new(
        "_won_reason_exported".into(),
        vec![false; d.height()],
    ))
    .unwrap();
    let tables = Tables {
        deals: Some(d),
        ..Tables::default()
    };
    let s = Settings::default();
    let f = findings(&Context::new(&tables, &s).unwrap()).unwrap();
    let r = get(&f, "closed_missing_close_reason");
    // Lost: d3 (no reason) and d4; the four won deals are not judged.
    assert_eq!((r.count, r.of), (1, 2));
    assert!(
        r.detail.contains(
            "Not judged: 4 won deals, from files whose reason column holds loss reasons only."
        ),
        "{}",
        r.detail
    );
    let recent = get(&f, "recent_closed_check");
    let d1 = recent
        .detail
        .lines()
        .find(|l| l.starts_with("d1 "))
        .unwrap();
    assert!(d1.contains(" won      n/a "), "{}", recent.detail);
}

#[test]
fn no_reason_column_counts_every_closed_deal() {
    let mut d = deals();
    d.with_column(Column::full_null(
        "close_reason".into(),
        d.height(),
        &DataType::String,
    ))
    .unwrap();
    let tables = Tables {
        deals: Some(d),
        ..Tables::default()
    };
    let s = Settings::default();
    let f = findings(&Context::new(&tables, &s).unwrap()).unwrap();
    let r = get(&f, "closed_missing_close_reason");
    assert_eq!((r.count, r.of), (6, 6));
    assert_eq!(r.severity, super::super::Severity::Critical);
    assert!(
        r.title.starts_with("None of the 6 closed deals"),
        "{}",
        r.title
    );
}

#[test]
fn without_deals_every_check_says_why() {
    let tables = Tables::default();
    let s = Settings::default();
    let f = findings(&Context::new(&tables, &s).unwrap()).unwrap();
    assert_eq!(f.len(), DEFS.len());
    assert!(f.iter().all(|x| x.not_assessed() && !x.fires()));
}

#[test]
fn stage_label_grouping() {
    let e = |l: &str, n: u64, o: &str| (l.to_owned(), n, o.to_owned());
    let groups = group_labels(&[
        e("Closed Won", 100, "won"),
        e("closedwon", 14, "won"),
        e("Closed won", 9, "won"),
        e("Won", 6, "won"),
        e("Closed Lost", 200, "lost"),
        e("closed lost", 11, "lost"),
        e("Stage 1", 50, "open"),
        e("Stage 2", 50, "open"),
        e("Qualified To Buy", 40, "open"),
        e("qualifiedtobuy", 4, "open"),
        e("Prospecting", 30, "open"),
        e("Prospectng", 1, "open"),
        e("Demo", 10, "open"),
        e("Deal", 10, "open"),
    ]);
    let summary: Vec<(String, Vec<String>)> = groups
        .iter()
        .map(|g| {
            (
                g.canonical.clone(),
                g.variants.iter().map(|v| v.0.clone()).collect(),
            )
        })
        .collect();
    let s = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        summary,
        vec![
            (
                "Closed Won".to_owned(),
                s(&["closedwon", "Closed won", "Won"])
            ),
            ("Closed Lost".to_owned(), s(&["closed lost"])),
            ("Qualified To Buy".to_owned(), s(&["qualifiedtobuy"])),
            ("Prospecting".to_owned(), s(&["Prospectng"])),
        ]
    );
}
