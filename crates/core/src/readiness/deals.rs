//! The deals as the subject (no leads file), and the doubts on a deal's outcome that
//! the hygiene findings of items 1 and 2 raise.

use super::*;

/// A deal's outcome is in doubt: its stage label is a variant of another.
pub(super) const DOUBT_VARIANT: u8 = 1;
/// A deal's outcome is in doubt: closed without a close reason.
pub(super) const DOUBT_REASON: u8 = 2;

/// Why each deal's outcome is in doubt, as [`DOUBT_VARIANT`] | [`DOUBT_REASON`] bits, as
/// the hygiene findings of item 1 judge it (default placeholders).
pub(super) fn deal_doubts(deals: &DataFrame) -> Result<Vec<u8>, ReadinessError> {
    let polars = |error| ReadinessError::Polars {
        kind: "deals",
        error,
    };
    let variants: std::collections::HashSet<String> =
        crate::findings::hygiene::stage_variants(deals)?
            .into_iter()
            .flat_map(|g| g.variants.into_iter().map(|(l, _)| l))
            .collect();
    let stages: Vec<Option<String>> = match deals.column("stage") {
        Ok(c) => c
            .as_materialized_series()
            .cast(&DataType::String)
            .map_err(polars)?
            .str()
            .map_err(polars)?
            .iter()
            .map(|v| v.map(str::to_owned))
            .collect(),
        Err(_) => vec![None; deals.height()],
    };
    let outcomes = texts(deals, "outcome").map_err(polars)?;
    let reasons = texts(deals, "close_reason").map_err(polars)?;
    let won_judged = bools(deals, "_won_reason_exported").map_err(polars)?;
    let placeholders: Vec<String> = crate::settings::Settings::default()
        .placeholders
        .iter()
        .map(|p| p.trim().to_lowercase())
        .collect();
    let missing = |r: &Value| match r {
        None => true,
        Some(r) => {
            placeholders.contains(&r.trim().to_lowercase()) || !r.chars().any(char::is_alphanumeric)
        }
    };
    Ok((0..deals.height())
        .map(|i| {
            let mut d = 0;
            if stages[i].as_ref().is_some_and(|s| variants.contains(s)) {
                d |= DOUBT_VARIANT;
            }
            let judged = match outcomes[i].as_deref().map(str::to_lowercase).as_deref() {
                Some("lost") => true,
                Some("won") => won_judged[i].unwrap_or(true),
                _ => false,
            };
            if judged && missing(&reasons[i]) {
                d |= DOUBT_REASON;
            }
            d
        })
        .collect())
}

pub(super) fn deals_subject(import: &Import, deals: &DataFrame) -> PolarsResult<Subject> {
    let outcomes = texts(deals, "outcome")?;
    let labels: Vec<Label> = outcomes
        .iter()
        .map(|o| match o.as_deref().map(str::to_lowercase).as_deref() {
            Some("won") => Label::Won,
            Some("lost") => Label::Lost,
            _ => Label::Open,
        })
        .collect();
    let created = millis(deals, "created_at")?;
    let (times, time_field) = if created.iter().any(Option::is_some) {
        (created, "creation date")
    } else {
        (millis(deals, "close_date")?, "close date")
    };
    let mut notes = vec![
        "no leads file: won and lost deals are scored, with what is known when a deal is created"
            .to_owned(),
    ];
    if time_field == "close date" {
        notes.push("the deals have no creation date: time order follows the close date".to_owned());
    }
    let mut columns = vec![
        text_column(deals, "owner", "Owner", "owner", true)?,
        Column {
            name: "Amount".into(),
            origin: "amount".into(),
            values: quintiles(&numbers(deals, "amount")?),
            levels: true,
            feature: true,
        },
    ];
    // The account's firmographics, joined by company name.
    if let Some(accounts) = &import.tables.accounts {
        let key = |s: &Value| s.as_deref().map(|s| s.trim().to_lowercase());
        let names: Vec<Option<String>> = texts(accounts, "company")?.iter().map(key).collect();
        let mut row_of: HashMap<String, usize> = HashMap::default();
        for (i, nm) in names.iter().enumerate() {
            if let Some(nm) = nm {
                row_of.entry(nm.clone()).or_insert(i);
            }
        }
        let deal_rows: Vec<Option<usize>> = texts(deals, "company")?
            .iter()
            .map(|c| key(c).and_then(|c| row_of.get(&c).copied()))
            .collect();
        let pick = |values: &[Value]| -> Vec<Value> {
            deal_rows
                .iter()
                .map(|r| r.and_then(|r| values[r].clone()))
                .collect()
        };
        let bands = employee_bands(&numbers(accounts, "employees")?);
        columns.push(Column {
            name: "Account employees".into(),
            origin: "accounts: employees".into(),
            values: pick(&bands),
            levels: true,
            feature: true,
        });
        columns.push(as_column(
            "Account industry",
            "accounts: industry",
            pick(&texts(accounts, "industry")?),
            true,
        ));
        columns.push(Column {
            name: "Account revenue".into(),
            origin: "accounts: revenue".into(),
            values: pick(&quintiles(&numbers(accounts, "revenue")?)),
            levels: true,
            feature: true,
        });
        columns.push(as_column(
            "Account country",
            "accounts: country",
            pick(&texts(accounts, "country")?),
            true,
        ));
        for mut c in extra_columns(import, Kind::Accounts, accounts, "Account ")? {
            c.values = pick(&c.values);
            columns.push(c);
        }
    }
    const LABEL_FIELDS: &[&str] = &["stage", "outcome", "is_won", "is_lost", "owner", "amount"];
    for spec in Kind::Deals.fields() {
        if LABEL_FIELDS.contains(&spec.name) || NOT_SCANNED.contains(&spec.name) {
            continue;
        }
        columns.push(text_column(deals, spec.name, spec.name, spec.name, false)?);
    }
    columns.extend(extra_columns(import, Kind::Deals, deals, "")?);
    columns.retain(|c| c.values.iter().any(Option::is_some));
    Ok(Subject {
        name: "deals",
        labels,
        times,
        time_field,
        columns,
        process: None,
        as_of: None,
        notes,
        doubt: Vec::new(),
        tz: chrono_tz::UTC,
    })
}
