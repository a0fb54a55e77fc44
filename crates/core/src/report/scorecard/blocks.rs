//! The text blocks only the scorecard draws, on top of the [`Composer`]'s own: label and
//! value lines, a definition list and a two-column code block.

use crate::report::canvas::{Align, TextStyle};
use crate::report::fonts::{Weight, baseline};
use crate::report::layout::Composer;
use crate::report::theme::{self, size};

/// Label and value lines: the label in a narrow column on the left, the value wrapped
/// beside it.
pub(super) fn key_values(doc: &mut Composer, rows: &[(String, String)]) {
    let key_w = 96.0;
    let fonts = doc.fonts();
    let sz = size::BODY;
    let line_h = sz * theme::LEADING;
    let key_style = TextStyle::new(sz, Weight::Bold, theme::MUTED);
    let value_style = TextStyle::new(sz, Weight::Regular, theme::INK);
    for (k, v) in rows {
        let (x, w) = (doc.left(), doc.width());
        let keys = fonts.wrap(k, sz, Weight::Bold, key_w - 10.0);
        let values = fonts.wrap(v, sz, Weight::Regular, w - key_w);
        let n = keys.len().max(values.len()).max(1);
        // Keep a short entry together; a long one flows line by line.
        if n <= 4 {
            doc.ensure_space(n as f32 * line_h);
        }
        for i in 0..n {
            doc.ensure_space(line_h);
            let b = baseline(doc.cursor(), sz, line_h);
            if let Some(k) = keys.get(i) {
                doc.canvas().text(fonts, x, b, k, &key_style, Align::Left);
            }
            if let Some(v) = values.get(i) {
                doc.canvas()
                    .text(fonts, x + key_w, b, v, &value_style, Align::Left);
            }
            doc.advance(line_h);
        }
        doc.advance(3.5);
    }
    doc.advance(6.0);
}

/// Terms in bold, each with its text under it, indented.
pub(super) fn definition_list(doc: &mut Composer, entries: &[(String, String)]) {
    let fonts = doc.fonts();
    let sz = size::BODY;
    let line_h = sz * theme::LEADING;
    let indent = 12.0;
    let term_style = TextStyle::new(sz, Weight::Bold, theme::NAVY);
    let text_style = TextStyle::new(sz, Weight::Regular, theme::INK);
    for (term, text) in entries {
        let (x, w) = (doc.left(), doc.width());
        let terms = fonts.wrap(term, sz, Weight::Bold, w);
        let lines = fonts.wrap(text, sz, Weight::Regular, w - indent);
        // A term stays with at least two lines of its text.
        doc.ensure_space((terms.len() + lines.len().min(2)) as f32 * line_h);
        let all = terms
            .iter()
            .map(|l| (0.0, l, &term_style))
            .chain(lines.iter().map(|l| (indent, l, &text_style)));
        for (dx, line, style) in all {
            doc.ensure_space(line_h);
            let b = baseline(doc.cursor(), sz, line_h);
            doc.canvas()
                .text(fonts, x + dx, b, line, style, Align::Left);
            doc.advance(line_h);
        }
        doc.advance(4.0);
    }
    doc.advance(4.0);
}

/// Preformatted text (the mapping) in two columns on a light panel, flowing over pages.
pub(super) fn code_block(doc: &mut Composer, text: &str) {
    let fonts = doc.fonts();
    let sz = size::TINY;
    let line_h = sz * 1.32;
    let gap = 14.0;
    let pad = 6.0;
    let col_w = (doc.width() - gap) / 2.0;
    let lines: Vec<String> = text
        .trim_end()
        .lines()
        .flat_map(|l| {
            let indent = l.len() - l.trim_start().len();
            fonts
                .wrap(l, sz, Weight::Regular, col_w - 2.0 * pad - 8.0)
                .into_iter()
                .enumerate()
                .map(move |(i, part)| {
                    if i == 0 {
                        format!("{}{part}", " ".repeat(indent))
                    } else {
                        format!("{}  {part}", " ".repeat(indent))
                    }
                })
        })
        .collect();
    let style = TextStyle::new(sz, Weight::Regular, theme::INK);
    let mut rest: &[String] = &lines;
    while !rest.is_empty() {
        if doc.remaining() < 2.0 * pad + 4.0 * line_h {
            doc.new_page();
        }
        let fit = ((doc.remaining() - 2.0 * pad) / line_h).floor().max(1.0) as usize;
        let (left, right, taken) = if rest.len() <= 2 * fit {
            let half = rest.len().div_ceil(2);
            (&rest[..half], &rest[half..], rest.len())
        } else {
            (&rest[..fit], &rest[fit..2 * fit], 2 * fit)
        };
        let top = doc.cursor();
        let h = left.len().max(right.len()) as f32 * line_h + 2.0 * pad;
        let x0 = doc.left();
        for (i, col) in [left, right].into_iter().enumerate() {
            if col.is_empty() {
                continue;
            }
            let x = x0 + i as f32 * (col_w + gap);
            let canvas = doc.canvas();
            canvas.rect(x, top, col_w, h, Some(theme::PANEL), None);
            for (k, line) in col.iter().enumerate() {
                let b = baseline(top + pad + k as f32 * line_h, sz, line_h);
                // Keep the indentation: the font has no fixed width, so indent by
                // measure instead of drawing leading spaces.
                let indent = line.len() - line.trim_start().len();
                let dx = fonts.width(&" ".repeat(indent), sz, Weight::Regular);
                canvas.text(
                    fonts,
                    x + pad + dx,
                    b,
                    line.trim_start(),
                    &style,
                    Align::Left,
                );
            }
        }
        doc.advance(h + 8.0);
        rest = &rest[taken..];
    }
    doc.advance(4.0);
}
