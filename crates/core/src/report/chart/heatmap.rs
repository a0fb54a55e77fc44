//! The heatmap: cells on one hue from near-white to navy, and its legend.

use super::*;

pub(super) fn heat_colour(t: f32) -> Colour {
    let low = Colour::hex(0xEEF2F8);
    let mid = Colour::hex(0x6F8FC4);
    if t <= 0.5 {
        low.mix(mid, t * 2.0)
    } else {
        mid.mix(theme::NAVY, (t - 0.5) * 2.0)
    }
}

pub(super) fn heat_max(spec: &ChartSpec) -> f64 {
    spec.value_range().map(|(_, hi)| hi).unwrap_or(0.0).max(0.0)
}

pub(super) fn draw_heatmap_legend(
    c: &mut Canvas,
    fonts: &Fonts,
    spec: &ChartSpec,
    x: f32,
    y: f32,
    _w: f32,
) {
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

pub(super) fn draw_heatmap(
    c: &mut Canvas,
    fonts: &Fonts,
    spec: &ChartSpec,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
) {
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
    let under = (px + pw / 2.0, pbottom + 3.0 + lh(LABEL_SIZE) + 1.0);
    axis_title(c, fonts, &spec.x_label, under, pw, Align::Centre);
}
