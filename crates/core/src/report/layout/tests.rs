//! The composer's tests: column widths, hostile content, invalid charts, tables across pages.

use super::blocks::table::fit_widths;
use super::*;
use crate::charts::{ChartKind, Orientation, Series};
use crate::present::Unit;

fn info() -> DocumentInfo {
    let mut i = DocumentInfo::new("Test", "Test · header");
    i.date = chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap_or_default();
    i
}

#[test]
fn columns_get_their_minimum_from_the_widest() {
    let w = fit_widths(&[20.0, 200.0, 80.0], &[50.0, 40.0, 40.0], 300.0);
    assert_eq!(w[0], 50.0);
    assert!((w.iter().sum::<f32>() - 300.0).abs() < 1e-3);
    assert!(w[1] < 200.0 && w[2] < 80.0 && w[2] >= 40.0);
    // Nothing to do, or impossible: the wanted widths stay.
    assert_eq!(
        fit_widths(&[100.0, 200.0], &[10.0, 10.0], 300.0),
        [100.0, 200.0]
    );
    assert_eq!(
        fit_widths(&[100.0, 200.0], &[200.0, 200.0], 300.0),
        [100.0, 200.0]
    );
}

#[test]
fn hostile_content_flows_without_overlap_or_overflow() {
    let mut doc = Composer::new(Paper::Letter, info());
    let long_word = "x".repeat(400);
    doc.heading(&format!("A heading with {long_word}"), Level::H1);
    doc.paragraph(&format!("{long_word} and then words. ").repeat(30));
    // A row taller than a page is cut, not run off the page.
    let huge = "word ".repeat(3000);
    doc.table(&Table {
        columns: vec![
            Column::new("A very long header title that wraps", 1.0),
            Column::new("B", 0.2).right(),
        ],
        rows: vec![
            vec![Cell::text(huge.clone()), Cell::text("1")],
            vec![Cell::grade(GradeLevel::NotAssessed)],
        ],
    });
    doc.table(&Table::default());
    doc.tiles(
        &[Tile {
            label: long_word.clone(),
            value: "123,456,789,012 minutes".into(),
            detail: huge.chars().take(500).collect(),
            delta: Some(Delta {
                text: long_word.clone(),
                arrow: Arrow::Flat,
                movement: Movement::Same,
            }),
        }],
        4,
    );
    doc.grade_grid(
        &[GradeCard {
            number: 1,
            title: huge.chars().take(300).collect(),
            grade: GradeLevel::Missing,
            note: long_word.clone(),
        }],
        2,
    );
    let empty = ChartSpec {
        id: "empty".into(),
        title: "All null".into(),
        kind: ChartKind::Bar,
        orientation: Orientation::Horizontal,
        x_label: String::new(),
        y_label: String::new(),
        unit: Unit::Count,
        currency: None,
        categories: vec!["佐藤".into(), long_word.clone()],
        series: vec![Series::new("s", vec![None, None])],
        reference: None,
        note: String::new(),
    };
    doc.chart(&empty).unwrap();
    let pdf = doc.finish().unwrap();
    let problems: Vec<String> = pdf.problems.iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(pdf.pages >= 3);
    assert!(pdf.warnings.is_empty(), "{:?}", pdf.warnings);
}

#[test]
fn an_invalid_chart_is_an_error_not_a_drawing() {
    let mut doc = Composer::new(Paper::A4, info());
    let bad = ChartSpec {
        id: "bad".into(),
        title: "Bad".into(),
        kind: ChartKind::Line,
        orientation: Orientation::Vertical,
        x_label: String::new(),
        y_label: String::new(),
        unit: Unit::Percent,
        currency: None,
        categories: vec!["a".into()],
        series: vec![Series::new("s", vec![Some(f64::NAN)])],
        reference: None,
        note: String::new(),
    };
    let err = doc.chart(&bad).unwrap_err();
    assert!(err.to_string().contains("not a finite number"), "{err}");
    assert!(doc.canvas().texts().is_empty(), "nothing was drawn");
}

#[test]
fn a_table_repeats_its_header_and_never_splits_a_row() {
    let mut doc = Composer::new(Paper::A4, info());
    let rows: Vec<Vec<Cell>> = (0..120)
        .map(|i| vec![Cell::text(format!("row {i}")), Cell::text("two\nlines")])
        .collect();
    doc.table(&Table {
        columns: vec![Column::new("Name", 1.0), Column::new("Value", 1.0)],
        rows,
    });
    let pages = doc.page_count();
    assert!(pages >= 3);
    for p in 0..pages {
        let texts = doc.pages[p].texts();
        assert_eq!(
            texts.iter().filter(|t| t.text == "Name").count(),
            1,
            "header on page {}",
            p + 1
        );
        // Each row's two lines are on the same page as its name.
        let names = texts.iter().filter(|t| t.text.starts_with("row ")).count();
        let seconds = texts.iter().filter(|t| t.text == "lines").count();
        assert_eq!(names, seconds, "page {}", p + 1);
    }
    let pdf = doc.finish().unwrap();
    assert!(pdf.problems.is_empty());
}
