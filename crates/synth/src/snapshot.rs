//! Every file of a folder with its bytes, by relative path: how the tests compare two
//! generations (or the bundled `sample-data/` with a fresh one) byte for byte.

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

/// Every file under `dir` (at any depth) with its bytes, keyed by its path relative to
/// `dir` with `/` separators on every platform.
pub fn files(dir: &Path) -> io::Result<BTreeMap<String, Vec<u8>>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let p = entry?.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap_or(&p)
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p)?);
            }
        }
    }
    Ok(out)
}
