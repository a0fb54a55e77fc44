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
    // The domain part alone lower-cases as the whole address does (the final sigma).
    for raw in [
        " ΑΣ@ΣΑΣ.ΣΣ ",
        "ΣΣ@Σ.Σ",
        "x@ .ACME.COM.> ",
        "@acme.com",
        "a@b@Acme.Com",
        "İ@İ.COM",
        "a@nodot",
    ] {
        let whole = raw.trim().to_lowercase();
        let expected = whole.rsplit_once('@').and_then(|(local, domain)| {
            let domain = domain.trim().trim_end_matches(['.', '>']);
            (!local.is_empty() && domain.contains('.')).then(|| domain.to_owned())
        });
        assert_eq!(email_domain(raw), expected, "{raw}");
    }
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
    let n = |f: Option<&str>, l: Option<&str>, full: Option<&str>| person_name(f, l, full).unwrap();
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

#[test]
fn folding_ascii_is_lower_casing() {
    for b in 0..128u8 {
        let c = (b as char).to_string();
        assert_eq!(fold_unicode(&c), c.to_ascii_lowercase(), "{b}");
    }
    assert_eq!(fold("Müller ŁÓDŹ"), "muller lodz");
    assert_eq!(fold("O'Brien, Ann-Marie"), "o'brien, ann-marie");
}

/// The free-mail check without its shortcut: what the shortcut must agree with.
fn free_mail_by_registrable(domain: &str) -> bool {
    let domain = domain.trim().trim_end_matches('.');
    if FREE_MAIL.contains(&domain) {
        return true;
    }
    let registrable = psl::domain_str(domain).unwrap_or(domain);
    FREE_MAIL_BRANDS.contains(&registrable.split('.').next().unwrap_or(""))
}

/// Skipping the public suffix list for a domain with no brand among its labels changes no
/// answer: every listed domain, and every brand under many prefixes and suffixes.
#[test]
fn the_free_mail_shortcut_agrees_with_the_suffix_list() {
    let mut domains: Vec<String> = FREE_MAIL.iter().map(|d| (*d).to_owned()).collect();
    let words = FREE_MAIL_BRANDS
        .iter()
        .copied()
        .chain(["acme", "notyahoo", "yahoos", "mail", "co", "com", ""]);
    let words: Vec<&str> = words.collect();
    for w in &words {
        for prefix in ["", "mail.", "eu.mail.", "acme."] {
            for suffix in [
                "",
                ".com",
                ".co.uk",
                ".fr",
                ".com.au",
                ".de",
                ".example",
                ".uk",
                ".co",
                ".",
                ".github.io",
                ".yahoo.com",
            ] {
                domains.push(format!("{prefix}{w}{suffix}"));
            }
        }
    }
    domains.extend(
        [
            "co.uk",
            "yahoo",
            "live",
            ".yahoo.com",
            "yahoo..com",
            " hotmail.fr ",
        ]
        .map(str::to_owned),
    );
    let mut free = 0;
    for d in &domains {
        assert_eq!(is_free_mail(d), free_mail_by_registrable(d), "{d:?}");
        free += usize::from(is_free_mail(d));
    }
    // Both answers occur, many times.
    assert!(
        free > 100 && free < domains.len() - 100,
        "{free} of {}",
        domains.len()
    );
    assert!(is_free_mail("mail.yahoo.co.uk") && !is_free_mail("yahoo.example.com"));
}
