//! Unit tests of the baselines on hand-built canonical tables. Every expected figure is
//! worked out by hand in the comment beside it.

use std::collections::BTreeMap;

use polars::prelude::*;
use serde_json::Value;

use super::*;
use crate::ingest::{FieldType, Kind, Tables};

/// A canonical table of `kind`: the given columns (timestamps as RFC 3339 text, dates as
/// `YYYY-MM-DD`), every other field null, as the importer makes it.
fn table(kind: Kind, given: Vec<(&str, Vec<Option<&str>>)>) -> DataFrame {
    let height = given.first().map_or(0, |(_, v)| v.len());
    let columns = kind
        .fields()
        .iter()
        .map(|spec| {
            let values = given
                .iter()
                .find(|(n, _)| *n == spec.name)
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| vec![None; height]);
            assert_eq!(values.len(), height, "{}", spec.name);
            column(spec.name, spec.ty, &values)
        })
        .collect();
    DataFrame::new(height, columns).unwrap()
}

fn column(name: &str, ty: FieldType, values: &[Option<&str>]) -> Column {
    let s = match ty {
        FieldType::Text | FieldType::Outcome => Series::new(name.into(), values),
        FieldType::Timestamp => {
            let ms: Vec<Option<i64>> = values
                .iter()
                .map(|v| {
                    v.map(|t| {
                        chrono::DateTime::parse_from_rfc3339(t)
                            .unwrap_or_else(|e| panic!("{t}: {e}"))
                            .timestamp_millis()
                    })
                })
                .collect();
            Series::new(name.into(), ms)
                .cast(&DataType::Datetime(
                    TimeUnit::Milliseconds,
                    Some(TimeZone::UTC),
                ))
                .unwrap()
        }
        FieldType::Date => {
            let days: Vec<Option<i32>> = values
                .iter()
                .map(|v| {
                    v.map(|t| {
                        let d: chrono::NaiveDate = t.parse().unwrap();
                        (d - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days() as i32
                    })
                })
                .collect();
            Series::new(name.into(), days)
                .cast(&DataType::Date)
                .unwrap()
        }
        FieldType::Number => {
            let n: Vec<Option<f64>> = values
                .iter()
                .map(|v| v.map(|t| t.parse().unwrap()))
                .collect();
            Series::new(name.into(), n)
        }
        FieldType::Bool => {
            let b: Vec<Option<bool>> = values.iter().map(|v| v.map(|t| t == "true")).collect();
            Series::new(name.into(), b)
        }
    };
    s.into()
}

fn some<'a>(values: &[&'a str]) -> Vec<Option<&'a str>> {
    values
        .iter()
        .map(|v| (!v.is_empty()).then_some(*v))
        .collect()
}

fn berlin() -> Settings {
    Settings {
        timezone: "Europe/Berlin".to_owned(),
        ..Settings::default()
    }
}

fn run(tables: &Tables, settings: &Settings) -> Baseline {
    compute(tables, settings, &Period::all()).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// Leads with ids 1…n created at the given times, touched by the given activities.
fn leads_and_calls(created: &[&str], calls: &[(&str, &str, &str)]) -> Tables {
    let ids: Vec<String> = (1..=created.len()).map(|i| i.to_string()).collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let leads = table(
        Kind::Leads,
        vec![("id", some(&ids)), ("created_at", some(created))],
    );
    let activities = table(
        Kind::Activities,
        vec![
            ("record_id", calls.iter().map(|c| Some(c.0)).collect()),
            ("timestamp", calls.iter().map(|c| Some(c.1)).collect()),
            ("type", calls.iter().map(|c| Some(c.2)).collect()),
        ],
    );
    Tables {
        leads: Some(leads),
        activities: Some(activities),
        ..Tables::default()
    }
}

#[test]
fn all_leads_never_contacted_is_not_reached() {
    // Four leads; the only activities are a note and an inbound email: nobody was
    // ever contacted.
    let tables = leads_and_calls(
        &[
            "2026-01-12T10:00:00Z",
            "2026-01-12T11:00:00Z",
            "2026-01-13T10:00:00Z",
            "2026-01-14T10:00:00Z",
        ],
        &[
            ("1", "2026-01-12T10:01:00Z", "NOTE"),
            ("2", "2026-01-12T11:01:00Z", "INCOMING_EMAIL"),
        ],
    );
    let b = run(&tables, &Settings::default());
    let s = b.figures.speed_to_lead.as_ref().unwrap();
    assert_eq!((s.leads, s.contacted), (4, 0));
    assert_eq!(s.median_minutes, Stat::NotReached);
    assert_eq!(s.p90_minutes, Stat::NotReached);
    assert_eq!(s.median_business_minutes, Stat::NotReached);
    assert_eq!(s.never_contacted, 1.0);
    assert_eq!((s.within_5m, s.within_1h, s.within_24h), (0.0, 0.0, 0.0));
    let sla = b.figures.sla.as_ref().unwrap();
    assert_eq!(
        (sla.met, sla.breaches, sla.never_contacted_breaches),
        (0, 4, 4)
    );
    assert_eq!(sla.compliance, 0.0);
    let never = &b.figures.response_curve.as_ref().unwrap()[5];
    assert_eq!((never.bucket.as_str(), never.leads), ("never", 4));
    // JSON: "not_reached" in place of the number; null is reserved for "unavailable".
    let json = serde_json::to_value(&b).unwrap();
    assert_eq!(json["speed_to_lead"]["median_minutes"], "not_reached");
    assert_eq!(json["speed_to_lead"]["p90_minutes"], "not_reached");
    let back: Baseline = serde_json::from_value(json).unwrap();
    assert_eq!(back, b);
}

#[test]
fn medians_count_never_contacted_leads_last() {
    // Speeds 2, 4, 10 minutes and two never contacted: sorted 2, 4, 10, ∞, ∞, the
    // median is the 3rd value, 10; the p90 falls among the never-contacted.
    let created = [
        "2026-01-12T10:00:00Z",
        "2026-01-12T10:00:00Z",
        "2026-01-12T10:00:00Z",
        "2026-01-12T10:00:00Z",
        "2026-01-12T10:00:00Z",
    ];
    let calls = [
        ("1", "2026-01-12T10:02:00Z", "Call"),
        ("2", "2026-01-12T10:04:00Z", "EMAIL"),
        ("3", "2026-01-12T10:10:00Z", "Meeting"),
    ];
    let b = run(&leads_and_calls(&created, &calls), &Settings::default());
    let s = b.figures.speed_to_lead.unwrap();
    assert_eq!(s.median_minutes, Stat::Minutes(10.0));
    assert_eq!(s.p90_minutes, Stat::NotReached);
    assert_eq!((s.within_5m, s.never_contacted), (0.4, 0.4));
    // Monday 10:00 UTC is inside business hours in UTC: business = clock.
    assert_eq!(s.median_business_minutes, Stat::Minutes(10.0));

    // Four leads, two contacted: the median sits between the 2nd (4 min) and the 3rd
    // (never), so it is not reached.
    let b = run(
        &leads_and_calls(&created[..4], &calls[..2]),
        &Settings::default(),
    );
    let s = b.figures.speed_to_lead.unwrap();
    assert_eq!(s.median_minutes, Stat::NotReached);
    // Three contacted of four: between 4 and 10 → 7.
    let b = run(
        &leads_and_calls(&created[..4], &calls),
        &Settings::default(),
    );
    assert_eq!(
        b.figures.speed_to_lead.unwrap().median_minutes,
        Stat::Minutes(7.0)
    );
}

#[test]
fn touches_before_creation_are_excluded_and_counted() {
    let created = [
        "2026-01-12T10:00:00Z",
        "2026-01-12T10:00:00Z",
        "2026-01-12T10:00:00Z",
        "2026-01-12T10:00:00Z",
    ];
    let leads = table(
        Kind::Leads,
        vec![
            ("id", some(&["1", "2", "3", "4"])),
            ("created_at", some(&created)),
            // Lead 1's first-touch value is before its creation.
            (
                "first_touch_at",
                some(&["2026-01-12T09:00:00Z", "", "", ""]),
            ),
        ],
    );
    let activities = table(
        Kind::Activities,
        vec![
            ("record_id", some(&["2", "2", "3", "4"])),
            (
                "timestamp",
                some(&[
                    // Lead 2: a call an hour before creation, then one 20 minutes after.
                    "2026-01-12T09:00:00Z",
                    "2026-01-12T10:20:00Z",
                    // Lead 3: only a call before creation.
                    "2026-01-12T09:30:00Z",
                    // Lead 4: a call 3 minutes after creation.
                    "2026-01-12T10:03:00Z",
                ]),
            ),
            ("type", some(&["CALL", "CALL", "CALL", "CALL"])),
        ],
    );
    let tables = Tables {
        leads: Some(leads),
        activities: Some(activities),
        ..Tables::default()
    };
    let s = run(&tables, &Settings::default())
        .figures
        .speed_to_lead
        .unwrap();
    // Leads 1 and 3 have no touch at or after creation: out of the distribution.
    assert_eq!(s.touched_before_creation, 3);
    assert_eq!(s.excluded_touched_before_creation, 2);
    assert_eq!((s.leads, s.contacted), (2, 2));
    // Leads 2 (20 min) and 4 (3 min): median 11.5.
    assert_eq!(s.median_minutes, Stat::Minutes(11.5));
    assert_eq!(s.within_5m, 0.5);
    assert_eq!(s.never_contacted, 0.0);
    assert_eq!(s.first_touch_from, "first_touch_at, else activities");
}

#[test]
fn friday_evening_leads_wait_only_business_minutes() {
    // Created Friday 18:00 in Berlin, first called Monday 09:30: 63.5 hours on the
    // clock, 30 business minutes.
    let tables = leads_and_calls(
        &["2026-01-16T18:00:00+01:00"],
        &[("1", "2026-01-19T09:30:00+01:00", "CALL")],
    );
    let settings = Settings {
        sla_minutes: 60.0,
        ..berlin()
    };
    let b = run(&tables, &settings);
    let s = b.figures.speed_to_lead.unwrap();
    assert_eq!(s.median_minutes, Stat::Minutes(3810.0));
    assert_eq!(s.median_business_minutes, Stat::Minutes(30.0));
    let sla = b.figures.sla.unwrap();
    // Missed on the clock, met in business hours; created after hours, on a Friday at 18.
    assert_eq!((sla.compliance, sla.compliance_business_hours), (0.0, 1.0));
    assert_eq!(
        (sla.after_hours_breaches, sla.after_hours_share),
        (1, Some(1.0))
    );
    assert_eq!(sla.breaches_by_hour_of_week[4][18], 1);
    assert_eq!(sla.never_contacted_breaches, 0);
    // The one late touch had no follow-up.
    assert_eq!(sla.late_touch_no_follow_up, Some(1));
    // Business hours are settings: with Mon-Sat 08:00-20:00 the lead waited Friday
    // 18:00-20:00, Saturday 12 hours and Monday 08:00-09:30 = 120 + 720 + 90.
    let settings = Settings {
        business_hours: "Mon-Sat 08:00-20:00".parse().unwrap(),
        ..berlin()
    };
    let s = run(&tables, &settings).figures.speed_to_lead.unwrap();
    assert_eq!(s.median_business_minutes, Stat::Minutes(930.0));
}

#[test]
fn daylight_saving_changes_count_real_minutes_and_local_hours() {
    // Berlin springs forward on 2026-03-29 at 02:00 → 03:00.
    let tables = leads_and_calls(
        &[
            // Saturday 23:30 CET (22:30 UTC), touched Sunday 03:30 CEST (01:30 UTC): three
            // real hours, although the wall clock moved four.
            "2026-03-28T23:30:00+01:00",
            // Friday 16:00 CET, touched Monday 10:00 CEST: 60 + 60 business minutes.
            "2026-03-27T16:00:00+01:00",
            // Monday 09:00 CEST (07:00 UTC): in business hours, hour of week 9.
            "2026-03-30T09:00:00+02:00",
        ],
        &[
            ("1", "2026-03-29T03:30:00+02:00", "CALL"),
            ("2", "2026-03-30T10:00:00+02:00", "CALL"),
            ("3", "2026-03-30T09:04:00+02:00", "CALL"),
        ],
    );
    let b = run(&tables, &berlin());
    let s = b.figures.speed_to_lead.unwrap();
    // Clock: 4 min, 180 min, 3900 min (65 h: 66 on the wall clock less the lost hour).
    assert_eq!(s.median_minutes, Stat::Minutes(180.0));
    assert_eq!(s.within_5m, 1.0 / 3.0);
    // Business: 4, 0 (weekend), 120 → median 4.
    assert_eq!(s.median_business_minutes, Stat::Minutes(4.0));
    // Local hours of week: Saturday 23 (5*24+23), Friday 16 (4*24+16), Monday 9.
    assert_eq!(s.leads_by_hour_of_week[5][23], 1);
    assert_eq!(s.leads_by_hour_of_week[4][16], 1);
    assert_eq!(s.leads_by_hour_of_week[0][9], 1);
    assert_eq!(s.leads_by_hour_of_week.iter().flatten().sum::<u64>(), 3);
    let sla = b.figures.sla.unwrap();
    // Target 1 h (the default without a priority column): only lead 3 met it; one
    // breach was created after hours.
    assert_eq!((sla.met, sla.breaches, sla.after_hours_breaches), (1, 2, 1));
    assert_eq!(sla.breaches_by_hour_of_week[5][23], 1);
    assert_eq!(sla.breaches_by_hour_of_week[4][16], 1);
    // March is one month, 2026Q1 one quarter.
    assert_eq!(s.by_month.len(), 1);
    assert_eq!(s.by_month[0].key.as_deref(), Some("2026-03"));
    assert_eq!(b.by_quarter.len(), 1);
    assert_eq!(b.by_quarter[0].quarter.to_string(), "2026Q1");
}

#[test]
fn breaches_with_and_without_follow_up() {
    // Target 5 min. Lead 1: called after 30 min, never again. Lead 2: called after 30
    // min and again the next day. Lead 3: never contacted. Lead 4: called after 2 min,
    // never again (met the target: not a breach).
    let tables = leads_and_calls(
        &[
            "2026-01-12T10:00:00Z",
            "2026-01-12T10:00:00Z",
            "2026-01-12T10:00:00Z",
            "2026-01-12T10:00:00Z",
        ],
        &[
            ("1", "2026-01-12T10:30:00Z", "CALL"),
            ("2", "2026-01-12T10:30:00Z", "CALL"),
            ("2", "2026-01-13T10:30:00Z", "EMAIL"),
            ("3", "2026-01-12T10:31:00Z", "NOTE"),
            ("4", "2026-01-12T10:02:00Z", "CALL"),
        ],
    );
    let settings = Settings {
        sla_minutes: 5.0,
        ..Settings::default()
    };
    let sla = run(&tables, &settings).figures.sla.unwrap();
    assert_eq!((sla.met, sla.breaches), (1, 3));
    assert_eq!(sla.never_contacted_breaches, 1);
    assert_eq!(sla.late_touch_no_follow_up, Some(1));
}

#[test]
fn night_breaches_are_the_misses_of_leads_created_from_midnight_to_five() {
    // #13 defect 4, item 8's evidence. Berlin time. Lead 1: created 02:00, first
    // touched 09:00 (a night breach). Lead 2: created 10:00, touched 12:00 (a breach by
    // day). Lead 3: created 04:30, touched 04:32 (met: no breach). Lead 4: created
    // 05:00, touched 08:00 (a breach, but 05:00 is morning).
    let tables = leads_and_calls(
        &[
            "2026-01-13T02:00:00+01:00",
            "2026-01-13T10:00:00+01:00",
            "2026-01-13T04:30:00+01:00",
            "2026-01-13T05:00:00+01:00",
        ],
        &[
            ("1", "2026-01-13T09:00:00+01:00", "CALL"),
            ("2", "2026-01-13T12:00:00+01:00", "CALL"),
            ("3", "2026-01-13T04:32:00+01:00", "CALL"),
            ("4", "2026-01-13T08:00:00+01:00", "CALL"),
        ],
    );
    let sla = run(&tables, &berlin()).figures.sla.unwrap();
    assert_eq!(sla.breaches, 3);
    assert_eq!(sla.night_breaches, Some(1));
    // Each late touch had no follow-up; nobody was left uncontacted.
    assert_eq!(sla.late_touch_no_follow_up, Some(3));
    assert_eq!(sla.never_contacted_breaches, 0);
}

#[test]
fn the_default_sla_is_5_minutes_for_high_priority_and_1_hour_otherwise() {
    // #13 defect 3 (PRODUCT.md "SLA target"). Five leads touched after 30 minutes:
    // the "High" one and the "hot" one (a Salesforce rating) miss their 5 minutes;
    // "Medium", "low" and the one with no priority meet the 1 h default.
    let created = ["2026-01-12T10:00:00Z"; 5];
    let touched = ["2026-01-12T10:30:00Z"; 5];
    let leads = table(
        Kind::Leads,
        vec![
            ("id", some(&["1", "2", "3", "4", "5"])),
            ("created_at", some(&created)),
            ("first_touch_at", some(&touched)),
            (
                "priority",
                vec![Some("High"), Some("hot"), Some("Medium"), Some("low"), None],
            ),
        ],
    );
    let tables = Tables {
        leads: Some(leads),
        ..Tables::default()
    };
    let sla = run(&tables, &Settings::default()).figures.sla.unwrap();
    assert_eq!((sla.met, sla.breaches), (3, 2));
    assert_eq!(sla.target_minutes, 60.0);
    // Without a priority column, every lead has 1 h: all five met it.
    let leads = table(
        Kind::Leads,
        vec![
            ("id", some(&["1", "2", "3", "4", "5"])),
            ("created_at", some(&created)),
            ("first_touch_at", some(&touched)),
        ],
    );
    let tables = Tables {
        leads: Some(leads),
        ..Tables::default()
    };
    let sla = run(&tables, &Settings::default()).figures.sla.unwrap();
    assert_eq!((sla.met, sla.breaches), (5, 0));
}

#[test]
fn sla_targets_by_priority() {
    // Two leads answered in 30 minutes: a "High" one (target 5 min) misses, a "Low"
    // one (default 60 min) meets.
    let leads = table(
        Kind::Leads,
        vec![
            ("id", some(&["1", "2"])),
            (
                "created_at",
                some(&["2026-01-12T10:00:00Z", "2026-01-12T10:00:00Z"]),
            ),
            (
                "first_touch_at",
                some(&["2026-01-12T10:30:00Z", "2026-01-12T10:30:00Z"]),
            ),
            ("priority", some(&["High", "low"])),
        ],
    );
    let settings = Settings {
        sla_minutes: 60.0,
        sla_by_priority: BTreeMap::from([("high".to_owned(), 5.0)]),
        ..Settings::default()
    };
    let tables = Tables {
        leads: Some(leads),
        ..Tables::default()
    };
    let b = run(&tables, &settings);
    let sla = b.figures.sla.unwrap();
    assert_eq!((sla.met, sla.breaches, sla.compliance), (1, 1, 0.5));
    assert_eq!(sla.after_hours_share, Some(0.0));
    // Only a first-touch column: follow-ups cannot be seen.
    assert_eq!(sla.late_touch_no_follow_up, None);
    assert_eq!(
        b.figures.unavailable["sla.late_touch_no_follow_up"],
        "needs activities linked to leads (follow-up touches)"
    );
    assert_eq!(
        b.figures.speed_to_lead.unwrap().first_touch_from,
        "first_touch_at"
    );
    // Both in the ≤30 min bucket.
    let curve = b.figures.response_curve.unwrap();
    assert_eq!(curve[1].leads, 2);
    assert!(
        curve
            .iter()
            .filter(|c| c.bucket != "30m")
            .all(|c| c.leads == 0)
    );
}

fn funnel_tables() -> Tables {
    // Six leads in 2026Q1 and Q2.
    let leads = table(
        Kind::Leads,
        vec![
            ("id", some(&["L1", "L2", "L3", "L4", "L5", "L6"])),
            (
                "created_at",
                some(&[
                    "2026-01-05T10:00:00Z",
                    "2026-01-06T10:00:00Z",
                    "2026-02-01T10:00:00Z",
                    "2026-03-01T10:00:00Z",
                    "2026-04-01T10:00:00Z",
                    "2026-05-01T10:00:00Z",
                ]),
            ),
            (
                "first_touch_at",
                some(&[
                    "2026-01-05T10:03:00Z",
                    "2026-01-06T10:20:00Z",
                    "2026-02-01T10:50:00Z",
                    "",
                    "2026-04-01T12:00:00Z",
                    "2026-05-03T10:00:00Z",
                ]),
            ),
            // Status or lifecycle stage, any spelling of a qualified one.
            (
                "status",
                some(&["working - contacted", "NEW", "", "Unqualified", "", ""]),
            ),
            (
                "lifecycle_stage",
                some(&[
                    "lead",
                    "salesqualifiedlead",
                    "Subscriber",
                    "",
                    "MQL",
                    "lead",
                ]),
            ),
            ("converted", some(&["true", "", "false", "", "", ""])),
            ("owner", some(&["Ann", "ann", "Bob", "N/A", "Bob", "Cy"])),
            ("source", some(&["Web", "Web", "Ads", "Ads", "", "Web"])),
        ],
    );
    // D1 from L2, won; D2 from L3, lost; D3 no lead, won, created 2026-01-10 closed
    // 2026-03-11 (60 days); D4 from L5, open; D2's close in Q2.
    let deals = table(
        Kind::Deals,
        vec![
            ("id", some(&["D1", "D2", "D3", "D4"])),
            ("lead_id", some(&["L2", "L3", "", "L5"])),
            ("outcome", some(&["won", "lost", "won", "open"])),
            (
                "created_at",
                some(&["", "2026-02-10T00:00:00Z", "2026-01-10T12:00:00Z", ""]),
            ),
            (
                "close_date",
                some(&["2026-01-16", "2026-04-20", "2026-03-11", ""]),
            ),
            ("owner", some(&["Ann", "Bob", "Ann", "Bob"])),
        ],
    );
    Tables {
        leads: Some(leads),
        deals: Some(deals),
        ..Tables::default()
    }
}

#[test]
fn funnel_win_rate_and_cycle() {
    let b = run(&funnel_tables(), &Settings::default());
    let f = &b.figures;
    assert_eq!(
        (f.leads, f.deals, f.deals_won, f.deals_lost),
        (Some(6), Some(4), Some(2), Some(1))
    );
    // Qualified: L2 (SQL), L5 (MQL). L1's status "Working - Contacted" is a contact
    // status, not a qualification (PRODUCT.md).
    assert!(close(f.qualification_rate.unwrap(), 2.0 / 6.0));
    // Opportunity: L1 (converted), L2, L3, L5 (linked to a deal).
    assert!(close(f.lead_to_opportunity.unwrap(), 4.0 / 6.0));
    // Won: L2 only.
    assert!(close(f.lead_to_won.unwrap(), 1.0 / 6.0));
    assert!(close(f.win_rate.unwrap(), 2.0 / 3.0));
    // Cycle of won deals: D1 from L2's creation 2026-01-06 10:00 to 2026-01-16 = 9.583…
    // days; D3 2026-01-10 12:00 to 2026-03-11 = 59.5 days; median 34.541666….
    assert!(close(
        f.cycle_time_days_median.unwrap(),
        (9.0 + 14.0 / 24.0 + 59.5) / 2.0
    ));
    assert_eq!(f.cycle_time_excluded, Some(0));
    // Response curve: L1 3 min, L2 20 min, L3 50 min, L4 never, L5 2 h, L6 2 days.
    let curve = f.response_curve.as_ref().unwrap();
    let leads: Vec<u64> = curve.iter().map(|c| c.leads).collect();
    assert_eq!(leads, [1, 1, 1, 1, 1, 1]);
    assert_eq!(curve[0].qualified, Some(0));
    assert_eq!(curve[1].qualified, Some(1));
    assert_eq!(curve[0].conversion_rate, Some(1.0));
    assert_eq!(curve[5].bucket, "never");
    assert_eq!(curve[5].qualification_rate, Some(0.0));

    // Per quarter: Q1 has L1-L4 and the deals closed in Q1 (D1, D3); Q2 has L5, L6
    // and D2.
    let quarters: Vec<String> = b.by_quarter.iter().map(|q| q.quarter.to_string()).collect();
    assert_eq!(quarters, ["2026Q1", "2026Q2"]);
    let q1 = &b.by_quarter[0].figures;
    assert_eq!((q1.leads, q1.deals), (Some(4), Some(2)));
    assert_eq!(q1.win_rate, Some(1.0));
    assert_eq!(q1.qualification_rate, Some(0.25));
    let q2 = &b.by_quarter[1].figures;
    assert_eq!(
        (q2.leads, q2.deals, q2.win_rate),
        (Some(2), Some(1), Some(0.0))
    );
    assert_eq!(q2.cycle_time_days_median, None);
    assert!(q2.unavailable["cycle_time_days_median"].starts_with("no won deal"));
}

#[test]
fn cycle_time_of_same_day_and_impossible_closes() {
    // Won deals: A created 2026-01-10 15:00 and closed that day: 0 days (not −0.6);
    // B closed the day before it was created: left out, counted; C created
    // 2026-01-01 00:00, closed 2026-01-05: 4 days. Median of 0 and 4: 2.
    let deals = table(
        Kind::Deals,
        vec![
            ("id", some(&["A", "B", "C"])),
            ("outcome", some(&["won", "won", "won"])),
            (
                "created_at",
                some(&[
                    "2026-01-10T15:00:00Z",
                    "2026-01-10T12:00:00Z",
                    "2026-01-01T00:00:00Z",
                ]),
            ),
            (
                "close_date",
                some(&["2026-01-10", "2026-01-09", "2026-01-05"]),
            ),
        ],
    );
    let tables = Tables {
        deals: Some(deals),
        ..Tables::default()
    };
    let f = run(&tables, &Settings::default()).figures;
    assert_eq!(f.cycle_time_days_median, Some(2.0));
    assert_eq!(f.cycle_time_excluded, Some(1));
    assert_eq!(f.win_rate, Some(1.0));
}

#[test]
fn routing_owners_shares_and_unassigned() {
    let b = run(&funnel_tables(), &Settings::default());
    let r = b.figures.routing.unwrap();
    assert_eq!(r.basis, "leads");
    // "N/A" is a placeholder: L4 is unassigned; "Ann" and "ann" are one owner.
    assert_eq!(r.unassigned, Some(1));
    let names: Vec<&str> = r.owners.iter().map(|o| o.owner.as_str()).collect();
    assert_eq!(names, ["Ann", "Bob", "Cy"]);
    let leads: Vec<Option<u64>> = r.owners.iter().map(|o| o.leads).collect();
    assert_eq!(leads, [Some(2), Some(2), Some(1)]);
    assert_eq!(r.owners[0].deals, Some(2));
    assert_eq!(r.owners[0].share, 0.4);
    assert!(close(r.equal_share.unwrap(), 1.0 / 3.0));
    // Gini of 1, 2, 2: 2·(1·1 + 2·2 + 3·2)/(3·5) − 4/3 = 22/15 − 20/15 = 2/15.
    assert!(close(r.gini.unwrap(), 2.0 / 15.0));
    // Win rates: Ann 2 won of 2; Bob 0 of 1; Cy has no deal.
    assert_eq!(r.owners[0].win_rate, Some(1.0));
    assert_eq!(r.owners[1].win_rate, Some(0.0));
    assert_eq!(r.owners[2].win_rate, None);
    // Ann's speeds 3 and 20 min.
    assert_eq!(r.owners[0].median_speed_minutes, Some(Stat::Minutes(11.5)));
    // No roster, no activities, no company: unavailable with reasons.
    assert_eq!(r.inactive_owner_assignments, None);
    assert_eq!(
        b.figures.unavailable["routing.inactive_owner_assignments"],
        "no owners file; no activities file"
    );
    assert_eq!(r.account_owner_mismatches, None);
    assert_eq!(
        b.figures.unavailable["routing.account_owner_mismatches"],
        "leads have no company"
    );
}

#[test]
fn a_single_owner_is_perfectly_equal() {
    let tables = leads_and_calls(
        &["2026-01-12T10:00:00Z", "2026-01-12T11:00:00Z"],
        &[("1", "2026-01-12T10:01:00Z", "CALL")],
    );
    let mut tables = tables;
    let leads = tables.leads.take().unwrap();
    let owner = Column::new("owner".into(), ["Solo", "Solo"]);
    let leads = leads
        .lazy()
        .with_column(lit(owner.as_materialized_series().clone()).alias("owner"))
        .collect()
        .unwrap();
    tables.leads = Some(leads);
    let r = run(&tables, &Settings::default()).figures.routing.unwrap();
    assert_eq!(r.owners.len(), 1);
    assert_eq!(r.gini, Some(0.0));
    assert_eq!(r.equal_share, Some(1.0));
    assert_eq!(r.owners[0].share, 1.0);
    assert_eq!(r.over_capacity_owners, Some(vec![]));
    assert_eq!(r.unassigned, Some(0));
}

#[test]
fn an_empty_period_has_no_figures_but_says_why() {
    let period = Period::quarter("2030Q1".parse().unwrap());
    let b = compute(&funnel_tables(), &Settings::default(), &period).unwrap();
    let f = &b.figures;
    assert_eq!((f.leads, f.deals, f.deals_won), (Some(0), Some(0), Some(0)));
    assert!(b.by_quarter.is_empty());
    assert_eq!(b.label, "2030Q1");
    for figure in [
        "speed_to_lead",
        "sla",
        "response_curve",
        "qualification_rate",
        "lead_to_opportunity",
        "lead_to_won",
    ] {
        assert_eq!(
            f.unavailable[figure], "no leads created in the period",
            "{figure}"
        );
    }
    assert_eq!(
        f.unavailable["win_rate"],
        "no deal closed (won or lost) in the period"
    );
    assert_eq!(
        (f.speed_to_lead.as_ref(), f.win_rate, f.qualification_rate),
        (None, None, None)
    );
    let r = f.routing.as_ref().unwrap();
    assert!(r.owners.is_empty());
    assert_eq!(r.gini, None);
    assert_eq!(
        f.unavailable["routing.gini"],
        "no owner has leads in the period"
    );
    let json = serde_json::to_value(&b).unwrap();
    assert_eq!(json["speed_to_lead"], Value::Null);
    assert_eq!(json["qualification_rate"], Value::Null);
}

#[test]
fn without_a_leads_file_lead_figures_are_unavailable() {
    let mut tables = funnel_tables();
    tables.leads = None;
    let b = run(&tables, &Settings::default());
    let f = &b.figures;
    assert_eq!(f.leads, None);
    for figure in [
        "leads",
        "speed_to_lead",
        "sla",
        "qualification_rate",
        "lead_to_won",
    ] {
        assert_eq!(f.unavailable[figure], "no leads file", "{figure}");
    }
    let r = f.routing.as_ref().unwrap();
    assert_eq!(r.basis, "deals");
    // Ann 2 deals, Bob 2: equal.
    assert_eq!(r.gini, Some(0.0));
    assert_eq!(r.unassigned, None);
    assert_eq!(f.unavailable["routing.unassigned"], "no leads file");
    // Cycle without leads: D1 has no start any more; D3's 59.5 days remain.
    assert_eq!(f.cycle_time_days_median, Some(59.5));
}

#[test]
fn inactive_owners_capacity_and_account_owners() {
    // Five leads for Ann, Bob, Cy, Dee on 2026-03-02…06 (Monday to Friday).
    let leads = table(
        Kind::Leads,
        vec![
            ("id", some(&["1", "2", "3", "4", "5", "6", "7"])),
            (
                "created_at",
                some(&[
                    "2026-03-02T10:00:00Z",
                    "2026-03-03T10:00:00Z",
                    "2026-03-04T10:00:00Z",
                    "2026-03-05T10:00:00Z",
                    "2026-03-06T10:00:00Z",
                    "2026-03-06T11:00:00Z",
                    "2026-03-06T12:00:00Z",
                ]),
            ),
            (
                "owner",
                some(&["Ann", "Bob", "Cy", "Cy", "Dee", "Dee", "Dee"]),
            ),
            (
                "company",
                some(&[
                    "Acme",
                    "Acme Inc.",
                    "Globex",
                    "",
                    "Initech",
                    "Initech",
                    "Umbrella",
                ]),
            ),
        ],
    );
    // Roster: Bob inactive; Cy out of office 2026-03-04…2026-03-04; Dee's capacity 2.
    let owners = table(
        Kind::Owners,
        vec![
            ("owner", some(&["Ann", "Bob", "Cy", "Dee"])),
            ("active", some(&["true", "false", "true", "true"])),
            ("out_of_office_from", some(&["", "", "2026-03-04", ""])),
            ("out_of_office_to", some(&["", "", "2026-03-04", ""])),
            ("capacity", some(&["", "", "", "2"])),
        ],
    );
    // Accounts: Acme belongs to Ann ("Acme Inc." is another key).
    let accounts = table(
        Kind::Accounts,
        vec![
            ("company", some(&["Acme", "Globex"])),
            ("owner", some(&["Ann", ""])),
        ],
    );
    // Deals: Globex's latest deal is Ann's (an older one Cy's); Initech's is Dee's;
    // Umbrella has two created at the same time: the higher id, Dee's D5, decides.
    let deals = table(
        Kind::Deals,
        vec![
            ("id", some(&["D1", "D2", "D3", "D5", "D4"])),
            (
                "company",
                some(&["Globex", "Globex", "Initech", "Umbrella", "Umbrella"]),
            ),
            ("owner", some(&["Cy", "Ann", "Dee", "Dee", "Ann"])),
            ("outcome", some(&["won", "open", "open", "open", "open"])),
            (
                "created_at",
                some(&[
                    "2025-06-01T00:00:00Z",
                    "2025-12-01T00:00:00Z",
                    "2025-12-01T00:00:00Z",
                    "2025-12-01T00:00:00Z",
                    "2025-12-01T00:00:00Z",
                ]),
            ),
            ("close_date", some(&["2025-07-01", "", "", "", ""])),
        ],
    );
    // Activities: the log starts 2026-02-01. Ann called on 2026-02-20 (10 days before
    // her lead), Cy on 2026-02-01 (> 14 days before his), Dee on 2026-03-06 10:00 (at
    // her first lead's creation); Bob never.
    let activities = table(
        Kind::Activities,
        vec![
            ("record_id", some(&["x", "y", "z"])),
            (
                "timestamp",
                some(&[
                    "2026-02-20T10:00:00Z",
                    "2026-02-01T10:00:00Z",
                    "2026-03-06T10:00:00Z",
                ]),
            ),
            ("type", some(&["CALL", "EMAIL", "MEETING"])),
            ("owner", some(&["Ann", "Cy", "Dee"])),
        ],
    );
    let tables = Tables {
        leads: Some(leads),
        deals: Some(deals),
        activities: Some(activities),
        owners: Some(owners),
        accounts: Some(accounts),
        ..Tables::default()
    };
    let b = run(&tables, &Settings::default());
    let r = b.figures.routing.unwrap();
    let reasons = r.inactive_by_reason.unwrap();
    // Bob (roster), Cy's lead 3 (out of office), Bob and both Cy leads (no touch in the
    // 14 days before): leads 2, 3, 4.
    assert_eq!(reasons.roster_inactive, Some(1));
    assert_eq!(reasons.out_of_office, Some(1));
    assert_eq!(reasons.no_recent_activity, Some(3));
    assert_eq!(r.inactive_owner_assignments, Some(3));
    let cy = r.owners.iter().find(|o| o.owner == "Cy").unwrap();
    assert_eq!(cy.inactive_assignments, Some(2));
    // Account owners: lead 1 Acme/Ann (same), lead 3 Globex → Ann (latest deal) ≠ Cy;
    // leads 5, 6 Initech → Dee (same); lead 7 Umbrella → Dee (D5) (same).
    assert_eq!(r.account_owner_mismatches, Some(1));
    // Open load: every lead is open (none converted or linked). Dee 3 > capacity 2;
    // the others have no capacity, and the median load (1, 1, 2, 3 → 1.5) doubled is 3:
    // nobody above it.
    assert_eq!(r.over_capacity_owners, Some(vec!["Dee".to_owned()]));
    let dee = r.owners.iter().find(|o| o.owner == "Dee").unwrap();
    assert_eq!((dee.open_load, dee.capacity), (3, Some(2.0)));
    // The deals: Ann has D2 and D4, Cy D1, Dee D3 and D5.
    assert_eq!(dee.deals, Some(2));
    // Activities carry no lead: speed is unavailable, and says why.
    assert_eq!(
        b.figures.unavailable["speed_to_lead"],
        "no first-touch column in the leads file, and no activity is linked to a lead (no activity's record id is a lead id)"
    );
}

#[test]
fn activity_recency_is_not_judged_before_the_log_covers_the_window() {
    // The log starts 2026-03-01; a lead on 2026-03-05 cannot be judged on the 14 days
    // before it.
    let leads = table(
        Kind::Leads,
        vec![
            ("id", some(&["1", "2"])),
            (
                "created_at",
                some(&["2026-03-05T10:00:00Z", "2026-03-20T10:00:00Z"]),
            ),
            ("owner", some(&["Ann", "Ann"])),
        ],
    );
    let activities = table(
        Kind::Activities,
        vec![
            ("record_id", some(&["1"])),
            ("timestamp", some(&["2026-03-01T10:00:00Z"])),
            ("type", some(&["CALL"])),
            ("owner", some(&["Ann"])),
        ],
    );
    let tables = Tables {
        leads: Some(leads),
        activities: Some(activities),
        ..Tables::default()
    };
    let r = run(&tables, &Settings::default()).figures.routing.unwrap();
    // Lead 2: 19 days after Ann's only touch → inactive; lead 1 is not judged.
    assert_eq!(r.inactive_by_reason.unwrap().no_recent_activity, Some(1));
    let r = run(
        &tables,
        &Settings {
            inactive_after_days: 30,
            ..Settings::default()
        },
    )
    .figures
    .routing
    .unwrap();
    assert_eq!(r.inactive_owner_assignments, Some(0));
}

#[test]
fn gini_matches_the_mean_absolute_difference() {
    // 1, 2, 3, 4: Σ|xi − xj| over ordered pairs = 20; / (2 · 16 · 2.5) = 0.25.
    assert!(close(
        aggregate::gini(&[4, 1, 3, 2]).unwrap().unwrap(),
        0.25
    ));
    assert_eq!(aggregate::gini(&[7]).unwrap(), Some(0.0));
    assert_eq!(aggregate::gini(&[]).unwrap(), None);
    // One of ten owners gets everything the others get one of: 1·9 + 91 ...
    // 9 ones and one 91: mean 10, Σ|xi − xj| = 2 · 9 · 90 = 1620; / (2 · 100 · 10) = 0.81.
    let mut v = vec![1u64; 9];
    v.push(91);
    assert!(close(aggregate::gini(&v).unwrap().unwrap(), 0.81));
}

#[test]
fn bad_time_zone_is_an_error() {
    let settings = Settings {
        timezone: "Mars/Olympus".to_owned(),
        ..Settings::default()
    };
    let err = compute(&funnel_tables(), &settings, &Period::all()).unwrap_err();
    assert!(
        err.to_string()
            .contains("\"Mars/Olympus\" is not a time zone"),
        "{err}"
    );
}

/// The value at `pointer`, which must be present and not null.
fn present<'a>(json: &'a serde_json::Value, pointer: &str) -> &'a serde_json::Value {
    match json.pointer(pointer) {
        None => panic!("{pointer} missing from {json}"),
        Some(serde_json::Value::Null) => panic!("{pointer} is null in {json}"),
        Some(v) => v,
    }
}

#[test]
fn json_has_the_issue_keys() {
    let b = run(&funnel_tables(), &Settings::default());
    let json = serde_json::to_value(&b).unwrap();
    // Every figure the funnel tables can give has a value; the only ones they cannot
    // (no activities, no score columns, no priority) are null and say why.
    for key in [
        "leads",
        "deals",
        "speed_to_lead",
        "sla",
        "qualification_rate",
        "lead_to_opportunity",
        "lead_to_won",
        "win_rate",
        "cycle_time_days_median",
        "response_curve",
        "routing",
        "by_quarter",
        "unavailable",
    ] {
        present(&json, &format!("/{key}"));
    }
    assert_eq!(json["leads"], 6);
    assert_eq!(json["deals"], 4);
    for key in [
        "median_minutes",
        "p90_minutes",
        "within_5m",
        "within_1h",
        "within_24h",
        "never_contacted",
        "median_business_minutes",
    ] {
        present(&json, &format!("/speed_to_lead/{key}"));
    }
    // One of six leads never touched.
    assert_eq!(
        json["speed_to_lead"]["never_contacted"].as_f64(),
        Some(1.0 / 6.0)
    );
    for key in [
        "target_minutes",
        "compliance",
        "breaches_by_hour_of_week",
        "after_hours_share",
    ] {
        present(&json, &format!("/sla/{key}"));
    }
    for key in ["gini", "owners", "over_capacity_owners", "unassigned"] {
        present(&json, &format!("/routing/{key}"));
    }
    // The "N/A" owner is no owner.
    assert_eq!(json["routing"]["unassigned"], 1);
    // Without an owners file and without companies: not available, and why.
    for (key, why) in [
        (
            "inactive_owner_assignments",
            "no owners file; no activities file",
        ),
        ("account_owner_mismatches", "leads have no company"),
    ] {
        assert!(
            json["routing"].get(key).is_some_and(|v| v.is_null()),
            "routing.{key}: {json}"
        );
        assert_eq!(json["unavailable"][format!("routing.{key}")], why);
    }
    for key in [
        "owner",
        "leads",
        "deals",
        "share",
        "win_rate",
        "median_speed_minutes",
    ] {
        present(&json, &format!("/routing/owners/0/{key}"));
    }
    let q = &json["by_quarter"][0];
    assert_eq!(q["quarter"], "2026Q1");
    present(q, "/win_rate");
    assert!(q["unavailable"].is_object(), "{q}");
    let grid = json["sla"]["breaches_by_hour_of_week"].as_array().unwrap();
    assert_eq!(grid.len(), 7);
    assert!(grid.iter().all(|row| row.as_array().unwrap().len() == 24));
}

fn scored_leads(scores: Vec<(&str, Vec<Option<&str>>)>, converted: &[&str]) -> Tables {
    let n = converted.len();
    let ids: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let created = vec!["2026-04-01T09:00:00Z"; n];
    let mut cols = vec![
        ("id", some(&ids)),
        ("created_at", some(&created)),
        ("converted", some(converted)),
    ];
    cols.extend(scores);
    Tables {
        leads: Some(table(Kind::Leads, cols)),
        ..Tables::default()
    }
}

#[test]
fn score_auc_by_rank_sum_with_ties_counting_half() {
    // Converted leads score 30 and 40, the others 10 and 20: every converted lead
    // outranks every other, AUC 1.
    let t = scored_leads(
        vec![("score", some(&["10", "20", "30", "40"]))],
        &["false", "false", "true", "true"],
    );
    let s = run(&t, &Settings::default()).figures.scores.unwrap();
    assert_eq!(s.columns, ["score"]);
    assert_eq!(s.scored["score"], 4);
    assert!(close(s.auc["score"].unwrap(), 1.0));
    assert!(s.summary.contains("one score"), "{}", s.summary);
    // Scores 10, 10, 20, 20 with one converted lead in each tie: pairs (conv 10 vs 10:
    // half, conv 10 vs 20: 0, conv 20 vs 10: 1, conv 20 vs 20: half) → 2 / 4 = 0.5.
    let t = scored_leads(
        vec![("score", some(&["10", "10", "20", "20"]))],
        &["false", "true", "false", "true"],
    );
    let s = run(&t, &Settings::default()).figures.scores.unwrap();
    assert!(close(s.auc["score"].unwrap(), 0.5));
    // Nobody converted: AUC cannot be measured.
    let t = scored_leads(vec![("score", some(&["1", "2"]))], &["false", "false"]);
    let s = run(&t, &Settings::default()).figures.scores.unwrap();
    assert_eq!(s.auc["score"], None);
    // No score at all.
    let t = scored_leads(vec![], &["false", "true"]);
    let s = run(&t, &Settings::default()).figures.scores.unwrap();
    assert!(s.columns.is_empty());
    assert!(
        s.summary.starts_with("None of the 2 leads carries a score"),
        "{}",
        s.summary
    );
}

#[test]
fn fit_and_engagement_quadrants_split_at_the_medians() {
    // fit 1 2 3 4 (median 2.5), engagement 4 3 2 1 (median 2.5): leads 1 and 2 are low
    // fit / high engagement, 3 and 4 high fit / low engagement.
    let t = scored_leads(
        vec![
            ("fit_score", some(&["1", "2", "3", "4"])),
            ("engagement_score", some(&["4", "3", "2", "1"])),
        ],
        &["false", "true", "true", "true"],
    );
    let s = run(&t, &Settings::default()).figures.scores.unwrap();
    assert_eq!(s.columns, ["fit_score", "engagement_score"]);
    let q = |fit: &str, eng: &str| {
        s.quadrants
            .iter()
            .find(|q| q.fit == fit && q.engagement == eng)
            .unwrap()
            .clone()
    };
    assert_eq!((q("low", "high").leads, q("low", "high").converted), (2, 1));
    assert_eq!((q("high", "low").leads, q("high", "low").converted), (2, 2));
    assert_eq!(q("high", "high").leads, 0);
    assert_eq!(q("high", "high").conversion_rate, None);
    // Fit ranks the converted leads 2, 3, 4 above lead 1: AUC 1.
    assert!(close(s.auc["fit_score"].unwrap(), 1.0));
}

#[test]
fn intent_signals_after_creation_followed_within_the_target() {
    let leads = table(
        Kind::Leads,
        vec![
            ("id", some(&["1", "2"])),
            (
                "created_at",
                some(&["2026-04-01T09:00:00Z", "2026-04-01T09:00:00Z"]),
            ),
        ],
    );
    // Lead 1: a pricing view at 10:00 answered by a call at 10:03 (followed), a page view
    // before creation (not a signal) and an inbound email (a reply, not a signal).
    // Lead 2: a demo request at 11:00 answered only at 11:30 (followed within the default
    // 1 h re-contact window, missed with a 15 min one).
    let acts: [(&str, &str, &str, &str); 6] = [
        ("1", "2026-04-01T10:00:00Z", "PAGE_VIEW", "Inbound"),
        ("1", "2026-04-01T10:03:00Z", "CALL", "Outbound"),
        ("1", "2026-04-01T08:00:00Z", "PAGE_VIEW", "Inbound"),
        ("1", "2026-04-01T12:00:00Z", "EMAIL", "Inbound"),
        ("2", "2026-04-01T11:00:00Z", "FORM_SUBMISSION", ""),
        ("2", "2026-04-01T11:30:00Z", "EMAIL", "Outbound"),
    ];
    let activities = table(
        Kind::Activities,
        vec![
            ("record_id", acts.iter().map(|a| Some(a.0)).collect()),
            ("timestamp", acts.iter().map(|a| Some(a.1)).collect()),
            ("type", acts.iter().map(|a| Some(a.2)).collect()),
            (
                "direction",
                acts.iter()
                    .map(|a| (!a.3.is_empty()).then_some(a.3))
                    .collect(),
            ),
        ],
    );
    let t = Tables {
        leads: Some(leads),
        activities: Some(activities),
        ..Tables::default()
    };
    let i = run(&t, &Settings::default()).figures.intent.unwrap();
    assert_eq!(
        (i.signals, i.leads_with_signal, i.not_followed_up),
        (2, 2, 0)
    );
    assert_eq!(i.recontact_minutes, 60.0);
    let settings = Settings {
        recontact_minutes: 15.0,
        ..Settings::default()
    };
    let i = run(&t, &settings).figures.intent.unwrap();
    assert_eq!(i.not_followed_up, 1);
    // Item 9's window is its own setting: the first-touch SLA does not move it
    // (#13 defect 3).
    let settings = Settings {
        sla_minutes: 1.0,
        sla_by_priority: BTreeMap::new(),
        ..Settings::default()
    };
    let i = run(&t, &settings).figures.intent.unwrap();
    assert_eq!(i.not_followed_up, 0);
    // Without activities: unavailable, with the reason.
    let t = Tables {
        leads: t.leads.clone(),
        ..Tables::default()
    };
    let f = run(&t, &Settings::default()).figures;
    assert_eq!(f.intent, None);
    assert_eq!(f.unavailable["intent"], "no activities file");
}

#[test]
fn the_largest_deals_and_their_human_touches() {
    // Amounts 10, 20, …, 100: the linear 90th percentile is 91, so only the deal of 100
    // is large; it is linked to lead 7, which has no activity.
    let amounts: Vec<String> = (1..=10).map(|i| (i * 10).to_string()).collect();
    let amounts: Vec<&str> = amounts.iter().map(String::as_str).collect();
    let ids: Vec<String> = (1..=10).map(|i| format!("D{i}")).collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut lead_ids = vec!["1"; 10];
    lead_ids[9] = "7";
    let deals = table(
        Kind::Deals,
        vec![
            ("id", some(&ids)),
            ("amount", some(&amounts)),
            ("outcome", some(&["won"; 10])),
            ("lead_id", some(&lead_ids)),
        ],
    );
    let mut t = leads_and_calls(
        &["2026-04-01T09:00:00Z"],
        &[("1", "2026-04-01T09:01:00Z", "CALL")],
    );
    t.deals = Some(deals);
    let i = run(&t, &Settings::default()).figures.intent.unwrap();
    assert_eq!(i.large_deals, 1);
    assert!(close(i.large_deal_threshold.unwrap(), 91.0));
    assert_eq!(i.large_deals_without_touch, Some(1));
}

/// The last touch before a lead is its own owner's: another owner's touch, later in the
/// log, never makes an owner with no touch look active.
#[test]
fn another_owners_touch_does_not_count_as_recent() {
    let leads = table(
        Kind::Leads,
        vec![
            ("id", some(&["L1", "L2"])),
            (
                "created_at",
                some(&["2026-03-02T10:00:00Z", "2026-03-02T10:00:00Z"]),
            ),
            ("owner", some(&["Ann", "Bob"])),
        ],
    );
    // Ann touched on 2026-02-01 (the log's start) and 2026-03-01; Bob never.
    let activities = table(
        Kind::Activities,
        vec![
            ("record_id", some(&["x", "y"])),
            (
                "timestamp",
                some(&["2026-02-01T10:00:00Z", "2026-03-01T10:00:00Z"]),
            ),
            ("type", some(&["CALL", "CALL"])),
            ("owner", some(&["Ann", "Ann"])),
        ],
    );
    let tables = Tables {
        leads: Some(leads),
        activities: Some(activities),
        ..Tables::default()
    };
    let b = run(&tables, &Settings::default());
    let r = b.figures.routing.unwrap();
    // Only Bob's lead: no touch of his in the 14 days before it.
    assert_eq!(r.inactive_by_reason.unwrap().no_recent_activity, Some(1));
}
