//! The site, cards, bulletins and report as their readers see them: a
//! media team posting from a phone, staff printing the bulletin, organisers
//! reading the package. Each test pins one thing a reader tripped over.
//! (The browser's side of it — tables, the calendar on a phone, separators
//! at line starts — is in tests/browser/site.mjs.)

mod common;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The example week built with Vazirmatn, and what the build said.
fn example_built() -> (tempfile::TempDir, PathBuf, String) {
    let site = common::example();
    let (out, summary) = common::build_with_fonts(site.path());
    (site, out, summary)
}

fn page(out: &Path, path: &str) -> String {
    fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The `<main>` of a page.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a main element");
    let end = html.find("</main>").expect("a main element");
    &html[start..end]
}

fn is_persian_digit(c: char) -> bool {
    ('۰'..='۹').contains(&c)
}

/// Where a middle dot (or a bullet that reads like one) stands in `text`,
/// with what is around it.
fn dots(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c, '·' | '•' | '∙' | '⋅'))
        .map(|(i, _)| {
            chars[i.saturating_sub(12)..(i + 12).min(chars.len())]
                .iter()
                .collect()
        })
        .collect()
}

#[test]
fn no_dot_stands_beside_a_persian_digit_in_any_page_or_pdf() {
    let (_site, out, _) = example_built();
    let mut found = Vec::new();
    for file in common::files_ending(&out, ".html") {
        let text = common::visible_text(&fs::read_to_string(&file).unwrap());
        for d in dots(&text) {
            found.push(format!(
                "{}: «{d}»",
                file.strip_prefix(&out).unwrap().display()
            ));
        }
    }
    for file in common::files_ending(&out, ".pdf") {
        for (n, text) in common::pdf_pages(&file).iter().enumerate() {
            for d in dots(text) {
                found.push(format!(
                    "{} page {}: «{d}»",
                    file.strip_prefix(&out).unwrap().display(),
                    n + 1
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "separators that read as a zero:\n{}",
        found.join("\n")
    );
    // The lines that had them still hold both parts, apart.
    let day = page(&out, "bulletins/1405-08-29/index.html");
    assert!(
        day.contains("<p class=\"parts\"><span><strong>"),
        "the figures line is in parts"
    );
    assert!(
        common::visible_text(&day).chars().any(is_persian_digit),
        "Persian digits are still there"
    );
}

#[test]
fn a_footer_without_hashtags_or_organiser_has_no_stray_separator() {
    let site = common::site("base-fa");
    let event = site.path().join("content/event.yaml");
    let text = fs::read_to_string(&event)
        .unwrap()
        .replace("hashtags: [\"#هفته_آزمون\"]\n", "");
    fs::write(&event, text).unwrap();
    let out = site.path().join("out");
    let o = common::rooz(&["build", "--root", ".", "--output", "out"], site.path());
    assert_eq!(o.code, 0, "{}", o.stderr);
    let home = page(&out, "index.html");
    let footer = &home[home.find("<footer").unwrap()..];
    // Each part is its own element; nothing stands for a missing one.
    assert!(
        footer.contains("<p class=\"parts\"><span>ساخته‌شده با rooz</span></p>"),
        "{footer}"
    );
}

#[test]
fn phone_numbers_are_tappable_and_read_left_to_right() {
    let (_site, out, _) = example_built();
    let html = page(&out, "programs/artists-central-poetry-night/index.html");
    assert!(
        html.contains("<dd>بسیج هنرمندان استان، <bdi dir=\"ltr\"><a href=\"tel:07433220011\">۰۷۴-۳۳۲۲۰۰۱۱</a></bdi></dd>"),
        "{}",
        main_of(&html)
    );
    // Every contact of the week: each number is a link, its href in ASCII.
    for file in common::files_ending(&out.join("programs"), "index.html") {
        let html = fs::read_to_string(&file).unwrap();
        for (i, _) in html.match_indices("href=\"tel:") {
            let href = html[i + 6..].split('"').next().unwrap();
            assert!(
                href[4..].chars().all(|c| c.is_ascii_digit() || c == '+'),
                "{}: {href}",
                file.display()
            );
        }
    }
    // In the press kit's plain text, the number sits between LTR isolates.
    let facts = zip_entry(
        &out.join("highlights/nomads-central-women-handicraft-market/press-kit.zip"),
        "facts.txt",
    );
    assert!(
        facts.contains("هماهنگی: بسیج عشایر استان، \u{2066}۰۷۴-۵۲۲۲۰۰۰۳\u{2069}"),
        "{facts}"
    );
}

fn zip_entry(zip: &Path, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(fs::File::open(zip).unwrap()).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_persian_report_speaks_persian_with_names() {
    let (_site, out, _) = example_built();
    let html = page(&out, "report/index.html");
    let shown = common::visible_text(&html);
    for english in [
        "women's domain",
        "has no",
        "headquarters of",
        "county '",
        "margown",
    ] {
        let outside_details: String = shown
            .split("برای ویرایشگران محتوا")
            .map(|part| part.split("women-share").next().unwrap_or(part))
            .collect();
        assert!(
            !outside_details.contains(english),
            "English finding text on the Persian report: {english}"
        );
    }
    assert!(
        shown.contains("قرارگاه شهرستان مارگون فرمانده ناحیه ندارد."),
        "the staff finding, named"
    );
    assert!(
        shown.contains(
            "شهرستان بویراحمد: ۴۱٪ از برنامه‌ها در حوزه زنان است (۱۸ از ۴۳)؛ هدف دست‌کم ۵۰٪ است."
        ),
        "the women's-share finding, in Persian digits"
    );
    // Where it comes from is kept, for editors.
    assert!(
        html.contains("<details class=\"for-editors\"><summary>برای ویرایشگران محتوا</summary>")
    );
    assert!(html.contains("content/event.yaml:186:9"));
    let pdf = common::pdf_text(&out.join("report/report.pdf"));
    assert!(
        common::pdf_has(&pdf, "قرارگاه شهرستان مارگون فرمانده ناحیه ندارد"),
        "{pdf}"
    );
    assert!(!pdf.contains("domain"), "no English finding in the PDF");
    // The staff table names the roles as the event does.
    assert!(html.contains("<th scope=\"col\">فرماندار</th><th scope=\"col\">فرمانده ناحیه</th>"));
}

#[test]
fn the_english_report_names_things_by_their_titles_and_roles() {
    let site = common::site("en-week");
    let (out, _) = common::build_with_fonts(site.path());
    let html = page(&out, "report/index.html");
    let shown = common::visible_text(main_of(&html));
    assert!(
        shown.contains("Old Town: 33% of its programmes are in the women's domain (1 of 3); the target is at least 40%."),
        "{shown}"
    );
    let findings = &shown[shown.find("Findings").unwrap()..];
    assert!(
        !findings
            .split("For editors")
            .next()
            .unwrap()
            .contains("old-town"),
        "no slug in the finding"
    );
    assert!(html.contains(
        "<th scope=\"col\">District manager</th><th scope=\"col\">Community officer</th>"
    ));
    let counties = common::visible_text(&page(&out, "counties/index.html"));
    assert!(
        counties.contains("led by its District manager with its Community officer as secretary")
    );
    assert!(!counties.contains("governor"));
}

#[test]
fn report_day_rows_carry_their_date() {
    let (_site, out, _) = example_built();
    let html = page(&out, "report/index.html");
    assert!(
        html.contains(
            "<tr><th scope=\"row\"><span class=\"row-date\">۲۹ آبان</span> بسیج، مسجد و محله</th>"
        ),
        "day rows: date and theme"
    );
    // The bars are text, at text size: no SVG scaled down to 7 px.
    assert!(html.contains("<span class=\"bar-label\">۲۹ آبان — بسیج، مسجد و محله</span>"));
}

/// The lines of a page of `pdftotext -layout` output, trimmed, non-empty.
fn lines(page: &str) -> Vec<&str> {
    page.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn continuation_pages_say_whose_day_they_are_and_no_band_is_left_at_a_foot() {
    let (_site, out, _) = example_built();
    let event = rooz::load::load(&common::repo())
        .unwrap()
        .result
        .unwrap_or_else(|_| panic!("loads"));
    let bands: Vec<&str> = event
        .headquarters
        .iter()
        .map(|h| h.title.as_str())
        .collect();
    let pages = common::pdf_pages(&out.join("bulletins/week.pdf"));
    let mut continued = 0;
    for (n, text) in pages.iter().enumerate() {
        let l = lines(text);
        let starts_a_day = text.contains("موضوع روز");
        if !starts_a_day {
            continued += 1;
            // pdftotext shows an RTL line in visual order: look for the words.
            let head = l[0];
            assert!(
                head.contains("بسیج")
                    && head.contains("هفته")
                    && head.chars().any(is_persian_digit),
                "page {} has no running header: {head:?}",
                n + 1
            );
        }
        // The last line above the footer is never a headquarters band.
        let last = l[l.len().saturating_sub(2)];
        assert!(
            !bands.contains(&last),
            "page {} ends with the band «{last}»",
            n + 1
        );
    }
    assert!(continued > 0, "the week runs onto continuation pages");
    // The printed page has the same running header, off its first page.
    let html = page(&out, "bulletins/1405-08-29/index.html");
    assert!(
        html.contains(
            "@top-center { content: \"هفته بسیج — بسیج، مسجد و محله — جمعه ۲۹ آبان ۱۴۰۵\""
        )
    );
    assert!(html.contains("@page :first { @top-center { content: none; } }"));
    assert!(
        html.contains("<tr class=\"band-row\""),
        "the band is in the table head"
    );
}

#[test]
fn multi_day_programmes_keep_their_gregorian_end() {
    let (_site, out, _) = example_built();
    let html = page(
        &out,
        "programs/nomads-central-women-handicraft-market/index.html",
    );
    assert!(
        html.contains("<bdi>۲۳ نوامبر ۲۰۲۶ تا ۲۵ نوامبر ۲۰۲۶</bdi>"),
        "{}",
        main_of(&html)
    );
    let facts = zip_entry(
        &out.join("highlights/nomads-central-women-handicraft-market/press-kit.zip"),
        "facts.txt",
    );
    assert!(
        facts.contains("تاریخ میلادی: ۲۳ نوامبر ۲۰۲۶ تا ۲۵ نوامبر ۲۰۲۶"),
        "{facts}"
    );
}

#[test]
fn an_english_event_shows_each_date_once() {
    let site = common::site("en-week");
    let (out, _) = common::build_with_fonts(site.path());
    for (path, date) in [
        ("index.html", "March 8, 2027 – March 11, 2027"),
        ("days/2027-03-09/index.html", "March 9, 2027"),
        ("programs/robot-league/index.html", "March 9, 2027"),
        ("highlights/robot-league/index.html", "March 9, 2027"),
        ("programs/open-labs/index.html", "March 10, 2027"),
        ("bulletins/2027-03-09/index.html", "March 9, 2027"),
    ] {
        let html = page(&out, path);
        // The programme's facts, or the page's lead (not its breadcrumb).
        let main = main_of(&html);
        let part = main
            .find("<dl class=\"facts\">")
            .map_or(main, |i| &main[i..]);
        let n = common::visible_text(part).matches(date).count();
        assert_eq!(n, 1, "{path}: «{date}» {n} times");
    }
}

#[test]
fn programmes_without_a_county_have_a_page_of_their_own() {
    let site = common::site("base-fa");
    let (out, _) = common::build_with_fonts(site.path());
    let html = page(&out, "province-wide/index.html");
    assert!(html.contains("<h1>استانی</h1>"));
    assert!(html.contains("programs/teachers-cancelled-hike/index.html"));
    let counties = page(&out, "counties/index.html");
    assert!(counties.contains("<a href=\"../province-wide/index.html\">استانی</a>"));
    let programme = page(&out, "programs/teachers-cancelled-hike/index.html");
    assert!(programme.contains("<a href=\"../../province-wide/index.html\">استانی</a>"));
}

#[test]
fn downloads_carry_the_programme_and_the_events_date() {
    let (_site, out, _) = example_built();
    let id = "nomads-central-women-handicraft-market";
    let html = page(&out, &format!("highlights/{id}/index.html"));
    for size in ["1200x630", "1080x1080", "1080x1920"] {
        assert!(
            html.contains(&format!("download=\"{id}-{size}.png\"")),
            "{size}"
        );
    }
    assert!(html.contains(&format!("download=\"{id}-press-kit.zip\"")));
    // The caption is shared with its hashtags, and the square card with it.
    assert!(
        html.contains("data-text=\"گبه، جاجیم و سیاه‌چادر"),
        "caption"
    );
    assert!(html.contains(&format!(
        "#زنان_عشایر #گبه_عشایری\" data-card=\"../../highlights/{id}/card-1080x1080.png\""
    )));
    // The URL under the QR code: left to right, wrapping at its slashes.
    assert!(html.contains(
        "<p class=\"url\" dir=\"ltr\">https:/<wbr>/<wbr>example.org/<wbr>basij-week/<wbr>"
    ));
    let mut archive = zip::ZipArchive::new(
        fs::File::open(out.join(format!("highlights/{id}/press-kit.zip"))).unwrap(),
    )
    .unwrap();
    for i in 0..archive.len() {
        let entry = archive.by_index(i).unwrap();
        let date = entry.last_modified().unwrap();
        assert_eq!(
            (date.year(), date.month(), date.day()),
            (2026, 11, 20),
            "{}",
            entry.name()
        );
    }
}

#[test]
fn stories_keep_their_text_out_of_what_apps_cover() {
    let (_site, out, _) = example_built();
    let mut checked = 0;
    for card in common::files_ending(&out.join("highlights"), "card-1080x1920.png") {
        let img = image::open(&card).unwrap().to_rgb8();
        let (w, h) = img.dimensions();
        let background = *img.get_pixel(w / 2, h - 1);
        let id = card
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let photo = fs::read_to_string(out.join("programs").join(&id).join("index.html"))
            .unwrap()
            .contains("class=\"photo\"");
        // The headquarters stripe (31 px) runs along one edge: leave 40 px
        // of each side.
        let ink = |rows: std::ops::Range<u32>| {
            rows.flat_map(|y| (40..w - 40).map(move |x| (x, y)))
                .filter(|&(x, y)| {
                    let p = img.get_pixel(x, y);
                    (0..3)
                        .map(|i| (p[i] as i32 - background[i] as i32).abs())
                        .sum::<i32>()
                        > 60
                })
                .count()
        };
        assert_eq!(
            ink(h - 340..h),
            0,
            "{}: text in the bottom 340 px",
            card.display()
        );
        if !photo {
            assert_eq!(ink(0..250), 0, "{}: text in the top 250 px", card.display());
        }
        checked += 1;
    }
    assert!(checked >= 10, "{checked} stories");
}

#[test]
fn a_placeholder_base_url_is_pointed_out_once() {
    let (site, _out, summary) = example_built();
    assert_eq!(summary.matches("is a placeholder").count(), 1, "{summary}");
    let o = common::rooz_with(
        &[
            "build",
            "--root",
            ".",
            "--output",
            "out2",
            "--base-url",
            "https://basij-kb.ir/week/",
        ],
        site.path(),
        common::vazirmatn(),
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(!o.stderr.contains("placeholder"), "{}", o.stderr);
}

#[test]
fn a_cancelled_card_says_so_first_and_keeps_its_title_legible() {
    let site = common::site("base-fa");
    let (out, _) = common::build_with_fonts(site.path());
    let day = page(&out, "days/1405-09-01/index.html");
    let card = &day[day.find("is-cancelled").unwrap()..];
    let badge = card.find("badge cancelled").unwrap();
    let title = card.find("card-heading").unwrap();
    assert!(badge < title, "the badge comes before the title");
    let css = page(&out, "static/style.css");
    assert!(!css.contains("line-through"), "no line through any title");
}
