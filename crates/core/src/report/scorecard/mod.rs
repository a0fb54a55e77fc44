//! The PDF scorecard of one audit: what a buyer carries into the budget meeting and a
//! consultant leaves behind after the workshop.
//!
//! It reads only an [`AuditResult`] (with its grades applied), optionally the previous
//! audit's for the movement, and [`ScorecardOptions`]; it computes no metric. Labels
//! come from where they are defined: item titles and questions from the result's
//! checks, verdict wording from
//! [`VerdictLevel::label`](crate::checklist::policy::VerdictLevel::label), thresholds
//! from [`policy::THRESHOLDS`](crate::checklist::policy::THRESHOLDS), figure labels,
//! directions, definitions and the headline figures from [`present`](crate::present),
//! movements from [`compare`](crate::compare), charts from [`charts::audit_charts`].
//!
//! The pages, in order, and the file that draws each:
//!
//! 1. `cover.rs`: workspace and period, the verdict banner, the 12 items as a grid of
//!    coloured grades (the effective grade; "suggested" when no person graded it), and
//!    the headline baselines with their change since the previous audit;
//! 2. `baselines.rs`: the baselines: every chart, then every figure with its movement;
//! 3. `trend.rs`: the Trend page, each headline figure across the workspace's audits
//!    (only with [`compose_with_trends`] and [`TREND_MIN_AUDITS`] audits or more);
//! 4. `readiness.rs`: the Score readiness page, when the result holds a readiness
//!    assessment;
//! 5. `items.rs`: one section per item: grade, suggested against chosen, the rationale
//!    with its numbers, the findings behind it (counts and up to five examples),
//!    owner, due date and note;
//! 6. `fix_first.rs`: the fix-first list with owners;
//! 7. `appendix.rs`: the files read (rows, SHA-256), the mapping, the settings and the
//!    definition of every figure.
//!
//! This file holds the entry points and what every page reads (the result, the previous
//! audit, the redactor, the document's metadata); `blocks.rs` holds the text blocks
//! only the scorecard draws (label and value lines, a definition list, a code block).
//!
//! Personal data is redacted unless [`ScorecardOptions::redact`] is off: the scorecard
//! is drawn from [`AuditResult::redacted`](crate::audit::AuditResult::redacted) (every
//! email and phone number in any text of the result masked, as the app shows it), and
//! what it draws from elsewhere (the charts, the other audits' names on the Trend page,
//! the readiness view) is masked the same way. Owner and rep names are the customer's
//! staff and stay; the result carries no lead or contact names (findings name records
//! by id).
//!
//! Output is deterministic: the document date is `SOURCE_DATE_EPOCH` when set, else the
//! audit's own date.

mod appendix;
mod baselines;
mod blocks;
mod cover;
mod fix_first;
mod items;
mod readiness;
mod trend;

#[cfg(test)]
mod tests;

use chrono::{DateTime, NaiveDate, Utc};

use super::layout::{Composer, RenderedPdf};
use super::redact::Redactor;
use super::{DocumentInfo, Paper, ReportError, document_date};
use crate::audit::AuditResult;
use crate::charts;
use crate::checklist::policy::Suggestion;
use crate::format;
use crate::grade::GradeLevel;
use crate::trends::Trend;

/// How to render a scorecard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScorecardOptions {
    pub paper: Paper,
    /// Mask emails and phone numbers (the default).
    pub redact: bool,
}

impl Default for ScorecardOptions {
    fn default() -> Self {
        ScorecardOptions {
            paper: Paper::A4,
            redact: true,
        }
    }
}

/// Renders the scorecard of `result`, with the movement since `previous` when given.
pub fn render_scorecard(
    result: &AuditResult,
    previous: Option<&AuditResult>,
    options: ScorecardOptions,
) -> Result<RenderedPdf, ReportError> {
    compose(result, previous, options)?.finish()
}

/// [`render_scorecard`], with a Trend page after the baselines when `trends` (the
/// workspace's audits up to this one, [`crate::trends::trends`]) span three audits or
/// more.
pub fn render_scorecard_with_trends(
    result: &AuditResult,
    previous: Option<&AuditResult>,
    trends: &[Trend],
    options: ScorecardOptions,
) -> Result<RenderedPdf, ReportError> {
    compose_with_trends(result, previous, trends, options)?.finish()
}

/// Lays the scorecard out without writing it (for checks on where text went).
pub fn compose(
    result: &AuditResult,
    previous: Option<&AuditResult>,
    options: ScorecardOptions,
) -> Result<Composer, ReportError> {
    compose_with_trends(result, previous, &[], options)
}

/// The fewest audits a Trend page is drawn for.
pub const TREND_MIN_AUDITS: usize = 3;

/// [`compose`], with the Trend page of [`render_scorecard_with_trends`].
pub fn compose_with_trends(
    result: &AuditResult,
    previous: Option<&AuditResult>,
    trends: &[Trend],
    options: ScorecardOptions,
) -> Result<Composer, ReportError> {
    // Personal data is masked in the result itself, as the app shows it.
    let masked;
    let result = if options.redact {
        masked = result.redacted()?;
        &masked
    } else {
        result
    };
    let card = Scorecard::new(result, previous, options);
    let mut doc = Composer::new(options.paper, card.info()?);
    card.first_page(&mut doc);
    card.baselines(&mut doc)?;
    card.trend(&mut doc, trends)?;
    card.readiness(&mut doc)?;
    card.items(&mut doc);
    card.fix_first(&mut doc);
    card.appendix(&mut doc);
    Ok(doc)
}

fn count(n: u64) -> String {
    format::count(n)
}

fn date(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

fn suggestion_label(s: Option<Suggestion>) -> &'static str {
    match s.and_then(Suggestion::level) {
        Some(level) => level.label(),
        None => GradeLevel::NotAssessed.label(),
    }
}

/// Everything the scorecard needs, read once.
struct Scorecard<'a> {
    result: &'a AuditResult,
    previous: Option<&'a AuditResult>,
    redact: Redactor,
    workspace: String,
    audit_date: Option<DateTime<Utc>>,
}

impl<'a> Scorecard<'a> {
    fn new(
        result: &'a AuditResult,
        previous: Option<&'a AuditResult>,
        options: ScorecardOptions,
    ) -> Self {
        let audit_date = result
            .audit
            .created_at
            .as_deref()
            .and_then(|d| DateTime::parse_from_rfc3339(d).ok())
            .map(|d| d.with_timezone(&Utc));
        let workspace = result
            .audit
            .workspace
            .as_deref()
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .unwrap_or(result.audit.name.trim())
            .to_owned();
        Scorecard {
            result,
            previous,
            redact: Redactor::new(options.redact),
            workspace,
            audit_date,
        }
    }

    fn text(&self, s: &str) -> String {
        self.redact.text(s)
    }

    /// A chart as drawn: masked ([`charts::ChartSpec::redacted`]) unless asked not to.
    fn chart(&self, spec: charts::ChartSpec) -> charts::ChartSpec {
        if self.redact.enabled {
            spec.redacted()
        } else {
            spec
        }
    }

    fn prev_name(&self) -> Option<String> {
        self.previous.map(|p| p.audit.name.trim().to_owned())
    }

    fn info(&self) -> Result<DocumentInfo, ReportError> {
        let title = "Lead Audit scorecard";
        let mut info = DocumentInfo::new(
            title,
            format!(
                "{} · {} · scorecard",
                self.workspace,
                self.result.audit.name.trim()
            ),
        );
        info.date = document_date(self.audit_date)?;
        info.subject = format!(
            "Lead qualification and routing audit: {}, {}",
            self.result.audit.name.trim(),
            self.result.audit.period
        );
        Ok(info)
    }
}
