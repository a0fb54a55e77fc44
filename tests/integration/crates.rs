//! The workspace's crates (#17): the product library (`leadaudit-core`, crates/core) and
//! the desktop app carry nothing only the command line or the tests need. README's
//! "What is where" names each crate.

use std::process::Command;

use crate::harness::repo;

/// The crates `cargo tree -e normal -p <package>` lists (`name version` per line, once
/// each); `depth` 1 gives the package's own dependencies only.
fn normal_dependencies(package: &str, depth: Option<u32>) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut args = vec![
        "tree".to_owned(),
        "--offline".to_owned(),
        "-e".to_owned(),
        "normal".to_owned(),
        "--prefix".to_owned(),
        "none".to_owned(),
        "--format".to_owned(),
        "{p}".to_owned(),
        "-p".to_owned(),
        package.to_owned(),
    ];
    if let Some(depth) = depth {
        args.extend(["--depth".to_owned(), depth.to_string()]);
    }
    let out = Command::new(&cargo)
        .args(&args)
        .current_dir(repo())
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree -p {package} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

fn named<'a>(tree: &'a [String], crates: &[&str]) -> Vec<&'a str> {
    tree.iter()
        .map(String::as_str)
        .filter(|line| crates.contains(&line.split_whitespace().next().unwrap_or("")))
        .collect()
}

#[test]
fn the_product_library_and_the_app_link_no_command_line_crate() {
    for package in ["leadaudit-core", "leadaudit-app"] {
        let tree = normal_dependencies(package, None);
        assert!(
            tree.len() > 50,
            "cargo tree -p {package} printed too little to be a real tree:\n{tree:?}"
        );
        let found = named(
            &tree,
            &["clap", "clap_builder", "indicatif", "leadaudit-synth"],
        );
        assert!(found.is_empty(), "{package} links {found:?}");
    }
}

/// `rand` still reaches the core through Polars, lopdf and argmin, which use it
/// themselves; the core's own code draws no random number (the generator that does is
/// crates/synth).
#[test]
fn the_product_library_depends_on_no_random_number_crate_of_its_own() {
    let own = normal_dependencies("leadaudit-core", Some(1));
    assert!(own.len() > 10, "too few direct dependencies: {own:?}");
    let found = named(
        &own,
        &["rand", "rand_chacha", "rand_core", "clap", "indicatif"],
    );
    assert!(found.is_empty(), "leadaudit-core depends on {found:?}");
    // The generator does, so the check above looks at the right names.
    let synth = normal_dependencies("leadaudit-synth", Some(1));
    assert!(!named(&synth, &["rand"]).is_empty(), "{synth:?}");
}
