//! Copy, cut and paste of subtrees, the labels new answers are given, and what is
//! selected after a change, an undo or a redo.

use super::*;

impl App {
    /// Puts the selected node's subtree on the clipboard (and its JSON on the system
    /// clipboard, for pasting into a text editor). Returns the node copied.
    pub(super) fn copy_selected(&mut self, ctx: &egui::Context) -> Option<NodeIndex> {
        let node = self
            .selection()
            .filter(|&n| self.doc.tree().node(n).is_some_and(|x| !x.is_missing()))?;
        let fragment = self.doc.tree().fragment(node);
        let count = fragment.nodes.len();
        // The system clipboard gets the subtree as a tree file; besides being pasteable
        // into an editor, it is what makes Ctrl+V reach the app on every platform.
        ctx.copy_text(format::to_json(&fragment.to_tree("Copied subtree")));
        self.session.clipboard = Some(fragment);
        self.notice = format!("Copied {count} node{}", if count == 1 { "" } else { "s" });
        Some(node)
    }

    /// Pastes the clipboard: as a new answer of the selected question (its label asked
    /// for), or as a loose part when no question is selected.
    pub(super) fn paste(&mut self) {
        if self.session.clipboard.is_none() {
            self.notice = "Nothing to paste: copy a node first".to_owned();
            return;
        }
        match self
            .selection()
            .filter(|&n| self.doc.tree().node(n).is_some_and(|x| x.is_question()))
        {
            Some(question) => {
                self.dialogs.modal = Some(Modal::AskLabel {
                    purpose: LabelFor::Paste { question },
                    text: String::new(),
                });
            }
            None => self.finish_label(
                LabelFor::Paste {
                    question: NodeIndex::end(),
                },
                "",
            ),
        }
    }

    /// Carries out an add, link or paste once its answer label is known.
    pub(super) fn finish_label(&mut self, purpose: LabelFor, label: &str) {
        let mut created = None;
        match purpose {
            LabelFor::Child { question, outcome } => {
                let what = if outcome {
                    "add outcome"
                } else {
                    "add question"
                };
                self.edit_named(what, |t| {
                    created = Some(t.add_child(question, outcome, label));
                })
            }
            LabelFor::Link { question, target } => self.edit_named("link answer", |t| {
                t.add_answer(question, target, label);
            }),
            LabelFor::Paste { question } => {
                let Some(fragment) = self.session.clipboard.clone() else {
                    return;
                };
                let parent = (question != NodeIndex::end()).then_some((question, label));
                self.edit_named("paste", |t| created = t.paste(&fragment, parent));
            }
        }
        self.select_made(created);
    }

    /// Why an answer label cannot be used yet, or `None` when it can: it is empty, or
    /// the question already has an answer with that label (the tree would not be valid).
    pub(super) fn label_refusal(&self, purpose: LabelFor, text: &str) -> Option<String> {
        let label = text.trim();
        if label.is_empty() {
            return Some("Type the answer to add it.".to_owned());
        }
        let (LabelFor::Child { question, .. }
        | LabelFor::Link { question, .. }
        | LabelFor::Paste { question }) = purpose;
        let label = label.to_lowercase();
        self.doc
            .tree()
            .answers(question)
            .iter()
            .find(|a| a.answer.label.trim().to_lowercase() == label)
            .map(|a| {
                format!(
                    "This question already has the answer \"{}\".",
                    a.answer.label
                )
            })
    }

    /// Selects the node an edit just made (when it made one) and brings it into view:
    /// a new node may land outside the view. Redo selects it again.
    pub(super) fn select_made(&mut self, node: Option<NodeIndex>) {
        if node.is_some() {
            self.set_selection(node);
            self.stage.follow_node = node;
        }
        let selected = self.selection();
        if let Some(s) = self.doc.selections.get_mut(&self.doc.history.revision()) {
            s.1 = selected;
        }
    }

    /// After an undo or redo: selects the first of `nodes` still in the tree, and shows it.
    pub(super) fn reselect(&mut self, nodes: [Option<NodeIndex>; 2]) {
        let Some(node) = nodes
            .into_iter()
            .flatten()
            .find(|&n| self.doc.tree().node(n).is_some())
        else {
            return;
        };
        self.set_selection(Some(node));
        self.stage.anchor = Some(node);
        self.stage.follow_node = Some(node);
        self.stage.restyle = true;
    }
}
