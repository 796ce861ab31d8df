//! Moving the view: the user's panning and zooming, the app's fit, follow and start
//! view, and the animation that carries the app's moves out over a few frames.

use egui::{Event, Id, MouseWheelUnit, Pos2, Rect, Vec2};

use super::position::{Limits, Room, ViewAnim, ViewPos, ZOOM_STEP, ZoomTo};
use crate::app::App;
use crate::view::{self, TreeView};

/// A tree that fits only below this zoom is too small to read, so it opens on the
/// current question and its answers at 100% instead.
const START_READABLE_ZOOM: f32 = 0.6;

/// What the pointer, the wheel and touch did to the canvas this frame.
struct Gestures {
    /// The pointer is over the canvas, so the wheel and pinches are meant for it.
    over: bool,
    dragging: bool,
    scroll: Vec2,
    zoom: f32,
    /// Where a zoom gesture is centred, in screen coordinates.
    pointer: Option<Pos2>,
    drag: Vec2,
}

impl Gestures {
    /// Read before the canvas is drawn, through last frame's response to `canvas_id`:
    /// this frame's does not exist yet.
    fn read(ui: &egui::Ui, canvas_id: Id) -> Self {
        let ctx = ui.ctx();
        let over = ctx
            .read_response(canvas_id)
            .is_some_and(|r| r.contains_pointer());
        let dragging = ctx.is_being_dragged(canvas_id);
        let line = ctx.options(|o| o.input_options.line_scroll_speed);
        ui.input(|i| Self {
            over,
            dragging,
            scroll: i.smooth_scroll_delta,
            zoom: gesture_zoom(i, line),
            pointer: i
                .multi_touch()
                .map(|t| t.center_pos)
                .or_else(|| i.pointer.hover_pos()),
            drag: if i.pointer.primary_down() || i.pointer.middle_down() {
                i.pointer.delta()
            } else {
                Vec2::ZERO
            },
        })
    }
}

/// How much the wheel (with Ctrl or Cmd) and pinch gestures zoom by this frame.
/// Read from the events, not `zoom_delta`: egui spreads a notch over several frames.
/// `line` is how many points of scrolling make one line (one notch).
fn gesture_zoom(i: &egui::InputState, line: f32) -> f32 {
    if let Some(touch) = i.multi_touch() {
        return touch.zoom_delta;
    }
    let line = line.max(1.0);
    let mut factor = 1.0;
    let mut last_line = None;
    for event in &i.events {
        match event {
            Event::MouseWheel {
                unit,
                delta,
                modifiers,
                ..
            } if modifiers.command || modifiers.ctrl => {
                if *unit == MouseWheelUnit::Line {
                    // On X11 a wheel click that is not flagged as emulated (synthetic
                    // input, some remote desktops) arrives twice, for press and release,
                    // in the same frame. A real wheel turned that fast loses a step.
                    if last_line == Some(*delta) {
                        continue;
                    }
                    last_line = Some(*delta);
                }
                let amount = delta.x + delta.y;
                let notches = match unit {
                    MouseWheelUnit::Line => amount,
                    MouseWheelUnit::Point => amount / line,
                    MouseWheelUnit::Page => amount * i.viewport_rect().height() / line,
                };
                factor *= ZOOM_STEP.powf(notches);
            }
            Event::Zoom(z) => factor *= z,
            _ => {}
        }
    }
    factor
}

impl App {
    /// Applies this frame's panning, zooming, fit, follow and animation to the view
    /// before it is drawn, so the frame shows them.
    pub(super) fn navigate(
        &mut self,
        ui: &mut egui::Ui,
        tree_view: &TreeView,
        rect: Rect,
        canvas_id: Id,
        room: Room,
    ) {
        let mut meta = view::load_meta(ui);
        let drawn = ViewPos::of(&meta);
        let limits = room.limits(tree_view.bounds);
        let middle = room.local().center();

        if self.stage.start_view_pending {
            // The start view replaces whatever else was asked for.
            self.stage.fit_pending = false;
            self.stage.follow_pending = false;
            self.stage.follow_node = None;
            self.stage.view_anim = None;
        }
        let gestures = Gestures::read(ui, canvas_id);
        let pos = self.user_moves(&gestures, drawn, rect, limits, middle);
        let now = ui.input(|i| i.time);
        self.requested_moves(tree_view, pos, room, limits, now);
        let pos = self.step_animation(ui.ctx(), pos, now);

        if pos != drawn {
            meta.zoom = pos.zoom;
            meta.pan = pos.pan;
            view::save_meta(ui, meta);
        }
    }

    /// The view after this frame's scrolling, dragging, zoom gestures and zoom
    /// commands. Any of them stops a move the app had under way: it would fight the user.
    fn user_moves(
        &mut self,
        gestures: &Gestures,
        mut pos: ViewPos,
        rect: Rect,
        limits: Limits,
        middle: Pos2,
    ) -> ViewPos {
        let mut user = false;
        if gestures.over && gestures.scroll != Vec2::ZERO {
            pos.pan += gestures.scroll;
            user = true;
        }
        if gestures.dragging && gestures.drag != Vec2::ZERO {
            pos.pan += gestures.drag;
            user = true;
        }
        if gestures.over && gestures.zoom != 1.0 {
            let at = gestures.pointer.map_or(middle, |p| p - rect.min.to_vec2());
            pos = pos.zoomed(limits.clamp(pos.zoom, pos.zoom * gestures.zoom), at);
            user = true;
        }
        for request in std::mem::take(&mut self.stage.zoom_requests) {
            let wanted = match request {
                ZoomTo::By(factor) => pos.zoom * factor,
                ZoomTo::Exactly(zoom) => zoom,
            };
            pos = pos.zoomed(limits.clamp(pos.zoom, wanted), middle);
            user = true;
        }
        if user {
            self.stage.view_anim = None;
        }
        pos
    }

    /// Starts the moves the app asked for since the last frame: fit the whole tree,
    /// follow the walk, or bring a node into view.
    fn requested_moves(
        &mut self,
        tree_view: &TreeView,
        pos: ViewPos,
        room: Room,
        limits: Limits,
        now: f64,
    ) {
        if std::mem::take(&mut self.stage.fit_pending)
            && let Some(to) = room.frame(tree_view.bounds, 0.0, 1.0)
        {
            self.animate(pos, to, room.local().center(), now);
        }
        if std::mem::take(&mut self.stage.follow_pending)
            && let Some(focus) = self.walk_focus(tree_view)
        {
            self.bring_into_view(pos, focus, room, limits, now);
        }
        if let Some(node) = self.stage.follow_node.take() {
            let rects = tree_view.rects_of(node);
            if let Some(focus) = rects.into_iter().reduce(|a, b| a.union(b)) {
                self.bring_into_view(pos, focus, room, limits, now);
            }
        }
    }

    /// The view a move under way shows at `now`; asks for the next frame until it ends.
    fn step_animation(&mut self, ctx: &egui::Context, pos: ViewPos, now: f64) -> ViewPos {
        let Some(anim) = self.stage.view_anim else {
            return pos;
        };
        let (at, done) = anim.at(now);
        if done {
            self.stage.view_anim = None;
        } else {
            ctx.request_repaint();
        }
        at
    }

    fn animate(&mut self, from: ViewPos, to: ViewPos, focus: Pos2, now: f64) {
        if let Some(anim) = ViewAnim::between(from, to, focus, now) {
            self.stage.view_anim = Some(anim);
        }
    }

    /// Moves the view, when `focus` is not already in it, to show it centred; zooms out
    /// as far as that needs, never in.
    fn bring_into_view(&mut self, pos: ViewPos, focus: Rect, room: Room, limits: Limits, now: f64) {
        // A move already under way decides where the view is going.
        let going = self.stage.view_anim.map_or(pos, |a| a.target());
        if room.shows(going, focus) {
            return;
        }
        let min = limits.min.min(going.zoom);
        if let Some(to) = room.frame(focus, min, going.zoom) {
            self.animate(pos, to, room.local().center(), now);
        }
    }

    /// What the walk needs in view: where it stands and every node its answers lead to.
    fn walk_focus(&self, tree_view: &TreeView) -> Option<Rect> {
        let tree = self.doc.tree();
        let current = self.session.walk.current(tree)?;
        // A node drawn more than once is focused where the walk's last answer reached it.
        let here = self
            .session
            .walk
            .steps()
            .last()
            .and_then(|s| tree_view.answer_target_rect(tree, s.answer))
            .filter(|r| tree_view.rects_of(current).contains(r))
            .or_else(|| tree_view.rect_of(current))?;
        let focus = tree
            .answers(current)
            .iter()
            .filter_map(|a| tree_view.answer_target_rect(tree, a.edge))
            .fold(here, |acc, r| acc.union(r));
        Some(focus)
    }

    /// The view a tree opens with: all of it when it can be read that way, else where the
    /// walk stands and its answers at 100%. When those answers spread wider than the
    /// canvas at 100%, the view backs off just enough to show them all, but never below
    /// a readable zoom: seeing every way out of the first question matters more than a
    /// round number.
    pub(super) fn start_view(&self, tree_view: &TreeView, room: Room) -> Option<ViewPos> {
        let fitted = room.frame(tree_view.bounds, 0.0, 1.0)?;
        if fitted.zoom >= START_READABLE_ZOOM {
            return Some(fitted);
        }
        let focus = self.walk_focus(tree_view)?;
        let view = room.frame(focus, START_READABLE_ZOOM, 1.0)?;
        if room.shows(view, focus) {
            return Some(view);
        }
        // The answers spread too far to show at a readable zoom (a large tree): centring
        // on all of them would show the empty middle, so start on the question itself.
        let current = self.session.walk.current(self.doc.tree())?;
        tree_view
            .rect_of(current)
            .and_then(|r| room.frame(r, 1.0, 1.0))
            .or(Some(view))
    }
}
