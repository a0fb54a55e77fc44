//! Item 2 across systems: when deals were exported from two systems (a Salesforce
//! export beside a HubSpot one, synced from it), does the same deal have the same
//! outcome in both?
//!
//! The finding: [`OUTCOME_MISMATCH_BETWEEN_SYSTEMS`].
//!
//! Every record carries the system its file was exported from (`_source`, see
//! [`crate::ingest`]). Deals are grouped when they are one deal or belong to one person:
//! the same deal id, or a lead or contact linked to each (by the deal's lead id, see
//! [`super::links`]) with the same id, the same email (compared as links compare them:
//! case, `+tag`, Gmail dots) or the same first and last name at the same company
//! (letters and digits only, any case; a placeholder company never matches). The
//! deal's own contact email counts as its person's email. A group holding deals of two
//! or more systems is compared: it is a mismatch when one system has a won deal in it
//! and another has none.
//!
//! Not assessed without a deals file, or when every deal comes from one system.

use std::collections::HashMap;

use polars::prelude::*;

use super::links::{email_key, key};
use super::{
    Context, Def, Finding, FindingsError, MAX_EXAMPLES, Policy, is_missing_text, percent, strings,
    system_label, systems, thousands,
};
use crate::ingest::Kind;

const STAGE: &str = "outcomes across systems";

pub const OUTCOME_MISMATCH_BETWEEN_SYSTEMS: Def = Def {
    id: "outcome_mismatch_between_systems",
    item: 2,
    policy: Policy::any(0.1),
    fix: "Choose the system that records outcomes, fix the sync so the other receives every change of stage, and correct these deals so both systems say the same.",
    counts: "groups won in one system and not won (lost or open) in another",
    of: "groups of deals that span two or more systems",
    needs: &[(Kind::Deals, "outcome")],
};
const DEF: &Def = &OUTCOME_MISMATCH_BETWEEN_SYSTEMS;

/// A text column, or nulls when the table has none.
fn text(df: &DataFrame, name: &str) -> Expr {
    if df.column(name).is_ok() {
        col(name).cast(DataType::String)
    } else {
        lit(NULL).cast(DataType::String)
    }
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[b] = a;
        }
    }
}

/// The `outcome_mismatch_between_systems` finding.
pub(crate) fn outcome_mismatch(ctx: &Context) -> Result<Finding, FindingsError> {
    let Some(deals) = ctx.tables.deals.as_ref() else {
        return Ok(DEF.not_assessed("no deals or opportunities file was given"));
    };
    let deal_systems = systems(deals);
    if deal_systems.len() < 2 {
        let why = match deal_systems.first() {
            Some(s) => format!(
                "every deal comes from one system ({}), so there is no other to compare it with; import the other system's deals or opportunities beside it",
                system_label(s)
            ),
            None => "the deals do not say which system they come from".to_owned(),
        };
        return Ok(DEF.not_assessed(&why));
    }
    let ph = &ctx.settings.placeholders;

    let d = deals
        .clone()
        .lazy()
        .select([
            text(deals, "_source").alias("system"),
            text(deals, "id").alias("id"),
            text(deals, "outcome").alias("outcome"),
            text(deals, "lead_id").alias("lead_id"),
            email_key(text(deals, "contact_email")).alias("em"),
        ])
        .collect()
        .map_err(FindingsError::polars(STAGE))?;
    let (d_system, d_id, d_outcome, d_leads, d_email) = (
        strings(&d, "system"),
        strings(&d, "id"),
        strings(&d, "outcome"),
        strings(&d, "lead_id"),
        strings(&d, "em"),
    );

    // The person keys of each lead, by lead id.
    let mut person_keys: HashMap<String, Vec<String>> = HashMap::new();
    if let Some(leads) = ctx.tables.leads.as_ref() {
        let has = |c: &str| leads.column(c).is_ok();
        let name = if has("first_name") && has("last_name") {
            key("first_name").fill_null(lit("")) + key("last_name").fill_null(lit(""))
        } else {
            lit(NULL).cast(DataType::String)
        };
        let company = if has("company") {
            when(is_missing_text(col("company"), ph))
                .then(lit(NULL).cast(DataType::String))
                .otherwise(key("company"))
        } else {
            lit(NULL).cast(DataType::String)
        };
        let l = leads
            .clone()
            .lazy()
            .select([
                text(leads, "id").alias("id"),
                email_key(text(leads, "email")).alias("em"),
                name.alias("name"),
                company.alias("company"),
            ])
            .collect()
            .map_err(FindingsError::polars(STAGE))?;
        let (ids, ems, names, companies) = (
            strings(&l, "id"),
            strings(&l, "em"),
            strings(&l, "name"),
            strings(&l, "company"),
        );
        for i in 0..l.height() {
            let Some(id) = ids[i].as_deref().map(str::trim).filter(|s| !s.is_empty()) else {
                continue;
            };
            let keys = person_keys.entry(id.to_owned()).or_default();
            keys.push(format!("lead\u{1}{id}"));
            if let Some(em) = ems[i].as_deref().filter(|s| !s.is_empty()) {
                keys.push(format!("email\u{1}{em}"));
            }
            if let (Some(n), Some(c)) = (
                names[i].as_deref().filter(|s| !s.is_empty()),
                companies[i].as_deref().filter(|s| !s.is_empty()),
            ) {
                keys.push(format!("name\u{1}{n}\u{1}{c}"));
            }
        }
    }

    // Group the deals: one deal id, or one person.
    let n = d.height();
    let mut groups = UnionFind((0..n).collect());
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut join = |k: String, i: usize, groups: &mut UnionFind| match first.get(&k) {
        Some(&j) => groups.union(j, i),
        None => {
            first.insert(k, i);
        }
    };
    for i in 0..n {
        if d_system[i].is_none() {
            continue;
        }
        if let Some(id) = d_id[i].as_deref().filter(|s| !s.trim().is_empty()) {
            join(format!("deal\u{1}{}", id.trim()), i, &mut groups);
        }
        if let Some(em) = d_email[i].as_deref().filter(|s| !s.is_empty()) {
            join(format!("email\u{1}{em}"), i, &mut groups);
        }
        for lead in crate::metrics::expr::ids_in(d_leads[i].as_deref().unwrap_or("")) {
            for k in person_keys.get(lead).into_iter().flatten() {
                join(k.clone(), i, &mut groups);
            }
        }
    }

    // Per group: its deals by system, and whether each system has a win.
    let mut by_group: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, system) in d_system.iter().enumerate() {
        if system.is_some() {
            by_group.entry(groups.find(i)).or_default().push(i);
        }
    }
    let mut roots: Vec<usize> = by_group.keys().copied().collect();
    roots.sort_unstable_by_key(|r| by_group[r][0]);
    let (mut compared, mut mismatched) = (0u64, 0u64);
    let mut won_only: HashMap<String, u64> = HashMap::new();
    let mut examples = Vec::new();
    for r in roots {
        let members = &by_group[&r];
        // system -> (a won deal?, the first deal id)
        let mut per: Vec<(String, bool, String)> = Vec::new();
        for &i in members {
            let s = d_system[i].clone().unwrap_or_default();
            let won = d_outcome[i].as_deref() == Some("won");
            match per.iter_mut().find(|p| p.0 == s) {
                Some(p) => p.1 |= won,
                None => per.push((s, won, d_id[i].clone().unwrap_or_default())),
            }
        }
        if per.len() < 2 {
            continue;
        }
        compared += 1;
        if per.iter().any(|p| p.1) && per.iter().any(|p| !p.1) {
            mismatched += 1;
            for p in per.iter().filter(|p| p.1) {
                *won_only.entry(p.0.clone()).or_default() += 1;
            }
            if examples.len() < MAX_EXAMPLES {
                examples.push(
                    per.iter()
                        .map(|p| p.2.as_str())
                        .collect::<Vec<_>>()
                        .join(" / "),
                );
            }
        }
    }
    let names = deal_systems
        .iter()
        .map(|s| system_label(s))
        .collect::<Vec<_>>()
        .join(" and ");
    if compared == 0 {
        return Ok(DEF.not_assessed(&format!(
                "no deal of one system is matched to a deal of another ({names}) by deal id, or by its lead's id, email, or name and company"
            )));
    }
    let title = if mismatched == 0 {
        format!(
            "Every one of {} deals found in both {names} is won in both or in neither.",
            thousands(compared)
        )
    } else {
        format!(
            "{} of {} deals found in both {names} ({}) are won in one system and lost or open in the other.",
            thousands(mismatched),
            thousands(compared),
            percent(mismatched, compared)
        )
    };
    let mut detail = String::new();
    if mismatched > 0 {
        let parts: Vec<String> = deal_systems
            .iter()
            .filter_map(|s| {
                won_only
                    .get(s)
                    .map(|c| format!("{} {}", system_label(s), thousands(*c)))
            })
            .collect();
        detail.push_str(&format!("Won only in: {}. ", parts.join(", ")));
    }
    detail.push_str(
        "Deals are the same when they share a deal id, or when their leads or contacts share an id, an email, or a name and company. Examples list the deal ids of each system.",
    );
    Ok(Finding {
        id: DEF.id.to_owned(),
        item: DEF.item,
        severity: DEF.policy.severity(mismatched, compared),
        count: mismatched,
        of: compared,
        title,
        detail,
        examples,
        fix: DEF.fix.to_owned(),
        field: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Tables;
    use crate::settings::Settings;

    fn deals(rows: &[(&str, &str, &str, Option<&str>)]) -> DataFrame {
        df!(
            "_source" => rows.iter().map(|r| r.0).collect::<Vec<_>>(),
            "id" => rows.iter().map(|r| r.1).collect::<Vec<_>>(),
            "outcome" => rows.iter().map(|r| r.2).collect::<Vec<_>>(),
            "lead_id" => rows.iter().map(|r| r.3).collect::<Vec<_>>(),
            "contact_email" => vec![None::<&str>; rows.len()],
        )
        .unwrap()
    }

    /// system, id, email, first name, last name, company.
    type Lead<'a> = (&'a str, &'a str, Option<&'a str>, &'a str, &'a str, &'a str);

    fn leads(rows: &[Lead]) -> DataFrame {
        df!(
            "_source" => rows.iter().map(|r| r.0).collect::<Vec<_>>(),
            "id" => rows.iter().map(|r| r.1).collect::<Vec<_>>(),
            "email" => rows.iter().map(|r| r.2).collect::<Vec<_>>(),
            "first_name" => rows.iter().map(|r| r.3).collect::<Vec<_>>(),
            "last_name" => rows.iter().map(|r| r.4).collect::<Vec<_>>(),
            "company" => rows.iter().map(|r| r.5).collect::<Vec<_>>(),
        )
        .unwrap()
    }

    fn run(t: &Tables) -> Finding {
        let s = Settings::default();
        outcome_mismatch(&Context::new(t, &s).unwrap()).unwrap()
    }

    #[test]
    fn matched_by_email_name_and_company_or_deal_id() {
        let t = Tables {
            leads: Some(leads(&[
                ("hubspot", "1", Some("Ann@Acme.com"), "Ann", "Lee", "Acme"),
                ("hubspot", "2", Some("bo@x.io"), "Bo", "Kim", "X Inc"),
                ("hubspot", "3", Some("cy@y.io"), "Cy", "Day", "Y"),
                ("hubspot", "4", Some("di@z.io"), "Di", "Fox", "N/A"),
                (
                    "salesforce",
                    "00Q1",
                    Some("ann+crm@acme.com"),
                    "A",
                    "L",
                    "Acme",
                ),
                (
                    "salesforce",
                    "00Q2",
                    Some("bob@x.io"),
                    "BO",
                    "KIM",
                    "x inc.",
                ),
                ("salesforce", "00Q3", Some("cy@y.io"), "Cy", "Day", "Y"),
                ("salesforce", "00Q4", Some("dee@z.io"), "Di", "Fox", "N/A"),
            ])),
            deals: Some(deals(&[
                // Ann, by email: won in HubSpot, lost in Salesforce.
                ("hubspot", "H1", "won", Some("1")),
                ("salesforce", "S1", "lost", Some("00Q1")),
                // Bo, by name and company: open in both.
                ("hubspot", "H2", "open", Some("2")),
                ("salesforce", "S2", "open", Some("00Q2")),
                // Cy: won in both.
                ("hubspot", "H3", "won", Some("3")),
                ("salesforce", "S3", "won", Some("00Q3")),
                // Di: a placeholder company matches nothing, the emails differ.
                ("hubspot", "H4", "won", Some("4")),
                ("salesforce", "S4", "lost", Some("00Q4")),
                // One deal id in both: open in Salesforce.
                ("hubspot", "X9", "won", None),
                ("salesforce", "X9", "open", None),
                // Only in HubSpot.
                ("hubspot", "H5", "lost", Some("5")),
            ])),
            ..Tables::default()
        };
        let f = run(&t);
        assert_eq!((f.count, f.of), (2, 4), "{f:?}");
        assert_eq!(f.examples, ["H1 / S1", "X9 / X9"]);
        assert!(f.fires());
        assert!(f.detail.starts_with("Won only in: HubSpot 2."), "{f:?}");
        assert!(f.title.contains("found in both HubSpot and Salesforce"));
    }

    #[test]
    fn one_system_is_not_assessed() {
        let t = Tables {
            deals: Some(deals(&[("hubspot", "H1", "won", None)])),
            ..Tables::default()
        };
        let f = run(&t);
        assert!(f.not_assessed(), "{f:?}");
        assert!(f.title.contains("one system (HubSpot)"), "{f:?}");
        // Two systems, nothing in common.
        let t = Tables {
            deals: Some(deals(&[
                ("hubspot", "H1", "won", None),
                ("salesforce", "S1", "lost", None),
            ])),
            ..Tables::default()
        };
        assert!(run(&t).not_assessed());
        assert!(run(&Tables::default()).not_assessed());
    }
}
