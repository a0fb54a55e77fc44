//! Flowing content down pages: a [`Composer`] keeps a cursor, starts a new page when the
//! next piece does not fit, and draws the scorecard's building blocks: a title block,
//! headings, wrapped paragraphs, a verdict [`Banner`], key-figure [`Tile`]s, a grid of
//! grade cards ([`GradeCard`]), [`Table`]s that wrap their cells and repeat their header,
//! and charts. [`Composer::finish`] adds the running header and "page X of Y" footers and
//! writes the PDF.
//!
//! This file holds the composer itself (its cursor, pages, charts and `finish`); the
//! blocks it draws are in `blocks/`, the PDF writer and font subsetting in `pdf.rs`.

mod blocks;
mod pdf;
#[cfg(test)]
mod tests;

pub use blocks::grades::{grade_pill, pill_height, pill_width};
use pdf::write_pdf;

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    FontId, Mm, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions,
    TextItem,
};

use super::canvas::{
    Align, Bounds, Canvas, FONT_BOLD, FONT_REGULAR, LayoutProblem, PlacedText, Stroke, TextStyle,
};
use super::fonts::{CAP_HEIGHT_EM, Fonts, Weight, baseline};
use super::theme::line_height as lh;
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
