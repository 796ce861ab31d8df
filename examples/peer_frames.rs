//! The peer for the frame-time benchmark: egui_graphs' own `GraphView` with its
//! hierarchical layout and default node and edge shapes, headless (egui_kittest,
//! 1280x800), on the same generated tree as `examples/frames.rs`. egui_graphs fits the
//! graph on its first frame, so the later frames are "at fit". Reports the first frame
//! (layout included) and the median of later frames.
//!
//! `cargo run --release --example peer_frames -- dag:10000 [FRAMES]`

use std::time::Instant;

use egui_graphs::{
    DefaultEdgeShape, DefaultNodeShape, Graph, GraphView, LayoutHierarchical,
    LayoutStateHierarchical,
};
use egui_kittest::Harness;
use petgraph::Directed;
use petgraph::stable_graph::{DefaultIx, StableGraph};
use tradeoff::model::generate;

type PeerGraph = Graph<String, String, Directed, DefaultIx, DefaultNodeShape, DefaultEdgeShape>;

fn main() {
    let mut args = std::env::args().skip(1);
    let shape = args.next().unwrap_or_else(|| "dag:10000".to_owned());
    let frames: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(9);
    let n: usize = shape
        .split_once(':')
        .and_then(|(_, n)| n.parse().ok())
        .unwrap_or(10_000);
    let tree = match shape.split_once(':').map(|(k, _)| k) {
        Some("wide") => generate::wide_question(n),
        Some("fan") => generate::fan_over_chain(n, false),
        _ => generate::decision_dag(n, 0.1, 1),
    };
    let mut g: StableGraph<String, String> = StableGraph::new();
    let mut map = std::collections::HashMap::new();
    for (i, node) in tree.nodes() {
        map.insert(i, g.add_node(node.label().to_owned()));
    }
    for e in tree.graph().edge_indices() {
        if let Some(a) = tree.answer(e)
            && let (Some(&s), Some(&t)) = (map.get(&a.from), map.get(&a.to))
        {
            g.add_edge(s, t, a.answer.label.clone());
        }
    }
    let started = Instant::now();
    let mut graph: PeerGraph = egui_graphs::to_graph(&g);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui(move |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                GraphView::<LayoutStateHierarchical, LayoutHierarchical>::new()
                    .show(ui, &mut graph);
            });
        });
    h.step();
    println!(
        "egui_graphs view: first frame {:.1} ms ({} nodes)",
        started.elapsed().as_secs_f64() * 1e3,
        tree.node_count()
    );
    let mut times = Vec::with_capacity(frames);
    for _ in 0..frames {
        times.push(frame(&mut h));
    }
    times.sort_by(f64::total_cmp);
    if let Some(m) = times.get(times.len() / 2) {
        println!("egui_graphs view: median of {frames} later frames: {m:.2} ms");
    }
}

/// One frame as measured: the frame itself, then tessellating what it drew (which a
/// real window does before it can show the frame).
fn frame<S>(h: &mut Harness<'_, S>) -> f64 {
    let t = Instant::now();
    h.step();
    let out = h.output();
    let meshes = h.ctx.tessellate(out.shapes.clone(), out.pixels_per_point);
    std::hint::black_box(meshes);
    t.elapsed().as_secs_f64() * 1e3
}
