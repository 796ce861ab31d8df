//! The graph view: turns the model (plus a walk and a selection) into an egui_graphs
//! graph with our own node and edge display, positioned by `crate::layout`.
//!
//! egui_graphs' `GraphView::show` visits and copies every node on every frame and asks
//! for another frame each time, which would keep the app busy forever and make a
//! frame's cost follow the size of the tree. So the view keeps the egui_graphs graph and
//! its zoom and pan, and paints it itself with the same display types, only what is in
//! view (see `paint`).
//!
//! This module owns the view's data (what a node and an answer draw as) and the
//! queries on a built view (hit tests, where a node is, the arrow keys' neighbours).
//! `build` builds the view from the model, `index` finds what is where, `paint` draws
//! a frame at the level of detail the zoom allows, `overview` the far-out image,
//! `shapes` is how nodes and answers look, and `text` measures and breaks their text.

mod build;
mod index;
mod overview;
mod paint;
mod refresh;
mod shapes;
pub mod svg;
pub mod text;

use std::collections::{HashMap, HashSet};

use egui::{Color32, Pos2, Rect, Vec2};
use petgraph::Directed;
use petgraph::stable_graph::DefaultIx;

use crate::layout::Orientation;
use crate::model::{EdgeIndex, NodeIndex, Severity, Tree, Walk};

pub use paint::{load_meta, save_meta};
pub use shapes::{
    EdgeShape, MIN_TEXT_ZOOM, NodeShape, edge_shapes, measure as shapes_measure, measure_label,
    node_shapes, node_text_layout, text_readable,
};
pub use text::{Lines, TextMeasure};

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
    /// Where `text` breaks into lines, fixed when the view is built.
    pub lines: Lines,
    /// The dimension's name (in capitals) for a question, the summary for an outcome.
    pub detail: String,
    pub detail_lines: Lines,
    pub accent: Color32,
    pub size: Vec2,
    pub highlight: Highlight,
    pub selected: bool,
    pub badge: Option<Severity>,
    /// An outcome that is not current: its status, drawn as a tab on the box.
    pub lifecycle: Option<crate::model::Status>,
    /// How many answers are hidden because the node is collapsed.
    pub hidden: usize,
    /// How many copies of this node are drawn (shared outcomes, when repeated).
    pub copies: usize,
    /// Another copy of this node is under the pointer.
    pub linked: bool,
    /// The node holds the text being searched for.
    pub matched: bool,
    /// The node differs from the file the tree is being compared with.
    pub changed: bool,
    /// The node is on the way "How do I get there?" marks.
    pub on_route: bool,
}

/// Everything the edge display needs.
#[derive(Debug, Clone)]
pub struct EdgeView {
    pub model: EdgeIndex,
    pub label: String,
    pub label_lines: Lines,
    pub highlight: Highlight,
    pub orientation: Orientation,
    /// The routed curve, as cubic segments in canvas coordinates.
    pub route: Vec<[Pos2; 4]>,
    /// The label's box in canvas coordinates, when it has a label.
    pub label_rect: Option<Rect>,
    /// Everything the answer draws (curve control points and label), in canvas
    /// coordinates, so a frame can skip it without looking at its route.
    pub bounds: Rect,
    /// The answer is on the way "How do I get there?" marks.
    pub on_route: bool,
}

/// How each node and answer relates to the walk, by model index.
struct WalkMarks {
    nodes: Vec<Highlight>,
    /// Answers given on the walk, and the current question's answers.
    walked: HashSet<EdgeIndex>,
    options: HashSet<EdgeIndex>,
    on_path: Vec<bool>,
    current: Option<NodeIndex>,
}

impl WalkMarks {
    fn new(tree: &Tree, walk: &Walk) -> Self {
        let bound = petgraph::visit::NodeIndexable::node_bound(tree.graph());
        // Everything starts ruled out; what the walk can still reach is not.
        let mut nodes = vec![Highlight::RuledOut; bound];
        let current = walk.current(tree);
        let live = crate::model::weigh::live_nodes(tree, walk);
        for (slot, &live) in nodes.iter_mut().zip(&live) {
            if live {
                *slot = Highlight::Normal;
            }
        }
        let answers = current.map(|c| tree.answers(c)).unwrap_or_default();
        for a in &answers {
            nodes[a.to.index()] = Highlight::Option;
        }
        let mut on_path = vec![false; bound];
        for n in walk.path(tree) {
            nodes[n.index()] = Highlight::Path;
            on_path[n.index()] = true;
        }
        if let Some(c) = current {
            nodes[c.index()] = Highlight::Current;
        }
        Self {
            nodes,
            walked: walk.steps().iter().map(|s| s.answer).collect(),
            options: answers.iter().map(|a| a.edge).collect(),
            on_path,
            current,
        }
    }

    fn node(&self, n: NodeIndex) -> Highlight {
        self.nodes
            .get(n.index())
            .copied()
            .unwrap_or(Highlight::Normal)
    }

    /// An answer on the walk, one of the current question's, ruled out (an end ruled
    /// out, or another answer to a question already answered), or neither.
    fn answer(&self, tree: &Tree, edge: EdgeIndex) -> Highlight {
        if self.walked.contains(&edge) {
            return Highlight::Path;
        }
        if self.options.contains(&edge) {
            return Highlight::Option;
        }
        let Some(a) = tree.answer(edge) else {
            return Highlight::Normal;
        };
        let out = |n: NodeIndex| self.node(n) == Highlight::RuledOut;
        let passed_by = self.on_path.get(a.from.index()).copied().unwrap_or(false)
            && Some(a.from) != self.current;
        if out(a.from) || out(a.to) || passed_by {
            Highlight::RuledOut
        } else {
            Highlight::Normal
        }
    }
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
    /// What differs from the file the tree is compared with.
    pub const CHANGED: Color32 = Color32::from_rgb(0x06, 0xb6, 0xd4);
    /// The way to an outcome "How do I get there?" marks: violet, which no walk, search,
    /// comparison or problem mark uses.
    pub const ROUTE: Color32 = Color32::from_rgb(0x8b, 0x5c, 0xf6);

    pub fn severity(severity: Severity) -> Color32 {
        match severity {
            Severity::Error => ERROR,
            Severity::Warning => WARNING,
        }
    }

    /// An outcome's lifecycle: amber while it can still be taken, orange once new
    /// customers cannot, slate when it is gone.
    pub fn lifecycle(status: crate::model::Status) -> Color32 {
        use crate::model::Status;
        match status {
            Status::Current => OUTCOME,
            Status::Legacy => Color32::from_rgb(0xb4, 0x53, 0x09),
            Status::ClosedToNew => Color32::from_rgb(0xc2, 0x41, 0x0c),
            Status::Retired => Color32::from_rgb(0x47, 0x55, 0x69),
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

/// An answer as drawn: the answer, its cubic segments in canvas coordinates, and the box
/// of the node copy it leads to.
pub type DrawnRoute<'a> = (EdgeIndex, &'a [[Pos2; 4]], Option<Rect>);

/// How the graph is built: what the View menu decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BuildOptions {
    pub orientation: Orientation,
    /// Draw an outcome that several answers reach once per answer, as linked copies.
    pub repeat_shared: bool,
    /// A node being typed into that outgrew its box: it gets room for more text, so
    /// the next keystrokes are drawn in place instead of laying the tree out again.
    pub room_for: Option<NodeIndex>,
}

/// The graph as shown: the egui_graphs graph, where each model node and answer went,
/// and the laid-out bounds.
pub struct TreeView {
    pub graph: ViewGraph,
    /// Every drawn copy of a model node (one, unless shared outcomes are repeated).
    nodes: HashMap<NodeIndex, Vec<petgraph::stable_graph::NodeIndex>>,
    /// Every drawn answer, in drawing order; egui_graphs holds only the nodes.
    answers: Vec<EdgeView>,
    /// Canvas rectangle of every drawn copy, with its model node.
    rects: Vec<(NodeIndex, Rect)>,
    /// Where each model node's copies are in `rects`.
    rects_by_model: HashMap<NodeIndex, Vec<usize>>,
    /// The rectangle of the copy each answer leads to.
    targets: HashMap<EdgeIndex, Rect>,
    /// The model node whose copies are marked as linked (hovered).
    linked: Option<NodeIndex>,
    /// The copy under the pointer, drawn lighter.
    hovered: Option<usize>,
    /// Node boxes and answers by where they are, for culling and hit tests.
    index: index::SpatialIndex,
    /// The median node box height, which decides when boxes are too small to draw.
    typical_height: f32,
    /// This build (unique in the process) and how many times it was restyled since, so
    /// an image of the view is drawn again exactly when what it shows changed.
    generation: (u64, u64),
    /// The far-out image last drawn, and what it was drawn from.
    overview: Option<(overview::Key, egui::TextureHandle)>,
    /// The answers' coverage of that image, by what it was drawn from.
    coverage: Option<(overview::Geometry, Vec<u8>)>,
    pub bounds: Rect,
    pub orientation: Orientation,
}

impl TreeView {
    /// Marks every copy of `model` as linked (the pointer is over one of them); returns
    /// whether anything changed, so the caller knows to redraw.
    pub fn set_linked(&mut self, model: Option<NodeIndex>) -> bool {
        if self.linked == model {
            return false;
        }
        for (m, on) in [(self.linked, false), (model, true)] {
            let Some(indices) = m.and_then(|m| self.nodes.get(&m)) else {
                continue;
            };
            for &index in indices {
                if let Some(node) = self.graph.node_mut(index) {
                    node.payload_mut().linked = on && indices.len() > 1;
                }
            }
        }
        self.linked = model;
        true
    }

    /// Marks the copy under the pointer (`None` when the pointer is off every box);
    /// returns whether that changed, so the caller knows to redraw.
    pub fn set_hovered(&mut self, canvas: Option<Pos2>) -> bool {
        let copy = canvas.and_then(|p| self.index.node_at(p));
        if copy == self.hovered {
            return false;
        }
        self.hovered = copy;
        true
    }

    /// The view data of drawn copy `k`.
    fn copy_view(&self, k: usize) -> Option<&NodeView> {
        self.graph
            .node(petgraph::stable_graph::NodeIndex::new(k))
            .map(|n| n.payload())
    }

    /// The node next to `from` in direction `toward` on the canvas (the arrow keys).
    /// Along the tree's depth: the nearest rank that way, and in it the node least to
    /// the side. Across it: the nearest node straight that way (a neighbour in the same
    /// rank), else as along. `None` at the edge of the drawing.
    pub fn neighbour(&self, from: NodeIndex, toward: Vec2) -> Option<NodeIndex> {
        const STRAIGHT: f32 = 24.0;
        let start = self.rect_of(from)?.center();
        let side = Vec2::new(-toward.y, toward.x);
        let ahead: Vec<(f32, f32, NodeIndex)> = self
            .rects
            .iter()
            .filter(|(m, _)| *m != from)
            .filter_map(|(m, r)| {
                let d = r.center() - start;
                let along = d.dot(toward);
                (along > 1.0).then_some((along, d.dot(side).abs(), *m))
            })
            .collect();
        let nearest = |list: &mut dyn Iterator<Item = &(f32, f32, NodeIndex)>,
                       key: &dyn Fn(&(f32, f32, NodeIndex)) -> f32| {
            list.min_by(|a, b| key(a).total_cmp(&key(b))).copied()
        };
        let depth = match self.orientation {
            Orientation::TopDown => Vec2::Y,
            Orientation::LeftRight => Vec2::X,
        };
        let across_ranks = toward.dot(depth).abs() > 0.5;
        if !across_ranks
            && let Some((_, _, m)) =
                nearest(&mut ahead.iter().filter(|c| c.1 <= STRAIGHT), &|c| c.0)
        {
            return Some(m);
        }
        let (row, _, _) = nearest(&mut ahead.iter(), &|c| c.0)?;
        nearest(&mut ahead.iter().filter(|c| c.0 <= row + STRAIGHT), &|c| {
            c.1
        })
        .map(|c| c.2)
    }

    /// Updates highlight, selection and problem badges without laying out again. Runs
    /// on every answer chosen, so it keeps a flag per model index rather than hash sets.
    pub fn restyle(
        &mut self,
        tree: &Tree,
        walk: &Walk,
        selected: Option<NodeIndex>,
        badges: &HashMap<NodeIndex, Severity>,
        matched: &HashSet<NodeIndex>,
        changed: &HashSet<NodeIndex>,
    ) {
        let marks = WalkMarks::new(tree, walk);
        self.generation.1 += 1;
        self.each_view_mut(|model, _, view| {
            view.highlight = marks.node(model);
            view.selected = selected == Some(model);
            view.badge = badges.get(&model).copied();
            view.matched = matched.contains(&model);
            view.changed = changed.contains(&model);
        });
        for answer in &mut self.answers {
            answer.highlight = marks.answer(tree, answer.model);
        }
    }

    /// Runs `f` on each drawn node's view, with the model node and the box it stands
    /// for (a shared outcome drawn once per answer has a view per copy).
    fn each_view_mut(&mut self, mut f: impl FnMut(NodeIndex, Rect, &mut NodeView)) {
        for k in 0..self.rects.len() {
            let (model, rect) = self.rects[k];
            if let Some(node) = self
                .graph
                .node_mut(petgraph::stable_graph::NodeIndex::new(k))
            {
                f(model, rect, node.payload_mut());
            }
        }
    }

    /// Marks the way "How do I get there?" shows: `nodes` and `answers`, none when it is
    /// closed. Runs after `restyle`: what is marked is not dimmed even where the walk
    /// rules it out, since it is what the user is looking at. Of a shared outcome drawn
    /// once per answer, only the copy the way's answer reaches is marked.
    pub fn mark_route(&mut self, nodes: &HashSet<NodeIndex>, answers: &HashSet<EdgeIndex>) {
        self.generation.1 += 1;
        let ends: Vec<Rect> = answers
            .iter()
            .filter_map(|e| self.targets.get(e).copied())
            .collect();
        self.each_view_mut(|model, rect, view| {
            view.on_route = nodes.contains(&model) && (view.copies <= 1 || ends.contains(&rect));
            if view.on_route && view.highlight == Highlight::RuledOut {
                view.highlight = Highlight::Normal;
            }
        });
        for answer in &mut self.answers {
            answer.on_route = answers.contains(&answer.model);
            if answer.on_route && answer.highlight == Highlight::RuledOut {
                answer.highlight = Highlight::Normal;
            }
        }
    }

    /// The nodes and answers drawn as on the marked way (see `mark_route`).
    pub fn marked_route(&self) -> (HashSet<NodeIndex>, HashSet<EdgeIndex>) {
        let nodes = (0..self.rects.len())
            .filter(|&k| self.copy_view(k).is_some_and(|v| v.on_route))
            .map(|k| self.rects[k].0)
            .collect();
        let answers = self
            .answers
            .iter()
            .filter(|a| a.on_route)
            .map(|a| a.model)
            .collect();
        (nodes, answers)
    }

    /// The model node whose drawn rectangle holds `canvas` (a canvas position).
    pub fn node_at(&self, canvas: Pos2) -> Option<NodeIndex> {
        self.index.node_at(canvas).map(|k| self.rects[k].0)
    }

    /// Where a model node is drawn (its first copy), in canvas coordinates.
    pub fn rect_of(&self, model: NodeIndex) -> Option<Rect> {
        let &k = self.rects_by_model.get(&model)?.first()?;
        Some(self.rects[k].1)
    }

    /// Where the node that answer `edge` leads to is drawn (with shared outcomes drawn
    /// once per answer, the copy this answer reaches), in canvas coordinates.
    pub fn answer_target_rect(&self, _tree: &Tree, edge: EdgeIndex) -> Option<Rect> {
        self.targets.get(&edge).copied()
    }

    /// What a model node's first copy draws.
    pub fn node_view(&self, model: NodeIndex) -> Option<&NodeView> {
        self.copy_view(*self.rects_by_model.get(&model)?.first()?)
    }

    /// Every drawn rectangle of a model node (several when shared outcomes are repeated).
    pub fn rects_of(&self, model: NodeIndex) -> Vec<Rect> {
        self.rects_by_model
            .get(&model)
            .map(|ks| ks.iter().map(|&k| self.rects[k].1).collect())
            .unwrap_or_default()
    }

    /// Where each answer's label box is, in canvas coordinates.
    pub fn label_rects(&self) -> Vec<(EdgeIndex, Rect)> {
        self.answers
            .iter()
            .filter_map(|a| Some((a.model, a.label_rect?)))
            .collect()
    }

    /// Every answer's routed curve (cubic segments in canvas coordinates), with the
    /// answer and the box of the node copy it leads to.
    pub fn routes(&self) -> Vec<DrawnRoute<'_>> {
        self.answers
            .iter()
            .map(|a| {
                (
                    a.model,
                    a.route.as_slice(),
                    self.targets.get(&a.model).copied(),
                )
            })
            .collect()
    }

    /// Every drawn node box, with its model node.
    pub fn node_rects(&self) -> &[(NodeIndex, Rect)] {
        &self.rects
    }

    /// Every drawn answer's view, in drawing order.
    pub fn answers(&self) -> &[EdgeView] {
        &self.answers
    }

    /// What drawn copy `k` (an index into [`Self::node_rects`]) draws.
    pub fn copy(&self, k: usize) -> Option<&NodeView> {
        self.copy_view(k)
    }

    /// How many node boxes are drawn (copies included).
    pub fn shown(&self) -> usize {
        self.rects.len()
    }
}
