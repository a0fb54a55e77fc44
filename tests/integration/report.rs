//! The PDF toolkit end to end: the demo document is rendered on A4 and US Letter,
//! written to `target/report-demo/`, read back with poppler's `pdftotext`, and rasterised
//! with `pdftoppm` (colour and greyscale PNGs beside it, for a person to look at).

use std::path::{Path, PathBuf};
use std::process::Command;

use leadaudit::report::demo::{DEMO_GRADES, DEMO_OWNERS, DEMO_VERDICT, ITEM_TITLES, render_demo};
use leadaudit::report::layout::RenderedPdf;
use leadaudit::report::{Paper, redact};

use crate::harness::repo;

fn out_dir() -> PathBuf {
    let dir = repo().join("target").join("report-demo");
    std::fs::create_dir_all(&dir).expect("target/report-demo can be created");
    dir
}

fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool} did not run ({e}); install poppler-utils (apt-get install -y poppler-utils)")
    });
    assert!(
        out.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn render(paper: Paper, redact: bool, name: &str) -> (RenderedPdf, PathBuf) {
    let pdf = render_demo(paper, redact).expect("the demo renders");
    let problems: Vec<String> = pdf.problems.iter().map(ToString::to_string).collect();
    assert!(
        problems.is_empty(),
        "layout problems:\n{}",
        problems.join("\n")
    );
    assert!(
        pdf.warnings.is_empty(),
        "printpdf warnings: {:?}",
        pdf.warnings
    );
    let path = out_dir().join(name);
    pdf.write_to(&path).expect("the demo is written");
    (pdf, path)
}

fn text_of(path: &Path) -> String {
    let path = path.to_str().expect("utf-8 path");
    poppler("pdftotext", &["-enc", "UTF-8", path, "-"])
}

/// Collapses runs of whitespace, so a phrase broken over lines still matches.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_demo_renders_on_a4_with_every_piece_readable() {
    let (pdf, path) = render(Paper::A4, true, "demo-a4.pdf");
    assert!(
        pdf.pages >= 5,
        "a multi-page document, got {} pages",
        pdf.pages
    );
    let text = text_of(&path);
    let flat = flat(&text);

    assert!(flat.contains(DEMO_VERDICT.label()), "the verdict banner");
    for (title, grade) in ITEM_TITLES.iter().zip(DEMO_GRADES) {
        assert!(flat.contains(title), "item title {title:?} is in the text");
        let _ = grade;
    }
    // Grade labels: every level the demo uses appears, with the legend.
    for label in ["In place", "Partial", "Missing", "Not assessed"] {
        assert!(flat.contains(label), "grade label {label}");
    }
    // The headline tiles, with their movement spelled out in words.
    for figure in ["3.2 h", "12%", "Not reached", "better", "worse"] {
        assert!(flat.contains(figure), "tile figure {figure}");
    }
    // Charts: titles, axis labels and value labels are text, not pictures.
    for piece in [
        "Speed to lead: share of leads by time to first touch",
        "SLA breaches by hour of week",
        "Leads per owner against an equal share",
        "Equal share 233",
        "Response-time curve",
        "Baselines per quarter",
        "2025 Q4",
        "Within SLA",
        "Median speed to lead by week",
        "Cycle time of won deals by segment",
        "SLA outcome by lead source",
        "Sun",
        "≤ 5 min",
    ] {
        assert!(flat.contains(piece), "chart text {piece:?}");
    }
    // Unicode names in the embedded font; a character it lacks becomes U+FFFD.
    assert!(flat.contains("Zoë Łukasiewicz"));
    assert!(flat.contains("Ólafur Þórsson"));
    assert!(flat.contains("Дмитрий Шостакович"));
    assert!(
        flat.contains("\u{FFFD}\u{FFFD} \u{FFFD}"),
        "佐藤 健 as replacement marks"
    );
    assert!(!flat.contains("佐藤"));
    // The long table ran to its last row, with its header repeated on the next page.
    assert!(flat.contains("C-042"));
    assert!(text.matches("Why they are one buyer").count() >= 2);
    // Footers number every page.
    assert!(flat.contains(&format!("Page 1 of {}", pdf.pages)));
    assert!(flat.contains(&format!("Page {0} of {0}", pdf.pages)));
    assert_eq!(
        poppler("pdfinfo", &[path.to_str().unwrap()])
            .lines()
            .find(|l| l.starts_with("Page size:"))
            .map(|l| l.contains("595.") && l.contains("841.")),
        Some(true),
        "A4 pages"
    );
}

#[test]
fn the_demo_redacts_personal_data_by_default() {
    let (_, path) = render(Paper::A4, true, "demo-redacted.pdf");
    let text = flat(&text_of(&path));
    // The example table's people: initials, masked emails and phones only.
    assert!(text.contains("Z. Ł."));
    assert!(text.contains("z***@a***.com"));
    assert!(text.contains("+1 *** *** 1000"));
    assert!(!text.contains("zoë.łukasiewicz@"), "no email of the input");
    assert!(!text.contains("555-1000"), "no phone of the input");
    assert!(!text.contains("@acme.com"));

    let (_, path) = render(Paper::A4, false, "demo-unredacted.pdf");
    let text = flat(&text_of(&path));
    assert!(
        text.contains("zoë.łukasiewicz@ac"),
        "--no-redact keeps them"
    );
    assert!(text.contains("555-1000"));
    assert_eq!(
        redact::redact_email("zoë.łukasiewicz@acme.com"),
        "z***@a***.com"
    );
}

#[test]
fn the_demo_renders_on_us_letter() {
    let (pdf, path) = render(Paper::Letter, true, "demo-letter.pdf");
    let info = poppler("pdfinfo", &[path.to_str().unwrap()]);
    assert!(
        info.contains("Page size:       612 x 792 pts (letter)"),
        "{info}"
    );
    let text = flat(&text_of(&path));
    assert!(text.contains(DEMO_VERDICT.label()));
    assert!(text.contains(DEMO_OWNERS[0]));
    assert!(text.contains(&format!("Page {0} of {0}", pdf.pages)));
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    // printpdf would write a random document /ID and random resource names; ours are
    // fixed or derived from the content, and the date is the audit's.
    let a = render_demo(Paper::A4, true).unwrap().bytes;
    let b = render_demo(Paper::A4, true).unwrap().bytes;
    assert!(a == b, "two renders differ");
    let c = render_demo(Paper::Letter, true).unwrap().bytes;
    assert!(a != c, "a different input gives different bytes");
    // The fonts are embedded as subsets: the whole DejaVu pair is 1.4 MB.
    assert!(a.len() < 250_000, "the PDF is {} bytes", a.len());
    let raw = String::from_utf8_lossy(&a);
    assert!(
        raw.contains("+DejaVuSans"),
        "subset font names carry a subset tag"
    );
}

#[test]
fn every_page_rasterises_in_colour_and_greyscale() {
    let (pdf, path) = render(Paper::A4, true, "demo.pdf");
    let dir = out_dir();
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".png") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    let p = path.to_str().unwrap();
    let colour = dir.join("page");
    let grey = dir.join("grey");
    poppler(
        "pdftoppm",
        &["-png", "-r", "60", p, colour.to_str().unwrap()],
    );
    poppler(
        "pdftoppm",
        &["-png", "-r", "60", "-gray", p, grey.to_str().unwrap()],
    );
    let pngs = |prefix: &str| {
        std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .filter(|e| {
                let n = e.file_name().to_string_lossy().into_owned();
                n.starts_with(prefix) && n.ends_with(".png")
            })
            .count()
    };
    assert_eq!(pngs("page-"), pdf.pages);
    assert_eq!(pngs("grey-"), pdf.pages);
}
