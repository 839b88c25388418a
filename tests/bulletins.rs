//! Daily bulletins as PDF: page size and count read from the file, every
//! programme of the day in its text, a section per day in the week's PDF,
//! 60 programmes within 4 pages, and an empty day that says so.

mod common;

use std::fs;
use std::path::Path;

use rooz::model::Event;

fn build(site: &Path) -> std::path::PathBuf {
    common::build_with_fonts(site).0
}

fn load(root: &Path) -> Event {
    rooz::load::load(root)
        .unwrap()
        .result
        .unwrap_or_else(|_| panic!("loads"))
}

/// Width and height in points of every page.
fn page_sizes(pdf: &Path) -> Vec<(f32, f32)> {
    let doc = lopdf::Document::load(pdf).unwrap();
    doc.get_pages()
        .values()
        .map(|&id| {
            let page = doc.get_dictionary(id).unwrap();
            let media = page.get(b"MediaBox").unwrap().as_array().unwrap();
            let n = |i: usize| {
                media[i]
                    .as_float()
                    .unwrap_or_else(|_| media[i].as_i64().unwrap() as f32)
            };
            (n(2) - n(0), n(3) - n(1))
        })
        .collect()
}

/// The day's theme and every published programme running that day are in
/// the text.
fn assert_holds_the_day(event: &Event, day: &rooz::model::Day, text: &str) {
    for p in event
        .programmes
        .iter()
        .filter(|p| p.status.is_published() && p.runs_on(day.date))
    {
        assert!(
            common::pdf_has(text, &p.title),
            "{:?}: '{}' is not in the PDF",
            day.date,
            p.title
        );
    }
    assert!(
        common::pdf_has(text, &day.title),
        "{:?}: the day's theme",
        day.date
    );
}

#[test]
fn a_pdf_per_day_on_a4_with_every_programme_of_the_day() {
    for (fixture, size) in [("base-fa", (595.0, 842.0)), ("en-week", (612.0, 792.0))] {
        let site = common::site(fixture);
        let out = build(site.path());
        let event = load(site.path());
        for day in &event.days {
            let pdf = out.join(format!("bulletins/{}.pdf", day.date.code(event.calendar)));
            let sizes = page_sizes(&pdf);
            assert!(!sizes.is_empty());
            for (w, h) in &sizes {
                assert!(
                    (w - size.0).abs() < 1.5 && (h - size.1).abs() < 1.5,
                    "{fixture}: page {w}×{h}"
                );
            }
            assert_holds_the_day(&event, day, &common::pdf_text(&pdf));
        }
    }
}

#[test]
fn the_example_weeks_bulletins_hold_every_programme() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = common::rooz_with(
        &["build", "--output", out.to_str().unwrap()],
        &common::repo(),
        common::vazirmatn(),
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let event = load(&common::repo());
    let week = common::pdf_text(&out.join("bulletins/week.pdf"));
    for day in &event.days {
        let text =
            common::pdf_text(&out.join(format!("bulletins/{}.pdf", day.date.code(event.calendar))));
        assert_holds_the_day(&event, day, &text);
        assert!(
            common::pdf_has(&week, &day.title),
            "week.pdf has a section for {:?}",
            day.date
        );
    }
    // The PDF's own metadata: title and language.
    let doc = lopdf::Document::load(out.join("bulletins/week.pdf")).unwrap();
    let lang = doc
        .catalog()
        .unwrap()
        .get(b"Lang")
        .unwrap()
        .as_str()
        .unwrap()
        .to_vec();
    assert_eq!(lang, b"fa");
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|o| o.as_reference())
        .and_then(|r| doc.get_dictionary(r))
        .unwrap();
    let title = lopdf::decode_text_string(info.get(b"Title").unwrap()).unwrap();
    assert_eq!(title, "هفته بسیج — بولتن‌های روزانه");

    // Fonts are embedded, not Type 3 (static weights).
    for object in doc.objects.values() {
        if let Ok(d) = object.as_dict()
            && d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"Font".as_slice())
        {
            assert_ne!(d.get(b"Subtype").unwrap().as_name().unwrap(), b"Type3");
        }
    }
}

#[test]
fn week_pdf_has_one_section_per_day_each_on_its_own_page() {
    let site = common::site("base-fa");
    let out = build(site.path());
    let event = load(site.path());
    let week_pages = page_sizes(&out.join("bulletins/week.pdf")).len();
    let day_pages: usize = event
        .days
        .iter()
        .map(|d| {
            page_sizes(&out.join(format!("bulletins/{}.pdf", d.date.code(event.calendar)))).len()
        })
        .sum();
    assert_eq!(week_pages, day_pages, "each day starts a new page");
    let doc = lopdf::Document::load(out.join("bulletins/week.pdf")).unwrap();
    let outline = doc.get_toc().map(|t| t.toc.len()).unwrap_or(0);
    assert_eq!(outline, event.days.len(), "a bookmark per day");
}

#[test]
fn sixty_programmes_fit_in_four_pages_and_an_empty_day_says_so() {
    let site = common::site("base-fa");
    let mut yaml = String::from("stratum: teachers\nprograms:\n");
    let hqs = ["education", "cultural-social"];
    for i in 0..60 {
        yaml.push_str(&format!(
            "  - id: busy-{i}\n    title: نشست هم‌اندیشی فرهنگیان و خانواده‌ها درباره آینده مدرسه شماره {i}\n    date: 1405-08-30\n    start: \"{:02}:{:02}\"\n    end: \"{:02}:{:02}\"\n    headquarters: {}\n    axes: [hope]\n    county: boyer-ahmad\n    venue: سالن اجتماعات آموزش و پرورش ناحیه یک یاسوج، طبقه {i}\n    women: true\n{}\n",
            7 + i / 6,
            (i % 6) * 10,
            8 + i / 6,
            (i % 6) * 10,
            hqs[i % 2],
            if i == 0 { "    central: true" } else { "" },
        ));
    }
    fs::write(site.path().join("content/programs/teachers.yaml"), yaml).unwrap();
    // Move the students' programmes off 1405-09-01, leaving it empty.
    let students = site.path().join("content/programs/students.yaml");
    fs::write(
        &students,
        fs::read_to_string(&students)
            .unwrap()
            .replace("date: 1405-09-01", "date: 1405-08-29"),
    )
    .unwrap();
    let out = build(site.path());
    let busy = page_sizes(&out.join("bulletins/1405-08-30.pdf")).len();
    assert!(busy <= 4, "60 programmes took {busy} pages");
    let text = common::pdf_text(&out.join("bulletins/1405-08-30.pdf"));
    for i in 0..60 {
        let title = format!("نشست هم‌اندیشی فرهنگیان و خانواده‌ها درباره آینده مدرسه شماره {i}");
        assert!(common::pdf_has(&text, &title), "{title}");
    }

    let empty = common::pdf_text(&out.join("bulletins/1405-09-01.pdf"));
    assert!(
        common::pdf_has(&empty, "برای این روز هنوز برنامه‌ای منتشر نشده است."),
        "{empty}"
    );
    assert_eq!(page_sizes(&out.join("bulletins/1405-09-01.pdf")).len(), 1);
}

#[test]
fn a_rebuild_reuses_the_pdfs() {
    let site = common::site("base-fa");
    build(site.path());
    let o = common::rooz_with(
        &["build", "--root", ".", "--output", "out"],
        site.path(),
        common::vazirmatn(),
    );
    assert!(o.stderr.contains("; typeset 0, "), "{}", o.stderr);
}
