//! How each finding of item 4 is worded from its measurement: the titles and details of
//! fill rates, placeholders, label variants, unrecognised industries, free mail and
//! scored leads without firmographics.

use super::*;

pub(super) fn clean(def: &Def, title: &str) -> Finding {
    Finding {
        id: def.id.to_owned(),
        item: def.item,
        severity: Severity::Info,
        count: 0,
        of: 0,
        title: title.to_owned(),
        detail: String::new(),
        examples: Vec::new(),
        fix: def.fix.to_owned(),
        field: None,
    }
}

/// The lower-case domain of the lead's email.
pub(super) fn domain_of_email() -> Expr {
    crate::metrics::expr::ascii_fast(col("email"), email_domain_ascii, email_domain_per_row)
}

/// [`domain_of_email`] of an ASCII value, without regular expressions: what follows the
/// last `@`, less one closing `>` and then one final `.` (unless that is all there is),
/// when it is not empty and holds no space, `@` or `>`.
pub(super) fn email_domain_ascii(v: &str, out: &mut String) -> bool {
    let t = crate::metrics::expr::trim(v);
    let Some(at) = t.rfind('@') else {
        return false;
    };
    let mut r = &t[at + 1..];
    r = r.strip_suffix('>').unwrap_or(r);
    if r.len() > 1 {
        r = r.strip_suffix('.').unwrap_or(r);
    }
    let bad = |c: char| c == '@' || c == '>' || c.is_whitespace();
    if r.is_empty() || r.chars().any(bad) {
        return false;
    }
    out.push_str(r);
    out.make_ascii_lowercase();
    true
}

/// [`domain_of_email`], row by row.
pub(super) fn email_domain_per_row(e: Expr) -> Expr {
    e.str()
        .strip_chars(lit(NULL))
        .str()
        .to_lowercase()
        .str()
        .extract(lit(r"@([^@\s>]+?)\.?>?$"), 1)
}

pub(super) fn with_field(mut f: Finding, table: &str, field: &str) -> Finding {
    f.field = Some(format!("{table}.{field}"));
    f
}

pub(super) fn records(table: &str) -> &'static str {
    if table == "accounts" {
        "accounts"
    } else {
        "leads"
    }
}

pub(super) fn fill_rate(table: &str, field: &str, label: &str, m: Measured) -> Finding {
    let filled = m.of - m.count;
    let title = if m.of > 0 && filled == 0 {
        format!(
            "{label} is empty on all {} {}: the export has none, or it is not mapped.",
            thousands(m.of),
            records(table)
        )
    } else {
        format!(
            "{label} is filled in on {} of {} {} ({}); {} are empty or placeholders.",
            thousands(filled),
            thousands(m.of),
            records(table),
            percent(filled, m.of),
            thousands(m.count)
        )
    };
    with_field(
        Draft {
            def: &FILL_RATE,
            title,
            detail: "count: records where the field is empty or a placeholder value.".to_owned(),
        }
        .finish(m),
        table,
        field,
    )
}

pub(super) fn placeholder(
    table: &str,
    field: &str,
    values: &[(String, u64)],
    m: Measured,
) -> Finding {
    let list: Vec<String> = values
        .iter()
        .map(|(v, n)| format!("\"{v}\" ({})", thousands(*n)))
        .collect();
    with_field(
        Draft {
            def: &PLACEHOLDER_VALUES,
            title: format!(
                "{} of {} {} ({}) hold a placeholder instead of a real {}.",
                thousands(m.count),
                thousands(m.of),
                records(table),
                percent(m.count, m.of),
                field.replace('_', " ")
            ),
            detail: format!("Values: {}.", list.join(", ")),
        }
        .finish(m),
        table,
        field,
    )
}

pub(super) fn label_variants(table: &str, field: &str, groups: &[Group], m: Measured) -> Finding {
    let detail = groups
        .iter()
        .map(|g| {
            let vs: Vec<String> = g
                .variants
                .iter()
                .map(|(v, n)| format!("\"{v}\" ({})", thousands(*n)))
                .collect();
            format!(
                "\"{}\" ({}) is also written {}",
                g.canonical,
                thousands(g.canonical_count),
                vs.join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let n_values: usize = groups.iter().map(|g| g.variants.len()).sum();
    with_field(
        Draft {
            def: &LABEL_VARIANTS,
            title: format!(
                "{} of {} {} ({}) write their {field} as one of {n_values} variants of a more common value.",
                thousands(m.count),
                thousands(m.of),
                records(table),
                percent(m.count, m.of)
            ),
            detail,
        }
        .finish(m),
        table,
        field,
    )
}

pub(super) fn industry_unrecognised(
    table: &str,
    unknown: &[(String, u64, Option<String>)],
    m: Measured,
) -> Finding {
    let detail = unknown
        .iter()
        .map(|(v, n, s)| match s {
            Some(s) => format!("\"{v}\" ({}) → \"{s}\"", thousands(*n)),
            None => format!("\"{v}\" ({}): no close match", thousands(*n)),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let title = if m.count == 0 {
        format!(
            "Every industry on {} {} is in the standard list.",
            thousands(m.of),
            records(table)
        )
    } else {
        let shown: Vec<String> = unknown
            .iter()
            .take(3)
            .map(|(v, _, s)| match s {
                Some(s) => format!("\"{v}\" (did you mean \"{s}\"?)"),
                None => format!("\"{v}\""),
            })
            .collect();
        format!(
            "{} of {} {} ({}) have an industry that is not in the standard list: {}{}.",
            thousands(m.count),
            thousands(m.of),
            records(table),
            percent(m.count, m.of),
            shown.join(", "),
            if unknown.len() > 3 { ", ..." } else { "" }
        )
    };
    with_field(
        Draft {
            def: &INDUSTRY_UNRECOGNISED,
            title,
            detail,
        }
        .finish(m),
        table,
        "industry",
    )
}

pub(super) fn free_mail(m: Measured) -> Finding {
    if m.of == 0 {
        return FREE_MAIL_SHARE.not_assessed("no lead has an email address");
    }
    Draft {
        def: &FREE_MAIL_SHARE,
        title: format!(
            "{} of {} leads with an email ({}) use a free-mail address, which names no company to enrich.",
            thousands(m.count),
            thousands(m.of),
            percent(m.count, m.of)
        ),
        detail: "Free mail: Gmail, Yahoo, Outlook, Hotmail, Live, AOL, iCloud, Proton, GMX and other consumer providers.".to_owned(),
    }
    .finish(m)
}

pub(super) fn scored(m: Measured) -> Finding {
    if m.of == 0 {
        return SCORED_WITHOUT_FIRMOGRAPHICS.not_assessed("no lead has a score");
    }
    Draft {
        def: &SCORED_WITHOUT_FIRMOGRAPHICS,
        title: if m.count == 0 {
            format!(
                "Every one of {} scored leads has some firmographics.",
                thousands(m.of)
            )
        } else {
            format!(
                "{} of {} scored leads ({}) were scored with no company, domain, industry or employee count.",
                thousands(m.count),
                thousands(m.of),
                percent(m.count, m.of)
            )
        },
        detail: "A lead is scored when it has a score, fit score or engagement score.".to_owned(),
    }
    .finish(m)
}
