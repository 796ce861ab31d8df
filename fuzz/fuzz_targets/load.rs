//! The loader: bytes in, a tree (with its validation problems) or an error out. See
//! `tradeoff::fuzzing::load` for the properties checked.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| tradeoff::fuzzing::load(data));
