//! Loading and validating a tree file in process, beside serde_json parsing the same
//! bytes into a `Value` (the floor for any JSON format), on generated decision DAGs.
//! Runs interleaved, best and median of each reported, and the ratio of the medians.
//!
//! `cargo run --release --example load_timing -- [NODES...] [--runs N]`

use std::time::Instant;

use tradeoff::format;
use tradeoff::model::generate::decision_dag;

fn main() {
    let mut sizes: Vec<usize> = Vec::new();
    let mut runs = 7;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--runs" {
            runs = args.next().and_then(|r| r.parse().ok()).unwrap_or(runs);
        } else if let Ok(n) = a.parse() {
            sizes.push(n);
        }
    }
    if sizes.is_empty() {
        sizes = vec![10_000, 100_000];
    }
    println!(
        "| nodes | bytes | load + validate (ms, median / best) | serde_json Value (ms, median / best) | ratio |"
    );
    println!("|---|---|---|---|---|");
    for n in sizes {
        let text = format::to_json(&decision_dag(n, 0.2, 1));
        let mut ours = Vec::new();
        let mut peer = Vec::new();
        for _ in 0..runs {
            let t = Instant::now();
            let loaded = format::load_str(&text).expect("a generated tree is valid");
            ours.push(t.elapsed().as_secs_f64() * 1e3);
            drop(loaded);
            let t = Instant::now();
            let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
            peer.push(t.elapsed().as_secs_f64() * 1e3);
            drop(value);
        }
        let (om, ob) = median_best(&mut ours);
        let (pm, pb) = median_best(&mut peer);
        println!(
            "| {n} | {} | {om:.1} / {ob:.1} | {pm:.1} / {pb:.1} | {:.2}x |",
            text.len(),
            om / pm
        );
    }
}

fn median_best(v: &mut [f64]) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    (v[v.len() / 2], v[0])
}
