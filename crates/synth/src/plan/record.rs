//! What one contact record and one deal of the plan carry: the record's speed role,
//! identity form, planted value, conversion and intent signal; the deal's outcome and
//! planted problem.

use crate::clock::Min;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Touched the usual way for when it was created.
    Normal,
    /// Created 00:00–04:59, first touched the next business morning.
    Night,
    /// Never touched.
    NeverPlain,
    /// Owned by the inactive rep: never touched.
    NeverInactive,
    /// No owner: never touched.
    NeverUnassigned,
    /// Status says contacted, no activity logged at all.
    ContactedNoActivity,
    /// Won deal, no activity logged at all.
    WonNoActivity,
    /// An outbound touch logged before the record was created, then a normal touch.
    TouchBefore,
    /// First touched more than an hour late, and never again.
    SingleTouch,
    /// Created while the owner was out of office; touched when she came back.
    VacationWait,
}

impl Role {
    pub(crate) fn touched(self) -> bool {
        matches!(
            self,
            Role::Normal | Role::Night | Role::TouchBefore | Role::SingleTouch | Role::VacationWait
        )
    }
}

/// How a record writes its person's identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    Primary,
    EmailCase,
    GmailVariant,
    PlusTag,
    PhoneOnly,
    AltEmail,
}

/// The one contact-level planted value a record may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flag {
    None,
    IndustrySelect,
    IndustryNa,
    IndustryDash,
    TitleUnknown,
    TitleDash,
    TitleTest,
    CompanyNa,
    CompanyAsdf,
    SourceOrganicLower,
    SourcePaidLower,
    IndustryTechLower,
    IndustryFinLower,
    IndustryMisspelled,
}

impl Flag {
    /// The planted value and the column it goes in.
    pub(crate) fn value(self) -> Option<(&'static str, &'static str)> {
        Some(match self {
            Flag::None => return None,
            Flag::IndustrySelect => ("Industry", "Select"),
            Flag::IndustryNa => ("Industry", "N/A"),
            Flag::IndustryDash => ("Industry", "-"),
            Flag::TitleUnknown => ("Job Title", "unknown"),
            Flag::TitleDash => ("Job Title", "-"),
            Flag::TitleTest => ("Job Title", "test"),
            Flag::CompanyNa => ("Company Name", "N/A"),
            Flag::CompanyAsdf => ("Company Name", "asdf"),
            Flag::SourceOrganicLower => ("Original Source", "organic search"),
            Flag::SourcePaidLower => ("Original Source", "Paid search"),
            Flag::IndustryTechLower => ("Industry", "technology"),
            Flag::IndustryFinLower => ("Industry", "Financial services"),
            Flag::IndustryMisspelled => ("Industry", "technolgy"),
        })
    }

    /// Placeholders hide a value: such records are not scored.
    pub(crate) fn is_placeholder(self) -> bool {
        matches!(
            self,
            Flag::IndustrySelect
                | Flag::IndustryNa
                | Flag::IndustryDash
                | Flag::TitleUnknown
                | Flag::TitleDash
                | Flag::TitleTest
                | Flag::CompanyNa
                | Flag::CompanyAsdf
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Won,
    Lost,
    Open,
}

/// Whether and how a record converted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Conv {
    None,
    /// Converted, with the deal at this index of the quarter's deals.
    Deal(u32),
    /// Converted (lifecycle Opportunity or Customer) without any deal.
    NoDeal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Signal {
    None,
    Followed,
    Unfollowed,
}

/// One contact record of the export.
#[derive(Debug, Clone)]
pub(crate) struct Rec {
    pub(crate) person: u32,
    pub(crate) owner: u8,
    pub(crate) role: Role,
    pub(crate) form: Form,
    pub(crate) flag: Flag,
    pub(crate) conv: Conv,
    pub(crate) signal: Signal,
    /// 0..=3: within 5 min, within an hour, within a day, days (business-hours leads).
    pub(crate) speed: u8,
    pub(crate) source: u8,
    pub(crate) created: Min,
    pub(crate) id: u64,
    /// Also exported to Salesforce.
    pub(crate) sf: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DealFlag {
    None,
    /// A stage label variant, by index into [`STAGE_VARIANTS`].
    Variant(u8),
    MissingReason,
    MissingOwner,
    NoAmount,
    CloseBeforeCreated,
    CloseInFuture,
    NoCloseDate,
    OpenPastCloseDate,
    OutcomeNotOnLead,
}

/// Stage labels planted instead of "Closed Won" / "Closed Lost", with the outcome each means.
pub(crate) const STAGE_VARIANTS: [(&str, Outcome); 5] = [
    ("closedwon", Outcome::Won),
    ("Closed won ", Outcome::Won),
    ("Won", Outcome::Won),
    ("closed lost", Outcome::Lost),
    ("Closed-Lost", Outcome::Lost),
];

#[derive(Debug, Clone)]
pub(crate) struct DealPlan {
    /// The converting record, or `None` for a deal whose contact was deleted.
    pub(crate) rec: Option<u32>,
    /// For a deal without a contact: the (deleted) contact id it still points to.
    pub(crate) dangling_contact: u64,
    pub(crate) company: u32,
    pub(crate) owner: u8,
    pub(crate) outcome: Outcome,
    pub(crate) flag: DealFlag,
    pub(crate) big: bool,
    /// Salesforce: the lead is converted but its opportunity is missing.
    pub(crate) sf_missing_opp: bool,
    /// Salesforce: the opportunity says won where HubSpot says lost.
    pub(crate) sf_mismatch: bool,
    /// Salesforce: a lost opportunity without a loss reason.
    pub(crate) sf_no_reason: bool,
}
