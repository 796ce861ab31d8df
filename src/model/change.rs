//! What takes an edit back. Applying a [`Change`] to a tree returns the change that
//! takes it back in turn, so undo and redo are one motion, and an undo step holds what
//! its edit changed rather than a copy of the tree.
//!
//! Changes put nodes and answers back at the indices they had (the walk and the
//! selection hold indices), with the id map, the generations and the order in which the
//! graph hands out vacant indices as they were. The one thing not restored is the order
//! in which the graph lists one node's answers internally, which nothing relies on: a
//! question's answers are ordered by their `order`.

use std::collections::BTreeMap;

use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef as _;

use super::history::Touched;
use super::ops::Op;
use super::tree::{Answer, Dimension, Node, NodeKind, Rating, Source, Tree};

/// One change to a tree, made by applying it; see the module documentation.
#[derive(Debug, Clone)]
pub(super) enum Change {
    /// Changes nothing (what takes back an edit that changed nothing).
    Nothing,
    /// An operation that sets one value, here to the value it had.
    Op(Op),
    /// The whole tree as it was, for edits given as functions.
    Whole(Box<Tree>),
    /// Several changes, applied last first, as an undo stack is.
    Seq(Vec<Change>),
    /// Nodes' kinds (a question's fields, an outcome's fields and profile).
    Kinds(Vec<(NodeIndex, NodeKind)>),
    /// The declared dimensions.
    Dimensions(Vec<Dimension>),
    /// An outcome's rating on one dimension, or none.
    Rating {
        node: NodeIndex,
        dimension: String,
        rating: Option<Rating>,
    },
    InsertSource {
        node: NodeIndex,
        position: usize,
        source: Source,
    },
    /// Answers' places among their question's answers.
    Orders(Vec<(EdgeIndex, u32)>),
    /// Answers' weights, each answer's whole map.
    Weights(Vec<(EdgeIndex, BTreeMap<String, i8>)>),
    /// Points an answer at `to`, keeping its index.
    MoveEdge {
        edge: EdgeIndex,
        to: NodeIndex,
    },
    /// Puts an answer back at its index.
    PutEdge {
        edge: EdgeIndex,
        from: NodeIndex,
        to: NodeIndex,
        answer: Answer,
    },
    TakeEdge(EdgeIndex),
    /// Puts a node without answers back at its index (its id map entry is a change of
    /// its own).
    PutNode {
        index: NodeIndex,
        node: Node,
    },
    TakeNode(NodeIndex),
    /// A node's id, and the node the id map gives for each of `entries`' ids.
    Rename {
        node: NodeIndex,
        id: String,
        entries: Vec<(String, Option<NodeIndex>)>,
    },
    /// The node the id map gives for each id.
    Ids(Vec<(String, Option<NodeIndex>)>),
}

impl Change {
    /// Makes the change; returns the change that takes it back.
    pub(super) fn apply(self, tree: &mut Tree) -> Change {
        match self {
            Change::Nothing => Change::Nothing,
            Change::Op(op) => op.apply_undoable(tree).undo,
            Change::Whole(mut whole) => {
                std::mem::swap(tree, &mut whole);
                Change::Whole(whole)
            }
            Change::Seq(changes) => Change::Seq(apply_all(changes, tree)),
            Change::Kinds(kinds) => Change::Kinds(
                kinds
                    .into_iter()
                    .filter_map(|(n, kind)| {
                        let node = tree.node_mut(n)?;
                        Some((n, std::mem::replace(&mut node.kind, kind)))
                    })
                    .collect(),
            ),
            Change::Dimensions(d) => Change::Dimensions(std::mem::replace(&mut tree.dimensions, d)),
            Change::Rating {
                node,
                dimension,
                rating,
            } => set_rating(tree, node, dimension, rating),
            Change::InsertSource {
                node,
                position,
                source,
            } => match tree.node_mut(node) {
                Some(n) if position <= n.sources.len() => {
                    n.sources.insert(position, source);
                    Change::Op(Op::RemoveSource { node, position })
                }
                _ => Change::Nothing,
            },
            Change::Orders(orders) => Change::Orders(
                orders
                    .into_iter()
                    .filter_map(|(e, order)| {
                        let a = tree.answer_mut(e)?;
                        Some((e, std::mem::replace(&mut a.order, order)))
                    })
                    .collect(),
            ),
            Change::Weights(weights) => Change::Weights(
                weights
                    .into_iter()
                    .filter_map(|(e, w)| {
                        let a = tree.answer_mut(e)?;
                        Some((e, std::mem::replace(&mut a.weights, w)))
                    })
                    .collect(),
            ),
            structural => structural.apply_structural(tree),
        }
    }

    /// `apply` for the changes to the graph and the id map.
    fn apply_structural(self, tree: &mut Tree) -> Change {
        match self {
            Change::MoveEdge { edge, to } => move_edge(tree, edge, to),
            Change::PutEdge {
                edge,
                from,
                to,
                answer,
            } => {
                if tree.put_edge(edge, from, to, answer) {
                    Change::TakeEdge(edge)
                } else {
                    Change::Nothing
                }
            }
            Change::TakeEdge(edge) => match tree.remove_answer(edge) {
                Some((from, to, answer)) => Change::PutEdge {
                    edge,
                    from,
                    to,
                    answer,
                },
                None => Change::Nothing,
            },
            Change::PutNode { index, node } => {
                if tree.put_node(index, node) {
                    Change::TakeNode(index)
                } else {
                    Change::Nothing
                }
            }
            Change::TakeNode(index) => match tree.take_node(index) {
                Some(node) => Change::PutNode { index, node },
                None => Change::Nothing,
            },
            Change::Rename { node, id, entries } => match tree.set_id_raw(node, id) {
                Some(id) => Change::Rename {
                    node,
                    id,
                    entries: set_entries(tree, entries),
                },
                None => Change::Nothing,
            },
            Change::Ids(entries) => Change::Ids(set_entries(tree, entries)),
            _ => unreachable!("the other changes are applied by `Change::apply`"),
        }
    }

    /// Adds `later`, what takes back an edit made after the ones `changes` take back
    /// (the next keystroke in the same field), to them: `changes` are applied last
    /// first, so `later` goes last, unless the last change already covers it.
    pub(super) fn push_onto(changes: &mut Vec<Change>, later: Change) {
        let Some(last) = changes.last_mut() else {
            changes.push(later);
            return;
        };
        match (last, later) {
            (_, Change::Nothing) | (Change::Whole(_), _) => {}
            (last @ Change::Nothing, later) => *last = later,
            (
                Change::Rename { node, entries, .. },
                Change::Rename {
                    node: n,
                    entries: e,
                    ..
                },
            ) if *node == n => {
                // Taking the later rename back, then this one, leaves this one's id and
                // entries, and the later one's entries for the ids only it names.
                for (id, index) in e {
                    if !entries.iter().any(|(known, _)| *known == id) {
                        entries.push((id, index));
                    }
                }
            }
            (last, later) if last.covers(&later) => {}
            (_, later) => changes.push(later),
        }
    }

    /// Whether applying `later` and then this change comes to applying this change
    /// alone: both set the same single value.
    fn covers(&self, later: &Change) -> bool {
        match (self, later) {
            (Change::Op(a), Change::Op(b)) => {
                matches!(
                    a,
                    Op::SetTreeText { .. }
                        | Op::SetDimensionText { .. }
                        | Op::SetText { .. }
                        | Op::SetAnswerText { .. }
                        | Op::SetAnswerWeight { .. }
                ) && std::mem::discriminant(a) == std::mem::discriminant(b)
                    && a.merge_key() == b.merge_key()
            }
            (
                Change::Rating {
                    node, dimension, ..
                },
                Change::Rating {
                    node: n,
                    dimension: d,
                    ..
                },
            ) => node == n && dimension == d,
            _ => false,
        }
    }
}

/// Applies `changes` last first; returns what takes them back, in the same form.
pub(super) fn apply_all(changes: Vec<Change>, tree: &mut Tree) -> Vec<Change> {
    changes.into_iter().rev().map(|c| c.apply(tree)).collect()
}

fn set_rating(
    tree: &mut Tree,
    node: NodeIndex,
    dimension: String,
    rating: Option<Rating>,
) -> Change {
    let Some(NodeKind::Outcome(o)) = tree.node_mut(node).map(|n| &mut n.kind) else {
        return Change::Nothing;
    };
    let before = match rating {
        Some(r) => o.profile.insert(dimension.clone(), r),
        None => o.profile.remove(&dimension),
    };
    Change::Rating {
        node,
        dimension,
        rating: before,
    }
}

fn move_edge(tree: &mut Tree, edge: EdgeIndex, to: NodeIndex) -> Change {
    let Some(was) = tree.answer(edge).map(|a| a.to) else {
        return Change::Nothing;
    };
    if tree.node(to).is_none() {
        return Change::Nothing;
    }
    let moved = tree.retarget(edge, to);
    debug_assert_eq!(
        moved,
        Some(edge),
        "the freed index is handed out again first"
    );
    Change::MoveEdge { edge, to: was }
}

/// Sets id map entries (each id once); returns what they were.
fn set_entries(
    tree: &mut Tree,
    entries: Vec<(String, Option<NodeIndex>)>,
) -> Vec<(String, Option<NodeIndex>)> {
    entries
        .into_iter()
        .map(|(id, index)| {
            let before = tree.set_id_entry(id.clone(), index);
            (id, before)
        })
        .collect()
}

/// `Tree::drop_unused_placeholders`, returning what puts them back.
pub(super) fn drop_unused_placeholders(tree: &mut Tree) -> Change {
    let unused: Vec<NodeIndex> = tree
        .all_nodes()
        .filter(|(i, n)| n.is_missing() && tree.incoming(*i).is_empty())
        .map(|(i, _)| i)
        .collect();
    if unused.is_empty() {
        return Change::Nothing;
    }
    Change::Seq(
        unused
            .into_iter()
            .map(|n| remove_unlinked(tree, n))
            .collect(),
    )
}

/// Removes a node no answer leads into or out of; returns what puts it back.
fn remove_unlinked(tree: &mut Tree, index: NodeIndex) -> Change {
    let Some(id) = tree.node(index).map(|n| n.id.clone()) else {
        return Change::Nothing;
    };
    let entry = tree.find(&id);
    match tree.remove_node(index) {
        Some(node) => Change::Seq(vec![
            Change::PutNode { index, node },
            Change::Ids(vec![(id, entry)]),
        ]),
        None => Change::Nothing,
    }
}

/// What applying an operation did.
pub(super) struct Applied {
    /// Refused (an id another node has), or done.
    pub(super) result: Result<(), String>,
    /// What takes it back.
    pub(super) undo: Change,
    pub(super) touched: Touched,
}

impl Applied {
    pub(super) fn nothing() -> Self {
        Self::done(Change::Nothing, Touched::Nothing)
    }

    pub(super) fn done(undo: Change, touched: Touched) -> Self {
        Self {
            result: Ok(()),
            undo,
            touched,
        }
    }
}

/// `Tree::rename`, returning what takes it back: the id and the id map's entries for
/// the old and the new id, and, when the new id was a placeholder's (the rename repairs
/// the answers that led to it), the placeholder and where those answers led.
pub(super) fn rename(tree: &mut Tree, node: NodeIndex, id: &str) -> Applied {
    let Some(old) = tree.node(node).map(|n| n.id.clone()) else {
        return refused(tree.rename(node, id));
    };
    let mut ids = vec![old.clone()];
    if id != old {
        ids.push(id.to_owned());
    }
    let entries: Vec<(String, Option<NodeIndex>)> = ids
        .into_iter()
        .map(|i| {
            let entry = tree.find(&i);
            (i, entry)
        })
        .collect();
    let placeholder = tree
        .find(id)
        .filter(|&p| p != node && tree.node(p).is_some_and(Node::is_missing));
    let repaired = placeholder.and_then(|p| {
        let waiting: Vec<EdgeIndex> = tree
            .graph()
            .edges_directed(p, Direction::Incoming)
            .map(|e| e.id())
            .collect();
        Some((p, tree.node(p)?.clone(), waiting))
    });
    if let Err(e) = tree.rename(node, id) {
        return refused(Err(e));
    }
    let undo = Change::Rename {
        node,
        id: old.clone(),
        entries,
    };
    match repaired {
        None => Applied::done(undo, Touched::Id { node, old }),
        Some((index, placeholder, waiting)) => {
            let mut changes: Vec<Change> = waiting
                .into_iter()
                .map(|edge| Change::MoveEdge { edge, to: index })
                .collect();
            changes.push(Change::PutNode {
                index,
                node: placeholder,
            });
            changes.push(undo);
            Applied::done(Change::Seq(changes), Touched::Anything)
        }
    }
}

fn refused(result: Result<(), String>) -> Applied {
    Applied {
        result,
        undo: Change::Nothing,
        touched: Touched::Nothing,
    }
}
