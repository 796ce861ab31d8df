//! The walk: the answers a user has chosen so far, and what follows from them.

use std::collections::HashSet;

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

    /// The nodes the answers given have ruled out: neither on the path nor reachable
    /// from where the walk stands.
    pub fn ruled_out(&self, tree: &Tree) -> HashSet<NodeIndex> {
        let mut live: HashSet<NodeIndex> = self.path(tree).into_iter().collect();
        if let Some(current) = self.current(tree) {
            live.extend(tree.reachable_from(current));
        }
        tree.all_nodes()
            .map(|(i, _)| i)
            .filter(|i| !live.contains(i))
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
