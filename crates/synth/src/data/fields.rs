//! The values the CRM fields take in the clean background data: job titles, lead sources,
//! close reasons and open pipeline stages, in HubSpot's and in Salesforce's spelling.

/// Job titles (none of them a placeholder value).
pub(crate) const TITLES: [&str; 41] = [
    "VP of Sales",
    "Head of Revenue Operations",
    "Revenue Operations Manager",
    "Sales Operations Analyst",
    "Chief Revenue Officer",
    "Director of Marketing",
    "Marketing Operations Manager",
    "Demand Generation Lead",
    "Data Analyst",
    "Head of Data",
    "Chief Financial Officer",
    "Financial Controller",
    "Chief Operating Officer",
    "Operations Manager",
    "IT Director",
    "Chief Technology Officer",
    "Business Intelligence Lead",
    "Account Executive",
    "Sales Development Manager",
    "Growth Marketing Manager",
    "Product Manager",
    "Customer Success Lead",
    "Founder & CEO",
    "Managing Director",
    "Head of Analytics",
    "Senior Data Engineer",
    "Analytics Engineer",
    "VP of Marketing",
    "Director of Sales",
    "Sales Manager",
    "Marketing Manager",
    "Head of Growth",
    "Supply Chain Director",
    "Procurement Manager",
    "Head of Finance",
    "VP of Engineering",
    "Engineering Manager",
    "Office Manager",
    "Partner",
    "Head of Customer Experience",
    "Commercial Director",
];

/// Titles some people at German companies give in German.
pub(crate) const TITLES_DE: [&str; 4] = [
    "Geschäftsführer",
    "Leiter Vertrieb",
    "Vertriebsleiterin",
    "Leiterin Marketing",
];

/// Titles some people at French companies give in French.
pub(crate) const TITLES_FR: [&str; 3] = [
    "Directrice Commerciale",
    "Responsable Marketing",
    "Directeur Général",
];

/// HubSpot "Original Source" labels with their weights in the background data.
pub(crate) const SOURCES: [(&str, u32); 7] = [
    ("Organic Search", 28),
    ("Paid Search", 18),
    ("Direct Traffic", 12),
    ("Referrals", 10),
    ("Social Media", 9),
    ("Email Marketing", 13),
    ("Offline Sources", 10),
];

/// The Salesforce "Lead Source" a HubSpot source syncs to, by index in [`SOURCES`].
pub(crate) const SF_SOURCES: [&str; 7] = [
    "Web",
    "Advertisement",
    "Web",
    "Partner Referral",
    "Social Media",
    "Email",
    "Trade Show",
];

/// Reasons on closed-lost deals.
pub(crate) const LOST_REASONS: [&str; 6] = [
    "Price",
    "Went with competitor",
    "No budget",
    "Timing",
    "No decision",
    "Missing feature",
];

/// Reasons on closed-won deals.
pub(crate) const WON_REASONS: [&str; 5] = [
    "Product fit",
    "Price",
    "Relationship",
    "Speed of onboarding",
    "Integrations",
];

/// HubSpot's default sales pipeline stages that are still open.
pub(crate) const OPEN_STAGES: [&str; 5] = [
    "Appointment Scheduled",
    "Qualified To Buy",
    "Presentation Scheduled",
    "Decision Maker Bought-In",
    "Contract Sent",
];

/// Salesforce's default open opportunity stages.
pub(crate) const SF_OPEN_STAGES: [&str; 5] = [
    "Prospecting",
    "Qualification",
    "Needs Analysis",
    "Proposal/Price Quote",
    "Negotiation/Review",
];
