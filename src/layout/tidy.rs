//! Breadth coordinates of the layout forest: Walker's tidy tree in the linear-time form of
//! Buchheim, Jünger and Leipert ("Improving Walker's algorithm to run in linear time"),
//! made size-aware through the separation between two contour nodes.
//!
//! Levels are aligned, so comparing two subtrees only needs the rightmost node of the left
//! one and the leftmost node of the right one on each shared level; the contours are
//! walked through threads and never copied, which keeps deep chains linear. Both walks are
//! loops over a precomputed preorder, so tree depth never touches the call stack.

use super::forest::{Forest, NONE};

/// Gaps between the facing edges of neighbouring nodes on one level.
#[derive(Debug, Clone, Copy)]
pub(super) struct Gaps {
    /// Between siblings.
    pub sibling: f64,
    /// Between any other neighbours, including separate roots.
    pub cousin: f64,
}

/// Breadth coordinate of each node's centre, with the first root at 0. Unreachable nodes
/// get 0; the caller ignores them.
pub(super) fn breadth_positions(forest: &Forest, extent: &[f64], gaps: Gaps) -> Vec<f64> {
    let n = forest.level.len();
    let mut tidy = Tidy::new(forest, extent, gaps);
    let preorder = tidy.preorder();

    // Reversing a preorder that visits children right to left gives a postorder that
    // visits them left to right, which is what the first walk needs: a node's left
    // siblings and all of its children are placed before it is.
    for &v in preorder.iter().rev() {
        tidy.first_walk(v);
    }
    let virtual_root = tidy.virtual_root;
    tidy.execute_shifts(virtual_root);
    if let Some(&first) = forest.roots.first() {
        tidy.modifier[virtual_root] = -tidy.prelim[first];
    }

    let mut x = vec![0.0; n];
    for &v in &preorder {
        let inherited = tidy.modifier[tidy.parent[v]];
        x[v] = tidy.prelim[v] + inherited;
        tidy.modifier[v] += inherited;
    }
    x
}

/// Working state of the algorithm, one slot per node plus one for a virtual root whose
/// children are the forest's roots, so several roots are packed like any other siblings.
struct Tidy<'a> {
    forest: &'a Forest,
    extent: &'a [f64],
    gaps: Gaps,
    virtual_root: usize,
    /// Layout parent, with roots under the virtual root.
    parent: Vec<usize>,
    /// Index of the node among its siblings.
    number: Vec<usize>,
    prelim: Vec<f64>,
    modifier: Vec<f64>,
    change: Vec<f64>,
    shift: Vec<f64>,
    thread: Vec<usize>,
    ancestor: Vec<usize>,
    /// Per parent: the default ancestor of the children merged so far.
    default_ancestor: Vec<usize>,
}

impl<'a> Tidy<'a> {
    fn new(forest: &'a Forest, extent: &'a [f64], gaps: Gaps) -> Self {
        let n = forest.level.len();
        let virtual_root = n;
        let mut parent = forest.parent.clone();
        parent.push(NONE);
        let mut number = vec![0; n + 1];
        for (i, &r) in forest.roots.iter().enumerate() {
            parent[r] = virtual_root;
            number[r] = i;
        }
        for v in 0..n {
            for (i, &c) in forest.children(v).iter().enumerate() {
                number[c] = i;
            }
        }
        Self {
            forest,
            extent,
            gaps,
            virtual_root,
            parent,
            number,
            prelim: vec![0.0; n + 1],
            modifier: vec![0.0; n + 1],
            change: vec![0.0; n + 1],
            shift: vec![0.0; n + 1],
            thread: vec![NONE; n + 1],
            ancestor: (0..=n).collect(),
            default_ancestor: vec![NONE; n + 1],
        }
    }

    fn children(&self, v: usize) -> &'a [usize] {
        if v == self.virtual_root {
            &self.forest.roots
        } else {
            self.forest.children(v)
        }
    }

    /// Every reachable node, parents first, children visited right to left.
    fn preorder(&self) -> Vec<usize> {
        let mut order = Vec::with_capacity(self.forest.level.len());
        let mut stack: Vec<usize> = self.forest.roots.clone();
        while let Some(v) = stack.pop() {
            order.push(v);
            stack.extend_from_slice(self.children(v));
        }
        order
    }

    /// Next node down the left contour of `v`'s subtree (or of the forest it closes).
    fn next_left(&self, v: usize) -> usize {
        self.children(v).first().copied().unwrap_or(self.thread[v])
    }

    fn next_right(&self, v: usize) -> usize {
        self.children(v).last().copied().unwrap_or(self.thread[v])
    }

    /// Minimal distance between the centres of `left` and `right`, neighbours on one level.
    fn separation(&self, left: usize, right: usize) -> f64 {
        let p = self.parent[left];
        let gap = if p == self.parent[right] && p != self.virtual_root {
            self.gaps.sibling
        } else {
            self.gaps.cousin
        };
        (self.extent[left] + self.extent[right]) / 2.0 + gap
    }

    fn first_walk(&mut self, v: usize) {
        let p = self.parent[v];
        let siblings = self.children(p);
        let i = self.number[v];
        let left = if i > 0 { siblings[i - 1] } else { NONE };
        let kids = self.children(v);
        if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
            self.execute_shifts(v);
            let midpoint = (self.prelim[first] + self.prelim[last]) / 2.0;
            if left != NONE {
                self.prelim[v] = self.prelim[left] + self.separation(left, v);
                self.modifier[v] = self.prelim[v] - midpoint;
            } else {
                self.prelim[v] = midpoint;
            }
        } else if left != NONE {
            self.prelim[v] = self.prelim[left] + self.separation(left, v);
        }
        let fallback = if self.default_ancestor[p] == NONE {
            siblings[0]
        } else {
            self.default_ancestor[p]
        };
        self.default_ancestor[p] = self.apportion(v, left, fallback);
    }

    /// Pushes `v`'s subtree right until it clears the forest of its left siblings on every
    /// shared level, then threads the shorter contour onto the longer one.
    fn apportion(&mut self, v: usize, left: usize, mut default_ancestor: usize) -> usize {
        if left == NONE {
            return default_ancestor;
        }
        let mut inner_right = v;
        let mut outer_right = v;
        let mut inner_left = left;
        let mut outer_left = self.children(self.parent[v])[0];
        let mut sum_inner_right = self.modifier[inner_right];
        let mut sum_outer_right = self.modifier[outer_right];
        let mut sum_inner_left = self.modifier[inner_left];
        let mut sum_outer_left = self.modifier[outer_left];
        loop {
            inner_left = self.next_right(inner_left);
            inner_right = self.next_left(inner_right);
            if inner_left == NONE || inner_right == NONE {
                break;
            }
            outer_left = self.next_left(outer_left);
            outer_right = self.next_right(outer_right);
            self.ancestor[outer_right] = v;
            let shift = (self.prelim[inner_left] + sum_inner_left)
                - (self.prelim[inner_right] + sum_inner_right)
                + self.separation(inner_left, inner_right);
            if shift > 0.0 {
                let from = self.next_ancestor(inner_left, v, default_ancestor);
                self.move_subtree(from, v, shift);
                sum_inner_right += shift;
                sum_outer_right += shift;
            }
            sum_inner_left += self.modifier[inner_left];
            sum_inner_right += self.modifier[inner_right];
            sum_outer_left += self.modifier[outer_left];
            sum_outer_right += self.modifier[outer_right];
        }
        if inner_left != NONE && self.next_right(outer_right) == NONE {
            self.thread[outer_right] = inner_left;
            self.modifier[outer_right] += sum_inner_left - sum_outer_right;
        }
        if inner_right != NONE && self.next_left(outer_left) == NONE {
            self.thread[outer_left] = inner_right;
            self.modifier[outer_left] += sum_inner_right - sum_outer_left;
            default_ancestor = v;
        }
        default_ancestor
    }

    /// The sibling of `v` whose subtree `inner_left` belongs to, as far as it is known.
    fn next_ancestor(&self, inner_left: usize, v: usize, default_ancestor: usize) -> usize {
        let a = self.ancestor[inner_left];
        if self.parent[a] == self.parent[v] {
            a
        } else {
            default_ancestor
        }
    }

    /// Moves `right`'s subtree by `shift` and records how the siblings between `left` and
    /// `right` share it, so that they end up evenly spaced (applied by `execute_shifts`).
    fn move_subtree(&mut self, left: usize, right: usize, shift: f64) {
        let between = self.number[right].saturating_sub(self.number[left]).max(1);
        let per_sibling = shift / between as f64;
        self.change[right] -= per_sibling;
        self.shift[right] += shift;
        self.change[left] += per_sibling;
        self.prelim[right] += shift;
        self.modifier[right] += shift;
    }

    fn execute_shifts(&mut self, v: usize) {
        let mut shift = 0.0;
        let mut change = 0.0;
        for &w in self.children(v).iter().rev() {
            self.prelim[w] += shift;
            self.modifier[w] += shift;
            change += self.change[w];
            shift += self.shift[w] + change;
        }
    }
}
