//! Item 1, closed-won data hygiene: is the history a score would train on clean and
//! consistent? Everything here reads the deals table.
//!
//! The findings, with what each counts and of what: [`DEFS`]. "Closed" means won or
//! lost. Severity: a warning from the first deal; critical from the share given in each
//! definition's [`Policy`].

mod recent;
mod variants;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use polars::prelude::*;

use super::measure::named_checks;
use super::{
    AsOfSource, Check, Context, Def, Finding, FindingsError, Measured, Policy, by_system, closed,
    flag_or, is_missing_text, percent, plural, strings, thousands, with_systems,
};
use crate::ingest::Kind;
use recent::*;
pub use variants::{VariantGroup, group_labels, stage_variants};

const ITEM: u8 = 1;
const STAGE: &str = "closed-won hygiene";
/// How many recently closed deals the spot check reads.
pub const RECENT: usize = 20;

/// A deal's `outcome` stands for its stage, outcome or won flag.
const OUTCOME: &[(Kind, &str)] = &[(Kind::Deals, "outcome")];

pub const STAGE_LABEL_VARIANTS: Def = Def {
    id: "stage_label_variants",
    item: ITEM,
    policy: Policy::any(0.05),
    fix: "Merge the variant stage labels into one label per stage in the CRM (and map each to one outcome), then re-export.",
    counts: "deals whose stage label is a variant of another label (same outcome, or differing only in case, spacing, punctuation or one or two letters)",
    of: "deals with a stage",
    needs: OUTCOME,
};

pub const CLOSED_MISSING_OUTCOME: Def = Def {
    id: "closed_missing_outcome",
    item: ITEM,
    policy: Policy::any(0.05),
    fix: "Mark each closed deal won or lost in the CRM; a closed stage without an outcome cannot be learned from.",
    counts: "deals that look closed (closed flag, \"closed\" in the stage) but are neither won nor lost",
    of: "those plus the won and lost deals",
    needs: OUTCOME,
};

pub const CLOSED_MISSING_CLOSE_REASON: Def = Def {
    id: "closed_missing_close_reason",
    item: ITEM,
    policy: Policy::any(0.2),
    fix: "Make the close reason a required field when a deal is closed won or lost, and backfill it for recent deals.",
    counts: "won and lost deals without a reason (all of them when there is no reason column)",
    of: "won and lost deals, less the won deals of a file whose reason column holds loss reasons only (a Salesforce opportunity report's \"Loss Reason\")",
    needs: OUTCOME,
};

pub const CLOSED_MISSING_OWNER: Def = Def {
    id: "closed_missing_owner",
    item: ITEM,
    policy: Policy::any(0.1),
    fix: "Assign an owner to every closed deal (the rep who worked it) and require an owner on close.",
    counts: "closed deals without an owner",
    of: "closed deals",
    needs: OUTCOME,
};

pub const CLOSED_MISSING_CLOSE_DATE: Def = Def {
    id: "closed_missing_close_date",
    item: ITEM,
    policy: Policy::any(0.05),
    fix: "Set the close date on every closed deal; require it when the deal moves to a closed stage.",
    counts: "closed deals without a close date",
    of: "closed deals",
    needs: OUTCOME,
};

pub const CLOSE_BEFORE_CREATED: Def = Def {
    id: "close_before_created",
    item: ITEM,
    policy: Policy::any(0.05),
    fix: "Correct the close or creation date of these deals; a deal cannot close before it exists. Check reopened or imported deals first.",
    counts: "deals closed before the local day they were created",
    of: "deals with both dates",
    needs: &[(Kind::Deals, "close_date"), (Kind::Deals, "created_at")],
};

pub const CLOSED_IN_FUTURE: Def = Def {
    id: "closed_in_future",
    item: ITEM,
    policy: Policy::any(0.05),
    fix: "Correct the close date of these closed deals to the day they actually closed, or reopen them if they are not closed.",
    counts: "closed deals whose close date is after the export day",
    of: "closed deals with a close date",
    needs: &[(Kind::Deals, "outcome"), (Kind::Deals, "close_date")],
};

pub const WON_WITHOUT_AMOUNT: Def = Def {
    id: "won_without_amount",
    item: ITEM,
    policy: Policy::any(0.1),
    fix: "Enter the contract value on every won deal and make the amount required on closed won.",
    counts: "won deals with no amount or an amount of 0",
    of: "won deals",
    needs: OUTCOME,
};

pub const OPEN_PAST_CLOSE_DATE: Def = Def {
    id: "open_past_close_date",
    item: ITEM,
    policy: Policy::any(0.25),
    fix: "Review these open deals: close them won or lost, or move their close date to a realistic day.",
    counts: "open deals whose close date is before the export day",
    of: "open deals",
    needs: &[(Kind::Deals, "outcome"), (Kind::Deals, "close_date")],
};

pub const DEAL_MISSING_CREATED: Def = Def {
    id: "deal_missing_created",
    item: ITEM,
    policy: Policy::any(0.1),
    fix: "Export the deals with their creation date (or map the column that holds it); without it no cycle time or cohort can be measured.",
    counts: "deals without a creation date",
    of: "deals",
    needs: &[],
};

pub const DEAL_COMPANY_MISSING: Def = Def {
    id: "deal_company_missing",
    item: ITEM,
    policy: Policy::any(0.2),
    fix: "Associate each deal with its company or account so that fit and territory can be learned.",
    counts: "deals without a company (empty or a placeholder)",
    of: "deals",
    needs: &[],
};

pub const RECENT_CLOSED_CHECK: Def = Def {
    id: "recent_closed_check",
    item: ITEM,
    policy: Policy::any(0.5),
    fix: "Fix these recent deals first: they are what a score would learn from next, and they show whether the process is being followed today.",
    counts: "of the 20 most recently closed deals, those missing an outcome, reason or owner, or with implausible dates",
    of: "those deals (20, or fewer)",
    needs: OUTCOME,
};

/// The item 1 findings, in the order [`findings`] returns them.
pub const DEFS: [Def; 12] = [
    STAGE_LABEL_VARIANTS,
    CLOSED_MISSING_OUTCOME,
    CLOSED_MISSING_CLOSE_REASON,
    CLOSED_MISSING_OWNER,
    CLOSED_MISSING_CLOSE_DATE,
    CLOSE_BEFORE_CREATED,
    CLOSED_IN_FUTURE,
    WON_WITHOUT_AMOUNT,
    OPEN_PAST_CLOSE_DATE,
    DEAL_MISSING_CREATED,
    DEAL_COMPANY_MISSING,
    RECENT_CLOSED_CHECK,
];

/// The problems of closed deals whose largest share grades item 1 (the checklist's
/// hygiene check reads these; stage variants and the spot check are evidence beside).
pub const CLOSED_DEAL_PROBLEMS: [Def; 7] = [
    CLOSED_MISSING_OUTCOME,
    CLOSED_MISSING_CLOSE_REASON,
    CLOSED_MISSING_OWNER,
    CLOSED_MISSING_CLOSE_DATE,
    CLOSE_BEFORE_CREATED,
    CLOSED_IN_FUTURE,
    WON_WITHOUT_AMOUNT,
];

named_checks!(
    /// What item 1 counts over the deals, in one pass.
    Checks {
        /// Deals carrying a variant stage label.
        stage_variants,
        /// Closed-looking deals neither won nor lost.
        outcome,
        /// Closed deals without a reason (those judged), and the won and lost apart.
        reason,
        reason_won,
        reason_lost,
        owner,
        close_date,
        before_created,
        in_future,
        amount,
        past_close,
        created,
        company,
        /// Closed deals without a creation date (for the before-created note).
        closed_without_created,
        /// Won deals whose file holds no won reason.
        won_unjudged,
    }
);

/// The item 1 findings.
pub fn findings(ctx: &Context) -> Result<Vec<Finding>, FindingsError> {
    let Some(deals) = ctx.tables.deals.as_ref() else {
        return Ok(DEFS
            .iter()
            .map(|d| d.not_assessed("no deals or opportunities file was given"))
            .collect());
    };
    let ph = &ctx.settings.placeholders;
    let variants = stage_variants(deals)?;
    let variant_labels: Vec<String> = variants
        .iter()
        .flat_map(|g| g.variants.iter().map(|(l, _)| l.clone()))
        .collect();

    let lf = deals.clone().lazy().with_columns([
        closed().alias("_closed"),
        ctx.local_date("created_at").alias("_created_day"),
        stage_key().alias("_stage_key"),
    ]);
    let is_closed = || col("_closed");
    let won = || col("outcome").eq(lit("won"));
    let lost = || col("outcome").eq(lit("lost"));
    let open = || col("outcome").eq(lit("open"));
    let looks_closed = col("is_closed")
        .eq(lit(true))
        .or(col("_stage_key").str().contains_literal(lit("closed")))
        .fill_null(lit(false));
    let no_reason = || is_missing_text(col("close_reason"), ph);
    // A won deal's reason is judged only when its file can hold one.
    let won_judged = || flag_or(deals, "_won_reason_exported", true);
    let reason_judged = || lost().or(won().and(won_judged()));
    let as_of = ctx.as_of.map(|a| lit(a.date));
    let all = || lit(true);
    let never = || lit(false);

    let m = Checks {
        stage_variants: Check::new(
            col("stage").is_in(
                lit(Series::new("v".into(), variant_labels.clone())).implode(false),
                false,
            ),
            col("stage").is_not_null(),
        ),
        outcome: Check::new(
            looks_closed.clone().and(is_closed().not()),
            looks_closed.or(is_closed()),
        ),
        reason: Check::new(no_reason(), reason_judged()),
        reason_won: Check::new(no_reason(), won().and(won_judged())),
        reason_lost: Check::new(no_reason(), lost()),
        owner: Check::new(is_missing_text(col("owner"), ph), is_closed()),
        close_date: Check::new(col("close_date").is_null(), is_closed()),
        before_created: Check::new(
            col("close_date").lt(col("_created_day")),
            col("close_date")
                .is_not_null()
                .and(col("_created_day").is_not_null()),
        ),
        in_future: Check::new(
            as_of.clone().map_or(never(), |d| col("close_date").gt(d)),
            is_closed().and(col("close_date").is_not_null()),
        ),
        amount: Check::new(
            col("amount").is_null().or(col("amount").lt_eq(lit(0.0))),
            won(),
        ),
        past_close: Check::new(
            as_of.clone().map_or(never(), |d| col("close_date").lt(d)),
            open(),
        ),
        created: Check::new(col("created_at").is_null(), all()),
        company: Check::new(is_missing_text(col("company"), ph), all()),
        closed_without_created: Check::new(col("created_at").is_null(), is_closed()),
        won_unjudged: Check::new(won_judged().not(), won()),
    }
    .measure(lf, STAGE)?;
    let mut out = Vec::new();

    // stage_label_variants
    {
        let v = &m.stage_variants;
        let mut detail = String::new();
        for g in &variants {
            let list: Vec<String> = g
                .variants
                .iter()
                .map(|(l, n)| format!("\"{l}\" ({})", thousands(*n)))
                .collect();
            let _ = writeln!(
                detail,
                "\"{}\" ({}) is also written {}",
                g.canonical,
                thousands(g.canonical_count),
                list.join(", ")
            );
        }
        let labels: usize = variants.iter().map(|g| g.variants.len()).sum();
        let title = if v.count == 0 {
            format!(
                "Each stage has one label: no variant spellings among {} with a stage.",
                plural(v.of, "deal", "deals")
            )
        } else {
            format!(
                "{} of {} deals ({}) carry one of {} variant labels of the stage{} {}.",
                thousands(v.count),
                thousands(v.of),
                percent(v.count, v.of),
                labels,
                if variants.len() == 1 { "" } else { "s" },
                variants
                    .iter()
                    .map(|g| format!("\"{}\"", g.canonical))
                    .collect::<Vec<_>>()
                    .join(" and ")
            )
        };
        out.push(STAGE_LABEL_VARIANTS.finding(title, detail, m.stage_variants.clone()));
    }

    // closed_missing_outcome
    {
        let o = &m.outcome;
        let title = if o.count == 0 {
            format!(
                "Every one of {} closed deals is marked won or lost.",
                thousands(o.of)
            )
        } else {
            format!(
                "{} of {} closed deals ({}) are closed without being won or lost.",
                thousands(o.count),
                thousands(o.of),
                percent(o.count, o.of)
            )
        };
        out.push(CLOSED_MISSING_OUTCOME.finding(
            title,
            "A deal counts as closed when it is won or lost, its closed flag is set, or its stage says \"closed\".".to_owned(),
            o.clone(),
        ));
    }

    // closed_missing_close_reason
    {
        let (n, of) = (m.reason.count, m.reason.of);
        let title = if of > 0 && n == of {
            format!(
                "None of the {} closed deals says why it was won or lost: the export has no close reason, or it is always empty.",
                thousands(of)
            )
        } else if n == 0 {
            format!(
                "Every one of {} closed deals has a close reason.",
                thousands(of)
            )
        } else {
            format!(
                "{} of {} closed deals ({}) have no close reason.",
                thousands(n),
                thousands(of),
                percent(n, of)
            )
        };
        let mut detail = format!(
            "Won deals without a reason: {} of {}. Lost deals without a reason: {} of {}. Placeholder values count as missing.",
            thousands(m.reason_won.count),
            thousands(m.reason_won.of),
            thousands(m.reason_lost.count),
            thousands(m.reason_lost.of)
        );
        if m.won_unjudged.count > 0 {
            let _ = write!(
                detail,
                " Not judged: {}, from files whose reason column holds loss reasons only.",
                plural(m.won_unjudged.count, "won deal", "won deals")
            );
        }
        let detail = with_systems(
            detail,
            by_system(
                deals,
                &Check::new(
                    no_reason(),
                    closed().and(col("outcome").eq(lit("lost")).or(won_judged())),
                ),
                STAGE,
            )?,
        );
        out.push(CLOSED_MISSING_CLOSE_REASON.finding(title, detail, m.reason.clone()));
    }

    out.push(simple(
        &CLOSED_MISSING_OWNER,
        &m.owner,
        "closed deals",
        "have no owner",
        "Every closed deal has an owner",
    ));
    out.push(simple(
        &CLOSED_MISSING_CLOSE_DATE,
        &m.close_date,
        "closed deals",
        "have no close date",
        "Every closed deal has a close date",
    ));

    // close_before_created
    if m.before_created.of == 0 {
        out.push(
            CLOSE_BEFORE_CREATED.not_assessed("no deal has both a creation date and a close date"),
        );
    } else {
        let mut f = simple(
            &CLOSE_BEFORE_CREATED,
            &m.before_created,
            "deals with both dates",
            "closed before the day they were created",
            "No deal closes before it was created",
        );
        f.detail = format!(
            "Creation times are compared as local dates in {}.{}",
            ctx.settings.timezone,
            if m.closed_without_created.count > 0 {
                format!(
                    " {} closed deals have no creation date and cannot be checked.",
                    thousands(m.closed_without_created.count)
                )
            } else {
                String::new()
            }
        );
        out.push(f);
    }

    // closed_in_future
    match ctx.as_of {
        Some(a) if a.source != AsOfSource::CloseDates => {
            let mut f = simple(
                &CLOSED_IN_FUTURE,
                &m.in_future,
                "closed deals with a close date",
                "closed after the day of the export",
                "No closed deal has a close date in the future",
            );
            f.detail = format!("The day of the export: {}.", a.describe());
            out.push(f);
        }
        _ => out.push(CLOSED_IN_FUTURE.not_assessed(
            "the exports hold no creation or activity dates that tell the day they were taken; set as_of in the settings",
        )),
    }

    out.push(simple(
        &WON_WITHOUT_AMOUNT,
        &m.amount,
        "won deals",
        "have no amount (empty or 0)",
        "Every won deal has an amount",
    ));

    // open_past_close_date
    match ctx.as_of {
        Some(a) => {
            let mut f = simple(
                &OPEN_PAST_CLOSE_DATE,
                &m.past_close,
                "open deals",
                "are still open after their close date",
                "No open deal is past its close date",
            );
            f.detail = format!("The day of the export: {}.", a.describe());
            out.push(f);
        }
        None => out.push(OPEN_PAST_CLOSE_DATE.not_assessed(
            "the exports hold no dates that tell the day they were taken; set as_of in the settings",
        )),
    }

    // deal_missing_created
    {
        let (n, of) = (m.created.count, m.created.of);
        let mut f = simple(
            &DEAL_MISSING_CREATED,
            &m.created,
            "deals",
            "have no creation date",
            "Every deal has a creation date",
        );
        if of > 0 && n == of {
            f.title = format!(
                "None of the {} deals has a creation date: the export has none, or it is not mapped.",
                thousands(of)
            );
        }
        out.push(f);
    }

    out.push(simple(
        &DEAL_COMPANY_MISSING,
        &m.company,
        "deals",
        "have no company or account",
        "Every deal has a company",
    ));

    out.push(recent_closed(ctx, deals)?);
    Ok(out)
}

/// A finding of the form "N of M <what> (p%) <problem>." / "<clean>: all M <what>."
fn simple(def: &Def, m: &Measured, what: &str, problem: &str, clean: &str) -> Finding {
    let title = if m.count == 0 {
        format!("{clean} (0 of {} {what}).", thousands(m.of))
    } else {
        format!(
            "{} of {} {what} ({}) {problem}.",
            thousands(m.count),
            thousands(m.of),
            percent(m.count, m.of)
        )
    };
    def.finding(title, String::new(), m.clone())
}

/// The stage label as a key: lower case letters and digits.
fn stage_key() -> Expr {
    col("stage")
        .str()
        .to_lowercase()
        .str()
        .replace_all(lit(r"[^\p{L}\p{N}]"), lit(""), false)
}

#[cfg(test)]
mod tests;
