//! The generated workspace's README: the files, their headers, and every planted problem
//! with its exact count per quarter and the definition that count follows.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::Value;

use super::data::OWNERS;
use super::scoring::{self, ReadinessTruth};
use super::truth::{QuarterTruth, SfTruth};
use super::write::{
    CONTACTS_HEADER, DEALS_HEADER, ENGAGEMENTS_HEADER, OWNERS_HEADER, SF_LEADS_HEADER,
    SF_OPPS_HEADER, thousands,
};
use super::{SynthOptions, TIMEZONE};

/// One row of the planted-problems table: the `truth.json` path of the count (dots between
/// keys), the checklist item, and the definition the count follows.
const ROWS: &[(&str, &str, &str)] = &[
    // Item 1
    (
        "stage_label_variants",
        "1",
        "Closed deals whose `Deal Stage` is not exactly `Closed Won` or `Closed Lost`, by exact label (note the trailing space in `Closed won `). Outcome of a label: lower-case it, drop everything but letters and digits; `closedwon`/`won` is won, `closedlost`/`lost` is lost, anything else is open.",
    ),
    (
        "closed_missing_close_reason",
        "1",
        "Lost deals with an empty `Closed Lost Reason` plus won deals with an empty `Closed Won Reason`.",
    ),
    (
        "lost_missing_close_reason",
        "1",
        "Lost deals with an empty `Closed Lost Reason`.",
    ),
    (
        "won_missing_close_reason",
        "1",
        "Won deals with an empty `Closed Won Reason`.",
    ),
    (
        "closed_missing_owner",
        "1",
        "Closed (won or lost) deals with an empty `Deal owner`.",
    ),
    (
        "deals_without_owner",
        "11",
        "All deals with an empty `Deal owner` (open deals always have one, so this equals the line above).",
    ),
    (
        "won_without_amount",
        "1",
        "Won deals with an empty `Amount`.",
    ),
    (
        "close_before_created",
        "1",
        "Deals whose `Close Date` is before the date of their `Create Date`.",
    ),
    (
        "closed_in_future",
        "1",
        "Closed deals whose `Close Date` is after the export date.",
    ),
    (
        "closed_missing_close_date",
        "1",
        "Closed deals with an empty `Close Date`.",
    ),
    (
        "open_past_close_date",
        "1",
        "Open deals whose `Close Date` is before the export date.",
    ),
    // Item 2
    (
        "outcome_not_on_lead",
        "2",
        "Closed deals linked to a contact in the file whose lifecycle does not show the outcome: won but not `Customer`, or lost but neither `Opportunity` nor `Customer`.",
    ),
    (
        "converted_without_deal",
        "2",
        "Contacts at lifecycle `Opportunity` or `Customer` that no deal's `Associated Contact IDs` points to.",
    ),
    (
        "deal_without_lead",
        "2",
        "Deals whose `Associated Contact IDs` matches no contact of the same quarter's file (the contact was deleted).",
    ),
    // Item 4
    (
        "placeholder_values.Industry",
        "4",
        "Contacts whose `Industry` is a placeholder (case-insensitive, trimmed: select, n/a, na, -, none, unknown, null, test, asdf, .), by exact value. No other column holds a placeholder.",
    ),
    (
        "placeholder_values.Job Title",
        "4",
        "The same for `Job Title`.",
    ),
    (
        "placeholder_values.Company Name",
        "4",
        "The same for `Company Name`.",
    ),
    (
        "label_variants.Original Source",
        "4",
        "Values that differ from a more common value only in case or spacing, by exact value (`organic search` for `Organic Search`, `Paid search` for `Paid Search`).",
    ),
    (
        "label_variants.Industry",
        "4",
        "The same for `Industry` (`technology` for `Technology`, `Financial services` for `Financial Services`).",
    ),
    (
        "industry_unrecognised",
        "4",
        "Industry values that are neither one of the 15 background industries (any case) nor a placeholder: the misspelling `technolgy`.",
    ),
    (
        "free_mail_share.count",
        "4",
        "Contacts whose email domain (lower-cased) is gmail.com, googlemail.com, yahoo.com, outlook.com or hotmail.com …",
    ),
    (
        "free_mail_share.of",
        "4",
        "… out of the contacts with an email address.",
    ),
    (
        "scored_without_firmographics",
        "4",
        "Contacts with a `HubSpot Score` and empty `Company Name`, `Company Domain Name`, `Industry` and `Number of Employees` (their `Country/Region` is empty too). Every other scored contact has all five filled and no placeholder, so the count is the same whether \"without firmographics\" means all or any of them.",
    ),
    // Item 5
    (
        "duplicate_clusters.records",
        "5",
        "Contact records in the file.",
    ),
    (
        "duplicate_clusters.persons",
        "5",
        "Distinct people behind them (ground truth: `persons` in truth.json).",
    ),
    (
        "duplicate_clusters.clusters",
        "5",
        "People with two or more records in the quarter (clusters never span quarters).",
    ),
    (
        "duplicate_clusters.records_in_clusters",
        "5",
        "Records in those clusters.",
    ),
    (
        "duplicate_clusters.duplicate_rate",
        "5",
        "(records − persons) / records, rounded to 6 decimals.",
    ),
    (
        "duplicate_clusters.by_kind.email_case",
        "5",
        "Two records, emails equal but for case (`Jane.Doe@Acme.com` / `jane.doe@acme.com`); a third of the second records also type the name in lower case.",
    ),
    (
        "duplicate_clusters.by_kind.gmail",
        "5",
        "Two Gmail records equal only after Gmail rules: dots removed, googlemail.com read as gmail.com, or both.",
    ),
    (
        "duplicate_clusters.by_kind.plus_tag",
        "5",
        "Two records equal after removing a `+tag` (Gmail, Outlook or a company domain).",
    ),
    (
        "duplicate_clusters.by_kind.phone_format",
        "5",
        "Same name, same company, the second record has no email and the same phone in another format (and source `Offline Sources`).",
    ),
    (
        "duplicate_clusters.by_kind.two_emails",
        "5",
        "Same full name at the same company with two different addresses (a company alias or a personal Yahoo/Hotmail address).",
    ),
    (
        "duplicate_clusters.by_kind.triple",
        "5",
        "Three records: an address, its case variant and its `+tag` variant.",
    ),
    (
        "duplicates_split_across_owners",
        "5",
        "Clusters whose records have two different non-empty `Contact owner`s (\"two reps, one person\").",
    ),
    (
        "false_merge_traps.shared_switchboard_phone",
        "5",
        "Pairs of different people at one company who share one phone number (the switchboard). They must not be merged.",
    ),
    (
        "false_merge_traps.sr_jr",
        "5",
        "Pairs of different people at one company named `… Sr.` and `… Jr.` (e.g. Robert Miles Sr. / Robert Miles Jr.). They must not be merged.",
    ),
    (
        "false_merge_traps.same_name_different_company",
        "5",
        "Pairs of different people with the same full name at two different companies (Michael Brown, Sarah Johnson, …). They must not be merged. Apart from these traps no two people share a full name.",
    ),
    // Item 6
    (
        "assigned_while_out_of_office",
        "6",
        "Contacts owned by a rep whose roster row has an out-of-office range that contains the contact's create date (Hannah Kowalski).",
    ),
    (
        "assigned_to_inactive_owner",
        "6",
        "Contacts owned by a rep whose roster row says `Active` = false (Tom Becker). None of them was ever touched.",
    ),
    (
        "account_owner_mismatches",
        "6",
        "Contacts with an owner, at a company (exact `Company Name` = `Associated Company`) that has a deal in the same file, whose owner differs from the owner of that company's most recent deal that has an owner (latest `Create Date`, then highest deal id). All of them are contacts of the big account, Northwind Logistics (at larger sizes, more accounts like it), routed round robin; the account belongs to Grace Okafor.",
    ),
    (
        "unassigned",
        "6",
        "Contacts with an empty `Contact owner`. None of them was ever touched.",
    ),
    (
        "over_capacity_owners",
        "6",
        "Owners whose open leads (status NEW, OPEN, IN_PROGRESS, ATTEMPTED_TO_CONTACT or CONNECTED) exceed their `Capacity`, or, with no capacity, whose leads exceed twice the median leads per owner (over owners with leads).",
    ),
    // Items 7, 8, 9, 11
    (
        "night_breaches",
        "7",
        "Contacts created 00:00–04:59 New York time whose first touch came more than 60 minutes later (all were touched the next business morning). First touch: the earliest outbound CALL, EMAIL or MEETING at or after the contact's `Create Date`.",
    ),
    (
        "never_contacted",
        "7",
        "Contacts with no outbound CALL, EMAIL or MEETING at or after their `Create Date`: the inactive rep's and the unassigned contacts, those under `contacted_without_activity` and `won_without_activity`, and the rest never touched.",
    ),
    (
        "touched_before_created",
        "7",
        "Contacts with an outbound activity dated before their `Create Date` (a hygiene finding; the first touch is still the earliest one at or after creation).",
    ),
    (
        "breaches_never_followed_up",
        "8",
        "Contacts first touched more than 60 minutes after creation that have no other outbound activity after that first touch. Every other touched contact has at least one follow-up.",
    ),
    (
        "intent_signals",
        "9",
        "PAGE_VIEW (pricing page) and FORM_SUBMISSION (demo request) rows. All fall after the contact's first touch.",
    ),
    (
        "intent_not_followed_up",
        "9",
        "Intent signals with no outbound CALL, EMAIL or MEETING for the same contact within 60 minutes at or after the signal.",
    ),
    (
        "contacted_without_activity",
        "11",
        "Contacts in status ATTEMPTED_TO_CONTACT, CONNECTED or IN_PROGRESS with no activity row at all.",
    ),
    (
        "won_without_activity",
        "11",
        "Won deals whose contact (in the file) has no activity row at all.",
    ),
    (
        "orphan_activities",
        "11",
        "Activity rows whose `Associated Contact ID` matches no contact of the same quarter's file (deleted contacts).",
    ),
];

fn lookup<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    // Keys may contain spaces but never dots.
    let mut cur = v;
    let (first, rest) = path.split_once('.').unwrap_or((path, ""));
    cur = cur.get(first)?;
    if rest.is_empty() {
        return Some(cur);
    }
    // The remaining path is one key when the map's keys contain spaces (e.g. "Job Title").
    if let Some(x) = cur.get(rest) {
        return Some(x);
    }
    lookup(cur, rest)
}

fn show(v: Option<&Value>) -> String {
    match v {
        None => "0".into(),
        Some(Value::Null) => "not reached".into(),
        Some(Value::Number(n)) => match n.as_u64() {
            Some(u) => thousands(u),
            None => n.to_string(),
        },
        Some(Value::Array(a)) => a
            .iter()
            .map(|x| x.as_str().unwrap_or("").to_owned())
            .collect::<Vec<_>>()
            .join(", "),
        Some(Value::Object(m)) => {
            if m.is_empty() {
                "none".into()
            } else {
                m.iter()
                    .map(|(k, v)| format!("`{k}` {}", show(Some(v))))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        }
        Some(other) => other.to_string(),
    }
}

fn header_block(out: &mut String, title: &str, header: &[&str]) {
    let _ = writeln!(out, "{title}:\n\n```\n{}\n```\n", header.join(","));
}

/// The README of a generated workspace.
pub(crate) fn render(
    opts: &SynthOptions,
    contacts: u64,
    quarters: &BTreeMap<String, QuarterTruth>,
    sf: &SfTruth,
    readiness: &ReadinessTruth,
) -> String {
    let mut o = String::new();
    let keys: Vec<&String> = quarters.keys().collect();
    let q2 = &quarters[keys[0]];
    let q3 = &quarters[keys[1]];
    let _ = writeln!(
        o,
        "# Brightwave Analytics: the sample workspace\n\n\
Brightwave Analytics is a fictional B2B software company. This folder holds what its CRM \
would export for two quarters: HubSpot contacts, deals, engagements (activities) and the \
owner roster for 2026Q2 and 2026Q3, and a smaller Salesforce report export synced from the \
third quarter. Every name, company, address and phone number is invented (phone numbers come \
from ranges set aside for fiction: NANP 555-0100 to 555-0199, Ofcom's drama numbers, and the \
like).\n\n\
The background data is clean: no accidental duplicates, placeholders, label variants or \
routing anomalies. On top of it, the problems the 12 checklist items look for are planted \
in exact amounts, listed below, and the third quarter is measurably better than the second.\n\n\
**Do not edit these files by hand.** They are generated, and a test regenerates them and \
checks every byte:\n\n\
```sh\n\
leadaudit synth --out sample-data --seed {seed} --profile {profile} --contacts {contacts}\n\
```\n\n\
Every count in this README and in `truth.json` was recounted from the files as written, and \
generation fails if a recount differs from what was planted.",
        seed = opts.seed,
        profile = opts.profile.name(),
    );
    if keys.len() > 2 {
        let later: Vec<&str> = keys[2..].iter().map(|k| k.as_str()).collect();
        let _ = writeln!(
            o,
            "\nThis folder was written with `--quarters {}`: it also holds {} (one `hubspot-` \
folder each, as many contacts as 2026Q3), for a workspace with more audits to trend. 2026Q4 \
is planted like 2026Q3, 2027Q1 like 2026Q2.",
            keys.len(),
            later.join(" and ")
        );
    }

    let _ = writeln!(o, "## Files\n");
    let _ = writeln!(o, "| file | rows | what |\n| --- | ---: | --- |");
    for (k, q) in quarters {
        let _ = writeln!(
            o,
            "| `{d}/contacts.csv` | {} | contacts created in {k} ({} to {}) |\n\
             | `{d}/deals.csv` | {} | deals of those contacts, plus deals whose contact was deleted |\n\
             | `{d}/engagements.csv` | {} | activities of those contacts up to the export date {} |\n\
             | `{d}/owners.csv` | {} | the roster as it stood at the export |",
            thousands(q.contacts),
            q.period.from,
            q.period.to,
            thousands(q.deals),
            thousands(q.activities),
            q.period.export_date,
            OWNERS.len(),
            d = q.dir,
        );
    }
    let _ = writeln!(
        o,
        "| `salesforce/leads.csv` | {} | Salesforce report export of the leads synced from {} |\n\
         | `salesforce/opportunities.csv` | {} | their opportunities |\n\
         | `truth.json` | | the ground truth: every count below, and the person behind every record |\n\
         | `workspace.toml` | | the workspace descriptor |\n",
        thousands(sf.leads),
        sf.quarter,
        thousands(sf.opportunities),
    );
    let _ = writeln!(
        o,
        "### Conventions\n\n\
- Naive timestamps (`2026-04-03 09:14`) are New York local time ({TIMEZONE}), the HubSpot \
portal's zone; April to September is all daylight saving time. Dates alone: `2026-05-29`.\n\
- Each quarter's HubSpot export holds the contacts created in that quarter (a contact is \
exported once), their deals and their activities up to the export date (the day after the \
quarter). Nothing happens on or after the export date; only close dates lie after it \
(open deals' expected close dates, and the planted `closed_in_future` ones).\n\
- Record IDs are numeric and unique across both quarters; a few were skipped (contacts deleted \
since): the orphan activities and the deals without a lead point to those.\n\
- HubSpot files: UTF-8 without BOM, `\\n` line ends. Salesforce files: UTF-8 with a BOM, \
`\\r\\n` line ends, US dates (`7/14/2026 2:30 PM`, `7/20/2026`), `1`/`0` booleans, and \
Salesforce's report footer after the rows ({} lines: a blank line, `\"Grand Totals (N \
records)\"`, a blank line, the confidentiality and copyright notices, `\"Generated By: …\"` and \
the company name).\n\
- Activities: `Direction` is `Outbound` or `Inbound` (empty for notes); outbound CALL, EMAIL \
and MEETING rows are touches; inbound EMAIL rows are replies; PAGE_VIEW (pricing page) and \
FORM_SUBMISSION (demo request) rows are inbound intent signals with no one assigned.\n\
- There is one blended score (`HubSpot Score`), no separate fit and engagement scores.\n",
        sf.footer_lines
    );
    let contacts_header: Vec<&str> = CONTACTS_HEADER
        .iter()
        .chain(&scoring::HEADERS)
        .copied()
        .collect();
    header_block(&mut o, "`contacts.csv`", &contacts_header);
    header_block(&mut o, "`deals.csv`", &DEALS_HEADER);
    header_block(&mut o, "`engagements.csv`", &ENGAGEMENTS_HEADER);
    header_block(&mut o, "`owners.csv`", &OWNERS_HEADER);
    header_block(&mut o, "`salesforce/leads.csv`", &SF_LEADS_HEADER);
    header_block(&mut o, "`salesforce/opportunities.csv`", &SF_OPPS_HEADER);

    let _ = writeln!(
        o,
        "## The reps\n\n\
Twelve reps (`owners.csv`). Leads are routed by company (every contact of a company goes to \
the company's owner) with a weighted round robin, except where a problem is planted:\n\n\
- **Hannah Kowalski** is out of office 2026-05-04 to 2026-05-15 and still got leads created \
then, touched only when she came back; in 2026Q3 her absence (2026-08-10 to 2026-08-21) was \
respected.\n\
- **Tom Becker** left (`Active` = false) and round robin still gives him leads; none was \
ever touched.\n\
- **Dave Ruiz** has no `Capacity` and gets about three times a normal share (less in \
2026Q3), and answers slowest.\n\
- **Grace Okafor** owns the big account, Northwind Logistics (she owns its deals), but most \
of its new contacts went to other reps by round robin.\n"
    );

    let _ = writeln!(
        o,
        "## Planted problems: exact counts\n\n\
Counted in each quarter's HubSpot files alone. The key is the count's path in \
`truth.json` under `quarters.<quarter>.planted` (the finding ids of the findings engine where \
one fits). Each planted problem is on its own record: a deal carries at most one deal \
problem, a contact at most one placeholder or label variant.\n"
    );
    let _ = writeln!(
        o,
        "| key | item | definition | {} | {} |\n| --- | --- | --- | ---: | ---: |",
        keys[0], keys[1]
    );
    let v2 = serde_json::to_value(&q2.planted).expect("serialisable");
    let v3 = serde_json::to_value(&q3.planted).expect("serialisable");
    for (key, item, def) in ROWS {
        let _ = writeln!(
            o,
            "| `{key}` | {item} | {def} | {} | {} |",
            show(lookup(&v2, key)),
            show(lookup(&v3, key))
        );
    }

    let _ = writeln!(
        o,
        "\n## Salesforce export ({})\n\n\
{} leads (a fifth of the quarter's contacts, picked at random, synced with their values), \
{} converted, {} opportunities. Counts under `salesforce.planted` in `truth.json`:\n\n\
| key | definition | count |\n| --- | --- | ---: |\n\
| `converted_without_opportunity` | leads with `Converted` = 1 and no opportunity whose `Lead ID` is theirs | {} |\n\
| `opportunity_without_lead` | opportunities whose `Lead ID` matches no lead in the export | {} |\n\
| `closed_missing_close_reason` | lost opportunities (`Closed` = 1, `Won` = 0) with an empty `Loss Reason` | {} |\n\
| `outcome_mismatch_with_hubspot` | opportunities whose outcome (won / lost / open from `Won` and `Closed`) differs from the HubSpot deal of the contact with the lead's exact email | {} |\n",
        sf.quarter,
        thousands(sf.leads),
        thousands(sf.converted),
        thousands(sf.opportunities),
        sf.planted.converted_without_opportunity,
        sf.planted.opportunity_without_lead,
        sf.planted.closed_missing_close_reason,
        sf.planted.outcome_mismatch_with_hubspot,
    );

    let _ = writeln!(
        o,
        "## Other figures\n\n\
Not planted, but recounted the same way (`quarters.<quarter>.figures`). Speed to lead is \
in clock minutes from `Create Date` to the first touch; buckets do not overlap; \
never-contacted contacts stay in the denominator, and the median is `null` (\"not \
reached\") if it falls among them. The median of an even count is the mean of the two middle \
values.\n\n\
| figure | {} | {} |\n| --- | ---: | ---: |",
        keys[0], keys[1]
    );
    let f2 = serde_json::to_value(&q2.figures).expect("serialisable");
    let f3 = serde_json::to_value(&q3.figures).expect("serialisable");
    for key in [
        "deals_won",
        "deals_lost",
        "deals_open",
        "customers_with_won_deal",
        "lifecycle.Customer",
        "speed_to_lead.within_5m",
        "speed_to_lead.within_30m",
        "speed_to_lead.within_1h",
        "speed_to_lead.within_24h",
        "speed_to_lead.later",
        "speed_to_lead.never",
        "speed_to_lead.median_minutes",
    ] {
        let _ = writeln!(
            o,
            "| `{key}` | {} | {} |",
            show(lookup(&f2, key)),
            show(lookup(&f3, key))
        );
    }
    let _ = writeln!(o, "\nLeads (open leads) per owner:\n");
    let _ = writeln!(
        o,
        "| owner | {} | {} |\n| --- | ---: | ---: |",
        keys[0], keys[1]
    );
    for (a, b) in q2.figures.owners.iter().zip(&q3.figures.owners) {
        let _ = writeln!(
            o,
            "| {} | {} ({}) | {} ({}) |",
            a.owner,
            thousands(a.leads),
            thousands(a.open_leads),
            thousands(b.leads),
            thousands(b.open_leads)
        );
    }
    readiness_section(&mut o, readiness);
    let _ = writeln!(
        o,
        "\n## truth.json\n\n\
- `seed`, `profile`, `contacts`, `timezone`.\n\
- `quarters.<quarter>`: `dir`, `period`, `contacts`, `deals`, `activities`, `planted` (the \
table above) and `figures`.\n\
- `salesforce`: its counts, and `persons`: lead id → person id.\n\
- `readiness`: the score-readiness truth above: the labels, the attainable AUC (`attainable_auc`, \
and from the planted columns or the score alone), each planted column's shares, the leaky \
column and the drifting feature.\n\
- `persons`: HubSpot record id → person id, for every contact. Records with the same person \
id are the same human (the duplicates); every other pair is different people. This is the \
ground truth to measure identity resolution's precision and recall against."
    );
    o
}

/// The score-readiness truth (#15): what the added contact columns are and what a scorer
/// can attain.
fn readiness_section(o: &mut String, r: &ReadinessTruth) {
    let _ = writeln!(
        o,
        "\n## Score readiness: a known truth\n\n\
`contacts.csv` ends with five columns for score readiness (`leadaudit readiness`), drawn from \
their own random stream after every other column, so that nothing above depends on them. \
Each contact's outcome is decided first (won: a won deal; lost: a lost deal, or no deal; \
open: an open deal, or converted without one).\n\n\
- **{planted}** depend on the outcome alone, with these shares (`readiness.features`):\n",
        planted = r
            .features
            .iter()
            .map(|f| format!("`{}`", f.column))
            .collect::<Vec<_>>()
            .join(", "),
    );
    let _ = writeln!(
        o,
        "| column | value | share of won | share of not won | ratio |\n| --- | --- | ---: | ---: | ---: |"
    );
    for f in &r.features {
        for l in &f.levels {
            let _ = writeln!(
                o,
                "| {} | {} | {:.0}% | {:.0}% | {:.2} |",
                f.column,
                l.value,
                l.share_won * 100.0,
                l.share_not_won * 100.0,
                l.likelihood_ratio
            );
        }
    }
    let d = &r.drifting_feature;
    let mix = |m: &BTreeMap<String, f64>| {
        m.iter()
            .map(|(k, v)| format!("{k} {:.0}%", v * 100.0))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(
        o,
        "\n- **`{}`** does not depend on the outcome; its mix moves from {} ({}) to {} ({}): a \
population stability index of {:.3}, over the 0.25 that flags drift.\n\
- **`{}`** is the leaky column: {}.\n\n\
By the outcomes as planned, with Lead Audit's default maturity ({} days, ages counted to {}): \
{} won, {} lost, {} open, {} too young. The **attainable AUC** is that of the Bayes-optimal score over those won and \
lost contacts, computed exactly from the generating model: **{:.3}** from the planted columns \
and the HubSpot Score together ({:.3} from the planted columns alone, {:.3} from the score \
alone; the score's values are uniform over {} above a base set by the lifecycle stage). A \
model trained on a sample of these contacts attains it only up to sampling noise.",
        d.column,
        d.from,
        mix(&d.shares_from),
        d.to,
        mix(&d.shares_to),
        d.psi,
        r.leaky_column.column,
        r.leaky_column.why,
        r.maturity_days,
        r.as_of,
        thousands(r.labels.won),
        thousands(r.labels.lost),
        thousands(r.labels.open),
        thousands(r.labels.young),
        r.attainable_auc,
        r.attainable_auc_planted,
        r.attainable_auc_score,
        scoring::SCORE_SPAN + 1,
    );
}
