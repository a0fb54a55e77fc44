//! Exports that lack a column (#12): a file is refused only when it is unreadable. Each
//! folder of `tests/data/degraded/` lacks something (dates, ids, owners, a stage); the
//! audit runs end to end (`audit`, `show`, `report`), computes what the files hold, and
//! names each figure and finding it cannot give with the file and the field. The
//! expected figures are printed by `python3 tests/degraded_sample.py`, an independent
//! recount with the csv module.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::harness::{flat, leadaudit, poppler, repo};

fn data(set: &str) -> PathBuf {
    repo().join("tests").join("data").join("degraded").join(set)
}

/// An audit of `names` in `set`, saved in a new workspace: the result and the workspace.
struct Audited {
    dir: tempfile::TempDir,
    workspace: String,
    result: Value,
}

fn audit(set: &str, names: &[&str], extra: &[&str]) -> Audited {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("w.leadaudit").display().to_string();
    let mut args: Vec<String> = [
        "audit",
        "--workspace",
        &workspace,
        "--name",
        set,
        "--timezone",
        "UTC",
        "--json",
    ]
    .map(str::to_owned)
    .to_vec();
    args.extend(extra.iter().map(|a| (*a).to_owned()));
    args.extend(
        names
            .iter()
            .map(|n| data(set).join(n).display().to_string()),
    );
    let run = leadaudit(dir.path(), &args);
    let result = serde_json::from_str(run.ok()).unwrap_or_else(|e| panic!("{e}\n{run}"));
    Audited {
        dir,
        workspace,
        result,
    }
}

impl Audited {
    fn figure(&self, pointer: &str) -> &Value {
        let path = format!("/baseline{pointer}");
        self.result
            .pointer(&path)
            .unwrap_or_else(|| panic!("no {path} in {:#}", self.result["baseline"]))
    }

    fn close(&self, pointer: &str, expected: f64) {
        let v = self.figure(pointer);
        let got = v.as_f64().unwrap_or_else(|| panic!("{pointer} is {v}"));
        assert!(
            (got - expected).abs() < 1e-9,
            "{pointer}: {got} != {expected}"
        );
    }

    fn unavailable(&self, figure: &str) -> &str {
        assert!(
            self.result["baseline"][figure].is_null(),
            "{figure} has a value"
        );
        self.result["baseline"]["unavailable"][figure]
            .as_str()
            .unwrap_or_else(|| panic!("no reason for {figure}: {:#}", self.result["baseline"]))
    }

    fn finding(&self, id: &str) -> &Value {
        self.result["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == id)
            .unwrap_or_else(|| panic!("no finding {id}"))
    }

    fn notes(&self) -> Vec<&str> {
        self.result["baseline"]["notes"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }

    /// `show` as text: every line the user reads.
    fn show(&self) -> String {
        let run = leadaudit(
            self.dir.path(),
            &["show", "--workspace", &self.workspace, "--audit", "1"],
        );
        run.ok().to_owned()
    }

    /// `report` to a PDF, read back as text.
    fn report(&self) -> String {
        let pdf = self.dir.path().join("scorecard.pdf").display().to_string();
        let run = leadaudit(
            self.dir.path(),
            &[
                "report",
                "--workspace",
                &self.workspace,
                "--audit",
                "1",
                "--out",
                &pdf,
            ],
        );
        run.ok();
        // Lines may break anywhere in a table cell: compare with spaces collapsed.
        flat(&poppler("pdftotext", &[pdf.as_str(), "-"]))
    }
}

fn contains(text: &str, wanted: &str) {
    assert!(text.contains(wanted), "no \"{wanted}\" in:\n{text}");
}

#[test]
fn dateless_leads_file_audits_with_the_date_figures_named() {
    let a = audit("dateless-leads", &["leads.csv"], &[]);
    assert_eq!(a.result["inputs"]["files"][0]["kind"], "leads");
    assert_eq!(*a.figure("/leads"), 12);
    a.close("/lead_to_opportunity", 0.5);
    let why = "no creation date in leads.csv";
    for figure in ["speed_to_lead", "sla", "response_curve"] {
        assert_eq!(a.unavailable(figure), why, "{figure}");
    }
    assert_eq!(a.figure("/by_quarter").as_array().unwrap().len(), 0);
    assert!(
        a.notes().contains(
            &"one period, every row: no quarter can be told (no creation date in leads.csv)"
        ),
        "{:?}",
        a.notes()
    );
    // What needs no date is measured.
    let industry = a.result["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "fill_rate" && f["field"] == "leads.industry")
        .unwrap();
    assert_eq!(
        (industry["count"].as_u64(), industry["of"].as_u64()),
        (Some(6), Some(12))
    );
    let variants = a.result["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "label_variants" && f["field"] == "leads.source")
        .unwrap();
    assert_eq!(variants["count"], 1);

    let shown = a.show();
    contains(
        &shown,
        "speed_to_lead: not available: no creation date in leads.csv",
    );
    contains(&shown, "one period, every row");
    contains(&a.report(), why);

    // The other commands read the file too.
    let file = data("dateless-leads")
        .join("leads.csv")
        .display()
        .to_string();
    let baseline = leadaudit(a.dir.path(), &["baseline", &file, "--timezone", "UTC"]);
    contains(
        baseline.ok(),
        "speed_to_lead: no creation date in leads.csv",
    );
    leadaudit(a.dir.path(), &["findings", &file]).ok();
    leadaudit(a.dir.path(), &["inspect", &file]).ok();
}

#[test]
fn won_constant_deals_take_their_leads_creation_date() {
    let mapping = data("won-constant")
        .join("mapping.toml")
        .display()
        .to_string();
    let a = audit(
        "won-constant",
        &["leads.csv", "closed-deals.csv"],
        &["--mapping", &mapping],
    );
    assert_eq!(*a.figure("/deals"), 5);
    assert_eq!(*a.figure("/deals_won"), 5);
    a.close("/win_rate", 1.0);
    a.close("/cycle_time_days_median", 41.625);
    assert_eq!(*a.figure("/cycle_time_excluded"), 1);
    a.close("/lead_to_won", 0.5);
    // The same stand-in in the date checks: D-4 closed before its lead was created.
    let before = a.finding("close_before_created");
    assert_eq!(before["count"], 1, "{before}");
    // A finding about the missing date itself counts what is still missing: D-5 has no
    // lead to take a date from.
    let created = a.finding("deal_missing_created");
    assert_eq!(
        (created["count"].as_u64(), created["of"].as_u64()),
        (Some(1), Some(5))
    );
    let stand_in = "closed-deals.csv has no creation date: the linked lead's creation date stands in for it (4 of 5 deals)";
    assert!(
        a.notes().iter().any(|n| n.starts_with(stand_in)),
        "{:?}",
        a.notes()
    );
    contains(&a.show(), stand_in);
    a.report();

    // The deals alone: nothing stands in, and the cycle time says why.
    let alone = audit(
        "won-constant",
        &["closed-deals.csv"],
        &["--mapping", &mapping],
    );
    alone.close("/win_rate", 1.0);
    assert_eq!(
        alone.unavailable("cycle_time_days_median"),
        "no creation date in closed-deals.csv"
    );
    assert_eq!(alone.unavailable("speed_to_lead"), "no leads file");
    contains(
        &alone.show(),
        "cycle_time_days_median: not available: no creation date in closed-deals.csv",
    );
    contains(&alone.report(), "no creation date in closed-deals.csv");
}

#[test]
fn files_without_ids_are_known_by_their_lines() {
    let a = audit("no-ids", &["leads.csv", "deals.csv", "activities.csv"], &[]);
    for (i, kind) in ["leads", "deals", "activities"].iter().enumerate() {
        assert_eq!(a.result["inputs"]["files"][i]["kind"], *kind);
    }
    assert_eq!(*a.figure("/leads"), 5);
    a.close("/qualification_rate", 0.4);
    assert_eq!(*a.figure("/routing/unassigned"), 1);
    a.close("/win_rate", 2.0 / 3.0);
    a.close("/cycle_time_days_median", 30.604166666666664);
    assert_eq!(a.finding("duplicate_clusters")["count"], 1);
    assert_eq!(
        a.unavailable("speed_to_lead"),
        "no first-touch date in leads.csv; no lead or contact id in activities.csv"
    );
    assert_eq!(
        a.finding("orphan_activities")["title"],
        "Not assessed: no lead or contact id in activities.csv."
    );
    let notes = a.notes();
    assert!(
        notes.contains(
            &"leads.csv has no id column: each record is known by its file and line (\"leads.csv:2\" for line 2)"
        ),
        "{notes:?}"
    );
    let shown = a.show();
    contains(&shown, "deals.csv has no id column");
    contains(&shown, "leads.csv: no lead id column");
    a.report();
}

#[test]
fn files_without_dates_give_one_period() {
    let a = audit(
        "no-dates",
        &["leads.csv", "deals.csv", "activities.csv"],
        &[],
    );
    assert_eq!(*a.figure("/leads"), 6);
    a.close("/lead_to_opportunity", 0.5);
    a.close("/win_rate", 2.0 / 3.0);
    a.close("/lead_to_won", 1.0 / 3.0);
    assert_eq!(
        a.unavailable("speed_to_lead"),
        "no creation date in leads.csv"
    );
    assert_eq!(
        a.unavailable("cycle_time_days_median"),
        "no close date in deals.csv"
    );
    assert_eq!(a.figure("/by_quarter").as_array().unwrap().len(), 0);
    assert!(
        a.notes().contains(
            &"one period, every row: no quarter can be told (no creation date in leads.csv; no close date in deals.csv)"
        ),
        "{:?}",
        a.notes()
    );
    // What needs a date is not assessed; what counts missing dates counts them all.
    for id in [
        "closed_in_future",
        "open_past_close_date",
        "close_before_created",
    ] {
        assert_eq!(
            a.finding(id)["title"],
            "Not assessed: no close date in deals.csv.",
            "{id}"
        );
    }
    for (id, count) in [
        ("closed_missing_close_date", 3),
        ("deal_missing_created", 4),
    ] {
        let f = a.finding(id);
        assert_eq!(
            (f["count"].as_u64(), f["of"].as_u64()),
            (Some(count), Some(count)),
            "{id}"
        );
    }
    let amount = a.finding("won_without_amount");
    assert_eq!(
        (amount["count"].as_u64(), amount["of"].as_u64()),
        (Some(1), Some(2))
    );
    contains(
        &a.show(),
        "closed_in_future: not available: no close date in deals.csv",
    );
    contains(&a.report(), "no creation date in leads.csv");
}

#[test]
fn files_without_owners_and_directions_still_measure_speed() {
    let a = audit(
        "no-owners",
        &["leads.csv", "deals.csv", "activities.csv"],
        &[],
    );
    a.close("/speed_to_lead/median_minutes", 105.0);
    a.close("/speed_to_lead/within_5m", 0.25);
    a.close("/speed_to_lead/within_24h", 0.75);
    assert_eq!(*a.figure("/speed_to_lead/touched_before_creation"), 1);
    assert_eq!(*a.figure("/sla/met"), 1);
    assert_eq!(
        a.unavailable("routing"),
        "no owner in leads.csv; no owner in deals.csv"
    );
    // Ownerless deals are what `deals_without_owner` counts: all of them.
    let ownerless = a.finding("deals_without_owner");
    assert_eq!(
        (ownerless["count"].as_u64(), ownerless["of"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(
        a.finding("duplicates_split_across_owners")["title"],
        "Not assessed: no owner in leads.csv."
    );
    assert!(
        a.notes().iter().any(|n| n.starts_with(
            "no direction in activities.csv: calls, emails and meetings count as outbound"
        )),
        "{:?}",
        a.notes()
    );
    contains(
        &a.show(),
        "routing: not available: no owner in leads.csv; no owner in deals.csv",
    );
    a.report();
}

#[test]
fn no_usable_file_gives_no_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("w.leadaudit").display().to_string();
    let file = data("unusable").join("notes.csv").display().to_string();
    let run = leadaudit(
        dir.path(),
        &["audit", "--workspace", &workspace, "--name", "x", &file],
    );
    assert_ne!(run.code, Some(0), "{run}");
    assert!(!run.stdout.contains("verdict"), "{run}");
    contains(
        &run.stderr,
        "none of the files can be used, so there is nothing to audit (notes.csv: ",
    );
    assert!(!Path::new(&workspace).exists(), "{run}");
}

/// Two leads files, one without the owner, source and status the other has (a form
/// tool's list beside the CRM's contacts): the figures that need those fields are not
/// given, naming both files; the rest counts every lead; a note says what the second
/// file lacks and what that does.
#[test]
fn a_field_in_only_some_files_of_a_kind_is_named_not_mixed() {
    let a = audit("partial-fields", &["contacts-a.csv", "contacts-b.csv"], &[]);
    assert_eq!(*a.figure("/leads"), 12);
    assert_eq!(
        a.unavailable("qualification_rate"),
        "no status or lifecycle stage in contacts-b.csv (contacts-a.csv has one; a figure on only some of the leads files is not given)"
    );
    assert_eq!(
        a.unavailable("routing"),
        "no owner in contacts-b.csv (contacts-a.csv has one; a figure on only some of the leads files is not given)"
    );
    assert_eq!(
        a.finding("duplicates_split_across_owners")["title"],
        "Not assessed: no owner in contacts-b.csv (contacts-a.csv has one; a figure on only some of the leads files is not given)."
    );
    let note = "contacts-b.csv has no column for owner, source, status, which contacts-a.csv has";
    assert!(
        a.notes().iter().any(|n| n.starts_with(note)),
        "{:?}",
        a.notes()
    );
    // What both files have is measured on all 12 leads (the e-mail addresses); in the
    // source's fill rate the 4 leads of contacts-b.csv count as having none, as the
    // note says.
    assert_eq!(a.finding("free_mail_share")["of"].as_u64(), Some(12));
    let source = a.result["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "fill_rate" && f["field"] == "leads.source")
        .unwrap();
    assert_eq!(
        (source["count"].as_u64(), source["of"].as_u64()),
        (Some(4), Some(12))
    );
    let shown = a.show();
    contains(
        &shown,
        "routing: not available: no owner in contacts-b.csv (contacts-a.csv has one",
    );
    contains(&shown, note);

    // The other commands say the same.
    let files: Vec<String> = ["contacts-a.csv", "contacts-b.csv"]
        .iter()
        .map(|n| data("partial-fields").join(n).display().to_string())
        .collect();
    let mut args = vec!["baseline", "--timezone", "UTC"];
    args.extend(files.iter().map(String::as_str));
    contains(
        leadaudit(a.dir.path(), &args).ok(),
        "routing: no owner in contacts-b.csv (contacts-a.csv has one",
    );
    let mut args = vec!["findings"];
    args.extend(files.iter().map(String::as_str));
    leadaudit(a.dir.path(), &args).ok();
}
