//! Text blocks: the title block, headings, paragraphs, captions and bullets.

use super::*;

impl Composer {
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
                    let cy = b - CAP_HEIGHT_EM * style.size / 2.0;
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
}
