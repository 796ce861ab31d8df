//! Every input the fuzzers (`fuzz/`) found a crash, a hang or unbounded memory with, run
//! through the same code as the fuzz target, so it stays fixed. Inputs live in
//! `tests/fuzz-regressions/<target>/`, one file each, named after what they found.

use std::path::{Path, PathBuf};

fn inputs(target: &str) -> Vec<PathBuf> {
    let mut files = files_in(&Path::new("tests/fuzz-regressions").join(target));
    // The seeds too, so each target runs on real trees even before it has findings.
    files.extend(files_in(&Path::new("fuzz/seeds").join(target)));
    assert!(!files.is_empty(), "no inputs for {target}");
    files
}

fn files_in(relative: &Path) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"))
        .collect();
    files.sort();
    files
}

/// Runs each input on its own thread, so a failure names the file.
fn run_all(target: &str, run: fn(&[u8])) {
    for path in inputs(target) {
        let data = std::fs::read(&path).unwrap();
        let name = path.display().to_string();
        std::thread::Builder::new()
            .name(name.clone())
            .stack_size(2 * 1024 * 1024)
            .spawn(move || run(&data))
            .unwrap()
            .join()
            .unwrap_or_else(|_| panic!("{name}"));
    }
}

#[test]
fn loader_regressions() {
    run_all("load", tradeoff::fuzzing::load);
}

#[test]
fn walk_regressions() {
    run_all("walk", tradeoff::fuzzing::walk);
}
