//! The hostile fixture (`tests/fixtures/hostile`, written by its `make.py`):
//! every text field of the event and of its programmes carries script
//! tags, handlers, `javascript:` and `data:` URLs, quote breakers,
//! `</script>` and `<!--`, template and CSS injection, typst markup and
//! code, CSV formula starters and a bidi override. It builds, and every
//! output carries those strings as inert text: no markup, no handler, no
//! style or script that the pages' Content-Security-Policy would not
//! allow, calendars and data that parse with the strings intact,
//! spreadsheets whose cells start no formula, PDFs that show the typst
//! code as text. What a browser does with the pages is checked in
//! tests/browser/hostile.mjs (scripts/test).

mod common;

use std::collections::BTreeSet;
use std::fs;

use common::html::{assert_pages_inert, decode, problems, tags};
use rooz::model::Event;

/// The build of the fixture, with Vazirmatn so its cards and PDFs are
/// real.
fn built() -> (tempfile::TempDir, Event) {
    built_saying().0
}

/// The build, and what it said.
fn built_saying() -> ((tempfile::TempDir, Event), String) {
    let site = common::site("hostile");
    let event = rooz::load::load(site.path())
        .unwrap()
        .result
        .unwrap_or_else(|_| panic!("the hostile fixture loads"));
    let (_, said) = common::build_with_fonts(site.path());
    ((site, event), said)
}

/// Whitespace runs made one space, for comparing texts across formats
/// that fold or keep tabs and line ends.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn titles(event: &Event) -> BTreeSet<String> {
    event.programmes.iter().map(|p| words(&p.title)).collect()
}

#[test]
fn every_page_keeps_the_hostile_strings_as_text() {
    let (site, event) = built();
    let out = site.path().join("out");
    let pages = assert_pages_inert(&out);
    assert!(pages > 40, "only {pages} pages");
    common::assert_links_resolve(&out);
    let mut raw_markers = Vec::new();
    for page in common::files_ending(&out, ".html") {
        let html = fs::read_to_string(&page).unwrap();
        // Content's `<` is always escaped, so none of its tags is here.
        for marker in ["<script>alert", "<img src=x", "<svg onload", "<style>body"] {
            if html.contains(marker) {
                raw_markers.push(format!("{}: {marker}", page.display()));
            }
        }
    }
    assert!(raw_markers.is_empty(), "{raw_markers:#?}");
    // Each programme's page shows its title as it was written: the template
    // syntax unevaluated, the quotes and brackets as text.
    for p in &event.programmes {
        let html = fs::read_to_string(out.join(format!("programs/{}/index.html", p.id))).unwrap();
        let text = words(&common::visible_text(&html));
        assert!(
            text.contains(&words(&p.title)),
            "{} does not show {:?}",
            p.id,
            p.title
        );
    }
    let template = event
        .programmes
        .iter()
        .find(|p| p.title.contains("{{ 7*7 }}"))
        .expect("a programme titled with template syntax");
    let html =
        fs::read_to_string(out.join(format!("programs/{}/index.html", template.id))).unwrap();
    assert!(html.contains("{{ 7*7 }}") && html.contains("{% raw %}"));
    // The description is on the page as the sanitiser made it, and what
    // it made links nowhere but to the web (its javascript:, data: and
    // vbscript: links are their text alone). (Its unclosed <svg> takes the text after it along:
    // ammonia drops a removed element's content.)
    let programme = &event.programmes[0];
    let description = programme.description.as_ref().expect("a description");
    let html =
        fs::read_to_string(out.join(format!("programs/{}/index.html", programme.id))).unwrap();
    let rendered = rooz::render::markdown::to_html(&description.0);
    assert!(html.contains(rendered.trim()), "{rendered}");
    assert!(
        rendered.starts_with("<p>link data vb <a href=\"https://example.org/\""),
        "the links' text stays, as text: {rendered}"
    );
    let hrefs: Vec<String> = tags(&rendered)
        .iter()
        .filter_map(|t| t.attr("href").map(str::to_string))
        .collect();
    assert_eq!(hrefs, ["https://example.org/"], "{rendered}");
}

/// A line of an iCalendar file unfolded and unescaped (RFC 5545 3.1, 3.3.11).
fn ics_values(ics: &str, property: &str) -> Vec<String> {
    let unfolded = ics.replace("\r\n ", "").replace("\r\n\t", "");
    unfolded
        .split("\r\n")
        .filter_map(|line| line.strip_prefix(&format!("{property}:")))
        .map(|v| {
            v.replace("\\n", "\n")
                .replace("\\N", "\n")
                .replace("\\,", ",")
                .replace("\\;", ";")
                .replace("\\\\", "\\")
        })
        .collect()
}

#[test]
fn calendars_data_and_feeds_carry_the_strings_intact() {
    let (site, event) = built();
    let out = site.path().join("out");
    let expected = titles(&event);

    let ics = fs::read_to_string(out.join(rooz::plan::CALENDAR_FILE)).unwrap();
    assert_eq!(
        ics.matches("BEGIN:VEVENT\r\n").count(),
        event.programmes.len()
    );
    assert!(
        ics.split("\r\n").all(|l| !l.contains(['\r', '\n'])),
        "a bare CR or LF inside a calendar line"
    );
    let summaries: BTreeSet<String> = ics_values(&ics, "SUMMARY")
        .iter()
        .map(|s| words(s))
        .collect();
    assert_eq!(summaries, expected);

    let schedule: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join(rooz::plan::SCHEDULE_FILE)).unwrap()).unwrap();
    let mut in_schedule = BTreeSet::new();
    for day in schedule["schedule"]["conference"]["days"]
        .as_array()
        .unwrap()
    {
        for room in day["rooms"].as_object().unwrap().values() {
            for talk in room.as_array().unwrap() {
                in_schedule.insert(words(talk["title"].as_str().unwrap()));
            }
        }
    }
    assert_eq!(in_schedule, expected);

    let programs: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("data/programs.json")).unwrap()).unwrap();
    let json = programs.to_string();
    for p in &event.programmes {
        assert!(
            json.contains(&serde_json::Value::String(p.title.clone()).to_string()),
            "programs.json lacks {:?}",
            p.title
        );
    }

    let feed: atom_syndication::Feed = fs::read_to_string(out.join("feed.xml"))
        .unwrap()
        .parse()
        .expect("the Atom feed parses");
    assert!(!feed.entries().is_empty());
    for entry in feed.entries() {
        let title = words(&entry.title().value);
        assert!(
            expected.iter().any(|t| title.contains(t.as_str())),
            "feed entry {title:?}"
        );
    }
    assert!(words(&feed.title().value).contains(&words(&event.title)));
}

#[test]
fn no_spreadsheet_cell_starts_a_formula() {
    let (site, event) = built();
    let out = site.path().join("out");
    let csvs = common::files_ending(&out, ".csv");
    assert!(csvs.len() >= 2, "{csvs:?}");
    let mut seen = BTreeSet::new();
    for file in &csvs {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_path(file)
            .unwrap();
        for record in reader.records() {
            for cell in &record.unwrap() {
                let cell = cell.trim_start_matches('\u{feff}');
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{}: the cell {cell:?} starts a formula",
                    file.display()
                );
                seen.insert(cell.to_string());
            }
        }
    }
    // The formula-like titles are there, behind an apostrophe.
    let formulas: Vec<&str> = event
        .programmes
        .iter()
        .map(|p| p.title.as_str())
        .filter(|t| t.starts_with(['=', '+', '-', '@', '\t', '\r']))
        .collect();
    assert!(formulas.len() >= 4, "{formulas:?}");
    for title in formulas {
        assert!(
            seen.contains(&format!("'{title}")),
            "{title:?} is not in a CSV"
        );
    }
}

#[test]
fn svgs_cards_and_pdfs_show_the_strings_as_text() {
    let ((site, event), said) = built_saying();
    let out = site.path().join("out");
    for svg in common::files_ending(&out, ".svg") {
        let text = fs::read_to_string(&svg).unwrap();
        for tag in tags(&text) {
            assert!(
                tag.name != "script" && tag.name != "foreignobject",
                "{}",
                svg.display()
            );
            for (k, v) in &tag.attrs {
                assert!(!k.starts_with("on"), "{}: {k}={v:?}", svg.display());
                assert!(
                    !v.to_ascii_lowercase().contains("javascript:"),
                    "{}: {k}={v:?}",
                    svg.display()
                );
            }
        }
    }
    // Typst code in a title is printed, not run: the build did not panic,
    // and /etc/passwd is not read into the PDF.
    let typst = event
        .programmes
        .iter()
        .find(|p| p.title.starts_with("#panic"))
        .expect("a programme titled with typst code");
    let day = typst.date.code(event.calendar);
    let pdf = out.join(format!("bulletins/{day}.pdf"));
    let text = common::pdf_text(&pdf);
    assert!(
        common::pdf_has(&text, "#panic(\"typst-injection\") #read(\"/etc/passwd\")"),
        "{text}"
    );
    let raw = common::pdf_pages(&pdf).join("\n");
    assert!(!raw.contains("root:x:0"), "the PDF holds /etc/passwd");
    for literal in ["*bold*", "$x^2$", "@label"] {
        assert!(
            raw.contains(literal),
            "the PDF does not show {literal} as typed"
        );
    }
    let cards = common::files_ending(&out, ".png");
    assert!(
        cards
            .iter()
            .any(|c| c.to_string_lossy().contains("highlights/")),
        "no highlight cards: {cards:?}"
    );
    // A slogan of 600 characters is cut to its share of the card, and
    // the title keeps its own: no box has a negative height (the masthead
    // once pushed the title off the card), and only on the narrow story
    // card is a title cut (one 50-letter "word" of markup is wider than
    // it at the smallest size).
    let cut: Vec<&str> = said
        .lines()
        .filter(|l| l.contains("does not fit"))
        .collect();
    assert!(
        cut.iter().any(|l| l.contains("the masthead does not fit")),
        "{said}"
    );
    for line in cut {
        assert!(!line.contains(" × -"), "{line}");
        assert!(
            !line.contains("the title") || line.contains("card-1080x1920"),
            "{line}"
        );
    }
}

#[test]
fn the_checker_finds_what_it_looks_for() {
    let policy = "<!doctype html><html><head><meta charset=utf-8><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'self'\">";
    assert_eq!(problems(policy), Vec::<String>::new());
    for loose in ["'unsafe-inline'", "*", "https://cdn.example", "data:"] {
        let page = policy.replace("style-src 'self'", &format!("style-src 'self' {loose}"));
        assert_eq!(problems(&page).len(), 1, "{loose} is not found");
    }
    for bad in [
        "<img src=x onerror=alert(1)>",
        "<a href=\" JaVa\tscript:alert(1)\">",
        "<a href=\"data:text/html,x\">",
        "<p style=\"color:red\">",
        "<script>alert(1)</script>",
        "<script src=\"https://evil.example/x.js\"></script>",
        "<style>body{display:none}</style>",
        "<iframe src=\"x.html\"></iframe>",
        "<base href=\"https://evil.example/\">",
        "<svg><a xlink:href=\"javascript:alert(1)\">",
        "<script type=\"application/ld+json\">{</script>",
    ] {
        assert_eq!(
            problems(&format!("{policy}{bad}")).len(),
            1,
            "{bad} is not found"
        );
    }
    assert!(!problems("<html><head><meta charset=utf-8><p>").is_empty());
    assert_eq!(
        decode("&lt;b&gt; &amp;amp; &#x27;&#39;&quot; &bogus; & x"),
        "<b> &amp; ''\" &bogus; & x"
    );
    // Script text is not markup.
    assert!(
        tags("<script type=\"application/ld+json\">{\"a\": \"<img onerror=x>\"}</script>")
            .iter()
            .all(|t| t.name == "script")
    );
}
