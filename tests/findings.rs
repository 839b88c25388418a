//! Each review finding, with a fixture that triggers it and one that comes
//! close without triggering it (`tests/findings/`): the exact warning and
//! summary, and the exit code (1 only under `--strict`). On every case, and
//! on the example week and the English fixture, the report judges exactly
//! what `rooz check` finds: one figure, one verdict.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

#[test]
fn every_finding_case_gives_its_pinned_output() {
    let n = common::run_cases("findings");
    assert!(n >= 18, "only {n} finding cases");
}

/// The findings `rooz check --format json` reports, counted by rule.
fn check_findings(root: &Path) -> BTreeMap<String, usize> {
    let out = common::rooz(&["check", "--root", ".", "--format", "json"], root);
    let json: Value = serde_json::from_str(&out.stdout).unwrap();
    let mut rules = BTreeMap::new();
    for f in json["findings"].as_array().unwrap() {
        *rules
            .entry(f["code"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    rules
}

/// What the report judges a miss, counted by the rule that covers it; the
/// venue clashes are findings only, with no figure of their own.
fn report_misses(report: &Value) -> BTreeMap<String, usize> {
    let mut misses: BTreeMap<String, usize> = BTreeMap::new();
    let mut add = |rule: &str, n: usize| {
        if n > 0 {
            *misses.entry(rule.to_string()).or_default() += n;
        }
    };
    let failing = |rows: &Value| {
        rows.as_array()
            .unwrap()
            .iter()
            .filter(|r| r["women_pass"] == Value::Bool(false))
            .count()
    };
    add(
        "women-share",
        usize::from(report["women"]["pass"] == Value::Bool(false)),
    );
    add(
        "women-share-headquarters",
        failing(&report["by_headquarters"]),
    );
    add("women-share-county", failing(&report["by_county"]));
    for (status, rule) in [
        ("missing", "central-missing"),
        ("several", "central-several"),
    ] {
        let n = report["central"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["status"] == status)
            .count();
        add(rule, n);
    }
    for (key, rule) in [
        ("headquarters", "headquarters-empty"),
        ("axes", "axis-empty"),
        ("counties", "county-empty"),
    ] {
        add(rule, report["uncovered"][key].as_array().unwrap().len());
    }
    let unserved = report["focus"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["served"] == Value::Bool(false))
        .count();
    add("focus-unserved", unserved);
    let incomplete = report["county_staff"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["complete"] == Value::Bool(false))
        .count();
    add("county-staff-missing", incomplete);
    let clashes = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "venue-clash")
        .count();
    add("venue-clash", clashes);
    if let Some(x) = report["execution"].as_object() {
        for (key, rule) in [
            ("unreported", "unreported"),
            ("early", "outcome-early"),
            ("far_off", "participants-far-off"),
            ("cancelled_held", "cancelled-held"),
        ] {
            add(rule, x[key].as_array().unwrap().len());
        }
    }
    misses
}

fn assert_report_agrees(name: &str, root: &Path) {
    let out = common::rooz(&["report", "--root", ".", "--format", "json"], root);
    assert_eq!(out.code, 0, "{name}: {}", out.stderr);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    let found = check_findings(root);
    assert_eq!(
        report_misses(&report),
        found,
        "{name}: the report's verdicts and `rooz check`'s findings differ"
    );
    let mut listed: BTreeMap<String, usize> = BTreeMap::new();
    for f in report["findings"].as_array().unwrap() {
        *listed
            .entry(f["code"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    assert_eq!(listed, found, "{name}: the report lists other findings");
    for f in report["findings"].as_array().unwrap() {
        assert!(
            f["file"].is_string() && f["line"].as_u64().unwrap() > 0,
            "{name}: where it comes from: {f}"
        );
    }
    // Breakdowns no rule judges carry no verdict.
    for key in ["by_day", "by_stratum", "by_axis"] {
        for row in report[key].as_array().unwrap() {
            assert_eq!(row["women_pass"], Value::Null, "{name}: {key} {row}");
        }
    }
}

#[test]
fn the_report_judges_what_check_finds_in_every_case() {
    let dirs = common::case_dirs("findings");
    for dir in &dirs {
        let (_, site) = common::case_site(dir);
        assert_report_agrees(&dir.display().to_string(), site.path());
    }
    // Every rule is seen to fire somewhere, so no comparison is vacuous.
    let mut fired: BTreeMap<String, usize> = BTreeMap::new();
    for dir in &dirs {
        let (_, site) = common::case_site(dir);
        for (rule, n) in check_findings(site.path()) {
            *fired.entry(rule).or_default() += n;
        }
    }
    for rule in [
        "women-share",
        "women-share-headquarters",
        "women-share-county",
        "central-missing",
        "central-several",
        "headquarters-empty",
        "axis-empty",
        "county-empty",
        "focus-unserved",
        "venue-clash",
        "county-staff-missing",
    ] {
        assert!(fired.contains_key(rule), "no case makes {rule} fire");
    }
}

#[test]
fn the_report_judges_what_check_finds_on_the_example_and_the_english_fixture() {
    assert_report_agrees("the example week", &common::repo());
    assert_report_agrees("en-week", &common::fixture("en-week"));
}
