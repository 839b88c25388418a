//! `rooz check` on whole sites: the example week of `content/` and the
//! English, Gregorian fixture.

mod common;

#[test]
fn the_example_week_passes_with_its_findings() {
    let out = common::rooz(&["check"], &common::repo());
    assert_eq!(out.code, 0, "{}", out.stderr);
    // What the review finds in the real week: a new county whose secretary
    // is not appointed yet, and three counties and the province-wide
    // programmes under the women's-domain target (the event as a whole
    // reaches it).
    for finding in [
        "⚠ the county headquarters of 'margown' has no secretary",
        "⚠ county 'boyer-ahmad': 41% of its programmes are in the women's domain (18 of 43)",
        "⚠ county 'bahmai': 40% of its programmes are in the women's domain (6 of 15)",
        "⚠ county 'landeh': 37% of its programmes are in the women's domain (3 of 8)",
        "⚠ programmes without a county: 20% of them are in the women's domain (1 of 5)",
    ] {
        assert!(out.stderr.contains(finding), "{finding}\n{}", out.stderr);
    }
    // And the outcomes still owed by 1405-09-02, office by office: seven
    // headquarters in seven counties have one programme each to report.
    assert!(
        out.stderr
            .contains("⚠ headquarters 'planning', county 'bahmai': 1 programme due by"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.matches('⚠').count(), 12, "{}", out.stderr);
    let summary = out.stderr.lines().last().unwrap();
    assert_eq!(
        summary,
        "175 programmes: 171 published (1 of them cancelled), 4 drafts. Women's domain: 54% of active \
         programmes, 92 of 170 (target: at least 50%). Days covered: 7 of 7. 12 review findings, shown above as warnings."
    );
    let strict = common::rooz(&["check", "--strict"], &common::repo());
    assert_eq!(strict.code, 1);
}

#[test]
fn the_english_gregorian_fixture_passes() {
    let site = common::site("en-week");
    let out = common::rooz(&["check", "--root", "."], site.path());
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.starts_with(
            "  ⚠ county 'old-town': 33% of its programmes are in the women's domain (1 of 3)\n"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(
            "  ⚠ headquarters 'outreach', county 'old-town': 1 programme due by 2027-03-10 without an outcome:"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.ends_with(
            "8 programmes: 7 published (1 of them cancelled), 1 draft. Women's domain: 67% of active programmes, \
             4 of 6 (target: at least 40%). Days covered: 4 of 4. 2 review findings, shown above as warnings.\n"
        ),
        "{}",
        out.stderr
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
    let codes: Vec<&str> = findings
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "women-share-county",
            "women-share-county",
            "women-share-county",
            "women-share-county",
            "county-staff-missing",
            "unreported",
            "unreported",
            "unreported",
            "unreported",
            "unreported",
            "unreported",
            "unreported",
        ]
    );
    // The targets' findings point at the event; what is owed, at the
    // first programme owed in its programme file.
    assert!(
        findings
            .iter()
            .all(|f| (f["file"] == "content/event.yaml") == (f["code"] != "unreported"))
    );
    let owed: Vec<&str> = findings
        .iter()
        .filter(|f| f["code"] == "unreported")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(owed.contains(
        &"headquarters 'planning', county 'bahmai': 1 programme due by 1405-09-02 without an outcome: farmers-jobs-visit"
    ), "{owed:?}");
    assert_eq!(json["summary"]["programmes"], 175);
    assert_eq!(json["summary"]["women_share"]["part"], 92);
    assert_eq!(json["summary"]["women_share"]["whole"], 170);
}
