//! The Compare panel: the outcomes as rows and the dimensions as columns, ranked on the
//! user's weights; the weights themselves; why the first ranks first; what ruled out
//! each of the others; and, at an outcome, what would change the recommendation.
//!
//! `Weighing` owns the user's weights and everything worked out from them, once per
//! change of tree, walk or weights (never per frame): the standing, the changes, and
//! the rows in the order asked for. The panel reads it and pushes commands.

use std::collections::BTreeMap;

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::commands::Command;
use super::walk_panel::level_marks;
use super::walks::SavedWalk;
use crate::model::rank::{Better, WeightGrid, Weights};
use crate::model::weigh::{self, Changes, Lead, Standing};
use crate::model::{Node, NodeIndex, Step, Tree, Walk};
use crate::view::dimension_color;

/// The weights a slider offers: "not at all" to "most", in half steps. The tree's
/// default for a dimension with a better end is 1.
pub const GRID: WeightGrid = WeightGrid {
    min: 0.0,
    max: 5.0,
    step: 0.5,
};

/// What the rows are ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    Score,
    Title,
    /// The dimension at this position among the tree's.
    Dimension(usize),
}

/// The rows' order: a column, and which way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub by: SortBy,
    pub descending: bool,
}

impl Default for Sort {
    fn default() -> Self {
        Self {
            by: SortBy::Score,
            descending: true,
        }
    }
}

/// One outcome in the table.
#[derive(Debug, Clone)]
pub struct Row {
    pub outcome: NodeIndex,
    pub score: f32,
    /// Its place in the ranking (0 is first), while it is still possible.
    pub place: Option<usize>,
    /// The answer that ruled it out, when one did.
    pub ruled: Option<Step>,
}

/// The user's weights and what follows from them, kept up to date by `refresh`.
#[derive(Default)]
pub struct Weighing {
    /// Set by the user; `None` is the tree's even weights.
    pub weights: Option<Weights>,
    pub sort: Sort,
    pub standing: Standing,
    pub changes: Changes,
    /// The outcomes still possible, then those ruled out, each group in `sort` order.
    pub rows: Vec<Row>,
    /// The tree revision, walk, weights and order the rest was worked out for.
    key: Option<(u64, Walk, Weights, Sort)>,
}

impl Weighing {
    /// The weights in force: the user's, else the tree's even ones.
    pub fn weights(&self, tree: &Tree) -> Weights {
        self.weights.clone().unwrap_or_else(|| Weights::even(tree))
    }

    /// Works out the standing, the changes and the rows again if the tree, the walk,
    /// the weights or the order changed since the last time.
    pub fn refresh(&mut self, tree: &Tree, revision: u64, walk: &Walk) {
        let weights = self.weights(tree);
        let key = (revision, walk.clone(), weights.clone(), self.sort);
        if self.key.as_ref() == Some(&key) {
            return;
        }
        let same_standing = self
            .key
            .as_ref()
            .is_some_and(|(r, w, ws, _)| *r == revision && w == walk && *ws == weights);
        if !same_standing {
            self.standing = weigh::standing(tree, walk, &weights);
            self.changes = if walk.finished(tree) {
                weigh::what_would_change(tree, walk, &weights, &self.standing, GRID)
            } else {
                Changes::default()
            };
        }
        self.rows = rows(tree, &self.standing, self.sort);
        self.key = Some(key);
    }

    /// Weighing with the user's saved weights for a tree, if any.
    pub fn new(weights: Option<Weights>) -> Self {
        Self {
            weights,
            ..Self::default()
        }
    }

    /// Forgets what was worked out, and the user's weights: another tree is open.
    pub fn reset(&mut self, weights: Option<Weights>) {
        *self = Self {
            weights,
            sort: self.sort,
            ..Self::default()
        };
    }
}

/// The table's rows: candidates in ranking order, then the ruled-out outcomes by
/// score, each group sorted as asked.
fn rows(tree: &Tree, standing: &Standing, sort: Sort) -> Vec<Row> {
    let mut live: Vec<Row> = standing
        .ranking
        .iter()
        .enumerate()
        .map(|(place, r)| Row {
            outcome: r.outcome,
            score: r.score.total,
            place: Some(place),
            ruled: None,
        })
        .collect();
    let ruled_out: Vec<NodeIndex> = {
        let mut v: Vec<NodeIndex> = standing.ruled.keys().copied().collect();
        v.sort_unstable();
        v
    };
    let mut ruled: Vec<Row> = crate::model::rank::rank(tree, &ruled_out, &standing.weights)
        .into_iter()
        .map(|r| Row {
            outcome: r.outcome,
            score: r.score.total,
            place: None,
            ruled: standing.ruled.get(&r.outcome).copied(),
        })
        .collect();
    for group in [&mut live, &mut ruled] {
        sort_rows(tree, group, sort);
    }
    live.extend(ruled);
    live
}

/// Sorts one group of rows (already in ranking order, which breaks ties).
fn sort_rows(tree: &Tree, rows: &mut [Row], sort: Sort) {
    let level = |r: &Row, d: usize| -> u8 {
        let id = tree.dimensions.get(d).map(|d| d.id.as_str());
        tree.node(r.outcome)
            .and_then(Node::as_outcome)
            .and_then(|o| o.profile.get(id?))
            .map_or(0, |x| x.level)
    };
    let title = |r: &Row| tree.node(r.outcome).map_or("", Node::label).to_lowercase();
    match sort.by {
        // Ranking order is score order already, ties broken by title.
        SortBy::Score if sort.descending => {}
        SortBy::Score => rows.reverse(),
        SortBy::Title => {
            rows.sort_by_cached_key(title);
            if sort.descending {
                rows.reverse();
            }
        }
        SortBy::Dimension(d) => {
            // Stable, so equal levels stay in ranking order.
            rows.sort_by_key(|r| level(r, d));
            if sort.descending {
                rows.reverse();
                // Reversing turned equal levels round too: put them back in ranking order.
                let mut start = 0;
                while start < rows.len() {
                    let l = level(&rows[start], d);
                    let len = rows[start..]
                        .iter()
                        .take_while(|r| level(r, d) == l)
                        .count();
                    rows[start..start + len].reverse();
                    start += len;
                }
            }
        }
    }
}

/// The arrow shown after a dimension's name: which end is better for most teams.
pub fn better_mark(better: Better) -> &'static str {
    match better {
        Better::Higher => "⬆",
        Better::Lower => "⬇",
        Better::Neutral => "↕",
    }
}

fn better_words(better: Better) -> &'static str {
    match better {
        Better::Higher => "Higher is better for most teams",
        Better::Lower => "Lower is better for most teams",
        Better::Neutral => "Neither end is better in general: it depends on the team",
    }
}

/// "“Answer” to “Question”", for saying which answer ruled an outcome out.
pub fn answer_words(tree: &Tree, step: Step) -> String {
    let answer = tree
        .answer(step.answer)
        .map_or("", |a| a.answer.label.as_str());
    let question = tree.node(step.question).map_or("", Node::label);
    format!("“{answer}” to “{question}”")
}

fn title(tree: &Tree, n: NodeIndex) -> &str {
    tree.node(n).map_or("", Node::label)
}

/// Dimension names, joined: "Control and Expertise".
fn dimension_names(tree: &Tree, ids: &[String]) -> String {
    let names: Vec<&str> = ids
        .iter()
        .map(|id| {
            tree.dimensions
                .iter()
                .find(|d| &d.id == id)
                .map_or(id.as_str(), |d| d.name.as_str())
        })
        .collect();
    names.join(" and ")
}

/// The panel, at the bottom of the window.
pub(super) fn panel(
    ui: &mut Ui,
    tree: &Tree,
    (walk, saved): (&Walk, &[SavedWalk]),
    weighing: &Weighing,
    out: &mut Vec<Command>,
) {
    egui::Panel::bottom("compare")
        .resizable(true)
        .default_size(230.0)
        .min_size(90.0)
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                ui.vertical(|ui| {
                    ui.set_width(230.0);
                    weights_column(ui, tree, weighing, out);
                });
                ui.separator();
                let at_outcome = walk.finished(tree);
                // The changes column, its separator and the spacing around it.
                let right = if at_outcome {
                    CHANGES_WIDTH + 24.0
                } else {
                    0.0
                };
                let width = (ui.available_width() - right).max(200.0);
                ui.vertical(|ui| {
                    ui.set_width(width);
                    summary(ui, tree, walk, weighing, out);
                    if !saved.is_empty() {
                        walks_side_by_side(ui, tree, walk, saved, weighing, out);
                    }
                    table(ui, tree, walk, weighing, out);
                });
                if at_outcome {
                    ui.separator();
                    ui.vertical(|ui| changes_column(ui, tree, walk, weighing, out));
                }
            });
        });
}

/// The walk on screen and each saved walk added to Compare: where each ends, its score
/// on the user's weights (with that walk's own preference answers) and its profile.
fn walks_side_by_side(
    ui: &mut Ui,
    tree: &Tree,
    walk: &Walk,
    saved: &[SavedWalk],
    weighing: &Weighing,
    out: &mut Vec<Command>,
) {
    let base = weighing.weights(tree);
    let rows = std::iter::once(("This walk", walk, 0))
        .chain(saved.iter().map(|w| (w.name.as_str(), &w.walk, w.skipped)));
    egui::Grid::new("saved-walks")
        .striped(true)
        .spacing([14.0, 2.0])
        .show(ui, |ui| {
            ui.strong("Walk");
            ui.strong("Ends at");
            ui.strong("Score");
            for d in &tree.dimensions {
                ui.strong(format!("{} {}", d.name, better_mark(d.better)));
            }
            if ui
                .small_button("Remove")
                .on_hover_text("Take the saved walks out of Compare")
                .clicked()
            {
                out.push(Command::ClearSavedWalks);
            }
            ui.end_row();
            for (name, w, skipped) in rows {
                let label = ui.label(name);
                if skipped > 0 {
                    label.on_hover_text(format!(
                        "{skipped} saved answer{} no longer apply to this tree",
                        if skipped == 1 { "" } else { "s" }
                    ));
                }
                let end = w.current(tree);
                let outcome = end.and_then(|n| tree.node(n)).and_then(Node::as_outcome);
                match (end, outcome) {
                    (Some(n), Some(_)) => outcome_link(ui, tree, n, out),
                    (Some(n), None) => {
                        ui.weak(format!("stops at “{}”", title(tree, n)));
                    }
                    _ => {
                        ui.weak("—");
                    }
                }
                let weights = crate::model::rank::weights_after(tree, w, &base);
                match outcome {
                    Some(o) => {
                        let score = crate::model::rank::score(tree, o, &weights);
                        ui.monospace(format!("{:.2}", score.total));
                    }
                    None => {
                        ui.weak("—");
                    }
                }
                for d in &tree.dimensions {
                    match outcome.and_then(|o| o.profile.get(&d.id)) {
                        Some(r) => ui.monospace(level_marks(r.level)),
                        None => ui.weak("—"),
                    };
                }
                ui.end_row();
            }
        });
    ui.add_space(4.0);
}

/// A slider per dimension: how much it matters to the user.
fn weights_column(ui: &mut Ui, tree: &Tree, weighing: &Weighing, out: &mut Vec<Command>) {
    ui.strong("What matters to your team?");
    let mine = weighing.weights(tree);
    let used = &weighing.standing.weights;
    egui::ScrollArea::vertical()
        .id_salt("weights")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for d in &tree.dimensions {
                let color = dimension_color(tree, Some(&d.id));
                let name = format!("{} {}", d.name, better_mark(d.better));
                ui.label(RichText::new(name).color(color).strong())
                    .on_hover_text(format!(
                        "{}.\n5 = {}\n1 = {}",
                        better_words(d.better),
                        d.high,
                        d.low
                    ));
                let mut w = mine.get(&d.id);
                let words = matters(w);
                let slider = egui::Slider::new(&mut w, GRID.min..=GRID.max)
                    .step_by(f64::from(GRID.step))
                    .fixed_decimals(1)
                    .text(words);
                let mut hover = format!("How much does {} matter to you?", d.name);
                if d.better == Better::Neutral {
                    // Neither end is better, so say which one a weight favours.
                    hover.push_str(&format!(
                        "\nAbove 0, outcomes nearer 5 ({}) score higher.",
                        d.high
                    ));
                }
                let response = ui.add(slider).on_hover_text(hover);
                if response.changed() {
                    out.push(Command::SetWeight(d.id.clone(), w));
                }
                let by_answers = used.get(&d.id) - w;
                if by_answers.abs() > f32::EPSILON {
                    ui.weak(format!("{by_answers:+} from your answers"));
                }
            }
            if tree.dimensions.is_empty() {
                ui.weak("This tree has no dimensions to weigh.");
            } else if ui
                .add_enabled(
                    weighing.weights.is_some(),
                    egui::Button::new("Even weights"),
                )
                .on_hover_text("Every dimension with a better end at 1; the others at 0")
                .clicked()
            {
                out.push(Command::ResetWeights);
            }
        });
}

/// The words for a weight.
fn matters(w: f32) -> &'static str {
    match w {
        w if w <= 0.0 => "not at all",
        w if w < 1.0 => "a little",
        w if w < 2.0 => "some",
        w if w < 3.5 => "a lot",
        _ => "most",
    }
}

/// What ranks first and why, what the answers cost, and the legend.
fn summary(ui: &mut Ui, tree: &Tree, walk: &Walk, weighing: &Weighing, out: &mut Vec<Command>) {
    let s = &weighing.standing;
    ui.horizontal_wrapped(|ui| {
        ui.strong("Compare");
        let n = s.ranking.len();
        ui.weak(format!(
            "{n} outcome{} still possible, {} ruled out",
            if n == 1 { "" } else { "s" },
            s.ruled.len()
        ));
    });
    let end = walk.current(tree).filter(|_| walk.finished(tree));
    match (s.ranking.first(), s.ranking.get(1)) {
        (Some(first), Some(second)) => {
            ui.horizontal_wrapped(|ui| {
                ui.label("Ranks first on your weights:");
                outcome_link(ui, tree, first.outcome, out);
                if first.why.is_empty() {
                    ui.label(format!(
                        "— level with {} on your weights ({:.2}); first by name.",
                        title(tree, second.outcome),
                        first.score.total
                    ));
                } else {
                    ui.label(format!(
                        "— it beats {} on {}.",
                        title(tree, second.outcome),
                        dimension_names(tree, &first.why)
                    ));
                }
            });
        }
        (Some(only), None) if end != Some(only.outcome) => {
            ui.horizontal_wrapped(|ui| {
                ui.label("Only one outcome is still possible:");
                outcome_link(ui, tree, only.outcome, out);
            });
        }
        _ => {}
    }
    if let (Some(end), Some(leader)) = (end, s.leader())
        && end != leader
    {
        ui.label(format!(
            "Your answers lead to {}; on your weights, {} ranks above it.",
            title(tree, end),
            title(tree, leader)
        ));
    }
    if let Some((better, score)) = s.better_ruled_out.first()
        && let Some(step) = s.ruled.get(better)
    {
        let best = s.ranking.first().map_or(0.0, |r| r.score.total);
        ui.horizontal_wrapped(|ui| {
            outcome_link(ui, tree, *better, out);
            ui.label(format!(
                "would score best on your weights ({:.2} against {best:.2}), but your answer {} ruled it out.",
                score.total,
                answer_words(tree, *step)
            ));
        });
    }
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        ui.weak("⬆ higher is better for most teams · ⬇ lower is better · ↕ depends on the team ·");
        ui.label(RichText::new(level_marks(3)).monospace().weak());
        ui.weak("level 3 of 5 · Score: your weights × how good each level is");
    });
}

/// An outcome's title that shows its notes on a click.
fn outcome_link(ui: &mut Ui, tree: &Tree, outcome: NodeIndex, out: &mut Vec<Command>) {
    let text = RichText::new(title(tree, outcome)).strong();
    if ui.link(text).on_hover_text("Show its notes").clicked() {
        out.push(Command::Select(Some(outcome)));
    }
}

/// The outcomes, one row each, under a header that stays while the rows scroll.
fn table(ui: &mut Ui, tree: &Tree, walk: &Walk, weighing: &Weighing, out: &mut Vec<Command>) {
    let end = walk.current(tree).filter(|_| walk.finished(tree));
    let sort = weighing.sort;
    let max_score: f32 = weighing
        .standing
        .weights
        .iter()
        .map(|(_, w)| w.abs())
        .sum::<f32>()
        .max(f32::EPSILON);
    let dims = tree.dimensions.len();
    let mut builder = TableBuilder::new(ui)
        .id_salt("compare-table")
        .striped(true)
        .resizable(true)
        .auto_shrink([false, false])
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(28.0))
        .column(Column::initial(180.0).at_least(110.0).clip(true))
        .column(Column::exact(100.0));
    for _ in 0..dims {
        builder = builder.column(Column::initial(82.0).at_least(64.0).clip(true));
    }
    builder = builder.column(Column::remainder().at_least(120.0).clip(true));
    builder
        .header(24.0, |row| header_row(row, tree, sort, out))
        .body(|body| {
            body.rows(22.0, weighing.rows.len(), |row| {
                body_row(row, tree, weighing, end, max_score, out);
            });
        });
}

/// A column's title; a click sorts by it, a second click turns the order round.
fn sort_header(
    ui: &mut Ui,
    sort: Sort,
    (text, by, hover): (&str, SortBy, &str),
    out: &mut Vec<Command>,
) {
    let arrow = match (sort.by == by, sort.descending) {
        (true, true) => " ⏷",
        (true, false) => " ⏶",
        (false, _) => "",
    };
    let clicked = ui
        .add(egui::Button::new(RichText::new(format!("{text}{arrow}")).strong()).frame(false))
        .on_hover_text(hover)
        .clicked();
    if clicked {
        // A new column starts with what is best (or A to Z) first.
        let descending = if sort.by == by {
            !sort.descending
        } else {
            by != SortBy::Title
        };
        out.push(Command::SortCompare(Sort { by, descending }));
    }
}

fn header_row(
    mut row: egui_extras::TableRow<'_, '_>,
    tree: &Tree,
    sort: Sort,
    out: &mut Vec<Command>,
) {
    row.col(|ui| {
        ui.strong("#").on_hover_text("Rank on your weights");
    });
    row.col(|ui| {
        let hover = "Sort by name; click an outcome for its notes, right-click for the ways to it";
        sort_header(ui, sort, ("Outcome", SortBy::Title, hover), out);
    });
    row.col(|ui| {
        let hover = "Sort by weighted score";
        sort_header(ui, sort, ("Score", SortBy::Score, hover), out);
    });
    for (k, d) in tree.dimensions.iter().enumerate() {
        row.col(|ui| {
            let name = format!("{} {}", d.name, better_mark(d.better));
            let hover = format!(
                "{}.\n5 = {}\n1 = {}\nClick to sort.",
                better_words(d.better),
                d.high,
                d.low
            );
            sort_header(ui, sort, (&name, SortBy::Dimension(k), &hover), out);
        });
    }
    row.col(|ui| {
        ui.strong("Why, or why not");
    });
}

/// One outcome: its rank, title (notes on a click, the ways to it on a right-click),
/// score, levels, and why it ranks first or what ruled it out.
fn body_row(
    mut row: egui_extras::TableRow<'_, '_>,
    tree: &Tree,
    weighing: &Weighing,
    end: Option<NodeIndex>,
    max_score: f32,
    out: &mut Vec<Command>,
) {
    let r = &weighing.rows[row.index()];
    let ruled = r.ruled.is_some();
    let faded = |t: RichText| if ruled { t.weak() } else { t };
    row.col(|ui| {
        let place = r.place.map_or("—".to_owned(), |p| (p + 1).to_string());
        ui.label(faded(RichText::new(place)));
    });
    row.col(|ui| {
        let mut text = RichText::new(title(tree, r.outcome));
        if Some(r.outcome) == end || r.place == Some(0) {
            text = text.strong();
        }
        let response = ui
            .add(egui::Button::new(faded(text)).frame(false))
            .on_hover_text("Show its notes (right-click: how do I get there?)");
        if response.clicked() {
            out.push(Command::Select(Some(r.outcome)));
        }
        response.context_menu(|ui| {
            if ui.button("How do I get there?").clicked() {
                out.push(Command::ShowWays(r.outcome));
            }
        });
    });
    row.col(|ui| score_bar(ui, r.score, max_score, ruled));
    let outcome = tree.node(r.outcome).and_then(Node::as_outcome);
    for d in &tree.dimensions {
        row.col(|ui| match outcome.and_then(|o| o.profile.get(&d.id)) {
            Some(rating) => {
                let marks = RichText::new(level_marks(rating.level)).monospace();
                let response = ui.label(faded(marks));
                if !rating.note.is_empty() {
                    response.on_hover_text(&rating.note);
                }
            }
            None => {
                ui.weak("—").on_hover_text("Not rated");
            }
        });
    }
    row.col(|ui| {
        if let Some(step) = r.ruled {
            let text = format!("Ruled out by {}", answer_words(tree, step));
            ui.weak(&text).on_hover_text(text);
        } else if Some(r.outcome) == end {
            ui.label("Your answers lead here");
        } else if r.place == Some(0) {
            let why = weighing.standing.ranking[0].why.as_slice();
            if !why.is_empty() {
                ui.label(format!("First on {}", dimension_names(tree, why)));
            }
        }
    });
}

/// The score as a bar and a number.
fn score_bar(ui: &mut Ui, score: f32, max: f32, faded: bool) {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(48.0, 10.0), egui::Sense::hover());
    let visuals = ui.visuals();
    let fill = if faded {
        visuals.weak_text_color()
    } else {
        visuals.selection.bg_fill
    };
    ui.painter()
        .rect_filled(rect, 2.0, visuals.extreme_bg_color);
    let mut bar = rect;
    bar.set_width(rect.width() * (score / max).clamp(0.0, 1.0));
    ui.painter().rect_filled(bar, 2.0, fill);
    response.on_hover_text(format!("{score:.2} of at most {max:.2}"));
    let text = RichText::new(format!("{score:.2}")).monospace();
    ui.label(if faded { text.weak() } else { text });
}

/// At an outcome: the one-answer and one-weight changes that lead elsewhere.
fn changes_column(
    ui: &mut Ui,
    tree: &Tree,
    walk: &Walk,
    weighing: &Weighing,
    out: &mut Vec<Command>,
) {
    ui.set_width(CHANGES_WIDTH);
    ui.strong("What would change it?");
    let c = &weighing.changes;
    egui::ScrollArea::vertical()
        .id_salt("changes")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if c.answers.is_empty() && c.weights.is_empty() {
                ui.weak("No single answer or weight leads anywhere else.");
            }
            if !c.weights.is_empty() {
                ui.weak("Move one weight:");
            }
            for change in c.weights.iter().take(SHOWN) {
                let name = tree
                    .dimensions
                    .iter()
                    .find(|d| d.id == change.dimension)
                    .map_or(change.dimension.as_str(), |d| d.name.as_str());
                let text = format!(
                    "{name} from {} to {}: {} ranks first",
                    change.from,
                    change.to,
                    title(tree, change.leader)
                );
                if ui.button(text).on_hover_text("Set this weight").clicked() {
                    out.push(Command::SetWeight(change.dimension.clone(), change.to));
                }
            }
            if !c.answers.is_empty() {
                ui.weak("Give one answer differently:");
            }
            for change in c.answers.iter().take(SHOWN) {
                let answer = tree
                    .answer(change.answer)
                    .map_or("", |a| a.answer.label.as_str());
                let question = walk
                    .steps()
                    .get(change.step)
                    .map_or("", |s| title(tree, s.question));
                let lead = match change.lead {
                    Lead::Outcome(o) => title(tree, o).to_owned(),
                    Lead::Asks(q) => format!("then asks “{}”", title(tree, q)),
                };
                let text = format!("“{answer}” to “{question}”: {lead}");
                let mut hover = "Give this answer instead".to_owned();
                if change.dropped > 0 {
                    hover.push_str(&format!(
                        "; {} later answer{} would no longer apply",
                        change.dropped,
                        if change.dropped == 1 { "" } else { "s" }
                    ));
                }
                if ui.button(text).on_hover_text(hover).clicked() {
                    out.push(Command::Revise {
                        step: change.step,
                        answer: change.answer,
                    });
                }
            }
            if c.answers.len() > SHOWN || c.answers_cut {
                ui.weak(format!("and more ({} found)", c.answers.len()));
            }
        });
}

/// The width of the "What would change it?" column.
const CHANGES_WIDTH: f32 = 290.0;

/// At most this many changes of each kind are listed.
const SHOWN: usize = 8;

/// The weights as settings keep them, per tree title.
pub fn to_saved(weights: &Weights) -> BTreeMap<String, f32> {
    weights.iter().map(|(d, w)| (d.to_owned(), w)).collect()
}

/// Weights from settings.
pub fn from_saved(saved: &BTreeMap<String, f32>) -> Weights {
    let mut w = Weights::default();
    for (d, &v) in saved {
        w.set(d.as_str(), v.clamp(GRID.min, GRID.max));
    }
    w
}
