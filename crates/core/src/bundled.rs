//! Where the bundled sample workspace (`sample-data/`) is found at run time, for the CLI
//! (`leadaudit sample`) and the app alike.
//!
//! In this order, the first folder that holds a `workspace.toml`:
//!
//! 1. `LEADAUDIT_SAMPLE_DIR`, when set (and then only it: a wrong override is an error,
//!    not a reason to look elsewhere);
//! 2. `sample-data/` next to the executable (an unpacked archive, a copied binary);
//! 3. `sample-data/` in the app's resources: the folder the caller passes (Tauri's
//!    resource directory), then where packages put resources: `../lib/<app>/` from the
//!    executable on Linux (`/usr/bin/x` → `/usr/lib/<app>/`), `../Resources/` on macOS;
//! 4. in a development build only (debug assertions on), the source tree's
//!    `sample-data/`, unless `LEADAUDIT_NO_DEV_SAMPLE` is set.
//!
//! A release binary never reads the folder it was compiled in.

use std::path::{Path, PathBuf};

use crate::workspace::DESCRIPTOR;

/// The environment variable that names the sample folder.
pub const SAMPLE_DIR_ENV: &str = "LEADAUDIT_SAMPLE_DIR";
/// Set (to anything) to keep a development build from using the source tree's sample.
pub const NO_DEV_SAMPLE_ENV: &str = "LEADAUDIT_NO_DEV_SAMPLE";
/// The sample's folder name wherever it is installed.
pub const SAMPLE_FOLDER: &str = "sample-data";
/// The names the app's resource folder has under `lib/` in Linux packages.
const APP_NAMES: &[&str] = &["lead-audit", "Lead Audit", "leadaudit"];

/// The sample workspace could not be found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BundledError {
    #[error(
        "{SAMPLE_DIR_ENV} is set to {}, which holds no {DESCRIPTOR}; point it at the sample-data folder, or unset it",
        .0.display()
    )]
    Override(PathBuf),
    #[error(
        "the bundled sample workspace was not found; looked for a {SAMPLE_FOLDER} folder with a {DESCRIPTOR} in: {}. Reinstall Lead Audit (the sample comes with it), keep {SAMPLE_FOLDER} next to the program, or set {SAMPLE_DIR_ENV} to its folder",
        list(.0)
    )]
    NotFound(Vec<PathBuf>),
}

fn list(paths: &[PathBuf]) -> String {
    if paths.is_empty() {
        return "nowhere (the program's own location is unknown)".to_owned();
    }
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where to look, besides the environment.
#[derive(Debug, Clone, Default)]
pub struct Places {
    /// The folder of the running executable.
    pub exe_dir: Option<PathBuf>,
    /// The app's resource folder (Tauri's resource directory), when there is one.
    pub resource_dir: Option<PathBuf>,
    /// The source tree's sample (development builds only).
    pub dev_dir: Option<PathBuf>,
}

impl Places {
    /// The running program's places: its executable's folder, `resource_dir`, and the
    /// source tree in a development build unless [`NO_DEV_SAMPLE_ENV`] is set.
    pub fn current(resource_dir: Option<&Path>) -> Self {
        let exe_dir = std::env::current_exe()
            .ok()
            .map(|p| std::fs::canonicalize(&p).unwrap_or(p))
            .and_then(|p| p.parent().map(Path::to_path_buf));
        let dev_dir = (cfg!(debug_assertions) && std::env::var_os(NO_DEV_SAMPLE_ENV).is_none())
            .then(|| {
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("../..")
                    .join(SAMPLE_FOLDER)
            });
        Places {
            exe_dir,
            resource_dir: resource_dir.map(Path::to_path_buf),
            dev_dir,
        }
    }

    /// The candidate folders, in the order they are tried.
    pub fn candidates(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        if let Some(exe) = &self.exe_dir {
            out.push(exe.join(SAMPLE_FOLDER));
        }
        if let Some(res) = &self.resource_dir {
            out.push(res.join(SAMPLE_FOLDER));
        }
        if let Some(exe) = &self.exe_dir {
            for name in APP_NAMES {
                out.push(exe.join("..").join("lib").join(name).join(SAMPLE_FOLDER));
            }
            out.push(exe.join("..").join("Resources").join(SAMPLE_FOLDER));
        }
        if let Some(dev) = &self.dev_dir {
            out.push(dev.clone());
        }
        let mut seen = Vec::new();
        out.retain(|p| {
            let new = !seen.contains(p);
            seen.push(p.clone());
            new
        });
        out
    }
}

fn holds_descriptor(dir: &Path) -> bool {
    dir.join(DESCRIPTOR).is_file()
}

/// The sample folder: `override_dir` (the value of [`SAMPLE_DIR_ENV`]) when given, else
/// the first of `places`' candidates that holds a `workspace.toml`.
pub fn find_sample_dir(
    override_dir: Option<&Path>,
    places: &Places,
) -> Result<PathBuf, BundledError> {
    if let Some(dir) = override_dir {
        return if holds_descriptor(dir) {
            Ok(dir.to_path_buf())
        } else {
            Err(BundledError::Override(dir.to_path_buf()))
        };
    }
    let candidates = places.candidates();
    // Canonical, so a package's sample reads `/usr/lib/…`, not `/usr/bin/../lib/…`.
    candidates
        .iter()
        .find(|d| holds_descriptor(d))
        .map(|d| std::fs::canonicalize(d).unwrap_or_else(|_| d.clone()))
        .ok_or(BundledError::NotFound(candidates))
}

/// The bundled sample folder of the running program (see the module documentation).
/// `resource_dir` is the app's resource folder, when the caller knows one.
pub fn sample_dir(resource_dir: Option<&Path>) -> Result<PathBuf, BundledError> {
    let env = std::env::var_os(SAMPLE_DIR_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    find_sample_dir(env.as_deref(), &Places::current(resource_dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_in(dir: &Path) -> PathBuf {
        let s = dir.join(SAMPLE_FOLDER);
        std::fs::create_dir_all(&s).unwrap();
        std::fs::write(s.join(DESCRIPTOR), "name = \"x\"\ncompany = \"y\"\n").unwrap();
        s
    }

    #[test]
    fn next_to_the_program_then_resources_then_packages_then_the_source_tree() {
        let t = tempfile::tempdir().unwrap();
        let bin = t.path().join("usr/bin");
        std::fs::create_dir_all(&bin).unwrap();
        let res = t.path().join("res");
        let dev = t.path().join("src");
        let places = Places {
            exe_dir: Some(bin.clone()),
            resource_dir: Some(res.clone()),
            dev_dir: Some(dev.join(SAMPLE_FOLDER)),
        };
        // Nothing anywhere: every place is named.
        let err = find_sample_dir(None, &places).unwrap_err();
        let BundledError::NotFound(looked) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(looked.len(), 7, "{looked:?}");
        let text = err.to_string();
        assert!(text.contains(&bin.join(SAMPLE_FOLDER).display().to_string()));
        assert!(text.contains("LEADAUDIT_SAMPLE_DIR"), "{text}");
        // Each place, from the last to the first, wins over those after it; the folder
        // found is given canonical (no `..`).
        let canonical = |p: &Path| std::fs::canonicalize(p).unwrap();
        let dev_sample = sample_in(&dev);
        assert_eq!(
            find_sample_dir(None, &places).unwrap(),
            canonical(&dev_sample)
        );
        let pkg = sample_in(&t.path().join("usr/lib/lead-audit"));
        assert_eq!(find_sample_dir(None, &places).unwrap(), canonical(&pkg));
        let res_sample = sample_in(&res);
        assert_eq!(
            find_sample_dir(None, &places).unwrap(),
            canonical(&res_sample)
        );
        let beside = sample_in(&bin);
        assert_eq!(find_sample_dir(None, &places).unwrap(), canonical(&beside));
        // Without a development folder it is not looked at.
        let release = Places {
            dev_dir: None,
            ..places.clone()
        };
        assert_eq!(release.candidates().len(), 6);
    }

    #[test]
    fn an_override_is_used_alone() {
        let t = tempfile::tempdir().unwrap();
        let beside = sample_in(t.path());
        let places = Places {
            exe_dir: Some(t.path().to_path_buf()),
            ..Places::default()
        };
        let other = tempfile::tempdir().unwrap();
        let chosen = sample_in(other.path());
        assert_eq!(find_sample_dir(Some(&chosen), &places).unwrap(), chosen);
        // A wrong override is an error, even with a sample next to the program.
        let wrong = other.path().join("nope");
        let err = find_sample_dir(Some(&wrong), &places).unwrap_err();
        assert_eq!(err, BundledError::Override(wrong.clone()));
        assert!(err.to_string().contains("holds no workspace.toml"), "{err}");
        assert_eq!(
            find_sample_dir(None, &places).unwrap(),
            std::fs::canonicalize(&beside).unwrap()
        );
    }
}
