//! A hand-built audit result for unit tests of the charts and the scorecard: a small
//! company with every figure present, which a test then takes apart.

use std::collections::BTreeMap;

use crate::audit::{self, AuditInfo, AuditResult, CheckResult, InputFile, Inputs, Verdict};
use crate::checklist::ITEMS;
use crate::checklist::policy::{Suggestion, VerdictLevel};
use crate::findings::fixture::finding;
use crate::grade::GradeLevel;
use crate::metrics::{
    Baseline, CurveBucket, Figures, OwnerFigures, Period, Quarter, QuarterFigures, Routing, Sla,
    SpeedToLead, Stat,
};
use crate::settings::Settings;

fn bucket(key: &str, label: &str, leads: u64, q: u64, c: u64) -> CurveBucket {
    CurveBucket {
        bucket: key.into(),
        label: label.into(),
        leads,
        qualified: Some(q),
        qualification_rate: (leads > 0).then(|| q as f64 / leads as f64),
        converted: Some(c),
        conversion_rate: (leads > 0).then(|| c as f64 / leads as f64),
    }
}

fn owner(name: &str, leads: u64, inactive: u64) -> OwnerFigures {
    OwnerFigures {
        owner: name.into(),
        leads: Some(leads),
        deals: Some(leads / 10),
        share: leads as f64 / 200.0,
        win_rate: Some(0.4),
        median_speed_minutes: Some(Stat::Minutes(20.0)),
        open_load: leads / 2,
        capacity: None,
        inactive_assignments: Some(inactive),
    }
}

/// 200 leads, 40 closed deals, two owners of three receiving most leads.
pub fn figures() -> Figures {
    let mut breaches = vec![vec![0u64; 24]; 7];
    let mut created = vec![vec![0u64; 24]; 7];
    for (d, row) in created.iter_mut().enumerate() {
        for (h, n) in row.iter_mut().enumerate() {
            *n = if d < 5 { 1 + (h % 3) as u64 } else { 0 };
        }
    }
    breaches[0][2] = 3;
    breaches[4][17] = 1;
    Figures {
        leads: Some(200),
        deals: Some(40),
        deals_won: Some(12),
        deals_lost: Some(28),
        speed_to_lead: Some(SpeedToLead {
            first_touch_from: "activities".into(),
            leads: 200,
            contacted: 180,
            median_minutes: Stat::Minutes(42.0),
            p90_minutes: Stat::NotReached,
            within_5m: 0.2,
            within_1h: 0.55,
            within_24h: 0.85,
            never_contacted: 0.1,
            median_business_minutes: Stat::Minutes(12.0),
            p90_business_minutes: Stat::NotReached,
            touched_before_creation: 3,
            excluded_touched_before_creation: 1,
            excluded_no_created_at: 0,
            by_owner: Vec::new(),
            by_source: Vec::new(),
            by_month: Vec::new(),
            leads_by_hour_of_week: created,
            median_minutes_by_hour_of_week: vec![vec![None; 24]; 7],
        }),
        sla: Some(Sla {
            target_minutes: 5.0,
            targets_by_priority: BTreeMap::new(),
            leads: 200,
            met: 40,
            breaches: 160,
            compliance: 0.2,
            compliance_business_hours: 0.3,
            breaches_by_hour_of_week: breaches,
            after_hours_breaches: 60,
            after_hours_share: Some(0.375),
            never_contacted_breaches: 20,
            late_touch_no_follow_up: Some(4),
            // Monday 02:00 (breaches[0][2] above).
            night_breaches: Some(3),
        }),
        qualification_rate: Some(0.3),
        lead_to_opportunity: Some(0.1),
        lead_to_won: Some(0.04),
        win_rate: Some(0.3),
        cycle_time_days_median: Some(31.5),
        cycle_time_excluded: Some(0),
        response_curve: Some(vec![
            bucket("5m", "≤5 min", 40, 20, 8),
            bucket("30m", "≤30 min", 30, 12, 4),
            bucket("1h", "≤1 h", 40, 12, 3),
            bucket("24h", "≤24 h", 60, 12, 4),
            bucket("later", "later", 10, 2, 1),
            bucket("never", "never", 20, 2, 0),
        ]),
        routing: Some(Routing {
            basis: "leads".into(),
            gini: Some(0.31),
            equal_share: Some(1.0 / 3.0),
            owners: vec![
                owner("Dana Cruz", 110, 0),
                owner("Zoë Łukasiewicz", 70, 0),
                owner("Tom Becker", 20, 12),
            ],
            inactive_owner_assignments: Some(12),
            inactive_by_reason: None,
            over_capacity_owners: Some(vec!["Dana Cruz".into()]),
            account_owner_mismatches: Some(2),
            unassigned: Some(5),
        }),
        scores: None,
        intent: None,
        unavailable: BTreeMap::new(),
    }
}

/// The whole result, graded by nobody yet.
pub fn result() -> AuditResult {
    let figures = figures();
    let mut q3 = figures.clone();
    q3.deals = Some(30);
    let mut q4 = Figures {
        leads: Some(0),
        deals_won: Some(1),
        deals_lost: Some(0),
        win_rate: Some(1.0),
        ..Figures::default()
    };
    q4.unavailable.insert(
        "speed_to_lead".into(),
        "no leads created in the period".into(),
    );
    let checks = ITEMS
        .iter()
        .map(|m| {
            let suggested = match m.item {
                1 | 4 | 6 => Some(Suggestion::Partial),
                7 | 9 => Some(Suggestion::Missing),
                2 | 5 | 11 => Some(Suggestion::InPlace),
                3 => Some(Suggestion::NotApplicable),
                _ => None,
            };
            CheckResult {
                item: m.item,
                id: m.id.into(),
                title: m.title.into(),
                question: m.question.into(),
                why: m.why.into(),
                in_place: m.in_place.into(),
                suggested,
                rationale: format!("Rationale of item {} with 12 of 40 records.", m.item),
                evidence: Vec::new(),
                confirm: None,
                grade: None,
                effective: GradeLevel::NotAssessed,
                overridden: false,
                needs_owner: m.needs_owner,
                foundation: m.foundation,
            }
        })
        .collect();
    let mut result = AuditResult {
        version: audit::RESULT_VERSION,
        audit: AuditInfo {
            id: Some(2),
            name: "2026 Q3".into(),
            period: "whole export".into(),
            workspace: Some("Acme Robotics".into()),
            created_at: Some("2026-10-02T09:00:00Z".into()),
        },
        inputs: Inputs {
            files: vec![InputFile {
                path: "contacts.csv".into(),
                kind: "leads".into(),
                source: "hubspot".into(),
                rows: 200,
                sha256: "ab".repeat(32),
                columns: vec!["Record ID".into(), "Email".into()],
                warnings: Vec::new(),
            }],
            mapping: "timezone = \"Europe/Berlin\"\n\n[[file]]\npath = \"contacts.csv\"\nkind = \"leads\"\n\n[file.columns]\nemail = \"Email\"\nid = \"Record ID\"\n".into(),
            timezone: "Europe/Berlin".into(),
            mapping_warnings: Vec::new(),
        },
        settings: Settings::default(),
        baseline: Baseline {
            period: Period::all(),
            label: "whole export".into(),
            timezone: "Europe/Berlin".into(),
            business_hours: "Mon-Fri 09:00-17:00".into(),
            figures,
            by_quarter: vec![
                QuarterFigures {
                    quarter: Quarter {
                        year: 2026,
                        quarter: 3,
                    },
                    figures: q3,
                },
                QuarterFigures {
                    quarter: Quarter {
                        year: 2026,
                        quarter: 4,
                    },
                    figures: q4,
                },
            ],
            notes: Vec::new(),
        },
        findings: vec![
            finding("closed_missing_close_reason", 1, 5, 40, &["D-1", "D-2"]),
            finding("closed_missing_owner", 1, 0, 40, &[]),
            finding(
                "duplicate_clusters",
                5,
                3,
                200,
                &["L-1", "L-2", "L-3", "L-4", "L-5"],
            ),
        ],
        checks,
        verdict: Verdict {
            level: VerdictLevel::Pilot,
            label: String::new(),
            fix_first: Vec::new(),
        },
        readiness: None,
    };
    audit::apply_grades(&mut result, &BTreeMap::new());
    result
}

/// The quarter before, as the previous audit.
pub fn previous() -> AuditResult {
    let mut p = result();
    p.audit.id = Some(1);
    p.audit.name = "2026 Q2".into();
    let f = &mut p.baseline.figures;
    f.win_rate = Some(0.25);
    f.cycle_time_days_median = Some(30.0);
    if let Some(s) = f.speed_to_lead.as_mut() {
        s.median_minutes = Stat::NotReached;
        s.within_5m = 0.1;
    }
    if let Some(c) = f.response_curve.as_mut() {
        c[0].leads = 20;
        c[5].leads = 40;
    }
    p.baseline.by_quarter = vec![QuarterFigures {
        quarter: Quarter {
            year: 2026,
            quarter: 2,
        },
        figures: p.baseline.figures.clone(),
    }];
    p
}
