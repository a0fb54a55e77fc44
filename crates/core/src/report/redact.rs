//! Masking personal data before it reaches paper: emails, phone numbers and names.
//!
//! The scorecard is emailed around; by default it carries no personal data:
//!
//! - email `jane.doe@acme.com` → `j***@a***.com` (first letter of the mailbox and of the
//!   domain, and the top-level domain);
//! - phone `+1 (415) 555-1234` → `+1 *** *** 1234` (the country code when written, and
//!   the last four digits; numbers of fewer than seven digits are masked whole);
//! - name `Zoë Łukasiewicz` → `Z. Ł.` (initials; hyphenated parts keep theirs:
//!   `Jean-Pierre Dupont` → `J.-P. D.`);
//! - free text (a note, an example value) has every email-like and phone-like run masked
//!   as above ([`redact_text`]).
//!
//! A [`Redactor`] applies these, or leaves everything as is for `--no-redact`.

/// Applies the redaction rules, or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Redactor {
    pub enabled: bool,
}

impl Default for Redactor {
    fn default() -> Self {
        Redactor { enabled: true }
    }
}

impl Redactor {
    pub fn new(enabled: bool) -> Self {
        Redactor { enabled }
    }
    pub fn email(&self, s: &str) -> String {
        if self.enabled {
            redact_email(s)
        } else {
            s.to_string()
        }
    }
    pub fn phone(&self, s: &str) -> String {
        if self.enabled {
            redact_phone(s)
        } else {
            s.to_string()
        }
    }
    pub fn name(&self, s: &str) -> String {
        if self.enabled {
            initials(s)
        } else {
            s.to_string()
        }
    }
    pub fn text(&self, s: &str) -> String {
        if self.enabled {
            redact_text(s)
        } else {
            s.to_string()
        }
    }
}

/// `jane.doe@acme.com` → `j***@a***.com`. Text with no `@` keeps only its first
/// character (`j***`); an empty string stays empty.
pub fn redact_email(email: &str) -> String {
    let email = email.trim();
    if email.is_empty() {
        return String::new();
    }
    let Some((local, domain)) = email.rsplit_once('@') else {
        return mask_word(email);
    };
    let local_part = mask_word(local);
    let domain = domain.trim_end_matches('.');
    let (host, tld) = match domain.rsplit_once('.') {
        Some((host, tld)) if !tld.is_empty() => (host, Some(tld)),
        _ => (domain, None),
    };
    let host_part = mask_word(host);
    match tld {
        Some(tld) => format!("{local_part}@{host_part}.{tld}"),
        None => format!("{local_part}@{host_part}"),
    }
}

fn mask_word(s: &str) -> String {
    match s.chars().next() {
        Some(c) => format!("{c}***"),
        None => "***".to_string(),
    }
}

/// `+1 (415) 555-1234` → `+1 *** *** 1234`; `(415) 555-1234` → `*** *** 1234`.
/// An extension (`x12`, `ext. 12`) is dropped; fewer than seven digits → `***`; an
/// empty value stays empty.
pub fn redact_phone(phone: &str) -> String {
    if phone.trim().is_empty() {
        return String::new();
    }
    // "x12", "ext. 12" and "#12" start an extension ("ext" is cut at its "x").
    let main = match phone.find(['x', 'X', '#']) {
        Some(i) => &phone[..i],
        None => phone,
    };
    let trimmed = main.trim().trim_end_matches(['e', 'E']).trim();
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 7 {
        return "***".to_string();
    }
    let last4 = &digits[digits.len() - 4..];
    let international = trimmed.starts_with('+') || trimmed.starts_with("00");
    if !international {
        return format!("*** *** {last4}");
    }
    let national = if trimmed.starts_with("00") {
        &digits[2..]
    } else {
        &digits[..]
    };
    // The country code as written (digits before the first separator), else by the
    // ITU numbering plan.
    let body = trimmed.trim_start_matches('+');
    let body = body.strip_prefix("00").unwrap_or(body);
    let first_group: String = body.chars().take_while(char::is_ascii_digit).collect();
    let separated = body.len() > first_group.len();
    let cc = if separated && (1..=3).contains(&first_group.len()) {
        first_group
    } else {
        national[..country_code_len(national).min(national.len())].to_string()
    };
    format!("+{cc} *** *** {last4}")
}

/// The length of the country calling code at the start of an international number.
fn country_code_len(digits: &str) -> usize {
    let two = |p: &str| digits.starts_with(p);
    if two("1") || two("7") {
        return 1;
    }
    const TWO: &[&str] = &[
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46",
        "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63",
        "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
    ];
    if TWO.iter().any(|p| digits.starts_with(p)) {
        2
    } else {
        3
    }
}

/// `Zoë Łukasiewicz` → `Z. Ł.`; `jean-pierre dupont` → `J.-P. D.`; `佐藤` → `佐.`.
/// Combining accents stay with their letter.
pub fn initials(name: &str) -> String {
    // Text with no letter or digit ("—", "-") names no one: keep it.
    if !name.chars().any(char::is_alphanumeric) {
        return name.trim().to_string();
    }
    name.split_whitespace()
        .filter_map(|word| {
            let parts: Vec<String> = word
                .split('-')
                .filter_map(|part| {
                    let mut chars = part.chars().skip_while(|c| !c.is_alphanumeric());
                    let first = chars.next()?;
                    let mut s: String = first.to_uppercase().collect();
                    s.extend(chars.take_while(|c| is_combining(*c)));
                    s.push('.');
                    Some(s)
                })
                .collect();
            (!parts.is_empty()).then(|| parts.join("-"))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Masks every email-like and phone-like run in free text, leaving the rest as is.
pub fn redact_text(text: &str) -> String {
    let emails_done = redact_emails_in(text);
    redact_phones_in(&emails_done)
}

fn is_email_char(c: char) -> bool {
    c.is_alphanumeric() || "._%+-'".contains(c)
}

fn redact_emails_in(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '@' {
            // Extend left over the mailbox and right over the domain.
            let mut start = i;
            while start > 0 && is_email_char(chars[start - 1]) {
                start -= 1;
            }
            let mut end = i + 1;
            while end < chars.len()
                && (chars[end].is_alphanumeric() || chars[end] == '.' || chars[end] == '-')
            {
                end += 1;
            }
            // Drop a trailing full stop that ends the sentence.
            while end > i + 1 && chars[end - 1] == '.' {
                end -= 1;
            }
            let domain: String = chars[i + 1..end].iter().collect();
            if start < i && domain.contains('.') {
                // Remove the mailbox characters already copied.
                let copied = i - start;
                for _ in 0..copied {
                    out.pop();
                }
                let email: String = chars[start..end].iter().collect();
                out.push_str(&redact_email(&email));
                i = end;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

fn redact_phones_in(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].is_ascii_digit()
            || (chars[i] == '+' && chars.get(i + 1).is_some_and(char::is_ascii_digit))
            || (chars[i] == '(' && chars.get(i + 1).is_some_and(char::is_ascii_digit));
        let prev_ok = i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '*');
        if starts && prev_ok {
            let mut end = i;
            let mut digits = 0;
            let mut last_digit_end = i;
            while end < chars.len() {
                let c = chars[end];
                if c.is_ascii_digit() {
                    digits += 1;
                    last_digit_end = end + 1;
                } else if !(c == ' '
                    || c == '-'
                    || c == '.'
                    || c == '('
                    || c == ')'
                    || (c == '+' && end == i))
                {
                    break;
                }
                end += 1;
            }
            let next_ok = last_digit_end >= chars.len() || !chars[last_digit_end].is_alphanumeric();
            let run: String = chars[i..last_digit_end].iter().collect();
            let separators = run.chars().filter(|c| !c.is_ascii_digit()).count();
            // A phone: 7 to 15 digits, and either written with a leading + or grouped
            // with separators (a bare 8-digit number could be an id or an amount).
            if (7..=15).contains(&digits)
                && next_ok
                && (run.starts_with('+') || run.starts_with('(') || separators >= 1)
                && !looks_like_date(&run)
            {
                out.push_str(&redact_phone(&run));
                i = last_digit_end;
                continue;
            }
            // Not a phone: copy the digit run as is.
            let copy_to = last_digit_end.max(i + 1);
            out.extend(&chars[i..copy_to]);
            i = copy_to;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// `2026-07-01`, `01.07.2026` and the like are dates, not phone numbers. (Amounts with
/// thousands commas never reach here: a comma ends a phone-like run.)
fn looks_like_date(run: &str) -> bool {
    let groups: Vec<&str> = run
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    groups.len() == 3
        && groups.iter().any(|g| g.len() == 4)
        && groups.iter().all(|g| g.len() <= 4)
        && !run.contains(' ')
        && (run.contains('-') || run.contains('.') || run.contains('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_keep_first_letters_and_the_tld() {
        assert_eq!(redact_email("jane.doe@acme.com"), "j***@a***.com");
        assert_eq!(
            redact_email(" Jane.Doe@Dunder-Mifflin.co.uk "),
            "J***@D***.uk"
        );
        assert_eq!(redact_email("zoë@łódź.pl"), "z***@ł***.pl");
        assert_eq!(redact_email("root@localhost"), "r***@l***");
        assert_eq!(redact_email("not an email"), "n***");
        assert_eq!(redact_email("@acme.com"), "***@a***.com");
        assert_eq!(redact_email(""), "");
    }

    #[test]
    fn phones_keep_the_country_code_and_last_four() {
        assert_eq!(redact_phone("+1 (415) 555-1234"), "+1 *** *** 1234");
        assert_eq!(redact_phone("+14155551234"), "+1 *** *** 1234");
        assert_eq!(redact_phone("+44 20 7946 0958"), "+44 *** *** 0958");
        assert_eq!(redact_phone("+442079460958"), "+44 *** *** 0958");
        assert_eq!(redact_phone("+353 1 234 5678"), "+353 *** *** 5678");
        assert_eq!(redact_phone("+3531234 5678"), "+353 *** *** 5678");
        assert_eq!(redact_phone("0049 30 1234567"), "+49 *** *** 4567");
        assert_eq!(redact_phone("(415) 555-1234"), "*** *** 1234");
        assert_eq!(redact_phone("415.555.1234 x789"), "*** *** 1234");
        assert_eq!(redact_phone("555-12"), "***");
        assert_eq!(redact_phone("+1 415 555 1234 ext. 12"), "+1 *** *** 1234");
        assert_eq!(redact_phone(""), "");
    }

    #[test]
    fn names_become_initials() {
        assert_eq!(initials("Zoë Łukasiewicz"), "Z. Ł.");
        assert_eq!(initials("jean-pierre dupont"), "J.-P. D.");
        assert_eq!(initials("  Ana   María  "), "A. M.");
        assert_eq!(initials("佐藤"), "佐.");
        assert_eq!(initials("O'Neil"), "O.");
        // A decomposed "É" (E + combining acute) keeps its accent.
        assert_eq!(initials("E\u{301}mile Zola"), "E\u{301}. Z.");
        assert_eq!(initials(""), "");
        assert_eq!(initials(" — "), "—");
    }

    #[test]
    fn free_text_loses_every_email_and_phone() {
        let text = "Call Jane on +1 (415) 555-1234 or jane.doe@acme.com. \
                    Deal 2026-07-01 worth 1,234,567 USD; lead id 48213377.";
        let out = redact_text(text);
        assert_eq!(
            out,
            "Call Jane on +1 *** *** 1234 or j***@a***.com. \
             Deal 2026-07-01 worth 1,234,567 USD; lead id 48213377."
        );
        assert!(!out.contains("555-1234"));
        assert!(!out.contains("jane.doe"));
        let out = redact_text("<b.smith@example.org>, 020 7946 0958");
        assert_eq!(out, "<b***@e***.org>, *** *** 0958");
    }

    #[test]
    fn the_redactor_can_be_switched_off() {
        let off = Redactor::new(false);
        assert_eq!(off.email("jane.doe@acme.com"), "jane.doe@acme.com");
        assert_eq!(off.name("Zoë Łukasiewicz"), "Zoë Łukasiewicz");
        let on = Redactor::default();
        assert_eq!(on.phone("+1 415 555 1234"), "+1 *** *** 1234");
        assert_eq!(on.text("mail a@b.io"), "mail a***@b***.io");
    }
}
