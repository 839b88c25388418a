//! The report as its page and its PDF show it: every number of
//! [`Report`] in the locale's digits, labels from the strings file, and the
//! charts. One view for both, so the page and `report.pdf` agree.

use serde::Serialize;

use super::chart::{self, Bar};
use super::colors::Colors;
use super::engine::Locale;
use crate::calendar::Direction;
use crate::check::Rule;
use crate::figures::CentralStatus;
use crate::model::Event;
use crate::report::{
    Breakdown, CentralRow, FindingRow, FocusKind, FocusRow, Report, Row, StaffRow, Subject,
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
    pub clashes: Vec<FindingView>,
    pub uncovered: Vec<(String, Vec<String>)>,
    pub staff: Vec<StaffView>,
    pub findings: Vec<FindingView>,
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

#[derive(Serialize)]
pub struct FindingView {
    pub code: &'static str,
    pub message: String,
    pub expected: String,
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
        clashes: report
            .findings
            .iter()
            .filter(|r| r.rule == Rule::VenueClash)
            .map(finding)
            .collect(),
        uncovered: v.uncovered(report),
        staff: report.county_staff.iter().map(staff).collect(),
        findings: report.findings.iter().map(finding).collect(),
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
        let (id, key) = match breakdown {
            Breakdown::Day => ("days", "report_by_day"),
            Breakdown::Headquarters => ("headquarters", "report_by_headquarters"),
            Breakdown::Stratum => ("strata", "report_by_stratum"),
            Breakdown::County => ("counties", "report_by_county"),
            Breakdown::Axis => ("axes", "report_by_axis"),
        };
        let title = self.locale.s(key);
        let bars: Vec<Bar> = rows
            .iter()
            .map(|r| Bar {
                label: self.title(r),
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
                &title,
                &self.locale.s("chart_description").replace("{what}", &title),
                &bars,
                self.event.direction == Direction::Rtl,
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
}

fn finding(r: &FindingRow) -> FindingView {
    FindingView {
        code: r.code,
        message: r.message.clone(),
        expected: r.expected.clone(),
        place: match (&r.file, r.line, r.column) {
            (Some(file), Some(line), Some(column)) => format!("{file}:{line}:{column}"),
            _ => String::new(),
        },
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
