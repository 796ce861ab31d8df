//! The canvas view driven through the real `App`: fit, the start view, zoom steps and
//! limits, follow, level of detail, the minimap and ambiguous clicks. Every `run()` also
//! checks that the app goes idle, so each animation has to end.

mod common;

use std::path::PathBuf;

use egui::{Event, Key, Modifiers, Pos2, Rect, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use tradeoff::app::{App, Command, Panels, ScriptedChooser, Settings};
use tradeoff::model::{EdgeIndex, NodeIndex, Tree};

/// The window size a new user has.
const WINDOW: Vec2 = Vec2::new(1400.0, 880.0);

fn harness(file: Option<PathBuf>) -> Harness<'static, App> {
    common::ui::app_harness(WINDOW, ScriptedChooser::default(), file, None)
}

/// Every drawn box of every node, on screen.
fn node_rects(h: &Harness<'_, App>) -> Vec<Rect> {
    let app = h.state();
    app.tree()
        .all_nodes()
        .flat_map(|(i, _)| app.node_screen_rects(i))
        .collect()
}

fn canvas(h: &Harness<'_, App>) -> Rect {
    h.state().visible_canvas().expect("the canvas was drawn")
}

fn current(h: &Harness<'_, App>) -> NodeIndex {
    let app = h.state();
    app.walk()
        .current(app.tree())
        .expect("the walk stands somewhere")
}

/// The boxes the walk needs in view: where it stands and where its answers lead (a
/// shared outcome drawn once per answer counts where that answer reaches it).
fn walk_focus(h: &Harness<'_, App>) -> Vec<Rect> {
    let app = h.state();
    let tree = app.tree();
    let here = current(h);
    let mut rects: Vec<Rect> = match app.walk().steps().last() {
        Some(step) => app
            .answer_target_screen_rect(step.answer)
            .into_iter()
            .collect(),
        None => app.node_screen_rect(here).into_iter().collect(),
    };
    for a in tree.answers(here) {
        rects.extend(app.answer_target_screen_rect(a.edge));
    }
    rects
}

fn ctrl_wheel(h: &mut Harness<'_, App>, at: Pos2, unit: egui::MouseWheelUnit, notches: f32) {
    h.event(Event::PointerMoved(at));
    h.run();
    h.event(Event::MouseWheel {
        unit,
        delta: Vec2::new(0.0, notches),
        phase: egui::TouchPhase::Move,
        modifiers: Modifiers::COMMAND,
    });
    h.run();
}

fn key(h: &mut Harness<'_, App>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

fn click_at(h: &mut Harness<'_, App>, pos: Pos2) {
    h.event(Event::PointerMoved(pos));
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
}

/// Text painted inside the canvas (panels never overlap it).
fn canvas_text_count(h: &Harness<'_, App>) -> usize {
    let c = canvas(h);
    h.output()
        .shapes
        .iter()
        .filter(|s| match &s.shape {
            egui::Shape::Text(t) => c.contains(t.pos) && c.contains_rect(s.clip_rect),
            _ => false,
        })
        .count()
}

fn assert_inside(what: &str, outer: Rect, rects: &[Rect]) {
    assert!(!rects.is_empty(), "{what}: nothing drawn");
    for r in rects {
        assert!(
            outer.contains_rect(*r),
            "{what}: {r:?} is not inside {outer:?}"
        );
    }
}

#[test]
fn fit_shows_every_node_inside_the_visible_canvas_with_a_margin() {
    let mut h = harness(None);
    let before = h.state().zoom();
    key(&mut h, Modifiers::NONE, Key::F);
    let c = canvas(&h);
    assert_inside("after F", c.shrink(16.0), &node_rects(&h));
    // The bundled tree needs far less than the old 80% floor to fit this window.
    assert!(h.state().zoom() < 0.8, "fitted at {}", h.state().zoom());
    assert!(h.state().zoom() < before);
    // The tree fills the canvas in one direction, so nothing is wasted either.
    let all = node_rects(&h)
        .into_iter()
        .reduce(|a, b| a.union(b))
        .unwrap();
    assert!(
        all.width() > c.width() * 0.8 || all.height() > c.height() * 0.8,
        "{all:?} in {c:?}"
    );
}

#[test]
fn fit_keeps_the_tree_clear_of_the_minimap() {
    let mut h = harness(None);
    h.state_mut().push(Command::TogglePanel(Panels::Minimap));
    h.run();
    key(&mut h, Modifiers::NONE, Key::F);
    let minimap = h.state().minimap_rect().expect("the minimap is shown");
    assert!(canvas(&h).contains_rect(minimap));
    let rects = node_rects(&h);
    assert_inside("after F", canvas(&h), &rects);
    for r in rects {
        assert!(!r.intersects(minimap), "{r:?} is under the minimap");
    }
}

/// Whether the whole tree is in view.
fn all_in_view(h: &Harness<'_, App>) -> bool {
    let c = canvas(h);
    node_rects(h).into_iter().all(|r| c.contains_rect(r))
}

/// Checks the start view rule on a freshly opened tree: fitted when the fitted tree is
/// readable, else the start question and its answers, at 100% when they fit at 100%.
/// Returns the zoom it started at and the fitted zoom.
fn check_start_view(mut h: Harness<'_, App>) -> (f32, f32) {
    let start = h.state().zoom();
    let focus = walk_focus(&h);
    let whole = all_in_view(&h);
    let c = canvas(&h);
    key(&mut h, Modifiers::NONE, Key::F);
    let fitted = h.state().zoom();
    if fitted >= 0.6 {
        assert!(
            (start - fitted).abs() < 1e-4,
            "readable fitted: {start} vs {fitted}"
        );
        assert!(whole);
    } else {
        assert!((0.6..=1.0).contains(&start), "{start}");
        assert_inside("start view", c, &focus);
        let union = focus.iter().copied().reduce(|a, b| a.union(b)).unwrap();
        let at_100 = union.size() / start;
        if at_100.x <= c.width() - 64.0 && at_100.y <= c.height() - 64.0 {
            assert_eq!(start, 1.0, "the answers fit at 100%");
        }
    }
    (start, fitted)
}

#[test]
fn a_large_tree_opens_on_the_start_question_and_its_answers_at_100_percent() {
    // A big screen: the bundled tree fitted whole is too small to read, but the start
    // question's answers fit side by side at 100%.
    let h = common::ui::app_harness(
        Vec2::new(2000.0, 1000.0),
        ScriptedChooser::default(),
        None,
        None,
    );
    assert!(h.state().walk().steps().is_empty());
    let (start, fitted) = check_start_view(h);
    assert!(
        fitted < 0.6,
        "the bundled tree is too big to read whole here"
    );
    assert_eq!(start, 1.0);
}

#[test]
fn a_narrow_canvas_opens_as_close_to_100_percent_as_shows_the_start_answers() {
    // At 1400x880 the panels leave a canvas that may be narrower than the start
    // question's answers at 100%: the view backs off only as far as showing them needs.
    let (start, fitted) = check_start_view(harness(None));
    assert!(fitted < 0.6, "fitted at {fitted}");
    assert!(start >= 0.6);
}

#[test]
fn a_small_tree_opens_fitted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("small.json");
    std::fs::write(
        &path,
        tradeoff::format::to_json(&tradeoff::app::starter_tree()),
    )
    .unwrap();
    let h = harness(Some(path));
    assert_eq!(h.state().tree().title, "Untitled decision");
    assert_inside("start view", canvas(&h).shrink(16.0), &node_rects(&h));
    assert!(h.state().zoom() <= 1.0);
}

#[test]
fn one_wheel_notch_or_key_press_zooms_by_about_ten_percent_around_the_pointer() {
    let mut h = harness(None);
    let root = current(&h);
    let start = h.state().node_screen_rect(root).unwrap();
    // Beside the start question: over a node, its tooltip would come and go.
    let anchor = start.right_center() + Vec2::new(30.0, 0.0);
    let zoom_at_start = h.state().zoom();
    let mut zoom = zoom_at_start;
    let mut step = |h: &mut Harness<'_, App>, what: &str, zoom_in: bool| {
        let now = h.state().zoom();
        let ratio = now / zoom;
        let change = if zoom_in { ratio - 1.0 } else { 1.0 - ratio };
        assert!(
            (0.05..=0.15).contains(&change),
            "{what}: {zoom} to {now} is a change of {change}"
        );
        zoom = now;
    };

    ctrl_wheel(&mut h, anchor, egui::MouseWheelUnit::Line, -1.0);
    step(&mut h, "a notch out", false);
    // What is under the pointer stays there: everything else moves toward it.
    let f = h.state().zoom() / zoom_at_start;
    let expected = anchor + (start.center() - anchor) * f;
    let got = h.state().node_screen_rect(root).unwrap().center();
    assert!((got - expected).length() < 1.0, "{got:?}, not {expected:?}");
    ctrl_wheel(&mut h, anchor, egui::MouseWheelUnit::Line, 1.0);
    step(&mut h, "a notch in", true);
    // A trackpad scrolls in points; a notch's worth is the same step.
    ctrl_wheel(&mut h, anchor, egui::MouseWheelUnit::Point, -40.0);
    step(&mut h, "a notch of points out", false);
    key(&mut h, Modifiers::COMMAND, Key::Equals);
    step(&mut h, "Ctrl+=", true);
    key(&mut h, Modifiers::COMMAND, Key::Minus);
    step(&mut h, "Ctrl+-", false);
    key(&mut h, Modifiers::COMMAND, Key::Plus);
    step(&mut h, "Ctrl++", true);
}

#[test]
fn ctrl_0_and_the_status_bar_give_100_percent() {
    let mut h = harness(None);
    key(&mut h, Modifiers::NONE, Key::F);
    let fitted = h.state().zoom();
    assert!(fitted < 0.5);
    h.get_by_label(&format!("{:.0}%", fitted * 100.0));
    key(&mut h, Modifiers::COMMAND, Key::Num0);
    assert_eq!(h.state().zoom(), 1.0);
    assert!(
        (h.ctx.zoom_factor() - 1.0).abs() < f32::EPSILON,
        "the interface kept its size"
    );

    h.get_by_label("+").click();
    h.run();
    assert!((h.state().zoom() - 1.1).abs() < 1e-4);
    h.get_by_label("−").click();
    h.run();
    h.get_by_label("−").click();
    h.run();
    assert!((h.state().zoom() - 1.0 / 1.1).abs() < 1e-4);
    h.get_by_label("91%").click();
    h.run();
    assert_eq!(h.state().zoom(), 1.0);
    h.get_by_label("100%");
}

#[test]
fn zoom_stays_between_half_the_fitted_size_and_400_percent() {
    let mut h = harness(None);
    key(&mut h, Modifiers::NONE, Key::F);
    let fitted = h.state().zoom();
    for _ in 0..40 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    }
    h.run();
    let least = h.state().zoom();
    assert!(
        (least - fitted * 0.5).abs() < 1e-4,
        "fitted {fitted}, least {least}"
    );
    let c = canvas(&h).center();
    ctrl_wheel(&mut h, c, egui::MouseWheelUnit::Line, -5.0);
    assert!(
        (h.state().zoom() - least).abs() < 1e-4,
        "the wheel obeys it too"
    );

    for _ in 0..60 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    }
    h.run();
    assert!(
        (h.state().zoom() - 4.0).abs() < 1e-4,
        "{}",
        h.state().zoom()
    );
    ctrl_wheel(&mut h, c, egui::MouseWheelUnit::Line, 5.0);
    assert!((h.state().zoom() - 4.0).abs() < 1e-4);
}

#[test]
fn follow_keeps_the_current_question_and_its_answers_in_view() {
    let mut h = harness(None);
    assert!(h.state().settings().follow_path, "on by default");
    for _ in 0..8 {
        if h.state().walk().finished(h.state().tree()) {
            break;
        }
        let n = h.state().tree().answers(current(&h)).len();
        // The last answer, to wander away from where the view started.
        let key_for = [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5];
        key(&mut h, Modifiers::NONE, key_for[n.clamp(1, 5) - 1]);
        assert_inside("following the walk", canvas(&h), &walk_focus(&h));
    }
    assert!(!h.state().walk().steps().is_empty());
}

#[test]
fn follow_zooms_out_when_the_answers_do_not_fit() {
    let mut h = harness(None);
    for _ in 0..20 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    }
    h.run();
    assert!(h.state().zoom() > 3.0);
    key(&mut h, Modifiers::NONE, Key::Num1);
    assert_inside("after an answer at 400%", canvas(&h), &walk_focus(&h));
}

#[test]
fn a_fitted_large_tree_is_drawn_without_text() {
    let mut h = harness(None);
    assert!(canvas_text_count(&h) > 0, "text shows at 100%");
    key(&mut h, Modifiers::NONE, Key::F);
    assert!(!tradeoff::view::text_readable(h.state().zoom()));
    assert_eq!(
        canvas_text_count(&h),
        0,
        "no unreadable text at the fitted zoom"
    );
    assert!(tradeoff::view::text_readable(1.0));
}

#[test]
fn the_minimap_is_a_view_menu_setting_and_drags_the_view() {
    let mut h = harness(None);
    assert!(!h.state().settings().show_minimap);
    assert!(h.state().minimap_rect().is_none());
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Minimap").click();
    h.run();
    assert!(h.state().settings().show_minimap);
    let minimap = h.state().minimap_rect().expect("shown");

    // Remembered: it is part of the persisted settings, and older settings without it
    // still load.
    let json = serde_json::to_string(h.state().settings()).unwrap();
    let back: Settings = serde_json::from_str(&json).unwrap();
    assert!(back.show_minimap);
    let old: Settings = serde_json::from_str(r#"{"show_walk": false}"#).unwrap();
    assert!(!old.show_minimap && !old.show_walk);

    // Dragging across it moves the view over the tree.
    let root = current(&h);
    let before = h.state().node_screen_rect(root).unwrap();
    let from = minimap.center();
    let to = minimap.left_bottom() + Vec2::new(12.0, -12.0);
    h.event(Event::PointerMoved(from));
    h.event(Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(Event::PointerMoved(to));
    h.event(Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    let after = h.state().node_screen_rect(root).unwrap();
    assert!(
        (after.center() - before.center()).length() > 50.0,
        "{before:?} -> {after:?}"
    );
    assert!(
        h.state().walk().steps().is_empty(),
        "nothing under it was clicked"
    );
    assert_eq!(h.state().selected(), None);

    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Minimap").click();
    h.run();
    assert!(!h.state().settings().show_minimap);
    assert!(h.state().minimap_rect().is_none());
}

/// A start question whose first two answers both lead to one sub-question.
fn ambiguous_tree() -> Tree {
    let mut t = Tree::new("Two ways in");
    let start = t.add_node(tradeoff::model::Node::question("start", "Which way?"));
    let next = t.add_node(tradeoff::model::Node::question("next", "And then?"));
    let a = t.add_node(tradeoff::model::Node::outcome("o-a", "Outcome A"));
    let b = t.add_node(tradeoff::model::Node::outcome("o-b", "Outcome B"));
    t.add_answer(start, next, "Cheaper");
    t.add_answer(start, next, "Faster");
    t.add_answer(start, b, "Neither");
    t.add_answer(next, a, "Go");
    t.add_answer(next, b, "Stop");
    t
}

fn ambiguous_harness(dir: &tempfile::TempDir) -> (Harness<'static, App>, [EdgeIndex; 2], Pos2) {
    let path = dir.path().join("two-ways.json");
    std::fs::write(&path, tradeoff::format::to_json(&ambiguous_tree())).unwrap();
    let h = harness(Some(path));
    let app = h.state();
    let tree = app.tree();
    let answers = tree.answers(tree.root().unwrap());
    let edges = [answers[0].edge, answers[1].edge];
    let next = tree.find("next").unwrap();
    let at = app.node_screen_rect(next).expect("drawn").center();
    (h, edges, at)
}

#[test]
fn clicking_a_node_two_answers_lead_to_offers_both() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, [cheaper, faster], at) = ambiguous_harness(&dir);
    click_at(&mut h, at);
    assert!(h.state().walk().steps().is_empty(), "nothing chosen yet");
    assert_eq!(h.state().offered_answers(), vec![cheaper, faster]);
    h.get_by_label("1. Cheaper");
    h.get_by_label("2. Faster").click();
    h.run();
    assert_eq!(
        h.state().walk().steps().first().map(|s| s.answer),
        Some(faster)
    );
    assert!(h.state().offered_answers().is_empty());
    assert!(h.query_by_label("2. Faster").is_none(), "the popup closed");
}

#[test]
fn the_answer_popup_closes_on_escape_and_on_a_click_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, [cheaper, _], at) = ambiguous_harness(&dir);
    click_at(&mut h, at);
    h.get_by_label("1. Cheaper");
    key(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.query_by_label("1. Cheaper").is_none());
    assert!(h.state().walk().steps().is_empty());

    click_at(&mut h, at);
    h.get_by_label("1. Cheaper");
    // Empty canvas, above the start question.
    let empty = canvas(&h).center_top() + Vec2::new(0.0, 4.0);
    click_at(&mut h, empty);
    assert!(h.query_by_label("1. Cheaper").is_none());
    assert!(h.state().walk().steps().is_empty());

    // The digit keys still choose directly.
    key(&mut h, Modifiers::NONE, Key::Num1);
    assert_eq!(
        h.state().walk().steps().first().map(|s| s.answer),
        Some(cheaper)
    );
}

#[test]
fn clicking_a_node_one_answer_leads_to_still_chooses_it_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _, _) = ambiguous_harness(&dir);
    let (neither, target) = {
        let tree = h.state().tree();
        let a = tree.answers(tree.root().unwrap())[2];
        (a.edge, a.to)
    };
    let at = h.state().node_screen_rect(target).unwrap().center();
    click_at(&mut h, at);
    assert!(h.state().offered_answers().is_empty());
    assert_eq!(
        h.state().walk().steps().first().map(|s| s.answer),
        Some(neither)
    );
}

#[test]
fn zoom_commands_are_in_the_view_menu_and_help() {
    let mut h = harness(None);
    h.get_by_label("View").click();
    h.run();
    for text in ["Zoom in", "Zoom out", "Zoom to 100%"] {
        assert!(
            h.query_all_by_label_contains(text).next().is_some(),
            "no {text} in the View menu"
        );
    }
    let list = tradeoff::app::commands::shortcut_list(&h.ctx);
    for text in ["Zoom in", "Zoom out", "Zoom to 100%"] {
        assert!(list.iter().any(|(_, t)| t == text), "{text} not in Help");
    }
}

#[test]
fn collapsing_a_node_keeps_it_where_it_is_on_screen() {
    let mut h = harness(None);
    let (node, before) = {
        let app = h.state();
        let tree = app.tree();
        let a = tree.answers(tree.root().unwrap())[0];
        (a.to, app.answer_target_screen_rect(a.edge).unwrap())
    };
    for _ in 0..2 {
        h.state_mut().push(Command::ToggleCollapse(node));
        h.run();
        let after = h.state().node_screen_rect(node).unwrap();
        assert!(
            (after.center() - before.center()).length() < 1.0,
            "{before:?} -> {after:?}"
        );
    }
}
