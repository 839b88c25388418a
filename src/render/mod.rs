//! Stage 5, render: every planned output into bytes, in memory and in
//! parallel. Nothing here writes into the output folder (`write` stores the
//! result); typeset cards and PDFs go through the build cache, and photos
//! and fonts are read from the site.

pub mod bulletin;
pub mod card;
pub mod chart;
mod data;
pub mod engine;
mod feed;
pub mod markdown;
mod pages;
mod presskit;
mod review;
pub mod typeset;
pub mod view;
mod xml;

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::cache::Cache;
use crate::index::Site;
use crate::plan::{Job, Output};
use crate::theme::Theme;
use crate::write::{Content, File};
use card::{CardFormat, Cards};
use engine::Locale;
use typeset::Engine;
use view::Views;

/// A template or generator failed; the message names the template, line
/// and column when tera knows them.
#[derive(Debug)]
pub struct RenderError {
    pub output: String,
    pub message: String,
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "while rendering {}:\n{}", self.output, self.message)
    }
}

/// What rendering needs besides the site and theme: the typst engine, the
/// cache, and where content files (photos) are.
pub struct Tools<'a> {
    pub report: &'a crate::report::Report,
    pub engine: &'a Engine,
    pub cache: &'a Cache,
    pub content_dir: &'a Path,
}

/// Everything pages are rendered with, built once per build.
pub struct Renderer<'s, 'e> {
    site: &'s Site<'e>,
    theme: &'s Theme,
    tera: tera::Tera,
    views: Views<'s, 'e>,
    locale: Arc<Locale>,
    cards: Cards<'s>,
    content_dir: &'s Path,
    engine: &'s Engine,
    cache: &'s Cache,
    report: &'s crate::report::Report,
    /// The report as its page and PDF show it, made once.
    review: review::ReviewView,
    /// Each day's bulletin, for its page, its PDF and the week's PDF.
    bulletins: Vec<bulletin::BulletinDay>,
}

impl<'s, 'e> Renderer<'s, 'e> {
    pub fn new(
        site: &'s Site<'e>,
        theme: &'s Theme,
        tools: Tools<'s>,
    ) -> Result<Self, RenderError> {
        let event = site.event;
        let locale = Arc::new(Locale::new(
            &event.locale,
            event.calendar,
            theme.strings.clone(),
        ));
        let mut tera = engine::engine(theme, locale.clone()).map_err(|e| RenderError {
            output: "the theme's templates".into(),
            message: e.to_string(),
        })?;
        let views = Views::new(site);
        let globals = tera.global_context();
        globals.insert("lang", &event.locale.to_string());
        globals.insert("dir", event.direction.as_str());
        globals.insert("event", &views.event());
        globals.insert("week", &views.week());
        globals.insert("s", &theme.strings);
        globals.insert(
            "fonts",
            &theme.fonts.iter().any(|f| f.name.ends_with(".woff2")),
        );
        globals.insert("drafts", &site.with_drafts);
        let card_template = theme.typst("card.typ").map_err(|e| RenderError {
            output: "highlights".into(),
            message: e.to_string(),
        })?;
        let review = review::view(event, tools.report, &locale);
        let bulletins = (0..event.days.len())
            .map(|n| bulletin::day(site, &locale, n, view::qr_svg))
            .collect();
        Ok(Renderer {
            site,
            theme,
            tera,
            views,
            locale,
            cards: Cards::new(
                site,
                tools.engine,
                tools.cache,
                card_template,
                tools.content_dir,
            ),
            content_dir: tools.content_dir,
            engine: tools.engine,
            cache: tools.cache,
            report: tools.report,
            review,
            bulletins,
        })
    }

    /// Renders every output, in parallel; all failures are returned.
    pub fn render_all(&self, outputs: &[Output]) -> Result<Vec<File>, Vec<RenderError>> {
        let results: Vec<Result<File, RenderError>> =
            outputs.par_iter().map(|o| self.render(o)).collect();
        let mut files = Vec::with_capacity(results.len());
        let mut errors = Vec::new();
        for r in results {
            match r {
                Ok(f) => files.push(f),
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(files)
        } else {
            Err(errors)
        }
    }

    pub fn render(&self, output: &Output) -> Result<File, RenderError> {
        let fail = |message: String| RenderError {
            output: output.path.clone(),
            message,
        };
        let bytes = |b: Vec<u8>| Content::Bytes(b);
        let content = match &output.job {
            Job::Card(id, format) => self
                .cards
                .card(self.site, &self.locale, *id, *format)
                .map_err(fail)?
                .clone(),
            Job::ReportPdf => self.report_pdf().map_err(fail)?,
            Job::BulletinPdf(day) => self.bulletin_pdf(*day).map_err(fail)?,
            Job::PressKit(id) => bytes(self.press_kit(*id).map_err(fail)?),
            Job::ProgrammesJson => bytes(data::programmes_json(self.site)),
            Job::ProgrammesCsv => bytes(data::programmes_csv(self.site).map_err(fail)?),
            Job::ReportJson => bytes(data::report_json(self.report)),
            Job::Feed => bytes(feed::feed(self.site).into_bytes()),
            Job::Page(page) => bytes(
                pages::render(self, *page)
                    .map_err(|e| fail(e.to_string()))?
                    .into_bytes(),
            ),
            Job::Asset(name) => bytes(self.theme.assets[name].clone()),
            Job::Copy(path) => bytes(
                std::fs::read(path)
                    .map_err(|e| fail(format!("cannot read {}: {e}", path.display())))?,
            ),
            Job::FontFaces => bytes(xml::font_faces(self.theme).into_bytes()),
            Job::Sitemap => bytes(xml::sitemap(self.site).into_bytes()),
            Job::Robots => bytes(xml::robots(self.site).into_bytes()),
        };
        Ok(File {
            path: output.path.clone(),
            content,
        })
    }
}

impl Renderer<'_, '_> {
    fn report_pdf(&self) -> Result<Content, String> {
        let event = self.site.event;
        let template = self.theme.typst("report.typ").map_err(|e| e.to_string())?;
        let f = &self.locale.formats;
        let data = serde_json::json!({
            "lang": event.locale.id.language.to_string(),
            "dir": event.direction.as_str(),
            "fonts": ["Vazirmatn", "DejaVu Sans"],
            "paper": "a4",
            "event": event.title,
            "slogan": event.slogan,
            "dates": self.locale.range(&f.date_long(event.start), &f.date_long(event.end), "date_range"),
            "gregorian": self.locale.range(&f.gregorian_long(event.start), &f.gregorian_long(event.end), "date_range"),
            "digits": (0..10).map(|d| f.digits(&d.to_string())).collect::<Vec<_>>(),
            "s": self.theme.strings,
            "review": self.review,
        })
        .to_string();
        let key = crate::cache::key(&[
            b"report",
            template.as_bytes(),
            data.as_bytes(),
            self.engine.fonts().fingerprint().as_bytes(),
        ]);
        self.cache
            .get_or_make(&key, "pdf", crate::plan::REPORT_PDF, || {
                let doc = self.engine.typeset(typeset::Document {
                    template_name: "report.typ",
                    source: template,
                    data: data.clone(),
                    files: Vec::new(),
                })?;
                Ok((doc.pdf("rooz-report")?, doc.overflows.clone()))
            })
    }

    fn bulletin_pdf(&self, day: Option<usize>) -> Result<Content, String> {
        let site = self.site;
        let template = self
            .theme
            .typst("bulletin.typ")
            .map_err(|e| e.to_string())?;
        let s = |key: &str| self.theme.strings.get(key).cloned().unwrap_or_default();
        let (days, title) = match day {
            Some(n) => {
                let d = self.bulletins[n].clone();
                let title = format!("{} — {} — {}", site.event.title, s("bulletin"), d.date);
                (vec![d], title)
            }
            None => (
                self.bulletins.clone(),
                format!("{} — {}", site.event.title, s("bulletins_title")),
            ),
        };
        bulletin::pdf(
            site,
            &self.locale,
            self.engine,
            self.cache,
            template,
            days,
            title,
        )
    }

    fn press_kit(&self, id: crate::model::ProgrammeId) -> Result<Vec<u8>, String> {
        let site = self.site;
        let p = site.event.programme(id);
        let h = p.highlight.as_ref().ok_or("no highlight")?;
        let mut cards = Vec::new();
        for format in CardFormat::ALL {
            cards.push((
                format,
                self.cards.card(site, &self.locale, id, format)?.read()?,
            ));
        }
        let view = self.views.programme(id);
        let s = |key: &str| self.theme.strings.get(key).cloned().unwrap_or_default();
        let f = &self.locale.formats;
        let tags = view
            .highlight
            .as_ref()
            .map(|h| h.hashtags.join(" "))
            .unwrap_or_default();
        let caption = format!("{}\n\n{tags}\n", h.summary);
        let mut facts = vec![
            p.title.clone(),
            String::new(),
            format!("{}: {}", s("date"), f.date_long_weekday(p.date)),
            format!("{}: {}", s("gregorian_date"), f.gregorian_long(p.date)),
        ];
        if p.is_multi_day() {
            facts.push(format!("{}: {}", s("until"), f.date_long_weekday(p.until)));
        }
        facts.push(format!(
            "{}: {}",
            s("time"),
            self.locale.time_span(p.start, p.end)
        ));
        let optional = [
            (s("venue"), p.venue.clone()),
            (
                s("county"),
                p.county.map(|c| site.event.county(c).title.clone()),
            ),
            (s("headquarters"), Some(view.headquarters.title.clone())),
            (s("stratum"), Some(view.stratum.title.clone())),
            (s("audience"), p.audience.clone()),
            (s("contact"), p.contact.clone()),
            (s("quote"), h.quote.clone()),
        ];
        for (label, value) in optional {
            if let Some(v) = value {
                facts.push(format!("{label}: {v}"));
            }
        }
        if let Some(base) = &site.base_url {
            facts.push(format!(
                "{base}{}",
                crate::plan::Page::Highlight(id).dir(site)
            ));
        }
        let photo = match &h.image {
            Some(path) => {
                let bytes = std::fs::read(self.content_dir.join(path))
                    .map_err(|e| format!("cannot read content/{path}: {e}"))?;
                let extension = path.rsplit_once('.').map_or("jpg", |(_, e)| e);
                Some((format!("photo.{extension}"), bytes))
            }
            None => None,
        };
        presskit::zip(&presskit::PressKit {
            cards,
            caption,
            facts: facts.join("\n") + "\n",
            photo,
            readme_name: "facts.txt",
        })
    }
}
