//! The tree as a Graphviz DOT graph: questions as boxes, outcomes as rounded boxes,
//! each answer an edge with its label, kept in answer order (`ordering=out`), and a
//! walk's path, current node and ruled-out nodes styled. `dot -Tsvg` draws it.
//!
//! Every id and label is a quoted DOT string, so any text is safe once its quotes,
//! backslashes and newlines are escaped (see `quoted`). Long labels are broken at
//! spaces, since Graphviz does not wrap text.

use std::fmt::Write as _;

use crate::model::{NodeIndex, NodeKind, Tree, Walk};

use super::{Listing, unique_names, visible};

/// Labels are broken at spaces to lines of about this many characters.
const WRAP: usize = 28;

const FONT: &str = "fontname=\"Helvetica\"";

/// How a node is drawn: its style, fill, line and text colours, and line width.
#[derive(Clone, Copy)]
struct Look {
    style: &'static str,
    fill: &'static str,
    line: &'static str,
    text: &'static str,
    width: u8,
}

const QUESTION: Look = Look {
    style: "filled",
    fill: "#e0f2fe",
    line: "#0369a1",
    text: "black",
    width: 1,
};
const OUTCOME: Look = Look {
    style: "rounded,filled",
    fill: "#dcfce7",
    line: "#15803d",
    ..QUESTION
};
const MISSING: Look = Look {
    style: "dashed",
    fill: "white",
    line: "#dc2626",
    text: "#dc2626",
    width: 1,
};
const WALKED_EDGE: &str = "color=\"#d97706\", penwidth=3";
const RULED_EDGE: &str = "color=\"#d1d5db\", fontcolor=\"#9ca3af\"";

impl Look {
    fn of(kind: &NodeKind) -> Look {
        match kind {
            NodeKind::Question(_) => QUESTION,
            NodeKind::Outcome(_) => OUTCOME,
            NodeKind::Missing => MISSING,
        }
    }

    /// The look a walk gives a node, as the app draws it: the path amber, where it
    /// stands darker and bold, what it ruled out grey.
    fn walked(self, listing: &Listing<'_>, n: NodeIndex) -> Look {
        if listing.current == Some(n) {
            let style = if self.style == OUTCOME.style {
                "rounded,filled,bold"
            } else {
                "filled,bold"
            };
            Look {
                style,
                fill: "#fde68a",
                line: "#b45309",
                width: 3,
                ..self
            }
        } else if listing.walked_nodes.contains(&n) {
            Look {
                fill: "#fef3c7",
                line: "#d97706",
                width: 2,
                ..self
            }
        } else if listing.ruled_out.contains(&n) {
            Look {
                fill: "#f3f4f6",
                line: "#d1d5db",
                text: "#9ca3af",
                ..self
            }
        } else {
            self
        }
    }

    fn attributes(self) -> String {
        let Look {
            style,
            fill,
            line,
            text,
            width,
        } = self;
        format!(
            "shape=box, style=\"{style}\", fillcolor=\"{fill}\", color=\"{line}\", \
             fontcolor=\"{text}\", penwidth={width}"
        )
    }
}

/// The tree as a DOT digraph, top down, answers in order; with a walk, its path styled.
pub fn dot(tree: &Tree, walk: Option<&Walk>) -> String {
    let listing = Listing::new(tree, walk);
    let names = unique_names(tree, &listing.nodes, |id| !id.is_empty(), |_| "node".into());
    let name = |n: NodeIndex| quoted(names.get(&n).map_or("", String::as_str));
    let mut out = format!("digraph {} {{\n", quoted(&tree.title));
    let _ = writeln!(
        out,
        "    graph [rankdir=TB, ordering=out, label={}, labelloc=t, {FONT}];",
        label(&tree.title)
    );
    let _ = writeln!(out, "    node [{FONT}, fontsize=11];");
    let _ = writeln!(out, "    edge [{FONT}, fontsize=10];");
    for &n in &listing.nodes {
        let Some(node) = tree.node(n) else {
            continue;
        };
        let text = match &node.kind {
            NodeKind::Question(q) => q.prompt.clone(),
            NodeKind::Outcome(o) => o.title.clone(),
            NodeKind::Missing => format!("missing: {}", node.id),
        };
        let look = Look::of(&node.kind).walked(&listing, n).attributes();
        let label = label(&wrap(&text));
        let _ = writeln!(out, "    {} [{look}, label={label}];", name(n));
    }
    for a in &listing.edges {
        let style = if listing.walked_edges.contains(&a.edge) {
            format!(", {WALKED_EDGE}")
        } else if listing.ruled_out.contains(&a.to) {
            format!(", {RULED_EDGE}")
        } else {
            String::new()
        };
        let label = label(&wrap(&a.answer.label));
        let (from, to) = (name(a.from), name(a.to));
        let _ = writeln!(out, "    {from} -> {to} [label={label}{style}];");
    }
    out.push_str("}\n");
    out
}

/// A label showing `text` as written: Graphviz reads HTML entities (`&amp;`) in
/// labels, so `&` is written as one.
fn label(text: &str) -> String {
    quoted(&text.replace('&', "&amp;"))
}

/// A DOT quoted string holding `text` as written: backslashes and quotes escaped,
/// newlines as `\n` (a centred line break in a label), control characters visible.
fn quoted(text: &str) -> String {
    let text = visible(text);
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The text with each line broken at spaces into lines of at most `WRAP` characters
/// (a longer word keeps a line of its own).
fn wrap(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut width = 0;
        for (j, word) in line.split(' ').enumerate() {
            let len = word.chars().count();
            if j > 0 {
                if width > 0 && width + 1 + len > WRAP {
                    out.push('\n');
                    width = 0;
                } else {
                    out.push(' ');
                    width += 1;
                }
            }
            out.push_str(word);
            width += len;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Node;

    #[test]
    fn strings_are_quoted_and_escaped() {
        assert_eq!(quoted(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(quoted("x\ny\u{7}"), r#""x\ny\\u{7}""#);
        assert_eq!(label("a &amp; b"), r#""a &amp;amp; b""#);
    }

    #[test]
    fn long_labels_break_at_spaces() {
        let text = "Does the team need Kubernetes for every one of its services?";
        assert_eq!(
            wrap(text),
            "Does the team need\nKubernetes for every one of\nits services?"
        );
        assert_eq!(wrap("one\ntwo  three"), "one\ntwo  three");
        assert_eq!(wrap(&"x".repeat(40)), "x".repeat(40));
    }

    #[test]
    fn answers_are_edges_in_order_and_the_walk_is_styled() {
        let mut t = Tree::new("T");
        let start = t.add_node(Node::question("start", "Go?"));
        let yes = t.add_node(Node::outcome("yes", "Yes"));
        let no = t.add_node(Node::outcome("no", "No"));
        t.add_answer(start, no, "b");
        t.add_answer(start, yes, "a");
        let mut walk = Walk::new();
        walk.choose_by(&t, "a").unwrap();
        let text = dot(&t, Some(&walk));
        let b = text.find("\"start\" -> \"no\"").unwrap();
        let a = text.find("\"start\" -> \"yes\"").unwrap();
        assert!(b < a, "{text}");
        assert!(text.contains("ordering=out"));
        assert!(text.contains("\"yes\" [shape=box, style=\"rounded,filled,bold\""));
        assert!(
            text.contains("\"no\" [shape=box, style=\"rounded,filled\", fillcolor=\"#f3f4f6\"")
        );
        assert!(text.contains(&format!("[label=\"a\", {WALKED_EDGE}]")));
    }
}
