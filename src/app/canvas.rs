//! The graph canvas: lays out when needed, draws through egui_graphs on busy frames and
//! quietly otherwise, and turns clicks and hovers on nodes into commands and tooltips.

use std::collections::HashSet;

use egui::{Pos2, Rect, Sense, Vec2};
use egui_graphs::{GraphView, Layout, LayoutState, SettingsInteraction, SettingsNavigation};
use serde::{Deserialize, Serialize};

use super::{App, Command};
use crate::model::NodeIndex;
use crate::view::{self, TreeView, VIEW_ID};

/// Zoom limits, so a fit on a huge tree or a tiny one stays usable.
const MIN_ZOOM: f32 = 0.02;
const MAX_ZOOM: f32 = 2.5;
/// Below this, text is unreadable: a new tree opens at the start question instead.
const READABLE_ZOOM: f32 = 0.8;

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
                self.canvas_inner(ui);
            });
    }

    fn canvas_inner(&mut self, ui: &mut egui::Ui) {
        let mut changed = false;
        if self.relayout || self.view.is_none() {
            let collapsed: HashSet<NodeIndex> = self
                .collapsed
                .iter()
                .filter_map(|id| self.doc.tree().find(id))
                .collect();
            let painter = ui.painter().clone();
            self.view = Some(TreeView::build(
                self.doc.tree(),
                &collapsed,
                self.settings.orientation,
                |v| view::shapes_measure(&painter, v),
            ));
            self.relayout = false;
            self.restyle = true;
        }
        let Some(tree_view) = self.view.as_mut() else {
            return;
        };
        if self.restyle {
            tree_view.restyle(self.doc.tree(), &self.walk, self.selected, &self.doc.badges);
            self.restyle = false;
            changed = true;
        }

        // Scrolling pans; it is applied before drawing so this frame shows it.
        let rect = ui.available_rect_before_wrap();
        let mut meta = view::load_meta(ui);
        let (scroll, pointer) = ui.input(|i| (i.smooth_scroll_delta, i.pointer.hover_pos()));
        let over = pointer.is_some_and(|p| rect.contains(p));
        if over && scroll != Vec2::ZERO && ui.input(|i| i.zoom_delta() == 1.0) {
            meta.pan += scroll;
            view::save_meta(ui, meta.clone());
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
                || i.zoom_delta() != 1.0
        });
        let response = if busy || changed {
            let interaction = SettingsInteraction::new()
                .with_hover_enabled(true)
                .with_dragging_enabled(false)
                .with_node_clicking_enabled(false)
                .with_node_selection_enabled(false)
                .with_edge_clicking_enabled(false);
            let navigation = SettingsNavigation::new()
                .with_zoom_and_pan_enabled(true)
                .with_fit_to_screen_enabled(false);
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
            view::paint_quiet(ui, response.rect, &mut tree_view.graph);
            response
        };

        // Fit and follow come after egui_graphs has drawn, because on its first frame
        // it fits the view its own way; what they change shows on the next frame.
        let mut meta = view::load_meta(ui);
        let before = (meta.zoom, meta.pan);
        if self.fit_pending {
            fit(&mut meta, response.rect, tree_view.bounds, true);
            if meta.zoom < READABLE_ZOOM {
                meta.zoom = READABLE_ZOOM;
                self.follow_pending = true;
            }
            self.fit_pending = false;
        }
        if self.follow_pending {
            let current = self.walk.current(self.doc.tree());
            if let Some(r) = current.and_then(|c| tree_view.rect_of(c)) {
                keep_in_view(&mut meta, response.rect, r);
            }
            self.follow_pending = false;
        }
        if let Some(r) = self.follow_node.take().and_then(|n| tree_view.rect_of(n)) {
            keep_in_view(&mut meta, response.rect, r);
        }
        if (meta.zoom, meta.pan) != before {
            view::save_meta(ui, meta.clone());
            ui.ctx().request_repaint();
        }
        self.zoom = meta.zoom;

        // Nodes are painted, not widgets, so hits are found from the layout.
        self.canvas_transform = Some((response.rect, meta.zoom, meta.pan));
        let to_canvas = |p: Pos2| ((p - response.rect.min - meta.pan) / meta.zoom).to_pos2();
        let hovered = response
            .hover_pos()
            .and_then(|p| tree_view.node_at(to_canvas(p)));
        if response.clicked()
            && let Some(p) = response.interact_pointer_pos()
        {
            match tree_view.node_at(to_canvas(p)) {
                Some(node) if self.editing => self.commands.push(Command::Select(Some(node))),
                Some(node) => {
                    let answer = self.walk.current(self.doc.tree()).and_then(|c| {
                        self.doc
                            .tree()
                            .answers(c)
                            .into_iter()
                            .find(|a| a.to == node)
                            .map(|a| a.edge)
                    });
                    match answer {
                        Some(edge) => self.commands.push(Command::ChooseAnswer(edge)),
                        None => self.commands.push(Command::Select(Some(node))),
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
        if let Some(node) = hovered.and_then(|n| self.doc.tree().node(n)) {
            let node = node.clone();
            response.on_hover_ui_at_pointer(|ui| {
                ui.set_max_width(360.0);
                ui.strong(node.label());
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
}

/// Zoom and pan so `bounds` fills `rect` with a margin.
fn fit(meta: &mut egui_graphs::MetadataFrame, rect: Rect, bounds: Rect, clamp_up: bool) {
    if !bounds.is_finite() || bounds.width() <= 0.0 || bounds.height() <= 0.0 {
        return;
    }
    let margin = 40.0;
    let zoom = ((rect.width() - 2.0 * margin) / bounds.width())
        .min((rect.height() - 2.0 * margin) / bounds.height());
    let max = if clamp_up { 1.0 } else { MAX_ZOOM };
    meta.zoom = zoom.clamp(MIN_ZOOM, max);
    meta.pan = rect.size() / 2.0 - bounds.center().to_vec2() * meta.zoom;
}

/// Pans (without zooming) so the node rectangle `r` is inside `rect`, centring it when
/// it is off screen.
fn keep_in_view(meta: &mut egui_graphs::MetadataFrame, rect: Rect, r: Rect) {
    let local = Rect::from_min_size(Pos2::ZERO, rect.size()).shrink(60.0);
    let screen = Rect::from_min_max(
        (r.min.to_vec2() * meta.zoom + meta.pan).to_pos2(),
        (r.max.to_vec2() * meta.zoom + meta.pan).to_pos2(),
    );
    if !local.contains_rect(screen) {
        meta.pan = rect.size() / 2.0 - r.center().to_vec2() * meta.zoom;
    }
}
