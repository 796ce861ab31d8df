//! What a change to a tree does to its advice: for every walk through the old tree
//! (answers from the start to an outcome), where the same answers lead in the new one;
//! and which nodes, answers, sources and tree fields were added, removed or changed.
//! Nodes are matched by id. Pure: the command line prints an `AdviceDiff`, the app marks
//! `AdviceDiff::changed_nodes` in the graph.
//!
//! Walks are counted exactly (a DAG can have exponentially many), then either all are
//! followed or, past a limit, a seeded sample is: see `walks`.

mod nodes;
mod walks;

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::model::{Node, NodeKind, Tree};

pub use walks::{DEFAULT_SEED, EXAMPLE_GROUPS, STEP_BUDGET, count_walks};

/// Everything that differs between two trees, as a reviewer reads it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AdviceDiff {
    /// Where the old tree's walks lead now.
    pub walks: Walks,
    /// Title, description, dimensions, review interval.
    pub tree: Vec<TreeChange>,
    /// Nodes only the new tree has, in its reading order.
    pub added: Vec<NodeRef>,
    /// Nodes only the old tree has, in its reading order.
    pub removed: Vec<NodeRef>,
    /// Nodes both trees have that differ, in the new tree's reading order.
    pub changed: Vec<NodeChange>,
}

/// The walks of the old tree, followed through the new one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Walks {
    /// How many walks the old tree has; a lower bound when `total_exact` is false.
    pub total: u128,
    /// False when there are more walks than a `u128` holds.
    pub total_exact: bool,
    /// How many walks were followed: all of them, or the sample.
    pub followed: u64,
    /// True when `followed` is a seeded random sample (with replacement, every walk
    /// equally likely) rather than every walk; counts below are then counts of the
    /// sample, not estimates of the whole.
    pub sampled: bool,
    /// True when the sample stopped short of the limit because the walks are so long
    /// that following more would take too long (`STEP_BUDGET`).
    pub cut_short: bool,
    /// Of the followed walks, how many end at the outcome they ended at before.
    pub unchanged: u64,
    /// The followed walks that end elsewhere, by (old outcome, new end), largest first.
    pub groups: Vec<WalkGroup>,
}

/// Walks that used to reach one outcome and now end in one same place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WalkGroup {
    pub count: u64,
    /// The outcome they reached in the old tree.
    pub was: NodeRef,
    pub now: End,
    /// The shortest one or two of them, as answered in the old tree; none past the first
    /// `EXAMPLE_GROUPS` groups.
    pub examples: Vec<Vec<Step>>,
}

/// One answer of a walk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    pub question: String,
    /// The label in the old tree.
    pub answer: String,
    /// The label the new tree gives the same answer, when it reworded it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reworded: Option<String>,
    /// Whether the new tree, following the walk, asks this question: false when the walk
    /// reaches an outcome without it; `None` when the walk stops before an outcome
    /// without meeting it, so whether it would is unknown.
    pub asked: Option<bool>,
    /// True for the first step at which the new tree sends the walk another way: the
    /// answer leads elsewhere, is gone, or the question is not asked.
    pub turns: bool,
}

/// Where a walk ends in the new tree.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum End {
    /// At an outcome.
    Outcome { id: String, title: String },
    /// At a question the walk never answered: the new tree asks more. `new` when the old
    /// tree had no such question.
    Asks {
        id: String,
        prompt: String,
        new: bool,
    },
    /// At a question the walk answered, with an answer the new tree no longer offers.
    AnswerGone {
        id: String,
        prompt: String,
        answer: String,
    },
    /// At an answer that leads to a node the new tree does not have.
    Missing { id: String },
    /// Round a cycle, back to a question already answered (only in a broken tree).
    Loops { id: String, prompt: String },
    /// The new tree has no start question.
    NoStart,
}

/// A node as named in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NodeRef {
    pub id: String,
    pub kind: Kind,
    /// Prompt or title.
    pub label: String,
}

impl End {
    /// The node of the new tree where the walk ends, if there is one.
    pub fn node_id(&self) -> Option<&str> {
        match self {
            End::Outcome { id, .. }
            | End::Asks { id, .. }
            | End::AnswerGone { id, .. }
            | End::Loops { id, .. }
            | End::Missing { id } => Some(id),
            End::NoStart => None,
        }
    }
}

impl NodeRef {
    pub(crate) fn of(node: &Node) -> Self {
        Self {
            id: node.id.clone(),
            kind: Kind::of(node),
            label: node.label().to_owned(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Question,
    Outcome,
    /// A placeholder for an id answers point to but no node has.
    Missing,
}

impl Kind {
    fn of(node: &Node) -> Self {
        match node.kind {
            NodeKind::Question(_) => Kind::Question,
            NodeKind::Outcome(_) => Kind::Outcome,
            NodeKind::Missing => Kind::Missing,
        }
    }
}

/// A node both trees have, and what differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeChange {
    /// As the new tree has it.
    pub node: NodeRef,
    /// How many walks of the new tree pass through it (end at it, for an outcome),
    /// saturating at `u128::MAX`: how much advice the change touches.
    pub walks: u128,
    pub changes: Vec<Change>,
}

/// One difference in a node. Old value first, new second.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub enum Change {
    /// A question became an outcome, or the other way round.
    Kind {
        old: Kind,
        new: Kind,
    },
    Prompt {
        old: String,
        new: String,
    },
    Help {
        old: String,
        new: String,
    },
    Dimension {
        old: Option<String>,
        new: Option<String>,
    },
    Title {
        old: String,
        new: String,
    },
    Summary {
        old: String,
        new: String,
    },
    Notes {
        old: String,
        new: String,
    },
    /// A rating on one dimension (named as the new tree names it); `None` when unrated.
    Rating {
        dimension: String,
        old: Option<Level>,
        new: Option<Level>,
    },
    /// "constraint" or "preference".
    Role {
        old: String,
        new: String,
    },
    Lifecycle {
        old: LifecycleText,
        new: LifecycleText,
    },
    AnswerAdded {
        label: String,
        to: String,
    },
    AnswerRemoved {
        label: String,
        to: String,
    },
    /// The same answer (by case and spacing, or by where it leads) under a new label.
    AnswerRelabelled {
        old: String,
        new: String,
        to: String,
    },
    /// The same answer (by label) leading somewhere else.
    AnswerRetargeted {
        label: String,
        old: String,
        new: String,
    },
    AnswerNote {
        label: String,
        old: String,
        new: String,
    },
    /// What the answer does to the weights (a preference question's answer).
    AnswerWeights {
        label: String,
        old: BTreeMap<String, i8>,
        new: BTreeMap<String, i8>,
    },
    /// The answers both trees have, in another order (labels as the new tree has them).
    AnswersReordered {
        old: Vec<String>,
        new: Vec<String>,
    },
    SourceAdded {
        source: SourceText,
    },
    SourceRemoved {
        source: SourceText,
    },
    SourceChanged {
        old: SourceText,
        new: SourceText,
    },
}

impl Change {
    /// True for the changes to a node's sources, which a report lists on their own.
    pub fn is_source(&self) -> bool {
        matches!(
            self,
            Change::SourceAdded { .. }
                | Change::SourceRemoved { .. }
                | Change::SourceChanged { .. }
        )
    }

    /// True for the changes that can move a walk: answers added, removed or retargeted,
    /// and a node becoming another kind.
    pub fn moves_walks(&self) -> bool {
        matches!(
            self,
            Change::Kind { .. }
                | Change::AnswerAdded { .. }
                | Change::AnswerRemoved { .. }
                | Change::AnswerRetargeted { .. }
        )
    }

    /// A few words for a list: "prompt", "answer added", "source changed".
    pub fn name(&self) -> &'static str {
        match self {
            Change::Kind { .. } => "kind",
            Change::Prompt { .. } => "prompt",
            Change::Help { .. } => "help",
            Change::Dimension { .. } => "dimension",
            Change::Title { .. } => "title",
            Change::Summary { .. } => "summary",
            Change::Notes { .. } => "notes",
            Change::Rating { .. } => "rating",
            Change::Lifecycle { .. } => "lifecycle",
            Change::Role { .. } => "role",
            Change::AnswerWeights { .. } => "answer weights",
            Change::AnswerAdded { .. } => "answer added",
            Change::AnswerRemoved { .. } => "answer removed",
            Change::AnswerRelabelled { .. } => "answer reworded",
            Change::AnswerRetargeted { .. } => "answer retargeted",
            Change::AnswerNote { .. } => "answer note",
            Change::AnswersReordered { .. } => "answers reordered",
            Change::SourceAdded { .. } => "source added",
            Change::SourceRemoved { .. } => "source removed",
            Change::SourceChanged { .. } => "source changed",
        }
    }
}

/// A rating as compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Level {
    pub level: u8,
    pub note: String,
}

/// A lifecycle as compared; `status` is the word files use ("closed-to-new-customers").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LifecycleText {
    pub status: String,
    /// "Closed to new customers since 2026-04-30".
    pub headline: String,
    pub since: String,
    pub replaced_by: String,
    pub note: String,
}

/// A source as compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceText {
    pub title: String,
    pub url: String,
    pub checked: String,
}

/// A difference in the tree's own fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub enum TreeChange {
    Title {
        old: String,
        new: String,
    },
    Description {
        old: String,
        new: String,
    },
    DimensionAdded {
        id: String,
        name: String,
    },
    DimensionRemoved {
        id: String,
        name: String,
    },
    /// Matched by id (a new name) or, failing that, by name (a new id).
    DimensionRenamed {
        old_id: String,
        new_id: String,
        old_name: String,
        new_name: String,
    },
    /// Its description or the meaning of its low or high end changed.
    DimensionDescribed {
        id: String,
    },
    /// The dimensions both trees have, in another order (ids as the new tree has them).
    DimensionsReordered {
        old: Vec<String>,
        new: Vec<String>,
    },
    /// Months a source stays fresh; `None` is the default.
    ReviewMonths {
        old: Option<u32>,
        new: Option<u32>,
    },
}

/// A node of the new tree worth marking, for the app.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangedNode<'a> {
    /// Its id in the new tree.
    pub id: &'a str,
    /// True when the old tree has no node with this id.
    pub added: bool,
    /// What changed in it (empty for an added node, or one marked only for `walks_in`).
    pub changes: &'a [Change],
    /// How many followed walks end here now that ended elsewhere before.
    pub walks_in: u64,
    /// One line: "added", "prompt, answer retargeted; 12 walks now end here".
    pub summary: String,
}

impl AdviceDiff {
    /// Compares two trees, following at most `limit` walks (a seeded sample past it).
    pub fn new(old: &Tree, new: &Tree, limit: usize) -> Self {
        let (added, removed, changed) = nodes::node_changes(old, new);
        Self {
            walks: walks::follow_walks(old, new, limit, DEFAULT_SEED),
            tree: nodes::tree_changes(old, new),
            added,
            removed,
            changed,
        }
    }

    /// True when the trees hold the same content: no walk moved and nothing changed.
    pub fn is_empty(&self) -> bool {
        self.walks.groups.is_empty()
            && self.tree.is_empty()
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
    }

    /// True when some followed walk ends somewhere other than it did.
    pub fn advice_changed(&self) -> bool {
        !self.walks.groups.is_empty()
    }

    /// How many followed walks end somewhere else.
    pub fn moved(&self) -> u64 {
        self.walks.groups.iter().map(|g| g.count).sum()
    }

    /// The nodes of the new tree to mark: added, changed, or where walks now end that
    /// ended elsewhere before. In the new tree's reading order as far as it goes (added
    /// and changed nodes first, in that order), then the ends of moved walks.
    pub fn changed_nodes(&self) -> Vec<ChangedNode<'_>> {
        // Ends in the order the groups list them, largest first.
        let mut ends: Vec<&str> = Vec::new();
        let mut walks_in: HashMap<&str, u64> = HashMap::new();
        for group in &self.walks.groups {
            let Some(id) = group.now.node_id() else {
                continue;
            };
            let n = walks_in.entry(id).or_insert(0);
            if *n == 0 {
                ends.push(id);
            }
            *n += group.count;
        }
        let arriving = |id: &str| walks_in.get(id).copied().unwrap_or(0);
        let mut marked: Vec<ChangedNode<'_>> = self
            .added
            .iter()
            .map(|n| (n.id.as_str(), true, &[][..]))
            .chain(
                self.changed
                    .iter()
                    .map(|c| (c.node.id.as_str(), false, &c.changes[..])),
            )
            .map(|(id, added, changes)| changed_node(id, added, changes, arriving(id)))
            .collect();
        let listed: HashSet<&str> = marked.iter().map(|m| m.id).collect();
        for id in ends {
            if !listed.contains(id) {
                marked.push(changed_node(id, false, &[], arriving(id)));
            }
        }
        marked
    }
}

fn changed_node<'a>(
    id: &'a str,
    added: bool,
    changes: &'a [Change],
    walks_in: u64,
) -> ChangedNode<'a> {
    let mut names: Vec<&str> = Vec::new();
    if added {
        names.push("added");
    }
    for c in changes {
        if !names.contains(&c.name()) {
            names.push(c.name());
        }
    }
    let mut summary = names.join(", ");
    if walks_in > 0 {
        if !summary.is_empty() {
            summary.push_str("; ");
        }
        let s = if walks_in == 1 { "" } else { "s" };
        summary.push_str(&format!(
            "{walks_in} walk{s} now end here that ended elsewhere"
        ));
    }
    ChangedNode {
        id,
        added,
        changes,
        walks_in,
        summary,
    }
}

/// Labels compared "case/space-insensitively": trimmed, lower case, runs of white space
/// as one space.
fn loose(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
