//! The real `App` driven through egui_kittest: no window, no GPU. Every `run()` also
//! checks the idle property: it fails if the app keeps asking for frames.

mod common;

use std::fs;
use std::path::PathBuf;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use tradeoff::app::{App, Chosen, Command, ScriptedChooser};
use tradeoff::model::NodeKind;

fn harness_with(chooser: ScriptedChooser, file: Option<PathBuf>) -> Harness<'static, App> {
    common::ui::app_harness(egui::vec2(1400.0, 900.0), chooser, file, None)
}

fn bundled_title() -> String {
    tradeoff::app::bundled_tree().title
}

fn harness() -> Harness<'static, App> {
    harness_with(ScriptedChooser::default(), None)
}

fn current_prompt(h: &Harness<'_, App>) -> Option<String> {
    let app = h.state();
    let node = app.tree().node(app.walk().current(app.tree())?)?;
    node.as_question().map(|q| q.prompt.clone())
}

fn answer_labels(h: &Harness<'_, App>) -> Vec<String> {
    let app = h.state();
    let current = app.walk().current(app.tree()).unwrap();
    app.tree()
        .answers(current)
        .iter()
        .map(|a| a.answer.label.clone())
        .collect()
}

/// Clicks a menu item: its accessible label also carries the shortcut ("Open… Ctrl+O").
fn click_menu(h: &mut Harness<'_, App>, text: &str) {
    let item = h
        .get_all_by_label_contains(text)
        .find(|n| {
            n.accesskit_node().role() == egui::accesskit::Role::Button
                && n.accesskit_node()
                    .label()
                    .is_some_and(|l| l.starts_with(text))
        })
        .unwrap_or_else(|| panic!("no menu item {text}"));
    item.click();
    h.run();
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let p = dir.path().join(name);
    fs::write(&p, text).unwrap();
    p
}

#[test]
fn starts_on_the_bundled_tree_and_walks_to_an_outcome_by_clicking() {
    let mut h = harness();
    let prompt = current_prompt(&h).expect("starts at a question");
    assert!(
        h.query_all_by_label(&prompt).count() >= 1,
        "the first question is shown"
    );
    let title = h.state().window_title();
    assert!(title.starts_with(&bundled_title()), "{title}");
    assert!(title.contains("aws-containers.json (bundled)"), "{title}");

    for _ in 0..30 {
        if h.state().walk().finished(h.state().tree()) {
            break;
        }
        let labels = answer_labels(&h);
        let before = h.state().walk().steps().len();
        common::ui::click(&mut h, &labels[0]);
        assert_eq!(
            h.state().walk().steps().len(),
            before + 1,
            "clicking {:?} chose it",
            labels[0]
        );
    }
    let app = h.state();
    let outcome = app
        .tree()
        .node(app.walk().current(app.tree()).unwrap())
        .unwrap()
        .clone();
    let NodeKind::Outcome(o) = &outcome.kind else {
        panic!("did not reach an outcome")
    };
    h.get_by_label("RECOMMENDATION");
    assert!(
        h.query_all_by_label(&o.title).count() >= 1,
        "the outcome panel names {}",
        o.title
    );
    assert!(
        h.query_all_by_label(&o.summary).count() >= 1,
        "the summary is shown"
    );
    h.get_by_label("Why, and what it rules out");
    h.get_by_label("Sources");
}

#[test]
fn changing_an_earlier_answer_from_the_trail_changes_the_path() {
    let mut h = harness();
    let first_answers = answer_labels(&h);
    common::ui::click(&mut h, &first_answers[0]);
    let second = answer_labels(&h);
    common::ui::click(&mut h, &second[0]);
    assert_eq!(h.state().walk().steps().len(), 2);
    let path_before = h.state().walk().path(h.state().tree());

    let prompt0 = {
        let app = h.state();
        app.tree()
            .node(app.walk().steps()[0].question)
            .unwrap()
            .label()
            .to_owned()
    };
    common::ui::click(&mut h, &format!("1. {prompt0} — {}", first_answers[0]));
    assert_eq!(
        h.state().walk().steps().len(),
        0,
        "the trail rewinds to the first question"
    );
    common::ui::click(&mut h, &first_answers[1]);
    let path_after = h.state().walk().path(h.state().tree());
    assert_eq!(path_after.len(), 2);
    assert_ne!(
        path_after[1], path_before[1],
        "the new answer leads elsewhere"
    );
}

#[test]
fn back_and_restart_buttons() {
    let mut h = harness();
    let a = answer_labels(&h);
    common::ui::click(&mut h, &a[0]);
    let b = answer_labels(&h);
    common::ui::click(&mut h, &b[0]);
    common::ui::click(&mut h, "⏴ Back");
    assert_eq!(h.state().walk().steps().len(), 1);
    common::ui::click(&mut h, "⟲ Restart");
    assert!(h.state().walk().steps().is_empty());
}

#[test]
fn keyboard_chooses_goes_back_and_restarts() {
    let mut h = harness();
    let second = {
        let app = h.state();
        app.tree().answers(app.walk().current(app.tree()).unwrap())[1].edge
    };
    h.key_press(Key::Num2);
    h.run();
    assert_eq!(h.state().walk().steps()[0].answer, second);
    h.key_press(Key::Num1);
    h.run();
    assert_eq!(h.state().walk().steps().len(), 2);
    h.key_press(Key::Backspace);
    h.run();
    assert_eq!(h.state().walk().steps().len(), 1);
    h.key_press(Key::Num1);
    h.run();
    h.key_press(Key::Home);
    h.run();
    assert!(h.state().walk().steps().is_empty());
}

#[test]
fn clicking_an_answer_target_in_the_graph_chooses_it() {
    let mut h = harness();
    let (edge, target) = {
        let app = h.state();
        let a = app.tree().answers(app.walk().current(app.tree()).unwrap())[0];
        (a.edge, a.to)
    };
    let rect = h
        .state()
        .node_screen_rect(target)
        .expect("the target is drawn");
    h.event(egui::Event::PointerMoved(rect.center()));
    h.event(egui::Event::PointerButton {
        pos: rect.center(),
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos: rect.center(),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    assert_eq!(
        h.state().walk().steps().first().map(|s| s.answer),
        Some(edge)
    );
}

#[test]
fn opening_a_file_through_the_menu_replaces_the_tree() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(
        &dir,
        "mine.json",
        &tradeoff::format::to_json(&tradeoff::app::starter_tree()),
    );
    let mut h = harness_with(ScriptedChooser::new([Chosen::Path(good.clone())]), None);
    common::ui::click(&mut h, "File");
    click_menu(&mut h, "Open…");
    assert_eq!(h.state().tree().title, "Untitled decision");
    assert_eq!(h.state().path(), Some(good.as_path()));
    assert!(h.state().window_title().contains("mine.json"));
    assert!(
        h.state()
            .settings()
            .recent
            .iter()
            .any(|p| p.ends_with("mine.json"))
    );
}

#[test]
fn a_broken_file_leaves_the_open_tree_untouched_and_shows_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let broken = write(
        &dir,
        "broken.json",
        "{\n  \"format\": \"tradeoff-tree\",\n  \"version\": 1\n  \"title\": \"x\"\n}",
    );
    let mut h = harness_with(ScriptedChooser::new([Chosen::Path(broken)]), None);
    let a = answer_labels(&h);
    common::ui::click(&mut h, &a[0]);
    let title = h.state().tree().title.clone();
    let walk = h.state().walk().clone();

    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label_contains("Could not open");
    h.get_by_label_contains("line 4, column 3");
    assert_eq!(h.state().tree().title, title);
    assert_eq!(h.state().walk(), &walk, "the walk is kept too");
    common::ui::click(&mut h, "OK");
    assert!(h.query_by_label_contains("Could not open").is_none());
}

#[test]
fn an_invalid_tree_file_names_the_node() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        &dir,
        "dangling.json",
        r#"{"format": "tradeoff-tree", "version": 1, "title": "x", "nodes": [
  {"kind": "question", "id": "start", "prompt": "Q?", "answers": [{"label": "a", "to": "o"}, {"label": "b", "to": "gone"}]},
  {"kind": "outcome", "id": "o", "title": "O"}
]}"#,
    );
    let mut h = harness_with(ScriptedChooser::default(), None);
    h.state_mut().push(Command::OpenPath(bad));
    h.run();
    // It opens straight into the editor, its problem listed with the node's id.
    h.get_by_label_contains("answer leads to \"gone\", which is not a node");
    assert_eq!(h.state().tree().title, "x");
    assert!(h.state().is_editing());
}

#[test]
fn no_dialog_available_offers_a_path_field() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(
        &dir,
        "typed.json",
        &tradeoff::format::to_json(&tradeoff::app::starter_tree()),
    );
    let mut h = harness_with(
        ScriptedChooser::new([Chosen::Unavailable("no portal".into())]),
        None,
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label_contains("No file dialog is available: no portal");
    h.get_by_role(egui::accesskit::Role::TextInput)
        .type_text(good.to_str().unwrap());
    h.run();
    common::ui::click(&mut h, "Open");
    assert_eq!(h.state().path(), Some(good.as_path()));
}

#[test]
fn unsaved_changes_ask_before_new_and_cancel_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("saved.json");
    let mut h = harness_with(ScriptedChooser::new([Chosen::Path(target.clone())]), None);
    h.state_mut().edit(|t| t.title = "Edited tree".into());
    h.run();
    assert!(h.state().is_dirty());
    assert!(h.state().window_title().contains('●'));

    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("Save changes?");
    common::ui::click(&mut h, "Cancel");
    assert_eq!(h.state().tree().title, "Edited tree");

    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    common::ui::click(&mut h, "Save"); // no path yet: Save As, through the chooser
    assert!(!h.state().is_dirty());
    assert_eq!(
        tradeoff::format::load_path(&target).unwrap().tree.title,
        "Edited tree"
    );
}

#[test]
fn discard_goes_on_with_the_command() {
    let mut h = harness();
    h.state_mut().edit(|t| t.title = "Edited".into());
    h.run();
    h.state_mut().push(Command::New);
    h.run();
    common::ui::click(&mut h, "Discard");
    assert_eq!(h.state().tree().title, "Untitled decision");
    assert!(!h.state().is_dirty());
}

#[test]
fn opening_a_file_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(
        &dir,
        "cli.json",
        &tradeoff::format::to_json(&tradeoff::app::starter_tree()),
    );
    let h = harness_with(ScriptedChooser::default(), Some(good.clone()));
    assert_eq!(h.state().path(), Some(good.as_path()));
}

#[test]
fn help_lists_every_shortcut_from_the_command_list() {
    let mut h = harness();
    common::ui::click(&mut h, "Help");
    click_menu(&mut h, "Keyboard shortcuts");
    let catalog = tradeoff::app::Command::catalog();
    let listed: Vec<_> = catalog
        .iter()
        .filter(|c| c.shortcut().is_some() && !matches!(c, tradeoff::app::Command::ChooseNth(_)))
        .collect();
    assert!(
        listed.len() >= 20,
        "{} commands with shortcuts",
        listed.len()
    );
    for c in listed {
        h.get_by_label(&c.text());
    }
    h.get_by_label("1 – 9");
}

#[test]
fn orientation_and_panels_from_the_view_menu() {
    let mut h = harness();
    common::ui::click(&mut h, "View");
    click_menu(&mut h, "Left-right");
    assert_eq!(
        h.state().settings().orientation,
        tradeoff::layout::Orientation::LeftRight
    );
    common::ui::click(&mut h, "View");
    click_menu(&mut h, "Comparison");
    assert!(!h.state().settings().show_compare);
}

#[test]
fn the_app_goes_idle() {
    let mut h = harness();
    // After start-up and after an answer, frames stop: run() returns instead of hitting
    // its step limit, and a further step asks for nothing more.
    let a = answer_labels(&h);
    common::ui::click(&mut h, &a[0]);
    assert!(h.try_run().is_ok());
    h.step();
    assert!(h.try_run().is_ok());
}

#[test]
fn discard_then_cancelling_the_dialog_keeps_the_edits_unsaved() {
    // The chooser answers "cancelled".
    let mut h = harness_with(ScriptedChooser::new([Chosen::Cancelled]), None);
    h.state_mut().edit(|t| t.title = "Edited".into());
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    common::ui::click(&mut h, "Discard");
    assert_eq!(h.state().tree().title, "Edited", "nothing was opened");
    assert!(h.state().is_dirty(), "the edits are still unsaved");
    // The permission was used up: the next replace asks again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("Save changes?");
}

#[test]
fn save_as_shortcut_asks_for_a_new_file_even_when_the_tree_has_one() {
    let dir = tempfile::tempdir().unwrap();
    let first = write(
        &dir,
        "first.json",
        &tradeoff::format::to_json(&tradeoff::app::starter_tree()),
    );
    let second = dir.path().join("second.json");
    let mut h = harness_with(
        ScriptedChooser::new([Chosen::Path(second.clone())]),
        Some(first.clone()),
    );
    let before = fs::read(&first).unwrap();
    h.state_mut().edit(|t| t.title = "Changed".into());
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    assert_eq!(h.state().path(), Some(second.as_path()));
    assert_eq!(
        fs::read(&first).unwrap(),
        before,
        "the first file is untouched"
    );
    assert_eq!(
        tradeoff::format::load_path(&second).unwrap().tree.title,
        "Changed"
    );
}

#[test]
fn saving_from_the_prompt_then_goes_on_with_the_command() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("kept.json");
    let mut h = harness_with(ScriptedChooser::new([Chosen::Path(target.clone())]), None);
    h.state_mut().edit(|t| t.title = "Keep me".into());
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    common::ui::click(&mut h, "Save");
    assert_eq!(
        tradeoff::format::load_path(&target).unwrap().tree.title,
        "Keep me"
    );
    assert_eq!(
        h.state().tree().title,
        "Untitled decision",
        "New went ahead after saving"
    );
}

#[test]
fn collapsing_the_start_hides_everything_below_it() {
    let mut h = harness();
    let root = h.state().tree().root().unwrap();
    let all = h.state().view().unwrap().shown();
    h.state_mut().push(Command::ToggleCollapse(root));
    h.run();
    assert_eq!(
        h.state().view().unwrap().shown(),
        1,
        "only the collapsed start is drawn"
    );
    h.state_mut().push(Command::ToggleCollapse(root));
    h.run();
    assert_eq!(h.state().view().unwrap().shown(), all);
}

/// A file dropped on the window, as the windowing layer hands it to egui.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_dropped_file_opens_but_not_while_a_dialog_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(
        &dir,
        "dropped.json",
        &tradeoff::format::to_json(&tradeoff::app::starter_tree()),
    );
    let mut h = harness();
    h.state_mut().push(Command::ShowAbout);
    h.run();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(good.clone())));
    h.run();
    assert!(
        h.state().path().is_none(),
        "ignored while the About dialog is open"
    );
    common::ui::click(&mut h, "Close");
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(good.clone())));
    h.run();
    assert_eq!(h.state().path(), Some(good.as_path()));
}

// ----- notes never reach outside the app -----

/// Records every address egui is asked to load as bytes or as an image, and loads none.
#[derive(Default)]
struct LoadSpy {
    asked: std::sync::Mutex<Vec<String>>,
}

impl LoadSpy {
    const ID: &'static str = "tests::LoadSpy";

    fn record(&self, uri: &str) {
        self.asked.lock().unwrap().push(uri.to_owned());
    }
}

impl egui::load::BytesLoader for LoadSpy {
    fn id(&self) -> &str {
        Self::ID
    }
    fn load(&self, _ctx: &egui::Context, uri: &str) -> egui::load::BytesLoadResult {
        self.record(uri);
        Err(egui::load::LoadError::NotSupported)
    }
    fn forget(&self, _uri: &str) {}
    fn forget_all(&self) {}
    fn byte_size(&self) -> usize {
        0
    }
}

impl egui::load::ImageLoader for LoadSpy {
    fn id(&self) -> &str {
        Self::ID
    }
    fn load(
        &self,
        _ctx: &egui::Context,
        uri: &str,
        _size_hint: egui::SizeHint,
    ) -> egui::load::ImageLoadResult {
        self.record(uri);
        Err(egui::load::LoadError::NotSupported)
    }
    fn forget(&self, _uri: &str) {}
    fn forget_all(&self) {}
    fn byte_size(&self) -> usize {
        0
    }
}

#[test]
fn images_in_notes_show_as_text_and_nothing_is_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret.png");
    fs::write(&secret, "not for the app to read").unwrap();
    let secret = secret.display().to_string();
    let mut tree = tradeoff::app::starter_tree();
    let images = format!(
        "See ![secret diagram]({secret}), ![as a url](file://{secret}) and ![relative](secret.png)."
    );
    tree.description = format!("About: {images}");
    for id in ["start", "option-a"] {
        let index = tree.find(id).unwrap();
        tree.node_mut(index).unwrap().notes = format!("Notes of {id}: {images}");
    }
    let path = write(&dir, "images.json", &tradeoff::format::to_json(&tree));

    let spy = std::sync::Arc::new(LoadSpy::default());
    let installed = std::sync::Arc::clone(&spy);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_eframe(move |cc| {
            cc.egui_ctx.add_bytes_loader(installed.clone());
            cc.egui_ctx.add_image_loader(installed);
            App::new(
                cc,
                tradeoff::app::Options {
                    file: Some(path),
                    walk: None,
                    chooser: Box::new(ScriptedChooser::default()),
                    persist: false,
                    data_dir: None,
                },
            )
        });
    h.run();
    // The start question's notes, then the outcome's notes beside the tree's description.
    h.get_by_label_contains("[image: secret diagram");
    h.get_by_label_contains(&format!("] file://{secret}"));
    common::ui::click(&mut h, "This way");
    assert!(h.state().walk().finished(h.state().tree()));
    h.get_by_label_contains("About:");
    assert!(h.query_all_by_label_contains("[image: relative").count() >= 2);

    let asked = spy.asked.lock().unwrap().clone();
    assert!(asked.is_empty(), "the notes asked egui to load {asked:?}");
    // Nothing that could read a file or the network was installed by the app.
    let loaders = h.ctx.loaders();
    let images: Vec<String> = loaders
        .image
        .lock()
        .iter()
        .map(|l| l.id().to_owned())
        .filter(|id| id != LoadSpy::ID)
        .collect();
    assert!(images.is_empty(), "image loaders: {images:?}");
    let include = egui::load::BytesLoader::id(&*loaders.include).to_owned();
    let bytes: Vec<String> = loaders
        .bytes
        .lock()
        .iter()
        .map(|l| l.id().to_owned())
        .filter(|id| id != LoadSpy::ID && *id != include)
        .collect();
    assert!(bytes.is_empty(), "bytes loaders: {bytes:?}");
}

#[test]
fn a_question_with_twenty_thousand_answers_over_a_deep_chain_paints_its_first_frame() {
    // The walk panel's "can lead to" line under each answer walked that answer's whole
    // subtree on every frame: 20,000 × 40,000 steps before the first frame painted.
    // And answer j enters the chain at depth j: the layout reserved a channel on every
    // rank each answer skips, 4 × 10^8 items (11 GB) before the first frame; now the
    // longest answers past a budget are drawn straight across instead.
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "fan.json", &common::fan_over_chain(20_000));
    let started = std::time::Instant::now();
    let mut h = common::ui::app_harness(
        egui::vec2(1400.0, 900.0),
        ScriptedChooser::default(),
        Some(path),
        None,
    );
    h.step();
    eprintln!("first frames in {:?}", started.elapsed());
    assert_eq!(h.state().tree().node_count(), 40_002);
    // Answer j can lead to the outcomes from j down the chain, and the end.
    for (j, more) in [(0, 19_998), (1, 19_997), (2, 19_996)] {
        let hint = format!(
            "can lead to: Outcome {j}, Outcome {}, Outcome {}, and {more} more",
            j + 1,
            j + 2
        );
        assert_eq!(h.query_all_by_label(&hint).count(), 1, "{hint}");
    }
    let view = h.state().view().expect("the graph was built");
    assert_eq!(
        view.label_rects().len(),
        60_000,
        "every answer drawn with its label"
    );
}
