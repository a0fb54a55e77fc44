//! The ground truth written to `truth.json`: every planted count, recounted from the files
//! as written, and the person behind every record.

use std::collections::BTreeMap;

use serde::Serialize;
use serde::ser::SerializeMap;

/// A count out of a total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct Share {
    pub count: u64,
    pub of: u64,
}

/// Duplicate clusters of one quarter's contacts.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Duplicates {
    /// Contact records in the file.
    pub records: u64,
    /// Distinct people behind them (every record is in exactly one person's cluster).
    pub persons: u64,
    /// People with two or more records.
    pub clusters: u64,
    /// Records that belong to those clusters.
    pub records_in_clusters: u64,
    /// (records − persons) / records.
    pub duplicate_rate: f64,
    /// Clusters by how their records differ.
    pub by_kind: BTreeMap<String, u64>,
}

/// The planted problems of one quarter, each an exact count (see the sample README for the
/// definition of each).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Planted {
    pub stage_label_variants: BTreeMap<String, u64>,
    pub closed_missing_close_reason: u64,
    pub lost_missing_close_reason: u64,
    pub won_missing_close_reason: u64,
    pub closed_missing_owner: u64,
    pub deals_without_owner: u64,
    pub won_without_amount: u64,
    pub close_before_created: u64,
    pub closed_in_future: u64,
    pub closed_missing_close_date: u64,
    pub open_past_close_date: u64,
    pub outcome_not_on_lead: u64,
    pub converted_without_deal: u64,
    pub deal_without_lead: u64,
    pub placeholder_values: BTreeMap<String, BTreeMap<String, u64>>,
    pub label_variants: BTreeMap<String, BTreeMap<String, u64>>,
    pub industry_unrecognised: BTreeMap<String, u64>,
    pub free_mail_share: Share,
    pub scored_without_firmographics: u64,
    pub duplicate_clusters: Duplicates,
    pub duplicates_split_across_owners: u64,
    pub false_merge_traps: BTreeMap<String, u64>,
    pub assigned_while_out_of_office: u64,
    pub assigned_to_inactive_owner: u64,
    pub account_owner_mismatches: u64,
    pub unassigned: u64,
    pub over_capacity_owners: Vec<String>,
    pub night_breaches: u64,
    pub never_contacted: u64,
    pub touched_before_created: u64,
    pub breaches_never_followed_up: u64,
    pub intent_signals: u64,
    pub intent_not_followed_up: u64,
    pub contacted_without_activity: u64,
    pub won_without_activity: u64,
    pub orphan_activities: u64,
}

/// Speed to lead over all of a quarter's contacts, in clock minutes from Create Date to
/// the first outbound call, email or meeting at or after it. Buckets do not overlap.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Speed {
    pub within_5m: u64,
    pub within_30m: u64,
    pub within_1h: u64,
    pub within_24h: u64,
    pub later: u64,
    pub never: u64,
    /// `null` when the median falls among the never-contacted ("not reached").
    pub median_minutes: Option<f64>,
}

/// One owner's load.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OwnerLoad {
    pub owner: String,
    pub leads: u64,
    pub open_leads: u64,
}

/// Figures that are not planted but that the generator reports for checking baselines.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Figures {
    pub deals_won: u64,
    pub deals_lost: u64,
    pub deals_open: u64,
    /// Contacts at lifecycle `Customer` whose won deal is in the deals file.
    pub customers_with_won_deal: u64,
    pub lifecycle: BTreeMap<String, u64>,
    pub speed_to_lead: Speed,
    pub owners: Vec<OwnerLoad>,
}

/// The dates of a quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: String,
    pub to: String,
    pub export_date: String,
}

/// One quarter's truth.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuarterTruth {
    pub dir: String,
    pub period: Period,
    pub contacts: u64,
    pub deals: u64,
    pub activities: u64,
    pub planted: Planted,
    pub figures: Figures,
}

/// The Salesforce export's planted problems.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct SfPlanted {
    pub converted_without_opportunity: u64,
    pub opportunity_without_lead: u64,
    pub closed_missing_close_reason: u64,
    pub outcome_mismatch_with_hubspot: u64,
}

/// The Salesforce export's truth.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SfTruth {
    pub dir: String,
    pub quarter: String,
    pub leads: u64,
    pub opportunities: u64,
    pub converted: u64,
    pub footer_lines: u64,
    pub planted: SfPlanted,
}

/// `truth.json`.
#[derive(Debug, Serialize)]
pub(crate) struct Truth<'a> {
    pub(crate) generator: &'static str,
    pub(crate) seed: u64,
    pub(crate) profile: &'static str,
    pub(crate) contacts: u64,
    pub(crate) timezone: &'static str,
    pub(crate) quarters: BTreeMap<String, QuarterTruth>,
    pub(crate) salesforce: Option<SfTruthWithPersons<'a>>,
    /// The known truth of score readiness (#15).
    pub(crate) readiness: &'a super::scoring::ReadinessTruth,
    pub(crate) persons: PersonsMap<'a>,
}

#[derive(Debug, Serialize)]
pub(crate) struct SfTruthWithPersons<'a> {
    #[serde(flatten)]
    pub(crate) truth: &'a SfTruth,
    pub(crate) persons: SfPersons<'a>,
}

/// Record id → person id, streamed from the per-quarter lists.
#[derive(Debug)]
pub(crate) struct PersonsMap<'a>(pub(crate) &'a [Vec<(u64, u32)>]);

impl Serialize for PersonsMap<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let len = self.0.iter().map(Vec::len).sum();
        let mut m = s.serialize_map(Some(len))?;
        for list in self.0 {
            for (id, person) in list {
                m.serialize_entry(&id.to_string(), &person_id(*person))?;
            }
        }
        m.end()
    }
}

/// Lead id → person id.
#[derive(Debug)]
pub(crate) struct SfPersons<'a>(pub(crate) &'a [(String, u32)]);

impl Serialize for SfPersons<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (id, person) in self.0 {
            m.serialize_entry(id, &person_id(*person))?;
        }
        m.end()
    }
}

/// `P0000042`
pub fn person_id(n: u32) -> String {
    format!("P{n:07}")
}
