//! The data-quality findings (`leadaudit findings`, `leadaudit::findings`) on the real
//! Maven CRM export and on the sample workspace.
//!
//! Expected figures were computed independently of the code under test:
//! - Maven CRM (`../shared/real-exports/maven-crm/`), with Python's csv module:
//!   `sales_pipeline.csv` has 4,238 `Won` and 2,473 `Lost` rows (6,711 closed, and no
//!   reason column at all), 1,425 rows with an empty `account`, 500 with an empty
//!   `engage_date` (all `Prospecting`); `accounts.csv` has 12 rows whose `sector` is
//!   `technolgy` and no other value outside the industry list (medical, retail,
//!   software, finance, marketing, entertainment, telecommunications, services,
//!   employment).
//! - The sample workspace: the planted counts below are the generator's, listed in
//!   `sample-data/README.md` and `truth.json` (which the generator recounts from the files
//!   it wrote); each test checks the constants against truth.json before using them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use leadaudit::findings::{self, Finding, Findings, Severity, identity};
use leadaudit::ingest::{self, Mapping, Options, Tables};
use leadaudit::settings::Settings;
use serde_json::Value;

use crate::harness::{leadaudit, real_exports, repo};

fn csv_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    files.sort();
    files
}

fn load(files: &[PathBuf], timezone: &str, mapping: Option<&Mapping>) -> Tables {
    ingest::load(
        files,
        &mut Options {
            timezone: timezone.into(),
            mapping,
            progress: None,
            strict: false,
        },
    )
    .unwrap_or_else(|e| panic!("{e}"))
    .tables
}

fn compute(tables: &Tables, timezone: &str) -> Findings {
    let settings = Settings {
        timezone: timezone.into(),
        ..Settings::default()
    };
    findings::compute(tables, &settings).unwrap()
}

fn get<'a>(f: &'a Findings, id: &str) -> &'a Finding {
    f.get(id)
        .unwrap_or_else(|| panic!("no {id} in {:#?}", f.findings))
}

/// The mapping a Maven user writes: `engage_date` is when the deal started.
const MAVEN_MAPPING: &str = r#"
[[file]]
path = "sales_pipeline.csv"
[file.columns]
created_at = "engage_date"
"#;

#[test]
fn maven_crm_findings() {
    let Some(dir) = real_exports("maven-crm") else {
        return;
    };
    let mapping = Mapping::parse(MAVEN_MAPPING, Path::new("maven.toml")).unwrap();
    let f = compute(&load(&csv_files(&dir), "UTC", Some(&mapping)), "UTC");

    let reason = get(&f, "closed_missing_close_reason");
    assert_eq!((reason.count, reason.of), (6_711, 6_711), "{reason:?}");
    assert_eq!(reason.severity, Severity::Critical);
    let company = get(&f, "deal_company_missing");
    assert_eq!((company.count, company.of), (1_425, 8_800), "{company:?}");
    let created = get(&f, "deal_missing_created");
    assert_eq!((created.count, created.of), (500, 8_800), "{created:?}");

    let industry = f
        .for_field("industry_unrecognised", "accounts.industry")
        .unwrap_or_else(|| panic!("{:#?}", f.findings));
    assert_eq!((industry.count, industry.of), (12, 85), "{industry:?}");
    assert!(industry.fires());
    assert!(
        industry
            .detail
            .contains("\"technolgy\" (12) → \"technology\""),
        "{}",
        industry.detail
    );
    assert!(
        industry.title.contains("did you mean \"technology\"?"),
        "{}",
        industry.title
    );
    assert_eq!(industry.examples.len(), 5);

    let lost = get(&f, "no_lost_outcomes");
    assert!(!lost.fires(), "{lost:?}");
    assert_eq!((lost.count, lost.of), (0, 6_711));
    assert!(!get(&f, "no_won_outcomes").fires());

    // No leads file: what needs one says so instead of showing 0.
    for id in ["duplicate_clusters", "fill_rate", "deal_without_lead"] {
        let x = get(&f, id);
        assert!(x.not_assessed() && !x.fires(), "{x:?}");
    }
    // Without the mapping the deals have no creation date at all.
    let f = compute(&load(&csv_files(&dir), "UTC", None), "UTC");
    let created = get(&f, "deal_missing_created");
    assert_eq!((created.count, created.of), (8_800, 8_800));
    assert!(
        created.title.starts_with("None of the 8,800 deals"),
        "{created:?}"
    );
}

#[test]
fn maven_crm_findings_cli_json_and_text() {
    let Some(dir) = real_exports("maven-crm") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let mapping = tmp.path().join("maven.toml");
    std::fs::write(&mapping, MAVEN_MAPPING).unwrap();
    let files: Vec<String> = csv_files(&dir)
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let mut args = vec!["findings".to_owned()];
    args.extend(files.iter().cloned());
    args.extend([
        "--mapping".to_owned(),
        mapping.display().to_string(),
        "--timezone".to_owned(),
        "UTC".to_owned(),
    ]);
    let mut json_args = args.clone();
    json_args.push("--json".to_owned());
    let run = leadaudit(tmp.path(), &json_args);
    let json: Value = serde_json::from_str(run.ok()).unwrap_or_else(|e| panic!("{e}\n{run}"));
    let object = json.as_object().unwrap();
    assert_eq!(object.keys().collect::<Vec<_>>(), ["findings"]);
    let list = json["findings"].as_array().unwrap();
    let mut keys = vec![
        "count", "detail", "examples", "fix", "id", "item", "of", "severity", "title",
    ];
    keys.sort_unstable();
    for f in list {
        // `field` names the field of per-field findings only.
        let mut k: Vec<&str> = f
            .as_object()
            .unwrap()
            .keys()
            .map(|s| s.as_str())
            .filter(|k| *k != "field")
            .collect();
        k.sort_unstable();
        assert_eq!(k, keys, "{f}");
        assert!(
            ["critical", "warning", "info"].contains(&f["severity"].as_str().unwrap()),
            "{f}"
        );
        assert!(f["examples"].as_array().unwrap().len() <= 5, "{f}");
        assert!(!f["title"].as_str().unwrap().is_empty(), "{f}");
        assert!(!f["fix"].as_str().unwrap().is_empty(), "{f}");
    }
    for (id, _) in findings::FINDING_IDS {
        assert!(list.iter().any(|f| f["id"] == *id), "{id} missing");
    }
    let reason = list
        .iter()
        .find(|f| f["id"] == "closed_missing_close_reason")
        .unwrap();
    assert_eq!(
        (&reason["count"], &reason["of"]),
        (&Value::from(6711), &Value::from(6711))
    );
    assert_eq!(reason["item"], 1);

    let run = leadaudit(tmp.path(), &args);
    let text = run.ok().to_owned();
    assert_grouped_most_severe_first(&text);
    assert!(
        text.contains("[critical] closed_missing_close_reason (6,711 of 6,711)"),
        "{text}"
    );
}

/// Items ascending, and within an item critical, then warning, then info.
fn assert_grouped_most_severe_first(text: &str) {
    let mut items: Vec<u32> = Vec::new();
    let mut rank = 0;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("Item ") {
            items.push(rest.split(':').next().unwrap().parse().unwrap());
            rank = 0;
        } else if let Some(rest) = line.trim_start().strip_prefix('[') {
            let r = match rest.split(']').next().unwrap() {
                "critical" => 0,
                "warning" => 1,
                "info" => 2,
                other => panic!("severity {other} in {line}"),
            };
            assert!(r >= rank, "{line} after a less severe finding:\n{text}");
            rank = r;
        }
    }
    assert_eq!(items, [1, 2, 4, 5, 11], "{text}");
}

// ---------------------------------------------------------------------------------
// The sample workspace.

/// The bundled sample workspace (generated by `leadaudit synth`, committed).
fn sample_dir() -> PathBuf {
    repo().join("sample-data")
}

fn truth(dir: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("truth.json")).unwrap()).unwrap()
}

const TZ: &str = "America/New_York";

/// Per-field planted values: (truth key, column, finding field, [(value, count)]).
type FieldCounts = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, u64)],
);

/// The planted counts of one quarter (README "Planted problems: exact counts").
struct Planted {
    quarter: &'static str,
    stage_label_variants: &'static [(&'static str, u64)],
    /// Every scalar count: (key under `planted` in truth.json, finding id, count).
    counts: &'static [(&'static str, &'static str, u64)],
    /// Per-field values: (truth key, column, finding field, [(value, count)]).
    fields: &'static [FieldCounts],
    lost_missing_close_reason: u64,
    won_missing_close_reason: u64,
    technolgy: u64,
    free_mail: (u64, u64),
    records: u64,
    persons: u64,
    clusters: u64,
}

const Q2: Planted = Planted {
    quarter: "2026Q2",
    stage_label_variants: &[
        ("Closed won ", 9),
        ("Closed-Lost", 8),
        ("Won", 6),
        ("closed lost", 11),
        ("closedwon", 14),
    ],
    counts: &[
        (
            "closed_missing_close_reason",
            "closed_missing_close_reason",
            50,
        ),
        ("closed_missing_owner", "closed_missing_owner", 9),
        ("deals_without_owner", "deals_without_owner", 9),
        ("won_without_amount", "won_without_amount", 7),
        ("close_before_created", "close_before_created", 5),
        ("closed_in_future", "closed_in_future", 4),
        ("closed_missing_close_date", "closed_missing_close_date", 3),
        ("open_past_close_date", "open_past_close_date", 6),
        ("outcome_not_on_lead", "outcome_not_on_lead", 8),
        ("converted_without_deal", "converted_without_deal", 19),
        ("deal_without_lead", "deal_without_lead", 11),
        (
            "scored_without_firmographics",
            "scored_without_firmographics",
            18,
        ),
        (
            "duplicates_split_across_owners",
            "duplicates_split_across_owners",
            19,
        ),
        (
            "contacted_without_activity",
            "contacted_without_activity",
            22,
        ),
        ("won_without_activity", "won_without_activity", 6),
        ("orphan_activities", "orphan_activities", 15),
    ],
    fields: &[
        (
            "placeholder_values",
            "Industry",
            "leads.industry",
            &[("-", 9), ("N/A", 12), ("Select", 17)],
        ),
        (
            "placeholder_values",
            "Job Title",
            "leads.title",
            &[("-", 8), ("test", 5), ("unknown", 14)],
        ),
        (
            "placeholder_values",
            "Company Name",
            "leads.company",
            &[("N/A", 6), ("asdf", 4)],
        ),
        (
            "label_variants",
            "Industry",
            "leads.industry",
            &[("Financial services", 8), ("technology", 15)],
        ),
        (
            "label_variants",
            "Original Source",
            "leads.source",
            &[("Paid search", 9), ("organic search", 21)],
        ),
    ],
    lost_missing_close_reason: 38,
    won_missing_close_reason: 12,
    technolgy: 13,
    free_mail: (393, 4_980),
    records: 5_000,
    persons: 4_870,
    clusters: 122,
};

const Q3: Planted = Planted {
    quarter: "2026Q3",
    stage_label_variants: &[
        ("Closed won ", 2),
        ("Closed-Lost", 1),
        ("closed lost", 3),
        ("closedwon", 4),
    ],
    counts: &[
        (
            "closed_missing_close_reason",
            "closed_missing_close_reason",
            18,
        ),
        ("closed_missing_owner", "closed_missing_owner", 3),
        ("deals_without_owner", "deals_without_owner", 3),
        ("won_without_amount", "won_without_amount", 2),
        ("close_before_created", "close_before_created", 2),
        ("closed_in_future", "closed_in_future", 1),
        ("closed_missing_close_date", "closed_missing_close_date", 1),
        ("open_past_close_date", "open_past_close_date", 2),
        ("outcome_not_on_lead", "outcome_not_on_lead", 3),
        ("converted_without_deal", "converted_without_deal", 7),
        ("deal_without_lead", "deal_without_lead", 4),
        (
            "scored_without_firmographics",
            "scored_without_firmographics",
            6,
        ),
        (
            "duplicates_split_across_owners",
            "duplicates_split_across_owners",
            5,
        ),
        (
            "contacted_without_activity",
            "contacted_without_activity",
            8,
        ),
        ("won_without_activity", "won_without_activity", 2),
        ("orphan_activities", "orphan_activities", 5),
    ],
    fields: &[
        (
            "placeholder_values",
            "Industry",
            "leads.industry",
            &[("-", 3), ("N/A", 4), ("Select", 6)],
        ),
        (
            "placeholder_values",
            "Job Title",
            "leads.title",
            &[("-", 3), ("test", 2), ("unknown", 5)],
        ),
        (
            "placeholder_values",
            "Company Name",
            "leads.company",
            &[("N/A", 2), ("asdf", 1)],
        ),
        (
            "label_variants",
            "Industry",
            "leads.industry",
            &[("Financial services", 3), ("technology", 5)],
        ),
        (
            "label_variants",
            "Original Source",
            "leads.source",
            &[("Paid search", 3), ("organic search", 6)],
        ),
    ],
    lost_missing_close_reason: 14,
    won_missing_close_reason: 4,
    technolgy: 4,
    free_mail: (318, 4_993),
    records: 5_000,
    persons: 4_958,
    clusters: 40,
};

/// The constants are the generator's: every one is checked against truth.json.
fn check_constants(p: &Planted, truth: &Value) {
    let planted = &truth["quarters"][p.quarter]["planted"];
    assert!(
        planted.is_object(),
        "no planted counts for {} in truth.json",
        p.quarter
    );
    let n = |v: &Value| v.as_u64().unwrap_or_else(|| panic!("not a count: {v}"));
    let variants: Vec<(String, u64)> = planted["stage_label_variants"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), n(v)))
        .collect();
    let expected: Vec<(String, u64)> = p
        .stage_label_variants
        .iter()
        .map(|(k, v)| ((*k).to_owned(), *v))
        .collect();
    assert_eq!(variants, expected, "{} stage_label_variants", p.quarter);
    for (key, _, count) in p.counts {
        assert_eq!(n(&planted[key]), *count, "{} {key}", p.quarter);
    }
    for (key, column, _, values) in p.fields {
        let got: Vec<(String, u64)> = planted[key][column]
            .as_object()
            .unwrap_or_else(|| panic!("{key}.{column}"))
            .iter()
            .map(|(k, v)| (k.clone(), n(v)))
            .collect();
        let want: Vec<(String, u64)> = values.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect();
        assert_eq!(got, want, "{} {key}.{column}", p.quarter);
        // No other column is planted.
        assert_eq!(
            planted[key].as_object().unwrap().len(),
            p.fields.iter().filter(|f| f.0 == *key).count(),
            "{key}"
        );
    }
    assert_eq!(
        n(&planted["lost_missing_close_reason"]),
        p.lost_missing_close_reason
    );
    assert_eq!(
        n(&planted["won_missing_close_reason"]),
        p.won_missing_close_reason
    );
    assert_eq!(
        planted["industry_unrecognised"],
        serde_json::json!({ "technolgy": p.technolgy })
    );
    assert_eq!(n(&planted["free_mail_share"]["count"]), p.free_mail.0);
    assert_eq!(n(&planted["free_mail_share"]["of"]), p.free_mail.1);
    let d = &planted["duplicate_clusters"];
    assert_eq!(
        (n(&d["records"]), n(&d["persons"]), n(&d["clusters"])),
        (p.records, p.persons, p.clusters)
    );
}

fn quarter_findings(dir: &Path, quarter: &str) -> Findings {
    let files = csv_files(&dir.join(format!("hubspot-{quarter}")));
    assert_eq!(files.len(), 4, "{files:?}");
    compute(&load(&files, TZ, None), TZ)
}

fn check_quarter(p: &Planted, f: &Findings) {
    let q = p.quarter;
    // Item 1: every variant label, each with its count (labels are read trimmed).
    let v = get(f, "stage_label_variants");
    let total: u64 = p.stage_label_variants.iter().map(|x| x.1).sum();
    assert_eq!(v.count, total, "{q} {v:?}");
    for (label, n) in p.stage_label_variants {
        let shown = format!("\"{}\" ({n})", label.trim());
        assert!(
            v.detail.contains(&shown),
            "{q}: {shown} not in {}",
            v.detail
        );
    }
    for (_, id, count) in p.counts {
        let x = get(f, id);
        assert_eq!(x.count, *count, "{q} {id}: {x:?}");
        assert!(x.fires(), "{q} {id}: {x:?}");
        assert!(!x.examples.is_empty() && x.examples.len() <= 5, "{q} {x:?}");
    }
    let reason = get(f, "closed_missing_close_reason");
    let split = format!(
        "Won deals without a reason: {} of",
        p.won_missing_close_reason
    );
    assert!(reason.detail.contains(&split), "{q} {}", reason.detail);
    let split = format!(
        "Lost deals without a reason: {} of",
        p.lost_missing_close_reason
    );
    assert!(reason.detail.contains(&split), "{q} {}", reason.detail);

    // Item 4: per field, with the exact values.
    for (id, _, field, values) in p.fields {
        let x = f
            .for_field(id, field)
            .unwrap_or_else(|| panic!("{q}: no {id} for {field}"));
        let total: u64 = values.iter().map(|v| v.1).sum();
        assert_eq!(x.count, total, "{q} {id} {field}: {x:?}");
        for (value, n) in *values {
            let shown = format!("\"{value}\" ({n})");
            assert!(
                x.detail.contains(&shown),
                "{q}: {shown} not in {}",
                x.detail
            );
        }
    }
    for id in ["placeholder_values", "label_variants"] {
        let planted = p.fields.iter().filter(|x| x.0 == id).count();
        assert_eq!(f.all(id).count(), planted, "{q}: {id} on unplanted fields");
    }
    let ind = f
        .for_field("industry_unrecognised", "leads.industry")
        .unwrap();
    assert_eq!(ind.count, p.technolgy, "{q} {ind:?}");
    assert!(ind.detail.contains("\"technolgy\"") && ind.detail.contains("→ \"technology\""));
    let fm = get(f, "free_mail_share");
    assert_eq!((fm.count, fm.of), p.free_mail, "{q}");

    // Item 5.
    let d = get(f, "duplicate_clusters");
    assert_eq!(
        (d.count, d.of),
        (p.records - p.persons, p.records),
        "{q} {d:?}"
    );
    let s = get(f, "duplicates_split_across_owners");
    assert_eq!(s.of, p.clusters, "{q} {s:?}");

    // What is not planted does not fire.
    for id in [
        "closed_missing_outcome",
        "deal_missing_created",
        "deal_company_missing",
        "no_lost_outcomes",
        "no_won_outcomes",
    ] {
        let x = get(f, id);
        assert!(!x.fires() && x.count == 0, "{q} {x:?}");
    }
}

#[test]
fn sample_workspace_planted_problems_are_found_with_their_exact_counts() {
    let dir = sample_dir();
    let truth = truth(&dir);
    assert_eq!(truth["timezone"], TZ);
    for p in [&Q2, &Q3] {
        check_constants(p, &truth);
        let f = quarter_findings(&dir, p.quarter);
        check_quarter(p, &f);
    }
}

/// Loads the contacts of the given quarters and clusters them.
fn identity_scores(dir: &Path, quarters: &[&str], truth: &Value) -> identity::PairScores {
    let files: Vec<PathBuf> = quarters
        .iter()
        .map(|q| dir.join(format!("hubspot-{q}")).join("contacts.csv"))
        .collect();
    let tables = load(&files, TZ, None);
    let leads = tables.leads.expect("contacts");
    let clusters = identity::cluster(&leads, "US").unwrap();
    let persons: HashMap<&str, &str> = truth["persons"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str().unwrap()))
        .collect();
    let ids = leads.column("id").unwrap().str().unwrap().clone();
    let truth_labels: Vec<&str> = ids
        .iter()
        .map(|id| {
            let id = id.expect("every contact has an id");
            *persons
                .get(id)
                .unwrap_or_else(|| panic!("record {id} is not in truth.json"))
        })
        .collect();
    identity::pair_scores(&clusters.cluster, &truth_labels)
}

#[test]
fn sample_workspace_identity_precision_and_recall() {
    let dir = sample_dir();
    let truth = truth(&dir);
    for quarters in [&["2026Q2"][..], &["2026Q3"], &["2026Q2", "2026Q3"]] {
        let s = identity_scores(&dir, quarters, &truth);
        println!(
            "identity on {}: precision {:.4} ({} of {} predicted pairs), recall {:.4} ({} of {} true pairs)",
            quarters.join(" + "),
            s.precision,
            s.correct_pairs,
            s.predicted_pairs,
            s.recall,
            s.correct_pairs,
            s.true_pairs
        );
        assert!(s.true_pairs > 0);
        assert!(s.precision >= 0.98, "{quarters:?}: {s:?}");
        assert!(s.recall >= 0.95, "{quarters:?}: {s:?}");
    }
}

#[test]
fn sample_workspace_findings_cli_text() {
    let dir = sample_dir();
    let mut args = vec!["findings".to_owned()];
    args.extend(
        csv_files(&dir.join("hubspot-2026Q2"))
            .iter()
            .map(|p| p.display().to_string()),
    );
    args.extend(["--timezone".to_owned(), TZ.to_owned()]);
    let run = leadaudit(&dir, &args);
    let text = run.ok();
    assert_grouped_most_severe_first(text);
    assert!(
        text.contains("[warning] duplicate_clusters (130 of 5,000)"),
        "{text}"
    );
    assert!(text.contains("e.g. "), "{text}");
}

// The Salesforce export synced from 2026Q3, alone and beside the HubSpot files.
//
// Expected figures: printed by `python3 tests/systems_sample.py` (an independent recount
// with Python's csv module; its docstring has the definitions) and pasted here. The
// script also checks the Salesforce counts against truth.json's `salesforce.planted`;
// the test checks them again below.

/// `(finding id, Salesforce count, of, HubSpot 2026Q3 count, of)`.
const SYSTEMS: &[(&str, u64, u64, u64, u64)] = &[
    ("converted_without_deal", 9, 101, 7, 497),
    ("deal_without_lead", 5, 97, 4, 494),
    ("closed_missing_close_reason", 7, 32, 18, 362),
];
/// Groups of deals found in both systems, and those won in one only (all four won in
/// Salesforce, lost in HubSpot).
const MISMATCH: (u64, u64) = (4, 92);

/// truth.json's key for each Salesforce count.
fn salesforce_truth_key(id: &str) -> &'static str {
    match id {
        "converted_without_deal" => "converted_without_opportunity",
        "deal_without_lead" => "opportunity_without_lead",
        "closed_missing_close_reason" => "closed_missing_close_reason",
        "outcome_mismatch_between_systems" => "outcome_mismatch_with_hubspot",
        other => panic!("{other}"),
    }
}

fn findings_json(dir: &Path, files: &[PathBuf]) -> Value {
    let mut args = vec!["findings".to_owned(), "--json".to_owned()];
    args.extend(files.iter().map(|p| p.display().to_string()));
    args.extend(["--timezone".to_owned(), TZ.to_owned()]);
    serde_json::from_str(leadaudit(dir, &args).ok()).unwrap()
}

fn json_finding<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {v:#}"))
}

fn count_of(f: &Value) -> (u64, u64) {
    (f["count"].as_u64().unwrap(), f["of"].as_u64().unwrap())
}

#[test]
fn salesforce_and_hubspot_together() {
    let dir = sample_dir();
    let planted = &truth(&dir)["salesforce"]["planted"];
    for (id, sf, ..) in SYSTEMS {
        assert_eq!(planted[salesforce_truth_key(id)], *sf, "{id}");
    }
    assert_eq!(
        planted[salesforce_truth_key("outcome_mismatch_between_systems")],
        MISMATCH.0
    );
    let sf = csv_files(&dir.join("salesforce"));
    let hs = csv_files(&dir.join("hubspot-2026Q3"));
    assert_eq!((sf.len(), hs.len()), (2, 4));

    // The Salesforce files alone: the planted counts, and nothing to compare with.
    let alone = findings_json(&dir, &sf);
    for (id, n, of, ..) in SYSTEMS {
        assert_eq!(count_of(json_finding(&alone, id)), (*n, *of), "{id}");
    }
    let m = json_finding(&alone, "outcome_mismatch_between_systems");
    assert_eq!(count_of(m), (0, 0));
    assert!(
        m["title"]
            .as_str()
            .unwrap()
            .starts_with("Not assessed: every deal comes from one system (Salesforce)"),
        "{m}"
    );

    // Both systems: each count by system, and the outcomes compared.
    let mut files = sf.clone();
    files.extend(hs.iter().cloned());
    let both = findings_json(&dir, &files);
    for (id, sf_n, sf_of, hs_n, hs_of) in SYSTEMS {
        let f = json_finding(&both, id);
        assert_eq!(count_of(f), (sf_n + hs_n, sf_of + hs_of), "{id}");
        let line = format!("By system: Salesforce {sf_n} of {sf_of}, HubSpot {hs_n} of {hs_of}.");
        assert!(f["detail"].as_str().unwrap().contains(&line), "{id}: {f}");
    }
    let m = json_finding(&both, "outcome_mismatch_between_systems");
    assert_eq!(count_of(m), MISMATCH, "{m}");
    assert_eq!(m["item"], 2);
    assert_eq!(m["severity"], "warning");
    assert!(
        m["detail"]
            .as_str()
            .unwrap()
            .starts_with("Won only in: Salesforce 4."),
        "{m}"
    );
    assert_eq!(m["examples"].as_array().unwrap().len(), 4, "{m}");

    // The text report says the same.
    let mut args = vec!["findings".to_owned()];
    args.extend(files.iter().map(|p| p.display().to_string()));
    args.extend(["--timezone".to_owned(), TZ.to_owned()]);
    let run = leadaudit(&dir, &args);
    let text = run.ok();
    assert!(
        text.contains("[warning] outcome_mismatch_between_systems (4 of 92)"),
        "{text}"
    );
    assert!(
        text.contains("By system: Salesforce 9 of 101, HubSpot 7 of 497."),
        "{text}"
    );
}
