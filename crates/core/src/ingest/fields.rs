//! The canonical fields: the contract between the importer and everything downstream.
//!
//! Each kind of file (leads, deals, activities, owners, accounts) has a fixed list of
//! snake_case fields with a type, and the header names by which CRMs export them.
//! Header names are compared by [`header_key`]: case, spacing and punctuation do not
//! matter, so `Deal owner`, `Deal Owner`, `deal_owner` and `DealOwner` are one key.

mod deals;
mod leads;
mod other_kinds;

pub use deals::DEALS;
pub use leads::LEADS;
pub use other_kinds::{ACCOUNTS, ACTIVITIES, OWNERS};
use serde::{Deserialize, Serialize};

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Leads,
    Deals,
    Activities,
    Owners,
    Accounts,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Leads,
        Kind::Deals,
        Kind::Activities,
        Kind::Owners,
        Kind::Accounts,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Leads => "leads",
            Kind::Deals => "deals",
            Kind::Activities => "activities",
            Kind::Owners => "owners",
            Kind::Accounts => "accounts",
        }
    }

    /// The canonical fields of this kind, in their canonical order.
    pub fn fields(self) -> &'static [FieldSpec] {
        match self {
            Kind::Leads => LEADS,
            Kind::Deals => DEALS,
            Kind::Activities => ACTIVITIES,
            Kind::Owners => OWNERS,
            Kind::Accounts => ACCOUNTS,
        }
    }

    /// The field spec of `name` in this kind.
    pub fn field(self, name: &str) -> Option<&'static FieldSpec> {
        self.fields().iter().find(|f| f.name == name)
    }

    /// What a file of this kind must provide, as alternatives: each inner list is one
    /// requirement satisfied by any of its fields.
    pub fn required(self) -> &'static [&'static [&'static str]] {
        match self {
            Kind::Leads => &[&["id"], &["created_at"]],
            Kind::Deals => &[&["id"], &["stage", "outcome", "is_won"]],
            Kind::Activities => &[&["record_id"], &["timestamp"]],
            Kind::Owners => &[&["owner"]],
            Kind::Accounts => &[&["company"]],
        }
    }
}

/// What a field of `kind` is needed for: the figures and findings its absence disables
/// (empty for a field no figure needs).
pub fn needed_for(kind: Kind, field: &str) -> &'static [&'static str] {
    const ENRICHMENT: &[&str] = &["its fill rate among the enrichment fields (item 4)"];
    match (kind, field) {
        (Kind::Leads, "id") => &[
            "duplicate records by id",
            "the link from deals and activities to leads (lead → opportunity, lead → won, first touch from activities)",
        ],
        (Kind::Leads, "created_at") => &[
            "lead volume by period",
            "speed-to-lead and the response-time curve (item 7)",
            "qualification rate by period",
            "the impossible-date checks",
        ],
        (Kind::Leads, "owner") => &[
            "routing fairness (item 6)",
            "speed-to-lead by owner",
            "two reps, one person (item 5)",
        ],
        (Kind::Leads, "source") => &["speed-to-lead and conversion by source"],
        (Kind::Leads, "email") => &[
            "duplicates by email (item 5)",
            "the free-mail share (item 4)",
            "the link from deals to leads by email",
        ],
        (Kind::Leads, "phone") => &["duplicates by phone (item 5)"],
        (Kind::Leads, "status" | "lifecycle_stage") => &["qualification rate"],
        (Kind::Leads, "converted" | "converted_at") => {
            &["lead → opportunity for leads with no linked deal"]
        }
        (Kind::Leads, "first_touch_at") => &["speed-to-lead without activities"],
        (Kind::Leads, "priority") => &["the 5-minute SLA target for high-priority leads"],
        (Kind::Leads, "score" | "fit_score" | "engagement_score") => {
            &["fit vs engagement and each score's power (item 3)"]
        }
        (Kind::Leads, "company" | "title" | "industry" | "employees" | "country" | "domain") => {
            ENRICHMENT
        }
        (Kind::Deals, "id") => &["duplicate deals"],
        (Kind::Deals, "created_at") => &["cycle time", "deals created by period"],
        (Kind::Deals, "close_date") => &[
            "win rate by period",
            "cycle time",
            "the 20 most recent closed deals (item 1)",
            "the impossible-date checks",
        ],
        (Kind::Deals, "stage" | "outcome") => &[
            "win rate",
            "lead → won",
            "won-loss sync (item 2)",
            "stage-label variants (item 1)",
        ],
        (Kind::Deals, "amount") => &[
            "won deals with no amount (item 1)",
            "large deals with no human touch (item 10)",
        ],
        (Kind::Deals, "owner") => &["deals with no owner (item 11)"],
        (Kind::Deals, "close_reason") => &["closed deals missing a close reason (item 1)"],
        (Kind::Deals, "lead_id") => &[
            "lead → opportunity and lead → won by link",
            "won-loss sync (item 2)",
        ],
        (Kind::Deals, "contact_email") => &["the link from deals to leads by email"],
        (Kind::Activities, "record_id") => &["activities matched to their leads"],
        (Kind::Activities, "timestamp") => &[
            "first touch from activities (speed-to-lead)",
            "re-contact after intent (item 9)",
        ],
        (Kind::Activities, "type") => &["first touch (only calls, emails and meetings count)"],
        (Kind::Activities, "direction") => &[
            "first touch (only outbound activities count)",
            "inbound intent signals (item 9)",
        ],
        (Kind::Activities, "owner") => &["write-back by owner (item 11)"],
        (Kind::Owners, "active") => &["owners still receiving leads while inactive (item 6)"],
        (Kind::Owners, "capacity") => &["open load vs capacity (item 6)"],
        (Kind::Accounts, "owner") => &["account owner vs lead owner (item 6)"],
        _ => &[],
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                format!("unknown kind \"{s}\"; use leads, deals, activities, owners or accounts")
            })
    }
}

/// How a field's values are parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    /// Trimmed text; empty cells are null.
    Text,
    /// A point in time, stored in UTC; naive values are in the workspace time zone.
    Timestamp,
    /// A calendar date.
    Date,
    /// A number (currency symbols and thousands separators allowed).
    Number,
    /// yes/no, true/false, 1/0.
    Bool,
    /// A deal's outcome: open, won or lost.
    Outcome,
}

impl FieldType {
    pub fn is_temporal(self) -> bool {
        matches!(self, FieldType::Timestamp | FieldType::Date)
    }
}

/// One canonical field: its name, type, how much its presence says about the kind of
/// file (`weight`), and the header keys that CRMs use for it, best first.
#[derive(Debug)]
pub struct FieldSpec {
    pub name: &'static str,
    pub ty: FieldType,
    pub weight: u32,
    pub synonyms: &'static [&'static str],
}

const fn f(
    name: &'static str,
    ty: FieldType,
    weight: u32,
    synonyms: &'static [&'static str],
) -> FieldSpec {
    FieldSpec {
        name,
        ty,
        weight,
        synonyms,
    }
}

use FieldType::{Bool, Date, Number, Outcome, Text, Timestamp};

/// The key by which a header is recognised: lowercase ASCII letters and digits only
/// (accents folded), so case, spacing and punctuation do not matter.
pub fn header_key(header: &str) -> String {
    header
        .chars()
        .flat_map(|c| c.to_lowercase())
        .map(fold_accent)
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_keys_ignore_case_spacing_and_punctuation() {
        assert_eq!(header_key("Deal owner"), "dealowner");
        assert_eq!(header_key("Deal Owner"), "dealowner");
        assert_eq!(header_key("deal_owner"), "dealowner");
        assert_eq!(header_key(" Deal - Owner "), "dealowner");
        assert_eq!(header_key("Country/Region"), "countryregion");
        assert_eq!(header_key("Reason_For_Loss__s"), "reasonforlosss");
        assert_eq!(header_key("Fecha de creación"), "fechadecreacion");
    }

    #[test]
    fn every_synonym_is_a_key_and_unique_within_its_field() {
        for kind in Kind::ALL {
            for spec in kind.fields() {
                for (i, s) in spec.synonyms.iter().enumerate() {
                    assert_eq!(&header_key(s), s, "{kind}.{} synonym {s}", spec.name);
                    assert!(
                        !spec.synonyms[..i].contains(s),
                        "{kind}.{} repeats {s}",
                        spec.name
                    );
                }
            }
        }
    }

    #[test]
    fn required_fields_exist() {
        for kind in Kind::ALL {
            for alternatives in kind.required() {
                for name in *alternatives {
                    assert!(kind.field(name).is_some(), "{kind}.{name}");
                }
            }
        }
    }

    #[test]
    fn kinds_parse_from_their_names() {
        for kind in Kind::ALL {
            assert_eq!(kind.as_str().parse::<Kind>().unwrap(), kind);
        }
        assert!("contacts".parse::<Kind>().is_err());
    }
}
