//! Stage 5, render: every planned output into bytes, in memory and in
//! parallel. Nothing here writes into the output folder (`write` stores the
//! result); typeset cards and PDFs go through the build cache, and photos
//! and fonts are read from the site.

mod app;
pub mod bulletin;
pub mod card;
pub mod chart;
pub mod colors;
mod data;
pub mod engine;
mod feed;
mod ics;
mod identity;
pub mod markdown;
mod pages;
mod photo;
mod presskit;
mod review;
mod schedule;
mod search;
mod text;
pub mod typeset;
pub mod view;
mod xml;

pub use pages::policy;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::cache::{Cache, Content};
use crate::index::Site;
use crate::model::{CountyId, ProgrammeId};
use crate::plan::{self, CardFormat, Job, Output};
use crate::report::Report;
use crate::theme::{Theme, ThemeError};
use bulletin::BulletinDay;
use card::Cards;
use engine::Locale;
use pages::Pages;
use typeset::{Engine, Format, Request, Setting, Template, Typesetter};
use view::Views;

/// One file of the output: a relative path with `/` separators, and what
/// it holds.
pub struct File {
    pub path: String,
    pub content: Content,
}

/// An output that could not be made, and why.
#[derive(Debug)]
pub struct RenderError {
    /// The output's path, or what was being prepared.
    pub output: String,
    pub cause: Cause,
}

/// What failed while rendering.
#[derive(Debug)]
pub enum Cause {
    /// A tera template; the message names the template, line and column.
    Template(String),
    /// typst, or what feeds it (a photo that does not decode…); the
    /// message names the template, line and column when typst knows them.
    Typeset(String),
    /// A file of the site that could not be read.
    Read(PathBuf, std::io::Error),
    /// The theme lacks what an output needs.
    Theme(ThemeError),
    /// An archive or data file could not be assembled.
    Assemble(String),
}

impl RenderError {
    /// What went wrong, without where (several outputs can share it).
    pub fn message(&self) -> String {
        match &self.cause {
            Cause::Template(m) | Cause::Typeset(m) | Cause::Assemble(m) => m.clone(),
            Cause::Read(path, e) => format!("cannot read {}: {e}", path.display()),
            Cause::Theme(e) => e.to_string(),
        }
    }
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "while rendering {}:\n{}", self.output, self.message())
    }
}

/// What rendering needs besides the site and theme: the report, the typst
/// engine, the cache, and where content files (photos) are.
pub struct Tools<'a> {
    pub report: &'a Report,
    pub engine: &'a Engine,
    pub cache: &'a Cache,
    pub content_dir: &'a Path,
    /// What content files (photos) are read through.
    pub memo: &'a crate::source::Memo,
}

/// Why rendering stopped: outputs that failed (all of them), or the sink
/// that refused a file.
#[derive(Debug)]
pub enum Failed<E> {
    Render(Vec<RenderError>),
    Sink(E),
}

/// Renders every output, in parallel, handing each file to `sink` as soon
/// as it is made (so memory holds only the files in flight). Share cards
/// come first: the press kits then read them, made, from the cache. Returns
/// how many files were made.
pub fn render<E: Send>(
    site: &Site,
    theme: &Theme,
    tools: Tools,
    outputs: &[Output],
    sink: &(dyn Fn(File) -> Result<(), E> + Sync),
) -> Result<usize, Failed<E>> {
    let event = site.event;
    let prepare = |what: &str, cause: Cause| {
        Failed::Render(vec![RenderError {
            output: what.into(),
            cause,
        }])
    };
    let locale = Arc::new(Locale::new(
        &event.locale,
        event.calendar,
        theme.strings.clone(),
    ));
    let template = |name: &'static str| {
        theme
            .typst(name)
            .map(|source| Template { name, source })
            .map_err(|e| prepare(name, Cause::Theme(e)))
    };
    let (card_template, bulletin_template, report_template) = (
        template("card.typ")?,
        template("bulletin.typ")?,
        template("report.typ")?,
    );
    let views = Views::new(site, &locale.s("province_wide"));
    let review = review::view(event, tools.report, &locale);
    let bulletins: Vec<BulletinDay> = (0..event.days.len())
        .map(|n| bulletin::day(site, &locale, n, None, view::qr_svg))
        .collect();
    let pages = Pages::new(site, theme, locale.clone(), &views, &review, &bulletins)
        .map_err(|e| prepare("the theme's templates", Cause::Template(e.to_string())))?;
    let setting = Setting::new(event, &locale.formats, theme.font_families());
    let typesetter = Typesetter::new(tools.engine, tools.cache, setting, &theme.typst);
    let renderer = Renderer {
        site,
        theme,
        pages,
        cards: Cards::new(
            site,
            &typesetter,
            card_template,
            crate::source::ContentDir {
                path: tools.content_dir,
                memo: tools.memo,
            },
        ),
        typesetter: &typesetter,
        bulletin_template,
        report_template,
        report: tools.report,
        cache: tools.cache,
        search: std::sync::OnceLock::new(),
        events: std::sync::OnceLock::new(),
        my: std::sync::OnceLock::new(),
        fingerprint: app::Fingerprint::default(),
        precache: outputs
            .iter()
            .filter(|o| o.precached())
            .map(|o| o.path.clone())
            .collect(),
        icon_template: template("icon.typ")?,
    };
    let counted = |file: File| {
        renderer.fingerprint.add(&file.path, &file.content);
        sink(file)
    };
    run(phases(outputs), |o| renderer.render(o), &counted)
}

/// The outputs in the order of their phases: cards first (press kits read
/// them), the service worker last (it names the build by every other
/// file), the rest between.
fn phases(outputs: &[Output]) -> [Vec<&Output>; 3] {
    let mut phases: [Vec<&Output>; 3] = Default::default();
    for o in outputs {
        let phase = match o.job {
            Job::Card(..) => 0,
            Job::ServiceWorker => 2,
            _ => 1,
        };
        phases[phase].push(o);
    }
    phases
}

/// Renders the outputs of each phase in parallel, one phase after the
/// other, handing each file to `sink`; stops at the first file the sink
/// refuses, and gathers every render error.
fn run<E: Send>(
    phases: [Vec<&Output>; 3],
    render: impl Fn(&Output) -> Result<File, RenderError> + Sync,
    sink: &(dyn Fn(File) -> Result<(), E> + Sync),
) -> Result<usize, Failed<E>> {
    let errors = Mutex::new(Vec::new());
    let refused = Mutex::new(None);
    let made = AtomicUsize::new(0);
    for phase in phases {
        let one = |o: &&Output| {
            if refused.lock().unwrap_or_else(|e| e.into_inner()).is_some() {
                return;
            }
            match render(o) {
                Ok(file) => match sink(file) {
                    Ok(()) => {
                        made.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(e) => *refused.lock().unwrap_or_else(|e| e.into_inner()) = Some(e),
                },
                Err(e) => errors.lock().unwrap_or_else(|e| e.into_inner()).push(e),
            }
        };
        crate::parallel::each(&phase, STACK, one);
    }
    if let Some(e) = refused.into_inner().unwrap_or_else(|e| e.into_inner()) {
        return Err(Failed::Sink(e));
    }
    let errors = errors.into_inner().unwrap_or_else(|e| e.into_inner());
    if errors.is_empty() {
        Ok(made.into_inner())
    } else {
        Err(Failed::Render(errors))
    }
}

/// Stack of each rendering thread: typst lays out deep trees of content.
const STACK: usize = 64 * 1024 * 1024;

/// Everything outputs are rendered with, made once per build.
struct Renderer<'a, 'e> {
    site: &'a Site<'e>,
    theme: &'a Theme,
    pages: Pages<'a, 'e>,
    cards: Cards<'a>,
    typesetter: &'a Typesetter<'a>,
    bulletin_template: Template<'a>,
    report_template: Template<'a>,
    report: &'a Report,
    cache: &'a Cache,
    /// Built by the first shard that needs it.
    search: std::sync::OnceLock<search::Index>,
    /// Every programme's calendar entry, made by the first calendar.
    events: std::sync::OnceLock<ics::Events>,
    /// The programmes of each `my/p-K.js`, sorted out by the first.
    my: std::sync::OnceLock<Vec<Vec<ProgrammeId>>>,
    /// Every file made so far, for the service worker's name.
    fingerprint: app::Fingerprint,
    /// What the service worker keeps from the first visit.
    precache: Vec<String>,
    icon_template: Template<'a>,
}

impl Renderer<'_, '_> {
    // Long because it is the table of every job kind and what makes it,
    // one arm each.
    fn render(&self, output: &Output) -> Result<File, RenderError> {
        let fail = |cause: Cause| RenderError {
            output: output.path.clone(),
            cause,
        };
        let bytes = |b: Vec<u8>| Content::Bytes(b);
        let site = self.site;
        let content = match &output.job {
            Job::Card(id, format) => self
                .cards
                .card(site, &self.pages.locale, *id, *format)
                .map_err(|e| fail(Cause::Typeset(e)))?
                .clone(),
            Job::ReportPdf => self.report_pdf().map_err(|e| fail(Cause::Typeset(e)))?,
            Job::BulletinPdf(day) => self
                .bulletin_pdf(*day, &output.path)
                .map_err(|e| fail(Cause::Typeset(e)))?,
            Job::CountyBulletinPdf(county, n) => self
                .county_bulletin_pdf(*county, *n, &output.path)
                .map_err(|e| fail(Cause::Typeset(e)))?,
            Job::PressKit(id) => self.press_kit(*id).map_err(fail)?,
            Job::ProgrammesJson => bytes(data::programmes_json(site)),
            Job::ProgrammesCsv(language) => {
                bytes(data::programmes_csv(site, *language).map_err(|e| fail(Cause::Assemble(e)))?)
            }
            Job::ReportJson => bytes(data::report_json(self.report)),
            Job::Feed => bytes(feed::feed(site).into_bytes()),
            Job::Calendar(scope) => {
                let events = self.events.get_or_init(|| ics::Events::new(site));
                bytes(ics::calendar(site, &self.pages.locale, *scope, events).into_bytes())
            }
            Job::Schedule => bytes(schedule::schedule(site, &self.pages.locale).into_bytes()),
            Job::SearchConfig => bytes(search::config(site, &self.pages.locale).into_bytes()),
            Job::SearchShard(k) => bytes(
                self.search
                    .get_or_init(|| search::Index::new(site))
                    .shard(*k)
                    .into_bytes(),
            ),
            Job::SearchDocs(c) => bytes(search::docs(site, &self.pages.locale, *c).into_bytes()),
            Job::Page(page) => bytes(
                self.pages
                    .render(*page)
                    .map_err(|e| fail(Cause::Template(e.to_string())))?
                    .into_bytes(),
            ),
            Job::Asset(name) => bytes(self.theme.assets[name].clone()),
            Job::Copy(path) => {
                bytes(std::fs::read(path).map_err(|e| fail(Cause::Read(path.clone(), e)))?)
            }
            Job::Photo(path, size) => self
                .photo(path, *size, &output.path)
                .map_err(|e| fail(Cause::Assemble(e)))?,
            Job::FontFaces => bytes(xml::font_faces(self.theme).into_bytes()),
            Job::HeadquartersColors => bytes(colors::stylesheet(site.event).into_bytes()),
            Job::Sitemap => bytes(xml::sitemap(site).into_bytes()),
            Job::SitemapPart(k) => bytes(xml::sitemap_part(site, *k).into_bytes()),
            Job::Robots => bytes(xml::robots(site).into_bytes()),
            Job::Manifest => bytes(app::manifest(site, self.theme).into_bytes()),
            Job::Icon(size) => self
                .icon(*size, &output.path)
                .map_err(|e| fail(Cause::Typeset(e)))?,
            Job::NowWeek => bytes(app::now_week(site).into_bytes()),
            Job::NowDay(n) => {
                bytes(app::now_day(site, self.pages.views, &self.pages.locale, *n).into_bytes())
            }
            Job::MyConfig => bytes(app::my_config(site, &self.pages.locale).into_bytes()),
            Job::MyShard(k) => {
                let events = self.events.get_or_init(|| ics::Events::new(site));
                let shards = self.my.get_or_init(|| app::my_shards(site));
                bytes(
                    app::my_shard(
                        site,
                        self.pages.views,
                        &self.pages.locale,
                        events,
                        *k,
                        &shards[*k],
                    )
                    .into_bytes(),
                )
            }
            Job::ServiceWorker => bytes(
                app::service_worker(site, &self.fingerprint.hex(), &self.precache).into_bytes(),
            ),
        };
        Ok(File {
            path: output.path.clone(),
            content,
        })
    }

    /// The app's icon, `size` pixels square.
    /// A photo of an outcome at `size`, through the build cache (keyed by
    /// the photo's bytes): resizing is the slow part.
    fn photo(&self, path: &str, size: plan::PhotoSize, output: &str) -> Result<Content, String> {
        let file = self.cards.content_dir.join(path);
        let original =
            std::fs::read(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let width = size.max_width().to_le_bytes();
        let key = crate::cache::key(&[b"photo", &width, &original]);
        self.cache.get_or_make(&key, "jpg", output, || {
            Ok((photo::resized(&original, size)?, Vec::new()))
        })
    }

    fn icon(&self, size: u32, output: &str) -> Result<Content, String> {
        self.typesetter.make(Request {
            template: self.icon_template,
            data: &app::icon_data(self.site, self.theme, size),
            inputs: &[],
            files: &|| Ok(Vec::new()),
            format: Format::Png,
            label: output,
        })
    }

    fn report_pdf(&self) -> Result<Content, String> {
        let event = self.site.event;
        let locale = &*self.pages.locale;
        let f = &locale.formats;
        let data = serde_json::json!({
            "event": event.title,
            "slogan": event.slogan,
            "dates": locale.range(&f.date_long(event.start), &f.date_long(event.end), "date_range"),
            "gregorian": (event.calendar != crate::calendar::CalendarKind::Gregorian)
                .then(|| locale.range(&f.gregorian_long(event.start), &f.gregorian_long(event.end), "date_range")),
            "roles": view::Roles::new(event, locale),
            "s": locale.strings,
            "review": self.pages.review,
        });
        self.typesetter.make(Request {
            template: self.report_template,
            data: &data,
            inputs: &[],
            files: &|| Ok(Vec::new()),
            format: Format::Pdf {
                ident: "rooz-report".into(),
            },
            label: plan::REPORT_PDF,
        })
    }

    fn bulletin_pdf(&self, day: Option<usize>, output: &str) -> Result<Content, String> {
        let event = self.site.event;
        let locale = &*self.pages.locale;
        let all = self.pages.bulletins;
        let (days, title) = match day {
            Some(n) => (
                &all[n..=n],
                format!(
                    "{} — {} — {}",
                    event.title,
                    locale.s("bulletin"),
                    all[n].date
                ),
            ),
            None => (
                all,
                format!("{} — {}", event.title, locale.s("bulletins_title")),
            ),
        };
        bulletin::pdf(
            event,
            locale,
            self.typesetter,
            self.bulletin_template,
            days,
            title,
            output,
        )
    }

    fn county_bulletin_pdf(
        &self,
        county: CountyId,
        n: usize,
        output: &str,
    ) -> Result<Content, String> {
        let (site, locale) = (self.site, &*self.pages.locale);
        let day = bulletin::day(site, locale, n, Some(county), view::qr_svg);
        let title = format!(
            "{} — {} — {} — {}",
            site.event.title,
            site.event.county(county).title,
            locale.s("bulletin"),
            day.date
        );
        bulletin::pdf(
            site.event,
            locale,
            self.typesetter,
            self.bulletin_template,
            std::slice::from_ref(&day),
            title,
            output,
        )
    }

    /// The press kit, cached: it is the cards again, with the caption and
    /// the facts, and as large as they are.
    fn press_kit(&self, id: ProgrammeId) -> Result<Content, Cause> {
        let site = self.site;
        let locale = &*self.pages.locale;
        let cards: Vec<(CardFormat, Content)> = CardFormat::ALL
            .iter()
            .map(|&f| Ok((f, self.cards.card(site, locale, id, f)?.clone())))
            .collect::<Result<_, String>>()
            .map_err(Cause::Typeset)?;
        let view = self.pages.views.programme(id);
        let caption = view::caption(view) + "\n";
        let facts = presskit::facts(site, locale, id, view);
        let mut parts: Vec<Vec<u8>> =
            vec![caption.clone().into_bytes(), facts.clone().into_bytes()];
        for (_, card) in &cards {
            match card {
                Content::Cached(path) => {
                    parts.push(path.to_string_lossy().into_owned().into_bytes())
                }
                Content::Bytes(bytes) => parts.push(bytes.clone()),
            }
        }
        let image = site
            .event
            .programme(id)
            .highlight
            .as_ref()
            .and_then(|h| h.image.clone());
        parts.push(image.clone().unwrap_or_default().into_bytes());
        let key = crate::cache::key(&parts.iter().map(Vec::as_slice).collect::<Vec<_>>());
        let label = format!("highlights/{}/press-kit.zip", site.event.programme(id).id);
        self.cache
            .get_or_make(&key, "zip", &label, || {
                let cards = cards
                    .into_iter()
                    .map(|(f, c)| Ok((f, c.read()?)))
                    .collect::<Result<Vec<_>, String>>()?;
                let bytes = self.assemble_press_kit(id, cards, caption, facts)?;
                Ok((bytes, Vec::new()))
            })
            .map_err(Cause::Assemble)
    }

    fn assemble_press_kit(
        &self,
        id: ProgrammeId,
        cards: Vec<(CardFormat, Vec<u8>)>,
        caption: String,
        facts: String,
    ) -> Result<Vec<u8>, String> {
        let site = self.site;
        let p = site.event.programme(id);
        let h = p
            .highlight
            .as_ref()
            .ok_or_else(|| format!("{} has no highlight", p.id))?;
        let photo = match &h.image {
            Some(path) => {
                let file = self.cards.content_dir.join(path);
                let bytes = std::fs::read(&file)
                    .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
                let extension = path.rsplit_once('.').map_or("jpg", |(_, e)| e);
                Some((format!("photo.{extension}"), bytes))
            }
            None => None,
        };
        presskit::zip(&presskit::PressKit {
            cards,
            caption,
            facts,
            photo,
            readme_name: "facts.txt",
            date: site
                .event
                .start
                .ymd(crate::calendar::CalendarKind::Gregorian),
        })
    }
}
