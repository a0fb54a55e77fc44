//! The PDF toolkit end to end: the demo document is rendered on A4 and US Letter,
//! written to `target/report-demo/`, read back with poppler's `pdftotext`, and rasterised
//! with `pdftoppm` (colour and greyscale PNGs beside it, for a person to look at).

use std::path::{Path, PathBuf};

use leadaudit::report::layout::RenderedPdf;
use leadaudit::report::{Paper, redact};
use leadaudit_synth::demo::{DEMO_GRADES, DEMO_OWNERS, DEMO_VERDICT, ITEM_TITLES, render_demo};

use crate::harness::{assert_pages_render, flat, poppler, repo, write_pngs};

fn out_dir() -> PathBuf {
    let dir = repo().join("target").join("report-demo");
    std::fs::create_dir_all(&dir).expect("target/report-demo can be created");
    dir
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

/// The demo's grades, written out (not read from `DEMO_GRADES`, which the renderer uses).
fn expected_grades() -> Vec<(usize, String)> {
    [
        "Partial",
        "In place",
        "Missing",
        "Partial",
        "Missing",
        "Partial",
        "Partial",
        "In place",
        "Not assessed",
        "Missing",
        "In place",
        "Partial",
    ]
    .iter()
    .enumerate()
    .map(|(i, g)| (i + 1, (*g).to_owned()))
    .collect()
}

/// The grade printed on each item's card on page 1: the page is read one half at a
/// time (items 1–6 on the left, 7–12 on the right), and each card is the lines from its
/// "NN Title" to the next card's (at most four). Every card must hold exactly one grade
/// label.
fn card_grades(pdf: &Path) -> Vec<(usize, String)> {
    let info = poppler("pdfinfo", &[pdf.to_str().unwrap()]);
    let size: Vec<f64> = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .and_then(|l| l.split(" pts").next())
        .map(|l| l.split('x').map(|n| n.trim().parse().unwrap()).collect())
        .expect("a page size");
    let (w, h) = (size[0].round() as i64, size[1].round() as i64);
    let half = |x: i64, width: i64| {
        poppler(
            "pdftotext",
            &[
                "-f",
                "1",
                "-l",
                "1",
                "-x",
                &x.to_string(),
                "-y",
                "0",
                "-W",
                &width.to_string(),
                "-H",
                &h.to_string(),
                "-layout",
                "-enc",
                "UTF-8",
                pdf.to_str().unwrap(),
                "-",
            ],
        )
    };
    let labels = ["In place", "Partial", "Missing", "Not assessed"];
    let mut out = Vec::new();
    for (text, items) in [(half(0, w / 2), 1..=6), (half(w / 2, w - w / 2), 7..=12)] {
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        let head = |n: usize| {
            let prefix = format!("{n:02} {}", ITEM_TITLES[n - 1]);
            lines
                .iter()
                .position(|l| l.starts_with(&prefix))
                .unwrap_or_else(|| panic!("no card \"{prefix}\" in\n{text}"))
        };
        for n in items {
            let start = head(n);
            let end = if n % 6 == 0 { start + 4 } else { head(n + 1) }.min(start + 4);
            let card = lines[start..end.min(lines.len())].join(" ");
            let card = card.replacen(ITEM_TITLES[n - 1], "", 1);
            let found: Vec<&str> = labels
                .iter()
                .copied()
                .filter(|l| card.contains(l))
                .collect();
            assert_eq!(found.len(), 1, "card {n}: {card:?}");
            out.push((n, found[0].to_owned()));
        }
    }
    out
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
    for title in ITEM_TITLES {
        assert!(flat.contains(title), "item title {title:?} is in the text");
    }
    // Each item's card shows its own grade, the one the demo gives it.
    assert_eq!(card_grades(&path), expected_grades());
    let given: Vec<(usize, String)> = DEMO_GRADES
        .iter()
        .enumerate()
        .map(|(i, g)| (i + 1, g.label().to_owned()))
        .collect();
    assert_eq!(given, expected_grades());
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
    assert_eq!(card_grades(&path), expected_grades());
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
    // PNGs for a person to look at.
    write_pngs(&path, &dir, "");
    // Every page has something on it, in colour and in greyscale.
    assert_pages_render(&path, pdf.pages);
}
