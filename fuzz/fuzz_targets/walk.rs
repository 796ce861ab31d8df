//! The walk: a loaded tree, a sequence of choices, the `walk` report and the `show`
//! outline. Input: one byte `n`, then `n` choice bytes, then the tree file's text. See
//! `tradeoff::fuzzing::walk` for the properties checked.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| tradeoff::fuzzing::walk(data));
