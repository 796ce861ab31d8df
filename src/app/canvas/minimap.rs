//! The minimap: where it sits on the canvas, how it maps the tree, how it is drawn at
//! any size of tree, and moving the view by clicking or dragging on it.

use egui::{Color32, Painter, Pos2, Rect, Sense, Stroke, Vec2, Visuals};

use super::position::{Room, ViewPos};
use crate::app::App;
use crate::view::{self, Highlight, NodeView, TreeView, ViewKind, palette};

/// The largest the minimap gets, and its distance from the canvas corner.
const MINIMAP_MAX: Vec2 = Vec2::new(220.0, 150.0);
const MINIMAP_INSET: f32 = 10.0;
const MINIMAP_PAD: f32 = 6.0;
/// Up to this many nodes the minimap draws each one; past it, a grid of cells.
const MINIMAP_EXACT: usize = 2_000;
/// The side of a minimap cell, in points.
const MINIMAP_CELL: f32 = 2.0;
/// The walk's colour, as the graph draws it.
const PATH_COLOR: Color32 = Color32::from_rgb(0xf5, 0x9e, 0x0b);

/// Where the minimap goes: the canvas's bottom-right corner, shaped like the tree.
pub(super) fn minimap_rect(canvas: Rect, bounds: Rect) -> Option<Rect> {
    if !bounds.is_finite() || bounds.width() <= 0.0 || bounds.height() <= 0.0 {
        return None;
    }
    let scale = (MINIMAP_MAX.x / bounds.width()).min(MINIMAP_MAX.y / bounds.height());
    let size = (bounds.size() * scale).max(Vec2::splat(40.0)) + Vec2::splat(2.0 * MINIMAP_PAD);
    // On a canvas this small the minimap would hide what it maps.
    if canvas.width() < 2.5 * size.x || canvas.height() < 2.5 * size.y {
        return None;
    }
    Some(Rect::from_min_size(
        canvas.right_bottom() - size - Vec2::splat(MINIMAP_INSET),
        size,
    ))
}

/// The room `canvas` leaves for content when the minimap is at `minimap`: fit and
/// follow keep clear of it and of the gap around it.
pub(super) fn room(canvas: Rect, minimap: Option<Rect>) -> Room {
    Room {
        size: canvas.size(),
        cover: minimap.map(|m| m.translate(-canvas.min.to_vec2()).expand(MINIMAP_INSET)),
    }
}

/// Maps canvas coordinates into the minimap and back.
struct MinimapMap {
    origin: Vec2,
    scale: f32,
}

impl MinimapMap {
    fn new(minimap: Rect, bounds: Rect) -> Self {
        let inner = minimap.shrink(MINIMAP_PAD);
        let scale = (inner.width() / bounds.width()).min(inner.height() / bounds.height());
        Self {
            origin: inner.center().to_vec2() - bounds.center().to_vec2() * scale,
            scale,
        }
    }

    fn to_map(&self, p: Pos2) -> Pos2 {
        (p.to_vec2() * self.scale + self.origin).to_pos2()
    }

    fn to_canvas(&self, p: Pos2) -> Pos2 {
        ((p.to_vec2() - self.origin) / self.scale).to_pos2()
    }
}

impl App {
    /// Draws the minimap and moves the view to where it is clicked or dragged.
    pub(super) fn minimap(
        &mut self,
        ui: &mut egui::Ui,
        tree_view: &TreeView,
        minimap: Rect,
        canvas: Rect,
        room: Room,
        pos: ViewPos,
    ) {
        let map = MinimapMap::new(minimap, tree_view.bounds);
        self.minimap_input(ui, &map, minimap, canvas, room, pos);

        let painter = ui.painter_at(canvas);
        let visuals = ui.visuals();
        painter.rect(
            minimap,
            4.0,
            visuals.extreme_bg_color,
            visuals.widgets.noninteractive.bg_stroke,
            egui::StrokeKind::Inside,
        );
        if tree_view.graph.node_count() <= MINIMAP_EXACT {
            paint_nodes(&painter, visuals, tree_view, &map);
        } else {
            paint_cells(
                &painter,
                visuals,
                tree_view,
                &map,
                minimap.shrink(MINIMAP_PAD),
            );
        }
        paint_seen(&painter, visuals, &map, minimap, room, pos);
    }

    /// Centres the view on the point clicked or dragged to, at once: the user is
    /// steering, so an animation would lag behind the pointer.
    fn minimap_input(
        &mut self,
        ui: &mut egui::Ui,
        map: &MinimapMap,
        minimap: Rect,
        canvas: Rect,
        room: Room,
        pos: ViewPos,
    ) {
        let response = ui.interact(minimap, ui.id().with("minimap"), Sense::click_and_drag());
        let cursor = if response.dragged() {
            egui::CursorIcon::Grabbing
        } else {
            egui::CursorIcon::Grab
        };
        let response = response
            .on_hover_cursor(cursor)
            .on_hover_text("The whole tree: click or drag to move the view");
        if (response.dragged() || response.clicked())
            && let Some(p) = response.interact_pointer_pos()
        {
            let to = pos.centred(map.to_canvas(p), room.local().center());
            let mut meta = view::load_meta(ui);
            meta.pan = to.pan;
            view::save_meta(ui, meta);
            self.stage.canvas_transform = Some((canvas, to.zoom, to.pan));
            self.stage.view_anim = None;
            ui.ctx().request_repaint();
        }
    }
}

/// A node's colour on the minimap, with its priority where nodes share a cell: the
/// walk first, then problems, then everything else, and ruled-out nodes last.
fn minimap_color(v: &NodeView, visuals: &Visuals) -> (u8, Color32) {
    match (v.highlight, v.kind) {
        (Highlight::Current | Highlight::Path, _) => (3, PATH_COLOR),
        (_, ViewKind::Missing) => (2, palette::ERROR),
        (Highlight::RuledOut, _) => (0, visuals.weak_text_color().gamma_multiply(0.5)),
        (_, ViewKind::Outcome) => (1, palette::OUTCOME),
        (_, ViewKind::Question) => (1, v.accent),
    }
}

/// Draws each node as a small box, for trees small enough that this is cheap.
fn paint_nodes(painter: &Painter, visuals: &Visuals, tree_view: &TreeView, map: &MinimapMap) {
    for (_, node) in tree_view.graph.nodes_iter() {
        let r = Rect::from_center_size(
            map.to_map(node.location()),
            (node.payload().size * map.scale).max(Vec2::splat(2.0)),
        );
        painter.rect_filled(r, 1.0, minimap_color(node.payload(), visuals).1);
    }
}

/// Draws the tree as a grid of cells over `inner` (the minimap without its padding).
///
/// Thousands of nodes share each pixel of the map: each cell is drawn once, in the
/// colour of the most important node in it (the path first), so the map costs the same
/// to draw at any size of tree.
fn paint_cells(
    painter: &Painter,
    visuals: &Visuals,
    tree_view: &TreeView,
    map: &MinimapMap,
    inner: Rect,
) {
    let cols = (inner.width() / MINIMAP_CELL).ceil().max(1.0) as usize;
    let rows = (inner.height() / MINIMAP_CELL).ceil().max(1.0) as usize;
    let mut cells: Vec<Option<(u8, Color32)>> = vec![None; cols * rows];
    let cell_of = |x: f32, y: f32| {
        let c = ((x - inner.min.x) / MINIMAP_CELL).clamp(0.0, (cols - 1) as f32) as usize;
        let r = ((y - inner.min.y) / MINIMAP_CELL).clamp(0.0, (rows - 1) as f32) as usize;
        (c, r)
    };
    for (_, node) in tree_view.graph.nodes_iter() {
        let v = node.payload();
        let r = Rect::from_center_size(map.to_map(node.location()), v.size * map.scale);
        let (c0, r0) = cell_of(r.min.x, r.min.y);
        let (c1, r1) = cell_of(r.max.x, r.max.y);
        let (prio, color) = minimap_color(v, visuals);
        for row in r0..=r1 {
            for col in c0..=c1 {
                let cell = &mut cells[row * cols + col];
                if cell.is_none_or(|(p, _)| p < prio) {
                    *cell = Some((prio, color));
                }
            }
        }
    }
    for (k, cell) in cells.iter().enumerate() {
        if let Some((_, color)) = cell {
            let min = inner.min + Vec2::new((k % cols) as f32, (k / cols) as f32) * MINIMAP_CELL;
            painter.rect_filled(
                Rect::from_min_size(min, Vec2::splat(MINIMAP_CELL)),
                0.0,
                *color,
            );
        }
    }
}

/// Outlines the part of the tree in view.
fn paint_seen(
    painter: &Painter,
    visuals: &Visuals,
    map: &MinimapMap,
    minimap: Rect,
    room: Room,
    pos: ViewPos,
) {
    let seen = Rect::from_min_max(
        map.to_map(pos.to_canvas(Pos2::ZERO)),
        map.to_map(pos.to_canvas(room.local().max)),
    )
    .intersect(minimap.shrink(1.0));
    if seen.is_positive() {
        let accent = visuals.selection.stroke.color;
        painter.rect(
            seen,
            2.0,
            accent.gamma_multiply(0.12),
            Stroke::new(1.5, accent),
            egui::StrokeKind::Inside,
        );
    }
}
