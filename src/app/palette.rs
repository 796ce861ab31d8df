//! The command palette (Ctrl+K, Ctrl+Shift+P): type part of a command's name, or of a
//! question, outcome or answer, and Enter runs the command or goes to the node. The
//! list of commands is `Command::catalog`; nodes come from the open tree. An outcome
//! that matches is followed by "How do I get there: …", which lists the ways to it.

use egui::{Key, RichText, Ui};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

use super::commands::{self, Command};
use crate::model::{NodeIndex, NodeKind, Tree};

/// At most this many results are listed; the rest are a keystroke away.
const SHOWN: usize = 60;

/// What a palette row does.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Command(Command),
    /// Go to a node (for an answer, the question it belongs to).
    Node(NodeIndex),
    /// List the ways to an outcome.
    Ways(NodeIndex),
}

/// How an outcome's entry begins; its "How do I get there" row reuses the rest.
const GO_TO_OUTCOME: &str = "Go to outcome: ";

/// A row the query matches: an entry, or the "How do I get there" row that follows an
/// outcome's. Made only for matches, so an outcome costs one entry, not two.
#[derive(Debug, Clone, Copy)]
struct Row {
    entry: usize,
    ways: bool,
}

/// The open palette: its query, what can be found, and what the query matches.
pub struct Palette {
    pub query: String,
    /// Each entry, the text shown, and the text matched (without "Go to …:").
    entries: Vec<(Entry, String, Utf32String)>,
    /// Rows of `entries`, best match first.
    matches: Vec<Row>,
    pub selected: usize,
    matched_query: Option<String>,
    focus_asked: bool,
}

impl Palette {
    /// A palette over every command (named as `state` has them now: "Undo: rename
    /// answer") and every node of `tree`.
    pub fn new(tree: &Tree, state: &commands::State) -> Self {
        let mut entries: Vec<(Entry, String, String)> = Command::catalog()
            .into_iter()
            .map(|c| {
                let text = c.label(state);
                (Entry::Command(c), text.clone(), text)
            })
            .collect();
        for index in tree.reading_order() {
            let Some(node) = tree.node(index) else {
                continue;
            };
            let (what, name) = match &node.kind {
                NodeKind::Question(q) => ("Go to question: ", &q.prompt),
                NodeKind::Outcome(o) => (GO_TO_OUTCOME, &o.title),
                NodeKind::Missing => continue,
            };
            entries.push((Entry::Node(index), format!("{what}{name}"), name.clone()));
            for a in tree.answers(index) {
                if !a.answer.label.trim().is_empty() {
                    entries.push((
                        Entry::Node(index),
                        format!("Go to answer: {} ({})", a.answer.label, node.label()),
                        a.answer.label.clone(),
                    ));
                }
            }
        }
        let entries = entries
            .into_iter()
            .map(|(e, text, matched)| (e, text, Utf32String::from(matched.as_str())))
            .collect();
        Self {
            query: String::new(),
            entries,
            matches: Vec::new(),
            selected: 0,
            matched_query: None,
            focus_asked: false,
        }
    }

    /// Brings the matches up to date with the query: with no query, the commands in
    /// menu order; else every entry the query matches fuzzily, best first (ties keep
    /// commands first, then nodes in reading order).
    fn refresh(&mut self) {
        if self.matched_query.as_deref() == Some(self.query.as_str()) {
            return;
        }
        self.matched_query = Some(self.query.clone());
        self.selected = 0;
        if self.query.trim().is_empty() {
            self.matches = (0..self.entries.len())
                .filter(|&k| matches!(self.entries[k].0, Entry::Command(_)))
                .map(|entry| Row { entry, ways: false })
                .collect();
            return;
        }
        let pattern = Pattern::parse(&self.query, CaseMatching::Ignore, Normalization::Smart);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut scored: Vec<(u32, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(k, (_, _, key))| {
                pattern
                    .score(key.slice(..), &mut matcher)
                    .map(|score| (score, k))
            })
            .collect();
        scored.sort_by_key(|&(score, k)| (std::cmp::Reverse(score), k));
        let outcome = |k: usize| self.entries[k].1.starts_with(GO_TO_OUTCOME);
        self.matches = scored
            .into_iter()
            .flat_map(|(_, entry)| {
                let ways = outcome(entry).then_some(Row { entry, ways: true });
                std::iter::once(Row { entry, ways: false }).chain(ways)
            })
            .collect();
    }

    /// What the query matches, best first, at most `SHOWN`.
    pub fn results(&mut self) -> Vec<(Entry, String)> {
        self.refresh();
        self.matches
            .iter()
            .take(SHOWN)
            .map(|row| {
                let (entry, text, _) = &self.entries[row.entry];
                match (entry, row.ways) {
                    (&Entry::Node(n), true) => {
                        let title = text.strip_prefix(GO_TO_OUTCOME).unwrap_or(text);
                        (Entry::Ways(n), format!("How do I get there: {title}"))
                    }
                    _ => (entry.clone(), text.clone()),
                }
            })
            .collect()
    }

    /// How many entries the query matches in all.
    pub fn match_count(&mut self) -> usize {
        self.refresh();
        self.matches.len()
    }
}

/// What the user did with the palette this frame.
pub enum Outcome {
    Open,
    Close,
    Run(Entry),
}

/// Shows the palette; `state` says which commands are available now.
pub fn show(ctx: &egui::Context, palette: &mut Palette, state: &commands::State) -> Outcome {
    let results = palette.results();
    let count = palette.match_count();
    let (up, down, enter, escape) = ctx.input_mut(|i| {
        (
            i.consume_key(egui::Modifiers::NONE, Key::ArrowUp),
            i.consume_key(egui::Modifiers::NONE, Key::ArrowDown),
            i.consume_key(egui::Modifiers::NONE, Key::Enter),
            i.consume_key(egui::Modifiers::NONE, Key::Escape),
        )
    });
    if escape {
        return Outcome::Close;
    }
    if !results.is_empty() {
        if down {
            palette.selected = (palette.selected + 1) % results.len();
        }
        if up {
            palette.selected = (palette.selected + results.len() - 1) % results.len();
        }
    }
    let runnable = |entry: &Entry| match entry {
        Entry::Command(c) => c.available(state),
        Entry::Node(_) | Entry::Ways(_) => true,
    };
    if enter
        && let Some((entry, _)) = results.get(palette.selected)
        && runnable(entry)
    {
        return Outcome::Run(entry.clone());
    }
    let mut outcome = Outcome::Open;
    let modal = egui::Modal::new(egui::Id::new("tradeoff-palette")).show(ctx, |ui| {
        ui.set_width(560.0);
        let field = ui.add(
            egui::TextEdit::singleline(&mut palette.query)
                .hint_text("Type a command, or part of a question, outcome or answer")
                .desired_width(f32::INFINITY),
        );
        if !palette.focus_asked {
            field.request_focus();
            palette.focus_asked = true;
        }
        ui.weak(match count {
            0 => "Nothing matches".to_owned(),
            n if n > SHOWN => format!("{n} matches, the best {SHOWN} shown"),
            n => format!("{n} match{}", if n == 1 { "" } else { "es" }),
        });
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .show(ui, |ui| {
                for (k, (entry, text)) in results.iter().enumerate() {
                    if let Some(run) = row(ui, entry, text, k == palette.selected, state) {
                        outcome = Outcome::Run(run);
                    }
                }
            });
    });
    if modal.should_close() && matches!(outcome, Outcome::Open) {
        outcome = Outcome::Close;
    }
    outcome
}

/// One result: the command or node, its shortcut, and whether it can run now. Returns
/// the entry when clicked and runnable.
fn row(
    ui: &mut Ui,
    entry: &Entry,
    text: &str,
    selected: bool,
    state: &commands::State,
) -> Option<Entry> {
    let (enabled, keys, tip) = match entry {
        Entry::Command(c) => (
            c.available(state),
            c.shortcut().map(|s| ui.ctx().format_shortcut(&s)),
            c.tooltip(),
        ),
        Entry::Node(_) => (true, None, "Select it and bring it into view"),
        Entry::Ways(n) => (true, None, Command::ShowWays(*n).tooltip()),
    };
    let mut button = egui::Button::selectable(selected, text);
    if let Some(keys) = keys {
        button = button.shortcut_text(RichText::new(keys).weak());
    }
    let tip = if enabled {
        tip.to_owned()
    } else {
        format!("{tip} (not available now)")
    };
    let response = ui
        .add_enabled(
            enabled,
            button.min_size(egui::vec2(ui.available_width(), 0.0)),
        )
        .on_hover_text(tip)
        .on_disabled_hover_text("Not available now");
    if selected {
        response.scroll_to_me(None);
    }
    (response.clicked() && enabled).then(|| entry.clone())
}
