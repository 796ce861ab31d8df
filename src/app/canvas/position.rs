//! Where the view is and where it may go: the view position, its animated moves, the
//! room the canvas leaves for content and the zoom limits. Pure geometry, no egui state,
//! so every rule about framing and zooming is in one place.

use egui::{Pos2, Rect, Vec2};

/// One wheel notch, one Ctrl+= or Ctrl+-, one press of a zoom button.
pub(in crate::app) const ZOOM_STEP: f32 = 1.1;
/// Closer than this, a node fills most of the canvas and nothing around it shows.
const MAX_ZOOM: f32 = 4.0;
/// How far below the fitted zoom the user may go: further, the tree is a speck.
const MIN_ZOOM_OF_FIT: f32 = 0.5;
/// Space kept between the canvas edges and what fit and follow bring into view.
const MARGIN: f32 = 32.0;
/// How long fit and follow take to move the view, in seconds.
const ANIMATION_SECS: f64 = 0.25;

/// A zoom asked for by a key, a button or a menu.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(in crate::app) enum ZoomTo {
    By(f32),
    Exactly(f32),
}

/// Where the view is, as egui_graphs keeps it: a canvas point `p` shows at
/// `p * zoom + pan`, relative to the canvas's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct ViewPos {
    pub(super) zoom: f32,
    pub(super) pan: Vec2,
}

impl ViewPos {
    pub(super) fn of(meta: &egui_graphs::MetadataFrame) -> Self {
        Self {
            zoom: meta.zoom,
            pan: meta.pan,
        }
    }

    fn to_local(self, r: Rect) -> Rect {
        Rect::from_min_max(
            (r.min.to_vec2() * self.zoom + self.pan).to_pos2(),
            (r.max.to_vec2() * self.zoom + self.pan).to_pos2(),
        )
    }

    pub(super) fn to_canvas(self, local: Pos2) -> Pos2 {
        ((local.to_vec2() - self.pan) / self.zoom).to_pos2()
    }

    /// The view at `zoom` that keeps what is under `at` (a local point) where it is.
    pub(super) fn zoomed(self, zoom: f32, at: Pos2) -> Self {
        let c = self.to_canvas(at).to_vec2();
        Self {
            zoom,
            pan: at.to_vec2() - c * zoom,
        }
    }

    /// The view at the same zoom with canvas point `c` at local point `at`.
    pub(super) fn centred(self, c: Pos2, at: Pos2) -> Self {
        Self {
            zoom: self.zoom,
            pan: at.to_vec2() - c.to_vec2() * self.zoom,
        }
    }

    fn close_to(self, other: Self) -> bool {
        (self.zoom / other.zoom - 1.0).abs() < 1e-4 && (self.pan - other.pan).length() < 0.5
    }
}

/// A move of the view in progress.
#[derive(Debug, Clone, Copy)]
pub(in crate::app) struct ViewAnim {
    from: ViewPos,
    to: ViewPos,
    /// The local point the interpolation is measured at (the middle of the canvas).
    focus: Pos2,
    start: f64,
}

impl ViewAnim {
    /// A move from `from` to `to` starting at `now`; `None` when the view is there
    /// already, so a request that changes nothing does not keep the app repainting.
    pub(super) fn between(from: ViewPos, to: ViewPos, focus: Pos2, now: f64) -> Option<Self> {
        (!from.close_to(to)).then_some(Self {
            from,
            to,
            focus,
            start: now,
        })
    }

    /// Where the move ends.
    pub(super) fn target(&self) -> ViewPos {
        self.to
    }

    /// The view at time `now`, and whether the move is over.
    pub(super) fn at(&self, now: f64) -> (ViewPos, bool) {
        let t = ((now - self.start) / ANIMATION_SECS).clamp(0.0, 1.0) as f32;
        if t >= 1.0 {
            return (self.to, true);
        }
        let e = t * t * (3.0 - 2.0 * t);
        // Zoom changes by equal ratios and the point in the middle glides, so a fit
        // from far in does not rush past the tree.
        let zoom = self.from.zoom * (self.to.zoom / self.from.zoom).powf(e);
        let c0 = self.from.to_canvas(self.focus);
        let c1 = self.to.to_canvas(self.focus);
        let c = c0 + (c1 - c0) * e;
        (
            ViewPos {
                zoom,
                pan: self.focus.to_vec2() - c.to_vec2() * zoom,
            },
            false,
        )
    }
}

/// The canvas as fit, follow and zoom limits see it: its size, and the part of it the
/// minimap covers, both with the origin at the canvas's top-left corner.
#[derive(Debug, Clone, Copy)]
pub(super) struct Room {
    pub(super) size: Vec2,
    pub(super) cover: Option<Rect>,
}

impl Room {
    pub(super) fn local(&self) -> Rect {
        Rect::from_min_size(Pos2::ZERO, self.size)
    }

    /// Where content can go: the whole canvas, or beside or above the minimap.
    fn places(&self) -> Vec<Rect> {
        let local = self.local();
        let mut places = vec![local];
        if let Some(c) = self.cover {
            places.push(Rect::from_min_max(
                local.min,
                Pos2::new(c.min.x, local.max.y),
            ));
            places.push(Rect::from_min_max(
                local.min,
                Pos2::new(local.max.x, c.min.y),
            ));
        }
        places
    }

    /// The view that shows `content` (canvas coordinates) whole, centred, with a margin,
    /// at a zoom between `min` and `max`; where the minimap is shown, clear of it, in
    /// whichever place shows the content largest.
    pub(super) fn frame(&self, content: Rect, min: f32, max: f32) -> Option<ViewPos> {
        if !content.is_finite() || content.width() < 0.0 || content.height() < 0.0 {
            return None;
        }
        let mut best: Option<(ViewPos, bool)> = None;
        for place in self.places() {
            let room = place.shrink(MARGIN);
            if room.width() < 1.0 || room.height() < 1.0 {
                continue;
            }
            let fit = (room.width() / content.width().max(1.0))
                .min(room.height() / content.height().max(1.0));
            let zoom = fit.min(max).max(min);
            let pos = ViewPos {
                zoom,
                pan: room.center().to_vec2() - content.center().to_vec2() * zoom,
            };
            let clear = self.clear(pos.to_local(content));
            let better = match best {
                None => true,
                Some((b, b_clear)) => (clear && !b_clear) || (clear == b_clear && zoom > b.zoom),
            };
            if better {
                best = Some((pos, clear));
            }
        }
        best.map(|(pos, _)| pos)
    }

    fn clear(&self, local: Rect) -> bool {
        self.cover.is_none_or(|c| !c.intersects(local))
    }

    /// Whether `content` is already in view at `pos`, away from the edges and the minimap.
    pub(super) fn shows(&self, pos: ViewPos, content: Rect) -> bool {
        let r = pos.to_local(content);
        self.local().shrink(MARGIN / 2.0).contains_rect(r) && self.clear(r)
    }

    /// The zoom limits: `MAX_ZOOM`, and half of what fits the whole tree.
    pub(super) fn limits(&self, bounds: Rect) -> Limits {
        let fitted = self.frame(bounds, 0.0, 1.0).map_or(1.0, |f| f.zoom);
        Limits {
            min: fitted * MIN_ZOOM_OF_FIT,
            max: MAX_ZOOM,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    pub(super) min: f32,
    max: f32,
}

impl Limits {
    /// `wanted`, kept within the limits, except that a view already beyond one (the tree
    /// grew or the window shrank) is never pushed further out by a step the other way.
    pub(super) fn clamp(&self, current: f32, wanted: f32) -> f32 {
        if wanted < current {
            wanted.max(self.min.min(current))
        } else {
            wanted.min(self.max.max(current))
        }
    }
}
