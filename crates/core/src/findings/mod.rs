//! Data-quality findings: the evidence for checklist items 1 (closed-won hygiene),
//! 2 (won/lost sync), 4 (enrichment), 5 (identity) and 11 (write-back).
//!
//! [`compute`] reads the canonical [`Tables`] and the workspace [`Settings`] and returns
//! [`Findings`]: a list of [`Finding`]s, each a measured share (`count` of `of`), a
//! sentence with the numbers, up to five example record ids and what to do about it.
//!
//! # The rules every finding follows
//! - `count` is the number of records (deals, leads, activities, clusters) that have the
//!   problem; `of` is the number examined. Severity: `info` when the problem is absent or
//!   small, `warning` when present, `critical` when its share is large enough to mislead a
//!   score (each finding has its own threshold: its [`Policy`]).
//! - Every finding is described once, by its [`Def`] (id, item, policy, fix, what it
//!   counts and of what, the fields it needs); [`DEFS`] lists them all, and the id list
//!   ([`FINDING_IDS`]), the "not assessed" findings and the checklist read them.
//! - A finding *fires* when its severity is `warning` or `critical`.
//! - Every finding of the minimum set is always present. When the input it needs is
//!   missing (no leads file, no activities, no creation dates), it is an `info` finding
//!   with `count` 0 and `of` 0 whose title starts with "Not assessed" and says why. A
//!   figure that cannot be computed is never shown as 0 of something.
//! - Findings that exist per field (`fill_rate`, `placeholder_values`, `label_variants`,
//!   `industry_unrecognised`) come once per field (and table) they apply to; the title
//!   names the field, and [`Finding::field`] carries it (`"field": "leads.industry"`, a
//!   key present only on these).
//! - Examples are record ids (accounts, which have none, by company name; records with
//!   no id by `file:line`). Emails, phones and names stay out of findings.
//!
//! # The day of the export (`as_of`)
//! `closed_in_future` and `open_past_close_date` compare dates with the day the exports
//! were taken: [`Settings::as_of`] when set. Otherwise it is derived from the data, as
//! the day after the last day the exports record something happening:
//!
//! 1. the latest local date (workspace time zone) of lead creation, conversion and
//!    first touch, deal creation and activities;
//! 2. extended through the close dates of closed deals that follow it without a gap of
//!    more than [`CLOSE_DATE_MAX_GAP_DAYS`] days (deals keep closing after the last
//!    record was created, as in an opportunity export; an isolated close date weeks
//!    later is a typed-in future date, not the export day);
//! 3. plus one day: an export shows the days before it was taken (a quarter's export is
//!    taken the morning after the quarter).
//!
//! Open deals' close dates are expected dates and never count. When the exports hold no
//! dates of the first kind, the day after the latest close date of a closed deal is used
//! and `closed_in_future` is not assessed (it could never fire).

mod as_of;
mod def;
pub mod enrichment;
#[cfg(test)]
pub(crate) mod fixture;
pub mod hygiene;
pub mod identity;
mod industries;
mod links;
mod measure;
pub mod normalise;
mod sources;
pub mod sync;
mod systems;
pub mod writeback;

use serde::{Deserialize, Serialize};

use crate::ingest::Tables;
use crate::settings::Settings;

pub use as_of::{AsOf, AsOfSource, Context, derive_as_of};
pub use def::{Def, Policy, percent, plural, thousands};
pub(crate) use def::{Draft, not_assessed, share};
pub(crate) use measure::{
    Check, Measured, closed, flag_or, is_missing_text, measure, record_ref, strings,
};
pub use sources::system_label;
pub(crate) use sources::{by_system, systems, with_systems};

/// Every finding's definition, item by item: the findings of each module in the order
/// [`compute`] returns them.
pub const DEFS: [Def; DEF_COUNT] = def::concat(&[
    &hygiene::DEFS,
    &sync::DEFS,
    &enrichment::DEFS,
    &identity::DEFS,
    &writeback::DEFS,
]);
const DEF_COUNT: usize = hygiene::DEFS.len()
    + sync::DEFS.len()
    + enrichment::DEFS.len()
    + identity::DEFS.len()
    + writeback::DEFS.len();

/// Every finding id and its item: the JSON contract, read from [`DEFS`]. Each is always
/// present in [`compute`]'s output (per-field ones at least once). One more,
/// `rows_set_aside` (item 1), comes from the import ([`rows_set_aside`]) when records
/// were set aside.
pub const FINDING_IDS: &[(&str, u8)] = &def::ids(&DEFS);

/// Close dates of closed deals extend the recorded days while no gap between them is
/// longer than this (a weekend and a holiday).
pub const CLOSE_DATE_MAX_GAP_DAYS: i64 = 3;

/// At most this many examples per finding.
pub const MAX_EXAMPLES: usize = 5;

/// Errors while computing findings.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FindingsError {
    #[error(
        "the {stage} findings could not be computed: {detail}; please report this with the files that caused it"
    )]
    Polars { stage: &'static str, detail: String },
    #[error(
        "the time zone \"{0}\" in the settings is not a time zone; use an IANA name such as \"UTC\" or \"Europe/Berlin\""
    )]
    TimeZone(String),
    #[error(
        "the default region \"{0}\" in the settings is not a region; use a two-letter country code such as \"US\", \"GB\" or \"DE\""
    )]
    Region(String),
}

impl FindingsError {
    pub(crate) fn polars(
        stage: &'static str,
    ) -> impl Fn(polars::prelude::PolarsError) -> FindingsError {
        move |e| FindingsError::Polars {
            stage,
            detail: e.to_string(),
        }
    }
}

/// How serious a finding is. Ordered most severe first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Critical,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One finding: `{"id", "item", "severity", "count", "of", "title", "detail",
/// "examples", "fix"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable id (part of the JSON contract), e.g. `closed_missing_close_reason`.
    pub id: String,
    /// The checklist item (1, 2, 4, 5 or 11).
    pub item: u8,
    pub severity: Severity,
    /// Records with the problem.
    pub count: u64,
    /// Records examined (0: not assessed).
    pub of: u64,
    /// One sentence with the numbers.
    pub title: String,
    /// More: breakdowns, the values found, tables.
    pub detail: String,
    /// Up to five record ids.
    pub examples: Vec<String>,
    /// What to do about it.
    pub fix: String,
    /// For per-field findings: `table.field`, e.g. `leads.industry` (in JSON only when
    /// set: it tells apart the findings of one id, e.g. when two audits are compared).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl Finding {
    /// Whether the finding reports a problem (warning or critical).
    pub fn fires(&self) -> bool {
        self.severity != Severity::Info
    }

    /// Whether the finding could not be assessed for lack of input.
    pub fn not_assessed(&self) -> bool {
        self.of == 0 && self.count == 0 && self.title.starts_with("Not assessed")
    }
}

/// All findings of one run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Findings {
    pub findings: Vec<Finding>,
}

impl Findings {
    /// The first finding with this id.
    pub fn get(&self, id: &str) -> Option<&Finding> {
        self.findings.iter().find(|f| f.id == id)
    }

    /// Every finding with this id (per-field findings come several times).
    pub fn all<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings.iter().filter(move |f| f.id == id)
    }

    /// The finding with this id for `table.field`.
    pub fn for_field(&self, id: &str, field: &str) -> Option<&Finding> {
        self.findings
            .iter()
            .find(|f| f.id == id && f.field.as_deref() == Some(field))
    }

    /// Grouped by item (ascending), most severe first within an item, then by share.
    pub fn sorted(&self) -> Vec<&Finding> {
        let mut v: Vec<&Finding> = self.findings.iter().collect();
        v.sort_by(|a, b| {
            a.item
                .cmp(&b.item)
                .then(a.severity.cmp(&b.severity))
                .then(share(b.count, b.of).total_cmp(&share(a.count, a.of)))
        });
        v
    }
}

/// Computes every finding.
pub fn compute(tables: &Tables, settings: &Settings) -> Result<Findings, FindingsError> {
    let ctx = Context::new(tables, settings)?;
    let mut findings = Vec::new();
    findings.extend(hygiene::findings(&ctx)?);
    findings.extend(sync::findings(&ctx)?);
    findings.extend(enrichment::findings(&ctx)?);
    findings.extend(identity::findings(&ctx)?);
    findings.extend(writeback::findings(&ctx)?);
    // A field no file has is the first reason a finding cannot be assessed.
    for f in &mut findings {
        if let Some(why) = lacking(tables, &f.id) {
            *f = Finding {
                field: f.field.take(),
                ..not_assessed(&f.id, f.item, &why, FIX_ABSENT)
            };
        }
    }
    Ok(Findings { findings })
}

const FIX_ABSENT: &str = "Export the file with that column, or name the column that holds it under [file.columns] in the mapping file, and run the audit again.";

/// Why finding `id` cannot be assessed for a field no file has, if so.
fn lacking(tables: &Tables, id: &str) -> Option<String> {
    let needs = DEFS.iter().find(|d| d.id == id)?.needs;
    needs.iter().find_map(|(kind, field)| {
        // Deals without a creation date of their own take their lead's.
        if id == "close_before_created"
            && *field == "created_at"
            && tables.created_from_lead.is_some()
        {
            return None;
        }
        tables.absence(*kind, field)
    })
}

/// The records the importer set aside because they had too many or too few fields
/// (checklist item 1, data hygiene): how many, the first lines of each file and what
/// was wrong. `None` when no record was set aside.
pub fn rows_set_aside(files: &[crate::ingest::FileReport]) -> Option<Finding> {
    let with: Vec<&crate::ingest::FileReport> =
        files.iter().filter(|f| f.rows_set_aside > 0).collect();
    if with.is_empty() {
        return None;
    }
    let count: u64 = with.iter().map(|f| f.rows_set_aside as u64).sum();
    let of: u64 = files
        .iter()
        .map(|f| (f.rows + f.rows_set_aside) as u64)
        .sum();
    let places: Vec<String> = with
        .iter()
        .map(|f| {
            let lines: Vec<String> = f.set_aside.iter().map(|r| r.line.to_string()).collect();
            let more = if f.rows_set_aside > f.set_aside.len() {
                ", …"
            } else {
                ""
            };
            format!("{} line(s) {}{more}", f.path, lines.join(", "))
        })
        .collect();
    let detail = with
        .iter()
        .flat_map(|f| {
            f.set_aside.iter().map(move |r| {
                format!(
                    "{}, line {}: {}",
                    f.path,
                    r.line,
                    crate::ingest::set_aside_problem(r, f.width)
                )
            })
        })
        .collect::<Vec<_>>()
        .join("\n");
    Some(Finding {
        id: "rows_set_aside".to_owned(),
        item: 1,
        severity: Severity::Warning,
        count,
        of,
        title: format!(
            "{} of {} records ({}) were set aside because they have too many or too few fields ({}).",
            thousands(count),
            thousands(of),
            percent(count, of),
            places.join("; ")
        ),
        detail,
        examples: with
            .iter()
            .flat_map(|f| f.set_aside.iter().map(move |r| format!("{}:{}", f.path, r.line)))
            .take(5)
            .collect(),
        fix: "Fix those lines in the export (a missing or extra delimiter, or an unbalanced quote) and import again; the figures leave these records out until then.".to_owned(),
        field: None,
    })
}

#[cfg(test)]
mod tests;
