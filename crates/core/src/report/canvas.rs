//! One page's drawing, in points from the **top-left** corner (y grows downwards), turned
//! into printpdf operations. Every primitive saves and restores the graphics state, so no
//! colour, width or dash leaks into the next one.
//!
//! The canvas remembers where it put each piece of text and the extent of everything it
//! drew, so a renderer can be checked for overlapping text and for anything off the page
//! ([`Canvas::problems`]).

use printpdf::{
    FontId, Line, LineDashPattern, LinePoint, Op, PaintMode, PdfFontHandle, Point, Polygon,
    PolygonRing, Pt, Rect, TextItem, WindingOrder,
};
use serde::Serialize;

use super::fonts::{Fonts, Weight};
use super::theme::Colour;

/// The resource names of the two embedded faces. Fixed, so output is reproducible; the
/// first six letters double as the PDF subset tag.
pub(crate) const FONT_REGULAR: &str = "DJVSRG";
pub(crate) const FONT_BOLD: &str = "DJVSBD";

/// How a piece of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub size: f32,
    pub weight: Weight,
    pub colour: Colour,
}

impl TextStyle {
    pub const fn new(size: f32, weight: Weight, colour: Colour) -> Self {
        TextStyle {
            size,
            weight,
            colour,
        }
    }
}

/// Horizontal alignment of a piece of text against its x.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Centre,
    Right,
}

/// A stroke: colour, width in points, and an optional dash (on, off) in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    pub colour: Colour,
    pub width: f32,
    pub dash: Option<(f32, f32)>,
}

impl Stroke {
    pub const fn solid(colour: Colour, width: f32) -> Self {
        Stroke {
            colour,
            width,
            dash: None,
        }
    }

    pub const fn dashed(colour: Colour, width: f32, on: f32, off: f32) -> Self {
        Stroke {
            colour,
            width,
            dash: Some((on, off)),
        }
    }
}

/// An axis-aligned box in points from the top-left of the page.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bounds {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Bounds {
    pub fn right(&self) -> f32 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }
    /// Whether the two boxes share more than `tolerance` points in both directions.
    pub fn overlaps(&self, o: &Bounds, tolerance: f32) -> bool {
        let dx = self.right().min(o.right()) - self.x.max(o.x);
        let dy = self.bottom().min(o.bottom()) - self.y.max(o.y);
        dx > tolerance && dy > tolerance
    }
    pub fn inside(&self, o: &Bounds, tolerance: f32) -> bool {
        self.x >= o.x - tolerance
            && self.y >= o.y - tolerance
            && self.right() <= o.right() + tolerance
            && self.bottom() <= o.bottom() + tolerance
    }
}

/// Where a piece of text landed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacedText {
    pub text: String,
    pub bounds: Bounds,
}

/// Something a layout check found on a page (1-based page number).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum LayoutProblem {
    /// Two pieces of text overlap.
    Overlap {
        page: usize,
        first: PlacedText,
        second: PlacedText,
    },
    /// A piece of text runs outside the page's printable area.
    TextOffPage { page: usize, text: PlacedText },
    /// A drawing runs outside the page.
    ShapeOffPage { page: usize, bounds: Bounds },
}

impl std::fmt::Display for LayoutProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LayoutProblem::Overlap {
                page,
                first,
                second,
            } => write!(
                f,
                "page {page}: \"{}\" {:?} overlaps \"{}\" {:?}",
                first.text, first.bounds, second.text, second.bounds
            ),
            LayoutProblem::TextOffPage { page, text } => write!(
                f,
                "page {page}: \"{}\" {:?} runs off the printable area",
                text.text, text.bounds
            ),
            LayoutProblem::ShapeOffPage { page, bounds } => {
                write!(f, "page {page}: a shape {bounds:?} runs off the page")
            }
        }
    }
}

/// One page being drawn.
#[derive(Debug, Clone)]
pub struct Canvas {
    pub width: f32,
    pub height: f32,
    pub(crate) ops: Vec<Op>,
    texts: Vec<PlacedText>,
    shapes: Vec<Bounds>,
}

impl Canvas {
    pub fn new(width: f32, height: f32) -> Self {
        Canvas {
            width,
            height,
            ops: Vec::new(),
            texts: Vec::new(),
            shapes: Vec::new(),
        }
    }

    fn pt(&self, x: f32, y: f32) -> Point {
        Point {
            x: Pt(x),
            y: Pt(self.height - y),
        }
    }

    fn set_stroke(&mut self, s: &Stroke) {
        self.ops.push(Op::SetOutlineColor {
            col: s.colour.pdf(),
        });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(s.width) });
        if let Some((on, off)) = s.dash {
            self.ops.push(Op::SetLineDashPattern {
                dash: LineDashPattern::new(0.0, &[on, off]),
            });
        }
    }

    fn record_shape(&mut self, b: Bounds) {
        self.shapes.push(b);
    }

    /// Draws `text` with its baseline at `y`; `x` is its left edge, centre or right edge
    /// as `align` says. Returns the drawn width. The text is sanitised first (see
    /// [`Fonts::sanitize`]).
    pub fn text(
        &mut self,
        fonts: &Fonts,
        x: f32,
        baseline: f32,
        text: &str,
        style: &TextStyle,
        align: Align,
    ) -> f32 {
        let clean = fonts.sanitize(text, style.weight);
        if clean.trim().is_empty() {
            return 0.0;
        }
        let w = fonts.width(&clean, style.size, style.weight);
        let left = match align {
            Align::Left => x,
            Align::Centre => x - w / 2.0,
            Align::Right => x - w,
        };
        let font = match style.weight {
            Weight::Regular => FONT_REGULAR,
            Weight::Bold => FONT_BOLD,
        };
        self.ops.extend([
            Op::SaveGraphicsState,
            Op::SetFillColor {
                col: style.colour.pdf(),
            },
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(FontId(font.to_string())),
                size: Pt(style.size),
            },
            Op::SetTextCursor {
                pos: self.pt(left, baseline),
            },
            Op::ShowText {
                items: vec![TextItem::Text(clean.clone())],
            },
            Op::EndTextSection,
            Op::RestoreGraphicsState,
        ]);
        let ascent = fonts.cap_height(style.size);
        let descent = fonts.descent(style.size) * 0.8;
        self.texts.push(PlacedText {
            text: clean,
            bounds: Bounds {
                x: left,
                y: baseline - ascent,
                w,
                h: ascent + descent,
            },
        });
        w
    }

    /// A rectangle, filled and/or stroked.
    pub fn rect(
        &mut self,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Colour>,
        stroke: Option<&Stroke>,
    ) {
        if w <= 0.0 || h <= 0.0 || (fill.is_none() && stroke.is_none()) {
            return;
        }
        self.record_shape(Bounds { x, y, w, h });
        self.ops.push(Op::SaveGraphicsState);
        if let Some(c) = fill {
            self.ops.push(Op::SetFillColor { col: c.pdf() });
        }
        if let Some(s) = stroke {
            self.set_stroke(s);
        }
        let mode = match (fill.is_some(), stroke.is_some()) {
            (true, true) => PaintMode::FillStroke,
            (true, false) => PaintMode::Fill,
            _ => PaintMode::Stroke,
        };
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(self.height - y - h),
                width: Pt(w),
                height: Pt(h),
                mode: Some(mode),
                winding_order: Some(WindingOrder::NonZero),
            },
        });
        self.ops.push(Op::RestoreGraphicsState);
    }

    /// A rectangle with rounded corners of radius `r`.
    #[allow(clippy::too_many_arguments)]
    pub fn round_rect(
        &mut self,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        r: f32,
        fill: Option<Colour>,
        stroke: Option<&Stroke>,
    ) {
        if w <= 0.0 || h <= 0.0 || (fill.is_none() && stroke.is_none()) {
            return;
        }
        let r = r.min(w / 2.0).min(h / 2.0).max(0.0);
        const K: f32 = 0.552_284_8;
        let k = r * K;
        let (l, t, rt, b) = (x, y, x + w, y + h);
        let p = |x: f32, y: f32, bezier: bool| (x, y, bezier);
        let path = vec![
            p(l + r, t, false),
            p(rt - r, t, false),
            p(rt - r + k, t, true),
            p(rt, t + r - k, true),
            p(rt, t + r, false),
            p(rt, b - r, false),
            p(rt, b - r + k, true),
            p(rt - r + k, b, true),
            p(rt - r, b, false),
            p(l + r, b, false),
            p(l + r - k, b, true),
            p(l, b - r + k, true),
            p(l, b - r, false),
            p(l, t + r, false),
            p(l, t + r - k, true),
            p(l + r - k, t, true),
            p(l + r, t, false),
        ];
        self.path(&path, fill, stroke, Bounds { x, y, w, h });
    }

    /// A circle centred at (`cx`, `cy`).
    pub fn circle(
        &mut self,
        cx: f32,
        cy: f32,
        r: f32,
        fill: Option<Colour>,
        stroke: Option<&Stroke>,
    ) {
        self.round_rect(cx - r, cy - r, 2.0 * r, 2.0 * r, r, fill, stroke);
    }

    /// The left (`left = true`) or right half of a circle, filled.
    pub fn half_disc(&mut self, cx: f32, cy: f32, r: f32, left: bool, fill: Colour) {
        const K: f32 = 0.552_284_8;
        let k = r * K;
        let s = if left { -1.0 } else { 1.0 };
        let path = vec![
            (cx, cy - r, false),
            (cx + s * k, cy - r, true),
            (cx + s * r, cy - k, true),
            (cx + s * r, cy, false),
            (cx + s * r, cy + k, true),
            (cx + s * k, cy + r, true),
            (cx, cy + r, false),
        ];
        self.path(
            &path,
            Some(fill),
            None,
            Bounds {
                x: cx - r,
                y: cy - r,
                w: 2.0 * r,
                h: 2.0 * r,
            },
        );
    }

    /// A closed path of (x, y, is_bezier_handle) points, filled and/or stroked.
    fn path(
        &mut self,
        points: &[(f32, f32, bool)],
        fill: Option<Colour>,
        stroke: Option<&Stroke>,
        bounds: Bounds,
    ) {
        self.record_shape(bounds);
        self.ops.push(Op::SaveGraphicsState);
        if let Some(c) = fill {
            self.ops.push(Op::SetFillColor { col: c.pdf() });
        }
        if let Some(s) = stroke {
            self.set_stroke(s);
        }
        let mode = match (fill.is_some(), stroke.is_some()) {
            (true, true) => PaintMode::FillStroke,
            (true, false) => PaintMode::Fill,
            _ => PaintMode::Stroke,
        };
        let ring = PolygonRing {
            points: points
                .iter()
                .map(|&(x, y, bezier)| LinePoint {
                    p: self.pt(x, y),
                    bezier,
                })
                .collect(),
        };
        self.ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![ring],
                mode,
                winding_order: WindingOrder::NonZero,
            },
        });
        self.ops.push(Op::RestoreGraphicsState);
    }

    /// A filled and/or stroked polygon through `points`.
    pub fn polygon(
        &mut self,
        points: &[(f32, f32)],
        fill: Option<Colour>,
        stroke: Option<&Stroke>,
    ) {
        if points.len() < 3 {
            return;
        }
        let pts: Vec<_> = points.iter().map(|&(x, y)| (x, y, false)).collect();
        let b = bounds_of(points);
        self.path(&pts, fill, stroke, b);
    }

    /// An open line through `points`.
    pub fn polyline(&mut self, points: &[(f32, f32)], stroke: &Stroke) {
        if points.len() < 2 {
            return;
        }
        self.record_shape(bounds_of(points));
        self.ops.push(Op::SaveGraphicsState);
        self.set_stroke(stroke);
        self.ops.push(Op::DrawLine {
            line: Line {
                points: points
                    .iter()
                    .map(|&(x, y)| LinePoint {
                        p: self.pt(x, y),
                        bezier: false,
                    })
                    .collect(),
                is_closed: false,
            },
        });
        self.ops.push(Op::RestoreGraphicsState);
    }

    /// A straight line.
    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, stroke: &Stroke) {
        self.polyline(&[(x1, y1), (x2, y2)], stroke);
    }

    /// Diagonal hatching inside a rectangle (for patterns that survive greyscale).
    #[allow(clippy::too_many_arguments)]
    pub fn hatch(&mut self, x: f32, y: f32, w: f32, h: f32, colour: Colour, gap: f32, width: f32) {
        if w <= 0.5 || h <= 0.5 {
            return;
        }
        self.ops.push(Op::SaveGraphicsState);
        // Clip to the rectangle, then draw 45° lines across it.
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(self.height - y - h),
                width: Pt(w),
                height: Pt(h),
                mode: Some(PaintMode::Clip),
                winding_order: Some(WindingOrder::NonZero),
            },
        });
        let stroke = Stroke::solid(colour, width);
        self.set_stroke(&stroke);
        let mut t = -h;
        while t < w {
            let line = Line {
                points: vec![
                    LinePoint {
                        p: self.pt(x + t, y + h),
                        bezier: false,
                    },
                    LinePoint {
                        p: self.pt(x + t + h, y),
                        bezier: false,
                    },
                ],
                is_closed: false,
            };
            self.ops.push(Op::DrawLine { line });
            t += gap;
        }
        self.ops.push(Op::RestoreGraphicsState);
    }

    /// The text placed so far.
    pub fn texts(&self) -> &[PlacedText] {
        &self.texts
    }

    /// Overlapping text, text outside `printable`, and shapes outside the page.
    pub fn problems(&self, page: usize, printable: &Bounds) -> Vec<LayoutProblem> {
        let mut out = Vec::new();
        let sheet = Bounds {
            x: 0.0,
            y: 0.0,
            w: self.width,
            h: self.height,
        };
        for t in &self.texts {
            if !t.bounds.inside(printable, 0.5) {
                out.push(LayoutProblem::TextOffPage {
                    page,
                    text: t.clone(),
                });
            }
        }
        for (i, a) in self.texts.iter().enumerate() {
            for b in &self.texts[i + 1..] {
                if a.bounds.overlaps(&b.bounds, 0.3) {
                    out.push(LayoutProblem::Overlap {
                        page,
                        first: a.clone(),
                        second: b.clone(),
                    });
                }
            }
        }
        for s in &self.shapes {
            if !s.inside(&sheet, 0.5) {
                out.push(LayoutProblem::ShapeOffPage { page, bounds: *s });
            }
        }
        out
    }
}

fn bounds_of(points: &[(f32, f32)]) -> Bounds {
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for &(x, y) in points {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    Bounds {
        x: x0,
        y: y0,
        w: x1 - x0,
        h: y1 - y0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::theme::{INK, NAVY};

    #[test]
    fn overlapping_and_off_page_text_is_reported() {
        let fonts = Fonts::embedded();
        let style = TextStyle::new(10.0, Weight::Regular, INK);
        let mut c = Canvas::new(200.0, 100.0);
        let printable = Bounds {
            x: 10.0,
            y: 10.0,
            w: 180.0,
            h: 80.0,
        };
        c.text(fonts, 20.0, 30.0, "Hello", &style, Align::Left);
        c.text(fonts, 20.0, 50.0, "World", &style, Align::Left);
        assert!(c.problems(1, &printable).is_empty());
        c.text(fonts, 25.0, 32.0, "Clash", &style, Align::Left);
        c.text(fonts, 190.0, 70.0, "Off", &style, Align::Left);
        c.rect(150.0, 90.0, 80.0, 5.0, Some(NAVY), None);
        let problems = c.problems(1, &printable);
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(
            matches!(&problems[0], LayoutProblem::TextOffPage { text, .. } if text.text == "Off")
        );
        assert!(
            matches!(&problems[1], LayoutProblem::Overlap { first, second, .. }
            if first.text == "Hello" && second.text == "Clash")
        );
        assert!(matches!(problems[2], LayoutProblem::ShapeOffPage { .. }));
    }

    #[test]
    fn alignment_measures_the_text() {
        let fonts = Fonts::embedded();
        let style = TextStyle::new(10.0, Weight::Bold, INK);
        let mut c = Canvas::new(200.0, 100.0);
        let w = c.text(fonts, 100.0, 50.0, "Right", &style, Align::Right);
        let placed = &c.texts()[0].bounds;
        assert!((placed.right() - 100.0).abs() < 1e-3);
        assert!((placed.w - w).abs() < 1e-3);
        c.text(fonts, 100.0, 80.0, "Centre", &style, Align::Centre);
        let placed = &c.texts()[1].bounds;
        assert!((placed.x + placed.w / 2.0 - 100.0).abs() < 1e-3);
    }
}
