//! Brightwave's sales roster: every rep, and the constants that name the reps with a story.

/// A sales rep on Brightwave's roster.
#[derive(Debug, Clone, Copy)]
pub(crate) struct OwnerDef {
    pub(crate) name: &'static str,
    pub(crate) email: &'static str,
    pub(crate) team: &'static str,
    pub(crate) territory: &'static str,
    pub(crate) capacity: Option<u32>,
}

/// Brightwave's reps; the constants below name the ones with a story.
pub(crate) const OWNERS: [OwnerDef; 12] = [
    owner(
        "Sofia Martínez",
        "sofia.martinez",
        "SDR",
        "US East",
        Some(650),
    ),
    owner(
        "James O'Connor",
        "james.oconnor",
        "SDR",
        "US East",
        Some(650),
    ),
    owner(
        "Priya Natarajan",
        "priya.natarajan",
        "SDR",
        "US West",
        Some(650),
    ),
    owner(
        "Zoë Łukasiewicz",
        "zoe.lukasiewicz",
        "SDR",
        "EMEA",
        Some(650),
    ),
    owner(
        "Marcus Feldmann",
        "marcus.feldmann",
        "SDR",
        "DACH",
        Some(650),
    ),
    owner("Aisha Bello", "aisha.bello", "SDR", "US Central", Some(650)),
    owner("Liam Chen", "liam.chen", "SDR", "APAC", Some(650)),
    owner(
        "Hannah Kowalski",
        "hannah.kowalski",
        "SDR",
        "US West",
        Some(650),
    ),
    owner("Tom Becker", "tom.becker", "SDR", "US Central", Some(650)),
    owner("Dave Ruiz", "dave.ruiz", "SDR", "US East", None),
    owner(
        "Grace Okafor",
        "grace.okafor",
        "Enterprise AE",
        "Enterprise",
        Some(250),
    ),
    owner("Ethan Walsh", "ethan.walsh", "SDR", "Canada", Some(650)),
];

const fn owner(
    name: &'static str,
    email: &'static str,
    team: &'static str,
    territory: &'static str,
    capacity: Option<u32>,
) -> OwnerDef {
    OwnerDef {
        name,
        email,
        team,
        territory,
        capacity,
    }
}

/// The rep who is out of office and still gets leads.
pub(crate) const HANNAH: u8 = 7;
/// The rep marked inactive who still gets leads.
pub(crate) const TOM: u8 = 8;
/// The uncapped rep buried in leads.
pub(crate) const DAVE: u8 = 9;
/// The enterprise account executive, owner of the big account.
pub(crate) const GRACE: u8 = 10;
/// "No owner".
pub(crate) const NO_OWNER: u8 = u8::MAX;
/// The domain of Brightwave's own mailboxes.
pub(crate) const OWN_DOMAIN: &str = "brightwave-analytics.com";
