//! Line charts: one polyline a series, with its dash, markers and value labels where they fit.

use super::*;

#[allow(clippy::too_many_arguments)]
pub(super) fn draw_lines(
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
