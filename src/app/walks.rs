//! Saved walks in the app: saving the walk (with the weights) beside the tree, opening
//! one to continue it, and adding saved walks to Compare to see them side by side. A
//! walk saved from a tree that changed since is replayed as far as it still applies,
//! and the status bar says which answers no longer do.

use std::path::{Path, PathBuf};

use super::dialogs::{Modal, PathFor};
use super::files::Chosen;
use super::{App, slug};
use crate::format::walk_file::{Replay, WalkFile};
use crate::model::Walk;

/// A saved walk shown in Compare beside the others.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedWalk {
    /// The file's name, without ".json" or ".walk.json".
    pub name: String,
    pub walk: Walk,
    /// How many saved answers no longer apply to the open tree.
    pub skipped: usize,
}

/// The name a saved walk goes by: its file name without the extensions it was given.
fn walk_name(path: &Path) -> String {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let name = name.strip_suffix(".json").unwrap_or(&name);
    name.strip_suffix(".walk").unwrap_or(name).to_owned()
}

impl App {
    /// File ▸ Save walk…: asks where, suggesting a name beside the tree.
    pub(super) fn save_walk(&mut self) {
        let name = format!("{}.walk.json", slug(&self.doc.tree().title));
        if let Some(p) = self.ask_save_path(&name, PathFor::SaveWalk) {
            self.save_walk_to(&p);
        }
    }

    /// Writes the walk and the weights set to `path`; says where, or why not.
    pub(super) fn save_walk_to(&mut self, path: &Path) -> bool {
        let tree = self.doc.tree();
        let weights = self.session.weighing.weights.as_ref();
        let file = WalkFile::new(tree, &self.session.walk, weights);
        match file.save(path) {
            Ok(()) => {
                let n = file.answers.len();
                self.notice = format!(
                    "Walk saved ({n} answer{}) to {}",
                    super::plural(n),
                    path.display()
                );
                true
            }
            Err(e) => {
                self.dialogs.modal = Some(Modal::Error {
                    title: "Could not save the walk".to_owned(),
                    message: e.to_string(),
                    repair: None,
                });
                false
            }
        }
    }

    /// Asks for a saved walk, to continue it (`compare` false) or to add it to Compare.
    pub(super) fn pick_walk(&mut self, compare: bool) {
        let purpose = if compare {
            PathFor::CompareWalk
        } else {
            PathFor::OpenWalk
        };
        match self.chooser.pick_open() {
            Chosen::Path(p) if compare => self.compare_walk(&p),
            Chosen::Path(p) => self.open_walk(&p),
            Chosen::Cancelled => {}
            Chosen::Unavailable(why) => {
                self.dialogs.modal = Some(Modal::PathPrompt {
                    purpose,
                    why,
                    text: String::new(),
                    error: None,
                });
            }
        }
    }

    /// Reads and replays a saved walk on the open tree; an error is shown and changes
    /// nothing.
    fn replay_walk(&mut self, path: &Path) -> Option<(WalkFile, Replay)> {
        match WalkFile::load(path) {
            Ok(file) => {
                let replay = file.replay(self.doc.tree());
                Some((file, replay))
            }
            Err(e) => {
                self.dialogs.modal = Some(Modal::Error {
                    title: "Could not open the walk".to_owned(),
                    message: e.to_string(),
                    repair: None,
                });
                None
            }
        }
    }

    /// Continues a saved walk: the walk becomes it (Previous walk goes back), its
    /// weights are set, and the status bar says what no longer applied.
    pub(super) fn open_walk(&mut self, path: &Path) {
        let Some((file, replay)) = self.replay_walk(path) else {
            return;
        };
        let mut notice = replay.summary();
        if file.tree.title != self.doc.tree().title {
            notice = format!("This walk was saved from \"{}\". {notice}", file.tree.title);
        }
        if let Some(weights) = file.weights() {
            let saved = super::weigh::to_saved(&weights);
            let title = self.doc.tree().title.clone();
            self.settings.weights.insert(title, saved);
            self.session.weighing.weights = Some(weights);
        }
        self.session.walk_history.record(&self.session.walk);
        self.session.walk = replay.walk;
        self.session.rewound = None;
        self.stage.restyle = true;
        self.stage.follow_pending = true;
        self.notice = notice;
    }

    /// Adds a saved walk to Compare, beside the walk on screen and any added before.
    pub(super) fn compare_walk(&mut self, path: &Path) {
        let Some((_, replay)) = self.replay_walk(path) else {
            return;
        };
        let summary = replay.summary();
        let saved = SavedWalk {
            name: walk_name(path),
            walk: replay.walk,
            skipped: replay.skipped.len(),
        };
        self.notice = format!("Comparing the walk \"{}\": {summary}", saved.name);
        let walks = &mut self.session.saved_walks;
        // The same file added again replaces what it showed.
        walks.retain(|w| w.name != saved.name);
        walks.push(saved);
        self.settings.show_compare = true;
    }

    /// The walk file given on the command line, once the tree is open.
    pub(super) fn open_walk_at_start(&mut self, path: Option<PathBuf>) {
        if let Some(p) = path {
            self.open_walk(&p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_walk_is_named_by_its_file() {
        assert_eq!(walk_name(Path::new("/x/eks.walk.json")), "eks");
        assert_eq!(walk_name(Path::new("team-a.json")), "team-a");
        assert_eq!(walk_name(Path::new("plain")), "plain");
    }
}
