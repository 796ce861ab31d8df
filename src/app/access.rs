//! What the app lets panels and tests read: the tree, the walk, the view and where
//! things are on screen. Nothing here changes state, apart from the test hook for save
//! faults.

use super::*;

impl App {
    pub fn tree(&self) -> &Tree {
        self.doc.tree()
    }

    pub fn walk(&self) -> &Walk {
        &self.session.walk
    }

    pub fn path(&self) -> Option<&Path> {
        self.doc.path.as_deref()
    }

    pub fn is_dirty(&self) -> bool {
        self.doc.dirty()
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn selected(&self) -> Option<NodeIndex> {
        self.selection()
    }

    /// What the status bar says.
    pub fn notice(&self) -> &str {
        &self.notice
    }

    /// The saved walks Compare shows, by name, with the id of the node each ends at.
    pub fn saved_walks(&self) -> Vec<(String, Option<String>)> {
        let tree = self.doc.tree();
        let end = |w: &Walk| {
            w.current(tree)
                .and_then(|n| tree.node(n))
                .map(|n| n.id.clone())
        };
        self.session
            .saved_walks
            .iter()
            .map(|s| (s.name.clone(), end(&s.walk)))
            .collect()
    }

    /// The Compare panel's rows, by outcome id, in the order shown.
    pub fn compare_rows(&self) -> Vec<&str> {
        let tree = self.doc.tree();
        let rows = &self.session.weighing.rows;
        rows.iter()
            .filter_map(|r| tree.node(r.outcome).map(|n| n.id.as_str()))
            .collect()
    }

    /// The weights the user set, or the tree's even ones.
    pub fn weights(&self) -> crate::model::rank::Weights {
        self.session.weighing.weights(self.doc.tree())
    }

    pub fn is_editing(&self) -> bool {
        self.session.editing
    }

    pub fn can_undo(&self) -> bool {
        self.doc.history.can_undo()
    }

    /// Whether the command palette is open.
    pub fn is_palette_open(&self) -> bool {
        self.session.palette.is_some()
    }

    pub fn problems(&self) -> &[Problem] {
        &self.doc.problems
    }

    /// The laid-out graph, once the first frame has drawn it.
    pub fn view(&self) -> Option<&TreeView> {
        self.stage.view.as_ref()
    }

    /// The canvas zoom (1.0 is 100%).
    pub fn zoom(&self) -> f32 {
        self.stage.zoom
    }

    /// The part of the window the tree can be seen in, in screen coordinates.
    pub fn visible_canvas(&self) -> Option<egui::Rect> {
        self.stage.canvas_transform.map(|(rect, _, _)| rect)
    }

    /// Where the minimap was drawn in the last frame, when it is shown.
    pub fn minimap_rect(&self) -> Option<egui::Rect> {
        self.stage.minimap_rect
    }

    /// The answers offered in the popup after a click on a node several of them lead to.
    pub fn offered_answers(&self) -> Vec<crate::model::EdgeIndex> {
        self.stage
            .answer_choice
            .as_ref()
            .map(canvas::AnswerChoice::edges)
            .unwrap_or_default()
    }

    /// Where a node was drawn on screen in the last frame.
    pub fn node_screen_rect(&self, node: NodeIndex) -> Option<egui::Rect> {
        let r = self.stage.view.as_ref()?.rect_of(node)?;
        self.canvas_to_screen(r)
    }

    /// Every place a node was drawn on screen in the last frame (a shared outcome may
    /// be drawn once per answer).
    pub fn node_screen_rects(&self, node: NodeIndex) -> Vec<egui::Rect> {
        let Some(view) = self.stage.view.as_ref() else {
            return Vec::new();
        };
        view.rects_of(node)
            .into_iter()
            .filter_map(|r| self.canvas_to_screen(r))
            .collect()
    }

    /// Where the node answer `edge` leads to was drawn on screen in the last frame (the
    /// copy that answer reaches, when shared outcomes are repeated).
    pub fn answer_target_screen_rect(&self, edge: crate::model::EdgeIndex) -> Option<egui::Rect> {
        let r = self
            .stage
            .view
            .as_ref()?
            .answer_target_rect(self.doc.tree(), edge)?;
        self.canvas_to_screen(r)
    }

    pub(super) fn canvas_to_screen(&self, r: egui::Rect) -> Option<egui::Rect> {
        let (rect, zoom, pan) = self.stage.canvas_transform?;
        let map = |p: egui::Pos2| rect.min + pan + p.to_vec2() * zoom;
        Some(egui::Rect::from_min_max(map(r.min), map(r.max)))
    }

    /// The window title: tree title, file name, and a dot while there are unsaved changes.
    pub fn window_title(&self) -> String {
        let mark = if self.doc.dirty() { " ●" } else { "" };
        format!(
            "{} — {}{mark} — {APP_NAME}",
            self.doc.tree().title,
            self.doc.file_name()
        )
    }

    /// Makes the following saves fail as `faults` says (a full disk, a read-only
    /// folder), for the tests of failing saves.
    #[doc(hidden)]
    /// Measures the age of sources to `today` instead of the real date (tests).
    pub fn set_today(&mut self, today: jiff::civil::Date) {
        self.today_override = Some(today);
        self.doc.set_today(today);
    }

    pub fn inject_save_faults(&mut self, faults: format::Faults) {
        self.save_faults = faults;
    }
}
