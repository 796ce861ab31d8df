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
pub mod format;
#[doc(hidden)]
pub mod fuzzing;
pub mod layout;
pub mod model;
pub mod view;
