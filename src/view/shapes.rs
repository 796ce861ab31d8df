//! How a question, an outcome, a missing node and an answer look on the canvas.

use std::sync::Arc;

use egui::epaint::{CubicBezierShape, PathShape, PathStroke};
use egui::{
    Align2, Color32, CornerRadius, FontId, Galley, Painter, Pos2, Rect, Shape, Stroke, StrokeKind,
    Vec2,
};
use egui_graphs::{DisplayEdge, DisplayNode, DrawContext, EdgeProps, Node, NodeProps};
use petgraph::Directed;
use petgraph::stable_graph::DefaultIx;

use super::{EdgeView, Highlight, NodeView, ViewKind};
use crate::layout::Orientation;

/// Inner padding of a node, at zoom 1.
const PAD: f32 = 10.0;
/// Text wraps at this width inside a node, at zoom 1.
pub const WRAP: f32 = 190.0;
const TEXT_SIZE: f32 = 13.5;
const DETAIL_SIZE: f32 = 11.0;
const CHIP_SIZE: f32 = 10.0;
const EDGE_LABEL_SIZE: f32 = 11.5;
/// Below this many pixels of font size text is not drawn (level of detail).
const MIN_READABLE: f32 = 4.0;
const PATH_COLOR: Color32 = Color32::from_rgb(0xf5, 0x9e, 0x0b);
const SELECT_COLOR: Color32 = Color32::from_rgb(0x25, 0x63, 0xeb);

/// The galleys a node draws at `zoom`: main text, then detail (dimension chip or
/// summary). Also used at zoom 1 to measure a node before layout.
pub fn node_text_layout(
    painter: &Painter,
    view: &NodeView,
    zoom: f32,
    color: Color32,
    detail_color: Color32,
) -> (Arc<Galley>, Option<Arc<Galley>>) {
    let text = painter.layout(
        view.text.clone(),
        FontId::proportional(TEXT_SIZE * zoom),
        color,
        WRAP * zoom,
    );
    let detail = (!view.detail.is_empty()).then(|| match view.kind {
        ViewKind::Question => painter.layout_no_wrap(
            view.detail.to_uppercase(),
            FontId::proportional(CHIP_SIZE * zoom),
            detail_color,
        ),
        _ => painter.layout(
            view.detail.clone(),
            FontId::proportional(DETAIL_SIZE * zoom),
            detail_color,
            WRAP * zoom,
        ),
    });
    (text, detail)
}

/// The size a node needs at zoom 1.
pub fn measure(painter: &Painter, view: &NodeView) -> Vec2 {
    let (text, detail) = node_text_layout(painter, view, 1.0, Color32::WHITE, Color32::WHITE);
    let mut width = text.size().x;
    let mut height = text.size().y;
    if let Some(d) = &detail {
        width = width.max(
            d.size().x
                + if view.kind == ViewKind::Question {
                    8.0
                } else {
                    0.0
                },
        );
        height += d.size().y + 6.0;
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
fn fade(c: Color32, highlight: Highlight, background: Color32) -> Color32 {
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
        let zoom = ctx.meta.zoom;
        let center = ctx.meta.canvas_to_screen_pos(self.location);
        let rect = Rect::from_center_size(center, self.view.size * zoom);
        if !ctx.painter.clip_rect().intersects(rect.expand(8.0)) {
            return Vec::new();
        }
        let visuals = &ctx.ctx.global_style().visuals;
        let bg = visuals.panel_fill;
        let dark = visuals.dark_mode;
        let h = self.view.highlight;
        let radius = match self.view.kind {
            ViewKind::Outcome => 14.0 * zoom,
            _ => 6.0 * zoom,
        };
        let base_fill = match (self.view.kind, dark) {
            (ViewKind::Question, true) => Color32::from_gray(42),
            (ViewKind::Question, false) => Color32::from_gray(252),
            (ViewKind::Outcome, true) => Color32::from_rgb(0x1c, 0x3d, 0x2c),
            (ViewKind::Outcome, false) => Color32::from_rgb(0xe3, 0xf6, 0xea),
            (ViewKind::Missing, true) => Color32::from_rgb(0x4a, 0x1d, 0x1d),
            (ViewKind::Missing, false) => Color32::from_rgb(0xfd, 0xe8, 0xe8),
        };
        let fill = if self.hovered {
            base_fill.lerp_to_gamma(visuals.selection.bg_fill, 0.25)
        } else {
            base_fill
        };
        let (stroke_width, stroke_color) = match h {
            Highlight::Current => (4.0, PATH_COLOR),
            Highlight::Path => (2.5, PATH_COLOR),
            Highlight::Option => (2.5, self.view.accent),
            _ => (1.2, self.view.accent.gamma_multiply(0.8)),
        };
        let mut shapes = Vec::new();
        if h == Highlight::Current {
            shapes.push(Shape::rect_filled(
                rect.expand(7.0 * zoom),
                radius + 7.0 * zoom,
                PATH_COLOR.gamma_multiply(0.25),
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
        shapes.push(Shape::rect_filled(rect, radius, fade(fill, h, bg)));
        shapes.push(Shape::rect_stroke(
            rect,
            radius,
            Stroke::new(
                stroke_width * zoom.clamp(0.5, 1.5),
                fade(stroke_color, h, bg),
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
                fade(self.view.accent, h, bg),
            ));
        }

        if TEXT_SIZE * zoom >= MIN_READABLE {
            let text_color = fade(visuals.strong_text_color(), h, bg);
            let detail_color = fade(
                if self.view.kind == ViewKind::Question {
                    if h == Highlight::RuledOut {
                        visuals.text_color()
                    } else {
                        Color32::WHITE
                    }
                } else {
                    visuals.text_color()
                },
                h,
                bg,
            );
            let (text, detail) =
                node_text_layout(ctx.painter, &self.view, zoom, text_color, detail_color);
            let mut cursor = rect.min + Vec2::new(PAD, PAD) * zoom;
            if self.view.kind == ViewKind::Question
                && let Some(chip) = &detail
            {
                let chip_rect =
                    Rect::from_min_size(cursor, chip.size() + Vec2::new(8.0, 2.0) * zoom);
                shapes.push(Shape::rect_filled(
                    chip_rect,
                    3.0 * zoom,
                    fade(self.view.accent, h, bg),
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
            if self.view.kind != ViewKind::Question
                && let Some(d) = detail
            {
                shapes.push(Shape::galley(cursor, d, detail_color));
            }
        }
        if let Some(severity) = self.view.badge {
            let color = super::palette::severity(severity);
            let c = rect.right_top();
            shapes.push(Shape::circle_filled(c, 9.0 * zoom.clamp(0.6, 1.4), color));
            if zoom > 0.4 {
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
        if self.view.hidden > 0 && zoom > 0.3 {
            let c = Pos2::new(rect.center().x, rect.bottom());
            let label = format!("+{}", self.view.hidden);
            shapes.push(Shape::circle_filled(
                c,
                10.0 * zoom,
                visuals.widgets.inactive.bg_fill,
            ));
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
        shapes
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

/// An answer as drawn.
#[derive(Debug, Clone)]
pub struct EdgeShape {
    view: EdgeView,
}

impl From<EdgeProps<EdgeView>> for EdgeShape {
    fn from(props: EdgeProps<EdgeView>) -> Self {
        Self {
            view: props.payload,
        }
    }
}

type ViewNode = Node<NodeView, EdgeView, Directed, DefaultIx, NodeShape>;

impl EdgeShape {
    /// The curve's four points in canvas coordinates: out of the parent's far side, into
    /// the child's near side.
    fn curve(&self, start: &ViewNode, end: &ViewNode) -> [Pos2; 4] {
        let a = Rect::from_center_size(start.location(), start.display().view.size);
        let b = Rect::from_center_size(end.location(), end.display().view.size);
        // Parallel answers leave and enter side by side, a little apart.
        let (k, n) = self.view.parallel;
        let spread = (k as f32 - (n.max(1) - 1) as f32 / 2.0) * 26.0;
        match self.view.orientation {
            Orientation::TopDown => {
                let p0 = a.center_bottom()
                    + Vec2::new(spread.clamp(-a.width() / 3.0, a.width() / 3.0), 0.0);
                let p3 = b.center_top()
                    + Vec2::new(spread.clamp(-b.width() / 3.0, b.width() / 3.0), 0.0);
                let dy = ((p3.y - p0.y) * 0.5).max(30.0);
                [
                    p0,
                    p0 + Vec2::new(spread, dy),
                    p3 - Vec2::new(-spread, dy),
                    p3,
                ]
            }
            Orientation::LeftRight => {
                let p0 = a.right_center()
                    + Vec2::new(0.0, spread.clamp(-a.height() / 3.0, a.height() / 3.0));
                let p3 = b.left_center()
                    + Vec2::new(0.0, spread.clamp(-b.height() / 3.0, b.height() / 3.0));
                let dx = ((p3.x - p0.x) * 0.5).max(30.0);
                [
                    p0,
                    p0 + Vec2::new(dx, spread),
                    p3 - Vec2::new(dx, -spread),
                    p3,
                ]
            }
        }
    }
}

fn bezier_point(p: &[Pos2; 4], t: f32) -> Pos2 {
    let u = 1.0 - t;
    let v = p[0].to_vec2() * (u * u * u)
        + p[1].to_vec2() * (3.0 * u * u * t)
        + p[2].to_vec2() * (3.0 * u * t * t)
        + p[3].to_vec2() * (t * t * t);
    v.to_pos2()
}

impl DisplayEdge<NodeView, EdgeView, Directed, DefaultIx, NodeShape> for EdgeShape {
    fn shapes(&mut self, start: &ViewNode, end: &ViewNode, ctx: &DrawContext) -> Vec<Shape> {
        let canvas = self.curve(start, end);
        let points = canvas.map(|p| ctx.meta.canvas_to_screen_pos(p));
        let bbox = Rect::from_points(&points);
        if !ctx.painter.clip_rect().intersects(bbox.expand(40.0)) {
            return Vec::new();
        }
        let zoom = ctx.meta.zoom;
        let visuals = &ctx.ctx.global_style().visuals;
        let bg = visuals.panel_fill;
        let h = self.view.highlight;
        let (width, color) = match h {
            Highlight::Path => (3.5, PATH_COLOR),
            Highlight::Option => (2.5, SELECT_COLOR.lerp_to_gamma(visuals.text_color(), 0.15)),
            _ => (1.4, visuals.weak_text_color()),
        };
        let color = fade(color, h, bg);
        let stroke = Stroke::new(width * zoom.clamp(0.5, 1.5), color);
        let mut shapes = vec![Shape::CubicBezier(CubicBezierShape::from_points_stroke(
            points,
            false,
            Color32::TRANSPARENT,
            PathStroke::from(stroke),
        ))];

        // Arrowhead at the child.
        let tip = points[3];
        let dir = (points[3] - points[2]).normalized();
        let size = 8.0 * zoom.clamp(0.5, 1.5);
        let side = Vec2::new(-dir.y, dir.x) * size * 0.5;
        let base = tip - dir * size;
        shapes.push(Shape::Path(PathShape::convex_polygon(
            vec![tip, base + side, base - side],
            color,
            Stroke::NONE,
        )));

        if EDGE_LABEL_SIZE * zoom >= 6.0 && !self.view.label.is_empty() {
            // Parallel answers put their labels at different points along the curve.
            let (k, n) = self.view.parallel;
            let t = if n > 1 {
                0.35 + 0.45 * k as f32 / (n - 1) as f32
            } else {
                0.62
            };
            let at = bezier_point(&points, t);
            let text_color = fade(
                if h == Highlight::Normal {
                    visuals.text_color()
                } else {
                    visuals.strong_text_color()
                },
                h,
                bg,
            );
            let galley = ctx.painter.layout(
                self.view.label.clone(),
                FontId::proportional(EDGE_LABEL_SIZE * zoom),
                text_color,
                150.0 * zoom,
            );
            let rect =
                Rect::from_center_size(at, galley.size()).expand2(Vec2::new(4.0, 2.0) * zoom);
            let label_bg = fade(visuals.extreme_bg_color, h, bg).gamma_multiply(0.92);
            shapes.push(Shape::rect_filled(rect, 4.0 * zoom, label_bg));
            if h == Highlight::Path || h == Highlight::Option {
                shapes.push(Shape::rect_stroke(
                    rect,
                    4.0 * zoom,
                    Stroke::new(1.0, color),
                    StrokeKind::Inside,
                ));
            }
            shapes.push(Shape::galley(
                rect.min + Vec2::new(4.0, 2.0) * zoom,
                galley,
                text_color,
            ));
        }
        shapes
    }

    fn update(&mut self, props: &EdgeProps<EdgeView>) {
        self.view = props.payload.clone();
    }

    fn is_inside(&self, start: &ViewNode, end: &ViewNode, pos: Pos2) -> bool {
        let c = self.curve(start, end);
        (0..=20).any(|i| bezier_point(&c, i as f32 / 20.0).distance(pos) < 4.0)
    }
}
