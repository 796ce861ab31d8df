//! File dialogs behind a trait, so tests hand in paths and machines with no desktop
//! portal get a typed path instead of a dialog that never opens.

use std::path::{Path, PathBuf};

/// What a file dialog gave back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chosen {
    Path(PathBuf),
    Cancelled,
    /// No dialog can open here; the reason is shown with a path field instead.
    Unavailable(String),
}

/// The folder a typed relative path is taken from, in full: the open file's folder,
/// else the current one. `None` when neither is known (the current folder was removed).
pub fn typed_path_folder(open: Option<&Path>) -> Option<PathBuf> {
    match open
        .and_then(Path::parent)
        .filter(|p| !p.as_os_str().is_empty())
    {
        Some(folder) => std::path::absolute(folder).ok(),
        None => std::env::current_dir().ok(),
    }
}

/// Where a typed path points: a relative one is taken from `folder`, as the path dialog
/// says, rather than from wherever the process happens to run.
pub fn resolve_typed(text: &str, folder: Option<&Path>) -> PathBuf {
    match folder {
        Some(folder) => folder.join(text),
        None => PathBuf::from(text),
    }
}

/// Opens "open" and "save as" dialogs.
pub trait FileChooser {
    fn pick_open(&mut self) -> Chosen;
    fn pick_save(&mut self, suggested_name: &str) -> Chosen;
}

/// Native dialogs through rfd (the XDG desktop portal on Linux).
#[derive(Debug, Default)]
pub struct NativeChooser {
    available: Option<Result<(), String>>,
}

impl NativeChooser {
    /// rfd cannot tell "no portal" from "cancelled", so ask D-Bus once whether a portal
    /// answers before relying on it.
    fn check(&mut self) -> Result<(), String> {
        self.available.get_or_insert_with(portal_available).clone()
    }
}

#[cfg(target_os = "linux")]
fn portal_available() -> Result<(), String> {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        return Err("there is no desktop session bus, so no file dialog can open".to_owned());
    }
    let ping = std::process::Command::new("dbus-send")
        .args([
            "--session",
            "--print-reply",
            "--reply-timeout=2000",
            "--dest=org.freedesktop.portal.Desktop",
            "/org/freedesktop/portal/desktop",
            "org.freedesktop.DBus.Peer.Ping",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
    match ping {
        Ok(status) if status.success() => Ok(()),
        _ => Err(
            "no desktop portal (xdg-desktop-portal) answers, so no file dialog can open".to_owned(),
        ),
    }
}

#[cfg(not(target_os = "linux"))]
fn portal_available() -> Result<(), String> {
    Ok(())
}

impl FileChooser for NativeChooser {
    fn pick_open(&mut self) -> Chosen {
        if let Err(why) = self.check() {
            return Chosen::Unavailable(why);
        }
        match rfd::FileDialog::new()
            .add_filter("Tradeoff tree", &["json"])
            .pick_file()
        {
            Some(p) => Chosen::Path(p),
            None => Chosen::Cancelled,
        }
    }

    fn pick_save(&mut self, suggested_name: &str) -> Chosen {
        if let Err(why) = self.check() {
            return Chosen::Unavailable(why);
        }
        match rfd::FileDialog::new()
            .add_filter("Tradeoff tree", &["json"])
            .set_file_name(suggested_name)
            .save_file()
        {
            Some(p) => Chosen::Path(p),
            None => Chosen::Cancelled,
        }
    }
}

/// A chooser that hands back prepared answers, for tests and scripted use.
#[derive(Debug, Default, Clone)]
pub struct ScriptedChooser {
    pub answers: std::collections::VecDeque<Chosen>,
}

impl ScriptedChooser {
    pub fn new(answers: impl IntoIterator<Item = Chosen>) -> Self {
        Self {
            answers: answers.into_iter().collect(),
        }
    }
}

impl FileChooser for ScriptedChooser {
    fn pick_open(&mut self) -> Chosen {
        self.answers.pop_front().unwrap_or(Chosen::Cancelled)
    }

    fn pick_save(&mut self, _suggested_name: &str) -> Chosen {
        self.answers.pop_front().unwrap_or(Chosen::Cancelled)
    }
}
