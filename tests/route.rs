//! "How do I get there?" in the real `App`, on the bundled tree: the ways to an outcome
//! listed shortest first, the chosen one marked in the graph, walked in one click and
//! taken back with Previous walk; from where the walk stands when it still can get
//! there; and reached from the palette by the keyboard.

mod common;

use std::collections::HashSet;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use tradeoff::app::{App, Command, ScriptedChooser};
use tradeoff::model::paths::paths_to;
use tradeoff::model::{EdgeIndex, NodeIndex, Step, Tree};

const TARGET: &str = "o-eks-auto";
const TITLE: &str = "EKS Auto Mode";

fn harness() -> Harness<'static, App> {
    common::ui::app_harness(
        egui::vec2(1400.0, 900.0),
        ScriptedChooser::default(),
        None,
        None,
    )
}

fn target(h: &Harness<'_, App>) -> NodeIndex {
    h.state()
        .tree()
        .find(TARGET)
        .expect("the bundled tree has EKS Auto Mode")
}

/// A way as the panel writes it: "Question — answer › Question — answer".
fn way_text(tree: &Tree, path: &[Step]) -> String {
    path.iter()
        .map(|s| {
            let q = tree.node(s.question).unwrap().label();
            let a = &tree.answer(s.answer).unwrap().answer.label;
            format!("{q} — {a}")
        })
        .collect::<Vec<_>>()
        .join(" › ")
}

fn labels(tree: &Tree, steps: &[Step]) -> Vec<String> {
    steps
        .iter()
        .map(|s| tree.answer(s.answer).unwrap().answer.label.clone())
        .collect()
}

fn answered(h: &Harness<'_, App>) -> Vec<String> {
    labels(h.state().tree(), h.state().walk().steps())
}

/// The nodes and answers of a way to the target, as the graph should mark them.
fn marks_of(path: &[Step], target: NodeIndex) -> (HashSet<NodeIndex>, HashSet<EdgeIndex>) {
    let mut nodes: HashSet<NodeIndex> = path.iter().map(|s| s.question).collect();
    nodes.insert(target);
    (nodes, path.iter().map(|s| s.answer).collect())
}

fn marked(h: &Harness<'_, App>) -> (HashSet<NodeIndex>, HashSet<EdgeIndex>) {
    h.state().view().expect("the graph is drawn").marked_route()
}

/// Answers the first question with an answer that does (or does not) still lead to
/// the target.
fn answer_first(h: &mut Harness<'_, App>, leads_there: bool) -> String {
    let (edge, label) = {
        let tree = h.state().tree();
        let root = tree.root().unwrap();
        let target = target(h);
        let a = tree
            .answers(root)
            .into_iter()
            .find(|a| (paths_to(tree, a.to, target, 1).total > 0) == leads_there)
            .expect("the first question has such an answer");
        (a.edge, a.answer.label.clone())
    };
    h.state_mut().push(Command::ChooseAnswer(edge));
    h.run();
    label
}

/// Selects the outcome and clicks "How do I get there?" in its notes.
fn open_from_notes(h: &mut Harness<'_, App>) {
    let target = target(h);
    h.state_mut().push(Command::GoTo(target));
    h.run();
    common::ui::click(h, "How do I get there?");
    h.get_by_label(&format!("Ways to {TITLE}"));
}

#[test]
fn the_ways_are_listed_shortest_first_marked_walked_and_taken_back() {
    let mut h = harness();
    let before = answer_first(&mut h, false);
    open_from_notes(&mut h);
    let target = target(&h);
    let tree = h.state().tree().clone();
    let all = paths_to(&tree, tree.root().unwrap(), target, 50);
    assert!(all.total >= 2, "the bundled tree has several ways there");
    // The walk's answer rules the outcome out, so the ways start at the start.
    h.get_by_label("Your answers so far lead elsewhere. The ways from the start:");
    assert!(h.query_by_label("From here").is_none());
    let noun = if all.total == 1 { "way" } else { "ways" };
    h.get_by_label(&format!("{} {noun}", all.total));
    // Every way, in order, none shorter than the one above it.
    let mut last = (f64::MIN, 0);
    for (k, path) in all.paths.iter().enumerate() {
        let label = format!("{}. {}", k + 1, way_text(&tree, path));
        let y = common::ui::top(&h, &label);
        assert!(y > last.0, "way {} is listed below way {k}", k + 1);
        assert!(
            path.len() >= last.1,
            "way {} is not shorter than way {k}",
            k + 1
        );
        last = (y, path.len());
    }
    // The first is marked in the graph; another, once clicked.
    assert_eq!(marked(&h), marks_of(&all.paths[0], target));
    let second = format!("2. {}", way_text(&tree, &all.paths[1]));
    common::ui::click(&mut h, &second);
    h.hover_at(egui::pos2(1.0, 1.0));
    h.run();
    assert_eq!(marked(&h), marks_of(&all.paths[1], target));
    common::ui::click(&mut h, "Walk this path");
    let walk = h.state().walk().clone();
    assert_eq!(walk.steps(), all.paths[1].as_slice());
    assert_eq!(
        walk.current(&tree),
        Some(target),
        "the walk ends at {TITLE}"
    );
    assert_eq!(answered(&h), labels(&tree, &all.paths[1]));
    // Previous walk returns to the walk before.
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowLeft);
    h.run();
    assert_eq!(answered(&h), [before]);
}

#[test]
fn from_here_continues_the_walk_and_escape_closes_the_ways() {
    let mut h = harness();
    let first = answer_first(&mut h, true);
    open_from_notes(&mut h);
    let target = target(&h);
    let tree = h.state().tree().clone();
    let here = h.state().walk().current(&tree).unwrap();
    let ways = paths_to(&tree, here, target, 50);
    // From here is the default, the start a click away.
    h.get_by_label("From here");
    h.get_by_label("From the start");
    h.get_by_label(&format!("1. {}", way_text(&tree, &ways.paths[0])));
    assert_eq!(marked(&h), marks_of(&ways.paths[0], target));
    common::ui::click(&mut h, "Walk this path");
    let mut expected = vec![first.clone()];
    expected.extend(labels(&tree, &ways.paths[0]));
    assert_eq!(answered(&h), expected);
    assert_eq!(h.state().walk().current(&tree), Some(target));
    h.get_by_label("You are there. The ways from the start:");
    // Escape ends the marks and the panel.
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label(&format!("Ways to {TITLE}")).is_none());
    assert_eq!(marked(&h), Default::default());
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowLeft);
    h.run();
    assert_eq!(answered(&h), [first]);
}

#[test]
fn the_palette_offers_the_ways_to_an_outcome() {
    let mut h = harness();
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.get_by(|n| n.role() == Role::TextInput && n.is_focused())
        .type_text("eks auto mode");
    h.run();
    let row = format!("How do I get there: {TITLE}");
    h.get_by_label(&row);
    // Right below the outcome's own row: Down, Enter.
    assert!(common::ui::top(&h, &row) > common::ui::top(&h, &format!("Go to outcome: {TITLE}")));
    common::ui::click(&mut h, &row);
    assert!(!h.state().is_palette_open());
    h.get_by_label(&format!("Ways to {TITLE}"));
}

#[test]
fn a_detached_outcome_is_unreachable() {
    let mut tree = common::sample();
    tree.add_node(common::outcome("o-lonely", "Lonely"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.json");
    std::fs::write(&path, tradeoff::format::to_json(&tree)).unwrap();
    let mut h = common::ui::app_harness(
        egui::vec2(1400.0, 900.0),
        ScriptedChooser::default(),
        Some(path),
        None,
    );
    let node = h.state().tree().find("o-lonely").unwrap();
    h.state_mut().push(Command::ShowWays(node));
    h.run();
    h.get_by_label("Ways to Lonely");
    h.get_by_label_contains("Unreachable");
    assert!(h.query_by_label("Walk this path").is_none());
}
