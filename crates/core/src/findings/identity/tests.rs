use super::*;
use crate::findings::Severity;
use crate::ingest::Tables;
use crate::settings::Settings;

struct Row {
    id: &'static str,
    email: Option<&'static str>,
    phone: Option<&'static str>,
    first: Option<&'static str>,
    last: Option<&'static str>,
    company: Option<&'static str>,
    country: Option<&'static str>,
    owner: Option<&'static str>,
}

fn r(
    id: &'static str,
    email: Option<&'static str>,
    phone: Option<&'static str>,
    first: &'static str,
    last: &'static str,
    company: Option<&'static str>,
) -> Row {
    Row {
        id,
        email,
        phone,
        first: Some(first),
        last: Some(last),
        company,
        country: None,
        owner: None,
    }
}

fn frame(rows: &[Row]) -> DataFrame {
    df!(
        "id" => rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        "email" => rows.iter().map(|r| r.email).collect::<Vec<_>>(),
        "phone" => rows.iter().map(|r| r.phone).collect::<Vec<_>>(),
        "first_name" => rows.iter().map(|r| r.first).collect::<Vec<_>>(),
        "last_name" => rows.iter().map(|r| r.last).collect::<Vec<_>>(),
        "full_name" => rows.iter().map(|_| None::<&str>).collect::<Vec<_>>(),
        "company" => rows.iter().map(|r| r.company).collect::<Vec<_>>(),
        "domain" => rows.iter().map(|_| None::<&str>).collect::<Vec<_>>(),
        "country" => rows.iter().map(|r| r.country).collect::<Vec<_>>(),
        "owner" => rows.iter().map(|r| r.owner).collect::<Vec<_>>(),
        "_file" => rows.iter().map(|_| "c.csv").collect::<Vec<_>>(),
        "_line" => (0..rows.len() as u32).map(|i| i + 2).collect::<Vec<_>>(),
    )
    .unwrap()
}

fn clusters(rows: &[Row]) -> Vec<u32> {
    cluster(&frame(rows), "US").unwrap().cluster
}

#[test]
fn same_email_in_any_spelling() {
    let c = clusters(&[
        r(
            "1",
            Some("Ann.Lee@Acme.com"),
            None,
            "Ann",
            "Lee",
            Some("Acme"),
        ),
        r("2", Some(" ann.lee@acme.com "), None, "ann", "lee", None),
        r("3", Some("ann.lee+crm@acme.com"), None, "Ann", "Lee", None),
        r("4", Some("bo.kim@gmail.com"), None, "Bo", "Kim", None),
        r("5", Some("BoKim@googlemail.com"), None, "Bo", "Kim", None),
        r("6", Some("cy@other.com"), None, "Cy", "Dee", None),
    ]);
    assert_eq!(c, [0, 0, 0, 1, 1, 2]);
}

#[test]
fn phone_formats_meet_in_e164() {
    let mut a = r(
        "1",
        Some("ann@acme.com"),
        Some("(415) 555-0123"),
        "Ann",
        "Lee",
        None,
    );
    let mut b = r("2", None, Some("+1 415.555.0123"), "Ann", "Lee", None);
    a.country = Some("United States");
    b.country = Some("USA");
    let mut gb1 = r("3", None, Some("020 7946 0018"), "Ian", "Hale", None);
    gb1.country = Some("United Kingdom");
    let gb2 = r("4", None, Some("+44 20 7946 0018"), "Ian", "Hale", None);
    assert_eq!(clusters(&[a, b, gb1, gb2]), [0, 0, 1, 1]);
}

#[test]
fn guard_a_shared_switchboard_alone_never_merges() {
    // Two people at one company share the main number.
    let c = clusters(&[
        r(
            "1",
            Some("ann@acme.com"),
            Some("415 555 0100"),
            "Ann",
            "Lee",
            Some("Acme Inc"),
        ),
        r(
            "2",
            Some("bo@acme.com"),
            Some("415-555-0100"),
            "Bo",
            "Kim",
            Some("Acme"),
        ),
        r(
            "3",
            Some("cy@acme.com"),
            Some("4155550100"),
            "Cy",
            "Dee",
            Some("Acme LLC"),
        ),
    ]);
    assert_eq!(c, [0, 1, 2]);
    // Partner reps at two companies who share a number and a name are still two
    // people when their companies differ.
    let c = clusters(&[
        r("1", None, Some("415 555 0100"), "Ann", "Lee", Some("Acme")),
        r("2", None, Some("415 555 0100"), "Ann", "Lee", Some("Beta")),
    ]);
    assert_eq!(c, [0, 1]);
}

#[test]
fn guard_senior_and_junior_never_merge() {
    let c = clusters(&[
        r(
            "1",
            Some("rmiles@acme.com"),
            Some("415 555 0101"),
            "Robert",
            "Miles Sr.",
            Some("Acme"),
        ),
        r(
            "2",
            Some("robert.miles@acme.com"),
            Some("415 555 0101"),
            "Robert",
            "Miles Jr.",
            Some("Acme"),
        ),
        // Even a shared address does not merge them...
        r(
            "3",
            Some("rmiles@acme.com"),
            None,
            "Robert",
            "Miles Jr.",
            Some("Acme"),
        ),
        // ... nor a third record without a suffix that matches both.
        r(
            "4",
            Some("bob.miles@acme.com"),
            None,
            "Robert",
            "Miles",
            Some("Acme"),
        ),
        r("5", None, None, "Edward", "Hale II", Some("Beta")),
        r("6", None, None, "Edward", "Hale III", Some("Beta")),
    ]);
    assert_ne!(c[0], c[1]);
    assert_ne!(c[0], c[2]);
    assert_eq!(c[1], c[2]);
    assert!(c[3] == c[0] || c[3] == c[1]);
    assert_ne!(c[4], c[5]);
}

#[test]
fn guard_name_only_across_companies_never_merges() {
    let c = clusters(&[
        r(
            "1",
            Some("michael.brown@acme.com"),
            None,
            "Michael",
            "Brown",
            Some("Acme"),
        ),
        r(
            "2",
            Some("mbrown@beta.io"),
            None,
            "Michael",
            "Brown",
            Some("Beta"),
        ),
        r(
            "3",
            Some("michael.brown@gmail.com"),
            None,
            "Michael",
            "Brown",
            None,
        ),
    ]);
    assert_eq!(c, [0, 1, 2]);
}

#[test]
fn guard_shared_inbox_does_not_merge_different_people() {
    let c = clusters(&[
        r("1", Some("info@acme.com"), None, "Ann", "Lee", Some("Acme")),
        r("2", Some("info@acme.com"), None, "Bo", "Kim", Some("Acme")),
        r("3", Some("info@acme.com"), None, "Ann", "Lee", Some("Acme")),
    ]);
    assert_eq!(c, [0, 1, 0]);
}

#[test]
fn fuzzy_names_within_a_company_or_domain() {
    let c = clusters(&[
        r(
            "1",
            Some("katherine.johnson@acme.com"),
            None,
            "Katherine",
            "Johnson",
            Some("Acme, Inc."),
        ),
        r(
            "2",
            Some("kjohnson@gmail.com"),
            None,
            "Katharine",
            "Johnson",
            Some("ACME"),
        ),
        r(
            "3",
            Some("k.johnson@acme.com"),
            None,
            "Kathy",
            "Johnston",
            None,
        ),
        r("4", Some("jon.smith@beta.io"), None, "Jon", "Smith", None),
        r("5", Some("john.smith@beta.io"), None, "John", "Smith", None),
    ]);
    // 1 and 2 by company, 1 and 3? "kathy"/"katherine" JW < 0.85: not merged.
    assert_eq!(c[0], c[1]);
    assert_ne!(c[0], c[2]);
    // 4 and 5 by email domain.
    assert_eq!(c[3], c[4]);
}

#[test]
fn same_record_id_is_one_record() {
    let c = clusters(&[
        r("1", Some("a@x.com"), None, "Ann", "Lee", None),
        r("1", Some("a@x.com"), None, "Ann", "Lee", None),
    ]);
    assert_eq!(c, [0, 0]);
}

#[test]
fn large_blocks_use_sorted_neighbourhoods() {
    // 1,000 people at one company; every tenth has a second record with a typo in
    // the last name.
    let mut seed: u64 = 42;
    let mut word = |len: usize| -> String {
        (0..len)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (b'a' + ((seed >> 33) % 26) as u8) as char
            })
            .collect()
    };
    let (mut first, mut last, mut truth) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..1000 {
        let (f, l) = (word(6), word(9));
        first.push(f.clone());
        last.push(l.clone());
        truth.push(i);
        if i % 10 == 0 {
            let mut typo: Vec<char> = l.chars().collect();
            typo.swap(4, 5);
            first.push(f);
            last.push(typo.into_iter().collect());
            truth.push(i);
        }
    }
    let n = first.len();
    let df = df!(
        "id" => (0..n).map(|i| i.to_string()).collect::<Vec<_>>(),
        "first_name" => first,
        "last_name" => last,
        "company" => vec!["Mega Corp"; n],
    )
    .unwrap();
    let c = cluster(&df, "US").unwrap().cluster;
    let s = pair_scores(&c, &truth);
    assert_eq!((s.precision, s.recall), (1.0, 1.0), "{s:?}");
}

#[test]
fn pair_scores_count_pairs() {
    // Truth: {0,1,2} {3}; predicted: {0,1} {2,3}.
    let s = pair_scores(&[0, 0, 1, 1], &[7, 7, 7, 8]);
    assert_eq!(
        (s.predicted_pairs, s.true_pairs, s.correct_pairs),
        (2, 3, 1)
    );
    assert_eq!((s.precision, s.recall), (0.5, 1.0 / 3.0));
}

#[test]
fn findings_count_duplicates_and_split_owners() {
    let mut rows = vec![
        r("1", Some("ann@acme.com"), None, "Ann", "Lee", None),
        r("2", Some("ANN@acme.com"), None, "Ann", "Lee", None),
        r("3", Some("ann+x@acme.com"), None, "Ann", "Lee", None),
        r("4", Some("bo@beta.io"), None, "Bo", "Kim", None),
        r("5", Some("bo@beta.io"), None, "Bo", "Kim", None),
        r("6", Some("cy@gamma.io"), None, "Cy", "Dee", None),
    ];
    rows[0].owner = Some("Dana");
    rows[1].owner = Some("dana ");
    rows[2].owner = None;
    rows[3].owner = Some("Dana");
    rows[4].owner = Some("Eli");
    let t = Tables {
        leads: Some(frame(&rows)),
        ..Tables::default()
    };
    let s = Settings::default();
    let f = findings(&Context::new(&t, &s).unwrap()).unwrap();
    let d = &f[0];
    assert_eq!((d.id.as_str(), d.count, d.of), ("duplicate_clusters", 3, 6));
    assert_eq!(d.examples, ["1", "2", "3", "4", "5"]);
    assert_eq!(d.severity, Severity::Critical);
    let s = &f[1];
    assert_eq!(
        (s.id.as_str(), s.count, s.of),
        ("duplicates_split_across_owners", 1, 2)
    );
    assert_eq!(s.examples, ["4", "5"]);
}
