//! Fictional phone numbers, written the many ways people type them.
//!
//! Every number comes from a range set aside for fiction or drama: NANP 555-0100..0199
//! (US and Canada), Ofcom's drama numbers (UK), the numbers the Bundesnetzagentur keeps for
//! film and TV (Germany), ACMA's fictional ranges (Australia) and ARCEP's (France).

use super::data::{CA_AREA_CODES, Country, US_AREA_CODES};

/// UK ranges: area code without its 0, the local head, the first digit of the last four.
const UK_RANGES: [(&str, &str, &str); 15] = [
    ("20", "7946", "0"),
    ("121", "496", "0"),
    ("117", "496", "0"),
    ("29", "2018", "0"),
    ("131", "496", "0"),
    ("141", "496", "0"),
    ("113", "496", "0"),
    ("116", "496", "0"),
    ("151", "496", "0"),
    ("161", "496", "0"),
    ("191", "498", "0"),
    ("115", "496", "0"),
    ("114", "496", "0"),
    ("28", "9649", "6"),
    ("7700", "900", ""),
];

/// German ranges: area code without its 0 and the local head; three more digits follow.
const DE_RANGES: [(&str, &str); 5] = [
    ("30", "23125"),
    ("40", "66969"),
    ("69", "90009"),
    ("89", "99998"),
    ("221", "4710"),
];

/// Australian ranges: area digit and the local head; four more digits follow.
const AU_RANGES: [(&str, &str); 8] = [
    ("2", "5550"),
    ("3", "5550"),
    ("7", "5550"),
    ("8", "5550"),
    ("2", "7010"),
    ("3", "7010"),
    ("7", "7010"),
    ("8", "7010"),
];

/// French ranges: the first three pairs of digits (without the 0); two more pairs follow.
const FR_RANGES: [(&str, &str, &str); 6] = [
    ("1", "99", "00"),
    ("2", "61", "91"),
    ("3", "53", "01"),
    ("4", "65", "71"),
    ("5", "36", "49"),
    ("6", "39", "98"),
];

/// How many distinct numbers a country's ranges hold. None is divisible by 191 or 193,
/// which keeps a number and a name from ever repeating together (see `plan::world`).
pub(crate) fn space(c: Country) -> u32 {
    match c {
        Country::Us => US_AREA_CODES.len() as u32 * 100,
        Country::Ca => CA_AREA_CODES.len() as u32 * 100,
        Country::Uk => UK_RANGES.len() as u32 * 1000,
        Country::De => DE_RANGES.len() as u32 * 1000,
        Country::Au => AU_RANGES.len() as u32 * 10_000,
        Country::Fr => FR_RANGES.len() as u32 * 10_000,
    }
}

/// How many ways of writing a number a country has.
pub(crate) fn styles(c: Country) -> u32 {
    match c {
        Country::Us | Country::Ca => 6,
        Country::De => 5,
        _ => 4,
    }
}

/// The international calling code.
pub(crate) fn calling_code(c: Country) -> &'static str {
    match c {
        Country::Us | Country::Ca => "1",
        Country::Uk => "44",
        Country::De => "49",
        Country::Au => "61",
        Country::Fr => "33",
    }
}

/// Number `idx` (taken modulo [`space`]) of country `c`, written in style `style` (taken
/// modulo [`styles`]).
pub(crate) fn format(c: Country, idx: u32, style: u32) -> String {
    let idx = idx % space(c);
    let style = style % styles(c);
    match c {
        Country::Us | Country::Ca => {
            let codes: &[&str] = if c == Country::Us {
                &US_AREA_CODES
            } else {
                &CA_AREA_CODES
            };
            let area = codes[(idx / 100) as usize];
            let line = 100 + idx % 100;
            match style {
                0 => format!("({area}) 555-{line:04}"),
                1 => format!("{area}-555-{line:04}"),
                2 => format!("+1 {area}-555-{line:04}"),
                3 => format!("{area}.555.{line:04}"),
                4 => format!("+1 ({area}) 555-{line:04}"),
                _ => format!("+1{area}555{line:04}"),
            }
        }
        Country::Uk => {
            let (area, head, first) = UK_RANGES[(idx / 1000) as usize];
            let n = idx % 1000;
            let tail = if first.is_empty() {
                format!("{n:03}")
            } else {
                format!("{first}{n:03}")
            };
            match style {
                0 => format!("0{area} {head} {tail}"),
                1 => format!("+44 {area} {head} {tail}"),
                2 => format!("+44 (0){area} {head} {tail}"),
                _ => format!("0{area}{head}{tail}"),
            }
        }
        Country::De => {
            let (area, head) = DE_RANGES[(idx / 1000) as usize];
            let n = idx % 1000;
            match style {
                0 => format!("0{area} {head}{n:03}"),
                1 => format!("+49 {area} {head}{n:03}"),
                2 => format!("+49 (0){area} {head}{n:03}"),
                3 => format!("0{area}/{head}{n:03}"),
                _ => format!("(0{area}) {head} {n:03}"),
            }
        }
        Country::Au => {
            let (area, head) = AU_RANGES[(idx / 10_000) as usize];
            let n = idx % 10_000;
            match style {
                0 => format!("(0{area}) {head} {n:04}"),
                1 => format!("+61 {area} {head} {n:04}"),
                2 => format!("0{area} {head} {n:04}"),
                _ => format!("0{area}{head}{n:04}"),
            }
        }
        Country::Fr => {
            let (a, b, c2) = FR_RANGES[(idx / 10_000) as usize];
            let n = idx % 10_000;
            let (d, e) = (n / 100, n % 100);
            match style {
                0 => format!("0{a} {b} {c2} {d:02} {e:02}"),
                1 => format!("+33 {a} {b} {c2} {d:02} {e:02}"),
                2 => format!("0{a}{b}{c2}{d:02}{e:02}"),
                _ => format!("+33 (0){a} {b} {c2} {d:02} {e:02}"),
            }
        }
    }
}

/// The number in E.164 form (`+14155550134`), for the ways [`format`] writes numbers;
/// national forms need the country. `None` for an empty value or a national number
/// without a country.
pub(crate) fn e164(raw: &str, country: Option<Country>) -> Option<String> {
    let cleaned = raw.replace("(0)", "");
    let digits: String = cleaned.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    if cleaned.trim_start().starts_with('+') {
        return Some(format!("+{digits}"));
    }
    let c = country?;
    let national = match c {
        Country::Us | Country::Ca if digits.len() == 11 && digits.starts_with('1') => &digits[1..],
        Country::Us | Country::Ca => &digits[..],
        _ => digits.strip_prefix('0').unwrap_or(&digits),
    };
    Some(format!("+{}{national}", calling_code(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_style_of_a_number_normalises_to_one_e164() {
        for c in Country::ALL {
            for idx in [0, 1, 57, space(c) - 1] {
                let forms: Vec<String> = (0..styles(c)).map(|s| format(c, idx, s)).collect();
                let first = e164(&forms[0], Some(c)).unwrap();
                for f in &forms {
                    assert_eq!(e164(f, Some(c)).as_deref(), Some(first.as_str()), "{f}");
                }
                let distinct: std::collections::HashSet<&String> = forms.iter().collect();
                assert_eq!(distinct.len(), forms.len(), "{forms:?}");
            }
        }
        assert_eq!(format(Country::Us, 34, 0), "(212) 555-0134");
        assert_eq!(format(Country::Uk, 123, 1), "+44 20 7946 0123");
        assert_eq!(format(Country::De, 123, 0), "030 23125123");
        assert_eq!(e164("+44 (0)20 7946 0123", None).unwrap(), "+442079460123");
    }

    #[test]
    fn numbers_are_distinct_within_a_country() {
        for c in Country::ALL {
            let all: std::collections::HashSet<String> = (0..space(c))
                .map(|i| e164(&format(c, i, 0), Some(c)).unwrap())
                .collect();
            assert_eq!(all.len() as u32, space(c), "{c:?}");
            assert!(!space(c).is_multiple_of(191) && !space(c).is_multiple_of(193));
        }
    }
}
