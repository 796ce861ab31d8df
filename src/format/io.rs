//! Reading and writing tree files: size limit, syntax and version errors with positions,
//! validation with line numbers, and saves that never leave a half-written file.

use std::collections::HashMap;
use std::fs;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use crate::model::{Problem, Severity, Tree};

use super::convert::{from_document_owned, to_document};
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
    #[error("{path} is {}; tree files are limited to {}", size.map_or_else(|| format!("larger than {}", bytes(*limit)), bytes), bytes(*limit))]
    TooLarge {
        path: PathBuf,
        /// The size the file reports; `None` when it reported less than it held (a
        /// file still growing, or one of the kernel's), and reading stopped at the limit.
        size: Option<u64>,
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
    NewerVersion {
        /// The version as the file writes it.
        found: String,
        supported: u32,
    },
    #[error("the \"version\" field is {found}; a tree file's version is a whole number, 1 or more")]
    UnknownVersion {
        /// The value as the file writes it.
        found: String,
    },
    #[error("the file is not UTF-8 text (invalid byte at offset {offset})")]
    NotText { offset: usize },
    #[error("the tree has {} error{}:\n{}", errors(problems).count(), if errors(problems).count() == 1 { "" } else { "s" }, problems.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid {
        problems: Vec<LocatedProblem>,
        tree: Box<Tree>,
    },
}

/// A size in the units a person reads: "64 MiB", "1.5 GiB", "900 bytes".
fn bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if n < 1024 {
        return format!("{n} bytes");
    }
    let mut value = n as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if value.fract() == 0.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
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
    /// The format version the file was written in; saving writes `FORMAT_VERSION`.
    pub version: u32,
}

impl Loaded {
    /// How many of the problems are errors, and how many warnings.
    pub fn counts(&self) -> (usize, usize) {
        let errors = self
            .problems
            .iter()
            .filter(|p| p.problem.severity == Severity::Error)
            .count();
        (errors, self.problems.len() - errors)
    }
}

/// Why a save failed. The file that was there before is untouched.
#[derive(Debug, Error)]
pub enum SaveError {
    #[error("cannot save to {path}: {}", say_io(source))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot save to {path}: it is {kind}, not a file; choose a file name")]
    NotAFile { path: PathBuf, kind: &'static str },
}

/// Why a save failed, in words a user knows, with the system's own words after them.
fn say_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let plain = match e.kind() {
        ErrorKind::StorageFull => "the disk is full",
        ErrorKind::QuotaExceeded => "your disk quota is used up",
        ErrorKind::PermissionDenied => "you do not have permission to write there",
        ErrorKind::ReadOnlyFilesystem => "the disk is read-only",
        ErrorKind::IsADirectory => "it is a folder, not a file",
        ErrorKind::NotFound => "the folder does not exist",
        ErrorKind::FileTooLarge => "the file is too large for that disk",
        _ => return e.to_string(),
    };
    format!("{plain} ({e})")
}

/// Only the fields needed to decide how to read the rest, so a newer file is
/// recognised as newer instead of failing on fields this version does not know.
#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    /// Kept as written: `1e21` is reported as `1e21`, not as the float it parses to.
    version: Option<Box<serde_json::value::RawValue>>,
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
    // A well-formed file of this version parses in one pass. Anything else takes the
    // careful path below, which checks the format and version first and then reports
    // where the shape goes wrong; its errors are the same whichever way a file came.
    if let Ok(fast) = serde_json::from_str::<super::fast::FastDocument>(text)
        && let doc = fast.into_document()
        && doc.format == FORMAT_NAME
        && (1..=FORMAT_VERSION).contains(&doc.version)
    {
        return Ok(validated(text, doc));
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
    if let Some(raw) = &header.version {
        let found = raw.get().to_owned();
        match whole_number(&found) {
            Some(Version::Newer) => {
                return Err(LoadError::NewerVersion {
                    found,
                    supported: FORMAT_VERSION,
                });
            }
            Some(Version::Supported) => {}
            None => return Err(LoadError::UnknownVersion { found }),
        }
    }
    // A missing version is reported by the full parse below, with its position.
    let mut de = serde_json::Deserializer::from_str(text);
    let doc: Document = serde_path_to_error::deserialize(&mut de).map_err(|e| shape(text, e))?;
    Ok(validated(text, doc))
}

/// The tree of a parsed document, with its validation problems and the line of the
/// node each one is about.
fn validated(text: &str, doc: Document) -> Loaded {
    let version = doc.version;
    let tree = from_document_owned(doc);
    let problems = tree.validate();
    // The line of each node's id is only needed to point at a problem: a valid file
    // (the usual case) skips the scan, a tenth of the load of a large tree.
    let lines = if problems.iter().any(|p| p.node_id().is_some()) {
        id_lines(text)
    } else {
        Default::default()
    };
    let problems = problems
        .into_iter()
        .map(|problem| {
            let line = problem.node_id().and_then(|id| lines.get(id).copied());
            LocatedProblem { problem, line }
        })
        .collect();
    Loaded {
        tree,
        problems,
        version,
    }
}

/// What a `version` value says.
enum Version {
    Supported,
    Newer,
}

/// Reads a `version` as written in the file: a whole number 1 or more, in any JSON
/// spelling (`2`, `2.0`, `1e21`); `None` for anything else (`0`, `-1`, `1.5`, `"1"`).
fn whole_number(raw: &str) -> Option<Version> {
    let number: serde_json::Number = serde_json::from_str(raw).ok()?;
    if let Some(n) = number.as_u64() {
        return match n {
            0 => None,
            n if n <= u64::from(FORMAT_VERSION) => Some(Version::Supported),
            _ => Some(Version::Newer),
        };
    }
    // Not a u64: negative, fractional, or written with a fraction or an exponent.
    let f = number.as_f64()?;
    if f.is_finite() && f.fract() == 0.0 && f >= 1.0 {
        Some(if f <= f64::from(FORMAT_VERSION) {
            Version::Supported
        } else {
            Version::Newer
        })
    } else {
        None
    }
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
            size: Some(size),
            limit: MAX_FILE_BYTES,
        });
    }
    read_capped(file, path)
}

/// Reads text up to `MAX_FILE_BYTES`, applying the limit while reading: a file may hold
/// more than it said (it grew after the check, or it is one of the kernel's files that
/// report no size), and it is then refused as larger than the limit, without a size
/// it never had. Public only for the tests.
#[doc(hidden)]
pub fn read_capped(reader: impl std::io::Read, path: &Path) -> Result<String, LoadError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| LoadError::Io {
            path: path.to_owned(),
            source,
        })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            size: None,
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
/// `nodes[3].titel`) names the node for certain, whatever its ids look like; a path
/// outside the nodes (a top-level field, a dimension) names none.
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
    let node = if path.is_empty() || path == "." {
        near_node
    } else {
        node_index_in_path(&path)
            .and_then(|i| node_spans(text).into_iter().nth(i).and_then(|span| span.id))
    };
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

/// `3` for a path such as `nodes[3].answers[0].to`.
fn node_index_in_path(path: &str) -> Option<usize> {
    path.strip_prefix("nodes[")?.split(']').next()?.parse().ok()
}

fn syntax(text: &str, e: &serde_json::Error) -> LoadError {
    // serde_json appends " at line L column C" to its message; the position is kept
    // separately, so the sentence is cut there.
    let full = e.to_string();
    let mut message = match full.rfind(" at line ") {
        Some(at) => full[..at].to_owned(),
        None => full,
    };
    if let Some(what) = message.strip_prefix("EOF while parsing ") {
        message = format!("the file ends in the middle of {what}");
    }
    let (line, column, offset) = position(text, e.line(), e.column());
    LoadError::Syntax {
        line,
        column,
        message,
        near_node: node_spans(text)
            .into_iter()
            .rfind(|span| span.start <= offset && span.end.is_none_or(|end| offset < end))
            .and_then(|span| span.id),
    }
}

/// Where serde_json's (line, byte column) points, as a person counts it: columns in
/// characters, from 1. serde_json puts an error at the very end of a file that ends
/// with a newline at column 0 of the line after it; that is the end of the last line.
/// Also returns the byte offset of the place.
fn position(text: &str, line: usize, column: usize) -> (usize, usize, usize) {
    // Scans, not a table of line starts: a file of 64 MiB of newlines is 64 Mi lines.
    let start_of = |line: usize| {
        if line <= 1 {
            Some(0)
        } else {
            text.match_indices('\n').nth(line - 2).map(|(i, _)| i + 1)
        }
    };
    let (line, start) = match start_of(line) {
        Some(start) => (line.max(1), start),
        None => {
            let last = text.matches('\n').count() + 1;
            (last, start_of(last).unwrap_or(0))
        }
    };
    if column == 0 {
        if line == 1 {
            return (1, 1, 0);
        }
        let previous = &text[start_of(line - 1).unwrap_or(0)..start - 1];
        let previous = previous.strip_suffix('\r').unwrap_or(previous);
        return (line - 1, previous.chars().count() + 1, start - 1);
    }
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let byte = (start + column - 1).min(end);
    let mut at = byte;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    (line, text[start..at].chars().count() + 1, byte)
}

/// One node object of the `nodes` array, as found by `node_spans`.
#[derive(Debug)]
struct NodeSpan {
    /// Byte offset of its `{`.
    start: usize,
    /// Byte offset past its `}`, if the text has one.
    end: Option<usize>,
    /// The first `"id"` it gives (a duplicate key does not change which node it is).
    id: Option<String>,
}

/// Every object in the top-level `nodes` array, in order, with its first id. A light
/// scan in one pass, not a parser: it also reads a broken file, as far as it can, so an
/// error can name the node it is in. Ids come from the nodes only, not the dimensions.
fn node_spans(text: &str) -> Vec<NodeSpan> {
    let bytes = text.as_bytes();
    let mut scan = SpanScan {
        text,
        stack: Vec::new(),
        deeper: 0,
        spans: Vec::new(),
    };
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => scan.open_object(i),
            b'[' => scan.push(Frame::Array),
            b'}' | b']' => scan.close(bytes[i] == b'}', i),
            b',' if scan.deeper == 0 => scan.comma(),
            b'"' => i = scan.string(i),
            _ => {}
        }
        i += 1;
    }
    scan.spans
}

/// A container `node_spans` is inside.
#[derive(PartialEq)]
enum Frame {
    /// An object: the last key read, and whether a key comes next.
    Object {
        key: Option<String>,
        expect_key: bool,
    },
    Array,
}

/// Inside the top-level object's "nodes" array, one level down: a node object.
fn in_nodes_array(stack: &[Frame]) -> bool {
    stack.len() == 2
        && stack[1] == Frame::Array
        && matches!(&stack[0], Frame::Object { key: Some(k), .. } if k == "nodes")
}

/// The state of `node_spans`, one method per kind of byte that matters, so each step of
/// the scan reads on its own.
struct SpanScan<'t> {
    text: &'t str,
    /// Only the top three levels matter (the document, `nodes`, a node); deeper ones are
    /// counted in `deeper`, not kept, so a file of 64 MiB of `[` takes no more memory
    /// than any other.
    stack: Vec<Frame>,
    deeper: usize,
    spans: Vec<NodeSpan>,
}

impl SpanScan<'_> {
    /// Enters a container: kept on the stack within the top three levels, counted below.
    fn push(&mut self, frame: Frame) {
        if self.stack.len() < 3 {
            self.stack.push(frame);
        } else {
            self.deeper += 1;
        }
    }

    /// A `{` at byte `i`: in the `nodes` array, a node's span starts here.
    fn open_object(&mut self, i: usize) {
        if self.deeper == 0 && in_nodes_array(&self.stack) {
            self.spans.push(NodeSpan {
                start: i,
                end: None,
                id: None,
            });
        }
        self.push(Frame::Object {
            key: None,
            expect_key: true,
        });
    }

    /// A `}` (`brace`) or `]` at byte `i`: leaves the container, and ends the node's
    /// span when that was a node object.
    fn close(&mut self, brace: bool, i: usize) {
        if self.deeper > 0 {
            self.deeper -= 1;
            return;
        }
        self.stack.pop();
        if brace
            && in_nodes_array(&self.stack)
            && let Some(span) = self.spans.last_mut()
            && span.end.is_none()
        {
            span.end = Some(i + 1);
        }
    }

    /// A `,` within the kept levels: in an object, a key comes next.
    fn comma(&mut self) {
        if let Some(Frame::Object { expect_key, .. }) = self.stack.last_mut() {
            *expect_key = true;
        }
    }

    /// A string starting at byte `from`: read as a key, or as a node's id when it is the
    /// value of a node's `"id"` key. Returns the byte of its closing quote (or past the
    /// end of a text that stops inside it).
    fn string(&mut self, from: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut i = from + 1;
        while i < bytes.len() && bytes[i] != b'"' {
            i += if bytes[i] == b'\\' { 2 } else { 1 };
        }
        if self.deeper > 0 {
            return i;
        }
        let raw = self.text.get(from..(i + 1).min(bytes.len())).unwrap_or("");
        let node_level = self.stack.len() == 3 && in_nodes_array(&self.stack[..2]);
        match self.stack.last_mut() {
            Some(Frame::Object { key, expect_key }) if *expect_key => {
                *key = Some(serde_json::from_str::<String>(raw).unwrap_or_default());
                *expect_key = false;
            }
            Some(Frame::Object { key, .. }) if node_level && key.as_deref() == Some("id") => {
                if let Some(span) = self.spans.last_mut()
                    && span.id.is_none()
                {
                    span.id = serde_json::from_str::<String>(raw).ok();
                }
            }
            _ => {}
        }
        i
    }
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
/// half-written tree where the old one was. With `backup`, the previous file is kept as
/// `<name>.bak`, written the same way.
pub fn save_path(tree: &Tree, path: &Path, backup: bool) -> Result<(), SaveError> {
    write_atomic(path, to_json(tree).as_bytes(), backup)
}

/// Writes `bytes` to `path` atomically; see `save_path`.
pub fn write_atomic(path: &Path, bytes: &[u8], backup: bool) -> Result<(), SaveError> {
    write_atomic_with(path, bytes, backup, &Faults::default())
}

/// A step of a save, where a test can make it fail.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveStep {
    /// Creating the temporary file in the folder (a read-only folder fails here).
    CreateTemp,
    /// Flushing the new file to the disk.
    Sync,
    /// Giving the new file the old one's permissions.
    Permissions,
    /// Starting the backup's temporary copy.
    Backup,
    /// Renaming the new file over the old one.
    Rename,
    /// Renaming the backup's copy over the old backup.
    RenameBackup,
}

/// Faults a test injects into a save, as a full disk or a failing folder would cause
/// them. The default injects none; only the tests use anything else.
#[doc(hidden)]
#[derive(Debug, Clone, Default)]
pub struct Faults {
    /// The step that fails, and with what error.
    pub fail: Option<(SaveStep, std::io::ErrorKind)>,
    /// How many bytes the disk takes before it is full: the new file and the backup's
    /// copy together. `None`: no limit.
    pub room: Option<u64>,
}

impl Faults {
    fn check(&self, step: SaveStep) -> std::io::Result<()> {
        match self.fail {
            Some((at, kind)) if at == step => Err(std::io::Error::from(kind)),
            _ => Ok(()),
        }
    }
}

/// A writer onto a disk with `room` bytes left (shared by the files of one save).
struct OnDisk<'a, W> {
    inner: W,
    room: &'a std::cell::Cell<Option<u64>>,
}

impl<W: std::io::Write> std::io::Write for OnDisk<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let Some(room) = self.room.get() else {
            return self.inner.write(buf);
        };
        if room == 0 && !buf.is_empty() {
            return Err(std::io::Error::from(std::io::ErrorKind::StorageFull));
        }
        let n = usize::try_from(room).map_or(buf.len(), |r| buf.len().min(r));
        let written = self.inner.write(&buf[..n])?;
        self.room.set(Some(room - written as u64));
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// `write_atomic` with faults injected; for the tests of failing saves.
///
/// The order is what keeps the old file and its backup as they were when a save fails,
/// and whole when the process dies at any point: the new file is written and flushed
/// in full first, then the backup's copy of the old file, then the new file is renamed
/// over the old one, and only then the copy over the old backup. A failure before the
/// first rename changes nothing; a crash between the renames leaves the new file and
/// the previous backup, both whole.
#[doc(hidden)]
pub fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    backup: bool,
    faults: &Faults,
) -> Result<(), SaveError> {
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
    // A folder (or a pipe, a device) where the file should go: say so before anything
    // is written, rather than whatever the rename or the backup's copy would report.
    if let Ok(meta) = fs::metadata(path)
        && !meta.is_file()
    {
        return Err(SaveError::NotAFile {
            path: path.to_owned(),
            kind: kind_of(&meta.file_type()),
        });
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let room = std::cell::Cell::new(faults.room);
    faults.check(SaveStep::CreateTemp).map_err(io)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".tradeoff-save-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(io)?;
    OnDisk {
        inner: temp.as_file_mut(),
        room: &room,
    }
    .write_all(bytes)
    .map_err(io)?;
    faults.check(SaveStep::Sync).map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    let mut backup_copy = None;
    match fs::metadata(path) {
        Ok(meta) => {
            // Keep the old file's permissions instead of the temporary file's 0600.
            faults.check(SaveStep::Permissions).map_err(io)?;
            fs::set_permissions(temp.path(), meta.permissions()).map_err(io)?;
            if backup {
                backup_copy = Some(copy_for_backup(path, &dir, faults, &room).map_err(io)?);
            }
        }
        Err(_) => set_new_file_permissions(temp.path()).map_err(io)?,
    }
    faults.check(SaveStep::Rename).map_err(io)?;
    temp.persist(path).map_err(|e| io(e.error))?;
    // The tree is saved. A backup that cannot be put in place leaves the previous one
    // (and its temporary copy is removed): the save itself still succeeded.
    if let Some(copy) = backup_copy
        && faults.check(SaveStep::RenameBackup).is_ok()
    {
        let _ = copy.persist(backup_path(path));
    }
    // The renames are durable only once the folder itself is flushed.
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Copies the file at `path` into a temporary file in the same folder, flushed, to be
/// renamed over `<name>.bak` once the new file is in place. Copying onto the backup in
/// place would write through a `.bak` that is a link (to a file the user never meant to
/// touch), and a disk filling up halfway would leave neither the old backup nor a new
/// one.
fn copy_for_backup(
    path: &Path,
    dir: &Path,
    faults: &Faults,
    room: &std::cell::Cell<Option<u64>>,
) -> std::io::Result<tempfile::NamedTempFile> {
    let (mut old, meta) = open_regular(path)?;
    faults.check(SaveStep::Backup)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".tradeoff-backup-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    std::io::copy(
        &mut old,
        &mut OnDisk {
            inner: temp.as_file_mut(),
            room,
        },
    )?;
    temp.as_file().set_permissions(meta.permissions())?;
    temp.as_file().sync_all()?;
    Ok(temp)
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

/// What a tree file was when it was opened or saved: its modification time, size and a
/// hash of its content, so a save can tell whether something else (another window,
/// another program) changed it since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStamp {
    pub modified: Option<std::time::SystemTime>,
    pub len: u64,
    pub hash: u64,
}

/// The stamp of the regular file at `path`; `None` when there is none (missing, a
/// folder, unreadable, or over the size limit).
pub fn file_stamp(path: &Path) -> Option<FileStamp> {
    use std::hash::Hasher as _;
    let (file, meta) = open_regular(path).ok()?;
    if meta.len() > MAX_FILE_BYTES {
        return None;
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).ok()?;
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(&bytes);
    Some(FileStamp {
        modified: meta.modified().ok(),
        len: bytes.len() as u64,
        hash: hasher.finish(),
    })
}

/// Whether the file at `path` is no longer what `stamp` recorded. A file that is gone
/// (or is no longer a file) has not "changed" in this sense: saving puts it back, or
/// says why it cannot. A file only touched (same content) has not changed either.
pub fn changed_since(path: &Path, stamp: &FileStamp) -> bool {
    let Ok(meta) = fs::metadata(path) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    if meta.len() == stamp.len && meta.modified().ok() == stamp.modified {
        return false;
    }
    file_stamp(path).is_some_and(|now| now.len != stamp.len || now.hash != stamp.hash)
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
