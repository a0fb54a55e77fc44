//! Item 4, enrichment before scoring: is a record complete enough to score?
//!
//! The findings, with what each counts and of what: [`DEFS`].
//!
//! Placeholders are the settings' list (compared ignoring case and surrounding space)
//! plus values with no letter or digit at all; blank cells are empty, not placeholders
//! (they count in the fill rate). Leads and, when given, accounts are read (accounts have
//! no id: their examples are company names).

mod values;
mod wording;

use std::collections::BTreeMap;

use polars::prelude::*;

use super::normalise::{fold, is_free_mail};
use super::{
    Check, Context, Def, Draft, Finding, FindingsError, Measured, Policy, Severity, industries,
    measure, percent, thousands,
};
use crate::ingest::Kind;
pub(crate) use values::Placeholders;
use values::*;
use wording::*;

const ITEM: u8 = 4;
const STAGE: &str = "enrichment";

pub const FILL_RATE: Def = Def {
    id: "fill_rate",
    item: ITEM,
    policy: Policy {
        warn_at: 0.1,
        critical_at: 0.5,
    },
    fix: "Enrich these records before scoring (an enrichment tool, or required fields on the form), or leave the field out of the score.",
    counts: "leads where the field is empty or a placeholder (employees: empty or 0); one finding per field: company, domain, industry, employees, title, country, source",
    of: "leads",
    needs: &[],
};

pub const PLACEHOLDER_VALUES: Def = Def {
    id: "placeholder_values",
    item: ITEM,
    policy: Policy::any(0.1),
    fix: "Replace placeholder values with real values or empty them, and remove the placeholder option (\"Select\", \"N/A\") from the form field.",
    counts: "records whose value is a placeholder; one finding per field that has any, one `info` finding when none has",
    of: "records",
    needs: &[],
};

pub const LABEL_VARIANTS: Def = Def {
    id: "label_variants",
    item: ITEM,
    policy: Policy::any(0.1),
    fix: "Merge the variant spellings into one value (a picklist instead of free text prevents new ones).",
    counts: "records whose value differs from a more common one only in case, spacing or punctuation; one finding per categorical field that has any, one `info` finding when none has",
    of: "records with a real value",
    needs: &[],
};

pub const INDUSTRY_UNRECOGNISED: Def = Def {
    id: "industry_unrecognised",
    item: ITEM,
    policy: Policy::any(0.1),
    fix: "Map these values to the standard industry list (the suggested label where there is one) and make industry a picklist.",
    counts: "records whose industry is not in the standard list (closest known label suggested); one finding per table with industries",
    of: "records with a real industry",
    needs: &[],
};

pub const FREE_MAIL_SHARE: Def = Def {
    id: "free_mail_share",
    item: ITEM,
    policy: Policy {
        warn_at: 0.2,
        critical_at: 0.5,
    },
    fix: "Ask for a work email on forms, or enrich free-mail leads by another key (company name, domain) before scoring.",
    counts: "leads whose email is at a free-mail provider (gmail, yahoo, outlook, ...)",
    of: "leads with an email",
    needs: &[],
};

pub const SCORED_WITHOUT_FIRMOGRAPHICS: Def = Def {
    id: "scored_without_firmographics",
    item: ITEM,
    policy: Policy::any(0.05),
    fix: "Score only after enrichment has filled in the firmographics, or hold back the score until they are known.",
    counts: "leads with a score but no company, domain, industry or employee count",
    of: "leads with a score",
    needs: &[],
};

/// The item 4 findings (per-field ones once each), in the order of [`super::FINDING_IDS`].
pub const DEFS: [Def; 6] = [
    FILL_RATE,
    PLACEHOLDER_VALUES,
    LABEL_VARIANTS,
    INDUSTRY_UNRECOGNISED,
    FREE_MAIL_SHARE,
    SCORED_WITHOUT_FIRMOGRAPHICS,
];

/// The firmographic fields whose fill rate is measured, with their names in titles.
pub const FILL_FIELDS: [(&str, &str); 7] = [
    ("company", "Company"),
    ("domain", "Company domain"),
    ("industry", "Industry"),
    ("employees", "Employee count"),
    ("title", "Job title"),
    ("country", "Country"),
    ("source", "Source"),
];

/// Text fields checked for placeholder values, per table.
const PLACEHOLDER_FIELDS: [(Kind, &[&str]); 2] = [
    (
        Kind::Leads,
        &[
            "company",
            "domain",
            "industry",
            "title",
            "country",
            "source",
            "first_name",
            "last_name",
            "full_name",
            "email",
            "phone",
            "status",
            "lifecycle_stage",
        ],
    ),
    (
        Kind::Accounts,
        &["company", "domain", "industry", "country"],
    ),
];

/// Categorical fields checked for label variants, per table.
const CATEGORICAL_FIELDS: [(Kind, &[&str]); 2] = [
    (
        Kind::Leads,
        &[
            "source",
            "industry",
            "country",
            "status",
            "lifecycle_stage",
            "priority",
        ],
    ),
    (Kind::Accounts, &["industry", "country"]),
];

/// The item 4 findings.
pub fn findings(ctx: &Context) -> Result<Vec<Finding>, FindingsError> {
    let ph = &ctx.settings.placeholders;
    let tables: Vec<(Kind, &DataFrame)> = [Kind::Leads, Kind::Accounts]
        .into_iter()
        .filter_map(|k| ctx.tables.get(k).map(|d| (k, d)))
        .collect();
    let counts = value_counts(&tables, ph)?;
    let mut out = Vec::new();

    // Per table: the checks, measured in one pass.
    let mut placeholder_findings = Vec::new();
    let mut variant_findings = Vec::new();
    let mut industry_findings = Vec::new();
    for &(kind, df) in &tables {
        let mut checks: Vec<Check> = Vec::new();
        let example = if kind == Kind::Accounts {
            col("company")
        } else {
            super::record_ref()
        };
        let check = |cond: Expr, of: Expr| Check {
            cond,
            of,
            example: example.clone(),
        };
        // Placeholders by the distinct values already counted: a hash lookup per row
        // instead of text matching.
        let ph_of = |field: &str| -> Expr {
            let values: Vec<String> = counts
                .placeholders(kind, field)
                .into_iter()
                .map(|(v, _)| v)
                .collect();
            if values.is_empty() {
                lit(false)
            } else {
                col(field)
                    .cast(DataType::String)
                    .is_in(lit(Series::new("p".into(), values)).implode(false), false)
                    .fill_null(lit(false))
            }
        };
        let missing_of = |field: &str| col(field).is_null().or(ph_of(field));
        enum Slot {
            Fill(&'static str, &'static str),
            Placeholder(&'static str, Vec<(String, u64)>),
            Variants(&'static str, Vec<Group>),
            Industry(Vec<(String, u64, Option<String>)>),
            FreeMail,
            Scored,
        }
        let mut slots: Vec<Slot> = Vec::new();
        if kind == Kind::Leads {
            for (field, label) in FILL_FIELDS {
                let missing = if field == "employees" {
                    col(field).is_null().or(col(field).lt_eq(lit(0.0)))
                } else {
                    missing_of(field)
                };
                checks.push(check(missing, lit(true)));
                slots.push(Slot::Fill(field, label));
            }
        }
        let fields = PLACEHOLDER_FIELDS
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(&[][..], |(_, f)| *f);
        for &field in fields {
            let values = counts.placeholders(kind, field);
            if values.is_empty() {
                continue;
            }
            checks.push(check(ph_of(field), lit(true)));
            slots.push(Slot::Placeholder(field, values));
        }
        let fields = CATEGORICAL_FIELDS
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(&[][..], |(_, f)| *f);
        for &field in fields {
            let groups = counts.variants(kind, field, ph);
            if groups.is_empty() {
                continue;
            }
            let variant_values: Vec<String> = groups
                .iter()
                .flat_map(|g| g.variants.iter().map(|v| v.0.clone()))
                .collect();
            checks.push(check(
                col(field).is_in(
                    lit(Series::new("v".into(), variant_values)).implode(false),
                    false,
                ),
                col(field).is_not_null().and(ph_of(field).not()),
            ));
            slots.push(Slot::Variants(field, groups));
        }
        let real = counts.real_values(kind, "industry", ph);
        if !real.is_empty() {
            let unknown: Vec<(String, u64, Option<String>)> = real
                .iter()
                .filter(|(v, _)| !industries::known(v))
                .map(|(v, n)| (v.clone(), *n, industries::suggest(v)))
                .collect();
            let values: Vec<String> = unknown.iter().map(|u| u.0.clone()).collect();
            checks.push(check(
                col("industry").is_in(lit(Series::new("v".into(), values)).implode(false), false),
                col("industry").is_not_null().and(ph_of("industry").not()),
            ));
            slots.push(Slot::Industry(unknown));
        }
        if kind == Kind::Leads {
            let free: Vec<String> = counts
                .get(kind, EMAIL_DOMAIN)
                .iter()
                .filter(|(d, _)| is_free_mail(d))
                .map(|(d, _)| d.clone())
                .collect();
            checks.push(check(
                domain_of_email().is_in(lit(Series::new("v".into(), free)).implode(false), false),
                domain_of_email().is_not_null(),
            ));
            slots.push(Slot::FreeMail);
            let scored = col("score")
                .is_not_null()
                .or(col("fit_score").is_not_null())
                .or(col("engagement_score").is_not_null());
            let empty = missing_of("company")
                .and(missing_of("domain"))
                .and(missing_of("industry"))
                .and(
                    col("employees")
                        .is_null()
                        .or(col("employees").lt_eq(lit(0.0))),
                );
            checks.push(check(empty, scored));
            slots.push(Slot::Scored);
        }
        let measured = measure(df.clone().lazy(), &checks, STAGE)?;
        let table = kind.as_str();
        for (slot, m) in slots.into_iter().zip(measured) {
            match slot {
                Slot::Fill(field, label) => out.push(fill_rate(table, field, label, m)),
                Slot::Placeholder(field, values) => {
                    placeholder_findings.push(placeholder(table, field, &values, m))
                }
                Slot::Variants(field, groups) => {
                    variant_findings.push(label_variants(table, field, &groups, m))
                }
                Slot::Industry(unknown) => {
                    industry_findings.push(industry_unrecognised(table, &unknown, m))
                }
                Slot::FreeMail => out.push(free_mail(m)),
                Slot::Scored => out.push(scored(m)),
            }
        }
    }

    if ctx.tables.leads.is_none() {
        let why = "no leads or contacts file was given";
        out.push(FILL_RATE.not_assessed(why));
        out.push(FREE_MAIL_SHARE.not_assessed(why));
        out.push(SCORED_WITHOUT_FIRMOGRAPHICS.not_assessed(why));
    }
    let none_given = tables.is_empty();
    let why_none = "no leads, contacts or accounts file was given";
    if placeholder_findings.is_empty() {
        placeholder_findings.push(if none_given {
            PLACEHOLDER_VALUES.not_assessed(why_none)
        } else {
            clean(
                &PLACEHOLDER_VALUES,
                "No placeholder values (such as \"Select\", \"N/A\", \"-\") in any field.",
            )
        });
    }
    if variant_findings.is_empty() {
        variant_findings.push(if none_given {
            LABEL_VARIANTS.not_assessed(why_none)
        } else {
            clean(
                &LABEL_VARIANTS,
                "No categorical value is written two ways (case, spacing or punctuation).",
            )
        });
    }
    if industry_findings.is_empty() {
        industry_findings
            .push(INDUSTRY_UNRECOGNISED.not_assessed("no lead or account has an industry"));
    }
    out.extend(placeholder_findings);
    out.extend(variant_findings);
    out.extend(industry_findings);
    Ok(out)
}

#[cfg(test)]
mod tests;
