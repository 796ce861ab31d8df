//! What each node can lead to, computed once per tree instead of once per answer.
//!
//! Listing, for every answer of a question, the outcomes it can lead to by walking each
//! answer's subtree costs answers × subtree size: a question with 20,000 answers over a
//! 20,000-deep chain is hundreds of millions of steps, on every frame. `Reach` makes one
//! pass over the graph, from the outcomes up (reverse topological order of its strongly
//! connected components, so a broken file with a cycle is handled too), and keeps for
//! each node only what is shown: the first `Reach::LISTED` outcomes in the order a user
//! meets them, and how many there are in all. A node whose list is its first child's
//! shares it, so a chain of any depth holds one list.
//!
//! The first outcomes are always exact (see `merge`). The total is counted exactly with
//! one bit set of outcomes per node, each pushed into the nodes above it and dropped as
//! soon as it is, within a budget of memory and work (`COUNT_MEMORY`, `COUNT_WORK`);
//! on a tree that exceeds it, far larger than anyone writes by hand, the totals of the
//! nodes not yet counted are lower bounds, and `Leads::exact` says so.

use std::collections::HashSet;
use std::sync::Arc;

use petgraph::Direction;
use petgraph::algo::kosaraju_scc;
use petgraph::visit::NodeIndexable as _;

use super::tree::{AnswerRef, NodeKind, Tree};
use super::{NodeIndex, Walk};

/// The most 64-bit words of outcome sets held at once while counting: 16 MiB.
const COUNT_MEMORY: usize = 1 << 21;
/// The most words of outcome sets merged while counting.
const COUNT_WORK: u64 = 1 << 25;

/// Where one node can lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Leads<'a> {
    /// The first outcomes, in the order a user meets them (answer order, depth first),
    /// each once; at most `Reach::LISTED`.
    pub first: &'a [NodeIndex],
    /// How many outcomes the node can lead to in all (itself, for an outcome).
    pub total: usize,
    /// Whether `total` is exact; when not, it is a lower bound.
    pub exact: bool,
}

impl Leads<'_> {
    /// How many outcomes `first` leaves out.
    pub fn more(&self) -> usize {
        self.total.saturating_sub(self.first.len())
    }
}

/// The outcomes every node of one tree can lead to. Build it again when the tree changes.
#[derive(Debug, Clone, Default)]
pub struct Reach {
    /// By node index: the first outcomes (shared between nodes where they are equal).
    first: Vec<Arc<[NodeIndex]>>,
    /// By node index: how many outcomes in all.
    total: Vec<usize>,
    /// By node index: whether `total` is exact.
    exact: Vec<bool>,
}

impl Reach {
    /// How many outcomes are kept per node, in order. The app shows four; the command
    /// line lists up to this many.
    pub const LISTED: usize = 16;

    /// One pass over `tree`: linear in its nodes and answers (times `LISTED`), plus the
    /// exact count within its budget.
    pub fn new(tree: &Tree) -> Self {
        let graph = tree.graph();
        let bound = graph.node_bound();
        let empty: Arc<[NodeIndex]> = Arc::from(Vec::new());
        let mut first: Vec<Arc<[NodeIndex]>> = vec![empty.clone(); bound];
        let mut total = vec![0usize; bound];
        let mut exact = vec![true; bound];
        // Whether `first[n]` is every outcome `n` leads to.
        let mut complete = vec![true; bound];

        // Strongly connected components, each after every component it leads to. Only a
        // broken tree has a component of more than one node (a cycle).
        let components = kosaraju_scc(graph);
        let component_of = component_index(&components, bound);
        let mut counter = Some(Counter::new(tree, components.len()));

        for (c, members) in components.iter().enumerate() {
            let (children, own) = leaving_answers(tree, members, c, &component_of);
            let (list, is_complete, lower) = {
                let merged = merge(&children, &first, &complete, &total, &empty);
                if own.is_empty() {
                    merged
                } else {
                    with_own_outcomes(&own, merged)
                }
            };
            let parents = parent_components(tree, members, c, &component_of);
            let counted = counter
                .as_mut()
                .and_then(|counter| counter.finish(c, &own, &parents));
            if counted.is_none() {
                // Over budget: the rest is not counted exactly.
                counter = None;
            }
            let (count, is_exact) = match counted {
                Some(count) => (count, true),
                None if is_complete => (list.len(), true),
                None => (lower, false),
            };
            for &n in members {
                first[n.index()] = list.clone();
                total[n.index()] = count;
                exact[n.index()] = is_exact;
                complete[n.index()] = is_complete;
            }
        }
        Self {
            first,
            total,
            exact,
        }
    }

    /// Where `node` can lead; nothing for a node the tree does not hold.
    pub fn leads(&self, node: NodeIndex) -> Leads<'_> {
        let i = node.index();
        match (self.first.get(i), self.total.get(i), self.exact.get(i)) {
            (Some(first), Some(&total), Some(&exact)) => Leads {
                first,
                total,
                exact,
            },
            _ => Leads {
                first: &[],
                total: 0,
                exact: true,
            },
        }
    }

    /// For the walk's current question: each answer with where it can lead.
    pub fn what_if<'t, 'r>(
        &'r self,
        tree: &'t Tree,
        walk: &Walk,
    ) -> Vec<(AnswerRef<'t>, Leads<'r>)> {
        let Some(current) = walk.current(tree) else {
            return Vec::new();
        };
        tree.answers(current)
            .into_iter()
            .map(|a| {
                let leads = self.leads(a.to);
                (a, leads)
            })
            .collect()
    }
}

/// The component of each node index (`usize::MAX` for a vacant index), so answers can
/// be told apart as leaving a component or staying in it.
fn component_index(components: &[Vec<NodeIndex>], bound: usize) -> Vec<usize> {
    let mut component_of = vec![usize::MAX; bound];
    for (c, members) in components.iter().enumerate() {
        for &n in members {
            component_of[n.index()] = c;
        }
    }
    component_of
}

/// The targets of the answers that leave component `c`, in answer order, member by
/// member, and the component's own outcomes. A single node (every node of a valid tree)
/// is exact; within a cycle, the order of the members' answers is one of the possible
/// ones.
fn leaving_answers(
    tree: &Tree,
    members: &[NodeIndex],
    c: usize,
    component_of: &[usize],
) -> (Vec<NodeIndex>, Vec<NodeIndex>) {
    let graph = tree.graph();
    let mut children: Vec<NodeIndex> = Vec::new();
    let mut own: Vec<NodeIndex> = Vec::new();
    for &n in members {
        match graph[n].kind {
            NodeKind::Outcome(_) => own.push(n),
            NodeKind::Question(_) => children.extend(
                tree.answers(n)
                    .into_iter()
                    .map(|a| a.to)
                    .filter(|t| component_of[t.index()] != c),
            ),
            NodeKind::Missing => {}
        }
    }
    (children, own)
}

/// Puts a component's own outcomes (non-empty) before what its answers lead to, as
/// `merge` returned it: an outcome leads to itself, before anything else. Returns the
/// list, whether it is complete and a lower bound of the total, as `merge` does.
fn with_own_outcomes(
    own: &[NodeIndex],
    (list, mut is_complete, mut lower): (Arc<[NodeIndex]>, bool, usize),
) -> (Arc<[NodeIndex]>, bool, usize) {
    let mut with_own = own.to_vec();
    with_own.truncate(Reach::LISTED);
    for &o in list.iter() {
        if with_own.len() == Reach::LISTED {
            is_complete = false;
            break;
        }
        with_own.push(o);
    }
    is_complete &= own.len() <= Reach::LISTED;
    lower = lower.max(own.len()).max(with_own.len());
    if !is_complete {
        lower = lower.max(Reach::LISTED + 1);
    }
    (Arc::from(with_own), is_complete, lower)
}

/// The components whose questions lead into component `c`, each once: where the
/// counter pushes the component's outcome set.
fn parent_components(
    tree: &Tree,
    members: &[NodeIndex],
    c: usize,
    component_of: &[usize],
) -> Vec<usize> {
    let graph = tree.graph();
    let mut parents: Vec<usize> = members
        .iter()
        .flat_map(|&n| graph.neighbors_directed(n, Direction::Incoming))
        .filter(|&p| graph[p].is_question())
        .map(|p| component_of[p.index()])
        .filter(|&p| p != c)
        .collect();
    parents.sort_unstable();
    parents.dedup();
    parents
}

/// The first `LISTED` outcomes of a node whose answers lead to `children` (in answer
/// order): the children's lists one after the other, each outcome once, cut at
/// `LISTED`. Returns the list, whether it is complete (every outcome the node leads
/// to), and a lower bound of the total.
///
/// Why the children's own first outcomes are enough: while the merged list is shorter
/// than `LISTED`, every child merged so far was complete, so the list holds everything
/// those children lead to, and an outcome of the next child that is not in it is new.
/// An incomplete child has `LISTED` outcomes of its own, at most as many of which can
/// already be in the list as the list is long, so merging it fills the list; and it
/// leads to more than `LISTED` outcomes, so the node does too. (The depth-first order
/// from a node is its children's orders one after the other, less what was met before:
/// what was met before includes everything below it.)
fn merge(
    children: &[NodeIndex],
    first: &[Arc<[NodeIndex]>],
    complete: &[bool],
    total: &[usize],
    empty: &Arc<[NodeIndex]>,
) -> (Arc<[NodeIndex]>, bool, usize) {
    let Some(&head) = children.first() else {
        return (empty.clone(), true, 0);
    };
    let mut list: Vec<NodeIndex> = Vec::new();
    let mut seen: HashSet<NodeIndex> = HashSet::new();
    let mut is_complete = true;
    let mut lower = 0;
    for &c in children {
        lower = lower.max(total[c.index()]);
        if list.len() == Reach::LISTED && !is_complete {
            continue;
        }
        for &o in first[c.index()].iter() {
            if seen.insert(o) {
                if list.len() == Reach::LISTED {
                    // An outcome left out.
                    is_complete = false;
                    break;
                }
                list.push(o);
            }
        }
        is_complete &= complete[c.index()];
    }
    if !is_complete {
        lower = lower.max(Reach::LISTED + 1);
    }
    let len = list.len();
    // Share the first child's list when it is the whole answer (one answer, or several
    // leading to the same place), so a chain of any depth holds one list.
    let list = if *first[head.index()] == *list {
        first[head.index()].clone()
    } else {
        Arc::from(list)
    };
    (list, is_complete, lower.max(len))
}

/// Exact totals: each component's set of outcomes is the union of its children's. A
/// finished component pushes its set into the components above it and drops it, so
/// only the sets of components half done are held at once, and those start sparse (a
/// question's own answers to outcomes are a few bits, whatever the tree's size).
struct Counter {
    /// The bit of each outcome, by node index.
    bit: Vec<u32>,
    /// Words in a dense set.
    words: usize,
    /// By component: the union of what its finished children lead to so far.
    pending: Vec<Option<Set>>,
    /// Words held by `pending`.
    live: usize,
    /// Words merged so far.
    work: u64,
}

/// A set of outcome bits: a sorted list while that is smaller than a bit set.
#[derive(Debug, Clone)]
enum Set {
    Sparse(Vec<u32>),
    Dense(Vec<u64>),
}

impl Set {
    /// Its size in 64-bit words.
    fn cost(&self) -> usize {
        match self {
            Set::Sparse(v) => v.len().div_ceil(2),
            Set::Dense(d) => d.len(),
        }
    }

    fn count(&self) -> usize {
        match self {
            Set::Sparse(v) => v.len(),
            Set::Dense(d) => d.iter().map(|w| w.count_ones() as usize).sum(),
        }
    }

    /// Adds `other`; returns the work done, in words.
    fn union(&mut self, other: &Set, words: usize) -> u64 {
        match (&mut *self, other) {
            (Set::Dense(d), Set::Dense(o)) => {
                for (w, x) in d.iter_mut().zip(o) {
                    *w |= x;
                }
                words as u64
            }
            (Set::Dense(d), Set::Sparse(o)) => {
                for &b in o {
                    d[b as usize / 64] |= 1 << (b % 64);
                }
                o.len() as u64
            }
            (Set::Sparse(v), Set::Sparse(o)) => {
                let mut merged = Vec::with_capacity(v.len() + o.len());
                let (mut i, mut j) = (0, 0);
                while i < v.len() || j < o.len() {
                    let next = match (v.get(i), o.get(j)) {
                        (Some(&a), Some(&b)) if a == b => {
                            i += 1;
                            j += 1;
                            a
                        }
                        (Some(&a), Some(&b)) if a < b => {
                            i += 1;
                            a
                        }
                        (Some(&a), None) => {
                            i += 1;
                            a
                        }
                        (_, Some(&b)) => {
                            j += 1;
                            b
                        }
                        (None, None) => break,
                    };
                    merged.push(next);
                }
                let work = (merged.len() as u64).div_ceil(2);
                *v = merged;
                self.densify(words);
                work
            }
            (Set::Sparse(_), Set::Dense(o)) => {
                let mut dense = Set::Dense(o.clone());
                let work = dense.union(self, words) + words as u64;
                *self = dense;
                work
            }
        }
    }

    /// Becomes a bit set once the list would be larger.
    fn densify(&mut self, words: usize) {
        if let Set::Sparse(v) = self
            && v.len().div_ceil(2) > words
        {
            let mut d = vec![0u64; words];
            for &b in v.iter() {
                d[b as usize / 64] |= 1 << (b % 64);
            }
            *self = Set::Dense(d);
        }
    }
}

impl Counter {
    fn new(tree: &Tree, components: usize) -> Self {
        let graph = tree.graph();
        let mut bit = vec![u32::MAX; graph.node_bound()];
        let mut next: u32 = 0;
        for n in graph.node_indices() {
            if graph[n].is_outcome() {
                bit[n.index()] = next;
                next = next.saturating_add(1);
            }
        }
        Self {
            bit,
            words: (next as usize).div_ceil(64),
            pending: vec![None; components],
            live: 0,
            work: 0,
        }
    }

    /// Finishes component `c` (every child is finished): returns its total, or `None`
    /// once the budget is spent.
    fn finish(&mut self, c: usize, own: &[NodeIndex], parents: &[usize]) -> Option<usize> {
        let words = self.words;
        let mut set = self.pending[c].take().unwrap_or(Set::Sparse(Vec::new()));
        self.live -= set.cost();
        let mut mine: Vec<u32> = own.iter().map(|o| self.bit[o.index()]).collect();
        mine.sort_unstable();
        mine.dedup();
        self.work += set.union(&Set::Sparse(mine), words);
        let count = set.count();
        if count > 0 {
            for &p in parents {
                let into = self.pending[p].get_or_insert(Set::Sparse(Vec::new()));
                self.live -= into.cost();
                self.work += into.union(&set, words);
                self.live += into.cost();
                if self.live > COUNT_MEMORY || self.work > COUNT_WORK {
                    return None;
                }
            }
        }
        Some(count)
    }
}
