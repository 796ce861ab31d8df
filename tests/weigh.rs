//! Weighing the trade-offs in the real `App`: the Compare panel sorts by any column,
//! moving a weight reorders the ranking, a preference question rules nothing out, every
//! ruled-out outcome says which answer ruled it out, and "What would change it?" leads
//! somewhere else in one click.

mod common;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use tradeoff::app::{App, Command, ScriptedChooser};

fn harness(dir: &tempfile::TempDir) -> Harness<'static, App> {
    let path = dir.path().join("weighing.json");
    std::fs::write(&path, common::WEIGHING).unwrap();
    let mut h = common::ui::app_harness(
        egui::vec2(1400.0, 900.0),
        ScriptedChooser::default(),
        Some(path),
        None,
    );
    h.run();
    assert!(
        h.state().problems().is_empty(),
        "{:?}",
        h.state().problems()
    );
    h
}

fn rows(h: &Harness<'_, App>) -> Vec<String> {
    h.state()
        .compare_rows()
        .into_iter()
        .map(str::to_owned)
        .collect()
}

fn set_weight(h: &mut Harness<'_, App>, dimension: &str, weight: f32) {
    h.state_mut()
        .push(Command::SetWeight(dimension.into(), weight));
    h.run();
}

fn walk_to(h: &mut Harness<'_, App>, answers: &[&str]) {
    for a in answers {
        common::ui::click(h, a);
    }
}

#[test]
fn compare_sorts_by_score_by_a_dimension_and_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir);
    // Even weights (1 each): Y 0.5 + 0.75; A 1 + 0 and X 0 + 1 tie, A first by name.
    assert_eq!(rows(&h), ["o-y", "o-a", "o-x"]);
    h.get_by_label_contains("Ranks first on your weights:");
    h.get_by_label_contains("it beats A on Control");
    common::ui::click(&mut h, "Score ⏷");
    assert_eq!(rows(&h), ["o-x", "o-a", "o-y"]);
    // A new column starts with the most first, then turns round.
    common::ui::click(&mut h, "Control ⬆");
    assert_eq!(rows(&h), ["o-x", "o-y", "o-a"]);
    common::ui::click(&mut h, "Control ⬆ ⏷");
    assert_eq!(rows(&h), ["o-a", "o-y", "o-x"]);
    common::ui::click(&mut h, "Outcome");
    assert_eq!(rows(&h), ["o-a", "o-x", "o-y"]);
    // Each row opens its outcome's notes.
    common::ui::click(&mut h, "X");
    let app = h.state();
    let selected = app.selected().map(|n| app.tree().graph()[n].id.clone());
    assert_eq!(selected.as_deref(), Some("o-x"));
}

#[test]
fn moving_a_weight_reorders_the_ranking_and_even_weights_undo_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir);
    assert_eq!(rows(&h), ["o-y", "o-a", "o-x"]);
    // Cost matters most: A (5) over Y (2.5 + 0.75) over X (1).
    set_weight(&mut h, "cost", 5.0);
    assert_eq!(rows(&h), ["o-a", "o-y", "o-x"]);
    h.get_by_label_contains("it beats Y on Cost");
    assert_eq!(h.state().weights().get("cost"), 5.0);
    // Kept for this tree, so it is weighed the same way next time.
    assert_eq!(h.state().settings().weights["Weighing"]["cost"], 5.0);
    common::ui::click(&mut h, "Even weights");
    assert_eq!(rows(&h), ["o-y", "o-a", "o-x"]);
    assert!(!h.state().settings().weights.contains_key("Weighing"));
}

#[test]
fn a_preference_rules_nothing_out_and_each_ruled_out_outcome_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir);
    walk_to(&mut h, &["Hosted"]);
    h.get_by_label_contains("A preference: your answer changes how the outcomes are weighed");
    walk_to(&mut h, &["Hands-off", "Small"]);
    // Y, behind "Hands-on" and "Large", is still a candidate; X was ruled out.
    // Hands-off made cost weigh 3: A 3 + 0, Y 1.5 + 0.75.
    assert_eq!(rows(&h), ["o-a", "o-y", "o-x"]);
    h.get_by_label("Ruled out by “Hosted” to “Where?”");
    h.get_by_label("Your answers lead here");
    h.get_by_label("+2 from your answers");
    // Control weighing 5 puts Y first, though the answers lead to A.
    set_weight(&mut h, "control", 5.0);
    assert_eq!(rows(&h), ["o-y", "o-a", "o-x"]);
    h.get_by_label("Your answers lead to A; on your weights, Y ranks above it.");
    // With cost at 0 (2, with the preference answer), X, ruled out, would score 5
    // against Y's 1 + 3.75: the panel says so, and which answer cost it.
    set_weight(&mut h, "cost", 0.0);
    h.get_by_label(
        "would score best on your weights (5.00 against 4.75), but your answer “Hosted” to “Where?” ruled it out.",
    );
}

#[test]
fn what_would_change_it_leads_elsewhere_in_one_click() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir);
    walk_to(&mut h, &["Hosted", "Hands-off", "Small"]);
    h.get_by_label("What would change it?");
    // A leads on 3 against Y's 1.5 + 0.75 c: Y first once control passes 2.
    common::ui::click(&mut h, "Control from 1 to 2.5: Y ranks first");
    assert_eq!(h.state().weights().get("control"), 2.5);
    assert_eq!(rows(&h)[0], "o-y");
    // One answer: "Large" ends at Y, keeping the two answers before it.
    common::ui::click(&mut h, "“Large” to “How big?”: Y");
    let app = h.state();
    let end = app
        .walk()
        .current(app.tree())
        .map(|n| app.tree().graph()[n].id.clone());
    assert_eq!(end.as_deref(), Some("o-y"));
    assert_eq!(app.walk().steps().len(), 3);
    // Previous walk goes back to the walk before the change.
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowLeft);
    h.run();
    let app = h.state();
    let end = app
        .walk()
        .current(app.tree())
        .map(|n| app.tree().graph()[n].id.clone());
    assert_eq!(end.as_deref(), Some("o-a"));
}

#[test]
fn the_sliders_move_from_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir);
    // One slider per dimension, in the tree's order: cost first.
    let sliders = h.get_all_by_role(Role::Slider).count();
    assert_eq!(sliders, 2);
    h.get_all_by_role(Role::Slider).next().unwrap().focus();
    h.run();
    for _ in 0..8 {
        h.key_press(Key::ArrowRight);
        h.run();
    }
    assert_eq!(h.state().weights().get("cost"), 5.0);
    assert_eq!(rows(&h), ["o-a", "o-y", "o-x"]);
}
