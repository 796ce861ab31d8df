//! `tradeoff diff OLD NEW`: what a change to a tree does to its advice, written for a
//! reviewer reading a pull request (or as JSON). The comparison itself is
//! `model::diff::AdviceDiff`; this module loads the files and words the report.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::model::Status;
use crate::model::diff::{
    AdviceDiff, Change, End, Kind, Level, LifecycleText, NodeChange, NodeRef, SourceText, Step,
    TreeChange, WalkGroup, Walks,
};

/// How many walks through the old tree are followed before sampling.
pub const DEFAULT_WALK_LIMIT: usize = 100_000;

/// Runs the command; returns the exit code: 0 when the trees hold the same advice and
/// the same nodes, 1 when anything differs, 2 when a file cannot be read or is not a
/// valid tree (as `diff(1)` does, so 1 cannot mean both "differs" and "invalid").
pub fn run(
    old: &Path,
    new: &Path,
    limit: usize,
    json: bool,
    out: &mut impl std::io::Write,
    err: &mut impl std::io::Write,
) -> u8 {
    let mut load = |path: &Path| match super::load(Some(path)) {
        Ok(loaded) => Some(loaded.tree),
        Err(e) => {
            super::print(err, &format!("{}: error: {e}\n", path.display()));
            None
        }
    };
    // Both are loaded, so a reviewer learns about both broken files at once.
    let (before, after) = (load(old), load(new));
    let (Some(before), Some(after)) = (before, after) else {
        return super::EXIT_UNREADABLE;
    };
    let diff = AdviceDiff::new(&before, &after, limit);
    if json {
        let report = Report {
            old: old.display().to_string(),
            new: new.display().to_string(),
            identical: diff.is_empty(),
            walks: &diff.walks,
            tree: &diff.tree,
            added: &diff.added,
            removed: &diff.removed,
            changed: &diff.changed,
        };
        let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
        text.push('\n');
        super::print_json(out, &text);
    } else {
        super::print(out, &render(&diff));
    }
    u8::from(!diff.is_empty())
}

/// What `diff --json` prints: the files compared, whether they hold the same content,
/// and the comparison.
#[derive(Serialize)]
struct Report<'a> {
    old: String,
    new: String,
    identical: bool,
    walks: &'a Walks,
    tree: &'a [TreeChange],
    added: &'a [NodeRef],
    removed: &'a [NodeRef],
    changed: &'a [NodeChange],
}

/// The text report: the headline, the walks that moved, those that now stop short,
/// then outcomes, questions, sources and the tree's own fields.
fn render(diff: &AdviceDiff) -> String {
    let mut s = headline(diff);
    let (reach, stop): (Vec<&WalkGroup>, Vec<&WalkGroup>) = diff
        .walks
        .groups
        .iter()
        .partition(|g| matches!(g.now, End::Outcome { .. }));
    if !reach.is_empty() {
        s.push('\n');
        for g in reach.iter().take(SHOWN) {
            let _ = writeln!(
                s,
                "{} used to reach {} and now {} {}",
                walks(g.count),
                node(&g.was.label, &g.was.id),
                if g.count == 1 { "reaches" } else { "reach" },
                end(&g.now)
            );
            example(&mut s, "    e.g. ", g);
        }
        more(
            &mut s,
            "",
            &reach[reach.len().min(SHOWN)..],
            "pairs of outcomes",
        );
    }
    stopped(&mut s, &stop);
    let by_kind = |kind: Kind| move |n: &&NodeRef| n.kind == kind;
    for (kind, title) in [(Kind::Outcome, "Outcomes"), (Kind::Question, "Questions")] {
        let added: Vec<&NodeRef> = diff.added.iter().filter(by_kind(kind)).collect();
        let removed: Vec<&NodeRef> = diff.removed.iter().filter(by_kind(kind)).collect();
        nodes(&mut s, &format!("{title} added"), &added);
        nodes(&mut s, &format!("{title} removed"), &removed);
        changed(&mut s, &format!("{title} changed"), diff, kind);
    }
    sources(&mut s, diff);
    tree(&mut s, &diff.tree);
    s
}

/// "Advice: 14 of 52 walks lead somewhere else", saying when the walks were sampled.
fn headline(diff: &AdviceDiff) -> String {
    let mut s = walks_headline(&diff.walks, diff.moved());
    for c in &diff.changed {
        let closed = c.changes.iter().any(|change| {
            matches!(change, Change::Lifecycle { old, new } if unavailable(new) && !unavailable(old))
        });
        if closed && c.walks > 0 {
            let verb = if c.walks == 1 { "ends" } else { "end" };
            let _ = writeln!(
                s,
                "{} now {verb} at {}, which new users can no longer take.",
                walks_wide(c.walks),
                node(&c.node.label, &c.node.id)
            );
        }
    }
    if diff.is_empty() {
        s.push_str("No other differences: every node, answer and source is the same.\n");
    }
    s
}

/// How many walks lead somewhere else, of how many; for a sample, why and how it was
/// taken.
fn walks_headline(w: &Walks, moved: u64) -> String {
    let total = if w.total_exact {
        number(w.total)
    } else {
        format!("more than {}", number(u128::MAX))
    };
    let (moved, followed) = (number(moved.into()), number(w.followed.into()));
    if w.total == 0 {
        "The old tree has no walk from its start to an outcome.\n".to_owned()
    } else if w.followed == 0 {
        format!(
            "No walk was followed (--limit 0): the old tree's {total} walks were not compared.\n"
        )
    } else if !w.sampled && w.unchanged == w.followed && w.total == 1 {
        "Advice unchanged: the old tree's one walk leads where it did.\n".to_owned()
    } else if !w.sampled && w.unchanged == w.followed {
        format!("Advice unchanged: all {total} walks lead where they did.\n")
    } else if !w.sampled {
        format!(
            "Advice: {moved} of {total} walks lead somewhere else.\n{}",
            breakdown(w)
        )
    } else {
        let why = if w.cut_short {
            "and their answers add up to too many to follow every one in time"
        } else {
            "too many to follow every one"
        };
        format!(
            "Advice: {moved} of {followed} sampled walks lead somewhere else.\n\
             The old tree has {total} walks, {why}: {followed} were chosen at random \
             (every walk equally likely, the same sample every run), and every count \
             below counts walks of the sample.\n{}",
            breakdown(w)
        )
    }
}

/// "Of these, 4 reach another outcome and 9 stop before one.", when some stop.
fn breakdown(w: &Walks) -> String {
    let (reach, stop) = w.groups.iter().fold((0, 0), |(r, s), g| match g.now {
        End::Outcome { .. } => (r + g.count, s),
        _ => (r, s + g.count),
    });
    if stop == 0 {
        return String::new();
    }
    format!(
        "Of these, {} another outcome and {} before one.\n",
        if reach == 1 {
            "1 reaches".to_owned()
        } else {
            format!("{} reach", number(reach.into()))
        },
        if stop == 1 {
            "1 stops".to_owned()
        } else {
            format!("{} stop", number(stop.into()))
        },
    )
}

/// The groups that now stop before an outcome, by where they stop, each with the
/// outcomes they used to reach.
fn stopped(s: &mut String, groups: &[&WalkGroup]) {
    let mut ends: Vec<(&End, Vec<&WalkGroup>)> = Vec::new();
    let mut at: HashMap<&End, usize> = HashMap::new();
    for g in groups {
        let i = *at.entry(&g.now).or_insert_with(|| {
            ends.push((&g.now, Vec::new()));
            ends.len() - 1
        });
        ends[i].1.push(g);
    }
    let count = |list: &[&WalkGroup]| list.iter().map(|g| g.count).sum::<u64>();
    // Stable, so equal counts keep the order the walks were met in.
    ends.sort_by_key(|(_, list)| std::cmp::Reverse(count(list)));
    if ends.is_empty() {
        return;
    }
    s.push_str("\nWalks that now stop before an outcome:\n");
    let hidden: Vec<&WalkGroup> = ends
        .iter()
        .skip(SHOWN)
        .flat_map(|(_, l)| l.clone())
        .collect();
    for (now, list) in ends.into_iter().take(SHOWN) {
        let n = count(&list);
        let verb = if n == 1 { "stops" } else { "stop" };
        if let [g] = &list[..] {
            let was = node(&g.was.label, &g.was.id);
            let _ = writeln!(
                s,
                "{} used to reach {was} and now {verb} {}",
                walks(n),
                end(now)
            );
            example(s, "    e.g. ", g);
            continue;
        }
        let _ = writeln!(s, "{} now {verb} {}:", walks(n), end(now));
        for g in list.iter().take(SHOWN_PER_END) {
            let _ = writeln!(
                s,
                "    {} used to reach {}",
                number(g.count.into()),
                node(&g.was.label, &g.was.id)
            );
            example(s, "        e.g. ", g);
        }
        more(
            s,
            "    ",
            &list[list.len().min(SHOWN_PER_END)..],
            "outcomes they used to reach",
        );
    }
    more(s, "", &hidden, "places where walks stop");
}

/// How many groups of walks the text shows in each list; `--json` has them all.
const SHOWN: usize = 40;
/// How many outcomes the text lists under one place where walks stop.
const SHOWN_PER_END: usize = 10;

/// "... and 12 more pairs of outcomes (340 walks); --json lists every one".
fn more(s: &mut String, indent: &str, hidden: &[&WalkGroup], what: &str) {
    if hidden.is_empty() {
        return;
    }
    let n: u64 = hidden.iter().map(|g| g.count).sum();
    let _ = writeln!(
        s,
        "{indent}... and {} more {what} ({}); --json lists every one",
        number(hidden.len() as u128),
        walks(n)
    );
}

/// Where walks end now, after "now reach" or "now stop".
fn end(now: &End) -> String {
    match now {
        End::Outcome { id, title } => node(title, id),
        End::Asks {
            id,
            prompt,
            new: true,
        } => format!("at {}, a new question", node(prompt, id)),
        End::Asks { id, prompt, .. } => {
            format!("at {}, a question they never answered", node(prompt, id))
        }
        End::AnswerGone { id, prompt, answer } => {
            format!("at {}: answer \"{answer}\" is gone", node(prompt, id))
        }
        End::Missing { id } => format!("at an answer leading to \"{id}\", which is no node"),
        End::Loops { id, prompt } => format!("in a loop back to {}", node(prompt, id)),
        End::NoStart => "at once: the new tree has no start question".to_owned(),
    }
}

/// The group's shortest walk on a line of its own, after `lead`, as
/// `q-id: "answer" > q-id: "answer"`. A walk with no answers (the start is the outcome)
/// says so.
fn example(s: &mut String, lead: &str, g: &WalkGroup) {
    let Some(walk) = g.examples.first() else {
        return;
    };
    let text = if walk.is_empty() {
        "(no answers: the old tree starts at this outcome)".to_owned()
    } else {
        walk_text(walk)
    };
    let _ = writeln!(s, "{lead}{text}");
}

/// Walks longer than this are shortened in the text to their first answer, the answers
/// around where the new tree turns them, and their last; the JSON has them whole.
const EXAMPLE_STEPS: usize = 8;

fn walk_text(walk: &[Step]) -> String {
    let last = walk.len().saturating_sub(1);
    let turn = walk.iter().position(|s| s.turns).unwrap_or(last);
    let kept = |i: usize| {
        walk.len() <= EXAMPLE_STEPS
            || i == 0
            || i == last
            || (turn.saturating_sub(1)..=turn + 2).contains(&i)
    };
    let mut parts: Vec<String> = Vec::new();
    let mut skipped = 0;
    for (i, s) in walk.iter().enumerate() {
        if !kept(i) {
            skipped += 1;
            continue;
        }
        if skipped > 0 {
            parts.push(format!("({skipped} more)"));
            skipped = 0;
        }
        parts.push(step(s));
    }
    parts.join(" > ")
}

fn step(step: &Step) -> String {
    let mut text = format!("{}: \"{}\"", step.question, step.answer);
    if let Some(now) = &step.reworded {
        let _ = write!(text, " (now \"{now}\")");
    }
    if step.asked == Some(false) {
        text.push_str(" (no longer asked)");
    }
    text
}

/// A list of added or removed nodes under a heading.
fn nodes(s: &mut String, heading: &str, list: &[&NodeRef]) {
    if list.is_empty() {
        return;
    }
    let _ = writeln!(s, "\n{heading} ({}):", list.len());
    for n in list {
        let _ = writeln!(s, "  {}  \"{}\"", n.id, n.label);
    }
}

/// The changed nodes of one kind, each with its changes but those to sources.
fn changed(s: &mut String, heading: &str, diff: &AdviceDiff, kind: Kind) {
    let list: Vec<(&NodeChange, Vec<String>)> = diff
        .changed
        .iter()
        .filter(|c| c.node.kind == kind)
        .map(|c| (c, change_lines(&c.changes)))
        .filter(|(_, lines)| !lines.is_empty())
        .collect();
    if list.is_empty() {
        return;
    }
    let _ = writeln!(s, "\n{heading} ({}):", list.len());
    for (c, lines) in list {
        let on = match (c.walks, kind) {
            (0, _) => String::new(),
            (n, Kind::Outcome) => format!(
                "  ({} of the new tree end{} here)",
                walks_wide(n),
                if n == 1 { "s" } else { "" }
            ),
            (n, _) => format!("  (on {} of the new tree)", walks_wide(n)),
        };
        let _ = writeln!(s, "  {}  \"{}\"{on}", c.node.id, c.node.label);
        for line in lines {
            let _ = writeln!(s, "      {line}");
        }
    }
}

/// A line for each change but those to sources; a changed answer note joins the line of
/// its answer's other change, if it has one.
fn change_lines(changes: &[Change]) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut previous: Option<&Change> = None;
    for change in changes {
        let same_answer = match (previous, change) {
            (Some(Change::AnswerRelabelled { new, .. }), Change::AnswerNote { label, .. }) => {
                new == label
            }
            (Some(Change::AnswerRetargeted { label: a, .. }), Change::AnswerNote { label, .. }) => {
                a == label
            }
            _ => false,
        };
        previous = Some(change);
        match lines.last_mut() {
            Some(line) if same_answer => line.push_str("; its note changed"),
            _ => lines.extend(describe(change)),
        }
    }
    lines
}

/// One line for a change; `None` for changes to sources, which have their own section.
fn describe(change: &Change) -> Option<String> {
    Some(match change {
        Change::Kind { old, new } => format!("now {} (was {})", kind(*new), kind(*old)),
        Change::Prompt { old, new } => format!("prompt: \"{old}\" -> \"{new}\""),
        Change::Title { old, new } => format!("title: \"{old}\" -> \"{new}\""),
        Change::Help { .. } => "help reworded".to_owned(),
        Change::Summary { .. } => "summary reworded".to_owned(),
        Change::Notes { .. } => "notes changed".to_owned(),
        Change::Dimension { old, new } => {
            let name = |d: &Option<String>| d.clone().unwrap_or_else(|| "none".to_owned());
            format!("dimension: {} -> {}", name(old), name(new))
        }
        Change::Rating {
            dimension,
            old,
            new,
        } => {
            let level = |l: &Option<Level>| {
                l.as_ref()
                    .map_or("unrated".to_owned(), |l| l.level.to_string())
            };
            let (was, is) = (level(old), level(new));
            if was == is {
                format!("rating on {dimension}: note changed")
            } else {
                format!("rating on {dimension}: {was} -> {is}")
            }
        }
        Change::Lifecycle { old, new } => lifecycle(old, new),
        Change::Role { old, new } => format!("role: {old} -> {new}"),
        _ => return describe_answer(change),
    })
}

fn describe_answer(change: &Change) -> Option<String> {
    Some(match change {
        Change::AnswerAdded { label, to } => format!("answer \"{label}\" added (leads to {to})"),
        Change::AnswerRemoved { label, to } => {
            format!("answer \"{label}\" removed (led to {to})")
        }
        Change::AnswerRelabelled { old, new, to } => {
            format!("answer \"{old}\" reworded as \"{new}\" (leads to {to})")
        }
        Change::AnswerRetargeted { label, old, new } => {
            format!("answer \"{label}\" now leads to {new} (was {old})")
        }
        Change::AnswerNote { label, .. } => format!("answer \"{label}\": note changed"),
        Change::AnswerWeights { label, old, new } => {
            let list = |w: &std::collections::BTreeMap<String, i8>| {
                if w.is_empty() {
                    return "none".to_owned();
                }
                w.iter()
                    .map(|(d, c)| format!("{d} {c:+}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            format!(
                "answer \"{label}\": weights {} (were {})",
                list(new),
                list(old)
            )
        }
        Change::AnswersReordered { old, new } => {
            let list = |l: &[String]| {
                l.iter()
                    .map(|a| format!("\"{a}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            format!("answers reordered: {} (was {})", list(new), list(old))
        }
        _ => return None,
    })
}

fn lifecycle(old: &LifecycleText, new: &LifecycleText) -> String {
    let text = |l: &LifecycleText| {
        let mut t = l.headline.clone();
        if !l.replaced_by.is_empty() {
            let _ = write!(t, ", replaced by {}", l.replaced_by);
        }
        t
    };
    let (was, is) = (text(old), text(new));
    if was == is {
        return "lifecycle note changed".to_owned();
    }
    let mut line = format!("lifecycle: {was} -> {is}");
    if unavailable(new) && !unavailable(old) {
        line.push_str(" (new users can no longer take it)");
    }
    line
}

/// Whether a new user cannot take an outcome with this lifecycle.
fn unavailable(l: &LifecycleText) -> bool {
    Status::from_key(&l.status).is_some_and(Status::is_unavailable)
}

fn kind(k: Kind) -> &'static str {
    match k {
        Kind::Question => "a question",
        Kind::Outcome => "an outcome",
        Kind::Missing => "missing",
    }
}

/// The line a source section prints for a change, if the change belongs to it.
type Line = fn(&Change) -> Option<String>;

/// Sources added, removed and changed, on the nodes both trees have.
fn sources(s: &mut String, diff: &AdviceDiff) {
    let of = |wanted: Line| -> Vec<String> {
        diff.changed
            .iter()
            .flat_map(|c| {
                c.changes
                    .iter()
                    .filter_map(wanted)
                    .map(move |line| format!("  {}  {line}", c.node.id))
            })
            .collect()
    };
    let sections: [(&str, Line); 3] = [
        ("Sources added", |c| match c {
            Change::SourceAdded { source } => Some(source_line(source)),
            _ => None,
        }),
        ("Sources removed", |c| match c {
            Change::SourceRemoved { source } => Some(source_line(source)),
            _ => None,
        }),
        ("Sources changed", |c| match c {
            Change::SourceChanged { old, new } if !is_recheck(old, new) => {
                Some(source_change(old, new))
            }
            _ => None,
        }),
    ];
    for (heading, wanted) in sections {
        let lines = of(wanted);
        let rechecks = if heading == "Sources changed" {
            rechecked(diff)
        } else {
            Vec::new()
        };
        let count = lines.len() + rechecks.iter().map(|(_, n, _)| n).sum::<usize>();
        if count == 0 {
            continue;
        }
        let _ = writeln!(s, "\n{heading} ({count}):");
        for line in lines {
            let _ = writeln!(s, "{line}");
        }
        for ((was, is), n, nodes) in rechecks {
            let what = if n == 1 { "source" } else { "sources" };
            let _ = writeln!(
                s,
                "  checked again {was} -> {is}: {n} {what}, on {}",
                nodes.join(", ")
            );
        }
    }
}

/// True when a source only got a later checked date: it was read again and still says
/// the same. Many of these come at once, and a reviewer reads them as one line.
fn is_recheck(old: &SourceText, new: &SourceText) -> bool {
    old.title == new.title
        && old.url == new.url
        && !old.checked.is_empty()
        && new.checked > old.checked
}

/// The sources checked again, by (old date, new date): how many, and on which nodes.
fn rechecked(diff: &AdviceDiff) -> Vec<((&str, &str), usize, Vec<&str>)> {
    let mut found: Vec<((&str, &str), usize, Vec<&str>)> = Vec::new();
    for c in &diff.changed {
        for change in &c.changes {
            let Change::SourceChanged { old, new } = change else {
                continue;
            };
            if !is_recheck(old, new) {
                continue;
            }
            let dates = (old.checked.as_str(), new.checked.as_str());
            let i = found
                .iter()
                .position(|(d, _, _)| *d == dates)
                .unwrap_or_else(|| {
                    found.push((dates, 0, Vec::new()));
                    found.len() - 1
                });
            let (_, n, nodes) = &mut found[i];
            *n += 1;
            if nodes.last() != Some(&c.node.id.as_str()) {
                nodes.push(&c.node.id);
            }
        }
    }
    found
}

fn source_line(src: &SourceText) -> String {
    let mut line = format!("\"{}\" {}", src.title, src.url);
    if !src.checked.is_empty() {
        let _ = write!(line, " (checked {})", src.checked);
    }
    line
}

fn source_change(old: &SourceText, new: &SourceText) -> String {
    let mut parts = Vec::new();
    if old.title != new.title {
        parts.push(format!("title \"{}\" -> \"{}\"", old.title, new.title));
    }
    if old.url != new.url {
        parts.push(format!("address {} -> {}", old.url, new.url));
    }
    if old.checked != new.checked {
        let date = |d: &str| {
            if d.is_empty() {
                "never".to_owned()
            } else {
                d.to_owned()
            }
        };
        parts.push(format!(
            "checked {} -> {}",
            date(&old.checked),
            date(&new.checked)
        ));
    }
    format!("\"{}\": {}", new.title, parts.join("; "))
}

/// The tree's own fields.
fn tree(s: &mut String, changes: &[TreeChange]) {
    if changes.is_empty() {
        return;
    }
    s.push_str("\nTree:\n");
    let months = |m: &Option<u32>| match m {
        Some(1) => "1 month".to_owned(),
        Some(m) => format!("{m} months"),
        None => format!(
            "unset, so the default of {} months",
            crate::model::freshness::DEFAULT_REVIEW_MONTHS
        ),
    };
    for change in changes {
        let line = match change {
            TreeChange::Title { old, new } => format!("title: \"{old}\" -> \"{new}\""),
            TreeChange::Description { .. } => "description changed".to_owned(),
            TreeChange::DimensionAdded { id, name } => {
                format!("dimension added: {id} (\"{name}\")")
            }
            TreeChange::DimensionRemoved { id, name } => {
                format!("dimension removed: {id} (\"{name}\")")
            }
            TreeChange::DimensionRenamed {
                old_id,
                new_id,
                old_name,
                new_name,
            } => {
                format!("dimension renamed: {old_id} (\"{old_name}\") -> {new_id} (\"{new_name}\")")
            }
            TreeChange::DimensionDescribed { id } => {
                format!("dimension {id}: description or scale reworded")
            }
            TreeChange::DimensionsReordered { old, new } => {
                format!(
                    "dimensions reordered: {} (was {})",
                    new.join(", "),
                    old.join(", ")
                )
            }
            TreeChange::ReviewMonths { old: was, new: is } => format!(
                "sources are due for review after {} (was {})",
                months(is),
                months(was)
            ),
        };
        let _ = writeln!(s, "  {line}");
    }
}

/// `"Title" (id)`.
fn node(label: &str, id: &str) -> String {
    format!("\"{label}\" ({id})")
}

/// "1 walk", "12 walks", "1,024 walks".
fn walks(n: u64) -> String {
    walks_wide(n.into())
}

fn walks_wide(n: u128) -> String {
    let n_text = if n == u128::MAX {
        format!("more than {}", number(n))
    } else {
        number(n)
    };
    format!("{n_text} walk{}", if n == 1 { "" } else { "s" })
}

/// A count with thousands separated: 1,099,511,627,776.
fn number(n: u128) -> String {
    let digits = n.to_string();
    let mut s = String::with_capacity(digits.len() * 4 / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            s.push(',');
        }
        s.push(c);
    }
    s
}
