//! The pointer on the canvas: clicks select nodes or choose answers, double-clicks
//! collapse, hovers show a node's notes, and a popup asks which answer was meant when
//! several lead to the clicked node.

use egui::{Id, Key, Modifiers, Pos2, Rect, Vec2};

use super::position::ViewPos;
use crate::app::{App, Command};
use crate::model::{EdgeIndex, NodeIndex};
use crate::view::TreeView;

/// Answers of the current question that all lead to the clicked node, offered in a
/// small popup next to where the click was.
#[derive(Debug, Clone)]
pub(in crate::app) struct AnswerChoice {
    edges: Vec<EdgeIndex>,
    /// The click, in canvas coordinates, so the popup stays by the node if the view moves.
    at: Pos2,
    /// The frame the popup opened in: that frame's click must not close it again.
    opened: u64,
}

impl AnswerChoice {
    pub(in crate::app) fn edges(&self) -> Vec<EdgeIndex> {
        self.edges.clone()
    }
}

impl App {
    /// Clicks, double-clicks and hovers on the canvas.
    pub(super) fn pointer(
        &mut self,
        ui: &mut egui::Ui,
        tree_view: &TreeView,
        response: &egui::Response,
        pos: ViewPos,
    ) {
        // Nodes are painted, not widgets, so hits are found from the layout.
        let to_canvas = |p: Pos2| pos.to_canvas(p - response.rect.min.to_vec2());
        let hovered = response
            .hover_pos()
            .and_then(|p| tree_view.node_at(to_canvas(p)));
        if response.clicked() {
            let at = response.interact_pointer_pos().map(to_canvas);
            self.click(tree_view, at, ui.ctx().cumulative_frame_nr());
        }
        if response.double_clicked()
            && let Some(node) = hovered
        {
            self.commands.push(Command::ToggleCollapse(node));
        }
        self.ways_menu(response, hovered);
        if self.stage.answer_choice.is_some() {
            return;
        }
        if let Some(node) = hovered {
            self.node_tooltip(tree_view, response, node);
        }
    }

    /// A click at `at` (canvas coordinates) in frame `frame`: selects when editing or
    /// when the click is off the walk, chooses the answer it means when walking, and
    /// asks when it could mean several.
    fn click(&mut self, tree_view: &TreeView, at: Option<Pos2>, frame: u64) {
        // A click beside the open popup only closes it: it was not aimed at the tree. (A
        // frame egui runs twice sees its click twice; the popup it opened stays.)
        let popup_open = self
            .stage
            .answer_choice
            .as_ref()
            .is_some_and(|c| c.opened != frame);
        if popup_open {
            self.stage.answer_choice = None;
            return;
        }
        let Some(at) = at else {
            return;
        };
        match tree_view.node_at(at) {
            Some(node) if self.session.editing => self.commands.push(Command::Select(Some(node))),
            Some(node) => {
                let edges = self.answers_to(tree_view, node, at);
                match edges.as_slice() {
                    [] => self.commands.push(Command::Select(Some(node))),
                    [edge] => self.commands.push(Command::ChooseAnswer(*edge)),
                    _ => {
                        self.stage.answer_choice = Some(AnswerChoice {
                            edges,
                            at,
                            opened: frame,
                        });
                    }
                }
            }
            None => self.commands.push(Command::Select(None)),
        }
    }

    /// The tooltip of the hovered node: its label, its notes (shortened), and how many
    /// times it is drawn, since copies are otherwise easy to take for distinct nodes.
    fn node_tooltip(&self, tree_view: &TreeView, response: &egui::Response, hovered: NodeIndex) {
        let Some(node) = self.doc.tree().node(hovered) else {
            return;
        };
        let copies = tree_view.rects_of(hovered).len();
        response.clone().on_hover_ui_at_pointer(|ui| {
            ui.set_max_width(360.0);
            ui.strong(node.label());
            if copies > 1 {
                ui.weak(format!(
                    "Drawn {copies} times, once for each answer that leads here."
                ));
            }
            // Why not: the answer that ruled this outcome out.
            if let Some(&step) = self.session.weighing.standing.ruled.get(&hovered) {
                let answer = crate::app::weigh::answer_words(self.doc.tree(), step);
                ui.label(
                    egui::RichText::new(format!("Ruled out by your answer {answer}."))
                        .color(ui.visuals().warn_fg_color),
                );
            }
            let text = node.notes.trim();
            if !text.is_empty() {
                let short: String = text.chars().take(600).collect();
                ui.label(if short.len() < text.len() {
                    format!("{short}…")
                } else {
                    short
                });
            }
            ui.weak("Click to select; double-click to collapse or expand.");
        });
    }

    /// The current question's answers that a click at `at` on `node` can mean. Where a
    /// node is drawn once per answer, the copy clicked tells which answer it was.
    fn answers_to(&self, tree_view: &TreeView, node: NodeIndex, at: Pos2) -> Vec<EdgeIndex> {
        let tree = self.doc.tree();
        let Some(current) = self.session.walk.current(tree) else {
            return Vec::new();
        };
        let all: Vec<EdgeIndex> = tree
            .answers(current)
            .into_iter()
            .filter(|a| a.to == node)
            .map(|a| a.edge)
            .collect();
        let here: Vec<EdgeIndex> = all
            .iter()
            .copied()
            .filter(|&e| {
                tree_view
                    .answer_target_rect(tree, e)
                    .is_some_and(|r| r.contains(at))
            })
            .collect();
        if here.is_empty() { all } else { here }
    }

    /// The popup offering the answers that lead to the clicked node.
    pub(super) fn answer_popup(&mut self, ctx: &egui::Context, canvas: Rect, pos: ViewPos) {
        let Some(choice) = self.stage.answer_choice.clone() else {
            return;
        };
        let tree = self.doc.tree();
        let current = self.session.walk.current(tree);
        let answers: Vec<_> = current.map(|c| tree.answers(c)).unwrap_or_default();
        let offered: Vec<(usize, EdgeIndex, String)> = answers
            .iter()
            .enumerate()
            .filter(|(_, a)| choice.edges.contains(&a.edge))
            .map(|(k, a)| (k + 1, a.edge, a.answer.label.clone()))
            .collect();
        if offered.len() < 2 || self.dialogs.modal.is_some() || self.session.editing {
            self.stage.answer_choice = None;
            return;
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            self.stage.answer_choice = None;
            return;
        }
        let at = canvas.min + choice.at.to_vec2() * pos.zoom + pos.pan;
        let mut chosen = None;
        let shown = egui::Area::new(Id::new("tradeoff-answer-choice"))
            .order(egui::Order::Foreground)
            .fixed_pos(at + Vec2::new(6.0, 6.0))
            .constrain(true)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.weak("Several answers lead here. Which one?");
                    for (n, edge, label) in &offered {
                        let button = egui::Button::new(format!("{n}. {label}"))
                            .min_size(Vec2::new(180.0, 0.0));
                        if ui.add(button).clicked() {
                            chosen = Some(*edge);
                        }
                    }
                });
            });
        if let Some(edge) = chosen {
            self.commands.push(Command::ChooseAnswer(edge));
            self.stage.answer_choice = None;
        } else if shown.response.clicked_elsewhere() && ctx.cumulative_frame_nr() != choice.opened {
            self.stage.answer_choice = None;
        }
    }
}
