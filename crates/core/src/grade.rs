//! A person's grade of one checklist item: the level, a note, an owner, a due date and,
//! for item 10, which human-escalation rules exist.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How far an item is in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GradeLevel {
    InPlace,
    Partial,
    Missing,
    NotAssessed,
}

impl GradeLevel {
    pub const ALL: [GradeLevel; 4] = [
        GradeLevel::InPlace,
        GradeLevel::Partial,
        GradeLevel::Missing,
        GradeLevel::NotAssessed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            GradeLevel::InPlace => "in_place",
            GradeLevel::Partial => "partial",
            GradeLevel::Missing => "missing",
            GradeLevel::NotAssessed => "not_assessed",
        }
    }

    /// How it reads to a person.
    pub fn label(self) -> &'static str {
        match self {
            GradeLevel::InPlace => "In place",
            GradeLevel::Partial => "Partial",
            GradeLevel::Missing => "Missing",
            GradeLevel::NotAssessed => "Not assessed",
        }
    }
}

impl std::fmt::Display for GradeLevel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for GradeLevel {
    type Err = String;
    /// Accepts `in_place`, `in-place`, `in place`, `partial`, `missing`, `not_assessed`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key: String = s
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        GradeLevel::ALL
            .into_iter()
            .find(|g| g.as_str().replace('_', "") == key)
            .ok_or_else(|| {
                format!("\"{s}\" is not a grade; use in_place, partial, missing or not_assessed")
            })
    }
}

/// The four human-escalation rules item 10 asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EscalationRule {
    /// The AI is unsure of its answer.
    LowConfidence,
    /// The deal is large.
    HighValue,
    /// The request is outside what the AI may handle.
    OutOfScope,
    /// The lead is upset, or the topic is sensitive.
    NegativeSensitive,
}

impl EscalationRule {
    pub const ALL: [EscalationRule; 4] = [
        EscalationRule::LowConfidence,
        EscalationRule::HighValue,
        EscalationRule::OutOfScope,
        EscalationRule::NegativeSensitive,
    ];

    pub fn label(self) -> &'static str {
        match self {
            EscalationRule::LowConfidence => "Low confidence",
            EscalationRule::HighValue => "High value",
            EscalationRule::OutOfScope => "Out of scope",
            EscalationRule::NegativeSensitive => "Negative or sensitive",
        }
    }
}

/// One item's grade, as the person set it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grade {
    pub grade: GradeLevel,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    /// Item 10 only: the escalation rules that exist.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub escalation: Vec<EscalationRule>,
}

impl Grade {
    pub fn new(grade: GradeLevel) -> Self {
        Grade {
            grade,
            note: String::new(),
            owner: String::new(),
            due: None,
            escalation: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_parse_leniently() {
        assert_eq!(
            "in place".parse::<GradeLevel>().unwrap(),
            GradeLevel::InPlace
        );
        assert_eq!(
            "In-Place".parse::<GradeLevel>().unwrap(),
            GradeLevel::InPlace
        );
        assert_eq!(
            "PARTIAL".parse::<GradeLevel>().unwrap(),
            GradeLevel::Partial
        );
        assert_eq!(
            "not_assessed".parse::<GradeLevel>().unwrap(),
            GradeLevel::NotAssessed
        );
        assert!("done".parse::<GradeLevel>().is_err());
    }

    #[test]
    fn grade_json() {
        let mut g = Grade::new(GradeLevel::Partial);
        g.owner = "Dana".into();
        g.escalation = vec![EscalationRule::HighValue];
        let json = serde_json::to_string(&g).unwrap();
        assert_eq!(
            json,
            r#"{"grade":"partial","note":"","owner":"Dana","due":null,"escalation":["high_value"]}"#
        );
        assert_eq!(serde_json::from_str::<Grade>(&json).unwrap(), g);
    }
}
