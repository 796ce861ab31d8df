//! Reading and writing tree files: size limit, syntax and version errors with positions,
//! validation with line numbers, and saves that never leave a half-written file.

use std::collections::HashMap;
use std::fs;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use crate::model::{Problem, Severity, Tree};

use super::convert::{from_document, to_document};
use super::document::{Document, FORMAT_NAME, FORMAT_VERSION};

/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A validation problem with the line of the file it points at, where known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocatedProblem {
    pub problem: Problem,
    pub line: Option<usize>,
}

impl std::fmt::Display for LocatedProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.problem),
            None => write!(f, "{}", self.problem),
        }
    }
}

/// Why a file could not be loaded.
#[derive(Debug, Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read {path}: it is {kind}, not a regular file")]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error("{path} is {size} bytes; tree files are limited to {limit} bytes")]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("line {line}, column {column}: {message}{}", near_node.as_ref().map(|n| format!(" (in node \"{n}\")")).unwrap_or_default())]
    Syntax {
        line: usize,
        column: usize,
        message: String,
        near_node: Option<String>,
    },
    #[error(
        "this is not a Tradeoff tree: the \"format\" field is {found}, expected \"{FORMAT_NAME}\""
    )]
    WrongFormat { found: String },
    #[error(
        "this is not a Tradeoff tree: a tree file is a JSON object ({{ ... }}), and this file is not"
    )]
    NotAnObject,
    #[error(
        "this tree uses format version {found}, which is newer than this version of Tradeoff reads (up to {supported}); update Tradeoff to open it"
    )]
    NewerVersion { found: u32, supported: u32 },
    #[error("the \"version\" field is {found}; tree files have version 1 or later")]
    UnknownVersion { found: String },
    #[error("the file is not UTF-8 text (invalid byte at offset {offset})")]
    NotText { offset: usize },
    #[error("the tree has {} error{}:\n{}", errors(problems).count(), if errors(problems).count() == 1 { "" } else { "s" }, problems.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid {
        problems: Vec<LocatedProblem>,
        tree: Box<Tree>,
    },
}

fn errors(problems: &[LocatedProblem]) -> impl Iterator<Item = &LocatedProblem> {
    problems
        .iter()
        .filter(|p| p.problem.severity == Severity::Error)
}

impl LoadError {
    /// True when the file could not be read at all (as opposed to read and found wrong).
    pub fn is_unreadable(&self) -> bool {
        matches!(
            self,
            LoadError::Io { .. } | LoadError::NotAFile { .. } | LoadError::TooLarge { .. }
        )
    }

    /// The line the error points at, if it points at one.
    pub fn line(&self) -> Option<usize> {
        match self {
            LoadError::Syntax { line, .. } => Some(*line),
            LoadError::Invalid { problems, .. } => errors(problems).find_map(|p| p.line),
            _ => None,
        }
    }
}

/// A tree that loaded, with the warnings it still has.
#[derive(Debug)]
pub struct Loaded {
    pub tree: Tree,
    pub problems: Vec<LocatedProblem>,
}

/// Why a save failed. The file that was there before is untouched.
#[derive(Debug, Error)]
pub enum SaveError {
    #[error("cannot save to {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Only the fields needed to decide how to read the rest, so a newer file is
/// recognised as newer instead of failing on fields this version does not know.
#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

/// Parses and checks a document, then validates the tree. Errors refuse the file.
pub fn load_str(text: &str) -> Result<Loaded, LoadError> {
    let loaded = load_str_lenient(text)?;
    if loaded
        .problems
        .iter()
        .any(|p| p.problem.severity == Severity::Error)
    {
        return Err(LoadError::Invalid {
            problems: loaded.problems,
            tree: Box::new(loaded.tree),
        });
    }
    Ok(loaded)
}

/// Like `load_str`, but a tree with validation errors is returned with its problems
/// instead of refused, so it can be opened for repair.
pub fn load_str_lenient(text: &str) -> Result<Loaded, LoadError> {
    // A byte-order mark is legal in UTF-8 files some editors write; JSON has no use for it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match text.trim_start().chars().next() {
        Some('{') => {}
        Some(_) => return Err(LoadError::NotAnObject),
        None => {
            return Err(LoadError::Syntax {
                line: 1,
                column: 1,
                message: "the file is empty".to_owned(),
                near_node: None,
            });
        }
    }
    let header: Header = serde_json::from_str(text).map_err(|e| syntax(text, &e))?;
    match header.format {
        Some(serde_json::Value::String(f)) if f == FORMAT_NAME => {}
        Some(other) => {
            return Err(LoadError::WrongFormat {
                found: other.to_string(),
            });
        }
        None => {
            return Err(LoadError::WrongFormat {
                found: "missing".to_owned(),
            });
        }
    }
    match header.version.as_ref().map(|v| (v, v.as_u64())) {
        Some((_, Some(version))) if version > u64::from(FORMAT_VERSION) => {
            return Err(LoadError::NewerVersion {
                found: u32::try_from(version).unwrap_or(u32::MAX),
                supported: FORMAT_VERSION,
            });
        }
        Some((_, Some(0))) | Some((_, None)) => {
            let found = header
                .version
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default();
            return Err(LoadError::UnknownVersion { found });
        }
        // A missing version is reported by the full parse below, with its position.
        _ => {}
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let doc: Document = serde_path_to_error::deserialize(&mut de).map_err(|e| shape(text, e))?;
    let tree = from_document(&doc);
    let lines = id_lines(text);
    let problems = tree
        .validate()
        .into_iter()
        .map(|problem| {
            let line = problem.node_id().and_then(|id| lines.get(id).copied());
            LocatedProblem { problem, line }
        })
        .collect();
    Ok(Loaded { tree, problems })
}

/// Reads a file (refusing oversize ones before reading them) and loads it.
pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
    load_str(&read_limited(path)?)
}

/// Reads a tree file's text with the same limits as loading.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    read_limited(path)
}

/// Whether the text is a JSON Schema (such as the one published beside the trees)
/// rather than a tree.
pub fn is_json_schema(text: &str) -> bool {
    #[derive(Deserialize)]
    struct SchemaHeader {
        #[serde(rename = "$schema")]
        schema: Option<String>,
    }
    serde_json::from_str::<SchemaHeader>(text)
        .is_ok_and(|h| h.schema.is_some_and(|s| s.contains("json-schema.org")))
}

/// Reads a file and loads it for repair; see `load_str_lenient`.
pub fn load_path_lenient(path: &Path) -> Result<Loaded, LoadError> {
    load_str_lenient(&read_limited(path)?)
}

fn read_limited(path: &Path) -> Result<String, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let (file, meta) = open_regular(path).map_err(|e| match e {
        OpenError::Io(source) => io(source),
        OpenError::NotAFile(kind) => LoadError::NotAFile {
            path: path.to_owned(),
            kind,
        },
    })?;
    let size = meta.len();
    if size > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    // The limit is applied while reading too: the file may grow after the check.
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    String::from_utf8(bytes).map_err(|e| LoadError::NotText {
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Why `open_regular` refused a path.
#[derive(Debug)]
pub(crate) enum OpenError {
    Io(std::io::Error),
    /// What the path is instead of a regular file: "a named pipe", "a folder", ...
    NotAFile(&'static str),
}

impl From<OpenError> for std::io::Error {
    fn from(e: OpenError) -> Self {
        match e {
            OpenError::Io(e) => e,
            OpenError::NotAFile(kind) => std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("it is {kind}, not a regular file"),
            ),
        }
    }
}

/// Opens a path for reading only if it is a regular file, with its metadata. Opening a
/// named pipe blocks until something writes to it, and a device such as /dev/zero
/// never ends, so either would hang whoever reads it. The path is checked before it is
/// opened, and the opened handle again, in case the path was swapped in between.
pub(crate) fn open_regular(path: &Path) -> Result<(fs::File, fs::Metadata), OpenError> {
    let meta = fs::metadata(path).map_err(OpenError::Io)?;
    if !meta.is_file() {
        return Err(OpenError::NotAFile(kind_of(&meta.file_type())));
    }
    let file = open_without_waiting(path).map_err(OpenError::Io)?;
    let meta = file.metadata().map_err(OpenError::Io)?;
    if !meta.is_file() {
        return Err(OpenError::NotAFile(kind_of(&meta.file_type())));
    }
    Ok((file, meta))
}

/// Opens for reading without waiting for a writer, should a named pipe have replaced
/// the checked file. The flag is left on: reads from a regular file never wait anyway.
#[cfg(unix)]
fn open_without_waiting(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt as _;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_waiting(path: &Path) -> std::io::Result<fs::File> {
    fs::File::open(path)
}

#[cfg(unix)]
fn kind_of(file_type: &fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt as _;
    if file_type.is_dir() {
        "a folder"
    } else if file_type.is_fifo() {
        "a named pipe"
    } else if file_type.is_char_device() || file_type.is_block_device() {
        "a device"
    } else if file_type.is_socket() {
        "a socket"
    } else {
        "something else"
    }
}

#[cfg(not(unix))]
fn kind_of(file_type: &fs::FileType) -> &'static str {
    if file_type.is_dir() {
        "a folder"
    } else {
        "something else"
    }
}

/// A document that parses as JSON but not as a tree: the failing path (such as
/// `nodes[3].titel`) names the node for certain, whatever its ids look like.
fn shape(text: &str, e: serde_path_to_error::Error<serde_json::Error>) -> LoadError {
    let path = e.path().to_string();
    let inner = e.into_inner();
    let LoadError::Syntax {
        line,
        column,
        message,
        near_node,
    } = syntax(text, &inner)
    else {
        unreachable!("syntax() always gives a Syntax error")
    };
    let node = node_at_path(text, &path).or(near_node);
    let message = if path.is_empty() || path == "." {
        message
    } else {
        format!("{message} (at {path})")
    };
    LoadError::Syntax {
        line,
        column,
        message,
        near_node: node,
    }
}

/// The id of the node `path` points into (`nodes[3]...`), read from the document.
fn node_at_path(text: &str, path: &str) -> Option<String> {
    let rest = path.strip_prefix("nodes[")?;
    let index: usize = rest.split(']').next()?.parse().ok()?;
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    value
        .get("nodes")?
        .get(index)?
        .get("id")?
        .as_str()
        .map(str::to_owned)
}

fn syntax(text: &str, e: &serde_json::Error) -> LoadError {
    // serde_json appends " at line L column C" to its message; the position is kept
    // separately, so the sentence is cut there.
    let full = e.to_string();
    let message = match full.rfind(" at line ") {
        Some(at) => full[..at].to_owned(),
        None => full,
    };
    let line = e.line();
    LoadError::Syntax {
        line,
        column: e.column(),
        message,
        near_node: node_id_before(text, line),
    }
}

/// The id of the last node object that starts at or before `line`, so an error inside
/// a node can say which one.
fn node_id_before(text: &str, line: usize) -> Option<String> {
    let mut best = None;
    for (id, at) in id_occurrences(text) {
        if at <= line {
            best = Some(id);
        } else {
            break;
        }
    }
    best
}

/// First line (1-based) of each `"id": "..."` in the text.
fn id_lines(text: &str) -> HashMap<String, usize> {
    let mut map = HashMap::new();
    for (id, line) in id_occurrences(text) {
        map.entry(id).or_insert(line);
    }
    map
}

/// Every `"id": "value"` pair in reading order, with its 1-based line. A light scan, not
/// a parser: it only needs to point a reader at the right place.
///
/// Only the `nodes` array counts: dimensions have ids too, and one may equal a node's.
/// Nodes are taken to run from the `"nodes"` key to a `"dimensions"` key after it, if a
/// hand-written file puts the dimensions last.
fn id_occurrences(text: &str) -> Vec<(String, usize)> {
    let key_line = |key: &str, from: usize| {
        text.lines()
            .enumerate()
            .skip(from)
            .find(|(_, l)| {
                l.find(key)
                    .is_some_and(|at| l[at + key.len()..].trim_start().starts_with(':'))
            })
            .map(|(n, _)| n)
    };
    let start = key_line("\"nodes\"", 0).unwrap_or(0);
    let end = key_line("\"dimensions\"", start + 1).unwrap_or(usize::MAX);
    let mut out = Vec::new();
    for (number, line) in text.lines().enumerate().take(end).skip(start) {
        let mut rest = line;
        while let Some(at) = rest.find("\"id\"") {
            rest = &rest[at + 4..];
            let after = rest.trim_start();
            let Some(after) = after.strip_prefix(':') else {
                continue;
            };
            let after = after.trim_start();
            let Some(value) = after.strip_prefix('"') else {
                continue;
            };
            if let Some(end) = value.find('"') {
                out.push((value[..end].to_owned(), number + 1));
            }
        }
    }
    out
}

/// The tree as the pretty, stable JSON the app writes.
pub fn to_json(tree: &Tree) -> String {
    let doc = to_document(tree);
    // Serialising plain strings, maps and vectors cannot fail.
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes the tree to `path` atomically: a temporary file in the same folder is written,
/// flushed to disk and renamed over the target, so a crash or a full disk never leaves a
/// half-written tree where the old one was. With `backup`, the previous file is copied to
/// `<name>.bak` first, the same way.
pub fn save_path(tree: &Tree, path: &Path, backup: bool) -> Result<(), SaveError> {
    write_atomic(path, to_json(tree).as_bytes(), backup)
}

pub fn write_atomic(path: &Path, bytes: &[u8], backup: bool) -> Result<(), SaveError> {
    let io = |source| SaveError::Io {
        path: path.to_owned(),
        source,
    };
    // Saving through a symbolic link replaces the file it points to, not the link.
    let resolved = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path).map_err(io)?,
        _ => path.to_owned(),
    };
    let path = resolved.as_path();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".tradeoff-save-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(io)?;
    temp.write_all(bytes).map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    match fs::metadata(path) {
        Ok(meta) => {
            // Keep the old file's permissions instead of the temporary file's 0600.
            fs::set_permissions(temp.path(), meta.permissions()).map_err(io)?;
            if backup {
                write_backup(path, &dir).map_err(io)?;
            }
        }
        Err(_) => set_new_file_permissions(temp.path()).map_err(io)?,
    }
    temp.persist(path).map_err(|e| io(e.error))?;
    // The rename is durable only once the folder itself is flushed.
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Copies the file at `path` to `<name>.bak` the way the file itself is saved: into a
/// temporary file in the same folder, flushed, then renamed over the old backup. Copying
/// onto the backup in place would write through a `.bak` that is a link (to a file the
/// user never meant to touch), and a disk filling up halfway would leave neither the old
/// backup nor a new one.
fn write_backup(path: &Path, dir: &Path) -> std::io::Result<()> {
    let (mut old, meta) = open_regular(path)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".tradeoff-backup-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    std::io::copy(&mut old, temp.as_file_mut())?;
    temp.as_file().set_permissions(meta.permissions())?;
    temp.as_file().sync_all()?;
    temp.persist(backup_path(path)).map_err(|e| e.error)?;
    Ok(())
}

/// A new tree file is readable by others, like any file a user creates; the temporary
/// file it starts as is private.
#[cfg(unix)]
fn set_new_file_permissions(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    fs::set_permissions(path, fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_new_file_permissions(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Where `save_path` keeps the previous version: `name.json.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// The JSON Schema of the file format, generated from the document types.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(Document);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
