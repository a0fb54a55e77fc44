//! Runs the real `leadaudit` binary and prints everything when a check fails.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The outcome of one run of the binary.
pub struct Run {
    pub args: Vec<String>,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "leadaudit {}\nexit code: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.args.join(" "),
            self.code,
            self.stdout,
            self.stderr
        )
    }
}

impl Run {
    /// Asserts a zero exit code and returns standard output.
    pub fn ok(&self) -> &str {
        assert_eq!(self.code, Some(0), "{self}");
        &self.stdout
    }
}

/// Runs `leadaudit ARGS` in `dir`.
pub fn leadaudit<S: AsRef<str>>(dir: &Path, args: &[S]) -> Run {
    let args: Vec<String> = args.iter().map(|a| a.as_ref().to_owned()).collect();
    let out = Command::new(env!("CARGO_BIN_EXE_leadaudit"))
        .args(&args)
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("the leadaudit binary runs");
    Run {
        args,
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The environment variable naming the file where a skipped test writes its line
/// (`./dev test` sets it, counts the lines as skipped tests, and fails when
/// `../shared/` exists but a test on it skipped).
pub const SKIP_LOG_ENV: &str = "LEADAUDIT_SKIP_LOG";

/// `../shared/real-exports/NAME` beside the repository, or `None` when it is not there
/// (a user's clone has no `../shared/`): the test then returns early, and its skip is
/// recorded (see [`record_skip`]) so that it is not counted as passed.
pub fn real_exports(name: &str) -> Option<PathBuf> {
    let dir = repo()
        .join("..")
        .join("shared")
        .join("real-exports")
        .join(name);
    if dir.is_dir() {
        return Some(dir);
    }
    let test = std::thread::current()
        .name()
        .unwrap_or("a test on real exports")
        .to_owned();
    let log = std::env::var_os(SKIP_LOG_ENV).map(PathBuf::from);
    record_skip(
        log.as_deref(),
        &test,
        &format!("{} is absent", dir.display()),
    );
    None
}

/// Records a test skipped because this machine cannot run it (no permission to mount or
/// to make a network namespace, a missing tool): one line `skipped-env: TEST: WHY` in
/// the skip log, which `./dev test` counts as skipped, never as passed, whether or not
/// `../shared` exists.
pub fn record_env_skip(why: &str) {
    let test = std::thread::current().name().unwrap_or("a test").to_owned();
    let log = std::env::var_os(SKIP_LOG_ENV).map(PathBuf::from);
    write_skip(
        log.as_deref(),
        &format!("skipped-env: {test}: {why}"),
        &test,
    );
}

/// Records a skipped test: one line `skipped: TEST: WHY` appended to `log` (when set)
/// and printed to standard error, where `cargo test --nocapture` shows it.
pub fn record_skip(log: Option<&Path>, test: &str, why: &str) {
    write_skip(log, &format!("skipped: {test}: {why}"), test);
}

fn write_skip(log: Option<&Path>, line: &str, test: &str) {
    eprintln!("{line}");
    if let Some(log) = log {
        use std::io::Write as _;
        // One write of the whole line, so that tests skipping at once never interleave.
        let written = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .and_then(|mut f| f.write_all(format!("{line}\n").as_bytes()));
        if let Err(e) = written {
            panic!("cannot record the skip of {test} in {}: {e}", log.display());
        }
    }
}

#[test]
fn a_skip_is_written_to_the_log_one_line_each() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("skipped.txt");
    record_skip(
        Some(&log),
        "findings::maven",
        "../shared/real-exports/maven-crm is absent",
    );
    record_skip(
        Some(&log),
        "audit::maven",
        "../shared/real-exports/maven-crm is absent",
    );
    record_skip(None, "not logged", "no log");
    assert_eq!(
        std::fs::read_to_string(&log).unwrap(),
        "skipped: findings::maven: ../shared/real-exports/maven-crm is absent\n\
         skipped: audit::maven: ../shared/real-exports/maven-crm is absent\n"
    );
}

/// Runs a poppler tool (`pdftotext`, `pdfinfo`, `pdftoppm`) and returns what it printed;
/// panics with how to install poppler when the tool is missing, and with its standard
/// error when it fails.
pub fn poppler(tool: &str, args: &[&str]) -> String {
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

/// Collapses runs of whitespace, so a phrase broken over lines still matches.
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a rasterised page holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageInk {
    /// Share of pixels that are not (near) white: text, rules, charts.
    pub ink: f64,
    /// Share of pixels whose channels differ by more than a little: colour, not grey.
    pub chroma: f64,
}

/// Reads a binary PPM (P6) or PGM (P5) as written by `pdftoppm`: its ink and colour.
fn page_ink(path: &Path) -> PageInk {
    let bytes = std::fs::read(path).unwrap();
    // Header: magic, width, height, max value, each after whitespace; then one byte.
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..i]).into_owned());
    }
    let data = &bytes[i + 1..];
    let channels = match fields[0].as_str() {
        "P6" => 3,
        "P5" => 1,
        other => panic!("{}: not a binary PPM or PGM ({other})", path.display()),
    };
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    assert_eq!(fields[3], "255", "{}", path.display());
    assert_eq!(data.len(), w * h * channels, "{}", path.display());
    let (mut ink, mut chroma) = (0usize, 0usize);
    for px in data.chunks(channels) {
        let (lo, hi) = (*px.iter().min().unwrap(), *px.iter().max().unwrap());
        if lo < 200 {
            ink += 1;
        }
        if hi - lo > 40 {
            chroma += 1;
        }
    }
    let n = (w * h) as f64;
    PageInk {
        ink: ink as f64 / n,
        chroma: chroma as f64 / n,
    }
}

/// Rasterises every page of `pdf` with `pdftoppm` at 30 dpi, in colour and in
/// greyscale, and measures each page: `(colour pages, greyscale pages)`.
pub fn rasterise(pdf: &Path) -> (Vec<PageInk>, Vec<PageInk>) {
    let dir = tempfile::tempdir().unwrap();
    let run = |extra: &[&str], prefix: &str| -> Vec<PageInk> {
        let root = dir.path().join(prefix);
        let mut args = vec!["-r", "30"];
        args.extend(extra);
        args.extend([pdf.to_str().unwrap(), root.to_str().unwrap()]);
        poppler("pdftoppm", &args);
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(&format!("{prefix}-"))
            })
            .collect();
        files.sort();
        files.iter().map(|p| page_ink(p)).collect()
    };
    (run(&[], "colour"), run(&["-gray"], "grey"))
}

/// Writes every page of `pdf` as PNGs at 60 dpi into `dir`, for a person to look at:
/// `{prefix}page-N.png` in colour and `{prefix}grey-N.png` in greyscale.
pub fn write_pngs(pdf: &Path, dir: &Path, prefix: &str) {
    let p = pdf.to_str().unwrap();
    let colour = dir.join(format!("{prefix}page"));
    let grey = dir.join(format!("{prefix}grey"));
    poppler(
        "pdftoppm",
        &["-png", "-r", "60", p, colour.to_str().unwrap()],
    );
    poppler(
        "pdftoppm",
        &["-png", "-r", "60", "-gray", p, grey.to_str().unwrap()],
    );
}

/// Every page has ink in both renders, the greyscale render has no colour, and the
/// colour render has colour (on page 1 at least, where the grades are).
pub fn assert_pages_render(pdf: &Path, pages: usize) {
    let (colour, grey) = rasterise(pdf);
    assert_eq!(colour.len(), pages, "colour pages of {}", pdf.display());
    assert_eq!(grey.len(), pages, "greyscale pages of {}", pdf.display());
    for (i, (c, g)) in colour.iter().zip(&grey).enumerate() {
        assert!(c.ink > 0.005, "page {} is blank in colour: {c:?}", i + 1);
        assert!(g.ink > 0.005, "page {} is blank in greyscale: {g:?}", i + 1);
        assert_eq!(g.chroma, 0.0, "page {} of the greyscale render", i + 1);
    }
    assert!(
        colour[0].chroma > 0.005,
        "page 1 of the colour render has no colour: {:?}",
        colour[0]
    );
}
