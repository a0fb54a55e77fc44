//! The settings screen's form: the workspace settings as the text a person types, read
//! back through the core's own parsers ([`leadaudit::settings`]), with one message per
//! field that does not parse.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use leadaudit::settings::{self, BusinessHours, Settings};
use serde::{Deserialize, Serialize};

/// The settings as text fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsForm {
    /// IANA time zone, e.g. "Europe/Berlin".
    pub timezone: String,
    /// The speed-to-lead target, e.g. "5m", "1h".
    pub sla: String,
    /// Targets per priority tier.
    pub sla_by_priority: Vec<PrioritySla>,
    /// Item 9's re-contact window after an intent signal, e.g. "1h".
    pub recontact: String,
    /// e.g. "Mon-Fri 09:00-17:00".
    pub business_hours: String,
    pub qualified_statuses: Vec<String>,
    pub placeholders: Vec<String>,
    /// A whole number of days.
    pub inactive_after_days: String,
    /// "YYYY-MM-DD", or empty for the latest date in the exports.
    pub as_of: String,
    /// Refuse a file with any ragged record (too many or too few fields) instead of
    /// setting such records aside.
    pub strict_rows: bool,
}

/// One row of the per-priority targets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrioritySla {
    pub priority: String,
    pub sla: String,
}

/// What the core made of a form: the messages by field (`timezone`, `sla`,
/// `sla_by_priority.N`, `recontact`, `business_hours`, `inactive_after_days`, `as_of`), and the
/// form as the core reads it back when there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SettingsCheck {
    pub errors: BTreeMap<String, String>,
    pub form: Option<SettingsForm>,
}

/// Minutes as the shortest text [`settings::parse_minutes`] reads back: 5 → "5m",
/// 90 → "1h30m", 1.5 → "1m30s".
pub fn minutes_text(minutes: f64) -> String {
    let total = (minutes * 60.0).round() as u64;
    if total == 0 {
        return "0m".to_owned();
    }
    let (d, h, m, s) = (
        total / 86_400,
        total / 3_600 % 24,
        total / 60 % 60,
        total % 60,
    );
    [(d, "d"), (h, "h"), (m, "m"), (s, "s")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n}{unit}"))
        .collect()
}

fn lines(list: &[String]) -> Vec<String> {
    list.iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

impl SettingsForm {
    pub fn of(s: &Settings) -> SettingsForm {
        SettingsForm {
            timezone: s.timezone.clone(),
            sla: minutes_text(s.sla_minutes),
            sla_by_priority: s
                .sla_by_priority
                .iter()
                .map(|(priority, m)| PrioritySla {
                    priority: priority.clone(),
                    sla: minutes_text(*m),
                })
                .collect(),
            recontact: minutes_text(s.recontact_minutes),
            business_hours: s.business_hours.to_string(),
            qualified_statuses: s.qualified_statuses.clone(),
            placeholders: s.placeholders.clone(),
            inactive_after_days: s.inactive_after_days.to_string(),
            as_of: s.as_of.map(|d| d.to_string()).unwrap_or_default(),
            strict_rows: s.strict_rows,
        }
    }

    /// The settings this form sets on top of `base` (settings the form does not show
    /// are kept), or a message for each field the core's parsers refuse.
    pub fn apply(&self, base: &Settings) -> Result<Settings, BTreeMap<String, String>> {
        let mut errors = BTreeMap::new();
        let mut out = base.clone();
        out.strict_rows = self.strict_rows;
        let tz = self.timezone.trim();
        match settings::check_timezone(tz) {
            Ok(()) => out.timezone = tz.to_owned(),
            Err(e) => {
                errors.insert("timezone".to_owned(), e.to_string());
            }
        }
        match settings::parse_minutes(&self.sla) {
            Ok(m) => out.sla_minutes = m,
            Err(e) => {
                errors.insert("sla".to_owned(), e.to_string());
            }
        }
        let mut by_priority = BTreeMap::new();
        for (i, row) in self.sla_by_priority.iter().enumerate() {
            let key = format!("sla_by_priority.{i}");
            let name = row.priority.trim();
            if name.is_empty() && row.sla.trim().is_empty() {
                continue;
            }
            if name.is_empty() {
                errors.insert(key, "name the priority this target is for".to_owned());
                continue;
            }
            if by_priority.contains_key(name) {
                errors.insert(key, format!("\"{name}\" is listed twice; keep one"));
                continue;
            }
            match settings::parse_minutes(&row.sla) {
                Ok(m) => {
                    by_priority.insert(name.to_owned(), m);
                }
                Err(e) => {
                    errors.insert(key, e.to_string());
                }
            }
        }
        out.sla_by_priority = by_priority;
        match settings::parse_minutes(&self.recontact) {
            Ok(m) => out.recontact_minutes = m,
            Err(e) => {
                errors.insert("recontact".to_owned(), e.to_string());
            }
        }
        match self.business_hours.parse::<BusinessHours>() {
            Ok(b) => out.business_hours = b,
            Err(e) => {
                errors.insert("business_hours".to_owned(), e.to_string());
            }
        }
        out.qualified_statuses = lines(&self.qualified_statuses);
        out.placeholders = lines(&self.placeholders);
        match self.inactive_after_days.trim().parse::<u32>() {
            Ok(d) => out.inactive_after_days = d,
            Err(_) => {
                errors.insert(
                    "inactive_after_days".to_owned(),
                    format!(
                        "\"{}\" is not a whole number of days; write it like 14",
                        self.inactive_after_days.trim()
                    ),
                );
            }
        }
        let as_of = self.as_of.trim();
        if as_of.is_empty() {
            out.as_of = None;
        } else {
            match as_of.parse::<NaiveDate>() {
                Ok(d) => out.as_of = Some(d),
                Err(_) => {
                    errors.insert(
                        "as_of".to_owned(),
                        format!(
                            "\"{as_of}\" is not a date; write it like 2026-06-30, or leave it empty to use the latest date in the exports"
                        ),
                    );
                }
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }

    /// Checks the form against `base`: the errors, or the form as the core reads it back.
    pub fn check(&self, base: &Settings) -> (SettingsCheck, Option<Settings>) {
        match self.apply(base) {
            Ok(s) => (
                SettingsCheck {
                    errors: BTreeMap::new(),
                    form: Some(SettingsForm::of(&s)),
                },
                Some(s),
            ),
            Err(errors) => (SettingsCheck { errors, form: None }, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_read_back_through_the_core() {
        for (m, text) in [
            (5.0, "5m"),
            (60.0, "1h"),
            (90.0, "1h30m"),
            (1.5, "1m30s"),
            (0.5, "30s"),
            (1440.0, "1d"),
            (0.0, "0m"),
        ] {
            assert_eq!(minutes_text(m), text);
            assert_eq!(settings::parse_minutes(text).unwrap(), m, "{text}");
        }
    }

    #[test]
    fn the_defaults_round_trip() {
        let defaults = Settings::default();
        let form = SettingsForm::of(&defaults);
        // The specified default: 1 h, 5 min for high-priority leads; item 9's window 1 h.
        assert_eq!(form.sla, "1h");
        let tiers: Vec<(&str, &str)> = form
            .sla_by_priority
            .iter()
            .map(|r| (r.priority.as_str(), r.sla.as_str()))
            .collect();
        assert_eq!(tiers, [("High", "5m"), ("Hot", "5m")]);
        assert_eq!(form.recontact, "1h");
        assert_eq!(form.business_hours, "Mon-Fri 09:00-17:00");
        assert_eq!(form.as_of, "");
        assert_eq!(form.apply(&defaults).unwrap(), defaults);
    }

    #[test]
    fn every_bad_field_gets_the_core_message() {
        let mut form = SettingsForm::of(&Settings::default());
        form.timezone = "Eastern".into();
        form.sla = "soon".into();
        form.recontact = "whenever".into();
        form.business_hours = "weekdays".into();
        form.inactive_after_days = "two weeks".into();
        form.as_of = "30/06/2026".into();
        form.sla_by_priority = vec![
            PrioritySla {
                priority: "High".into(),
                sla: "1m".into(),
            },
            PrioritySla {
                priority: " High ".into(),
                sla: "2m".into(),
            },
            PrioritySla {
                priority: "".into(),
                sla: "".into(),
            },
            PrioritySla {
                priority: "".into(),
                sla: "1h".into(),
            },
            PrioritySla {
                priority: "Low".into(),
                sla: "later".into(),
            },
        ];
        let errors = form.apply(&Settings::default()).unwrap_err();
        let keys: Vec<&str> = errors.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "as_of",
                "business_hours",
                "inactive_after_days",
                "recontact",
                "sla",
                "sla_by_priority.1",
                "sla_by_priority.3",
                "sla_by_priority.4",
                "timezone"
            ]
        );
        assert_eq!(
            errors["timezone"],
            settings::check_timezone("Eastern").unwrap_err().to_string()
        );
        assert_eq!(
            errors["sla"],
            "\"soon\" is not a duration; write it like 5m, 90s, 1h or 1h30m"
        );
        assert!(errors["business_hours"].contains("\"Mon-Fri 09:00-17:00\""));
        assert_eq!(
            errors["sla_by_priority.1"],
            "\"High\" is listed twice; keep one"
        );
    }

    #[test]
    fn edits_are_normalised_and_other_settings_kept() {
        let base = Settings {
            inactive_after_days: 30,
            ..Settings::default()
        };
        let mut form = SettingsForm::of(&base);
        form.timezone = " Europe/Berlin ".into();
        form.sla = "90".into();
        form.recontact = "30m".into();
        form.business_hours = "mon-thu 8:30-16:00".into();
        form.qualified_statuses = vec!["  SQL ".into(), "".into(), "Customer".into()];
        form.placeholders = vec![];
        form.as_of = "2026-06-30".into();
        form.strict_rows = true;
        form.sla_by_priority = vec![PrioritySla {
            priority: "Hot".into(),
            sla: "2m".into(),
        }];
        let (check, settings) = form.check(&base);
        assert!(check.errors.is_empty());
        let s = settings.unwrap();
        assert_eq!(s.timezone, "Europe/Berlin");
        assert_eq!(s.sla_minutes, 90.0);
        assert_eq!(s.recontact_minutes, 30.0);
        assert_eq!(s.qualified_statuses, ["SQL", "Customer"]);
        assert!(s.placeholders.is_empty());
        assert_eq!(s.inactive_after_days, 30);
        assert!(s.strict_rows);
        assert_eq!(s.sla_by_priority["Hot"], 2.0);
        let back = check.form.unwrap();
        assert_eq!(back.sla, "1h30m");
        assert_eq!(back.business_hours, "Mon-Thu 08:30-16:00");
        assert_eq!(back.as_of, "2026-06-30");
    }
}
