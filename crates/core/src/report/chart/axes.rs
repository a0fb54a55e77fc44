//! Axis labels: category labels that fit their slot, and the width of the value ticks.

use super::*;

/// Category labels that fit `slot`: wrapped to two lines when every word fits, else
/// one line on every k-th category. Returns the lines per category (empty when skipped)
/// and the number of lines the tallest label takes.
pub(super) fn category_labels(
    fonts: &Fonts,
    cats: &[String],
    slot: f32,
) -> (Vec<Vec<String>>, usize) {
    let avail = (slot - 3.0).max(1.0);
    let words_fit = cats.iter().all(|c| {
        c.split_whitespace()
            .all(|w| fonts.width(w, LABEL_SIZE, Weight::Regular) <= avail)
    });
    let wrapped: Vec<Vec<String>> = cats
        .iter()
        .map(|c| fonts.wrap(c, LABEL_SIZE, Weight::Regular, avail))
        .collect();
    if words_fit && wrapped.iter().all(|l| l.len() <= 2) {
        let n = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        return (wrapped, n);
    }
    let widest = cats
        .iter()
        .map(|c| fonts.width(c, LABEL_SIZE, Weight::Regular))
        .fold(0.0, f32::max);
    let k = ((widest + 4.0) / slot).ceil().max(1.0) as usize;
    let out = cats
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i % k == 0 {
                vec![fonts.truncate(c, LABEL_SIZE, Weight::Regular, k as f32 * slot - 4.0)]
            } else {
                Vec::new()
            }
        })
        .collect();
    (out, 1)
}

pub(super) fn tick_label_width(fonts: &Fonts, spec: &ChartSpec, scale: &Scale) -> f32 {
    scale
        .ticks()
        .iter()
        .map(|t| fonts.width(&spec.format(*t), LABEL_SIZE, Weight::Regular))
        .fold(0.0, f32::max)
}
