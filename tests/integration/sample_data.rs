//! The bundled sample workspace is exactly what the generator writes (so the data and
//! the generator never drift apart), and `leadaudit synth` writes a workspace.

use std::collections::BTreeMap;
use std::path::Path;

use leadaudit::synth::{self, Profile, SynthOptions};
use serde_json::Value;

use crate::harness::{leadaudit, repo};

/// Every file under `dir`, by relative path with `/` separators.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

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
    })
    .unwrap();
    let (want, got) = (files(&committed), files(tmp.path()));
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
