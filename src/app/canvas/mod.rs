//! The graph canvas: lays out when needed, draws through egui_graphs on busy frames and
//! quietly otherwise, and turns clicks and hovers on nodes into commands and tooltips.
//!
//! Zoom and pan are the app's own rather than egui_graphs': its wheel zoom takes a
//! fixed step on every frame the (smoothed) wheel moves, so one notch zoomed by half.
//! Here a notch is one step of `ZOOM_STEP` around the pointer, within limits that
//! depend on the tree and the canvas; fit, follow and the minimap move the same view.
//!
//! This module owns the frame's order of work (build, restyle, navigate, draw, then
//! react to the pointer). The view geometry is in `position`, the moves of the view in
//! `navigate`, the minimap in `minimap`, and clicks, hovers and the answer popup in
//! `pointer`.

mod minimap;
mod navigate;
mod pointer;
mod position;

use std::collections::HashSet;

use egui::{Id, Rect, Sense, Vec2};
use egui_graphs::{GraphView, Layout, LayoutState, SettingsInteraction, SettingsNavigation};
use serde::{Deserialize, Serialize};

use super::App;
use crate::model::NodeIndex;
use crate::view::{self, BuildOptions, TreeView, VIEW_ID};
use position::{Room, ViewPos};

pub(super) use pointer::AnswerChoice;
pub(super) use position::{ViewAnim, ZOOM_STEP, ZoomTo};

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

    /// One frame of the canvas, in the order the steps depend on each other: the view
    /// moves before drawing so the frame shows the move, and clicks are read after it
    /// so they hit what was drawn.
    fn canvas_inner(&mut self, ui: &mut egui::Ui) {
        if self.stage.relayout || self.stage.view.is_none() {
            self.rebuild_view(ui);
        }
        let Some(mut tree_view) = self.stage.view.take() else {
            return;
        };
        let mut changed = self.restyle_view(&mut tree_view);

        let rect = ui.available_rect_before_wrap();
        // Both ways of drawing below allocate the canvas as this panel's first widget.
        let canvas_id = ui.next_auto_id();
        let minimap = self
            .settings
            .show_minimap
            .then(|| minimap::minimap_rect(rect, tree_view.bounds))
            .flatten();
        let room = minimap::room(rect, minimap);
        self.navigate(ui, &tree_view, rect, canvas_id, room);
        changed |= link_hovered_copies(ui, &mut tree_view, rect);
        if self.stage.canvas_origin != Some(rect.left_top()) {
            changed = true;
        }
        let response = self.draw_graph(ui, &mut tree_view, rect, changed);
        debug_assert_eq!(
            response.id, canvas_id,
            "the canvas is the panel's first widget"
        );
        let pos = self.settle_view(ui, &tree_view, room, response.rect);

        self.stage.minimap_rect = minimap;
        if let Some(m) = minimap {
            self.minimap(ui, &tree_view, m, rect, room, pos);
        }
        self.pointer(ui, &tree_view, &response, pos);
        self.answer_popup(ui.ctx(), rect, pos);
        self.stage.view = Some(tree_view);
    }

    /// Lays the tree out again (after an edit, a collapse or a change of the View
    /// menu). The node the user acted on stays where it was on screen, so the edit does
    /// not send what they were looking at elsewhere.
    fn rebuild_view(&mut self, ui: &mut egui::Ui) {
        let anchor = self.stage.anchor.take().and_then(|n| {
            let old = self.stage.view.as_ref()?.rect_of(n)?;
            Some((n, old))
        });
        let collapsed: HashSet<NodeIndex> = self
            .session
            .collapsed
            .iter()
            .filter_map(|id| self.doc.tree().find(id))
            .collect();
        let painter = ui.painter().clone();
        let options = BuildOptions {
            orientation: self.settings.orientation,
            repeat_shared: self.settings.repeat_shared,
        };
        self.stage.view = Some(TreeView::build(
            self.doc.tree(),
            &collapsed,
            options,
            &mut view::TextMeasure::new(&painter),
        ));
        self.stage.relayout = false;
        self.stage.restyle = true;
        if let Some((n, old)) = anchor
            && let Some(new) = self.stage.view.as_ref().and_then(|v| v.rect_of(n))
        {
            let mut meta = view::load_meta(ui);
            meta.pan += (old.center() - new.center()) * meta.zoom;
            view::save_meta(ui, meta);
        }
    }

    /// Restyles the view when the walk, the selection, the problems or the search
    /// changed, which needs no new layout; returns whether it did, so the frame redraws.
    fn restyle_view(&mut self, tree_view: &mut TreeView) -> bool {
        if !self.stage.restyle {
            return false;
        }
        tree_view.restyle(
            self.doc.tree(),
            &self.session.walk,
            self.selection(),
            &self.doc.badges,
            &self.session.search.marked(),
        );
        self.stage.restyle = false;
        true
    }

    /// Draws the graph: through egui_graphs on frames where something happens, quietly
    /// otherwise, since egui_graphs asks for a repaint on every frame it draws.
    fn draw_graph(
        &mut self,
        ui: &mut egui::Ui,
        tree_view: &mut TreeView,
        rect: Rect,
        changed: bool,
    ) -> egui::Response {
        let busy = ui.input(|i| {
            !i.events.is_empty()
                || i.pointer.any_down()
                || i.pointer.any_released()
                || i.smooth_scroll_delta != Vec2::ZERO
        });
        if !(busy || changed) {
            let (response, _) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
            view::paint_quiet(ui, response.rect, tree_view);
            return response;
        }
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
        self.stage.canvas_origin = Some(response.rect.left_top());
        response
    }

    /// Sets the start view once egui_graphs has drawn, and records the view for the
    /// status bar and for the app's screen-coordinate queries; returns the view.
    ///
    /// egui_graphs fits the view its own way on its first frame, and keeps the graph
    /// still when the canvas moves; so the start view is set after it has drawn, and
    /// shows on the next frame.
    fn settle_view(
        &mut self,
        ui: &mut egui::Ui,
        tree_view: &TreeView,
        room: Room,
        canvas: Rect,
    ) -> ViewPos {
        let mut meta = view::load_meta(ui);
        if self.stage.start_view_pending {
            if let Some(pos) = self.start_view(tree_view, room) {
                meta.zoom = pos.zoom;
                meta.pan = pos.pan;
                view::save_meta(ui, meta.clone());
                ui.ctx().request_repaint();
            }
            self.stage.start_view_pending = false;
        }
        if meta.zoom != self.stage.zoom {
            // The status bar, drawn before the canvas, showed the old zoom.
            ui.ctx().request_repaint();
        }
        self.stage.zoom = meta.zoom;
        self.stage.canvas_transform = Some((canvas, meta.zoom, meta.pan));
        ViewPos::of(&meta)
    }
}

/// Marks the copies of a shared outcome together while the pointer is over one, so the
/// user sees they are one node; returns whether the marks changed, so the frame redraws.
fn link_hovered_copies(ui: &egui::Ui, tree_view: &mut TreeView, rect: Rect) -> bool {
    let pointer = ui.input(|i| i.pointer.hover_pos());
    let over = pointer.filter(|p| rect.contains(*p)).and_then(|p| {
        let pos = ViewPos::of(&view::load_meta(ui));
        tree_view.node_at(pos.to_canvas(p - rect.min.to_vec2()))
    });
    tree_view.set_linked(over)
}
