//! The worst shapes a file can take, at 100,000 nodes: a deep chain, a wide question,
//! deep × wide, many roots, many shared nodes. Loading them from JSON text, validating,
//! walking them to the end and printing them with `show` must finish, on a thread with
//! a normal 2 MiB stack, so nothing on these paths recurses with the depth of the tree.
//! No timing is asserted; see docs/reliability.md for the bound this stands for.

mod common;

use tradeoff::cli;
use tradeoff::format;
use tradeoff::model::{Reach, Severity, Walk};

const NODES: usize = 100_000;

/// A node as JSON: a question with `answers` (label, target id), or an outcome.
fn question(id: &str, answers: &[(String, String)]) -> String {
    let answers: Vec<String> = answers
        .iter()
        .map(|(label, to)| format!(r#"{{"label":"{label}","to":"{to}"}}"#))
        .collect();
    format!(
        r#"{{"kind":"question","id":"{id}","prompt":"{id}?","answers":[{}]}}"#,
        answers.join(",")
    )
}

fn outcome(id: &str) -> String {
    format!(r#"{{"kind":"outcome","id":"{id}","title":"{id}"}}"#)
}

fn file(title: &str, nodes: Vec<String>) -> String {
    format!(
        "{{\"format\":\"tradeoff-tree\",\"version\":1,\"title\":\"{title}\",\"nodes\":[\n{}\n]}}\n",
        nodes.join(",\n")
    )
}

fn answer(label: &str, to: String) -> (String, String) {
    (label.to_owned(), to)
}

/// q0 -> q1 -> ... -> q{n-1} -> last, every question also able to stop at `end`.
fn deep_chain() -> String {
    let depth = NODES - 2;
    let mut nodes: Vec<String> = (0..depth)
        .map(|i| {
            let next = if i + 1 < depth {
                format!("q{}", i + 1)
            } else {
                "last".to_owned()
            };
            question(
                &format!("q{i}"),
                &[answer("next", next), answer("stop", "end".into())],
            )
        })
        .collect();
    nodes.push(outcome("end"));
    nodes.push(outcome("last"));
    file("Deep chain", nodes)
}

/// One question with an answer for each of 99,999 outcomes.
fn wide_question() -> String {
    let answers: Vec<(String, String)> = (1..NODES)
        .map(|k| answer(&format!("a{k}"), format!("o{k}")))
        .collect();
    let mut nodes = vec![question("start", &answers)];
    nodes.extend((1..NODES).map(|k| outcome(&format!("o{k}"))));
    file("Wide question", nodes)
}

/// A question with 49,999 answers over a 49,999-deep chain, each chain question with
/// its own outcome: every answer leads to a different, long part of the chain.
fn deep_times_wide() -> String {
    common::fan_over_chain(NODES / 2 - 1)
}

/// 100,000 outcomes and no question: every one is a root (an invalid tree, loaded for
/// repair).
fn many_roots() -> String {
    file(
        "Many roots",
        (0..NODES).map(|k| outcome(&format!("o{k}"))).collect(),
    )
}

/// A ladder: two questions a rank, each leading to both of the next rank, so the
/// number of paths doubles with every rank (2^50,000 in all) while the file stays
/// linear.
fn many_shared() -> String {
    let ranks = NODES / 2 - 1;
    let mut nodes = Vec::with_capacity(NODES);
    for r in 0..ranks {
        let next = |side: &str| {
            if r + 1 < ranks {
                format!("{side}{}", r + 1)
            } else {
                format!("end-{side}")
            }
        };
        for side in ["l", "r"] {
            let answers = [answer("left", next("l")), answer("right", next("r"))];
            nodes.push(question(&format!("{side}{r}"), &answers));
        }
    }
    // The two of the first rank need a single start above them.
    nodes.push(question(
        "start",
        &[answer("left", "l0".into()), answer("right", "r0".into())],
    ));
    nodes.push(outcome("end-l"));
    nodes.push(outcome("end-r"));
    file("Many shared", nodes)
}

/// Loads, validates, walks to the end (first answer every time) and prints a shape.
fn exercise(name: &str, text: &str, valid: bool) {
    let loaded = format::load_str_lenient(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let tree = &loaded.tree;
    assert!(
        tree.node_count() >= NODES - 2,
        "{name}: {}",
        tree.node_count()
    );
    let errors = loaded
        .problems
        .iter()
        .filter(|p| p.problem.severity == Severity::Error)
        .count();
    assert_eq!(errors == 0, valid, "{name}: {errors} errors");
    if valid {
        format::load_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    }

    // Walk: the first answer at every question, to an outcome.
    let mut walk = Walk::new();
    while !walk.finished(tree) && walk.choose_by(tree, "1").is_ok() {}
    if valid {
        assert!(walk.finished(tree), "{name}: the walk ends at an outcome");
    }
    let pairs: Vec<String> = walk
        .trail(tree)
        .iter()
        .map(|(q, a)| format!("{}={}", q.id, a.label))
        .collect();
    let again = cli::apply_answers(tree, &pairs).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(again, walk, "{name}");
    let report = cli::walk_report(tree, &walk);
    let _ = cli::render_report(tree, &report);
    let _ = walk.ruled_out(tree);
    // And the report at the start, with every answer's "can lead to".
    let start = cli::walk_report(tree, &Walk::new());
    let _ = cli::render_report(tree, &start);
    let _ = Reach::new(tree);

    // show: every node once, each line bounded.
    let outline = cli::outline(tree);
    assert!(outline.lines().count() >= tree.node_count(), "{name}");
    assert!(
        outline.len() < 400 * (tree.node_count() + tree.graph().edge_count()),
        "{name}"
    );
}

/// Runs `f` on a thread with a 2 MiB stack, as the main thread of a small program or
/// any spawned thread has: deep recursion would overflow it.
fn on_a_normal_stack(name: &'static str, f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .name(name.to_owned())
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap_or_else(|_| panic!("{name} failed"));
}

#[test]
fn a_deep_chain_of_100_000() {
    on_a_normal_stack("deep chain", || exercise("deep chain", &deep_chain(), true));
}

#[test]
fn a_question_with_100_000_answers() {
    on_a_normal_stack("wide question", || {
        exercise("wide question", &wide_question(), true)
    });
}

#[test]
fn deep_times_wide_at_100_000() {
    on_a_normal_stack("deep x wide", || {
        exercise("deep x wide", &deep_times_wide(), true)
    });
}

#[test]
fn many_roots_at_100_000() {
    on_a_normal_stack("many roots", || {
        exercise("many roots", &many_roots(), false)
    });
}

#[test]
fn many_shared_nodes_at_100_000() {
    on_a_normal_stack("many shared", || {
        exercise("many shared", &many_shared(), true)
    });
}
