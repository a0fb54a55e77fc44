//! The embedded font: DejaVu Sans, regular and bold, shipped in `assets/fonts/` with its
//! licence and compiled into the binary, so every Latin, Greek and Cyrillic name renders
//! on any machine. Widths come from the font's own advance widths (`hmtx`), so measured
//! text is exactly as wide as the drawn text.
//!
//! DejaVu has no Chinese, Japanese or Korean glyphs. A character the font lacks is drawn
//! as the replacement mark U+FFFD (�): visible, never silently dropped, never a crash.

use std::sync::OnceLock;

use printpdf::ParsedFont;

/// DejaVu Sans's cap height (the height of "H") in em.
pub const CAP_HEIGHT_EM: f32 = 0.729;

/// The baseline that centres capitals vertically in a line box of `line_height` starting
/// at `top`, for text of `size` points.
pub fn baseline(top: f32, size: f32, line_height: f32) -> f32 {
    top + line_height / 2.0 + CAP_HEIGHT_EM * size / 2.0
}

const REGULAR_TTF: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans-Bold.ttf");

/// The replacement mark drawn for a character the font lacks.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weight {
    Regular,
    Bold,
}

/// The two faces, parsed once.
pub struct Fonts {
    regular: ParsedFont,
    bold: ParsedFont,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Fonts(DejaVu Sans, DejaVu Sans Bold)")
    }
}

impl Fonts {
    /// The embedded DejaVu Sans faces (parsed on first use).
    pub fn embedded() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| {
            let parse = |bytes: &[u8], name: &str| {
                let mut font = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
                    // The bytes are compiled in and checked by a test; this cannot fail
                    // on user data.
                    .expect("the embedded DejaVu Sans font parses");
                font.font_name = Some(name.to_string());
                font
            };
            Fonts {
                regular: parse(REGULAR_TTF, "DejaVuSans"),
                bold: parse(BOLD_TTF, "DejaVuSans-Bold"),
            }
        })
    }

    pub(crate) fn face(&self, weight: Weight) -> &ParsedFont {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// Whether the face has a glyph for `c`.
    pub fn has_glyph(&self, c: char, weight: Weight) -> bool {
        self.face(weight)
            .lookup_glyph_index(c as u32)
            .is_some_and(|gid| gid != 0)
    }

    /// The text as it will be drawn: control characters become spaces, characters the
    /// face lacks become U+FFFD.
    pub fn sanitize(&self, text: &str, weight: Weight) -> String {
        text.chars()
            .map(|c| {
                if c.is_control() {
                    ' '
                } else if self.has_glyph(c, weight) {
                    c
                } else {
                    REPLACEMENT
                }
            })
            .collect()
    }

    /// The width of `text` at `size` points, in points, as drawn (after [`Self::sanitize`]).
    pub fn width(&self, text: &str, size: f32, weight: Weight) -> f32 {
        let face = self.face(weight);
        let upem = f32::from(face.units_per_em.max(1));
        let units: u32 = text
            .chars()
            .map(|c| {
                let c = if c.is_control() { ' ' } else { c };
                let gid = face
                    .lookup_glyph_index(c as u32)
                    .filter(|g| *g != 0)
                    .or_else(|| face.lookup_glyph_index(REPLACEMENT as u32))
                    .unwrap_or(0);
                u32::from(face.get_glyph_width(gid).unwrap_or(0))
            })
            .sum();
        units as f32 / upem * size
    }

    /// Height above the baseline of the tallest glyphs, at `size` points.
    pub fn ascent(&self, size: f32) -> f32 {
        let f = &self.regular;
        f32::from(f.font_metrics.ascent) / f32::from(f.units_per_em.max(1)) * size
    }

    /// Depth below the baseline (a positive number), at `size` points.
    pub fn descent(&self, size: f32) -> f32 {
        let f = &self.regular;
        -f32::from(f.font_metrics.descent) / f32::from(f.units_per_em.max(1)) * size
    }

    /// Cap height (the height of "H") at `size` points: [`CAP_HEIGHT_EM`].
    pub fn cap_height(&self, size: f32) -> f32 {
        CAP_HEIGHT_EM * size
    }

    /// Cuts `text` to fit `max_width`, ending with "…" when it had to cut.
    pub fn truncate(&self, text: &str, size: f32, weight: Weight, max_width: f32) -> String {
        if self.width(text, size, weight) <= max_width {
            return text.to_string();
        }
        let ellipsis = '…';
        let mut out = String::new();
        for c in text.chars() {
            out.push(c);
            let candidate = format!("{}{ellipsis}", out.trim_end());
            if self.width(&candidate, size, weight) > max_width {
                out.pop();
                break;
            }
        }
        let kept = out.trim_end();
        if kept.is_empty() {
            if self.width("…", size, weight) <= max_width {
                "…".to_string()
            } else {
                String::new()
            }
        } else {
            format!("{kept}{ellipsis}")
        }
    }

    /// Breaks `text` into lines no wider than `max_width`: at spaces where it can, inside
    /// a word only when the word alone is too wide. Newlines in the text are kept.
    pub fn wrap(&self, text: &str, size: f32, weight: Weight, max_width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, size, weight) <= max_width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                if self.width(word, size, weight) <= max_width {
                    line = word.to_string();
                } else {
                    // Break an over-long word (a URL, an id) character by character.
                    for c in word.chars() {
                        line.push(c);
                        if self.width(&line, size, weight) > max_width && line.chars().count() > 1 {
                            line.pop();
                            lines.push(std::mem::take(&mut line));
                            line.push(c);
                        }
                    }
                }
            }
            lines.push(line);
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_faces_cover_european_names_but_not_cjk() {
        let f = Fonts::embedded();
        for c in "Zoë Łukasiewicz Ærøskøbing Ελληνικά Привет ▲▼–…€".chars()
        {
            assert!(f.has_glyph(c, Weight::Regular), "regular lacks {c:?}");
            assert!(f.has_glyph(c, Weight::Bold), "bold lacks {c:?}");
        }
        assert!(f.has_glyph(REPLACEMENT, Weight::Regular));
        assert!(f.has_glyph(REPLACEMENT, Weight::Bold));
        assert!(!f.has_glyph('佐', Weight::Regular));
        assert_eq!(
            f.sanitize("佐藤 Zoë\t!", Weight::Regular),
            "\u{FFFD}\u{FFFD} Zoë !"
        );
    }

    #[test]
    fn widths_are_the_fonts_advance_widths() {
        let f = Fonts::embedded();
        // DejaVu Sans: units per em 2048; "H" advances 1540 units, "i" 569 (regular).
        let h = f.width("H", 2048.0, Weight::Regular);
        let i = f.width("i", 2048.0, Weight::Regular);
        assert_eq!((h, i), (1540.0, 569.0));
        assert!(f.width("Hi", 10.0, Weight::Bold) > f.width("Hi", 10.0, Weight::Regular));
        assert_eq!(f.width("", 10.0, Weight::Regular), 0.0);
        // A missing glyph is as wide as the replacement mark it is drawn as.
        assert_eq!(
            f.width("佐", 10.0, Weight::Regular),
            f.width("\u{FFFD}", 10.0, Weight::Regular)
        );
    }

    #[test]
    fn wrapping_never_exceeds_the_width() {
        let f = Fonts::embedded();
        let text = "The scorecard lists what to fix first, in that order, each with its \
                    owner and evidence. https://example.invalid/a/very/long/path/that/cannot/break";
        for width in [40.0, 90.0, 200.0] {
            let lines = f.wrap(text, 9.0, Weight::Regular, width);
            assert!(lines.len() > 1);
            for l in &lines {
                assert!(
                    f.width(l, 9.0, Weight::Regular) <= width,
                    "{l:?} wider than {width}"
                );
            }
            let joined: String = lines.concat().split_whitespace().collect();
            let original: String = text.split_whitespace().collect();
            assert_eq!(joined, original, "no character lost");
        }
        assert_eq!(
            f.wrap("a\n\nb", 9.0, Weight::Regular, 100.0),
            ["a", "", "b"]
        );
    }

    #[test]
    fn truncation_adds_an_ellipsis_and_fits() {
        let f = Fonts::embedded();
        let t = f.truncate(
            "Zoë Łukasiewicz-Brzęczyszczykiewicz",
            9.0,
            Weight::Regular,
            60.0,
        );
        assert!(t.ends_with('…'));
        assert!(f.width(&t, 9.0, Weight::Regular) <= 60.0);
        assert_eq!(f.truncate("Short", 9.0, Weight::Regular, 60.0), "Short");
        assert_eq!(f.truncate("Short", 9.0, Weight::Regular, 0.5), "");
    }
}
