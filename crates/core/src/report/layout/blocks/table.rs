//! Tables: cells that wrap, rows that never split, a header repeated on each page.

use super::*;

/// A cell's padding left and right.
const PAD_X: f32 = 5.0;
/// A cell's padding above and below.
const PAD_Y: f32 = 4.0;

impl Composer {
    /// A table. Cells wrap; rows never split; the header repeats on each page.
    pub fn table(&mut self, table: &Table) {
        let fonts = self.fonts;
        if table.columns.is_empty() {
            return;
        }
        let (x0, w) = (self.left(), self.width());
        let total: f32 = table.columns.iter().map(|c| c.weight.max(0.01)).sum();
        let (pad_x, pad_y) = (PAD_X, PAD_Y);
        let body = 8.2;
        let head = size::SMALL;
        // Every column is at least as wide as its longest header word (and its pills),
        // so no header breaks inside a word; the room comes from the wider columns.
        let min_w: Vec<f32> = table
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let word = c
                    .title
                    .split_whitespace()
                    .map(|w| fonts.width(w, head, Weight::Bold))
                    .fold(0.0, f32::max);
                let pill = table
                    .rows
                    .iter()
                    .filter_map(|r| r.get(i).and_then(|cell| cell.grade))
                    .map(|g| pill_width(fonts, g, true))
                    .fold(0.0, f32::max);
                word.max(pill) + 2.0 * pad_x
            })
            .collect();
        let widths = fit_widths(
            &table
                .columns
                .iter()
                .map(|c| c.weight.max(0.01) / total * w)
                .collect::<Vec<_>>(),
            &min_w,
            w,
        );
        let header_lines: Vec<Vec<String>> = table
            .columns
            .iter()
            .zip(&widths)
            .map(|(c, cw)| fonts.wrap(&c.title, head, Weight::Bold, cw - 2.0 * pad_x))
            .collect();
        let header_h =
            header_lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh(head) + 2.0 * pad_y;
        let full_page = self.bottom() - self.margins.top - header_h;

        let draw_header = |me: &mut Composer| {
            let top = me.y;
            let mut x = x0;
            for ((col, lines), cw) in table.columns.iter().zip(&header_lines).zip(&widths) {
                let style = TextStyle::new(head, Weight::Bold, theme::NAVY);
                me.cell_lines((x, *cw), top, lines, &style, col.align);
                x += cw;
            }
            me.end_row((x0, w), top + header_h, &Stroke::solid(theme::NAVY, 0.9));
        };

        self.ensure_space(header_h + 3.0 * lh(body) + 2.0 * pad_y);
        draw_header(self);
        for (r, row) in table.rows.iter().enumerate() {
            let cells: Vec<(Vec<String>, TextStyle)> = table
                .columns
                .iter()
                .enumerate()
                .map(|(i, _)| {
                    let cell = row.get(i).cloned().unwrap_or_else(|| Cell::text(""));
                    let style = match cell.style {
                        CellStyle::Normal => TextStyle::new(body, Weight::Regular, theme::INK),
                        CellStyle::Strong => TextStyle::new(body, Weight::Bold, theme::INK),
                        CellStyle::Muted => TextStyle::new(body, Weight::Regular, theme::MUTED),
                    };
                    let lines = if cell.grade.is_some() {
                        Vec::new()
                    } else {
                        fonts.wrap(&cell.text, body, style.weight, widths[i] - 2.0 * pad_x)
                    };
                    (lines, style)
                })
                .collect();
            let has_pill = row.iter().any(|c| c.grade.is_some());
            let mut max_lines = cells.iter().map(|c| c.0.len()).max().unwrap_or(1).max(1);
            let content_h =
                |n: usize| (n as f32 * lh(body)).max(if has_pill { PILL_H_SMALL } else { 0.0 });
            // A row taller than a whole page is cut, with an ellipsis, rather than run off.
            while max_lines > 1 && content_h(max_lines) + 2.0 * pad_y > full_page {
                max_lines -= 1;
            }
            let row_h = content_h(max_lines) + 2.0 * pad_y;
            if self.ensure_space(row_h) {
                draw_header(self);
            }
            let top = self.y;
            if r % 2 == 1 {
                self.canvas()
                    .rect(x0, top, w, row_h, Some(Colour::hex(0xF8F9FB)), None);
            }
            let mut x = x0;
            for (i, (lines, style)) in cells.iter().enumerate() {
                let cw = widths[i];
                let align = table.columns[i].align;
                if let Some(g) = row.get(i).and_then(|c| c.grade) {
                    let pw = pill_width(fonts, g, true);
                    let px = match align {
                        Align::Right => x + cw - pad_x - pw,
                        Align::Centre => x + (cw - pw) / 2.0,
                        Align::Left => x + pad_x,
                    };
                    grade_pill(self.canvas(), fonts, px, top + pad_y, g, true);
                } else {
                    let shown = first_lines(
                        lines.clone(),
                        max_lines,
                        fonts,
                        body,
                        style.weight,
                        cw - 2.0 * PAD_X,
                    );
                    self.cell_lines((x, cw), top, &shown, style, align);
                }
                x += cw;
            }
            self.end_row((x0, w), top + row_h, &Stroke::solid(theme::RULE, 0.5));
        }
        self.y += 10.0;
    }

    /// Ends the header or a row at `bottom`: a rule across the table (`x0`, `w` wide),
    /// and the cursor under it.
    fn end_row(&mut self, (x0, w): (f32, f32), bottom: f32, stroke: &Stroke) {
        self.canvas().line(x0, bottom, x0 + w, bottom, stroke);
        self.y = bottom;
    }

    /// Draws one cell's lines (a header's title or a row's text) in the column at `x`,
    /// `cw` wide, from `top`, a line height of the style's size apart, at the column's
    /// alignment inside the cell's padding.
    fn cell_lines(
        &mut self,
        (x, cw): (f32, f32),
        top: f32,
        lines: &[String],
        style: &TextStyle,
        align: Align,
    ) {
        let fonts = self.fonts;
        let size = style.size;
        let tx = match align {
            Align::Right => x + cw - PAD_X,
            Align::Centre => x + cw / 2.0,
            Align::Left => x + PAD_X,
        };
        let mut y = top + PAD_Y;
        for line in lines {
            self.canvas()
                .text(fonts, tx, baseline(y, size, lh(size)), line, style, align);
            y += lh(size);
        }
    }
}

/// Widens the columns below their minimum and takes the room from the others, in
/// proportion to what they have above their own minimum.
pub(in crate::report::layout) fn fit_widths(wanted: &[f32], min: &[f32], total: f32) -> Vec<f32> {
    let need: f32 = wanted.iter().zip(min).map(|(w, m)| (m - w).max(0.0)).sum();
    if need <= 0.0 || min.iter().sum::<f32>() > total {
        return wanted.to_vec();
    }
    let spare: f32 = wanted.iter().zip(min).map(|(w, m)| (w - m).max(0.0)).sum();
    wanted
        .iter()
        .zip(min)
        .map(|(w, m)| {
            if w < m {
                *m
            } else {
                w - (w - m) / spare * need
            }
        })
        .collect()
}
