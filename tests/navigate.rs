//! Finding your way with the keyboard and without the graph: the command palette, search
//! and the outline, each driven through the real `App`.

mod common;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use tradeoff::app::{App, Command, Panels, ScriptedChooser};

fn harness() -> Harness<'static, App> {
    common::ui::app_harness(
        egui::vec2(1400.0, 880.0),
        ScriptedChooser::default(),
        None,
        None,
    )
}

fn id_of(h: &Harness<'_, App>, node: tradeoff::model::NodeIndex) -> String {
    h.state().tree().node(node).unwrap().id.clone()
}

/// The selected node lies inside the canvas area on screen.
fn selected_in_view(h: &Harness<'_, App>) -> bool {
    let app = h.state();
    let (Some(node), Some(canvas)) = (app.selected(), app.visible_canvas()) else {
        return false;
    };
    app.node_screen_rects(node)
        .iter()
        .any(|r| canvas.contains_rect(*r))
}

fn type_in_focused(h: &mut Harness<'_, App>, text: &str) {
    h.get_by(|n| n.role() == Role::TextInput && n.is_focused())
        .type_text(text);
    h.run();
}

#[test]
fn the_palette_runs_a_command_by_part_of_its_name() {
    let mut h = harness();
    assert!(!h.state().settings().show_outline);
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    type_in_focused(&mut h, "outlin");
    h.get_by_label_contains("Outline");
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.state().settings().show_outline,
        "Enter ran View ▸ Outline"
    );
    // Ctrl+Shift+P opens it too; Escape closes it without running anything.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    type_in_focused(&mut h, "zoom in");
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().is_palette_open(), "Escape closed it");
    assert!(h.query_by_label_contains("Zoom in").is_none());
}

#[test]
fn the_palette_goes_to_a_node_by_part_of_its_title() {
    let mut h = harness();
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    type_in_focused(&mut h, "rosa openshift");
    h.key_press(Key::Enter);
    h.run();
    let selected = h.state().selected().expect("a node was selected");
    assert_eq!(id_of(&h, selected), "o-rosa");
    assert!(selected_in_view(&h), "the node was brought into view");
}

#[test]
fn the_palette_greys_out_what_cannot_run_now() {
    let mut h = harness();
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    type_in_focused(&mut h, "undo");
    let undo = h
        .get_all_by_role(Role::Button)
        .find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with("Undo"))
        })
        .expect("Undo is listed");
    assert!(undo.accesskit_node().is_disabled(), "nothing to undo yet");
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.state().is_palette_open(),
        "Enter on an unavailable command leaves the palette open"
    );
}

#[test]
fn search_lists_matches_marks_them_and_steps_through_them() {
    let mut h = harness();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    type_in_focused(&mut h, "kubernetes");
    let tree_hits: Vec<String> = {
        let app = h.state();
        tradeoff::model::search::search(app.tree(), "kubernetes")
            .iter()
            .map(|hit| app.tree().node(hit.node).unwrap().id.clone())
            .collect()
    };
    assert!(tree_hits.len() >= 3, "{tree_hits:?}");
    h.get_by_label(&format!("{} nodes", tree_hits.len()));
    // Every result is marked in the graph.
    let marked = h
        .state()
        .view()
        .unwrap()
        .graph
        .nodes_iter()
        .filter(|(_, n)| n.payload().matched)
        .count();
    assert!(marked >= tree_hits.len(), "{marked} marked");

    // Enter goes to the first; F3 to the next; Shift+F3 back.
    h.key_press(Key::Enter);
    h.run();
    let first = h.state().selected().unwrap();
    assert_eq!(id_of(&h, first), tree_hits[0]);
    h.get_by_label(&format!("1 of {}", tree_hits.len()));
    // F3 is a bare key: out of the field, as after a click on the canvas.
    h.state_mut().push(Command::FindNext);
    h.run();
    assert_eq!(id_of(&h, h.state().selected().unwrap()), tree_hits[1]);
    assert!(selected_in_view(&h));
    h.state_mut().push(Command::FindPrevious);
    h.run();
    assert_eq!(id_of(&h, h.state().selected().unwrap()), tree_hits[0]);
    // A click on a result goes there.
    let last = tree_hits.last().unwrap().clone();
    let label = {
        let app = h.state();
        let node = app.tree().find(&last).unwrap();
        app.tree().node(node).unwrap().label().to_owned()
    };
    h.get_all_by_role(Role::Button)
        .find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with(&format!("{label} — ")))
        })
        .expect("the last result is listed")
        .click();
    h.run();
    assert_eq!(id_of(&h, h.state().selected().unwrap()), last);
}

#[test]
fn f3_steps_through_results_from_the_keyboard() {
    let mut h = harness();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    type_in_focused(&mut h, "fargate");
    // Out of the field (as after a click on the canvas), the bare key reaches the app.
    h.ctx.memory_mut(|m| {
        if let Some(id) = m.focused() {
            m.surrender_focus(id);
        }
    });
    h.run();
    h.key_press(Key::F3);
    h.run();
    let first = h.state().selected().expect("F3 went to the first result");
    h.key_press(Key::F3);
    h.run();
    let second = h.state().selected().unwrap();
    assert_ne!(first, second);
    h.key_press_modifiers(Modifiers::SHIFT, Key::F3);
    h.run();
    assert_eq!(h.state().selected(), Some(first));
}

#[test]
fn the_outline_lists_the_tree_and_a_click_selects() {
    let mut h = harness();
    h.state_mut().push(Command::TogglePanel(Panels::Outline));
    h.run();
    h.get_by_label_contains("Question: Where must the containers run?");
    let row = h
        .get_all_by_role(Role::Button)
        .find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.contains("Outcome: "))
        })
        .expect("an outcome row");
    let title = row.accesskit_node().label().unwrap();
    let title = title.split("Outcome: ").nth(1).unwrap().to_owned();
    row.click();
    h.run();
    let selected = h.state().selected().expect("the row selected its node");
    assert_eq!(h.state().tree().node(selected).unwrap().label(), title);
    assert!(selected_in_view(&h));
    // The walk is marked: after an answer, the start question carries the mark.
    h.key_press(Key::Num1);
    h.run();
    h.get_by_label_contains("✔ Question: Where must the containers run?");
}

/// The label of the focused widget, if any.
fn focused_label(h: &Harness<'_, App>) -> Option<String> {
    h.query_by(|n| n.is_focused())
        .and_then(|n| n.accesskit_node().label())
}

#[test]
fn a_whole_walk_with_the_keyboard_only_starting_with_tab() {
    let mut h = harness();
    let tree = h.state().tree().clone();
    let start = h.state().walk().current(&tree).unwrap();
    let answers = tree.answers(start);
    // Tab starts at the first answer, not at the menu bar.
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(
        focused_label(&h).as_deref(),
        Some(answers[0].answer.label.as_str())
    );
    // Tab again: the second answer; Enter takes it.
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(
        focused_label(&h).as_deref(),
        Some(answers[1].answer.label.as_str())
    );
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().walk().steps().len(), 1);
    assert_eq!(h.state().walk().steps()[0].answer, answers[1].edge);
    // From there on the next question's first answer has the focus: Enter, Enter… to
    // an outcome.
    for _ in 0..20 {
        let app = h.state();
        let current = app.walk().current(app.tree()).unwrap();
        if app.tree().node(current).unwrap().is_outcome() {
            break;
        }
        let first = app.tree().answers(current)[0].answer.label.clone();
        assert_eq!(focused_label(&h).as_deref(), Some(first.as_str()));
        h.key_press(Key::Enter);
        h.run();
    }
    let app = h.state();
    let end = app.walk().current(app.tree()).unwrap();
    assert!(
        app.tree().node(end).unwrap().is_outcome(),
        "the walk reached an outcome"
    );
    assert!(app.walk().steps().len() >= 2);
}

#[test]
fn arrow_keys_move_the_selection_across_the_graph_and_enter_chooses() {
    let mut h = harness();
    let (start, first_target) = {
        let app = h.state();
        let tree = app.tree();
        let start = app.walk().current(tree).unwrap();
        (
            start,
            tree.answers(start).iter().map(|a| a.to).collect::<Vec<_>>(),
        )
    };
    // Down from the current question: one of the nodes its answers lead to.
    h.key_press(Key::ArrowDown);
    h.run();
    let below = h.state().selected().expect("an arrow selects");
    assert!(
        first_target.contains(&below),
        "below the start is one of its answers: {}",
        id_of(&h, below)
    );
    assert!(selected_in_view(&h));
    // Left and right move among them; up comes back to the question.
    h.key_press(Key::ArrowRight);
    h.run();
    let beside = h.state().selected().unwrap();
    h.key_press(Key::ArrowLeft);
    h.run();
    if beside != below {
        assert_eq!(h.state().selected(), Some(below), "left undoes right");
    }
    h.key_press(Key::ArrowUp);
    h.run();
    assert_eq!(h.state().selected(), Some(start));
    // Down again, and Enter takes the answer that leads there.
    h.key_press(Key::ArrowDown);
    h.run();
    let chosen = h.state().selected().unwrap();
    h.key_press(Key::Enter);
    h.run();
    let app = h.state();
    assert_eq!(app.walk().current(app.tree()), Some(chosen));
}

#[test]
fn opening_a_side_panel_keeps_the_zoom() {
    let mut h = harness();
    let before = h.state().zoom();
    h.state_mut().push(Command::Find);
    h.run();
    assert_eq!(h.state().zoom(), before, "search");
    h.state_mut().push(Command::TogglePanel(Panels::Outline));
    h.run();
    assert_eq!(h.state().zoom(), before, "outline");
}

/// The font sizes of the text painted outside the canvas in the last frame.
fn panel_text_sizes(h: &Harness<'_, App>) -> Vec<(f32, String)> {
    let canvas = h.state().visible_canvas().expect("the canvas was drawn");
    let mut sizes = Vec::new();
    for clipped in &h.output().shapes {
        if canvas.contains_rect(clipped.clip_rect) {
            continue;
        }
        if let egui::Shape::Text(text) = &clipped.shape {
            for section in &text.galley.job.sections {
                let words = text.galley.job.text.clone();
                sizes.push((section.format.font_id.size, words));
            }
        }
    }
    sizes
}

#[test]
fn panels_use_no_text_under_eleven_points_and_every_button_is_named() {
    let mut h = harness();
    // An answer given, so the trail and its hints show; then at an outcome.
    h.key_press(Key::Num1);
    h.run();
    for (size, words) in panel_text_sizes(&h) {
        assert!(size >= 11.0, "{words:?} at {size}");
    }
    for button in h.get_all_by_role(Role::Button) {
        let label = button.accesskit_node().label().unwrap_or_default();
        assert!(!label.trim().is_empty(), "a button with no name");
    }
    for theme in [tradeoff::app::Theme::Light, tradeoff::app::Theme::Dark] {
        h.state_mut().push(Command::SetTheme(theme));
        h.run();
        let v = h.ctx.global_style().visuals.clone();
        assert!(tradeoff::app::look::contrast(v.weak_text_color(), v.panel_fill) >= 4.5);
    }
}

#[test]
fn the_focused_control_has_a_visible_ring() {
    let mut h = harness();
    h.key_press(Key::Tab);
    h.run();
    let focused = h.get_by(|n| n.is_focused()).rect();
    let ring = h
        .output()
        .shapes
        .iter()
        .any(|clipped| match &clipped.shape {
            egui::Shape::Rect(r) => {
                r.stroke.width >= 2.0
                    && r.rect.contains_rect(focused)
                    && r.rect.width() < focused.width() + 12.0
            }
            _ => false,
        });
    assert!(ring, "a ring around {focused:?}");
}

#[test]
fn a_selection_does_not_pass_to_a_new_node_that_takes_its_index() {
    let mut h = harness();
    let node = {
        let app = h.state();
        app.tree().find("o-rosa").unwrap()
    };
    h.state_mut().push(Command::Select(Some(node)));
    h.run();
    assert_eq!(h.state().selected(), Some(node));
    // Deleted and another node added in one change: the graph gives it the same index.
    let mut reused = None;
    h.state_mut().edit(|t| {
        t.remove_node(node);
        reused = Some(t.add_node(tradeoff::model::Node::outcome("new", "New")));
    });
    h.run();
    assert_eq!(reused, Some(node), "the index was reused");
    assert_eq!(
        h.state().selected(),
        None,
        "the new node is not selected by chance"
    );
}
