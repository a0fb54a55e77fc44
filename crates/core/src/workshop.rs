//! Workshop mode: the 12 items on a projector, one per screen. For each item, the one
//! chart or headline figure that answers its question best, and the definitions the
//! presenter's notes show beside the rationale and the thresholds. This is the one
//! place that choice is made; the app reads it and draws what it names.

use serde::Serialize;

use crate::charts::ids;
use crate::format;

/// What answers one item best on a screen read from the back of a room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ItemAnswer {
    /// 1 to 12.
    pub item: u8,
    /// The id of the audit chart ([`crate::charts::ids`]) that answers the question, if
    /// one does.
    pub chart: Option<&'static str>,
    /// The id of the headline figure ([`crate::present::HEADLINE`]) shown
    /// large beside it, if one does. Items with neither show their evidence.
    pub figure: Option<&'static str>,
    /// The definitions ([`crate::present::DEFINITIONS`]) for the presenter's notes.
    pub definitions: &'static [&'static str],
}

const fn answer(
    item: u8,
    chart: Option<&'static str>,
    figure: Option<&'static str>,
    definitions: &'static [&'static str],
) -> ItemAnswer {
    ItemAnswer {
        item,
        chart,
        figure,
        definitions,
    }
}

/// A finding's count as a workshop screen shows it: `12 of 40 (30%)`, or the count
/// alone when nothing was examined.
pub fn count_of(count: u64, of: u64) -> String {
    if of == 0 {
        format::count(count)
    } else {
        format!(
            "{} of {} ({})",
            format::count(count),
            format::count(of),
            format::share(count, of)
        )
    }
}

/// The 12 items, in order.
pub const ANSWERS: [ItemAnswer; 12] = [
    answer(1, None, None, &["deals", "win_rate", "cycle_time"]),
    answer(
        2,
        None,
        Some("win_rate"),
        &["win_rate", "lead_to_opportunity"],
    ),
    answer(3, None, None, &["qualification_rate"]),
    answer(4, None, None, &["leads"]),
    answer(5, None, None, &["leads"]),
    answer(
        6,
        Some(ids::OWNER_LOAD),
        None,
        &[
            "gini",
            "equal_share",
            "inactive_assignments",
            "account_owner_mismatches",
            "unassigned",
        ],
    ),
    answer(
        7,
        Some(ids::SPEED_BUCKETS),
        Some("sla_compliance"),
        &[
            "first_touch",
            "sla_breach",
            "sla_compliance",
            "within_5m",
            "within_1h",
            "speed_median",
        ],
    ),
    answer(
        8,
        Some(ids::SLA_BY_HOUR),
        Some("late_touch_no_follow_up"),
        &[
            "sla_breach",
            "late_touch_no_follow_up",
            "night_breaches",
            "sla_after_hours_share",
        ],
    ),
    answer(9, None, None, &["first_touch"]),
    answer(10, None, None, &[]),
    answer(11, None, None, &["lead_to_opportunity"]),
    answer(
        12,
        Some(ids::QUARTERS),
        Some("speed_median"),
        &[
            "period",
            "speed_median",
            "within_1h",
            "qualification_rate",
            "lead_to_opportunity",
            "win_rate",
        ],
    ),
];

/// What answers `item` best; `None` for a number outside 1 to 12.
pub fn answer_for(item: u8) -> Option<&'static ItemAnswer> {
    ANSWERS.iter().find(|a| a.item == item)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::HEADLINE;

    #[test]
    fn every_item_has_one_answer_in_order() {
        let items: Vec<u8> = ANSWERS.iter().map(|a| a.item).collect();
        assert_eq!(items, (1..=12).collect::<Vec<u8>>());
        assert_eq!(answer_for(7).unwrap().chart, Some(ids::SPEED_BUCKETS));
        assert!(answer_for(0).is_none() && answer_for(13).is_none());
    }

    #[test]
    fn every_name_is_a_chart_a_headline_figure_or_a_definition_that_exists() {
        let charts = [
            ids::SPEED_BUCKETS,
            ids::SLA_BY_HOUR,
            ids::OWNER_LOAD,
            ids::RESPONSE_CURVE,
            ids::QUARTERS,
        ];
        for a in &ANSWERS {
            if let Some(c) = a.chart {
                assert!(charts.contains(&c), "item {}: no chart {c}", a.item);
            }
            if let Some(f) = a.figure {
                assert!(HEADLINE.contains(&f), "item {}: no headline {f}", a.item);
            }
            for d in a.definitions {
                assert!(
                    crate::present::definition(d).is_some(),
                    "item {}: no definition {d}",
                    a.item
                );
            }
        }
    }
}
