//! Every kind of content mistake, one per case under `tests/invalid/`: the
//! exact message (file:line:column, snippet, expectation, field, hint) and
//! exit code 1.

mod common;

use std::fs;

#[test]
fn every_invalid_case_gives_its_pinned_message() {
    let n = common::run_cases("invalid");
    assert!(n >= 25, "only {n} invalid cases");
}

#[test]
fn the_base_fixture_is_valid_with_no_findings() {
    let site = common::site("base-fa");
    let out = common::rooz(&["check", "--root", "."], site.path());
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.ends_with("No review findings.\n"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_parsing() {
    let site = common::site("base-fa");
    let big = site.path().join("content/programs/teachers.yaml");
    let mut text = fs::read_to_string(&big).unwrap();
    text.push_str(&format!("# {}\n", "x".repeat(17 * 1024 * 1024)));
    fs::write(&big, text).unwrap();
    let out = common::rooz(&["check", "--root", "."], site.path());
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("× the file is 17 MiB")
            && out.stderr.contains("content/programs/teachers.yaml"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_folder_without_content_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::rooz(&["check", "--root", "."], dir.path());
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("has no content/event.yaml"),
        "{}",
        out.stderr
    );
    let out = common::rooz(&["check", "--bogus"], dir.path());
    assert_eq!(out.code, 2);
}

#[test]
fn json_output_has_the_same_errors() {
    let site = common::site("base-fa");
    let path = site.path().join("content/programs/students.yaml");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("headquarters: education", "headquarters: educaton");
    fs::write(&path, text).unwrap();
    let out = common::rooz(&["check", "--root", ".", "--format", "json"], site.path());
    assert_eq!(out.code, 1);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["ok"], false);
    let first = &json["errors"][0];
    assert_eq!(first["file"], "content/programs/students.yaml");
    assert_eq!(first["line"], 8);
    assert_eq!(first["column"], 19);
    assert_eq!(first["code"], "unknown-id");
    assert_eq!(first["path"], "programs[0].headquarters");
    assert_eq!(first["hint"], "did you mean 'education'?");
}

#[test]
fn ten_thousand_programmes_at_one_hall_at_one_hour_are_each_reported_once() {
    let site = common::site("base-fa");
    let mut text = String::from("stratum: teachers\nprograms:\n");
    for n in 0..10_000 {
        text.push_str(&format!(
            "  - id: t-{n}\n    title: برنامه {n}\n    date: 1405-08-30\n    start: \"10:00\"\n    headquarters: education\n    axes: [hope]\n    county: dena\n    venue: تالار فرهنگیان یاسوج\n"
        ));
    }
    fs::write(site.path().join("content/programs/teachers.yaml"), text).unwrap();
    let started = std::time::Instant::now();
    let out = common::rooz(&["check", "--root", "."], site.path());
    assert!(
        started.elapsed() < common::CASE_TIME_LIMIT,
        "{:?}",
        started.elapsed()
    );
    // Valid content: the clashes are review findings, not errors.
    assert_eq!(out.code, 0, "{}", &out.stderr[..2000.min(out.stderr.len())]);
    // Every later one against the first, each with its snippet: 9,999, not
    // the fifty million pairs.
    assert_eq!(
        out.stderr.matches("'t-0' and 't-").count(),
        9_999,
        "{}",
        &out.stderr[..2000]
    );
    assert_eq!(out.stderr.matches("are both at «").count(), 9_999);
    assert!(
        out.stderr
            .contains("'t-0' and 't-9999' are both at «تالار فرهنگیان یاسوج»")
            && out
                .stderr
                .contains("╭─[content/programs/teachers.yaml:80002:12]"),
        "the last one is located at its venue line"
    );
}
