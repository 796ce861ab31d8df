//! SplitMix64 (Steele, Lea, Flood 2014): the one small, seeded generator the crate uses
//! wherever it needs chance (generated trees, sampled walks, the layout's shuffled
//! restarts, test shapes). Tiny, fast, and the same on every platform, so a seed gives
//! the same tree, sample or layout wherever it runs.

pub(crate) struct SplitMix64(pub(crate) u64);

impl SplitMix64 {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..n` (`n > 0`), by multiply-high, which has no modulo bias worth
    /// mentioning at these sizes.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }

    /// Uniform in `0..n` (`n > 0`) over the whole `u128` range, without bias: draws that
    /// fall in the incomplete last stretch of `u128` are drawn again.
    pub(crate) fn below_u128(&mut self, n: u128) -> u128 {
        let zone = u128::MAX - u128::MAX % n;
        loop {
            let x = (u128::from(self.next()) << 64) | u128::from(self.next());
            if x < zone {
                return x % n;
            }
        }
    }

    /// Uniform in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p`.
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64) < p * (1u64 << 53) as f64
    }
}
