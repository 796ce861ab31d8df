//! Every tool's output turned into the one [`Drawing`] the metrics read: our `Layout`, and
//! the peer drawings `benches/layout_peers/run.mjs` writes. Curves are sampled here, all
//! with the same number of steps per cubic segment.

use std::path::Path;

use serde::Deserialize;
use tradeoff::layout::layered::{Layout, Point};

use crate::metrics::{Drawing, Edge, P, Rect};
use crate::{Graph, Timing};

/// Points per cubic segment; at the sizes drawn (segments of tens to hundreds of px) the
/// chords stay within a fraction of a pixel of the curve.
const STEPS: usize = 16;

pub fn from_layout(g: &Graph, layout: &Layout) -> Drawing {
    let p = |q: Point| P::new(f64::from(q.x), f64::from(q.y));
    let nodes = (g.sizes.iter().zip(&layout.centers))
        .map(|(s, c)| {
            let c = c.expect("every node is placed");
            Rect::centered(
                f64::from(c.x),
                f64::from(c.y),
                f64::from(s.w),
                f64::from(s.h),
            )
        })
        .collect();
    let mut undrawn = 0;
    let edges = (g.edges.iter().zip(&layout.routes))
        .map(|(e, route)| {
            let (path, label) = match route {
                Some(r) => {
                    let mut path = Vec::new();
                    for s in &r.segments {
                        sample_cubic(&mut path, [p(s[0]), p(s[1]), p(s[2]), p(s[3])]);
                    }
                    let label = r.label.map(|l| Rect {
                        min: p(l.min),
                        max: p(l.max),
                    });
                    (path, label)
                }
                None => {
                    undrawn += 1;
                    (Vec::new(), None)
                }
            };
            Edge {
                from: e.from,
                to: e.to,
                path,
                label,
            }
        })
        .collect();
    if undrawn > 0 {
        eprintln!("  ours: {undrawn} answers have no route");
    }
    Drawing { nodes, edges }
}

/// Appends the cubic's points (its start only when `path` is empty or ends elsewhere).
fn sample_cubic(path: &mut Vec<P>, c: [P; 4]) {
    if path.last() != Some(&c[0]) {
        path.push(c[0]);
    }
    for i in 1..=STEPS {
        let t = i as f64 / STEPS as f64;
        let u = 1.0 - t;
        let (a, b, cc, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
        path.push(P::new(
            a * c[0].x + b * c[1].x + cc * c[2].x + d * c[3].x,
            a * c[0].y + b * c[1].y + cc * c[2].y + d * c[3].y,
        ));
    }
}

#[derive(Deserialize)]
struct PeerDrawing {
    settings: String,
    time_ms: f64,
    runs: Vec<f64>,
    nodes: Option<Vec<PeerBox>>,
    edges: Option<Vec<PeerEdge>>,
}

/// Centre and size.
#[derive(Deserialize, Clone, Copy)]
struct PeerBox {
    x: f64,
    y: f64,
    width: f64,
    height: f64,
}

#[derive(Deserialize)]
struct PeerEdge {
    curve: String,
    points: Vec<[f64; 2]>,
    label: Option<PeerBox>,
}

impl PeerBox {
    fn rect(self) -> Rect {
        Rect::centered(self.x, self.y, self.width, self.height)
    }
}

/// A peer's drawing (with its settings) and timing for graph `name`, from the files the
/// bench script leaves in `dir`: `NAME.TOOL.json`, or `.timeout` (holding the limit in
/// seconds) or `.failed` (holding the reason).
pub fn read_peer(
    dir: &Path,
    name: &str,
    tool: &str,
    g: &Graph,
) -> (Option<(Drawing, String)>, Timing) {
    let file = |ext: &str| dir.join(format!("{name}.{tool}.{ext}"));
    if let Ok(text) = std::fs::read_to_string(file("timeout")) {
        return (None, Timing::Timeout(text.trim().parse().unwrap_or(600)));
    }
    if let Ok(text) = std::fs::read_to_string(file("failed")) {
        let why = text.lines().next().unwrap_or("no reason given").to_owned();
        return (None, Timing::Failed(why));
    }
    let Ok(text) = std::fs::read_to_string(file("json")) else {
        return (None, Timing::Missing);
    };
    let peer: PeerDrawing = match serde_json::from_str(&text) {
        Ok(p) => p,
        Err(e) => return (None, Timing::Failed(format!("unreadable drawing: {e}"))),
    };
    let timing = Timing::Ms(peer.time_ms, peer.runs.len());
    let (Some(nodes), Some(edges)) = (peer.nodes, peer.edges) else {
        return (None, timing);
    };
    if g.time_only {
        return (None, timing);
    }
    check_sizes(tool, g, &nodes, &edges);
    let drawing = Drawing {
        nodes: nodes.iter().map(|b| b.rect()).collect(),
        edges: (g.edges.iter().zip(edges))
            .map(|(e, pe)| Edge {
                from: e.from,
                to: e.to,
                path: path(&pe),
                label: pe.label.map(PeerBox::rect),
            })
            .collect(),
    };
    (Some((drawing, peer.settings)), timing)
}

fn path(e: &PeerEdge) -> Vec<P> {
    let points: Vec<P> = e.points.iter().map(|&[x, y]| P::new(x, y)).collect();
    if e.curve != "bezier" {
        return points;
    }
    let mut path = Vec::new();
    for c in points.windows(4).step_by(3) {
        sample_cubic(&mut path, [c[0], c[1], c[2], c[3]]);
    }
    path
}

/// Says so when a peer drew a box at another size than it was given: the comparison
/// holds only while every tool draws the same boxes.
fn check_sizes(tool: &str, g: &Graph, nodes: &[PeerBox], edges: &[PeerEdge]) {
    let off = |b: &PeerBox, w: f32, h: f32| {
        (b.width - f64::from(w)).abs() > 1.0 || (b.height - f64::from(h)).abs() > 1.0
    };
    let bad_nodes = (nodes.iter().zip(&g.sizes))
        .filter(|(b, s)| off(b, s.w, s.h))
        .count();
    let bad_labels = (edges.iter().zip(&g.edges))
        .filter(|(pe, e)| match &pe.label {
            Some(b) => off(b, e.label.w, e.label.h),
            None => e.label.w > 0.0,
        })
        .count();
    if nodes.len() != g.sizes.len() || edges.len() != g.edges.len() {
        eprintln!("  {tool}: the drawing does not have the spec's nodes and edges");
    }
    if bad_nodes + bad_labels > 0 {
        eprintln!("  {tool}: {bad_nodes} node boxes and {bad_labels} labels differ from the spec");
    }
}
