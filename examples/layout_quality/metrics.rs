//! Layout-quality counts over one drawing representation: node boxes, edges as polylines
//! (curves are sampled before they get here) and answer-label boxes. Every tool's output
//! is converted to a [`Drawing`] and measured by [`measure`], so the counts compare.
//!
//! Counting is bucketed on a uniform grid, kept sparse by sorting `(cell, item)` pairs, so
//! a 10,000-node drawing is measured in well under a second. A pair of items that shares
//! several cells is counted once: in the cell holding a point both items contain (the
//! overlap's corner, the crossing point), or by deduplicating the pairs found.

/// A point in drawing units (px), y down.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct P {
    pub x: f64,
    pub y: f64,
}

/// An axis-aligned box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub min: P,
    pub max: P,
}

impl P {
    pub const fn new(x: f64, y: f64) -> Self {
        Self { x, y }
    }
}

impl Rect {
    pub fn centered(x: f64, y: f64, w: f64, h: f64) -> Self {
        Self {
            min: P::new(x - w / 2.0, y - h / 2.0),
            max: P::new(x + w / 2.0, y + h / 2.0),
        }
    }

    fn shrunk(&self, by: f64) -> Self {
        Self {
            min: P::new(self.min.x + by, self.min.y + by),
            max: P::new(self.max.x - by, self.max.y - by),
        }
    }
}

/// One answer as drawn: from node `from` to node `to`, along `path`, with its label box.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub path: Vec<P>,
    pub label: Option<Rect>,
}

/// A whole drawing; `nodes[i]` is node `i`'s box.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Drawing {
    pub nodes: Vec<Rect>,
    pub edges: Vec<Edge>,
}

/// (a) counts an edge against a node box when one of its segments runs inside the box
/// shrunk by this much on every side: a route that only touches a box's border, or ends
/// on it, is not a crossing.
pub const NODE_SHRINK: f64 = 1.0;
/// (b) counts two boxes as overlapping when they overlap by more than this on both axes.
pub const OVERLAP_TOLERANCE: f64 = 0.5;
/// (c) ignores a crossing of two edges that share a node when it lies this close to
/// either edge's end at that node: edges into one box converge there.
pub const SHARED_END_RADIUS: f64 = 3.0;

/// Sorted pairs of indices (edge and node, or edge and edge).
pub type Pairs = Vec<(usize, usize)>;

/// What [`measure`] finds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Metrics {
    /// (a) `(edge, node)` pairs where the edge runs through a node box it does not end
    /// at, sorted.
    pub through: Pairs,
    /// (b) `(edge, node)` pairs where the edge's label overlaps a node box (its own ends
    /// included), sorted.
    pub label_on_node: Pairs,
    /// (b) `(edge, edge)` pairs, smaller first, whose labels overlap, sorted.
    pub label_on_label: Pairs,
    /// (c) Proper crossings between segments of different edges: the two edges (smaller
    /// first) and where, sorted.
    pub crossings: Vec<Crossing>,
    /// (d) Width and height of the box holding every node, label and path point.
    pub width: f64,
    pub height: f64,
    /// (d) Total length of every path.
    pub edge_length: f64,
}

/// Where two edges cross.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Crossing {
    pub edges: (usize, usize),
    pub at: P,
}

impl Metrics {
    pub fn area(&self) -> f64 {
        self.width * self.height
    }
}

/// Everything [`Metrics`] holds, for one drawing.
pub fn measure(d: &Drawing) -> Metrics {
    measure_with_cell(d, cell_size(d))
}

/// [`measure`] with a given grid cell size: the counts must not depend on it (a cell
/// larger than the drawing makes it the plain all-pairs count).
pub fn measure_with_cell(d: &Drawing, cell: f64) -> Metrics {
    let (min, max) = bounds(d);
    let grid = Grid::new(min, max, cell);
    let segments = segments(d);
    let (through, crossings) = edge_counts(d, &grid, &segments);
    let (label_on_node, label_on_label) = label_counts(d, &grid);
    Metrics {
        through,
        label_on_node,
        label_on_label,
        crossings,
        width: (max.x - min.x).max(0.0),
        height: (max.y - min.y).max(0.0),
        edge_length: d
            .edges
            .iter()
            .flat_map(|e| e.path.windows(2))
            .map(|w| (w[1].x - w[0].x).hypot(w[1].y - w[0].y))
            .sum(),
    }
}

fn bounds(d: &Drawing) -> (P, P) {
    let mut min = P::new(f64::INFINITY, f64::INFINITY);
    let mut max = P::new(f64::NEG_INFINITY, f64::NEG_INFINITY);
    let mut add = |p: P| {
        min = P::new(min.x.min(p.x), min.y.min(p.y));
        max = P::new(max.x.max(p.x), max.y.max(p.y));
    };
    for r in d
        .nodes
        .iter()
        .chain(d.edges.iter().filter_map(|e| e.label.as_ref()))
    {
        add(r.min);
        add(r.max);
    }
    d.edges.iter().flat_map(|e| &e.path).for_each(|&p| add(p));
    if min.x > max.x {
        (P::default(), P::default())
    } else {
        (min, max)
    }
}

/// About the size of a small box, so a box covers a few cells and a cell holds a few
/// items; never below 16 px, so sub-pixel geometry cannot make the grid explode.
fn cell_size(d: &Drawing) -> f64 {
    let n = d.nodes.len().max(1) as f64;
    let mean: f64 = d
        .nodes
        .iter()
        .map(|r| (r.max.x - r.min.x + r.max.y - r.min.y) / 2.0)
        .sum::<f64>()
        / n;
    (mean / 2.0).max(16.0)
}

struct Grid {
    origin: P,
    cell: f64,
    columns: u64,
}

impl Grid {
    fn new(min: P, max: P, cell: f64) -> Self {
        Self {
            origin: min,
            cell,
            columns: ((max.x - min.x) / cell).floor() as u64 + 2,
        }
    }

    fn coords(&self, p: P) -> (u64, u64) {
        let x = ((p.x - self.origin.x) / self.cell).floor().max(0.0) as u64;
        let y = ((p.y - self.origin.y) / self.cell).floor().max(0.0) as u64;
        (x, y)
    }

    fn key(&self, p: P) -> u64 {
        let (x, y) = self.coords(p);
        y * self.columns + x
    }

    /// Every cell the box from `a` to `b` (any corners) touches.
    fn cover(&self, a: P, b: P, mut f: impl FnMut(u64)) {
        let (x0, y0) = self.coords(P::new(a.x.min(b.x), a.y.min(b.y)));
        let (x1, y1) = self.coords(P::new(a.x.max(b.x), a.y.max(b.y)));
        for y in y0..=y1 {
            for x in x0..=x1 {
                f(y * self.columns + x);
            }
        }
    }

    /// Every cell a segment passes through (and a few next to it): the segment is cut
    /// into pieces no longer than a cell, each covered by its bounding box.
    fn cover_segment(&self, a: P, b: P, mut f: impl FnMut(u64)) {
        let pieces = ((b.x - a.x).hypot(b.y - a.y) / self.cell).ceil().max(1.0) as usize;
        let mut last = u64::MAX;
        for k in 0..pieces {
            let (t0, t1) = (k as f64 / pieces as f64, (k + 1) as f64 / pieces as f64);
            let p = lerp(a, b, t0);
            let q = lerp(a, b, t1);
            // Consecutive pieces share cells; skipping a repeat of the last one keeps
            // most duplicates out, and the rest are removed after sorting.
            self.cover(p, q, |c| {
                if c != last {
                    f(c);
                    last = c;
                }
            });
        }
    }
}

fn lerp(a: P, b: P, t: f64) -> P {
    P::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
}

struct Segment {
    edge: usize,
    a: P,
    b: P,
}

fn segments(d: &Drawing) -> Vec<Segment> {
    d.edges
        .iter()
        .enumerate()
        .flat_map(|(edge, e)| {
            e.path
                .windows(2)
                .filter(|w| w[0] != w[1])
                .map(move |w| Segment {
                    edge,
                    a: w[0],
                    b: w[1],
                })
        })
        .collect()
}

/// Sorted, deduplicated `(cell, item)` pairs, grouped: each group is one cell's items.
fn buckets(mut pairs: Vec<(u64, u32)>) -> Vec<(u64, u32)> {
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

fn groups(pairs: &[(u64, u32)]) -> impl Iterator<Item = (u64, &[(u64, u32)])> {
    pairs
        .chunk_by(|a, b| a.0 == b.0)
        .map(|chunk| (chunk[0].0, chunk))
}

/// (a) and (c), which both need the segments bucketed.
fn edge_counts(d: &Drawing, grid: &Grid, segs: &[Segment]) -> (Pairs, Vec<Crossing>) {
    let mut seg_cells = Vec::with_capacity(segs.len() * 3);
    for (i, s) in segs.iter().enumerate() {
        grid.cover_segment(s.a, s.b, |c| seg_cells.push((c, i as u32)));
    }
    let seg_cells = buckets(seg_cells);
    let mut node_cells = Vec::with_capacity(d.nodes.len() * 8);
    for (i, r) in d.nodes.iter().enumerate() {
        grid.cover(r.min, r.max, |c| node_cells.push((c, i as u32)));
    }
    let node_cells = buckets(node_cells);

    let mut through = Vec::new();
    let mut nodes = groups(&node_cells).peekable();
    let mut crossings = Vec::new();
    for (cell, in_cell) in groups(&seg_cells) {
        while nodes.next_if(|(c, _)| *c < cell).is_some() {}
        if let Some((_, boxes)) = nodes.next_if(|(c, _)| *c == cell) {
            for &(_, s) in in_cell {
                let s = &segs[s as usize];
                let e = &d.edges[s.edge];
                for &(_, v) in boxes {
                    let v = v as usize;
                    if v != e.from && v != e.to && enters(s.a, s.b, &d.nodes[v].shrunk(NODE_SHRINK))
                    {
                        through.push((s.edge, v));
                    }
                }
            }
        }
        for (k, &(_, i)) in in_cell.iter().enumerate() {
            for &(_, j) in &in_cell[k + 1..] {
                let (s, t) = (&segs[i as usize], &segs[j as usize]);
                if s.edge == t.edge {
                    continue;
                }
                let Some(p) = proper_crossing(s.a, s.b, t.a, t.b) else {
                    continue;
                };
                if grid.key(p) == cell && !near_shared_end(d, s.edge, t.edge, p) {
                    crossings.push(Crossing {
                        edges: (s.edge.min(t.edge), s.edge.max(t.edge)),
                        at: p,
                    });
                }
            }
        }
    }
    through.sort_unstable();
    through.dedup();
    crossings.sort_unstable_by(|a, b| {
        (a.edges.cmp(&b.edges))
            .then(a.at.x.total_cmp(&b.at.x))
            .then(a.at.y.total_cmp(&b.at.y))
    });
    (through, crossings)
}

/// Whether the segment has a stretch of positive length strictly inside `r`
/// (Liang–Barsky clipping; the clipped stretch's midpoint must be interior).
fn enters(a: P, b: P, r: &Rect) -> bool {
    if r.min.x >= r.max.x || r.min.y >= r.max.y {
        return false;
    }
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.x - r.min.x),
        (dx, r.max.x - a.x),
        (-dy, a.y - r.min.y),
        (dy, r.max.y - a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
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
    if t0 >= t1 {
        return false;
    }
    let m = lerp(a, b, (t0 + t1) / 2.0);
    r.min.x < m.x && m.x < r.max.x && r.min.y < m.y && m.y < r.max.y
}

fn cross(o: P, a: P, b: P) -> f64 {
    (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
}

/// The crossing point when segments `ab` and `cd` cross at a point interior to both
/// (touching, collinear overlap and shared ends are not crossings).
fn proper_crossing(a: P, b: P, c: P, d: P) -> Option<P> {
    let (d1, d2) = (cross(c, d, a), cross(c, d, b));
    let (d3, d4) = (cross(a, b, c), cross(a, b, d));
    if d1 * d2 < 0.0 && d3 * d4 < 0.0 {
        Some(lerp(a, b, d1 / (d1 - d2)))
    } else {
        None
    }
}

fn near_shared_end(d: &Drawing, e: usize, f: usize, p: P) -> bool {
    let (e, f) = (&d.edges[e], &d.edges[f]);
    let near = |q: Option<&P>| q.is_some_and(|q| (q.x - p.x).hypot(q.y - p.y) <= SHARED_END_RADIUS);
    let end_at = |edge: &Edge, v: usize| {
        if edge.from == v {
            near(edge.path.first())
        } else {
            near(edge.path.last())
        }
    };
    [e.from, e.to]
        .into_iter()
        .filter(|&v| v == f.from || v == f.to)
        .any(|v| end_at(e, v) || end_at(f, v))
}

/// (b): labels against node boxes and against each other.
fn label_counts(d: &Drawing, grid: &Grid) -> (Pairs, Pairs) {
    // Items: node i is i, the label of edge e is nodes + e.
    let n = d.nodes.len();
    let mut cells = Vec::new();
    for (i, r) in d.nodes.iter().enumerate() {
        grid.cover(r.min, r.max, |c| cells.push((c, i as u32)));
    }
    for (e, edge) in d.edges.iter().enumerate() {
        if let Some(r) = edge.label {
            grid.cover(r.min, r.max, |c| cells.push((c, (n + e) as u32)));
        }
    }
    let cells = buckets(cells);
    let rect = |item: usize| {
        if item < n {
            d.nodes[item]
        } else {
            d.edges[item - n]
                .label
                .expect("only labelled edges are bucketed")
        }
    };
    let (mut on_node, mut on_label) = (Vec::new(), Vec::new());
    for (cell, items) in groups(&cells) {
        // Items sort nodes first, so a label is only ever paired with later items.
        for (k, &(_, i)) in items.iter().enumerate() {
            let i = i as usize;
            for &(_, j) in &items[k + 1..] {
                let j = j as usize;
                if j < n {
                    continue;
                }
                let (a, b) = (rect(i), rect(j));
                let corner = P::new(a.min.x.max(b.min.x), a.min.y.max(b.min.y));
                if overlap(&a, &b) && grid.key(corner) == cell {
                    if i < n {
                        on_node.push((j - n, i));
                    } else {
                        on_label.push((i - n, j - n));
                    }
                }
            }
        }
    }
    on_node.sort_unstable();
    on_label.sort_unstable();
    (on_node, on_label)
}

fn overlap(a: &Rect, b: &Rect) -> bool {
    a.max.x.min(b.max.x) - a.min.x.max(b.min.x) > OVERLAP_TOLERANCE
        && a.max.y.min(b.max.y) - a.min.y.max(b.min.y) > OVERLAP_TOLERANCE
}
