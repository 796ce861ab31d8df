//! Shared helpers for the integration tests.
#![allow(dead_code)]

pub mod cli;
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

/// A tree file whose start question has `n` answers over an `n`-deep chain: answer `j`
/// leads to chain question `c{j}` (or, with `into_head`, every answer to `c0`), which
/// offers "Stop here" (outcome `o{j}`) and "Go on" (`c{j+1}`, or the outcome `end`
/// after the last). Listing what every answer of the start can lead to by walking each
/// subtree costs n² steps either way.
pub fn fan_over_chain(n: usize) -> String {
    fan_over_chain_with(n, false)
}

/// See `fan_over_chain`.
pub fn fan_over_chain_with(n: usize, into_head: bool) -> String {
    let mut nodes = Vec::with_capacity(2 * n + 2);
    let answers: Vec<String> = (0..n)
        .map(|j| {
            let to = if into_head { 0 } else { j };
            format!(r#"{{"label":"Answer {j}","to":"c{to}"}}"#)
        })
        .collect();
    nodes.push(format!(
        r#"{{"kind":"question","id":"start","prompt":"Where to enter the chain?","answers":[{}]}}"#,
        answers.join(",")
    ));
    for j in 0..n {
        let next = if j + 1 < n {
            format!("c{}", j + 1)
        } else {
            "end".to_owned()
        };
        nodes.push(format!(
            r#"{{"kind":"question","id":"c{j}","prompt":"Chain {j}","answers":[{{"label":"Stop here","to":"o{j}"}},{{"label":"Go on","to":"{next}"}}]}}"#
        ));
        nodes.push(format!(
            r#"{{"kind":"outcome","id":"o{j}","title":"Outcome {j}"}}"#
        ));
    }
    nodes.push(r#"{"kind":"outcome","id":"end","title":"The end"}"#.to_owned());
    format!(
        "{{\"format\":\"tradeoff-tree\",\"version\":1,\"title\":\"Fan over a chain\",\"nodes\":[\n{}\n]}}\n",
        nodes.join(",\n")
    )
}

/// Cost (lower is better) and control (higher is better). "Where?" is a constraint;
/// "How hands-on?" a preference whose answers add weight to cost or to control.
/// Hosted › Hands-off › Small ends at A; Large, or Hands-on, at Y; On site at X.
pub const WEIGHING: &str = r#"{
  "format": "tradeoff-tree", "version": 2, "title": "Weighing",
  "dimensions": [
    {"id": "cost", "name": "Cost", "low": "cheap", "high": "dear", "better": "lower"},
    {"id": "control", "name": "Control", "low": "little", "high": "full", "better": "higher"}
  ],
  "nodes": [
    {"kind": "question", "id": "q-where", "prompt": "Where?", "answers": [
      {"label": "Hosted", "to": "q-style"}, {"label": "On site", "to": "o-x"}]},
    {"kind": "question", "id": "q-style", "prompt": "How hands-on?", "role": "preference",
     "answers": [
      {"label": "Hands-off", "to": "q-gate", "weights": {"cost": 2}},
      {"label": "Hands-on", "to": "o-y", "weights": {"control": 2}}]},
    {"kind": "question", "id": "q-gate", "prompt": "How big?", "answers": [
      {"label": "Small", "to": "o-a"}, {"label": "Large", "to": "o-y"}]},
    {"kind": "outcome", "id": "o-x", "title": "X", "profile": {
      "cost": {"level": 5}, "control": {"level": 5}}},
    {"kind": "outcome", "id": "o-a", "title": "A", "profile": {
      "cost": {"level": 1}, "control": {"level": 1}}},
    {"kind": "outcome", "id": "o-y", "title": "Y", "profile": {
      "cost": {"level": 3}, "control": {"level": 4}}}
  ]
}"#;
