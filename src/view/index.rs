//! Where the drawn node boxes and answers are on the canvas, in R-trees, so that a frame
//! visits only what is in view and a hit test does not scan every node: at 100,000
//! nodes a frame's cost then follows what is on screen, not the size of the tree.

use egui::{Pos2, Rect};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};

/// A box and the position of what it bounds in the view's lists.
type Entry = GeomWithData<Rectangle<[f32; 2]>, usize>;

fn entry(r: Rect, k: usize) -> Entry {
    GeomWithData::new(Rectangle::from_corners(r.min.into(), r.max.into()), k)
}

fn envelope(r: Rect) -> AABB<[f32; 2]> {
    AABB::from_corners(r.min.into(), r.max.into())
}

/// The node boxes (by copy) and answers (by their bounds), bulk-loaded once per build.
#[derive(Default)]
pub(super) struct SpatialIndex {
    nodes: RTree<Entry>,
    answers: RTree<Entry>,
}

impl SpatialIndex {
    pub(super) fn new(
        nodes: impl Iterator<Item = Rect>,
        answers: impl Iterator<Item = Rect>,
    ) -> Self {
        let entries = |rects: &mut dyn Iterator<Item = Rect>| -> Vec<Entry> {
            rects
                .enumerate()
                .filter(|(_, r)| r.is_finite())
                .map(|(k, r)| entry(r, k))
                .collect()
        };
        let (mut nodes, mut answers) = (nodes, answers);
        Self {
            nodes: RTree::bulk_load(entries(&mut nodes)),
            answers: RTree::bulk_load(entries(&mut answers)),
        }
    }

    /// The copies whose boxes meet `r`, in no particular order.
    pub(super) fn nodes_in(&self, r: Rect) -> impl Iterator<Item = usize> + '_ {
        self.nodes
            .locate_in_envelope_intersecting(&envelope(r))
            .map(|e| e.data)
    }

    /// The answers whose bounds meet `r`, in no particular order.
    pub(super) fn answers_in(&self, r: Rect) -> impl Iterator<Item = usize> + '_ {
        self.answers
            .locate_in_envelope_intersecting(&envelope(r))
            .map(|e| e.data)
    }

    /// The first copy (in drawing order) whose box holds `p`.
    pub(super) fn node_at(&self, p: Pos2) -> Option<usize> {
        self.nodes
            .locate_all_at_point(&[p.x, p.y])
            .map(|e| e.data)
            .min()
    }
}
