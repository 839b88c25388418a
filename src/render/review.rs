//! The report as its page and its PDF show it: every number of
//! [`Report`] in the locale's digits, labels from the strings file, and the
//! charts. One view for both, so the page and `report.pdf` agree.

use serde::Serialize;

use super::chart::{self, Bar};
use super::colors::Colors;
use super::engine::Locale;
use crate::calendar::{Date, Direction};
use crate::check::{Missed, Rule};
use crate::figures::{CentralStatus, FocusOn, Role, Share};
use crate::model::{CountyId, Event, HeadquartersId, ProgrammeId, StratumId};
use crate::report::{
    Breakdown, CentralRow, Covered, ExecutionReport, ExecutionRow, FindingRow, FocusKind, FocusRow,
    OwedRow, Report, Row, StaffRow, Subject,
};

#[derive(Serialize)]
pub struct ReviewView {
    pub totals: Vec<Figure>,
    pub women_gauge: String,
    pub women_share: String,
    pub women_target: Option<String>,
    pub women_pass: Option<bool>,
    pub sections: Vec<Section>,
    pub central: Vec<CentralView>,
    pub focus: Vec<FocusView>,
    pub clashes: Listed<FindingView>,
    pub uncovered: Vec<(String, Vec<String>)>,
    pub staff: Vec<StaffView>,
    pub findings: Listed<FindingView>,
    pub execution: Option<ExecutionView>,
}

/// What was held, beside the plan (the report's execution section).
#[derive(Serialize)]
pub struct ExecutionView {
    /// The reporting day, long form; `None` without one.
    pub as_of: Option<String>,
    pub totals: Vec<Figure>,
    pub women_planned: String,
    pub women_held: String,
    pub women_chart: String,
    pub sections: Vec<ExecutionSection>,
    pub most_covered: Vec<CoveredView>,
    pub highlights: Vec<CoveredView>,
    pub unreported: Vec<OwedView>,
    pub unreported_count: String,
}

/// One breakdown of the outcomes: actual beside expected participants,
/// and the same numbers as a table.
#[derive(Serialize)]
pub struct ExecutionSection {
    pub id: &'static str,
    pub title: String,
    pub chart: String,
    pub rows: Vec<ExecutionRowView>,
    /// The largest of expected and actual, for the PDF's bars.
    pub max: u64,
}

#[derive(Serialize)]
pub struct ExecutionRowView {
    pub title: String,
    pub date: Option<String>,
    pub due: String,
    pub held: String,
    pub partly: String,
    pub not_held: String,
    pub postponed: String,
    pub unreported: String,
    pub unreported_count: usize,
    pub took_place: String,
    pub expected: String,
    pub actual: String,
    pub expected_count: u64,
    pub actual_count: u64,
    pub coverage: String,
}

#[derive(Serialize)]
pub struct CoveredView {
    pub id: String,
    pub title: String,
    pub coverage: String,
}

/// One office's unreported programmes.
#[derive(Serialize)]
pub struct OwedView {
    pub office: String,
    pub programmes: Vec<String>,
}

/// How many findings (and clashes) the page and the PDF list: a national
/// week can have thousands, which no reader goes through on a phone. The
/// rest are counted; every one is in `data/report.json` and `rooz check`.
pub const LISTED: usize = 100;

/// The first [`LISTED`] items of a long list, and what is left out.
#[derive(Serialize)]
pub struct Listed<T> {
    pub items: Vec<T>,
    /// How many are not listed.
    pub more: usize,
    /// "…and N more", in the locale; empty when nothing is left out.
    pub more_label: String,
}

impl<T> Listed<T> {
    fn first<S>(all: &[S], show: impl Fn(&S) -> T, locale: &Locale) -> Listed<T> {
        let more = all.len().saturating_sub(LISTED);
        Listed {
            items: all.iter().take(LISTED).map(show).collect(),
            more,
            more_label: match more {
                0 => String::new(),
                n => locale.count(n as i64, "more_findings"),
            },
        }
    }
}

#[derive(Serialize)]
pub struct Figure {
    pub label: String,
    pub value: String,
}

/// A breakdown: its chart and the same numbers as a table.
#[derive(Serialize)]
pub struct Section {
    pub id: &'static str,
    pub title: String,
    pub chart: String,
    pub rows: Vec<RowView>,
    /// Whether the women's target is judged per row here.
    pub judged: bool,
    /// The largest active count, for bars drawn by the PDF template.
    pub max: usize,
}

#[derive(Serialize)]
pub struct RowView {
    pub title: String,
    /// A day's date (its row is also titled by its theme).
    pub date: Option<String>,
    pub count: usize,
    pub active: String,
    pub participants: String,
    pub women: String,
    pub pass: Option<bool>,
    pub reviewed: String,
    pub drafts: String,
    pub cancelled: String,
}

#[derive(Serialize)]
pub struct CentralView {
    pub stratum: String,
    pub programmes: Vec<String>,
    pub status: CentralStatus,
    pub status_label: String,
}

#[derive(Serialize)]
pub struct FocusView {
    pub date: String,
    pub day: String,
    pub kind: String,
    pub title: String,
    pub programmes: String,
    pub served: bool,
}

/// A finding as organisers read it: in the event's language and digits,
/// with names rather than ids; where it comes from is for editors.
#[derive(Serialize)]
pub struct FindingView {
    pub code: &'static str,
    pub message: String,
    /// `content/event.yaml:186:9`, or empty.
    pub place: String,
}

#[derive(Serialize)]
pub struct StaffView {
    pub county: String,
    pub head: String,
    pub secretary: String,
    pub complete: bool,
}

/// The report of `event` for its page and PDF.
pub fn view(event: &Event, report: &Report, locale: &Locale) -> ReviewView {
    let v = Present { event, locale };
    let women_share = locale.formats.percent(report.women.ratio);
    ReviewView {
        totals: v.totals(report),
        women_gauge: v.women_gauge(report, &women_share),
        women_share,
        women_target: report.women.target.map(|t| locale.formats.percent(t)),
        women_pass: report.women.pass,
        sections: report
            .breakdowns()
            .into_iter()
            .filter(|(_, rows)| !rows.is_empty())
            .map(|(b, rows)| v.section(b, rows))
            .collect(),
        central: report.central.iter().map(|c| v.central(c)).collect(),
        focus: report.focus.iter().map(|f| v.focus(f)).collect(),
        clashes: Listed::first(
            &report
                .findings
                .iter()
                .filter(|r| r.rule == Rule::VenueClash)
                .collect::<Vec<_>>(),
            |f| v.finding(f),
            locale,
        ),
        uncovered: v.uncovered(report),
        staff: report.county_staff.iter().map(staff).collect(),
        findings: Listed::first(&report.findings, |f| v.finding(f), locale),
        execution: report.execution.as_ref().map(|x| v.execution(x)),
    }
}

/// What presenting the report needs: the event and its locale.
struct Present<'a> {
    event: &'a Event,
    locale: &'a Locale,
}

impl Present<'_> {
    fn n(&self, v: usize) -> String {
        self.locale.formats.number(v as i64)
    }

    fn totals(&self, report: &Report) -> Vec<Figure> {
        let t = &report.totals;
        [
            ("report_total", t.programmes),
            ("report_published", t.published),
            ("status_approved", t.approved),
            ("status_reviewed", t.reviewed),
            ("status_draft", t.drafts),
            ("status_cancelled", t.cancelled),
            ("report_active", t.active),
            ("highlights_title", t.highlights),
        ]
        .into_iter()
        .map(|(k, v)| Figure {
            label: self.locale.s(k),
            value: self.n(v),
        })
        .chain([Figure {
            label: self.locale.s("expected_participants"),
            value: self.locale.formats.number(t.participants as i64),
        }])
        .collect()
    }

    fn women_gauge(&self, report: &Report, women_share: &str) -> String {
        let f = &self.locale.formats;
        chart::gauge(
            "chart-women",
            &self.locale.s("women_share"),
            &format!(
                "{} {women_share}{}",
                self.locale.s("women_share"),
                report
                    .women
                    .target
                    .map(|t| format!(" ({}: {})", self.locale.s("target"), f.percent(t)))
                    .unwrap_or_default()
            ),
            report.women.ratio,
            report.women.target,
            women_share,
            self.event.direction == Direction::Rtl,
        )
    }

    /// A row's name on the page: its title, or what stands for no county.
    fn title(&self, r: &Row) -> String {
        match r.subject {
            Subject::County(None) => self.locale.s("province_wide"),
            _ => r.title.clone(),
        }
    }

    fn section(&self, breakdown: Breakdown, rows: &[Row]) -> Section {
        let (id, key) = section_id(breakdown);
        let title = self.locale.s(key);
        let bars: Vec<Bar> = rows
            .iter()
            .map(|r| Bar {
                label: match r.subject {
                    Subject::Day(d) => {
                        format!("{} — {}", self.locale.formats.date_short(d), r.title)
                    }
                    _ => self.title(r),
                },
                value: r.active as f64,
                shown: self.n(r.active),
                color: match r.subject {
                    Subject::Headquarters(h) => {
                        Some(Colors::of(self.event.headquarters(h)).background)
                    }
                    _ => None,
                },
            })
            .collect();
        Section {
            id,
            chart: chart::bars(
                &format!("chart-{id}"),
                &self.locale.s("chart_description").replace("{what}", &title),
                &bars,
            ),
            title,
            rows: rows.iter().map(|r| self.row(r)).collect(),
            judged: breakdown.judged(),
            max: rows.iter().map(|r| r.active).max().unwrap_or(0),
        }
    }

    fn row(&self, r: &Row) -> RowView {
        let f = &self.locale.formats;
        RowView {
            title: self.title(r),
            date: match r.subject {
                Subject::Day(d) => Some(f.date_short(d)),
                _ => None,
            },
            count: r.active,
            active: self.n(r.active),
            participants: f.number(r.participants as i64),
            women: if r.women.whole == 0 {
                "—".into()
            } else {
                f.percent(r.women_ratio)
            },
            pass: r.women_pass,
            reviewed: self.n(r.reviewed),
            drafts: self.n(r.drafts),
            cancelled: self.n(r.cancelled),
        }
    }

    fn execution(&self, x: &ExecutionReport) -> ExecutionView {
        let (l, f) = (self.locale, &self.locale.formats);
        let t = &x.totals;
        let number = |n: u64| f.number(n as i64);
        let totals = [
            ("outcome_due", t.due as u64),
            ("held_yes", t.held as u64),
            ("held_partly", t.partly as u64),
            ("held_no", t.not_held as u64),
            ("held_postponed", t.postponed as u64),
            ("unreported", t.unreported as u64),
            ("expected_participants", t.expected_participants),
            ("actual_participants", t.actual_participants),
            ("coverage", t.coverage as u64),
        ]
        .into_iter()
        .map(|(k, v)| Figure {
            label: l.s(k),
            value: number(v),
        })
        .chain([Figure {
            label: l.s("took_place_share"),
            value: f.percent(t.took_place_ratio),
        }])
        .collect();
        let (planned, held) = (
            f.percent(x.women.planned_ratio),
            f.percent(x.women.held_ratio),
        );
        let women_bar = |key: &str, share: &Share, shown: &str| Bar {
            label: l.s(key),
            value: share.ratio() * 100.0,
            shown: shown.to_string(),
            color: None,
        };
        let covered = |c: &Covered| CoveredView {
            id: c.id.clone(),
            title: self.event.programme(c.programme).title.clone(),
            coverage: l.count(c.coverage as i64, "coverage_items"),
        };
        ExecutionView {
            as_of: self.as_of(x),
            totals,
            women_chart: chart::bars(
                "chart-women-held",
                &l.s("report_women_held"),
                &[
                    women_bar("women_planned", &x.women.planned, &planned),
                    women_bar("women_held", &x.women.held, &held),
                ],
            ),
            women_planned: planned,
            women_held: held,
            sections: x
                .breakdowns()
                .into_iter()
                .filter(|(_, rows)| !rows.is_empty())
                .map(|(b, rows)| self.execution_section(b, rows))
                .collect(),
            most_covered: x.most_covered.iter().map(covered).collect(),
            highlights: x.highlights.iter().map(covered).collect(),
            unreported: x.unreported.iter().map(|o| self.owed(o)).collect(),
            unreported_count: self.n(t.unreported),
        }
    }

    fn as_of(&self, x: &ExecutionReport) -> Option<String> {
        x.as_of_date.map(|d| self.locale.formats.date_long(d))
    }

    fn owed(&self, o: &OwedRow) -> OwedView {
        let l = self.locale;
        let county = o
            .county
            .as_ref()
            .map_or_else(|| l.s("province_wide"), |c| c.title.clone());
        OwedView {
            office: format!("{}{}{county}", o.headquarters.title, l.s("list_separator")),
            programmes: o.programmes.iter().map(|p| p.title.clone()).collect(),
        }
    }

    fn execution_section(&self, breakdown: Breakdown, rows: &[ExecutionRow]) -> ExecutionSection {
        let (l, f) = (self.locale, &self.locale.formats);
        let (id, key) = section_id(breakdown);
        let title = l.s(key);
        let name = |r: &ExecutionRow| match r.subject {
            Some(Subject::County(None)) => l.s("province_wide"),
            Some(Subject::Day(d)) => format!("{} — {}", f.date_short(d), r.title),
            _ => r.title.clone(),
        };
        let bar = |r: &ExecutionRow, n: u64| Bar {
            label: name(r),
            value: n as f64,
            shown: f.number(n as i64),
            color: None,
        };
        let pairs: Vec<[Bar; 2]> = rows
            .iter()
            .map(|r| [bar(r, r.expected_of_reported), bar(r, r.actual_of_expected)])
            .collect();
        let n = |v: usize| self.n(v);
        ExecutionSection {
            id,
            chart: chart::paired(
                &format!("chart-held-{id}"),
                &l.s("chart_participants").replace("{what}", &title),
                [&l.s("expected_of_reported"), &l.s("actual_of_expected")],
                &pairs,
            ),
            title,
            rows: rows
                .iter()
                .map(|r| ExecutionRowView {
                    title: match r.subject {
                        Some(Subject::County(None)) => l.s("province_wide"),
                        _ => r.title.clone(),
                    },
                    date: match r.subject {
                        Some(Subject::Day(d)) => Some(f.date_short(d)),
                        _ => None,
                    },
                    due: n(r.due),
                    held: n(r.held),
                    partly: n(r.partly),
                    not_held: n(r.not_held),
                    postponed: n(r.postponed),
                    unreported: n(r.unreported),
                    unreported_count: r.unreported,
                    took_place: if r.due == 0 {
                        "—".into()
                    } else {
                        f.percent(r.took_place_ratio)
                    },
                    expected: f.number(r.expected_participants as i64),
                    actual: f.number(r.actual_participants as i64),
                    expected_count: r.expected_of_reported,
                    actual_count: r.actual_of_expected,
                    coverage: n(r.coverage),
                })
                .collect(),
            max: rows
                .iter()
                .map(|r| r.expected_of_reported.max(r.actual_of_expected))
                .max()
                .unwrap_or(0),
        }
    }

    fn central(&self, c: &CentralRow) -> CentralView {
        let key = match c.status {
            CentralStatus::Ok => "central_ok",
            CentralStatus::Missing => "central_missing",
            CentralStatus::Several => "central_several",
        };
        CentralView {
            stratum: c.title.clone(),
            programmes: c.programmes.iter().map(|p| p.1.clone()).collect(),
            status: c.status,
            status_label: self.locale.s(key),
        }
    }

    fn focus(&self, x: &FocusRow) -> FocusView {
        FocusView {
            date: self.locale.formats.date_short(x.date),
            day: x.day.clone(),
            kind: self.locale.s(match x.kind {
                FocusKind::Stratum => "stratum",
                FocusKind::Headquarters => "headquarters",
            }),
            title: x.title.clone(),
            programmes: self.n(x.programmes),
            served: x.served,
        }
    }

    fn uncovered(&self, report: &Report) -> Vec<(String, Vec<String>)> {
        let u = &report.uncovered;
        [
            ("headquarters", &u.headquarters),
            ("axes", &u.axes),
            ("county", &u.counties),
        ]
        .into_iter()
        .filter(|(_, list)| !list.is_empty())
        .map(|(key, list)| {
            (
                self.locale.s(key),
                list.iter().map(|n| n.title.clone()).collect(),
            )
        })
        .collect()
    }

    fn finding(&self, r: &FindingRow) -> FindingView {
        FindingView {
            code: r.code,
            message: self.finding_text(&r.finding.missed),
            place: match (&r.file, r.line, r.column) {
                (Some(file), Some(line), Some(column)) => format!("{file}:{line}:{column}"),
                _ => String::new(),
            },
        }
    }

    /// A finding's sentence, from its pattern in the strings file, with
    /// names and the locale's digits. Long because it is one arm per rule.
    fn finding_text(&self, missed: &Missed) -> String {
        let (e, l) = (self.event, self.locale);
        match missed {
            Missed::WomenShare { share, target } => {
                self.women_text("finding_women_share", "", share, *target)
            }
            Missed::WomenShareHeadquarters {
                headquarters,
                share,
                target,
            } => self.women_text(
                "finding_women_share_headquarters",
                &e.headquarters(*headquarters).title,
                share,
                *target,
            ),
            Missed::WomenShareCounty {
                county: Some(c),
                share,
                target,
            } => self.women_text(
                "finding_women_share_county",
                &e.county(*c).title,
                share,
                *target,
            ),
            Missed::WomenShareCounty {
                county: None,
                share,
                target,
            } => self.women_text("finding_women_share_province_wide", "", share, *target),
            Missed::CentralMissing {
                stratum,
                found,
                target,
            } => l.fill(
                if *found == 0 {
                    "finding_central_none"
                } else {
                    "finding_central_missing"
                },
                &[
                    ("name", &e.stratum(*stratum).title),
                    ("count", &self.n(*found)),
                    ("target", &self.n(*target as usize)),
                ],
            ),
            Missed::CentralSeveral {
                stratum,
                programmes,
                target,
            } => self.central_several(*stratum, programmes, *target),
            Missed::HeadquartersEmpty(h) => l.fill(
                "finding_headquarters_empty",
                &[("name", &e.headquarters(*h).title)],
            ),
            Missed::AxisEmpty(a) => l.fill("finding_axis_empty", &[("name", &e.axis(*a).title)]),
            Missed::CountyEmpty(c) => {
                l.fill("finding_county_empty", &[("name", &e.county(*c).title)])
            }
            Missed::FocusUnserved { date, on } => self.focus_text(*date, *on),
            Missed::VenueClash {
                earlier,
                later,
                date,
            } => self.clash_text(*earlier, *later, *date),
            Missed::CountyStaffMissing { county, missing } => self.staff_text(*county, missing),
            Missed::Unreported {
                headquarters,
                county,
                programmes,
                as_of,
            } => self.unreported_text(*headquarters, *county, programmes, *as_of),
            Missed::OutcomeEarly { programme, as_of } => l.fill(
                "finding_outcome_early",
                &[
                    ("title", &e.programme(*programme).title),
                    (
                        "date",
                        &l.formats.date_long(
                            crate::figures::reported_day(e.programme(*programme))
                                .unwrap_or(e.programme(*programme).date),
                        ),
                    ),
                    ("as_of", &l.formats.date_long(*as_of)),
                ],
            ),
            Missed::ParticipantsFarOff {
                programme,
                actual,
                expected,
                ..
            } => l.fill(
                "finding_participants_far_off",
                &[
                    ("title", &e.programme(*programme).title),
                    ("actual", &self.n(*actual as usize)),
                    ("expected", &self.n(*expected as usize)),
                ],
            ),
            Missed::CancelledHeld(p) => l.fill(
                "finding_cancelled_held",
                &[("title", &e.programme(*p).title)],
            ),
        }
    }

    fn unreported_text(
        &self,
        headquarters: HeadquartersId,
        county: Option<CountyId>,
        programmes: &[ProgrammeId],
        as_of: Date,
    ) -> String {
        let (e, l) = (self.event, self.locale);
        let titles: Vec<String> = programmes
            .iter()
            .map(|&p| format!("«{}»", e.programme(p).title))
            .collect();
        let county = county.map_or_else(|| l.s("province_wide"), |c| e.county(c).title.clone());
        l.fill(
            "finding_unreported",
            &[
                ("headquarters", &e.headquarters(headquarters).title),
                ("county", &county),
                ("count", &self.n(programmes.len())),
                ("as_of", &l.formats.date_long(as_of)),
                ("programmes", &titles.join(&l.s("list_separator"))),
            ],
        )
    }

    fn focus_text(&self, date: Date, on: FocusOn) -> String {
        let (e, l) = (self.event, self.locale);
        let name = match on {
            FocusOn::Stratum(s) => &e.stratum(s).title,
            FocusOn::Headquarters(h) => &e.headquarters(h).title,
        };
        l.fill(
            "finding_focus_unserved",
            &[("date", &l.formats.date_long(date)), ("name", name)],
        )
    }

    fn clash_text(&self, earlier: ProgrammeId, later: ProgrammeId, date: Date) -> String {
        let (e, l) = (self.event, self.locale);
        let (a, b) = (e.programme(earlier), e.programme(later));
        l.fill(
            "finding_venue_clash",
            &[
                ("first", &a.title),
                ("second", &b.title),
                ("venue", b.venue.as_deref().unwrap_or_default()),
                ("date", &l.formats.date_long(date)),
            ],
        )
    }

    fn staff_text(&self, county: CountyId, missing: &[Role]) -> String {
        let (e, l) = (self.event, self.locale);
        let roles: Vec<String> = missing.iter().map(|&r| l.role(&e.staff_roles, r)).collect();
        l.fill(
            "finding_staff_missing",
            &[
                ("name", &e.county(county).title),
                ("roles", &roles.join(&l.s("and"))),
            ],
        )
    }

    fn women_text(&self, key: &str, name: &str, share: &Share, target: f64) -> String {
        let f = &self.locale.formats;
        self.locale.fill(
            key,
            &[
                ("name", name),
                ("share", &f.percent_floor(share.ratio())),
                ("part", &self.n(share.part)),
                ("whole", &self.n(share.whole)),
                ("target", &f.percent(target)),
            ],
        )
    }

    fn central_several(
        &self,
        stratum: StratumId,
        programmes: &[ProgrammeId],
        target: u32,
    ) -> String {
        let (e, l) = (self.event, self.locale);
        let titles: Vec<String> = programmes
            .iter()
            .map(|&p| format!("«{}»", e.programme(p).title))
            .collect();
        l.fill(
            "finding_central_several",
            &[
                ("name", &e.stratum(stratum).title),
                ("count", &self.n(programmes.len())),
                ("programmes", &titles.join(&l.s("list_separator"))),
                ("target", &self.n(target as usize)),
            ],
        )
    }
}

/// A breakdown's anchor on the page and the string of its title.
fn section_id(breakdown: Breakdown) -> (&'static str, &'static str) {
    match breakdown {
        Breakdown::Day => ("days", "report_by_day"),
        Breakdown::Headquarters => ("headquarters", "report_by_headquarters"),
        Breakdown::Stratum => ("strata", "report_by_stratum"),
        Breakdown::County => ("counties", "report_by_county"),
        Breakdown::Axis => ("axes", "report_by_axis"),
    }
}

fn staff(c: &StaffRow) -> StaffView {
    StaffView {
        county: c.title.clone(),
        head: c.head.clone().unwrap_or_else(|| "—".into()),
        secretary: c.secretary.clone().unwrap_or_else(|| "—".into()),
        complete: c.complete,
    }
}
