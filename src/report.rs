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
    let (id, title, breakdown) = match subject {
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
    };
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
    let named = |id: &str, title: &str| Named {
        id: id.to_string(),
        title: title.to_string(),
    };
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
    ]);
    for (breakdown, rows) in report.breakdowns() {
        for r in rows {
            let _ = w.write_record([
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
            ]);
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
