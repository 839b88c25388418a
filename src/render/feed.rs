//! `feed.xml`: an Atom feed of the highlights. Every date in it comes from
//! the content (a programme's day and start in the event's time zone), so
//! two builds of the same content give the same bytes.

use std::str::FromStr;

use atom_syndication::{Category, Entry, Feed, FixedDateTime, Link, Person, Text};

use crate::calendar::rfc3339;
use crate::index::Site;
use crate::model::{Programme, ProgrammeId};
use crate::plan::Page;

/// The feed's id and links: absolute with a base URL, else a tag URI and
/// links relative to the site root.
fn address(site: &Site, path: &str) -> String {
    site.absolute(path).unwrap_or_else(|| path.to_string())
}

fn when(site: &Site, p: &Programme) -> FixedDateTime {
    let text = rfc3339(p.date, p.start, &site.event.timezone);
    FixedDateTime::from_str(&text).expect("rfc3339 gives RFC 3339")
}

/// A tag URI for an entry or the feed when the site has no base URL.
fn tag(site: &Site, id: &str) -> String {
    format!("tag:rooz,{}:{id}", site.event.start.iso_code())
}

pub fn feed(site: &Site) -> String {
    let event = site.event;
    // Like a list page, the feed holds at most `page_size` highlights (the
    // first, in date order); the highlights pages list them all.
    let entries: Vec<Entry> = site
        .highlights
        .iter()
        .filter_map(|&id| entry(site, id))
        .take(site.page_size)
        .collect();
    let updated = entries
        .iter()
        .map(|e| *e.updated())
        .max()
        .unwrap_or_else(|| {
            FixedDateTime::from_str(&rfc3339(event.start, None, &event.timezone)).expect("RFC 3339")
        });
    let mut author = Person::default();
    author.set_name(
        event
            .organizer
            .clone()
            .unwrap_or_else(|| event.title.clone()),
    );
    let mut feed = Feed::default();
    feed.set_title(Text::plain(event.title.clone()));
    feed.set_subtitle(event.slogan.clone().map(Text::plain));
    feed.set_id(if site.base_url.is_some() {
        address(site, "")
    } else {
        tag(site, "feed")
    });
    feed.set_updated(updated);
    feed.set_lang(Some(event.locale.to_string()));
    feed.set_authors(vec![author]);
    let mut own = Link::default();
    own.set_href(address(site, "feed.xml"));
    own.set_rel("self");
    let mut alternate = Link::default();
    alternate.set_href(address(site, &Page::HighlightsIndex(0).dir(site)));
    alternate.set_rel("alternate");
    feed.set_links(vec![own, alternate]);
    let mut generator = atom_syndication::Generator::default();
    generator.set_value("rooz");
    feed.set_generator(Some(generator));
    feed.set_entries(entries);
    let mut xml = feed.to_string();
    if !xml.starts_with("<?xml") {
        xml.insert_str(0, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    }
    xml.push('\n');
    xml
}

/// A highlight's entry; a cancelled programme is no news to post (its page
/// says so), so it has none.
fn entry(site: &Site, id: ProgrammeId) -> Option<Entry> {
    let event = site.event;
    let p = event.programme(id);
    let h = p.highlight.as_ref().filter(|_| p.is_active())?;
    let page = Page::Highlight(id).dir(site);
    let mut entry = Entry::default();
    entry.set_title(Text::plain(p.title.clone()));
    entry.set_id(if site.base_url.is_some() {
        address(site, &page)
    } else {
        tag(site, &p.id)
    });
    entry.set_updated(when(site, p));
    entry.set_summary(Some(Text::plain(h.summary.clone())));
    let mut link = Link::default();
    link.set_href(address(site, &page));
    link.set_rel("alternate");
    link.set_mime_type(Some("text/html".to_string()));
    entry.set_links(vec![link]);
    entry.set_categories(
        event
            .hashtags
            .iter()
            .chain(&h.hashtags)
            .map(|t| {
                let mut c = Category::default();
                c.set_term(t.trim_start_matches('#').to_string());
                c.set_label(Some(t.clone()));
                c
            })
            .collect::<Vec<_>>(),
    );
    Some(entry)
}
