//! Stage 4, report: the consolidated package as data — the figures of
//! [`Figures`] and the findings of `check`, named and placed, in the shape
//! that `data/report.json`, `rooz report` (table, JSON, CSV), the report
//! page and `report.pdf` all present.
//!
//! Nothing is measured or judged here: every count comes from `figures`
//! and every pass or fail from its comparisons, the same ones `check`
//! turns into findings, so the report and `rooz check --strict` never
//! disagree.

use serde::{Serialize, Serializer};

use crate::calendar::{CalendarKind, Date};
use crate::check::{Finding, Rule};
use crate::figures::{Central, CentralStatus, Counts, Figures, FocusOn, Share};
use crate::model::*;
use crate::source::Sources;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub event: EventFacts,
    pub totals: Counts,
    pub women: WomenTarget,
    pub by_day: Vec<Row>,
    pub by_headquarters: Vec<Row>,
    pub by_stratum: Vec<Row>,
    /// Per county, then one row for programmes without a county.
    pub by_county: Vec<Row>,
    pub by_axis: Vec<Row>,
    pub central: Vec<CentralRow>,
    pub focus: Vec<FocusRow>,
    pub uncovered: Uncovered,
    pub county_staff: Vec<StaffRow>,
    pub findings: Vec<FindingRow>,
    /// What was held: whenever an outcome is given or outcomes are due
    /// ([`Figures::reports_execution`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution: Option<ExecutionReport>,
}

/// The execution of the week beside its plan.
#[derive(Debug, Clone, Serialize)]
pub struct ExecutionReport {
    /// The reporting day, in the event's calendar, and ISO.
    pub as_of: Option<String>,
    pub as_of_iso: Option<String>,
    #[serde(skip)]
    pub as_of_date: Option<Date>,
    pub totals: ExecutionRow,
    pub by_day: Vec<ExecutionRow>,
    pub by_headquarters: Vec<ExecutionRow>,
    pub by_stratum: Vec<ExecutionRow>,
    /// Per county, then one row for programmes without a county.
    pub by_county: Vec<ExecutionRow>,
    pub women: WomenHeld,
    /// Active programmes with a highlight, and their media items.
    pub highlights: Vec<Covered>,
    /// The programmes with the most media items, most first.
    pub most_covered: Vec<Covered>,
    /// Unreported programmes per office (headquarters in a county).
    pub unreported: Vec<OwedRow>,
    /// Outcomes of programmes dated after `as_of`.
    pub early: Vec<Named>,
    /// Actual participants beyond `participants_factor` of the expected.
    pub far_off: Vec<FarOffRow>,
    /// Cancelled programmes whose outcome says they took place.
    pub cancelled_held: Vec<Named>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FarOffRow {
    pub programme: Named,
    pub actual: u32,
    pub expected: u32,
}

/// The outcomes of one group (or of the event).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ExecutionRow {
    /// `None` for the event's totals.
    #[serde(skip)]
    pub subject: Option<Subject>,
    pub id: Option<String>,
    pub title: String,
    /// Programmes whose outcome is given or owed.
    pub due: usize,
    pub held: usize,
    pub partly: usize,
    pub not_held: usize,
    pub postponed: usize,
    pub unreported: usize,
    /// Held or partly, of the due ones.
    pub took_place_ratio: f64,
    pub unreported_ratio: f64,
    /// Expected participants of the due programmes, and those reported.
    pub expected_participants: u64,
    pub actual_participants: u64,
    /// Expected and actual participants of the programmes that took place
    /// and give both numbers: the like-for-like comparison.
    pub expected_of_reported: u64,
    pub actual_of_expected: u64,
    pub women_participants: u64,
    /// Media items.
    pub coverage: usize,
}

/// The women's-domain share of what was held beside the planned one (of
/// the due programmes: the days reported on).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WomenHeld {
    pub planned: Share,
    pub planned_ratio: f64,
    pub held: Share,
    pub held_ratio: f64,
}

/// A programme and its media items.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Covered {
    #[serde(skip)]
    pub programme: ProgrammeId,
    pub id: String,
    pub title: String,
    pub headquarters: String,
    pub coverage: usize,
}

/// What one office owes: its unreported programmes.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OwedRow {
    pub headquarters: Named,
    /// `null`: province-wide.
    pub county: Option<Named>,
    pub programmes: Vec<Named>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EventFacts {
    pub title: String,
    pub locale: String,
    pub calendar: CalendarKind,
    /// In the event's calendar, and ISO (Gregorian).
    pub start: String,
    pub end: String,
    #[serde(serialize_with = "iso")]
    pub start_iso: Date,
    #[serde(serialize_with = "iso")]
    pub end_iso: Date,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WomenTarget {
    pub target: Option<f64>,
    pub share: Share,
    pub ratio: f64,
    /// `None` when there is no target.
    pub pass: Option<bool>,
}

/// The breakdowns of the report, in the order it shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breakdown {
    Day,
    Headquarters,
    Stratum,
    County,
    Axis,
}

impl Breakdown {
    pub const ALL: [Breakdown; 5] = [
        Breakdown::Day,
        Breakdown::Headquarters,
        Breakdown::Stratum,
        Breakdown::County,
        Breakdown::Axis,
    ];

    /// Its name in the CSV and the terminal.
    pub fn name(self) -> &'static str {
        match self {
            Breakdown::Day => "day",
            Breakdown::Headquarters => "headquarters",
            Breakdown::Stratum => "stratum",
            Breakdown::County => "county",
            Breakdown::Axis => "axis",
        }
    }

    /// Whether its rows are judged against the women's-domain target (each
    /// such judgement has its check rule).
    pub fn judged(self) -> bool {
        matches!(self, Breakdown::Headquarters | Breakdown::County)
    }
}

/// What a row of a breakdown counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Day(Date),
    Headquarters(HeadquartersId),
    Stratum(StratumId),
    /// `None`: the programmes without a county.
    County(Option<CountyId>),
    Axis(AxisId),
}

/// One line of a breakdown (a day, a headquarters, a stratum…).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Row {
    #[serde(skip)]
    pub subject: Subject,
    /// The id, or the ISO date for days; `null` for the programmes without
    /// a county.
    pub id: Option<String>,
    /// Empty for the programmes without a county.
    pub title: String,
    pub active: usize,
    pub reviewed: usize,
    pub drafts: usize,
    pub cancelled: usize,
    pub participants: u64,
    pub women: Share,
    pub women_ratio: f64,
    /// Against the women's target, in the breakdowns that are judged
    /// ([`Breakdown::judged`]), when there is a target and an active
    /// programme.
    pub women_pass: Option<bool>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CentralRow {
    pub stratum: String,
    pub title: String,
    /// Active central programmes: (id, title).
    pub programmes: Vec<(String, String)>,
    /// Against the target (`ok` without one).
    pub status: CentralStatus,
}

/// What a day's focus names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FocusKind {
    Stratum,
    Headquarters,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FocusRow {
    #[serde(serialize_with = "iso")]
    pub date: Date,
    pub day: String,
    pub kind: FocusKind,
    pub id: String,
    pub title: String,
    /// Its active programmes running that day.
    pub programmes: usize,
    pub served: bool,
}

/// Something of the event, written as its id in the JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    pub id: String,
    pub title: String,
}

impl Named {
    pub fn of(id: &str, title: &str) -> Named {
        Named {
            id: id.to_string(),
            title: title.to_string(),
        }
    }
}

impl Serialize for Named {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.id)
    }
}

/// What has no active programme.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Uncovered {
    pub headquarters: Vec<Named>,
    pub axes: Vec<Named>,
    pub counties: Vec<Named>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StaffRow {
    pub county: String,
    pub title: String,
    pub head: Option<String>,
    pub secretary: Option<String>,
    pub complete: bool,
}

/// A finding of `rooz check` with where it comes from.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FindingRow {
    #[serde(skip)]
    pub finding: Finding,
    pub rule: Rule,
    pub code: &'static str,
    pub message: String,
    pub expected: String,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

fn iso<S: Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&date.iso_code())
}

/// The report of the event: its figures named, its findings placed.
pub fn report(event: &Event, figures: &Figures, findings: &[Finding], sources: &Sources) -> Report {
    let by_county = figures
        .by_county
        .iter()
        .enumerate()
        .map(|(i, c)| (Some(CountyId::new(i)), c))
        .chain((figures.province_wide.programmes > 0).then_some((None, &figures.province_wide)))
        .map(|(id, c)| row(event, figures, Subject::County(id), c))
        .collect();
    Report {
        event: event_facts(event),
        totals: figures.totals,
        women: WomenTarget {
            target: figures.women_target,
            share: figures.totals.women,
            ratio: figures.totals.women.ratio(),
            pass: figures.women_meets(),
        },
        by_day: rows(event, figures, &figures.by_day, |i| {
            Subject::Day(event.days[i].date)
        }),
        by_headquarters: rows(event, figures, &figures.by_headquarters, |i| {
            Subject::Headquarters(HeadquartersId::new(i))
        }),
        by_stratum: rows(event, figures, &figures.by_stratum, |i| {
            Subject::Stratum(StratumId::new(i))
        }),
        by_county,
        by_axis: rows(event, figures, &figures.by_axis, |i| {
            Subject::Axis(AxisId::new(i))
        }),
        central: figures.central.iter().map(|c| central(event, c)).collect(),
        focus: focus(event, figures),
        uncovered: uncovered(event, figures),
        county_staff: staff(event),
        findings: findings
            .iter()
            .map(|f| finding_row(event, f, sources))
            .collect(),
        execution: figures
            .reports_execution()
            .then(|| execution(event, figures)),
    }
}

/// The execution section: outcomes counted by the same breakdowns as the
/// plan, the women's share held, the coverage, and what is owed.
/// Long because it names every list of the section, field by field.
fn execution(event: &Event, figures: &Figures) -> ExecutionReport {
    let rows = |groups: &[Counts], subject: &dyn Fn(usize) -> Subject| -> Vec<ExecutionRow> {
        groups
            .iter()
            .enumerate()
            .map(|(i, c)| execution_row(event, Some(subject(i)), c))
            .collect()
    };
    let covered = |&(p, coverage): &(ProgrammeId, usize)| {
        let programme = event.programme(p);
        Covered {
            programme: p,
            id: programme.id.clone(),
            title: programme.title.clone(),
            headquarters: event.headquarters(programme.headquarters).id.clone(),
            coverage,
        }
    };
    let mut by_county = rows(&figures.by_county, &|i| {
        Subject::County(Some(CountyId::new(i)))
    });
    if figures.province_wide.programmes > 0 {
        by_county.push(execution_row(
            event,
            Some(Subject::County(None)),
            &figures.province_wide,
        ));
    }
    let t = &figures.totals;
    let programme = |p: ProgrammeId| {
        let p = event.programme(p);
        Named::of(&p.id, &p.title)
    };
    ExecutionReport {
        early: figures
            .as_of
            .map(|_| {
                figures
                    .outcomes
                    .early
                    .iter()
                    .map(|&p| programme(p))
                    .collect()
            })
            .unwrap_or_default(),
        far_off: figures
            .outcomes
            .far_off
            .iter()
            .map(|f| FarOffRow {
                programme: programme(f.programme),
                actual: f.actual,
                expected: f.expected,
            })
            .collect(),
        cancelled_held: figures
            .outcomes
            .cancelled_held
            .iter()
            .map(|&p| programme(p))
            .collect(),
        as_of: figures.as_of.map(|d| d.code(event.calendar)),
        as_of_iso: figures.as_of.map(Date::iso_code),
        as_of_date: figures.as_of,
        totals: execution_row(event, None, t),
        by_day: rows(&figures.by_day, &|i| Subject::Day(event.days[i].date)),
        by_headquarters: rows(&figures.by_headquarters, &|i| {
            Subject::Headquarters(HeadquartersId::new(i))
        }),
        by_stratum: rows(&figures.by_stratum, &|i| {
            Subject::Stratum(StratumId::new(i))
        }),
        by_county,
        women: WomenHeld {
            planned: t.execution.women_due,
            planned_ratio: t.execution.women_due.ratio(),
            held: t.execution.women,
            held_ratio: t.execution.women.ratio(),
        },
        highlights: figures.outcomes.highlights.iter().map(covered).collect(),
        most_covered: figures.outcomes.most_covered.iter().map(covered).collect(),
        unreported: figures
            .outcomes
            .owed
            .iter()
            .map(|o| {
                let hq = event.headquarters(o.headquarters);
                OwedRow {
                    headquarters: Named::of(&hq.id, &hq.title),
                    county: o.county.map(|c| {
                        let c = event.county(c);
                        Named::of(&c.id, &c.title)
                    }),
                    programmes: o.programmes.iter().map(|&p| programme(p)).collect(),
                }
            })
            .collect(),
    }
}

fn execution_row(event: &Event, subject: Option<Subject>, c: &Counts) -> ExecutionRow {
    let (id, title) = match subject {
        Some(s) => {
            let (id, title, _) = named(event, s);
            (id, title)
        }
        None => (None, event.title.clone()),
    };
    let x = &c.execution;
    ExecutionRow {
        subject,
        id,
        title,
        due: x.due,
        held: x.held,
        partly: x.partly,
        not_held: x.not_held,
        postponed: x.postponed,
        unreported: x.unreported,
        took_place_ratio: x.of_due(x.took_place()).ratio(),
        unreported_ratio: x.of_due(x.unreported).ratio(),
        expected_participants: x.expected,
        actual_participants: x.actual,
        expected_of_reported: x.expected_of_reported,
        actual_of_expected: x.actual_of_expected,
        women_participants: x.women_actual,
        coverage: x.coverage,
    }
}

fn event_facts(event: &Event) -> EventFacts {
    EventFacts {
        title: event.title.clone(),
        locale: event.locale.to_string(),
        calendar: event.calendar,
        start: event.start.code(event.calendar),
        end: event.end.code(event.calendar),
        start_iso: event.start,
        end_iso: event.end,
    }
}

fn rows(
    event: &Event,
    figures: &Figures,
    groups: &[Counts],
    subject: impl Fn(usize) -> Subject,
) -> Vec<Row> {
    groups
        .iter()
        .enumerate()
        .map(|(i, c)| row(event, figures, subject(i), c))
        .collect()
}

fn row(event: &Event, figures: &Figures, subject: Subject, c: &Counts) -> Row {
    let (id, title, breakdown) = named(event, subject);
    Row {
        subject,
        id,
        title,
        active: c.active,
        reviewed: c.reviewed,
        drafts: c.drafts,
        cancelled: c.cancelled,
        participants: c.participants,
        women: c.women,
        women_ratio: c.women.ratio(),
        women_pass: breakdown
            .judged()
            .then(|| c.women_meets(figures.women_target))
            .flatten(),
    }
}

/// A row's id (the ISO date for days; `None` for the programmes without a
/// county), title and breakdown.
fn named(event: &Event, subject: Subject) -> (Option<String>, String, Breakdown) {
    match subject {
        Subject::Day(date) => {
            let n = usize::try_from(event.start.days_until(date)).unwrap_or(0);
            (
                Some(date.iso_code()),
                event.days[n].title.clone(),
                Breakdown::Day,
            )
        }
        Subject::Headquarters(h) => {
            let h = event.headquarters(h);
            (Some(h.id.clone()), h.title.clone(), Breakdown::Headquarters)
        }
        Subject::Stratum(s) => {
            let s = event.stratum(s);
            (Some(s.id.clone()), s.title.clone(), Breakdown::Stratum)
        }
        Subject::County(Some(c)) => {
            let c = event.county(c);
            (Some(c.id.clone()), c.title.clone(), Breakdown::County)
        }
        Subject::County(None) => (None, String::new(), Breakdown::County),
        Subject::Axis(a) => {
            let a = event.axis(a);
            (Some(a.id.clone()), a.title.clone(), Breakdown::Axis)
        }
    }
}

fn central(event: &Event, c: &Central) -> CentralRow {
    let s = event.stratum(c.stratum);
    CentralRow {
        stratum: s.id.clone(),
        title: s.title.clone(),
        programmes: c
            .programmes
            .iter()
            .map(|&p| {
                let p = event.programme(p);
                (p.id.clone(), p.title.clone())
            })
            .collect(),
        status: c.status(),
    }
}

fn focus(event: &Event, figures: &Figures) -> Vec<FocusRow> {
    figures
        .focus
        .iter()
        .map(|f| {
            let day = &event.days[f.day];
            let (kind, id, title) = match f.on {
                FocusOn::Stratum(s) => {
                    let s = event.stratum(s);
                    (FocusKind::Stratum, &s.id, &s.title)
                }
                FocusOn::Headquarters(h) => {
                    let h = event.headquarters(h);
                    (FocusKind::Headquarters, &h.id, &h.title)
                }
            };
            FocusRow {
                date: day.date,
                day: day.title.clone(),
                kind,
                id: id.clone(),
                title: title.clone(),
                programmes: f.programmes,
                served: f.served(),
            }
        })
        .collect()
}

fn uncovered(event: &Event, figures: &Figures) -> Uncovered {
    let named = Named::of;
    Uncovered {
        headquarters: figures
            .uncovered_headquarters()
            .map(|h| named(&event.headquarters(h).id, &event.headquarters(h).title))
            .collect(),
        axes: figures
            .uncovered_axes()
            .map(|a| named(&event.axis(a).id, &event.axis(a).title))
            .collect(),
        counties: figures
            .uncovered_counties()
            .map(|c| named(&event.county(c).id, &event.county(c).title))
            .collect(),
    }
}

fn staff(event: &Event) -> Vec<StaffRow> {
    event
        .counties
        .iter()
        .map(|c| StaffRow {
            county: c.id.clone(),
            title: c.title.clone(),
            head: c.head.clone(),
            secretary: c.secretary.clone(),
            complete: c.head.is_some() && c.secretary.is_some(),
        })
        .collect()
}

fn finding_row(event: &Event, f: &Finding, sources: &Sources) -> FindingRow {
    let place = f
        .span
        .as_ref()
        .map(|s| (sources.get(s.file).name.clone(), sources.position(s)));
    FindingRow {
        finding: f.clone(),
        rule: f.rule(),
        code: f.rule().code(),
        message: f.message(event),
        expected: f.expected(),
        file: place.as_ref().map(|p| p.0.clone()),
        line: place.as_ref().map(|p| p.1.0),
        column: place.as_ref().map(|p| p.1.1),
    }
}

impl ExecutionReport {
    /// The breakdowns with their rows, in the order of the plan's.
    pub fn breakdowns(&self) -> [(Breakdown, &[ExecutionRow]); 4] {
        [
            (Breakdown::Day, self.by_day.as_slice()),
            (Breakdown::Headquarters, &self.by_headquarters),
            (Breakdown::Stratum, &self.by_stratum),
            (Breakdown::County, &self.by_county),
        ]
    }

    /// The execution row of a plan's row, when its breakdown has one.
    fn row_of(&self, breakdown: Breakdown, subject: Subject) -> Option<&ExecutionRow> {
        self.breakdowns()
            .into_iter()
            .find(|(b, _)| *b == breakdown)
            .and_then(|(_, rows)| rows.iter().find(|r| r.subject == Some(subject)))
    }
}

impl Report {
    /// The breakdowns with their rows, in order.
    pub fn breakdowns(&self) -> [(Breakdown, &[Row]); 5] {
        Breakdown::ALL.map(|b| {
            let rows = match b {
                Breakdown::Day => &self.by_day,
                Breakdown::Headquarters => &self.by_headquarters,
                Breakdown::Stratum => &self.by_stratum,
                Breakdown::County => &self.by_county,
                Breakdown::Axis => &self.by_axis,
            };
            (b, rows.as_slice())
        })
    }
}

/// A spreadsheet cell that would start a formula in Excel or LibreOffice
/// gets a leading apostrophe (OWASP's CSV injection advice).
pub fn spreadsheet_cell(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// The breakdowns as one long CSV (a row per section and item), UTF-8 with
/// a byte-order mark for Excel.
pub fn csv(report: &Report) -> String {
    let mut w = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
    let _ = w.write_record([
        "section",
        "id",
        "title",
        "active",
        "reviewed",
        "drafts",
        "cancelled",
        "participants",
        "women",
        "women_share",
        "women_pass",
        "due",
        "held",
        "partly",
        "not_held",
        "postponed",
        "unreported",
        "expected_due",
        "actual_participants",
        "expected_of_reported",
        "actual_of_expected",
        "women_participants",
        "coverage",
    ]);
    for (breakdown, rows) in report.breakdowns() {
        for r in rows {
            let done = report
                .execution
                .as_ref()
                .and_then(|x| x.row_of(breakdown, r.subject));
            let outcomes = done.map_or_else(
                || vec![String::new(); 12],
                |x| {
                    [
                        x.due as u64,
                        x.held as u64,
                        x.partly as u64,
                        x.not_held as u64,
                        x.postponed as u64,
                        x.unreported as u64,
                        x.expected_participants,
                        x.actual_participants,
                        x.expected_of_reported,
                        x.actual_of_expected,
                        x.women_participants,
                        x.coverage as u64,
                    ]
                    .map(|n| n.to_string())
                    .to_vec()
                },
            );
            let _ = w.write_record(
                [
                    breakdown.name().to_string(),
                    spreadsheet_cell(r.id.as_deref().unwrap_or_default()),
                    spreadsheet_cell(&r.title),
                    r.active.to_string(),
                    r.reviewed.to_string(),
                    r.drafts.to_string(),
                    r.cancelled.to_string(),
                    r.participants.to_string(),
                    r.women.part.to_string(),
                    format!("{:.4}", r.women_ratio),
                    r.women_pass.map(|p| p.to_string()).unwrap_or_default(),
                ]
                .into_iter()
                .chain(outcomes),
            );
        }
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The review as terminal tables; pass and fail in colour when `color`.
pub fn table(report: &Report, color: bool) -> String {
    let t = Terminal { report, color };
    let mut out = t.heading();
    for (breakdown, rows) in report.breakdowns() {
        if !rows.is_empty() {
            out.push_str(&t.breakdown(breakdown, rows));
        }
    }
    out.push_str(&t.central());
    out.push_str(&t.focus());
    out.push_str(&t.uncovered());
    if let Some(x) = &report.execution {
        out.push_str(&t.execution(x));
    }
    out.push_str(&t.findings());
    out
}

/// The report as terminal text.
struct Terminal<'a> {
    report: &'a Report,
    color: bool,
}

impl Terminal<'_> {
    fn paint(&self, text: &str, pass: bool) -> String {
        match (self.color, pass) {
            (true, true) => format!("\u{1b}[32m{text}\u{1b}[0m"),
            (true, false) => format!("\u{1b}[31m{text}\u{1b}[0m"),
            _ => text.to_string(),
        }
    }

    fn verdict(&self, pass: Option<bool>) -> String {
        match pass {
            Some(true) => self.paint("pass", true),
            Some(false) => self.paint("FAIL", false),
            None => String::new(),
        }
    }

    /// A day as people read it: in the event's calendar.
    fn day(&self, date: Date) -> String {
        date.code(self.report.event.calendar)
    }

    fn heading(&self) -> String {
        let r = self.report;
        let t = &r.totals;
        let target = r
            .women
            .target
            .map(|t| format!(", target {:.0}%", t * 100.0))
            .unwrap_or_default();
        format!(
            "{} ({} – {})\n\nProgrammes: {} in all; {} published ({} approved, {} reviewed, {} cancelled); {} drafts; \
             {} active; {} highlights; {} expected participants.\n\
             Women's domain: {} ({} of {} active){target} {}\n",
            r.event.title,
            r.event.start,
            r.event.end,
            t.programmes,
            t.published,
            t.approved,
            t.reviewed,
            t.cancelled,
            t.drafts,
            t.active,
            t.highlights,
            t.participants,
            r.women.share.percent(),
            r.women.share.part,
            r.women.share.whole,
            self.verdict(r.women.pass)
        )
    }

    fn breakdown(&self, breakdown: Breakdown, rows: &[Row]) -> String {
        let name = |r: &Row| match r.subject {
            Subject::County(None) => "(no county)".to_string(),
            Subject::Day(date) => format!("{} {}", self.day(date), r.title),
            _ => format!("{} {}", r.id.as_deref().unwrap_or_default(), r.title),
        };
        let width = rows
            .iter()
            .map(|r| name(r).chars().count())
            .max()
            .unwrap_or(0)
            .max(4);
        let mut out = format!(
            "\nBy {}\n  {:<width$}  {:>6}  {:>8}  {:>6}  {:>8}  {:>6}  {:>9}\n",
            breakdown.name(),
            "",
            "active",
            "reviewed",
            "drafts",
            "cancelled",
            "women",
            "people"
        );
        for r in rows {
            let n = name(r);
            let pad = width.saturating_sub(n.chars().count());
            let women = if r.women.whole == 0 {
                "-".into()
            } else {
                r.women.percent()
            };
            out.push_str(&format!(
                "  {n}{}  {:>6}  {:>8}  {:>6}  {:>8}  {:>6}  {:>9} {}\n",
                " ".repeat(pad),
                r.active,
                r.reviewed,
                r.drafts,
                r.cancelled,
                women,
                r.participants,
                self.verdict(r.women_pass),
            ));
        }
        out
    }

    fn central(&self) -> String {
        let mut out = String::from("\nCentral programme of each stratum\n");
        for c in &self.report.central {
            let list: Vec<&str> = c.programmes.iter().map(|p| p.0.as_str()).collect();
            let status = match c.status {
                CentralStatus::Ok => "ok",
                CentralStatus::Missing => "missing",
                CentralStatus::Several => "several",
            };
            out.push_str(&format!(
                "  {} {}: {} {}\n",
                c.stratum,
                c.title,
                if list.is_empty() {
                    "-".into()
                } else {
                    list.join(", ")
                },
                self.paint(status, c.status == CentralStatus::Ok)
            ));
        }
        out
    }

    fn focus(&self) -> String {
        if self.report.focus.is_empty() {
            return String::new();
        }
        let mut out = String::from("\nDay focus\n");
        for f in &self.report.focus {
            let kind = match f.kind {
                FocusKind::Stratum => "stratum",
                FocusKind::Headquarters => "headquarters",
            };
            let served = if f.served { "served" } else { "NOT SERVED" };
            out.push_str(&format!(
                "  {} {kind} {}: {} programme(s) {}\n",
                self.day(f.date),
                f.id,
                f.programmes,
                self.paint(served, f.served)
            ));
        }
        out
    }

    fn uncovered(&self) -> String {
        let u = &self.report.uncovered;
        let ids = |list: &[Named]| {
            list.iter()
                .map(|n| n.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            "\nWithout a programme: headquarters [{}], axes [{}], counties [{}]\n",
            ids(&u.headquarters),
            ids(&u.axes),
            ids(&u.counties)
        )
    }

    /// Long because it is the whole execution section, table by table.
    fn execution(&self, x: &ExecutionReport) -> String {
        let as_of = x.as_of.as_deref().unwrap_or("no reporting day");
        let mut out = format!("\nExecution (outcomes as of {as_of})\n");
        let line = |name: &str, width: usize, r: &ExecutionRow| {
            let pad = width.saturating_sub(name.chars().count());
            format!(
                "  {name}{}  {:>4}  {:>4}  {:>6}  {:>8}  {:>9}  {:>10}  {:>8}  {:>8}  {:>8}\n",
                " ".repeat(pad),
                r.due,
                r.held,
                r.partly,
                r.not_held,
                r.postponed,
                r.unreported,
                r.expected_participants,
                r.actual_participants,
                r.coverage
            )
        };
        let header = |title: &str, width: usize| {
            format!(
                "\n{title}\n  {:<width$}  {:>4}  {:>4}  {:>6}  {:>8}  {:>9}  {:>10}  {:>8}  {:>8}  {:>8}\n",
                "",
                "due",
                "held",
                "partly",
                "not held",
                "postponed",
                "unreported",
                "expected",
                "actual",
                "coverage"
            )
        };
        out.push_str(&header("Whole event", 4));
        out.push_str(&line("all", 4, &x.totals));
        for (breakdown, rows) in x.breakdowns() {
            if rows.is_empty() {
                continue;
            }
            let name = |r: &ExecutionRow| match r.subject {
                Some(Subject::County(None)) => "(no county)".to_string(),
                Some(Subject::Day(date)) => self.day(date),
                _ => r.id.clone().unwrap_or_default(),
            };
            let width = rows
                .iter()
                .map(|r| name(r).chars().count())
                .max()
                .unwrap_or(0);
            out.push_str(&header(&format!("By {}", breakdown.name()), width));
            for r in rows {
                out.push_str(&line(&name(r), width, r));
            }
        }
        out.push_str(&format!(
            "\nWomen's domain: {} of the programmes held ({} of {}), {} planned ({} of {})\n",
            x.women.held.percent(),
            x.women.held.part,
            x.women.held.whole,
            x.women.planned.percent(),
            x.women.planned.part,
            x.women.planned.whole
        ));
        let covered = |list: &[Covered]| {
            list.iter()
                .map(|c| format!("{} ({})", c.id, c.coverage))
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push_str(&format!("Most covered: {}\n", covered(&x.most_covered)));
        out.push_str(&format!(
            "Highlights' coverage: {}\n",
            covered(&x.highlights)
        ));
        out.push_str(&format!("\nUnreported ({})\n", x.totals.unreported));
        for o in &x.unreported {
            let ids: Vec<&str> = o.programmes.iter().map(|p| p.id.as_str()).collect();
            out.push_str(&format!(
                "  {} / {}: {}\n",
                o.headquarters.id,
                o.county.as_ref().map_or("(no county)", |c| c.id.as_str()),
                ids.join(", ")
            ));
        }
        out
    }

    fn findings(&self) -> String {
        let mut out = format!("\nFindings ({})\n", self.report.findings.len());
        for f in &self.report.findings {
            let place = match (&f.file, f.line, f.column) {
                (Some(file), Some(l), Some(c)) => format!("{file}:{l}:{c}: "),
                _ => String::new(),
            };
            out.push_str(&format!(
                "  {place}{} [{}]\n",
                self.paint(&f.message, false),
                f.code
            ));
        }
        out
    }
}
