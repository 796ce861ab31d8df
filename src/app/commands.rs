//! Everything a user can ask the app to do, as one enum, and what is known about each:
//! its name, a tooltip, its menu, its shortcuts and when it is available. The menu bar,
//! the keyboard, the shortcut list in Help and the command palette are all made from
//! [`Command::catalog`]; panels push commands, and the app applies them once per frame
//! after the panels have run.
//!
//! A new command goes here: a variant, its entry in `catalog` (if a user can give it
//! without pointing at something), `text`, `tooltip`, `menu`, `shortcuts` and
//! `available`; then what it does in `App::run` (src/app/run.rs).

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::format::export::ExportFormat;
use crate::layout::Orientation;
use crate::model::{DeleteMode, EdgeIndex, MergeKey, NodeIndex, Op};

use super::settings::{Panels, Theme};

/// One thing the user asked for.
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub enum Command {
    New,
    Open,
    OpenPath(PathBuf),
    /// Compare the open tree with another file: the advice that changed, marked.
    CompareWithFile,
    CompareWithPath(PathBuf),
    /// Remove the comparison's marks and panel.
    StopComparing,
    /// Save the walk and the weights to a file of their own, to open again or compare.
    SaveWalk,
    /// Open a saved walk and continue it.
    OpenWalk,
    OpenWalkPath(PathBuf),
    /// Add a saved walk to Compare, beside the others.
    CompareWalk,
    CompareWalkPath(PathBuf),
    /// Take every saved walk out of Compare.
    ClearSavedWalks,
    /// Write the tree and the walk as a decision record, Mermaid, DOT, SVG or PNG.
    Export(crate::format::export::ExportFormat),
    ExportTo(crate::format::export::ExportFormat, PathBuf),
    /// Read a Mermaid flowchart or a DOT digraph as a new tree.
    Import,
    /// The walk's decision record, as Markdown, on the clipboard.
    CopyRecord,
    OpenBundled,
    Save,
    SaveAs,
    SaveTo(PathBuf),
    Quit,
    Fit,
    /// One zoom step (about 10%) in or out, around the middle of the canvas.
    ZoomIn,
    ZoomOut,
    /// Back to 100%.
    ZoomReset,
    ToggleFollow,
    /// Draw a shared outcome once per answer that reaches it.
    ToggleRepeatShared,
    SetOrientation(Orientation),
    SetTheme(Theme),
    TogglePanel(Panels),
    ShowShortcuts,
    ShowAbout,
    /// Every source that is stale, unverified or has a bad date, with where it is used.
    ReviewSources,
    /// The command palette: every command, and every node by name.
    OpenPalette,
    /// Search the tree's text (prompts, titles, answers, notes, sources).
    Find,
    /// Select the next (or previous) search result and bring it into view.
    FindNext,
    FindPrevious,
    /// Choose the current question's answer by 1-based position.
    ChooseNth(usize),
    ChooseAnswer(EdgeIndex),
    Back,
    Restart,
    /// Back and forward through the walk's history: every change of the walk (an
    /// answer, a revised answer, Restart) can be taken back and made again.
    WalkBack,
    WalkForward,
    /// Go back to the question answered at this step, to answer it again.
    Rewind(usize),
    /// Give another answer at this step, keeping the later answers still asked.
    Revise {
        step: usize,
        answer: EdgeIndex,
    },
    /// How much a dimension matters to the user (the Compare panel's sliders).
    SetWeight(String, f32),
    /// Back to the tree's even weights.
    ResetWeights,
    /// Order the Compare panel's rows.
    SortCompare(super::weigh::Sort),
    Select(Option<NodeIndex>),
    /// Select a node and bring it into view (from search, the outline, the palette).
    GoTo(NodeIndex),
    /// List every way to this outcome and mark one in the graph ("How do I get there?").
    ShowWays(NodeIndex),
    /// Make this walk, one of the listed ways, the walk.
    WalkWay(crate::model::Walk),
    /// Close the list of ways and remove its mark.
    CloseWays,
    /// Select the nearest node on the canvas in this direction (the arrow keys).
    SelectToward(Toward),
    /// Choose the answer that leads to the selected node (Enter).
    ChooseSelected,
    ToggleCollapse(NodeIndex),
    /// Open a file whose tree has errors, to repair it in the editor.
    OpenForRepair(PathBuf),
    ToggleEdit,
    Undo,
    Redo,
    /// Any change to the tree, as one undo step (merged with the previous one when both
    /// carry the same key).
    Edit(TreeEdit),
    /// Ask for an answer label, then add a new question (false) or outcome (true).
    AddChild {
        question: NodeIndex,
        outcome: bool,
    },
    /// Ask for an answer label, then point a new answer at an existing node.
    LinkTo {
        question: NodeIndex,
        target: NodeIndex,
    },
    /// Ask whether to delete the node's subtree or keep it loose.
    AskDelete(NodeIndex),
    /// `AskDelete` for the selected node.
    DeleteSelected,
    Delete(NodeIndex, DeleteMode),
    Copy,
    Cut,
    Paste,
    Duplicate,
    Restore(PathBuf),
    DiscardRecovery(PathBuf),
}

/// A change to the tree carried by a command: a named operation, and what it merges
/// with. Panels build these from what the user typed or clicked; the app applies them
/// through the undo history, described by the operation ("Undo: rename answer").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeEdit {
    pub op: Op,
    /// Successive edits with the same key (typing in one field) make one undo step.
    pub merge: Option<MergeKey>,
}

impl TreeEdit {
    /// An edit that is an undo step of its own (a click).
    pub fn new(op: Op) -> Self {
        Self { op, merge: None }
    }

    /// An edit of one value (typing, dragging a slider): successive ones setting the
    /// same value merge into one undo step.
    pub fn typing(op: Op) -> Self {
        Self {
            merge: op.merge_key(),
            op,
        }
    }
}

/// A direction on the canvas, for moving the selection with the arrow keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toward {
    Up,
    Down,
    Left,
    Right,
}

impl Toward {
    pub const ALL: [Toward; 4] = [Toward::Up, Toward::Down, Toward::Left, Toward::Right];

    /// The unit vector on screen (y grows downwards).
    pub fn vector(self) -> egui::Vec2 {
        match self {
            Toward::Up => egui::vec2(0.0, -1.0),
            Toward::Down => egui::vec2(0.0, 1.0),
            Toward::Left => egui::vec2(-1.0, 0.0),
            Toward::Right => egui::vec2(1.0, 0.0),
        }
    }
}

/// The menus of the menu bar, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Menu {
    File,
    View,
    Walk,
    Edit,
    Help,
}

impl Menu {
    pub const ALL: [Menu; 5] = [Menu::File, Menu::View, Menu::Walk, Menu::Edit, Menu::Help];

    pub fn name(self) -> &'static str {
        match self {
            Menu::File => "File",
            Menu::View => "View",
            Menu::Walk => "Walk",
            Menu::Edit => "Edit",
            Menu::Help => "Help",
        }
    }
}

/// What the app is doing, as far as deciding which commands are available and which
/// toggles are on.
#[derive(Debug, Clone, Default)]
pub struct State {
    pub editing: bool,
    pub can_undo: bool,
    pub can_redo: bool,
    /// What Undo and Redo would take back or make again ("rename answer").
    pub undo_what: Option<String>,
    pub redo_what: Option<String>,
    /// A node other than a missing one is selected.
    pub selection: bool,
    pub clipboard: bool,
    /// Answers given in the walk.
    pub steps: usize,
    /// Answers the current question offers.
    pub answers: usize,
    /// The selected node is where one of the current question's answers leads.
    pub selection_is_option: bool,
    pub search_hits: usize,
    /// The tree is being compared with another file.
    pub comparing: bool,
    /// How many saved walks Compare shows.
    pub saved_walks: usize,
    /// The walk's history has an earlier walk, or a later one.
    pub walk_back: bool,
    pub walk_forward: bool,
    pub follow_path: bool,
    pub repeat_shared: bool,
    pub orientation: Orientation,
    pub theme: Theme,
    pub panels: Vec<(Panels, bool)>,
}

impl Command {
    /// Every command a user can give without pointing at something, in menu order: the
    /// menus, the palette and the shortcut list are made from this.
    pub fn catalog() -> Vec<Command> {
        let mut all = vec![
            Command::New,
            Command::Open,
            Command::OpenBundled,
            Command::CompareWithFile,
            Command::StopComparing,
            Command::Save,
            Command::SaveAs,
            Command::SaveWalk,
            Command::OpenWalk,
            Command::CompareWalk,
            Command::ClearSavedWalks,
            Command::CopyRecord,
            Command::Export(ExportFormat::Record),
            Command::Export(ExportFormat::Mermaid),
            Command::Export(ExportFormat::Dot),
            Command::Export(ExportFormat::Svg),
            Command::Export(ExportFormat::Png),
            Command::Import,
            Command::Quit,
            Command::OpenPalette,
            Command::Find,
            Command::FindNext,
            Command::FindPrevious,
            Command::ReviewSources,
            Command::Fit,
            Command::ZoomIn,
            Command::ZoomOut,
            Command::ZoomReset,
            Command::ToggleFollow,
            Command::ToggleRepeatShared,
            Command::SetOrientation(Orientation::TopDown),
            Command::SetOrientation(Orientation::LeftRight),
            Command::SetTheme(Theme::Light),
            Command::SetTheme(Theme::Dark),
            Command::SetTheme(Theme::System),
        ];
        all.extend(Panels::ALL.map(Command::TogglePanel));
        all.extend([
            Command::Back,
            Command::Restart,
            Command::WalkBack,
            Command::WalkForward,
        ]);
        all.extend((1..=9).map(Command::ChooseNth));
        all.extend(Toward::ALL.map(Command::SelectToward));
        all.push(Command::ChooseSelected);
        all.extend([
            Command::ToggleEdit,
            Command::Undo,
            Command::Redo,
            Command::Copy,
            Command::Cut,
            Command::Paste,
            Command::Duplicate,
            Command::DeleteSelected,
            Command::ShowShortcuts,
            Command::ShowAbout,
        ]);
        all
    }

    /// The menu a command is in, and its group there (groups are set apart by lines).
    pub fn menu(&self) -> Option<(Menu, u8)> {
        use Command as C;
        Some(match self {
            C::New | C::Open | C::OpenBundled => (Menu::File, 0),
            C::CompareWithFile | C::StopComparing => (Menu::File, 0),
            C::SaveWalk | C::OpenWalk | C::CompareWalk | C::ClearSavedWalks => (Menu::File, 3),
            C::CopyRecord | C::Export(_) | C::Import => (Menu::File, 4),
            C::Save | C::SaveAs => (Menu::File, 1),
            C::Quit => (Menu::File, 2),
            C::OpenPalette | C::Find | C::FindNext | C::FindPrevious => (Menu::View, 0),
            C::ReviewSources => (Menu::View, 0),
            C::Fit | C::ZoomIn | C::ZoomOut | C::ZoomReset => (Menu::View, 1),
            C::ToggleFollow | C::ToggleRepeatShared => (Menu::View, 1),
            C::SetOrientation(_) => (Menu::View, 2),
            C::SetTheme(_) => (Menu::View, 3),
            C::TogglePanel(_) => (Menu::View, 4),
            C::Back | C::Restart => (Menu::Walk, 0),
            C::WalkBack | C::WalkForward => (Menu::Walk, 0),
            C::SelectToward(_) | C::ChooseSelected => (Menu::Walk, 1),
            C::ToggleEdit => (Menu::Edit, 0),
            C::Undo | C::Redo => (Menu::Edit, 1),
            C::Copy | C::Cut | C::Paste | C::Duplicate | C::DeleteSelected => (Menu::Edit, 2),
            C::ShowShortcuts | C::ShowAbout => (Menu::Help, 0),
            _ => return None,
        })
    }

    /// Whether the command can be given now (menus grey it out, the palette says so).
    pub fn available(&self, s: &State) -> bool {
        use Command as C;
        match self {
            C::Undo => s.can_undo,
            C::Redo => s.can_redo,
            C::Copy | C::Cut | C::Duplicate | C::DeleteSelected => s.editing && s.selection,
            C::Paste => s.editing && s.clipboard,
            C::Back | C::Restart => s.steps > 0,
            C::WalkBack => s.walk_back,
            C::WalkForward => s.walk_forward,
            C::StopComparing => s.comparing,
            C::SaveWalk => s.steps > 0,
            C::ClearSavedWalks => s.saved_walks > 0,
            C::ChooseNth(n) => *n <= s.answers,
            C::ChooseSelected => s.selection_is_option,
            C::FindNext | C::FindPrevious => s.search_hits > 0,
            _ => true,
        }
    }

    /// The name as a menu or the palette shows it now: Undo and Redo say what they
    /// would do ("Undo: rename answer").
    pub fn label(&self, s: &State) -> String {
        match (self, &s.undo_what, &s.redo_what) {
            (Command::Undo, Some(what), _) => format!("Undo: {what}"),
            (Command::Redo, _, Some(what)) => format!("Redo: {what}"),
            _ => self.text(),
        }
    }

    /// For commands that switch something on or off: whether it is on.
    pub fn checked(&self, s: &State) -> Option<bool> {
        match self {
            Command::ToggleEdit => Some(s.editing),
            Command::ToggleFollow => Some(s.follow_path),
            Command::ToggleRepeatShared => Some(s.repeat_shared),
            Command::SetOrientation(o) => Some(s.orientation == *o),
            Command::SetTheme(t) => Some(s.theme == *t),
            Command::TogglePanel(p) => s.panels.iter().find(|(q, _)| q == p).map(|(_, on)| *on),
            _ => None,
        }
    }

    /// The menu text.
    pub fn text(&self) -> String {
        match self {
            Command::New => "New".into(),
            Command::Open => "Open…".into(),
            Command::OpenPath(p) => format!("Open {}", p.display()),
            Command::OpenBundled => "Open the bundled AWS tree".into(),
            Command::Save => "Save".into(),
            Command::SaveAs => "Save As…".into(),
            Command::SaveTo(p) => format!("Save to {}", p.display()),
            Command::Quit => "Quit".into(),
            Command::Fit => "Fit".into(),
            Command::ZoomIn => "Zoom in".into(),
            Command::ZoomOut => "Zoom out".into(),
            Command::ZoomReset => "Zoom to 100%".into(),
            Command::ToggleFollow => "Follow path".into(),
            Command::ToggleRepeatShared => "Repeat shared outcomes".into(),
            Command::SetOrientation(Orientation::TopDown) => "Top-down".into(),
            Command::SetOrientation(Orientation::LeftRight) => "Left-right".into(),
            Command::SetTheme(t) => t.name().into(),
            Command::TogglePanel(p) => p.name().into(),
            Command::ShowShortcuts => "Keyboard shortcuts".into(),
            Command::ShowAbout => "About Tradeoff".into(),
            Command::ReviewSources => "Sources to review…".into(),
            Command::CompareWithFile => "Compare with file…".into(),
            Command::CompareWithPath(p) => format!("Compare with {}", p.display()),
            Command::StopComparing => "Stop comparing".into(),
            c @ (Command::SaveWalk
            | Command::OpenWalk
            | Command::OpenWalkPath(_)
            | Command::CompareWalk
            | Command::CompareWalkPath(_)
            | Command::ClearSavedWalks
            | Command::Export(_)
            | Command::ExportTo(..)
            | Command::Import
            | Command::CopyRecord) => c.exchange_text(),
            Command::OpenPalette => "Command palette…".into(),
            Command::Find => "Find…".into(),
            Command::FindNext => "Find next".into(),
            Command::FindPrevious => "Find previous".into(),
            Command::ChooseNth(n) => format!("Choose answer {n}"),
            Command::SelectToward(Toward::Up) => "Select the node above".into(),
            Command::SelectToward(Toward::Down) => "Select the node below".into(),
            Command::SelectToward(Toward::Left) => "Select the node to the left".into(),
            Command::SelectToward(Toward::Right) => "Select the node to the right".into(),
            Command::ChooseSelected => "Choose the selected answer".into(),
            Command::ChooseAnswer(_) => "Choose answer".into(),
            Command::Back => "Back".into(),
            Command::Restart => "Restart".into(),
            Command::WalkBack => "Previous walk".into(),
            Command::WalkForward => "Next walk".into(),
            Command::Rewind(_) => "Change this answer".into(),
            Command::Revise { .. } => "Give this answer instead".into(),
            Command::SetWeight(..) => "Set a weight".into(),
            Command::ResetWeights => "Even weights".into(),
            Command::SortCompare(_) => "Sort the comparison".into(),
            Command::Select(_) => "Select".into(),
            Command::GoTo(_) => "Go to node".into(),
            Command::ShowWays(_) => "How do I get there?".into(),
            Command::WalkWay(_) => "Walk this path".into(),
            Command::CloseWays => "Close the ways".into(),
            Command::ToggleCollapse(_) => "Collapse / expand".into(),
            Command::OpenForRepair(_) => "Open to repair".into(),
            Command::ToggleEdit => "Edit mode".into(),
            Command::Undo => "Undo".into(),
            Command::Redo => "Redo".into(),
            Command::Edit(edit) => format!("Edit: {}", edit.op.describe()),
            Command::AddChild { outcome: false, .. } => "Add question".into(),
            Command::AddChild { outcome: true, .. } => "Add outcome".into(),
            Command::LinkTo { .. } => "Link to existing node".into(),
            Command::AskDelete(_) | Command::Delete(..) => "Delete node".into(),
            Command::DeleteSelected => "Delete node…".into(),
            Command::Copy => "Copy subtree".into(),
            Command::Cut => "Cut subtree".into(),
            Command::Paste => "Paste subtree".into(),
            Command::Duplicate => "Duplicate node".into(),
            Command::Restore(_) => "Restore".into(),
            Command::DiscardRecovery(_) => "Discard".into(),
        }
    }

    /// The menu text of the saved-walk, export and import commands.
    fn exchange_text(&self) -> String {
        match self {
            Command::SaveWalk => "Save walk…".into(),
            Command::OpenWalk => "Open walk…".into(),
            Command::OpenWalkPath(p) => format!("Open the walk {}", p.display()),
            Command::CompareWalk => "Compare a saved walk…".into(),
            Command::CompareWalkPath(p) => format!("Compare the walk {}", p.display()),
            Command::ClearSavedWalks => "Stop comparing saved walks".into(),
            Command::Export(f) | Command::ExportTo(f, _) => match f {
                ExportFormat::Record => "Export decision record…".into(),
                ExportFormat::Mermaid => "Export as Mermaid…".into(),
                ExportFormat::Dot => "Export as DOT…".into(),
                ExportFormat::Svg => "Export as SVG…".into(),
                ExportFormat::Png => "Export as PNG…".into(),
            },
            Command::Import => "Import Mermaid or DOT…".into(),
            Command::CopyRecord => "Copy decision record".into(),
            _ => String::new(),
        }
    }

    /// One line on what the command does, for tooltips and the palette.
    pub fn tooltip(&self) -> &'static str {
        use Command as C;
        match self {
            C::New => "Start a new tree from a small template",
            C::Open => "Open a tree file",
            C::OpenBundled => "Open the tree that comes with Tradeoff: containers on AWS",
            C::Save => "Save the tree to its file (the old one is kept as .bak)",
            C::SaveAs => "Save the tree to a new file",
            C::Quit => "Close Tradeoff (unsaved changes are asked about)",
            C::OpenPalette => "Run any command, or go to any node, by typing part of its name",
            C::Find => "Search prompts, titles, answers, notes and sources",
            C::FindNext => "Select the next search result",
            C::FindPrevious => "Select the previous search result",
            C::Fit => "Bring the whole tree into view",
            C::ZoomIn | C::ZoomOut => "Zoom the graph by one step, around its middle",
            C::ZoomReset => "Show the graph at its natural size",
            C::ToggleFollow => "Keep the current question in view as you answer",
            C::ToggleRepeatShared => {
                "Draw an outcome reached by several answers once per answer, marked ×2, ×3…"
            }
            C::SetOrientation(_) => "Which way the tree grows",
            C::SetTheme(_) => "Light or dark colours, or follow the system",
            C::TogglePanel(_) => "Show or hide this part of the window",
            C::Back => "Take back the last answer",
            C::Restart => "Take back every answer and start again (Previous walk brings them back)",
            C::WalkBack => {
                "Go back to the walk before its last change: an answer, a revised answer, Restart"
            }
            C::WalkForward => "Go forward again to the walk Previous walk left",
            C::ChooseNth(_) => "Give the current question's answer with this number",
            C::SelectToward(_) => "Move the selection across the graph",
            C::ChooseSelected => "Take the answer that leads to the selected node",
            C::ShowWays(_) => {
                "Every way to this outcome, shortest first, with the one chosen marked in the graph"
            }
            C::ToggleEdit => "Edit the tree: the editor replaces the notes",
            C::Undo => "Take back the last change to the tree",
            C::Redo => "Make the change Undo took back again",
            C::Copy => "Copy the selected node and everything below it",
            C::Cut => "Copy the selected node and everything below it, then delete them",
            C::Paste => "Paste what was copied, as a new answer of the selected question",
            C::Duplicate => "Copy the selected node next to itself",
            C::DeleteSelected => "Delete the selected node, asking about what is below it",
            C::ShowShortcuts => "Every keyboard shortcut",
            C::ShowAbout => "Version and licence",
            C::CompareWithFile => {
                "What changes in the advice from another version of this tree, marked in the graph"
            }
            C::StopComparing => "Remove the comparison's marks and panel",
            C::SaveWalk => "Save your answers and weights to a file, to open again or compare",
            C::OpenWalk => "Continue a saved walk (answers that no longer apply are listed)",
            C::CompareWalk => "Show a saved walk's outcome and profile in Compare, beside yours",
            C::ClearSavedWalks => "Take the saved walks out of Compare",
            C::Export(ExportFormat::Record) => {
                "The walk as an architecture decision record (MADR), in Markdown"
            }
            C::Export(ExportFormat::Mermaid) => {
                "The tree as a Mermaid flowchart (GitHub and most wikis draw it), walk marked"
            }
            C::Export(ExportFormat::Dot) => "The tree as a Graphviz DOT graph, walk marked",
            C::Export(ExportFormat::Svg) => "A picture of the whole laid-out tree, as drawn here",
            C::Export(ExportFormat::Png) => "A picture of the graph as it is on screen",
            C::Import => "Open a Mermaid flowchart or a DOT digraph as a new tree",
            C::CopyRecord => "Put the walk's decision record on the clipboard, as Markdown",
            C::ReviewSources => "The sources that are stale or unverified, and where they are used",
            _ => "",
        }
    }

    /// The keyboard shortcut shown for the command, if it has one.
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        self.shortcuts().first().copied()
    }

    /// Every shortcut of the command; the first is the one shown.
    pub fn shortcuts(&self) -> Vec<KeyboardShortcut> {
        use Command as C;
        let cmd = Modifiers::COMMAND;
        let shift = Modifiers::SHIFT;
        let plain = Modifiers::NONE;
        let k = KeyboardShortcut::new;
        match self {
            C::New => vec![k(cmd, Key::N)],
            C::Open => vec![k(cmd, Key::O)],
            C::Save => vec![k(cmd, Key::S)],
            C::SaveAs => vec![k(cmd | shift, Key::S)],
            C::Quit => vec![k(cmd, Key::Q)],
            C::OpenPalette => vec![k(cmd, Key::K), k(cmd | shift, Key::P)],
            C::Find => vec![k(cmd, Key::F)],
            C::FindNext => vec![k(plain, Key::F3)],
            C::FindPrevious => vec![k(shift, Key::F3)],
            C::Back => vec![k(plain, Key::Backspace)],
            C::Restart => vec![k(plain, Key::Home)],
            C::WalkBack => vec![k(Modifiers::ALT, Key::ArrowLeft)],
            C::WalkForward => vec![k(Modifiers::ALT, Key::ArrowRight)],
            C::Fit => vec![k(plain, Key::F)],
            C::Undo => vec![k(cmd, Key::Z)],
            C::Redo => vec![k(cmd | shift, Key::Z), k(cmd, Key::Y)],
            C::ToggleEdit => vec![k(cmd, Key::E)],
            C::Duplicate => vec![k(cmd, Key::D)],
            // Ctrl+= is Ctrl++ without Shift on many layouts; browsers take both.
            C::ZoomIn => vec![k(cmd, Key::Equals), k(cmd, Key::Plus)],
            C::ZoomOut => vec![k(cmd, Key::Minus)],
            C::ZoomReset => vec![k(cmd, Key::Num0)],
            C::ChooseNth(n) => ANSWER_KEYS
                .get(n.wrapping_sub(1))
                .map(|&key| vec![k(plain, key)])
                .unwrap_or_default(),
            // These three arrive as clipboard events, which the app reads in edit mode;
            // the keys are listed so Help and the palette show them.
            C::Copy => vec![k(cmd, Key::C)],
            C::Cut => vec![k(cmd, Key::X)],
            C::Paste => vec![k(cmd, Key::V)],
            C::DeleteSelected => vec![k(plain, Key::Delete)],
            C::SelectToward(Toward::Up) => vec![k(plain, Key::ArrowUp)],
            C::SelectToward(Toward::Down) => vec![k(plain, Key::ArrowDown)],
            C::SelectToward(Toward::Left) => vec![k(plain, Key::ArrowLeft)],
            C::SelectToward(Toward::Right) => vec![k(plain, Key::ArrowRight)],
            C::ChooseSelected => vec![k(plain, Key::Enter)],
            _ => Vec::new(),
        }
    }

    /// Whether the shortcut is a key without Ctrl, Alt or Command, which must not fire
    /// while typing.
    pub fn is_bare_key(&self) -> bool {
        self.shortcut()
            .is_some_and(|s| !s.modifiers.command && !s.modifiers.ctrl && !s.modifiers.alt)
    }

    /// Whether the command reaches the app as a clipboard event rather than a key.
    pub fn is_clipboard(&self) -> bool {
        matches!(self, Command::Copy | Command::Cut | Command::Paste)
    }
}

/// The commands with shortcuts, most specific first: egui matches a shortcut even when
/// Shift is also held, so Ctrl+Shift+S must be tried before Ctrl+S, Shift+F3 before F3.
pub fn by_specificity() -> Vec<(KeyboardShortcut, Command)> {
    let mut list: Vec<(KeyboardShortcut, Command)> = Command::catalog()
        .into_iter()
        .filter(|c| !c.is_clipboard())
        .flat_map(|c| c.shortcuts().into_iter().map(move |s| (s, c.clone())))
        .collect();
    let weight = |m: Modifiers| {
        [m.alt, m.ctrl || m.command, m.shift]
            .iter()
            .filter(|b| **b)
            .count()
    };
    list.sort_by_key(|(s, _)| std::cmp::Reverse(weight(s.modifiers)));
    list
}

/// The digit keys that choose answers 1 to 9.
pub const ANSWER_KEYS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

/// Every shortcut as (keys, what it does), for Help, in menu order; the digits that
/// choose answers share one line.
pub fn shortcut_list(ctx: &egui::Context) -> Vec<(String, String)> {
    let mut list = Vec::new();
    for c in Command::catalog() {
        match c {
            Command::ChooseNth(1) => list.push((
                "1 – 9".to_owned(),
                "Choose the answer with that number".to_owned(),
            )),
            Command::ChooseNth(_) => {}
            _ => {
                let keys: Vec<String> = c
                    .shortcuts()
                    .iter()
                    .map(|s| ctx.format_shortcut(s))
                    .collect();
                if !keys.is_empty() {
                    list.push((keys.join(" or "), c.text()));
                }
            }
        }
    }
    list
}
