//! The consolidated package: every figure against a hand-counted fixture,
//! the CSV read back, both JSON files against their schemas, and the PDF's
//! figures as text. (That the report judges exactly what `rooz check`
//! finds is tested in `findings.rs`, on every finding case.)

mod common;

use std::fs;
use std::path::Path;

use serde_json::{Value, json};

fn build(site: &Path) -> std::path::PathBuf {
    common::build_with_fonts(site).0
}

fn row(
    id: Value,
    title: &str,
    [active, reviewed, drafts, cancelled]: [u32; 4],
    participants: u32,
    (part, whole): (u32, u32),
    pass: Value,
) -> Value {
    json!({
        "id": id, "title": title, "active": active, "reviewed": reviewed, "drafts": drafts, "cancelled": cancelled,
        "participants": participants, "women": { "part": part, "whole": whole },
        "women_ratio": if whole == 0 { 0.0 } else { part as f64 / whole as f64 }, "women_pass": pass,
    })
}

/// tests/fixtures/base-fa counted by hand: 6 programmes, of which one draft
/// (students-draft-idea), one reviewed (teachers-family-day), one cancelled
/// (teachers-cancelled-hike); the book fair runs two days. The draft and the
/// cancelled hike are province-wide. Only the headquarters and county rows
/// are judged against the women's target (each has its check rule).
fn expected_base_fa() -> Value {
    json!({
        "event": { "title": "هفته آزمون", "locale": "fa", "calendar": "persian", "start": "1405-08-29", "end": "1405-09-01",
                   "start_iso": "2026-11-20", "end_iso": "2026-11-22" },
        "totals": { "programmes": 6, "published": 5, "approved": 3, "reviewed": 1, "drafts": 1, "cancelled": 1,
                    "active": 4, "highlights": 1, "participants": 300 },
        "women": { "target": 0.5, "share": { "part": 3, "whole": 4 }, "ratio": 0.75, "pass": true },
        "by_day": [
            row(json!("2026-11-20"), "روز دانش‌آموز", [2, 0, 0, 0], 0, (1, 2), Value::Null),
            row(json!("2026-11-21"), "روز معلم", [2, 0, 0, 0], 300, (1, 2), Value::Null),
            row(json!("2026-11-22"), "روز خانواده", [1, 1, 1, 1], 0, (1, 1), Value::Null),
        ],
        "by_headquarters": [
            row(json!("education"), "قرارگاه تعلیم و تربیت", [2, 0, 0, 1], 300, (2, 2), json!(true)),
            row(json!("cultural-social"), "قرارگاه فرهنگی و اجتماعی", [2, 1, 1, 0], 0, (1, 2), json!(true)),
        ],
        "by_stratum": [
            row(json!("students"), "دانش‌آموزان", [2, 0, 1, 0], 0, (1, 2), Value::Null),
            row(json!("teachers"), "فرهنگیان", [2, 1, 0, 1], 300, (2, 2), Value::Null),
        ],
        "by_county": [
            row(json!("boyer-ahmad"), "بویراحمد", [2, 1, 0, 0], 0, (2, 2), json!(true)),
            row(json!("dena"), "دنا", [2, 0, 0, 0], 300, (1, 2), json!(true)),
            row(Value::Null, "", [0, 0, 1, 1], 0, (0, 0), Value::Null),
        ],
        "by_axis": [
            row(json!("hope"), "امید به آینده", [3, 1, 1, 1], 300, (3, 3), Value::Null),
            row(json!("insight"), "بصیرت", [2, 0, 0, 0], 300, (1, 2), Value::Null),
        ],
        "central": [
            { "stratum": "students", "title": "دانش‌آموزان", "programmes": [["students-assembly", "صبحگاه مشترک دانش‌آموزان"]], "status": "ok" },
            { "stratum": "teachers", "title": "فرهنگیان", "programmes": [["teachers-forum", "همایش فرهنگیان"]], "status": "ok" },
        ],
        "focus": [
            { "date": "2026-11-20", "day": "روز دانش‌آموز", "kind": "stratum", "id": "students", "title": "دانش‌آموزان", "programmes": 2, "served": true },
            { "date": "2026-11-21", "day": "روز معلم", "kind": "headquarters", "id": "education", "title": "قرارگاه تعلیم و تربیت", "programmes": 1, "served": true },
        ],
        "uncovered": { "headquarters": [], "axes": [], "counties": [] },
        "county_staff": [
            { "county": "boyer-ahmad", "title": "بویراحمد", "head": "فرماندار بویراحمد", "secretary": "فرمانده ناحیه بویراحمد", "complete": true },
            { "county": "dena", "title": "دنا", "head": "فرماندار دنا", "secretary": "فرمانده ناحیه دنا", "complete": true },
        ],
        "findings": [],
    })
}

#[test]
fn every_figure_matches_the_hand_count_in_json_and_terminal() {
    let site = common::site("base-fa");
    let out = build(site.path());
    let report: Value =
        serde_json::from_slice(&fs::read(out.join("data/report.json")).unwrap()).unwrap();
    assert_eq!(report, expected_base_fa());
    // `rooz report` says the same.
    let o = common::rooz(&["report", "--root", ".", "--format", "json"], site.path());
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(serde_json::from_str::<Value>(&o.stdout).unwrap(), report);
    let table = common::rooz(&["report", "--root", "."], site.path()).stdout;
    assert!(table.contains("Programmes: 6 in all; 5 published (3 approved, 1 reviewed, 1 cancelled); 1 drafts; 4 active"), "{table}");
    assert!(
        table.contains("Women's domain: 75% (3 of 4 active), target 50% pass"),
        "{table}"
    );
    assert!(
        table
            .lines()
            .any(|l| l.contains("dena دنا") && l.contains("50%") && l.ends_with("pass")),
        "{table}"
    );
    assert!(table.lines().any(|l| l.contains("(no county)")), "{table}");
    assert!(!table.contains('\u{1b}'), "no colour when piped");
    let csv = common::rooz(&["report", "--root", ".", "--format", "csv"], site.path()).stdout;
    let csv = csv.strip_prefix('\u{feff}').expect("a BOM for Excel");
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let county: Vec<csv::StringRecord> = rows
        .records()
        .map(Result::unwrap)
        .filter(|r| &r[0] == "county")
        .collect();
    assert_eq!(county.len(), 3);
    assert_eq!(
        (&county[1][1], &county[1][2], &county[1][3], &county[1][10]),
        ("dena", "دنا", "2", "true")
    );
    // The province-wide row: no id, no verdict.
    assert_eq!(
        (&county[2][1], &county[2][3], &county[2][10]),
        ("", "0", "")
    );
}

#[test]
fn the_csv_reads_back_with_persian_intact_in_both_languages() {
    use rooz::columns::{Language, column_named, parse_status, parse_yes_no};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = common::rooz(
        &["build", "--output", out.to_str().unwrap()],
        &common::repo(),
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let event = rooz::load::load(&common::repo())
        .unwrap()
        .result
        .unwrap_or_else(|_| panic!("loads"));
    let published: Vec<_> = event
        .programmes
        .iter()
        .filter(|p| p.status.is_published())
        .collect();
    // A Persian event's sheet speaks Persian (its columns and its words);
    // the English one is beside it.
    for (file, language) in [
        ("data/programs.csv", Language::Persian),
        ("data/programs.en.csv", Language::English),
    ] {
        let bytes = fs::read(out.join(file)).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM for Excel");
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        let headers = reader.headers().unwrap().clone();
        let keys: Vec<&str> = headers
            .iter()
            .map(|h| {
                column_named(h)
                    .unwrap_or_else(|| panic!("{file}: unknown column {h}"))
                    .key
            })
            .collect();
        let names: Vec<&str> = headers.iter().collect();
        match language {
            Language::Persian => assert_eq!(names[..3], ["شناسه", "عنوان", "شناسه قشر"]),
            Language::English => assert_eq!(names[..3], ["id", "title", "stratum_id"]),
        }
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), published.len());
        let col = |name: &str| keys.iter().position(|k| *k == name).unwrap();
        for r in &records {
            let p = published.iter().find(|p| p.id == r[col("id")]).unwrap();
            assert_eq!(&r[col("title")], p.title, "Persian intact");
            assert_eq!(&r[col("date")], p.date.code(event.calendar));
            assert_eq!(&r[col("date_iso")], p.date.iso_code());
            assert_eq!(&r[col("stratum")], event.stratum(p.stratum).title);
            assert_eq!(parse_yes_no(&r[col("women")]), Some(p.women));
            assert_eq!(parse_yes_no(&r[col("central")]), Some(p.central));
            assert_eq!(parse_status(&r[col("status")]), Some(p.status));
            if language == Language::Persian {
                assert!(
                    ["بله", "خیر"].contains(&&r[col("women")]),
                    "{:?}",
                    &r[col("women")]
                );
            }
        }
    }
    let programmes: Value =
        serde_json::from_slice(&fs::read(out.join("data/programs.json")).unwrap()).unwrap();
    assert_eq!(
        programmes["programmes"].as_array().unwrap().len(),
        published.len()
    );
}

#[test]
fn formula_like_cells_are_neutralised_in_the_csv() {
    let site = common::site("base-fa");
    let file = site.path().join("content/programs/teachers.yaml");
    let yaml = fs::read_to_string(&file).unwrap().replace(
        "    venue: تالار فرهنگیان یاسوج",
        "    venue: \"=HYPERLINK(\\\"http://x\\\")\"\n    contact: \"+98 74 3322\"",
    );
    fs::write(&file, yaml).unwrap();
    let out = build(site.path());
    let bytes = fs::read(out.join("data/programs.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let forum = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == "teachers-forum")
        .unwrap();
    assert!(
        forum.iter().any(|c| c == "'=HYPERLINK(\"http://x\")"),
        "{forum:?}"
    );
    assert!(forum.iter().any(|c| c == "'+98 74 3322"), "{forum:?}");
}

#[test]
fn both_json_files_validate_against_their_schemas() {
    for fixture in ["base-fa", "en-week"] {
        let site = common::site(fixture);
        let out = build(site.path());
        for (data, schema) in [
            ("data/programs.json", "programs.schema.json"),
            ("data/report.json", "report.schema.json"),
        ] {
            let schema: Value = serde_json::from_slice(
                &fs::read(common::repo().join("schemas").join(schema)).unwrap(),
            )
            .unwrap();
            let validator = jsonschema::validator_for(&schema).unwrap();
            let instance: Value =
                serde_json::from_slice(&fs::read(out.join(data)).unwrap()).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&instance)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(
                errors.is_empty(),
                "{fixture} {data}:\n{}",
                errors.join("\n")
            );
        }
    }
    // And a schema can fail: a programme without a title is refused.
    let schema: Value = serde_json::from_slice(
        &fs::read(common::repo().join("schemas/programs.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(
        !validator.is_valid(
            &json!({ "event": "x", "calendar": "persian", "programmes": [{ "id": "a" }] })
        )
    );
}

#[test]
fn the_report_pdf_holds_the_figures_as_text() {
    let site = common::site("base-fa");
    let out = build(site.path());
    let text = common::pdf_text(&out.join("report/report.pdf"));
    // Each total beside its label, and each day's row (active, participants,
    // women's share, reviewed, drafts, cancelled), in Persian digits.
    for phrase in [
        "۶ همه برنامه‌ها",
        "۵ منتشرشده",
        "۳ تأییدشده",
        "۱ بررسی‌شده",
        "۱ پیش‌نویس",
        "۱ لغو شد",
        "۴ فعال منتشرشده و لغونشده",
        "۳۰۰ پیش‌بینی شرکت‌کنندگان",
        "سهم حوزه زنان ۷۵",
        "روز دانش‌آموز ۲ ۰ ۵۰ ۰ ۰ ۰",
        "روز معلم ۲ ۳۰۰ ۵۰ ۰ ۰ ۰",
        "روز خانواده ۱ ۰ ۱۰۰ ۱ ۱ ۱",
        "دنا ۲ ۳۰۰ ۵۰ ۰ ۰ ۰",
    ] {
        assert!(
            common::pdf_has(&text, phrase),
            "'{phrase}' is not in report.pdf:\n{text}"
        );
    }
    let page = fs::read_to_string(out.join("report/index.html")).unwrap();
    assert!(
        page.contains("<figure class=\"chart\"") && page.contains("<svg class=\"gauge\""),
        "charts on the page"
    );
}

/// The example week's outcomes (content/, as of 1405-09-02), counted by
/// hand from its YAML: 97 active programmes are due; 82 were held, 2
/// partly, 4 not, 2 postponed, 7 are unreported. Per headquarters: (id,
/// due, held, partly, not held, postponed, unreported, expected, actual,
/// media items).
#[test]
fn the_execution_of_the_example_matches_a_hand_count() {
    let out = common::rooz(&["report", "--format", "json"], &common::repo());
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    let x = &report["execution"];
    assert_eq!(x["as_of"], "1405-09-02");
    assert_eq!(x["as_of_iso"], "2026-11-23");
    let counts = |r: &Value| {
        [
            "due",
            "held",
            "partly",
            "not_held",
            "postponed",
            "unreported",
            "expected_participants",
            "actual_participants",
            "coverage",
        ]
        .map(|k| r[k].as_u64().unwrap())
    };
    assert_eq!(
        counts(&x["totals"]),
        [97, 82, 2, 4, 2, 7, 192_129, 177_536, 45]
    );
    let by_hq: Vec<(&str, [u64; 9])> = x["by_headquarters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), counts(r)))
        .collect();
    assert_eq!(
        by_hq,
        [
            ("defense-security", [3, 3, 0, 0, 0, 0, 560, 511, 0]),
            ("cultural-social", [18, 17, 1, 0, 0, 0, 7470, 6388, 11]),
            ("education", [16, 13, 0, 0, 1, 2, 161_454, 149_478, 8]),
            ("science-technology", [2, 2, 0, 0, 0, 0, 260, 323, 0]),
            ("construction", [13, 11, 1, 0, 0, 1, 1920, 1694, 6]),
            ("economy-services", [12, 10, 0, 1, 0, 1, 2945, 2494, 4]),
            ("cyberspace", [4, 3, 0, 1, 0, 0, 5380, 4660, 1]),
            ("neighbourhood", [11, 10, 0, 0, 0, 1, 4490, 4730, 4]),
            ("camping-tourism", [9, 7, 0, 2, 0, 0, 3310, 3080, 7]),
            ("women-family", [5, 4, 0, 0, 0, 1, 3870, 3870, 4]),
            ("planning", [4, 2, 0, 0, 1, 1, 470, 308, 0]),
        ]
    );
    // Every reported programme has an expected number here: the like for
    // like comparison is all that came, against what the 84 programmes
    // that took place expected.
    assert_eq!(x["totals"]["actual_of_expected"], 177_536);
    assert_eq!(x["totals"]["expected_of_reported"], 190_609);
    // What is owed, office by office: seven offices, one programme each.
    let owed: Vec<(&str, &str, usize)> = x["unreported"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["headquarters"].as_str().unwrap(),
                o["county"].as_str().unwrap(),
                o["programmes"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(owed.len(), 7, "{owed:?}");
    assert!(owed.contains(&("planning", "bahmai", 1)), "{owed:?}");
    assert!(owed.iter().all(|o| o.2 == 1));
    // The most covered first: the two programmes with four media items.
    let most: Vec<(&str, u64)> = x["most_covered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["coverage"].as_u64().unwrap()))
        .collect();
    assert_eq!(most.len(), 10);
    assert_eq!(most[0].1, 4);
    assert_eq!(most[1].1, 4);
    assert!(most.windows(2).all(|w| w[0].1 >= w[1].1));
    // The women's domain of what was held, beside what was planned of the
    // same days (the due programmes).
    assert_eq!(x["women"]["planned"], json!({ "part": 55, "whole": 97 }));
    assert_eq!(x["women"]["held"], json!({ "part": 50, "whole": 84 }));
}

/// The English fixture's outcomes: only the robot league (400 expected,
/// 430 came) has both numbers, so the like-for-like comparison is 430
/// against 400, of the 3,380 reported; the night of talks (250 expected)
/// is owed.
#[test]
fn actual_participants_compare_like_for_like_with_the_expected() {
    let out = common::rooz(
        &["report", "--root", ".", "--format", "json"],
        &common::fixture("en-week"),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    let t = &report["execution"]["totals"];
    assert_eq!(
        (
            &t["expected_participants"],
            &t["actual_participants"],
            &t["expected_of_reported"],
            &t["actual_of_expected"]
        ),
        (&json!(650), &json!(3380), &json!(400), &json!(430))
    );
    assert_eq!(t["unreported"], 1);
}
