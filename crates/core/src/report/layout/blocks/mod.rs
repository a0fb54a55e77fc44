//! The building blocks a [`Composer`] draws, one kind a file: text (title, headings,
//! paragraphs, bullets), the banner and key-figure tiles, the grade cards and pills,
//! and tables.

use super::*;

mod figures;
pub(super) mod grades;
pub(super) mod table;
mod text;

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
