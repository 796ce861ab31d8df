//! How far to trust what a node says: an outcome's lifecycle (shown before anything
//! else when it cannot be taken) and the age of every source behind a node.

use egui::{Color32, RichText, Ui};
use egui_commonmark::CommonMarkCache;
use jiff::civil::Date;

use super::commands::Command;
use crate::model::{Freshness, Node, Outcome, Status, Tree, is_web_link};
use crate::view::palette;

/// An outcome that is not current: its status and date, what it means, and a link to
/// the outcome that replaces it. Nothing for a current outcome.
pub(super) fn lifecycle_banner(
    ui: &mut Ui,
    tree: &Tree,
    outcome: &Outcome,
    markdown: &mut CommonMarkCache,
    out: &mut Vec<Command>,
) {
    let lifecycle = &outcome.lifecycle;
    if lifecycle.status == Status::Current {
        return;
    }
    let color = palette::lifecycle(lifecycle.status);
    egui::Frame::new()
        .fill(color.gamma_multiply(0.12))
        .stroke(egui::Stroke::new(1.5, color))
        .corner_radius(4.0)
        .inner_margin(egui::Margin::same(8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(lifecycle.headline().to_uppercase())
                    .small()
                    .strong()
                    .color(color),
            );
            ui.label(RichText::new(consequence(lifecycle.status)).strong());
            if !lifecycle.note.trim().is_empty() {
                super::markdown::show(ui, markdown, &lifecycle.note);
            }
            replacement_link(ui, tree, &lifecycle.replaced_by, out);
        });
    ui.add_space(6.0);
}

/// What the status means for someone choosing today.
fn consequence(status: Status) -> &'static str {
    match status {
        Status::Current => "",
        Status::Legacy => "Still offered, but no longer where the vendor invests.",
        Status::ClosedToNew => "Only existing customers can use it; new ones cannot start.",
        Status::Retired => "No longer offered to anyone.",
    }
}

fn replacement_link(ui: &mut Ui, tree: &Tree, id: &str, out: &mut Vec<Command>) {
    if id.is_empty() {
        return;
    }
    match tree.find(id).filter(|&i| tree.graph()[i].is_outcome()) {
        Some(index) => {
            let title = tree.graph()[index].label();
            let button = ui
                .button(format!("Show the replacement: {title}"))
                .on_hover_text("Show the replacement's notes in the graph");
            if button.clicked() {
                out.push(Command::GoTo(index));
            }
        }
        None => {
            ui.colored_label(
                palette::WARNING,
                format!("The replacement \"{id}\" is not an outcome in this tree."),
            );
        }
    }
}

/// A node's sources: each a link with how long ago it was read, stale ones and
/// unverified ones marked.
pub(super) fn sources(ui: &mut Ui, node: &Node, today: Date, review_months: u32) {
    if node.sources.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.label(RichText::new("Sources").strong());
    for s in &node.sources {
        let freshness = Freshness::of(&s.checked, today, review_months);
        ui.horizontal_wrapped(|ui| {
            if is_web_link(&s.url) {
                ui.hyperlink_to(&s.title, &s.url).on_hover_text(&s.url);
            } else {
                ui.label(&s.title).on_hover_text(format!(
                    "{} (not opened: only http and https links open)",
                    s.url
                ));
            }
            let (text, color) = age_text(&freshness);
            let label = match color {
                Some(c) => ui.label(RichText::new(text).small().color(c)),
                None => ui.label(RichText::new(text).small().weak()),
            };
            label.on_hover_text(age_hint(&s.checked, &freshness, review_months));
        });
    }
}

/// The words beside a source and their colour (`None`: the weak text colour).
fn age_text(freshness: &Freshness) -> (String, Option<Color32>) {
    match freshness {
        Freshness::Fresh(age) => (format!("checked {age}"), None),
        Freshness::Stale(age) => (format!("⚠ stale: checked {age}"), Some(palette::WARNING)),
        Freshness::Unverified => ("unverified".to_owned(), Some(palette::WARNING)),
        Freshness::Unreadable => ("checked date unreadable".to_owned(), Some(palette::WARNING)),
        Freshness::Future(date) => (format!("checked {date}?"), Some(palette::WARNING)),
    }
}

fn age_hint(checked: &str, freshness: &Freshness, review_months: u32) -> String {
    let interval = format!("The tree asks for a look every {review_months} months.");
    match freshness {
        Freshness::Fresh(_) | Freshness::Stale(_) => {
            format!("Read on {checked}. {interval}")
        }
        Freshness::Unverified => {
            "Nobody has recorded reading this page: what it backs is unconfirmed.".to_owned()
        }
        Freshness::Unreadable => format!("\"{checked}\" is not a date written YYYY-MM-DD."),
        Freshness::Future(_) => format!("{checked} is after today: the date is wrong."),
    }
}

impl super::App {
    /// Every source that needs another look (stale, unverified, or with a date that
    /// does not read), stalest first, each with the node that cites it.
    pub(super) fn sources_dialog(&mut self, ui: &mut Ui) -> bool {
        let mut close = false;
        let tree = self.doc.tree();
        let months = tree.review_months();
        let ages = tree.source_ages(self.doc.today);
        let mut due: Vec<_> = ages
            .iter()
            .filter(|a| !matches!(a.freshness, Freshness::Fresh(_)))
            .collect();
        // Stale ones first, oldest first; then the ones nobody has dated.
        due.sort_by_key(|a| (!a.freshness.is_stale(), a.checked));
        ui.heading("Sources to review");
        let stale = due.iter().filter(|a| a.freshness.is_stale()).count();
        ui.label(format!(
            "{} source{}: {stale} stale (read more than {months} months ago), {} unverified or \
             undated, {} fresh.",
            ages.len(),
            super::plural(ages.len()),
            due.len() - stale,
            ages.len() - due.len(),
        ));
        ui.add_space(6.0);
        if due.is_empty() {
            ui.label(RichText::new("✔ Every source was read recently.").color(palette::OUTCOME));
        }
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .show(ui, |ui| {
                for a in &due {
                    let node = &tree.graph()[a.node];
                    ui.horizontal_wrapped(|ui| {
                        if ui.link(node.label()).on_hover_text(&node.id).clicked() {
                            self.commands.push(Command::GoTo(a.node));
                            close = true;
                        }
                        ui.label("·");
                        if is_web_link(&a.source.url) {
                            ui.hyperlink_to(&a.source.title, &a.source.url)
                                .on_hover_text(&a.source.url);
                        } else {
                            ui.label(&a.source.title);
                        }
                        let (text, color) = age_text(&a.freshness);
                        ui.label(
                            RichText::new(text)
                                .small()
                                .color(color.unwrap_or(palette::WARNING)),
                        );
                    });
                }
            });
        ui.add_space(6.0);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("tradeoff sources FILE --check").monospace());
            ui.weak("asks every address whether it still answers.");
        });
        if ui.button("Close").clicked() {
            close = true;
        }
        close
    }
}
