//! Carrying out commands: `App::apply` runs what the panels, menus, keys and palette
//! asked for this frame, in order, after the panels have drawn.

use super::*;

impl App {
    pub(super) fn apply(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            // What they change (a dialog, the walk) must show without waiting for input.
            ctx.request_repaint();
        }
        for command in commands {
            self.run(ctx, command);
        }
    }

    pub(super) fn run(&mut self, ctx: &egui::Context, command: Command) {
        let walk_before = self.session.walk.clone();
        let through_history = matches!(command, Command::WalkBack | Command::WalkForward);
        let by_key = matches!(command, Command::ChooseNth(_) | Command::ChooseSelected);
        let replaces_tree = matches!(
            command,
            Command::New
                | Command::Open
                | Command::OpenPath(_)
                | Command::OpenBundled
                | Command::OpenForRepair(_)
                | Command::Restore(_)
                | Command::Import
                | Command::Quit
        );
        let discarded = replaces_tree && std::mem::take(&mut self.dialogs.discard_ok);
        match command {
            _ if replaces_tree && self.doc.dirty() && !self.dialogs.closing && !discarded => {
                self.dialogs.modal = Some(Modal::Unsaved { then: command });
            }
            c if is_file_command(&c) => self.run_file(ctx, c),
            c if is_view_command(&c) => self.run_view(ctx, c),
            c @ (Command::ChooseSelected
            | Command::ChooseNth(..)
            | Command::ChooseAnswer(..)
            | Command::Back
            | Command::Restart
            | Command::WalkBack
            | Command::WalkForward
            | Command::Rewind(..)
            | Command::Revise { .. }) => self.run_walk(c),
            c @ (Command::SetWeight(..) | Command::ResetWeights | Command::SortCompare(_)) => {
                self.run_weights(c);
            }
            c @ (Command::ShowWays(_) | Command::WalkWay(_) | Command::CloseWays) => {
                self.run_ways(c);
            }
            c => self.run_edit(ctx, c),
        }
        if self.session.walk != walk_before {
            self.walk_changed(ctx, &walk_before, through_history, by_key);
        }
    }

    /// What follows any change of the walk: the history, the trail's dropped answers,
    /// the focus, the marks and the view. `through_history`: the change was Previous or
    /// Next walk; `by_key`: an answer given from the keyboard.
    fn walk_changed(
        &mut self,
        ctx: &egui::Context,
        walk_before: &Walk,
        through_history: bool,
        by_key: bool,
    ) {
        // A revised answer's walk before the click in the trail is recorded already
        // (by that click), so one Previous walk goes back to it.
        let revised = std::mem::take(&mut self.session.revised);
        if !through_history && !revised {
            self.session.walk_history.record(walk_before);
        }
        if !revised {
            self.session.dropped.clear();
        }
        // Answered from the keyboard (a focused answer, a digit, Enter): the next
        // answers take the focus, so the walk goes on without the mouse.
        self.session.focus_answers = by_key || ctx.memory(|m| m.focused().is_some());
        self.stage.answer_choice = None;
        self.stage.restyle = true;
        self.stage.follow_pending = self.settings.follow_path;
        // The notes panel follows the walk unless the user picked another node.
        self.set_selection(None);
    }

    /// "How do I get there?": the ways to an outcome, walking one, closing them.
    fn run_ways(&mut self, command: Command) {
        match command {
            Command::ShowWays(target) => self.show_ways(target),
            Command::WalkWay(walk) => self.walk_way(walk),
            Command::CloseWays => {
                self.session.route = None;
                self.stage.restyle = true;
            }
            // `run` sends each command to the function for its part of the app.
            _ => {}
        }
    }

    /// Opening, saving, quitting and recovered work.
    fn run_file(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::New => self.replace(starter_tree(), None),
            Command::Open => self.pick_file(PathFor::Open),
            Command::OpenPath(p) => self.open_path(&p),
            Command::CompareWithFile => self.pick_file(PathFor::Compare),
            Command::CompareWithPath(p) => self.compare_with(&p),
            Command::StopComparing => {
                self.session.comparison = None;
                self.stage.restyle = true;
            }
            Command::SaveWalk => self.save_walk(),
            Command::OpenWalk => self.pick_walk(false),
            Command::OpenWalkPath(p) => self.open_walk(&p),
            Command::CompareWalk => self.pick_walk(true),
            Command::CompareWalkPath(p) => self.compare_walk(&p),
            Command::ClearSavedWalks => self.session.saved_walks.clear(),
            Command::Export(format) => self.pick_export(format),
            Command::ExportTo(format, p) => {
                self.export_to(format, &p);
            }
            Command::Import => self.pick_import(),
            Command::CopyRecord => self.copy_record(ctx),
            Command::OpenBundled => {
                self.replace(bundled_tree(), None);
                self.doc.origin = Some(bundled_origin());
            }
            Command::Save => match self.doc.path.clone() {
                Some(p) => {
                    self.save_to(&p);
                }
                None => self.run(ctx, Command::SaveAs),
            },
            Command::SaveAs => {
                let name = self
                    .doc
                    .path
                    .as_deref()
                    .and_then(Path::file_name)
                    .map_or_else(
                        || format!("{}.json", slug(&self.doc.tree().title)),
                        |n| n.to_string_lossy().into_owned(),
                    );
                match self.ask_save_path(&name, PathFor::Save) {
                    Some(p) => {
                        self.save_to(&p);
                    }
                    // Cancelled: what was to follow the save does not happen.
                    None if self.dialogs.modal.is_none() => self.dialogs.after_save = None,
                    None => {}
                }
            }
            Command::SaveTo(p) => {
                self.save_to(&p);
            }
            Command::Quit => {
                self.dialogs.closing = true;
                // Quitting means the changes were saved or discarded.
                if let Some(r) = self.recovery.as_mut() {
                    r.clear();
                }
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Command::OpenForRepair(p) => self.open_for_repair(&p),
            Command::Restore(path) => self.restore(&path),
            Command::DiscardRecovery(path) => {
                let _ = std::fs::remove_file(path);
            }
            // `run` sends each command to the function for its part of the app.
            _ => {}
        }
    }

    /// What the window shows: zoom, panels, theme, search, the palette, the selection.
    fn run_view(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Fit => self.stage.fit_pending = true,
            Command::ZoomIn => self
                .stage
                .zoom_requests
                .push(canvas::ZoomTo::By(canvas::ZOOM_STEP)),
            Command::ZoomOut => self
                .stage
                .zoom_requests
                .push(canvas::ZoomTo::By(1.0 / canvas::ZOOM_STEP)),
            Command::ZoomReset => self.stage.zoom_requests.push(canvas::ZoomTo::Exactly(1.0)),
            Command::ToggleRepeatShared => {
                self.settings.repeat_shared = !self.settings.repeat_shared;
                self.stage.relayout = true;
            }
            Command::ToggleFollow => {
                self.settings.follow_path = !self.settings.follow_path;
                self.stage.follow_pending = self.settings.follow_path;
            }
            Command::SetOrientation(o) if self.settings.orientation != o => {
                self.settings.orientation = o;
                self.stage.relayout = true;
                self.stage.start_view_pending = true;
            }
            Command::SetTheme(t) => {
                self.settings.theme = t;
                ctx.set_theme(t.preference());
            }
            Command::TogglePanel(p) => self.settings.toggle(p),
            Command::ShowShortcuts => self.dialogs.modal = Some(Modal::Shortcuts),
            Command::OpenPalette => {
                let state = self.command_state();
                self.session.palette = Some(palette::Palette::new(self.doc.tree(), &state));
            }
            Command::Find => {
                self.session.search.open = true;
                self.session.search.focus = true;
            }
            Command::FindNext | Command::FindPrevious => {
                self.session.search.open = true;
                self.refresh_search();
                let step = if command == Command::FindNext { 1 } else { -1 };
                if let Some(node) = self.session.search.step(step) {
                    self.go_to(node);
                }
            }
            Command::GoTo(node) => self.go_to(node),
            Command::SelectToward(toward) => {
                let from = self
                    .selection()
                    .or_else(|| self.session.walk.current(self.doc.tree()));
                // The arrows follow the screen, whichever way the tree grows; with
                // nothing selected, the first press starts from the current question
                // (and selects it, at the edge of the drawing).
                let next = from
                    .and_then(|f| self.stage.view.as_ref()?.neighbour(f, toward.vector()))
                    .or(from.filter(|_| self.selection().is_none()));
                if let Some(n) = next {
                    self.go_to(n);
                }
            }
            Command::ShowAbout => self.dialogs.modal = Some(Modal::About),
            Command::ReviewSources => self.dialogs.modal = Some(Modal::Sources),
            Command::Select(node) => {
                self.set_selection(node);
                self.stage.restyle = true;
            }
            Command::ToggleCollapse(node) => {
                self.stage.anchor = Some(node);
                if let Some(id) = self.doc.tree().node(node).map(|n| n.id.clone())
                    && !self.session.collapsed.remove(&id)
                {
                    self.session.collapsed.insert(id);
                }
                self.stage.relayout = true;
            }
            // `run` sends each command to the function for its part of the app.
            _ => {}
        }
    }

    /// Answering, going back, starting again.
    fn run_walk(&mut self, command: Command) {
        match command {
            Command::ChooseSelected => {
                if let Some(edge) = self.selected_answer() {
                    self.choose(edge);
                }
            }
            Command::ChooseNth(n) => {
                let edge = self.session.walk.current(self.doc.tree()).and_then(|c| {
                    self.doc
                        .tree()
                        .answers(c)
                        .get(n.wrapping_sub(1))
                        .map(|a| a.edge)
                });
                if let Some(edge) = edge {
                    self.choose(edge);
                }
            }
            Command::ChooseAnswer(edge) => self.choose(edge),
            Command::Back => {
                self.session.walk.back();
            }
            Command::Restart => self.session.walk.restart(),
            Command::Rewind(step) => {
                // Kept, so the answers after `step` can be given again once it is
                // answered anew (see `choose`).
                self.session.rewound = Some((step, self.session.walk.clone()));
                self.session.walk.rewind_to(step);
            }
            Command::Revise { step, answer } => {
                let tree = self.doc.history.tree();
                let mut walk = self.session.walk.clone();
                match walk.revise_keeping(tree, step, answer) {
                    Ok(revision) => {
                        self.notice = revised_notice(tree, &revision);
                        self.session.dropped = answer_texts(tree, &revision.dropped);
                        // Recorded here, since `revised` keeps `run` from recording it.
                        self.session.walk_history.record(&self.session.walk);
                        self.session.walk = walk;
                        self.session.revised = true;
                        self.session.rewound = None;
                    }
                    Err(e) => self.notice = e.to_string(),
                }
            }
            Command::WalkBack | Command::WalkForward => {
                let (tree, walk) = (self.doc.history.tree(), &self.session.walk);
                let moved = if command == Command::WalkBack {
                    self.session.walk_history.back(walk)
                } else {
                    self.session.walk_history.forward(walk)
                };
                if let Some(mut w) = moved {
                    w.repair(tree);
                    self.session.walk = w;
                    self.session.rewound = None;
                }
            }
            // `run` sends each command to the function for its part of the app.
            _ => {}
        }
    }

    /// Changes to the tree and the clipboard, and edit mode.
    fn run_edit(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::DeleteSelected => {
                if self.session.editing
                    && let Some(node) = self.selection()
                {
                    self.run(ctx, Command::AskDelete(node));
                }
            }
            Command::ToggleEdit => {
                self.session.editing = !self.session.editing;
                self.stage.answer_choice = None;
                if self.session.editing && self.selection().is_none() {
                    self.set_selection(self.session.walk.current(self.doc.tree()));
                }
                self.stage.restyle = true;
            }
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::Edit(edit) => self.edit_op(&edit),
            // The label starts empty: a made-up one read like a node's title, and was
            // too easy to keep.
            Command::AddChild { question, outcome } => {
                self.dialogs.modal = Some(Modal::AskLabel {
                    purpose: LabelFor::Child { question, outcome },
                    text: String::new(),
                });
            }
            Command::LinkTo { question, target } => {
                self.dialogs.modal = Some(Modal::AskLabel {
                    purpose: LabelFor::Link { question, target },
                    text: String::new(),
                });
            }
            Command::AskDelete(node) => {
                if self.doc.tree().answer_count(node) == 0 {
                    self.run(ctx, Command::Delete(node, DeleteMode::WithSubtree));
                } else {
                    self.dialogs.modal = Some(Modal::Delete { node });
                }
            }
            Command::Delete(node, mode) => {
                let what = match mode {
                    DeleteMode::WithSubtree => "delete node",
                    DeleteMode::KeepChildren => "delete node, keep what is below",
                };
                self.edit_named(what, |t| t.delete(node, mode));
                self.set_selection(None);
            }
            Command::Copy => {
                self.copy_selected(ctx);
            }
            Command::Cut => {
                if let Some(node) = self.copy_selected(ctx) {
                    self.edit_named("cut node", |t| t.delete(node, DeleteMode::WithSubtree));
                    self.set_selection(None);
                }
            }
            Command::Paste => self.paste(),
            Command::Duplicate => {
                if let Some(node) = self.selection() {
                    let mut new = None;
                    self.edit_named("duplicate node", |t| new = t.duplicate(node));
                    self.select_made(new);
                }
            }
            // `run` sends each command to the function for its part of the app.
            _ => {}
        }
    }

    /// Takes back the last change, says what it was, and selects the node it concerned.
    fn undo(&mut self) {
        let concerned = self.doc.concerned();
        let undone = self.undo_description().map(|d| format!("Undid: {d}"));
        if self.doc.history.undo() {
            self.after_change();
            self.notice = undone.unwrap_or_default();
            if let Some((before, after)) = concerned {
                self.reselect([before, after]);
            }
        } else {
            self.notice = NOTHING_TO_UNDO.to_owned();
        }
    }

    /// Makes again the change Undo took back, says what it was, and selects its node.
    fn redo(&mut self) {
        let redone = self.redo_description().map(|d| format!("Redid: {d}"));
        if self.doc.history.redo() {
            self.after_change();
            self.notice = redone.unwrap_or_default();
            if let Some((before, after)) = self.doc.concerned() {
                self.reselect([after, before]);
            }
        } else {
            self.notice = NOTHING_TO_REDO.to_owned();
        }
    }

    /// The current question's answer that leads to the selected node.
    pub(super) fn selected_answer(&self) -> Option<crate::model::EdgeIndex> {
        let tree = self.doc.tree();
        let selected = self.selection()?;
        let current = self.session.walk.current(tree)?;
        tree.answers(current)
            .iter()
            .find(|a| a.to == selected)
            .map(|a| a.edge)
    }

    /// Selects `node` and brings it into view.
    pub(super) fn go_to(&mut self, node: NodeIndex) {
        if self.doc.tree().node(node).is_none() {
            return;
        }
        self.set_selection(Some(node));
        self.stage.follow_node = Some(node);
        self.stage.restyle = true;
    }

    /// Finds the search results again if the query or the tree changed; the graph's
    /// marks follow.
    pub(super) fn refresh_search(&mut self) {
        if self
            .session
            .search
            .refresh(self.doc.tree(), self.doc.history.revision())
        {
            self.stage.restyle = true;
        }
    }

    /// What the commands need to know to say whether they are available.
    pub fn command_state(&self) -> commands::State {
        let tree = self.doc.tree();
        commands::State {
            editing: self.session.editing,
            can_undo: self.doc.history.can_undo(),
            can_redo: self.doc.history.can_redo(),
            undo_what: self.undo_description().map(str::to_owned),
            redo_what: self.redo_description().map(str::to_owned),
            selection: self
                .selection()
                .is_some_and(|n| tree.node(n).is_some_and(|x| !x.is_missing())),
            clipboard: self.session.clipboard.is_some(),
            steps: self.session.walk.steps().len(),
            answers: self
                .session
                .walk
                .current(tree)
                .map_or(0, |c| tree.answer_count(c)),
            selection_is_option: self.selected_answer().is_some(),
            search_hits: self.session.search.hits.len(),
            comparing: self.session.comparison.is_some(),
            saved_walks: self.session.saved_walks.len(),
            walk_back: self.session.walk_history.can_back(),
            walk_forward: self.session.walk_history.can_forward(),
            follow_path: self.settings.follow_path,
            repeat_shared: self.settings.repeat_shared,
            orientation: self.settings.orientation,
            theme: self.settings.theme,
            panels: Panels::ALL.map(|p| (p, self.settings.panel(p))).to_vec(),
        }
    }

    /// A file to open or compare with, from the file dialog, or typed when there is none.
    fn pick_file(&mut self, purpose: PathFor) {
        match self.chooser.pick_open() {
            Chosen::Path(p) if purpose == PathFor::Compare => self.compare_with(&p),
            Chosen::Path(p) => self.open_path(&p),
            Chosen::Cancelled => {}
            Chosen::Unavailable(why) => {
                self.dialogs.modal = Some(Modal::PathPrompt {
                    purpose,
                    why,
                    text: String::new(),
                    error: None,
                })
            }
        }
    }

    /// The Compare panel's weights and order. Weights are kept per tree title, so the
    /// tree opened again is weighed as the user left it.
    fn run_weights(&mut self, command: Command) {
        let tree = self.doc.history.tree();
        let weighing = &mut self.session.weighing;
        match command {
            Command::SetWeight(dimension, weight) => {
                let mut weights = weighing.weights(tree);
                weights.set(dimension, weight);
                let saved = super::weigh::to_saved(&weights);
                self.settings.weights.insert(tree.title.clone(), saved);
                weighing.weights = Some(weights);
            }
            Command::ResetWeights => {
                weighing.weights = None;
                self.settings.weights.remove(&tree.title);
            }
            Command::SortCompare(sort) => weighing.sort = sort,
            _ => {}
        }
        self.stage.restyle = true;
    }

    /// Asks where to save, suggesting `name`. Without a file dialog a prompt for a typed
    /// path (for `purpose`) takes over; then, as on Cancel, there is no path yet.
    pub(super) fn ask_save_path(&mut self, name: &str, purpose: PathFor) -> Option<PathBuf> {
        match self.chooser.pick_save(name) {
            Chosen::Path(p) => Some(p),
            Chosen::Cancelled => None,
            Chosen::Unavailable(why) => {
                // In full: a bare name gives no clue where it would be saved.
                let text = files::typed_path_folder(self.doc.path.as_deref())
                    .map_or_else(|| name.to_owned(), |f| f.join(name).display().to_string());
                self.dialogs.modal = Some(Modal::PathPrompt {
                    purpose,
                    why,
                    text,
                    error: None,
                });
                None
            }
        }
    }

    /// Gives `edge` as the current question's answer. After a click on an earlier
    /// answer in the trail, the answers that followed it are given again wherever the
    /// new path still asks their questions, and the status bar says which were dropped.
    pub(super) fn choose(&mut self, edge: crate::model::EdgeIndex) {
        if let Some((step, mut before)) = self.session.rewound.take() {
            let at_step = self.session.walk.steps().len() == step;
            let tree = self.doc.history.tree();
            if at_step && let Ok(revision) = before.revise_keeping(tree, step, edge) {
                self.notice = revised_notice(tree, &revision);
                self.session.dropped = answer_texts(tree, &revision.dropped);
                self.session.walk = before;
                self.session.revised = true;
                return;
            }
        }
        if let Err(e) = self.session.walk.choose(self.doc.tree(), edge) {
            self.notice = e.to_string();
        }
    }
}

/// "Kept 3 later answers; dropped 1 no longer asked: Storage — EBS", for the status
/// bar after a revision.
fn revised_notice(tree: &crate::model::Tree, r: &crate::model::Revision) -> String {
    let kept = r.kept.len();
    let mut text = format!("Kept {kept} later answer{}", plural(kept));
    if !r.dropped.is_empty() {
        text.push_str(&format!(
            "; dropped {} no longer asked: {} (Alt+Left brings them back)",
            r.dropped.len(),
            answer_texts(tree, &r.dropped).join("; ")
        ));
    }
    text
}

/// Each step as "question — answer".
fn answer_texts(tree: &crate::model::Tree, steps: &[crate::model::Step]) -> Vec<String> {
    steps
        .iter()
        .filter_map(|s| {
            let answer = tree.answer(s.answer)?;
            let question = tree.node(s.question)?.label();
            Some(format!("{question} — {}", answer.answer.label))
        })
        .collect()
}

/// Files, saved walks, exports and imports, comparisons and recovery: `run_file`'s part.
fn is_file_command(command: &Command) -> bool {
    matches!(
        command,
        Command::New
            | Command::Open
            | Command::OpenPath(..)
            | Command::OpenBundled
            | Command::Save
            | Command::SaveAs
            | Command::SaveTo(..)
            | Command::Quit
            | Command::OpenForRepair(..)
            | Command::CompareWithFile
            | Command::CompareWithPath(..)
            | Command::StopComparing
            | Command::SaveWalk
            | Command::OpenWalk
            | Command::OpenWalkPath(..)
            | Command::CompareWalk
            | Command::CompareWalkPath(..)
            | Command::ClearSavedWalks
            | Command::Export(..)
            | Command::ExportTo(..)
            | Command::Import
            | Command::CopyRecord
            | Command::Restore(..)
            | Command::DiscardRecovery(..)
    )
}

/// The view, panels, search and selection: `run_view`'s part.
fn is_view_command(command: &Command) -> bool {
    matches!(
        command,
        Command::Fit
            | Command::ZoomIn
            | Command::ZoomOut
            | Command::ZoomReset
            | Command::ToggleRepeatShared
            | Command::ToggleFollow
            | Command::SetOrientation(..)
            | Command::SetTheme(..)
            | Command::TogglePanel(..)
            | Command::ShowShortcuts
            | Command::OpenPalette
            | Command::Find
            | Command::FindNext
            | Command::FindPrevious
            | Command::GoTo(..)
            | Command::SelectToward(..)
            | Command::ShowAbout
            | Command::ReviewSources
            | Command::Select(..)
            | Command::ToggleCollapse(..)
    )
}
