//! The graph canvas: lays out when needed, draws what is in view, and turns clicks and
//! hovers on nodes into commands and tooltips.
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

use egui::{Id, Rect, Sense};

use super::App;
use crate::model::NodeIndex;
use crate::view::{self, BuildOptions, TreeView};
use position::{Room, ViewPos};

pub(super) use pointer::AnswerChoice;
pub(super) use position::{ViewAnim, ZOOM_STEP, ZoomTo};

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
        self.retext_view(ui);
        if self.stage.relayout || self.stage.view.is_none() {
            self.rebuild_view(ui);
        }
        let Some(mut tree_view) = self.stage.view.take() else {
            return;
        };
        self.restyle_view(&mut tree_view);

        let rect = ui.available_rect_before_wrap();
        // Drawing below allocates the canvas as this panel's first widget.
        let canvas_id = ui.next_auto_id();
        let minimap = self
            .settings
            .show_minimap
            .then(|| minimap::minimap_rect(rect, tree_view.bounds))
            .flatten();
        let room = minimap::room(rect, minimap);
        self.start_view_once(ui, &tree_view, room);
        self.navigate(ui, &tree_view, rect, canvas_id, room);
        hover_nodes(ui, &mut tree_view, rect);
        let response = Self::draw_graph(ui, &mut tree_view);
        debug_assert_eq!(
            response.id, canvas_id,
            "the canvas is the panel's first widget"
        );
        let pos = self.settle_view(ui, response.rect);

        self.stage.minimap_rect = minimap;
        if let Some(m) = minimap {
            self.minimap(ui, &tree_view, m, rect, room, pos);
        }
        self.pointer(ui, &tree_view, &response, pos);
        self.answer_popup(ui.ctx(), rect, pos);
        self.stage.view = Some(tree_view);
    }

    /// Redraws in place the text of the nodes (and their answers' labels) an edit
    /// changed, or asks for a new layout when one no longer fits its box.
    fn retext_view(&mut self, ui: &egui::Ui) {
        let nodes = std::mem::take(&mut self.stage.retext);
        let Some(tree_view) = self.stage.view.as_mut() else {
            return;
        };
        if self.stage.relayout || nodes.is_empty() {
            return;
        }
        let painter = ui.painter().clone();
        let mut measure = view::TextMeasure::new(&painter);
        let tree = self.doc.tree();
        let fits = nodes.iter().all(|&node| {
            tree_view.refresh_node_text(tree, node, &mut measure)
                && tree
                    .answers(node)
                    .iter()
                    .all(|a| tree_view.refresh_answer_label(tree, a.edge, &mut measure))
        });
        if fits {
            // Nothing moves, so there is nothing to keep in place.
            self.stage.anchor = None;
        } else {
            self.stage.relayout = true;
            self.stage.room_for = nodes.last().copied();
        }
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
            room_for: self.stage.room_for,
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
    /// changed, which needs no new layout.
    fn restyle_view(&mut self, tree_view: &mut TreeView) {
        if !self.stage.restyle {
            return;
        }
        tree_view.restyle(
            self.doc.tree(),
            &self.session.walk,
            self.selection(),
            &self.doc.badges,
            &self.session.search.marked(),
            self.session
                .comparison
                .as_ref()
                .map_or(&HashSet::new(), |c| &c.marked),
        );
        let (nodes, answers) = self.route_marks();
        tree_view.mark_route(&nodes, &answers);
        self.stage.restyle = false;
    }

    /// Draws the graph and allocates the canvas widget that takes the pointer. Every
    /// frame draws only what is in view, so the frame costs the same whether it is a
    /// quiet repaint or one where the walk changed.
    fn draw_graph(ui: &mut egui::Ui, tree_view: &mut TreeView) -> egui::Response {
        let (response, _) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
        tree_view.paint(ui, response.rect);
        response
    }

    /// Sets the start view of a newly built tree, before the frame draws, so its first
    /// frame already shows it.
    fn start_view_once(&mut self, ui: &mut egui::Ui, tree_view: &TreeView, room: Room) {
        if !self.stage.start_view_pending {
            return;
        }
        if let Some(pos) = self.start_view(tree_view, room) {
            let mut meta = view::load_meta(ui);
            meta.zoom = pos.zoom;
            meta.pan = pos.pan;
            view::save_meta(ui, meta);
        }
        self.stage.start_view_pending = false;
    }

    /// Records the view as drawn, for the status bar and for the app's
    /// screen-coordinate queries; returns the view.
    fn settle_view(&mut self, ui: &mut egui::Ui, canvas: Rect) -> ViewPos {
        let meta = view::load_meta(ui);
        if meta.zoom != self.stage.zoom {
            // The status bar, drawn before the canvas, showed the old zoom.
            ui.ctx().request_repaint();
        }
        self.stage.zoom = meta.zoom;
        self.stage.canvas_transform = Some((canvas, meta.zoom, meta.pan));
        ViewPos::of(&meta)
    }
}

/// Marks the box under the pointer, and the copies of a shared outcome together while
/// the pointer is over one, so the user sees they are one node; returns whether the
/// marks changed (the frame then draws them).
fn hover_nodes(ui: &egui::Ui, tree_view: &mut TreeView, rect: Rect) -> bool {
    let pointer = ui.input(|i| i.pointer.hover_pos());
    let at = pointer.filter(|p| rect.contains(*p)).map(|p| {
        let pos = ViewPos::of(&view::load_meta(ui));
        pos.to_canvas(p - rect.min.to_vec2())
    });
    let hovered = tree_view.set_hovered(at);
    let over = at.and_then(|p| tree_view.node_at(p));
    tree_view.set_linked(over) | hovered
}
