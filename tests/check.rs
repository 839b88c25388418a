//! `rooz check` on whole sites: the example week of `content/` and the
//! English, Gregorian fixture.

mod common;

#[test]
fn the_example_week_passes_with_its_intended_finding() {
    let out = common::rooz(&["check"], &common::repo());
    assert_eq!(out.code, 0, "{}", out.stderr);
    // The one finding the example carries on purpose: a new county whose
    // secretary is not appointed yet.
    assert!(
        out.stderr
            .contains("⚠ the county headquarters of 'margown' has no secretary"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.matches('⚠').count(), 1, "{}", out.stderr);
    let summary = out.stderr.lines().last().unwrap();
    assert_eq!(
        summary,
        "175 programmes: 171 published (1 of them cancelled), 4 drafts. Women's domain: 54% of active \
         programmes, 92 of 170 (target: at least 50%). Days covered: 7 of 7. 1 review finding, shown above as warnings."
    );
    let strict = common::rooz(&["check", "--strict"], &common::repo());
    assert_eq!(strict.code, 1);
}

#[test]
fn the_english_gregorian_fixture_passes() {
    let site = common::site("en-week");
    let out = common::rooz(&["check", "--root", "."], site.path());
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "8 programmes: 7 published (1 of them cancelled), 1 draft. Women's domain: 67% of active programmes, \
         4 of 6 (target: at least 40%). Days covered: 4 of 4. No review findings.\n"
    );
}

#[test]
fn json_summary_and_findings_match_the_human_output() {
    let out = common::rooz(&["check", "--format", "json"], &common::repo());
    assert_eq!(out.code, 0);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["ok"], true);
    assert_eq!(json["errors"].as_array().unwrap().len(), 0);
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["code"], "county-staff-missing");
    assert_eq!(findings[0]["file"], "content/event.yaml");
    assert_eq!(json["summary"]["programmes"], 175);
    assert_eq!(json["summary"]["women_share"]["part"], 92);
    assert_eq!(json["summary"]["women_share"]["whole"], 170);
}
