//! Layout quality: the layered layout against Graphviz `dot`, elkjs (layered) and dagre on
//! the same graphs with the same node and label sizes, every drawing measured by the one
//! metrics module. Driven by `benches/layout_quality.sh`, which runs the peers in between;
//! see the "Layout quality" section of BENCHMARKS.md.
//!
//! ```sh
//! cargo run --release --example layout_quality -- [--out DIR] [--specs-only] [--only a,b]
//! ```
//!
//! For every graph it writes `DIR/NAME.spec.json` (node and label sizes, edges in answer
//! order) and `DIR/graphs.txt`; unless `--specs-only`, it times our layout (median of 5,
//! top-down), measures our drawing and every peer drawing `DIR/NAME.TOOL.json` found, and
//! prints a Markdown table. Graphs of at most 1,000 nodes also get, per tool, an SVG with
//! what the counts found drawn in red and orange, and `NAME.TOOL.problems.txt` listing it.

mod drawing;
mod metrics;
mod sizes;
mod svg;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;
use tradeoff::layout::Orientation;
use tradeoff::layout::layered::{self, Size, Spacing};
use tradeoff::model::Tree;
use tradeoff::model::generate::decision_dag;

use metrics::{Drawing, Metrics};
use sizes::{label_size, node_size};

/// The peers, in table order; each writes `NAME.TOOL.json` (or `.timeout`, `.failed`).
const PEERS: [&str; 3] = ["dot", "elkjs", "dagre"];
const RUNS: usize = 5;
/// Generated graphs share this fraction of their nodes, mid-way in 10-30%.
const SHARED: f64 = 0.2;
const SEED: u64 = 20261130;

fn main() {
    let args = Args::parse();
    std::fs::create_dir_all(&args.out).expect("create the output directory");
    let graphs = graphs(&args.only);
    let mut list = String::new();
    for g in &graphs {
        let path = args.out.join(format!("{}.spec.json", g.name));
        std::fs::write(
            &path,
            serde_json::to_string(&g.spec()).expect("spec as JSON"),
        )
        .expect("write the spec");
        let _ = writeln!(
            list,
            "{} {} {}",
            g.name,
            g.sizes.len(),
            u8::from(g.time_only)
        );
    }
    std::fs::write(args.out.join("graphs.txt"), list).expect("write graphs.txt");
    if args.specs_only {
        return;
    }

    let mut table = Table::default();
    for g in &graphs {
        eprintln!(
            "{}: {} nodes, {} answers",
            g.name,
            g.sizes.len(),
            g.edges.len()
        );
        let (ours, time) = g.layout_ours();
        let ours = (!g.time_only).then(|| (ours, "layered, top-down".to_owned()));
        table.add(g, "ours", ours, Timing::Ms(time, RUNS), &args.out);
        for tool in PEERS {
            let (drawing, timing) = drawing::read_peer(&args.out, &g.name, tool, g);
            table.add(g, tool, drawing, timing, &args.out);
        }
    }
    print!("{}", table.markdown());
}

struct Args {
    out: PathBuf,
    specs_only: bool,
    only: Vec<String>,
}

impl Args {
    fn parse() -> Self {
        let mut args = Args {
            out: PathBuf::from("target/layout-quality"),
            specs_only: false,
            only: Vec::new(),
        };
        let mut it = std::env::args().skip(1);
        while let Some(a) = it.next() {
            match a.as_str() {
                "--out" => args.out = it.next().expect("--out DIR").into(),
                "--specs-only" => args.specs_only = true,
                "--only" => {
                    let names = it.next().expect("--only NAME,NAME");
                    args.only = names.split(',').map(str::to_owned).collect();
                }
                other => panic!("unknown argument {other:?}; see the example's docs"),
            }
        }
        args
    }
}

/// One graph as every tool gets it.
pub struct Graph {
    pub name: String,
    pub sizes: Vec<Size>,
    pub edges: Vec<layered::Edge>,
    pub roots: Vec<usize>,
    /// Too large to measure drawings of: layout time only.
    pub time_only: bool,
}

fn graphs(only: &[String]) -> Vec<Graph> {
    let mut out = Vec::new();
    let wanted = |name: &str| only.is_empty() || only.iter().any(|o| o == name);
    for file in ["aws-containers", "example-database"] {
        if wanted(file) {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("trees/{file}.json"));
            let tree = tradeoff::format::load_path(&path)
                .expect("bundled tree")
                .tree;
            out.push(Graph::from_tree(file, &tree, false));
        }
    }
    for nodes in [100, 1_000, 10_000, 100_000] {
        let name = format!("dag-{nodes}");
        if wanted(&name) {
            let tree = decision_dag(nodes, SHARED, SEED);
            out.push(Graph::from_tree(&name, &tree, nodes > 10_000));
        }
    }
    out
}

#[derive(Serialize)]
struct Spec<'a> {
    name: &'a str,
    time_only: bool,
    nodes: Vec<SpecNode>,
    edges: Vec<SpecEdge>,
    roots: Vec<String>,
}

#[derive(Serialize)]
struct SpecNode {
    id: String,
    width: f32,
    height: f32,
}

#[derive(Serialize)]
struct SpecEdge {
    id: String,
    source: String,
    target: String,
    label: Option<SpecSize>,
}

#[derive(Serialize)]
struct SpecSize {
    width: f32,
    height: f32,
}

impl Graph {
    /// Nodes in index order (placeholders left out), answers per question in the
    /// author's order.
    fn from_tree(name: &str, tree: &Tree, time_only: bool) -> Self {
        let nodes: Vec<_> = tree.nodes().map(|(i, _)| i).collect();
        let bound = tree.all_nodes().map(|(i, _)| i.index() + 1).max();
        let mut dense = vec![usize::MAX; bound.unwrap_or(0)];
        for (k, &i) in nodes.iter().enumerate() {
            dense[i.index()] = k;
        }
        let sizes = tree.nodes().map(|(_, n)| node_size(n.label())).collect();
        let mut edges = Vec::new();
        for &from in &nodes {
            for a in tree.answers(from) {
                let to = dense[a.to.index()];
                if to != usize::MAX {
                    edges.push(layered::Edge {
                        from: dense[from.index()],
                        to,
                        label: label_size(&a.answer.label),
                    });
                }
            }
        }
        let roots = tree.roots().iter().map(|r| dense[r.index()]).collect();
        Graph {
            name: name.to_owned(),
            sizes,
            edges,
            roots,
            time_only,
        }
    }

    fn spec(&self) -> Spec<'_> {
        let size = |s: Size| SpecSize {
            width: s.w,
            height: s.h,
        };
        Spec {
            name: &self.name,
            time_only: self.time_only,
            nodes: (self.sizes.iter().enumerate())
                .map(|(i, s)| SpecNode {
                    id: format!("n{i}"),
                    width: s.w,
                    height: s.h,
                })
                .collect(),
            edges: (self.edges.iter().enumerate())
                .map(|(k, e)| SpecEdge {
                    id: format!("e{k}"),
                    source: format!("n{}", e.from),
                    target: format!("n{}", e.to),
                    label: (e.label.w > 0.0 && e.label.h > 0.0).then(|| size(e.label)),
                })
                .collect(),
            roots: self.roots.iter().map(|r| format!("n{r}")).collect(),
        }
    }

    /// Our drawing and the median time of [`RUNS`] layouts, in ms.
    fn layout_ours(&self) -> (Drawing, f64) {
        let input = layered::Input {
            sizes: &self.sizes,
            edges: &self.edges,
            roots: &self.roots,
        };
        let mut times = Vec::with_capacity(RUNS);
        let mut last = None;
        for _ in 0..RUNS {
            let t = Instant::now();
            let l = layered::layout(
                std::hint::black_box(input),
                Orientation::TopDown,
                Spacing::default(),
            );
            times.push(t.elapsed().as_secs_f64() * 1e3);
            last = Some(l);
        }
        let layout = last.expect("at least one run");
        (drawing::from_layout(self, &layout), median(&mut times))
    }
}

fn median(xs: &mut [f64]) -> f64 {
    xs.sort_by(f64::total_cmp);
    let m = xs.len() / 2;
    if xs.len() % 2 == 1 {
        xs[m]
    } else {
        (xs[m - 1] + xs[m]) / 2.0
    }
}

/// How long a tool took: median ms over so many runs, or why there is no figure.
pub enum Timing {
    Ms(f64, usize),
    /// Stopped after this many seconds.
    Timeout(u64),
    Failed(String),
    /// The peer was not run.
    Missing,
}

struct Row {
    graph: String,
    size: String,
    tool: &'static str,
    settings: String,
    metrics: Option<Metrics>,
    timing: Timing,
}

#[derive(Default)]
struct Table {
    rows: Vec<Row>,
}

impl Table {
    fn add(
        &mut self,
        g: &Graph,
        tool: &'static str,
        drawing: Option<(Drawing, String)>,
        timing: Timing,
        out: &Path,
    ) {
        if matches!(timing, Timing::Missing) {
            return;
        }
        let (metrics, settings) = match drawing {
            Some((d, settings)) => {
                let t = Instant::now();
                let m = metrics::measure(&d);
                eprintln!(
                    "  {tool}: measured in {:.0} ms",
                    t.elapsed().as_secs_f64() * 1e3
                );
                if g.sizes.len() <= 1_000 {
                    let path = out.join(format!("{}.{tool}.svg", g.name));
                    std::fs::write(path, svg::render(&d, &m)).expect("write the SVG");
                    let path = out.join(format!("{}.{tool}.problems.txt", g.name));
                    std::fs::write(path, problems(g, &m)).expect("write the problem list");
                }
                (Some(m), settings)
            }
            None => (None, String::new()),
        };
        self.rows.push(Row {
            graph: g.name.clone(),
            size: format!("{} / {}", g.sizes.len(), g.edges.len()),
            tool,
            settings,
            metrics,
            timing,
        });
    }

    fn markdown(&self) -> String {
        let mut s = String::from(
            "| graph | nodes / answers | tool | (a) edge through box | (b) label overlaps (on box + on label) | (c) crossings | area, Mpx² (÷ ours) | edge length, kpx (÷ ours) | time (runs) | time ÷ ours |\n\
             |---|---|---|---|---|---|---|---|---|---|\n",
        );
        for row in &self.rows {
            let ours = self
                .rows
                .iter()
                .find(|r| r.graph == row.graph && r.tool == "ours");
            let ours_m = ours.and_then(|r| r.metrics.as_ref());
            let ours_ms = match ours.map(|r| &r.timing) {
                Some(Timing::Ms(ms, _)) => Some(*ms),
                _ => None,
            };
            let ratio = |x: f64, base: Option<f64>| match base {
                Some(b) if b > 0.0 && row.tool != "ours" => format!(" ({})", times(x / b)),
                _ => String::new(),
            };
            let (a, b, c, area, length) = match &row.metrics {
                Some(m) => (
                    m.through.len().to_string(),
                    format!(
                        "{} ({} + {})",
                        m.label_on_node.len() + m.label_on_label.len(),
                        m.label_on_node.len(),
                        m.label_on_label.len()
                    ),
                    m.crossings.len().to_string(),
                    format!(
                        "{:.2}{}",
                        m.area() / 1e6,
                        ratio(m.area(), ours_m.map(Metrics::area))
                    ),
                    format!(
                        "{:.1}{}",
                        m.edge_length / 1e3,
                        ratio(m.edge_length, ours_m.map(|o| o.edge_length))
                    ),
                ),
                None => ("–".into(), "–".into(), "–".into(), "–".into(), "–".into()),
            };
            let (time, time_ratio) = match &row.timing {
                Timing::Ms(ms, runs) => (
                    format!("{} ({runs})", duration(*ms)),
                    match ours_ms {
                        Some(o) if row.tool != "ours" && o > 0.0 => times(ms / o),
                        _ => "1×".into(),
                    },
                ),
                Timing::Timeout(secs) => (format!("> {} min", secs / 60), "–".into()),
                Timing::Failed(why) => (format!("failed: {why}"), "–".into()),
                Timing::Missing => unreachable!("missing rows are not added"),
            };
            let tool = if row.settings.is_empty() {
                row.tool.to_owned()
            } else {
                format!("{} ({})", row.tool, row.settings)
            };
            let _ = writeln!(
                s,
                "| {} | {} | {tool} | {a} | {b} | {c} | {area} | {length} | {time} | {time_ratio} |",
                row.graph, row.size
            );
        }
        s
    }
}

/// What the counts found, by spec ids (`nI` nodes, `eK` edges), for finding them in a
/// drawing or a spec.
fn problems(g: &Graph, m: &Metrics) -> String {
    let edge = |k: usize| format!("e{k} (n{} -> n{})", g.edges[k].from, g.edges[k].to);
    let mut s = String::new();
    for &(e, v) in &m.through {
        let _ = writeln!(s, "(a) {} runs through n{v}", edge(e));
    }
    for &(e, v) in &m.label_on_node {
        let _ = writeln!(s, "(b) the label of {} overlaps n{v}", edge(e));
    }
    for &(e, f) in &m.label_on_label {
        let _ = writeln!(s, "(b) the labels of {} and {} overlap", edge(e), edge(f));
    }
    for c in &m.crossings {
        let (e, f) = c.edges;
        let _ = writeln!(
            s,
            "(c) {} crosses {} at ({:.0}, {:.0})",
            edge(e),
            edge(f),
            c.at.x,
            c.at.y
        );
    }
    s
}

/// A ratio with about three significant digits.
fn times(r: f64) -> String {
    if r >= 100.0 {
        format!("{r:.0}×")
    } else if r >= 10.0 {
        format!("{r:.1}×")
    } else {
        format!("{r:.2}×")
    }
}

fn duration(ms: f64) -> String {
    if ms >= 10_000.0 {
        format!("{:.1} s", ms / 1e3)
    } else if ms >= 100.0 {
        format!("{ms:.0} ms")
    } else if ms >= 1.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.2} ms")
    }
}
