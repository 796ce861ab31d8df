//! Layouts of a decision DAG: pure functions from the graph's shape and each node's
//! measured size to positions. No egui state, no I/O, no recursion.
//!
//! [`layered`] is what the app draws: ranks, a box for every answer label, routed edges
//! that never cross a box, and crossing reduction. The rest of this module is the tidy
//! tree layout that came before it, kept as a fast, compact reference for pure trees
//! (it hangs a shared node under one parent and draws no labels or routes):
//!
//! The tidy layout owns where nodes go, nothing else: edges are drawn by the caller between
//! the centres it returns.
//!
//! - **One parent per node.** A node shared by several parents is drawn once, under the
//!   parent that puts it deepest (longest path from the roots); ties go to the parent
//!   met first in a depth-first preorder that starts at the roots in order and follows
//!   children in order. Every kept edge therefore points to a greater level. A listed
//!   root that another root reaches is drawn inside that tree, not as a tree of its own.
//! - **Broken input is tolerated.** Out-of-range indices and repeated edges are ignored,
//!   edges that close a cycle (back edges of that depth-first search) are ignored, missing
//!   sizes count as zero and non-finite or negative sizes and spacings as zero. Nodes no
//!   root reaches get `None`. Node count is the longer of `sizes` and `children`.
//! - **Levels.** All nodes of level k share one depth coordinate (their centres line up).
//!   Along the depth axis a level takes the extent of its largest node there, and
//!   `spacing.level` separates consecutive levels.
//! - **Breadth.** A size-aware Reingold–Tilford tidy tree (Walker / Buchheim et al.,
//!   linear time): children keep their order, a parent is centred over its first and last
//!   child, subtrees interleave as far as their per-level contours allow. Neighbours on a
//!   level are at least `spacing.sibling` apart edge to edge when they are siblings, and
//!   `max(spacing.sibling, spacing.subtree)` otherwise (cousins, separate roots).
//! - **Coordinates.** The first drawn root's centre is at the origin; depth grows along +y
//!   ([`Orientation::TopDown`]) or +x ([`Orientation::LeftRight`]). `bounds` is the union
//!   of all placed node rectangles, or an empty rectangle at the origin when nothing is placed.
//!
//! Runs in linear time and memory, with explicit stacks only. Coordinates are computed in
//! `f64` and rounded to `f32` once at the end, so no error builds up along a
//! 100,000-node chain or level.

mod forest;
pub mod layered;
#[cfg(test)]
mod tests;
mod tidy;

pub use layered::{Point, Rect, Size};

/// Which way the tree grows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Orientation {
    /// Root at the top, answers below.
    #[default]
    TopDown,
    /// Root at the left, answers to the right.
    LeftRight,
}

/// Spacing, in the same units as the node sizes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spacing {
    /// Between neighbouring nodes on the same level.
    pub sibling: f32,
    /// Between neighbouring nodes on the same level that are not siblings (cousins,
    /// separate roots); the larger of this and `sibling` is used.
    pub subtree: f32,
    /// Between consecutive levels.
    pub level: f32,
}

impl Default for Spacing {
    fn default() -> Self {
        Self {
            sibling: 24.0,
            subtree: 36.0,
            level: 70.0,
        }
    }
}

/// The shape to lay out: node `i` has size `sizes[i]` (width, height as drawn) and
/// ordered out-edges `children[i]`. Nodes may have several parents (a DAG).
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub sizes: &'a [Size],
    pub children: &'a [Vec<usize>],
    /// Where to start; roots are placed side by side in this order.
    pub roots: &'a [usize],
}

/// Where each node goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Centre of node `i`, or `None` when it is not reachable from any root.
    pub centers: Vec<Option<Point>>,
    /// The bounding box of every placed node, or an empty rectangle at the origin when none is placed.
    pub bounds: Rect,
}

/// Lays out `input`; see the module docs.
pub fn layout(input: Input<'_>, orientation: Orientation, spacing: Spacing) -> Layout {
    let n = input.sizes.len().max(input.children.len());
    let forest = forest::Forest::build(input.children, input.roots, n);
    let sizes: Vec<Size> = (0..n)
        .map(|v| {
            input.sizes.get(v).map_or(Size::default(), |s| {
                Size::new(non_negative(s.w), non_negative(s.h))
            })
        })
        .collect();
    let (breadth_extent, depth_extent): (Vec<f64>, Vec<f64>) = sizes
        .iter()
        .map(|s| match orientation {
            Orientation::TopDown => (f64::from(s.w), f64::from(s.h)),
            Orientation::LeftRight => (f64::from(s.h), f64::from(s.w)),
        })
        .unzip();

    let sibling = f64::from(non_negative(spacing.sibling));
    let gaps = tidy::Gaps {
        sibling,
        cousin: sibling.max(f64::from(non_negative(spacing.subtree))),
    };
    let breadth = tidy::breadth_positions(&forest, &breadth_extent, gaps);
    let level_depth = level_depths(
        &forest,
        &depth_extent,
        f64::from(non_negative(spacing.level)),
    );

    let mut bounds = Rect::NOTHING;
    let centers = (0..n)
        .map(|v| {
            let level = forest.level[v];
            if level == forest::NONE {
                return None;
            }
            let (b, d) = (breadth[v] as f32, level_depth[level] as f32);
            let center = match orientation {
                Orientation::TopDown => Point::new(b, d),
                Orientation::LeftRight => Point::new(d, b),
            };
            bounds = bounds.union(&Rect::from_center_size(center, sizes[v]));
            Some(center)
        })
        .collect();
    if forest.roots.is_empty() {
        bounds = Rect::default();
    }
    Layout { centers, bounds }
}

/// Depth coordinate of each level's centre line, level 0 at 0.
fn level_depths(forest: &forest::Forest, depth_extent: &[f64], gap: f64) -> Vec<f64> {
    let mut extent = vec![0.0_f64; forest.level_count];
    for (v, &level) in forest.level.iter().enumerate() {
        if level != forest::NONE {
            extent[level] = extent[level].max(depth_extent[v]);
        }
    }
    let mut depth = Vec::with_capacity(extent.len());
    let mut at = 0.0;
    for (k, &e) in extent.iter().enumerate() {
        if k > 0 {
            at += (extent[k - 1] + e) / 2.0 + gap;
        }
        depth.push(at);
    }
    depth
}

/// Sizes and spacings come from user files and text measurement: anything that is not a
/// finite, non-negative number would poison every coordinate, so it counts as zero.
fn non_negative(x: f32) -> f32 {
    if x.is_finite() && x > 0.0 { x } else { 0.0 }
}
