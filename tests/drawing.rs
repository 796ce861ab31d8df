//! The graph as the real `App` draws it, checked with plain geometry: on both bundled
//! trees, in both orientations, with shared outcomes repeated or not, no answer's curve
//! passes through a node box it does not end at and no answer label overlaps a node or
//! another label.

mod common;

use std::path::PathBuf;

use egui::{Pos2, Rect};
use egui_kittest::Harness;
use tradeoff::app::{App, Command, ScriptedChooser};
use tradeoff::layout::Orientation;

fn harness(file: Option<PathBuf>) -> Harness<'static, App> {
    common::ui::app_harness(
        egui::vec2(1400.0, 880.0),
        ScriptedChooser::default(),
        file,
        None,
    )
}

fn bezier(p: &[Pos2; 4], t: f32) -> Pos2 {
    let u = 1.0 - t;
    let v = p[0].to_vec2() * (u * u * u)
        + p[1].to_vec2() * (3.0 * u * u * t)
        + p[2].to_vec2() * (3.0 * u * t * t)
        + p[3].to_vec2() * (t * t * t);
    v.to_pos2()
}

/// Does the segment a–b enter the interior of `r`? Sampled finely: the curves are short
/// and the boxes large, so a step of a pixel is exact enough.
fn enters(a: Pos2, b: Pos2, r: Rect) -> bool {
    let steps = (a.distance(b).ceil() as usize).max(1);
    (0..=steps).any(|k| r.contains(a.lerp(b, k as f32 / steps as f32)))
}

fn check_drawing(h: &Harness<'_, App>, what: &str) {
    let app = h.state();
    let view = app.view().expect("the graph was built");
    let nodes = view.node_rects();
    assert!(!nodes.is_empty(), "{what}: nothing drawn");
    let labels = view.label_rects();
    assert!(!labels.is_empty(), "{what}: no answer labels drawn");

    // (b) labels against nodes and labels.
    for (e, l) in &labels {
        let inner = l.shrink(0.5);
        for (n, r) in nodes {
            assert!(
                !inner.intersects(r.shrink(0.5)),
                "{what}: the label of {e:?} overlaps node {n:?}"
            );
        }
        for (f, m) in &labels {
            assert!(
                f == e || !inner.intersects(m.shrink(0.5)),
                "{what}: the labels of {e:?} and {f:?} overlap"
            );
        }
    }

    // (a) every curve against every box but its own ends.
    let tree = app.tree();
    for (e, segments, target) in view.routes() {
        let answer = tree.answer(e).expect("a drawn answer exists");
        let source = view.rect_of(answer.from).expect("its question is drawn");
        let target = target.expect("its target is drawn");
        let first = segments.first().expect("a route has segments")[0];
        let last = segments.last().expect("a route has segments")[3];
        assert!(
            source.expand(0.5).contains(first),
            "{what}: {e:?} starts off its question"
        );
        assert!(
            target.expand(0.5).contains(last),
            "{what}: {e:?} ends off its target"
        );
        for s in segments {
            let points: Vec<Pos2> = (0..=16).map(|k| bezier(s, k as f32 / 16.0)).collect();
            for w in points.windows(2) {
                for (n, r) in nodes {
                    if *r == source || *r == target {
                        continue;
                    }
                    assert!(
                        !enters(w[0], w[1], r.shrink(1.0)),
                        "{what}: the curve of {e:?} crosses node {n:?}"
                    );
                }
            }
        }
    }
}

fn check_tree(file: Option<PathBuf>, name: &str) {
    let mut h = harness(file);
    for orientation in [Orientation::TopDown, Orientation::LeftRight] {
        h.state_mut().push(Command::SetOrientation(orientation));
        h.run();
        for _ in 0..2 {
            let repeat = h.state().settings().repeat_shared;
            check_drawing(&h, &format!("{name}, {orientation:?}, repeat {repeat}"));
            h.state_mut().push(Command::ToggleRepeatShared);
            h.run();
        }
    }
}

#[test]
fn the_bundled_aws_tree_is_drawn_cleanly() {
    check_tree(None, "aws-containers");
}

#[test]
fn the_example_tree_is_drawn_cleanly() {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("trees/example-database.json");
    check_tree(Some(file), "example-database");
}

#[test]
fn repeating_shared_outcomes_draws_one_copy_per_answer() {
    let mut h = harness(None);
    let app = h.state();
    let tree = app.tree();
    // The bundled tree has outcomes that several answers reach.
    let shared: Vec<_> = tree
        .all_nodes()
        .filter(|(i, n)| {
            n.is_outcome()
                && tree
                    .all_nodes()
                    .flat_map(|(q, _)| tree.answers(q))
                    .filter(|a| a.to == *i)
                    .count()
                    > 1
        })
        .map(|(i, _)| i)
        .collect();
    assert!(!shared.is_empty());
    let incoming: Vec<usize> = shared
        .iter()
        .map(|&i| {
            tree.all_nodes()
                .flat_map(|(q, _)| tree.answers(q))
                .filter(|a| a.to == i)
                .count()
        })
        .collect();
    let on = app.settings().repeat_shared;
    let view = app.view().unwrap();
    for (k, &i) in shared.iter().enumerate() {
        let expected = if on { incoming[k] } else { 1 };
        assert_eq!(view.rects_of(i).len(), expected);
    }
    let drawn_on = view.shown();
    h.state_mut().push(Command::ToggleRepeatShared);
    h.run();
    let app = h.state();
    let view = app.view().unwrap();
    for (k, &i) in shared.iter().enumerate() {
        let expected = if on { 1 } else { incoming[k] };
        assert_eq!(view.rects_of(i).len(), expected);
    }
    assert_ne!(view.shown(), drawn_on);
    // Shared questions stay single either way.
    let tree = app.tree();
    for (i, n) in tree.all_nodes() {
        if n.is_question() {
            assert_eq!(view.rects_of(i).len(), 1, "{} drawn more than once", n.id);
        }
    }
}

/// A tree file of one question with `answers` answers, each to its own outcome.
fn wide_tree(answers: usize) -> String {
    let mut nodes = vec![serde_json::json!({
        "kind": "question",
        "id": "q",
        "prompt": "Which one?",
        "answers": (0..answers)
            .map(|k| serde_json::json!({ "label": format!("Answer {k}"), "to": format!("o{k}") }))
            .collect::<Vec<_>>(),
    })];
    nodes.extend((0..answers).map(|k| {
        serde_json::json!({ "kind": "outcome", "id": format!("o{k}"), "title": format!("Outcome {k}") })
    }));
    serde_json::to_string(&serde_json::json!({
        "format": "tradeoff-tree",
        "version": 1,
        "title": "Wide",
        "nodes": nodes,
    }))
    .unwrap()
}

/// The shapes the app's last frame painted.
fn shapes_painted(h: &Harness<'_, App>) -> usize {
    h.output().shapes.len()
}

/// A frame paints what is in view, whatever the size of the tree: a fan of 40,000
/// answers leaving the start question crosses the whole canvas, and drawing every curve
/// (with its arrowhead and label, culled only by bounding box) took 500,000 shapes and
/// 1.2 million triangles a frame at 100,000 answers, which kept a software-rendered
/// window busy for half a minute after it opened. The answers that only pass through
/// the view are sampled; the minimap draws a fixed grid of cells past 2,000 nodes.
#[test]
fn a_frame_paints_about_the_same_at_a_thousand_answers_as_at_forty_thousand() {
    let dir = tempfile::tempdir().unwrap();
    let mut counts = Vec::new();
    for answers in [1_000, 40_000] {
        let file = dir.path().join(format!("wide{answers}.json"));
        std::fs::write(&file, wide_tree(answers)).unwrap();
        let mut h = harness(Some(file));
        assert_eq!(
            h.state().tree().node_count(),
            answers + 1,
            "the file opened"
        );
        h.step();
        counts.push(shapes_painted(&h));
    }
    assert!(
        counts[1] < counts[0] * 3 / 2 && counts[1] < 10_000,
        "shapes painted at 1,000 and 40,000 answers: {counts:?}"
    );
}

/// A question with thousands of answers opens and draws: the view keeps the answers
/// itself instead of handing them to egui_graphs, whose `add_edge` scans the source's
/// other edges on every insert (quadratic: 100,000 answers froze the app for minutes).
#[test]
fn a_question_with_thousands_of_answers_opens() {
    let answers = 5_000;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("wide.json");
    std::fs::write(&file, wide_tree(answers)).unwrap();

    let h = harness(Some(file));
    let app = h.state();
    assert_eq!(app.tree().title, "Wide", "the file was opened");
    let view = app.view().expect("the graph was built");
    assert_eq!(view.shown(), answers + 1);
    assert_eq!(view.label_rects().len(), answers);
    assert_eq!(
        view.graph.edge_count(),
        0,
        "answers are drawn by the view, not added to egui_graphs one by one"
    );
}
