//! The keyboard and the window: shortcuts (from `Command::catalog`, most specific
//! first), where Tab starts, dropped files and the close button.

use super::*;

impl App {
    /// Reads keyboard shortcuts into commands, most specific first. While a text field
    /// has focus, bare keys (digits, Backspace, Home, F, Delete, F3) and the field's own
    /// undo belong to it; while any widget has focus, so do the arrows (egui moves the
    /// focus with them) and Enter (it presses the focused button). While a dialog or the
    /// palette is open only Quit counts.
    pub(super) fn shortcuts(&mut self, ctx: &egui::Context, state: &commands::State) {
        let typing = ctx.text_edit_focused();
        let focused = ctx.memory(|m| m.focused().is_some());
        let blocked = self.dialogs.modal.is_some() || self.session.palette.is_some();
        for (shortcut, command) in commands::by_specificity() {
            if blocked && command != Command::Quit {
                continue;
            }
            let field_owns =
                command.is_bare_key() || matches!(command, Command::Undo | Command::Redo);
            let focus_owns = matches!(command, Command::SelectToward(_) | Command::ChooseSelected);
            if (typing && field_owns) || (focused && focus_owns) || !command.available(state) {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.commands.push(command);
            }
        }
        if typing || blocked || !self.session.editing {
            return;
        }
        // Copy, cut and paste arrive as events (the platform's keys, or a menu).
        let (copy, cut, paste) = ctx.input_mut(|i| {
            let (mut copy, mut cut, mut paste) = (false, false, false);
            i.events.retain(|e| {
                let flag = match e {
                    egui::Event::Copy => &mut copy,
                    egui::Event::Cut => &mut cut,
                    egui::Event::Paste(_) => &mut paste,
                    _ => return true,
                };
                *flag = true;
                false
            });
            (copy, cut, paste)
        });
        for (flag, command) in [
            (copy, Command::Copy),
            (cut, Command::Cut),
            (paste, Command::Paste),
        ] {
            if flag {
                self.commands.push(command);
            }
        }
    }

    /// With nothing focused, Tab goes to the current question's first answer rather than
    /// the menu bar: the walk is what the window is for.
    pub(super) fn tab_starts_at_the_answers(&mut self, ctx: &egui::Context) {
        if self.dialogs.modal.is_some()
            || self.session.palette.is_some()
            || !self.settings.show_walk
        {
            return;
        }
        let tree = self.doc.tree();
        let has_answers = self
            .session
            .walk
            .current(tree)
            .is_some_and(|c| tree.answer_count(c) > 0);
        if has_answers
            && ctx.memory(|m| m.focused().is_none())
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Tab))
        {
            self.session.focus_answers = true;
        }
    }

    pub(super) fn dropped_files(&mut self, ctx: &egui::Context) {
        // A dialog may hold indices into the open tree; it is answered first.
        if self.dialogs.modal.is_some() {
            return;
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.commands.push(Command::OpenPath(path));
        }
    }

    pub(super) fn close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && self.doc.dirty()
            && !self.dialogs.closing
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialogs.modal = Some(Modal::Unsaved {
                then: Command::Quit,
            });
        }
    }
}
