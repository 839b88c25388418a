//! The consolidated package: every figure and finding of the review, made
//! once from the loaded event and its findings, and shown by the report
//! page, `report.pdf`, `data/report.json` and `rooz report` alike.
//!
//! The report is the review tool, so it counts every programme: drafts and
//! reviewed ones are counted apart from what is published, and shares and
//! targets are computed on *active* programmes (published, not cancelled),
//! as `rooz check` does.

use serde::Serialize;

use crate::calendar::CalendarKind;
use crate::check::{Finding, Rule, Share, Totals, totals, women_share};
use crate::model::*;
use crate::source::Sources;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub event: EventFacts,
    pub totals: Totals,
    pub women: WomenTarget,
    pub by_day: Vec<Row>,
    pub by_headquarters: Vec<Row>,
    pub by_stratum: Vec<Row>,
    /// Per county, then one row for programmes without a county.
    pub by_county: Vec<Row>,
    pub by_axis: Vec<Row>,
    pub central: Vec<Central>,
    pub focus: Vec<Focus>,
    pub uncovered: Uncovered,
    pub county_staff: Vec<Staff>,
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
    pub start_iso: String,
    pub end_iso: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WomenTarget {
    pub target: Option<f64>,
    pub share: Share,
    pub ratio: f64,
    /// `None` when there is no target.
    pub pass: Option<bool>,
}

/// One line of a breakdown (a day, a headquarters, a stratum…).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Row {
    /// The id, or the ISO date for days; empty for "no county".
    pub id: String,
    pub title: String,
    pub active: usize,
    pub reviewed: usize,
    pub drafts: usize,
    pub cancelled: usize,
    pub participants: u64,
    pub women: Share,
    pub women_ratio: f64,
    /// Against the women's target, when there is one and an active programme.
    pub women_pass: Option<bool>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Central {
    pub stratum: String,
    pub title: String,
    /// Active central programmes: (id, title).
    pub programmes: Vec<(String, String)>,
    /// `ok`, `missing` or `several` against the target (`ok` without one).
    pub status: &'static str,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Focus {
    pub date: String,
    pub day: String,
    /// `stratum` or `headquarters`.
    pub kind: &'static str,
    pub id: String,
    pub title: String,
    /// Its active programmes running that day.
    pub programmes: usize,
    pub served: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Uncovered {
    pub headquarters: Vec<String>,
    pub axes: Vec<String>,
    pub counties: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Staff {
    pub county: String,
    pub title: String,
    pub head: Option<String>,
    pub secretary: Option<String>,
    pub complete: bool,
}

/// A finding of `rooz check` with where it comes from.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FindingRow {
    pub rule: Rule,
    pub code: &'static str,
    pub message: String,
    pub expected: String,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

pub fn report(event: &Event, findings: &[Finding], sources: &Sources) -> Report {
    let all = &event.programmes;
    let target = event.targets.women_share;
    let row = |id: String, title: String, of: &dyn Fn(&Programme) -> bool| {
        let mine: Vec<&Programme> = all.iter().filter(|p| of(p)).collect();
        let active: Vec<&Programme> = mine.iter().copied().filter(|p| p.is_active()).collect();
        let women = women_share(active.iter().copied());
        Row {
            id,
            title,
            active: active.len(),
            reviewed: mine.iter().filter(|p| p.status == Status::Reviewed).count(),
            drafts: mine.iter().filter(|p| p.status == Status::Draft).count(),
            cancelled: mine
                .iter()
                .filter(|p| p.status == Status::Cancelled)
                .count(),
            participants: active
                .iter()
                .filter_map(|p| p.expected_participants)
                .map(u64::from)
                .sum(),
            women,
            women_ratio: women.ratio(),
            women_pass: target
                .filter(|_| women.whole > 0)
                .map(|t| women.ratio() >= t),
        }
    };
    let by_day = event
        .days
        .iter()
        .map(|d| row(d.date.iso_code(), d.title.clone(), &|p| p.runs_on(d.date)))
        .collect();
    let by_headquarters = event
        .headquarters
        .iter()
        .enumerate()
        .map(|(i, h)| {
            row(h.id.clone(), h.title.clone(), &|p| {
                p.headquarters.index() == i
            })
        })
        .collect();
    let by_stratum = event
        .strata
        .iter()
        .enumerate()
        .map(|(i, s)| row(s.id.clone(), s.title.clone(), &|p| p.stratum.index() == i))
        .collect();
    let mut by_county: Vec<Row> = event
        .counties
        .iter()
        .enumerate()
        .map(|(i, c)| {
            row(c.id.clone(), c.title.clone(), &|p| {
                p.county.map(CountyId::index) == Some(i)
            })
        })
        .collect();
    if all.iter().any(|p| p.county.is_none()) {
        by_county.push(row(String::new(), String::new(), &|p| p.county.is_none()));
    }
    let by_axis = event
        .axes
        .iter()
        .enumerate()
        .map(|(i, a)| {
            row(a.id.clone(), a.title.clone(), &|p| {
                p.axes.iter().any(|x| x.index() == i)
            })
        })
        .collect();

    let active: Vec<&Programme> = all.iter().filter(|p| p.is_active()).collect();
    let overall = women_share(active.iter().copied());
    let central = event
        .strata
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let programmes: Vec<(String, String)> = active
                .iter()
                .filter(|p| p.central && p.stratum.index() == i)
                .map(|p| (p.id.clone(), p.title.clone()))
                .collect();
            let wanted = event.targets.central_per_stratum.map(|t| t as usize);
            let status = match wanted {
                Some(t) if programmes.len() < t => "missing",
                Some(t) if programmes.len() > t => "several",
                _ => "ok",
            };
            Central {
                stratum: s.id.clone(),
                title: s.title.clone(),
                programmes,
                status,
            }
        })
        .collect();
    let mut focus = Vec::new();
    for day in &event.days {
        let on: Vec<&&Programme> = active.iter().filter(|p| p.runs_on(day.date)).collect();
        for (id, _) in &day.focus_strata {
            let n = on.iter().filter(|p| p.stratum == *id).count();
            let s = event.stratum(*id);
            focus.push(Focus {
                date: day.date.iso_code(),
                day: day.title.clone(),
                kind: "stratum",
                id: s.id.clone(),
                title: s.title.clone(),
                programmes: n,
                served: n > 0,
            });
        }
        for (id, _) in &day.focus_headquarters {
            let n = on.iter().filter(|p| p.headquarters == *id).count();
            let h = event.headquarters(*id);
            focus.push(Focus {
                date: day.date.iso_code(),
                day: day.title.clone(),
                kind: "headquarters",
                id: h.id.clone(),
                title: h.title.clone(),
                programmes: n,
                served: n > 0,
            });
        }
    }
    let none_active = |rows: &Vec<Row>| {
        rows.iter()
            .filter(|r| r.active == 0 && !r.id.is_empty())
            .map(|r| r.id.clone())
            .collect()
    };
    let uncovered = Uncovered {
        headquarters: none_active(&by_headquarters),
        axes: none_active(&by_axis),
        counties: none_active(&by_county),
    };
    let county_staff = event
        .counties
        .iter()
        .map(|c| Staff {
            county: c.id.clone(),
            title: c.title.clone(),
            head: c.head.clone(),
            secretary: c.secretary.clone(),
            complete: c.head.is_some() && c.secretary.is_some(),
        })
        .collect();
    let findings = findings
        .iter()
        .map(|f| {
            let place = f
                .span
                .as_ref()
                .map(|s| (sources.get(s.file).name.clone(), sources.position(s)));
            FindingRow {
                rule: f.rule,
                code: f.rule.code(),
                message: f.message.clone(),
                expected: f.expected.clone(),
                file: place.as_ref().map(|p| p.0.clone()),
                line: place.as_ref().map(|p| p.1.0),
                column: place.as_ref().map(|p| p.1.1),
            }
        })
        .collect();
    Report {
        event: EventFacts {
            title: event.title.clone(),
            locale: event.locale.to_string(),
            calendar: event.calendar,
            start: event.start.code(event.calendar),
            end: event.end.code(event.calendar),
            start_iso: event.start.iso_code(),
            end_iso: event.end.iso_code(),
        },
        totals: totals(all),
        women: WomenTarget {
            target,
            share: overall,
            ratio: overall.ratio(),
            pass: target
                .filter(|_| overall.whole > 0)
                .map(|t| overall.ratio() >= t),
        },
        by_day,
        by_headquarters,
        by_stratum,
        by_county,
        by_axis,
        central,
        focus,
        uncovered,
        county_staff,
        findings,
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
    for (section, rows) in sections(report) {
        for r in rows {
            let _ = w.write_record([
                section.to_string(),
                spreadsheet_cell(&r.id),
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

fn sections(report: &Report) -> [(&'static str, &Vec<Row>); 5] {
    [
        ("day", &report.by_day),
        ("headquarters", &report.by_headquarters),
        ("stratum", &report.by_stratum),
        ("county", &report.by_county),
        ("axis", &report.by_axis),
    ]
}

/// The review as terminal tables; pass and fail in colour when `color`.
pub fn table(report: &Report, color: bool) -> String {
    let paint = |text: String, pass: Option<bool>| match (color, pass) {
        (true, Some(true)) => format!("\u{1b}[32m{text}\u{1b}[0m"),
        (true, Some(false)) => format!("\u{1b}[31m{text}\u{1b}[0m"),
        _ => text,
    };
    let verdict = |pass: Option<bool>| match pass {
        Some(true) => paint("pass".into(), Some(true)),
        Some(false) => paint("FAIL".into(), Some(false)),
        None => String::new(),
    };
    // Days are ISO in the data; people read them in the event's calendar.
    let day_code = |iso: &str| {
        crate::calendar::Date::parse(CalendarKind::Gregorian, iso)
            .map_or_else(|_| iso.to_string(), |d| d.code(report.event.calendar))
    };
    let t = &report.totals;
    let mut out = format!(
        "{} ({} – {})\n\nProgrammes: {} in all; {} published ({} approved, {} reviewed, {} cancelled); {} drafts; \
         {} active; {} highlights; {} expected participants.\n",
        report.event.title,
        report.event.start,
        report.event.end,
        t.programmes,
        t.published,
        t.approved,
        t.reviewed,
        t.cancelled,
        t.drafts,
        t.active,
        t.highlights,
        t.participants
    );
    out.push_str(&format!(
        "Women's domain: {} ({} of {} active){} {}\n",
        Share::percent(report.women.share),
        report.women.share.part,
        report.women.share.whole,
        report
            .women
            .target
            .map(|t| format!(", target {:.0}%", t * 100.0))
            .unwrap_or_default(),
        verdict(report.women.pass)
    ));
    for (section, rows) in sections(report) {
        if rows.is_empty() {
            continue;
        }
        out.push_str(&format!("\nBy {section}\n"));
        let name = |r: &Row| match (section, r.id.is_empty()) {
            (_, true) => "(no county)".to_string(),
            ("day", _) => format!("{} {}", day_code(&r.id), r.title),
            _ => format!("{} {}", r.id, r.title),
        };
        let width = rows
            .iter()
            .map(|r| name(r).chars().count())
            .max()
            .unwrap_or(0)
            .max(4);
        out.push_str(&format!(
            "  {:<width$}  {:>6}  {:>8}  {:>6}  {:>8}  {:>6}  {:>9}\n",
            "", "active", "reviewed", "drafts", "cancelled", "women", "people"
        ));
        for r in rows {
            let n = name(r);
            let pad = width.saturating_sub(n.chars().count());
            out.push_str(&format!(
                "  {n}{}  {:>6}  {:>8}  {:>6}  {:>8}  {:>6}  {:>9} {}\n",
                " ".repeat(pad),
                r.active,
                r.reviewed,
                r.drafts,
                r.cancelled,
                if r.women.whole == 0 {
                    "-".into()
                } else {
                    r.women.percent()
                },
                r.participants,
                if section == "headquarters" || section == "county" {
                    verdict(r.women_pass)
                } else {
                    String::new()
                },
            ));
        }
    }
    out.push_str("\nCentral programme of each stratum\n");
    for c in &report.central {
        let pass = Some(c.status == "ok");
        let list: Vec<&str> = c.programmes.iter().map(|p| p.0.as_str()).collect();
        out.push_str(&format!(
            "  {} {}: {} {}\n",
            c.stratum,
            c.title,
            if list.is_empty() {
                "-".into()
            } else {
                list.join(", ")
            },
            paint(c.status.into(), pass)
        ));
    }
    if !report.focus.is_empty() {
        out.push_str("\nDay focus\n");
        for f in &report.focus {
            out.push_str(&format!(
                "  {} {} {}: {} programme(s) {}\n",
                day_code(&f.date),
                f.kind,
                f.id,
                f.programmes,
                paint(
                    if f.served {
                        "served".into()
                    } else {
                        "NOT SERVED".into()
                    },
                    Some(f.served)
                )
            ));
        }
    }
    let u = &report.uncovered;
    out.push_str(&format!(
        "\nWithout a programme: headquarters [{}], axes [{}], counties [{}]\n",
        u.headquarters.join(", "),
        u.axes.join(", "),
        u.counties.join(", ")
    ));
    out.push_str(&format!("\nFindings ({})\n", report.findings.len()));
    for f in &report.findings {
        let place = match (&f.file, f.line, f.column) {
            (Some(file), Some(l), Some(c)) => format!("{file}:{l}:{c}: "),
            _ => String::new(),
        };
        out.push_str(&format!(
            "  {place}{} [{}]\n",
            paint(f.message.clone(), Some(false)),
            f.code
        ));
    }
    out
}
