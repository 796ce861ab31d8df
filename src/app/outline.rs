//! The outline (View ▸ Outline): the tree as an indented list that folds, with the walk
//! marked. Clicking a row selects the node and brings it into view. Since the graph is
//! painted, this list is also how a screen reader and the keyboard get through the tree.

use std::collections::HashSet;

use egui::{RichText, Ui};

use super::commands::Command;
use crate::model::{NodeIndex, NodeKind, Tree, Walk};

/// One line of the outline.
#[derive(Debug, Clone)]
pub struct Row {
    pub node: NodeIndex,
    pub depth: usize,
    /// The answer that leads here from the row's parent.
    pub via: Option<String>,
    /// The node was listed further up (a shared decision): not expanded again.
    pub repeat: bool,
    pub has_children: bool,
}

/// What the outline keeps between frames.
#[derive(Default)]
pub struct Outline {
    /// Folded nodes, by id (indices are reused after a delete).
    pub folded: HashSet<String>,
    rows: Vec<Row>,
    built_for: Option<(u64, usize)>,
    generation: usize,
}

impl Outline {
    /// The rows for `tree` at `revision`, built again only after a change or a fold.
    pub fn rows(&mut self, tree: &Tree, revision: u64) -> &[Row] {
        let key = (revision, self.generation);
        if self.built_for != Some(key) {
            self.rows = rows(tree, &self.folded);
            self.built_for = Some(key);
        }
        &self.rows
    }

    pub fn toggle(&mut self, id: &str) {
        if !self.folded.remove(id) {
            self.folded.insert(id.to_owned());
        }
        self.generation += 1;
    }
}

/// The rows in reading order, depth first, iteratively; a node reached a second time is
/// listed as a repeat without its children, and a folded node without them.
pub fn rows(tree: &Tree, folded: &HashSet<String>) -> Vec<Row> {
    let mut out = Vec::new();
    let mut seen: HashSet<NodeIndex> = HashSet::new();
    // The roots, then whatever no root reaches (a loose part being edited); what a fold
    // hides is not loose.
    let roots = tree.roots();
    let mut reached: HashSet<NodeIndex> = HashSet::new();
    let mut stack = roots.clone();
    while let Some(n) = stack.pop() {
        if reached.insert(n) {
            stack.extend(tree.answers(n).iter().map(|a| a.to));
        }
    }
    let mut starts = roots;
    starts.extend(
        tree.reading_order()
            .into_iter()
            .filter(|n| !reached.contains(n)),
    );
    for start in starts {
        if seen.contains(&start) {
            continue;
        }
        let mut stack: Vec<(NodeIndex, usize, Option<String>)> = vec![(start, 0, None)];
        while let Some((node, depth, via)) = stack.pop() {
            let answers = tree.answers(node);
            let repeat = !seen.insert(node);
            out.push(Row {
                node,
                depth,
                via,
                repeat,
                has_children: !answers.is_empty(),
            });
            let open = tree.node(node).is_some_and(|n| !folded.contains(&n.id));
            if repeat || !open {
                continue;
            }
            for a in answers.iter().rev() {
                stack.push((a.to, depth + 1, Some(a.answer.label.clone())));
            }
        }
    }
    out
}

/// The outline panel, on the left. Returns the commands it asks for.
pub fn panel(
    ui: &mut Ui,
    outline: &mut Outline,
    tree: &Tree,
    revision: u64,
    walk: &Walk,
    selected: Option<NodeIndex>,
) -> Vec<Command> {
    let mut out = Vec::new();
    let path: HashSet<NodeIndex> = walk.path(tree).into_iter().collect();
    let current = walk.current(tree);
    let mut fold: Option<String> = None;
    egui::Panel::left("outline")
        .resizable(true)
        .default_size(280.0)
        .min_size(180.0)
        .show(ui, |ui| {
            ui.strong("Outline");
            // Marks from the glyphs egui's own fonts have (● and → are not among them).
            ui.weak("▶ where the walk is; ✔ answered on the way");
            ui.separator();
            outline.rows(tree, revision);
            let (rows, folded_ids) = (&outline.rows, &outline.folded);
            let height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show_rows(ui, height, rows.len(), |ui, range| {
                    for row in &rows[range] {
                        let folded = tree
                            .node(row.node)
                            .is_some_and(|n| folded_ids.contains(&n.id));
                        let mark = if Some(row.node) == current {
                            "▶ "
                        } else if path.contains(&row.node) {
                            "✔ "
                        } else {
                            ""
                        };
                        ui.horizontal(|ui| {
                            ui.add_space(14.0 * row.depth as f32);
                            if row.has_children && !row.repeat {
                                let (icon, what) = if folded {
                                    ("⏵", "Unfold")
                                } else {
                                    ("⏷", "Fold")
                                };
                                if ui.small_button(icon).on_hover_text(what).clicked() {
                                    fold = tree.node(row.node).map(|n| n.id.clone());
                                }
                            }
                            let text = row_text(tree, row, mark);
                            let mut rich = RichText::new(&text);
                            if !mark.is_empty() {
                                rich = rich.strong();
                            }
                            // One line, cut to the panel; the whole of it on hover.
                            if ui
                                .add(
                                    egui::Button::selectable(selected == Some(row.node), rich)
                                        .truncate(),
                                )
                                .on_hover_text(format!(
                                    "{text}\n\nSelect this node and bring it into view"
                                ))
                                .clicked()
                            {
                                out.push(Command::GoTo(row.node));
                            }
                        });
                    }
                });
        });
    if let Some(id) = fold {
        outline.toggle(&id);
    }
    out
}

/// "answer — Question: prompt", with the walk's mark first.
fn row_text(tree: &Tree, row: &Row, mark: &str) -> String {
    let what = match tree.node(row.node).map(|n| &n.kind) {
        Some(NodeKind::Question(q)) => format!("Question: {}", q.prompt),
        Some(NodeKind::Outcome(o)) => format!("Outcome: {}", o.title),
        _ => "Missing node".to_owned(),
    };
    let via = row
        .via
        .as_deref()
        .map_or(String::new(), |v| format!("{v} — "));
    let repeat = if row.repeat {
        " (shared, listed above)"
    } else {
        ""
    };
    format!("{mark}{via}{what}{repeat}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Node;

    #[test]
    fn rows_follow_the_answers_list_shared_nodes_once_and_fold() {
        let mut t = Tree::new("T");
        let q = t.add_node(Node::question("q", "First?"));
        let r = t.add_node(Node::question("r", "Second?"));
        let o = t.add_node(Node::outcome("o", "Shared"));
        let p = t.add_node(Node::outcome("p", "Other"));
        t.add_answer(q, r, "go on");
        t.add_answer(q, o, "stop");
        t.add_answer(r, o, "stop too");
        t.add_answer(r, p, "other");
        let list = rows(&t, &HashSet::new());
        let shape: Vec<(NodeIndex, usize, bool)> =
            list.iter().map(|r| (r.node, r.depth, r.repeat)).collect();
        assert_eq!(
            shape,
            vec![
                (q, 0, false),
                (r, 1, false),
                (o, 2, false),
                (p, 2, false),
                (o, 1, true)
            ]
        );
        assert_eq!(list[1].via.as_deref(), Some("go on"));
        let folded: HashSet<String> = ["r".to_owned()].into();
        let list = rows(&t, &folded);
        assert_eq!(
            list.iter().map(|r| r.node).collect::<Vec<_>>(),
            vec![q, r, o]
        );
        assert!(
            !list[2].repeat,
            "unfolded elsewhere, the shared node is listed in full"
        );
    }
}
