//! The generator's clock: whole minutes since 2026-01-01 00:00, naive New York time (the
//! HubSpot portal's zone). April to September 2026 lies inside daylight saving time, so
//! there are no skipped or repeated local times in the periods generated.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

/// Minutes since 2026-01-01 00:00 local time.
pub(crate) type Min = u32;

pub(crate) const DAY: Min = 24 * 60;
pub(crate) const HOUR: Min = 60;

/// Day number (0 = 2026-01-01) of a date in 2026 or 2027.
pub(crate) fn day_of(date: NaiveDate) -> u32 {
    let epoch = NaiveDate::from_ymd_opt(2026, 1, 1).expect("valid date");
    u32::try_from((date - epoch).num_days()).expect("dates generated are after 2026-01-01")
}

/// The date of day number `day`.
pub(crate) fn date_of_day(day: u32) -> NaiveDate {
    let epoch = NaiveDate::from_ymd_opt(2026, 1, 1).expect("valid date");
    epoch + chrono::Days::new(u64::from(day))
}

/// A minute from a day number and a time of day.
pub(crate) fn at(day: u32, hour: u32, minute: u32) -> Min {
    day * DAY + hour * HOUR + minute
}

/// The day number of a minute.
pub(crate) fn day(m: Min) -> u32 {
    m / DAY
}

/// Minutes since midnight.
pub(crate) fn minute_of_day(m: Min) -> u32 {
    m % DAY
}

/// Hour of the day, 0..=23.
pub(crate) fn hour(m: Min) -> u32 {
    minute_of_day(m) / HOUR
}

/// 0 = Monday .. 6 = Sunday (2026-01-01 was a Thursday).
pub(crate) fn weekday_of_day(day: u32) -> u32 {
    (day + 3) % 7
}

pub(crate) fn is_weekend_day(day: u32) -> bool {
    weekday_of_day(day) >= 5
}

/// Monday to Friday, 08:00 to 17:59.
pub(crate) fn is_business(m: Min) -> bool {
    !is_weekend_day(day(m)) && (8..18).contains(&hour(m))
}

/// The first business-day morning (08:00) at or after the start of the day after `m`,
/// or of `m`'s own day when `m` is before 08:00 on a weekday.
pub(crate) fn next_morning(m: Min) -> Min {
    let mut d = day(m);
    if hour(m) >= 8 || is_weekend_day(d) {
        d += 1;
    }
    while is_weekend_day(d) {
        d += 1;
    }
    at(d, 8, 0)
}

/// `2026-04-03 09:14`
pub(crate) fn hubspot(m: Min, out: &mut String) {
    let d = date_of_day(day(m));
    let md = minute_of_day(m);
    let _ = write!(
        out,
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.year(),
        d.month(),
        d.day(),
        md / 60,
        md % 60
    );
}

/// `2026-04-03`
pub(crate) fn iso_date(day: u32, out: &mut String) {
    let d = date_of_day(day);
    let _ = write!(out, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
}

/// `7/14/2026 2:30 PM` (Salesforce report, US locale).
pub(crate) fn us_datetime(m: Min, out: &mut String) {
    us_date(day(m), out);
    let md = minute_of_day(m);
    let (h, mi) = (md / 60, md % 60);
    let (h12, ampm) = match h {
        0 => (12, "AM"),
        1..=11 => (h, "AM"),
        12 => (12, "PM"),
        _ => (h - 12, "PM"),
    };
    let _ = write!(out, " {h12}:{mi:02} {ampm}");
}

/// `7/14/2026`
pub(crate) fn us_date(day: u32, out: &mut String) {
    let d = date_of_day(day);
    let _ = write!(out, "{}/{}/{}", d.month(), d.day(), d.year());
}

/// A formatted value as an owned string.
pub(crate) fn fmt(f: impl FnOnce(&mut String)) -> String {
    let mut s = String::with_capacity(16);
    f(&mut s);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_the_exports() {
        let d = day_of(NaiveDate::from_ymd_opt(2026, 7, 14).unwrap());
        assert_eq!(fmt(|s| hubspot(at(d, 9, 5), s)), "2026-07-14 09:05");
        assert_eq!(fmt(|s| us_datetime(at(d, 14, 30), s)), "7/14/2026 2:30 PM");
        assert_eq!(fmt(|s| us_datetime(at(d, 0, 7), s)), "7/14/2026 12:07 AM");
        assert_eq!(fmt(|s| us_datetime(at(d, 12, 0), s)), "7/14/2026 12:00 PM");
        assert_eq!(fmt(|s| us_date(d, s)), "7/14/2026");
        assert_eq!(fmt(|s| iso_date(d, s)), "2026-07-14");
        assert_eq!(
            date_of_day(d),
            NaiveDate::from_ymd_opt(2026, 7, 14).unwrap()
        );
    }

    #[test]
    fn weekdays_and_mornings() {
        // 2026-07-14 is a Tuesday, 2026-07-18 a Saturday.
        let tue = day_of(NaiveDate::from_ymd_opt(2026, 7, 14).unwrap());
        assert_eq!(weekday_of_day(tue), 1);
        assert!(is_weekend_day(tue + 4));
        assert!(is_business(at(tue, 9, 0)));
        assert!(!is_business(at(tue, 18, 0)));
        assert_eq!(next_morning(at(tue, 2, 0)), at(tue, 8, 0));
        assert_eq!(next_morning(at(tue, 19, 0)), at(tue + 1, 8, 0));
        // Friday evening and Saturday go to Monday.
        assert_eq!(next_morning(at(tue + 3, 19, 0)), at(tue + 6, 8, 0));
        assert_eq!(next_morning(at(tue + 4, 3, 0)), at(tue + 6, 8, 0));
    }
}
