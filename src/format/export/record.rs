//! A walk as a decision record: Markdown in the sections of MADR 4 (Markdown
//! Architectural Decision Records), written to be pasted into a pull request or kept
//! beside the code. At an outcome it records the choice, the answers that led there
//! and the options each answer ruled out; before one, it records an open decision:
//! the answers so far and what is still possible.
//!
//! A section with nothing to say is left out. The tree's plain text is escaped (see
//! `markdown`); its notes stay Markdown, held inside their section.

use std::collections::HashMap;
use std::fmt::Write as _;

use jiff::civil::Date;

use crate::model::freshness::Freshness;
use crate::model::weigh::{self, ruling_answers};
use crate::model::{
    Answer, Better, Node, NodeIndex, Outcome, Reach, Role, Source, Step, Tree, Walk,
};

use super::RecordOptions;
use super::markdown::{self, block, code, first_paragraph, link, one_line};

/// The decision record of `walk`, dated `today`.
pub fn decision_record(tree: &Tree, walk: &Walk, today: Date) -> String {
    decision_record_with(tree, walk, today, &RecordOptions::default())
}

/// The decision record of `walk`, dated `today`, with the reader's weights and the
/// file's format version when known.
pub fn decision_record_with(
    tree: &Tree,
    walk: &Walk,
    today: Date,
    options: &RecordOptions<'_>,
) -> String {
    let record = Record::new(tree, walk, today, options);
    let mut out = String::new();
    record.heading(&mut out);
    record.context(&mut out);
    record.drivers(&mut out);
    record.considered(&mut out);
    record.outcome(&mut out);
    record.consequences(&mut out);
    record.why_not(&mut out);
    record.more_information(&mut out);
    out
}

/// At most this many outcomes are named in one line; a tree of thousands would
/// otherwise bury the record in names.
const LISTED: usize = 30;
/// At most this many considered options are listed.
const LISTED_OPTIONS: usize = 100;

/// What the record is made from, worked out once.
struct Record<'a> {
    tree: &'a Tree,
    walk: &'a Walk,
    today: Date,
    options: &'a RecordOptions<'a>,
    /// The outcome the walk reached, if it reached one.
    chosen: Option<(NodeIndex, &'a Node, &'a Outcome)>,
    /// Every outcome possible at the start, in the order a user meets them.
    considered: Vec<NodeIndex>,
    /// Each considered outcome's place in `considered`, to list others in that order.
    place: HashMap<NodeIndex, usize>,
    /// The outcomes still possible before each answer, and (last) after the walk.
    possible: Vec<Vec<NodeIndex>>,
    /// The answer (by step) that ruled out each outcome ruled out.
    ruled: HashMap<NodeIndex, usize>,
}

impl<'a> Record<'a> {
    fn new(tree: &'a Tree, walk: &'a Walk, today: Date, options: &'a RecordOptions<'a>) -> Self {
        let chosen = walk.current(tree).and_then(|c| {
            let node = tree.node(c)?;
            Some((c, node, node.as_outcome()?))
        });
        let considered = tree
            .root()
            .map(|r| tree.outcomes_from(r))
            .unwrap_or_default();
        let place = considered
            .iter()
            .enumerate()
            .map(|(i, &o)| (o, i))
            .collect();
        let steps = walk.steps();
        let ruled = ruling_answers(tree, walk)
            .into_iter()
            .filter_map(|(o, step)| Some((o, steps.iter().position(|s| *s == step)?)))
            .collect();
        let mut record = Record {
            tree,
            walk,
            today,
            options,
            chosen,
            considered,
            place,
            possible: Vec::new(),
            ruled,
        };
        record.possible = record.possible_along_the_walk();
        record
    }

    /// The considered outcomes no answer had ruled out, before each step and after the
    /// last.
    fn possible_along_the_walk(&self) -> Vec<Vec<NodeIndex>> {
        let mut prefix = Walk::new();
        let mut possible = Vec::with_capacity(self.walk.steps().len() + 1);
        for step in self.walk.steps() {
            possible.push(self.not_ruled_by(&prefix));
            // A walk made with `choose` always takes its own answers again; were one
            // refused, the later lists would repeat this one, which is still true.
            let _ = prefix.choose(self.tree, step.answer);
        }
        possible.push(self.not_ruled_by(self.walk));
        possible
    }

    fn not_ruled_by(&self, walk: &Walk) -> Vec<NodeIndex> {
        let ruled = ruling_answers(self.tree, walk);
        let keep = |o: &&NodeIndex| !ruled.contains_key(*o);
        self.considered.iter().filter(keep).copied().collect()
    }

    /// An outcome by title and id: "EKS Auto Mode (`o-eks-auto`)".
    fn named(&self, n: NodeIndex) -> String {
        self.tree.node(n).map_or_else(String::new, |node| {
            format!("{} ({})", markdown::text(node.label()), code(&node.id))
        })
    }

    /// Outcomes in the order a user meets them, named and joined with commas; past
    /// `LISTED`, counted.
    fn listed(&self, outcomes: &[NodeIndex]) -> String {
        let mut sorted = outcomes.to_vec();
        sorted.sort_by_key(|o| self.place.get(o).copied().unwrap_or(usize::MAX));
        let names = sorted.iter().take(LISTED).map(|&o| self.named(o));
        with_more(names.collect(), sorted.len())
    }

    fn tree_title(&self) -> String {
        if self.tree.title.trim().is_empty() {
            "Untitled tree".to_owned()
        } else {
            markdown::text(&self.tree.title)
        }
    }

    fn heading(&self, out: &mut String) {
        let (what, status) = match self.chosen {
            Some((_, _, o)) => (markdown::text(&o.title), "accepted"),
            None => ("Open decision".to_owned(), "proposed"),
        };
        let _ = writeln!(out, "# {what}: {}\n", self.tree_title());
        let _ = writeln!(out, "**Status:** {status} · **Date:** {}\n", self.today);
    }

    fn context(&self, out: &mut String) {
        out.push_str("## Context and Problem Statement\n\n");
        let version = self
            .options
            .format_version
            .map(|v| format!(" (format version {v})"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "Which option should we choose? This record follows the Tradeoff decision tree \
             *{}*{version} one answer at a time, and keeps the reason each answer gave.\n",
            self.tree_title()
        );
        let description = first_paragraph(&self.tree.description);
        if !description.is_empty() {
            for line in block(&description).lines() {
                let _ = writeln!(out, "> {line}");
            }
            out.push('\n');
        }
    }

    fn drivers(&self, out: &mut String) {
        if self.tree.dimensions.is_empty() {
            return;
        }
        out.push_str("## Decision Drivers\n\n");
        out.push_str("Every option is rated from 1 to 5 on each of these dimensions:\n\n");
        for d in &self.tree.dimensions {
            let better = match d.better {
                Better::Higher => "higher is better",
                Better::Lower => "lower is better",
                Better::Neutral => "neither end is better in general",
            };
            let weighed = self
                .options
                .weights
                .map(|w| format!("; weight {}", weight(w.get(&d.id))))
                .unwrap_or_default();
            let _ = write!(out, "- **{}** ({better}{weighed})", markdown::text(&d.name));
            if !d.description.trim().is_empty() {
                let _ = write!(out, ": {}", one_line(&d.description));
            }
            for (level, end) in [(1, &d.low), (5, &d.high)] {
                if !end.trim().is_empty() {
                    let _ = write!(out, " {level}: “{}”.", markdown::text(end));
                }
            }
            out.push('\n');
        }
        out.push('\n');
    }

    fn considered(&self, out: &mut String) {
        if self.considered.is_empty() {
            return;
        }
        out.push_str("## Considered Options\n\n");
        for (i, &o) in self.considered.iter().enumerate().take(LISTED_OPTIONS) {
            let _ = write!(out, "{}. {}", i + 1, self.named(o));
            let lifecycle = self.tree.node(o).and_then(|n| n.as_outcome());
            if let Some(l) = lifecycle.map(|o| &o.lifecycle).filter(|l| !l.is_current()) {
                let _ = write!(out, ": {}", markdown::text(&l.headline().to_lowercase()));
            }
            out.push('\n');
        }
        let more = self.considered.len().saturating_sub(LISTED_OPTIONS);
        if more > 0 {
            let _ = writeln!(out, "\nAnd {more} more.");
        }
        out.push('\n');
    }

    fn outcome(&self, out: &mut String) {
        out.push_str("## Decision Outcome\n\n");
        let Some((n, node, o)) = self.chosen else {
            self.open_outcome(out);
            return;
        };
        self.lifecycle_warning(out, o);
        let _ = writeln!(
            out,
            "Chosen option: **{}** ({}), because:\n",
            markdown::text(&o.title),
            code(&node.id)
        );
        self.answers(out);
        if !o.summary.trim().is_empty() {
            let title = markdown::text(&o.title);
            let _ = writeln!(out, "**{title}:** {}\n", one_line(&o.summary));
        }
        self.profile(out, o);
        let others: Vec<NodeIndex> = self.possible.last().map_or_else(Vec::new, |p| {
            p.iter().copied().filter(|&p| p != n).collect()
        });
        if !others.is_empty() {
            let _ = writeln!(
                out,
                "Also still possible, since a preference answer rules nothing out: {}.\n",
                self.listed(&others)
            );
        }
    }

    /// Each answer given, with its note and the answers not taken, as a numbered list.
    fn answers(&self, out: &mut String) {
        for (i, step) in self.walk.steps().iter().enumerate() {
            let _ = writeln!(out, "{}. {}", i + 1, self.answer_line(step));
        }
        out.push('\n');
    }

    /// "*Question?* **Answer**: its note. Not chosen: “Other”, “Another”."
    fn answer_line(&self, step: &Step) -> String {
        let tree = self.tree;
        let question = tree.node(step.question);
        let prompt = question.map_or_else(String::new, |q| markdown::text(q.label()));
        let Some(chosen) = tree.answer(step.answer) else {
            return format!("*{prompt}*");
        };
        let mut line = format!("*{prompt}* **{}**", markdown::text(&chosen.answer.label));
        if !chosen.answer.note.trim().is_empty() {
            let _ = write!(line, ": {}", one_line(&chosen.answer.note));
        }
        // A sentence ends here, whatever the note ended with.
        if !line.ends_with(['.', '!', '?']) {
            line.push('.');
        }
        let preference = question
            .and_then(|q| q.as_question())
            .is_some_and(|q| q.role == Role::Preference);
        if preference {
            line.push_str(&self.preference_note(chosen.answer));
        }
        let others: Vec<String> = tree
            .answers(step.question)
            .iter()
            .filter(|a| a.edge != step.answer)
            .map(|a| format!("“{}”", markdown::text(&a.answer.label)))
            .collect();
        if !others.is_empty() {
            let _ = write!(line, " Not chosen: {}.", others.join(", "));
        }
        line
    }

    /// What a preference answer does: it weighs instead of ruling out.
    fn preference_note(&self, answer: &Answer) -> String {
        let changes: Vec<String> = answer
            .weights
            .iter()
            .map(|(id, change)| {
                let name = self.tree.dimensions.iter().find(|d| &d.id == id);
                let name = name.map_or(id.as_str(), |d| d.name.as_str());
                format!("{} {change:+}", markdown::text(name))
            })
            .collect();
        if changes.is_empty() {
            " (A preference: it rules nothing out.)".to_owned()
        } else {
            format!(
                " (A preference: it rules nothing out and weighs {}.)",
                changes.join(", ")
            )
        }
    }

    /// A warning first when the chosen outcome is legacy, closed or retired.
    fn lifecycle_warning(&self, out: &mut String, o: &Outcome) {
        let l = &o.lifecycle;
        if l.is_current() {
            return;
        }
        let word = if l.status.is_unavailable() {
            "Warning"
        } else {
            "Note"
        };
        let _ = write!(
            out,
            "> **{word}:** {} is {}.",
            markdown::text(&o.title),
            markdown::text(&l.headline().to_lowercase())
        );
        if !l.note.trim().is_empty() {
            let _ = write!(out, " {}", one_line(&l.note));
        }
        if let Some(by) = self
            .tree
            .find(&l.replaced_by)
            .filter(|_| !l.replaced_by.is_empty())
        {
            let _ = write!(out, " Replaced by {}.", self.named(by));
        }
        out.push_str("\n\n");
    }

    /// The outcome's rating on every dimension, as a table.
    fn profile(&self, out: &mut String, o: &Outcome) {
        if self.tree.dimensions.is_empty() {
            return;
        }
        out.push_str("| Dimension | Level | Why |\n|---|---|---|\n");
        for d in &self.tree.dimensions {
            let name = markdown::text(&d.name);
            match o.profile.get(&d.id) {
                Some(r) => {
                    let filled = usize::from(r.level.clamp(1, 5));
                    let bar = format!("{}{}", "●".repeat(filled), "○".repeat(5 - filled));
                    let note = one_line(&r.note);
                    let _ = writeln!(out, "| {name} | {} {bar} | {note} |", r.level);
                }
                None => {
                    let _ = writeln!(out, "| {name} | not rated | |");
                }
            }
        }
        out.push('\n');
    }

    /// An open decision: the answers so far, the next question and what is still
    /// possible.
    fn open_outcome(&self, out: &mut String) {
        out.push_str("No option is chosen yet.");
        if self.walk.steps().is_empty() {
            out.push_str(" No question has been answered.\n\n");
        } else {
            out.push_str(" The answers so far:\n\n");
            self.answers(out);
        }
        self.next_question(out);
        if let Some(possible) = self.possible.last().filter(|p| !p.is_empty()) {
            let _ = writeln!(
                out,
                "Still possible ({}): {}.\n",
                possible.len(),
                self.listed(possible)
            );
        }
    }

    fn next_question(&self, out: &mut String) {
        let Some(current) = self.walk.current(self.tree) else {
            return;
        };
        let Some(q) = self.tree.node(current).filter(|n| n.is_question()) else {
            return;
        };
        let _ = writeln!(out, "Next question: *{}*\n", markdown::text(q.label()));
        let reach = Reach::new(self.tree);
        for (a, leads) in reach.what_if(self.tree, self.walk) {
            let _ = write!(out, "- **{}**", markdown::text(&a.answer.label));
            if !leads.first.is_empty() {
                let names = leads.first.iter().filter_map(|&o| self.tree.node(o));
                let names: Vec<String> = names.map(|n| markdown::text(n.label())).collect();
                let _ = write!(out, " can lead to {}", names.join(", "));
                match (leads.more(), leads.exact) {
                    (0, _) => {}
                    (more, true) => {
                        let _ = write!(out, " and {more} more");
                    }
                    (more, false) => {
                        let _ = write!(out, " and at least {more} more");
                    }
                }
            }
            out.push('\n');
        }
        out.push('\n');
    }

    /// The chosen outcome's notes, which say what taking it means.
    fn consequences(&self, out: &mut String) {
        let Some((_, node, _)) = self.chosen else {
            return;
        };
        if node.notes.trim().is_empty() {
            return;
        }
        out.push_str("### Consequences\n\n");
        out.push_str(&block(&node.notes));
        out.push('\n');
    }

    /// Why not the others: for each answer, what was still possible before it and what
    /// it ruled out.
    fn why_not(&self, out: &mut String) {
        let steps = self.walk.steps();
        if steps.is_empty() {
            return;
        }
        out.push_str("## Pros and Cons of the Options\n\n");
        out.push_str(
            "Why not the others: each answer, with the options still possible before it \
             and the ones it ruled out.\n\n",
        );
        for (i, step) in steps.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", i + 1, self.step_heading(step));
            let before = self.possible.get(i).map_or(&[][..], Vec::as_slice);
            let unchanged = i > 0 && self.possible.get(i - 1).map(Vec::as_slice) == Some(before);
            let _ = if unchanged {
                writeln!(
                    out,
                    "   - Still possible before it: the same {}",
                    before.len()
                )
            } else {
                let titles = before
                    .iter()
                    .take(LISTED)
                    .filter_map(|&o| self.tree.node(o));
                let titles: Vec<String> = titles.map(|n| markdown::text(n.label())).collect();
                let titles = or_none(with_more(titles, before.len()));
                writeln!(
                    out,
                    "   - Still possible before it ({}): {titles}",
                    before.len()
                )
            };
            let ruled: Vec<NodeIndex> = self
                .ruled
                .iter()
                .filter(|&(_, &at)| at == i)
                .map(|(&o, _)| o)
                .collect();
            let _ = writeln!(
                out,
                "   - Ruled out ({}): {}",
                ruled.len(),
                or_none(self.listed(&ruled))
            );
        }
        out.push('\n');
        self.better_ruled_out(out);
    }

    fn step_heading(&self, step: &Step) -> String {
        let prompt = self.tree.node(step.question).map_or("", |q| q.label());
        let label = self
            .tree
            .answer(step.answer)
            .map_or("", |a| &a.answer.label);
        format!("*{}* **{}**", markdown::text(prompt), markdown::text(label))
    }

    /// With the reader's weights: the ruled-out options that would have scored higher.
    fn better_ruled_out(&self, out: &mut String) {
        let Some(base) = self.options.weights else {
            return;
        };
        let standing = weigh::standing(self.tree, self.walk, base);
        let leader = standing.ranking.first().map(|r| r.score.total);
        for (o, score) in standing.better_ruled_out.iter().take(3) {
            let Some(step) = standing.ruled.get(o) else {
                continue;
            };
            let against = leader.map(|l| format!(" ({:.2} against {l:.2})", score.total));
            let _ = writeln!(
                out,
                "{} would score higher on these weights{}, but {} ruled it out.\n",
                self.named(*o),
                against.unwrap_or_default(),
                self.step_heading(step)
            );
        }
    }

    /// The sources behind the choice, each once with its age, and where the record
    /// came from.
    fn more_information(&self, out: &mut String) {
        out.push_str("## More Information\n\n");
        let mut listed: Vec<&Source> = Vec::new();
        if let Some((_, node, o)) = self.chosen {
            let title = markdown::text(&o.title);
            if node.sources.is_empty() {
                let _ = writeln!(out, "No sources are recorded for {title}.\n");
            } else {
                let _ = writeln!(out, "Sources for {title}:\n");
                for s in &node.sources {
                    if !listed.iter().any(|l| same_source(l, s)) {
                        let _ = writeln!(out, "- {}", self.source(s));
                        listed.push(s);
                    }
                }
                out.push('\n');
            }
        }
        self.question_sources(out, &listed);
        let _ = writeln!(
            out,
            "Generated by Tradeoff from {} on {}.",
            self.tree_title(),
            self.today
        );
    }

    /// The sources of the questions asked (and, before an outcome, of the question
    /// waiting), each once, with the questions that cite it; those already listed for
    /// the outcome are not repeated.
    fn question_sources(&self, out: &mut String, listed: &[&Source]) {
        let mut questions: Vec<NodeIndex> = self.walk.steps().iter().map(|s| s.question).collect();
        questions.extend(
            self.walk
                .current(self.tree)
                .filter(|_| self.chosen.is_none()),
        );
        let mut cited: Vec<(&Source, Vec<String>)> = Vec::new();
        for q in questions.iter().filter_map(|&q| self.tree.node(q)) {
            let prompt = format!("*{}*", markdown::text(q.label()));
            for s in q
                .sources
                .iter()
                .filter(|s| !listed.iter().any(|l| same_source(l, s)))
            {
                match cited.iter_mut().find(|(c, _)| same_source(c, s)) {
                    Some((_, by)) if !by.contains(&prompt) => by.push(prompt.clone()),
                    Some(_) => {}
                    None => cited.push((s, vec![prompt.clone()])),
                }
            }
        }
        if cited.is_empty() {
            return;
        }
        out.push_str("Sources behind the questions on the way:\n\n");
        for (s, by) in cited {
            let _ = writeln!(out, "- {}; cited by {}", self.source(s), by.join(", "));
        }
        out.push('\n');
    }

    /// A source as a link with when it was checked and how long ago that is.
    fn source(&self, s: &Source) -> String {
        let months = self.tree.review_months();
        let checked = markdown::text(s.checked.trim());
        let age = match Freshness::of(&s.checked, self.today, months) {
            Freshness::Unverified => "unverified (no checked date)".to_owned(),
            Freshness::Unreadable => format!("checked date “{checked}” unreadable"),
            Freshness::Future(_) => format!("checked date {checked} is in the future"),
            Freshness::Fresh(age) => format!("checked {checked} ({age})"),
            Freshness::Stale(age) => format!(
                "checked {checked} ({age}; stale: past the tree's {months}-month review interval)"
            ),
        };
        format!("{}, {age}", link(&s.title, &s.url))
    }
}

/// Whether two citations are of one page: the same address, or without addresses
/// the same title.
fn same_source(a: &Source, b: &Source) -> bool {
    if a.url.trim().is_empty() && b.url.trim().is_empty() {
        a.title.trim() == b.title.trim()
    } else {
        a.url.trim() == b.url.trim()
    }
}

/// Names joined with commas, and how many more there are when `total` is more.
fn with_more(names: Vec<String>, total: usize) -> String {
    let more = total.saturating_sub(names.len());
    let mut text = names.join(", ");
    if more > 0 {
        let _ = write!(text, ", and {more} more");
    }
    text
}

fn or_none(list: String) -> String {
    if list.is_empty() {
        "none".to_owned()
    } else {
        list
    }
}

/// A weight as a person writes it: 1, 1.5, 0.25.
fn weight(w: f32) -> String {
    let text = format!("{w:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::rank::Weights;
    use crate::model::{Dimension, Lifecycle, Rating, Status};

    /// start: "Hosted" → pick, "On site" → X. pick (a preference): "Auto" → A (legacy),
    /// "Manual" → B. Control is better high: X 5, B 3, A 1.
    fn tree() -> Tree {
        let mut t = Tree::new("Hosting");
        t.dimensions = vec![Dimension {
            id: "control".into(),
            name: "Control".into(),
            better: Better::Higher,
            ..Dimension::default()
        }];
        let start = t.add_node(Node::question("start", "Where?"));
        let mut pick = Node::question("pick", "How?");
        if let crate::model::NodeKind::Question(q) = &mut pick.kind {
            q.role = Role::Preference;
        }
        let pick = t.add_node(pick);
        let mut outcome = |id: &str, level: u8| {
            let mut node = Node::outcome(id, id.to_uppercase());
            if let crate::model::NodeKind::Outcome(o) = &mut node.kind {
                let note = format!("level {level}");
                o.profile.insert("control".into(), Rating { level, note });
            }
            t.add_node(node)
        };
        let (x, a, b) = (outcome("x", 5), outcome("a", 1), outcome("b", 3));
        t.add_answer(start, pick, "Hosted");
        t.add_answer(start, x, "On site");
        let auto = t.add_answer(pick, a, "Auto");
        t.add_answer(pick, b, "Manual");
        t.answer_mut(auto)
            .unwrap()
            .weights
            .insert("control".into(), 2);
        if let Some(crate::model::NodeKind::Outcome(o)) = t.node_mut(a).map(|n| &mut n.kind) {
            o.lifecycle = Lifecycle {
                status: Status::Legacy,
                since: "2026-01-01".into(),
                ..Lifecycle::default()
            };
        }
        t
    }

    fn walked(t: &Tree) -> Walk {
        let mut walk = Walk::new();
        walk.choose_by(t, "Hosted").unwrap();
        walk.choose_by(t, "Auto").unwrap();
        walk
    }

    #[test]
    fn a_preference_answer_is_said_to_weigh_and_its_alternatives_stay_possible() {
        let t = tree();
        let record = decision_record(&t, &walked(&t), Date::constant(2026, 11, 30));
        assert!(
            record
                .contains("**Auto**. (A preference: it rules nothing out and weighs Control +2.)"),
            "{record}"
        );
        assert!(record.contains(
            "Also still possible, since a preference answer rules nothing out: B (`b`)."
        ));
        assert!(record.contains("   - Ruled out (1): X (`x`)\n"), "{record}");
        assert!(record.contains("| Control | 1 ●○○○○ | level 1 |"));
        assert!(record.contains("No sources are recorded for A."));
    }

    #[test]
    fn a_legacy_outcome_gets_a_note_first() {
        let t = tree();
        let record = decision_record(&t, &walked(&t), Date::constant(2026, 11, 30));
        let outcome = record.split("## Decision Outcome\n\n").nth(1).unwrap();
        assert!(
            outcome.starts_with("> **Note:** A is legacy since 2026-01-01.\n"),
            "{outcome}"
        );
    }

    #[test]
    fn weights_are_shown_and_a_better_option_ruled_out_is_named() {
        let t = tree();
        let weights = Weights::even(&t);
        let options = RecordOptions {
            weights: Some(&weights),
            format_version: Some(1),
        };
        let today = Date::constant(2026, 11, 30);
        let record = decision_record_with(&t, &walked(&t), today, &options);
        assert!(
            record.contains("- **Control** (higher is better; weight 1)"),
            "{record}"
        );
        assert!(record.contains("*Hosting* (format version 1)"));
        assert!(
            record.contains("X (`x`) would score higher on these weights (3.00 against 1.50), but *Where?* **Hosted** ruled it out."),
            "{record}"
        );
    }
}
