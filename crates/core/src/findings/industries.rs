//! A standard list of industries: LinkedIn's top-level industries (the current ones and
//! the long-used earlier list that most CRMs still offer, HubSpot's among them), the
//! NAICS sectors, and the short forms people type ("technology", "software", "medical").
//! Values are compared by their key (lower case letters and digits only), so
//! "Information Technology & Services", "INFORMATION_TECHNOLOGY_AND_SERVICES" and
//! "information technology and services" are one.

pub(crate) const INDUSTRIES: &[&str] = &[
    // Short forms.
    "technology",
    "tech",
    "software",
    "saas",
    "hardware",
    "internet",
    "it",
    "it services",
    "information technology",
    "retail",
    "ecommerce",
    "e-commerce",
    "medical",
    "healthcare",
    "health care",
    "health",
    "finance",
    "financial services",
    "fintech",
    "banking",
    "insurance",
    "marketing",
    "advertising",
    "entertainment",
    "media",
    "telecommunications",
    "telecom",
    "services",
    "business services",
    "professional services",
    "consulting",
    "employment",
    "staffing",
    "recruiting",
    "manufacturing",
    "industrial",
    "logistics",
    "transportation",
    "shipping",
    "education",
    "edtech",
    "government",
    "public sector",
    "nonprofit",
    "non-profit",
    "legal",
    "law",
    "accounting",
    "real estate",
    "construction",
    "energy",
    "utilities",
    "oil and gas",
    "mining",
    "agriculture",
    "automotive",
    "aerospace",
    "defense",
    "pharmaceuticals",
    "pharma",
    "biotech",
    "biotechnology",
    "life sciences",
    "hospitality",
    "travel",
    "food and beverage",
    "consumer goods",
    "cpg",
    "wholesale",
    "distribution",
    "chemicals",
    "security",
    "cybersecurity",
    "gaming",
    "sports",
    "publishing",
    "research",
    "other",
    // LinkedIn's current top-level industries.
    "Accommodation Services",
    "Administrative and Support Services",
    "Consumer Services",
    "Entertainment Providers",
    "Farming, Ranching, Forestry",
    "Government Administration",
    "Holding Companies",
    "Hospitals and Health Care",
    "Oil, Gas, and Mining",
    "Real Estate and Equipment Rental Services",
    "Technology, Information and Media",
    "Transportation, Logistics, Supply Chain and Storage",
    // LinkedIn's earlier industries (as most CRMs list them).
    "Accounting",
    "Airlines/Aviation",
    "Alternative Dispute Resolution",
    "Alternative Medicine",
    "Animation",
    "Apparel & Fashion",
    "Architecture & Planning",
    "Arts and Crafts",
    "Automotive",
    "Aviation & Aerospace",
    "Banking",
    "Biotechnology",
    "Broadcast Media",
    "Building Materials",
    "Business Supplies and Equipment",
    "Capital Markets",
    "Chemicals",
    "Civic & Social Organization",
    "Civil Engineering",
    "Commercial Real Estate",
    "Computer & Network Security",
    "Computer Games",
    "Computer Hardware",
    "Computer Networking",
    "Computer Software",
    "Construction",
    "Consumer Electronics",
    "Consumer Goods",
    "Consumer Services",
    "Cosmetics",
    "Dairy",
    "Defense & Space",
    "Design",
    "E-Learning",
    "Education Management",
    "Electrical/Electronic Manufacturing",
    "Entertainment",
    "Environmental Services",
    "Events Services",
    "Executive Office",
    "Facilities Services",
    "Farming",
    "Financial Services",
    "Fine Art",
    "Fishery",
    "Food & Beverages",
    "Food Production",
    "Fund-Raising",
    "Furniture",
    "Gambling & Casinos",
    "Glass, Ceramics & Concrete",
    "Government Administration",
    "Government Relations",
    "Graphic Design",
    "Health, Wellness and Fitness",
    "Higher Education",
    "Hospital & Health Care",
    "Hospitality",
    "Human Resources",
    "Import and Export",
    "Individual & Family Services",
    "Industrial Automation",
    "Information Services",
    "Information Technology and Services",
    "Information Technology & Services",
    "Insurance",
    "International Affairs",
    "International Trade and Development",
    "Internet",
    "Investment Banking",
    "Investment Management",
    "Judiciary",
    "Law Enforcement",
    "Law Practice",
    "Legal Services",
    "Legislative Office",
    "Leisure, Travel & Tourism",
    "Libraries",
    "Logistics and Supply Chain",
    "Luxury Goods & Jewelry",
    "Machinery",
    "Management Consulting",
    "Maritime",
    "Market Research",
    "Marketing and Advertising",
    "Mechanical or Industrial Engineering",
    "Media Production",
    "Medical Devices",
    "Medical Practice",
    "Mental Health Care",
    "Military",
    "Mining & Metals",
    "Motion Pictures and Film",
    "Museums and Institutions",
    "Music",
    "Nanotechnology",
    "Newspapers",
    "Non-Profit Organization Management",
    "Oil & Energy",
    "Online Media",
    "Outsourcing/Offshoring",
    "Package/Freight Delivery",
    "Packaging and Containers",
    "Paper & Forest Products",
    "Performing Arts",
    "Pharmaceuticals",
    "Philanthropy",
    "Photography",
    "Plastics",
    "Political Organization",
    "Primary/Secondary Education",
    "Printing",
    "Professional Training & Coaching",
    "Program Development",
    "Public Policy",
    "Public Relations and Communications",
    "Public Safety",
    "Publishing",
    "Railroad Manufacture",
    "Ranching",
    "Real Estate",
    "Recreational Facilities and Services",
    "Religious Institutions",
    "Renewables & Environment",
    "Research",
    "Restaurants",
    "Retail",
    "Security and Investigations",
    "Semiconductors",
    "Shipbuilding",
    "Sporting Goods",
    "Sports",
    "Staffing and Recruiting",
    "Supermarkets",
    "Telecommunications",
    "Textiles",
    "Think Tanks",
    "Tobacco",
    "Translation and Localization",
    "Transportation/Trucking/Railroad",
    "Utilities",
    "Venture Capital & Private Equity",
    "Veterinary",
    "Warehousing",
    "Wholesale",
    "Wine and Spirits",
    "Wireless",
    "Writing and Editing",
    // NAICS sectors.
    "Agriculture, Forestry, Fishing and Hunting",
    "Mining, Quarrying, and Oil and Gas Extraction",
    "Wholesale Trade",
    "Retail Trade",
    "Transportation and Warehousing",
    "Information",
    "Finance and Insurance",
    "Real Estate and Rental and Leasing",
    "Professional, Scientific, and Technical Services",
    "Management of Companies and Enterprises",
    "Administrative and Support and Waste Management and Remediation Services",
    "Educational Services",
    "Health Care and Social Assistance",
    "Arts, Entertainment, and Recreation",
    "Accommodation and Food Services",
    "Other Services (except Public Administration)",
    "Public Administration",
];

/// The key an industry is compared by: folded lower case letters and digits; "&" is
/// "and".
pub(crate) fn key(s: &str) -> String {
    super::normalise::fold(&s.replace('&', " and "))
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Whether `value` is a known industry.
pub(crate) fn known(value: &str) -> bool {
    let k = key(value);
    INDUSTRIES.iter().any(|i| key(i) == k)
}

/// The closest known industry to an unknown value (Jaro-Winkler on keys, at least 0.85),
/// written in the value's case style (all lower case stays lower case).
pub(crate) fn suggest(value: &str) -> Option<String> {
    let k = key(value);
    if k.is_empty() {
        return None;
    }
    let mut best: Option<(f64, &str)> = None;
    for label in INDUSTRIES {
        let score = strsim::jaro_winkler(&k, &key(label));
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, label));
        }
    }
    let (score, label) = best?;
    if score < 0.85 {
        return None;
    }
    let lower = !value.chars().any(char::is_uppercase);
    Some(if lower {
        label.to_lowercase()
    } else if label.chars().any(char::is_uppercase) {
        (*label).to_owned()
    } else {
        title_case(label)
    })
}

/// "financial services" → "Financial Services".
fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_industries_in_any_spelling() {
        for v in [
            "technology",
            "Technology",
            "software",
            "retail",
            "medical",
            "finance",
            "marketing",
            "entertainment",
            "telecommunications",
            "services",
            "employment",
            "Financial Services",
            "financial services",
            "INFORMATION_TECHNOLOGY_AND_SERVICES",
            "Information Technology & Services",
            "Hospital & Health Care",
            "Healthcare",
            "Professional Services",
            "Real Estate",
            "Pharmaceuticals",
        ] {
            assert!(known(v), "{v}");
        }
        for v in ["technolgy", "Selct", "Widgets", "Tecnology"] {
            assert!(!known(v), "{v}");
        }
    }

    #[test]
    fn misspellings_get_the_closest_label() {
        assert_eq!(suggest("technolgy").as_deref(), Some("technology"));
        assert_eq!(suggest("Tecnology").as_deref(), Some("Technology"));
        assert_eq!(
            suggest("telecomunications").as_deref(),
            Some("telecommunications")
        );
        assert_eq!(
            suggest("Financal Services").as_deref(),
            Some("Financial Services")
        );
        assert_eq!(suggest("zzzz"), None);
    }
}
