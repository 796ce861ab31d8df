//! Seeded decision DAGs of any size, for layout benchmarks and performance tests: the same
//! seed always gives the same tree, and every tree passes validation without a problem.
//!
//! The shape is built in two passes over node indices, both linear:
//!
//! - **A spanning tree, breadth first.** Nodes are created in index order; each node, when
//!   its turn comes, becomes a question with 2-4 new children or an outcome. The last
//!   pending node is always made a question while nodes remain to be created, so the tree
//!   reaches exactly the requested size, and a question never leaves a single node
//!   behind (it takes 5 children instead), since a question needs two answers.
//! - **Sharing.** Nodes chosen in random order get a further answer from a question with
//!   a smaller index (mostly a nearby one, sometimes any earlier one, so some shared
//!   answers span many levels), until the requested fraction of nodes is reached by two
//!   or more answers; some get a third or fourth. A question keeps at most 5 answers.
//!
//! Every answer leads from a smaller index to a larger one, so the graph is acyclic, and
//! every node is reached from node 0 by its spanning-tree answer.

use super::rng::SplitMix64;
use super::tree::{Answer, Node, Tree};
use petgraph::stable_graph::NodeIndex;

/// Chance that a pending node becomes a question; with 2-4 children each this grows the
/// frontier by about 1.35 per node, so the tree does not die out early.
const QUESTION_CHANCE: f64 = 0.45;
const MAX_ANSWERS: usize = 5;
/// How far back (in node indices) a "nearby" sharing question may be, and how often the
/// sharing question is nearby: in breadth-first order that is a cousin a level up or on
/// the same level, as when sibling branches meet again, while the rest (any earlier
/// question) give the long answers across the drawing that real trees have a few of.
const NEARBY: usize = 64;
const NEARBY_CHANCE: f64 = 0.85;
/// Attempts at finding a question with room for one more answer before giving up on a node.
const ATTEMPTS: usize = 24;

/// A decision DAG of exactly `nodes` nodes (questions with 2-5 answers, outcomes), where
/// `shared_fraction` of the nodes (rounded; clamped to 0..=1) are reached by two or more
/// answers, with answer labels of 10-60 characters. Deterministic for a given seed.
///
/// Below three nodes there is no room for sharing: 0 gives an empty tree, 1 a lone
/// outcome, 2 a question whose two answers both lead to the one outcome.
pub fn decision_dag(nodes: usize, shared_fraction: f64, seed: u64) -> Tree {
    let mut rng = SplitMix64(seed);
    let shape = match nodes {
        0 => Shape::default(),
        1 => Shape {
            question: vec![false],
            answers: vec![Vec::new()],
        },
        2 => Shape {
            question: vec![true, false],
            answers: vec![vec![1, 1], Vec::new()],
        },
        n => {
            let mut shape = spanning_tree(n, &mut rng);
            share(&mut shape, shared_fraction, &mut rng);
            shape
        }
    };
    build(&shape, seed, &mut rng)
}

/// Which nodes are questions and, per question, the targets of its answers in order.
#[derive(Default)]
struct Shape {
    question: Vec<bool>,
    answers: Vec<Vec<u32>>,
}

fn spanning_tree(n: usize, rng: &mut SplitMix64) -> Shape {
    let mut question = vec![false; n];
    let mut answers = vec![Vec::new(); n];
    let mut created = 1;
    for i in 0..n {
        let remaining = n - created;
        if remaining < 2 {
            // Never 1 (see below), so every node has been created.
            break;
        }
        let pending = created - i - 1;
        if pending > 0 && !rng.chance(QUESTION_CHANCE) {
            continue;
        }
        question[i] = true;
        let mut children = rng.range(2, 4).min(remaining);
        if remaining - children == 1 {
            children += 1;
        }
        answers[i] = (created..created + children).map(|c| c as u32).collect();
        created += children;
    }
    Shape { question, answers }
}

fn share(shape: &mut Shape, shared_fraction: f64, rng: &mut SplitMix64) {
    let n = shape.question.len();
    let fraction = if shared_fraction.is_nan() {
        0.0
    } else {
        shared_fraction.clamp(0.0, 1.0)
    };
    let target = (fraction * n as f64).round() as usize;
    // Node 1's only earlier node is its parent, the root.
    let mut order: Vec<usize> = (2..n).collect();
    for k in (1..order.len()).rev() {
        order.swap(k, rng.below(k + 1));
    }
    let mut shared = 0;
    for j in order {
        if shared >= target {
            break;
        }
        if !add_parent(shape, j, rng) {
            continue;
        }
        shared += 1;
        while rng.chance(0.3) && add_parent(shape, j, rng) {}
    }
}

/// Gives node `j` one more answer from an earlier question with room; false if none was
/// found within the attempts.
fn add_parent(shape: &mut Shape, j: usize, rng: &mut SplitMix64) -> bool {
    for _ in 0..ATTEMPTS {
        let q = if rng.chance(NEARBY_CHANCE) {
            j - 1 - rng.below(j.min(NEARBY))
        } else {
            rng.below(j)
        };
        let answers = &shape.answers[q];
        if shape.question[q] && answers.len() < MAX_ANSWERS && !answers.contains(&(j as u32)) {
            let at = rng.below(answers.len() + 1);
            shape.answers[q].insert(at, j as u32);
            return true;
        }
    }
    false
}

fn build(shape: &Shape, seed: u64, rng: &mut SplitMix64) -> Tree {
    let n = shape.question.len();
    let words: &[&str] = &WORDS.split_whitespace().collect::<Vec<_>>();
    let mut tree = Tree::new(format!("Generated decision DAG ({n} nodes, seed {seed})"));
    tree.description = "Made by `model::generate::decision_dag` for benchmarks.".to_owned();
    for (i, &is_question) in shape.question.iter().enumerate() {
        let mut node = if is_question {
            let mut prompt = text(rng, words, 19, 139);
            prompt.push('?');
            Node::question(format!("q{i}"), prompt)
        } else {
            Node::outcome(format!("o{i}"), text(rng, words, 6, 60))
        };
        if rng.chance(0.4) {
            node.notes = text(rng, words, 20, 120) + ".";
        }
        tree.add_node(node);
    }
    for (i, targets) in shape.answers.iter().enumerate() {
        let mut labels: Vec<String> = Vec::with_capacity(targets.len());
        for (order, &to) in targets.iter().enumerate() {
            let label = unique_label(rng, words, &labels);
            let note = if rng.chance(0.2) {
                text(rng, words, 10, 60)
            } else {
                String::new()
            };
            tree.insert_answer(
                NodeIndex::new(i),
                NodeIndex::new(to as usize),
                Answer {
                    label: label.clone(),
                    note,
                    order: order as u32,
                    ..Answer::default()
                },
            );
            labels.push(label);
        }
    }
    tree
}

/// One question with `answers` answers ("Answer k"), each to its own outcome: the widest
/// shape a tree can take.
pub fn wide_question(answers: usize) -> Tree {
    let mut tree = Tree::new(format!("One question with {answers} answers"));
    let q = tree.add_node(Node::question("q", "Which one?"));
    for k in 0..answers {
        let o = tree.add_node(Node::outcome(format!("o{k}"), format!("Outcome {k}")));
        tree.insert_answer(q, o, answer(format!("Answer {k}"), k));
    }
    tree
}

/// A question with `n` answers over an `n`-deep chain of questions: answer `j` enters
/// the chain at `c{j}` (or, with `into_head`, every answer at `c0`); each chain question
/// offers "Stop here" (outcome `o{j}`) and "Go on" (the next, or the outcome `end`).
/// Deep and wide at once: what each answer can lead to overlaps, and the answers skip
/// from 1 to `n` levels.
pub fn fan_over_chain(n: usize, into_head: bool) -> Tree {
    let mut tree = Tree::new(format!("{n} answers over a {n}-deep chain"));
    let start = tree.add_node(Node::question("start", "Where to enter the chain?"));
    let chain: Vec<NodeIndex> = (0..n)
        .map(|j| tree.add_node(Node::question(format!("c{j}"), format!("Chain {j}"))))
        .collect();
    let end = tree.add_node(Node::outcome("end", "The end"));
    for (j, &c) in chain.iter().enumerate() {
        let stop = tree.add_node(Node::outcome(format!("o{j}"), format!("Outcome {j}")));
        tree.insert_answer(c, stop, answer("Stop here".to_owned(), 0));
        tree.insert_answer(
            c,
            chain.get(j + 1).copied().unwrap_or(end),
            answer("Go on".to_owned(), 1),
        );
        let entry = if into_head { chain[0] } else { c };
        tree.insert_answer(start, entry, answer(format!("Answer {j}"), j));
    }
    tree
}

fn answer(label: String, order: usize) -> Answer {
    Answer {
        label,
        note: String::new(),
        order: u32::try_from(order).unwrap_or(u32::MAX),
        ..Answer::default()
    }
}

/// An answer label of 10-60 characters that no sibling has (validation compares them
/// without case).
fn unique_label(rng: &mut SplitMix64, words: &[&str], siblings: &[String]) -> String {
    let taken = |l: &str| siblings.iter().any(|s| s.eq_ignore_ascii_case(l));
    for _ in 0..8 {
        let label = text(rng, words, 10, 60);
        if !taken(&label) {
            return label;
        }
    }
    // Sibling labels are at most 60 characters long and there are at most 4 of them, so
    // one of these is free.
    (1..)
        .map(|k| format!("Option {k} of this question"))
        .find(|l| !taken(l))
        .unwrap_or_default()
}

/// The vocabulary of generated text, split on whitespace.
const WORDS: &str = "\
    latency budget team managed service cluster region traffic storage queue schema \
    replica cache batch stream events compliance audit backup failover cost scale writes \
    reads tenant container function network edge memory disk index query join key \
    document graph search vendor license support on-call runbook deploy rollback canary \
    review security encryption identity access policy quota limit burst peak steady \
    global local hybrid legacy new existing open source cloud hosted serverless \
    kubernetes machines mobile web api internal public private shared dedicated small \
    large daily hourly monthly yes no mostly rarely always never some many few fast slow \
    strict loose the a of for with and or to in on at by per under over";

/// Words up to a length drawn from `min..=max` (ASCII), cut at a word boundary when
/// that keeps at least `min` characters, capitalised.
fn text(rng: &mut SplitMix64, words: &[&str], min: usize, max: usize) -> String {
    let target = rng.range(min, max);
    let mut s = String::with_capacity(target + 16);
    while s.len() <= target {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(words[rng.below(words.len())]);
    }
    let cut = match s[..=target].rfind(' ') {
        Some(space) if space >= min => space,
        // A hard cut; one more character when it would end on a space.
        _ if s.as_bytes()[target - 1] == b' ' => target + 1,
        _ => target,
    };
    s.truncate(cut);
    if let Some(first) = s.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    s
}
