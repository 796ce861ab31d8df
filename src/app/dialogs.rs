//! The dialogs that hold the window until they are answered, and what they are for.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::commands::{self, Command};
use super::recovery;
use crate::model::{Node, NodeIndex};
use crate::view::palette;

/// A dialog that holds the window until it is answered.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Modal {
    /// Unsaved changes; `then` runs after Save or Discard.
    Unsaved {
        then: Command,
    },
    Error {
        title: String,
        message: String,
        /// A file with validation errors can still be opened to fix them.
        repair: Option<PathBuf>,
    },
    /// No file dialog could open; the user types a path.
    PathPrompt {
        purpose: PathFor,
        why: String,
        text: String,
        /// Why the last try with this path failed, shown so it can be corrected.
        error: Option<String>,
    },
    Shortcuts,
    About,
    /// The sources to look at again (see `advice.rs`).
    Sources,
    /// The label of a new answer, asked at once when adding or linking a node.
    AskLabel {
        purpose: LabelFor,
        text: String,
    },
    /// Delete with the subtree, or keep the subtree loose?
    Delete {
        node: NodeIndex,
    },
    /// Work left by an app that did not close normally.
    Restore {
        found: recovery::Found,
    },
    /// The file was changed on disk since it was opened or saved here: overwrite it,
    /// save elsewhere, or reload it?
    ChangedOnDisk {
        path: PathBuf,
    },
}

/// What a typed path is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PathFor {
    Open,
    Save,
    /// A file to compare the open tree with.
    Compare,
    /// Where to save the walk, which walk to open, which to add to Compare.
    SaveWalk,
    OpenWalk,
    CompareWalk,
    /// Where to write an export, and which graph to import.
    Export(crate::format::export::ExportFormat),
    Import,
}

impl PathFor {
    fn heading(self) -> &'static str {
        match self {
            PathFor::Open => "Open a tree",
            PathFor::Save => "Save as",
            PathFor::Compare => "Compare with a file",
            PathFor::SaveWalk => "Save the walk",
            PathFor::OpenWalk => "Open a saved walk",
            PathFor::CompareWalk => "Compare a saved walk",
            PathFor::Export(_) => "Export",
            PathFor::Import => "Import a Mermaid or DOT file",
        }
    }

    fn button(self) -> &'static str {
        match self {
            PathFor::Open | PathFor::OpenWalk => "Open",
            PathFor::Save | PathFor::SaveWalk => "Save",
            PathFor::Compare | PathFor::CompareWalk => "Compare",
            PathFor::Export(_) => "Export",
            PathFor::Import => "Import",
        }
    }
}

/// What an asked-for answer label is for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum LabelFor {
    Child {
        question: NodeIndex,
        outcome: bool,
    },
    Link {
        question: NodeIndex,
        target: NodeIndex,
    },
    Paste {
        question: NodeIndex,
    },
}

impl super::App {
    pub(super) fn modals(&mut self, ctx: &egui::Context) {
        let Some(modal) = self.dialogs.modal.clone() else {
            return;
        };
        let shown = modal.clone();
        let response = egui::Modal::new(egui::Id::new("tradeoff-modal")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            match modal {
                Modal::Unsaved { then } => self.unsaved_dialog(ui, then),
                Modal::ChangedOnDisk { path } => self.changed_on_disk_dialog(ui, path),
                Modal::Error {
                    title,
                    message,
                    repair,
                } => self.error_dialog(ui, title, message, repair),
                Modal::AskLabel { purpose, text } => self.ask_label_dialog(ui, purpose, text),
                Modal::Delete { node } => self.delete_dialog(ui, node),
                Modal::Restore { found } => self.restore_dialog(ui, found),
                Modal::PathPrompt {
                    purpose,
                    why,
                    text,
                    error,
                } => self.path_dialog(ui, purpose, why, text, error),
                Modal::Shortcuts => self.shortcuts_dialog(ui),
                Modal::About => self.about_dialog(ui),
                Modal::Sources => self.sources_dialog(ui),
            }
        });
        let close = response.inner || response.should_close();
        // A button that opened another dialog (a failed save shows an error) keeps it.
        if close && self.dialogs.modal.as_ref() == Some(&shown) {
            if matches!(
                shown,
                Modal::PathPrompt {
                    purpose: PathFor::Save,
                    ..
                }
            ) {
                // A save that was given up on: what was to follow it must not run
                // after some later save.
                self.dialogs.after_save = None;
            }
            self.dialogs.modal = None;
        }
    }

    /// Unsaved changes before the tree is replaced or the app closes: save, discard or cancel.
    fn unsaved_dialog(&mut self, ui: &mut Ui, then: Command) -> bool {
        let mut close = false;
        ui.heading("Save changes?");
        ui.label(format!(
            "\"{}\" has changes that are not saved.",
            self.doc.tree().title
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                close = true;
                match self.doc.path.clone() {
                    Some(p) => {
                        if self.save_to(&p) {
                            self.commands.push(then.clone());
                        } else if matches!(self.dialogs.modal, Some(Modal::ChangedOnDisk { .. })) {
                            // Goes on once the user has chosen how to save.
                            self.dialogs.after_save = Some(then.clone());
                        }
                    }
                    // Save As first; the command goes on once it has saved.
                    None => {
                        self.dialogs.after_save = Some(then.clone());
                        self.commands.push(Command::SaveAs);
                    }
                }
            }
            if ui.button("Discard").clicked() {
                close = true;
                self.dialogs.discard_ok = true;
                self.commands.push(then.clone());
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
        close
    }

    /// The file changed on disk since it was opened or saved here.
    fn changed_on_disk_dialog(&mut self, ui: &mut Ui, path: PathBuf) -> bool {
        let mut close = false;
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        ui.heading("The file changed on disk");
        ui.label(format!(
            "{name} was changed since you opened it here, by another window or another program. Saving now would replace those changes with yours."
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui
                .button("Overwrite")
                .on_hover_text("Save your version over theirs")
                .clicked()
            {
                close = true;
                self.dialogs.overwrite_ok = true;
                self.commands.push(Command::SaveTo(path.clone()));
            }
            if ui
                .button("Save elsewhere…")
                .on_hover_text("Keep both: save yours under another name")
                .clicked()
            {
                close = true;
                self.commands.push(Command::SaveAs);
            }
            if ui
                .button("Reload")
                .on_hover_text("Open the file as it is now; your changes are lost")
                .clicked()
            {
                close = true;
                self.dialogs.after_save = None;
                self.dialogs.discard_ok = true;
                self.commands.push(Command::OpenPath(path.clone()));
            }
            if ui.button("Cancel").clicked() {
                close = true;
                self.dialogs.after_save = None;
            }
        });
        close
    }

    /// What went wrong, with "Open to repair" for a file that has only validation errors.
    fn error_dialog(
        &mut self,
        ui: &mut Ui,
        title: String,
        message: String,
        repair: Option<PathBuf>,
    ) -> bool {
        let mut close = false;
        ui.heading(title);
        ui.add_space(4.0);
        egui::ScrollArea::vertical()
            .max_height(320.0)
            .show(ui, |ui| {
                ui.label(RichText::new(message).monospace());
            });
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("OK").clicked() {
                close = true;
            }
            if let Some(path) = repair
                && ui
                    .button("Open to repair")
                    .on_hover_text("Open it in the editor with its problems listed")
                    .clicked()
            {
                close = true;
                self.commands.push(Command::OpenForRepair(path));
            }
        });
        close
    }

    /// The label of a new answer (adding, linking, pasting), refused while empty or taken.
    fn ask_label_dialog(&mut self, ui: &mut Ui, purpose: LabelFor, mut text: String) -> bool {
        let mut close = false;
        let heading = ui.heading("Answer label");
        ui.label("What does the user click to get there?");
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .desired_width(360.0)
                    .hint_text("the answer, e.g. \"Yes, under 15 minutes\""),
            )
            .labelled_by(heading.id);
        let enter = enter_in(ui, &edit);
        keep_focus(ui, &edit);
        let refusal = self.label_refusal(purpose, &text);
        match &refusal {
            Some(why) if text.trim().is_empty() => ui.weak(why),
            Some(why) => ui.colored_label(palette::ERROR, why),
            None => ui.weak("Enter adds it."),
        };
        ui.horizontal(|ui| {
            let add = ui
                .add_enabled(refusal.is_none(), egui::Button::new("Add"))
                .clicked();
            if ui.button("Cancel").clicked() {
                close = true;
            } else if (add || enter) && refusal.is_none() {
                close = true;
                self.finish_label(purpose, text.trim());
            }
        });
        if !close {
            self.dialogs.modal = Some(Modal::AskLabel { purpose, text });
        }
        close
    }

    /// Delete a node with what only it leads to, or keep that loose.
    fn delete_dialog(&mut self, ui: &mut Ui, node: NodeIndex) -> bool {
        let mut close = false;
        let tree = self.doc.tree();
        let name = tree.node(node).map_or("", Node::label).to_owned();
        let below = tree.exclusive_subtree(node).len().saturating_sub(1);
        ui.heading("Delete node");
        ui.label(format!(
            "\"{name}\" leads to {below} node{} that nothing else leads to.",
            if below == 1 { "" } else { "s" }
        ));
        ui.horizontal(|ui| {
            if ui.button("Delete with subtree").clicked() {
                close = true;
                self.commands
                    .push(Command::Delete(node, crate::model::DeleteMode::WithSubtree));
            }
            if ui
                .button("Keep subtree loose")
                .on_hover_text("Its answers' nodes stay, as a loose part to attach again")
                .clicked()
            {
                close = true;
                self.commands.push(Command::Delete(
                    node,
                    crate::model::DeleteMode::KeepChildren,
                ));
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
        close
    }

    /// Work left by an app that did not close normally.
    fn restore_dialog(&mut self, ui: &mut Ui, found: recovery::Found) -> bool {
        let mut close = false;
        ui.heading("Restore unsaved work?");
        let from = found.original.as_ref().map_or_else(
            || "a tree that was never saved".to_owned(),
            |p| p.display().to_string(),
        );
        ui.label(format!(
            "Tradeoff did not close normally while \"{}\" ({from}) had unsaved changes.",
            found.title
        ));
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                close = true;
                self.commands.push(Command::Restore(found.path.clone()));
            }
            if ui.button("Discard").clicked() {
                close = true;
                self.commands
                    .push(Command::DiscardRecovery(found.path.clone()));
            }
        });
        close
    }

    /// Does what the typed path was asked for; true when a file was written.
    fn use_typed_path(&mut self, purpose: PathFor, path: &std::path::Path) -> bool {
        match purpose {
            PathFor::Save => return self.save_to(path),
            PathFor::SaveWalk => return self.save_walk_to(path),
            PathFor::Export(format) => return self.export_to(format, path),
            PathFor::Open => self.open_path(path),
            PathFor::Compare => self.compare_with(path),
            PathFor::OpenWalk => self.open_walk(path),
            PathFor::CompareWalk => self.compare_walk(path),
            PathFor::Import => self.import_path(path),
        }
        false
    }

    /// A typed path, when no file dialog is available.
    fn path_dialog(
        &mut self,
        ui: &mut Ui,
        purpose: PathFor,
        why: String,
        mut text: String,
        mut error: Option<String>,
    ) -> bool {
        let mut close = false;
        let folder = super::files::typed_path_folder(self.doc.path.as_deref());
        ui.heading(purpose.heading());
        ui.label(format!("No file dialog is available: {why}."));
        let prompt = ui.label("Type the file's path instead:");
        let example = folder
            .as_deref()
            .unwrap_or(std::path::Path::new("/path/to"))
            .join("tree.json");
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .desired_width(460.0)
                    .hint_text(example.display().to_string()),
            )
            .labelled_by(prompt.id);
        let enter = enter_in(ui, &edit);
        keep_focus(ui, &edit);
        if edit.changed() {
            // The error was about the path as it was.
            error = None;
        }
        match &folder {
            Some(f) => ui.weak(format!("A relative path is taken from {}", f.display())),
            None => ui.weak("The current folder is unknown: type a full path."),
        };
        if let Some(e) = &error {
            ui.colored_label(palette::ERROR, e);
        }
        ui.horizontal(|ui| {
            let typed = !text.trim().is_empty();
            let go = ui
                .add_enabled(typed, egui::Button::new(purpose.button()))
                .clicked();
            if ui.button("Cancel").clicked() {
                close = true;
            } else if (go || enter) && typed {
                let path = super::files::resolve_typed(text.trim(), folder.as_deref());
                // Called here rather than through a command, so a failure can be
                // shown in this dialog with the path still in it to correct.
                let saved = self.use_typed_path(purpose, &path);
                match self.dialogs.modal.take() {
                    // "Open to repair" is more use than the path again.
                    Some(Modal::Error {
                        title,
                        message,
                        repair: None,
                    }) if !saved => {
                        error = Some(format!("{title}: {message}"));
                    }
                    other => {
                        self.dialogs.modal = other;
                        close = true;
                    }
                }
            }
        });
        if !close {
            self.dialogs.modal = Some(Modal::PathPrompt {
                purpose,
                why,
                text,
                error,
            });
        }
        close
    }

    /// Every keyboard shortcut, from the command list.
    fn shortcuts_dialog(&mut self, ui: &mut Ui) -> bool {
        let mut close = false;
        ui.heading("Keyboard shortcuts");
        egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
            for (keys, what) in commands::shortcut_list(ui.ctx()) {
                ui.label(RichText::new(keys).monospace());
                ui.label(what);
                ui.end_row();
            }
        });
        if ui.button("Close").clicked() {
            close = true;
        }
        close
    }

    /// Version and description.
    fn about_dialog(&mut self, ui: &mut Ui) -> bool {
        let mut close = false;
        ui.heading(format!("Tradeoff {}", env!("CARGO_PKG_VERSION")));
        ui.label(env!("CARGO_PKG_DESCRIPTION"));
        ui.label(
            "Decision trees you can see and walk, with the notes and sources behind every answer.",
        );
        if ui.button("Close").clicked() {
            close = true;
        }
        close
    }
}

/// Enter in a dialog's text field confirms it. Checked before `keep_focus`: a
/// single-line field gives up its focus on Enter.
fn enter_in(ui: &Ui, edit: &egui::Response) -> bool {
    (edit.has_focus() || edit.lost_focus()) && ui.input(|i| i.key_pressed(egui::Key::Enter))
}

/// Keeps a dialog's text field ready to type in: focused when it opens (even if a
/// widget behind the dialog had the focus) and again after Enter, unless the user
/// moved to one of the dialog's buttons.
fn keep_focus(ui: &Ui, edit: &egui::Response) {
    let focused = ui.memory(|m| m.focused());
    let in_dialog = focused
        .and_then(|id| ui.ctx().read_response(id))
        .is_some_and(|r| r.layer_id == edit.layer_id);
    if !edit.has_focus() && !in_dialog {
        edit.request_focus();
    }
}
