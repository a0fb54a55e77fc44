//! Headers and fields in messages: finding a header, naming a field, and the errors
//! and warnings about missing or doubled columns.

use super::*;

pub(super) fn header_keys(headers: &[String]) -> Vec<String> {
    headers.iter().map(|h| fields::header_key(h)).collect()
}

pub(super) fn find_header(headers: &[String], wanted: &str) -> Option<usize> {
    headers.iter().position(|h| h == wanted).or_else(|| {
        let key = fields::header_key(wanted);
        headers.iter().position(|h| fields::header_key(h) == key)
    })
}

pub(super) fn quoted_list(headers: &[String]) -> String {
    let shown: Vec<String> = headers
        .iter()
        .take(12)
        .map(|h| format!("\"{h}\""))
        .collect();
    let more = if headers.len() > 12 {
        format!(" and {} more", headers.len() - 12)
    } else {
        String::new()
    };
    format!("{}{more}", shown.join(", "))
}

/// The raw column holding each record's file and line, the id of a record in a file
/// with no id column.
pub(super) const LINE_ID: &str = "__line_id";

/// Whether a file of `kind` that lacks a required field is read all the same, with the
/// figures and findings that need the field not available (leads, deals, activities).
pub(super) fn degradable(kind: Kind) -> bool {
    matches!(kind, Kind::Leads | Kind::Deals | Kind::Activities)
}

/// What reading a file without a required `field` means, for its warnings.
pub(super) fn absent_warning(kind: Kind, field: &str, file: &str) -> String {
    match field {
        "id" => format!(
            "no {} id column: each record's id is its file and line number (\"{file}:2\" for line 2), so no other file can link to these records",
            match kind {
                Kind::Leads => "lead",
                Kind::Deals => "deal",
                _ => "record",
            }
        ),
        "stage" => format!(
            "no stage or outcome column: the figures and findings that need won and lost {kind} are not available"
        ),
        other => format!(
            "no {} column: the figures and findings that need it are not available",
            field_label(kind, other)
        ),
    }
}

/// A field in words, for "no creation date in leads.csv".
pub fn field_label(kind: Kind, field: &str) -> String {
    match (kind, field) {
        (Kind::Deals, "outcome") => "stage or outcome (won/lost)",
        (Kind::Activities, "timestamp") => "activity date",
        (Kind::Activities, "record_id") => "lead or contact id",
        (_, "id") => "id",
        (_, "created_at") => "creation date",
        (_, "close_date") => "close date",
        (_, "first_touch_at") => "first-touch date",
        (_, "converted_at") => "conversion date",
        (_, "converted") => "converted flag",
        (_, "lifecycle_stage") => "lifecycle stage",
        (_, "lead_id") => "lead id",
        (_, "is_won") => "won flag",
        (_, "is_lost") => "lost flag",
        (_, "close_reason") => "close reason",
        (_, "won_reason") => "won reason",
        (_, "contact_email") => "contact email",
        (_, "out_of_office_from") => "out-of-office dates",
        (_, other) => return other.replace('_', " "),
    }
    .to_owned()
}

pub(super) fn missing_required(file: &str, kind: Kind, missing: &[&str]) -> IngestError {
    let example = missing
        .iter()
        .map(|f| format!("{f} = \"<column header>\""))
        .collect::<Vec<_>>()
        .join(", ");
    let missing = missing
        .iter()
        .map(|f| {
            match (kind, *f) {
                (Kind::Deals, "stage") => "a stage or an outcome (won/lost)",
                (_, "id") => "the record id",
                (_, "created_at") => "the date the record was created",
                (_, "record_id") => "the id of the lead or contact it belongs to",
                (_, "timestamp") => "the date of the activity",
                (_, "owner") => "the owner's name",
                (_, "company") => "the company name",
                (_, other) => other,
            }
            .to_owned()
        })
        .collect::<Vec<_>>()
        .join(" or ");
    IngestError::MissingRequired {
        file: file.to_owned(),
        kind: match kind {
            Kind::Leads => "a lead",
            Kind::Deals => "a deal",
            Kind::Activities => "an activity",
            Kind::Owners => "an owner roster",
            Kind::Accounts => "an account",
        }
        .to_owned(),
        missing,
        example,
    }
}

pub(super) fn check_duplicate_headers(
    file: &str,
    headers: &[String],
    columns: &[Option<&'static str>],
) -> Result<(), IngestError> {
    let keys = header_keys(headers);
    for (i, field) in columns.iter().enumerate() {
        if field.is_none() || keys[i].is_empty() {
            continue;
        }
        if let Some(j) = (0..headers.len()).find(|&j| j != i && keys[j] == keys[i]) {
            let (first, second) = (i.min(j) + 1, i.max(j) + 1);
            return Err(IngestError::DuplicateHeader {
                file: file.to_owned(),
                name: headers[i].clone(),
                first,
                second,
            });
        }
    }
    Ok(())
}

pub(super) fn delimiter_name(d: u8) -> String {
    match d {
        b'\t' => "tab".to_owned(),
        other => (other as char).to_string(),
    }
}
