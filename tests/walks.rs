//! Saved walks in the real `App`: saving the walk and weights, opening it again (on the
//! command line too), a walk whose answers no longer all apply, and saved walks side by
//! side in Compare.

mod common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use tradeoff::app::{App, Chosen, Command, Options, ScriptedChooser};
use tradeoff::format::walk_file::WalkFile;

fn harness(
    dir: &tempfile::TempDir,
    chosen: Vec<Chosen>,
    walk: Option<&str>,
) -> Harness<'static, App> {
    let tree = dir.path().join("weighing.json");
    std::fs::write(&tree, common::WEIGHING).unwrap();
    let walk = walk.map(|w| dir.path().join(w));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_eframe(move |cc| {
            App::new(
                cc,
                Options {
                    file: Some(tree),
                    walk,
                    chooser: Box::new(ScriptedChooser::new(chosen)),
                    persist: false,
                    data_dir: None,
                },
            )
        });
    h.run();
    h
}

fn end(h: &Harness<'_, App>) -> Option<String> {
    let app = h.state();
    let tree = app.tree();
    app.walk().current(tree).map(|n| tree.graph()[n].id.clone())
}

fn push(h: &mut Harness<'_, App>, command: Command) {
    h.state_mut().push(command);
    h.run();
}

#[test]
fn a_saved_walk_opens_again_with_its_weights() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.walk.json");
    let chosen = vec![Chosen::Path(file.clone()), Chosen::Path(file.clone())];
    let mut h = harness(&dir, chosen, None);
    for a in ["Hosted", "Hands-off", "Small"] {
        common::ui::click(&mut h, a);
    }
    push(&mut h, Command::SetWeight("control".into(), 2.5));
    push(&mut h, Command::SaveWalk);
    assert!(
        h.state().notice().starts_with("Walk saved (3 answers)"),
        "{}",
        h.state().notice()
    );
    let saved = WalkFile::load(&file).unwrap();
    let answers: Vec<&str> = saved.answers.iter().map(|a| a.answer.as_str()).collect();
    assert_eq!(answers, ["Hosted", "Hands-off", "Small"]);
    assert_eq!(saved.tree.title, "Weighing");
    assert_eq!(saved.weights["control"], 2.5);

    push(&mut h, Command::Restart);
    push(&mut h, Command::ResetWeights);
    assert_eq!(end(&h).as_deref(), Some("q-where"));
    push(&mut h, Command::OpenWalk);
    assert_eq!(end(&h).as_deref(), Some("o-a"));
    assert_eq!(h.state().weights().get("control"), 2.5);
    assert_eq!(h.state().notice(), "Replayed 3 answers");
    // Previous walk goes back to the walk before it was opened.
    push(&mut h, Command::WalkBack);
    assert_eq!(end(&h).as_deref(), Some("q-where"));
}

#[test]
fn a_walk_given_on_the_command_line_opens_there_and_says_what_no_longer_applies() {
    let dir = tempfile::tempdir().unwrap();
    // "Medium" is not an answer of "How big?" (any more).
    let text = r#"{"format": "tradeoff-walk", "version": 1,
      "tree": {"title": "Weighing", "fingerprint": "0000000000000000"},
      "answers": [{"question": "q-where", "answer": "Hosted"},
                  {"question": "q-style", "answer": "Hands-off"},
                  {"question": "q-gate", "answer": "Medium"}]}"#;
    std::fs::write(dir.path().join("old.json"), text).unwrap();
    let h = harness(&dir, Vec::new(), Some("old.json"));
    assert_eq!(end(&h).as_deref(), Some("q-gate"));
    assert_eq!(
        h.state().notice(),
        "Replayed 2 answers (the tree changed since the walk was saved); 1 no longer apply: q-gate: the answer \"Medium\" no longer exists"
    );
}

#[test]
fn a_broken_walk_file_says_why_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.json");
    std::fs::write(
        &file,
        "{\"format\": \"tradeoff-walk\",\n\"version\": 1, \"answers\": [}",
    )
    .unwrap();
    let mut h = harness(&dir, vec![Chosen::Path(file)], None);
    common::ui::click(&mut h, "Hosted");
    push(&mut h, Command::OpenWalk);
    h.get_by_label("Could not open the walk");
    h.get_by_label_contains("broken.json: line 2");
    assert_eq!(end(&h).as_deref(), Some("q-style"));
}

#[test]
fn saved_walks_stand_side_by_side_in_compare() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("team-a.walk.json");
    let chosen = vec![Chosen::Path(a.clone()), Chosen::Path(a.clone())];
    let mut h = harness(&dir, chosen, None);
    for label in ["Hosted", "Hands-off", "Small"] {
        common::ui::click(&mut h, label);
    }
    push(&mut h, Command::SaveWalk);
    push(&mut h, Command::Restart);
    common::ui::click(&mut h, "On site");
    push(&mut h, Command::CompareWalk);
    assert_eq!(
        h.state().saved_walks(),
        [("team-a".to_owned(), Some("o-a".to_owned()))]
    );
    h.get_by_label("This walk");
    h.get_by_label("team-a");
    common::ui::click(&mut h, "Remove");
    assert!(h.state().saved_walks().is_empty());
}
