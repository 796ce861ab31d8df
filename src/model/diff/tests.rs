use std::time::{Duration, Instant};

use super::*;
use crate::model::{Dimension, NodeIndex, Rating, Source, Status};

/// A tree from questions (the first is the start) with their answers as (label, target
/// id), and outcomes. A target no node has becomes a missing placeholder.
fn build(questions: &[(&str, &[(&str, &str)])], outcomes: &[&str]) -> Tree {
    let mut tree = Tree::new("t");
    for (id, _) in questions {
        tree.add_node(Node::question(*id, format!("{id}?")));
    }
    for id in outcomes {
        tree.add_node(Node::outcome(*id, id.to_uppercase()));
    }
    for (id, answers) in questions {
        let from = tree.find(id).unwrap();
        for (label, to) in *answers {
            let to = tree.find_or_missing(to);
            tree.add_answer(from, to, *label);
        }
    }
    tree
}

/// q0 -a-> q1, q0 -b-> q2 -c-> q1, q2 -d-> o3; q1 -x-> o1, q1 -y-> o2. Five walks,
/// two of them through q1 -y->.
fn shared() -> Tree {
    build(
        &[
            ("q0", &[("a", "q1"), ("b", "q2")]),
            ("q1", &[("x", "o1"), ("y", "o2")]),
            ("q2", &[("c", "q1"), ("d", "o3")]),
        ],
        &["o1", "o2", "o3"],
    )
}

fn at(tree: &Tree, id: &str) -> NodeIndex {
    tree.find(id).unwrap()
}

fn answer(tree: &Tree, q: &str, label: &str) -> crate::model::EdgeIndex {
    tree.answers(at(tree, q))
        .into_iter()
        .find(|a| a.answer.label == label)
        .unwrap()
        .edge
}

fn walk(steps: &[Step]) -> Vec<(String, String)> {
    steps
        .iter()
        .map(|s| (s.question.clone(), s.answer.clone()))
        .collect()
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

#[test]
fn identical_trees_give_an_empty_diff() {
    let tree = shared();
    let diff = AdviceDiff::new(&tree, &tree.clone(), 100);
    assert!(diff.is_empty(), "{diff:#?}");
    assert!(diff.changed_nodes().is_empty());
    assert_eq!((diff.walks.total, diff.walks.total_exact), (5, true));
    assert_eq!((diff.walks.followed, diff.walks.unchanged), (5, 5));
    assert!(!diff.walks.sampled);
}

#[test]
fn a_retargeted_answer_moves_exactly_the_walks_through_it() {
    let old = shared();
    let mut new = old.clone();
    let y = answer(&new, "q1", "y");
    let o3 = at(&new, "o3");
    new.retarget(y, o3);
    let diff = AdviceDiff::new(&old, &new, 100);
    assert_eq!(diff.walks.unchanged, 3);
    let [group] = &diff.walks.groups[..] else {
        panic!("{:#?}", diff.walks.groups);
    };
    assert_eq!((group.count, group.was.id.as_str()), (2, "o2"));
    assert!(matches!(&group.now, End::Outcome { id, .. } if id == "o3"));
    assert_eq!(
        group.examples.iter().map(|e| walk(e)).collect::<Vec<_>>(),
        [
            pairs(&[("q0", "a"), ("q1", "y")]),
            pairs(&[("q0", "b"), ("q2", "c"), ("q1", "y")])
        ],
        "shortest first"
    );
    assert_eq!(
        diff.changed,
        [NodeChange {
            node: NodeRef::of(new.node(at(&new, "q1")).unwrap()),
            // Two ways into q1, two answers out of it.
            walks: 4,
            changes: vec![Change::AnswerRetargeted {
                label: "y".into(),
                old: "o2".into(),
                new: "o3".into()
            }],
        }]
    );
    let marked: Vec<(&str, u64)> = diff
        .changed_nodes()
        .iter()
        .map(|m| (m.id, m.walks_in))
        .collect();
    assert_eq!(marked, [("q1", 0), ("o3", 2)]);
}

#[test]
fn a_removed_answer_stops_the_walks_that_gave_it() {
    let old = shared();
    let mut new = old.clone();
    new.remove_answer(answer(&new, "q1", "y"));
    let diff = AdviceDiff::new(&old, &new, 100);
    let [group] = &diff.walks.groups[..] else {
        panic!("{:#?}", diff.walks.groups);
    };
    assert_eq!(group.count, 2);
    assert_eq!(
        group.now,
        End::AnswerGone {
            id: "q1".into(),
            prompt: "q1?".into(),
            answer: "y".into()
        }
    );
    assert!(matches!(
        &diff.changed[0].changes[..],
        [Change::AnswerRemoved { label, to }] if label == "y" && to == "o2"
    ));
}

#[test]
fn an_inserted_question_is_asked_and_not_guessed() {
    let old = shared();
    let mut new = old.clone();
    let q1 = at(&new, "q1");
    let inserted = new.add_node(Node::question("q-new", "Really?"));
    new.add_answer(inserted, q1, "yes");
    new.retarget(answer(&new, "q0", "a"), inserted);
    let diff = AdviceDiff::new(&old, &new, 100);
    let asks = End::Asks {
        id: "q-new".into(),
        prompt: "Really?".into(),
        new: true,
    };
    let moved: Vec<(&str, u64)> = diff
        .walks
        .groups
        .iter()
        .inspect(|g| assert_eq!(g.now, asks))
        .map(|g| (g.was.id.as_str(), g.count))
        .collect();
    assert_eq!(
        moved,
        [("o1", 1), ("o2", 1)],
        "the two walks through q0 -a->"
    );
    assert_eq!(diff.walks.unchanged, 3);
    assert_eq!(
        diff.added.iter().map(|n| &n.id).collect::<Vec<_>>(),
        ["q-new"]
    );
}

#[test]
fn a_reworded_answer_is_followed_and_said_to_be_reworded() {
    let old = shared();
    let mut new = old.clone();
    let a = answer(&new, "q0", "a");
    new.answer_mut(a).unwrap().label = "A, the first".into();
    let x = answer(&new, "q1", "x");
    new.answer_mut(x).unwrap().label = "  X ".into();
    let diff = AdviceDiff::new(&old, &new, 100);
    assert!(!diff.advice_changed(), "{:#?}", diff.walks.groups);
    assert_eq!(
        diff.changed[0].changes,
        [Change::AnswerRelabelled {
            old: "a".into(),
            new: "A, the first".into(),
            to: "q1".into()
        }]
    );
    assert!(matches!(
        &diff.changed[1].changes[..],
        [Change::AnswerRelabelled { new, .. }] if new == "  X "
    ));
    // A walk that moves for another reason says which of its answers reads differently.
    new.retarget(answer(&new, "q1", "y"), at(&new, "o3"));
    let diff = AdviceDiff::new(&old, &new, 100);
    let example = &diff.walks.groups[0].examples[0];
    assert_eq!(example[0].reworded.as_deref(), Some("A, the first"));
    assert_eq!(example[1].reworded, None);
}

#[test]
fn a_question_taken_out_of_the_way_is_marked_not_asked() {
    let old = shared();
    let mut new = old.clone();
    // q0 -b-> now goes straight to o1, past q2.
    new.retarget(answer(&new, "q0", "b"), at(&new, "o1"));
    let diff = AdviceDiff::new(&old, &new, 100);
    let to_o3 = diff.walks.groups.iter().find(|g| g.was.id == "o3").unwrap();
    let asked: Vec<Option<bool>> = to_o3.examples[0].iter().map(|s| s.asked).collect();
    assert_eq!(walk(&to_o3.examples[0]), pairs(&[("q0", "b"), ("q2", "d")]));
    assert_eq!(asked, [Some(true), Some(false)]);
}

#[test]
fn a_question_moved_up_still_gets_the_walks_answer() {
    // The old tree asks q0 then q1; the new one q1 then q0.
    let old = build(
        &[
            ("q0", &[("a", "q1"), ("b", "q1"), ("c", "o3")]),
            ("q1", &[("x", "o1"), ("y", "o2")]),
        ],
        &["o1", "o2", "o3"],
    );
    let new = build(
        &[
            ("q1", &[("x", "q0"), ("y", "o2")]),
            ("q0", &[("a", "o1"), ("b", "o3"), ("c", "o3")]),
        ],
        &["o1", "o2", "o3"],
    );
    let diff = AdviceDiff::new(&old, &new, 100);
    assert_eq!((diff.walks.followed, diff.walks.unchanged), (5, 3));
    let [moved, asked] = &diff.walks.groups[..] else {
        panic!("{:#?}", diff.walks.groups);
    };
    assert_eq!(walk(&moved.examples[0]), pairs(&[("q0", "b"), ("q1", "x")]));
    assert!(matches!(&moved.now, End::Outcome { id, .. } if id == "o3"));
    // The walk to o3 never answered q1, which now comes first.
    assert_eq!(walk(&asked.examples[0]), pairs(&[("q0", "c")]));
    assert!(matches!(&asked.now, End::Asks { id, new: false, .. } if id == "q1"));
}

#[test]
fn a_diamond_has_four_walks() {
    let old = build(
        &[
            ("q0", &[("a", "left"), ("b", "right")]),
            ("left", &[("c", "middle")]),
            ("right", &[("d", "middle")]),
            ("middle", &[("e", "o1"), ("f", "o2")]),
        ],
        &["o1", "o2", "o3"],
    );
    assert_eq!(count_walks(&old), (4, true));
    let mut new = old.clone();
    new.retarget(answer(&new, "middle", "f"), at(&new, "o3"));
    let diff = AdviceDiff::new(&old, &new, 100);
    assert_eq!((diff.walks.followed, diff.moved()), (4, 2));
}

/// 40 questions in a row, each with two answers to the next, then an outcome: 2^40
/// walks.
fn doubling_chain(n: usize) -> Tree {
    let mut tree = Tree::new("doubling");
    let questions: Vec<NodeIndex> = (0..n)
        .map(|i| tree.add_node(Node::question(format!("q{i}"), format!("Step {i}?"))))
        .collect();
    let end = tree.add_node(Node::outcome("end", "End"));
    tree.add_node(Node::outcome("other", "Other"));
    for (i, &q) in questions.iter().enumerate() {
        let next = questions.get(i + 1).copied().unwrap_or(end);
        tree.add_answer(q, next, "yes");
        tree.add_answer(q, next, "no");
    }
    tree
}

#[test]
fn two_to_the_forty_walks_are_sampled_and_counted_exactly() {
    let old = doubling_chain(40);
    let mut new = old.clone();
    new.retarget(answer(&new, "q39", "no"), at(&new, "other"));
    let started = Instant::now();
    let diff = AdviceDiff::new(&old, &new, 20_000);
    assert!(started.elapsed() < Duration::from_secs(20));
    let w = &diff.walks;
    assert_eq!((w.total, w.total_exact), (1 << 40, true));
    assert!(w.sampled && !w.cut_short);
    assert_eq!(w.followed, 20_000);
    // Half the walks end "no" at q39; a fair sample moves about half.
    let moved = diff.moved();
    assert!((9_000..11_000).contains(&moved), "{moved}");
    assert_eq!(diff, AdviceDiff::new(&old, &new, 20_000), "the same sample");
}

#[test]
fn more_walks_than_a_u128_holds_are_still_sampled() {
    let old = doubling_chain(200);
    let mut new = old.clone();
    new.retarget(answer(&new, "q0", "no"), at(&new, "other"));
    let diff = AdviceDiff::new(&old, &new, 2_000);
    assert_eq!(
        (diff.walks.total, diff.walks.total_exact),
        (u128::MAX, false)
    );
    let moved = diff.moved();
    assert!((800..1_200).contains(&moved), "{moved}");
}

#[test]
fn a_chain_100_000_deep_is_followed_without_recursion() {
    let n = 100_000;
    let mut old = Tree::new("deep");
    let questions: Vec<NodeIndex> = (0..n - 1)
        .map(|i| old.add_node(Node::question(format!("q{i}"), "Next?")))
        .collect();
    let end = old.add_node(Node::outcome("end", "End"));
    for (i, &q) in questions.iter().enumerate() {
        old.add_answer(q, questions.get(i + 1).copied().unwrap_or(end), "on");
    }
    let mut new = old.clone();
    let last = new.add_node(Node::outcome("last", "Last"));
    new.retarget(answer(&new, &format!("q{}", n - 2), "on"), last);
    let diff = AdviceDiff::new(&old, &new, 100);
    assert_eq!(diff.walks.total, 1);
    let group = &diff.walks.groups[0];
    assert_eq!(group.examples[0].len(), n - 1);
    assert!(matches!(&group.now, End::Outcome { id, .. } if id == "last"));
}

#[test]
fn long_walks_stop_the_sample_at_the_step_budget() {
    // 10,000 questions in a row, each also leading to an outcome: 10,001 walks, 50
    // million answers in all, more than the budget allows.
    let n = 10_000;
    let mut tree = Tree::new("long");
    let questions: Vec<NodeIndex> = (0..n)
        .map(|i| tree.add_node(Node::question(format!("q{i}"), "Go on?")))
        .collect();
    let stop = tree.add_node(Node::outcome("stop", "Stop"));
    for (i, &q) in questions.iter().enumerate() {
        tree.add_answer(q, questions.get(i + 1).copied().unwrap_or(stop), "on");
        tree.add_answer(q, stop, "stop");
    }
    let (total, _) = count_walks(&tree);
    assert_eq!(total, n as u128 + 1);
    let diff = AdviceDiff::new(&tree, &tree, 1_000_000);
    let w = &diff.walks;
    assert!(w.sampled && w.cut_short, "{w:?}");
    assert!(w.followed < total as u64);
    assert!(diff.is_empty());
}

#[test]
fn cycles_in_broken_trees_end() {
    // The old tree loops q1 -back-> q0; the new one q1 -x-> q0.
    let old = build(
        &[
            ("start", &[("go", "q0")]),
            ("q0", &[("a", "q1")]),
            ("q1", &[("back", "q0"), ("x", "o1")]),
        ],
        &["o1"],
    );
    assert_eq!(count_walks(&old), (1, true));
    let new = build(
        &[
            ("start", &[("go", "q0")]),
            ("q0", &[("a", "q1")]),
            ("q1", &[("back", "o1"), ("x", "q0")]),
        ],
        &["o1"],
    );
    let diff = AdviceDiff::new(&old, &new, 100);
    assert!(
        matches!(&diff.walks.groups[..], [g] if matches!(&g.now, End::Loops { .. })),
        "{:#?}",
        diff.walks.groups
    );
}

#[test]
fn a_missing_target_and_a_missing_start_are_ends_too() {
    let old = shared();
    let mut new = old.clone();
    let ghost = new.find_or_missing("ghost");
    new.retarget(answer(&new, "q0", "b"), ghost);
    let diff = AdviceDiff::new(&old, &new, 100);
    assert!(
        diff.walks
            .groups
            .iter()
            .all(|g| g.now == End::Missing { id: "ghost".into() })
    );
    assert_eq!(diff.moved(), 3);
    let diff = AdviceDiff::new(&old, &Tree::new("empty"), 100);
    assert!(diff.walks.groups.iter().all(|g| g.now == End::NoStart));
    assert_eq!(diff.removed.len(), 6);
}

fn source(title: &str, url: &str, checked: &str) -> Source {
    Source {
        title: title.into(),
        url: url.into(),
        checked: checked.into(),
    }
}

#[test]
fn node_changes_name_each_field() {
    let old = shared();
    let mut new = old.clone();
    let (q1, o1, o2) = (at(&new, "q1"), at(&new, "o1"), at(&new, "o2"));
    if let NodeKind::Question(q) = &mut new.node_mut(q1).unwrap().kind {
        q.prompt = "Which?".into();
        q.role = crate::model::Role::Preference;
    }
    let first = new.answers(q1)[0].edge;
    new.answer_mut(first)
        .unwrap()
        .weights
        .insert("cost".into(), 2);
    let node = new.node_mut(o1).unwrap();
    node.notes = "New notes".into();
    node.sources = vec![
        source("Docs", "https://b", "2026-01-01"),
        source("Blog", "https://c", ""),
    ];
    if let NodeKind::Outcome(o) = &mut node.kind {
        o.summary = "Better".into();
        o.lifecycle.status = Status::Legacy;
        o.profile.insert(
            "cost".into(),
            Rating {
                level: 4,
                note: String::new(),
            },
        );
    }
    new.node_mut(o2).unwrap().sources = vec![source("Gone soon", "https://x", "")];
    let mut old = old;
    old.node_mut(at(&old, "o1")).unwrap().sources = vec![source("Docs", "https://a", "2025-01-01")];
    let diff = AdviceDiff::new(&old, &new, 100);
    let names = |id: &str| -> Vec<&str> {
        diff.changed
            .iter()
            .find(|c| c.node.id == id)
            .map(|c| c.changes.iter().map(Change::name).collect())
            .unwrap_or_default()
    };
    assert_eq!(names("q1"), ["prompt", "role", "answer weights"]);
    assert_eq!(
        names("o1"),
        [
            "summary",
            "rating",
            "lifecycle",
            "notes",
            "source changed",
            "source added"
        ]
    );
    assert_eq!(names("o2"), ["source added"]);
    assert!(!diff.advice_changed());
    let o1_changes = &diff
        .changed
        .iter()
        .find(|c| c.node.id == "o1")
        .unwrap()
        .changes;
    assert!(o1_changes.iter().any(|c| matches!(c,
        Change::SourceChanged { old, new } if old.url == "https://a" && new.url == "https://b")));
}

#[test]
fn tree_changes_pair_dimensions_by_id_then_name() {
    let dimension = |id: &str, name: &str| Dimension {
        id: id.into(),
        name: name.into(),
        ..Dimension::default()
    };
    let mut old = shared();
    old.dimensions = vec![
        dimension("cost", "Cost"),
        dimension("risk", "Risk"),
        dimension("old", "Old"),
    ];
    let mut new = old.clone();
    new.title = "t2".into();
    new.review_months = Some(3);
    new.dimensions = vec![
        dimension("risk", "Danger"),
        dimension("money", "Cost"),
        dimension("speed", "Speed"),
    ];
    // A rating under the renamed id is the same rating.
    for (tree, key) in [(&mut old, "cost"), (&mut new, "money")] {
        let o1 = at(tree, "o1");
        if let NodeKind::Outcome(o) = &mut tree.node_mut(o1).unwrap().kind {
            o.profile.insert(
                key.into(),
                Rating {
                    level: 2,
                    note: String::new(),
                },
            );
        }
    }
    let diff = AdviceDiff::new(&old, &new, 100);
    assert_eq!(
        diff.tree,
        [
            TreeChange::Title {
                old: "t".into(),
                new: "t2".into()
            },
            TreeChange::DimensionRenamed {
                old_id: "cost".into(),
                new_id: "money".into(),
                old_name: "Cost".into(),
                new_name: "Cost".into()
            },
            TreeChange::DimensionRenamed {
                old_id: "risk".into(),
                new_id: "risk".into(),
                old_name: "Risk".into(),
                new_name: "Danger".into()
            },
            TreeChange::DimensionRemoved {
                id: "old".into(),
                name: "Old".into()
            },
            TreeChange::DimensionAdded {
                id: "speed".into(),
                name: "Speed".into()
            },
            TreeChange::DimensionsReordered {
                old: vec!["money".into(), "risk".into()],
                new: vec!["risk".into(), "money".into()]
            },
            TreeChange::ReviewMonths {
                old: None,
                new: Some(3)
            },
        ]
    );
    assert!(diff.changed.is_empty(), "{:#?}", diff.changed);
}

#[test]
fn answers_pair_by_label_then_spacing_then_target() {
    let old = build(
        &[("q", &[("Yes", "o1"), ("No", "o2"), ("Maybe", "o3")])],
        &["o1", "o2", "o3"],
    );
    let new = build(
        &[(
            "q",
            &[("no", "o2"), ("Sure", "o1"), ("Yes", "o3"), ("Later", "o3")],
        )],
        &["o1", "o2", "o3"],
    );
    let diff = AdviceDiff::new(&old, &new, 100);
    let changes = &diff.changed[0].changes;
    assert_eq!(
        changes.iter().map(Change::name).collect::<Vec<_>>(),
        [
            "answer retargeted",
            "answer reworded",
            "answer reworded",
            "answer added",
            "answers reordered"
        ],
        "{changes:#?}"
    );
    // "Yes" is paired by label first, so the only answer to o3 left for "Maybe" is "Later".
    assert!(changes.contains(&Change::AnswerRelabelled {
        old: "Maybe".into(),
        new: "Later".into(),
        to: "o3".into()
    }));
    assert!(changes.contains(&Change::AnswerAdded {
        label: "Sure".into(),
        to: "o1".into()
    }));
}
