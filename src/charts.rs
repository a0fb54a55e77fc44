//! Chart specifications: every chart Lead Audit shows, defined once as data.
//!
//! A [`ChartSpec`] says *what* a chart shows (its kind, categories, series, unit and an
//! optional reference line), never *how* it is drawn. The PDF scorecard draws it with
//! vectors (`report::chart`), and the app draws the very same JSON in the browser, so the
//! screen and the paper always agree. Specs are built from the Baseline by the checklist
//! layer; renderers never compute a figure.
//!
//! # The JSON
//!
//! ```json
//! {
//!   "id": "speed_to_lead_buckets",
//!   "title": "Speed to lead",
//!   "kind": "bar",
//!   "orientation": "vertical",
//!   "x_label": "Time to first touch",
//!   "y_label": "Share of leads",
//!   "unit": "percent",
//!   "categories": ["≤ 5 min", "≤ 30 min", "≤ 1 h", "≤ 24 h", "later", "never"],
//!   "series": [
//!     { "name": "2026 Q3", "values": [0.12, 0.18, 0.09, 0.31, 0.2, 0.1], "role": "primary" }
//!   ],
//!   "reference": { "label": "Target", "value": 0.5 },
//!   "note": "Leads never contacted stay in the denominator."
//! }
//! ```
//!
//! Fields:
//!
//! - `id`: stable machine name (`snake_case`), unique within a result.
//! - `kind`: `bar`, `stacked_bar`, `grouped_bar`, `line` or `heatmap`.
//! - `orientation`: `vertical` (default: categories along x) or `horizontal`
//!   (categories down the left, bars to the right; best for many or long names, such as
//!   owners). Only bar kinds use it.
//! - `unit`: how every value reads: `percent` (a share **between 0 and 1**, shown as
//!   `42%`), `minutes`, `hours`, `days`, `count` or `currency` (then `currency` holds the
//!   ISO 4217 code, e.g. `"USD"`). [`Unit::format`] is the one formatting rule.
//! - `categories`: the labels along the category axis, in order.
//! - `series`: one or more named series, each with exactly one value per category;
//!   `null` means "no value" (nothing is drawn, and the label reads `–`), which is not
//!   the same as `0`. `role` (default `primary`) tells a renderer how to emphasise it:
//!   `primary`, `secondary`, `comparison` (e.g. the previous audit, drawn lighter) or
//!   `highlight` (a problem to look at, drawn in the amber accent).
//! - `reference`: an optional horizontal (or, for horizontal bars, vertical) line with a
//!   label, e.g. each owner's equal share of leads.
//! - `note`: a sentence under the chart (a definition, a caveat); may be empty.
//!
//! Per kind:
//!
//! - `bar`: one series (more series are drawn as `grouped_bar`).
//! - `grouped_bar`: several series side by side per category (e.g. per quarter).
//! - `stacked_bar`: the series stack per category (e.g. within SLA / breached); values
//!   must not be negative.
//! - `line`: one line per series through the categories (e.g. the response-time curve);
//!   a `null` breaks the line.
//! - `heatmap`: a grid. `categories` are the **columns** (e.g. the 24 hours `"00"`…`"23"`)
//!   and each series is one **row** (e.g. `"Mon"`…`"Sun"`), so 7 × 24 is seven series of
//!   24 values. Values must not be negative; `null` cells are drawn as "no data".

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// One chart, as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChartSpec {
    /// Stable machine name, e.g. `sla_breaches_by_hour`.
    pub id: String,
    /// The title shown above the chart.
    pub title: String,
    pub kind: ChartKind,
    /// Bar kinds only; ignored by `line` and `heatmap`.
    #[serde(default)]
    pub orientation: Orientation,
    /// The category axis label (for a heatmap: the columns).
    #[serde(default)]
    pub x_label: String,
    /// The value axis label (for a heatmap: the rows).
    #[serde(default)]
    pub y_label: String,
    pub unit: Unit,
    /// ISO 4217 code when `unit` is `currency`, e.g. `"USD"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Category labels (for a heatmap: the column labels).
    pub categories: Vec<String>,
    /// The series (for a heatmap: the rows, top to bottom).
    pub series: Vec<Series>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Reference>,
    /// A sentence shown under the chart; may be empty.
    #[serde(default)]
    pub note: String,
}

/// What kind of chart a spec is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    Bar,
    StackedBar,
    GroupedBar,
    Line,
    Heatmap,
}

impl ChartKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChartKind::Bar => "bar",
            ChartKind::StackedBar => "stacked_bar",
            ChartKind::GroupedBar => "grouped_bar",
            ChartKind::Line => "line",
            ChartKind::Heatmap => "heatmap",
        }
    }
}

/// Which way bars run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Orientation {
    /// Categories along the bottom, bars grow upwards.
    #[default]
    Vertical,
    /// Categories down the left, bars grow to the right.
    Horizontal,
}

/// How a value reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A share between 0 and 1, shown as a percentage.
    Percent,
    Minutes,
    Hours,
    Days,
    Count,
    /// An amount of money; the spec's `currency` names the code.
    Currency,
}

/// How a renderer should emphasise a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeriesRole {
    #[default]
    Primary,
    Secondary,
    /// A figure to compare against, e.g. the previous audit: drawn lighter.
    Comparison,
    /// Something to look at, e.g. breaches: drawn in the amber accent.
    Highlight,
}

/// One named series: one value (or `null`) per category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
    #[serde(default)]
    pub role: SeriesRole,
}

impl Series {
    pub fn new(name: impl Into<String>, values: Vec<Option<f64>>) -> Self {
        Series {
            name: name.into(),
            values,
            role: SeriesRole::Primary,
        }
    }

    pub fn with_role(mut self, role: SeriesRole) -> Self {
        self.role = role;
        self
    }
}

/// A labelled reference line, e.g. an equal share or a target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    pub label: String,
    pub value: f64,
}

/// Why a chart spec cannot be drawn.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ChartError {
    #[error("chart has an empty id; give every chart a stable snake_case id")]
    EmptyId,
    #[error("chart \"{id}\" has no categories; give at least one category label")]
    NoCategories { id: String },
    #[error("chart \"{id}\" has no series; give at least one series of values")]
    NoSeries { id: String },
    #[error(
        "chart \"{id}\": series \"{series}\" has {values} values but there are {categories} categories; give one value per category (null for none)"
    )]
    LengthMismatch {
        id: String,
        series: String,
        values: usize,
        categories: usize,
    },
    #[error(
        "chart \"{id}\": series \"{series}\", category \"{category}\" is not a finite number; use null for a missing value"
    )]
    NotFinite {
        id: String,
        series: String,
        category: String,
    },
    #[error(
        "chart \"{id}\": series \"{series}\", category \"{category}\" is {value}, but a percent chart holds shares between 0 and 1; divide by 100"
    )]
    PercentOutOfRange {
        id: String,
        series: String,
        category: String,
        value: f64,
    },
    #[error(
        "chart \"{id}\": series \"{series}\", category \"{category}\" is negative ({value}); a {kind} cannot draw negative values"
    )]
    Negative {
        id: String,
        series: String,
        category: String,
        value: f64,
        kind: &'static str,
    },
    #[error("chart \"{id}\": the reference line \"{label}\" is not a finite number")]
    ReferenceNotFinite { id: String, label: String },
    #[error("chart \"{id}\" is in currency but names no currency; set \"currency\", e.g. \"USD\"")]
    NoCurrency { id: String },
}

impl ChartSpec {
    /// Checks that the spec can be drawn: one value per category in every series, no NaN
    /// or infinity, shares between 0 and 1, nothing negative where it cannot be drawn.
    pub fn validate(&self) -> Result<(), ChartError> {
        let id = || self.id.clone();
        if self.id.trim().is_empty() {
            return Err(ChartError::EmptyId);
        }
        if self.categories.is_empty() {
            return Err(ChartError::NoCategories { id: id() });
        }
        if self.series.is_empty() {
            return Err(ChartError::NoSeries { id: id() });
        }
        if self.unit == Unit::Currency
            && self.currency.as_deref().is_none_or(|c| c.trim().is_empty())
        {
            return Err(ChartError::NoCurrency { id: id() });
        }
        let no_negatives = matches!(self.kind, ChartKind::StackedBar | ChartKind::Heatmap);
        for s in &self.series {
            if s.values.len() != self.categories.len() {
                return Err(ChartError::LengthMismatch {
                    id: id(),
                    series: s.name.clone(),
                    values: s.values.len(),
                    categories: self.categories.len(),
                });
            }
            for (v, category) in s.values.iter().zip(&self.categories) {
                let Some(v) = *v else { continue };
                if !v.is_finite() {
                    return Err(ChartError::NotFinite {
                        id: id(),
                        series: s.name.clone(),
                        category: category.clone(),
                    });
                }
                if self.unit == Unit::Percent && !(0.0..=1.0).contains(&v) {
                    return Err(ChartError::PercentOutOfRange {
                        id: id(),
                        series: s.name.clone(),
                        category: category.clone(),
                        value: v,
                    });
                }
                if no_negatives && v < 0.0 {
                    return Err(ChartError::Negative {
                        id: id(),
                        series: s.name.clone(),
                        category: category.clone(),
                        value: v,
                        kind: self.kind.as_str(),
                    });
                }
            }
        }
        if let Some(r) = &self.reference
            && !r.value.is_finite()
        {
            return Err(ChartError::ReferenceNotFinite {
                id: id(),
                label: r.label.clone(),
            });
        }
        Ok(())
    }

    /// The smallest and largest value over all series (`None` when every value is null).
    /// For a stacked bar the largest is the tallest stack.
    pub fn value_range(&self) -> Option<(f64, f64)> {
        let mut lo = f64::INFINITY;
        let mut hi = f64::NEG_INFINITY;
        if self.kind == ChartKind::StackedBar {
            for i in 0..self.categories.len() {
                let mut total = 0.0;
                let mut any = false;
                for s in &self.series {
                    if let Some(Some(v)) = s.values.get(i)
                        && v.is_finite()
                    {
                        total += v;
                        any = true;
                    }
                }
                if any {
                    lo = lo.min(total);
                    hi = hi.max(total);
                }
            }
        } else {
            for v in self.series.iter().flat_map(|s| s.values.iter().flatten()) {
                if v.is_finite() {
                    lo = lo.min(*v);
                    hi = hi.max(*v);
                }
            }
        }
        (lo <= hi).then_some((lo, hi))
    }

    /// Formats a value in this chart's unit (see [`Unit::format`]).
    pub fn format(&self, value: f64) -> String {
        self.unit.format(value, self.currency.as_deref())
    }
}

impl Unit {
    /// The one formatting rule for a value in this unit:
    ///
    /// - `percent`: ×100, no decimals from 10% up, one below (`42%`, `4.5%`, `0%`);
    /// - `minutes`: below an hour `12 min` (one decimal below 10: `4.5 min`), below a day
    ///   in hours (`3.2 h`), else in days (`2.1 d`);
    /// - `hours`: `3.2 h` (whole from 10 up), or in days from 48 h;
    /// - `days`: `12 d` (one decimal below 10: `2.5 d`);
    /// - `count`: whole numbers with thousands separators (`12,345`), else one decimal;
    /// - `currency`: the code then the amount, compact from a thousand (`USD 950`,
    ///   `USD 12.3k`, `USD 1.2M`).
    ///
    /// A value that is not finite reads `–`.
    pub fn format(self, value: f64, currency: Option<&str>) -> String {
        if !value.is_finite() {
            return "–".to_string();
        }
        match self {
            Unit::Percent => {
                let p = value * 100.0;
                if p.abs() >= 9.95 || p == 0.0 {
                    format!("{}%", trim_zero(p, 0))
                } else {
                    format!("{}%", trim_zero(p, 1))
                }
            }
            Unit::Minutes => {
                let a = value.abs();
                if a < 59.95 {
                    format!("{} min", one_decimal_below_ten(value))
                } else if a < 1440.0 {
                    format!("{} h", one_decimal_below_ten(value / 60.0))
                } else {
                    format!("{} d", one_decimal_below_ten(value / 1440.0))
                }
            }
            Unit::Hours => {
                if value.abs() < 48.0 {
                    format!("{} h", one_decimal_below_ten(value))
                } else {
                    format!("{} d", one_decimal_below_ten(value / 24.0))
                }
            }
            Unit::Days => format!("{} d", one_decimal_below_ten(value)),
            Unit::Count => {
                if value.fract() == 0.0 {
                    group_thousands(value)
                } else {
                    trim_zero(value, 1)
                }
            }
            Unit::Currency => {
                let code = currency.unwrap_or("");
                let a = value.abs();
                let amount = if a >= 999_950.0 {
                    format!("{}M", trim_zero(value / 1_000_000.0, 1))
                } else if a >= 1_000.0 {
                    format!("{}k", trim_zero(value / 1_000.0, 1))
                } else {
                    trim_zero(value, 0)
                };
                if code.is_empty() {
                    amount
                } else {
                    format!("{code} {amount}")
                }
            }
        }
    }
}

/// `value` with `decimals` decimals, a trailing `.0` dropped, and never `-0`.
fn trim_zero(value: f64, decimals: usize) -> String {
    let s = format!("{value:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" { "0".to_string() } else { s }
}

fn one_decimal_below_ten(value: f64) -> String {
    if value.abs() < 9.95 {
        trim_zero(value, 1)
    } else {
        trim_zero(value, 0)
    }
}

fn group_thousands(value: f64) -> String {
    let n = value.round() as i64;
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

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
                .map(|(d, name)| {
                    Series::new(*name, (0..24).map(|h| Some((d * h) as f64)).collect())
                })
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
        let again: ChartSpec =
            serde_json::from_value(serde_json::to_value(&spec).unwrap()).unwrap();
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
}
