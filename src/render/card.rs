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
use crate::calendar::CalendarKind;
use crate::index::Site;
use crate::model::{Programme, ProgrammeId, Status};
use crate::plan::CardFormat;
use crate::source::{ContentDir, Memo};

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
    /// The bands at the top and bottom that apps draw over (stories).
    safe: Safe,
}

/// Heights in points, from the top and the bottom, that carry no text.
#[derive(Debug, Clone, Copy, Serialize)]
struct Safe {
    top: f64,
    bottom: f64,
}

const NO_BANDS: Safe = Safe {
    top: 0.0,
    bottom: 0.0,
};

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
            safe: NO_BANDS,
        },
        CardFormat::Square => Layout {
            width,
            height,
            photo: (540.0, 216.0),
            arrangement: Arrangement::Top,
            scale: 1.2,
            safe: NO_BANDS,
        },
        CardFormat::Story => Layout {
            width,
            height,
            photo: (540.0, 400.0),
            arrangement: Arrangement::Top,
            scale: 1.55,
            // Instagram and WhatsApp cover about 250 px at the top and
            // 340 px at the bottom of a 1920 px story.
            safe: Safe {
                top: 125.0,
                bottom: 170.0,
            },
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
    /// The date in the Gregorian calendar, when the event's is another.
    gregorian: Option<String>,
    time: String,
    place: Option<String>,
    headquarters: &'a str,
    hashtag: Option<&'a str>,
    image: Option<Area>,
    /// The cancelled label, on a cancelled programme's cards.
    cancelled: Option<String>,
    safe: Safe,
}

/// Every card of a build, made at most once each (the press kit needs the
/// same cards as the pages).
pub struct Cards<'a> {
    typesetter: &'a Typesetter<'a>,
    template: Template<'a>,
    /// Where the photos are.
    pub content_dir: &'a Path,
    memo: &'a Memo,
    made: HashMap<(ProgrammeId, CardFormat), OnceLock<Result<Content, String>>>,
}

impl<'a> Cards<'a> {
    pub fn new(
        site: &Site,
        typesetter: &'a Typesetter<'a>,
        template: Template<'a>,
        content: ContentDir<'a>,
    ) -> Self {
        let made = site
            .highlights
            .iter()
            .flat_map(|&id| CardFormat::ALL.map(|f| ((id, f), OnceLock::new())))
            .collect();
        Cards {
            typesetter,
            template,
            content_dir: content.path,
            memo: content.memo,
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
                self.memo
                    .read(&self.content_dir.join(path))
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
        let label = crate::plan::card_path(site, id, format);
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
    let gregorian = (event.calendar != CalendarKind::Gregorian).then_some(gregorian);
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
        safe: layout.safe,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::Cache;
    use crate::figures::measure;
    use crate::load::testing::edited;
    use crate::render::typeset::{Engine, Fit, Setting};

    /// How `card.typ` fitted each text box of the base fixture's highlight
    /// with `title`, in the three sizes (measured by typst itself).
    fn fits(title: &str) -> Vec<(CardFormat, Vec<Fit>)> {
        let event = edited(
            "base-fa",
            &[(
                "content/programs/students.yaml",
                "title: صبحگاه مشترک دانش‌آموزان",
                &format!("title: \"{title}\""),
            )],
        );
        let figures = measure(&event);
        let site = Site::new(&event, &figures, false, None);
        let root = tempfile::tempdir().unwrap();
        let theme = crate::theme::load(root.path(), "default", &event.locale).unwrap();
        let locale = Locale::new(&event.locale, event.calendar, theme.strings.clone());
        let engine = Engine::new(&theme.font_dirs(), (2026, 11, 20));
        let cache = Cache::new(root.path().join("cache"));
        let setting = Setting::new(&event, &locale.formats, theme.font_families());
        let typesetter = Typesetter::new(&engine, &cache, setting, &theme.typst);
        let template = Template {
            name: "card.typ",
            source: theme.typst("card.typ").unwrap(),
        };
        let id = site.highlights[0];
        CardFormat::ALL
            .iter()
            .map(|&format| {
                let layout = layout(format);
                let p = event.programme(id);
                let colors = Colors::of(event.headquarters(p.headquarters));
                let data = card_data(&site, &locale, p, &layout, &colors, false);
                let doc = typesetter.typeset(template, &data, Vec::new()).unwrap();
                assert_eq!(doc.pages(), 1);
                (format, doc.fits)
            })
            .collect()
    }

    /// Every box's text is inside the box.
    fn assert_inside(title: &str) -> Vec<(CardFormat, Vec<Fit>)> {
        let all = fits(title);
        for (format, boxes) in &all {
            let ids: Vec<&str> = boxes.iter().map(|b| b.id.as_str()).collect();
            assert_eq!(ids, ["masthead", "title", "details"], "{format:?}");
            for b in boxes {
                assert!(
                    b.fits,
                    "{title}: the {} of {format:?} does not fit: {b:?}",
                    b.id
                );
                assert!(
                    b.need_width <= b.width + 0.01 && b.need_height <= b.height + 0.01,
                    "{title}: the {} of {format:?} leaves its box: {b:?}",
                    b.id
                );
            }
        }
        all
    }

    #[test]
    fn long_persian_and_english_words_stay_inside_every_card() {
        for title in [
            "اجتماع بزرگ بسیجیان استان در روز بسیج مستضعفین",
            "جشنواره پهپاد و رباتیک دانشجویی",
            "«چهارشنبه‌سوری» و هفت‌سین‌های فراموش‌شده در شهرستان‌ها",
            "Supercalifragilisticexpialidocious internationalisation workshop",
            "مستضعفین",
        ] {
            let all = assert_inside(title);
            for (format, boxes) in &all {
                assert!(
                    boxes.iter().all(|b| !b.broken),
                    "{title}: no word needs breaking in {format:?}"
                );
            }
        }
    }

    #[test]
    fn a_compound_too_long_for_any_size_breaks_at_its_zwnj_and_warns() {
        let title = "چهارشنبه‌سوری‌های‌فراموش‌شده‌ی‌شهرستان‌های‌کهگیلویه‌وبویراحمد";
        let all = assert_inside(title);
        let story = &all[2].1;
        assert_eq!(all[2].0, CardFormat::Story);
        let t = story.iter().find(|b| b.id == "title").unwrap();
        assert!(t.broken, "{t:?}");
        assert!(t.warning().unwrap().contains("broken at its ZWNJ"));
    }

    #[test]
    fn a_word_that_fits_no_size_is_reported_not_hidden() {
        let title = "بسیج".repeat(40);
        let all = fits(&title);
        let t = all[0].1.iter().find(|b| b.id == "title").unwrap();
        assert!(!t.fits, "{t:?}");
        assert!(t.need_width > t.width);
        assert!(t.warning().unwrap().contains("does not fit"));
    }
}
