//! Tradeoff: decision trees you can see and walk.
//!
//! Layers, each depending only on those below it: `model` (the tree, validation, the
//! walk), `layout` (pure layouts: the layered one the app draws, and a tidy tree layout), `format` (files), `view` (the egui_graphs
//! adapter), `app` (the eframe shell) and `cli`.
pub mod app;
pub mod cli;
pub mod format;
#[doc(hidden)]
pub mod fuzzing;
pub mod layout;
pub mod model;
pub mod view;
