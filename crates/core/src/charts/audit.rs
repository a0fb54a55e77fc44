//! The charts of an audit: speed to lead by bucket, SLA breaches by hour of week, leads
//! per owner, the response-time curve and the baselines per quarter, each built from the
//! baseline or left out with the reason.

use super::{
    AuditCharts, ChartKind, ChartSpec, OmittedChart, Orientation, Reference, Series, SeriesRole,
    ids,
};
use crate::audit::AuditResult;
use crate::format::{self, count, plural};
use crate::metrics::{CurveBucket, Figures};
use crate::present;
use crate::present::Unit;

/// The charts of an audit, drawn the same on paper and on screen: speed-to-lead by
/// bucket (with the previous audit as a comparison series when given), SLA breaches by
/// hour of week, leads (or deals) per owner against an equal share, the response-time
/// curve and the baselines per quarter. A chart whose data is unavailable is left out,
/// never drawn with zeros; [`audit_charts`] also says why.
pub fn for_audit(
    result: &crate::audit::AuditResult,
    previous: Option<&crate::audit::AuditResult>,
) -> Vec<ChartSpec> {
    audit_charts(result, previous).charts
}

/// [`for_audit`], with the charts left out and why.
pub fn audit_charts(
    result: &crate::audit::AuditResult,
    previous: Option<&crate::audit::AuditResult>,
) -> AuditCharts {
    let builders: [(&str, &str, AuditChart); 5] = [
        (
            ids::SPEED_BUCKETS,
            "Speed-to-lead: leads by time to first touch",
            speed_buckets,
        ),
        (
            ids::SLA_BY_HOUR,
            "SLA breaches by hour of week",
            sla_by_hour,
        ),
        (
            ids::OWNER_LOAD,
            "Leads per owner against an equal share",
            owner_load,
        ),
        (
            ids::RESPONSE_CURVE,
            "Response-time curve: what became of leads by how fast they were touched",
            response_curve,
        ),
        (ids::QUARTERS, "Baselines per quarter", quarters),
    ];
    let mut out = AuditCharts::default();
    for (id, title, build) in builders {
        match build(result, previous).and_then(|spec| {
            spec.validate()
                .map(|()| spec)
                .map_err(|e| format!("its data cannot be drawn: {e}"))
        }) {
            Ok(spec) => out.charts.push(spec),
            Err(reason) => out.omitted.push(OmittedChart {
                id: id.to_owned(),
                title: title.to_owned(),
                reason,
            }),
        }
    }
    out
}

type AuditChart =
    fn(&crate::audit::AuditResult, Option<&crate::audit::AuditResult>) -> Result<ChartSpec, String>;

/// The days of the week, as the rows of the hour-of-week grids run.
pub const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// Why `key` is unavailable, trying `key`, then the keys it nests in
/// (`routing.gini` → `routing`), then `fallback`.
pub fn why(figures: &Figures, keys: &[&str], fallback: &str) -> String {
    keys.iter()
        .find_map(|k| {
            let mut key = *k;
            loop {
                if let Some(r) = figures.unavailable.get(key) {
                    return Some(r.clone());
                }
                key = key.rsplit_once('.')?.0;
            }
        })
        .unwrap_or_else(|| fallback.to_owned())
}

fn label(id: &str) -> &'static str {
    present::figure(id).map_or("", |f| f.label)
}

/// The name of an audit's series; the previous audit's gets "(previous)" when the
/// two share a name.
fn names(result: &AuditResult, previous: Option<&AuditResult>) -> (String, String) {
    let now = result.audit.name.trim().to_owned();
    let before = previous.map_or(String::new(), |p| p.audit.name.trim().to_owned());
    if before == now {
        (now, format!("{before} (previous)"))
    } else {
        (now, before)
    }
}

fn curve(result: &AuditResult) -> Result<&[CurveBucket], String> {
    let f = &result.baseline.figures;
    f.response_curve
        .as_deref()
        .filter(|c| c.iter().any(|b| b.leads > 0))
        .ok_or_else(|| {
            why(
                f,
                &["response_curve", "speed_to_lead"],
                "no lead's speed-to-lead can be measured",
            )
        })
}

pub fn speed_buckets(
    result: &AuditResult,
    previous: Option<&AuditResult>,
) -> Result<ChartSpec, String> {
    let buckets = curve(result)?;
    let total: u64 = buckets.iter().map(|b| b.leads).sum();
    let (now, before) = names(result, previous);
    let mut s = ChartSpec::new(
        ids::SPEED_BUCKETS,
        "Speed-to-lead: leads by time to first touch",
        ChartKind::Bar,
        Unit::Percent,
    );
    s.x_label = "Time from creation to first touch (clock time)".into();
    s.y_label = "Share of the leads created".into();
    s.categories = buckets.iter().map(|b| b.label.clone()).collect();
    let shares = |list: &[CurveBucket], total: u64| -> Vec<Option<f64>> {
        buckets
            .iter()
            .map(|b| {
                list.iter()
                    .find(|x| x.bucket == b.bucket)
                    .map(|x| x.leads as f64 / total as f64)
            })
            .collect()
    };
    let mut note = format!(
        "{now}: {} of {} leads, in the order of the bars. Leads never contacted stay in the denominator.",
        buckets
            .iter()
            .map(|b| count(b.leads))
            .collect::<Vec<_>>()
            .join(" · "),
        count(total)
    );
    if let Some(sp) = &result.baseline.figures.speed_to_lead
        && sp.excluded_touched_before_creation > 0
    {
        note.push_str(&format!(
            " {} touched only before they were created are left out.",
            plural(sp.excluded_touched_before_creation, "lead", "leads")
        ));
    }
    if let Some(p) = previous {
        match curve(p) {
            Ok(old) => {
                let old_total: u64 = old.iter().map(|b| b.leads).sum();
                s.kind = ChartKind::GroupedBar;
                s.series.push(
                    Series::new(before.clone(), shares(old, old_total))
                        .with_role(SeriesRole::Comparison),
                );
                note.push_str(&format!(
                    " {before}: {} of {} leads.",
                    old.iter()
                        .map(|b| count(b.leads))
                        .collect::<Vec<_>>()
                        .join(" · "),
                    count(old_total)
                ));
            }
            Err(reason) => note.push_str(&format!(" {before}: not available ({reason}).")),
        }
    }
    s.series.push(Series::new(now, shares(buckets, total)));
    s.note = note;
    Ok(s)
}

pub fn sla_by_hour(result: &AuditResult, _: Option<&AuditResult>) -> Result<ChartSpec, String> {
    let f = &result.baseline.figures;
    let sla = f.sla.as_ref().ok_or_else(|| {
        why(
            f,
            &["sla", "speed_to_lead"],
            "no lead's speed-to-lead can be measured",
        )
    })?;
    let grid = &sla.breaches_by_hour_of_week;
    if grid.len() != 7 || grid.iter().any(|r| r.len() != 24) {
        return Err("the breaches by hour of week are not a 7 × 24 grid".to_owned());
    }
    let created = f
        .speed_to_lead
        .as_ref()
        .map(|s| &s.leads_by_hour_of_week)
        .filter(|g| g.len() == 7 && g.iter().all(|r| r.len() == 24));
    let mut s = ChartSpec::new(
        ids::SLA_BY_HOUR,
        format!(
            "SLA breaches by hour of week ({})",
            result.baseline.timezone
        ),
        ChartKind::Heatmap,
        Unit::Count,
    );
    s.x_label = "Hour the lead was created".into();
    s.y_label = "Day".into();
    s.categories = (0..24).map(|h| format!("{h:02}")).collect();
    s.series = DAYS
        .iter()
        .enumerate()
        .map(|(d, day)| {
            let values = (0..24)
                .map(|h| {
                    // An hour in which no lead was created has no data, not 0 breaches.
                    let none_created = created.is_some_and(|c| c[d][h] == 0);
                    (!none_created).then_some(grid[d][h] as f64)
                })
                .collect();
            Series::new(*day, values)
        })
        .collect();
    let target = format::minutes(sla.target_minutes);
    let targets = if sla.targets_by_priority.is_empty() {
        format!("the {target} target")
    } else {
        format!("the target for its priority ({target} by default)")
    };
    let mut note = format!(
        "Each cell counts the leads created in that hour whose first touch came later than {targets}, or never: {} breaches of {} leads in all.",
        count(sla.breaches),
        count(sla.leads)
    );
    if let Some(a) = sla.after_hours_share {
        note.push_str(&format!(
            " {} of them came in outside business hours ({}).",
            format::percent(a),
            result.baseline.business_hours
        ));
    }
    if created.is_some() {
        note.push_str(" Hatched: no lead was created in that hour.");
    }
    s.note = note;
    Ok(s)
}

/// At most this many owners are drawn, busiest first.
pub const MAX_OWNERS: usize = 30;

pub fn owner_load(result: &AuditResult, _: Option<&AuditResult>) -> Result<ChartSpec, String> {
    let f = &result.baseline.figures;
    let r = f
        .routing
        .as_ref()
        .ok_or_else(|| why(f, &["routing"], "no owner is mapped"))?;
    let by_deals = r.basis == "deals";
    let value = |o: &crate::metrics::OwnerFigures| if by_deals { o.deals } else { o.leads };
    let owners: Vec<_> = r
        .owners
        .iter()
        .filter(|o| value(o).is_some_and(|v| v > 0))
        .collect();
    if owners.is_empty() {
        return Err(why(
            f,
            &["routing.gini", "routing.equal_share"],
            "no owner has a lead or a deal in the period",
        ));
    }
    let shown = &owners[..owners.len().min(MAX_OWNERS)];
    let total: u64 = owners.iter().filter_map(|o| value(o)).sum();
    let what = if by_deals { "Deals" } else { "Leads" };
    let mut s = ChartSpec::new(
        ids::OWNER_LOAD,
        format!("{what} per owner against an equal share"),
        ChartKind::Bar,
        Unit::Count,
    );
    s.orientation = Orientation::Horizontal;
    s.x_label = "Owner".into();
    s.y_label = format!("{what} assigned in the period");
    s.categories = shown.iter().map(|o| o.owner.clone()).collect();
    let inactive: Vec<u64> = shown
        .iter()
        .map(|o| {
            if by_deals {
                0
            } else {
                o.inactive_assignments
                    .unwrap_or(0)
                    .min(value(o).unwrap_or(0))
            }
        })
        .collect();
    if inactive.iter().any(|n| *n > 0) {
        s.kind = ChartKind::StackedBar;
        s.series = vec![
            Series::new(
                "Assigned while the owner was active",
                shown
                    .iter()
                    .zip(&inactive)
                    .map(|(o, i)| Some((value(o).unwrap_or(0) - i) as f64))
                    .collect(),
            ),
            Series::new(
                "Assigned while the owner was inactive",
                inactive.iter().map(|i| Some(*i as f64)).collect(),
            )
            .with_role(SeriesRole::Highlight),
        ];
    } else {
        s.series = vec![Series::new(
            what,
            shown.iter().map(|o| value(o).map(|v| v as f64)).collect(),
        )];
    }
    if let Some(eq) = r.equal_share {
        s.reference = Some(Reference {
            label: "Equal share".into(),
            value: eq * total as f64,
        });
    }
    let (one, many) = if by_deals {
        ("deal", "deals")
    } else {
        ("lead", "leads")
    };
    let mut note = format!("{} over {} owners", plural(total, one, many), owners.len());
    match r.gini {
        Some(g) => note.push_str(&format!(
            "; Gini {} (0 is perfectly even).",
            format::ratio(g)
        )),
        None => note.push('.'),
    }
    if owners.len() > shown.len() {
        note.push_str(&format!(
            " The {} busiest are shown; {} more have fewer.",
            shown.len(),
            owners.len() - shown.len()
        ));
    }
    if let Some(n) = r.unassigned.filter(|n| *n > 0) {
        note.push_str(&format!(
            " {} with no owner are not shown.",
            plural(n, "lead", "leads")
        ));
    }
    if let Some(over) = r.over_capacity_owners.as_ref().filter(|o| !o.is_empty()) {
        note.push_str(&format!(" Over capacity: {}.", over.join(", ")));
    }
    s.note = note;
    Ok(s)
}

pub fn response_curve(result: &AuditResult, _: Option<&AuditResult>) -> Result<ChartSpec, String> {
    let buckets = curve(result)?;
    let f = &result.baseline.figures;
    let mut s = ChartSpec::new(
        ids::RESPONSE_CURVE,
        "Response-time curve: what became of leads by how fast they were touched",
        ChartKind::Line,
        Unit::Percent,
    );
    s.x_label = "Time to first touch, and the leads in each group".into();
    s.y_label = "Share of the group's leads".into();
    // The group's size goes under its label, so a small group is seen as small.
    s.categories = buckets
        .iter()
        .map(|b| format!("{}\n{}", b.label, plural(b.leads, "lead", "leads")))
        .collect();
    let series = [
        (
            "qualification_rate",
            buckets
                .iter()
                .map(|b| b.qualification_rate.filter(|_| b.leads > 0))
                .collect::<Vec<_>>(),
        ),
        (
            "lead_to_opportunity",
            buckets
                .iter()
                .map(|b| b.conversion_rate.filter(|_| b.leads > 0))
                .collect(),
        ),
    ];
    let mut missing = Vec::new();
    for (id, values) in series {
        if values.iter().any(Option::is_some) {
            s.series.push(Series::new(label(id), values));
        } else {
            missing.push(format!(
                "{}: not available ({})",
                label(id).to_lowercase(),
                why(f, &[id], "the exports do not hold it")
            ));
        }
    }
    if s.series.is_empty() {
        return Err(why(
            f,
            &["qualification_rate", "lead_to_opportunity"],
            "neither qualification nor conversion can be measured",
        ));
    }
    let mut note =
        "Each point is the share of that group's leads; a group of a few leads gives a shaky rate."
            .to_owned();
    if !missing.is_empty() {
        note.push_str(&format!(" {}.", missing.join("; ")));
    }
    s.note = note;
    Ok(s)
}

/// The figures drawn per quarter (ids of [`crate::present::FIGURES`]).
pub const QUARTER_FIGURES: [&str; 5] = [
    "within_5m",
    "within_1h",
    "qualification_rate",
    "lead_to_opportunity",
    "win_rate",
];

fn quarter_values(f: &Figures) -> Vec<Option<f64>> {
    let speed = f.speed_to_lead.as_ref();
    QUARTER_FIGURES
        .iter()
        .map(|id| match *id {
            "within_5m" => speed.map(|s| s.within_5m),
            "within_1h" => speed.map(|s| s.within_1h),
            "qualification_rate" => f.qualification_rate,
            "lead_to_opportunity" => f.lead_to_opportunity,
            "win_rate" => f.win_rate,
            _ => None,
        })
        .collect()
}

pub fn quarters(result: &AuditResult, previous: Option<&AuditResult>) -> Result<ChartSpec, String> {
    let mut rows: Vec<(crate::metrics::Quarter, &Figures, bool)> = result
        .baseline
        .by_quarter
        .iter()
        .map(|q| (q.quarter, &q.figures, false))
        .collect();
    if let Some(p) = previous {
        for q in &p.baseline.by_quarter {
            if !rows.iter().any(|(k, _, _)| *k == q.quarter) {
                rows.push((q.quarter, &q.figures, true));
            }
        }
    }
    rows.sort_by_key(|(q, _, _)| *q);
    // A quarter in which no lead was created only holds deals closing late (often
    // dates typed in the future): its win rate would stand alone on a handful of
    // deals, so it is left out and named in the note.
    let mut no_leads = Vec::new();
    rows.retain(|(q, f, _)| {
        if f.leads == Some(0) {
            let closed = f.deals_won.unwrap_or(0) + f.deals_lost.unwrap_or(0);
            if closed > 0 {
                no_leads.push(format!(
                    "{q} ({})",
                    plural(closed, "closed deal", "closed deals")
                ));
            }
            return false;
        }
        quarter_values(f).iter().any(Option::is_some)
    });
    if rows.is_empty() {
        return Err(if result.baseline.by_quarter.is_empty() {
            "no quarter in the period".to_owned()
        } else {
            "no quarter has a figure to show".to_owned()
        });
    }
    let mut s = ChartSpec::new(
        ids::QUARTERS,
        "Baselines per quarter",
        ChartKind::GroupedBar,
        Unit::Percent,
    );
    s.y_label = "Share".into();
    s.categories = QUARTER_FIGURES
        .iter()
        .map(|id| label(id).to_owned())
        .collect();
    let mut from_previous = Vec::new();
    for (q, f, earlier) in &rows {
        let closed = f.deals_won.unwrap_or(0) + f.deals_lost.unwrap_or(0);
        let name = format!(
            "{q}: {}, {}",
            plural(f.leads.unwrap_or(0), "lead", "leads"),
            plural(closed, "closed deal", "closed deals")
        );
        if *earlier {
            from_previous.push(q.to_string());
        }
        s.series.push(Series::new(name, quarter_values(f)));
    }
    if s.series.len() == 1 {
        s.kind = ChartKind::Bar;
    }
    let mut note = "Leads count in the quarter they were created, deals in the quarter they closed; a quarter with few of them gives shaky rates.".to_owned();
    if let (false, Some(p)) = (from_previous.is_empty(), previous) {
        note.push_str(&format!(
            " {} from the audit \"{}\".",
            from_previous.join(", "),
            p.audit.name
        ));
    }
    if !no_leads.is_empty() {
        note.push_str(&format!(
            " Left out, no lead created in it: {}.",
            no_leads.join(", ")
        ));
    }
    s.note = note;
    Ok(s)
}
