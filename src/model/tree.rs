//! The tree's data and its structural operations.

use std::collections::{BTreeMap, HashMap};

use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef as _;

use super::lifecycle::Lifecycle;

/// A trade-off dimension declared by the tree.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Dimension {
    pub id: String,
    pub name: String,
    pub description: String,
    /// What level 1 means.
    pub low: String,
    /// What level 5 means.
    pub high: String,
    /// Which end of the scale most teams want; ranking reads levels through it.
    pub better: Better,
}

/// Which end of a dimension's scale is better for most teams.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Better {
    /// Level 5 is better (for example, more control).
    Higher,
    /// Level 1 is better (for example, less operations work).
    Lower,
    /// Neither end is better in general; it depends on the team.
    #[default]
    Neutral,
}

/// What a question's answer does to the outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    /// The answer rules outcomes out: only what it leads to stays reachable.
    #[default]
    Constraint,
    /// The answer says what matters more or less: it changes the weights that rank
    /// outcomes (its answers' `weights`) instead of pruning them.
    Preference,
}

/// A reference behind a node's facts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Source {
    pub title: String,
    pub url: String,
    /// YYYY-MM-DD, or empty when unknown.
    pub checked: String,
}

/// An outcome's rating on one dimension.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rating {
    /// 1 ..= 5; validation reports anything else.
    pub level: u8,
    pub note: String,
}

/// A question's own fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Question {
    pub prompt: String,
    pub help: String,
    pub dimension: Option<String>,
    /// Whether answering rules outcomes out or only reweighs them.
    pub role: Role,
}

/// An outcome's own fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outcome {
    pub title: String,
    pub summary: String,
    /// Keyed by dimension id; a BTreeMap so saving is deterministic.
    pub profile: BTreeMap<String, Rating>,
    /// Current unless the file says otherwise.
    pub lifecycle: Lifecycle,
}

/// What a node is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    Question(Question),
    Outcome(Outcome),
    /// Stands in for an id that answers point to but no node has, so a broken tree can
    /// still be held, shown and repaired. Never written to a file as a node.
    Missing,
}

/// A question, an outcome, or a placeholder for a missing target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub id: String,
    pub kind: NodeKind,
    pub notes: String,
    pub sources: Vec<Source>,
}

impl Node {
    pub fn question(id: impl Into<String>, prompt: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            kind: NodeKind::Question(Question {
                prompt: prompt.into(),
                ..Question::default()
            }),
            notes: String::new(),
            sources: Vec::new(),
        }
    }

    pub fn outcome(id: impl Into<String>, title: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            kind: NodeKind::Outcome(Outcome {
                title: title.into(),
                ..Outcome::default()
            }),
            notes: String::new(),
            sources: Vec::new(),
        }
    }

    /// The text a user knows the node by: prompt, title, or the missing id.
    pub fn label(&self) -> &str {
        match &self.kind {
            NodeKind::Question(q) => &q.prompt,
            NodeKind::Outcome(o) => &o.title,
            NodeKind::Missing => &self.id,
        }
    }

    pub fn as_question(&self) -> Option<&Question> {
        match &self.kind {
            NodeKind::Question(q) => Some(q),
            _ => None,
        }
    }

    pub fn as_outcome(&self) -> Option<&Outcome> {
        match &self.kind {
            NodeKind::Outcome(o) => Some(o),
            _ => None,
        }
    }

    pub fn is_question(&self) -> bool {
        matches!(self.kind, NodeKind::Question(_))
    }

    pub fn is_outcome(&self) -> bool {
        matches!(self.kind, NodeKind::Outcome(_))
    }

    pub fn is_missing(&self) -> bool {
        matches!(self.kind, NodeKind::Missing)
    }
}

/// An answer: the edge from a question to what it leads to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Answer {
    pub label: String,
    pub note: String,
    /// Position among the question's answers; only the relative order matters.
    pub order: u32,
    /// For a preference question: how choosing this answer changes each dimension's
    /// weight, keyed by dimension id (-5 ..= 5). A BTreeMap so saving is deterministic.
    pub weights: BTreeMap<String, i8>,
}

/// A borrowed view of one answer with its endpoints.
#[derive(Debug, Clone, Copy)]
pub struct AnswerRef<'a> {
    pub edge: EdgeIndex,
    pub from: NodeIndex,
    pub to: NodeIndex,
    pub answer: &'a Answer,
}

/// A node that can be kept across changes to the tree: its index and which use of that
/// index it is. The graph reuses the index of a deleted node for the next node added,
/// so an index kept from before could silently come to mean another node; a key then
/// resolves to nothing instead. Ids would do too, but they change when renamed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NodeKey {
    index: NodeIndex,
    generation: u32,
}

/// A decision tree (strictly, a DAG rooted at one start question).
#[derive(Debug, Clone, Default)]
pub struct Tree {
    pub title: String,
    pub description: String,
    pub dimensions: Vec<Dimension>,
    /// How many months a source's checked date stays fresh; `None` means the default.
    pub review_months: Option<u32>,
    graph: StableDiGraph<Node, Answer>,
    /// First node holding each id; duplicates are left for validation to report.
    ids: HashMap<String, NodeIndex>,
    /// How many times each index has been given to a node, for [`NodeKey`].
    generations: Vec<u32>,
}

impl Tree {
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            ..Self::default()
        }
    }

    pub fn graph(&self) -> &StableDiGraph<Node, Answer> {
        &self.graph
    }

    /// Adds a node. A node whose id is already taken is still added (a file may hold such
    /// a mistake); `find` keeps returning the first.
    pub fn add_node(&mut self, node: Node) -> NodeIndex {
        let id = node.id.clone();
        let index = self.graph.add_node(node);
        self.ids.entry(id).or_insert(index);
        let slot = index.index();
        if self.generations.len() <= slot {
            self.generations.resize(slot + 1, 0);
        }
        self.generations[slot] = self.generations[slot].wrapping_add(1);
        index
    }

    /// A key for the node at `index` that stays good across changes until the node is
    /// removed; `None` when there is no such node.
    pub fn key(&self, index: NodeIndex) -> Option<NodeKey> {
        self.graph.contains_node(index).then(|| NodeKey {
            index,
            generation: self.generations.get(index.index()).copied().unwrap_or(0),
        })
    }

    /// The node a key was made for, if it is still there (and its index not reused).
    pub fn resolve(&self, key: NodeKey) -> Option<NodeIndex> {
        let current = self.generations.get(key.index.index()).copied();
        (self.graph.contains_node(key.index) && current == Some(key.generation))
            .then_some(key.index)
    }

    /// Removes a node and every answer into or out of it. Answers that led to it are
    /// returned, so a caller can retarget them (or undo).
    pub fn remove_node(&mut self, index: NodeIndex) -> Option<Node> {
        let node = self.graph.remove_node(index)?;
        if self.ids.get(&node.id) == Some(&index) {
            self.ids.remove(&node.id);
            // A duplicate holding the same id becomes the one `find` returns.
            if let Some(other) = self
                .graph
                .node_indices()
                .find(|&i| self.graph[i].id == node.id)
            {
                self.ids.insert(node.id.clone(), other);
            }
        }
        Some(node)
    }

    /// The node for `id`, if any (including a `Missing` placeholder).
    pub fn find(&self, id: &str) -> Option<NodeIndex> {
        self.ids.get(id).copied()
    }

    /// The node for `id`, creating a `Missing` placeholder when there is none.
    pub fn find_or_missing(&mut self, id: &str) -> NodeIndex {
        match self.find(id) {
            Some(index) => index,
            None => self.add_node(Node {
                id: id.to_owned(),
                kind: NodeKind::Missing,
                notes: String::new(),
                sources: Vec::new(),
            }),
        }
    }

    pub fn node(&self, index: NodeIndex) -> Option<&Node> {
        self.graph.node_weight(index)
    }

    pub fn node_mut(&mut self, index: NodeIndex) -> Option<&mut Node> {
        self.graph.node_weight_mut(index)
    }

    /// Changes a node's id, keeping the index map right. Fails if the id is taken.
    ///
    /// Taking the id of a `Missing` placeholder repairs the answers that pointed to it:
    /// they now lead to this node, and the placeholder goes.
    pub fn rename(&mut self, index: NodeIndex, new_id: &str) -> Result<(), String> {
        if !self.graph.contains_node(index) {
            return Err("no such node".to_owned());
        }
        if let Some(other) = self.find(new_id).filter(|&other| other != index) {
            if !self.graph[other].is_missing() {
                return Err(format!("the id \"{new_id}\" is already used"));
            }
            let waiting: Vec<EdgeIndex> = self
                .graph
                .edges_directed(other, Direction::Incoming)
                .map(|e| e.id())
                .collect();
            for edge in waiting {
                self.retarget(edge, index);
            }
            self.remove_node(other);
        }
        let old = std::mem::replace(&mut self.graph[index].id, new_id.to_owned());
        if self.ids.get(&old) == Some(&index) {
            self.ids.remove(&old);
            // Another node with the old id (a duplicate) stays findable.
            if let Some(twin) = self.graph.node_indices().find(|&i| self.graph[i].id == old) {
                self.ids.insert(old, twin);
            }
        }
        self.ids.insert(new_id.to_owned(), index);
        Ok(())
    }

    /// Changes a dimension's id, and every question, profile and answer weight that
    /// uses it.
    pub fn rename_dimension(&mut self, position: usize, new_id: &str) {
        let Some(old) = self.dimensions.get(position).map(|d| d.id.clone()) else {
            return;
        };
        self.dimensions[position].id = new_id.to_owned();
        // Another declaration with the old id keeps its references.
        if self.dimensions.iter().any(|d| d.id == old) {
            return;
        }
        self.for_each_dimension_use(&old, |dimension| *dimension = new_id.to_owned());
        for answer in self.graph.edge_weights_mut() {
            if let Some(change) = answer.weights.remove(&old) {
                answer.weights.insert(new_id.to_owned(), change);
            }
        }
    }

    /// Removes a dimension, and the ratings, question tags and answer weights that
    /// named it.
    pub fn remove_dimension(&mut self, position: usize) {
        if position >= self.dimensions.len() {
            return;
        }
        let old = self.dimensions.remove(position).id;
        if self.dimensions.iter().any(|d| d.id == old) {
            return;
        }
        let indices: Vec<NodeIndex> = self.graph.node_indices().collect();
        for i in indices {
            match &mut self.graph[i].kind {
                NodeKind::Question(q) if q.dimension.as_deref() == Some(old.as_str()) => {
                    q.dimension = None
                }
                NodeKind::Outcome(o) => {
                    o.profile.remove(&old);
                }
                _ => {}
            }
        }
        for answer in self.graph.edge_weights_mut() {
            answer.weights.remove(&old);
        }
    }

    /// Calls `f` on every question tag and profile key equal to `dimension`.
    fn for_each_dimension_use(&mut self, dimension: &str, mut f: impl FnMut(&mut String)) {
        let indices: Vec<NodeIndex> = self.graph.node_indices().collect();
        for i in indices {
            match &mut self.graph[i].kind {
                NodeKind::Question(q) => {
                    if let Some(d) = q.dimension.as_mut().filter(|d| d.as_str() == dimension) {
                        f(d);
                    }
                }
                NodeKind::Outcome(o) => {
                    if let Some(rating) = o.profile.remove(dimension) {
                        let mut key = dimension.to_owned();
                        f(&mut key);
                        o.profile.insert(key, rating);
                    }
                }
                NodeKind::Missing => {}
            }
        }
    }

    /// Every node that is not a placeholder, in index order.
    pub fn nodes(&self) -> impl Iterator<Item = (NodeIndex, &Node)> + '_ {
        self.graph
            .node_indices()
            .map(|i| (i, &self.graph[i]))
            .filter(|(_, n)| !n.is_missing())
    }

    /// Every node, placeholders included.
    pub fn all_nodes(&self) -> impl Iterator<Item = (NodeIndex, &Node)> + '_ {
        self.graph.node_indices().map(|i| (i, &self.graph[i]))
    }

    /// Number of real nodes (placeholders excluded).
    pub fn node_count(&self) -> usize {
        self.nodes().count()
    }

    /// Appends an answer after the question's existing ones.
    pub fn add_answer(
        &mut self,
        from: NodeIndex,
        to: NodeIndex,
        label: impl Into<String>,
    ) -> EdgeIndex {
        let order = self.answers(from).last().map_or(0, |a| a.answer.order + 1);
        self.graph.add_edge(
            from,
            to,
            Answer {
                label: label.into(),
                order,
                ..Answer::default()
            },
        )
    }

    /// Adds an answer as given (order included).
    pub fn insert_answer(&mut self, from: NodeIndex, to: NodeIndex, answer: Answer) -> EdgeIndex {
        self.graph.add_edge(from, to, answer)
    }

    pub fn remove_answer(&mut self, edge: EdgeIndex) -> Option<(NodeIndex, NodeIndex, Answer)> {
        let (from, to) = self.graph.edge_endpoints(edge)?;
        let answer = self.graph.remove_edge(edge)?;
        Some((from, to, answer))
    }

    pub fn answer(&self, edge: EdgeIndex) -> Option<AnswerRef<'_>> {
        let (from, to) = self.graph.edge_endpoints(edge)?;
        Some(AnswerRef {
            edge,
            from,
            to,
            answer: &self.graph[edge],
        })
    }

    pub fn answer_mut(&mut self, edge: EdgeIndex) -> Option<&mut Answer> {
        self.graph.edge_weight_mut(edge)
    }

    /// Points an existing answer somewhere else, keeping its label, note and place.
    pub fn retarget(&mut self, edge: EdgeIndex, to: NodeIndex) -> Option<EdgeIndex> {
        let (from, _, answer) = self.remove_answer(edge)?;
        Some(self.graph.add_edge(from, to, answer))
    }

    /// A question's answers in the order they are offered.
    pub fn answers(&self, from: NodeIndex) -> Vec<AnswerRef<'_>> {
        let mut answers: Vec<_> = self
            .graph
            .edges_directed(from, Direction::Outgoing)
            .map(|e| AnswerRef {
                edge: e.id(),
                from,
                to: e.target(),
                answer: e.weight(),
            })
            .collect();
        // Edge index breaks ties so equal `order` values (hand-built trees) stay stable.
        answers.sort_by_key(|a| (a.answer.order, a.edge.index()));
        answers
    }

    /// The answers that lead into `to`, by source index.
    pub fn incoming(&self, to: NodeIndex) -> Vec<AnswerRef<'_>> {
        let mut answers: Vec<_> = self
            .graph
            .edges_directed(to, Direction::Incoming)
            .map(|e| AnswerRef {
                edge: e.id(),
                from: e.source(),
                to,
                answer: e.weight(),
            })
            .collect();
        answers.sort_by_key(|a| (a.from.index(), a.answer.order));
        answers
    }

    /// Renumbers a question's answers 0.. in the given order of edges.
    pub fn set_answer_order(&mut self, edges: &[EdgeIndex]) {
        for (position, &edge) in edges.iter().enumerate() {
            if let Some(answer) = self.graph.edge_weight_mut(edge) {
                answer.order = u32::try_from(position).unwrap_or(u32::MAX);
            }
        }
    }

    /// Real nodes that no answer leads to, in index order. A well-formed tree has one.
    pub fn roots(&self) -> Vec<NodeIndex> {
        self.nodes()
            .filter(|(i, _)| {
                self.graph
                    .edges_directed(*i, Direction::Incoming)
                    .next()
                    .is_none()
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The start node: the single root, or the first root when there are several.
    pub fn root(&self) -> Option<NodeIndex> {
        // Found without listing every root: the walk asks for it on every frame.
        self.nodes().map(|(i, _)| i).find(|&i| {
            self.graph
                .edges_directed(i, Direction::Incoming)
                .next()
                .is_none()
        })
    }

    /// A fresh id built from `stem` that no node uses.
    pub fn fresh_id(&self, stem: &str) -> String {
        if self.find(stem).is_none() && !stem.is_empty() {
            return stem.to_owned();
        }
        (2u64..)
            .map(|n| format!("{stem}-{n}"))
            .find(|id| self.find(id).is_none())
            .unwrap_or_else(|| stem.to_owned())
    }

    /// Roots first, depth first in answer order, then anything not yet met, by index.
    pub fn reading_order(&self) -> Vec<NodeIndex> {
        // A node whose id an earlier node already has (an error validation reports, kept so
        // it can be repaired) goes last: answers lead to the first node with their id, in
        // the file as in the tree, so that one must stay first. Placed anywhere else, it
        // could come before the first on the way out, and the saved file, opened again,
        // would send those answers to it; and the order would change from save to save.
        let later_twins: Vec<NodeIndex> = self
            .all_nodes()
            .filter(|(i, n)| !n.is_missing() && self.find(&n.id) != Some(*i))
            .map(|(i, _)| i)
            .collect();
        let mut seen: std::collections::HashSet<NodeIndex> = later_twins.iter().copied().collect();
        let mut order = Vec::new();
        let starts: Vec<NodeIndex> = self
            .roots()
            .into_iter()
            .chain(self.all_nodes().map(|(i, _)| i))
            .collect();
        for start in starts {
            let mut stack = vec![start];
            while let Some(n) = stack.pop() {
                if !seen.insert(n) {
                    continue;
                }
                order.push(n);
                stack.extend(self.answers(n).iter().rev().map(|a| a.to));
            }
        }
        order.extend(later_twins);
        order
    }

    /// How many answers `from` has, without listing them in order (`answers` sorts).
    pub fn answer_count(&self, from: NodeIndex) -> usize {
        self.graph.edges_directed(from, Direction::Outgoing).count()
    }

    /// Every node reachable from `start` (itself included), iteratively.
    pub fn reachable_from(&self, start: NodeIndex) -> Vec<NodeIndex> {
        // A flag per index rather than a hash set: this runs on every answer chosen.
        let mut seen = vec![false; petgraph::visit::NodeIndexable::node_bound(&self.graph)];
        let mut stack = vec![start];
        let mut out = Vec::new();
        while let Some(n) = stack.pop() {
            if !self.graph.contains_node(n) || std::mem::replace(&mut seen[n.index()], true) {
                continue;
            }
            out.push(n);
            stack.extend(self.graph.neighbors_directed(n, Direction::Outgoing));
        }
        out
    }

    /// The outcomes reachable from `start`, in the order a user meets them (answer order,
    /// depth first), each once.
    pub fn outcomes_from(&self, start: NodeIndex) -> Vec<NodeIndex> {
        let mut seen = std::collections::HashSet::new();
        let mut stack = vec![start];
        let mut out = Vec::new();
        while let Some(n) = stack.pop() {
            if !seen.insert(n) {
                continue;
            }
            match self.graph.node_weight(n).map(|node| &node.kind) {
                Some(NodeKind::Outcome(_)) => out.push(n),
                Some(NodeKind::Question(_)) => {
                    stack.extend(self.answers(n).iter().rev().map(|a| a.to));
                }
                _ => {}
            }
        }
        out
    }

    /// Whether two trees hold the same content, whatever their internal indices:
    /// same metadata, same nodes by id, same answers in the same order.
    pub fn same_content(&self, other: &Tree) -> bool {
        if self.title != other.title
            || self.description != other.description
            || self.dimensions != other.dimensions
            || self.review_months != other.review_months
        {
            return false;
        }
        let mine: Vec<_> = self.all_nodes().collect();
        let theirs: Vec<_> = other.all_nodes().collect();
        if mine.len() != theirs.len() {
            return false;
        }
        mine.iter().all(|(i, node)| {
            let Some(j) = other.find(&node.id) else {
                return false;
            };
            if other.graph[j] != **node {
                return false;
            }
            let a: Vec<_> = self
                .answers(*i)
                .iter()
                .map(|a| {
                    let answer = a.answer;
                    (
                        &answer.label,
                        &answer.note,
                        &answer.weights,
                        &self.graph[a.to].id,
                    )
                })
                .collect();
            let b: Vec<_> = other
                .answers(j)
                .iter()
                .map(|a| {
                    let answer = a.answer;
                    (
                        &answer.label,
                        &answer.note,
                        &answer.weights,
                        &other.graph[a.to].id,
                    )
                })
                .collect();
            a == b
        })
    }
}

/// Raw changes, for taking edits back (see `change.rs`): each puts back or takes away
/// one thing at a known index, and leaves the id map and the generations alone, since
/// the undo step that calls it restores those as they were.
impl Tree {
    /// Puts `node` at the vacant `index`. The graph hands out the index freed last first,
    /// so taking edits back in order gets `index` at once; should it not, fillers take
    /// the vacant indices before it and give them back in the order they were in.
    pub(super) fn put_node(&mut self, index: NodeIndex, node: Node) -> bool {
        if self.graph.contains_node(index) {
            return false;
        }
        let mut fillers = Vec::new();
        let mut node = node;
        loop {
            let at = self.graph.add_node(node);
            if at == index {
                break;
            }
            node = std::mem::replace(&mut self.graph[at], filler());
            fillers.push(at);
        }
        for f in fillers.into_iter().rev() {
            self.graph.remove_node(f);
        }
        if self.generations.len() <= index.index() {
            self.generations.resize(index.index() + 1, 0);
        }
        true
    }

    /// Takes away the node at `index`, which no answer leads into or out of.
    pub(super) fn take_node(&mut self, index: NodeIndex) -> Option<Node> {
        let linked = |d| self.graph.edges_directed(index, d).next().is_some();
        if linked(Direction::Outgoing) || linked(Direction::Incoming) {
            return None;
        }
        self.graph.remove_node(index)
    }

    /// Puts an answer at the vacant `edge`, as `put_node` puts a node.
    pub(super) fn put_edge(
        &mut self,
        edge: EdgeIndex,
        from: NodeIndex,
        to: NodeIndex,
        answer: Answer,
    ) -> bool {
        let present = |n| self.graph.contains_node(n);
        if self.graph.edge_weight(edge).is_some() || !present(from) || !present(to) {
            return false;
        }
        let mut fillers = Vec::new();
        let mut answer = answer;
        loop {
            let at = self.graph.add_edge(from, to, answer);
            if at == edge {
                break;
            }
            answer = std::mem::take(&mut self.graph[at]);
            fillers.push(at);
        }
        for f in fillers.into_iter().rev() {
            self.graph.remove_edge(f);
        }
        true
    }

    /// Sets a node's id without touching the id map; returns the id it had.
    pub(super) fn set_id_raw(&mut self, index: NodeIndex, id: String) -> Option<String> {
        let node = self.graph.node_weight_mut(index)?;
        Some(std::mem::replace(&mut node.id, id))
    }

    /// Sets which node the id map gives for `id`; returns what it gave.
    pub(super) fn set_id_entry(
        &mut self,
        id: String,
        index: Option<NodeIndex>,
    ) -> Option<NodeIndex> {
        match index {
            Some(index) => self.ids.insert(id, index),
            None => self.ids.remove(&id),
        }
    }

    /// Whether two trees are the same down to their indices: the same nodes and answers
    /// at the same indices, the same id map and generations, and vacant indices handed
    /// out in the same order.
    #[cfg(test)]
    pub(super) fn same_state(&self, other: &Tree) -> bool {
        use petgraph::visit::{EdgeIndexable as _, NodeIndexable as _};
        let (a, b) = (&self.graph, &other.graph);
        let nodes = (0..a.node_bound().max(b.node_bound())).all(|i| {
            let i = NodeIndex::new(i);
            a.node_weight(i) == b.node_weight(i)
        });
        let edges = (0..a.edge_bound().max(b.edge_bound())).all(|i| {
            let e = EdgeIndex::new(i);
            a.edge_weight(e) == b.edge_weight(e) && a.edge_endpoints(e) == b.edge_endpoints(e)
        });
        let generations = |t: &Tree| {
            let mut g = t.generations.clone();
            while g.last() == Some(&0) {
                g.pop();
            }
            g
        };
        self.title == other.title
            && self.description == other.description
            && self.dimensions == other.dimensions
            && self.review_months == other.review_months
            && nodes
            && edges
            && self.ids == other.ids
            && generations(self) == generations(other)
            && vacancies(self) == vacancies(other)
    }
}

/// What stands in a vacant index for a moment while `put_node` reaches the right one.
fn filler() -> Node {
    Node {
        id: String::new(),
        kind: NodeKind::Missing,
        notes: String::new(),
        sources: Vec::new(),
    }
}

/// The order in which the graph hands out its vacant node and answer indices.
#[cfg(test)]
fn vacancies(tree: &Tree) -> (Vec<NodeIndex>, Vec<EdgeIndex>) {
    use petgraph::visit::{EdgeIndexable as _, NodeIndexable as _};
    let mut g = tree.graph.clone();
    let free_nodes = g.node_bound() - g.node_count();
    let free_edges = g.edge_bound() - g.edge_count();
    let nodes: Vec<NodeIndex> = (0..free_nodes).map(|_| g.add_node(filler())).collect();
    let edges = match g.node_indices().next() {
        Some(n) => (0..free_edges)
            .map(|_| g.add_edge(n, n, Answer::default()))
            .collect(),
        None => Vec::new(),
    };
    (nodes, edges)
}
