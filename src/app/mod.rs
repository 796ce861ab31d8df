//! The eframe app: window, panels, commands, files. Panels only record what the user
//! asked for as `Command`s; `apply` carries them out once per frame, after the panels.

mod access;
mod advice;
mod canvas;
mod clipboard;
pub mod commands;
mod compare;
mod dialogs;
mod document;
mod editor;
mod exchange;
pub mod files;
mod io;
mod keys;
pub mod look;
mod markdown;
mod menu;
mod outline;
mod palette;
mod panels;
pub mod recovery;
mod route;
mod run;
mod search;
pub mod settings;
mod start;
mod walk_panel;
mod walks;
mod weigh;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use egui_commonmark::CommonMarkCache;

use crate::format::{self, LoadError};
use crate::model::{
    DeleteMode, Fragment, MergeKey, NodeIndex, NodeKey, Problem, Severity, Touched, Tree, Walk,
};
use crate::view::TreeView;
use dialogs::{LabelFor, Modal, PathFor};
use document::Document;
use recovery::Recovery;

pub use commands::Command;
pub use files::{Chosen, FileChooser, NativeChooser, ScriptedChooser};
pub use settings::{Panels, Settings, Theme};
use start::bundled_origin;
pub use start::{bundled_tree, icon, run, starter_tree};

/// The app's name, as the window and the data folder know it.
pub const APP_NAME: &str = "Tradeoff";

/// How the app starts.
pub struct Options {
    /// A file to open instead of the bundled tree.
    pub file: Option<PathBuf>,
    /// A saved walk to continue once the tree is open.
    pub walk: Option<PathBuf>,
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
            walk: None,
            chooser: Box::new(NativeChooser::default()),
            persist: true,
            data_dir: std::env::var_os("TRADEOFF_DATA_DIR")
                .map(PathBuf::from)
                .or_else(|| eframe::storage_dir(APP_NAME)),
        }
    }
}

/// The Tradeoff app: the open document and the parts that keep state between frames,
/// each borrowed on its own.
pub struct App {
    settings: Settings,
    persist: bool,
    doc: Document,
    commands: Vec<Command>,
    chooser: Box<dyn FileChooser>,
    markdown: CommonMarkCache,
    /// The window title last sent, so it is only sent when it changes.
    title_sent: String,
    /// The last message shown in the status bar.
    notice: String,
    recovery: Option<Recovery>,
    /// Faults injected into saves, for the tests of failing saves; none otherwise.
    save_faults: format::Faults,
    /// Where the user is in the tree: the walk, the selection, search and the outline.
    session: Session,
    /// What the canvas keeps between frames.
    stage: Stage,
    /// The dialog that holds the window, and what is to follow it.
    dialogs: Dialogs,
    /// The day every document measures its sources' ages to, when a test sets one.
    today_override: Option<jiff::civil::Date>,
}

/// The user's place in the tree and the tools for finding their way in it.
struct Session {
    walk: Walk,

    /// The selected node (see `App::selection`).
    selected: Option<NodeKey>,
    /// Collapsed nodes, by id: indices are reused after a delete, ids are not.
    collapsed: HashSet<String>,
    /// Edit mode: the editor replaces the notes panel and clicks only select.
    editing: bool,
    /// The last copied or cut subtree.
    clipboard: Option<Fragment>,
    /// Show the notes of the Markdown editor rendered instead of as source.
    preview: bool,
    /// Give the keyboard focus to the current question's first answer on the next
    /// frame: Tab with nothing focused starts there, and after an answer chosen from
    /// the keyboard the next question's answers are next.
    focus_answers: bool,
    search: search::Search,
    outline: outline::Outline,
    palette: Option<palette::Palette>,
    /// The ways to an outcome ("How do I get there?"), while they are shown.
    route: Option<route::Ways>,
    /// The widget with the keyboard focus and the one being dragged, last frame.
    input_owner: (Option<egui::Id>, Option<egui::Id>),
    /// The current question's answers in order, for the revision and node they are for.
    answers: Option<(u64, NodeIndex, Vec<crate::model::EdgeIndex>)>,
    /// The file the tree is being compared with, and what differs.
    comparison: Option<compare::Comparison>,
    /// Every earlier walk, for Previous walk and Next walk.
    walk_history: crate::model::WalkHistory,
    /// The walk as it was before a click on an earlier answer in the trail, and the
    /// step clicked: answering that step again keeps what still applies of the rest.
    rewound: Option<(usize, Walk)>,
    /// The last answer given revised an earlier one (see `rewound`).
    revised: bool,
    /// The answers that revision dropped, as "question — answer", shown in the trail
    /// until the walk changes again.
    dropped: Vec<String>,
    /// The user's weights, the outcomes ranked on them and what ruled out the rest.
    weighing: weigh::Weighing,
    /// Saved walks shown in Compare beside the walk on screen.
    saved_walks: Vec<walks::SavedWalk>,
}

impl Session {
    /// Brings the walk-derived lists up to date with the tree and the walk: worked out
    /// once per change, not on every frame (a question may have 100,000 answers).
    fn refresh(&mut self, tree: &Tree, revision: u64) {
        let current = self.walk.current(tree);
        let answers_fresh = self
            .answers
            .as_ref()
            .is_some_and(|(r, n, _)| *r == revision && Some(*n) == current);
        if !answers_fresh {
            self.answers = current.map(|c| {
                let edges = tree.answers(c).iter().map(|a| a.edge).collect();
                (revision, c, edges)
            });
        }
        self.weighing.refresh(tree, revision, &self.walk);
    }
}

/// The laid-out graph and its transform, and what to redraw or move on the next frame.
struct Stage {
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
    /// A PNG export waiting for the window's screenshot, and whether it was asked for.
    pending_png: Option<exchange::PendingPng>,
    screenshot_asked: bool,
    /// Whether the theme on screen is dark, for pictures exported as they look.
    dark: bool,
    /// Bring this node into view on the next frame (a problem was clicked).
    follow_node: Option<NodeIndex>,
    zoom: f32,
    /// The canvas rectangle, zoom and pan of the last frame, to map nodes to the screen.
    canvas_transform: Option<(egui::Rect, f32, egui::Vec2)>,
    /// Nodes whose text (or answers' labels) changed since the last frame: their text is
    /// redrawn in place, or the tree laid out again when it outgrew its box.
    retext: Vec<NodeIndex>,
    /// The node last typed into that outgrew its box, laid out with room to grow.
    room_for: Option<NodeIndex>,
}

#[derive(Default)]
/// The dialog state machine: what holds the window, and what may run once it is answered.
struct Dialogs {
    modal: Option<Modal>,
    /// The user chose Discard: the next command that replaces the tree may go ahead.
    discard_ok: bool,
    /// Runs once a Save As started from the unsaved-changes prompt succeeds.
    after_save: Option<Command>,
    /// Recovered work waiting for the dialog in front of it to close.
    pending_restore: Option<recovery::Found>,
    /// Set once the user agreed to close with unsaved changes.
    closing: bool,
    /// The user chose to overwrite a file changed on disk: the next save may go ahead.
    overwrite_ok: bool,
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
        look::apply(&cc.egui_ctx);
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
        app.open_walk_at_start(options.walk);
        // Shown once any dialog from opening the command-line file is closed.
        app.dialogs.pending_restore = app
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
        let saved = settings.weights.get(&tree.title).map(weigh::from_saved);
        Self {
            settings,
            persist: true,
            doc: Document::new(tree, path),
            commands: Vec::new(),
            chooser,
            markdown: CommonMarkCache::default(),
            title_sent: String::new(),
            notice: String::new(),
            recovery: None,
            save_faults: format::Faults::default(),
            today_override: None,
            session: Session {
                walk: Walk::new(),
                selected: None,
                collapsed: HashSet::new(),
                editing: false,
                clipboard: None,
                preview: false,
                focus_answers: false,
                input_owner: (None, None),
                answers: None,
                comparison: None,
                walk_history: crate::model::WalkHistory::new(),
                rewound: None,
                revised: false,
                dropped: Vec::new(),
                weighing: weigh::Weighing::new(saved),
                saved_walks: Vec::new(),
                search: search::Search::default(),
                outline: outline::Outline::default(),
                palette: None,
                route: None,
            },
            stage: Stage {
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
                pending_png: None,
                screenshot_asked: false,
                dark: false,
                follow_node: None,
                zoom: 1.0,
                canvas_transform: None,
                retext: Vec::new(),
                room_for: None,
            },
            dialogs: Dialogs::default(),
        }
    }

    /// Queues a command, as a menu or shortcut would.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// The selected node, if it is still there: the selection is kept as a key, so a node
    /// deleted and its index given to a new one does not become selected by chance.
    fn selection(&self) -> Option<NodeIndex> {
        self.session
            .selected
            .and_then(|k| self.doc.tree().resolve(k))
    }

    fn set_selection(&mut self, node: Option<NodeIndex>) {
        self.session.selected = node.and_then(|n| self.doc.tree().key(n));
    }

    /// Changes the tree through `edit`, then revalidates and marks it unsaved. Its undo
    /// step is called "edit"; `edit_op` makes steps named by what they do.
    pub fn edit(&mut self, edit: impl FnOnce(&mut Tree)) {
        self.change(crate::model::History::UNNAMED, None, edit);
    }

    /// Like `edit`, with what the change does in words, for Undo and Redo to say.
    fn edit_named(&mut self, description: &str, edit: impl FnOnce(&mut Tree)) {
        self.change(description, None, edit);
    }

    /// Applies a named operation as one undo step described by it ("rename answer"), or
    /// merged into the previous step when both carry the same key (typing in one field).
    /// A refused operation (an id another node has) changes nothing.
    pub fn edit_op(&mut self, edit: &commands::TreeEdit) {
        // Through `perform`, so the step keeps what takes the operation back rather than
        // a copy of the tree; otherwise as `change`.
        let before = self.selection();
        let _ = self.doc.history.perform(&edit.op, edit.merge.clone());
        self.doc
            .selections
            .insert(self.doc.history.revision(), (before, before));
        self.after_change();
    }

    fn change(&mut self, description: &str, merge: Option<MergeKey>, edit: impl FnOnce(&mut Tree)) {
        let before = self.selection();
        self.doc.history.apply_described(description, merge, edit);
        self.doc
            .selections
            .insert(self.doc.history.revision(), (before, before));
        self.after_change();
    }

    /// What Undo would take back, in words ("rename answer"), when there is something.
    pub fn undo_description(&self) -> Option<&str> {
        self.doc.history.undo_description()
    }

    /// What Redo would make again, in words, when there is something.
    pub fn redo_description(&self) -> Option<&str> {
        self.doc.history.redo_description()
    }

    fn after_change(&mut self) {
        // Said before this change, it may no longer be true.
        if self.notice == NOTHING_TO_UNDO || self.notice == NOTHING_TO_REDO {
            self.notice.clear();
        }
        let touched = self.doc.revalidate();
        self.session.walk.repair(self.doc.history.tree());
        if self.selection().is_none() {
            // Deleted (or undone away): nothing is selected rather than a stale key.
            self.session.selected = None;
        }
        self.stage.anchor = self
            .selection()
            .or_else(|| self.session.walk.current(self.doc.history.tree()));
        match touched {
            // One node's text (or id, or its answers' labels): drawn in place while it
            // fits its box, so typing does not lay out the whole tree again.
            Touched::Node(node) | Touched::Id { node, .. } => self.stage.retext.push(node),
            Touched::Nothing => {}
            Touched::Tree | Touched::Anything => self.stage.relayout = true,
        }
        self.stage.restyle = true;
        // The offered answers may be gone.
        self.stage.answer_choice = None;
    }

    // ----- commands -----

    /// Typing in one field (or dragging one slider) merges into one undo step; once the
    /// focus or the drag moves on, the step is closed, so coming back to the field makes
    /// a new one. Watching the input here keeps that plumbing out of the commands.
    fn end_typing(&mut self, ctx: &egui::Context) {
        let owner = (ctx.memory(|m| m.focused()), ctx.dragged_id());
        if owner != self.session.input_owner {
            self.doc.history.seal();
            self.session.input_owner = owner;
        }
    }

    /// Search and the outline, left of the canvas.
    fn side_panels(&mut self, ui: &mut egui::Ui) {
        if self.session.search.open {
            self.refresh_search();
            let asked = search::panel(ui, &mut self.session.search, self.doc.tree());
            self.commands.extend(asked);
            if !self.session.search.open {
                // Closed: the marks go.
                self.stage.restyle = true;
            }
        }
        if self.settings.show_outline {
            let selected = self.selection();
            let asked = outline::panel(
                ui,
                &mut self.session.outline,
                self.doc.tree(),
                self.doc.history.revision(),
                &self.session.walk,
                selected,
            );
            self.commands.extend(asked);
        }
    }

    /// The command palette, while it is open.
    fn palette(&mut self, ctx: &egui::Context, state: &commands::State) {
        let Some(p) = self.session.palette.as_mut() else {
            return;
        };
        match palette::show(ctx, p, state) {
            palette::Outcome::Open => {}
            palette::Outcome::Close => self.session.palette = None,
            palette::Outcome::Run(entry) => {
                self.session.palette = None;
                self.commands.push(match entry {
                    palette::Entry::Command(c) => c,
                    palette::Entry::Node(n) => Command::GoTo(n),
                    palette::Entry::Ways(n) => Command::ShowWays(n),
                });
            }
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
        self.session
            .refresh(self.doc.history.tree(), self.doc.history.revision());
        // Ages are measured to today: an app left open past midnight moves on with it.
        if self.today_override.is_none() {
            let today = crate::model::freshness::today();
            if today != self.doc.today {
                self.doc.set_today(today);
            }
        }
        self.tab_starts_at_the_answers(&ctx);
        self.dropped_files(&ctx);
        // Worked out once a frame: the keys, the menus and the palette all ask.
        let state = self.command_state();
        self.shortcuts(&ctx, &state);
        self.close_request(&ctx);
        menu::menu_bar(ui, &state, &self.settings, &mut self.commands);
        if self.settings.show_status {
            let zoom = self.stage.zoom;
            menu::status_bar(ui, &self.doc, zoom, &self.notice, &mut self.commands);
        }
        if self.session.editing || !self.doc.problems.is_empty() {
            editor::problems_panel(ui, &self.doc, &mut self.commands);
        }
        if self.settings.show_compare && !self.session.editing {
            let (tree, session) = (self.doc.tree(), &self.session);
            let walks = (&session.walk, session.saved_walks.as_slice());
            weigh::panel(ui, tree, walks, &session.weighing, &mut self.commands);
        }
        if self.settings.show_walk {
            self.walk_panel(ui);
        }
        self.side_panels(ui);
        self.comparison_panel(ui);
        let selection = self.selection();
        let (markdown, out) = (&mut self.markdown, &mut self.commands);
        if self.session.editing {
            let preview = &mut self.session.preview;
            editor::editor_panel(ui, &self.doc, selection, markdown, preview, out);
        } else if self.settings.show_notes && self.session.route.is_none() {
            // The ways to an outcome take the notes' place while open, so the graph
            // they are marked in keeps its width.
            panels::notes_panel(ui, &self.doc, &self.session, selection, markdown, out);
        }
        self.ways_panel(ui);
        self.canvas(ui);
        self.stage.dark = ui.visuals().dark_mode;
        self.screenshot_for_png(&ctx);
        if self.dialogs.modal.is_none()
            && let Some(found) = self.dialogs.pending_restore.take()
        {
            self.dialogs.modal = Some(Modal::Restore { found });
        }
        self.modals(&ctx);
        self.palette(&ctx, &state);
        self.apply(&ctx);
        if self.stage.restyle || self.stage.relayout {
            // What the commands changed is drawn on the next frame.
            ctx.request_repaint();
        }
        self.end_typing(&ctx);
        look::focus_ring(&ctx);
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
