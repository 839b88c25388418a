//! The report as its page and its PDF show it: every number of
//! [`Report`] in the locale's digits, labels from the strings file, and the
//! charts. One view for both, so the page and `report.pdf` agree.

use serde::Serialize;

use super::chart::{self, Bar};
use super::engine::Locale;
use crate::model::Event;
use crate::report::{Report, Row};

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
    pub status: &'static str,
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

pub fn view(event: &Event, report: &Report, locale: &Locale) -> ReviewView {
    let f = &locale.formats;
    let s = |key: &str| locale.strings.get(key).cloned().unwrap_or_default();
    let n = |v: usize| f.number(v as i64);
    let rtl = event.direction.as_str() == "rtl";
    let t = &report.totals;
    let totals = [
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
        label: s(k),
        value: n(v),
    })
    .chain([Figure {
        label: s("expected_participants"),
        value: f.number(t.participants as i64),
    }])
    .collect();
    let row_view = |r: &Row| RowView {
        title: if r.id.is_empty() {
            s("province_wide")
        } else {
            r.title.clone()
        },
        count: r.active,
        active: n(r.active),
        participants: f.number(r.participants as i64),
        women: if r.women.whole == 0 {
            "—".into()
        } else {
            f.percent(r.women_ratio)
        },
        pass: r.women_pass,
        reviewed: n(r.reviewed),
        drafts: n(r.drafts),
        cancelled: n(r.cancelled),
    };
    let colors: Vec<Option<String>> = event.headquarters.iter().map(|h| h.color.clone()).collect();
    let section = |id: &'static str,
                   key: &str,
                   rows: &[Row],
                   judged: bool,
                   color: &dyn Fn(usize) -> Option<String>| {
        let title = s(key);
        let bars: Vec<Bar> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| Bar {
                label: if r.id.is_empty() {
                    s("province_wide")
                } else {
                    r.title.clone()
                },
                value: r.active as f64,
                shown: n(r.active),
                color: color(i),
            })
            .collect();
        Section {
            id,
            chart: chart::bars(
                &format!("chart-{id}"),
                &title,
                &s("chart_description").replace("{what}", &title),
                &bars,
                rtl,
            ),
            title,
            rows: rows.iter().map(row_view).collect(),
            judged,
            max: rows.iter().map(|r| r.active).max().unwrap_or(0),
        }
    };
    let none = |_| None;
    let sections = vec![
        section("days", "report_by_day", &report.by_day, false, &none),
        section(
            "headquarters",
            "report_by_headquarters",
            &report.by_headquarters,
            true,
            &|i| colors[i].clone(),
        ),
        section(
            "strata",
            "report_by_stratum",
            &report.by_stratum,
            false,
            &none,
        ),
        section(
            "counties",
            "report_by_county",
            &report.by_county,
            true,
            &none,
        ),
        section("axes", "report_by_axis", &report.by_axis, false, &none),
    ]
    .into_iter()
    .filter(|sec| !sec.rows.is_empty())
    .collect();
    let finding = |r: &crate::report::FindingRow| FindingView {
        code: r.code,
        message: r.message.clone(),
        expected: r.expected.clone(),
        place: match (&r.file, r.line, r.column) {
            (Some(file), Some(line), Some(column)) => format!("{file}:{line}:{column}"),
            _ => String::new(),
        },
    };
    let women_share = f.percent(report.women.ratio);
    ReviewView {
        totals,
        women_gauge: chart::gauge(
            "chart-women",
            &s("women_share"),
            &format!(
                "{} {women_share}{}",
                s("women_share"),
                report
                    .women
                    .target
                    .map(|t| format!(" ({}: {})", s("target"), f.percent(t)))
                    .unwrap_or_default()
            ),
            report.women.ratio,
            report.women.target,
            &women_share,
            rtl,
        ),
        women_share,
        women_target: report.women.target.map(|t| f.percent(t)),
        women_pass: report.women.pass,
        sections,
        central: report
            .central
            .iter()
            .map(|c| CentralView {
                stratum: c.title.clone(),
                programmes: c.programmes.iter().map(|p| p.1.clone()).collect(),
                status: c.status,
                status_label: s(&format!("central_{}", c.status)),
            })
            .collect(),
        focus: report
            .focus
            .iter()
            .map(|x| FocusView {
                date: crate::calendar::Date::parse(
                    crate::calendar::CalendarKind::Gregorian,
                    &x.date,
                )
                .map_or_else(|_| x.date.clone(), |d| f.date_short(d)),
                day: x.day.clone(),
                kind: s(if x.kind == "stratum" {
                    "stratum"
                } else {
                    "headquarters"
                }),
                title: x.title.clone(),
                programmes: n(x.programmes),
                served: x.served,
            })
            .collect(),
        clashes: report
            .findings
            .iter()
            .filter(|r| r.code == "venue-clash")
            .map(finding)
            .collect(),
        uncovered: [
            (
                "headquarters",
                &report.uncovered.headquarters,
                &report.by_headquarters,
            ),
            ("axes", &report.uncovered.axes, &report.by_axis),
            ("county", &report.uncovered.counties, &report.by_county),
        ]
        .into_iter()
        .filter(|(_, ids, _)| !ids.is_empty())
        .map(|(k, ids, rows)| {
            let titles = ids
                .iter()
                .filter_map(|id| rows.iter().find(|r| &r.id == id).map(|r| r.title.clone()))
                .collect();
            (s(k), titles)
        })
        .collect(),
        staff: report
            .county_staff
            .iter()
            .map(|c| StaffView {
                county: c.title.clone(),
                head: c.head.clone().unwrap_or_else(|| "—".into()),
                secretary: c.secretary.clone().unwrap_or_else(|| "—".into()),
                complete: c.complete,
            })
            .collect(),
        findings: report.findings.iter().map(finding).collect(),
    }
}
