//! Edit mode: the editor panel for the tree and the selected node, and the problems
//! panel. Like every panel, these only push commands; each change to the tree is a
//! `Command::Edit` carrying a named model operation ([`Op`]), which the app applies
//! through the undo history.
//!
//! The text fields come from tables (label, field, rows) and are all drawn by
//! [`App::fields`]: each reads its value and writes its change through the same
//! [`Field`].

mod node;

use egui::{RichText, Ui};

use super::App;
use super::commands::{Command, TreeEdit};
use crate::model::{
    AnswerField, DimensionField, EdgeIndex, NodeIndex, Op, Severity, TextField, Tree, TreeField,
};
use crate::view::palette;

/// The accessible name of the combo box that picks a node to link to.
pub const LINK_PICKER: &str = "Link to existing node";

/// The tree's own fields: label, field, rows shown.
const TREE_FIELDS: &[(&str, TreeField, usize)] = &[
    ("Tree title", TreeField::Title, 1),
    ("Description", TreeField::Description, 4),
];

/// The fields of each declared dimension, one row each.
const DIMENSION_FIELDS: &[(&str, DimensionField)] = &[
    ("Dimension id", DimensionField::Id),
    ("Dimension name", DimensionField::Name),
    ("Level 1 means", DimensionField::Low),
    ("Level 5 means", DimensionField::High),
];

/// A text field the editor shows, wherever it is in the tree.
#[derive(Debug, Clone)]
enum Field {
    Tree(TreeField),
    Dimension(usize, DimensionField),
    /// A node's id.
    Id(NodeIndex),
    Node(NodeIndex, TextField),
    Answer(EdgeIndex, AnswerField),
}

impl Field {
    /// The field's text, or `None` when it is not in the tree.
    fn read(&self, tree: &Tree) -> Option<String> {
        let text = match self {
            Field::Tree(f) => tree.text(*f),
            Field::Dimension(i, f) => tree.dimensions.get(*i)?.text(*f),
            Field::Id(n) => &tree.node(*n)?.id,
            Field::Node(n, f) => tree.node(*n)?.text(f)?,
            Field::Answer(e, f) => tree.answer(*e)?.answer.text(*f),
        };
        Some(text.to_owned())
    }

    /// The operation that gives the field the text `value`, or `None` when that text
    /// is not taken (an empty id).
    fn write(self, value: String) -> Option<Op> {
        Some(match self {
            Field::Tree(field) => Op::SetTreeText { field, value },
            Field::Dimension(position, field) => Op::SetDimensionText {
                position,
                field,
                value,
            },
            Field::Id(node) => {
                let id = value.trim();
                if id.is_empty() {
                    return None;
                }
                Op::Rename {
                    node,
                    id: id.to_owned(),
                }
            }
            Field::Node(node, field) => Op::SetText { node, field, value },
            Field::Answer(edge, field) => Op::SetAnswerText { edge, field, value },
        })
    }
}

impl App {
    /// Labelled text fields, one per row of (label, field, rows shown); a change
    /// becomes an `Edit` that merges with the next change to the same field.
    fn fields<L: AsRef<str>>(
        &mut self,
        ui: &mut Ui,
        rows: impl IntoIterator<Item = (L, Field, usize)>,
    ) {
        for (label, field, lines) in rows {
            let value = field.read(self.doc.tree()).unwrap_or_default();
            self.text_field(ui, label.as_ref(), value, lines, field);
        }
    }

    fn text_field(
        &mut self,
        ui: &mut Ui,
        label: &str,
        mut text: String,
        rows: usize,
        field: Field,
    ) {
        let label_response = ui.label(RichText::new(label).small().strong());
        let edit = if rows > 1 {
            egui::TextEdit::multiline(&mut text)
                .desired_rows(rows)
                .desired_width(f32::INFINITY)
        } else {
            egui::TextEdit::singleline(&mut text).desired_width(f32::INFINITY)
        };
        let response = ui.add(edit).labelled_by(label_response.id);
        if response.changed()
            && let Some(op) = field.write(text)
        {
            self.commands.push(Command::Edit(TreeEdit::typing(op)));
        }
        if response.lost_focus() {
            self.commands.push(Command::SealUndo);
        }
    }

    /// A button that makes `op` one undo step.
    fn edit_button(&mut self, ui: &mut Ui, text: &str, hint: &str, op: Op) {
        if ui.button(text).on_hover_text(hint).clicked() {
            self.commands.push(Command::Edit(TreeEdit::new(op)));
        }
    }

    pub(in crate::app) fn editor_panel(&mut self, ui: &mut Ui) {
        egui::Panel::right("editor")
            .resizable(true)
            .default_size(400.0)
            .min_size(300.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        ui.add_space(6.0);
                        self.editor_heading(ui);
                        egui::CollapsingHeader::new("Tree: title, description, dimensions")
                            .default_open(self.selection().is_none())
                            .show(ui, |ui| self.tree_editor(ui));
                        ui.separator();
                        match self
                            .selection()
                            .filter(|&n| self.doc.tree().node(n).is_some())
                        {
                            Some(node) => self.node_editor(ui, node),
                            None => {
                                ui.label("Select a node in the graph to edit it.");
                            }
                        }
                    });
            });
    }

    fn editor_heading(&mut self, ui: &mut Ui) {
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
    }

    fn tree_editor(&mut self, ui: &mut Ui) {
        self.fields(
            ui,
            TREE_FIELDS
                .iter()
                .map(|&(label, field, rows)| (label, Field::Tree(field), rows)),
        );
        ui.label(RichText::new("Dimensions").small().strong());
        for i in 0..self.doc.tree().dimensions.len() {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                self.fields(
                    ui,
                    DIMENSION_FIELDS
                        .iter()
                        .map(|&(label, field)| (label, Field::Dimension(i, field), 1)),
                );
                self.edit_button(
                    ui,
                    "Remove dimension",
                    "Also removes the ratings and question tags that use it",
                    Op::RemoveDimension { position: i },
                );
            });
        }
        self.edit_button(
            ui,
            "Add dimension",
            "A new trade-off to rate outcomes on",
            Op::AddDimension,
        );
    }

    pub(in crate::app) fn problems_panel(&mut self, ui: &mut Ui) {
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
                    .show(ui, |ui| self.problem_list(ui));
            });
    }

    fn problem_list(&mut self, ui: &mut Ui) {
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
            let response = ui.add(egui::Button::new(RichText::new(text).color(color)).frame(false));
            if response.clicked()
                && let Some(node) = node
            {
                self.commands.push(Command::Select(Some(node)));
                self.stage.follow_node = Some(node);
            }
        }
    }
}
