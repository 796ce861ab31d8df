//! The editor for the selected node: its id and text, a question's role, an outcome's
//! profile, notes, sources, a question's answers (with their weights, on a preference
//! question), and the actions on the node.

use egui::{RichText, Ui};

use egui_commonmark::CommonMarkCache;

use super::{Field, LINK_PICKER, edit_button, fields};
use crate::app::commands::{Command, TreeEdit};
use crate::model::rank::MAX_WEIGHT_CHANGE;
use crate::model::{
    AnswerField, Dimension, EdgeIndex, Node, NodeIndex, NodeKind, Op, Outcome, Rating, Role,
    Status, TextField, Tree,
};
use crate::view::palette;

/// A question's fields: label, field, rows shown.
const QUESTION_FIELDS: &[(&str, TextField, usize)] = &[
    ("Prompt", TextField::Prompt, 2),
    ("Help", TextField::Help, 2),
];

/// An outcome's fields.
const OUTCOME_FIELDS: &[(&str, TextField, usize)] = &[
    ("Title", TextField::Title, 1),
    ("Summary", TextField::Summary, 2),
];

/// A field of the source at a position.
type SourceField = fn(usize) -> TextField;

/// The fields of each source, by its position.
const SOURCE_FIELDS: &[(&str, SourceField)] = &[
    ("Source title", TextField::SourceTitle),
    ("URL", TextField::SourceUrl),
    ("Checked (YYYY-MM-DD)", TextField::SourceChecked),
];

/// The fields of each answer, labelled "Answer 1 label", "Answer 1 note"…
const ANSWER_FIELDS: &[(&str, AnswerField)] =
    &[("label", AnswerField::Label), ("note", AnswerField::Note)];

/// Rows of a node's own fields, for `fields`.
fn node_rows(
    node: NodeIndex,
    table: &'static [(&'static str, TextField, usize)],
) -> impl Iterator<Item = (&'static str, Field, usize)> {
    table
        .iter()
        .map(move |(label, field, rows)| (*label, Field::Node(node, field.clone()), *rows))
}

/// The editor for the node at `index`; `markdown` and `preview` are the notes'
/// rendering cache and Preview checkbox.
pub(super) fn node_editor(
    ui: &mut Ui,
    tree: &Tree,
    index: NodeIndex,
    markdown: &mut CommonMarkCache,
    preview: &mut bool,
    out: &mut Vec<Command>,
) {
    let Some(node) = tree.node(index) else {
        return;
    };
    node_heading(ui, tree, index, out);
    if node.is_missing() {
        ui.colored_label(palette::ERROR, "Answers lead here, but no node has this id. Point them elsewhere, or add a node with this id.");
        return;
    }
    fields(ui, tree, [("Id", Field::Id(index), 1)], out);
    match &node.kind {
        NodeKind::Question(q) => {
            fields(ui, tree, node_rows(index, QUESTION_FIELDS), out);
            dimension_picker(ui, tree, index, q.dimension.as_deref(), out);
            role_picker(ui, index, q.role, out);
        }
        NodeKind::Outcome(o) => {
            fields(ui, tree, node_rows(index, OUTCOME_FIELDS), out);
            profile_editor(ui, tree, index, o, out);
            lifecycle_editor(ui, tree, index, o.lifecycle.status, out);
        }
        NodeKind::Missing => {}
    }
    notes_editor(ui, tree, index, &node.notes, markdown, preview, out);
    sources_editor(ui, tree, index, node.sources.len(), out);
    if node.is_question() {
        answers_editor(ui, tree, index, out);
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
                out.push(command);
            }
        }
        if ui.button("Delete node…").clicked() {
            out.push(Command::AskDelete(index));
        }
    });
}

/// What the node is, and the button that turns it into the other kind.
fn node_heading(ui: &mut Ui, tree: &Tree, index: NodeIndex, out: &mut Vec<Command>) {
    let Some(node) = tree.node(index) else {
        return;
    };
    let (kind, convert) = match node.kind {
        NodeKind::Question(_) if tree.answer_count(index) == 0 => {
            ("Question", Some("Turn into an outcome"))
        }
        NodeKind::Question(_) => ("Question", None),
        NodeKind::Outcome(_) => ("Outcome", Some("Turn into a question")),
        NodeKind::Missing => ("Missing node", None),
    };
    let to_outcome = node.is_question();
    ui.horizontal(|ui| {
        ui.strong(kind);
        if let Some(text) = convert {
            let op = Op::Convert {
                node: index,
                to_outcome,
            };
            edit_button(ui, text, "Keeps the text, notes and sources", op, out);
        }
    });
}

/// The fields of a lifecycle that is not current.
const LIFECYCLE_FIELDS: &[(&str, TextField, usize)] = &[
    ("Since (YYYY-MM-DD)", TextField::LifecycleSince, 1),
    (
        "Replaced by (outcome id)",
        TextField::LifecycleReplacedBy,
        1,
    ),
    ("What it means for a user", TextField::LifecycleNote, 2),
];

/// An outcome's lifecycle: its status, and for any but current its date, replacement
/// and note.
fn lifecycle_editor(
    ui: &mut Ui,
    tree: &Tree,
    index: NodeIndex,
    status: Status,
    out: &mut Vec<Command>,
) {
    let label = ui.label(RichText::new("Lifecycle").small().strong());
    egui::ComboBox::from_id_salt(("lifecycle", index))
        .selected_text(status.name())
        .show_ui(ui, |ui| {
            for choice in Status::ALL {
                if ui.selectable_label(choice == status, choice.name()).clicked() && choice != status
                {
                    let op = Op::SetLifecycle {
                        node: index,
                        status: choice,
                    };
                    out.push(Command::Edit(TreeEdit::new(op)));
                }
            }
        })
        .response
        .labelled_by(label.id)
        .on_hover_text("Closed and retired outcomes are marked in the graph, and a walk that reaches one says so first");
    if status != Status::Current {
        fields(ui, tree, node_rows(index, LIFECYCLE_FIELDS), out);
    }
}

/// The dimension a question is about.
fn dimension_picker(
    ui: &mut Ui,
    tree: &Tree,
    index: NodeIndex,
    current: Option<&str>,
    out: &mut Vec<Command>,
) {
    ui.label(RichText::new("Dimension").small().strong());
    let dimensions = &tree.dimensions;
    let shown = current.map_or("none".to_owned(), |d| {
        dimensions
            .iter()
            .find(|x| x.id == d)
            .map_or(d.to_owned(), |x| x.name.clone())
    });
    egui::ComboBox::from_id_salt(("dimension", index.index()))
        .selected_text(shown)
        .show_ui(ui, |ui| {
            let mut choice: Option<Option<String>> = None;
            if ui.selectable_label(current.is_none(), "none").clicked() {
                choice = Some(None);
            }
            for d in dimensions {
                if ui
                    .selectable_label(current == Some(d.id.as_str()), &d.name)
                    .clicked()
                {
                    choice = Some(Some(d.id.clone()));
                }
            }
            if let Some(dimension) = choice {
                let op = Op::SetQuestionDimension {
                    node: index,
                    dimension,
                };
                out.push(Command::Edit(TreeEdit::new(op)));
            }
        });
}

/// The roles a question can have, as the "Role" picker offers them.
const ROLE_CHOICES: [(Role, &str); 2] = [
    (Role::Constraint, "Constraint: answers rule outcomes out"),
    (Role::Preference, "Preference: answers change weights"),
];

/// Whether a question's answers rule outcomes out or change the weights.
fn role_picker(ui: &mut Ui, index: NodeIndex, current: Role, out: &mut Vec<Command>) {
    let label = ui.label(RichText::new("Role").small().strong());
    let shown = ROLE_CHOICES
        .iter()
        .find(|(r, _)| *r == current)
        .map_or("", |(_, text)| text);
    egui::ComboBox::from_id_salt(("role", index.index()))
        .selected_text(shown)
        .width(260.0)
        .show_ui(ui, |ui| {
            for (role, text) in ROLE_CHOICES {
                if ui.selectable_label(role == current, text).clicked() && role != current {
                    let op = Op::SetRole { node: index, role };
                    out.push(Command::Edit(TreeEdit::new(op)));
                }
            }
        })
        .response
        .labelled_by(label.id)
        .on_hover_text(
            "A constraint's answer rules out the outcomes it cannot lead to. A \
             preference's answer rules nothing out: it changes the weights that rank the \
             outcomes, as set on each answer",
        );
}

/// An outcome's rating on each dimension, and any rating on a dimension the tree
/// does not declare.
fn profile_editor(
    ui: &mut Ui,
    tree: &Tree,
    index: NodeIndex,
    outcome: &Outcome,
    out: &mut Vec<Command>,
) {
    ui.label(RichText::new("Profile").small().strong());
    let dimensions = &tree.dimensions;
    for d in dimensions {
        let rating = outcome.profile.get(&d.id);
        ui.horizontal(|ui| rating_row(ui, index, d, rating, out));
        if rating.is_some() {
            let field = Field::Node(index, TextField::RatingNote(d.id.clone()));
            fields(ui, tree, [(format!("{} note", d.name), field, 1)], out);
        }
    }
    // Ratings under dimensions the tree does not declare (renamed elsewhere, or
    // from a file) can only be removed.
    for key in outcome
        .profile
        .keys()
        .filter(|k| !dimensions.iter().any(|d| &d.id == *k))
    {
        ui.horizontal(|ui| {
            ui.colored_label(
                palette::ERROR,
                format!("\"{key}\" is not a dimension of this tree"),
            );
            let op = Op::Unrate {
                node: index,
                dimension: key.clone(),
            };
            edit_button(ui, "Remove rating", "", op, out);
        });
    }
}

/// One dimension of an outcome's profile: a slider, or "not rated" and a Rate button.
fn rating_row(
    ui: &mut Ui,
    index: NodeIndex,
    d: &Dimension,
    rating: Option<&Rating>,
    out: &mut Vec<Command>,
) {
    let name = ui.label(&d.name);
    let dimension = d.id.clone();
    // A slider cannot show "no rating": it would show 1 while the problems panel
    // says the dimension is not rated.
    let Some(r) = rating else {
        ui.weak("not rated");
        let hint = format!("Rate \"{}\", starting in the middle (3)", d.name);
        let op = Op::Rate {
            node: index,
            dimension,
        };
        edit_button(ui, "Rate", &hint, op, out);
        return;
    };
    let mut level = r.level;
    let slider = ui
        .add(egui::Slider::new(&mut level, 1..=5).show_value(true))
        .labelled_by(name.id)
        .on_hover_text(format!("1 = {}\n5 = {}", d.low, d.high));
    if slider.changed() {
        let op = Op::SetLevel {
            node: index,
            dimension: dimension.clone(),
            level,
        };
        out.push(Command::Edit(TreeEdit::typing(op)));
    }
    let op = Op::Unrate {
        node: index,
        dimension,
    };
    edit_button(ui, "Remove rating", "Back to not rated", op, out);
}

/// The notes as Markdown source, or rendered while `preview` (the Preview checkbox)
/// is on.
fn notes_editor(
    ui: &mut Ui,
    tree: &Tree,
    index: NodeIndex,
    notes: &str,
    markdown: &mut CommonMarkCache,
    preview: &mut bool,
    out: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.label(RichText::new("Notes (Markdown)").small().strong());
        ui.checkbox(preview, "Preview");
    });
    if *preview {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            crate::app::markdown::show(ui, markdown, notes);
        });
    } else {
        let field = Field::Node(index, TextField::Notes);
        fields(ui, tree, [("Notes", field, 8)], out);
    }
}

fn sources_editor(
    ui: &mut Ui,
    tree: &Tree,
    index: NodeIndex,
    count: usize,
    out: &mut Vec<Command>,
) {
    ui.label(RichText::new("Sources").small().strong());
    for i in 0..count {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            fields(
                ui,
                tree,
                SOURCE_FIELDS
                    .iter()
                    .map(|(label, field)| (*label, Field::Node(index, field(i)), 1)),
                out,
            );
            let op = Op::RemoveSource {
                node: index,
                position: i,
            };
            edit_button(ui, "Remove source", "", op, out);
        });
    }
    edit_button(
        ui,
        "Add source",
        "A page behind this node's facts",
        Op::AddSource { node: index },
        out,
    );
}

/// A question's answers, and the ways to add one.
fn answers_editor(ui: &mut Ui, tree: &Tree, index: NodeIndex, out: &mut Vec<Command>) {
    ui.separator();
    ui.label(RichText::new("Answers").strong());
    let answers: Vec<(EdgeIndex, NodeIndex)> =
        tree.answers(index).iter().map(|a| (a.edge, a.to)).collect();
    let count = answers.len();
    for (pos, (edge, to)) in answers.into_iter().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            answer_editor(ui, tree, (pos, count), edge, to, index, out);
        });
    }
    ui.horizontal_wrapped(|ui| {
        for (text, hint, outcome) in [
            (
                "Add question",
                "A new question reached by a new answer",
                false,
            ),
            ("Add outcome", "A new outcome reached by a new answer", true),
        ] {
            if ui.button(text).on_hover_text(hint).clicked() {
                out.push(Command::AddChild {
                    question: index,
                    outcome,
                });
            }
        }
    });
    let picker = egui::ComboBox::from_id_salt(("link", index.index()))
        .selected_text(LINK_PICKER)
        .width(260.0)
        .show_ui(ui, |ui| {
            for (i, name) in targets(tree, index) {
                if ui.selectable_label(false, name).clicked() {
                    out.push(Command::LinkTo {
                        question: index,
                        target: i,
                    });
                }
            }
        });
    picker.response.on_hover_text(
        "A new answer that leads to a node already in the tree (a shared sub-decision)",
    );
}

/// The nodes an answer of `question` can lead to, named for a picker. Listed only
/// while a picker is open: on a large tree, naming every node on every frame of typing
/// would cost more than the keystroke.
fn targets(tree: &Tree, question: NodeIndex) -> impl Iterator<Item = (NodeIndex, String)> + '_ {
    tree.nodes()
        .filter(move |(i, _)| *i != question)
        .map(|(i, n)| (i, format!("{} ({})", n.label(), n.id)))
}

/// One answer, at `pos` of `count`: its text, where it leads, its place.
fn answer_editor(
    ui: &mut Ui,
    tree: &Tree,
    (pos, count): (usize, usize),
    edge: EdgeIndex,
    to: NodeIndex,
    question: NodeIndex,
    out: &mut Vec<Command>,
) {
    fields(
        ui,
        tree,
        ANSWER_FIELDS.iter().map(|&(what, field)| {
            let label = format!("Answer {} {what}", pos + 1);
            (label, Field::Answer(edge, field), 1)
        }),
        out,
    );
    ui.horizontal(|ui| {
        ui.label("leads to");
        let shown = tree
            .node(to)
            .map_or(String::new(), |n| format!("{} ({})", n.label(), n.id));
        egui::ComboBox::from_id_salt(("target", edge.index()))
            .selected_text(shown)
            .width(220.0)
            .show_ui(ui, |ui| {
                for (i, name) in targets(tree, question) {
                    if ui.selectable_label(i == to, name).clicked() {
                        let op = Op::Retarget { edge, to: i };
                        out.push(Command::Edit(TreeEdit::new(op)));
                    }
                }
            });
    });
    let preference = tree
        .node(question)
        .and_then(Node::as_question)
        .is_some_and(|q| q.role == Role::Preference);
    if preference {
        weights_editor(ui, tree, pos, edge, out);
    }
    ui.horizontal(|ui| {
        for (text, enabled, delta) in [("Move up", pos > 0, -1), ("Move down", pos + 1 < count, 1)]
        {
            if ui.add_enabled(enabled, egui::Button::new(text)).clicked() {
                let op = Op::MoveAnswer { edge, delta };
                out.push(Command::Edit(TreeEdit::new(op)));
            }
        }
        let op = Op::RemoveAnswer { edge };
        edit_button(ui, "Remove answer", "The node it leads to stays", op, out);
    });
}

/// How choosing the answer at `pos` of a preference question changes each dimension's
/// weight, in one row; 0 takes the entry out. A weight on a dimension the tree does not
/// declare (renamed in the file, say) can only be removed.
fn weights_editor(ui: &mut Ui, tree: &Tree, pos: usize, edge: EdgeIndex, out: &mut Vec<Command>) {
    let Some(answer) = tree.answer(edge).map(|a| a.answer) else {
        return;
    };
    let heading = format!("Answer {} weights", pos + 1);
    ui.label(RichText::new(heading).small().strong())
        .on_hover_text("Choosing this answer adds these to the weights that rank outcomes");
    let limit = -MAX_WEIGHT_CHANGE..=MAX_WEIGHT_CHANGE;
    ui.horizontal_wrapped(|ui| {
        for d in &tree.dimensions {
            let mut weight = answer.weights.get(&d.id).copied().unwrap_or(0);
            let name = ui.label(&d.name);
            // A change beyond the limit, from a file, is shown as written (validation
            // says what it counts as) rather than changed by being looked at.
            let drag = egui::DragValue::new(&mut weight)
                .range(limit.clone())
                .clamp_existing_to_range(false)
                .speed(0.05)
                .custom_formatter(|v, _| {
                    if v > 0.0 {
                        format!("+{v}")
                    } else {
                        format!("{v}")
                    }
                });
            let hint = format!(
                "Choosing this answer adds this to the weight of {0} when outcomes are \
                 ranked, from -{MAX_WEIGHT_CHANGE} to {MAX_WEIGHT_CHANGE}: more makes {0} \
                 count for more, less for less, and a weight taken below 0 favours the \
                 other end of its scale. 0 leaves {0} as it was",
                d.name
            );
            let response = ui.add(drag).labelled_by(name.id).on_hover_text(hint);
            if response.changed() {
                let op = Op::SetAnswerWeight {
                    edge,
                    dimension: d.id.clone(),
                    weight: (weight != 0).then_some(weight),
                };
                out.push(Command::Edit(TreeEdit::typing(op)));
            }
        }
    });
    let declared = |k: &String| tree.dimensions.iter().any(|d| &d.id == k);
    for key in answer.weights.keys().filter(|k| !declared(k)) {
        ui.horizontal(|ui| {
            ui.colored_label(
                palette::ERROR,
                format!("\"{key}\" is not a dimension of this tree"),
            );
            let op = Op::SetAnswerWeight {
                edge,
                dimension: key.clone(),
                weight: None,
            };
            edit_button(ui, "Remove weight", "", op, out);
        });
    }
}
