//! A national-sized week stays usable: the synthetic generator's event
//! passes the review and builds; long lists are split into numbered pages
//! that reach every programme; each county's bulletin holds exactly its
//! county's programmes. (Timings belong to `bench/run.sh`, not here.)

mod common;

#[allow(dead_code, reason = "the example's own main is not called here")]
#[path = "../examples/synth.rs"]
mod synth;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fs;
use std::path::{Component, Path, PathBuf};

use common::{pdf_has, pdf_text, rooz};

/// A published programme as `data/programs.json` gives it.
struct Listed {
    id: String,
    title: String,
    county: Option<String>,
    /// First and last day, in the event's calendar (`YYYY-MM-DD`).
    days: (String, String),
}

fn listed(out: &Path) -> Vec<Listed> {
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("data/programs.json")).unwrap()).unwrap();
    let text = |v: &serde_json::Value| v.as_str().map(str::to_string);
    json["programmes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let date = text(&p["date"]).unwrap();
            Listed {
                id: text(&p["id"]).unwrap(),
                title: text(&p["title"]).unwrap(),
                county: text(&p["county"]["id"]),
                days: (date.clone(), text(&p["until"]).unwrap_or(date)),
            }
        })
        .collect()
}

impl Listed {
    fn on(&self, day: &str) -> bool {
        self.days.0.as_str() <= day && day <= self.days.1.as_str()
    }
}

/// The `href`s of an HTML page, without fragments.
fn links(html: &str) -> Vec<&str> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|href| href.split('#').next().unwrap_or(href))
        .filter(|href| !href.is_empty() && !href.contains(':'))
        .collect()
}

/// `href` seen from the page at `page` (relative to the output folder),
/// as a path relative to the output folder.
fn resolve(page: &Path, href: &str) -> PathBuf {
    let mut path = PathBuf::new();
    for part in page.parent().unwrap().join(href).components() {
        match part {
            Component::ParentDir => {
                path.pop();
            }
            Component::Normal(p) => path.push(p),
            _ => {}
        }
    }
    path
}

/// Every HTML page reached by following links from the home page.
fn crawl(out: &Path) -> BTreeSet<PathBuf> {
    let mut seen = BTreeSet::from([PathBuf::from("index.html")]);
    let mut queue = VecDeque::from([PathBuf::from("index.html")]);
    while let Some(page) = queue.pop_front() {
        let html = fs::read_to_string(out.join(&page)).unwrap();
        for href in links(&html) {
            let target = resolve(&page, href);
            let html_page = target.extension().is_some_and(|e| e == "html");
            if html_page && out.join(&target).is_file() && seen.insert(target.clone()) {
                queue.push_back(target);
            }
        }
    }
    seen
}

/// The programme ids a list links to, over all its numbered pages
/// (following `rel="next"`), and how many pages it has.
fn list(out: &Path, first: &str) -> (BTreeSet<String>, usize) {
    let (mut ids, mut pages) = (BTreeSet::new(), 0);
    let mut page = Some(PathBuf::from(first));
    while let Some(p) = page.take() {
        pages += 1;
        let html = fs::read_to_string(out.join(&p)).unwrap();
        for href in links(&html) {
            let target = resolve(&p, href);
            let parts: Vec<&str> = target.iter().filter_map(|c| c.to_str()).collect();
            if let ["programs", id, "index.html"] = parts.as_slice() {
                ids.insert(id.to_string());
            }
        }
        let head = html.split("</head>").next().unwrap();
        page = head
            .split("<link rel=\"next\" href=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .map(|href| resolve(&p, href));
    }
    (ids, pages)
}

fn day_dirs(out: &Path) -> Vec<String> {
    let mut days: Vec<String> = fs::read_dir(out.join("days"))
        .unwrap()
        .map(Result::unwrap)
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    days.sort();
    days
}

#[test]
fn a_synthetic_national_week_passes_the_review_builds_and_reaches_every_programme() {
    let dir = tempfile::tempdir().unwrap();
    let counties = synth::generate(2000, dir.path(), 7, 2);
    assert_eq!(counties, 20);
    let check = rooz(&["check", "--root", "."], dir.path());
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    let build = rooz(
        &["build", "--root", ".", "--output", "out", "--no-typeset"],
        dir.path(),
    );
    assert_eq!(build.code, 0, "{}", build.stderr);
    let out = dir.path().join("out");
    let programmes = listed(&out);
    assert!(programmes.len() > 1900, "{} published", programmes.len());

    // Each day's list is split into pages of at most 200 programmes, and
    // its pages together list exactly the day's programmes.
    for day in day_dirs(&out) {
        let want: BTreeSet<String> = programmes
            .iter()
            .filter(|p| p.on(&day))
            .map(|p| p.id.clone())
            .collect();
        let (got, pages) = list(&out, &format!("days/{day}/index.html"));
        assert_eq!(got, want, "day {day}");
        assert_eq!(pages, want.len().div_ceil(200), "pages of day {day}");
        assert!(pages > 1, "day {day} has {} programmes", want.len());
    }
    // A county's list, the same way.
    let county = programmes[0].county.clone().unwrap();
    let want: BTreeSet<String> = programmes
        .iter()
        .filter(|p| p.county.as_deref() == Some(&county))
        .map(|p| p.id.clone())
        .collect();
    let (got, _) = list(&out, &format!("counties/{county}/index.html"));
    assert_eq!(got, want, "county {county}");

    // Every programme page is reached by links from the home page.
    let reached = crawl(&out);
    let missing: Vec<&str> = programmes
        .iter()
        .filter(|p| !reached.contains(&PathBuf::from(format!("programs/{}/index.html", p.id))))
        .map(|p| p.id.as_str())
        .collect();
    assert!(missing.is_empty(), "not reached by links: {missing:?}");
    // A split page says where it is to search engines and readers.
    let second =
        fs::read_to_string(out.join(format!("days/{}/page/2/index.html", day_dirs(&out)[0])))
            .unwrap();
    assert!(second.contains("rel=\"prev\""), "no rel=prev on page 2");
    assert!(
        second.contains("aria-current=\"page\""),
        "no current page in the pager"
    );
}

/// The titles a bulletin page lists.
fn bulletin_titles(html: &str) -> BTreeSet<String> {
    html.split("<strong class=\"bulletin-title\">")
        .skip(1)
        .filter_map(|rest| rest.split("</strong>").next())
        .map(|t| t.replace("&#39;", "'").replace("&amp;", "&"))
        .collect()
}

#[test]
fn each_county_bulletin_holds_exactly_its_county_programmes() {
    let dir = common::site("en-week");
    let build = rooz(&["build", "--root", ".", "--output", "out"], dir.path());
    assert_eq!(build.code, 0, "{}", build.stderr);
    let out = dir.path().join("out");
    let programmes = listed(&out);
    let counties: BTreeSet<&str> = programmes
        .iter()
        .filter_map(|p| p.county.as_deref())
        .collect();
    assert!(counties.len() >= 2);
    let mut bulletins = BTreeMap::new();
    for county in &counties {
        for day in day_dirs(&out) {
            let want: BTreeSet<String> = programmes
                .iter()
                .filter(|p| p.county.as_deref() == Some(county) && p.on(&day))
                .map(|p| p.title.clone())
                .collect();
            let page = out.join(format!("bulletins/{county}/{day}/index.html"));
            let pdf = out.join(format!("bulletins/{county}/{day}.pdf"));
            if want.is_empty() {
                assert!(
                    !page.exists() && !pdf.exists(),
                    "{county} has no programme on {day}"
                );
                continue;
            }
            let html = fs::read_to_string(&page).unwrap();
            assert_eq!(bulletin_titles(&html), want, "{county} on {day}");
            let text = pdf_text(&pdf);
            for p in &programmes {
                if p.on(&day) {
                    let mine = p.county.as_deref() == Some(county);
                    assert_eq!(
                        pdf_has(&text, &p.title),
                        mine,
                        "{} in {county}'s {day}.pdf",
                        p.title
                    );
                }
            }
            bulletins.insert((county.to_string(), day), want.len());
        }
    }
    assert!(bulletins.len() > 2, "{bulletins:?}");
    // The bulletins' index links every county's days.
    let index = fs::read_to_string(out.join("bulletins/index.html")).unwrap();
    for (county, day) in bulletins.keys() {
        assert!(index.contains(&format!("href=\"../bulletins/{county}/{day}.pdf\"")));
    }
}
