//! Snapshots (insta) of one page of each kind, in English and in Persian:
//! review changes to them like code (`cargo insta review`, or
//! `INSTA_UPDATE=always cargo test --test snapshots` and read the diff).

mod common;

use std::fs;

fn built(fixture: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let site = common::site(fixture);
    let out = site.path().join("out");
    let o = common::rooz(&["build", "--root", ".", "--output", "out"], site.path());
    assert_eq!(o.code, 0, "{}", o.stderr);
    (site, out)
}

#[test]
fn english_pages() {
    let (_site, out) = built("en-week");
    for (name, page) in [
        ("en-home", "index.html"),
        ("en-calendar", "calendar/index.html"),
        ("en-day", "days/2027-03-09/index.html"),
        ("en-headquarters-index", "headquarters/index.html"),
        ("en-headquarters", "headquarters/outreach/index.html"),
        ("en-strata-index", "strata/index.html"),
        ("en-stratum", "strata/researchers/index.html"),
        ("en-counties-index", "counties/index.html"),
        ("en-county", "counties/old-town/index.html"),
        ("en-programme", "programs/robot-league/index.html"),
        ("en-404", "404.html"),
        ("en-highlights-index", "highlights/index.html"),
        ("en-highlight", "highlights/robot-league/index.html"),
        ("en-bulletins-index", "bulletins/index.html"),
        ("en-bulletin", "bulletins/2027-03-09/index.html"),
        ("en-report", "report/index.html"),
    ] {
        insta::assert_snapshot!(name, fs::read_to_string(out.join(page)).unwrap());
    }
}

#[test]
fn persian_pages() {
    let (_site, out) = built("base-fa");
    for (name, page) in [
        ("fa-home", "index.html"),
        ("fa-day", "days/1405-08-29/index.html"),
        ("fa-stratum", "strata/teachers/index.html"),
        (
            "fa-programme",
            "programs/teachers-cancelled-hike/index.html",
        ),
        ("fa-highlight", "highlights/students-assembly/index.html"),
        ("fa-bulletin", "bulletins/1405-09-01/index.html"),
        ("fa-report", "report/index.html"),
    ] {
        insta::assert_snapshot!(name, fs::read_to_string(out.join(page)).unwrap());
    }
}
