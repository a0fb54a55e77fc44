//! The PDF scorecard of one audit: what a buyer carries into the budget meeting and a
//! consultant leaves behind after the workshop.
//!
//! It reads only an [`AuditResult`] (with its grades applied), optionally the previous
//! audit's for the movement, and [`ScorecardOptions`]; it computes no metric. Labels
//! come from where they are defined: item titles and questions from the result's checks,
//! verdict wording from [`VerdictLevel::label`], thresholds from
//! [`policy::THRESHOLDS`], figure labels, directions, definitions and the headline
//! figures from [`present`], movements from [`compare`], charts from
//! [`charts::audit_charts`].
//!
//! The pages:
//!
//! 1. workspace and period, the verdict banner, the 12 items as a grid of coloured
//!    grades (the effective grade; "suggested" when no person graded it), and the
//!    headline baselines with their change since the previous audit;
//! 2. the baselines: every chart, then every figure with its movement;
//! 3. one section per item: grade, suggested against chosen, the rationale with its
//!    numbers, the findings behind it (counts and up to five examples), owner, due
//!    date and note;
//! 4. the fix-first list with owners;
//! 5. an appendix: the files read (rows, SHA-256), the mapping, the settings and the
//!    definition of every figure.
//!
//! Personal data is redacted unless [`ScorecardOptions::redact`] is off: the scorecard
//! is drawn from [`AuditResult::redacted`] (every email and phone number in any text of
//! the result masked, as the app shows it), and what it draws from elsewhere (the
//! charts, the other audits' names on the Trend page, the readiness view) is masked
//! the same way. Owner and rep names are the customer's staff and stay; the
//! result carries no lead or contact names (findings name records by id).
//!
//! Output is deterministic: the document date is `SOURCE_DATE_EPOCH` when set, else the
//! audit's own date.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;

use super::canvas::{Align, Stroke, TextStyle};
use super::fonts::{Weight, baseline};
use super::layout::{
    Banner, Cell, Column, Composer, GradeCard, Level, RenderedPdf, Table, Tile, Tone, grade_pill,
    pill_height, pill_width,
};
use super::redact::Redactor;
use super::theme::{self, size};
use super::{DocumentInfo, Paper, ReportError, document_date};
use crate::audit::{AuditResult, CheckResult};
use crate::charts;
use crate::checklist::meta;
use crate::checklist::policy::{self, Better, Suggestion, VerdictLevel};
use crate::compare;
use crate::findings::{Finding, MAX_EXAMPLES};
use crate::format;
use crate::grade::GradeLevel;
use crate::present::{self, Movement, Unit, headline_figures};
use crate::trends::Trend;

/// How to render a scorecard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScorecardOptions {
    pub paper: Paper,
    /// Mask emails and phone numbers (the default).
    pub redact: bool,
}

impl Default for ScorecardOptions {
    fn default() -> Self {
        ScorecardOptions {
            paper: Paper::A4,
            redact: true,
        }
    }
}

/// Renders the scorecard of `result`, with the movement since `previous` when given.
pub fn render_scorecard(
    result: &AuditResult,
    previous: Option<&AuditResult>,
    options: ScorecardOptions,
) -> Result<RenderedPdf, ReportError> {
    compose(result, previous, options)?.finish()
}

/// [`render_scorecard`], with a Trend page after the baselines when `trends` (the
/// workspace's audits up to this one, [`crate::trends::trends`]) span three audits or
/// more.
pub fn render_scorecard_with_trends(
    result: &AuditResult,
    previous: Option<&AuditResult>,
    trends: &[Trend],
    options: ScorecardOptions,
) -> Result<RenderedPdf, ReportError> {
    compose_with_trends(result, previous, trends, options)?.finish()
}

/// Lays the scorecard out without writing it (for checks on where text went).
pub fn compose(
    result: &AuditResult,
    previous: Option<&AuditResult>,
    options: ScorecardOptions,
) -> Result<Composer, ReportError> {
    compose_with_trends(result, previous, &[], options)
}

/// The fewest audits a Trend page is drawn for.
pub const TREND_MIN_AUDITS: usize = 3;

/// [`compose`], with the Trend page of [`render_scorecard_with_trends`].
pub fn compose_with_trends(
    result: &AuditResult,
    previous: Option<&AuditResult>,
    trends: &[Trend],
    options: ScorecardOptions,
) -> Result<Composer, ReportError> {
    // Personal data is masked in the result itself, as the app shows it.
    let masked;
    let result = if options.redact {
        masked = result.redacted()?;
        &masked
    } else {
        result
    };
    let card = Scorecard::new(result, previous, options);
    let mut doc = Composer::new(options.paper, card.info()?);
    card.first_page(&mut doc);
    card.baselines(&mut doc)?;
    card.trend(&mut doc, trends)?;
    card.readiness(&mut doc)?;
    card.items(&mut doc);
    card.fix_first(&mut doc);
    card.appendix(&mut doc);
    Ok(doc)
}

fn count(n: u64) -> String {
    format::count(n)
}

fn date(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

fn suggestion_label(s: Option<Suggestion>) -> &'static str {
    match s.and_then(Suggestion::level) {
        Some(level) => level.label(),
        None => GradeLevel::NotAssessed.label(),
    }
}

/// Everything the scorecard needs, read once.
struct Scorecard<'a> {
    result: &'a AuditResult,
    previous: Option<&'a AuditResult>,
    redact: Redactor,
    workspace: String,
    audit_date: Option<DateTime<Utc>>,
}

impl<'a> Scorecard<'a> {
    fn new(
        result: &'a AuditResult,
        previous: Option<&'a AuditResult>,
        options: ScorecardOptions,
    ) -> Self {
        let audit_date = result
            .audit
            .created_at
            .as_deref()
            .and_then(|d| DateTime::parse_from_rfc3339(d).ok())
            .map(|d| d.with_timezone(&Utc));
        let workspace = result
            .audit
            .workspace
            .as_deref()
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .unwrap_or(result.audit.name.trim())
            .to_owned();
        Scorecard {
            result,
            previous,
            redact: Redactor::new(options.redact),
            workspace,
            audit_date,
        }
    }

    fn text(&self, s: &str) -> String {
        self.redact.text(s)
    }

    /// A chart as drawn: masked ([`charts::ChartSpec::redacted`]) unless asked not to.
    fn chart(&self, spec: charts::ChartSpec) -> charts::ChartSpec {
        if self.redact.enabled {
            spec.redacted()
        } else {
            spec
        }
    }

    fn prev_name(&self) -> Option<String> {
        self.previous.map(|p| p.audit.name.trim().to_owned())
    }

    fn info(&self) -> Result<DocumentInfo, ReportError> {
        let title = "Lead Audit scorecard";
        let mut info = DocumentInfo::new(
            title,
            format!(
                "{} · {} · scorecard",
                self.workspace,
                self.result.audit.name.trim()
            ),
        );
        info.date = document_date(self.audit_date)?;
        info.subject = format!(
            "Lead qualification and routing audit: {}, {}",
            self.result.audit.name.trim(),
            self.result.audit.period
        );
        Ok(info)
    }

    // ---------------------------------------------------------------------- page 1

    fn first_page(&self, doc: &mut Composer) {
        let r = self.result;
        let subtitle = format!(
            "Lead qualification & routing audit · {}",
            r.audit.name.trim()
        );
        let mut period = match self.prev_name() {
            Some(p) => format!("{}, compared with {p}", r.audit.period),
            None => r.audit.period.clone(),
        };
        if let Some(c) = period.get(..1) {
            period = c.to_uppercase() + &period[1..];
        }
        let mut meta = vec![period];
        match (r.audit.id, self.audit_date) {
            (Some(id), Some(d)) => meta.push(format!("audit {id} of {}", date(d.date_naive()))),
            (Some(id), None) => meta.push(format!("audit {id}")),
            (None, Some(d)) => meta.push(format!("audit of {}", date(d.date_naive()))),
            (None, None) => {}
        }
        let rows = |kind: &str| -> Option<u64> {
            let n: usize = r
                .inputs
                .files
                .iter()
                .filter(|f| f.kind == kind)
                .map(|f| f.rows)
                .sum();
            r.inputs
                .files
                .iter()
                .any(|f| f.kind == kind)
                .then_some(n as u64)
        };
        let read: Vec<String> = [
            ("leads", "leads"),
            ("deals", "deals"),
            ("activities", "activities"),
            ("owners", "owners"),
            ("accounts", "accounts"),
        ]
        .iter()
        .filter_map(|(kind, word)| rows(kind).map(|n| format!("{} {word}", count(n))))
        .collect();
        if !read.is_empty() {
            meta.push(read.join(", "));
        }
        meta.push(
            if self.redact.enabled {
                "personal data redacted"
            } else {
                "personal data included"
            }
            .to_owned(),
        );
        doc.title_block("", &self.workspace, &subtitle, &meta.join(" · "));
        doc.banner(&self.verdict_banner());
        doc.heading_with_grade_legend("The 12 items", Level::Eyebrow);
        let cards: Vec<GradeCard> = r.checks.iter().map(|c| self.card(c)).collect();
        doc.grade_grid(&cards, 2);
        let heading = match self.prev_name() {
            Some(p) => format!("Headline baselines · change since {p}"),
            None => "Headline baselines".to_owned(),
        };
        doc.heading_keep(&heading, Level::Eyebrow, 80.0);
        let tiles: Vec<Tile> = headline_figures(r, self.previous)
            .into_iter()
            .map(|h| Tile {
                label: h.label.to_owned(),
                value: h.value,
                detail: h.detail,
                delta: h.delta,
            })
            .collect();
        doc.tiles(&tiles, 4);
    }

    fn verdict_banner(&self) -> Banner {
        let r = self.result;
        let levels = [
            VerdictLevel::FixFoundations,
            VerdictLevel::Pilot,
            VerdictLevel::Ready,
        ];
        let current = levels
            .iter()
            .position(|l| *l == r.verdict.level)
            .unwrap_or(0);
        let list = |cs: Vec<&CheckResult>| -> String {
            cs.iter()
                .map(|c| format!("{} ({})", c.item, c.title))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (tone, detail) = match r.verdict.level {
            VerdictLevel::FixFoundations => {
                let missing: Vec<&CheckResult> = r
                    .checks
                    .iter()
                    .filter(|c| {
                        c.effective == GradeLevel::Missing
                            && meta::item(c.item).is_some_and(|m| m.foundation)
                    })
                    .collect();
                let which = if missing.len() <= 2 {
                    list(missing)
                } else {
                    let n: Vec<String> = missing.iter().map(|c| c.item.to_string()).collect();
                    format!("items {}", n.join(", "))
                };
                (
                    Tone::Critical,
                    format!(
                        "Foundation items are missing: {which}. An AI qualifying or routing leads on this workflow would inherit these gaps."
                    ),
                )
            }
            VerdictLevel::Pilot => {
                let open: Vec<String> = r
                    .checks
                    .iter()
                    .filter(|c| c.effective != GradeLevel::InPlace)
                    .map(|c| c.item.to_string())
                    .collect();
                (
                    Tone::Caution,
                    format!(
                        "No foundation item is missing, but {} of the 12 items are not in place yet (items {}). Try AI qualification on one clean segment while they are fixed.",
                        open.len(),
                        open.join(", ")
                    ),
                )
            }
            VerdictLevel::Ready => (
                Tone::Positive,
                "All 12 items are in place: the workflow is ready for AI qualification and routing.".to_owned(),
            ),
        };
        Banner {
            tone,
            label: "Verdict".into(),
            title: r.verdict.label.clone(),
            detail,
            steps: levels.iter().map(|l| l.label().to_owned()).collect(),
            current,
        }
    }

    fn card(&self, c: &CheckResult) -> GradeCard {
        let owner = c
            .grade
            .as_ref()
            .map(|g| g.owner.trim())
            .filter(|o| !o.is_empty())
            .map(str::to_owned);
        let note = match (&c.grade, owner) {
            (None, _) if c.effective == GradeLevel::NotAssessed => {
                "Not graded yet: for a person to judge".to_owned()
            }
            (None, _) => "Suggested by the data, not yet graded".to_owned(),
            (Some(_), owner) => {
                let mut parts = vec![if c.overridden {
                    format!(
                        "Graded (data suggested {})",
                        suggestion_label(c.suggested).to_lowercase()
                    )
                } else {
                    "Graded".to_owned()
                }];
                if let Some(o) = owner {
                    parts.push(format!("owner {o}"));
                }
                parts.join(" · ")
            }
        };
        GradeCard {
            number: u32::from(c.item),
            title: c.title.clone(),
            grade: c.effective,
            note,
        }
    }

    // ------------------------------------------------------------------ baselines

    fn baselines(&self, doc: &mut Composer) -> Result<(), ReportError> {
        let r = self.result;
        let b = &r.baseline;
        let s = &r.settings;
        doc.new_page();
        doc.heading("Baselines", Level::H1);
        let mut intro = format!(
            "Figures for {} ({}): leads created in the period and deals closed in it. Time is clock time, nights and weekends included, unless marked business hours ({}, {}). The SLA target is {}",
            r.audit.name.trim(),
            b.label,
            b.business_hours,
            b.timezone,
            Unit::Minutes.format(s.sla_minutes, None)
        );
        if s.sla_by_priority.is_empty() {
            intro.push('.');
        } else {
            let tiers: Vec<String> = s
                .sla_by_priority
                .iter()
                .map(|(k, v)| format!("{k}: {}", Unit::Minutes.format(*v, None)))
                .collect();
            intro.push_str(&format!(
                " by default, and per priority {}.",
                tiers.join(", ")
            ));
        }
        intro.push_str(" The definitions are in the appendix.");
        doc.paragraph(&intro);

        let set = charts::audit_charts(r, self.previous);
        for spec in &set.charts {
            doc.chart(&self.chart(spec.clone()))?;
        }
        if !set.omitted.is_empty() {
            doc.heading("Charts not drawn", Level::H2);
            let lines: Vec<String> = set
                .omitted
                .iter()
                .map(|o| format!("{}: {}.", o.title, o.reason))
                .collect();
            doc.bullets(&lines);
        }
        self.figures_table(doc);
        Ok(())
    }

    /// The Trend page: each headline figure across the audits, a small line chart each,
    /// an audit without the figure drawn as a gap in the line.
    fn trend(&self, doc: &mut Composer, trends: &[Trend]) -> Result<(), ReportError> {
        let audits = trends.first().map_or(0, |t| t.points.len());
        if audits < TREND_MIN_AUDITS {
            return Ok(());
        }
        let names = |i: usize| {
            trends[0]
                .points
                .get(i)
                .map(|p| self.text(&p.audit))
                .unwrap_or_default()
        };
        doc.new_page();
        doc.heading("Trend", Level::H1);
        doc.paragraph(&format!(
            "Each headline figure across the workspace's {audits} audits, oldest first ({} to {}). A break in a line is an audit whose data could not give the figure (not reached, or not available: the reason is under the chart), never a 0. The dashed line is the SLA target of {}'s settings.",
            names(0),
            names(audits - 1),
            self.result.audit.name.trim(),
        ));
        let specs: Vec<charts::ChartSpec> = trends
            .iter()
            .map(|t| {
                let mut spec = self.chart(t.chart());
                // The title names the figure; the small chart needs no axis names.
                spec.x_label.clear();
                spec.y_label.clear();
                spec
            })
            .collect();
        doc.chart_grid(&specs, 3, 80.0)
    }

    /// The Score readiness page (#15): would a lead score trained on this history work?
    /// The verdict, the key figures, the ROC curve and the calibration chart, then the
    /// leaky columns, the labels in doubt, drift and the strongest effects.
    fn readiness(&self, doc: &mut Composer) -> Result<(), ReportError> {
        let Some(r) = &self.result.readiness else {
            return Ok(());
        };
        let v = crate::readiness::view::view(r);
        doc.new_page();
        doc.heading("Score readiness", Level::H1);
        doc.paragraph(
            "Would a lead score trained on this history work? Lead Audit trained a simple, explainable scorer (a regularised logistic regression on what is known when a record is created) on the exports' own outcomes and tested it on records it had not seen. This is the evidence behind items 1, 2, 3 and 12.",
        );
        let tone = match r.verdict {
            crate::readiness::ReadinessLevel::Ready => Tone::Positive,
            crate::readiness::ReadinessLevel::Weak | crate::readiness::ReadinessLevel::Thin => {
                Tone::Caution
            }
            crate::readiness::ReadinessLevel::Unmeasured => Tone::Neutral,
            _ => Tone::Critical,
        };
        doc.banner(&Banner {
            tone,
            label: "Score readiness".to_owned(),
            title: v.verdict_label.to_owned(),
            detail: self.text(&v.reason),
            steps: Vec::new(),
            current: 0,
        });
        let tiles: Vec<Tile> = v
            .tiles
            .iter()
            .map(|t| Tile {
                label: t.label.to_owned(),
                value: t.value.clone(),
                detail: self.text(&t.detail),
                delta: None,
            })
            .collect();
        doc.tiles(&tiles, 3);
        if !v.validation.is_empty() {
            doc.caption(&self.text(&v.validation));
        }
        let specs: Vec<charts::ChartSpec> = v
            .charts
            .iter()
            .map(|c| {
                let mut spec = c.spec.clone();
                spec.note = self.text(&spec.note);
                spec
            })
            .collect();
        if !specs.is_empty() {
            doc.chart_grid(&specs, 2, 150.0)?;
        }
        if !v.omitted.is_empty() {
            let lines: Vec<String> = v
                .omitted
                .iter()
                .map(|o| format!("{}: not drawn, {}.", o.title, self.text(&o.reason)))
                .collect();
            doc.bullets(&lines);
        }
        let section = |doc: &mut Composer, title: &str, lines: &[String]| {
            if lines.is_empty() {
                return;
            }
            doc.heading_keep(title, Level::H2, 40.0);
            let lines: Vec<String> = lines.iter().map(|l| self.text(l)).collect();
            doc.bullets(&lines);
        };
        section(doc, "Leaky columns, excluded from the model", &v.leaks);
        section(doc, "Label quality", v.label_quality.as_slice());
        section(doc, "Drift between the two newest quarters", &v.drift);
        section(doc, "Strongest effects", &v.effects);
        section(
            doc,
            "Speed to lead: a process feature, kept out of the model",
            &v.process,
        );
        if !v.notes.is_empty() {
            let notes: Vec<String> = v.notes.iter().map(|n| self.text(n)).collect();
            doc.caption(&format!("How the labels were read: {}.", notes.join("; ")));
        }
        Ok(())
    }

    fn figures_table(&self, doc: &mut Composer) {
        let r = self.result;
        let now = serde_json::to_value(r).unwrap_or(Value::Null);
        let before = self
            .previous
            .and_then(|p| serde_json::to_value(p).ok())
            .unwrap_or(Value::Null);
        let comparison = compare::compare(&before, &now);
        let title = match self.prev_name() {
            Some(p) => format!("Every figure, and how it moved since {p}"),
            None => "Every figure".to_owned(),
        };
        doc.heading_keep(&title, Level::H2, 80.0);
        let mut columns = vec![
            Column::new("Figure", 2.6),
            Column::new(r.audit.name.trim(), 1.2).right(),
        ];
        if let Some(p) = self.prev_name() {
            let p = if p == r.audit.name.trim() {
                format!("{p} (previous)")
            } else {
                p
            };
            columns.push(Column::new(p, 1.2).right());
            columns.push(Column::new("Change", 1.1).right());
            columns.push(Column::new("Movement", 1.0));
        }
        let rows = comparison
            .figures
            .iter()
            .filter(|row| row.after.is_some() || row.before.is_some() || self.previous.is_none())
            .map(|row| {
                let unit = row.unit;
                let mut cells = vec![
                    Cell::strong(row.label.clone()),
                    Cell::text(format::reading(unit, row.after)),
                ];
                if self.previous.is_some() {
                    cells.push(Cell::text(format::reading(unit, row.before)));
                    cells.push(Cell::text(
                        row.delta
                            .map(|d| format::change(unit, d))
                            .unwrap_or_default(),
                    ));
                    // A side not available (its cell says so): the change is not
                    // judged, never better or worse.
                    let not_judged =
                        row.before_unavailable.is_some() || row.after_unavailable.is_some();
                    cells.push(Cell::muted(match row.movement {
                        Movement::Better => "better",
                        Movement::Worse => "worse",
                        Movement::Same => "unchanged",
                        Movement::Unjudged if not_judged => "not judged",
                        Movement::Unjudged => "",
                    }));
                }
                cells
            })
            .collect();
        doc.table(&Table { columns, rows });
        if self.previous.is_some() && !comparison.grades.is_empty() {
            doc.heading_keep("Grades that moved", Level::H2, 60.0);
            let rows = comparison
                .grades
                .iter()
                .map(|g| {
                    let level = |s: &str| {
                        GradeLevel::ALL
                            .into_iter()
                            .find(|l| l.as_str() == s)
                            .unwrap_or(GradeLevel::NotAssessed)
                    };
                    vec![
                        Cell::strong(format!("{:02}", g.item)),
                        Cell::strong(g.title.clone()),
                        Cell::grade(level(&g.before)),
                        Cell::grade(level(&g.after)),
                        Cell::muted(match g.movement {
                            Movement::Better => "better",
                            Movement::Worse => "worse",
                            _ => "",
                        }),
                    ]
                })
                .collect();
            doc.table(&Table {
                columns: vec![
                    Column::new("#", 0.4),
                    Column::new("Item", 2.6),
                    Column::new(self.prev_name().unwrap_or_default(), 1.2),
                    Column::new(r.audit.name.trim(), 1.2),
                    Column::new("Movement", 1.0),
                ],
                rows,
            });
        }
    }

    // ---------------------------------------------------------------------- items

    fn items(&self, doc: &mut Composer) {
        doc.new_page();
        doc.heading("The 12 items, one by one", Level::H1);
        doc.caption(
            "Each item: its grade (a person's grade where one was given, else the data's suggestion), the suggestion and how it was reached, the findings behind it with up to five example records, and who owns the fix.",
        );
        for c in &self.result.checks {
            self.item(doc, c);
        }
    }

    fn item_header(&self, doc: &mut Composer, c: &CheckResult) {
        let fonts = doc.fonts();
        let (x, w) = (doc.left(), doc.width());
        let sz = size::H2;
        let line_h = sz * 1.3;
        let pw = pill_width(fonts, c.effective, false);
        let ph = pill_height(false);
        let num_w = 24.0;
        let lines = fonts.wrap(&c.title, sz, Weight::Bold, w - num_w - pw - 12.0);
        let h = (lines.len().max(1) as f32 * line_h).max(ph);
        doc.space(16.0);
        doc.ensure_space(h + 110.0);
        let top = doc.cursor();
        let b = |y: f32| baseline(y, sz, line_h);
        let canvas = doc.canvas();
        canvas.text(
            fonts,
            x,
            b(top),
            &format!("{:02}", c.item),
            &TextStyle::new(sz, Weight::Bold, theme::BLUE),
            Align::Left,
        );
        for (i, line) in lines.iter().enumerate() {
            canvas.text(
                fonts,
                x + num_w,
                b(top + i as f32 * line_h),
                line,
                &TextStyle::new(sz, Weight::Bold, theme::NAVY),
                Align::Left,
            );
        }
        grade_pill(
            canvas,
            fonts,
            x + w - pw,
            top + (line_h - ph) / 2.0,
            c.effective,
            false,
        );
        let rule_y = top + h + 4.0;
        canvas.line(x, rule_y, x + w, rule_y, &Stroke::solid(theme::RULE, 0.7));
        doc.advance(h + 10.0);
    }

    fn item(&self, doc: &mut Composer, c: &CheckResult) {
        self.item_header(doc, c);
        doc.paragraph_styled(
            &c.question,
            &TextStyle::new(size::BODY, Weight::Bold, theme::INK),
        );
        doc.caption(&c.why);

        let mut rows: Vec<(String, String)> = Vec::new();
        let suggested = match c.suggested {
            Some(Suggestion::NotApplicable) => {
                "not assessed: the exports do not hold what it needs".to_owned()
            }
            Some(s) => suggestion_label(Some(s)).to_owned(),
            None => "none: the data cannot decide this item".to_owned(),
        };
        let grade = match &c.grade {
            Some(g) if c.overridden => format!(
                "{}, chosen by a person over the data's suggestion ({})",
                g.grade.label(),
                suggested.to_lowercase()
            ),
            Some(g) => format!("{}, chosen by a person", g.grade.label()),
            None if c.effective == GradeLevel::NotAssessed => {
                "Not assessed: no person has graded it yet".to_owned()
            }
            None => format!(
                "{}, as the data suggests; no person has confirmed it yet",
                c.effective.label()
            ),
        };
        rows.push(("Grade".into(), grade));
        rows.push(("Suggested".into(), suggested));
        let thresholds: Vec<String> = policy::THRESHOLDS
            .iter()
            .filter(|t| t.item == c.item)
            .map(|t| {
                let v = |x: f64| t.value_text(x);
                let op = match t.better {
                    Better::Higher => "at least",
                    Better::Lower => "at most",
                };
                let mut label = t.label.to_owned();
                if let Some(first) = label.get(..1) {
                    label = first.to_uppercase() + &label[1..];
                }
                format!(
                    "{label}: in place at {op} {}, partial at {op} {}, else missing",
                    v(t.in_place),
                    v(t.partial)
                )
            })
            .collect();
        if !thresholds.is_empty() {
            rows.push(("How suggested".into(), thresholds.join("; ")));
        }
        let g = c.grade.as_ref();
        let owner = g
            .map(|g| g.owner.trim())
            .filter(|o| !o.is_empty())
            .map(str::to_owned);
        rows.push((
            "Owner".into(),
            match owner {
                Some(o) => o,
                None if c.needs_owner => "not named (this item needs one to be in place)".into(),
                None => "not named".into(),
            },
        ));
        rows.push((
            "Due".into(),
            g.and_then(|g| g.due)
                .map(date)
                .unwrap_or_else(|| "—".into()),
        ));
        if let Some(g) = g.filter(|g| !g.escalation.is_empty()) {
            rows.push((
                "Escalation rules".into(),
                g.escalation
                    .iter()
                    .map(|e| e.label())
                    .collect::<Vec<_>>()
                    .join(", "),
            ));
        }
        if let Some(note) = g.map(|g| g.note.trim()).filter(|n| !n.is_empty()) {
            rows.push(("Note".into(), note.to_owned()));
        }
        if let (Some(confirm), None) = (&c.confirm, g) {
            rows.push(("To confirm".into(), confirm.clone()));
        }
        key_values(doc, &rows);

        doc.heading_keep("Why this grade", Level::Eyebrow, 30.0);
        doc.paragraph(&c.rationale);
        let figures: Vec<String> = c
            .evidence
            .iter()
            .filter(|e| e.kind != "finding" && !c.rationale.contains(e.text.trim()))
            .map(|e| e.text.clone())
            .collect();
        if !figures.is_empty() {
            doc.bullets(&figures);
        }
        let mut findings: Vec<&Finding> = self
            .result
            .findings
            .iter()
            .filter(|f| f.item == c.item && f.fires())
            .collect();
        findings.sort_by(|a, b| {
            a.severity
                .cmp(&b.severity)
                .then(b.count.cmp(&a.count))
                .then(a.id.cmp(&b.id))
        });
        let quiet = self
            .result
            .findings
            .iter()
            .filter(|f| f.item == c.item && !f.fires())
            .count();
        if !findings.is_empty() {
            doc.heading_keep("The findings behind it", Level::Eyebrow, 50.0);
            let rows = findings
                .iter()
                .map(|f| {
                    let mut examples: Vec<String> =
                        f.examples.iter().take(MAX_EXAMPLES).cloned().collect();
                    if examples.is_empty() {
                        examples.push("—".into());
                    }
                    vec![
                        Cell::text(f.title.clone()),
                        Cell::strong(format!("{} of {}", count(f.count), count(f.of))),
                        Cell::text(f.severity.as_str()),
                        Cell::text(examples.join(", ")),
                        Cell::muted(f.fix.clone()),
                    ]
                })
                .collect();
            doc.table(&Table {
                columns: vec![
                    Column::new("Finding", 2.6),
                    Column::new("Records", 1.1).right(),
                    Column::new("Severity", 0.8),
                    Column::new("Examples (record ids)", 1.5),
                    Column::new("What to do", 2.3),
                ],
                rows,
            });
        }
        if quiet > 0 {
            doc.caption(&format!(
                "{} other {} for this item raised no warning.",
                quiet,
                if quiet == 1 { "check" } else { "checks" }
            ));
        }
    }

    // ------------------------------------------------------------------ fix first

    fn fix_first(&self, doc: &mut Composer) {
        let r = self.result;
        doc.heading_keep("What to fix first", Level::H1, 120.0);
        doc.caption(
            "Foundation items first (those whose absence means fixing the foundations first), missing before partial, then by number. Each with its owner, due date and the evidence in a sentence.",
        );
        if r.verdict.fix_first.is_empty() {
            doc.paragraph("Nothing to fix: no item is missing or partial.");
            return;
        }
        let rows = r
            .verdict
            .fix_first
            .iter()
            .enumerate()
            .map(|(i, f)| {
                vec![
                    Cell::strong(format!("{}", i + 1)),
                    Cell::strong(format!("{:02} {}", f.item, f.title)),
                    Cell::grade(f.grade),
                    match &f.owner {
                        Some(o) => Cell::text(o.clone()),
                        None => Cell::muted("not named"),
                    },
                    Cell::text(f.due.map(date).unwrap_or_else(|| "—".into())),
                    Cell::muted(f.evidence.clone()),
                ]
            })
            .collect();
        doc.table(&Table {
            columns: vec![
                Column::new("#", 0.4),
                Column::new("Item", 1.7),
                Column::new("Grade", 1.0),
                Column::new("Owner", 1.1),
                Column::new("Due", 0.9),
                Column::new("Evidence", 3.2),
            ],
            rows,
        });
    }

    // ------------------------------------------------------------------- appendix

    fn appendix(&self, doc: &mut Composer) {
        let r = self.result;
        doc.new_page();
        doc.heading("Appendix", Level::H1);
        doc.heading("The files read", Level::H2);
        let fonts = doc.fonts();
        let body = 8.2;
        // The fingerprint column fits a whole SHA-256 on one line.
        let sha_w = fonts.width(&"0".repeat(64), body, Weight::Regular) + 14.0;
        let rows_w = fonts
            .width("Rows", size::SMALL, Weight::Bold)
            .max(fonts.width("1,000,000", body, Weight::Regular))
            + 14.0;
        let file_w = (doc.width() - sha_w - rows_w).max(60.0);
        let rows = r
            .inputs
            .files
            .iter()
            .map(|f| {
                vec![
                    Cell::strong(format!(
                        "{}\n{} · {}",
                        f.path,
                        f.kind.replace('_', " "),
                        f.source
                    )),
                    Cell::text(count(f.rows as u64)),
                    Cell::text(f.sha256.clone()),
                ]
            })
            .collect();
        doc.table(&Table {
            columns: vec![
                Column::new("File, kind and source", file_w),
                Column::new("Rows", rows_w).right(),
                Column::new("SHA-256", sha_w),
            ],
            rows,
        });
        // What the figures stand on when a file lacks a column, then each file's own.
        let warnings: Vec<String> = r
            .baseline
            .notes
            .iter()
            .cloned()
            .chain(
                r.inputs
                    .files
                    .iter()
                    .flat_map(|f| f.warnings.iter().map(move |w| format!("{}: {}", f.path, w))),
            )
            .collect();
        if !warnings.is_empty() {
            doc.heading_keep("Warnings while reading", Level::Eyebrow, 30.0);
            doc.bullets(&warnings);
        }
        // Every figure the exports cannot give, with the file and field it lacks.
        let unavailable: Vec<String> = r
            .baseline
            .figures
            .unavailable
            .iter()
            .map(|(figure, why)| format!("{figure}: not available: {why}"))
            .collect();
        if !unavailable.is_empty() {
            doc.heading_keep("Figures not available", Level::Eyebrow, 30.0);
            doc.bullets(&unavailable);
        }

        doc.heading_keep("The mapping", Level::H2, 80.0);
        doc.caption(&format!(
            "How each file's columns were read (TOML, the file `leadaudit audit --mapping` takes). Timestamps without a zone are read in {}.",
            r.inputs.timezone
        ));
        code_block(doc, &r.inputs.mapping);

        doc.heading_keep("The settings", Level::H2, 80.0);
        key_values(doc, &self.settings_rows());

        doc.heading_keep("Definitions", Level::H2, 80.0);
        let defs: Vec<(String, String)> = present::DEFINITIONS
            .iter()
            .map(|d| (d.term.to_owned(), d.text.to_owned()))
            .collect();
        definition_list(doc, &defs);
    }

    fn settings_rows(&self) -> Vec<(String, String)> {
        let s = &self.result.settings;
        let list = |v: &[String]| {
            if v.is_empty() {
                "none".to_owned()
            } else {
                v.iter()
                    .map(|x| format!("\"{x}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        let mut rows = vec![
            ("Time zone".to_owned(), s.timezone.clone()),
            (
                "SLA target".to_owned(),
                Unit::Minutes.format(s.sla_minutes, None),
            ),
        ];
        if !s.sla_by_priority.is_empty() {
            rows.push((
                "SLA per priority".to_owned(),
                s.sla_by_priority
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", Unit::Minutes.format(*v, None)))
                    .collect::<Vec<_>>()
                    .join(", "),
            ));
        }
        rows.extend([
            ("Business hours".to_owned(), s.business_hours.to_string()),
            ("Qualified statuses".to_owned(), list(&s.qualified_statuses)),
            ("Placeholder values".to_owned(), list(&s.placeholders)),
            (
                "Inactive after".to_owned(),
                format!("{} days without outbound activity", s.inactive_after_days),
            ),
            (
                "Day of the export".to_owned(),
                s.as_of
                    .map(date)
                    .unwrap_or_else(|| "the day after the latest date in the exports".into()),
            ),
            ("Default phone region".to_owned(), s.default_region.clone()),
        ]);
        rows
    }
}

/// Label and value lines: the label in a narrow column on the left, the value wrapped
/// beside it.
fn key_values(doc: &mut Composer, rows: &[(String, String)]) {
    let key_w = 96.0;
    let fonts = doc.fonts();
    let sz = size::BODY;
    let line_h = sz * theme::LEADING;
    let key_style = TextStyle::new(sz, Weight::Bold, theme::MUTED);
    let value_style = TextStyle::new(sz, Weight::Regular, theme::INK);
    for (k, v) in rows {
        let (x, w) = (doc.left(), doc.width());
        let keys = fonts.wrap(k, sz, Weight::Bold, key_w - 10.0);
        let values = fonts.wrap(v, sz, Weight::Regular, w - key_w);
        let n = keys.len().max(values.len()).max(1);
        // Keep a short entry together; a long one flows line by line.
        if n <= 4 {
            doc.ensure_space(n as f32 * line_h);
        }
        for i in 0..n {
            doc.ensure_space(line_h);
            let b = baseline(doc.cursor(), sz, line_h);
            if let Some(k) = keys.get(i) {
                doc.canvas().text(fonts, x, b, k, &key_style, Align::Left);
            }
            if let Some(v) = values.get(i) {
                doc.canvas()
                    .text(fonts, x + key_w, b, v, &value_style, Align::Left);
            }
            doc.advance(line_h);
        }
        doc.advance(3.5);
    }
    doc.advance(6.0);
}

/// Terms in bold, each with its text under it, indented.
fn definition_list(doc: &mut Composer, entries: &[(String, String)]) {
    let fonts = doc.fonts();
    let sz = size::BODY;
    let line_h = sz * theme::LEADING;
    let indent = 12.0;
    let term_style = TextStyle::new(sz, Weight::Bold, theme::NAVY);
    let text_style = TextStyle::new(sz, Weight::Regular, theme::INK);
    for (term, text) in entries {
        let (x, w) = (doc.left(), doc.width());
        let terms = fonts.wrap(term, sz, Weight::Bold, w);
        let lines = fonts.wrap(text, sz, Weight::Regular, w - indent);
        // A term stays with at least two lines of its text.
        doc.ensure_space((terms.len() + lines.len().min(2)) as f32 * line_h);
        let all = terms
            .iter()
            .map(|l| (0.0, l, &term_style))
            .chain(lines.iter().map(|l| (indent, l, &text_style)));
        for (dx, line, style) in all {
            doc.ensure_space(line_h);
            let b = baseline(doc.cursor(), sz, line_h);
            doc.canvas()
                .text(fonts, x + dx, b, line, style, Align::Left);
            doc.advance(line_h);
        }
        doc.advance(4.0);
    }
    doc.advance(4.0);
}

/// Preformatted text (the mapping) in two columns on a light panel, flowing over pages.
fn code_block(doc: &mut Composer, text: &str) {
    let fonts = doc.fonts();
    let sz = size::TINY;
    let line_h = sz * 1.32;
    let gap = 14.0;
    let pad = 6.0;
    let col_w = (doc.width() - gap) / 2.0;
    let lines: Vec<String> = text
        .trim_end()
        .lines()
        .flat_map(|l| {
            let indent = l.len() - l.trim_start().len();
            fonts
                .wrap(l, sz, Weight::Regular, col_w - 2.0 * pad - 8.0)
                .into_iter()
                .enumerate()
                .map(move |(i, part)| {
                    if i == 0 {
                        format!("{}{part}", " ".repeat(indent))
                    } else {
                        format!("{}  {part}", " ".repeat(indent))
                    }
                })
        })
        .collect();
    let style = TextStyle::new(sz, Weight::Regular, theme::INK);
    let mut rest: &[String] = &lines;
    while !rest.is_empty() {
        if doc.remaining() < 2.0 * pad + 4.0 * line_h {
            doc.new_page();
        }
        let fit = ((doc.remaining() - 2.0 * pad) / line_h).floor().max(1.0) as usize;
        let (left, right, taken) = if rest.len() <= 2 * fit {
            let half = rest.len().div_ceil(2);
            (&rest[..half], &rest[half..], rest.len())
        } else {
            (&rest[..fit], &rest[fit..2 * fit], 2 * fit)
        };
        let top = doc.cursor();
        let h = left.len().max(right.len()) as f32 * line_h + 2.0 * pad;
        let x0 = doc.left();
        for (i, col) in [left, right].into_iter().enumerate() {
            if col.is_empty() {
                continue;
            }
            let x = x0 + i as f32 * (col_w + gap);
            let canvas = doc.canvas();
            canvas.rect(x, top, col_w, h, Some(theme::PANEL), None);
            for (k, line) in col.iter().enumerate() {
                let b = baseline(top + pad + k as f32 * line_h, sz, line_h);
                // Keep the indentation: the font has no fixed width, so indent by
                // measure instead of drawing leading spaces.
                let indent = line.len() - line.trim_start().len();
                let dx = fonts.width(&" ".repeat(indent), sz, Weight::Regular);
                canvas.text(
                    fonts,
                    x + pad + dx,
                    b,
                    line.trim_start(),
                    &style,
                    Align::Left,
                );
            }
        }
        doc.advance(h + 8.0);
        rest = &rest[taken..];
    }
    doc.advance(4.0);
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::charts::fixture;
    use crate::format::{NOT_AVAILABLE, NOT_REACHED};
    use crate::grade::Grade;
    use crate::present::Arrow;

    fn texts(doc: &Composer) -> Vec<(usize, String)> {
        doc.placed_texts()
            .into_iter()
            .map(|(p, t)| (p, t.text.clone()))
            .collect()
    }

    fn all_text(doc: &Composer) -> String {
        texts(doc)
            .into_iter()
            .map(|(_, t)| t)
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn page(doc: &Composer, n: usize) -> String {
        texts(doc)
            .into_iter()
            .filter(|(p, _)| *p == n)
            .map(|(_, t)| t)
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn graded() -> AuditResult {
        let mut r = fixture::result();
        let mut grades = BTreeMap::new();
        let mut g = Grade::new(GradeLevel::Missing);
        g.owner = "Dana Cruz".into();
        g.note = "Escalate to cassandra.eckert@birchwavepower.com or +1 (214) 555-0149.".into();
        g.due = NaiveDate::from_ymd_opt(2026, 11, 30);
        grades.insert(8, g);
        grades.insert(2, Grade::new(GradeLevel::Partial));
        crate::audit::apply_grades(&mut r, &grades);
        r
    }

    #[test]
    fn page_one_has_the_verdict_the_twelve_items_and_the_headline() {
        let r = graded();
        let doc = compose(&r, None, ScorecardOptions::default()).unwrap();
        let p1 = page(&doc, 1);
        assert!(p1.contains("Acme Robotics"));
        assert!(p1.contains(VerdictLevel::FixFoundations.label()));
        assert_eq!(r.verdict.level, VerdictLevel::FixFoundations);
        let flat = p1.replace('\n', " ");
        for c in &r.checks {
            assert!(flat.contains(&c.title), "{}", c.title);
        }
        // Effective grades: one pill per item, plus the legend's one of each.
        for level in GradeLevel::ALL {
            let expected = r.checks.iter().filter(|c| c.effective == level).count() + 1;
            let found = texts(&doc)
                .iter()
                .filter(|(p, t)| *p == 1 && t == level.label())
                .count();
            assert_eq!(found, expected, "{level:?}");
        }
        // Headline figures: numbers, and "not reached" as such.
        for v in ["42 min", "20%", "55%", "10%", "30%", "32 d", NOT_REACHED] {
            assert!(p1.contains(v), "{v}");
        }
        assert!(p1.contains("Suggested by the data, not yet graded"));
        assert!(p1.contains("Graded (data suggested partial)") || p1.contains("Graded"));
    }

    #[test]
    fn missing_figures_say_why_and_are_never_zero() {
        let mut r = fixture::result();
        r.baseline.figures.win_rate = None;
        r.baseline.figures.unavailable.insert(
            "win_rate".into(),
            "no deal closed (won or lost) in the period".into(),
        );
        r.baseline.figures.cycle_time_days_median = None;
        let h = headline_figures(&r, None);
        let win = h.iter().find(|f| f.id == "win_rate").unwrap();
        assert_eq!(win.value, NOT_AVAILABLE);
        assert_eq!(win.detail, "no deal closed (won or lost) in the period");
        let cycle = h.iter().find(|f| f.id == "cycle_time").unwrap();
        assert_eq!(cycle.value, NOT_AVAILABLE);
        assert!(!cycle.detail.is_empty());
        let p90 = h.iter().find(|f| f.id == "speed_p90").unwrap();
        assert_eq!(p90.value, NOT_REACHED);
        let doc = compose(&r, None, ScorecardOptions::default()).unwrap();
        let p1 = page(&doc, 1);
        assert!(p1.contains(NOT_AVAILABLE));
        assert!(!p1.contains("0%\nno deal closed"));
    }

    #[test]
    fn movement_against_the_previous_audit() {
        let r = fixture::result();
        let p = fixture::previous();
        let h = headline_figures(&r, Some(&p));
        let by = |id: &str| {
            h.iter()
                .find(|f| f.id == id)
                .unwrap()
                .delta
                .clone()
                .unwrap()
        };
        let win = by("win_rate");
        assert_eq!(win.text, "+5 pts");
        assert_eq!((win.arrow, win.movement), (Arrow::Up, Movement::Better));
        let cycle = by("cycle_time");
        assert_eq!(cycle.text, "+1.5 d");
        assert_eq!(cycle.movement, Movement::Worse);
        let median = by("speed_median");
        assert_eq!(median.text, "was not reached in 2026 Q2");
        assert_eq!(median.movement, Movement::Better);
        let same = by("qualification_rate");
        assert_eq!(same.text, "no change");
        assert_eq!(same.movement, Movement::Same);
        assert_eq!(format::change(Unit::Percent, 0.0084), "+0.8 pts");
        assert_eq!(format::change(Unit::Minutes, -25.0), "−25 min");
    }

    #[test]
    fn personal_data_is_redacted_unless_asked_not_to() {
        let r = graded();
        let doc = compose(&r, None, ScorecardOptions::default()).unwrap();
        let all = all_text(&doc);
        assert!(!all.contains("cassandra.eckert@"), "email redacted");
        assert!(!all.contains("555-0149"), "phone redacted");
        assert!(all.contains("c***@b***.com"));
        assert!(all.contains("+1 *** *** 0149"));
        assert!(all.contains("Dana Cruz"), "staff names stay");
        let doc = compose(
            &r,
            None,
            ScorecardOptions {
                redact: false,
                ..ScorecardOptions::default()
            },
        )
        .unwrap();
        let all = all_text(&doc);
        assert!(all.contains("cassandra.eckert@birchwavepower.com"));
        assert!(all.contains("555-0149"));
    }

    #[test]
    fn sections_findings_fix_first_and_appendix() {
        let r = graded();
        let doc = compose(&r, None, ScorecardOptions::default()).unwrap();
        let all = all_text(&doc);
        // Only firing findings are tabled, with counts and examples.
        assert!(all.contains("5 of 40"));
        for e in ["L-1", "L-2", "L-3", "L-4", "L-5", "D-1", "D-2"] {
            assert!(all.contains(e), "example {e}");
        }
        assert!(!all.contains("closed_missing_owner."));
        assert!(all.contains("What to fix first"));
        assert!(all.contains("30 Nov 2026"));
        assert!(
            all.contains(&"ab".repeat(32)),
            "the whole SHA-256 on one line"
        );
        assert!(all.contains("[file.columns]"));
        for d in present::DEFINITIONS {
            assert!(all.contains(d.term), "{}", d.term);
        }
        for t in policy::THRESHOLDS.iter().filter(|t| t.item == 7) {
            assert!(all.contains(&t.label[1..30]), "{}", t.label);
        }
    }

    #[test]
    fn both_papers_lay_out_cleanly_and_the_same_bytes_come_back() {
        let r = graded();
        let p = fixture::previous();
        for paper in [Paper::A4, Paper::Letter] {
            let options = ScorecardOptions {
                paper,
                redact: true,
            };
            let a = render_scorecard(&r, Some(&p), options).unwrap();
            let problems: Vec<String> = a.problems.iter().map(ToString::to_string).collect();
            assert!(problems.is_empty(), "{paper:?}: {}", problems.join("\n"));
            assert!(a.warnings.is_empty(), "{:?}", a.warnings);
            let b = render_scorecard(&r, Some(&p), options).unwrap();
            assert!(a.bytes == b.bytes, "{paper:?}: two renders differ");
        }
    }

    #[test]
    fn page_one_holds_everything_on_both_papers() {
        let mut r = graded();
        let p = fixture::previous();
        for workspace in ["Acme", "Brightwave Analytics International Holdings GmbH"] {
            r.audit.workspace = Some(workspace.into());
            for paper in [Paper::A4, Paper::Letter] {
                let options = ScorecardOptions {
                    paper,
                    redact: true,
                };
                let doc = compose(&r, Some(&p), options).unwrap();
                // A label may wrap onto a second line in its tile.
                let p1 = page(&doc, 1).replace('\n', " ");
                for h in headline_figures(&r, Some(&p)) {
                    assert!(
                        p1.contains(h.label),
                        "{paper:?} {workspace}: {} is not on page 1",
                        h.label
                    );
                }
            }
        }
    }
}
