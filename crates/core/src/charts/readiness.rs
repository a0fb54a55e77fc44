//! The charts of score readiness: the ROC curve and the calibration by decile.

use super::{
    AuditCharts, ChartKind, ChartSpec, OmittedChart, Orientation, Reference, Series, SeriesRole,
    ids,
};
use crate::format;
use crate::present::Unit;

/// The charts of score readiness, drawn the same on paper and on screen: the ROC curve
/// of the held-out test against chance, and the calibration (predicted against observed
/// won rate) by decile of the predicted probability. Without a validation both are left
/// out, with the reason.
pub fn readiness_charts(r: &crate::readiness::Readiness) -> AuditCharts {
    let mut out = AuditCharts::default();
    let titles = [
        (
            ids::READINESS_ROC,
            "ROC curve: won leads found against lost leads flagged",
        ),
        (
            ids::READINESS_CALIBRATION,
            "Calibration: predicted against observed won rate by decile",
        ),
    ];
    let Some(v) = &r.validation else {
        let reason = r
            .no_validation
            .clone()
            .unwrap_or_else(|| "the model was not validated".to_owned());
        for (id, title) in titles {
            out.omitted.push(OmittedChart {
                id: id.to_owned(),
                title: title.to_owned(),
                reason: reason.clone(),
            });
        }
        return out;
    };
    let subject = match r.subject.as_str() {
        "deals" => ("won deals", "lost deals"),
        _ => ("won leads", "lost leads"),
    };
    let base = |id: &str, title: &str, kind: ChartKind| ChartSpec {
        id: id.to_owned(),
        title: title.to_owned(),
        kind,
        orientation: Orientation::Vertical,
        x_label: String::new(),
        y_label: String::new(),
        unit: Unit::Percent,
        currency: None,
        categories: Vec::new(),
        series: Vec::new(),
        reference: None,
        note: String::new(),
    };
    let tested = format!(
        "{} tested records ({})",
        format::count(v.test as u64),
        if v.method == "time_ordered" {
            "the newest, held out"
        } else {
            "each scored by the model trained without it"
        }
    );
    let mut built: Vec<(&str, &str, Result<ChartSpec, String>)> = Vec::new();
    built.push((titles[0].0, titles[0].1, {
        if v.roc.is_empty() {
            Err("the tested records hold one outcome only".to_owned())
        } else {
            let mut spec = base(titles[0].0, titles[0].1, ChartKind::Line);
            spec.x_label = format!("Share of {} flagged (false positive rate)", subject.1);
            spec.y_label = format!("Share of {} found", subject.0);
            spec.categories = v.roc.iter().map(|(x, _)| format::percent(*x)).collect();
            spec.series = vec![
                Series::new(
                    format!("Model (AUC {:.2})", v.auc),
                    v.roc.iter().map(|(_, y)| Some(*y)).collect(),
                ),
                Series::new("Chance", v.roc.iter().map(|(x, _)| Some(*x)).collect())
                    .with_role(SeriesRole::Comparison),
            ];
            spec.note = format!(
                "On the {tested}: going down the ranking, how many {} are found for each share of {} let through. The diagonal is a ranking by chance (AUC 0.5).",
                subject.0, subject.1
            );
            Ok(spec)
        }
    }));
    built.push((titles[1].0, titles[1].1, {
        if v.calibration.is_empty() {
            Err("too few tested records for deciles".to_owned())
        } else {
            let mut spec = base(titles[1].0, titles[1].1, ChartKind::GroupedBar);
            spec.x_label = "Decile of the predicted probability (1 = lowest)".to_owned();
            spec.y_label = "Won rate".to_owned();
            spec.categories = v.calibration.iter().map(|b| b.decile.to_string()).collect();
            spec.series = vec![
                Series::new(
                    "Predicted",
                    v.calibration.iter().map(|b| Some(b.predicted)).collect(),
                )
                .with_role(SeriesRole::Comparison),
                Series::new(
                    "Observed",
                    v.calibration.iter().map(|b| Some(b.observed)).collect(),
                ),
            ];
            if let Some(base_rate) = r.base_rate {
                spec.reference = Some(Reference {
                    label: "Base rate".to_owned(),
                    value: base_rate,
                });
            }
            spec.note = format!(
                "On the {tested}, ranked by the model's probability and cut into ten equal groups: a well-calibrated model's bars match."
            );
            Ok(spec)
        }
    }));
    for (id, title, spec) in built {
        match spec.and_then(|spec| {
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
