//! Daily bulletins: the day's programmes for print, as an HTML page (printed
//! by a browser) and as PDF typeset by rooz itself from the theme's
//! `templates/bulletin.typ`, one per day and one for the week.
//!
//! Both are made from the same [`BulletinDay`] view, with every date, time
//! and number already in the event's calendar and digits, so the page and
//! the PDF cannot disagree.

use serde::Serialize;

use super::colors::Colors;
use super::engine::Locale;
use super::typeset::{Format, Request, Template, Typesetter};
use crate::cache::Content;
use crate::calendar::CalendarKind;
use crate::index::Site;
use crate::model::{Event, GroupBy, HeadquartersId, ProgrammeId, Status};
use crate::plan::Page;

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
    /// The day in the Gregorian calendar, when the event's is another.
    pub gregorian: Option<String>,
    pub programmes: String,
    pub women_share: String,
    pub groups: Vec<BulletinGroup>,
    /// The day's page online, for the QR code (needs a base URL).
    pub url: Option<String>,
    pub qr_svg: Option<String>,
}

/// What `bulletin.typ` receives (besides the shared setting).
#[derive(Serialize)]
struct BulletinData<'a> {
    title: String,
    event: &'a str,
    slogan: Option<&'a str>,
    labels: Labels,
    days: &'a [BulletinDay],
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

/// The bulletin of day `n`.
pub fn day(site: &Site, locale: &Locale, n: usize, qr: impl Fn(&str) -> String) -> BulletinDay {
    let event = site.event;
    let day = &event.days[n];
    let f = &locale.formats;
    let ids = &site.by_day[n];
    let groups = match event.bulletins.group_by {
        GroupBy::Headquarters => (0..event.headquarters.len())
            .filter_map(|i| {
                let hq = HeadquartersId::new(i);
                let on = site.on_day_in_headquarters(n, hq);
                (!on.is_empty()).then(|| {
                    let h = event.headquarters(hq);
                    group(
                        Some(h.title.clone()),
                        Colors::of(h),
                        on.into_iter().map(|id| item(site, locale, id, false)),
                    )
                })
            })
            .collect(),
        GroupBy::Time if ids.is_empty() => Vec::new(),
        GroupBy::Time => vec![group(
            None,
            Colors::neutral(),
            ids.iter().map(|&id| item(site, locale, id, true)),
        )],
    };
    let figures = site.shown(&site.figures.by_day[n]);
    let url = site
        .base_url
        .as_ref()
        .map(|b| format!("{b}{}", Page::Day(n).dir(site)));
    BulletinDay {
        iso: day.date.iso_code(),
        code: day.date.code(event.calendar),
        theme: day.title.clone(),
        date: f.date_long_weekday(day.date),
        gregorian: (event.calendar != CalendarKind::Gregorian).then(|| f.gregorian_long(day.date)),
        programmes: locale.count(figures.programmes as i64, "programmes"),
        women_share: f.percent(figures.women_ratio),
        groups,
        qr_svg: url.as_deref().map(qr),
        url,
    }
}

fn group(
    title: Option<String>,
    colors: Colors,
    items: impl Iterator<Item = BulletinItem>,
) -> BulletinGroup {
    BulletinGroup {
        title,
        color: colors.background,
        text_color: colors.text.into(),
        items: items.collect(),
    }
}

/// One programme's line; `with_hq` when items are not grouped by headquarters.
fn item(site: &Site, locale: &Locale, id: ProgrammeId, with_hq: bool) -> BulletinItem {
    let event = site.event;
    let f = &locale.formats;
    let p = event.programme(id);
    BulletinItem {
        title: p.title.clone(),
        time: locale.time_span(p.start, p.end),
        venue: p.venue.clone(),
        county: p.county.map_or_else(
            || locale.s("province_wide"),
            |c| event.county(c).title.clone(),
        ),
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
}

/// A bulletin PDF of some days (one day, or the whole week), cached.
pub fn pdf(
    event: &Event,
    locale: &Locale,
    typesetter: &Typesetter,
    template: Template,
    days: &[BulletinDay],
    title: String,
) -> Result<Content, String> {
    let data = BulletinData {
        title,
        event: &event.title,
        slogan: event.slogan.as_deref(),
        labels: Labels {
            page_of: locale.s("page_of"),
            day_theme: locale.s("day_theme"),
            programmes: locale.s("label_programmes"),
            women_share: locale.s("women_share"),
            central: locale.s("central_programme"),
            highlight: locale.s("highlight"),
            cancelled: locale.s("status_cancelled"),
            cancelled_note: locale.s("cancelled_notice"),
            draft: locale.s("status_draft"),
            none: locale.s("no_programmes_day"),
            time: locale.s("time"),
            programme: locale.s("programme"),
            place: locale.s("venue"),
            stratum: locale.s("stratum"),
            headquarters: locale.s("headquarters"),
            scan: locale.s("scan_for_day"),
        },
        days,
    };
    let label = format!("bulletin {}", data.title);
    typesetter.make(Request {
        template,
        data: &data,
        inputs: &[],
        files: &|| Ok(Vec::new()),
        format: Format::Pdf {
            ident: format!("rooz-bulletin-{}", data.title),
        },
        label: &label,
    })
}
