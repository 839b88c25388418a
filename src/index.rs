//! Stage 3, index: the programmes arranged the ways the outputs show them.
//!
//! Everything a page lists is decided here, once, from the frozen event:
//! which programmes are shown (drafts only when asked), in which order
//! (all-day first, then by time), and which come first on a stratum page
//! (its central programme). The figures pages show come from the event's
//! [`Figures`], measured once, as the shown programmes count them
//! ([`PageFigures`]). Templates receive these lists and numbers and only
//! format them.

use crate::calendar::Date;
use crate::figures::{Counts, Figures, Share};
use crate::model::*;

/// The event indexed for output.
pub struct Site<'e> {
    pub event: &'e Event,
    pub figures: &'e Figures,
    /// Whether drafts are shown (`--drafts`).
    pub with_drafts: bool,
    /// Base of absolute URLs (`--base-url`, else the event's), ending in `/`.
    pub base_url: Option<String>,
    /// Shown programmes, by first day, time, then id.
    pub programmes: Vec<ProgrammeId>,
    /// Per day of the week: the programmes running that day (multi-day
    /// programmes on each of their days), all-day first, then by start.
    pub by_day: Vec<Vec<ProgrammeId>>,
    pub by_headquarters: Vec<Vec<ProgrammeId>>,
    /// Per stratum, its central programme(s) first.
    pub by_stratum: Vec<Vec<ProgrammeId>>,
    pub by_county: Vec<Vec<ProgrammeId>>,
    /// Per county, per day: its programmes running that day, in the day's
    /// order (what its bulletin lists).
    pub by_county_day: Vec<Vec<Vec<ProgrammeId>>>,
    /// Programmes without a county.
    pub province_wide: Vec<ProgrammeId>,
    pub by_axis: Vec<Vec<ProgrammeId>>,
    /// Shown programmes with a highlight, soonest first.
    pub highlights: Vec<ProgrammeId>,
    /// How many programmes a page of a list shows at most.
    pub page_size: usize,
}

/// The figures of one group of programmes (a day, a headquarters, the
/// event…) as a page shows them.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct PageFigures {
    /// Shown programmes: published ones, and drafts with `--drafts`.
    pub programmes: usize,
    /// Shown and not cancelled.
    pub active: usize,
    pub cancelled: usize,
    pub women: Share,
    /// `women` as a ratio, 0 when there is no active programme.
    pub women_ratio: f64,
    /// Active central programmes.
    pub central: usize,
    /// Active programmes with a highlight.
    pub highlights: usize,
    pub participants: u64,
}

/// Each day's programmes (a multi-day one on each of its days), in the
/// order of the day's page.
fn by_day(event: &Event, programmes: &[ProgrammeId]) -> Vec<Vec<ProgrammeId>> {
    event
        .days
        .iter()
        .map(|day| {
            let mut list: Vec<ProgrammeId> = programmes
                .iter()
                .copied()
                .filter(|&id| event.programme(id).runs_on(day.date))
                .collect();
            list.sort_by(|&a, &b| within_day(event, a, b));
            list
        })
        .collect()
}

/// Each county's part of each day, indexed `[county][day]`.
fn by_county_day(event: &Event, by_day: &[Vec<ProgrammeId>]) -> Vec<Vec<Vec<ProgrammeId>>> {
    let mut groups = vec![vec![Vec::new(); by_day.len()]; event.counties.len()];
    for (n, day) in by_day.iter().enumerate() {
        for &id in day {
            if let Some(c) = event.programme(id).county {
                groups[c.index()][n].push(id);
            }
        }
    }
    groups
}

impl<'e> Site<'e> {
    pub fn new(
        event: &'e Event,
        figures: &'e Figures,
        with_drafts: bool,
        base_url: Option<String>,
    ) -> Self {
        let mut programmes: Vec<ProgrammeId> = (0..event.programmes.len())
            .map(ProgrammeId::new)
            .filter(|&id| with_drafts || event.programme(id).status.is_published())
            .collect();
        programmes.sort_by(|&a, &b| chronological(event, a, b));

        let group = |key: &dyn Fn(&Programme) -> Option<usize>, n: usize| {
            let mut groups = vec![Vec::new(); n];
            for &id in &programmes {
                if let Some(k) = key(event.programme(id)) {
                    groups[k].push(id);
                }
            }
            groups
        };
        let by_headquarters = group(&|p| Some(p.headquarters.index()), event.headquarters.len());
        let mut by_stratum = group(&|p| Some(p.stratum.index()), event.strata.len());
        for list in &mut by_stratum {
            // The central programme first (an active one before a cancelled
            // or draft one); stable, so each part stays chronological.
            list.sort_by_key(|&id| {
                let p = event.programme(id);
                (!(p.central && p.is_active()), !p.central)
            });
        }
        let by_county = group(&|p| p.county.map(CountyId::index), event.counties.len());
        let province_wide = programmes
            .iter()
            .copied()
            .filter(|&id| event.programme(id).county.is_none())
            .collect();
        let mut by_axis = vec![Vec::new(); event.axes.len()];
        for &id in &programmes {
            for axis in &event.programme(id).axes {
                by_axis[axis.index()].push(id);
            }
        }
        let by_day = by_day(event, &programmes);
        let by_county_day = by_county_day(event, &by_day);
        let highlights = programmes
            .iter()
            .copied()
            .filter(|&id| event.programme(id).highlight.is_some())
            .collect();
        Site {
            event,
            figures,
            with_drafts,
            base_url: base_url.or_else(|| event.base_url.clone()),
            programmes,
            by_day,
            by_headquarters,
            by_stratum,
            by_county,
            by_county_day,
            province_wide,
            by_axis,
            highlights,
            page_size: event.page_size.max(1),
        }
    }

    /// The absolute URL of a path of the site, when it has a base URL.
    pub fn absolute(&self, path: &str) -> Option<String> {
        self.base_url.as_ref().map(|base| format!("{base}{path}"))
    }

    /// How many pages a list of `len` programmes takes (at least one).
    pub fn parts(&self, len: usize) -> u32 {
        u32::try_from(len.div_ceil(self.page_size).max(1)).unwrap_or(u32::MAX)
    }

    /// The programmes of `list` on its page `part`.
    pub fn part<'l>(&self, list: &'l [ProgrammeId], part: u32) -> &'l [ProgrammeId] {
        let start = (part as usize * self.page_size).min(list.len());
        &list[start..(start + self.page_size).min(list.len())]
    }

    /// A county's programmes running on day `n`, in the day's order.
    pub fn county_day(&self, county: CountyId, n: usize) -> &[ProgrammeId] {
        &self.by_county_day[county.index()][n]
    }

    /// Index of a date in the week.
    pub fn day_index(&self, date: Date) -> Option<usize> {
        usize::try_from(self.event.start.days_until(date))
            .ok()
            .filter(|&n| n < self.event.days.len())
    }

    /// A group's figures as its page shows them.
    pub fn shown(&self, counts: &Counts) -> PageFigures {
        PageFigures {
            programmes: counts.published + if self.with_drafts { counts.drafts } else { 0 },
            active: counts.active,
            cancelled: counts.cancelled,
            women: counts.women,
            women_ratio: counts.women.ratio(),
            central: counts.central,
            highlights: counts.highlights,
            participants: counts.participants,
        }
    }

    /// The programmes of one headquarters on one day (the week grid).
    pub fn on_day_in_headquarters(&self, day: usize, hq: HeadquartersId) -> Vec<ProgrammeId> {
        self.by_day[day]
            .iter()
            .copied()
            .filter(|&id| self.event.programme(id).headquarters == hq)
            .collect()
    }
}

/// By first day, then all-day before timed, then start time, then id.
fn chronological(event: &Event, a: ProgrammeId, b: ProgrammeId) -> std::cmp::Ordering {
    let (pa, pb) = (event.programme(a), event.programme(b));
    (pa.date, pa.start, pa.end, &pa.id).cmp(&(pb.date, pb.start, pb.end, &pb.id))
}

/// Within one day: all-day first, then by start time (a timed multi-day
/// programme sorts by its start like any other).
fn within_day(event: &Event, a: ProgrammeId, b: ProgrammeId) -> std::cmp::Ordering {
    let (pa, pb) = (event.programme(a), event.programme(b));
    (pa.start, pa.end, &pa.id).cmp(&(pb.start, pb.end, &pb.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::measure;
    use crate::load::testing::{edited, event};

    fn ids(e: &Event, list: &[ProgrammeId]) -> Vec<String> {
        list.iter().map(|&id| e.programme(id).id.clone()).collect()
    }

    #[test]
    fn drafts_are_shown_only_when_asked() {
        let e = event("base-fa");
        let f = measure(&e);
        let public = Site::new(&e, &f, false, None);
        assert!(!ids(&e, &public.programmes).contains(&"students-draft-idea".into()));
        assert_eq!(public.shown(&f.totals).programmes, 5);
        let drafts = Site::new(&e, &f, true, None);
        assert!(ids(&e, &drafts.programmes).contains(&"students-draft-idea".into()));
        assert_eq!(drafts.shown(&f.totals).programmes, 6);
        // The figures of active programmes do not change with drafts shown.
        assert_eq!(public.shown(&f.totals).women, drafts.shown(&f.totals).women);
        assert_eq!(
            public.base_url.as_deref(),
            Some("https://example.org/test/")
        );
    }

    #[test]
    fn a_day_lists_all_day_programmes_first_then_by_time() {
        let e = event("base-fa");
        let f = measure(&e);
        let site = Site::new(&e, &f, false, None);
        // 1405-08-29: the book fair runs all day, the assembly at 08:00.
        assert_eq!(
            ids(&e, &site.by_day[0]),
            ["students-book-fair", "students-assembly"]
        );
        // The two-day fair is on its second day too.
        assert_eq!(
            ids(&e, &site.by_day[1]),
            ["students-book-fair", "teachers-forum"]
        );
        assert_eq!(site.day_index(e.days[2].date), Some(2));
        assert_eq!(site.day_index(e.end.add_days(1)), None);
    }

    #[test]
    fn a_stratum_page_lists_its_active_central_programme_first() {
        // A later active central programme comes before earlier others,
        // and a cancelled central one after the active one.
        let e = edited(
            "base-fa",
            &[(
                "content/programs/teachers.yaml",
                "    axes: [hope]\n    status: cancelled",
                "    axes: [hope]\n    central: true\n    status: cancelled",
            )],
        );
        let f = measure(&e);
        let site = Site::new(&e, &f, false, None);
        let teachers = ids(&e, &site.by_stratum[1]);
        assert_eq!(teachers[0], "teachers-forum");
        assert_eq!(teachers[1], "teachers-cancelled-hike");
        assert_eq!(teachers.len(), 3);
        // Province-wide: only what has no county (the cancelled hike here).
        assert_eq!(ids(&e, &site.province_wide), ["teachers-cancelled-hike"]);
        assert_eq!(ids(&e, &site.highlights), ["students-assembly"]);
    }
}
