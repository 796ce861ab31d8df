//! The graph view: turns the model (plus a walk and a selection) into an egui_graphs
//! graph with our own node and edge display, positioned by `crate::layout`.
//!
//! egui_graphs' `GraphView::show` asks for a repaint on every frame, which would keep
//! the app busy forever. So the app calls it only on frames where something happens
//! (input, a change), and on quiet frames paints the same graph with `paint_quiet`,
//! which runs these display types directly and asks for nothing.

mod shapes;

use std::collections::{HashMap, HashSet};

use egui::{Color32, Pos2, Rect, Vec2};
use egui_graphs::{DisplayEdge as _, DisplayNode as _, DrawContext, MetadataFrame, SettingsStyle};
use petgraph::Directed;
use petgraph::stable_graph::DefaultIx;

use crate::layout::{self, Orientation, Spacing};
use crate::model::{EdgeIndex, NodeIndex, NodeKind, Severity, Tree, Walk};

pub use shapes::{EdgeShape, NodeShape, measure as shapes_measure, node_text_layout};

/// The egui_graphs graph type the app shows.
pub type ViewGraph =
    egui_graphs::Graph<NodeView, EdgeView, Directed, DefaultIx, NodeShape, EdgeShape>;

/// The id under which egui_graphs keeps its zoom and pan for our view.
pub const VIEW_ID: &str = "tradeoff-graph";

/// How a node or answer relates to the walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Highlight {
    #[default]
    Normal,
    /// Visited on the way to where the walk stands.
    Path,
    /// Where the walk stands.
    Current,
    /// One of the current question's answers, or where it leads.
    Option,
    /// Ruled out by the answers given.
    RuledOut,
}

/// What a node draws as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewKind {
    Question,
    Outcome,
    Missing,
}

/// Everything the node display needs, precomputed so drawing does no model lookups.
#[derive(Debug, Clone)]
pub struct NodeView {
    pub model: NodeIndex,
    pub kind: ViewKind,
    pub text: String,
    /// The dimension's name for a question, the summary for an outcome.
    pub detail: String,
    pub accent: Color32,
    pub size: Vec2,
    pub highlight: Highlight,
    pub selected: bool,
    pub badge: Option<Severity>,
    /// How many answers are hidden because the node is collapsed.
    pub hidden: usize,
}

/// Everything the edge display needs.
#[derive(Debug, Clone)]
pub struct EdgeView {
    pub model: EdgeIndex,
    pub label: String,
    pub highlight: Highlight,
    pub orientation: Orientation,
    /// This answer's place among answers joining the same two nodes, and their count,
    /// so parallel answers are fanned out instead of drawn on top of each other.
    pub parallel: (usize, usize),
}

/// Colours for dimensions, in declaration order; chosen to stay apart in light and
/// dark themes and for the common colour-vision deficiencies.
const PALETTE: [Color32; 6] = [
    Color32::from_rgb(0x3b, 0x82, 0xf6),
    Color32::from_rgb(0xa8, 0x55, 0xf7),
    Color32::from_rgb(0x14, 0xb8, 0xa6),
    Color32::from_rgb(0xf9, 0x73, 0x16),
    Color32::from_rgb(0xec, 0x48, 0x99),
    Color32::from_rgb(0x84, 0xcc, 0x16),
];

/// Colours with a meaning, shared by the graph and the panels.
pub mod palette {
    use egui::Color32;

    use crate::model::Severity;

    pub const ERROR: Color32 = Color32::from_rgb(0xdc, 0x26, 0x26);
    pub const WARNING: Color32 = Color32::from_rgb(0xca, 0x8a, 0x04);
    /// Outcomes and "all is well".
    pub const OUTCOME: Color32 = Color32::from_rgb(0x22, 0xa0, 0x5a);

    pub fn severity(severity: Severity) -> Color32 {
        match severity {
            Severity::Error => ERROR,
            Severity::Warning => WARNING,
        }
    }
}

/// The colour of a dimension, by its place among the tree's dimensions.
pub fn dimension_color(tree: &Tree, dimension: Option<&str>) -> Color32 {
    let Some(dim) = dimension else {
        return Color32::GRAY;
    };
    tree.dimensions
        .iter()
        .position(|d| d.id == dim)
        .map_or(Color32::GRAY, |i| PALETTE[i % PALETTE.len()])
}

/// The graph as shown: the egui_graphs graph, where each model node and answer went,
/// and the laid-out bounds.
pub struct TreeView {
    pub graph: ViewGraph,
    nodes: HashMap<NodeIndex, petgraph::stable_graph::NodeIndex>,
    edges: HashMap<EdgeIndex, petgraph::stable_graph::EdgeIndex>,
    /// Canvas rectangle of every shown node, by model index.
    rects: HashMap<NodeIndex, Rect>,
    pub bounds: Rect,
    pub orientation: Orientation,
}

impl TreeView {
    /// Lays the tree out and builds the view graph. `measure` gives a node's drawn size;
    /// the answers of `collapsed` nodes are hidden.
    pub fn build(
        tree: &Tree,
        collapsed: &HashSet<NodeIndex>,
        orientation: Orientation,
        mut measure: impl FnMut(&NodeView) -> Vec2,
    ) -> Self {
        // Which nodes show: everything reachable from the roots without passing through
        // a collapsed node, then whatever no root reaches (a cycle, a loose part).
        let mut order: Vec<NodeIndex> = Vec::new();
        let mut slot: HashMap<NodeIndex, usize> = HashMap::new();
        let mut hidden_below: HashSet<NodeIndex> = HashSet::new();
        let mut starts: Vec<NodeIndex> = tree.roots();
        let mut visit =
            |start: NodeIndex, order: &mut Vec<NodeIndex>, slot: &mut HashMap<NodeIndex, usize>| {
                let mut stack = vec![start];
                while let Some(n) = stack.pop() {
                    if slot.contains_key(&n) {
                        continue;
                    }
                    slot.insert(n, order.len());
                    order.push(n);
                    if collapsed.contains(&n) {
                        hidden_below.insert(n);
                        continue;
                    }
                    stack.extend(tree.answers(n).iter().rev().map(|a| a.to));
                }
            };
        for &s in &starts {
            visit(s, &mut order, &mut slot);
        }
        let below = below_collapsed(tree, collapsed);
        let leftovers: Vec<NodeIndex> = tree
            .all_nodes()
            .map(|(i, _)| i)
            .filter(|i| !slot.contains_key(i) && !below.contains(i))
            .collect();
        for s in leftovers {
            if !slot.contains_key(&s) {
                starts.push(s);
                visit(s, &mut order, &mut slot);
            }
        }

        let views: Vec<NodeView> = order
            .iter()
            .map(|&i| {
                let mut v = node_view(tree, i);
                if hidden_below.contains(&i) {
                    v.hidden = tree.answers(i).len();
                }
                v.size = measure(&v);
                v
            })
            .collect();
        let sizes: Vec<Vec2> = views.iter().map(|v| v.size).collect();
        let children: Vec<Vec<usize>> = order
            .iter()
            .map(|&i| {
                if hidden_below.contains(&i) {
                    return Vec::new();
                }
                tree.answers(i)
                    .iter()
                    .filter_map(|a| slot.get(&a.to).copied())
                    .collect()
            })
            .collect();
        let roots: Vec<usize> = starts.iter().filter_map(|s| slot.get(s).copied()).collect();
        let placed = layout::layout(
            layout::Input {
                sizes: &sizes,
                children: &children,
                roots: &roots,
            },
            orientation,
            spacing(orientation),
        );

        let mut graph = ViewGraph::new();
        let mut nodes = HashMap::new();
        let mut rects = HashMap::new();
        for (k, view) in views.into_iter().enumerate() {
            let Some(center) = placed.centers.get(k).copied().flatten() else {
                continue;
            };
            let model = view.model;
            rects.insert(model, Rect::from_center_size(center, view.size));
            let label = view.text.clone();
            let index = graph.add_node_with_label_and_location(view, label, center);
            nodes.insert(model, index);
        }
        let mut edges = HashMap::new();
        for &from in &order {
            if hidden_below.contains(&from) {
                continue;
            }
            let answers = tree.answers(from);
            for (k, a) in answers.iter().enumerate() {
                let (Some(&s), Some(&t)) = (nodes.get(&from), nodes.get(&a.to)) else {
                    continue;
                };
                let twins: Vec<usize> = answers
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| b.to == a.to)
                    .map(|(j, _)| j)
                    .collect();
                let parallel = (twins.iter().position(|&j| j == k).unwrap_or(0), twins.len());
                let view = EdgeView {
                    model: a.edge,
                    label: a.answer.label.clone(),
                    highlight: Highlight::Normal,
                    orientation,
                    parallel,
                };
                let label = view.label.clone();
                edges.insert(a.edge, graph.add_edge_with_label(s, t, view, label));
            }
        }
        Self {
            graph,
            nodes,
            edges,
            rects,
            bounds: placed.bounds,
            orientation,
        }
    }

    /// Updates highlight, selection and problem badges without laying out again.
    pub fn restyle(
        &mut self,
        tree: &Tree,
        walk: &Walk,
        selected: Option<NodeIndex>,
        badges: &HashMap<NodeIndex, Severity>,
    ) {
        let path: HashSet<NodeIndex> = walk.path(tree).into_iter().collect();
        let path_edges: HashSet<EdgeIndex> = walk.steps().iter().map(|s| s.answer).collect();
        let current = walk.current(tree);
        let options: Vec<_> = current.map(|c| tree.answers(c)).unwrap_or_default();
        let option_nodes: HashSet<NodeIndex> = options.iter().map(|a| a.to).collect();
        let option_edges: HashSet<EdgeIndex> = options.iter().map(|a| a.edge).collect();
        let ruled_out = walk.ruled_out(tree);

        for (&model, &index) in &self.nodes {
            let highlight = if Some(model) == current {
                Highlight::Current
            } else if path.contains(&model) {
                Highlight::Path
            } else if option_nodes.contains(&model) {
                Highlight::Option
            } else if ruled_out.contains(&model) {
                Highlight::RuledOut
            } else {
                Highlight::Normal
            };
            if let Some(node) = self.graph.node_mut(index) {
                let view = node.payload_mut();
                view.highlight = highlight;
                view.selected = selected == Some(model);
                view.badge = badges.get(&model).copied();
            }
        }
        for (&model, &index) in &self.edges {
            let from_to = tree.answer(model).map(|a| (a.from, a.to));
            let highlight = if path_edges.contains(&model) {
                Highlight::Path
            } else if option_edges.contains(&model) {
                Highlight::Option
            } else if from_to.is_some_and(|(f, t)| {
                ruled_out.contains(&f)
                    || ruled_out.contains(&t)
                    || (path.contains(&f) && !path_edges.contains(&model) && Some(f) != current)
            }) {
                Highlight::RuledOut
            } else {
                Highlight::Normal
            };
            if let Some(edge) = self.graph.edge_mut(index) {
                edge.payload_mut().highlight = highlight;
            }
        }
    }

    /// The model node whose drawn rectangle holds `canvas` (a canvas position).
    pub fn node_at(&self, canvas: Pos2) -> Option<NodeIndex> {
        self.rects
            .iter()
            .find(|(_, r)| r.contains(canvas))
            .map(|(&i, _)| i)
    }

    /// Where a model node is drawn, in canvas coordinates.
    pub fn rect_of(&self, model: NodeIndex) -> Option<Rect> {
        self.rects.get(&model).copied()
    }

    /// How many nodes are shown.
    pub fn shown(&self) -> usize {
        self.nodes.len()
    }
}

/// Every node strictly below a collapsed node (what collapsing hides, unless another
/// path from a root reaches it).
fn below_collapsed(tree: &Tree, collapsed: &HashSet<NodeIndex>) -> HashSet<NodeIndex> {
    let mut below = HashSet::new();
    for &c in collapsed {
        below.extend(tree.reachable_from(c).into_iter().filter(|&n| n != c));
    }
    below
}

fn spacing(orientation: Orientation) -> Spacing {
    match orientation {
        // Answer labels sit between levels, so levels are further apart than siblings.
        Orientation::TopDown => Spacing {
            sibling: 28.0,
            subtree: 40.0,
            level: 96.0,
        },
        Orientation::LeftRight => Spacing {
            sibling: 22.0,
            subtree: 34.0,
            level: 170.0,
        },
    }
}

fn node_view(tree: &Tree, index: NodeIndex) -> NodeView {
    let node = &tree.graph()[index];
    let (kind, text, detail, accent) = match &node.kind {
        NodeKind::Question(q) => {
            let name = q
                .dimension
                .as_deref()
                .map(|d| {
                    tree.dimensions
                        .iter()
                        .find(|x| x.id == d)
                        .map_or(d, |x| x.name.as_str())
                })
                .unwrap_or_default();
            (
                ViewKind::Question,
                q.prompt.clone(),
                name.to_owned(),
                dimension_color(tree, q.dimension.as_deref()),
            )
        }
        NodeKind::Outcome(o) => (
            ViewKind::Outcome,
            o.title.clone(),
            o.summary.clone(),
            palette::OUTCOME,
        ),
        NodeKind::Missing => (
            ViewKind::Missing,
            format!("missing: {}", node.id),
            String::new(),
            palette::ERROR,
        ),
    };
    NodeView {
        model: index,
        kind,
        text,
        detail,
        accent,
        size: Vec2::new(180.0, 60.0),
        highlight: Highlight::Normal,
        selected: false,
        badge: None,
        hidden: 0,
    }
}

/// Paints the graph as egui_graphs last drew it, with our display types, without
/// egui_graphs' per-frame repaint request. `rect` is the canvas widget's rectangle.
pub fn paint_quiet(ui: &egui::Ui, rect: Rect, graph: &mut ViewGraph) {
    let mut meta = MetadataFrame::new(Some(VIEW_ID.to_owned())).load(ui);
    meta.pan += rect.left_top().to_vec2();
    let painter = ui.painter_at(rect);
    let style = SettingsStyle::default();
    let ctx = DrawContext {
        ctx: ui.ctx(),
        painter: &painter,
        style: &style,
        is_directed: true,
        meta: &meta,
    };
    let edge_ids: Vec<_> = graph.g().edge_indices().collect();
    for e in edge_ids {
        let Some((s, t)) = graph.edge_endpoints(e) else {
            continue;
        };
        let (Some(start), Some(end)) = (graph.node(s).cloned(), graph.node(t).cloned()) else {
            continue;
        };
        if let Some(edge) = graph.edge_mut(e) {
            for shape in edge.display_mut().shapes(&start, &end, &ctx) {
                painter.add(shape);
            }
        }
    }
    let node_ids: Vec<_> = graph.g().node_indices().collect();
    for n in node_ids {
        if let Some(node) = graph.node_mut(n) {
            for shape in node.display_mut().shapes(&ctx) {
                painter.add(shape);
            }
        }
    }
}

/// The zoom and pan egui_graphs keeps for our view.
pub fn load_meta(ui: &egui::Ui) -> MetadataFrame {
    MetadataFrame::new(Some(VIEW_ID.to_owned())).load(ui)
}

/// Stores zoom and pan for our view.
pub fn save_meta(ui: &mut egui::Ui, meta: MetadataFrame) {
    meta.save(ui);
}
