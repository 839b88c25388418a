//! `rooz build` end to end on the example week and the English fixture:
//! every page kind, what each page lists, links, determinism, and the
//! output folder's safety.

mod common;

use common::{all_files, assert_links_resolve, attrs};

use std::fs;
use std::path::{Path, PathBuf};

use rooz::calendar::CalendarKind;
use rooz::model::{Event, Status};

fn build(root: &Path, out: &Path, extra: &[&str]) -> common::Output {
    let mut args = vec![
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let o = common::rooz(&args, root);
    assert_eq!(o.code, 0, "build failed:\n{}", o.stderr);
    o
}

fn load(root: &Path) -> Event {
    rooz::load::load(root)
        .unwrap()
        .result
        .unwrap_or_else(|_| panic!("{} loads", root.display()))
}

/// Programme links in the `cards` lists of a page, in order.
fn card_links(html: &str) -> Vec<String> {
    html.split("<li class=\"card")
        .skip(1)
        .map(|card| {
            let href = attrs(card, "href");
            href[0]
                .split("programs/")
                .nth(1)
                .unwrap()
                .trim_end_matches("/index.html")
                .to_string()
        })
        .collect()
}

const PAGE_KINDS: [&str; 5] = [
    "calendar/index.html",
    "headquarters/index.html",
    "strata/index.html",
    "counties/index.html",
    "404.html",
];

fn check_site(root: &Path) {
    let event = load(root);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(root, &out, &[]);
    let read = |p: &str| fs::read_to_string(out.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));

    // Every page kind exists.
    assert!(read("index.html").contains(&event.title));
    for p in PAGE_KINDS {
        assert!(out.join(p).is_file(), "{p}");
    }
    for hq in &event.headquarters {
        assert!(read(&format!("headquarters/{}/index.html", hq.id)).contains(&hq.title));
    }
    for c in &event.counties {
        let html = read(&format!("counties/{}/index.html", c.id));
        for staff in c.head.iter().chain(&c.secretary) {
            assert!(
                html.contains(staff.as_str()),
                "county {} shows {staff}",
                c.id
            );
        }
    }
    assert!(out.join("sitemap.xml").is_file() && out.join("robots.txt").is_file());
    let (dir_attr, lang) = (event.direction.as_str(), event.locale.to_string());
    assert!(read("index.html").starts_with(&format!(
        "<!doctype html>\n<html lang=\"{lang}\" dir=\"{dir_attr}\">"
    )));

    // A day page lists exactly that day's published programmes, all-day
    // first, then by start time (recomputed here from the model).
    for day in &event.days {
        let mut expected: Vec<_> = event
            .programmes
            .iter()
            .filter(|p| p.status.is_published() && p.date <= day.date && day.date <= p.until)
            .collect();
        expected.sort_by_key(|p| (p.start, p.end, p.id.clone()));
        let expected: Vec<String> = expected.iter().map(|p| p.id.clone()).collect();
        let html = read(&format!(
            "days/{}/index.html",
            day.date.code(event.calendar)
        ));
        assert_eq!(card_links(&html), expected, "day {:?}", day.date);
    }

    // A stratum page starts with its central programme.
    for (i, stratum) in event.strata.iter().enumerate() {
        let html = read(&format!("strata/{}/index.html", stratum.id));
        let cards = card_links(&html);
        let central: Vec<&str> = event
            .programmes
            .iter()
            .filter(|p| p.stratum.index() == i && p.central && p.status.is_published())
            .map(|p| p.id.as_str())
            .collect();
        if let Some(first) = central.first() {
            assert_eq!(
                cards.first().map(String::as_str),
                Some(*first),
                "stratum {}",
                stratum.id
            );
        }
    }

    // Drafts are absent; cancelled programmes are present and marked.
    for p in &event.programmes {
        let page = out.join(format!("programs/{}/index.html", p.id));
        match p.status {
            Status::Draft => assert!(!page.exists(), "draft {} is published", p.id),
            Status::Cancelled => {
                let html = read(&format!("programs/{}/index.html", p.id));
                assert!(
                    html.contains("class=\"notice\""),
                    "cancelled {} is not marked",
                    p.id
                );
            }
            _ => assert!(page.is_file(), "{} has no page", p.id),
        }
    }
    assert_links_resolve(&out);
    common::html::assert_pages_inert(&out);
}

#[test]
fn the_example_week_builds_every_page_kind_right() {
    check_site(&common::repo());
}

#[test]
fn the_english_fixture_builds_ltr_with_gregorian_dates() {
    let site = common::site("en-week");
    check_site(site.path());
    let out = site.path().join("out2");
    build(site.path(), &out, &[]);
    let day = fs::read_to_string(out.join("days/2027-03-08/index.html")).unwrap();
    assert!(day.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(day.contains("Monday, March 8, 2027"), "CLDR long date");
    let event = load(site.path());
    assert_eq!(event.calendar, CalendarKind::Gregorian);
}

#[test]
fn persian_pages_show_persian_digits_and_both_calendars() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(&common::repo(), &out, &[]);
    let day = fs::read_to_string(out.join("days/1405-08-29/index.html")).unwrap();
    assert!(
        day.contains("جمعه ۲۹ آبان ۱۴۰۵"),
        "Solar Hijri date with Persian digits"
    );
    assert!(day.contains("۲۰ نوامبر ۲۰۲۶"), "Gregorian date beside it");
    let text_only = day.split("<body>").nth(1).unwrap();
    let visible: String = text_only
        .split('<')
        .map(|s| s.split_once('>').map_or("", |x| x.1))
        .collect();
    assert!(
        !visible.chars().any(|c| c.is_ascii_digit()),
        "Latin digits in visible text: {visible}"
    );
}

#[test]
fn drafts_appear_only_with_drafts_and_are_marked() {
    let site = common::site("base-fa");
    let out = site.path().join("out");
    build(site.path(), &out, &[]);
    assert!(!out.join("programs/students-draft-idea").exists());
    build(site.path(), &out, &["--drafts"]);
    let html = fs::read_to_string(out.join("programs/students-draft-idea/index.html")).unwrap();
    assert!(html.contains("class=\"notice draft\""));
    let day = fs::read_to_string(out.join("days/1405-09-01/index.html")).unwrap();
    assert!(day.contains("class=\"card is-draft\""));
    let bulletin = fs::read_to_string(out.join("bulletins/1405-09-01/index.html")).unwrap();
    assert!(
        bulletin.contains("<strong class=\"draft-note\">پیش‌نویس</strong>"),
        "drafts are marked in bulletins"
    );
}

#[test]
fn two_builds_give_the_same_bytes() {
    for root in [
        common::repo(),
        common::fixture("en-week"),
        common::fixture("hostile"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        build(&root, &a, &[]);
        build(&root, &b, &[]);
        let files_a = all_files(&a);
        assert_eq!(files_a.len(), all_files(&b).len(), "{}", root.display());
        for f in files_a {
            let rel = f.strip_prefix(&a).unwrap();
            assert!(
                fs::read(&f).unwrap() == fs::read(b.join(rel)).unwrap(),
                "{}: {} differs",
                root.display(),
                rel.display()
            );
        }
    }
}

#[test]
fn a_failing_build_leaves_the_previous_output() {
    let site = common::site("base-fa");
    let out = site.path().join("out");
    build(site.path(), &out, &[]);
    let before: Vec<(PathBuf, Vec<u8>)> = all_files(&out)
        .into_iter()
        .map(|f| (f.clone(), fs::read(&f).unwrap()))
        .collect();
    // A content error…
    let file = site.path().join("content/programs/teachers.yaml");
    let good = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        good.replace("headquarters: education", "headquarters: nowhere"),
    )
    .unwrap();
    let o = common::rooz(&["build", "--root", ".", "--output", "out"], site.path());
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("nothing was written"), "{}", o.stderr);
    // …and a template error.
    fs::write(&file, good).unwrap();
    fs::create_dir_all(site.path().join("templates")).unwrap();
    fs::write(
        site.path().join("templates/day.html"),
        "{% extends \"theme/day.html\" %}{% block content %}{{ missing }}{% endblock content %}",
    )
    .unwrap();
    let o = common::rooz(&["build", "--root", ".", "--output", "out"], site.path());
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("day.html:1:") && o.stderr.contains("missing"),
        "names the template and line:\n{}",
        o.stderr
    );
    let after: Vec<(PathBuf, Vec<u8>)> = all_files(&out)
        .into_iter()
        .map(|f| (f.clone(), fs::read(&f).unwrap()))
        .collect();
    assert!(before == after, "the output changed");
}

#[test]
fn a_site_template_overrides_the_theme_and_can_extend_it() {
    let site = common::site("en-week");
    fs::create_dir_all(site.path().join("templates")).unwrap();
    fs::write(
        site.path().join("templates/base.html"),
        "{% extends \"theme/base.html\" %}{% block head %}<meta name=\"x-site\" content=\"own\">{% endblock head %}",
    )
    .unwrap();
    let out = site.path().join("out");
    build(site.path(), &out, &[]);
    let html = fs::read_to_string(out.join("calendar/index.html")).unwrap();
    assert!(html.contains("<meta name=\"x-site\" content=\"own\">"));
    assert!(
        html.contains("Week at a glance"),
        "the theme's blocks are still there"
    );
}

#[test]
fn a_foreign_output_folder_is_refused() {
    let site = common::site("en-week");
    let foreign = site.path().join("home");
    fs::create_dir_all(&foreign).unwrap();
    fs::write(foreign.join("thesis.txt"), "years of work").unwrap();
    let o = common::rooz(&["build", "--root", ".", "--output", "home"], site.path());
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("was not made by rooz"), "{}", o.stderr);
    assert_eq!(
        fs::read_to_string(foreign.join("thesis.txt")).unwrap(),
        "years of work"
    );
    assert_eq!(fs::read_dir(&foreign).unwrap().count(), 1);
}

#[test]
fn canonical_urls_use_the_base_url_and_it_can_be_overridden() {
    let site = common::site("en-week");
    let out = site.path().join("out");
    build(
        site.path(),
        &out,
        &["--base-url", "https://mirror.example.com/sci"],
    );
    let html = fs::read_to_string(out.join("calendar/index.html")).unwrap();
    assert!(
        html.contains("<link rel=\"canonical\" href=\"https://mirror.example.com/sci/calendar/\">")
    );
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://mirror.example.com/sci/programs/robot-league/</loc>"));
    let not_found = fs::read_to_string(out.join("404.html")).unwrap();
    assert!(
        not_found.contains("href=\"/sci/index.html\""),
        "404 links from the server root"
    );
    // Its style is inside it, so it is styled from disk and at any depth.
    assert!(not_found.contains("<style>") && not_found.contains(".site-header"));
    assert!(!not_found.contains("static/style.css"));
}
