//! The panels around the graph: menus, the walk, notes, comparison, status, dialogs.
//! Each one only reads the app and pushes `Command`s.

use egui::{Color32, RichText, Ui};

use super::commands::{self, Command};
use super::{App, Modal};
use crate::model::{Node, NodeKind, Tree, is_web_link};
use crate::view::{dimension_color, palette};

/// Levels are shown as five marks.
fn level_marks(level: u8) -> String {
    let l = usize::from(level.min(5));
    format!("{}{}", "●".repeat(l), "○".repeat(5 - l))
}

fn chip(ui: &mut Ui, text: &str, color: Color32) {
    egui::Frame::new()
        .fill(color)
        .corner_radius(3.0)
        .inner_margin(egui::Margin::symmetric(6, 2))
        .show(ui, |ui| {
            ui.label(
                RichText::new(text.to_uppercase())
                    .small()
                    .strong()
                    .color(Color32::WHITE),
            );
        });
}

impl App {
    /// A menu entry made from the command's name, shortcut, tooltip, availability and,
    /// for toggles, whether it is on.
    fn menu_entry(&mut self, ui: &mut Ui, command: Command, state: &commands::State) {
        let mut button = match command.checked(state) {
            Some(on) => egui::Button::selectable(on, command.text()),
            None => egui::Button::new(command.text()),
        };
        if let Some(s) = command.shortcut() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&s));
        }
        let response = ui
            .add_enabled(command.available(state), button)
            .on_hover_text(command.tooltip());
        if response.clicked() {
            self.commands.push(command);
            ui.close();
        }
    }

    /// File ▸ Open Recent, the one menu made from settings rather than commands.
    fn recent_menu(&mut self, ui: &mut Ui) {
        ui.menu_button("Open Recent", |ui| {
            if self.settings.recent.is_empty() {
                ui.weak("No recent files");
            }
            for path in self.settings.recent.clone() {
                if ui.button(path.display().to_string()).clicked() {
                    self.commands.push(Command::OpenPath(path));
                    ui.close();
                }
            }
        });
    }

    /// The menu bar, made from `Command::catalog` in its order, a line between groups.
    pub(super) fn menu_bar(&mut self, ui: &mut Ui) {
        let state = self.command_state();
        let catalog = Command::catalog();
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                for menu in commands::Menu::ALL {
                    ui.menu_button(menu.name(), |ui| {
                        let mut group = None;
                        for command in &catalog {
                            let Some((m, g)) = command.menu() else {
                                continue;
                            };
                            if m != menu {
                                continue;
                            }
                            if group.is_some_and(|last| last != g) {
                                ui.separator();
                            }
                            group = Some(g);
                            self.menu_entry(ui, command.clone(), &state);
                            if *command == Command::Open {
                                self.recent_menu(ui);
                            }
                        }
                    });
                }
            });
        });
    }

    pub(super) fn status_bar(&mut self, ui: &mut Ui) {
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                let (errors, warnings) = self.doc.problem_counts();
                if errors + warnings == 0 {
                    ui.label(RichText::new("✔ Valid tree").color(palette::OUTCOME));
                } else {
                    let text = format!(
                        "{errors} error{}, {warnings} warning{}",
                        if errors == 1 { "" } else { "s" },
                        if warnings == 1 { "" } else { "s" }
                    );
                    let color = if errors > 0 {
                        palette::ERROR
                    } else {
                        palette::WARNING
                    };
                    ui.label(RichText::new(text).color(color)).on_hover_text(
                        self.doc
                            .problems
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join("\n"),
                    );
                }
                ui.separator();
                let nodes = self.doc.tree().node_count();
                ui.label(format!("{nodes} node{}", super::plural(nodes)));
                ui.separator();
                self.zoom_controls(ui);
                if !self.notice.is_empty() {
                    ui.separator();
                    ui.label(&self.notice);
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let file = self.doc.path.as_ref().map_or_else(
                        || "bundled / unsaved tree".to_owned(),
                        |p| p.display().to_string(),
                    );
                    ui.weak(file);
                });
            });
        });
    }

    /// Zoom out, the zoom (click for 100%), zoom in, fit.
    fn zoom_controls(&mut self, ui: &mut Ui) {
        let spacing = ui.spacing().item_spacing.x;
        ui.spacing_mut().item_spacing.x = 2.0;
        let ctx = ui.ctx().clone();
        let hint = |command: &Command| {
            let keys = command
                .shortcut()
                .map(|s| format!(" ({})", ctx.format_shortcut(&s)))
                .unwrap_or_default();
            format!("{}{keys}", command.text())
        };
        let buttons = [
            ("−".to_owned(), Command::ZoomOut),
            (format!("{:.0}%", self.zoom * 100.0), Command::ZoomReset),
            ("+".to_owned(), Command::ZoomIn),
            // Not plain "Fit": the View menu and Help already say that.
            ("Fit tree".to_owned(), Command::Fit),
        ];
        for (text, command) in buttons {
            let tip = hint(&command);
            if ui.small_button(text).on_hover_text(tip).clicked() {
                self.commands.push(command);
            }
        }
        ui.spacing_mut().item_spacing.x = spacing;
    }

    pub(super) fn walk_panel(&mut self, ui: &mut Ui) {
        egui::Panel::left("walk").resizable(true).default_size(340.0).min_size(240.0).show(ui, |ui| {
            egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
                ui.add_space(6.0);
                ui.weak(&self.doc.tree().title);
                ui.add_space(4.0);
                let tree = self.doc.tree();
                let Some(current) = self.walk.current(tree) else {
                    ui.label("This tree has no start question. See the problems in the status bar.");
                    return;
                };
                let node = tree.graph()[current].clone();
                match &node.kind {
                    NodeKind::Question(q) => {
                        if let Some(dim) = &q.dimension {
                            let name = tree.dimensions.iter().find(|d| &d.id == dim).map_or(dim.as_str(), |d| d.name.as_str());
                            chip(ui, name, dimension_color(tree, Some(dim)));
                        }
                        ui.label(RichText::new(&q.prompt).size(21.0).strong());
                        if !q.help.is_empty() {
                            ui.label(RichText::new(&q.help).weak());
                        }
                        ui.add_space(8.0);
                        let options = self.doc.reach.what_if(tree, &self.walk);
                        if options.is_empty() {
                            ui.colored_label(palette::ERROR, "This question has no answers yet, so the walk stops here.");
                        }
                        // A question may have thousands of answers: past a screenful they
                        // go in a scroll area that lays out only the rows in view.
                        let mut row = |ui: &mut Ui, i: usize| {
                            let (answer, outcomes) = &options[i];
                            let target = &tree.graph()[answer.to];
                            ui.horizontal(|ui| {
                                ui.label(RichText::new(format!("{}", i + 1)).monospace().weak());
                                let button = egui::Button::new(RichText::new(&answer.answer.label).size(15.0)).min_size(egui::vec2(200.0, 28.0));
                                let enabled = !target.is_missing();
                                let mut response = ui.add_enabled(enabled, button);
                                if !answer.answer.note.is_empty() {
                                    response = response.on_hover_text(&answer.answer.note);
                                }
                                if i == 0 && std::mem::take(&mut self.focus_answers) {
                                    response.request_focus();
                                    response.scroll_to_me(None);
                                }
                                if response.clicked() {
                                    self.commands.push(Command::ChooseAnswer(answer.edge));
                                }
                            });
                            let hint = if target.is_missing() {
                                format!("leads to \"{}\", which does not exist", target.id)
                            } else {
                                outcome_hint(tree, *outcomes)
                            };
                            ui.horizontal(|ui| {
                                ui.add_space(18.0);
                                ui.add(egui::Label::new(RichText::new(hint).small().weak()).truncate());
                            });
                            ui.add_space(3.0);
                        };
                        if options.len() <= MANY_ANSWERS {
                            for i in 0..options.len() {
                                row(ui, i);
                            }
                        } else {
                            ui.weak(format!("{} answers", options.len()));
                            let height = 28.0 + 14.0 + 3.0 + 2.0 * ui.spacing().item_spacing.y;
                            egui::ScrollArea::vertical().id_salt("answers").max_height(520.0).show_rows(
                                ui,
                                height,
                                options.len(),
                                |ui, rows| rows.for_each(|i| row(ui, i)),
                            );
                        }
                    }
                    NodeKind::Outcome(o) => {
                        ui.label(RichText::new("RECOMMENDATION").small().strong().color(palette::OUTCOME));
                        ui.label(RichText::new(&o.title).size(22.0).strong());
                        if !o.summary.is_empty() {
                            ui.label(&o.summary);
                        }
                        ui.add_space(6.0);
                        profile_grid(ui, tree, o);
                        ui.add_space(6.0);
                        ui.label(RichText::new("Why, and what it rules out").strong());
                        super::markdown::show(ui, &mut self.markdown, &node.notes);
                        sources(ui, &node);
                    }
                    NodeKind::Missing => {
                        ui.colored_label(palette::ERROR, format!("The walk reached \"{}\", which does not exist.", node.id));
                    }
                }

                ui.add_space(10.0);
                ui.separator();
                ui.horizontal(|ui| {
                    let at_start = self.walk.steps().is_empty();
                    if ui.add_enabled(!at_start, egui::Button::new("⏴ Back")).on_hover_text("Backspace").clicked() {
                        self.commands.push(Command::Back);
                    }
                    if ui.add_enabled(!at_start, egui::Button::new("⟲ Restart")).on_hover_text("Home").clicked() {
                        self.commands.push(Command::Restart);
                    }
                });
                if !self.walk.steps().is_empty() {
                    ui.add_space(4.0);
                    ui.label(RichText::new("Your answers (click one to change it)").small().strong());
                    for (k, (q, a)) in self.walk.trail(tree).into_iter().enumerate() {
                        let text = format!("{}. {} — {}", k + 1, q.label(), a.label);
                        if ui.add(egui::Button::new(RichText::new(text).small()).wrap()).on_hover_text("Change this answer").clicked() {
                            self.commands.push(Command::Rewind(k));
                        }
                    }
                }
            });
        });
    }

    pub(super) fn notes_panel(&mut self, ui: &mut Ui) {
        egui::Panel::right("notes")
            .resizable(true)
            .default_size(340.0)
            .min_size(220.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        let tree = self.doc.tree();
                        // The walk panel already shows an outcome reached; then this
                        // panel gives the tree's overview unless a node is selected.
                        let shown = self.selected.or_else(|| {
                            self.walk
                                .current(tree)
                                .filter(|&c| !tree.graph()[c].is_outcome())
                        });
                        let Some(index) = shown else {
                            tree_overview(ui, tree, &mut self.markdown);
                            return;
                        };
                        let Some(node) = tree.node(index).cloned() else {
                            return;
                        };
                        ui.add_space(6.0);
                        let kind = match node.kind {
                            NodeKind::Question(_) => "Question",
                            NodeKind::Outcome(_) => "Outcome",
                            NodeKind::Missing => "Missing node",
                        };
                        ui.horizontal(|ui| {
                            ui.weak(format!("{kind} · {}", node.id));
                            if self.selected.is_some() && ui.small_button("Show current").clicked()
                            {
                                self.commands.push(Command::Select(None));
                            }
                        });
                        ui.label(RichText::new(node.label()).size(17.0).strong());
                        match &node.kind {
                            NodeKind::Question(q) if !q.help.is_empty() => {
                                ui.label(RichText::new(&q.help).weak());
                            }
                            NodeKind::Outcome(o) if !o.summary.is_empty() => {
                                ui.label(&o.summary);
                            }
                            _ => {}
                        }
                        for p in self
                            .doc
                            .problems
                            .iter()
                            .filter(|p| p.node_id() == Some(node.id.as_str()))
                        {
                            let color = palette::severity(p.severity);
                            ui.colored_label(color, format!("{}: {}", p.severity, p.message()));
                        }
                        ui.separator();
                        if node.notes.trim().is_empty() {
                            ui.weak("No notes.");
                        } else {
                            super::markdown::show(ui, &mut self.markdown, &node.notes);
                        }
                        let incoming = tree.incoming(index);
                        if !incoming.is_empty() {
                            ui.add_space(6.0);
                            ui.label(RichText::new("Reached by").strong());
                            for a in incoming {
                                let from = tree.node(a.from).map_or("", Node::label);
                                ui.label(format!("{from} — {}", a.answer.label));
                                if !a.answer.note.is_empty() {
                                    ui.label(RichText::new(&a.answer.note).small().weak());
                                }
                            }
                        }
                        sources(ui, &node);
                    });
            });
    }

    pub(super) fn compare_panel(&mut self, ui: &mut Ui) {
        let tree = self.doc.tree();
        let reachable = self.walk.reachable_outcomes(tree);
        // Columns past a few dozen cannot be compared by eye, and laying out tens of
        // thousands of them every frame froze the app.
        let outcomes = &reachable[..reachable.len().min(COMPARE_COLUMNS)];
        egui::Panel::bottom("compare")
            .resizable(true)
            .default_size(170.0)
            .min_size(80.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.strong("Compare");
                    ui.weak(format!(
                        "{} outcome{} still reachable",
                        reachable.len(),
                        if reachable.len() == 1 { "" } else { "s" }
                    ));
                    if reachable.len() > outcomes.len() {
                        ui.weak(format!("(the first {} shown)", outcomes.len()));
                    }
                });
                egui::ScrollArea::both()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        egui::Grid::new("compare-grid")
                            .striped(true)
                            .spacing([18.0, 4.0])
                            .show(ui, |ui| {
                                ui.label("");
                                for &o in outcomes {
                                    let title = tree.node(o).map_or("", Node::label);
                                    if ui
                                        .add(
                                            egui::Button::new(RichText::new(title).strong())
                                                .frame(false),
                                        )
                                        .on_hover_text("Show its notes")
                                        .clicked()
                                    {
                                        self.commands.push(Command::Select(Some(o)));
                                    }
                                }
                                ui.end_row();
                                for d in &tree.dimensions {
                                    ui.label(
                                        RichText::new(&d.name)
                                            .color(dimension_color(tree, Some(&d.id))),
                                    )
                                    .on_hover_text(format!("1 = {}\n5 = {}", d.low, d.high));
                                    for &o in outcomes {
                                        let rating = tree
                                            .node(o)
                                            .and_then(Node::as_outcome)
                                            .and_then(|x| x.profile.get(&d.id));
                                        match rating {
                                            Some(r) => {
                                                ui.label(
                                                    RichText::new(level_marks(r.level)).monospace(),
                                                )
                                                .on_hover_text(&r.note);
                                            }
                                            None => {
                                                ui.weak("—");
                                            }
                                        }
                                    }
                                    ui.end_row();
                                }
                            });
                    });
            });
    }

    pub(super) fn modals(&mut self, ctx: &egui::Context) {
        let Some(modal) = self.modal.clone() else {
            return;
        };
        let shown = modal.clone();
        let mut close = false;
        let response = egui::Modal::new(egui::Id::new("tradeoff-modal")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            match modal {
                Modal::Unsaved { then } => {
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
                                    } else if matches!(self.modal, Some(Modal::ChangedOnDisk { .. })) {
                                        // Goes on once the user has chosen how to save.
                                        self.after_save = Some(then.clone());
                                    }
                                }
                                // Save As first; the command goes on once it has saved.
                                None => {
                                    self.after_save = Some(then.clone());
                                    self.commands.push(Command::SaveAs);
                                }
                            }
                        }
                        if ui.button("Discard").clicked() {
                            close = true;
                            self.discard_ok = true;
                            self.commands.push(then.clone());
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Modal::ChangedOnDisk { path } => {
                    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
                    ui.heading("The file changed on disk");
                    ui.label(format!(
                        "{name} was changed since you opened it here, by another window or another program. Saving now would replace those changes with yours."
                    ));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Overwrite").on_hover_text("Save your version over theirs").clicked() {
                            close = true;
                            self.overwrite_ok = true;
                            self.commands.push(Command::SaveTo(path.clone()));
                        }
                        if ui.button("Save elsewhere…").on_hover_text("Keep both: save yours under another name").clicked() {
                            close = true;
                            self.commands.push(Command::SaveAs);
                        }
                        if ui.button("Reload").on_hover_text("Open the file as it is now; your changes are lost").clicked() {
                            close = true;
                            self.after_save = None;
                            self.discard_ok = true;
                            self.commands.push(Command::OpenPath(path.clone()));
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                            self.after_save = None;
                        }
                    });
                }
                Modal::Error { title, message, repair } => {
                    ui.heading(title);
                    ui.add_space(4.0);
                    egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                        ui.label(RichText::new(message).monospace());
                    });
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("OK").clicked() {
                            close = true;
                        }
                        if let Some(path) = repair
                            && ui.button("Open to repair").on_hover_text("Open it in the editor with its problems listed").clicked()
                        {
                            close = true;
                            self.commands.push(Command::OpenForRepair(path));
                        }
                    });
                }
                Modal::AskLabel { purpose, mut text } => {
                    let heading = ui.heading("Answer label");
                    ui.label("What does the user click to get there?");
                    let edit = ui.add(
                        egui::TextEdit::singleline(&mut text)
                            .desired_width(360.0)
                            .hint_text("the answer, e.g. \"Yes, under 15 minutes\""),
                    ).labelled_by(heading.id);
                    let enter = enter_in(ui, &edit);
                    keep_focus(ui, &edit);
                    let refusal = self.label_refusal(purpose, &text);
                    match &refusal {
                        Some(why) if text.trim().is_empty() => ui.weak(why),
                        Some(why) => ui.colored_label(palette::ERROR, why),
                        None => ui.weak("Enter adds it."),
                    };
                    ui.horizontal(|ui| {
                        let add = ui.add_enabled(refusal.is_none(), egui::Button::new("Add")).clicked();
                        if ui.button("Cancel").clicked() {
                            close = true;
                        } else if (add || enter) && refusal.is_none() {
                            close = true;
                            self.finish_label(purpose, text.trim());
                        }
                    });
                    if !close {
                        self.modal = Some(Modal::AskLabel { purpose, text });
                    }
                }
                Modal::Delete { node } => {
                    let tree = self.doc.tree();
                    let name = tree.node(node).map_or("", Node::label).to_owned();
                    let below = tree.exclusive_subtree(node).len().saturating_sub(1);
                    ui.heading("Delete node");
                    ui.label(format!("\"{name}\" leads to {below} node{} that nothing else leads to.", if below == 1 { "" } else { "s" }));
                    ui.horizontal(|ui| {
                        if ui.button("Delete with subtree").clicked() {
                            close = true;
                            self.commands.push(Command::Delete(node, crate::model::DeleteMode::WithSubtree));
                        }
                        if ui.button("Keep subtree loose").on_hover_text("Its answers' nodes stay, as a loose part to attach again").clicked() {
                            close = true;
                            self.commands.push(Command::Delete(node, crate::model::DeleteMode::KeepChildren));
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Modal::Restore { found } => {
                    ui.heading("Restore unsaved work?");
                    let from = found.original.as_ref().map_or_else(|| "a tree that was never saved".to_owned(), |p| p.display().to_string());
                    ui.label(format!("Tradeoff did not close normally while \"{}\" ({from}) had unsaved changes.", found.title));
                    ui.horizontal(|ui| {
                        if ui.button("Restore").clicked() {
                            close = true;
                            self.commands.push(Command::Restore(found.path.clone()));
                        }
                        if ui.button("Discard").clicked() {
                            close = true;
                            self.commands.push(Command::DiscardRecovery(found.path.clone()));
                        }
                    });
                }
                Modal::PathPrompt { save, why, mut text, mut error } => {
                    let folder = super::files::typed_path_folder(self.doc.path.as_deref());
                    ui.heading(if save { "Save as" } else { "Open a tree" });
                    ui.label(format!("No file dialog is available: {why}."));
                    let prompt = ui.label("Type the file's path instead:");
                    let example = folder.as_deref().unwrap_or(std::path::Path::new("/path/to")).join("tree.json");
                    let edit = ui
                        .add(egui::TextEdit::singleline(&mut text).desired_width(460.0).hint_text(example.display().to_string()))
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
                        let go = ui.add_enabled(typed, egui::Button::new(if save { "Save" } else { "Open" })).clicked();
                        if ui.button("Cancel").clicked() {
                            close = true;
                        } else if (go || enter) && typed {
                            let path = super::files::resolve_typed(text.trim(), folder.as_deref());
                            // Called here rather than through a command, so a failure can be
                            // shown in this dialog with the path still in it to correct.
                            let saved = save && self.save_to(&path);
                            if !save {
                                self.open_path(&path);
                            }
                            match self.modal.take() {
                                // "Open to repair" is more use than the path again.
                                Some(Modal::Error { title, message, repair: None }) if !saved => {
                                    error = Some(format!("{title}: {message}"));
                                }
                                other => {
                                    self.modal = other;
                                    close = true;
                                }
                            }
                        }
                    });
                    if !close {
                        self.modal = Some(Modal::PathPrompt { save, why, text, error });
                    }
                }
                Modal::Shortcuts => {
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
                }
                Modal::About => {
                    ui.heading(format!("Tradeoff {}", env!("CARGO_PKG_VERSION")));
                    ui.label(env!("CARGO_PKG_DESCRIPTION"));
                    ui.label("Decision trees you can see and walk, with the notes and sources behind every answer.");
                    if ui.button("Close").clicked() {
                        close = true;
                    }
                }
            }
        });
        if response.should_close() {
            close = true;
        }
        // A button that opened another dialog (a failed save shows an error) keeps it.
        if close && self.modal.as_ref() == Some(&shown) {
            if matches!(shown, Modal::PathPrompt { save: true, .. }) {
                // A save that was given up on: what was to follow it must not run
                // after some later save.
                self.after_save = None;
            }
            self.modal = None;
        }
    }
}

fn tree_overview(ui: &mut Ui, tree: &Tree, markdown: &mut egui_commonmark::CommonMarkCache) {
    ui.add_space(6.0);
    ui.weak("About this tree");
    ui.label(RichText::new(&tree.title).size(17.0).strong());
    ui.separator();
    super::markdown::show(ui, markdown, &tree.description);
    if !tree.dimensions.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new("Dimensions").strong());
        for d in &tree.dimensions {
            chip(ui, &d.name, dimension_color(tree, Some(&d.id)));
            if !d.description.is_empty() {
                ui.label(&d.description);
            }
            ui.label(
                RichText::new(format!("1 = {} · 5 = {}", d.low, d.high))
                    .small()
                    .weak(),
            );
            ui.add_space(4.0);
        }
    }
}

/// More answers than this are listed in their own scroll area, laid out row by row.
const MANY_ANSWERS: usize = 12;
/// At most this many outcomes are compared side by side.
const COMPARE_COLUMNS: usize = 60;

/// "can lead to: A, B, C, and 5 more" under an answer.
fn outcome_hint(tree: &Tree, leads: crate::model::Leads<'_>) -> String {
    let names: Vec<&str> = leads
        .first
        .iter()
        .filter_map(|&o| tree.node(o))
        .map(Node::label)
        .collect();
    let at_least = if leads.exact { "" } else { "at least " };
    match leads.total.max(names.len()) {
        0 => "leads to no outcome".to_owned(),
        n if n <= 4 && n == names.len() => format!("can lead to: {}", names.join(", ")),
        n => {
            let shown = names.len().min(3);
            format!(
                "can lead to: {}, and {at_least}{} more",
                names[..shown].join(", "),
                n - shown
            )
        }
    }
}

fn profile_grid(ui: &mut Ui, tree: &Tree, outcome: &crate::model::Outcome) {
    egui::Grid::new("profile")
        .spacing([10.0, 4.0])
        .show(ui, |ui| {
            for d in &tree.dimensions {
                let Some(r) = outcome.profile.get(&d.id) else {
                    continue;
                };
                ui.label(
                    RichText::new(&d.name)
                        .color(dimension_color(tree, Some(&d.id)))
                        .strong(),
                );
                ui.label(RichText::new(level_marks(r.level)).monospace())
                    .on_hover_text(format!("1 = {}\n5 = {}", d.low, d.high));
                ui.end_row();
                ui.label("");
                ui.label(RichText::new(&r.note).small());
                ui.end_row();
            }
        });
}

fn sources(ui: &mut Ui, node: &Node) {
    if node.sources.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.label(RichText::new("Sources").strong());
    for s in &node.sources {
        ui.horizontal_wrapped(|ui| {
            if is_web_link(&s.url) {
                ui.hyperlink_to(&s.title, &s.url).on_hover_text(&s.url);
            } else {
                ui.label(&s.title).on_hover_text(format!(
                    "{} (not opened: only http and https links open)",
                    s.url
                ));
            }
            if !s.checked.is_empty() {
                ui.weak(format!("checked {}", s.checked));
            }
        });
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
