//! Normal forms of the values identity is decided on: emails, phones (E.164), company
//! names, domains and person names.

use crate::metrics::expr::trim;
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
    let domain = trim(domain).trim_end_matches('.');
    if FREE_MAIL.contains(&domain) {
        return true;
    }
    // The brand is a label of the domain (the first of its registrable part, a suffix of
    // it): a domain with no brand among its labels is not looked up in the public suffix
    // list. A million leads' addresses hold hundreds of thousands of company domains (#11).
    if !domain.split('.').any(|l| FREE_MAIL_BRANDS.contains(&l)) {
        return false;
    }
    let registrable = psl::domain_str(domain).unwrap_or(domain);
    let brand = registrable.split('.').next().unwrap_or("");
    FREE_MAIL_BRANDS.contains(&brand)
}

/// The domain of an email address, lower case (`None` when it is not an address).
pub fn email_domain(raw: &str) -> Option<String> {
    email_domain_part(raw).and_then(mail_host)
}

/// The part of an email address after its last `@` as written, when something precedes
/// the `@`: what [`email_domain`] reads the domain from, so that the many addresses at
/// one domain can share one [`mail_host`].
pub fn email_domain_part(raw: &str) -> Option<&str> {
    let (local, domain) = trim(raw).rsplit_once('@')?;
    (!local.is_empty()).then_some(domain)
}

/// The domain in an [`email_domain_part`], lower case (`None` without a dot).
/// Lower-casing the part alone is lower-casing the whole address: no character
/// lower-cases to or from `@`, and the final-sigma rule does not look across it.
pub fn mail_host(part: &str) -> Option<String> {
    let part = part.to_lowercase();
    let domain = trim(&part).trim_end_matches(['.', '>']);
    domain.contains('.').then(|| domain.to_owned())
}

/// An email address in the form two spellings of one mailbox share: lower case and
/// trimmed; a `+tag` dropped (Gmail, Outlook, iCloud, Fastmail, Proton and the Google
/// Workspace and Microsoft 365 servers behind most company domains deliver
/// `name+tag@` to `name@`); at Gmail dots ignored and googlemail.com read as gmail.com.
/// `None` when the value is not an address.
pub fn email(raw: &str) -> Option<String> {
    let s = trim(raw).to_lowercase();
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
    let raw = trim(raw);
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
    // ASCII decomposes to itself and carries no marks: lower case is all there is.
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    fold_unicode(s)
}

/// [`fold`] of any text, character by character.
fn fold_unicode(s: &str) -> String {
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

/// A website or domain as its registrable domain: `"https://www.Acme.co.uk/about"` →
/// `"acme.co.uk"`, `"mail.acme.com"` → `"acme.com"`. `None` when it is not a domain.
pub fn domain(raw: &str) -> Option<String> {
    let mut s = trim(raw).to_lowercase();
    if let Some(i) = s.find("://") {
        s = s[i + 3..].to_owned();
    }
    let s = s.trim_start_matches("//");
    let host = s.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or("");
    let host = trim(host).trim_end_matches('.');
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
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
    names_match_by(a, b, similar)
}

/// [`names_match`], asking `similar` (which answers as [`similar`] does, from a memo
/// say) whether two first or two last names are alike.
pub fn names_match_by<'n>(
    a: &'n PersonName,
    b: &'n PersonName,
    mut similar: impl FnMut(&'n str, &'n str, f64) -> bool,
) -> bool {
    a.is_full()
        && b.is_full()
        && generations_agree(a, b)
        && similar(&a.first, &b.first, FIRST_NAME_THRESHOLD)
        && similar(&a.last, &b.last, LAST_NAME_THRESHOLD)
}

/// Whether the Jaro-Winkler similarity of two names reaches `threshold` (at most 1):
/// equal names always do, without computing it.
pub fn similar(a: &str, b: &str, threshold: f64) -> bool {
    a == b || strsim::jaro_winkler(a, b) >= threshold
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
    similar(&a.first, &b.first, FIRST_NAME_THRESHOLD)
        || similar(&a.last, &b.last, LAST_NAME_THRESHOLD)
}

/// Differing suffixes ("Sr." / "Jr.") never agree; a missing one agrees with any.
pub fn generations_agree(a: &PersonName, b: &PersonName) -> bool {
    match (a.generation, b.generation) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

#[cfg(test)]
mod tests;
