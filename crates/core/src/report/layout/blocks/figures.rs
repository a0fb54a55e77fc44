//! The verdict banner and the key-figure tiles.

use super::*;

impl Composer {
    /// The verdict banner (or any full-width statement). The steps, when given, run as
    /// a track of pills on the label's line (on a line of their own when they do not
    /// fit there), the current one filled.
    pub fn banner(&mut self, banner: &Banner) {
        let fonts = self.fonts;
        let (x, w) = (self.left(), self.width());
        let (strong, light) = banner.tone.colours();
        let pad = 9.0;
        let bar = 6.0;
        let inner_x = x + bar + pad;
        let inner_w = w - bar - 2.0 * pad;
        let title_size = 17.0;
        let title_lines = fonts.wrap(&banner.title, title_size, Weight::Bold, inner_w);
        let detail_lines = fonts.wrap(&banner.detail, size::BODY, Weight::Regular, inner_w);
        let step_h = 15.0;
        let step_gap = 4.0;
        let label = banner.label.to_uppercase();
        let label_w = fonts.width(&label, size::SMALL, Weight::Bold);
        let step_label = |i: usize, step: &str| {
            if i == banner.current {
                format!("▶ {step}")
            } else {
                step.to_string()
            }
        };
        let step_ws: Vec<f32> = banner
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let weight = if i == banner.current {
                    Weight::Bold
                } else {
                    Weight::Regular
                };
                fonts.width(&step_label(i, s), size::SMALL, weight) + 18.0
            })
            .collect();
        let track_w =
            step_ws.iter().sum::<f32>() + step_gap * step_ws.len().saturating_sub(1) as f32;
        let inline = !banner.steps.is_empty() && label_w + 16.0 + track_w <= inner_w;
        let mut h = pad;
        if inline {
            h += step_h + 3.0;
        } else if !banner.label.is_empty() {
            h += lh(size::SMALL);
        }
        h += title_lines.len() as f32 * title_size * 1.2;
        if !banner.detail.is_empty() {
            h += 3.0 + detail_lines.len() as f32 * lh(size::BODY);
        }
        if !banner.steps.is_empty() && !inline {
            h += 8.0 + step_h;
        }
        h += pad;
        self.ensure_space(h);
        let top = self.y;
        {
            let c = self.canvas();
            c.round_rect(x, top, w, h, 4.0, Some(light), None);
            c.round_rect(x, top, bar + 4.0, h, 4.0, Some(strong), None);
            c.rect(x + bar, top, 4.0, h, Some(light), None);
        }
        let draw_steps = |me: &mut Composer, y: f32, widths: &[f32], sx0: f32| {
            let mut sx = sx0;
            for (i, (step, seg_w)) in banner.steps.iter().zip(widths).enumerate() {
                let current = i == banner.current;
                let (fill, stroke, style) = if current {
                    (
                        Some(strong),
                        None,
                        TextStyle::new(size::SMALL, Weight::Bold, strong.text_on()),
                    )
                } else {
                    (
                        Some(theme::WHITE),
                        Some(Stroke::solid(theme::RULE, 0.8)),
                        TextStyle::new(size::SMALL, Weight::Regular, theme::MUTED),
                    )
                };
                let text =
                    fonts.truncate(&step_label(i, step), style.size, style.weight, seg_w - 10.0);
                let c = me.canvas();
                c.round_rect(sx, y, *seg_w, step_h, step_h / 2.0, fill, stroke.as_ref());
                c.text(
                    fonts,
                    sx + seg_w / 2.0,
                    baseline(y, size::SMALL, step_h),
                    &text,
                    &style,
                    Align::Centre,
                );
                sx += seg_w + step_gap;
            }
        };
        let mut y = top + pad;
        let label_h = if inline { step_h } else { lh(size::SMALL) };
        if !banner.label.is_empty() {
            let style = TextStyle::new(size::SMALL, Weight::Bold, strong);
            self.canvas().text(
                fonts,
                inner_x,
                baseline(y, size::SMALL, label_h),
                &label,
                &style,
                Align::Left,
            );
        }
        if inline {
            draw_steps(self, y, &step_ws, inner_x + inner_w - track_w);
            y += step_h + 3.0;
        } else if !banner.label.is_empty() {
            y += label_h;
        }
        let title_style = TextStyle::new(title_size, Weight::Bold, theme::INK);
        for line in &title_lines {
            let b = baseline(y, title_size, title_size * 1.2);
            self.canvas()
                .text(fonts, inner_x, b, line, &title_style, Align::Left);
            y += title_size * 1.2;
        }
        if !banner.detail.is_empty() {
            y += 3.0;
            let style = TextStyle::new(size::BODY, Weight::Regular, theme::INK);
            for line in &detail_lines {
                let b = baseline(y, size::BODY, lh(size::BODY));
                self.canvas()
                    .text(fonts, inner_x, b, line, &style, Align::Left);
                y += lh(size::BODY);
            }
        }
        if !banner.steps.is_empty() && !inline {
            y += 8.0;
            let n = banner.steps.len() as f32;
            let seg_w = (inner_w - step_gap * (n - 1.0)) / n;
            draw_steps(self, y, &vec![seg_w; banner.steps.len()], inner_x);
        }
        self.y = top + h + 10.0;
    }

    /// A row (or rows) of key-figure tiles, `columns` per row.
    pub fn tiles(&mut self, tiles: &[Tile], columns: usize) {
        let fonts = self.fonts;
        let columns = columns.max(1);
        let gap = 6.0;
        let pad = 7.0;
        let (x0, w) = (self.left(), self.width());
        let tile_w = (w - gap * (columns as f32 - 1.0)) / columns as f32;
        let inner = tile_w - 2.0 * pad - 3.0;
        let small = size::SMALL;
        let wrap = |text: &str, weight: Weight, n: usize| {
            first_lines(
                fonts.wrap(text, small, weight, inner),
                n,
                fonts,
                small,
                weight,
                inner,
            )
        };
        let wrap2 = |text: &str, weight: Weight| wrap(text, weight, 2);
        // Four or more to a row are narrow: the context and the change get a line each,
        // so that three rows of them still fit under the twelve items on page 1.
        let context_lines = if columns >= 4 { 1 } else { 2 };
        for row in tiles.chunks(columns) {
            struct Laid {
                label: Vec<String>,
                value_size: f32,
                detail: Vec<String>,
                delta: Vec<String>,
                colour: Colour,
            }
            let layout: Vec<Laid> = row
                .iter()
                .map(|t| {
                    let mut value_size = size::FIGURE;
                    while value_size > 10.0
                        && fonts.width(&t.value, value_size, Weight::Bold) > inner
                    {
                        value_size -= 0.5;
                    }
                    let (delta, colour) = match &t.delta {
                        Some(d) => {
                            let (colour, word) = match d.movement {
                                Movement::Better => (theme::GREEN, "better"),
                                Movement::Worse => (theme::RED, "worse"),
                                Movement::Same => (theme::MUTED, "unchanged"),
                                Movement::Unjudged => (theme::MUTED, ""),
                            };
                            let arrow = match d.arrow {
                                Arrow::Up => "▲",
                                Arrow::Down => "▼",
                                Arrow::Flat => "■",
                            };
                            // The judgement in words first, so a greyscale print and a
                            // colour-blind reader get it too.
                            let text = if word.is_empty() {
                                format!("{arrow} {}", d.text)
                            } else {
                                format!("{arrow} {word}: {}", d.text)
                            };
                            (wrap(&text, Weight::Bold, context_lines), colour)
                        }
                        None => (Vec::new(), theme::MUTED),
                    };
                    Laid {
                        label: wrap2(&t.label, Weight::Regular),
                        value_size,
                        detail: if t.detail.is_empty() {
                            Vec::new()
                        } else {
                            wrap(&t.detail, Weight::Regular, context_lines)
                        },
                        delta,
                        colour,
                    }
                })
                .collect();
            let max_label = layout
                .iter()
                .map(|l| l.label.len())
                .max()
                .unwrap_or(1)
                .max(1);
            let max_detail = layout.iter().map(|l| l.detail.len()).max().unwrap_or(0);
            let max_delta = layout.iter().map(|l| l.delta.len()).max().unwrap_or(0);
            let h = pad
                + max_label as f32 * lh(small)
                + 2.0
                + size::FIGURE * 1.2
                + max_detail as f32 * lh(small)
                + if max_delta > 0 {
                    2.0 + max_delta as f32 * lh(small)
                } else {
                    0.0
                }
                + pad;
            self.ensure_space(h);
            let top = self.y;
            for (i, (t, l)) in row.iter().zip(&layout).enumerate() {
                let x = x0 + i as f32 * (tile_w + gap);
                let c = self.canvas();
                c.rect(x, top, tile_w, h, Some(theme::PANEL), None);
                c.rect(x, top, 3.0, h, Some(theme::BLUE), None);
                let tx = x + 3.0 + pad;
                let mut y = top + pad;
                let muted = TextStyle::new(small, Weight::Regular, theme::MUTED);
                for line in &l.label {
                    c.text(
                        fonts,
                        tx,
                        baseline(y, small, lh(small)),
                        line,
                        &muted,
                        Align::Left,
                    );
                    y += lh(small);
                }
                y = top + pad + max_label as f32 * lh(small) + 2.0;
                let vstyle = TextStyle::new(l.value_size, Weight::Bold, theme::NAVY);
                c.text(
                    fonts,
                    tx,
                    baseline(y, size::FIGURE, size::FIGURE * 1.2),
                    &t.value,
                    &vstyle,
                    Align::Left,
                );
                y += size::FIGURE * 1.2;
                for line in &l.detail {
                    c.text(
                        fonts,
                        tx,
                        baseline(y, small, lh(small)),
                        line,
                        &muted,
                        Align::Left,
                    );
                    y += lh(small);
                }
                let mut y = top + h - pad - l.delta.len() as f32 * lh(small);
                let style = TextStyle::new(small, Weight::Bold, l.colour);
                for line in &l.delta {
                    c.text(
                        fonts,
                        tx,
                        baseline(y, small, lh(small)),
                        line,
                        &style,
                        Align::Left,
                    );
                    y += lh(small);
                }
            }
            self.y = top + h + gap;
        }
        self.y += 6.0;
    }
}
