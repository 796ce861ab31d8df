//! The graph view: turns the model (plus a walk and a selection) into an egui_graphs
//! graph with our own node and edge display, positioned by `crate::layout`.
//!
//! egui_graphs' `GraphView::show` asks for a repaint on every frame, which would keep
//! the app busy forever. So the app calls it only on frames where something happens
//! (input, a change), and on quiet frames paints the same graph with `paint_quiet`,
//! which runs these display types directly and asks for nothing.

mod shapes;
pub mod text;

use std::collections::{HashMap, HashSet};

use egui::{Color32, Pos2, Rect, Vec2};
use egui_graphs::{DisplayNode as _, DrawContext, MetadataFrame, SettingsStyle};
use petgraph::Directed;
use petgraph::stable_graph::DefaultIx;

use crate::layout::Orientation;
use crate::layout::layered::{self, Spacing};
use crate::model::{EdgeIndex, NodeIndex, NodeKind, Severity, Tree, Walk};

pub use shapes::{
    EdgeShape, MIN_TEXT_ZOOM, NodeShape, measure as shapes_measure, measure_label,
    node_text_layout, text_readable,
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
    /// How many answers are hidden because the node is collapsed.
    pub hidden: usize,
    /// How many copies of this node are drawn (shared outcomes, when repeated).
    pub copies: usize,
    /// Another copy of this node is under the pointer.
    pub linked: bool,
    /// The node holds the text being searched for.
    pub matched: bool,
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

/// An answer as drawn: the answer, its cubic segments in canvas coordinates, and the box
/// of the node copy it leads to.
pub type DrawnRoute<'a> = (EdgeIndex, &'a [[Pos2; 4]], Option<Rect>);

/// How the graph is built: what the View menu decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BuildOptions {
    pub orientation: Orientation,
    /// Draw an outcome that several answers reach once per answer, as linked copies.
    pub repeat_shared: bool,
}

/// The graph as shown: the egui_graphs graph, where each model node and answer went,
/// and the laid-out bounds.
pub struct TreeView {
    pub graph: ViewGraph,
    /// Every drawn copy of a model node (one, unless shared outcomes are repeated).
    nodes: HashMap<NodeIndex, Vec<petgraph::stable_graph::NodeIndex>>,
    /// Every drawn answer, in drawing order; egui_graphs holds only the nodes.
    answers: Vec<EdgeView>,
    /// Where each model answer is in `answers`.
    edges: HashMap<EdgeIndex, usize>,
    /// Canvas rectangle of every drawn copy, with its model node.
    rects: Vec<(NodeIndex, Rect)>,
    /// Where each model node's copies are in `rects`.
    rects_by_model: HashMap<NodeIndex, Vec<usize>>,
    /// The rectangle of the copy each answer leads to.
    targets: HashMap<EdgeIndex, Rect>,
    /// The model node whose copies are marked as linked (hovered).
    linked: Option<NodeIndex>,
    pub bounds: Rect,
    pub orientation: Orientation,
}

impl TreeView {
    /// Lays the tree out and builds the view graph, with text broken into lines and
    /// measured by `text`; the answers of `collapsed` nodes are hidden.
    pub fn build(
        tree: &Tree,
        collapsed: &HashSet<NodeIndex>,
        options: BuildOptions,
        text: &mut TextMeasure<'_>,
    ) -> Self {
        let orientation = options.orientation;
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

        // The answers drawn, and which copy of its target each one reaches: with
        // repetition on, every answer after the first into a shared outcome gets a copy.
        let mut copies: Vec<NodeIndex> = order.clone();
        let mut answers: Vec<(usize, usize, EdgeIndex, String, Lines)> = Vec::new();
        let mut used: HashSet<NodeIndex> = HashSet::new();
        for (from_slot, &from) in order.iter().enumerate() {
            if hidden_below.contains(&from) {
                continue;
            }
            for a in tree.answers(from) {
                let Some(&to_slot) = slot.get(&a.to) else {
                    continue;
                };
                let repeat = options.repeat_shared
                    && tree.node(a.to).is_some_and(|n| n.is_outcome())
                    && !used.insert(a.to);
                let target = if repeat {
                    copies.push(a.to);
                    copies.len() - 1
                } else {
                    to_slot
                };
                answers.push((
                    from_slot,
                    target,
                    a.edge,
                    a.answer.label.clone(),
                    Lines::default(),
                ));
            }
        }
        let mut copy_count: HashMap<NodeIndex, usize> = HashMap::new();
        for &c in &copies {
            *copy_count.entry(c).or_default() += 1;
        }

        let mut views: Vec<NodeView> = Vec::with_capacity(copies.len());
        for (k, &i) in copies.iter().enumerate() {
            if k < order.len() {
                let mut v = node_view(tree, i);
                if hidden_below.contains(&i) {
                    v.hidden = tree.answers(i).len();
                }
                v.copies = copy_count.get(&i).copied().unwrap_or(1);
                shapes_measure(text, &mut v);
                views.push(v);
            } else {
                let first = views[slot[&i]].clone();
                views.push(first);
            }
        }
        let sizes: Vec<layered::Size> = views
            .iter()
            .map(|v| layered::Size::new(v.size.x, v.size.y))
            .collect();
        let edges: Vec<layered::Edge> = answers
            .iter_mut()
            .map(|(from, to, _, label, lines)| {
                let s = if label.trim().is_empty() {
                    Vec2::ZERO
                } else {
                    let (l, s) = measure_label(text, label);
                    *lines = l;
                    s
                };
                layered::Edge {
                    from: *from,
                    to: *to,
                    label: layered::Size::new(s.x, s.y),
                }
            })
            .collect();
        let roots: Vec<usize> = starts.iter().filter_map(|s| slot.get(s).copied()).collect();
        let placed = layered::layout(
            layered::Input {
                sizes: &sizes,
                edges: &edges,
                roots: &roots,
            },
            orientation,
            spacing(orientation),
        );

        let pos = |p: layered::Point| Pos2::new(p.x, p.y);
        let rect = |r: layered::Rect| Rect::from_min_max(pos(r.min), pos(r.max));
        let mut graph = ViewGraph::new();
        let mut nodes: HashMap<NodeIndex, Vec<_>> = HashMap::new();
        let mut rects = Vec::with_capacity(views.len());
        let mut index_of = Vec::with_capacity(views.len());
        for (k, view) in views.into_iter().enumerate() {
            let center = placed.centers[k].map_or(Pos2::ZERO, pos);
            let model = view.model;
            rects.push((model, Rect::from_center_size(center, view.size)));
            let label = view.text.clone();
            let index = graph.add_node_with_label_and_location(view, label, center);
            nodes.entry(model).or_default().push(index);
            index_of.push(index);
        }
        let mut edge_map = HashMap::new();
        let mut targets = HashMap::new();
        let mut drawn = Vec::with_capacity(answers.len());
        for (k, (_, to, edge, label, label_lines)) in answers.into_iter().enumerate() {
            let Some(route) = placed.routes[k].as_ref() else {
                continue;
            };
            targets.insert(edge, rects[to].1);
            edge_map.insert(edge, drawn.len());
            let segments: Vec<[Pos2; 4]> = route.segments.iter().map(|s| s.map(pos)).collect();
            let label_rect = route.label.map(rect);
            let mut bounds = Rect::from_points(segments.as_flattened());
            if let Some(l) = label_rect {
                bounds = bounds.union(l);
            }
            drawn.push(EdgeView {
                model: edge,
                label,
                label_lines,
                highlight: Highlight::Normal,
                orientation,
                route: segments,
                label_rect,
                bounds,
            });
        }
        let mut rects_by_model: HashMap<NodeIndex, Vec<usize>> = HashMap::new();
        for (k, (m, _)) in rects.iter().enumerate() {
            rects_by_model.entry(*m).or_default().push(k);
        }
        let bounds = if rects.is_empty() {
            Rect::ZERO
        } else {
            rect(placed.bounds)
        };
        Self {
            graph,
            nodes,
            answers: drawn,
            edges: edge_map,
            rects,
            rects_by_model,
            targets,
            linked: None,
            bounds,
            orientation,
        }
    }

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

    /// Updates highlight, selection and problem badges without laying out again.
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

    pub fn restyle(
        &mut self,
        tree: &Tree,
        walk: &Walk,
        selected: Option<NodeIndex>,
        badges: &HashMap<NodeIndex, Severity>,
        matched: &HashSet<NodeIndex>,
    ) {
        let path: HashSet<NodeIndex> = walk.path(tree).into_iter().collect();
        let path_edges: HashSet<EdgeIndex> = walk.steps().iter().map(|s| s.answer).collect();
        let current = walk.current(tree);
        let options: Vec<_> = current.map(|c| tree.answers(c)).unwrap_or_default();
        let option_nodes: HashSet<NodeIndex> = options.iter().map(|a| a.to).collect();
        let option_edges: HashSet<EdgeIndex> = options.iter().map(|a| a.edge).collect();
        let ruled_out = walk.ruled_out(tree);

        for (&model, indices) in &self.nodes {
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
            for &index in indices {
                if let Some(node) = self.graph.node_mut(index) {
                    let view = node.payload_mut();
                    view.highlight = highlight;
                    view.selected = selected == Some(model);
                    view.badge = badges.get(&model).copied();
                    view.matched = matched.contains(&model);
                }
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
            self.answers[index].highlight = highlight;
        }
    }

    /// The model node whose drawn rectangle holds `canvas` (a canvas position).
    pub fn node_at(&self, canvas: Pos2) -> Option<NodeIndex> {
        self.rects
            .iter()
            .find(|(_, r)| r.contains(canvas))
            .map(|&(i, _)| i)
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

    /// How many node boxes are drawn (copies included).
    pub fn shown(&self) -> usize {
        self.rects.len()
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
        Orientation::TopDown => Spacing {
            item: 22.0,
            rank: 24.0,
            channel: 12.0,
        },
        // Left to right, the gaps between ranks carry the fans, so they are wider.
        Orientation::LeftRight => Spacing {
            item: 14.0,
            rank: 36.0,
            channel: 10.0,
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
                // Drawn in capitals on the chip; made once here, not on every frame.
                name.to_uppercase(),
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
        lines: Lines::default(),
        detail,
        detail_lines: Lines::default(),
        accent,
        size: Vec2::new(180.0, 60.0),
        highlight: Highlight::Normal,
        selected: false,
        badge: None,
        hidden: 0,
        copies: 1,
        linked: false,
        matched: false,
    }
}

impl TreeView {
    /// Paints every answer under the nodes, with the zoom and pan egui_graphs keeps for
    /// the view. `rect` is the canvas widget's rectangle.
    /// Paints the answers in view. An answer whose target and label are both out of view
    /// only passes through it (or leaves it); past a few hundred of those (a fan of
    /// thousands of answers) an even sample of them is drawn: they lie within a pixel
    /// of each other, so the picture is the same, and a frame does not rasterise
    /// 100,000 curves.
    pub fn paint_answers(&self, ui: &egui::Ui, rect: Rect) {
        const MAX_PASSING: usize = 400;
        with_draw_context(ui, rect, |ctx| {
            let clip = ctx.painter.clip_rect().expand(20.0);
            let seen = Rect::from_two_pos(
                ctx.meta.screen_to_canvas_pos(clip.min),
                ctx.meta.screen_to_canvas_pos(clip.max),
            );
            let mut passing: Vec<&EdgeView> = Vec::new();
            for answer in &self.answers {
                if !seen.intersects(answer.bounds) {
                    continue;
                }
                let ends_seen = answer.route.last().is_some_and(|s| seen.contains(s[3]))
                    || answer.label_rect.is_some_and(|l| seen.intersects(l));
                if ends_seen || answer.highlight == Highlight::Path {
                    ctx.painter.extend(shapes::edge_shapes(answer, ctx));
                } else {
                    passing.push(answer);
                }
            }
            let step = passing.len().div_ceil(MAX_PASSING).max(1);
            for answer in passing.into_iter().step_by(step) {
                ctx.painter.extend(shapes::edge_shapes(answer, ctx));
            }
        });
    }
}

/// Runs `paint` with a drawing context for the canvas at `rect`, in the zoom and pan
/// egui_graphs keeps for our view.
fn with_draw_context(ui: &egui::Ui, rect: Rect, paint: impl FnOnce(&DrawContext<'_>)) {
    let mut meta = MetadataFrame::new(Some(VIEW_ID.to_owned())).load(ui);
    meta.pan += rect.left_top().to_vec2();
    let painter = ui.painter_at(rect);
    let style = SettingsStyle::default();
    paint(&DrawContext {
        ctx: ui.ctx(),
        painter: &painter,
        style: &style,
        is_directed: true,
        meta: &meta,
    });
}

/// Paints the graph as egui_graphs last drew it, with our display types, without
/// egui_graphs' per-frame repaint request. `rect` is the canvas widget's rectangle.
pub fn paint_quiet(ui: &egui::Ui, rect: Rect, tree_view: &mut TreeView) {
    tree_view.paint_answers(ui, rect);
    let graph = &mut tree_view.graph;
    with_draw_context(ui, rect, |ctx| {
        let node_ids: Vec<_> = graph.g().node_indices().collect();
        for n in node_ids {
            if let Some(node) = graph.node_mut(n) {
                ctx.painter.extend(node.display_mut().shapes(ctx));
            }
        }
    });
}

/// The zoom and pan egui_graphs keeps for our view.
pub fn load_meta(ui: &egui::Ui) -> MetadataFrame {
    MetadataFrame::new(Some(VIEW_ID.to_owned())).load(ui)
}

/// Stores zoom and pan for our view.
pub fn save_meta(ui: &mut egui::Ui, meta: MetadataFrame) {
    meta.save(ui);
}
