//! Undo and redo through inverse changes: over random operations, undos, redos and
//! edits given as functions on a generated tree, every revision comes back exactly as it
//! was (down to node and answer indices, the id map and the order vacant indices are
//! handed out in), and validation done after each change only where it touched the tree
//! gives what validating the whole tree gives.

use std::collections::HashMap;

use petgraph::visit::NodeIndexable as _;
use proptest::prelude::*;

use super::{History, Touched};
use crate::model::generate::decision_dag;
use crate::model::{
    AnswerField, Better, DeleteMode, Dimension, DimensionField, EdgeIndex, Node, NodeIndex,
    NodeKind, Op, Rating, Reach, Role, Source, Status, TextField, Tree, TreeField,
};

/// A generated tree with what the generator never makes: dimensions, ratings and
/// question tags, preference questions and answers' weights (some on an undeclared
/// dimension or out of range), sources, a placeholder for a missing target, an id two
/// nodes hold, and vacant indices from removed nodes and answers.
fn start(nodes: usize, seed: u64) -> Tree {
    let mut t = decision_dag(nodes, 0.2, seed);
    t.dimensions = ["cost", "risk"]
        .map(|id| Dimension {
            id: id.into(),
            name: id.to_uppercase(),
            ..Dimension::default()
        })
        .to_vec();
    let all: Vec<NodeIndex> = t.nodes().map(|(i, _)| i).collect();
    for (k, &i) in all.iter().enumerate() {
        let n = t.node_mut(i).unwrap();
        match &mut n.kind {
            NodeKind::Outcome(o) if k % 3 == 0 => {
                let rating = Rating {
                    level: (k % 6) as u8,
                    note: format!("note {k}"),
                };
                o.profile.insert("cost".into(), rating);
            }
            NodeKind::Question(q) if k % 4 == 0 => q.dimension = Some("risk".into()),
            NodeKind::Question(q) if k % 4 == 1 => q.role = Role::Preference,
            _ => {}
        }
        if k % 5 == 0 {
            n.sources.push(Source {
                title: format!("source {k}"),
                url: "ftp://x".into(),
                checked: String::new(),
            });
        }
    }
    let question = |t: &Tree, k: usize| {
        let qs: Vec<NodeIndex> = t
            .nodes()
            .filter(|(_, n)| n.is_question())
            .map(|(i, _)| i)
            .collect();
        qs[k % qs.len()]
    };
    let edges: Vec<EdgeIndex> = t.graph().edge_indices().collect();
    for (k, &e) in edges.iter().enumerate().filter(|(k, _)| k % 3 == 0) {
        let weights = &mut t.answer_mut(e).unwrap().weights;
        weights.insert(
            ["cost", "risk", "speed"][k / 3 % 3].into(),
            (k % 15) as i8 - 7,
        );
    }
    let ghost = t.find_or_missing("ghost");
    let q = question(&t, 1);
    t.add_answer(q, ghost, "To a missing node");
    let twin = t.add_node(Node::outcome(t.graph()[all[3]].id.clone(), "A twin"));
    let q = question(&t, 2);
    t.add_answer(q, twin, "To the twin");
    let doomed = question(&t, 5);
    t.delete(doomed, DeleteMode::KeepChildren);
    let edge = t.graph().edge_indices().nth(3).unwrap();
    t.remove_answer(edge);
    t
}

#[derive(Debug, Clone)]
enum Action {
    /// An operation of kind `.0` on what `.1` and `.2` pick, with text `.3`, typed
    /// (merging with the one before) when `.4`.
    Op(u8, usize, usize, String, bool),
    Undo,
    Redo,
    Seal,
    /// An edit given as a function: a new child, or a node deleted.
    Function(usize, bool),
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        8 => (0u8..22, any::<usize>(), any::<usize>(), "[a-c ]{0,3}", any::<bool>())
            .prop_map(|(k, a, b, s, typed)| Action::Op(k, a, b, s, typed)),
        3 => Just(Action::Undo),
        2 => Just(Action::Redo),
        1 => Just(Action::Seal),
        1 => (any::<usize>(), any::<bool>()).prop_map(|(a, b)| Action::Function(a, b)),
    ]
}

/// A node index: mostly a node's, sometimes vacant or past the last.
fn node(t: &Tree, k: usize) -> NodeIndex {
    NodeIndex::new(k % (t.graph().node_bound() + 1))
}

fn edge(t: &Tree, k: usize) -> EdgeIndex {
    use petgraph::visit::EdgeIndexable as _;
    EdgeIndex::new(k % (t.graph().edge_bound() + 1))
}

fn op(t: &Tree, kind: u8, a: usize, b: usize, s: String) -> Op {
    let dimension = if b.is_multiple_of(2) { "cost" } else { "risk" }.to_owned();
    match kind {
        0 => Op::SetTreeText {
            field: [TreeField::Title, TreeField::Description][b % 2],
            value: s,
        },
        1 => Op::SetDimensionText {
            position: a % 3,
            field: [
                DimensionField::Id,
                DimensionField::Name,
                DimensionField::Low,
                DimensionField::High,
            ][b % 4],
            value: s,
        },
        2 if a.is_multiple_of(2) => Op::AddDimension,
        2 => Op::RemoveDimension { position: b % 3 },
        3 => Op::Rename {
            node: node(t, a),
            id: match b % 4 {
                0 => "ghost".to_owned(),
                1 => t.node(node(t, b / 4)).map(|n| n.id.clone()).unwrap_or(s),
                _ => s,
            },
        },
        4 => Op::SetText {
            node: node(t, a),
            field: [
                TextField::Prompt,
                TextField::Help,
                TextField::Title,
                TextField::Summary,
                TextField::Notes,
                TextField::SourceTitle(0),
                TextField::SourceUrl(1),
                TextField::SourceChecked(0),
                TextField::RatingNote("cost".into()),
                TextField::LifecycleSince,
                TextField::LifecycleReplacedBy,
                TextField::LifecycleNote,
            ][b % 12]
                .clone(),
            value: s,
        },
        5 => Op::SetQuestionDimension {
            node: node(t, a),
            dimension: [None, Some(dimension), Some(s)][b % 3].clone(),
        },
        6 => Op::Rate {
            node: node(t, a),
            dimension,
        },
        7 => Op::SetLevel {
            node: node(t, a),
            dimension,
            level: (b % 7) as u8,
        },
        8 => Op::Unrate {
            node: node(t, a),
            dimension,
        },
        9 => Op::AddSource { node: node(t, a) },
        10 => Op::RemoveSource {
            node: node(t, a),
            position: b % 3,
        },
        11 => Op::SetAnswerText {
            edge: edge(t, a),
            field: [AnswerField::Label, AnswerField::Note][b % 2],
            value: s,
        },
        12 => Op::Retarget {
            edge: edge(t, a),
            to: node(t, b),
        },
        13 => Op::MoveAnswer {
            edge: edge(t, a),
            delta: (b % 3) as isize - 1,
        },
        14 => Op::RemoveAnswer { edge: edge(t, a) },
        15 => Op::Convert {
            node: node(t, a),
            to_outcome: b.is_multiple_of(2),
        },
        16 => Op::SetLifecycle {
            node: node(t, a),
            status: Status::ALL[b % 4],
        },
        17 => Op::SetReviewMonths {
            months: [None, Some(1), Some(12)][b % 3],
        },
        18 => Op::SetBetter {
            position: a % 3,
            better: [Better::Higher, Better::Lower, Better::Neutral][b % 3],
        },
        19 => Op::SetRole {
            node: node(t, a),
            role: [Role::Constraint, Role::Preference][b % 2],
        },
        // Dragging a weight: from -7 to 7, or taken out; "speed" is not declared.
        20 => Op::SetAnswerWeight {
            edge: edge(t, a),
            dimension: ["cost", "risk", "speed"][b % 3].to_owned(),
            weight: ((b / 3) % 16).checked_sub(1).map(|w| w as i8 - 7),
        },
        // Typing into a node's id, a character at a time.
        _ => {
            let n = node(t, a);
            let id = t.node(n).map(|x| format!("{}{}", x.id, s)).unwrap_or(s);
            Op::Rename { node: n, id }
        }
    }
}

fn act(h: &mut History, action: &Action) {
    match action.clone() {
        Action::Op(kind, a, b, s, typed) => {
            let op = op(h.tree(), kind, a, b, s);
            let merge = if typed { op.merge_key() } else { None };
            let _ = h.perform(&op, merge);
        }
        Action::Undo => {
            h.undo();
        }
        Action::Redo => {
            h.redo();
        }
        Action::Seal => h.seal(),
        Action::Function(a, child) => {
            let n = node(h.tree(), a);
            if child && h.tree().node(n).is_some_and(Node::is_question) {
                h.apply(None, |t| {
                    t.add_child(n, a % 2 == 0, "new");
                });
            } else if h.tree().node(n).is_some() {
                h.apply(None, |t| t.delete(n, DeleteMode::KeepChildren));
            }
        }
    }
}

/// Where each node can lead, by index, to compare two `Reach`es.
fn leads(reach: &Reach, tree: &Tree) -> Vec<(Vec<NodeIndex>, usize, bool)> {
    (0..tree.graph().node_bound())
        .map(|i| {
            let l = reach.leads(NodeIndex::new(i));
            (l.first.to_vec(), l.total, l.exact)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_revision_comes_back_exactly(
        nodes in 12usize..60,
        seed in 0u64..1000,
        actions in prop::collection::vec(action(), 1..60),
    ) {
        let original = start(nodes, seed);
        let mut h = History::new(original.clone());
        let mut states: HashMap<u64, Tree> = HashMap::from([(0, original.clone())]);
        for a in &actions {
            act(&mut h, a);
            match states.get(&h.revision()) {
                Some(before) => prop_assert!(
                    h.tree().same_state(before),
                    "revision {} differs from when it was made, after {:?}", h.revision(), a
                ),
                None => {
                    states.insert(h.revision(), h.tree().clone());
                }
            }
        }
        let end = (h.revision(), h.tree().clone());
        while h.undo() {}
        prop_assert!(h.tree().same_state(&original));
        prop_assert_eq!(h.revision(), 0);
        while h.redo() {}
        prop_assert!(h.tree().same_state(&states[&h.revision()]));
        if !h.can_redo() && end.0 == h.revision() {
            prop_assert!(h.tree().same_state(&end.1));
        }
    }

    #[test]
    fn validating_what_a_change_touched_is_validating_everything(
        nodes in 12usize..40,
        seed in 0u64..1000,
        actions in prop::collection::vec(action(), 1..40),
    ) {
        let mut h = History::new(start(nodes, seed));
        let mut problems = h.tree().validate();
        let mut reach = Reach::new(h.tree());
        let mut validated = h.revision();
        for a in &actions {
            act(&mut h, a);
            let touched = h.touched_since(validated);
            let t = h.tree();
            if touched == Touched::Anything {
                reach = Reach::new(t);
            }
            if !t.revalidate(&mut problems, &touched) {
                problems = t.validate();
            }
            validated = h.revision();
            prop_assert_eq!(&problems, &t.validate(), "after {:?}, touched {:?}", a, touched);
            prop_assert_eq!(leads(&reach, t), leads(&Reach::new(t), t));
        }
    }
}

#[test]
fn a_step_keeps_the_edit_not_the_tree() {
    let mut h = History::new(decision_dag(2_000, 0.2, 1));
    let q = h.tree().root().unwrap();
    for ch in ["a", "b", "c"] {
        let op = Op::SetText {
            node: q,
            field: TextField::Prompt,
            value: format!("Prompt {ch}"),
        };
        h.perform(&op, None).unwrap();
    }
    for step in &h.undo {
        assert!(
            matches!(step.changes[..], [super::Change::Op(Op::SetText { .. })]),
            "{:?}",
            step.changes
        );
    }
}

#[test]
fn typing_merges_into_one_change_per_field() {
    let mut h = History::new(decision_dag(50, 0.2, 1));
    let q = h.tree().root().unwrap();
    let before = h.tree().clone();
    let mut id = h.tree().node(q).unwrap().id.clone();
    for ch in "abcdef".chars() {
        id.push(ch);
        let op = Op::Rename {
            node: q,
            id: id.clone(),
        };
        h.perform(&op, op.merge_key()).unwrap();
        let label = format!("Prompt {ch}");
        let op = Op::SetText {
            node: q,
            field: TextField::Prompt,
            value: label,
        };
        // Another field: its own step.
        h.perform(&op, op.merge_key()).unwrap();
    }
    assert_eq!(h.undo.len(), 12, "the fields alternate, so nothing merges");
    let mut h = History::new(before.clone());
    let mut id = before.node(q).unwrap().id.clone();
    for ch in "abcdef".chars() {
        id.push(ch);
        let op = Op::Rename {
            node: q,
            id: id.clone(),
        };
        h.perform(&op, op.merge_key()).unwrap();
    }
    assert_eq!(h.undo.len(), 1);
    assert_eq!(h.undo[0].changes.len(), 1, "renames merge into one change");
    assert_eq!(
        h.touched_since(h.revision() - 1),
        Touched::Id {
            node: q,
            old: id[..id.len() - 1].to_owned(),
        }
    );
    assert!(h.undo());
    assert!(h.tree().same_state(&before));
    assert!(h.tree().find(&id).is_none());
    assert!(h.redo());
    assert_eq!(h.tree().find(&id), Some(q));
}
