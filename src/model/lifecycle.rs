//! Where an outcome stands in its vendor's life: current, legacy, closed to new
//! customers, or retired, with a date and the outcome that replaces it.

use std::fmt;

use petgraph::Direction;
use petgraph::visit::NodeIndexable as _;

use super::tree::{NodeKind, Tree};
use super::validate::{Problem, ProblemKind, node_subject, warning};

/// An outcome's lifecycle status. `Current` is the default and is never written to a
/// file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, PartialOrd, Ord)]
pub enum Status {
    #[default]
    Current,
    /// Still offered and supported, but no longer where the vendor invests.
    Legacy,
    /// Existing customers keep it; new ones cannot start.
    ClosedToNew,
    /// No longer offered to anyone.
    Retired,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Current,
        Status::Legacy,
        Status::ClosedToNew,
        Status::Retired,
    ];

    /// The word used in files.
    pub fn key(self) -> &'static str {
        match self {
            Status::Current => "current",
            Status::Legacy => "legacy",
            Status::ClosedToNew => "closed-to-new-customers",
            Status::Retired => "retired",
        }
    }

    pub fn from_key(key: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.key() == key)
    }

    /// What a user reads.
    pub fn name(self) -> &'static str {
        match self {
            Status::Current => "Current",
            Status::Legacy => "Legacy",
            Status::ClosedToNew => "Closed to new customers",
            Status::Retired => "Retired",
        }
    }

    /// The short word drawn on an outcome's box in the graph; `None` for current.
    pub fn badge(self) -> Option<&'static str> {
        match self {
            Status::Current => None,
            Status::Legacy => Some("LEGACY"),
            Status::ClosedToNew => Some("CLOSED"),
            Status::Retired => Some("RETIRED"),
        }
    }

    /// True when a new user cannot take this outcome: a walk that ends here says so
    /// first.
    pub fn is_unavailable(self) -> bool {
        matches!(self, Status::ClosedToNew | Status::Retired)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An outcome's lifecycle. The default (current, no date, no replacement) is what a
/// version 1 file means.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lifecycle {
    pub status: Status,
    /// YYYY-MM-DD: when the status took (or takes) effect; empty when unknown.
    pub since: String,
    /// The id of the outcome that replaces this one; empty when none is named.
    pub replaced_by: String,
    /// What the change means for a user (Markdown).
    pub note: String,
}

impl Lifecycle {
    /// Current, whatever else it holds: an outcome set back to current keeps its date,
    /// replacement and note in memory (to set it back again), but they mean nothing
    /// and are not saved.
    pub fn is_current(&self) -> bool {
        self.status == Status::Current
    }

    /// One line: "Closed to new customers since 2026-04-30".
    pub fn headline(&self) -> String {
        if self.since.is_empty() {
            self.status.name().to_owned()
        } else {
            format!("{} since {}", self.status.name(), self.since)
        }
    }
}

impl Tree {
    /// Lifecycle warnings: a replacement that names no other outcome, and the questions
    /// from which every reachable outcome is closed or retired (only the highest such
    /// question, not every one under it).
    pub(super) fn check_lifecycles(&self, problems: &mut Vec<Problem>) {
        let any = self
            .nodes()
            .any(|(_, n)| n.as_outcome().is_some_and(|o| !o.lifecycle.is_current()));
        // A current outcome's hidden fields are not checked: they are not saved.
        if !any {
            return;
        }
        self.check_replacements(problems);
        let open = self.leads_to_available();
        for (index, node) in self.nodes() {
            if !node.is_question() || open[index.index()] || self.answers(index).is_empty() {
                continue;
            }
            let mut parents = self
                .graph()
                .neighbors_directed(index, Direction::Incoming)
                .peekable();
            let highest = parents.peek().is_none() || parents.any(|p| open[p.index()]);
            if highest {
                problems.push(warning(
                    node_subject(&node.id),
                    ProblemKind::OnlyUnavailable,
                ));
            }
        }
    }

    fn check_replacements(&self, problems: &mut Vec<Problem>) {
        for (index, node) in self.nodes() {
            let Some(o) = node.as_outcome().filter(|o| !o.lifecycle.is_current()) else {
                continue;
            };
            let target = &o.lifecycle.replaced_by;
            if target.is_empty() {
                continue;
            }
            let why = match self.find(target).and_then(|i| Some((i, self.node(i)?))) {
                Some((i, _)) if i == index => "is the outcome itself",
                Some((_, n))
                    if n.as_outcome()
                        .is_some_and(|r| r.lifecycle.status.is_unavailable()) =>
                {
                    "is itself closed to new customers or retired"
                }
                Some((_, n)) if n.is_outcome() => continue,
                Some((_, n)) if n.is_question() => "is a question, not an outcome",
                _ => "is not a node in this tree",
            };
            problems.push(warning(
                node_subject(&node.id),
                ProblemKind::BadReplacement {
                    target: target.clone(),
                    why,
                },
            ));
        }
    }

    /// For each node index: whether some outcome a new user can take is reachable from
    /// it. Found in one post-order pass with an explicit stack (a file decides the
    /// depth); a node met again while still open is on a cycle (an error reported
    /// elsewhere) and counts as open, so a cycle never causes a lifecycle warning.
    fn leads_to_available(&self) -> Vec<bool> {
        let bound = self.graph().node_bound();
        let mut open = vec![false; bound];
        // 0: not seen, 1: on the stack, 2: done.
        let mut state = vec![0u8; bound];
        for (start, _) in self.all_nodes() {
            if state[start.index()] != 0 {
                continue;
            }
            let mut stack = vec![(start, false)];
            while let Some((at, children_done)) = stack.pop() {
                let i = at.index();
                if children_done {
                    open[i] = match &self.graph()[at].kind {
                        NodeKind::Outcome(o) => !o.lifecycle.status.is_unavailable(),
                        NodeKind::Missing => true,
                        NodeKind::Question(_) => self
                            .graph()
                            .neighbors(at)
                            .any(|c| open[c.index()] || state[c.index()] == 1),
                    };
                    state[i] = 2;
                    continue;
                }
                if state[i] != 0 {
                    continue;
                }
                state[i] = 1;
                stack.push((at, true));
                for child in self.graph().neighbors(at) {
                    if state[child.index()] == 0 {
                        stack.push((child, false));
                    }
                }
            }
        }
        open
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_unknown_keys_are_refused() {
        for status in Status::ALL {
            assert_eq!(Status::from_key(status.key()), Some(status));
        }
        assert_eq!(Status::from_key("closed"), None);
        assert_eq!(Status::from_key("Current"), None);
    }

    #[test]
    fn only_closed_and_retired_are_unavailable() {
        let unavailable: Vec<Status> = Status::ALL
            .into_iter()
            .filter(|s| s.is_unavailable())
            .collect();
        assert_eq!(unavailable, [Status::ClosedToNew, Status::Retired]);
        assert_eq!(Status::Current.badge(), None);
    }

    #[test]
    fn headline_names_the_date_when_there_is_one() {
        let mut l = Lifecycle {
            status: Status::ClosedToNew,
            ..Lifecycle::default()
        };
        assert_eq!(l.headline(), "Closed to new customers");
        l.since = "2026-04-30".into();
        assert_eq!(l.headline(), "Closed to new customers since 2026-04-30");
        assert!(!l.is_current());
        assert!(Lifecycle::default().is_current());
    }

    use crate::model::{Node, NodeIndex, ProblemKind, Severity};

    /// q0 -> {q1 -> {a, b}, c}; every outcome current.
    fn small() -> (Tree, [NodeIndex; 5]) {
        let mut tree = Tree::new("t");
        let q0 = tree.add_node(Node::question("q0", "Start?"));
        let q1 = tree.add_node(Node::question("q1", "Then?"));
        let a = tree.add_node(Node::outcome("a", "A"));
        let b = tree.add_node(Node::outcome("b", "B"));
        let c = tree.add_node(Node::outcome("c", "C"));
        tree.add_answer(q0, q1, "one");
        tree.add_answer(q0, c, "two");
        tree.add_answer(q1, a, "x");
        tree.add_answer(q1, b, "y");
        (tree, [q0, q1, a, b, c])
    }

    fn set(tree: &mut Tree, at: NodeIndex, status: Status, replaced_by: &str) {
        let Some(NodeKind::Outcome(o)) = tree.node_mut(at).map(|n| &mut n.kind) else {
            panic!("not an outcome");
        };
        o.lifecycle.status = status;
        o.lifecycle.replaced_by = replaced_by.to_owned();
    }

    fn lifecycle_problems(tree: &Tree) -> Vec<(String, ProblemKind)> {
        tree.validate()
            .into_iter()
            .filter(|p| {
                p.kind.is_lifecycle_check() || matches!(p.kind, ProblemKind::BadDate { .. })
            })
            .inspect(|p| assert_eq!(p.severity, Severity::Warning))
            .map(|p| (p.node_id().unwrap_or("").to_owned(), p.kind))
            .collect()
    }

    #[test]
    fn the_highest_question_with_only_closed_outcomes_is_named() {
        let (mut tree, [_, _, a, b, c]) = small();
        set(&mut tree, a, Status::ClosedToNew, "");
        assert!(lifecycle_problems(&tree).is_empty(), "b is still open");
        set(&mut tree, b, Status::Retired, "");
        assert_eq!(
            lifecycle_problems(&tree),
            [("q1".to_owned(), ProblemKind::OnlyUnavailable)]
        );
        // Legacy outcomes can still be chosen.
        set(&mut tree, b, Status::Legacy, "");
        assert!(lifecycle_problems(&tree).is_empty());
        set(&mut tree, b, Status::Retired, "");
        set(&mut tree, c, Status::Retired, "");
        assert_eq!(
            lifecycle_problems(&tree),
            [("q0".to_owned(), ProblemKind::OnlyUnavailable)],
            "q1 is covered by the warning on q0"
        );
    }

    #[test]
    fn a_replacement_must_be_another_outcome() {
        let (mut tree, [_, _, a, b, c]) = small();
        set(&mut tree, a, Status::ClosedToNew, "c");
        set(&mut tree, b, Status::Legacy, "q1");
        set(&mut tree, c, Status::Legacy, "c");
        let found = lifecycle_problems(&tree);
        let whys: Vec<(&str, &str)> = found
            .iter()
            .filter_map(|(id, k)| match k {
                ProblemKind::BadReplacement { why, .. } => Some((id.as_str(), *why)),
                _ => None,
            })
            .collect();
        assert_eq!(
            whys,
            [
                ("b", "is a question, not an outcome"),
                ("c", "is the outcome itself")
            ]
        );
        // A replacement that is itself closed or retired does not help a new user.
        set(&mut tree, b, Status::Legacy, "a");
        assert!(lifecycle_problems(&tree).iter().any(|(id, k)| id == "b"
            && matches!(
                k,
                ProblemKind::BadReplacement {
                    why: "is itself closed to new customers or retired",
                    ..
                }
            )));
        set(&mut tree, c, Status::Legacy, "nowhere");
        assert!(lifecycle_problems(&tree).iter().any(|(id, k)| id == "c"
            && matches!(
                k,
                ProblemKind::BadReplacement {
                    why: "is not a node in this tree",
                    ..
                }
            )));
    }

    #[test]
    fn a_lifecycle_date_must_read_as_a_date() {
        let (mut tree, [_, _, a, _, _]) = small();
        if let Some(NodeKind::Outcome(o)) = tree.node_mut(a).map(|n| &mut n.kind) {
            o.lifecycle.status = Status::Legacy;
            o.lifecycle.since = "April 2026".into();
        }
        assert!(matches!(
            &lifecycle_problems(&tree)[..],
            [(id, ProblemKind::BadDate { value, .. })] if id == "a" && value == "April 2026"
        ));
    }

    #[test]
    fn a_current_outcome_keeps_its_other_fields_unchecked() {
        let (mut tree, [_, _, a, _, _]) = small();
        set(&mut tree, a, Status::Current, "nowhere");
        if let Some(NodeKind::Outcome(o)) = tree.node_mut(a).map(|n| &mut n.kind) {
            o.lifecycle.since = "soon".into();
        }
        assert!(lifecycle_problems(&tree).is_empty());
        assert!(
            tree.node(a)
                .unwrap()
                .as_outcome()
                .unwrap()
                .lifecycle
                .is_current()
        );
    }

    #[test]
    fn a_review_interval_of_zero_is_a_warning() {
        let (mut tree, _) = small();
        tree.review_months = Some(0);
        let found: Vec<ProblemKind> = tree.validate().into_iter().map(|p| p.kind).collect();
        assert_eq!(found, [ProblemKind::ZeroReviewInterval]);
        tree.review_months = Some(1);
        assert!(tree.validate().is_empty());
    }

    #[test]
    fn a_cycle_does_not_make_a_lifecycle_warning() {
        let (mut tree, [q0, q1, a, b, _]) = small();
        set(&mut tree, a, Status::Retired, "");
        set(&mut tree, b, Status::Retired, "");
        tree.add_answer(q1, q0, "back");
        assert!(
            !lifecycle_problems(&tree)
                .iter()
                .any(|(_, k)| *k == ProblemKind::OnlyUnavailable)
        );
    }
}
