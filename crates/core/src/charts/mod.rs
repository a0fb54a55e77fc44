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
//!   holds the ISO 4217 code, e.g. `"USD"`): the figures' own [`crate::present::Unit`], whose
//!   [`crate::present::Unit::format`] is the one formatting rule.
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
//!
//! The module's files, one concern each: `spec` (the schema and its validation), `axis`
//! (the value scale and every label in words), `audit` (the charts of an audit),
//! `readiness` (the charts of score readiness), and, for tests, `fixture` (a hand-built
//! audit result) and `tests`.

use serde::{Deserialize, Serialize};

mod audit;
mod axis;
mod readiness;
mod spec;
/// The chart-renderer spike (#17); off by default.
#[cfg(feature = "svg-spike")]
pub mod svg;

#[cfg(test)]
pub(crate) mod fixture;
#[cfg(test)]
mod tests;

pub(crate) use audit::why as unavailable_reason;
pub use audit::{DAYS, MAX_OWNERS, QUARTER_FIGURES, audit_charts, for_audit};
pub use axis::{ChartLabels, LabelledChart, Tick};
pub(crate) use axis::{Scale, scale_for};
pub use readiness::readiness_charts;
pub use spec::{ChartError, ChartKind, ChartSpec, Orientation, Reference, Series, SeriesRole};

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
