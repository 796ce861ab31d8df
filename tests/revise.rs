//! Changing one's mind without losing the rest, in the real `App`: an earlier answer
//! revised from the trail keeps the later answers whose questions are still asked, and
//! Previous walk / Next walk (Alt+Left / Alt+Right) move through every change of the
//! walk, Restart included.

mod common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use tradeoff::app::{App, Command, ScriptedChooser};

/// The sample tree: start -(Small)-> size-shared, start -(Large)-> scale -(Up)->
/// size-shared / -(Out)-> o-c; size-shared -(Yes)-> o-a / -(No)-> o-b.
fn harness(dir: &tempfile::TempDir) -> Harness<'static, App> {
    let path = dir.path().join("sample.json");
    std::fs::write(&path, tradeoff::format::to_json(&common::sample())).unwrap();
    common::ui::app_harness(
        egui::vec2(1400.0, 900.0),
        ScriptedChooser::default(),
        Some(path),
        None,
    )
}

fn answered(h: &Harness<'_, App>) -> Vec<String> {
    let app = h.state();
    let tree = app.tree();
    app.walk()
        .steps()
        .iter()
        .map(|s| tree.answer(s.answer).unwrap().answer.label.clone())
        .collect()
}

fn walk_large_up_yes(h: &mut Harness<'_, App>) {
    for label in ["Large", "Up", "Yes"] {
        common::ui::click(h, label);
    }
    assert_eq!(answered(h), ["Large", "Up", "Yes"]);
}

#[test]
fn revising_an_earlier_answer_keeps_the_later_ones_still_asked() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir);
    walk_large_up_yes(&mut h);
    // Back to the first question from the trail, and a different answer there.
    h.state_mut().push(Command::Rewind(0));
    h.run();
    assert!(answered(&h).is_empty());
    common::ui::click(&mut h, "Small");
    // "Keep state?" is still asked, so its answer stays; "Scale how?" is not.
    assert_eq!(answered(&h), ["Small", "Yes"]);
    h.get_by_label_contains("Kept 1 later answer; dropped 1 no longer asked: Scale how? — Up");
    // The trail lists it, struck through, until the walk changes again.
    h.get_by_label("Dropped: no longer asked (Alt+Left brings them back)");
    h.get_by_label("Scale how? — Up");
    // One Previous walk brings back the walk before the revision, whole.
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowLeft);
    h.run();
    assert_eq!(answered(&h), ["Large", "Up", "Yes"]);
    assert!(h.query_by_label("Scale how? — Up").is_none());
    // And Next walk the revised one.
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    h.run();
    assert_eq!(answered(&h), ["Small", "Yes"]);
}

#[test]
fn previous_and_next_walk_step_through_answers_and_undo_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir);
    walk_large_up_yes(&mut h);
    h.state_mut().push(Command::Restart);
    h.run();
    assert!(answered(&h).is_empty());
    h.state_mut().push(Command::WalkBack);
    h.run();
    assert_eq!(answered(&h), ["Large", "Up", "Yes"], "Restart is undone");
    h.state_mut().push(Command::WalkBack);
    h.run();
    assert_eq!(answered(&h), ["Large", "Up"]);
    h.state_mut().push(Command::WalkForward);
    h.run();
    assert_eq!(answered(&h), ["Large", "Up", "Yes"], "Forward after Back");
    // A new answer after going back clears what was ahead.
    h.state_mut().push(Command::WalkBack);
    h.run();
    common::ui::click(&mut h, "No");
    assert_eq!(answered(&h), ["Large", "Up", "No"]);
    assert!(!h.state().command_state().walk_forward);
}
