//! What happens to one record over the quarter: its touches, follow-ups, meeting, intent
//! signals and replies (as activities), when its deal was created, and the lifecycle stage
//! and lead status it ends with.

use crate::SynthError;
use crate::clock::{self, DAY, Min};
use crate::data::{HANNAH, NO_OWNER};
use crate::plan::{self, Conv, DealFlag, DealPlan, Outcome, Rec, Role, Signal};
use crate::rng::Rng;

/// Activity types as HubSpot exports them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    Call,
    Email,
    Meeting,
    Note,
    FormSubmission,
    PageView,
}

impl Kind {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Kind::Call => "CALL",
            Kind::Email => "EMAIL",
            Kind::Meeting => "MEETING",
            Kind::Note => "NOTE",
            Kind::FormSubmission => "FORM_SUBMISSION",
            Kind::PageView => "PAGE_VIEW",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Dir {
    Outbound,
    Inbound,
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Act {
    pub(super) t: Min,
    pub(super) kind: Kind,
    pub(super) dir: Dir,
    pub(super) owner: u8,
}

/// A minute in `[lo, hi)`, or `lo` when the range is empty.
fn between(rng: &mut Rng, lo: Min, hi: Min) -> Min {
    if hi <= lo + 1 {
        lo
    } else {
        lo + rng.below(u64::from(hi - lo)) as Min
    }
}

/// Moves `t` into business hours (the next morning) when it falls outside them.
fn snap(rng: &mut Rng, t: Min) -> Min {
    if clock::is_business(t) {
        t
    } else {
        clock::next_morning(t) + rng.range(0, 150)
    }
}

/// What happened to one record over the quarter.
pub(super) struct Life {
    pub(super) acts: Vec<Act>,
    /// Minutes from creation to the first touch.
    pub(super) delay: Option<Min>,
    pub(super) deal_created: Option<Min>,
}

/// Builds a record's activities (and, for a converter, when its deal was created).
pub(super) fn life(q: &plan::Quarter, r: &Rec, rng: &mut Rng) -> Result<Life, SynthError> {
    let export = q.export();
    let c = r.created;
    let owner = r.owner;
    let has_deal = matches!(r.conv, Conv::Deal(_));
    let mut acts: Vec<Act> = Vec::new();
    if !r.role.touched() {
        let deal_created = if r.role == Role::WonNoActivity {
            let x = rng.range(2 * DAY, 10 * DAY);
            let d = snap(rng, c + x);
            Some(if d >= export {
                between(rng, c + 1, export)
            } else {
                d
            })
        } else {
            None
        };
        return Ok(Life {
            acts,
            delay: None,
            deal_created,
        });
    }
    let away = |t: Min| owner == HANNAH && q.hannah_away(clock::day(t));
    let avail = |rng: &mut Rng, t: Min| {
        if away(t) {
            q.hannah_back() + rng.range(0, 180)
        } else {
            t
        }
    };
    let out = |t: Min, kind: Kind| Act {
        t,
        kind,
        dir: Dir::Outbound,
        owner,
    };
    // The first touch.
    let mut t1 = match r.role {
        Role::Night => clock::next_morning(c) + rng.range(0, 150),
        Role::VacationWait => q.hannah_back() + rng.range(0, 240),
        Role::SingleTouch => {
            let x = rng.range(90, DAY);
            snap(rng, c + x)
        }
        _ if clock::is_business(c) => match r.speed {
            0 => c + rng.range(1, 5),
            1 => c + rng.range(6, 59),
            2 => {
                let x = rng.range(61, 600);
                snap(rng, c + x)
            }
            _ => {
                let mut d = clock::day(c) + rng.range(1, 4);
                while clock::is_weekend_day(d) {
                    d += 1;
                }
                clock::at(d, 8, 0) + rng.range(0, 599)
            }
        },
        _ => clock::next_morning(c) + rng.range(0, 150),
    };
    t1 = avail(rng, t1);
    if t1 + 5 >= export {
        t1 = c + (export - c) / 3;
    }
    let first_kind = if rng.chance(0.55) {
        Kind::Call
    } else {
        Kind::Email
    };
    acts.push(out(t1, first_kind));
    if r.role == Role::TouchBefore {
        acts.push(out(c - rng.range(15, 600), Kind::Call));
    }
    // Follow-ups.
    if r.role != Role::SingleTouch {
        let n = rng.range(1, 3);
        let mut prev = t1;
        for i in 0..n {
            let x = rng.range(180, 3 * DAY);
            let y = snap(rng, prev + x);
            let mut t = avail(rng, y);
            if t >= export {
                if i > 0 {
                    break;
                }
                t = between(rng, prev + 1, export);
            }
            let kind = if rng.chance(0.5) {
                Kind::Call
            } else {
                Kind::Email
            };
            acts.push(out(t, kind));
            prev = t;
        }
    }
    // A meeting, and the deal, for converters.
    let mut deal_created = None;
    if r.conv != Conv::None {
        let x = rng.range(DAY, 6 * DAY);
        let y = snap(rng, t1 + x);
        let mut m = avail(rng, y);
        if m + 2 >= export {
            m = between(rng, t1 + 1, export - 1);
        }
        acts.push(out(m, Kind::Meeting));
        if has_deal {
            let x = rng.range(30, 3 * DAY);
            let mut d = snap(rng, m + x);
            if d >= export {
                d = between(rng, m + 1, export);
            }
            deal_created = Some(d);
        }
    }
    // Intent signals.
    if r.signal != Signal::None {
        let kind = if rng.chance(0.65) {
            Kind::PageView
        } else {
            Kind::FormSubmission
        };
        let s = if r.signal == Signal::Followed {
            let d = (clock::day(t1) + rng.range(1, 20)).min(q.last_day);
            let mut s = clock::at(d, 8, 0) + rng.range(0, 510);
            if s <= t1 {
                s = t1 + 1;
            }
            if away(s) {
                s = q.hannah_back() + rng.range(0, 240);
            }
            if s + 3 >= export {
                s = between(rng, t1 + 1, export - 3);
            }
            let touch = (s + rng.range(2, 45)).min(export - 1);
            let k = if rng.chance(0.6) {
                Kind::Call
            } else {
                Kind::Email
            };
            acts.push(out(touch, k));
            s
        } else {
            let mut times: Vec<Min> = acts
                .iter()
                .filter(|a| a.dir == Dir::Outbound && a.t >= c)
                .map(|a| a.t)
                .collect();
            times.sort_unstable();
            let last = *times.last().expect("a touched record has a touch");
            if export > last + 2 {
                last + 1 + rng.below(u64::from((export - last - 2).min(5 * DAY))) as Min
            } else {
                // A quiet hour between two touches (after the first one).
                let mut found = None;
                let mut prev = times[0];
                for &t in &times[1..] {
                    if t >= prev + 63 {
                        found = Some(prev + 1 + rng.below(u64::from(t - prev - 62)) as Min);
                        break;
                    }
                    prev = t;
                }
                found.ok_or_else(|| SynthError::Mismatch {
                    scope: q.key.into(),
                    details: "no room for an unanswered intent signal".into(),
                })?
            }
        };
        acts.push(Act {
            t: s,
            kind,
            dir: Dir::Inbound,
            owner: NO_OWNER,
        });
    }
    // Notes after calls, replies to emails (neither is a touch).
    let mut extra = Vec::new();
    for a in &acts {
        if a.dir != Dir::Outbound {
            continue;
        }
        if a.kind == Kind::Call && rng.chance(0.3) {
            let t = a.t + rng.range(1, 10);
            if t < export {
                extra.push(Act {
                    t,
                    kind: Kind::Note,
                    dir: Dir::None,
                    owner,
                });
            }
        } else if a.kind == Kind::Email && rng.chance(0.2) {
            let t = a.t + rng.range(30, DAY);
            if t < export {
                extra.push(Act {
                    t,
                    kind: Kind::Email,
                    dir: Dir::Inbound,
                    owner,
                });
            }
        }
    }
    acts.extend(extra);
    acts.sort();
    Ok(Life {
        acts,
        delay: Some(t1 - c),
        deal_created,
    })
}

/// Lifecycle stage and lead status of a record.
pub(super) fn stages(
    r: &Rec,
    deal: Option<&DealPlan>,
    delay: Option<Min>,
    rng: &mut Rng,
) -> (&'static str, &'static str) {
    const SUB: &str = "Subscriber";
    const LEAD: &str = "Lead";
    const MQL: &str = "Marketing Qualified Lead";
    const SQL: &str = "Sales Qualified Lead";
    const OPP: &str = "Opportunity";
    const CUST: &str = "Customer";
    const OTHER: &str = "Other";
    match r.conv {
        Conv::Deal(_) => {
            let d = deal.expect("a converter's deal");
            let life = match (d.outcome, d.flag) {
                (Outcome::Won, DealFlag::OutcomeNotOnLead) => OPP,
                (Outcome::Won, _) => CUST,
                _ => OPP,
            };
            return (life, "OPEN_DEAL");
        }
        Conv::NoDeal => {
            return (if rng.chance(0.7) { OPP } else { CUST }, "OPEN_DEAL");
        }
        Conv::None => {}
    }
    match r.role {
        Role::NeverPlain => {
            let life = *rng.pick(&[SUB, SUB, LEAD, LEAD, LEAD, LEAD, LEAD, MQL, MQL, MQL]);
            (life, if rng.chance(0.6) { "NEW" } else { "OPEN" })
        }
        Role::NeverInactive | Role::NeverUnassigned => {
            (if rng.chance(0.7) { LEAD } else { MQL }, "NEW")
        }
        Role::ContactedNoActivity => (
            *rng.pick(&[LEAD, LEAD, MQL, MQL, SQL]),
            *rng.pick(&["ATTEMPTED_TO_CONTACT", "CONNECTED", "IN_PROGRESS"]),
        ),
        Role::WonNoActivity => (CUST, "OPEN_DEAL"),
        Role::SingleTouch => (
            if rng.chance(0.7) { LEAD } else { MQL },
            "ATTEMPTED_TO_CONTACT",
        ),
        _ => {
            let delay = delay.unwrap_or(u32::MAX);
            let p_qualified = match delay {
                0..=5 => 0.55,
                6..=60 => 0.42,
                61..=1440 => 0.30,
                _ => 0.22,
            };
            let status = match rng.weighted(&[30, 20, 20, 20, 10]) {
                0 => "ATTEMPTED_TO_CONTACT",
                1 => "CONNECTED",
                2 => "IN_PROGRESS",
                3 => "UNQUALIFIED",
                _ => "BAD_TIMING",
            };
            let life = if rng.chance(p_qualified) {
                if rng.chance(0.6) { MQL } else { SQL }
            } else if status == "UNQUALIFIED" && rng.chance(0.5) {
                OTHER
            } else {
                LEAD
            };
            (life, status)
        }
    }
}
