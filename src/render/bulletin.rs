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
use crate::model::{CountyId, Event, GroupBy, HeadquartersId, ProgrammeId, Status};
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
    /// What was held (`برگزار شد، ۴۲۰ نفر`), on a day whose outcomes are
    /// reported ([`BulletinDay::outcomes`]); empty when none is given.
    pub outcome: Option<String>,
    /// `yes`, `partly`, `no`, `postponed` or `unreported`, for styling.
    pub outcome_kind: Option<&'static str>,
}

#[derive(Serialize, Clone)]
pub struct BulletinGroup {
    /// The headquarters (grouped by headquarters) or none (grouped by time).
    pub title: Option<String>,
    /// The headquarters' id, for its colours (`data-hq`) on the page.
    pub hq: Option<String>,
    pub color: String,
    pub text_color: String,
    pub items: Vec<BulletinItem>,
}

/// A county's line in the summary of a large province's day.
#[derive(Serialize, Clone)]
pub struct CountyLine {
    pub title: String,
    pub programmes: String,
    pub women_share: String,
    /// Its own bulletin of the day, root-relative, and its PDF.
    pub href: String,
    pub pdf: String,
}

#[derive(Serialize, Clone)]
pub struct BulletinDay {
    pub iso: String,
    pub code: String,
    pub theme: String,
    /// The county whose bulletin this is; none for the province's.
    pub county: Option<String>,
    /// When the province's day has more programmes than one bulletin can
    /// list (`bulletins.detail_limit`): a line per county, whose own
    /// bulletin lists them; `groups` then holds the central programmes.
    pub summary: Vec<CountyLine>,
    pub date: String,
    /// The day in the Gregorian calendar, when the event's is another.
    pub gregorian: Option<String>,
    pub programmes: String,
    pub women_share: String,
    pub groups: Vec<BulletinGroup>,
    /// Whether the day is reported on (by `as_of`, or an outcome of it is
    /// given): then its bulletin has an outcomes column.
    pub outcomes: bool,
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
    county: String,
    county_headquarters: String,
    by_county: String,
    summary_note: String,
    central_of_day: String,
    outcome: String,
}

/// The bulletin of day `n`: the province's (`county: None`), or one
/// county headquarters'.
pub fn day(
    site: &Site,
    locale: &Locale,
    n: usize,
    county: Option<CountyId>,
    qr: impl Fn(&str) -> String,
) -> BulletinDay {
    let event = site.event;
    let day = &event.days[n];
    let f = &locale.formats;
    let ids = match county {
        Some(c) => site.county_day(c, n),
        None => &site.by_day[n],
    };
    // A province too large for one bulletin sends readers to its counties'.
    let summarised = county.is_none() && ids.len() > event.bulletins.detail_limit;
    let listed: Vec<ProgrammeId> = if summarised {
        ids.iter()
            .copied()
            .filter(|&id| event.programme(id).central)
            .collect()
    } else {
        ids.to_vec()
    };
    let counts = match county {
        Some(c) => &site.figures.by_county_day[c.index()][n],
        None => &site.figures.by_day[n],
    };
    let figures = site.shown(counts);
    let page = match county {
        Some(c) => Page::CountyBulletin(c, n),
        None => Page::Day(n, 0),
    };
    let url = site
        .base_url
        .as_ref()
        .map(|b| format!("{b}{}", page.dir(site)));
    let outcomes = site.figures.as_of.is_some_and(|d| day.date <= d)
        || listed
            .iter()
            .any(|&id| event.programme(id).outcome.is_some());
    BulletinDay {
        outcomes,
        iso: day.date.iso_code(),
        code: day.date.code(event.calendar),
        theme: day.title.clone(),
        county: county.map(|c| event.county(c).title.clone()),
        summary: if summarised {
            summary(site, locale, n)
        } else {
            Vec::new()
        },
        date: f.date_long_weekday(day.date),
        gregorian: (event.calendar != CalendarKind::Gregorian).then(|| f.gregorian_long(day.date)),
        programmes: locale.count(figures.programmes as i64, "programmes"),
        women_share: f.percent(figures.women_ratio),
        groups: groups(site, locale, &listed, outcomes),
        qr_svg: url.as_deref().map(qr),
        url,
    }
}

/// The programmes of a bulletin, grouped as the event says.
fn groups(site: &Site, locale: &Locale, ids: &[ProgrammeId], outcomes: bool) -> Vec<BulletinGroup> {
    let event = site.event;
    match event.bulletins.group_by {
        GroupBy::Headquarters => (0..event.headquarters.len())
            .filter_map(|i| {
                let hq = HeadquartersId::new(i);
                let on: Vec<ProgrammeId> = ids
                    .iter()
                    .copied()
                    .filter(|&id| event.programme(id).headquarters == hq)
                    .collect();
                (!on.is_empty()).then(|| {
                    let h = event.headquarters(hq);
                    group(
                        Some((h.title.clone(), h.id.clone())),
                        Colors::of(h),
                        on.into_iter()
                            .map(|id| item(site, locale, id, false, outcomes)),
                    )
                })
            })
            .collect(),
        GroupBy::Time if ids.is_empty() => Vec::new(),
        GroupBy::Time => vec![group(
            None,
            Colors::neutral(),
            ids.iter().map(|&id| item(site, locale, id, true, outcomes)),
        )],
    }
}

/// A line per county with programmes on day `n`: how many, and where its
/// own bulletin is.
fn summary(site: &Site, locale: &Locale, n: usize) -> Vec<CountyLine> {
    let f = &locale.formats;
    crate::plan::county_bulletins(site)
        .filter(|&(_, day)| day == n)
        .map(|(c, _)| {
            let figures = site.shown(&site.figures.by_county_day[c.index()][n]);
            CountyLine {
                title: site.event.county(c).title.clone(),
                programmes: locale.count(figures.programmes as i64, "programmes"),
                women_share: f.percent(figures.women_ratio),
                href: Page::CountyBulletin(c, n).file(site),
                pdf: crate::plan::county_bulletin_pdf(site, c, n),
            }
        })
        .collect()
}

fn group(
    headquarters: Option<(String, String)>,
    colors: Colors,
    items: impl Iterator<Item = BulletinItem>,
) -> BulletinGroup {
    let (title, hq) = headquarters.unzip();
    BulletinGroup {
        title,
        hq,
        color: colors.background,
        text_color: colors.text.into(),
        items: items.collect(),
    }
}

/// One programme's line; `with_hq` when items are not grouped by
/// headquarters, `outcomes` when the day's outcomes are shown.
fn item(
    site: &Site,
    locale: &Locale,
    id: ProgrammeId,
    with_hq: bool,
    outcomes: bool,
) -> BulletinItem {
    let event = site.event;
    let f = &locale.formats;
    let p = event.programme(id);
    let (outcome, outcome_kind) = match (&p.outcome, outcomes) {
        (_, false) => (None, None),
        _ if site.figures.owes(p) => (Some(locale.s("unreported")), Some("unreported")),
        (Some(o), true) => {
            let held = locale.s(&format!("held_{}", o.held.as_str()));
            let text = match o.participants {
                Some(n) => format!(
                    "{held}{}{}",
                    locale.s("list_separator"),
                    locale.count(i64::from(n), "participants")
                ),
                None => held,
            };
            (Some(text), Some(o.held.as_str()))
        }
        (None, true) => (None, None),
    };
    BulletinItem {
        outcome,
        outcome_kind,
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
    output: &str,
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
            county: locale.s("county"),
            county_headquarters: locale.s("county_headquarters"),
            by_county: locale.s("bulletin_by_county"),
            summary_note: locale.s("bulletin_summary_note"),
            central_of_day: locale.s("central_programmes_of_day"),
            outcome: locale.s("outcomes_column"),
        },
        days,
    };
    typesetter.make(Request {
        template,
        data: &data,
        inputs: &[],
        files: &|| Ok(Vec::new()),
        format: Format::Pdf {
            ident: format!("rooz-bulletin-{}", data.title),
        },
        label: output,
    })
}
