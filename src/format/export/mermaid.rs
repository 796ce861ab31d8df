//! The tree as a Mermaid flowchart: questions as diamonds, outcomes as stadiums, each
//! answer an edge with its label, and a walk's path, current node and ruled-out nodes
//! styled. The text renders where Mermaid does (GitHub, GitLab, many wikis), so a tree
//! can go into a README or a pull request.
//!
//! Mermaid's ids are narrower than a tree's and some words are its own, so nodes get
//! names of their own (see `mermaid_id`); every label is quoted, with what Mermaid
//! would read as syntax or markup written as its entity codes (see `label`).

use std::fmt::Write as _;

use crate::model::{NodeIndex, NodeKind, Tree, Walk};

use super::{Listing, unique_names, visible};

/// Words the Mermaid flowchart grammar takes as keywords where a node id would go
/// (checked against its parser), compared without case to be safe across versions.
const RESERVED: [&str; 18] = [
    "end",
    "graph",
    "flowchart",
    "flowchart-elk",
    "subgraph",
    "style",
    "linkstyle",
    "classdef",
    "class",
    "click",
    "call",
    "href",
    "interpolate",
    "default",
    "direction",
    "acctitle",
    "accdescr",
    "stroke",
];

/// How the walk is drawn: the path amber, where it stands darker, what it ruled out
/// grey, as the app draws them.
const WALKED_STYLE: &str = "fill:#fef3c7,stroke:#d97706,stroke-width:2px";
const CURRENT_STYLE: &str = "fill:#fde68a,stroke:#b45309,stroke-width:4px";
const RULED_STYLE: &str = "fill:#f3f4f6,stroke:#d1d5db,color:#9ca3af";
const MISSING_STYLE: &str = "fill:#fee2e2,stroke:#dc2626,stroke-dasharray:5 5";
const WALKED_EDGE_STYLE: &str = "stroke:#d97706,stroke-width:3px";

/// The tree as a Mermaid flowchart, top down; with a walk, its path styled.
pub fn mermaid(tree: &Tree, walk: Option<&Walk>) -> String {
    let listing = Listing::new(tree, walk);
    let names = unique_names(tree, &listing.nodes, is_plain_id, mermaid_id);
    let name = |n: NodeIndex| names.get(&n).map_or("missing", String::as_str);
    let mut out = String::new();
    if !tree.title.trim().is_empty() {
        // Front matter is YAML, and a JSON string is a YAML double-quoted scalar.
        let title = serde_json::to_string(visible(&tree.title).as_ref()).unwrap_or_default();
        let _ = write!(out, "---\ntitle: {title}\n---\n");
    }
    out.push_str("flowchart TD\n");
    let mut missing = Vec::new();
    for &n in &listing.nodes {
        let Some(node) = tree.node(n) else {
            continue;
        };
        let id = name(n);
        let _ = match &node.kind {
            NodeKind::Question(q) => writeln!(out, "    {id}{{\"{}\"}}", label(&q.prompt)),
            NodeKind::Outcome(o) => writeln!(out, "    {id}([\"{}\"])", label(&o.title)),
            NodeKind::Missing => {
                missing.push(id);
                let text = format!("missing: {}", node.id);
                writeln!(out, "    {id}[\"{}\"]", label(&text))
            }
        };
    }
    for a in &listing.edges {
        let (from, to) = (name(a.from), name(a.to));
        let _ = if a.answer.label.is_empty() {
            writeln!(out, "    {from} --> {to}")
        } else {
            writeln!(out, "    {from} -->|\"{}\"| {to}", label(&a.answer.label))
        };
    }
    styles(&mut out, &listing, &name, &missing);
    out
}

/// The class and link styles: the walk's path, where it stands, what it ruled out,
/// and placeholders for missing targets. Only the classes used are defined.
fn styles<'n>(
    out: &mut String,
    listing: &Listing<'_>,
    name: &impl Fn(NodeIndex) -> &'n str,
    missing: &[&str],
) {
    let in_order = |keep: &dyn Fn(NodeIndex) -> bool| -> Vec<&str> {
        listing
            .nodes
            .iter()
            .filter(|&&n| keep(n))
            .map(|&n| name(n))
            .collect()
    };
    let current = listing.current;
    let walked = in_order(&|n| listing.walked_nodes.contains(&n) && Some(n) != current);
    let here: Vec<&str> = current.into_iter().map(name).collect();
    let ruled = in_order(&|n| listing.ruled_out.contains(&n));
    let classes = [
        ("walked", WALKED_STYLE, walked.as_slice()),
        ("current", CURRENT_STYLE, here.as_slice()),
        ("ruled", RULED_STYLE, ruled.as_slice()),
        ("missing", MISSING_STYLE, missing),
    ];
    for (class, style, members) in classes {
        if !members.is_empty() {
            let _ = writeln!(out, "    classDef {class} {style}");
            let _ = writeln!(out, "    class {} {class}", members.join(","));
        }
    }
    let walked_edges: Vec<String> = listing
        .edges
        .iter()
        .enumerate()
        .filter(|(_, a)| listing.walked_edges.contains(&a.edge))
        .map(|(i, _)| i.to_string())
        .collect();
    if !walked_edges.is_empty() {
        let _ = writeln!(
            out,
            "    linkStyle {} {WALKED_EDGE_STYLE}",
            walked_edges.join(",")
        );
    }
}

/// An id Mermaid takes as it is: a letter, then letters, digits and underscores, and
/// not one of its keywords.
fn is_plain_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !is_reserved(id)
}

fn is_reserved(id: &str) -> bool {
    RESERVED.iter().any(|word| word.eq_ignore_ascii_case(id))
}

/// A Mermaid id made from a tree's id: every character outside `[A-Za-z0-9_]` becomes
/// `_`, and one that would not start with a letter, or is a keyword, gets `n_` in front.
fn mermaid_id(id: &str) -> String {
    let cleaned: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let starts_well = cleaned.starts_with(|c: char| c.is_ascii_alphabetic());
    if starts_well && !is_reserved(&cleaned) {
        cleaned
    } else {
        format!("n_{cleaned}")
    }
}

/// Text for inside a quoted Mermaid label, shown as written: quotes, `#` (which starts
/// an entity code), `&`, `<` and `>` (labels are HTML), and backticks (which start a
/// Markdown label) as entity codes, and newlines as line breaks. An empty label would
/// not parse, so it is one space.
fn label(text: &str) -> String {
    let text = visible(text);
    if text.is_empty() {
        return " ".to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '`' => out.push_str("#96;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Node;

    fn small() -> Tree {
        let mut t = Tree::new("Small \"one\"");
        let start = t.add_node(Node::question("start", "Go <on>?"));
        let end = t.add_node(Node::outcome("end", "The #1 end"));
        let other = t.add_node(Node::outcome("a-b", "Other"));
        t.add_answer(start, end, "yes \"sure\"");
        t.add_answer(start, other, "");
        t
    }

    #[test]
    fn nodes_edges_and_labels_are_written_safely() {
        let text = mermaid(&small(), None);
        let expected = "---\ntitle: \"Small \\\"one\\\"\"\n---\nflowchart TD\n    \
            start{\"Go #lt;on#gt;?\"}\n    n_end([\"The #35;1 end\"])\n    \
            a_b([\"Other\"])\n    start -->|\"yes #quot;sure#quot;\"| n_end\n    \
            start --> a_b\n";
        assert_eq!(text, expected);
    }

    #[test]
    fn a_walk_styles_its_path_where_it_stands_and_what_it_ruled_out() {
        let t = small();
        let mut walk = Walk::new();
        walk.choose_by(&t, "1").unwrap();
        let text = mermaid(&t, Some(&walk));
        assert!(text.contains("    class start walked\n"), "{text}");
        assert!(text.contains("    class n_end current\n"), "{text}");
        assert!(text.contains("    class a_b ruled\n"), "{text}");
        assert!(text.contains("    linkStyle 0 stroke:"), "{text}");
        assert!(!text.contains("missing"));
    }

    #[test]
    fn ids_are_made_plain_and_keywords_avoided() {
        assert_eq!(mermaid_id("q-where"), "q_where");
        assert_eq!(mermaid_id("1abc"), "n_1abc");
        assert_eq!(mermaid_id("End"), "n_End");
        assert_eq!(mermaid_id("style"), "n_style");
        assert_eq!(mermaid_id(""), "n_");
        assert_eq!(mermaid_id("über"), "n__ber");
        assert!(is_plain_id("q_where") && !is_plain_id("graph") && !is_plain_id("_a"));
    }

    #[test]
    fn labels_keep_any_text() {
        assert_eq!(label(""), " ");
        assert_eq!(label("a\nb`&"), "a<br>b#96;#amp;");
        assert_eq!(label("{x}|[y]"), "{x}|[y]");
    }
}
