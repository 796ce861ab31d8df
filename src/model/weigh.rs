//! Where a walk leaves the outcomes, weighed: which are still candidates, which answer
//! ruled out each of the others, how the candidates rank on the user's weights, the
//! ruled-out outcomes that would have ranked higher, and the smallest changes (one
//! answer, or one weight) that lead to a different recommendation.
//!
//! Constraint and preference questions differ here, in one place. A constraint answer
//! rules out every outcome the question could reach and the answer cannot. A preference
//! answer rules nothing out: it changes the weights (see `rank::weights_after`), and
//! the outcomes behind its other answers stay candidates, ranked with the rest.
//!
//! Everything is worked out once per change of tree, walk or weights, never per frame:
//! one pass over the tree marks every node, then ranking is one sort of the candidates.

use std::collections::HashMap;

use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::NodeIndexable as _;

use super::rank::{self, Ranked, Role, Score, WeightChange, WeightGrid, Weights};
use super::tree::Tree;
use super::walk::{Step, Walk};

/// How a node stands after a walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// Still reachable: from where the walk stands, or behind another answer to a
    /// preference question on the walk.
    Live,
    /// Ruled out by the constraint answer at this step of the walk.
    RuledBy(usize),
}

/// Every node's mark, by index; `None` for nodes the walk's questions cannot reach
/// (above the walk, or detached).
fn marks(tree: &Tree, walk: &Walk) -> Vec<Option<Mark>> {
    // Along a walk, what can be reached only shrinks, so the answer that ruled out a
    // node is the last constraint answer whose question could still reach it. Marking
    // first everything still live, then from each constraint step's question latest
    // first, never entering a node already marked (all below it is marked too), labels
    // every node in one pass over the tree.
    let steps = walk.steps();
    let mut marks: Vec<Option<Mark>> = vec![None; tree.graph().node_bound()];
    let is_preference = |s: &Step| {
        tree.node(s.question)
            .and_then(|n| n.as_question())
            .is_some_and(|q| q.role == Role::Preference)
    };
    let mut starts: Vec<(Mark, NodeIndex)> = walk
        .current(tree)
        .map(|c| (Mark::Live, c))
        .into_iter()
        .collect();
    for s in steps.iter().filter(|s| is_preference(s)) {
        let others = tree
            .graph()
            .edges_directed(s.question, Direction::Outgoing)
            .filter(|e| petgraph::visit::EdgeRef::id(e) != s.answer)
            .map(|e| petgraph::visit::EdgeRef::target(&e));
        starts.extend(others.map(|n| (Mark::Live, n)));
    }
    let constraints = steps.iter().enumerate().rev();
    starts.extend(
        constraints
            .filter(|(_, s)| !is_preference(s))
            .map(|(i, s)| (Mark::RuledBy(i), s.question)),
    );
    let mut stack = Vec::new();
    for (mark, start) in starts {
        stack.push(start);
        while let Some(n) = stack.pop() {
            match marks.get_mut(n.index()) {
                Some(slot @ None) if tree.node(n).is_some() => *slot = Some(mark),
                _ => continue,
            }
            stack.extend(tree.graph().neighbors_directed(n, Direction::Outgoing));
        }
    }
    marks
}

/// Whether each node (by index) is still open to the walk: on its path, reachable from
/// where it stands, or behind another answer to a preference question it answered.
/// What the graph dims is everything else.
pub fn live_nodes(tree: &Tree, walk: &Walk) -> Vec<bool> {
    let mut live: Vec<bool> = marks(tree, walk)
        .into_iter()
        .map(|m| m == Some(Mark::Live))
        .collect();
    for n in walk.path(tree) {
        if let Some(slot) = live.get_mut(n.index()) {
            *slot = true;
        }
    }
    live
}

/// For every outcome the walk has ruled out, the constraint answer that ruled it out:
/// the first step after which it could no longer be reached by any answers to the
/// questions left (preference answers count as not given).
pub fn ruling_answers(tree: &Tree, walk: &Walk) -> HashMap<NodeIndex, Step> {
    let marks = marks(tree, walk);
    let steps = walk.steps();
    tree.nodes()
        .filter(|(_, node)| node.is_outcome())
        .filter_map(|(n, _)| match marks[n.index()]? {
            Mark::RuledBy(i) => Some((n, steps[i])),
            Mark::Live => None,
        })
        .collect()
}

/// The outcomes after a walk, weighed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Standing {
    /// The weights ranking used: the user's, changed by the preference answers given.
    pub weights: Weights,
    /// The outcomes still possible, best first on `weights`, each with why it ranks
    /// above the next.
    pub ranking: Vec<Ranked>,
    /// Every outcome ruled out, with the constraint answer that ruled it out.
    pub ruled: HashMap<NodeIndex, Step>,
    /// The ruled-out outcomes that would rank above every candidate, best first.
    pub better_ruled_out: Vec<(NodeIndex, Score)>,
}

impl Standing {
    /// The outcome that ranks first, when any is left.
    pub fn leader(&self) -> Option<NodeIndex> {
        self.ranking.first().map(|r| r.outcome)
    }

    /// Where `outcome` ranks (0 is first), if it is still a candidate.
    pub fn place(&self, outcome: NodeIndex) -> Option<usize> {
        self.ranking.iter().position(|r| r.outcome == outcome)
    }
}

/// The outcomes after `walk`, weighed with `base` (the user's weights).
pub fn standing(tree: &Tree, walk: &Walk, base: &Weights) -> Standing {
    let marks = marks(tree, walk);
    let steps = walk.steps();
    let mut candidates = Vec::new();
    let mut ruled = HashMap::new();
    for (n, node) in tree.nodes() {
        if !node.is_outcome() {
            continue;
        }
        match marks[n.index()] {
            Some(Mark::Live) => candidates.push(n),
            Some(Mark::RuledBy(i)) => {
                ruled.insert(n, steps[i]);
            }
            None => {}
        }
    }
    let weights = rank::weights_after(tree, walk, base);
    let ranking = rank::rank(tree, &candidates, &weights);
    let mut out: Vec<NodeIndex> = ruled.keys().copied().collect();
    // A fixed order in, so equal scores come out the same way every time.
    out.sort_unstable();
    let better_ruled_out = rank::better_ruled_out(tree, &candidates, &out, &weights);
    Standing {
        weights,
        ranking,
        ruled,
        better_ruled_out,
    }
}

/// Where a walk goes after one answer is changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lead {
    /// It ends at this outcome.
    Outcome(NodeIndex),
    /// It stops at this question, which the walk had not answered.
    Asks(NodeIndex),
}

/// One answer given differently, and where the walk then goes (the later answers whose
/// questions are still asked are kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerChange {
    /// The step whose answer changes (0-based), and the answer given instead.
    pub step: usize,
    pub answer: EdgeIndex,
    pub lead: Lead,
    /// How many later answers no longer apply.
    pub dropped: usize,
}

/// The smallest changes that lead to a different recommendation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    /// One answer changed, fewest answers dropped first, then the latest step first.
    pub answers: Vec<AnswerChange>,
    /// Whether some answers were not tried (past the limit).
    pub answers_cut: bool,
    /// One weight moved, smallest move first.
    pub weights: Vec<WeightChange>,
}

/// At most this many other answers are tried, so a question with thousands of answers
/// cannot stall an update.
pub const ANSWERS_TRIED: usize = 500;

/// The changes to `walk` that lead somewhere else: each other answer to a question on
/// the walk that ends at another outcome or stops at a new question, and each weight
/// on `grid` nearest to the user's (`base`) at which another candidate ranks first.
/// `standing` is the walk's, with the same `base`.
pub fn what_would_change(
    tree: &Tree,
    walk: &Walk,
    base: &Weights,
    standing: &Standing,
    grid: WeightGrid,
) -> Changes {
    let end = walk.current(tree);
    let mut answers = Vec::new();
    let mut tried = 0;
    let mut answers_cut = false;
    'steps: for (i, step) in walk.steps().iter().enumerate().rev() {
        for a in tree.answers(step.question) {
            if a.edge == step.answer {
                continue;
            }
            if tried == ANSWERS_TRIED {
                answers_cut = true;
                break 'steps;
            }
            tried += 1;
            let mut revised = walk.clone();
            let Ok(revision) = revised.revise_keeping(tree, i, a.edge) else {
                continue;
            };
            let Some(at) = revised.current(tree) else {
                continue;
            };
            if Some(at) == end {
                continue;
            }
            let lead = if revised.finished(tree) {
                Lead::Outcome(at)
            } else {
                Lead::Asks(at)
            };
            answers.push(AnswerChange {
                step: i,
                answer: a.edge,
                lead,
                dropped: revision.dropped.len(),
            });
        }
    }
    // Stable: within one count of dropped answers, the walk's order (latest first).
    answers.sort_by_key(|c| c.dropped);
    let candidates: Vec<NodeIndex> = standing.ranking.iter().map(|r| r.outcome).collect();
    let extra = rank::weights_after(tree, walk, &Weights::default());
    let weights = rank::weight_changes(tree, &candidates, base, &extra, grid);
    Changes {
        answers,
        answers_cut,
        weights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Answer, Better, Dimension, Node, NodeKind, Rating};

    fn rated(t: &mut Tree, id: &str, cost: u8, control: u8) -> NodeIndex {
        let mut node = Node::outcome(id, id.to_uppercase());
        if let NodeKind::Outcome(o) = &mut node.kind {
            for (d, level) in [("cost", cost), ("control", control)] {
                let note = String::new();
                o.profile.insert(d.into(), Rating { level, note });
            }
        }
        t.add_node(node)
    }

    fn answer(t: &mut Tree, from: NodeIndex, to: NodeIndex, label: &str, order: u32) {
        let a = Answer {
            label: label.into(),
            order,
            ..Answer::default()
        };
        t.insert_answer(from, to, a);
    }

    /// start (constraint): "Hosted" → style, "On site" → X.
    /// style (preference): "Hands-off" → gate, "Hands-on" → Y (shared with gate).
    /// gate (constraint): "Small" → A, "Large" → Y.
    /// Cost is better low, control better high.
    fn tree(style_role: Role) -> (Tree, [NodeIndex; 6]) {
        let mut t = Tree::new("T");
        t.dimensions = vec![
            Dimension {
                id: "cost".into(),
                name: "Cost".into(),
                better: Better::Lower,
                ..Dimension::default()
            },
            Dimension {
                id: "control".into(),
                name: "Control".into(),
                better: Better::Higher,
                ..Dimension::default()
            },
        ];
        let start = t.add_node(Node::question("start", "Where?"));
        let mut sq = Node::question("style", "How hands-on?");
        if let NodeKind::Question(q) = &mut sq.kind {
            q.role = style_role;
        }
        let style = t.add_node(sq);
        let gate = t.add_node(Node::question("gate", "How big?"));
        let x = rated(&mut t, "x", 5, 5);
        let a = rated(&mut t, "a", 1, 1);
        let y = rated(&mut t, "y", 3, 4);
        answer(&mut t, start, style, "Hosted", 0);
        answer(&mut t, start, x, "On site", 1);
        answer(&mut t, style, gate, "Hands-off", 0);
        answer(&mut t, style, y, "Hands-on", 1);
        answer(&mut t, gate, a, "Small", 0);
        answer(&mut t, gate, y, "Large", 1);
        (t, [start, style, gate, x, a, y])
    }

    fn walk(t: &Tree, answers: &[&str]) -> Walk {
        let mut w = Walk::new();
        for a in answers {
            w.choose_by(t, a).unwrap();
        }
        w
    }

    fn candidates(s: &Standing) -> Vec<NodeIndex> {
        let mut c: Vec<NodeIndex> = s.ranking.iter().map(|r| r.outcome).collect();
        c.sort();
        c
    }

    #[test]
    fn a_constraint_answer_rules_out_what_it_no_longer_reaches() {
        let (t, [start, style, _, x, a, y]) = tree(Role::Constraint);
        let w = walk(&t, &["Hosted", "Hands-off", "Small"]);
        let s = standing(&t, &w, &Weights::even(&t));
        assert_eq!(candidates(&s), [a]);
        // X went with "Hosted"; Y was still reachable through "Large" until "Small".
        assert_eq!(s.ruled[&x].question, start);
        assert_eq!(s.ruled[&y], w.steps()[2]);
        assert!(!s.ruled.contains_key(&a));
        assert_ne!(s.ruled[&y].question, style);
    }

    #[test]
    fn a_preference_answer_rules_nothing_out() {
        let (t, [start, _, _, x, a, y]) = tree(Role::Preference);
        let w = walk(&t, &["Hosted", "Hands-off", "Small"]);
        let s = standing(&t, &w, &Weights::even(&t));
        // Y is behind "Hands-on", the other answer to the preference question.
        assert_eq!(candidates(&s), [a, y]);
        assert_eq!(s.ruled.len(), 1);
        assert_eq!(s.ruled[&x].question, start);
        let live = live_nodes(&t, &w);
        assert!(live[y.index()] && live[a.index()] && !live[x.index()]);
        assert_eq!(ruling_answers(&t, &w).keys().collect::<Vec<_>>(), [&x]);
    }

    #[test]
    fn ranking_orders_the_candidates_and_names_what_ruled_out_better() {
        let (t, [_, _, _, x, a, y]) = tree(Role::Preference);
        let w = walk(&t, &["Hosted"]);
        let mut weights = Weights::even(&t);
        weights.set("cost", 0.0);
        let s = standing(&t, &w, &weights);
        // Control alone: Y (4) over A (1); X (5) would beat both but "Hosted" ruled it out.
        assert_eq!(s.leader(), Some(y));
        assert_eq!(s.place(a), Some(1));
        assert_eq!(s.ranking[0].why, ["control"]);
        assert_eq!(s.better_ruled_out.len(), 1);
        assert_eq!(s.better_ruled_out[0].0, x);
    }

    #[test]
    fn one_answer_changes_list_where_each_leads() {
        let (t, [_, _, gate, x, _, y]) = tree(Role::Constraint);
        let w = walk(&t, &["Hosted", "Hands-off", "Small"]);
        let base = Weights::even(&t);
        let s = standing(&t, &w, &base);
        let grid = WeightGrid {
            min: 0.0,
            max: 5.0,
            step: 0.5,
        };
        let c = what_would_change(&t, &w, &base, &s, grid);
        let leads: Vec<(usize, Lead, usize)> = c
            .answers
            .iter()
            .map(|a| (a.step, a.lead, a.dropped))
            .collect();
        // "Large" at the last step, "Hands-on" (drops "Small") and "On site" (drops two).
        assert_eq!(
            leads,
            [
                (2, Lead::Outcome(y), 0),
                (1, Lead::Outcome(y), 1),
                (0, Lead::Outcome(x), 2)
            ]
        );
        assert!(!c.answers_cut);
        // One candidate: no weight changes anything.
        assert!(c.weights.is_empty());
        // Mid-walk at the gate, "Hands-on" leads to Y and "On site" to X; nothing stops.
        let mid = walk(&t, &["Hosted", "Hands-off"]);
        let c = what_would_change(&t, &mid, &base, &standing(&t, &mid, &base), grid);
        assert_eq!(c.answers.len(), 2);
        assert!(c.answers.iter().all(|a| a.lead != Lead::Asks(gate)));
    }

    #[test]
    fn the_nearest_weight_that_changes_the_leader() {
        let (t, [_, _, _, _, a, y]) = tree(Role::Preference);
        let w = walk(&t, &["Hosted", "Hands-off", "Small"]);
        let mut base = Weights::default();
        base.set("cost", 1.0);
        base.set("control", 0.0);
        let s = standing(&t, &w, &base);
        // Cost alone: A (1, the cheapest) leads Y (3).
        assert_eq!(s.leader(), Some(a));
        let grid = WeightGrid {
            min: 0.0,
            max: 5.0,
            step: 0.5,
        };
        let c = what_would_change(&t, &w, &base, &s, grid);
        // A scores 1.0 on cost; Y 0.5, plus 0.75 per unit of control weight: Y leads
        // once control passes 2/3, at 1.0 on the grid. Cost down to 0 only ties them
        // (A keeps first place by title), and cost up or control down cannot help Y.
        assert_eq!(c.weights.len(), 1);
        let change = &c.weights[0];
        assert_eq!(change.dimension, "control");
        assert_eq!((change.from, change.to, change.leader), (0.0, 1.0, y));
    }
}
