//! The walk panel: the question, its answers with what each can lead to, the trail of
//! answers given, and at an outcome its profile, notes and sources.

use egui::{Color32, RichText, Ui};

use super::App;
use super::commands::Command;
use crate::model::{NodeKind, Tree};
use crate::view::{dimension_color, palette};

/// Levels are shown as five marks.
pub(super) fn level_marks(level: u8) -> String {
    let l = usize::from(level.min(5));
    format!("{}{}", "●".repeat(l), "○".repeat(5 - l))
}

pub(super) fn chip(ui: &mut Ui, text: &str, color: Color32) {
    egui::Frame::new()
        .fill(color)
        .corner_radius(3.0)
        .inner_margin(egui::Margin::symmetric(6, 2))
        .show(ui, |ui| {
            ui.label(
                RichText::new(text.to_uppercase())
                    .small()
                    .strong()
                    .color(Color32::WHITE),
            );
        });
}

impl App {
    /// The walk panel, on the left. It reads the tree and the walk and pushes commands.
    pub(super) fn walk_panel(&mut self, ui: &mut Ui) {
        let mut out = Vec::new();
        egui::Panel::left("walk")
            .resizable(true)
            .default_size(340.0)
            .min_size(240.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        let tree = self.doc.tree();
                        // The field, not `Session::ordered_answers`: the focus flag is
                        // borrowed beside it.
                        let answers = match &self.session.answers {
                            Some((_, _, edges)) => edges.as_slice(),
                            None => &[],
                        };
                        let state = WalkState {
                            tree,
                            walk: &self.session.walk,
                            reach: &self.doc.reach,
                            answers,
                            today: self.doc.today,
                            dropped: &self.session.dropped,
                        };
                        let focus = &mut self.session.focus_answers;
                        walk_body(ui, &state, &mut self.markdown, focus, &mut out);
                    });
            });
        self.commands.extend(out);
    }
}

/// What the walk panel reads.
struct WalkState<'a> {
    tree: &'a Tree,
    walk: &'a crate::model::Walk,
    reach: &'a crate::model::Reach,
    /// The current question's answers in order, worked out once per change.
    answers: &'a [crate::model::EdgeIndex],
    /// The day sources' ages are measured to.
    today: jiff::civil::Date,
    /// Answers the last revision of an earlier answer dropped.
    dropped: &'a [String],
}

fn walk_body(
    ui: &mut Ui,
    s: &WalkState<'_>,
    markdown: &mut egui_commonmark::CommonMarkCache,
    focus_answers: &mut bool,
    out: &mut Vec<Command>,
) {
    ui.add_space(6.0);
    ui.weak(&s.tree.title);
    ui.add_space(4.0);
    let Some(current) = s.walk.current(s.tree) else {
        ui.label("This tree has no start question. See the problems in the status bar.");
        return;
    };
    let node = &s.tree.graph()[current];
    match &node.kind {
        NodeKind::Question(q) => question(ui, s, q, focus_answers, out),
        NodeKind::Outcome(o) => {
            // A closed or retired outcome says so before it says anything else.
            super::advice::lifecycle_banner(ui, s.tree, o, markdown, out);
            ui.label(
                RichText::new("RECOMMENDATION")
                    .small()
                    .strong()
                    .color(palette::OUTCOME),
            );
            ui.label(RichText::new(&o.title).size(22.0).strong());
            if !o.summary.is_empty() {
                ui.label(&o.summary);
            }
            if ui
                .button("Copy decision record")
                .on_hover_text("The walk as an architecture decision record (MADR), in Markdown, for a pull request or a wiki")
                .clicked()
            {
                out.push(Command::CopyRecord);
            }
            ui.add_space(6.0);
            profile_grid(ui, s.tree, o);
            ui.add_space(6.0);
            ui.label(RichText::new("Why, and what it rules out").strong());
            super::markdown::show(ui, markdown, &node.notes);
            super::advice::sources(ui, node, s.today, s.tree.review_months());
        }
        NodeKind::Missing => {
            ui.colored_label(
                palette::ERROR,
                format!("The walk reached \"{}\", which does not exist.", node.id),
            );
        }
    }
    ui.add_space(10.0);
    ui.separator();
    controls(ui, s, out);
}

/// The question, its dimension and help, and its answers.
fn question(
    ui: &mut Ui,
    s: &WalkState<'_>,
    q: &crate::model::Question,
    focus_answers: &mut bool,
    out: &mut Vec<Command>,
) {
    if let Some(dim) = &q.dimension {
        let name = s
            .tree
            .dimensions
            .iter()
            .find(|d| &d.id == dim)
            .map_or(dim.as_str(), |d| d.name.as_str());
        chip(ui, name, dimension_color(s.tree, Some(dim)));
    }
    ui.label(RichText::new(&q.prompt).size(21.0).strong());
    if !q.help.is_empty() {
        ui.label(RichText::new(&q.help).weak());
    }
    if q.role == crate::model::Role::Preference {
        ui.label(RichText::new(
            "A preference: your answer changes how the outcomes are weighed in Compare; it rules none out.",
        ).italics());
    }
    ui.add_space(8.0);
    // Each row looks up its own answer, so a frame costs the rows in view, not all of
    // a question's answers.
    let options = s.answers;
    if options.is_empty() {
        ui.colored_label(
            palette::ERROR,
            "This question has no answers yet, so the walk stops here.",
        );
    }
    let mut row = |ui: &mut Ui, i: usize| {
        if let Some(answer) = s.tree.answer(options[i]) {
            let leads = s.reach.leads(answer.to);
            answer_row(ui, s.tree, i, &answer, leads, focus_answers, out);
        }
    };
    // A question may have thousands of answers: past a screenful they go in a scroll
    // area that lays out only the rows in view.
    if options.len() <= MANY_ANSWERS {
        for i in 0..options.len() {
            row(ui, i);
        }
    } else {
        ui.weak(format!("{} answers", options.len()));
        let height = 28.0 + 16.0 + 3.0 + 2.0 * ui.spacing().item_spacing.y;
        egui::ScrollArea::vertical()
            .id_salt("answers")
            .max_height(520.0)
            .show_rows(ui, height, options.len(), |ui, rows| {
                rows.for_each(|i| row(ui, i))
            });
    }
}

/// One answer: its number, its button, and what it can lead to.
fn answer_row(
    ui: &mut Ui,
    tree: &Tree,
    i: usize,
    answer: &crate::model::AnswerRef<'_>,
    leads: crate::model::Leads<'_>,
    focus_answers: &mut bool,
    out: &mut Vec<Command>,
) {
    let target = &tree.graph()[answer.to];
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("{}", i + 1)).monospace().weak());
        let button = egui::Button::new(RichText::new(&answer.answer.label).size(15.0))
            .min_size(egui::vec2(200.0, 28.0));
        let mut response = ui.add_enabled(!target.is_missing(), button);
        if !answer.answer.note.is_empty() {
            response = response.on_hover_text(&answer.answer.note);
        }
        if i == 0 && std::mem::take(focus_answers) {
            response.request_focus();
            response.scroll_to_me(None);
        }
        if response.clicked() {
            out.push(Command::ChooseAnswer(answer.edge));
        }
    });
    let hint = if target.is_missing() {
        format!("leads to \"{}\", which does not exist", target.id)
    } else {
        outcome_hint(tree, leads)
    };
    ui.horizontal(|ui| {
        ui.add_space(18.0);
        ui.add(egui::Label::new(RichText::new(hint).small().weak()).truncate());
    });
    ui.add_space(3.0);
}

/// Back, Restart, and the trail of answers given, each one a way back to change it.
fn controls(ui: &mut Ui, s: &WalkState<'_>, out: &mut Vec<Command>) {
    let at_start = s.walk.steps().is_empty();
    ui.horizontal(|ui| {
        for (text, keys, command) in [
            ("⏴ Back", "Backspace", Command::Back),
            ("⟲ Restart", "Home", Command::Restart),
        ] {
            let button = egui::Button::new(text);
            if ui
                .add_enabled(!at_start, button)
                .on_hover_text(keys)
                .clicked()
            {
                out.push(command);
            }
        }
    });
    if at_start {
        return;
    }
    ui.add_space(4.0);
    ui.label(
        RichText::new("Your answers (click one to change it)")
            .small()
            .strong(),
    );
    for (k, (q, a)) in s.walk.trail(s.tree).into_iter().enumerate() {
        let text = format!("{}. {} — {}", k + 1, q.label(), a.label);
        let button = egui::Button::new(RichText::new(text).small()).wrap();
        let hint = "Change this answer: the later answers still asked are kept";
        if ui.add(button).on_hover_text(hint).clicked() {
            out.push(Command::Rewind(k));
        }
    }
    dropped_answers(ui, s.dropped);
}

/// The answers the last revision dropped, because the new path no longer asks them.
fn dropped_answers(ui: &mut Ui, dropped: &[String]) {
    if dropped.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.label(
        RichText::new("Dropped: no longer asked (Alt+Left brings them back)")
            .small()
            .strong(),
    );
    for d in dropped {
        ui.label(RichText::new(d).small().weak().strikethrough());
    }
}

/// More answers than this are listed in their own scroll area, laid out row by row.
const MANY_ANSWERS: usize = 12;
/// "can lead to: A, B, C, and 5 more" under an answer.
pub(super) fn outcome_hint(tree: &Tree, leads: crate::model::Leads<'_>) -> String {
    // An outcome new users cannot take says so where it is offered, not only at its end.
    let names: Vec<String> = leads
        .first
        .iter()
        .filter_map(|&o| tree.node(o))
        .map(|n| match n.as_outcome().map(|o| o.lifecycle.status) {
            Some(s) if s.is_unavailable() => format!("{} ({})", n.label(), s.name().to_lowercase()),
            _ => n.label().to_owned(),
        })
        .collect();
    let at_least = if leads.exact { "" } else { "at least " };
    match leads.total.max(names.len()) {
        0 => "leads to no outcome".to_owned(),
        n if n <= 4 && n == names.len() => format!("can lead to: {}", names.join(", ")),
        n => {
            let shown = names.len().min(3);
            format!(
                "can lead to: {}, and {at_least}{} more",
                names[..shown].join(", "),
                n - shown
            )
        }
    }
}

pub(super) fn profile_grid(ui: &mut Ui, tree: &Tree, outcome: &crate::model::Outcome) {
    egui::Grid::new("profile")
        .spacing([10.0, 4.0])
        .show(ui, |ui| {
            for d in &tree.dimensions {
                let Some(r) = outcome.profile.get(&d.id) else {
                    continue;
                };
                ui.label(
                    RichText::new(&d.name)
                        .color(dimension_color(tree, Some(&d.id)))
                        .strong(),
                );
                ui.label(RichText::new(level_marks(r.level)).monospace())
                    .on_hover_text(format!("1 = {}\n5 = {}", d.low, d.high));
                ui.end_row();
                ui.label("");
                ui.label(RichText::new(&r.note).small());
                ui.end_row();
            }
        });
}
