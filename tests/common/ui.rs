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
                walk: None,
                chooser: Box::new(chooser),
                persist: false,
                data_dir,
            },
        )
    });
    h.run();
    h
}

/// Clicks the button with this exact label (Markdown notes may repeat the words), and
/// lets the app act on it.
pub fn click(h: &mut Harness<'_, App>, label: &str) {
    use egui_kittest::kittest::Queryable as _;
    h.get_by_role_and_label(egui::accesskit::Role::Button, label)
        .click();
    h.run();
}

/// The top edge of the widget labelled `label`, to check what is shown above what.
pub fn top(h: &Harness<'_, App>, label: &str) -> f64 {
    use egui_kittest::kittest::{NodeT as _, Queryable as _};
    h.get_by_label(label)
        .accesskit_node()
        .bounding_box()
        .unwrap_or_else(|| panic!("{label} has no bounds"))
        .y0
}
