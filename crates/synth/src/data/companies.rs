//! The fictional companies' names and industries: brand halves, descriptors, industry
//! labels, and the big account.

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

/// The one big account whose contacts get routed round robin.
pub(crate) const BIG_ACCOUNT: &str = "Northwind Logistics";
/// Its domain.
pub(crate) const BIG_ACCOUNT_DOMAIN: &str = "northwindlogistics.com";
