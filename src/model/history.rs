//! Undo and redo for a tree. Each step keeps the whole tree as it was before; edits to
//! one text field in a row merge into one step. Whole copies are simple and exactly
//! reversible, and keep node indices stable across undo, so the walk and the selection
//! survive it. Very large trees will want inverse operations instead; the interface
//! (`apply`, `undo`, `redo`) does not change with that.
//!
//! Each step also keeps what the edit did, in words ("rename answer"), so Undo and Redo
//! can say what they will take back or make again.

use super::ops::Op;
use super::tree::Tree;

/// What an edit touches, so typing in the same field merges into one undo step.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MergeKey(pub String);

#[derive(Debug, Clone)]
struct Step {
    tree: Tree,
    revision: u64,
    /// What the edit between this tree and the next state did.
    description: String,
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
    /// merges. A refused operation (a taken id) still makes its step, with the tree
    /// unchanged, and says why it was refused.
    pub fn perform(&mut self, op: &Op, merge: Option<MergeKey>) -> Result<(), String> {
        let mut result = Ok(());
        self.apply_described(&op.describe(), merge, |t| result = op.apply(t));
        result
    }

    /// `apply` with what the edit does, in words, for `undo_description`. Merged edits
    /// keep the description of the first.
    pub fn apply_described(
        &mut self,
        description: &str,
        merge: Option<MergeKey>,
        edit: impl FnOnce(&mut Tree),
    ) {
        let merges = merge.is_some() && merge == self.merging;
        if !merges {
            self.undo.push(Step {
                tree: self.tree.clone(),
                revision: self.revision,
                description: description.to_owned(),
            });
            if self.undo.len() > self.limit {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        edit(&mut self.tree);
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
        let current = std::mem::replace(&mut self.tree, step.tree);
        self.redo.push(Step {
            tree: current,
            revision: self.revision,
            description: step.description,
        });
        self.revision = step.revision;
        self.merging = None;
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(step) = self.redo.pop() else {
            return false;
        };
        let current = std::mem::replace(&mut self.tree, step.tree);
        self.undo.push(Step {
            tree: current,
            revision: self.revision,
            description: step.description,
        });
        self.revision = step.revision;
        self.merging = None;
        true
    }
}
