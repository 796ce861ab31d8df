//! Changes of text that need no new layout: typing in a prompt, a title, a summary or
//! an answer's label updates the drawn text in place while it still fits the box the
//! layout gave it, so a keystroke on a large tree does not lay the whole tree out again.
//! A box that must grow asks for a new layout (the caller's to run).

use egui::Rect;

use super::TreeView;
use super::build::node_view;
use super::shapes::{measure as shapes_measure, measure_label};
use super::text::{Lines, TextMeasure};
use crate::model::{EdgeIndex, NodeIndex, Tree};

impl TreeView {
    /// Takes a node's new text into every drawn copy of it. Returns false, changing
    /// nothing, when the text no longer fits the box laid out for it.
    pub fn refresh_node_text(
        &mut self,
        tree: &Tree,
        node: NodeIndex,
        text: &mut TextMeasure<'_>,
    ) -> bool {
        let Some(copies) = self.rects_by_model.get(&node).cloned() else {
            // Not drawn (below a collapsed node): nothing to redraw.
            return tree.node(node).is_some();
        };
        if tree.node(node).is_none() {
            return false;
        }
        let mut fresh = node_view(tree, node);
        shapes_measure(text, &mut fresh);
        let fits = |r: &Rect| fresh.size.x <= r.width() + 0.01 && fresh.size.y <= r.height() + 0.01;
        if !copies.iter().all(|&k| fits(&self.rects[k].1)) {
            return false;
        }
        for k in copies {
            let Some(n) = self
                .graph
                .node_mut(petgraph::stable_graph::NodeIndex::new(k))
            else {
                continue;
            };
            let view = n.payload_mut();
            view.text.clone_from(&fresh.text);
            view.lines = fresh.lines.clone();
            view.detail.clone_from(&fresh.detail);
            view.detail_lines = fresh.detail_lines.clone();
            view.accent = fresh.accent;
            view.lifecycle = fresh.lifecycle;
        }
        self.generation.1 += 1;
        true
    }

    /// Takes an answer's new label into its drawing. Returns false, changing nothing,
    /// when the label no longer fits the box laid out for it (or the answer had no box).
    pub fn refresh_answer_label(
        &mut self,
        tree: &Tree,
        edge: EdgeIndex,
        text: &mut TextMeasure<'_>,
    ) -> bool {
        let Some(label) = tree.answer(edge).map(|a| a.answer.label.clone()) else {
            return false;
        };
        let Some(drawn) = self.answers.iter_mut().find(|a| a.model == edge) else {
            // Not drawn (its question is collapsed or hidden): nothing to redraw.
            return true;
        };
        let (lines, size) = if label.trim().is_empty() {
            (Lines::default(), egui::Vec2::ZERO)
        } else {
            measure_label(text, &label)
        };
        let Some(rect) = drawn
            .label_rect
            .or_else(|| label.trim().is_empty().then_some(Rect::ZERO))
        else {
            return false;
        };
        if size.x > rect.width() + 0.01 || size.y > rect.height() + 0.01 {
            return false;
        }
        drawn.label = label;
        drawn.label_lines = lines;
        self.generation.1 += 1;
        true
    }
}
