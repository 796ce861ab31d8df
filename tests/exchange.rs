//! Export and import in the real `App`: every export written where the user chose, the
//! PNG cut from the window's screenshot, the decision record copied at an outcome, and
//! Mermaid and DOT files opened as new trees (a broken one changes nothing).

mod common;

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use tradeoff::app::{App, Chosen, Command, ScriptedChooser};
use tradeoff::format::export::ExportFormat;

fn harness(chosen: Vec<Chosen>) -> Harness<'static, App> {
    common::ui::app_harness(
        egui::vec2(1400.0, 900.0),
        ScriptedChooser::new(chosen),
        None,
        None,
    )
}

fn push(h: &mut Harness<'_, App>, command: Command) {
    h.state_mut().push(command);
    h.run();
}

/// The bundled tree walked to EKS Auto Mode.
fn walk_to_eks_auto(h: &mut Harness<'_, App>) {
    for n in [1, 1, 2, 4, 1, 2, 2] {
        push(h, Command::ChooseNth(n));
    }
    let app = h.state();
    let end = app.walk().current(app.tree()).unwrap();
    assert_eq!(app.tree().graph()[end].id, "o-eks-auto");
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn each_export_is_written_where_the_user_chose() {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = ["r.md", "m.mmd", "d.dot", "s.svg"]
        .iter()
        .map(|n| dir.path().join(n))
        .collect();
    let mut h = harness(paths.iter().cloned().map(Chosen::Path).collect());
    walk_to_eks_auto(&mut h);
    let formats = [
        ExportFormat::Record,
        ExportFormat::Mermaid,
        ExportFormat::Dot,
        ExportFormat::Svg,
    ];
    for f in formats {
        push(&mut h, Command::Export(f));
    }
    let record = read(&paths[0]);
    assert!(record.contains("## Decision Outcome"), "{record}");
    assert!(record.contains("EKS Auto Mode"));
    assert!(read(&paths[1]).contains("flowchart TD"));
    assert!(read(&paths[2]).starts_with("digraph"));
    let svg = read(&paths[3]);
    assert!(svg.contains("<svg") && svg.contains("EKS Auto Mode"));
    assert!(
        h.state()
            .notice()
            .starts_with("Exported the SVG picture to"),
        "{}",
        h.state().notice()
    );
}

#[test]
fn the_png_is_the_graph_cut_from_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graph.png");
    let mut h = harness(vec![Chosen::Path(path.clone())]);
    // Stepped, not run: the app repaints while it waits for the picture.
    h.state_mut().push(Command::Export(ExportFormat::Png));
    for _ in 0..3 {
        h.step();
    }
    assert!(!path.exists(), "written only once the picture arrives");
    // The window's screenshot, as eframe delivers it: a plain colour will do.
    let ppp = h.ctx.pixels_per_point();
    let size = [(1400.0 * ppp) as usize, (900.0 * ppp) as usize];
    let image = egui::ColorImage::filled(size, egui::Color32::from_rgb(10, 20, 30));
    h.input_mut().events.push(egui::Event::Screenshot {
        viewport_id: egui::ViewportId::ROOT,
        user_data: egui::UserData::default(),
        image: std::sync::Arc::new(image),
    });
    h.run();
    let png = image::open(&path).expect("a PNG").to_rgba8();
    let canvas = h.state().visible_canvas().expect("a canvas");
    // Cut to the graph: narrower than the window, as tall as the canvas.
    assert_eq!(png.width(), (canvas.width() * ppp).round() as u32);
    assert_eq!(png.height(), (canvas.height() * ppp).round() as u32);
    assert_eq!(png.get_pixel(0, 0).0, [10, 20, 30, 255]);
}

#[test]
fn copy_decision_record_puts_markdown_on_the_clipboard() {
    let mut h = harness(Vec::new());
    walk_to_eks_auto(&mut h);
    // One frame: the copy is in the output of the frame that handled the click.
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Copy decision record")
        .click();
    h.step();
    let copied = h
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        });
    let copied = copied.expect("copied text");
    h.run();
    assert!(copied.starts_with("# "), "{copied}");
    assert!(copied.contains("EKS Auto Mode"));
    assert_eq!(
        h.state().notice(),
        "Copied the decision record (Markdown) to the clipboard"
    );
}

#[test]
fn mermaid_opens_as_a_new_tree_and_a_broken_file_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("choice.mmd");
    std::fs::write(
        &good,
        "flowchart TD\n  A{Need SQL?} -->|Yes| B[Postgres]\n  A -->|No| C[DynamoDB]\n",
    )
    .unwrap();
    let bad = dir.path().join("broken.dot");
    std::fs::write(&bad, "digraph {\n  a -> b -> a\n}\n").unwrap();
    let mut h = harness(vec![Chosen::Path(bad)]);
    push(&mut h, Command::OpenPath(good.clone()));
    let app = h.state();
    assert_eq!(app.tree().nodes().count(), 3);
    assert!(
        app.path().is_none(),
        "the Mermaid file is not the tree's file"
    );
    assert!(app.is_dirty(), "an import is unsaved");
    assert!(app.notice().starts_with("Imported"), "{}", app.notice());
    assert!(h.get_all_by_label("Need SQL?").next().is_some());

    // The import is unsaved, so importing again asks first.
    push(&mut h, Command::Import);
    common::ui::click(&mut h, "Discard");
    h.get_by_label_contains("Could not import");
    h.get_by_label_contains("line 2");
    assert_eq!(
        h.state().tree().nodes().count(),
        3,
        "the open tree is untouched"
    );
}

#[test]
fn a_window_that_sends_no_picture_gets_an_error_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("never.png");
    let mut h = harness(vec![Chosen::Path(path.clone())]);
    h.state_mut().push(Command::Export(ExportFormat::Png));
    for _ in 0..130 {
        h.step();
    }
    h.run();
    h.get_by_label("Could not export the PNG picture");
    h.get_by_label_contains("the window did not send a picture of itself");
    assert!(!path.exists());
}
