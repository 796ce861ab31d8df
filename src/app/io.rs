//! Files: opening (with problems shown in the editor), saving atomically and warning
//! about what was saved, restoring recovered work, and the recovery copies.

use super::*;

impl App {
    /// Opens a file that has validation errors, so they can be fixed in the editor.
    pub(super) fn open_for_repair(&mut self, path: &Path) {
        match format::load_path_lenient(path) {
            Ok(loaded) => {
                self.settings.remember(path);
                self.replace(loaded.tree, Some(path.to_owned()));
                self.doc.stamp = format::file_stamp(path);
                self.session.editing = true;
                self.notice = format!(
                    "Opened {} for repair: see the problems below",
                    path.display()
                );
            }
            Err(e) => {
                self.dialogs.modal = Some(Modal::Error {
                    title: format!("Could not open {}", path.display()),
                    message: e.to_string(),
                    repair: None,
                });
            }
        }
    }

    /// Brings back work from a recovery copy. It stays unsaved until the user saves.
    pub(super) fn restore(&mut self, path: &Path) {
        match recovery::read(path) {
            Ok((original, tree)) => {
                self.replace(tree, original);
                self.doc.saved = u64::MAX;
                if let Some(r) = self.recovery.as_mut() {
                    r.adopt(path);
                }
                self.notice = "Restored unsaved work: save it to keep it".to_owned();
            }
            Err(e) => {
                self.dialogs.modal = Some(Modal::Error {
                    title: "Could not restore".to_owned(),
                    message: e,
                    repair: None,
                });
            }
        }
    }

    /// Writes or removes this app's recovery copy, and wakes the app when one is due.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        if self.dialogs.closing {
            return;
        }
        let Some(recovery) = self.recovery.as_mut() else {
            return;
        };
        let due = recovery.tick(
            self.doc.tree(),
            self.doc.path.as_deref(),
            self.doc.history.revision(),
            self.doc.dirty(),
        );
        if let Some(wait) = due {
            ctx.request_repaint_after(wait);
        }
    }

    /// Loads a file; on failure the open tree stays as it was and the error is shown.
    /// A tree with validation errors (one this app saved mid-edit, say) opens straight
    /// into the editor with its problems listed, rather than behind an error.
    pub(super) fn open_path(&mut self, path: &Path) {
        // Mermaid and DOT files open as imports: a new tree, not the file itself.
        if exchange::is_importable(path) {
            self.import_path(path);
            return;
        }
        match format::load_path_lenient(path) {
            Ok(loaded) => {
                self.settings.remember(path);
                let (errors, warnings) = loaded.counts();
                let problems = loaded.problems.into_iter().map(|p| p.problem).collect();
                self.replace_validated(loaded.tree, Some(path.to_owned()), Some(problems));
                self.doc.stamp = format::file_stamp(path);
                self.doc.old_version =
                    (loaded.version < format::FORMAT_VERSION).then_some(loaded.version);
                if errors > 0 {
                    self.session.editing = true;
                    self.set_selection(self.session.walk.current(self.doc.tree()));
                    self.notice = format!(
                        "Opened {} with {errors} error{}: fix {} in the editor (listed below)",
                        path.display(),
                        plural(errors),
                        if errors == 1 { "it" } else { "them" }
                    );
                } else {
                    self.notice = format!(
                        "Opened {}{}{}",
                        path.display(),
                        if warnings > 0 {
                            format!(" ({warnings} warning{})", plural(warnings))
                        } else {
                            String::new()
                        },
                        match self.doc.old_version {
                            Some(v) => format!(
                                "; it is in format version {v}, and saving writes version {}",
                                format::FORMAT_VERSION
                            ),
                            None => String::new(),
                        }
                    );
                }
            }
            Err(e) => {
                if matches!(e, LoadError::Io { .. } | LoadError::NotAFile { .. }) {
                    self.settings.forget(path);
                }
                let repairable = matches!(e, LoadError::Invalid { .. }).then(|| path.to_owned());
                self.dialogs.modal = Some(Modal::Error {
                    title: format!("Could not open {}", path.display()),
                    message: format!("{e}\n\nThe tree that was open is unchanged."),
                    repair: repairable,
                });
            }
        }
    }

    pub(super) fn replace(&mut self, tree: Tree, path: Option<PathBuf>) {
        self.replace_validated(tree, path, None);
    }

    /// `replace`, with the tree's problems when they are known already.
    fn replace_validated(
        &mut self,
        tree: Tree,
        path: Option<PathBuf>,
        problems: Option<Vec<crate::model::Problem>>,
    ) {
        if matches!(
            self.dialogs.modal,
            Some(Modal::AskLabel { .. } | Modal::Delete { .. })
        ) {
            self.dialogs.modal = None;
        }
        self.doc = Document::validated(tree, path, problems);
        if let Some(today) = self.today_override {
            self.doc.set_today(today);
        }
        self.session.walk = Walk::new();
        // A comparison, and the walk's history, are of the tree that was open.
        self.session.comparison = None;
        self.session.route = None;
        self.session.walk_history.clear();
        self.session.rewound = None;
        self.session.saved_walks.clear();
        let saved = self.settings.weights.get(&self.doc.tree().title);
        self.session.weighing.reset(saved.map(weigh::from_saved));
        self.set_selection(None);
        self.session.collapsed.clear();
        self.stage.relayout = true;
        self.stage.restyle = true;
        self.stage.start_view_pending = true;
        self.stage.fit_pending = false;
        self.stage.view_anim = None;
        self.stage.answer_choice = None;
        self.stage.anchor = None;
        self.notice.clear();
    }

    /// Saves atomically; on failure the old file is intact and the error is shown. A
    /// file that changed on disk since it was opened or saved here is not overwritten
    /// without asking.
    pub(super) fn save_to(&mut self, path: &Path) -> bool {
        let overwrite = std::mem::take(&mut self.dialogs.overwrite_ok);
        if !overwrite
            && self.doc.path.as_deref() == Some(path)
            && self
                .doc
                .stamp
                .as_ref()
                .is_some_and(|stamp| format::changed_since(path, stamp))
        {
            self.dialogs.modal = Some(Modal::ChangedOnDisk {
                path: path.to_owned(),
            });
            return false;
        }
        let text = format::to_json(self.doc.tree());
        match format::write_atomic_with(path, text.as_bytes(), true, &self.save_faults) {
            Ok(()) => {
                self.doc.path = Some(path.to_owned());
                self.doc.stamp = format::file_stamp(path);
                self.doc.mark_saved();
                self.doc.history.seal();
                if let Some(next) = self.dialogs.after_save.take() {
                    self.commands.push(next);
                }
                if let Some(r) = self.recovery.as_mut() {
                    r.clear();
                }
                self.settings.remember(path);
                let migrated = self
                    .doc
                    .old_version
                    .take()
                    .map(|v| migrated_notice(path, v));
                self.notice = migrated
                    .clone()
                    .unwrap_or_else(|| format!("Saved {}", path.display()));
                self.warn_if_invalid(path);
                // Saved with errors: the dialog says so, and must not hide the migration.
                if let (Some(note), Some(Modal::Error { message, .. })) =
                    (migrated, self.dialogs.modal.as_mut())
                {
                    message.push_str("\n\n");
                    message.push_str(&note);
                }
                true
            }
            Err(e) => {
                self.dialogs.modal = Some(Modal::Error {
                    title: "Could not save".to_owned(),
                    message: format!("{e}\n\nNothing was overwritten; your tree is still open."),
                    repair: None,
                });
                false
            }
        }
    }

    /// After a save: a tree with errors was written as it is (the work is kept), but
    /// the user is told what that file now is.
    pub(super) fn warn_if_invalid(&mut self, path: &Path) {
        let errors: Vec<&Problem> = self
            .doc
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        if errors.is_empty() {
            return;
        }
        const LISTED: usize = 10;
        let mut message = format!(
            "{} was saved, but the tree has {} error{}. Until {} fixed, `tradeoff validate` \
             and `tradeoff walk` refuse the file, and Tradeoff opens it in the editor with \
             the problems listed.\n",
            path.display(),
            errors.len(),
            plural(errors.len()),
            if errors.len() == 1 {
                "it is"
            } else {
                "they are"
            }
        );
        for p in errors.iter().take(LISTED) {
            message.push_str(&format!("\n  ✖ {}: {}", p.location(), p.message()));
        }
        if errors.len() > LISTED {
            message.push_str(&format!("\n  … and {} more", errors.len() - LISTED));
        }
        self.notice = format!(
            "Saved {} with {} error{}",
            path.display(),
            errors.len(),
            plural(errors.len())
        );
        self.dialogs.modal = Some(Modal::Error {
            title: format!("Saved, with {} error{}", errors.len(), plural(errors.len())),
            message,
            repair: None,
        });
    }
}

/// What the first save of a file from an older format version says: which version it is
/// now, where the old file went, and who cannot read the new one.
fn migrated_notice(path: &Path, was: u32) -> String {
    let now = format::FORMAT_VERSION;
    let backup = format::backup_path(path);
    let kept = if backup.exists() {
        format!("; the version {was} file is kept as {}", backup.display())
    } else {
        String::new()
    };
    format!(
        "Saved {} in format version {now} (it was version {was}{kept}). Older builds of \
         Tradeoff cannot open version {now} files.",
        path.display()
    )
}
