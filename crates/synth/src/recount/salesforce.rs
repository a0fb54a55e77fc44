//! Recounting the Salesforce report export: leads and opportunities read back, joined to
//! the HubSpot quarter they were synced from by email.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::outcome;
use super::read::rows;
use crate::SynthError;
use crate::truth::SfPlanted;

/// The Salesforce export's counts.
#[derive(Debug)]
pub(crate) struct SfRecount {
    pub(crate) leads: u64,
    pub(crate) opportunities: u64,
    pub(crate) converted: u64,
    pub(crate) footer_lines: u64,
    pub(crate) planted: SfPlanted,
}

/// Recounts the Salesforce report export, joining it to the HubSpot quarter it was
/// synced from by email.
pub(crate) fn recount_salesforce(
    sf_dir: &Path,
    hubspot_dir: &Path,
) -> Result<SfRecount, SynthError> {
    let mut leads: HashMap<String, (bool, String)> = HashMap::new();
    let mut converted = 0;
    rows(&sf_dir.join("leads.csv"), |g| {
        let conv = g.get("Converted") == "1";
        if conv {
            converted += 1;
        }
        leads.insert(g.get("Lead ID"), (conv, g.get("Email")));
        Ok(())
    })?;
    let mut p = SfPlanted::default();
    let mut with_opp: HashSet<String> = HashSet::new();
    let mut opps: Vec<(String, &'static str)> = Vec::new();
    rows(&sf_dir.join("opportunities.csv"), |g| {
        let lead = g.get("Lead ID");
        let outcome = match (g.get("Won").as_str(), g.get("Closed").as_str()) {
            ("1", _) => "won",
            (_, "1") => "lost",
            _ => "open",
        };
        if outcome == "lost" && g.get("Loss Reason").trim().is_empty() {
            p.closed_missing_close_reason += 1;
        }
        if !leads.contains_key(&lead) {
            p.opportunity_without_lead += 1;
        }
        with_opp.insert(lead.clone());
        opps.push((lead, outcome));
        Ok(())
    })?;
    p.converted_without_opportunity = leads
        .iter()
        .filter(|(id, (conv, _))| *conv && !with_opp.contains(*id))
        .count() as u64;
    // HubSpot: email → contact id → deal outcome.
    let mut contact_by_email: HashMap<String, u64> = HashMap::new();
    rows(&hubspot_dir.join("contacts.csv"), |g| {
        let email = g.get("Email");
        if !email.is_empty() {
            contact_by_email.insert(email, g.get("Record ID").parse().unwrap_or(0));
        }
        Ok(())
    })?;
    let mut outcome_of: HashMap<u64, &'static str> = HashMap::new();
    rows(&hubspot_dir.join("deals.csv"), |g| {
        if let Ok(id) = g.get("Associated Contact IDs").parse() {
            outcome_of.insert(id, outcome(&g.get("Deal Stage")));
        }
        Ok(())
    })?;
    for (lead, o) in &opps {
        let hs = leads
            .get(lead)
            .and_then(|(_, email)| contact_by_email.get(email))
            .and_then(|id| outcome_of.get(id));
        if let Some(hs) = hs
            && hs != o
        {
            p.outcome_mismatch_with_hubspot += 1;
        }
    }
    // Footer lines: everything after the last record line.
    let text =
        std::fs::read_to_string(sf_dir.join("leads.csv")).map_err(|source| SynthError::Io {
            path: sf_dir.join("leads.csv"),
            error: source,
        })?;
    let footer_lines = text
        .split("\r\n")
        .skip_while(|l| !l.is_empty())
        .count()
        .saturating_sub(1) as u64;
    Ok(SfRecount {
        leads: leads.len() as u64,
        opportunities: opps.len() as u64,
        converted,
        footer_lines,
        planted: p,
    })
}
