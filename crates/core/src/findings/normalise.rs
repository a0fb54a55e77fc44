//! Normal forms of the values identity is decided on: emails, phones (E.164), company
//! names, domains and person names.

use phonenumber::country;
use unicode_normalization::UnicodeNormalization;

/// Free-mail providers: an address there says nothing about the company.
pub const FREE_MAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "ymail.com",
    "rocketmail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "aol.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "protonmail.com",
    "proton.me",
    "pm.me",
    "gmx.com",
    "gmx.net",
    "gmx.de",
    "web.de",
    "mail.com",
    "zoho.com",
    "zohomail.com",
    "yandex.com",
    "yandex.ru",
    "mail.ru",
    "qq.com",
    "163.com",
    "126.com",
    "t-online.de",
    "orange.fr",
    "free.fr",
    "laposte.net",
    "btinternet.com",
    "comcast.net",
    "verizon.net",
    "att.net",
    "sbcglobal.net",
    "hey.com",
    "fastmail.com",
    "tutanota.com",
    "libero.it",
    "seznam.cz",
    "wp.pl",
    "rediffmail.com",
];

/// Providers whose national domains are all free mail (yahoo.co.uk, hotmail.fr, ...).
const FREE_MAIL_BRANDS: &[&str] = &[
    "yahoo", "hotmail", "outlook", "live", "aol", "gmx", "yandex", "ymail",
];

/// Whether an email domain (already lower case) is a free-mail provider's.
pub fn is_free_mail(domain: &str) -> bool {
    let domain = domain.trim().trim_end_matches('.');
    if FREE_MAIL.contains(&domain) {
        return true;
    }
    let registrable = psl::domain_str(domain).unwrap_or(domain);
    let brand = registrable.split('.').next().unwrap_or("");
    FREE_MAIL_BRANDS.contains(&brand)
}

/// The domain of an email address, lower case (`None` when it is not an address).
pub fn email_domain(raw: &str) -> Option<String> {
    let s = raw.trim().to_lowercase();
    let (local, domain) = s.rsplit_once('@')?;
    let domain = domain.trim().trim_end_matches(['.', '>']);
    if local.is_empty() || !domain.contains('.') {
        return None;
    }
    Some(domain.to_owned())
}

/// An email address in the form two spellings of one mailbox share: lower case and
/// trimmed; a `+tag` dropped (Gmail, Outlook, iCloud, Fastmail, Proton and the Google
/// Workspace and Microsoft 365 servers behind most company domains deliver
/// `name+tag@` to `name@`); at Gmail dots ignored and googlemail.com read as gmail.com.
/// `None` when the value is not an address.
pub fn email(raw: &str) -> Option<String> {
    let s = raw.trim().to_lowercase();
    let s = s.strip_prefix("mailto:").unwrap_or(&s);
    let s = s.trim_matches(|c: char| c == '<' || c == '>' || c.is_whitespace());
    let (local, domain) = s.rsplit_once('@')?;
    let mut domain = domain.trim_end_matches('.').to_owned();
    if local.is_empty() || !domain.contains('.') || domain.starts_with('.') {
        return None;
    }
    if domain == "googlemail.com" {
        domain = "gmail.com".to_owned();
    }
    let mut local = match local.split_once('+') {
        Some((base, _)) if !base.is_empty() => base.to_owned(),
        _ => local.to_owned(),
    };
    if domain == "gmail.com" {
        local.retain(|c| c != '.');
    }
    Some(format!("{local}@{domain}"))
}

/// A phone number in E.164 (`+14155550123`), read in `region` when written without a
/// country code. A value that is not a phone number for the parser but has at least
/// seven digits keeps its digits (`#4155550123`), so that two spellings still meet;
/// fewer digits: `None`.
pub fn phone(raw: &str, region: country::Id) -> Option<String> {
    let raw = raw.trim();
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 7 {
        return None;
    }
    if let Some(fast) = nanp_fast(raw, &digits, region) {
        return Some(fast);
    }
    match phonenumber::parse(Some(region), raw) {
        Ok(n) => Some(n.format().mode(phonenumber::Mode::E164).to_string()),
        Err(_) => Some(format!("#{}", digits.trim_start_matches('0'))),
    }
}

/// The E.164 form of a North American number written the usual ways ("(415) 555-0123",
/// "415.555.0123", "1-415-555-0123", "+1 415 555 0123") without the full parser, which
/// is slow: ten digits with a valid area code and exchange (first digits 2-9), after an
/// optional country code 1. Anything else (letters, extensions, other regions and
/// country codes) goes to the parser; the two agree wherever this answers (see the
/// tests).
fn nanp_fast(raw: &str, digits: &str, region: country::Id) -> Option<String> {
    let plus = raw.starts_with('+');
    if !(plus || matches!(region, country::Id::US | country::Id::CA)) {
        return None;
    }
    let plain = raw.chars().enumerate().all(|(i, c)| {
        c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')') || (c == '+' && i == 0)
    });
    if !plain {
        return None;
    }
    let national = match (plus, digits.len()) {
        (false, 10) => digits,
        (_, 11) if digits.starts_with('1') => &digits[1..],
        _ => return None,
    };
    let b = national.as_bytes();
    let ok = |d: u8| (b'2'..=b'9').contains(&d);
    (ok(b[0]) && ok(b[3])).then(|| format!("+1{national}"))
}

/// A region code ("US", "GB") as the phone parser names it.
pub fn region(code: &str) -> Option<country::Id> {
    let code = code.trim().to_ascii_uppercase();
    let code = if code == "UK" { "GB".to_owned() } else { code };
    if code.len() != 2 {
        return None;
    }
    code.parse().ok()
}

/// The region of a country as exports write it: "United States", "USA", "US",
/// "United Kingdom", "UK", "Deutschland", "DE", ... (`None` when unknown).
pub fn region_of_country(raw: &str) -> Option<country::Id> {
    let key: String = fold(raw).chars().filter(|c| c.is_alphanumeric()).collect();
    if key.is_empty() {
        return None;
    }
    if let Some((_, code)) = COUNTRIES.iter().find(|(name, _)| *name == key) {
        return region(code);
    }
    if key.len() == 2 {
        return region(&key);
    }
    None
}

/// Country names, alpha-3 codes and common local names → alpha-2 code (keys: lower case
/// letters only).
const COUNTRIES: &[(&str, &str)] = &[
    ("unitedstates", "US"),
    ("unitedstatesofamerica", "US"),
    ("usa", "US"),
    ("us", "US"),
    ("america", "US"),
    ("unitedkingdom", "GB"),
    ("greatbritain", "GB"),
    ("gbr", "GB"),
    ("uk", "GB"),
    ("england", "GB"),
    ("scotland", "GB"),
    ("wales", "GB"),
    ("northernireland", "GB"),
    ("germany", "DE"),
    ("deutschland", "DE"),
    ("deu", "DE"),
    ("canada", "CA"),
    ("can", "CA"),
    ("australia", "AU"),
    ("aus", "AU"),
    ("france", "FR"),
    ("fra", "FR"),
    ("ireland", "IE"),
    ("irl", "IE"),
    ("netherlands", "NL"),
    ("thenetherlands", "NL"),
    ("holland", "NL"),
    ("nederland", "NL"),
    ("nld", "NL"),
    ("belgium", "BE"),
    ("belgique", "BE"),
    ("belgie", "BE"),
    ("spain", "ES"),
    ("espana", "ES"),
    ("esp", "ES"),
    ("italy", "IT"),
    ("italia", "IT"),
    ("ita", "IT"),
    ("portugal", "PT"),
    ("switzerland", "CH"),
    ("schweiz", "CH"),
    ("suisse", "CH"),
    ("che", "CH"),
    ("austria", "AT"),
    ("osterreich", "AT"),
    ("aut", "AT"),
    ("sweden", "SE"),
    ("sverige", "SE"),
    ("swe", "SE"),
    ("norway", "NO"),
    ("norge", "NO"),
    ("denmark", "DK"),
    ("danmark", "DK"),
    ("finland", "FI"),
    ("suomi", "FI"),
    ("poland", "PL"),
    ("polska", "PL"),
    ("czechrepublic", "CZ"),
    ("czechia", "CZ"),
    ("hungary", "HU"),
    ("romania", "RO"),
    ("greece", "GR"),
    ("turkey", "TR"),
    ("turkiye", "TR"),
    ("israel", "IL"),
    ("unitedarabemirates", "AE"),
    ("uae", "AE"),
    ("saudiarabia", "SA"),
    ("southafrica", "ZA"),
    ("nigeria", "NG"),
    ("kenya", "KE"),
    ("egypt", "EG"),
    ("india", "IN"),
    ("ind", "IN"),
    ("china", "CN"),
    ("japan", "JP"),
    ("jpn", "JP"),
    ("southkorea", "KR"),
    ("korea", "KR"),
    ("republicofkorea", "KR"),
    ("singapore", "SG"),
    ("hongkong", "HK"),
    ("taiwan", "TW"),
    ("malaysia", "MY"),
    ("indonesia", "ID"),
    ("philippines", "PH"),
    ("thailand", "TH"),
    ("vietnam", "VN"),
    ("newzealand", "NZ"),
    ("nzl", "NZ"),
    ("mexico", "MX"),
    ("mex", "MX"),
    ("brazil", "BR"),
    ("brasil", "BR"),
    ("bra", "BR"),
    ("argentina", "AR"),
    ("chile", "CL"),
    ("colombia", "CO"),
    ("peru", "PE"),
];

/// Lower case with accents and other marks removed ("Müller" → "muller", "ß" → "ss").
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            'ß' => out.push_str("ss"),
            'ø' | 'Ø' => out.push('o'),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' => out.push('d'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Words of a folded text: letters and digits; dots and apostrophes join ("S.A." → "sa",
/// "O'Brien" → "obrien"), anything else separates.
fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in fold(s).chars() {
        if c.is_alphanumeric() {
            cur.push(c);
        } else if matches!(c, '.' | '\'' | '’' | '`') {
            continue;
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Legal forms dropped from the end of company names.
const LEGAL_SUFFIXES: &[&str] = &[
    "inc",
    "incorporated",
    "llc",
    "llp",
    "lp",
    "ltd",
    "limited",
    "corp",
    "corporation",
    "co",
    "company",
    "plc",
    "gmbh",
    "mbh",
    "ag",
    "kg",
    "kgaa",
    "ug",
    "ev",
    "sa",
    "sas",
    "sasu",
    "sarl",
    "srl",
    "spa",
    "bv",
    "nv",
    "pty",
    "pte",
    "oy",
    "oyj",
    "ab",
    "as",
    "asa",
    "aps",
    "kk",
    "se",
    "ulc",
    "lda",
    "ltda",
    "sl",
    "sro",
    "zoo",
    "sp",
    "pvt",
    "private",
    "holdings",
    "group",
];

/// A company name without case, accents, punctuation or legal form: "Acme, Inc." →
/// "acme", "Müller GmbH & Co. KG" → "muller". `None` when nothing is left.
pub fn company(raw: &str) -> Option<String> {
    let mut w = words(raw);
    while w.len() > 1
        && w.last()
            .is_some_and(|last| LEGAL_SUFFIXES.contains(&last.as_str()))
    {
        w.pop();
    }
    if w.len() > 1 && w[0] == "the" {
        w.remove(0);
    }
    if w.is_empty() {
        None
    } else {
        Some(w.join(" "))
    }
}

/// A website or domain as its registrable domain: "https://www.Acme.co.uk/about" →
/// "acme.co.uk", "mail.acme.com" → "acme.com". `None` when it is not a domain.
pub fn domain(raw: &str) -> Option<String> {
    let mut s = raw.trim().to_lowercase();
    if let Some(i) = s.find("://") {
        s = s[i + 3..].to_owned();
    }
    let s = s.trim_start_matches("//");
    let host = s.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or("");
    let host = host.trim().trim_end_matches('.');
    let host = host.strip_prefix("www.").unwrap_or(host);
    if !host.contains('.')
        || host.starts_with('.')
        || !host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
    {
        return None;
    }
    Some(psl::domain_str(host).unwrap_or(host).to_owned())
}

/// A generational suffix: two people whose suffixes differ are two people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Generation {
    Senior,
    Junior,
    Second,
    Third,
    Fourth,
}

fn generation(word: &str) -> Option<Generation> {
    Some(match word {
        "sr" | "snr" | "senior" => Generation::Senior,
        "jr" | "jnr" | "junior" => Generation::Junior,
        "ii" | "2nd" => Generation::Second,
        "iii" | "3rd" => Generation::Third,
        "iv" | "4th" => Generation::Fourth,
        _ => return None,
    })
}

const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam",
];

/// A person's name, folded: first and last name (either may be empty) and the
/// generational suffix if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName {
    pub first: String,
    pub last: String,
    pub generation: Option<Generation>,
}

impl PersonName {
    /// Both first and last name known.
    pub fn is_full(&self) -> bool {
        !self.first.is_empty() && !self.last.is_empty()
    }
}

/// Reads a name from first/last name columns, else from a full name ("Ann Lee",
/// "Lee, Ann", "Dr. Robert Miles Jr."). `None` when there is no name.
pub fn person_name(
    first: Option<&str>,
    last: Option<&str>,
    full: Option<&str>,
) -> Option<PersonName> {
    let mut generation = None;
    let mut clean = |s: Option<&str>| -> Vec<String> {
        let mut w = s.map(words).unwrap_or_default();
        w.retain(|x| {
            if let Some(g) = generation_of(x) {
                generation = Some(g);
                false
            } else {
                true
            }
        });
        w
    };
    let (mut f, mut l) = (clean(first), clean(last));
    if f.is_empty() && l.is_empty() {
        let raw = full?;
        if let Some((a, b)) = raw.split_once(',') {
            // "Lee, Ann" unless the part after the comma is only a suffix ("Miles, Jr.").
            let (last_part, first_part) = (clean(Some(a)), clean(Some(b)));
            if first_part.is_empty() {
                f = last_part;
            } else {
                l = last_part;
                f = first_part;
            }
        } else {
            f = clean(Some(raw));
        }
        while f.first().is_some_and(|w| HONORIFICS.contains(&w.as_str())) && f.len() > 1 {
            f.remove(0);
        }
        if l.is_empty() && f.len() > 1 {
            l = vec![f.pop().expect("more than one word")];
        }
    }
    while f.first().is_some_and(|w| HONORIFICS.contains(&w.as_str())) && f.len() > 1 {
        f.remove(0);
    }
    if f.is_empty() && l.is_empty() {
        return None;
    }
    Some(PersonName {
        first: f.join(" "),
        last: l.join(" "),
        generation,
    })
}

fn generation_of(word: &str) -> Option<Generation> {
    generation(word)
}

/// Jaro-Winkler thresholds of Salesforce's standard lead matching rule.
pub const FIRST_NAME_THRESHOLD: f64 = 0.85;
pub const LAST_NAME_THRESHOLD: f64 = 0.90;

/// Whether two full names are one person's: first names Jaro-Winkler ≥ 0.85 and last
/// names ≥ 0.90, and no differing generational suffix.
pub fn names_match(a: &PersonName, b: &PersonName) -> bool {
    a.is_full()
        && b.is_full()
        && generations_agree(a, b)
        && strsim::jaro_winkler(&a.first, &b.first) >= FIRST_NAME_THRESHOLD
        && strsim::jaro_winkler(&a.last, &b.last) >= LAST_NAME_THRESHOLD
}

/// Whether two names can be one person's when something else (an email) already says
/// so: unless both are full names and neither the first nor the last name matches.
pub fn names_compatible(a: &PersonName, b: &PersonName) -> bool {
    if !generations_agree(a, b) {
        return false;
    }
    if !(a.is_full() && b.is_full()) {
        return true;
    }
    strsim::jaro_winkler(&a.first, &b.first) >= FIRST_NAME_THRESHOLD
        || strsim::jaro_winkler(&a.last, &b.last) >= LAST_NAME_THRESHOLD
}

/// Differing suffixes ("Sr." / "Jr.") never agree; a missing one agrees with any.
pub fn generations_agree(a: &PersonName, b: &PersonName) -> bool {
    match (a.generation, b.generation) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        let e = |s: &str| email(s).unwrap();
        assert_eq!(e("  Ann.Lee@Acme.COM "), "ann.lee@acme.com");
        assert_eq!(e("ann.lee+crm@acme.com"), "ann.lee@acme.com");
        assert_eq!(e("Ann.Lee@gmail.com"), "annlee@gmail.com");
        assert_eq!(e("a.n.n.lee+x@googlemail.com"), "annlee@gmail.com");
        assert_eq!(e("ann+news@outlook.com"), "ann@outlook.com");
        // Dots count everywhere but Gmail.
        assert_ne!(e("ann.lee@outlook.com"), e("annlee@outlook.com"));
        assert_eq!(e("mailto:<Bo@Beta.io>"), "bo@beta.io");
        assert_eq!(e("+only@acme.com"), "+only@acme.com");
        for bad in ["", "ann", "@acme.com", "ann@", "ann@localhost", "ann@.com"] {
            assert_eq!(email(bad), None, "{bad}");
        }
        assert_eq!(email_domain("Bo@Beta.IO").as_deref(), Some("beta.io"));
        assert!(is_free_mail("gmail.com"));
        assert!(is_free_mail("yahoo.co.uk"));
        assert!(is_free_mail("hotmail.fr"));
        assert!(!is_free_mail("acme.com"));
        assert!(!is_free_mail("liveops.com"));
    }

    #[test]
    fn phones_in_e164() {
        let us = region("US").unwrap();
        let gb = region("gb").unwrap();
        let de = region("DE").unwrap();
        let p = |s: &str, r| phone(s, r).unwrap();
        assert_eq!(p("(415) 555-0123", us), "+14155550123");
        assert_eq!(p("415.555.0123", us), "+14155550123");
        assert_eq!(p("+1 415 555 0123", gb), "+14155550123");
        assert_eq!(p("001 415 555 0123", de), "+14155550123");
        assert_eq!(p("020 7946 0018", gb), "+442079460018");
        assert_eq!(p("+44 20 7946 0018", us), "+442079460018");
        assert_eq!(p("030 23125 123", de), "+493023125123");
        assert_eq!(phone("12-34", us), None);
        assert_eq!(p("1-415-555-0123", us), "+14155550123");
        assert_eq!(p("+1 (416) 555-0199", gb), "+14165550199");
        assert_eq!(
            p("415-555-0123 ext 12", us),
            phone_by_parser("415-555-0123 ext 12", us)
        );
        assert_eq!(phone("", us), None);
        assert_eq!(region("UK"), region("GB"));
        assert_eq!(region("XX"), None);
        assert_eq!(region_of_country("United States"), Some(us));
        assert_eq!(region_of_country("USA"), Some(us));
        assert_eq!(region_of_country("United Kingdom"), Some(gb));
        assert_eq!(region_of_country("uk"), Some(gb));
        assert_eq!(region_of_country("Deutschland"), Some(de));
        assert_eq!(region_of_country("de"), Some(de));
        assert_eq!(region_of_country("Narnia"), None);
    }

    fn phone_by_parser(raw: &str, region: country::Id) -> String {
        phonenumber::parse(Some(region), raw)
            .unwrap()
            .format()
            .mode(phonenumber::Mode::E164)
            .to_string()
    }

    #[test]
    fn the_north_american_fast_path_agrees_with_the_parser() {
        let us = region("US").unwrap();
        let ca = region("CA").unwrap();
        let gb = region("GB").unwrap();
        let mut answered = 0;
        for raw in [
            "(415) 555-0123",
            "415.555.0123",
            "415 555 0123",
            "4155550123",
            "1-415-555-0123",
            "1 (415) 555-0123",
            "+1 415 555 0123",
            "+1-604-555-0142",
            "+14155550123",
            "(212) 555-0100",
            "800-555-0199",
            "+44 20 7946 0018",
            "020 7946 0018",
            "+49 30 23125 123",
            "(415) 155-0123",
            "115-555-0123",
            "415-555-0123 x12",
        ] {
            let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
            for r in [us, ca, gb] {
                if let Some(fast) = nanp_fast(raw, &digits, r) {
                    answered += 1;
                    assert_eq!(fast, phone_by_parser(raw, r), "{raw} in {r:?}");
                }
            }
        }
        assert!(answered >= 20, "{answered}");
        // Not for other regions' national numbers, nor other country codes.
        assert_eq!(nanp_fast("020 7946 0018", "02079460018", gb), None);
        assert_eq!(nanp_fast("+44 20 7946 0018", "442079460018", us), None);
        assert_eq!(nanp_fast("415-555-0123 x12", "415555012312", us), None);
    }

    #[test]
    fn companies_and_domains() {
        let c = |s: &str| company(s).unwrap();
        assert_eq!(c("Acme, Inc."), "acme");
        assert_eq!(c("ACME INC"), "acme");
        assert_eq!(c("Acme LLC"), "acme");
        assert_eq!(c("Müller GmbH & Co. KG"), "muller");
        assert_eq!(c("Brightwave Analytics Pty Ltd"), "brightwave analytics");
        assert_eq!(c("Société Générale S.A."), "societe generale");
        assert_eq!(c("The Home Depot"), "home depot");
        assert_eq!(c("Inc"), "inc");
        assert_eq!(company(" - "), None);
        let d = |s: &str| domain(s).unwrap();
        assert_eq!(d("https://www.Acme.co.uk/about?x=1"), "acme.co.uk");
        assert_eq!(d("www.acme.com"), "acme.com");
        assert_eq!(d("mail.eu.acme.com"), "acme.com");
        assert_eq!(d("acme.com:8080"), "acme.com");
        assert_eq!(d("ann@acme.io"), "acme.io");
        assert_eq!(domain("N/A"), None);
        assert_eq!(domain("acme"), None);
    }

    #[test]
    fn names() {
        let n =
            |f: Option<&str>, l: Option<&str>, full: Option<&str>| person_name(f, l, full).unwrap();
        let a = n(Some("Jürgen"), Some("O'Brien"), None);
        assert_eq!((a.first.as_str(), a.last.as_str()), ("jurgen", "obrien"));
        let b = n(None, None, Some("Lee, Ann"));
        assert_eq!((b.first.as_str(), b.last.as_str()), ("ann", "lee"));
        let c = n(None, None, Some("Dr. Robert Miles Jr."));
        assert_eq!(
            (c.first.as_str(), c.last.as_str(), c.generation),
            ("robert", "miles", Some(Generation::Junior))
        );
        let d = n(Some("Robert"), Some("Miles Sr."), None);
        assert_eq!(
            (d.last.as_str(), d.generation),
            ("miles", Some(Generation::Senior))
        );
        let e = n(None, None, Some("Miles, Jr."));
        assert_eq!(
            (e.first.as_str(), e.generation),
            ("miles", Some(Generation::Junior))
        );
        assert_eq!(person_name(None, None, None), None);
        assert_eq!(person_name(Some(" "), None, Some("")), None);
    }

    #[test]
    fn name_matching_uses_salesforce_thresholds_and_suffix_guard() {
        let n = |f: &str, l: &str| person_name(Some(f), Some(l), None).unwrap();
        assert!(names_match(&n("Jon", "Smith"), &n("John", "Smith")));
        assert!(names_match(&n("ann", "lee"), &n("Ann", "Lee")));
        assert!(names_match(
            &n("Katherine", "Johnson"),
            &n("Katharine", "Jonson")
        ));
        assert!(!names_match(&n("Ann", "Lee"), &n("Bo", "Lee")));
        assert!(!names_match(&n("Ann", "Lee"), &n("Ann", "Kim")));
        // Sr. and Jr. are two people, whatever else matches.
        let sr = n("Robert", "Miles Sr.");
        let jr = n("Robert", "Miles Jr.");
        assert!(!names_match(&sr, &jr));
        assert!(!names_compatible(&sr, &jr));
        assert!(names_match(&sr, &n("Robert", "Miles")));
        let iii = n("Robert", "Miles III");
        assert!(!names_match(&n("Robert", "Miles II"), &iii));
        // An email shared by differently named people is a shared inbox.
        assert!(!names_compatible(&n("Ann", "Lee"), &n("Bo", "Kim")));
        assert!(names_compatible(&n("Ann", "Lee"), &n("Ann", "Kim")));
        let only_first = person_name(Some("Ann"), None, None).unwrap();
        assert!(names_compatible(&only_first, &n("Bo", "Kim")));
        assert!(!names_match(&only_first, &n("Ann", "Kim")));
    }
}
