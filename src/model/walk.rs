//! The walk: the answers a user has chosen so far, and what follows from them.

use std::collections::{HashSet, VecDeque};

use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use thiserror::Error;

use super::reach::Reach;
use super::tree::{Answer, AnswerRef, Node, NodeKind, Tree};

/// One answered question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub question: NodeIndex,
    pub answer: EdgeIndex,
}

/// Why an answer could not be chosen.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WalkError {
    #[error("the tree has no start question")]
    NoStart,
    #[error("the walk is at an outcome; there is nothing left to answer")]
    AtOutcome,
    #[error("\"{question}\" has no answer {answer}")]
    NoSuchAnswer { question: String, answer: String },
    #[error("the answer \"{label}\" leads to \"{target}\", which does not exist")]
    LeadsNowhere { label: String, target: String },
    #[error("there is no step {0} to change")]
    NoSuchStep(usize),
}

/// What `Walk::revise_keeping` did with the answers that came after the one changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Revision {
    /// The old answers given again, in walking order.
    pub kept: Vec<Step>,
    /// The old answers whose questions the new path no longer asks, in walking order.
    pub dropped: Vec<Step>,
}

/// The answers chosen so far, from the start question on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Walk {
    steps: Vec<Step>,
}

impl Walk {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// Where the walk stands: the start node, or where the last answer led.
    pub fn current(&self, tree: &Tree) -> Option<NodeIndex> {
        match self.steps.last() {
            Some(step) => tree.answer(step.answer).map(|a| a.to),
            None => tree.root(),
        }
    }

    /// The nodes visited, start first, current last.
    pub fn path(&self, tree: &Tree) -> Vec<NodeIndex> {
        let mut path: Vec<NodeIndex> = tree.root().into_iter().collect();
        path.extend(
            self.steps
                .iter()
                .filter_map(|s| tree.answer(s.answer).map(|a| a.to)),
        );
        path
    }

    /// Chooses `answer`, which must be one of the current question's answers.
    pub fn choose(&mut self, tree: &Tree, answer: EdgeIndex) -> Result<(), WalkError> {
        let current = self.current(tree).ok_or(WalkError::NoStart)?;
        let node = tree.node(current).ok_or(WalkError::NoStart)?;
        if !node.is_question() {
            return Err(WalkError::AtOutcome);
        }
        let chosen = tree
            .answer(answer)
            .filter(|a| a.from == current)
            .ok_or_else(|| WalkError::NoSuchAnswer {
                question: node.id.clone(),
                answer: format!("#{}", answer.index()),
            })?;
        if let Some(target) = tree.node(chosen.to).filter(|t| t.is_missing()) {
            return Err(WalkError::LeadsNowhere {
                label: chosen.answer.label.clone(),
                target: target.id.clone(),
            });
        }
        self.steps.push(Step {
            question: current,
            answer,
        });
        Ok(())
    }

    /// Chooses by the answer's label (case-insensitive) or its 1-based position.
    pub fn choose_by(&mut self, tree: &Tree, label_or_position: &str) -> Result<(), WalkError> {
        let current = self.current(tree).ok_or(WalkError::NoStart)?;
        let answers = tree.answers(current);
        let wanted = label_or_position.trim();
        let found = answers
            .iter()
            .find(|a| a.answer.label.trim().to_lowercase() == wanted.to_lowercase())
            .or_else(|| {
                wanted
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| n.checked_sub(1))
                    .and_then(|n| answers.get(n))
            })
            .map(|a| a.edge);
        match found {
            Some(edge) => self.choose(tree, edge),
            None if tree.node(current).is_some_and(|n| !n.is_question()) => {
                Err(WalkError::AtOutcome)
            }
            None => Err(WalkError::NoSuchAnswer {
                question: tree.node(current).map(|n| n.id.clone()).unwrap_or_default(),
                answer: format!("\"{wanted}\""),
            }),
        }
    }

    /// Undoes the last answer. Returns false at the start.
    pub fn back(&mut self) -> bool {
        self.steps.pop().is_some()
    }

    pub fn restart(&mut self) {
        self.steps.clear();
    }

    /// Replaces the answer given at `step` (0-based) and drops every answer after it.
    pub fn revise(&mut self, tree: &Tree, step: usize, answer: EdgeIndex) -> Result<(), WalkError> {
        if step >= self.steps.len() {
            return Err(WalkError::NoSuchStep(step));
        }
        let kept = self.steps[..step].to_vec();
        let mut revised = Walk { steps: kept };
        revised.choose(tree, answer)?;
        *self = revised;
        Ok(())
    }

    /// Replaces the answer given at `step` (0-based), then keeps every later answer
    /// whose question is still on the new path: wherever the new walk stands at a
    /// question the old walk answered later, that answer is given again, until it
    /// stands at a question the old walk did not answer (or at an outcome). On an error
    /// the walk is left as it was.
    pub fn revise_keeping(
        &mut self,
        tree: &Tree,
        step: usize,
        answer: EdgeIndex,
    ) -> Result<Revision, WalkError> {
        if step >= self.steps.len() {
            return Err(WalkError::NoSuchStep(step));
        }
        let mut revised = Walk {
            steps: self.steps[..step].to_vec(),
        };
        revised.choose(tree, answer)?;
        let later = &self.steps[step + 1..];
        // Each old answer is given again at most once, so a cycle in a broken file
        // cannot keep the replay going.
        let mut used = vec![false; later.len()];
        while let Some(current) = revised.current(tree) {
            let again = later
                .iter()
                .enumerate()
                .find(|&(i, s)| !used[i] && s.question == current);
            let Some((i, old)) = again else {
                break;
            };
            if revised.choose(tree, old.answer).is_err() {
                break;
            }
            used[i] = true;
        }
        let (kept, dropped) = later
            .iter()
            .zip(&used)
            .partition::<Vec<_>, _>(|&(_, &used)| used);
        let revision = Revision {
            kept: kept.into_iter().map(|(&s, _)| s).collect(),
            dropped: dropped.into_iter().map(|(&s, _)| s).collect(),
        };
        *self = revised;
        Ok(revision)
    }

    /// Drops every answer from `step` on, so the walk stands at that step's question.
    pub fn rewind_to(&mut self, step: usize) {
        self.steps.truncate(step);
    }

    /// For the current question: each answer with the first outcomes it can still lead
    /// to (at most `Reach::LISTED`, in the order a user meets them). Builds a `Reach`
    /// for the call; a caller asking often keeps one and uses `Reach::what_if`.
    pub fn what_if<'t>(&self, tree: &'t Tree) -> Vec<(AnswerRef<'t>, Vec<NodeIndex>)> {
        let reach = Reach::new(tree);
        reach
            .what_if(tree, self)
            .into_iter()
            .map(|(a, leads)| (a, leads.first.to_vec()))
            .collect()
    }

    /// The outcomes still reachable from where the walk stands.
    pub fn reachable_outcomes(&self, tree: &Tree) -> Vec<NodeIndex> {
        self.current(tree)
            .map(|c| tree.outcomes_from(c))
            .unwrap_or_default()
    }

    /// The nodes the answers given have ruled out: not on the path, not reachable from
    /// where the walk stands, and not behind another answer to a preference question
    /// the walk answered (a preference rules nothing out).
    pub fn ruled_out(&self, tree: &Tree) -> HashSet<NodeIndex> {
        let live = super::weigh::live_nodes(tree, self);
        tree.all_nodes()
            .map(|(i, _)| i)
            .filter(|i| !live.get(i.index()).copied().unwrap_or(false))
            .collect()
    }

    /// Whether the walk has reached an outcome.
    pub fn finished(&self, tree: &Tree) -> bool {
        self.current(tree)
            .and_then(|c| tree.node(c))
            .is_some_and(|n| matches!(n.kind, NodeKind::Outcome(_)))
    }

    /// Keeps the longest prefix of the walk that is still valid after the tree changed.
    pub fn repair(&mut self, tree: &Tree) {
        let mut repaired = Walk::new();
        for step in &self.steps {
            if repaired.choose(tree, step.answer).is_err() {
                break;
            }
        }
        *self = repaired;
    }

    /// Each answered question with the answer given, in walking order: the trail the
    /// walk panel and the command line show.
    pub fn trail<'t>(&self, tree: &'t Tree) -> Vec<(&'t Node, &'t Answer)> {
        self.steps
            .iter()
            .filter_map(|s| Some((tree.node(s.question)?, tree.answer(s.answer)?.answer)))
            .collect()
    }
}

/// Past walks for Back and Forward, as a browser keeps pages: each change to the walk
/// (an answer, a revision, Back one step, Restart) records the walk it left, so Back
/// returns to it and Forward undoes the Back. A new change after Back drops what
/// Forward would have returned. At most `limit` walks are kept each way; the oldest go.
///
/// The walks are kept as they were; after the tree changes, `Walk::repair` the walk
/// Back or Forward returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkHistory {
    past: VecDeque<Walk>,
    future: Vec<Walk>,
    limit: usize,
}

impl Default for WalkHistory {
    fn default() -> Self {
        Self::with_limit(Self::LIMIT)
    }
}

impl WalkHistory {
    /// How many past walks are kept by default.
    pub const LIMIT: usize = 200;

    pub fn new() -> Self {
        Self::default()
    }

    /// A history keeping at most `limit` walks back (at least one).
    pub fn with_limit(limit: usize) -> Self {
        Self {
            past: VecDeque::new(),
            future: Vec::new(),
            limit: limit.max(1),
        }
    }

    /// Records `walk`, the walk about to be changed, and forgets what Forward held.
    pub fn record(&mut self, walk: &Walk) {
        self.future.clear();
        self.push_past(walk.clone());
    }

    /// Runs `change` on `walk`, recording the walk before it only if it changed, so a
    /// change that did nothing (Restart at the start, a refused answer) is not a step
    /// for Back.
    pub fn apply<R>(&mut self, walk: &mut Walk, change: impl FnOnce(&mut Walk) -> R) -> R {
        let before = walk.clone();
        let result = change(walk);
        if *walk != before {
            self.record(&before);
        }
        result
    }

    /// The walk before `current`, if any; `current` becomes what Forward returns.
    pub fn back(&mut self, current: &Walk) -> Option<Walk> {
        let previous = self.past.pop_back()?;
        self.future.push(current.clone());
        Some(previous)
    }

    /// The walk Back left, if any; `current` becomes what Back returns.
    pub fn forward(&mut self, current: &Walk) -> Option<Walk> {
        let next = self.future.pop()?;
        self.push_past(current.clone());
        Some(next)
    }

    pub fn can_back(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_forward(&self) -> bool {
        !self.future.is_empty()
    }

    /// Forgets every walk, as when another tree is opened.
    pub fn clear(&mut self) {
        self.past.clear();
        self.future.clear();
    }

    fn push_past(&mut self, walk: Walk) {
        self.past.push_back(walk);
        while self.past.len() > self.limit {
            self.past.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Start? a → detour?, b → pick?. Detour? go → pick?. Pick? x → one, y → two.
    /// Returns the tree and its questions start, detour, pick.
    fn tree() -> (Tree, [NodeIndex; 3]) {
        let mut t = Tree::new("T");
        let start = t.add_node(Node::question("start", "Start?"));
        let detour = t.add_node(Node::question("detour", "Detour?"));
        let pick = t.add_node(Node::question("pick", "Pick?"));
        let one = t.add_node(Node::outcome("one", "One"));
        let two = t.add_node(Node::outcome("two", "Two"));
        t.add_answer(start, detour, "a");
        t.add_answer(start, pick, "b");
        t.add_answer(detour, pick, "go");
        t.add_answer(pick, one, "x");
        t.add_answer(pick, two, "y");
        (t, [start, detour, pick])
    }

    fn walked(t: &Tree, answers: &[&str]) -> Walk {
        let mut walk = Walk::new();
        for a in answers {
            walk.choose_by(t, a).unwrap();
        }
        walk
    }

    fn edge(t: &Tree, question: NodeIndex, label: &str) -> EdgeIndex {
        t.answers(question)
            .into_iter()
            .find(|a| a.answer.label == label)
            .unwrap()
            .edge
    }

    #[test]
    fn revise_drops_every_later_answer() {
        let (t, [start, _, pick]) = tree();
        let mut walk = walked(&t, &["a", "go", "y"]);
        walk.revise(&t, 0, edge(&t, start, "b")).unwrap();
        assert_eq!(walk.steps().len(), 1);
        assert_eq!(walk.current(&t), Some(pick));
    }

    #[test]
    fn revise_keeping_gives_again_the_answers_still_asked() {
        let (t, [start, detour, pick]) = tree();
        let mut walk = walked(&t, &["a", "go", "y"]);
        let old = walk.steps().to_vec();
        let revision = walk.revise_keeping(&t, 0, edge(&t, start, "b")).unwrap();
        assert_eq!(revision.kept, vec![old[2]]);
        assert_eq!(revision.dropped, vec![old[1]]);
        assert_eq!(old[1].question, detour);
        let b = edge(&t, start, "b");
        let y = edge(&t, pick, "y");
        let expected = [(start, b), (pick, y)].map(|(question, answer)| Step { question, answer });
        assert_eq!(walk.steps(), expected);
        assert!(walk.finished(&t));
    }

    #[test]
    fn revise_keeping_stops_at_a_question_not_answered_before() {
        let (t, [start, detour, _]) = tree();
        let mut walk = walked(&t, &["b", "x"]);
        let old = walk.steps().to_vec();
        let revision = walk.revise_keeping(&t, 0, edge(&t, start, "a")).unwrap();
        // Detour was never answered: the walk waits there, and x waits to be given.
        assert_eq!(revision.kept, Vec::new());
        assert_eq!(revision.dropped, vec![old[1]]);
        assert_eq!(walk.current(&t), Some(detour));
    }

    #[test]
    fn revise_keeping_the_same_answer_keeps_everything() {
        let (t, [start, ..]) = tree();
        let mut walk = walked(&t, &["a", "go", "x"]);
        let old = walk.clone();
        let revision = walk.revise_keeping(&t, 0, edge(&t, start, "a")).unwrap();
        assert_eq!(walk, old);
        assert_eq!(revision.kept, old.steps()[1..].to_vec());
        assert!(revision.dropped.is_empty());
    }

    #[test]
    fn revise_keeping_refuses_bad_steps_and_answers_and_changes_nothing() {
        let (t, [start, _, pick]) = tree();
        let mut walk = walked(&t, &["a", "go"]);
        let old = walk.clone();
        let b = edge(&t, start, "b");
        assert_eq!(walk.revise_keeping(&t, 2, b), Err(WalkError::NoSuchStep(2)));
        let x = edge(&t, pick, "x");
        let refused = walk.revise_keeping(&t, 0, x);
        assert!(matches!(refused, Err(WalkError::NoSuchAnswer { .. })));
        assert_eq!(walk, old);
    }

    #[test]
    fn forward_after_back_returns_the_later_walk() {
        let (t, _) = tree();
        let mut history = WalkHistory::new();
        let mut walk = Walk::new();
        for answer in ["a", "go"] {
            history.record(&walk);
            walk.choose_by(&t, answer).unwrap();
        }
        let latest = walk.clone();
        walk = history.back(&walk).unwrap();
        assert_eq!(walk, walked(&t, &["a"]));
        walk = history.back(&walk).unwrap();
        assert_eq!(walk, Walk::new());
        assert_eq!(history.back(&walk), None);
        walk = history.forward(&walk).unwrap();
        walk = history.forward(&walk).unwrap();
        assert_eq!(walk, latest);
        assert_eq!(history.forward(&walk), None);
        assert!(history.can_back() && !history.can_forward());
    }

    #[test]
    fn a_change_after_back_clears_forward() {
        let (t, _) = tree();
        let mut history = WalkHistory::new();
        let mut walk = Walk::new();
        history.apply(&mut walk, |w| w.choose_by(&t, "a")).unwrap();
        walk = history.back(&walk).unwrap();
        assert!(history.can_forward());
        history.apply(&mut walk, |w| w.choose_by(&t, "b")).unwrap();
        assert!(!history.can_forward());
        assert_eq!(history.forward(&walk), None);
        assert_eq!(history.back(&walk), Some(Walk::new()));
    }

    #[test]
    fn restart_is_undone_by_back_and_no_change_is_not_recorded() {
        let (t, _) = tree();
        let mut history = WalkHistory::new();
        let mut walk = walked(&t, &["b", "y"]);
        let before = walk.clone();
        history.apply(&mut walk, Walk::restart);
        assert_eq!(walk, Walk::new());
        // Restart at the start, or an answer refused, changes nothing: not a step back.
        history.apply(&mut walk, Walk::restart);
        assert!(
            history
                .apply(&mut walk, |w| w.choose_by(&t, "nope"))
                .is_err()
        );
        assert_eq!(history.back(&walk), Some(before));
        assert!(!history.can_back());
    }

    #[test]
    fn the_history_keeps_at_most_its_limit() {
        let (t, _) = tree();
        let mut history = WalkHistory::with_limit(2);
        let walks = [Walk::new(), walked(&t, &["a"]), walked(&t, &["a", "go"])];
        for w in &walks {
            history.record(w);
        }
        let current = walked(&t, &["a", "go", "x"]);
        let one = history.back(&current).unwrap();
        let two = history.back(&one).unwrap();
        assert_eq!((one, two), (walks[2].clone(), walks[1].clone()));
        assert_eq!(history.back(&walks[1]), None);
        assert_eq!(WalkHistory::new().limit, WalkHistory::LIMIT);
    }
}
