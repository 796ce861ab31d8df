//! The order of items within each rank: depth-first in the author's answer order first
//! (no crossings on a pure tree), then a bounded number of barycentre sweeps with
//! transposition, keeping the best order seen. A new order replaces the best only when
//! it has strictly fewer crossings, so the author's order stays unless changing it pays.

use super::ranks::Layered;

/// Items of each rank, left to right.
pub(super) type Order = Vec<Vec<usize>>;

/// How many sweeps (each down or up across every rank) to try at most. Graphviz `dot`
/// uses 24 iterations; past a few the gain is small and large graphs pay for each one.
fn sweep_budget(items: usize) -> usize {
    match items {
        0..=20_000 => 24,
        20_001..=100_000 => 12,
        _ => 6,
    }
}

pub(super) fn order(g: &Layered) -> Order {
    let mut order = initial(g);
    let mut pos = positions(g, &order);
    let mut best = order.clone();
    let mut best_crossings = total_crossings(g, &order, &pos);
    let budget = sweep_budget(g.items());
    let mut stale = 0;
    for sweep in 0..budget {
        if best_crossings == 0 {
            break;
        }
        let down = sweep % 2 == 0;
        let ranks: Vec<usize> = if down {
            (1..g.rank_count).collect()
        } else {
            (0..g.rank_count.saturating_sub(1)).rev().collect()
        };
        for r in ranks {
            barycentre(g, &mut order[r], &mut pos, down);
            transpose(g, &mut order[r], &mut pos);
        }
        let crossings = total_crossings(g, &order, &pos);
        if crossings < best_crossings {
            best_crossings = crossings;
            best.clone_from(&order);
            stale = 0;
        } else {
            stale += 1;
            // Four sweeps in a row without progress: the heuristic has settled.
            if stale >= 4 {
                break;
            }
        }
    }
    best
}

/// Position of every item within its rank.
pub(super) fn positions(g: &Layered, order: &Order) -> Vec<usize> {
    let mut pos = vec![0; g.items()];
    for rank in order {
        for (k, &i) in rank.iter().enumerate() {
            pos[i] = k;
        }
    }
    pos
}

/// Preorder of a depth-first search from the starts along downward segments in the
/// author's order; each item joins its rank when first reached.
fn initial(g: &Layered) -> Order {
    let mut order: Order = vec![Vec::new(); g.rank_count];
    let mut seen = vec![false; g.items()];
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let visit = |i: usize, order: &mut Order, seen: &mut Vec<bool>| {
        seen[i] = true;
        order[g.rank[i]].push(i);
    };
    for &s in &g.starts {
        if seen[s] {
            continue;
        }
        visit(s, &mut order, &mut seen);
        stack.push((s, 0));
        while let Some(top) = stack.last_mut() {
            let (u, k) = *top;
            let Some(&v) = g.down(u).get(k) else {
                stack.pop();
                continue;
            };
            top.1 += 1;
            if !seen[v] {
                visit(v, &mut order, &mut seen);
                stack.push((v, 0));
            }
        }
    }
    // Every item hangs below some start; this only guards against a broken invariant.
    for i in 0..g.items() {
        if !seen[i] {
            order[g.rank[i]].push(i);
        }
    }
    order
}

/// Sorts a rank by the mean position of each item's neighbours in the rank above (`down`)
/// or below; items with no such neighbours keep their slots.
fn barycentre(g: &Layered, rank: &mut [usize], pos: &mut [usize], down: bool) {
    let mut keyed: Vec<(f64, usize, usize)> = Vec::with_capacity(rank.len());
    let mut slots: Vec<usize> = Vec::with_capacity(rank.len());
    for (k, &i) in rank.iter().enumerate() {
        let nb = if down { g.up(i) } else { g.down(i) };
        if nb.is_empty() {
            continue;
        }
        let sum: usize = nb.iter().map(|&j| pos[j]).sum();
        keyed.push((sum as f64 / nb.len() as f64, k, i));
        slots.push(k);
    }
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    for (&slot, &(_, _, i)) in slots.iter().zip(&keyed) {
        rank[slot] = i;
        pos[i] = slot;
    }
}

/// Crossings among the segments of `a` and `b` (in that order) with the ranks above and
/// below.
fn pair_crossings(g: &Layered, a: usize, b: usize, pos: &[usize], buf: &mut Vec<usize>) -> u64 {
    count_pairs(g.up(a), g.up(b), pos, buf) + count_pairs(g.down(a), g.down(b), pos, buf)
}

/// Pairs (x in `left`, y in `right`) with `pos[x] > pos[y]`: the crossings between the
/// two fans when the owner of `left` is placed first.
fn count_pairs(left: &[usize], right: &[usize], pos: &[usize], buf: &mut Vec<usize>) -> u64 {
    if left.is_empty() || right.is_empty() {
        return 0;
    }
    if left.len() == 1 && right.len() == 1 {
        return u64::from(pos[left[0]] > pos[right[0]]);
    }
    buf.clear();
    buf.extend(right.iter().map(|&y| pos[y]));
    buf.sort_unstable();
    left.iter()
        .map(|&x| buf.partition_point(|&p| p < pos[x]) as u64)
        .sum()
}

/// Swaps neighbours while that lowers crossings, a few passes at most.
fn transpose(g: &Layered, rank: &mut [usize], pos: &mut [usize]) {
    let mut buf = Vec::new();
    for _ in 0..4 {
        let mut improved = false;
        for k in 1..rank.len() {
            let (a, b) = (rank[k - 1], rank[k]);
            let now = pair_crossings(g, a, b, pos, &mut buf);
            if now == 0 {
                continue;
            }
            if pair_crossings(g, b, a, pos, &mut buf) < now {
                rank.swap(k - 1, k);
                pos[a] = k;
                pos[b] = k - 1;
                improved = true;
            }
        }
        if !improved {
            break;
        }
    }
}

/// Crossings between every pair of consecutive ranks (Barth, Jünger and Mutzel's
/// accumulator-tree count, n log n per pair of ranks).
pub(super) fn total_crossings(g: &Layered, order: &Order, pos: &[usize]) -> u64 {
    let mut total = 0;
    let mut seq = Vec::new();
    let mut tree = Vec::new();
    for r in 0..order.len().saturating_sub(1) {
        seq.clear();
        for &i in &order[r] {
            let from = seq.len();
            seq.extend(g.down(i).iter().map(|&j| pos[j]));
            seq[from..].sort_unstable();
        }
        total += inversions(&seq, order[r + 1].len(), &mut tree);
    }
    total
}

/// Pairs i < j with `seq[i] > seq[j]`, for values below `size`, with a Fenwick tree.
fn inversions(seq: &[usize], size: usize, tree: &mut Vec<u32>) -> u64 {
    tree.clear();
    tree.resize(size + 1, 0);
    let mut count = 0u64;
    for (seen, &v) in seq.iter().enumerate() {
        // How many earlier values are <= v.
        let mut at_most = 0u64;
        let mut i = v + 1;
        while i > 0 {
            at_most += u64::from(tree[i]);
            i &= i - 1;
        }
        count += seen as u64 - at_most;
        let mut i = v + 1;
        while i <= size {
            tree[i] += 1;
            i += i & i.wrapping_neg();
        }
    }
    count
}
