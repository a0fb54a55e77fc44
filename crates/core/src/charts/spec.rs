//! The chart schema: a [`ChartSpec`] and its parts, what makes one drawable
//! ([`ChartSpec::validate`]), its masked copy and how its values read.

use serde::{Deserialize, Serialize};
use thiserror::Error;

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
    /// A vertical chart with its id, title, kind and unit, and nothing else yet: no axis
    /// labels, currency, categories, series, reference or note.
    pub fn new(
        id: impl Into<String>,
        title: impl Into<String>,
        kind: ChartKind,
        unit: Unit,
    ) -> Self {
        ChartSpec {
            id: id.into(),
            title: title.into(),
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
