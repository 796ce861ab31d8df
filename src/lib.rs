//! Tradeoff: decision trees you can see and walk.
//!
//! Layers, each depending only on those below it: `model` (the tree, validation, the
//! walk), `layout` (pure layouts: the layered one the app draws, and a tidy tree layout), `format` (files), `view` (the egui_graphs
//! adapter), `app` (the eframe shell) and `cli`.
// No function over 80 lines (clippy.toml): long ones hide what they do. Test checkers
// inside src/ (built only for `cargo test`) may be longer.
#![cfg_attr(not(test), warn(clippy::too_many_lines))]

pub mod app;
pub mod cli;
pub mod exit {
    //! Process exit codes, shared by the command line and the window (which exits with
    //! `EXIT_UNREADABLE` when it cannot open), so neither depends on the other.

    /// A file is not a valid tree, or a walk could not be followed.
    pub const EXIT_INVALID: u8 = 1;
    /// A file could not be read at all (or the window could not open).
    pub const EXIT_UNREADABLE: u8 = 2;
}
pub mod format;
#[doc(hidden)]
pub mod fuzzing;
pub mod layout;
pub mod model;
pub mod view;
