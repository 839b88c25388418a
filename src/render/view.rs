//! View structs: what templates see. Made from the index for templates,
//! never the model itself, so a template cannot reach data it was not
//! meant to show and every value it prints was decided here.
//!
//! Links are root-relative paths ending in `index.html` (so the site also
//! works opened from disk); templates make them relative with `rel`.
//! Dates are ISO `YYYY-MM-DD` strings that the `date` filter shows in the
//! event's calendar.

use serde::Serialize;

use super::colors::Colors;
use super::engine::Locale;
use super::markdown;
use crate::calendar::Date;
use crate::figures::Counts;
use crate::index::{PageFigures, Site};
use crate::model::*;
use crate::plan::Page;

/// The event, for every page.
#[derive(Serialize)]
pub struct EventView {
    pub title: String,
    pub slogan: Option<String>,
    pub organizer: Option<String>,
    pub description_html: Option<String>,
    pub hashtags: Vec<String>,
    pub start: String,
    pub end: String,
    pub days: usize,
    pub headquarters: usize,
    pub strata: usize,
    pub counties: usize,
    pub figures: PageFigures,
}

/// The county headquarters' roles as pages name them: the event's own
/// names (`staff_roles`), else the theme's labels.
#[derive(Serialize)]
pub struct Roles {
    pub head: String,
    pub secretary: String,
    /// The counties index's lead: with the roles' names when the event
    /// gives both.
    pub counties_lead: String,
}

impl Roles {
    pub fn new(event: &Event, locale: &Locale) -> Roles {
        let roles = &event.staff_roles;
        let counties_lead = match (&roles.head, &roles.secretary) {
            (Some(head), Some(secretary)) => locale.fill(
                "counties_lead_roles",
                &[("head", head), ("secretary", secretary)],
            ),
            _ => locale.s("counties_lead"),
        };
        Roles {
            head: roles
                .head
                .clone()
                .unwrap_or_else(|| locale.s("county_head")),
            secretary: roles
                .secretary
                .clone()
                .unwrap_or_else(|| locale.s("county_secretary")),
            counties_lead,
        }
    }
}

/// A day in the week strip and on day pages.
#[derive(Serialize, Clone)]
pub struct DayLink {
    pub date: String,
    pub code: String,
    pub href: String,
    pub title: String,
    pub programmes: usize,
}

#[derive(Serialize, Clone)]
pub struct Link {
    pub id: String,
    pub title: String,
    pub href: String,
}

#[derive(Serialize, Clone)]
pub struct HeadquartersLink {
    pub id: String,
    pub title: String,
    pub href: String,
    pub color: String,
    pub text_color: String,
}

/// A programme as cards and its own page show it.
#[derive(Serialize, Clone)]
pub struct ProgrammeView {
    pub id: String,
    pub href: String,
    pub title: String,
    pub date: String,
    pub until: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub all_day: bool,
    pub multi_day: bool,
    pub venue: Option<String>,
    pub audience: Option<String>,
    pub headquarters: HeadquartersLink,
    pub stratum: Link,
    /// The programme's county, or the province-wide programmes' page.
    pub county: Link,
    pub province_wide: bool,
    pub axes: Vec<Link>,
    pub women: bool,
    pub central: bool,
    pub status: &'static str,
    pub cancelled: bool,
    pub draft: bool,
    pub highlight: Option<HighlightView>,
    pub participants: Option<u32>,
    pub contact: Option<String>,
    /// The contact with its phone numbers as `tel:` links, isolated
    /// left-to-right.
    pub contact_html: Option<String>,
    pub description_html: Option<String>,
    pub day_href: String,
    /// The programme's photo in the output (`media/…`).
    pub photo: Option<String>,
    /// Its highlight page, when it has one.
    pub highlight_href: Option<String>,
    /// What was held, once reported.
    pub outcome: Option<OutcomeView>,
    /// Due by the reporting day, and no outcome given.
    pub unreported: bool,
}

/// A programme's outcome as its page and cards show it.
#[derive(Serialize, Clone)]
pub struct OutcomeView {
    /// `yes`, `partly`, `no` or `postponed` (the strings' `held_…`).
    pub held: &'static str,
    pub took_place: bool,
    /// The day it moved to, and its last day (ISO), when it moved.
    pub date: Option<String>,
    pub until: Option<String>,
    pub participants: Option<u32>,
    pub women_participants: Option<u32>,
    /// Rendered by the programme's own page only.
    pub note_html: Option<String>,
    pub photos: Vec<PhotoView>,
    pub coverage: Vec<CoverageView>,
}

/// One photo of a gallery (`partials/gallery.html`): the thumbnail shown
/// and what it opens (its full size, or its programme's page).
#[derive(Serialize, Clone)]
pub struct PhotoView {
    pub thumb: String,
    pub width: u32,
    pub height: u32,
    pub href: String,
    pub full_width: u32,
    pub full_height: u32,
    /// Filled by the page that shows it (it needs the locale's words).
    pub alt: String,
}

#[derive(Serialize, Clone)]
pub struct CoverageView {
    pub title: String,
    pub url: String,
    pub outlet: Option<String>,
    /// `news`, `video`, `post`, `tv` or `radio` (the strings' `coverage_…`).
    pub kind: &'static str,
}

impl OutcomeView {
    pub fn of(o: &Outcome) -> OutcomeView {
        use crate::plan::{PhotoSize, photo_path};
        OutcomeView {
            held: o.held.as_str(),
            took_place: o.held.took_place(),
            date: o.date.map(Date::iso_code),
            until: o.until.filter(|u| Some(*u) != o.date).map(Date::iso_code),
            participants: o.participants,
            women_participants: o.women_participants,
            note_html: None,
            photos: o
                .photos
                .iter()
                .map(|p| {
                    let (width, height) = PhotoSize::Thumb.fit(p.width, p.height);
                    let (full_width, full_height) = PhotoSize::Full.fit(p.width, p.height);
                    PhotoView {
                        thumb: photo_path(&p.path, PhotoSize::Thumb),
                        width,
                        height,
                        href: photo_path(&p.path, PhotoSize::Full),
                        full_width,
                        full_height,
                        alt: String::new(),
                    }
                })
                .collect(),
            coverage: o
                .coverage
                .iter()
                .map(|c| CoverageView {
                    title: c.title.clone(),
                    url: c.url.clone(),
                    outlet: c.outlet.clone(),
                    kind: c.kind.as_str(),
                })
                .collect(),
        }
    }
}

#[derive(Serialize, Clone)]
pub struct HighlightView {
    pub summary: String,
    pub quote: Option<String>,
    pub hashtags: Vec<String>,
}

/// Programmes of one day, for pages grouped by day.
#[derive(Serialize)]
pub struct DayGroup<'v> {
    pub day: DayLink,
    pub programmes: Vec<&'v ProgrammeView>,
}

/// A headquarters, stratum or county in an index page.
#[derive(Serialize)]
pub struct SectionItem {
    pub link: Link,
    /// A headquarters' id, for its colours (`data-hq`).
    pub hq: Option<String>,
    pub note: Option<String>,
    pub figures: PageFigures,
}

/// A row of the week-at-a-glance grid: one headquarters, one cell per day.
#[derive(Serialize)]
pub struct GridRow<'v> {
    pub headquarters: HeadquartersLink,
    pub cells: Vec<Cell<'v>>,
}

/// The most programmes the calendar lists by title in one headquarters'
/// day; beyond it, their number and a link.
pub const CELL_TITLES: usize = 20;

/// One headquarters' programmes on one day of the calendar: their titles,
/// or (when more than [`CELL_TITLES`]) how many there are.
#[derive(Serialize, Clone)]
pub struct Cell<'v> {
    pub programmes: Vec<&'v ProgrammeView>,
    pub count: usize,
    /// Where the ones not listed are: the headquarters' page.
    pub more_href: Option<String>,
}

/// The programmes of one headquarters (on one day of the calendar).
#[derive(Serialize)]
pub struct HeadquartersGroup<'v> {
    pub headquarters: HeadquartersLink,
    pub cell: Cell<'v>,
}

/// A day of the calendar as phones show it: its programmes headquarters by
/// headquarters, under an anchor the day links jump to.
#[derive(Serialize)]
pub struct CalendarDay<'v> {
    pub anchor: String,
    pub day: DayLink,
    pub groups: Vec<HeadquartersGroup<'v>>,
}

/// Builds views from the index; one per build, shared by every page.
pub struct Views<'s, 'e> {
    pub site: &'s Site<'e>,
    programmes: Vec<Option<ProgrammeView>>,
    /// The page of the programmes without a county.
    pub province_wide: Link,
}

impl<'s, 'e> Views<'s, 'e> {
    /// `province_wide` is what the theme calls the programmes without a
    /// county.
    pub fn new(site: &'s Site<'e>, province_wide: &str) -> Self {
        let province_wide = Link {
            id: String::new(),
            title: province_wide.to_string(),
            href: href(site, Page::ProvinceWide(0)),
        };
        use rayon::prelude::*;
        let made: Vec<(ProgrammeId, ProgrammeView)> = site
            .programmes
            .par_iter()
            .map(|&id| (id, programme(site, id, &province_wide)))
            .collect();
        let mut programmes = vec![None; site.event.programmes.len()];
        for (id, view) in made {
            programmes[id.index()] = Some(view);
        }
        Views {
            site,
            programmes,
            province_wide,
        }
    }

    pub fn programme(&self, id: ProgrammeId) -> &ProgrammeView {
        self.programmes[id.index()]
            .as_ref()
            .expect("only shown programmes are viewed")
    }

    /// The programme's view, when the site shows it.
    pub fn shown(&self, id: ProgrammeId) -> Option<&ProgrammeView> {
        self.programmes[id.index()].as_ref()
    }

    pub fn programmes(&self, ids: &[ProgrammeId]) -> Vec<&ProgrammeView> {
        ids.iter().map(|&id| self.programme(id)).collect()
    }

    pub fn event(&self) -> EventView {
        let e = self.site.event;
        EventView {
            title: e.title.clone(),
            slogan: e.slogan.clone(),
            organizer: e.organizer.clone(),
            description_html: e.description.as_ref().map(|m| markdown::to_html(&m.0)),
            hashtags: e.hashtags.clone(),
            start: e.start.iso_code(),
            end: e.end.iso_code(),
            days: e.days.len(),
            headquarters: e.headquarters.len(),
            strata: e.strata.len(),
            counties: e.counties.len(),
            figures: self.site.shown(&self.site.figures.totals),
        }
    }

    pub fn week(&self) -> Vec<DayLink> {
        (0..self.site.event.days.len())
            .map(|n| day_link(self.site, n))
            .collect()
    }

    pub fn day_link(&self, n: usize) -> DayLink {
        day_link(self.site, n)
    }

    /// Programmes grouped by the day they start (multi-day ones once).
    pub fn by_first_day(&self, ids: &[ProgrammeId]) -> Vec<DayGroup<'_>> {
        let site = self.site;
        (0..site.event.days.len())
            .filter_map(|n| {
                let date = site.event.days[n].date;
                let on: Vec<ProgrammeId> = ids
                    .iter()
                    .copied()
                    .filter(|&id| site.event.programme(id).date == date)
                    .collect();
                (!on.is_empty()).then(|| DayGroup {
                    day: day_link(site, n),
                    programmes: self.programmes(&on),
                })
            })
            .collect()
    }

    /// An entry of an index page, with the figures of its programmes.
    fn item(
        &self,
        link: Link,
        hq: Option<String>,
        note: Option<String>,
        counts: &Counts,
    ) -> SectionItem {
        SectionItem {
            link,
            hq,
            note,
            figures: self.site.shown(counts),
        }
    }

    pub fn headquarters_items(&self) -> Vec<SectionItem> {
        let (e, site) = (self.site.event, self.site);
        (0..e.headquarters.len())
            .map(|i| {
                let h = hq_link(site, HeadquartersId::new(i));
                let link = Link {
                    id: h.id.clone(),
                    title: h.title,
                    href: h.href,
                };
                self.item(
                    link,
                    Some(h.id),
                    e.headquarters[i].lead.clone(),
                    &site.figures.by_headquarters[i],
                )
            })
            .collect()
    }

    /// Each stratum with its active central programme as the note.
    pub fn strata_items(&self) -> Vec<SectionItem> {
        let (e, site) = (self.site.event, self.site);
        (0..e.strata.len())
            .map(|i| {
                let central = site.by_stratum[i]
                    .iter()
                    .map(|&p| e.programme(p))
                    .find(|p| p.central && p.is_active())
                    .map(|p| p.title.clone());
                self.item(
                    stratum_link(site, StratumId::new(i)),
                    None,
                    central,
                    &site.figures.by_stratum[i],
                )
            })
            .collect()
    }

    /// Each county with the head of its headquarters as the note, then the
    /// programmes without a county when there are any.
    pub fn county_items(&self) -> Vec<SectionItem> {
        let (e, site) = (self.site.event, self.site);
        let mut items: Vec<SectionItem> = (0..e.counties.len())
            .map(|i| {
                let link = county_link(site, CountyId::new(i));
                self.item(
                    link,
                    None,
                    e.counties[i].head.clone(),
                    &site.figures.by_county[i],
                )
            })
            .collect();
        if !site.province_wide.is_empty() {
            items.push(self.item(
                self.province_wide.clone(),
                None,
                None,
                &site.figures.province_wide,
            ));
        }
        items
    }

    pub fn grid(&self) -> Vec<GridRow<'_>> {
        let e = self.site.event;
        (0..e.headquarters.len())
            .map(|i| {
                let hq = HeadquartersId::new(i);
                let link = hq_link(self.site, hq);
                let cells = (0..e.days.len())
                    .map(|d| {
                        let ids = self.site.on_day_in_headquarters(d, hq);
                        let listed = ids.len() <= CELL_TITLES;
                        Cell {
                            programmes: if listed {
                                self.programmes(&ids)
                            } else {
                                Vec::new()
                            },
                            count: ids.len(),
                            more_href: (!listed).then(|| link.href.clone()),
                        }
                    })
                    .collect();
                GridRow {
                    headquarters: link,
                    cells,
                }
            })
            .collect()
    }

    /// The calendar's days, each grouped by headquarters (from the grid's
    /// cells, so the two views of the calendar list the same programmes).
    pub fn calendar_days<'v>(&self, grid: &[GridRow<'v>]) -> Vec<CalendarDay<'v>> {
        (0..self.site.event.days.len())
            .map(|n| CalendarDay {
                anchor: format!("day-{}", self.site.event.days[n].date.iso_code()),
                day: self.day_link(n),
                groups: grid
                    .iter()
                    .filter(|row| row.cells[n].count > 0)
                    .map(|row| HeadquartersGroup {
                        headquarters: row.headquarters.clone(),
                        cell: row.cells[n].clone(),
                    })
                    .collect(),
            })
            .collect()
    }

    pub fn hq_link(&self, id: HeadquartersId) -> HeadquartersLink {
        hq_link(self.site, id)
    }

    pub fn stratum_link(&self, id: StratumId) -> Link {
        stratum_link(self.site, id)
    }

    pub fn county_link(&self, id: CountyId) -> Link {
        county_link(self.site, id)
    }
}

fn href(site: &Site, page: Page) -> String {
    page.file(site)
}

fn day_link(site: &Site, n: usize) -> DayLink {
    let day = &site.event.days[n];
    DayLink {
        date: day.date.iso_code(),
        code: day.date.code(site.event.calendar),
        href: href(site, Page::Day(n, 0)),
        title: day.title.clone(),
        programmes: site.by_day[n].len(),
    }
}

fn hq_link(site: &Site, id: HeadquartersId) -> HeadquartersLink {
    let hq = site.event.headquarters(id);
    let colors = Colors::of(hq);
    HeadquartersLink {
        id: hq.id.clone(),
        title: hq.title.clone(),
        href: href(site, Page::Headquarters(id, 0)),
        color: colors.background,
        text_color: colors.text.into(),
    }
}

fn stratum_link(site: &Site, id: StratumId) -> Link {
    let s = site.event.stratum(id);
    Link {
        id: s.id.clone(),
        title: s.title.clone(),
        href: href(site, Page::Stratum(id, 0)),
    }
}

fn county_link(site: &Site, id: CountyId) -> Link {
    let c = site.event.county(id);
    Link {
        id: c.id.clone(),
        title: c.title.clone(),
        href: href(site, Page::County(id, 0)),
    }
}

fn programme(site: &Site, id: ProgrammeId, province_wide: &Link) -> ProgrammeView {
    let e = site.event;
    let p = e.programme(id);
    let first_day = site.day_index(p.date).unwrap_or(0);
    ProgrammeView {
        id: p.id.clone(),
        href: href(site, Page::Programme(id)),
        title: p.title.clone(),
        date: p.date.iso_code(),
        until: p.is_multi_day().then(|| p.until.iso_code()),
        start: p.start.map(|t| t.to_string()),
        end: p.end.map(|t| t.to_string()),
        all_day: p.is_all_day(),
        multi_day: p.is_multi_day(),
        venue: p.venue.clone(),
        audience: p.audience.clone(),
        headquarters: hq_link(site, p.headquarters),
        stratum: stratum_link(site, p.stratum),
        county: p
            .county
            .map_or_else(|| province_wide.clone(), |c| county_link(site, c)),
        province_wide: p.county.is_none(),
        axes: p
            .axes
            .iter()
            .map(|&a| {
                let axis = e.axis(a);
                Link {
                    id: axis.id.clone(),
                    title: axis.title.clone(),
                    href: String::new(),
                }
            })
            .collect(),
        women: p.women,
        central: p.central,
        status: p.status.as_str(),
        cancelled: p.status == Status::Cancelled,
        draft: p.status == Status::Draft,
        highlight: p.highlight.as_ref().map(|h| HighlightView {
            summary: h.summary.clone(),
            quote: h.quote.clone(),
            hashtags: e.hashtags.iter().chain(&h.hashtags).cloned().collect(),
        }),
        participants: p.expected_participants,
        contact: p.contact.clone(),
        contact_html: p.contact.as_deref().map(super::text::contact_html),
        // Made by the programme's own page, the only one that shows it.
        description_html: None,
        day_href: href(site, Page::Day(first_day, 0)),
        photo: p
            .highlight
            .as_ref()
            .and_then(|h| h.image.as_ref())
            .map(|i| crate::plan::media_path(i)),
        highlight_href: p
            .highlight
            .as_ref()
            .map(|_| href(site, Page::Highlight(id))),
        outcome: p.outcome.as_ref().map(OutcomeView::of),
        unreported: site.figures.owes(p),
    }
}

/// A QR code of `url` as inline SVG, black on white (scannable in print and
/// in dark mode). One fixed mask pattern: choosing the best of eight
/// scores each of them over the whole symbol, which was a quarter of a
/// rebuild's time, and any mask reads the same.
pub fn qr_svg(url: &str) -> String {
    // Remembered, up to a bound: every page has one, bulletins repeat
    // them, and `rooz serve` makes the same ones at every rebuild.
    type Made = std::sync::Mutex<std::collections::HashMap<String, String>>;
    static MADE: std::sync::OnceLock<Made> = std::sync::OnceLock::new();
    const KEPT: usize = 4096;
    let made = MADE.get_or_init(Default::default);
    if let Some(svg) = made.lock().unwrap_or_else(|e| e.into_inner()).get(url) {
        return svg.clone();
    }
    let svg = make_qr_svg(url);
    let mut made = made.lock().unwrap_or_else(|e| e.into_inner());
    if made.len() < KEPT {
        made.insert(url.to_string(), svg.clone());
    }
    svg
}

fn make_qr_svg(url: &str) -> String {
    use qrcode::canvas::{Canvas, MaskPattern};
    use qrcode::render::{Renderer, svg};
    let ec = qrcode::EcLevel::M;
    let colors = (|| {
        let bits = qrcode::bits::encode_auto(url.as_bytes(), ec).ok()?;
        let version = bits.version();
        let (data, correction) =
            qrcode::ec::construct_codewords(&bits.into_bytes(), version, ec).ok()?;
        let mut canvas = Canvas::new(version, ec);
        canvas.draw_all_functional_patterns();
        canvas.draw_data(&data, &correction);
        canvas.apply_mask(MaskPattern::Checkerboard);
        Some((canvas.into_colors(), version.width() as usize))
    })();
    let Some((colors, width)) = colors else {
        return String::new();
    };
    let svg = Renderer::<svg::Color>::new(&colors, width, 4)
        .min_dimensions(176, 176)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    // Inline: drop the XML prolog, keep the <svg> element.
    svg.find("<svg")
        .map_or(svg.clone(), |i| svg[i..].to_string())
}

/// The ready-to-post caption of a highlight: its summary, a blank line and
/// its hashtags (the event's, then its own).
pub fn caption(programme: &ProgrammeView) -> String {
    match &programme.highlight {
        Some(h) => format!("{}\n\n{}", h.summary, h.hashtags.join(" ")),
        None => String::new(),
    }
}
