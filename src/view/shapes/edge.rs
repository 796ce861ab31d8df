//! How an answer looks: its routed curve, an arrowhead at its target, and its label.
//! The egui_graphs graph holds no edges, so answers are drawn from the view's own list
//! by [`edge_shapes`].

use egui::epaint::{CubicBezierShape, PathShape, PathStroke};
use egui::{Color32, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, Visuals};
use egui_graphs::{DisplayEdge, DrawContext, EdgeProps, Node};
use petgraph::Directed;
use petgraph::stable_graph::DefaultIx;

use super::{
    EDGE_LABEL, NodeShape, PATH_COLOR, ROUTE_COLOR, SELECT_COLOR, fade, lay_out, text_readable,
};
use crate::view::text::{Lines, TextMeasure};
use crate::view::{EdgeView, Highlight, NodeView};

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

/// Padding around an answer label's text, at zoom 1.
const LABEL_PAD: Vec2 = Vec2::new(5.0, 3.0);

/// Breaks an answer's label into lines; the size of its box at zoom 1 (the layout
/// reserves it).
pub fn measure_label(measure: &mut TextMeasure<'_>, label: &str) -> (Lines, Vec2) {
    let (lines, size) = measure.wrap(label, EDGE_LABEL);
    (lines, size + 2.0 * LABEL_PAD)
}

/// The parts of a cubic curve inside `clip`, as polylines.
fn clipped_curve(points: &[Pos2; 4], clip: Rect, stroke: Stroke, shapes: &mut Vec<Shape>) {
    const STEPS: usize = 96;
    let mut run: Vec<Pos2> = Vec::new();
    for i in 0..=STEPS {
        let p = bezier_point(points, i as f32 / STEPS as f32);
        if clip.contains(p) {
            run.push(p);
        } else if !run.is_empty() {
            // Keep the step that leaves the view, so the line reaches its edge.
            run.push(p);
            if run.len() >= 2 {
                shapes.push(Shape::line(std::mem::take(&mut run), stroke));
            }
            run.clear();
        }
    }
    if run.len() >= 2 {
        shapes.push(Shape::line(run, stroke));
    }
}

/// The point at `t` (0 to 1) along a cubic curve.
pub(in crate::view) fn bezier_point(p: &[Pos2; 4], t: f32) -> Pos2 {
    let u = 1.0 - t;
    let v = p[0].to_vec2() * (u * u * u)
        + p[1].to_vec2() * (3.0 * u * u * t)
        + p[2].to_vec2() * (3.0 * u * t * t)
        + p[3].to_vec2() * (t * t * t);
    v.to_pos2()
}

/// The egui_graphs edge display. The view graph holds no edges (adding one scans its
/// source's other edges, which is quadratic on a question with many answers), so this
/// draws nothing: answers are drawn by [`edge_shapes`] from the view's own list.
impl DisplayEdge<NodeView, EdgeView, Directed, DefaultIx, NodeShape> for EdgeShape {
    fn shapes(&mut self, _start: &ViewNode, _end: &ViewNode, _ctx: &DrawContext) -> Vec<Shape> {
        Vec::new()
    }

    fn update(&mut self, props: &EdgeProps<EdgeView>) {
        self.view = props.payload.clone();
    }

    fn is_inside(&self, _start: &ViewNode, _end: &ViewNode, _pos: Pos2) -> bool {
        false
    }
}

/// How an answer looks: its routed curve, an arrowhead at its target, and its label in
/// the box the layout reserved, culled when off screen.
pub fn edge_shapes(view: &EdgeView, ctx: &DrawContext) -> Vec<Shape> {
    let Some(last) = view.route.last() else {
        return Vec::new();
    };
    let to_screen = |p: Pos2| ctx.meta.canvas_to_screen_pos(p);
    let bbox = Rect::from_two_pos(to_screen(view.bounds.min), to_screen(view.bounds.max));
    if !ctx.painter.clip_rect().intersects(bbox.expand(20.0)) {
        return Vec::new();
    }
    let zoom = ctx.meta.zoom;
    let style = ctx.ctx.global_style();
    let visuals = &style.visuals;
    let h = view.highlight;
    let (width, color) = match h {
        // Over the walk's own colours: the marked way is what the user is looking at.
        _ if view.on_route => (4.0, ROUTE_COLOR),
        Highlight::Path => (3.5, PATH_COLOR),
        Highlight::Option => (2.5, SELECT_COLOR.lerp_to_gamma(visuals.text_color(), 0.15)),
        _ => (1.4, visuals.weak_text_color()),
    };
    let color = fade(color, h, visuals.panel_fill);
    let stroke = Stroke::new(width * zoom.clamp(0.5, 1.5), color);
    let mut shapes = Vec::with_capacity(view.route.len() + 4);
    curve_shapes(&view.route, ctx, stroke, &mut shapes);
    shapes.push(arrowhead(last, ctx, color));
    if let Some(label_rect) = view.label_rect
        && text_readable(zoom)
        && !view.label.is_empty()
    {
        label_shapes(view, label_rect, ctx, visuals, color, &mut shapes);
    }
    shapes
}

/// The route's segments on screen, each drawn as cheaply as it allows: straight ones as
/// lines, and ones far larger than the view only where they cross it.
fn curve_shapes(route: &[[Pos2; 4]], ctx: &DrawContext, stroke: Stroke, shapes: &mut Vec<Shape>) {
    let clip = ctx.painter.clip_rect().expand(8.0);
    for s in route {
        let points = s.map(|p| ctx.meta.canvas_to_screen_pos(p));
        let bbox = Rect::from_points(&points);
        if !clip.intersects(bbox) {
            continue;
        }
        let straight = (s[0].x == s[3].x || s[0].y == s[3].y)
            && (s[1] - s[0]).normalized().dot((s[3] - s[0]).normalized()) > 0.999;
        if straight {
            shapes.push(Shape::line_segment([points[0], points[3]], stroke));
        } else if bbox.width() > 2.0 * clip.width() || bbox.height() > 2.0 * clip.height() {
            // A curve much larger than the view (a fan of thousands of answers): only the
            // part in view is drawn, or every frame would flatten all of each one.
            clipped_curve(&points, clip, stroke, shapes);
        } else {
            shapes.push(Shape::CubicBezier(CubicBezierShape::from_points_stroke(
                points,
                false,
                Color32::TRANSPARENT,
                PathStroke::from(stroke),
            )));
        }
    }
}

/// The arrowhead at the target, along the last segment `last`. Its direction comes from
/// the nearest control point that is apart from the tip, since a segment may end with
/// control points on top of each other.
fn arrowhead(last: &[Pos2; 4], ctx: &DrawContext, color: Color32) -> Shape {
    let to_screen = |p: Pos2| ctx.meta.canvas_to_screen_pos(p);
    let tip = to_screen(last[3]);
    let back = [last[2], last[1], last[0]]
        .into_iter()
        .map(to_screen)
        .find(|&p| p.distance(tip) > 0.5)
        .unwrap_or(tip - Vec2::Y);
    let dir = (tip - back).normalized();
    let size = 8.0 * ctx.meta.zoom.clamp(0.5, 1.5);
    let side = Vec2::new(-dir.y, dir.x) * size * 0.5;
    let base = tip - dir * size;
    Shape::Path(PathShape::convex_polygon(
        vec![tip, base + side, base - side],
        color,
        Stroke::NONE,
    ))
}

/// The label in its box at `label_rect` (canvas coordinates), bordered in the answer's
/// `color` when the walk highlights it.
fn label_shapes(
    view: &EdgeView,
    label_rect: Rect,
    ctx: &DrawContext,
    visuals: &Visuals,
    color: Color32,
    shapes: &mut Vec<Shape>,
) {
    let zoom = ctx.meta.zoom;
    let (h, bg) = (view.highlight, visuals.panel_fill);
    let rect = Rect::from_min_max(
        ctx.meta.canvas_to_screen_pos(label_rect.min),
        ctx.meta.canvas_to_screen_pos(label_rect.max),
    );
    let text_color = fade(
        if h == Highlight::Normal {
            visuals.text_color()
        } else {
            visuals.strong_text_color()
        },
        h,
        bg,
    );
    let galley = lay_out(
        ctx.painter,
        &view.label,
        &view.label_lines,
        EDGE_LABEL,
        zoom,
        text_color,
    );
    let label_bg = fade(visuals.extreme_bg_color, h, bg);
    shapes.push(Shape::rect_filled(rect, 4.0 * zoom, label_bg));
    let border = if view.on_route {
        Stroke::new(2.0, color)
    } else if h == Highlight::Path || h == Highlight::Option {
        Stroke::new(1.0, color)
    } else {
        Stroke::new(
            1.0,
            fade(visuals.widgets.noninteractive.bg_stroke.color, h, bg),
        )
    };
    shapes.push(Shape::rect_stroke(
        rect,
        4.0 * zoom,
        border,
        StrokeKind::Inside,
    ));
    let at = rect.center() - galley.size() / 2.0;
    shapes.push(Shape::galley(at, galley, text_color));
}
