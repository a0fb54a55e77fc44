//! Axis labels: category labels that fit their slot, the width of the value ticks, and
//! the axis titles.

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

/// An axis title, bold and muted, cut to `max_w`: its line's top-left (or top-centre)
/// at `at`, as `align` says (a horizontal chart's category title above the plot on the
/// left, a value title centred under the tick labels). Nothing when `title` is empty.
pub(super) fn axis_title(
    c: &mut Canvas,
    fonts: &Fonts,
    title: &str,
    (x, top): (f32, f32),
    max_w: f32,
    align: Align,
) {
    if title.is_empty() {
        return;
    }
    let text = fonts.truncate(title, LABEL_SIZE, Weight::Bold, max_w);
    c.text(
        fonts,
        x,
        baseline(top, LABEL_SIZE, lh(LABEL_SIZE)),
        &text,
        &TextStyle::new(LABEL_SIZE, Weight::Bold, theme::MUTED),
        align,
    );
}
