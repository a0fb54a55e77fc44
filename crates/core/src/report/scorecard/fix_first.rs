//! The fix-first list: the items to fix in order, each with its grade, owner, due date
//! and the evidence in a sentence.

use super::{Scorecard, date};
use crate::report::layout::{Cell, Column, Composer, Level, Table};

impl Scorecard<'_> {
    pub(super) fn fix_first(&self, doc: &mut Composer) {
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
}
