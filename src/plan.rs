//! Stage 4, plan: the list of every file a build writes, with what makes it.
//!
//! The plan is plain data (a path and a job), so it can be inspected and
//! tested without rendering anything, and rendered in any order.

use crate::columns::Language;
use crate::index::Site;
use crate::model::{CountyId, HeadquartersId, ProgrammeId, StratumId};
use crate::theme::Theme;

/// The share-card sizes a media team posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CardFormat {
    /// 1200×630, OpenGraph and link previews.
    OpenGraph,
    /// 1080×1080, a square post.
    Square,
    /// 1080×1920, a story.
    Story,
}

impl CardFormat {
    pub const ALL: [CardFormat; 3] = [CardFormat::OpenGraph, CardFormat::Square, CardFormat::Story];

    pub fn file_name(self) -> &'static str {
        match self {
            CardFormat::OpenGraph => "card-1200x630.png",
            CardFormat::Square => "card-1080x1080.png",
            CardFormat::Story => "card-1080x1920.png",
        }
    }

    /// Width and height in pixels.
    pub fn pixels(self) -> (u32, u32) {
        match self {
            CardFormat::OpenGraph => (1200, 630),
            CardFormat::Square => (1080, 1080),
            CardFormat::Story => (1080, 1920),
        }
    }
}

/// One HTML page of the site. A list too long for one page is split
/// into parts (`page_size` programmes each); part 0 is the list's own
/// address, part `k` is at `page/{k+1}/` under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Home,
    Calendar,
    /// The list of the days.
    DaysIndex,
    Day(usize, u32),
    /// Every shown programme in time order, with filters.
    ProgrammesIndex(u32),
    HeadquartersIndex,
    Headquarters(HeadquartersId, u32),
    StrataIndex,
    Stratum(StratumId, u32),
    CountiesIndex,
    County(CountyId, u32),
    /// The programmes without a county, listed like a county's.
    ProvinceWide(u32),
    Programme(ProgrammeId),
    HighlightsIndex(u32),
    Highlight(ProgrammeId),
    BulletinsIndex,
    /// The province's bulletin of a day.
    Bulletin(usize),
    /// One county headquarters' bulletin of a day.
    CountyBulletin(CountyId, usize),
    Report,
    /// The week in review: what was held, once outcomes are reported.
    Review,
    /// The search page.
    Search,
    NotFound,
    /// What the service worker shows for a page it never cached.
    Offline,
    /// The reader's starred programmes, made in the browser.
    MyProgramme,
    /// The embeddable widget: today's day (chosen in the browser).
    EmbedToday,
    /// The embeddable widget of one day.
    EmbedDay(usize),
    /// The embeddable widget of the highlights.
    EmbedHighlights,
}

impl Page {
    /// The page's folder, relative to the site root, with a trailing `/`
    /// (empty for the home page).
    pub fn dir(self, site: &Site) -> String {
        let event = site.event;
        let day = |n: usize| event.days[n].date.code(event.calendar);
        let base = match self {
            Page::Home | Page::NotFound => String::new(),
            Page::Calendar => "calendar/".into(),
            Page::DaysIndex => "days/".into(),
            Page::Day(n, _) => format!("days/{}/", day(n)),
            Page::ProgrammesIndex(_) => "programs/".into(),
            Page::HeadquartersIndex => "headquarters/".into(),
            Page::Headquarters(id, _) => format!("headquarters/{}/", event.headquarters(id).id),
            Page::StrataIndex => "strata/".into(),
            Page::Stratum(id, _) => format!("strata/{}/", event.stratum(id).id),
            Page::CountiesIndex => "counties/".into(),
            Page::County(id, _) => format!("counties/{}/", event.county(id).id),
            // Not under counties/: no county id can take its place.
            Page::ProvinceWide(_) => "province-wide/".into(),
            Page::Programme(id) => format!("programs/{}/", event.programme(id).id),
            Page::HighlightsIndex(_) => "highlights/".into(),
            Page::Highlight(id) => format!("highlights/{}/", event.programme(id).id),
            Page::BulletinsIndex => "bulletins/".into(),
            Page::Bulletin(n) => format!("bulletins/{}/", day(n)),
            Page::CountyBulletin(c, n) => format!("bulletins/{}/{}/", event.county(c).id, day(n)),
            Page::Report => "report/".into(),
            Page::Review => "review/".into(),
            Page::Search => "search/".into(),
            Page::Offline => "offline/".into(),
            Page::MyProgramme => "my/".into(),
            Page::EmbedToday => "embed/today/".into(),
            Page::EmbedDay(n) => format!("embed/{}/", day(n)),
            Page::EmbedHighlights => "embed/highlights/".into(),
        };
        match self.part() {
            0 => base,
            part => format!("{base}page/{}/", part + 1),
        }
    }

    /// The file the page is written to.
    pub fn file(self, site: &Site) -> String {
        match self {
            Page::NotFound => "404.html".into(),
            page => format!("{}index.html", page.dir(site)),
        }
    }

    /// Which part of its list the page is (0 for pages that are not lists).
    pub fn part(self) -> u32 {
        match self {
            Page::Day(_, p)
            | Page::Headquarters(_, p)
            | Page::Stratum(_, p)
            | Page::County(_, p)
            | Page::ProvinceWide(p)
            | Page::ProgrammesIndex(p)
            | Page::HighlightsIndex(p) => p,
            _ => 0,
        }
    }

    /// The same list's page `part`.
    pub fn with_part(self, part: u32) -> Page {
        match self {
            Page::Day(n, _) => Page::Day(n, part),
            Page::Headquarters(id, _) => Page::Headquarters(id, part),
            Page::Stratum(id, _) => Page::Stratum(id, part),
            Page::County(id, _) => Page::County(id, part),
            Page::ProvinceWide(_) => Page::ProvinceWide(part),
            Page::HighlightsIndex(_) => Page::HighlightsIndex(part),
            Page::ProgrammesIndex(_) => Page::ProgrammesIndex(part),
            page => page,
        }
    }

    /// The theme template that renders it.
    pub fn template(self) -> &'static str {
        match self {
            Page::Home => "home.html",
            Page::Calendar => "calendar.html",
            Page::DaysIndex => "days.html",
            Page::Day(..) => "day.html",
            Page::ProgrammesIndex(_) => "programs.html",
            Page::HeadquartersIndex => "headquarters-index.html",
            Page::Headquarters(..) => "headquarters.html",
            Page::StrataIndex => "strata-index.html",
            Page::Stratum(..) => "stratum.html",
            Page::CountiesIndex => "counties-index.html",
            Page::County(..) | Page::ProvinceWide(_) => "county.html",
            Page::Programme(_) => "programme.html",
            Page::HighlightsIndex(_) => "highlights.html",
            Page::Highlight(_) => "highlight.html",
            Page::BulletinsIndex => "bulletins.html",
            Page::Bulletin(_) | Page::CountyBulletin(..) => "bulletin.html",
            Page::Report => "report.html",
            Page::Review => "review.html",
            Page::Search => "search.html",
            Page::NotFound => "404.html",
            Page::Offline => "offline.html",
            Page::MyProgramme => "my.html",
            Page::EmbedToday => "embed-today.html",
            Page::EmbedDay(_) => "embed-day.html",
            Page::EmbedHighlights => "embed-highlights.html",
        }
    }

    /// Whether the page belongs in the sitemap (and has a canonical URL).
    pub fn listed(self) -> bool {
        !matches!(
            self,
            Page::NotFound | Page::Search | Page::Offline | Page::MyProgramme
        ) && !self.embedded()
    }

    /// Whether the page is made to be shown in another site's `<iframe>`.
    pub fn embedded(self) -> bool {
        matches!(
            self,
            Page::EmbedToday | Page::EmbedDay(_) | Page::EmbedHighlights
        )
    }
}

/// What a calendar file (`calendar.ics`) holds: the whole event, or the
/// programmes of one page; it lies in that page's folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarScope {
    Event,
    Day(usize),
    Headquarters(HeadquartersId),
    Stratum(StratumId),
    County(CountyId),
    ProvinceWide,
    Programme(ProgrammeId),
}

impl CalendarScope {
    /// The calendar a page offers to subscribe to (or, on a programme's
    /// page, to add), if any.
    pub fn of(page: Page) -> Option<CalendarScope> {
        Some(match page {
            Page::Home | Page::ProgrammesIndex(_) => CalendarScope::Event,
            Page::Day(n, _) => CalendarScope::Day(n),
            Page::Headquarters(id, _) => CalendarScope::Headquarters(id),
            Page::Stratum(id, _) => CalendarScope::Stratum(id),
            Page::County(id, _) => CalendarScope::County(id),
            Page::ProvinceWide(_) => CalendarScope::ProvinceWide,
            Page::Programme(id) => CalendarScope::Programme(id),
            _ => return None,
        })
    }

    /// The page whose folder holds the file.
    pub fn page(self) -> Page {
        match self {
            CalendarScope::Event => Page::Home,
            CalendarScope::Day(n) => Page::Day(n, 0),
            CalendarScope::Headquarters(id) => Page::Headquarters(id, 0),
            CalendarScope::Stratum(id) => Page::Stratum(id, 0),
            CalendarScope::County(id) => Page::County(id, 0),
            CalendarScope::ProvinceWide => Page::ProvinceWide(0),
            CalendarScope::Programme(id) => Page::Programme(id),
        }
    }

    /// Whether the build writes it: a list with no published programme
    /// has no calendar.
    pub fn offered(self, site: &Site) -> bool {
        self.programmes(site)
            .iter()
            .any(|&id| site.event.programme(id).status.is_published())
    }

    /// The file, root-relative.
    pub fn file(self, site: &Site) -> String {
        format!("{}{CALENDAR_FILE}", self.page().dir(site))
    }

    /// The programmes it lists, in time order (drafts are left out when
    /// it is written).
    pub fn programmes<'s>(self, site: &'s Site) -> std::borrow::Cow<'s, [ProgrammeId]> {
        use std::borrow::Cow;
        match self {
            CalendarScope::Event => Cow::Borrowed(&site.programmes),
            CalendarScope::Day(n) => Cow::Borrowed(&site.by_day[n]),
            CalendarScope::Headquarters(id) => Cow::Borrowed(&site.by_headquarters[id.index()]),
            CalendarScope::Stratum(id) => Cow::Borrowed(&site.by_stratum[id.index()]),
            CalendarScope::County(id) => Cow::Borrowed(&site.by_county[id.index()]),
            CalendarScope::ProvinceWide => Cow::Borrowed(&site.province_wide),
            CalendarScope::Programme(id) => Cow::Owned(vec![id]),
        }
    }
}

/// The name of every calendar file.
pub const CALENDAR_FILE: &str = "calendar.ics";

/// The c3voc schedule of the whole event.
pub const SCHEDULE_FILE: &str = "schedule.json";

/// The headquarters' colours ([`Job::HeadquartersColors`]).
pub const HEADQUARTERS_CSS: &str = "static/headquarters.css";

/// What makes one output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    Page(Page),
    /// A file of the theme's `static/` folder.
    Asset(String),
    /// A file copied as it is (fonts and their licence).
    Copy(std::path::PathBuf),
    /// `@font-face` rules for the fonts present.
    FontFaces,
    /// The headquarters' colours, a rule per headquarters (pages name
    /// theirs with `data-hq`, never with a `style` attribute, which the
    /// pages' Content-Security-Policy forbids).
    HeadquartersColors,
    /// `sitemap.xml`: the URLs, or an index of its parts when there are
    /// more than [`SITEMAP_URLS`].
    Sitemap,
    /// Part `k` of a long sitemap (`sitemap-{k+1}.xml`).
    SitemapPart(usize),
    Robots,
    /// A share card of a highlight.
    Card(ProgrammeId, CardFormat),
    /// The press kit of a highlight.
    PressKit(ProgrammeId),
    /// The Atom feed of the highlights.
    Feed,
    /// A bulletin PDF: one day, or the whole week (`None`).
    BulletinPdf(Option<usize>),
    /// A county's bulletin PDF of one day.
    CountyBulletinPdf(CountyId, usize),
    /// The consolidated package as PDF.
    ReportPdf,
    ProgrammesJson,
    /// `data/programs.csv` with its columns in a language.
    ProgrammesCsv(Language),
    ReportJson,
    /// An iCalendar file.
    Calendar(CalendarScope),
    /// `schedule.json`.
    Schedule,
    /// `search/config.js`: the folding table and the index's size.
    SearchConfig,
    /// `search/i-K.js`: one shard of the search index.
    SearchShard(usize),
    /// `search/d-C.js`: what results show of programmes C·DOCS ….
    SearchDocs(usize),
    /// `manifest.webmanifest`: the site as an installable app.
    Manifest,
    /// The app's icon, square, of this many pixels.
    Icon(u32),
    /// `sw.js`: the service worker (offline reading), named after the
    /// build; made after every other file, whose bytes it hashes.
    ServiceWorker,
    /// `now/week.js`: when each day begins and ends.
    NowWeek,
    /// `now/<day>.js`: when each programme of a day runs.
    NowDay(usize),
    /// `my/config.js`: what "my programme" needs besides its programmes.
    MyConfig,
    /// `my/p-K.js`: the programmes whose id hashes to shard K.
    MyShard(usize),
    /// A photo of what was held (a path under `content/`), resized.
    Photo(String, PhotoSize),
}

/// The sizes a photo of an outcome is shown at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhotoSize {
    /// In the gallery of the page.
    Thumb,
    /// Opened from it.
    Full,
}

impl PhotoSize {
    pub const ALL: [PhotoSize; 2] = [PhotoSize::Thumb, PhotoSize::Full];

    /// The widest it is, in pixels.
    pub fn max_width(self) -> u32 {
        match self {
            PhotoSize::Thumb => 480,
            PhotoSize::Full => 1600,
        }
    }

    /// The pixels of a `width` × `height` photo at this size: as wide as
    /// the size allows, never wider than the photo, its proportions kept.
    pub fn fit(self, width: u32, height: u32) -> (u32, u32) {
        let w = width.min(self.max_width()).max(1);
        let h = (u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width.max(1));
        (w, u32::try_from(h).unwrap_or(u32::MAX).max(1))
    }
}

/// Where a photo of an outcome goes at `size`: a folder of its own per
/// content path, named by its width (`photos/media/rally.png/480.jpg`), so
/// no two photos (nor a photo and a copied image) ever meet.
pub fn photo_path(content_path: &str, size: PhotoSize) -> String {
    format!("photos/{content_path}/{}.jpg", size.max_width())
}

impl Job {
    /// Whether the job is typeset (a card, a PDF, or a press kit of cards):
    /// what `rooz build --no-typeset` leaves out.
    pub fn typesets(&self) -> bool {
        matches!(
            self,
            Job::Card(..)
                | Job::PressKit(_)
                | Job::BulletinPdf(_)
                | Job::CountyBulletinPdf(..)
                | Job::ReportPdf
                | Job::Icon(_)
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Relative to the output folder, with `/`.
    pub path: String,
    pub job: Job,
}

impl Output {
    /// Whether the service worker keeps it from a reader's first visit:
    /// the home page, the calendar, the days and each day's first page,
    /// the offline and "my programme" pages, the theme's files and fonts,
    /// the app's icons and the data of "now" and "my programme".
    pub fn precached(&self) -> bool {
        match &self.job {
            Job::Page(page) => matches!(
                page,
                Page::Home
                    | Page::Calendar
                    | Page::DaysIndex
                    | Page::Day(_, 0)
                    | Page::Offline
                    | Page::MyProgramme
            ),
            Job::Asset(_)
            | Job::FontFaces
            | Job::HeadquartersColors
            | Job::Manifest
            | Job::Icon(_) => true,
            Job::NowWeek | Job::NowDay(_) | Job::MyConfig => true,
            // Fonts and their licence; photos are kept when a page shows them.
            Job::Copy(_) => self.path.starts_with("static/"),
            _ => false,
        }
    }
}

/// How many outputs of each kind a plan holds (what a build's summary
/// counts).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub files: usize,
    pub pages: usize,
    /// Bulletin PDFs: of each day, of the week, of each county's day.
    pub bulletins: usize,
    /// Share cards.
    pub cards: usize,
}

impl Tally {
    pub fn of(outputs: &[Output]) -> Tally {
        let mut t = Tally {
            files: outputs.len(),
            ..Tally::default()
        };
        for o in outputs {
            match o.job {
                Job::Page(_) => t.pages += 1,
                Job::BulletinPdf(_) | Job::CountyBulletinPdf(..) => t.bulletins += 1,
                Job::Card(..) => t.cards += 1,
                _ => {}
            }
        }
        t
    }
}

/// Every page of the site, in a stable order: a list in as many parts as
/// its length needs.
pub fn pages(site: &Site) -> Vec<Page> {
    let event = site.event;
    let mut pages = vec![
        Page::Home,
        Page::Calendar,
        Page::DaysIndex,
        Page::HeadquartersIndex,
        Page::StrataIndex,
        Page::CountiesIndex,
        Page::BulletinsIndex,
        Page::Report,
        Page::Search,
        Page::NotFound,
        Page::Offline,
        Page::MyProgramme,
        Page::EmbedToday,
        Page::EmbedHighlights,
    ];
    if site.figures.reports_execution() {
        pages.push(Page::Review);
    }
    let mut list = |page: Page, len: usize| {
        pages.extend((0..site.parts(len)).map(|part| page.with_part(part)));
    };
    list(Page::HighlightsIndex(0), site.highlights.len());
    list(Page::ProgrammesIndex(0), site.programmes.len());
    for n in 0..event.days.len() {
        list(Page::Day(n, 0), site.by_day[n].len());
    }
    for (i, ids) in site.by_headquarters.iter().enumerate() {
        list(Page::Headquarters(HeadquartersId::new(i), 0), ids.len());
    }
    for (i, ids) in site.by_stratum.iter().enumerate() {
        list(Page::Stratum(StratumId::new(i), 0), ids.len());
    }
    for (i, ids) in site.by_county.iter().enumerate() {
        list(Page::County(CountyId::new(i), 0), ids.len());
    }
    if !site.province_wide.is_empty() {
        list(Page::ProvinceWide(0), site.province_wide.len());
    }
    pages.extend(site.programmes.iter().map(|&id| Page::Programme(id)));
    pages.extend(site.highlights.iter().map(|&id| Page::Highlight(id)));
    pages.extend((0..event.days.len()).map(Page::Bulletin));
    pages.extend((0..event.days.len()).map(Page::EmbedDay));
    pages.extend(county_bulletins(site).map(|(c, n)| Page::CountyBulletin(c, n)));
    pages
}

/// The county bulletins a build makes: a county's day that has programmes.
pub fn county_bulletins<'a>(site: &'a Site) -> impl Iterator<Item = (CountyId, usize)> + 'a {
    (0..site.event.counties.len()).flat_map(move |c| {
        let county = CountyId::new(c);
        (0..site.event.days.len())
            .filter(move |&n| !site.county_day(county, n).is_empty())
            .map(move |n| (county, n))
    })
}

/// The consolidated package as PDF.
pub const REPORT_PDF: &str = "report/report.pdf";

/// The programmes as CSV: in the event's language, and with English
/// columns too when that is another.
pub fn programme_sheets(site: &Site) -> Vec<(&'static str, Language)> {
    match Language::of(&site.event.locale) {
        Language::English => vec![("data/programs.csv", Language::English)],
        language => vec![
            ("data/programs.csv", language),
            ("data/programs.en.csv", Language::English),
        ],
    }
}

/// The PDF of a day's bulletin, beside its page; `None` is the week's.
pub fn bulletin_pdf(site: &Site, day: Option<usize>) -> String {
    match day {
        Some(n) => format!(
            "bulletins/{}.pdf",
            site.event.days[n].date.code(site.event.calendar)
        ),
        None => "bulletins/week.pdf".into(),
    }
}

/// The PDF of a county's bulletin of a day, beside its page.
pub fn county_bulletin_pdf(site: &Site, county: CountyId, day: usize) -> String {
    format!(
        "bulletins/{}/{}.pdf",
        site.event.county(county).id,
        site.event.days[day].date.code(site.event.calendar)
    )
}

/// The whole build: pages, highlight cards and press kits, the feed, data
/// files, bulletin PDFs, media, theme assets, fonts, sitemap and robots.txt.
pub fn plan(site: &Site, theme: &Theme, content_dir: &std::path::Path) -> Vec<Output> {
    let pages = pages(site);
    let mut outputs: Vec<Output> = pages
        .iter()
        .map(|&page| Output {
            path: page.file(site),
            job: Job::Page(page),
        })
        .collect();
    outputs.extend(highlights(site));
    outputs.extend(documents(site));
    outputs.extend(calendars(site, &pages));
    outputs.extend(search(site));
    outputs.extend(app(site));
    outputs.extend(media(site, content_dir));
    outputs.extend(theme_files(theme));
    if site.base_url.is_some() {
        let listed = outputs
            .iter()
            .filter(|o| matches!(o.job, Job::Page(p) if p.listed()))
            .count();
        outputs.push(output("sitemap.xml", Job::Sitemap));
        let parts = sitemap_parts(listed);
        if parts > 1 {
            outputs.extend((0..parts).map(|k| output(sitemap_part(k), Job::SitemapPart(k))));
        }
    }
    outputs.push(output("robots.txt", Job::Robots));
    // Last: it names the build by every file above.
    outputs.push(output(SERVICE_WORKER, Job::ServiceWorker));
    outputs
}

/// The service worker, at the root so that its scope is the whole site.
pub const SERVICE_WORKER: &str = "sw.js";

/// The web app manifest.
pub const MANIFEST: &str = "manifest.webmanifest";

/// The sizes of the app's icons, in pixels (what Android and the
/// installers ask for).
pub const ICON_SIZES: [u32; 2] = [192, 512];

/// Where the icon of `size` pixels is written.
pub fn icon_path(size: u32) -> String {
    format!("icons/icon-{size}.png")
}

/// `now/<day>.js`, the times of a day's programmes.
pub fn now_day_path(site: &Site, n: usize) -> String {
    format!(
        "now/{}.js",
        site.event.days[n].date.code(site.event.calendar)
    )
}

/// Programmes per `my/p-K.js` file, on average.
pub const MY_PROGRAMMES: usize = 200;

/// How many `my/p-K.js` files a site of `programmes` has.
pub fn my_shards(programmes: usize) -> usize {
    programmes.div_ceil(MY_PROGRAMMES).max(1)
}

/// The `my/p-K.js` file a programme id is in: FNV-1a (32 bits) of its
/// UTF-8 bytes, modulo the shard count (`static/my.js` computes the same).
pub fn my_shard(id: &str, shards: usize) -> usize {
    let hash = id.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    hash as usize % shards.max(1)
}

/// The installable, offline and "my programme" files: manifest, icons,
/// the times of each day (now and next), and the programme data of "my
/// programme".
fn app(site: &Site) -> Vec<Output> {
    let mut outputs = vec![
        output(MANIFEST, Job::Manifest),
        output("now/week.js", Job::NowWeek),
        output("my/config.js", Job::MyConfig),
    ];
    outputs.extend(ICON_SIZES.map(|size| output(icon_path(size), Job::Icon(size))));
    outputs
        .extend((0..site.event.days.len()).map(|n| output(now_day_path(site, n), Job::NowDay(n))));
    outputs.extend(
        (0..my_shards(site.programmes.len()))
            .map(|k| output(format!("my/p-{k}.js"), Job::MyShard(k))),
    );
    outputs
}

/// The most URLs one sitemap file may hold (sitemaps.org).
pub const SITEMAP_URLS: usize = 50_000;

/// How many sitemap files `listed` pages need.
pub fn sitemap_parts(listed: usize) -> usize {
    listed.div_ceil(SITEMAP_URLS).max(1)
}

/// The file of part `k` of a long sitemap.
pub fn sitemap_part(k: usize) -> String {
    format!("sitemap-{}.xml", k + 1)
}

fn output(path: impl Into<String>, job: Job) -> Output {
    Output {
        path: path.into(),
        job,
    }
}

/// Where a highlight's card of one format is written.
pub fn card_path(site: &Site, id: ProgrammeId, format: CardFormat) -> String {
    format!("{}{}", Page::Highlight(id).dir(site), format.file_name())
}

/// Each highlight's cards and press kit.
fn highlights(site: &Site) -> Vec<Output> {
    let mut outputs = Vec::new();
    for &id in &site.highlights {
        let dir = Page::Highlight(id).dir(site);
        outputs.extend(
            CardFormat::ALL
                .map(|format| output(card_path(site, id, format), Job::Card(id, format))),
        );
        outputs.push(output(format!("{dir}press-kit.zip"), Job::PressKit(id)));
    }
    outputs
}

/// The feed, the report PDF, the data files and the bulletin PDFs.
fn documents(site: &Site) -> Vec<Output> {
    let mut outputs = vec![
        output("feed.xml", Job::Feed),
        output(REPORT_PDF, Job::ReportPdf),
        output("data/programs.json", Job::ProgrammesJson),
        output("data/report.json", Job::ReportJson),
    ];
    outputs.extend(
        programme_sheets(site)
            .into_iter()
            .map(|(path, language)| output(path, Job::ProgrammesCsv(language))),
    );
    outputs.extend(
        (0..site.event.days.len())
            .map(Some)
            .chain([None])
            .map(|day| output(bulletin_pdf(site, day), Job::BulletinPdf(day))),
    );
    outputs.extend(county_bulletins(site).map(|(c, n)| {
        output(
            county_bulletin_pdf(site, c, n),
            Job::CountyBulletinPdf(c, n),
        )
    }));
    outputs
}

/// The calendar files of the event and of each page that offers one, and
/// the schedule. A list with no published programme has none.
fn calendars(site: &Site, pages: &[Page]) -> Vec<Output> {
    let scopes = pages
        .iter()
        .copied()
        .filter_map(|page| CalendarScope::of(page).filter(|scope| scope.page() == page))
        .filter(|scope| scope.offered(site));
    let mut outputs: Vec<Output> = scopes
        .map(|scope| output(scope.file(site), Job::Calendar(scope)))
        .collect();
    outputs.push(output(SCHEDULE_FILE, Job::Schedule));
    outputs
}

/// The search index's files (`search/`), split so a query loads little.
fn search(site: &Site) -> Vec<Output> {
    let n = site.programmes.len();
    let mut outputs = vec![output("search/config.js", Job::SearchConfig)];
    outputs.extend(
        (0..search_shards(n)).map(|k| output(format!("search/i-{k}.js"), Job::SearchShard(k))),
    );
    outputs.extend(
        (0..search_docs(n)).map(|c| output(format!("search/d-{c}.js"), Job::SearchDocs(c))),
    );
    outputs
}

/// Programmes per `search/d-C.js` file.
pub const SEARCH_DOCS: usize = 200;

/// How many `search/d-C.js` files.
pub fn search_docs(programmes: usize) -> usize {
    programmes.div_ceil(SEARCH_DOCS).max(1)
}

/// How many index shards a site of `programmes` gets: about one per 150
/// programmes, so one shard stays small at any size.
pub fn search_shards(programmes: usize) -> usize {
    programmes.div_ceil(150).clamp(1, 1024)
}

/// Photos of shown programmes, as they are under content/.
fn media(site: &Site, content_dir: &std::path::Path) -> Vec<Output> {
    let mut media: Vec<&str> = site
        .programmes
        .iter()
        .filter_map(|&id| {
            site.event
                .programme(id)
                .highlight
                .as_ref()?
                .image
                .as_deref()
        })
        .collect();
    media.sort_unstable();
    media.dedup();
    let mut photos: Vec<&str> = site
        .programmes
        .iter()
        .filter_map(|&id| site.event.programme(id).outcome.as_ref())
        .flat_map(|o| o.photos.iter().map(|p| p.path.as_str()))
        .collect();
    photos.sort_unstable();
    photos.dedup();
    media
        .into_iter()
        .map(|m| output(media_path(m), Job::Copy(content_dir.join(m))))
        .chain(photos.into_iter().flat_map(|p| {
            PhotoSize::ALL.map(|size| output(photo_path(p, size), Job::Photo(p.to_string(), size)))
        }))
        .collect()
}

/// The theme's static files, and its web fonts with their licence and
/// `@font-face` rules.
fn theme_files(theme: &Theme) -> Vec<Output> {
    let mut outputs: Vec<Output> = theme
        .assets
        .keys()
        .map(|name| output(format!("static/{name}"), Job::Asset(name.clone())))
        .collect();
    let web_fonts: Vec<usize> = (0..theme.fonts.len())
        .filter(|&i| theme.fonts[i].name.ends_with(".woff2"))
        .collect();
    if !web_fonts.is_empty() {
        outputs.push(output("static/fonts.css", Job::FontFaces));
    }
    outputs.push(output(HEADQUARTERS_CSS, Job::HeadquartersColors));
    if let Some(license) = theme
        .font_license
        .as_ref()
        .filter(|_| !web_fonts.is_empty())
    {
        outputs.push(output("static/fonts/OFL.txt", Job::Copy(license.clone())));
    }
    outputs.extend(web_fonts.into_iter().map(|i| {
        output(
            format!("static/fonts/{}", theme.fonts[i].name),
            Job::Copy(theme.fonts[i].path.clone()),
        )
    }));
    outputs
}

/// Where a photo from `content/` goes in the output: under `media/`, as
/// written (one output path per content path, so two photos never meet).
pub fn media_path(content_path: &str) -> String {
    format!("media/{content_path}")
}

/// Output paths written twice (e.g. a theme's own `static/fonts.css`).
pub fn duplicates(outputs: &[Output]) -> Vec<String> {
    let mut paths: Vec<&str> = outputs.iter().map(|o| o.path.as_str()).collect();
    paths.sort_unstable();
    let mut twice: Vec<String> = paths
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0].to_string())
        .collect();
    twice.dedup();
    twice
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::measure;
    use crate::load::testing::{edited, event};

    #[test]
    fn every_page_of_the_event_is_planned_once() {
        let e = event("base-fa");
        let f = measure(&e);
        let site = Site::new(&e, &f, false, None);
        let pages = pages(&site);
        let count = |pred: fn(&Page) -> bool| pages.iter().filter(|p| pred(p)).count();
        assert_eq!(count(|p| matches!(p, Page::Day(..))), 3);
        assert_eq!(count(|p| matches!(p, Page::Bulletin(_))), 3);
        assert_eq!(count(|p| matches!(p, Page::Headquarters(..))), 2);
        assert_eq!(count(|p| matches!(p, Page::Stratum(..))), 2);
        assert_eq!(count(|p| matches!(p, Page::County(..))), 2);
        assert_eq!(count(|p| matches!(p, Page::Programme(_))), 5);
        assert_eq!(count(|p| matches!(p, Page::Highlight(_))), 1);
        assert_eq!(Page::Day(0, 0).file(&site), "days/1405-08-29/index.html");
        assert_eq!(
            Page::Day(0, 2).file(&site),
            "days/1405-08-29/page/3/index.html"
        );
        assert_eq!(Page::NotFound.file(&site), "404.html");
        assert_eq!(Page::Home.file(&site), "index.html");
    }

    #[test]
    fn a_sitemap_is_split_beyond_fifty_thousand_urls() {
        assert_eq!(sitemap_parts(0), 1);
        assert_eq!(sitemap_parts(SITEMAP_URLS), 1);
        assert_eq!(sitemap_parts(SITEMAP_URLS + 1), 2);
        assert_eq!(sitemap_parts(108_322), 3);
        assert_eq!(sitemap_part(0), "sitemap-1.xml");
    }

    #[test]
    fn the_outputs_have_distinct_paths_and_the_highlight_its_files() {
        let e = event("base-fa");
        let f = measure(&e);
        let site = Site::new(&e, &f, false, Some("https://example.org/".into()));
        let theme = Theme::default();
        let outputs = plan(&site, &theme, std::path::Path::new("content"));
        assert!(duplicates(&outputs).is_empty());
        let paths: Vec<&str> = outputs.iter().map(|o| o.path.as_str()).collect();
        for path in [
            "highlights/students-assembly/card-1200x630.png",
            "highlights/students-assembly/card-1080x1080.png",
            "highlights/students-assembly/card-1080x1920.png",
            "highlights/students-assembly/press-kit.zip",
            "bulletins/1405-08-29.pdf",
            "bulletins/week.pdf",
            "report/report.pdf",
            "data/report.json",
            "sitemap.xml",
            "feed.xml",
        ] {
            assert!(paths.contains(&path), "{path} is not planned");
        }
        // No sitemap without a base URL to make it absolute.
        let e = edited(
            "base-fa",
            &[(
                "content/event.yaml",
                "base_url: https://example.org/test/\n",
                "",
            )],
        );
        let f = measure(&e);
        let local = Site::new(&e, &f, false, None);
        let outputs = plan(&local, &theme, std::path::Path::new("content"));
        assert!(!outputs.iter().any(|o| o.path == "sitemap.xml"));
    }

    #[test]
    fn duplicates_are_reported_once_each() {
        let o = |path: &str| Output {
            path: path.into(),
            job: Job::Robots,
        };
        assert_eq!(
            duplicates(&[o("a"), o("b"), o("a"), o("a")]),
            ["a".to_string()]
        );
    }

    #[test]
    fn card_sizes_are_what_the_platforms_take() {
        let sizes: Vec<(u32, u32)> = CardFormat::ALL.iter().map(|f| f.pixels()).collect();
        assert_eq!(sizes, [(1200, 630), (1080, 1080), (1080, 1920)]);
        assert!(CardFormat::ALL.iter().all(|f| {
            let (w, h) = f.pixels();
            f.file_name() == format!("card-{w}x{h}.png")
        }));
    }
}
