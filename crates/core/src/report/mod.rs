//! The PDF scorecard: the layer that turns an audit into paper.
//!
//! This module reads no CSV and computes no metric. The toolkit the scorecard is
//! composed with:
//!
//! - [`fonts`]: the embedded DejaVu Sans (regular and bold, with its licence in
//!   `assets/fonts/`), measured with the font's own advance widths;
//! - [`canvas`]: vector drawing on one page, with a record of where every piece of text
//!   went, so a test can prove nothing overlaps and nothing runs off the page;
//! - [`layout`]: a [`Composer`](layout::Composer) that flows content down pages with a
//!   cursor: headings, wrapped paragraphs, a verdict banner, key-figure tiles, a grid
//!   of grade pills, tables that wrap and repeat their header, and charts;
//! - [`chart`]: draws a [`ChartSpec`](crate::charts::ChartSpec) (bar, grouped, stacked,
//!   line, heatmap) as vectors, legible in greyscale;
//! - [`redact`]: masking of emails, phones and names before they reach the paper;
//! - [`scorecard`]: the scorecard of an audit, composed with all of the above from an
//!   [`AuditResult`](crate::audit::AuditResult) ([`scorecard::render_scorecard`]).
//!
//! Output is deterministic: the same content gives the same bytes. The document date is
//! `SOURCE_DATE_EPOCH` when set (see [`document_date`]), the PDF's `/ID` is a hash of the
//! content, and no random resource name is used.
//!
//! ```
//! use leadaudit::report::{DocumentInfo, Paper, layout::Composer};
//!
//! let info = DocumentInfo::new("Lead Audit scorecard", "Acme · 2026 Q3");
//! let mut doc = Composer::new(Paper::A4, info);
//! doc.heading("Zoë Łukasiewicz's pipeline", leadaudit::report::layout::Level::H1);
//! doc.paragraph("Speed to lead is the time from a lead's creation to its first touch.");
//! let pdf = doc.finish().unwrap();
//! assert!(pdf.bytes.starts_with(b"%PDF-"));
//! assert_eq!(pdf.pages, 1);
//! assert!(pdf.problems.is_empty());
//! ```

pub mod canvas;
pub mod chart;
pub mod fonts;
pub mod layout;
pub mod redact;
pub mod scorecard;
pub mod theme;

use chrono::{DateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::charts::ChartError;

/// Why a report could not be made.
#[derive(Debug, Error)]
pub enum ReportError {
    #[error("{0}")]
    Chart(#[from] ChartError),
    /// Masking personal data failed (a bug: masking never changes a result's shape).
    #[error("the personal data could not be masked: {0}")]
    Redact(#[from] crate::audit::AuditError),
    #[error(
        "SOURCE_DATE_EPOCH is \"{value}\", not a number of seconds since 1970-01-01; unset it or give a whole number"
    )]
    SourceDateEpoch { value: String },
    #[error("could not write the PDF to {path}: {source}; check the folder exists and is writable")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// The paper size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    /// 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// Width and height in points.
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.276, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

impl std::str::FromStr for Paper {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "a4" => Ok(Paper::A4),
            "letter" | "us-letter" | "us_letter" => Ok(Paper::Letter),
            _ => Err(format!("\"{s}\" is not a paper size; use a4 or letter")),
        }
    }
}

/// What the document says about itself: its metadata and its running header and footer.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentInfo {
    /// The PDF title, e.g. "Lead Audit scorecard".
    pub title: String,
    /// Shown in the header of every page but the first, e.g. "Acme · 2026 Q3".
    pub running_header: String,
    /// Shown at the left of every footer.
    pub footer: String,
    /// The PDF subject.
    pub subject: String,
    /// Creation and modification date written into the PDF.
    pub date: DateTime<Utc>,
}

impl DocumentInfo {
    /// A document dated by [`document_date`] with no audit date (so `SOURCE_DATE_EPOCH`
    /// or the fixed fallback). A `SOURCE_DATE_EPOCH` that is not a number is ignored here;
    /// call [`document_date`] to report it.
    pub fn new(title: impl Into<String>, running_header: impl Into<String>) -> Self {
        let title = title.into();
        DocumentInfo {
            footer: format!("{title} · Lead Audit {}", crate::version()),
            subject: String::new(),
            running_header: running_header.into(),
            title,
            date: document_date(None).unwrap_or_else(|_| fallback_date()),
        }
    }
}

/// The date written into a document: `SOURCE_DATE_EPOCH` (seconds since 1970, the
/// reproducible-builds convention) when set, else the audit's own date when given, else
/// a fixed 2000-01-01: never the clock, so the same audit gives the same bytes.
pub fn document_date(audit_date: Option<DateTime<Utc>>) -> Result<DateTime<Utc>, ReportError> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.trim().is_empty() => parse_source_date_epoch(&v),
        _ => Ok(audit_date.unwrap_or_else(fallback_date)),
    }
}

/// Parses a `SOURCE_DATE_EPOCH` value.
pub fn parse_source_date_epoch(value: &str) -> Result<DateTime<Utc>, ReportError> {
    value
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|s| Utc.timestamp_opt(s, 0).single())
        .ok_or_else(|| ReportError::SourceDateEpoch {
            value: value.to_string(),
        })
}

fn fallback_date() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_date_epoch_parses_or_says_what_is_wrong() {
        let d = parse_source_date_epoch("1767225600").unwrap();
        assert_eq!(d.to_rfc3339(), "2026-01-01T00:00:00+00:00");
        let err = parse_source_date_epoch("yesterday").unwrap_err();
        assert!(err.to_string().contains("\"yesterday\""));
        assert!(err.to_string().contains("whole number"));
    }

    #[test]
    fn paper_sizes_and_names() {
        assert_eq!(Paper::A4.size(), (595.276, 841.89));
        assert_eq!(Paper::Letter.size(), (612.0, 792.0));
        assert_eq!("A4".parse::<Paper>(), Ok(Paper::A4));
        assert_eq!("letter".parse::<Paper>(), Ok(Paper::Letter));
        assert!(
            "legal"
                .parse::<Paper>()
                .unwrap_err()
                .contains("a4 or letter")
        );
        assert_eq!(serde_json::to_string(&Paper::Letter).unwrap(), "\"letter\"");
    }
}
