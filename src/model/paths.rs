//! The ways to an outcome: every answer path from one node to another, shortest first,
//! with their exact number; and, for a walk, which of its answers ruled out each
//! outcome it can no longer reach. Both answer "what would I have had to say to get
//! there?", the question behind seeing the trade-offs between outcomes.
//!
//! Only nodes that can reach the target are ever entered, and a tree is a DAG, so
//! counting is one dynamic-programming pass and listing never follows a dead end: each
//! partial path taken is the start of a listed one. A broken file with a cycle is
//! handled by leaving out the answers that close it (the back edges of a depth-first
//! search), which leaves a DAG; the counts and lists agree on that DAG.

use std::collections::{BTreeMap, HashMap};

use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::NodeIndexable as _;

use super::tree::Tree;
use super::walk::{Step, Walk};

/// The answer paths from one node to another.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PathsTo {
    /// The first paths, shortest first, then in answer order; at most the limit asked.
    pub paths: Vec<Vec<Step>>,
    /// How many paths there are in all (saturating at `u128::MAX`).
    pub total: u128,
    /// Whether `paths` leaves some out.
    pub cut: bool,
}

/// Every answer path from `from` to `target`, shortest first, then in answer order (the
/// path whose first differing answer comes earlier among its question's answers goes
/// first); at most `limit` of them, with the exact total. A path ends at `target`, and
/// `from == target` has one path, with no steps.
pub fn paths_to(tree: &Tree, from: NodeIndex, target: NodeIndex, limit: usize) -> PathsTo {
    let Some(dag) = Restricted::new(tree, from, target) else {
        return PathsTo::default();
    };
    let total = dag.count[from.index()];
    let paths = dag.list(from, limit);
    let cut = (paths.len() as u128) < total;
    PathsTo { paths, total, cut }
}

/// For every outcome the walk has ruled out, the answer that ruled it out: the first
/// step after which it could no longer be reached (see `weigh::ruling_answers`, which
/// this is, for how preference questions count).
pub fn ruling_answers(tree: &Tree, walk: &Walk) -> HashMap<NodeIndex, Step> {
    super::weigh::ruling_answers(tree, walk)
}

/// An answer on the way to the target.
#[derive(Debug, Clone, Copy)]
struct Way {
    edge: EdgeIndex,
    to: NodeIndex,
}

/// The DAG of the paths from `from` to `target`: the nodes on some path, with, for each,
/// the answers that stay on one (in answer order), how many paths lead on from it, and
/// how long the shortest is. Indexed by node index.
struct Restricted {
    ways: Vec<Vec<Way>>,
    count: Vec<u128>,
    /// Answers to the target from each node on the shortest path; `u32::MAX` when none.
    dist: Vec<u32>,
}

/// A partial path being listed: a node and how it was reached, by index of its parent.
#[derive(Debug, Clone, Copy)]
struct Partial {
    parent: usize,
    node: NodeIndex,
    /// The answer taken from the parent's node, and its position among the ways there.
    via: Option<(EdgeIndex, u32)>,
    depth: u32,
}

impl Restricted {
    /// `None` when `from` cannot reach `target`.
    fn new(tree: &Tree, from: NodeIndex, target: NodeIndex) -> Option<Self> {
        let bound = tree.graph().node_bound();
        let reaches = reaching(tree, target, bound);
        if !reaches.get(from.index()).copied().unwrap_or(false) {
            return None;
        }
        let order = Self::depth_first(tree, from, target, &reaches, bound);
        let mut dag = order.0;
        // Post-order: every kept answer leads to a node already finished.
        for n in order.1 {
            let i = n.index();
            if n == target {
                dag.count[i] = 1;
                dag.dist[i] = 0;
                continue;
            }
            let (count, dist) = (&dag.count, &dag.dist);
            dag.ways[i].retain(|w| count[w.to.index()] > 0);
            dag.count[i] = dag.ways[i]
                .iter()
                .fold(0u128, |sum, w| sum.saturating_add(count[w.to.index()]));
            dag.dist[i] = dag.ways[i]
                .iter()
                .map(|w| dist[w.to.index()].saturating_add(1))
                .min()
                .unwrap_or(u32::MAX);
        }
        Some(dag)
    }

    /// An iterative depth-first search from `from` through the nodes that reach
    /// `target`, stopping there: each node's answers that stay among them and do not
    /// close a cycle, and the nodes in post-order.
    fn depth_first(
        tree: &Tree,
        from: NodeIndex,
        target: NodeIndex,
        reaches: &[bool],
        bound: usize,
    ) -> (Self, Vec<NodeIndex>) {
        const NEW: u8 = 0;
        const OPEN: u8 = 1;
        const DONE: u8 = 2;
        let mut state = vec![NEW; bound];
        let mut ways: Vec<Vec<Way>> = vec![Vec::new(); bound];
        let mut post = Vec::new();
        // Each frame: a node and how many of its answers have been looked at.
        let mut stack: Vec<(NodeIndex, usize)> = vec![(from, 0)];
        state[from.index()] = OPEN;
        let answers_of = |n: NodeIndex| -> Vec<Way> {
            if n == target || !tree.node(n).is_some_and(|node| node.is_question()) {
                return Vec::new();
            }
            tree.answers(n)
                .into_iter()
                .filter(|a| reaches[a.to.index()])
                .map(|a| Way {
                    edge: a.edge,
                    to: a.to,
                })
                .collect()
        };
        let mut candidates: Vec<Vec<Way>> = vec![Vec::new(); bound];
        candidates[from.index()] = answers_of(from);
        while let Some((n, next)) = stack.last_mut() {
            let i = n.index();
            let Some(&way) = candidates[i].get(*next) else {
                state[i] = DONE;
                post.push(*n);
                stack.pop();
                continue;
            };
            *next += 1;
            let j = way.to.index();
            match state[j] {
                // Closes a cycle: left out, so what remains is a DAG.
                OPEN => continue,
                NEW => {
                    state[j] = OPEN;
                    candidates[j] = answers_of(way.to);
                    stack.push((way.to, 0));
                }
                _ => {}
            }
            ways[i].push(way);
        }
        let dag = Self {
            ways,
            count: vec![0; bound],
            dist: vec![u32::MAX; bound],
        };
        (dag, post)
    }

    /// The first `limit` paths from `from`, shortest first, then in answer order.
    ///
    /// Partial paths are taken in order of the length of the shortest path they can
    /// finish as (depth plus `dist`), then in answer order. Within one length that is a
    /// depth-first search that only takes answers keeping the length; answers that make
    /// it longer are put aside for that longer length, where they are sorted. Every
    /// partial path taken finishes as the next path listed, so the work is about
    /// `limit` times the paths' length, times the answers per question.
    fn list(&self, from: NodeIndex, limit: usize) -> Vec<Vec<Step>> {
        let mut paths = Vec::new();
        let mut arena: Vec<Partial> = vec![Partial {
            parent: usize::MAX,
            node: from,
            via: None,
            depth: 0,
        }];
        let mut later: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
        later.insert(u64::from(self.dist[from.index()]), vec![0]);
        while paths.len() < limit {
            let Some((length, mut seeds)) = later.pop_first() else {
                break;
            };
            seeds.sort_by(|&a, &b| compare(&arena, a, b));
            let mut stack: Vec<usize> = seeds.into_iter().rev().collect();
            while let Some(p) = stack.pop() {
                let Partial { node, depth, .. } = arena[p];
                let ways = &self.ways[node.index()];
                if self.dist[node.index()] == 0 {
                    paths.push(steps_of(&arena, p));
                    if paths.len() == limit {
                        break;
                    }
                    continue;
                }
                let first_child = stack.len();
                for (position, way) in ways.iter().enumerate() {
                    let finish = u64::from(depth) + 1 + u64::from(self.dist[way.to.index()]);
                    arena.push(Partial {
                        parent: p,
                        node: way.to,
                        via: Some((way.edge, position as u32)),
                        depth: depth + 1,
                    });
                    let child = arena.len() - 1;
                    if finish == length {
                        stack.push(child);
                    } else {
                        later.entry(finish).or_default().push(child);
                    }
                }
                // Pushed in answer order; popped first-answer first.
                stack[first_child..].reverse();
            }
        }
        paths
    }
}

/// Orders two partial paths, neither a prefix of the other, by their answers' positions.
fn compare(arena: &[Partial], mut a: usize, mut b: usize) -> std::cmp::Ordering {
    while arena[a].depth > arena[b].depth {
        a = arena[a].parent;
    }
    while arena[b].depth > arena[a].depth {
        b = arena[b].parent;
    }
    let mut order = std::cmp::Ordering::Equal;
    // Climb to the common ancestor; the last difference seen is the first on the path.
    while a != b {
        let position = |p: usize| arena[p].via.map_or(0, |(_, at)| at);
        order = position(a).cmp(&position(b));
        a = arena[a].parent;
        b = arena[b].parent;
    }
    order
}

/// The steps of a partial path, first answer first.
fn steps_of(arena: &[Partial], mut p: usize) -> Vec<Step> {
    let mut steps = Vec::with_capacity(arena[p].depth as usize);
    while let Some((answer, _)) = arena[p].via {
        let parent = arena[p].parent;
        steps.push(Step {
            question: arena[parent].node,
            answer,
        });
        p = parent;
    }
    steps.reverse();
    steps
}

/// Which node indices can reach `target` through questions' answers (itself included).
fn reaching(tree: &Tree, target: NodeIndex, bound: usize) -> Vec<bool> {
    let mut reaches = vec![false; bound];
    if tree.node(target).is_none() {
        return reaches;
    }
    let mut stack = vec![target];
    reaches[target.index()] = true;
    while let Some(n) = stack.pop() {
        for p in tree.graph().neighbors_directed(n, Direction::Incoming) {
            let is_question = tree.node(p).is_some_and(|node| node.is_question());
            if is_question && !std::mem::replace(&mut reaches[p.index()], true) {
                stack.push(p);
            }
        }
    }
    reaches
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Node;
    use crate::model::rng::SplitMix64;

    /// A question with answers to `targets`, in that order.
    fn ask(t: &mut Tree, id: &str, targets: &[NodeIndex]) -> NodeIndex {
        let q = t.add_node(Node::question(id, id));
        for (i, &to) in targets.iter().enumerate() {
            t.add_answer(q, to, format!("{id}-{i}"));
        }
        q
    }

    /// The targets of a path's answers.
    fn nodes_of(t: &Tree, path: &[Step]) -> Vec<NodeIndex> {
        path.iter()
            .filter_map(|s| t.answer(s.answer))
            .map(|a| a.to)
            .collect()
    }

    /// `diamonds` diamonds in a row, ending at one outcome: the start and the outcome.
    /// Built from the outcome up so every question's answers exist when it is added.
    fn ladder(t: &mut Tree, diamonds: usize) -> (NodeIndex, NodeIndex) {
        let end = t.add_node(Node::outcome("end", "End"));
        let mut below = end;
        for d in (0..diamonds).rev() {
            let left = ask(t, &format!("l{d}"), &[below]);
            let right = ask(t, &format!("r{d}"), &[below]);
            below = ask(t, &format!("q{d}"), &[left, right]);
        }
        (below, end)
    }

    #[test]
    fn a_diamond_has_two_paths_in_answer_order() {
        let mut t = Tree::new("T");
        let (start, end) = ladder(&mut t, 1);
        let found = paths_to(&t, start, end, 10);
        assert_eq!(found.total, 2);
        assert!(!found.cut);
        let left = t.find("l0").unwrap();
        let right = t.find("r0").unwrap();
        assert_eq!(nodes_of(&t, &found.paths[0]), vec![left, end]);
        assert_eq!(nodes_of(&t, &found.paths[1]), vec![right, end]);
        assert_eq!(found.paths[0][0].question, start);
        assert_eq!(found.paths[0][1].question, left);
    }

    #[test]
    fn two_diamonds_in_a_row_have_four_paths() {
        let mut t = Tree::new("T");
        let (start, end) = ladder(&mut t, 2);
        let found = paths_to(&t, start, end, 10);
        assert_eq!(found.total, 4);
        assert_eq!(found.paths.len(), 4);
        let names = |p: &[Step]| -> Vec<String> {
            nodes_of(&t, p)
                .into_iter()
                .map(|n| t.node(n).unwrap().id.clone())
                .collect()
        };
        let listed: Vec<Vec<String>> = found.paths.iter().map(|p| names(p)).collect();
        let expected = [
            ["l0", "q1", "l1", "end"],
            ["l0", "q1", "r1", "end"],
            ["r0", "q1", "l1", "end"],
            ["r0", "q1", "r1", "end"],
        ];
        assert_eq!(listed, expected.map(|p| p.map(String::from).to_vec()));
    }

    #[test]
    fn shorter_paths_come_first_then_answer_order() {
        let mut t = Tree::new("T");
        let end = t.add_node(Node::outcome("end", "End"));
        let far = ask(&mut t, "far", &[end]);
        let start = ask(&mut t, "start", &[far, end]);
        let found = paths_to(&t, start, end, 10);
        assert_eq!(found.total, 2);
        assert_eq!(nodes_of(&t, &found.paths[0]), vec![end]);
        assert_eq!(nodes_of(&t, &found.paths[1]), vec![far, end]);
    }

    #[test]
    fn the_limit_cuts_the_list_but_not_the_count() {
        let mut t = Tree::new("T");
        let (start, end) = ladder(&mut t, 3);
        let found = paths_to(&t, start, end, 3);
        assert_eq!((found.paths.len(), found.total, found.cut), (3, 8, true));
        let none = paths_to(&t, start, end, 0);
        assert_eq!((none.paths.len(), none.total, none.cut), (0, 8, true));
    }

    #[test]
    fn the_start_itself_and_unreachable_targets() {
        let mut t = Tree::new("T");
        let a = t.add_node(Node::outcome("a", "A"));
        let b = t.add_node(Node::outcome("b", "B"));
        let start = ask(&mut t, "start", &[a]);
        let itself = paths_to(&t, start, start, 5);
        assert_eq!((itself.paths, itself.total), (vec![Vec::new()], 1));
        assert_eq!(paths_to(&t, start, b, 5), PathsTo::default());
        assert_eq!(paths_to(&t, a, start, 5), PathsTo::default());
    }

    #[test]
    fn a_cycle_in_a_broken_file_is_left_out() {
        let mut t = Tree::new("T");
        let end = t.add_node(Node::outcome("end", "End"));
        let one = t.add_node(Node::question("one", "One"));
        let two = ask(&mut t, "two", &[one, end]);
        t.add_answer(one, two, "on");
        let found = paths_to(&t, one, end, 10);
        assert_eq!(found.total, 1);
        assert_eq!(nodes_of(&t, &found.paths[0]), vec![two, end]);
    }

    #[test]
    fn long_ladders_saturate_the_count_and_list_quickly() {
        let mut t = Tree::new("T");
        // 15,001 nodes; 2^5000 paths, each 10,000 answers long.
        let (start, end) = ladder(&mut t, 5000);
        let found = paths_to(&t, start, end, 5);
        assert_eq!(found.total, u128::MAX);
        assert!(found.cut);
        assert_eq!(found.paths.len(), 5);
        assert!(found.paths.iter().all(|p| p.len() == 10_000));
        // The second path differs from the first only at the last diamond.
        let (first, second) = (&found.paths[0], &found.paths[1]);
        assert_eq!(first[..9998], second[..9998]);
        assert_ne!(first[9998], second[9998]);
    }

    /// Every path by brute force (test trees are small), sorted as `paths_to` promises.
    fn every_path(t: &Tree, from: NodeIndex, target: NodeIndex) -> Vec<Vec<Step>> {
        let mut out: Vec<(usize, Vec<usize>, Vec<Step>)> = Vec::new();
        let mut stack = vec![(from, Vec::new(), Vec::new())];
        while let Some((n, positions, steps)) = stack.pop() {
            if n == target {
                out.push((steps.len(), positions, steps));
                continue;
            }
            for (i, a) in t.answers(n).into_iter().enumerate() {
                let mut p: Vec<usize> = positions.clone();
                p.push(i);
                let mut s: Vec<Step> = steps.clone();
                s.push(Step {
                    question: n,
                    answer: a.edge,
                });
                stack.push((a.to, p, s));
            }
        }
        out.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        out.into_iter().map(|(_, _, s)| s).collect()
    }

    #[test]
    fn random_dags_agree_with_brute_force() {
        let mut rng = SplitMix64(7);
        for _ in 0..150 {
            let mut t = Tree::new("T");
            let size = 4 + rng.below(10);
            // Node k answers only to nodes added before it: a DAG, built bottom up.
            let mut nodes = vec![t.add_node(Node::outcome("o0", "O0"))];
            nodes.push(t.add_node(Node::outcome("o1", "O1")));
            for k in 2..size {
                let count = 1 + rng.below(3);
                let targets: Vec<NodeIndex> =
                    (0..count).map(|_| nodes[rng.below(nodes.len())]).collect();
                nodes.push(ask(&mut t, &format!("q{k}"), &targets));
            }
            let start = *nodes.last().unwrap();
            for &target in &nodes {
                let expected = every_path(&t, start, target);
                for limit in [1, 3, usize::MAX] {
                    let found = paths_to(&t, start, target, limit);
                    assert_eq!(found.total, expected.len() as u128);
                    let wanted = &expected[..expected.len().min(limit)];
                    assert_eq!(found.paths, wanted);
                    assert_eq!(found.cut, wanted.len() < expected.len());
                }
            }
        }
    }

    /// Size? small → budget?, large → big. Budget? low → cheap, high → premium.
    fn sizing() -> (Tree, [NodeIndex; 5]) {
        let mut t = Tree::new("T");
        let big = t.add_node(Node::outcome("big", "Big"));
        let cheap = t.add_node(Node::outcome("cheap", "Cheap"));
        let premium = t.add_node(Node::outcome("premium", "Premium"));
        let budget = ask(&mut t, "budget", &[cheap, premium]);
        let size = ask(&mut t, "size", &[budget, big]);
        (t, [size, budget, big, cheap, premium])
    }

    #[test]
    fn each_ruled_out_outcome_names_the_answer_that_ruled_it_out() {
        let (mut t, [size, _, big, _, premium]) = sizing();
        // Not reachable from the start at all (the start stays the first root).
        let stray_q = t.add_node(Node::question("stray", "Stray"));
        let stray = t.add_node(Node::outcome("lost", "Lost"));
        t.add_answer(stray_q, stray, "to");
        assert_eq!(t.root(), Some(size));
        let mut walk = Walk::new();
        assert!(ruling_answers(&t, &walk).is_empty());
        walk.choose_by(&t, "size-0").unwrap();
        walk.choose_by(&t, "budget-0").unwrap();
        let ruled = ruling_answers(&t, &walk);
        let steps = walk.steps();
        assert_eq!(ruled.len(), 2);
        assert_eq!(ruled[&big], steps[0]);
        assert_eq!(ruled[&premium], steps[1]);
        // The same outcomes `Walk::ruled_out` reports, less those never reachable.
        let from_start: std::collections::HashSet<NodeIndex> =
            t.reachable_from(size).into_iter().collect();
        let mut expected: Vec<NodeIndex> = walk
            .ruled_out(&t)
            .into_iter()
            .filter(|n| t.node(*n).unwrap().is_outcome() && from_start.contains(n))
            .collect();
        let mut keys: Vec<NodeIndex> = ruled.keys().copied().collect();
        expected.sort();
        keys.sort();
        assert_eq!(keys, expected);
    }

    #[test]
    fn an_outcome_still_reachable_another_way_is_ruled_out_later() {
        let (mut t, [size, budget, big, cheap, _]) = sizing();
        // "large" now asks again, and can still end at cheap.
        let again = ask(&mut t, "again", &[big, cheap]);
        let large = t.answers(size)[1].edge;
        t.retarget(large, again);
        let mut walk = Walk::new();
        walk.choose_by(&t, "size-1").unwrap();
        walk.choose_by(&t, "again-0").unwrap();
        let ruled = ruling_answers(&t, &walk);
        let steps = walk.steps();
        assert_eq!(ruled[&cheap], steps[1]);
        assert!(!ruled.contains_key(&big));
        // Budget's own outcome, premium, went with the first answer.
        let premium = t.answers(budget)[1].to;
        assert_eq!(ruled[&premium], steps[0]);
    }
}
