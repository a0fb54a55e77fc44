//! The item sections: one per checklist item, with its grade, the suggestion and how it
//! was reached, the rationale, the findings behind it with examples, owner, due date and
//! note.

use super::blocks::key_values;
use super::{Scorecard, count, date, suggestion_label};
use crate::audit::CheckResult;
use crate::checklist::policy::{self, Better, Suggestion};
use crate::findings::{Finding, MAX_EXAMPLES};
use crate::grade::GradeLevel;
use crate::report::canvas::{Align, Stroke, TextStyle};
use crate::report::fonts::{Weight, baseline};
use crate::report::layout::{
    Cell, Column, Composer, Level, Table, grade_pill, pill_height, pill_width,
};
use crate::report::theme::{self, size};

impl Scorecard<'_> {
    pub(super) fn items(&self, doc: &mut Composer) {
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
}
