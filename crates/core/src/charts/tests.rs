//! The charts' tests: specs, validation, scales, labels and every builder.

use super::axis::nice_scale;
use super::*;
use crate::present::Unit;

#[test]
fn readiness_charts_draw_the_roc_and_calibration_or_say_why_not() {
    // 2,000 undated leads: Webinar won at 40%, Cold at 10%.
    let r = crate::readiness::two_source_fixture();
    let set = readiness_charts(&r);
    assert!(set.omitted.is_empty(), "{:?}", set.omitted);
    let roc = &set.charts[0];
    assert_eq!(
        (roc.id.as_str(), roc.kind),
        (ids::READINESS_ROC, ChartKind::Line)
    );
    assert_eq!(roc.categories.len(), 11);
    assert_eq!(roc.categories[5], "50%");
    // The diagonal of chance, drawn lighter; the model above it.
    assert_eq!(roc.series[1].role, SeriesRole::Comparison);
    for (i, v) in roc.series[1].values.iter().enumerate() {
        assert!((v.unwrap() - i as f64 / 10.0).abs() < 1e-12);
    }
    assert!(roc.series[0].values[5].unwrap() > 0.5);
    let cal = &set.charts[1];
    assert_eq!(
        (cal.id.as_str(), cal.kind),
        (ids::READINESS_CALIBRATION, ChartKind::GroupedBar)
    );
    assert_eq!(cal.categories.first().map(String::as_str), Some("1"));
    assert_eq!(cal.series[0].name, "Predicted");
    assert_eq!(cal.reference.as_ref().unwrap().value, r.base_rate.unwrap());

    // Without a validation, both are left out with the reason.
    let mut unvalidated = r.clone();
    unvalidated.validation = None;
    unvalidated.no_validation = Some("no lead has a known outcome".into());
    let set = readiness_charts(&unvalidated);
    assert!(set.charts.is_empty());
    assert_eq!(set.omitted.len(), 2);
    assert!(
        set.omitted
            .iter()
            .all(|o| o.reason == "no lead has a known outcome")
    );
}

#[test]
fn scales_are_round_and_cover_the_values() {
    let s = nice_scale(0.0, 0.31, 5, true, false);
    assert_eq!((s.lo, s.hi, s.step), (0.0, 0.4, 0.1));
    let s = nice_scale(0.0, 0.93, 5, true, false);
    assert_eq!((s.lo, s.hi), (0.0, 1.0));
    assert!(s.ticks().iter().any(|t| (*t - 1.0).abs() < 1e-9));
    let s = nice_scale(0.0, 137.0, 6, false, true);
    assert_eq!((s.lo, s.hi, s.step), (0.0, 150.0, 50.0));
    let s = nice_scale(0.0, 3.0, 7, false, true);
    assert_eq!(s.step, 1.0, "counts never tick at fractions");
    let s = nice_scale(-12.0, 30.0, 5, false, false);
    assert!(s.lo <= -12.0 && s.hi >= 30.0);
    let s = nice_scale(0.0, 0.0, 5, false, true);
    assert!(s.hi > s.lo, "an all-zero chart still has a scale");
    assert_eq!(nice_scale(0.0, 0.0, 5, true, false).hi, 1.0);
}

#[test]
fn ticks_are_clean_numbers() {
    let s = nice_scale(0.0, 0.7, 8, true, false);
    for t in s.ticks() {
        assert!(format!("{t}").len() <= 4, "{t}");
    }
}

#[test]
fn the_app_gets_every_number_of_a_chart_in_words() {
    let mut spec = bar();
    spec.series[0].values[2] = None;
    spec.series[0].values[3] = Some(0.417);
    let l = spec.clone().labelled();
    assert_eq!(l.spec, spec);
    assert_eq!(
        l.labels.values,
        [["12%", "18%", "–", "42%", "20%", "10%"]
            .map(String::from)
            .to_vec()]
    );
    assert_eq!(l.labels.reference.as_deref(), Some("50%"));
    assert!(l.labels.totals.is_empty());
    assert_eq!(l.labels.max, "42%");
    // The ticks are the PDF's scale for 5 ticks, in the same words.
    let ticks: Vec<(f64, &str)> = l
        .labels
        .ticks
        .iter()
        .map(|t| (t.value, t.label.as_str()))
        .collect();
    assert_eq!(
        ticks,
        [(0.0, "0%"), (0.2, "20%"), (0.4, "40%"), (0.6, "60%")]
    );
    let pdf: Vec<f64> = scale_for(&spec, 5).ticks();
    assert_eq!(ticks.iter().map(|t| t.0).collect::<Vec<_>>(), pdf);

    // Stacked across: totals per category, `–` for an empty stack; minutes in words.
    spec.kind = ChartKind::StackedBar;
    spec.orientation = Orientation::Horizontal;
    spec.unit = Unit::Count;
    spec.reference = None;
    spec.categories.truncate(2);
    spec.series = vec![
        Series::new("within", vec![Some(1200.0), None]),
        Series::new("breached", vec![Some(34.0), None]),
    ];
    let l = spec.labels();
    assert_eq!(l.totals, ["1,234", "–"]);
    assert_eq!(l.values[0], ["1,200", "–"]);
    assert!(l.ticks.len() <= 6 && l.ticks.last().unwrap().value >= 1234.0);
    let json = serde_json::to_value(spec.labelled()).unwrap();
    assert_eq!(json["id"], "speed_to_lead_buckets");
    assert_eq!(json["labels"]["totals"][0], "1,234");
}

fn bar() -> ChartSpec {
    ChartSpec {
        id: "speed_to_lead_buckets".into(),
        title: "Speed to lead".into(),
        kind: ChartKind::Bar,
        orientation: Orientation::Vertical,
        x_label: "Time to first touch".into(),
        y_label: "Share of leads".into(),
        unit: Unit::Percent,
        currency: None,
        categories: ["≤ 5 min", "≤ 30 min", "≤ 1 h", "≤ 24 h", "later", "never"]
            .map(String::from)
            .to_vec(),
        series: vec![Series::new(
            "2026 Q3",
            vec![
                Some(0.12),
                Some(0.18),
                Some(0.09),
                Some(0.31),
                Some(0.2),
                Some(0.1),
            ],
        )],
        reference: Some(Reference {
            label: "Target".into(),
            value: 0.5,
        }),
        note: "Leads never contacted stay in the denominator.".into(),
    }
}

fn heatmap() -> ChartSpec {
    let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    ChartSpec {
        id: "sla_breaches_by_hour".into(),
        title: "SLA breaches by hour of week".into(),
        kind: ChartKind::Heatmap,
        orientation: Orientation::default(),
        x_label: "Hour created".into(),
        y_label: "Day".into(),
        unit: Unit::Count,
        currency: None,
        categories: (0..24).map(|h| format!("{h:02}")).collect(),
        series: days
            .iter()
            .enumerate()
            .map(|(d, name)| Series::new(*name, (0..24).map(|h| Some((d * h) as f64)).collect()))
            .collect(),
        reference: None,
        note: String::new(),
    }
}

#[test]
fn hand_built_specs_validate() {
    assert_eq!(bar().validate(), Ok(()));
    assert_eq!(heatmap().validate(), Ok(()));
    let h = heatmap();
    assert_eq!((h.series.len(), h.categories.len()), (7, 24));
}

#[test]
fn json_shape_is_the_documented_one() {
    let json = serde_json::to_value(bar()).unwrap();
    assert_eq!(json["kind"], "bar");
    assert_eq!(json["orientation"], "vertical");
    assert_eq!(json["unit"], "percent");
    assert_eq!(json["series"][0]["role"], "primary");
    assert_eq!(json["reference"]["value"], 0.5);
    assert!(json.get("currency").is_none(), "no currency key unless set");
    // The documented example deserialises, with its defaults.
    let doc = r#"{"id":"x","title":"X","kind":"stacked_bar","unit":"count",
        "categories":["a","b"],"series":[{"name":"s","values":[1,null]}]}"#;
    let spec: ChartSpec = serde_json::from_str(doc).unwrap();
    assert_eq!(spec.orientation, Orientation::Vertical);
    assert_eq!(spec.series[0].role, SeriesRole::Primary);
    assert_eq!(spec.series[0].values, vec![Some(1.0), None]);
    assert_eq!(spec.validate(), Ok(()));
    // And round-trips.
    let again: ChartSpec = serde_json::from_value(serde_json::to_value(&spec).unwrap()).unwrap();
    assert_eq!(again, spec);
}

#[test]
fn a_series_with_the_wrong_length_is_refused() {
    let mut s = bar();
    s.series[0].values.pop();
    let err = s.validate().unwrap_err();
    assert_eq!(
        err,
        ChartError::LengthMismatch {
            id: "speed_to_lead_buckets".into(),
            series: "2026 Q3".into(),
            values: 5,
            categories: 6
        }
    );
    assert!(
        err.to_string()
            .contains("has 5 values but there are 6 categories")
    );
}

#[test]
fn nan_and_infinity_are_refused_null_is_not() {
    let mut s = bar();
    s.series[0].values[2] = None;
    assert_eq!(s.validate(), Ok(()));
    s.series[0].values[2] = Some(f64::NAN);
    assert!(matches!(
        s.validate(),
        Err(ChartError::NotFinite { category, .. }) if category == "≤ 1 h"
    ));
    let mut s = heatmap();
    s.series[3].values[7] = Some(f64::INFINITY);
    assert!(matches!(s.validate(), Err(ChartError::NotFinite { .. })));
    let mut s = bar();
    s.reference = Some(Reference {
        label: "Equal share".into(),
        value: f64::NAN,
    });
    assert!(matches!(
        s.validate(),
        Err(ChartError::ReferenceNotFinite { .. })
    ));
}

#[test]
fn percent_means_a_share_between_0_and_1() {
    let mut s = bar();
    s.series[0].values[0] = Some(12.0);
    let err = s.validate().unwrap_err();
    assert!(matches!(err, ChartError::PercentOutOfRange { value, .. } if value == 12.0));
    assert!(err.to_string().contains("divide by 100"));
}

#[test]
fn stacks_and_heatmaps_refuse_negatives_plain_bars_do_not() {
    let mut s = heatmap();
    s.series[0].values[0] = Some(-1.0);
    assert!(matches!(
        s.validate(),
        Err(ChartError::Negative {
            kind: "heatmap",
            ..
        })
    ));
    let mut s = bar();
    s.unit = Unit::Count;
    s.series[0].values[0] = Some(-3.0);
    assert_eq!(s.validate(), Ok(()));
    s.kind = ChartKind::StackedBar;
    assert!(matches!(s.validate(), Err(ChartError::Negative { .. })));
}

#[test]
fn empty_and_currency_less_specs_are_refused() {
    let mut s = bar();
    s.id = " ".into();
    assert_eq!(s.validate(), Err(ChartError::EmptyId));
    let mut s = bar();
    s.categories.clear();
    s.series[0].values.clear();
    assert!(matches!(s.validate(), Err(ChartError::NoCategories { .. })));
    let mut s = bar();
    s.series.clear();
    assert!(matches!(s.validate(), Err(ChartError::NoSeries { .. })));
    let mut s = bar();
    s.unit = Unit::Currency;
    assert!(matches!(s.validate(), Err(ChartError::NoCurrency { .. })));
    s.currency = Some("EUR".into());
    assert_eq!(s.validate(), Ok(()));
}

#[test]
fn value_range_spans_values_and_stacks() {
    assert_eq!(bar().value_range(), Some((0.09, 0.31)));
    let mut s = bar();
    s.kind = ChartKind::StackedBar;
    s.series.push(Series::new("b", vec![Some(0.1); 6]));
    let (lo, hi) = s.value_range().unwrap();
    assert!((lo - 0.19).abs() < 1e-12 && (hi - 0.41).abs() < 1e-12);
    let mut s = bar();
    s.series[0].values = vec![None; 6];
    assert_eq!(s.value_range(), None);
}

#[test]
fn units_format_the_documented_way() {
    let f = |u: Unit, v: f64| u.format(v, Some("USD"));
    assert_eq!(f(Unit::Percent, 0.42), "42%");
    assert_eq!(f(Unit::Percent, 0.045), "4.5%");
    assert_eq!(f(Unit::Percent, 0.0), "0%");
    assert_eq!(f(Unit::Percent, 1.0), "100%");
    assert_eq!(f(Unit::Percent, 0.0996), "10%");
    assert_eq!(f(Unit::Minutes, 4.5), "4.5 min");
    assert_eq!(f(Unit::Minutes, 12.0), "12 min");
    assert_eq!(f(Unit::Minutes, 192.0), "3.2 h");
    assert_eq!(f(Unit::Minutes, 60.0 * 36.0), "1.5 d");
    assert_eq!(f(Unit::Minutes, 60.0 * 24.0 * 42.0), "42 d");
    assert_eq!(f(Unit::Hours, 42.0), "42 h");
    assert_eq!(f(Unit::Hours, 72.0), "3 d");
    assert_eq!(f(Unit::Days, 2.5), "2.5 d");
    assert_eq!(f(Unit::Days, 37.0), "37 d");
    assert_eq!(f(Unit::Count, 12345.0), "12,345");
    assert_eq!(f(Unit::Count, -1234567.0), "-1,234,567");
    assert_eq!(f(Unit::Count, 999.0), "999");
    assert_eq!(f(Unit::Count, 2.26), "2.3");
    assert_eq!(f(Unit::Currency, 950.0), "USD 950");
    assert_eq!(f(Unit::Currency, 12_340.0), "USD 12.3k");
    assert_eq!(f(Unit::Currency, 1_200_000.0), "USD 1.2M");
    assert_eq!(Unit::Currency.format(20_000.0, None), "20k");
    assert_eq!(f(Unit::Count, f64::NAN), "–");
    assert_eq!(f(Unit::Percent, -0.0001), "0%");
}

// ------------------------------------------------------------ audit charts

use super::fixture;

fn chart<'a>(set: &'a AuditCharts, id: &str) -> &'a ChartSpec {
    set.charts
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no chart {id}: {:?}", set.omitted))
}

#[test]
fn an_audit_has_five_valid_charts_in_order() {
    let r = fixture::result();
    let set = audit_charts(&r, None);
    assert!(set.omitted.is_empty(), "{:?}", set.omitted);
    let order: Vec<&str> = set.charts.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        order,
        [
            ids::SPEED_BUCKETS,
            ids::SLA_BY_HOUR,
            ids::OWNER_LOAD,
            ids::RESPONSE_CURVE,
            ids::QUARTERS
        ]
    );
    for c in &set.charts {
        assert_eq!(c.validate(), Ok(()), "{}", c.id);
    }
    assert_eq!(for_audit(&r, None), set.charts);
}

#[test]
fn speed_buckets_are_shares_with_the_previous_audit_beside() {
    let r = fixture::result();
    let set = audit_charts(&r, None);
    let s = chart(&set, ids::SPEED_BUCKETS);
    assert_eq!(s.kind, ChartKind::Bar);
    assert_eq!(s.unit, Unit::Percent);
    assert_eq!(s.categories[0], "≤5 min");
    // 40, 30, 40, 60, 10 and 20 of 200 leads.
    assert_eq!(
        s.series[0].values,
        [0.2, 0.15, 0.2, 0.3, 0.05, 0.1].map(Some).to_vec()
    );
    assert!(
        s.note.contains("40 · 30 · 40 · 60 · 10 · 20 of 200 leads"),
        "{}",
        s.note
    );
    assert!(s.note.contains("1 lead touched only before"), "{}", s.note);

    let p = fixture::previous();
    let set = audit_charts(&r, Some(&p));
    let s = chart(&set, ids::SPEED_BUCKETS);
    assert_eq!(s.kind, ChartKind::GroupedBar);
    assert_eq!(s.series.len(), 2);
    assert_eq!(s.series[0].name, "2026 Q2");
    assert_eq!(s.series[0].role, SeriesRole::Comparison);
    // The previous audit: 20, 30, 40, 60, 10 and 40 of 200.
    assert_eq!(s.series[0].values[0], Some(0.1));
    assert_eq!(s.series[0].values[5], Some(0.2));
    assert_eq!(s.series[1].name, "2026 Q3");
}

#[test]
fn the_heatmap_is_seven_days_by_24_hours_with_no_data_where_no_lead_came() {
    let r = fixture::result();
    let set = audit_charts(&r, None);
    let h = chart(&set, ids::SLA_BY_HOUR);
    assert_eq!(h.kind, ChartKind::Heatmap);
    let days: Vec<&str> = h.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(days, DAYS);
    assert_eq!(h.categories.first().map(String::as_str), Some("00"));
    assert_eq!(h.categories.last().map(String::as_str), Some("23"));
    assert_eq!(h.series[0].values[2], Some(3.0), "Monday 02:00");
    assert_eq!(
        h.series[0].values[3],
        Some(0.0),
        "leads came, none breached"
    );
    assert_eq!(h.series[5].values[2], None, "no lead on Saturday");
    assert!(h.title.contains("Europe/Berlin"));
    assert!(h.note.contains("160 breaches of 200 leads"), "{}", h.note);
}

#[test]
fn owners_stack_inactive_assignments_against_an_equal_share() {
    let r = fixture::result();
    let set = audit_charts(&r, None);
    let o = chart(&set, ids::OWNER_LOAD);
    assert_eq!(o.kind, ChartKind::StackedBar);
    assert_eq!(o.orientation, Orientation::Horizontal);
    assert_eq!(o.categories, ["Dana Cruz", "Zoë Łukasiewicz", "Tom Becker"]);
    assert_eq!(o.series[0].values, [Some(110.0), Some(70.0), Some(8.0)]);
    assert_eq!(o.series[1].values, [Some(0.0), Some(0.0), Some(12.0)]);
    assert_eq!(o.series[1].role, SeriesRole::Highlight);
    let eq = o.reference.as_ref().unwrap();
    assert!((eq.value - 200.0 / 3.0).abs() < 1e-9);
    assert!(o.note.contains("Gini 0.31"));
    assert!(o.note.contains("5 leads with no owner"));
    // Without inactive assignments: one plain series.
    let mut r = fixture::result();
    if let Some(rt) = r.baseline.figures.routing.as_mut() {
        for o in &mut rt.owners {
            o.inactive_assignments = Some(0);
        }
    }
    let o = audit_charts(&r, None).charts.remove(2);
    assert_eq!((o.kind, o.series.len()), (ChartKind::Bar, 1));
}

#[test]
fn the_response_curve_shows_each_group_size_and_leaves_empty_groups_blank() {
    let mut r = fixture::result();
    if let Some(c) = r.baseline.figures.response_curve.as_mut() {
        c[4].leads = 0;
        c[4].qualification_rate = None;
        c[4].conversion_rate = None;
    }
    let set = audit_charts(&r, None);
    let c = chart(&set, ids::RESPONSE_CURVE);
    assert_eq!(c.kind, ChartKind::Line);
    assert_eq!(c.categories[0], "≤5 min\n40 leads");
    assert_eq!(c.categories[4], "later\n0 leads");
    assert_eq!(c.series.len(), 2);
    assert_eq!(c.series[0].name, "Qualification rate");
    assert_eq!(c.series[0].values[0], Some(0.5));
    assert_eq!(
        c.series[0].values[4], None,
        "an empty group is no point, not 0%"
    );
    assert_eq!(c.series[1].name, "Lead to opportunity");
    assert_eq!(c.series[1].values[0], Some(0.2));
}

#[test]
fn quarters_carry_their_sizes_and_the_previous_audits_quarters() {
    let r = fixture::result();
    let p = fixture::previous();
    let set = audit_charts(&r, Some(&p));
    let q = chart(&set, ids::QUARTERS);
    assert_eq!(q.kind, ChartKind::GroupedBar);
    assert_eq!(q.categories.len(), QUARTER_FIGURES.len());
    assert_eq!(q.categories[0], "Contacted within 5 minutes");
    let names: Vec<&str> = q.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "2026Q2: 200 leads, 40 closed deals",
            "2026Q3: 200 leads, 40 closed deals",
        ]
    );
    assert_eq!(
        q.series[1].values,
        [Some(0.2), Some(0.55), Some(0.3), Some(0.1), Some(0.3)]
    );
    assert!(
        q.note
            .contains("Left out, no lead created in it: 2026Q4 (1 closed deal)."),
        "{}",
        q.note
    );
    assert!(
        q.note.contains("2026Q2 from the audit \"2026 Q2\""),
        "{}",
        q.note
    );
}

#[test]
fn charts_without_data_are_left_out_with_the_reason() {
    let mut r = fixture::result();
    let f = &mut r.baseline.figures;
    f.response_curve = None;
    f.sla = None;
    f.routing = None;
    f.speed_to_lead = None;
    f.qualification_rate = None;
    f.lead_to_opportunity = None;
    f.win_rate = None;
    for k in ["speed_to_lead", "sla", "response_curve"] {
        f.unavailable.insert(k.into(), "no activities file".into());
    }
    f.unavailable
        .insert("routing".into(), "no owner is mapped".into());
    r.baseline.by_quarter.clear();
    let set = audit_charts(&r, None);
    assert!(set.charts.is_empty(), "{:?}", set.charts);
    let why: Vec<(&str, &str)> = set
        .omitted
        .iter()
        .map(|o| (o.id.as_str(), o.reason.as_str()))
        .collect();
    assert_eq!(
        why,
        [
            (ids::SPEED_BUCKETS, "no activities file"),
            (ids::SLA_BY_HOUR, "no activities file"),
            (ids::OWNER_LOAD, "no owner is mapped"),
            (ids::RESPONSE_CURVE, "no activities file"),
            (ids::QUARTERS, "no quarter in the period"),
        ]
    );
}
