//! Recovery copies: while a tree has unsaved changes, a copy is written to the user's
//! data folder every few seconds, one file per running app. A later start finds the
//! copies of apps that are no longer running (they crashed or were killed) and offers
//! to restore them. Saving or discarding removes the copy.

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
    /// The history revision last copied, so an unchanged tree is not written again.
    written: Option<u64>,
    /// When the current unsaved changes were first noticed.
    pending_since: Option<Instant>,
}

impl Recovery {
    pub fn new(dir: PathBuf) -> Self {
        let file = dir.join(format!("{PREFIX}{}.json", std::process::id()));
        Self {
            dir,
            file,
            written: None,
            pending_since: None,
        }
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
                self.written = Some(revision);
                self.pending_since = None;
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
        })
    }

    /// Removes this app's copy (after a save or a discard).
    pub fn clear(&mut self) {
        if self.written.is_some() || self.file.exists() {
            let _ = fs::remove_file(&self.file);
        }
        self.written = None;
        self.pending_since = None;
    }

    /// Copies left by apps that are no longer running, newest first.
    pub fn orphans(&self) -> Vec<Found> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found: Vec<Found> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p != &self.file && is_orphan(p))
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
    let text = fs::read_to_string(path).map_err(|e| e.to_string())?;
    let file: RecoveryFile = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    if file.format != FORMAT {
        return Err("not a recovery file".to_owned());
    }
    Ok((file.original, format::from_document(&file.tree)))
}

/// A recovery file whose app is not running any more.
fn is_orphan(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let Some(pid) = name
        .strip_prefix(PREFIX)
        .and_then(|n| n.strip_suffix(".json"))
    else {
        return false;
    };
    let Ok(pid) = pid.parse::<u32>() else {
        return false;
    };
    !process_alive(pid)
}

/// Whether `pid` is a live process of this same program. A killed process can linger as
/// a zombie until it is reaped, and its number can be reused by another program; neither
/// is the app that wrote the copy.
#[cfg(target_os = "linux")]
fn process_alive(pid: u32) -> bool {
    let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    // The state follows the command name, which is in parentheses and may hold spaces.
    let state = stat
        .rsplit_once(')')
        .and_then(|(_, rest)| rest.split_whitespace().next());
    if matches!(state, Some("Z" | "X" | "x")) {
        return false;
    }
    let comm = |p: &str| fs::read_to_string(format!("/proc/{p}/comm")).ok();
    comm(&pid.to_string()) == comm("self")
}

#[cfg(not(target_os = "linux"))]
fn process_alive(pid: u32) -> bool {
    // Without a cheap check, only our own process counts as alive.
    pid == std::process::id()
}
