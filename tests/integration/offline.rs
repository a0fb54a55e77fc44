//! "It works offline" as something an auditor can check (#14): no HTTP or TLS crate is
//! linked into either binary, and the CLI makes no network call, not even for a path that
//! looks like a URL. README's "Privacy and security" gives the same commands by hand.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::repo;

/// The crates that would give the binaries a way to reach the network.
const NETWORK_CRATES: &[&str] = &["reqwest", "hyper", "rustls", "object_store", "h2"];

#[test]
fn no_network_crate_in_either_binary() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    for package in ["leadaudit", "leadaudit-app"] {
        let out = Command::new(&cargo)
            .args([
                "tree",
                "--offline",
                "-e",
                "normal",
                "--prefix",
                "none",
                "--format",
                "{p}",
                "-p",
                package,
            ])
            .current_dir(repo())
            .output()
            .expect("cargo tree runs");
        assert!(
            out.status.success(),
            "cargo tree -p {package} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let tree = String::from_utf8_lossy(&out.stdout);
        assert!(
            tree.lines().count() > 50,
            "cargo tree -p {package} printed too little to be a real tree:\n{tree}"
        );
        let found: Vec<&str> = tree
            .lines()
            .filter(|line| {
                let name = line.split_whitespace().next().unwrap_or("");
                NETWORK_CRATES.contains(&name)
            })
            .collect();
        assert!(
            found.is_empty(),
            "{package} links a network crate: {found:?}"
        );
    }
}

/// Whether `unshare -n` works here (it needs CAP_SYS_ADMIN or user namespaces).
fn can_unshare() -> bool {
    Command::new("unshare")
        .args(["-n", "true"])
        .status()
        .is_ok_and(|s| s.success())
}

fn has_strace() -> bool {
    Command::new("strace")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs `leadaudit ARGS` under `strace -f -e trace=network`, inside a network namespace
/// with no interfaces, and returns the network calls strace saw.
fn traced(dir: &Path, args: &[&str], trace: &Path) -> Vec<String> {
    let status = Command::new("unshare")
        .arg("-n")
        .arg("strace")
        .args(["-f", "-qq", "-e", "trace=network", "-o"])
        .arg(trace)
        .arg(env!("CARGO_BIN_EXE_leadaudit"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .status()
        .expect("unshare and strace run");
    assert!(
        status.success(),
        "leadaudit {} failed offline ({status})",
        args.join(" ")
    );
    std::fs::read_to_string(trace)
        .expect("strace wrote its log")
        .lines()
        .filter(|l| l.contains("connect(") || l.contains("socket(AF_INET"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn audit_report_and_a_url_looking_path_make_no_network_call() {
    if !can_unshare() || !has_strace() {
        crate::harness::record_env_skip("needs `unshare -n` (root or user namespaces) and strace");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let q2: PathBuf = repo().join("sample-data/hubspot-2026Q2");
    let mut files: Vec<String> = std::fs::read_dir(&q2)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    assert!(files.len() >= 3, "the sample quarter has its files");

    let workspace = dir.join("offline.leadaudit");
    let mut audit: Vec<&str> = vec![
        "audit",
        "--workspace",
        workspace.to_str().unwrap(),
        "--name",
        "offline",
        "--timezone",
        "America/New_York",
    ];
    audit.extend(files.iter().map(String::as_str));
    let calls = traced(dir, &audit, &dir.join("audit.trace"));
    assert!(calls.is_empty(), "audit made network calls: {calls:#?}");

    let pdf = dir.join("offline.pdf");
    let report = [
        "report",
        "--workspace",
        workspace.to_str().unwrap(),
        "--audit",
        "1",
        "--out",
        pdf.to_str().unwrap(),
    ];
    let calls = traced(dir, &report, &dir.join("report.trace"));
    assert!(calls.is_empty(), "report made network calls: {calls:#?}");
    assert!(
        std::fs::metadata(&pdf).unwrap().len() > 10_000,
        "the PDF was written"
    );

    // A local folder named like a URL: read as the local file it is, never fetched.
    let url_dir = dir.join("https:").join("127.0.0.1:9");
    std::fs::create_dir_all(&url_dir).unwrap();
    std::fs::copy(q2.join("contacts.csv"), url_dir.join("c.csv")).unwrap();
    let inspect = ["inspect", "https://127.0.0.1:9/c.csv"];
    let calls = traced(dir, &inspect, &dir.join("inspect.trace"));
    assert!(calls.is_empty(), "inspect made network calls: {calls:#?}");
}
