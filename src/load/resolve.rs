//! Raw structs into the model: every id looked up, every date parsed in the
//! event's calendar, every rule of the content format checked.
//!
//! Resolution never stops at the first mistake: each field that is wrong
//! adds a diagnostic and resolution goes on with what it has, so one run
//! shows everything. An entry that could not even be parsed makes its list
//! "broken", and lookups into a broken list do not report unknown ids (the
//! id may be the one in the broken entry): no error cascades.

use std::collections::HashMap;

use icu::locale::Locale;

use super::raw::*;
use super::yaml::Item;
use crate::calendar::{CalendarKind, Date, DateError, Direction, Time};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::model::*;
use crate::source::Span;

/// Collects diagnostics while resolving.
#[derive(Default)]
pub struct Problems(pub Vec<Diagnostic>);

impl Problems {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Takes the entries that parsed; reports the others under `list[i]`.
    pub fn entries<T>(&mut self, list: &str, items: Vec<Item<T>>) -> (Vec<(usize, T)>, bool) {
        let mut ok = Vec::with_capacity(items.len());
        let mut broken = false;
        for (i, item) in items.into_iter().enumerate() {
            match item {
                Item::Ok(t) => ok.push((i, t)),
                Item::Err(mut d) => {
                    d.path = Some(match d.path.take() {
                        Some(inner) => format!("{list}[{i}].{inner}"),
                        None => format!("{list}[{i}]"),
                    });
                    self.push(*d);
                    broken = true;
                }
            }
        }
        (ok, broken)
    }

    /// A trimmed text that must not be empty.
    pub fn text(&mut self, loc: &Text, path: &str) -> String {
        let t = loc.value.trim();
        if t.is_empty() {
            self.push(
                Diagnostic::error("empty-text", "this text is empty")
                    .at(loc.span.clone())
                    .expected("some text")
                    .path(path),
            );
        }
        t.to_string()
    }

    pub fn optional_text(&mut self, loc: &Option<Text>, path: &str) -> Option<String> {
        loc.as_ref().map(|l| self.text(l, path))
    }

    pub fn markdown(&mut self, loc: &Option<Text>) -> Option<Markdown> {
        loc.as_ref().map(|l| Markdown(l.value.clone()))
    }

    /// An id: `[a-z0-9-]+`, safe as a URL segment and a file name.
    pub fn id(&mut self, loc: &Text, path: &str) -> String {
        let id = loc.value.as_str();
        if !is_valid_id(id) {
            let suggestion = suggest_id(id);
            self.push(
                Diagnostic::error("invalid-id", format!("'{id}' is not a valid id"))
                    .at(loc.span.clone())
                    .expected("lower-case letters a-z, digits and '-' only (it becomes a URL and a file name)")
                    .path(path)
                    .hint_opt((!suggestion.is_empty()).then(|| format!("did you mean '{suggestion}'?"))),
            );
        }
        id.to_string()
    }

    pub fn date(&mut self, calendar: CalendarKind, loc: &Text, path: &str) -> Option<Date> {
        let example = match calendar {
            CalendarKind::Persian => "1405-08-29",
            CalendarKind::Gregorian => "2027-03-08",
        };
        let calendar_name = CalendarKind::NAMES[calendar as usize];
        match Date::parse(calendar, &loc.value) {
            Ok(d) => Some(d),
            Err(DateError::Format) => {
                self.push(
                    Diagnostic::error("bad-date", format!("'{}' is not a date", loc.value))
                        .at(loc.span.clone())
                        .expected(format!(
                            "YYYY-MM-DD in the {calendar_name} calendar, e.g. {example}"
                        ))
                        .path(path),
                );
                None
            }
            Err(DateError::NoSuchDay { field, max }) => {
                self.push(
                    Diagnostic::error(
                        "bad-date",
                        format!(
                            "there is no day {} in the {calendar_name} calendar",
                            loc.value.trim()
                        ),
                    )
                    .at(loc.span.clone())
                    .expected(format!("a {field} from 1 to {max}"))
                    .path(path),
                );
                None
            }
        }
    }

    pub fn time(&mut self, loc: &Text, path: &str) -> Option<Time> {
        let t = Time::parse(&loc.value);
        if t.is_none() {
            self.push(
                Diagnostic::error("bad-time", format!("'{}' is not a time of day", loc.value))
                    .at(loc.span.clone())
                    .expected("HH:MM, 24-hour, from 00:00 to 23:59, e.g. \"08:30\"")
                    .path(path),
            );
        }
        t
    }

    /// One of a fixed set of words.
    pub fn keyword<T>(
        &mut self,
        loc: &Text,
        path: &str,
        names: &[&str],
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let v = parse(loc.value.trim());
        if v.is_none() {
            self.push(
                Diagnostic::error("bad-value", format!("'{}' is not allowed here", loc.value))
                    .at(loc.span.clone())
                    .expected(format!("one of: {}", names.join(", ")))
                    .path(path)
                    .hint_opt(did_you_mean(loc.value.trim(), names.iter().copied())),
            );
        }
        v
    }

    pub fn hashtags(&mut self, tags: &Option<Vec<Text>>, path: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (i, tag) in tags.iter().flatten().enumerate() {
            let t = tag.value.trim();
            let valid = t.len() > 1
                && t.starts_with('#')
                && !t[1..].contains(|c: char| c.is_whitespace() || c == '#');
            if valid {
                out.push(t.to_string());
            } else {
                self.push(
                    Diagnostic::error("bad-hashtag", format!("'{t}' is not a hashtag"))
                        .at(tag.span.clone())
                        .expected("'#' and a word without spaces, quoted in YAML: \"#هفته_بسیج\"")
                        .path(format!("{path}[{i}]")),
                );
            }
        }
        out
    }
}

pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The nearest valid id, for hints: `Students Day` → `students-day`.
fn suggest_id(id: &str) -> String {
    let mut s = String::new();
    for c in id.chars() {
        match c {
            'a'..='z' | '0'..='9' => s.push(c),
            'A'..='Z' => s.push(c.to_ascii_lowercase()),
            ' ' | '_' | '-' | '.' | '/' | '\\' if !s.is_empty() && !s.ends_with('-') => s.push('-'),
            _ => {}
        }
    }
    s.trim_end_matches('-').to_string()
}

/// Ids of one list (headquarters, strata, …) for lookups.
pub struct Names<I> {
    kind: &'static str,
    by_id: HashMap<String, I>,
    /// Some entry failed to parse: its id is unknown, so unknown ids are not
    /// reported against this list.
    broken: bool,
}

impl<I: Copy> Names<I> {
    pub fn new(kind: &'static str, broken: bool) -> Self {
        Names {
            kind,
            by_id: HashMap::new(),
            broken,
        }
    }

    /// Registers an id; a duplicate is an error at its second use.
    pub fn define(&mut self, problems: &mut Problems, loc: &Text, index: I, path: &str) {
        if self.by_id.contains_key(&loc.value) {
            problems.push(
                Diagnostic::error(
                    "duplicate-id",
                    format!("the {} id '{}' is used twice", self.kind, loc.value),
                )
                .at(loc.span.clone())
                .expected(format!("a {} id not used before", self.kind))
                .path(path),
            );
        } else {
            self.by_id.insert(loc.value.clone(), index);
        }
    }

    pub fn lookup(&self, problems: &mut Problems, loc: &Text, path: &str) -> Option<I> {
        let found = self.by_id.get(loc.value.trim()).copied();
        if found.is_none() && !self.broken {
            let mut sorted: Vec<&str> = self.by_id.keys().map(String::as_str).collect();
            sorted.sort_unstable();
            let listed = if sorted.is_empty() {
                format!("no {} is defined in content/event.yaml", self.kind)
            } else if sorted.len() <= 12 {
                format!("one of: {}", sorted.join(", "))
            } else {
                format!(
                    "one of the {} {} ids in content/event.yaml",
                    sorted.len(),
                    self.kind
                )
            };
            problems.push(
                Diagnostic::error(
                    "unknown-id",
                    format!("unknown {} '{}'", self.kind, loc.value),
                )
                .at(loc.span.clone())
                .expected(listed)
                .path(path)
                .hint_opt(did_you_mean(loc.value.trim(), sorted.iter().copied())),
            );
        }
        found
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// Whether an entry of the list could not be read (its id is unknown).
    pub fn is_broken(&self) -> bool {
        self.broken
    }
}

/// What programmes need from the event while they are resolved.
pub struct EventNames {
    pub calendar: CalendarKind,
    pub start: Date,
    pub end: Date,
    pub headquarters: Names<HeadquartersId>,
    pub strata: Names<StratumId>,
    pub axes: Names<AxisId>,
    pub counties: Names<CountyId>,
}

/// Resolves `event.yaml`. Returns the event (without programmes) and the
/// names programmes are checked against, or `None` when the calendar or the
/// week itself could not be read (then nothing else can be checked).
pub fn event(raw: RawEvent, problems: &mut Problems) -> Option<(Event, EventNames)> {
    let RawEvent {
        title,
        slogan,
        organizer,
        description,
        locale,
        calendar,
        timezone,
        start,
        end,
        base_url,
        hashtags,
        theme,
        targets,
        bulletins,
        days,
        axes,
        headquarters,
        strata,
        counties,
    } = raw;

    let title = problems.text(&title, "title");
    let slogan = problems.optional_text(&slogan, "slogan");
    let organizer = problems.optional_text(&organizer, "organizer");
    let description = problems.markdown(&description);
    let locale_value = parse_locale(problems, &locale);
    let calendar = problems.keyword(
        &calendar,
        "calendar",
        &CalendarKind::NAMES,
        CalendarKind::parse,
    );
    let timezone = parse_timezone(problems, &timezone);
    let base_url = base_url.as_ref().and_then(|b| parse_base_url(problems, b));
    let hashtags = problems.hashtags(&hashtags, "hashtags");
    let theme = theme.map_or_else(|| "default".to_string(), |t| problems.id(&t, "theme"));
    let (targets, women_share_span) = parse_targets(problems, targets);
    let bulletins = parse_bulletins(problems, bulletins);

    // Lists the programmes refer to.
    let (axis_entries, axes_broken) = problems.entries("axes", axes.unwrap_or_default());
    let mut axis_names = Names::new("axis", axes_broken);
    let mut axes_out: Vec<Axis> = Vec::new();
    for (i, a) in axis_entries {
        let path = format!("axes[{i}]");
        let RawAxis {
            id,
            title,
            description,
        } = a;
        let id_text = problems.id(&id, &format!("{path}.id"));
        axis_names.define(
            problems,
            &id,
            AxisId::new(axes_out.len()),
            &format!("{path}.id"),
        );
        axes_out.push(Axis {
            id: id_text,
            title: problems.text(&title, &format!("{path}.title")),
            description: problems.markdown(&description),
            span: id.span.clone(),
        });
    }

    let hq_span = headquarters.span.clone();
    let (hq_entries, hq_broken) = problems.entries("headquarters", headquarters.value);
    let mut hq_names = Names::new("headquarters", hq_broken);
    let mut hq_out: Vec<Headquarters> = Vec::new();
    for (i, h) in hq_entries {
        let path = format!("headquarters[{i}]");
        let RawHeadquarters {
            id,
            title,
            lead,
            color,
            description,
        } = h;
        let id_text = problems.id(&id, &format!("{path}.id"));
        hq_names.define(
            problems,
            &id,
            HeadquartersId::new(hq_out.len()),
            &format!("{path}.id"),
        );
        hq_out.push(Headquarters {
            id: id_text,
            title: problems.text(&title, &format!("{path}.title")),
            lead: problems.optional_text(&lead, &format!("{path}.lead")),
            color: color
                .as_ref()
                .and_then(|c| parse_color(problems, c, &format!("{path}.color"))),
            description: problems.markdown(&description),
            span: id.span.clone(),
        });
    }
    if hq_out.is_empty() && !hq_broken {
        problems.push(
            Diagnostic::error("empty-list", "the event has no headquarters")
                .at(hq_span)
                .expected("at least one headquarters: every programme belongs to one")
                .path("headquarters"),
        );
    }

    let strata_span = strata.span.clone();
    let (stratum_entries, strata_broken) = problems.entries("strata", strata.value);
    let mut stratum_names = Names::new("stratum", strata_broken);
    let mut strata_out: Vec<Stratum> = Vec::new();
    for (i, s) in stratum_entries {
        let path = format!("strata[{i}]");
        let RawStratum {
            id,
            title,
            description,
        } = s;
        let id_text = problems.id(&id, &format!("{path}.id"));
        stratum_names.define(
            problems,
            &id,
            StratumId::new(strata_out.len()),
            &format!("{path}.id"),
        );
        strata_out.push(Stratum {
            id: id_text,
            title: problems.text(&title, &format!("{path}.title")),
            description: problems.markdown(&description),
            span: id.span.clone(),
        });
    }
    if strata_out.is_empty() && !strata_broken {
        problems.push(
            Diagnostic::error("empty-list", "the event has no strata")
                .at(strata_span)
                .expected("at least one stratum: every programme file belongs to one")
                .path("strata"),
        );
    }

    let (county_entries, counties_broken) =
        problems.entries("counties", counties.unwrap_or_default());
    let mut county_names = Names::new("county", counties_broken);
    let mut counties_out: Vec<County> = Vec::new();
    for (i, c) in county_entries {
        let path = format!("counties[{i}]");
        let RawCounty {
            id,
            title,
            staff,
            description,
        } = c;
        let id_text = problems.id(&id, &format!("{path}.id"));
        county_names.define(
            problems,
            &id,
            CountyId::new(counties_out.len()),
            &format!("{path}.id"),
        );
        let (head, secretary) = match staff {
            Some(RawStaff { head, secretary }) => (
                problems.optional_text(&head, &format!("{path}.staff.head")),
                problems.optional_text(&secretary, &format!("{path}.staff.secretary")),
            ),
            None => (None, None),
        };
        counties_out.push(County {
            id: id_text,
            title: problems.text(&title, &format!("{path}.title")),
            head,
            secretary,
            description: problems.markdown(&description),
            span: id.span.clone(),
        });
    }

    // The week.
    let calendar = calendar?;
    let first = problems.date(calendar, &start, "start");
    let last = problems.date(calendar, &end, "end");
    let (first, last) = (first?, last?);
    // Feeds, PDFs and calendar libraries need four-digit Gregorian years.
    for (date, loc, path) in [(first, &start, "start"), (last, &end, "end")] {
        let (year, ..) = date.ymd(CalendarKind::Gregorian);
        if !(1000..=9999).contains(&year) {
            problems.push(
                Diagnostic::error(
                    "bad-date",
                    format!("{} is the Gregorian year {year}", loc.value.trim()),
                )
                .at(loc.span.clone())
                .expected("a date between the Gregorian years 1000 and 9999")
                .path(path),
            );
            return None;
        }
    }
    let length = first.days_until(last) + 1;
    if !(1..=31).contains(&length) {
        let message = if length < 1 {
            format!(
                "the event ends ({}) before it starts ({})",
                end.value.trim(),
                start.value.trim()
            )
        } else {
            format!("the event is {length} days long")
        };
        problems.push(
            Diagnostic::error("bad-week", message)
                .at(end.span.clone())
                .expected("an end date 1 to 31 days after the start, inclusive")
                .path("end"),
        );
        return None;
    }

    let days_span = days.span.clone();
    let (day_entries, days_broken) = problems.entries("days", days.value);
    let mut slots: Vec<Option<Day>> = (0..length).map(|_| None).collect();
    let mut previous: Option<Date> = None;
    for (i, d) in day_entries {
        let path = format!("days[{i}]");
        let RawDay { date, title, focus } = d;
        let title = problems.text(&title, &format!("{path}.title"));
        let (focus_strata, focus_headquarters) = match focus {
            Some(RawFocus {
                strata,
                headquarters,
            }) => (
                strata
                    .iter()
                    .flatten()
                    .enumerate()
                    .filter_map(|(j, s)| {
                        stratum_names
                            .lookup(problems, s, &format!("{path}.focus.strata[{j}]"))
                            .map(|id| (id, s.span.clone()))
                    })
                    .collect(),
                headquarters
                    .iter()
                    .flatten()
                    .enumerate()
                    .filter_map(|(j, h)| {
                        hq_names
                            .lookup(problems, h, &format!("{path}.focus.headquarters[{j}]"))
                            .map(|id| (id, h.span.clone()))
                    })
                    .collect(),
            ),
            None => (Vec::new(), Vec::new()),
        };
        let Some(day) = problems.date(calendar, &date, &format!("{path}.date")) else {
            continue;
        };
        let offset = first.days_until(day);
        let expected_week = format!(
            "a date from {} to {}",
            first.code(calendar),
            last.code(calendar)
        );
        if offset < 0 || offset >= length {
            problems.push(
                Diagnostic::error(
                    "date-outside-week",
                    format!("{} is not a day of the event", date.value.trim()),
                )
                .at(date.span.clone())
                .expected(expected_week)
                .path(format!("{path}.date")),
            );
            continue;
        }
        if previous.is_some_and(|p| day < p) {
            problems.push(
                Diagnostic::error(
                    "days-out-of-order",
                    format!("{} comes after a later day", date.value.trim()),
                )
                .at(date.span.clone())
                .expected("the days in date order")
                .path(format!("{path}.date")),
            );
        }
        previous = Some(day);
        let slot = &mut slots[offset as usize];
        if slot.is_some() {
            problems.push(
                Diagnostic::error(
                    "duplicate-day",
                    format!("the day {} is listed twice", date.value.trim()),
                )
                .at(date.span.clone())
                .expected("each day of the event exactly once")
                .path(format!("{path}.date")),
            );
            continue;
        }
        *slot = Some(Day {
            date: day,
            title,
            focus_strata,
            focus_headquarters,
            span: date.span.clone(),
        });
    }
    let mut days_out = Vec::with_capacity(slots.len());
    for (n, slot) in slots.into_iter().enumerate() {
        match slot {
            Some(day) => days_out.push(day),
            None => {
                if !days_broken {
                    let missing = first.add_days(n as i64).code(calendar);
                    problems.push(
                        Diagnostic::error(
                            "day-missing",
                            format!("the day {missing} is missing from days"),
                        )
                        .at(days_span.clone())
                        .expected("every date from start to end, once each, in order")
                        .path("days"),
                    );
                }
            }
        }
    }

    let locale = locale_value.unwrap_or_else(|| "en".parse().expect("'en' is a locale"));
    let direction = Direction::of(&locale);
    let event = Event {
        title,
        slogan,
        organizer,
        description,
        locale,
        direction,
        calendar,
        timezone: timezone.unwrap_or_else(|| "UTC".to_string()),
        start: first,
        end: last,
        base_url,
        hashtags,
        theme,
        targets,
        bulletins,
        days: days_out,
        axes: axes_out,
        headquarters: hq_out,
        strata: strata_out,
        counties: counties_out,
        programmes: Vec::new(),
        women_share_span,
    };
    let names = EventNames {
        calendar,
        start: first,
        end: last,
        headquarters: hq_names,
        strata: stratum_names,
        axes: axis_names,
        counties: county_names,
    };
    Some((event, names))
}

fn parse_locale(problems: &mut Problems, loc: &Text) -> Option<Locale> {
    match Locale::try_from_str(loc.value.trim()) {
        Ok(l) => Some(l),
        Err(_) => {
            problems.push(
                Diagnostic::error(
                    "bad-locale",
                    format!("'{}' is not a BCP-47 locale", loc.value),
                )
                .at(loc.span.clone())
                .expected("a language tag such as fa, en, fa-IR, en-GB")
                .path("locale"),
            );
            None
        }
    }
}

fn parse_timezone(problems: &mut Problems, loc: &Option<Text>) -> Option<String> {
    let loc = loc.as_ref()?;
    let name = loc.value.trim();
    if jiff::tz::TimeZone::get(name).is_err() {
        problems.push(
            Diagnostic::error("bad-timezone", format!("'{name}' is not an IANA time zone"))
                .at(loc.span.clone())
                .expected("a time zone name such as Asia/Tehran or Europe/London")
                .path("timezone"),
        );
        return None;
    }
    Some(name.to_string())
}

/// An absolute http(s) URL without query or fragment, ending in `/`: the
/// base every absolute link of the site is made from.
pub fn base_url(text: &str) -> Option<String> {
    let u = url::Url::parse(text.trim()).ok()?;
    let usable = matches!(u.scheme(), "http" | "https")
        && u.host().is_some()
        && u.query().is_none()
        && u.fragment().is_none();
    usable.then(|| {
        let mut s = u.to_string();
        if !s.ends_with('/') {
            s.push('/');
        }
        s
    })
}

fn parse_base_url(problems: &mut Problems, loc: &Text) -> Option<String> {
    let text = loc.value.trim();
    match base_url(text) {
        Some(url) => Some(url),
        None => {
            problems.push(
                Diagnostic::error(
                    "bad-url",
                    format!("'{text}' is not an absolute web address"),
                )
                .at(loc.span.clone())
                .expected("an http:// or https:// URL, e.g. https://example.org/week/")
                .path("base_url"),
            );
            None
        }
    }
}

fn parse_color(problems: &mut Problems, loc: &Text, path: &str) -> Option<String> {
    let c = loc.value.trim();
    let hex = c.strip_prefix('#').unwrap_or("");
    if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        Some(c.to_ascii_lowercase())
    } else {
        problems.push(
            Diagnostic::error("bad-color", format!("'{c}' is not a colour"))
                .at(loc.span.clone())
                .expected("#rrggbb, quoted in YAML: \"#2e7d32\"")
                .path(path),
        );
        None
    }
}

fn parse_targets(problems: &mut Problems, targets: Option<RawTargets>) -> (Targets, Option<Span>) {
    let Some(RawTargets {
        women_share,
        central_per_stratum,
    }) = targets
    else {
        return (Targets::default(), None);
    };
    let span = women_share.as_ref().map(|w| w.span.clone());
    let women_share = women_share.and_then(|w| {
        if (0.0..=1.0).contains(&w.value) {
            Some(w.value)
        } else {
            problems.push(
                Diagnostic::error("bad-target", format!("{} is not a share", w.value))
                    .at(w.span)
                    .expected("a number from 0 to 1, e.g. 0.5 for 50%")
                    .path("targets.women_share"),
            );
            None
        }
    });
    let targets = Targets {
        women_share,
        central_per_stratum: central_per_stratum.map(|c| c.value),
    };
    (targets, span)
}

fn parse_bulletins(problems: &mut Problems, bulletins: Option<RawBulletins>) -> BulletinSettings {
    let Some(RawBulletins { paper, group_by }) = bulletins else {
        return BulletinSettings::default();
    };
    let paper = paper.and_then(|p| {
        problems.keyword(
            &p,
            "bulletins.paper",
            &["A4", "A5", "Letter"],
            |s| match s {
                "A4" => Some(Paper::A4),
                "A5" => Some(Paper::A5),
                "Letter" => Some(Paper::Letter),
                _ => None,
            },
        )
    });
    let group_by = group_by.and_then(|g| {
        problems.keyword(
            &g,
            "bulletins.group_by",
            &["headquarters", "time"],
            |s| match s {
                "headquarters" => Some(GroupBy::Headquarters),
                "time" => Some(GroupBy::Time),
                _ => None,
            },
        )
    });
    BulletinSettings {
        paper: paper.unwrap_or_default(),
        group_by: group_by.unwrap_or_default(),
    }
}
