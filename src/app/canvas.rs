//! The graph canvas: lays out when needed, draws through egui_graphs on busy frames and
//! quietly otherwise, and turns clicks and hovers on nodes into commands and tooltips.
//!
//! Zoom and pan are the app's own rather than egui_graphs': its wheel zoom takes a
//! fixed step on every frame the (smoothed) wheel moves, so one notch zoomed by half.
//! Here a notch is one step of `ZOOM_STEP` around the pointer, within limits that
//! depend on the tree and the canvas; fit, follow and the minimap move the same view.

use std::collections::HashSet;

use egui::{Color32, Event, Id, Key, Modifiers, MouseWheelUnit, Pos2, Rect, Sense, Stroke, Vec2};
use egui_graphs::{GraphView, Layout, LayoutState, SettingsInteraction, SettingsNavigation};
use serde::{Deserialize, Serialize};

use super::{App, Command};
use crate::model::{EdgeIndex, NodeIndex};
use crate::view::{self, BuildOptions, Highlight, TreeView, VIEW_ID, ViewKind, palette};

/// One wheel notch, one Ctrl+= or Ctrl+-, one press of a zoom button.
pub(super) const ZOOM_STEP: f32 = 1.1;
/// Closer than this, a node fills most of the canvas and nothing around it shows.
const MAX_ZOOM: f32 = 4.0;
/// How far below the fitted zoom the user may go: further, the tree is a speck.
const MIN_ZOOM_OF_FIT: f32 = 0.5;
/// A tree that fits only below this zoom is too small to read, so it opens on the
/// current question and its answers at 100% instead.
const START_READABLE_ZOOM: f32 = 0.6;
/// Space kept between the canvas edges and what fit and follow bring into view.
const MARGIN: f32 = 32.0;
/// How long fit and follow take to move the view, in seconds.
const ANIMATION_SECS: f64 = 0.25;
/// The largest the minimap gets, and its distance from the canvas corner.
const MINIMAP_MAX: Vec2 = Vec2::new(220.0, 150.0);
const MINIMAP_INSET: f32 = 10.0;
const MINIMAP_PAD: f32 = 6.0;
/// Up to this many nodes the minimap draws each one; past it, a grid of cells.
const MINIMAP_EXACT: usize = 2_000;
/// The side of a minimap cell, in points.
const MINIMAP_CELL: f32 = 2.0;
/// The walk's colour, as the graph draws it.
const PATH_COLOR: Color32 = Color32::from_rgb(0xf5, 0x9e, 0x0b);

/// Positions come from `crate::layout`, so egui_graphs' layout step does nothing.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct FixedState;

impl LayoutState for FixedState {}

#[derive(Debug, Default)]
pub struct Fixed;

impl Layout<FixedState> for Fixed {
    fn from_state(_state: FixedState) -> impl Layout<FixedState> {
        Fixed
    }

    fn next<N, E, Ty, Ix, Dn, De>(
        &mut self,
        _g: &mut egui_graphs::Graph<N, E, Ty, Ix, Dn, De>,
        _ui: &egui::Ui,
    ) where
        N: Clone,
        E: Clone,
        Ty: petgraph::EdgeType,
        Ix: petgraph::graph::IndexType,
        Dn: egui_graphs::DisplayNode<N, E, Ty, Ix>,
        De: egui_graphs::DisplayEdge<N, E, Ty, Ix, Dn>,
    {
    }

    fn state(&self) -> FixedState {
        FixedState
    }
}

/// A zoom asked for by a key, a button or a menu.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum ZoomTo {
    By(f32),
    Exactly(f32),
}

/// Where the view is, as egui_graphs keeps it: a canvas point `p` shows at
/// `p * zoom + pan`, relative to the canvas's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
struct ViewPos {
    zoom: f32,
    pan: Vec2,
}

impl ViewPos {
    fn of(meta: &egui_graphs::MetadataFrame) -> Self {
        Self {
            zoom: meta.zoom,
            pan: meta.pan,
        }
    }

    fn to_local(self, r: Rect) -> Rect {
        Rect::from_min_max(
            (r.min.to_vec2() * self.zoom + self.pan).to_pos2(),
            (r.max.to_vec2() * self.zoom + self.pan).to_pos2(),
        )
    }

    fn to_canvas(self, local: Pos2) -> Pos2 {
        ((local.to_vec2() - self.pan) / self.zoom).to_pos2()
    }

    /// The view at `zoom` that keeps what is under `at` (a local point) where it is.
    fn zoomed(self, zoom: f32, at: Pos2) -> Self {
        let c = self.to_canvas(at).to_vec2();
        Self {
            zoom,
            pan: at.to_vec2() - c * zoom,
        }
    }

    /// The view at the same zoom with canvas point `c` at local point `at`.
    fn centred(self, c: Pos2, at: Pos2) -> Self {
        Self {
            zoom: self.zoom,
            pan: at.to_vec2() - c.to_vec2() * self.zoom,
        }
    }

    fn close_to(self, other: Self) -> bool {
        (self.zoom / other.zoom - 1.0).abs() < 1e-4 && (self.pan - other.pan).length() < 0.5
    }
}

/// A move of the view in progress.
#[derive(Debug, Clone, Copy)]
pub(super) struct ViewAnim {
    from: ViewPos,
    to: ViewPos,
    /// The local point the interpolation is measured at (the middle of the canvas).
    focus: Pos2,
    start: f64,
}

impl ViewAnim {
    /// The view at time `now`, and whether the move is over.
    fn at(&self, now: f64) -> (ViewPos, bool) {
        let t = ((now - self.start) / ANIMATION_SECS).clamp(0.0, 1.0) as f32;
        if t >= 1.0 {
            return (self.to, true);
        }
        let e = t * t * (3.0 - 2.0 * t);
        // Zoom changes by equal ratios and the point in the middle glides, so a fit
        // from far in does not rush past the tree.
        let zoom = self.from.zoom * (self.to.zoom / self.from.zoom).powf(e);
        let c0 = self.from.to_canvas(self.focus);
        let c1 = self.to.to_canvas(self.focus);
        let c = c0 + (c1 - c0) * e;
        (
            ViewPos {
                zoom,
                pan: self.focus.to_vec2() - c.to_vec2() * zoom,
            },
            false,
        )
    }
}

/// Answers of the current question that all lead to the clicked node, offered in a
/// small popup next to where the click was.
#[derive(Debug, Clone)]
pub(super) struct AnswerChoice {
    edges: Vec<EdgeIndex>,
    /// The click, in canvas coordinates, so the popup stays by the node if the view moves.
    at: Pos2,
    /// The frame the popup opened in: that frame's click must not close it again.
    opened: u64,
}

impl AnswerChoice {
    pub(super) fn edges(&self) -> Vec<EdgeIndex> {
        self.edges.clone()
    }
}

/// The canvas as fit, follow and zoom limits see it: its size, and the part of it the
/// minimap covers, both with the origin at the canvas's top-left corner.
#[derive(Debug, Clone, Copy)]
struct Room {
    size: Vec2,
    cover: Option<Rect>,
}

impl Room {
    fn local(&self) -> Rect {
        Rect::from_min_size(Pos2::ZERO, self.size)
    }

    /// Where content can go: the whole canvas, or beside or above the minimap.
    fn places(&self) -> Vec<Rect> {
        let local = self.local();
        let mut places = vec![local];
        if let Some(c) = self.cover {
            places.push(Rect::from_min_max(
                local.min,
                Pos2::new(c.min.x, local.max.y),
            ));
            places.push(Rect::from_min_max(
                local.min,
                Pos2::new(local.max.x, c.min.y),
            ));
        }
        places
    }

    /// The view that shows `content` (canvas coordinates) whole, centred, with a margin,
    /// at a zoom between `min` and `max`; where the minimap is shown, clear of it, in
    /// whichever place shows the content largest.
    fn frame(&self, content: Rect, min: f32, max: f32) -> Option<ViewPos> {
        if !content.is_finite() || content.width() < 0.0 || content.height() < 0.0 {
            return None;
        }
        let mut best: Option<(ViewPos, bool)> = None;
        for place in self.places() {
            let room = place.shrink(MARGIN);
            if room.width() < 1.0 || room.height() < 1.0 {
                continue;
            }
            let fit = (room.width() / content.width().max(1.0))
                .min(room.height() / content.height().max(1.0));
            let zoom = fit.min(max).max(min);
            let pos = ViewPos {
                zoom,
                pan: room.center().to_vec2() - content.center().to_vec2() * zoom,
            };
            let clear = self.clear(pos.to_local(content));
            let better = match best {
                None => true,
                Some((b, b_clear)) => (clear && !b_clear) || (clear == b_clear && zoom > b.zoom),
            };
            if better {
                best = Some((pos, clear));
            }
        }
        best.map(|(pos, _)| pos)
    }

    fn clear(&self, local: Rect) -> bool {
        self.cover.is_none_or(|c| !c.intersects(local))
    }

    /// Whether `content` is already in view at `pos`, away from the edges and the minimap.
    fn shows(&self, pos: ViewPos, content: Rect) -> bool {
        let r = pos.to_local(content);
        self.local().shrink(MARGIN / 2.0).contains_rect(r) && self.clear(r)
    }

    /// The zoom limits: `MAX_ZOOM`, and half of what fits the whole tree.
    fn limits(&self, bounds: Rect) -> Limits {
        let fitted = self.frame(bounds, 0.0, 1.0).map_or(1.0, |f| f.zoom);
        Limits {
            min: fitted * MIN_ZOOM_OF_FIT,
            max: MAX_ZOOM,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Limits {
    min: f32,
    max: f32,
}

impl Limits {
    /// `wanted`, kept within the limits, except that a view already beyond one (the tree
    /// grew or the window shrank) is never pushed further out by a step the other way.
    fn clamp(&self, current: f32, wanted: f32) -> f32 {
        if wanted < current {
            wanted.max(self.min.min(current))
        } else {
            wanted.min(self.max.max(current))
        }
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

/// Where the minimap goes: the canvas's bottom-right corner, shaped like the tree.
fn minimap_rect(canvas: Rect, bounds: Rect) -> Option<Rect> {
    if !bounds.is_finite() || bounds.width() <= 0.0 || bounds.height() <= 0.0 {
        return None;
    }
    let scale = (MINIMAP_MAX.x / bounds.width()).min(MINIMAP_MAX.y / bounds.height());
    let size = (bounds.size() * scale).max(Vec2::splat(40.0)) + Vec2::splat(2.0 * MINIMAP_PAD);
    // On a canvas this small the minimap would hide what it maps.
    if canvas.width() < 2.5 * size.x || canvas.height() < 2.5 * size.y {
        return None;
    }
    Some(Rect::from_min_size(
        canvas.right_bottom() - size - Vec2::splat(MINIMAP_INSET),
        size,
    ))
}

/// Maps canvas coordinates into the minimap and back.
struct MinimapMap {
    origin: Vec2,
    scale: f32,
}

impl MinimapMap {
    fn new(minimap: Rect, bounds: Rect) -> Self {
        let inner = minimap.shrink(MINIMAP_PAD);
        let scale = (inner.width() / bounds.width()).min(inner.height() / bounds.height());
        Self {
            origin: inner.center().to_vec2() - bounds.center().to_vec2() * scale,
            scale,
        }
    }

    fn to_map(&self, p: Pos2) -> Pos2 {
        (p.to_vec2() * self.scale + self.origin).to_pos2()
    }

    fn to_canvas(&self, p: Pos2) -> Pos2 {
        ((p.to_vec2() - self.origin) / self.scale).to_pos2()
    }
}

impl App {
    pub(super) fn canvas(&mut self, ui: &mut egui::Ui) {
        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).inner_margin(0.0))
            .show(ui, |ui| {
                // An id of its own: the central panel's changes with the panels shown
                // before it, and egui_graphs keeps its view per widget id, fitting the
                // graph afresh (to an unreadable zoom) for one it has not seen.
                let scope = egui::UiBuilder::new().id(Id::new("tradeoff-canvas"));
                ui.scope_builder(scope, |ui| self.canvas_inner(ui));
            });
    }

    fn canvas_inner(&mut self, ui: &mut egui::Ui) {
        let mut changed = false;
        if self.relayout || self.view.is_none() {
            // Where the node the user acted on was, to keep it there on screen.
            let anchor = self.anchor.take().and_then(|n| {
                let old = self.view.as_ref()?.rect_of(n)?;
                Some((n, old))
            });
            let collapsed: HashSet<NodeIndex> = self
                .collapsed
                .iter()
                .filter_map(|id| self.doc.tree().find(id))
                .collect();
            let painter = ui.painter().clone();
            let options = BuildOptions {
                orientation: self.settings.orientation,
                repeat_shared: self.settings.repeat_shared,
            };
            self.view = Some(TreeView::build(
                self.doc.tree(),
                &collapsed,
                options,
                &mut view::TextMeasure::new(&painter),
            ));
            self.relayout = false;
            self.restyle = true;
            if let Some((n, old)) = anchor
                && let Some(new) = self.view.as_ref().and_then(|v| v.rect_of(n))
            {
                let mut meta = view::load_meta(ui);
                meta.pan += (old.center() - new.center()) * meta.zoom;
                view::save_meta(ui, meta);
            }
        }
        let Some(mut tree_view) = self.view.take() else {
            return;
        };
        if self.restyle {
            tree_view.restyle(
                self.doc.tree(),
                &self.walk,
                self.selected,
                &self.doc.badges,
                &self.search.marked(),
            );
            self.restyle = false;
            changed = true;
        }

        let rect = ui.available_rect_before_wrap();
        // Both ways of drawing below allocate the canvas as this panel's first widget.
        let canvas_id = ui.next_auto_id();
        let minimap = self
            .settings
            .show_minimap
            .then(|| minimap_rect(rect, tree_view.bounds))
            .flatten();
        let room = Room {
            size: rect.size(),
            cover: minimap.map(|m| m.translate(-rect.min.to_vec2()).expand(MINIMAP_INSET)),
        };
        self.navigate(ui, &tree_view, rect, canvas_id, room);
        // Copies of a shared outcome are marked together while the pointer is over one.
        let pointer = ui.input(|i| i.pointer.hover_pos());
        let over = pointer.filter(|p| rect.contains(*p)).and_then(|p| {
            let pos = ViewPos::of(&view::load_meta(ui));
            tree_view.node_at(pos.to_canvas(p - rect.min.to_vec2()))
        });
        if tree_view.set_linked(over) {
            changed = true;
        }

        if self.canvas_origin != Some(rect.left_top()) {
            changed = true;
        }
        let busy = ui.input(|i| {
            !i.events.is_empty()
                || i.pointer.any_down()
                || i.pointer.any_released()
                || i.smooth_scroll_delta != Vec2::ZERO
        });
        let response = if busy || changed {
            let interaction = SettingsInteraction::new()
                .with_hover_enabled(true)
                .with_dragging_enabled(false)
                .with_node_clicking_enabled(false)
                .with_node_selection_enabled(false)
                .with_edge_clicking_enabled(false);
            let navigation = SettingsNavigation::new()
                .with_zoom_and_pan_enabled(false)
                .with_fit_to_screen_enabled(false);
            // Answers first, so the nodes egui_graphs draws next lie on top of them.
            tree_view.paint_answers(ui, rect);
            let response = GraphView::<FixedState, Fixed>::new()
                .with_id(Some(VIEW_ID.to_owned()))
                .with_interactions(&interaction)
                .with_navigations(&navigation)
                .show(ui, &mut tree_view.graph)
                .response;
            self.canvas_origin = Some(response.rect.left_top());
            response
        } else {
            let (response, _) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
            view::paint_quiet(ui, response.rect, &mut tree_view);
            response
        };
        debug_assert_eq!(
            response.id, canvas_id,
            "the canvas is the panel's first widget"
        );

        // egui_graphs fits the view its own way on its first frame, and keeps the graph
        // still when the canvas moves; so the start view is set after it has drawn, and
        // shows on the next frame.
        let mut meta = view::load_meta(ui);
        if self.start_view_pending {
            if let Some(pos) = self.start_view(&tree_view, room) {
                meta.zoom = pos.zoom;
                meta.pan = pos.pan;
                view::save_meta(ui, meta.clone());
                ui.ctx().request_repaint();
            }
            self.start_view_pending = false;
        }
        if meta.zoom != self.zoom {
            // The status bar, drawn before the canvas, showed the old zoom.
            ui.ctx().request_repaint();
        }
        self.zoom = meta.zoom;
        let pos = ViewPos::of(&meta);
        self.canvas_transform = Some((response.rect, meta.zoom, meta.pan));

        self.minimap_rect = minimap;
        if let Some(m) = minimap {
            self.minimap(ui, &tree_view, m, rect, room, pos);
        }
        self.pointer(ui, &tree_view, &response, pos);
        self.answer_popup(ui.ctx(), rect, pos);
        self.view = Some(tree_view);
    }

    /// Applies this frame's panning, zooming, fit, follow and animation to the view
    /// before it is drawn, so the frame shows them.
    fn navigate(
        &mut self,
        ui: &mut egui::Ui,
        tree_view: &TreeView,
        rect: Rect,
        canvas_id: Id,
        room: Room,
    ) {
        let ctx = ui.ctx().clone();
        let mut meta = view::load_meta(ui);
        let drawn = ViewPos::of(&meta);
        let mut pos = drawn;
        let limits = room.limits(tree_view.bounds);
        let middle = room.local().center();

        if self.start_view_pending {
            // The start view replaces whatever else was asked for.
            self.fit_pending = false;
            self.follow_pending = false;
            self.follow_node = None;
            self.view_anim = None;
        }

        let over = ctx
            .read_response(canvas_id)
            .is_some_and(|r| r.contains_pointer());
        let line = ctx.options(|o| o.input_options.line_scroll_speed);
        let (scroll, zoom, pointer, drag) = ui.input(|i| {
            (
                i.smooth_scroll_delta,
                gesture_zoom(i, line),
                i.multi_touch()
                    .map(|t| t.center_pos)
                    .or_else(|| i.pointer.hover_pos()),
                if i.pointer.primary_down() || i.pointer.middle_down() {
                    i.pointer.delta()
                } else {
                    Vec2::ZERO
                },
            )
        });
        let mut user = false;
        if over && scroll != Vec2::ZERO {
            pos.pan += scroll;
            user = true;
        }
        if ctx.is_being_dragged(canvas_id) && drag != Vec2::ZERO {
            pos.pan += drag;
            user = true;
        }
        if over && zoom != 1.0 {
            let at = pointer.map_or(middle, |p| p - rect.min.to_vec2());
            pos = pos.zoomed(limits.clamp(pos.zoom, pos.zoom * zoom), at);
            user = true;
        }
        for request in std::mem::take(&mut self.zoom_requests) {
            let wanted = match request {
                ZoomTo::By(factor) => pos.zoom * factor,
                ZoomTo::Exactly(zoom) => zoom,
            };
            pos = pos.zoomed(limits.clamp(pos.zoom, wanted), middle);
            user = true;
        }
        if user {
            // The user took over: a fit or follow still moving would fight them.
            self.view_anim = None;
        }

        let now = ui.input(|i| i.time);
        if std::mem::take(&mut self.fit_pending)
            && let Some(to) = room.frame(tree_view.bounds, 0.0, 1.0)
        {
            self.animate(pos, to, middle, now);
        }
        if std::mem::take(&mut self.follow_pending)
            && let Some(focus) = self.walk_focus(tree_view)
        {
            self.bring_into_view(pos, focus, room, limits, now);
        }
        if let Some(node) = self.follow_node.take() {
            let rects = tree_view.rects_of(node);
            if let Some(focus) = rects.into_iter().reduce(|a, b| a.union(b)) {
                self.bring_into_view(pos, focus, room, limits, now);
            }
        }
        if let Some(anim) = self.view_anim {
            let (at, done) = anim.at(now);
            pos = at;
            if done {
                self.view_anim = None;
            } else {
                ctx.request_repaint();
            }
        }

        if pos != drawn {
            meta.zoom = pos.zoom;
            meta.pan = pos.pan;
            view::save_meta(ui, meta);
        }
    }

    fn animate(&mut self, from: ViewPos, to: ViewPos, focus: Pos2, now: f64) {
        if from.close_to(to) {
            return;
        }
        self.view_anim = Some(ViewAnim {
            from,
            to,
            focus,
            start: now,
        });
    }

    /// Moves the view, when `focus` is not already in it, to show it centred; zooms out
    /// as far as that needs, never in.
    fn bring_into_view(&mut self, pos: ViewPos, focus: Rect, room: Room, limits: Limits, now: f64) {
        // A move already under way decides where the view is going.
        let going = self.view_anim.map_or(pos, |a| a.to);
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
        let current = self.walk.current(tree)?;
        // A node drawn more than once is focused where the walk's last answer reached it.
        let here = self
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
    fn start_view(&self, tree_view: &TreeView, room: Room) -> Option<ViewPos> {
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
        let current = self.walk.current(self.doc.tree())?;
        tree_view
            .rect_of(current)
            .and_then(|r| room.frame(r, 1.0, 1.0))
            .or(Some(view))
    }

    /// Draws the minimap and moves the view to where it is clicked or dragged.
    fn minimap(
        &mut self,
        ui: &mut egui::Ui,
        tree_view: &TreeView,
        minimap: Rect,
        canvas: Rect,
        room: Room,
        pos: ViewPos,
    ) {
        let bounds = tree_view.bounds;
        let map = MinimapMap::new(minimap, bounds);
        let response = ui.interact(minimap, ui.id().with("minimap"), Sense::click_and_drag());
        let cursor = if response.dragged() {
            egui::CursorIcon::Grabbing
        } else {
            egui::CursorIcon::Grab
        };
        let response = response
            .on_hover_cursor(cursor)
            .on_hover_text("The whole tree: click or drag to move the view");
        if (response.dragged() || response.clicked())
            && let Some(p) = response.interact_pointer_pos()
        {
            let to = pos.centred(map.to_canvas(p), room.local().center());
            let mut meta = view::load_meta(ui);
            meta.pan = to.pan;
            view::save_meta(ui, meta);
            self.canvas_transform = Some((canvas, to.zoom, to.pan));
            self.view_anim = None;
            ui.ctx().request_repaint();
        }

        let painter = ui.painter_at(canvas);
        let visuals = ui.visuals();
        painter.rect(
            minimap,
            4.0,
            visuals.extreme_bg_color,
            visuals.widgets.noninteractive.bg_stroke,
            egui::StrokeKind::Inside,
        );
        let graph = &tree_view.graph;
        let color_of = |v: &view::NodeView| match (v.highlight, v.kind) {
            (Highlight::Current | Highlight::Path, _) => (3, PATH_COLOR),
            (_, ViewKind::Missing) => (2, palette::ERROR),
            (Highlight::RuledOut, _) => (0, visuals.weak_text_color().gamma_multiply(0.5)),
            (_, ViewKind::Outcome) => (1, palette::OUTCOME),
            (_, ViewKind::Question) => (1, v.accent),
        };
        let inner = minimap.shrink(MINIMAP_PAD);
        if graph.node_count() <= MINIMAP_EXACT {
            for (_, node) in graph.nodes_iter() {
                let r = Rect::from_center_size(
                    map.to_map(node.location()),
                    (node.payload().size * map.scale).max(Vec2::splat(2.0)),
                );
                painter.rect_filled(r, 1.0, color_of(node.payload()).1);
            }
        } else {
            // Thousands of nodes share each pixel of the map: each cell is drawn once,
            // in the colour of the most important node in it (the path first), so
            // the map costs the same to draw at any size of tree.
            let cols = (inner.width() / MINIMAP_CELL).ceil().max(1.0) as usize;
            let rows = (inner.height() / MINIMAP_CELL).ceil().max(1.0) as usize;
            let mut cells: Vec<Option<(u8, Color32)>> = vec![None; cols * rows];
            let cell_of = |x: f32, y: f32| {
                let c = ((x - inner.min.x) / MINIMAP_CELL).clamp(0.0, (cols - 1) as f32) as usize;
                let r = ((y - inner.min.y) / MINIMAP_CELL).clamp(0.0, (rows - 1) as f32) as usize;
                (c, r)
            };
            for (_, node) in graph.nodes_iter() {
                let v = node.payload();
                let r = Rect::from_center_size(map.to_map(node.location()), v.size * map.scale);
                let (c0, r0) = cell_of(r.min.x, r.min.y);
                let (c1, r1) = cell_of(r.max.x, r.max.y);
                let (prio, color) = color_of(v);
                for row in r0..=r1 {
                    for col in c0..=c1 {
                        let cell = &mut cells[row * cols + col];
                        if cell.is_none_or(|(p, _)| p < prio) {
                            *cell = Some((prio, color));
                        }
                    }
                }
            }
            for (k, cell) in cells.iter().enumerate() {
                if let Some((_, color)) = cell {
                    let min =
                        inner.min + Vec2::new((k % cols) as f32, (k / cols) as f32) * MINIMAP_CELL;
                    painter.rect_filled(
                        Rect::from_min_size(min, Vec2::splat(MINIMAP_CELL)),
                        0.0,
                        *color,
                    );
                }
            }
        }
        // The part of the tree in view.
        let seen = Rect::from_min_max(
            map.to_map(pos.to_canvas(Pos2::ZERO)),
            map.to_map(pos.to_canvas(room.local().max)),
        )
        .intersect(minimap.shrink(1.0));
        if seen.is_positive() {
            let accent = visuals.selection.stroke.color;
            painter.rect(
                seen,
                2.0,
                accent.gamma_multiply(0.12),
                Stroke::new(1.5, accent),
                egui::StrokeKind::Inside,
            );
        }
    }

    /// Clicks, double-clicks and hovers on the canvas.
    fn pointer(
        &mut self,
        ui: &mut egui::Ui,
        tree_view: &TreeView,
        response: &egui::Response,
        pos: ViewPos,
    ) {
        // Nodes are painted, not widgets, so hits are found from the layout.
        let to_canvas = |p: Pos2| pos.to_canvas(p - response.rect.min.to_vec2());
        let hovered = response
            .hover_pos()
            .and_then(|p| tree_view.node_at(to_canvas(p)));
        // A click beside the open popup only closes it: it was not aimed at the tree. (A
        // frame egui runs twice sees its click twice; the popup it opened stays.)
        let frame = ui.ctx().cumulative_frame_nr();
        let popup_open = self
            .answer_choice
            .as_ref()
            .is_some_and(|c| c.opened != frame);
        if response.clicked() && popup_open {
            self.answer_choice = None;
        } else if response.clicked()
            && let Some(p) = response.interact_pointer_pos()
        {
            let at = to_canvas(p);
            match tree_view.node_at(at) {
                Some(node) if self.editing => self.commands.push(Command::Select(Some(node))),
                Some(node) => {
                    let edges = self.answers_to(tree_view, node, at);
                    match edges.as_slice() {
                        [] => self.commands.push(Command::Select(Some(node))),
                        [edge] => self.commands.push(Command::ChooseAnswer(*edge)),
                        _ => {
                            self.answer_choice = Some(AnswerChoice {
                                edges,
                                at,
                                opened: frame,
                            });
                        }
                    }
                }
                None => self.commands.push(Command::Select(None)),
            }
        }
        if response.double_clicked()
            && let Some(node) = hovered
        {
            self.commands.push(Command::ToggleCollapse(node));
        }
        if self.answer_choice.is_some() {
            return;
        }
        if let Some(node) = hovered.and_then(|n| self.doc.tree().node(n)) {
            let node = node.clone();
            let copies = hovered.map_or(0, |n| tree_view.rects_of(n).len());
            response.clone().on_hover_ui_at_pointer(|ui| {
                ui.set_max_width(360.0);
                ui.strong(node.label());
                if copies > 1 {
                    ui.weak(format!(
                        "Drawn {copies} times, once for each answer that leads here."
                    ));
                }
                let text = node.notes.trim();
                if !text.is_empty() {
                    let short: String = text.chars().take(600).collect();
                    ui.label(if short.len() < text.len() {
                        format!("{short}…")
                    } else {
                        short
                    });
                }
                ui.weak("Click to select; double-click to collapse or expand.");
            });
        }
    }

    /// The current question's answers that a click at `at` on `node` can mean. Where a
    /// node is drawn once per answer, the copy clicked tells which answer it was.
    fn answers_to(&self, tree_view: &TreeView, node: NodeIndex, at: Pos2) -> Vec<EdgeIndex> {
        let tree = self.doc.tree();
        let Some(current) = self.walk.current(tree) else {
            return Vec::new();
        };
        let all: Vec<EdgeIndex> = tree
            .answers(current)
            .into_iter()
            .filter(|a| a.to == node)
            .map(|a| a.edge)
            .collect();
        let here: Vec<EdgeIndex> = all
            .iter()
            .copied()
            .filter(|&e| {
                tree_view
                    .answer_target_rect(tree, e)
                    .is_some_and(|r| r.contains(at))
            })
            .collect();
        if here.is_empty() { all } else { here }
    }

    /// The popup offering the answers that lead to the clicked node.
    fn answer_popup(&mut self, ctx: &egui::Context, canvas: Rect, pos: ViewPos) {
        let Some(choice) = self.answer_choice.clone() else {
            return;
        };
        let tree = self.doc.tree();
        let current = self.walk.current(tree);
        let answers: Vec<_> = current.map(|c| tree.answers(c)).unwrap_or_default();
        let offered: Vec<(usize, EdgeIndex, String)> = answers
            .iter()
            .enumerate()
            .filter(|(_, a)| choice.edges.contains(&a.edge))
            .map(|(k, a)| (k + 1, a.edge, a.answer.label.clone()))
            .collect();
        if offered.len() < 2 || self.modal.is_some() || self.editing {
            self.answer_choice = None;
            return;
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            self.answer_choice = None;
            return;
        }
        let at = canvas.min + choice.at.to_vec2() * pos.zoom + pos.pan;
        let mut chosen = None;
        let shown = egui::Area::new(Id::new("tradeoff-answer-choice"))
            .order(egui::Order::Foreground)
            .fixed_pos(at + Vec2::new(6.0, 6.0))
            .constrain(true)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.weak("Several answers lead here. Which one?");
                    for (n, edge, label) in &offered {
                        let button = egui::Button::new(format!("{n}. {label}"))
                            .min_size(Vec2::new(180.0, 0.0));
                        if ui.add(button).clicked() {
                            chosen = Some(*edge);
                        }
                    }
                });
            });
        if let Some(edge) = chosen {
            self.commands.push(Command::ChooseAnswer(edge));
            self.answer_choice = None;
        } else if shown.response.clicked_elsewhere() && ctx.cumulative_frame_nr() != choice.opened {
            self.answer_choice = None;
        }
    }
}
