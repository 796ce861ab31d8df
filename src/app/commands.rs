//! Everything a user can ask the app to do, as one enum. Menus, keyboard shortcuts, the
//! shortcut list in Help and the buttons of the panels all go through it, and the app
//! applies commands once per frame after the panels have run.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::layout::Orientation;
use crate::model::{EdgeIndex, NodeIndex};

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
    ToggleFollow,
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
}

/// Commands with a fixed shortcut, in the order Help lists them.
pub const SHORTCUT_COMMANDS: &[Command] = &[
    Command::New,
    Command::Open,
    Command::Save,
    Command::SaveAs,
    Command::Quit,
    Command::Back,
    Command::Restart,
    Command::Fit,
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
            Command::ToggleFollow => "Follow path".into(),
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
        }
    }

    /// The keyboard shortcut, if the command has one.
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
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
