//! Edit mode: the editor panel for the tree and the selected node, and the problems
//! panel. The editor panel is a function of the document and the selection: besides
//! the Markdown cache and the Preview checkbox it changes nothing, and only pushes
//! commands; each change to the tree is a `Command::Edit` carrying a named model
//! operation ([`Op`]), which the app applies through the undo history.
//!
//! The text fields come from tables (label, field, rows) and are all drawn by
//! [`fields`]: each reads its value and writes its change through the same
//! [`Field`].

mod node;

use egui::{RichText, Ui};
use egui_commonmark::CommonMarkCache;

use super::commands::{Command, TreeEdit};
use super::document::Document;
use crate::model::{
    AnswerField, Better, DimensionField, EdgeIndex, History, NodeIndex, Op, Severity, TextField,
    Tree, TreeField,
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

/// Labelled text fields, one per row of (label, field, rows shown); a change
/// becomes an `Edit` that merges with the next change to the same field.
fn fields<L: AsRef<str>>(
    ui: &mut Ui,
    tree: &Tree,
    rows: impl IntoIterator<Item = (L, Field, usize)>,
    out: &mut Vec<Command>,
) {
    for (label, field, lines) in rows {
        let value = field.read(tree).unwrap_or_default();
        text_field(ui, label.as_ref(), value, lines, field, out);
    }
}

fn text_field(
    ui: &mut Ui,
    label: &str,
    mut text: String,
    rows: usize,
    field: Field,
    out: &mut Vec<Command>,
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
        out.push(Command::Edit(TreeEdit::typing(op)));
    }
}

/// A button that makes `op` one undo step.
fn edit_button(ui: &mut Ui, text: &str, hint: &str, op: Op, out: &mut Vec<Command>) {
    if ui.button(text).on_hover_text(hint).clicked() {
        out.push(Command::Edit(TreeEdit::new(op)));
    }
}

/// The editor panel, on the right in edit mode: the tree's own fields, then the
/// selected node (`selection`, if it is still there). The Markdown cache and the
/// notes' Preview checkbox are all it changes; everything else is a command.
pub(in crate::app) fn editor_panel(
    ui: &mut Ui,
    doc: &Document,
    selection: Option<NodeIndex>,
    markdown: &mut CommonMarkCache,
    preview: &mut bool,
    out: &mut Vec<Command>,
) {
    egui::Panel::right("editor")
        .resizable(true)
        .default_size(400.0)
        .min_size(300.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    ui.add_space(6.0);
                    editor_heading(ui, &doc.history, out);
                    let tree = doc.tree();
                    egui::CollapsingHeader::new("Tree: title, description, dimensions")
                        .default_open(selection.is_none())
                        .show(ui, |ui| tree_editor(ui, tree, out));
                    ui.separator();
                    match selection.filter(|&n| tree.node(n).is_some()) {
                        Some(node) => node::node_editor(ui, tree, node, markdown, preview, out),
                        None => {
                            ui.label("Select a node in the graph to edit it.");
                        }
                    }
                });
        });
}

fn editor_heading(ui: &mut Ui, history: &History, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.heading("Editor");
        if ui
            .add_enabled(history.can_undo(), egui::Button::new("Undo"))
            .clicked()
        {
            out.push(Command::Undo);
        }
        if ui
            .add_enabled(history.can_redo(), egui::Button::new("Redo"))
            .clicked()
        {
            out.push(Command::Redo);
        }
        if ui.button("Done").on_hover_text("Leave edit mode").clicked() {
            out.push(Command::ToggleEdit);
        }
    });
}

fn tree_editor(ui: &mut Ui, tree: &Tree, out: &mut Vec<Command>) {
    fields(
        ui,
        tree,
        TREE_FIELDS
            .iter()
            .map(|&(label, field, rows)| (label, Field::Tree(field), rows)),
        out,
    );
    review_interval(ui, tree, out);
    ui.label(RichText::new("Dimensions").small().strong());
    for i in 0..tree.dimensions.len() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            fields(
                ui,
                tree,
                DIMENSION_FIELDS
                    .iter()
                    .map(|&(label, field)| (label, Field::Dimension(i, field), 1)),
                out,
            );
            better_picker(ui, tree, i, out);
            edit_button(
                ui,
                "Remove dimension",
                "Also removes the ratings, question tags and answer weights that use it",
                Op::RemoveDimension { position: i },
                out,
            );
        });
    }
    edit_button(
        ui,
        "Add dimension",
        "A new trade-off to rate outcomes on",
        Op::AddDimension,
        out,
    );
}

/// What a higher level is on a dimension, as the "Higher is" picker offers it.
const BETTER_CHOICES: [(Better, &str); 3] = [
    (Better::Higher, "better for most teams"),
    (Better::Lower, "worse for most teams"),
    (Better::Neutral, "neither: it depends on the team"),
];

/// Which end of the dimension at `position` most teams want.
fn better_picker(ui: &mut Ui, tree: &Tree, position: usize, out: &mut Vec<Command>) {
    let Some(current) = tree.dimensions.get(position).map(|d| d.better) else {
        return;
    };
    let label = ui.label(RichText::new("Higher is").small().strong());
    let shown = BETTER_CHOICES
        .iter()
        .find(|(b, _)| *b == current)
        .map_or("", |(_, text)| text);
    egui::ComboBox::from_id_salt(("better", position))
        .selected_text(shown)
        .width(220.0)
        .show_ui(ui, |ui| {
            for (better, text) in BETTER_CHOICES {
                if ui.selectable_label(better == current, text).clicked() && better != current {
                    let op = Op::SetBetter { position, better };
                    out.push(Command::Edit(TreeEdit::new(op)));
                }
            }
        })
        .response
        .labelled_by(label.id)
        .on_hover_text(
            "How Compare and the ranking read the levels: where higher is worse, level 1 \
             scores best. A dimension where neither end is better counts for nothing until \
             the user, or a preference answer, gives it a weight",
        );
}

/// How many months a source stays fresh before it is marked stale.
fn review_interval(ui: &mut Ui, tree: &Tree, out: &mut Vec<Command>) {
    let label = ui.label(RichText::new("Review sources every").small().strong());
    ui.horizontal(|ui| {
        let mut months = tree.review_months();
        let drag = egui::DragValue::new(&mut months)
            .range(1..=120)
            .suffix(" months");
        let response = ui.add(drag).labelled_by(label.id).on_hover_text(
            "Sources read longer ago than this are marked stale in the notes, the status bar and `tradeoff validate`",
        );
        if response.changed() {
            let op = Op::SetReviewMonths {
                months: Some(months),
            };
            out.push(Command::Edit(TreeEdit::typing(op)));
        }
        if tree.review_months.is_none() {
            ui.weak("(the default)");
        }
    });
}

/// The problems of the tree, each a button that selects its node and shows it.
pub(in crate::app) fn problems_panel(ui: &mut Ui, doc: &Document, out: &mut Vec<Command>) {
    egui::Panel::bottom("problems")
        .resizable(true)
        .default_size(130.0)
        .min_size(60.0)
        .show(ui, |ui| {
            let (errors, warnings) = doc.problem_counts();
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
                .show(ui, |ui| problem_list(ui, doc, out));
        });
}

fn problem_list(ui: &mut Ui, doc: &Document, out: &mut Vec<Command>) {
    if doc.problems.is_empty() {
        ui.weak("No problems: the tree is valid.");
    }
    for p in &doc.problems {
        let color = palette::severity(p.severity);
        let mark = if p.severity == Severity::Error {
            "✖"
        } else {
            "⚠"
        };
        let text = format!("{mark}  {}: {}", p.location(), p.message());
        let node = p.node_id().and_then(|id| doc.tree().find(id));
        let response = ui.add(egui::Button::new(RichText::new(text).color(color)).frame(false));
        if response.clicked()
            && let Some(node) = node
        {
            out.push(Command::GoTo(node));
        }
    }
}
