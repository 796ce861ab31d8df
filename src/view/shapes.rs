//! How a question, an outcome, a missing node and an answer look on the canvas.
//!
//! This module owns the look nodes and answers share (fonts, colours, fading, text
//! layout) and the node display; answers are drawn by `edge`.

mod edge;

use std::sync::Arc;

use egui::{
    Align2, Color32, CornerRadius, FontId, Galley, Painter, Pos2, Rect, Shape, Stroke, StrokeKind,
    Vec2, Visuals,
};
use egui_graphs::{DisplayNode, DrawContext, NodeProps};
use petgraph::Directed;
use petgraph::stable_graph::DefaultIx;

use super::text::{Font, Lines, TextMeasure};
use super::{EdgeView, Highlight, NodeView, ViewKind};

pub(super) use edge::bezier_point;
pub use edge::{EdgeShape, edge_shapes, measure_label};

/// Inner padding of a node, at zoom 1.
const PAD: f32 = 10.0;
/// Text wraps at this width inside a node, at zoom 1.
pub const WRAP: f32 = 190.0;
const TEXT: Font = Font {
    size: 13.5,
    wrap: WRAP,
};
const DETAIL: Font = Font {
    size: 11.0,
    wrap: WRAP,
};
const CHIP: Font = Font {
    size: 10.0,
    wrap: f32::INFINITY,
};
/// Answer labels, which wrap narrower than nodes.
const EDGE_LABEL: Font = Font {
    size: 11.5,
    wrap: 150.0,
};
/// Below this zoom node text (under 7 pixels) and answer labels (under 6) are too
/// small to read, so nodes and answers are drawn without them: a fitted large tree
/// still shows its shape instead of grey smudges, and a frame costs less.
pub const MIN_TEXT_ZOOM: f32 = 0.5;

/// Whether text drawn at `zoom` can be read (level of detail).
pub fn text_readable(zoom: f32) -> bool {
    zoom >= MIN_TEXT_ZOOM
}
pub(super) const PATH_COLOR: Color32 = Color32::from_rgb(0xf5, 0x9e, 0x0b);
pub(super) const SELECT_COLOR: Color32 = Color32::from_rgb(0x25, 0x63, 0xeb);
/// Search results are marked in magenta, a colour no dimension, walk or problem uses.
pub(super) const MATCH_COLOR: Color32 = Color32::from_rgb(0xd9, 0x46, 0xef);
/// A node that differs from the file the tree is compared with.
pub(super) const CHANGE_COLOR: Color32 = super::palette::CHANGED;
/// The way to an outcome "How do I get there?" marks.
pub(super) const ROUTE_COLOR: Color32 = super::palette::ROUTE;

/// The galleys a node draws at `zoom`: main text, then detail (dimension chip or
/// summary), in the lines they were measured in.
pub fn node_text_layout(
    painter: &Painter,
    view: &NodeView,
    zoom: f32,
    color: Color32,
    detail_color: Color32,
) -> (Arc<Galley>, Option<Arc<Galley>>) {
    let text = lay_out(painter, &view.text, &view.lines, TEXT, zoom, color);
    let detail = (!view.detail.is_empty()).then(|| {
        let font = match view.kind {
            ViewKind::Question => CHIP,
            _ => DETAIL,
        };
        lay_out(
            painter,
            &view.detail,
            &view.detail_lines,
            font,
            zoom,
            detail_color,
        )
    });
    (text, detail)
}

/// `text` in its `lines`, shaped at `zoom`. egui does not wrap it again: the box was
/// sized for exactly these lines.
fn lay_out(
    painter: &Painter,
    text: &str,
    lines: &Lines,
    font: Font,
    zoom: f32,
    color: Color32,
) -> Arc<Galley> {
    painter.layout_no_wrap(
        lines.apply(text).into_owned(),
        FontId::proportional(font.size * zoom),
        color,
    )
}

/// Breaks a node's text into lines and sets the size it needs at zoom 1.
pub fn measure(measure: &mut TextMeasure<'_>, view: &mut NodeView) {
    let (lines, text) = measure.wrap(&view.text, TEXT);
    view.lines = lines;
    let detail = (!view.detail.is_empty()).then(|| {
        let font = match view.kind {
            ViewKind::Question => CHIP,
            _ => DETAIL,
        };
        let (lines, size) = measure.wrap(&view.detail, font);
        view.detail_lines = lines;
        size
    });
    view.size = node_box(view, text, detail);
}

/// A box of `size` with room for more text: wider, up to the width text wraps at, and
/// once there a line taller.
pub fn with_room(size: Vec2) -> Vec2 {
    const WIDER: f32 = 48.0;
    let widest = WRAP + 2.0 * PAD;
    if size.x + 1.0 < widest {
        Vec2::new((size.x + WIDER).min(widest), size.y)
    } else {
        Vec2::new(size.x, size.y + TEXT.size * 1.4)
    }
}

/// A node's box around its text and detail sizes.
fn node_box(view: &NodeView, text: Vec2, detail: Option<Vec2>) -> Vec2 {
    let mut width = text.x;
    let mut height = text.y;
    if let Some(d) = detail {
        width = width.max(
            d.x + if view.kind == ViewKind::Question {
                8.0
            } else {
                0.0
            },
        );
        height += d.y + 6.0;
    }
    if view.kind == ViewKind::Question {
        height += 4.0;
    }
    Vec2::new((width + 2.0 * PAD).max(120.0), height + 2.0 * PAD + 2.0)
}

/// A node as drawn: its view data, where it is and whether the pointer is over it.
#[derive(Debug, Clone)]
pub struct NodeShape {
    view: NodeView,
    location: Pos2,
    hovered: bool,
}

impl From<NodeProps<NodeView>> for NodeShape {
    fn from(props: NodeProps<NodeView>) -> Self {
        Self {
            location: props.location(),
            hovered: props.hovered,
            view: props.payload,
        }
    }
}

impl NodeShape {
    fn canvas_rect(&self) -> Rect {
        Rect::from_center_size(self.location, self.view.size)
    }

    pub fn view(&self) -> &NodeView {
        &self.view
    }
}

/// Fades a colour for nodes and answers the walk has ruled out, toward the canvas
/// background: blending (rather than transparency) keeps white-on-colour text legible
/// on a light background too.
pub(super) fn fade(c: Color32, highlight: Highlight, background: Color32) -> Color32 {
    if highlight == Highlight::RuledOut {
        c.lerp_to_gamma(background, 0.68)
    } else {
        c
    }
}

impl DisplayNode<NodeView, EdgeView, Directed, DefaultIx> for NodeShape {
    fn closest_boundary_point(&self, dir: Vec2) -> Pos2 {
        let r = self.canvas_rect();
        let d = if dir == Vec2::ZERO { Vec2::Y } else { dir };
        let sx = if d.x.abs() > f32::EPSILON {
            r.width() / 2.0 / d.x.abs()
        } else {
            f32::INFINITY
        };
        let sy = if d.y.abs() > f32::EPSILON {
            r.height() / 2.0 / d.y.abs()
        } else {
            f32::INFINITY
        };
        r.center() + d * sx.min(sy)
    }

    fn shapes(&mut self, ctx: &DrawContext) -> Vec<Shape> {
        node_shapes(&self.view, self.location, self.hovered, ctx)
    }

    fn update(&mut self, props: &NodeProps<NodeView>) {
        self.location = props.location();
        self.hovered = props.hovered;
        self.view = props.payload.clone();
    }

    fn is_inside(&self, pos: Pos2) -> bool {
        self.canvas_rect().contains(pos)
    }
}

/// How a node looks at `location` (its centre, in canvas coordinates), culled when off
/// screen: the same drawing for egui_graphs' display and for the view's own painting,
/// which reads the view data in place instead of a per-frame copy of it.
pub fn node_shapes(
    view: &NodeView,
    location: Pos2,
    hovered: bool,
    ctx: &DrawContext,
) -> Vec<Shape> {
    let zoom = ctx.meta.zoom;
    let center = ctx.meta.canvas_to_screen_pos(location);
    let rect = Rect::from_center_size(center, view.size * zoom);
    if !ctx.painter.clip_rect().intersects(rect.expand(8.0)) {
        return Vec::new();
    }
    let style = ctx.ctx.global_style();
    let on = OnScreen {
        visuals: &style.visuals,
        rect,
        zoom,
        radius: match view.kind {
            ViewKind::Outcome => 14.0 * zoom,
            _ => 6.0 * zoom,
        },
    };
    let node = Drawn { view, hovered };
    let mut shapes = Vec::new();
    node.outline_shapes(&on, &mut shapes);
    node.box_shapes(&on, &mut shapes);
    if text_readable(zoom) {
        node.text_shapes(ctx.painter, &on, &mut shapes);
    }
    if view.copies > 1 {
        node.copy_shapes(ctx, &on, &mut shapes);
    }
    node.badge_shapes(ctx, &on, &mut shapes);
    if view.lifecycle.is_some() {
        node.lifecycle_shapes(ctx, &on, &mut shapes);
    }
    if view.hidden > 0 {
        node.hidden_shapes(ctx, &on, &mut shapes);
    }
    shapes
}

/// A node being drawn: its view data and whether the pointer is over it.
struct Drawn<'a> {
    view: &'a NodeView,
    hovered: bool,
}

/// Where a node is on screen and the theme it is drawn in: what every part of its
/// drawing needs.
struct OnScreen<'a> {
    visuals: &'a Visuals,
    rect: Rect,
    zoom: f32,
    /// The corner radius of the box, rounder for outcomes.
    radius: f32,
}

impl OnScreen<'_> {
    /// `c` faded as `highlight` asks, against this theme's background.
    fn fade(&self, c: Color32, highlight: Highlight) -> Color32 {
        fade(c, highlight, self.visuals.panel_fill)
    }
}

/// A node's fill before hover and fading: its kind, in the light or dark theme.
fn base_fill(kind: ViewKind, dark: bool) -> Color32 {
    match (kind, dark) {
        (ViewKind::Question, true) => Color32::from_gray(42),
        (ViewKind::Question, false) => Color32::from_gray(252),
        (ViewKind::Outcome, true) => Color32::from_rgb(0x1c, 0x3d, 0x2c),
        (ViewKind::Outcome, false) => Color32::from_rgb(0xe3, 0xf6, 0xea),
        (ViewKind::Missing, true) => Color32::from_rgb(0x4a, 0x1d, 0x1d),
        (ViewKind::Missing, false) => Color32::from_rgb(0xfd, 0xe8, 0xe8),
    }
}

/// The parts of a node's drawing, each pushed onto `shapes` in painting order.
impl Drawn<'_> {
    /// Marks outside the box, drawn first so the box lies over them: a glow where the
    /// walk stands, a band for a search result, a ring for the selection.
    fn outline_shapes(&self, on: &OnScreen<'_>, shapes: &mut Vec<Shape>) {
        let (rect, zoom, radius) = (on.rect, on.zoom, on.radius);
        if self.view.highlight == Highlight::Current {
            shapes.push(Shape::rect_filled(
                rect.expand(7.0 * zoom),
                radius + 7.0 * zoom,
                PATH_COLOR.gamma_multiply(0.25),
            ));
        }
        if self.view.matched {
            // A search result: a band in the search colour along the top edge, seen
            // at any zoom and beside any of the walk's highlights.
            let band = Rect::from_min_size(
                rect.min - Vec2::new(0.0, 7.0 * zoom.clamp(0.5, 1.5)),
                Vec2::new(rect.width(), 4.0 * zoom.clamp(0.5, 1.5)),
            );
            shapes.push(Shape::rect_filled(band, 2.0, MATCH_COLOR));
        }
        if self.view.changed {
            // Outside the selection's ring, so both show.
            shapes.push(Shape::rect_stroke(
                rect.expand(9.0 * zoom),
                radius + 9.0 * zoom,
                Stroke::new(2.5, CHANGE_COLOR),
                StrokeKind::Outside,
            ));
        }
        if self.view.on_route {
            // Outermost and thickest: the way is read as a chain of these rings, past
            // every other mark a node on it may carry.
            shapes.push(Shape::rect_stroke(
                rect.expand(13.0 * zoom),
                radius + 13.0 * zoom,
                Stroke::new(3.0 * zoom.clamp(0.5, 1.5), ROUTE_COLOR),
                StrokeKind::Outside,
            ));
        }
        if self.view.selected {
            shapes.push(Shape::rect_stroke(
                rect.expand(5.0 * zoom),
                radius + 5.0 * zoom,
                Stroke::new(2.0, SELECT_COLOR),
                StrokeKind::Outside,
            ));
        }
    }

    /// The box itself: its fill, a border that says how it relates to the walk, and
    /// for a question the bar in its dimension's colour.
    fn box_shapes(&self, on: &OnScreen<'_>, shapes: &mut Vec<Shape>) {
        let (rect, zoom, radius) = (on.rect, on.zoom, on.radius);
        let h = self.view.highlight;
        let base = base_fill(self.view.kind, on.visuals.dark_mode);
        let fill = if self.hovered {
            base.lerp_to_gamma(on.visuals.selection.bg_fill, 0.25)
        } else {
            base
        };
        let (stroke_width, stroke_color) = match h {
            Highlight::Current => (4.0, PATH_COLOR),
            Highlight::Path => (2.5, PATH_COLOR),
            Highlight::Option => (2.5, self.view.accent),
            _ => (1.2, self.view.accent.gamma_multiply(0.8)),
        };
        shapes.push(Shape::rect_filled(rect, radius, on.fade(fill, h)));
        shapes.push(Shape::rect_stroke(
            rect,
            radius,
            Stroke::new(
                stroke_width * zoom.clamp(0.5, 1.5),
                on.fade(stroke_color, h),
            ),
            StrokeKind::Inside,
        ));
        if self.view.kind == ViewKind::Question {
            // A bar in the dimension's colour, so the dimension shows even zoomed out.
            let bar = Rect::from_min_size(rect.min, Vec2::new(5.0 * zoom, rect.height()));
            shapes.push(Shape::rect_filled(
                bar,
                CornerRadius {
                    nw: radius as u8,
                    sw: radius as u8,
                    ne: 0,
                    se: 0,
                },
                on.fade(self.view.accent, h),
            ));
        }
    }

    /// The text, in the lines it was measured in: a question's dimension on a chip
    /// above its prompt, an outcome's summary below its title.
    fn text_shapes(&self, painter: &Painter, on: &OnScreen<'_>, shapes: &mut Vec<Shape>) {
        let (visuals, rect, zoom) = (on.visuals, on.rect, on.zoom);
        let h = self.view.highlight;
        let question = self.view.kind == ViewKind::Question;
        let text_color = on.fade(visuals.strong_text_color(), h);
        // White on the chip's colour, except where fading would make it vanish.
        let detail_color = on.fade(
            if question && h != Highlight::RuledOut {
                Color32::WHITE
            } else {
                visuals.text_color()
            },
            h,
        );
        let (text, detail) = node_text_layout(painter, self.view, zoom, text_color, detail_color);
        let mut cursor = rect.min + Vec2::new(PAD, PAD) * zoom;
        if question && let Some(chip) = &detail {
            let chip_rect = Rect::from_min_size(cursor, chip.size() + Vec2::new(8.0, 2.0) * zoom);
            shapes.push(Shape::rect_filled(
                chip_rect,
                3.0 * zoom,
                on.fade(self.view.accent, h),
            ));
            shapes.push(Shape::galley(
                cursor + Vec2::new(4.0, 1.0) * zoom,
                chip.clone(),
                detail_color,
            ));
            cursor.y += chip_rect.height() + 4.0 * zoom;
        }
        let text_height = text.size().y;
        shapes.push(Shape::galley(cursor, text, text_color));
        cursor.y += text_height + 6.0 * zoom;
        if !question && let Some(d) = detail {
            shapes.push(Shape::galley(cursor, d, detail_color));
        }
    }

    /// A linked copy of a shared outcome: a ring on every copy while the pointer is
    /// over any of them, and a count of the copies.
    fn copy_shapes(&self, ctx: &DrawContext, on: &OnScreen<'_>, shapes: &mut Vec<Shape>) {
        let (rect, zoom, radius) = (on.rect, on.zoom, on.radius);
        if self.view.linked {
            shapes.push(Shape::rect_stroke(
                rect.expand(4.0 * zoom),
                radius + 4.0 * zoom,
                Stroke::new(2.0, SELECT_COLOR.gamma_multiply(0.8)),
                StrokeKind::Outside,
            ));
        }
        if text_readable(zoom) {
            // "×3": one of three copies, in the corner the other marks leave free.
            let at = rect.right_bottom() - Vec2::new(7.0, 5.0) * zoom;
            let color = on.fade(on.visuals.weak_text_color(), self.view.highlight);
            shapes.push(ctx.ctx.fonts_mut(|f| {
                Shape::text(
                    f,
                    at,
                    Align2::RIGHT_BOTTOM,
                    format!("×{}", self.view.copies),
                    FontId::proportional(DETAIL.size * zoom),
                    color,
                )
            }));
        }
    }

    /// A problem badge on the top-right corner, in the colour of its severity.
    fn badge_shapes(&self, ctx: &DrawContext, on: &OnScreen<'_>, shapes: &mut Vec<Shape>) {
        let Some(severity) = self.view.badge else {
            return;
        };
        let zoom = on.zoom;
        let color = super::palette::severity(severity);
        let c = on.rect.right_top();
        shapes.push(Shape::circle_filled(c, 9.0 * zoom.clamp(0.6, 1.4), color));
        if text_readable(zoom) {
            shapes.push(ctx.ctx.fonts_mut(|f| {
                Shape::text(
                    f,
                    c,
                    Align2::CENTER_CENTER,
                    "!",
                    FontId::proportional(12.0 * zoom.clamp(0.6, 1.4)),
                    Color32::WHITE,
                )
            }));
        }
    }

    /// An outcome that is not current: a tab across its top edge with the status in
    /// capitals ("CLOSED"), or a plain tab when the text would be too small to read.
    fn lifecycle_shapes(&self, ctx: &DrawContext, on: &OnScreen<'_>, shapes: &mut Vec<Shape>) {
        let Some(status) = self.view.lifecycle else {
            return;
        };
        let zoom = on.zoom;
        let color = on.fade(super::palette::lifecycle(status), self.view.highlight);
        let left_top = on.rect.left_top() + Vec2::new(on.radius.max(6.0 * zoom), -7.0 * zoom);
        let word = status.badge().unwrap_or_default();
        if !text_readable(zoom) {
            let tab = Rect::from_min_size(left_top, Vec2::new(40.0, 12.0) * zoom);
            shapes.push(Shape::rect_filled(tab, 3.0 * zoom, color));
            return;
        }
        let galley = ctx.ctx.fonts_mut(|f| {
            f.layout_no_wrap(
                word.to_owned(),
                FontId::proportional(9.5 * zoom),
                Color32::WHITE,
            )
        });
        let tab = Rect::from_min_size(left_top, galley.size() + Vec2::new(10.0, 3.0) * zoom);
        shapes.push(Shape::rect_filled(tab, 3.0 * zoom, color));
        shapes.push(Shape::galley(
            tab.min + Vec2::new(5.0, 1.5) * zoom,
            galley,
            Color32::WHITE,
        ));
    }

    /// A collapsed node's disc on its bottom edge, with how many answers it hides.
    fn hidden_shapes(&self, ctx: &DrawContext, on: &OnScreen<'_>, shapes: &mut Vec<Shape>) {
        let (visuals, zoom) = (on.visuals, on.zoom);
        let c = Pos2::new(on.rect.center().x, on.rect.bottom());
        // The disc alone still marks a collapsed node when its count cannot be read.
        shapes.push(Shape::circle_filled(
            c,
            10.0 * zoom.max(0.3),
            visuals.widgets.inactive.bg_fill,
        ));
        if text_readable(zoom) {
            let label = format!("+{}", self.view.hidden);
            shapes.push(ctx.ctx.fonts_mut(|f| {
                Shape::text(
                    f,
                    c,
                    Align2::CENTER_CENTER,
                    label,
                    FontId::proportional(10.0 * zoom),
                    visuals.text_color(),
                )
            }));
        }
    }
}
