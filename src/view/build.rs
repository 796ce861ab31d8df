//! Building a [`TreeView`] from the model, in steps: which nodes show, which are drawn
//! more than once, measuring their text, laying them out, and putting the result into
//! the egui_graphs graph along with the lookups the canvas needs.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};

use egui::{Pos2, Rect, Vec2};

use super::index::SpatialIndex;
use super::shapes::{self, measure as shapes_measure, measure_label};
use super::text::{Lines, TextMeasure};
use super::{
    BuildOptions, EdgeView, Highlight, NodeView, TreeView, ViewGraph, ViewKind, dimension_color,
    palette,
};
use crate::layout::Orientation;
use crate::layout::layered::{self, Spacing};
use crate::model::{EdgeIndex, NodeIndex, NodeKind, Tree};

/// The model nodes that show, in the order the layout takes them.
struct Shown {
    /// Every node that shows, in the order it was first reached.
    order: Vec<NodeIndex>,
    /// Where each node is in `order`, which is also its first drawn copy.
    slot: HashMap<NodeIndex, usize>,
    /// Collapsed nodes that show: their answers are hidden.
    hidden_below: HashSet<NodeIndex>,
    /// Where the layout starts: the roots, then one node of each part no root reaches.
    starts: Vec<NodeIndex>,
}

impl Shown {
    /// Everything reachable from the roots without passing through a collapsed node,
    /// then whatever no root reaches (a cycle, a loose part), so nothing goes missing.
    fn find(tree: &Tree, collapsed: &HashSet<NodeIndex>) -> Self {
        let mut shown = Self {
            order: Vec::new(),
            slot: HashMap::new(),
            hidden_below: HashSet::new(),
            starts: tree.roots(),
        };
        for s in shown.starts.clone() {
            shown.visit(tree, collapsed, s);
        }
        let below = below_collapsed(tree, collapsed);
        let leftovers: Vec<NodeIndex> = tree
            .all_nodes()
            .map(|(i, _)| i)
            .filter(|i| !shown.slot.contains_key(i) && !below.contains(i))
            .collect();
        for s in leftovers {
            // An earlier leftover's visit may have reached this one already.
            if !shown.slot.contains_key(&s) {
                shown.starts.push(s);
                shown.visit(tree, collapsed, s);
            }
        }
        shown
    }

    /// Takes in every node reachable from `start`, depth first with answers in their
    /// order (so siblings keep the order they were written in), not going below
    /// collapsed nodes.
    fn visit(&mut self, tree: &Tree, collapsed: &HashSet<NodeIndex>, start: NodeIndex) {
        let mut stack = vec![start];
        while let Some(n) = stack.pop() {
            if self.slot.contains_key(&n) {
                continue;
            }
            self.slot.insert(n, self.order.len());
            self.order.push(n);
            if collapsed.contains(&n) {
                self.hidden_below.insert(n);
                continue;
            }
            stack.extend(tree.answers(n).iter().rev().map(|a| a.to));
        }
    }

    /// The layout's roots, as copies.
    fn roots(&self) -> Vec<usize> {
        self.starts
            .iter()
            .filter_map(|s| self.slot.get(s).copied())
            .collect()
    }
}

/// An answer to draw, between two drawn copies.
struct PlannedAnswer {
    from: usize,
    to: usize,
    edge: EdgeIndex,
    label: String,
    /// Where `label` breaks into lines, once measured.
    lines: Lines,
}

/// What is drawn: every copy of a node and every answer between copies.
struct Plan {
    /// The model node of each copy: the shown nodes in their slots, then the extra
    /// copies of shared outcomes.
    copies: Vec<NodeIndex>,
    answers: Vec<PlannedAnswer>,
}

impl Plan {
    /// The answers drawn, and which copy of its target each one reaches: with
    /// repetition on, every answer after the first into a shared outcome gets a copy.
    fn new(tree: &Tree, shown: &Shown, repeat_shared: bool) -> Self {
        let mut copies: Vec<NodeIndex> = shown.order.clone();
        let mut answers = Vec::new();
        let mut used: HashSet<NodeIndex> = HashSet::new();
        for (from_slot, &from) in shown.order.iter().enumerate() {
            if shown.hidden_below.contains(&from) {
                continue;
            }
            for a in tree.answers(from) {
                let Some(&to_slot) = shown.slot.get(&a.to) else {
                    continue;
                };
                let repeat = repeat_shared
                    && tree.node(a.to).is_some_and(|n| n.is_outcome())
                    && !used.insert(a.to);
                let target = if repeat {
                    copies.push(a.to);
                    copies.len() - 1
                } else {
                    to_slot
                };
                answers.push(PlannedAnswer {
                    from: from_slot,
                    to: target,
                    edge: a.edge,
                    label: a.answer.label.clone(),
                    lines: Lines::default(),
                });
            }
        }
        Self { copies, answers }
    }

    /// A measured view for every copy. Extra copies clone their first copy's view:
    /// measuring text is the slow part of a build, and a copy looks the same.
    fn node_views(
        &self,
        tree: &Tree,
        shown: &Shown,
        text: &mut TextMeasure<'_>,
        room_for: Option<NodeIndex>,
    ) -> Vec<NodeView> {
        let mut copy_count: HashMap<NodeIndex, usize> = HashMap::new();
        for &c in &self.copies {
            *copy_count.entry(c).or_default() += 1;
        }
        let mut views: Vec<NodeView> = Vec::with_capacity(self.copies.len());
        for (k, &i) in self.copies.iter().enumerate() {
            if k < shown.order.len() {
                let mut v = node_view(tree, i);
                if shown.hidden_below.contains(&i) {
                    v.hidden = tree.answer_count(i);
                }
                v.copies = copy_count.get(&i).copied().unwrap_or(1);
                shapes_measure(text, &mut v);
                if room_for == Some(i) {
                    v.size = shapes::with_room(v.size);
                }
                views.push(v);
            } else {
                let first = views[shown.slot[&i]].clone();
                views.push(first);
            }
        }
        views
    }

    /// Breaks every answer's label into lines; the edges the layout routes, each with
    /// the label box it must leave room for.
    fn measure_answers(&mut self, text: &mut TextMeasure<'_>) -> Vec<layered::Edge> {
        self.answers
            .iter_mut()
            .map(|a| {
                let s = if a.label.trim().is_empty() {
                    Vec2::ZERO
                } else {
                    let (l, s) = measure_label(text, &a.label);
                    a.lines = l;
                    s
                };
                layered::Edge {
                    from: a.from,
                    to: a.to,
                    label: layered::Size::new(s.x, s.y),
                }
            })
            .collect()
    }
}

fn to_pos(p: layered::Point) -> Pos2 {
    Pos2::new(p.x, p.y)
}

fn to_rect(r: layered::Rect) -> Rect {
    Rect::from_min_max(to_pos(r.min), to_pos(r.max))
}

/// The graph's nodes, placed, with every copy of each model node and every copy's box.
struct PlacedNodes {
    graph: ViewGraph,
    nodes: HashMap<NodeIndex, Vec<petgraph::stable_graph::NodeIndex>>,
    rects: Vec<(NodeIndex, Rect)>,
}

/// Puts every copy into the egui_graphs graph at the centre the layout gave it.
fn place_nodes(views: Vec<NodeView>, placed: &layered::Layout) -> PlacedNodes {
    let mut graph = ViewGraph::new();
    let mut nodes: HashMap<NodeIndex, Vec<_>> = HashMap::new();
    let mut rects = Vec::with_capacity(views.len());
    for (k, view) in views.into_iter().enumerate() {
        let center = placed.centers[k].map_or(Pos2::ZERO, to_pos);
        let model = view.model;
        rects.push((model, Rect::from_center_size(center, view.size)));
        let label = view.text.clone();
        let index = graph.add_node_with_label_and_location(view, label, center);
        // The view finds copy k's data at graph index k.
        debug_assert_eq!(index.index(), k);
        nodes.entry(model).or_default().push(index);
    }
    PlacedNodes {
        graph,
        nodes,
        rects,
    }
}

/// The answers as drawn, in drawing order.
struct RoutedAnswers {
    drawn: Vec<EdgeView>,
    /// The box of the copy each answer leads to.
    targets: HashMap<EdgeIndex, Rect>,
}

/// Gives every answer the layout routed its curve and label box. Self-loops get no
/// route and are not drawn.
fn route_answers(
    answers: Vec<PlannedAnswer>,
    placed: &layered::Layout,
    rects: &[(NodeIndex, Rect)],
    orientation: Orientation,
) -> RoutedAnswers {
    let mut targets = HashMap::new();
    let mut drawn = Vec::with_capacity(answers.len());
    for (k, a) in answers.into_iter().enumerate() {
        let Some(route) = placed.routes[k].as_ref() else {
            continue;
        };
        targets.insert(a.edge, rects[a.to].1);
        let segments: Vec<[Pos2; 4]> = route.segments.iter().map(|s| s.map(to_pos)).collect();
        let label_rect = route.label.map(to_rect);
        let mut bounds = Rect::from_points(segments.as_flattened());
        if let Some(l) = label_rect {
            bounds = bounds.union(l);
        }
        drawn.push(EdgeView {
            model: a.edge,
            label: a.label,
            label_lines: a.lines,
            highlight: Highlight::Normal,
            orientation,
            route: segments,
            label_rect,
            bounds,
            on_route: false,
        });
    }
    RoutedAnswers { drawn, targets }
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
        let shown = Shown::find(tree, collapsed);
        let mut plan = Plan::new(tree, &shown, options.repeat_shared);
        let views = plan.node_views(tree, &shown, text, options.room_for);
        let sizes: Vec<layered::Size> = views
            .iter()
            .map(|v| layered::Size::new(v.size.x, v.size.y))
            .collect();
        let edges = plan.measure_answers(text);
        let placed = layered::layout(
            layered::Input {
                sizes: &sizes,
                edges: &edges,
                roots: &shown.roots(),
            },
            orientation,
            spacing(orientation),
        );

        let nodes = place_nodes(views, &placed);
        let answers = route_answers(plan.answers, &placed, &nodes.rects, orientation);
        let mut rects_by_model: HashMap<NodeIndex, Vec<usize>> = HashMap::new();
        for (k, (m, _)) in nodes.rects.iter().enumerate() {
            rects_by_model.entry(*m).or_default().push(k);
        }
        let bounds = if nodes.rects.is_empty() {
            Rect::ZERO
        } else {
            to_rect(placed.bounds)
        };
        let typical_height = median_height(&nodes.rects);
        let index = SpatialIndex::new(
            nodes.rects.iter().map(|(_, r)| *r),
            answers.drawn.iter().map(|a| a.bounds),
        );
        Self {
            graph: nodes.graph,
            nodes: nodes.nodes,
            answers: answers.drawn,
            rects: nodes.rects,
            rects_by_model,
            targets: answers.targets,
            linked: None,
            hovered: None,
            index,
            typical_height,
            generation: (BUILDS.fetch_add(1, Ordering::Relaxed), 0),
            overview: None,
            coverage: None,
            bounds,
            orientation,
        }
    }
}

/// Counts builds, so each view's images are told apart from an earlier view's.
static BUILDS: AtomicU64 = AtomicU64::new(0);

fn median_height(rects: &[(NodeIndex, Rect)]) -> f32 {
    let mut heights: Vec<f32> = rects.iter().map(|(_, r)| r.height()).collect();
    if heights.is_empty() {
        return 60.0;
    }
    let mid = heights.len() / 2;
    *heights.select_nth_unstable_by(mid, f32::total_cmp).1
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

/// A node's view before it is measured: what it says and how it is coloured.
pub(super) fn node_view(tree: &Tree, index: NodeIndex) -> NodeView {
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
        lifecycle: node
            .as_outcome()
            .map(|o| o.lifecycle.status)
            .filter(|s| *s != crate::model::Status::Current),
        hidden: 0,
        copies: 1,
        linked: false,
        matched: false,
        changed: false,
        on_route: false,
    }
}
