//! Shared helpers for the integration tests.
#![allow(dead_code)]

pub mod ui;

use tradeoff::model::{Dimension, Node, NodeIndex, Rating, Tree};

/// A small valid tree with a shared sub-decision:
/// start -(Small)-> size-shared, start -(Large)-> scale -(Up)-> size-shared / -(Out)-> o-c;
/// size-shared -(Yes)-> o-a / -(No)-> o-b.
pub fn sample() -> Tree {
    let mut t = Tree::new("Sample");
    t.dimensions = vec![
        Dimension {
            id: "cost".into(),
            name: "Cost".into(),
            ..Default::default()
        },
        Dimension {
            id: "risk".into(),
            name: "Risk".into(),
            ..Default::default()
        },
    ];
    let start = t.add_node(question("start", "How big?", "cost"));
    let scale = t.add_node(question("scale", "Scale how?", "risk"));
    let shared = t.add_node(question("size-shared", "Keep state?", "risk"));
    let a = t.add_node(outcome("o-a", "Outcome A"));
    let b = t.add_node(outcome("o-b", "Outcome B"));
    let c = t.add_node(outcome("o-c", "Outcome C"));
    t.add_answer(start, shared, "Small");
    t.add_answer(start, scale, "Large");
    t.add_answer(scale, shared, "Up");
    t.add_answer(scale, c, "Out");
    t.add_answer(shared, a, "Yes");
    t.add_answer(shared, b, "No");
    t
}

pub fn question(id: &str, prompt: &str, dim: &str) -> Node {
    let mut n = Node::question(id, prompt);
    if let tradeoff::model::NodeKind::Question(q) = &mut n.kind {
        q.dimension = Some(dim.to_owned());
    }
    n
}

pub fn outcome(id: &str, title: &str) -> Node {
    let mut n = Node::outcome(id, title);
    if let tradeoff::model::NodeKind::Outcome(o) = &mut n.kind {
        o.profile.insert(
            "cost".into(),
            Rating {
                level: 2,
                note: "cheap".into(),
            },
        );
        o.profile.insert(
            "risk".into(),
            Rating {
                level: 4,
                note: "risky".into(),
            },
        );
    }
    n
}

pub fn idx(t: &Tree, id: &str) -> NodeIndex {
    t.find(id).unwrap_or_else(|| panic!("no node {id}"))
}

pub fn labels(t: &Tree, nodes: &[NodeIndex]) -> Vec<String> {
    nodes
        .iter()
        .map(|&n| t.node(n).map(|x| x.id.clone()).unwrap_or_default())
        .collect()
}
