//! The bundled sample workspace is exactly what the generator writes (so the data and
//! the generator never drift apart), and `leadaudit synth` writes a workspace.

use std::path::Path;

use leadaudit_synth::{self as synth, Profile, SynthOptions};
use serde_json::Value;

use crate::harness::{leadaudit, repo};

#[test]
fn the_committed_sample_data_is_what_the_generator_writes() {
    let committed = repo().join("sample-data");
    let truth: Value =
        serde_json::from_slice(&std::fs::read(committed.join("truth.json")).unwrap()).unwrap();
    let seed = truth["seed"].as_u64().unwrap();
    let contacts = truth["contacts"].as_u64().unwrap();
    assert_eq!(seed, synth::DEFAULT_SEED);
    assert_eq!(truth["profile"], "sample");
    let tmp = tempfile::tempdir().unwrap();
    synth::generate(&SynthOptions {
        out: tmp.path().to_path_buf(),
        seed,
        contacts: Some(contacts),
        profile: Profile::Sample,
        quarters: synth::DEFAULT_QUARTERS,
    })
    .unwrap();
    let (want, got) = (
        synth::snapshot::files(&committed).unwrap(),
        synth::snapshot::files(tmp.path()).unwrap(),
    );
    let regenerate = format!(
        "regenerate it with `leadaudit synth --out sample-data --seed {seed} --contacts {contacts}` and commit the result"
    );
    for (name, bytes) in &got {
        match want.get(name) {
            None => panic!("sample-data/{name} is missing; {regenerate}"),
            Some(w) => assert!(
                w == bytes,
                "sample-data/{name} differs from what the generator writes; {regenerate}"
            ),
        }
    }
    // No stale export lies beside the generated ones.
    for name in want.keys() {
        if name.starts_with("hubspot-") || name.starts_with("salesforce/") {
            assert!(
                got.contains_key(name),
                "sample-data/{name} is not written by the generator"
            );
        }
    }
}

#[test]
fn leadaudit_synth_writes_a_workspace_and_refuses_bad_sizes() {
    let tmp = tempfile::tempdir().unwrap();
    let args = [
        "synth",
        "--out",
        "ws",
        "--profile",
        "bench",
        "--contacts",
        "1200",
        "--seed",
        "5",
        "--json",
    ];
    let run = leadaudit(tmp.path(), &args);
    let summary: Value = serde_json::from_str(run.ok()).unwrap();
    assert_eq!(summary["contacts"], 1200, "{run}");
    assert_eq!(summary["profile"], "bench");
    assert_eq!(summary["files"].as_array().unwrap().len(), 13);
    assert_eq!(summary["quarters"]["2026Q2"]["contacts"], 600);
    let truth: Value =
        serde_json::from_slice(&std::fs::read(tmp.path().join("ws/truth.json")).unwrap()).unwrap();
    assert_eq!(truth["seed"], 5);
    assert_eq!(truth["persons"].as_object().unwrap().len(), 1200);
    // The folder is a workspace the CLI can show.
    let shown = leadaudit(tmp.path(), &["sample", "--dir", "ws", "--json"]);
    let ws: Value = serde_json::from_str(shown.ok()).unwrap();
    assert_eq!(ws["timezone"], "America/New_York");

    let bad = leadaudit(tmp.path(), &["synth", "--out", "ws2", "--contacts", "5"]);
    assert_eq!(bad.code, Some(2), "{bad}");
    assert!(bad.stderr.contains("--contacts 5 is out of range"), "{bad}");
    assert!(!tmp.path().join("ws2/truth.json").exists());
}

/// Runs a copy of the `leadaudit` binary, without the sample override and without the
/// development build's fallback to the source tree.
fn run_moved(
    bin: &Path,
    args: &[&str],
    sample_env: Option<&Path>,
) -> (Option<i32>, String, String) {
    let mut cmd = std::process::Command::new(bin);
    cmd.args(args)
        .current_dir(bin.parent().unwrap())
        .env_remove("LEADAUDIT_SAMPLE_DIR")
        .env("LEADAUDIT_NO_DEV_SAMPLE", "1");
    if let Some(dir) = sample_env {
        cmd.env("LEADAUDIT_SAMPLE_DIR", dir);
    }
    let out = cmd.output().expect("the copied binary runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_moved_binary_finds_the_sample_beside_it_or_says_where_it_looked() {
    let tmp = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let dir = std::fs::canonicalize(tmp.path()).unwrap();
    let bin = dir.join("leadaudit");
    let built = Path::new(env!("CARGO_BIN_EXE_leadaudit"));
    if std::fs::hard_link(built, &bin).is_err() {
        std::fs::copy(built, &bin).unwrap();
    }

    // Nothing beside it: a clear error that names where it looked and what to do.
    let (code, stdout, stderr) = run_moved(&bin, &["sample"], None);
    assert_eq!(code, Some(2), "{stdout}{stderr}");
    let beside = dir.join("sample-data");
    assert!(
        stderr.contains("the bundled sample workspace was not found")
            && stderr.contains(&beside.display().to_string())
            && stderr.contains("LEADAUDIT_SAMPLE_DIR"),
        "{stderr}"
    );
    assert!(
        !stderr.contains(&repo().display().to_string()),
        "the source tree is not looked at: {stderr}"
    );

    // The sample beside it.
    std::fs::create_dir(&beside).unwrap();
    std::fs::copy(
        repo().join("sample-data/workspace.toml"),
        beside.join("workspace.toml"),
    )
    .unwrap();
    let (code, stdout, stderr) = run_moved(&bin, &["sample"], None);
    assert_eq!(code, Some(0), "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "Brightwave Analytics (sample)", "{stdout}");
    assert_eq!(lines[2], beside.display().to_string(), "{stdout}");

    // The override wins, and a wrong one is an error rather than a silent fallback.
    let repo_sample = repo().join("sample-data");
    let (code, stdout, _) = run_moved(&bin, &["sample"], Some(&repo_sample));
    assert_eq!(code, Some(0));
    assert_eq!(
        stdout.lines().nth(2),
        Some(repo_sample.display().to_string().as_str())
    );
    let (code, _, stderr) = run_moved(&bin, &["sample"], Some(&dir.join("nowhere")));
    assert_eq!(code, Some(2));
    assert!(stderr.contains("holds no workspace.toml"), "{stderr}");
}
