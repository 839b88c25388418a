//! One context per page kind: the page's own data on top of what every
//! page has (`root`, `path`, `canonical`, `section`, `page_title`,
//! `description`; the event, week, strings and flags are global).

use serde::Serialize;
use tera::Context;

use super::Renderer;
use super::view::{DayLink, HeadquartersLink, Link, ProgrammeView};
use crate::model::*;
use crate::plan::Page;
use crate::render::card::CardFormat;
use crate::render::markdown;

#[derive(Serialize)]
struct Common<'a> {
    /// Prefix that leads from this page to the site root (`../../`).
    root: String,
    /// This page's folder, root-relative.
    path: String,
    canonical: Option<String>,
    /// Which main navigation entry the page belongs to.
    section: &'a str,
    page_title: String,
    description: String,
    /// OpenGraph and Twitter card data, on programme and highlight pages.
    og: Option<OpenGraph>,
}

#[derive(Serialize)]
struct OpenGraph {
    kind: &'static str,
    title: String,
    description: String,
    url: Option<String>,
    locale: String,
    image: Option<String>,
    image_width: u32,
    image_height: u32,
    image_alt: String,
}

#[derive(Serialize)]
struct CardLink {
    href: String,
    width: u32,
    height: u32,
}

/// A highlight in the index, with what its filters match.
#[derive(Serialize)]
struct HighlightItem {
    programme: ProgrammeView,
    /// ISO dates of every day it runs.
    days: Vec<String>,
}

#[derive(Serialize)]
struct Focus {
    strata: Vec<Link>,
    headquarters: Vec<HeadquartersLink>,
}

pub fn render(r: &Renderer, page: Page) -> tera::TeraResult<String> {
    let site = r.site;
    let event = site.event;
    let s = |key: &str| r.theme.strings.get(key).cloned().unwrap_or_default();
    let dir = page.dir(site);
    let root = match page {
        // The 404 page is served at any depth: only links from the server
        // root work (the path of base_url, without the host, so the page
        // works on any domain that serves the site at that path).
        Page::NotFound => site
            .base_url
            .as_deref()
            .and_then(|b| url::Url::parse(b).ok())
            .map_or_else(|| "/".into(), |u| u.path().to_string()),
        _ => "../".repeat(dir.matches('/').count()),
    };
    let canonical = site
        .base_url
        .as_ref()
        .filter(|_| page.listed())
        .map(|b| format!("{b}{dir}"));
    let v = &r.views;
    let mut ctx = Context::new();
    let mut common = Common {
        root,
        path: dir,
        canonical,
        section: "",
        page_title: event.title.clone(),
        description: event.slogan.clone().unwrap_or_else(|| event.title.clone()),
        og: None,
    };
    let og_locale = match event.locale.id.region {
        Some(region) => format!("{}_{region}", event.locale.id.language),
        None => event.locale.id.language.to_string(),
    };
    // OpenGraph for one programme; the 1200×630 card is its image.
    let og_for = |id: ProgrammeId, page: Page| {
        let p = event.programme(id);
        let base = site.base_url.as_deref();
        let card = p.highlight.as_ref().and(base).map(|b| {
            format!(
                "{b}{}{}",
                Page::Highlight(id).dir(site),
                CardFormat::OpenGraph.file_name()
            )
        });
        let (w, h) = CardFormat::OpenGraph.pixels();
        OpenGraph {
            kind: "article",
            title: p.title.clone(),
            description: p
                .highlight
                .as_ref()
                .map_or_else(|| event.title.clone(), |h| h.summary.clone()),
            url: base.map(|b| format!("{b}{}", page.dir(site))),
            locale: og_locale.clone(),
            image: card,
            image_width: w,
            image_height: h,
            image_alt: format!("{} — {}", p.title, event.title),
        }
    };
    match page {
        Page::Home => {
            common.section = "home";
            ctx.insert("highlights", &v.programmes(&site.highlights));
        }
        Page::Calendar => {
            common.section = "calendar";
            common.page_title = s("calendar_title");
            ctx.insert("grid", &v.grid());
            let days: Vec<_> = (0..event.days.len())
                .map(|n| super::view::DayGroup {
                    day: v.day_link(n),
                    programmes: v.programmes(&site.by_day[n]),
                })
                .collect();
            ctx.insert("days", &days);
        }
        Page::Day(n) => {
            common.section = "calendar";
            let day = &event.days[n];
            common.page_title = day.title.clone();
            common.description = format!(
                "{} — {}",
                day.title,
                r.locale.formats.date_long_weekday(day.date)
            );
            ctx.insert("day", &v.day_link(n));
            ctx.insert(
                "focus",
                &Focus {
                    strata: day
                        .focus_strata
                        .iter()
                        .map(|(id, _)| v.stratum_link(*id))
                        .collect(),
                    headquarters: day
                        .focus_headquarters
                        .iter()
                        .map(|(id, _)| v.hq_link(*id))
                        .collect(),
                },
            );
            ctx.insert("programmes", &v.programmes(&site.by_day[n]));
            ctx.insert("figures", &site.figures(&site.by_day[n]));
            ctx.insert("previous", &n.checked_sub(1).map(|p| v.day_link(p)));
            ctx.insert(
                "next",
                &(n + 1 < event.days.len()).then(|| v.day_link(n + 1)),
            );
        }
        Page::HeadquartersIndex => {
            common.section = "headquarters";
            common.page_title = s("headquarters_title");
            ctx.insert("items", &v.headquarters_items());
        }
        Page::Headquarters(id) => {
            common.section = "headquarters";
            let hq = event.headquarters(id);
            common.page_title = hq.title.clone();
            ctx.insert("headquarters", &v.hq_link(id));
            ctx.insert("lead", &hq.lead);
            ctx.insert(
                "description_html",
                &hq.description.as_ref().map(|m| markdown::to_html(&m.0)),
            );
            ctx.insert("figures", &site.figures(&site.by_headquarters[id.index()]));
            ctx.insert("groups", &v.by_first_day(&site.by_headquarters[id.index()]));
        }
        Page::StrataIndex => {
            common.section = "strata";
            common.page_title = s("strata_title");
            ctx.insert("items", &v.strata_items());
        }
        Page::Stratum(id) => {
            common.section = "strata";
            let stratum = event.stratum(id);
            common.page_title = stratum.title.clone();
            let all = &site.by_stratum[id.index()];
            let (central, others): (Vec<ProgrammeId>, Vec<ProgrammeId>) =
                all.iter().partition(|&&p| event.programme(p).central);
            ctx.insert("stratum", &v.stratum_link(id));
            ctx.insert(
                "description_html",
                &stratum
                    .description
                    .as_ref()
                    .map(|m| markdown::to_html(&m.0)),
            );
            ctx.insert("central", &v.programmes(&central));
            ctx.insert("others", &v.programmes(&others));
            ctx.insert("figures", &site.figures(all));
        }
        Page::CountiesIndex => {
            common.section = "counties";
            common.page_title = s("counties_title");
            ctx.insert("items", &v.county_items());
            ctx.insert("province_wide", &site.figures(&site.province_wide));
        }
        Page::County(id) => {
            common.section = "counties";
            let county = event.county(id);
            common.page_title = county.title.clone();
            ctx.insert("county", &v.county_link(id));
            ctx.insert("head", &county.head);
            ctx.insert("secretary", &county.secretary);
            ctx.insert(
                "description_html",
                &county.description.as_ref().map(|m| markdown::to_html(&m.0)),
            );
            ctx.insert("figures", &site.figures(&site.by_county[id.index()]));
            ctx.insert("groups", &v.by_first_day(&site.by_county[id.index()]));
        }
        Page::Programme(id) => {
            common.section = "calendar";
            let p = event.programme(id);
            common.page_title = p.title.clone();
            common.description = p
                .highlight
                .as_ref()
                .map(|h| h.summary.clone())
                .unwrap_or_else(|| format!("{} — {}", p.title, event.title));
            let view: &ProgrammeView = v.programme(id);
            let days: Vec<DayLink> = p
                .date
                .through(p.until)
                .filter_map(|d| site.day_index(d))
                .map(|n| v.day_link(n))
                .collect();
            ctx.insert("programme", view);
            ctx.insert("days", &days);
            common.og = Some(og_for(id, page));
        }
        Page::HighlightsIndex => {
            common.section = "highlights";
            common.page_title = s("highlights_title");
            let items: Vec<HighlightItem> = site
                .highlights
                .iter()
                .map(|&id| {
                    let p = event.programme(id);
                    HighlightItem {
                        programme: v.programme(id).clone(),
                        days: p.date.through(p.until).map(|d| d.iso_code()).collect(),
                    }
                })
                .collect();
            let mut hqs: Vec<HeadquartersId> = site
                .highlights
                .iter()
                .map(|&id| event.programme(id).headquarters)
                .collect();
            hqs.sort();
            hqs.dedup();
            ctx.insert("items", &items);
            ctx.insert(
                "filter_headquarters",
                &hqs.into_iter().map(|h| v.hq_link(h)).collect::<Vec<_>>(),
            );
        }
        Page::Highlight(id) => {
            common.section = "highlights";
            let p = event.programme(id);
            let h = p
                .highlight
                .as_ref()
                .expect("highlight pages are planned for highlights only");
            common.page_title = p.title.clone();
            common.description = h.summary.clone();
            let og = og_for(id, page);
            let dir = page.dir(site);
            let cards: Vec<CardLink> = CardFormat::ALL
                .iter()
                .map(|f| {
                    let (width, height) = f.pixels();
                    CardLink {
                        href: format!("{dir}{}", f.file_name()),
                        width,
                        height,
                    }
                })
                .collect();
            let view = v.programme(id);
            let tags = view
                .highlight
                .as_ref()
                .map(|h| h.hashtags.join(" "))
                .unwrap_or_default();
            ctx.insert("programme", view);
            ctx.insert("cards", &cards);
            ctx.insert("press_kit", &format!("{dir}press-kit.zip"));
            ctx.insert("caption", &format!("{}\n\n{tags}", h.summary));
            ctx.insert("absolute_url", &og.url);
            ctx.insert("qr_svg", &og.url.as_deref().map(super::view::qr_svg));
            common.og = Some(og);
        }
        Page::BulletinsIndex => {
            common.section = "bulletins";
            common.page_title = s("bulletins_title");
            let days: Vec<(DayLink, String)> = (0..event.days.len())
                .map(|n| (v.day_link(n), crate::plan::bulletin_pdf(site, Some(n))))
                .collect();
            ctx.insert("days", &days);
            ctx.insert("week_pdf", &crate::plan::bulletin_pdf(site, None));
        }
        Page::Bulletin(n) => {
            common.section = "bulletins";
            let day = &r.bulletins[n];
            common.page_title = format!("{} — {}", s("bulletin"), day.theme);
            ctx.insert("bulletin", day);
            ctx.insert("pdf", &crate::plan::bulletin_pdf(site, Some(n)));
            ctx.insert("page_css", &page_css(event, &r.theme.strings));
        }
        Page::Report => {
            common.section = "report";
            common.page_title = s("report_title");
            ctx.insert("review", &r.review);
            ctx.insert("report_pdf", crate::plan::REPORT_PDF);
        }
        Page::NotFound => {
            common.page_title = s("not_found_title");
        }
    }
    ctx.extend(Context::from_serialize(&common)?);
    r.tera.render(page.template(), &ctx)
}

/// `@page` rules of the printed bulletin: the paper size, and page numbers
/// in the locale's digits (a CSS counter style named in the strings file).
fn page_css(event: &Event, strings: &std::collections::BTreeMap<String, String>) -> String {
    let size = match event.bulletins.paper {
        Paper::A4 => "A4",
        Paper::A5 => "A5",
        Paper::Letter => "letter",
    };
    let style = strings
        .get("page_counter_style")
        .map_or("decimal", String::as_str);
    let style: String = style
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    // The pattern lands in a <style> element: nothing that could end it.
    let pattern: String = strings
        .get("page_of")
        .map_or("{page} / {total}", String::as_str)
        .chars()
        .filter(|c| !matches!(c, '"' | '\\' | '<' | '>'))
        .collect();
    let content = format!(
        "\"{}\"",
        pattern
            .replace("{page}", &format!("\" counter(page, {style}) \""))
            .replace("{total}", &format!("\" counter(pages, {style}) \""))
    );
    format!(
        "@page {{ size: {size}; margin: 13mm 13mm 16mm; @bottom-center {{ content: {content}; font-size: 8pt; color: #45484d; }} }}"
    )
}
