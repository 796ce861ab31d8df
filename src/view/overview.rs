//! The far-out level of detail: when node boxes are a few pixels tall or thousands are
//! in view, the view is drawn into one image, a pixel per screen pixel, and shown as a
//! single textured rectangle. Boxes that small carry no text and cannot be told apart
//! as shapes anyway; as an image, a frame of 100,000 nodes costs one rectangle to
//! tessellate, and the image is drawn again only when the view, the walk's highlight
//! or the theme changes.
//!
//! Every node still shows (at least two pixels square, in its dimension's colour, faded
//! when the walk rules it out), the walk's path is drawn thicker in its colour, and
//! where the walk stands, the selection and search results get marks larger than the
//! node, so they can be found from afar. The other answers are one grey layer, not
//! faded one by one: that layer depends on the layout alone and is kept while the walk
//! changes, which makes choosing an answer at this distance cheap.

use egui::{Color32, ColorImage, Pos2, Rect, Vec2, Visuals};

use super::shapes::{
    CHANGE_COLOR, MATCH_COLOR, PATH_COLOR, ROUTE_COLOR, SELECT_COLOR, bezier_point, fade,
};
use super::{EdgeView, Highlight, NodeView, TreeView, palette};

/// What an image was drawn from: the same key draws the same image.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Key {
    /// The view's build and its restyles.
    pub(super) generation: (u64, u64),
    /// The canvas area shown, and the image size in pixels.
    pub(super) seen: Rect,
    pub(super) size: [usize; 2],
    pub(super) dark: bool,
}

/// What the answers' coverage was drawn from: the build, the area shown and the size
/// in pixels (not the walk, which does not change where answers run).
pub(super) type Geometry = (u64, Rect, [usize; 2]);

/// An image being drawn: pixels blended over a transparent background.
struct Raster {
    size: [usize; 2],
    pixels: Vec<Color32>,
    /// How much of each pixel the answers cover: adding to a byte per pixel is several
    /// times cheaper than blending every pixel of thousands of lines, and it depends on
    /// the layout alone, so it is kept while the walk changes (see `paint_overview`).
    cover: Vec<u8>,
    /// Canvas to pixel: `(p - origin) * scale`.
    origin: Pos2,
    scale: Vec2,
}

impl Raster {
    /// A raster of `seen` at `size` pixels, with a colour image (`pixels`) or only a
    /// coverage layer.
    fn new(seen: Rect, size: [usize; 2], pixels: bool) -> Self {
        let scale = Vec2::new(
            size[0] as f32 / seen.width().max(f32::EPSILON),
            size[1] as f32 / seen.height().max(f32::EPSILON),
        );
        let area = size[0] * size[1];
        Self {
            size,
            pixels: if pixels {
                vec![Color32::TRANSPARENT; area]
            } else {
                Vec::new()
            },
            cover: if pixels { Vec::new() } else { vec![0; area] },
            origin: seen.min,
            scale,
        }
    }

    fn to_px(&self, p: Pos2) -> Pos2 {
        let v = (p - self.origin) * self.scale;
        Pos2::new(v.x, v.y)
    }

    /// Source-over blending of a premultiplied colour.
    fn blend(&mut self, x: i64, y: i64, c: Color32) {
        if x < 0 || y < 0 || x >= self.size[0] as i64 || y >= self.size[1] as i64 {
            return;
        }
        let d = &mut self.pixels[y as usize * self.size[0] + x as usize];
        *d = over(c, *d);
    }

    /// Puts one pixel of a line in `ink`.
    fn plot(&mut self, x: i64, y: i64, ink: Ink) {
        match ink {
            Ink::Blend(c) => self.blend(x, y, c),
            Ink::Cover => {
                if x < 0 || y < 0 || x >= self.size[0] as i64 || y >= self.size[1] as i64 {
                    return;
                }
                let d = &mut self.cover[y as usize * self.size[0] + x as usize];
                *d = d.saturating_add(COVER);
            }
        }
    }

    /// Blends a coverage layer into the image in `color`.
    fn compose(&mut self, cover: &[u8], color: Color32) {
        for (d, &c) in self.pixels.iter_mut().zip(cover) {
            if c > 0 {
                *d = over(scaled(color, c), *d);
            }
        }
    }

    /// A filled box of pixels, grown to at least `min` pixels across around its centre.
    fn fill(&mut self, r: Rect, min: f32, c: Color32) {
        let r = Rect::from_min_max(self.to_px(r.min), self.to_px(r.max));
        let r = Rect::from_center_size(r.center(), r.size().max(Vec2::splat(min)));
        let (x0, y0) = (r.min.x.round() as i64, r.min.y.round() as i64);
        let (x1, y1) = (
            (r.max.x.round() as i64).max(x0 + 1),
            (r.max.y.round() as i64).max(y0 + 1),
        );
        let (w, h) = (self.size[0] as i64, self.size[1] as i64);
        for y in y0.max(0)..y1.min(h) {
            for x in x0.max(0)..x1.min(w) {
                self.blend(x, y, c);
            }
        }
    }

    /// A line `width` pixels wide (1 or more) from `a` to `b`, in pixel coordinates,
    /// stepping along its longer axis; only its part inside the image is stepped, so a
    /// route that runs far outside the view costs nothing there.
    fn line(&mut self, a: Pos2, b: Pos2, width: i64, ink: Ink) {
        let margin = width as f32;
        let bounds = Rect::from_min_max(
            Pos2::new(-margin, -margin),
            Pos2::new(self.size[0] as f32 + margin, self.size[1] as f32 + margin),
        );
        let Some((a, b)) = clip(a, b, bounds) else {
            return;
        };
        let d = b - a;
        let steps = d.x.abs().max(d.y.abs()).ceil().max(1.0) as i64;
        let step = d / steps as f32;
        let across_x = d.y.abs() > d.x.abs();
        let mut p = a;
        for _ in 0..=steps {
            let (x, y) = (near(p.x), near(p.y));
            for k in 0..width {
                let off = k - width / 2;
                if across_x {
                    self.plot(x + off, y, ink);
                } else {
                    self.plot(x, y + off, ink);
                }
            }
            p += step;
        }
    }

    /// An answer's route as straight pieces, fewer where it is short on screen.
    fn route(&mut self, route: &[[Pos2; 4]], width: i64, ink: Ink) {
        for s in route {
            let p = s.map(|q| self.to_px(q));
            let reach = p[0].distance(p[1]) + p[1].distance(p[2]) + p[2].distance(p[3]);
            let pieces = (reach / 6.0).ceil().clamp(1.0, 24.0) as usize;
            let mut from = p[0];
            for i in 1..=pieces {
                let to = bezier_point(&p, i as f32 / pieces as f32);
                self.line(from, to, width, ink);
                from = to;
            }
        }
    }
}

/// The nearest whole pixel to `v`, for `v` inside a line's clipped range (above -64):
/// a truncating conversion, since `f32::round` is a library call on the baseline
/// x86-64 target and this runs for every pixel of every answer.
fn near(v: f32) -> i64 {
    (v + 64.5) as i64 - 64
}

/// How much one thin answer covers a pixel (of 255).
const COVER: u8 = 120;

/// Where a line's pixels go: blended in a colour, or added to the coverage layer.
#[derive(Clone, Copy)]
enum Ink {
    Blend(Color32),
    Cover,
}

/// Source-over: premultiplied `c` over `d`.
fn over(c: Color32, d: Color32) -> Color32 {
    let keep = 255 - u16::from(c.a());
    let mix = |s: u8, d: u8| (u16::from(s) + (u16::from(d) * keep + 127) / 255).min(255) as u8;
    Color32::from_rgba_premultiplied(
        mix(c.r(), d.r()),
        mix(c.g(), d.g()),
        mix(c.b(), d.b()),
        mix(c.a(), d.a()),
    )
}

/// A premultiplied colour at `cover` (of 255) of its strength.
fn scaled(c: Color32, cover: u8) -> Color32 {
    let f = |v: u8| ((u16::from(v) * u16::from(cover) + 127) / 255) as u8;
    Color32::from_rgba_premultiplied(f(c.r()), f(c.g()), f(c.b()), f(c.a()))
}

/// The part of segment `a`-`b` inside `r` (Liang and Barsky's clipping), if any.
fn clip(a: Pos2, b: Pos2, r: Rect) -> Option<(Pos2, Pos2)> {
    let d = b - a;
    let (mut t0, mut t1) = (0.0f32, 1.0f32);
    for (p, q) in [
        (-d.x, a.x - r.min.x),
        (d.x, r.max.x - a.x),
        (-d.y, a.y - r.min.y),
        (d.y, r.max.y - a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    (t0 <= t1).then(|| (a + d * t0, a + d * t1))
}

/// The width and colour of an answer the walk marks (on the walk, or one of the
/// current question's), drawn over the coverage layer.
fn walk_ink(a: &EdgeView) -> Option<(i64, Color32)> {
    if a.on_route {
        return Some((4, ROUTE_COLOR));
    }
    match a.highlight {
        Highlight::Path => Some((3, PATH_COLOR)),
        Highlight::Option => Some((2, SELECT_COLOR)),
        _ => None,
    }
}

/// A node's colour in the image: its accent (a question's dimension, green for an
/// outcome), the walk's colour on the path.
fn node_ink(v: &NodeView, visuals: &Visuals) -> Color32 {
    match v.highlight {
        Highlight::Path | Highlight::Current => PATH_COLOR,
        h => fade(v.accent, h, visuals.panel_fill),
    }
}

impl TreeView {
    /// The view of canvas area `seen` as an image of `size` pixels.
    pub fn overview_image(&self, seen: Rect, size: [usize; 2], visuals: &Visuals) -> ColorImage {
        let cover = self.answer_coverage(seen, size);
        self.overview_over(seen, size, &cover, visuals)
    }

    /// How much the answers cover each pixel of the image of `seen` at `size` pixels:
    /// the part of the image that depends on the layout alone.
    pub(super) fn answer_coverage(&self, seen: Rect, size: [usize; 2]) -> Vec<u8> {
        let mut raster = Raster::new(seen, size, false);
        for k in self.index.answers_in(seen) {
            raster.route(&self.answers[k].route, 1, Ink::Cover);
        }
        raster.cover
    }

    /// The image of `seen` at `size` pixels, over the answers' coverage `cover`: the
    /// answers in grey, the walk's over them, then the nodes and their marks.
    pub(super) fn overview_over(
        &self,
        seen: Rect,
        size: [usize; 2],
        cover: &[u8],
        visuals: &Visuals,
    ) -> ColorImage {
        let mut raster = Raster::new(seen, size, true);
        raster.compose(cover, visuals.weak_text_color().gamma_multiply(0.55));
        let mut walked: Vec<(usize, (i64, Color32))> = self
            .index
            .answers_in(seen)
            .filter_map(|k| Some((k, walk_ink(&self.answers[k])?)))
            .collect();
        // The walk's own answers last, so the current question's do not cover them.
        walked.sort_by_key(|&(k, (width, _))| (width, k));
        for (k, (width, color)) in walked {
            raster.route(&self.answers[k].route, width, Ink::Blend(color));
        }
        let mut nodes: Vec<usize> = self.index.nodes_in(seen).collect();
        nodes.sort_unstable();
        let mut marked = Vec::new();
        for k in nodes {
            let Some(v) = self.copy_view(k) else {
                continue;
            };
            let r = self.rects[k].1;
            raster.fill(r, 2.0, node_ink(v, visuals));
            let flagged = v.selected || v.matched || v.changed || v.on_route || v.badge.is_some();
            if v.highlight == Highlight::Current || flagged {
                marked.push(k);
            }
        }
        // Marks above every node, larger than the node, so they show from afar.
        for k in marked {
            let Some(v) = self.copy_view(k) else {
                continue;
            };
            let r = self.rects[k].1;
            if v.on_route {
                raster.fill(r, 20.0, ROUTE_COLOR);
            }
            if v.changed {
                raster.fill(r, 17.0, CHANGE_COLOR);
            }
            if v.matched {
                raster.fill(r, 14.0, MATCH_COLOR);
            }
            if v.selected {
                raster.fill(r, 11.0, SELECT_COLOR);
            }
            if v.highlight == Highlight::Current {
                raster.fill(r, 8.0, PATH_COLOR);
            }
            if let Some(s) = v.badge {
                raster.fill(
                    Rect::from_center_size(r.right_top(), Vec2::ZERO),
                    3.0,
                    palette::severity(s),
                );
            }
        }
        ColorImage::new(size, raster.pixels)
    }
}
