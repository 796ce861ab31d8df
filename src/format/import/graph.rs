//! The graph both parsers produce (nodes and links as the file writes them, with their
//! positions), and the rules that turn it into a tree: which links are answers, which
//! node starts, what the ids become, and the errors a tree cannot have.

use std::collections::{HashMap, HashSet, VecDeque};

use crate::model::{Node, Tree};

use super::scan::Pos;
use super::{ImportError, ImportNote, Imported};

/// The title a tree gets when the file names none.
pub(super) const DEFAULT_TITLE: &str = "Imported decision tree";

/// The label of the one answer of a node whose single link has none.
const NEXT: &str = "Next";

/// How many nodes a note lists by name before it counts the rest.
const NAMED: usize = 5;

#[derive(Debug)]
pub(super) struct RawNode {
    /// The id as the file writes it.
    pub id: String,
    pub label: Option<String>,
    pub pos: Pos,
}

#[derive(Debug)]
pub(super) struct RawEdge {
    pub from: usize,
    pub to: usize,
    pub label: Option<String>,
    /// Where the link (its arrow) is written.
    pub pos: Pos,
}

/// Notes that say once per kind what was ignored: the first place is enough for a
/// reader to find the rest.
#[derive(Debug, Default)]
pub(super) struct Notes {
    list: Vec<ImportNote>,
    kinds: HashSet<&'static str>,
}

impl Notes {
    pub fn add(&mut self, line: usize, message: impl Into<String>) {
        self.list.push(ImportNote {
            line,
            message: message.into(),
        });
    }

    /// Adds the note unless one of its kind was added before.
    pub fn once(&mut self, kind: &'static str, line: usize, message: impl Into<String>) {
        if self.kinds.insert(kind) {
            self.add(line, message);
        }
    }

    /// The notes by line, in the order they were made within a line.
    fn into_sorted(mut self) -> Vec<ImportNote> {
        self.list.sort_by_key(|n| n.line);
        self.list
    }
}

#[derive(Debug, Default)]
pub(super) struct Graph {
    pub title: Option<String>,
    pub nodes: Vec<RawNode>,
    pub edges: Vec<RawEdge>,
    pub notes: Notes,
    index: HashMap<String, usize>,
}

impl Graph {
    /// The node with this id, added at `pos` if it is new.
    pub fn node(&mut self, id: &str, pos: Pos) -> usize {
        if let Some(&i) = self.index.get(id) {
            return i;
        }
        let i = self.nodes.len();
        self.nodes.push(RawNode {
            id: id.to_owned(),
            label: None,
            pos,
        });
        self.index.insert(id.to_owned(), i);
        i
    }

    /// Gives a node its label; a later, different label wins, as it does when the
    /// formats draw the graph, and the note says so.
    pub fn set_label(&mut self, node: usize, label: String, line: usize) {
        let label = Some(label).filter(|l| !l.is_empty());
        let old = &self.nodes[node].label;
        if let (Some(old), Some(new)) = (old, &label)
            && old != new
        {
            let id = &self.nodes[node].id;
            self.notes.add(
                line,
                format!(
                    "\"{id}\" is labelled again; the last label, \"{new}\", is used \
                     instead of \"{old}\""
                ),
            );
        }
        if label.is_some() {
            self.nodes[node].label = label;
        }
    }

    pub fn edge(&mut self, from: usize, to: usize, label: Option<String>, pos: Pos) {
        let label = label.filter(|l| !l.is_empty());
        self.edges.push(RawEdge {
            from,
            to,
            label,
            pos,
        });
    }
}

/// The tree the graph describes, or the first thing that keeps it from being one.
pub(super) fn build(mut graph: Graph) -> Result<Imported, ImportError> {
    let out_degree = degrees(&graph, |e| e.from);
    let labels = answer_labels(&mut graph, &out_degree)?;
    if let Some(cycle) = first_cycle(graph.nodes.len(), &graph.edges) {
        return Err(cycle_error(&graph, &cycle));
    }
    let order = node_order(&mut graph, &out_degree);
    let ids = tree_ids(&mut graph);
    let mut tree = Tree::new(graph.title.as_deref().unwrap_or(DEFAULT_TITLE));
    let mut index = vec![None; graph.nodes.len()];
    for &n in &order {
        let raw = &graph.nodes[n];
        let text = raw.label.clone().unwrap_or_else(|| raw.id.clone());
        let node = if out_degree[n] > 0 {
            Node::question(ids[n].clone(), text)
        } else {
            Node::outcome(ids[n].clone(), text)
        };
        index[n] = Some(tree.add_node(node));
    }
    for (edge, label) in graph.edges.iter().zip(labels) {
        if let (Some(from), Some(to)) = (index[edge.from], index[edge.to]) {
            tree.add_answer(from, to, label);
        }
    }
    Ok(Imported {
        tree,
        notes: graph.notes.into_sorted(),
    })
}

/// How many links leave (or, with `|e| e.to`, enter) each node.
fn degrees(graph: &Graph, end: impl Fn(&RawEdge) -> usize) -> Vec<usize> {
    let mut degree = vec![0; graph.nodes.len()];
    for e in &graph.edges {
        degree[end(e)] += 1;
    }
    degree
}

/// Each link's answer label. A node's only link may go without a label (it is then
/// "Next", and a note says so); among several, each needs its own label.
fn answer_labels(graph: &mut Graph, out_degree: &[usize]) -> Result<Vec<String>, ImportError> {
    let mut seen: HashMap<(usize, String), Pos> = HashMap::new();
    let mut labels = Vec::with_capacity(graph.edges.len());
    for e in &graph.edges {
        let from = &graph.nodes[e.from].id;
        let to = &graph.nodes[e.to].id;
        let Some(label) = &e.label else {
            if out_degree[e.from] > 1 {
                return Err(e.pos.error(format!(
                    "the link from \"{from}\" to \"{to}\" has no label, and \"{from}\" has {} \
                     links out: label each of them, so that its answers can be told apart",
                    out_degree[e.from]
                )));
            }
            graph.notes.add(
                e.pos.line,
                format!(
                    "the link from \"{from}\" to \"{to}\" has no label; as the only link out \
                     of \"{from}\", it becomes the answer \"{NEXT}\""
                ),
            );
            labels.push(NEXT.to_owned());
            continue;
        };
        // Validation tells labels apart the same way: ignoring case and outer spaces.
        let key = (e.from, label.trim().to_lowercase());
        if let Some(first) = seen.insert(key, e.pos) {
            return Err(e.pos.error(format!(
                "a second link from \"{from}\" is labelled \"{label}\" (the first is on line \
                 {}): the answers of a question need different labels",
                first.line
            )));
        }
        labels.push(label.clone());
    }
    Ok(labels)
}

/// The nodes in the order the tree gets them: the start first, then the file's order.
/// The start is the first node no link leads to that is a question (or, when none is,
/// the first such node); a note names the other nodes no link leads to.
fn node_order(graph: &mut Graph, out_degree: &[usize]) -> Vec<usize> {
    let in_degree = degrees(graph, |e| e.to);
    let roots: Vec<usize> = (0..graph.nodes.len())
        .filter(|&n| in_degree[n] == 0)
        .collect();
    let start = roots
        .iter()
        .copied()
        .find(|&n| out_degree[n] > 0)
        .or(roots.first().copied());
    let Some(start) = start else {
        return (0..graph.nodes.len()).collect();
    };
    let others: Vec<usize> = roots.iter().copied().filter(|&r| r != start).collect();
    if let Some(&first) = others.first() {
        let quoted = |n: usize| format!("\"{}\"", graph.nodes[n].id);
        let mut names: Vec<String> = others.iter().take(NAMED).map(|&n| quoted(n)).collect();
        if others.len() > NAMED {
            names.push(format!("and {} more", others.len() - NAMED));
        }
        let message = format!(
            "{} no link leads to; the tree starts at {}, and validation reports the others \
             as further start nodes",
            if others.len() == 1 {
                format!("{} is another node", names[0])
            } else {
                format!("{} are other nodes", names.join(", "))
            },
            quoted(start)
        );
        graph.notes.add(graph.nodes[first].pos.line, message);
    }
    std::iter::once(start)
        .chain((0..graph.nodes.len()).filter(|&n| n != start))
        .collect()
}

/// Each node's tree id: its own id when that is a plain id (letters, digits, `-`, `_`,
/// `.`), or else one made of its words joined by `-`. Plain ids are kept first, so a
/// made one never takes an id the file uses; a clash gets `-2`, `-3`...
fn tree_ids(graph: &mut Graph) -> Vec<String> {
    let mut taken: HashSet<String> = HashSet::new();
    let mut ids: Vec<Option<String>> = graph
        .nodes
        .iter()
        .map(|n| is_plain(&n.id).then(|| n.id.clone()))
        .collect();
    taken.extend(ids.iter().flatten().cloned());
    let mut renamed = Vec::new();
    for (n, id) in ids.iter_mut().enumerate() {
        if id.is_some() {
            continue;
        }
        let stem = plain_id(&graph.nodes[n].id);
        let fresh = (1..)
            .map(|k| match k {
                1 => stem.clone(),
                k => format!("{stem}-{k}"),
            })
            .find(|c| !taken.contains(c))
            .unwrap_or_default();
        taken.insert(fresh.clone());
        renamed.push((n, fresh.clone()));
        *id = Some(fresh);
    }
    if let Some(&(first, _)) = renamed.first() {
        let line = graph.nodes[first].pos.line;
        note_renames(graph, &renamed, line);
    }
    ids.into_iter().map(Option::unwrap_or_default).collect()
}

fn note_renames(graph: &mut Graph, renamed: &[(usize, String)], line: usize) {
    let mut named: Vec<String> = renamed
        .iter()
        .take(NAMED)
        .map(|(n, id)| format!("\"{}\" is \"{id}\"", graph.nodes[*n].id))
        .collect();
    if renamed.len() > NAMED {
        named.push(format!("and {} more", renamed.len() - NAMED));
    }
    graph.notes.add(
        line,
        format!(
            "ids that are not plain (letters, digits, -, _ and .) are made so, keeping the \
             text as the label: {}",
            named.join(", ")
        ),
    );
}

fn is_plain(id: &str) -> bool {
    !id.is_empty() && id.chars().all(is_plain_char)
}

fn is_plain_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '.')
}

/// The plain characters of `id`, with a `-` for each run of others between them.
fn plain_id(id: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in id.chars() {
        if is_plain_char(c) {
            if gap && !out.is_empty() {
                out.push('-');
            }
            out.push(c);
            gap = false;
        } else {
            gap = true;
        }
    }
    if out.is_empty() {
        "node".to_owned()
    } else {
        out
    }
}

/// The first link in file order that closes a cycle, with the path back from its
/// target to its source (target first): the cycle the reader sees when adding the
/// links one by one.
fn first_cycle(nodes: usize, edges: &[RawEdge]) -> Option<(usize, Vec<usize>)> {
    if !has_cycle(nodes, edges) {
        return None;
    }
    // Having a cycle only grows with the prefix, so the closing link is found by
    // halving, in O((nodes + links) log links).
    let (mut lo, mut hi) = (0, edges.len() - 1);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if has_cycle(nodes, &edges[..=mid]) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    let closing = &edges[hi];
    Some((hi, path(nodes, &edges[..hi], closing.to, closing.from)))
}

/// Whether the links have a cycle: Kahn's algorithm leaves some node unvisited.
fn has_cycle(nodes: usize, edges: &[RawEdge]) -> bool {
    let (out, mut in_degree) = adjacency(nodes, edges);
    let mut ready: Vec<usize> = (0..nodes).filter(|&n| in_degree[n] == 0).collect();
    let mut visited = 0;
    while let Some(n) = ready.pop() {
        visited += 1;
        for &m in &out[n] {
            in_degree[m] -= 1;
            if in_degree[m] == 0 {
                ready.push(m);
            }
        }
    }
    visited < nodes
}

fn adjacency(nodes: usize, edges: &[RawEdge]) -> (Vec<Vec<usize>>, Vec<usize>) {
    let mut out = vec![Vec::new(); nodes];
    let mut in_degree = vec![0; nodes];
    for e in edges {
        out[e.from].push(e.to);
        in_degree[e.to] += 1;
    }
    (out, in_degree)
}

/// A shortest path from `from` to `to` (both included), breadth first.
fn path(nodes: usize, edges: &[RawEdge], from: usize, to: usize) -> Vec<usize> {
    let (out, _) = adjacency(nodes, edges);
    let mut parent = vec![usize::MAX; nodes];
    parent[from] = from;
    let mut queue = VecDeque::from([from]);
    while let Some(n) = queue.pop_front() {
        if n == to {
            break;
        }
        for &m in &out[n] {
            if parent[m] == usize::MAX {
                parent[m] = n;
                queue.push_back(m);
            }
        }
    }
    let mut path = vec![to];
    let mut n = to;
    while n != from && parent[n] != usize::MAX {
        n = parent[n];
        path.push(n);
    }
    path.reverse();
    path
}

fn cycle_error(graph: &Graph, (closing, path): &(usize, Vec<usize>)) -> ImportError {
    let mut ring: Vec<&str> = path.iter().map(|&n| graph.nodes[n].id.as_str()).collect();
    ring.push(ring[0]);
    graph.edges[*closing].pos.error(format!(
        "this link closes a cycle, {}: a decision tree never leads back to where it has \
         been",
        ring.join(" -> ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_ids_stay_and_others_are_made_plain() {
        assert_eq!(plain_id("Is it raining?"), "Is-it-raining");
        assert_eq!(plain_id("  a  b "), "a-b");
        assert_eq!(plain_id("???"), "node");
        assert_eq!(plain_id("Café au lait"), "Café-au-lait");
        assert!(is_plain("q-1_x.y"));
        assert!(!is_plain(""));
    }

    #[test]
    fn made_ids_never_take_one_in_use() {
        let mut g = Graph::default();
        let p = Pos { line: 1, column: 1 };
        for id in ["a b", "a-b", "a  b", "a?b"] {
            g.node(id, p);
        }
        assert_eq!(tree_ids(&mut g), ["a-b-2", "a-b", "a-b-3", "a-b-4"]);
    }

    #[test]
    fn the_first_link_that_closes_a_cycle_is_found() {
        let mut g = Graph::default();
        let p = |line| Pos { line, column: 1 };
        let [a, b, c, d] = ["a", "b", "c", "d"].map(|id| g.node(id, p(1)));
        for (line, (from, to)) in [(a, b), (b, c), (c, d), (d, b), (c, a)].iter().enumerate() {
            g.edge(*from, *to, None, p(line + 1));
        }
        let (closing, path) = first_cycle(4, &g.edges).unwrap();
        assert_eq!(closing, 3);
        assert_eq!(path, [b, c, d]);
        assert_eq!(first_cycle(4, &g.edges[..3]), None);
    }
}
