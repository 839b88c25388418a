//! After the week: the example's outcomes on its pages — the gallery's
//! photos exist at the sizes their pages declare, the coverage links, the
//! held marks, the week in review, the bulletins' outcomes column — and
//! `--as-of` moving what is owed.

mod common;

use std::fs;
use std::path::Path;

/// The value of `name="…"` in one tag.
fn attr<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// The `<img …>` tags of a page's galleries, with the link around each.
fn gallery_images(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<ul class=\"gallery\">") {
        let list = &rest[at..];
        let end = list.find("</ul>").unwrap();
        for item in list[..end].split("<li>").skip(1) {
            let link = item.split('>').next().unwrap().to_string();
            let img = item[item.find("<img").unwrap()..]
                .split('>')
                .next()
                .unwrap()
                .to_string();
            out.push((link, img));
        }
        rest = &list[end..];
    }
    out
}

fn pixels(file: &Path) -> (u32, u32) {
    image::ImageReader::open(file)
        .unwrap()
        .with_guessed_format()
        .unwrap()
        .into_dimensions()
        .unwrap()
}

#[test]
fn gallery_photos_exist_at_the_sizes_their_pages_declare() {
    let site = common::example();
    let out = common::build_pages(site.path());
    let mut checked = 0;
    for page in common::files_ending(&out.join("programs"), "index.html") {
        let html = fs::read_to_string(&page).unwrap();
        let dir = page.parent().unwrap();
        for (link, img) in gallery_images(&html) {
            let src = dir.join(attr(&img, "src").unwrap());
            let declared: (u32, u32) = (
                attr(&img, "width").unwrap().parse().unwrap(),
                attr(&img, "height").unwrap().parse().unwrap(),
            );
            assert_eq!(pixels(&src), declared, "{}", src.display());
            assert!(declared.0 <= 480, "a thumbnail: {declared:?}");
            assert_eq!(attr(&img, "loading"), Some("lazy"));
            assert!(attr(&img, "alt").is_some_and(|a| a.chars().count() > 5));
            // The full size is linked: at most 1600 px wide, in the same
            // proportions as the thumbnail.
            let full = dir.join(attr(&format!("{link}>"), "href").unwrap());
            let (w, h) = pixels(&full);
            assert!(w <= 1600 && w > declared.0, "{}: {w}×{h}", full.display());
            let ratio = |(w, h): (u32, u32)| f64::from(w) / f64::from(h);
            assert!((ratio((w, h)) - ratio(declared)).abs() < 0.01);
            checked += 1;
        }
    }
    // Four programmes of the example have a photo each.
    assert_eq!(checked, 4);
    // The photos drawn for the example are 1600 × 1067: the full size
    // keeps them, the thumbnail is 480 × 320.
    let full = out.join("photos/media/outcomes/sports-field.jpg/1600.jpg");
    assert_eq!(pixels(&full), (1600, 1067));
    assert_eq!(
        pixels(&out.join("photos/media/outcomes/sports-field.jpg/480.jpg")),
        (480, 320)
    );
}

#[test]
fn a_programme_page_shows_its_outcome_and_cards_their_marks() {
    let site = common::example();
    let out = common::build_pages(site.path());
    let page = |p: &str| fs::read_to_string(out.join(p).join("index.html")).unwrap();
    let gathering = page("programs/students-central-gathering");
    let text = common::visible_text(&gathering);
    assert!(text.contains("گزارش اجرا"), "{text}");
    assert!(text.contains("برگزار شد"));
    // Persian digits with the Arabic thousands separator (U+066C).
    assert!(text.contains("۸٬۴۰۰"), "{text}");
    // Every coverage link is https and leaves the site.
    let links: Vec<&str> = gathering
        .match_indices("rel=\"external noopener\"")
        .map(|(i, _)| &gathering[..i])
        .map(|before| before.rsplit("href=\"").next().unwrap())
        .collect();
    assert_eq!(links.len(), 4, "four media items");
    assert!(links.iter().all(|l| l.starts_with("https://example.org/")));
    // Not held, postponed and unreported programmes say so on their cards.
    let days = page("days/1405-08-30");
    assert!(days.contains("outcome-mark held-yes"));
    let unreported = page("programs/farmers-jobs-visit");
    assert!(common::visible_text(&unreported).contains("بی‌گزارش"));
    let postponed = page("programs/students-oak-planting");
    assert!(common::visible_text(&postponed).contains("به تعویق افتاد"));
    // The week in review, linked from the home page.
    assert!(page("").contains("review/index.html"));
    let review = common::visible_text(&page("review"));
    assert!(review.contains("مرور هفته") && review.contains("پربازتاب‌ترین برنامه‌ها"));
    // A reported day's bulletin has the outcomes column; a later one not.
    assert!(page("bulletins/1405-08-30").contains(">نتیجه</th>"));
    assert!(!page("bulletins/1405-09-04").contains(">نتیجه</th>"));
}

#[test]
fn as_of_on_the_command_line_moves_what_is_owed() {
    let site = common::example();
    let report = |as_of: &str| {
        let out = common::rooz(
            &["report", "--format", "json", "--as-of", as_of],
            site.path(),
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
        let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        json["execution"]["totals"]["unreported"].as_u64().unwrap()
    };
    assert_eq!(report("1405-09-02"), 7);
    // Two days later, the programmes of 09-03 and 09-04 are owed too.
    assert!(report("1405-09-04") > 7);
    // Before the week nothing is owed, and the outcomes given are early.
    let out = common::rooz(&["check", "--as-of", "1405-08-28"], site.path());
    assert_eq!(out.code, 0);
    assert!(!out.stderr.contains("without an outcome"), "{}", out.stderr);
    assert!(out.stderr.contains("after the reporting day 1405-08-28"));
}
