//! A demonstration document that uses every building block of the scorecard with
//! hand-made figures: the verdict banner, the grid of twelve grades, key-figure tiles,
//! every chart kind, a fix-first table with grade pills and a long wrapping table of
//! redacted examples. Tests render it and look at it; it is also the reference for
//! composing the real scorecard.

use chrono::{TimeZone, Utc};

use leadaudit::charts::{ChartKind, ChartSpec, Orientation, Reference, Series, SeriesRole};
use leadaudit::checklist::ITEMS;
use leadaudit::checklist::policy::VerdictLevel;
use leadaudit::grade::GradeLevel;
use leadaudit::present::{Arrow, Delta, Movement, Unit};
use leadaudit::report::canvas::Align;
use leadaudit::report::layout::{
    Banner, Cell, Column, Composer, GradeCard, Level, RenderedPdf, Table, Tile, Tone,
};
use leadaudit::report::redact::Redactor;
use leadaudit::report::{DocumentInfo, Paper, ReportError, document_date};

/// The twelve checklist items' titles, as the checklist defines them.
pub const ITEM_TITLES: [&str; 12] = {
    let mut titles = [""; 12];
    let mut i = 0;
    while i < 12 {
        titles[i] = ITEMS[i].title;
        i += 1;
    }
    titles
};

/// The demo's grades, in item order.
pub const DEMO_GRADES: [GradeLevel; 12] = [
    GradeLevel::Partial,
    GradeLevel::InPlace,
    GradeLevel::Missing,
    GradeLevel::Partial,
    GradeLevel::Missing,
    GradeLevel::Partial,
    GradeLevel::Partial,
    GradeLevel::InPlace,
    GradeLevel::NotAssessed,
    GradeLevel::Missing,
    GradeLevel::InPlace,
    GradeLevel::Partial,
];

/// The verdict the demo shows (its wording is [`VerdictLevel::label`]).
pub const DEMO_VERDICT: VerdictLevel = VerdictLevel::FixFoundations;

/// The people the demo names (drawn redacted to initials in the examples and in full in
/// the owner chart, to exercise the font).
pub const DEMO_OWNERS: [&str; 9] = [
    "Zoë Łukasiewicz",
    "Dana Okafor",
    "Jean-Pierre Dupont-Moreau",
    "Sofía Núñez",
    "Mikko Häkkinen",
    "Ioana Păunescu",
    "佐藤 健",
    "Ólafur Þórsson",
    "(unassigned)",
];

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

fn some(v: &[f64]) -> Vec<Option<f64>> {
    v.iter().copied().map(Some).collect()
}

fn spec(id: &str, title: &str, kind: ChartKind, unit: Unit, categories: Vec<String>) -> ChartSpec {
    ChartSpec {
        categories,
        ..ChartSpec::new(id, title, kind, unit)
    }
}

/// The demo's charts, one or more of each kind.
pub fn demo_charts() -> Vec<ChartSpec> {
    let buckets = s(&["≤ 5 min", "≤ 30 min", "≤ 1 h", "≤ 24 h", "Later", "Never"]);

    let mut speed = spec(
        "speed_to_lead_buckets",
        "Speed to lead: share of leads by time to first touch",
        ChartKind::GroupedBar,
        Unit::Percent,
        buckets.clone(),
    );
    speed.x_label = "Time from creation to first touch (clock time)".into();
    speed.y_label = "Share of all leads created".into();
    speed.series = vec![
        Series::new("2026 Q2", some(&[0.08, 0.14, 0.09, 0.33, 0.21, 0.15]))
            .with_role(SeriesRole::Comparison),
        Series::new("2026 Q3", some(&[0.12, 0.18, 0.09, 0.31, 0.2, 0.1])),
    ];
    speed.note = "Leads never contacted stay in the denominator. 37 touches logged before \
                  the lead was created are excluded and listed under item 1."
        .into();

    let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let mut heat = spec(
        "sla_breaches_by_hour",
        "SLA breaches by hour of week (hour the lead was created, Europe/Berlin)",
        ChartKind::Heatmap,
        Unit::Count,
        (0..24).map(|h| format!("{h:02}")).collect(),
    );
    heat.x_label = "Hour of day".into();
    heat.series = days
        .iter()
        .enumerate()
        .map(|(d, name)| {
            let values = (0..24)
                .map(|h| {
                    if d == 6 && (3..6).contains(&h) {
                        return None;
                    }
                    let night = !(8..18).contains(&h);
                    let weekend = d >= 5;
                    let base = if night { 9.0 } else { 1.0 } + if weekend { 6.0 } else { 0.0 };
                    Some(
                        ((base + ((d * 7 + h * 3) % 5) as f64) * if h == 2 { 3.2 } else { 1.0 })
                            .round(),
                    )
                })
                .collect();
            Series::new(*name, values)
        })
        .collect();
    heat.note = "Each cell counts leads whose first touch missed the SLA (5 min for high \
                 priority, 1 h otherwise). The 2 a.m. column is the after-hours problem."
        .into();

    let mut owners = spec(
        "leads_per_owner",
        "Leads per owner against an equal share",
        ChartKind::Bar,
        Unit::Count,
        s(&DEMO_OWNERS),
    );
    owners.orientation = Orientation::Horizontal;
    owners.x_label = "Owner".into();
    owners.y_label = "Leads assigned in the period".into();
    owners.series = vec![Series::new(
        "Leads",
        some(&[412.0, 388.0, 129.0, 301.0, 276.0, 244.0, 198.0, 57.0, 95.0]),
    )];
    owners.reference = Some(Reference {
        label: "Equal share".into(),
        value: 233.0,
    });
    owners.note = "Gini 0.24. Ólafur Þórsson was inactive from 12 August and still received \
                   57 leads."
        .into();

    let mut curve = spec(
        "response_time_curve",
        "Response-time curve: what happens to leads by how fast they were touched",
        ChartKind::Line,
        Unit::Percent,
        buckets.clone(),
    );
    curve.x_label = "Time to first touch".into();
    curve.y_label = "Share of the bucket's leads".into();
    curve.series = vec![
        Series::new("Qualified", some(&[0.46, 0.31, 0.24, 0.17, 0.11, 0.03])),
        Series::new(
            "Became an opportunity",
            some(&[0.21, 0.14, 0.12, 0.08, 0.05, 0.01]),
        ),
    ];
    curve.note = "Your own version of the published five-minute finding.".into();

    let mut quarters = spec(
        "baselines_per_quarter",
        "Baselines per quarter",
        ChartKind::GroupedBar,
        Unit::Percent,
        s(&[
            "Qualification rate",
            "Lead → opportunity",
            "Win rate",
            "Touched within 1 h",
        ]),
    );
    quarters.series = vec![
        Series::new("2025 Q4", some(&[0.19, 0.08, 0.22, 0.27])),
        Series::new("2026 Q1", some(&[0.2, 0.09, 0.24, 0.3])),
        Series::new("2026 Q2", some(&[0.22, 0.09, 0.21, 0.31])),
        Series::new("2026 Q3", some(&[0.24, 0.11, 0.26, 0.39])),
    ];

    let mut monthly = spec(
        "sla_by_month",
        "Leads within and outside the SLA, by month",
        ChartKind::StackedBar,
        Unit::Count,
        s(&["Apr", "May", "Jun", "Jul", "Aug", "Sep"]),
    );
    monthly.y_label = "Leads created".into();
    monthly.series = vec![
        Series::new(
            "Within SLA",
            some(&[412.0, 398.0, 455.0, 470.0, 431.0, 502.0]),
        ),
        Series::new(
            "Breached",
            some(&[380.0, 402.0, 361.0, 322.0, 340.0, 298.0]),
        )
        .with_role(SeriesRole::Highlight),
        Series::new("Never touched", some(&[96.0, 88.0, 91.0, 70.0, 64.0, 57.0]))
            .with_role(SeriesRole::Comparison),
    ];

    let mut median = spec(
        "median_speed_by_week",
        "Median speed to lead by week",
        ChartKind::Line,
        Unit::Minutes,
        (27..=39).map(|w| format!("W{w}")).collect(),
    );
    median.y_label = "Median time to first touch".into();
    let mut weekly = some(&[
        212.0, 195.0, 240.0, 188.0, 176.0, 150.0, 162.0, 141.0, 120.0, 133.0, 118.0, 96.0, 84.0,
    ]);
    weekly[4] = None;
    median.series = vec![Series::new("Median", weekly)];
    median.reference = Some(Reference {
        label: "SLA".into(),
        value: 60.0,
    });
    median.note = "Week 31 has no median: more than half its leads were never touched \
                   (\"not reached\")."
        .into();

    let mut cycle = spec(
        "cycle_time_by_segment",
        "Cycle time of won deals by segment",
        ChartKind::Bar,
        Unit::Days,
        s(&["SMB", "Mid-market", "Enterprise", "Partner"]),
    );
    cycle.series = vec![Series::new(
        "Median cycle time",
        vec![Some(18.0), Some(41.0), Some(96.0), None],
    )];
    cycle.note = "Partner deals: too few won deals to report a median.".into();

    let mut sources = spec(
        "breaches_by_source",
        "SLA outcome by lead source",
        ChartKind::StackedBar,
        Unit::Count,
        s(&[
            "Demo request",
            "Pricing page",
            "Webinar",
            "Content download",
            "Partner referral",
        ]),
    );
    sources.orientation = Orientation::Horizontal;
    sources.series = vec![
        Series::new("Within SLA", some(&[301.0, 188.0, 402.0, 611.0, 73.0])),
        Series::new("Breached", some(&[96.0, 141.0, 255.0, 488.0, 20.0]))
            .with_role(SeriesRole::Highlight),
    ];

    vec![
        speed, heat, owners, curve, quarters, monthly, median, cycle, sources,
    ]
}

fn tiles() -> Vec<Tile> {
    let t = |label: &str, value: &str, detail: &str, delta: Option<(&str, Arrow, Movement)>| Tile {
        label: label.into(),
        value: value.into(),
        detail: detail.into(),
        delta: delta.map(|(text, arrow, movement)| Delta {
            text: text.into(),
            arrow,
            movement,
        }),
    };
    vec![
        t(
            "Speed to lead, median",
            "3.2 h",
            "p90 2.4 d",
            Some(("−1.1 h vs Q2", Arrow::Down, Movement::Better)),
        ),
        t(
            "Touched within 5 min",
            "12%",
            "within 1 h: 39%",
            Some(("+4 pts", Arrow::Up, Movement::Better)),
        ),
        t(
            "Never contacted",
            "10%",
            "412 of 4,118 leads",
            Some(("−5 pts", Arrow::Down, Movement::Better)),
        ),
        t(
            "Qualification rate",
            "24%",
            "MQL, SQL, SAL count",
            Some(("+2 pts", Arrow::Up, Movement::Better)),
        ),
        t(
            "Lead → opportunity",
            "11%",
            "converted or linked",
            Some(("+2 pts", Arrow::Up, Movement::Better)),
        ),
        t(
            "Win rate",
            "26%",
            "118 won, 336 lost",
            Some(("+5 pts", Arrow::Up, Movement::Better)),
        ),
        t(
            "Cycle time, median",
            "37 d",
            "won deals only",
            Some(("+6 d", Arrow::Up, Movement::Worse)),
        ),
        t(
            "Speed to lead, p90",
            "Not reached",
            "over half never touched in W31",
            None,
        ),
    ]
}

fn long_table(redact: &Redactor) -> Table {
    let firsts = [
        "Zoë",
        "Ana",
        "Jean-Pierre",
        "Ioana",
        "Mikko",
        "Sofía",
        "Ólafur",
        "Dana",
        "佐藤",
        "Kwame",
    ];
    let lasts = [
        "Łukasiewicz",
        "Pérez",
        "Dupont",
        "Păunescu",
        "Häkkinen",
        "Núñez",
        "Þórsson",
        "Okafor",
        "健",
        "Mensah",
    ];
    let reasons = [
        "Same normalised email, different owners",
        "Same phone (E.164) and company; one record created by a form, one by an import",
        "Name and company match; the older record has the deal",
        "Same email with a plus-address tag; both records were contacted by different reps within an hour of each other, which is the \"two reps, one person\" case",
    ];
    let rows = (0..42)
        .map(|i| {
            let name = format!("{} {}", firsts[i % 10], lasts[(i * 3) % 10]);
            let email = format!(
                "{}.{}@{}",
                firsts[i % 10].to_lowercase(),
                lasts[(i * 3) % 10].to_lowercase(),
                ["acme.com", "globex.io", "initech.co.uk", "umbrella.de"][i % 4]
            );
            let phone = format!("+1 (415) 555-{:04}", 1000 + i * 37);
            vec![
                Cell::strong(format!("C-{:03}", i + 1)),
                Cell::text(redact.name(&name)),
                Cell::text(redact.email(&email)),
                Cell::text(redact.phone(&phone)),
                Cell::muted(reasons[i % reasons.len()]),
                Cell::text(format!("{}", 2 + i % 3)),
            ]
        })
        .collect();
    Table {
        columns: vec![
            Column::new("Cluster", 0.7),
            Column::new("Name", 1.0),
            Column::new("Email", 1.5),
            Column::new("Phone", 1.2),
            Column::new("Why they are one buyer", 2.6),
            Column::new("Records", 0.7).right(),
        ],
        rows,
    }
}

/// Renders the demo document on `paper`, with personal data redacted or not.
pub fn render_demo(paper: Paper, redact: bool) -> Result<RenderedPdf, ReportError> {
    let redactor = Redactor::new(redact);
    let audit_date = Utc.with_ymd_and_hms(2026, 10, 2, 9, 0, 0).single();
    let mut info = DocumentInfo::new(
        "Lead Audit scorecard",
        "Acme Robotics GmbH · 2026 Q3 scorecard · demo",
    );
    info.date = document_date(audit_date)?;
    info.subject = "Lead qualification and routing audit, 2026 Q3 (demo)".into();
    let mut doc = Composer::new(paper, info);

    // Page 1: who, what, the verdict, the twelve grades, the headline figures.
    doc.title_block(
        "Lead qualification & routing audit",
        "Acme Robotics GmbH",
        "Scorecard for 2026 Q3 (1 Jul – 30 Sep 2026), compared with 2026 Q2",
        "Audit 12 · 4,118 leads, 454 closed deals, 19,207 activities from HubSpot exports \
         · prepared 2 Oct 2026 · personal data redacted",
    );
    let missing: Vec<String> = DEMO_GRADES
        .iter()
        .enumerate()
        .filter(|(i, g)| **g == GradeLevel::Missing && [0, 1, 4, 7, 9].contains(i))
        .map(|(i, _)| format!("{} ({})", i + 1, ITEM_TITLES[i]))
        .collect();
    doc.banner(&Banner {
        tone: Tone::Critical,
        label: "Verdict".into(),
        title: DEMO_VERDICT.label().into(),
        detail: format!(
            "Foundation items are missing: {}. An AI qualifying or routing on this data \
             would learn from duplicates and escalate to no one.",
            missing.join(", ")
        ),
        steps: [
            VerdictLevel::FixFoundations,
            VerdictLevel::Pilot,
            VerdictLevel::Ready,
        ]
        .map(|l| l.label().to_owned())
        .to_vec(),
        current: 0,
    });
    doc.heading_with_grade_legend("The 12 items", Level::H2);
    let cards: Vec<GradeCard> = ITEM_TITLES
        .iter()
        .zip(DEMO_GRADES)
        .enumerate()
        .map(|(i, (title, grade))| GradeCard {
            number: i as u32 + 1,
            title: title.to_string(),
            grade,
            note: match i {
                4 => format!("Owner: {}", redactor.name("Dana Okafor")),
                6 => "Suggested: missing".into(),
                _ => String::new(),
            },
        })
        .collect();
    doc.grade_grid(&cards, 2);
    doc.heading("Headline baselines", Level::H2);
    doc.tiles(&tiles(), 4);

    // Baseline pages: every chart kind.
    doc.new_page();
    doc.heading("Baselines", Level::H1);
    doc.paragraph(
        "Speed to lead is the time from a lead's creation to its first outbound call, email \
         or meeting. Leads never touched stay in every denominator. Figures are in clock \
         time unless marked as business hours (Mon–Fri 09:00–18:00, Europe/Berlin).",
    );
    for chart in demo_charts() {
        doc.chart(&chart)?;
    }

    // The fix-first list with pills in a table.
    doc.heading("Fix first", Level::H1);
    let fix = Table {
        columns: vec![
            Column::new("#", 0.35),
            Column::new("Item", 1.6),
            Column::new("Grade", 1.05),
            Column::new("Owner", 1.1),
            Column::new("Due", 0.8),
            Column::new("Evidence", 3.0),
        ],
        rows: [
            (
                4usize,
                "Dana Okafor",
                "15 Oct 2026",
                "311 duplicate clusters (7.6% of leads); 64 split across two owners.",
            ),
            (
                9,
                "—",
                "—",
                "No rule recorded. 23 deals above €50k closed with no human touch logged.",
            ),
            (
                2,
                "Zoë Łukasiewicz",
                "30 Nov 2026",
                "One blended score column (hs_lead_score); no fit or engagement score to split.",
            ),
            (
                0,
                "Mikko Häkkinen",
                "31 Oct 2026",
                "4 stage-label variants of closed-won; 52 closed deals have no close reason.",
            ),
        ]
        .iter()
        .map(|(i, owner, due, evidence)| {
            vec![
                Cell::strong(format!("{}", i + 1)),
                Cell::strong(ITEM_TITLES[*i]),
                Cell::grade(DEMO_GRADES[*i]),
                Cell::text(redactor.name(owner)),
                Cell::text(*due),
                Cell::muted(*evidence),
            ]
        })
        .collect(),
    };
    doc.table(&fix);

    // A long table that runs over pages, with redacted personal data.
    doc.heading("Examples behind item 5: duplicate clusters", Level::H1);
    doc.caption(
        "Up to 5 examples per finding appear in the real scorecard; this demo lists 42 to \
         show a table flowing over pages with its header repeated. Personal data is \
         redacted: initials, the first letter of mailbox and domain, the last four digits.",
    );
    doc.table(&long_table(&redactor));

    // Unicode coverage, and what happens to characters the font lacks.
    doc.heading("Names in any script", Level::H2);
    doc.paragraph(
        "Zoë Łukasiewicz, Ólafur Þórsson, Ioana Păunescu, Σωκράτης Παπαδόπουλος, \
         Дмитрий Шостакович and Mikko Häkkinen render in the embedded DejaVu Sans. \
         The font has no Chinese, Japanese or Korean glyphs: 佐藤 健 is drawn as \
         replacement marks instead of vanishing.",
    );
    let x = doc.left();
    let y = doc.cursor();
    let fonts = doc.fonts();
    let style = leadaudit::report::canvas::TextStyle::new(
        7.0,
        leadaudit::report::fonts::Weight::Regular,
        leadaudit::report::theme::MUTED,
    );
    doc.canvas()
        .text(fonts, x, y + 8.0, "End of demo.", &style, Align::Left);
    doc.advance(14.0);
    doc.finish()
}
