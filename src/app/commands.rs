//! Everything a user can ask the app to do, as one enum. Menus, keyboard shortcuts, the
//! shortcut list in Help and the buttons of the panels all go through it, and the app
//! applies commands once per frame after the panels have run.

use std::fmt;
use std::path::PathBuf;
use std::rc::Rc;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::layout::Orientation;
use crate::model::{DeleteMode, EdgeIndex, MergeKey, NodeIndex, Tree};

use super::settings::{Panels, Theme};

/// One thing the user asked for.
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub enum Command {
    New,
    Open,
    OpenPath(PathBuf),
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
    /// Choose the current question's answer by 1-based position.
    ChooseNth(usize),
    ChooseAnswer(EdgeIndex),
    Back,
    Restart,
    /// Go back to the question answered at this step, to answer it again.
    Rewind(usize),
    Select(Option<NodeIndex>),
    ToggleCollapse(NodeIndex),
    /// Open a file whose tree has errors, to repair it in the editor.
    OpenForRepair(PathBuf),
    ToggleEdit,
    Undo,
    Redo,
    /// Ends typing in a field, so the next change to it is a new undo step.
    SealUndo,
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
    Delete(NodeIndex, DeleteMode),
    Copy,
    Cut,
    Paste,
    Duplicate,
    Restore(PathBuf),
    DiscardRecovery(PathBuf),
}

/// A change to the tree carried by a command. Panels build these from what the user
/// typed or clicked; the app applies them through the undo history.
#[derive(Clone)]
pub struct TreeEdit {
    pub merge: Option<MergeKey>,
    pub apply: Rc<dyn Fn(&mut Tree)>,
}

impl TreeEdit {
    pub fn new(apply: impl Fn(&mut Tree) + 'static) -> Self {
        Self {
            merge: None,
            apply: Rc::new(apply),
        }
    }

    /// An edit of one text field: successive ones with the same key merge.
    pub fn typing(key: String, apply: impl Fn(&mut Tree) + 'static) -> Self {
        Self {
            merge: Some(MergeKey(key)),
            apply: Rc::new(apply),
        }
    }
}

impl fmt::Debug for TreeEdit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TreeEdit({:?})", self.merge)
    }
}

impl PartialEq for TreeEdit {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.apply, &other.apply)
    }
}

/// Commands with a fixed shortcut, in the order Help lists them.
/// egui matches a shortcut even when Shift is also held, so every command whose keys add
/// Shift to another's comes first: Save As before Save, Redo before Undo.
pub const SHORTCUT_COMMANDS: &[Command] = &[
    Command::New,
    Command::Open,
    Command::SaveAs,
    Command::Save,
    Command::Quit,
    Command::Redo,
    Command::Undo,
    Command::ToggleEdit,
    Command::Duplicate,
    Command::Back,
    Command::Restart,
    Command::Fit,
    Command::ZoomIn,
    Command::ZoomOut,
    Command::ZoomReset,
];

impl Command {
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
            Command::ChooseNth(_) => "Choose answer 1–9".into(),
            Command::ChooseAnswer(_) => "Choose answer".into(),
            Command::Back => "Back".into(),
            Command::Restart => "Restart".into(),
            Command::Rewind(_) => "Change this answer".into(),
            Command::Select(_) => "Select".into(),
            Command::ToggleCollapse(_) => "Collapse / expand".into(),
            Command::OpenForRepair(_) => "Open to repair".into(),
            Command::ToggleEdit => "Edit mode".into(),
            Command::Undo => "Undo".into(),
            Command::Redo => "Redo".into(),
            Command::SealUndo => "End typing".into(),
            Command::Edit(_) => "Edit".into(),
            Command::AddChild { outcome: false, .. } => "Add question".into(),
            Command::AddChild { outcome: true, .. } => "Add outcome".into(),
            Command::LinkTo { .. } => "Link to existing node".into(),
            Command::AskDelete(_) | Command::Delete(..) => "Delete node".into(),
            Command::Copy => "Copy subtree".into(),
            Command::Cut => "Cut subtree".into(),
            Command::Paste => "Paste subtree".into(),
            Command::Duplicate => "Duplicate node".into(),
            Command::Restore(_) => "Restore".into(),
            Command::DiscardRecovery(_) => "Discard".into(),
        }
    }

    /// The keyboard shortcut, if the command has one.
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        self.shortcuts().first().copied()
    }

    /// Every shortcut of the command (Redo and Zoom in have two).
    pub fn shortcuts(&self) -> Vec<KeyboardShortcut> {
        if *self == Command::Redo {
            return vec![
                KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z),
                KeyboardShortcut::new(Modifiers::COMMAND, Key::Y),
            ];
        }
        if *self == Command::ZoomIn {
            // Ctrl+= is Ctrl++ without Shift on many layouts; browsers take both.
            return vec![
                KeyboardShortcut::new(Modifiers::COMMAND, Key::Equals),
                KeyboardShortcut::new(Modifiers::COMMAND, Key::Plus),
            ];
        }
        self.main_shortcut().into_iter().collect()
    }

    fn main_shortcut(&self) -> Option<KeyboardShortcut> {
        let cmd = Modifiers::COMMAND;
        let plain = Modifiers::NONE;
        Some(match self {
            Command::New => KeyboardShortcut::new(cmd, Key::N),
            Command::Open => KeyboardShortcut::new(cmd, Key::O),
            Command::Save => KeyboardShortcut::new(cmd, Key::S),
            Command::SaveAs => KeyboardShortcut::new(cmd | Modifiers::SHIFT, Key::S),
            Command::Quit => KeyboardShortcut::new(cmd, Key::Q),
            Command::Back => KeyboardShortcut::new(plain, Key::Backspace),
            Command::Restart => KeyboardShortcut::new(plain, Key::Home),
            Command::Fit => KeyboardShortcut::new(plain, Key::F),
            Command::Undo => KeyboardShortcut::new(cmd, Key::Z),
            Command::ToggleEdit => KeyboardShortcut::new(cmd, Key::E),
            Command::Duplicate => KeyboardShortcut::new(cmd, Key::D),
            Command::ZoomOut => KeyboardShortcut::new(cmd, Key::Minus),
            Command::ZoomReset => KeyboardShortcut::new(cmd, Key::Num0),
            _ => return None,
        })
    }

    /// Whether the shortcut is a bare key, which must not fire while typing.
    pub fn is_bare_key(&self) -> bool {
        self.shortcut().is_some_and(|s| s.modifiers.is_none())
    }
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

/// Every shortcut as (keys, what it does), for Help.
pub fn shortcut_list(ctx: &egui::Context) -> Vec<(String, String)> {
    let mut list: Vec<(String, String)> = SHORTCUT_COMMANDS
        .iter()
        .filter_map(|c| c.shortcut().map(|s| (ctx.format_shortcut(&s), c.text())))
        .collect();
    list.insert(
        5,
        (
            "1 – 9".to_owned(),
            "Choose the answer with that number".to_owned(),
        ),
    );
    list
}
