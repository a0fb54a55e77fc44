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

/// `../shared/real-exports/NAME` beside the repository, or `None` (with a notice) when
/// it is not there: a user's clone has no `../shared/`.
pub fn real_exports(name: &str) -> Option<PathBuf> {
    let dir = repo()
        .join("..")
        .join("shared")
        .join("real-exports")
        .join(name);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "notice: {} is absent; skipping the tests on real exports",
            dir.display()
        );
        None
    }
}
