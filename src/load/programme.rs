//! Programme files into [`Programme`]s, checked against the event.

use std::collections::HashMap;

use super::event::EventNames;
use super::media::media;
use super::raw::{RawHighlight, RawProgramme, RawProgrammeFile, Text};
use super::resolve::{Problems, is_valid_id};
use super::yaml::Loc;
use crate::calendar::{Date, Time};
use crate::diagnostic::Diagnostic;
use crate::model::*;
use crate::source::{ContentDir, SourceId, Sources, Span};

/// Longest caption a highlight may have: what fits one post.
pub const MAX_CAPTION_CHARS: usize = 280;

/// A parsed programme file, before resolution.
pub struct ProgrammeFile {
    pub source: SourceId,
    /// The file name without extension; must equal its `stratum`.
    pub stem: String,
    pub raw: RawProgrammeFile,
}

/// Resolves every programme of every file, in file order.
pub fn programmes(
    files: Vec<ProgrammeFile>,
    names: &EventNames,
    content_dir: ContentDir,
    sources: &Sources,
    problems: &mut Problems,
) -> Vec<Programme> {
    let mut out = Vec::new();
    let mut seen_ids: HashMap<String, Span> = HashMap::new();
    let mut seen_strata: HashMap<StratumId, SourceId> = HashMap::new();
    for file in files {
        let ProgrammeFile { source, stem, raw } = file;
        let RawProgrammeFile { stratum, programs } = raw;
        let Some(stratum_id) = file_stratum(
            &stratum,
            &stem,
            source,
            names,
            sources,
            &mut seen_strata,
            problems,
        ) else {
            // An unknown stratum: the programmes can only be read, not
            // resolved, so their YAML mistakes are still reported.
            let _ = problems.entries("programs", programs);
            continue;
        };
        let (entries, _) = problems.entries("programs", programs);
        for (i, raw) in entries {
            let path = format!("programs[{i}]");
            // Ids are claimed as written, before the rest is resolved, so a
            // duplicate is reported even when one of the two has other mistakes.
            let id = raw.id.value.trim().to_string();
            let duplicate = match seen_ids.get(&id) {
                Some(first) => {
                    let (line, column) = sources.position(first);
                    problems.push(
                        Diagnostic::error(
                            "duplicate-id",
                            format!("the programme id '{id}' is used twice"),
                        )
                        .at(raw.id.span.clone())
                        .expected(
                            "a programme id unique in the whole event (it becomes the page's URL)",
                        )
                        .path(format!("{path}.id"))
                        .hint(format!(
                            "first used at {}:{line}:{column}",
                            sources.get(first.file).name
                        )),
                    );
                    true
                }
                None => {
                    seen_ids.insert(id, raw.id.span.clone());
                    false
                }
            };
            if let Some(p) = programme(raw, stratum_id, &path, names, content_dir, problems)
                && !duplicate
            {
                out.push(p);
            }
        }
    }
    out
}

/// The stratum a file belongs to: its `stratum` key, which must name a
/// stratum of the event and match the file name.
fn file_stratum(
    stratum: &Text,
    stem: &str,
    source: SourceId,
    names: &EventNames,
    sources: &Sources,
    seen: &mut HashMap<StratumId, SourceId>,
    problems: &mut Problems,
) -> Option<StratumId> {
    let id = names.strata.lookup(problems, stratum, "stratum")?;
    if stratum.value.trim() != stem {
        let file_name = sources
            .get(source)
            .name
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_string();
        let expected = if is_valid_id(stem) {
            format!(
                "'stratum: {stem}', or the file renamed to {}.yaml",
                stratum.value.trim()
            )
        } else {
            format!(
                "a file named after its stratum: {}.yaml",
                stratum.value.trim()
            )
        };
        problems.push(
            Diagnostic::error(
                "stratum-mismatch",
                format!(
                    "the file {file_name} says it is stratum '{}'",
                    stratum.value.trim()
                ),
            )
            .at(stratum.span.clone())
            .expected(expected)
            .path("stratum"),
        );
        // Resolved anyway, so the programmes' own mistakes show in this run.
        return Some(id);
    }
    if let Some(first) = seen.insert(id, source) {
        problems.push(
            Diagnostic::error(
                "duplicate-stratum-file",
                format!("a second programme file for stratum '{stem}'"),
            )
            .at(stratum.span.clone())
            .expected("one file per stratum")
            .path("stratum")
            .hint(format!("the first is {}", sources.get(first).name)),
        );
        return None;
    }
    Some(id)
}

// Long because it destructures every key of a programme and builds the
// Programme field by field, so that no key can be forgotten; the work is
// done by the functions it calls.
fn programme(
    raw: RawProgramme,
    stratum: StratumId,
    path: &str,
    names: &EventNames,
    content_dir: ContentDir,
    problems: &mut Problems,
) -> Option<Programme> {
    let RawProgramme {
        id,
        title,
        date,
        until,
        start,
        end,
        headquarters,
        axes,
        county,
        venue,
        audience,
        women,
        central,
        status,
        expected_participants,
        contact,
        highlight,
        description,
        outcome,
    } = raw;
    let at = |key: &str| format!("{path}.{key}");
    let id_text = problems.id(&id, &at("id"));
    let title = problems.text(&title, &at("title"));
    let when = when(problems, names, &date, until.as_ref(), path);
    let (start_time, end_time) = times(problems, start.as_ref(), end.as_ref(), path);
    let hq = names
        .headquarters
        .lookup(problems, &headquarters, &at("headquarters"));
    let axes = resolve_axes(problems, names, axes, &id.span, &at("axes"));
    let county = county
        .as_ref()
        .and_then(|c| names.counties.lookup(problems, c, &at("county")));
    let status = status
        .as_ref()
        .map(|s| problems.keyword(s, &at("status"), &Status::NAMES, Status::parse))
        .unwrap_or(Some(Status::Approved));
    let highlight =
        highlight.and_then(|h| resolve_highlight(problems, h, content_dir, &at("highlight")));
    let description = problems.markdown(&description, &at("description"));
    let outcome = match outcome {
        Some(o) => Some(super::outcome::outcome(
            problems,
            o,
            names,
            content_dir,
            (when.map(|w| w.0), &at("outcome")),
        )?),
        None => None,
    };

    Some(Programme {
        id: id_text,
        title,
        stratum,
        date: when?.0,
        until: when?.1,
        start: start_time,
        end: end_time,
        headquarters: hq?,
        axes: axes?,
        county,
        venue_span: venue.as_ref().map(|v| v.span.clone()),
        venue: problems.optional_text(&venue, &at("venue")),
        audience: problems.optional_text(&audience, &at("audience")),
        women: women.is_some_and(|w| w.value),
        central_span: central.as_ref().filter(|c| c.value).map(|c| c.span.clone()),
        central: central.is_some_and(|c| c.value),
        status: status?,
        expected_participants: expected_participants.map(|e| e.value),
        contact: problems.optional_text(&contact, &at("contact")),
        highlight,
        description,
        outcome,
        span: id.span,
    })
}

/// The first and last day of a programme, both within the event and in
/// order.
fn when(
    problems: &mut Problems,
    names: &EventNames,
    date: &Text,
    until: Option<&Text>,
    path: &str,
) -> Option<(Date, Date)> {
    let first = in_week(problems, names, date, &format!("{path}.date"));
    let last = match until {
        Some(u) => in_week(problems, names, u, &format!("{path}.until")),
        None => first,
    };
    if let (Some(f), Some(l), Some(u)) = (first, last, until)
        && l < f
    {
        problems.until_before_date(date, u, path);
    }
    Some((first?, last?.max(first?)))
}

/// Start and end times: an end only with a start, and after it.
fn times(
    problems: &mut Problems,
    start: Option<&Text>,
    end: Option<&Text>,
    path: &str,
) -> (Option<Time>, Option<Time>) {
    let start_time = start.and_then(|s| problems.time(s, &format!("{path}.start")));
    let end_time = end.and_then(|e| problems.time(e, &format!("{path}.end")));
    if let Some(e) = end {
        if start.is_none() {
            problems.push(
                Diagnostic::error("end-without-start", "'end' is given without 'start'")
                    .at(e.span.clone())
                    .expected("a 'start' time as well, or neither for an all-day programme")
                    .path(format!("{path}.end")),
            );
        } else if let (Some(s), Some(t)) = (start_time, end_time)
            && t <= s
        {
            problems.push(
                Diagnostic::error(
                    "end-before-start",
                    format!("the programme ends ({t}) before it starts ({s})"),
                )
                .at(e.span.clone())
                .expected(format!("an end time after {s}"))
                .path(format!("{path}.end")),
            );
        }
    }
    (start_time, end_time.filter(|_| start_time.is_some()))
}

/// A date that must fall within the event.
fn in_week(problems: &mut Problems, names: &EventNames, loc: &Text, path: &str) -> Option<Date> {
    let d = problems.date(names.calendar, loc, path)?;
    if d < names.start || d > names.end {
        problems.push(
            Diagnostic::error(
                "date-outside-week",
                format!("{} is not a day of the event", loc.value.trim()),
            )
            .at(loc.span.clone())
            .expected(format!(
                "a date from {} to {}",
                names.start.code(names.calendar),
                names.end.code(names.calendar)
            ))
            .path(path),
        );
        return None;
    }
    Some(d)
}

fn resolve_axes(
    problems: &mut Problems,
    names: &EventNames,
    axes: Option<Loc<Vec<Text>>>,
    entry: &Span,
    path: &str,
) -> Option<Vec<AxisId>> {
    // A list with an unreadable entry still has axes: no error cascades from it.
    let event_has_axes = !names.axes.is_empty() || names.axes.is_broken();
    match axes {
        None if event_has_axes => {
            problems.push(
                Diagnostic::error("axes-missing", "the programme names no axis")
                    .at(entry.clone())
                    .expected("'axes:' with one or more of the event's axes")
                    .path(path),
            );
            None
        }
        None => Some(Vec::new()),
        Some(list) if !event_has_axes && !list.value.is_empty() => {
            problems.push(
                Diagnostic::error(
                    "axes-not-allowed",
                    "the event has no axes, but this programme names some",
                )
                .at(list.span)
                .expected("no 'axes:' key (or add the axes to content/event.yaml)")
                .path(path),
            );
            None
        }
        Some(list) if list.value.is_empty() && event_has_axes => {
            problems.push(
                Diagnostic::error("axes-missing", "the programme names no axis")
                    .at(list.span)
                    .expected("one or more of the event's axes")
                    .path(path),
            );
            None
        }
        Some(list) => {
            let mut out = Vec::new();
            let mut ok = true;
            for (j, a) in list.value.iter().enumerate() {
                match names.axes.lookup(problems, a, &format!("{path}[{j}]")) {
                    Some(id) if out.contains(&id) => {
                        problems.push(
                            Diagnostic::error(
                                "duplicate-axis",
                                format!("the axis '{}' is listed twice", a.value.trim()),
                            )
                            .at(a.span.clone())
                            .expected("each axis once")
                            .path(format!("{path}[{j}]")),
                        );
                    }
                    Some(id) => out.push(id),
                    None => ok = false,
                }
            }
            ok.then_some(out)
        }
    }
}

fn resolve_highlight(
    problems: &mut Problems,
    h: Loc<RawHighlight>,
    content_dir: ContentDir,
    path: &str,
) -> Option<Highlight> {
    let RawHighlight {
        summary,
        quote,
        image,
        hashtags,
    } = h.value;
    let caption = problems.text(&summary, &format!("{path}.summary"));
    let length = caption.chars().count();
    if length > MAX_CAPTION_CHARS {
        problems.push(
            Diagnostic::error(
                "caption-too-long",
                format!("the caption is {length} characters long"),
            )
            .at(summary.span.clone())
            .expected(format!(
                "at most {MAX_CAPTION_CHARS} characters, to fit one post"
            ))
            .path(format!("{path}.summary")),
        );
    }
    let image = match &image {
        Some(i) => Some(media(problems, content_dir, i, &format!("{path}.image"))?),
        None => None,
    };
    Some(Highlight {
        summary: caption,
        quote: problems.optional_text(&quote, &format!("{path}.quote")),
        image,
        hashtags: problems.hashtags(&hashtags, &format!("{path}.hashtags")),
    })
}
