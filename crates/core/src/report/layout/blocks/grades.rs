//! Grades on paper: the grid of grade cards, the legend and the grade pill.

use super::*;

impl Composer {
    /// The checklist as a grid of cards in `columns` columns (two suit the twelve items),
    /// numbered down the columns; each card has its number, title (up to two lines), an
    /// optional note under it, and its grade pill on the right.
    pub fn grade_grid(&mut self, cards: &[GradeCard], columns: usize) {
        let fonts = self.fonts;
        let columns = columns.max(1);
        let rows = cards.len().div_ceil(columns);
        let gap = 3.0;
        let pad = 4.0;
        let (x0, w) = (self.left(), self.width());
        let card_w = (w - gap * (columns as f32 - 1.0)) / columns as f32;
        let num_w = 18.0;
        let note_size = size::TINY + 0.4;
        let title_w = |c: &GradeCard| {
            (card_w - 3.0 - 2.0 * pad - num_w - pill_width(fonts, c.grade, false) - 8.0).max(20.0)
        };
        // One size for every title, a little smaller (down to 7.6 pt) when that keeps
        // them all on one line.
        let mut title_size: f32 = 8.6;
        while title_size > 7.65
            && cards
                .iter()
                .any(|c| fonts.width(&c.title, title_size, Weight::Bold) > title_w(c))
        {
            title_size -= 0.2;
        }
        let title_size = title_size;
        let layout: Vec<(Vec<String>, String, f32)> = cards
            .iter()
            .map(|c| {
                let pw = pill_width(fonts, c.grade, false);
                let title_w = title_w(c);
                let title = first_lines(
                    fonts.wrap(&c.title, title_size, Weight::Bold, title_w),
                    2,
                    fonts,
                    title_size,
                    Weight::Bold,
                    title_w,
                );
                let note = fonts.truncate(&c.note, note_size, Weight::Regular, title_w);
                (title, note, pw)
            })
            .collect();
        let card_h = |i: usize| {
            let (title, note, _) = &layout[i];
            let text = title.len().max(1) as f32 * lh(title_size)
                + if note.is_empty() { 0.0 } else { lh(note_size) };
            2.0 * pad + text.max(PILL_H)
        };
        // Numbers run down the columns: 1–6 on the left, 7–12 on the right.
        for r in 0..rows {
            let idx: Vec<usize> = (0..columns)
                .map(|c| c * rows + r)
                .filter(|i| *i < cards.len())
                .collect();
            let h = idx.iter().map(|i| card_h(*i)).fold(0.0, f32::max);
            self.ensure_space(h);
            let top = self.y;
            for (col, &i) in idx.iter().enumerate() {
                let card = &cards[i];
                let (title, note, pw) = &layout[i];
                let x = x0 + col as f32 * (card_w + gap);
                let stripe = grade_colours(card.grade).stripe;
                let c = self.canvas();
                c.rect(
                    x,
                    top,
                    card_w,
                    h,
                    Some(theme::WHITE),
                    Some(&Stroke::solid(theme::RULE, 0.7)),
                );
                c.rect(x, top, 3.0, h, Some(stripe), None);
                let tx = x + 3.0 + pad;
                let text_h = title.len().max(1) as f32 * lh(title_size)
                    + if note.is_empty() { 0.0 } else { lh(note_size) };
                let mut y = top + (h - text_h) / 2.0;
                let num_style = TextStyle::new(title_size, Weight::Bold, theme::BLUE);
                c.text(
                    fonts,
                    tx,
                    baseline(y, title_size, lh(title_size)),
                    &format!("{:02}", card.number),
                    &num_style,
                    Align::Left,
                );
                let title_style = TextStyle::new(title_size, Weight::Bold, theme::INK);
                for line in title {
                    c.text(
                        fonts,
                        tx + num_w,
                        baseline(y, title_size, lh(title_size)),
                        line,
                        &title_style,
                        Align::Left,
                    );
                    y += lh(title_size);
                }
                if !note.is_empty() {
                    let style = TextStyle::new(note_size, Weight::Regular, theme::MUTED);
                    c.text(
                        fonts,
                        tx + num_w,
                        baseline(y, note_size, lh(note_size)),
                        note,
                        &style,
                        Align::Left,
                    );
                }
                grade_pill(
                    c,
                    fonts,
                    x + card_w - pad - pw,
                    top + (h - PILL_H) / 2.0,
                    card.grade,
                    false,
                );
            }
            self.y = top + h + gap;
        }
        self.y += 4.0;
    }

    /// A heading with the legend of the four grade pills on the same line, at the right
    /// (when it fits; else the legend goes under the heading).
    pub fn heading_with_grade_legend(&mut self, text: &str, level: Level) {
        let fonts = self.fonts;
        let legend_w: f32 = GradeLevel::ALL
            .iter()
            .map(|g| pill_width(fonts, *g, true) + 5.0)
            .sum::<f32>()
            - 5.0;
        let (sz, weight) = match level {
            Level::H1 => (size::H1, Weight::Bold),
            Level::H2 => (size::H2, Weight::Bold),
            Level::Eyebrow => (size::SMALL, Weight::Bold),
        };
        let fits = fonts.width(text, sz, weight) + legend_w + 16.0 <= self.width();
        self.heading_keep(text, level, 120.0);
        if !fits {
            self.grade_legend();
            return;
        }
        self.y += 3.0;
        // Centre the legend on the heading's line, just above the cursor.
        let line_h = sz * 1.25;
        let after = match level {
            Level::H1 => 8.0 + 6.0,
            Level::H2 => 5.0,
            Level::Eyebrow => 3.0,
        };
        let y = self.y - 3.0 - after - line_h / 2.0 - PILL_H_SMALL / 2.0;
        let mut x = self.left() + self.width() - legend_w;
        for g in GradeLevel::ALL {
            let w = grade_pill(self.canvas(), fonts, x, y, g, true);
            x += w + 5.0;
        }
    }

    /// A legend explaining the four grade pills.
    pub fn grade_legend(&mut self) {
        let fonts = self.fonts;
        let h = PILL_H_SMALL;
        self.ensure_space(h + 6.0);
        let mut x = self.left();
        let y = self.y;
        for g in GradeLevel::ALL {
            let w = grade_pill(self.canvas(), fonts, x, y, g, true);
            x += w + 6.0;
        }
        self.y += h + 10.0;
    }
}

struct GradeColours {
    fill: Colour,
    border: Option<Stroke>,
    text: Colour,
    stripe: Colour,
}

fn grade_colours(g: GradeLevel) -> GradeColours {
    match g {
        GradeLevel::InPlace => GradeColours {
            fill: theme::GREEN_LIGHT,
            border: Some(Stroke::solid(theme::GREEN, 0.8)),
            text: Colour::hex(0x145A33),
            stripe: theme::GREEN,
        },
        GradeLevel::Partial => GradeColours {
            fill: theme::AMBER_LIGHT,
            border: Some(Stroke::solid(theme::AMBER, 0.8)),
            text: Colour::hex(0x7A4A05),
            stripe: theme::AMBER,
        },
        GradeLevel::Missing => GradeColours {
            fill: theme::RED,
            border: None,
            text: theme::WHITE,
            stripe: theme::RED,
        },
        GradeLevel::NotAssessed => GradeColours {
            fill: theme::WHITE,
            border: Some(Stroke::dashed(theme::GREY, 0.8, 2.0, 1.5)),
            text: theme::MUTED,
            stripe: theme::GREY,
        },
    }
}

fn pill_metrics(small: bool) -> (f32, f32, f32, f32) {
    // (height, text size, icon radius, horizontal padding)
    if small {
        (PILL_H_SMALL, size::TINY + 0.2, 3.2, 6.0)
    } else {
        (PILL_H, size::SMALL - 0.3, 3.6, 7.0)
    }
}

/// The height of a grade pill (`small`: the size used in tables and legends).
pub fn pill_height(small: bool) -> f32 {
    pill_metrics(small).0
}

/// The width of a grade pill.
pub fn pill_width(fonts: &Fonts, grade: GradeLevel, small: bool) -> f32 {
    let (_, ts, r, pad) = pill_metrics(small);
    pad + 2.0 * r + 4.0 + fonts.width(grade.label(), ts, Weight::Bold) + pad
}

/// Draws a grade pill with its top-left at (`x`, `y`); returns its width.
///
/// Each grade is told apart three ways, so greyscale and colour-blind readers get it:
/// the label; a Harvey-ball icon (full = in place, half = partial, empty = missing,
/// dashed = not assessed); and the fill (light tint, light tint, solid dark, white
/// with a dashed border).
pub fn grade_pill(
    c: &mut Canvas,
    fonts: &Fonts,
    x: f32,
    y: f32,
    grade: GradeLevel,
    small: bool,
) -> f32 {
    let (h, ts, r, pad) = pill_metrics(small);
    let w = pill_width(fonts, grade, small);
    let col = grade_colours(grade);
    c.round_rect(x, y, w, h, h / 2.0, Some(col.fill), col.border.as_ref());
    let cx = x + pad + r;
    let cy = y + h / 2.0;
    match grade {
        GradeLevel::InPlace => c.circle(cx, cy, r, Some(col.text), None),
        GradeLevel::Partial => {
            c.circle(
                cx,
                cy,
                r,
                Some(theme::WHITE),
                Some(&Stroke::solid(col.text, 0.8)),
            );
            c.half_disc(cx, cy, r, true, col.text);
        }
        GradeLevel::Missing => c.circle(
            cx,
            cy,
            r - 0.4,
            None,
            Some(&Stroke::solid(theme::WHITE, 0.9)),
        ),
        GradeLevel::NotAssessed => c.circle(
            cx,
            cy,
            r - 0.4,
            None,
            Some(&Stroke::dashed(col.text, 0.8, 1.2, 1.0)),
        ),
    }
    let style = TextStyle::new(ts, Weight::Bold, col.text);
    c.text(
        fonts,
        cx + r + 4.0,
        baseline(y, ts, h),
        grade.label(),
        &style,
        Align::Left,
    );
    w
}
