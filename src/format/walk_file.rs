//! Saved walks: the answers given, by question id and answer label, with the tree they
//! were given in (its title and a fingerprint of its content) and the weights set, as a
//! small JSON file kept beside the tree. Replaying one on a tree that changed since
//! gives every answer that still applies and says which no longer do.

use std::path::Path;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::io::{LoadError, SaveError};
use crate::model::rank::Weights;
use crate::model::{Tree, Walk};

/// What the first field of a walk file says.
pub const WALK_FORMAT: &str = "tradeoff-walk";
pub const WALK_VERSION: u32 = 1;

/// A walk as written in files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WalkFile {
    pub format: String,
    pub version: u32,
    pub tree: TreeStamp,
    /// The answers in walking order.
    pub answers: Vec<SavedAnswer>,
    /// How much each dimension matters, when the user set weights.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub weights: std::collections::BTreeMap<String, f32>,
}

/// Which tree a walk was saved from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TreeStamp {
    pub title: String,
    /// A hash of the tree as saved (see [`fingerprint`]): equal when nothing changed.
    pub fingerprint: String,
}

/// One answer, by the question's id and the answer's label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedAnswer {
    pub question: String,
    pub answer: String,
}

/// Why a walk file could not be read.
#[derive(Debug, Error)]
pub enum WalkFileError {
    #[error(transparent)]
    Read(#[from] LoadError),
    #[error("{path}: line {line}, column {column}: {message}")]
    Syntax {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path} is not a saved walk (its \"format\" is \"{found}\", not \"{WALK_FORMAT}\")")]
    NotAWalk { path: String, found: String },
    #[error(
        "{path} is a saved walk of version {found}; this version of Tradeoff reads version {WALK_VERSION}"
    )]
    Version { path: String, found: u32 },
}

/// A fingerprint of a tree's content: 64-bit FNV-1a of the tree as it would be saved,
/// in hex. It only tells "the same tree" from "changed", so a short, stable hash does.
pub fn fingerprint(tree: &Tree) -> String {
    let text = super::to_json(tree);
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

impl WalkFile {
    /// The walk `walk` of `tree`, with `weights` when the user set any.
    pub fn new(tree: &Tree, walk: &Walk, weights: Option<&Weights>) -> Self {
        let answers = walk
            .trail(tree)
            .into_iter()
            .map(|(q, a)| SavedAnswer {
                question: q.id.clone(),
                answer: a.label.clone(),
            })
            .collect();
        Self {
            format: WALK_FORMAT.to_owned(),
            version: WALK_VERSION,
            tree: TreeStamp {
                title: tree.title.clone(),
                fingerprint: fingerprint(tree),
            },
            answers,
            weights: weights
                .map(|w| w.iter().map(|(d, v)| (d.to_owned(), v)).collect())
                .unwrap_or_default(),
        }
    }

    /// The JSON text, as saved.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Reads a walk file from text; `path` is only for messages.
    pub fn from_str(text: &str, path: &str) -> Result<Self, WalkFileError> {
        #[derive(Deserialize)]
        struct Header {
            format: Option<String>,
            version: Option<u32>,
        }
        let syntax = |e: serde_json::Error| WalkFileError::Syntax {
            path: path.to_owned(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        };
        // The header first, so a tree file or a newer walk gets a clear message rather
        // than "unknown field".
        let header: Header = serde_json::from_str(text).map_err(syntax)?;
        let found = header.format.unwrap_or_default();
        if found != WALK_FORMAT {
            return Err(WalkFileError::NotAWalk {
                path: path.to_owned(),
                found,
            });
        }
        match header.version {
            Some(WALK_VERSION) => {}
            found => {
                return Err(WalkFileError::Version {
                    path: path.to_owned(),
                    found: found.unwrap_or(0),
                });
            }
        }
        serde_json::from_str(text).map_err(syntax)
    }

    /// Reads a walk file from disk, with the same size cap as trees.
    pub fn load(path: &Path) -> Result<Self, WalkFileError> {
        let text = super::read_text(path)?;
        Self::from_str(&text, &path.display().to_string())
    }

    /// Writes the file atomically.
    pub fn save(&self, path: &Path) -> Result<(), SaveError> {
        super::write_atomic(path, self.to_json().as_bytes(), false)
    }

    /// The weights saved, if any.
    pub fn weights(&self) -> Option<Weights> {
        if self.weights.is_empty() {
            return None;
        }
        let mut w = Weights::default();
        for (d, &v) in &self.weights {
            w.set(d.as_str(), v);
        }
        Some(w)
    }

    /// Gives the saved answers again on `tree`: wherever the walk stands at a question
    /// a saved answer is for, that answer is given, in the order saved, until none
    /// applies. What could not be given is listed with why.
    pub fn replay(&self, tree: &Tree) -> Replay {
        let mut walk = Walk::new();
        let mut used = vec![false; self.answers.len()];
        let mut gone = Vec::new();
        while let Some(current) = walk.current(tree) {
            let Some(node) = tree.node(current) else {
                break;
            };
            let next = self
                .answers
                .iter()
                .enumerate()
                .find(|&(i, a)| !used[i] && a.question == node.id);
            let Some((i, saved)) = next else {
                break;
            };
            used[i] = true;
            let edge = tree
                .answers(current)
                .into_iter()
                .find(|a| a.answer.label == saved.answer)
                .map(|a| a.edge);
            match edge.map(|e| walk.choose(tree, e)) {
                Some(Ok(())) => {}
                _ => {
                    gone.push(Skipped {
                        answer: saved.clone(),
                        why: SkipReason::AnswerGone,
                    });
                    break;
                }
            }
        }
        for (saved, _) in self.answers.iter().zip(&used).filter(|(_, u)| !**u) {
            let why = if tree.find(&saved.question).is_some() {
                SkipReason::NotAsked
            } else {
                SkipReason::QuestionGone
            };
            gone.push(Skipped {
                answer: saved.clone(),
                why,
            });
        }
        let changed = self.tree.fingerprint != fingerprint(tree);
        Replay {
            walk,
            skipped: gone,
            changed,
        }
    }
}

/// A saved walk given again on a tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Replay {
    pub walk: Walk,
    /// The saved answers that could not be given, in the order saved.
    pub skipped: Vec<Skipped>,
    /// Whether the tree differs from the one the walk was saved from.
    pub changed: bool,
}

/// A saved answer that no longer applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub answer: SavedAnswer,
    pub why: SkipReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// The question has no answer with that label any more.
    AnswerGone,
    /// The question is no longer in the tree.
    QuestionGone,
    /// The question is there, but the walk no longer reaches it.
    NotAsked,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let SavedAnswer { question, answer } = &self.answer;
        match self.why {
            SkipReason::AnswerGone => {
                write!(f, "{question}: the answer \"{answer}\" no longer exists")
            }
            SkipReason::QuestionGone => {
                write!(
                    f,
                    "{question}: the question no longer exists (answer \"{answer}\")"
                )
            }
            SkipReason::NotAsked => write!(
                f,
                "{question}: no longer asked on this path (answer \"{answer}\")"
            ),
        }
    }
}

impl Replay {
    /// One line for a status bar or a terminal: what was replayed and what was not.
    pub fn summary(&self) -> String {
        let given = self.walk.steps().len();
        let mut text = format!(
            "Replayed {given} answer{}",
            if given == 1 { "" } else { "s" }
        );
        if self.changed {
            text.push_str(" (the tree changed since the walk was saved)");
        }
        if !self.skipped.is_empty() {
            let list: Vec<String> = self.skipped.iter().map(ToString::to_string).collect();
            text.push_str(&format!(
                "; {} no longer apply: {}",
                self.skipped.len(),
                list.join("; ")
            ));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Node;

    /// q1 -(A)-> q2 -(X)-> o1 / -(Y)-> o2; q1 -(B)-> o3.
    fn tree() -> Tree {
        let mut t = Tree::new("T");
        let q1 = t.add_node(Node::question("q1", "First?"));
        let q2 = t.add_node(Node::question("q2", "Second?"));
        let o1 = t.add_node(Node::outcome("o1", "One"));
        let o2 = t.add_node(Node::outcome("o2", "Two"));
        let o3 = t.add_node(Node::outcome("o3", "Three"));
        t.add_answer(q1, q2, "A");
        t.add_answer(q1, o3, "B");
        t.add_answer(q2, o1, "X");
        t.add_answer(q2, o2, "Y");
        t
    }

    fn walked(t: &Tree, labels: &[&str]) -> Walk {
        let mut w = Walk::new();
        for l in labels {
            w.choose_by(t, l).unwrap();
        }
        w
    }

    #[test]
    fn a_saved_walk_reads_back_and_replays_exactly() {
        let t = tree();
        let mut weights = Weights::default();
        weights.set("cost", 2.5);
        let file = WalkFile::new(&t, &walked(&t, &["A", "Y"]), Some(&weights));
        let again = WalkFile::from_str(&file.to_json(), "w.json").unwrap();
        assert_eq!(again, file);
        assert_eq!(again.weights().unwrap().get("cost"), 2.5);
        let replay = again.replay(&t);
        assert_eq!(replay.walk, walked(&t, &["A", "Y"]));
        assert!(replay.skipped.is_empty() && !replay.changed);
        assert_eq!(replay.summary(), "Replayed 2 answers");
    }

    #[test]
    fn a_changed_tree_replays_what_still_matches_and_says_what_does_not() {
        let t = tree();
        let file = WalkFile::new(&t, &walked(&t, &["A", "Y"]), None);
        let mut changed = t.clone();
        let q2 = changed.find("q2").unwrap();
        let y = changed.answers(q2)[1].edge;
        changed.answer_mut(y).unwrap().label = "Why".into();
        let replay = file.replay(&changed);
        assert!(replay.changed);
        assert_eq!(replay.walk, walked(&changed, &["A"]));
        assert_eq!(replay.skipped.len(), 1);
        assert_eq!(replay.skipped[0].why, SkipReason::AnswerGone);
        assert_eq!(
            replay.summary(),
            "Replayed 1 answer (the tree changed since the walk was saved); 1 no longer apply: q2: the answer \"Y\" no longer exists"
        );
        // A question taken out of the path, and one taken out of the tree.
        let mut rerouted = t.clone();
        let q1 = rerouted.find("q1").unwrap();
        let a = rerouted.answers(q1)[0].edge;
        let o3 = rerouted.find("o3").unwrap();
        rerouted.retarget(a, o3);
        let replay = file.replay(&rerouted);
        assert_eq!(replay.walk.steps().len(), 1);
        assert_eq!(replay.skipped[0].why, SkipReason::NotAsked);
        let mut gone = rerouted.clone();
        if let Some(n) = gone.find("q2") {
            gone.remove_node(n);
        }
        assert_eq!(file.replay(&gone).skipped[0].why, SkipReason::QuestionGone);
    }

    #[test]
    fn files_that_are_not_walks_say_so() {
        let tree_text = crate::format::to_json(&tree());
        let err = WalkFile::from_str(&tree_text, "t.json").unwrap_err();
        assert!(err.to_string().contains("is not a saved walk"), "{err}");
        let newer = r#"{"format": "tradeoff-walk", "version": 9, "tree": {}, "answers": []}"#;
        let err = WalkFile::from_str(newer, "w.json").unwrap_err();
        assert!(err.to_string().contains("version 9"), "{err}");
        let broken = "{\"format\": \"tradeoff-walk\",\n \"version\": 1, \"answers\": [}";
        let err = WalkFile::from_str(broken, "w.json").unwrap_err();
        assert!(err.to_string().starts_with("w.json: line 2"), "{err}");
    }
}
