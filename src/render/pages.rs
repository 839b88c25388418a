//! The HTML pages: one function per page kind gives the page's own data,
//! on top of what every page has (`root`, `path`, `canonical`, `section`,
//! `page_title`, `description`; the event, week, strings and flags are
//! global).

use std::sync::Arc;

use serde::Serialize;
use tera::Context;

use super::bulletin::BulletinDay;
use super::engine::Locale;
use super::markdown;
use super::review::ReviewView;
use super::view::{self, DayLink, HeadquartersLink, Link, ProgrammeView, Views};
use super::xml::escape;
use crate::calendar::CalendarKind;
use crate::columns::Language;
use crate::index::Site;
use crate::model::*;
use crate::plan::{self, CardFormat, Page};
use crate::theme::Theme;

/// How many highlights the home page shows.
const HOME_HIGHLIGHTS: usize = 24;

/// A subscription address: `webcal://` in place of `http(s)://`.
fn webcal(url: &str) -> String {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    format!("webcal://{rest}")
}

/// Which entry of the main navigation a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    /// Pages outside the navigation (the 404 page).
    #[serde(rename = "")]
    None,
    Home,
    Calendar,
    Programmes,
    Headquarters,
    Strata,
    Counties,
    Highlights,
    Bulletins,
    Report,
    Search,
    My,
}

#[derive(Serialize)]
struct Common {
    /// Prefix that leads from this page to the site root (`../../`).
    root: String,
    /// This page's folder, root-relative.
    path: String,
    canonical: Option<String>,
    section: Section,
    page_title: String,
    description: String,
    /// OpenGraph and Twitter card data, on programme and highlight pages.
    og: Option<OpenGraph>,
    /// The numbered pages of a list too long for one.
    pager: Option<Pager>,
    /// The calendar file this page offers.
    calendar_feed: Option<CalendarFeed>,
    /// The page's Content-Security-Policy ([`policy`]).
    csp: String,
}

/// What a page may load and run: only the site's own scripts, styles,
/// images, fonts and data, and the `<style>` elements rooz itself wrote
/// into the page (`inline`, each allowed by its hash). So no script or
/// style that came in with the content can run, whatever got past the
/// escaping. No `frame-ancestors`: embeds are meant to be framed, and a
/// `<meta>` policy cannot say it anyway.
pub fn policy(inline: &[&str]) -> String {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let hashes: String = inline
        .iter()
        .map(|css| {
            let digest = Sha256::digest(css.as_bytes());
            format!(
                " 'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self'; style-src 'self'{hashes}; img-src 'self'; \
         font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'"
    )
}

/// A calendar file to subscribe to, or to download.
#[derive(Serialize)]
struct CalendarFeed {
    /// Root-relative.
    href: String,
    /// `webcal://…` when the site has a base URL (a calendar program then
    /// subscribes and follows changes).
    webcal: Option<String>,
    /// On a programme's page: add this one programme.
    single: bool,
}

/// Links between the pages of a long list.
#[derive(Serialize)]
struct Pager {
    /// 1-based.
    current: u32,
    total: u32,
    /// Root-relative files.
    previous: Option<String>,
    next: Option<String>,
    /// The first, the last and the pages around this one; `None` where
    /// pages are left out between.
    pages: Vec<Option<PagerLink>>,
}

#[derive(Serialize)]
struct PagerLink {
    number: u32,
    href: String,
    current: bool,
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

/// A spreadsheet of the programmes, on the report page.
#[derive(Serialize)]
struct SheetLink {
    href: &'static str,
    label: String,
}

#[derive(Serialize)]
struct CardLink {
    href: String,
    /// The file's name when saved: the programme's id and the size.
    download: String,
    width: u32,
    height: u32,
}

/// A programme in a filterable list (highlights, all programmes), with
/// the days its day filter matches.
#[derive(Serialize)]
struct ListItem<'v> {
    programme: &'v ProgrammeView,
    /// ISO dates of every day it runs.
    days: Vec<String>,
}

/// A county's bulletins, on the bulletins index.
#[derive(Serialize)]
struct CountyBulletins {
    county: Link,
    days: Vec<BulletinLink>,
}

#[derive(Serialize)]
struct BulletinLink {
    /// ISO, for the `date` filter.
    date: String,
    href: String,
    pdf: String,
}

/// The `<iframe>` code of an embeddable page.
#[derive(Serialize)]
struct Embed {
    label: String,
    /// Root-relative.
    href: String,
    /// Whether `code` has the page's absolute URL (from `base_url`).
    absolute: bool,
    code: String,
}

/// A day on the embeddable "today" page.
#[derive(Serialize)]
struct EmbedDayLink {
    day: DayLink,
    href: String,
}

/// The height of an embedded `<iframe>`, in CSS pixels.
const EMBED_HEIGHT: u32 = 560;

#[derive(Serialize)]
struct Focus {
    strata: Vec<Link>,
    headquarters: Vec<HeadquartersLink>,
}

/// Everything pages are rendered with, made once per build.
pub struct Pages<'a, 'e> {
    pub site: &'a Site<'e>,
    tera: tera::Tera,
    pub views: &'a Views<'a, 'e>,
    pub locale: Arc<Locale>,
    /// The report as its page shows it.
    pub review: &'a ReviewView,
    /// Each day's bulletin.
    pub bulletins: &'a [BulletinDay],
    /// The theme's stylesheet, for the page that must carry its own.
    inline_css: String,
    /// The policy of a page without an inline style (most pages), made once.
    plain_policy: String,
}

/// A page being made: its common data and its own.
struct Made {
    common: Common,
    ctx: Context,
    /// The page's `<style>` elements, as the policy hashes them.
    styles: Vec<String>,
}

impl Made {
    fn insert(&mut self, key: &'static str, value: &impl Serialize) {
        self.ctx.insert(key, value);
    }

    /// `css` for a `<style>` element of the page (as `key`), allowed by
    /// the page's policy. Line ends are made `\n` first: a browser hashes
    /// the element's text after turning CRLF and CR into LF, so a theme
    /// saved on Windows would otherwise miss its hash.
    fn inline_style(&mut self, key: &'static str, css: &str) {
        let css = css.replace("\r\n", "\n").replace('\r', "\n");
        self.insert(key, &css);
        self.styles.push(css);
        let styles: Vec<&str> = self.styles.iter().map(String::as_str).collect();
        self.common.csp = policy(&styles);
    }
}

impl<'a, 'e> Pages<'a, 'e> {
    /// The theme's templates with rooz's filters, and what every page sees:
    /// the event, the week, the strings and the flags.
    pub fn new(
        site: &'a Site<'e>,
        theme: &Theme,
        locale: Arc<Locale>,
        views: &'a Views<'a, 'e>,
        review: &'a ReviewView,
        bulletins: &'a [BulletinDay],
    ) -> tera::TeraResult<Self> {
        let event = site.event;
        let mut tera = super::engine::engine(theme, locale.clone())?;
        let globals = tera.global_context();
        globals.insert("lang", &event.locale.to_string());
        globals.insert("dir", &event.direction);
        globals.insert("event", &views.event());
        globals.insert("week", &views.week());
        globals.insert("s", &theme.strings);
        globals.insert(
            "fonts",
            &theme.fonts.iter().any(|f| f.name.ends_with(".woff2")),
        );
        globals.insert("drafts", &site.with_drafts);
        globals.insert("theme_color", &super::app::theme_color(theme));
        globals.insert(
            "second_calendar",
            &(event.calendar != CalendarKind::Gregorian),
        );
        globals.insert("roles", &view::Roles::new(event, &locale));
        // Nothing in the stylesheet may close the <style> element.
        let inline_css = theme
            .assets
            .get("style.css")
            .map(|css| {
                (String::from_utf8_lossy(css) + "\n" + super::colors::stylesheet(event).as_str())
                    .replace("</", "<\\/")
            })
            .unwrap_or_default();
        Ok(Pages {
            site,
            tera,
            views,
            locale,
            review,
            bulletins,
            inline_css,
            plain_policy: policy(&[]),
        })
    }

    pub fn render(&self, page: Page) -> tera::TeraResult<String> {
        let mut made = Made {
            common: self.common(page),
            ctx: Context::new(),
            styles: Vec::new(),
        };
        match page {
            Page::Home => self.home(&mut made),
            Page::Calendar => self.calendar(&mut made),
            Page::DaysIndex => self.days_index(&mut made),
            Page::Day(n, part) => self.day(n, part, &mut made),
            Page::ProgrammesIndex(part) => self.programmes_index(part, &mut made),
            Page::HeadquartersIndex => self.headquarters_index(&mut made),
            Page::Headquarters(id, part) => self.headquarters(id, part, &mut made),
            Page::StrataIndex => self.strata_index(&mut made),
            Page::Stratum(id, part) => self.stratum(id, part, &mut made),
            Page::CountiesIndex => self.counties_index(&mut made),
            Page::County(id, part) => self.county(id, part, &mut made),
            Page::ProvinceWide(part) => self.province_wide(part, &mut made),
            Page::Programme(id) => self.programme(id, &mut made),
            Page::HighlightsIndex(part) => self.highlights_index(part, &mut made),
            Page::Highlight(id) => self.highlight(id, &mut made),
            Page::BulletinsIndex => self.bulletins_index(&mut made),
            Page::Bulletin(n) => self.bulletin(n, None, &mut made),
            Page::CountyBulletin(c, n) => self.bulletin(n, Some(c), &mut made),
            Page::Report => self.report(&mut made),
            Page::Review => self.week_in_review(&mut made),
            Page::Search => self.search(&mut made),
            Page::NotFound => self.not_found(&mut made),
            Page::Offline => self.offline(&mut made),
            Page::MyProgramme => self.my_programme(&mut made),
            Page::EmbedToday => self.embed_today(&mut made),
            Page::EmbedDay(n) => self.embed_day(n, &mut made),
            Page::EmbedHighlights => self.embed_highlights(&mut made),
        }
        let Made {
            common, mut ctx, ..
        } = made;
        ctx.extend(Context::from_serialize(&common)?);
        self.tera.render(page.template(), &ctx)
    }

    fn common(&self, page: Page) -> Common {
        let site = self.site;
        let event = site.event;
        let dir = page.dir(site);
        let root = match page {
            // The 404 page is served at any depth: only links from the server
            // root work (the path of base_url, without the host, so the page
            // works on any domain that serves the site at that path).
            // So is the offline page (in place of any page never kept).
            Page::NotFound | Page::Offline => site
                .base_url
                .as_deref()
                .and_then(|b| url::Url::parse(b).ok())
                .map_or_else(|| "/".into(), |u| u.path().to_string()),
            _ => "../".repeat(dir.matches('/').count()),
        };
        Common {
            root,
            canonical: site
                .base_url
                .as_ref()
                .filter(|_| page.listed())
                .map(|b| format!("{b}{dir}")),
            path: dir,
            section: Section::None,
            page_title: event.title.clone(),
            description: event.slogan.clone().unwrap_or_else(|| event.title.clone()),
            og: None,
            pager: None,
            calendar_feed: plan::CalendarScope::of(page)
                .filter(|scope| scope.offered(site))
                .map(|scope| {
                    let href = scope.file(site);
                    CalendarFeed {
                        webcal: site.absolute(&href).map(|url| webcal(&url)),
                        single: matches!(scope, plan::CalendarScope::Programme(_)),
                        href,
                    }
                }),
            csp: self.plain_policy.clone(),
        }
    }

    /// The pager of a list of `len` programmes shown on `page`, when the
    /// list takes more than one page; later pages say their number in
    /// their title.
    fn paginate(&self, m: &mut Made, page: Page, len: usize) {
        let site = self.site;
        let total = site.parts(len);
        if total < 2 {
            return;
        }
        let part = page.part();
        let href = |p: u32| page.with_part(p).file(site);
        let near = |p: u32| p == 0 || p + 1 == total || p.abs_diff(part) <= 2;
        let mut pages = Vec::new();
        for p in 0..total {
            if near(p) {
                pages.push(Some(PagerLink {
                    number: p + 1,
                    href: href(p),
                    current: p == part,
                }));
            } else if pages.last().is_some_and(Option::is_some) {
                pages.push(None);
            }
        }
        if part > 0 {
            let number = self.locale.formats.number(i64::from(part) + 1);
            m.common.page_title = format!(
                "{} — {}",
                m.common.page_title,
                self.locale.fill("page_number", &[("n", &number)])
            );
        }
        m.common.pager = Some(Pager {
            current: part + 1,
            total,
            previous: part.checked_sub(1).map(href),
            next: (part + 1 < total).then(|| href(part + 1)),
            pages,
        });
    }

    /// OpenGraph for one programme; the 1200×630 card is its image.
    fn open_graph(&self, id: ProgrammeId, page: Page) -> OpenGraph {
        let site = self.site;
        let event = site.event;
        let p = event.programme(id);
        let base = site.base_url.as_deref();
        let (image_width, image_height) = CardFormat::OpenGraph.pixels();
        OpenGraph {
            kind: "article",
            title: p.title.clone(),
            description: p
                .highlight
                .as_ref()
                .map_or_else(|| event.title.clone(), |h| h.summary.clone()),
            url: base.map(|b| format!("{b}{}", page.dir(site))),
            locale: match event.locale.id.region {
                Some(region) => format!("{}_{region}", event.locale.id.language),
                None => event.locale.id.language.to_string(),
            },
            image: p.highlight.as_ref().and(base).map(|b| {
                format!(
                    "{b}{}{}",
                    Page::Highlight(id).dir(site),
                    CardFormat::OpenGraph.file_name()
                )
            }),
            image_width,
            image_height,
            image_alt: format!("{} — {}", p.title, event.title),
        }
    }

    fn home(&self, m: &mut Made) {
        m.common.section = Section::Home;
        // The soonest few; the highlights index has them all.
        let shown = &self.site.highlights[..self.site.highlights.len().min(HOME_HIGHLIGHTS)];
        m.insert("highlights", &self.views.programmes(shown));
        m.insert(
            "more_highlights",
            &(self.site.highlights.len() > HOME_HIGHLIGHTS),
        );
        m.insert("review_page", &self.site.figures.reports_execution());
    }

    fn calendar(&self, m: &mut Made) {
        let v = self.views;
        m.common.section = Section::Calendar;
        m.common.page_title = self.locale.s("calendar_title");
        let grid = v.grid();
        m.insert("phone_days", &v.calendar_days(&grid));
        m.insert("grid", &grid);
    }

    fn day(&self, n: usize, part: u32, m: &mut Made) {
        let (site, v) = (self.site, self.views);
        let day = &site.event.days[n];
        m.common.section = Section::Calendar;
        m.common.page_title = day.title.clone();
        m.common.description = format!(
            "{} — {}",
            day.title,
            self.locale.formats.date_long_weekday(day.date)
        );
        m.insert("day", &v.day_link(n));
        m.insert(
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
        let list = &site.by_day[n];
        m.insert("programmes", &v.programmes(site.part(list, part)));
        m.insert("figures", &site.shown(&site.figures.by_day[n]));
        self.paginate(m, Page::Day(n, part), list.len());
        m.insert("previous", &n.checked_sub(1).map(|p| v.day_link(p)));
        m.insert(
            "next",
            &(n + 1 < site.event.days.len()).then(|| v.day_link(n + 1)),
        );
    }

    fn headquarters_index(&self, m: &mut Made) {
        m.common.section = Section::Headquarters;
        m.common.page_title = self.locale.s("headquarters_title");
        m.insert("items", &self.views.headquarters_items());
    }

    fn headquarters(&self, id: HeadquartersId, part: u32, m: &mut Made) {
        let site = self.site;
        let hq = site.event.headquarters(id);
        m.common.section = Section::Headquarters;
        m.common.page_title = hq.title.clone();
        m.insert("headquarters", &self.views.hq_link(id));
        m.insert("lead", &hq.lead);
        m.insert("description_html", &html(&hq.description));
        m.insert(
            "figures",
            &site.shown(&site.figures.by_headquarters[id.index()]),
        );
        let list = &site.by_headquarters[id.index()];
        m.insert("groups", &self.views.by_first_day(site.part(list, part)));
        self.paginate(m, Page::Headquarters(id, part), list.len());
    }

    fn strata_index(&self, m: &mut Made) {
        m.common.section = Section::Strata;
        m.common.page_title = self.locale.s("strata_title");
        m.insert("items", &self.views.strata_items());
    }

    fn stratum(&self, id: StratumId, part: u32, m: &mut Made) {
        let site = self.site;
        let stratum = site.event.stratum(id);
        m.common.section = Section::Strata;
        m.common.page_title = stratum.title.clone();
        // The central programmes come first in the list, so on its first page.
        let list = &site.by_stratum[id.index()];
        let (central, others): (Vec<ProgrammeId>, Vec<ProgrammeId>) = site
            .part(list, part)
            .iter()
            .partition(|&&p| site.event.programme(p).central);
        self.paginate(m, Page::Stratum(id, part), list.len());
        m.insert("stratum", &self.views.stratum_link(id));
        m.insert("description_html", &html(&stratum.description));
        m.insert("central", &self.views.programmes(&central));
        m.insert("others", &self.views.programmes(&others));
        m.insert("figures", &site.shown(&site.figures.by_stratum[id.index()]));
    }

    fn counties_index(&self, m: &mut Made) {
        m.common.section = Section::Counties;
        m.common.page_title = self.locale.s("counties_title");
        m.insert("items", &self.views.county_items());
    }

    fn county(&self, id: CountyId, part: u32, m: &mut Made) {
        let site = self.site;
        let county = site.event.county(id);
        m.common.section = Section::Counties;
        m.common.page_title = county.title.clone();
        m.insert("county", &self.views.county_link(id));
        m.insert("head", &county.head);
        m.insert("secretary", &county.secretary);
        m.insert("description_html", &html(&county.description));
        m.insert("figures", &site.shown(&site.figures.by_county[id.index()]));
        let list = &site.by_county[id.index()];
        m.insert("groups", &self.views.by_first_day(site.part(list, part)));
        self.paginate(m, Page::County(id, part), list.len());
    }

    fn province_wide(&self, part: u32, m: &mut Made) {
        let site = self.site;
        m.common.section = Section::Counties;
        m.common.page_title = self.views.province_wide.title.clone();
        m.insert("county", &self.views.province_wide);
        m.insert("head", &None::<String>);
        m.insert("secretary", &None::<String>);
        m.insert("description_html", &None::<String>);
        m.insert("figures", &site.shown(&site.figures.province_wide));
        let list = &site.province_wide;
        m.insert("groups", &self.views.by_first_day(site.part(list, part)));
        self.paginate(m, Page::ProvinceWide(part), list.len());
    }

    fn programme(&self, id: ProgrammeId, m: &mut Made) {
        let site = self.site;
        let p = site.event.programme(id);
        m.common.section = Section::Calendar;
        m.common.page_title = p.title.clone();
        m.common.description = p
            .highlight
            .as_ref()
            .map(|h| h.summary.clone())
            .unwrap_or_else(|| format!("{} — {}", p.title, site.event.title));
        let days: Vec<DayLink> = p
            .date
            .through(p.until)
            .filter_map(|d| site.day_index(d))
            .map(|n| self.views.day_link(n))
            .collect();
        let mut view = self.views.programme(id).clone();
        view.description_html = html(&p.description);
        if let (Some(shown), Some(o)) = (view.outcome.as_mut(), &p.outcome) {
            shown.note_html = html(&o.note);
            for (n, photo) in shown.photos.iter_mut().enumerate() {
                photo.alt = self.locale.fill(
                    "photo_alt",
                    &[
                        ("title", &p.title),
                        ("n", &self.locale.formats.number(n as i64 + 1)),
                    ],
                );
            }
        }
        m.insert("programme", &view);
        m.insert("days", &days);
        m.common.og = Some(self.open_graph(id, Page::Programme(id)));
    }

    /// The search page: the box and an empty result list; the browser
    /// fills it from `search/`.
    fn search(&self, m: &mut Made) {
        m.common.section = Section::Search;
        m.common.page_title = self.locale.s("search_title");
    }

    /// Programmes of a filterable list, each with the days it runs.
    fn list_items(&self, ids: &[ProgrammeId]) -> Vec<ListItem<'_>> {
        ids.iter()
            .map(|&id| {
                let p = self.site.event.programme(id);
                ListItem {
                    programme: self.views.programme(id),
                    days: p.date.through(p.until).map(|d| d.iso_code()).collect(),
                }
            })
            .collect()
    }

    fn days_index(&self, m: &mut Made) {
        m.common.section = Section::Calendar;
        m.common.page_title = self.locale.s("days_title");
    }

    /// Every shown programme, a page of the list at a time, each with
    /// what the filters match.
    fn programmes_index(&self, part: u32, m: &mut Made) {
        let site = self.site;
        let event = site.event;
        m.common.section = Section::Programmes;
        m.common.page_title = self.locale.s("programmes_title");
        self.paginate(m, Page::ProgrammesIndex(part), site.programmes.len());
        m.insert("items", &self.list_items(site.part(&site.programmes, part)));
        m.insert("total", &site.programmes.len());
        m.insert(
            "filter_strata",
            &(0..event.strata.len())
                .map(|i| self.views.stratum_link(StratumId::new(i)))
                .collect::<Vec<_>>(),
        );
        m.insert(
            "filter_counties",
            &self
                .views
                .county_items()
                .into_iter()
                .map(|item| item.link)
                .collect::<Vec<_>>(),
        );
        m.insert(
            "filter_headquarters",
            &(0..event.headquarters.len())
                .map(|h| self.views.hq_link(HeadquartersId::new(h)))
                .collect::<Vec<_>>(),
        );
    }

    fn highlights_index(&self, part: u32, m: &mut Made) {
        let site = self.site;
        m.common.section = Section::Highlights;
        m.common.page_title = self.locale.s("highlights_title");
        let items = self.list_items(site.part(&site.highlights, part));
        let mut hqs: Vec<HeadquartersId> = site
            .highlights
            .iter()
            .map(|&id| site.event.programme(id).headquarters)
            .collect();
        hqs.sort();
        hqs.dedup();
        m.insert("items", &items);
        m.insert("embeds", &self.embeds());
        m.insert(
            "filter_headquarters",
            &hqs.into_iter()
                .map(|h| self.views.hq_link(h))
                .collect::<Vec<_>>(),
        );
    }

    fn highlight(&self, id: ProgrammeId, m: &mut Made) {
        let site = self.site;
        let page = Page::Highlight(id);
        let p = site.event.programme(id);
        let h = p
            .highlight
            .as_ref()
            .expect("highlight pages are planned for highlights only");
        m.common.section = Section::Highlights;
        m.common.page_title = p.title.clone();
        m.common.description = h.summary.clone();
        let og = self.open_graph(id, page);
        let dir = page.dir(site);
        let cards: Vec<CardLink> = CardFormat::ALL
            .iter()
            .map(|f| {
                let (width, height) = f.pixels();
                CardLink {
                    href: format!("{dir}{}", f.file_name()),
                    download: format!("{}-{width}x{height}.png", p.id),
                    width,
                    height,
                }
            })
            .collect();
        let view = self.views.programme(id);
        m.insert("programme", view);
        m.insert("cards", &cards);
        m.insert("press_kit", &format!("{dir}press-kit.zip"));
        m.insert("press_kit_download", &format!("{}-press-kit.zip", p.id));
        m.insert("caption", &view::caption(view));
        m.insert("absolute_url", &og.url);
        m.insert("qr_svg", &og.url.as_deref().map(view::qr_svg));
        m.common.og = Some(og);
    }

    fn bulletins_index(&self, m: &mut Made) {
        let site = self.site;
        m.common.section = Section::Bulletins;
        m.common.page_title = self.locale.s("bulletins_title");
        let days: Vec<(DayLink, String)> = (0..site.event.days.len())
            .map(|n| (self.views.day_link(n), plan::bulletin_pdf(site, Some(n))))
            .collect();
        m.insert("days", &days);
        m.insert("week_pdf", &plan::bulletin_pdf(site, None));
        m.insert("counties", &self.county_bulletins());
    }

    /// Each county with the days it has a bulletin for.
    fn county_bulletins(&self) -> Vec<CountyBulletins> {
        let site = self.site;
        let mut out: Vec<CountyBulletins> = Vec::new();
        for (c, n) in plan::county_bulletins(site) {
            let link = BulletinLink {
                date: site.event.days[n].date.iso_code(),
                href: Page::CountyBulletin(c, n).file(site),
                pdf: plan::county_bulletin_pdf(site, c, n),
            };
            match out.last_mut() {
                Some(last) if last.county.id == site.event.county(c).id => last.days.push(link),
                _ => out.push(CountyBulletins {
                    county: self.views.county_link(c),
                    days: vec![link],
                }),
            }
        }
        out
    }

    fn bulletin(&self, n: usize, county: Option<CountyId>, m: &mut Made) {
        let site = self.site;
        let own;
        let day = match county {
            None => &self.bulletins[n],
            Some(c) => {
                own = super::bulletin::day(site, &self.locale, n, Some(c), view::qr_svg);
                &own
            }
        };
        m.common.section = Section::Bulletins;
        let whose = day.county.as_deref().unwrap_or(&site.event.title);
        m.common.page_title = match &day.county {
            Some(county) => format!("{} — {county} — {}", self.locale.s("bulletin"), day.theme),
            None => format!("{} — {}", self.locale.s("bulletin"), day.theme),
        };
        m.insert("bulletin", day);
        m.insert(
            "pdf",
            &match county {
                Some(c) => plan::county_bulletin_pdf(site, c, n),
                None => plan::bulletin_pdf(site, Some(n)),
            },
        );
        let running = [whose, &day.theme, &day.date].join(" — ");
        m.inline_style("page_css", &page_css(site.event, &self.locale, &running));
    }

    fn report(&self, m: &mut Made) {
        m.common.section = Section::Report;
        m.common.page_title = self.locale.s("report_title");
        m.insert("review", self.review);
        m.insert("report_pdf", &plan::REPORT_PDF);
        let sheets: Vec<SheetLink> = plan::programme_sheets(self.site)
            .into_iter()
            .map(|(href, language)| SheetLink {
                href,
                label: self.locale.s(match language {
                    Language::English if Language::of(&self.site.event.locale) != language => {
                        "data_csv_english"
                    }
                    _ => "data_csv",
                }),
            })
            .collect();
        m.insert("csv_files", &sheets);
    }

    /// The week in review: the execution figures, the best-covered
    /// programmes and the photos of what was held.
    fn week_in_review(&self, m: &mut Made) {
        let (site, v) = (self.site, self.views);
        m.common.section = Section::Report;
        m.common.page_title = self.locale.s("review_title");
        m.insert("review", self.review);
        let covered: Vec<&ProgrammeView> = site
            .figures
            .outcomes
            .most_covered
            .iter()
            .filter_map(|&(id, _)| v.shown(id))
            .collect();
        m.insert("covered", &covered);
        let gallery: Vec<view::PhotoView> = site
            .programmes
            .iter()
            .filter_map(|&id| {
                let p = v.programme(id);
                let photo = p.outcome.as_ref()?.photos.first()?;
                Some(view::PhotoView {
                    href: p.href.clone(),
                    alt: p.title.clone(),
                    ..photo.clone()
                })
            })
            .take(REVIEW_PHOTOS)
            .collect();
        m.insert("gallery", &gallery);
        // The participants by headquarters: who brought how many.
        m.insert(
            "review_chart",
            &self
                .review
                .execution
                .as_ref()
                .and_then(|x| x.sections.iter().find(|s| s.id == "headquarters")),
        );
    }

    /// The `<iframe>` codes of the embeddable pages.
    fn embeds(&self) -> Vec<Embed> {
        let site = self.site;
        [
            (Page::EmbedToday, "embed_today_label"),
            (Page::EmbedHighlights, "embed_highlights_label"),
        ]
        .into_iter()
        .map(|(page, label)| {
            let label = self.locale.s(label);
            let absolute = site.absolute(&page.dir(site));
            // Without a base URL the page puts its own address in (rooz.js).
            let src = absolute.clone().unwrap_or_else(|| page.dir(site));
            let code = format!(
                "<iframe src=\"{}\" title=\"{} — {}\" width=\"100%\" height=\"{EMBED_HEIGHT}\" style=\"border:0\" loading=\"lazy\"></iframe>",
                escape(&src),
                escape(&label),
                escape(&site.event.title)
            );
            Embed {
                label,
                href: page.file(site),
                absolute: absolute.is_some(),
                code,
            }
        })
        .collect()
    }

    /// What a reader offline sees for a page never kept.
    fn offline(&self, m: &mut Made) {
        m.common.page_title = self.locale.s("offline_title");
    }

    /// "My programme": an empty frame that static/my.js fills.
    fn my_programme(&self, m: &mut Made) {
        m.common.section = Section::My;
        m.common.page_title = self.locale.s("my_title");
    }

    fn embed_today(&self, m: &mut Made) {
        let site = self.site;
        m.common.page_title = self.locale.s("embed_today_label");
        let days: Vec<EmbedDayLink> = (0..site.event.days.len())
            .map(|n| EmbedDayLink {
                day: self.views.day_link(n),
                href: Page::EmbedDay(n).file(site),
            })
            .collect();
        m.insert("embed_days", &days);
    }

    fn embed_day(&self, n: usize, m: &mut Made) {
        let site = self.site;
        let day = &site.event.days[n];
        m.common.page_title = day.title.clone();
        m.insert("day", &self.views.day_link(n));
        let list = &site.by_day[n];
        self.embed_list(m, site.part(list, 0), list.len());
    }

    fn embed_highlights(&self, m: &mut Made) {
        let site = self.site;
        m.common.page_title = self.locale.s("highlights_title");
        self.embed_list(m, site.part(&site.highlights, 0), site.highlights.len());
    }

    /// An embedded list: its first page's worth, and how many more the
    /// site has.
    fn embed_list(&self, m: &mut Made, shown: &[ProgrammeId], total: usize) {
        let more = total - shown.len();
        m.insert("programmes", &self.views.programmes(shown));
        m.insert("more", &more);
        m.insert(
            "more_text",
            &self.locale.fill(
                "embed_more",
                &[("n", &self.locale.formats.number(more as i64))],
            ),
        );
    }

    fn not_found(&self, m: &mut Made) {
        m.common.page_title = self.locale.s("not_found_title");
        // Served at any depth and opened from disk alike: its style goes
        // inside it.
        m.inline_style("inline_css", &self.inline_css);
    }
}

/// How many photos the week in review shows (the first of each programme).
const REVIEW_PHOTOS: usize = 24;

fn html(markdown: &Option<Markdown>) -> Option<String> {
    markdown.as_ref().map(|m| markdown::to_html(&m.0))
}

/// `@page` rules of the printed bulletin: the paper size, page numbers in
/// the locale's digits (a CSS counter style named in the strings file), and
/// `running` (the event, the day and its date) atop every page but the
/// first.
fn page_css(event: &Event, locale: &Locale, running: &str) -> String {
    let size = event.bulletins.paper.css();
    let strings = &locale.strings;
    let style = strings
        .get("page_counter_style")
        .map_or("decimal", String::as_str);
    let style: String = style
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    // The texts land in a CSS string in a <style> element: nothing that
    // could end either.
    let safe = |text: &str| -> String {
        text.chars()
            .filter(|c| !matches!(c, '"' | '\\' | '<' | '>' | '\n' | '\r'))
            .collect()
    };
    let pattern = safe(
        strings
            .get("page_of")
            .map_or("{page} / {total}", String::as_str),
    );
    let content = format!(
        "\"{}\"",
        pattern
            .replace("{page}", &format!("\" counter(page, {style}) \""))
            .replace("{total}", &format!("\" counter(pages, {style}) \""))
    );
    let running = safe(running);
    format!(
        "@page {{ size: {size}; margin: 16mm 13mm 16mm; @top-center {{ content: \"{running}\"; font-size: 8pt; color: #45484d; }} @bottom-center {{ content: {content}; font-size: 8pt; color: #45484d; }} }} @page :first {{ @top-center {{ content: none; }} }}"
    )
}
