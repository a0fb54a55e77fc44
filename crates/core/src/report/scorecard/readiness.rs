//! The Score readiness page: the readiness verdict, its key figures and charts, then the
//! leaky columns, label quality, drift and the strongest effects, masked like the rest.

use super::Scorecard;
use crate::charts;
use crate::report::ReportError;
use crate::report::layout::{Banner, Composer, Level, Tile, Tone};

impl Scorecard<'_> {
    /// The Score readiness page (#15): would a lead score trained on this history work?
    /// The verdict, the key figures, the ROC curve and the calibration chart, then the
    /// leaky columns, the labels in doubt, drift and the strongest effects.
    pub(super) fn readiness(&self, doc: &mut Composer) -> Result<(), ReportError> {
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
}
