//! Edits a user can make to a tree, as plain functions. Each leaves a tree that can be
//! saved and reloaded; what it breaks (a question left with one answer, a loose part)
//! shows up in validation, never as a panic.

use std::collections::{HashMap, HashSet};

use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use super::tree::{Answer, Node, NodeKind, Outcome, Question, Tree};

/// What to do with the nodes under a deleted node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeleteMode {
    /// Remove the nodes that only the deleted node leads to.
    WithSubtree,
    /// Keep them as a loose part (a second root) to attach again.
    KeepChildren,
}

/// A copied subtree: nodes and the answers among them, rooted at `nodes[0]`.
#[derive(Debug, Clone)]
pub struct Fragment {
    pub nodes: Vec<Node>,
    /// (from, to, answer) by position in `nodes`.
    pub answers: Vec<(usize, usize, Answer)>,
}

impl Fragment {
    /// The fragment as a tree of its own, ids unchanged.
    pub fn to_tree(&self, title: &str) -> Tree {
        let mut tree = Tree::new(title);
        let placed: Vec<NodeIndex> = self
            .nodes
            .iter()
            .map(|n| tree.add_node(n.clone()))
            .collect();
        for (from, to, answer) in &self.answers {
            tree.insert_answer(placed[*from], placed[*to], answer.clone());
        }
        tree
    }
}

impl Tree {
    /// Adds a new question or outcome reached from `question` by an answer labelled
    /// `label`. Returns the new node.
    pub fn add_child(&mut self, question: NodeIndex, outcome: bool, label: &str) -> NodeIndex {
        let node = if outcome {
            Node::outcome(self.fresh_id("new-outcome"), "New outcome")
        } else {
            Node::question(self.fresh_id("new-question"), "New question?")
        };
        let child = self.add_node(node);
        self.add_answer(question, child, label);
        child
    }

    /// The nodes under `node` that nothing outside its subtree leads to: what a
    /// subtree delete removes. `node` itself is included.
    pub fn exclusive_subtree(&self, node: NodeIndex) -> Vec<NodeIndex> {
        let below: HashSet<NodeIndex> = self.reachable_from(node).into_iter().collect();
        // Anything reachable from a root without passing through `node` stays.
        let mut kept = HashSet::new();
        let mut stack: Vec<NodeIndex> = self.roots().into_iter().filter(|&r| r != node).collect();
        while let Some(n) = stack.pop() {
            if n == node || !kept.insert(n) {
                continue;
            }
            stack.extend(self.answers(n).iter().map(|a| a.to));
        }
        let mut out: Vec<NodeIndex> = below.into_iter().filter(|n| !kept.contains(n)).collect();
        out.sort_by_key(|n| n.index());
        out
    }

    /// Deletes a node. Answers that led to it are removed with it.
    pub fn delete(&mut self, node: NodeIndex, mode: DeleteMode) {
        let doomed = match mode {
            DeleteMode::WithSubtree => self.exclusive_subtree(node),
            DeleteMode::KeepChildren => vec![node],
        };
        for n in doomed {
            self.remove_node(n);
        }
        self.drop_unused_placeholders();
    }

    /// Removes `Missing` placeholders no answer points to any more.
    pub fn drop_unused_placeholders(&mut self) {
        let unused: Vec<NodeIndex> = self
            .all_nodes()
            .filter(|(i, n)| n.is_missing() && self.incoming(*i).is_empty())
            .map(|(i, _)| i)
            .collect();
        for n in unused {
            self.remove_node(n);
        }
    }

    /// Moves answer `edge` up (`-1`) or down (`+1`) among its question's answers.
    pub fn move_answer(&mut self, edge: EdgeIndex, delta: isize) {
        let Some(from) = self.answer(edge).map(|a| a.from) else {
            return;
        };
        let mut order: Vec<EdgeIndex> = self.answers(from).iter().map(|a| a.edge).collect();
        let Some(at) = order.iter().position(|&e| e == edge) else {
            return;
        };
        let to = at.saturating_add_signed(delta).min(order.len() - 1);
        let moved = order.remove(at);
        order.insert(to, moved);
        self.set_answer_order(&order);
    }

    /// Turns an outcome into a question (keeping its text as the prompt) or a question
    /// with no answers into an outcome. Returns false when that does not make sense.
    pub fn convert(&mut self, node: NodeIndex) -> bool {
        let has_answers = !self.answers(node).is_empty();
        let Some(n) = self.node_mut(node) else {
            return false;
        };
        n.kind = match &n.kind {
            NodeKind::Outcome(o) => NodeKind::Question(Question {
                prompt: o.title.clone(),
                help: o.summary.clone(),
                ..Question::default()
            }),
            NodeKind::Question(q) if !has_answers => NodeKind::Outcome(Outcome {
                title: q.prompt.clone(),
                summary: q.help.clone(),
                ..Outcome::default()
            }),
            _ => return false,
        };
        true
    }

    /// Copies `node` and everything under it.
    pub fn fragment(&self, node: NodeIndex) -> Fragment {
        let nodes_idx: Vec<NodeIndex> = {
            // Depth first in answer order, so the copy reads like the original.
            let mut seen = HashSet::new();
            let mut order = Vec::new();
            let mut stack = vec![node];
            while let Some(n) = stack.pop() {
                if !seen.insert(n) || self.node(n).is_none_or(Node::is_missing) {
                    continue;
                }
                order.push(n);
                stack.extend(self.answers(n).iter().rev().map(|a| a.to));
            }
            order
        };
        let position: HashMap<NodeIndex, usize> =
            nodes_idx.iter().enumerate().map(|(i, &n)| (n, i)).collect();
        let answers = nodes_idx
            .iter()
            .flat_map(|&n| self.answers(n))
            .filter_map(|a| Some((position[&a.from], *position.get(&a.to)?, a.answer.clone())))
            .collect();
        Fragment {
            nodes: nodes_idx
                .iter()
                .filter_map(|&n| self.node(n).cloned())
                .collect(),
            answers,
        }
    }

    /// Inserts a copied fragment with fresh ids. Attached by a new answer of `parent`
    /// labelled `label` when given; otherwise it becomes a loose part. Returns its root.
    pub fn paste(
        &mut self,
        fragment: &Fragment,
        parent: Option<(NodeIndex, &str)>,
    ) -> Option<NodeIndex> {
        let mut placed = Vec::with_capacity(fragment.nodes.len());
        for node in &fragment.nodes {
            let mut copy = node.clone();
            copy.id = self.fresh_id(&format!("{}-copy", node.id));
            placed.push(self.add_node(copy));
        }
        for (from, to, answer) in &fragment.answers {
            self.insert_answer(placed[*from], placed[*to], answer.clone());
        }
        let root = placed.first().copied()?;
        if let Some((question, label)) = parent {
            self.add_answer(question, root, label);
        }
        Some(root)
    }

    /// A copy of one node (not its subtree) with a fresh id, reached the same way as
    /// the original's first incoming answer, and leading where the original leads.
    pub fn duplicate(&mut self, node: NodeIndex) -> Option<NodeIndex> {
        let original = self.node(node)?.clone();
        if original.is_missing() {
            return None;
        }
        let mut copy = original.clone();
        copy.id = self.fresh_id(&format!("{}-copy", original.id));
        let answers: Vec<(NodeIndex, Answer)> = self
            .answers(node)
            .iter()
            .map(|a| (a.to, a.answer.clone()))
            .collect();
        let parent = self
            .incoming(node)
            .first()
            .map(|a| (a.from, a.answer.label.clone()));
        let new = self.add_node(copy);
        for (to, answer) in answers {
            self.insert_answer(new, to, answer);
        }
        if let Some((from, label)) = parent {
            let label = self.fresh_label(from, &format!("{label} (copy)"));
            self.add_answer(from, new, label);
        }
        Some(new)
    }

    /// A label for a new answer of `question` that none of its answers use yet.
    pub fn fresh_label(&self, question: NodeIndex, stem: &str) -> String {
        let used: HashSet<String> = self
            .answers(question)
            .iter()
            .map(|a| a.answer.label.to_lowercase())
            .collect();
        if !used.contains(&stem.to_lowercase()) {
            return stem.to_owned();
        }
        (2u32..)
            .map(|n| format!("{stem} {n}"))
            .find(|l| !used.contains(&l.to_lowercase()))
            .unwrap_or_else(|| stem.to_owned())
    }
}
