//! The eframe app: window, panels, commands, files. Panels only record what the user
//! asked for as `Command`s; `apply` carries them out once per frame, after the panels.

mod canvas;
pub mod commands;
mod editor;
pub mod files;
mod markdown;
mod outline;
mod palette;
mod panels;
pub mod recovery;
mod search;
pub mod settings;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use egui_commonmark::CommonMarkCache;

use crate::format::{self, LoadError};
use crate::model::{
    DeleteMode, Fragment, History, MergeKey, NodeIndex, Problem, Reach, Severity, Tree, Walk,
};
use crate::view::TreeView;
use recovery::Recovery;

pub use commands::Command;
pub use files::{Chosen, FileChooser, NativeChooser, ScriptedChooser};
pub use settings::{Panels, Settings, Theme};

/// The app's name, as the window and the data folder know it.
pub const APP_NAME: &str = "Tradeoff";

/// How the app starts.
pub struct Options {
    /// A file to open instead of the bundled tree.
    pub file: Option<PathBuf>,
    /// Where file dialogs come from.
    pub chooser: Box<dyn FileChooser>,
    /// Whether to read and write settings through eframe's storage.
    pub persist: bool,
    /// Where recovery copies go; `None` turns them off.
    pub data_dir: Option<PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            file: None,
            chooser: Box::new(NativeChooser::default()),
            persist: true,
            data_dir: std::env::var_os("TRADEOFF_DATA_DIR")
                .map(PathBuf::from)
                .or_else(|| eframe::storage_dir(APP_NAME)),
        }
    }
}

/// The open tree and what is known about it.
struct Document {
    history: History,
    path: Option<PathBuf>,
    /// Shown instead of a file name while there is no path (the bundled tree).
    origin: Option<String>,
    problems: Vec<Problem>,
    badges: HashMap<NodeIndex, Severity>,
    /// Where each node can lead, for the walk panel's hints: computed once per change
    /// of the tree, not once per answer per frame.
    reach: Reach,
    /// The history revision last saved (or opened); unsaved while it differs.
    saved: u64,
    /// The file as it was when opened or last saved here, to notice a change on disk
    /// (another window, another program) before overwriting it.
    stamp: Option<format::FileStamp>,
    /// For each history revision an edit made: the node selected when it was made and
    /// the one selected after it (a node it created), so undo and redo can select what
    /// they change instead of leaving the user to find it.
    selections: HashMap<u64, (Option<NodeIndex>, Option<NodeIndex>)>,
}

impl Document {
    fn new(tree: Tree, path: Option<PathBuf>) -> Self {
        let mut doc = Self {
            history: History::new(tree),
            path,
            origin: None,
            problems: Vec::new(),
            badges: HashMap::new(),
            reach: Reach::default(),
            saved: 0,
            stamp: None,
            selections: HashMap::new(),
        };
        doc.revalidate();
        doc
    }

    fn tree(&self) -> &Tree {
        self.history.tree()
    }

    /// Brings what is derived from the tree up to date; called after every change.
    fn revalidate(&mut self) {
        self.reach = Reach::new(self.history.tree());
        self.problems = self.history.tree().validate();
        self.badges.clear();
        for p in &self.problems {
            let Some(index) = p.node_id().and_then(|id| self.history.tree().find(id)) else {
                continue;
            };
            let entry = self.badges.entry(index).or_insert(p.severity);
            *entry = (*entry).min(p.severity);
        }
    }

    /// How many problems are errors, and how many are warnings.
    fn problem_counts(&self) -> (usize, usize) {
        let errors = self
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        (errors, self.problems.len() - errors)
    }

    /// What the edit that made the current revision concerned (see `selections`).
    fn concerned(&self) -> Option<(Option<NodeIndex>, Option<NodeIndex>)> {
        self.selections.get(&self.history.revision()).copied()
    }

    fn dirty(&self) -> bool {
        self.history.revision() != self.saved
    }

    fn mark_saved(&mut self) {
        self.saved = self.history.revision();
    }

    fn file_name(&self) -> String {
        self.path
            .as_deref()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .or_else(|| self.origin.clone())
            .unwrap_or_else(|| "untitled".to_owned())
    }
}

/// A dialog that holds the window until it is answered.
#[derive(Debug, Clone, PartialEq)]
enum Modal {
    /// Unsaved changes; `then` runs after Save or Discard.
    Unsaved {
        then: Command,
    },
    Error {
        title: String,
        message: String,
        /// A file with validation errors can still be opened to fix them.
        repair: Option<PathBuf>,
    },
    /// No file dialog could open; the user types a path.
    PathPrompt {
        save: bool,
        why: String,
        text: String,
        /// Why the last try with this path failed, shown so it can be corrected.
        error: Option<String>,
    },
    Shortcuts,
    About,
    /// The label of a new answer, asked at once when adding or linking a node.
    AskLabel {
        purpose: LabelFor,
        text: String,
    },
    /// Delete with the subtree, or keep the subtree loose?
    Delete {
        node: NodeIndex,
    },
    /// Work left by an app that did not close normally.
    Restore {
        found: recovery::Found,
    },
    /// The file was changed on disk since it was opened or saved here: overwrite it,
    /// save elsewhere, or reload it?
    ChangedOnDisk {
        path: PathBuf,
    },
}

/// What an asked-for answer label is for.
#[derive(Debug, Clone, Copy, PartialEq)]
enum LabelFor {
    Child {
        question: NodeIndex,
        outcome: bool,
    },
    Link {
        question: NodeIndex,
        target: NodeIndex,
    },
    Paste {
        question: NodeIndex,
    },
}

/// The Tradeoff app.
pub struct App {
    settings: Settings,
    persist: bool,
    doc: Document,
    walk: Walk,
    selected: Option<NodeIndex>,
    /// Collapsed nodes, by id: indices are reused after a delete, ids are not.
    collapsed: HashSet<String>,
    view: Option<TreeView>,
    /// The tree or its shape changed: lay out again.
    relayout: bool,
    /// The walk or selection changed: recolour.
    restyle: bool,
    /// Bring the whole tree into view on the next frame (the Fit command).
    fit_pending: bool,
    /// Show the start view on the next frame: the whole tree if it can be read that
    /// way, else the current question and its answers at 100%.
    start_view_pending: bool,
    /// Zooms asked for by keys, buttons and menus, applied by the canvas.
    zoom_requests: Vec<canvas::ZoomTo>,
    /// A move of the view in progress (fit, follow).
    view_anim: Option<canvas::ViewAnim>,
    /// The answers offered after a click on a node several of them lead to.
    answer_choice: Option<canvas::AnswerChoice>,
    /// Where the minimap was drawn in the last frame.
    minimap_rect: Option<egui::Rect>,
    /// The node the user acted on, kept where it is on screen when the tree is laid
    /// out again, so an edit or a collapse does not throw the view about.
    anchor: Option<NodeIndex>,
    /// Bring the current node into view on the next frame.
    follow_pending: bool,
    commands: Vec<Command>,
    modal: Option<Modal>,
    chooser: Box<dyn FileChooser>,
    markdown: CommonMarkCache,
    /// The window title last sent, so it is only sent when it changes.
    title_sent: String,
    /// Set once the user agreed to close with unsaved changes.
    closing: bool,
    /// The last message shown in the status bar.
    notice: String,
    zoom: f32,
    /// The canvas rectangle, zoom and pan of the last frame, to map nodes to the screen.
    canvas_transform: Option<(egui::Rect, f32, egui::Vec2)>,
    /// Edit mode: the editor replaces the notes panel and clicks only select.
    editing: bool,
    /// The last copied or cut subtree.
    clipboard: Option<Fragment>,
    recovery: Option<Recovery>,
    /// Show the notes of the Markdown editor rendered instead of as source.
    preview: bool,
    /// Bring this node into view on the next frame (a problem was clicked).
    follow_node: Option<NodeIndex>,
    /// The user chose Discard: the next command that replaces the tree may go ahead.
    discard_ok: bool,
    /// Runs once a Save As started from the unsaved-changes prompt succeeds.
    after_save: Option<Command>,
    /// Recovered work waiting for the dialog in front of it to close.
    pending_restore: Option<recovery::Found>,
    /// Where the canvas was when egui_graphs last drew it.
    canvas_origin: Option<egui::Pos2>,
    /// The user chose to overwrite a file changed on disk: the next save may go ahead.
    overwrite_ok: bool,
    /// Faults injected into saves, for the tests of failing saves; none otherwise.
    save_faults: format::Faults,
    palette: Option<palette::Palette>,
    search: search::Search,
    outline: outline::Outline,
    /// Give the keyboard focus to the current question's first answer on the next
    /// frame: Tab with nothing focused starts there, and after an answer chosen from
    /// the keyboard the next question's answers are next.
    focus_answers: bool,
}

impl App {
    /// The app as eframe starts it.
    pub fn new(cc: &eframe::CreationContext<'_>, options: Options) -> Self {
        let settings = if options.persist {
            cc.storage
                .and_then(|s| eframe::get_value::<Settings>(s, Settings::KEY))
                .unwrap_or_default()
        } else {
            Settings::default()
        };
        cc.egui_ctx.set_theme(settings.theme.preference());
        // Ctrl+=, Ctrl+- and Ctrl+0 zoom the tree; egui would otherwise scale the whole
        // interface with them whenever the app does not take them (a dialog is open).
        cc.egui_ctx.options_mut(|o| o.zoom_with_keyboard = false);
        let mut app = Self::with_tree(bundled_tree(), None, settings, options.chooser);
        app.doc.origin = Some(bundled_origin());
        app.persist = options.persist;
        app.recovery = options.data_dir.map(Recovery::new);
        if let Some(path) = options.file {
            app.open_path(&path);
        }
        // Shown once any dialog from opening the command-line file is closed.
        app.pending_restore = app
            .recovery
            .as_ref()
            .and_then(|r| r.orphans().into_iter().next());
        app
    }

    fn with_tree(
        tree: Tree,
        path: Option<PathBuf>,
        settings: Settings,
        chooser: Box<dyn FileChooser>,
    ) -> Self {
        Self {
            settings,
            persist: true,
            doc: Document::new(tree, path),
            walk: Walk::new(),
            selected: None,
            collapsed: HashSet::new(),
            view: None,
            relayout: true,
            restyle: true,
            fit_pending: false,
            start_view_pending: true,
            zoom_requests: Vec::new(),
            view_anim: None,
            answer_choice: None,
            minimap_rect: None,
            anchor: None,
            follow_pending: false,
            commands: Vec::new(),
            modal: None,
            chooser,
            markdown: CommonMarkCache::default(),
            title_sent: String::new(),
            closing: false,
            notice: String::new(),
            zoom: 1.0,
            canvas_transform: None,
            editing: false,
            clipboard: None,
            recovery: None,
            preview: false,
            follow_node: None,
            discard_ok: false,
            after_save: None,
            pending_restore: None,
            canvas_origin: None,
            overwrite_ok: false,
            save_faults: format::Faults::default(),
            palette: None,
            search: search::Search::default(),
            outline: outline::Outline::default(),
            focus_answers: false,
        }
    }

    // ----- read access, for panels and tests -----

    pub fn tree(&self) -> &Tree {
        self.doc.tree()
    }

    pub fn walk(&self) -> &Walk {
        &self.walk
    }

    pub fn path(&self) -> Option<&Path> {
        self.doc.path.as_deref()
    }

    pub fn is_dirty(&self) -> bool {
        self.doc.dirty()
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn selected(&self) -> Option<NodeIndex> {
        self.selected
    }

    pub fn is_editing(&self) -> bool {
        self.editing
    }

    pub fn can_undo(&self) -> bool {
        self.doc.history.can_undo()
    }

    /// Whether the command palette is open.
    pub fn is_palette_open(&self) -> bool {
        self.palette.is_some()
    }

    pub fn problems(&self) -> &[Problem] {
        &self.doc.problems
    }

    /// The laid-out graph, once the first frame has drawn it.
    pub fn view(&self) -> Option<&TreeView> {
        self.view.as_ref()
    }

    /// The canvas zoom (1.0 is 100%).
    pub fn zoom(&self) -> f32 {
        self.zoom
    }

    /// The part of the window the tree can be seen in, in screen coordinates.
    pub fn visible_canvas(&self) -> Option<egui::Rect> {
        self.canvas_transform.map(|(rect, _, _)| rect)
    }

    /// Where the minimap was drawn in the last frame, when it is shown.
    pub fn minimap_rect(&self) -> Option<egui::Rect> {
        self.minimap_rect
    }

    /// The answers offered in the popup after a click on a node several of them lead to.
    pub fn offered_answers(&self) -> Vec<crate::model::EdgeIndex> {
        self.answer_choice
            .as_ref()
            .map(canvas::AnswerChoice::edges)
            .unwrap_or_default()
    }

    /// Where a node was drawn on screen in the last frame.
    pub fn node_screen_rect(&self, node: NodeIndex) -> Option<egui::Rect> {
        let r = self.view.as_ref()?.rect_of(node)?;
        self.canvas_to_screen(r)
    }

    /// Every place a node was drawn on screen in the last frame (a shared outcome may
    /// be drawn once per answer).
    pub fn node_screen_rects(&self, node: NodeIndex) -> Vec<egui::Rect> {
        let Some(view) = self.view.as_ref() else {
            return Vec::new();
        };
        view.rects_of(node)
            .into_iter()
            .filter_map(|r| self.canvas_to_screen(r))
            .collect()
    }

    /// Where the node answer `edge` leads to was drawn on screen in the last frame (the
    /// copy that answer reaches, when shared outcomes are repeated).
    pub fn answer_target_screen_rect(&self, edge: crate::model::EdgeIndex) -> Option<egui::Rect> {
        let r = self
            .view
            .as_ref()?
            .answer_target_rect(self.doc.tree(), edge)?;
        self.canvas_to_screen(r)
    }

    fn canvas_to_screen(&self, r: egui::Rect) -> Option<egui::Rect> {
        let (rect, zoom, pan) = self.canvas_transform?;
        let map = |p: egui::Pos2| rect.min + pan + p.to_vec2() * zoom;
        Some(egui::Rect::from_min_max(map(r.min), map(r.max)))
    }

    /// The window title: tree title, file name, and a dot while there are unsaved changes.
    pub fn window_title(&self) -> String {
        let mark = if self.doc.dirty() { " ●" } else { "" };
        format!(
            "{} — {}{mark} — {APP_NAME}",
            self.doc.tree().title,
            self.doc.file_name()
        )
    }

    /// Makes the following saves fail as `faults` says (a full disk, a read-only
    /// folder), for the tests of failing saves.
    #[doc(hidden)]
    pub fn inject_save_faults(&mut self, faults: format::Faults) {
        self.save_faults = faults;
    }

    /// Queues a command, as a menu or shortcut would.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Changes the tree through `edit`, then revalidates and marks it unsaved.
    pub fn edit(&mut self, edit: impl FnOnce(&mut Tree)) {
        self.edit_merging(None, edit);
    }

    /// Like `edit`, but successive edits with the same key (typing in one field) make
    /// one undo step.
    pub fn edit_merging(&mut self, merge: Option<MergeKey>, edit: impl FnOnce(&mut Tree)) {
        let before = self.selected;
        self.doc.history.apply(merge, edit);
        self.doc
            .selections
            .insert(self.doc.history.revision(), (before, before));
        self.after_change();
    }

    fn after_change(&mut self) {
        // Said before this change, it may no longer be true.
        if self.notice == NOTHING_TO_UNDO || self.notice == NOTHING_TO_REDO {
            self.notice.clear();
        }
        self.doc.revalidate();
        self.walk.repair(self.doc.history.tree());
        if self
            .selected
            .is_some_and(|s| self.doc.tree().node(s).is_none())
        {
            self.selected = None;
        }
        self.anchor = self
            .selected
            .or_else(|| self.walk.current(self.doc.history.tree()));
        self.relayout = true;
        self.restyle = true;
        // The offered answers may be gone.
        self.answer_choice = None;
    }

    // ----- commands -----

    fn apply(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            // What they change (a dialog, the walk) must show without waiting for input.
            ctx.request_repaint();
        }
        for command in commands {
            self.run(ctx, command);
        }
    }

    fn run(&mut self, ctx: &egui::Context, command: Command) {
        let walk_before = self.walk.clone();
        let by_key = matches!(command, Command::ChooseNth(_) | Command::ChooseSelected);
        let replaces_tree = matches!(
            command,
            Command::New
                | Command::Open
                | Command::OpenPath(_)
                | Command::OpenBundled
                | Command::OpenForRepair(_)
                | Command::Restore(_)
                | Command::Quit
        );
        let discarded = replaces_tree && std::mem::take(&mut self.discard_ok);
        match command {
            _ if replaces_tree && self.doc.dirty() && !self.closing && !discarded => {
                self.modal = Some(Modal::Unsaved { then: command });
            }
            Command::New => self.replace(starter_tree(), None),
            Command::Open => match self.chooser.pick_open() {
                Chosen::Path(p) => self.open_path(&p),
                Chosen::Cancelled => {}
                Chosen::Unavailable(why) => {
                    self.modal = Some(Modal::PathPrompt {
                        save: false,
                        why,
                        text: String::new(),
                        error: None,
                    })
                }
            },
            Command::OpenPath(p) => self.open_path(&p),
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
                match self.chooser.pick_save(&name) {
                    Chosen::Path(p) => {
                        self.save_to(&p);
                    }
                    Chosen::Cancelled => self.after_save = None,
                    Chosen::Unavailable(why) => {
                        // In full: a bare name gives no clue where it would be saved.
                        let text = files::typed_path_folder(self.doc.path.as_deref())
                            .map_or_else(|| name.clone(), |f| f.join(&name).display().to_string());
                        self.modal = Some(Modal::PathPrompt {
                            save: true,
                            why,
                            text,
                            error: None,
                        })
                    }
                }
            }
            Command::SaveTo(p) => {
                self.save_to(&p);
            }
            Command::Quit => {
                self.closing = true;
                // Quitting means the changes were saved or discarded.
                if let Some(r) = self.recovery.as_mut() {
                    r.clear();
                }
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Command::Fit => self.fit_pending = true,
            Command::ZoomIn => self
                .zoom_requests
                .push(canvas::ZoomTo::By(canvas::ZOOM_STEP)),
            Command::ZoomOut => self
                .zoom_requests
                .push(canvas::ZoomTo::By(1.0 / canvas::ZOOM_STEP)),
            Command::ZoomReset => self.zoom_requests.push(canvas::ZoomTo::Exactly(1.0)),
            Command::ToggleRepeatShared => {
                self.settings.repeat_shared = !self.settings.repeat_shared;
                self.relayout = true;
            }
            Command::ToggleFollow => {
                self.settings.follow_path = !self.settings.follow_path;
                self.follow_pending = self.settings.follow_path;
            }
            Command::SetOrientation(o) => {
                if self.settings.orientation != o {
                    self.settings.orientation = o;
                    self.relayout = true;
                    self.start_view_pending = true;
                }
            }
            Command::SetTheme(t) => {
                self.settings.theme = t;
                ctx.set_theme(t.preference());
            }
            Command::TogglePanel(p) => self.settings.toggle(p),
            Command::ShowShortcuts => self.modal = Some(Modal::Shortcuts),
            Command::OpenPalette => self.palette = Some(palette::Palette::new(self.doc.tree())),
            Command::Find => {
                self.search.open = true;
                self.search.focus = true;
            }
            Command::FindNext | Command::FindPrevious => {
                self.search.open = true;
                self.refresh_search();
                let step = if command == Command::FindNext { 1 } else { -1 };
                if let Some(node) = self.search.step(step) {
                    self.go_to(node);
                }
            }
            Command::GoTo(node) => self.go_to(node),
            Command::SelectToward(toward) => {
                let from = self.selected.or_else(|| self.walk.current(self.doc.tree()));
                // The arrows follow the screen, whichever way the tree grows; with
                // nothing selected, the first press starts from the current question
                // (and selects it, at the edge of the drawing).
                let next = from
                    .and_then(|f| self.view.as_ref()?.neighbour(f, toward.vector()))
                    .or(from.filter(|_| self.selected.is_none()));
                if let Some(n) = next {
                    self.go_to(n);
                }
            }
            Command::ChooseSelected => {
                if let Some(edge) = self.selected_answer() {
                    self.choose(edge);
                }
            }
            Command::DeleteSelected => {
                if self.editing
                    && let Some(node) = self.selected
                {
                    self.run(ctx, Command::AskDelete(node));
                }
            }
            Command::ShowAbout => self.modal = Some(Modal::About),
            Command::ChooseNth(n) => {
                let edge = self.walk.current(self.doc.tree()).and_then(|c| {
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
                self.walk.back();
            }
            Command::Restart => self.walk.restart(),
            Command::Rewind(step) => self.walk.rewind_to(step),
            Command::Select(node) => {
                self.selected = node;
                self.restyle = true;
            }
            Command::OpenForRepair(p) => self.open_for_repair(&p),
            Command::ToggleEdit => {
                self.editing = !self.editing;
                self.answer_choice = None;
                if self.editing && self.selected.is_none() {
                    self.selected = self.walk.current(self.doc.tree());
                }
                self.restyle = true;
            }
            Command::Undo => {
                let concerned = self.doc.concerned();
                if self.doc.history.undo() {
                    self.after_change();
                    if let Some((before, after)) = concerned {
                        self.reselect([before, after]);
                    }
                } else {
                    self.notice = NOTHING_TO_UNDO.to_owned();
                }
            }
            Command::Redo => {
                if self.doc.history.redo() {
                    self.after_change();
                    let concerned = self.doc.concerned();
                    if let Some((before, after)) = concerned {
                        self.reselect([after, before]);
                    }
                } else {
                    self.notice = NOTHING_TO_REDO.to_owned();
                }
            }
            Command::SealUndo => self.doc.history.seal(),
            Command::Edit(edit) => self.edit_merging(edit.merge.clone(), |t| (edit.apply)(t)),
            // The label starts empty: a made-up one read like a node's title, and was
            // too easy to keep.
            Command::AddChild { question, outcome } => {
                self.modal = Some(Modal::AskLabel {
                    purpose: LabelFor::Child { question, outcome },
                    text: String::new(),
                });
            }
            Command::LinkTo { question, target } => {
                self.modal = Some(Modal::AskLabel {
                    purpose: LabelFor::Link { question, target },
                    text: String::new(),
                });
            }
            Command::AskDelete(node) => {
                if self.doc.tree().answers(node).is_empty() {
                    self.run(ctx, Command::Delete(node, DeleteMode::WithSubtree));
                } else {
                    self.modal = Some(Modal::Delete { node });
                }
            }
            Command::Delete(node, mode) => {
                self.edit(|t| t.delete(node, mode));
                self.selected = None;
            }
            Command::Copy => {
                self.copy_selected(ctx);
            }
            Command::Cut => {
                if let Some(node) = self.copy_selected(ctx) {
                    self.edit(|t| t.delete(node, DeleteMode::WithSubtree));
                    self.selected = None;
                }
            }
            Command::Paste => self.paste(),
            Command::Duplicate => {
                if let Some(node) = self.selected {
                    let mut new = None;
                    self.edit(|t| new = t.duplicate(node));
                    self.select_made(new);
                }
            }
            Command::Restore(path) => self.restore(&path),
            Command::DiscardRecovery(path) => {
                let _ = std::fs::remove_file(path);
            }
            Command::ToggleCollapse(node) => {
                self.anchor = Some(node);
                if let Some(id) = self.doc.tree().node(node).map(|n| n.id.clone())
                    && !self.collapsed.remove(&id)
                {
                    self.collapsed.insert(id);
                }
                self.relayout = true;
            }
        }
        if self.walk != walk_before {
            // Answered from the keyboard (a focused answer, a digit, Enter): the next
            // answers take the focus, so the walk goes on without the mouse.
            self.focus_answers = by_key || ctx.memory(|m| m.focused().is_some());
            self.answer_choice = None;
            self.restyle = true;
            self.follow_pending = self.settings.follow_path;
            // The notes panel follows the walk unless the user picked another node.
            self.selected = None;
        }
    }

    /// The current question's answer that leads to the selected node.
    fn selected_answer(&self) -> Option<crate::model::EdgeIndex> {
        let tree = self.doc.tree();
        let selected = self.selected?;
        let current = self.walk.current(tree)?;
        tree.answers(current)
            .iter()
            .find(|a| a.to == selected)
            .map(|a| a.edge)
    }

    /// Selects `node` and brings it into view.
    fn go_to(&mut self, node: NodeIndex) {
        if self.doc.tree().node(node).is_none() {
            return;
        }
        self.selected = Some(node);
        self.follow_node = Some(node);
        self.restyle = true;
    }

    /// Finds the search results again if the query or the tree changed; the graph's
    /// marks follow.
    fn refresh_search(&mut self) {
        if self
            .search
            .refresh(self.doc.tree(), self.doc.history.revision())
        {
            self.restyle = true;
        }
    }

    /// What the commands need to know to say whether they are available.
    pub fn command_state(&self) -> commands::State {
        let tree = self.doc.tree();
        commands::State {
            editing: self.editing,
            can_undo: self.doc.history.can_undo(),
            can_redo: self.doc.history.can_redo(),
            selection: self
                .selected
                .is_some_and(|n| tree.node(n).is_some_and(|x| !x.is_missing())),
            clipboard: self.clipboard.is_some(),
            steps: self.walk.steps().len(),
            answers: self.walk.current(tree).map_or(0, |c| tree.answers(c).len()),
            selection_is_option: self.selected_answer().is_some(),
            search_hits: self.search.hits.len(),
            follow_path: self.settings.follow_path,
            repeat_shared: self.settings.repeat_shared,
            orientation: self.settings.orientation,
            theme: self.settings.theme,
            panels: Panels::ALL.map(|p| (p, self.settings.panel(p))).to_vec(),
        }
    }

    fn choose(&mut self, edge: crate::model::EdgeIndex) {
        if let Err(e) = self.walk.choose(self.doc.tree(), edge) {
            self.notice = e.to_string();
        }
    }

    /// Puts the selected node's subtree on the clipboard (and its JSON on the system
    /// clipboard, for pasting into a text editor). Returns the node copied.
    fn copy_selected(&mut self, ctx: &egui::Context) -> Option<NodeIndex> {
        let node = self
            .selected
            .filter(|&n| self.doc.tree().node(n).is_some_and(|x| !x.is_missing()))?;
        let fragment = self.doc.tree().fragment(node);
        let count = fragment.nodes.len();
        // The system clipboard gets the subtree as a tree file; besides being pasteable
        // into an editor, it is what makes Ctrl+V reach the app on every platform.
        ctx.copy_text(format::to_json(&fragment.to_tree("Copied subtree")));
        self.clipboard = Some(fragment);
        self.notice = format!("Copied {count} node{}", if count == 1 { "" } else { "s" });
        Some(node)
    }

    /// Pastes the clipboard: as a new answer of the selected question (its label asked
    /// for), or as a loose part when no question is selected.
    fn paste(&mut self) {
        if self.clipboard.is_none() {
            self.notice = "Nothing to paste: copy a node first".to_owned();
            return;
        }
        match self
            .selected
            .filter(|&n| self.doc.tree().node(n).is_some_and(|x| x.is_question()))
        {
            Some(question) => {
                self.modal = Some(Modal::AskLabel {
                    purpose: LabelFor::Paste { question },
                    text: String::new(),
                });
            }
            None => self.finish_label(
                LabelFor::Paste {
                    question: NodeIndex::end(),
                },
                "",
            ),
        }
    }

    /// Carries out an add, link or paste once its answer label is known.
    fn finish_label(&mut self, purpose: LabelFor, label: &str) {
        let mut created = None;
        match purpose {
            LabelFor::Child { question, outcome } => {
                self.edit(|t| created = Some(t.add_child(question, outcome, label)))
            }
            LabelFor::Link { question, target } => self.edit(|t| {
                t.add_answer(question, target, label);
            }),
            LabelFor::Paste { question } => {
                let Some(fragment) = self.clipboard.clone() else {
                    return;
                };
                let parent = (question != NodeIndex::end()).then_some((question, label));
                self.edit(|t| created = t.paste(&fragment, parent));
            }
        }
        self.select_made(created);
    }

    /// Why an answer label cannot be used yet, or `None` when it can: it is empty, or
    /// the question already has an answer with that label (the tree would not be valid).
    fn label_refusal(&self, purpose: LabelFor, text: &str) -> Option<String> {
        let label = text.trim();
        if label.is_empty() {
            return Some("Type the answer to add it.".to_owned());
        }
        let (LabelFor::Child { question, .. }
        | LabelFor::Link { question, .. }
        | LabelFor::Paste { question }) = purpose;
        let label = label.to_lowercase();
        self.doc
            .tree()
            .answers(question)
            .iter()
            .find(|a| a.answer.label.trim().to_lowercase() == label)
            .map(|a| {
                format!(
                    "This question already has the answer \"{}\".",
                    a.answer.label
                )
            })
    }

    /// Selects the node an edit just made (when it made one) and brings it into view:
    /// a new node may land outside the view. Redo selects it again.
    fn select_made(&mut self, node: Option<NodeIndex>) {
        if node.is_some() {
            self.selected = node;
            self.follow_node = node;
        }
        if let Some(s) = self.doc.selections.get_mut(&self.doc.history.revision()) {
            s.1 = self.selected;
        }
    }

    /// After an undo or redo: selects the first of `nodes` still in the tree, and shows it.
    fn reselect(&mut self, nodes: [Option<NodeIndex>; 2]) {
        let Some(node) = nodes
            .into_iter()
            .flatten()
            .find(|&n| self.doc.tree().node(n).is_some())
        else {
            return;
        };
        self.selected = Some(node);
        self.anchor = Some(node);
        self.follow_node = Some(node);
        self.restyle = true;
    }

    /// Opens a file that has validation errors, so they can be fixed in the editor.
    fn open_for_repair(&mut self, path: &Path) {
        match format::load_path_lenient(path) {
            Ok(loaded) => {
                self.settings.remember(path);
                self.replace(loaded.tree, Some(path.to_owned()));
                self.doc.stamp = format::file_stamp(path);
                self.editing = true;
                self.notice = format!(
                    "Opened {} for repair: see the problems below",
                    path.display()
                );
            }
            Err(e) => {
                self.modal = Some(Modal::Error {
                    title: format!("Could not open {}", path.display()),
                    message: e.to_string(),
                    repair: None,
                });
            }
        }
    }

    /// Brings back work from a recovery copy. It stays unsaved until the user saves.
    fn restore(&mut self, path: &Path) {
        match recovery::read(path) {
            Ok((original, tree)) => {
                self.replace(tree, original);
                self.doc.saved = u64::MAX;
                if let Some(r) = self.recovery.as_mut() {
                    r.adopt(path);
                }
                self.notice = "Restored unsaved work: save it to keep it".to_owned();
            }
            Err(e) => {
                self.modal = Some(Modal::Error {
                    title: "Could not restore".to_owned(),
                    message: e,
                    repair: None,
                });
            }
        }
    }

    /// Writes or removes this app's recovery copy, and wakes the app when one is due.
    fn autosave(&mut self, ctx: &egui::Context) {
        if self.closing {
            return;
        }
        let Some(recovery) = self.recovery.as_mut() else {
            return;
        };
        let due = recovery.tick(
            self.doc.tree(),
            self.doc.path.as_deref(),
            self.doc.history.revision(),
            self.doc.dirty(),
        );
        if let Some(wait) = due {
            ctx.request_repaint_after(wait);
        }
    }

    /// Loads a file; on failure the open tree stays as it was and the error is shown.
    /// A tree with validation errors (one this app saved mid-edit, say) opens straight
    /// into the editor with its problems listed, rather than behind an error.
    fn open_path(&mut self, path: &Path) {
        match format::load_path_lenient(path) {
            Ok(loaded) => {
                self.settings.remember(path);
                let errors = loaded
                    .problems
                    .iter()
                    .filter(|p| p.problem.severity == Severity::Error)
                    .count();
                let warnings = loaded.problems.len() - errors;
                self.replace(loaded.tree, Some(path.to_owned()));
                self.doc.stamp = format::file_stamp(path);
                if errors > 0 {
                    self.editing = true;
                    self.selected = self.walk.current(self.doc.tree());
                    self.notice = format!(
                        "Opened {} with {errors} error{}: fix {} in the editor (listed below)",
                        path.display(),
                        plural(errors),
                        if errors == 1 { "it" } else { "them" }
                    );
                } else {
                    self.notice = format!(
                        "Opened {}{}",
                        path.display(),
                        if warnings > 0 {
                            format!(" ({warnings} warning{})", plural(warnings))
                        } else {
                            String::new()
                        }
                    );
                }
            }
            Err(e) => {
                if matches!(e, LoadError::Io { .. } | LoadError::NotAFile { .. }) {
                    self.settings.forget(path);
                }
                let repairable = matches!(e, LoadError::Invalid { .. }).then(|| path.to_owned());
                self.modal = Some(Modal::Error {
                    title: format!("Could not open {}", path.display()),
                    message: format!("{e}\n\nThe tree that was open is unchanged."),
                    repair: repairable,
                });
            }
        }
    }

    fn replace(&mut self, tree: Tree, path: Option<PathBuf>) {
        if matches!(
            self.modal,
            Some(Modal::AskLabel { .. } | Modal::Delete { .. })
        ) {
            self.modal = None;
        }
        self.doc = Document::new(tree, path);
        self.walk = Walk::new();
        self.selected = None;
        self.collapsed.clear();
        self.relayout = true;
        self.restyle = true;
        self.start_view_pending = true;
        self.fit_pending = false;
        self.view_anim = None;
        self.answer_choice = None;
        self.anchor = None;
        self.notice.clear();
    }

    /// Saves atomically; on failure the old file is intact and the error is shown. A
    /// file that changed on disk since it was opened or saved here is not overwritten
    /// without asking.
    fn save_to(&mut self, path: &Path) -> bool {
        let overwrite = std::mem::take(&mut self.overwrite_ok);
        if !overwrite
            && self.doc.path.as_deref() == Some(path)
            && self
                .doc
                .stamp
                .as_ref()
                .is_some_and(|stamp| format::changed_since(path, stamp))
        {
            self.modal = Some(Modal::ChangedOnDisk {
                path: path.to_owned(),
            });
            return false;
        }
        let text = format::to_json(self.doc.tree());
        match format::write_atomic_with(path, text.as_bytes(), true, &self.save_faults) {
            Ok(()) => {
                self.doc.path = Some(path.to_owned());
                self.doc.stamp = format::file_stamp(path);
                self.doc.mark_saved();
                self.doc.history.seal();
                if let Some(next) = self.after_save.take() {
                    self.commands.push(next);
                }
                if let Some(r) = self.recovery.as_mut() {
                    r.clear();
                }
                self.settings.remember(path);
                self.notice = format!("Saved {}", path.display());
                self.warn_if_invalid(path);
                true
            }
            Err(e) => {
                self.modal = Some(Modal::Error {
                    title: "Could not save".to_owned(),
                    message: format!("{e}\n\nNothing was overwritten; your tree is still open."),
                    repair: None,
                });
                false
            }
        }
    }

    /// After a save: a tree with errors was written as it is (the work is kept), but
    /// the user is told what that file now is.
    fn warn_if_invalid(&mut self, path: &Path) {
        let errors: Vec<&Problem> = self
            .doc
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        if errors.is_empty() {
            return;
        }
        const LISTED: usize = 10;
        let mut message = format!(
            "{} was saved, but the tree has {} error{}. Until {} fixed, `tradeoff validate` \
             and `tradeoff walk` refuse the file, and Tradeoff opens it in the editor with \
             the problems listed.\n",
            path.display(),
            errors.len(),
            plural(errors.len()),
            if errors.len() == 1 {
                "it is"
            } else {
                "they are"
            }
        );
        for p in errors.iter().take(LISTED) {
            message.push_str(&format!("\n  ✖ {}: {}", p.location(), p.message()));
        }
        if errors.len() > LISTED {
            message.push_str(&format!("\n  … and {} more", errors.len() - LISTED));
        }
        self.notice = format!(
            "Saved {} with {} error{}",
            path.display(),
            errors.len(),
            plural(errors.len())
        );
        self.modal = Some(Modal::Error {
            title: format!("Saved, with {} error{}", errors.len(), plural(errors.len())),
            message,
            repair: None,
        });
    }

    /// Reads keyboard shortcuts into commands, most specific first. While a text field
    /// has focus, bare keys (digits, Backspace, Home, F, Delete, F3) and the field's own
    /// undo belong to it; while any widget has focus, so do the arrows (egui moves the
    /// focus with them) and Enter (it presses the focused button). While a dialog or the
    /// palette is open only Quit counts.
    fn shortcuts(&mut self, ctx: &egui::Context) {
        let typing = ctx.text_edit_focused();
        let focused = ctx.memory(|m| m.focused().is_some());
        let blocked = self.modal.is_some() || self.palette.is_some();
        let state = self.command_state();
        for (shortcut, command) in commands::by_specificity() {
            if blocked && command != Command::Quit {
                continue;
            }
            let field_owns =
                command.is_bare_key() || matches!(command, Command::Undo | Command::Redo);
            let focus_owns = matches!(command, Command::SelectToward(_) | Command::ChooseSelected);
            if (typing && field_owns) || (focused && focus_owns) || !command.available(&state) {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.commands.push(command);
            }
        }
        if typing || blocked || !self.editing {
            return;
        }
        // Copy, cut and paste arrive as events (the platform's keys, or a menu).
        let (copy, cut, paste) = ctx.input_mut(|i| {
            let (mut copy, mut cut, mut paste) = (false, false, false);
            i.events.retain(|e| {
                let flag = match e {
                    egui::Event::Copy => &mut copy,
                    egui::Event::Cut => &mut cut,
                    egui::Event::Paste(_) => &mut paste,
                    _ => return true,
                };
                *flag = true;
                false
            });
            (copy, cut, paste)
        });
        for (flag, command) in [
            (copy, Command::Copy),
            (cut, Command::Cut),
            (paste, Command::Paste),
        ] {
            if flag {
                self.commands.push(command);
            }
        }
    }

    /// With nothing focused, Tab goes to the current question's first answer rather than
    /// the menu bar: the walk is what the window is for.
    fn tab_starts_at_the_answers(&mut self, ctx: &egui::Context) {
        if self.modal.is_some() || self.palette.is_some() || !self.settings.show_walk {
            return;
        }
        let tree = self.doc.tree();
        let has_answers = self
            .walk
            .current(tree)
            .is_some_and(|c| !tree.answers(c).is_empty());
        if has_answers
            && ctx.memory(|m| m.focused().is_none())
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Tab))
        {
            self.focus_answers = true;
        }
    }

    /// Search and the outline, left of the canvas.
    fn side_panels(&mut self, ui: &mut egui::Ui) {
        if self.search.open {
            self.refresh_search();
            let asked = search::panel(ui, &mut self.search, self.doc.tree());
            self.commands.extend(asked);
            if !self.search.open {
                // Closed: the marks go.
                self.restyle = true;
            }
        }
        if self.settings.show_outline {
            let asked = outline::panel(
                ui,
                &mut self.outline,
                self.doc.tree(),
                self.doc.history.revision(),
                &self.walk,
                self.selected,
            );
            self.commands.extend(asked);
        }
    }

    /// The command palette, while it is open.
    fn palette(&mut self, ctx: &egui::Context) {
        let state = self.command_state();
        let Some(p) = self.palette.as_mut() else {
            return;
        };
        match palette::show(ctx, p, &state) {
            palette::Outcome::Open => {}
            palette::Outcome::Close => self.palette = None,
            palette::Outcome::Run(entry) => {
                self.palette = None;
                self.commands.push(match entry {
                    palette::Entry::Command(c) => c,
                    palette::Entry::Node(n) => Command::GoTo(n),
                });
            }
        }
    }

    fn dropped_files(&mut self, ctx: &egui::Context) {
        // A dialog may hold indices into the open tree; it is answered first.
        if self.modal.is_some() {
            return;
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.commands.push(Command::OpenPath(path));
        }
    }

    fn close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && self.doc.dirty() && !self.closing {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.modal = Some(Modal::Unsaved {
                then: Command::Quit,
            });
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.window_title();
        if title != self.title_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }
}

/// Only http and https links leave the app; anything else a tree's Markdown links to
/// (file:, javascript:, custom schemes) is dropped.
fn filter_links(ctx: &egui::Context) {
    ctx.output_mut(|o| {
        o.commands.retain(|c| match c {
            egui::OutputCommand::OpenUrl(open) => crate::model::is_web_link(&open.url),
            _ => true,
        });
    });
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.tab_starts_at_the_answers(&ctx);
        self.dropped_files(&ctx);
        self.shortcuts(&ctx);
        self.close_request(&ctx);
        self.menu_bar(ui);
        if self.settings.show_status {
            self.status_bar(ui);
        }
        if self.editing || !self.doc.problems.is_empty() {
            self.problems_panel(ui);
        }
        if self.settings.show_compare && !self.editing {
            self.compare_panel(ui);
        }
        if self.settings.show_walk {
            self.walk_panel(ui);
        }
        self.side_panels(ui);
        if self.editing {
            self.editor_panel(ui);
        } else if self.settings.show_notes {
            self.notes_panel(ui);
        }
        self.canvas(ui);
        if self.modal.is_none()
            && let Some(found) = self.pending_restore.take()
        {
            self.modal = Some(Modal::Restore { found });
        }
        self.modals(&ctx);
        self.palette(&ctx);
        self.apply(&ctx);
        if self.restyle || self.relayout {
            // What the commands changed is drawn on the next frame.
            ctx.request_repaint();
        }
        self.update_title(&ctx);
        self.autosave(&ctx);
        filter_links(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.persist {
            eframe::set_value(storage, Settings::KEY, &self.settings);
        }
    }
}

/// The bundled AWS containers tree. It is checked by the test suite, so a failure here
/// is a build defect; an empty tree keeps the app usable if it ever happens.
pub fn bundled_tree() -> Tree {
    format::load_str(format::BUNDLED_TREE)
        .map(|l| l.tree)
        .unwrap_or_else(|_| starter_tree())
}

fn bundled_origin() -> String {
    format!("{} (bundled)", format::BUNDLED_NAME)
}

/// A new tree: a start question with two outcomes, ready to edit.
pub fn starter_tree() -> Tree {
    use crate::model::Node;
    let mut tree = Tree::new("Untitled decision");
    let q = tree.add_node(Node::question(
        "start",
        "What is the first thing to decide?",
    ));
    let a = tree.add_node(Node::outcome("option-a", "Option A"));
    let b = tree.add_node(Node::outcome("option-b", "Option B"));
    tree.add_answer(q, a, "This way");
    tree.add_answer(q, b, "That way");
    tree
}

/// Status-bar notices about the undo history, cleared once the history changes.
const NOTHING_TO_UNDO: &str = "Nothing to undo";
const NOTHING_TO_REDO: &str = "Nothing to redo";

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn slug(title: &str) -> String {
    let s: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let s = s
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if s.is_empty() { "tree".to_owned() } else { s }
}

/// The app icon, decoded from `assets/icon.png`.
pub fn icon() -> Option<egui::IconData> {
    let image = image::load_from_memory(include_bytes!("../../assets/icon.png"))
        .ok()?
        .into_rgba8();
    let (width, height) = image.dimensions();
    Some(egui::IconData {
        rgba: image.into_raw(),
        width,
        height,
    })
}

/// Opens the window. Returns the process exit code.
pub fn run(file: Option<PathBuf>) -> ExitCode {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(APP_NAME)
        .with_app_id("tradeoff")
        .with_inner_size([1400.0, 880.0])
        .with_min_inner_size([720.0, 480.0])
        .with_drag_and_drop(true);
    if let Some(icon) = icon() {
        viewport = viewport.with_icon(icon);
    }
    let native = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    let result = eframe::run_native(
        APP_NAME,
        native,
        Box::new(move |cc| {
            Ok(Box::new(App::new(
                cc,
                Options {
                    file,
                    ..Options::default()
                },
            )))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tradeoff: cannot open the window: {e}");
            eprintln!("(the command line still works: tradeoff --help)");
            ExitCode::from(crate::cli::EXIT_UNREADABLE)
        }
    }
}
