//! Reduces the caller's graph to the layout forest: which nodes are drawn, on which level,
//! and under which single layout parent.
//!
//! The caller's graph should be a DAG, but it comes from user files and an editor in the
//! middle of a change, so anything goes: out-of-range indices and repeated edges are
//! dropped, and a depth-first search from the roots drops every edge that would close a
//! cycle (a back edge). What is left is a DAG; its longest-path depth is each node's level,
//! so every kept edge points strictly downward.

/// "No node": used for absent parents, threads and the like, so the hot arrays stay flat.
pub(super) const NONE: usize = usize::MAX;

const WHITE: u8 = 0;
const GREY: u8 = 1;
const BLACK: u8 = 2;

/// The layout forest: every reachable node under exactly one layout parent that sits
/// exactly one level above it.
#[derive(Debug)]
pub(super) struct Forest {
    /// Nodes on level 0, in the caller's root order.
    pub roots: Vec<usize>,
    /// Level of each node, or [`NONE`] when it is not reachable.
    pub level: Vec<usize>,
    /// Layout parent of each node; [`NONE`] for roots and unreachable nodes.
    pub parent: Vec<usize>,
    /// Highest level in use plus one; 0 when nothing is reachable.
    pub level_count: usize,
    /// Layout children of `v` are `child_list[child_start[v]..child_start[v + 1]]`.
    child_start: Vec<usize>,
    child_list: Vec<usize>,
}

impl Forest {
    /// The layout children of `v`, in the caller's order.
    pub fn children(&self, v: usize) -> &[usize] {
        &self.child_list[self.child_start[v]..self.child_start[v + 1]]
    }

    /// Builds the forest over nodes `0..n`; `children` may be shorter than `n` (missing
    /// lists count as empty) or longer (extra lists are ignored).
    pub fn build(children: &[Vec<usize>], roots: &[usize], n: usize) -> Self {
        let edge_start = edge_starts(children, n);
        let usable = first_in_range_edges(children, n, &edge_start);
        let search = drop_back_edges(children, roots, n, &edge_start, &usable);
        let (level, parent, level_count) = longest_path_levels(children, n, &edge_start, &search);
        let (child_start, child_list) = child_lists(children, n, &edge_start, &search, &parent);
        Self {
            roots: layout_roots(roots, n, &level),
            level,
            parent,
            level_count,
            child_start,
            child_list,
        }
    }
}

/// The children of `u`; a node past the end of `children` has none.
fn edges_of(children: &[Vec<usize>], u: usize) -> &[usize] {
    children.get(u).map_or(&[][..], Vec::as_slice)
}

/// Where each node's edges start when edges are numbered u-major, so one flag per edge
/// fits in a flat array; entry `n` is the edge count.
fn edge_starts(children: &[Vec<usize>], n: usize) -> Vec<usize> {
    let mut edge_start = Vec::with_capacity(n + 1);
    let mut total = 0;
    for u in 0..n {
        edge_start.push(total);
        total += edges_of(children, u).len();
    }
    edge_start.push(total);
    edge_start
}

/// Keeps the first occurrence of each in-range target per node. This is done before
/// the search because there a node's list is scanned interleaved with its descendants',
/// which would defeat the `seen_from` marks.
fn first_in_range_edges(children: &[Vec<usize>], n: usize, edge_start: &[usize]) -> Vec<bool> {
    let mut usable = vec![false; edge_start[n]];
    let mut seen_from = vec![NONE; n];
    for u in 0..n {
        for (k, &v) in edges_of(children, u).iter().enumerate() {
            if v < n && seen_from[v] != u {
                seen_from[v] = u;
                usable[edge_start[u] + k] = true;
            }
        }
    }
    usable
}

/// What the depth-first search from the roots finds.
struct Search {
    /// Per edge (u-major): usable and not closing a cycle.
    kept: Vec<bool>,
    /// Discovery number of each reached node; [`NONE`] for the others.
    preorder: Vec<usize>,
    /// Reached nodes in the order they finished.
    finished: Vec<usize>,
}

/// Iterative DFS from the roots that drops every edge into a grey node (one still on
/// the stack), which closes a cycle, so that what is kept is a DAG.
fn drop_back_edges(
    children: &[Vec<usize>],
    roots: &[usize],
    n: usize,
    edge_start: &[usize],
    usable: &[bool],
) -> Search {
    let mut kept = vec![false; edge_start[n]];
    let mut color = vec![WHITE; n];
    let mut preorder = vec![NONE; n];
    let mut finished = Vec::with_capacity(n);
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut next_pre = 0;
    for &r in roots {
        if r >= n || color[r] != WHITE {
            continue;
        }
        color[r] = GREY;
        preorder[r] = next_pre;
        next_pre += 1;
        stack.push((r, 0));
        while let Some(top) = stack.last_mut() {
            let (u, k) = *top;
            let list = edges_of(children, u);
            if k == list.len() {
                color[u] = BLACK;
                finished.push(u);
                stack.pop();
                continue;
            }
            top.1 += 1;
            let e = edge_start[u] + k;
            if !usable[e] {
                continue;
            }
            let v = list[k];
            match color[v] {
                WHITE => {
                    kept[e] = true;
                    color[v] = GREY;
                    preorder[v] = next_pre;
                    next_pre += 1;
                    stack.push((v, 0));
                }
                GREY => {}
                _ => kept[e] = true,
            }
        }
    }
    Search {
        kept,
        preorder,
        finished,
    }
}

/// Each node's level (longest path over the kept edges), its layout parent (the parent
/// that puts it deepest, the earliest met on a tie) and the level count. Without back
/// edges the reverse finishing order is topological, so one pass in that order settles
/// every longest-path depth before the node is used.
fn longest_path_levels(
    children: &[Vec<usize>],
    n: usize,
    edge_start: &[usize],
    search: &Search,
) -> (Vec<usize>, Vec<usize>, usize) {
    let Search {
        kept,
        preorder,
        finished,
    } = search;
    let mut level = vec![NONE; n];
    let mut parent = vec![NONE; n];
    for &u in finished {
        level[u] = 0;
    }
    let mut level_count = 0;
    for &u in finished.iter().rev() {
        let below = level[u] + 1;
        level_count = level_count.max(below);
        for (k, &v) in edges_of(children, u).iter().enumerate() {
            if !kept[edge_start[u] + k] {
                continue;
            }
            let deeper = below > level[v];
            let earlier_tie =
                below == level[v] && parent[v] != NONE && preorder[u] < preorder[parent[v]];
            if deeper || earlier_tie {
                level[v] = below;
                parent[v] = u;
            }
        }
    }
    (level, parent, level_count)
}

/// The layout children of every node, in the caller's order, as compressed rows (starts
/// and list), so the layout passes read them without a list per node.
fn child_lists(
    children: &[Vec<usize>],
    n: usize,
    edge_start: &[usize],
    search: &Search,
    parent: &[usize],
) -> (Vec<usize>, Vec<usize>) {
    let kept = &search.kept;
    let mut child_start = Vec::with_capacity(n + 1);
    let mut child_list = Vec::with_capacity(search.finished.len());
    for u in 0..n {
        child_start.push(child_list.len());
        for (k, &v) in edges_of(children, u).iter().enumerate() {
            if kept[edge_start[u] + k] && parent[v] == u {
                child_list.push(v);
            }
        }
    }
    child_start.push(child_list.len());
    (child_start, child_list)
}

/// The listed roots that stay on level 0, each once: a listed root that some other root
/// reaches got a parent above and is drawn there.
fn layout_roots(roots: &[usize], n: usize, level: &[usize]) -> Vec<usize> {
    let mut layout_roots = Vec::new();
    let mut listed = vec![false; n];
    for &r in roots {
        if r < n && !listed[r] && level[r] == 0 {
            listed[r] = true;
            layout_roots.push(r);
        }
    }
    layout_roots
}
