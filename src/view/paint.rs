//! Painting the view outside egui_graphs: the answers (which the egui_graphs graph does
//! not hold), quiet frames, and the zoom and pan egui_graphs keeps for our view.

use egui::Rect;
use egui_graphs::{DisplayNode as _, DrawContext, MetadataFrame, SettingsStyle};

use super::{EdgeView, Highlight, TreeView, VIEW_ID, shapes};

impl TreeView {
    /// Paints the answers in view, under the nodes, with the zoom and pan egui_graphs
    /// keeps for the view. `rect` is the canvas widget's rectangle.
    ///
    /// An answer whose target and label are both out of view only passes through it (or
    /// leaves it); past a few hundred of those (a fan of thousands of answers) an even
    /// sample of them is drawn: they lie within a pixel of each other, so the picture is
    /// the same, and a frame does not rasterise 100,000 curves.
    pub fn paint_answers(&self, ui: &egui::Ui, rect: Rect) {
        const MAX_PASSING: usize = 400;
        with_draw_context(ui, rect, |ctx| {
            let clip = ctx.painter.clip_rect().expand(20.0);
            let seen = Rect::from_two_pos(
                ctx.meta.screen_to_canvas_pos(clip.min),
                ctx.meta.screen_to_canvas_pos(clip.max),
            );
            let mut passing: Vec<&EdgeView> = Vec::new();
            for answer in &self.answers {
                if !seen.intersects(answer.bounds) {
                    continue;
                }
                let ends_seen = answer.route.last().is_some_and(|s| seen.contains(s[3]))
                    || answer.label_rect.is_some_and(|l| seen.intersects(l));
                if ends_seen || answer.highlight == Highlight::Path {
                    ctx.painter.extend(shapes::edge_shapes(answer, ctx));
                } else {
                    passing.push(answer);
                }
            }
            let step = passing.len().div_ceil(MAX_PASSING).max(1);
            for answer in passing.into_iter().step_by(step) {
                ctx.painter.extend(shapes::edge_shapes(answer, ctx));
            }
        });
    }
}

/// Runs `paint` with a drawing context for the canvas at `rect`, in the zoom and pan
/// egui_graphs keeps for our view.
fn with_draw_context(ui: &egui::Ui, rect: Rect, paint: impl FnOnce(&DrawContext<'_>)) {
    let mut meta = MetadataFrame::new(Some(VIEW_ID.to_owned())).load(ui);
    meta.pan += rect.left_top().to_vec2();
    let painter = ui.painter_at(rect);
    let style = SettingsStyle::default();
    paint(&DrawContext {
        ctx: ui.ctx(),
        painter: &painter,
        style: &style,
        is_directed: true,
        meta: &meta,
    });
}

/// Paints the graph as egui_graphs last drew it, with our display types, without
/// egui_graphs' per-frame repaint request. `rect` is the canvas widget's rectangle.
pub fn paint_quiet(ui: &egui::Ui, rect: Rect, tree_view: &mut TreeView) {
    tree_view.paint_answers(ui, rect);
    let graph = &mut tree_view.graph;
    with_draw_context(ui, rect, |ctx| {
        let node_ids: Vec<_> = graph.g().node_indices().collect();
        for n in node_ids {
            if let Some(node) = graph.node_mut(n) {
                ctx.painter.extend(node.display_mut().shapes(ctx));
            }
        }
    });
}

/// The zoom and pan egui_graphs keeps for our view.
pub fn load_meta(ui: &egui::Ui) -> MetadataFrame {
    MetadataFrame::new(Some(VIEW_ID.to_owned())).load(ui)
}

/// Stores zoom and pan for our view.
pub fn save_meta(ui: &mut egui::Ui, meta: MetadataFrame) {
    meta.save(ui);
}
