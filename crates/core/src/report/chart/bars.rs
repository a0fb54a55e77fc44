//! Bar charts: vertical and horizontal, single, grouped and stacked, with their axes,
//! gridlines, value labels and reference line.

use super::*;

/// Vertical bars (single, grouped, stacked) or a line chart.
#[allow(clippy::too_many_arguments)]
pub(super) fn draw_vertical(
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
        let (group_w, bar_w) = bar_band(spec, slot, (0.58, 46.0), (0.78, 22.0));
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
        c.line(px, ry, px + pw, ry, &REFERENCE_STROKE);
    }
}

/// The bars of one category in `room` points (a column's width, a row's height): the band
/// they fill together and each bar's thickness (the whole band in a stack, a share of it
/// per series when grouped). The band is a share of the room, at most a maximum: `single`
/// for one series or a stack, `grouped` (the maximum per series) for grouped bars.
fn bar_band(spec: &ChartSpec, room: f32, single: (f32, f32), grouped: (f32, f32)) -> (f32, f32) {
    let stacked = spec.kind == ChartKind::StackedBar;
    let ns = spec.series.len().max(1);
    let band = if stacked || ns == 1 {
        (room * single.0).min(single.1)
    } else {
        (room * grouped.0).min(grouped.1 * ns as f32)
    };
    let bar = if stacked { band } else { band / ns as f32 };
    (band, bar)
}

/// [`bar_band`] for a horizontal chart whose rows are `row` points tall. The SVG spike
/// (`charts::svg`) lays its bars out the same.
pub(crate) fn horizontal_bar_band(spec: &ChartSpec, row: f32) -> (f32, f32) {
    bar_band(spec, row, (0.62, 14.0), (0.8, 9.0))
}

/// Horizontal bars: categories down the left, values to the right.
pub(super) fn draw_horizontal(
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
    axis_title(
        c,
        fonts,
        &spec.x_label,
        (x, top),
        label_w.max(60.0),
        Align::Left,
    );
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
    let under = (px + pw / 2.0, pbottom + 4.0 + lh(LABEL_SIZE) + 1.0);
    axis_title(c, fonts, &spec.y_label, under, pw, Align::Centre);
    let ns = spec.series.len().max(1);
    let (thick, bar_h) = horizontal_bar_band(spec, row);
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
        c.line(rx, top - 2.0, rx, pbottom, &REFERENCE_STROKE);
        let text = format!("{} {}", r.label, spec.format(r.value));
        let style = TextStyle::new(VALUE_SIZE, Weight::Bold, Colour::hex(0x9A5B00));
        let tw = fonts.width(&text, VALUE_SIZE, Weight::Bold);
        // Keep the label inside the plot, and clear of the category title on the left.
        let lx = (rx - tw / 2.0).clamp(px, (px + pw - tw).max(px));
        c.text(fonts, lx, top - 4.0, &text, &style, Align::Left);
    }
}
