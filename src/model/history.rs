//! Undo and redo for a tree. Each step keeps what takes its edit back, not a copy of the
//! tree: a named operation ([`Op`]) gives, as it is applied, the change that reverses it
//! (the old text of the field it set, the answer it removed, at the index it had), and
//! that change gives the one that makes the edit again. A step's memory is the size of
//! its edit, whatever the size of the tree. Edits given as bare functions still keep a
//! whole copy of the tree from before them; the editor's operations do not.
//!
//! Undo puts nodes and answers back at the indices they had, so the walk and the
//! selection, which hold indices, survive it. Edits to one text field in a row merge into
//! one step, which takes them all back at once.
//!
//! Each step also keeps what the edit did, in words ("rename answer"), so Undo and Redo
//! can say what they will take back or make again.

use petgraph::stable_graph::NodeIndex;

use super::change::{Change, apply_all};
use super::ops::Op;
use super::tree::Tree;

/// What an edit touches, so typing in the same field merges into one undo step.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MergeKey(pub String);

/// What a change to the tree touched, so what is derived from the tree (its problems,
/// where each node leads) can be brought up to date with only the work it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Touched {
    /// Nothing: the tree is as it was.
    Nothing,
    /// One node's own fields or the text or weights of its answers, and nothing else:
    /// no node's kind or id, no answer's target and no answer's place changed.
    Node(NodeIndex),
    /// One node's id, which was `old`, and nothing else.
    Id { node: NodeIndex, old: String },
    /// The tree's own fields, or a dimension's text other than its id, or which end of
    /// it is better.
    Tree,
    /// Anything at all.
    Anything,
}

/// `Touched` as a step keeps it: the same in both directions, so without the old id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Nothing,
    Node(NodeIndex),
    Id(NodeIndex),
    Tree,
    Anything,
}

impl Scope {
    fn of(touched: &Touched) -> Self {
        match touched {
            Touched::Nothing => Scope::Nothing,
            Touched::Node(n) => Scope::Node(*n),
            Touched::Id { node, .. } => Scope::Id(*node),
            Touched::Tree => Scope::Tree,
            Touched::Anything => Scope::Anything,
        }
    }

    /// What two edits merged into one step touched.
    fn and(self, other: Scope) -> Self {
        match (self, other) {
            (Scope::Nothing, s) | (s, Scope::Nothing) => s,
            (a, b) if a == b => a,
            _ => Scope::Anything,
        }
    }

    /// What taking the step back (or making it again) from `tree` touches.
    fn touched(self, tree: &Tree) -> Touched {
        match self {
            Scope::Nothing => Touched::Nothing,
            Scope::Node(n) => Touched::Node(n),
            Scope::Id(node) => match tree.node(node) {
                Some(n) => Touched::Id {
                    node,
                    old: n.id.clone(),
                },
                None => Touched::Anything,
            },
            Scope::Tree => Touched::Tree,
            Scope::Anything => Touched::Anything,
        }
    }
}

#[derive(Debug, Clone)]
struct Step {
    /// Applied last first, they take the step's edits back (on the redo stack: make
    /// them again).
    changes: Vec<Change>,
    /// The revision the changes lead to.
    revision: u64,
    /// What the edit between this tree and the next state did.
    description: String,
    scope: Scope,
}

/// The tree being edited with its undo and redo stacks.
#[derive(Debug, Clone)]
pub struct History {
    tree: Tree,
    revision: u64,
    next_revision: u64,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The key of the last edit, while it may still merge.
    merging: Option<MergeKey>,
    limit: usize,
    /// The revision before the last change, and what that change touched.
    last: (u64, Touched),
}

impl History {
    /// How many steps are kept by default.
    pub const DEFAULT_LIMIT: usize = 500;

    /// What an edit given as a bare function is called in the history.
    pub const UNNAMED: &str = "edit";

    pub fn new(tree: Tree) -> Self {
        Self {
            tree,
            revision: 0,
            next_revision: 1,
            undo: Vec::new(),
            redo: Vec::new(),
            merging: None,
            limit: Self::DEFAULT_LIMIT,
            last: (0, Touched::Anything),
        }
    }

    pub fn tree(&self) -> &Tree {
        &self.tree
    }

    /// Identifies the tree's state: equal revisions mean equal trees, so "unsaved" is
    /// `revision() != saved revision`, and undoing back to the saved state clears it.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// What changed between `revision` and now: what the last change (an edit, an undo
    /// or a redo) touched when it started from `revision`, nothing when `revision` is the
    /// current one, and `Touched::Anything` when more than one change lies between.
    pub fn touched_since(&self, revision: u64) -> Touched {
        if revision == self.revision {
            Touched::Nothing
        } else if revision == self.last.0 {
            self.last.1.clone()
        } else {
            Touched::Anything
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// What Undo would take back ("rename answer"), if there is anything to undo.
    pub fn undo_description(&self) -> Option<&str> {
        self.undo.last().map(|s| s.description.as_str())
    }

    /// What Redo would make again, if there is anything to redo.
    pub fn redo_description(&self) -> Option<&str> {
        self.redo.last().map(|s| s.description.as_str())
    }

    /// Applies an edit as one undo step, or merges it into the previous step when
    /// `merge` names the same thing as the previous edit did. The step is described as
    /// [`History::UNNAMED`]; see [`History::perform`] for named operations.
    pub fn apply(&mut self, merge: Option<MergeKey>, edit: impl FnOnce(&mut Tree)) {
        self.apply_described(Self::UNNAMED, merge, edit);
    }

    /// Applies a named operation as one undo step described by it, merged as `apply`
    /// merges. The step keeps what takes the operation back, not a copy of the tree. A
    /// refused operation (a taken id) still makes its step, with the tree unchanged,
    /// and says why it was refused.
    pub fn perform(&mut self, op: &Op, merge: Option<MergeKey>) -> Result<(), String> {
        let applied = op.apply_undoable(&mut self.tree);
        self.record(&op.describe(), merge, applied.undo, applied.touched);
        applied.result
    }

    /// `apply` with what the edit does, in words, for `undo_description`. Merged edits
    /// keep the description of the first. An edit given as a function can change
    /// anything, so its step keeps the whole tree from before it (once per merged step).
    pub fn apply_described(
        &mut self,
        description: &str,
        merge: Option<MergeKey>,
        edit: impl FnOnce(&mut Tree),
    ) {
        let kept = self.merges(merge.as_ref())
            && self
                .undo
                .last()
                .is_some_and(|s| matches!(s.changes.first(), Some(Change::Whole(_))));
        let undo = if kept {
            // The step already goes back to the tree before its first edit.
            Change::Nothing
        } else {
            Change::Whole(Box::new(self.tree.clone()))
        };
        edit(&mut self.tree);
        self.record(description, merge, undo, Touched::Anything);
    }

    /// Whether an edit with `merge` joins the last step.
    fn merges(&self, merge: Option<&MergeKey>) -> bool {
        merge.is_some() && merge == self.merging.as_ref() && !self.undo.is_empty()
    }

    /// Makes an edit already applied, which `undo` takes back, an undo step (or part of
    /// the last one).
    fn record(
        &mut self,
        description: &str,
        merge: Option<MergeKey>,
        undo: Change,
        touched: Touched,
    ) {
        let scope = match &touched {
            // Taking the rename back gives the node the old id again: when another node
            // holds it too, that is more than a change of name.
            Touched::Id { old, .. } if self.tree.find(old).is_some() => Scope::Anything,
            touched => Scope::of(touched),
        };
        let merges = self.merges(merge.as_ref());
        match self.undo.last_mut() {
            Some(step) if merges => {
                Change::push_onto(&mut step.changes, undo);
                step.scope = step.scope.and(scope);
            }
            _ => {
                self.undo.push(Step {
                    changes: vec![undo],
                    revision: self.revision,
                    description: description.to_owned(),
                    scope,
                });
                if self.undo.len() > self.limit {
                    self.undo.remove(0);
                }
            }
        }
        self.redo.clear();
        self.last = (self.revision, touched);
        self.revision = self.next_revision;
        self.next_revision += 1;
        self.merging = merge;
    }

    /// Ends the current merge, so the next edit to the same field is a new step.
    pub fn seal(&mut self) {
        self.merging = None;
    }

    pub fn undo(&mut self) -> bool {
        let Some(step) = self.undo.pop() else {
            return false;
        };
        let back = self.cross(step);
        self.redo.push(back);
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(step) = self.redo.pop() else {
            return false;
        };
        let back = self.cross(step);
        self.undo.push(back);
        true
    }

    /// Applies a step from one stack; returns the step for the other.
    fn cross(&mut self, step: Step) -> Step {
        let touched = step.scope.touched(&self.tree);
        let changes = apply_all(step.changes, &mut self.tree);
        self.last = (self.revision, touched);
        let back = Step {
            changes,
            revision: self.revision,
            description: step.description,
            scope: step.scope,
        };
        self.revision = step.revision;
        self.merging = None;
        back
    }
}

#[cfg(test)]
mod tests;
