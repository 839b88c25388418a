//! The data files: `data/programs.json`, `data/programs.csv` and
//! `data/report.json`, for other tools and for spreadsheets. Their JSON
//! Schemas are in `schemas/` of the repository.

use serde::Serialize;

use crate::columns::{COLUMNS, Language, OUTCOME, coverage_line, held_name, status_name, yes_no};
use crate::index::Site;
use crate::model::{CoverageKind, Held, Outcome, Programme, Status};
use crate::plan::{Page, PhotoSize, photo_path};
use crate::report::Report;

#[derive(Serialize)]
struct Named<'a> {
    id: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct ProgrammeData<'a> {
    id: &'a str,
    title: &'a str,
    stratum: Named<'a>,
    headquarters: Named<'a>,
    county: Option<Named<'a>>,
    axes: Vec<Named<'a>>,
    /// In the event's calendar.
    date: String,
    until: String,
    /// The same days in the Gregorian calendar (ISO 8601).
    date_iso: String,
    until_iso: String,
    start: Option<String>,
    end: Option<String>,
    venue: Option<&'a str>,
    audience: Option<&'a str>,
    women: bool,
    central: bool,
    status: Status,
    expected_participants: Option<u32>,
    contact: Option<&'a str>,
    highlight: Option<HighlightData<'a>>,
    outcome: Option<OutcomeData<'a>>,
    /// The programme's page: absolute with a base URL, else relative to the site root.
    url: String,
}

#[derive(Serialize)]
struct HighlightData<'a> {
    summary: &'a str,
    quote: Option<&'a str>,
    hashtags: &'a [String],
}

/// What was held, as reported (`outcome:`).
#[derive(Serialize)]
struct OutcomeData<'a> {
    held: Held,
    /// The days it moved to, in the event's calendar and in ISO 8601;
    /// null when it kept its own.
    date: Option<String>,
    until: Option<String>,
    date_iso: Option<String>,
    until_iso: Option<String>,
    participants: Option<u32>,
    women_participants: Option<u32>,
    /// Markdown, as written.
    note: Option<&'a str>,
    /// The photos at full size in the site, absolute with a base URL.
    photos: Vec<String>,
    coverage: Vec<CoverageData<'a>>,
}

#[derive(Serialize)]
struct CoverageData<'a> {
    title: &'a str,
    url: &'a str,
    outlet: Option<&'a str>,
    kind: CoverageKind,
}

fn outcome<'a>(site: &Site, o: &'a Outcome) -> OutcomeData<'a> {
    let code = |d: crate::calendar::Date| d.code(site.event.calendar);
    OutcomeData {
        held: o.held,
        date: o.date.map(code),
        until: o.until.map(code),
        date_iso: o.date.map(|d| d.iso_code()),
        until_iso: o.until.map(|d| d.iso_code()),
        participants: o.participants,
        women_participants: o.women_participants,
        note: o.note.as_ref().map(|n| n.0.trim()),
        photos: o
            .photos
            .iter()
            .map(|p| {
                let path = photo_path(&p.path, PhotoSize::Full);
                site.absolute(&path).unwrap_or(path)
            })
            .collect(),
        coverage: o
            .coverage
            .iter()
            .map(|c| CoverageData {
                title: &c.title,
                url: &c.url,
                outlet: c.outlet.as_deref(),
                kind: c.kind,
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct ProgrammesFile<'a> {
    event: &'a str,
    calendar: crate::calendar::CalendarKind,
    programmes: Vec<ProgrammeData<'a>>,
}

fn programme<'a>(site: &'a Site, p: &'a Programme, page: String) -> ProgrammeData<'a> {
    let e = site.event;
    let named_hq = e.headquarters(p.headquarters);
    let named_st = e.stratum(p.stratum);
    ProgrammeData {
        id: &p.id,
        title: &p.title,
        stratum: Named {
            id: &named_st.id,
            title: &named_st.title,
        },
        headquarters: Named {
            id: &named_hq.id,
            title: &named_hq.title,
        },
        county: p.county.map(|c| {
            let c = e.county(c);
            Named {
                id: &c.id,
                title: &c.title,
            }
        }),
        axes: p
            .axes
            .iter()
            .map(|&a| {
                let a = e.axis(a);
                Named {
                    id: &a.id,
                    title: &a.title,
                }
            })
            .collect(),
        date: p.date.code(e.calendar),
        until: p.until.code(e.calendar),
        date_iso: p.date.iso_code(),
        until_iso: p.until.iso_code(),
        start: p.start.map(|t| t.to_string()),
        end: p.end.map(|t| t.to_string()),
        venue: p.venue.as_deref(),
        audience: p.audience.as_deref(),
        women: p.women,
        central: p.central,
        status: p.status,
        expected_participants: p.expected_participants,
        contact: p.contact.as_deref(),
        highlight: p.highlight.as_ref().map(|h| HighlightData {
            summary: &h.summary,
            quote: h.quote.as_deref(),
            hashtags: &h.hashtags,
        }),
        outcome: p.outcome.as_ref().map(|o| outcome(site, o)),
        url: site.absolute(&page).unwrap_or(page),
    }
}

/// Every published programme (drafts stay private even with `--drafts`).
fn published<'a>(site: &'a Site) -> Vec<ProgrammeData<'a>> {
    site.programmes
        .iter()
        .map(|&id| (id, site.event.programme(id)))
        .filter(|(_, p)| p.status.is_published())
        .map(|(id, p)| programme(site, p, Page::Programme(id).dir(site)))
        .collect()
}

pub fn programmes_json(site: &Site) -> Vec<u8> {
    let file = ProgrammesFile {
        event: &site.event.title,
        calendar: site.event.calendar,
        programmes: published(site),
    };
    let mut json = serde_json::to_vec_pretty(&file).expect("serialisable");
    json.push(b'\n');
    json
}

pub fn report_json(report: &Report) -> Vec<u8> {
    let mut json = serde_json::to_vec_pretty(report).expect("serialisable");
    json.push(b'\n');
    json
}

use crate::report::spreadsheet_cell as cell;

/// UTF-8 with a byte-order mark, so Excel shows Persian; one row per
/// published programme, one column per field (`columns::COLUMNS`), with
/// the column names and word values in `language`.
pub fn programmes_csv(site: &Site, language: Language) -> Result<Vec<u8>, String> {
    let mut out = Vec::from(b"\xEF\xBB\xBF".as_slice());
    {
        let mut w = csv::Writer::from_writer(&mut out);
        w.write_record(COLUMNS.map(|c| c.name(language)))
            .map_err(|e| e.to_string())?;
        for p in published(site) {
            let opt = |o: Option<&str>| o.map(cell).unwrap_or_default();
            let axes: Vec<&str> = p.axes.iter().map(|a| a.id).collect();
            // The columns of `COLUMNS` before the outcome's; the outcome's
            // and the URL follow.
            let record: [String; COLUMNS.len() - OUTCOME.len() - 1] = [
                cell(p.id),
                cell(p.title),
                cell(p.stratum.id),
                cell(p.stratum.title),
                cell(p.headquarters.id),
                cell(p.headquarters.title),
                opt(p.county.as_ref().map(|c| c.id)),
                opt(p.county.as_ref().map(|c| c.title)),
                axes.join(" "),
                p.date,
                p.until,
                p.date_iso,
                p.until_iso,
                p.start.unwrap_or_default(),
                p.end.unwrap_or_default(),
                opt(p.venue),
                opt(p.audience),
                yes_no(p.women, language).to_string(),
                yes_no(p.central, language).to_string(),
                status_name(p.status, language).to_string(),
                p.expected_participants
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
                opt(p.contact),
                opt(p.highlight.as_ref().map(|h| h.summary)),
            ];
            let record: Vec<String> = record
                .into_iter()
                .chain(outcome_cells(p.outcome.as_ref(), language))
                .chain([cell(&p.url)])
                .collect();
            w.write_record(&record).map_err(|e| e.to_string())?;
        }
        w.flush().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// The outcome's columns (`columns::OUTCOME`): all empty when it is not
/// reported; coverage one item a line (`columns::coverage_line`).
fn outcome_cells(o: Option<&OutcomeData>, language: Language) -> [String; OUTCOME.len()] {
    let Some(o) = o else {
        return Default::default();
    };
    let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let coverage: Vec<String> = o
        .coverage
        .iter()
        .map(|c| coverage_line(c.title, c.url, c.outlet, c.kind, language))
        .collect();
    [
        held_name(o.held, language).to_string(),
        o.date.clone().unwrap_or_default(),
        o.until.clone().unwrap_or_default(),
        number(o.participants),
        number(o.women_participants),
        o.note.map(cell).unwrap_or_default(),
        cell(&coverage.join("\n")),
    ]
}

#[cfg(test)]
mod tests {
    #[test]
    fn formula_like_cells_are_neutralised() {
        use super::cell;
        assert_eq!(cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(cell("+98 74"), "'+98 74");
        assert_eq!(cell("@x"), "'@x");
        assert_eq!(cell("بسیج"), "بسیج");
    }
}
