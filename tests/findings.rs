//! Each review finding, with a fixture that triggers it and one that comes
//! close without triggering it (`tests/findings/`): the exact warning and
//! summary, and the exit code (1 only under `--strict`).

mod common;

#[test]
fn every_finding_case_gives_its_pinned_output() {
    let n = common::run_cases("findings");
    assert!(n >= 15, "only {n} finding cases");
}
