//! The comparison point for the idle and start-up benchmarks: a tree shown with
//! egui_graphs' default view and default node shapes, drawn every frame the way
//! egui_graphs expects. The tree is read from a file, as the app reads it, so the
//! start-up figures of both include loading it.
//!
//! `cargo run --release --example default_view [-- FILE]` (default: the bundled tree)

use egui_graphs::{DefaultEdgeShape, DefaultNodeShape, Graph};
use petgraph::Directed;
use petgraph::stable_graph::{DefaultIx, StableGraph};

struct DefaultViewApp {
    graph: Graph<String, String, Directed, DefaultIx, DefaultNodeShape, DefaultEdgeShape>,
}

impl eframe::App for DefaultViewApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            egui_graphs::DefaultGraphView::new().show(ui, &mut self.graph);
        });
    }
}

fn main() -> eframe::Result {
    let tree = match std::env::args_os().nth(1) {
        Some(path) => match tradeoff::format::load_path(std::path::Path::new(&path)) {
            Ok(loaded) => loaded.tree,
            Err(e) => {
                eprintln!("error: {e}");
                std::process::exit(2);
            }
        },
        None => tradeoff::app::bundled_tree(),
    };
    let mut g: StableGraph<String, String> = StableGraph::new();
    let mut map = std::collections::HashMap::new();
    for (i, n) in tree.nodes() {
        map.insert(i, g.add_node(n.label().to_owned()));
    }
    for e in tree.graph().edge_indices() {
        if let Some(a) = tree.answer(e)
            && let (Some(&s), Some(&t)) = (map.get(&a.from), map.get(&a.to))
        {
            g.add_edge(s, t, a.answer.label.clone());
        }
    }
    let graph = egui_graphs::to_graph(&g);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("egui_graphs default view")
            .with_inner_size([1400.0, 880.0]),
        ..Default::default()
    };
    eframe::run_native(
        "default-view",
        options,
        Box::new(|_| Ok(Box::new(DefaultViewApp { graph }))),
    )
}
