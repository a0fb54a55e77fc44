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
//!   score (each finding has its own threshold, see the submodules).
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

pub mod enrichment;
pub mod hygiene;
pub mod identity;
mod industries;
mod links;
pub mod normalise;
pub mod sync;
mod systems;
pub mod writeback;

use chrono::{DateTime, NaiveDate, TimeDelta};
use polars::prelude::*;
use serde::{Deserialize, Serialize};

use crate::format;
use crate::ingest::{Kind, Tables};
use crate::settings::Settings;

/// Every finding id and its item: the JSON contract. Each is always present in
/// [`compute`]'s output (per-field ones at least once). One more, `rows_set_aside`
/// (item 1), comes from the import ([`rows_set_aside`]) when records were set aside.
pub const FINDING_IDS: &[(&str, u8)] = &[
    ("stage_label_variants", 1),
    ("closed_missing_outcome", 1),
    ("closed_missing_close_reason", 1),
    ("closed_missing_owner", 1),
    ("closed_missing_close_date", 1),
    ("close_before_created", 1),
    ("closed_in_future", 1),
    ("won_without_amount", 1),
    ("open_past_close_date", 1),
    ("deal_missing_created", 1),
    ("deal_company_missing", 1),
    ("recent_closed_check", 1),
    ("no_lost_outcomes", 2),
    ("no_won_outcomes", 2),
    ("outcome_not_on_lead", 2),
    ("converted_without_deal", 2),
    ("deal_without_lead", 2),
    ("outcome_mismatch_between_systems", 2),
    ("fill_rate", 4),
    ("placeholder_values", 4),
    ("label_variants", 4),
    ("industry_unrecognised", 4),
    ("free_mail_share", 4),
    ("scored_without_firmographics", 4),
    ("duplicate_clusters", 5),
    ("duplicates_split_across_owners", 5),
    ("contacted_without_activity", 11),
    ("won_without_activity", 11),
    ("orphan_activities", 11),
    ("deals_without_owner", 11),
];

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
    pub(crate) fn polars(stage: &'static str) -> impl Fn(PolarsError) -> FindingsError {
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

/// The fields each finding needs, beyond its tables: when every file of the kind lacks
/// one ([`Tables::absence`]), the finding is not assessed and says which file lacks
/// what. (A deal's `outcome` stands for its stage, outcome or won flag.) Findings that
/// measure how often a field is empty (`closed_missing_owner`, `deal_missing_created`,
/// `won_without_amount`, …) are not here: a file without the column has it empty on
/// every record, and they say so.
const NEEDS: &[(&str, &[(Kind, &str)])] = &[
    ("stage_label_variants", &[(Kind::Deals, "outcome")]),
    ("closed_missing_outcome", &[(Kind::Deals, "outcome")]),
    ("closed_missing_close_reason", &[(Kind::Deals, "outcome")]),
    ("closed_missing_owner", &[(Kind::Deals, "outcome")]),
    ("closed_missing_close_date", &[(Kind::Deals, "outcome")]),
    (
        "close_before_created",
        &[(Kind::Deals, "close_date"), (Kind::Deals, "created_at")],
    ),
    (
        "closed_in_future",
        &[(Kind::Deals, "outcome"), (Kind::Deals, "close_date")],
    ),
    ("won_without_amount", &[(Kind::Deals, "outcome")]),
    (
        "open_past_close_date",
        &[(Kind::Deals, "outcome"), (Kind::Deals, "close_date")],
    ),
    ("recent_closed_check", &[(Kind::Deals, "outcome")]),
    ("no_lost_outcomes", &[(Kind::Deals, "outcome")]),
    ("no_won_outcomes", &[(Kind::Deals, "outcome")]),
    ("outcome_not_on_lead", &[(Kind::Deals, "outcome")]),
    (
        "outcome_mismatch_between_systems",
        &[(Kind::Deals, "outcome")],
    ),
    ("duplicates_split_across_owners", &[(Kind::Leads, "owner")]),
    (
        "contacted_without_activity",
        &[(Kind::Activities, "record_id"), (Kind::Leads, "id")],
    ),
    (
        "won_without_activity",
        &[(Kind::Deals, "outcome"), (Kind::Activities, "record_id")],
    ),
    (
        "orphan_activities",
        &[(Kind::Activities, "record_id"), (Kind::Leads, "id")],
    ),
];

/// Why finding `id` cannot be assessed for a field no file has, if so.
fn lacking(tables: &Tables, id: &str) -> Option<String> {
    let (_, needs) = NEEDS.iter().find(|(i, _)| *i == id)?;
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

/// Where the day of the export comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AsOfSource {
    /// `Settings::as_of`.
    Settings,
    /// The latest recorded event (see the module documentation).
    Events,
    /// Only close dates of closed deals were found.
    CloseDates,
}

/// The day of the export and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AsOf {
    pub date: NaiveDate,
    pub source: AsOfSource,
}

impl AsOf {
    /// "2026-09-30 (the latest date in the exports)".
    pub fn describe(&self) -> String {
        match self.source {
            AsOfSource::Settings => format!("{} (set in the settings)", self.date),
            AsOfSource::Events => format!(
                "{} (the latest date in the exports; set as_of in the settings to change it)",
                self.date
            ),
            AsOfSource::CloseDates => format!(
                "{} (the latest close date; set as_of in the settings to change it)",
                self.date
            ),
        }
    }
}

/// What every stage reads.
pub struct Context<'a> {
    pub tables: &'a Tables,
    pub settings: &'a Settings,
    pub tz: chrono_tz::Tz,
    pub as_of: Option<AsOf>,
    /// Deal–lead links, computed once for the stages that need them.
    links: std::cell::OnceCell<links::Links>,
}

impl<'a> Context<'a> {
    pub fn new(tables: &'a Tables, settings: &'a Settings) -> Result<Self, FindingsError> {
        let tz: chrono_tz::Tz = settings
            .timezone
            .parse()
            .map_err(|_| FindingsError::TimeZone(settings.timezone.clone()))?;
        let as_of = match settings.as_of {
            Some(date) => Some(AsOf {
                date,
                source: AsOfSource::Settings,
            }),
            None => derive_as_of(tables, tz)?,
        };
        Ok(Context {
            tables,
            settings,
            tz,
            as_of,
            links: std::cell::OnceCell::new(),
        })
    }

    /// The links between deals, leads and activities (computed on first use).
    pub(crate) fn links(&self) -> Result<&links::Links, FindingsError> {
        if let Some(l) = self.links.get() {
            return Ok(l);
        }
        let l = links::links(self.tables)?;
        Ok(self.links.get_or_init(|| l))
    }

    /// The workspace time zone as Polars names it.
    pub(crate) fn polars_tz(&self) -> TimeZone {
        TimeZone::opt_try_new(Some(self.settings.timezone.as_str()))
            .ok()
            .flatten()
            .unwrap_or(TimeZone::UTC)
    }

    /// The local calendar date of a UTC timestamp column.
    pub(crate) fn local_date(&self, name: &str) -> Expr {
        col(name)
            .dt()
            .convert_time_zone(self.polars_tz())
            .dt()
            .date()
    }
}

/// The day of the export, from the data (see the module documentation).
pub fn derive_as_of(tables: &Tables, tz: chrono_tz::Tz) -> Result<Option<AsOf>, FindingsError> {
    let stage = "export date";
    let mut latest_event: Option<i64> = None;
    let mut bump = |v: Option<i64>| {
        if let Some(v) = v {
            latest_event = Some(latest_event.map_or(v, |l: i64| l.max(v)));
        }
    };
    let sources: [(Option<&DataFrame>, &[&str]); 3] = [
        (
            tables.leads.as_ref(),
            &["created_at", "converted_at", "first_touch_at"],
        ),
        (tables.deals.as_ref(), &["created_at"]),
        (tables.activities.as_ref(), &["timestamp"]),
    ];
    for (df, columns) in sources {
        let Some(df) = df else { continue };
        let present: Vec<&str> = columns
            .iter()
            .copied()
            .filter(|c| df.column(c).is_ok())
            .collect();
        if present.is_empty() {
            continue;
        }
        let exprs: Vec<Expr> = present
            .iter()
            .map(|c| col(*c).cast(DataType::Int64).max().alias(*c))
            .collect();
        let out = df
            .clone()
            .lazy()
            .select(exprs)
            .collect()
            .map_err(FindingsError::polars(stage))?;
        for c in present {
            bump(scalar_i64(&out, c));
        }
    }
    let latest_event = latest_event
        .and_then(DateTime::from_timestamp_millis)
        .map(|t| t.with_timezone(&tz).date_naive());
    // Close dates of closed deals.
    let mut close_dates: Vec<NaiveDate> = Vec::new();
    if let Some(deals) = tables
        .deals
        .as_ref()
        .filter(|d| d.column("close_date").is_ok())
    {
        let out = deals
            .clone()
            .lazy()
            .filter(closed())
            .select([col("close_date").cast(DataType::Int32).alias("d")])
            .drop_nulls(None)
            .collect()
            .map_err(FindingsError::polars(stage))?;
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid date");
        if let Ok(ca) = out.column("d").and_then(|c| c.i32().cloned()) {
            close_dates.extend(
                ca.iter()
                    .flatten()
                    .filter_map(|d| epoch.checked_add_signed(TimeDelta::days(i64::from(d)))),
            );
        }
    }
    close_dates.sort_unstable();
    close_dates.dedup();
    let next_day = |d: NaiveDate| d + TimeDelta::days(1);
    Ok(match latest_event {
        Some(event) => {
            let mut last = event;
            for d in close_dates.iter().copied().filter(|d| *d > event) {
                if (d - last).num_days() > CLOSE_DATE_MAX_GAP_DAYS {
                    break;
                }
                last = d;
            }
            Some(AsOf {
                date: next_day(last),
                source: AsOfSource::Events,
            })
        }
        None => close_dates.last().map(|&d| AsOf {
            date: next_day(d),
            source: AsOfSource::CloseDates,
        }),
    })
}

fn scalar_i64(df: &DataFrame, name: &str) -> Option<i64> {
    df.column(name).ok()?.get(0).ok()?.extract::<i64>()
}

// ---------------------------------------------------------------------------------
// Shared expressions.

/// A deal that is closed: won or lost.
pub(crate) fn closed() -> Expr {
    col("outcome")
        .eq(lit("won"))
        .or(col("outcome").eq(lit("lost")))
}

/// A text value that is one of the placeholders (ignoring case and surrounding space),
/// or has no letter or digit at all ("-", "--", "?"). Computed once per distinct value.
pub(crate) fn is_placeholder(e: Expr, placeholders: &[String]) -> Expr {
    let list: Vec<String> = placeholders
        .iter()
        .map(|p| p.trim().to_lowercase())
        .collect();
    let list = Series::new("p".into(), list);
    crate::metrics::expr::per_distinct(e, DataType::Boolean, move |e| {
        let t = e.str().strip_chars(lit(NULL)).str().to_lowercase();
        t.clone()
            .is_in(lit(list.clone()).implode(false), false)
            .or(t.clone().str().contains(lit(r"[\p{L}\p{N}]"), false).not())
            .fill_null(lit(false))
    })
}

/// Empty (null) or a placeholder.
pub(crate) fn is_missing_text(e: Expr, placeholders: &[String]) -> Expr {
    e.clone().is_null().or(is_placeholder(e, placeholders))
}

/// How a record is named in examples: its id, else `file:line`.
pub(crate) fn record_ref() -> Expr {
    coalesce(&[
        col("id"),
        col("_file") + lit(":") + col("_line").cast(DataType::String),
    ])
}

/// A boolean column of `df`, nulls read as `default`; `default` when the column is absent
/// (tables built without the importer).
pub(crate) fn flag_or(df: &DataFrame, name: &str, default: bool) -> Expr {
    if df.column(name).is_ok() {
        col(name).fill_null(lit(default))
    } else {
        lit(default)
    }
}

// ---------------------------------------------------------------------------------
// Systems: which CRM each record was exported from (`_source`, set by the importer).

/// How a system is named in sentences.
pub fn system_label(source: &str) -> String {
    match source {
        "hubspot" => "HubSpot".to_owned(),
        "salesforce" => "Salesforce".to_owned(),
        "pipedrive" => "Pipedrive".to_owned(),
        "zoho" => "Zoho".to_owned(),
        "generic" => "an unrecognised system".to_owned(),
        other => other.to_owned(),
    }
}

/// The systems the records of `df` come from, in the order they first appear (none when
/// the table has no `_source` column).
pub(crate) fn systems(df: &DataFrame) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in strings(df, "_source").into_iter().flatten() {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    if df.column("_source").is_err() {
        out.clear();
    }
    out
}

/// The count of `check` in each system the records of `df` come from, when they come
/// from more than one: "By system: HubSpot 18 of 362, Salesforce 7 of 32." (systems
/// with nothing to examine are left out; `None` when fewer than two remain).
pub(crate) fn by_system(
    df: &DataFrame,
    check: &Check,
    stage: &'static str,
) -> Result<Option<String>, FindingsError> {
    let systems = systems(df);
    if systems.len() < 2 {
        return Ok(None);
    }
    let mut parts = Vec::new();
    for s in &systems {
        let lf = df.clone().lazy().filter(col("_source").eq(lit(s.as_str())));
        let m = measure(
            lf,
            &[Check::new(check.cond.clone(), check.of.clone())],
            stage,
        )?;
        if m[0].of > 0 {
            parts.push(format!(
                "{} {} of {}",
                system_label(s),
                thousands(m[0].count),
                thousands(m[0].of)
            ));
        }
    }
    Ok((parts.len() >= 2).then(|| format!("By system: {}.", parts.join(", "))))
}

/// `detail` with the by-system line (see [`by_system`]) appended when there is one.
pub(crate) fn with_systems(detail: String, line: Option<String>) -> String {
    match line {
        None => detail,
        Some(line) if detail.is_empty() => line,
        Some(line) => format!("{detail}\n{line}"),
    }
}

// ---------------------------------------------------------------------------------
// Measuring many conditions in one pass.

/// One condition to count over a table.
pub(crate) struct Check {
    /// The records with the problem.
    pub cond: Expr,
    /// The records examined.
    pub of: Expr,
    /// How an example record is named.
    pub example: Expr,
}

impl Check {
    pub fn new(cond: Expr, of: Expr) -> Self {
        Check {
            cond,
            of,
            example: record_ref(),
        }
    }
}

/// A measured check.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Measured {
    pub count: u64,
    pub of: u64,
    pub examples: Vec<String>,
}

/// Counts every check over `lf` in one collect.
pub(crate) fn measure(
    lf: LazyFrame,
    checks: &[Check],
    stage: &'static str,
) -> Result<Vec<Measured>, FindingsError> {
    if checks.is_empty() {
        return Ok(Vec::new());
    }
    let mut exprs = Vec::with_capacity(checks.len() * 3);
    // Conditions may be literals ("every record"): `_all` makes them one per row.
    let all = || col("_all");
    for (i, c) in checks.iter().enumerate() {
        let cond = c.cond.clone().fill_null(lit(false)).and(all());
        let of = c.of.clone().fill_null(lit(false)).and(all());
        exprs.push(
            cond.clone()
                .and(of.clone())
                .cast(DataType::UInt64)
                .sum()
                .alias(format!("n{i}")),
        );
        exprs.push(
            of.clone()
                .cast(DataType::UInt64)
                .sum()
                .alias(format!("o{i}")),
        );
        exprs.push(
            c.example
                .clone()
                .cast(DataType::String)
                .filter(cond.and(of))
                .head(Some(MAX_EXAMPLES))
                .implode(true)
                .alias(format!("e{i}")),
        );
    }
    let out = lf
        .with_column(lit(true).alias("_all"))
        .select(exprs)
        .collect()
        .map_err(FindingsError::polars(stage))?;
    let mut measured = Vec::with_capacity(checks.len());
    for i in 0..checks.len() {
        measured.push(Measured {
            count: scalar_u64(&out, &format!("n{i}")),
            of: scalar_u64(&out, &format!("o{i}")),
            examples: list_strings(&out, &format!("e{i}")),
        });
    }
    Ok(measured)
}

pub(crate) fn scalar_u64(df: &DataFrame, name: &str) -> u64 {
    df.column(name)
        .ok()
        .and_then(|c| c.get(0).ok())
        .and_then(|v| v.extract::<u64>())
        .unwrap_or(0)
}

pub(crate) fn list_strings(df: &DataFrame, name: &str) -> Vec<String> {
    let Ok(c) = df.column(name) else {
        return Vec::new();
    };
    match c.get(0) {
        Ok(AnyValue::List(s)) => s
            .str()
            .map(|ca| ca.iter().flatten().map(str::to_owned).collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The text values of a column, row by row.
pub(crate) fn strings(df: &DataFrame, name: &str) -> Vec<Option<String>> {
    match df.column(name).and_then(|c| c.cast(&DataType::String)) {
        Ok(c) => c
            .str()
            .map(|ca| ca.iter().map(|v| v.map(str::to_owned)).collect())
            .unwrap_or_default(),
        Err(_) => vec![None; df.height()],
    }
}

// ---------------------------------------------------------------------------------
// Building findings.

/// When a finding fires and when it is critical.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Policy {
    /// The share at or above which the finding is a warning (0: any count).
    pub warn_at: f64,
    /// The share at or above which it is critical.
    pub critical_at: f64,
}

impl Policy {
    /// A warning from the first record, critical from `critical_at`.
    pub const fn any(critical_at: f64) -> Self {
        Policy {
            warn_at: 0.0,
            critical_at,
        }
    }

    pub fn severity(self, count: u64, of: u64) -> Severity {
        if count == 0 || of == 0 {
            return Severity::Info;
        }
        let s = share(count, of);
        if s >= self.critical_at {
            Severity::Critical
        } else if s >= self.warn_at {
            Severity::Warning
        } else {
            Severity::Info
        }
    }
}

pub(crate) fn share(count: u64, of: u64) -> f64 {
    if of == 0 {
        0.0
    } else {
        count as f64 / of as f64
    }
}

/// A finding built from a measurement.
pub(crate) struct Draft {
    pub id: &'static str,
    pub item: u8,
    pub policy: Policy,
    pub title: String,
    pub detail: String,
    pub fix: &'static str,
}

impl Draft {
    pub fn finish(self, m: Measured) -> Finding {
        Finding {
            id: self.id.to_owned(),
            item: self.item,
            severity: self.policy.severity(m.count, m.of),
            count: m.count,
            of: m.of,
            title: self.title,
            detail: self.detail,
            examples: m.examples.into_iter().take(MAX_EXAMPLES).collect(),
            fix: self.fix.to_owned(),
            field: None,
        }
    }
}

/// A finding that could not be assessed: `why` completes "Not assessed: ...".
pub(crate) fn not_assessed(id: &str, item: u8, why: &str, fix: &str) -> Finding {
    Finding {
        id: id.to_owned(),
        item,
        severity: Severity::Info,
        count: 0,
        of: 0,
        title: format!("Not assessed: {why}."),
        detail: String::new(),
        examples: Vec::new(),
        fix: fix.to_owned(),
        field: None,
    }
}

/// 12345 → "12,345" ([`format::count`]).
pub fn thousands(n: u64) -> String {
    format::count(n)
}

/// `count` of `of` as a percentage ([`format::share`]): "16%", "4.5%", "<0.1%".
pub fn percent(count: u64, of: u64) -> String {
    format::share(count, of)
}

/// "1 deal" / "2 deals" ([`format::plural`]).
pub fn plural(n: u64, one: &str, many: &str) -> String {
    format::plural(n, one, many)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_files_every_finding_says_why() {
        let f = compute(&Tables::default(), &Settings::default()).unwrap();
        for (id, item) in FINDING_IDS {
            let x = f.get(id).unwrap_or_else(|| panic!("{id} missing"));
            assert_eq!(x.item, *item, "{id}");
            assert!(x.not_assessed(), "{x:?}");
            assert!(x.title.len() > "Not assessed: ".len(), "{x:?}");
        }
        for x in &f.findings {
            assert!(FINDING_IDS.iter().any(|(id, _)| *id == x.id), "{}", x.id);
        }
        let bad = Settings {
            timezone: "Mars/Olympus".into(),
            ..Settings::default()
        };
        assert_eq!(
            compute(&Tables::default(), &bad).unwrap_err(),
            FindingsError::TimeZone("Mars/Olympus".into())
        );
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(6711), "6,711");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(percent(1425, 8800), "16%");
        assert_eq!(percent(45, 1000), "4.5%");
        assert_eq!(percent(1, 100_000), "<0.1%");
        assert_eq!(percent(99_999, 100_000), ">99.9%");
        assert_eq!(percent(3, 3), "100%");
        assert_eq!(percent(0, 3), "0%");
        assert_eq!(plural(1, "deal", "deals"), "1 deal");
        assert_eq!(plural(2, "deal", "deals"), "2 deals");
    }

    #[test]
    fn severity_policy() {
        let p = Policy::any(0.2);
        assert_eq!(p.severity(0, 10), Severity::Info);
        assert_eq!(p.severity(1, 10), Severity::Warning);
        assert_eq!(p.severity(2, 10), Severity::Critical);
        assert_eq!(p.severity(0, 0), Severity::Info);
        let q = Policy {
            warn_at: 0.1,
            critical_at: 0.5,
        };
        assert_eq!(q.severity(5, 100), Severity::Info);
        assert_eq!(q.severity(10, 100), Severity::Warning);
        assert_eq!(q.severity(50, 100), Severity::Critical);
        assert!(Severity::Critical < Severity::Warning && Severity::Warning < Severity::Info);
    }

    #[test]
    fn a_finding_serializes_to_exactly_the_contract() {
        let f = Finding {
            id: "x".into(),
            item: 1,
            severity: Severity::Critical,
            count: 2,
            of: 3,
            title: "t".into(),
            detail: "d".into(),
            examples: vec!["a".into()],
            fix: "f".into(),
            field: Some("leads.industry".into()),
        };
        let v = serde_json::to_value(&f).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        let mut expected = vec![
            "id", "item", "severity", "count", "of", "title", "detail", "examples", "fix", "field",
        ];
        expected.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, expected);
        assert_eq!(v["severity"], "critical");
        let back: Finding = serde_json::from_value(v).unwrap();
        assert_eq!(back.field.as_deref(), Some("leads.industry"));
        assert_eq!(back.count, 2);
    }

    fn deals(created: &[Option<&str>], close: &[Option<&str>], outcome: &[&str]) -> DataFrame {
        let created: Vec<Option<i64>> = created
            .iter()
            .map(|c| {
                c.map(|s| {
                    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
                        .unwrap()
                        .and_utc()
                        .timestamp_millis()
                })
            })
            .collect();
        let close: Vec<Option<i32>> = close
            .iter()
            .map(|c| {
                c.map(|s| {
                    (NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
                        - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap())
                    .num_days() as i32
                })
            })
            .collect();
        df!(
            "created_at" => created,
            "close_date" => close,
            "outcome" => outcome,
        )
        .unwrap()
        .lazy()
        .with_columns([
            col("created_at").cast(DataType::Datetime(
                TimeUnit::Milliseconds,
                Some(TimeZone::UTC),
            )),
            col("close_date").cast(DataType::Date),
        ])
        .collect()
        .unwrap()
    }

    #[test]
    fn the_export_day_follows_events_and_the_close_dates_that_continue_them() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        // The latest creation is 2026-09-28; deals closed on 2026-09-30 and 2026-10-03
        // follow without a long gap, one closed 2026-12-01 (a typed-in future date) and
        // an open deal's expected date do not count. The export: the day after.
        let t = Tables {
            deals: Some(deals(
                &[
                    Some("2026-09-01 10:00"),
                    Some("2026-09-28 23:30"),
                    Some("2026-09-02 10:00"),
                    Some("2026-09-03 10:00"),
                    Some("2026-09-03 10:00"),
                ],
                &[
                    Some("2026-09-30"),
                    None,
                    Some("2026-12-01"),
                    Some("2027-01-15"),
                    Some("2026-10-03"),
                ],
                &["won", "open", "lost", "open", "lost"],
            )),
            ..Tables::default()
        };
        let a = derive_as_of(&t, chrono_tz::UTC).unwrap().unwrap();
        assert_eq!(
            a,
            AsOf {
                date: d("2026-10-04"),
                source: AsOfSource::Events
            }
        );
        // Local dates: 23:30 UTC is the next day in Berlin.
        let t2 = Tables {
            deals: Some(deals(&[Some("2026-09-28 23:30")], &[None], &["open"])),
            ..Tables::default()
        };
        let a = derive_as_of(&t2, chrono_tz::Europe::Berlin)
            .unwrap()
            .unwrap();
        assert_eq!(a.date, d("2026-09-30"));
        // Only close dates: the day after the latest closed deal's.
        let t3 = Tables {
            deals: Some(deals(
                &[None, None],
                &[Some("2017-12-31"), Some("2018-02-01")],
                &["won", "open"],
            )),
            ..Tables::default()
        };
        let a = derive_as_of(&t3, chrono_tz::UTC).unwrap().unwrap();
        assert_eq!(
            a,
            AsOf {
                date: d("2018-01-01"),
                source: AsOfSource::CloseDates
            }
        );
        assert_eq!(
            derive_as_of(&Tables::default(), chrono_tz::UTC).unwrap(),
            None
        );
    }
}
