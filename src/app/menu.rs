//! The menu bar (made from `Command::catalog`) and the status bar. Both read what they
//! show and push the commands asked for; neither can change the app.

use egui::{RichText, Ui};

use super::Settings;
use super::commands::{self, Command};
use super::document::Document;
use crate::view::palette;

/// A menu entry made from the command's name, shortcut, tooltip, availability and,
/// for toggles, whether it is on.
fn menu_entry(ui: &mut Ui, command: Command, state: &commands::State, out: &mut Vec<Command>) {
    let mut button = match command.checked(state) {
        Some(on) => egui::Button::selectable(on, command.label(state)),
        None => egui::Button::new(command.label(state)),
    };
    if let Some(s) = command.shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&s));
    }
    let response = ui
        .add_enabled(command.available(state), button)
        .on_hover_text(command.tooltip());
    if response.clicked() {
        out.push(command);
        ui.close();
    }
}

/// File ▸ Open Recent, the one menu made from settings rather than commands.
fn recent_menu(ui: &mut Ui, settings: &Settings, out: &mut Vec<Command>) {
    ui.menu_button("Open Recent", |ui| {
        if settings.recent.is_empty() {
            ui.weak("No recent files");
        }
        for path in &settings.recent {
            if ui.button(path.display().to_string()).clicked() {
                out.push(Command::OpenPath(path.clone()));
                ui.close();
            }
        }
    });
}

/// The menu bar, made from `Command::catalog` in its order, a line between groups.
pub(super) fn menu_bar(
    ui: &mut Ui,
    state: &commands::State,
    settings: &Settings,
    out: &mut Vec<Command>,
) {
    let catalog = Command::catalog();
    egui::Panel::top("menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            for menu in commands::Menu::ALL {
                ui.menu_button(menu.name(), |ui| {
                    let mut group = None;
                    for command in &catalog {
                        let Some((m, g)) = command.menu() else {
                            continue;
                        };
                        if m != menu {
                            continue;
                        }
                        if group.is_some_and(|last| last != g) {
                            ui.separator();
                        }
                        group = Some(g);
                        menu_entry(ui, command.clone(), state, out);
                        if *command == Command::Open {
                            recent_menu(ui, settings, out);
                        }
                    }
                });
            }
        });
    });
}

/// The status bar: the tree's problems, its size, the zoom controls, the last notice
/// and the file.
pub(super) fn status_bar(
    ui: &mut Ui,
    doc: &Document,
    zoom: f32,
    notice: &str,
    out: &mut Vec<Command>,
) {
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            problem_summary(ui, doc);
            ui.separator();
            if doc.stale > 0 {
                stale_summary(ui, doc, out);
                ui.separator();
            }
            let nodes = doc.tree().node_count();
            ui.label(format!("{nodes} node{}", super::plural(nodes)));
            ui.separator();
            zoom_controls(ui, zoom, out);
            if !notice.is_empty() {
                ui.separator();
                ui.label(notice);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let file = doc.path.as_ref().map_or_else(
                    || "bundled / unsaved tree".to_owned(),
                    |p| p.display().to_string(),
                );
                ui.weak(file);
            });
        });
    });
}

/// "✔ Valid tree", or how many errors and warnings, each listed in the tooltip.
fn problem_summary(ui: &mut Ui, doc: &Document) {
    let (errors, warnings) = doc.problem_counts();
    if errors + warnings == 0 {
        ui.label(RichText::new("✔ Valid tree").color(palette::OUTCOME));
    } else {
        let text = format!(
            "{errors} error{}, {warnings} warning{}",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        );
        let color = if errors > 0 {
            palette::ERROR
        } else {
            palette::WARNING
        };
        ui.label(RichText::new(text).color(color)).on_hover_text(
            doc.problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
}

/// "4 sources are stale", a link to the list.
fn stale_summary(ui: &mut Ui, doc: &Document, out: &mut Vec<Command>) {
    let n = doc.stale;
    let text = if n == 1 {
        "⏳ 1 source is stale".to_owned()
    } else {
        format!("⏳ {n} sources are stale")
    };
    let months = doc.tree().review_months();
    let link = ui
        .link(RichText::new(text).color(palette::WARNING))
        .on_hover_text(format!(
            "Read more than {months} months ago, the tree's review interval. Click for the list."
        ));
    if link.clicked() {
        out.push(Command::ReviewSources);
    }
}

/// Zoom out, the zoom (click for 100%), zoom in, fit.
fn zoom_controls(ui: &mut Ui, zoom: f32, out: &mut Vec<Command>) {
    let spacing = ui.spacing().item_spacing.x;
    ui.spacing_mut().item_spacing.x = 2.0;
    let ctx = ui.ctx().clone();
    let hint = |command: &Command| {
        let keys = command
            .shortcut()
            .map(|s| format!(" ({})", ctx.format_shortcut(&s)))
            .unwrap_or_default();
        format!("{}{keys}", command.text())
    };
    let buttons = [
        ("−".to_owned(), Command::ZoomOut),
        (zoom_text(zoom), Command::ZoomReset),
        ("+".to_owned(), Command::ZoomIn),
        // Not plain "Fit": the View menu and Help already say that.
        ("Fit tree".to_owned(), Command::Fit),
    ];
    for (text, command) in buttons {
        let tip = hint(&command);
        if ui.small_button(text).on_hover_text(tip).clicked() {
            out.push(command);
        }
    }
    ui.spacing_mut().item_spacing.x = spacing;
}

/// The zoom as the status bar shows it: whole percents, but with the first figures that
/// are not zero below 10%, so a fitted large tree does not read "0%".
pub(super) fn zoom_text(zoom: f32) -> String {
    let percent = zoom * 100.0;
    if percent >= 9.95 {
        format!("{percent:.0}%")
    } else if percent >= 0.995 {
        format!("{percent:.1}%")
    } else {
        format!("{percent:.2}%")
    }
}

#[cfg(test)]
mod tests {
    use super::zoom_text;

    #[test]
    fn small_zooms_keep_their_first_figures() {
        assert_eq!(zoom_text(1.0), "100%");
        assert_eq!(zoom_text(0.5), "50%");
        assert_eq!(zoom_text(0.1), "10%");
        assert_eq!(zoom_text(0.0994), "9.9%");
        assert_eq!(zoom_text(0.012), "1.2%");
        assert_eq!(zoom_text(0.0042), "0.42%");
    }
}
