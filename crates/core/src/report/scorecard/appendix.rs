//! The appendix: the files read (rows and SHA-256), the warnings and the figures not
//! available, the mapping, the settings and the definition of every figure.

use super::blocks::{code_block, definition_list, key_values};
use super::{Scorecard, count, date};
use crate::present::{self, Unit};
use crate::report::fonts::Weight;
use crate::report::layout::{Cell, Column, Composer, Level, Table};
use crate::report::theme::size;

impl Scorecard<'_> {
    pub(super) fn appendix(&self, doc: &mut Composer) {
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
