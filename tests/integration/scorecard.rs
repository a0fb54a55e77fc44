//! `leadaudit report` end to end on the sample workspace: the second quarter audited and
//! graded, the third audited and graded (with an override and a note holding a contact's
//! email and phone), then the third quarter's scorecard written against the second. The
//! PDF is read back with poppler's `pdftotext -layout`, rasterised with `pdftoppm` into
//! `target/scorecard/` (colour and greyscale, for a person to look at), and checked
//! against what `leadaudit show --json` says.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use leadaudit::audit::AuditResult;
use leadaudit::grade::GradeLevel;
use leadaudit::present::{self, HEADLINE, Reading, headline_figures};
use leadaudit::report::Paper;
use leadaudit::report::redact::{redact_email, redact_phone};
use leadaudit::report::scorecard::{ScorecardOptions, render_scorecard};
use serde_json::Value;

use crate::harness::{Run, assert_pages_render, flat, leadaudit, poppler, repo, write_pngs};

/// A fixed document date, so renders can be compared byte for byte.
const EPOCH: &str = "1767225600";

struct Sample {
    dir: PathBuf,
    workspace: PathBuf,
    /// `show --json` of audit 1 (2026 Q2) and audit 2 (2026 Q3), grades applied.
    q2: Value,
    q3: Value,
    /// A contact of the third quarter's export whose email and phone are in a note.
    email: String,
    phone: String,
}

fn out_dir() -> PathBuf {
    let dir = repo().join("target").join("scorecard");
    std::fs::create_dir_all(&dir).expect("target/scorecard can be created");
    dir
}

fn csv_rows(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).expect("a sample CSV reads");
    let headers = reader
        .headers()
        .expect("headers")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("a row").iter().map(str::to_owned).collect())
        .collect();
    (headers, rows)
}

fn column(path: &Path, name: &str) -> Vec<String> {
    let (headers, rows) = csv_rows(path);
    let Some(i) = headers.iter().position(|h| h == name) else {
        return Vec::new();
    };
    rows.into_iter()
        .filter_map(|r| r.get(i).cloned())
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect()
}

fn sample_files(quarter: &str) -> Vec<String> {
    let dir = repo()
        .join("sample-data")
        .join(format!("hubspot-{quarter}"));
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("the sample quarter is there")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    files
}

fn ok(run: Run) -> String {
    run.ok().to_owned()
}

/// The workspace, built once for every test of this module.
fn sample() -> &'static Sample {
    static SAMPLE: OnceLock<Sample> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let dir = out_dir().join("work");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let workspace = dir.join("Brightwave Analytics.leadaudit");
        let ws = workspace.display().to_string();

        let mut args = vec![
            "audit",
            "--workspace",
            &ws,
            "--name",
            "2026 Q2",
            "--timezone",
            "America/New_York",
        ];
        let q2_files = sample_files("2026Q2");
        args.extend(q2_files.iter().map(String::as_str));
        assert!(ok(leadaudit(&dir, &args)).starts_with("audit 1: 2026 Q2"));
        ok(leadaudit(
            &dir,
            &[
                "grade",
                "--workspace",
                &ws,
                "--audit",
                "1",
                "8",
                "partial",
                "--owner",
                "Grace Okafor",
            ],
        ));

        let mut args = vec!["audit", "--workspace", &ws, "--name", "2026 Q3"];
        let q3_files = sample_files("2026Q3");
        args.extend(q3_files.iter().map(String::as_str));
        assert!(ok(leadaudit(&dir, &args)).starts_with("audit 2: 2026 Q3"));

        // A contact with both an email and a phone, for the note.
        let contacts = repo().join("sample-data/hubspot-2026Q3/contacts.csv");
        let (headers, rows) = csv_rows(&contacts);
        let (ei, pi) = (
            headers.iter().position(|h| h == "Email").unwrap(),
            headers.iter().position(|h| h == "Phone Number").unwrap(),
        );
        let row = rows
            .iter()
            .find(|r| r[ei].contains('@') && r[pi].contains(' ') && r[pi].starts_with('+'))
            .expect("a contact with an email and an international phone");
        let (email, phone) = (row[ei].clone(), row[pi].clone());
        let note = format!("Escalations go to {email} or {phone} after hours");
        for grade in [
            vec![
                "8",
                "in_place",
                "--owner",
                "Grace Okafor",
                "--due",
                "2026-11-30",
                "--note",
                &note,
            ],
            // Items 10 and 8 are foundations: 10 missing means "fix the foundations".
            vec![
                "10",
                "missing",
                "--owner",
                "Dave Ruiz",
                "--escalation",
                "high_value",
            ],
            // The data suggests "partial" (61% within the default 1 h target); the
            // person says in place: an override.
            vec![
                "7",
                "in_place",
                "--note",
                "Target written in the SDR playbook",
            ],
            vec![
                "12",
                "in_place",
                "--owner",
                "Marcus Feldmann",
                "--due",
                "2026-12-15",
            ],
        ] {
            let mut args = vec!["grade", "--workspace", &ws, "--audit", "2"];
            args.extend(grade);
            ok(leadaudit(&dir, &args));
        }
        let show = |id: &str| -> Value {
            serde_json::from_str(&ok(leadaudit(
                &dir,
                &["show", "--workspace", &ws, "--audit", id, "--json"],
            )))
            .expect("show --json is JSON")
        };
        Sample {
            q2: show("1"),
            q3: show("2"),
            dir,
            workspace,
            email,
            phone,
        }
    })
}

/// Runs `leadaudit report` with `SOURCE_DATE_EPOCH` fixed; `extra` after the basics.
fn report(out: &Path, extra: &[&str]) -> Run {
    let s = sample();
    let mut args: Vec<String> = [
        "report",
        "--workspace",
        &s.workspace.display().to_string(),
        "--audit",
        "2",
        "--out",
        &out.display().to_string(),
    ]
    .map(str::to_owned)
    .to_vec();
    args.extend(extra.iter().map(|a| (*a).to_owned()));
    let output = Command::new(env!("CARGO_BIN_EXE_leadaudit"))
        .args(&args)
        .current_dir(&s.dir)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("the leadaudit binary runs");
    Run {
        args,
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn layout_text(pdf: &Path) -> String {
    poppler(
        "pdftotext",
        &["-layout", "-enc", "UTF-8", pdf.to_str().unwrap(), "-"],
    )
}

fn reading(result: &Value, pointer: &str) -> Option<Reading> {
    match result.pointer(pointer)? {
        Value::Number(n) => n.as_f64().map(Reading::Number),
        Value::String(s) if s == "not_reached" => Some(Reading::NotReached("not_reached")),
        _ => None,
    }
}

/// Each headline figure: id, its value in 2026 Q2 and in 2026 Q3, the Q3 value as
/// printed, and its change as printed. Shares print as percentages (whole above 10%, one
/// decimal below) and change in percentage points; minutes as minutes, hours or days.
/// E.g. speed median 659 → 35 minutes: "35 min", −624 min = −10.4 h, "better: −10 h".
/// These strings move when the sample or a definition changes (qualification_rate
/// follows the qualified statuses).
const HEADLINE_PRINTED: &[(&str, f64, f64, &str, &str)] = &[
    ("speed_median", 659.0, 35.0, "35 min", "better: −10 h"),
    (
        "speed_p90",
        5472.200000000001,
        2787.2000000000007,
        "1.9 d",
        "better: −1.9 d",
    ),
    ("within_5m", 0.147, 0.3656, "37%", "better: +22 pts"),
    ("within_1h", 0.348, 0.6092, "61%", "better: +26 pts"),
    (
        "never_contacted",
        0.0384,
        0.0122,
        "1.2%",
        "better: −2.6 pts",
    ),
    // No priority column in the sample: every lead has the 1 h target.
    ("sla_compliance", 0.348, 0.6092, "61%", "better: +26 pts"),
    ("late_touch_no_follow_up", 29.0, 10.0, "10", "better: −19"),
    ("night_breaches", 48.0, 17.0, "17", "better: −31"),
    (
        "qualification_rate",
        0.3866,
        0.462,
        "46%",
        "better: +7.5 pts",
    ),
    (
        "lead_to_opportunity",
        0.09,
        0.098,
        "9.8%",
        "better: +0.8 pts",
    ),
    (
        "win_rate",
        0.34818941504178275,
        0.4171270718232044,
        "42%",
        "better: +6.9 pts",
    ),
    (
        "cycle_time",
        11.580555555555556,
        12.656944444444445,
        "13 d",
        "worse: +1.1 d",
    ),
];

fn level(v: &Value) -> GradeLevel {
    serde_json::from_value(v.clone()).expect("a grade level")
}

#[test]
fn the_scorecard_says_what_the_audit_says() {
    let s = sample();
    let path = out_dir().join("q3-vs-q2.pdf");
    let run = report(&path, &["--compare", "1"]);
    assert!(
        run.ok()
            .contains("compared with audit 1 (2026 Q2); personal data redacted"),
        "{run}"
    );
    assert!(run.stderr.is_empty(), "no layout warning: {run}");
    let text = layout_text(&path);
    let pages: Vec<&str> = text.split('\u{c}').collect();
    let page1 = pages[0];
    let flat1 = flat(page1);

    // The verdict, from the result (grades applied): item 10 missing.
    let verdict = s.q3["verdict"]["label"].as_str().unwrap();
    assert_eq!(verdict, "Fix the foundations first");
    assert!(flat1.contains(verdict), "{page1}");
    assert!(flat1.contains("Brightwave Analytics"));
    assert!(flat1.contains("compared with 2026 Q2"));

    // The 12 items: every title on page 1, and as many pills of each grade as items
    // have that grade (plus the legend's one).
    let checks = s.q3["checks"].as_array().unwrap();
    assert_eq!(checks.len(), 12);
    for c in checks {
        let title = c["title"].as_str().unwrap();
        assert!(flat1.contains(title), "page 1 lacks {title:?}");
    }
    for g in GradeLevel::ALL {
        let n = checks
            .iter()
            .filter(|c| level(&c["effective"]) == g)
            .count();
        assert_eq!(
            flat1.matches(g.label()).count(),
            n + 1,
            "{} on page 1",
            g.label()
        );
    }
    // And each item's section opens with its number, title and grade on one line.
    for c in checks {
        let item = c["item"].as_u64().unwrap();
        let title = c["title"].as_str().unwrap();
        let grade = level(&c["effective"]).label();
        let head = format!("{item:02}");
        assert!(
            pages[1..]
                .iter()
                .flat_map(|p| p.lines())
                .map(str::trim)
                .any(|l| { l.starts_with(&head) && l.contains(title) && l.ends_with(grade) }),
            "no section line \"{head} {title} … {grade}\""
        );
    }
    // The override and the suggestion behind it.
    assert!(
        flat(&text).contains("In place, chosen by a person over the data's suggestion (partial)")
    );

    // The headline figures as page 1 prints them, and their change since the second
    // quarter, written out by hand. The numbers behind them are the independent recount
    // of tests/baseline_sample.py (SAMPLE_Q2 and SAMPLE_Q3 in baseline.rs; the speed
    // buckets and deal counts are also in sample-data/README.md); the test checks the
    // audits hold exactly those numbers, then that the page says them this way.
    for (id, q2, q3, printed, change) in HEADLINE_PRINTED {
        let figure = present::figure(id).unwrap();
        for (result, want, quarter) in [(&s.q2, q2, "2026 Q2"), (&s.q3, q3, "2026 Q3")] {
            match reading(result, figure.pointer) {
                Some(Reading::Number(v)) => {
                    assert!(
                        (v - want).abs() < 1e-9,
                        "{id} in {quarter}: {v}, not {want}"
                    )
                }
                other => panic!("{id} in {quarter}: {other:?}"),
            }
        }
        assert!(flat1.contains(printed), "{id}: {printed} is not on page 1");
        assert!(
            flat1.contains(change),
            "{id}: \"{change}\" is not on page 1"
        );
    }
    assert_eq!(HEADLINE_PRINTED.len(), HEADLINE.len());
    for id in HEADLINE {
        assert!(HEADLINE_PRINTED.iter().any(|h| h.0 == id), "{id}");
    }
    // Both sides measured on the sample: numbers, not "not reached" or "not available".
    assert!(!flat1.contains("Not available"));

    // The rest of the document.
    let all = flat(&text);
    for piece in [
        "Speed-to-lead: leads by time to first touch",
        "SLA breaches by hour of week (America/New_York)",
        "Leads per owner against an equal share",
        "Response-time curve",
        "Baselines per quarter",
        // The Score readiness page (#15): one quarter's leads are mostly too young to
        // label, so the verdict is thin, but the ROC curve and calibration are drawn.
        "Score readiness",
        "Thin: too few labelled outcomes",
        // The two charts side by side: their titles wrap, so only their first lines.
        "ROC curve: won leads found against",
        "Calibration: predicted against observed",
        "Lead Status Reason (contacts.csv, not mapped)",
        "What to fix first",
        "The files read",
        "The mapping",
        "The settings",
        "Definitions",
    ] {
        assert!(all.contains(piece), "{piece}");
    }
    for f in s.q3["inputs"]["files"].as_array().unwrap() {
        assert!(all.contains(f["sha256"].as_str().unwrap()), "{f}");
    }
    for d in present::DEFINITIONS {
        assert!(all.contains(d.term), "definition of {}", d.term);
    }
    // Page numbers run to the end.
    let n = pages.iter().filter(|p| !p.trim().is_empty()).count();
    assert!(all.contains(&format!("Page {n} of {n}")));

    // Without --compare, the previous audit is the one before: the same bytes.
    let default = out_dir().join("q3-default-compare.pdf");
    report(&default, &[]).ok();
    assert!(
        std::fs::read(&default).unwrap() == std::fs::read(&path).unwrap(),
        "the default comparison is with audit 1"
    );
}

/// The cells of a CLI table row: its text split where two or more spaces part it.
fn cells(line: &str) -> Vec<&str> {
    line.split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

/// #13 defect 6: a headline figure prints the same in the CLI (`compare`, `history`), in
/// the app (its tiles are `headline_figures`, the function `views::audit_view_of` calls)
/// and on page 1 of the PDF: one rule, `leadaudit::format`.
#[test]
fn every_headline_figure_reads_the_same_in_the_cli_the_app_and_the_pdf() {
    let s = sample();
    let q2: AuditResult = serde_json::from_value(s.q2.clone()).expect("audit 1 reads back");
    let q3: AuditResult = serde_json::from_value(s.q3.clone()).expect("audit 2 reads back");
    let app = headline_figures(&q3, Some(&q2));
    assert_eq!(app.iter().map(|h| h.id).collect::<Vec<_>>(), HEADLINE);

    let path = out_dir().join("q3-headline-figures.pdf");
    report(&path, &["--compare", "1"]).ok();
    let text = layout_text(&path);
    let page1 = flat(text.split('\u{c}').next().unwrap());

    let ws = s.workspace.display().to_string();
    let compared = ok(leadaudit(
        &s.dir,
        &["compare", "--workspace", &ws, "1", "2"],
    ));
    let history = ok(leadaudit(&s.dir, &["history", "--workspace", &ws]));
    let q3_row = history
        .lines()
        .find(|l| l.contains("2026 Q3"))
        .unwrap_or_else(|| panic!("no 2026 Q3 in the history:\n{history}"));

    for h in &app {
        // The app: the value in words, by the one rule.
        let figure = present::figure(h.id).unwrap();
        assert_eq!(
            h.value,
            leadaudit::format::reading(figure.unit, reading(&s.q3, figure.pointer)),
            "{}",
            h.id
        );
        assert!(
            !h.value.is_empty() && h.value != leadaudit::format::NOT_AVAILABLE,
            "{}: measured on the sample",
            h.id
        );
        // The PDF.
        assert!(
            page1.contains(&h.value),
            "{}: {} is not on page 1",
            h.id,
            h.value
        );
        // The CLI's comparison: the row of the figure, "after" reads as the app's.
        let line = compared
            .lines()
            .find(|l| l.starts_with(h.label))
            .unwrap_or_else(|| panic!("no row {:?} in\n{compared}", h.label));
        let row = cells(line);
        assert_eq!(row.get(2), Some(&h.value.as_str()), "{}: {line:?}", h.id);
    }
    // The CLI's history: leads, median speed, within 5 minutes and win rate.
    let by = |id: &str| app.iter().find(|h| h.id == id).unwrap().value.clone();
    let words: Vec<&str> = q3_row.split_whitespace().collect();
    for value in [by("speed_median"), by("within_5m"), by("win_rate")] {
        let want: Vec<&str> = value.split_whitespace().collect();
        assert!(
            words.windows(want.len()).any(|w| w == want.as_slice()),
            "{value} not in the history row {q3_row:?}"
        );
    }
    let leads = leadaudit::format::count(q3.baseline.figures.leads.unwrap());
    assert!(words.contains(&leads.as_str()), "{leads} not in {q3_row:?}");
}

/// Emails and phone numbers in the sample's CSVs.
fn personal_data() -> (BTreeSet<String>, BTreeSet<String>) {
    let mut emails = BTreeSet::new();
    let mut phones = BTreeSet::new();
    for quarter in ["2026Q2", "2026Q3"] {
        let dir = repo()
            .join("sample-data")
            .join(format!("hubspot-{quarter}"));
        for file in ["contacts.csv", "owners.csv"] {
            let path = dir.join(file);
            emails.extend(column(&path, "Email"));
            phones.extend(column(&path, "Phone Number"));
        }
    }
    assert!(emails.len() > 1000 && phones.len() > 1000);
    (emails, phones)
}

/// The end of a phone number as written, from three digits before the last four:
/// `+1 (214) 555-0149` → `555-0149`.
fn phone_tail(phone: &str) -> Option<&str> {
    let mut digits = 0;
    for (i, c) in phone.char_indices().rev() {
        if c.is_ascii_digit() {
            digits += 1;
            if digits == 7 {
                return Some(&phone[i..]);
            }
        }
    }
    None
}

#[test]
fn no_email_or_phone_of_the_input_reaches_the_paper_unless_asked() {
    let s = sample();
    let (emails, phones) = personal_data();
    let path = out_dir().join("redacted.pdf");
    report(&path, &[]).ok();
    let text = layout_text(&path);
    let all = flat(&text).to_lowercase();
    for e in &emails {
        assert!(!all.contains(&e.to_lowercase()), "{e} is on the scorecard");
    }
    for p in &phones {
        assert!(!all.contains(p), "{p} is on the scorecard");
        if let Some(tail) = phone_tail(p) {
            assert!(!all.contains(tail), "{p} ({tail}) is on the scorecard");
        }
    }
    // The note is there, masked.
    assert!(all.contains(&redact_email(&s.email).to_lowercase()));
    assert!(all.contains(&redact_phone(&s.phone)));

    let path = out_dir().join("unredacted.pdf");
    assert!(
        report(&path, &["--no-redact"])
            .ok()
            .contains("personal data included")
    );
    let all = flat(&layout_text(&path));
    assert!(all.contains(&s.email), "--no-redact keeps the note's email");
    assert!(all.contains(&s.phone), "--no-redact keeps the note's phone");
}

#[test]
fn the_same_audit_gives_the_same_bytes() {
    let a = out_dir().join("same-a.pdf");
    let b = out_dir().join("same-b.pdf");
    report(&a, &[]).ok();
    report(&b, &[]).ok();
    let (a, b) = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    assert!(a.starts_with(b"%PDF-"));
    assert!(a == b, "two renders differ");
    let info = poppler("pdfinfo", &[out_dir().join("same-a.pdf").to_str().unwrap()]);
    assert!(
        info.lines()
            .any(|l| l.starts_with("CreationDate:") && l.contains("2026")),
        "the date is SOURCE_DATE_EPOCH's: {info}"
    );
}

#[test]
fn a4_and_letter_lay_out_with_no_overlap_and_nothing_off_the_page() {
    let s = sample();
    let q3: AuditResult = serde_json::from_value(s.q3.clone()).unwrap();
    let q2: AuditResult = serde_json::from_value(s.q2.clone()).unwrap();
    for paper in [Paper::A4, Paper::Letter] {
        for previous in [None, Some(&q2)] {
            let pdf = render_scorecard(
                &q3,
                previous,
                ScorecardOptions {
                    paper,
                    redact: true,
                },
            )
            .unwrap();
            let problems: Vec<String> = pdf.problems.iter().map(ToString::to_string).collect();
            assert!(problems.is_empty(), "{paper:?}:\n{}", problems.join("\n"));
            assert!(pdf.warnings.is_empty(), "{paper:?}: {:?}", pdf.warnings);
            assert!(pdf.pages >= 8, "{paper:?}: {} pages", pdf.pages);
        }
    }
    let path = out_dir().join("letter.pdf");
    let run = report(&path, &["--paper", "letter"]);
    assert!(run.ok().contains("US Letter"), "{run}");
    let info = poppler("pdfinfo", &[path.to_str().unwrap()]);
    assert!(info.contains("612 x 792 pts (letter)"), "{info}");
    let run = report(&out_dir().join("legal.pdf"), &["--paper", "legal"]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stderr.contains("a4 or letter"), "{run}");
}

#[test]
fn every_page_rasterises_in_colour_and_greyscale() {
    let dir = out_dir().join("pages");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (paper, name) in [("a4", "a4"), ("letter", "letter")] {
        let pdf = dir.join(format!("scorecard-{name}.pdf"));
        report(&pdf, &["--compare", "1", "--paper", paper]).ok();
        let pages: usize = poppler("pdfinfo", &[pdf.to_str().unwrap()])
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .expect("a page count");
        write_pngs(&pdf, &dir, &format!("{name}-"));
        // Every page has something on it, in colour and in greyscale.
        assert_pages_render(&pdf, pages);
    }
}

#[test]
fn the_report_never_overwrites_the_workspace_or_an_input() {
    let s = sample();
    let before = std::fs::read(&s.workspace).unwrap();
    let run = report(&s.workspace, &[]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stderr.contains("is the workspace file"), "{run}");
    assert!(std::fs::read(&s.workspace).unwrap() == before);

    let dir = out_dir().join("guard");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let contacts = dir.join("contacts.csv");
    std::fs::copy(
        repo().join("sample-data/hubspot-2026Q3/contacts.csv"),
        &contacts,
    )
    .unwrap();
    let run = report(&contacts, &[]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stderr.contains("input file contacts.csv"), "{run}");
    let notes = dir.join("notes.txt");
    std::fs::write(&notes, "keep me").unwrap();
    let run = report(&notes, &[]);
    assert!(run.stderr.contains("is not a PDF"), "{run}");
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "keep me");
    let run = report(&dir, &[]);
    assert!(run.stderr.contains("is a folder"), "{run}");
    let run = report(&dir.join("missing").join("x.pdf"), &[]);
    assert!(run.stderr.contains("does not exist"), "{run}");
    let run = report(&dir.join("x.pdf"), &["--compare", "2"]);
    assert!(run.stderr.contains("is the audit being reported"), "{run}");
    assert!(!dir.join("x.pdf").exists());

    // An earlier PDF is replaced, and no temporary file is left behind.
    let pdf = dir.join("scorecard.pdf");
    std::fs::write(&pdf, b"%PDF-1.3 an old scorecard").unwrap();
    report(&pdf, &[]).ok();
    assert!(std::fs::read(&pdf).unwrap().len() > 10_000);
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.starts_with(".leadaudit-report-")),
        "{names:?}"
    );
}
