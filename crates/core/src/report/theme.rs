//! The scorecard's look, in one place: a restrained palette (navy and blue, an amber
//! highlight, green / amber / red grades) and the type scale.
//!
//! Every colour pairing that carries meaning also carries a word, a pattern or a shape,
//! so a greyscale print reads the same.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Colour {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Colour {
    pub const fn hex(rgb: u32) -> Colour {
        Colour {
            r: ((rgb >> 16) & 0xff) as u8,
            g: ((rgb >> 8) & 0xff) as u8,
            b: (rgb & 0xff) as u8,
        }
    }

    /// Relative luminance (0 black … 1 white), as a greyscale print sees it.
    pub fn luminance(self) -> f32 {
        let lin = |c: u8| {
            let c = f32::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.r) + 0.7152 * lin(self.g) + 0.0722 * lin(self.b)
    }

    /// The straight mix of `self` and `other` (`t` = 0 → self, 1 → other).
    pub fn mix(self, other: Colour, t: f32) -> Colour {
        let t = t.clamp(0.0, 1.0);
        let m = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * t).round() as u8;
        Colour {
            r: m(self.r, other.r),
            g: m(self.g, other.g),
            b: m(self.b, other.b),
        }
    }

    /// White or ink, whichever reads better on this colour.
    pub fn text_on(self) -> Colour {
        if self.luminance() < 0.4 { WHITE } else { INK }
    }

    pub(crate) fn pdf(self) -> printpdf::Color {
        printpdf::Color::Rgb(printpdf::Rgb::new(
            f32::from(self.r) / 255.0,
            f32::from(self.g) / 255.0,
            f32::from(self.b) / 255.0,
            None,
        ))
    }
}

pub const WHITE: Colour = Colour::hex(0xFFFFFF);
/// Body text.
pub const INK: Colour = Colour::hex(0x1F2733);
/// Secondary text: captions, axis labels.
pub const MUTED: Colour = Colour::hex(0x5F6B7A);
/// Hairlines, table rules, gridlines.
pub const RULE: Colour = Colour::hex(0xD5DAE1);
pub const GRID: Colour = Colour::hex(0xE6E9EE);
/// Panel and zebra backgrounds.
pub const PANEL: Colour = Colour::hex(0xF4F6F9);

/// Headings, the primary series, the heatmap's dark end.
pub const NAVY: Colour = Colour::hex(0x1B2F55);
/// The accent.
pub const BLUE: Colour = Colour::hex(0x2F62B0);
pub const BLUE_MID: Colour = Colour::hex(0x7C9DD2);
pub const BLUE_LIGHT: Colour = Colour::hex(0xCCD9EF);
/// The highlight: breaches, reference lines, what to look at.
pub const AMBER: Colour = Colour::hex(0xD98A1C);
pub const AMBER_LIGHT: Colour = Colour::hex(0xF8DFB0);

pub const GREEN: Colour = Colour::hex(0x1E7A46);
pub const GREEN_LIGHT: Colour = Colour::hex(0xD6EEDF);
pub const RED: Colour = Colour::hex(0xB42318);
pub const RED_LIGHT: Colour = Colour::hex(0xF9DAD6);
pub const GREY: Colour = Colour::hex(0x8A94A3);

/// Type sizes, in points.
pub mod size {
    pub const TITLE: f32 = 22.0;
    pub const H1: f32 = 15.0;
    pub const H2: f32 = 11.5;
    pub const BODY: f32 = 9.0;
    pub const SMALL: f32 = 7.8;
    pub const TINY: f32 = 6.6;
    pub const FIGURE: f32 = 16.0;
}

/// Line height as a multiple of the type size.
pub const LEADING: f32 = 1.38;

/// The height of one line of text of `size` points.
pub fn line_height(size: f32) -> f32 {
    size * LEADING
}
