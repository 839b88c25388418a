//! libFuzzer's entry for the `import` target; the target itself, shared with
//! the corpus replay in the test suite, is in `src/targets.rs`.
#![no_main]

#[path = "../src/targets.rs"]
mod targets;

use std::sync::LazyLock;

static SCRATCH: LazyLock<targets::Scratch> = LazyLock::new(targets::Scratch::new);

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::import(&SCRATCH, data));
