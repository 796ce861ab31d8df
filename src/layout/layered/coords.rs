//! Breadth coordinates: each rank packed with the real box widths and gaps, then pulled
//! towards its neighbours in alternating sweeps. Each rank is solved exactly as weighted
//! least squares under the ordering and minimum-gap constraints, by pool-adjacent-
//! violators on shifted coordinates, which is linear in the rank's size.

use super::order::Order;
use super::ranks::{Item, Layered};

/// How many down-and-up sweep pairs to run; each is linear in the graph's size, and
/// past a few the drawing barely moves, so large graphs stop sooner.
fn sweeps(items: usize) -> usize {
    match items {
        0..=20_000 => 6,
        20_001..=200_000 => 2,
        _ => 1,
    }
}

/// Segment weights: long edges (channel to channel) pull hardest so they run straight,
/// as in `dot`'s network-simplex weights of 1, 2 and 8.
fn weight(g: &Layered, a: usize, b: usize) -> f64 {
    let virtual_item = |i: usize| matches!(g.kind[i], Item::Channel(_));
    match (virtual_item(a), virtual_item(b)) {
        (true, true) => 8.0,
        (false, false) => 1.0,
        _ => 2.0,
    }
}

/// What the coordinate step needs about each item.
pub(super) struct Boxes<'a> {
    /// Extent along the breadth axis.
    pub breadth: &'a [f64],
    /// Gap between two real boxes (nodes, labels).
    pub gap: f64,
}

/// Where segments attach to a node: offsets from its centre, so the answers of a
/// question leave side by side and the edges into a shared node arrive side by side.
/// Virtual items have one segment a side and attach at their centre.
pub(super) struct Ports {
    /// Offset at the upper end of each segment.
    pub top: Vec<f64>,
    /// Offset at the lower end of each segment.
    pub bottom: Vec<f64>,
}

impl Ports {
    /// Ports for real nodes with several segments on one side, spread over part of the
    /// node's width in the order of the neighbours' positions, so fans do not cross.
    pub fn new(g: &Layered, pos: &[usize], breadth: &[f64]) -> Self {
        let mut top = vec![0.0; g.segment_count()];
        let mut bottom = vec![0.0; g.segment_count()];
        let mut by_pos: Vec<(usize, usize)> = Vec::new();
        let spread = |pairs: &mut Vec<(usize, usize)>, width: f64, out: &mut Vec<f64>| {
            let m = pairs.len();
            if m < 2 {
                return;
            }
            let step = (width * 0.7 / (m - 1) as f64).min(22.0);
            pairs.sort_unstable();
            for (k, &(_, seg)) in pairs.iter().enumerate() {
                out[seg] = (k as f64 - (m - 1) as f64 / 2.0) * step;
            }
        };
        for (i, &width) in breadth.iter().enumerate() {
            if !matches!(g.kind[i], Item::Node(_)) {
                continue;
            }
            by_pos.clear();
            by_pos.extend(
                g.down(i)
                    .iter()
                    .zip(g.down_segments(i))
                    .map(|(&j, s)| (pos[j], s)),
            );
            spread(&mut by_pos, width, &mut top);
            by_pos.clear();
            by_pos.extend(
                g.up(i)
                    .iter()
                    .zip(g.up_segments(i))
                    .map(|(&j, &s)| (pos[j], s)),
            );
            spread(&mut by_pos, width, &mut bottom);
        }
        Ports { top, bottom }
    }
}

/// Breadth coordinate of each item's centre.
pub(super) fn assign(g: &Layered, order: &Order, boxes: &Boxes<'_>, ports: &Ports) -> Vec<f64> {
    let items = g.items();
    let mut x = vec![0.0; items];
    let min_gap = |a: usize, b: usize| {
        let channel = |i: usize| matches!(g.kind[i], Item::Channel(_));
        let gap = if channel(a) && channel(b) {
            0.0
        } else {
            boxes.gap
        };
        (boxes.breadth[a] + boxes.breadth[b]) / 2.0 + gap
    };
    for rank in order {
        let mut at = 0.0;
        for (k, &i) in rank.iter().enumerate() {
            if k > 0 {
                at += min_gap(rank[k - 1], i);
            }
            x[i] = at;
        }
    }

    let mut solver = Solver::default();
    let ranks = order.len();
    let sweeps = sweeps(items);
    for sweep in 0..2 * sweeps + 1 {
        // The last sweep listens to both sides, so nothing is left leaning one way.
        let (use_up, use_down) = match sweep {
            s if s == 2 * sweeps => (true, true),
            s if s % 2 == 0 => (true, false),
            _ => (false, true),
        };
        let sequence: Vec<usize> = if use_up && !use_down {
            (1..ranks).collect()
        } else if use_down && !use_up {
            (0..ranks.saturating_sub(1)).rev().collect()
        } else {
            (0..ranks).collect()
        };
        for r in sequence {
            let rank = &order[r];
            solver.clear();
            for (k, &i) in rank.iter().enumerate() {
                let (mut sum, mut wsum) = (0.0, 0.0);
                if use_up {
                    for (&j, &seg) in g.up(i).iter().zip(g.up_segments(i)) {
                        let w = weight(g, i, j);
                        // Where `i`'s centre must be for this segment to run straight.
                        sum += w * (x[j] + ports.top[seg] - ports.bottom[seg]);
                        wsum += w;
                    }
                }
                if use_down {
                    for (&j, seg) in g.down(i).iter().zip(g.down_segments(i)) {
                        let w = weight(g, i, j);
                        sum += w * (x[j] + ports.bottom[seg] - ports.top[seg]);
                        wsum += w;
                    }
                }
                let (desired, w) = if wsum > 0.0 {
                    (sum / wsum, wsum)
                } else {
                    // Loose items barely resist, so they make room instead of drifting.
                    (x[i], 1e-3)
                };
                let gap = if k > 0 { min_gap(rank[k - 1], i) } else { 0.0 };
                solver.push(desired, w, gap);
            }
            for (&i, xi) in rank.iter().zip(solver.solve()) {
                x[i] = *xi;
            }
        }
    }
    x
}

/// Weighted isotonic regression with minimum gaps: minimise Σ w(x − d)² subject to
/// x[k] − x[k−1] ≥ gap[k]. Shifting by the running sum of gaps turns the gaps into plain
/// order constraints, which pool-adjacent-violators solves in one pass.
#[derive(Default)]
struct Solver {
    desired: Vec<f64>,
    weight: Vec<f64>,
    offset: Vec<f64>,
    /// Blocks: (weighted sum, weight, first index).
    blocks: Vec<(f64, f64, usize)>,
    out: Vec<f64>,
}

impl Solver {
    fn clear(&mut self) {
        self.desired.clear();
        self.weight.clear();
        self.offset.clear();
    }

    fn push(&mut self, desired: f64, weight: f64, gap: f64) {
        let offset = self.offset.last().map_or(0.0, |o| o + gap);
        self.offset.push(offset);
        self.desired.push(desired);
        self.weight.push(weight);
    }

    fn solve(&mut self) -> &[f64] {
        self.blocks.clear();
        for k in 0..self.desired.len() {
            let w = self.weight[k];
            let mut block = (w * (self.desired[k] - self.offset[k]), w, k);
            while let Some(&(s, wt, first)) = self.blocks.last() {
                if s / wt <= block.0 / block.1 {
                    break;
                }
                block = (s + block.0, wt + block.1, first);
                self.blocks.pop();
            }
            self.blocks.push(block);
        }
        self.out.clear();
        self.out.resize(self.desired.len(), 0.0);
        for (b, &(s, w, first)) in self.blocks.iter().enumerate() {
            let end = self.blocks.get(b + 1).map_or(self.desired.len(), |n| n.2);
            for k in first..end {
                self.out[k] = s / w + self.offset[k];
            }
        }
        &self.out
    }
}
