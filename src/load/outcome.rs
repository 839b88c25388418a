//! A programme's `outcome:` block into an [`Outcome`]: what was held, how
//! many came, the photos and the media coverage, each mistake located.

use super::event::EventNames;
use super::media::media;
use super::raw::{RawCoverage, RawOutcome, Text};
use super::resolve::Problems;
use super::yaml::Loc;
use crate::calendar::Date;
use crate::diagnostic::Diagnostic;
use crate::model::{Coverage, CoverageKind, Held, Outcome, Photo, https_url};
use crate::source::ContentDir;

/// Resolves one outcome block; `None` when it has a mistake (reported).
// Long because it destructures every key of the block and checks them
// together (what was held decides which keys may be given).
pub fn outcome(
    problems: &mut Problems,
    raw: Loc<RawOutcome>,
    names: &EventNames,
    content_dir: ContentDir,
    (planned, path): (Option<Date>, &str),
) -> Option<Outcome> {
    let Loc { value, span } = raw;
    let RawOutcome {
        held,
        date,
        until,
        participants,
        women_participants,
        note,
        photos,
        coverage,
    } = value;
    let at = |key: &str| format!("{path}.{key}");
    let errors_before = problems.0.len();
    let held_value = problems.keyword(&held, &at("held"), &Held::NAMES, Held::parse);
    let days = moved(problems, names, date.as_ref(), until.as_ref(), path);
    if let Some(h) = held_value {
        not_held(
            problems,
            h,
            date.as_ref(),
            &participants,
            &women_participants,
            path,
        );
    }
    if let (Some(Held::Postponed), Some((first, _)), Some(planned), Some(d)) =
        (held_value, days, planned, date.as_ref())
        && first <= planned
    {
        problems.push(
            Diagnostic::error(
                "postponed-not-later",
                format!(
                    "postponed to {}, which is not after its planned day {}",
                    d.value.trim(),
                    planned.code(names.calendar)
                ),
            )
            .at(d.span.clone())
            .expected(format!(
                "a new day after {} (or 'held: yes' with the day it was held)",
                planned.code(names.calendar)
            ))
            .path(format!("{path}.date")),
        );
    }
    if let (Some(w), Some(p)) = (&women_participants, &participants)
        && w.value > p.value
    {
        problems.push(
            Diagnostic::error(
                "women-over-participants",
                format!(
                    "{} women participants, but {} participants in all",
                    w.value, p.value
                ),
            )
            .at(w.span.clone())
            .expected(format!("at most {} (participants)", p.value))
            .path(at("women_participants")),
        );
    }
    let photos: Vec<Option<Photo>> = photos
        .iter()
        .flatten()
        .enumerate()
        .map(|(i, p)| {
            let written = media(problems, content_dir, p, &format!("{path}.photos[{i}]"))?;
            // Decoded by `media` already: its header reads again, for the
            // size it shows at (turned as the camera says).
            let size = super::media::upright_size(&content_dir.path.join(&written));
            let (width, height) = match size {
                Ok(size) => size,
                Err(e) => {
                    problems.push(
                        Diagnostic::error(
                            "bad-media",
                            format!("content/{written} cannot be read as an image: {e}"),
                        )
                        .at(p.span.clone())
                        .expected("a JPEG, PNG or WebP image")
                        .path(format!("{path}.photos[{i}]")),
                    );
                    return None;
                }
            };
            Some(Photo {
                path: written,
                width,
                height,
            })
        })
        .collect();
    let coverage: Vec<Option<Coverage>> = coverage
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, c)| coverage_item(problems, c, &format!("{path}.coverage[{i}]")))
        .collect();
    let note = problems.markdown(&note, &format!("{path}.note"));
    if problems.0.len() > errors_before {
        return None;
    }
    Some(Outcome {
        held: held_value?,
        date: days.map(|d| d.0),
        until: days.map(|d| d.1),
        participants_span: participants.as_ref().map(|p| p.span.clone()),
        participants: participants.map(|p| p.value),
        women_participants: women_participants.map(|w| w.value),
        note,
        photos: photos.into_iter().collect::<Option<_>>()?,
        coverage: coverage.into_iter().collect::<Option<_>>()?,
        held_span: held.span,
        span,
    })
}

/// The days a programme moved to: from the event's first day on (they
/// may fall after it), `until` only with `date` and not before it.
fn moved(
    problems: &mut Problems,
    names: &EventNames,
    date: Option<&Text>,
    until: Option<&Text>,
    path: &str,
) -> Option<(Date, Date)> {
    let mut day = |loc: &Text, key: &str| {
        let d = problems.date(names.calendar, loc, &format!("{path}.{key}"))?;
        if d < names.start {
            problems.push(
                Diagnostic::error(
                    "outcome-before-week",
                    format!("{} is before the event", loc.value.trim()),
                )
                .at(loc.span.clone())
                .expected(format!(
                    "a day from {} on (the day it was held, when it moved)",
                    names.start.code(names.calendar)
                ))
                .path(format!("{path}.{key}")),
            );
            return None;
        }
        Some(d)
    };
    let first = date.and_then(|d| day(d, "date"));
    let last = until.and_then(|u| day(u, "until"));
    let (Some(d), Some(u)) = (date, until) else {
        if let (None, Some(u)) = (date, until) {
            problems.push(
                Diagnostic::error("until-without-date", "'until' is given without 'date'")
                    .at(u.span.clone())
                    .expected("the day it moved to as 'date' as well")
                    .path(format!("{path}.until")),
            );
        }
        return first.map(|f| (f, f));
    };
    let (first, last) = (first?, last?);
    if last < first {
        problems.until_before_date(d, u, path);
        return None;
    }
    Some((first, last))
}

/// A programme that did not take place has no participants, and one not
/// held at all has no new date (that is `postponed`).
fn not_held(
    problems: &mut Problems,
    held: Held,
    date: Option<&Text>,
    participants: &Option<Loc<u32>>,
    women: &Option<Loc<u32>>,
    path: &str,
) {
    if !held.took_place() {
        for (key, n) in [
            ("participants", participants),
            ("women_participants", women),
        ] {
            if let Some(n) = n {
                problems.push(
                    Diagnostic::error(
                        "participants-not-held",
                        format!("{} {key}, but the programme was not held", n.value),
                    )
                    .at(n.span.clone())
                    .expected(format!(
                        "no '{key}' with 'held: {}' (or 'held: yes' or 'partly')",
                        held.as_str()
                    ))
                    .path(format!("{path}.{key}")),
                );
            }
        }
    }
    if let (Held::No, Some(d)) = (held, date) {
        problems.push(
            Diagnostic::error(
                "moved-but-not-held",
                "a new date is given, but the programme was not held",
            )
            .at(d.span.clone())
            .expected("'held: postponed' with the new date, or no 'date' with 'held: no'")
            .path(format!("{path}.date")),
        );
    }
}

fn coverage_item(problems: &mut Problems, raw: RawCoverage, path: &str) -> Option<Coverage> {
    let RawCoverage {
        title,
        url,
        outlet,
        kind,
    } = raw;
    let title = problems.text(&title, &format!("{path}.title"));
    let outlet = problems.optional_text(&outlet, &format!("{path}.outlet"));
    let kind = problems.keyword(
        &kind,
        &format!("{path}.kind"),
        &CoverageKind::NAMES,
        CoverageKind::parse,
    );
    let written = url.value.trim();
    let https = https_url(written);
    if https.is_none() {
        problems.push(
            Diagnostic::error(
                "coverage-not-https",
                format!("'{written}' is not an https address"),
            )
            .at(url.span.clone())
            .expected("an https:// address of the media item, e.g. https://example.org/news/1")
            .path(format!("{path}.url")),
        );
    }
    Some(Coverage {
        title,
        url: https?,
        outlet,
        kind: kind?,
    })
}
