//! Ranking outcomes by what the user cares about: the weights given to each dimension,
//! the score an outcome earns from its profile, the order of a set of outcomes with why
//! the first beats the next, the ruled-out outcomes that would have scored better, and
//! the weights a walk's preference answers lead to.
//!
//! The rule, in one place:
//!
//! - A level is read as a position on the scale, `t = (level - 1) / 4`: level 1 is 0,
//!   level 5 is 1 (a level outside 1..=5, which validation reports, counts as the
//!   nearest end).
//! - Its desirability `d` follows the dimension's `better`: `t` for `higher`, `1 - t`
//!   for `lower`. A `neutral` dimension has no end most teams want, so it is read the
//!   way its scale is written, `t`, and it starts with weight 0 in [`Weights::even`]:
//!   it orders nothing until the user (or a preference answer) gives it a weight, whose
//!   sign then says which end they want.
//! - A weight's size is how much the dimension matters (0: not at all); its sign says
//!   which end is wanted: positive for the end `d` favours, negative for the other. The
//!   contribution is `|w| * d` for `w >= 0` and `|w| * (1 - d)` for `w < 0`, so every
//!   part, and the total, is at least 0 and at most the sum of the weights' sizes.
//! - An outcome with no rating on a dimension is taken to sit in the middle (`d` =
//!   0.5), so a gap in its profile neither wins nor loses it the dimension outright.
//! - Outcomes rank by total, best first; equal totals by title, then id.

use std::collections::BTreeMap;
use std::sync::Arc;

use petgraph::stable_graph::NodeIndex;

use super::tree::{Outcome, Tree};
use super::walk::Walk;

// These enums live with the dimension and question that hold them; `model` names only
// the tree's core types, so they are reached through this module.
pub use super::tree::{Better, Role};

/// Totals closer than this are equal: sums of the same parts in another order differ
/// in the last bits.
const TIE: f32 = 1e-4;

/// The most a preference answer may change one weight by, either way.
pub const MAX_WEIGHT_CHANGE: i8 = 5;

/// How much each dimension matters to the user, keyed by dimension id. A dimension
/// with no entry has weight 0: it does not matter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Weights(BTreeMap<String, f32>);

impl Weights {
    /// Every dimension with a preferred end (`higher` or `lower`) at 1, and every
    /// `neutral` one at 0, since the tree does not say which end of it to want.
    pub fn even(tree: &Tree) -> Self {
        let weights = tree.dimensions.iter().map(|d| {
            let weight = if d.better == Better::Neutral {
                0.0
            } else {
                1.0
            };
            (d.id.clone(), weight)
        });
        Self(weights.collect())
    }

    /// The weight of `dimension`; 0 when it has none.
    pub fn get(&self, dimension: &str) -> f32 {
        self.0.get(dimension).copied().unwrap_or(0.0)
    }

    /// Sets the weight of `dimension`. A weight that is not a finite number is 0.
    pub fn set(&mut self, dimension: impl Into<String>, weight: f32) {
        let weight = if weight.is_finite() { weight } else { 0.0 };
        self.0.insert(dimension.into(), weight);
    }

    /// Adds `change` to the weight of `dimension`.
    pub fn add(&mut self, dimension: &str, change: f32) {
        let weight = self.get(dimension) + change;
        self.set(dimension, weight);
    }

    /// Every weight set, by dimension id.
    pub fn iter(&self) -> impl Iterator<Item = (&str, f32)> + '_ {
        self.0.iter().map(|(id, &w)| (id.as_str(), w))
    }
}

/// An outcome's score: the total and what each dimension gave to it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Score {
    pub total: f32,
    /// Each declared dimension's contribution, in the tree's order, by dimension id.
    /// The ids are shared between the scores of one ranking, not copied for each.
    pub parts: Vec<(Arc<str>, f32)>,
}

impl Score {
    /// What `dimension` contributed; 0 when it is not among the parts.
    pub fn part(&self, dimension: &str) -> f32 {
        self.parts
            .iter()
            .find(|(id, _)| &**id == dimension)
            .map_or(0.0, |&(_, c)| c)
    }
}

/// One outcome in a ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub outcome: NodeIndex,
    pub score: Score,
    /// The dimensions that put it above the next outcome in the ranking (one or two,
    /// the one that mattered most first); empty for the last, and when the two score
    /// the same.
    pub why: Vec<String>,
}

/// A dimension as scoring reads it, worked out once per ranking rather than per outcome.
struct Scale<'t> {
    id: &'t str,
    better: Better,
    weight: f32,
}

/// The dimensions of `tree` with their weights; a repeated id counts once, as declared
/// first (validation reports the repeat).
fn scales<'t>(tree: &'t Tree, weights: &Weights) -> Vec<Scale<'t>> {
    let mut scales: Vec<Scale<'t>> = Vec::with_capacity(tree.dimensions.len());
    for d in &tree.dimensions {
        if scales.iter().all(|s| s.id != d.id) {
            scales.push(Scale {
                id: &d.id,
                better: d.better,
                weight: weights.get(&d.id),
            });
        }
    }
    scales
}

/// How desirable `level` is on a dimension, from 0 to 1; `None` (no rating) is 0.5.
fn desirability(better: Better, level: Option<u8>) -> f32 {
    let Some(level) = level else {
        return 0.5;
    };
    let t = f32::from(level.clamp(1, 5) - 1) / 4.0;
    match better {
        Better::Higher | Better::Neutral => t,
        Better::Lower => 1.0 - t,
    }
}

/// What each dimension gives an outcome, in the order of `scales`, into `out`.
fn contributions(scales: &[Scale<'_>], outcome: &Outcome, out: &mut Vec<f32>) {
    out.extend(scales.iter().map(|s| {
        let d = desirability(s.better, outcome.profile.get(s.id).map(|r| r.level));
        let wanted = if s.weight < 0.0 { 1.0 - d } else { d };
        s.weight.abs() * wanted
    }));
}

/// The score of `outcome` on the tree's dimensions under `weights` (see the module
/// documentation for the rule).
pub fn score(tree: &Tree, outcome: &Outcome, weights: &Weights) -> Score {
    let scales = scales(tree, weights);
    let mut parts = Vec::with_capacity(scales.len());
    contributions(&scales, outcome, &mut parts);
    named(&ids(&scales), &parts)
}

/// A score from contributions in the order of `scales`.
fn named(ids: &[Arc<str>], parts: &[f32]) -> Score {
    Score {
        total: parts.iter().sum(),
        parts: ids.iter().cloned().zip(parts.iter().copied()).collect(),
    }
}

/// The scales' ids, to share between scores.
fn ids(scales: &[Scale<'_>]) -> Vec<Arc<str>> {
    scales.iter().map(|s| Arc::from(s.id)).collect()
}

/// One scored outcome, with what it sorts by.
struct Row<'t> {
    outcome: NodeIndex,
    title: &'t str,
    id: &'t str,
    total: f32,
}

/// Outcomes scored in one flat table: ranking thousands of outcomes then allocates
/// little besides the scores it hands back.
struct Table<'t> {
    scales: Vec<Scale<'t>>,
    ids: Vec<Arc<str>>,
    rows: Vec<Row<'t>>,
    /// Row `k`'s contributions are `parts[k * scales.len()..][..scales.len()]`.
    parts: Vec<f32>,
}

impl<'t> Table<'t> {
    /// Every outcome among `nodes`, scored; anything else is skipped.
    fn new(tree: &'t Tree, nodes: &[NodeIndex], weights: &Weights) -> Self {
        let scales = scales(tree, weights);
        let mut rows = Vec::with_capacity(nodes.len());
        let mut parts = Vec::with_capacity(nodes.len() * scales.len());
        for &i in nodes {
            let Some((node, outcome)) = tree.node(i).and_then(|n| Some((n, n.as_outcome()?)))
            else {
                continue;
            };
            let from = parts.len();
            contributions(&scales, outcome, &mut parts);
            rows.push(Row {
                outcome: i,
                title: &outcome.title,
                id: &node.id,
                total: parts[from..].iter().sum(),
            });
        }
        Self {
            ids: ids(&scales),
            scales,
            rows,
            parts,
        }
    }

    fn parts(&self, row: usize) -> &[f32] {
        let n = self.scales.len();
        &self.parts[row * n..(row + 1) * n]
    }

    /// The rows best first: the higher total, then the title, then the id (then the
    /// index, for a repeated id), so equal scores always come out in the same order.
    fn best_first(&self, keep: impl Fn(&Row<'_>) -> bool) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.rows.len())
            .filter(|&k| keep(&self.rows[k]))
            .collect();
        order.sort_unstable_by(|&a, &b| {
            let (a, b) = (&self.rows[a], &self.rows[b]);
            b.total
                .total_cmp(&a.total)
                .then_with(|| (a.title, a.id, a.outcome).cmp(&(b.title, b.id, b.outcome)))
        });
        order
    }

    fn score(&self, row: usize) -> Score {
        named(&self.ids, self.parts(row))
    }

    /// The dimensions that put row `above` over row `below`: the one with the largest
    /// gain, and the next if it gained at least half as much, so the reason names what
    /// really decided. Equal gains go to the dimension declared first.
    fn why(&self, above: usize, below: usize) -> Vec<String> {
        let gains = self.parts(above).iter().zip(self.parts(below));
        let (mut first, mut second) = ((0, 0.0_f32), (0, 0.0_f32));
        for (j, (a, b)) in gains.enumerate() {
            let gain = a - b;
            if gain > first.1 {
                second = first;
                first = (j, gain);
            } else if gain > second.1 {
                second = (j, gain);
            }
        }
        [first, second]
            .iter()
            .filter(|&&(_, gain)| gain > f32::EPSILON && gain * 2.0 >= first.1)
            .map(|&(j, _)| self.scales[j].id.to_owned())
            .collect()
    }
}

impl Table<'_> {
    /// The row that ranks first with dimension weights `w` (in the order of the
    /// scales), given each row's desirability per dimension in `desire` (row-major):
    /// the best first order without sorting, for trying many weights.
    fn leader(&self, desire: &[f32], w: &[f32]) -> usize {
        let n = self.scales.len();
        let total = |k: usize| -> f32 {
            w.iter()
                .zip(&desire[k * n..(k + 1) * n])
                .map(|(&w, &d)| w.abs() * if w < 0.0 { 1.0 - d } else { d })
                .sum()
        };
        let mut best = 0;
        let mut best_total = total(0);
        for k in 1..self.rows.len() {
            let t = total(k);
            let (a, b) = (&self.rows[k], &self.rows[best]);
            let before = t > best_total
                || (t == best_total && (a.title, a.id, a.outcome) < (b.title, b.id, b.outcome));
            if before {
                (best, best_total) = (k, t);
            }
        }
        best
    }
}

/// The outcomes among `outcomes`, best first (ties by title), each with why it ranks
/// above the next. Nodes that are not outcomes are left out.
pub fn rank(tree: &Tree, outcomes: &[NodeIndex], weights: &Weights) -> Vec<Ranked> {
    let table = Table::new(tree, outcomes, weights);
    let order = table.best_first(|_| true);
    order
        .iter()
        .enumerate()
        .map(|(place, &row)| Ranked {
            outcome: table.rows[row].outcome,
            score: table.score(row),
            // Equal totals are ordered by title, not by any dimension: no why then.
            why: order
                .get(place + 1)
                .filter(|&&next| table.rows[row].total - table.rows[next].total > TIE)
                .map(|&next| table.why(row, next))
                .unwrap_or_default(),
        })
        .collect()
}

/// The outcomes in `ruled_out` that would score above every outcome in `reachable`,
/// best first, with their scores: what the answers given cost the user. With nothing
/// reachable, every ruled-out outcome is better than what is left.
pub fn better_ruled_out(
    tree: &Tree,
    reachable: &[NodeIndex],
    ruled_out: &[NodeIndex],
    weights: &Weights,
) -> Vec<(NodeIndex, Score)> {
    let best = Table::new(tree, reachable, weights)
        .rows
        .iter()
        .map(|r| r.total)
        .fold(f32::NEG_INFINITY, f32::max);
    let table = Table::new(tree, ruled_out, weights);
    table
        .best_first(|r| r.total > best)
        .into_iter()
        .map(|row| (table.rows[row].outcome, table.score(row)))
        .collect()
}

/// A weight moved far enough that another outcome ranks first.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightChange {
    pub dimension: String,
    /// The weight as it is, and the nearest weight tried at which the leader changes.
    pub from: f32,
    pub to: f32,
    /// What ranks first at `to`.
    pub leader: NodeIndex,
}

/// The weights tried for one dimension: `range` in steps of `step`, the way a slider
/// moves, so a change found is one the user can make.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeightGrid {
    pub min: f32,
    pub max: f32,
    pub step: f32,
}

/// For each dimension, the nearest weight above and the nearest below its weight in
/// `base` (on `grid`, every other weight kept) at which an outcome other than today's
/// leader ranks first among `outcomes`; at most two changes per dimension, nearest
/// first overall. `extra` is added to `base` before scoring (the preference answers'
/// changes), so the weights reported are the user's own.
pub fn weight_changes(
    tree: &Tree,
    outcomes: &[NodeIndex],
    base: &Weights,
    extra: &Weights,
    grid: WeightGrid,
) -> Vec<WeightChange> {
    let effective = |w: &Weights| {
        let mut e = w.clone();
        for (d, change) in extra.iter() {
            e.add(d, change);
        }
        e
    };
    let table = Table::new(tree, outcomes, &effective(base));
    // A step that is 0, negative or not a number tries nothing.
    if table.rows.len() < 2 || grid.step.is_nan() || grid.step <= 0.0 {
        return Vec::new();
    }
    // Desirability per row and dimension, worked out once: each weight tried then costs
    // one multiply-add per row and dimension.
    let desire: Vec<f32> = table
        .rows
        .iter()
        .flat_map(|row| {
            let outcome = tree.node(row.outcome).and_then(|x| x.as_outcome());
            table.scales.iter().map(move |s| {
                let level = outcome.and_then(|o| o.profile.get(s.id)).map(|r| r.level);
                desirability(s.better, level)
            })
        })
        .collect();
    let weights_of = |w: &Weights| -> Vec<f32> {
        let e = effective(w);
        table.scales.iter().map(|s| e.get(s.id)).collect()
    };
    let leader = |w: &[f32]| table.leader(&desire, w);
    let now = leader(&weights_of(base));
    let steps = ((grid.max - grid.min) / grid.step).round() as i64;
    let mut found = Vec::new();
    for scale in &table.scales {
        let from = base.get(scale.id);
        let mut tried: Vec<f32> = (0..=steps)
            .map(|k| grid.min + k as f32 * grid.step)
            .filter(|v| (v - from).abs() > grid.step / 2.0)
            .collect();
        tried.sort_by(|a, b| (a - from).abs().total_cmp(&(b - from).abs()));
        let (mut up, mut down) = (false, false);
        for to in tried {
            let side = if to > from { &mut up } else { &mut down };
            if *side {
                continue;
            }
            let mut w = base.clone();
            w.set(scale.id, to);
            let k = leader(&weights_of(&w));
            if k != now {
                *side = true;
                found.push(WeightChange {
                    dimension: scale.id.to_owned(),
                    from,
                    to,
                    leader: table.rows[k].outcome,
                });
            }
            if up && down {
                break;
            }
        }
    }
    found.sort_by(|a, b| (a.to - a.from).abs().total_cmp(&(b.to - b.from).abs()));
    found
}

/// `base` changed by every preference answer chosen on `walk`: each adds its `weights`
/// (each change held to ±`MAX_WEIGHT_CHANGE`) to the dimensions it names. Answers to
/// constraint questions change nothing here; they rule outcomes out instead.
pub fn weights_after(tree: &Tree, walk: &Walk, base: &Weights) -> Weights {
    let mut weights = base.clone();
    for step in walk.steps() {
        let preference = tree
            .node(step.question)
            .and_then(|n| n.as_question())
            .is_some_and(|q| q.role == Role::Preference);
        let Some(answer) = tree.answer(step.answer).filter(|_| preference) else {
            continue;
        };
        for (dimension, &change) in &answer.answer.weights {
            let change = change.clamp(-MAX_WEIGHT_CHANGE, MAX_WEIGHT_CHANGE);
            weights.add(dimension, f32::from(change));
        }
    }
    weights
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Answer, Dimension, Node, NodeKind, Rating};

    fn dimension(id: &str, better: Better) -> Dimension {
        Dimension {
            id: id.into(),
            name: id.to_uppercase(),
            better,
            ..Dimension::default()
        }
    }

    /// An outcome rated on the given dimensions.
    fn outcome(tree: &mut Tree, id: &str, levels: &[(&str, u8)]) -> NodeIndex {
        let mut node = Node::outcome(id, id.to_uppercase());
        if let NodeKind::Outcome(o) = &mut node.kind {
            for &(d, level) in levels {
                let rating = Rating {
                    level,
                    note: String::new(),
                };
                o.profile.insert(d.into(), rating);
            }
        }
        tree.add_node(node)
    }

    /// Cost (lower is better), control (higher is better) and style (neutral), and
    /// three outcomes: A is cheap with little control, B costly with full control, C in
    /// the middle of both.
    fn three() -> (Tree, [NodeIndex; 3]) {
        let mut t = Tree::new("T");
        t.dimensions = vec![
            dimension("cost", Better::Lower),
            dimension("control", Better::Higher),
            dimension("style", Better::Neutral),
        ];
        let a = outcome(&mut t, "a", &[("cost", 1), ("control", 2), ("style", 5)]);
        let b = outcome(&mut t, "b", &[("cost", 5), ("control", 5), ("style", 1)]);
        let c = outcome(&mut t, "c", &[("cost", 3), ("control", 3), ("style", 3)]);
        (t, [a, b, c])
    }

    fn order(ranked: &[Ranked]) -> Vec<NodeIndex> {
        ranked.iter().map(|r| r.outcome).collect()
    }

    fn outcome_of(t: &Tree, i: NodeIndex) -> &Outcome {
        t.node(i).and_then(Node::as_outcome).unwrap()
    }

    #[test]
    fn even_weights_skip_neutral_dimensions() {
        let (t, _) = three();
        let w = Weights::even(&t);
        assert_eq!(
            (w.get("cost"), w.get("control"), w.get("style")),
            (1.0, 1.0, 0.0)
        );
        assert_eq!(w.get("unknown"), 0.0);
    }

    #[test]
    fn higher_lower_and_neutral_read_levels_their_own_way() {
        let (t, [a, b, _]) = three();
        let mut w = Weights::even(&t);
        w.set("style", 2.0);
        let sa = score(&t, outcome_of(&t, a), &w);
        // Cost 1 on a lower-is-better scale is the best; control 2 of 5 is a quarter.
        assert_eq!(sa.part("cost"), 1.0);
        assert_eq!(sa.part("control"), 0.25);
        // A weighted neutral dimension is read as written: style 5 is the top.
        assert_eq!(sa.part("style"), 2.0);
        assert_eq!(sa.total, 3.25);
        let sb = score(&t, outcome_of(&t, b), &w);
        assert_eq!(
            (sb.part("cost"), sb.part("control"), sb.part("style")),
            (0.0, 1.0, 0.0)
        );
        let ids: Vec<&str> = sb.parts.iter().map(|(id, _)| &**id).collect();
        assert_eq!(ids, ["cost", "control", "style"]);
    }

    #[test]
    fn ranks_by_score_and_breaks_ties_by_title() {
        let (t, [a, b, c]) = three();
        // A: 1 + 0.25; B and C: 1.0 each, so B before C by title.
        let ranked = rank(&t, &[c, b, a], &Weights::even(&t));
        assert_eq!(order(&ranked), [a, b, c]);
        assert_eq!(ranked[0].score.total, 1.25);
    }

    #[test]
    fn why_names_what_decided_against_the_next() {
        let (t, [a, b, c]) = three();
        let ranked = rank(&t, &[a, b, c], &Weights::even(&t));
        assert_eq!(ranked[0].why, ["cost"]);
        // B and C both score 1.0: B is above C by title, not by any dimension.
        assert!(ranked[1].why.is_empty());
        assert!(ranked[2].why.is_empty());
        // Against C, A gains 0.5 on cost and nothing on control: cost alone.
        let two = rank(&t, &[a, c], &Weights::even(&t));
        assert_eq!(two[0].why, ["cost"]);
    }

    #[test]
    fn why_gives_a_second_dimension_only_when_it_weighed_half_as_much() {
        let mut t = Tree::new("T");
        t.dimensions = vec![
            dimension("x", Better::Higher),
            dimension("y", Better::Higher),
            dimension("z", Better::Higher),
        ];
        let top = outcome(&mut t, "top", &[("x", 5), ("y", 4), ("z", 2)]);
        let low = outcome(&mut t, "low", &[("x", 1), ("y", 1), ("z", 1)]);
        // Gains: x 1.0, y 0.75, z 0.25: x and y, not z.
        let ranked = rank(&t, &[low, top], &Weights::even(&t));
        assert_eq!(ranked[0].why, ["x", "y"]);
        let mut w = Weights::even(&t);
        w.set("y", 0.5);
        // y now gains 0.375, under half of x's 1.0.
        assert_eq!(rank(&t, &[low, top], &w)[0].why, ["x"]);
    }

    #[test]
    fn equal_gains_are_named_in_the_order_the_dimensions_are_declared() {
        let mut t = Tree::new("T");
        t.dimensions = vec![
            dimension("y", Better::Higher),
            dimension("x", Better::Higher),
        ];
        let top = outcome(&mut t, "top", &[("x", 5), ("y", 5)]);
        let low = outcome(&mut t, "low", &[("x", 1), ("y", 1)]);
        assert_eq!(rank(&t, &[low, top], &Weights::even(&t))[0].why, ["y", "x"]);
    }

    #[test]
    fn a_repeated_dimension_counts_once() {
        let (mut t, [a, _, _]) = three();
        t.dimensions.push(dimension("cost", Better::Higher));
        let s = score(&t, outcome_of(&t, a), &Weights::even(&t));
        assert_eq!(s.parts.len(), 3);
        assert_eq!(s.part("cost"), 1.0);
    }

    #[test]
    fn a_single_outcome_has_no_why_and_questions_are_left_out() {
        let (mut t, [a, _, _]) = three();
        let q = t.add_node(Node::question("q", "Q?"));
        let ranked = rank(&t, &[q, a], &Weights::even(&t));
        assert_eq!(order(&ranked), [a]);
        assert!(ranked[0].why.is_empty());
    }

    #[test]
    fn a_zero_weight_ignores_a_dimension() {
        let (t, [a, b, c]) = three();
        let mut w = Weights::even(&t);
        w.set("cost", 0.0);
        let ranked = rank(&t, &[a, b, c], &w);
        // Control alone: B (5), C (3), A (2).
        assert_eq!(order(&ranked), [b, c, a]);
        assert!(ranked.iter().all(|r| r.score.part("cost") == 0.0));
    }

    #[test]
    fn a_negative_weight_wants_the_other_end() {
        let (t, [a, b, c]) = three();
        let mut w = Weights::default();
        w.set("style", -1.0);
        // Wanting low style: B (1), C (3), A (5).
        assert_eq!(order(&rank(&t, &[a, b, c], &w)), [b, c, a]);
        w.set("style", 1.0);
        assert_eq!(order(&rank(&t, &[a, b, c], &w)), [a, c, b]);
    }

    #[test]
    fn a_missing_rating_sits_in_the_middle() {
        let (mut t, _) = three();
        let bare = outcome(&mut t, "bare", &[]);
        let s = score(&t, outcome_of(&t, bare), &Weights::even(&t));
        assert_eq!((s.part("cost"), s.part("control")), (0.5, 0.5));
    }

    #[test]
    fn weights_that_are_not_numbers_count_as_zero() {
        let mut w = Weights::default();
        w.set("cost", f32::NAN);
        w.add("control", f32::INFINITY);
        assert_eq!(
            w.iter().collect::<Vec<_>>(),
            [("control", 0.0), ("cost", 0.0)]
        );
    }

    #[test]
    fn better_ruled_out_lists_only_what_beats_every_reachable_outcome() {
        let (t, [a, b, c]) = three();
        let w = Weights::even(&t);
        // Reachable C scores 1.0: A (1.25) beats it, B (1.0) only ties.
        let better = better_ruled_out(&t, &[c], &[b, a], &w);
        assert_eq!(better.len(), 1);
        assert_eq!(better[0].0, a);
        assert_eq!(better[0].1.total, 1.25);
        assert!(better_ruled_out(&t, &[a], &[b, c], &w).is_empty());
        // With nothing reachable, everything ruled out is better, best first.
        let all: Vec<NodeIndex> = better_ruled_out(&t, &[], &[c, b, a], &w)
            .into_iter()
            .map(|(i, _)| i)
            .collect();
        assert_eq!(all, [a, b, c]);
    }

    /// A preference question ("What matters more?") leading to a constraint question
    /// whose answers lead to A and B.
    fn preference_tree() -> (Tree, [NodeIndex; 2]) {
        let mut t = Tree::new("T");
        t.dimensions = three().0.dimensions;
        let mut pq = Node::question("pref", "What matters more?");
        if let NodeKind::Question(q) = &mut pq.kind {
            q.role = Role::Preference;
        }
        let pref = t.add_node(pq);
        let gate = t.add_node(Node::question("gate", "Managed?"));
        // Added after the questions, so the preference question is the start.
        let a = outcome(&mut t, "a", &[("cost", 1)]);
        let b = outcome(&mut t, "b", &[("cost", 5)]);
        let weighted = |label: &str, order: u32, weights: &[(&str, i8)]| Answer {
            label: label.into(),
            order,
            weights: weights.iter().map(|&(d, w)| (d.to_owned(), w)).collect(),
            ..Answer::default()
        };
        t.insert_answer(
            pref,
            gate,
            weighted("Cost", 0, &[("cost", 3), ("control", -1)]),
        );
        t.insert_answer(pref, gate, weighted("Style", 1, &[("style", 9)]));
        t.insert_answer(gate, a, weighted("Yes", 0, &[("cost", 5)]));
        t.insert_answer(gate, b, weighted("No", 1, &[]));
        (t, [a, b])
    }

    #[test]
    fn preference_answers_change_the_weights_and_constraints_do_not() {
        let (t, _) = preference_tree();
        let base = Weights::even(&t);
        let mut walk = Walk::new();
        walk.choose_by(&t, "Cost").unwrap();
        walk.choose_by(&t, "Yes").unwrap();
        let after = weights_after(&t, &walk, &base);
        // "Yes" answers a constraint question: its weights do not count.
        assert_eq!((after.get("cost"), after.get("control")), (4.0, 0.0));
        assert_eq!(weights_after(&t, &Walk::new(), &base), base);
    }

    #[test]
    fn a_preference_change_is_held_to_five_either_way() {
        let (t, _) = preference_tree();
        let mut walk = Walk::new();
        walk.choose_by(&t, "Style").unwrap();
        let after = weights_after(&t, &walk, &Weights::even(&t));
        assert_eq!(after.get("style"), 5.0);
    }

    /// Ranking 10,000 outcomes on six dimensions; run with
    /// `cargo test --release --lib rank::tests::timing -- --ignored --nocapture`.
    #[test]
    #[ignore = "a timing, not a check"]
    fn timing_ten_thousand_outcomes() {
        let mut t = Tree::new("T");
        let bests = [Better::Higher, Better::Lower, Better::Neutral];
        t.dimensions = (0..6)
            .map(|k| dimension(&format!("d{k}"), bests[k % 3]))
            .collect();
        let ids: Vec<String> = (0..6).map(|k| format!("d{k}")).collect();
        let outcomes: Vec<NodeIndex> = (0..10_000u32)
            .map(|i| {
                let levels: Vec<(&str, u8)> = ids
                    .iter()
                    .enumerate()
                    .map(|(k, d)| (d.as_str(), ((i * 7 + k as u32 * 3) % 5 + 1) as u8))
                    .collect();
                outcome(&mut t, &format!("o{i}"), &levels)
            })
            .collect();
        let mut w = Weights::even(&t);
        w.set("d2", 2.0);
        let start = std::time::Instant::now();
        let runs = 20;
        for _ in 0..runs {
            std::hint::black_box(rank(&t, &outcomes, &w));
        }
        let each = start.elapsed() / runs;
        println!("ranking 10,000 outcomes: {each:?} each");
    }
}
