//! The fixed vocabulary of the fictional world: names, companies, titles, owners.
//!
//! Everything here is fictional. Phone numbers come from ranges set aside for fiction
//! (see `phone.rs`); company names are made of two syllables and a descriptor.

/// First names of the people in the exports (191: a prime, so names cycle independently
/// of last names; no two are fuzzy-similar, see the tests).
pub(crate) const FIRST_NAMES: [&str; 191] = [
    "Aaron",
    "Abigail",
    "Adrian",
    "Agnes",
    "Ahmed",
    "Aiden",
    "Alan",
    "Albert",
    "Alice",
    "Amara",
    "Amelia",
    "Amir",
    "Ana",
    "Andrew",
    "Angela",
    "Anika",
    "Anton",
    "Arjun",
    "Astrid",
    "Audrey",
    "Aurora",
    "Benjamin",
    "Bernd",
    "Bianca",
    "Blake",
    "Brandon",
    "Bruno",
    "Caleb",
    "Camille",
    "Carlos",
    "Caroline",
    "Cassandra",
    "Charlotte",
    "Chloe",
    "Claire",
    "Connor",
    "Cristina",
    "Daniel",
    "Darius",
    "Deborah",
    "Declan",
    "Derek",
    "Diana",
    "Diego",
    "Dmitri",
    "Dominic",
    "Dylan",
    "Edward",
    "Elena",
    "Elias",
    "Emil",
    "Emma",
    "Esther",
    "Evan",
    "Fabian",
    "Farah",
    "Felix",
    "Fiona",
    "Florian",
    "Frances",
    "Freya",
    "Gabriel",
    "George",
    "Gerhard",
    "Gianna",
    "Grace",
    "Gregory",
    "Greta",
    "Hamish",
    "Harper",
    "Harvey",
    "Hassan",
    "Heidi",
    "Henrik",
    "Hiroshi",
    "Hugo",
    "Ines",
    "Ingrid",
    "Isaac",
    "Isabel",
    "Ivan",
    "Jack",
    "Jacob",
    "Jamal",
    "Jasmine",
    "Javier",
    "Jennifer",
    "Jeremy",
    "Jessica",
    "Joanna",
    "Joel",
    "Jonas",
    "Jordan",
    "Joseph",
    "Joshua",
    "Julia",
    "Jürgen",
    "Kai",
    "Karen",
    "Keith",
    "Kenji",
    "Kevin",
    "Kiara",
    "Klaus",
    "Kristen",
    "Lara",
    "Leah",
    "Leon",
    "Levi",
    "Lily",
    "Linnea",
    "Lorenzo",
    "Louis",
    "Lucia",
    "Luke",
    "Maeve",
    "Magnus",
    "Malik",
    "Marco",
    "Margaret",
    "Maria",
    "Mason",
    "Matilda",
    "Matthew",
    "Maya",
    "Megan",
    "Mei",
    "Melanie",
    "Miguel",
    "Mila",
    "Miriam",
    "Mohammed",
    "Monica",
    "Nadia",
    "Naomi",
    "Natalie",
    "Nathan",
    "Neha",
    "Niamh",
    "Nicole",
    "Nikolai",
    "Nina",
    "Noah",
    "Oliver",
    "Omar",
    "Oscar",
    "Owen",
    "Pablo",
    "Patrick",
    "Paul",
    "Peter",
    "Philippe",
    "Phoebe",
    "Quentin",
    "Rachel",
    "Rafael",
    "Rebecca",
    "Renata",
    "Ricardo",
    "Riley",
    "Robin",
    "Rohan",
    "Rosa",
    "Ruby",
    "Ryan",
    "Samuel",
    "Sandra",
    "Sanjay",
    "Sebastian",
    "Selin",
    "Simon",
    "Sophie",
    "Stefan",
    "Stella",
    "Steven",
    "Susanne",
    "Tessa",
    "Theo",
    "Thomas",
    "Timothy",
    "Tobias",
    "Trevor",
    "Ulrike",
    "Valentina",
    "Vanessa",
    "Victor",
    "Vikram",
    "Violet",
    "Walter",
    "Wendy",
    "William",
];

/// Last names (193, a prime different from the first names' count).
pub(crate) const LAST_NAMES: [&str; 193] = [
    "Abbott",
    "Acosta",
    "Adeyemi",
    "Ahmadi",
    "Albrecht",
    "Alvarez",
    "Andersen",
    "Arnold",
    "Ashford",
    "Bachmann",
    "Baker",
    "Banerjee",
    "Barnes",
    "Beaumont",
    "Bergström",
    "Bishop",
    "Blackwood",
    "Bondarenko",
    "Boyle",
    "Brennan",
    "Brooks",
    "Brunner",
    "Caldwell",
    "Campbell",
    "Carvalho",
    "Castillo",
    "Chambers",
    "Chaudhry",
    "Clarke",
    "Coleman",
    "Crawford",
    "Cunningham",
    "Dalton",
    "Dasgupta",
    "Delgado",
    "Dietrich",
    "Donovan",
    "Douglas",
    "Dubois",
    "Duncan",
    "Eastwood",
    "Eckert",
    "Edwards",
    "Ellison",
    "Engel",
    "Esposito",
    "Fairbanks",
    "Farouk",
    "Fernandes",
    "Fischer",
    "Fitzgerald",
    "Fleming",
    "Fontaine",
    "Forsyth",
    "Franke",
    "Fujita",
    "Gallagher",
    "Garrison",
    "Gartner",
    "Gibson",
    "Goldberg",
    "Gonzalez",
    "Gorski",
    "Graham",
    "Greenberg",
    "Gruber",
    "Gupta",
    "Halvorsen",
    "Hamilton",
    "Harrington",
    "Hartmann",
    "Hawkins",
    "Hayashi",
    "Henderson",
    "Herrera",
    "Hoffmann",
    "Holloway",
    "Horvath",
    "Hughes",
    "Ibrahim",
    "Ingram",
    "Iyer",
    "Jablonski",
    "Jansen",
    "Jimenez",
    "Kapoor",
    "Kaufmann",
    "Kavanagh",
    "Keller",
    "Kennedy",
    "Khan",
    "Kimura",
    "Klein",
    "Koch",
    "Kovacs",
    "Krause",
    "Kumar",
    "Lambert",
    "Larsen",
    "Lehmann",
    "Lindqvist",
    "Lombardi",
    "Lorenz",
    "Lundgren",
    "MacLeod",
    "Madsen",
    "Maier",
    "Malhotra",
    "Marchetti",
    "Marshall",
    "Matsumoto",
    "McAllister",
    "McKenzie",
    "Mendoza",
    "Mercer",
    "Meyer",
    "Mitchell",
    "Molina",
    "Montgomery",
    "Moreau",
    "Morrison",
    "Müller",
    "Murphy",
    "Nakamura",
    "Navarro",
    "Nguyen",
    "Nielsen",
    "Novak",
    "O'Brien",
    "Okonkwo",
    "Olsen",
    "Ortega",
    "Osei",
    "Pacheco",
    "Park",
    "Patel",
    "Pearson",
    "Peralta",
    "Petrov",
    "Pfeiffer",
    "Quinn",
    "Ramirez",
    "Ramos",
    "Reddy",
    "Reinhardt",
    "Richter",
    "Rivera",
    "Robertson",
    "Rodrigues",
    "Romano",
    "Rosenberg",
    "Rossi",
    "Saito",
    "Salazar",
    "Sandoval",
    "Schäfer",
    "Schmidt",
    "Schneider",
    "Schulz",
    "Sharma",
    "Sinclair",
    "Singh",
    "Sokolov",
    "Stein",
    "Stewart",
    "Sullivan",
    "Suzuki",
    "Svensson",
    "Takahashi",
    "Tanaka",
    "Thompson",
    "Torres",
    "Tran",
    "Turner",
    "Vargas",
    "Vasquez",
    "Vogel",
    "Wagner",
    "Walker",
    "Wallace",
    "Weber",
    "Whitaker",
    "Wilkinson",
    "Winter",
    "Wolf",
    "Yamamoto",
    "Yilmaz",
    "Young",
    "Zimmermann",
    "Zhang",
    "Dimitriou",
    "Papadopoulos",
    "Oyelaran",
];

/// First halves of company brand names.
pub(crate) const BRAND_A: [&str; 101] = [
    "Blue", "North", "Bright", "Silver", "Iron", "Red", "Green", "Stone", "Oak", "Maple", "Cedar",
    "River", "Lake", "Sun", "Star", "Cloud", "Rock", "Gold", "Copper", "Crystal", "Summit",
    "Harbor", "Pine", "Fox", "Eagle", "Falcon", "Wolf", "Bear", "Lion", "Hawk", "Swift", "True",
    "Clear", "Deep", "High", "Wide", "Far", "East", "West", "South", "Bay", "Sea", "Sky", "Frost",
    "Ember", "Storm", "Rain", "Snow", "Moon", "Ash", "Birch", "Elm", "Willow", "Aspen", "Cobalt",
    "Amber", "Ivory", "Jade", "Onyx", "Pearl", "Sage", "Terra", "Nova", "Astra", "Vela", "Luma",
    "Orbi", "Zen", "Apex", "Vertex", "Quant", "Pixel", "Data", "Logi", "Metri", "Opti", "Veri",
    "Inno", "Prime", "Core", "Peak", "Flux", "Arc", "Bold", "Brave", "Keen", "Vivid", "Lumen",
    "Axi", "Helio", "Hydro", "Aero", "Geo", "Bio", "Neo", "Omni", "Poly", "Uni", "Tri", "Kestrel",
    "Heron",
];

/// Second halves of company brand names.
pub(crate) const BRAND_B: [&str; 97] = [
    "wind", "peak", "field", "stone", "gate", "bridge", "point", "ridge", "brook", "wood", "vale",
    "crest", "line", "path", "way", "stream", "light", "works", "forge", "port", "view", "land",
    "mark", "hill", "side", "spring", "wave", "shore", "haven", "leaf", "root", "tree", "bloom",
    "dale", "moor", "fell", "glen", "ford", "mill", "well", "water", "fire", "spark", "beam",
    "shift", "scale", "stack", "grid", "node", "loop", "link", "sync", "logic", "metric", "sense",
    "sight", "mind", "craft", "smith", "hub", "base", "nest", "cove", "reef", "tide", "cliff",
    "tower", "yard", "lane", "row", "court", "hall", "keep", "wall", "arch", "dome", "vault",
    "quest", "rise", "fall", "run", "trail", "track", "step", "pulse", "signal", "vector",
    "matrix", "scope", "frame", "form", "shape", "sphere", "orbit", "ray", "lock", "bank",
];

/// US area codes used with the fictional 555-0100..0199 lines; no two share their last two
/// digits, so the numbers stay distinct even when compared on their last nine digits.
pub(crate) const US_AREA_CODES: [&str; 78] = [
    "212", "415", "617", "310", "646", "972", "720", "801", "858", "952", "773", "408", "425",
    "954", "832", "585", "860", "775", "651", "763", "269", "734", "248", "270", "859", "865",
    "423", "629", "256", "662", "228", "479", "636", "830", "361", "281", "940", "682", "202",
    "203", "205", "206", "207", "209", "213", "214", "216", "218", "219", "224", "227", "231",
    "239", "253", "267", "276", "304", "321", "337", "341", "347", "364", "380", "386", "435",
    "442", "443", "445", "478", "484", "571", "574", "626", "650", "657", "838", "949", "989",
];

/// Canadian area codes used with the fictional 555-0100..0199 lines.
pub(crate) const CA_AREA_CODES: [&str; 25] = [
    "416", "604", "514", "613", "403", "780", "902", "647", "905", "519", "306", "778", "438",
    "709", "867", "587", "250", "226", "343", "289", "418", "431", "437", "639", "807",
];

/// Company descriptors, each with the index of its industry in [`INDUSTRIES`].
pub(crate) const DESCRIPTORS: [(&str, usize); 48] = [
    ("Logistics", 6),
    ("Freight", 6),
    ("Shipping", 6),
    ("Analytics", 0),
    ("Systems", 0),
    ("Labs", 0),
    ("Data", 0),
    ("Dynamics", 0),
    ("Technologies", 0),
    ("Security", 0),
    ("Software", 1),
    ("Cloud", 1),
    ("Apps", 1),
    ("Networks", 10),
    ("Telecom", 10),
    ("Connect", 10),
    ("Health", 3),
    ("Medical", 3),
    ("Care", 3),
    ("Pharma", 14),
    ("Biotech", 14),
    ("Therapeutics", 14),
    ("Capital", 2),
    ("Payments", 2),
    ("Finance", 2),
    ("Insurance", 13),
    ("Assurance", 13),
    ("Energy", 11),
    ("Power", 11),
    ("Solar", 11),
    ("Retail", 5),
    ("Goods", 5),
    ("Apparel", 5),
    ("Foods", 5),
    ("Manufacturing", 4),
    ("Industries", 4),
    ("Materials", 4),
    ("Robotics", 4),
    ("Motors", 4),
    ("Media", 9),
    ("Studios", 9),
    ("Publishing", 9),
    ("Learning", 7),
    ("Academy", 7),
    ("Consulting", 8),
    ("Advisory", 8),
    ("Realty", 12),
    ("Properties", 12),
];

/// Industry labels as the clean background data spells them.
pub(crate) const INDUSTRIES: [&str; 15] = [
    "Technology",
    "Software",
    "Financial Services",
    "Healthcare",
    "Manufacturing",
    "Retail",
    "Logistics",
    "Education",
    "Professional Services",
    "Media",
    "Telecommunications",
    "Energy",
    "Real Estate",
    "Insurance",
    "Pharmaceuticals",
];

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

/// Free-mail providers people sign up with.
pub(crate) const FREE_MAIL: [&str; 4] = ["gmail.com", "yahoo.com", "outlook.com", "hotmail.com"];

/// The people behind the "Robert Miles Sr." / "Robert Miles Jr." false-merge traps.
pub(crate) const SR_JR_NAMES: [(&str, &str); 3] = [
    ("Robert", "Miles"),
    ("Edward", "Hale"),
    ("Frank", "Dunmore"),
];

/// Full names carried by two different people at two different companies (a name-only
/// match is never a duplicate). None of these last names is in [`LAST_NAMES`].
pub(crate) const NAME_ONLY_NAMES: [(&str, &str); 6] = [
    ("Michael", "Brown"),
    ("Sarah", "Johnson"),
    ("David", "Smith"),
    ("Jennifer", "Lee"),
    ("Chris", "Taylor"),
    ("Laura", "Wilson"),
];

/// The one big account whose contacts get routed round robin.
pub(crate) const BIG_ACCOUNT: &str = "Northwind Logistics";
/// Its domain.
pub(crate) const BIG_ACCOUNT_DOMAIN: &str = "northwindlogistics.com";

/// A country of the fictional customers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Country {
    Us,
    Uk,
    De,
    Ca,
    Au,
    Fr,
}

impl Country {
    pub(crate) const ALL: [Country; 6] = [
        Country::Us,
        Country::Uk,
        Country::De,
        Country::Ca,
        Country::Au,
        Country::Fr,
    ];

    /// Share of companies, in percent.
    pub(crate) fn weight(self) -> u32 {
        match self {
            Country::Us => 52,
            Country::Uk => 14,
            Country::De => 10,
            Country::Ca => 8,
            Country::Au => 9,
            Country::Fr => 7,
        }
    }

    /// HubSpot's "Country/Region" label.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Country::Us => "United States",
            Country::Uk => "United Kingdom",
            Country::De => "Germany",
            Country::Ca => "Canada",
            Country::Au => "Australia",
            Country::Fr => "France",
        }
    }

    /// Legal suffixes a company name may carry (the empty one included).
    pub(crate) fn suffixes(self) -> &'static [&'static str] {
        match self {
            Country::Us => &["", "", "Inc.", "LLC", "Corp."],
            Country::Uk => &["Ltd", "Ltd", "", "plc"],
            Country::De => &["GmbH", "GmbH", "AG", ""],
            Country::Ca => &["Inc.", "", "Ltd."],
            Country::Au => &["Pty Ltd", "Pty Ltd", ""],
            Country::Fr => &["SAS", "SA", ""],
        }
    }

    /// Top-level domains of its companies.
    pub(crate) fn tlds(self) -> &'static [&'static str] {
        match self {
            Country::Us => &["com", "com", "com", "io", "co"],
            Country::Uk => &["co.uk", "co.uk", "com"],
            Country::De => &["de", "de", "com"],
            Country::Ca => &["ca", "com"],
            Country::Au => &["com.au", "com.au", "io"],
            Country::Fr => &["fr", "fr", "com"],
        }
    }

    /// Index used to keep each country's sequences apart.
    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

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

/// Lower-case ASCII form of a name, for email addresses.
pub(crate) fn email_part(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            'ä' | 'á' | 'à' | 'â' | 'ą' | 'å' => out.push('a'),
            'Ä' | 'Á' | 'Å' => out.push('a'),
            'ö' | 'ó' | 'ô' | 'ø' | 'Ø' | 'Ö' => out.push('o'),
            'ü' | 'ú' | 'Ü' => out.push('u'),
            'é' | 'è' | 'ê' | 'ë' | 'ę' | 'É' => out.push('e'),
            'í' | 'ï' | 'î' => out.push('i'),
            'ñ' | 'ń' => out.push('n'),
            'ś' | 'Ś' => out.push('s'),
            'ł' | 'Ł' => out.push('l'),
            'ç' | 'ć' => out.push('c'),
            'ß' => out.push_str("ss"),
            _ => {}
        }
    }
    out
}
