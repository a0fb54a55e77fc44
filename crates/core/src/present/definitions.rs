//! What every figure and term means, in words a reader can check the numbers against:
//! the PDF's appendix, the app's definitions and the workshop's presenter notes read
//! them from here.

use serde::Serialize;

/// What a figure or a term means, in words a reader of the scorecard or the app can
/// check the numbers against. Every figure in [`super::FIGURES`] has one (same id); a few terms
/// used around them (first touch, "not reached", ...) have their own.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Definition {
    /// The figure's id in [`super::FIGURES`], or the term's own id.
    pub id: &'static str,
    /// The figure's label (see [`super::FIGURES`]) or the term.
    pub term: &'static str,
    pub text: &'static str,
}

const fn def(id: &'static str, term: &'static str, text: &'static str) -> Definition {
    Definition { id, term, text }
}

/// The definitions, in the order a reader needs them: the terms first, then the figures
/// in the order of [`super::FIGURES`]. This is the one place their wording lives; the PDF's
/// appendix and the app read it from here.
pub const DEFINITIONS: &[Definition] = &[
    def(
        "first_touch",
        "First touch",
        "The lead's first-touch time when the export has one at or after the lead was created; otherwise its earliest outbound call, email or meeting at or after creation. Inbound calls and emails, notes, tasks, form fills, page views and email opens never count. A touch logged before the lead existed never counts either: it is reported as a hygiene problem.",
    ),
    def(
        "not_reached",
        "Not reached",
        "A speed-to-lead median or percentile that falls among the leads nobody ever contacted. Those leads count as the slowest of all, so the figure has no number; it is never shown as 0.",
    ),
    def(
        "not_available",
        "Not available",
        "The exports do not hold what a figure needs (no deals file, no lead created in the period, no closed deal...). The reason is shown instead of a number, never a 0.",
    ),
    def(
        "period",
        "Period and quarters",
        "The figures cover the leads created in the audited period and the deals whose close date falls in it. Per quarter, leads count in the quarter they were created, deals in the quarter they closed. Days and hours are read on the clock of the workspace's time zone.",
    ),
    def(
        "response_curve",
        "Response-time curve",
        "The leads split by how fast they were first touched (within 5 minutes, 30 minutes, 1 hour, 24 hours, later, never) and, for each group, the share that qualified and the share that became an opportunity: your own version of the published five-minute finding. A small group gives a shaky rate, so each group's size is shown.",
    ),
    def(
        "sla_breach",
        "SLA breach",
        "A lead first touched later than the SLA target of the settings (the target for its priority where one is set), or never touched. Breaches by hour of week place each breach at the hour its lead was created.",
    ),
    def(
        "equal_share",
        "Equal share",
        "What each owner would receive if the leads (or, without a leads file, the deals) were spread evenly: the total divided by the number of owners who have at least one.",
    ),
    def(
        "leads",
        "Leads",
        "Leads or contacts created in the period, whatever happened to them afterwards.",
    ),
    def(
        "deals",
        "Deals closed",
        "Deals whose close date falls in the period (for the whole export: every deal), including open deals expected to close in it.",
    ),
    def(
        "speed_median",
        "Speed-to-lead, median",
        "The time from a lead's creation to its first touch, for the lead in the middle when all leads created in the period are lined up from fastest to slowest. Leads never contacted stay in the line as the slowest; when the middle falls among them the median is not reached. Medians and percentiles interpolate between neighbours, as a spreadsheet's MEDIAN does; clock time, nights and weekends included.",
    ),
    def(
        "speed_p90",
        "Speed-to-lead, 90th percentile",
        "The time within which nine leads in ten were first touched, counted like the median. Not reached when more than one lead in ten was never contacted.",
    ),
    def(
        "speed_median_business",
        "Speed-to-lead, median in business hours",
        "The median again, counting only the minutes inside the business hours of the settings: a lead created on Friday at 18:00 and touched on Monday at 09:30 waited 30 business minutes.",
    ),
    def(
        "within_5m",
        "Contacted within 5 minutes",
        "Leads first touched within 5 minutes of creation, as a share of all leads created in the period; the never-contacted stay in the denominator.",
    ),
    def(
        "within_1h",
        "Contacted within 1 hour",
        "Leads first touched within an hour of creation, as a share of all leads created in the period.",
    ),
    def(
        "within_24h",
        "Contacted within 24 hours",
        "Leads first touched within 24 hours of creation, as a share of all leads created in the period.",
    ),
    def(
        "never_contacted",
        "Never contacted",
        "Leads created in the period with no first touch at or after creation, as a share of all of them.",
    ),
    def(
        "sla_compliance",
        "Within the SLA target",
        "Leads first touched within the SLA target, as a share of the leads whose speed can be judged (clock time).",
    ),
    def(
        "sla_after_hours_share",
        "SLA breaches after hours",
        "Of the SLA breaches, the share whose lead was created outside business hours.",
    ),
    def(
        "never_contacted_breaches",
        "SLA breaches never contacted",
        "SLA breaches whose lead was never contacted at all.",
    ),
    def(
        "late_touch_no_follow_up",
        "Late touches never followed up",
        "SLA breaches whose lead was first touched after its target and never touched again: a miss nobody came back to, the sign of an SLA nobody owns (item 8). Needs activities linked to the leads.",
    ),
    def(
        "night_breaches",
        "SLA breaches at night",
        "SLA breaches of leads created between 00:00 and 04:59 local time, the 2 a.m. problem: leads that wait for the morning unless someone owns the night (item 8).",
    ),
    def(
        "qualification_rate",
        "Qualification rate",
        "Leads whose status or lifecycle stage is one of the qualified statuses of the settings (MQL, SQL, SAL...), divided by all leads created in the period.",
    ),
    def(
        "lead_to_opportunity",
        "Lead to opportunity",
        "Leads converted, or linked to a deal, divided by all leads created in the period.",
    ),
    def(
        "lead_to_won",
        "Lead to won",
        "Leads linked to a won deal, divided by all leads created in the period.",
    ),
    def(
        "win_rate",
        "Win rate",
        "Won deals divided by won and lost deals, among the deals closed in the period; open deals do not count.",
    ),
    def(
        "cycle_time",
        "Sales cycle, median",
        "For won deals closed in the period, the median number of days from the deal's creation (else its lead's) to its close date; a deal won on the day it was created counts 0 days. Deals closed before they were created are left out and counted.",
    ),
    def(
        "gini",
        "Unevenness of lead routing (Gini)",
        "How unevenly leads (or deals, without a leads file) are spread over the owners who have at least one: 0 when everyone has the same, towards 1 when one owner has nearly everything.",
    ),
    def(
        "inactive_assignments",
        "Leads routed to inactive owners",
        "Leads assigned to an owner who was not working then: marked inactive in the roster, out of office that day, or with no outbound activity in the days before (the inactivity window of the settings).",
    ),
    def(
        "account_owner_mismatches",
        "Leads routed away from the account owner",
        "Leads whose company already has an owner (the accounts file, else the owner of the company's latest deal) who is not the lead's owner.",
    ),
    def(
        "unassigned",
        "Unassigned leads",
        "Leads with no owner, or a placeholder such as \"N/A\" in its place.",
    ),
];

/// The definition of a figure or term.
pub fn definition(id: &str) -> Option<&'static Definition> {
    DEFINITIONS.iter().find(|d| d.id == id)
}
