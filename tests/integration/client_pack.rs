//! #16 "The client pack": one export writes the PDF scorecard and a copy of the
//! workspace into a folder named after the client and the date. The PDF parses (and
//! its text names the audit), and the copy opens as a workspace holding every audit.

use std::path::Path;

use chrono::NaiveDate;
use leadaudit::client_pack::write_client_pack;
use leadaudit::report::Paper;
use leadaudit::store::Store;

use crate::harness::{leadaudit, repo};

/// The sample's two quarters audited into `dir/brightwave.leadaudit`.
fn two_audits(dir: &Path) -> std::path::PathBuf {
    let ws = dir.join("brightwave.leadaudit");
    for (q, name) in [("2026Q2", "2026 Q2"), ("2026Q3", "2026 Q3")] {
        let folder = repo().join("sample-data").join(format!("hubspot-{q}"));
        let mut files: Vec<String> = std::fs::read_dir(&folder)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "csv"))
            .map(|p| p.display().to_string())
            .collect();
        files.sort();
        let mut args = vec![
            "audit".to_owned(),
            "--workspace".to_owned(),
            ws.display().to_string(),
            "--name".to_owned(),
            name.to_owned(),
            "--timezone".to_owned(),
            "America/New_York".to_owned(),
        ];
        args.extend(files);
        leadaudit(dir, &args).ok();
    }
    ws
}

#[test]
fn the_client_pack_holds_a_pdf_that_parses_and_a_workspace_copy_with_every_audit() {
    let dir = tempfile::tempdir().unwrap();
    let ws = two_audits(dir.path());
    let client = Store::open_read_only(&ws)
        .unwrap()
        .workspace()
        .unwrap()
        .name;
    let parent = dir.path().join("packs");
    let date = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();

    let pack = write_client_pack(&ws, None, &parent, date, Paper::A4).unwrap();
    assert_eq!(pack.folder, parent.join(format!("{client} 2026-12-06")));
    assert_eq!(pack.pdf.parent(), Some(pack.folder.as_path()));
    assert_eq!(pack.workspace.parent(), Some(pack.folder.as_path()));
    let mut names: Vec<String> = std::fs::read_dir(&pack.folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            format!("{client} scorecard 2026 Q3.pdf"),
            format!("{client}.leadaudit")
        ]
    );

    // The PDF parses, has pages, and is the newest audit's scorecard.
    let doc = lopdf::Document::load(&pack.pdf).expect("the scorecard parses as a PDF");
    assert!(
        doc.get_pages().len() >= 3,
        "{} pages",
        doc.get_pages().len()
    );
    let text = doc
        .extract_text(&doc.get_pages().keys().copied().collect::<Vec<_>>())
        .unwrap_or_default();
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("2026 Q3"), "the PDF does not name the audit");

    // The copy opens as a workspace, with both audits and the same name.
    let copy = Store::open_read_only(&pack.workspace).expect("the copy opens");
    assert_eq!(copy.workspace().unwrap().name, client);
    let audits: Vec<String> = copy.audits().unwrap().into_iter().map(|a| a.name).collect();
    assert_eq!(audits, ["2026 Q2", "2026 Q3"]);
    leadaudit::audit::load(&copy, copy.audits().unwrap()[1].id).expect("its audits read");

    // A second pack the same day goes into a folder of its own, the first untouched.
    let again = write_client_pack(&ws, Some(1), &parent, date, Paper::Letter).unwrap();
    assert_eq!(again.folder, parent.join(format!("{client} 2026-12-06 2")));
    assert!(
        again
            .pdf
            .ends_with(format!("{client} scorecard 2026 Q2.pdf"))
    );
    assert!(pack.pdf.is_file() && pack.workspace.is_file());
}
