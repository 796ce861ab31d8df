//! Turns the caller's edges into the layered graph: cycles broken, levels by longest path,
//! and every answer subdivided into a chain of items, one per rank it passes (its label
//! first, then thin channels), so that every segment joins two consecutive ranks.

use super::Edge;

/// What an item of the layered graph stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Item {
    /// Node `v` of the caller's graph.
    Node(usize),
    /// The label box of edge `e`.
    Label(usize),
    /// A channel of edge `e` through one rank.
    Channel(usize),
}

/// The items an edge passes, in layout direction (down the ranks).
#[derive(Debug, Clone, Copy)]
pub(super) struct Chain {
    /// Upper and lower end node, in layout direction.
    pub top: usize,
    pub bottom: usize,
    /// The edge's virtual items are `chain_items[start..start + len]`, top to bottom.
    pub start: usize,
    pub len: usize,
    /// The edge points up the ranks (it closed a cycle and was turned round).
    pub reversed: bool,
    /// The edge skips so many ranks that reserving a channel on each would pass the
    /// budget: it keeps its label, and its last segment, from the label to the bottom
    /// node, is not part of the layered graph (it is drawn straight across).
    pub cut: bool,
    /// Where its segments start in build order; see [`Layered::chain_segments`].
    first_segment: usize,
}

/// The layered graph. Segments join an item on rank r to one on rank r + 1.
#[derive(Debug)]
pub(super) struct Layered {
    /// The item of each caller node. Items are numbered rank by rank, so the sweeps,
    /// which visit one rank at a time and look only at its neighbours, stay in memory
    /// that is close together.
    pub item_of_node: Vec<usize>,
    pub kind: Vec<Item>,
    pub rank: Vec<usize>,
    pub rank_count: usize,
    /// Items reachable downwards from each start, in the order depth-first search should
    /// begin: the caller's roots, then nodes the search had to start from itself.
    pub starts: Vec<usize>,
    /// Per caller edge; `None` for edges that are out of range or loops.
    pub chains: Vec<Option<Chain>>,
    pub chain_items: Vec<usize>,
    /// Downward neighbours of item `i`: `down_list[down_start[i]..down_start[i + 1]]`, in
    /// the author's answer order for nodes.
    /// A segment's id is its place in `down_list`.
    down_start: Vec<usize>,
    down_list: Vec<usize>,
    up_start: Vec<usize>,
    up_list: Vec<usize>,
    /// The segment id of each `up_list` entry.
    up_seg: Vec<usize>,
    /// Segment ids in the order chains were built.
    segment_id: Vec<usize>,
}

impl Layered {
    pub fn items(&self) -> usize {
        self.kind.len()
    }

    pub fn down(&self, i: usize) -> &[usize] {
        &self.down_list[self.down_start[i]..self.down_start[i + 1]]
    }

    pub fn up(&self, i: usize) -> &[usize] {
        &self.up_list[self.up_start[i]..self.up_start[i + 1]]
    }

    /// Segment ids of `down(i)`, in the same order.
    pub fn down_segments(&self, i: usize) -> std::ops::Range<usize> {
        self.down_start[i]..self.down_start[i + 1]
    }

    /// Segment ids of `up(i)`, in the same order.
    pub fn up_segments(&self, i: usize) -> &[usize] {
        &self.up_seg[self.up_start[i]..self.up_start[i + 1]]
    }

    pub fn segment_count(&self) -> usize {
        self.down_list.len()
    }

    pub fn chain_items(&self, c: &Chain) -> &[usize] {
        &self.chain_items[c.start..c.start + c.len]
    }

    /// Segment ids of a chain, top to bottom (one more than its items).
    pub fn chain_segments(&self, c: &Chain) -> &[usize] {
        let count = c.len + usize::from(!c.cut);
        &self.segment_id[c.first_segment..c.first_segment + count]
    }

    /// The layered graph of nodes `0..n` and `edges`, searched from `roots` first: one
    /// helper per step, each a linear pass.
    pub fn build(n: usize, edges: &[Edge], roots: &[usize]) -> Self {
        let (out_start, out_list) = out_edges(n, edges);
        let (reversed, starts) = break_cycles(n, edges, roots, &out_start, &out_list);
        let dag = Oriented {
            edges,
            reversed: &reversed,
        };
        let kept: Vec<usize> = (0..edges.len()).filter(|&e| usable(&edges[e], n)).collect();
        let level = longest_path_levels(n, &dag, &kept);
        let mut sub = subdivide(n, &dag, &kept, &level);
        let (new_id, starts) = renumber_by_rank(&mut sub, &starts);
        let item_of_node: Vec<usize> = new_id[..n].to_vec();
        let adj = adjacency(sub.kind.len(), &sub.segments);
        Layered {
            item_of_node,
            kind: sub.kind,
            rank: sub.rank,
            rank_count: sub.rank_count,
            starts,
            chains: sub.chains,
            chain_items: sub.chain_items,
            down_start: adj.down_start,
            down_list: adj.down_list,
            up_start: adj.up_start,
            up_list: adj.up_list,
            up_seg: adj.up_seg,
            segment_id: adj.segment_id,
        }
    }
}

/// Whether an edge takes part in the layout: both ends in range and not a loop (loops
/// and dangling edges are not drawn).
fn usable(e: &Edge, n: usize) -> bool {
    e.from < n && e.to < n && e.from != e.to
}

/// The caller's edges with the ones that closed a cycle turned round, so that every
/// edge points down the ranks.
struct Oriented<'a> {
    edges: &'a [Edge],
    reversed: &'a [bool],
}

impl Oriented<'_> {
    /// Upper and lower end of edge `e`, in layout direction.
    fn ends(&self, e: usize) -> (usize, usize) {
        let (a, b) = (self.edges[e].from, self.edges[e].to);
        if self.reversed[e] { (b, a) } else { (a, b) }
    }
}

/// Out-edges per node in the caller's order (compressed rows: starts and edge ids), so
/// the cycle search can walk the caller's graph without a list per node.
fn out_edges(n: usize, edges: &[Edge]) -> (Vec<usize>, Vec<usize>) {
    let out_start = csr_starts(n, edges.iter().filter(|e| usable(e, n)).map(|e| e.from));
    let mut out_list = vec![0; out_start[n]];
    let mut fill = out_start.clone();
    for (k, e) in edges.iter().enumerate() {
        if usable(e, n) {
            out_list[fill[e.from]] = k;
            fill[e.from] += 1;
        }
    }
    (out_start, out_list)
}

/// Cycle breaking, so that levels are defined: an iterative depth-first search from the
/// roots, then from any node still unseen, turns round every edge into a node on the
/// stack. Returns which edges are turned round, and the nodes the search started from,
/// in order (the roots first).
fn break_cycles(
    n: usize,
    edges: &[Edge],
    roots: &[usize],
    out_start: &[usize],
    out_list: &[usize],
) -> (Vec<bool>, Vec<usize>) {
    const WHITE: u8 = 0;
    const GREY: u8 = 1;
    const BLACK: u8 = 2;
    let mut color = vec![WHITE; n];
    let mut reversed = vec![false; edges.len()];
    let mut starts = Vec::new();
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let candidates = roots.iter().copied().filter(|&r| r < n).chain(0..n);
    for s in candidates {
        if color[s] != WHITE {
            continue;
        }
        starts.push(s);
        color[s] = GREY;
        stack.push((s, out_start[s]));
        while let Some(top) = stack.last_mut() {
            let (u, k) = *top;
            if k == out_start[u + 1] {
                color[u] = BLACK;
                stack.pop();
                continue;
            }
            top.1 += 1;
            let e = out_list[k];
            let v = edges[e].to;
            match color[v] {
                WHITE => {
                    color[v] = GREY;
                    stack.push((v, out_start[v]));
                }
                GREY => reversed[e] = true,
                _ => {}
            }
        }
    }
    (reversed, starts)
}

/// Each node's level: its longest path from the sources over the `kept` edges, once
/// cycles are broken (Kahn's order, so no recursion however deep the graph).
fn longest_path_levels(n: usize, dag: &Oriented<'_>, kept: &[usize]) -> Vec<usize> {
    let mut indegree = vec![0usize; n];
    for &e in kept {
        indegree[dag.ends(e).1] += 1;
    }
    let dag_start = csr_starts(n, kept.iter().map(|&e| dag.ends(e).0));
    let mut dag_list = vec![0; dag_start[n]];
    let mut fill = dag_start.clone();
    for &e in kept {
        let a = dag.ends(e).0;
        dag_list[fill[a]] = e;
        fill[a] += 1;
    }
    let mut level = vec![0usize; n];
    let mut queue: Vec<usize> = (0..n).filter(|&v| indegree[v] == 0).collect();
    let mut head = 0;
    while head < queue.len() {
        let u = queue[head];
        head += 1;
        for &e in &dag_list[dag_start[u]..dag_start[u + 1]] {
            let v = dag.ends(e).1;
            level[v] = level[v].max(level[u] + 1);
            indegree[v] -= 1;
            if indegree[v] == 0 {
                queue.push(v);
            }
        }
    }
    level
}

/// The items of the layered graph before they are numbered rank by rank: the nodes
/// first, then each edge's virtual items, with the segments that join them.
struct Subdivided {
    kind: Vec<Item>,
    rank: Vec<usize>,
    rank_count: usize,
    chains: Vec<Option<Chain>>,
    chain_items: Vec<usize>,
    /// (upper item, lower item) of every segment, in build order.
    segments: Vec<(usize, usize)>,
}

/// Splits every kept edge into a chain with one segment per rank: nodes go on even
/// ranks, each edge's label on the odd rank below its upper end, channels on every
/// further rank it crosses (except for the edges cut to keep within the budget).
fn subdivide(n: usize, dag: &Oriented<'_>, kept: &[usize], level: &[usize]) -> Subdivided {
    let edge_count = dag.edges.len();
    let mut kind: Vec<Item> = (0..n).map(Item::Node).collect();
    let mut rank: Vec<usize> = level.iter().map(|&l| 2 * l).collect();
    let cut = long_edges_to_cut(n, edge_count, kept, |e| {
        let (top, bottom) = dag.ends(e);
        rank[bottom] - rank[top] - 1
    });
    let mut rank_count = rank.iter().map(|&r| r + 1).max().unwrap_or(0);
    let mut chains = vec![None; edge_count];
    let mut chain_items = Vec::new();
    let mut segments: Vec<(usize, usize)> = Vec::new();
    for &e in kept {
        let (top, bottom) = dag.ends(e);
        let start = chain_items.len();
        let first_segment = segments.len();
        let mut prev = top;
        let end = if cut[e] { rank[top] + 2 } else { rank[bottom] };
        for r in rank[top] + 1..end {
            let item = kind.len();
            kind.push(if r == rank[top] + 1 {
                Item::Label(e)
            } else {
                Item::Channel(e)
            });
            rank.push(r);
            chain_items.push(item);
            segments.push((prev, item));
            prev = item;
        }
        if !cut[e] {
            segments.push((prev, bottom));
        }
        chains[e] = Some(Chain {
            top,
            bottom,
            start,
            len: chain_items.len() - start,
            reversed: dag.reversed[e],
            cut: cut[e],
            first_segment,
        });
    }
    rank_count = rank_count.max(rank.iter().map(|&r| r + 1).max().unwrap_or(0));
    Subdivided {
        kind,
        rank,
        rank_count,
        chains,
        chain_items,
        segments,
    }
}

/// Renumbers the items rank by rank (stable within a rank), so the sweeps, which visit
/// one rank at a time, read memory that is close together. Rewrites every item id in
/// `sub` and returns the new id of each old one and the search starts renumbered.
fn renumber_by_rank(sub: &mut Subdivided, starts: &[usize]) -> (Vec<usize>, Vec<usize>) {
    let items = sub.kind.len();
    let mut fill = csr_starts(sub.rank_count, sub.rank.iter().copied());
    let mut new_id = vec![0; items];
    for (old, &r) in sub.rank.iter().enumerate() {
        new_id[old] = fill[r];
        fill[r] += 1;
    }
    let mut renumbered_kind = vec![Item::Channel(0); items];
    let mut renumbered_rank = vec![0; items];
    for old in 0..items {
        renumbered_kind[new_id[old]] = sub.kind[old];
        renumbered_rank[new_id[old]] = sub.rank[old];
    }
    sub.kind = renumbered_kind;
    sub.rank = renumbered_rank;
    for s in &mut sub.segments {
        *s = (new_id[s.0], new_id[s.1]);
    }
    for i in &mut sub.chain_items {
        *i = new_id[*i];
    }
    for c in sub.chains.iter_mut().flatten() {
        c.top = new_id[c.top];
        c.bottom = new_id[c.bottom];
    }
    let starts: Vec<usize> = starts.iter().map(|&s| new_id[s]).collect();
    (new_id, starts)
}

/// The segments as compressed adjacency both ways; see the fields of [`Layered`].
struct Adjacency {
    down_start: Vec<usize>,
    down_list: Vec<usize>,
    up_start: Vec<usize>,
    up_list: Vec<usize>,
    up_seg: Vec<usize>,
    segment_id: Vec<usize>,
}

/// Builds the down and up neighbour lists of `items` items from the segments, so the
/// sweeps can read an item's neighbours as one slice; a segment's id is its place in
/// the down list.
fn adjacency(items: usize, segments: &[(usize, usize)]) -> Adjacency {
    let down_start = csr_starts(items, segments.iter().map(|s| s.0));
    let up_start = csr_starts(items, segments.iter().map(|s| s.1));
    let mut down_list = vec![0; segments.len()];
    let mut up_list = vec![0; segments.len()];
    let mut up_seg = vec![0; segments.len()];
    let mut segment_id = Vec::with_capacity(segments.len());
    let (mut dfill, mut ufill) = (down_start.clone(), up_start.clone());
    for &(a, b) in segments {
        let seg = dfill[a];
        segment_id.push(seg);
        down_list[seg] = b;
        dfill[a] += 1;
        up_list[ufill[b]] = a;
        up_seg[ufill[b]] = seg;
        ufill[b] += 1;
    }
    Adjacency {
        down_start,
        down_list,
        up_start,
        up_list,
        up_seg,
        segment_id,
    }
}

/// Channels get at most this many items per node and edge of the caller's graph, and
/// at least [`MIN_CHANNEL_BUDGET`]; every edge's label comes on top.
const CHANNELS_PER_ELEMENT: usize = 8;
const MIN_CHANNEL_BUDGET: usize = 200_000;

/// Which edges get no channels: the longest, once the channels of all the shorter ones
/// fill the budget. A channel per rank crossed is what keeps edges out of boxes, but it
/// makes the item count grow with nodes times the ranks edges skip: a question with
/// 20,000 answers into a 20,000-deep chain, each at another depth, would need 4 x 10^8
/// of them. With the budget the layout stays linear in the graph's size (n log n for
/// the sort), and only such edges are drawn straight across what lies between.
/// `span(e)` is the number of ranks edge `e` has between its ends (its label's and its
/// channels').
fn long_edges_to_cut(
    nodes: usize,
    edges: usize,
    kept: &[usize],
    span: impl Fn(usize) -> usize,
) -> Vec<bool> {
    let mut cut = vec![false; edges];
    let budget = (CHANNELS_PER_ELEMENT * (nodes + kept.len())).max(MIN_CHANNEL_BUDGET);
    let channels = |e: usize| span(e).saturating_sub(1);
    if kept.iter().map(|&e| channels(e)).sum::<usize>() <= budget {
        return cut;
    }
    let mut by_length: Vec<(usize, usize)> = kept.iter().map(|&e| (channels(e), e)).collect();
    by_length.sort_unstable();
    let mut used = 0usize;
    for (c, e) in by_length {
        if used + c > budget {
            cut[e] = true;
        } else {
            used += c;
        }
    }
    cut
}

/// Row starts of a compressed adjacency over `0..n` from the row of each entry.
fn csr_starts(n: usize, rows: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut start = vec![0usize; n + 1];
    for r in rows {
        start[r + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    start
}
