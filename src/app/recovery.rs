//! Recovery copies: while a tree has unsaved changes, a copy is written to the user's
//! data folder every few seconds, one file per run of the app. A later start finds the
//! copies of runs that are over (they crashed or were killed) and offers to restore
//! them. Saving or discarding removes the copy.
//!
//! A copy is named `recovery-<pid>-<start>-<nonce>.json`: the process id to see whether
//! its app still runs, the process's start time to tell it from a later process that
//! got the same id, and a random part so that no two runs share a name. An app only
//! ever deletes a copy it wrote itself, or one it restored once its own copy of that
//! work is on disk.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::format::{self, Document};
use crate::model::Tree;

/// How long unsaved changes wait before they are copied.
pub const INTERVAL: Duration = Duration::from_secs(3);
const PREFIX: &str = "recovery-";
const FORMAT: &str = "tradeoff-recovery";

/// What a recovery file holds: the tree and where it was to be saved.
#[derive(Debug, Serialize, Deserialize)]
struct RecoveryFile {
    format: String,
    /// The file the tree came from, if it had one.
    original: Option<PathBuf>,
    tree: Document,
}

/// A recovery copy found at start-up.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub path: PathBuf,
    pub original: Option<PathBuf>,
    pub title: String,
    pub modified: Option<std::time::SystemTime>,
}

/// This app's recovery file and when it was last written.
#[derive(Debug)]
pub struct Recovery {
    dir: PathBuf,
    file: PathBuf,
    /// Whether `file` is on disk because this run wrote it.
    on_disk: bool,
    /// The history revision last copied, so an unchanged tree is not written again.
    written: Option<u64>,
    /// When the current unsaved changes were first noticed.
    pending_since: Option<Instant>,
    /// Copies restored from runs that ended. Each holds the work until this run's own
    /// copy of it is written: deleting it sooner would lose the work to a crash in
    /// between.
    adopted: Vec<PathBuf>,
}

impl Recovery {
    pub fn new(dir: PathBuf) -> Self {
        let pid = std::process::id();
        let start = process_start(&pid.to_string()).unwrap_or(0);
        let file = dir.join(format!("{PREFIX}{pid}-{start}-{:016x}.json", nonce()));
        Self {
            dir,
            file,
            on_disk: false,
            written: None,
            pending_since: None,
            adopted: Vec::new(),
        }
    }

    /// Where this run writes its copy.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Takes over a restored copy: it is deleted once this run has written the work
    /// again, or when the work is saved or discarded.
    pub fn adopt(&mut self, path: &Path) {
        self.adopted.push(path.to_owned());
        // The restored tree starts a new history whose revisions may repeat ones
        // already copied; it is written afresh.
        self.written = None;
        self.pending_since = None;
    }

    /// Called every frame. Writes a copy once changes have waited `INTERVAL`; returns how
    /// long to wait before calling again, when a write is still due.
    pub fn tick(
        &mut self,
        tree: &Tree,
        original: Option<&Path>,
        revision: u64,
        dirty: bool,
    ) -> Option<Duration> {
        if !dirty {
            self.clear();
            return None;
        }
        if self.written == Some(revision) {
            return None;
        }
        let since = *self.pending_since.get_or_insert_with(Instant::now);
        let waited = since.elapsed();
        if waited < INTERVAL {
            return Some(INTERVAL - waited);
        }
        match self.write(tree, original) {
            Ok(()) => {
                self.on_disk = true;
                self.written = Some(revision);
                self.pending_since = None;
                self.remove_adopted();
                None
            }
            // A failed copy is tried again later; the open tree is unaffected.
            Err(_) => {
                self.pending_since = Some(Instant::now());
                Some(INTERVAL)
            }
        }
    }

    fn write(&self, tree: &Tree, original: Option<&Path>) -> std::io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let file = RecoveryFile {
            format: FORMAT.to_owned(),
            original: original.map(Path::to_owned),
            tree: format::to_document(tree),
        };
        let text = serde_json::to_string_pretty(&file).map_err(std::io::Error::other)?;
        format::write_atomic(&self.file, text.as_bytes(), false).map_err(|e| match e {
            format::SaveError::Io { source, .. } => source,
            other => std::io::Error::other(other.to_string()),
        })
    }

    /// Removes this app's copy, and the copies it restored (after a save or a discard).
    pub fn clear(&mut self) {
        if self.on_disk {
            let _ = fs::remove_file(&self.file);
            self.on_disk = false;
        }
        self.remove_adopted();
        self.written = None;
        self.pending_since = None;
    }

    fn remove_adopted(&mut self) {
        for path in self.adopted.drain(..) {
            let _ = fs::remove_file(path);
        }
    }

    /// Copies left by apps that are no longer running, newest first.
    pub fn orphans(&self) -> Vec<Found> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found: Vec<Found> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p != &self.file && !self.adopted.contains(p) && is_orphan(p))
            .filter_map(|path| {
                let (original, tree) = read(&path).ok()?;
                let modified = fs::metadata(&path).and_then(|m| m.modified()).ok();
                Some(Found {
                    path,
                    original,
                    title: tree.title,
                    modified,
                })
            })
            .collect();
        found.sort_by_key(|f| std::cmp::Reverse(f.modified));
        found
    }
}

/// Reads a recovery copy: its original path and its tree (kept even with problems).
pub fn read(path: &Path) -> Result<(Option<PathBuf>, Tree), String> {
    // The same checks as a tree file: the folder may hold anything, even a named pipe.
    let text = format::read_text(path).map_err(|e| e.to_string())?;
    let file: RecoveryFile = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    if file.format != FORMAT {
        return Err("not a recovery file".to_owned());
    }
    Ok((file.original, format::from_document(&file.tree)))
}

/// A recovery file whose run is over: `recovery-<pid>-<start>-<nonce>.json`, or
/// `recovery-<pid>.json` as earlier versions named them.
fn is_orphan(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let Some(stem) = name
        .strip_prefix(PREFIX)
        .and_then(|n| n.strip_suffix(".json"))
    else {
        return false;
    };
    let mut parts = stem.split('-');
    let Some(Ok(pid)) = parts.next().map(str::parse::<u32>) else {
        return false;
    };
    let start = match parts.next().map(str::parse::<u64>) {
        None => None,
        Some(Ok(start)) => Some(start).filter(|&s| s != 0),
        Some(Err(_)) => return false,
    };
    // This process is this run, and the copy is not this run's: an earlier process had
    // the same id.
    if pid == std::process::id() {
        return true;
    }
    !process_alive(pid, start)
}

/// Whether `pid` is a live process of this same program, started at `start` when that
/// is known. A killed process can linger as a zombie until it is reaped, and its number
/// can be reused by another program or another run of this one; none of them is the
/// app that wrote the copy.
#[cfg(target_os = "linux")]
fn process_alive(pid: u32, start: Option<u64>) -> bool {
    let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    let state = stat_fields(&stat).and_then(|mut f| f.next());
    if matches!(state, Some("Z" | "X" | "x")) {
        return false;
    }
    if start.is_some_and(|s| process_start(&pid.to_string()) != Some(s)) {
        return false;
    }
    let comm = |p: &str| fs::read_to_string(format!("/proc/{p}/comm")).ok();
    comm(&pid.to_string()) == comm("self")
}

#[cfg(not(target_os = "linux"))]
fn process_alive(_pid: u32, _start: Option<u64>) -> bool {
    // Without a cheap check, only our own process counts as alive, and it is handled
    // before this is asked.
    false
}

/// The fields of `/proc/<pid>/stat` from the state on: they follow the command name,
/// which is in parentheses and may hold spaces and parentheses itself.
#[cfg(target_os = "linux")]
fn stat_fields(stat: &str) -> Option<std::str::SplitWhitespace<'_>> {
    stat.rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace())
}

/// When a process started, in clock ticks since boot: with the id, it names one
/// process for as long as the machine runs.
#[cfg(target_os = "linux")]
fn process_start(pid: &str) -> Option<u64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The start time is field 22; the state, the first field after the name, is 3.
    stat_fields(&stat)?.nth(22 - 3)?.parse().ok()
}

#[cfg(not(target_os = "linux"))]
fn process_start(_pid: &str) -> Option<u64> {
    None
}

/// A value no other run is likely to pick: the standard library seeds the keys of
/// `RandomState` from the operating system's random source.
fn nonce() -> u64 {
    use std::hash::{BuildHasher as _, Hasher as _};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    hasher.write_u128(now);
    hasher.finish()
}
