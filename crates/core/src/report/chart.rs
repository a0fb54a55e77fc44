//! Draws a [`ChartSpec`] as vectors: bars (vertical and horizontal, single, grouped and
//! stacked), lines and heatmaps, with axes, gridlines, value labels, a legend, an
//! optional reference line and the note.
//!
//! Greyscale: series differ in lightness first (navy, mid blue, light blue with an
//! outline, white with hatching), comparisons are light grey, highlights amber with
//! hatching; lines also differ in dash and marker shape; the heatmap runs from near-white
//! to navy on one hue, so darker always means more.

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

/// Category labels that fit `slot`: wrapped to two lines when every word fits, else
/// one line on every k-th category. Returns the lines per category (empty when skipped)
/// and the number of lines the tallest label takes.
fn category_labels(fonts: &Fonts, cats: &[String], slot: f32) -> (Vec<Vec<String>>, usize) {
    let avail = (slot - 3.0).max(1.0);
    let words_fit = cats.iter().all(|c| {
        c.split_whitespace()
            .all(|w| fonts.width(w, LABEL_SIZE, Weight::Regular) <= avail)
    });
    let wrapped: Vec<Vec<String>> = cats
        .iter()
        .map(|c| fonts.wrap(c, LABEL_SIZE, Weight::Regular, avail))
        .collect();
    if words_fit && wrapped.iter().all(|l| l.len() <= 2) {
        let n = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        return (wrapped, n);
    }
    let widest = cats
        .iter()
        .map(|c| fonts.width(c, LABEL_SIZE, Weight::Regular))
        .fold(0.0, f32::max);
    let k = ((widest + 4.0) / slot).ceil().max(1.0) as usize;
    let out = cats
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i % k == 0 {
                vec![fonts.truncate(c, LABEL_SIZE, Weight::Regular, k as f32 * slot - 4.0)]
            } else {
                Vec::new()
            }
        })
        .collect();
    (out, 1)
}

fn tick_label_width(fonts: &Fonts, spec: &ChartSpec, scale: &Scale) -> f32 {
    scale
        .ticks()
        .iter()
        .map(|t| fonts.width(&spec.format(*t), LABEL_SIZE, Weight::Regular))
        .fold(0.0, f32::max)
}

/// Vertical bars (single, grouped, stacked) or a line chart.
#[allow(clippy::too_many_arguments)]
fn draw_vertical(
    c: &mut Canvas,
    fonts: &Fonts,
    spec: &ChartSpec,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    line: bool,
) {
    let n = spec.categories.len().max(1);
    let label_style = TextStyle::new(LABEL_SIZE, Weight::Regular, theme::MUTED);
    let max_ticks = ((h / 32.0) as usize).clamp(3, 7);
    let scale = scale_for(spec, max_ticks);
    let mut top = y;
    if !spec.y_label.is_empty() {
        let text = fonts.truncate(&spec.y_label, LABEL_SIZE, Weight::Regular, w);
        c.text(
            fonts,
            x,
            baseline(top, LABEL_SIZE, lh(LABEL_SIZE)),
            &text,
            &label_style,
            Align::Left,
        );
        top += lh(LABEL_SIZE) + 2.0;
    }
    top += 11.0; // headroom for value labels above the tallest bar
    let tick_w = tick_label_width(fonts, spec, &scale);
    let px = x + tick_w + 6.0;
    let pw = (w - tick_w - 6.0 - 4.0).max(10.0);
    let slot = pw / n as f32;
    let (cat_lines, cat_n) = category_labels(fonts, &spec.categories, slot);
    let mut bottom_h = 4.0 + cat_n as f32 * lh(LABEL_SIZE);
    if !spec.x_label.is_empty() {
        bottom_h += lh(LABEL_SIZE) + 1.0;
    }
    let pbottom = y + h - bottom_h;
    let ph = (pbottom - top).max(10.0);
    let ypos = |v: f64| pbottom - scale.t(v) * ph;

    // Gridlines and tick labels.
    for t in scale.ticks() {
        let gy = ypos(t);
        let stroke = if t.abs() < 1e-12 {
            Stroke::solid(theme::GREY, 0.8)
        } else {
            Stroke::solid(theme::GRID, 0.5)
        };
        c.line(px, gy, px + pw, gy, &stroke);
        c.text(
            fonts,
            px - 5.0,
            gy + CAP_HEIGHT_EM * LABEL_SIZE / 2.0,
            &spec.format(t),
            &label_style,
            Align::Right,
        );
    }
    // Category labels.
    for (i, lines) in cat_lines.iter().enumerate() {
        let cx = px + slot * (i as f32 + 0.5);
        let mut ly = pbottom + 4.0;
        for l in lines {
            c.text(
                fonts,
                cx,
                baseline(ly, LABEL_SIZE, lh(LABEL_SIZE)),
                l,
                &label_style,
                Align::Centre,
            );
            ly += lh(LABEL_SIZE);
        }
    }
    if !spec.x_label.is_empty() {
        let text = fonts.truncate(&spec.x_label, LABEL_SIZE, Weight::Regular, pw);
        let ly = pbottom + 4.0 + cat_n as f32 * lh(LABEL_SIZE) + 1.0;
        c.text(
            fonts,
            px + pw / 2.0,
            baseline(ly, LABEL_SIZE, lh(LABEL_SIZE)),
            &text,
            &TextStyle::new(LABEL_SIZE, Weight::Bold, theme::MUTED),
            Align::Centre,
        );
    }
    let zero = ypos(0.0_f64.clamp(scale.lo, scale.hi));
    let value_style = TextStyle::new(VALUE_SIZE, Weight::Regular, theme::INK);

    if line {
        draw_lines(
            c,
            fonts,
            spec,
            px,
            slot,
            (top - 11.0, pbottom),
            &ypos,
            &value_style,
        );
    } else {
        let stacked = spec.kind == ChartKind::StackedBar;
        let ns = spec.series.len().max(1);
        let group_w = if stacked || ns == 1 {
            (slot * 0.58).min(46.0)
        } else {
            (slot * 0.78).min(22.0 * ns as f32)
        };
        let bar_w = if stacked {
            group_w
        } else {
            group_w / ns as f32
        };
        for i in 0..n {
            let gx = px + slot * (i as f32 + 0.5) - group_w / 2.0;
            if stacked {
                let mut acc = 0.0;
                let mut any = false;
                let parts = stack_parts(spec, i);
                for (s, series) in spec.series.iter().enumerate() {
                    let Some(v) = series.values.get(i).copied().flatten() else {
                        continue;
                    };
                    any = true;
                    let y0 = ypos(acc);
                    let y1 = ypos(acc + v);
                    let st = series_style(spec, s);
                    draw_bar_rect(c, gx, y1, bar_w, y0 - y1, &st);
                    let label = spec.format(v);
                    let lw = fonts.width(&label, VALUE_SIZE, Weight::Regular);
                    if parts > 1 && y0 - y1 >= VALUE_SIZE + 3.0 && lw <= bar_w - 2.0 && v > 0.0 {
                        let col = if st.hatch.is_some() {
                            theme::INK
                        } else {
                            st.fill.text_on()
                        };
                        let style = TextStyle::new(VALUE_SIZE, Weight::Regular, col);
                        if st.hatch.is_some() {
                            c.rect(
                                gx + bar_w / 2.0 - lw / 2.0 - 1.5,
                                (y0 + y1) / 2.0 - VALUE_SIZE * 0.6,
                                lw + 3.0,
                                VALUE_SIZE * 1.2,
                                Some(theme::WHITE),
                                None,
                            );
                        }
                        c.text(
                            fonts,
                            gx + bar_w / 2.0,
                            (y0 + y1) / 2.0 + CAP_HEIGHT_EM * VALUE_SIZE / 2.0,
                            &label,
                            &style,
                            Align::Centre,
                        );
                    }
                    acc += v;
                }
                if any {
                    let total = spec.format(acc);
                    let style = TextStyle::new(VALUE_SIZE, Weight::Bold, theme::INK);
                    if fonts.width(&total, VALUE_SIZE, Weight::Bold) <= slot - 2.0 {
                        c.text(
                            fonts,
                            gx + bar_w / 2.0,
                            ypos(acc) - 3.0,
                            &total,
                            &style,
                            Align::Centre,
                        );
                    }
                } else {
                    c.text(
                        fonts,
                        gx + bar_w / 2.0,
                        zero - 3.0,
                        "–",
                        &value_style,
                        Align::Centre,
                    );
                }
            } else {
                for (s, series) in spec.series.iter().enumerate() {
                    let bx = gx + s as f32 * bar_w;
                    let st = series_style(spec, s);
                    let inset = if ns > 1 { 0.6 } else { 0.0 };
                    match series.values.get(i).copied().flatten() {
                        Some(v) => {
                            let (y0, y1) = (zero.min(ypos(v)), zero.max(ypos(v)));
                            draw_bar_rect(c, bx + inset, y0, bar_w - 2.0 * inset, y1 - y0, &st);
                            let label = spec.format(v);
                            if fonts.width(&label, VALUE_SIZE, Weight::Regular)
                                <= bar_w + (if ns > 1 { 0.0 } else { slot - bar_w - 2.0 })
                            {
                                let ly = if v >= 0.0 {
                                    y0 - 3.0
                                } else {
                                    y1 + VALUE_SIZE + 1.0
                                };
                                c.text(
                                    fonts,
                                    bx + bar_w / 2.0,
                                    ly,
                                    &label,
                                    &value_style,
                                    Align::Centre,
                                );
                            }
                        }
                        None => {
                            c.text(
                                fonts,
                                bx + bar_w / 2.0,
                                zero - 3.0,
                                "–",
                                &value_style,
                                Align::Centre,
                            );
                        }
                    }
                }
            }
        }
    }
    if let Some(r) = &spec.reference {
        let ry = ypos(r.value);
        c.line(
            px,
            ry,
            px + pw,
            ry,
            &Stroke::dashed(theme::AMBER, 1.3, 4.0, 2.5),
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn draw_lines(
    c: &mut Canvas,
    fonts: &Fonts,
    spec: &ChartSpec,
    px: f32,
    slot: f32,
    (ptop, pbottom): (f32, f32),
    ypos: &dyn Fn(f64) -> f32,
    value_style: &TextStyle,
) {
    let n = spec.categories.len();
    for (s, series) in spec.series.iter().enumerate() {
        let st = series_style(spec, s);
        let stroke = Stroke {
            colour: st.line,
            width: 1.6,
            dash: st.dash,
        };
        let mut run: Vec<(f32, f32)> = Vec::new();
        for i in 0..=n {
            let v = if i < n {
                series.values.get(i).copied().flatten()
            } else {
                None
            };
            match v {
                Some(v) => run.push((px + slot * (i as f32 + 0.5), ypos(v))),
                None => {
                    if run.len() >= 2 {
                        c.polyline(&run, &stroke);
                    }
                    run.clear();
                }
            }
        }
    }
    // Markers on top of every line, then value labels where they fit: above the point
    // for the highest series at that category, below for the others, else the other
    // side, else none; never over another label, a marker, or outside the plot.
    let label_all = spec.series.len() <= 2 && n <= 14;
    let mut taken: Vec<Bounds> = Vec::new();
    // The lines themselves are obstacles too: small boxes every few points along them.
    for series in &spec.series {
        let pts: Vec<Option<(f32, f32)>> = (0..n)
            .map(|i| {
                series
                    .values
                    .get(i)
                    .copied()
                    .flatten()
                    .map(|v| (px + slot * (i as f32 + 0.5), ypos(v)))
            })
            .collect();
        for pair in pts.windows(2) {
            if let [Some((x0, y0)), Some((x1, y1))] = pair {
                let len = ((x1 - x0).powi(2) + (y1 - y0).powi(2)).sqrt();
                let steps = (len / 2.5).ceil().max(1.0) as usize;
                for k in 0..=steps {
                    let t = k as f32 / steps as f32;
                    let (x, y) = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
                    taken.push(Bounds {
                        x: x - 0.9,
                        y: y - 0.9,
                        w: 1.8,
                        h: 1.8,
                    });
                }
            }
        }
    }
    for (s, series) in spec.series.iter().enumerate() {
        let st = series_style(spec, s);
        for i in 0..n {
            let Some(v) = series.values.get(i).copied().flatten() else {
                continue;
            };
            let cx = px + slot * (i as f32 + 0.5);
            let cy = ypos(v);
            draw_marker(c, cx, cy, &st);
            taken.push(Bounds {
                x: cx - 3.0,
                y: cy - 3.0,
                w: 6.0,
                h: 6.0,
            });
        }
    }
    if !label_all {
        return;
    }
    let cap = CAP_HEIGHT_EM * VALUE_SIZE;
    for (s, series) in spec.series.iter().enumerate() {
        for i in 0..n {
            let Some(v) = series.values.get(i).copied().flatten() else {
                continue;
            };
            let cx = px + slot * (i as f32 + 0.5);
            let cy = ypos(v);
            let label = spec.format(v);
            let lw = fonts.width(&label, VALUE_SIZE, Weight::Regular);
            if lw > slot - 3.0 {
                continue;
            }
            let highest = spec
                .series
                .iter()
                .enumerate()
                .filter_map(|(k, o)| o.values.get(i).copied().flatten().map(|ov| (k, ov)))
                .fold(None::<(usize, f64)>, |best, (k, ov)| match best {
                    Some((_, bv)) if bv >= ov => best,
                    _ => Some((k, ov)),
                })
                .map(|(k, _)| k);
            // Candidate spots as (left edge, baseline): above, below, then beside.
            let above = (cx - lw / 2.0, cy - 5.0);
            let below = (cx - lw / 2.0, cy + 5.0 + cap);
            let right = (cx + 5.0, cy + cap / 2.0);
            let left = (cx - 5.0 - lw, cy + cap / 2.0);
            let order = if highest == Some(s) {
                [above, below, right, left]
            } else {
                [below, above, right, left]
            };
            let fits = |(lx, b): (f32, f32)| {
                let bx = Bounds {
                    x: lx - 1.0,
                    y: b - cap - 0.6,
                    w: lw + 2.0,
                    h: cap + 1.2,
                };
                let inside = bx.y >= ptop
                    && bx.bottom() <= pbottom - 1.0
                    && bx.x >= px
                    && bx.right() <= px + slot * n as f32;
                (inside && !taken.iter().any(|t| t.overlaps(&bx, 0.0))).then_some(bx)
            };
            if let Some(((lx, b), bx)) = order.iter().find_map(|p| fits(*p).map(|bx| (*p, bx))) {
                c.text(fonts, lx, b, &label, value_style, Align::Left);
                taken.push(bx);
            }
        }
    }
}

/// Horizontal bars: categories down the left, values to the right.
fn draw_horizontal(
    c: &mut Canvas,
    fonts: &Fonts,
    spec: &ChartSpec,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
) {
    let n = spec.categories.len().max(1);
    let label_style = TextStyle::new(LABEL_SIZE, Weight::Regular, theme::MUTED);
    let cat_style = TextStyle::new(LABEL_SIZE + 0.4, Weight::Regular, theme::INK);
    let max_ticks = ((w / 70.0) as usize).clamp(3, 7);
    let scale = scale_for(spec, max_ticks);
    let widest = spec
        .categories
        .iter()
        .map(|c| fonts.width(c, cat_style.size, Weight::Regular))
        .fold(0.0, f32::max);
    let label_w = widest.min(w * 0.32);
    let value_w = spec
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .map(|v| fonts.width(&spec.format(*v), VALUE_SIZE, Weight::Regular))
        .fold(fonts.width("–", VALUE_SIZE, Weight::Regular), f32::max);
    let stacked = spec.kind == ChartKind::StackedBar;
    let total_w = if stacked {
        (0..spec.categories.len())
            .map(|i| {
                let t: f64 = spec
                    .series
                    .iter()
                    .filter_map(|s| s.values.get(i).copied().flatten())
                    .sum();
                fonts.width(&spec.format(t), VALUE_SIZE, Weight::Bold)
            })
            .fold(0.0, f32::max)
    } else {
        value_w
    };
    let mut top = y;
    if !spec.x_label.is_empty() {
        let text = fonts.truncate(&spec.x_label, LABEL_SIZE, Weight::Bold, label_w.max(60.0));
        c.text(
            fonts,
            x,
            baseline(top, LABEL_SIZE, lh(LABEL_SIZE)),
            &text,
            &TextStyle::new(LABEL_SIZE, Weight::Bold, theme::MUTED),
            Align::Left,
        );
    }
    // The row above the plot holds the category title and the reference label.
    top += lh(LABEL_SIZE) + 3.0;
    let px = x + label_w + 8.0;
    let pw = (w - label_w - 8.0 - total_w - 8.0).max(10.0);
    let mut bottom_h = 4.0 + lh(LABEL_SIZE);
    if !spec.y_label.is_empty() {
        bottom_h += lh(LABEL_SIZE) + 1.0;
    }
    let pbottom = y + h - bottom_h;
    let ph = (pbottom - top).max(10.0);
    let row = ph / n as f32;
    let xpos = |v: f64| px + scale.t(v) * pw;
    // Tick labels every k-th tick so they never collide.
    let ticks = scale.ticks();
    let widest_tick = tick_label_width(fonts, spec, &scale);
    let tick_gap = pw / (ticks.len().max(2) - 1) as f32;
    let k = ((widest_tick + 6.0) / tick_gap).ceil().max(1.0) as usize;
    for (j, t) in ticks.iter().enumerate() {
        let gx = xpos(*t);
        let stroke = if t.abs() < 1e-12 {
            Stroke::solid(theme::GREY, 0.8)
        } else {
            Stroke::solid(theme::GRID, 0.5)
        };
        c.line(gx, top, gx, pbottom, &stroke);
        if j % k == 0 {
            c.text(
                fonts,
                gx,
                baseline(pbottom + 4.0, LABEL_SIZE, lh(LABEL_SIZE)),
                &spec.format(*t),
                &label_style,
                Align::Centre,
            );
        }
    }
    if !spec.y_label.is_empty() {
        let text = fonts.truncate(&spec.y_label, LABEL_SIZE, Weight::Bold, pw);
        c.text(
            fonts,
            px + pw / 2.0,
            baseline(
                pbottom + 4.0 + lh(LABEL_SIZE) + 1.0,
                LABEL_SIZE,
                lh(LABEL_SIZE),
            ),
            &text,
            &TextStyle::new(LABEL_SIZE, Weight::Bold, theme::MUTED),
            Align::Centre,
        );
    }
    let ns = spec.series.len().max(1);
    let thick = if stacked || ns == 1 {
        (row * 0.62).min(14.0)
    } else {
        (row * 0.8).min(9.0 * ns as f32)
    };
    let bar_h = if stacked { thick } else { thick / ns as f32 };
    let zero = xpos(0.0_f64.clamp(scale.lo, scale.hi));
    let value_style = TextStyle::new(VALUE_SIZE, Weight::Regular, theme::INK);
    for (i, cat) in spec.categories.iter().enumerate() {
        let cy = top + row * (i as f32 + 0.5);
        let label = fonts.truncate(cat, cat_style.size, Weight::Regular, label_w);
        c.text(
            fonts,
            px - 8.0,
            cy + CAP_HEIGHT_EM * cat_style.size / 2.0,
            &label,
            &cat_style,
            Align::Right,
        );
        let gy = cy - thick / 2.0;
        if stacked {
            let mut acc = 0.0;
            // A stack of one part needs no label inside: the total says it.
            let parts = stack_parts(spec, i);
            for (s, series) in spec.series.iter().enumerate() {
                let Some(v) = series.values.get(i).copied().flatten() else {
                    continue;
                };
                let (x0, x1) = (xpos(acc), xpos(acc + v));
                let st = series_style(spec, s);
                draw_bar_rect(c, x0, gy, x1 - x0, bar_h, &st);
                let label = spec.format(v);
                let lw = fonts.width(&label, VALUE_SIZE, Weight::Regular);
                if parts > 1 && v > 0.0 && lw + 6.0 <= x1 - x0 && bar_h >= VALUE_SIZE + 2.0 {
                    let mid = (x0 + x1) / 2.0;
                    let col = if st.hatch.is_some() {
                        theme::INK
                    } else {
                        st.fill.text_on()
                    };
                    if st.hatch.is_some() {
                        c.rect(
                            mid - lw / 2.0 - 1.5,
                            cy - VALUE_SIZE * 0.6,
                            lw + 3.0,
                            VALUE_SIZE * 1.2,
                            Some(theme::WHITE),
                            None,
                        );
                    }
                    let style = TextStyle::new(VALUE_SIZE, Weight::Regular, col);
                    c.text(
                        fonts,
                        mid,
                        cy + CAP_HEIGHT_EM * VALUE_SIZE / 2.0,
                        &label,
                        &style,
                        Align::Centre,
                    );
                }
                acc += v;
            }
            let total = spec.format(acc);
            c.text(
                fonts,
                xpos(acc) + 4.0,
                cy + CAP_HEIGHT_EM * VALUE_SIZE / 2.0,
                &total,
                &TextStyle::new(VALUE_SIZE, Weight::Bold, theme::INK),
                Align::Left,
            );
        } else {
            for (s, series) in spec.series.iter().enumerate() {
                let by = gy + s as f32 * bar_h;
                let st = series_style(spec, s);
                let inset = if ns > 1 { 0.5 } else { 0.0 };
                let (label, end) = match series.values.get(i).copied().flatten() {
                    Some(v) => {
                        let (x0, x1) = (zero.min(xpos(v)), zero.max(xpos(v)));
                        draw_bar_rect(c, x0, by + inset, x1 - x0, bar_h - 2.0 * inset, &st);
                        (spec.format(v), x1)
                    }
                    None => ("–".to_string(), zero),
                };
                if bar_h >= VALUE_SIZE * 0.9 || ns == 1 {
                    c.text(
                        fonts,
                        end + 4.0,
                        by + bar_h / 2.0 + CAP_HEIGHT_EM * VALUE_SIZE / 2.0,
                        &label,
                        &value_style,
                        Align::Left,
                    );
                }
            }
        }
    }
    if let Some(r) = &spec.reference {
        let rx = xpos(r.value);
        c.line(
            rx,
            top - 2.0,
            rx,
            pbottom,
            &Stroke::dashed(theme::AMBER, 1.3, 4.0, 2.5),
        );
        let text = format!("{} {}", r.label, spec.format(r.value));
        let style = TextStyle::new(VALUE_SIZE, Weight::Bold, Colour::hex(0x9A5B00));
        let tw = fonts.width(&text, VALUE_SIZE, Weight::Bold);
        // Keep the label inside the plot, and clear of the category title on the left.
        let lx = (rx - tw / 2.0).clamp(px, (px + pw - tw).max(px));
        c.text(fonts, lx, top - 4.0, &text, &style, Align::Left);
    }
}

fn heat_colour(t: f32) -> Colour {
    let low = Colour::hex(0xEEF2F8);
    let mid = Colour::hex(0x6F8FC4);
    if t <= 0.5 {
        low.mix(mid, t * 2.0)
    } else {
        mid.mix(theme::NAVY, (t - 0.5) * 2.0)
    }
}

fn heat_max(spec: &ChartSpec) -> f64 {
    spec.value_range().map(|(_, hi)| hi).unwrap_or(0.0).max(0.0)
}

fn draw_heatmap_legend(c: &mut Canvas, fonts: &Fonts, spec: &ChartSpec, x: f32, y: f32, _w: f32) {
    let max = heat_max(spec);
    let style = TextStyle::new(LEGEND_SIZE, Weight::Regular, theme::INK);
    let cy = y + lh(LEGEND_SIZE) / 2.0;
    let b = baseline(y, LEGEND_SIZE, lh(LEGEND_SIZE));
    let mut lx = x;
    lx += c.text(fonts, lx, b, &spec.format(0.0), &style, Align::Left) + 5.0;
    for k in 0..6 {
        let t = k as f32 / 5.0;
        c.rect(lx, cy - 4.5, 13.0, 9.0, Some(heat_colour(t)), None);
        lx += 13.0;
    }
    lx += 5.0;
    lx += c.text(fonts, lx, b, &spec.format(max), &style, Align::Left) + 14.0;
    let has_none = spec
        .series
        .iter()
        .any(|s| s.values.iter().any(Option::is_none));
    if has_none {
        draw_swatch(c, spec, &Swatch::NoData, lx - 3.0, cy);
        c.text(fonts, lx + 12.0, b, "no data", &style, Align::Left);
    }
}

fn draw_heatmap(c: &mut Canvas, fonts: &Fonts, spec: &ChartSpec, x: f32, y: f32, w: f32, h: f32) {
    let cols = spec.categories.len().max(1);
    let rows = spec.series.len().max(1);
    let row_style = TextStyle::new(LABEL_SIZE + 0.2, Weight::Regular, theme::INK);
    let label_style = TextStyle::new(LABEL_SIZE, Weight::Regular, theme::MUTED);
    let row_w = spec
        .series
        .iter()
        .map(|s| fonts.width(&s.name, row_style.size, Weight::Regular))
        .fold(0.0, f32::max)
        .min(w * 0.25);
    let px = x + row_w + 6.0;
    let pw = w - row_w - 6.0;
    let cell_w = pw / cols as f32;
    let mut bottom_h = 3.0 + lh(LABEL_SIZE);
    if !spec.x_label.is_empty() {
        bottom_h += lh(LABEL_SIZE) + 1.0;
    }
    let ph = (h - bottom_h).max(10.0);
    let cell_h = ph / rows as f32;
    let max = heat_max(spec);
    for (r, series) in spec.series.iter().enumerate() {
        let cy = y + cell_h * r as f32;
        let name = fonts.truncate(&series.name, row_style.size, Weight::Regular, row_w);
        c.text(
            fonts,
            px - 6.0,
            cy + cell_h / 2.0 + CAP_HEIGHT_EM * row_style.size / 2.0,
            &name,
            &row_style,
            Align::Right,
        );
        for col in 0..cols {
            let cx = px + cell_w * col as f32;
            let (gx, gy, gw, gh) = (cx + 0.5, cy + 0.5, cell_w - 1.0, cell_h - 1.0);
            match series.values.get(col).copied().flatten() {
                Some(v) => {
                    let t = if max > 0.0 { (v / max) as f32 } else { 0.0 };
                    let fill = heat_colour(t);
                    c.rect(gx, gy, gw, gh, Some(fill), None);
                    if v > 0.0 {
                        let label = spec.format(v);
                        if fonts.width(&label, CELL_SIZE, Weight::Regular) <= gw - 2.0
                            && gh >= CELL_SIZE + 2.0
                        {
                            let style = TextStyle::new(CELL_SIZE, Weight::Regular, fill.text_on());
                            c.text(
                                fonts,
                                gx + gw / 2.0,
                                gy + gh / 2.0 + CAP_HEIGHT_EM * CELL_SIZE / 2.0,
                                &label,
                                &style,
                                Align::Centre,
                            );
                        }
                    }
                }
                None => {
                    c.rect(
                        gx,
                        gy,
                        gw,
                        gh,
                        Some(theme::WHITE),
                        Some(&Stroke::solid(theme::RULE, 0.4)),
                    );
                    c.hatch(gx, gy, gw, gh, theme::GREY, 2.5, 0.4);
                }
            }
        }
    }
    let pbottom = y + ph;
    let widest = spec
        .categories
        .iter()
        .map(|c| fonts.width(c, LABEL_SIZE, Weight::Regular))
        .fold(0.0, f32::max);
    let k = ((widest + 3.0) / cell_w).ceil().max(1.0) as usize;
    for (i, cat) in spec.categories.iter().enumerate() {
        if i % k != 0 {
            continue;
        }
        let cx = px + cell_w * (i as f32 + 0.5);
        c.text(
            fonts,
            cx,
            baseline(pbottom + 3.0, LABEL_SIZE, lh(LABEL_SIZE)),
            cat,
            &label_style,
            Align::Centre,
        );
    }
    if !spec.x_label.is_empty() {
        let text = fonts.truncate(&spec.x_label, LABEL_SIZE, Weight::Bold, pw);
        c.text(
            fonts,
            px + pw / 2.0,
            baseline(
                pbottom + 3.0 + lh(LABEL_SIZE) + 1.0,
                LABEL_SIZE,
                lh(LABEL_SIZE),
            ),
            &text,
            &TextStyle::new(LABEL_SIZE, Weight::Bold, theme::MUTED),
            Align::Centre,
        );
    }
}
