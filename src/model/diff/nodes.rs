//! Node by node: what was added, removed or changed, matched by id; and the pairing of
//! a question's answers across the two trees, which following a walk uses too.

use std::collections::{BTreeMap, HashMap};

use crate::model::{
    AnswerRef, Lifecycle, Node, NodeIndex, NodeKind, Outcome, Question, Rating, Source, Tree,
};

use super::{Change, Level, LifecycleText, NodeChange, NodeRef, SourceText, TreeChange, loose};

/// How an old answer was found among the new question's answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Matched {
    /// The same label.
    Label,
    /// The same label but for case and spacing.
    Loose,
    /// Another label, the same target id: a reworded answer.
    Target,
}

/// A question's answers in the old and the new tree, paired.
pub(super) struct Pairing<'o, 'n> {
    /// In old answer order.
    pub pairs: Vec<(AnswerRef<'o>, AnswerRef<'n>, Matched)>,
    pub removed: Vec<AnswerRef<'o>>,
    pub added: Vec<AnswerRef<'n>>,
    /// Position of each paired new answer among the new question's answers, in `pairs`
    /// order.
    new_positions: Vec<usize>,
}

/// Pairs the answers of `oq` in `old` with those of `nq` in `new`: by label, then by
/// label ignoring case and spacing, then by target id. Each pass takes the first answer
/// still free, in answer order, so two answers with one label pair up in order. Linear
/// in the answers (a generated question can have tens of thousands).
pub(super) fn pair_answers<'o, 'n>(
    old: &'o Tree,
    oq: NodeIndex,
    new: &'n Tree,
    nq: NodeIndex,
) -> Pairing<'o, 'n> {
    let olds = old.answers(oq);
    let news = new.answers(nq);
    let mut old_match: Vec<Option<(usize, Matched)>> = vec![None; olds.len()];
    let mut taken = vec![false; news.len()];
    for how in [Matched::Label, Matched::Loose, Matched::Target] {
        let key = |tree: &Tree, a: &AnswerRef<'_>| match how {
            Matched::Label => Some(a.answer.label.clone()),
            Matched::Loose => Some(loose(&a.answer.label)),
            Matched::Target => tree.node(a.to).map(|n| n.id.clone()),
        };
        // Indices reversed, so `pop` gives the first free one.
        let mut free: HashMap<String, Vec<usize>> = HashMap::new();
        for (j, a) in news.iter().enumerate().rev() {
            if let Some(k) = key(new, a).filter(|_| !taken[j]) {
                free.entry(k).or_default().push(j);
            }
        }
        for (i, a) in olds.iter().enumerate() {
            if old_match[i].is_some() {
                continue;
            }
            let Some(list) = key(old, a).and_then(|k| free.get_mut(&k)) else {
                continue;
            };
            if let Some(j) = list.pop() {
                taken[j] = true;
                old_match[i] = Some((j, how));
            }
        }
    }
    let mut pairing = Pairing {
        pairs: Vec::new(),
        removed: Vec::new(),
        added: Vec::new(),
        new_positions: Vec::new(),
    };
    for (i, m) in old_match.into_iter().enumerate() {
        match m {
            Some((j, how)) => {
                pairing.pairs.push((olds[i], news[j], how));
                pairing.new_positions.push(j);
            }
            None => pairing.removed.push(olds[i]),
        }
    }
    pairing.added = (0..news.len())
        .filter(|&j| !taken[j])
        .map(|j| news[j])
        .collect();
    pairing
}

/// Added, removed and changed nodes. A node whose id a node before it already has (a
/// mistake validation reports) is left out: answers lead to the first.
pub(super) fn node_changes(
    old: &Tree,
    new: &Tree,
) -> (Vec<NodeRef>, Vec<NodeRef>, Vec<NodeChange>) {
    let firsts = |tree: &Tree| -> Vec<NodeIndex> {
        tree.reading_order()
            .into_iter()
            .filter(|&i| tree.node(i).is_some_and(|n| tree.find(&n.id) == Some(i)))
            .collect()
    };
    let real = |tree: &Tree, id: &str| {
        tree.find(id)
            .filter(|&i| tree.node(i).is_some_and(|n| !n.is_missing()))
    };
    let renames = dimension_renames(old, new);
    let through = super::walks::walks_through(new);
    let mut added = Vec::new();
    let mut changed = Vec::new();
    for ni in firsts(new) {
        let Some(node) = new.node(ni).filter(|n| !n.is_missing()) else {
            continue;
        };
        match real(old, &node.id) {
            None => added.push(NodeRef::of(node)),
            Some(oi) => {
                let changes = compare_nodes(old, oi, new, ni, &renames);
                if !changes.is_empty() {
                    changed.push(NodeChange {
                        node: NodeRef::of(node),
                        walks: through.get(ni.index()).copied().unwrap_or(0),
                        changes,
                    });
                }
            }
        }
    }
    let removed = firsts(old)
        .into_iter()
        .filter_map(|oi| old.node(oi))
        .filter(|n| !n.is_missing() && real(new, &n.id).is_none())
        .map(NodeRef::of)
        .collect();
    (added, removed, changed)
}

/// Everything that differs between a node of `old` and the node of `new` with its id.
fn compare_nodes(
    old: &Tree,
    oi: NodeIndex,
    new: &Tree,
    ni: NodeIndex,
    renames: &HashMap<String, String>,
) -> Vec<Change> {
    let (Some(o), Some(n)) = (old.node(oi), new.node(ni)) else {
        return Vec::new();
    };
    let mut changes = Vec::new();
    match (&o.kind, &n.kind) {
        (NodeKind::Question(a), NodeKind::Question(b)) => {
            compare_questions(a, b, &mut changes);
            compare_answers(&pair_answers(old, oi, new, ni), old, new, &mut changes);
        }
        (NodeKind::Outcome(a), NodeKind::Outcome(b)) => {
            compare_outcomes(a, b, renames, &mut changes);
        }
        _ => changes.push(Change::Kind {
            old: super::Kind::of(o),
            new: super::Kind::of(n),
        }),
    }
    if o.notes != n.notes {
        changes.push(Change::Notes {
            old: o.notes.clone(),
            new: n.notes.clone(),
        });
    }
    compare_sources(o, n, &mut changes);
    changes
}

fn compare_questions(a: &Question, b: &Question, changes: &mut Vec<Change>) {
    if a.prompt != b.prompt {
        changes.push(Change::Prompt {
            old: a.prompt.clone(),
            new: b.prompt.clone(),
        });
    }
    if a.help != b.help {
        changes.push(Change::Help {
            old: a.help.clone(),
            new: b.help.clone(),
        });
    }
    if a.dimension != b.dimension {
        changes.push(Change::Dimension {
            old: a.dimension.clone(),
            new: b.dimension.clone(),
        });
    }
    if a.role != b.role {
        let word = |r: crate::model::Role| match r {
            crate::model::Role::Constraint => "constraint".to_owned(),
            crate::model::Role::Preference => "preference".to_owned(),
        };
        changes.push(Change::Role {
            old: word(a.role),
            new: word(b.role),
        });
    }
}

fn compare_answers(pairing: &Pairing<'_, '_>, old: &Tree, new: &Tree, changes: &mut Vec<Change>) {
    let id = |tree: &Tree, i: NodeIndex| tree.node(i).map(|n| n.id.clone()).unwrap_or_default();
    for (a, b, _) in &pairing.pairs {
        let (old_to, new_to) = (id(old, a.to), id(new, b.to));
        if a.answer.label != b.answer.label {
            changes.push(Change::AnswerRelabelled {
                old: a.answer.label.clone(),
                new: b.answer.label.clone(),
                to: new_to.clone(),
            });
        }
        if old_to != new_to {
            changes.push(Change::AnswerRetargeted {
                label: b.answer.label.clone(),
                old: old_to,
                new: new_to,
            });
        }
        if a.answer.note != b.answer.note {
            changes.push(Change::AnswerNote {
                label: b.answer.label.clone(),
                old: a.answer.note.clone(),
                new: b.answer.note.clone(),
            });
        }
        if a.answer.weights != b.answer.weights {
            changes.push(Change::AnswerWeights {
                label: b.answer.label.clone(),
                old: a.answer.weights.clone(),
                new: b.answer.weights.clone(),
            });
        }
    }
    for a in &pairing.removed {
        changes.push(Change::AnswerRemoved {
            label: a.answer.label.clone(),
            to: id(old, a.to),
        });
    }
    for b in &pairing.added {
        changes.push(Change::AnswerAdded {
            label: b.answer.label.clone(),
            to: id(new, b.to),
        });
    }
    if pairing.new_positions.is_sorted() {
        return;
    }
    let mut by_new: Vec<(usize, String)> = pairing
        .new_positions
        .iter()
        .zip(&pairing.pairs)
        .map(|(&j, (_, b, _))| (j, b.answer.label.clone()))
        .collect();
    let old_order = by_new.iter().map(|(_, l)| l.clone()).collect();
    by_new.sort_by_key(|(j, _)| *j);
    changes.push(Change::AnswersReordered {
        old: old_order,
        new: by_new.into_iter().map(|(_, l)| l).collect(),
    });
}

fn compare_outcomes(
    a: &Outcome,
    b: &Outcome,
    renames: &HashMap<String, String>,
    changes: &mut Vec<Change>,
) {
    if a.title != b.title {
        changes.push(Change::Title {
            old: a.title.clone(),
            new: b.title.clone(),
        });
    }
    if a.summary != b.summary {
        changes.push(Change::Summary {
            old: a.summary.clone(),
            new: b.summary.clone(),
        });
    }
    // Ratings under a renamed dimension are compared with the new id's.
    let old_profile: BTreeMap<&str, &Rating> = a
        .profile
        .iter()
        .map(|(d, r)| (renames.get(d).map_or(d.as_str(), String::as_str), r))
        .collect();
    let mut dimensions: Vec<&str> = old_profile.keys().copied().collect();
    dimensions.extend(b.profile.keys().map(String::as_str));
    dimensions.sort_unstable();
    dimensions.dedup();
    let level = |r: Option<&Rating>| {
        r.map(|r| Level {
            level: r.level,
            note: r.note.clone(),
        })
    };
    for d in dimensions {
        let (was, is) = (old_profile.get(d).copied(), b.profile.get(d));
        if was != is {
            changes.push(Change::Rating {
                dimension: d.to_owned(),
                old: level(was),
                new: level(is),
            });
        }
    }
    if a.lifecycle != b.lifecycle {
        changes.push(Change::Lifecycle {
            old: lifecycle_text(&a.lifecycle),
            new: lifecycle_text(&b.lifecycle),
        });
    }
}

fn lifecycle_text(l: &Lifecycle) -> LifecycleText {
    LifecycleText {
        status: l.status.key().to_owned(),
        headline: l.headline(),
        since: l.since.clone(),
        replaced_by: l.replaced_by.clone(),
        note: l.note.clone(),
    }
}

fn source_text(s: &Source) -> SourceText {
    SourceText {
        title: s.title.clone(),
        url: s.url.clone(),
        checked: s.checked.clone(),
    }
}

/// Sources paired by address, then by title; what pairs and differs changed, the rest
/// was added or removed. Order alone is not a change.
fn compare_sources(o: &Node, n: &Node, changes: &mut Vec<Change>) {
    let mut old_match: Vec<Option<usize>> = vec![None; o.sources.len()];
    let mut taken = vec![false; n.sources.len()];
    let keys: [fn(&Source) -> &str; 2] = [|s| s.url.as_str(), |s| s.title.as_str()];
    for key in keys {
        for (i, s) in o.sources.iter().enumerate() {
            if old_match[i].is_some() || key(s).trim().is_empty() {
                continue;
            }
            let found = (0..n.sources.len()).find(|&j| !taken[j] && key(&n.sources[j]) == key(s));
            if let Some(j) = found {
                taken[j] = true;
                old_match[i] = Some(j);
            }
        }
    }
    for (i, m) in old_match.into_iter().enumerate() {
        let was = &o.sources[i];
        match m {
            Some(j) if n.sources[j] != *was => changes.push(Change::SourceChanged {
                old: source_text(was),
                new: source_text(&n.sources[j]),
            }),
            Some(_) => {}
            None => changes.push(Change::SourceRemoved {
                source: source_text(was),
            }),
        }
    }
    for (j, s) in n.sources.iter().enumerate() {
        if !taken[j] {
            changes.push(Change::SourceAdded {
                source: source_text(s),
            });
        }
    }
}

/// Old dimension id -> new id, for the dimensions whose id changed (matched by name).
fn dimension_renames(old: &Tree, new: &Tree) -> HashMap<String, String> {
    let has = |tree: &Tree, id: &str| tree.dimensions.iter().any(|d| d.id == id);
    let mut renames = HashMap::new();
    for d in old.dimensions.iter().filter(|d| !has(new, &d.id)) {
        let twin = new.dimensions.iter().find(|e| {
            e.name == d.name && !has(old, &e.id) && !renames.values().any(|v| *v == e.id)
        });
        if let Some(e) = twin {
            renames.insert(d.id.clone(), e.id.clone());
        }
    }
    renames
}

/// The tree's own fields: title, description, dimensions, review interval.
pub(super) fn tree_changes(old: &Tree, new: &Tree) -> Vec<TreeChange> {
    let mut changes = Vec::new();
    if old.title != new.title {
        changes.push(TreeChange::Title {
            old: old.title.clone(),
            new: new.title.clone(),
        });
    }
    if old.description != new.description {
        changes.push(TreeChange::Description {
            old: old.description.clone(),
            new: new.description.clone(),
        });
    }
    dimension_changes(old, new, &mut changes);
    if old.review_months != new.review_months {
        changes.push(TreeChange::ReviewMonths {
            old: old.review_months,
            new: new.review_months,
        });
    }
    changes
}

fn dimension_changes(old: &Tree, new: &Tree, changes: &mut Vec<TreeChange>) {
    let renames = dimension_renames(old, new);
    let new_id = |id: &str| renames.get(id).map_or(id, String::as_str).to_owned();
    // (position in new, id in new) of each old dimension that is still there, in old order.
    let mut kept: Vec<(usize, String)> = Vec::new();
    for d in &old.dimensions {
        let id = new_id(&d.id);
        let Some((j, e)) = new.dimensions.iter().enumerate().find(|(_, e)| e.id == id) else {
            changes.push(TreeChange::DimensionRemoved {
                id: d.id.clone(),
                name: d.name.clone(),
            });
            continue;
        };
        kept.push((j, id.clone()));
        if d.id != e.id || d.name != e.name {
            changes.push(TreeChange::DimensionRenamed {
                old_id: d.id.clone(),
                new_id: e.id.clone(),
                old_name: d.name.clone(),
                new_name: e.name.clone(),
            });
        }
        // Which end is better is part of what the scale says.
        if (&d.description, &d.low, &d.high, d.better)
            != (&e.description, &e.low, &e.high, e.better)
        {
            changes.push(TreeChange::DimensionDescribed { id: e.id.clone() });
        }
    }
    for e in &new.dimensions {
        if !kept.iter().any(|(_, id)| *id == e.id) {
            changes.push(TreeChange::DimensionAdded {
                id: e.id.clone(),
                name: e.name.clone(),
            });
        }
    }
    if !kept.is_sorted_by_key(|(j, _)| *j) {
        let old_order = kept.iter().map(|(_, id)| id.clone()).collect();
        kept.sort_by_key(|(j, _)| *j);
        changes.push(TreeChange::DimensionsReordered {
            old: old_order,
            new: kept.into_iter().map(|(_, id)| id).collect(),
        });
    }
}
