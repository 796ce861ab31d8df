//! Conversion between the on-disk document and the model.

use crate::model::rank::{Better, Role};
use crate::model::{
    Answer, Dimension, Lifecycle, Node, NodeIndex, NodeKind, Outcome, Question, Rating, Source,
    Status, Tree,
};

use super::document::{
    AnswerDoc, BetterDoc, DimensionDoc, Document, FORMAT_NAME, FORMAT_VERSION, LifecycleDoc,
    NodeDoc, OutcomeDoc, QuestionDoc, RatingDoc, RoleDoc, SourceDoc, StatusDoc,
};

/// Builds a tree from a document without judging it: duplicate ids are kept, and answers
/// to unknown ids lead to `Missing` placeholders. `Tree::validate` reports both.
pub fn from_document(doc: &Document) -> Tree {
    from_document_owned(doc.clone())
}

/// Like `from_document`, moving the document's text into the tree instead of copying
/// it: loading a large file then allocates (and frees) each string once.
pub fn from_document_owned(doc: Document) -> Tree {
    let mut tree = Tree::new(doc.title);
    tree.description = doc.description;
    tree.review_months = doc.review_months;
    tree.dimensions = doc
        .dimensions
        .into_iter()
        .map(|d| Dimension {
            id: d.id,
            name: d.name,
            description: d.description,
            low: d.low,
            high: d.high,
            better: match d.better {
                BetterDoc::Higher => Better::Higher,
                BetterDoc::Lower => Better::Lower,
                BetterDoc::Neutral => Better::Neutral,
            },
        })
        .collect();
    // Nodes first, so answers can find their targets by id; their answers after.
    let mut pending: Vec<(NodeIndex, Vec<AnswerDoc>)> = Vec::new();
    for doc_node in doc.nodes {
        let (node, answers) = node_from_doc(doc_node);
        let index = tree.add_node(node);
        if !answers.is_empty() {
            pending.push((index, answers));
        }
    }
    for (from, answers) in pending {
        for (order, a) in answers.into_iter().enumerate() {
            let to = tree.find_or_missing(&a.to);
            let order = u32::try_from(order).unwrap_or(u32::MAX);
            let answer = Answer {
                label: a.label,
                note: a.note,
                order,
                weights: a.weights,
            };
            tree.insert_answer(from, to, answer);
        }
    }
    tree
}

/// A node of the tree and, for a question, its answers still to be linked.
fn node_from_doc(node: NodeDoc) -> (Node, Vec<AnswerDoc>) {
    match node {
        NodeDoc::Question(q) => (
            Node {
                id: q.id,
                kind: NodeKind::Question(Question {
                    prompt: q.prompt,
                    help: q.help,
                    dimension: q.dimension,
                    role: match q.role {
                        RoleDoc::Constraint => Role::Constraint,
                        RoleDoc::Preference => Role::Preference,
                    },
                }),
                notes: q.notes,
                sources: q.sources.into_iter().map(source_from_doc).collect(),
            },
            q.answers,
        ),
        NodeDoc::Outcome(o) => (
            Node {
                id: o.id,
                kind: NodeKind::Outcome(Outcome {
                    title: o.title,
                    summary: o.summary,
                    profile: o
                        .profile
                        .into_iter()
                        .map(|(k, r)| {
                            let rating = Rating {
                                level: r.level,
                                note: r.note,
                            };
                            (k, rating)
                        })
                        .collect(),
                    lifecycle: o.lifecycle.map(lifecycle_from_doc).unwrap_or_default(),
                }),
                notes: o.notes,
                sources: o.sources.into_iter().map(source_from_doc).collect(),
            },
            Vec::new(),
        ),
    }
}

fn lifecycle_from_doc(l: LifecycleDoc) -> Lifecycle {
    Lifecycle {
        status: match l.status {
            StatusDoc::Current => Status::Current,
            StatusDoc::Legacy => Status::Legacy,
            StatusDoc::ClosedToNewCustomers => Status::ClosedToNew,
            StatusDoc::Retired => Status::Retired,
        },
        since: l.since,
        replaced_by: l.replaced_by,
        note: l.note,
    }
}

/// `None` for a plain current outcome, so version 1 trees save without the field.
fn lifecycle_to_doc(l: &Lifecycle) -> Option<LifecycleDoc> {
    (!l.is_current()).then(|| LifecycleDoc {
        status: match l.status {
            Status::Current => StatusDoc::Current,
            Status::Legacy => StatusDoc::Legacy,
            Status::ClosedToNew => StatusDoc::ClosedToNewCustomers,
            Status::Retired => StatusDoc::Retired,
        },
        since: l.since.clone(),
        replaced_by: l.replaced_by.clone(),
        note: l.note.clone(),
    })
}

fn source_from_doc(s: SourceDoc) -> Source {
    Source {
        title: s.title,
        url: s.url,
        checked: s.checked,
    }
}

fn source_to_doc(s: &Source) -> SourceDoc {
    SourceDoc {
        title: s.title.clone(),
        url: s.url.clone(),
        checked: s.checked.clone(),
    }
}

/// The document for a tree. Nodes are written in the order a reader meets them: the
/// start node first, then depth first in answer order, then any loose parts, so the
/// file reads top to bottom and saving the same tree twice gives the same bytes.
pub fn to_document(tree: &Tree) -> Document {
    let order = tree.reading_order();
    let nodes = order
        .into_iter()
        .filter_map(|index| {
            let node = tree.node(index)?;
            let sources: Vec<SourceDoc> = node.sources.iter().map(source_to_doc).collect();
            match &node.kind {
                NodeKind::Question(q) => Some(NodeDoc::Question(QuestionDoc {
                    id: node.id.clone(),
                    prompt: q.prompt.clone(),
                    help: q.help.clone(),
                    dimension: q.dimension.clone(),
                    role: match q.role {
                        Role::Constraint => RoleDoc::Constraint,
                        Role::Preference => RoleDoc::Preference,
                    },
                    answers: answers_to_doc(tree, index),
                    notes: node.notes.clone(),
                    sources,
                })),
                NodeKind::Outcome(o) => Some(NodeDoc::Outcome(OutcomeDoc {
                    id: node.id.clone(),
                    title: o.title.clone(),
                    summary: o.summary.clone(),
                    profile: o
                        .profile
                        .iter()
                        .map(|(k, r)| {
                            (
                                k.clone(),
                                RatingDoc {
                                    level: r.level,
                                    note: r.note.clone(),
                                },
                            )
                        })
                        .collect(),
                    lifecycle: lifecycle_to_doc(&o.lifecycle),
                    notes: node.notes.clone(),
                    sources,
                })),
                NodeKind::Missing => None,
            }
        })
        .collect();
    Document {
        format: FORMAT_NAME.to_owned(),
        version: FORMAT_VERSION,
        title: tree.title.clone(),
        review_months: tree.review_months,
        description: tree.description.clone(),
        dimensions: tree
            .dimensions
            .iter()
            .map(|d| DimensionDoc {
                id: d.id.clone(),
                name: d.name.clone(),
                description: d.description.clone(),
                low: d.low.clone(),
                high: d.high.clone(),
                better: match d.better {
                    Better::Higher => BetterDoc::Higher,
                    Better::Lower => BetterDoc::Lower,
                    Better::Neutral => BetterDoc::Neutral,
                },
            })
            .collect(),
        nodes,
    }
}

/// A question's answers as written, in their order.
fn answers_to_doc(tree: &Tree, question: NodeIndex) -> Vec<AnswerDoc> {
    tree.answers(question)
        .iter()
        .map(|a| AnswerDoc {
            label: a.answer.label.clone(),
            to: tree.node(a.to).map(|n| n.id.clone()).unwrap_or_default(),
            note: a.answer.note.clone(),
            weights: a.answer.weights.clone(),
        })
        .collect()
}
