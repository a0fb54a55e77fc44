//! Draws a [`ChartSpec`] as vectors: bars (vertical and horizontal, single, grouped and
//! stacked), lines and heatmaps, with axes, gridlines, value labels, a legend, an
//! optional reference line and the note.
//!
//! Greyscale: series differ in lightness first (navy, mid blue, light blue with an
//! outline, white with hatching), comparisons are light grey, highlights amber with
//! hatching; lines also differ in dash and marker shape; the heatmap runs from near-white
//! to navy on one hue, so darker always means more.
//!
//! This file holds what every kind shares: the plot height, the series styles, the
//! legend and the block around the plot. The drawing by kind is in `bars.rs`,
//! `lines.rs` and `heatmap.rs`; category and tick labels in `axes.rs`.

mod axes;
mod bars;
mod heatmap;
mod lines;

use axes::{axis_title, category_labels, tick_label_width};
#[cfg(feature = "svg-spike")]
pub(crate) use bars::horizontal_bar_band;
use bars::{draw_horizontal, draw_vertical};
use heatmap::{draw_heatmap, draw_heatmap_legend};
use lines::draw_lines;

use super::canvas::{Align, Bounds, Canvas, Stroke, TextStyle};
use super::fonts::{CAP_HEIGHT_EM, Fonts, Weight, baseline};
use super::theme::line_height as lh;
use super::theme::{self, Colour, size};
use crate::charts::{ChartKind, ChartSpec, Orientation, Scale, SeriesRole, scale_for};

const TITLE_SIZE: f32 = 10.5;
const LABEL_SIZE: f32 = 7.2;
const VALUE_SIZE: f32 = 6.8;
const CELL_SIZE: f32 = 5.8;
const LEGEND_SIZE: f32 = 7.4;
/// The reference line (a target such as the SLA) across or down the plot.
const REFERENCE_STROKE: Stroke = Stroke::dashed(theme::AMBER, 1.3, 4.0, 2.5);

/// A plot height that suits the spec: taller for more horizontal bars or heatmap rows.
pub fn suggested_plot_height(spec: &ChartSpec) -> f32 {
    let n = spec.categories.len().max(1) as f32;
    match spec.kind {
        ChartKind::Heatmap => spec.series.len().max(1) as f32 * 17.0 + 28.0,
        _ if is_bar(spec.kind) && spec.orientation == Orientation::Horizontal => {
            let per_row = if spec.kind == ChartKind::GroupedBar {
                8.0 * spec.series.len().max(1) as f32 + 8.0
            } else {
                19.0
            };
            (n * per_row + 40.0).min(420.0)
        }
        _ => 175.0,
    }
}

/// How many series have a value above zero in category `i` (the parts of its stack).
fn stack_parts(spec: &ChartSpec, i: usize) -> usize {
    spec.series
        .iter()
        .filter(|s| s.values.get(i).copied().flatten().is_some_and(|v| v > 0.0))
        .count()
}

fn is_bar(kind: ChartKind) -> bool {
    matches!(
        kind,
        ChartKind::Bar | ChartKind::GroupedBar | ChartKind::StackedBar
    )
}

/// How one series is drawn.
#[derive(Debug, Clone, Copy)]
struct SeriesStyle {
    fill: Colour,
    outline: Option<Colour>,
    hatch: Option<Colour>,
    line: Colour,
    dash: Option<(f32, f32)>,
    marker: Marker,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
}

fn series_style(spec: &ChartSpec, index: usize) -> SeriesStyle {
    let role = spec.series.get(index).map(|s| s.role).unwrap_or_default();
    let markers = [
        Marker::Circle,
        Marker::Square,
        Marker::Triangle,
        Marker::Diamond,
    ];
    let marker = markers[index % markers.len()];
    // Comparison and highlight series have their own look; the others take the palette
    // in order, counted among themselves.
    let palette: Vec<usize> = spec
        .series
        .iter()
        .enumerate()
        .filter(|(_, s)| matches!(s.role, SeriesRole::Primary | SeriesRole::Secondary))
        .map(|(i, _)| i)
        .collect();
    let slot = palette.iter().position(|i| *i == index).unwrap_or(0);
    match role {
        SeriesRole::Comparison => SeriesStyle {
            fill: Colour::hex(0xC4CBD6),
            outline: Some(theme::GREY),
            hatch: None,
            line: theme::GREY,
            dash: Some((3.0, 2.0)),
            marker,
        },
        SeriesRole::Highlight => SeriesStyle {
            fill: theme::AMBER,
            outline: None,
            hatch: Some(Colour::hex(0xF6D49C)),
            line: theme::AMBER,
            dash: None,
            marker: Marker::Diamond,
        },
        SeriesRole::Primary | SeriesRole::Secondary
            if spec.kind == ChartKind::GroupedBar && palette.len() >= 2 =>
        {
            // Side-by-side series are usually periods: light to dark, the last darkest.
            let t = slot as f32 / (palette.len() - 1) as f32;
            SeriesStyle {
                fill: theme::BLUE_LIGHT.mix(theme::NAVY, t),
                outline: (t < 0.3).then_some(theme::BLUE_MID),
                hatch: None,
                line: theme::BLUE_LIGHT.mix(theme::NAVY, t),
                dash: None,
                marker,
            }
        }
        SeriesRole::Primary | SeriesRole::Secondary => {
            let slot = if role == SeriesRole::Secondary {
                slot.max(1)
            } else {
                slot
            };
            match slot % 4 {
                0 => SeriesStyle {
                    fill: theme::NAVY,
                    outline: None,
                    hatch: None,
                    line: theme::NAVY,
                    dash: None,
                    marker,
                },
                1 => SeriesStyle {
                    fill: theme::BLUE_MID,
                    outline: None,
                    hatch: None,
                    line: theme::BLUE,
                    dash: Some((4.0, 2.0)),
                    marker,
                },
                2 => SeriesStyle {
                    fill: theme::BLUE_LIGHT,
                    outline: Some(theme::NAVY),
                    hatch: None,
                    line: theme::BLUE_MID,
                    dash: Some((1.2, 1.6)),
                    marker,
                },
                _ => SeriesStyle {
                    fill: theme::WHITE,
                    outline: Some(theme::NAVY),
                    hatch: Some(theme::NAVY),
                    line: theme::INK,
                    dash: Some((5.0, 1.5)),
                    marker,
                },
            }
        }
    }
}

fn draw_bar_rect(c: &mut Canvas, x: f32, y: f32, w: f32, h: f32, st: &SeriesStyle) {
    if w <= 0.0 || h <= 0.0 {
        return;
    }
    c.rect(x, y, w, h, Some(st.fill), None);
    if let Some(hc) = st.hatch {
        c.hatch(x, y, w, h, hc, 3.0, 0.6);
    }
    if let Some(o) = st.outline {
        c.rect(x, y, w, h, None, Some(&Stroke::solid(o, 0.6)));
    }
}

fn draw_marker(c: &mut Canvas, x: f32, y: f32, st: &SeriesStyle) {
    let r = 2.6;
    let fill = Some(st.line);
    let ring = Stroke::solid(theme::WHITE, 0.6);
    match st.marker {
        Marker::Circle => c.circle(x, y, r, fill, Some(&ring)),
        Marker::Square => c.rect(
            x - r * 0.9,
            y - r * 0.9,
            r * 1.8,
            r * 1.8,
            fill,
            Some(&ring),
        ),
        Marker::Triangle => c.polygon(
            &[
                (x, y - r * 1.15),
                (x + r * 1.1, y + r * 0.8),
                (x - r * 1.1, y + r * 0.8),
            ],
            fill,
            Some(&ring),
        ),
        Marker::Diamond => c.polygon(
            &[
                (x, y - r * 1.2),
                (x + r * 1.2, y),
                (x, y + r * 1.2),
                (x - r * 1.2, y),
            ],
            fill,
            Some(&ring),
        ),
    }
}

/// One legend entry.
enum Swatch {
    Series(usize),
    Line(usize),
    Reference,
    NoData,
}

struct LegendItem {
    swatch: Swatch,
    label: String,
}

fn legend_items(spec: &ChartSpec) -> Vec<LegendItem> {
    let mut items = Vec::new();
    match spec.kind {
        ChartKind::Heatmap => {}
        ChartKind::Line => {
            if spec.series.len() > 1 {
                for (i, s) in spec.series.iter().enumerate() {
                    items.push(LegendItem {
                        swatch: Swatch::Line(i),
                        label: s.name.clone(),
                    });
                }
            }
        }
        _ => {
            if spec.series.len() > 1 {
                for (i, s) in spec.series.iter().enumerate() {
                    items.push(LegendItem {
                        swatch: Swatch::Series(i),
                        label: s.name.clone(),
                    });
                }
            }
        }
    }
    let on_plot = is_bar(spec.kind) && spec.orientation == Orientation::Horizontal;
    if let Some(r) = spec.reference.as_ref().filter(|_| !on_plot) {
        items.push(LegendItem {
            swatch: Swatch::Reference,
            label: format!("{} ({})", r.label, spec.format(r.value)),
        });
    }
    items
}

const SWATCH_W: f32 = 16.0;

fn legend_rows(fonts: &Fonts, items: &[LegendItem], width: f32) -> Vec<Vec<(usize, f32)>> {
    let mut rows: Vec<Vec<(usize, f32)>> = Vec::new();
    let mut x = 0.0;
    for (i, item) in items.iter().enumerate() {
        let label_w = fonts
            .width(&item.label, LEGEND_SIZE, Weight::Regular)
            .min(width - SWATCH_W - 4.0);
        let w = SWATCH_W + 4.0 + label_w;
        if rows.is_empty() || (x > 0.0 && x + w > width) {
            rows.push(Vec::new());
            x = 0.0;
        }
        if let Some(r) = rows.last_mut() {
            r.push((i, label_w));
        }
        x += w + 12.0;
    }
    rows
}

fn heatmap_legend_height(spec: &ChartSpec) -> f32 {
    if spec.kind == ChartKind::Heatmap {
        lh(LEGEND_SIZE) + 2.0
    } else {
        0.0
    }
}

/// The total height of a chart block (title, legend, plot, note) at `width`.
pub fn block_height(fonts: &Fonts, spec: &ChartSpec, width: f32, plot_height: f32) -> f32 {
    let mut h = 0.0;
    if !spec.title.trim().is_empty() {
        h += fonts
            .wrap(&spec.title, TITLE_SIZE, Weight::Bold, width)
            .len() as f32
            * TITLE_SIZE
            * 1.3
            + 3.0;
    }
    let items = legend_items(spec);
    let rows = legend_rows(fonts, &items, width).len();
    h += rows as f32 * lh(LEGEND_SIZE) + if rows > 0 { 4.0 } else { 0.0 };
    h += heatmap_legend_height(spec);
    h += plot_height;
    if !spec.note.trim().is_empty() {
        h += 4.0
            + fonts
                .wrap(&spec.note, size::SMALL, Weight::Regular, width)
                .len() as f32
                * lh(size::SMALL);
    }
    h
}

/// Draws the chart block with its top-left at (`x`, `y`). The spec must be valid
/// ([`ChartSpec::validate`]); an invalid one draws what it can and never panics.
pub fn draw_block(
    c: &mut Canvas,
    fonts: &Fonts,
    spec: &ChartSpec,
    x: f32,
    y: f32,
    width: f32,
    plot_height: f32,
) {
    let mut y = y;
    if !spec.title.trim().is_empty() {
        let style = TextStyle::new(TITLE_SIZE, Weight::Bold, theme::NAVY);
        for line in fonts.wrap(&spec.title, TITLE_SIZE, Weight::Bold, width) {
            c.text(
                fonts,
                x,
                baseline(y, TITLE_SIZE, TITLE_SIZE * 1.3),
                &line,
                &style,
                Align::Left,
            );
            y += TITLE_SIZE * 1.3;
        }
        y += 3.0;
    }
    let items = legend_items(spec);
    let rows = legend_rows(fonts, &items, width);
    for row in &rows {
        let mut lx = x;
        for &(i, label_w) in row {
            let item = &items[i];
            let cy = y + lh(LEGEND_SIZE) / 2.0;
            draw_swatch(c, spec, &item.swatch, lx, cy);
            let style = TextStyle::new(LEGEND_SIZE, Weight::Regular, theme::INK);
            let label = fonts.truncate(&item.label, LEGEND_SIZE, Weight::Regular, label_w + 0.01);
            c.text(
                fonts,
                lx + SWATCH_W + 4.0,
                baseline(y, LEGEND_SIZE, lh(LEGEND_SIZE)),
                &label,
                &style,
                Align::Left,
            );
            lx += SWATCH_W + 4.0 + label_w + 12.0;
        }
        y += lh(LEGEND_SIZE);
    }
    if !rows.is_empty() {
        y += 4.0;
    }
    if spec.kind == ChartKind::Heatmap {
        draw_heatmap_legend(c, fonts, spec, x, y, width);
        y += heatmap_legend_height(spec);
    }
    match spec.kind {
        ChartKind::Heatmap => draw_heatmap(c, fonts, spec, x, y, width, plot_height),
        ChartKind::Line => draw_vertical(c, fonts, spec, x, y, width, plot_height, true),
        _ if spec.orientation == Orientation::Horizontal => {
            draw_horizontal(c, fonts, spec, x, y, width, plot_height)
        }
        _ => draw_vertical(c, fonts, spec, x, y, width, plot_height, false),
    }
    y += plot_height;
    if !spec.note.trim().is_empty() {
        y += 4.0;
        let style = TextStyle::new(size::SMALL, Weight::Regular, theme::MUTED);
        for line in fonts.wrap(&spec.note, size::SMALL, Weight::Regular, width) {
            c.text(
                fonts,
                x,
                baseline(y, size::SMALL, lh(size::SMALL)),
                &line,
                &style,
                Align::Left,
            );
            y += lh(size::SMALL);
        }
    }
}

fn draw_swatch(c: &mut Canvas, spec: &ChartSpec, swatch: &Swatch, x: f32, cy: f32) {
    match swatch {
        Swatch::Series(i) => {
            let st = series_style(spec, *i);
            draw_bar_rect(c, x + 3.0, cy - 4.5, 10.0, 9.0, &st);
        }
        Swatch::Line(i) => {
            let st = series_style(spec, *i);
            let stroke = Stroke {
                colour: st.line,
                width: 1.6,
                dash: st.dash,
            };
            c.line(x, cy, x + SWATCH_W, cy, &stroke);
            draw_marker(c, x + SWATCH_W / 2.0, cy, &st);
        }
        Swatch::Reference => {
            c.line(
                x,
                cy,
                x + SWATCH_W,
                cy,
                &Stroke::dashed(theme::AMBER, 1.4, 3.0, 2.0),
            );
        }
        Swatch::NoData => {
            c.rect(
                x + 3.0,
                cy - 4.5,
                10.0,
                9.0,
                Some(theme::WHITE),
                Some(&Stroke::solid(theme::RULE, 0.6)),
            );
            c.hatch(x + 3.0, cy - 4.5, 10.0, 9.0, theme::GREY, 2.5, 0.5);
        }
    }
}
