//! Exports of a tree and a walk through it: a decision record in Markdown (`record`),
//! and the graph as Mermaid (`mermaid`) or Graphviz DOT (`dot`) text. Pure functions of
//! the tree, the walk and the day; writing the result anywhere is the caller's business.
//!
//! This module owns what the exports share: the formats and their file extensions, the
//! order nodes and answers are written in (so every export of one tree lists them the
//! same way, and the same tree always gives the same text), what a walk marks, and the
//! names nodes get in a language whose ids are narrower than a tree's.

mod dot;
mod markdown;
mod mermaid;
mod record;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet, VecDeque};

use jiff::civil::Date;
use thiserror::Error;

use crate::model::rank::Weights;
use crate::model::{AnswerRef, EdgeIndex, NodeIndex, Tree, Walk};

pub use dot::dot;
pub use mermaid::mermaid;
pub use record::{decision_record, decision_record_with};

/// What a tree (and a walk through it) can be exported as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// A decision record in Markdown (MADR 4 sections).
    Record,
    /// A Mermaid flowchart.
    Mermaid,
    /// A Graphviz DOT graph.
    Dot,
    /// An SVG picture of the graph.
    Svg,
    /// A PNG picture of the graph.
    Png,
}

impl ExportFormat {
    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Record => "md",
            ExportFormat::Mermaid => "mmd",
            ExportFormat::Dot => "dot",
            ExportFormat::Svg => "svg",
            ExportFormat::Png => "png",
        }
    }

    /// The name the command line knows the format by.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Record => "record",
            ExportFormat::Mermaid => "mermaid",
            ExportFormat::Dot => "dot",
            ExportFormat::Svg => "svg",
            ExportFormat::Png => "png",
        }
    }

    /// True for a format whose bytes are not text, which a terminal cannot show.
    pub fn is_binary(self) -> bool {
        self == ExportFormat::Png
    }
}

/// Why an export could not be made.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ExportError {
    /// The picture could not be made (too big even scaled down, or a bad scale).
    #[error("could not draw the picture: {0}")]
    Picture(String),
}

/// What a decision record says beyond the tree and the walk. The default says nothing
/// more.
#[derive(Debug, Clone, Copy, Default)]
pub struct RecordOptions<'a> {
    /// How much each dimension matters to the reader, when they said so.
    pub weights: Option<&'a Weights>,
    /// The format version of the file the tree was read from, when it came from one.
    pub format_version: Option<u32>,
}

/// The tree (and the walk, when given) in `format`. A record without a walk is the
/// record of the empty walk: an open decision at the first question.
pub fn export(
    tree: &Tree,
    walk: Option<&Walk>,
    format: ExportFormat,
    today: Date,
) -> Result<Vec<u8>, ExportError> {
    export_with(tree, walk, format, today, &RecordOptions::default())
}

/// `export`, with what a record may say beyond the tree and the walk.
pub fn export_with(
    tree: &Tree,
    walk: Option<&Walk>,
    format: ExportFormat,
    today: Date,
    options: &RecordOptions<'_>,
) -> Result<Vec<u8>, ExportError> {
    let text = match format {
        ExportFormat::Record => {
            let empty = Walk::new();
            decision_record_with(tree, walk.unwrap_or(&empty), today, options)
        }
        ExportFormat::Mermaid => mermaid(tree, walk),
        ExportFormat::Dot => dot(tree, walk),
        // Pictures come from the view, which draws them as the app does.
        ExportFormat::Svg | ExportFormat::Png => {
            let svg = crate::view::svg::to_svg(tree, walk, &Default::default());
            if format == ExportFormat::Svg {
                svg
            } else {
                return crate::view::svg::to_png(&svg, 1.0).map_err(ExportError::Picture);
            }
        }
    };
    Ok(text.into_bytes())
}

/// The nodes and answers of a tree in the order the graph exports write them, with
/// what a walk marks on them.
struct Listing<'t> {
    /// Breadth first from the start in answer order, then from each node not yet
    /// listed, by index; placeholders for missing targets included.
    nodes: Vec<NodeIndex>,
    /// Each listed node's answers, in the order the node offers them.
    edges: Vec<AnswerRef<'t>>,
    /// The nodes and answers of the walk (empty without one).
    walked_nodes: HashSet<NodeIndex>,
    walked_edges: HashSet<EdgeIndex>,
    /// Where the walk stands, with one.
    current: Option<NodeIndex>,
    /// What the walk's answers ruled out.
    ruled_out: HashSet<NodeIndex>,
}

impl<'t> Listing<'t> {
    fn new(tree: &'t Tree, walk: Option<&Walk>) -> Self {
        let nodes = breadth_first(tree);
        let edges = nodes.iter().flat_map(|&n| tree.answers(n)).collect();
        let mut listing = Listing {
            nodes,
            edges,
            walked_nodes: HashSet::new(),
            walked_edges: HashSet::new(),
            current: None,
            ruled_out: HashSet::new(),
        };
        if let Some(walk) = walk {
            listing.walked_nodes = walk.path(tree).into_iter().collect();
            listing.walked_edges = walk.steps().iter().map(|s| s.answer).collect();
            listing.current = walk.current(tree);
            listing.ruled_out = walk.ruled_out(tree);
        }
        listing
    }
}

/// Every node once: breadth first from the roots in answer order, then breadth first
/// from each node still not met, by index (nodes only a cycle reaches, in a broken
/// file). Iterative, whatever the depth.
fn breadth_first(tree: &Tree) -> Vec<NodeIndex> {
    let mut seen = HashSet::new();
    let mut order = Vec::new();
    let starts: Vec<NodeIndex> = tree
        .roots()
        .into_iter()
        .chain(tree.all_nodes().map(|(i, _)| i))
        .collect();
    let mut queue = VecDeque::new();
    for start in starts {
        if !seen.insert(start) {
            continue;
        }
        queue.push_back(start);
        while let Some(n) = queue.pop_front() {
            order.push(n);
            for a in tree.answers(n) {
                if seen.insert(a.to) {
                    queue.push_back(a.to);
                }
            }
        }
    }
    order
}

/// A name for each node that is unique in the export. A node keeps its own id when
/// `keeps` accepts it and it is the first node with that id (a second node with the
/// same id is a mistake validation reports, but it is still drawn); every other node
/// gets `make(id)`, with `_2`, `_3`… added until no node has it. The kept ids are taken
/// first, so a made name never takes a name a later node keeps, and the same tree
/// always gets the same names.
fn unique_names(
    tree: &Tree,
    nodes: &[NodeIndex],
    keeps: impl Fn(&str) -> bool,
    make: impl Fn(&str) -> String,
) -> HashMap<NodeIndex, String> {
    let mut names = HashMap::with_capacity(nodes.len());
    let mut taken = HashSet::with_capacity(nodes.len());
    let id = |n: NodeIndex| tree.node(n).map_or("", |node| node.id.as_str());
    for &n in nodes {
        if tree.find(id(n)) == Some(n) && keeps(id(n)) && taken.insert(id(n).to_owned()) {
            names.insert(n, id(n).to_owned());
        }
    }
    for &n in nodes {
        if names.contains_key(&n) {
            continue;
        }
        let stem = make(id(n));
        let name = std::iter::once(stem.clone())
            .chain((2u64..).map(|k| format!("{stem}_{k}")))
            .find(|candidate| !taken.contains(candidate))
            .unwrap_or(stem);
        taken.insert(name.clone());
        names.insert(n, name);
    }
    names
}

/// The text with CR LF and lone CR as newlines, tabs as spaces, and every other
/// control character written as a visible escape (`\u{1b}`): labels and notes come from
/// a file, and no export should carry bytes that recolour a terminal or that a
/// renderer refuses.
fn visible(text: &str) -> Cow<'_, str> {
    let plain = |c: char| !c.is_control() || c == '\n';
    if text.chars().all(plain) {
        return Cow::Borrowed(text);
    }
    let text = text.replace("\r\n", "\n");
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\r' => out.push('\n'),
            '\t' => out.push(' '),
            c if plain(c) => out.push(c),
            c => out.extend(c.escape_default()),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Node;

    #[test]
    fn nodes_are_listed_breadth_first_in_answer_order_then_the_unreachable() {
        let mut t = Tree::new("T");
        let start = t.add_node(Node::question("start", "Start?"));
        let deep = t.add_node(Node::question("deep", "Deep?"));
        let lone = t.add_node(Node::outcome("lone", "Lone"));
        let b = t.add_node(Node::outcome("b", "B"));
        let a = t.add_node(Node::outcome("a", "A"));
        // A loop that no root reaches: listed after everything else, once each.
        let c1 = t.add_node(Node::question("c1", "C1?"));
        let c2 = t.add_node(Node::question("c2", "C2?"));
        t.add_answer(start, deep, "first");
        t.add_answer(start, b, "second");
        t.add_answer(deep, a, "deeper");
        t.add_answer(c1, c2, "on");
        t.add_answer(c2, c1, "back");
        // `lone` is a second root: its part comes after the first root's, and before
        // the loop.
        assert_eq!(breadth_first(&t), [start, deep, b, a, lone, c1, c2]);
    }

    #[test]
    fn unique_names_keep_good_ids_and_never_collide() {
        let mut t = Tree::new("T");
        let ok = t.add_node(Node::question("a_b", "Q"));
        let bad = t.add_node(Node::outcome("a-b", "O"));
        let twin = t.add_node(Node::outcome("a_b", "Twin"));
        let names = unique_names(
            &t,
            &[bad, ok, twin],
            |id| !id.contains('-'),
            |id| id.replace('-', "_"),
        );
        assert_eq!(names[&ok], "a_b");
        assert_eq!(names[&bad], "a_b_2");
        assert_eq!(names[&twin], "a_b_3");
    }

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(visible("a\r\nb\rc\td\u{1b}e"), "a\nb\nc d\\u{1b}e");
        assert!(matches!(visible("plain\ntext"), Cow::Borrowed(_)));
    }

    #[test]
    fn svg_and_png_are_the_views_pictures() {
        let mut t = Tree::new("T");
        let q = t.add_node(crate::model::Node::question("q", "Which?"));
        let o = t.add_node(crate::model::Node::outcome("o", "That one"));
        t.add_answer(q, o, "Yes");
        let today = Date::constant(2026, 11, 30);
        let svg = export(&t, None, ExportFormat::Svg, today).unwrap();
        let svg = String::from_utf8(svg).unwrap();
        assert!(svg.contains("<svg") && svg.contains("That one"), "{svg}");
        let png = export(&t, None, ExportFormat::Png, today).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(ExportFormat::Mermaid.extension(), "mmd");
    }
}
