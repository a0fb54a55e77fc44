//! `svg-pdf-spike SVG OUT.pdf [RUNS]`: places SVG (a chart's plot, 1 unit = 1 pt) on an
//! A4 page where the scorecard puts a chart, with the project's DejaVu Sans for its text,
//! and prints how long the SVG takes to become a PDF XObject (fastest and median of RUNS,
//! default 10) and the page to be written.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use printpdf::{Op, PdfDocument, PdfPage, PdfSaveOptions, Pt, Svg, XObjectTransform};

const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: svg-pdf-spike SVG OUT.pdf [RUNS]";
    let svg_path = args.next().ok_or(usage)?;
    let out = args.next().ok_or(usage)?;
    let runs: usize = args
        .next()
        .map_or(Ok(10), |r| r.parse())
        .map_err(|e| format!("RUNS: {e}"))?;
    let svg = std::fs::read_to_string(&svg_path).map_err(|e| format!("{svg_path}: {e}"))?;
    let fonts = BTreeMap::from([
        ("DejaVuSans".to_owned(), REGULAR.to_vec()),
        ("DejaVuSans-Bold".to_owned(), BOLD.to_vec()),
    ]);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;

    let mut times = Vec::new();
    let mut warnings = Vec::new();
    let mut xobject = None;
    for _ in 0..runs.max(1) {
        warnings.clear();
        let t = Instant::now();
        xobject = Some(Svg::parse_with_fonts(&svg, &fonts, &mut warnings)?);
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "SVG ({} bytes) to PDF XObject: fastest {:.1} ms, median {:.1} ms; warnings: {:?}",
        svg.len(),
        ms(times[0]),
        ms(times[times.len() / 2]),
        warnings.iter().map(|w| &w.msg).collect::<Vec<_>>()
    );
    let xobject = xobject.ok_or("no run")?;

    let t = Instant::now();
    let mut doc = PdfDocument::new("Chart-renderer spike");
    let id = doc.add_xobject(&xobject);
    // The scorecard's left margin is 50 pt and its top margin 58 pt; PDF y runs upwards.
    let height: f32 = svg
        .split("height=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .and_then(|h| h.parse().ok())
        .ok_or("the SVG has no height")?;
    let ops = vec![Op::UseXobject {
        id,
        transform: XObjectTransform {
            translate_x: Some(Pt(50.0)),
            translate_y: Some(Pt(841.89 - 58.0 - height)),
            // The XObject is a unit square scaled by its size in pixels at `dpi`
            // (300 when unset, as for images): 72 makes 1 SVG unit one point.
            dpi: Some(72.0),
            ..Default::default()
        },
    }];
    let page = PdfPage::new(Pt(595.276).into(), Pt(841.89).into(), ops);
    let bytes = doc
        .with_pages(vec![page])
        .save(&PdfSaveOptions::default(), &mut warnings);
    std::fs::write(&out, &bytes).map_err(|e| format!("{out}: {e}"))?;
    println!(
        "page written in {:.1} ms ({} KB)",
        ms(t.elapsed()),
        bytes.len() / 1024
    );
    Ok(())
}
