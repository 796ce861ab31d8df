//! The notes panel: the selected node, or the tree's overview. It reads the document
//! and the walk and pushes the commands asked for; only the Markdown cache is its to
//! change.

use egui::{RichText, Ui};
use egui_commonmark::CommonMarkCache;

use super::Session;
use super::commands::Command;
use super::document::Document;
use crate::model::{Node, NodeIndex, NodeKind, Tree};
use crate::view::{dimension_color, palette};

use super::walk_panel::chip;

/// The notes panel, on the right: the selected node (`selection`, if it is still
/// there), else the current question, else the tree's overview.
pub(super) fn notes_panel(
    ui: &mut Ui,
    doc: &Document,
    session: &Session,
    selection: Option<NodeIndex>,
    markdown: &mut CommonMarkCache,
    out: &mut Vec<Command>,
) {
    egui::Panel::right("notes")
        .resizable(true)
        .default_size(340.0)
        .min_size(220.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    let tree = doc.tree();
                    // The walk panel already shows an outcome reached; then this
                    // panel gives the tree's overview unless a node is selected.
                    let shown = selection.or_else(|| {
                        session
                            .walk
                            .current(tree)
                            .filter(|&c| !tree.graph()[c].is_outcome())
                    });
                    let Some(index) = shown else {
                        tree_overview(ui, tree, markdown);
                        return;
                    };
                    let has_selection = session.selected.is_some();
                    node_notes(ui, doc, index, has_selection, markdown, out);
                });
        });
}

/// A node's kind, id, text, problems, notes, the answers that reach it and its sources.
fn node_notes(
    ui: &mut Ui,
    doc: &Document,
    index: NodeIndex,
    has_selection: bool,
    markdown: &mut CommonMarkCache,
    out: &mut Vec<Command>,
) {
    let tree = doc.tree();
    let Some(node) = tree.node(index) else {
        return;
    };
    ui.add_space(6.0);
    let kind = match node.kind {
        NodeKind::Question(_) => "Question",
        NodeKind::Outcome(_) => "Outcome",
        NodeKind::Missing => "Missing node",
    };
    ui.horizontal(|ui| {
        ui.weak(format!("{kind} · {}", node.id));
        if has_selection && ui.small_button("Show current").clicked() {
            out.push(Command::Select(None));
        }
    });
    ui.label(RichText::new(node.label()).size(17.0).strong());
    match &node.kind {
        NodeKind::Question(q) if !q.help.is_empty() => {
            ui.label(RichText::new(&q.help).weak());
        }
        NodeKind::Outcome(o) => {
            if !o.summary.is_empty() {
                ui.label(&o.summary);
            }
            ui.add_space(4.0);
            super::advice::lifecycle_banner(ui, tree, o, markdown, out);
            let ways = Command::ShowWays(index);
            if ui
                .button(ways.text())
                .on_hover_text(ways.tooltip())
                .clicked()
            {
                out.push(ways);
            }
        }
        _ => {}
    }
    for p in doc
        .problems
        .iter()
        .filter(|p| p.node_id() == Some(node.id.as_str()))
    {
        let color = palette::severity(p.severity);
        ui.colored_label(color, format!("{}: {}", p.severity, p.message()));
    }
    ui.separator();
    if node.notes.trim().is_empty() {
        ui.weak("No notes.");
    } else {
        super::markdown::show(ui, markdown, &node.notes);
    }
    reached_by(ui, tree, index);
    super::advice::sources(ui, node, doc.today, tree.review_months());
}

/// The answers that lead to `index`, with the questions they answer.
fn reached_by(ui: &mut Ui, tree: &Tree, index: NodeIndex) {
    let incoming = tree.incoming(index);
    if incoming.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.label(RichText::new("Reached by").strong());
    for a in incoming {
        let from = tree.node(a.from).map_or("", Node::label);
        ui.label(format!("{from} — {}", a.answer.label));
        if !a.answer.note.is_empty() {
            ui.label(RichText::new(&a.answer.note).small().weak());
        }
    }
}

fn tree_overview(ui: &mut Ui, tree: &Tree, markdown: &mut CommonMarkCache) {
    ui.add_space(6.0);
    ui.weak("About this tree");
    ui.label(RichText::new(&tree.title).size(17.0).strong());
    ui.separator();
    super::markdown::show(ui, markdown, &tree.description);
    if !tree.dimensions.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new("Dimensions").strong());
        for d in &tree.dimensions {
            chip(ui, &d.name, dimension_color(tree, Some(&d.id)));
            if !d.description.is_empty() {
                ui.label(&d.description);
            }
            ui.label(
                RichText::new(format!("1 = {} · 5 = {}", d.low, d.high))
                    .small()
                    .weak(),
            );
            ui.add_space(4.0);
        }
    }
}
