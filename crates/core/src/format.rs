//! How Lead Audit prints a number: the one rule, used by the CLI, the app (its views and
//! chart labels arrive formatted from here) and the PDF scorecard, so a figure reads the
//! same wherever a buyer meets it.
//!
//! The scorecard is read by finance and sales leaders, so figures are rounded the way a
//! board slide is, but never so far that rounding changes what a figure says:
//!
//! - **Percent** (a share between 0 and 1): whole percents from 10% up (`42%`), one
//!   decimal below 10% (`4.5%`, and `2%` when the decimal is 0), where a point matters
//!   (error rates, duplicates). Rounding never turns some into none or most into all: a
//!   share above 0 reads at least `<0.1%`, and a share below 1 at most `99.9%` (from 99.5%
//!   it keeps one decimal; `>99.9%` when even that would read 100). Only 0 reads `0%` and
//!   only 1 reads `100%`.
//! - **Percentage points** (the change of a share): the same decimals, signed: `+4 pts`,
//!   `−0.5 pts`.
//! - **Count**: a whole number with comma thousands separators (`12,345`); a count that is
//!   not whole (an average) has one decimal (`2.5`).
//! - **Duration** in minutes: below an hour in minutes (`12 min`), below a day in hours
//!   (`3.2 h`), else in days (`2.1 d`). Hours read in days from 48 h. Days read in days
//!   (`57 d`). Every duration has one decimal below 10 and none from 10 (`4.5 min`,
//!   `11 h`).
//! - **Ratio** (a coefficient such as the Gini of lead routing or an AUC): two decimals
//!   (`0.41`).
//! - **Money**: the ISO code, then the amount, compact from a thousand (`USD 950`,
//!   `USD 12.3k`, `USD 1.2M`).
//! - **No number**: [`NOT_AVAILABLE`] when the exports do not hold what a figure needs,
//!   [`NOT_REACHED`] when a median or percentile of speed was never reached (too many
//!   leads never contacted), and [`NO_VALUE`] (`–`) for an empty chart value or table cell.
//!   A value that is not finite reads `–` too.
//!
//! A negative change is written with the minus sign `−` (U+2212); a negative value (which
//! no figure of an audit has) with `-`.

use crate::present::{Reading, Unit};

/// The figure cannot be computed from the exports read.
pub const NOT_AVAILABLE: &str = "Not available";
/// A median or percentile of speed that was never reached: too many leads were never
/// contacted.
pub const NOT_REACHED: &str = "Not reached";
/// An empty chart value or table cell.
pub const NO_VALUE: &str = "–";

/// A share between 0 and 1 as a percentage: `42%`, `4.5%`, `<0.1%`, `99.6%`.
pub fn percent(share: f64) -> String {
    if !share.is_finite() {
        return NO_VALUE.to_owned();
    }
    if share == 0.0 || share == 1.0 {
        return format!("{}%", trim_zero(share * 100.0, 0));
    }
    let p = share * 100.0;
    let a = p.abs();
    let sign = if p < 0.0 { "-" } else { "" };
    if a < 0.05 {
        // A share above 0 is never "none"; below 0 is float noise around 0.
        return if p > 0.0 { "<0.1%" } else { "0%" }.to_owned();
    }
    if (9.95..99.5).contains(&a) || a > 100.0 {
        return format!("{sign}{}%", trim_zero(a, 0));
    }
    let s = trim_zero(a, 1);
    if s == "100" {
        return format!("{sign}>99.9%");
    }
    format!("{sign}{s}%")
}

/// `count` of `of` as a percentage (see [`percent`]); `–` when `of` is 0.
pub fn share(count: u64, of: u64) -> String {
    if of == 0 {
        return NO_VALUE.to_owned();
    }
    percent(count as f64 / of as f64)
}

/// The change of a share in percentage points, signed: `+4 pts`, `−0.5 pts`.
pub fn points(delta: f64) -> String {
    if !delta.is_finite() {
        return NO_VALUE.to_owned();
    }
    let pts = delta.abs() * 100.0;
    let body = if pts >= 9.95 {
        trim_zero(pts, 0)
    } else {
        trim_zero(pts, 1)
    };
    format!("{}{body} pts", sign_of(delta, &body))
}

/// A whole count with thousands separators: `12,345`.
pub fn count(n: u64) -> String {
    group_thousands(n.to_string())
}

/// A count that may be fractional: whole numbers grouped (`12,345`), others with one
/// decimal (`2.5`).
pub fn number(value: f64) -> String {
    if !value.is_finite() {
        return NO_VALUE.to_owned();
    }
    if value.fract() == 0.0 {
        let grouped = group_thousands(value.abs().round().to_string());
        if value < 0.0 {
            format!("-{grouped}")
        } else {
            grouped
        }
    } else {
        trim_zero(value, 1)
    }
}

/// `n` and the word that goes with it: `1 deal`, `2,400 deals`.
pub fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", count(n), if n == 1 { one } else { many })
}

/// A duration in minutes: `12 min`, `4.5 min`, `3.2 h`, `11 h`, `2.1 d`.
pub fn minutes(value: f64) -> String {
    if !value.is_finite() {
        return NO_VALUE.to_owned();
    }
    let a = value.abs();
    if a < 59.95 {
        format!("{} min", one_decimal_below_ten(value))
    } else if a < 1440.0 {
        format!("{} h", one_decimal_below_ten(value / 60.0))
    } else {
        format!("{} d", one_decimal_below_ten(value / 1440.0))
    }
}

/// A duration in hours: `3.2 h`, `11 h`, or in days from 48 h (`2.1 d`).
pub fn hours(value: f64) -> String {
    if !value.is_finite() {
        return NO_VALUE.to_owned();
    }
    if value.abs() < 48.0 {
        format!("{} h", one_decimal_below_ten(value))
    } else {
        format!("{} d", one_decimal_below_ten(value / 24.0))
    }
}

/// A duration in days: `57 d`, `2.5 d`.
pub fn days(value: f64) -> String {
    if !value.is_finite() {
        return NO_VALUE.to_owned();
    }
    format!("{} d", one_decimal_below_ten(value))
}

/// A coefficient (the Gini of lead routing, an AUC): `0.41`.
pub fn ratio(value: f64) -> String {
    if !value.is_finite() {
        return NO_VALUE.to_owned();
    }
    let s = format!("{value:.2}");
    if s == "-0.00" { "0.00".to_owned() } else { s }
}

/// An amount of money: the ISO code (when given), then the amount, compact from a
/// thousand: `USD 950`, `USD 12.3k`, `EUR 1.2M`.
pub fn money(value: f64, currency: Option<&str>) -> String {
    if !value.is_finite() {
        return NO_VALUE.to_owned();
    }
    let a = value.abs();
    let amount = if a >= 999_950.0 {
        format!("{}M", trim_zero(value / 1_000_000.0, 1))
    } else if a >= 1_000.0 {
        format!("{}k", trim_zero(value / 1_000.0, 1))
    } else {
        trim_zero(value, 0)
    };
    match currency.map(str::trim).filter(|c| !c.is_empty()) {
        Some(code) => format!("{code} {amount}"),
        None => amount,
    }
}

/// A figure as read from an audit: its number, [`NOT_REACHED`] or [`NOT_AVAILABLE`].
pub fn reading(unit: Unit, reading: Option<Reading>) -> String {
    match reading {
        Some(Reading::Number(v)) => unit.format(v, None),
        Some(Reading::NotReached(_)) => NOT_REACHED.to_owned(),
        None => NOT_AVAILABLE.to_owned(),
    }
}

/// How much a figure moved, in its unit and signed: shares in percentage points
/// (`+4 pts`), the rest as the figure reads (`−2.1 h`, `+120`, `−0.05`).
pub fn change(unit: Unit, delta: f64) -> String {
    if unit == Unit::Percent {
        return points(delta);
    }
    let body = unit.format(delta.abs(), None);
    format!("{}{body}", sign_of(delta, &body))
}

/// `+` or `−` for a change, none when it reads as zero.
fn sign_of(delta: f64, body: &str) -> &'static str {
    let zero = body.chars().filter(char::is_ascii_digit).all(|c| c == '0');
    if zero || delta == 0.0 {
        ""
    } else if delta > 0.0 {
        "+"
    } else {
        "−"
    }
}

/// `value` with `decimals` decimals, a trailing `.0` dropped, and never `-0`.
fn trim_zero(value: f64, decimals: usize) -> String {
    let s = format!("{value:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    };
    if s == "-0" { "0".to_owned() } else { s }
}

fn one_decimal_below_ten(value: f64) -> String {
    if value.abs() < 9.95 {
        trim_zero(value, 1)
    } else {
        trim_zero(value, 0)
    }
}

/// "1234567" → "1,234,567".
fn group_thousands(digits: String) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_are_whole_from_ten_and_never_round_to_none_or_all() {
        assert_eq!(percent(0.417), "42%");
        assert_eq!(percent(0.42), "42%");
        assert_eq!(percent(0.0996), "10%");
        assert_eq!(percent(0.045), "4.5%");
        assert_eq!(percent(0.02), "2%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(0.00001), "<0.1%");
        assert_eq!(percent(0.0004), "<0.1%");
        assert_eq!(percent(0.0005), "0.1%");
        assert_eq!(percent(0.994), "99%");
        assert_eq!(percent(0.996), "99.6%");
        assert_eq!(percent(0.99999), ">99.9%");
        assert_eq!(percent(f64::NAN), "–");
        assert_eq!(percent(-0.0001), "0%");
        assert_eq!(share(1425, 8800), "16%");
        assert_eq!(share(1, 100_000), "<0.1%");
        assert_eq!(share(99_999, 100_000), ">99.9%");
        assert_eq!(share(3, 3), "100%");
        assert_eq!(share(0, 3), "0%");
        assert_eq!(share(0, 0), "–");
    }

    #[test]
    fn changes_are_signed_in_points_or_in_the_figures_unit() {
        assert_eq!(points(0.04), "+4 pts");
        assert_eq!(points(-0.005), "−0.5 pts");
        assert_eq!(points(0.123), "+12 pts");
        assert_eq!(points(0.0), "0 pts");
        assert_eq!(change(Unit::Percent, 0.04), "+4 pts");
        assert_eq!(change(Unit::Minutes, -126.0), "−2.1 h");
        assert_eq!(change(Unit::Count, 120.0), "+120");
        assert_eq!(change(Unit::Ratio, -0.05), "−0.05");
        assert_eq!(change(Unit::Days, 0.0), "0 d");
    }

    #[test]
    fn counts_durations_ratios_and_money() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(6711), "6,711");
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(number(12_345.0), "12,345");
        assert_eq!(number(-1_234_567.0), "-1,234,567");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(plural(1, "deal", "deals"), "1 deal");
        assert_eq!(plural(2400, "deal", "deals"), "2,400 deals");
        assert_eq!(minutes(12.0), "12 min");
        assert_eq!(minutes(4.5), "4.5 min");
        assert_eq!(minutes(192.0), "3.2 h");
        assert_eq!(minutes(660.0), "11 h");
        assert_eq!(minutes(3024.0), "2.1 d");
        assert_eq!(hours(3.2), "3.2 h");
        assert_eq!(hours(50.4), "2.1 d");
        assert_eq!(days(57.0), "57 d");
        assert_eq!(days(2.5), "2.5 d");
        assert_eq!(ratio(0.412), "0.41");
        assert_eq!(ratio(-0.001), "0.00");
        assert_eq!(money(950.0, Some("USD")), "USD 950");
        assert_eq!(money(12_300.0, Some("USD")), "USD 12.3k");
        assert_eq!(money(1_200_000.0, Some("EUR")), "EUR 1.2M");
        assert_eq!(money(20_000.0, None), "20k");
        assert_eq!(minutes(f64::INFINITY), "–");
    }

    #[test]
    fn a_figure_without_a_number_says_why() {
        assert_eq!(reading(Unit::Percent, Some(Reading::Number(0.417))), "42%");
        assert_eq!(reading(Unit::Ratio, Some(Reading::Number(0.412))), "0.41");
        assert_eq!(
            reading(Unit::Minutes, Some(Reading::NotReached("not_reached"))),
            NOT_REACHED
        );
        assert_eq!(reading(Unit::Count, None), NOT_AVAILABLE);
    }
}
