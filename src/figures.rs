//! Stage 2, measure: every figure of the event, computed once from the
//! frozen model.
//!
//! Totals and shares, the breakdowns by day, headquarters, stratum, county
//! and axis, the central programmes of each stratum, the day focus, the
//! county staff and the venue clashes. Nothing here decides what to report:
//! `check` turns the figures that miss a target into findings, `report`
//! presents them with those findings, and `index` shows them on pages. The
//! comparison with a target is made here, once ([`Counts::women_meets`],
//! [`Central::status`], [`Focus::served`]), so the check and the report can
//! never disagree.
//!
//! Figures count every programme by status; shares and targets count
//! *active* programmes (published, not cancelled).

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use crate::calendar::Date;
use crate::model::*;
use crate::source::Span;

/// A share of programmes: `part` of `whole`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Share {
    pub part: usize,
    pub whole: usize,
}

impl Share {
    pub fn ratio(self) -> f64 {
        if self.whole == 0 {
            0.0
        } else {
            self.part as f64 / self.whole as f64
        }
    }

    /// Rounded to a whole percentage, as the pages show it.
    pub fn percent(self) -> String {
        format!("{}%", (self.ratio() * 100.0).round())
    }

    /// Rounded down: a share under its target never reads as reaching it
    /// (49.5% is "49%", not "50%").
    pub fn percent_below(self) -> String {
        format!("{}%", (self.ratio() * 100.0).floor())
    }

    /// Whether the share reaches `target`; `None` without a target or
    /// without any programme to judge.
    pub fn meets(self, target: Option<f64>) -> Option<bool> {
        target.filter(|_| self.whole > 0).map(|t| self.ratio() >= t)
    }
}

/// The programmes of one group (the event, a day, a headquarters…) counted
/// by status. Serialised as the totals of `rooz check` and the report (the
/// central programmes and the women's share are published apart).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Counts {
    /// Every programme, drafts included.
    pub programmes: usize,
    /// Everything but drafts: approved, reviewed and cancelled.
    pub published: usize,
    pub approved: usize,
    pub reviewed: usize,
    pub drafts: usize,
    pub cancelled: usize,
    /// Published and not cancelled: what shares and targets count.
    pub active: usize,
    /// Active central programmes.
    #[serde(skip)]
    pub central: usize,
    /// Active programmes with a highlight.
    pub highlights: usize,
    /// Expected participants of the active programmes.
    pub participants: u64,
    /// The women's-domain share of the active programmes.
    #[serde(skip)]
    pub women: Share,
    /// What was held of the active programmes, as of `as_of`.
    #[serde(skip)]
    pub execution: Execution,
}

/// Where a programme stands after its day, as of `as_of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Its outcome is given.
    Reported(Held),
    /// Its last day has come by `as_of`, and no outcome is given.
    Unreported,
    /// Not yet due, and no outcome.
    Ahead,
}

/// Where `p` stands as of `as_of`. A postponed programme whose new day
/// has come is owed again: its outcome is now what happened that day.
pub fn state(p: &Programme, as_of: Option<Date>) -> State {
    let came = |day: Option<Date>| day.zip(as_of).is_some_and(|(d, a)| d <= a);
    match &p.outcome {
        Some(o) if o.held == Held::Postponed && came(o.until.or(o.date)) => State::Unreported,
        Some(o) => State::Reported(o.held),
        None if p.is_due(as_of) => State::Unreported,
        None => State::Ahead,
    }
}

/// The day an outcome tells of: the day it was held, when it moved and
/// took place; else the planned first day.
pub fn reported_day(p: &Programme) -> Option<Date> {
    let o = p.outcome.as_ref()?;
    Some(match o.held {
        Held::Yes | Held::Partly => o.date.unwrap_or(p.date),
        Held::No | Held::Postponed => p.date,
    })
}

/// The outcomes of a group's active programmes: those reported, and those
/// due by `as_of` and not reported.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Execution {
    /// Reported or unreported: what the outcome shares are of.
    pub due: usize,
    pub held: usize,
    pub partly: usize,
    pub not_held: usize,
    pub postponed: usize,
    pub unreported: usize,
    /// Expected participants of the due programmes.
    pub expected: u64,
    /// Expected participants of the programmes that took place and report
    /// how many came (and expected some): beside `actual_of_expected`.
    pub expected_of_reported: u64,
    /// Participants reported.
    pub actual: u64,
    /// Participants reported by those same programmes: what compares
    /// with `expected_of_reported` like for like.
    pub actual_of_expected: u64,
    /// Women among them, where reported.
    pub women_actual: u64,
    /// The women's-domain share of the programmes that took place (held
    /// or partly), beside `women_due`.
    pub women: Share,
    /// The women's-domain share of the due programmes: what was planned of
    /// the days reported on.
    pub women_due: Share,
    /// Media items about the programmes.
    pub coverage: usize,
}

impl Execution {
    fn add(&mut self, p: &Programme, as_of: Option<Date>) {
        let state = state(p, as_of);
        if state == State::Ahead {
            return;
        }
        self.due += 1;
        self.expected += p.expected_participants.map_or(0, u64::from);
        self.women_due.whole += 1;
        self.women_due.part += usize::from(p.women);
        match state {
            State::Reported(Held::Yes) => self.held += 1,
            State::Reported(Held::Partly) => self.partly += 1,
            State::Reported(Held::No) => self.not_held += 1,
            State::Reported(Held::Postponed) => self.postponed += 1,
            State::Unreported | State::Ahead => self.unreported += 1,
        }
        let Some(o) = &p.outcome else { return };
        self.actual += o.participants.map_or(0, u64::from);
        if let (Some(actual), Some(expected), true) =
            (o.participants, p.expected_participants, o.held.took_place())
        {
            self.actual_of_expected += u64::from(actual);
            self.expected_of_reported += u64::from(expected);
        }
        self.women_actual += o.women_participants.map_or(0, u64::from);
        self.coverage += o.coverage.len();
        if o.held.took_place() {
            self.women.whole += 1;
            self.women.part += usize::from(p.women);
        }
    }

    /// The programmes that took place, in whole or in part.
    pub fn took_place(&self) -> usize {
        self.held + self.partly
    }

    /// A share of the due programmes.
    pub fn of_due(&self, part: usize) -> Share {
        Share {
            part,
            whole: self.due,
        }
    }
}

impl Counts {
    fn add(&mut self, p: &Programme, as_of: Option<Date>) {
        self.programmes += 1;
        match p.status {
            Status::Draft => self.drafts += 1,
            Status::Reviewed => self.reviewed += 1,
            Status::Approved => self.approved += 1,
            Status::Cancelled => self.cancelled += 1,
        }
        self.published += usize::from(p.status.is_published());
        if p.is_active() {
            self.active += 1;
            self.central += usize::from(p.central);
            self.highlights += usize::from(p.highlight.is_some());
            self.participants += p.expected_participants.map_or(0, u64::from);
            self.women.whole += 1;
            self.women.part += usize::from(p.women);
            self.execution.add(p, as_of);
        }
    }

    /// Against the women's-domain target (`None`: no target, or nothing
    /// active to judge).
    pub fn women_meets(&self, target: Option<f64>) -> Option<bool> {
        self.women.meets(target)
    }
}

/// A stratum's central programmes against `targets.central_per_stratum`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CentralStatus {
    /// As many as the target, or no target.
    Ok,
    Missing,
    Several,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Central {
    pub stratum: StratumId,
    /// Its active central programmes, in content order.
    pub programmes: Vec<ProgrammeId>,
    pub target: Option<u32>,
}

impl Central {
    pub fn status(&self) -> CentralStatus {
        match self.target.map(|t| t as usize) {
            Some(t) if self.programmes.len() < t => CentralStatus::Missing,
            Some(t) if self.programmes.len() > t => CentralStatus::Several,
            _ => CentralStatus::Ok,
        }
    }
}

/// What a day's theme focuses on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FocusOn {
    Stratum(StratumId),
    Headquarters(HeadquartersId),
}

/// One focus of one day, and how many of its programmes run that day.
#[derive(Debug, Clone, PartialEq)]
pub struct Focus {
    /// Index of the day in the week.
    pub day: usize,
    pub on: FocusOn,
    /// Where the focus is written in `event.yaml`.
    pub span: Span,
    /// Active programmes of the focus running that day.
    pub programmes: usize,
}

impl Focus {
    pub fn served(&self) -> bool {
        self.programmes > 0
    }
}

/// A role of a county headquarters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// The governor.
    Head,
    /// The district commander.
    Secretary,
}

/// A county headquarters' staff: which roles have nobody named.
#[derive(Debug, Clone, PartialEq)]
pub struct Staff {
    pub county: CountyId,
    pub missing: Vec<Role>,
}

impl Staff {
    pub fn complete(&self) -> bool {
        self.missing.is_empty()
    }
}

/// Two active programmes at one venue at overlapping times.
#[derive(Debug, Clone, PartialEq)]
pub struct Clash {
    /// The one written first in the content.
    pub earlier: ProgrammeId,
    pub later: ProgrammeId,
    /// The first day they clash.
    pub date: Date,
}

/// Programmes one office owes an outcome for: its headquarters, in one
/// county (or province-wide).
#[derive(Debug, Clone, PartialEq)]
pub struct Owed {
    pub headquarters: HeadquartersId,
    pub county: Option<CountyId>,
    /// In content order.
    pub programmes: Vec<ProgrammeId>,
}

/// A programme whose actual participants are far from the expected.
#[derive(Debug, Clone, PartialEq)]
pub struct FarOff {
    pub programme: ProgrammeId,
    pub actual: u32,
    pub expected: u32,
}

/// What the outcomes say beyond the counts: who owes what, and what to
/// look at again.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcomes {
    /// Whether any programme has an outcome.
    pub any: bool,
    /// Unreported programmes, by headquarters then county.
    pub owed: Vec<Owed>,
    /// Programmes with an outcome dated after `as_of`.
    pub early: Vec<ProgrammeId>,
    /// Actual participants beyond the factor of the expected.
    pub far_off: Vec<FarOff>,
    /// Cancelled programmes whose outcome says they took place.
    pub cancelled_held: Vec<ProgrammeId>,
    /// Active programmes with a highlight, with their media items.
    pub highlights: Vec<(ProgrammeId, usize)>,
    /// The active programmes with the most media items (at most
    /// [`MOST_COVERED`]), most first, then in content order.
    pub most_covered: Vec<(ProgrammeId, usize)>,
}

/// How many programmes the "most covered" list names.
pub const MOST_COVERED: usize = 10;

/// Every figure of the event.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// Outcomes are counted up to and including this day.
    pub as_of: Option<Date>,
    pub totals: Counts,
    pub women_target: Option<f64>,
    /// Per day of the week (a multi-day programme on each of its days).
    pub by_day: Vec<Counts>,
    pub by_headquarters: Vec<Counts>,
    pub by_stratum: Vec<Counts>,
    pub by_county: Vec<Counts>,
    /// Per county, per day of the week (what its bulletins count).
    pub by_county_day: Vec<Vec<Counts>>,
    /// Programmes without a county.
    pub province_wide: Counts,
    pub by_axis: Vec<Counts>,
    /// Per stratum.
    pub central: Vec<Central>,
    /// Every focus of every day, in day order.
    pub focus: Vec<Focus>,
    /// Per county.
    pub staff: Vec<Staff>,
    pub clashes: Vec<Clash>,
    pub outcomes: Outcomes,
}

impl Figures {
    /// Whether an outcome of `p` is owed and not given (as of `as_of`).
    pub fn owes(&self, p: &Programme) -> bool {
        p.is_active() && state(p, self.as_of) == State::Unreported
    }

    /// Whether the execution of the week is reported on: an outcome is
    /// given, or outcomes are due.
    pub fn reports_execution(&self) -> bool {
        self.outcomes.any || self.as_of.is_some()
    }

    /// The women's-domain share of the whole event against its target.
    pub fn women_meets(&self) -> Option<bool> {
        self.totals.women_meets(self.women_target)
    }

    /// Days with at least one active programme.
    pub fn days_covered(&self) -> usize {
        self.by_day.iter().filter(|c| c.active > 0).count()
    }

    pub fn uncovered_headquarters(&self) -> impl Iterator<Item = HeadquartersId> + '_ {
        uncovered(&self.by_headquarters).map(HeadquartersId::new)
    }

    pub fn uncovered_axes(&self) -> impl Iterator<Item = AxisId> + '_ {
        uncovered(&self.by_axis).map(AxisId::new)
    }

    pub fn uncovered_counties(&self) -> impl Iterator<Item = CountyId> + '_ {
        uncovered(&self.by_county).map(CountyId::new)
    }
}

fn uncovered(groups: &[Counts]) -> impl Iterator<Item = usize> + '_ {
    groups
        .iter()
        .enumerate()
        .filter(|(_, c)| c.active == 0)
        .map(|(i, _)| i)
}

/// Measures the event: one pass over the programmes for the counts, then
/// the central programmes, focus, staff and clashes.
pub fn measure(event: &Event) -> Figures {
    let as_of = event.reporting.as_of;
    let mut figures = Figures {
        as_of,
        totals: Counts::default(),
        women_target: event.targets.women_share,
        by_day: vec![Counts::default(); event.days.len()],
        by_headquarters: vec![Counts::default(); event.headquarters.len()],
        by_stratum: vec![Counts::default(); event.strata.len()],
        by_county: vec![Counts::default(); event.counties.len()],
        by_county_day: vec![vec![Counts::default(); event.days.len()]; event.counties.len()],
        province_wide: Counts::default(),
        by_axis: vec![Counts::default(); event.axes.len()],
        central: Vec::new(),
        focus: Vec::new(),
        staff: Vec::new(),
        clashes: Vec::new(),
        outcomes: Outcomes::default(),
    };
    for p in &event.programmes {
        figures.totals.add(p, as_of);
        for date in p.date.through(p.until) {
            let Some(day) = usize::try_from(event.start.days_until(date))
                .ok()
                .filter(|&d| d < event.days.len())
            else {
                continue;
            };
            figures.by_day[day].add(p, as_of);
            if let Some(c) = p.county {
                figures.by_county_day[c.index()][day].add(p, as_of);
            }
        }
        figures.by_headquarters[p.headquarters.index()].add(p, as_of);
        figures.by_stratum[p.stratum.index()].add(p, as_of);
        match p.county {
            Some(c) => figures.by_county[c.index()].add(p, as_of),
            None => figures.province_wide.add(p, as_of),
        }
        for a in &p.axes {
            figures.by_axis[a.index()].add(p, as_of);
        }
    }
    let active: Vec<(ProgrammeId, &Programme)> = event
        .programmes
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_active())
        .map(|(i, p)| (ProgrammeId::new(i), p))
        .collect();
    figures.central = central(event, &active);
    figures.focus = focus(event, &active);
    figures.staff = staff(event);
    figures.clashes = clashes(&active);
    figures.outcomes = outcomes(event, &active);
    figures
}

/// Who owes which outcomes, the outcomes to look at again, and the media
/// coverage of highlights and of the most covered programmes.
fn outcomes(event: &Event, active: &[(ProgrammeId, &Programme)]) -> Outcomes {
    let as_of = event.reporting.as_of;
    let factor = event.reporting.participants_factor;
    let mut owed: BTreeMap<(HeadquartersId, Option<CountyId>), Vec<ProgrammeId>> = BTreeMap::new();
    let mut out = Outcomes {
        any: event.programmes.iter().any(|p| p.outcome.is_some()),
        ..Outcomes::default()
    };
    for &(id, p) in active {
        if state(p, as_of) == State::Unreported {
            owed.entry((p.headquarters, p.county)).or_default().push(id);
        }
        let coverage = p.outcome.as_ref().map_or(0, |o| o.coverage.len());
        if p.highlight.is_some() {
            out.highlights.push((id, coverage));
        }
        if coverage > 0 {
            out.most_covered.push((id, coverage));
        }
        let Some(o) = &p.outcome else { continue };
        if reported_day(p).zip(as_of).is_some_and(|(day, d)| day > d) {
            out.early.push(id);
        }
        if let (Some(actual), Some(expected)) = (o.participants, p.expected_participants)
            && o.held.took_place()
            && expected > 0
            && (f64::from(actual) * factor < f64::from(expected)
                || f64::from(actual) > f64::from(expected) * factor)
        {
            out.far_off.push(FarOff {
                programme: id,
                actual,
                expected,
            });
        }
    }
    out.cancelled_held = event
        .programmes
        .iter()
        .enumerate()
        .filter(|(_, p)| p.status == Status::Cancelled)
        .filter(|(_, p)| p.outcome.as_ref().is_some_and(|o| o.held.took_place()))
        .map(|(i, _)| ProgrammeId::new(i))
        .collect();
    out.owed = owed
        .into_iter()
        .map(|((headquarters, county), programmes)| Owed {
            headquarters,
            county,
            programmes,
        })
        .collect();
    // Stable: equal counts stay in content order.
    out.most_covered.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    out.most_covered.truncate(MOST_COVERED);
    out
}

fn central(event: &Event, active: &[(ProgrammeId, &Programme)]) -> Vec<Central> {
    let mut central: Vec<Central> = (0..event.strata.len())
        .map(|i| Central {
            stratum: StratumId::new(i),
            programmes: Vec::new(),
            target: event.targets.central_per_stratum,
        })
        .collect();
    for &(id, p) in active {
        if p.central {
            central[p.stratum.index()].programmes.push(id);
        }
    }
    central
}

fn focus(event: &Event, active: &[(ProgrammeId, &Programme)]) -> Vec<Focus> {
    let mut out = Vec::new();
    for (n, day) in event.days.iter().enumerate() {
        let on_day: Vec<&Programme> = active
            .iter()
            .map(|&(_, p)| p)
            .filter(|p| p.runs_on(day.date))
            .collect();
        let count =
            |matches: &dyn Fn(&Programme) -> bool| on_day.iter().filter(|p| matches(p)).count();
        for (stratum, span) in &day.focus_strata {
            out.push(Focus {
                day: n,
                on: FocusOn::Stratum(*stratum),
                span: span.clone(),
                programmes: count(&|p| p.stratum == *stratum),
            });
        }
        for (hq, span) in &day.focus_headquarters {
            out.push(Focus {
                day: n,
                on: FocusOn::Headquarters(*hq),
                span: span.clone(),
                programmes: count(&|p| p.headquarters == *hq),
            });
        }
    }
    out
}

fn staff(event: &Event) -> Vec<Staff> {
    event
        .counties
        .iter()
        .enumerate()
        .map(|(i, c)| Staff {
            county: CountyId::new(i),
            missing: [
                (Role::Head, c.head.is_none()),
                (Role::Secretary, c.secretary.is_none()),
            ]
            .into_iter()
            .filter_map(|(role, missing)| missing.then_some(role))
            .collect(),
        })
        .collect()
}

/// Venue names compared loosely: spacing, case and the Arabic forms of
/// Persian letters do not make two venues different.
pub fn venue_key(venue: &str) -> String {
    venue
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .map(|c| match c {
            'ي' | 'ى' => 'ی',
            'ك' => 'ک',
            '\u{200c}' => ' ',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Minutes of a day a programme occupies: all day, `[start, end)`, or the
/// minute it starts when it has no end.
fn occupied(p: &Programme) -> (u16, u16) {
    match (p.start, p.end) {
        (None, _) => (0, 24 * 60),
        (Some(s), Some(e)) => (s.minutes(), e.minutes()),
        (Some(s), None) => (s.minutes(), s.minutes() + 1),
    }
}

/// Active programmes at one venue (in one county, or where one of them is
/// province-wide) at overlapping times: each programme against the first
/// one it overlaps there that day, each pair once, on the first day they
/// clash.
fn clashes(active: &[(ProgrammeId, &Programme)]) -> Vec<Clash> {
    let mut by_venue_day: BTreeMap<(String, Date), Vec<(ProgrammeId, &Programme)>> =
        BTreeMap::new();
    for &(id, p) in active {
        let Some(venue) = &p.venue else { continue };
        for day in p.date.through(p.until) {
            by_venue_day
                .entry((venue_key(venue), day))
                .or_default()
                .push((id, p));
        }
    }
    let mut reported: HashSet<(ProgrammeId, ProgrammeId)> = HashSet::new();
    let mut out = Vec::new();
    for ((_, day), mut list) in by_venue_day {
        list.sort_by_key(|(_, p)| (occupied(p), p.span.clone()));
        for (j, &(b_id, b)) in list.iter().enumerate() {
            let (b_start, _) = occupied(b);
            // Against the first programme it meets only: ten thousand at one
            // hall at one hour are 9,999 clashes, not fifty million pairs.
            let first = list[..j].iter().find(|(_, a)| {
                let (a_start, a_end) = occupied(a);
                let overlaps = b_start < a_end || a_start == b_start;
                // Venues of one name in two counties are two places; a
                // province-wide programme may be at either.
                overlaps && !(a.county.is_some() && b.county.is_some() && a.county != b.county)
            });
            if let Some(&(a_id, a)) = first {
                let pair = if a.id < b.id {
                    (a_id, b_id)
                } else {
                    (b_id, a_id)
                };
                if !reported.insert(pair) {
                    continue;
                }
                let (earlier, later) = if a.span > b.span {
                    (b_id, a_id)
                } else {
                    (a_id, b_id)
                };
                out.push(Clash {
                    earlier,
                    later,
                    date: day,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::testing::{edited, event};

    const TEACHERS: &str = "content/programs/teachers.yaml";
    const STUDENTS: &str = "content/programs/students.yaml";

    #[test]
    fn a_share_meets_its_target_only_when_there_is_one_and_something_to_judge() {
        let half = Share { part: 1, whole: 2 };
        assert_eq!(half.meets(Some(0.5)), Some(true));
        assert_eq!(half.meets(Some(0.51)), Some(false));
        assert_eq!(half.meets(None), None);
        assert_eq!(Share::default().meets(Some(0.5)), None);
        // Under the target never reads as reaching it.
        assert_eq!(
            Share {
                part: 99,
                whole: 200
            }
            .percent_below(),
            "49%"
        );
        assert_eq!(
            Share {
                part: 99,
                whole: 200
            }
            .percent(),
            "50%"
        );
    }

    #[test]
    fn the_base_fixture_counted_by_hand() {
        let e = event("base-fa");
        let f = measure(&e);
        // 6 programmes: a draft, a reviewed one, a cancelled one.
        let t = f.totals;
        assert_eq!(
            (t.programmes, t.published, t.approved, t.reviewed, t.drafts),
            (6, 5, 3, 1, 1)
        );
        assert_eq!(
            (t.cancelled, t.active, t.central, t.highlights),
            (1, 4, 2, 1)
        );
        assert_eq!(t.participants, 300);
        assert_eq!(t.women, Share { part: 3, whole: 4 });
        // The book fair runs two days: counted on both.
        let active: Vec<usize> = f.by_day.iter().map(|c| c.active).collect();
        assert_eq!(active, [2, 2, 1]);
        assert_eq!(f.days_covered(), 3);
        // Boyer-Ahmad, Dena, and the draft and cancelled hike province-wide.
        let counties: Vec<(usize, usize)> = f
            .by_county
            .iter()
            .map(|c| (c.programmes, c.active))
            .collect();
        assert_eq!(counties, [(2, 2), (2, 2)]);
        assert_eq!((f.province_wide.programmes, f.province_wide.active), (2, 0));
        assert_eq!(f.province_wide.women_meets(Some(0.5)), None);
        // `hope` is named by five programmes, a draft and a cancelled one among them.
        assert_eq!(f.by_axis[0].programmes, 5);
        assert_eq!(f.by_axis[0].active, 3);
        assert!(f.central.iter().all(|c| c.status() == CentralStatus::Ok));
        assert!(f.focus.iter().all(Focus::served));
        assert!(f.staff.iter().all(Staff::complete));
        assert!(f.clashes.is_empty());
        assert_eq!(f.women_meets(), Some(true));
    }

    #[test]
    fn central_programmes_against_the_target() {
        let none = edited("base-fa", &[(TEACHERS, "    central: true\n", "")]);
        let f = measure(&none);
        assert_eq!(f.central[1].status(), CentralStatus::Missing);
        let two = edited(
            "base-fa",
            &[(
                TEACHERS,
                "    women: true\n    status: reviewed",
                "    women: true\n    central: true\n    status: reviewed",
            )],
        );
        let f = measure(&two);
        assert_eq!(f.central[1].status(), CentralStatus::Several);
        assert_eq!(f.central[1].programmes.len(), 2);
        // A cancelled central programme does not count.
        let cancelled = edited(
            "base-fa",
            &[(
                TEACHERS,
                "    central: true\n",
                "    central: true\n    status: cancelled\n",
            )],
        );
        assert_eq!(
            measure(&cancelled).central[1].status(),
            CentralStatus::Missing
        );
    }

    #[test]
    fn a_focus_is_served_by_a_programme_of_it_that_day() {
        let e = edited(
            "base-fa",
            &[(
                "content/event.yaml",
                "    focus: { headquarters: [education] }",
                "    focus: { headquarters: [cultural-social] }",
            )],
        );
        let f = measure(&e);
        // Only the book fair (cultural-social) runs on 1405-08-30: served.
        assert!(f.focus[1].served());
        let e = edited(
            "base-fa",
            &[(
                "content/event.yaml",
                "    focus: { strata: [students] }",
                "    focus: { strata: [teachers] }",
            )],
        );
        let f = measure(&e);
        assert_eq!(f.focus[0].on, FocusOn::Stratum(StratumId::new(1)));
        assert_eq!(f.focus[0].programmes, 0);
        assert!(!f.focus[0].served());
    }

    #[test]
    fn staff_lists_the_roles_nobody_holds() {
        let e = edited(
            "base-fa",
            &[(
                "content/event.yaml",
                "staff: { head: فرماندار دنا, secretary: فرمانده ناحیه دنا }",
                "staff: { head: فرماندار دنا }",
            )],
        );
        let f = measure(&e);
        assert!(f.staff[0].complete());
        assert_eq!(f.staff[1].missing, [Role::Secretary]);
    }

    #[test]
    fn venue_clashes_are_found_once_per_pair_and_only_in_one_place() {
        // The book fair (all day, two days) moved to the forum's hall.
        let same_hall = (
            STUDENTS,
            "venue: کتابخانه مرکزی سی‌سخت",
            "venue: تالار  فرهنگيان یاسوج",
        );
        let f = measure(&edited("base-fa", &[same_hall]));
        assert_eq!(f.clashes.len(), 1, "{:?}", f.clashes);
        let c = &f.clashes[0];
        assert_eq!(
            c.date,
            event("base-fa").days[1].date,
            "the first day they clash"
        );
        // Both are in Dena; in two counties the same name is two halls.
        let f = measure(&edited(
            "base-fa",
            &[
                same_hall,
                (STUDENTS, "    county: dena\n", "    county: boyer-ahmad\n"),
            ],
        ));
        assert!(f.clashes.is_empty(), "{:?}", f.clashes);
    }

    #[test]
    fn each_programme_at_a_crowded_hall_clashes_once_with_the_first_it_meets() {
        // Three at the forum's hall on one day: the book fair (moved
        // there), the forum and the family day (moved to that day and hall).
        let f = measure(&edited(
            "base-fa",
            &[
                (
                    STUDENTS,
                    "venue: کتابخانه مرکزی سی‌سخت",
                    "venue: تالار فرهنگیان یاسوج",
                ),
                (
                    TEACHERS,
                    "    date: 1405-09-01\n    headquarters: cultural-social",
                    "    date: 1405-08-30\n    venue: تالار فرهنگیان یاسوج\n    headquarters: cultural-social",
                ),
                (
                    TEACHERS,
                    "    county: boyer-ahmad\n    women: true",
                    "    county: dena\n    women: true",
                ),
            ],
        ));
        // Two clashes, not the three pairs: the two later ones each against
        // the programme that holds the hall first.
        assert_eq!(f.clashes.len(), 2, "{:?}", f.clashes);
        let (a, b) = (&f.clashes[0], &f.clashes[1]);
        let first = [a.earlier, a.later]
            .into_iter()
            .find(|id| [b.earlier, b.later].contains(id));
        assert!(first.is_some(), "both name the first: {:?}", f.clashes);
        assert_ne!((a.earlier, a.later), (b.earlier, b.later));
    }

    #[test]
    fn venues_compare_loosely() {
        assert_eq!(venue_key("تالار  فرهنگيان"), venue_key("تالار فرهنگیان"));
        assert_eq!(venue_key("كتابخانه"), venue_key("کتابخانه"));
        assert_eq!(venue_key("Town  HALL"), venue_key("town hall"));
        assert_ne!(venue_key("Town Hall"), venue_key("Town Hall 2"));
    }
}
