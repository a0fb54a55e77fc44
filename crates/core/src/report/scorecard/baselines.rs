//! The Baselines page: the introduction with the period and the SLA target, every chart
//! of the audit, then every figure with its movement since the previous audit and the
//! grades that moved.

use serde_json::Value;

use super::Scorecard;
use crate::charts;
use crate::compare;
use crate::format;
use crate::grade::GradeLevel;
use crate::present::{Movement, Unit};
use crate::report::ReportError;
use crate::report::layout::{Cell, Column, Composer, Level, Table};

impl Scorecard<'_> {
    pub(super) fn baselines(&self, doc: &mut Composer) -> Result<(), ReportError> {
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
}
