use super::*;
use crate::ingest::{Inspection, Tables};

fn import(leads: DataFrame, extras: Vec<ExtraColumn>) -> Import {
    Import {
        inspection: Inspection {
            timezone: "UTC".into(),
            files: Vec::new(),
        },
        tables: Tables {
            leads: Some(canonical(Kind::Leads, leads)),
            ..Tables::default()
        },
        extras,
    }
}

/// `df` with every field of `kind` it lacks as a null column of the field's type, as the
/// importer makes a table (the baselines, which give the speed-to-lead, read every field).
pub(super) fn canonical(kind: Kind, mut df: DataFrame) -> DataFrame {
    use crate::ingest::FieldType;
    for spec in kind.fields() {
        if df.column(spec.name).is_ok() {
            continue;
        }
        let dtype = match spec.ty {
            FieldType::Text | FieldType::Outcome => DataType::String,
            FieldType::Number => DataType::Float64,
            FieldType::Bool => DataType::Boolean,
            FieldType::Date => DataType::Date,
            FieldType::Timestamp => DataType::Datetime(TimeUnit::Milliseconds, Some(TimeZone::UTC)),
        };
        df.with_column(polars::prelude::Column::full_null(
            spec.name.into(),
            df.height(),
            &dtype,
        ))
        .unwrap();
    }
    df
}

fn extra(header: &str, values: Vec<Option<&str>>) -> ExtraColumn {
    ExtraColumn {
        kind: Kind::Leads,
        file: "leads.csv".into(),
        header: header.into(),
        values: Series::new(header.into(), values),
        levels: true,
    }
}

/// 4,000 undated leads: half from Webinar (40% converted), half Cold (10%), every
/// tenth one in a fixed pattern so the rates are exact.
fn two_sources() -> (DataFrame, Vec<bool>) {
    let n = 4000;
    let mut source = Vec::new();
    let mut converted = Vec::new();
    for i in 0..n {
        let webinar = i % 2 == 0;
        source.push(if webinar { "Webinar" } else { "Cold" });
        let k = (i / 2) % 10;
        converted.push(if webinar { k < 4 } else { k < 1 });
    }
    let df = df!(
        "id" => (0..n).map(|i| format!("L{i}")).collect::<Vec<_>>(),
        "source" => source,
        "converted" => converted.clone(),
        "_file" => vec!["leads.csv"; n],
    )
    .unwrap();
    (df, converted)
}

#[test]
fn a_known_signal_gives_its_computed_auc() {
    // P(won | Webinar) = 0.4, P(won | Cold) = 0.1, equal halves. A pair (won, lost)
    // is ordered right when won is Webinar and lost is Cold: 0.8 × 0.6 = 0.48; tied
    // when both share a source: 0.8 × 0.4 + 0.2 × 0.6 = 0.44. AUC = 0.48 + 0.44 / 2
    // = 0.70.
    let (df, _) = two_sources();
    let r = compute(&import(df, Vec::new()), &Options::default()).unwrap();
    assert_eq!(r.subject, "leads");
    assert_eq!(
        (r.labels.won, r.labels.lost, r.labels.young),
        (1000, 3000, 0)
    );
    assert_eq!(r.base_rate, Some(0.25));
    assert!(
        r.notes.iter().any(|n| n.contains("no creation dates")),
        "{:?}",
        r.notes
    );
    let v = r.validation.as_ref().expect("validated");
    assert_eq!(v.method, "stratified_5_fold");
    // Out of fold, a record's own source level is estimated without it, which breaks
    // the within-level ties slightly against it: a hair under 0.70.
    assert!((v.auc - 0.70).abs() < 0.01, "AUC {}", v.auc);
    assert!(v.auc_low < v.auc && v.auc < v.auc_high);
    assert!(v.auc_low > 0.67 && v.auc_high < 0.73, "{v:?}");
    // Top decile: 400 Webinar records, won rate 0.4 ± sampling over 0.25.
    assert!((v.top_decile_lift.unwrap() - 1.6).abs() < 0.03, "{v:?}");
    let texts: Vec<&str> = r.effects.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Source = Webinar: 1.6× the base rate (40% of 2,000 won)",
            "Source = Cold: 0.4× the base rate (10% of 2,000 won)"
        ]
    );
    // 0.694 measured is under the 0.70 of "ready", with its interval above 0.5.
    assert_eq!(r.verdict, ReadinessLevel::Weak, "{}", r.reason);
    // The same figures every run.
    let (df, _) = two_sources();
    assert_eq!(
        compute(&import(df, Vec::new()), &Options::default()).unwrap(),
        r
    );
}

#[test]
fn leaky_columns_are_flagged_with_their_auc_and_excluded() {
    let (mut df, converted) = two_sources();
    let status: Vec<&str> = converted
        .iter()
        .map(|&c| if c { "Converted" } else { "Working" })
        .collect();
    df.with_column(Series::new("status".into(), status).into_column())
        .unwrap();
    // An unmapped column filled only for the lost: it names no outcome, but it gives
    // the outcome away on its own.
    let reason: Vec<Option<&str>> = converted
        .iter()
        .map(|&c| (!c).then_some("Budget"))
        .collect();
    let r = compute(
        &import(df, vec![extra("Lead Status Reason", reason)]),
        &Options::default(),
    )
    .unwrap();
    let status = r
        .leaks
        .iter()
        .find(|l| l.column == "status")
        .expect("status flagged");
    assert_eq!(status.auc, Some(1.0));
    assert!(
        status.reasons.iter().any(|x| x.contains("\"Converted\"")),
        "{status:?}"
    );
    let reason = r
        .leaks
        .iter()
        .find(|l| l.column == "Lead Status Reason")
        .expect("flagged");
    assert_eq!(reason.auc, Some(1.0));
    assert_eq!(reason.origin, "leads.csv, not mapped");
    assert_eq!(r.features, vec!["Source"]);
    assert!(
        r.validation.unwrap().auc < 0.72,
        "the leak is not in the model"
    );
}

#[test]
fn young_leads_are_left_out_and_late_filled_columns_flagged() {
    // 3,000 leads, one a day-slot over 300 days; Webinar converts at 40%, Cold at 10%.
    let n = 3000usize;
    let day = 86_400_000i64;
    let created: Vec<i64> = (0..n)
        .map(|i| 1_767_225_600_000 + (i as i64) * day / 10)
        .collect();
    let webinar: Vec<bool> = (0..n).map(|i| i % 2 == 0).collect();
    let converted: Vec<bool> = (0..n)
        .map(|i| {
            if webinar[i] {
                (i / 2) % 10 < 4
            } else {
                (i / 2) % 10 < 1
            }
        })
        .collect();
    let as_of = *created.last().unwrap();
    let young: Vec<bool> = (0..n).map(|i| as_of - created[i] < 90 * day).collect();
    let df = df!(
        "id" => (0..n).map(|i| format!("L{i}")).collect::<Vec<_>>(),
        "created_at" => created.clone(),
        "source" => webinar.iter().map(|&w| if w { "Webinar" } else { "Cold" }).collect::<Vec<_>>(),
        "converted" => converted.clone(),
        "_file" => vec!["leads.csv"; n],
    )
    .unwrap();
    let df = df
        .lazy()
        .with_column(col("created_at").cast(DataType::Datetime(
            TimeUnit::Milliseconds,
            Some(TimeZone::UTC),
        )))
        .collect()
        .unwrap();
    // Filled for every closed lead, empty for the young ones: written at close.
    let closed_on: Vec<Option<&str>> = young.iter().map(|&y| (!y).then_some("Q2")).collect();
    let r = compute(
        &import(df, vec![extra("Closed In", closed_on)]),
        &Options::default(),
    )
    .unwrap();
    let expected_young = young.iter().filter(|&&y| y).count();
    assert_eq!(r.labels.young, expected_young);
    assert_eq!(r.labels.won + r.labels.lost, n - expected_young);
    // Young leads are left out whether converted or not.
    let won = (0..n).filter(|&i| converted[i] && !young[i]).count();
    assert_eq!(r.labels.won, won);
    assert!(won < converted.iter().filter(|&&c| c).count());
    let leak = r
        .leaks
        .iter()
        .find(|l| l.column == "Closed In")
        .expect("flagged");
    assert!(
        leak.reasons[0]
            .starts_with("filled after the outcome: on 100% of closed records, 0% of those"),
        "{leak:?}"
    );
    let v = r.validation.unwrap();
    assert_eq!(v.method, "time_ordered", "{}", v.split);
    assert!(v.split.contains("creation date before"), "{}", v.split);
}

#[test]
fn no_lost_outcomes_is_poisoned() {
    let df = df!(
        "id" => ["a", "b"],
        "converted" => [true, true],
    )
    .unwrap();
    let r = compute(&import(df, Vec::new()), &Options::default()).unwrap();
    assert_eq!(r.verdict, ReadinessLevel::Poisoned);
    let q = r.label_quality.unwrap();
    assert!(q.no_lost_outcomes && q.poisons, "{q:?}");
    assert!(q.text.starts_with("no lost outcome at all"), "{}", q.text);
}

#[test]
fn a_handful_of_outcomes_makes_no_column_leaky_by_chance() {
    // 40 undated leads, 2 converted, each from its own source: scored by their own
    // level's won rate the sources would separate won from lost perfectly (AUC 1).
    let n = 40;
    let df = df!(
        "id" => (0..n).map(|i| format!("L{i}")).collect::<Vec<_>>(),
        "source" => (0..n).map(|i| format!("S{i}")).collect::<Vec<_>>(),
        "converted" => (0..n).map(|i| i < 2).collect::<Vec<_>>(),
    )
    .unwrap();
    let r = compute(&import(df, Vec::new()), &Options::default()).unwrap();
    assert!(r.leaks.is_empty(), "{:?}", r.leaks);
    assert_eq!(r.verdict, ReadinessLevel::Thin);
}

#[test]
fn psi_of_a_shift_and_drift_between_the_two_newest_quarters() {
    // 50/50 → 90/10: 0.4 × ln(0.9/0.5) + (−0.4) × ln(0.1/0.5) = 0.8789.
    let counts = |a: usize, b: usize| BTreeMap::from([("A".to_owned(), a), ("B".to_owned(), b)]);
    let expected = 0.4 * (0.9f64 / 0.5).ln() - 0.4 * (0.1f64 / 0.5).ln();
    assert!((psi(&counts(50, 50), &counts(90, 10)) - expected).abs() < 1e-12);
    assert_eq!(psi(&counts(50, 50), &counts(5, 5)), 0.0);

    // Three quarters; the first is not compared. Source shifts 50/50 → 90/10 between
    // 2026Q2 and 2026Q3; Country does not move.
    let day = 86_400_000i64;
    let q1 = 1_767_225_600_000i64; // 2026-01-01
    let q2 = q1 + 100 * day; // April
    let q3 = q1 + 190 * day; // July
    let mut created = Vec::new();
    let mut source = Vec::new();
    for (start, webinar) in [(q1, 10), (q2, 50), (q3, 90)] {
        for i in 0..100 {
            created.push(start + i * 60_000);
            source.push(if i < webinar { "Webinar" } else { "Cold" });
        }
    }
    let n = created.len();
    let df = df!(
        "id" => (0..n).map(|i| format!("L{i}")).collect::<Vec<_>>(),
        "created_at" => created,
        "source" => source,
        "country" => (0..n).map(|i| if i % 2 == 0 { "FR" } else { "DE" }).collect::<Vec<_>>(),
        "converted" => (0..n).map(|i| i % 7 == 0).collect::<Vec<_>>(),
    )
    .unwrap()
    .lazy()
    .with_column(col("created_at").cast(DataType::Datetime(
        TimeUnit::Milliseconds,
        Some(TimeZone::UTC),
    )))
    .collect()
    .unwrap();
    let r = compute(&import(df, Vec::new()), &Options::default()).unwrap();
    let d = r.drift.expect("two quarters");
    assert_eq!((d.from.as_str(), d.to.as_str()), ("2026Q2", "2026Q3"));
    let f = |name: &str| {
        d.features
            .iter()
            .find(|f| f.feature == name)
            .unwrap()
            .clone()
    };
    assert!((f("Source").psi - expected).abs() < 1e-12);
    assert!(f("Source").flagged);
    assert_eq!(f("Country").psi, 0.0);
    assert!(!f("Country").flagged);
}

/// 2,000 undated deals of two owners. The 250 in doubt (owner A, won, stage label
/// "closedwon", a variant of the 525 "Closed Won", no close reason) carry all the
/// owner's signal: the clean ones are won at 30% under either owner.
fn doubtful_deals() -> DataFrame {
    let n = 2000;
    let (mut owner, mut outcome, mut stage, mut reason) = (vec![], vec![], vec![], vec![]);
    // The clean deals of each owner, counted: every tenth three are won.
    let mut clean = [0usize; 2];
    for i in 0..n {
        owner.push(if i % 2 == 0 { "A" } else { "B" });
        if i % 8 == 0 {
            outcome.push("won");
            stage.push("closedwon");
            reason.push(None);
        } else {
            let k = &mut clean[i % 2];
            let won = *k % 10 < 3;
            *k += 1;
            outcome.push(if won { "won" } else { "lost" });
            stage.push(if won { "Closed Won" } else { "Closed Lost" });
            reason.push(Some("Price"));
        }
    }
    df!(
        "id" => (0..n).map(|i| format!("D{i}")).collect::<Vec<_>>(),
        "owner" => owner,
        "outcome" => outcome,
        "stage" => stage,
        "close_reason" => reason,
        "_file" => vec!["deals.csv"; n],
    )
    .unwrap()
}

#[test]
fn labels_in_doubt_that_carry_the_signal_poison_the_history() {
    let imp = Import {
        inspection: Inspection {
            timezone: "UTC".into(),
            files: Vec::new(),
        },
        tables: Tables {
            deals: Some(doubtful_deals()),
            ..Tables::default()
        },
        extras: Vec::new(),
    };
    let r = compute(&imp, &Options::default()).unwrap();
    assert_eq!(r.subject, "deals");
    let q = r.label_quality.clone().unwrap();
    assert_eq!(
        (
            q.labelled,
            q.variant_stage,
            q.missing_reason,
            q.in_doubt,
            q.in_doubt_won
        ),
        (2000, 250, 250, 250, 250)
    );
    // With them, owner A is won at about 47% against B's 30% (AUC about 0.59); without
    // them, at 30% both.
    let with_all = r.validation.as_ref().unwrap().auc;
    assert!(with_all > 0.55, "{with_all}");
    let change = q.auc_change.unwrap();
    assert!(change < -POISON_AUC_CHANGE, "{change}");
    assert!(q.poisons);
    assert_eq!(r.verdict, ReadinessLevel::Poisoned, "{}", r.reason);
    assert!(
        r.reason
            .starts_with("the 250 labels in doubt move the AUC by")
    );
}

#[test]
fn clean_labels_leave_the_auc_alone() {
    let (df, _) = two_sources();
    let r = compute(&import(df, Vec::new()), &Options::default()).unwrap();
    let q = r.label_quality.unwrap();
    assert_eq!((q.in_doubt, q.auc_change), (0, Some(0.0)));
    assert!(!q.poisons);
}

#[test]
fn the_process_feature_is_the_baselines_speed_to_lead() {
    // 500 leads a year old, a day apart. Their first touch: 3 minutes after creation
    // (≤5 min), 20 minutes (≤30 min), 10 hours (≤24 h), never, or an hour *before*
    // creation (excluded from speed-to-lead, so no bucket at all): 100 of each.
    let n = 500usize;
    let day = 86_400_000i64;
    let minute = 60_000i64;
    let created: Vec<i64> = (0..n)
        .map(|i| 1_735_689_600_000 + (i as i64) * day / 4)
        .collect();
    let touch: Vec<Option<i64>> = (0..n)
        .map(|i| match i % 5 {
            0 => Some(created[i] + 3 * minute),
            1 => Some(created[i] + 20 * minute),
            2 => Some(created[i] + 600 * minute),
            3 => None,
            _ => Some(created[i] - 60 * minute),
        })
        .collect();
    let df = df!(
        "id" => (0..n).map(|i| format!("L{i}")).collect::<Vec<_>>(),
        "created_at" => created,
        "first_touch_at" => touch,
        "source" => (0..n).map(|i| if i % 2 == 0 { "Webinar" } else { "Cold" }).collect::<Vec<_>>(),
        "converted" => (0..n).map(|i| i % 3 == 0).collect::<Vec<_>>(),
        "_file" => vec!["leads.csv"; n],
    )
    .unwrap();
    let utc = DataType::Datetime(TimeUnit::Milliseconds, Some(TimeZone::UTC));
    let df = df
        .lazy()
        .with_columns([
            col("created_at").cast(utc.clone()),
            col("first_touch_at").cast(utc),
        ])
        .collect()
        .unwrap();
    let r = compute(
        &import(df, Vec::new()),
        &Options {
            as_of: NaiveDate::from_ymd_opt(2027, 1, 1),
            ..Options::default()
        },
    )
    .unwrap();
    let p = r.process.expect("speed to lead is measured");
    let buckets: Vec<(&str, usize)> = p
        .buckets
        .iter()
        .map(|b| (b.value.as_str(), b.records))
        .collect();
    // The response-time curve's own buckets and labels, in its order; the leads touched
    // only before creation are in none of them.
    assert_eq!(
        buckets,
        [
            ("≤5 min", 100),
            ("≤30 min", 100),
            ("≤24 h", 100),
            ("never", 100),
            ("not measured", 100)
        ]
    );
}
