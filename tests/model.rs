//! The model's validation rules one by one, and the walk.

mod common;

use common::{idx, labels, outcome, question, sample};
use tradeoff::model::{
    Node, NodeIndex, NodeKind, ProblemKind, Rating, Reach, Severity, Subject, Tree, Walk, WalkError,
};

fn kinds(t: &Tree) -> Vec<ProblemKind> {
    t.validate().into_iter().map(|p| p.kind).collect()
}

#[test]
fn sample_is_clean() {
    assert_eq!(sample().validate(), vec![]);
}

#[test]
fn missing_root_is_reported() {
    let mut t = Tree::new("loop");
    let a = t.add_node(question("a", "A?", "x"));
    let b = t.add_node(question("b", "B?", "x"));
    t.add_answer(a, b, "1");
    t.add_answer(b, a, "2");
    let k = kinds(&t);
    assert!(k.contains(&ProblemKind::NoRoot), "{k:?}");
}

#[test]
fn several_roots_are_named() {
    let mut t = sample();
    t.add_node(outcome("stray", "Stray"));
    let problems = t.validate();
    let p = problems
        .iter()
        .find(|p| matches!(p.kind, ProblemKind::SeveralRoots { .. }))
        .expect("several roots");
    assert_eq!(
        p.kind,
        ProblemKind::SeveralRoots {
            ids: vec!["start".into(), "stray".into()]
        }
    );
    assert_eq!(p.severity, Severity::Error);
}

#[test]
fn unknown_target_names_answer_and_target() {
    let mut t = sample();
    let start = idx(&t, "start");
    let ghost = t.find_or_missing("nowhere");
    t.add_answer(start, ghost, "Elsewhere");
    let problems = t.validate();
    let p = problems
        .iter()
        .find(|p| matches!(p.kind, ProblemKind::UnknownTarget { .. }))
        .expect("unknown target");
    assert_eq!(
        p.subject,
        Subject::Answer {
            from: "start".into(),
            label: "Elsewhere".into()
        }
    );
    assert_eq!(
        p.kind,
        ProblemKind::UnknownTarget {
            target: "nowhere".into()
        }
    );
    assert!(p.to_string().contains("nowhere"), "{p}");
}

#[test]
fn duplicate_id_is_reported_once() {
    let mut t = sample();
    let shared = idx(&t, "size-shared");
    let dup = t.add_node(outcome("o-a", "Another A"));
    t.add_answer(shared, dup, "Maybe");
    let dups: Vec<_> = t
        .validate()
        .into_iter()
        .filter(|p| p.kind == ProblemKind::DuplicateId)
        .collect();
    assert_eq!(dups.len(), 1);
    assert_eq!(dups[0].node_id(), Some("o-a"));
}

#[test]
fn cycle_names_its_nodes_in_order() {
    let mut t = sample();
    let shared = idx(&t, "size-shared");
    let scale = idx(&t, "scale");
    t.add_answer(shared, scale, "Back up");
    let problems = t.validate();
    let p = problems
        .iter()
        .find(|p| matches!(p.kind, ProblemKind::Cycle { .. }))
        .expect("cycle");
    let ProblemKind::Cycle { ids } = &p.kind else {
        unreachable!()
    };
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(sorted, vec!["scale".to_owned(), "size-shared".to_owned()]);
    assert!(p.message().contains("->"), "{}", p.message());
}

#[test]
fn unreachable_node_is_reported() {
    let mut t = sample();
    // A node reached only from itself has no path from the start.
    let island = t.add_node(question("island", "Island?", "cost"));
    let o = idx(&t, "o-c");
    t.add_answer(island, island, "Again");
    t.add_answer(island, o, "Out");
    let problems = t.validate();
    assert!(
        problems
            .iter()
            .any(|p| p.kind == ProblemKind::Unreachable && p.node_id() == Some("island")),
        "{problems:?}"
    );
}

#[test]
fn question_needs_two_answers() {
    let mut t = sample();
    let scale = idx(&t, "scale");
    let out = t.answers(scale)[1].edge;
    t.remove_answer(out);
    t.remove_node(idx(&t, "o-c"));
    let problems = t.validate();
    assert!(
        problems
            .iter()
            .any(|p| p.kind == ProblemKind::TooFewAnswers { count: 1 }
                && p.node_id() == Some("scale")),
        "{problems:?}"
    );
}

#[test]
fn duplicate_answer_labels_are_reported() {
    let mut t = sample();
    let shared = idx(&t, "size-shared");
    let c = idx(&t, "o-c");
    t.add_answer(shared, c, "yes");
    let problems = t.validate();
    assert!(
        problems
            .iter()
            .any(|p| p.kind == ProblemKind::DuplicateAnswerLabel
                && p.subject
                    == Subject::Answer {
                        from: "size-shared".into(),
                        label: "yes".into()
                    }),
        "{problems:?}"
    );
}

#[test]
fn empty_prompt_and_title_are_reported() {
    let mut t = sample();
    if let Some(NodeKind::Question(q)) = t.node_mut(idx(&t, "scale")).map(|n| &mut n.kind) {
        q.prompt = "  ".into();
    }
    if let Some(NodeKind::Outcome(o)) = t.node_mut(idx(&t, "o-b")).map(|n| &mut n.kind) {
        o.title.clear();
    }
    let problems = t.validate();
    assert!(
        problems
            .iter()
            .any(|p| p.kind == ProblemKind::EmptyText { field: "prompt" }
                && p.node_id() == Some("scale"))
    );
    assert!(
        problems
            .iter()
            .any(|p| p.kind == ProblemKind::EmptyText { field: "title" }
                && p.node_id() == Some("o-b"))
    );
}

#[test]
fn profile_naming_undeclared_dimension_is_an_error() {
    let mut t = sample();
    if let Some(NodeKind::Outcome(o)) = t.node_mut(idx(&t, "o-a")).map(|n| &mut n.kind) {
        o.profile.insert(
            "speed".into(),
            Rating {
                level: 3,
                note: String::new(),
            },
        );
    }
    let problems = t.validate();
    let p = problems
        .iter()
        .find(|p| matches!(p.kind, ProblemKind::UnknownDimension { .. }))
        .expect("unknown dimension");
    assert_eq!(p.severity, Severity::Error);
    assert_eq!(p.node_id(), Some("o-a"));
}

#[test]
fn incomplete_profile_is_a_warning_and_level_range_an_error() {
    let mut t = sample();
    if let Some(NodeKind::Outcome(o)) = t.node_mut(idx(&t, "o-a")).map(|n| &mut n.kind) {
        o.profile.remove("risk");
        o.profile.insert(
            "cost".into(),
            Rating {
                level: 9,
                note: String::new(),
            },
        );
    }
    let problems = t.validate();
    assert!(problems.iter().any(|p| p.severity == Severity::Warning
        && p.kind
            == ProblemKind::MissingProfile {
                dimension: "risk".into()
            }));
    assert!(problems.iter().any(|p| p.severity == Severity::Error
        && p.kind
            == ProblemKind::LevelOutOfRange {
                dimension: "cost".into(),
                level: 9
            }));
    // Errors sort before warnings.
    let first_warning = problems
        .iter()
        .position(|p| p.severity == Severity::Warning)
        .unwrap();
    assert!(
        problems[..first_warning]
            .iter()
            .all(|p| p.severity == Severity::Error)
    );
}

#[test]
fn question_naming_undeclared_dimension_is_an_error() {
    let mut t = sample();
    t.add_node(Node::question("x", "X?"));
    let mut t2 = sample();
    if let Some(NodeKind::Question(q)) = t2.node_mut(idx(&t2, "start")).map(|n| &mut n.kind) {
        q.dimension = Some("nope".into());
    }
    assert!(kinds(&t2).contains(&ProblemKind::UnknownDimension {
        dimension: "nope".into()
    }));
}

#[test]
fn all_problems_come_at_once() {
    let mut t = sample();
    let start = idx(&t, "start");
    let ghost = t.find_or_missing("ghost");
    t.add_answer(start, ghost, "Small"); // duplicate label + unknown target
    t.add_node(outcome("stray", "")); // second root + empty title
    let k = kinds(&t);
    assert!(k.contains(&ProblemKind::DuplicateAnswerLabel));
    assert!(k.contains(&ProblemKind::UnknownTarget {
        target: "ghost".into()
    }));
    assert!(
        k.iter()
            .any(|x| matches!(x, ProblemKind::SeveralRoots { .. }))
    );
    assert!(k.contains(&ProblemKind::EmptyText { field: "title" }));
}

#[test]
fn walk_reaches_an_outcome_and_records_the_path() {
    let t = sample();
    let mut w = Walk::new();
    assert_eq!(w.current(&t), Some(idx(&t, "start")));
    w.choose_by(&t, "Large").unwrap();
    w.choose_by(&t, "up").unwrap(); // labels match case-insensitively
    w.choose_by(&t, "2").unwrap(); // or by position
    assert_eq!(
        labels(&t, &w.path(&t)),
        ["start", "scale", "size-shared", "o-b"]
    );
    assert!(w.finished(&t));
    assert_eq!(w.choose_by(&t, "1"), Err(WalkError::AtOutcome));
    assert_eq!(
        w.trail(&t)
            .into_iter()
            .map(|(q, a)| (q.id.clone(), a.label.clone()))
            .collect::<Vec<(String, String)>>(),
        vec![
            ("start".into(), "Large".into()),
            ("scale".into(), "Up".into()),
            ("size-shared".into(), "No".into())
        ]
    );
}

#[test]
fn what_if_lists_outcomes_per_answer() {
    let t = sample();
    let w = Walk::new();
    let options: Vec<(String, Vec<String>)> = w
        .what_if(&t)
        .into_iter()
        .map(|(a, o)| (a.answer.label.clone(), labels(&t, &o)))
        .collect();
    assert_eq!(
        options,
        vec![
            ("Small".to_owned(), vec!["o-a".to_owned(), "o-b".to_owned()]),
            (
                "Large".to_owned(),
                vec!["o-a".to_owned(), "o-b".to_owned(), "o-c".to_owned()]
            ),
        ]
    );
}

#[test]
fn revising_an_answer_drops_what_came_after() {
    let t = sample();
    let mut w = Walk::new();
    w.choose_by(&t, "Large").unwrap();
    w.choose_by(&t, "Up").unwrap();
    let small = t.answers(idx(&t, "start"))[0].edge;
    w.revise(&t, 0, small).unwrap();
    assert_eq!(labels(&t, &w.path(&t)), ["start", "size-shared"]);
    assert_eq!(w.steps().len(), 1);
    assert_eq!(w.revise(&t, 5, small), Err(WalkError::NoSuchStep(5)));
}

#[test]
fn ruled_out_holds_what_the_answers_exclude() {
    let t = sample();
    let mut w = Walk::new();
    w.choose_by(&t, "Small").unwrap();
    let mut out = labels(&t, &w.ruled_out(&t).into_iter().collect::<Vec<_>>());
    out.sort();
    assert_eq!(out, ["o-c", "scale"]);
    assert_eq!(labels(&t, &w.reachable_outcomes(&t)), ["o-a", "o-b"]);
    assert!(w.back());
    assert!(w.ruled_out(&t).is_empty());
    assert!(!w.back());
}

#[test]
fn walk_refuses_answers_to_nowhere_and_foreign_answers() {
    let mut t = sample();
    let start = idx(&t, "start");
    let ghost = t.find_or_missing("ghost");
    let e = t.add_answer(start, ghost, "Ghost");
    let mut w = Walk::new();
    assert!(matches!(
        w.choose(&t, e),
        Err(WalkError::LeadsNowhere { .. })
    ));
    let foreign = t.answers(idx(&t, "scale"))[0].edge;
    assert!(matches!(
        w.choose(&t, foreign),
        Err(WalkError::NoSuchAnswer { .. })
    ));
    assert!(matches!(
        w.choose_by(&t, "Nope"),
        Err(WalkError::NoSuchAnswer { .. })
    ));
    assert!(w.steps().is_empty());
}

#[test]
fn walk_is_repaired_after_an_edit() {
    let mut t = sample();
    let mut w = Walk::new();
    w.choose_by(&t, "Large").unwrap();
    w.choose_by(&t, "Up").unwrap();
    let up = t.answers(idx(&t, "scale"))[0].edge;
    t.remove_answer(up);
    w.repair(&t);
    assert_eq!(w.steps().len(), 1);
}

#[test]
fn deep_chains_do_not_overflow() {
    let mut t = Tree::new("deep");
    let n = 50_000;
    let mut prev = t.add_node(Node::question("q0", "Q0"));
    let end = t.add_node(Node::outcome("end", "End"));
    for i in 1..n {
        let q = t.add_node(Node::question(format!("q{i}"), format!("Q{i}")));
        t.add_answer(prev, q, "next");
        t.add_answer(prev, end, "stop");
        prev = q;
    }
    t.add_answer(prev, end, "stop");
    let last = t.add_node(Node::outcome("last", "Last"));
    t.add_answer(prev, last, "go");
    assert_eq!(t.validate(), vec![]);
    assert_eq!(t.outcomes_from(idx(&t, "q0")).len(), 2);
    assert!(t.cycles().is_empty());
}

#[test]
fn renaming_onto_a_missing_id_repairs_the_answers() {
    let mut t = sample();
    let start = idx(&t, "start");
    let ghost = t.find_or_missing("ghost");
    t.add_answer(start, ghost, "Third");
    let new = t.add_node(outcome("new", "New"));
    t.rename(new, "ghost").unwrap();
    assert_eq!(t.find("ghost"), Some(new));
    assert!(
        t.answers(start)
            .iter()
            .any(|a| a.answer.label == "Third" && a.to == new)
    );
    assert!(t.all_nodes().all(|(_, n)| !n.is_missing()));
    assert_eq!(t.validate(), vec![]);
    // A real node's id is still refused.
    assert!(t.rename(new, "o-a").is_err());
}

#[test]
fn renaming_one_of_two_duplicates_keeps_the_other_findable() {
    let mut t = sample();
    let first = idx(&t, "o-a");
    let second = t.add_node(outcome("o-a", "Second A"));
    t.rename(first, "o-a-first").unwrap();
    assert_eq!(t.find("o-a"), Some(second));
}

#[test]
fn renaming_and_removing_a_dimension_updates_its_uses() {
    let mut t = sample();
    t.rename_dimension(0, "price");
    let start = idx(&t, "start");
    assert_eq!(
        t.node(start)
            .unwrap()
            .as_question()
            .unwrap()
            .dimension
            .as_deref(),
        Some("price")
    );
    assert!(
        t.node(idx(&t, "o-a"))
            .unwrap()
            .as_outcome()
            .unwrap()
            .profile
            .contains_key("price")
    );
    assert_eq!(t.validate(), vec![]);
    t.remove_dimension(0);
    assert_eq!(
        t.node(start).unwrap().as_question().unwrap().dimension,
        None
    );
    assert!(
        !t.node(idx(&t, "o-a"))
            .unwrap()
            .as_outcome()
            .unwrap()
            .profile
            .contains_key("price")
    );
    assert_eq!(t.validate(), vec![]);
}

#[test]
fn validation_is_linear_in_the_number_of_start_nodes() {
    // A start question, then 200,000 loose outcomes (each one a start node) and one
    // loose question with an outcome only it reaches.
    let mut t = sample();
    let loose = 200_000;
    for i in 0..loose {
        t.add_node(Node::outcome(format!("loose-{i}"), format!("Loose {i}")));
    }
    let q = t.add_node(question("loose-q", "Loose?", "cost"));
    let only = t.add_node(outcome("only-from-loose-q", "Only"));
    t.add_answer(q, only, "Yes");
    t.add_answer(q, idx(&t, "o-a"), "No");

    let problems = t.validate();
    let several: Vec<&Vec<String>> = problems
        .iter()
        .filter_map(|p| match &p.kind {
            ProblemKind::SeveralRoots { ids } => Some(ids),
            _ => None,
        })
        .collect();
    assert_eq!(several.len(), 1);
    assert_eq!(
        several[0].len(),
        loose + 2,
        "the start and every loose node"
    );
    let unreachable: Vec<&str> = problems
        .iter()
        .filter(|p| p.kind == ProblemKind::Unreachable)
        .filter_map(|p| p.node_id())
        .collect();
    assert_eq!(unreachable, ["only-from-loose-q"]);
}

/// What `Reach` must give for `node`: the depth-first outcomes from it, walked out.
fn reach_reference(t: &Tree, node: NodeIndex) -> (Vec<NodeIndex>, usize) {
    let all = t.outcomes_from(node);
    let first = all.iter().copied().take(Reach::LISTED).collect();
    (first, all.len())
}

#[test]
fn reach_lists_first_outcomes_and_counts_them_on_a_shared_dag() {
    // A hand-made DAG: two questions share a sub-decision, a chain of outcomes long
    // enough to be cut at LISTED, and an answer leading where another already does.
    //
    // start -A-> left -x-> shared, left -y-> o-left
    // start -B-> right -x-> many, right -y-> shared, right -z-> left
    // shared -> o-s1, o-s2 ; many -> m0 .. m19 (twenty outcomes)
    let mut t = Tree::new("reach");
    let start = t.add_node(Node::question("start", "Start"));
    let left = t.add_node(Node::question("left", "Left"));
    let right = t.add_node(Node::question("right", "Right"));
    let shared = t.add_node(Node::question("shared", "Shared"));
    let many = t.add_node(Node::question("many", "Many"));
    let o_left = t.add_node(Node::outcome("o-left", "Left outcome"));
    let s1 = t.add_node(Node::outcome("o-s1", "S1"));
    let s2 = t.add_node(Node::outcome("o-s2", "S2"));
    t.add_answer(start, left, "A");
    t.add_answer(start, right, "B");
    t.add_answer(left, shared, "x");
    t.add_answer(left, o_left, "y");
    t.add_answer(right, many, "x");
    t.add_answer(right, shared, "y");
    t.add_answer(right, left, "z");
    t.add_answer(shared, s1, "1");
    t.add_answer(shared, s2, "2");
    for k in 0..20 {
        let m = t.add_node(Node::outcome(format!("m{k}"), format!("M{k}")));
        t.add_answer(many, m, format!("m{k}"));
    }
    let reach = Reach::new(&t);
    let ids = |nodes: &[NodeIndex]| labels(&t, nodes);

    let l = reach.leads(left);
    assert_eq!(ids(l.first), ["o-s1", "o-s2", "o-left"]);
    assert_eq!((l.total, l.exact, l.more()), (3, true, 0));

    let r = reach.leads(right);
    let expected: Vec<String> = (0..16).map(|k| format!("m{k}")).collect();
    assert_eq!(ids(r.first), expected);
    // m0..m19, o-s1, o-s2, o-left.
    assert_eq!((r.total, r.exact, r.more()), (23, true, 7));

    let s = reach.leads(start);
    assert_eq!(ids(&s.first[..4]), ["o-s1", "o-s2", "o-left", "m0"]);
    assert_eq!((s.total, s.exact), (23, true));

    let o = reach.leads(s1);
    assert_eq!((ids(o.first), o.total), (vec!["o-s1".to_owned()], 1));

    for (n, _) in t.all_nodes() {
        let (first, total) = reach_reference(&t, n);
        assert_eq!(
            reach.leads(n).first,
            first.as_slice(),
            "{}",
            t.graph()[n].id
        );
        assert_eq!(reach.leads(n).total, total, "{}", t.graph()[n].id);
    }

    // What the walk panel and `walk` show for the start question.
    let what_if = reach.what_if(&t, &Walk::new());
    assert_eq!(what_if.len(), 2);
    assert_eq!(what_if[0].1.total, 3);
    assert_eq!(what_if[1].1.total, 23);
}

#[test]
fn reach_agrees_with_walking_every_subtree_on_random_dags() {
    // A small deterministic generator: questions point only to later nodes, so every
    // graph is a DAG; many answers share targets.
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |bound: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % bound as u64) as usize
    };
    for case in 0..300 {
        let nodes = 2 + next(60);
        let mut t = Tree::new("random");
        let outcome_from = 1 + next(nodes - 1);
        let indices: Vec<NodeIndex> = (0..nodes)
            .map(|i| {
                if i >= outcome_from {
                    t.add_node(Node::outcome(format!("o{i}"), "o"))
                } else {
                    t.add_node(Node::question(format!("q{i}"), "q"))
                }
            })
            .collect();
        for i in 0..outcome_from {
            for _ in 0..next(6) {
                let to = i + 1 + next(nodes - i - 1);
                t.add_answer(indices[i], indices[to], "a");
            }
        }
        let reach = Reach::new(&t);
        for &n in &indices {
            let (first, total) = reach_reference(&t, n);
            let leads = reach.leads(n);
            assert_eq!(leads.first, first.as_slice(), "case {case}, node {n:?}");
            assert_eq!((leads.total, leads.exact), (total, true), "case {case}");
        }
    }
}

#[test]
fn reach_counts_the_outcomes_of_a_cycle_in_a_broken_tree() {
    let mut t = Tree::new("cycle");
    let a = t.add_node(Node::question("a", "A"));
    let b = t.add_node(Node::question("b", "B"));
    let o1 = t.add_node(Node::outcome("o1", "O1"));
    let o2 = t.add_node(Node::outcome("o2", "O2"));
    t.add_answer(a, b, "to b");
    t.add_answer(b, a, "back to a");
    t.add_answer(a, o1, "one");
    t.add_answer(b, o2, "two");
    let reach = Reach::new(&t);
    for n in [a, b] {
        let mut got = labels(&t, reach.leads(n).first);
        got.sort();
        assert_eq!(got, ["o1", "o2"]);
        assert_eq!(reach.leads(n).total, 2);
    }
}

#[test]
fn reach_of_twenty_thousand_answers_over_a_twenty_thousand_deep_chain() {
    // Walking each answer's subtree would take 20,000 × 40,000 steps; this is one pass.
    let loaded = tradeoff::format::load_str(&common::fan_over_chain(20_000)).unwrap();
    let t = &loaded.tree;
    let reach = Reach::new(t);
    let answers = reach.what_if(t, &Walk::new());
    assert_eq!(answers.len(), 20_000);
    let (_, first) = &answers[0];
    let expected: Vec<String> = (0..16).map(|k| format!("o{k}")).collect();
    assert_eq!(labels(t, first.first), expected);
    // o0 .. o19999 and the end.
    assert_eq!((first.total, first.exact), (20_001, true));
    let (_, last) = &answers[19_999];
    assert_eq!(labels(t, last.first), ["o19999", "end"]);
    assert_eq!(last.total, 2);
}

#[test]
fn a_node_key_stops_resolving_once_its_index_is_reused() {
    use tradeoff::model::Node;
    let mut t = tradeoff::model::Tree::new("T");
    let a = t.add_node(Node::outcome("a", "A"));
    let b = t.add_node(Node::outcome("b", "B"));
    let key_a = t.key(a).unwrap();
    let key_b = t.key(b).unwrap();
    assert_eq!(t.resolve(key_a), Some(a));
    t.remove_node(a);
    assert_eq!(t.resolve(key_a), None, "gone");
    // The graph hands the freed index to the next node: the old key must not follow it.
    let c = t.add_node(Node::outcome("c", "C"));
    assert_eq!(c, a, "the index was reused");
    assert_eq!(
        t.resolve(key_a),
        None,
        "the key still means the removed node"
    );
    assert_eq!(t.resolve(t.key(c).unwrap()), Some(c));
    assert_eq!(t.resolve(key_b), Some(b), "other keys are untouched");
    // A copy of the tree (as undo keeps) resolves the same keys.
    let copy = t.clone();
    assert_eq!(copy.resolve(key_b), Some(b));
}
