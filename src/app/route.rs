//! "How do I get there?": the ways to an outcome the user picked (from its notes, the
//! graph's context menu or the palette). This module owns what was asked and what was
//! found: the outcome, whether the ways start at the tree's start or where the walk
//! stands, the paths themselves and the one marked in the graph; and the panel that
//! lists them and walks one. The graph draws the marked path from `App::route_marks`.

use std::collections::HashSet;

use egui::{Key, Modifiers, RichText, Ui};

use super::App;
use super::commands::Command;
use crate::model::paths::{PathsTo, paths_to};
use crate::model::{EdgeIndex, NodeIndex, NodeKey, Step, Tree, Walk};
use crate::view::palette;

/// At most this many ways are listed; the panel still says how many there are.
pub(super) const LIMIT: usize = 50;

/// Where the listed ways begin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Origin {
    /// The tree's start question: a whole walk.
    Start,
    /// Where the walk stands: the answers still to give.
    Here,
}

/// The ways from one place, with each as the list shows it, made once rather than
/// per frame.
struct Found {
    ways: PathsTo,
    texts: Vec<Vec<(String, String)>>,
}

impl Found {
    fn new(tree: &Tree, from: NodeIndex, target: NodeIndex) -> Self {
        let ways = paths_to(tree, from, target, LIMIT);
        let texts = ways.paths.iter().map(|p| path_parts(tree, p)).collect();
        Self { ways, texts }
    }
}

/// The ways to one outcome, as the panel shows them.
pub(super) struct Ways {
    /// The outcome, as a key: an index kept across a delete could come to mean another
    /// node.
    target: NodeKey,
    origin: Origin,
    /// The tree revision and the walk the ways were found for: they are found again
    /// only when either changes, never per frame.
    found_for: (u64, Walk),
    start: Found,
    /// From where the walk stands, when it has left the start and can still get there.
    here: Option<Found>,
    /// The way chosen in the list, and the one under the pointer or the keyboard focus,
    /// which the graph shows instead while it is there.
    selected: usize,
    previewed: Option<usize>,
}

impl Ways {
    /// The ways to `target` for the tree at `revision` and the walk as it stands; from
    /// where the walk stands when it can still get there, else from the start.
    pub(super) fn new(tree: &Tree, revision: u64, walk: &Walk, target: NodeIndex) -> Option<Self> {
        let key = tree.key(target)?;
        let start = tree.root().map_or_else(
            || Found {
                ways: PathsTo::default(),
                texts: Vec::new(),
            },
            |root| Found::new(tree, root, target),
        );
        let here = here_found(tree, walk, target);
        Some(Self {
            target: key,
            origin: if here.is_some() {
                Origin::Here
            } else {
                Origin::Start
            },
            found_for: (revision, walk.clone()),
            start,
            here,
            selected: 0,
            previewed: None,
        })
    }

    /// Finds the ways again when the tree or the walk changed since they were found;
    /// returns whether the marked path may have changed, or `None` when the outcome is
    /// gone from the tree.
    fn refresh(&mut self, tree: &Tree, revision: u64, walk: &Walk) -> Option<bool> {
        let target = tree.resolve(self.target)?;
        if self.found_for.0 == revision && self.found_for.1 == *walk {
            return Some(false);
        }
        if self.found_for.0 != revision {
            *self = Self {
                origin: self.origin,
                ..Self::new(tree, revision, walk, target)?
            };
        } else {
            self.here = here_found(tree, walk, target);
            self.found_for.1 = walk.clone();
        }
        if self.here.is_none() && self.origin == Origin::Here {
            // Walked there, or ruled out: the ways from the start are what is left,
            // with the walk's own one chosen when it is among them.
            self.origin = Origin::Start;
            self.selected = self
                .start
                .ways
                .paths
                .iter()
                .position(|p| p.as_slice() == walk.steps())
                .unwrap_or(0);
        } else if self.origin == Origin::Here {
            self.selected = 0;
        }
        self.previewed = None;
        Some(true)
    }

    fn found(&self) -> &Found {
        match (&self.here, self.origin) {
            (Some(here), Origin::Here) => here,
            _ => &self.start,
        }
    }

    /// The way the graph marks: the one previewed, else the one chosen.
    fn marked(&self) -> Option<&[Step]> {
        let paths = &self.found().ways.paths;
        let k = self.previewed.unwrap_or(self.selected);
        paths.get(k).or_else(|| paths.first()).map(Vec::as_slice)
    }

    /// The nodes and answers of the marked way: every question it answers, the outcome,
    /// and the answers given.
    pub(super) fn marks(&self, tree: &Tree) -> (HashSet<NodeIndex>, HashSet<EdgeIndex>) {
        let Some(target) = tree.resolve(self.target) else {
            return Default::default();
        };
        let Some(path) = self.marked() else {
            return Default::default();
        };
        marks_of(path, target)
    }

    /// The walk "Walk this path" makes of way `k`: the way itself from the start, or the
    /// walk so far followed by it from where the walk stands.
    fn walk_of(&self, tree: &Tree, walk: &Walk, k: usize) -> Option<Walk> {
        let path = self.found().ways.paths.get(k)?;
        let mut walked = match self.origin {
            Origin::Here if self.here.is_some() => walk.clone(),
            _ => Walk::new(),
        };
        for step in path {
            walked.choose(tree, step.answer).ok()?;
        }
        Some(walked)
    }
}

/// The ways from where the walk stands, when it has left the start, is not at the
/// outcome already, and can still get there.
fn here_found(tree: &Tree, walk: &Walk, target: NodeIndex) -> Option<Found> {
    let current = walk.current(tree)?;
    if walk.steps().is_empty() || current == target {
        return None;
    }
    let found = Found::new(tree, current, target);
    (found.ways.total > 0).then_some(found)
}

/// The nodes and answers of `path`, a way that ends at `target`.
fn marks_of(path: &[Step], target: NodeIndex) -> (HashSet<NodeIndex>, HashSet<EdgeIndex>) {
    let mut nodes: HashSet<NodeIndex> = path.iter().map(|s| s.question).collect();
    nodes.insert(target);
    (nodes, path.iter().map(|s| s.answer).collect())
}

/// A way's questions with the answers given to them.
fn path_parts(tree: &Tree, path: &[Step]) -> Vec<(String, String)> {
    path.iter()
        .map(|s| {
            let question = tree.node(s.question).map_or("?", |n| n.label());
            let answer = tree
                .answer(s.answer)
                .map_or("?", |a| a.answer.label.as_str());
            (question.to_owned(), answer.to_owned())
        })
        .collect()
}

/// Way `number` as "1. Question — answer › Question — answer", the answers stronger,
/// so what differs from one way to the next stands out; in the selection's colours
/// when it is the way chosen.
fn way_job(
    ui: &Ui,
    number: usize,
    parts: &[(String, String)],
    chosen: bool,
) -> egui::text::LayoutJob {
    let mut job = egui::text::LayoutJob::default();
    let style = ui.style();
    let visuals = ui.visuals();
    let (weak, strong) = if chosen {
        let on = visuals.selection.stroke.color;
        (on.gamma_multiply(0.85), on)
    } else {
        (visuals.weak_text_color(), visuals.strong_text_color())
    };
    let mut add = |text: String, answer: bool| {
        let rich = if answer {
            RichText::new(text).color(strong)
        } else {
            RichText::new(text).color(weak)
        };
        rich.append_to(
            &mut job,
            style,
            egui::FontSelection::Default,
            egui::Align::Min,
        );
    };
    add(format!("{number}. "), false);
    for (k, (question, answer)) in parts.iter().enumerate() {
        if k > 0 {
            add(" › ".to_owned(), false);
        }
        add(format!("{question} — "), false);
        add(answer.clone(), true);
    }
    job
}

/// The node to bring into view for a way: the last question on it. The outcome may be
/// drawn once per answer, and all its copies together can be too far apart to show.
fn focus_of(path: &[Step], target: NodeIndex) -> NodeIndex {
    path.last().map_or(target, |s| s.question)
}

/// "3 ways", "1 way", "1234 ways; showing the first 50".
fn count_text(ways: &PathsTo) -> String {
    let total = if ways.total == u128::MAX {
        "More than 10^38".to_owned()
    } else {
        ways.total.to_string()
    };
    let noun = if ways.total == 1 { "way" } else { "ways" };
    if ways.cut {
        format!("{total} {noun}; showing the first {}", ways.paths.len())
    } else {
        format!("{total} {noun}")
    }
}

/// What the user did in the panel this frame.
#[derive(Default)]
struct Asked {
    commands: Vec<Command>,
    /// The list now marks another way (chosen, previewed or from elsewhere).
    remark: bool,
}

impl App {
    /// The nodes and answers of the way shown, for the graph to mark; none when the
    /// panel is closed.
    pub(super) fn route_marks(&self) -> (HashSet<NodeIndex>, HashSet<EdgeIndex>) {
        self.session
            .route
            .as_ref()
            .map(|w| w.marks(self.doc.tree()))
            .unwrap_or_default()
    }

    /// Opens the ways to `target` (an outcome), and brings it into view.
    pub(super) fn show_ways(&mut self, target: NodeIndex) {
        let tree = self.doc.history.tree();
        if !tree.node(target).is_some_and(|n| n.is_outcome()) {
            return;
        }
        let revision = self.doc.history.revision();
        self.session.route = Ways::new(tree, revision, &self.session.walk, target);
        let marked = self.session.route.as_ref().and_then(Ways::marked);
        self.stage.follow_node = Some(marked.map_or(target, |p| focus_of(p, target)));
        self.stage.restyle = true;
    }

    /// Makes `walk` (a way from the panel) the walk; `run` records the walk it replaces
    /// for Previous walk. The view goes to where it ends, whatever Follow path says.
    pub(super) fn walk_way(&mut self, walk: Walk) {
        self.stage.follow_node = walk
            .current(self.doc.tree())
            .map(|end| focus_of(walk.steps(), end));
        self.session.walk = walk;
        self.session.rewound = None;
    }

    /// The panel of the ways to the outcome asked about, while there is one; Escape
    /// closes it when nothing else is waiting for that key.
    pub(super) fn ways_panel(&mut self, ui: &mut Ui) {
        let revision = self.doc.history.revision();
        let tree = self.doc.history.tree();
        let Some(ways) = self.session.route.as_mut() else {
            return;
        };
        let Some(remark) = ways.refresh(tree, revision, &self.session.walk) else {
            self.session.route = None;
            self.stage.restyle = true;
            return;
        };
        let Some(target) = tree.resolve(ways.target) else {
            return;
        };
        let mut asked = Asked {
            remark,
            ..Asked::default()
        };
        let title = tree.node(target).map_or("", |n| n.label());
        egui::Panel::right("ways")
            .resizable(true)
            .default_size(340.0)
            .min_size(240.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        ways_body(ui, ways, title, tree, &self.session.walk, &mut asked);
                    });
            });
        let free = self.dialogs.modal.is_none()
            && self.session.palette.is_none()
            && self.stage.answer_choice.is_none()
            && !ui.ctx().text_edit_focused();
        if free && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            asked.commands.push(Command::CloseWays);
        }
        if asked.remark {
            self.stage.restyle = true;
        }
        self.commands.extend(asked.commands);
    }

    /// The context menu of an outcome on the canvas: right-click, then "How do I get
    /// there?". `hovered` is the node under the pointer this frame.
    pub(super) fn ways_menu(&mut self, response: &egui::Response, hovered: Option<NodeIndex>) {
        let id = egui::Id::new("tradeoff-ways-menu");
        let tree = self.doc.tree();
        let is_outcome = |n: NodeIndex| tree.node(n).is_some_and(|x| x.is_outcome());
        if response.secondary_clicked() {
            let outcome = hovered.filter(|&n| is_outcome(n));
            response.ctx.data_mut(|d| d.insert_temp(id, outcome));
        }
        // Kept between frames: the menu stays on the outcome it was opened on.
        let Some(node) = response
            .ctx
            .data(|d| d.get_temp::<Option<NodeIndex>>(id))
            .flatten()
            .filter(|&n| is_outcome(n))
        else {
            return;
        };
        let mut asked = None;
        response.context_menu(|ui| {
            ui.weak(tree.node(node).map_or("", |n| n.label()));
            if ui
                .button("How do I get there?")
                .on_hover_text(Command::ShowWays(node).tooltip())
                .clicked()
            {
                asked = Some(Command::ShowWays(node));
                ui.close();
            }
        });
        self.commands.extend(asked);
    }
}

/// The panel's content: the heading, where the ways start, how many there are, the
/// list, and the buttons to walk the chosen way or close.
fn ways_body(
    ui: &mut Ui,
    ways: &mut Ways,
    title: &str,
    tree: &Tree,
    walk: &Walk,
    asked: &mut Asked,
) {
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!("Ways to {title}"))
                .size(17.0)
                .strong(),
        );
        if ui
            .small_button("Close")
            .on_hover_text("Close this panel and remove the marked way (Escape)")
            .clicked()
        {
            asked.commands.push(Command::CloseWays);
        }
    });
    origin_choice(ui, ways, walk, asked);
    let found = ways.found();
    if found.ways.total == 0 {
        ui.add_space(4.0);
        ui.colored_label(
            palette::WARNING,
            "Unreachable: no answers from the start lead here. The outcome is detached from the tree.",
        );
        return;
    }
    ui.label(RichText::new(count_text(&found.ways)).strong());
    if found.ways.paths.first().is_some_and(Vec::is_empty) {
        ui.weak("The tree starts here: there is nothing to answer.");
        return;
    }
    ui.weak("Shortest first. Hover or focus a way to mark it in the graph; click to choose it.");
    ui.add_space(4.0);
    let walked = ways.walk_of(tree, walk, ways.selected);
    ui.horizontal(|ui| {
        let button = ui
            .add_enabled(walked.is_some(), egui::Button::new("Walk this path"))
            .on_hover_text("Make the chosen way your walk (Previous walk, Alt+Left, goes back)");
        if button.clicked()
            && let Some(w) = walked
        {
            asked.commands.push(Command::WalkWay(w));
        }
    });
    ui.add_space(4.0);
    way_list(ui, ways, asked);
}

/// "From here" and "From the start", when the walk has left the start; else why the
/// ways start at the start.
fn origin_choice(ui: &mut Ui, ways: &mut Ways, walk: &Walk, asked: &mut Asked) {
    if ways.here.is_some() {
        let before = ways.origin;
        ui.horizontal(|ui| {
            ui.selectable_value(&mut ways.origin, Origin::Here, "From here")
                .on_hover_text("The answers still to give, after the ones you gave");
            ui.selectable_value(&mut ways.origin, Origin::Start, "From the start")
                .on_hover_text("Whole walks, from the first question");
        });
        if ways.origin != before {
            ways.selected = 0;
            ways.previewed = None;
            asked.remark = true;
        }
    } else if !walk.steps().is_empty() {
        let here_at_target = ways
            .start
            .ways
            .paths
            .iter()
            .any(|p| p.as_slice() == walk.steps());
        ui.weak(if here_at_target {
            "You are there. The ways from the start:"
        } else {
            "Your answers so far lead elsewhere. The ways from the start:"
        });
    }
}

/// The ways as buttons: Tab reaches each, and hovering or focusing one marks it.
fn way_list(ui: &mut Ui, ways: &mut Ways, asked: &mut Asked) {
    let mut previewed = None;
    let mut chosen = None;
    let found = ways.found();
    for (k, parts) in found.texts.iter().enumerate() {
        let this = k == ways.selected;
        let button = egui::Button::selectable(this, way_job(ui, k + 1, parts, this))
            .wrap()
            .min_size(egui::vec2(ui.available_width(), 0.0));
        let response = ui.add(button);
        if response.hovered() || response.has_focus() {
            previewed = Some(k);
        }
        if response.clicked() {
            chosen = Some(k);
        }
    }
    if let Some(k) = chosen
        && k != ways.selected
    {
        ways.selected = k;
        asked.remark = true;
    }
    if previewed != ways.previewed {
        ways.previewed = previewed;
        asked.remark = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marked_way_is_the_first_shortest_one() {
        let tree = crate::app::bundled_tree();
        let target = tree.find("o-eks-auto").unwrap();
        let ways = Ways::new(&tree, 0, &Walk::new(), target).unwrap();
        let first = paths_to(&tree, tree.root().unwrap(), target, LIMIT).paths[0].clone();
        let (nodes, answers) = ways.marks(&tree);
        assert_eq!(answers, first.iter().map(|s| s.answer).collect());
        let mut expected: HashSet<NodeIndex> = first.iter().map(|s| s.question).collect();
        expected.insert(target);
        assert_eq!(nodes, expected);
        assert!(nodes.contains(&tree.root().unwrap()));
    }

    #[test]
    fn walking_a_way_from_here_keeps_the_answers_given() {
        let tree = crate::app::bundled_tree();
        let target = tree.find("o-eks-auto").unwrap();
        let root = tree.root().unwrap();
        // The first answer that still leads there.
        let mut walk = Walk::new();
        let on_the_way = paths_to(&tree, root, target, 1).paths[0][0];
        walk.choose(&tree, on_the_way.answer).unwrap();
        let ways = Ways::new(&tree, 0, &walk, target).unwrap();
        assert_eq!(ways.origin, Origin::Here);
        let walked = ways.walk_of(&tree, &walk, 0).unwrap();
        assert_eq!(walked.steps()[0], on_the_way);
        assert_eq!(walked.current(&tree), Some(target));
    }
}
