//! Building and changing trees in the real `App` through egui_kittest: edit mode,
//! undo, copy and paste, delete, the problems panel, and crash recovery with a real
//! process that is killed mid-edit.

mod common;

use std::fs;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use tradeoff::app::{App, Chosen, Command, ScriptedChooser};
use tradeoff::model::{NodeIndex, ProblemKind, Tree};

fn harness_full(
    chooser: ScriptedChooser,
    file: Option<PathBuf>,
    data_dir: Option<PathBuf>,
) -> Harness<'static, App> {
    common::ui::app_harness(egui::vec2(1500.0, 1000.0), chooser, file, data_dir)
}

fn harness_with(chooser: ScriptedChooser) -> Harness<'static, App> {
    harness_full(chooser, None, None)
}

/// Scrolls the button into view (as a user would) and clicks it.
fn click(h: &mut Harness<'_, App>, label: &str) {
    h.get_by_role_and_label(Role::Button, label).scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::Button, label).click();
    h.run();
}

/// Replaces the text of the field with this accessible label, then leaves the field.
fn set_field(h: &mut Harness<'_, App>, label: &str, text: &str) {
    let field = h
        .get_all_by_label(label)
        .find(|n| {
            matches!(
                n.accesskit_node().role(),
                Role::TextInput | Role::MultilineTextInput
            )
        })
        .unwrap_or_else(|| panic!("no text field labelled {label}"));
    field.scroll_to_me();
    h.run();
    h.get_all_by_label(label)
        .find(|n| {
            matches!(
                n.accesskit_node().role(),
                Role::TextInput | Role::MultilineTextInput
            )
        })
        .unwrap_or_else(|| panic!("no text field labelled {label}"))
        .focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.event(egui::Event::Text(text.to_owned()));
    h.run();
    h.key_press(Key::Escape);
    h.run();
}

/// Answers the "Answer label" dialog.
fn answer_label(h: &mut Harness<'_, App>, label: &str) {
    h.get_all_by_label("Answer label")
        .next()
        .expect("the dialog is open");
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.event(egui::Event::Text(label.to_owned()));
    h.run();
    click(h, "Add");
}

/// Selects a node by clicking it on the canvas, as a user would.
fn click_node(h: &mut Harness<'_, App>, node: NodeIndex) {
    let mut rect = h.state().node_screen_rect(node).expect("node is drawn");
    let visible = h.state().visible_canvas().expect("a canvas");
    if !visible.contains(rect.center()) {
        // Scrolled away by an earlier step: bring it back, as a user would, unselected.
        h.state_mut().push(Command::GoTo(node));
        h.state_mut().push(Command::Select(None));
        h.run();
        rect = h.state().node_screen_rect(node).expect("node is drawn");
    }
    let at = rect.center();
    h.event(egui::Event::PointerMoved(at));
    h.event(egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    // Move away so the tooltip does not cover the panels.
    h.event(egui::Event::PointerMoved(egui::pos2(5.0, 995.0)));
    h.run();
    assert_eq!(h.state().selected(), Some(node), "clicking selects");
}

fn find(h: &Harness<'_, App>, id: &str) -> NodeIndex {
    h.state()
        .tree()
        .find(id)
        .unwrap_or_else(|| panic!("no node {id}"))
}

fn add_child(h: &mut Harness<'_, App>, parent: NodeIndex, outcome: bool, label: &str) -> NodeIndex {
    click_node(h, parent);
    click(
        h,
        if outcome {
            "Add outcome"
        } else {
            "Add question"
        },
    );
    answer_label(h, label);
    h.state().selected().expect("the new node is selected")
}

#[test]
fn build_a_five_question_tree_save_close_and_reopen_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("language.json");
    let mut h = harness_with(ScriptedChooser::new([Chosen::Path(path.clone())]));
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    assert!(h.state().is_editing());

    h.get_by_label("Tree: title, description, dimensions")
        .click();
    h.run();
    set_field(&mut h, "Tree title", "Pick a language");
    let root = find(&h, "start");
    click_node(&mut h, root);
    set_field(&mut h, "Prompt", "Is it a web service?");
    set_field(&mut h, "Answer 1 label", "Yes");
    set_field(&mut h, "Answer 2 label", "No");
    // Replace the starter outcomes with questions, building five questions in all.
    let yes = find(&h, "option-a");
    click_node(&mut h, yes);
    click(&mut h, "Turn into a question");
    set_field(&mut h, "Prompt", "Must it start in milliseconds?");
    let q2 = yes;
    let q3 = find(&h, "option-b");
    click_node(&mut h, q3);
    click(&mut h, "Turn into a question");
    set_field(&mut h, "Prompt", "Is it a command-line tool?");
    let q4 = add_child(&mut h, q2, false, "Yes, cold starts matter");
    set_field(&mut h, "Prompt", "Is memory tight?");
    add_child(&mut h, q2, true, "No");
    set_field(&mut h, "Title", "Go");
    add_child(&mut h, q4, true, "Yes, very");
    set_field(&mut h, "Title", "Rust");
    add_child(&mut h, q4, true, "Not really");
    set_field(&mut h, "Title", "Go or Java with native image");
    let q5 = add_child(&mut h, q3, false, "Yes");
    set_field(&mut h, "Prompt", "Single static binary?");
    add_child(&mut h, q5, true, "Must be");
    set_field(&mut h, "Title", "Rust or Go");
    add_child(&mut h, q5, true, "Does not matter");
    set_field(&mut h, "Title", "Python");
    add_child(&mut h, q3, true, "No");
    set_field(&mut h, "Title", "Python or Kotlin");

    let tree = h.state().tree().clone();
    let questions = tree.nodes().filter(|(_, n)| n.is_question()).count();
    assert_eq!(questions, 5);
    assert_eq!(tree.validate(), vec![], "the built tree is valid");
    assert!(h.state().is_dirty());

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!h.state().is_dirty());
    assert_eq!(h.state().path(), Some(path.as_path()));

    // Walk it: 1 = first answer at each question.
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::NONE, Key::Num1);
        h.run();
    }
    assert!(h.state().walk().finished(h.state().tree()));

    // "Close the app and open it again": a new app on the saved file.
    drop(h);
    let reopened = harness_full(ScriptedChooser::default(), Some(path.clone()), None);
    assert!(
        reopened.state().tree().same_content(&tree),
        "the tree comes back exactly as it was"
    );
    assert_eq!(reopened.state().tree().title, "Pick a language");
}

#[test]
fn edit_the_bundled_tree_and_undo_back_to_the_original() {
    let mut h = harness_with(ScriptedChooser::default());
    let original = tradeoff::app::bundled_tree();
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    let root = h.state().tree().root().unwrap();
    click_node(&mut h, root);
    set_field(&mut h, "Prompt", "Where do the containers run?");
    set_field(&mut h, "Help", "Edited help");
    click(&mut h, "Add outcome");
    answer_label(&mut h, "Somewhere else");
    assert!(h.state().is_dirty());
    assert!(h.state().window_title().contains('●'));
    assert!(!h.state().tree().same_content(&original));

    let mut undos = 0;
    while h.state().can_undo() {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
        undos += 1;
        assert!(undos < 20, "undo does not end");
    }
    assert_eq!(undos, 3, "typing in a field is one step; the add is one");
    assert!(h.state().tree().same_content(&original));
    assert!(
        !h.state().is_dirty(),
        "undoing back to the saved state clears the mark"
    );
    assert!(!h.state().window_title().contains('●'));

    // Redo works with both shortcuts, one step each.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    let help = |h: &Harness<'_, App>| {
        h.state()
            .tree()
            .node(root)
            .and_then(|n| n.as_question())
            .map(|q| q.help.clone())
    };
    assert_ne!(help(&h).as_deref(), Some("Edited help"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(
        help(&h).as_deref(),
        Some("Edited help"),
        "Ctrl+Y redid the second step"
    );
    let prompt = h.state().tree().node(root).unwrap().label().to_owned();
    assert_eq!(prompt, "Where do the containers run?");
}

/// Typing is validated on the node typed in alone; the problems are the same as the
/// whole tree's, through the edit, its undo and its redo.
#[test]
fn clearing_a_prompt_shows_its_problem_and_undo_takes_it_away() {
    let mut h = harness_with(ScriptedChooser::default());
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    let root = h.state().tree().root().unwrap();
    click_node(&mut h, root);
    let before = h.state().problems().to_vec();
    let empty_prompt = |h: &Harness<'_, App>| {
        h.state()
            .problems()
            .iter()
            .any(|p| p.kind == ProblemKind::EmptyText { field: "prompt" })
    };
    let whole = |h: &Harness<'_, App>| h.state().tree().validate();
    set_field(&mut h, "Prompt", " ");
    assert!(empty_prompt(&h));
    assert_eq!(h.state().problems(), whole(&h));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().problems(), before);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert!(empty_prompt(&h));
    assert_eq!(h.state().problems(), whole(&h));
}

#[test]
fn copy_and_paste_a_subtree() {
    let mut h = harness_with(ScriptedChooser::default());
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    let tree = h.state().tree().clone();
    // The smallest question with a subtree of its own.
    let (source, size) = tree
        .nodes()
        .filter(|(_, n)| n.is_question())
        .map(|(i, _)| (i, tree.fragment(i).nodes.len()))
        .min_by_key(|(_, s)| *s)
        .unwrap();
    let target = tree.root().unwrap();
    let before = tree.node_count();
    click_node(&mut h, source);
    h.event(egui::Event::Copy);
    h.run();
    click_node(&mut h, target);
    h.event(egui::Event::Paste(String::new()));
    h.run();
    answer_label(&mut h, "Pasted branch");
    let after = h.state().tree();
    assert_eq!(after.node_count(), before + size);
    let pasted = h.state().selected().unwrap();
    assert!(after.node(pasted).unwrap().id.ends_with("-copy"));
    assert!(
        after
            .answers(target)
            .iter()
            .any(|a| a.answer.label == "Pasted branch" && a.to == pasted)
    );
    assert!(
        after
            .validate()
            .iter()
            .all(|p| p.severity != tradeoff::model::Severity::Error),
        "{:?}",
        after.validate()
    );
}

#[test]
fn delete_with_and_without_subtree() {
    let mut h = harness_with(ScriptedChooser::default());
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    let tree = h.state().tree().clone();
    let node = tree
        .nodes()
        .filter(|(i, n)| {
            n.is_question() && tree.exclusive_subtree(*i).len() > 2 && Some(*i) != tree.root()
        })
        .map(|(i, _)| i)
        .next()
        .unwrap();
    let exclusive = tree.exclusive_subtree(node).len();

    click_node(&mut h, node);
    h.key_press(Key::Delete);
    h.run();
    h.get_by_label("Delete node");
    click(&mut h, "Delete with subtree");
    assert_eq!(h.state().tree().node_count(), tree.node_count() - exclusive);

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().tree().same_content(&tree));

    click_node(&mut h, node);
    h.key_press(Key::Delete);
    h.run();
    click(&mut h, "Keep subtree loose");
    assert_eq!(h.state().tree().node_count(), tree.node_count() - 1);
    assert!(
        h.state().tree().roots().len() > 1,
        "the subtree is a loose part"
    );
    h.get_by_label_contains("several start nodes");
}

#[test]
fn problems_panel_lists_a_dangling_answer_and_selects_its_node() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("dangling.json");
    fs::write(&bad, r#"{"format": "tradeoff-tree", "version": 1, "title": "Broken", "nodes": [
  {"kind": "question", "id": "start", "prompt": "Q?", "answers": [{"label": "a", "to": "o"}, {"label": "b", "to": "gone"}]},
  {"kind": "outcome", "id": "o", "title": "O"}
]}"#).unwrap();
    let mut h = harness_with(ScriptedChooser::new([Chosen::Path(bad)]));
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    // No "Could not open" first: a tree with errors opens in the editor.
    assert!(h.query_by_label_contains("Could not open").is_none());
    assert!(h.state().is_editing());
    assert_eq!(h.state().tree().title, "Broken");
    let problem =
        "✖  answer \"b\" of \"start\": answer leads to \"gone\", which is not a node in this tree";
    click(&mut h, problem);
    assert_eq!(h.state().selected(), Some(find(&h, "start")));
    // The walk does not strand the user: the answer to nowhere cannot be chosen.
    assert!(
        h.get_by_role_and_label(Role::Button, "b")
            .accesskit_node()
            .is_disabled()
    );
}

// ----- a tree saved with errors (item 11) -----

/// An answer of the start question to a node that does not exist: an error.
fn break_the_start(h: &mut Harness<'_, App>) {
    h.state_mut().edit(|t| {
        let start = t.root().unwrap();
        let gone = t.find_or_missing("gone");
        t.add_answer(start, gone, "Nowhere");
    });
    h.run();
}

#[test]
fn saving_a_tree_with_errors_saves_it_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    let mut h = harness_with(ScriptedChooser::new([Chosen::Path(path.clone())]));
    break_the_start(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    // The save happened: the work is on disk, and nothing is unsaved.
    assert!(path.exists());
    assert!(!h.state().is_dirty());
    let on_disk = tradeoff::format::load_path_lenient(&path).unwrap().tree;
    assert!(on_disk.same_content(h.state().tree()));
    // And the user is told, in a dialog, what the file now is.
    h.get_by_label("Saved, with 1 error");
    h.get_by_label_contains("was saved, but the tree has 1 error");
    h.get_by_label_contains("\n  ✖ answer \"Nowhere\"");
    click(&mut h, "OK");
    assert!(h.query_by_label("Saved, with 1 error").is_none());
    // A valid tree saves without a word.
    h.state_mut().push(tradeoff::app::Command::Undo);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.query_by_label_contains("Saved, with").is_none());
    assert!(tradeoff::format::load_path(&path).is_ok());
}

#[test]
fn a_tree_saved_with_errors_opens_again_in_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    let mut first = harness_with(ScriptedChooser::new([Chosen::Path(path.clone())]));
    break_the_start(&mut first);
    first.key_press_modifiers(Modifiers::COMMAND, Key::S);
    first.run();
    let saved = first.state().tree().clone();
    // The file the app saved, opened again: from the command line and from Open.
    let from_command_line = harness_full(ScriptedChooser::default(), Some(path.clone()), None);
    let mut from_menu = harness_with(ScriptedChooser::new([Chosen::Path(path.clone())]));
    from_menu.key_press_modifiers(Modifiers::COMMAND, Key::O);
    from_menu.run();
    for h in [from_command_line, from_menu] {
        assert!(h.query_by_label_contains("Could not open").is_none());
        assert!(h.query_by_label_contains("Open to repair").is_none());
        assert_eq!(h.state().path(), Some(path.as_path()));
        assert!(h.state().tree().same_content(&saved));
        assert!(h.state().is_editing(), "opened in the editor");
        assert!(!h.state().is_dirty());
        h.get_by_label_contains("answer leads to \"gone\", which is not a node in this tree");
        assert!(h.get_all_by_label_contains("1 error,").count() > 0);
        assert!(h.query_by_label_contains("1 errors").is_none());
    }
}

// ----- saves that fail, and files changed by someone else (item D) -----

fn window_title_has_unsaved_mark(h: &Harness<'_, App>) -> bool {
    h.state().window_title().contains(" ●")
}

#[test]
fn a_failed_save_keeps_the_changes_unsaved_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tree.json");
    tradeoff::format::save_path(&tradeoff::app::starter_tree(), &path, false).unwrap();
    let mut h = harness_full(ScriptedChooser::default(), Some(path.clone()), None);
    // A first save makes the backup.
    h.state_mut()
        .edit(|t: &mut Tree| t.title = "Saved once".into());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let old = fs::read(&path).unwrap();
    let bak = fs::read(tradeoff::format::backup_path(&path)).unwrap();

    // The disk fills up halfway through the new file.
    h.state_mut()
        .edit(|t: &mut Tree| t.title = "Not saved yet".into());
    h.state_mut().inject_save_faults(tradeoff::format::Faults {
        room: Some(100),
        ..Default::default()
    });
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Could not save");
    h.get_by_label_contains("the disk is full");
    assert!(h.state().is_dirty() && window_title_has_unsaved_mark(&h));
    assert_eq!(h.state().tree().title, "Not saved yet");
    assert!(fs::read(&path).unwrap() == old, "the old file changed");
    assert!(
        fs::read(tradeoff::format::backup_path(&path)).unwrap() == bak,
        "the .bak changed"
    );
    click(&mut h, "OK");

    // The folder became read-only.
    h.state_mut().inject_save_faults(tradeoff::format::Faults {
        fail: Some((
            tradeoff::format::SaveStep::CreateTemp,
            std::io::ErrorKind::PermissionDenied,
        )),
        ..Default::default()
    });
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label_contains("you do not have permission to write there");
    assert!(h.state().is_dirty());
    click(&mut h, "OK");

    // The file was replaced by a folder.
    h.state_mut()
        .inject_save_faults(tradeoff::format::Faults::default());
    fs::remove_file(&path).unwrap();
    fs::create_dir(&path).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label_contains("it is a folder, not a file; choose a file name");
    assert!(h.state().is_dirty() && window_title_has_unsaved_mark(&h));
    assert!(
        fs::read(tradeoff::format::backup_path(&path)).unwrap() == bak,
        "the .bak changed"
    );
    click(&mut h, "OK");

    // Once the way is clear, the same save goes through.
    fs::remove_dir(&path).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!h.state().is_dirty());
    assert_eq!(
        tradeoff::format::load_path(&path).unwrap().tree.title,
        "Not saved yet"
    );
}

fn title_on_disk(path: &std::path::Path) -> String {
    tradeoff::format::load_path(path).unwrap().tree.title
}

fn retitle_and_save(h: &mut Harness<'_, App>, title: &str) {
    let title = title.to_owned();
    h.state_mut().edit(move |t: &mut Tree| t.title = title);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
}

#[test]
fn two_windows_on_one_file_the_second_to_save_is_asked_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.json");
    let elsewhere = dir.path().join("mine.json");
    tradeoff::format::save_path(&tradeoff::app::starter_tree(), &path, false).unwrap();
    let mut a = harness_full(ScriptedChooser::default(), Some(path.clone()), None);
    let mut b = harness_full(
        ScriptedChooser::new([Chosen::Path(elsewhere.clone())]),
        Some(path.clone()),
        None,
    );
    const ASKED: &str = "The file changed on disk";

    // A saves first: nothing to ask.
    retitle_and_save(&mut a, "From A");
    assert!(a.query_by_label(ASKED).is_none());
    assert_eq!(title_on_disk(&path), "From A");

    // B saves second: asked, and nothing is written until B chooses.
    retitle_and_save(&mut b, "From B");
    b.get_by_label(ASKED);
    b.get_by_label_contains("shared.json was changed since you opened it here");
    assert_eq!(title_on_disk(&path), "From A");
    assert!(b.state().is_dirty());
    click(&mut b, "Cancel");
    assert!(b.query_by_label(ASKED).is_none());
    assert!(b.state().is_dirty());
    assert_eq!(title_on_disk(&path), "From A");

    // Reload: B takes A's version; its own changes are dropped.
    b.key_press_modifiers(Modifiers::COMMAND, Key::S);
    b.run();
    click(&mut b, "Reload");
    assert_eq!(b.state().tree().title, "From A");
    assert!(!b.state().is_dirty());
    // B now knows the file as it is: its next save goes through.
    retitle_and_save(&mut b, "From B again");
    assert!(b.query_by_label(ASKED).is_none());
    assert_eq!(title_on_disk(&path), "From B again");

    // Overwrite: A, now behind, keeps its version over B's when it says so.
    retitle_and_save(&mut a, "A insists");
    a.get_by_label(ASKED);
    click(&mut a, "Overwrite");
    assert!(!a.state().is_dirty());
    assert_eq!(title_on_disk(&path), "A insists");

    // Save elsewhere: B keeps both versions.
    retitle_and_save(&mut b, "B keeps both");
    click(&mut b, "Save elsewhere…");
    assert_eq!(title_on_disk(&path), "A insists");
    assert_eq!(title_on_disk(&elsewhere), "B keeps both");
    assert_eq!(b.state().path(), Some(elsewhere.as_path()));
    assert!(!b.state().is_dirty());

    // A file only touched (same content, new time) is not a change.
    let later = std::time::SystemTime::now() + Duration::from_secs(120);
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(later)
        .unwrap();
    retitle_and_save(&mut a, "A again");
    assert!(a.query_by_label(ASKED).is_none());
    assert_eq!(title_on_disk(&path), "A again");
}

// ----- crash recovery with a real process -----

const CHILD_ENV: &str = "TRADEOFF_RECOVERY_CHILD_DIR";

/// Runs only as the child of `recovery_restores_work_after_the_process_is_killed`: makes
/// an edit, then keeps the app running until it is killed.
#[test]
#[ignore = "run by the recovery test as a separate process"]
fn recovery_child() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let mut h = harness_full(ScriptedChooser::default(), None, Some(PathBuf::from(dir)));
    h.state_mut()
        .edit(|t: &mut Tree| t.title = "Work that must survive".into());
    loop {
        h.step();
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn recovery_restores_work_after_the_process_is_killed() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "recovery_child", "--ignored", "--nocapture"])
        .env(CHILD_ENV, dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    let copy = loop {
        let found = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "json"));
        if let Some(p) = found {
            break p;
        }
        assert!(Instant::now() < deadline, "no recovery copy was written");
        std::thread::sleep(Duration::from_millis(100));
    };
    // Give the atomic rename time to finish, then kill the process mid-session.
    std::thread::sleep(Duration::from_millis(300));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(copy.exists());

    let mut h = harness_full(
        ScriptedChooser::default(),
        None,
        Some(dir.path().to_owned()),
    );
    h.get_by_label("Restore unsaved work?");
    click(&mut h, "Restore");
    assert_eq!(h.state().tree().title, "Work that must survive");
    assert!(h.state().is_dirty(), "restored work is unsaved until saved");
    assert!(
        copy.exists(),
        "kept until this app has its own copy of the work"
    );

    // Saving removes this app's own copy too.
    let target = dir.path().join("saved.json");
    h.state_mut()
        .push(tradeoff::app::Command::SaveTo(target.clone()));
    h.run();
    let left: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().starts_with("recovery-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert!(target.exists());
}

#[test]
fn discarding_recovered_work_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    // A copy left by a process id that cannot be running.
    let doc = tradeoff::format::to_json(&tradeoff::app::starter_tree());
    let text =
        format!("{{\"format\": \"tradeoff-recovery\", \"original\": null, \"tree\": {doc}}}");
    let orphan = dir.path().join("recovery-4000000000.json");
    fs::write(&orphan, text).unwrap();
    let mut h = harness_full(
        ScriptedChooser::default(),
        None,
        Some(dir.path().to_owned()),
    );
    click(&mut h, "Discard");
    assert!(!orphan.exists());
    assert!(
        h.state().tree().title.contains("AWS"),
        "the bundled tree stays open"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_copy_from_a_killed_process_that_lingers_as_a_zombie_is_offered() {
    let dir = tempfile::tempdir().unwrap();
    // The same program, exiting at once and not reaped yet: a zombie with our name.
    let child = std::process::Command::new(std::env::current_exe().unwrap())
        .arg("--list")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let stat = fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if stat
            .rsplit_once(')')
            .is_some_and(|(_, r)| r.trim_start().starts_with('Z'))
        {
            break;
        }
        assert!(Instant::now() < deadline, "the child did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
    let doc = tradeoff::format::to_json(&tradeoff::app::starter_tree());
    let copy = dir.path().join(format!("recovery-{pid}.json"));
    fs::write(
        &copy,
        format!("{{\"format\": \"tradeoff-recovery\", \"original\": null, \"tree\": {doc}}}"),
    )
    .unwrap();
    let found = tradeoff::app::recovery::Recovery::new(dir.path().to_owned()).orphans();
    assert_eq!(found.len(), 1, "a zombie is not a running app");
    assert_eq!(found[0].path, copy);
    drop(child); // reaped when the test process exits
}

#[test]
fn restore_waits_for_the_error_about_the_command_line_file() {
    let dir = tempfile::tempdir().unwrap();
    let doc = tradeoff::format::to_json(&tradeoff::app::starter_tree());
    fs::write(
        dir.path().join("recovery-4000000001.json"),
        format!("{{\"format\": \"tradeoff-recovery\", \"original\": null, \"tree\": {doc}}}"),
    )
    .unwrap();
    let broken = dir.path().join("broken.json");
    fs::write(&broken, "{ not json").unwrap();
    let mut h = harness_full(
        ScriptedChooser::default(),
        Some(broken),
        Some(dir.path().to_owned()),
    );
    h.get_by_label_contains("Could not open");
    click(&mut h, "OK");
    h.get_by_label("Restore unsaved work?");
}

/// A recovery file holding the starter tree under `title`.
fn recovery_copy(path: &std::path::Path, title: &str) {
    let mut tree = tradeoff::app::starter_tree();
    tree.title = title.to_owned();
    let doc = tradeoff::format::to_json(&tree);
    fs::write(
        path,
        format!("{{\"format\": \"tradeoff-recovery\", \"original\": null, \"tree\": {doc}}}"),
    )
    .unwrap();
}

fn recovery_files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("recovery-"))
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_copy_left_by_an_earlier_process_with_this_id_is_offered_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let pid = std::process::id();
    // As this version names copies, and as earlier versions did.
    let earlier = dir
        .path()
        .join(format!("recovery-{pid}-1-00000000deadbeef.json"));
    let legacy = dir.path().join(format!("recovery-{pid}.json"));
    recovery_copy(&earlier, "Earlier work");
    recovery_copy(&legacy, "Legacy work");

    // The bundled tree is clean, so every frame clears this app's copy: only its own.
    let mut h = harness_full(
        ScriptedChooser::default(),
        None,
        Some(dir.path().to_owned()),
    );
    for _ in 0..5 {
        h.step();
    }
    assert!(earlier.exists(), "an earlier run's copy was deleted");
    assert!(legacy.exists(), "an earlier version's copy was deleted");
    h.get_by_label("Restore unsaved work?");
    let recovery = tradeoff::app::recovery::Recovery::new(dir.path().to_owned());
    let mut found: Vec<PathBuf> = recovery.orphans().into_iter().map(|f| f.path).collect();
    found.sort();
    assert_eq!(found, recovery_files(dir.path()), "both are offered");
    assert!(!found.contains(&recovery.file().to_owned()));
}

#[test]
fn restoring_keeps_the_old_copy_until_the_new_one_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("recovery-4000000002.json");
    recovery_copy(&old, "Work that must survive");
    let mut h = harness_full(
        ScriptedChooser::default(),
        None,
        Some(dir.path().to_owned()),
    );
    click(&mut h, "Restore");
    assert_eq!(h.state().tree().title, "Work that must survive");
    // A crash from now on must still leave a copy of the work on disk.
    let deadline = Instant::now() + Duration::from_secs(30);
    let new = loop {
        let files = recovery_files(dir.path());
        assert!(!files.is_empty(), "no copy of the restored work is left");
        if let [only] = files.as_slice()
            && only != &old
        {
            break only.clone();
        }
        assert!(
            Instant::now() < deadline,
            "this app never wrote its own copy"
        );
        h.step();
        std::thread::sleep(Duration::from_millis(50));
    };
    let (_, tree) = tradeoff::app::recovery::read(&new).unwrap();
    assert_eq!(tree.title, "Work that must survive");
}

// ----- editor friction found by a new user -----

/// The text field with this accessible label.
fn text_field<'h>(h: &'h Harness<'_, App>, label: &'h str) -> egui_kittest::Node<'h> {
    h.get_all_by_label(label)
        .find(|n| n.accesskit_node().role() == Role::TextInput)
        .unwrap_or_else(|| panic!("no text field labelled {label}"))
}

fn field_value(h: &Harness<'_, App>, label: &str) -> String {
    text_field(h, label)
        .accesskit_node()
        .value()
        .unwrap_or_default()
}

fn button_enabled(h: &Harness<'_, App>, label: &str) -> bool {
    !h.get_by_role_and_label(Role::Button, label)
        .accesskit_node()
        .is_disabled()
}

/// Replaces the text of the focused field, as a user typing would.
fn retype(h: &mut Harness<'_, App>, text: &str) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.event(egui::Event::Text(text.to_owned()));
    h.run();
}

/// A new tree (a start question answered "This way" and "That way"), in edit mode.
fn starter_in_edit_mode() -> Harness<'static, App> {
    let mut h = harness_with(ScriptedChooser::default());
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h
}

#[test]
fn the_answer_label_dialog_starts_empty_focused_and_refuses_a_label_already_there() {
    let mut h = starter_in_edit_mode();
    let start = find(&h, "start");
    click_node(&mut h, start);
    click(&mut h, "Add question");
    assert_eq!(field_value(&h, "Answer label"), "", "no made-up label");
    assert!(
        text_field(&h, "Answer label").accesskit_node().is_focused(),
        "ready to type"
    );
    assert!(!button_enabled(&h, "Add"));
    h.get_by_label_contains("Type the answer");

    // A label the question already has, in other letters, is refused, Enter included.
    retype(&mut h, "THIS WAY");
    assert!(!button_enabled(&h, "Add"));
    h.get_by_label_contains("already has the answer \"This way\"");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().tree().answers(start).len(), 2);
    assert!(
        text_field(&h, "Answer label").accesskit_node().is_focused(),
        "a refused Enter leaves the field ready for a correction"
    );

    // Enter confirms a new label.
    retype(&mut h, "Some other way");
    assert!(button_enabled(&h, "Add"));
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.query_by_label("Answer label").is_none(),
        "the dialog closed"
    );
    let answers = h.state().tree().answers(start);
    assert_eq!(answers.len(), 3);
    assert_eq!(answers[2].answer.label, "Some other way");

    // Escape cancels.
    click_node(&mut h, start);
    click(&mut h, "Add outcome");
    retype(&mut h, "Not this one");
    h.key_press(Key::Escape);
    h.run();
    assert!(
        h.query_by_label("Answer label").is_none(),
        "the dialog closed"
    );
    assert_eq!(h.state().tree().answers(start).len(), 3);
}

/// The focused text field, whatever its label.
fn focused_field<'h>(h: &'h Harness<'_, App>) -> egui_kittest::Node<'h> {
    h.get_all_by_role(Role::TextInput)
        .find(|n| n.accesskit_node().is_focused())
        .expect("a text field has focus")
}

#[test]
fn the_path_dialog_confirms_with_enter_and_cancels_with_escape() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("typed.json");
    tradeoff::format::save_path(&tradeoff::app::starter_tree(), &good, false).unwrap();
    let no_portal = || Chosen::Unavailable("no portal".into());
    let mut h = harness_with(ScriptedChooser::new([no_portal(), no_portal()]));

    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label_contains("No file dialog is available");
    focused_field(&h);
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label_contains("No file dialog").is_none());
    assert_eq!(h.state().path(), None);

    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    focused_field(&h);
    retype(&mut h, good.to_str().unwrap());
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().path(), Some(good.as_path()), "Enter opened it");
    assert!(h.query_by_label_contains("No file dialog").is_none());
}

const PATH_FIELD: &str = "Type the file's path instead:";

#[test]
fn the_path_dialog_says_where_a_relative_path_goes_and_keeps_it_after_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tree.json");
    tradeoff::format::save_path(&tradeoff::app::starter_tree(), &path, false).unwrap();
    let no_portal = || Chosen::Unavailable("no portal".into());

    // The bundled tree has no file: the suggested name is in the current folder.
    let mut h = harness_with(ScriptedChooser::new([no_portal()]));
    h.state_mut().push(tradeoff::app::Command::SaveAs);
    h.run();
    let suggested = PathBuf::from(field_value(&h, PATH_FIELD));
    let here = std::env::current_dir().unwrap();
    assert!(suggested.is_absolute(), "{suggested:?}");
    assert_eq!(suggested.parent(), Some(here.as_path()));
    h.get_by_label_contains(&format!("relative path is taken from {}", here.display()));

    // An open file: its own path, and relative paths are taken from its folder.
    let mut h = harness_full(
        ScriptedChooser::new([no_portal(), no_portal()]),
        Some(path.clone()),
        None,
    );
    h.state_mut().edit(|t| t.title = "Changed".into());
    h.state_mut().push(tradeoff::app::Command::SaveAs);
    h.run();
    assert_eq!(field_value(&h, PATH_FIELD), path.display().to_string());
    let folder = format!("relative path is taken from {}", dir.path().display());
    h.get_by_label_contains(&folder);

    // A save that fails keeps the dialog and what was typed, with the reason.
    retype(&mut h, "no-such-folder/other.json");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(field_value(&h, PATH_FIELD), "no-such-folder/other.json");
    h.get_by_label_contains("Could not save");
    assert!(h.state().is_dirty());

    // Corrected, it saves next to the open file.
    retype(&mut h, "other.json");
    click(&mut h, "Save");
    let other = dir.path().join("other.json");
    assert_eq!(h.state().path(), Some(other.as_path()));
    assert_eq!(title_on_disk(&other), "Changed");
    assert!(h.query_by_label_contains("No file dialog").is_none());

    // The same for opening.
    h.state_mut().push(tradeoff::app::Command::Open);
    h.run();
    retype(&mut h, "missing.json");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(field_value(&h, PATH_FIELD), "missing.json");
    h.get_by_label_contains("Could not open");
    retype(&mut h, "tree.json");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().path(), Some(path.as_path()));
}

#[test]
fn a_new_node_is_brought_into_view() {
    let mut h = harness_with(ScriptedChooser::default());
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    let tree = h.state().tree().clone();
    let visible = h.state().visible_canvas().unwrap();
    // Questions in view whose new answer lands out of view (the right of the tree).
    let mut questions: Vec<NodeIndex> = tree
        .nodes()
        .filter(|(i, n)| {
            n.is_question()
                && h.state()
                    .node_screen_rect(*i)
                    .is_some_and(|r| visible.contains_rect(r))
        })
        .map(|(i, _)| i)
        .collect();
    questions.sort_by(|a, b| {
        let x = |n: &NodeIndex| h.state().node_screen_rect(*n).unwrap().center().x;
        x(b).total_cmp(&x(a))
    });
    for (k, question) in questions.into_iter().take(3).enumerate() {
        for (outcome, how) in [(false, "question"), (true, "outcome")] {
            let new = add_child(&mut h, question, outcome, &format!("New {how} {k}"));
            let drawn = h.state().node_screen_rect(new).expect("drawn");
            let visible = h.state().visible_canvas().unwrap();
            assert!(
                visible.contains_rect(drawn),
                "the new {how} at {drawn:?} is out of view {visible:?}"
            );
        }
    }
}

#[test]
fn an_unrated_dimension_shows_as_not_rated_until_rated() {
    let mut h = starter_in_edit_mode();
    h.state_mut().edit(|t| {
        t.dimensions.push(tradeoff::model::Dimension {
            id: "cost".into(),
            name: "Cost".into(),
            ..Default::default()
        })
    });
    h.run();
    let a = find(&h, "option-a");
    click_node(&mut h, a);
    let rating = |h: &Harness<'_, App>| {
        h.state()
            .tree()
            .node(a)
            .and_then(|n| n.as_outcome())
            .and_then(|o| o.profile.get("cost").map(|r| r.level))
    };
    let unrated = |h: &Harness<'_, App>| {
        h.get_all_by_label_contains("no rating for the dimension \"cost\"")
            .count()
    };
    let listed = unrated(&h);
    assert!(listed > 0, "the problems panel lists it");
    h.get_by_label("not rated");
    assert!(
        h.query_by_role_and_label(Role::Slider, "Cost").is_none(),
        "no slider showing a level that is not there"
    );

    click(&mut h, "Rate");
    assert_eq!(rating(&h), Some(3));
    let slider = h.get_by_role_and_label(Role::Slider, "Cost");
    assert_eq!(slider.accesskit_node().numeric_value(), Some(3.0));
    assert!(h.query_by_label("not rated").is_none());
    assert!(unrated(&h) < listed, "no longer listed for option A");

    click(&mut h, "Remove rating");
    assert_eq!(rating(&h), None);
    h.get_by_label("not rated");
}

#[test]
fn the_status_bar_never_says_nothing_to_undo_when_there_is() {
    let mut h = starter_in_edit_mode();
    h.state_mut().push(tradeoff::app::Command::Undo);
    h.run();
    h.get_by_label("Nothing to undo");
    h.get_by_label("Tree: title, description, dimensions")
        .click();
    h.run();
    set_field(&mut h, "Tree title", "Edited");
    assert!(h.state().can_undo());
    assert!(
        h.query_by_label("Nothing to undo").is_none(),
        "the notice went with the edit"
    );

    h.state_mut().push(tradeoff::app::Command::Redo);
    h.run();
    h.get_by_label("Nothing to redo");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().tree().title, "Untitled decision");
    assert!(
        h.query_by_label("Nothing to redo").is_none(),
        "after an undo there is something to redo"
    );
}

#[test]
fn counts_of_one_are_singular() {
    let mut h = starter_in_edit_mode();
    h.state_mut().edit(|t| {
        t.dimensions.push(tradeoff::model::Dimension {
            id: "cost".into(),
            name: "Cost".into(),
            ..Default::default()
        });
        let a = t.find("option-a").unwrap();
        if let Some(tradeoff::model::NodeKind::Outcome(o)) = t.node_mut(a).map(|n| &mut n.kind) {
            o.profile.insert(
                "cost".into(),
                tradeoff::model::Rating {
                    level: 2,
                    note: String::new(),
                },
            );
        }
    });
    break_the_start(&mut h);
    let (errors, warnings) = h.state().problems().iter().fold((0, 0), |(e, w), p| {
        if p.severity == tradeoff::model::Severity::Error {
            (e + 1, w)
        } else {
            (e, w + 1)
        }
    });
    assert_eq!((errors, warnings), (1, 1));
    assert!(
        h.get_all_by_label("1 error, 1 warning").count() >= 2,
        "the problems panel and the status bar"
    );
    assert!(h.query_by_label_contains("1 errors").is_none());
    assert!(h.query_by_label_contains("1 warnings").is_none());

    h.state_mut().edit(|t| {
        let mut one = Tree::new("One");
        one.add_node(tradeoff::model::Node::outcome("only", "Only"));
        *t = one;
    });
    h.run();
    h.get_by_label("1 node");
}

#[test]
fn undo_and_redo_select_the_node_the_step_concerned() {
    let mut h = starter_in_edit_mode();
    let start = find(&h, "start");
    let added = add_child(&mut h, start, true, "A third way");
    let a = find(&h, "option-a");
    click_node(&mut h, a);
    set_field(&mut h, "Title", "Option A, renamed");
    let b = find(&h, "option-b");
    click_node(&mut h, b);

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().tree().node(a).unwrap().label(), "Option A");
    assert_eq!(
        h.state().selected(),
        Some(a),
        "undoing the rename selects it"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().tree().node(added).is_none());
    assert_eq!(
        h.state().selected(),
        Some(start),
        "undoing the add selects where it was added"
    );

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert!(h.state().tree().node(added).is_some());
    assert_eq!(
        h.state().selected(),
        Some(added),
        "redoing the add selects it"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(
        h.state().selected(),
        Some(a),
        "redoing the rename selects it"
    );
}

// ----- edits as named operations -----

#[test]
fn undo_and_redo_say_what_they_take_back() {
    let mut h = starter_in_edit_mode();
    let start = find(&h, "start");
    click_node(&mut h, start);
    set_field(&mut h, "Answer 1 label", "Yes");
    assert_eq!(h.state().tree().answers(start)[0].answer.label, "Yes");
    assert_eq!(h.state().undo_description(), Some("rename answer"));
    assert_eq!(h.state().redo_description(), None);

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().tree().answers(start)[0].answer.label, "This way");
    h.get_by_label("Undid: rename answer");
    assert_eq!(h.state().redo_description(), Some("rename answer"));

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(h.state().tree().answers(start)[0].answer.label, "Yes");
    h.get_by_label("Redid: rename answer");
    assert!(h.query_by_label("Undid: rename answer").is_none());
}

/// Types into each field of the tables, one undo step each, named by the field.
#[test]
fn every_field_of_the_editor_edits_the_tree_and_names_its_step() {
    let mut h = starter_in_edit_mode();
    let start = find(&h, "start");
    click_node(&mut h, start);
    click(&mut h, "Add source");
    assert_eq!(h.state().undo_description(), Some("add source"));
    let fields = [
        ("Prompt", "Which way?", "edit prompt"),
        ("Help", "Pick one", "edit help"),
        ("Notes", "Some *notes*", "edit notes"),
        ("Source title", "A page", "edit source title"),
        ("URL", "https://example.com", "edit source URL"),
        ("Checked (YYYY-MM-DD)", "2026-01-02", "edit source date"),
        ("Answer 2 note", "The other way", "edit answer note"),
        ("Id", "first", "change node id"),
    ];
    for (label, text, description) in fields {
        set_field(&mut h, label, text);
        assert_eq!(h.state().undo_description(), Some(description), "{label}");
    }
    let tree = h.state().tree();
    let node = tree.node(start).unwrap();
    assert_eq!(node.id, "first");
    assert_eq!(node.label(), "Which way?");
    assert_eq!(node.as_question().unwrap().help, "Pick one");
    assert_eq!(node.notes, "Some *notes*");
    let source = &node.sources[0];
    assert_eq!(
        (
            source.title.as_str(),
            source.url.as_str(),
            source.checked.as_str()
        ),
        ("A page", "https://example.com", "2026-01-02")
    );
    assert_eq!(tree.answers(start)[1].answer.note, "The other way");

    // One step per field, and the add before them.
    let mut undos = 0;
    while h.state().can_undo() {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
        undos += 1;
    }
    assert_eq!(undos, fields.len() + 1);
    assert!(
        h.state()
            .tree()
            .same_content(&tradeoff::app::starter_tree())
    );
}

#[test]
fn the_tree_and_outcome_fields_name_their_steps() {
    let mut h = starter_in_edit_mode();
    h.get_by_label("Tree: title, description, dimensions")
        .click();
    h.run();
    click(&mut h, "Add dimension");
    assert_eq!(h.state().undo_description(), Some("add dimension"));
    let tree_fields = [
        ("Tree title", "Which way", "edit tree title"),
        ("Description", "A choice", "edit tree description"),
        ("Dimension id", "cost", "change dimension id"),
        ("Dimension name", "Cost", "rename dimension"),
        ("Level 1 means", "cheap", "edit what level 1 means"),
        ("Level 5 means", "dear", "edit what level 5 means"),
    ];
    for (label, text, description) in tree_fields {
        set_field(&mut h, label, text);
        assert_eq!(h.state().undo_description(), Some(description), "{label}");
    }
    let tree = h.state().tree();
    assert_eq!(
        (tree.title.as_str(), tree.description.as_str()),
        ("Which way", "A choice")
    );
    let d = &tree.dimensions[0];
    assert_eq!(
        [d.id.as_str(), &d.name, &d.low, &d.high],
        ["cost", "Cost", "cheap", "dear"]
    );

    let a = find(&h, "option-a");
    click_node(&mut h, a);
    click(&mut h, "Rate");
    assert_eq!(h.state().undo_description(), Some("rate outcome"));
    let outcome_fields = [
        ("Title", "Left", "edit title"),
        ("Summary", "Go left", "edit summary"),
        ("Cost note", "Cheap enough", "edit rating note"),
    ];
    for (label, text, description) in outcome_fields {
        set_field(&mut h, label, text);
        assert_eq!(h.state().undo_description(), Some(description), "{label}");
    }
    let tree = h.state().tree();
    let o = tree.node(a).unwrap().as_outcome().unwrap();
    assert_eq!((o.title.as_str(), o.summary.as_str()), ("Left", "Go left"));
    assert_eq!(o.profile["cost"].note, "Cheap enough");
    click(&mut h, "Remove rating");
    assert_eq!(h.state().undo_description(), Some("remove rating"));
}

#[test]
fn an_edit_command_is_plain_data_applied_with_its_name() {
    use tradeoff::app::Command;
    use tradeoff::app::commands::TreeEdit;
    use tradeoff::model::{AnswerField, Op};

    let mut h = starter_in_edit_mode();
    let start = find(&h, "start");
    let edge = h.state().tree().answers(start)[1].edge;
    let rename = |value: &str| {
        Command::Edit(TreeEdit::typing(Op::SetAnswerText {
            edge,
            field: AnswerField::Label,
            value: value.into(),
        }))
    };
    // Equal when they say the same, whoever made them.
    assert_eq!(rename("Other"), rename("Other"));
    assert_ne!(rename("Other"), rename("Another"));
    assert_eq!(rename("Other").text(), "Edit: rename answer");

    h.state_mut().push(rename("O"));
    h.state_mut().push(rename("Ot"));
    h.state_mut().push(rename("Other"));
    h.run();
    assert_eq!(h.state().tree().answers(start)[1].answer.label, "Other");
    assert_eq!(h.state().undo_description(), Some("rename answer"));
    h.state_mut().push(Command::Undo);
    h.run();
    assert_eq!(h.state().tree().answers(start)[1].answer.label, "That way");
    assert!(
        !h.state().can_undo(),
        "typed edits with one key are one step"
    );
}

#[test]
fn structural_edits_name_their_undo_steps() {
    let mut h = harness_with(ScriptedChooser::default());
    h.state_mut().push(tradeoff::app::Command::ToggleEdit);
    h.run();
    let root = h.state().tree().root().unwrap();
    let added = add_child(&mut h, root, false, "Another way");
    assert_eq!(h.state().undo_description(), Some("add question"));
    h.state_mut().push(tradeoff::app::Command::Duplicate);
    h.run();
    assert_eq!(h.state().undo_description(), Some("duplicate node"));
    h.state_mut().push(tradeoff::app::Command::Delete(
        added,
        tradeoff::model::DeleteMode::WithSubtree,
    ));
    h.run();
    assert_eq!(h.state().undo_description(), Some("delete node"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.get_by_label_contains("Undid: delete node");
}

#[test]
fn coming_back_to_a_field_starts_a_new_undo_step() {
    let mut h = harness_with(ScriptedChooser::default());
    h.state_mut().push(tradeoff::app::Command::ToggleEdit);
    h.run();
    let root = h.state().tree().root().unwrap();
    click_node(&mut h, root);
    let prompt = |h: &Harness<'_, App>| {
        let t = h.state().tree();
        t.node(root).unwrap().label().to_owned()
    };
    let original = prompt(&h);
    // Typing and leaving the field (Escape), twice: two steps, not one.
    set_field(&mut h, "Prompt", "First wording?");
    set_field(&mut h, "Prompt", "Second wording?");
    assert_eq!(prompt(&h), "Second wording?");
    h.state_mut().push(tradeoff::app::Command::Undo);
    h.run();
    assert_eq!(
        prompt(&h),
        "First wording?",
        "one undo takes back only the second visit"
    );
    h.state_mut().push(tradeoff::app::Command::Undo);
    h.run();
    assert_eq!(prompt(&h), original);
}

// ----- trade-offs: which end is better, a question's role, an answer's weights -----

/// Opens the combo box with this accessible label and picks `choice`.
fn pick(h: &mut Harness<'_, App>, combo: &str, choice: &str) {
    h.get_by_role_and_label(Role::ComboBox, combo)
        .scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::ComboBox, combo).click();
    h.run();
    h.get_by_label(choice).click();
    h.run();
}

/// Sets the first drag value labelled `label` to `value`, as assistive technology does.
fn set_first_value(h: &mut Harness<'_, App>, label: &str, value: f64) {
    let (target_node, target_tree) = h
        .get_all_by_role_and_label(Role::SpinButton, label)
        .next()
        .unwrap_or_else(|| panic!("no drag value labelled {label}"))
        .accesskit_node()
        .locate();
    h.event(egui::Event::AccessKitActionRequest(
        egui::accesskit::ActionRequest {
            action: egui::accesskit::Action::SetValue,
            target_tree,
            target_node,
            data: Some(egui::accesskit::ActionData::NumericValue(value)),
        },
    ));
    h.run();
}

#[test]
fn a_question_made_a_preference_weighs_its_answers_and_undo_takes_it_back() {
    use tradeoff::model::{Better, Dimension, Role as QuestionRole};
    let mut h = starter_in_edit_mode();
    h.state_mut().edit(|t| {
        t.dimensions.push(Dimension {
            id: "cost".into(),
            name: "Cost".into(),
            ..Default::default()
        })
    });
    h.run();
    let start = find(&h, "start");
    let first = h.state().tree().answers(start)[0].edge;
    let better = |h: &Harness<'_, App>| h.state().tree().dimensions[0].better;
    let role = |h: &Harness<'_, App>| {
        let t = h.state().tree();
        t.node(start).unwrap().as_question().unwrap().role
    };
    let weights = |h: &Harness<'_, App>| {
        let t = h.state().tree();
        let w = &t.answer(first).unwrap().answer.weights;
        w.iter().map(|(d, &c)| (d.clone(), c)).collect::<Vec<_>>()
    };
    let changes_nothing = |h: &Harness<'_, App>| {
        h.query_all_by_label_contains("none of its answers changes a weight")
            .count()
    };

    if h.query_by_role_and_label(Role::ComboBox, "Higher is")
        .is_none()
    {
        h.get_by_label("Tree: title, description, dimensions")
            .click();
        h.run();
    }
    pick(&mut h, "Higher is", "worse for most teams");
    assert_eq!(better(&h), Better::Lower);
    assert_eq!(
        h.state().undo_description(),
        Some("change which end is better")
    );

    click_node(&mut h, start);
    assert!(
        h.query_all_by_role_and_label(Role::SpinButton, "Cost")
            .next()
            .is_none(),
        "a constraint's answers have no weights to set"
    );
    pick(&mut h, "Role", "Preference: answers change weights");
    assert_eq!(role(&h), QuestionRole::Preference);
    assert_eq!(h.state().undo_description(), Some("change question role"));
    assert!(changes_nothing(&h) > 0, "the problems panel says so");

    // Two values in a row on one answer's dimension, as a drag gives them: one step.
    set_first_value(&mut h, "Cost", 2.0);
    set_first_value(&mut h, "Cost", 3.0);
    assert_eq!(weights(&h), [("cost".to_owned(), 3)]);
    assert_eq!(h.state().undo_description(), Some("change answer weight"));
    assert_eq!(changes_nothing(&h), 0, "no longer listed");
    assert!(h.state().tree().answers(start)[1].answer.weights.is_empty());

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(weights(&h), []);
    assert_eq!(role(&h), QuestionRole::Preference);
    assert!(changes_nothing(&h) > 0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(role(&h), QuestionRole::Constraint);
    assert_eq!(changes_nothing(&h), 0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(better(&h), Better::Neutral);

    // Setting a weight back to 0 takes the entry out rather than writing a 0.
    for _ in 0..2 {
        h.state_mut().push(Command::Redo);
        h.run();
    }
    assert_eq!(role(&h), QuestionRole::Preference);
    set_first_value(&mut h, "Cost", -1.0);
    assert_eq!(weights(&h), [("cost".to_owned(), -1)]);
    set_first_value(&mut h, "Cost", 0.0);
    assert_eq!(weights(&h), []);
}
