//! Tests of the layout: exact cases for compactness and spacing, and a checker that
//! derives levels and layout parents on its own (Kahn's algorithm, no shared code) and
//! verifies every invariant on hand-made, random, property-generated and 100,000-node
//! graphs.

use super::*;
use crate::model::rng::SplitMix64;
use egui::{Pos2, Rect, Vec2, vec2};
use proptest::prelude::*;

/// The layout with the egui types these tests were written in: the layout itself has
/// its own (it does not depend on egui).
#[derive(Debug, PartialEq)]
struct Placed {
    centers: Vec<Option<Pos2>>,
    bounds: Rect,
}

fn placed(
    sizes: &[Vec2],
    children: &[Vec<usize>],
    roots: &[usize],
    o: Orientation,
    sp: Spacing,
) -> Placed {
    let sizes: Vec<Size> = sizes.iter().map(|s| Size::new(s.x, s.y)).collect();
    let l = layout(
        Input {
            sizes: &sizes,
            children,
            roots,
        },
        o,
        sp,
    );
    let pos = |p: Point| Pos2::new(p.x, p.y);
    Placed {
        centers: l.centers.iter().map(|c| c.map(pos)).collect(),
        bounds: Rect::from_min_max(pos(l.bounds.min), pos(l.bounds.max)),
    }
}

const TD: Orientation = Orientation::TopDown;
const LR: Orientation = Orientation::LeftRight;
const SIBLING: f32 = 24.0;
const SUBTREE: f32 = 36.0;
const LEVEL: f32 = 70.0;

fn run(sizes: &[Vec2], children: &[Vec<usize>], roots: &[usize], o: Orientation) -> Placed {
    placed(sizes, children, roots, o, Spacing::default())
}

fn uniform(n: usize, w: f32, h: f32) -> Vec<Vec2> {
    vec![vec2(w, h); n]
}

fn at(l: &Placed, v: usize) -> Pos2 {
    match l.centers[v] {
        Some(p) => p,
        None => panic!("node {v} was not placed"),
    }
}

/// SplitMix64: small, deterministic, good enough to shape test trees.
struct Rng(SplitMix64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0.next()
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn size(&mut self) -> Vec2 {
        vec2(10.0 + self.below(190) as f32, 10.0 + self.below(90) as f32)
    }

    fn sizes(&mut self, n: usize) -> Vec<Vec2> {
        (0..n).map(|_| self.size()).collect()
    }
}

/// Breadth and depth coordinates of a point.
fn split(p: Pos2, o: Orientation) -> (f32, f32) {
    match o {
        Orientation::TopDown => (p.x, p.y),
        Orientation::LeftRight => (p.y, p.x),
    }
}

/// Breadth and depth extents of a node size.
fn extents(s: Vec2, o: Orientation) -> (f32, f32) {
    match o {
        Orientation::TopDown => (s.x, s.y),
        Orientation::LeftRight => (s.y, s.x),
    }
}

/// Slack for comparing coordinates of this magnitude after rounding to `f32`.
fn tol(magnitude: f32) -> f32 {
    1e-3 + 8.0 * f32::EPSILON * magnitude.abs()
}

/// What the layout must be built on, computed independently of `forest.rs`.
struct Expected {
    reachable: Vec<bool>,
    level: Vec<usize>,
    parent: Vec<Option<usize>>,
    kids: Vec<Vec<usize>>,
    roots: Vec<usize>,
    edges: Vec<Vec<usize>>,
}

/// Reference levels and parents for an acyclic input (panics on a cycle: test bug).
fn expected(children: &[Vec<usize>], roots: &[usize], n: usize) -> Expected {
    let mut mark = vec![usize::MAX; n];
    let edges: Vec<Vec<usize>> = (0..n)
        .map(|u| {
            let mut out = Vec::new();
            for &v in children.get(u).map_or(&[][..], Vec::as_slice) {
                if v < n && mark[v] != u {
                    mark[v] = u;
                    out.push(v);
                }
            }
            out
        })
        .collect();

    let mut pre = vec![usize::MAX; n];
    let mut counter = 0;
    for &r in roots.iter().filter(|&&r| r < n) {
        let mut stack = vec![r];
        while let Some(v) = stack.pop() {
            if pre[v] != usize::MAX {
                continue;
            }
            pre[v] = counter;
            counter += 1;
            stack.extend(edges[v].iter().rev().filter(|&&c| pre[c] == usize::MAX));
        }
    }
    let reachable: Vec<bool> = pre.iter().map(|&p| p != usize::MAX).collect();

    let mut indegree = vec![0usize; n];
    for u in (0..n).filter(|&u| reachable[u]) {
        for &v in &edges[u] {
            indegree[v] += 1;
        }
    }
    let mut level = vec![0usize; n];
    let mut queue: Vec<usize> = (0..n)
        .filter(|&u| reachable[u] && indegree[u] == 0)
        .collect();
    let mut done = 0;
    while let Some(u) = queue.pop() {
        done += 1;
        for &v in &edges[u] {
            level[v] = level[v].max(level[u] + 1);
            indegree[v] -= 1;
            if indegree[v] == 0 {
                queue.push(v);
            }
        }
    }
    assert_eq!(
        done,
        reachable.iter().filter(|&&r| r).count(),
        "test input has a cycle"
    );

    let mut parent: Vec<Option<usize>> = vec![None; n];
    for u in (0..n).filter(|&u| reachable[u]) {
        for &v in &edges[u] {
            if level[u] + 1 == level[v] && parent[v].is_none_or(|p| pre[u] < pre[p]) {
                parent[v] = Some(u);
            }
        }
    }
    let kids: Vec<Vec<usize>> = (0..n)
        .map(|u| {
            edges[u]
                .iter()
                .copied()
                .filter(|&v| parent[v] == Some(u))
                .collect()
        })
        .collect();
    let mut layout_roots = Vec::new();
    for &r in roots {
        if r < n && reachable[r] && level[r] == 0 && !layout_roots.contains(&r) {
            layout_roots.push(r);
        }
    }
    Expected {
        reachable,
        level,
        parent,
        kids,
        roots: layout_roots,
        edges,
    }
}

/// Checks every promise of the module on an acyclic input. All pairs of rectangles are
/// compared when the graph is small; otherwise each level is swept in breadth order.
fn check(sizes: &[Vec2], children: &[Vec<usize>], roots: &[usize], o: Orientation, sp: Spacing) {
    let n = sizes.len().max(children.len());
    let l = placed(sizes, children, roots, o, sp);
    let e = expected(children, roots, n);
    let size = |v: usize| sizes.get(v).copied().unwrap_or(Vec2::ZERO);
    let cousin = sp.sibling.max(sp.subtree);

    assert_eq!(l.centers.len(), n);
    for v in 0..n {
        assert_eq!(
            l.centers[v].is_some(),
            e.reachable[v],
            "placement of node {v}"
        );
    }
    let Some(&first_root) = e.roots.first() else {
        assert_eq!(l.bounds, Rect::ZERO);
        return;
    };
    assert_eq!(at(&l, first_root), Pos2::ZERO, "first root at the origin");

    // Levels: one depth coordinate each, spaced by the deepest nodes plus the gap.
    let levels = e
        .level
        .iter()
        .zip(&e.reachable)
        .filter(|(_, r)| **r)
        .map(|(k, _)| k + 1);
    let level_count = levels.max().unwrap_or(0);
    let mut depth_of_level = vec![None; level_count];
    let mut extent_of_level = vec![0.0f32; level_count];
    let mut by_level: Vec<Vec<usize>> = vec![Vec::new(); level_count];
    for v in (0..n).filter(|&v| e.reachable[v]) {
        let k = e.level[v];
        let (_, d) = split(at(&l, v), o);
        let shared = *depth_of_level[k].get_or_insert(d);
        assert_eq!(d, shared, "node {v} is off its level {k}");
        extent_of_level[k] = extent_of_level[k].max(extents(size(v), o).1);
        by_level[k].push(v);
    }
    for k in 1..level_count {
        let (Some(above), Some(below)) = (depth_of_level[k - 1], depth_of_level[k]) else {
            panic!("empty level {k}");
        };
        let want = (extent_of_level[k - 1] + extent_of_level[k]) / 2.0 + sp.level;
        assert!(
            ((below - above) - want).abs() <= tol(below),
            "level {k}: {above} -> {below}"
        );
    }

    // Parents centred over their children, children in order.
    for u in (0..n).filter(|&u| !e.kids[u].is_empty()) {
        let kids = &e.kids[u];
        let b = |v: usize| split(at(&l, v), o).0;
        for pair in kids.windows(2) {
            assert!(
                b(pair[0]) < b(pair[1]),
                "children of {u} out of order: {pair:?}"
            );
        }
        let mid = (b(kids[0]) + b(kids[kids.len() - 1])) / 2.0;
        assert!(
            (b(u) - mid).abs() <= tol(mid),
            "node {u} at {} not over {mid}",
            b(u)
        );
    }
    for pair in e.roots.windows(2) {
        assert!(
            split(at(&l, pair[0]), o).0 < split(at(&l, pair[1]), o).0,
            "roots {pair:?}"
        );
    }

    // Neighbours on a level: siblings one sibling gap apart, anyone else one subtree gap.
    for nodes in &mut by_level {
        nodes.sort_by(|&a, &b| split(at(&l, a), o).0.total_cmp(&split(at(&l, b), o).0));
        for pair in nodes.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let right_of_a = split(at(&l, a), o).0 + extents(size(a), o).0 / 2.0;
            let left_of_b = split(at(&l, b), o).0 - extents(size(b), o).0 / 2.0;
            let siblings = e.parent[a].is_some() && e.parent[a] == e.parent[b];
            let want = if siblings { sp.sibling } else { cousin };
            assert!(
                left_of_b - right_of_a >= want - tol(left_of_b),
                "nodes {a} and {b}: gap {} < {want}",
                left_of_b - right_of_a
            );
        }
    }

    // Every edge points downward, so shared nodes sit below all of their parents.
    if sp.level > 0.0 {
        for u in (0..n).filter(|&u| e.reachable[u]) {
            for &v in &e.edges[u] {
                assert!(
                    split(at(&l, v), o).1 > split(at(&l, u), o).1,
                    "edge {u}->{v}"
                );
            }
        }
    }

    let rects: Vec<(usize, Rect)> = (0..n)
        .filter_map(|v| l.centers[v].map(|c| (v, Rect::from_center_size(c, size(v)))))
        .collect();
    let union = rects
        .iter()
        .fold(Rect::NOTHING, |acc, (_, r)| acc.union(*r));
    let t = tol(union.width().max(union.height()) + union.min.x.abs() + union.min.y.abs());
    assert!(
        (l.bounds.min - union.min).length() <= t && (l.bounds.max - union.max).length() <= t,
        "bounds {:?} vs {union:?}",
        l.bounds
    );
    if rects.len() <= 400 {
        for (i, &(a, ra)) in rects.iter().enumerate() {
            for &(b, rb) in &rects[i + 1..] {
                let t = tol(ra.max.x.abs().max(ra.max.y.abs()));
                let overlap = ra.min.x < rb.max.x - t
                    && rb.min.x < ra.max.x - t
                    && ra.min.y < rb.max.y - t
                    && rb.min.y < ra.max.y - t;
                assert!(!overlap, "nodes {a} {ra:?} and {b} {rb:?} overlap");
            }
        }
    }
}

fn check_both(sizes: &[Vec2], children: &[Vec<usize>], roots: &[usize]) {
    check(sizes, children, roots, TD, Spacing::default());
    check(sizes, children, roots, LR, Spacing::default());
}

/// A random tree: node i > 0 hangs under one of the `window` nodes before it, so small
/// windows give deep trees and large ones bushy trees.
fn random_tree(rng: &mut Rng, n: usize, window: usize) -> Vec<Vec<usize>> {
    let mut children = vec![Vec::new(); n];
    for v in 1..n {
        let lo = v.saturating_sub(window);
        let p = lo + rng.below(v - lo);
        children[p].push(v);
    }
    children
}

fn chain(n: usize) -> Vec<Vec<usize>> {
    (0..n)
        .map(|v| if v + 1 < n { vec![v + 1] } else { Vec::new() })
        .collect()
}

/// Complete tree where node v's children are `branching*v + 1 ..`.
fn complete(n: usize, branching: usize) -> Vec<Vec<usize>> {
    (0..n)
        .map(|v| (branching * v + 1..(branching * v + branching + 1).min(n)).collect())
        .collect()
}

/// A spine where each spine node has a leaf on its left and the next spine node on its right.
fn caterpillar(n: usize) -> Vec<Vec<usize>> {
    let mut children = vec![Vec::new(); n];
    let mut spine = 0;
    let mut next = 1;
    while next + 1 < n {
        children[spine] = vec![next, next + 1];
        spine = next + 1;
        next += 2;
    }
    children
}

#[test]
fn empty_input_places_nothing() {
    let l = run(&[], &[], &[], TD);
    assert!(l.centers.is_empty());
    assert_eq!(l.bounds, Rect::ZERO);
    let l = run(&uniform(2, 10.0, 10.0), &[vec![], vec![]], &[], TD);
    assert_eq!(l.centers, vec![None, None]);
    assert_eq!(l.bounds, Rect::ZERO);
}

#[test]
fn single_node_sits_at_origin() {
    let l = run(&[vec2(100.0, 40.0)], &[vec![]], &[0], TD);
    assert_eq!(l.centers, vec![Some(Pos2::ZERO)]);
    assert_eq!(
        l.bounds,
        Rect::from_center_size(Pos2::ZERO, vec2(100.0, 40.0))
    );
}

#[test]
fn two_equal_leaves_are_exactly_one_sibling_gap_apart() {
    let sizes = uniform(3, 100.0, 40.0);
    let l = run(&sizes, &[vec![1, 2], vec![], vec![]], &[0], TD);
    assert_eq!(at(&l, 0), Pos2::ZERO);
    assert_eq!(at(&l, 2).x - at(&l, 1).x, 100.0 + SIBLING);
    assert_eq!(at(&l, 1), Pos2::new(-62.0, 40.0 + LEVEL));
    assert_eq!(at(&l, 2), Pos2::new(62.0, 40.0 + LEVEL));
    assert_eq!(
        l.bounds,
        Rect::from_min_max(Pos2::new(-112.0, -20.0), Pos2::new(112.0, 130.0))
    );
}

#[test]
fn only_child_sits_exactly_below_parent() {
    let sizes = vec![vec2(300.0, 20.0), vec2(10.0, 50.0), vec2(80.0, 10.0)];
    let l = run(&sizes, &[vec![1], vec![2], vec![]], &[0], TD);
    assert_eq!(at(&l, 0).x, at(&l, 1).x);
    assert_eq!(at(&l, 1).x, at(&l, 2).x);
    assert_eq!(at(&l, 1).y, 10.0 + LEVEL + 25.0);
    assert_eq!(at(&l, 2).y - at(&l, 1).y, 25.0 + LEVEL + 5.0);
}

#[test]
fn level_distance_uses_tallest_node_of_each_level() {
    // Level 1 holds a 20-high and a 90-high node; both centres share the level line.
    let sizes = vec![
        vec2(40.0, 30.0),
        vec2(40.0, 20.0),
        vec2(40.0, 90.0),
        vec2(40.0, 10.0),
    ];
    let l = run(&sizes, &[vec![1, 2], vec![3], vec![], vec![]], &[0], TD);
    assert_eq!(at(&l, 1).y, at(&l, 2).y);
    assert_eq!(at(&l, 1).y, 15.0 + LEVEL + 45.0);
    assert_eq!(at(&l, 3).y - at(&l, 1).y, 45.0 + LEVEL + 5.0);
    check_both(&sizes, &[vec![1, 2], vec![3], vec![], vec![]], &[0]);
}

#[test]
fn cousins_are_exactly_one_subtree_gap_apart() {
    // Narrow parents, wide grandchildren: the grandchildren decide, with the subtree gap.
    let sizes = vec![
        vec2(20.0, 20.0),
        vec2(20.0, 20.0),
        vec2(20.0, 20.0),
        vec2(200.0, 20.0),
        vec2(200.0, 20.0),
    ];
    let children = vec![vec![1, 2], vec![3], vec![4], vec![], vec![]];
    let l = run(&sizes, &children, &[0], TD);
    assert_eq!(at(&l, 4).x - at(&l, 3).x, 200.0 + SUBTREE);
    assert_eq!(at(&l, 2).x - at(&l, 1).x, 200.0 + SUBTREE);
    assert_eq!(at(&l, 1).x, at(&l, 3).x);
    check_both(&sizes, &children, &[0]);
}

#[test]
fn subtree_gap_below_sibling_gap_still_keeps_sibling_gap() {
    let sizes = uniform(5, 20.0, 20.0);
    let children = vec![vec![1, 2], vec![3], vec![4], vec![], vec![]];
    let sp = Spacing {
        sibling: 24.0,
        subtree: 5.0,
        level: 70.0,
    };
    let l = placed(&sizes, &children, &[0], TD, sp);
    assert_eq!(at(&l, 4).x - at(&l, 3).x, 20.0 + 24.0);
    check(&sizes, &children, &[0], TD, sp);
}

#[test]
fn deep_narrow_subtree_tucks_under_shallow_wide_neighbour() {
    // Node 1 is narrow with a narrow chain below that ends in a very wide node (6), whose
    // bounding box reaches far to the right. Node 2 is a wide leaf: on level 1 only the
    // two nodes meet, so they sit exactly one sibling gap apart and node 6 slides under 2.
    let mut sizes = uniform(7, 20.0, 20.0);
    sizes[2] = vec2(200.0, 20.0);
    sizes[6] = vec2(600.0, 20.0);
    let children = vec![
        vec![1, 2],
        vec![3],
        vec![],
        vec![4],
        vec![5],
        vec![6],
        vec![],
    ];
    let l = run(&sizes, &children, &[0], TD);
    assert_eq!(at(&l, 2).x - at(&l, 1).x, (20.0 + 200.0) / 2.0 + SIBLING);
    assert_eq!(at(&l, 6).x, at(&l, 1).x);
    assert!(
        at(&l, 6).x + 300.0 > at(&l, 2).x,
        "the wide node extends under its neighbour"
    );
    check_both(&sizes, &children, &[0]);
}

#[test]
fn contour_not_bounding_box_decides_distance() {
    // Left: a narrow chain. Right: a node with a fan of five leaves. Only level 2 constrains.
    let sizes = uniform(10, 20.0, 20.0);
    let children = vec![
        vec![1, 2],
        vec![3],
        vec![5, 6, 7, 8, 9],
        vec![4],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
    ];
    let l = run(&sizes, &children, &[0], TD);
    // Leaves 44 apart, so node 5 is 88 left of node 2; 5 must clear 3 by 20 + SUBTREE.
    assert_eq!(at(&l, 5).x - at(&l, 3).x, 20.0 + SUBTREE);
    assert_eq!(at(&l, 2).x - at(&l, 1).x, 88.0 + 20.0 + SUBTREE);
    check_both(&sizes, &children, &[0]);
}

#[test]
fn wide_parent_clears_its_sibling_and_stays_centred() {
    let mut sizes = uniform(4, 20.0, 20.0);
    sizes[1] = vec2(300.0, 20.0);
    let children = vec![vec![1, 2], vec![3], vec![], vec![]];
    let l = run(&sizes, &children, &[0], TD);
    assert_eq!(at(&l, 2).x - at(&l, 1).x, (300.0 + 20.0) / 2.0 + SIBLING);
    assert_eq!(at(&l, 3).x, at(&l, 1).x);
    check_both(&sizes, &children, &[0]);
}

#[test]
fn small_subtrees_between_big_ones_are_spread_evenly() {
    // 1 and 4 have three leaves each and collide on level 2; the leaves 2 and 3 between
    // them share the push so the four siblings stay evenly spaced, and leaf 11 on the far
    // left is not disturbed.
    let sizes = uniform(12, 20.0, 20.0);
    let mut children = vec![Vec::new(); 12];
    children[0] = vec![11, 1, 2, 3, 4];
    children[1] = vec![5, 6, 7];
    children[4] = vec![8, 9, 10];
    let l = run(&sizes, &children, &[0], TD);
    let x = |v| at(&l, v).x;
    // Level 2 needs 4 - 1 >= 44 + 56 + 44 = 144, more than 3 * 44 on level 1.
    assert_eq!(x(1) - x(11), 44.0);
    assert_eq!(x(4) - x(1), 144.0);
    assert_eq!(x(2) - x(1), 48.0);
    assert_eq!(x(3) - x(2), 48.0);
    assert_eq!(x(4) - x(3), 48.0);
    assert_eq!(x(0), (x(11) + x(4)) / 2.0);
    check_both(&sizes, &children, &[0]);
}

#[test]
fn small_roots_between_big_ones_are_spread_evenly() {
    // The same shape as a forest: roots 1 and 4 collide on level 1 around roots 2 and 3.
    let sizes = uniform(11, 20.0, 20.0);
    let mut children = vec![Vec::new(); 11];
    children[1] = vec![5, 6, 7];
    children[4] = vec![8, 9, 10];
    let roots = [1, 2, 3, 4];
    let l = run(&sizes, &children, &roots, TD);
    let x = |v| at(&l, v).x;
    // Level 1 needs 4 - 1 >= 44 + 56 + 44 = 144, less than the 3 * 56 of level 0.
    assert_eq!(x(1), 0.0);
    assert_eq!(x(2) - x(1), 20.0 + SUBTREE);
    assert_eq!(x(4) - x(3), 20.0 + SUBTREE);
    check_both(&sizes, &children, &roots);

    // Wider fans force the spread: 4 - 1 >= 88 + 56 + 88 = 232 > 168.
    let sizes = uniform(15, 20.0, 20.0);
    let mut children = vec![Vec::new(); 15];
    children[1] = vec![5, 6, 7, 8, 9];
    children[4] = vec![10, 11, 12, 13, 14];
    let l = run(&sizes, &children, &roots, TD);
    let x = |v| at(&l, v).x;
    assert_eq!(x(4) - x(1), 232.0);
    assert!((x(2) - x(1) - 232.0 / 3.0).abs() < 1e-3);
    assert!((x(3) - x(2) - 232.0 / 3.0).abs() < 1e-3);
    check_both(&sizes, &children, &roots);
}

#[test]
fn children_keep_their_order() {
    let sizes = vec![
        vec2(30.0, 30.0),
        vec2(90.0, 10.0),
        vec2(10.0, 60.0),
        vec2(50.0, 20.0),
    ];
    let children = vec![vec![3, 1, 2], vec![], vec![], vec![]];
    let l = run(&sizes, &children, &[0], TD);
    assert!(at(&l, 3).x < at(&l, 1).x && at(&l, 1).x < at(&l, 2).x);
    let l = run(&sizes, &children, &[0], LR);
    assert!(at(&l, 3).y < at(&l, 1).y && at(&l, 1).y < at(&l, 2).y);
    check_both(&sizes, &children, &[0]);
}

#[test]
fn left_right_grows_along_x() {
    let sizes = vec![vec2(100.0, 30.0), vec2(60.0, 20.0), vec2(80.0, 40.0)];
    let children = vec![vec![1, 2], vec![], vec![]];
    let l = run(&sizes, &children, &[0], LR);
    assert_eq!(at(&l, 0), Pos2::ZERO);
    assert_eq!(at(&l, 1).x, at(&l, 2).x);
    // Depth extent is the width in this orientation, breadth extent the height.
    assert_eq!(at(&l, 1).x, 50.0 + LEVEL + 40.0);
    assert_eq!(at(&l, 2).y - at(&l, 1).y, (20.0 + 40.0) / 2.0 + SIBLING);
    check(&sizes, &children, &[0], LR, Spacing::default());
}

#[test]
fn left_right_is_top_down_transposed() {
    let mut rng = Rng(SplitMix64(7));
    for n in [1, 2, 5, 30, 200] {
        let children = random_tree(&mut rng, n, 4);
        let sizes = rng.sizes(n);
        let swapped: Vec<Vec2> = sizes.iter().map(|s| vec2(s.y, s.x)).collect();
        let td = run(&sizes, &children, &[0], TD);
        let lr = run(&swapped, &children, &[0], LR);
        for v in 0..n {
            let (a, b) = (at(&td, v), at(&lr, v));
            assert_eq!((a.x, a.y), (b.y, b.x), "node {v} of {n}");
        }
        assert_eq!(td.bounds.min, Pos2::new(lr.bounds.min.y, lr.bounds.min.x));
        assert_eq!(td.bounds.max, Pos2::new(lr.bounds.max.y, lr.bounds.max.x));
    }
}

#[test]
fn shared_node_goes_under_its_deepest_parent() {
    // 0 -> 1 -> 3 and 0 -> 2 -> 4 -> 3: node 3 is deepest through 4.
    let sizes = uniform(5, 40.0, 20.0);
    let children = vec![vec![1, 2], vec![3], vec![4], vec![], vec![3]];
    let l = run(&sizes, &children, &[0], TD);
    assert_eq!(l.centers.iter().filter(|c| c.is_some()).count(), 5);
    assert_eq!(at(&l, 3).x, at(&l, 4).x, "under its deepest parent");
    assert!(at(&l, 3).y > at(&l, 4).y && at(&l, 3).y > at(&l, 1).y);
    assert_eq!(
        at(&l, 1).x,
        at(&l, 0).x - (40.0 + SIBLING) / 2.0,
        "node 1 is now a leaf"
    );
    check_both(&sizes, &children, &[0]);
}

#[test]
fn shared_node_tie_goes_to_first_parent_in_preorder() {
    // A diamond: 0 -> {1, 2} -> 3. Both parents are on level 1; 1 comes first.
    let sizes = uniform(4, 40.0, 20.0);
    let children = vec![vec![1, 2], vec![3], vec![3], vec![]];
    let l = run(&sizes, &children, &[0], TD);
    assert_eq!(at(&l, 3).x, at(&l, 1).x);
    // Same graph with the parents listed the other way round.
    let children = vec![vec![2, 1], vec![3], vec![3], vec![]];
    let l = run(&sizes, &children, &[0], TD);
    assert_eq!(at(&l, 3).x, at(&l, 2).x);
    check_both(&sizes, &children, &[0]);
}

#[test]
fn several_roots_are_side_by_side() {
    let sizes = uniform(2, 50.0, 20.0);
    let l = run(&sizes, &[vec![], vec![]], &[0, 1], TD);
    assert_eq!(at(&l, 0), Pos2::ZERO);
    assert_eq!(at(&l, 1), Pos2::new(50.0 + SUBTREE, 0.0));

    // A deep tree, a single node and a bushy tree, in that order.
    let mut rng = Rng(SplitMix64(3));
    let children = vec![
        vec![1],
        vec![2],
        vec![3, 4],
        vec![],
        vec![],
        vec![],
        vec![7, 8, 9],
        vec![10],
        vec![],
        vec![],
        vec![],
    ];
    let sizes = rng.sizes(children.len());
    let l = run(&sizes, &children, &[0, 5, 6], TD);
    assert_eq!(at(&l, 0), Pos2::ZERO);
    assert!(at(&l, 0).x < at(&l, 5).x && at(&l, 5).x < at(&l, 6).x);
    check_both(&sizes, &children, &[0, 5, 6]);
    check_both(&sizes, &children, &[6, 0, 5]);
}

#[test]
fn root_reached_from_another_root_is_drawn_inside_it() {
    let sizes = uniform(3, 30.0, 30.0);
    let children = vec![vec![], vec![0, 2], vec![]];
    let l = run(&sizes, &children, &[0, 1, 0], TD);
    assert_eq!(at(&l, 1), Pos2::ZERO, "node 1 is the only tree");
    assert!(at(&l, 0).y > 0.0);
    check_both(&sizes, &children, &[0, 1, 0]);
}

#[test]
fn unreachable_nodes_get_none() {
    let sizes = uniform(6, 30.0, 30.0);
    let children = vec![vec![1], vec![], vec![3], vec![], vec![0], vec![]];
    let l = run(&sizes, &children, &[0], TD);
    assert!(l.centers[0].is_some() && l.centers[1].is_some());
    assert!(l.centers[2..].iter().all(Option::is_none));
    assert_eq!(
        l.bounds,
        Rect::from_min_max(Pos2::new(-15.0, -15.0), Pos2::new(15.0, 115.0))
    );
    check_both(&sizes, &children, &[0]);
}

#[test]
fn broken_input_is_laid_out_without_its_broken_edges() {
    let sizes = uniform(4, 30.0, 30.0);
    let clean = vec![vec![1, 2], vec![3], vec![], vec![]];
    let want = run(&sizes, &clean, &[0], TD);
    // Self loop, cycles back to the root and to an ancestor, out-of-range and repeated
    // children, out-of-range and repeated roots.
    let broken = vec![
        vec![1, 0, 99, 2, 1, usize::MAX],
        vec![3, 1, 3],
        vec![0, 2],
        vec![1, 0, 7],
    ];
    let got = run(&sizes, &broken, &[0, 42, 0, usize::MAX], TD);
    assert_eq!(got, want);
}

#[test]
fn broken_input_never_panics() {
    let mut rng = Rng(SplitMix64(11));
    for round in 0..300 {
        let n = 1 + rng.below(30);
        let children: Vec<Vec<usize>> = (0..n + rng.below(3))
            .map(|_| (0..rng.below(5)).map(|_| rng.below(n + 3)).collect())
            .collect();
        let sizes: Vec<Vec2> = (0..n.saturating_sub(rng.below(3)))
            .map(|_| match rng.below(8) {
                0 => vec2(f32::NAN, 10.0),
                1 => vec2(-5.0, f32::INFINITY),
                2 => Vec2::ZERO,
                _ => rng.size(),
            })
            .collect();
        let roots: Vec<usize> = (0..1 + rng.below(4)).map(|_| rng.below(n + 2)).collect();
        let sp = if round % 5 == 0 {
            Spacing {
                sibling: f32::NAN,
                subtree: -3.0,
                level: f32::NEG_INFINITY,
            }
        } else {
            Spacing::default()
        };
        for o in [TD, LR] {
            let l = placed(&sizes, &children, &roots, o, sp);
            assert_eq!(l.centers.len(), sizes.len().max(children.len()));
            assert!(
                l.centers
                    .iter()
                    .flatten()
                    .all(|c| c.x.is_finite() && c.y.is_finite())
            );
            assert!(l.bounds.min.x.is_finite() && l.bounds.max.y.is_finite());
        }
    }
}

#[test]
fn random_trees_hold_every_invariant() {
    let mut rng = Rng(SplitMix64(1));
    let spacings = [
        Spacing::default(),
        Spacing {
            sibling: 0.0,
            subtree: 0.0,
            level: 0.0,
        },
        Spacing {
            sibling: 5.0,
            subtree: 50.0,
            level: 10.0,
        },
    ];
    for round in 0..200 {
        let n = 1 + rng.below(120);
        let window = 1 + rng.below(12);
        let children = random_tree(&mut rng, n, window);
        let sizes = rng.sizes(n);
        let sp = spacings[round % spacings.len()];
        check(&sizes, &children, &[0], TD, sp);
        check(&sizes, &children, &[0], LR, sp);
    }
}

#[test]
fn random_dags_and_forests_hold_every_invariant() {
    let mut rng = Rng(SplitMix64(2));
    for _ in 0..200 {
        let n = 2 + rng.below(80);
        // Edges only go from lower to higher indices, so the graph is acyclic.
        let window = 1 + rng.below(8);
        let mut children = random_tree(&mut rng, n, window);
        for _ in 0..rng.below(n) {
            let a = rng.below(n - 1);
            let b = a + 1 + rng.below(n - a - 1);
            children[a].push(b);
        }
        let mut roots = vec![0];
        roots.extend((0..rng.below(4)).map(|_| rng.below(n)));
        let sizes = rng.sizes(n);
        check_both(&sizes, &children, &roots);
    }
}

#[test]
fn chain_of_100k_is_one_straight_line() {
    let n = 100_000;
    let children = chain(n);
    let sizes = uniform(n, 60.0, 20.0);
    for (o, step) in [(TD, 20.0 + LEVEL), (LR, 60.0 + LEVEL)] {
        let l = run(&sizes, &children, &[0], o);
        for v in 0..n {
            let (b, d) = split(at(&l, v), o);
            assert_eq!(b, 0.0);
            assert!(
                (d - v as f32 * step).abs() <= tol(d),
                "node {v} at depth {d}"
            );
        }
    }
    check_both(&sizes, &children, &[0]);
}

#[test]
fn complete_ternary_tree_of_100k_with_random_sizes() {
    let n = 100_000;
    let children = complete(n, 3);
    let sizes = Rng(SplitMix64(5)).sizes(n);
    check_both(&sizes, &children, &[0]);
}

#[test]
fn caterpillar_of_100k() {
    let n = 100_001;
    let children = caterpillar(n);
    let sizes = Rng(SplitMix64(6)).sizes(n);
    check_both(&sizes, &children, &[0]);
}

#[test]
fn star_of_100k_leaves() {
    let n = 100_000;
    let mut children = vec![Vec::new(); n];
    children[0] = (1..n).collect();
    let sizes = uniform(n, 10.0, 10.0);
    let l = run(&sizes, &children, &[0], TD);
    assert_eq!(at(&l, 2).x - at(&l, 1).x, 10.0 + SIBLING);
    check(&sizes, &children, &[0], TD, Spacing::default());
}

#[test]
fn random_deep_tree_of_100k() {
    let mut rng = Rng(SplitMix64(9));
    let n = 100_000;
    let children = random_tree(&mut rng, n, 3);
    let sizes = rng.sizes(n);
    check_both(&sizes, &children, &[0]);
}

/// A random acyclic graph: node i > 0 gets `links[i]` to pick a tree parent below it (or
/// none, making it another root), plus extra edges from lower to higher indices.
fn dag_strategy() -> impl Strategy<Value = (Vec<Vec2>, Vec<Vec<usize>>, Vec<usize>)> {
    (1usize..40).prop_flat_map(|n| {
        (
            prop::collection::vec((1.0f32..250.0, 1.0f32..120.0), n),
            prop::collection::vec(0usize..1000, n),
            prop::collection::vec((0..n, 0..n), 0..12),
        )
            .prop_map(move |(dims, links, extra)| {
                let sizes = dims.into_iter().map(|(w, h)| vec2(w, h)).collect();
                let mut children = vec![Vec::new(); n];
                let mut roots = vec![0];
                for (v, link) in links.into_iter().enumerate().skip(1) {
                    let p = link % (v + 1);
                    if p == v {
                        roots.push(v)
                    } else {
                        children[p].push(v)
                    }
                }
                for (a, b) in extra {
                    if a != b {
                        children[a.min(b)].push(a.max(b));
                    }
                }
                (sizes, children, roots)
            })
    })
}

fn spacing_strategy() -> impl Strategy<Value = Spacing> {
    (0.0f32..60.0, 0.0f32..60.0, 1.0f32..100.0).prop_map(|(sibling, subtree, level)| Spacing {
        sibling,
        subtree,
        level,
    })
}

proptest! {
    #[test]
    fn random_graphs_hold_every_invariant(
        (sizes, children, roots) in dag_strategy(),
        sp in spacing_strategy(),
        left_right in any::<bool>(),
    ) {
        check(&sizes, &children, &roots, if left_right { LR } else { TD }, sp);
    }
}
