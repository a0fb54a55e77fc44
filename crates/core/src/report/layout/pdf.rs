//! Writing the PDF: pages to printpdf, fonts subset to the characters drawn, fixed
//! metadata and a content-hash `/ID`, so the same pages give the same bytes.

use sha2::{Digest, Sha256};

use super::*;

/// Writes the pages as a PDF: the embedded faces cut down to the glyphs used, fixed
/// resource names, the document date from `info`, and an `/ID` that is a hash of the
/// content, so the same pages give the same bytes.
pub(super) fn write_pdf(
    info: &DocumentInfo,
    paper: Paper,
    pages: Vec<Canvas>,
    fonts: &Fonts,
) -> Result<(Vec<u8>, Vec<String>), ReportError> {
    let mut warnings = Vec::new();
    let mut doc = PdfDocument::new(&info.title);
    let ts = info.date.timestamp();
    // A date printpdf cannot represent keeps its default, 1970-01-01: still fixed.
    if let Ok(date) = printpdf::OffsetDateTime::from_unix_timestamp(ts) {
        doc.metadata.info.creation_date = date;
        doc.metadata.info.modification_date = date;
        doc.metadata.info.metadata_date = date;
    }
    doc.metadata.info.creator = "Lead Audit".to_string();
    doc.metadata.info.producer = format!("Lead Audit {} (printpdf 0.12)", crate::version());
    doc.metadata.info.subject = info.subject.clone();

    // Which characters each face draws.
    let mut used: BTreeMap<&'static str, BTreeSet<char>> = BTreeMap::new();
    for page in &pages {
        let mut current: Option<&'static str> = None;
        for op in &page.ops {
            match op {
                Op::SetFont {
                    font: PdfFontHandle::External(id),
                    ..
                } => {
                    current = [FONT_REGULAR, FONT_BOLD].into_iter().find(|f| *f == id.0);
                }
                Op::ShowText { items } => {
                    if let Some(f) = current {
                        let set = used.entry(f).or_default();
                        for item in items {
                            if let TextItem::Text(t) = item {
                                set.extend(t.chars());
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    for (id, chars) in &used {
        let (weight, name) = if *id == FONT_BOLD {
            (Weight::Bold, "DejaVuSans-Bold")
        } else {
            (Weight::Regular, "DejaVuSans")
        };
        let face = fonts.face(weight);
        let parsed = match subset_face(face, chars) {
            Ok(mut sub) => {
                sub.font_name = Some(format!("{}+{name}", subset_tag(id, chars)));
                sub
            }
            Err(e) => {
                warnings.push(format!(
                    "font {name} embedded whole: subsetting failed: {e}"
                ));
                face.clone()
            }
        };
        doc.resources
            .fonts
            .map
            .insert(FontId(id.to_string()), PdfFont::new(parsed));
    }

    let (wmm, hmm) = match paper {
        Paper::A4 => (210.0, 297.0),
        Paper::Letter => (215.9, 279.4),
    };
    let pdf_pages: Vec<PdfPage> = pages
        .into_iter()
        .map(|c| PdfPage::new(Mm(wmm), Mm(hmm), c.ops))
        .collect();
    doc.with_pages(pdf_pages);

    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut pdf_warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&opts, &mut pdf_warnings);
    // printpdf writes an empty /GTS_PDFXVersion, which readers take as a PDF/X claim,
    // and empty /Identifier, /Author and /Keywords: drop them.
    if let Some(dict) = lo
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        .ok()
        .and_then(|id| lo.get_object_mut(id).ok())
        .and_then(|o| o.as_dict_mut().ok())
    {
        for key in ["GTS_PDFXVersion", "Identifier", "Author", "Keywords"] {
            dict.remove(key.as_bytes());
        }
    }
    lo.compress();
    // printpdf writes a random /ID; make it a hash of the content instead.
    let placeholder = lopdf::Object::Array(vec![
        lopdf::Object::String(vec![0; 16], lopdf::StringFormat::Hexadecimal),
        lopdf::Object::String(vec![0; 16], lopdf::StringFormat::Hexadecimal),
    ]);
    lo.trailer.set("ID", placeholder);
    let mut first = Vec::new();
    lo.save_to(&mut first).map_err(|e| ReportError::Write {
        path: "memory".into(),
        source: std::io::Error::other(e.to_string()),
    })?;
    let digest = Sha256::digest(&first);
    let id = digest[..16].to_vec();
    lo.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::String(id.clone(), lopdf::StringFormat::Hexadecimal),
            lopdf::Object::String(id, lopdf::StringFormat::Hexadecimal),
        ]),
    );
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).map_err(|e| ReportError::Write {
        path: "memory".into(),
        source: std::io::Error::other(e.to_string()),
    })?;
    warnings.extend(
        pdf_warnings
            .into_iter()
            .filter(|w| w.severity != printpdf::PdfParseErrorSeverity::Info)
            .map(|w| w.msg),
    );
    Ok((bytes, warnings))
}

/// The face cut down to `chars` (plus .notdef), parsed again so printpdf embeds only it.
fn subset_face(face: &ParsedFont, chars: &BTreeSet<char>) -> Result<ParsedFont, String> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile, subset};

    let mut gids: BTreeSet<u16> = chars
        .iter()
        .filter_map(|c| face.lookup_glyph_index(*c as u32))
        .collect();
    gids.remove(&0);
    let ids: Vec<u16> = std::iter::once(0).chain(gids).collect();
    let scope = ReadScope::new(&face.original_bytes);
    let data = scope.read::<FontData<'_>>().map_err(|e| e.to_string())?;
    let provider = data.table_provider(0).map_err(|e| e.to_string())?;
    let bytes = subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
        .map_err(|e| e.to_string())?;
    let mut warnings = Vec::new();
    let parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
        .ok_or_else(|| format!("the subset does not parse: {warnings:?}"))?;
    // Every character must still map to a glyph with the same advance.
    for c in chars {
        let (Some(a), Some(b)) = (
            face.lookup_glyph_index(*c as u32),
            parsed.lookup_glyph_index(*c as u32),
        ) else {
            return Err(format!("the subset lost {c:?}"));
        };
        if face.get_glyph_width(a) != parsed.get_glyph_width(b) {
            return Err(format!("the subset changed the width of {c:?}"));
        }
    }
    Ok(parsed)
}

/// The six capital letters that tag a subset font, derived from its content.
fn subset_tag(id: &str, chars: &BTreeSet<char>) -> String {
    let mut h = Sha256::new();
    h.update(id.as_bytes());
    for c in chars {
        h.update((*c as u32).to_be_bytes());
    }
    h.finalize()
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}
