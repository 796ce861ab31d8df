//! Validation: every problem in a tree at once, each tied to what it concerns.

use std::collections::{HashMap, HashSet};
use std::fmt;

use petgraph::stable_graph::NodeIndex;

use super::freshness::parse_date;
use super::history::Touched;
use super::rank::MAX_WEIGHT_CHANGE;
use super::tree::{AnswerRef, Node, NodeKind, Outcome, Question, Role, Tree};

/// How bad a problem is. Errors make a file unloadable; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// What a problem is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Subject {
    Tree,
    Node { id: String },
    Answer { from: String, label: String },
}

/// The kinds of problem validation finds.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    NoRoot,
    SeveralRoots {
        ids: Vec<String>,
    },
    RootIsNotQuestion,
    UnknownTarget {
        target: String,
    },
    DuplicateId,
    Cycle {
        ids: Vec<String>,
    },
    Unreachable,
    TooFewAnswers {
        count: usize,
    },
    DuplicateAnswerLabel,
    EmptyText {
        field: &'static str,
    },
    UnknownDimension {
        dimension: String,
    },
    MissingProfile {
        dimension: String,
    },
    LevelOutOfRange {
        dimension: String,
        level: u8,
    },
    DuplicateDimension {
        dimension: String,
    },
    AnswersFromOutcome,
    UnsafeLink {
        url: String,
    },
    /// A date field that is not YYYY-MM-DD; `what` names the field.
    BadDate {
        what: String,
        value: String,
    },
    /// An outcome's `replaced_by` names no other outcome; `why` says what it names.
    BadReplacement {
        target: String,
        why: &'static str,
    },
    /// Every outcome a question can lead to is closed to new customers or retired.
    OnlyUnavailable,
    /// A review interval of 0 months: every source read before today is stale.
    ZeroReviewInterval,
    /// An answer's `weights` name a dimension the tree does not declare.
    UnknownWeightDimension {
        dimension: String,
    },
    /// An answer's weight change beyond ±`MAX_WEIGHT_CHANGE`, which ranking holds to
    /// the nearest end.
    WeightOutOfRange {
        dimension: String,
        change: i8,
    },
    /// Weights on an answer of a constraint question, which nothing reads.
    WeightsOnConstraint,
    /// A preference question none of whose answers changes a weight.
    PreferenceWithoutWeights,
}

/// One thing wrong with a tree.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Problem {
    pub severity: Severity,
    pub subject: Subject,
    pub kind: ProblemKind,
}

impl Problem {
    /// The id of the node the problem concerns (for an answer, its question).
    pub fn node_id(&self) -> Option<&str> {
        match &self.subject {
            Subject::Tree => None,
            Subject::Node { id } => Some(id),
            Subject::Answer { from, .. } => Some(from),
        }
    }

    /// A sentence that says what is wrong, without the location.
    pub fn message(&self) -> String {
        match &self.kind {
            ProblemKind::NoRoot => {
                "no start question: every node is reached by some answer".to_owned()
            }
            ProblemKind::SeveralRoots { ids } => format!(
                "several start nodes (nodes no answer leads to): {}",
                quoted_list(ids)
            ),
            ProblemKind::RootIsNotQuestion => "the start node is not a question".to_owned(),
            ProblemKind::UnknownTarget { target } => {
                format!("answer leads to \"{target}\", which is not a node in this tree")
            }
            ProblemKind::DuplicateId => "this id is used by more than one node".to_owned(),
            ProblemKind::Cycle { ids } => {
                let mut ring = ids.clone();
                if let Some(first) = ids.first() {
                    ring.push(first.clone());
                }
                format!("answers form a cycle: {}", ring.join(" -> "))
            }
            ProblemKind::Unreachable => {
                "no path from the start question reaches this node".to_owned()
            }
            ProblemKind::TooFewAnswers { count } => {
                format!("a question needs at least two answers; this one has {count}")
            }
            ProblemKind::DuplicateAnswerLabel => {
                "another answer of this question has the same label".to_owned()
            }
            ProblemKind::EmptyText { field } => format!("the {field} is empty"),
            ProblemKind::UnknownDimension { dimension } => {
                format!("names the dimension \"{dimension}\", which the tree does not declare")
            }
            ProblemKind::MissingProfile { dimension } => {
                format!("the profile has no rating for the dimension \"{dimension}\"")
            }
            ProblemKind::LevelOutOfRange { dimension, level } => {
                format!("the rating for \"{dimension}\" is {level}; levels go from 1 to 5")
            }
            ProblemKind::DuplicateDimension { dimension } => {
                format!("the dimension \"{dimension}\" is declared more than once")
            }
            ProblemKind::AnswersFromOutcome => {
                "an outcome has answers; only questions lead on".to_owned()
            }
            ProblemKind::UnsafeLink { url } => {
                format!("the source link \"{url}\" is not an http or https address")
            }
            ProblemKind::BadDate { what, value } => {
                format!("the {what} is \"{value}\", not a date written YYYY-MM-DD")
            }
            ProblemKind::BadReplacement { target, why } => {
                format!("the lifecycle's replacement \"{target}\" {why}")
            }
            ProblemKind::ZeroReviewInterval => "the review interval is 0 months, so every \
                 source read before today is stale; use 1 or more"
                .to_owned(),
            ProblemKind::OnlyUnavailable => "every outcome this question can lead to is \
                 closed to new customers or retired"
                .to_owned(),
            ProblemKind::UnknownWeightDimension { dimension } => format!(
                "the weights name the dimension \"{dimension}\", which the tree does not declare"
            ),
            ProblemKind::WeightOutOfRange { dimension, change } => format!(
                "the weight change for \"{dimension}\" is {change}; changes go from \
                 -{MAX_WEIGHT_CHANGE} to {MAX_WEIGHT_CHANGE}, so it counts as {}",
                (*change).clamp(-MAX_WEIGHT_CHANGE, MAX_WEIGHT_CHANGE)
            ),
            ProblemKind::WeightsOnConstraint => "the weights are ignored, because the \
                 question is a constraint (its answers rule outcomes out); mark the question \
                 a preference for them to count"
                .to_owned(),
            ProblemKind::PreferenceWithoutWeights => "the question is a preference, but \
                 none of its answers changes a weight, so answering it changes nothing"
                .to_owned(),
        }
    }

    /// Where: "node \"x\"", "answer \"l\" of \"q\"", or "tree".
    pub fn location(&self) -> String {
        match &self.subject {
            Subject::Tree => "tree".to_owned(),
            Subject::Node { id } => format!("node \"{id}\""),
            Subject::Answer { from, label } => format!("answer \"{label}\" of \"{from}\""),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.severity,
            self.location(),
            self.message()
        )
    }
}

fn quoted_list(ids: &[String]) -> String {
    ids.iter()
        .map(|i| format!("\"{i}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Tree {
    /// Every problem in the tree, errors first, then in node order.
    pub fn validate(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        self.check_dimensions(&mut problems);
        self.check_ids(&mut problems);
        self.check_structure(&mut problems);
        self.check_nodes(&mut problems);
        self.check_lifecycles(&mut problems);
        problems.sort_by_key(|p| p.severity);
        problems
    }

    fn check_dimensions(&self, problems: &mut Vec<Problem>) {
        let mut seen = HashSet::new();
        for d in &self.dimensions {
            if !seen.insert(d.id.as_str()) {
                problems.push(error(
                    Subject::Tree,
                    ProblemKind::DuplicateDimension {
                        dimension: d.id.clone(),
                    },
                ));
            }
        }
        if self.title.trim().is_empty() {
            problems.push(warning(
                Subject::Tree,
                ProblemKind::EmptyText {
                    field: "tree title",
                },
            ));
        }
        if self.review_months == Some(0) {
            problems.push(warning(Subject::Tree, ProblemKind::ZeroReviewInterval));
        }
    }

    fn check_ids(&self, problems: &mut Vec<Problem>) {
        let mut count: HashMap<&str, usize> = HashMap::new();
        for (_, node) in self.nodes() {
            *count.entry(node.id.as_str()).or_default() += 1;
        }
        let mut reported = HashSet::new();
        for (_, node) in self.nodes() {
            if node.id.trim().is_empty() && reported.insert(node.id.as_str()) {
                problems.push(error(
                    node_subject(&node.id),
                    ProblemKind::EmptyText { field: "id" },
                ));
            } else if count[node.id.as_str()] > 1 && reported.insert(node.id.as_str()) {
                problems.push(error(node_subject(&node.id), ProblemKind::DuplicateId));
            }
        }
    }

    fn check_structure(&self, problems: &mut Vec<Problem>) {
        let graph = self.graph();
        let roots = self.roots();
        match roots.as_slice() {
            [] if self.node_count() > 0 => problems.push(error(Subject::Tree, ProblemKind::NoRoot)),
            [] => {}
            [root] => {
                if !graph[*root].is_question() && self.node_count() > 1 {
                    problems.push(error(
                        node_subject(&graph[*root].id),
                        ProblemKind::RootIsNotQuestion,
                    ));
                }
            }
            many => problems.push(error(
                Subject::Tree,
                ProblemKind::SeveralRoots {
                    ids: many.iter().map(|&i| graph[i].id.clone()).collect(),
                },
            )),
        }

        for cycle in self.cycles() {
            let ids: Vec<String> = cycle.iter().map(|&i| graph[i].id.clone()).collect();
            let first = ids.first().cloned().unwrap_or_default();
            problems.push(error(node_subject(&first), ProblemKind::Cycle { ids }));
        }

        // Reachability from the first root: the other roots are already named above,
        // and everything only they reach is reported here.
        if let Some(&root) = roots.first() {
            let reachable: HashSet<NodeIndex> = self.reachable_from(root).into_iter().collect();
            // A set, not the list: a file can have a root for every node.
            let roots: HashSet<NodeIndex> = roots.iter().copied().collect();
            for (i, node) in self.nodes() {
                if !reachable.contains(&i) && !roots.contains(&i) {
                    problems.push(error(node_subject(&node.id), ProblemKind::Unreachable));
                }
            }
        }
    }

    /// Every node's own problems, node by node: its links, then what its kind needs.
    fn check_nodes(&self, problems: &mut Vec<Problem>) {
        let declared: HashSet<&str> = self.dimensions.iter().map(|d| d.id.as_str()).collect();
        for (index, node) in self.nodes() {
            self.check_node(index, node, &declared, problems);
        }
    }

    /// One node's own problems (see `check_nodes`).
    fn check_node(
        &self,
        index: NodeIndex,
        node: &Node,
        declared: &HashSet<&str>,
        problems: &mut Vec<Problem>,
    ) {
        let subject = node_subject(&node.id);
        check_sources(node, &subject, problems);
        let answers = self.answers(index);
        match &node.kind {
            NodeKind::Question(q) => {
                check_question(q, &subject, declared, answers.len(), problems);
                self.check_answers(node, &answers, problems);
                check_weights(q, node, &answers, declared, problems);
            }
            NodeKind::Outcome(o) => {
                self.check_outcome(o, &subject, declared, answers.len(), problems);
            }
            NodeKind::Missing => {}
        }
    }

    /// A question's answers: each needs a label, unique within the question (ignoring
    /// case and surrounding spaces), and a target that exists.
    fn check_answers(&self, node: &Node, answers: &[AnswerRef<'_>], problems: &mut Vec<Problem>) {
        let mut labels = HashSet::new();
        for a in answers {
            let label = a.answer.label.trim();
            let answer_subject = answer_subject(node, a);
            if label.is_empty() {
                problems.push(error(
                    answer_subject.clone(),
                    ProblemKind::EmptyText {
                        field: "answer label",
                    },
                ));
            } else if !labels.insert(label.to_lowercase()) {
                problems.push(error(
                    answer_subject.clone(),
                    ProblemKind::DuplicateAnswerLabel,
                ));
            }
            if self.node(a.to).is_some_and(|n| n.is_missing()) {
                let target = self.node(a.to).map(|n| n.id.clone()).unwrap_or_default();
                problems.push(error(answer_subject, ProblemKind::UnknownTarget { target }));
            }
        }
    }

    /// An outcome: a title, no answers, ratings only for declared dimensions and within
    /// the levels, and (a warning) a rating for every declared dimension.
    fn check_outcome(
        &self,
        o: &Outcome,
        subject: &Subject,
        declared: &HashSet<&str>,
        answer_count: usize,
        problems: &mut Vec<Problem>,
    ) {
        if o.title.trim().is_empty() {
            problems.push(error(
                subject.clone(),
                ProblemKind::EmptyText { field: "title" },
            ));
        }
        if answer_count != 0 {
            problems.push(error(subject.clone(), ProblemKind::AnswersFromOutcome));
        }
        if !o.lifecycle.is_current() {
            check_date(
                &o.lifecycle.since,
                || "lifecycle date".to_owned(),
                subject,
                problems,
            );
        }
        for (dim, rating) in &o.profile {
            if !declared.contains(dim.as_str()) {
                problems.push(error(
                    subject.clone(),
                    ProblemKind::UnknownDimension {
                        dimension: dim.clone(),
                    },
                ));
            } else if !(1..=5).contains(&rating.level) {
                problems.push(error(
                    subject.clone(),
                    ProblemKind::LevelOutOfRange {
                        dimension: dim.clone(),
                        level: rating.level,
                    },
                ));
            }
        }
        let mut asked = HashSet::new();
        for d in &self.dimensions {
            if asked.insert(d.id.as_str()) && !o.profile.contains_key(&d.id) {
                problems.push(warning(
                    subject.clone(),
                    ProblemKind::MissingProfile {
                        dimension: d.id.clone(),
                    },
                ));
            }
        }
    }

    /// The cycles in the graph: one node list per strongly connected component that
    /// has a cycle, in the order the answers go round it. Kosaraju's algorithm is used
    /// because petgraph's runs on iterative DFS; its Tarjan recurses once per node and
    /// overflows the stack on a deep chain from a file.
    pub fn cycles(&self) -> Vec<Vec<NodeIndex>> {
        let graph = self.graph();
        let mut out = Vec::new();
        for component in petgraph::algo::kosaraju_scc(graph) {
            let self_loop =
                component.len() == 1 && graph.find_edge(component[0], component[0]).is_some();
            if component.len() < 2 && !self_loop {
                continue;
            }
            out.push(self.cycle_within(&component));
        }
        out
    }

    /// One concrete cycle inside a strongly connected component, found by walking
    /// forward inside it until a node repeats.
    fn cycle_within(&self, component: &[NodeIndex]) -> Vec<NodeIndex> {
        let members: HashSet<NodeIndex> = component.iter().copied().collect();
        let Some(&start) = component
            .iter()
            .min_by_key(|i| self.graph()[**i].id.clone())
        else {
            return Vec::new();
        };
        let mut order = vec![start];
        let mut position: HashMap<NodeIndex, usize> = HashMap::from([(start, 0)]);
        let mut current = start;
        loop {
            let next = self
                .answers(current)
                .into_iter()
                .map(|a| a.to)
                .find(|t| members.contains(t));
            let Some(next) = next else { return order };
            if let Some(&at) = position.get(&next) {
                return order.split_off(at);
            }
            position.insert(next, order.len());
            order.push(next);
            current = next;
        }
    }
}

/// Validation after a small change: only what the change can have changed is checked
/// again, and the result is what [`Tree::validate`] would give.
impl Tree {
    /// Brings `problems`, what [`Tree::validate`] gave before a change, up to date after
    /// it, doing only the work the change needs as `touched` describes it: a node's text
    /// is checked again on that node alone, a new id is written into the problems that
    /// name the old one. Returns false, leaving `problems` as they were, when that is not
    /// enough (the change touched anything; ids held twice or blank): validate again then.
    pub fn revalidate(&self, problems: &mut Vec<Problem>, touched: &Touched) -> bool {
        // Lifecycle problems depend on other nodes (a replacement, what a question leads
        // to), so they are found again from scratch, after the rest: they end the list.
        let kept: Vec<Problem> = problems
            .extract_if(.., |p| p.kind.is_lifecycle_check())
            .collect();
        let done = self.revalidate_own(problems, touched);
        if done {
            self.check_lifecycles(problems);
        } else {
            problems.extend(kept);
        }
        done
    }

    /// `revalidate` for every problem but the lifecycle ones.
    fn revalidate_own(&self, problems: &mut Vec<Problem>, touched: &Touched) -> bool {
        match touched {
            Touched::Nothing => true,
            Touched::Tree => {
                self.revalidate_tree(problems);
                true
            }
            Touched::Node(node) => self.revalidate_node(problems, *node),
            Touched::Id { node, old } => self.revalidate_id(problems, *node, old),
            Touched::Anything => false,
        }
    }

    /// The tree's own problems again: they come first among those of their severity.
    fn revalidate_tree(&self, problems: &mut Vec<Problem>) {
        problems.retain(|p| !p.is_about_dimensions_or_title());
        let mut fresh = Vec::new();
        self.check_dimensions(&mut fresh);
        for p in fresh.into_iter().rev() {
            let at = problems
                .iter()
                .position(|q| q.severity >= p.severity)
                .unwrap_or(problems.len());
            problems.insert(at, p);
        }
    }

    /// One node's own problems again, in its place among the others' (node order, after
    /// the problems of the tree, the ids and the structure of each severity).
    fn revalidate_node(&self, problems: &mut Vec<Problem>, node: NodeIndex) -> bool {
        let Some(n) = self.node(node) else {
            return false;
        };
        if n.is_missing() {
            // A placeholder has no problems of its own.
            return true;
        }
        let ids_clear = problems
            .iter()
            .all(|p| !matches!(p.kind, ProblemKind::DuplicateId) && !p.is_blank_id());
        if !ids_clear || n.id.trim().is_empty() || self.find(&n.id) != Some(node) {
            // The problems of a node are found by its id, which must then be its alone.
            return false;
        }
        problems.retain(|p| !(p.kind.is_node_check() && p.node_id() == Some(n.id.as_str())));
        let declared: HashSet<&str> = self.dimensions.iter().map(|d| d.id.as_str()).collect();
        let mut fresh = Vec::new();
        self.check_node(node, n, &declared, &mut fresh);
        for severity in [Severity::Error, Severity::Warning] {
            let at = self.place_of_node_check(problems, severity, node);
            let these = fresh.iter().filter(|p| p.severity == severity).cloned();
            problems.splice(at..at, these);
        }
        true
    }

    /// Where a problem of `node`'s own with `severity` goes: before the own problems of
    /// the nodes after it, which end the problems of that severity.
    fn place_of_node_check(
        &self,
        problems: &[Problem],
        severity: Severity,
        node: NodeIndex,
    ) -> usize {
        problems
            .iter()
            .position(|q| {
                q.severity > severity
                    || (q.severity == severity
                        && q.kind.is_node_check()
                        && q.node_id()
                            .and_then(|id| self.find(id))
                            .is_some_and(|i| i.index() > node.index()))
            })
            .unwrap_or(problems.len())
    }

    /// A node's id changed from `old` and nothing else did: where the problems name the
    /// old id, they name the new one. Both ids are the node's alone, so no problem about
    /// ids comes or goes; a cycle through the node is found again from scratch, since
    /// the ids decide where its description starts.
    fn revalidate_id(&self, problems: &mut [Problem], node: NodeIndex, old: &str) -> bool {
        let Some(n) = self.node(node) else {
            return false;
        };
        let new = n.id.as_str();
        if old == new {
            return true;
        }
        let blank = |id: &str| id.trim().is_empty();
        let in_cycle = problems
            .iter()
            .any(|p| matches!(&p.kind, ProblemKind::Cycle { ids } if ids.iter().any(|i| i == old)));
        if n.is_missing()
            || blank(old)
            || blank(new)
            || self.find(new) != Some(node)
            || self.find(old).is_some()
            || in_cycle
        {
            return false;
        }
        for p in problems.iter_mut() {
            match &mut p.subject {
                Subject::Node { id } | Subject::Answer { from: id, .. } if id == old => {
                    new.clone_into(id);
                }
                _ => {}
            }
            if let ProblemKind::SeveralRoots { ids } = &mut p.kind {
                for id in ids.iter_mut().filter(|id| *id == old) {
                    new.clone_into(id);
                }
            }
        }
        true
    }
}

impl Problem {
    /// Whether `check_dimensions` finds it: a dimension declared twice, no tree title.
    fn is_about_dimensions_or_title(&self) -> bool {
        self.subject == Subject::Tree
            && matches!(
                self.kind,
                ProblemKind::DuplicateDimension { .. }
                    | ProblemKind::ZeroReviewInterval
                    | ProblemKind::EmptyText {
                        field: "tree title"
                    }
            )
    }

    fn is_blank_id(&self) -> bool {
        matches!(self.kind, ProblemKind::EmptyText { field: "id" })
    }
}

impl ProblemKind {
    /// Whether `Tree::check_lifecycles` finds it.
    pub(super) fn is_lifecycle_check(&self) -> bool {
        matches!(
            self,
            ProblemKind::BadReplacement { .. } | ProblemKind::OnlyUnavailable
        )
    }

    /// Whether a node's own fields and answers decide it (see `Tree::check_node`), as
    /// against the ids, the structure or the tree's own fields.
    fn is_node_check(&self) -> bool {
        match self {
            ProblemKind::EmptyText { field } => !matches!(*field, "id" | "tree title"),
            ProblemKind::UnknownTarget { .. }
            | ProblemKind::TooFewAnswers { .. }
            | ProblemKind::DuplicateAnswerLabel
            | ProblemKind::UnknownDimension { .. }
            | ProblemKind::MissingProfile { .. }
            | ProblemKind::LevelOutOfRange { .. }
            | ProblemKind::AnswersFromOutcome
            | ProblemKind::UnsafeLink { .. }
            | ProblemKind::BadDate { .. }
            | ProblemKind::UnknownWeightDimension { .. }
            | ProblemKind::WeightOutOfRange { .. }
            | ProblemKind::WeightsOnConstraint
            | ProblemKind::PreferenceWithoutWeights => true,
            ProblemKind::NoRoot
            | ProblemKind::SeveralRoots { .. }
            | ProblemKind::RootIsNotQuestion
            | ProblemKind::DuplicateId
            | ProblemKind::Cycle { .. }
            | ProblemKind::Unreachable
            | ProblemKind::DuplicateDimension { .. }
            | ProblemKind::BadReplacement { .. }
            | ProblemKind::OnlyUnavailable
            | ProblemKind::ZeroReviewInterval => false,
        }
    }
}

/// Whether a link is one the app will open: http or https only.
pub fn is_web_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// A node's source links: a warning for each one the app will not open.
fn check_sources(node: &Node, subject: &Subject, problems: &mut Vec<Problem>) {
    for source in &node.sources {
        if !is_web_link(&source.url) {
            problems.push(warning(
                subject.clone(),
                ProblemKind::UnsafeLink {
                    url: source.url.clone(),
                },
            ));
        }
        check_date(
            &source.checked,
            || format!("checked date of the source \"{}\"", source.url),
            subject,
            problems,
        );
    }
}

/// A warning when an optional date is written but does not read as one.
fn check_date(
    value: &str,
    what: impl FnOnce() -> String,
    subject: &Subject,
    problems: &mut Vec<Problem>,
) {
    // Blank is the same as left out (unverified, or no date), as the ages read it.
    if !value.trim().is_empty() && parse_date(value).is_none() {
        problems.push(warning(
            subject.clone(),
            ProblemKind::BadDate {
                what: what(),
                value: value.to_owned(),
            },
        ));
    }
}

/// A question's own fields: a prompt, a declared dimension if it names one, and at
/// least two answers.
fn check_question(
    q: &Question,
    subject: &Subject,
    declared: &HashSet<&str>,
    answer_count: usize,
    problems: &mut Vec<Problem>,
) {
    if q.prompt.trim().is_empty() {
        problems.push(error(
            subject.clone(),
            ProblemKind::EmptyText { field: "prompt" },
        ));
    }
    if let Some(dim) = &q.dimension
        && !declared.contains(dim.as_str())
    {
        problems.push(error(
            subject.clone(),
            ProblemKind::UnknownDimension {
                dimension: dim.clone(),
            },
        ));
    }
    if answer_count < 2 {
        problems.push(error(
            subject.clone(),
            ProblemKind::TooFewAnswers {
                count: answer_count,
            },
        ));
    }
}

/// The weights on a question's answers. Each names a declared dimension and changes
/// it by at most `MAX_WEIGHT_CHANGE` either way. A constraint's answers rule outcomes
/// out, and nothing reads their weights; a preference's answers rule nothing out, so
/// when none of them changes a weight, the question changes nothing.
fn check_weights(
    q: &Question,
    node: &Node,
    answers: &[AnswerRef<'_>],
    declared: &HashSet<&str>,
    problems: &mut Vec<Problem>,
) {
    let limit = -MAX_WEIGHT_CHANGE..=MAX_WEIGHT_CHANGE;
    for a in answers.iter().filter(|a| !a.answer.weights.is_empty()) {
        let subject = answer_subject(node, a);
        if q.role == Role::Constraint {
            problems.push(warning(subject.clone(), ProblemKind::WeightsOnConstraint));
        }
        for (dim, &change) in &a.answer.weights {
            if !declared.contains(dim.as_str()) {
                problems.push(warning(
                    subject.clone(),
                    ProblemKind::UnknownWeightDimension {
                        dimension: dim.clone(),
                    },
                ));
            } else if !limit.contains(&change) {
                problems.push(warning(
                    subject.clone(),
                    ProblemKind::WeightOutOfRange {
                        dimension: dim.clone(),
                        change,
                    },
                ));
            }
        }
    }
    let changes_nothing = || {
        answers
            .iter()
            .all(|a| a.answer.weights.values().all(|&w| w == 0))
    };
    // Without answers the question has a problem of its own (too few answers).
    if q.role == Role::Preference && !answers.is_empty() && changes_nothing() {
        problems.push(warning(
            node_subject(&node.id),
            ProblemKind::PreferenceWithoutWeights,
        ));
    }
}

fn answer_subject(node: &Node, a: &AnswerRef<'_>) -> Subject {
    Subject::Answer {
        from: node.id.clone(),
        label: a.answer.label.clone(),
    }
}

pub(super) fn node_subject(id: &str) -> Subject {
    Subject::Node { id: id.to_owned() }
}

fn error(subject: Subject, kind: ProblemKind) -> Problem {
    Problem {
        severity: Severity::Error,
        subject,
        kind,
    }
}

pub(super) fn warning(subject: Subject, kind: ProblemKind) -> Problem {
    Problem {
        severity: Severity::Warning,
        subject,
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::history::History;
    use crate::model::ops::Op;
    use crate::model::tree::{Dimension, Rating};

    /// A valid tree: the preference question "q" ("Cheap" weighs cost up, "Flexible"
    /// weighs control up) leads to the constraint question "r", whose answers lead to
    /// two outcomes rated on both dimensions.
    fn weighed() -> Tree {
        let mut t = Tree::new("T");
        t.dimensions = ["cost", "control"]
            .map(|id| Dimension {
                id: id.into(),
                name: id.to_uppercase(),
                ..Dimension::default()
            })
            .to_vec();
        let q = t.add_node(Node::question("q", "What matters?"));
        let r = t.add_node(Node::question("r", "Managed?"));
        for (i, answer) in [(q, "Cheap"), (q, "Flexible")] {
            t.add_answer(i, r, answer);
        }
        for id in ["a", "b"] {
            let mut o = Node::outcome(id, id.to_uppercase());
            if let NodeKind::Outcome(x) = &mut o.kind {
                for d in ["cost", "control"] {
                    let rating = Rating {
                        level: 3,
                        note: String::new(),
                    };
                    x.profile.insert(d.into(), rating);
                }
            }
            let o = t.add_node(o);
            t.add_answer(r, o, format!("To {id}"));
        }
        set_role(&mut t, "q", Role::Preference);
        weigh(&mut t, "q", 0, &[("cost", 3)]);
        weigh(&mut t, "q", 1, &[("control", 2)]);
        t
    }

    fn set_role(t: &mut Tree, id: &str, role: Role) {
        let node = t.find(id).unwrap();
        if let Some(NodeKind::Question(q)) = t.node_mut(node).map(|n| &mut n.kind) {
            q.role = role;
        }
    }

    /// Gives the answer at `position` of question `id` exactly these weights.
    fn weigh(t: &mut Tree, id: &str, position: usize, weights: &[(&str, i8)]) {
        let edge = t.answers(t.find(id).unwrap())[position].edge;
        t.answer_mut(edge).unwrap().weights =
            weights.iter().map(|&(d, w)| (d.to_owned(), w)).collect();
    }

    /// Every problem, as printed.
    fn printed(t: &Tree) -> Vec<String> {
        t.validate().iter().map(Problem::to_string).collect()
    }

    #[test]
    fn the_sample_is_valid() {
        assert_eq!(printed(&weighed()), Vec::<String>::new());
    }

    #[test]
    fn weights_on_an_undeclared_dimension_are_named_with_their_answer() {
        let mut t = weighed();
        weigh(&mut t, "q", 0, &[("cost", 1), ("speed", 2)]);
        assert_eq!(
            printed(&t),
            [
                "warning: answer \"Cheap\" of \"q\": the weights name the dimension \"speed\", \
                 which the tree does not declare"
            ]
        );
        // A declared dimension is not reported, whatever the answer.
        weigh(&mut t, "q", 0, &[("control", -4)]);
        assert_eq!(printed(&t), Vec::<String>::new());
    }

    #[test]
    fn a_change_beyond_five_says_what_it_counts_as() {
        let mut t = weighed();
        weigh(&mut t, "q", 0, &[("cost", 9)]);
        weigh(&mut t, "q", 1, &[("control", -7)]);
        assert_eq!(
            printed(&t),
            [
                "warning: answer \"Cheap\" of \"q\": the weight change for \"cost\" is 9; \
                 changes go from -5 to 5, so it counts as 5",
                "warning: answer \"Flexible\" of \"q\": the weight change for \"control\" is \
                 -7; changes go from -5 to 5, so it counts as -5",
            ]
        );
        weigh(&mut t, "q", 0, &[("cost", 5)]);
        weigh(&mut t, "q", 1, &[("control", -5)]);
        assert_eq!(printed(&t), Vec::<String>::new(), "the ends are in range");
    }

    #[test]
    fn weights_on_a_constraint_are_ignored_and_say_so() {
        let mut t = weighed();
        set_role(&mut t, "q", Role::Constraint);
        weigh(&mut t, "q", 1, &[]);
        assert_eq!(
            printed(&t),
            [
                "warning: answer \"Cheap\" of \"q\": the weights are ignored, because the \
                 question is a constraint (its answers rule outcomes out); mark the question \
                 a preference for them to count"
            ]
        );
        // A constraint without weights, the usual question, is fine.
        weigh(&mut t, "q", 0, &[]);
        assert_eq!(printed(&t), Vec::<String>::new());
    }

    #[test]
    fn a_preference_that_changes_no_weight_changes_nothing() {
        let mut t = weighed();
        weigh(&mut t, "q", 0, &[]);
        weigh(&mut t, "q", 1, &[("control", 0)]);
        let warned = [
            "warning: node \"q\": the question is a preference, but none of its answers \
             changes a weight, so answering it changes nothing",
        ];
        assert_eq!(printed(&t), warned, "a change of 0 is no change");
        weigh(&mut t, "q", 1, &[]);
        assert_eq!(printed(&t), warned);
        // One answer that changes a weight is enough.
        weigh(&mut t, "q", 1, &[("control", 1)]);
        assert_eq!(printed(&t), Vec::<String>::new());
    }

    /// Each of the new warnings comes and goes through the edits that cause them, and
    /// validating only what each edit touched finds what validating everything finds.
    #[test]
    fn weight_warnings_follow_edits_and_undo() {
        let t = weighed();
        let q = t.find("q").unwrap();
        let [cheap, flexible] = [0, 1].map(|i| t.answers(q)[i].edge);
        let weight = |edge, dimension: &str, weight| Op::SetAnswerWeight {
            edge,
            dimension: dimension.into(),
            weight,
        };
        let ops = [
            weight(cheap, "speed", Some(1)),
            weight(cheap, "cost", Some(-6)),
            Op::SetRole {
                node: q,
                role: Role::Constraint,
            },
            Op::SetRole {
                node: q,
                role: Role::Preference,
            },
            weight(cheap, "speed", None),
            weight(cheap, "cost", None),
            weight(flexible, "control", None),
            Op::SetDimensionText {
                position: 1,
                field: crate::model::ops::DimensionField::Id,
                value: "say".into(),
            },
        ];
        let mut h = History::new(t);
        let mut problems = h.tree().validate();
        let mut seen = HashSet::new();
        let mut check = |h: &History, problems: &mut Vec<Problem>, revision| {
            let touched = h.touched_since(revision);
            if !h.tree().revalidate(problems, &touched) {
                *problems = h.tree().validate();
            }
            assert_eq!(*problems, h.tree().validate(), "touched {touched:?}");
            seen.extend(problems.iter().map(|p| std::mem::discriminant(&p.kind)));
        };
        for op in &ops {
            let revision = h.revision();
            h.perform(op, None).unwrap();
            check(&h, &mut problems, revision);
        }
        while h.can_undo() {
            let revision = h.revision();
            h.undo();
            check(&h, &mut problems, revision);
        }
        assert_eq!(problems, []);
        let kinds = [
            ProblemKind::UnknownWeightDimension {
                dimension: String::new(),
            },
            ProblemKind::WeightOutOfRange {
                dimension: String::new(),
                change: 0,
            },
            ProblemKind::WeightsOnConstraint,
            ProblemKind::PreferenceWithoutWeights,
        ];
        for kind in kinds {
            assert!(seen.contains(&std::mem::discriminant(&kind)), "{kind:?}");
        }
    }
}
