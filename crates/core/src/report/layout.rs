//! Flowing content down pages: a [`Composer`] keeps a cursor, starts a new page when the
//! next piece does not fit, and draws the scorecard's building blocks: a title block,
//! headings, wrapped paragraphs, a verdict [`Banner`], key-figure [`Tile`]s, a grid of
//! grade cards ([`GradeCard`]), [`Table`]s that wrap their cells and repeat their header,
//! and charts. [`Composer::finish`] adds the running header and "page X of Y" footers and
//! writes the PDF.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    FontId, Mm, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions,
    TextItem,
};
use sha2::{Digest, Sha256};

use super::canvas::{
    Align, Bounds, Canvas, FONT_BOLD, FONT_REGULAR, LayoutProblem, PlacedText, Stroke, TextStyle,
};
use super::fonts::{Fonts, Weight};
use super::theme::{self, Colour, size};
use super::{DocumentInfo, Paper, ReportError};
use crate::charts::ChartSpec;
use crate::grade::GradeLevel;
use crate::present::{Arrow, Delta, Movement};

/// Page margins in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

impl Default for Margins {
    fn default() -> Self {
        Margins {
            top: 58.0,
            right: 50.0,
            bottom: 56.0,
            left: 50.0,
        }
    }
}

/// Heading levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// A section: large, with a rule under it.
    H1,
    /// A subsection.
    H2,
    /// A small all-capitals label above a group.
    Eyebrow,
}

/// The tone of a [`Banner`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Red: stop and fix.
    Critical,
    /// Amber: go carefully.
    Caution,
    /// Green: go.
    Positive,
    /// Navy: information.
    Neutral,
}

impl Tone {
    fn colours(self) -> (Colour, Colour) {
        match self {
            Tone::Critical => (theme::RED, theme::RED_LIGHT),
            Tone::Caution => (Colour::hex(0xA8640A), theme::AMBER_LIGHT),
            Tone::Positive => (theme::GREEN, theme::GREEN_LIGHT),
            Tone::Neutral => (theme::NAVY, theme::PANEL),
        }
    }
}

/// A full-width statement, e.g. the verdict, with an optional track of steps showing
/// where it sits (e.g. the three verdicts, the current one filled).
#[derive(Debug, Clone, PartialEq)]
pub struct Banner {
    pub tone: Tone,
    /// A short label above the title, e.g. "Verdict".
    pub label: String,
    pub title: String,
    pub detail: String,
    /// Optional steps drawn as a track under the text; `current` is filled.
    pub steps: Vec<String>,
    pub current: usize,
}

/// A key figure: a label, a big value, a detail line and an optional movement.
#[derive(Debug, Clone, PartialEq)]
pub struct Tile {
    pub label: String,
    pub value: String,
    pub detail: String,
    pub delta: Option<Delta>,
}

/// One checklist item as a card in the grade grid.
#[derive(Debug, Clone, PartialEq)]
pub struct GradeCard {
    pub number: u32,
    pub title: String,
    pub grade: GradeLevel,
    /// A short line beside the pill, e.g. "Owner: D. K." (may be empty).
    pub note: String,
}

/// How a table cell's text looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CellStyle {
    #[default]
    Normal,
    Strong,
    Muted,
}

/// One table cell: text, or a grade pill.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub style: CellStyle,
    /// When set, the cell shows this grade as a pill instead of its text.
    pub grade: Option<GradeLevel>,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            style: CellStyle::Normal,
            grade: None,
        }
    }
    pub fn strong(text: impl Into<String>) -> Cell {
        Cell {
            style: CellStyle::Strong,
            ..Cell::text(text)
        }
    }
    pub fn muted(text: impl Into<String>) -> Cell {
        Cell {
            style: CellStyle::Muted,
            ..Cell::text(text)
        }
    }
    pub fn grade(grade: GradeLevel) -> Cell {
        Cell {
            text: grade.label().to_string(),
            style: CellStyle::Normal,
            grade: Some(grade),
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::text(s)
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::text(s)
    }
}

/// A table column: its title, its share of the width (any positive weight) and the
/// alignment of its cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    pub weight: f32,
    pub align: Align,
}

impl Column {
    pub fn new(title: impl Into<String>, weight: f32) -> Column {
        Column {
            title: title.into(),
            weight,
            align: Align::Left,
        }
    }
    pub fn right(mut self) -> Column {
        self.align = Align::Right;
        self
    }
}

/// A table: columns and rows of cells. Cells wrap within their column; a row never
/// splits across pages; the header repeats on every page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

/// The finished PDF.
#[derive(Debug, Clone)]
pub struct RenderedPdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Overlapping text, text off the printable area, shapes off the page: empty when
    /// the layout is clean.
    pub problems: Vec<LayoutProblem>,
    /// What printpdf reported while writing (empty when all went well).
    pub warnings: Vec<String>,
}

impl RenderedPdf {
    /// Writes the PDF to `path`.
    pub fn write_to(&self, path: &std::path::Path) -> Result<(), ReportError> {
        std::fs::write(path, &self.bytes).map_err(|source| ReportError::Write {
            path: path.display().to_string(),
            source,
        })
    }
}

/// Builds a document page by page with a cursor.
#[derive(Debug)]
pub struct Composer {
    fonts: &'static Fonts,
    info: DocumentInfo,
    paper: Paper,
    margins: Margins,
    pages: Vec<Canvas>,
    y: f32,
}

const PILL_H: f32 = 15.0;
const PILL_H_SMALL: f32 = 13.0;
/// How far from the paper's edge anything may be printed.
const SAFE_INSET: f32 = 20.0;

fn lh(size: f32) -> f32 {
    size * theme::LEADING
}

/// The baseline that centres capitals vertically in a line box starting at `top`.
fn baseline(top: f32, size: f32, line_height: f32) -> f32 {
    top + line_height / 2.0 + 0.729 * size / 2.0
}

impl Composer {
    /// A document on `paper`, with the first page started.
    pub fn new(paper: Paper, info: DocumentInfo) -> Composer {
        let margins = Margins::default();
        let (w, h) = paper.size();
        Composer {
            fonts: Fonts::embedded(),
            info,
            paper,
            margins,
            pages: vec![Canvas::new(w, h)],
            y: margins.top,
        }
    }

    pub fn fonts(&self) -> &'static Fonts {
        self.fonts
    }

    pub fn paper(&self) -> Paper {
        self.paper
    }

    /// The left edge of the content.
    pub fn left(&self) -> f32 {
        self.margins.left
    }

    /// The width of the content.
    pub fn width(&self) -> f32 {
        self.paper.size().0 - self.margins.left - self.margins.right
    }

    /// The lowest y content may reach.
    pub fn bottom(&self) -> f32 {
        self.paper.size().1 - self.margins.bottom
    }

    /// The cursor: where the next piece starts, in points from the top of the page.
    pub fn cursor(&self) -> f32 {
        self.y
    }

    /// Space left on this page below the cursor.
    pub fn remaining(&self) -> f32 {
        self.bottom() - self.y
    }

    /// Number of pages so far.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Every piece of text placed so far, with its page number (1-based), in the order
    /// drawn: what a reader of the page would see, for checks and tests.
    pub fn placed_texts(&self) -> Vec<(usize, &PlacedText)> {
        self.pages
            .iter()
            .enumerate()
            .flat_map(|(i, p)| p.texts().iter().map(move |t| (i + 1, t)))
            .collect()
    }

    /// The current page, for drawing something custom at the cursor (then call
    /// [`Self::advance`]).
    pub fn canvas(&mut self) -> &mut Canvas {
        self.pages.last_mut().expect("a composer always has a page")
    }

    /// Moves the cursor down.
    pub fn advance(&mut self, h: f32) {
        self.y += h;
    }

    /// Vertical space; dropped at the top of a page.
    pub fn space(&mut self, h: f32) {
        if self.y > self.margins.top + 0.5 {
            self.y = (self.y + h).min(self.bottom());
        }
    }

    /// Starts a new page.
    pub fn new_page(&mut self) {
        let (w, h) = self.paper.size();
        self.pages.push(Canvas::new(w, h));
        self.y = self.margins.top;
    }

    /// Starts a new page unless `h` points fit below the cursor. Returns whether it did.
    pub fn ensure_space(&mut self, h: f32) -> bool {
        if self.y + h > self.bottom() + 0.01 && self.y > self.margins.top + 0.5 {
            self.new_page();
            true
        } else {
            false
        }
    }

    /// The document's opening: a small label, the title, a subtitle and a line of
    /// details, then a rule.
    pub fn title_block(&mut self, label: &str, title: &str, subtitle: &str, meta: &str) {
        let fonts = self.fonts;
        let (x, w) = (self.left(), self.width());
        let mut y = self.y;
        if !label.is_empty() {
            let style = TextStyle::new(size::SMALL, Weight::Bold, theme::BLUE);
            let text = fonts.truncate(&label.to_uppercase(), style.size, style.weight, w);
            self.canvas().text(
                fonts,
                x,
                baseline(y, size::SMALL, lh(size::SMALL)),
                &text,
                &style,
                Align::Left,
            );
            y += lh(size::SMALL) + 2.0;
        }
        // A long title shrinks (down to three quarters) before it wraps.
        let mut title_size = size::TITLE;
        while title_size > size::TITLE * 0.75 && fonts.width(title, title_size, Weight::Bold) > w {
            title_size -= 0.5;
        }
        let title_style = TextStyle::new(title_size, Weight::Bold, theme::NAVY);
        for line in fonts.wrap(title, title_size, Weight::Bold, w) {
            let b = baseline(y, title_size, title_size * 1.2);
            self.canvas()
                .text(fonts, x, b, &line, &title_style, Align::Left);
            y += title_size * 1.2;
        }
        if !subtitle.is_empty() {
            y += 2.0;
            let style = TextStyle::new(size::H2 + 1.0, Weight::Regular, theme::INK);
            for line in fonts.wrap(subtitle, style.size, style.weight, w) {
                let b = baseline(y, style.size, lh(style.size));
                self.canvas().text(fonts, x, b, &line, &style, Align::Left);
                y += lh(style.size);
            }
        }
        if !meta.is_empty() {
            y += 2.0;
            let style = TextStyle::new(size::SMALL, Weight::Regular, theme::MUTED);
            for line in fonts.wrap(meta, style.size, style.weight, w) {
                let b = baseline(y, style.size, lh(style.size));
                self.canvas().text(fonts, x, b, &line, &style, Align::Left);
                y += lh(style.size);
            }
        }
        y += 7.0;
        self.canvas()
            .line(x, y, x + w, y, &Stroke::solid(theme::NAVY, 1.2));
        self.y = y + 9.0;
    }

    /// A heading, kept on the same page as at least `keep_with` points of what follows.
    pub fn heading_keep(&mut self, text: &str, level: Level, keep_with: f32) {
        let (sz, weight, colour, before, after) = match level {
            Level::H1 => (size::H1, Weight::Bold, theme::NAVY, 16.0, 8.0),
            Level::H2 => (size::H2, Weight::Bold, theme::NAVY, 12.0, 5.0),
            Level::Eyebrow => (size::SMALL, Weight::Bold, theme::BLUE, 10.0, 3.0),
        };
        let text = if level == Level::Eyebrow {
            text.to_uppercase()
        } else {
            text.to_string()
        };
        let fonts = self.fonts;
        let w = self.width();
        let lines = fonts.wrap(&text, sz, weight, w);
        let line_h = sz * 1.25;
        let rule = if level == Level::H1 { 6.0 } else { 0.0 };
        let h = lines.len() as f32 * line_h + rule + after;
        self.space(before);
        self.ensure_space(h + keep_with);
        let x = self.left();
        let style = TextStyle::new(sz, weight, colour);
        for line in &lines {
            let b = baseline(self.y, sz, line_h);
            self.canvas().text(fonts, x, b, line, &style, Align::Left);
            self.y += line_h;
        }
        if level == Level::H1 {
            self.y += 3.0;
            let y = self.y;
            self.canvas()
                .line(x, y, x + w, y, &Stroke::solid(theme::RULE, 0.7));
            self.y += 3.0;
        }
        self.y += after;
    }

    /// A heading kept with the next 60 points.
    pub fn heading(&mut self, text: &str, level: Level) {
        self.heading_keep(text, level, 60.0);
    }

    /// A paragraph of body text, wrapped to the content width; it flows onto the next
    /// page line by line.
    pub fn paragraph(&mut self, text: &str) {
        self.paragraph_styled(
            text,
            &TextStyle::new(size::BODY, Weight::Regular, theme::INK),
        );
    }

    /// A small, muted paragraph (captions, definitions).
    pub fn caption(&mut self, text: &str) {
        self.paragraph_styled(
            text,
            &TextStyle::new(size::SMALL, Weight::Regular, theme::MUTED),
        );
    }

    /// A paragraph in a given style.
    pub fn paragraph_styled(&mut self, text: &str, style: &TextStyle) {
        let fonts = self.fonts;
        let x = self.left();
        let line_h = lh(style.size);
        for line in fonts.wrap(text, style.size, style.weight, self.width()) {
            self.ensure_space(line_h);
            let b = baseline(self.y, style.size, line_h);
            self.canvas().text(fonts, x, b, &line, style, Align::Left);
            self.y += line_h;
        }
        self.y += style.size * 0.5;
    }

    /// Bulleted lines, each wrapped under its own bullet.
    pub fn bullets(&mut self, items: &[String]) {
        let fonts = self.fonts;
        let style = TextStyle::new(size::BODY, Weight::Regular, theme::INK);
        let line_h = lh(style.size);
        let indent = 12.0;
        let x = self.left();
        let w = self.width() - indent;
        for item in items {
            let lines = fonts.wrap(item, style.size, style.weight, w);
            for (i, line) in lines.iter().enumerate() {
                self.ensure_space(line_h);
                let b = baseline(self.y, style.size, line_h);
                if i == 0 {
                    let cy = b - 0.729 * style.size / 2.0;
                    self.canvas()
                        .circle(x + 3.0, cy, 1.6, Some(theme::BLUE), None);
                }
                self.canvas()
                    .text(fonts, x + indent, b, line, &style, Align::Left);
                self.y += line_h;
            }
            self.y += 2.0;
        }
        self.y += style.size * 0.3;
    }

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

    /// A table. Cells wrap; rows never split; the header repeats on each page.
    pub fn table(&mut self, table: &Table) {
        let fonts = self.fonts;
        if table.columns.is_empty() {
            return;
        }
        let (x0, w) = (self.left(), self.width());
        let total: f32 = table.columns.iter().map(|c| c.weight.max(0.01)).sum();
        let pad_x = 5.0;
        let pad_y = 4.0;
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
                let mut y = top + pad_y;
                for line in lines {
                    let tx = match col.align {
                        Align::Right => x + cw - pad_x,
                        Align::Centre => x + cw / 2.0,
                        Align::Left => x + pad_x,
                    };
                    me.canvas().text(
                        fonts,
                        tx,
                        baseline(y, head, lh(head)),
                        line,
                        &style,
                        col.align,
                    );
                    y += lh(head);
                }
                x += cw;
            }
            me.canvas().line(
                x0,
                top + header_h,
                x0 + w,
                top + header_h,
                &Stroke::solid(theme::NAVY, 0.9),
            );
            me.y = top + header_h;
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
                    let mut y = top + pad_y;
                    let shown = lines.len().min(max_lines);
                    for (k, line) in lines.iter().take(shown).enumerate() {
                        let text = if k + 1 == shown && shown < lines.len() {
                            fonts.truncate(
                                &format!("{line}…"),
                                body,
                                style.weight,
                                cw - 2.0 * pad_x,
                            )
                        } else {
                            line.clone()
                        };
                        let tx = match align {
                            Align::Right => x + cw - pad_x,
                            Align::Centre => x + cw / 2.0,
                            Align::Left => x + pad_x,
                        };
                        self.canvas().text(
                            fonts,
                            tx,
                            baseline(y, body, lh(body)),
                            &text,
                            style,
                            align,
                        );
                        y += lh(body);
                    }
                }
                x += cw;
            }
            self.canvas().line(
                x0,
                top + row_h,
                x0 + w,
                top + row_h,
                &Stroke::solid(theme::RULE, 0.5),
            );
            self.y = top + row_h;
        }
        self.y += 10.0;
    }

    /// A chart at the content width, with its title, legend and note; the plot takes
    /// the height [`super::chart::suggested_plot_height`] gives.
    pub fn chart(&mut self, spec: &ChartSpec) -> Result<(), ReportError> {
        let h = super::chart::suggested_plot_height(spec);
        self.chart_sized(spec, h)
    }

    /// A chart whose plot area is `plot_height` points tall.
    pub fn chart_sized(&mut self, spec: &ChartSpec, plot_height: f32) -> Result<(), ReportError> {
        spec.validate()?;
        let fonts = self.fonts;
        let (x, w) = (self.left(), self.width());
        let h = super::chart::block_height(fonts, spec, w, plot_height);
        self.space(6.0);
        self.ensure_space(h);
        let y = self.y;
        super::chart::draw_block(self.canvas(), fonts, spec, x, y, w, plot_height);
        self.y = y + h + 16.0;
        Ok(())
    }

    /// Small charts side by side, `columns` to a row, each plot `plot_height` points
    /// tall; a row that does not fit starts a new page.
    pub fn chart_grid(
        &mut self,
        specs: &[ChartSpec],
        columns: usize,
        plot_height: f32,
    ) -> Result<(), ReportError> {
        let columns = columns.max(1);
        let gap = 18.0;
        let fonts = self.fonts;
        let w = (self.width() - gap * (columns - 1) as f32) / columns as f32;
        for row in specs.chunks(columns) {
            for spec in row {
                spec.validate()?;
            }
            let h = row
                .iter()
                .map(|spec| super::chart::block_height(fonts, spec, w, plot_height))
                .fold(0.0, f32::max);
            self.space(6.0);
            self.ensure_space(h);
            let (x, y) = (self.left(), self.y);
            for (i, spec) in row.iter().enumerate() {
                let cx = x + i as f32 * (w + gap);
                super::chart::draw_block(self.canvas(), fonts, spec, cx, y, w, plot_height);
            }
            self.y = y + h + 12.0;
        }
        Ok(())
    }

    /// Adds the running header and footers, checks the layout and writes the PDF.
    pub fn finish(mut self) -> Result<RenderedPdf, ReportError> {
        let fonts = self.fonts;
        let n = self.pages.len();
        let (pw, ph) = self.paper.size();
        let (left, right) = (self.margins.left, pw - self.margins.right);
        let small = TextStyle::new(size::TINY + 0.4, Weight::Regular, theme::MUTED);
        let header = self.info.running_header.clone();
        let footer = self.info.footer.clone();
        for (i, page) in self.pages.iter_mut().enumerate() {
            if i > 0 && !header.is_empty() {
                let text = fonts.truncate(&header, small.size, small.weight, right - left);
                page.text(fonts, left, 36.0, &text, &small, Align::Left);
                page.line(left, 42.0, right, 42.0, &Stroke::solid(theme::RULE, 0.5));
            }
            let fy = ph - 40.0;
            page.line(left, fy, right, fy, &Stroke::solid(theme::RULE, 0.5));
            let number = format!("Page {} of {n}", i + 1);
            let nw = page.text(fonts, right, fy + 13.0, &number, &small, Align::Right);
            if !footer.is_empty() {
                let text =
                    fonts.truncate(&footer, small.size, small.weight, right - left - nw - 12.0);
                page.text(fonts, left, fy + 13.0, &text, &small, Align::Left);
            }
        }
        let printable = Bounds {
            x: SAFE_INSET,
            y: SAFE_INSET,
            w: pw - 2.0 * SAFE_INSET,
            h: ph - 2.0 * SAFE_INSET,
        };
        let problems: Vec<LayoutProblem> = self
            .pages
            .iter()
            .enumerate()
            .flat_map(|(i, p)| p.problems(i + 1, &printable))
            .collect();
        let (bytes, warnings) = write_pdf(&self.info, self.paper, self.pages, fonts)?;
        Ok(RenderedPdf {
            bytes,
            pages: n,
            problems,
            warnings,
        })
    }
}

/// Widens the columns below their minimum and takes the room from the others, in
/// proportion to what they have above their own minimum.
fn fit_widths(wanted: &[f32], min: &[f32], total: f32) -> Vec<f32> {
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

/// Keeps the first `n` lines, ending the last with "…" when lines were dropped.
fn first_lines(
    mut lines: Vec<String>,
    n: usize,
    fonts: &Fonts,
    size: f32,
    weight: Weight,
    width: f32,
) -> Vec<String> {
    if lines.len() > n {
        lines.truncate(n);
        if let Some(last) = lines.last_mut() {
            *last = fonts.truncate(&format!("{last}…"), size, weight, width);
        }
    }
    lines
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

/// Writes the pages as a PDF: the embedded faces cut down to the glyphs used, fixed
/// resource names, the document date from `info`, and an `/ID` that is a hash of the
/// content, so the same pages give the same bytes.
fn write_pdf(
    info: &DocumentInfo,
    paper: Paper,
    pages: Vec<Canvas>,
    fonts: &Fonts,
) -> Result<(Vec<u8>, Vec<String>), ReportError> {
    let mut warnings = Vec::new();
    let mut doc = PdfDocument::new(&info.title);
    let ts = info.date.timestamp();
    // A date printpdf cannot represent keeps its default, 1970-01-01: still fixed.
    if let Ok(date) = printpdf::OffsetDateTime::from_unix_timestamp(ts) {
        doc.metadata.info.creation_date = date;
        doc.metadata.info.modification_date = date;
        doc.metadata.info.metadata_date = date;
    }
    doc.metadata.info.creator = "Lead Audit".to_string();
    doc.metadata.info.producer = format!("Lead Audit {} (printpdf 0.12)", crate::version());
    doc.metadata.info.subject = info.subject.clone();

    // Which characters each face draws.
    let mut used: BTreeMap<&'static str, BTreeSet<char>> = BTreeMap::new();
    for page in &pages {
        let mut current: Option<&'static str> = None;
        for op in &page.ops {
            match op {
                Op::SetFont {
                    font: PdfFontHandle::External(id),
                    ..
                } => {
                    current = [FONT_REGULAR, FONT_BOLD].into_iter().find(|f| *f == id.0);
                }
                Op::ShowText { items } => {
                    if let Some(f) = current {
                        let set = used.entry(f).or_default();
                        for item in items {
                            if let TextItem::Text(t) = item {
                                set.extend(t.chars());
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    for (id, chars) in &used {
        let (weight, name) = if *id == FONT_BOLD {
            (Weight::Bold, "DejaVuSans-Bold")
        } else {
            (Weight::Regular, "DejaVuSans")
        };
        let face = fonts.face(weight);
        let parsed = match subset_face(face, chars) {
            Ok(mut sub) => {
                sub.font_name = Some(format!("{}+{name}", subset_tag(id, chars)));
                sub
            }
            Err(e) => {
                warnings.push(format!(
                    "font {name} embedded whole: subsetting failed: {e}"
                ));
                face.clone()
            }
        };
        doc.resources
            .fonts
            .map
            .insert(FontId(id.to_string()), PdfFont::new(parsed));
    }

    let (wmm, hmm) = match paper {
        Paper::A4 => (210.0, 297.0),
        Paper::Letter => (215.9, 279.4),
    };
    let pdf_pages: Vec<PdfPage> = pages
        .into_iter()
        .map(|c| PdfPage::new(Mm(wmm), Mm(hmm), c.ops))
        .collect();
    doc.with_pages(pdf_pages);

    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut pdf_warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&opts, &mut pdf_warnings);
    // printpdf writes an empty /GTS_PDFXVersion, which readers take as a PDF/X claim,
    // and empty /Identifier, /Author and /Keywords: drop them.
    if let Some(dict) = lo
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        .ok()
        .and_then(|id| lo.get_object_mut(id).ok())
        .and_then(|o| o.as_dict_mut().ok())
    {
        for key in ["GTS_PDFXVersion", "Identifier", "Author", "Keywords"] {
            dict.remove(key.as_bytes());
        }
    }
    lo.compress();
    // printpdf writes a random /ID; make it a hash of the content instead.
    let placeholder = lopdf::Object::Array(vec![
        lopdf::Object::String(vec![0; 16], lopdf::StringFormat::Hexadecimal),
        lopdf::Object::String(vec![0; 16], lopdf::StringFormat::Hexadecimal),
    ]);
    lo.trailer.set("ID", placeholder);
    let mut first = Vec::new();
    lo.save_to(&mut first).map_err(|e| ReportError::Write {
        path: "memory".into(),
        source: std::io::Error::other(e.to_string()),
    })?;
    let digest = Sha256::digest(&first);
    let id = digest[..16].to_vec();
    lo.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::String(id.clone(), lopdf::StringFormat::Hexadecimal),
            lopdf::Object::String(id, lopdf::StringFormat::Hexadecimal),
        ]),
    );
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).map_err(|e| ReportError::Write {
        path: "memory".into(),
        source: std::io::Error::other(e.to_string()),
    })?;
    warnings.extend(
        pdf_warnings
            .into_iter()
            .filter(|w| w.severity != printpdf::PdfParseErrorSeverity::Info)
            .map(|w| w.msg),
    );
    Ok((bytes, warnings))
}

/// The face cut down to `chars` (plus .notdef), parsed again so printpdf embeds only it.
fn subset_face(face: &ParsedFont, chars: &BTreeSet<char>) -> Result<ParsedFont, String> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile, subset};

    let mut gids: BTreeSet<u16> = chars
        .iter()
        .filter_map(|c| face.lookup_glyph_index(*c as u32))
        .collect();
    gids.remove(&0);
    let ids: Vec<u16> = std::iter::once(0).chain(gids).collect();
    let scope = ReadScope::new(&face.original_bytes);
    let data = scope.read::<FontData<'_>>().map_err(|e| e.to_string())?;
    let provider = data.table_provider(0).map_err(|e| e.to_string())?;
    let bytes = subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
        .map_err(|e| e.to_string())?;
    let mut warnings = Vec::new();
    let parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
        .ok_or_else(|| format!("the subset does not parse: {warnings:?}"))?;
    // Every character must still map to a glyph with the same advance.
    for c in chars {
        let (Some(a), Some(b)) = (
            face.lookup_glyph_index(*c as u32),
            parsed.lookup_glyph_index(*c as u32),
        ) else {
            return Err(format!("the subset lost {c:?}"));
        };
        if face.get_glyph_width(a) != parsed.get_glyph_width(b) {
            return Err(format!("the subset changed the width of {c:?}"));
        }
    }
    Ok(parsed)
}

/// The six capital letters that tag a subset font, derived from its content.
fn subset_tag(id: &str, chars: &BTreeSet<char>) -> String {
    let mut h = Sha256::new();
    h.update(id.as_bytes());
    for c in chars {
        h.update((*c as u32).to_be_bytes());
    }
    h.finalize()
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{ChartKind, Orientation, Series};
    use crate::present::Unit;

    fn info() -> DocumentInfo {
        let mut i = DocumentInfo::new("Test", "Test · header");
        i.date = chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap_or_default();
        i
    }

    #[test]
    fn columns_get_their_minimum_from_the_widest() {
        let w = fit_widths(&[20.0, 200.0, 80.0], &[50.0, 40.0, 40.0], 300.0);
        assert_eq!(w[0], 50.0);
        assert!((w.iter().sum::<f32>() - 300.0).abs() < 1e-3);
        assert!(w[1] < 200.0 && w[2] < 80.0 && w[2] >= 40.0);
        // Nothing to do, or impossible: the wanted widths stay.
        assert_eq!(
            fit_widths(&[100.0, 200.0], &[10.0, 10.0], 300.0),
            [100.0, 200.0]
        );
        assert_eq!(
            fit_widths(&[100.0, 200.0], &[200.0, 200.0], 300.0),
            [100.0, 200.0]
        );
    }

    #[test]
    fn hostile_content_flows_without_overlap_or_overflow() {
        let mut doc = Composer::new(Paper::Letter, info());
        let long_word = "x".repeat(400);
        doc.heading(&format!("A heading with {long_word}"), Level::H1);
        doc.paragraph(&format!("{long_word} and then words. ").repeat(30));
        // A row taller than a page is cut, not run off the page.
        let huge = "word ".repeat(3000);
        doc.table(&Table {
            columns: vec![
                Column::new("A very long header title that wraps", 1.0),
                Column::new("B", 0.2).right(),
            ],
            rows: vec![
                vec![Cell::text(huge.clone()), Cell::text("1")],
                vec![Cell::grade(GradeLevel::NotAssessed)],
            ],
        });
        doc.table(&Table::default());
        doc.tiles(
            &[Tile {
                label: long_word.clone(),
                value: "123,456,789,012 minutes".into(),
                detail: huge.chars().take(500).collect(),
                delta: Some(Delta {
                    text: long_word.clone(),
                    arrow: Arrow::Flat,
                    movement: Movement::Same,
                }),
            }],
            4,
        );
        doc.grade_grid(
            &[GradeCard {
                number: 1,
                title: huge.chars().take(300).collect(),
                grade: GradeLevel::Missing,
                note: long_word.clone(),
            }],
            2,
        );
        let empty = ChartSpec {
            id: "empty".into(),
            title: "All null".into(),
            kind: ChartKind::Bar,
            orientation: Orientation::Horizontal,
            x_label: String::new(),
            y_label: String::new(),
            unit: Unit::Count,
            currency: None,
            categories: vec!["佐藤".into(), long_word.clone()],
            series: vec![Series::new("s", vec![None, None])],
            reference: None,
            note: String::new(),
        };
        doc.chart(&empty).unwrap();
        let pdf = doc.finish().unwrap();
        let problems: Vec<String> = pdf.problems.iter().map(ToString::to_string).collect();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        assert!(pdf.pages >= 3);
        assert!(pdf.warnings.is_empty(), "{:?}", pdf.warnings);
    }

    #[test]
    fn an_invalid_chart_is_an_error_not_a_drawing() {
        let mut doc = Composer::new(Paper::A4, info());
        let bad = ChartSpec {
            id: "bad".into(),
            title: "Bad".into(),
            kind: ChartKind::Line,
            orientation: Orientation::Vertical,
            x_label: String::new(),
            y_label: String::new(),
            unit: Unit::Percent,
            currency: None,
            categories: vec!["a".into()],
            series: vec![Series::new("s", vec![Some(f64::NAN)])],
            reference: None,
            note: String::new(),
        };
        let err = doc.chart(&bad).unwrap_err();
        assert!(err.to_string().contains("not a finite number"), "{err}");
        assert!(doc.canvas().texts().is_empty(), "nothing was drawn");
    }

    #[test]
    fn a_table_repeats_its_header_and_never_splits_a_row() {
        let mut doc = Composer::new(Paper::A4, info());
        let rows: Vec<Vec<Cell>> = (0..120)
            .map(|i| vec![Cell::text(format!("row {i}")), Cell::text("two\nlines")])
            .collect();
        doc.table(&Table {
            columns: vec![Column::new("Name", 1.0), Column::new("Value", 1.0)],
            rows,
        });
        let pages = doc.page_count();
        assert!(pages >= 3);
        for p in 0..pages {
            let texts = doc.pages[p].texts();
            assert_eq!(
                texts.iter().filter(|t| t.text == "Name").count(),
                1,
                "header on page {}",
                p + 1
            );
            // Each row's two lines are on the same page as its name.
            let names = texts.iter().filter(|t| t.text.starts_with("row ")).count();
            let seconds = texts.iter().filter(|t| t.text == "lines").count();
            assert_eq!(names, seconds, "page {}", p + 1);
        }
        let pdf = doc.finish().unwrap();
        assert!(pdf.problems.is_empty());
    }
}
