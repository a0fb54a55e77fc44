//! The chart-renderer spike (#17): a horizontal bar chart (single, grouped or stacked)
//! drawn once, as an SVG string, from its [`ChartSpec`]. Behind the `svg-spike` feature
//! and used by nothing the user runs; `docs/chart-renderer-spike.md` weighs it against
//! the two hand-drawn renderers (`report::chart` and `ui/src/lib/charts/`).
//!
//! The geometry follows the PDF's `draw_horizontal` (same sizes in points, same scale,
//! same label widths from the embedded DejaVu Sans), so the SVG can be embedded in the
//! PDF at 1 SVG unit = 1 pt and shown by the app at any width through its `viewBox`.
//! Every label comes from [`ChartSpec::labels`]-style formatting ([`ChartSpec::format`]);
//! the SVG carries a `<title>`, a `<desc>` (the note) and one `<title>` per bar.

use std::fmt::Write as _;

use thiserror::Error;

use super::{ChartError, ChartKind, ChartSpec, Orientation, SeriesRole, scale_for};
use crate::report::chart::horizontal_bar_band;
use crate::report::fonts::{CAP_HEIGHT_EM, Fonts, Weight, baseline};
use crate::report::theme::{self, Colour};

const LABEL_SIZE: f32 = 7.2;
const VALUE_SIZE: f32 = 6.8;
const FONT: &str = "DejaVu Sans";

/// Why the spike cannot draw a spec.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SvgError {
    #[error(transparent)]
    Invalid(#[from] ChartError),
    #[error(
        "chart \"{id}\" is a {kind} ({orientation:?}); the SVG spike draws only horizontal bar charts"
    )]
    Unsupported {
        id: String,
        kind: &'static str,
        orientation: Orientation,
    },
}

/// The chart as a standalone SVG document `width` × `height` points.
pub fn horizontal_bar_svg(spec: &ChartSpec, width: f32, height: f32) -> Result<String, SvgError> {
    spec.validate()?;
    let bars = matches!(
        spec.kind,
        ChartKind::Bar | ChartKind::GroupedBar | ChartKind::StackedBar
    );
    if !bars || spec.orientation != Orientation::Horizontal {
        return Err(SvgError::Unsupported {
            id: spec.id.clone(),
            kind: spec.kind.as_str(),
            orientation: spec.orientation,
        });
    }
    let fonts = Fonts::embedded();
    let mut svg = Svg::new(spec, width, height);
    let (w, h) = (width, height);
    let n = spec.categories.len().max(1);
    let stacked = spec.kind == ChartKind::StackedBar;
    let scale = scale_for(spec, ((w / 70.0) as usize).clamp(3, 7));
    let cat_size = LABEL_SIZE + 0.4;
    let widest = spec
        .categories
        .iter()
        .map(|c| fonts.width(c, cat_size, Weight::Regular))
        .fold(0.0, f32::max);
    let label_w = widest.min(w * 0.32);
    let totals: Vec<f64> = (0..spec.categories.len())
        .map(|i| {
            spec.series
                .iter()
                .filter_map(|s| s.values.get(i).copied().flatten())
                .sum()
        })
        .collect();
    let value_w = if stacked {
        totals
            .iter()
            .map(|t| fonts.width(&spec.format(*t), VALUE_SIZE, Weight::Bold))
            .fold(0.0, f32::max)
    } else {
        spec.series
            .iter()
            .flat_map(|s| s.values.iter().flatten())
            .map(|v| fonts.width(&spec.format(*v), VALUE_SIZE, Weight::Regular))
            .fold(fonts.width("–", VALUE_SIZE, Weight::Regular), f32::max)
    };
    let line_h = LABEL_SIZE * theme::LEADING;
    let label_baseline = |top: f32| baseline(top, LABEL_SIZE, line_h);
    if !spec.x_label.is_empty() {
        let text = fonts.truncate(&spec.x_label, LABEL_SIZE, Weight::Bold, label_w.max(60.0));
        svg.text(
            0.0,
            label_baseline(0.0),
            &text,
            LABEL_SIZE,
            true,
            theme::MUTED,
            "start",
        );
    }
    let top = line_h + 3.0;
    let px = label_w + 8.0;
    let pw = (w - label_w - 8.0 - value_w - 8.0).max(10.0);
    let mut bottom_h = 4.0 + line_h;
    if !spec.y_label.is_empty() {
        bottom_h += line_h + 1.0;
    }
    let pbottom = h - bottom_h;
    let row = (pbottom - top).max(10.0) / n as f32;
    let xpos = |v: f64| px + scale.t(v) * pw;

    // Grid and tick labels, every k-th so they never collide.
    svg.open_group("axis", "aria-hidden=\"true\"");
    let ticks = scale.ticks();
    let widest_tick = ticks
        .iter()
        .map(|t| fonts.width(&spec.format(*t), LABEL_SIZE, Weight::Regular))
        .fold(0.0, f32::max);
    let gap = pw / (ticks.len().max(2) - 1) as f32;
    let k = ((widest_tick + 6.0) / gap).ceil().max(1.0) as usize;
    for (j, t) in ticks.iter().enumerate() {
        let gx = xpos(*t);
        let (colour, stroke) = if t.abs() < 1e-12 {
            (theme::GREY, 0.8)
        } else {
            (theme::GRID, 0.5)
        };
        svg.line(gx, top, gx, pbottom, colour, stroke, None);
        if j % k == 0 {
            let label = spec.format(*t);
            svg.text(
                gx,
                label_baseline(pbottom + 4.0),
                &label,
                LABEL_SIZE,
                false,
                theme::MUTED,
                "middle",
            );
        }
    }
    if !spec.y_label.is_empty() {
        let text = fonts.truncate(&spec.y_label, LABEL_SIZE, Weight::Bold, pw);
        let y = label_baseline(pbottom + 4.0 + line_h + 1.0);
        svg.text(
            px + pw / 2.0,
            y,
            &text,
            LABEL_SIZE,
            true,
            theme::MUTED,
            "middle",
        );
    }
    svg.close_group();

    let ns = spec.series.len().max(1);
    let (thick, bar_h) = horizontal_bar_band(spec, row);
    let zero = xpos(0.0_f64.clamp(scale.lo, scale.hi));
    for (i, cat) in spec.categories.iter().enumerate() {
        let cy = top + row * (i as f32 + 0.5);
        svg.open_group("category", "");
        let label = fonts.truncate(cat, cat_size, Weight::Regular, label_w);
        svg.text(
            px - 8.0,
            cy + CAP_HEIGHT_EM * cat_size / 2.0,
            &label,
            cat_size,
            false,
            theme::INK,
            "end",
        );
        let gy = cy - thick / 2.0;
        let mut acc = 0.0;
        for (s, series) in spec.series.iter().enumerate() {
            let fill = fill(spec, s);
            let value = series.values.get(i).copied().flatten();
            let label = value.map_or_else(|| "–".to_owned(), |v| spec.format(v));
            let tip = format!("{cat}, {}: {label}", series.name);
            if stacked {
                let Some(v) = value else { continue };
                let (x0, x1) = (xpos(acc), xpos(acc + v));
                svg.bar(x0, gy, x1 - x0, bar_h, fill, &tip);
                acc += v;
            } else {
                let by = gy + s as f32 * bar_h;
                let inset = if ns > 1 { 0.5 } else { 0.0 };
                let end = match value {
                    Some(v) => {
                        let (x0, x1) = (zero.min(xpos(v)), zero.max(xpos(v)));
                        svg.bar(x0, by + inset, x1 - x0, bar_h - 2.0 * inset, fill, &tip);
                        x1
                    }
                    None => zero,
                };
                if bar_h >= VALUE_SIZE * 0.9 || ns == 1 {
                    let y = by + bar_h / 2.0 + CAP_HEIGHT_EM * VALUE_SIZE / 2.0;
                    svg.text(end + 4.0, y, &label, VALUE_SIZE, false, theme::INK, "start");
                }
            }
        }
        if stacked {
            let total = spec.format(totals[i]);
            let y = cy + CAP_HEIGHT_EM * VALUE_SIZE / 2.0;
            svg.text(
                xpos(acc) + 4.0,
                y,
                &total,
                VALUE_SIZE,
                true,
                theme::INK,
                "start",
            );
        }
        svg.close_group();
    }
    if let Some(r) = &spec.reference {
        let rx = xpos(r.value);
        svg.line(
            rx,
            top - 2.0,
            rx,
            pbottom,
            theme::AMBER,
            1.3,
            Some((4.0, 2.5)),
        );
        let text = format!("{} {}", r.label, spec.format(r.value));
        let tw = fonts.width(&text, VALUE_SIZE, Weight::Bold);
        let lx = (rx - tw / 2.0).clamp(px, (px + pw - tw).max(px));
        svg.text(
            lx,
            top - 4.0,
            &text,
            VALUE_SIZE,
            true,
            Colour::hex(0x9A5B00),
            "start",
        );
    }
    Ok(svg.finish())
}

/// A series' fill, as the PDF picks it for a bar chart (without its hatching).
fn fill(spec: &ChartSpec, index: usize) -> Colour {
    match spec.series[index].role {
        SeriesRole::Comparison => Colour::hex(0xC4CBD6),
        SeriesRole::Highlight => theme::AMBER,
        SeriesRole::Secondary => theme::BLUE_MID,
        SeriesRole::Primary => theme::NAVY,
    }
}

/// The document being written.
struct Svg {
    out: String,
}

fn hex(c: Colour) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
}

/// `text` with the five XML special characters escaped.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

impl Svg {
    fn new(spec: &ChartSpec, w: f32, h: f32) -> Svg {
        let id = esc(&spec.id);
        let mut out = String::with_capacity(8 * 1024);
        let _ = write!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.1}\" height=\"{h:.1}\" \
             viewBox=\"0 0 {w:.1} {h:.1}\" role=\"img\" aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc\" \
             font-family=\"{FONT}\" data-chart=\"{id}\">\
             <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
            esc(&spec.title),
            esc(&spec.note),
        );
        Svg { out }
    }

    fn open_group(&mut self, class: &str, attrs: &str) {
        let _ = write!(self.out, "<g class=\"{class}\" {attrs}>");
    }

    fn close_group(&mut self) {
        self.out.push_str("</g>");
    }

    #[allow(clippy::too_many_arguments)]
    fn text(&mut self, x: f32, y: f32, text: &str, size: f32, bold: bool, c: Colour, anchor: &str) {
        let weight = if bold { " font-weight=\"bold\"" } else { "" };
        let _ = write!(
            self.out,
            "<text x=\"{x:.2}\" y=\"{y:.2}\" font-size=\"{size}\"{weight} fill=\"{}\" text-anchor=\"{anchor}\">{}</text>",
            hex(c),
            esc(text)
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn line(
        &mut self,
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        c: Colour,
        w: f32,
        dash: Option<(f32, f32)>,
    ) {
        let dash = dash.map_or_else(String::new, |(a, b)| {
            format!(" stroke-dasharray=\"{a} {b}\"")
        });
        let _ = write!(
            self.out,
            "<line x1=\"{x1:.2}\" y1=\"{y1:.2}\" x2=\"{x2:.2}\" y2=\"{y2:.2}\" stroke=\"{}\" stroke-width=\"{w}\"{dash}/>",
            hex(c)
        );
    }

    fn bar(&mut self, x: f32, y: f32, w: f32, h: f32, c: Colour, tip: &str) {
        if w <= 0.0 || h <= 0.0 {
            return;
        }
        let _ = write!(
            self.out,
            "<rect class=\"bar\" x=\"{x:.2}\" y=\"{y:.2}\" width=\"{w:.2}\" height=\"{h:.2}\" fill=\"{}\"><title>{}</title></rect>",
            hex(c),
            esc(tip)
        );
    }

    fn finish(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{Reference, Series, ids};
    use crate::present::Unit;

    fn owners() -> ChartSpec {
        ChartSpec {
            id: ids::OWNER_LOAD.to_owned(),
            title: "Leads per owner against an equal share".to_owned(),
            kind: ChartKind::Bar,
            orientation: Orientation::Horizontal,
            x_label: "Owner".to_owned(),
            y_label: "Leads assigned in the period".to_owned(),
            unit: Unit::Count,
            currency: None,
            categories: vec![
                "Ann <Sales> & Co".to_owned(),
                "Bo".to_owned(),
                "Cy".to_owned(),
            ],
            series: vec![Series::new("Leads", vec![Some(120.0), None, Some(30.0)])],
            reference: Some(Reference {
                label: "Equal share".to_owned(),
                value: 50.0,
            }),
            note: "Owners without a lead are left out.".to_owned(),
        }
    }

    #[test]
    fn draws_one_titled_bar_per_value_and_escapes_labels() {
        let svg = horizontal_bar_svg(&owners(), 360.0, 140.0).unwrap();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains(
            "<title id=\"leads_per_owner-title\">Leads per owner against an equal share</title>"
        ));
        assert!(svg.contains(
            "<desc id=\"leads_per_owner-desc\">Owners without a lead are left out.</desc>"
        ));
        // The null value draws no bar but reads "–".
        assert_eq!(svg.matches("<rect class=\"bar\"").count(), 2);
        assert!(!svg.contains("<title>Bo, Leads"));
        assert!(svg.contains("text-anchor=\"start\">–</text>"));
        assert!(svg.contains("<title>Cy, Leads: 30</title>"));
        assert!(svg.contains("Ann &lt;Sales&gt; &amp; Co"));
        assert!(!svg.contains("<Sales>"));
        assert!(svg.contains("Equal share 50"));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn stacks_and_labels_the_total() {
        let mut spec = owners();
        spec.kind = ChartKind::StackedBar;
        spec.series = vec![
            Series::new("Active", vec![Some(100.0), Some(10.0), Some(30.0)]),
            Series::new("Inactive", vec![Some(20.0), None, Some(0.0)])
                .with_role(SeriesRole::Highlight),
        ];
        let svg = horizontal_bar_svg(&spec, 360.0, 140.0).unwrap();
        // A zero-width part draws nothing.
        assert_eq!(svg.matches("<rect class=\"bar\"").count(), 4);
        assert!(svg.contains("<title>Ann &lt;Sales&gt; &amp; Co, Inactive: 20</title>"));
        assert!(
            svg.contains("font-weight=\"bold\" fill=\"#1f2733\" text-anchor=\"start\">120</text>")
        );
    }

    #[test]
    fn refuses_other_kinds_and_invalid_specs() {
        let mut spec = owners();
        spec.orientation = Orientation::Vertical;
        let err = horizontal_bar_svg(&spec, 360.0, 140.0).unwrap_err();
        assert!(
            err.to_string().contains("only horizontal bar charts"),
            "{err}"
        );
        let mut spec = owners();
        spec.series[0].values.pop();
        assert!(matches!(
            horizontal_bar_svg(&spec, 360.0, 140.0),
            Err(SvgError::Invalid(ChartError::LengthMismatch { .. }))
        ));
    }
}
