//! Page 1, the cover: workspace and period, the verdict banner, the 12 items as a grid
//! of grade cards, and the headline baselines with their change since the previous audit.

use super::{Scorecard, count, date, suggestion_label};
use crate::audit::CheckResult;
use crate::checklist::meta;
use crate::checklist::policy::VerdictLevel;
use crate::grade::GradeLevel;
use crate::present::headline_figures;
use crate::report::layout::{Banner, Composer, GradeCard, Level, Tile, Tone};

impl Scorecard<'_> {
    pub(super) fn first_page(&self, doc: &mut Composer) {
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
}
