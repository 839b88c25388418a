//! Daily bulletins: the day's programmes for print, as an HTML page (printed
//! by a browser) and as PDF typeset by rooz itself from the theme's
//! `templates/bulletin.typ`, one per day and one for the week.
//!
//! Both are made from the same [`BulletinDay`] view, with every date, time
//! and number already in the event's calendar and digits, so the page and
//! the PDF cannot disagree.

use serde::Serialize;

use super::engine::Locale;
use super::typeset::{Document, Engine};
use super::view::{DEFAULT_COLOR, text_on};
use crate::cache::{self, Cache};
use crate::index::Site;
use crate::model::{GroupBy, HeadquartersId, Paper, Status};
use crate::plan::Page;
use crate::write::Content;

#[derive(Serialize, Clone)]
pub struct BulletinItem {
    pub title: String,
    /// `۰۸:۰۰ تا ۰۹:۳۰`, or the all-day label.
    pub time: String,
    pub venue: Option<String>,
    pub county: String,
    pub stratum: String,
    /// The headquarters, when items are grouped by time.
    pub headquarters: Option<String>,
    pub central: bool,
    pub highlight: bool,
    pub women: bool,
    pub cancelled: bool,
    /// Only with `--drafts`.
    pub draft: bool,
    pub multi_day: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct BulletinGroup {
    /// The headquarters (grouped by headquarters) or none (grouped by time).
    pub title: Option<String>,
    pub color: String,
    pub text_color: String,
    pub items: Vec<BulletinItem>,
}

#[derive(Serialize, Clone)]
pub struct BulletinDay {
    pub iso: String,
    pub code: String,
    pub theme: String,
    pub date: String,
    pub gregorian: String,
    pub programmes: String,
    pub women_share: String,
    pub groups: Vec<BulletinGroup>,
    /// The day's page online, for the QR code (needs a base URL).
    pub url: Option<String>,
    pub qr_svg: Option<String>,
}

/// What `bulletin.typ` receives.
#[derive(Serialize)]
struct BulletinData<'a> {
    lang: String,
    dir: &'a str,
    fonts: [&'a str; 2],
    paper: &'a str,
    title: String,
    event: &'a str,
    slogan: Option<&'a str>,
    /// The locale's digits 0–9, for page numbers.
    digits: Vec<String>,
    labels: Labels,
    days: Vec<BulletinDay>,
}

#[derive(Serialize)]
struct Labels {
    page_of: String,
    day_theme: String,
    programmes: String,
    women_share: String,
    central: String,
    highlight: String,
    cancelled: String,
    cancelled_note: String,
    draft: String,
    none: String,
    time: String,
    programme: String,
    place: String,
    stratum: String,
    headquarters: String,
    scan: String,
}

pub fn day(site: &Site, locale: &Locale, n: usize, qr: impl Fn(&str) -> String) -> BulletinDay {
    let event = site.event;
    let day = &event.days[n];
    let f = &locale.formats;
    let s = |key: &str| locale.strings.get(key).cloned().unwrap_or_default();
    let ids = &site.by_day[n];
    let item = |id, with_hq: bool| {
        let p = event.programme(id);
        BulletinItem {
            title: p.title.clone(),
            time: locale.time_span(p.start, p.end),
            venue: p.venue.clone(),
            county: p
                .county
                .map_or_else(|| s("province_wide"), |c| event.county(c).title.clone()),
            stratum: event.stratum(p.stratum).title.clone(),
            headquarters: with_hq.then(|| event.headquarters(p.headquarters).title.clone()),
            central: p.central,
            highlight: p.highlight.is_some(),
            women: p.women,
            cancelled: p.status == Status::Cancelled,
            draft: p.status == Status::Draft,
            multi_day: p
                .is_multi_day()
                .then(|| locale.range(&f.date_short(p.date), &f.date_short(p.until), "date_range")),
        }
    };
    let groups = match event.bulletins.group_by {
        GroupBy::Headquarters => (0..event.headquarters.len())
            .filter_map(|i| {
                let hq = HeadquartersId::new(i);
                let on = site.on_day_in_headquarters(n, hq);
                (!on.is_empty()).then(|| {
                    let h = event.headquarters(hq);
                    let color = h.color.clone().unwrap_or_else(|| DEFAULT_COLOR.into());
                    BulletinGroup {
                        title: Some(h.title.clone()),
                        text_color: text_on(&color).into(),
                        color,
                        items: on.into_iter().map(|id| item(id, false)).collect(),
                    }
                })
            })
            .collect(),
        GroupBy::Time if ids.is_empty() => Vec::new(),
        GroupBy::Time => vec![BulletinGroup {
            title: None,
            color: DEFAULT_COLOR.into(),
            text_color: "#ffffff".into(),
            items: ids.iter().map(|&id| item(id, true)).collect(),
        }],
    };
    let figures = site.figures(ids);
    let url = site
        .base_url
        .as_ref()
        .map(|b| format!("{b}{}", Page::Day(n).dir(site)));
    BulletinDay {
        iso: day.date.iso_code(),
        code: day.date.code(event.calendar),
        theme: day.title.clone(),
        date: f.date_long_weekday(day.date),
        gregorian: f.gregorian_long(day.date),
        programmes: locale.count(figures.programmes as i64, "programmes"),
        women_share: f.percent(figures.women_ratio),
        groups,
        qr_svg: url.as_deref().map(qr),
        url,
    }
}

/// A bulletin PDF of some days (one day, or the whole week), cached.
pub fn pdf(
    site: &Site,
    locale: &Locale,
    engine: &Engine,
    cache: &Cache,
    template: &str,
    days: Vec<BulletinDay>,
    title: String,
) -> Result<Content, String> {
    let event = site.event;
    let s = |key: &str| locale.strings.get(key).cloned().unwrap_or_default();
    let data = BulletinData {
        lang: event.locale.id.language.to_string(),
        dir: event.direction.as_str(),
        fonts: ["Vazirmatn", "DejaVu Sans"],
        paper: match event.bulletins.paper {
            Paper::A4 => "a4",
            Paper::A5 => "a5",
            Paper::Letter => "us-letter",
        },
        title,
        event: &event.title,
        slogan: event.slogan.as_deref(),
        digits: (0..10)
            .map(|d| locale.formats.digits(&d.to_string()))
            .collect(),
        labels: Labels {
            page_of: s("page_of"),
            day_theme: s("day_theme"),
            programmes: s("label_programmes"),
            women_share: s("women_share"),
            central: s("central_programme"),
            highlight: s("highlight"),
            cancelled: s("status_cancelled"),
            cancelled_note: s("cancelled_notice"),
            draft: s("status_draft"),
            none: s("no_programmes_day"),
            time: s("time"),
            programme: s("programme"),
            place: s("venue"),
            stratum: s("stratum"),
            headquarters: s("headquarters"),
            scan: s("scan_for_day"),
        },
        days,
    };
    let json = serde_json::to_string(&data).map_err(|e| e.to_string())?;
    let key = cache::key(&[
        b"bulletin",
        template.as_bytes(),
        json.as_bytes(),
        engine.fonts().fingerprint().as_bytes(),
    ]);
    let label = format!("bulletin {}", data.title);
    cache.get_or_make(&key, "pdf", &label, || {
        let doc = engine.typeset(Document {
            template_name: "bulletin.typ",
            source: template,
            data: json.clone(),
            files: Vec::new(),
        })?;
        Ok((
            doc.pdf(&format!("rooz-bulletin-{}", data.title))?,
            doc.overflows.clone(),
        ))
    })
}
