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
//!   `42%`), `minutes`, `hours`, `days`, `count`, `ratio` or `currency` (then `currency`
//!   holds the ISO 4217 code, e.g. `"USD"`): the figures' own [`Unit`], whose
//!   [`Unit::format`] is the one formatting rule.
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

use crate::format;
use crate::present::Unit;

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

    /// This chart with every email address and phone number in its labels and note
    /// masked, as [`crate::audit::AuditResult::redacted`] masks a result: what the PDF
    /// draws and the app shows unless personal data is asked for.
    pub fn redacted(mut self) -> ChartSpec {
        use crate::report::redact::redact_text;
        self.categories = self.categories.iter().map(|c| redact_text(c)).collect();
        self.note = redact_text(&self.note);
        self
    }

    /// Formats a value in this chart's unit (see [`Unit::format`]).
    pub fn format(&self, value: f64) -> String {
        self.unit.format(value, self.currency.as_deref())
    }
}

// -----------------------------------------------------------------------------------
// The value axis.

/// A value scale: its low and high ends and the tick step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scale {
    pub lo: f64,
    pub hi: f64,
    pub step: f64,
}

impl Scale {
    pub(crate) fn ticks(&self) -> Vec<f64> {
        let mut out = Vec::new();
        let n = ((self.hi - self.lo) / self.step).round() as i64;
        // Clean float noise so ticks are 0.3, not 0.30000000000000004.
        let decimals = (2.0 - self.step.log10().floor()).clamp(0.0, 12.0) as i32;
        let p = 10f64.powi(decimals);
        for i in 0..=n.clamp(0, 50) {
            let v = self.lo + i as f64 * self.step;
            out.push((v * p).round() / p);
        }
        out
    }

    /// Position of `v` between 0 (lo) and 1 (hi).
    pub(crate) fn t(&self, v: f64) -> f32 {
        if self.hi > self.lo {
            ((v - self.lo) / (self.hi - self.lo)).clamp(0.0, 1.0) as f32
        } else {
            0.0
        }
    }
}

/// A scale from zero (or the lowest value, when negative) to a round number above the
/// highest, with 3 to `max_ticks` ticks at 1, 2, 2.5 or 5 × 10ⁿ. Shares stop at 100%;
/// counts step by whole numbers.
pub(crate) fn nice_scale(lo: f64, hi: f64, max_ticks: usize, percent: bool, whole: bool) -> Scale {
    let lo = lo.min(0.0);
    let mut hi = hi.max(0.0);
    if hi - lo < 1e-12 {
        hi = lo + if percent { 1.0 } else { 1.0_f64.max(lo.abs()) };
    }
    let intervals = max_ticks.max(3) as f64 - 1.0;
    let raw = (hi - lo) / intervals;
    let mag = 10f64.powf(raw.log10().floor());
    let mut step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw - 1e-12)
        .unwrap_or(10.0 * mag);
    if whole && step < 1.0 {
        step = 1.0;
    }
    let mut s = Scale {
        lo: (lo / step).floor() * step,
        hi: (hi / step).ceil() * step,
        step,
    };
    if percent && s.hi > 1.0 && hi <= 1.0 + 1e-9 {
        s.hi = 1.0;
        // Keep 1.0 on a tick.
        if ((1.0 - s.lo) / s.step).fract().abs() > 1e-9 {
            s.step = [0.1, 0.2, 0.25, 0.5]
                .into_iter()
                .find(|st| (1.0 - s.lo) / st <= intervals + 1e-9)
                .unwrap_or(0.5);
        }
    }
    s
}

/// Like [`nice_scale`], with the step taken from `steps` (e.g. minutes that read well:
/// 15 min, 30 min, 1 h, 2 h, 1 d).
pub(crate) fn stepped_scale(lo: f64, hi: f64, max_ticks: usize, steps: &[f64]) -> Scale {
    let lo = lo.min(0.0);
    let mut hi = hi.max(0.0);
    if hi - lo < 1e-12 {
        hi = lo + steps.first().copied().unwrap_or(1.0);
    }
    let intervals = max_ticks.max(3) as f64 - 1.0;
    let raw = (hi - lo) / intervals;
    match steps.iter().copied().find(|s| *s >= raw - 1e-12) {
        Some(step) => Scale {
            lo: (lo / step).floor() * step,
            hi: (hi / step).ceil() * step,
            step,
        },
        None => nice_scale(lo, hi, max_ticks, false, false),
    }
}

const MINUTE_STEPS: &[f64] = &[
    1.0, 2.0, 5.0, 10.0, 15.0, 20.0, 30.0, 60.0, 120.0, 180.0, 240.0, 360.0, 480.0, 720.0, 1440.0,
    2880.0, 4320.0, 7200.0, 10080.0, 20160.0, 43200.0,
];
const HOUR_STEPS: &[f64] = &[
    0.25, 0.5, 1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 24.0, 48.0, 72.0, 120.0, 168.0, 336.0, 720.0,
];

/// The value scale of `spec` with at most `max_ticks` ticks, covering every value (stacks
/// summed) and the reference line; minutes and hours step by durations that read well.
/// The PDF and the screen place values on the same scale.
pub(crate) fn scale_for(spec: &ChartSpec, max_ticks: usize) -> Scale {
    let (mut lo, mut hi) = spec.value_range().unwrap_or((0.0, 0.0));
    if let Some(r) = &spec.reference {
        lo = lo.min(r.value);
        hi = hi.max(r.value);
    }
    match spec.unit {
        Unit::Minutes => return stepped_scale(lo, hi, max_ticks, MINUTE_STEPS),
        Unit::Hours => return stepped_scale(lo, hi, max_ticks, HOUR_STEPS),
        _ => {}
    }
    nice_scale(
        lo,
        hi,
        max_ticks,
        spec.unit == Unit::Percent,
        spec.unit == Unit::Count,
    )
}

/// The most ticks the app's value axis holds: bars across the screen have room for 6,
/// bars and lines going up for 5.
fn screen_ticks(spec: &ChartSpec) -> usize {
    if spec.orientation == Orientation::Horizontal
        && matches!(
            spec.kind,
            ChartKind::Bar | ChartKind::GroupedBar | ChartKind::StackedBar
        )
    {
        6
    } else {
        5
    }
}

/// One tick of a value axis: where it sits, and how it reads.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tick {
    pub value: f64,
    pub label: String,
}

/// Every number the app writes on a chart, formatted by the core ([`crate::format`], the
/// rule the PDF uses) so that the screen holds no formatting rule of its own.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartLabels {
    /// The value axis, low to high, on the PDF's scale (none for a heatmap).
    pub ticks: Vec<Tick>,
    /// Per series, one label per category: the value, or `–` for no value.
    pub values: Vec<Vec<String>>,
    /// A stacked bar's total per category (`–` when the stack holds no value); empty for
    /// the other kinds.
    pub totals: Vec<String>,
    /// The reference line's value.
    pub reference: Option<String>,
    /// The highest value, at least 0: the dark end of a heatmap's legend.
    pub max: String,
}

/// A chart as the app receives it: the spec, and its numbers in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelledChart {
    #[serde(flatten)]
    pub spec: ChartSpec,
    pub labels: ChartLabels,
}

impl ChartSpec {
    /// The labels of every number this chart shows on screen (see [`ChartLabels`]).
    pub fn labels(&self) -> ChartLabels {
        let label =
            |v: Option<f64>| v.map_or_else(|| format::NO_VALUE.to_owned(), |v| self.format(v));
        let ticks = if self.kind == ChartKind::Heatmap {
            Vec::new()
        } else {
            scale_for(self, screen_ticks(self))
                .ticks()
                .into_iter()
                .map(|value| Tick {
                    value,
                    label: self.format(value),
                })
                .collect()
        };
        let totals = if self.kind == ChartKind::StackedBar {
            (0..self.categories.len())
                .map(|i| {
                    let present: Vec<f64> = self
                        .series
                        .iter()
                        .filter_map(|s| s.values.get(i).copied().flatten())
                        .collect();
                    label((!present.is_empty()).then(|| present.iter().sum()))
                })
                .collect()
        } else {
            Vec::new()
        };
        ChartLabels {
            ticks,
            values: self
                .series
                .iter()
                .map(|s| s.values.iter().map(|v| label(*v)).collect())
                .collect(),
            totals,
            reference: self.reference.as_ref().map(|r| self.format(r.value)),
            max: self.format(self.value_range().map_or(0.0, |(_, hi)| hi.max(0.0))),
        }
    }

    /// This chart with its labels, for the app.
    pub fn labelled(self) -> LabelledChart {
        LabelledChart {
            labels: self.labels(),
            spec: self,
        }
    }
}

// -----------------------------------------------------------------------------------
// The charts of an audit.

/// The ids of the charts [`audit_charts`] builds, in the order they are shown.
pub mod ids {
    pub const SPEED_BUCKETS: &str = "speed_to_lead_buckets";
    pub const SLA_BY_HOUR: &str = "sla_breaches_by_hour";
    pub const OWNER_LOAD: &str = "leads_per_owner";
    pub const RESPONSE_CURVE: &str = "response_time_curve";
    pub const QUARTERS: &str = "baselines_per_quarter";
    /// Score readiness (#15): the ROC curve of the held-out test.
    pub const READINESS_ROC: &str = "readiness_roc";
    /// Score readiness (#15): predicted against observed won rate by decile.
    pub const READINESS_CALIBRATION: &str = "readiness_calibration";
}

/// The charts of score readiness, drawn the same on paper and on screen: the ROC curve
/// of the held-out test against chance, and the calibration (predicted against observed
/// won rate) by decile of the predicted probability. Without a validation both are left
/// out, with the reason.
pub fn readiness_charts(r: &crate::readiness::Readiness) -> AuditCharts {
    let mut out = AuditCharts::default();
    let titles = [
        (
            ids::READINESS_ROC,
            "ROC curve: won leads found against lost leads flagged",
        ),
        (
            ids::READINESS_CALIBRATION,
            "Calibration: predicted against observed won rate by decile",
        ),
    ];
    let Some(v) = &r.validation else {
        let reason = r
            .no_validation
            .clone()
            .unwrap_or_else(|| "the model was not validated".to_owned());
        for (id, title) in titles {
            out.omitted.push(OmittedChart {
                id: id.to_owned(),
                title: title.to_owned(),
                reason: reason.clone(),
            });
        }
        return out;
    };
    let subject = match r.subject.as_str() {
        "deals" => ("won deals", "lost deals"),
        _ => ("won leads", "lost leads"),
    };
    let base = |id: &str, title: &str, kind: ChartKind| ChartSpec {
        id: id.to_owned(),
        title: title.to_owned(),
        kind,
        orientation: Orientation::Vertical,
        x_label: String::new(),
        y_label: String::new(),
        unit: Unit::Percent,
        currency: None,
        categories: Vec::new(),
        series: Vec::new(),
        reference: None,
        note: String::new(),
    };
    let tested = format!(
        "{} tested records ({})",
        format::count(v.test as u64),
        if v.method == "time_ordered" {
            "the newest, held out"
        } else {
            "each scored by the model trained without it"
        }
    );
    let mut built: Vec<(&str, &str, Result<ChartSpec, String>)> = Vec::new();
    built.push((titles[0].0, titles[0].1, {
        if v.roc.is_empty() {
            Err("the tested records hold one outcome only".to_owned())
        } else {
            let mut spec = base(titles[0].0, titles[0].1, ChartKind::Line);
            spec.x_label = format!("Share of {} flagged (false positive rate)", subject.1);
            spec.y_label = format!("Share of {} found", subject.0);
            spec.categories = v.roc.iter().map(|(x, _)| format::percent(*x)).collect();
            spec.series = vec![
                Series::new(
                    format!("Model (AUC {:.2})", v.auc),
                    v.roc.iter().map(|(_, y)| Some(*y)).collect(),
                ),
                Series::new("Chance", v.roc.iter().map(|(x, _)| Some(*x)).collect())
                    .with_role(SeriesRole::Comparison),
            ];
            spec.note = format!(
                "On the {tested}: going down the ranking, how many {} are found for each share of {} let through. The diagonal is a ranking by chance (AUC 0.5).",
                subject.0, subject.1
            );
            Ok(spec)
        }
    }));
    built.push((titles[1].0, titles[1].1, {
        if v.calibration.is_empty() {
            Err("too few tested records for deciles".to_owned())
        } else {
            let mut spec = base(titles[1].0, titles[1].1, ChartKind::GroupedBar);
            spec.x_label = "Decile of the predicted probability (1 = lowest)".to_owned();
            spec.y_label = "Won rate".to_owned();
            spec.categories = v.calibration.iter().map(|b| b.decile.to_string()).collect();
            spec.series = vec![
                Series::new(
                    "Predicted",
                    v.calibration.iter().map(|b| Some(b.predicted)).collect(),
                )
                .with_role(SeriesRole::Comparison),
                Series::new(
                    "Observed",
                    v.calibration.iter().map(|b| Some(b.observed)).collect(),
                ),
            ];
            if let Some(base_rate) = r.base_rate {
                spec.reference = Some(Reference {
                    label: "Base rate".to_owned(),
                    value: base_rate,
                });
            }
            spec.note = format!(
                "On the {tested}, ranked by the model's probability and cut into ten equal groups: a well-calibrated model's bars match."
            );
            Ok(spec)
        }
    }));
    for (id, title, spec) in built {
        match spec.and_then(|spec| {
            spec.validate()
                .map(|()| spec)
                .map_err(|e| format!("its data cannot be drawn: {e}"))
        }) {
            Ok(spec) => out.charts.push(spec),
            Err(reason) => out.omitted.push(OmittedChart {
                id: id.to_owned(),
                title: title.to_owned(),
                reason,
            }),
        }
    }
    out
}

/// A chart of the audit left out because its data is not there, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OmittedChart {
    pub id: String,
    pub title: String,
    /// Why, in a phrase: "no activities file", "no leads created in the period", …
    pub reason: String,
}

/// The charts of an audit: those that can be drawn, and those left out with the reason.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AuditCharts {
    pub charts: Vec<ChartSpec>,
    pub omitted: Vec<OmittedChart>,
}

/// The charts of an audit, drawn the same on paper and on screen: speed-to-lead by
/// bucket (with the previous audit as a comparison series when given), SLA breaches by
/// hour of week, leads (or deals) per owner against an equal share, the response-time
/// curve and the baselines per quarter. A chart whose data is unavailable is left out,
/// never drawn with zeros; [`audit_charts`] also says why.
pub fn for_audit(
    result: &crate::audit::AuditResult,
    previous: Option<&crate::audit::AuditResult>,
) -> Vec<ChartSpec> {
    audit_charts(result, previous).charts
}

/// [`for_audit`], with the charts left out and why.
pub fn audit_charts(
    result: &crate::audit::AuditResult,
    previous: Option<&crate::audit::AuditResult>,
) -> AuditCharts {
    let builders: [(&str, &str, AuditChart); 5] = [
        (
            ids::SPEED_BUCKETS,
            "Speed-to-lead: leads by time to first touch",
            audit_charts::speed_buckets,
        ),
        (
            ids::SLA_BY_HOUR,
            "SLA breaches by hour of week",
            audit_charts::sla_by_hour,
        ),
        (
            ids::OWNER_LOAD,
            "Leads per owner against an equal share",
            audit_charts::owner_load,
        ),
        (
            ids::RESPONSE_CURVE,
            "Response-time curve: what became of leads by how fast they were touched",
            audit_charts::response_curve,
        ),
        (
            ids::QUARTERS,
            "Baselines per quarter",
            audit_charts::quarters,
        ),
    ];
    let mut out = AuditCharts::default();
    for (id, title, build) in builders {
        match build(result, previous).and_then(|spec| {
            spec.validate()
                .map(|()| spec)
                .map_err(|e| format!("its data cannot be drawn: {e}"))
        }) {
            Ok(spec) => out.charts.push(spec),
            Err(reason) => out.omitted.push(OmittedChart {
                id: id.to_owned(),
                title: title.to_owned(),
                reason,
            }),
        }
    }
    out
}

type AuditChart =
    fn(&crate::audit::AuditResult, Option<&crate::audit::AuditResult>) -> Result<ChartSpec, String>;

mod audit_charts {
    use super::{ChartKind, ChartSpec, Orientation, Reference, Series, SeriesRole, Unit, ids};
    use crate::audit::AuditResult;
    use crate::format::{self, count, plural};
    use crate::metrics::{CurveBucket, Figures};
    use crate::present;

    /// The days of the week, as the rows of the hour-of-week grids run.
    pub const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    fn spec(id: &str, title: &str, kind: ChartKind, unit: Unit) -> ChartSpec {
        ChartSpec {
            id: id.to_owned(),
            title: title.to_owned(),
            kind,
            orientation: Orientation::Vertical,
            x_label: String::new(),
            y_label: String::new(),
            unit,
            currency: None,
            categories: Vec::new(),
            series: Vec::new(),
            reference: None,
            note: String::new(),
        }
    }

    /// Why `key` is unavailable, trying `key`, then the keys it nests in
    /// (`routing.gini` → `routing`), then `fallback`.
    pub fn why(figures: &Figures, keys: &[&str], fallback: &str) -> String {
        keys.iter()
            .find_map(|k| {
                let mut key = *k;
                loop {
                    if let Some(r) = figures.unavailable.get(key) {
                        return Some(r.clone());
                    }
                    key = key.rsplit_once('.')?.0;
                }
            })
            .unwrap_or_else(|| fallback.to_owned())
    }

    fn label(id: &str) -> &'static str {
        present::figure(id).map_or("", |f| f.label)
    }

    /// The name of an audit's series; the previous audit's gets "(previous)" when the
    /// two share a name.
    fn names(result: &AuditResult, previous: Option<&AuditResult>) -> (String, String) {
        let now = result.audit.name.trim().to_owned();
        let before = previous.map_or(String::new(), |p| p.audit.name.trim().to_owned());
        if before == now {
            (now, format!("{before} (previous)"))
        } else {
            (now, before)
        }
    }

    fn curve(result: &AuditResult) -> Result<&[CurveBucket], String> {
        let f = &result.baseline.figures;
        f.response_curve
            .as_deref()
            .filter(|c| c.iter().any(|b| b.leads > 0))
            .ok_or_else(|| {
                why(
                    f,
                    &["response_curve", "speed_to_lead"],
                    "no lead's speed-to-lead can be measured",
                )
            })
    }

    pub fn speed_buckets(
        result: &AuditResult,
        previous: Option<&AuditResult>,
    ) -> Result<ChartSpec, String> {
        let buckets = curve(result)?;
        let total: u64 = buckets.iter().map(|b| b.leads).sum();
        let (now, before) = names(result, previous);
        let mut s = spec(
            ids::SPEED_BUCKETS,
            "Speed-to-lead: leads by time to first touch",
            ChartKind::Bar,
            Unit::Percent,
        );
        s.x_label = "Time from creation to first touch (clock time)".into();
        s.y_label = "Share of the leads created".into();
        s.categories = buckets.iter().map(|b| b.label.clone()).collect();
        let shares = |list: &[CurveBucket], total: u64| -> Vec<Option<f64>> {
            buckets
                .iter()
                .map(|b| {
                    list.iter()
                        .find(|x| x.bucket == b.bucket)
                        .map(|x| x.leads as f64 / total as f64)
                })
                .collect()
        };
        let mut note = format!(
            "{now}: {} of {} leads, in the order of the bars. Leads never contacted stay in the denominator.",
            buckets
                .iter()
                .map(|b| count(b.leads))
                .collect::<Vec<_>>()
                .join(" · "),
            count(total)
        );
        if let Some(sp) = &result.baseline.figures.speed_to_lead
            && sp.excluded_touched_before_creation > 0
        {
            note.push_str(&format!(
                " {} touched only before they were created are left out.",
                plural(sp.excluded_touched_before_creation, "lead", "leads")
            ));
        }
        if let Some(p) = previous {
            match curve(p) {
                Ok(old) => {
                    let old_total: u64 = old.iter().map(|b| b.leads).sum();
                    s.kind = ChartKind::GroupedBar;
                    s.series.push(
                        Series::new(before.clone(), shares(old, old_total))
                            .with_role(SeriesRole::Comparison),
                    );
                    note.push_str(&format!(
                        " {before}: {} of {} leads.",
                        old.iter()
                            .map(|b| count(b.leads))
                            .collect::<Vec<_>>()
                            .join(" · "),
                        count(old_total)
                    ));
                }
                Err(reason) => note.push_str(&format!(" {before}: not available ({reason}).")),
            }
        }
        s.series.push(Series::new(now, shares(buckets, total)));
        s.note = note;
        Ok(s)
    }

    pub fn sla_by_hour(result: &AuditResult, _: Option<&AuditResult>) -> Result<ChartSpec, String> {
        let f = &result.baseline.figures;
        let sla = f.sla.as_ref().ok_or_else(|| {
            why(
                f,
                &["sla", "speed_to_lead"],
                "no lead's speed-to-lead can be measured",
            )
        })?;
        let grid = &sla.breaches_by_hour_of_week;
        if grid.len() != 7 || grid.iter().any(|r| r.len() != 24) {
            return Err("the breaches by hour of week are not a 7 × 24 grid".to_owned());
        }
        let created = f
            .speed_to_lead
            .as_ref()
            .map(|s| &s.leads_by_hour_of_week)
            .filter(|g| g.len() == 7 && g.iter().all(|r| r.len() == 24));
        let mut s = spec(
            ids::SLA_BY_HOUR,
            &format!(
                "SLA breaches by hour of week ({})",
                result.baseline.timezone
            ),
            ChartKind::Heatmap,
            Unit::Count,
        );
        s.x_label = "Hour the lead was created".into();
        s.y_label = "Day".into();
        s.categories = (0..24).map(|h| format!("{h:02}")).collect();
        s.series = DAYS
            .iter()
            .enumerate()
            .map(|(d, day)| {
                let values = (0..24)
                    .map(|h| {
                        // An hour in which no lead was created has no data, not 0 breaches.
                        let none_created = created.is_some_and(|c| c[d][h] == 0);
                        (!none_created).then_some(grid[d][h] as f64)
                    })
                    .collect();
                Series::new(*day, values)
            })
            .collect();
        let target = format::minutes(sla.target_minutes);
        let targets = if sla.targets_by_priority.is_empty() {
            format!("the {target} target")
        } else {
            format!("the target for its priority ({target} by default)")
        };
        let mut note = format!(
            "Each cell counts the leads created in that hour whose first touch came later than {targets}, or never: {} breaches of {} leads in all.",
            count(sla.breaches),
            count(sla.leads)
        );
        if let Some(a) = sla.after_hours_share {
            note.push_str(&format!(
                " {} of them came in outside business hours ({}).",
                format::percent(a),
                result.baseline.business_hours
            ));
        }
        if created.is_some() {
            note.push_str(" Hatched: no lead was created in that hour.");
        }
        s.note = note;
        Ok(s)
    }

    /// At most this many owners are drawn, busiest first.
    pub const MAX_OWNERS: usize = 30;

    pub fn owner_load(result: &AuditResult, _: Option<&AuditResult>) -> Result<ChartSpec, String> {
        let f = &result.baseline.figures;
        let r = f
            .routing
            .as_ref()
            .ok_or_else(|| why(f, &["routing"], "no owner is mapped"))?;
        let by_deals = r.basis == "deals";
        let value = |o: &crate::metrics::OwnerFigures| if by_deals { o.deals } else { o.leads };
        let owners: Vec<_> = r
            .owners
            .iter()
            .filter(|o| value(o).is_some_and(|v| v > 0))
            .collect();
        if owners.is_empty() {
            return Err(why(
                f,
                &["routing.gini", "routing.equal_share"],
                "no owner has a lead or a deal in the period",
            ));
        }
        let shown = &owners[..owners.len().min(MAX_OWNERS)];
        let total: u64 = owners.iter().filter_map(|o| value(o)).sum();
        let what = if by_deals { "Deals" } else { "Leads" };
        let mut s = spec(
            ids::OWNER_LOAD,
            &format!("{what} per owner against an equal share"),
            ChartKind::Bar,
            Unit::Count,
        );
        s.orientation = Orientation::Horizontal;
        s.x_label = "Owner".into();
        s.y_label = format!("{what} assigned in the period");
        s.categories = shown.iter().map(|o| o.owner.clone()).collect();
        let inactive: Vec<u64> = shown
            .iter()
            .map(|o| {
                if by_deals {
                    0
                } else {
                    o.inactive_assignments
                        .unwrap_or(0)
                        .min(value(o).unwrap_or(0))
                }
            })
            .collect();
        if inactive.iter().any(|n| *n > 0) {
            s.kind = ChartKind::StackedBar;
            s.series = vec![
                Series::new(
                    "Assigned while the owner was active",
                    shown
                        .iter()
                        .zip(&inactive)
                        .map(|(o, i)| Some((value(o).unwrap_or(0) - i) as f64))
                        .collect(),
                ),
                Series::new(
                    "Assigned while the owner was inactive",
                    inactive.iter().map(|i| Some(*i as f64)).collect(),
                )
                .with_role(SeriesRole::Highlight),
            ];
        } else {
            s.series = vec![Series::new(
                what,
                shown.iter().map(|o| value(o).map(|v| v as f64)).collect(),
            )];
        }
        if let Some(eq) = r.equal_share {
            s.reference = Some(Reference {
                label: "Equal share".into(),
                value: eq * total as f64,
            });
        }
        let (one, many) = if by_deals {
            ("deal", "deals")
        } else {
            ("lead", "leads")
        };
        let mut note = format!("{} over {} owners", plural(total, one, many), owners.len());
        match r.gini {
            Some(g) => note.push_str(&format!(
                "; Gini {} (0 is perfectly even).",
                format::ratio(g)
            )),
            None => note.push('.'),
        }
        if owners.len() > shown.len() {
            note.push_str(&format!(
                " The {} busiest are shown; {} more have fewer.",
                shown.len(),
                owners.len() - shown.len()
            ));
        }
        if let Some(n) = r.unassigned.filter(|n| *n > 0) {
            note.push_str(&format!(
                " {} with no owner are not shown.",
                plural(n, "lead", "leads")
            ));
        }
        if let Some(over) = r.over_capacity_owners.as_ref().filter(|o| !o.is_empty()) {
            note.push_str(&format!(" Over capacity: {}.", over.join(", ")));
        }
        s.note = note;
        Ok(s)
    }

    pub fn response_curve(
        result: &AuditResult,
        _: Option<&AuditResult>,
    ) -> Result<ChartSpec, String> {
        let buckets = curve(result)?;
        let f = &result.baseline.figures;
        let mut s = spec(
            ids::RESPONSE_CURVE,
            "Response-time curve: what became of leads by how fast they were touched",
            ChartKind::Line,
            Unit::Percent,
        );
        s.x_label = "Time to first touch, and the leads in each group".into();
        s.y_label = "Share of the group's leads".into();
        // The group's size goes under its label, so a small group is seen as small.
        s.categories = buckets
            .iter()
            .map(|b| format!("{}\n{}", b.label, plural(b.leads, "lead", "leads")))
            .collect();
        let series = [
            (
                "qualification_rate",
                buckets
                    .iter()
                    .map(|b| b.qualification_rate.filter(|_| b.leads > 0))
                    .collect::<Vec<_>>(),
            ),
            (
                "lead_to_opportunity",
                buckets
                    .iter()
                    .map(|b| b.conversion_rate.filter(|_| b.leads > 0))
                    .collect(),
            ),
        ];
        let mut missing = Vec::new();
        for (id, values) in series {
            if values.iter().any(Option::is_some) {
                s.series.push(Series::new(label(id), values));
            } else {
                missing.push(format!(
                    "{}: not available ({})",
                    label(id).to_lowercase(),
                    why(f, &[id], "the exports do not hold it")
                ));
            }
        }
        if s.series.is_empty() {
            return Err(why(
                f,
                &["qualification_rate", "lead_to_opportunity"],
                "neither qualification nor conversion can be measured",
            ));
        }
        let mut note = "Each point is the share of that group's leads; a group of a few leads gives a shaky rate.".to_owned();
        if !missing.is_empty() {
            note.push_str(&format!(" {}.", missing.join("; ")));
        }
        s.note = note;
        Ok(s)
    }

    /// The figures drawn per quarter (ids of [`crate::present::FIGURES`]).
    pub const QUARTER_FIGURES: [&str; 5] = [
        "within_5m",
        "within_1h",
        "qualification_rate",
        "lead_to_opportunity",
        "win_rate",
    ];

    fn quarter_values(f: &Figures) -> Vec<Option<f64>> {
        let speed = f.speed_to_lead.as_ref();
        QUARTER_FIGURES
            .iter()
            .map(|id| match *id {
                "within_5m" => speed.map(|s| s.within_5m),
                "within_1h" => speed.map(|s| s.within_1h),
                "qualification_rate" => f.qualification_rate,
                "lead_to_opportunity" => f.lead_to_opportunity,
                "win_rate" => f.win_rate,
                _ => None,
            })
            .collect()
    }

    pub fn quarters(
        result: &AuditResult,
        previous: Option<&AuditResult>,
    ) -> Result<ChartSpec, String> {
        let mut rows: Vec<(crate::metrics::Quarter, &Figures, bool)> = result
            .baseline
            .by_quarter
            .iter()
            .map(|q| (q.quarter, &q.figures, false))
            .collect();
        if let Some(p) = previous {
            for q in &p.baseline.by_quarter {
                if !rows.iter().any(|(k, _, _)| *k == q.quarter) {
                    rows.push((q.quarter, &q.figures, true));
                }
            }
        }
        rows.sort_by_key(|(q, _, _)| *q);
        // A quarter in which no lead was created only holds deals closing late (often
        // dates typed in the future): its win rate would stand alone on a handful of
        // deals, so it is left out and named in the note.
        let mut no_leads = Vec::new();
        rows.retain(|(q, f, _)| {
            if f.leads == Some(0) {
                let closed = f.deals_won.unwrap_or(0) + f.deals_lost.unwrap_or(0);
                if closed > 0 {
                    no_leads.push(format!(
                        "{q} ({})",
                        plural(closed, "closed deal", "closed deals")
                    ));
                }
                return false;
            }
            quarter_values(f).iter().any(Option::is_some)
        });
        if rows.is_empty() {
            return Err(if result.baseline.by_quarter.is_empty() {
                "no quarter in the period".to_owned()
            } else {
                "no quarter has a figure to show".to_owned()
            });
        }
        let mut s = spec(
            ids::QUARTERS,
            "Baselines per quarter",
            ChartKind::GroupedBar,
            Unit::Percent,
        );
        s.y_label = "Share".into();
        s.categories = QUARTER_FIGURES
            .iter()
            .map(|id| label(id).to_owned())
            .collect();
        let mut from_previous = Vec::new();
        for (q, f, earlier) in &rows {
            let closed = f.deals_won.unwrap_or(0) + f.deals_lost.unwrap_or(0);
            let name = format!(
                "{q}: {}, {}",
                plural(f.leads.unwrap_or(0), "lead", "leads"),
                plural(closed, "closed deal", "closed deals")
            );
            if *earlier {
                from_previous.push(q.to_string());
            }
            s.series.push(Series::new(name, quarter_values(f)));
        }
        if s.series.len() == 1 {
            s.kind = ChartKind::Bar;
        }
        let mut note = "Leads count in the quarter they were created, deals in the quarter they closed; a quarter with few of them gives shaky rates.".to_owned();
        if let (false, Some(p)) = (from_previous.is_empty(), previous) {
            note.push_str(&format!(
                " {} from the audit \"{}\".",
                from_previous.join(", "),
                p.audit.name
            ));
        }
        if !no_leads.is_empty() {
            note.push_str(&format!(
                " Left out, no lead created in it: {}.",
                no_leads.join(", ")
            ));
        }
        s.note = note;
        Ok(s)
    }
}

pub(crate) use audit_charts::why as unavailable_reason;
pub use audit_charts::{DAYS, MAX_OWNERS, QUARTER_FIGURES};

/// A hand-built audit result for unit tests of the charts and the scorecard: a small
/// company with every figure present, which a test then takes apart.
#[cfg(test)]
pub(crate) mod fixture {
    use std::collections::BTreeMap;

    use crate::audit::{self, AuditInfo, AuditResult, CheckResult, InputFile, Inputs, Verdict};
    use crate::checklist::ITEMS;
    use crate::checklist::policy::{Suggestion, VerdictLevel};
    use crate::findings::{Finding, Severity};
    use crate::grade::GradeLevel;
    use crate::metrics::{
        Baseline, CurveBucket, Figures, OwnerFigures, Period, Quarter, QuarterFigures, Routing,
        Sla, SpeedToLead, Stat,
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

    fn finding(id: &str, item: u8, count: u64, of: u64, examples: &[&str]) -> Finding {
        Finding {
            id: id.into(),
            item,
            severity: if count > 0 {
                Severity::Warning
            } else {
                Severity::Info
            },
            count,
            of,
            title: format!("{count} of {of} records have the problem {id}."),
            detail: String::new(),
            examples: examples.iter().map(|e| (*e).to_owned()).collect(),
            fix: format!("Fix {id}."),
            field: None,
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
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
