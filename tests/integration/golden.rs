//! The golden figures (#11): `leadaudit baseline --json` and `leadaudit findings --json` on
//! generated benchmark data must print the same bytes before and after any change of
//! engine. The committed outputs are in `tests/data/golden/bench-<size>/`.
//!
//! The data is what `./dev bench` measures (scripts/bench.py): `leadaudit synth --profile
//! bench --contacts N`, both quarters concatenated with the header written once. This test
//! checks the 10k size with the debug binary; `./dev bench` checks every size that has a
//! golden folder with the release binary.
//!
//! After a deliberate change of a figure, regenerate with
//! `LEADAUDIT_BLESS=1 cargo test --test integration golden` (and `./dev bench --sizes 100k
//! --bless` for the 100k golden), and say in the commit why the figures changed.

use std::path::{Path, PathBuf};

use crate::harness::{leadaudit, repo};

/// The benchmark's four files, in the order `./dev bench` passes them.
const FILES: [&str; 4] = ["contacts.csv", "deals.csv", "engagements.csv", "owners.csv"];

/// The time zone of the generated workspace (its `workspace.toml`), given explicitly so
/// that the figures do not depend on the machine's zone.
const TIMEZONE: &str = "America/New_York";

/// The environment variable that rewrites the golden files instead of comparing.
const BLESS_ENV: &str = "LEADAUDIT_BLESS";

/// Writes the benchmark data of `contacts` contacts into `dir` (as scripts/bench.py does)
/// and returns the four paths.
fn bench_data(dir: &Path, contacts: u64) -> Vec<PathBuf> {
    let raw = dir.join("synth");
    let n = contacts.to_string();
    let out = raw.display().to_string();
    leadaudit(
        dir,
        &[
            "synth",
            "--profile",
            "bench",
            "--contacts",
            n.as_str(),
            "--out",
            out.as_str(),
        ],
    )
    .ok();
    let mut quarters: Vec<PathBuf> = std::fs::read_dir(&raw)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.is_dir()
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("hubspot-"))
        })
        .collect();
    quarters.sort();
    assert!(
        !quarters.is_empty(),
        "the generator wrote no hubspot-* folder into {}",
        raw.display()
    );
    FILES
        .iter()
        .map(|name| {
            let mut joined = Vec::new();
            for (i, q) in quarters.iter().enumerate() {
                let bytes = std::fs::read(q.join(name)).unwrap();
                let body = if i == 0 {
                    &bytes[..]
                } else {
                    let end = bytes.iter().position(|b| *b == b'\n').map_or(0, |p| p + 1);
                    &bytes[end..]
                };
                joined.extend_from_slice(body);
            }
            let path = dir.join(name);
            std::fs::write(&path, joined).unwrap();
            path
        })
        .collect()
}

/// The first line where two texts differ, for the failure message.
fn first_difference(expected: &str, actual: &str) -> String {
    let (mut e, mut a) = (expected.lines(), actual.lines());
    let mut line = 1;
    loop {
        match (e.next(), a.next()) {
            (None, None) => return "the texts differ only in line endings".to_owned(),
            (x, y) if x == y => line += 1,
            (x, y) => {
                return format!(
                    "line {line}:\n  golden: {}\n  now:    {}",
                    x.unwrap_or("(end of file)"),
                    y.unwrap_or("(end of file)")
                );
            }
        }
    }
}

/// Compares `actual` with the golden file `name` of `size`, or rewrites it when blessing.
fn check(size: &str, name: &str, actual: &str) {
    let golden = repo()
        .join("tests")
        .join("data")
        .join("golden")
        .join(format!("bench-{size}"))
        .join(name);
    if std::env::var_os(BLESS_ENV).is_some_and(|v| !v.is_empty() && v != "0") {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(&golden, actual).unwrap();
        eprintln!("blessed {}", golden.display());
        return;
    }
    let expected = std::fs::read_to_string(&golden).unwrap_or_else(|e| {
        panic!(
            "cannot read the golden file {}: {e}; write it with {BLESS_ENV}=1 cargo test --test integration golden",
            golden.display()
        )
    });
    if expected != actual {
        let kept = std::env::temp_dir().join(format!("leadaudit-golden-{size}-{name}"));
        std::fs::write(&kept, actual).unwrap();
        panic!(
            "{name} on the {size} benchmark data differs from the golden file {} at {}\n\
             The output now is in {}. If the change of figures is intended, regenerate with \
             {BLESS_ENV}=1 cargo test --test integration golden, and say why in the commit.",
            golden.display(),
            first_difference(&expected, actual),
            kept.display()
        );
    }
}

#[test]
fn golden_figures_of_the_10k_benchmark_data_are_unchanged() {
    let tmp = tempfile::tempdir().unwrap();
    let files = bench_data(tmp.path(), 10_000);
    let files: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    for (command, golden) in [("baseline", "baseline.json"), ("findings", "findings.json")] {
        let mut args = vec![
            command.to_owned(),
            "--json".to_owned(),
            "--timezone".to_owned(),
            TIMEZONE.to_owned(),
        ];
        args.extend(files.iter().cloned());
        let run = leadaudit(tmp.path(), &args);
        check("10k", golden, run.ok());
    }
}

#[test]
fn a_golden_difference_names_the_first_line_that_differs() {
    assert_eq!(
        first_difference(
            "{\n  \"a\": 1,\n  \"b\": 2\n}",
            "{\n  \"a\": 1,\n  \"b\": 3\n}"
        ),
        "line 3:\n  golden:   \"b\": 2\n  now:      \"b\": 3"
    );
    assert_eq!(
        first_difference("a\nb\n", "a\n"),
        "line 2:\n  golden: b\n  now:    (end of file)"
    );
}
