//! Share cards: PNG images of a highlight in three sizes, typeset by typst
//! from the theme's `card.typ`, cached by a hash of their inputs.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use serde::Serialize;

use super::engine::Locale;
use super::typeset::{Document, Engine};
use crate::cache::{self, Cache};
use crate::index::Site;
use crate::model::ProgrammeId;
use crate::render::view::{DEFAULT_COLOR, text_on};
use crate::write::Content;

/// The three sizes a media team posts.
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

    /// Size in pixels (typst renders 2 px per point).
    pub fn pixels(self) -> (u32, u32) {
        let (w, h) = self.points();
        ((w * 2.0) as u32, (h * 2.0) as u32)
    }

    fn points(self) -> (f64, f64) {
        match self {
            CardFormat::OpenGraph => (600.0, 315.0),
            CardFormat::Square => (540.0, 540.0),
            CardFormat::Story => (540.0, 960.0),
        }
    }

    /// The photo's area in points: beside the text, or above it.
    fn photo_area(self) -> (f64, f64) {
        match self {
            CardFormat::OpenGraph => (240.0, 315.0),
            CardFormat::Square => (540.0, 216.0),
            CardFormat::Story => (540.0, 430.0),
        }
    }

    fn layout(self) -> &'static str {
        match self {
            CardFormat::OpenGraph => "side",
            _ => "top",
        }
    }

    fn scale(self) -> f64 {
        match self {
            CardFormat::OpenGraph => 1.0,
            CardFormat::Square => 1.2,
            CardFormat::Story => 1.55,
        }
    }
}

#[derive(Serialize)]
struct Area {
    width: f64,
    height: f64,
}

/// What `card.typ` receives.
#[derive(Serialize)]
struct CardData<'a> {
    width: f64,
    height: f64,
    scale: f64,
    layout: &'a str,
    lang: String,
    dir: &'a str,
    fonts: [&'a str; 2],
    color: String,
    text_color: &'a str,
    event: &'a str,
    slogan: Option<&'a str>,
    title: &'a str,
    date: String,
    gregorian: String,
    time: String,
    place: Option<String>,
    headquarters: &'a str,
    hashtag: Option<&'a str>,
    image: Option<Area>,
    /// The cancelled label, on a cancelled programme's cards.
    cancelled: Option<String>,
}

/// Every card of a build, made at most once each (the press kit needs the
/// same cards as the pages).
pub struct Cards<'a> {
    engine: &'a Engine,
    cache: &'a Cache,
    template: &'a str,
    content_dir: &'a Path,
    made: HashMap<(ProgrammeId, CardFormat), OnceLock<Result<Content, String>>>,
}

impl<'a> Cards<'a> {
    pub fn new(
        site: &Site,
        engine: &'a Engine,
        cache: &'a Cache,
        template: &'a str,
        content_dir: &'a Path,
    ) -> Self {
        let made = site
            .highlights
            .iter()
            .flat_map(|&id| CardFormat::ALL.map(|f| ((id, f), OnceLock::new())))
            .collect();
        Cards {
            engine,
            cache,
            template,
            content_dir,
            made,
        }
    }

    pub fn card(
        &self,
        site: &Site,
        locale: &Locale,
        id: ProgrammeId,
        format: CardFormat,
    ) -> Result<&Content, String> {
        let slot = self
            .made
            .get(&(id, format))
            .ok_or_else(|| format!("programme {} has no highlight", site.event.programme(id).id))?;
        slot.get_or_init(|| self.make(site, locale, id, format))
            .as_ref()
            .map_err(Clone::clone)
    }

    fn make(
        &self,
        site: &Site,
        locale: &Locale,
        id: ProgrammeId,
        format: CardFormat,
    ) -> Result<Content, String> {
        let event = site.event;
        let p = event.programme(id);
        let hq = event.headquarters(p.headquarters);
        let f = &locale.formats;
        let s = |key: &str| locale.strings.get(key).cloned().unwrap_or_default();
        let photo = match p.highlight.as_ref().and_then(|h| h.image.as_ref()) {
            Some(path) => Some(
                std::fs::read(self.content_dir.join(path))
                    .map_err(|e| format!("cannot read content/{path}: {e}"))?,
            ),
            None => None,
        };
        let (width, height) = format.points();
        let color = hq.color.clone().unwrap_or_else(|| DEFAULT_COLOR.into());
        let (date, gregorian) = if p.is_multi_day() {
            (
                locale.range(&f.date_short(p.date), &f.date_long(p.until), "date_range"),
                locale.range(
                    &f.gregorian_short(p.date),
                    &f.gregorian_long(p.until),
                    "date_range",
                ),
            )
        } else {
            (f.date_long_weekday(p.date), f.gregorian_long(p.date))
        };
        let time = locale.time_span(p.start, p.end);
        let county = p.county.map(|c| event.county(c).title.clone());
        let place = match (&p.venue, county) {
            (Some(v), Some(c)) if !v.contains(&c) => Some(format!("{v}{}{c}", s("list_separator"))),
            (Some(v), _) => Some(v.clone()),
            (None, c) => c,
        };
        let data = CardData {
            width,
            height,
            scale: format.scale(),
            layout: format.layout(),
            lang: event.locale.id.language.to_string(),
            dir: event.direction.as_str(),
            fonts: ["Vazirmatn", "DejaVu Sans"],
            text_color: text_on(&color),
            color,
            event: &event.title,
            slogan: event.slogan.as_deref(),
            title: &p.title,
            date,
            gregorian,
            time,
            place,
            headquarters: &hq.title,
            hashtag: p
                .highlight
                .as_ref()
                .and_then(|h| h.hashtags.first())
                .or(event.hashtags.first())
                .map(String::as_str),
            cancelled: (p.status == crate::model::Status::Cancelled).then(|| s("status_cancelled")),
            image: photo.as_ref().map(|_| {
                let (w, h) = format.photo_area();
                Area {
                    width: w,
                    height: h,
                }
            }),
        };
        let json = serde_json::to_string(&data).map_err(|e| e.to_string())?;
        let key = cache::key(&[
            b"card",
            self.template.as_bytes(),
            json.as_bytes(),
            photo.as_deref().unwrap_or_default(),
            self.engine.fonts().fingerprint().as_bytes(),
        ]);
        let label = format!("highlights/{}/{}", p.id, format.file_name());
        self.cache.get_or_make(&key, "png", &label, || {
            let mut files = Vec::new();
            if let Some(bytes) = &photo {
                let (w, h) = format.photo_area();
                files.push((
                    "/photo.png",
                    cover(bytes, (w * 2.0) as u32, (h * 2.0) as u32)?,
                ));
            }
            let card = self.engine.typeset(Document {
                template_name: "card.typ",
                source: self.template,
                data: json.clone(),
                files,
            })?;
            if card.pages() != 1 {
                return Err(format!(
                    "card.typ made {} pages instead of one",
                    card.pages()
                ));
            }
            Ok((card.png()?, card.overflows.clone()))
        })
    }
}

/// The photo scaled and cropped to fill exactly `width × height` pixels,
/// as PNG (typst then places it without resampling).
fn cover(bytes: &[u8], width: u32, height: u32) -> Result<Vec<u8>, String> {
    let img =
        image::load_from_memory(bytes).map_err(|e| format!("cannot decode the image: {e}"))?;
    let filled = img.resize_to_fill(width, height, image::imageops::FilterType::Triangle);
    let mut out = std::io::Cursor::new(Vec::new());
    filled
        .to_rgb8()
        .write_to(&mut out, image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}
