//! Starting: the bundled tree, the starter tree for File ▸ New, the icon, and the
//! window.

use super::*;

/// The bundled AWS containers tree. It is checked by the test suite, so a failure here
/// is a build defect; an empty tree keeps the app usable if it ever happens.
pub fn bundled_tree() -> Tree {
    format::load_str(format::BUNDLED_TREE)
        .map(|l| l.tree)
        .unwrap_or_else(|_| starter_tree())
}

pub(super) fn bundled_origin() -> String {
    format!("{} (bundled)", format::BUNDLED_NAME)
}

/// A new tree: a start question with two outcomes, ready to edit.
pub fn starter_tree() -> Tree {
    use crate::model::Node;
    let mut tree = Tree::new("Untitled decision");
    let q = tree.add_node(Node::question(
        "start",
        "What is the first thing to decide?",
    ));
    let a = tree.add_node(Node::outcome("option-a", "Option A"));
    let b = tree.add_node(Node::outcome("option-b", "Option B"));
    tree.add_answer(q, a, "This way");
    tree.add_answer(q, b, "That way");
    tree
}

/// Status-bar notices about the undo history, cleared once the history changes.
/// The app icon, decoded from `assets/icon.png`.
pub fn icon() -> Option<egui::IconData> {
    let image = image::load_from_memory(include_bytes!("../../assets/icon.png"))
        .ok()?
        .into_rgba8();
    let (width, height) = image.dimensions();
    Some(egui::IconData {
        rgba: image.into_raw(),
        width,
        height,
    })
}

/// Opens the window. Returns the process exit code.
pub fn run(file: Option<PathBuf>, walk: Option<PathBuf>) -> ExitCode {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(APP_NAME)
        .with_app_id("tradeoff")
        .with_inner_size([1400.0, 880.0])
        .with_min_inner_size([720.0, 480.0])
        .with_drag_and_drop(true);
    if let Some(icon) = icon() {
        viewport = viewport.with_icon(icon);
    }
    let native = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    let result = eframe::run_native(
        APP_NAME,
        native,
        Box::new(move |cc| {
            Ok(Box::new(App::new(
                cc,
                Options {
                    file,
                    walk,
                    ..Options::default()
                },
            )))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tradeoff: cannot open the window: {e}");
            eprintln!("(the command line still works: tradeoff --help)");
            ExitCode::from(crate::exit::EXIT_UNREADABLE)
        }
    }
}
