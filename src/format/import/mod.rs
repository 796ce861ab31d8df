//! Importing decision trees drawn as Mermaid flowcharts or Graphviz DOT digraphs: the
//! formats' parsers, the rules that make their graphs trees, and the notes that say what
//! an import ignored or assumed.
//!
//! Questions are the nodes with links out, outcomes the rest; a link's label is the
//! answer's. Anything that cannot be a tree (a cycle, links without arrows, answers
//! that cannot be told apart) is an error with the line and column it is at.

mod dot;
mod graph;
mod mermaid;
mod scan;
mod text;

use std::path::Path;

use thiserror::Error;

use crate::model::Tree;

/// The formats a tree can be imported from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    Mermaid,
    Dot,
}

/// An imported tree, with what the import ignored or assumed to get it.
#[derive(Debug, Clone)]
pub struct Imported {
    pub tree: Tree,
    pub notes: Vec<ImportNote>,
}

/// Something the import ignored or assumed, and the line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportNote {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ImportNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Why a file could not be imported. Line and column are 1-based (the column counts
/// characters); line 0 means the file as a whole (it could not be read, or its name
/// does not say its format), and the message is then shown alone.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", located(*line, *column, message))]
pub struct ImportError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

fn located(line: usize, column: usize, message: &str) -> String {
    if line == 0 {
        message.to_owned()
    } else {
        format!("line {line}, column {column}: {message}")
    }
}

impl ImportError {
    fn whole(message: impl Into<String>) -> Self {
        Self {
            line: 0,
            column: 0,
            message: message.into(),
        }
    }
}

/// Imports a tree from text in the given format. Mermaid text may also be Markdown: its
/// first ```` ```mermaid ```` block is read, with the lines numbered as in the Markdown.
pub fn import_str(text: &str, format: ImportFormat) -> Result<Imported, ImportError> {
    // A byte-order mark is not part of the text; some editors write one.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let graph = match format {
        ImportFormat::Mermaid => match mermaid_block(text) {
            Some(block) => mermaid::parse(&block)?,
            None => mermaid::parse(text)?,
        },
        ImportFormat::Dot => dot::parse(text)?,
    };
    graph::build(graph)
}

/// The format a file's extension says: `.mmd`/`.mermaid` Mermaid, `.md`/`.markdown`
/// Mermaid (its first ```` ```mermaid ```` block), `.dot`/`.gv` DOT.
pub fn format_for_path(path: &Path) -> Option<ImportFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "mmd" | "mermaid" | "md" | "markdown" => Some(ImportFormat::Mermaid),
        "dot" | "gv" => Some(ImportFormat::Dot),
        _ => None,
    }
}

/// Reads a file (within the size limit tree files have) and imports it in the format
/// its extension says.
pub fn import_path(path: &Path) -> Result<Imported, ImportError> {
    let format = format_for_path(path).ok_or_else(|| {
        ImportError::whole(format!(
            "cannot tell the format of {} from its name: Mermaid files end in .mmd or \
             .mermaid (or .md for a Markdown file with a mermaid block), DOT files in .dot \
             or .gv",
            path.display()
        ))
    })?;
    let text = super::read_text(path).map_err(|e| ImportError::whole(e.to_string()))?;
    if is_markdown(path) && mermaid_block(&text).is_none() {
        return Err(ImportError::whole(format!(
            "{} has no ```mermaid block to import",
            path.display()
        )));
    }
    import_str(&text, format)
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// The first mermaid block of Markdown text (a ```` ```mermaid ```` or `~~~mermaid`
/// fence, or an Azure DevOps wiki's `::: mermaid`), with every line outside it left
/// empty, so lines and columns stay those of the Markdown. A block left open runs to
/// the end, as CommonMark reads it.
fn mermaid_block(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let (start, fence) = lines
        .iter()
        .enumerate()
        .find_map(|(i, line)| opening_fence(line).map(|f| (i, f)))?;
    let end = lines[start + 1..]
        .iter()
        .position(|line| closes(line, &fence))
        .map_or(lines.len(), |p| start + 1 + p);
    let kept = lines
        .iter()
        .enumerate()
        .map(|(i, line)| if i > start && i < end { *line } else { "" });
    Some(kept.collect::<Vec<_>>().join("\n"))
}

/// The fence (its characters) when `line` opens a mermaid block.
fn opening_fence(line: &str) -> Option<String> {
    let trimmed = line.trim_start();
    let mark = trimmed
        .chars()
        .next()
        .filter(|c| matches!(c, '`' | '~' | ':'))?;
    let fence: String = trimmed.chars().take_while(|&c| c == mark).collect();
    let info = trimmed[fence.len()..].trim();
    let word = info.split_whitespace().next().unwrap_or("");
    let word = word.trim_start_matches('{').trim_end_matches('}');
    (fence.len() >= 3 && word.eq_ignore_ascii_case("mermaid")).then_some(fence)
}

fn closes(line: &str, fence: &str) -> bool {
    let trimmed = line.trim();
    let mark = fence.chars().next().unwrap_or('`');
    trimmed.len() >= fence.len() && trimmed.chars().all(|c| c == mark)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mermaid_block_keeps_its_lines() {
        let md = "# Title\n\n```js\nx\n```\n\n  ```mermaid title\n  flowchart TD\n  A --> B\n  ```\nafter\n```mermaid\nflowchart LR\n```";
        assert_eq!(
            mermaid_block(md).unwrap(),
            "\n\n\n\n\n\n\n  flowchart TD\n  A --> B\n\n\n\n\n"
        );
        assert_eq!(mermaid_block("no block\n```\nx\n```"), None);
        let wiki = "::: mermaid\ngraph TD\n:::\n";
        assert_eq!(mermaid_block(wiki).unwrap(), "\ngraph TD\n\n");
        assert_eq!(mermaid_block("~~~ {mermaid}\nA\n").unwrap(), "\nA\n");
    }

    #[test]
    fn formats_by_extension() {
        let f = |p: &str| format_for_path(Path::new(p));
        assert_eq!(f("a/tree.mmd"), Some(ImportFormat::Mermaid));
        assert_eq!(f("README.MD"), Some(ImportFormat::Mermaid));
        assert_eq!(f("x.mermaid"), Some(ImportFormat::Mermaid));
        assert_eq!(f("x.markdown"), Some(ImportFormat::Mermaid));
        assert_eq!(f("x.gv"), Some(ImportFormat::Dot));
        assert_eq!(f("x.dot"), Some(ImportFormat::Dot));
        assert_eq!(f("x.json"), None);
        assert_eq!(f("dot"), None);
    }

    #[test]
    fn errors_read_with_their_place() {
        let e = ImportError {
            line: 3,
            column: 7,
            message: "bad".into(),
        };
        assert_eq!(e.to_string(), "line 3, column 7: bad");
        assert_eq!(ImportError::whole("unreadable").to_string(), "unreadable");
    }
}
