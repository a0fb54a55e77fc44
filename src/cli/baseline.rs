//! `leadaudit baseline`: speed-to-lead, the SLA, the funnel, the response-time curve and
//! routing fairness, for the period and each quarter in it.

use std::fmt::Write as _;

use anyhow::Context as _;
use leadaudit::format;
use leadaudit::metrics::{self, Baseline, Figures, Stat};
use leadaudit::settings::{self, BusinessHours, Settings};

use super::input::{InputArgs, load_files};

/// The arguments of `baseline`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub period: super::period::PeriodArgs,
    /// The speed-to-lead target of leads whose priority has no target of its own (every
    /// lead when the leads carry no priority, rating or tier column), e.g. 5m, 1h, 90s
    /// (default: 1h).
    #[arg(long, value_name = "DURATION")]
    pub sla: Option<String>,
    /// Targets per lead priority, e.g. high=5m,medium=1h; replaces the default
    /// (high=5m,hot=5m). Priorities are compared ignoring case and punctuation; give ""
    /// for none.
    #[arg(long, value_name = "PRIORITY=DURATION,...")]
    pub sla_priority: Option<String>,
    /// Item 9's re-contact window: how soon after an intent signal (pricing-page view,
    /// demo request) a lead must be touched again, e.g. 30m (default: 1h).
    #[arg(long, value_name = "DURATION")]
    pub recontact: Option<String>,
    /// Opening hours for business-hours speed, e.g. "Mon-Fri 09:00-17:00" (the default).
    #[arg(long, value_name = "HOURS")]
    pub business_hours: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let period = args.period.period()?;
    let mut settings = Settings::default();
    if let Some(sla) = &args.sla {
        settings.sla_minutes = settings::parse_minutes(sla)?;
    }
    if let Some(tiers) = &args.sla_priority {
        settings.sla_by_priority = settings::parse_priority_targets(tiers)?;
    }
    if let Some(window) = &args.recontact {
        settings.recontact_minutes = settings::parse_minutes(window)?;
    }
    if let Some(hours) = &args.business_hours {
        settings.business_hours = hours.parse::<BusinessHours>()?;
    }
    let import = load_files(&args.input)?;
    // One time zone for reading naive timestamps and for local hours and days.
    settings.timezone = import.inspection.timezone.clone();
    let baseline = metrics::compute(&import.tables, &settings, &period)
        .context("the baselines could not be computed")?;
    if args.input.json {
        println!("{}", serde_json::to_string_pretty(&baseline)?);
    } else {
        print!("{}", text(&baseline));
    }
    Ok(())
}

/// An empty cell: the figure is not available (the reasons are listed under the table).
const NONE: &str = format::NO_VALUE;

fn count(n: Option<u64>) -> String {
    n.map_or(NONE.to_owned(), format::count)
}

fn pct(x: Option<f64>) -> String {
    x.map_or(NONE.to_owned(), format::percent)
}

fn stat(s: Option<Stat>) -> String {
    s.map_or(NONE.to_owned(), |s| s.to_string())
}

fn days(x: Option<f64>) -> String {
    x.map_or(NONE.to_owned(), format::days)
}

/// One row of the summary table: a label and a cell per period.
type Row = (&'static str, fn(&Figures) -> String);

const ROWS: &[Row] = &[
    ("Leads", |f| count(f.leads)),
    ("Deals", |f| count(f.deals)),
    ("Speed-to-lead: median", |f| {
        stat(f.speed_to_lead.as_ref().map(|s| s.median_minutes))
    }),
    ("  p90", |f| {
        stat(f.speed_to_lead.as_ref().map(|s| s.p90_minutes))
    }),
    ("  within 5 min", |f| {
        pct(f.speed_to_lead.as_ref().map(|s| s.within_5m))
    }),
    ("  within 1 h", |f| {
        pct(f.speed_to_lead.as_ref().map(|s| s.within_1h))
    }),
    ("  within 24 h", |f| {
        pct(f.speed_to_lead.as_ref().map(|s| s.within_24h))
    }),
    ("  never contacted", |f| {
        pct(f.speed_to_lead.as_ref().map(|s| s.never_contacted))
    }),
    ("  median, business hours", |f| {
        stat(f.speed_to_lead.as_ref().map(|s| s.median_business_minutes))
    }),
    ("  touched before creation", |f| {
        count(f.speed_to_lead.as_ref().map(|s| s.touched_before_creation))
    }),
    ("SLA compliance", |f| {
        pct(f.sla.as_ref().map(|s| s.compliance))
    }),
    ("  business hours", |f| {
        pct(f.sla.as_ref().map(|s| s.compliance_business_hours))
    }),
    ("  breaches", |f| count(f.sla.as_ref().map(|s| s.breaches))),
    ("  after hours (share)", |f| {
        pct(f.sla.as_ref().and_then(|s| s.after_hours_share))
    }),
    ("  never contacted", |f| {
        count(f.sla.as_ref().map(|s| s.never_contacted_breaches))
    }),
    ("  late touch, no follow-up", |f| {
        count(f.sla.as_ref().and_then(|s| s.late_touch_no_follow_up))
    }),
    ("  at night (00-05 h)", |f| {
        count(f.sla.as_ref().and_then(|s| s.night_breaches))
    }),
    ("Qualification rate", |f| pct(f.qualification_rate)),
    ("Lead -> opportunity", |f| pct(f.lead_to_opportunity)),
    ("Lead -> won", |f| pct(f.lead_to_won)),
    ("Win rate", |f| pct(f.win_rate)),
    ("  won / lost", |f| match (f.deals_won, f.deals_lost) {
        (Some(w), Some(l)) => format!("{} / {}", format::count(w), format::count(l)),
        _ => NONE.to_owned(),
    }),
    ("Cycle time (median)", |f| days(f.cycle_time_days_median)),
    ("Routing: Gini", |f| {
        f.routing
            .as_ref()
            .and_then(|r| r.gini)
            .map_or(NONE.to_owned(), format::ratio)
    }),
    ("  owners", |f| {
        count(f.routing.as_ref().map(|r| r.owners.len() as u64))
    }),
    ("  unassigned leads", |f| {
        count(f.routing.as_ref().and_then(|r| r.unassigned))
    }),
    ("  to inactive owners", |f| {
        count(
            f.routing
                .as_ref()
                .and_then(|r| r.inactive_owner_assignments),
        )
    }),
    ("  account-owner mismatches", |f| {
        count(f.routing.as_ref().and_then(|r| r.account_owner_mismatches))
    }),
    ("  owners over capacity", |f| {
        count(
            f.routing
                .as_ref()
                .and_then(|r| r.over_capacity_owners.as_ref())
                .map(|o| o.len() as u64),
        )
    }),
];

fn table(out: &mut String, header: &[String], rows: &[Vec<String>]) {
    let columns = header.len();
    let width: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .map(|r| r[c].chars().count())
                .chain([header[c].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |out: &mut String, cells: &[String]| {
        let mut s = String::new();
        for (c, cell) in cells.iter().enumerate() {
            let pad = width[c] - cell.chars().count();
            if c == 0 {
                s.push_str(cell);
                s.push_str(&" ".repeat(pad));
            } else {
                s.push_str("  ");
                s.push_str(&" ".repeat(pad));
                s.push_str(cell);
            }
        }
        let _ = writeln!(out, "{}", s.trim_end());
    };
    line(out, header);
    for r in rows {
        line(out, r);
    }
}

/// The readable report: a table of the figures (the period, then each quarter), the
/// response-time curve, the owners, and what is not available and why.
pub fn text(b: &Baseline) -> String {
    let mut out = String::new();
    let sla = &b.figures.sla;
    let _ = writeln!(
        out,
        "Baseline: {} (time zone {}, business hours {}{})\n",
        b.label,
        b.timezone,
        b.business_hours,
        sla.as_ref()
            .map(|s| {
                let tiers: Vec<String> = s
                    .targets_by_priority
                    .iter()
                    .map(|(p, m)| format!("{p} {}", Stat::Minutes(*m)))
                    .collect();
                let mut t = format!(", SLA {}", Stat::Minutes(s.target_minutes));
                if !tiers.is_empty() {
                    t.push_str(&format!(" ({} priority)", tiers.join(", ")));
                }
                t
            })
            .unwrap_or_default()
    );
    let mut header = vec![String::new(), b.label.clone()];
    header.extend(b.by_quarter.iter().map(|q| q.quarter.to_string()));
    let periods: Vec<&Figures> = std::iter::once(&b.figures)
        .chain(b.by_quarter.iter().map(|q| &q.figures))
        .collect();
    let rows: Vec<Vec<String>> = ROWS
        .iter()
        .map(|(label, cell)| {
            let mut r = vec![(*label).to_owned()];
            r.extend(periods.iter().map(|f| cell(f)));
            r
        })
        .collect();
    table(&mut out, &header, &rows);

    if let Some(curve) = &b.figures.response_curve {
        let _ = writeln!(out, "\nResponse-time curve ({}):", b.label);
        let header: Vec<String> = ["first touch", "leads", "qualified", "converted"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let rows: Vec<Vec<String>> = curve
            .iter()
            .map(|c| {
                vec![
                    c.label.clone(),
                    format::count(c.leads),
                    pct(c.qualification_rate),
                    pct(c.conversion_rate),
                ]
            })
            .collect();
        table(&mut out, &header, &rows);
    }

    if let Some(r) = &b.figures.routing
        && !r.owners.is_empty()
    {
        let _ = writeln!(
            out,
            "\nOwners ({}; equal share {}):",
            b.label,
            pct(r.equal_share)
        );
        let header: Vec<String> = [
            "owner",
            "leads",
            "deals",
            "share",
            "win rate",
            "median speed",
            "open",
            "capacity",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        let rows: Vec<Vec<String>> = r
            .owners
            .iter()
            .map(|o| {
                vec![
                    o.owner.clone(),
                    count(o.leads),
                    count(o.deals),
                    pct(Some(o.share)),
                    pct(o.win_rate),
                    stat(o.median_speed_minutes),
                    format::count(o.open_load),
                    o.capacity.map_or(NONE.to_owned(), format::number),
                ]
            })
            .collect();
        table(&mut out, &header, &rows);
        if let Some(over) = &r.over_capacity_owners
            && !over.is_empty()
        {
            let _ = writeln!(out, "Over capacity: {}", over.join(", "));
        }
    }

    if !b.figures.unavailable.is_empty() {
        let _ = writeln!(out, "\nNot available ({}):", b.label);
        for (figure, reason) in &b.figures.unavailable {
            let _ = writeln!(out, "  {figure}: {reason}");
        }
    }
    out
}
