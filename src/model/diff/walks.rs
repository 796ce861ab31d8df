//! The old tree's walks, counted, then followed through the new tree.
//!
//! A walk is the answers from the start to an outcome. A DAG can have exponentially many,
//! so they are counted first, per node, in one post-order pass (an explicit stack: a file
//! decides the depth). When there are at most `limit` and their answers add up to at most
//! `STEP_BUDGET`, every walk is followed, depth first in answer order. Otherwise a seeded
//! sample of `limit` random walks is (fewer, and the report says so, if their answers
//! pass `STEP_BUDGET`): at each question an answer is taken with probability
//! proportional to the walks through it, so every walk is equally likely, and the same
//! files always give the same sample.
//!
//! Following a walk in the new tree starts at its start and, at each question, gives
//! the answer the walk gave to the question with that id (wherever the walk met it, so a
//! question moved up or down still gets its answer), found by label, then by label
//! ignoring case and spacing, then by target id (a reworded answer). It stops at an
//! outcome, at a question the walk never answered, or at an answer that is gone. Each
//! step uses one of the walk's answers, so a walk is followed in time linear in its
//! length, with no search.

use std::collections::HashMap;

use petgraph::visit::{EdgeIndexable as _, NodeIndexable as _};

use super::nodes::pair_answers;
use super::{End, NodeRef, Step, WalkGroup, Walks};
use crate::model::rng::SplitMix64;
use crate::model::{EdgeIndex, NodeIndex, NodeKind, Tree};

/// The seed of the sample `AdviceDiff::new` takes.
pub const DEFAULT_SEED: u64 = 0x7261_6465_6F66_6621;

/// How many groups of walks carry examples, largest first. A change that sends walks
/// to tens of thousands of (old outcome, new end) pairs (a new first question on a huge
/// generated tree) would otherwise spell out tens of thousands of walks.
pub const EXAMPLE_GROUPS: usize = 1_000;

/// The most answers followed in all (old walks plus the new tree's way), so trees with
/// very long walks take seconds, not hours: a sample stops there, and says so.
pub const STEP_BUDGET: u64 = 1 << 25;

/// How many walks from the start to an outcome `tree` has, and whether that is exact
/// (false when there are more than a `u128` holds; the count is then `u128::MAX`).
pub fn count_walks(tree: &Tree) -> (u128, bool) {
    let counted = Counted::new(tree);
    let total = counted.root.map_or(0, |r| counted.paths[r.index()]);
    (total, total < u128::MAX)
}

/// One answer of a walk: the question and the answer taken.
type Hop = (NodeIndex, EdgeIndex);

/// The walks through each node of the old tree.
struct Counted {
    root: Option<NodeIndex>,
    /// By node index: the answers that lead to at least one walk, in answer order. The
    /// answers that close a cycle (only in a broken tree) are left out, so what is left
    /// is a DAG and every walk ends.
    choices: Vec<Vec<(EdgeIndex, NodeIndex)>>,
    /// By node index: walks from here to an outcome, saturating.
    paths: Vec<u128>,
    /// By node index: the natural logarithm of the walks from here, which holds counts
    /// far past `u128`, for sampling.
    ln: Vec<f64>,
    /// By node index: the answers of all the walks from here, added up, saturating.
    steps: Vec<u128>,
    /// The nodes reached from the start, each after every node it leads to.
    finished: Vec<NodeIndex>,
}

impl Counted {
    fn new(tree: &Tree) -> Self {
        let bound = tree.graph().node_bound();
        let mut c = Counted {
            root: tree.root(),
            choices: vec![Vec::new(); bound],
            paths: vec![0; bound],
            ln: vec![f64::NEG_INFINITY; bound],
            steps: vec![0; bound],
            finished: Vec::new(),
        };
        let Some(root) = c.root else {
            return c;
        };
        // 0: not met, 1: on the stack, 2: counted.
        let mut state = vec![0u8; bound];
        let mut closes_cycle = vec![false; tree.graph().edge_bound()];
        state[root.index()] = 1;
        c.choices[root.index()] = all_answers(tree, root);
        let mut stack = vec![(root, 0usize)];
        while let Some(top) = stack.last_mut() {
            let (n, next) = *top;
            if let Some(&(e, child)) = c.choices[n.index()].get(next) {
                top.1 += 1;
                match state[child.index()] {
                    0 => {
                        state[child.index()] = 1;
                        c.choices[child.index()] = all_answers(tree, child);
                        stack.push((child, 0));
                    }
                    1 => closes_cycle[e.index()] = true,
                    _ => {}
                }
                continue;
            }
            stack.pop();
            state[n.index()] = 2;
            c.finish(tree, n, &closes_cycle);
            c.finished.push(n);
        }
        c
    }

    /// Counts the walks from `n`, whose answers all lead to counted nodes.
    fn finish(&mut self, tree: &Tree, n: NodeIndex, closes_cycle: &[bool]) {
        let i = n.index();
        if is_outcome(tree, n) {
            self.paths[i] = 1;
            self.ln[i] = 0.0;
            return;
        }
        let mut choices = std::mem::take(&mut self.choices[i]);
        choices.retain(|&(e, c)| !closes_cycle[e.index()] && self.paths[c.index()] > 0);
        let (mut paths, mut steps) = (0u128, 0u128);
        let mut top = f64::NEG_INFINITY;
        for &(_, c) in &choices {
            let c = c.index();
            paths = paths.saturating_add(self.paths[c]);
            steps = steps.saturating_add(self.steps[c].saturating_add(self.paths[c]));
            top = top.max(self.ln[c]);
        }
        let sum: f64 = choices
            .iter()
            .map(|&(_, c)| (self.ln[c.index()] - top).exp())
            .sum();
        self.paths[i] = paths;
        self.steps[i] = steps;
        self.ln[i] = if choices.is_empty() {
            f64::NEG_INFINITY
        } else {
            top + sum.ln()
        };
        self.choices[i] = choices;
    }
}

fn is_outcome(tree: &Tree, n: NodeIndex) -> bool {
    tree.node(n).is_some_and(|node| node.is_outcome())
}

/// By node index: how many walks from the start to an outcome pass through each node
/// (end there, for an outcome), saturating. Counted forwards from the start, in
/// topological order, times the walks from the node on.
pub(super) fn walks_through(tree: &Tree) -> Vec<u128> {
    let counted = Counted::new(tree);
    let mut into = vec![0u128; counted.paths.len()];
    if let Some(root) = counted.root {
        into[root.index()] = 1;
    }
    for &n in counted.finished.iter().rev() {
        for &(_, c) in &counted.choices[n.index()] {
            into[c.index()] = into[c.index()].saturating_add(into[n.index()]);
        }
    }
    into.iter()
        .zip(&counted.paths)
        .map(|(i, p)| i.saturating_mul(*p))
        .collect()
}

fn all_answers(tree: &Tree, n: NodeIndex) -> Vec<(EdgeIndex, NodeIndex)> {
    match tree.node(n).map(|node| &node.kind) {
        Some(NodeKind::Question(_)) => tree.answers(n).iter().map(|a| (a.edge, a.to)).collect(),
        _ => Vec::new(),
    }
}

/// Where a followed walk ended, by index, for grouping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Ending {
    Outcome(NodeIndex),
    Asks(NodeIndex),
    /// The new question, and the old answer it no longer has.
    AnswerGone(NodeIndex, EdgeIndex),
    Missing(NodeIndex),
    Loops(NodeIndex),
    NoStart,
}

/// Follows old walks through the new tree.
struct Follower<'a> {
    new: &'a Tree,
    new_root: Option<NodeIndex>,
    /// By old node index: the new node with its id.
    by_id: Vec<Option<NodeIndex>>,
    /// By old answer index: the paired answer of the new question with that id, and
    /// where it leads.
    answer_to: Vec<Option<(EdgeIndex, NodeIndex)>>,
    /// By new node index: which walk last answered it (`serial`), and at which step.
    stamp: Vec<(u64, usize)>,
    serial: u64,
}

impl<'a> Follower<'a> {
    fn new(old: &Tree, new: &'a Tree) -> Self {
        let mut by_id = vec![None; old.graph().node_bound()];
        let mut answer_to = vec![None; old.graph().edge_bound()];
        for (oi, node) in old.nodes() {
            let Some(ni) = new.find(&node.id) else {
                continue;
            };
            by_id[oi.index()] = Some(ni);
            let both_questions =
                node.is_question() && new.node(ni).is_some_and(|n| n.is_question());
            if both_questions {
                for (a, b, _) in pair_answers(old, oi, new, ni).pairs {
                    answer_to[a.edge.index()] = Some((b.edge, b.to));
                }
            }
        }
        Self {
            new,
            new_root: new.root(),
            by_id,
            answer_to,
            stamp: vec![(0, 0); new.graph().node_bound()],
            serial: 0,
        }
    }

    /// Where the walk's answers lead in the new tree. With `asked`, marks the steps
    /// whose question the new tree asks on the way.
    fn follow(&mut self, path: &[Hop], mut asked: Option<&mut [bool]>) -> Ending {
        self.serial += 1;
        for (step, &(q, _)) in path.iter().enumerate() {
            if let Some(nq) = self.by_id[q.index()] {
                self.stamp[nq.index()] = (self.serial, step);
            }
        }
        let Some(mut at) = self.new_root else {
            return Ending::NoStart;
        };
        let mut taken = 0;
        loop {
            match self.new.node(at).map(|n| &n.kind) {
                Some(NodeKind::Outcome(_)) => return Ending::Outcome(at),
                Some(NodeKind::Question(_)) => {}
                _ => return Ending::Missing(at),
            }
            let (serial, step) = self.stamp[at.index()];
            if serial != self.serial {
                return Ending::Asks(at);
            }
            // Every step takes one of the walk's answers; taking more than it has means
            // a question came round again.
            taken += 1;
            if taken > path.len() {
                return Ending::Loops(at);
            }
            if let Some(asked) = asked.as_deref_mut() {
                asked[step] = true;
            }
            let edge = path[step].1;
            match self.answer_to[edge.index()] {
                Some((_, to)) => at = to,
                None => return Ending::AnswerGone(at, edge),
            }
        }
    }
}

/// The followed walks, grouped.
#[derive(Default)]
struct Tally {
    followed: u64,
    unchanged: u64,
    /// By (old outcome, new end): how many, when first met, the shortest two walks.
    groups: HashMap<(NodeIndex, Ending), Group>,
}

struct Group {
    count: u64,
    /// The number of the walk that started the group, to order groups of equal size.
    first: u64,
    examples: Vec<Vec<Hop>>,
}

impl Tally {
    fn record(&mut self, old: &Tree, new: &Tree, outcome: NodeIndex, end: Ending, path: &[Hop]) {
        self.followed += 1;
        if let Ending::Outcome(n) = end
            && old.node(outcome).map(|o| &o.id) == new.node(n).map(|o| &o.id)
        {
            self.unchanged += 1;
            return;
        }
        let first = self.followed;
        let group = self.groups.entry((outcome, end)).or_insert(Group {
            count: 0,
            first,
            examples: Vec::new(),
        });
        group.count += 1;
        // Kept shortest first; among equally short, the first met.
        let at = group.examples.partition_point(|e| e.len() <= path.len());
        if at < 2 {
            group.examples.insert(at, path.to_vec());
            group.examples.truncate(2);
        }
    }
}

/// Follows the walks of `old` through `new`: all of them, or `limit` sampled with
/// `seed`.
pub(super) fn follow_walks(old: &Tree, new: &Tree, limit: usize, seed: u64) -> Walks {
    let counted = Counted::new(old);
    let mut follower = Follower::new(old, new);
    let mut tally = Tally::default();
    let (total, steps) = counted.root.map_or((0, 0), |r| {
        (counted.paths[r.index()], counted.steps[r.index()])
    });
    let limit_wide = u128::try_from(limit).unwrap_or(u128::MAX);
    let sampled = total > limit_wide || steps > u128::from(STEP_BUDGET);
    let cut_short = if sampled {
        sample(&counted, old, new, &mut follower, &mut tally, limit, seed)
    } else {
        every_walk(&counted, old, new, &mut follower, &mut tally);
        false
    };
    let groups = report_groups(old, new, &mut follower, tally.groups);
    Walks {
        total,
        total_exact: total < u128::MAX,
        followed: tally.followed,
        sampled,
        cut_short,
        unchanged: tally.unchanged,
        groups,
    }
}

/// Follows every walk, depth first in answer order.
fn every_walk(
    counted: &Counted,
    old: &Tree,
    new: &Tree,
    follower: &mut Follower<'_>,
    tally: &mut Tally,
) {
    let Some(root) = counted.root else {
        return;
    };
    if counted.paths[root.index()] == 0 {
        return;
    }
    // `path` holds the answer into each node of `stack` but the first.
    let mut path: Vec<Hop> = Vec::new();
    let mut stack = vec![(root, 0usize)];
    while let Some(top) = stack.last_mut() {
        let (n, next) = *top;
        if is_outcome(old, n) {
            let end = follower.follow(&path, None);
            tally.record(old, new, n, end, &path);
        } else if let Some(&(e, child)) = counted.choices[n.index()].get(next) {
            top.1 += 1;
            path.push((n, e));
            stack.push((child, 0));
            continue;
        }
        stack.pop();
        path.pop();
    }
}

/// Follows `limit` random walks (fewer if `STEP_BUDGET` runs out: returns true then).
fn sample(
    counted: &Counted,
    old: &Tree,
    new: &Tree,
    follower: &mut Follower<'_>,
    tally: &mut Tally,
    limit: usize,
    seed: u64,
) -> bool {
    let Some(root) = counted.root else {
        return false;
    };
    if counted.paths[root.index()] == 0 {
        return false;
    }
    let shares = Shares::new(counted, counted.paths[root.index()] < u128::MAX);
    let mut rng = SplitMix64(seed);
    let mut used = 0u64;
    let mut path: Vec<Hop> = Vec::new();
    for _ in 0..limit {
        if used >= STEP_BUDGET {
            return true;
        }
        path.clear();
        let mut at = root;
        while !is_outcome(old, at) {
            let choices = &counted.choices[at.index()];
            let Some(k) = shares.pick(at, &mut rng) else {
                break;
            };
            path.push((at, choices[k].0));
            at = choices[k].1;
        }
        if !is_outcome(old, at) {
            continue;
        }
        let end = follower.follow(&path, None);
        tally.record(old, new, at, end, &path);
        used += 2 * path.len() as u64 + 1;
    }
    false
}

/// By node index: the walks through each answer, added up in answer order, to choose an
/// answer by bisection (a question can have thousands). Exact counts when they fit, so
/// a sample is the same on every platform; shares of floating-point counts past that.
enum Shares {
    Exact(Vec<Vec<u128>>),
    Approximate(Vec<Vec<f64>>),
}

impl Shares {
    fn new(counted: &Counted, exact: bool) -> Self {
        let nodes = 0..counted.choices.len();
        let answers = |i: usize| counted.choices[i].iter().map(|&(_, c)| c.index());
        if exact {
            Shares::Exact(
                nodes
                    .map(|i| {
                        let mut sum = 0u128;
                        answers(i)
                            .map(|c| {
                                sum += counted.paths[c];
                                sum
                            })
                            .collect()
                    })
                    .collect(),
            )
        } else {
            Shares::Approximate(
                nodes
                    .map(|i| {
                        let mut sum = 0.0;
                        answers(i)
                            .map(|c| {
                                sum += (counted.ln[c] - counted.ln[i]).exp();
                                sum
                            })
                            .collect()
                    })
                    .collect(),
            )
        }
    }

    /// The position of an answer of `at`, each with probability proportional to its walks.
    fn pick(&self, at: NodeIndex, rng: &mut SplitMix64) -> Option<usize> {
        let i = at.index();
        let k = match self {
            Shares::Exact(shares) => {
                let r = rng.below_u128(*shares[i].last()?);
                shares[i].partition_point(|&s| s <= r)
            }
            Shares::Approximate(shares) => {
                let u = rng.unit() * shares[i].last()?;
                shares[i].partition_point(|&s| s <= u)
            }
        };
        // Rounding can put `u` at the very end.
        Some(k.min(self.len(i) - 1))
    }

    fn len(&self, i: usize) -> usize {
        match self {
            Shares::Exact(shares) => shares[i].len(),
            Shares::Approximate(shares) => shares[i].len(),
        }
    }
}

/// The groups as reported: largest first, then in the order first met (answer order,
/// or the sample's), so the order never depends on hashing. Only the first
/// `EXAMPLE_GROUPS` carry examples.
fn report_groups(
    old: &Tree,
    new: &Tree,
    follower: &mut Follower<'_>,
    groups: HashMap<(NodeIndex, Ending), Group>,
) -> Vec<WalkGroup> {
    let mut groups: Vec<((NodeIndex, Ending), Group)> = groups.into_iter().collect();
    groups.sort_by_key(|((_, _), g)| (std::cmp::Reverse(g.count), g.first));
    groups
        .into_iter()
        .enumerate()
        .filter_map(|(rank, ((outcome, end), g))| {
            let was = NodeRef::of(old.node(outcome)?);
            let examples = g
                .examples
                .iter()
                .take(if rank < EXAMPLE_GROUPS { 2 } else { 0 })
                .map(|path| steps(old, new, follower, path))
                .collect();
            Some(WalkGroup {
                count: g.count,
                was,
                now: end_of(old, new, end),
                examples,
            })
        })
        .collect()
}

/// A walk as reported, each step saying whether the new tree still asks it and how it
/// words the answer now.
fn steps(old: &Tree, new: &Tree, follower: &mut Follower<'_>, path: &[Hop]) -> Vec<Step> {
    let mut asked = vec![false; path.len()];
    let reached = matches!(follower.follow(path, Some(&mut asked)), Ending::Outcome(_));
    let id = |tree: &Tree, n: NodeIndex| tree.node(n).map(|n| n.id.clone());
    let mut turned = false;
    path.iter()
        .zip(asked)
        .map(|(&(q, e), asked)| {
            let label = old.graph()[e].label.clone();
            let now = follower.answer_to[e.index()];
            let reworded = now
                .map(|(ne, _)| &new.graph()[ne].label)
                .filter(|now| **now != label)
                .cloned();
            let old_to = old
                .graph()
                .edge_endpoints(e)
                .and_then(|(_, to)| id(old, to));
            let same_way = asked && now.is_some_and(|(_, to)| id(new, to) == old_to);
            let turns = !same_way && !turned;
            turned |= !same_way;
            Step {
                question: id(old, q).unwrap_or_default(),
                answer: label,
                reworded,
                // A walk that stops short says nothing of the questions past where it stops.
                asked: (asked || reached).then_some(asked),
                turns,
            }
        })
        .collect()
}

fn end_of(old: &Tree, new: &Tree, end: Ending) -> End {
    let id = |n: NodeIndex| new.node(n).map(|n| n.id.clone()).unwrap_or_default();
    let label = |n: NodeIndex| {
        new.node(n)
            .map(|n| n.label().to_owned())
            .unwrap_or_default()
    };
    match end {
        Ending::Outcome(n) => End::Outcome {
            id: id(n),
            title: label(n),
        },
        Ending::Asks(n) => End::Asks {
            id: id(n),
            prompt: label(n),
            new: old
                .find(&id(n))
                .and_then(|o| old.node(o))
                .is_none_or(|o| o.is_missing()),
        },
        Ending::AnswerGone(n, e) => End::AnswerGone {
            id: id(n),
            prompt: label(n),
            answer: old.graph()[e].label.clone(),
        },
        Ending::Missing(n) => End::Missing { id: id(n) },
        Ending::Loops(n) => End::Loops {
            id: id(n),
            prompt: label(n),
        },
        Ending::NoStart => End::NoStart,
    }
}
