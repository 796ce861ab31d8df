//! The order of items within each rank: depth-first in the author's answer order first
//! (no crossings on a pure tree), then a bounded number of weighted-median sweeps with
//! transposition, keeping the best order seen, as in Graphviz `dot`. A new order replaces
//! the best only when it has strictly fewer crossings, so the author's order stays unless
//! changing it pays. Small graphs can afford more: a few restarts from shuffled
//! depth-first orders (seeded, so the result is the same every time).

use super::ranks::Layered;
use crate::model::rng::SplitMix64;

/// Items of each rank, left to right.
pub(super) type Order = Vec<Vec<usize>>;

/// How many sweeps (each down or up across every rank) to try at most per start: `dot`'s
/// 24 on small graphs, then fewer as the graph grows so the total work stays bounded. On
/// the generated 10,000-node DAGs, sweeps after the first downward one did not lower the
/// best count, while each cost as much as the rest of the layout.
fn sweep_budget(items: usize) -> usize {
    (60_000 / items.max(1)).clamp(1, 24)
}

/// Transposition passes per rank and sweep, fewer on large graphs for the same reason.
fn transpose_passes(items: usize) -> usize {
    if items <= 20_000 { 4 } else { 1 }
}

/// Extra starts from shuffled orders: many for tiny graphs, none past a few thousand
/// items, so the total stays within a few times the cost of one start.
fn restarts(items: usize) -> u64 {
    (20_000 / items.max(1)).min(16) as u64
}

/// Sweeps without progress after which a start has settled.
const PATIENCE: usize = 4;

pub(super) fn order(g: &Layered) -> Order {
    let mut search = Search::new(g);
    let mut best = initial(g, None);
    let mut best_crossings = search.improve(&mut best);
    for seed in 1..=restarts(g.items()) {
        if best_crossings == 0 {
            break;
        }
        let mut rng = SplitMix64(seed);
        let mut candidate = initial(g, Some(&mut rng));
        let crossings = search.improve(&mut candidate);
        if crossings < best_crossings {
            best = candidate;
            best_crossings = crossings;
        }
    }
    best
}

/// Reusable buffers for the sweeps.
struct Search<'a> {
    g: &'a Layered,
    pos: Vec<usize>,
    fans: Fans,
    keys: Keys,
}

impl<'a> Search<'a> {
    fn new(g: &'a Layered) -> Self {
        Search {
            g,
            pos: vec![0; g.items()],
            fans: Fans::default(),
            keys: Keys::default(),
        }
    }

    /// Sweeps `order` towards fewer crossings; leaves it at the best order seen and
    /// returns its crossings.
    fn improve(&mut self, order: &mut Order) -> u64 {
        let g = self.g;
        set_positions(order, &mut self.pos);
        let mut best = order.clone();
        let mut best_crossings = total_crossings(g, order, &self.pos);
        let mut stale = 0;
        let passes = transpose_passes(g.items());
        for sweep in 0..sweep_budget(g.items()) {
            if best_crossings == 0 {
                break;
            }
            let down = sweep % 2 == 0;
            // Every other pair of sweeps also swaps neighbours whose order costs the same,
            // which lets the search leave a plateau (`dot`'s "reverse" pass).
            let ties = sweep % 4 >= 2;
            for k in 0..g.rank_count.saturating_sub(1) {
                let r = if down { k + 1 } else { g.rank_count - 2 - k };
                self.keys.sort_rank(g, order, r, &mut self.pos, down);
                self.fans.fill(g, &order[r], &self.pos);
                transpose(g, &mut order[r], &mut self.pos, &self.fans, ties, passes);
            }
            let crossings = total_crossings(g, order, &self.pos);
            if crossings < best_crossings {
                best_crossings = crossings;
                best.clone_from(order);
                stale = 0;
            } else {
                stale += 1;
                if stale >= PATIENCE {
                    break;
                }
            }
        }
        *order = best;
        best_crossings
    }
}

fn set_positions(order: &Order, pos: &mut [usize]) {
    for rank in order {
        for (k, &i) in rank.iter().enumerate() {
            pos[i] = k;
        }
    }
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
/// author's order (or, with `rng`, each item's segments rotated and perhaps reversed at
/// random); each item joins its rank when first reached.
fn initial(g: &Layered, mut rng: Option<&mut SplitMix64>) -> Order {
    let mut order: Order = vec![Vec::new(); g.rank_count];
    let mut seen = vec![false; g.items()];
    // (item, segments taken, rotation, reversed)
    let mut stack: Vec<(usize, usize, usize, bool)> = Vec::new();
    let frame = |i: usize, rng: &mut Option<&mut SplitMix64>| {
        let len = g.down(i).len().max(1);
        match rng {
            Some(r) => {
                let x = r.next();
                (i, 0, (x % len as u64) as usize, x & (1 << 40) != 0)
            }
            None => (i, 0, 0, false),
        }
    };
    for &s in &g.starts {
        if seen[s] {
            continue;
        }
        seen[s] = true;
        order[g.rank[s]].push(s);
        stack.push(frame(s, &mut rng));
        while let Some(top) = stack.last_mut() {
            let (u, k, rotation, reversed) = *top;
            let down = g.down(u);
            if k == down.len() {
                stack.pop();
                continue;
            }
            top.1 += 1;
            let j = (k + rotation) % down.len();
            let v = down[if reversed { down.len() - 1 - j } else { j }];
            if !seen[v] {
                seen[v] = true;
                order[g.rank[v]].push(v);
                stack.push(frame(v, &mut rng));
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

/// Sorting a rank by its neighbours, with buffers kept between ranks.
#[derive(Default)]
struct Keys {
    keyed: Vec<(f64, usize, usize)>,
    buf: Vec<usize>,
}

impl Keys {
    /// Sorts rank `r` by the weighted median position of each item's neighbours in the
    /// rank above (`down`) or below, as a fraction of that rank's width. An item with no
    /// neighbours there (an outcome, in an upward sweep) follows its neighbours on the
    /// other side, so leaves move with their parents rather than pinning their slots.
    /// Ties keep the current order.
    fn sort_rank(
        &mut self,
        g: &Layered,
        order: &mut Order,
        r: usize,
        pos: &mut [usize],
        down: bool,
    ) {
        let width = |r: Option<usize>| {
            r.and_then(|r| order.get(r))
                .map_or(1.0, |v: &Vec<usize>| v.len().max(1) as f64)
        };
        let (near, far) = if down {
            (width(r.checked_sub(1)), width(Some(r + 1)))
        } else {
            (width(Some(r + 1)), width(r.checked_sub(1)))
        };
        let own = order[r].len().max(1) as f64;
        self.keyed.clear();
        for (k, &i) in order[r].iter().enumerate() {
            let (nb, other) = if down {
                (g.up(i), g.down(i))
            } else {
                (g.down(i), g.up(i))
            };
            let key = if !nb.is_empty() {
                median(nb, pos, &mut self.buf) / near
            } else if !other.is_empty() {
                median(other, pos, &mut self.buf) / far
            } else {
                (k as f64 + 0.5) / own
            };
            self.keyed.push((key, k, i));
        }
        self.keyed
            .sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let rank = &mut order[r];
        for (k, &(_, _, i)) in self.keyed.iter().enumerate() {
            rank[k] = i;
            pos[i] = k;
        }
    }
}

/// The weighted median of the neighbours' positions (Gansner et al.: with an even count,
/// the two middle values weighted by how spread out each side is), plus a half so a
/// position is the middle of its slot.
fn median(nb: &[usize], pos: &[usize], buf: &mut Vec<usize>) -> f64 {
    match nb {
        [one] => pos[*one] as f64 + 0.5,
        [a, b] => (pos[*a] + pos[*b]) as f64 / 2.0 + 0.5,
        _ => {
            buf.clear();
            buf.extend(nb.iter().map(|&j| pos[j]));
            buf.sort_unstable();
            let m = buf.len();
            let mid = m / 2;
            let v = if m % 2 == 1 {
                buf[mid] as f64
            } else {
                let left = (buf[mid - 1] - buf[0]) as f64;
                let right = (buf[m - 1] - buf[mid]) as f64;
                if left + right == 0.0 {
                    (buf[mid - 1] + buf[mid]) as f64 / 2.0
                } else {
                    (buf[mid - 1] as f64 * right + buf[mid] as f64 * left) / (left + right)
                }
            };
            v + 0.5
        }
    }
}

/// Neighbour positions of one rank's items, sorted once: while a rank is transposed its
/// neighbours' ranks do not move, so each pair is then counted by a linear merge.
#[derive(Default)]
struct Fans {
    /// Sorted positions above and below item `i` are `sorted[start[i]..][..len]`.
    up_start: Vec<usize>,
    down_start: Vec<usize>,
    sorted: Vec<usize>,
}

impl Fans {
    fn fill(&mut self, g: &Layered, rank: &[usize], pos: &[usize]) {
        if self.up_start.len() < g.items() {
            self.up_start.resize(g.items(), 0);
            self.down_start.resize(g.items(), 0);
        }
        self.sorted.clear();
        for &i in rank {
            for (nb, start) in [
                (g.up(i), &mut self.up_start),
                (g.down(i), &mut self.down_start),
            ] {
                start[i] = self.sorted.len();
                match nb {
                    [] => {}
                    [one] => self.sorted.push(pos[*one]),
                    many => {
                        let from = self.sorted.len();
                        self.sorted.extend(many.iter().map(|&j| pos[j]));
                        self.sorted[from..].sort_unstable();
                    }
                }
            }
        }
    }

    fn up(&self, g: &Layered, i: usize) -> &[usize] {
        &self.sorted[self.up_start[i]..self.up_start[i] + g.up(i).len()]
    }

    fn down(&self, g: &Layered, i: usize) -> &[usize] {
        &self.sorted[self.down_start[i]..self.down_start[i] + g.down(i).len()]
    }

    /// Crossings among the segments of `a` and `b`, in that order, on both sides.
    fn crossings(&self, g: &Layered, a: usize, b: usize) -> u64 {
        count_pairs(self.up(g, a), self.up(g, b)) + count_pairs(self.down(g, a), self.down(g, b))
    }
}

/// Pairs (x in `left`, y in `right`) with x > y, both sorted: the crossings between two
/// fans when the owner of `left` is placed first.
fn count_pairs(left: &[usize], right: &[usize]) -> u64 {
    let mut count = 0;
    let mut j = 0;
    for &x in left {
        while j < right.len() && right[j] < x {
            j += 1;
        }
        count += j as u64;
    }
    count
}

/// Swaps neighbours while that lowers crossings (or, with `ties`, keeps them equal), a
/// few passes at most.
fn transpose(
    g: &Layered,
    rank: &mut [usize],
    pos: &mut [usize],
    fans: &Fans,
    ties: bool,
    passes: usize,
) {
    if rank.len() < 2 {
        return;
    }
    for _ in 0..passes {
        let mut improved = false;
        for k in 1..rank.len() {
            let (a, b) = (rank[k - 1], rank[k]);
            let now = fans.crossings(g, a, b);
            let swapped = if now > 0 {
                fans.crossings(g, b, a)
            } else {
                u64::MAX
            };
            if swapped < now || (ties && now > 0 && swapped == now) {
                rank.swap(k - 1, k);
                pos[a] = k;
                pos[b] = k - 1;
                // Only a real gain earns another pass; a tie swap would just swap back.
                improved |= swapped < now;
            }
        }
        if !improved {
            break;
        }
    }
}

/// Counts crossings between neighbouring ranks, reusing its buffers.
#[derive(Default)]
struct Counter {
    seq: Vec<usize>,
    tree: Vec<u32>,
}

impl Counter {
    /// Crossings between rank `r` and rank `r + 1`.
    fn between(&mut self, g: &Layered, order: &Order, pos: &[usize], r: usize) -> u64 {
        let Some(lower) = order.get(r + 1) else {
            return 0;
        };
        self.seq.clear();
        for &i in &order[r] {
            match g.down(i) {
                [] => {}
                [one] => self.seq.push(pos[*one]),
                many => {
                    let from = self.seq.len();
                    self.seq.extend(many.iter().map(|&j| pos[j]));
                    self.seq[from..].sort_unstable();
                }
            }
        }
        inversions(&self.seq, lower.len(), &mut self.tree)
    }
}

/// Crossings between every pair of consecutive ranks (Barth, Jünger and Mutzel's
/// accumulator-tree count, n log n per pair of ranks).
pub(super) fn total_crossings(g: &Layered, order: &Order, pos: &[usize]) -> u64 {
    let mut counter = Counter::default();
    (0..order.len())
        .map(|r| counter.between(g, order, pos, r))
        .sum()
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
