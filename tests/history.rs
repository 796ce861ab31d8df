//! Undo and redo over random edits: undoing everything gives back the original tree,
//! and every edit leaves a tree that saves and loads (reporting its problems, if any).
//! The edits include the trade-off fields: a question's role, an answer's weights
//! (dragged, so merged, and some on an undeclared dimension or out of range), and which
//! end of a dimension is better.

mod common;

use proptest::prelude::*;
use tradeoff::format;
use tradeoff::model::{
    AnswerField, Better, DeleteMode, History, MergeKey, NodeIndex, Op as TreeOp, Role, TextField,
    Tree,
};

#[derive(Debug, Clone)]
enum Op {
    AddChild(usize, bool),
    Link(usize, usize),
    Delete(usize, bool),
    MoveAnswer(usize, bool),
    Retarget(usize, usize),
    Convert(usize),
    CopyPaste(usize, Option<usize>),
    Duplicate(usize),
    Rename(usize, String),
    Type(usize, String),
    /// Makes a node a preference question (true) or a constraint.
    SetRole(usize, bool),
    /// Drags an answer's weight for a dimension to each value in turn (0 takes it out).
    Weigh(usize, usize, Vec<i8>),
    SetBetter(usize, usize),
    Undo,
    Redo,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0usize..50, any::<bool>()).prop_map(|(a, b)| Op::AddChild(a, b)),
        (0usize..50, 0usize..50).prop_map(|(a, b)| Op::Link(a, b)),
        (0usize..50, any::<bool>()).prop_map(|(a, b)| Op::Delete(a, b)),
        (0usize..50, any::<bool>()).prop_map(|(a, b)| Op::MoveAnswer(a, b)),
        (0usize..50, 0usize..50).prop_map(|(a, b)| Op::Retarget(a, b)),
        (0usize..50).prop_map(Op::Convert),
        (0usize..50, prop::option::of(0usize..50)).prop_map(|(a, b)| Op::CopyPaste(a, b)),
        (0usize..50).prop_map(Op::Duplicate),
        (0usize..50, "[a-z]{1,6}").prop_map(|(a, s)| Op::Rename(a, s)),
        (0usize..50, "\\PC{0,5}").prop_map(|(a, s)| Op::Type(a, s)),
        (0usize..50, any::<bool>()).prop_map(|(a, b)| Op::SetRole(a, b)),
        (0usize..50, 0usize..3, prop::collection::vec(-7i8..=7, 1..4))
            .prop_map(|(a, d, w)| Op::Weigh(a, d, w)),
        (0usize..3, 0usize..3).prop_map(|(a, b)| Op::SetBetter(a, b)),
        Just(Op::Undo),
        Just(Op::Redo),
    ]
}

fn nth_node(t: &Tree, n: usize) -> Option<NodeIndex> {
    let nodes: Vec<NodeIndex> = t.nodes().map(|(i, _)| i).collect();
    (!nodes.is_empty()).then(|| nodes[n % nodes.len()])
}

fn nth_edge(t: &Tree, n: usize) -> Option<petgraph::stable_graph::EdgeIndex> {
    let edges: Vec<_> = t.graph().edge_indices().collect();
    (!edges.is_empty()).then(|| edges[n % edges.len()])
}

/// Applies one operation through the history; returns whether it changed the history.
fn apply(h: &mut History, op: &Op) {
    let t = h.tree().clone();
    match op.clone() {
        Op::AddChild(n, outcome) => {
            if let Some(q) = nth_node(&t, n).filter(|&q| t.node(q).is_some_and(|x| x.is_question()))
            {
                h.apply(None, |t| {
                    t.add_child(q, outcome, "new");
                });
            }
        }
        Op::Link(a, b) => {
            // The editor offers links on questions only: an outcome's answers have no
            // place in the file (validation reports them as an error).
            let q = nth_node(&t, a).filter(|&q| t.node(q).is_some_and(|x| x.is_question()));
            if let (Some(q), Some(to)) = (q, nth_node(&t, b)) {
                h.apply(None, |t| {
                    t.add_answer(q, to, "link");
                });
            }
        }
        Op::Delete(n, sub) => {
            if let Some(x) = nth_node(&t, n) {
                h.apply(None, |t| {
                    t.delete(
                        x,
                        if sub {
                            DeleteMode::WithSubtree
                        } else {
                            DeleteMode::KeepChildren
                        },
                    )
                });
            }
        }
        Op::MoveAnswer(n, up) => {
            if let Some(e) = nth_edge(&t, n) {
                h.apply(None, |t| t.move_answer(e, if up { -1 } else { 1 }));
            }
        }
        Op::Retarget(a, b) => {
            if let (Some(e), Some(to)) = (nth_edge(&t, a), nth_node(&t, b)) {
                h.apply(None, |t| {
                    t.retarget(e, to);
                });
            }
        }
        Op::Convert(n) => {
            if let Some(x) = nth_node(&t, n) {
                h.apply(None, |t| {
                    t.convert(x);
                });
            }
        }
        Op::CopyPaste(a, b) => {
            if let Some(x) = nth_node(&t, a) {
                let fragment = t.fragment(x);
                let parent = b
                    .and_then(|b| nth_node(&t, b))
                    .filter(|&p| t.node(p).is_some_and(|n| n.is_question()));
                h.apply(None, |t| {
                    t.paste(&fragment, parent.map(|p| (p, "pasted")));
                });
            }
        }
        Op::Duplicate(n) => {
            if let Some(x) = nth_node(&t, n) {
                h.apply(None, |t| {
                    t.duplicate(x);
                });
            }
        }
        Op::Rename(n, id) => {
            if let Some(x) = nth_node(&t, n) {
                h.apply(None, |t| {
                    let _ = t.rename(x, &id);
                });
            }
        }
        Op::Type(n, text) => {
            if let Some(x) = nth_node(&t, n) {
                // Typing into one field: merged steps.
                for ch in text.chars() {
                    h.apply(Some(MergeKey(format!("notes:{}", x.index()))), |t| {
                        if let Some(node) = t.node_mut(x) {
                            node.notes.push(ch);
                        }
                    });
                }
                h.seal();
            }
        }
        Op::SetRole(n, preference) => {
            if let Some(node) = nth_node(&t, n) {
                let role = if preference {
                    Role::Preference
                } else {
                    Role::Constraint
                };
                let _ = h.perform(&TreeOp::SetRole { node, role }, None);
            }
        }
        Op::Weigh(n, d, values) => {
            if let Some(edge) = nth_edge(&t, n) {
                // "speed" is not a dimension of the sample.
                let dimension = ["cost", "risk", "speed"][d].to_owned();
                for w in values {
                    let op = TreeOp::SetAnswerWeight {
                        edge,
                        dimension: dimension.clone(),
                        weight: (w != 0).then_some(w),
                    };
                    let _ = h.perform(&op, op.merge_key());
                }
                h.seal();
            }
        }
        Op::SetBetter(position, b) => {
            let better = [Better::Higher, Better::Lower, Better::Neutral][b];
            let _ = h.perform(&TreeOp::SetBetter { position, better }, None);
        }
        Op::Undo => {
            h.undo();
        }
        Op::Redo => {
            h.redo();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn undoing_every_edit_gives_back_the_original(ops in prop::collection::vec(op(), 1..40)) {
        let original = common::sample();
        let mut h = History::new(original.clone());
        for op in &ops {
            apply(&mut h, op);
            // Every state can be saved and loaded again; problems are reported, not fatal.
            let text = format::to_json(h.tree());
            let loaded = format::load_str_lenient(&text).expect("an edited tree always reloads");
            prop_assert!(h.tree().same_content(&loaded.tree));
            prop_assert_eq!(loaded.problems.len(), h.tree().validate().len());
        }
        while h.undo() {}
        prop_assert!(h.tree().same_content(&original));
        prop_assert_eq!(h.revision(), 0, "back at the start revision, so not unsaved");
        // And redo replays to the end again.
        let mut redone = 0;
        while h.redo() { redone += 1; }
        prop_assert!(redone > 0 || ops.iter().all(|o| matches!(o, Op::Undo | Op::Redo)) || !h.can_undo());
    }
}

#[test]
fn typing_in_one_field_is_one_undo_step() {
    let mut h = History::new(common::sample());
    let start = h.tree().find("start").unwrap();
    for ch in "hello".chars() {
        h.apply(Some(MergeKey("prompt".into())), |t| {
            if let Some(tradeoff::model::NodeKind::Question(q)) =
                t.node_mut(start).map(|n| &mut n.kind)
            {
                q.prompt.push(ch);
            }
        });
    }
    assert!(h.tree().node(start).unwrap().label().ends_with("hello"));
    assert!(h.undo());
    assert_eq!(h.tree().node(start).unwrap().label(), "How big?");
    assert!(!h.undo());
}

#[test]
fn a_new_edit_clears_redo_and_revisions_identify_states() {
    let mut h = History::new(common::sample());
    let start = h.tree().find("start").unwrap();
    h.apply(None, |t| t.title = "A".into());
    let a = h.revision();
    h.undo();
    assert_eq!(h.revision(), 0);
    h.redo();
    assert_eq!(h.revision(), a);
    h.undo();
    h.apply(None, |t| {
        t.add_child(start, true, "x");
    });
    assert!(!h.can_redo());
    assert_ne!(
        h.revision(),
        a,
        "a different state gets a different revision"
    );
}

#[test]
fn delete_with_and_without_subtree() {
    let mut t = common::sample();
    let scale = t.find("scale").unwrap();
    // "scale" leads to the shared question (also reached from start) and to o-c.
    assert_eq!(t.exclusive_subtree(scale).len(), 2);
    let mut with = t.clone();
    with.delete(scale, DeleteMode::WithSubtree);
    assert!(with.find("o-c").is_none() && with.find("size-shared").is_some());
    t.delete(scale, DeleteMode::KeepChildren);
    assert!(t.find("o-c").is_some());
    assert_eq!(t.roots().len(), 2, "o-c is now a loose part");
}

#[test]
fn paste_gives_fresh_ids_and_keeps_inner_answers() {
    let mut t = common::sample();
    let shared = t.find("size-shared").unwrap();
    let fragment = t.fragment(shared);
    assert_eq!(fragment.nodes.len(), 3);
    let scale = t.find("scale").unwrap();
    let root = t.paste(&fragment, Some((scale, "Again"))).unwrap();
    assert_eq!(t.node(root).unwrap().id, "size-shared-copy");
    assert_eq!(t.answers(root).len(), 2);
    assert!(t.find("o-a-copy").is_some());
    assert_eq!(t.validate(), vec![]);
}

// ----- what each step is called -----

fn rename_first_answer(h: &History, question: NodeIndex) -> TreeOp {
    let edge = h.tree().answers(question)[0].edge;
    TreeOp::SetAnswerText {
        edge,
        field: AnswerField::Label,
        value: "Renamed".into(),
    }
}

#[test]
fn undo_and_redo_say_what_they_would_take_back_or_make_again() {
    let mut h = History::new(common::sample());
    let start = h.tree().find("start").unwrap();
    assert_eq!(h.undo_description(), None);
    assert_eq!(h.redo_description(), None);

    let rename = rename_first_answer(&h, start);
    h.perform(&rename, None).unwrap();
    h.perform(&TreeOp::AddSource { node: start }, None).unwrap();
    assert_eq!(h.tree().answers(start)[0].answer.label, "Renamed");
    assert_eq!(h.undo_description(), Some("add source"));

    assert!(h.undo());
    assert_eq!(h.undo_description(), Some("rename answer"));
    assert_eq!(h.redo_description(), Some("add source"));
    assert!(h.undo());
    assert_eq!(h.undo_description(), None);
    assert_eq!(h.redo_description(), Some("rename answer"));
    assert_ne!(h.tree().answers(start)[0].answer.label, "Renamed");

    assert!(h.redo());
    assert_eq!(h.undo_description(), Some("rename answer"));
    assert_eq!(h.redo_description(), Some("add source"));
    // A new edit clears what could be redone, and its name with it.
    h.apply(None, |t| t.title = "New".into());
    assert_eq!(h.redo_description(), None);
    assert_eq!(h.undo_description(), Some(History::UNNAMED));
}

#[test]
fn typing_in_one_field_is_one_step_with_one_name() {
    let mut h = History::new(common::sample());
    let start = h.tree().find("start").unwrap();
    let mut prompt = h.tree().node(start).unwrap().label().to_owned();
    for ch in "abc".chars() {
        prompt.push(ch);
        let op = TreeOp::SetText {
            node: start,
            field: TextField::Prompt,
            value: prompt.clone(),
        };
        h.perform(&op, op.merge_key()).unwrap();
    }
    assert_eq!(h.undo_description(), Some("edit prompt"));
    assert!(h.undo());
    assert_eq!(h.tree().node(start).unwrap().label(), "How big?");
    assert!(!h.can_undo(), "three keystrokes, one step");
    assert_eq!(h.redo_description(), Some("edit prompt"));
}

#[test]
fn a_refused_rename_leaves_the_tree_as_it_was() {
    let mut h = History::new(common::sample());
    let start = h.tree().find("start").unwrap();
    let before = h.tree().clone();
    let taken = TreeOp::Rename {
        node: start,
        id: "scale".into(),
    };
    assert!(h.perform(&taken, taken.merge_key()).is_err());
    assert!(h.tree().same_content(&before));
    assert_eq!(h.tree().node(start).unwrap().id, "start");
}
