//! Text for terminals: what the command line prints from the input files (file names,
//! headers, values) may hold control characters, and an ESC sequence reaching a
//! terminal raw can rewrite the screen, change its title or worse. [`escape`] writes
//! every control character except the line break and the tab as a visible escape
//! (`\u{1b}`), as do Unicode's invisible direction overrides. The binary's printing
//! macros apply it to everything printed (see `main.rs`).

use std::borrow::Cow;

/// Whether `c` is escaped.
fn hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` with control characters written as `\u{…}` escapes.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_text_kept() {
        assert_eq!(escape("Ann\u{1b}[2J Lee"), "Ann\\u{1b}[2J Lee");
        assert_eq!(escape("a\rb\u{7}c\u{9b}d"), "a\\u{d}b\\u{7}c\\u{9b}d");
        assert_eq!(escape("evil\u{202e}txt.csv"), "evil\\u{202e}txt.csv");
        assert!(matches!(escape("Zoë\tŁ\n"), Cow::Borrowed("Zoë\tŁ\n")));
    }
}
