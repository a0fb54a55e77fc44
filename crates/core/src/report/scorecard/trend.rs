//! The Trend page: each headline figure across the workspace's audits, a small line
//! chart each (drawn only for [`TREND_MIN_AUDITS`] audits or more).

use super::{Scorecard, TREND_MIN_AUDITS};
use crate::charts;
use crate::report::ReportError;
use crate::report::layout::{Composer, Level};
use crate::trends::Trend;

impl Scorecard<'_> {
    /// The Trend page: each headline figure across the audits, a small line chart each,
    /// an audit without the figure drawn as a gap in the line.
    pub(super) fn trend(&self, doc: &mut Composer, trends: &[Trend]) -> Result<(), ReportError> {
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
}
