//! Stage 2, check: the organisers' review rules over the loaded event.
//!
//! Content errors stop at loading; what is checked here is the brief:
//! targets, coverage and clashes. Each rule yields [`Finding`]s, which are
//! warnings for `rooz check` (errors under `--strict`) and the review
//! section of the report.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use crate::calendar::Date;
use crate::diagnostic::Diagnostic;
use crate::model::*;
use crate::source::Span;

/// The kinds of review finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// The women's-domain share of all programmes is under the target.
    WomenShare,
    /// The women's-domain share of one headquarters is under the target.
    WomenShareHeadquarters,
    /// A stratum has fewer central programmes than the target.
    CentralMissing,
    /// A stratum has more central programmes than the target.
    CentralSeveral,
    /// A headquarters has no programme.
    HeadquartersEmpty,
    /// An axis has no programme.
    AxisEmpty,
    /// A day's focus stratum or headquarters has no programme that day.
    FocusUnserved,
    /// Two programmes at one venue at overlapping times.
    VenueClash,
    /// A county headquarters without head or secretary.
    CountyStaffMissing,
}

impl Rule {
    pub fn code(self) -> &'static str {
        match self {
            Rule::WomenShare => "women-share",
            Rule::WomenShareHeadquarters => "women-share-headquarters",
            Rule::CentralMissing => "central-missing",
            Rule::CentralSeveral => "central-several",
            Rule::HeadquartersEmpty => "headquarters-empty",
            Rule::AxisEmpty => "axis-empty",
            Rule::FocusUnserved => "focus-unserved",
            Rule::VenueClash => "venue-clash",
            Rule::CountyStaffMissing => "county-staff-missing",
        }
    }
}

/// One review finding: which rule, what is wrong, where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: Rule,
    pub message: String,
    pub expected: String,
    pub span: Option<Span>,
}

impl Finding {
    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic::warning(self.rule.code(), self.message.clone())
            .at_opt(self.span.clone())
            .expected(self.expected.clone())
    }
}

/// A share of programmes: `part` of `whole`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
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
}

/// The women's-domain share of a set of programmes.
pub fn women_share<'a>(programmes: impl IntoIterator<Item = &'a Programme>) -> Share {
    let (mut part, mut whole) = (0, 0);
    for p in programmes {
        whole += 1;
        part += usize::from(p.women);
    }
    Share { part, whole }
}

/// Runs every rule. Only active programmes (published, not cancelled) count.
pub fn review(event: &Event) -> Vec<Finding> {
    let active: Vec<&Programme> = event.programmes.iter().filter(|p| p.is_active()).collect();
    let mut findings = Vec::new();
    women_targets(event, &active, &mut findings);
    central_programmes(event, &active, &mut findings);
    coverage(event, &active, &mut findings);
    focus(event, &active, &mut findings);
    venue_clashes(event, &active, &mut findings);
    county_staff(event, &mut findings);
    findings
}

fn women_targets(event: &Event, active: &[&Programme], out: &mut Vec<Finding>) {
    let Some(target) = event.targets.women_share else {
        return;
    };
    let target_text = format!("{:.0}%", target * 100.0);
    let overall = women_share(active.iter().copied());
    if overall.whole > 0 && overall.ratio() < target {
        out.push(Finding {
            rule: Rule::WomenShare,
            message: format!(
                "{} of programmes are in the women's domain ({} of {})",
                overall.percent_below(),
                overall.part,
                overall.whole
            ),
            expected: format!("at least {target_text} (targets.women_share)"),
            span: event.women_share_span.clone(),
        });
    }
    for (i, hq) in event.headquarters.iter().enumerate() {
        let share = women_share(
            active
                .iter()
                .copied()
                .filter(|p| p.headquarters.index() == i),
        );
        if share.whole > 0 && share.ratio() < target {
            out.push(Finding {
                rule: Rule::WomenShareHeadquarters,
                message: format!(
                    "headquarters '{}': {} of its programmes are in the women's domain ({} of {})",
                    hq.id,
                    share.percent_below(),
                    share.part,
                    share.whole
                ),
                expected: format!("at least {target_text}, as for the whole event"),
                span: Some(hq.span.clone()),
            });
        }
    }
}

fn central_programmes(event: &Event, active: &[&Programme], out: &mut Vec<Finding>) {
    let Some(target) = event.targets.central_per_stratum else {
        return;
    };
    for (i, stratum) in event.strata.iter().enumerate() {
        let central: Vec<&&Programme> = active
            .iter()
            .filter(|p| p.central && p.stratum.index() == i)
            .collect();
        let n = central.len();
        let expected = format!(
            "{} per stratum (targets.central_per_stratum)",
            plural(target as usize, "central programme")
        );
        if n < target as usize {
            let has = match n {
                0 => "no central programme".to_string(),
                n => plural(n, "central programme"),
            };
            out.push(Finding {
                rule: Rule::CentralMissing,
                message: format!("stratum '{}' has {has}", stratum.id),
                expected,
                span: Some(stratum.span.clone()),
            });
        } else if n > target as usize {
            let extra = central[target as usize];
            let ids: Vec<&str> = central.iter().map(|p| p.id.as_str()).collect();
            out.push(Finding {
                rule: Rule::CentralSeveral,
                message: format!(
                    "stratum '{}' has {n} central programmes: {}",
                    stratum.id,
                    ids.join(", ")
                ),
                expected,
                span: extra.central_span.clone().or(Some(extra.span.clone())),
            });
        }
    }
}

fn coverage(event: &Event, active: &[&Programme], out: &mut Vec<Finding>) {
    let mut hq_count = vec![0usize; event.headquarters.len()];
    let mut axis_count = vec![0usize; event.axes.len()];
    for p in active {
        hq_count[p.headquarters.index()] += 1;
        for a in &p.axes {
            axis_count[a.index()] += 1;
        }
    }
    for (hq, n) in event.headquarters.iter().zip(hq_count) {
        if n == 0 {
            out.push(Finding {
                rule: Rule::HeadquartersEmpty,
                message: format!("headquarters '{}' has no programme", hq.id),
                expected: "at least one programme reviewed in every headquarters".into(),
                span: Some(hq.span.clone()),
            });
        }
    }
    for (axis, n) in event.axes.iter().zip(axis_count) {
        if n == 0 {
            out.push(Finding {
                rule: Rule::AxisEmpty,
                message: format!("axis '{}' has no programme", axis.id),
                expected: "at least one programme serving every axis".into(),
                span: Some(axis.span.clone()),
            });
        }
    }
}

fn focus(event: &Event, active: &[&Programme], out: &mut Vec<Finding>) {
    let calendar = event.calendar;
    for day in &event.days {
        let on_day: Vec<&&Programme> = active.iter().filter(|p| p.runs_on(day.date)).collect();
        for (stratum, span) in &day.focus_strata {
            if !on_day.iter().any(|p| p.stratum == *stratum) {
                out.push(Finding {
                    rule: Rule::FocusUnserved,
                    message: format!(
                        "{} focuses on stratum '{}', which has no programme that day",
                        day.date.code(calendar),
                        event.stratum(*stratum).id
                    ),
                    expected: "a programme of every focus stratum on its day".into(),
                    span: Some(span.clone()),
                });
            }
        }
        for (hq, span) in &day.focus_headquarters {
            if !on_day.iter().any(|p| p.headquarters == *hq) {
                out.push(Finding {
                    rule: Rule::FocusUnserved,
                    message: format!(
                        "{} focuses on headquarters '{}', which has no programme that day",
                        day.date.code(calendar),
                        event.headquarters(*hq).id
                    ),
                    expected: "a programme of every focus headquarters on its day".into(),
                    span: Some(span.clone()),
                });
            }
        }
    }
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

fn venue_clashes(event: &Event, active: &[&Programme], out: &mut Vec<Finding>) {
    let mut by_venue_day: BTreeMap<(String, Date), Vec<&Programme>> = BTreeMap::new();
    for p in active {
        let Some(venue) = &p.venue else { continue };
        for day in p.date.through(p.until) {
            by_venue_day
                .entry((venue_key(venue), day))
                .or_default()
                .push(p);
        }
    }
    // A pair of programmes is reported once, on the first day they clash.
    let mut reported: HashSet<(&str, &str)> = HashSet::new();
    for ((_, day), mut list) in by_venue_day {
        list.sort_by_key(|p| (occupied(p), p.span.clone()));
        for (i, a) in list.iter().enumerate() {
            for b in &list[i + 1..] {
                let (a_start, a_end) = occupied(a);
                let (b_start, _) = occupied(b);
                if b_start >= a_end && a_start != b_start {
                    continue;
                }
                // Venues of one name in two counties are two places; a
                // province-wide programme may be at either.
                if a.county.is_some() && b.county.is_some() && a.county != b.county {
                    continue;
                }
                let pair = if a.id < b.id {
                    (a.id.as_str(), b.id.as_str())
                } else {
                    (b.id.as_str(), a.id.as_str())
                };
                if !reported.insert(pair) {
                    continue;
                }
                let later = if a.span > b.span { a } else { b };
                let earlier = if a.span > b.span { b } else { a };
                out.push(Finding {
                    rule: Rule::VenueClash,
                    message: format!(
                        "'{}' and '{}' are both at «{}» on {} at overlapping times",
                        earlier.id,
                        later.id,
                        later.venue.as_deref().unwrap_or_default(),
                        day.code(event.calendar)
                    ),
                    expected: "one programme at a time at each venue".into(),
                    span: later.venue_span.clone().or(Some(later.span.clone())),
                });
            }
        }
    }
}

fn county_staff(event: &Event, out: &mut Vec<Finding>) {
    for county in &event.counties {
        let missing: Vec<&str> = [
            ("head", county.head.is_none()),
            ("secretary", county.secretary.is_none()),
        ]
        .into_iter()
        .filter_map(|(role, missing)| missing.then_some(role))
        .collect();
        if !missing.is_empty() {
            out.push(Finding {
                rule: Rule::CountyStaffMissing,
                message: format!(
                    "the county headquarters of '{}' has no {}",
                    county.id,
                    missing.join(" and no ")
                ),
                expected:
                    "staff: { head: … (the governor), secretary: … (the district commander) }"
                        .into(),
                span: Some(county.span.clone()),
            });
        }
    }
}

/// How many programmes there are, by status.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Totals {
    pub programmes: usize,
    /// Everything but drafts: approved, reviewed and cancelled.
    pub published: usize,
    pub approved: usize,
    pub reviewed: usize,
    pub drafts: usize,
    pub cancelled: usize,
    /// Published and not cancelled: what the figures and targets count.
    pub active: usize,
    pub highlights: usize,
    pub participants: u64,
}

/// Counts by status, shared by the summary and the report.
pub fn totals(all: &[Programme]) -> Totals {
    let count = |status: Status| all.iter().filter(|p| p.status == status).count();
    let active = || all.iter().filter(|p| p.is_active());
    Totals {
        programmes: all.len(),
        published: all.iter().filter(|p| p.status.is_published()).count(),
        approved: count(Status::Approved),
        reviewed: count(Status::Reviewed),
        drafts: count(Status::Draft),
        cancelled: count(Status::Cancelled),
        active: active().count(),
        highlights: active().filter(|p| p.highlight.is_some()).count(),
        participants: active()
            .filter_map(|p| p.expected_participants)
            .map(u64::from)
            .sum(),
    }
}

/// The figures `rooz check` ends with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    #[serde(flatten)]
    pub totals: Totals,
    pub women_share: Share,
    pub women_target: Option<f64>,
    pub days: usize,
    pub days_covered: usize,
}

pub fn summary(event: &Event) -> Summary {
    let all = &event.programmes;
    let active: Vec<&Programme> = all.iter().filter(|p| p.is_active()).collect();
    Summary {
        totals: totals(all),
        women_share: women_share(active.iter().copied()),
        women_target: event.targets.women_share,
        days: event.days.len(),
        days_covered: event
            .days
            .iter()
            .filter(|d| active.iter().any(|p| p.runs_on(d.date)))
            .count(),
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let target = self
            .women_target
            .map(|t| format!(" (target: at least {:.0}%)", t * 100.0))
            .unwrap_or_default();
        write!(
            f,
            "{}: {} published ({} of them cancelled), {}. \
             Women's domain: {} of active programmes, {} of {}{target}. \
             Days covered: {} of {}.",
            plural(self.totals.programmes, "programme"),
            self.totals.published,
            self.totals.cancelled,
            plural(self.totals.drafts, "draft"),
            self.women_share.percent(),
            self.women_share.part,
            self.women_share.whole,
            self.days_covered,
            self.days,
        )
    }
}

/// `1 draft`, `4 drafts`.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
