//! Undo and redo for a tree. Each step keeps the whole tree as it was before; edits to
//! one text field in a row merge into one step. Whole copies are simple and exactly
//! reversible, and keep node indices stable across undo, so the walk and the selection
//! survive it. Very large trees will want inverse operations instead; the interface
//! (`apply`, `undo`, `redo`) does not change with that.

use super::tree::Tree;

/// What an edit touches, so typing in the same field merges into one undo step.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MergeKey(pub String);

#[derive(Debug, Clone)]
struct Step {
    tree: Tree,
    revision: u64,
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

    /// Applies an edit as one undo step, or merges it into the previous step when
    /// `merge` names the same thing as the previous edit did.
    pub fn apply(&mut self, merge: Option<MergeKey>, edit: impl FnOnce(&mut Tree)) {
        let merges = merge.is_some() && merge == self.merging;
        if !merges {
            self.undo.push(Step {
                tree: self.tree.clone(),
                revision: self.revision,
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
        });
        self.revision = step.revision;
        self.merging = None;
        true
    }
}
