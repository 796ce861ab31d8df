//! Layout speed on pure trees: our tidy layout and our layered layout, each timed in this
//! process (median of 5 runs after 1 s of warm-up, top-down, default spacing), on trees
//! that are also written out as specs so that `benches/layout_speed.sh` can time the npm
//! peers (d3-hierarchy, d3-flextree, dagre, elkjs) on exactly the same input in the same
//! run.
//!
//! ```sh
//! cargo run --release --example layout_speed -- DIR [--nodes 10000,100000]
//! ```
//!
//! For every shape and size it writes `DIR/NAME.spec.json` (the root, each node's size,
//! parent and children in answer order, each answer label's size, and our spacing) and
//! lists the spec files in `DIR/specs.txt`, smaller sizes of a shape first. It prints one
//! JSON line per tree and layout: `{"spec", "shape", "nodes", "tool", "settings", "ms",
//! "first_ms", "runs"}`, `ms` being the median of the run times in `runs` and `first_ms`
//! the first, cold run (ms).

#[path = "layout_quality/sizes.rs"]
mod sizes;

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::Serialize;
use tradeoff::layout::layered::{self, Size};
use tradeoff::layout::{Input, Orientation, Spacing, layout};
use tradeoff::model::generate::decision_dag;

const RUNS: usize = 5;
const WARM_UP: Duration = Duration::from_secs(1);
const SEED: u64 = 20261130;

fn main() {
    let (dir, node_counts) = args();
    std::fs::create_dir_all(&dir).expect("create the output directory");
    let mut list = String::new();
    for shape in SHAPES {
        for &n in &node_counts {
            let tree = (shape.make)(n);
            let name = format!("{}-{n}", shape.name);
            let file = format!("{name}.spec.json");
            write_spec(&dir.join(&file), &name, shape.title, &tree);
            let _ = writeln!(list, "{file}");
            for (tool, settings, runs) in time_ours(&tree) {
                let line = Timing {
                    spec: &name,
                    shape: shape.title,
                    nodes: tree.sizes.len(),
                    tool,
                    settings,
                    ms: median(&runs.timed),
                    first_ms: runs.first,
                    runs: runs.timed,
                };
                println!("{}", serde_json::to_string(&line).expect("timing as JSON"));
            }
        }
    }
    std::fs::write(dir.join("specs.txt"), list).expect("write specs.txt");
}

fn args() -> (PathBuf, Vec<usize>) {
    let mut dir = None;
    let mut nodes = vec![10_000, 100_000];
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        if a == "--nodes" {
            let list = it.next().expect("--nodes N,N");
            nodes = (list.split(','))
                .map(|s| s.trim().parse().expect("a node count"))
                .collect();
        } else if dir.is_none() {
            dir = Some(PathBuf::from(a));
        } else {
            panic!("unknown argument {a:?}; see the example's docs");
        }
    }
    // Smaller first: the peers' script skips a size once a smaller one ran out of time.
    nodes.sort_unstable();
    (dir.expect("usage: layout_speed DIR [--nodes N,N]"), nodes)
}

/// A pure tree: node 0 is the root; `children[v]` in answer order, `labels[v][k]` the size
/// of the label on the answer to `children[v][k]`.
struct Tree {
    sizes: Vec<Size>,
    children: Vec<Vec<usize>>,
    labels: Vec<Vec<Size>>,
}

struct Shape {
    name: &'static str,
    title: &'static str,
    make: fn(usize) -> Tree,
}

const SHAPES: [Shape; 3] = [
    Shape {
        name: "decision-tree",
        title: "decision tree",
        make: decision_tree,
    },
    Shape {
        name: "ternary",
        title: "complete ternary tree",
        make: ternary,
    },
    Shape {
        name: "caterpillar",
        title: "caterpillar (depth n/2)",
        make: caterpillar,
    },
];

/// `decision_dag` with nothing shared, sized by the text-size model of the layout-quality
/// benchmark, so its boxes and labels are those of a real tree of that size.
fn decision_tree(n: usize) -> Tree {
    let dag = decision_dag(n, 0.0, SEED);
    let nodes: Vec<_> = dag.nodes().collect();
    assert!(
        nodes.iter().enumerate().all(|(k, (i, _))| i.index() == k),
        "generated trees have dense node indices"
    );
    let mut tree = Tree {
        sizes: nodes
            .iter()
            .map(|(_, v)| sizes::node_size(v.label()))
            .collect(),
        children: vec![Vec::new(); n],
        labels: vec![Vec::new(); n],
    };
    for &(i, _) in &nodes {
        for a in dag.answers(i) {
            tree.children[i.index()].push(a.to.index());
            tree.labels[i.index()].push(sizes::label_size(&a.answer.label));
        }
    }
    tree
}

/// Balanced and wide: a third of the nodes on the last level.
fn ternary(n: usize) -> Tree {
    with_random_sizes(
        (0..n)
            .map(|v| (3 * v + 1..(3 * v + 4).min(n)).collect())
            .collect(),
    )
}

/// Node and label sizes drawn from the ranges of the text-size model's, for shapes that
/// have no text.
fn with_random_sizes(children: Vec<Vec<usize>>) -> Tree {
    let mut rng = SEED;
    let mut next = |k: u64| {
        rng = rng
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((rng >> 33) % k) as f32
    };
    let sizes = (0..children.len())
        .map(|_| Size::new(120.0 + next(121), 38.0 + 18.0 * next(4)))
        .collect();
    let labels = (children.iter())
        .map(|c| {
            c.iter()
                .map(|_| Size::new(40.0 + next(111), 19.0 + 15.0 * next(2)))
                .collect()
        })
        .collect();
    Tree {
        sizes,
        children,
        labels,
    }
}

/// A spine with a leaf on every spine node: as deep as a tree with no chain of single
/// answers gets, so layouts that recurse once per level meet their stack limit here.
fn caterpillar(n: usize) -> Tree {
    let mut children = vec![Vec::new(); n];
    let mut spine = 0;
    while spine + 1 < n {
        children[spine] = (spine + 1..(spine + 3).min(n)).collect();
        spine += 2;
    }
    with_random_sizes(children)
}

/// Both our layouts on `tree`: (tool, settings, run times in ms). The inputs are built
/// before the clock starts, as the peers' are.
fn time_ours(tree: &Tree) -> [(&'static str, &'static str, Runs); 2] {
    let tidy = Input {
        sizes: &tree.sizes,
        children: &tree.children,
        roots: &[0],
    };
    let (tidy_runs, l) = runs(|| layout(black_box(tidy), Orientation::TopDown, Spacing::default()));
    assert!(l.centers.iter().all(Option::is_some));
    let edges: Vec<layered::Edge> = (tree.children.iter().zip(&tree.labels))
        .enumerate()
        .flat_map(|(from, (c, l))| {
            (c.iter().zip(l)).map(move |(&to, &label)| layered::Edge { from, to, label })
        })
        .collect();
    let input = layered::Input {
        sizes: &tree.sizes,
        edges: &edges,
        roots: &[0],
    };
    let (layered_runs, l) = runs(|| {
        layered::layout(
            black_box(input),
            Orientation::TopDown,
            layered::Spacing::default(),
        )
    });
    assert!(l.routes.iter().all(Option::is_some));
    [
        ("ours, tidy", "top-down, no labels", tidy_runs),
        (
            "ours, layered",
            "top-down, label boxes, routes",
            layered_runs,
        ),
    ]
}

/// One line of output: as the peers' lines, so one script tabulates both.
#[derive(Serialize)]
struct Timing<'a> {
    spec: &'a str,
    shape: &'a str,
    nodes: usize,
    tool: &'a str,
    settings: &'a str,
    ms: f64,
    first_ms: f64,
    runs: Vec<f64>,
}

/// Run times of `f`, in ms.
struct Runs {
    /// The very first run, before any warm-up: what a one-off layout costs.
    first: f64,
    timed: Vec<f64>,
}

/// [`RUNS`] timed runs after warming up for [`WARM_UP`], as the peers get: their JIT
/// compiles its last tiers only after many calls, and a tiny run times mostly the cache
/// misses of a cold start. Times to 0.1 µs: finer is noise. Also returns the last result,
/// to be checked outside the timing.
fn runs<T>(mut f: impl FnMut() -> T) -> (Runs, T) {
    let mut time = || {
        let t = Instant::now();
        let out = f();
        ((t.elapsed().as_secs_f64() * 1e7).round() / 1e4, out)
    };
    let start = Instant::now();
    let (first, mut out) = time();
    while start.elapsed() < WARM_UP {
        out = time().1;
    }
    let mut timed = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let (ms, o) = time();
        timed.push(ms);
        out = o;
    }
    (Runs { first, timed }, out)
}

fn median(xs: &[f64]) -> f64 {
    let mut xs = xs.to_vec();
    xs.sort_by(f64::total_cmp);
    let m = xs.len() / 2;
    if xs.len() % 2 == 1 {
        xs[m]
    } else {
        (xs[m - 1] + xs[m]) / 2.0
    }
}

#[derive(Serialize)]
struct Spec<'a> {
    name: &'a str,
    shape: &'a str,
    root: usize,
    spacing: SpecSpacing,
    nodes: Vec<SpecNode<'a>>,
}

/// Our default spacings, so the peers get the same gaps.
#[derive(Serialize)]
struct SpecSpacing {
    /// Tidy layout: between siblings, between other neighbours, between levels.
    sibling: f32,
    subtree: f32,
    level: f32,
    /// Layered layout: between boxes in a rank, between rank bands.
    item: f32,
    rank: f32,
}

#[derive(Serialize)]
struct SpecNode<'a> {
    width: f32,
    height: f32,
    parent: Option<usize>,
    children: &'a [usize],
    /// `[width, height]` of the label on the answer to each child.
    labels: Vec<[f32; 2]>,
}

fn write_spec(path: &Path, name: &str, shape: &str, tree: &Tree) {
    let mut parent = vec![None; tree.sizes.len()];
    for (v, c) in tree.children.iter().enumerate() {
        for &w in c {
            assert!(
                parent[w].replace(v).is_none(),
                "a pure tree: one parent each"
            );
        }
    }
    let (tidy, layered) = (Spacing::default(), layered::Spacing::default());
    let spec = Spec {
        name,
        shape,
        root: 0,
        spacing: SpecSpacing {
            sibling: tidy.sibling,
            subtree: tidy.subtree,
            level: tidy.level,
            item: layered.item,
            rank: layered.rank,
        },
        nodes: (tree.sizes.iter().enumerate())
            .map(|(v, s)| SpecNode {
                width: s.w,
                height: s.h,
                parent: parent[v],
                children: &tree.children[v],
                labels: tree.labels[v].iter().map(|l| [l.w, l.h]).collect(),
            })
            .collect(),
    };
    let text = serde_json::to_string(&spec).expect("spec as JSON");
    std::fs::write(path, text).expect("write the spec");
}
