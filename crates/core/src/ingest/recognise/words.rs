//! Reading a file by the words of its headers: the words of each kind, and the rules
//! that tell which column holds which field when the names are not the CRMs' own.

use super::*;

/// The words of a header, lowercase: `first_contact_date`, `firstContactDate` and
/// `First Contact Date` are all `first contact date`. A Salesforce custom field's
/// `__c` suffix is dropped; letters and digits are separate words.
pub fn words(header: &str) -> Vec<String> {
    let trimmed = header.trim();
    let trimmed = trimmed.strip_suffix("__c").unwrap_or(trimmed);
    let chars: Vec<char> = trimmed.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        if !cur.is_empty() {
            out.push(std::mem::take(cur));
        }
    };
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            flush(&mut cur, &mut out);
            continue;
        }
        if let Some(&prev) = i.checked_sub(1).and_then(|p| chars.get(p)) {
            let next = chars.get(i + 1).copied();
            let camel = prev.is_lowercase() && c.is_uppercase();
            // "IDNumber": a capital that starts a lowercase word after capitals.
            let acronym_end =
                prev.is_uppercase() && c.is_uppercase() && next.is_some_and(|n| n.is_lowercase());
            let digits = prev.is_ascii_digit() != c.is_ascii_digit() && prev.is_alphanumeric();
            if camel || acronym_end || digits {
                flush(&mut cur, &mut out);
            }
        }
        cur.push_str(&header_key(&c.to_string()));
    }
    flush(&mut cur, &mut out);
    out
}

/// Words of the entities a column can be the id of.
pub(super) const LEAD_WORDS: &[&str] = &[
    "lead",
    "leads",
    "contact",
    "contacts",
    "mql",
    "sql",
    "prospect",
    "person",
    "people",
    "subscriber",
    "member",
    "submission",
    "response",
    "respondent",
    "entry",
    "signup",
    "customer",
    "client",
    "visitor",
    "candidate",
    "record",
    "who",
];
pub(super) const DEAL_WORDS: &[&str] = &[
    "deal",
    "deals",
    "opportunity",
    "opportunities",
    "opp",
    "oppty",
    "order",
    "sale",
    "contract",
    "quote",
];
pub(super) const ACTIVITY_WORDS: &[&str] = &[
    "activity",
    "engagement",
    "task",
    "event",
    "call",
    "email",
    "meeting",
    "note",
    "touch",
    "interaction",
];
pub(super) const OWNER_WORDS: &[&str] = &[
    "owner",
    "owned",
    "rep",
    "sr",
    "sdr",
    "bdr",
    "ae",
    "agent",
    "salesperson",
    "salesman",
    "saleswoman",
    "assignee",
    "assigned",
    "user",
    "consultant",
];
pub(super) const ACCOUNT_WORDS: &[&str] = &[
    "account",
    "company",
    "organization",
    "organisation",
    "org",
    "business",
    "firm",
    "employer",
];
/// Words of an id that name no entity: the file's own records' id.
pub(super) const OWN_ID_WORDS: &[&str] = &[
    "item",
    "row",
    "record",
    "entry",
    "external",
    "unique",
    "object",
    "crm",
    "internal",
    "ref",
    "reference",
];
pub(super) const NOT_A_CREATION: &[&str] = &[
    "modified",
    "updated",
    "update",
    "changed",
    "last",
    "birth",
    "birthday",
    "dob",
    "close",
    "closed",
    "closing",
    "next",
    "due",
    "expected",
    "deleted",
    "unsubscribed",
    "bounced",
    "confirm",
    "confirmed",
    "end",
    "ended",
    "expiry",
    "expires",
    "won",
    "lost",
];

pub(super) struct Words<'a>(pub(super) &'a [String]);

impl Words<'_> {
    pub(super) fn has(&self, w: &str) -> bool {
        self.0.iter().any(|x| x == w)
    }
    pub(super) fn any(&self, ws: &[&str]) -> bool {
        self.0.iter().any(|x| ws.contains(&x.as_str()))
    }
    pub(super) fn last(&self) -> &str {
        self.0.last().map_or("", String::as_str)
    }
    pub(super) fn first(&self) -> &str {
        self.0.first().map_or("", String::as_str)
    }
    /// A yes/no question column: "has_company", "is_active", "Do Not Email".
    pub(super) fn is_flag(&self) -> bool {
        matches!(self.first(), "has" | "is" | "do" | "does") || self.has("not")
    }
    pub(super) fn is_temporal(&self) -> bool {
        matches!(
            self.last(),
            "date" | "at" | "time" | "on" | "timestamp" | "datetime" | "dt" | "day" | "utc"
        ) || self.any(&["date", "datetime", "timestamp"])
    }
    /// An id column: `*_id`, `*Id`, `* ID`, `*_uuid`, `*_key`, `Lead Number`.
    pub(super) fn is_id(&self) -> bool {
        matches!(self.last(), "id" | "ids" | "uuid" | "guid" | "key")
            || (matches!(self.last(), "number" | "no" | "num" | "nr")
                && self.0.len() > 1
                && !self.any(&[
                    "phone",
                    "mobile",
                    "fax",
                    "tel",
                    "telephone",
                    "vat",
                    "tax",
                    "postal",
                    "zip",
                    "house",
                    "street",
                    "employees",
                    "account",
                ]))
    }
    /// The words before an id's last word.
    pub(super) fn id_prefix(&self) -> Words<'_> {
        Words(&self.0[..self.0.len().saturating_sub(1)])
    }
    pub(super) fn is_owner(&self) -> bool {
        self.any(OWNER_WORDS)
            || (self.has("sales") && self.any(&["person", "people", "man", "woman", "exec"]))
    }
}

/// A field a column's words suggest, with how strong the rule is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Strength {
    /// A specific rule ("first_contact_date" is a creation date).
    Strong,
    /// A fallback ("date" alone, in a leads file, is the creation date).
    Weak,
}

/// What the words of one header suggest for `kind`: (field, strength, why).
pub(super) fn word_rules(
    kind: Kind,
    header: &str,
    ws: &[String],
) -> Vec<(&'static str, Strength, &'static str)> {
    use Strength::{Strong, Weak};
    let w = Words(ws);
    let mut out: Vec<(&'static str, Strength, &'static str)> = Vec::new();
    if ws.is_empty() {
        if header.trim() == "#" && kind == Kind::Leads {
            out.push(("id", Strong, "\"#\" numbers the records"));
        }
        return out;
    }
    // Dynamics 365: "(Do Not Modify) Lead" is the record's id.
    if ws.len() >= 3 && ws[..3] == ["do", "not", "modify"] {
        let rest = &ws[3..];
        let id = match kind {
            Kind::Leads => rest == ["lead"] || rest == ["contact"],
            Kind::Deals => rest == ["opportunity"],
            _ => false,
        };
        if id {
            out.push(("id", Strong, "Dynamics 365 writes the record's id so"));
        }
        return out;
    }
    let temporal = w.is_temporal();
    let id = w.is_id() && !temporal;
    match kind {
        Kind::Leads => {
            if id {
                let p = w.id_prefix();
                if p.0.is_empty()
                    || p.0.iter().all(|w| OWN_ID_WORDS.contains(&w.as_str()))
                    || (p.any(LEAD_WORDS) && !p.any(DEAL_WORDS))
                {
                    out.push(("id", Strong, "an id named for leads or contacts"));
                } else if p.is_owner() {
                    out.push(("owner", Strong, "the id of an owner or rep"));
                }
                return out;
            }
            if temporal {
                if w.any(&["converted", "conversion", "became", "won"]) {
                    out.push(("converted_at", Strong, "a date of conversion"));
                } else if w.has("first")
                    && w.any(&[
                        "response",
                        "responded",
                        "touch",
                        "touched",
                        "reply",
                        "replied",
                        "outreach",
                        "engagement",
                        "engaged",
                        "called",
                        "contacted",
                    ])
                {
                    out.push(("first_touch_at", Strong, "a date of first response"));
                } else if w.any(NOT_A_CREATION) {
                } else if w.any(&[
                    "created",
                    "create",
                    "creation",
                    "added",
                    "signup",
                    "sign",
                    "submitted",
                    "submit",
                    "submission",
                    "registered",
                    "registration",
                    "subscribed",
                    "subscription",
                    "optin",
                    "opt",
                    "captured",
                    "received",
                    "acquired",
                    "inquiry",
                    "enquiry",
                    "first",
                    "joined",
                    "generated",
                    "entered",
                    "start",
                    "started",
                ]) {
                    out.push((
                        "created_at",
                        Strong,
                        "a date of creation, sign-up or first contact",
                    ));
                } else {
                    out.push((
                        "created_at",
                        Weak,
                        "the only kind of date a lead file must have",
                    ));
                }
                return out;
            }
            if w.is_flag() {
                return out;
            }
            if w.any(&["source", "origin", "channel"]) || w.has("utm") && w.has("source") {
                out.push(("source", Strong, "a source, origin or channel"));
            } else if w.any(&["email", "mail"]) {
                out.push(("email", Strong, "an email address"));
            } else if w.any(&["phone", "mobile", "tel", "telephone", "cell"]) {
                out.push(("phone", Strong, "a phone number"));
            } else if w.has("first") && w.has("name") || w.has("given") {
                out.push(("first_name", Strong, "a first name"));
            } else if w.has("last") && w.has("name") || w.any(&["surname", "family"]) {
                out.push(("last_name", Strong, "a last name"));
            } else if w.has("country") {
                out.push(("country", Strong, "a country"));
            } else if w.any(&["industry", "sector", "vertical", "segment"]) {
                out.push(("industry", Strong, "an industry"));
            } else if w.any(&["employees", "headcount", "staff"])
                || (w.any(&["company", "business"]) && w.has("size"))
            {
                out.push(("employees", Strong, "a company size"));
            } else if w.any(&["domain", "website", "url"])
                && !w.any(&["page", "landing", "visit", "visits", "spent", "time"])
            {
                out.push(("domain", Strong, "a web domain"));
            } else if w.any(ACCOUNT_WORDS) && !w.any(&["type", "size", "id", "status", "stage"]) {
                out.push(("company", Strong, "a company name"));
            } else if w.any(&["job", "title", "position", "designation", "occupation"]) {
                out.push(("title", Strong, "a job title"));
            } else if w.is_owner() {
                out.push(("owner", Strong, "an owner or rep"));
            } else if w.any(&["lifecycle", "funnel"]) || w.has("stage") {
                out.push(("lifecycle_stage", Strong, "a lifecycle or funnel stage"));
            } else if w.has("status")
                && !w.any(&["email", "marketing", "subscription", "consent", "member"])
            {
                out.push(("status", Strong, "a lead status"));
            } else if w.has("converted") {
                out.push(("converted", Strong, "a converted flag"));
            } else if w.has("score") && !w.any(&["activity", "profile", "engagement", "fit"]) {
                out.push(("score", Strong, "a lead score"));
            } else if w.any(&["rating", "priority", "tier", "grade", "quality"]) {
                out.push(("priority", Strong, "a rating, priority or tier"));
            } else if w.has("name")
                && (ws.len() == 1 || w.any(&["full", "display", "contact", "lead"]))
            {
                out.push(("full_name", Strong, "a person's name"));
            }
        }
        Kind::Deals => {
            if id {
                let p = w.id_prefix();
                if p.0.is_empty()
                    || p.0.iter().all(|w| OWN_ID_WORDS.contains(&w.as_str()))
                    || p.any(DEAL_WORDS)
                {
                    out.push(("id", Strong, "an id named for deals or opportunities"));
                } else if p.any(LEAD_WORDS) {
                    out.push((
                        "lead_id",
                        Strong,
                        "the id of a lead or contact: the link to the leads",
                    ));
                } else if p.is_owner() {
                    out.push(("owner", Strong, "the id of an owner or rep"));
                }
                return out;
            }
            if temporal {
                let estimate = w.any(&[
                    "expected",
                    "forecast",
                    "estimated",
                    "est",
                    "target",
                    "projected",
                ]);
                if w.has("won") {
                    out.push(("close_date", Strong, "a date the deal was won"));
                } else if w.any(&["closed", "close", "closing", "lost", "signed", "decision"])
                    && !estimate
                {
                    out.push(("close_date", Strong, "a close date"));
                } else if estimate && w.any(&["close", "closed", "closing"]) {
                    out.push(("close_date", Weak, "an expected close date"));
                } else if w.any(&[
                    "created", "create", "creation", "added", "opened", "open", "start", "started",
                ]) {
                    out.push(("created_at", Strong, "a date of creation"));
                }
                return out;
            }
            if w.has("reason") {
                if w.any(&["won", "win"]) {
                    out.push(("won_reason", Strong, "why deals were won"));
                } else if w.any(&["lost", "loss", "lose", "close", "closed"]) {
                    out.push(("close_reason", Strong, "why deals were lost"));
                }
                return out;
            }
            if w.is_flag() {
                if w.has("won") {
                    out.push(("is_won", Strong, "a won flag"));
                } else if w.has("closed") {
                    out.push(("is_closed", Strong, "a closed flag"));
                } else if w.has("lost") {
                    out.push(("is_lost", Strong, "a lost flag"));
                }
                return out;
            }
            if w.any(&["stage", "phase"]) {
                out.push(("stage", Strong, "a stage"));
            } else if w.any(&["status", "state", "outcome", "result"]) {
                out.push(("outcome", Strong, "a status: open, won or lost"));
            } else if w.any(&["amount", "value", "revenue", "price", "worth"])
                && !w.any(&[
                    "declared",
                    "probability",
                    "weighted",
                    "currency",
                    "monthly",
                    "average",
                ])
            {
                out.push(("amount", Strong, "an amount or value"));
            } else if w.any(&["email", "mail"]) {
                out.push(("contact_email", Strong, "a contact's email address"));
            } else if w.is_owner() {
                out.push(("owner", Strong, "an owner or rep"));
            } else if (w.any(ACCOUNT_WORDS) || w.has("customer"))
                && !w.any(&["type", "size", "segment", "industry"])
            {
                out.push(("company", Strong, "a company or customer"));
            } else if ws == ["won"] {
                out.push(("is_won", Strong, "a won flag"));
            }
        }
        Kind::Activities => {
            if id {
                let p = w.id_prefix();
                if p.0.is_empty() || p.any(ACTIVITY_WORDS) {
                    out.push(("id", Strong, "an id named for activities"));
                } else if p.any(LEAD_WORDS) || p.any(&["related", "regarding", "parent"]) {
                    out.push((
                        "record_id",
                        Strong,
                        "the id of the lead or contact it belongs to",
                    ));
                } else if p.is_owner() {
                    out.push(("owner", Strong, "the id of an owner or rep"));
                }
                return out;
            }
            if temporal {
                if !w.any(&[
                    "modified", "updated", "won", "lost", "close", "closed", "closing",
                ]) {
                    out.push(("timestamp", Strong, "a date of the activity"));
                }
                return out;
            }
            if w.any(&["direction", "inbound", "outbound"]) {
                out.push(("direction", Strong, "a direction"));
            } else if w.any(&["type", "subtype", "kind", "category", "channel"]) {
                out.push(("type", Strong, "a type of activity"));
            } else if w.is_owner() {
                out.push(("owner", Strong, "an owner or rep"));
            }
        }
        Kind::Owners => {
            if temporal {
                return out;
            }
            if w.any(&["team", "group", "manager", "squad"]) {
                out.push(("team", Strong, "a team"));
            } else if w.any(&["territory", "region", "office", "area"]) {
                out.push(("territory", Strong, "a territory"));
            } else if w.any(&["active", "enabled"]) {
                out.push(("active", Strong, "an active flag"));
            } else if w.any(&["capacity", "quota", "cap"]) {
                out.push(("capacity", Strong, "a capacity"));
            } else if w.is_owner() || w.has("employee") || ws == ["name"] {
                out.push(("owner", Strong, "a rep's name"));
            }
        }
        Kind::Accounts => {
            if temporal || id || w.is_flag() {
                return out;
            }
            if w.any(&["domain", "website", "url"]) {
                out.push(("domain", Strong, "a web domain"));
            } else if w.any(&["industry", "sector", "vertical"]) {
                out.push(("industry", Strong, "an industry"));
            } else if w.any(&["employees", "headcount", "staff"]) {
                out.push(("employees", Strong, "a company size"));
            } else if w.any(&["revenue", "turnover"]) {
                out.push(("revenue", Strong, "a revenue"));
            } else if w.any(&["country", "location", "hq", "headquarters"]) {
                out.push(("country", Strong, "a country or location"));
            } else if w.is_owner() {
                out.push(("owner", Strong, "an owner"));
            } else if w.any(ACCOUNT_WORDS) && !w.any(&["type", "size"]) {
                out.push(("company", Strong, "a company name"));
            }
        }
    }
    out
}
