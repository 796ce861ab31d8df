//! Times the tidy layout and the layered layout on 100,000-node shapes (best of 5 runs
//! each, both orientations). Run with `cargo run --release --example layout_timing` (set
//! N for another size).

use std::time::Instant;
use tradeoff::layout::layered;
use tradeoff::layout::{Input, Orientation, Spacing, layout};

fn sizes(n: usize) -> Vec<layered::Size> {
    let mut s = 12345u64;
    (0..n)
        .map(|_| {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            layered::Size::new(
                10.0 + (s >> 40) as f32 % 190.0,
                10.0 + (s >> 20) as f32 % 90.0,
            )
        })
        .collect()
}

fn time(name: &str, children: Vec<Vec<usize>>) {
    let n = children.len();
    let sz = sizes(n);
    for o in [Orientation::TopDown, Orientation::LeftRight] {
        let mut best = f64::MAX;
        for _ in 0..5 {
            let t = Instant::now();
            let l = layout(
                Input {
                    sizes: &sz,
                    children: &children,
                    roots: &[0],
                },
                o,
                Spacing::default(),
            );
            best = best.min(t.elapsed().as_secs_f64());
            assert!(l.centers.iter().all(Option::is_some));
        }
        println!(
            "{name:<28} n={n:>7} {o:?}: tidy best of 5 = {:.2} ms",
            best * 1e3
        );
        let layered_sizes = sz.clone();
        let edges: Vec<layered::Edge> = children
            .iter()
            .enumerate()
            .flat_map(|(u, c)| {
                c.iter().map(move |&v| layered::Edge {
                    from: u,
                    to: v,
                    label: layered::Size::new(80.0, 16.0),
                })
            })
            .collect();
        let mut best = f64::MAX;
        for _ in 0..5 {
            let t = Instant::now();
            let l = layered::layout(
                layered::Input {
                    sizes: &layered_sizes,
                    edges: &edges,
                    roots: &[0],
                },
                o,
                layered::Spacing::default(),
            );
            best = best.min(t.elapsed().as_secs_f64());
            assert!(l.centers.iter().all(Option::is_some));
        }
        println!(
            "{name:<28} n={n:>7} {o:?}: layered best of 5 = {:.2} ms",
            best * 1e3
        );
    }
}

fn main() {
    let n: usize = std::env::var("N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    time(
        "chain",
        (0..n)
            .map(|v| if v + 1 < n { vec![v + 1] } else { vec![] })
            .collect(),
    );
    time(
        "complete ternary",
        (0..n)
            .map(|v| (3 * v + 1..(3 * v + 4).min(n)).collect())
            .collect(),
    );
    let mut cat = vec![Vec::new(); n + 1];
    let (mut spine, mut next) = (0, 1);
    while next + 1 < n + 1 {
        cat[spine] = vec![next, next + 1];
        spine = next + 1;
        next += 2;
    }
    time("caterpillar", cat);
    let mut star = vec![Vec::new(); n];
    star[0] = (1..n).collect();
    time("star", star);
    // Reversed caterpillar (leaf on the right) and a binary "comb" of deep chains.
    let mut rcat = vec![Vec::new(); n + 1];
    let (mut spine, mut next) = (0, 1);
    while next + 1 < n + 1 {
        rcat[spine] = vec![next + 1, next];
        spine = next + 1;
        next += 2;
    }
    time("caterpillar (mirrored)", rcat);
    // Root with 300 chains of length ~333.
    let len = (n - 1) / 300;
    let n = 1 + 300 * len;
    let mut comb = vec![Vec::new(); n];
    let len = (n - 1) / 300;
    for c in 0..300 {
        let start = 1 + c * len;
        comb[0].push(start);
        for k in 0..len - 1 {
            comb[start + k].push(start + k + 1);
        }
    }
    time("300 chains of 333", comb);
    // A decision DAG: 2-5 answers per question, a quarter of them to an existing node
    // further down (shared decisions and outcomes).
    let mut rng = 0x5eed_u64;
    let mut below = |k: usize| {
        rng = rng
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((rng >> 33) % k as u64) as usize
    };
    let mut dag = vec![Vec::new(); n];
    let (mut v, mut next) = (0, 1);
    while v < n && next < n {
        for _ in 0..2 + below(4) {
            if next > v + 1 && below(100) < 25 {
                let to = v + 1 + below((next - v - 1).min(400));
                dag[v].push(to);
            } else if next < n {
                dag[v].push(next);
                next += 1;
            }
        }
        v += 1;
    }
    time("decision DAG, 25% shared", dag);
}
