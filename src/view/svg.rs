//! Images of a laid-out tree as the app's canvas draws it at 100%: SVG written from the
//! same [`TreeView`] the app builds (its layout, node boxes, routed answers, label boxes,
//! colours and the walk's highlights), and PNG rasterised from that SVG with resvg. No
//! window and no GPU: egui runs headless only to measure and shape text with the app's
//! own fonts, as the canvas does before its first frame.
//!
//! The view's drawing code ([`node_shapes`], [`edge_shapes`]) makes each node's and
//! answer's egui shapes, exactly the calls the canvas makes, and this module writes every
//! shape as SVG: the image cannot drift from what the app draws, and nothing here knows
//! what a question or a highlight looks like. It takes the app's text colours and theme
//! from `app::look`, the one place the view reaches up to the app: a picture must be in
//! the colours the app shows.
//!
//! Text is written a row at a time where egui placed the row, in the fonts egui draws
//! with (Ubuntu Light, then its emoji fonts); [`to_png`] loads those fonts from egui
//! itself, so a PNG's text looks the same on every machine wherever they cover it (the
//! system's fonts are the fallback for other scripts).

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::sync::{Arc, OnceLock};

use egui::epaint::{ColorMode, CubicBezierShape, PathShape, RectShape, TextShape};
use egui::{
    Color32, CornerRadius, LayerId, Painter, Pos2, RawInput, Rect, Shape, StrokeKind, Vec2,
};
use egui_graphs::{DrawContext, MetadataFrame, SettingsStyle};
use resvg::{tiny_skia, usvg};

use crate::layout::Orientation;
use crate::model::{Tree, Walk};
use crate::view::{
    BuildOptions, EdgeView, Highlight, TextMeasure, TreeView, ViewKind, edge_shapes, node_shapes,
};

/// How the image is drawn: what the app's View menu and theme decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SvgOptions {
    /// The dark theme's colours instead of the light one's.
    pub dark: bool,
    pub orientation: Orientation,
    /// Draw an outcome that several answers reach once per answer, as the app does by
    /// default.
    pub repeat_shared: bool,
}

impl Default for SvgOptions {
    /// The app's defaults: light, top-down, shared outcomes repeated.
    fn default() -> Self {
        Self {
            dark: false,
            orientation: Orientation::TopDown,
            repeat_shared: true,
        }
    }
}

/// Room around the laid-out tree: the marks drawn outside a box (the glow where the walk
/// stands, an outcome's lifecycle tab) stay inside the image.
const MARGIN: f32 = 24.0;

/// The fonts text is set in, in egui's order; `sans-serif` last for viewers without
/// them. Ubuntu Light is family "Ubuntu" at weight 300 (the `font-weight` on the root).
const FONT_FAMILY: &str = "Ubuntu, 'Ubuntu Light', 'Noto Emoji', emoji, sans-serif";

/// The largest PNG [`to_png`] makes: a side, and all its pixels (256 MB of RGBA).
pub const MAX_PNG_SIDE: u32 = 16_384;
pub const MAX_PNG_PIXELS: u64 = 64 * 1024 * 1024;

/// How many nodes and answers are drawn in one egui pass. egui keeps every text it
/// shapes until the pass after next; drawing a large tree in one pass would keep all of
/// them (hundreds of megabytes at 10,000 nodes), and freeing them cost as much as
/// drawing. Passes of this size keep a few megabytes, reused from pass to pass.
const ITEMS_PER_PASS: usize = 512;

/// At most this many threads shape text (each with an egui context of its own, which
/// loads the fonts again).
const MAX_THREADS: usize = 8;

/// The tree laid out and drawn as the app draws it at 100%, as an SVG document, with the
/// walk's highlights when `walk` is given (none, as a plain drawing, when it is not).
pub fn to_svg(tree: &Tree, walk: Option<&Walk>, options: &SvgOptions) -> String {
    let ctx = headless(options.dark);
    // egui loads its fonts when a pass begins, so the view is built in one.
    let mut view = None;
    pass(&ctx, |ctx| {
        if view.is_none() {
            view = Some(build_view(ctx, tree, walk, options));
        }
    });
    let Some(view) = view else {
        return String::new();
    };
    let page = Page::new(&view);
    let (answers, nodes) = (view.answers().len(), view.node_rects().len());
    let mut w = Writer::with_capacity(nodes, answers);
    w.header(
        page.size,
        &tree.title,
        ctx.global_style().visuals.panel_fill,
    );
    for part in draw_items(&ctx, tree, &view, &page, options.dark) {
        w.out.push_str(&part);
    }
    w.out.push_str("</svg>\n");
    w.out
}

/// An egui context with no window, in the app's theme and look.
fn headless(dark: bool) -> egui::Context {
    let ctx = egui::Context::default();
    ctx.set_theme(if dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    });
    crate::app::look::apply(&ctx);
    ctx
}

/// Where the view is drawn: canvas coordinates at zoom 1, moved so the drawing starts
/// at the margin, so the shapes the view makes are already in the image's coordinates.
struct Page {
    size: Vec2,
    meta: MetadataFrame,
}

impl Page {
    fn new(view: &TreeView) -> Self {
        let origin = view.bounds.min - Vec2::splat(MARGIN);
        let mut meta = MetadataFrame::default();
        meta.zoom = 1.0;
        meta.pan = -origin.to_vec2();
        Self {
            size: (view.bounds.size() + Vec2::splat(2.0 * MARGIN)).ceil(),
            meta,
        }
    }
}

/// Every answer, then every node (answers lie under nodes, as the canvas paints them),
/// as SVG in parts to be joined in order. Shaping the text is most of the work, so the
/// parts are shared out among threads, each with an egui context of its own (`ctx`
/// serves the first).
fn draw_items(
    ctx: &egui::Context,
    tree: &Tree,
    view: &TreeView,
    page: &Page,
    dark: bool,
) -> Vec<String> {
    let items = view.answers().len() + view.node_rects().len();
    let parts = items.div_ceil(ITEMS_PER_PASS);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_THREADS)
        .min(parts)
        .max(1);
    let mut drawn: Vec<(usize, String)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    let ctx = if t == 0 { ctx.clone() } else { headless(dark) };
                    (t..parts)
                        .step_by(threads)
                        .map(|part| {
                            let first = part * ITEMS_PER_PASS;
                            let items = first..(first + ITEMS_PER_PASS).min(items);
                            (part, draw_part(&ctx, tree, view, page, items))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    drawn.sort_unstable_by_key(|(part, _)| *part);
    drawn.into_iter().map(|(_, svg)| svg).collect()
}

/// Items `items` (answers, then nodes after the last answer) drawn in one egui pass.
fn draw_part(
    ctx: &egui::Context,
    tree: &Tree,
    view: &TreeView,
    page: &Page,
    items: std::ops::Range<usize>,
) -> String {
    let answers = view.answers().len();
    let mut w = Writer::with_capacity(items.len(), 0);
    let style = SettingsStyle::default();
    let mut done = false;
    pass(ctx, |ctx| {
        // A pass egui runs again finds its items written already.
        if std::mem::replace(&mut done, true) {
            return;
        }
        // Nothing is culled: the clip holds the whole image and more.
        let clip = Rect::from_min_size(Pos2::ZERO, page.size).expand(64.0);
        let painter = Painter::new(ctx.clone(), LayerId::background(), clip);
        let dc = DrawContext {
            ctx,
            painter: &painter,
            style: &style,
            is_directed: true,
            meta: &page.meta,
        };
        for k in items.clone() {
            if k < answers {
                w.answer(tree, &view.answers()[k], &dc);
            } else {
                w.node(tree, view, k - answers, &dc);
            }
        }
    });
    w.out
}

/// Runs one headless egui pass with `run`.
fn pass(ctx: &egui::Context, mut run: impl FnMut(&egui::Context)) {
    let mut output = ctx.run_ui(RawInput::default(), |ui| run(ui.ctx()));
    // The glyphs shaped went into egui's font atlas; no renderer will take them.
    output.textures_delta.clear();
}

/// The view as the canvas builds it, restyled for `walk`.
fn build_view(
    ctx: &egui::Context,
    tree: &Tree,
    walk: Option<&Walk>,
    options: &SvgOptions,
) -> TreeView {
    let measure_with = ctx.layer_painter(LayerId::background());
    let build = BuildOptions {
        orientation: options.orientation,
        repeat_shared: options.repeat_shared,
        room_for: None,
    };
    let mut view = TreeView::build(
        tree,
        &HashSet::new(),
        build,
        &mut TextMeasure::new(&measure_with),
    );
    if let Some(walk) = walk {
        view.restyle(
            tree,
            walk,
            None,
            &HashMap::new(),
            &HashSet::new(),
            &HashSet::new(),
        );
    }
    view
}

/// Writes SVG into a string, one shape at a time.
struct Writer {
    out: String,
    /// The stroked path being written, while the next line or curve may continue it.
    trail: Option<Trail>,
}

/// An open `<path>`: its stroke, and where it ends so far.
struct Trail {
    color: Color32,
    width: f32,
    end: Pos2,
}

impl Writer {
    fn with_capacity(nodes: usize, answers: usize) -> Self {
        // Roughly what a node (box, bar, two texts) and an answer (curve, arrow, label)
        // take, so a large tree's string is not copied as it grows.
        Self {
            out: String::with_capacity(1024 + nodes * 900 + answers * 800),
            trail: None,
        }
    }

    fn header(&mut self, size: Vec2, title: &str, background: Color32) {
        let o = &mut self.out;
        o.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = write!(
            o,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
             viewBox=\"0 0 {w} {h}\" font-family=\"{FONT_FAMILY}\" font-weight=\"300\" \
             xml:space=\"preserve\">\n<title>",
            w = size.x,
            h = size.y,
        );
        escape_into(o, title);
        o.push_str("</title>\n<rect width=\"100%\" height=\"100%\"");
        paint_attr(o, "fill", background);
        o.push_str("/>\n");
    }

    /// An answer, in a group that says which answer it is and how the walk marks it.
    fn answer(&mut self, tree: &Tree, answer: &EdgeView, dc: &DrawContext<'_>) {
        let ends = tree.answer(answer.model);
        let id = |n| tree.node(n).map_or("", |n| n.id.as_str());
        self.out.push_str("<g class=\"answer ");
        self.out.push_str(highlight_name(answer.highlight));
        self.out.push_str("\" data-from=\"");
        escape_into(&mut self.out, ends.as_ref().map_or("", |a| id(a.from)));
        self.out.push_str("\" data-to=\"");
        escape_into(&mut self.out, ends.as_ref().map_or("", |a| id(a.to)));
        self.out.push_str("\">\n");
        self.shapes(edge_shapes(answer, dc));
        self.out.push_str("</g>\n");
    }

    /// Drawn node box `k` (copies of a repeated outcome included), in a group that says
    /// which node it is, its kind and how the walk marks it.
    fn node(&mut self, tree: &Tree, view: &TreeView, k: usize, dc: &DrawContext<'_>) {
        let (Some(&(model, rect)), Some(node)) = (view.node_rects().get(k), view.copy(k)) else {
            return;
        };
        self.out.push_str("<g class=\"node ");
        self.out.push_str(match node.kind {
            ViewKind::Question => "question ",
            ViewKind::Outcome => "outcome ",
            ViewKind::Missing => "missing ",
        });
        self.out.push_str(highlight_name(node.highlight));
        self.out.push_str("\" data-id=\"");
        escape_into(
            &mut self.out,
            tree.node(model).map_or("", |n| n.id.as_str()),
        );
        self.out.push_str("\">\n");
        self.shapes(node_shapes(node, rect.center(), false, dc));
        self.out.push_str("</g>\n");
    }

    /// Writes `shapes` in painting order, nested lists flattened without recursion.
    fn shapes(&mut self, shapes: Vec<Shape>) {
        let mut stack: Vec<std::vec::IntoIter<Shape>> = vec![shapes.into_iter()];
        while let Some(top) = stack.last_mut() {
            match top.next() {
                None => {
                    stack.pop();
                }
                Some(Shape::Vec(inner)) => stack.push(inner.into_iter()),
                Some(shape) => self.shape(&shape),
            }
        }
        self.end_trail();
    }

    fn shape(&mut self, shape: &Shape) {
        match shape {
            Shape::LineSegment { points, stroke } => {
                self.stroke_piece(points[0], stroke.color, stroke.width, |o| {
                    o.push_str(" L");
                    point(o, points[1]);
                    points[1]
                });
            }
            Shape::CubicBezier(c) => self.cubic(c),
            Shape::Rect(r) => self.rect(r),
            Shape::Text(t) => self.text(t),
            Shape::Path(p) => self.path(p),
            Shape::Circle(c) => {
                self.end_trail();
                let o = &mut self.out;
                o.push_str("<circle cx=\"");
                num(o, c.center.x);
                o.push_str("\" cy=\"");
                num(o, c.center.y);
                o.push_str("\" r=\"");
                num(o, c.radius);
                o.push('"');
                fill_and_stroke(o, c.fill, c.stroke.color, c.stroke.width);
                o.push_str("/>\n");
            }
            // Nothing the view draws is an ellipse, a quadratic curve, a mesh or a
            // callback; they have no SVG form here.
            _ => {}
        }
    }

    /// A piece of a stroked line from `start`: it continues the open path when it has
    /// the same stroke and starts where that path ends (an answer's segments), or starts
    /// a new one. `draw` writes the piece's commands and returns where it ends.
    fn stroke_piece(
        &mut self,
        start: Pos2,
        color: Color32,
        width: f32,
        draw: impl FnOnce(&mut String) -> Pos2,
    ) {
        if color.a() == 0 || width <= 0.0 {
            return;
        }
        let continues = self
            .trail
            .as_ref()
            .is_some_and(|t| t.color == color && t.width == width && t.end.distance(start) < 0.01);
        if !continues {
            self.end_trail();
            self.out.push_str("<path d=\"M");
            point(&mut self.out, start);
        }
        let end = draw(&mut self.out);
        self.trail = Some(Trail { color, width, end });
    }

    /// Closes the open path, if any, with its stroke.
    fn end_trail(&mut self) {
        let Some(t) = self.trail.take() else {
            return;
        };
        let o = &mut self.out;
        o.push_str("\" fill=\"none\"");
        paint_attr(o, "stroke", t.color);
        o.push_str(" stroke-width=\"");
        num(o, t.width);
        o.push_str("\" stroke-linejoin=\"round\"/>\n");
    }

    fn cubic(&mut self, c: &CubicBezierShape) {
        let p = c.points;
        if c.fill.a() > 0 || c.closed {
            // The view's curves are open lines; a filled one is drawn on its own.
            self.end_trail();
            self.out.push_str("<path d=\"M");
            point(&mut self.out, p[0]);
            cubic_to(&mut self.out, &p);
            self.out.push_str(if c.closed { " Z\"" } else { "\"" });
            let (color, width) = path_stroke(&c.stroke);
            fill_and_stroke(&mut self.out, c.fill, color, width);
            self.out.push_str("/>\n");
            return;
        }
        let (color, width) = path_stroke(&c.stroke);
        self.stroke_piece(p[0], color, width, |o| {
            cubic_to(o, &p);
            p[3]
        });
    }

    /// A polygon (the arrowhead) or a polyline.
    fn path(&mut self, p: &PathShape) {
        let (color, width) = path_stroke(&p.stroke);
        let Some((&first, rest)) = p.points.split_first() else {
            return;
        };
        if !p.closed && p.fill.a() == 0 {
            self.stroke_piece(first, color, width, |o| {
                for &q in rest {
                    o.push_str(" L");
                    point(o, q);
                }
                rest.last().copied().unwrap_or(first)
            });
            return;
        }
        self.end_trail();
        let o = &mut self.out;
        o.push_str("<path d=\"M");
        point(o, first);
        for &q in rest {
            o.push_str(" L");
            point(o, q);
        }
        o.push_str(if p.closed { " Z\"" } else { "\"" });
        fill_and_stroke(o, p.fill, color, width);
        o.push_str("/>\n");
    }

    /// A filled box and its border, as two elements: egui draws a border inside,
    /// outside or across the box's edge, where SVG always strokes across it.
    fn rect(&mut self, r: &RectShape) {
        self.end_trail();
        if r.fill.a() > 0 {
            rounded_rect(&mut self.out, r.rect, r.corner_radius, 0.0);
            paint_attr(&mut self.out, "fill", r.fill);
            self.out.push_str("/>\n");
        }
        let (width, color) = (r.stroke.width, r.stroke.color);
        if width > 0.0 && color.a() > 0 {
            let grow = match r.stroke_kind {
                StrokeKind::Inside => -width / 2.0,
                StrokeKind::Middle => 0.0,
                StrokeKind::Outside => width / 2.0,
            };
            rounded_rect(&mut self.out, r.rect, r.corner_radius, grow);
            self.out.push_str(" fill=\"none\"");
            paint_attr(&mut self.out, "stroke", color);
            self.out.push_str(" stroke-width=\"");
            num(&mut self.out, width);
            self.out.push_str("\"/>\n");
        }
    }

    /// A galley, a `<text>` per row at the baseline egui gave the row. The row's text is
    /// taken from the galley's own text, which the view lays out without wrapping (a row
    /// per line): its glyphs are in visual order, with a character per glyph, so right
    /// to left text and joined emoji would not survive being read back from them.
    fn text(&mut self, t: &TextShape) {
        self.end_trail();
        let galley = &t.galley;
        let format = galley.job.sections.first().map(|s| &s.format);
        let size = format.map_or(14.0, |f| f.font_id.size);
        let mut color = t
            .override_text_color
            .or(format.map(|f| f.color))
            .unwrap_or(t.fallback_color);
        if color == Color32::PLACEHOLDER {
            color = t.fallback_color;
        }
        let color = color.gamma_multiply(t.opacity_factor.clamp(0.0, 1.0));
        let mut lines = galley.job.text.split('\n');
        let row_per_line = galley.rows.len() == galley.job.text.split('\n').count();
        for row in &galley.rows {
            let line = lines.next().filter(|_| row_per_line);
            let Some(first) = row.row.glyphs.first() else {
                continue;
            };
            let o = &mut self.out;
            o.push_str("<text x=\"");
            num(o, t.pos.x + row.pos.x + first.pos.x);
            o.push_str("\" y=\"");
            num(o, t.pos.y + row.pos.y + first.pos.y);
            o.push_str("\" font-size=\"");
            num(o, size);
            o.push('"');
            paint_attr(o, "fill", color);
            o.push('>');
            match line {
                Some(line) => escape_into(o, line),
                None => row.row.glyphs.iter().for_each(|g| escape_char(o, g.chr)),
            }
            o.push_str("</text>\n");
        }
    }
}

/// How a highlight is named in the classes of a node's or an answer's group.
fn highlight_name(h: Highlight) -> &'static str {
    match h {
        Highlight::Normal => "normal",
        Highlight::Path => "path",
        Highlight::Current => "current",
        Highlight::Option => "option",
        Highlight::RuledOut => "ruled-out",
    }
}

/// A path stroke's solid colour and width; a gradient stroke (the view draws none) is
/// not drawn.
fn path_stroke(stroke: &egui::epaint::PathStroke) -> (Color32, f32) {
    match stroke.color {
        ColorMode::Solid(c) => (c, stroke.width),
        ColorMode::UV(_) => (Color32::TRANSPARENT, 0.0),
    }
}

fn cubic_to(o: &mut String, p: &[Pos2; 4]) {
    o.push_str(" C");
    point(o, p[1]);
    o.push(' ');
    point(o, p[2]);
    o.push(' ');
    point(o, p[3]);
}

/// Opens a `<rect>`, or a `<path>` when its corners differ (a question's bar), for
/// `rect` grown by `grow` on every side, its radii grown with it. Leaves the element
/// open for its paint.
fn rounded_rect(o: &mut String, rect: Rect, radius: CornerRadius, grow: f32) {
    let r = rect.expand(grow);
    let most = r.width().min(r.height()).max(0.0) / 2.0;
    let corner = |c: u8| (f32::from(c) + grow).clamp(0.0, most);
    let [nw, ne, sw, se] = [radius.nw, radius.ne, radius.sw, radius.se].map(corner);
    if nw == ne && ne == sw && sw == se {
        o.push_str("<rect x=\"");
        num(o, r.min.x);
        o.push_str("\" y=\"");
        num(o, r.min.y);
        o.push_str("\" width=\"");
        num(o, r.width().max(0.0));
        o.push_str("\" height=\"");
        num(o, r.height().max(0.0));
        if nw > 0.0 {
            o.push_str("\" rx=\"");
            num(o, nw);
        }
        o.push('"');
        return;
    }
    // Clockwise from the top edge, each corner a quarter circle.
    let arc = |o: &mut String, radius: f32, to: Pos2| {
        if radius > 0.0 {
            o.push_str(" A");
            num(o, radius);
            o.push(' ');
            num(o, radius);
            o.push_str(" 0 0 1 ");
            point(o, to);
        }
    };
    o.push_str("<path d=\"M");
    point(o, Pos2::new(r.min.x + nw, r.min.y));
    o.push_str(" H");
    num(o, r.max.x - ne);
    arc(o, ne, Pos2::new(r.max.x, r.min.y + ne));
    o.push_str(" V");
    num(o, r.max.y - se);
    arc(o, se, Pos2::new(r.max.x - se, r.max.y));
    o.push_str(" H");
    num(o, r.min.x + sw);
    arc(o, sw, Pos2::new(r.min.x, r.max.y - sw));
    o.push_str(" V");
    num(o, r.min.y + nw);
    arc(o, nw, Pos2::new(r.min.x + nw, r.min.y));
    o.push_str(" Z\"");
}

/// ` fill=… stroke=… stroke-width=…`, leaving out what is not painted.
fn fill_and_stroke(o: &mut String, fill: Color32, stroke: Color32, width: f32) {
    if fill.a() > 0 {
        paint_attr(o, "fill", fill);
    } else {
        o.push_str(" fill=\"none\"");
    }
    if stroke.a() > 0 && width > 0.0 {
        paint_attr(o, "stroke", stroke);
        o.push_str(" stroke-width=\"");
        num(o, width);
        o.push('"');
    }
}

/// ` fill="#rrggbb"` (or `stroke`), with ` fill-opacity` when the colour is not opaque.
/// egui's colours are premultiplied; SVG's are not.
fn paint_attr(o: &mut String, what: &str, color: Color32) {
    let [r, g, b, a] = color.to_srgba_unmultiplied();
    let _ = write!(o, " {what}=\"#{r:02x}{g:02x}{b:02x}\"");
    if a < 255 {
        o.push(' ');
        o.push_str(what);
        o.push_str("-opacity=\"");
        num(o, f32::from(a) / 255.0);
        o.push('"');
    }
}

fn point(o: &mut String, p: Pos2) {
    num(o, p.x);
    o.push(',');
    num(o, p.y);
}

/// A coordinate to a hundredth of a unit, with no exponent, never NaN. Written from
/// integers: a large tree has millions of coordinates, and shortest-float formatting
/// was a tenth of the time taken to write it.
fn num(o: &mut String, v: f32) {
    let v = if v.is_finite() { v } else { 0.0 };
    // Saturates far beyond any drawing's size.
    let hundredths = (f64::from(v) * 100.0).round() as i64;
    if hundredths < 0 {
        o.push('-');
    }
    let h = hundredths.unsigned_abs();
    let _ = write!(o, "{}", h / 100);
    let (tenths, rest) = ((h / 10) % 10, h % 10);
    if tenths != 0 || rest != 0 {
        o.push('.');
        o.push(char::from(b'0' + tenths as u8));
        if rest != 0 {
            o.push(char::from(b'0' + rest as u8));
        }
    }
}

/// `text` as XML character data or an attribute value: markup characters escaped, and
/// control characters (which XML cannot hold) left out.
fn escape_into(o: &mut String, text: &str) {
    for c in text.chars() {
        escape_char(o, c);
    }
}

fn escape_char(o: &mut String, c: char) {
    match c {
        '&' => o.push_str("&amp;"),
        '<' => o.push_str("&lt;"),
        '>' => o.push_str("&gt;"),
        '"' => o.push_str("&quot;"),
        '\'' => o.push_str("&apos;"),
        // egui leaves a gap for a tab; a space keeps the words apart.
        '\t' => o.push(' '),
        // Not characters XML allows, even as references.
        '\u{FFFE}' | '\u{FFFF}' => {}
        c if c.is_control() => {}
        c => o.push(c),
    }
}

/// `svg` rasterised at `scale` (2.0 for twice the SVG's size) and encoded as PNG. An
/// image larger than [`MAX_PNG_SIDE`] a side or [`MAX_PNG_PIXELS`] in all is drawn
/// smaller, to fit; an error says why when there is nothing to draw at any size.
pub fn to_png(svg: &str, scale: f32) -> Result<Vec<u8>, String> {
    if !(scale.is_finite() && scale > 0.0) {
        return Err(format!("the scale must be a positive number, not {scale}"));
    }
    let options = usvg::Options {
        fontdb: fonts(),
        // Local files and embedded images are never read: the SVG may come from anywhere.
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        font_resolver: usvg::FontResolver {
            select_font: usvg::FontResolver::default_font_selector(),
            select_fallback: fallback_resolver(),
        },
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| format!("not an SVG: {e}"))?;
    let size = tree.size();
    let (width, height, scale) = fit(size.width(), size.height(), scale)?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| format!("cannot make a {width}×{height} image"))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| format!("cannot encode the PNG: {e}"))
}

/// The pixel size of a `width`×`height` image at `scale`, and the scale it is drawn at:
/// smaller than asked when that is over the limits.
fn fit(width: f32, height: f32, scale: f32) -> Result<(u32, u32, f32), String> {
    let (w, h) = (f64::from(width), f64::from(height));
    let side = f64::from(MAX_PNG_SIDE);
    let pixels = MAX_PNG_PIXELS as f64;
    let at = |s: f64| ((w * s).ceil(), (h * s).ceil());
    let fits = |(pw, ph): (f64, f64)| pw <= side && ph <= side && pw * ph <= pixels;
    let mut s = f64::from(scale);
    if !fits(at(s)) {
        let (pw, ph) = at(s);
        s *= (side / pw).min(side / ph).min((pixels / (pw * ph)).sqrt());
        // Rounding up to whole pixels may still leave it a pixel over.
        for _ in 0..64 {
            if fits(at(s)) {
                break;
            }
            s *= 0.999;
        }
    }
    let (pw, ph) = at(s);
    if !fits((pw, ph)) || w * s < 1.0 || h * s < 1.0 {
        return Err(format!(
            "a {width}×{height} SVG at scale {scale} does not fit in {MAX_PNG_SIDE} pixels \
             a side and {MAX_PNG_PIXELS} in all without being under a pixel across"
        ));
    }
    Ok((pw as u32, ph as u32, s as f32))
}

/// usvg's choice of a font for a character none of the fonts tried so far has (the
/// first font, in the order they were loaded, that has it), or when no font has it
/// (a Chinese character on a machine with no Chinese font) the next font not tried
/// yet. usvg stops looking once no font is found, and the characters after that one
/// (an emoji) would go undrawn too; the next font it is given may have them.
fn fallback_resolver() -> usvg::FallbackSelectionFn<'static> {
    let first_with_char = usvg::FontResolver::default_fallback_selector();
    Box::new(move |c, used, db| {
        first_with_char(c, used, db)
            .or_else(|| db.faces().map(|f| f.id).find(|id| !used.contains(id)))
    })
}

/// The fonts the PNG is drawn with, loaded once: egui's own (what the app draws text
/// in), then the system's, for scripts egui's fonts lack.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            // In the order egui falls back from one to the next, which fallbacks follow.
            let egui = egui::FontDefinitions::default();
            let proportional = egui.families.get(&egui::FontFamily::Proportional);
            let first: Vec<&String> = proportional.into_iter().flatten().collect();
            let rest = egui.font_data.keys().filter(|k| !first.contains(k));
            let names: Vec<&String> = first.iter().copied().chain(rest).collect();
            for name in names {
                if let Some(data) = egui.font_data.get(name) {
                    db.load_font_data(data.font.to_vec());
                }
            }
            db.load_system_fonts();
            // What `sans-serif` means, for text in no font the SVG names.
            db.set_sans_serif_family("Ubuntu");
            Arc::new(db)
        })
        .clone()
}
