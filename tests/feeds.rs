//! Calendar files and `schedule.json` on the example week and the English
//! fixture. (ical.js reads every calendar back in `tests/browser/feeds.mjs`,
//! run by `scripts/test`.)

mod common;

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use serde_json::Value;

use common::build_pages as build;

fn sites() -> Vec<(&'static str, tempfile::TempDir)> {
    vec![
        ("example", common::example()),
        ("en-week", common::site("en-week")),
    ]
}

fn schedule(out: &Path) -> Value {
    serde_json::from_slice(&fs::read(out.join("schedule.json")).unwrap()).unwrap()
}

fn entries(schedule: &Value) -> Vec<&Value> {
    schedule["schedule"]["conference"]["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|day| day["rooms"].as_object().unwrap().values())
        .flat_map(|talks| talks.as_array().unwrap())
        .collect()
}

#[test]
fn the_schedule_validates_against_the_c3voc_schema() {
    let schema: Value = serde_json::from_slice(
        &fs::read(common::repo().join("tests/schemas/c3voc-schedule.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    for (name, site) in sites() {
        let out = build(site.path());
        let instance = schedule(&out);
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}:\n{}", errors.join("\n"));
        assert!(!entries(&instance).is_empty(), "{name}: an empty schedule");
        // Machine values are ASCII whatever the locale.
        for entry in entries(&instance) {
            for key in ["date", "start", "duration", "slug", "guid"] {
                let v = entry[key].as_str().unwrap();
                assert!(v.is_ascii(), "{name}: {key} {v}");
            }
        }
    }
    // And the schema can fail: a non-ASCII slug is refused.
    let site = common::example();
    let mut bad = schedule(&build(site.path()));
    bad["schedule"]["conference"]["acronym"] = "هفته".into();
    assert!(!validator.is_valid(&bad));
}

#[test]
fn schedule_guids_are_unique_and_stable_across_builds() {
    for (name, site) in sites() {
        let first = schedule(&build(site.path()));
        let again = schedule(&build(site.path()));
        let guids = |s: &Value| -> Vec<String> {
            entries(s)
                .iter()
                .map(|e| e["guid"].as_str().unwrap().to_string())
                .collect()
        };
        let (a, b) = (guids(&first), guids(&again));
        assert_eq!(a, b, "{name}: guids changed between builds");
        let unique: HashSet<&String> = a.iter().collect();
        assert_eq!(unique.len(), a.len(), "{name}: a guid is reused");
    }
}

#[test]
fn the_schedule_lists_each_published_programme_on_each_of_its_days() {
    for (name, site) in sites() {
        let out = build(site.path());
        let data: Value =
            serde_json::from_slice(&fs::read(out.join("data/programs.json")).unwrap()).unwrap();
        let s = schedule(&out);
        let mut expected: Vec<(String, String)> = Vec::new();
        for p in data["programmes"].as_array().unwrap() {
            if p["status"] == "draft" {
                continue;
            }
            let (from, until) = (
                p["date_iso"].as_str().unwrap(),
                p["until_iso"].as_str().unwrap(),
            );
            for day in s["schedule"]["conference"]["days"].as_array().unwrap() {
                let date = day["date"].as_str().unwrap();
                if from <= date && date <= until {
                    expected.push((p["url"].as_str().unwrap().to_string(), date.to_string()));
                }
            }
        }
        let mut listed: Vec<(String, String)> = entries(&s)
            .iter()
            .map(|e| {
                (
                    e["url"].as_str().unwrap().to_string(),
                    e["date"].as_str().unwrap()[..10].to_string(),
                )
            })
            .collect();
        expected.sort();
        listed.sort();
        assert_eq!(listed, expected, "{name}");
        // Tracks are the headquarters; every room an entry names exists.
        let conference = &s["schedule"]["conference"];
        let rooms: HashSet<&str> = conference["rooms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["name"].as_str().unwrap())
            .collect();
        for e in entries(&s) {
            assert!(rooms.contains(e["room"].as_str().unwrap()), "{name}: {e}");
        }
        let tracks: Vec<&str> = conference["tracks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap())
            .collect();
        for e in entries(&s) {
            assert!(
                tracks.contains(&e["track"].as_str().unwrap()),
                "{name}: {e}"
            );
        }
    }
}

#[test]
fn calendars_are_rfc_5545_lines_and_leave_out_drafts() {
    for (name, site) in sites() {
        let out = build(site.path());
        let files = common::files_ending(&out, ".ics");
        assert!(files.len() > 3, "{name}: {} calendars", files.len());
        for file in &files {
            let text = fs::read_to_string(file).unwrap();
            assert!(
                text.starts_with("BEGIN:VCALENDAR\r\n"),
                "{}",
                file.display()
            );
            assert!(text.ends_with("END:VCALENDAR\r\n"));
            assert!(!text.replace("\r\n", "").contains('\n'), "a bare LF");
            for line in text.split("\r\n") {
                assert!(line.len() <= 75, "{}: {line}", file.display());
            }
            assert!(
                !text.chars().any(|c| matches!(c, '۰'..='۹' | '٠'..='٩')),
                "{}: a non-ASCII digit",
                file.display()
            );
        }
        // Drafts: never, not even their own file.
        let data: Value =
            serde_json::from_slice(&fs::read(out.join("data/programs.json")).unwrap()).unwrap();
        let whole = fs::read_to_string(out.join("calendar.ics")).unwrap();
        let published = data["programmes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["status"] != "draft")
            .count();
        assert_eq!(whole.matches("BEGIN:VEVENT").count(), published, "{name}");
        let cancelled = data["programmes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["status"] == "cancelled")
            .count();
        assert_eq!(
            whole.matches("STATUS:CANCELLED").count(),
            cancelled,
            "{name}"
        );
    }
}

#[test]
fn pages_offer_their_calendar() {
    let site = common::site("en-week");
    let out = build(site.path());
    let home = fs::read_to_string(out.join("index.html")).unwrap();
    // With a base URL: a webcal: subscription and a download.
    assert!(
        home.contains("href=\"webcal://science.example.net/2027/calendar.ics\""),
        "{home}"
    );
    assert!(home.contains("href=\"calendar.ics\" download"));
    let day = common::files_ending(&out.join("days"), "index.html")
        .into_iter()
        .find(|p| p.parent().unwrap().join("calendar.ics").exists())
        .unwrap();
    let html = fs::read_to_string(&day).unwrap();
    let dir = day.parent().unwrap().file_name().unwrap().to_str().unwrap();
    assert!(
        html.contains(&format!("href=\"../../days/{dir}/calendar.ics\" download")),
        "{}",
        day.display()
    );
    let programme = common::files_ending(&out.join("programs"), "calendar.ics")
        .into_iter()
        .next()
        .unwrap();
    let page = fs::read_to_string(programme.with_file_name("index.html")).unwrap();
    assert!(page.contains("Add to my calendar"));
}
