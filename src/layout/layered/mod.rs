//! Layered layout of a decision DAG (the Sugiyama framework, as in Graphviz `dot`): a pure
//! function from the graph's shape, each node's size and each answer label's size to node
//! positions, routed edges and label boxes. No egui types, no I/O, no recursion.
//!
//! This module owns where nodes, answer labels and edge routes go:
//!
//! - **Ranks.** A node's level is its longest path from the roots (an edge that closes a
//!   cycle, possible in a tree being edited, is turned round first and still drawn). Ranks are doubled: nodes sit on even ranks, and every
//!   answer's label is a box on the odd rank just below its question, so labels take room
//!   in the drawing like nodes do and can never sit on a node or on another label.
//! - **Channels.** An answer that spans more than one level passes every rank between its
//!   ends through a reserved thin slot (a virtual node), so no edge runs through a box it
//!   does not end at: inside a rank's band an edge runs straight along the depth axis in
//!   its own slot, and between bands it is an S-curve whose tangents follow the depth axis,
//!   which stays inside the empty gap between the two bands.
//! - **Order.** Nodes start in the depth-first order of the author's answers (which is
//!   crossing-free on a pure tree), then bounded weighted-median sweeps with
//!   transposition reduce crossings; a sweep's result is kept only when it strictly
//!   lowers the count, so the author's order survives wherever changing it buys nothing.
//! - **Coordinates.** Each rank is packed with the real box widths and the gaps in
//!   [`Spacing`]; bounded alternating sweeps pull every item towards its neighbours in the
//!   adjacent rank (long edges weigh more, so they straighten), solving each rank exactly
//!   as a least-squares problem with minimum gaps (pool-adjacent-violators, linear).
//!
//! Every pass is linear in the number of items, or n log n for the sorts and crossing
//! counts, and the number of sweeps is bounded, so 100,000 nodes lay out in about 0.3 s.
//! Items are the nodes, one label per answer, and one channel per further rank an
//! answer skips, within a budget of 8 channels per node and answer (at least 200,000):
//! past it the answers that skip the most ranks keep only their label, and their last
//! stretch is drawn straight down across whatever lies between (the one place an edge
//! may cross a box). Ordinary trees stay far inside the budget; a question with 20,000
//! answers into a 20,000-deep chain, each at another depth, would otherwise need
//! 4 x 10^8 channels. So the item count, and the layout, stay linear in the graph.

mod coords;
mod order;
mod ranks;
#[cfg(test)]
mod tests;

use super::Orientation;

/// A point in drawing coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

/// A width and height as drawn (the width is along x whatever the orientation).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Size {
    pub w: f32,
    pub h: f32,
}

/// An axis-aligned box in drawing coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub min: Point,
    pub max: Point,
}

impl Point {
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }
}

impl Size {
    pub const fn new(w: f32, h: f32) -> Self {
        Self { w, h }
    }
}

impl Rect {
    pub fn from_center_size(c: Point, s: Size) -> Self {
        Self {
            min: Point::new(c.x - s.w / 2.0, c.y - s.h / 2.0),
            max: Point::new(c.x + s.w / 2.0, c.y + s.h / 2.0),
        }
    }

    pub fn center(&self) -> Point {
        Point::new(
            (self.min.x + self.max.x) / 2.0,
            (self.min.y + self.max.y) / 2.0,
        )
    }

    pub fn width(&self) -> f32 {
        self.max.x - self.min.x
    }

    pub fn height(&self) -> f32 {
        self.max.y - self.min.y
    }

    /// The smallest box holding both; an empty (inverted) box is the identity.
    pub fn union(&self, other: &Rect) -> Rect {
        Rect {
            min: Point::new(self.min.x.min(other.min.x), self.min.y.min(other.min.y)),
            max: Point::new(self.max.x.max(other.max.x), self.max.y.max(other.max.y)),
        }
    }

    /// True when the interiors overlap by more than `tolerance` on both axes.
    pub fn overlaps(&self, other: &Rect, tolerance: f32) -> bool {
        self.min.x + tolerance < other.max.x
            && other.min.x + tolerance < self.max.x
            && self.min.y + tolerance < other.max.y
            && other.min.y + tolerance < self.max.y
    }

    /// A box that holds nothing; `union` with it gives the other box.
    pub const NOTHING: Rect = Rect {
        min: Point::new(f32::INFINITY, f32::INFINITY),
        max: Point::new(f32::NEG_INFINITY, f32::NEG_INFINITY),
    };
}

/// One answer: an edge from question `from` to node `to`, with its label's size
/// (zero for no label). Edges leave a node in the order they are listed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub label: Size,
}

/// The shape to lay out.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// Size of node `i` as drawn.
    pub sizes: &'a [Size],
    /// Every answer, in the author's order per question.
    pub edges: &'a [Edge],
    /// Where to start, side by side in this order. Nodes no root reaches are placed too,
    /// as further roots in index order, so a broken tree still shows everything.
    pub roots: &'a [usize],
}

/// Gaps between boxes, in drawing units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spacing {
    /// Between neighbouring boxes in one rank (nodes, labels, channels).
    pub item: f32,
    /// Between the bands of consecutive ranks (node rank to label rank and on).
    pub rank: f32,
    /// Width of an edge's reserved channel through a rank.
    pub channel: f32,
}

impl Default for Spacing {
    fn default() -> Self {
        Self {
            item: 24.0,
            rank: 28.0,
            channel: 10.0,
        }
    }
}

/// Where an edge goes: a path of cubic Bézier segments from the source box's far side to
/// the target box's near side, and its label box.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Route {
    /// Consecutive cubic segments `[p0, p1, p2, p3]`; each starts where the previous one
    /// ended. Straight runs are cubics with their control points on the line.
    pub segments: Vec<[Point; 4]>,
    /// The label's box, when the edge has a label; the route passes through its centre.
    pub label: Option<Rect>,
}

impl Route {
    /// First point of the route.
    pub fn start(&self) -> Option<Point> {
        self.segments.first().map(|s| s[0])
    }

    /// Last point of the route (where the arrowhead goes).
    pub fn end(&self) -> Option<Point> {
        self.segments.last().map(|s| s[3])
    }

    /// The route flattened to a polyline with `steps` points per segment (plus the start).
    pub fn polyline(&self, steps: usize) -> Vec<Point> {
        let steps = steps.max(1);
        let mut out = Vec::with_capacity(self.segments.len() * steps + 1);
        if let Some(p) = self.start() {
            out.push(p);
        }
        for s in &self.segments {
            let straight = is_straight(s);
            let k = if straight { 1 } else { steps };
            for i in 1..=k {
                out.push(bezier(s, i as f32 / k as f32));
            }
        }
        out
    }
}

fn is_straight(s: &[Point; 4]) -> bool {
    (s[0].x == s[3].x || s[0].y == s[3].y)
        && (s[1].x == s[0].x || s[1].y == s[0].y)
        && (s[2].x == s[3].x || s[2].y == s[3].y)
}

/// Point at parameter `t` on a cubic Bézier segment.
pub fn bezier(p: &[Point; 4], t: f32) -> Point {
    let u = 1.0 - t;
    let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
    Point::new(
        a * p[0].x + b * p[1].x + c * p[2].x + d * p[3].x,
        a * p[0].y + b * p[1].y + c * p[2].y + d * p[3].y,
    )
}

/// Where everything goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Centre of node `i`; `None` only for nodes out of range of `sizes`.
    pub centers: Vec<Option<Point>>,
    /// The route of edge `i`; `None` for an edge that is out of range or a self-loop
    /// (those are not drawn). An edge that closes a cycle is routed up the ranks.
    pub routes: Vec<Option<Route>>,
    /// The union of every node box, label box and route.
    pub bounds: Rect,
}

/// Lays out `input`; see the module docs.
pub fn layout(input: Input<'_>, orientation: Orientation, spacing: Spacing) -> Layout {
    let n = input.sizes.len();
    let g = ranks::Layered::build(n, input.edges, input.roots);
    let order = order::order(&g);
    let pos = order::positions(&g, &order);
    let (breadth, depth) = item_extents(&g, input, orientation, clean(spacing.channel));
    let ports = coords::Ports::new(&g, &pos, &breadth);
    let x = breadth_positions(&g, &order, &breadth, clean(spacing.item), &ports);
    let band = rank_bands(&g, &depth);
    let centre = rank_centres(&g, &x, &ports, &band, clean(spacing.rank));
    let placed = Placed {
        g: &g,
        x: &x,
        breadth: &breadth,
        depth: &depth,
        band: &band,
        centre: &centre,
        orientation,
    };
    let mut bounds = Rect::NOTHING;
    let centers = node_centers(&placed, &mut bounds);
    let routes = edge_routes(&placed, &ports, &mut bounds);
    if n == 0 {
        bounds = Rect::default();
    }
    Layout {
        centers,
        routes,
        bounds,
    }
}

/// A caller's length as the layout uses it: anything not finite and positive (a
/// broken size from a file or a font) counts as zero.
fn clean(v: f32) -> f64 {
    if v.is_finite() && v > 0.0 {
        f64::from(v)
    } else {
        0.0
    }
}

/// A size as (breadth, depth): the layout works top-down, breadth along x and depth
/// along y, and left-right swaps the axes, here and at the end in [`Placed`].
fn extent(s: Size, orientation: Orientation) -> (f64, f64) {
    match orientation {
        Orientation::TopDown => (clean(s.w), clean(s.h)),
        Orientation::LeftRight => (clean(s.h), clean(s.w)),
    }
}

/// Breadth and depth of every item, so the later passes need not know what an item
/// stands for: a node's box, a label's box, and a thin channel for a channel or an
/// answer without a label.
fn item_extents(
    g: &ranks::Layered,
    input: Input<'_>,
    orientation: Orientation,
    channel: f64,
) -> (Vec<f64>, Vec<f64>) {
    let items = g.items();
    let mut breadth = vec![0.0; items];
    let mut depth = vec![0.0; items];
    for i in 0..items {
        let (b, d) = match g.kind[i] {
            ranks::Item::Node(v) => extent(input.sizes[v], orientation),
            ranks::Item::Label(e) => {
                let (b, d) = extent(input.edges[e].label, orientation);
                if b > 0.0 && d > 0.0 {
                    (b, d)
                } else {
                    (channel, 0.0)
                }
            }
            ranks::Item::Channel(_) => (channel, 0.0),
        };
        breadth[i] = b;
        depth[i] = d;
    }
    (breadth, depth)
}

/// The centre of every item along the breadth axis, shifted so the drawing starts at 0.
fn breadth_positions(
    g: &ranks::Layered,
    order: &order::Order,
    breadth: &[f64],
    gap: f64,
    ports: &coords::Ports,
) -> Vec<f64> {
    let mut x = coords::assign(g, order, &coords::Boxes { breadth, gap }, ports);
    let left = (0..g.items())
        .map(|i| x[i] - breadth[i] / 2.0)
        .fold(f64::INFINITY, f64::min);
    if left.is_finite() {
        x.iter_mut().for_each(|v| *v -= left);
    }
    x
}

/// Each rank's band: as deep as its deepest box, so boxes on one rank line up.
fn rank_bands(g: &ranks::Layered, depth: &[f64]) -> Vec<f64> {
    let mut band = vec![0.0_f64; g.rank_count];
    for i in 0..g.items() {
        band[g.rank[i]] = band[g.rank[i]].max(depth[i]);
    }
    band
}

/// Each rank's centre along the depth axis. The gap below a rank grows with how far its
/// edges travel sideways, so steep fans do not flatten into lines.
fn rank_centres(
    g: &ranks::Layered,
    x: &[f64],
    ports: &coords::Ports,
    band: &[f64],
    rank_gap: f64,
) -> Vec<f64> {
    let ranks = g.rank_count;
    let mut travel = vec![0.0_f64; ranks];
    for a in 0..g.items() {
        for (&b, seg) in g.down(a).iter().zip(g.down_segments(a)) {
            let dx = (x[b] + ports.bottom[seg] - x[a] - ports.top[seg]).abs();
            travel[g.rank[a]] = travel[g.rank[a]].max(dx);
        }
    }
    let mut centre = vec![0.0_f64; ranks];
    for r in 1..ranks {
        let gap_here = rank_gap.max((travel[r - 1] * 0.15).min(rank_gap * 3.0));
        centre[r] = centre[r - 1] + band[r - 1] / 2.0 + gap_here + band[r] / 2.0;
    }
    centre
}

/// Where every item went, in layout coordinates (breadth, depth), with the way back to
/// drawing coordinates: what the node and route passes share.
struct Placed<'a> {
    g: &'a ranks::Layered,
    x: &'a [f64],
    breadth: &'a [f64],
    depth: &'a [f64],
    band: &'a [f64],
    centre: &'a [f64],
    orientation: Orientation,
}

impl Placed<'_> {
    /// A layout-coordinate point in drawing coordinates.
    fn to_point(&self, bx: f64, dy: f64) -> Point {
        match self.orientation {
            Orientation::TopDown => Point::new(bx as f32, dy as f32),
            Orientation::LeftRight => Point::new(dy as f32, bx as f32),
        }
    }

    /// Item `i`'s box in drawing coordinates.
    fn rect(&self, i: usize) -> Rect {
        let c = self.to_point(self.x[i], self.centre[self.g.rank[i]]);
        let (b, d) = (self.breadth[i] as f32, self.depth[i] as f32);
        let s = match self.orientation {
            Orientation::TopDown => Size::new(b, d),
            Orientation::LeftRight => Size::new(d, b),
        };
        Rect::from_center_size(c, s)
    }
}

/// Every node's centre in drawing coordinates, growing `bounds` by its box.
fn node_centers(p: &Placed<'_>, bounds: &mut Rect) -> Vec<Option<Point>> {
    let mut centers = Vec::with_capacity(p.g.item_of_node.len());
    for &i in &p.g.item_of_node {
        *bounds = bounds.union(&p.rect(i));
        centers.push(Some(p.to_point(p.x[i], p.centre[p.g.rank[i]])));
    }
    centers
}

/// Every edge's route, in the caller's edge order, growing `bounds` by the routes and
/// label boxes. One point buffer serves all edges.
fn edge_routes(p: &Placed<'_>, ports: &coords::Ports, bounds: &mut Rect) -> Vec<Option<Route>> {
    let mut routes = Vec::with_capacity(p.g.chains.len());
    let mut pts: Vec<(f64, f64, bool)> = Vec::new();
    for chain in &p.g.chains {
        let Some(chain) = chain else {
            routes.push(None);
            continue;
        };
        let mut route = Route::default();
        route_points(p, ports, chain, &mut pts, &mut route, bounds);
        route_segments(p, &pts, &mut route);
        if chain.reversed {
            route.segments.reverse();
            for s in &mut route.segments {
                s.reverse();
            }
        }
        for s in &route.segments {
            for q in s {
                *bounds = bounds.union(&Rect { min: *q, max: *q });
            }
        }
        routes.push(Some(route));
    }
    routes
}

/// The points a chain's route passes, as (breadth, depth, straight-to-next), into
/// `pts`: a straight run inside a band is followed by an S-curve across the gap. Sets
/// the route's label box (growing `bounds` by it) when the chain has a drawn label.
fn route_points(
    p: &Placed<'_>,
    ports: &coords::Ports,
    chain: &ranks::Chain,
    pts: &mut Vec<(f64, f64, bool)>,
    route: &mut Route,
    bounds: &mut Rect,
) {
    let (g, x, depth, band, centre) = (p.g, p.x, p.depth, p.band, p.centre);
    let segs = g.chain_segments(chain);
    pts.clear();
    let (top, bottom) = (chain.top, chain.bottom);
    let (rt, rb) = (g.rank[top], g.rank[bottom]);
    let out_x = x[top] + ports.top[segs[0]];
    pts.push((out_x, centre[rt] + depth[top] / 2.0, true));
    pts.push((out_x, centre[rt] + band[rt] / 2.0, false));
    for &c in g.chain_items(chain) {
        let r = g.rank[c];
        pts.push((x[c], centre[r] - band[r] / 2.0, true));
        pts.push((x[c], centre[r] + band[r] / 2.0, false));
        if matches!(g.kind[c], ranks::Item::Label(_)) && depth[c] > 0.0 {
            let label = p.rect(c);
            *bounds = bounds.union(&label);
            route.label = Some(label);
        }
    }
    let in_x = if chain.cut {
        x[bottom]
    } else {
        x[bottom] + ports.bottom[segs[segs.len() - 1]]
    };
    pts.push((in_x, centre[rb] - band[rb] / 2.0, true));
    pts.push((in_x, centre[rb] - depth[bottom] / 2.0, false));
}

/// Turns consecutive route points into cubic segments in drawing coordinates: straight
/// runs with their control points on the line, S-curves with tangents along the depth
/// axis; repeated points are skipped.
fn route_segments(p: &Placed<'_>, pts: &[(f64, f64, bool)], route: &mut Route) {
    route.segments.reserve_exact(pts.len() - 1);
    for w in pts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9 {
            continue;
        }
        let (p0, p3) = (p.to_point(a.0, a.1), p.to_point(b.0, b.1));
        let segment = if a.2 {
            let third = |t: f64| p.to_point(a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            [p0, third(1.0 / 3.0), third(2.0 / 3.0), p3]
        } else {
            let mid = (a.1 + b.1) / 2.0;
            [p0, p.to_point(a.0, mid), p.to_point(b.0, mid), p3]
        };
        route.segments.push(segment);
    }
}
