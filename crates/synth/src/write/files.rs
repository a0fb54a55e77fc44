//! The export files themselves: their headers, how HubSpot and Salesforce files are opened
//! (LF, or a byte-order mark and CRLF), the errors that name the file, and the thousands
//! separators of the report footers.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use crate::SynthError;

pub(crate) const CONTACTS_HEADER: [&str; 17] = [
    "Record ID",
    "First Name",
    "Last Name",
    "Email",
    "Phone Number",
    "Job Title",
    "Company Name",
    "Company Domain Name",
    "Industry",
    "Number of Employees",
    "Country/Region",
    "Contact owner",
    "Lifecycle Stage",
    "Lead Status",
    "Create Date",
    "Original Source",
    "HubSpot Score",
];

pub(crate) const DEALS_HEADER: [&str; 12] = [
    "Record ID",
    "Deal Name",
    "Deal Stage",
    "Pipeline",
    "Amount",
    "Deal owner",
    "Close Date",
    "Create Date",
    "Associated Company",
    "Associated Contact IDs",
    "Closed Lost Reason",
    "Closed Won Reason",
];

pub(crate) const ENGAGEMENTS_HEADER: [&str; 6] = [
    "Activity ID",
    "Associated Contact ID",
    "Activity Date",
    "Activity Type",
    "Direction",
    "Activity assigned to",
];

pub(crate) const OWNERS_HEADER: [&str; 8] = [
    "Owner",
    "Email",
    "Team",
    "Active",
    "Territory",
    "Capacity",
    "Out of Office From",
    "Out of Office To",
];

pub(crate) const SF_LEADS_HEADER: [&str; 14] = [
    "Lead ID",
    "Lead Owner",
    "First Name",
    "Last Name",
    "Title",
    "Company / Account",
    "Email",
    "Phone",
    "Lead Source",
    "Lead Status",
    "Industry",
    "Created Date",
    "Converted",
    "Converted Date",
];

pub(crate) const SF_OPPS_HEADER: [&str; 12] = [
    "Opportunity ID",
    "Opportunity Name",
    "Opportunity Owner",
    "Account Name",
    "Stage",
    "Amount",
    "Close Date",
    "Created Date",
    "Won",
    "Closed",
    "Lead ID",
    "Loss Reason",
];

pub(super) fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> SynthError + '_ {
    move |source| SynthError::Io {
        path: path.to_path_buf(),
        error: source,
    }
}

pub(super) fn csv_err(path: &Path) -> impl FnOnce(csv::Error) -> SynthError + '_ {
    move |source| SynthError::Csv {
        path: path.to_path_buf(),
        error: source,
    }
}

pub(super) fn hubspot_writer(path: &Path) -> Result<csv::Writer<BufWriter<File>>, SynthError> {
    let file = File::create(path).map_err(io_err(path))?;
    Ok(csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(BufWriter::with_capacity(1 << 20, file)))
}

/// A Salesforce report file: UTF-8 with a byte-order mark, CRLF line ends.
pub(super) fn salesforce_writer(path: &Path) -> Result<csv::Writer<BufWriter<File>>, SynthError> {
    let file = File::create(path).map_err(io_err(path))?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    w.write_all("\u{feff}".as_bytes()).map_err(io_err(path))?;
    Ok(csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(w))
}

/// `1012` → `1,012`: the product's own count format, so the README and the Salesforce
/// footers group digits as the app does.
pub(crate) use leadaudit::format::count as thousands;
