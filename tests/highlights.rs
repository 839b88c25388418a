//! Media highlights: pages, share cards (sizes, content, goldens, cache),
//! the Atom feed, OpenGraph, QR codes and press kits.

mod common;

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

const CARDS: [(&str, u32, u32); 3] = [
    ("card-1200x630.png", 1200, 630),
    ("card-1080x1080.png", 1080, 1080),
    ("card-1080x1920.png", 1080, 1920),
];

fn highlights(root: &Path) -> Vec<String> {
    let event = rooz::load::load(root)
        .unwrap()
        .result
        .unwrap_or_else(|_| panic!("loads"));
    event
        .programmes
        .iter()
        .filter(|p| p.highlight.is_some() && p.status.is_published())
        .map(|p| p.id.clone())
        .collect()
}

/// Share of pixels in a rectangle that differ clearly from `background`.
fn ink(
    img: &image::RgbaImage,
    x: std::ops::Range<u32>,
    y: std::ops::Range<u32>,
    background: [u8; 3],
) -> f64 {
    let (mut inked, mut all) = (0u64, 0u64);
    for py in y {
        for px in x.clone() {
            let p = img.get_pixel(px, py);
            let d: u32 = (0..3)
                .map(|i| (p[i] as i32 - background[i] as i32).unsigned_abs())
                .sum();
            inked += u64::from(d > 120);
            all += 1;
        }
    }
    inked as f64 / all as f64
}

#[test]
fn every_highlight_has_a_page_three_cards_a_press_kit_and_a_feed_entry() {
    // The example week of content/ (17 highlights) and both fixtures.
    for fixture in ["example", "base-fa", "en-week"] {
        let site = if fixture == "example" {
            let copy = tempfile::tempdir().unwrap();
            common::copy_tree(
                &common::repo().join("content"),
                &copy.path().join("content"),
            );
            copy
        } else {
            common::site(fixture)
        };
        let (out, _) = common::build_with_fonts(site.path());
        let ids = highlights(site.path());
        assert!(!ids.is_empty());
        for id in &ids {
            let dir = out.join("highlights").join(id);
            let page = fs::read_to_string(dir.join("index.html")).unwrap();
            for (file, w, h) in CARDS {
                let img = image::open(dir.join(file)).unwrap().to_rgba8();
                assert_eq!((img.width(), img.height()), (w, h), "{id}/{file}");
                // The title area holds text: it differs from the plain
                // background (#fbfaf7) in a clear share of its pixels.
                let title_rows = (h * 2 / 5)..(h * 3 / 5);
                let share = ink(&img, 0..w, title_rows, [0xfb, 0xfa, 0xf7]);
                assert!(
                    share > 0.02,
                    "{id}/{file}: only {share:.3} of the title area is inked"
                );
                assert!(
                    page.contains(&format!("{id}/{file}\"")),
                    "{id} links {file}"
                );
            }
            assert!(page.contains("press-kit.zip") && dir.join("press-kit.zip").is_file());
            assert!(
                page.contains("data-copy=\"caption-text\""),
                "copy-caption button"
            );
            assert!(page.contains("data-share"), "share button");
        }
        let feed_xml = fs::read(out.join("feed.xml")).unwrap();
        let feed = atom_syndication::Feed::read_from(&feed_xml[..]).unwrap();
        // No fixture has a cancelled highlight (those stay out of the feed).
        assert_eq!(
            feed.entries().len(),
            ids.len(),
            "{fixture}: one feed entry per highlight"
        );
        let newest = feed.entries().iter().map(|e| *e.updated()).max().unwrap();
        assert_eq!(
            *feed.updated(),
            newest,
            "the feed's updated is its newest entry"
        );
        assert!(feed.updated().to_rfc3339().as_str() > "2020", "never 1970");
    }
}

#[test]
fn the_feed_keeps_persian_text_and_content_dates() {
    let (out, _) = {
        let site = common::site("base-fa");
        let r = common::build_with_fonts(site.path());
        (fs::read_to_string(r.0.join("feed.xml")).unwrap(), site)
    };
    let feed = atom_syndication::Feed::read_from(out.as_bytes()).unwrap();
    assert_eq!(feed.title().as_str(), "هفته آزمون");
    let entry = &feed.entries()[0];
    assert_eq!(entry.title().as_str(), "صبحگاه مشترک دانش‌آموزان");
    assert_eq!(
        entry.summary().unwrap().as_str(),
        "صبحگاه مشترک هزار دانش‌آموز یاسوجی"
    );
    // 1405-08-29 at 08:00 in Tehran.
    assert_eq!(entry.updated().to_rfc3339(), "2026-11-20T08:00:00+03:30");
    assert_eq!(
        entry.links()[0].href(),
        "https://example.org/test/highlights/students-assembly/"
    );
}

#[test]
fn opengraph_tags_are_present_and_absolute() {
    let site = common::site("en-week");
    let (out, _) = common::build_with_fonts(site.path());
    for page in [
        "highlights/robot-league/index.html",
        "programs/robot-league/index.html",
    ] {
        let html = fs::read_to_string(out.join(page)).unwrap();
        for tag in [
            "<meta property=\"og:image\" content=\"https://science.example.net/2027/highlights/robot-league/card-1200x630.png\">",
            "<meta property=\"og:image:width\" content=\"1200\">",
            "<meta property=\"og:image:height\" content=\"630\">",
            "<meta property=\"og:image:alt\" content=\"Schools Robot League — Harbour Science Week\">",
            "<meta property=\"og:locale\" content=\"en\">",
            "<meta name=\"twitter:card\" content=\"summary_large_image\">",
        ] {
            assert!(html.contains(tag), "{page} lacks {tag}");
        }
        let url = if page.starts_with("highlights") {
            "https://science.example.net/2027/highlights/robot-league/"
        } else {
            "https://science.example.net/2027/programs/robot-league/"
        };
        assert!(
            html.contains(&format!("<meta property=\"og:url\" content=\"{url}\">")),
            "{page}"
        );
    }
    let fa = common::site("base-fa");
    let (out, _) = common::build_with_fonts(fa.path());
    let html = fs::read_to_string(out.join("highlights/students-assembly/index.html")).unwrap();
    assert!(html.contains("<meta property=\"og:locale\" content=\"fa\">"));
}

/// What a QR code drawn by rooz (an SVG of `M x y h w v h …` squares)
/// says, read by an independent decoder.
fn qr_text(svg: &str) -> String {
    let size: u32 = svg
        .split("width=\"")
        .nth(1)
        .and_then(|w| w.split('"').next())
        .and_then(|w| w.parse().ok())
        .unwrap();
    let mut img = image::GrayImage::from_pixel(size, size, image::Luma([255]));
    let path = svg
        .split(" d=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    for square in path.split('M').filter(|s| !s.is_empty()) {
        let numbers: Vec<u32> = square
            .split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .map(|n| n.parse().unwrap())
            .collect();
        let (x, y, w, h) = (numbers[0], numbers[1], numbers[2], numbers[3]);
        for dy in 0..h {
            for dx in 0..w {
                img.put_pixel(x + dx, y + dy, image::Luma([0]));
            }
        }
    }
    let mut prepared = rqrr::PreparedImage::prepare(img);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().unwrap().1
}

#[test]
fn the_qr_code_encodes_the_absolute_page_url() {
    let site = common::site("en-week");
    let (out, _) = common::build_with_fonts(site.path());
    let html = fs::read_to_string(out.join("highlights/robot-league/index.html")).unwrap();
    let svg = &html[html.find("<svg xmlns").unwrap()..];
    let svg = &svg[..svg.find("</svg>").unwrap() + 6];
    assert_eq!(
        qr_text(svg),
        "https://science.example.net/2027/highlights/robot-league/",
        "the page's QR code reads as its absolute URL"
    );
}

#[test]
fn the_press_kit_holds_cards_caption_facts_and_photo() {
    let site = common::site("en-week");
    let (out, _) = common::build_with_fonts(site.path());
    let bytes = fs::read(out.join("highlights/robot-league/press-kit.zip")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut names: Vec<String> = zip.file_names().map(str::to_string).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "caption.txt",
            "card-1080x1080.png",
            "card-1080x1920.png",
            "card-1200x630.png",
            "facts.txt",
            "photo.jpg"
        ]
    );
    let mut read = |name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
        s
    };
    let caption = read("caption.txt");
    assert!(caption.starts_with("Forty school teams, one arena"));
    assert!(caption.contains("#HarbourScience #RobotLeague"));
    let facts = read("facts.txt");
    assert!(
        facts.contains("Tuesday, March 9, 2027") && facts.contains("North Quay Sports Hall"),
        "{facts}"
    );
    assert!(facts.contains("https://science.example.net/2027/highlights/robot-league/"));
    let card = fs::read(out.join("highlights/robot-league/card-1200x630.png")).unwrap();
    let mut in_zip = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_name("card-1200x630.png").unwrap(), &mut in_zip)
        .unwrap();
    assert!(card == in_zip, "the kit's card is the published one");
}

#[test]
fn a_rebuild_with_nothing_changed_renders_no_card_and_leaves_card_files_untouched() {
    let site = common::site("base-fa");
    let (out, first) = common::build_with_fonts(site.path());
    // 3 cards, the bulletins and the report, all new.
    let (made, kept) = typeset(&first);
    assert!(made >= 3 && kept == 0, "{first}");
    let stat = |p: &Path| {
        let m = fs::metadata(p).unwrap();
        (m.ino(), m.mtime(), m.mtime_nsec(), fs::read(p).unwrap())
    };
    let dir = out.join("highlights/students-assembly");
    let before: Vec<_> = CARDS.iter().map(|(f, ..)| stat(&dir.join(f))).collect();
    let (_, second) = common::build_with_fonts(site.path());
    assert_eq!(typeset(&second), (0, made), "{second}");
    let after: Vec<_> = CARDS.iter().map(|(f, ..)| stat(&dir.join(f))).collect();
    assert!(
        before == after,
        "card files changed (inode, mtime or bytes)"
    );
    // A changed title renders again, and only that programme's cards.
    let file = site.path().join("content/programs/students.yaml");
    let yaml = fs::read_to_string(&file)
        .unwrap()
        .replace("صبحگاه مشترک دانش‌آموزان", "صبحگاه بزرگ دانش‌آموزان");
    fs::write(&file, yaml).unwrap();
    let (_, third) = common::build_with_fonts(site.path());
    // Its 3 cards again, and the documents that show its title; not the rest.
    let (again, kept) = typeset(&third);
    assert!(again >= 3 && kept > 0 && again + kept == made, "{third}");
}

/// Mean absolute difference per channel, and the share of pixels that
/// differ by more than a quarter of the range.
fn difference(a: &image::RgbaImage, b: &image::RgbaImage) -> (f64, f64) {
    let (mut sum, mut far, n) = (0u64, 0u64, (a.width() * a.height()) as u64);
    for (p, q) in a.pixels().zip(b.pixels()) {
        let d: u32 = (0..3)
            .map(|i| (p[i] as i32 - q[i] as i32).unsigned_abs())
            .sum();
        sum += u64::from(d);
        far += u64::from(d > 192);
    }
    (sum as f64 / (3 * n) as f64, far as f64 / n as f64)
}

#[test]
fn cards_match_their_goldens() {
    let bless = std::env::var_os("ROOZ_BLESS").is_some();
    let golden = common::repo().join("tests/golden");
    for (fixture, id, files) in [
        ("base-fa", "students-assembly", &CARDS[..]),
        ("en-week", "robot-league", &CARDS[..1]),
    ] {
        let site = common::site(fixture);
        let (out, _) = common::build_with_fonts(site.path());
        for (file, ..) in files {
            let made = out.join("highlights").join(id).join(file);
            let name = format!("{fixture}-{file}");
            if bless {
                fs::create_dir_all(&golden).unwrap();
                fs::copy(&made, golden.join(&name)).unwrap();
            }
            let a = image::open(&made).unwrap().to_rgba8();
            let b = image::open(golden.join(&name))
                .unwrap_or_else(|e| panic!("{name}: {e} (ROOZ_BLESS=1 makes it)"))
                .to_rgba8();
            assert_eq!(a.dimensions(), b.dimensions(), "{name}");
            let (mean, far) = difference(&a, &b);
            assert!(
                mean < 1.5 && far < 0.005,
                "{name} differs from its golden: mean {mean:.2}, {:.2}% far",
                far * 100.0
            );
        }
    }
}

/// (typeset, reused) from the build summary line.
fn typeset(summary: &str) -> (usize, usize) {
    // "…; typeset 13, 0 from the cache…"
    let rest = summary
        .split("; typeset ")
        .nth(1)
        .unwrap_or_else(|| panic!("no summary in {summary}"));
    let (made, rest) = rest.split_once(", ").unwrap();
    let kept = rest.split(' ').next().unwrap();
    (made.parse().unwrap(), kept.parse().unwrap())
}

#[test]
fn a_site_can_replace_the_card_template() {
    let site = common::site("en-week");
    fs::create_dir_all(site.path().join("templates")).unwrap();
    fs::write(
        site.path().join("templates/card.typ"),
        "#let data = json(bytes(sys.inputs.data))\n#set page(width: data.width * 1pt, height: data.height * 1pt, margin: 0pt, fill: rgb(\"#ff0000\"))\n#data.title\n",
    )
    .unwrap();
    let (out, _) = common::build_with_fonts(site.path());
    let img = image::open(out.join("highlights/robot-league/card-1080x1080.png"))
        .unwrap()
        .to_rgba8();
    assert_eq!(img.dimensions(), (1080, 1080));
    assert_eq!(
        img.get_pixel(1000, 1000).0,
        [255, 0, 0, 255],
        "the site's own card template made it"
    );
}

#[test]
fn a_cancelled_highlight_is_marked_on_its_cards_and_left_out_of_the_feed() {
    let site = common::site("base-fa");
    let file = site.path().join("content/programs/teachers.yaml");
    let yaml = fs::read_to_string(&file).unwrap().replace(
        "    status: cancelled\n",
        "    status: cancelled\n    highlight:\n      summary: کوهپیمایی لغو شد\n",
    );
    fs::write(&file, yaml).unwrap();
    let (out, _) = common::build_with_fonts(site.path());
    let feed =
        atom_syndication::Feed::read_from(&fs::read(out.join("feed.xml")).unwrap()[..]).unwrap();
    let titles: Vec<&str> = feed.entries().iter().map(|e| e.title().as_str()).collect();
    assert_eq!(
        titles,
        ["صبحگاه مشترک دانش‌آموزان"],
        "only the active highlight"
    );
    // Each card says so in a red label first, above the title, which stays
    // legible (nothing red crosses it).
    for file in [
        "card-1200x630.png",
        "card-1080x1080.png",
        "card-1080x1920.png",
    ] {
        let card = image::open(out.join("highlights/teachers-cancelled-hike").join(file))
            .unwrap()
            .to_rgba8();
        let red: Vec<u32> = card
            .enumerate_pixels()
            .filter(|(_, _, p)| p[0] > 150 && p[1] < 60 && p[2] < 60)
            .map(|(_, y, _)| y)
            .collect();
        assert!(
            red.len() > 2_000,
            "{file}: a red cancelled label ({} red pixels)",
            red.len()
        );
        let lowest = *red.iter().max().unwrap() as f64 / card.height() as f64;
        assert!(
            lowest < 0.25,
            "{file}: the label stays above the title (red down to {lowest:.2} of the height)"
        );
    }
    let page =
        fs::read_to_string(out.join("highlights/teachers-cancelled-hike/index.html")).unwrap();
    assert!(
        page.contains("class=\"notice\""),
        "the page says it is cancelled"
    );
}

#[test]
fn a_title_too_long_for_its_card_is_reported_on_every_build() {
    let site = common::site("base-fa");
    let file = site.path().join("content/programs/students.yaml");
    let long = "صبحگاه مشترک دانش‌آموزان استان ".repeat(60);
    let yaml = fs::read_to_string(&file)
        .unwrap()
        .replace("title: صبحگاه مشترک دانش‌آموزان", &format!("title: {long}"));
    fs::write(&file, yaml).unwrap();
    for build in ["first", "cached"] {
        let (_, summary) = common::build_with_fonts(site.path());
        assert!(
            summary.contains("warning: highlights/students-assembly/card-1080x1920.png: the title does not fit its"),
            "{build} build:\n{summary}"
        );
    }
}
