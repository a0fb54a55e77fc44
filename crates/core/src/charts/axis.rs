//! The value axis and the labels: the scale both renderers place values on, and every
//! number of a chart in words ([`ChartSpec::labels`]), so the app formats none.

use serde::Serialize;

use super::{ChartKind, ChartSpec, Orientation};
use crate::format;
use crate::present::Unit;

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
