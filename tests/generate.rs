//! The seeded decision-DAG generator: same seed, same tree; valid, acyclic, reachable,
//! the requested size and share of shared nodes.

use tradeoff::format::to_json;
use tradeoff::model::generate::decision_dag;
use tradeoff::model::{NodeKind, Tree};

fn shared_count(t: &Tree) -> usize {
    t.all_nodes()
        .filter(|(i, _)| t.incoming(*i).len() >= 2)
        .count()
}

#[test]
fn the_same_seed_gives_the_same_tree() {
    let a = decision_dag(300, 0.2, 7);
    let b = decision_dag(300, 0.2, 7);
    assert!(a.same_content(&b));
    assert_eq!(to_json(&a), to_json(&b));
    let c = decision_dag(300, 0.2, 8);
    assert!(!a.same_content(&c), "another seed gives another tree");
}

#[test]
fn trees_validate_without_problems_and_have_the_requested_shape() {
    for (nodes, fraction, seed) in [
        (3, 0.0, 1),
        (4, 0.3, 2),
        (10, 0.3, 3),
        (100, 0.1, 4),
        (100, 0.3, 5),
        (1_000, 0.2, 6),
        (2_000, 0.3, 7),
        (2_000, 0.1, 8),
    ] {
        let t = decision_dag(nodes, fraction, seed);
        let case = format!("{nodes} nodes, {fraction} shared, seed {seed}");
        assert_eq!(t.validate(), vec![], "{case}");
        assert_eq!(t.node_count(), nodes, "{case}");
        assert!(t.cycles().is_empty(), "{case}");
        assert_eq!(t.roots().len(), 1, "{case}");
        let root = t.root().expect("a root");
        assert_eq!(t.reachable_from(root).len(), nodes, "{case}");
        if nodes >= 100 {
            let wanted = (fraction * nodes as f64).round() as usize;
            assert_eq!(shared_count(&t), wanted, "{case}");
        }
    }
}

#[test]
fn questions_have_two_to_five_answers_with_labels_of_10_to_60_characters() {
    let t = decision_dag(1_000, 0.3, 11);
    let mut several_parents = 0;
    let mut shared_questions = 0;
    let mut shared_outcomes = 0;
    for (i, node) in t.nodes() {
        let answers = t.answers(i);
        match node.kind {
            NodeKind::Question(_) => {
                assert!((2..=5).contains(&answers.len()), "{}", node.id);
                for a in answers {
                    let n = a.answer.label.chars().count();
                    assert!((10..=60).contains(&n), "{:?}", a.answer.label);
                }
            }
            _ => assert!(answers.is_empty()),
        }
        let parents = t.incoming(i).len();
        if parents >= 2 {
            if node.is_question() {
                shared_questions += 1;
            } else {
                shared_outcomes += 1;
            }
        }
        if parents >= 3 {
            several_parents += 1;
        }
    }
    assert!(shared_questions > 0 && shared_outcomes > 0);
    assert!(
        several_parents > 0,
        "some nodes are reached by three answers or more"
    );
}

#[test]
fn tiny_sizes_are_still_valid() {
    assert_eq!(decision_dag(0, 0.2, 1).node_count(), 0);
    for n in 1..=2 {
        let t = decision_dag(n, 0.2, 1);
        assert_eq!(t.node_count(), n);
        assert_eq!(t.validate(), vec![]);
    }
}
