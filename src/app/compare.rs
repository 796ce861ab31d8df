//! File > Compare with file…: the open tree against another file (an earlier version
//! of it, say), as a diff of advice: where the other file's walks lead in the open tree,
//! and which nodes differ, marked in the graph and listed in a panel.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use super::commands::Command;
use super::dialogs::Modal;
use crate::format;
use crate::model::diff::{AdviceDiff, End};
use crate::model::{NodeIndex, Tree};
use crate::view::palette;

/// At most this many walks are followed in the app (a seeded sample past it), so a
/// comparison of a large tree stays quick enough to redo after every edit.
const WALK_LIMIT: usize = 10_000;

/// Up to this many nodes an edit is compared again at once (about 20 ms); a comparison
/// takes about 70 ms at 10,000 nodes and over a second at 100,000 (BENCHMARKS.md), too
/// long for every keystroke, so past it the panel offers to compare again.
const REFRESH_NODES: usize = 3_000;

/// How many walk groups and nodes the panel lists before saying how many more.
const LISTED: usize = 50;

/// The open tree compared with another file.
pub(super) struct Comparison {
    pub(super) path: PathBuf,
    /// The other file's tree: what the open tree is compared against.
    old: Tree,
    diff: AdviceDiff,
    /// The open tree's revision the diff is for.
    revision: u64,
    /// The nodes of the open tree to mark.
    pub(super) marked: HashSet<NodeIndex>,
    /// The open tree changed since the diff was made, and is too large to compare again
    /// on every edit.
    stale: bool,
}

impl Comparison {
    fn new(path: PathBuf, old: Tree, tree: &Tree, revision: u64) -> Self {
        let mut c = Self {
            path,
            diff: AdviceDiff::new(&old, tree, WALK_LIMIT),
            old,
            revision,
            marked: HashSet::new(),
            stale: false,
        };
        c.mark(tree);
        c
    }

    /// Compares again after the open tree changed, unless the tree is too large to do
    /// so on every edit and `now` is false. Returns true when it compared.
    pub(super) fn refresh(&mut self, tree: &Tree, revision: u64, now: bool) -> bool {
        if self.revision == revision {
            return false;
        }
        if !now && tree.node_count() > REFRESH_NODES {
            self.stale = true;
            return false;
        }
        self.stale = false;
        self.diff = AdviceDiff::new(&self.old, tree, WALK_LIMIT);
        self.revision = revision;
        self.mark(tree);
        true
    }

    fn mark(&mut self, tree: &Tree) {
        self.marked = self
            .diff
            .changed_nodes()
            .iter()
            .filter_map(|c| tree.find(c.id))
            .collect();
    }
}

impl super::App {
    /// Compares the open tree with the file at `path`. A file that cannot be read
    /// leaves any comparison as it was and says why.
    pub(super) fn compare_with(&mut self, path: &Path) {
        match format::load_path_lenient(path) {
            Ok(loaded) => {
                let tree = self.doc.tree();
                let c = Comparison::new(
                    path.to_owned(),
                    loaded.tree,
                    tree,
                    self.doc.history.revision(),
                );
                self.notice = format!(
                    "Compared with {}: {} node{} marked",
                    path.display(),
                    c.marked.len(),
                    super::plural(c.marked.len())
                );
                self.session.comparison = Some(c);
                self.stage.restyle = true;
            }
            Err(e) => {
                self.dialogs.modal = Some(Modal::Error {
                    title: format!("Could not compare with {}", path.display()),
                    message: e.to_string(),
                    repair: None,
                });
            }
        }
    }

    /// The comparison's panel, on the right, while there is one.
    pub(super) fn comparison_panel(&mut self, ui: &mut Ui) {
        let revision = self.doc.history.revision();
        let Some(c) = self.session.comparison.as_mut() else {
            return;
        };
        if c.refresh(self.doc.history.tree(), revision, false) {
            self.stage.restyle = true;
        }
        let tree = self.doc.history.tree();
        let mut out = Vec::new();
        egui::Panel::right("comparison")
            .resizable(true)
            .default_size(320.0)
            .min_size(220.0)
            .show(ui, |ui| {
                if c.stale {
                    ui.add_space(6.0);
                    ui.colored_label(palette::WARNING, "The tree changed since this comparison.");
                    if ui.button("Compare again").clicked() && c.refresh(tree, revision, true) {
                        self.stage.restyle = true;
                    }
                }
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| comparison_body(ui, c, tree, &mut out));
            });
        self.commands.extend(out);
    }
}

fn comparison_body(ui: &mut Ui, c: &Comparison, tree: &Tree, out: &mut Vec<Command>) {
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.strong("Changes from");
        if ui
            .small_button("Stop comparing")
            .on_hover_text("Remove the marks and close this panel")
            .clicked()
        {
            out.push(Command::StopComparing);
        }
    });
    ui.label(RichText::new(c.path.display().to_string()).small());
    ui.add_space(4.0);
    if c.diff.is_empty() {
        ui.colored_label(palette::OUTCOME, "✔ The trees hold the same content.");
        return;
    }
    headline(ui, &c.diff);
    walk_groups(ui, &c.diff, tree, out);
    changed_nodes(ui, &c.diff, tree, out);
    if !c.diff.removed.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new("Removed").strong());
        for n in c.diff.removed.iter().take(LISTED) {
            ui.label(format!("{} ({})", n.label, n.id));
        }
        more(ui, c.diff.removed.len());
    }
}

/// "Advice unchanged", or how many walks lead elsewhere, and whether that is a sample.
fn headline(ui: &mut Ui, diff: &AdviceDiff) {
    let w = &diff.walks;
    let total = if w.total_exact {
        w.total.to_string()
    } else {
        format!("more than {}", w.total)
    };
    let text = if diff.advice_changed() {
        format!(
            "{} of {} walks followed lead somewhere else",
            diff.moved(),
            w.followed
        )
    } else {
        format!(
            "Advice unchanged: all {} walks followed lead where they did",
            w.followed
        )
    };
    let color = if diff.advice_changed() {
        palette::CHANGED
    } else {
        palette::OUTCOME
    };
    ui.label(RichText::new(text).strong().color(color));
    if w.sampled {
        ui.weak(format!(
            "A sample of {} of the other file's {total} walks.",
            w.followed
        ));
    }
}

fn walk_groups(ui: &mut Ui, diff: &AdviceDiff, tree: &Tree, out: &mut Vec<Command>) {
    if diff.walks.groups.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.label(RichText::new("Where walks lead now").strong());
    for g in diff.walks.groups.iter().take(LISTED) {
        let one = g.count == 1;
        let line = format!(
            "{} walk{} that reached \"{}\" {}",
            g.count,
            if one { "" } else { "s" },
            g.was.label,
            end_text(&g.now, one)
        );
        let example = g
            .examples
            .first()
            .map(|steps| {
                steps
                    .iter()
                    .map(|st| format!("{}: {}", st.question, st.answer))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default();
        let link = ui
            .link(line)
            .on_hover_text(format!("For example:\n{example}"));
        if link.clicked()
            && let Some(at) = g.now.node_id().and_then(|id| tree.find(id))
        {
            out.push(Command::GoTo(at));
        }
    }
    more(ui, diff.walks.groups.len());
}

fn changed_nodes(ui: &mut Ui, diff: &AdviceDiff, tree: &Tree, out: &mut Vec<Command>) {
    let nodes = diff.changed_nodes();
    if nodes.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.label(RichText::new("Changed here").strong());
    for n in nodes.iter().take(LISTED) {
        let Some(at) = tree.find(n.id) else {
            continue;
        };
        ui.horizontal_wrapped(|ui| {
            if ui
                .link(tree.graph()[at].label())
                .on_hover_text(n.id)
                .clicked()
            {
                out.push(Command::GoTo(at));
            }
            ui.label(RichText::new(&n.summary).small().weak());
        });
    }
    more(ui, nodes.len());
}

fn more(ui: &mut Ui, count: usize) {
    if count > LISTED {
        ui.weak(format!("… and {} more", count - LISTED));
    }
}

/// Where walks end now, as the rest of a sentence whose subject is one walk (`one`) or
/// several: "now reach \"ECS Express Mode\"", "now stops at a new question: …".
fn end_text(end: &End, one: bool) -> String {
    let verb = |singular: &str, plural: &str| if one { singular } else { plural }.to_owned();
    match end {
        End::Outcome { title, .. } => format!("now {} \"{title}\"", verb("reaches", "reach")),
        End::Asks { prompt, new, .. } => {
            let which = if *new {
                "a new question"
            } else {
                "a question it never answered"
            };
            format!("now {} at {which}: \"{prompt}\"", verb("stops", "stop"))
        }
        End::AnswerGone { prompt, answer, .. } => format!(
            "now {}: \"{prompt}\" no longer offers \"{answer}\"",
            verb("stops", "stop")
        ),
        End::Missing { id } => {
            format!(
                "now {} to \"{id}\", which is not a node",
                verb("leads", "lead")
            )
        }
        End::Loops { prompt, .. } => {
            format!("now {} round a cycle at \"{prompt}\"", verb("goes", "go"))
        }
        End::NoStart => "cannot start: the tree has no start question".to_owned(),
    }
}
