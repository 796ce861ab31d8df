//! Level of detail on large trees, through the real `App`: far out, the view is drawn as
//! one image in which every node still shows and the walk stands out; near, boxes with
//! their text, only those in view; the box under the pointer is found through the
//! view's index exactly as a scan of every box would find it.

mod common;

use std::path::PathBuf;

use egui::epaint::Primitive;
use egui::{Color32, Pos2, Rect, Shape, TextureId, Vec2};
use egui_kittest::Harness;
use tradeoff::app::{App, Command, ScriptedChooser};
use tradeoff::model::generate;

const WINDOW: Vec2 = Vec2::new(1400.0, 880.0);
/// The walk's colour, as the graph draws it.
const PATH: Color32 = Color32::from_rgb(0xf5, 0x9e, 0x0b);

/// A generated decision DAG of `nodes` nodes, saved, opened in the app.
fn open_generated(nodes: usize) -> (tempfile::TempDir, Harness<'static, App>) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path: PathBuf = dir.path().join("big.json");
    tradeoff::format::save_path(&generate::decision_dag(nodes, 0.1, 3), &path, false)
        .expect("the generated tree saved");
    let mut h = common::ui::app_harness(WINDOW, ScriptedChooser::default(), Some(path), None);
    h.run();
    (dir, h)
}

/// The textured meshes of the last frame, with their screen rectangles.
fn textured(h: &Harness<'_, App>) -> Vec<(TextureId, Rect)> {
    let out = h.output();
    out.shapes
        .iter()
        .filter_map(|c| match &c.shape {
            Shape::Mesh(m) if m.texture_id != TextureId::default() => {
                Some((m.texture_id, m.calc_bounds()))
            }
            _ => None,
        })
        .collect()
}

fn close(a: Color32, b: Color32) -> bool {
    [(a.r(), b.r()), (a.g(), b.g()), (a.b(), b.b())]
        .iter()
        .all(|&(x, y)| x.abs_diff(y) <= 24)
}

#[test]
fn far_out_the_view_is_one_image_where_every_node_and_the_walk_show() {
    let (_dir, mut h) = open_generated(3000);
    h.state_mut().push(Command::Fit);
    h.run();
    h.state_mut().push(Command::ChooseNth(1));
    h.run();
    let meshes = textured(&h);
    let [(_, rect)] = meshes.as_slice() else {
        panic!("far out, the canvas is one image; textured meshes: {meshes:?}");
    };
    let text_in_canvas = h
        .output()
        .shapes
        .iter()
        .filter(|c| {
            matches!(c.shape, Shape::Text(_))
                && rect.contains(c.shape.visual_bounding_rect().center())
        })
        .count();
    assert_eq!(text_in_canvas, 0, "no text where it could not be read");

    // The image the view draws of the whole tree, after the walk changed: every box
    // leaves a mark, and where the walk stands is in the walk's colour.
    let app = h.state();
    let view = app.view().expect("the graph was built");
    let size = [700, 500];
    let image = view.overview_image(view.bounds, size, &egui::Visuals::light());
    let pixel = |p: Pos2| {
        let x = ((p.x - view.bounds.min.x) / view.bounds.width() * size[0] as f32) as usize;
        let y = ((p.y - view.bounds.min.y) / view.bounds.height() * size[1] as f32) as usize;
        image.pixels[y.min(size[1] - 1) * size[0] + x.min(size[0] - 1)]
    };
    for (node, r) in view.node_rects() {
        assert!(pixel(r.center()).a() > 0, "node {node:?} left no mark");
    }
    let tree = app.tree();
    let current = app.walk().current(tree).expect("the walk stands somewhere");
    let at = view.rect_of(current).expect("drawn").center();
    assert!(
        close(pixel(at), PATH),
        "where the walk stands is marked in the walk's colour, not {:?}",
        pixel(at)
    );
    // The nodes the answer ruled out are faded, not in their full colour.
    let ruled_out = app.walk().ruled_out(tree);
    let full = ruled_out
        .iter()
        .filter_map(|&n| {
            let accent = view.node_view(n)?.accent;
            Some(close(pixel(view.rect_of(n)?.center()), accent))
        })
        .filter(|&same| same)
        .count();
    assert!(
        ruled_out.len() > 100,
        "the first answer rules out part of the tree"
    );
    assert!(
        full * 20 < ruled_out.len(),
        "{full} of {} ruled-out nodes drawn in full colour",
        ruled_out.len()
    );
}

#[test]
fn near_the_view_draws_boxes_with_text_only_for_what_is_in_view() {
    let (_dir, h) = open_generated(3000);
    assert!(h.state().zoom() >= 0.6, "the start view is readable");
    assert!(
        textured(&h).is_empty(),
        "near, no image stands in for the boxes"
    );
    let canvas = h.state().visible_canvas().expect("the canvas was drawn");
    let app = h.state();
    let on_screen = app
        .tree()
        .all_nodes()
        .flat_map(|(i, _)| app.node_screen_rects(i))
        .filter(|r| canvas.intersects(*r))
        .count();
    let texts = h
        .output()
        .shapes
        .iter()
        .filter(|c| {
            matches!(c.shape, Shape::Text(_))
                && canvas.contains(c.shape.visual_bounding_rect().center())
        })
        .count();
    assert!(
        on_screen > 0 && texts >= on_screen,
        "each box in view has its text"
    );
    assert!(
        h.output().shapes.len() < 20 * on_screen + 400,
        "{} shapes for {on_screen} boxes in view: boxes out of view were drawn",
        h.output().shapes.len()
    );
}

#[test]
fn the_box_under_a_point_is_found_as_a_scan_of_every_box_finds_it() {
    let (_dir, h) = open_generated(2000);
    let view = h.state().view().expect("the graph was built");
    let rects = view.node_rects();
    let b = view.bounds;
    // A deterministic spread of points over the drawing, and every box's centre.
    let mut s = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s >> 11) as f32 / (1u64 << 53) as f32
    };
    let points: Vec<Pos2> = (0..5000)
        .map(|_| Pos2::new(b.min.x + next() * b.width(), b.min.y + next() * b.height()))
        .chain(rects.iter().map(|(_, r)| r.center()))
        .collect();
    let mut hits = 0;
    for p in points {
        let scanned = rects.iter().find(|(_, r)| r.contains(p)).map(|&(m, _)| m);
        assert_eq!(view.node_at(p), scanned, "at {p:?}");
        hits += usize::from(scanned.is_some());
    }
    assert!(hits >= rects.len(), "every box's centre hits it");
}

#[test]
fn images_are_only_ever_one_mesh_per_frame() {
    // Zooming out step by step from the start view to fit: every frame is either boxes
    // or one image, never both, and the app goes idle after each step.
    let (_dir, mut h) = open_generated(3000);
    for _ in 0..30 {
        h.state_mut().push(Command::ZoomOut);
        h.run();
        let n = textured(&h).len();
        assert!(n <= 1, "{n} images in one frame");
        let primitives = h.ctx.tessellate(h.output().shapes.clone(), 1.0);
        let meshes = primitives
            .iter()
            .filter(|p| matches!(p.primitive, Primitive::Mesh(_)))
            .count();
        assert!(meshes > 0, "the frame drew something");
    }
    assert_eq!(
        textured(&h).len(),
        1,
        "zoomed out far enough, the view is an image"
    );
}

/// The question at the middle of the tree, and its prompt.
fn middle_question(h: &Harness<'_, App>) -> (tradeoff::model::NodeIndex, String) {
    let tree = h.state().tree();
    let questions: Vec<_> = tree
        .all_nodes()
        .filter(|(_, n)| n.is_question())
        .map(|(i, n)| (i, n.label().to_owned()))
        .collect();
    questions[questions.len() / 2].clone()
}

fn set_prompt(h: &mut Harness<'_, App>, node: tradeoff::model::NodeIndex, value: String) {
    use tradeoff::app::commands::TreeEdit;
    use tradeoff::model::{Op, TextField};
    let op = Op::SetText {
        node,
        field: TextField::Prompt,
        value,
    };
    h.state_mut().edit_op(&TreeEdit::typing(op));
    h.run();
}

#[test]
fn typing_that_fits_its_box_redraws_in_place_and_typing_that_outgrows_it_lays_out_again() {
    let (_dir, mut h) = open_generated(400);
    let (node, prompt) = middle_question(&h);
    let rects = |h: &Harness<'_, App>| h.state().view().expect("drawn").node_rects().to_vec();
    let before = rects(&h);

    // Taking the last character off always fits: nothing moves, the text is new.
    let shorter: String = prompt.chars().take(prompt.chars().count() - 1).collect();
    set_prompt(&mut h, node, shorter.clone());
    assert_eq!(rects(&h), before, "a keystroke that fits moves no box");
    let view = h.state().view().expect("drawn");
    assert_eq!(view.node_view(node).expect("drawn").text, shorter);

    // A paragraph does not fit: the tree is laid out again around the bigger box.
    let long = format!("{shorter} {}", "and a much longer prompt ".repeat(8));
    set_prompt(&mut h, node, long.clone());
    let view = h.state().view().expect("drawn");
    let grown = view.rect_of(node).expect("drawn");
    let old = before
        .iter()
        .find(|(m, _)| *m == node)
        .expect("drawn before")
        .1;
    assert!(
        grown.height() > old.height(),
        "the box grew to hold the text"
    );
    assert_eq!(view.node_view(node).expect("drawn").text, long);
    for (m, r) in view.node_rects() {
        assert!(
            *m == node || !r.intersects(grown),
            "after the new layout no box overlaps the grown one"
        );
    }
    // And it has room for the next keystroke: typing on does not lay out again.
    let after_growth = rects(&h);
    set_prompt(&mut h, node, format!("{long}x"));
    assert_eq!(rects(&h), after_growth, "the grown box has room to type on");
}
