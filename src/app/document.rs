//! The open tree and what is derived from it: the undo history, the file it came from,
//! its problems and their badges, what each node can lead to, and whether it is saved.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::format;
use crate::model::{History, NodeIndex, Problem, Reach, Severity, Touched, Tree, freshness};

/// The open tree and what is known about it.
pub(super) struct Document {
    pub(super) history: History,
    pub(super) path: Option<PathBuf>,
    /// Shown instead of a file name while there is no path (the bundled tree).
    pub(super) origin: Option<String>,
    pub(super) problems: Vec<Problem>,
    pub(super) badges: HashMap<NodeIndex, Severity>,
    /// Where each node can lead, for the walk panel's hints: computed once per change
    /// of the tree, not once per answer per frame.
    pub(super) reach: Reach,
    /// The history revision `problems`, `badges` and `reach` were derived from.
    validated: u64,
    /// The history revision last saved (or opened); unsaved while it differs.
    pub(super) saved: u64,
    /// The file as it was when opened or last saved here, to notice a change on disk
    /// (another window, another program) before overwriting it.
    pub(super) stamp: Option<format::FileStamp>,
    /// For each history revision an edit made: the node selected when it was made and
    /// the one selected after it (a node it created), so undo and redo can select what
    /// they change instead of leaving the user to find it.
    pub(super) selections: HashMap<u64, (Option<NodeIndex>, Option<NodeIndex>)>,
    /// The format version of the file as it was opened, when older than the one this
    /// build writes: the first save says it was migrated.
    pub(super) old_version: Option<u32>,
    /// The day sources' ages are measured to: today, unless a test says otherwise.
    pub(super) today: Date,
    /// How many sources are stale on `today`, counted once per change of the tree.
    pub(super) stale: usize,
}

impl Document {
    pub(super) fn new(tree: Tree, path: Option<PathBuf>) -> Self {
        Self::validated(tree, path, None)
    }

    /// A document whose tree's problems are known already (`Tree::validate` on this
    /// tree, as loading a file gives them): a large tree is not validated twice on
    /// opening.
    pub(super) fn validated(
        tree: Tree,
        path: Option<PathBuf>,
        problems: Option<Vec<Problem>>,
    ) -> Self {
        let mut doc = Self {
            history: History::new(tree),
            path,
            origin: None,
            problems: Vec::new(),
            badges: HashMap::new(),
            reach: Reach::default(),
            validated: 0,
            saved: 0,
            stamp: None,
            selections: HashMap::new(),
            old_version: None,
            today: freshness::today(),
            stale: 0,
        };
        match problems {
            Some(problems) => {
                doc.reach = Reach::new(doc.history.tree());
                doc.problems = problems;
                doc.find_badges();
                doc.count_stale();
            }
            None => doc.derive_all(),
        }
        doc
    }

    pub(super) fn tree(&self) -> &Tree {
        self.history.tree()
    }

    /// Brings what is derived from the tree up to date; called after every change, and
    /// says what the change touched (the canvas lays out again only when it must). A
    /// change to text (typing in a field) is checked on the node it touched alone, and
    /// leaves where each node can lead as it was.
    pub(super) fn revalidate(&mut self) -> Touched {
        let touched = self.history.touched_since(self.validated);
        if touched == Touched::Anything {
            self.derive_all();
            return touched;
        }
        let tree = self.history.tree();
        if !tree.revalidate(&mut self.problems, &touched) {
            self.problems = tree.validate();
        }
        if touched != Touched::Nothing {
            self.find_badges();
            self.count_stale();
        }
        self.validated = self.history.revision();
        touched
    }

    /// Measures sources' ages to another day (tests pick theirs).
    pub(super) fn set_today(&mut self, today: Date) {
        self.today = today;
        self.count_stale();
    }

    fn count_stale(&mut self) {
        self.stale = self.history.tree().stale_source_count(self.today);
    }

    /// Validates the whole tree and works out where each node can lead.
    fn derive_all(&mut self) {
        let tree = self.history.tree();
        self.reach = Reach::new(tree);
        self.problems = tree.validate();
        self.find_badges();
        self.count_stale();
        self.validated = self.history.revision();
    }

    /// The worst problem of each node that has one.
    fn find_badges(&mut self) {
        self.badges.clear();
        for p in &self.problems {
            let Some(index) = p.node_id().and_then(|id| self.history.tree().find(id)) else {
                continue;
            };
            let entry = self.badges.entry(index).or_insert(p.severity);
            *entry = (*entry).min(p.severity);
        }
    }

    /// How many problems are errors, and how many are warnings.
    pub(super) fn problem_counts(&self) -> (usize, usize) {
        let errors = self
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        (errors, self.problems.len() - errors)
    }

    /// What the edit that made the current revision concerned (see `selections`).
    pub(super) fn concerned(&self) -> Option<(Option<NodeIndex>, Option<NodeIndex>)> {
        self.selections.get(&self.history.revision()).copied()
    }

    pub(super) fn dirty(&self) -> bool {
        self.history.revision() != self.saved
    }

    pub(super) fn mark_saved(&mut self) {
        self.saved = self.history.revision();
    }

    /// Marks the tree as not in any file yet (an import): closing asks about it.
    pub(super) fn mark_unsaved(&mut self) {
        self.saved = u64::MAX;
    }

    pub(super) fn file_name(&self) -> String {
        self.path
            .as_deref()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .or_else(|| self.origin.clone())
            .unwrap_or_else(|| "untitled".to_owned())
    }
}
