//! Named operations on a tree: every change the editor makes, as plain data that can be
//! compared, logged and described ("rename answer") as well as applied. The text fields
//! they set are named too ([`TextField`], [`AnswerField`], [`TreeField`],
//! [`DimensionField`]), each with a getter next to its setter, so a form can read a
//! field through the same name it writes it with.
//!
//! Applied through the undo history, an operation also gives the change that takes it
//! back exactly (see `change.rs`), so an undo step is the size of its edit.

use std::collections::BTreeMap;

use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use super::change::{self, Applied, Change};
use super::history::{MergeKey, Touched};
use super::lifecycle::Status;
use super::tree::{Answer, Better, Dimension, Node, NodeKind, Rating, Role, Source, Tree};

/// A text field of a node.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TextField {
    /// A question's prompt.
    Prompt,
    /// A question's help text.
    Help,
    /// An outcome's title.
    Title,
    /// An outcome's summary.
    Summary,
    /// Any node's Markdown notes.
    Notes,
    /// The title of the node's source at this position.
    SourceTitle(usize),
    SourceUrl(usize),
    /// When the source was last checked (YYYY-MM-DD).
    SourceChecked(usize),
    /// The note of an outcome's rating on the dimension with this id.
    RatingNote(String),
    /// When an outcome's lifecycle status took effect (YYYY-MM-DD).
    LifecycleSince,
    /// The id of the outcome that replaces this one.
    LifecycleReplacedBy,
    /// What the lifecycle change means for a user.
    LifecycleNote,
}

impl TextField {
    /// What the field is called in an undo entry ("edit prompt").
    pub fn name(&self) -> &'static str {
        match self {
            TextField::Prompt => "prompt",
            TextField::Help => "help",
            TextField::Title => "title",
            TextField::Summary => "summary",
            TextField::Notes => "notes",
            TextField::SourceTitle(_) => "source title",
            TextField::SourceUrl(_) => "source URL",
            TextField::SourceChecked(_) => "source date",
            TextField::RatingNote(_) => "rating note",
            TextField::LifecycleSince => "lifecycle date",
            TextField::LifecycleReplacedBy => "replacement",
            TextField::LifecycleNote => "lifecycle note",
        }
    }

    fn key(&self) -> String {
        match self {
            TextField::SourceTitle(i) => format!("src:{i}:title"),
            TextField::SourceUrl(i) => format!("src:{i}:url"),
            TextField::SourceChecked(i) => format!("src:{i}:checked"),
            TextField::RatingNote(dim) => format!("rating:{dim}"),
            other => other.name().to_owned(),
        }
    }
}

impl Node {
    /// The text of `field`, or `None` when this node has no such field (a prompt of an
    /// outcome, a source past the last).
    pub fn text(&self, field: &TextField) -> Option<&str> {
        let source = |i: &usize| self.sources.get(*i);
        Some(match (field, &self.kind) {
            (TextField::Prompt, NodeKind::Question(q)) => &q.prompt,
            (TextField::Help, NodeKind::Question(q)) => &q.help,
            (TextField::Title, NodeKind::Outcome(o)) => &o.title,
            (TextField::Summary, NodeKind::Outcome(o)) => &o.summary,
            (TextField::RatingNote(dim), NodeKind::Outcome(o)) => &o.profile.get(dim)?.note,
            (TextField::LifecycleSince, NodeKind::Outcome(o)) => &o.lifecycle.since,
            (TextField::LifecycleReplacedBy, NodeKind::Outcome(o)) => &o.lifecycle.replaced_by,
            (TextField::LifecycleNote, NodeKind::Outcome(o)) => &o.lifecycle.note,
            (TextField::Notes, _) => &self.notes,
            (TextField::SourceTitle(i), _) => &source(i)?.title,
            (TextField::SourceUrl(i), _) => &source(i)?.url,
            (TextField::SourceChecked(i), _) => &source(i)?.checked,
            _ => return None,
        })
    }

    /// Sets the text of `field`. Returns false, changing nothing, when this node has no
    /// such field.
    pub fn set_text(&mut self, field: &TextField, value: &str) -> bool {
        let slot: Option<&mut String> = match (field, &mut self.kind) {
            (TextField::Prompt, NodeKind::Question(q)) => Some(&mut q.prompt),
            (TextField::Help, NodeKind::Question(q)) => Some(&mut q.help),
            (TextField::Title, NodeKind::Outcome(o)) => Some(&mut o.title),
            (TextField::Summary, NodeKind::Outcome(o)) => Some(&mut o.summary),
            (TextField::RatingNote(dim), NodeKind::Outcome(o)) => {
                o.profile.get_mut(dim).map(|r| &mut r.note)
            }
            (TextField::LifecycleSince, NodeKind::Outcome(o)) => Some(&mut o.lifecycle.since),
            (TextField::LifecycleReplacedBy, NodeKind::Outcome(o)) => {
                Some(&mut o.lifecycle.replaced_by)
            }
            (TextField::LifecycleNote, NodeKind::Outcome(o)) => Some(&mut o.lifecycle.note),
            (TextField::Notes, _) => Some(&mut self.notes),
            (TextField::SourceTitle(i), _) => self.sources.get_mut(*i).map(|s| &mut s.title),
            (TextField::SourceUrl(i), _) => self.sources.get_mut(*i).map(|s| &mut s.url),
            (TextField::SourceChecked(i), _) => self.sources.get_mut(*i).map(|s| &mut s.checked),
            _ => None,
        };
        slot.map(|s| *s = value.to_owned()).is_some()
    }
}

/// A text field of an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnswerField {
    Label,
    Note,
}

impl Answer {
    pub fn text(&self, field: AnswerField) -> &str {
        match field {
            AnswerField::Label => &self.label,
            AnswerField::Note => &self.note,
        }
    }

    pub fn set_text(&mut self, field: AnswerField, value: &str) {
        match field {
            AnswerField::Label => self.label = value.to_owned(),
            AnswerField::Note => self.note = value.to_owned(),
        }
    }
}

/// A text field of the tree itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TreeField {
    Title,
    Description,
}

impl Tree {
    pub fn text(&self, field: TreeField) -> &str {
        match field {
            TreeField::Title => &self.title,
            TreeField::Description => &self.description,
        }
    }

    pub fn set_text(&mut self, field: TreeField, value: &str) {
        match field {
            TreeField::Title => self.title = value.to_owned(),
            TreeField::Description => self.description = value.to_owned(),
        }
    }
}

/// A text field of a declared dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DimensionField {
    /// Its id; changing it changes every question and rating that uses it.
    Id,
    Name,
    /// What level 1 means.
    Low,
    /// What level 5 means.
    High,
}

impl Dimension {
    pub fn text(&self, field: DimensionField) -> &str {
        match field {
            DimensionField::Id => &self.id,
            DimensionField::Name => &self.name,
            DimensionField::Low => &self.low,
            DimensionField::High => &self.high,
        }
    }
}

/// One change to a tree. Nodes and answers are named by index, as the editor knows
/// them; an operation on one that is gone changes nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// The tree's title or description.
    SetTreeText {
        field: TreeField,
        value: String,
    },
    /// How many months a source stays fresh; `None` for the default.
    SetReviewMonths {
        months: Option<u32>,
    },
    /// A field of the dimension at `position`; a new id is carried to every use.
    SetDimensionText {
        position: usize,
        field: DimensionField,
        value: String,
    },
    /// Which end of the dimension at `position` is better for most teams.
    SetBetter {
        position: usize,
        better: Better,
    },
    /// Declares a new dimension with a fresh id.
    AddDimension,
    /// Removes a dimension with the ratings, question tags and answer weights that use it.
    RemoveDimension {
        position: usize,
    },
    /// Changes a node's id; refused when another node has it.
    Rename {
        node: NodeIndex,
        id: String,
    },
    SetText {
        node: NodeIndex,
        field: TextField,
        value: String,
    },
    /// Which dimension a question is about, or none.
    SetQuestionDimension {
        node: NodeIndex,
        dimension: Option<String>,
    },
    /// Whether a question's answers rule outcomes out or change weights.
    SetRole {
        node: NodeIndex,
        role: Role,
    },
    /// Rates an unrated outcome on `dimension`, starting in the middle (3).
    Rate {
        node: NodeIndex,
        dimension: String,
    },
    SetLevel {
        node: NodeIndex,
        dimension: String,
        level: u8,
    },
    /// Back to "not rated" on `dimension`.
    Unrate {
        node: NodeIndex,
        dimension: String,
    },
    /// An outcome's lifecycle status (its date, replacement and note are text fields).
    SetLifecycle {
        node: NodeIndex,
        status: Status,
    },
    AddSource {
        node: NodeIndex,
    },
    RemoveSource {
        node: NodeIndex,
        position: usize,
    },
    SetAnswerText {
        edge: EdgeIndex,
        field: AnswerField,
        value: String,
    },
    /// How choosing an answer changes the weight of `dimension`; `None` takes the
    /// entry out of the answer's weights.
    SetAnswerWeight {
        edge: EdgeIndex,
        dimension: String,
        weight: Option<i8>,
    },
    /// Points an answer at another node (a placeholder no answer needs any more goes).
    Retarget {
        edge: EdgeIndex,
        to: NodeIndex,
    },
    /// Moves an answer up (`delta < 0`) or down among its question's answers.
    MoveAnswer {
        edge: EdgeIndex,
        delta: isize,
    },
    /// Removes an answer; the node it leads to stays.
    RemoveAnswer {
        edge: EdgeIndex,
    },
    /// Turns a question without answers into an outcome (`to_outcome`), or an outcome
    /// into a question, keeping its text; does nothing when the node is not the other.
    Convert {
        node: NodeIndex,
        to_outcome: bool,
    },
}

impl Op {
    /// Carries the operation out. The only refusal is a node id another node has.
    pub fn apply(&self, tree: &mut Tree) -> Result<(), String> {
        self.apply_undoable(tree).result
    }

    /// `apply`, with what takes the operation back (node and answer indices included)
    /// and what it touched, for the undo history.
    pub(super) fn apply_undoable(&self, tree: &mut Tree) -> Applied {
        match self {
            Op::Rename { node, id } => change::rename(tree, *node, id),
            Op::SetTreeText { field, value } => {
                let old = tree.text(*field).to_owned();
                tree.set_text(*field, value);
                let undo = Op::SetTreeText {
                    field: *field,
                    value: old,
                };
                Applied::done(Change::Op(undo), Touched::Tree)
            }
            Op::SetReviewMonths { months } => {
                let old = std::mem::replace(&mut tree.review_months, *months);
                let undo = Op::SetReviewMonths { months: old };
                Applied::done(Change::Op(undo), Touched::Tree)
            }
            Op::SetDimensionText { .. }
            | Op::SetBetter { .. }
            | Op::AddDimension
            | Op::RemoveDimension { .. } => self.edit_dimensions(tree),
            Op::SetAnswerText { edge, field, value } => {
                let Some(a) = tree.answer(*edge) else {
                    return Applied::nothing();
                };
                let (from, old) = (a.from, a.answer.text(*field).to_owned());
                if let Some(a) = tree.answer_mut(*edge) {
                    a.set_text(*field, value);
                }
                let undo = Op::SetAnswerText {
                    edge: *edge,
                    field: *field,
                    value: old,
                };
                Applied::done(Change::Op(undo), Touched::Node(from))
            }
            Op::SetAnswerWeight {
                edge,
                dimension,
                weight,
            } => set_answer_weight(tree, *edge, dimension, *weight),
            Op::Retarget { .. } | Op::MoveAnswer { .. } | Op::RemoveAnswer { .. } => {
                Applied::done(self.edit_answers(tree), Touched::Anything)
            }
            Op::Convert { node, to_outcome } => {
                let Some(before) = tree
                    .node(*node)
                    .filter(|n| n.is_question() == *to_outcome)
                    .map(|n| n.kind.clone())
                else {
                    return Applied::nothing();
                };
                if !tree.convert(*node) {
                    return Applied::nothing();
                }
                Applied::done(Change::Kinds(vec![(*node, before)]), Touched::Anything)
            }
            Op::SetText { node, field, value } => {
                let Some(n) = tree.node_mut(*node) else {
                    return Applied::nothing();
                };
                let Some(old) = n.text(field).map(str::to_owned) else {
                    return Applied::nothing();
                };
                n.set_text(field, value);
                let undo = Op::SetText {
                    node: *node,
                    field: field.clone(),
                    value: old,
                };
                Applied::done(Change::Op(undo), Touched::Node(*node))
            }
            _ => self.edit_node(tree),
        }
    }

    /// The operations on the declared dimensions.
    fn edit_dimensions(&self, tree: &mut Tree) -> Applied {
        let (position, new_id) = match self {
            Op::SetBetter { position, better } => {
                let Some(d) = tree.dimensions.get_mut(*position) else {
                    return Applied::nothing();
                };
                let undo = Op::SetBetter {
                    position: *position,
                    better: std::mem::replace(&mut d.better, *better),
                };
                return Applied::done(Change::Op(undo), Touched::Tree);
            }
            Op::AddDimension => {
                let before = tree.dimensions.clone();
                let id = (1..)
                    .map(|k| format!("dimension-{k}"))
                    .find(|id| !tree.dimensions.iter().any(|d| &d.id == id))
                    .unwrap_or_default();
                tree.dimensions.push(Dimension {
                    name: "New dimension".into(),
                    id,
                    ..Dimension::default()
                });
                return Applied::done(Change::Dimensions(before), Touched::Anything);
            }
            Op::SetDimensionText {
                position,
                field,
                value,
            } if *field != DimensionField::Id => {
                let Some(old) = tree.dimensions.get(*position).map(|d| d.text(*field)) else {
                    return Applied::nothing();
                };
                let undo = Op::SetDimensionText {
                    position: *position,
                    field: *field,
                    value: old.to_owned(),
                };
                set_dimension_text(tree, *position, *field, value);
                return Applied::done(Change::Op(undo), Touched::Tree);
            }
            Op::SetDimensionText {
                position, value, ..
            } => (*position, Some(value)),
            Op::RemoveDimension { position } => (*position, None),
            _ => return Applied::nothing(),
        };
        // A new id or a removal reaches every question and rating that uses the id.
        let Some(old) = tree.dimensions.get(position).map(|d| d.id.clone()) else {
            return Applied::nothing();
        };
        let before = tree.dimensions.clone();
        let weights: Vec<(EdgeIndex, BTreeMap<String, i8>)> = tree
            .graph()
            .edge_indices()
            .filter_map(|e| Some((e, tree.answer(e)?.answer)))
            .filter(|(_, a)| a.weights.contains_key(&old))
            .map(|(e, a)| (e, a.weights.clone()))
            .collect();
        let uses: Vec<(NodeIndex, NodeKind)> = tree
            .all_nodes()
            .filter(|(_, n)| match &n.kind {
                NodeKind::Question(q) => q.dimension.as_deref() == Some(old.as_str()),
                NodeKind::Outcome(o) => o.profile.contains_key(&old),
                NodeKind::Missing => false,
            })
            .map(|(i, n)| (i, n.kind.clone()))
            .collect();
        match new_id {
            Some(id) => tree.rename_dimension(position, id),
            None => tree.remove_dimension(position),
        }
        let undo = Change::Seq(vec![
            Change::Dimensions(before),
            Change::Kinds(uses),
            Change::Weights(weights),
        ]);
        Applied::done(undo, Touched::Anything)
    }

    /// The operations on an answer: where it leads, its place, removing it. A
    /// placeholder no answer needs any more goes.
    fn edit_answers(&self, tree: &mut Tree) -> Change {
        let undo = match *self {
            Op::Retarget { edge, to } => match tree.answer(edge).map(|a| a.to) {
                Some(was) if tree.node(to).is_some() => {
                    tree.retarget(edge, to);
                    Change::MoveEdge { edge, to: was }
                }
                _ => Change::Nothing,
            },
            Op::MoveAnswer { edge, delta } => {
                let Some(from) = tree.answer(edge).map(|a| a.from) else {
                    return Change::Nothing;
                };
                let before = tree
                    .answers(from)
                    .iter()
                    .map(|a| (a.edge, a.answer.order))
                    .collect();
                tree.move_answer(edge, delta);
                return Change::Orders(before);
            }
            // Taking an answer away is itself a change, whose inverse puts it back.
            Op::RemoveAnswer { edge } => Change::TakeEdge(edge).apply(tree),
            _ => return Change::Nothing,
        };
        Change::Seq(vec![undo, change::drop_unused_placeholders(tree)])
    }

    /// The operations on one node's own fields, sources and ratings.
    fn edit_node(&self, tree: &mut Tree) -> Applied {
        let (Op::SetQuestionDimension { node, .. }
        | Op::SetRole { node, .. }
        | Op::Rate { node, .. }
        | Op::SetLevel { node, .. }
        | Op::Unrate { node, .. }
        | Op::SetLifecycle { node, .. }
        | Op::AddSource { node }
        | Op::RemoveSource { node, .. }) = self
        else {
            return Applied::nothing();
        };
        let node = *node;
        let Some(n) = tree.node_mut(node) else {
            return Applied::nothing();
        };
        let rating = |dimension: &String, rating: Option<Rating>| Change::Rating {
            node,
            dimension: dimension.clone(),
            rating,
        };
        let undo = match (self, &mut n.kind) {
            (Op::SetQuestionDimension { dimension, .. }, NodeKind::Question(q)) => {
                let dimension = std::mem::replace(&mut q.dimension, dimension.clone());
                Change::Op(Op::SetQuestionDimension { node, dimension })
            }
            (Op::SetRole { role, .. }, NodeKind::Question(q)) => {
                let role = std::mem::replace(&mut q.role, *role);
                Change::Op(Op::SetRole { node, role })
            }
            (Op::Rate { dimension, .. }, NodeKind::Outcome(o))
                if !o.profile.contains_key(dimension) =>
            {
                let fresh = Rating {
                    level: 3,
                    note: String::new(),
                };
                o.profile.insert(dimension.clone(), fresh);
                rating(dimension, None)
            }
            (
                Op::SetLevel {
                    dimension, level, ..
                },
                NodeKind::Outcome(o),
            ) => {
                let before = o.profile.get(dimension).cloned();
                o.profile.entry(dimension.clone()).or_default().level = *level;
                rating(dimension, before)
            }
            (Op::Unrate { dimension, .. }, NodeKind::Outcome(o)) => {
                match o.profile.remove(dimension) {
                    Some(before) => rating(dimension, Some(before)),
                    None => return Applied::nothing(),
                }
            }
            (Op::SetLifecycle { status, .. }, NodeKind::Outcome(o)) => {
                let status = std::mem::replace(&mut o.lifecycle.status, *status);
                Change::Op(Op::SetLifecycle { node, status })
            }
            (Op::AddSource { .. }, _) => {
                n.sources.push(Source {
                    title: "New source".into(),
                    url: "https://".into(),
                    checked: String::new(),
                });
                let position = n.sources.len() - 1;
                Change::Op(Op::RemoveSource { node, position })
            }
            (Op::RemoveSource { position, .. }, _) if *position < n.sources.len() => {
                Change::InsertSource {
                    node,
                    position: *position,
                    source: n.sources.remove(*position),
                }
            }
            _ => return Applied::nothing(),
        };
        Applied::done(undo, Touched::Node(node))
    }

    /// What the operation does, in a few lowercase words for an undo entry:
    /// "rename answer", "edit prompt", "remove source".
    pub fn describe(&self) -> String {
        let text = match self {
            Op::SetTreeText {
                field: TreeField::Title,
                ..
            } => "edit tree title",
            Op::SetTreeText {
                field: TreeField::Description,
                ..
            } => "edit tree description",
            Op::SetDimensionText { field, .. } => match field {
                DimensionField::Id => "change dimension id",
                DimensionField::Name => "rename dimension",
                DimensionField::Low => "edit what level 1 means",
                DimensionField::High => "edit what level 5 means",
            },
            Op::SetReviewMonths { .. } => "change review interval",
            Op::SetBetter { .. } => "change which end is better",
            Op::SetRole { .. } => "change question role",
            Op::SetAnswerWeight { .. } => "change answer weight",
            Op::SetLifecycle { .. } => "change lifecycle",
            Op::AddDimension => "add dimension",
            Op::RemoveDimension { .. } => "remove dimension",
            Op::Rename { .. } => "change node id",
            Op::SetText { field, .. } => return format!("edit {}", field.name()),
            Op::SetQuestionDimension { .. } => "change question dimension",
            Op::Rate { .. } => "rate outcome",
            Op::SetLevel { .. } => "change rating",
            Op::Unrate { .. } => "remove rating",
            Op::AddSource { .. } => "add source",
            Op::RemoveSource { .. } => "remove source",
            Op::SetAnswerText {
                field: AnswerField::Label,
                ..
            } => "rename answer",
            Op::SetAnswerText {
                field: AnswerField::Note,
                ..
            } => "edit answer note",
            Op::Retarget { .. } => "change where answer leads",
            Op::MoveAnswer { delta, .. } if *delta < 0 => "move answer up",
            Op::MoveAnswer { .. } => "move answer down",
            Op::RemoveAnswer { .. } => "remove answer",
            Op::Convert {
                to_outcome: true, ..
            } => "turn question into outcome",
            Op::Convert { .. } => "turn outcome into question",
        };
        text.to_owned()
    }

    /// For the operations that set one value (typing in a field, dragging a slider):
    /// what they set, so that successive ones merge into one undo step. `None` for the
    /// rest, which are steps of their own.
    pub fn merge_key(&self) -> Option<MergeKey> {
        let key = match self {
            Op::SetTreeText { field, .. } => format!("tree:{field:?}"),
            Op::SetReviewMonths { .. } => "tree:review".to_owned(),
            Op::SetDimensionText {
                position, field, ..
            } => format!("dim:{position}:{field:?}"),
            Op::Rename { node, .. } => format!("node:{}:id", node.index()),
            Op::SetText { node, field, .. } => format!("node:{}:{}", node.index(), field.key()),
            Op::SetLevel {
                node, dimension, ..
            } => format!("node:{}:level:{dimension}", node.index()),
            Op::SetAnswerText { edge, field, .. } => format!("edge:{}:{field:?}", edge.index()),
            Op::SetAnswerWeight {
                edge, dimension, ..
            } => format!("edge:{}:weight:{dimension}", edge.index()),
            _ => return None,
        };
        Some(MergeKey(key))
    }
}

/// Sets (`Some`) or removes one entry of an answer's weights.
fn set_answer_weight(
    tree: &mut Tree,
    edge: EdgeIndex,
    dimension: &str,
    weight: Option<i8>,
) -> Applied {
    let Some(from) = tree.answer(edge).map(|a| a.from) else {
        return Applied::nothing();
    };
    let Some(weights) = tree.answer_mut(edge).map(|a| &mut a.weights) else {
        return Applied::nothing();
    };
    let old = match weight {
        Some(w) => weights.insert(dimension.to_owned(), w),
        None => weights.remove(dimension),
    };
    let undo = Op::SetAnswerWeight {
        edge,
        dimension: dimension.to_owned(),
        weight: old,
    };
    Applied::done(Change::Op(undo), Touched::Node(from))
}

fn set_dimension_text(tree: &mut Tree, position: usize, field: DimensionField, value: &str) {
    if field == DimensionField::Id {
        tree.rename_dimension(position, value);
        return;
    }
    let Some(d) = tree.dimensions.get_mut(position) else {
        return;
    };
    let slot = match field {
        DimensionField::Name => &mut d.name,
        DimensionField::Low => &mut d.low,
        DimensionField::High | DimensionField::Id => &mut d.high,
    };
    *slot = value.to_owned();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::history::History;

    /// A question with two outcomes, one rated on "cost", and a "cost" dimension.
    fn sample() -> (Tree, NodeIndex, NodeIndex, NodeIndex) {
        let mut t = Tree::new("T");
        t.dimensions.push(Dimension {
            id: "cost".into(),
            name: "Cost".into(),
            ..Dimension::default()
        });
        let q = t.add_node(Node::question("q", "Q?"));
        let a = t.add_node(Node::outcome("a", "A"));
        let b = t.add_node(Node::outcome("b", "B"));
        t.add_answer(q, a, "Yes");
        t.add_answer(q, b, "No");
        if let Some(NodeKind::Outcome(o)) = t.node_mut(a).map(|n| &mut n.kind) {
            o.profile.insert(
                "cost".into(),
                Rating {
                    level: 2,
                    note: "cheap".into(),
                },
            );
        }
        (t, q, a, b)
    }

    fn applied(t: &mut Tree, op: Op) {
        op.apply(t).unwrap();
    }

    #[test]
    fn node_fields_read_and_write_through_one_name() {
        let (mut t, q, a, _) = sample();
        let fields = [
            (q, TextField::Prompt),
            (q, TextField::Help),
            (q, TextField::Notes),
            (a, TextField::Title),
            (a, TextField::Summary),
            (a, TextField::RatingNote("cost".into())),
        ];
        for (node, field) in fields {
            let value = format!("new {}", field.name());
            applied(
                &mut t,
                Op::SetText {
                    node,
                    field: field.clone(),
                    value: value.clone(),
                },
            );
            assert_eq!(t.node(node).unwrap().text(&field), Some(value.as_str()));
        }
        assert_eq!(t.node(q).unwrap().label(), "new prompt");
        // A field the node does not have is left alone.
        let outcome = t.node_mut(a).unwrap();
        assert!(!outcome.set_text(&TextField::Prompt, "x"));
        assert_eq!(outcome.text(&TextField::Prompt), None);
        assert_eq!(outcome.text(&TextField::RatingNote("speed".into())), None);
        assert_eq!(outcome.text(&TextField::SourceUrl(0)), None);
    }

    #[test]
    fn sources_are_added_edited_and_removed() {
        let (mut t, q, _, _) = sample();
        applied(&mut t, Op::AddSource { node: q });
        applied(&mut t, Op::AddSource { node: q });
        let n = t.node(q).unwrap();
        assert_eq!(n.sources.len(), 2);
        assert_eq!(n.text(&TextField::SourceUrl(1)), Some("https://"));
        for field in [
            TextField::SourceTitle(1),
            TextField::SourceUrl(1),
            TextField::SourceChecked(1),
        ] {
            applied(
                &mut t,
                Op::SetText {
                    node: q,
                    field: field.clone(),
                    value: "2026-01-02".into(),
                },
            );
            assert_eq!(t.node(q).unwrap().text(&field), Some("2026-01-02"));
        }
        applied(
            &mut t,
            Op::RemoveSource {
                node: q,
                position: 0,
            },
        );
        applied(
            &mut t,
            Op::RemoveSource {
                node: q,
                position: 5,
            },
        );
        let n = t.node(q).unwrap();
        assert_eq!(n.sources.len(), 1);
        assert_eq!(n.sources[0].title, "2026-01-02");
    }

    #[test]
    fn ratings_are_set_changed_and_removed() {
        let (mut t, _, a, b) = sample();
        let level = |t: &Tree, n: NodeIndex| {
            t.node(n)
                .and_then(Node::as_outcome)
                .and_then(|o| o.profile.get("cost"))
                .map(|r| r.level)
        };
        let cost = || "cost".to_owned();
        applied(
            &mut t,
            Op::Rate {
                node: b,
                dimension: cost(),
            },
        );
        assert_eq!(level(&t, b), Some(3));
        // Rating what is rated keeps the level.
        applied(
            &mut t,
            Op::Rate {
                node: a,
                dimension: cost(),
            },
        );
        assert_eq!(level(&t, a), Some(2));
        applied(
            &mut t,
            Op::SetLevel {
                node: a,
                dimension: cost(),
                level: 5,
            },
        );
        assert_eq!(level(&t, a), Some(5));
        applied(
            &mut t,
            Op::Unrate {
                node: a,
                dimension: cost(),
            },
        );
        assert_eq!(level(&t, a), None);
    }

    #[test]
    fn tree_and_dimension_fields() {
        let (mut t, q, a, _) = sample();
        applied(
            &mut t,
            Op::SetTreeText {
                field: TreeField::Description,
                value: "About".into(),
            },
        );
        assert_eq!(t.text(TreeField::Description), "About");
        applied(
            &mut t,
            Op::SetQuestionDimension {
                node: q,
                dimension: Some("cost".into()),
            },
        );
        applied(
            &mut t,
            Op::SetDimensionText {
                position: 0,
                field: DimensionField::Id,
                value: "price".into(),
            },
        );
        // The new id reaches the question's tag and the rating.
        assert_eq!(
            t.node(q)
                .unwrap()
                .as_question()
                .unwrap()
                .dimension
                .as_deref(),
            Some("price")
        );
        assert!(
            t.node(a)
                .unwrap()
                .as_outcome()
                .unwrap()
                .profile
                .contains_key("price")
        );
        for field in [
            DimensionField::Name,
            DimensionField::Low,
            DimensionField::High,
        ] {
            applied(
                &mut t,
                Op::SetDimensionText {
                    position: 0,
                    field,
                    value: format!("{field:?}"),
                },
            );
            assert_eq!(t.dimensions[0].text(field), format!("{field:?}"));
        }
        applied(&mut t, Op::AddDimension);
        applied(&mut t, Op::AddDimension);
        let ids: Vec<&str> = t.dimensions.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["price", "dimension-1", "dimension-2"]);
        applied(&mut t, Op::RemoveDimension { position: 0 });
        assert_eq!(t.dimensions.len(), 2);
        assert!(t.node(a).unwrap().as_outcome().unwrap().profile.is_empty());
        assert_eq!(t.node(q).unwrap().as_question().unwrap().dimension, None);
    }

    #[test]
    fn answers_are_renamed_moved_retargeted_and_removed() {
        let (mut t, q, a, b) = sample();
        let first = t.answers(q)[0].edge;
        applied(
            &mut t,
            Op::SetAnswerText {
                edge: first,
                field: AnswerField::Label,
                value: "Sure".into(),
            },
        );
        applied(
            &mut t,
            Op::SetAnswerText {
                edge: first,
                field: AnswerField::Note,
                value: "why".into(),
            },
        );
        let answer = t.answer(first).unwrap().answer;
        assert_eq!(
            (
                answer.text(AnswerField::Label),
                answer.text(AnswerField::Note)
            ),
            ("Sure", "why")
        );
        applied(
            &mut t,
            Op::MoveAnswer {
                edge: first,
                delta: 1,
            },
        );
        assert_eq!(t.answers(q)[1].answer.label, "Sure");
        applied(&mut t, Op::Retarget { edge: first, to: b });
        assert!(t.answers(q).iter().all(|x| x.to == b));
        let edge = t.answers(q)[0].edge;
        applied(&mut t, Op::RemoveAnswer { edge });
        assert_eq!(t.answers(q).len(), 1);
        assert!(t.node(a).is_some(), "the node it led to stays");
    }

    #[test]
    fn rename_is_refused_for_a_taken_id() {
        let (mut t, q, _, _) = sample();
        let taken = Op::Rename {
            node: q,
            id: "a".into(),
        };
        assert!(taken.apply(&mut t).is_err());
        assert_eq!(t.node(q).unwrap().id, "q");
        applied(
            &mut t,
            Op::Rename {
                node: q,
                id: "start".into(),
            },
        );
        assert_eq!(t.find("start"), Some(q));
    }

    #[test]
    fn convert_only_turns_the_kind_it_names() {
        let (mut t, q, a, _) = sample();
        // A question with answers stays one.
        applied(
            &mut t,
            Op::Convert {
                node: q,
                to_outcome: true,
            },
        );
        assert!(t.node(q).unwrap().is_question());
        // An outcome is not "turned into an outcome".
        applied(
            &mut t,
            Op::Convert {
                node: a,
                to_outcome: true,
            },
        );
        assert!(t.node(a).unwrap().is_outcome());
        applied(
            &mut t,
            Op::Convert {
                node: a,
                to_outcome: false,
            },
        );
        assert_eq!(t.node(a).unwrap().as_question().unwrap().prompt, "A");
    }

    #[test]
    fn operations_describe_themselves() {
        let (t, q, a, _) = sample();
        let edge = t.answers(q)[0].edge;
        let cases = [
            (
                Op::SetAnswerText {
                    edge,
                    field: AnswerField::Label,
                    value: String::new(),
                },
                "rename answer",
            ),
            (
                Op::SetText {
                    node: q,
                    field: TextField::Prompt,
                    value: String::new(),
                },
                "edit prompt",
            ),
            (
                Op::SetText {
                    node: a,
                    field: TextField::SourceUrl(0),
                    value: String::new(),
                },
                "edit source URL",
            ),
            (
                Op::RemoveSource {
                    node: q,
                    position: 0,
                },
                "remove source",
            ),
            (Op::MoveAnswer { edge, delta: -1 }, "move answer up"),
            (Op::MoveAnswer { edge, delta: 1 }, "move answer down"),
            (
                Op::Convert {
                    node: a,
                    to_outcome: false,
                },
                "turn outcome into question",
            ),
            (Op::AddDimension, "add dimension"),
            (
                Op::SetBetter {
                    position: 0,
                    better: Better::Lower,
                },
                "change which end is better",
            ),
            (
                Op::SetRole {
                    node: q,
                    role: Role::Preference,
                },
                "change question role",
            ),
            (
                Op::SetAnswerWeight {
                    edge,
                    dimension: "cost".into(),
                    weight: Some(2),
                },
                "change answer weight",
            ),
        ];
        for (op, text) in cases {
            assert_eq!(op.describe(), text);
        }
    }

    #[test]
    fn only_setting_one_value_merges_and_keys_tell_fields_apart() {
        let (t, q, a, _) = sample();
        let edge = t.answers(q)[0].edge;
        let set = |node, field| Op::SetText {
            node,
            field,
            value: String::new(),
        };
        let keys = [
            set(q, TextField::Prompt).merge_key(),
            set(q, TextField::Help).merge_key(),
            set(a, TextField::Prompt).merge_key(),
            set(q, TextField::SourceUrl(0)).merge_key(),
            set(q, TextField::SourceUrl(1)).merge_key(),
            Op::SetAnswerText {
                edge,
                field: AnswerField::Label,
                value: String::new(),
            }
            .merge_key(),
            Op::SetLevel {
                node: a,
                dimension: "cost".into(),
                level: 1,
            }
            .merge_key(),
            Op::SetAnswerWeight {
                edge,
                dimension: "cost".into(),
                weight: Some(1),
            }
            .merge_key(),
            Op::SetAnswerWeight {
                edge,
                dimension: "speed".into(),
                weight: Some(1),
            }
            .merge_key(),
        ];
        for (i, k) in keys.iter().enumerate() {
            assert!(k.is_some());
            assert!(!keys[..i].contains(k), "{k:?} is used twice");
        }
        assert_eq!(
            set(q, TextField::Prompt).merge_key(),
            Op::SetText {
                node: q,
                field: TextField::Prompt,
                value: "other".into()
            }
            .merge_key(),
            "the value does not matter"
        );
        assert_eq!(Op::RemoveAnswer { edge }.merge_key(), None);
        assert_eq!(Op::AddSource { node: q }.merge_key(), None);
        // A combo box is clicked, a step each time.
        let role = Op::SetRole {
            node: q,
            role: Role::Preference,
        };
        let better = Op::SetBetter {
            position: 0,
            better: Better::Higher,
        };
        assert_eq!((role.merge_key(), better.merge_key()), (None, None));
        let weight = |weight| Op::SetAnswerWeight {
            edge,
            dimension: "cost".into(),
            weight,
        };
        assert_eq!(
            weight(Some(3)).merge_key(),
            weight(None).merge_key(),
            "setting and removing a weight set the same value"
        );
    }

    fn role(t: &Tree, n: NodeIndex) -> Option<Role> {
        t.node(n).and_then(Node::as_question).map(|q| q.role)
    }

    fn weights(t: &Tree, edge: EdgeIndex) -> Vec<(String, i8)> {
        let a = t.answer(edge).unwrap().answer;
        a.weights.iter().map(|(d, &w)| (d.clone(), w)).collect()
    }

    #[test]
    fn better_role_and_weights_are_set_and_taken_back_exactly() {
        let (t, q, a, _) = sample();
        let edge = t.answers(q)[0].edge;
        let weight = |dimension: &str, weight| Op::SetAnswerWeight {
            edge,
            dimension: dimension.into(),
            weight,
        };
        let ops = [
            Op::SetBetter {
                position: 0,
                better: Better::Lower,
            },
            // No such dimension, and an outcome has no role: nothing changes.
            Op::SetBetter {
                position: 3,
                better: Better::Higher,
            },
            Op::SetRole {
                node: a,
                role: Role::Preference,
            },
            Op::SetRole {
                node: q,
                role: Role::Preference,
            },
            weight("cost", Some(3)),
            weight("cost", Some(-2)),
            weight("speed", Some(0)),
            weight("cost", None),
            // Removing what is not there changes nothing.
            weight("cost", None),
        ];
        let mut h = History::new(t.clone());
        let mut states = vec![t];
        for op in &ops {
            h.perform(op, None).unwrap();
            states.push(h.tree().clone());
        }
        let better = |t: &Tree| t.dimensions[0].better;
        assert_eq!(better(&states[0]), Better::Neutral);
        assert_eq!(better(&states[1]), Better::Lower);
        assert!(states[2].same_state(&states[1]));
        assert!(states[3].same_state(&states[2]));
        assert_eq!(role(&states[3], q), Some(Role::Constraint));
        assert_eq!(role(&states[4], q), Some(Role::Preference));
        assert_eq!(weights(&states[5], edge), [("cost".to_owned(), 3)]);
        assert_eq!(weights(&states[6], edge), [("cost".to_owned(), -2)]);
        // A change of 0 is kept as written: only `None` removes the entry.
        assert_eq!(
            weights(&states[7], edge),
            [("cost".to_owned(), -2), ("speed".to_owned(), 0)]
        );
        assert_eq!(weights(&states[8], edge), [("speed".to_owned(), 0)]);
        assert!(states[9].same_state(&states[8]));
        for state in states.iter().rev().skip(1) {
            assert!(h.undo());
            assert!(h.tree().same_state(state));
        }
        assert!(!h.can_undo());
        for state in &states[1..] {
            assert!(h.redo());
            assert!(h.tree().same_state(state));
        }
    }

    #[test]
    fn dragging_a_weight_is_one_step() {
        let (t, q, _, _) = sample();
        let edge = t.answers(q)[1].edge;
        let mut h = History::new(t.clone());
        for w in [Some(1), Some(2), Some(3), None, Some(-1)] {
            let op = Op::SetAnswerWeight {
                edge,
                dimension: "cost".into(),
                weight: w,
            };
            h.perform(&op, op.merge_key()).unwrap();
        }
        assert_eq!(weights(h.tree(), edge), [("cost".to_owned(), -1)]);
        assert_eq!(h.undo_description(), Some("change answer weight"));
        assert!(h.undo());
        assert!(!h.can_undo());
        assert!(h.tree().same_state(&t));
    }

    #[test]
    fn weights_follow_their_dimension_when_it_is_renamed_or_removed() {
        let (mut t, q, _, _) = sample();
        let [first, second] = [0, 1].map(|i| t.answers(q)[i].edge);
        t.answer_mut(first).unwrap().weights = [("cost".to_owned(), 2)].into();
        t.answer_mut(second).unwrap().weights = [("speed".to_owned(), 1)].into();
        let mut h = History::new(t.clone());
        let rename = Op::SetDimensionText {
            position: 0,
            field: DimensionField::Id,
            value: "price".into(),
        };
        h.perform(&rename, None).unwrap();
        assert_eq!(weights(h.tree(), first), [("price".to_owned(), 2)]);
        assert_eq!(
            weights(h.tree(), second),
            [("speed".to_owned(), 1)],
            "another dimension's weight stays"
        );
        let renamed = h.tree().clone();
        h.perform(&Op::RemoveDimension { position: 0 }, None)
            .unwrap();
        assert_eq!(weights(h.tree(), first), []);
        assert_eq!(weights(h.tree(), second), [("speed".to_owned(), 1)]);
        assert!(h.undo());
        assert!(h.tree().same_state(&renamed));
        assert!(h.undo());
        assert!(h.tree().same_state(&t));
    }
}
