//! What the app remembers between runs: theme, orientation, panels, minimap, recent files.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::layout::Orientation;

/// How many recent files are kept.
const RECENT_MAX: usize = 10;

/// The colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Theme {
    Light,
    Dark,
    #[default]
    System,
}

impl Theme {
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "Light",
            Theme::Dark => "Dark",
            Theme::System => "System",
        }
    }

    pub fn preference(self) -> egui::ThemePreference {
        match self {
            Theme::Light => egui::ThemePreference::Light,
            Theme::Dark => egui::ThemePreference::Dark,
            Theme::System => egui::ThemePreference::System,
        }
    }
}

/// The panels that can be shown or hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Panels {
    Walk,
    Notes,
    Compare,
    Status,
    /// The whole tree in small, in a corner of the canvas, with the part in view marked.
    Minimap,
    /// The tree as an indented list, with the walk marked: the way through the tree for
    /// the keyboard and for screen readers, since the graph is painted.
    Outline,
}

impl Panels {
    pub const ALL: [Panels; 6] = [
        Panels::Walk,
        Panels::Notes,
        Panels::Compare,
        Panels::Outline,
        Panels::Status,
        Panels::Minimap,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Panels::Walk => "Walk panel",
            Panels::Notes => "Notes panel",
            Panels::Compare => "Comparison",
            Panels::Status => "Status bar",
            Panels::Minimap => "Minimap",
            Panels::Outline => "Outline",
        }
    }
}

/// Persisted settings. Unknown or missing fields fall back to defaults, so an older or
/// newer app's settings never stop this one from starting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: Theme,
    pub orientation: Orientation,
    pub follow_path: bool,
    pub show_walk: bool,
    pub show_notes: bool,
    pub show_compare: bool,
    pub show_status: bool,
    pub show_minimap: bool,
    pub show_outline: bool,
    /// Shared outcomes drawn once per answer that reaches them.
    pub repeat_shared: bool,
    pub recent: Vec<PathBuf>,
    /// The weights set in the Compare panel, per tree title: how much each dimension
    /// matters to the user.
    pub weights: std::collections::BTreeMap<String, std::collections::BTreeMap<String, f32>>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: Theme::System,
            orientation: Orientation::TopDown,
            follow_path: true,
            show_walk: true,
            show_notes: true,
            show_compare: true,
            show_status: true,
            // Off at first: it covers a corner of the canvas, which a small tree may need.
            show_minimap: false,
            show_outline: false,
            // On: most decision DAGs then read as trees, and a copy is marked as linked.
            repeat_shared: true,
            recent: Vec::new(),
            weights: std::collections::BTreeMap::new(),
        }
    }
}

impl Settings {
    pub const KEY: &'static str = "tradeoff-settings";

    pub fn panel(&self, p: Panels) -> bool {
        match p {
            Panels::Walk => self.show_walk,
            Panels::Notes => self.show_notes,
            Panels::Compare => self.show_compare,
            Panels::Status => self.show_status,
            Panels::Minimap => self.show_minimap,
            Panels::Outline => self.show_outline,
        }
    }

    pub fn toggle(&mut self, p: Panels) {
        let flag = match p {
            Panels::Walk => &mut self.show_walk,
            Panels::Notes => &mut self.show_notes,
            Panels::Compare => &mut self.show_compare,
            Panels::Status => &mut self.show_status,
            Panels::Minimap => &mut self.show_minimap,
            Panels::Outline => &mut self.show_outline,
        };
        *flag = !*flag;
    }

    /// Puts `path` first among the recent files.
    pub fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_MAX);
    }

    pub fn forget(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
    }
}
