//! The workspace settings every stage reads: the time zone, the SLA, business hours,
//! which statuses count as qualified, which values are placeholders. One definition,
//! with the defaults the product promises.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

/// Errors in a setting's text form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    #[error(
        "business hours \"{0}\" are not of the form \"Mon-Fri 09:00-17:00\" (days, then opening and closing time)"
    )]
    BusinessHours(String),
    #[error("\"{0}\" is not a duration; write it like 5m, 90s, 1h or 1h30m")]
    Duration(String),
    #[error(
        "\"{0}\" is not a list of targets per priority; write it like high=5m,medium=1h (a priority, \"=\", a duration; pairs separated by commas)"
    )]
    PriorityTargets(String),
    #[error(
        "\"{0}\" is not a time zone; use an IANA name such as \"UTC\", \"Europe/Berlin\" or \"America/New_York\""
    )]
    TimeZone(String),
}

/// The settings of a workspace (and of one audit run).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// The IANA time zone of the business (business hours, hour of week, naive
    /// timestamps in the exports).
    pub timezone: String,
    /// The speed-to-lead target, in minutes, of a lead whose priority has no target of
    /// its own in `sla_by_priority` (every lead, when the leads carry no priority,
    /// rating or tier column).
    pub sla_minutes: f64,
    /// Targets per priority tier (the leads' `priority` value, compared ignoring case
    /// and punctuation → minutes); leads of other tiers use `sla_minutes`.
    pub sla_by_priority: BTreeMap<String, f64>,
    /// Item 9: how soon after an intent signal (pricing-page view, demo request) a lead
    /// must be contacted again, in minutes. Its own setting, not the first-touch SLA.
    pub recontact_minutes: f64,
    pub business_hours: BusinessHours,
    /// Lead statuses or lifecycle stages that count as qualified (compared ignoring
    /// case, spacing and punctuation).
    pub qualified_statuses: Vec<String>,
    /// Values that mean "not filled in" (compared ignoring case and surrounding space).
    pub placeholders: Vec<String>,
    /// An owner with no outbound activity in this many days before an assignment
    /// counts as inactive for it.
    pub inactive_after_days: u32,
    /// The day the exports were taken ("today" for dates in the future, deals past their
    /// close date). `None`: the latest date found in the exports.
    pub as_of: Option<NaiveDate>,
    /// The region (ISO 3166 two-letter code) of phone numbers written without a country
    /// code when the record's own country does not say.
    pub default_region: String,
    /// Refuse a file with any record that has too many or too few fields, instead of
    /// setting such records aside (what `--strict` does on the command line). Written out
    /// only when on, so files of workspaces that never set it are unchanged.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub strict_rows: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            timezone: "UTC".to_owned(),
            sla_minutes: DEFAULT_SLA_MINUTES,
            sla_by_priority: DEFAULT_SLA_BY_PRIORITY
                .iter()
                .map(|(k, v)| ((*k).to_owned(), *v))
                .collect(),
            recontact_minutes: DEFAULT_RECONTACT_MINUTES,
            business_hours: BusinessHours::default(),
            qualified_statuses: DEFAULT_QUALIFIED.iter().map(|s| (*s).to_owned()).collect(),
            placeholders: DEFAULT_PLACEHOLDERS
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            inactive_after_days: 14,
            as_of: None,
            default_region: "US".to_owned(),
            strict_rows: false,
        }
    }
}

/// The SLA target by default (PRODUCT.md, "SLA target"): 1 hour, for every lead
/// without a priority of its own target.
pub const DEFAULT_SLA_MINUTES: f64 = 60.0;

/// The targets per priority by default: 5 minutes for high-priority leads (a priority
/// "High", or a Salesforce rating "Hot"); every other lead has [`DEFAULT_SLA_MINUTES`].
pub const DEFAULT_SLA_BY_PRIORITY: &[(&str, f64)] = &[("High", 5.0), ("Hot", 5.0)];

/// Item 9's re-contact window by default: 1 hour.
pub const DEFAULT_RECONTACT_MINUTES: f64 = 60.0;

/// Statuses and lifecycle stages that count as qualified by default (PRODUCT.md,
/// "Qualification rate"): a lead that reached MQL, SAL, SQL, opportunity or customer, or
/// a status that says it qualified or converted. HubSpot lifecycle stages (labels and
/// internal names), HubSpot's `OPEN_DEAL` lead status, Salesforce's converted status.
/// Contact statuses ("Attempted to contact", "Connected", "Working - Contacted") say
/// that someone reached the lead, not that it qualified: they are not here.
pub const DEFAULT_QUALIFIED: &[&str] = &[
    "Marketing Qualified Lead",
    "marketingqualifiedlead",
    "MQL",
    "Sales Accepted Lead",
    "salesacceptedlead",
    "SAL",
    "Sales Qualified Lead",
    "salesqualifiedlead",
    "SQL",
    "Opportunity",
    "OPEN_DEAL",
    "Customer",
    "Evangelist",
    "Qualified",
    "Converted",
    "Closed - Converted",
];

/// Values that mean "not filled in" by default.
pub const DEFAULT_PLACEHOLDERS: &[&str] = &[
    "Select", "N/A", "NA", "-", "none", "unknown", "null", "test", "asdf", ".",
];

/// Opening hours: the days and the local time window (`start` inclusive, `end`
/// exclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct BusinessHours {
    pub days: Vec<Weekday>,
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl Default for BusinessHours {
    fn default() -> Self {
        BusinessHours {
            days: vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
            start: NaiveTime::from_hms_opt(9, 0, 0).expect("a valid time"),
            end: NaiveTime::from_hms_opt(17, 0, 0).expect("a valid time"),
        }
    }
}

const DAY_NAMES: [(&str, Weekday); 7] = [
    ("Mon", Weekday::Mon),
    ("Tue", Weekday::Tue),
    ("Wed", Weekday::Wed),
    ("Thu", Weekday::Thu),
    ("Fri", Weekday::Fri),
    ("Sat", Weekday::Sat),
    ("Sun", Weekday::Sun),
];

fn day(name: &str) -> Option<Weekday> {
    let name = name.trim();
    DAY_NAMES
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name.get(..3).unwrap_or(name)))
        .map(|&(_, d)| d)
}

fn day_name(d: Weekday) -> &'static str {
    DAY_NAMES
        .iter()
        .find(|(_, w)| *w == d)
        .map(|(n, _)| *n)
        .unwrap_or("Mon")
}

impl std::str::FromStr for BusinessHours {
    type Err = SettingsError;

    /// Parses "Mon-Fri 09:00-17:00", "Mon,Wed,Fri 8:30-16:00" or "Sun-Thu 09:00-18:00".
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || SettingsError::BusinessHours(s.to_owned());
        let (days_part, hours_part) = s.trim().split_once(' ').ok_or_else(bad)?;
        let mut days = Vec::new();
        for piece in days_part.split(',') {
            match piece.split_once('-') {
                Some((a, b)) => {
                    let (mut d, last) = (day(a).ok_or_else(bad)?, day(b).ok_or_else(bad)?);
                    loop {
                        if !days.contains(&d) {
                            days.push(d);
                        }
                        if d == last {
                            break;
                        }
                        d = d.succ();
                    }
                }
                None => {
                    let d = day(piece).ok_or_else(bad)?;
                    if !days.contains(&d) {
                        days.push(d);
                    }
                }
            }
        }
        let (a, b) = hours_part.trim().split_once('-').ok_or_else(bad)?;
        let start = NaiveTime::parse_from_str(a.trim(), "%H:%M").map_err(|_| bad())?;
        let end = NaiveTime::parse_from_str(b.trim(), "%H:%M").map_err(|_| bad())?;
        if days.is_empty() || start >= end {
            return Err(bad());
        }
        Ok(BusinessHours { days, start, end })
    }
}

impl std::fmt::Display for BusinessHours {
    /// Writes consecutive days as ranges: "Mon-Fri 09:00-17:00".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        let mut i = 0;
        while i < self.days.len() {
            let mut j = i;
            while j + 1 < self.days.len() && self.days[j].succ() == self.days[j + 1] {
                j += 1;
            }
            parts.push(if j > i {
                format!("{}-{}", day_name(self.days[i]), day_name(self.days[j]))
            } else {
                day_name(self.days[i]).to_owned()
            });
            i = j + 1;
        }
        write!(
            f,
            "{} {}-{}",
            parts.join(","),
            self.start.format("%H:%M"),
            self.end.format("%H:%M")
        )
    }
}

impl TryFrom<String> for BusinessHours {
    type Error = SettingsError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<BusinessHours> for String {
    fn from(b: BusinessHours) -> String {
        b.to_string()
    }
}

/// Parses a duration such as "5m", "90s", "1h", "1h30m" or a bare number of minutes,
/// into minutes.
pub fn parse_minutes(s: &str) -> Result<f64, SettingsError> {
    let bad = || SettingsError::Duration(s.to_owned());
    let t = s.trim().to_lowercase();
    if let Ok(n) = t.parse::<f64>() {
        return if n >= 0.0 { Ok(n) } else { Err(bad()) };
    }
    let mut total = 0.0;
    let mut number = String::new();
    let mut any = false;
    for c in t.chars() {
        if c.is_ascii_digit() || c == '.' {
            number.push(c);
            continue;
        }
        let n: f64 = number.parse().map_err(|_| bad())?;
        number.clear();
        total += match c {
            'd' => n * 1440.0,
            'h' => n * 60.0,
            'm' => n,
            's' => n / 60.0,
            _ => return Err(bad()),
        };
        any = true;
    }
    if !number.is_empty() || !any {
        return Err(bad());
    }
    Ok(total)
}

/// Parses targets per priority, "high=5m,medium=1h" (durations as [`parse_minutes`]
/// reads them), into priority → minutes. An empty text is no target per priority.
pub fn parse_priority_targets(s: &str) -> Result<BTreeMap<String, f64>, SettingsError> {
    let bad = || SettingsError::PriorityTargets(s.to_owned());
    let mut out = BTreeMap::new();
    for pair in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, duration) = pair.split_once('=').ok_or_else(bad)?;
        let name = name.trim();
        if name.is_empty() || out.contains_key(name) {
            return Err(bad());
        }
        out.insert(name.to_owned(), parse_minutes(duration)?);
    }
    Ok(out)
}

/// Checks an IANA time zone name.
pub fn check_timezone(tz: &str) -> Result<(), SettingsError> {
    tz.parse::<chrono_tz::Tz>()
        .map(|_| ())
        .map_err(|_| SettingsError::TimeZone(tz.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn business_hours_round_trip() {
        for text in [
            "Mon-Fri 09:00-17:00",
            "Sun-Thu 08:30-18:00",
            "Mon,Wed,Fri 10:00-12:00",
            "Sat 09:00-13:00",
        ] {
            let b: BusinessHours = text.parse().unwrap();
            assert_eq!(b.to_string(), text);
        }
        let b: BusinessHours = "mon-wed,fri 9:00-17:00".parse().unwrap();
        assert_eq!(b.to_string(), "Mon-Wed,Fri 09:00-17:00");
        assert_eq!(BusinessHours::default().to_string(), "Mon-Fri 09:00-17:00");
        for bad in [
            "",
            "Mon-Fri",
            "Funday 09:00-17:00",
            "Mon-Fri 17:00-09:00",
            "Mon-Fri 9-5",
        ] {
            assert!(bad.parse::<BusinessHours>().is_err(), "{bad}");
        }
    }

    #[test]
    fn durations() {
        assert_eq!(parse_minutes("5m").unwrap(), 5.0);
        assert_eq!(parse_minutes("5").unwrap(), 5.0);
        assert_eq!(parse_minutes("90s").unwrap(), 1.5);
        assert_eq!(parse_minutes("1h30m").unwrap(), 90.0);
        assert_eq!(parse_minutes("1d").unwrap(), 1440.0);
        assert_eq!(
            parse_minutes("soon").unwrap_err().to_string(),
            "\"soon\" is not a duration; write it like 5m, 90s, 1h or 1h30m"
        );
        assert!(parse_minutes("-5").is_err());
        assert!(parse_minutes("5x").is_err());
    }

    #[test]
    fn settings_serialize_with_defaults_filled_in() {
        let s: Settings = toml::from_str("sla_minutes = 60\n").unwrap();
        assert_eq!(s.sla_minutes, 60.0);
        assert_eq!(s.business_hours, BusinessHours::default());
        assert!(s.placeholders.iter().any(|p| p == "N/A"));
        let json = serde_json::to_value(Settings::default()).unwrap();
        assert_eq!(json["business_hours"], "Mon-Fri 09:00-17:00");
        assert!(toml::from_str::<Settings>("colour = 1\n").is_err());
        assert!(check_timezone("Europe/Berlin").is_ok());
        assert!(check_timezone("Eastern").is_err());
    }

    #[test]
    fn the_sla_default_is_the_specified_one() {
        // #13 defect 3: PRODUCT.md "SLA target": 5 min for high-priority leads, 1 h for
        // the others (and for every lead without a priority column); item 9's
        // re-contact window is its own setting, 1 h.
        let s = Settings::default();
        assert_eq!(s.sla_minutes, 60.0);
        assert_eq!(s.sla_by_priority.get("High"), Some(&5.0));
        assert_eq!(s.sla_by_priority.get("Hot"), Some(&5.0));
        assert_eq!(s.sla_by_priority.len(), 2);
        assert_eq!(s.recontact_minutes, 60.0);
        // A workspace saved before the window existed reads it as the default.
        let old: Settings = toml::from_str("sla_minutes = 5\n").unwrap();
        assert_eq!(old.recontact_minutes, 60.0);
    }

    #[test]
    fn priority_targets() {
        let t = parse_priority_targets("high=5m, medium = 1h").unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!(t["high"], 5.0);
        assert_eq!(t["medium"], 60.0);
        assert!(parse_priority_targets("").unwrap().is_empty());
        assert_eq!(
            parse_priority_targets("high").unwrap_err().to_string(),
            "\"high\" is not a list of targets per priority; write it like high=5m,medium=1h (a priority, \"=\", a duration; pairs separated by commas)"
        );
        assert!(parse_priority_targets("=5m").is_err());
        assert!(parse_priority_targets("high=5m,high=1h").is_err());
        assert_eq!(
            parse_priority_targets("high=soon").unwrap_err(),
            SettingsError::Duration("soon".to_owned())
        );
    }

    #[test]
    fn contact_statuses_are_not_qualified_by_default() {
        // #13 defect 2: PRODUCT.md counts MQL, SQL, SAL, opportunity and customer;
        // "attempted", "connected" and "working - contacted" are contact statuses.
        let key = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let q: Vec<String> = Settings::default()
            .qualified_statuses
            .iter()
            .map(|s| key(s))
            .collect();
        for contact in [
            "Working - Contacted",
            "CONNECTED",
            "ATTEMPTED_TO_CONTACT",
            "Attempted",
            "IN_PROGRESS",
            "Open - Not Contacted",
        ] {
            assert!(!q.contains(&key(contact)), "{contact} counts as qualified");
        }
        for qualified in [
            "MQL",
            "marketingqualifiedlead",
            "SQL",
            "Sales Qualified Lead",
            "SAL",
            "Opportunity",
            "Customer",
        ] {
            assert!(q.contains(&key(qualified)), "{qualified} is not qualified");
        }
    }

    #[test]
    fn default_region_is_us_unless_set() {
        assert_eq!(Settings::default().default_region, "US");
        let s: Settings = toml::from_str("default_region = \"GB\"\n").unwrap();
        assert_eq!(s.default_region, "GB");
        let s: Settings = toml::from_str("sla_minutes = 5\n").unwrap();
        assert_eq!(s.default_region, "US");
    }
}
