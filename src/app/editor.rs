//! Edit mode: the editor panel for the tree and the selected node, and the problems
//! panel. Like every panel, these only push commands; each change to the tree is a
//! `Command::Edit` that the app applies through the undo history.

use egui::{RichText, Ui};

use super::App;
use super::commands::{Command, TreeEdit};
use crate::model::{Dimension, NodeIndex, NodeKind, Rating, Severity, Source, Tree};
use crate::view::palette;

/// The accessible name of the combo box that picks a node to link to.
pub const LINK_PICKER: &str = "Link to existing node";

impl App {
    /// A labelled text field; a change becomes a merged `Edit` keyed by `key`.
    fn field(
        &mut self,
        ui: &mut Ui,
        label: &str,
        key: String,
        value: &str,
        rows: usize,
        set: impl Fn(&mut Tree, &str) + 'static,
    ) {
        let label_response = ui.label(RichText::new(label).small().strong());
        let mut text = value.to_owned();
        let edit = if rows > 1 {
            egui::TextEdit::multiline(&mut text)
                .desired_rows(rows)
                .desired_width(f32::INFINITY)
        } else {
            egui::TextEdit::singleline(&mut text).desired_width(f32::INFINITY)
        };
        let response = ui.add(edit).labelled_by(label_response.id);
        if response.changed() {
            self.commands
                .push(Command::Edit(TreeEdit::typing(key, move |t| set(t, &text))));
        }
        if response.lost_focus() {
            self.commands.push(Command::SealUndo);
        }
    }

    fn edit_button(
        &mut self,
        ui: &mut Ui,
        text: &str,
        hint: &str,
        edit: impl Fn(&mut Tree) + 'static,
    ) {
        if ui.button(text).on_hover_text(hint).clicked() {
            self.commands.push(Command::Edit(TreeEdit::new(edit)));
        }
    }

    pub(super) fn editor_panel(&mut self, ui: &mut Ui) {
        egui::Panel::right("editor")
            .resizable(true)
            .default_size(400.0)
            .min_size(300.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        ui.add_space(6.0);
                        ui.horizontal(|ui| {
                            ui.heading("Editor");
                            if ui
                                .add_enabled(self.doc.history.can_undo(), egui::Button::new("Undo"))
                                .clicked()
                            {
                                self.commands.push(Command::Undo);
                            }
                            if ui
                                .add_enabled(self.doc.history.can_redo(), egui::Button::new("Redo"))
                                .clicked()
                            {
                                self.commands.push(Command::Redo);
                            }
                            if ui.button("Done").on_hover_text("Leave edit mode").clicked() {
                                self.commands.push(Command::ToggleEdit);
                            }
                        });
                        egui::CollapsingHeader::new("Tree: title, description, dimensions")
                            .default_open(self.selected.is_none())
                            .show(ui, |ui| self.tree_editor(ui));
                        ui.separator();
                        match self.selected.filter(|&n| self.doc.tree().node(n).is_some()) {
                            Some(node) => self.node_editor(ui, node),
                            None => {
                                ui.label("Select a node in the graph to edit it.");
                            }
                        }
                    });
            });
    }

    fn tree_editor(&mut self, ui: &mut Ui) {
        let tree = self.doc.tree();
        let (title, description, dimensions) = (
            tree.title.clone(),
            tree.description.clone(),
            tree.dimensions.clone(),
        );
        self.field(ui, "Tree title", "tree:title".into(), &title, 1, |t, v| {
            t.title = v.to_owned()
        });
        self.field(
            ui,
            "Description",
            "tree:description".into(),
            &description,
            4,
            |t, v| t.description = v.to_owned(),
        );
        ui.label(RichText::new("Dimensions").small().strong());
        for (i, d) in dimensions.iter().enumerate() {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                self.field(
                    ui,
                    "Dimension id",
                    format!("dim:{i}:id"),
                    &d.id,
                    1,
                    move |t, v| t.rename_dimension(i, v),
                );
                self.field(
                    ui,
                    "Dimension name",
                    format!("dim:{i}:name"),
                    &d.name,
                    1,
                    move |t, v| {
                        if let Some(x) = t.dimensions.get_mut(i) {
                            x.name = v.to_owned();
                        }
                    },
                );
                self.field(
                    ui,
                    "Level 1 means",
                    format!("dim:{i}:low"),
                    &d.low,
                    1,
                    move |t, v| {
                        if let Some(x) = t.dimensions.get_mut(i) {
                            x.low = v.to_owned();
                        }
                    },
                );
                self.field(
                    ui,
                    "Level 5 means",
                    format!("dim:{i}:high"),
                    &d.high,
                    1,
                    move |t, v| {
                        if let Some(x) = t.dimensions.get_mut(i) {
                            x.high = v.to_owned();
                        }
                    },
                );
                self.edit_button(
                    ui,
                    "Remove dimension",
                    "Also removes the ratings and question tags that use it",
                    move |t| t.remove_dimension(i),
                );
            });
        }
        self.edit_button(
            ui,
            "Add dimension",
            "A new trade-off to rate outcomes on",
            |t| {
                let n = (1..)
                    .map(|k| format!("dimension-{k}"))
                    .find(|id| !t.dimensions.iter().any(|d| &d.id == id))
                    .unwrap_or_default();
                t.dimensions.push(Dimension {
                    name: "New dimension".into(),
                    id: n,
                    ..Dimension::default()
                });
            },
        );
    }

    fn node_editor(&mut self, ui: &mut Ui, index: NodeIndex) {
        let tree = self.doc.tree();
        let Some(node) = tree.node(index).cloned() else {
            return;
        };
        let dimensions = tree.dimensions.clone();
        let answers: Vec<(crate::model::EdgeIndex, String, String, NodeIndex)> = tree
            .answers(index)
            .iter()
            .map(|a| (a.edge, a.answer.label.clone(), a.answer.note.clone(), a.to))
            .collect();
        let targets: Vec<(NodeIndex, String)> = tree
            .nodes()
            .filter(|(i, _)| *i != index)
            .map(|(i, n)| (i, format!("{} ({})", n.label(), n.id)))
            .collect();
        let k = index.index();

        ui.horizontal(|ui| {
            let kind = match node.kind {
                NodeKind::Question(_) => "Question",
                NodeKind::Outcome(_) => "Outcome",
                NodeKind::Missing => "Missing node",
            };
            ui.strong(kind);
            let convert = match node.kind {
                NodeKind::Outcome(_) => Some("Turn into a question"),
                NodeKind::Question(_) if answers.is_empty() => Some("Turn into an outcome"),
                _ => None,
            };
            if let Some(text) = convert {
                self.edit_button(ui, text, "Keeps the text, notes and sources", move |t| {
                    t.convert(index);
                });
            }
        });
        if node.is_missing() {
            ui.colored_label(palette::ERROR, "Answers lead here, but no node has this id. Point them elsewhere, or add a node with this id.");
            return;
        }
        let id = node.id.clone();
        let label_response = ui.label(RichText::new("Id").small().strong());
        let mut id_text = id.clone();
        let response = ui
            .add(egui::TextEdit::singleline(&mut id_text).desired_width(f32::INFINITY))
            .labelled_by(label_response.id);
        if response.changed() && !id_text.trim().is_empty() {
            let new_id = id_text.trim().to_owned();
            self.commands.push(Command::Edit(TreeEdit::typing(
                format!("node:{k}:id"),
                move |t| {
                    // A taken id is refused; the field shows the old one again.
                    let _ = t.rename(index, &new_id);
                },
            )));
        }
        if response.lost_focus() {
            self.commands.push(Command::SealUndo);
        }

        match &node.kind {
            NodeKind::Question(q) => {
                self.field(
                    ui,
                    "Prompt",
                    format!("node:{k}:prompt"),
                    &q.prompt,
                    2,
                    move |t, v| {
                        if let Some(NodeKind::Question(q)) = t.node_mut(index).map(|n| &mut n.kind)
                        {
                            q.prompt = v.to_owned();
                        }
                    },
                );
                self.field(
                    ui,
                    "Help",
                    format!("node:{k}:help"),
                    &q.help,
                    2,
                    move |t, v| {
                        if let Some(NodeKind::Question(q)) = t.node_mut(index).map(|n| &mut n.kind)
                        {
                            q.help = v.to_owned();
                        }
                    },
                );
                ui.label(RichText::new("Dimension").small().strong());
                let current = q.dimension.clone();
                let shown = current.as_deref().map_or("none".to_owned(), |d| {
                    dimensions
                        .iter()
                        .find(|x| x.id == d)
                        .map_or(d.to_owned(), |x| x.name.clone())
                });
                egui::ComboBox::from_id_salt(("dimension", k))
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        let mut choice: Option<Option<String>> = None;
                        if ui.selectable_label(current.is_none(), "none").clicked() {
                            choice = Some(None);
                        }
                        for d in &dimensions {
                            if ui
                                .selectable_label(
                                    current.as_deref() == Some(d.id.as_str()),
                                    &d.name,
                                )
                                .clicked()
                            {
                                choice = Some(Some(d.id.clone()));
                            }
                        }
                        if let Some(dim) = choice {
                            self.commands.push(Command::Edit(TreeEdit::new(move |t| {
                                if let Some(NodeKind::Question(q)) =
                                    t.node_mut(index).map(|n| &mut n.kind)
                                {
                                    q.dimension = dim.clone();
                                }
                            })));
                        }
                    });
            }
            NodeKind::Outcome(o) => {
                self.field(
                    ui,
                    "Title",
                    format!("node:{k}:title"),
                    &o.title,
                    1,
                    move |t, v| {
                        if let Some(NodeKind::Outcome(o)) = t.node_mut(index).map(|n| &mut n.kind) {
                            o.title = v.to_owned();
                        }
                    },
                );
                self.field(
                    ui,
                    "Summary",
                    format!("node:{k}:summary"),
                    &o.summary,
                    2,
                    move |t, v| {
                        if let Some(NodeKind::Outcome(o)) = t.node_mut(index).map(|n| &mut n.kind) {
                            o.summary = v.to_owned();
                        }
                    },
                );
                ui.label(RichText::new("Profile").small().strong());
                for d in &dimensions {
                    let rating = o.profile.get(&d.id).cloned();
                    let dim = d.id.clone();
                    ui.horizontal(|ui| {
                        let name = ui.label(&d.name);
                        // A slider cannot show "no rating": it would show 1 while the
                        // problems panel says the dimension is not rated.
                        let Some(r) = &rating else {
                            ui.weak("not rated");
                            let dim = dim.clone();
                            self.edit_button(
                                ui,
                                "Rate",
                                &format!("Rate \"{}\", starting in the middle (3)", d.name),
                                move |t| {
                                    if let Some(NodeKind::Outcome(o)) =
                                        t.node_mut(index).map(|n| &mut n.kind)
                                    {
                                        o.profile.entry(dim.clone()).or_insert(Rating {
                                            level: 3,
                                            note: String::new(),
                                        });
                                    }
                                },
                            );
                            return;
                        };
                        let mut level = r.level;
                        let slider = ui
                            .add(egui::Slider::new(&mut level, 1..=5).show_value(true))
                            .labelled_by(name.id)
                            .on_hover_text(format!("1 = {}\n5 = {}", d.low, d.high));
                        if slider.changed() {
                            let dim = dim.clone();
                            self.commands.push(Command::Edit(TreeEdit::typing(
                                format!("node:{k}:level:{dim}"),
                                move |t| {
                                    if let Some(NodeKind::Outcome(o)) =
                                        t.node_mut(index).map(|n| &mut n.kind)
                                    {
                                        o.profile
                                            .entry(dim.clone())
                                            .or_insert_with(Rating::default)
                                            .level = level;
                                    }
                                },
                            )));
                        }
                        if slider.drag_stopped() {
                            self.commands.push(Command::SealUndo);
                        }
                        let dim = dim.clone();
                        self.edit_button(ui, "Remove rating", "Back to not rated", move |t| {
                            if let Some(NodeKind::Outcome(o)) =
                                t.node_mut(index).map(|n| &mut n.kind)
                            {
                                o.profile.remove(&dim);
                            }
                        });
                    });
                    if let Some(r) = rating {
                        let dim = dim.clone();
                        self.field(
                            ui,
                            &format!("{} note", d.name),
                            format!("node:{k}:rating:{dim}"),
                            &r.note,
                            1,
                            move |t, v| {
                                if let Some(NodeKind::Outcome(o)) =
                                    t.node_mut(index).map(|n| &mut n.kind)
                                    && let Some(r) = o.profile.get_mut(&dim)
                                {
                                    r.note = v.to_owned();
                                }
                            },
                        );
                    }
                }
                // Ratings under dimensions the tree does not declare (renamed elsewhere, or
                // from a file) can only be removed.
                for key in o
                    .profile
                    .keys()
                    .filter(|k| !dimensions.iter().any(|d| &d.id == *k))
                {
                    ui.horizontal(|ui| {
                        ui.colored_label(
                            palette::ERROR,
                            format!("\"{key}\" is not a dimension of this tree"),
                        );
                        let key = key.clone();
                        self.edit_button(ui, "Remove rating", "", move |t| {
                            if let Some(NodeKind::Outcome(o)) =
                                t.node_mut(index).map(|n| &mut n.kind)
                            {
                                o.profile.remove(&key);
                            }
                        });
                    });
                }
            }
            NodeKind::Missing => {}
        }

        ui.horizontal(|ui| {
            ui.label(RichText::new("Notes (Markdown)").small().strong());
            ui.checkbox(&mut self.preview, "Preview");
        });
        if self.preview {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                super::markdown::show(ui, &mut self.markdown, &node.notes);
            });
        } else {
            self.field(
                ui,
                "Notes",
                format!("node:{k}:notes"),
                &node.notes,
                8,
                move |t, v| {
                    if let Some(n) = t.node_mut(index) {
                        n.notes = v.to_owned();
                    }
                },
            );
        }

        ui.label(RichText::new("Sources").small().strong());
        for (i, s) in node.sources.iter().enumerate() {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                self.field(
                    ui,
                    "Source title",
                    format!("node:{k}:src:{i}:title"),
                    &s.title,
                    1,
                    move |t, v| {
                        if let Some(x) = t.node_mut(index).and_then(|n| n.sources.get_mut(i)) {
                            x.title = v.to_owned();
                        }
                    },
                );
                self.field(
                    ui,
                    "URL",
                    format!("node:{k}:src:{i}:url"),
                    &s.url,
                    1,
                    move |t, v| {
                        if let Some(x) = t.node_mut(index).and_then(|n| n.sources.get_mut(i)) {
                            x.url = v.to_owned();
                        }
                    },
                );
                self.field(
                    ui,
                    "Checked (YYYY-MM-DD)",
                    format!("node:{k}:src:{i}:checked"),
                    &s.checked,
                    1,
                    move |t, v| {
                        if let Some(x) = t.node_mut(index).and_then(|n| n.sources.get_mut(i)) {
                            x.checked = v.to_owned();
                        }
                    },
                );
                self.edit_button(ui, "Remove source", "", move |t| {
                    if let Some(n) = t.node_mut(index)
                        && i < n.sources.len()
                    {
                        n.sources.remove(i);
                    }
                });
            });
        }
        self.edit_button(
            ui,
            "Add source",
            "A page behind this node's facts",
            move |t| {
                if let Some(n) = t.node_mut(index) {
                    n.sources.push(Source {
                        title: "New source".into(),
                        url: "https://".into(),
                        checked: String::new(),
                    });
                }
            },
        );

        if node.is_question() {
            ui.separator();
            ui.label(RichText::new("Answers").strong());
            let count = answers.len();
            for (pos, (edge, label, note, to)) in answers.into_iter().enumerate() {
                let e = edge.index();
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    self.field(
                        ui,
                        &format!("Answer {} label", pos + 1),
                        format!("edge:{e}:label"),
                        &label,
                        1,
                        move |t, v| {
                            if let Some(a) = t.answer_mut(edge) {
                                a.label = v.to_owned();
                            }
                        },
                    );
                    self.field(
                        ui,
                        &format!("Answer {} note", pos + 1),
                        format!("edge:{e}:note"),
                        &note,
                        1,
                        move |t, v| {
                            if let Some(a) = t.answer_mut(edge) {
                                a.note = v.to_owned();
                            }
                        },
                    );
                    ui.horizontal(|ui| {
                        ui.label("leads to");
                        let shown = self
                            .doc
                            .tree()
                            .node(to)
                            .map_or(String::new(), |n| format!("{} ({})", n.label(), n.id));
                        egui::ComboBox::from_id_salt(("target", e))
                            .selected_text(shown)
                            .width(220.0)
                            .show_ui(ui, |ui| {
                                for (i, name) in &targets {
                                    if ui.selectable_label(*i == to, name).clicked() {
                                        let target = *i;
                                        self.commands.push(Command::Edit(TreeEdit::new(
                                            move |t| {
                                                t.retarget(edge, target);
                                                t.drop_unused_placeholders();
                                            },
                                        )));
                                    }
                                }
                            });
                    });
                    ui.horizontal(|ui| {
                        if ui
                            .add_enabled(pos > 0, egui::Button::new("Move up"))
                            .clicked()
                        {
                            self.commands.push(Command::Edit(TreeEdit::new(move |t| {
                                t.move_answer(edge, -1)
                            })));
                        }
                        if ui
                            .add_enabled(pos + 1 < count, egui::Button::new("Move down"))
                            .clicked()
                        {
                            self.commands.push(Command::Edit(TreeEdit::new(move |t| {
                                t.move_answer(edge, 1)
                            })));
                        }
                        self.edit_button(
                            ui,
                            "Remove answer",
                            "The node it leads to stays",
                            move |t| {
                                t.remove_answer(edge);
                                t.drop_unused_placeholders();
                            },
                        );
                    });
                });
            }
            ui.horizontal_wrapped(|ui| {
                if ui
                    .button("Add question")
                    .on_hover_text("A new question reached by a new answer")
                    .clicked()
                {
                    self.commands.push(Command::AddChild {
                        question: index,
                        outcome: false,
                    });
                }
                if ui
                    .button("Add outcome")
                    .on_hover_text("A new outcome reached by a new answer")
                    .clicked()
                {
                    self.commands.push(Command::AddChild {
                        question: index,
                        outcome: true,
                    });
                }
            });
            let picker = egui::ComboBox::from_id_salt(("link", k))
                .selected_text(LINK_PICKER)
                .width(260.0)
                .show_ui(ui, |ui| {
                    for (i, name) in &targets {
                        if ui.selectable_label(false, name).clicked() {
                            self.commands.push(Command::LinkTo {
                                question: index,
                                target: *i,
                            });
                        }
                    }
                });
            picker.response.on_hover_text(
                "A new answer that leads to a node already in the tree (a shared sub-decision)",
            );
        }

        ui.separator();
        ui.horizontal_wrapped(|ui| {
            for command in [
                Command::Copy,
                Command::Cut,
                Command::Paste,
                Command::Duplicate,
            ] {
                if ui.button(command.text()).clicked() {
                    self.commands.push(command);
                }
            }
            if ui.button("Delete node…").clicked() {
                self.commands.push(Command::AskDelete(index));
            }
        });
    }

    pub(super) fn problems_panel(&mut self, ui: &mut Ui) {
        egui::Panel::bottom("problems")
            .resizable(true)
            .default_size(130.0)
            .min_size(60.0)
            .show(ui, |ui| {
                let (errors, warnings) = self.doc.problem_counts();
                ui.horizontal(|ui| {
                    ui.strong("Problems");
                    ui.weak(format!(
                        "{errors} error{}, {warnings} warning{}",
                        super::plural(errors),
                        super::plural(warnings)
                    ));
                });
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        if self.doc.problems.is_empty() {
                            ui.weak("No problems: the tree is valid.");
                        }
                        for p in self.doc.problems.clone() {
                            let color = palette::severity(p.severity);
                            let text = format!(
                                "{}  {}: {}",
                                if p.severity == Severity::Error {
                                    "✖"
                                } else {
                                    "⚠"
                                },
                                p.location(),
                                p.message()
                            );
                            let node = p.node_id().and_then(|id| self.doc.tree().find(id));
                            let response = ui.add(
                                egui::Button::new(RichText::new(text).color(color)).frame(false),
                            );
                            if response.clicked()
                                && let Some(node) = node
                            {
                                self.commands.push(Command::Select(Some(node)));
                                self.follow_node = Some(node);
                            }
                        }
                    });
            });
    }
}
