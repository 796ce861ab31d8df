//! Search (Ctrl+F): a field and a list of the nodes whose text holds the query
//! (`model::search`), marked in the graph; Enter, a click, F3 and Shift+F3 go to them.
//! The results are worked out again whenever the query or the tree changes.

use egui::{Key, RichText, Ui};

use super::commands::Command;
use crate::model::search::{Hit, search};
use crate::model::{NodeIndex, Tree};

/// The search panel's state.
#[derive(Default)]
pub struct Search {
    pub open: bool,
    pub query: String,
    pub hits: Vec<Hit>,
    /// The result last gone to, for F3 and Shift+F3.
    pub current: Option<usize>,
    /// The query and tree revision the hits were found for.
    found_for: Option<(String, u64)>,
    /// Put the cursor in the field on the next frame.
    pub focus: bool,
}

impl Search {
    /// Finds the hits again if the query or the tree changed since the last time.
    pub fn refresh(&mut self, tree: &Tree, revision: u64) -> bool {
        let key = (self.query.clone(), revision);
        if self.found_for.as_ref() == Some(&key) {
            return false;
        }
        self.hits = search(tree, &self.query);
        self.current = None;
        self.found_for = Some(key);
        true
    }

    /// The nodes to mark in the graph.
    pub fn marked(&self) -> std::collections::HashSet<NodeIndex> {
        if self.open {
            self.hits.iter().map(|h| h.node).collect()
        } else {
            Default::default()
        }
    }

    /// Moves to the next (`step` 1) or previous (-1) result, round the ends; the node to
    /// go to.
    pub fn step(&mut self, step: isize) -> Option<NodeIndex> {
        let n = self.hits.len();
        if n == 0 {
            return None;
        }
        let next = match self.current {
            None if step < 0 => n - 1,
            None => 0,
            Some(k) => (k as isize + step).rem_euclid(n as isize) as usize,
        };
        self.current = Some(next);
        Some(self.hits[next].node)
    }
}

/// The search panel, on the left of the canvas. Returns the commands it asks for.
pub fn panel(ui: &mut Ui, search: &mut Search, tree: &Tree) -> Vec<Command> {
    let mut out = Vec::new();
    egui::Panel::left("search")
        .resizable(true)
        .default_size(300.0)
        .min_size(220.0)
        .show(ui, |ui| {
            let label = ui.horizontal(|ui| {
                let label = ui.strong("Find");
                if ui
                    .small_button("×")
                    .on_hover_text("Close the search (Escape)")
                    .clicked()
                {
                    search.open = false;
                }
                label
            });
            let field = ui.add(
                egui::TextEdit::singleline(&mut search.query)
                    .hint_text("Text in prompts, titles, answers, notes, sources")
                    .desired_width(f32::INFINITY),
            );
            let field = field.labelled_by(label.inner.id);
            if std::mem::take(&mut search.focus) {
                field.request_focus();
            }
            if field.has_focus() && ui.input(|i| i.key_pressed(Key::Escape)) {
                search.open = false;
            }
            // Enter in the field goes to the next result and keeps the cursor there.
            if field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                out.push(Command::FindNext);
                field.request_focus();
            }
            summary(ui, search);
            results(ui, search, tree, &mut out);
        });
    out
}

fn summary(ui: &mut Ui, search: &Search) {
    let n = search.hits.len();
    let text = match (n, search.current) {
        _ if search.query.trim().is_empty() => {
            "Type to search; F3 and Shift+F3 step through".to_owned()
        }
        (0, _) => "No node holds this text".to_owned(),
        (n, Some(k)) => format!("{} of {n}", k + 1),
        (1, None) => "1 node".to_owned(),
        (n, None) => format!("{n} nodes"),
    };
    ui.weak(text);
    ui.separator();
}

fn results(ui: &mut Ui, search: &mut Search, tree: &Tree, out: &mut Vec<Command>) {
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, row_height, search.hits.len(), |ui, range| {
            for k in range {
                let hit = &search.hits[k];
                let name = tree.node(hit.node).map_or("", |n| n.label()).to_owned();
                let text = format!("{name} — {}: {}", hit.field.name(), hit.excerpt);
                let selected = search.current == Some(k);
                // One line, cut to the panel; the whole of it on hover.
                let response = ui
                    .add(egui::Button::selectable(selected, RichText::new(&text)).truncate())
                    .on_hover_text(format!("{text}\n\nSelect this node and bring it into view"));
                if response.clicked() {
                    search.current = Some(k);
                    out.push(Command::GoTo(hit.node));
                }
            }
        });
}
