//! `leadaudit report`: the PDF scorecard of an audit, written atomically.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use leadaudit::audit::load;
use leadaudit::report::Paper;
use leadaudit::report::scorecard::{ScorecardOptions, render_scorecard_with_trends};

/// The arguments of `report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The workspace file.
    #[arg(long, value_name = "FILE")]
    pub workspace: PathBuf,
    /// The audit to report on.
    #[arg(long, value_name = "ID")]
    pub audit: i64,
    /// Where to write the PDF (replaced if it is an earlier PDF; never another file).
    #[arg(long, value_name = "FILE.pdf")]
    pub out: PathBuf,
    /// The audit to show the movement against (default: the workspace's audit before
    /// this one, if any).
    #[arg(long, value_name = "ID")]
    pub compare: Option<i64>,
    /// a4 or letter.
    #[arg(long, default_value = "a4", value_parser = parse_paper)]
    pub paper: Paper,
    /// Include personal data instead of masking it: names in full, and the emails and
    /// phone numbers the workspace holds (it holds them only for audits made with
    /// `audit --keep-personal-data`; otherwise they are masked already).
    #[arg(long)]
    pub no_redact: bool,
}

fn parse_paper(s: &str) -> Result<Paper, String> {
    s.parse()
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let store = super::audit::open_to_read(&args.workspace)?;
    let result = load(&store, args.audit)?;
    let previous_id = match args.compare {
        Some(id) if id == args.audit => {
            bail!(
                "--compare {id} is the audit being reported; give an earlier audit (`leadaudit history` lists them)"
            )
        }
        Some(id) => Some(id),
        None => store.previous_audit(args.audit)?,
    };
    let previous = previous_id
        .map(|id| load(&store, id).with_context(|| format!("audit {id} to compare with")))
        .transpose()?;
    check_out(&args.out, &args.workspace, &result)?;

    let trends = leadaudit::trends::up_to(&store, args.audit)?;
    let pdf = render_scorecard_with_trends(
        &result,
        previous.as_ref(),
        &trends,
        ScorecardOptions {
            paper: args.paper,
            redact: !args.no_redact,
        },
    )
    .context("the scorecard could not be rendered")?;
    for problem in &pdf.problems {
        eprintln!("warning: layout: {problem}");
    }
    for warning in &pdf.warnings {
        eprintln!("warning: pdf: {warning}");
    }
    write_atomically(&args.out, &pdf.bytes)?;
    let compared = match (&previous, previous_id) {
        (Some(p), Some(id)) => format!("compared with audit {id} ({})", p.audit.name),
        _ => "no earlier audit to compare with".to_owned(),
    };
    println!(
        "wrote {} ({} pages, {}; {compared}; personal data {})",
        args.out.display(),
        pdf.pages,
        match args.paper {
            Paper::A4 => "A4",
            Paper::Letter => "US Letter",
        },
        if args.no_redact {
            "included"
        } else {
            "redacted"
        }
    );
    Ok(())
}

/// Refuses an output path that would destroy something: the workspace file, one of the
/// audit's inputs, or any file that is not a PDF.
fn check_out(
    out: &Path,
    workspace: &Path,
    result: &leadaudit::audit::AuditResult,
) -> anyhow::Result<()> {
    if out.is_dir() {
        bail!(
            "{} is a folder; give the PDF's file name, e.g. --out {}",
            out.display(),
            out.join("scorecard.pdf").display()
        );
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !parent.is_dir() {
        bail!(
            "the folder {} does not exist; create it or write the PDF elsewhere",
            parent.display()
        );
    }
    if !out.exists() {
        return Ok(());
    }
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same(out, workspace) {
        bail!(
            "{} is the workspace file; the report will not overwrite it: choose another --out",
            out.display()
        );
    }
    let mut head = [0u8; 5];
    let is_pdf = std::fs::File::open(out)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok()
        && &head == b"%PDF-";
    if !is_pdf {
        let name = out.file_name().map(|n| n.to_string_lossy().into_owned());
        if let Some(input) = result
            .inputs
            .files
            .iter()
            .find(|f| Some(f.path.as_str()) == name.as_deref())
        {
            bail!(
                "{} has the name of the audit's input file {}; the report will not overwrite it: choose another --out",
                out.display(),
                input.path
            );
        }
        bail!(
            "{} exists and is not a PDF; the report only replaces an earlier PDF: choose another --out or remove the file",
            out.display()
        );
    }
    Ok(())
}

/// Writes `bytes` to a temporary file beside `out`, then renames it over `out`: a failed
/// write never leaves half a PDF.
fn write_atomically(out: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".leadaudit-report-")
        .suffix(".pdf.part")
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write the PDF in {}", dir.display()))?;
    // A temporary file is private to its owner; the PDF gets the permissions of the one
    // it replaces, else those of an ordinary file.
    let permissions = match std::fs::metadata(out) {
        Ok(m) => m.permissions(),
        Err(_) => ordinary_permissions(tmp.as_file())?,
    };
    tmp.as_file()
        .set_permissions(permissions)
        .with_context(|| format!("cannot set the permissions of the PDF in {}", dir.display()))?;
    tmp.persist(out)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot move the PDF into place at {}", out.display()))?;
    Ok(())
}

#[cfg(unix)]
fn ordinary_permissions(_: &std::fs::File) -> anyhow::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt as _;
    Ok(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn ordinary_permissions(file: &std::fs::File) -> anyhow::Result<std::fs::Permissions> {
    Ok(file.metadata()?.permissions())
}
