//! The known truth of score readiness (#15): columns the generator adds to every contact
//! so that how well conversion can be predicted is known in advance.
//!
//! Every contact's outcome is decided by the plan before anything here is drawn. Three
//! fit columns are then drawn from their own random stream, conditioned on that outcome
//! alone (won, or not won): their class-conditional shares below are the generating
//! model. A fourth column, "Lead Form", does not depend on the outcome but shifts
//! between quarters (the drifting feature), and "Lead Status Reason" is written when a
//! lead closes and names its outcome (the leaky column). No existing column, count or
//! outcome changes: the stream is separate and the columns are appended.
//!
//! The attainable AUC is the AUC of the Bayes-optimal score, the likelihood ratio
//! P(x | won) / P(x | lost), over the labelled contacts: computed exactly by
//! enumerating every combination of the planted columns' levels and of the HubSpot
//! Score's values (the score is drawn uniformly above a base that follows the
//! lifecycle stage, so its class-conditional distribution is the mix of those uniform
//! ranges over the labelled contacts' stages).

use std::collections::BTreeMap;

use serde::Serialize;

use super::clock::{self, DAY, Min};
use super::plan::Quarter;

/// A planted fit column: each level with its weight among won and among not-won
/// contacts (weights of a class sum to 100).
pub(crate) struct Planted {
    pub(crate) column: &'static str,
    pub(crate) levels: &'static [(&'static str, u32, u32)],
}

/// The planted fit columns, in the order they are written.
pub(crate) static PLANTED: [Planted; 3] = [
    Planted {
        column: "Buying Role",
        levels: &[
            ("Decision maker", 50, 12),
            ("Influencer", 30, 28),
            ("End user", 12, 35),
            ("Not stated", 8, 25),
        ],
    },
    Planted {
        column: "Budget Confirmed",
        levels: &[("Yes", 55, 15), ("No", 15, 35), ("Not asked", 30, 50)],
    },
    Planted {
        column: "Use Case",
        levels: &[
            ("Forecasting", 40, 20),
            ("Reporting", 30, 30),
            ("Data pipeline", 20, 20),
            ("Exploring", 10, 30),
        ],
    },
];

/// The drifting column: independent of the outcome, its mix moves between quarters.
pub(crate) const DRIFT_COLUMN: &str = "Lead Form";
/// Its levels.
pub(crate) const DRIFT_LEVELS: [&str; 4] = ["Demo request", "Webinar", "Ebook", "Newsletter"];

/// The leaky column: filled when a lead closes, naming how it closed.
pub(crate) const LEAK_COLUMN: &str = "Lead Status Reason";
/// Its values for a lost deal.
pub(crate) const LEAK_LOST: [&str; 3] =
    ["Lost to competitor", "Lost: no budget", "Lost: went dark"];

/// Headers appended to `contacts.csv`.
pub(crate) const HEADERS: [&str; 5] = [
    "Buying Role",
    "Budget Confirmed",
    "Use Case",
    DRIFT_COLUMN,
    LEAK_COLUMN,
];

/// Days after creation before a lead without a won deal counts as lost (as Lead Audit's
/// default maturity window).
pub(crate) const MATURITY_DAYS: u32 = 90;

/// A contact's outcome as the plan decided it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// A linked won deal.
    Won,
    /// A linked lost deal, or no deal and not converted.
    Lost,
    /// An open deal, or converted without a deal: not known yet.
    Open,
}

/// What the attainable AUC needs of one contact.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Row {
    pub(crate) created: Min,
    pub(crate) class: Class,
    /// The base of its HubSpot Score (the score is base + 0..=40), `None` when unscored.
    pub(crate) score_base: Option<u32>,
}

/// The score's random part: uniform in `0..=SCORE_SPAN`.
pub(crate) const SCORE_SPAN: u32 = 40;

/// One level of a planted column, as written to `truth.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelTruth {
    pub value: String,
    /// Its share among won contacts.
    pub share_won: f64,
    /// Its share among contacts not won.
    pub share_not_won: f64,
    /// share_won / share_not_won.
    pub likelihood_ratio: f64,
}

/// A planted column's generating model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeatureTruth {
    pub column: String,
    pub levels: Vec<LevelTruth>,
}

/// The contacts by their planned outcome, with Lead Audit's default maturity window
/// (Lead Audit itself may read a few differently: it sees only the files).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LabelTruth {
    pub won: u64,
    pub lost: u64,
    pub open: u64,
    pub young: u64,
}

/// The drifting column between two quarters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DriftTruth {
    pub column: String,
    pub from: String,
    pub to: String,
    pub shares_from: BTreeMap<String, f64>,
    pub shares_to: BTreeMap<String, f64>,
    /// The population stability index of the generating shares.
    pub psi: f64,
}

/// The leaky column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeakTruth {
    pub column: String,
    pub why: String,
}

/// The `readiness` block of `truth.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadinessTruth {
    /// The newest creation date: ages are counted to it.
    pub as_of: String,
    pub maturity_days: u32,
    pub labels: LabelTruth,
    /// The Bayes-optimal AUC (won against lost) from the planted columns and the
    /// HubSpot Score together.
    pub attainable_auc: f64,
    /// From the planted columns alone.
    pub attainable_auc_planted: f64,
    /// From the HubSpot Score alone.
    pub attainable_auc_score: f64,
    pub how: String,
    pub features: Vec<FeatureTruth>,
    pub leaky_column: LeakTruth,
    pub drifting_feature: DriftTruth,
}

/// The Lead Form mix of a quarter (weights summing to 100).
pub(crate) fn drift_mix(q: &Quarter) -> [u32; 4] {
    q.lead_form_mix
}

/// The Lead Status Reason of a contact: the deal's outcome, or for a lead that never
/// converted, how it was closed out; empty while the lead is open.
pub(crate) fn leak_value(class: Class, converted: bool, status: &str, pick: usize) -> &'static str {
    match class {
        Class::Won => "Closed won",
        Class::Lost if converted => LEAK_LOST[pick % LEAK_LOST.len()],
        Class::Lost => match status {
            "UNQUALIFIED" => "Disqualified",
            "BAD_TIMING" => "Not interested",
            _ => "",
        },
        Class::Open => "",
    }
}

fn shares(weights: &[u32]) -> Vec<f64> {
    let total: u32 = weights.iter().sum();
    weights
        .iter()
        .map(|&w| f64::from(w) / f64::from(total))
        .collect()
}

/// The AUC of the likelihood-ratio score over cells, each with its probability among
/// positives and among negatives: P(LR(x+) > LR(x−)) + ½ P(tie).
pub(crate) fn bayes_auc(cells: &[(f64, f64)]) -> f64 {
    let ratio = |(p, q): (f64, f64)| if q > 0.0 { p / q } else { f64::INFINITY };
    let mut cells: Vec<(f64, f64)> = cells
        .iter()
        .copied()
        .filter(|(p, q)| *p > 0.0 || *q > 0.0)
        .collect();
    cells.sort_by(|a, b| ratio(*a).total_cmp(&ratio(*b)));
    let (mut auc, mut below, mut i) = (0.0, 0.0, 0);
    while i < cells.len() {
        let lr = ratio(cells[i]);
        let mut j = i;
        let (mut pos, mut neg) = (0.0, 0.0);
        while j < cells.len() {
            let r = ratio(cells[j]);
            let same = r == lr || (lr.is_finite() && (r - lr).abs() <= 1e-9 * lr.abs());
            if !same {
                break;
            }
            pos += cells[j].0;
            neg += cells[j].1;
            j += 1;
        }
        auc += pos * (below + neg / 2.0);
        below += neg;
        i = j;
    }
    let (tp, tn): (f64, f64) = cells
        .iter()
        .fold((0.0, 0.0), |(a, b), (p, q)| (a + p, b + q));
    auc / (tp * tn)
}

/// The planted columns' joint distribution: (P | won, P | not won) of every combination.
fn planted_cells() -> Vec<(f64, f64)> {
    let mut cells = vec![(1.0, 1.0)];
    for f in &PLANTED {
        let won = shares(&f.levels.iter().map(|l| l.1).collect::<Vec<_>>());
        let not = shares(&f.levels.iter().map(|l| l.2).collect::<Vec<_>>());
        cells = cells
            .iter()
            .flat_map(|&(p, q)| won.iter().zip(&not).map(move |(a, b)| (p * a, q * b)))
            .collect();
    }
    cells
}

/// The HubSpot Score's distribution among the labelled won and lost contacts: a missing
/// score, or each value from 0 to 140.
fn score_cells(rows: &[&Row]) -> Vec<(f64, f64)> {
    const MISSING: usize = 141;
    let mut dist = [[0.0f64; MISSING + 1]; 2];
    let mut totals = [0.0f64; 2];
    for r in rows {
        let c = usize::from(r.class != Class::Won);
        totals[c] += 1.0;
        match r.score_base {
            None => dist[c][MISSING] += 1.0,
            Some(b) => {
                for s in b..=b + SCORE_SPAN {
                    dist[c][s as usize] += 1.0 / f64::from(SCORE_SPAN + 1);
                }
            }
        }
    }
    (0..=MISSING)
        .map(|s| (dist[0][s] / totals[0], dist[1][s] / totals[1]))
        .collect()
}

/// The `readiness` block of `truth.json`, from every contact written.
pub(crate) fn truth(rows: &[Row], quarters: &[&Quarter]) -> ReadinessTruth {
    let as_of = rows.iter().map(|r| r.created).max().unwrap_or(0);
    let mature = |r: &Row| as_of - r.created >= MATURITY_DAYS * DAY;
    let mut labels = LabelTruth {
        won: 0,
        lost: 0,
        open: 0,
        young: 0,
    };
    for r in rows {
        match (mature(r), r.class) {
            (false, _) => labels.young += 1,
            (true, Class::Won) => labels.won += 1,
            (true, Class::Lost) => labels.lost += 1,
            (true, Class::Open) => labels.open += 1,
        }
    }
    let labelled: Vec<&Row> = rows
        .iter()
        .filter(|r| mature(r) && r.class != Class::Open)
        .collect();
    let planted = planted_cells();
    let score = score_cells(&labelled);
    let both: Vec<(f64, f64)> = score
        .iter()
        .flat_map(|&(p, q)| planted.iter().map(move |&(a, b)| (p * a, q * b)))
        .collect();
    let features = PLANTED
        .iter()
        .map(|f| {
            let won = shares(&f.levels.iter().map(|l| l.1).collect::<Vec<_>>());
            let not = shares(&f.levels.iter().map(|l| l.2).collect::<Vec<_>>());
            FeatureTruth {
                column: f.column.to_owned(),
                levels: f
                    .levels
                    .iter()
                    .zip(won.iter().zip(&not))
                    .map(|(l, (&a, &b))| LevelTruth {
                        value: l.0.to_owned(),
                        share_won: a,
                        share_not_won: b,
                        likelihood_ratio: a / b,
                    })
                    .collect(),
            }
        })
        .collect();
    let [.., older, newest] = quarters else {
        unreachable!("at least two quarters are written")
    };
    let mix = |q: &Quarter| -> BTreeMap<String, f64> {
        DRIFT_LEVELS
            .iter()
            .zip(shares(&drift_mix(q)))
            .map(|(l, s)| ((*l).to_owned(), s))
            .collect()
    };
    let (from, to) = (mix(older), mix(newest));
    let psi = from
        .iter()
        .map(|(l, &a)| {
            let b = to[l];
            (b - a) * (b / a).ln()
        })
        .sum();
    ReadinessTruth {
        as_of: clock::fmt(|s| clock::iso_date(as_of / DAY, s)),
        maturity_days: MATURITY_DAYS,
        labels,
        attainable_auc: bayes_auc(&both),
        attainable_auc_planted: bayes_auc(&planted),
        attainable_auc_score: bayes_auc(&score),
        how: format!(
            "Each contact's outcome is decided first; {} are then drawn from their own random stream with the shares below, given only whether the contact was won. The attainable AUC is that of the Bayes-optimal score (P(x | won) / P(x | lost)) over the contacts labelled won or lost ({MATURITY_DAYS} days after creation, ages counted to the newest creation date), computed exactly over every combination of those columns and of the HubSpot Score, whose values are uniform over {} above a base set by the lifecycle stage.",
            PLANTED
                .iter()
                .map(|f| format!("\"{}\"", f.column))
                .collect::<Vec<_>>()
                .join(", "),
            SCORE_SPAN + 1,
        ),
        features,
        leaky_column: LeakTruth {
            column: LEAK_COLUMN.to_owned(),
            why: "filled when a lead closes: \"Closed won\" on every won contact, a loss reason (\"Lost to competitor\", …) on lost deals, \"Disqualified\" or \"Not interested\" on leads closed out; empty while open".to_owned(),
        },
        drifting_feature: DriftTruth {
            column: DRIFT_COLUMN.to_owned(),
            from: older.key.to_owned(),
            to: newest.key.to_owned(),
            shares_from: from,
            shares_to: to,
            psi,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bayes_auc_of_known_cells() {
        // One binary feature: P(yes | +) = 0.8, P(yes | −) = 0.2.
        // AUC = P(+ yes) P(− no) + ½ (P(+ yes) P(− yes) + P(+ no) P(− no)) = 0.64 + ½ 0.32.
        let auc = bayes_auc(&[(0.8, 0.2), (0.2, 0.8)]);
        assert!((auc - (0.8 * 0.8 + 0.5 * (0.8 * 0.2 + 0.2 * 0.8))).abs() < 1e-12);
        // No signal: 0.5.
        assert!((bayes_auc(&[(0.3, 0.3), (0.7, 0.7)]) - 0.5).abs() < 1e-12);
        // Perfect separation: 1.
        assert!((bayes_auc(&[(1.0, 0.0), (0.0, 1.0)]) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn planted_shares_are_distributions() {
        for f in &PLANTED {
            assert_eq!(
                f.levels.iter().map(|l| l.1).sum::<u32>(),
                100,
                "{}",
                f.column
            );
            assert_eq!(
                f.levels.iter().map(|l| l.2).sum::<u32>(),
                100,
                "{}",
                f.column
            );
        }
        let cells = planted_cells();
        let (p, q) = cells
            .iter()
            .fold((0.0, 0.0), |(a, b), (x, y)| (a + x, b + y));
        assert!((p - 1.0).abs() < 1e-12 && (q - 1.0).abs() < 1e-12);
    }

    #[test]
    fn the_leak_names_the_outcome_only_once_closed() {
        use leadaudit::readiness::rules::names_outcome;
        assert!(names_outcome(leak_value(Class::Won, true, "OPEN_DEAL", 0)));
        for pick in 0..3 {
            assert!(names_outcome(leak_value(
                Class::Lost,
                true,
                "OPEN_DEAL",
                pick
            )));
        }
        assert!(names_outcome(leak_value(
            Class::Lost,
            false,
            "UNQUALIFIED",
            0
        )));
        assert!(names_outcome(leak_value(
            Class::Lost,
            false,
            "BAD_TIMING",
            0
        )));
        assert_eq!(leak_value(Class::Open, true, "OPEN_DEAL", 0), "");
        assert_eq!(leak_value(Class::Lost, false, "CONNECTED", 0), "");
    }
}
