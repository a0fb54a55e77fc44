//! The second pass: reads the files back as written and counts every planted problem from
//! the rows themselves. The counts in `truth.json` come from here, and the generator checks
//! them against what it meant to plant.
//!
//! This module holds the vocabulary the recount shares with the tests (placeholder values,
//! lead statuses, stage outcomes, date parsing); [`quarter`] recounts a HubSpot quarter,
//! [`salesforce`] the Salesforce export, reading their files through [`read`].

mod figures;
mod identity;
mod quarter;
mod read;
mod salesforce;

use chrono::NaiveDate;

use crate::clock::{self, Min};

pub(crate) use figures::rate;
pub(crate) use quarter::recount_quarter;
pub(crate) use salesforce::recount_salesforce;

/// Values that stand in for "unknown".
pub const PLACEHOLDERS: [&str; 10] = [
    "select", "n/a", "na", "-", "none", "unknown", "null", "test", "asdf", ".",
];

/// Lead statuses that count a lead as still open (for the load against capacity).
pub const OPEN_STATUSES: [&str; 5] = [
    "NEW",
    "OPEN",
    "IN_PROGRESS",
    "ATTEMPTED_TO_CONTACT",
    "CONNECTED",
];

/// Lead statuses that say the lead was contacted.
pub const CONTACTED_STATUSES: [&str; 3] = ["ATTEMPTED_TO_CONTACT", "CONNECTED", "IN_PROGRESS"];

/// Won, lost or open, from a stage label: case, spaces and punctuation are ignored, and
/// "won"/"lost" alone count.
pub fn outcome(stage: &str) -> &'static str {
    let norm: String = stage
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    match norm.as_str() {
        "closedwon" | "won" => "won",
        "closedlost" | "lost" => "lost",
        _ => "open",
    }
}

/// `2026-04-03 09:14` → minutes.
pub fn parse_datetime(s: &str) -> Option<Min> {
    let b = s.as_bytes();
    if b.len() != 16 || b[4] != b'-' || b[7] != b'-' || b[10] != b' ' || b[13] != b':' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
    let d = NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)?;
    Some(clock::at(clock::day_of(d), num(11..13)?, num(14..16)?))
}

/// `2026-04-03` → day number.
pub fn parse_date(s: &str) -> Option<u32> {
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    Some(clock::day_of(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_from_stage_labels() {
        for s in ["Closed Won", "closedwon", "Closed won ", "Won", "won"] {
            assert_eq!(outcome(s), "won", "{s}");
        }
        for s in ["Closed Lost", "closed lost", "Closed-Lost", "closedlost"] {
            assert_eq!(outcome(s), "lost", "{s}");
        }
        assert_eq!(outcome("Contract Sent"), "open");
    }

    #[test]
    fn datetimes_parse() {
        assert_eq!(parse_datetime("2026-04-03 09:14").map(clock::hour), Some(9));
        assert_eq!(parse_datetime("2026-04-03"), None);
    }
}
