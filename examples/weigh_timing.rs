//! What one update of the trade-offs costs on generated decision DAGs
//! (`decision_dag(N, shared, 1)`, the trees of the graph benchmarks), given four
//! dimensions (one neutral, one lower-is-better, two higher-is-better), a seeded
//! profile on every outcome, and one question in five made a preference:
//!
//! - **standing**: every node marked (candidate, or the answer that ruled it out), the
//!   candidates ranked with why, and the ruled-out outcomes that would rank higher;
//! - **rows**: the ruled-out outcomes ranked too, as the Compare table lists them;
//! - **changes**: "what would change it", every other answer tried and every dimension's
//!   nearest weight on the slider's grid, at an outcome;
//! - **paths**: every answer path from the start to an outcome, counted exactly, the
//!   first 50 listed (the outcome with the most paths among the last hundred).
//!
//! Each at three points of a walk: the start, halfway down, and at an outcome. Prints
//! the median of `--runs` runs (default 21) in milliseconds, as a Markdown table.
//!
//! `cargo run --release --example weigh_timing -- [NODES...] [--shared F] [--runs N]`

use std::time::Instant;

use tradeoff::model::generate::decision_dag;
use tradeoff::model::paths::paths_to;
use tradeoff::model::rank::{self, Better, Role, WeightGrid, Weights};
use tradeoff::model::weigh::{standing, what_would_change};
use tradeoff::model::{Dimension, NodeIndex, NodeKind, Rating, Tree, Walk};

const GRID: WeightGrid = WeightGrid {
    min: 0.0,
    max: 5.0,
    step: 0.5,
};

/// The four dimensions, profiles and preference questions described above.
fn weighable(mut tree: Tree) -> Tree {
    let dims = [
        ("control", Better::Neutral),
        ("expertise", Better::Lower),
        ("networking", Better::Higher),
        ("persistence", Better::Higher),
    ];
    tree.dimensions = dims
        .iter()
        .map(|&(id, better)| Dimension {
            id: id.into(),
            name: id.into(),
            better,
            ..Dimension::default()
        })
        .collect();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        // SplitMix64, so the profiles are the same on every run.
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let indices: Vec<NodeIndex> = tree.nodes().map(|(i, _)| i).collect();
    let mut preferences = Vec::new();
    for i in indices {
        let node = tree.node_mut(i).expect("listed");
        match &mut node.kind {
            NodeKind::Outcome(o) => {
                for &(id, _) in &dims {
                    let level = (next() % 5 + 1) as u8;
                    let note = String::new();
                    o.profile.insert(id.into(), Rating { level, note });
                }
            }
            NodeKind::Question(q) if next() % 5 == 0 => {
                q.role = Role::Preference;
                preferences.push(i);
            }
            _ => {}
        }
    }
    for q in preferences {
        let edges: Vec<_> = tree.answers(q).iter().map(|a| a.edge).collect();
        for (k, e) in edges.into_iter().enumerate() {
            let dim = dims[k % dims.len()].0;
            if let Some(a) = tree.answer_mut(e) {
                a.weights.insert(dim.into(), 2);
            }
        }
    }
    tree
}

/// The walks timed: none, halfway to an outcome, and at that outcome (always the
/// answer whose target has the most outcomes below it, so the walk goes deep).
fn walks(tree: &Tree) -> [(&'static str, Walk); 3] {
    let mut full = Walk::new();
    while !full.finished(tree) {
        let Some(at) = full.current(tree) else { break };
        let best = tree
            .answers(at)
            .into_iter()
            .max_by_key(|a| tree.outcomes_from(a.to).len())
            .map(|a| a.edge);
        match best {
            Some(e) if full.choose(tree, e).is_ok() => {}
            _ => break,
        }
    }
    let mut half = full.clone();
    for _ in 0..full.steps().len() / 2 {
        half.back();
    }
    [("start", Walk::new()), ("halfway", half), ("outcome", full)]
}

fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let mut sizes = Vec::new();
    let mut runs = 21;
    let mut shared = 0.2;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().and_then(|v| v.parse().ok()).expect("--runs N"),
            "--shared" => {
                shared = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--shared F")
            }
            n => sizes.push(n.parse::<usize>().expect("a node count")),
        }
    }
    if sizes.is_empty() {
        sizes.push(10_000);
    }
    println!(
        "| Nodes | Shared | Walk | Steps | Candidates | Ruled out | standing | rows | changes | paths (count) | update |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for n in sizes {
        let tree = weighable(decision_dag(n, shared, 1));
        let root = tree.root().expect("a start");
        let weights = Weights::even(&tree);
        // The outcome with the most paths from the start, among the last hundred made.
        let outcomes: Vec<NodeIndex> = tree
            .nodes()
            .filter(|(_, node)| node.is_outcome())
            .map(|(i, _)| i)
            .collect();
        let target = outcomes[outcomes.len().saturating_sub(100)..]
            .iter()
            .copied()
            .max_by_key(|&o| paths_to(&tree, root, o, 0).total)
            .expect("outcomes");
        let count = paths_to(&tree, root, target, 0).total;
        for (name, walk) in walks(&tree) {
            let s = standing(&tree, &walk, &weights);
            let t_standing = median_ms(runs, || {
                std::hint::black_box(standing(&tree, &walk, &weights));
            });
            let ruled: Vec<NodeIndex> = s.ruled.keys().copied().collect();
            let t_rows = median_ms(runs, || {
                std::hint::black_box(rank::rank(&tree, &ruled, &s.weights));
            });
            let at_outcome = walk.finished(&tree);
            let t_changes = if at_outcome {
                median_ms(runs, || {
                    std::hint::black_box(what_would_change(&tree, &walk, &weights, &s, GRID));
                })
            } else {
                0.0
            };
            let t_paths = median_ms(runs, || {
                std::hint::black_box(paths_to(&tree, root, target, 50));
            });
            let changes = if at_outcome {
                format!("{t_changes:.2}")
            } else {
                "—".to_owned()
            };
            println!(
                "| {n} | {shared} | {name} | {} | {} | {} | {t_standing:.2} | {t_rows:.2} | {changes} | {t_paths:.2} ({count}) | {:.2} |",
                walk.steps().len(),
                s.ranking.len(),
                s.ruled.len(),
                t_standing + t_rows + t_changes
            );
        }
    }
}
