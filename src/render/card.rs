//! Share cards: PNG images of a highlight in three sizes, typeset by typst
//! from the theme's `card.typ`, cached by a hash of their inputs.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use serde::Serialize;

use super::colors::Colors;
use super::engine::Locale;
use super::typeset::{Format, Request, Template, Typesetter};
use crate::cache::Content;
use crate::index::Site;
use crate::model::{Programme, ProgrammeId, Status};
use crate::plan::CardFormat;

/// Where the photo goes: beside the text (wide cards) or above it.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "lowercase")]
enum Arrangement {
    Side,
    Top,
}

/// How a card of each size is laid out by `card.typ`.
struct Layout {
    /// The page in points (typst renders 2 px per point).
    width: f64,
    height: f64,
    /// The photo's area in points: beside the text, or above it.
    photo: (f64, f64),
    arrangement: Arrangement,
    /// Text size relative to the OpenGraph card.
    scale: f64,
}

fn layout(format: CardFormat) -> Layout {
    let (w, h) = format.pixels();
    let (width, height) = (f64::from(w) / 2.0, f64::from(h) / 2.0);
    match format {
        CardFormat::OpenGraph => Layout {
            width,
            height,
            photo: (240.0, 315.0),
            arrangement: Arrangement::Side,
            scale: 1.0,
        },
        CardFormat::Square => Layout {
            width,
            height,
            photo: (540.0, 216.0),
            arrangement: Arrangement::Top,
            scale: 1.2,
        },
        CardFormat::Story => Layout {
            width,
            height,
            photo: (540.0, 430.0),
            arrangement: Arrangement::Top,
            scale: 1.55,
        },
    }
}

#[derive(Serialize)]
struct Area {
    width: f64,
    height: f64,
}

/// What `card.typ` receives (besides the shared setting).
#[derive(Serialize)]
struct CardData<'a> {
    width: f64,
    height: f64,
    scale: f64,
    layout: Arrangement,
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
    typesetter: &'a Typesetter<'a>,
    template: Template<'a>,
    /// Where the photos are.
    pub content_dir: &'a Path,
    made: HashMap<(ProgrammeId, CardFormat), OnceLock<Result<Content, String>>>,
}

impl<'a> Cards<'a> {
    pub fn new(
        site: &Site,
        typesetter: &'a Typesetter<'a>,
        template: Template<'a>,
        content_dir: &'a Path,
    ) -> Self {
        let made = site
            .highlights
            .iter()
            .flat_map(|&id| CardFormat::ALL.map(|f| ((id, f), OnceLock::new())))
            .collect();
        Cards {
            typesetter,
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
        let p = site.event.programme(id);
        let photo = match p.highlight.as_ref().and_then(|h| h.image.as_ref()) {
            Some(path) => Some(
                std::fs::read(self.content_dir.join(path))
                    .map_err(|e| format!("cannot read content/{path}: {e}"))?,
            ),
            None => None,
        };
        let layout = layout(format);
        let colors = Colors::of(site.event.headquarters(p.headquarters));
        let data = card_data(site, locale, p, &layout, &colors, photo.is_some());
        let (w, h) = layout.photo;
        let files = || match &photo {
            Some(bytes) => Ok(vec![(
                "/photo.png",
                cover(bytes, (w * 2.0) as u32, (h * 2.0) as u32)?,
            )]),
            None => Ok(Vec::new()),
        };
        let label = format!("highlights/{}/{}", p.id, format.file_name());
        self.typesetter.make(Request {
            template: self.template,
            data: &data,
            inputs: &[photo.as_deref().unwrap_or_default()],
            files: &files,
            format: Format::Png,
            label: &label,
        })
    }
}

/// The card's text, every date and time in the event's calendar and digits.
fn card_data<'a>(
    site: &'a Site,
    locale: &Locale,
    p: &'a Programme,
    layout: &'a Layout,
    colors: &'a Colors,
    with_photo: bool,
) -> CardData<'a> {
    let event = site.event;
    let f = &locale.formats;
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
    let county = p.county.map(|c| event.county(c).title.clone());
    let place = match (&p.venue, county) {
        (Some(v), Some(c)) if !v.contains(&c) => {
            Some(format!("{v}{}{c}", locale.s("list_separator")))
        }
        (Some(v), _) => Some(v.clone()),
        (None, c) => c,
    };
    CardData {
        width: layout.width,
        height: layout.height,
        scale: layout.scale,
        layout: layout.arrangement,
        color: colors.background.clone(),
        text_color: colors.text,
        event: &event.title,
        slogan: event.slogan.as_deref(),
        title: &p.title,
        date,
        gregorian,
        time: locale.time_span(p.start, p.end),
        place,
        headquarters: &event.headquarters(p.headquarters).title,
        hashtag: p
            .highlight
            .as_ref()
            .and_then(|h| h.hashtags.first())
            .or(event.hashtags.first())
            .map(String::as_str),
        cancelled: (p.status == Status::Cancelled).then(|| locale.s("status_cancelled")),
        image: with_photo.then_some(Area {
            width: layout.photo.0,
            height: layout.photo.1,
        }),
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
