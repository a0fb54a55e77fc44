//! The small rule tables behind the derived features: title seniority, free-mail
//! domains, employee bands, words that name an outcome.

/// Title words, checked in order: the first rule with a word in the title wins.
const SENIORITY: &[(&str, &[&str])] = &[
    (
        "C-level / founder",
        &[
            "ceo",
            "cfo",
            "cto",
            "coo",
            "cmo",
            "cio",
            "cro",
            "chief",
            "founder",
            "cofounder",
            "owner",
            "president",
            "partner",
        ],
    ),
    ("VP", &["vp", "vice", "svp", "evp", "avp"]),
    ("Head / director", &["head", "director", "dir"]),
    (
        "Manager / lead",
        &["manager", "mgr", "lead", "supervisor", "principal"],
    ),
    (
        "Individual contributor",
        &[
            "analyst",
            "engineer",
            "specialist",
            "associate",
            "coordinator",
            "representative",
            "consultant",
            "developer",
            "designer",
            "administrator",
            "assistant",
            "officer",
            "executive",
            "accountant",
            "scientist",
            "architect",
            "intern",
            "student",
        ],
    ),
];

/// The seniority band of a job title (`None`: no title; "Other" when no rule matches).
pub fn seniority(title: Option<&str>) -> Option<String> {
    let title = title?.to_lowercase();
    let words: Vec<&str> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return None;
    }
    let band = SENIORITY
        .iter()
        .find(|(_, keys)| words.iter().any(|w| keys.contains(w)))
        .map_or("Other", |(band, _)| band);
    Some(band.to_owned())
}

/// "yes" for an address at a free-mail provider, "no" for another address.
pub fn free_mail(email: Option<&str>) -> Option<String> {
    free_mail_domain(email?.rsplit_once('@')?.1).map(str::to_owned)
}

/// [`free_mail`] of an address's domain (the text after its last `@`).
pub fn free_mail_domain(domain: &str) -> Option<&'static str> {
    let domain = domain.trim().to_lowercase();
    if domain.is_empty() {
        return None;
    }
    Some(if crate::findings::normalise::is_free_mail(&domain) {
        "yes"
    } else {
        "no"
    })
}

/// The employee band of a head count.
pub fn employee_band(n: Option<f64>) -> Option<String> {
    let n = n?;
    if !n.is_finite() || n < 0.0 {
        return None;
    }
    let band = match n as u64 {
        0..=10 => "1–10",
        11..=50 => "11–50",
        51..=200 => "51–200",
        201..=1000 => "201–1,000",
        1001..=5000 => "1,001–5,000",
        _ => "over 5,000",
    };
    Some(band.to_owned())
}

/// Words and phrases whose presence in a value names an outcome.
const OUTCOME_WORDS: &[&str] = &[
    "closed",
    "converted",
    "won",
    "lost",
    "lost to competitor",
    "not interested",
    "disqualified",
    "unqualified",
    "customer",
    "open deal",
    "churned",
];

/// Whether `value` names an outcome (whole words, any case or punctuation).
pub fn names_outcome(value: &str) -> bool {
    let words: Vec<String> = value
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let text = format!(" {} ", words.join(" "));
    OUTCOME_WORDS
        .iter()
        .any(|w| text.contains(&format!(" {w} ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seniority_rules() {
        assert_eq!(seniority(Some("VP of Engineering")).as_deref(), Some("VP"));
        assert_eq!(
            seniority(Some("Chief Revenue Officer")).as_deref(),
            Some("C-level / founder")
        );
        assert_eq!(
            seniority(Some("Head of Growth")).as_deref(),
            Some("Head / director")
        );
        assert_eq!(
            seniority(Some("Data Analyst")).as_deref(),
            Some("Individual contributor")
        );
        assert_eq!(seniority(Some("Wizard")).as_deref(), Some("Other"));
        assert_eq!(seniority(Some("  ")), None);
        assert_eq!(seniority(None), None);
    }

    #[test]
    fn free_mail_and_bands_and_outcome_words() {
        assert_eq!(free_mail(Some("a@Gmail.com")).as_deref(), Some("yes"));
        assert_eq!(free_mail(Some("a@acme.io")).as_deref(), Some("no"));
        assert_eq!(free_mail(Some("nope")), None);
        assert_eq!(employee_band(Some(1091.0)).as_deref(), Some("1,001–5,000"));
        assert_eq!(employee_band(Some(10.0)).as_deref(), Some("1–10"));
        assert!(names_outcome("Closed - Not Converted"));
        assert!(names_outcome("Lost to competitor"));
        assert!(names_outcome("NOT_INTERESTED"));
        assert!(names_outcome("UNQUALIFIED"));
        assert!(!names_outcome("Webinar"));
        assert!(!names_outcome("Wonderland"));
    }
}
