//! The countries of the fictional customers, with their labels, legal suffixes, top-level
//! domains and (for the US and Canada) the area codes of their fictional phone lines.

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
