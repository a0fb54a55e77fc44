//! What each of the 12 items is, in our own words: the question it answers, why it
//! matters, what "in place" looks like, and which inputs its evidence needs.

use serde::Serialize;

use crate::ingest::Kind;

/// What a check reads besides the person's answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    /// A file of this kind.
    File(Kind),
    /// Something only a person can tell (an owner, a written rule).
    Person,
}

/// The description of one checklist item.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// 1 to 12.
    pub item: u8,
    /// A stable identifier, e.g. `closed_won_hygiene`.
    pub id: &'static str,
    pub title: &'static str,
    /// The question the item answers.
    pub question: &'static str,
    /// Why it matters to an AI qualification and routing rollout.
    pub why: &'static str,
    /// What the item looks like when it is in place.
    pub in_place: &'static str,
    /// What the evidence is computed from.
    pub needs: &'static [Need],
    /// One of the five items whose absence means "fix the foundations first".
    pub foundation: bool,
    /// A named owner is required before the item can be graded in place.
    pub needs_owner: bool,
}

use Need::{File, Person};

/// The 12 items, in order.
pub const ITEMS: [Meta; 12] = [
    Meta {
        item: 1,
        id: "closed_won_hygiene",
        title: "Closed-won data hygiene",
        question: "Is the deal history a score would learn from complete and consistent?",
        why: "A scoring model learns what a good lead looks like from past wins and losses. Deals without an outcome, a reason, an owner or a believable date teach it the wrong lesson, and it then ranks new leads with misplaced confidence.",
        in_place: "Every closed deal carries one of a few agreed stage labels, an outcome, a close reason, an owner and dates that make sense; a spot check of the latest 20 closed deals finds nothing missing.",
        needs: &[File(Kind::Deals)],
        foundation: true,
        needs_owner: false,
    },
    Meta {
        item: 2,
        id: "won_loss_sync",
        title: "Won-loss sync to the CRM",
        question: "Do wins and losses reach the lead and contact records the model learns from?",
        why: "If deals close in one place and the outcome never lands on the lead, the model only ever sees half the story, often only the wins, and cannot tell a good lead from a bad one.",
        in_place: "Both won and lost outcomes exist, and every closed deal's outcome is visible on its linked lead or contact (converted, customer, or closed-lost status).",
        needs: &[File(Kind::Deals), File(Kind::Leads)],
        foundation: true,
        needs_owner: false,
    },
    Meta {
        item: 3,
        id: "fit_engagement_split",
        title: "Fit vs engagement split",
        question: "Are profile fit and buying intent scored as two separate numbers?",
        why: "One blended score hides the two cases routing most needs to tell apart: a good-fit company that has not engaged yet (nurture it) and a very active visitor who will never buy (filter it).",
        in_place: "Leads carry a fit score and an engagement score, and each one separates leads that convert from leads that do not.",
        needs: &[File(Kind::Leads)],
        foundation: false,
        needs_owner: false,
    },
    Meta {
        item: 4,
        id: "enrichment_before_scoring",
        title: "Enrichment before scoring",
        question: "Is a record complete enough to judge its fit before it is scored?",
        why: "A fit score built on an empty industry, size or role field is a guess. Enrichment has to run before scoring, or the score measures missing data.",
        in_place: "Company, domain, industry, size, role and country are filled in with real values (not placeholders like \"Select\" or \"N/A\") for nearly every lead, and no lead is scored while those fields are empty.",
        needs: &[File(Kind::Leads)],
        foundation: false,
        needs_owner: false,
    },
    Meta {
        item: 5,
        id: "dedupe_identity",
        title: "Dedupe and identity",
        question: "Is one buyer one record?",
        why: "Duplicates split a buyer's engagement across records, route the same person twice and send two reps after one prospect, so both the score and the routing lie.",
        in_place: "Records are matched on normalised email, phone and name within a company before scoring and routing; duplicates are rare and never split across owners.",
        needs: &[File(Kind::Leads)],
        foundation: true,
        needs_owner: false,
    },
    Meta {
        item: 6,
        id: "routing_fairness",
        title: "Routing fairness",
        question: "Does assignment follow who is available, who owns the account and who has room?",
        why: "Rotations that keep feeding reps who are away or gone, ignore account ownership or have no capacity cap let leads go cold and teach reps to route around the system.",
        in_place: "Leads spread evenly across active owners, nobody away or inactive receives leads, nobody runs over capacity, named accounts go to their owner, and no lead is left unassigned.",
        needs: &[File(Kind::Leads), File(Kind::Owners)],
        foundation: false,
        needs_owner: false,
    },
    Meta {
        item: 7,
        id: "response_sla",
        title: "Response SLA with a clock",
        question: "Is there a written speed-to-lead target, and is it met?",
        why: "Speed is the whole case for AI qualification: published research finds a contact within 5 minutes far more likely to qualify than one after 30 (MIT/InsideSales), while the average B2B response takes about 42 hours. Without a number, fast drifts back to slow.",
        in_place: "A written target (such as 5 minutes for high-priority leads) is met for the large majority of leads, at night and at weekends too.",
        needs: &[File(Kind::Leads), File(Kind::Activities)],
        foundation: false,
        needs_owner: false,
    },
    Meta {
        item: 8,
        id: "sla_owner",
        title: "A named SLA owner",
        question: "Does one named person own every missed response?",
        why: "A target nobody owns is a wish: when it breaks at 2 a.m. or a rule sends a hot lead to a dead queue, somebody has to see it and fix the rule.",
        in_place: "One named person is accountable for SLA misses, is alerted when they happen, and has fixed the rules behind them; no breached lead is left without a follow-up.",
        needs: &[Person, File(Kind::Leads), File(Kind::Activities)],
        foundation: true,
        needs_owner: true,
    },
    Meta {
        item: 9,
        id: "behavioural_triggers",
        title: "Behavioural triggers",
        question: "Does new buying intent re-score and re-route a lead while it is hot?",
        why: "A score stamped once at form-fill misses the moment a lead comes back, reads the pricing page or asks for a demo, which is exactly when speed pays most.",
        in_place: "Intent signals (pricing views, demo requests, replies) raise the lead's priority and bring a human or agent touch within the SLA.",
        needs: &[File(Kind::Leads), File(Kind::Activities)],
        foundation: false,
        needs_owner: false,
    },
    Meta {
        item: 10,
        id: "human_escalation",
        title: "Human-escalation rule",
        question: "When does the AI hand a lead to a person?",
        why: "Without a written hand-off rule the AI either acts on cases it should not touch, which costs trust, or everything queues for a human, which costs the speed advantage.",
        in_place: "Written rules send a lead to a named person when the AI is unsure, when the deal is large or strategic, when the request is out of scope, and when the signal is negative or sensitive.",
        needs: &[Person],
        foundation: true,
        needs_owner: true,
    },
    Meta {
        item: 11,
        id: "crm_write_back",
        title: "Full CRM write-back",
        question: "Does every action land on the record, with its context?",
        why: "Calls, emails and meetings that are never logged leave the next person blind and starve the model of tomorrow's training data.",
        in_place: "Every contacted lead and every won deal has its activities logged against the right record and owner; no activity points at a record that does not exist.",
        needs: &[File(Kind::Activities), File(Kind::Leads), File(Kind::Deals)],
        foundation: false,
        needs_owner: false,
    },
    Meta {
        item: 12,
        id: "baseline_and_owner",
        title: "A measured baseline and owner",
        question: "Can you prove the change worked, and who owns the loop?",
        why: "Without this quarter's speed, qualification and conversion figures saved before the rollout, nobody can show what moved, and without an owner the rules go stale.",
        in_place: "This audit's baseline is saved, a named person owns the whole workflow, and each quarter's re-run shows how the figures moved.",
        needs: &[Person],
        foundation: false,
        needs_owner: true,
    },
];

/// The item numbered `item`.
pub fn item(item: u8) -> Option<&'static Meta> {
    ITEMS.iter().find(|m| m.item == item)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_items_in_order_with_unique_ids() {
        for (i, m) in ITEMS.iter().enumerate() {
            assert_eq!(m.item as usize, i + 1);
            assert!(ITEMS[..i].iter().all(|o| o.id != m.id), "{}", m.id);
            assert!(!m.question.is_empty() && !m.why.is_empty() && !m.in_place.is_empty());
        }
        let foundations: Vec<u8> = ITEMS
            .iter()
            .filter(|m| m.foundation)
            .map(|m| m.item)
            .collect();
        assert_eq!(foundations, [1, 2, 5, 8, 10]);
        let owners: Vec<u8> = ITEMS
            .iter()
            .filter(|m| m.needs_owner)
            .map(|m| m.item)
            .collect();
        assert_eq!(owners, [8, 10, 12]);
    }
}
