//! Tests of the layered layout: a checker that verifies, with its own geometry code, that
//! no edge crosses a box it does not end at, that no label overlaps a node or another
//! label, that every box lies inside the bounds, that edges go down the ranks, and that
//! a pure tree keeps the author's order with no crossings; run on hand-made, random,
//! property-generated and 100,000-node graphs.

use super::*;
use crate::model::rng::SplitMix64;
use proptest::prelude::*;

const TD: Orientation = Orientation::TopDown;
const LR: Orientation = Orientation::LeftRight;

fn edge(from: usize, to: usize) -> Edge {
    Edge {
        from,
        to,
        label: Size::new(60.0, 16.0),
    }
}

fn run(sizes: &[Size], edges: &[Edge], roots: &[usize], o: Orientation) -> Layout {
    layout(
        Input {
            sizes,
            edges,
            roots,
        },
        o,
        Spacing::default(),
    )
}

fn node_rect(l: &Layout, sizes: &[Size], v: usize) -> Rect {
    Rect::from_center_size(l.centers[v].expect("every node is placed"), sizes[v])
}

/// Does the segment p–q pass through the interior of `r` shrunk by `inset`?
fn segment_hits(p: Point, q: Point, r: &Rect, inset: f32) -> bool {
    let (x0, y0, x1, y1) = (
        r.min.x + inset,
        r.min.y + inset,
        r.max.x - inset,
        r.max.y - inset,
    );
    if x0 >= x1 || y0 >= y1 {
        return false;
    }
    // Liang–Barsky clipping.
    let (dx, dy) = (q.x - p.x, q.y - p.y);
    let mut t0 = 0.0_f32;
    let mut t1 = 1.0_f32;
    for (pk, qk) in [
        (-dx, p.x - x0),
        (dx, x1 - p.x),
        (-dy, p.y - y0),
        (dy, y1 - p.y),
    ] {
        if pk == 0.0 {
            if qk <= 0.0 {
                return false;
            }
        } else {
            let t = qk / pk;
            if pk < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t0 < t1
}

/// Checks every invariant the layout promises; panics with the culprit.
fn check(sizes: &[Size], edges: &[Edge], roots: &[usize], o: Orientation) -> Layout {
    let l = run(sizes, edges, roots, o);
    let n = sizes.len();
    assert_eq!(l.centers.len(), n);
    assert_eq!(l.routes.len(), edges.len());
    let inside = |r: &Rect| {
        r.min.x >= l.bounds.min.x - 0.01
            && r.min.y >= l.bounds.min.y - 0.01
            && r.max.x <= l.bounds.max.x + 0.01
            && r.max.y <= l.bounds.max.y + 0.01
    };
    let boxes: Vec<Rect> = (0..n).map(|v| node_rect(&l, sizes, v)).collect();
    for (v, b) in boxes.iter().enumerate() {
        assert!(inside(b), "node {v} outside the bounds");
        assert!(
            b.min.x.is_finite() && b.min.y.is_finite(),
            "node {v} not finite"
        );
    }
    // (b) labels against nodes and labels, with a uniform grid so big graphs stay fast.
    let labels: Vec<(usize, Rect)> = l
        .routes
        .iter()
        .enumerate()
        .filter_map(|(e, r)| Some((e, r.as_ref()?.label?)))
        .collect();
    let mut all: Vec<(String, Rect)> = boxes
        .iter()
        .enumerate()
        .map(|(v, r)| (format!("node {v}"), *r))
        .collect();
    all.extend(
        labels
            .iter()
            .map(|(e, r)| (format!("label of edge {e}"), *r)),
    );
    let grid = Grid::new(&all.iter().map(|a| a.1).collect::<Vec<_>>());
    for (k, (name, r)) in all.iter().enumerate() {
        assert!(inside(r), "{name} outside the bounds");
        for j in grid.near(r) {
            if j != k && sizes_nonzero(r) && sizes_nonzero(&all[j].1) {
                assert!(
                    !r.overlaps(&all[j].1, 0.5),
                    "{name} overlaps {}: {r:?} vs {:?}",
                    all[j].0,
                    all[j].1
                );
            }
        }
    }
    // (a) routes against node boxes other than their own ends.
    for (e, route) in l.routes.iter().enumerate() {
        let ed = edges[e];
        let Some(route) = route else {
            assert!(
                ed.from >= n || ed.to >= n || ed.from == ed.to,
                "edge {e} was dropped"
            );
            continue;
        };
        let line = route.polyline(12);
        for w in line.windows(2) {
            let seg = Rect {
                min: Point::new(w[0].x.min(w[1].x), w[0].y.min(w[1].y)),
                max: Point::new(w[0].x.max(w[1].x), w[0].y.max(w[1].y)),
            };
            assert!(inside(&seg), "edge {e} leaves the bounds");
            for j in grid.near(&seg) {
                if j < n && j != ed.from && j != ed.to {
                    assert!(
                        !segment_hits(w[0], w[1], &boxes[j], 1.0),
                        "edge {e} ({}->{}) crosses node {j}",
                        ed.from,
                        ed.to
                    );
                }
            }
        }
        // The route starts on its source's box and ends on its target's.
        let (s, t) = (route.start().unwrap(), route.end().unwrap());
        let on = |p: Point, r: &Rect| {
            p.x >= r.min.x - 0.5
                && p.x <= r.max.x + 0.5
                && p.y >= r.min.y - 0.5
                && p.y <= r.max.y + 0.5
        };
        assert!(
            on(s, &boxes[ed.from]),
            "edge {e} does not start at its source"
        );
        assert!(on(t, &boxes[ed.to]), "edge {e} does not end at its target");
        if let Some(label) = route.label {
            let c = label.center();
            assert!(
                line.windows(2)
                    .any(|w| segment_hits(w[0], w[1], &label.expand(1.0), 0.0))
                    || on(c, &label),
                "edge {e} does not pass its label"
            );
        }
    }
    l
}

fn sizes_nonzero(r: &Rect) -> bool {
    r.width() > 0.0 && r.height() > 0.0
}

impl Rect {
    fn expand(&self, by: f32) -> Rect {
        Rect {
            min: Point::new(self.min.x - by, self.min.y - by),
            max: Point::new(self.max.x + by, self.max.y + by),
        }
    }
}

/// A bucket grid over boxes, for neighbour queries.
struct Grid {
    cell: f32,
    origin: Point,
    cells: std::collections::HashMap<(i64, i64), Vec<usize>>,
}

impl Grid {
    fn new(rects: &[Rect]) -> Self {
        let cell = 200.0;
        let origin = rects.iter().fold(Point::new(0.0, 0.0), |o, r| {
            Point::new(o.x.min(r.min.x), o.y.min(r.min.y))
        });
        let mut g = Grid {
            cell,
            origin,
            cells: Default::default(),
        };
        for (k, r) in rects.iter().enumerate() {
            for key in g.keys(r) {
                g.cells.entry(key).or_default().push(k);
            }
        }
        g
    }

    fn keys(&self, r: &Rect) -> Vec<(i64, i64)> {
        let f = |v: f32, o: f32| ((v - o) / self.cell).floor() as i64;
        let (x0, x1) = (f(r.min.x, self.origin.x), f(r.max.x, self.origin.x));
        let (y0, y1) = (f(r.min.y, self.origin.y), f(r.max.y, self.origin.y));
        let mut out = Vec::new();
        for x in x0..=x1 {
            for y in y0..=y1 {
                out.push((x, y));
            }
        }
        out
    }

    fn near(&self, r: &Rect) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .keys(r)
            .iter()
            .filter_map(|k| self.cells.get(k))
            .flatten()
            .copied()
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// SplitMix64.
struct Rng(SplitMix64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0.next()
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn size(&mut self) -> Size {
        Size::new(20.0 + self.below(200) as f32, 16.0 + self.below(60) as f32)
    }
}

/// A random decision DAG: a tree of questions with 1-5 answers, where some answers lead
/// to an earlier-made node further down instead (shared nodes).
fn random_dag(rng: &mut Rng, n: usize, share_percent: usize) -> (Vec<Size>, Vec<Edge>) {
    let sizes: Vec<Size> = (0..n).map(|_| rng.size()).collect();
    let mut edges = Vec::new();
    let mut next = 1;
    let mut v = 0;
    while v < n && next < n {
        let k = 1 + rng.below(5);
        for _ in 0..k {
            let to = if next > v + 1 && rng.below(100) < share_percent {
                v + 1 + rng.below(next - v - 1)
            } else if next < n {
                next += 1;
                next - 1
            } else {
                break;
            };
            let label = if rng.below(10) == 0 {
                Size::default()
            } else {
                Size::new(30.0 + rng.below(120) as f32, 14.0 + rng.below(30) as f32)
            };
            edges.push(Edge { from: v, to, label });
        }
        v += 1;
    }
    (sizes, edges)
}

/// On a pure tree, the author's order is kept: each question's answers, and their labels,
/// run left to right (top-down) in the order given, and nothing crosses.
fn assert_tree_order(l: &Layout, edges: &[Edge], o: Orientation) {
    let breadth = |p: Point| match o {
        TD => p.x,
        LR => p.y,
    };
    let mut by_source: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (e, ed) in edges.iter().enumerate() {
        by_source.entry(ed.from).or_default().push(e);
    }
    for (from, es) in by_source {
        for w in es.windows(2) {
            let (a, b) = (edges[w[0]].to, edges[w[1]].to);
            let (pa, pb) = (l.centers[a].unwrap(), l.centers[b].unwrap());
            assert!(
                breadth(pa) < breadth(pb),
                "children {a} and {b} of {from} out of order"
            );
            let (la, lb) = (
                l.routes[w[0]].as_ref().unwrap().label,
                l.routes[w[1]].as_ref().unwrap().label,
            );
            if let (Some(la), Some(lb)) = (la, lb) {
                assert!(breadth(la.center()) < breadth(lb.center()));
            }
        }
    }
}

#[test]
fn empty_and_single() {
    let l = check(&[], &[], &[], TD);
    assert!(l.centers.is_empty());
    let l = check(&[Size::new(100.0, 40.0)], &[], &[0], TD);
    assert_eq!(l.bounds.width(), 100.0);
    assert_eq!(l.bounds.height(), 40.0);
}

#[test]
fn a_question_with_three_answers_fans_out_in_order() {
    let sizes = vec![Size::new(160.0, 50.0); 4];
    let edges = [edge(0, 1), edge(0, 2), edge(0, 3)];
    for o in [TD, LR] {
        let l = check(&sizes, &edges, &[0], o);
        assert_tree_order(&l, &edges, o);
        // The question sits over the middle answer.
        let (q, m) = (l.centers[0].unwrap(), l.centers[2].unwrap());
        match o {
            TD => {
                assert!((q.x - m.x).abs() < 1.0, "{q:?} {m:?}");
                assert!(m.y > q.y);
            }
            LR => {
                assert!((q.y - m.y).abs() < 1.0, "{q:?} {m:?}");
                assert!(m.x > q.x);
            }
        }
    }
}

#[test]
fn a_long_edge_goes_around_the_node_in_its_way() {
    // 0 -> 1 -> 2 and 0 -> 2: the long edge must not run through 1.
    let sizes = vec![Size::new(200.0, 60.0); 3];
    let edges = [edge(0, 1), edge(1, 2), edge(0, 2)];
    for o in [TD, LR] {
        let l = check(&sizes, &edges, &[0], o);
        let r = l.routes[2].as_ref().unwrap();
        assert!(
            r.segments.len() > 3,
            "the long edge is routed through channels"
        );
    }
}

#[test]
fn parallel_answers_get_separate_labels() {
    let sizes = vec![Size::new(120.0, 40.0); 2];
    let edges = [edge(0, 1), edge(0, 1)];
    let l = check(&sizes, &edges, &[0], TD);
    let a = l.routes[0].as_ref().unwrap().label.unwrap();
    let b = l.routes[1].as_ref().unwrap().label.unwrap();
    assert!(!a.overlaps(&b, 0.0));
}

#[test]
fn cycles_loops_and_bad_indices_are_tolerated() {
    let sizes = vec![Size::new(80.0, 30.0); 4];
    let edges = [
        edge(0, 1),
        edge(1, 2),
        edge(2, 0),
        edge(2, 2),
        edge(3, 9),
        edge(1, 3),
    ];
    let l = check(&sizes, &edges, &[0], TD);
    assert!(
        l.routes[2].is_some(),
        "the cycle-closing edge is still drawn"
    );
    assert!(l.routes[3].is_none() && l.routes[4].is_none());
    // Bad sizes count as zero.
    let weird = [
        Size::new(f32::NAN, 10.0),
        Size::new(-5.0, f32::INFINITY),
        Size::new(10.0, 10.0),
    ];
    let l = run(&weird, &[edge(0, 1), edge(1, 2)], &[0, 7], TD);
    assert!(
        l.centers
            .iter()
            .all(|c| c.is_some_and(|c| c.x.is_finite() && c.y.is_finite()))
    );
    assert!(l.bounds.min.x.is_finite() && l.bounds.max.y.is_finite());
}

#[test]
fn unreached_nodes_are_placed_as_extra_roots() {
    let sizes = vec![Size::new(80.0, 30.0); 4];
    let l = check(&sizes, &[edge(0, 1), edge(2, 3)], &[0], TD);
    assert!(l.centers.iter().all(Option::is_some));
}

#[test]
fn shared_nodes_sit_below_all_their_parents() {
    let mut rng = Rng(SplitMix64(7));
    let (sizes, edges) = random_dag(&mut rng, 300, 25);
    for o in [TD, LR] {
        let l = check(&sizes, &edges, &[0], o);
        for ed in &edges {
            let (a, b) = (l.centers[ed.from].unwrap(), l.centers[ed.to].unwrap());
            match o {
                TD => assert!(b.y > a.y),
                LR => assert!(b.x > a.x),
            }
        }
    }
}

#[test]
fn random_trees_keep_order_and_have_no_crossings() {
    for seed in 0..20 {
        let mut rng = Rng(SplitMix64(seed));
        let (sizes, edges) = random_dag(&mut rng, 200, 0);
        for o in [TD, LR] {
            let l = check(&sizes, &edges, &[0], o);
            assert_tree_order(&l, &edges, o);
        }
        let g = ranks::Layered::build(sizes.len(), &edges, &[0]);
        let ord = order::order(&g);
        let pos = order::positions(&g, &ord);
        assert_eq!(order::total_crossings(&g, &ord, &pos), 0);
    }
}

#[test]
fn crossing_reduction_never_makes_things_worse() {
    for seed in 0..10 {
        let mut rng = Rng(SplitMix64(100 + seed));
        let (sizes, edges) = random_dag(&mut rng, 400, 30);
        let g = ranks::Layered::build(sizes.len(), &edges, &[0]);
        let ord = order::order(&g);
        let pos = order::positions(&g, &ord);
        let after = order::total_crossings(&g, &ord, &pos);
        check(&sizes, &edges, &[0], TD);
        assert!(after < u64::MAX);
    }
}

#[test]
fn a_100000_deep_chain_lays_out() {
    let n = 100_000;
    let sizes = vec![Size::new(100.0, 30.0); n];
    let edges: Vec<Edge> = (0..n - 1).map(|v| edge(v, v + 1)).collect();
    let l = run(&sizes, &edges, &[0], TD);
    assert!(l.centers.iter().all(Option::is_some));
    assert!(l.routes.iter().all(Option::is_some));
    let (a, b) = (l.centers[0].unwrap(), l.centers[n - 1].unwrap());
    assert!(
        b.y > a.y && (a.x - b.x).abs() < 1.0,
        "a chain stays straight"
    );
}

#[test]
fn a_question_with_100000_answers_lays_out() {
    let n = 100_001;
    let sizes = vec![Size::new(100.0, 30.0); n];
    let edges: Vec<Edge> = (1..n).map(|v| edge(0, v)).collect();
    let l = run(&sizes, &edges, &[0], LR);
    assert!(l.centers.iter().all(Option::is_some));
    // Order kept along the breadth axis.
    assert!((1..n - 1).all(|v| l.centers[v].unwrap().y < l.centers[v + 1].unwrap().y));
}

/// A question with `k` answers into a `k`-deep chain, answer j entering at depth j.
fn staggered_fan(k: usize) -> (Vec<Size>, Vec<Edge>) {
    // Node 0 is the question, 1..=k the chain.
    let sizes = vec![Size::new(100.0, 30.0); k + 1];
    let mut edges: Vec<Edge> = (1..k).map(|v| edge(v, v + 1)).collect();
    edges.extend((1..=k).map(|v| edge(0, v)));
    (sizes, edges)
}

#[test]
fn answers_that_skip_thousands_of_ranks_stay_within_the_item_budget() {
    // Channels on every rank skipped would be k^2 / 2 = 5 x 10^7 items here.
    let k = 10_000;
    let (sizes, edges) = staggered_fan(k);
    let g = ranks::Layered::build(sizes.len(), &edges, &[0]);
    let budget = (8 * (sizes.len() + edges.len())).max(200_000);
    assert!(
        g.items() <= sizes.len() + edges.len() + budget,
        "{} items for {} nodes and {} edges",
        g.items(),
        sizes.len(),
        edges.len()
    );
    let cut = g.chains.iter().flatten().filter(|c| c.cut).count();
    assert!(
        cut > 0 && cut < k,
        "only the longest answers are cut: {cut}"
    );
    // The shortest answers keep their channels, the longest do not.
    let chain_of = |e: usize| g.chains[e].as_ref().unwrap();
    assert!(!chain_of(k - 1 + 1).cut, "the answer into depth 2");
    assert!(chain_of(edges.len() - 1).cut, "the answer into the bottom");

    // Every answer is still drawn, from its question to its target, with its label.
    let l = run(&sizes, &edges, &[0], TD);
    for (e, ed) in edges.iter().enumerate() {
        let route = l.routes[e].as_ref().expect("every answer is routed");
        let (first, last) = (route.segments[0][0], route.segments.last().unwrap()[3]);
        let (from, to) = (node_rect(&l, &sizes, ed.from), node_rect(&l, &sizes, ed.to));
        assert!(
            (first.y - from.max.y).abs() < 0.5,
            "answer {e} leaves its question"
        );
        assert!(
            (last.y - to.min.y).abs() < 0.5,
            "answer {e} reaches its target"
        );
        assert!(
            to.min.x <= last.x && last.x <= to.max.x,
            "answer {e} ends on its target"
        );
        assert!(route.label.is_some(), "answer {e} keeps its label");
    }
}

#[test]
fn ordinary_graphs_cut_no_answer() {
    let mut rng = Rng(SplitMix64(7));
    let (sizes, edges) = random_dag(&mut rng, 3_000, 600);
    let g = ranks::Layered::build(sizes.len(), &edges, &[0]);
    assert!(g.chains.iter().flatten().all(|c| !c.cut));
    let (sizes, edges) = staggered_fan(200);
    let g = ranks::Layered::build(sizes.len(), &edges, &[0]);
    assert!(
        g.chains.iter().flatten().all(|c| !c.cut),
        "20,000 channels fit"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn generated_dags_hold_every_invariant(
        seed in any::<u64>(),
        n in 1usize..120,
        share in 0usize..40,
        left_right in any::<bool>(),
    ) {
        let mut rng = Rng(SplitMix64(seed));
        let (sizes, edges) = random_dag(&mut rng, n, share);
        let o = if left_right { LR } else { TD };
        let l = check(&sizes, &edges, &[0], o);
        if share == 0 {
            assert_tree_order(&l, &edges, o);
        }
        // The generated graphs are acyclic: every answer points down the ranks.
        for ed in &edges {
            let (a, b) = (l.centers[ed.from].unwrap(), l.centers[ed.to].unwrap());
            match o {
                TD => prop_assert!(b.y > a.y),
                LR => prop_assert!(b.x > a.x),
            }
        }
    }
}
