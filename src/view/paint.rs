//! Painting the view: the answers (which the egui_graphs graph does not hold) and the
//! nodes, culled through the view's spatial index, with a level of detail chosen by how
//! large boxes are on screen; and the zoom and pan egui_graphs keeps for the view.
//!
//! egui_graphs' `GraphView::show` would visit every node on every frame (cloning each
//! node's data twice, and asking for another frame each time), so a frame's cost would
//! follow the size of the tree. The view paints with the same display code, but only
//! what the index says is in view.

use egui::{Color32, Pos2, Rect, TextureOptions};
use egui_graphs::{DrawContext, MetadataFrame, SettingsStyle};

use super::overview::Key;
use super::{EdgeView, Highlight, TreeView, VIEW_ID, shapes};

/// Below this height on screen (the median box's) boxes would be smudges: the view is
/// drawn as one image.
const OVERVIEW_BOX_PX: f32 = 6.0;
/// With more boxes than this in view, likewise: a frame stays cheap at any size.
const OVERVIEW_COUNT: usize = 2500;
/// Answers that only pass through the view, past which an even sample is drawn.
const MAX_PASSING: usize = 400;

impl TreeView {
    /// Paints the view into the canvas widget at `rect`, in the zoom and pan egui_graphs
    /// keeps for the view: answers under nodes, or one image when boxes are too small
    /// or too many to draw one by one.
    pub fn paint(&mut self, ui: &egui::Ui, rect: Rect) {
        with_draw_context(ui, rect, |ctx| {
            let clip = ctx.painter.clip_rect();
            let seen = canvas_rect(ctx, clip);
            if self.far_out(ctx.meta.zoom, seen) {
                self.paint_overview(ctx, seen, clip);
            } else {
                let near = canvas_rect(ctx, clip.expand(20.0));
                self.paint_answers(ctx, near);
                self.paint_nodes(ctx, near);
            }
        });
    }

    /// Whether the view at `zoom` showing canvas area `seen` is drawn as one image.
    pub fn far_out(&self, zoom: f32, seen: Rect) -> bool {
        zoom * self.typical_height < OVERVIEW_BOX_PX
            || self.index.nodes_in(seen).nth(OVERVIEW_COUNT).is_some()
    }

    /// The answers in `seen` (canvas coordinates), in drawing order.
    ///
    /// An answer whose target and label are both out of view only passes through it (or
    /// leaves it); past a few hundred of those (a fan of thousands of answers) an even
    /// sample of them is drawn: they lie within a pixel of each other, so the picture is
    /// the same, and a frame does not rasterise 100,000 curves.
    fn paint_answers(&self, ctx: &DrawContext<'_>, seen: Rect) {
        let mut in_view: Vec<usize> = self.index.answers_in(seen).collect();
        in_view.sort_unstable();
        let mut passing: Vec<&EdgeView> = Vec::new();
        for answer in in_view.into_iter().map(|k| &self.answers[k]) {
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
    }

    /// The node boxes in `seen`, in drawing order.
    fn paint_nodes(&self, ctx: &DrawContext<'_>, seen: Rect) {
        let mut in_view: Vec<usize> = self.index.nodes_in(seen).collect();
        in_view.sort_unstable();
        for k in in_view {
            if let Some(view) = self.copy_view(k) {
                let at = self.rects[k].1.center();
                let hovered = self.hovered == Some(k);
                ctx.painter
                    .extend(shapes::node_shapes(view, at, hovered, ctx));
            }
        }
    }

    /// The view as one image over the screen rectangle `screen`, which shows canvas
    /// area `seen`; drawn again only when what it shows changed.
    fn paint_overview(&mut self, ctx: &DrawContext<'_>, seen: Rect, screen: Rect) {
        let ppp = ctx.ctx.pixels_per_point();
        let px = |v: f32| ((v * ppp).round() as usize).clamp(1, 8192);
        let style = ctx.ctx.global_style();
        let key = Key {
            generation: self.generation,
            seen,
            size: [px(screen.width()), px(screen.height())],
            dark: style.visuals.dark_mode,
        };
        if self.overview.as_ref().is_none_or(|(k, _)| *k != key) {
            // The answers' coverage depends on the layout and the area shown, not on the
            // walk: choosing an answer redraws the image over the one kept.
            let geometry = (self.generation.0, seen, key.size);
            if self.coverage.as_ref().is_none_or(|(g, _)| *g != geometry) {
                self.coverage = Some((geometry, self.answer_coverage(seen, key.size)));
            }
            let cover = self
                .coverage
                .as_ref()
                .map_or(&[][..], |(_, c)| c.as_slice());
            let image = self.overview_over(seen, key.size, cover, &style.visuals);
            match &mut self.overview {
                Some((k, texture)) => {
                    texture.set(image, TextureOptions::NEAREST);
                    *k = key;
                }
                None => {
                    let texture =
                        ctx.ctx
                            .load_texture("tradeoff-overview", image, TextureOptions::NEAREST);
                    self.overview = Some((key, texture));
                }
            }
        }
        if let Some((_, texture)) = &self.overview {
            let uv = Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0));
            ctx.painter.image(texture.id(), screen, uv, Color32::WHITE);
        }
    }
}

/// The canvas area a screen rectangle shows.
fn canvas_rect(ctx: &DrawContext<'_>, screen: Rect) -> Rect {
    Rect::from_two_pos(
        ctx.meta.screen_to_canvas_pos(screen.min),
        ctx.meta.screen_to_canvas_pos(screen.max),
    )
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

/// The zoom and pan egui_graphs keeps for our view.
pub fn load_meta(ui: &egui::Ui) -> MetadataFrame {
    MetadataFrame::new(Some(VIEW_ID.to_owned())).load(ui)
}

/// Stores zoom and pan for our view.
pub fn save_meta(ui: &mut egui::Ui, meta: MetadataFrame) {
    meta.save(ui);
}
