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

use super::text::{Font, Lines, TextMeasure};
use super::{EdgeView, Highlight, NodeView, ViewKind};

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
const PATH_COLOR: Color32 = Color32::from_rgb(0xf5, 0x9e, 0x0b);
const SELECT_COLOR: Color32 = Color32::from_rgb(0x25, 0x63, 0xeb);
/// Search results are marked in magenta, a colour no dimension, walk or problem uses.
const MATCH_COLOR: Color32 = Color32::from_rgb(0xd9, 0x46, 0xef);

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
        if self.view.matched {
            // A search result: a band in the search colour along the top edge, seen
            // at any zoom and beside any of the walk's highlights.
            let band = Rect::from_min_size(
                rect.min - Vec2::new(0.0, 7.0 * zoom.clamp(0.5, 1.5)),
                Vec2::new(rect.width(), 4.0 * zoom.clamp(0.5, 1.5)),
            );
            shapes.push(Shape::rect_filled(band, 2.0, MATCH_COLOR));
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

        if text_readable(zoom) {
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
        if self.view.copies > 1 {
            // A linked copy of a shared outcome: a chain mark, and a ring on every copy
            // while the pointer is over any of them.
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
                shapes.push(ctx.ctx.fonts_mut(|f| {
                    Shape::text(
                        f,
                        at,
                        Align2::RIGHT_BOTTOM,
                        format!("×{}", self.view.copies),
                        FontId::proportional(DETAIL.size * zoom),
                        fade(visuals.weak_text_color(), h, bg),
                    )
                }));
            }
        }
        if let Some(severity) = self.view.badge {
            let color = super::palette::severity(severity);
            let c = rect.right_top();
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
        if self.view.hidden > 0 {
            // The disc alone still marks a collapsed node when its count cannot be read.
            let c = Pos2::new(rect.center().x, rect.bottom());
            shapes.push(Shape::circle_filled(
                c,
                10.0 * zoom.max(0.3),
                visuals.widgets.inactive.bg_fill,
            ));
        }
        if self.view.hidden > 0 && text_readable(zoom) {
            let c = Pos2::new(rect.center().x, rect.bottom());
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

fn bezier_point(p: &[Pos2; 4], t: f32) -> Pos2 {
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
    let route = &view.route;
    let Some(last) = route.last() else {
        return Vec::new();
    };
    let to_screen = |p: Pos2| ctx.meta.canvas_to_screen_pos(p);
    let bbox = Rect::from_two_pos(to_screen(view.bounds.min), to_screen(view.bounds.max));
    if !ctx.painter.clip_rect().intersects(bbox.expand(20.0)) {
        return Vec::new();
    }
    let zoom = ctx.meta.zoom;
    let visuals = &ctx.ctx.global_style().visuals;
    let bg = visuals.panel_fill;
    let h = view.highlight;
    let (width, color) = match h {
        Highlight::Path => (3.5, PATH_COLOR),
        Highlight::Option => (2.5, SELECT_COLOR.lerp_to_gamma(visuals.text_color(), 0.15)),
        _ => (1.4, visuals.weak_text_color()),
    };
    let color = fade(color, h, bg);
    let stroke = Stroke::new(width * zoom.clamp(0.5, 1.5), color);
    let mut shapes = Vec::with_capacity(route.len() + 4);
    let clip = ctx.painter.clip_rect().expand(8.0);
    for s in route {
        let points = s.map(to_screen);
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
            clipped_curve(&points, clip, stroke, &mut shapes);
        } else {
            shapes.push(Shape::CubicBezier(CubicBezierShape::from_points_stroke(
                points,
                false,
                Color32::TRANSPARENT,
                PathStroke::from(stroke),
            )));
        }
    }

    // Arrowhead at the target, along the last segment.
    let tip = to_screen(last[3]);
    let back = [last[2], last[1], last[0]]
        .into_iter()
        .map(to_screen)
        .find(|&p| p.distance(tip) > 0.5)
        .unwrap_or(tip - Vec2::Y);
    let dir = (tip - back).normalized();
    let size = 8.0 * zoom.clamp(0.5, 1.5);
    let side = Vec2::new(-dir.y, dir.x) * size * 0.5;
    let base = tip - dir * size;
    shapes.push(Shape::Path(PathShape::convex_polygon(
        vec![tip, base + side, base - side],
        color,
        Stroke::NONE,
    )));

    if let Some(label_rect) = view.label_rect
        && text_readable(zoom)
        && !view.label.is_empty()
    {
        let rect = Rect::from_min_max(to_screen(label_rect.min), to_screen(label_rect.max));
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
        let border = if h == Highlight::Path || h == Highlight::Option {
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
    shapes
}
