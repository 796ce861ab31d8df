//! Driving the real `App` with egui_kittest.

use std::path::PathBuf;

use egui_kittest::Harness;
use tradeoff::app::{App, Options, ScriptedChooser};

/// The real app in a headless harness of `size`, settled after its first frames. No
/// settings are read or written; recovery copies go to `data_dir` when given.
pub fn app_harness(
    size: egui::Vec2,
    chooser: ScriptedChooser,
    file: Option<PathBuf>,
    data_dir: Option<PathBuf>,
) -> Harness<'static, App> {
    let mut h = Harness::builder().with_size(size).build_eframe(move |cc| {
        App::new(
            cc,
            Options {
                file,
                chooser: Box::new(chooser),
                persist: false,
                data_dir,
            },
        )
    });
    h.run();
    h
}
