use super::*;
use crate::ingest::Tables;
use crate::settings::Settings;

fn leads() -> DataFrame {
    df!(
            "id" => ["1", "2", "3", "4", "5", "6"],
            "company" => [Some("Acme"), Some("N/A"), Some("asdf"), None, Some("Beta"), Some("Beta")],
            "domain" => [Some("acme.com"), None, None, None, Some("beta.io"), Some("beta.io")],
            "industry" => [Some("Technology"), Some("Select"), Some("technology"), Some("technolgy"), Some("Technology"), Some("-")],
            "employees" => [Some(10.0), None, Some(0.0), None, Some(50.0), Some(50.0)],
            "title" => [Some("CEO"), Some("unknown"), Some("CTO"), None, Some("VP"), Some("VP")],
            "country" => [Some("US"); 6],
            "source" => [Some("Organic Search"), Some("Organic Search"), Some("organic search"), Some("Paid Search"), Some("Paid search"), Some("Paid Search")],
            "first_name" => [Some("a"); 6],
            "last_name" => [Some("b"); 6],
            "full_name" => [None::<&str>; 6],
            "email" => [Some("a@acme.com"), Some("x@Gmail.com"), Some("y@yahoo.co.uk"), None, Some("b@beta.io"), Some("c@beta.io")],
            "phone" => [None::<&str>; 6],
            "status" => [None::<&str>; 6],
            "lifecycle_stage" => [None::<&str>; 6],
            "priority" => [None::<&str>; 6],
            "score" => [Some(10.0), None, None, Some(5.0), Some(1.0), None],
            "fit_score" => [None::<f64>; 6],
            "engagement_score" => [None::<f64>; 6],
            "_file" => ["c.csv"; 6],
            "_line" => [2u32, 3, 4, 5, 6, 7],
        )
        .unwrap()
}

fn run(t: &Tables) -> super::super::Findings {
    let s = Settings::default();
    super::super::Findings {
        findings: findings(&Context::new(t, &s).unwrap()).unwrap(),
    }
}

#[test]
fn enrichment_on_planted_leads() {
    let t = Tables {
        leads: Some(leads()),
        ..Tables::default()
    };
    let f = run(&t);
    let c = |id: &str, field: &str| {
        let x = f
            .for_field(id, field)
            .unwrap_or_else(|| panic!("{id} {field}"));
        (x.count, x.of)
    };
    assert_eq!(c("fill_rate", "leads.company"), (3, 6)); // N/A, asdf, empty
    assert_eq!(c("fill_rate", "leads.industry"), (2, 6)); // Select, -
    assert_eq!(c("fill_rate", "leads.employees"), (3, 6)); // empty, 0, empty
    assert_eq!(c("fill_rate", "leads.country"), (0, 6));
    assert_eq!(
        f.for_field("fill_rate", "leads.country").unwrap().severity,
        Severity::Info
    );
    assert_eq!(c("placeholder_values", "leads.company"), (2, 6));
    assert_eq!(c("placeholder_values", "leads.industry"), (2, 6));
    assert_eq!(c("placeholder_values", "leads.title"), (1, 6));
    assert!(f.for_field("placeholder_values", "leads.source").is_none());
    let pi = f.for_field("placeholder_values", "leads.industry").unwrap();
    assert!(
        pi.detail.contains("\"Select\" (1)") && pi.detail.contains("\"-\" (1)"),
        "{}",
        pi.detail
    );
    // Variants: "organic search" (1 of 3), "Paid search" (1 of 3); industry
    // "technology" (1 of 3 real values Technology×2, technology, technolgy).
    assert_eq!(c("label_variants", "leads.source"), (2, 6));
    assert_eq!(
        f.for_field("label_variants", "leads.source")
            .unwrap()
            .examples,
        ["3", "5"]
    );
    assert_eq!(c("label_variants", "leads.industry"), (1, 4));
    let ind = f
        .for_field("industry_unrecognised", "leads.industry")
        .unwrap();
    assert_eq!((ind.count, ind.of), (1, 4));
    assert_eq!(ind.examples, ["4"]);
    assert!(
        ind.detail.contains("\"technolgy\" (1) → \"technology\""),
        "{}",
        ind.detail
    );
    let fm = f.get("free_mail_share").unwrap();
    assert_eq!((fm.count, fm.of), (2, 5));
    // Scored: 1, 4, 5; lead 4 has no company, domain, industry (misspelt counts as
    // having one) ... so none is empty of everything.
    let s = f.get("scored_without_firmographics").unwrap();
    assert_eq!((s.count, s.of), (0, 3));
}

#[test]
fn scored_without_any_firmographics() {
    let mut l = leads();
    l.with_column(Column::new(
        "industry".into(),
        [None::<&str>, None, None, None, Some("Retail"), None],
    ))
    .unwrap();
    let t = Tables {
        leads: Some(l),
        ..Tables::default()
    };
    let f = run(&t);
    let s = f.get("scored_without_firmographics").unwrap();
    assert_eq!((s.count, s.of), (1, 3));
    assert_eq!(s.examples, ["4"]);
}

#[test]
fn accounts_alone() {
    let accounts = df!(
        "company" => ["Acme Corporation", "Betasoloin", "Cancity"],
        "domain" => [None::<&str>; 3],
        "industry" => ["technolgy", "medical", "technolgy"],
        "country" => ["United States"; 3],
    )
    .unwrap();
    let t = Tables {
        accounts: Some(accounts),
        ..Tables::default()
    };
    let f = run(&t);
    let ind = f
        .for_field("industry_unrecognised", "accounts.industry")
        .unwrap();
    assert_eq!((ind.count, ind.of), (2, 3));
    assert_eq!(ind.examples, ["Acme Corporation", "Cancity"]);
    assert!(
        ind.title.contains("did you mean \"technology\"?"),
        "{}",
        ind.title
    );
    assert!(f.get("fill_rate").unwrap().not_assessed());
    assert!(f.get("free_mail_share").unwrap().not_assessed());
    assert!(!f.get("placeholder_values").unwrap().fires());
}

#[test]
fn placeholder_values_in_rust_and_polars_agree() {
    let ph: Vec<String> = Settings::default().placeholders;
    let values = [
        "Select", " n/a ", "NA", "-", "--", "?", "None", "Acme", "N.A.", "test", "Testing", " — ",
        "Ñ/A", "SELECT",
    ];
    let expected = [
        true, true, true, true, true, true, true, false, false, true, false, true, false, true,
    ];
    let placeholders = Placeholders::new(&ph);
    for (v, e) in values.iter().zip(expected) {
        assert_eq!(placeholders.matches(v), e, "{v}");
    }
    let df = df!("v" => values).unwrap();
    let out = df
        .lazy()
        .select([super::super::measure::is_placeholder(col("v"), &ph).alias("p")])
        .collect()
        .unwrap();
    let got: Vec<bool> = out
        .column("p")
        .unwrap()
        .bool()
        .unwrap()
        .iter()
        .map(|b| b.unwrap())
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn email_domains_of_ascii_values_are_the_regular_expressions() {
    let values = crate::metrics::expr::AWKWARD_EMAILS;
    for (v, (slow, fast)) in values.iter().zip(crate::metrics::expr::fast_and_slow(
        &values,
        email_domain_per_row,
        email_domain_ascii,
    )) {
        assert_eq!(fast, slow, "{v:?}");
    }
}
