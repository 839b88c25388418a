//! `content/event.yaml` into the model: the week and its days, and the
//! lists programmes refer to (axes, headquarters, strata, counties).

use icu::locale::Locale;

use super::raw::*;
use super::resolve::{Names, Problems};
use super::yaml::{Item, Loc};
use crate::calendar::{CalendarKind, Date, Direction};
use crate::diagnostic::Diagnostic;
use crate::model::*;
use crate::source::Span;

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
// Long because it destructures every key of event.yaml and builds the
// Event field by field, so that no key can be forgotten; the work is done
// by the functions it calls.
pub fn event(
    raw: RawEvent,
    as_of: Option<&str>,
    problems: &mut Problems,
) -> Option<(Event, EventNames)> {
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
        page_size,
        targets,
        bulletins,
        reporting,
        days,
        axes,
        headquarters,
        strata,
        counties,
        staff_roles,
    } = raw;

    let title = problems.text(&title, "title");
    let slogan = problems.optional_text(&slogan, "slogan");
    let organizer = problems.optional_text(&organizer, "organizer");
    let description = problems.markdown(&description, "description");
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
    let page_size = page_size
        .and_then(|p| at_least(problems, &p, 10, "page_size"))
        .unwrap_or(DEFAULT_PAGE_SIZE);
    let staff_roles = match staff_roles {
        Some(RawStaff { head, secretary }) => StaffRoles {
            head: problems.optional_text(&head, "staff_roles.head"),
            secretary: problems.optional_text(&secretary, "staff_roles.secretary"),
        },
        None => StaffRoles::default(),
    };

    // The lists programmes refer to, then the week and its days.
    let (axes, axis_names) = axes_list(problems, axes.unwrap_or_default());
    let (headquarters, hq_names) = headquarters_list(problems, headquarters);
    let (strata, stratum_names) = strata_list(problems, strata);
    let (counties, county_names) = counties_list(problems, counties.unwrap_or_default());
    let calendar = calendar?;
    let week = parse_week(problems, calendar, &start, &end)?;
    let lists = (&stratum_names, &hq_names);
    let days = parse_days(problems, days, &week, lists);
    let reporting = parse_reporting(problems, calendar, reporting, as_of);

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
        start: week.first,
        end: week.last,
        base_url,
        hashtags,
        theme,
        page_size,
        targets,
        bulletins,
        reporting,
        days,
        axes,
        headquarters,
        strata,
        counties,
        staff_roles,
        programmes: Vec::new(),
        women_share_span,
    };
    let names = EventNames {
        calendar,
        start: week.first,
        end: week.last,
        headquarters: hq_names,
        strata: stratum_names,
        axes: axis_names,
        counties: county_names,
    };
    Some((event, names))
}

fn axes_list(problems: &mut Problems, axes: Vec<Item<RawAxis>>) -> (Vec<Axis>, Names<AxisId>) {
    list(
        problems,
        "axes",
        "axis",
        axes,
        AxisId::new,
        |problems, path, a| {
            let RawAxis {
                id,
                title,
                description,
            } = a;
            let axis = Axis {
                id: id.value.clone(),
                title: problems.text(&title, &format!("{path}.title")),
                description: problems.markdown(&description, &format!("{path}.description")),
                span: id.span.clone(),
            };
            (id, axis)
        },
    )
}

fn headquarters_list(
    problems: &mut Problems,
    headquarters: Loc<Vec<Item<RawHeadquarters>>>,
) -> (Vec<Headquarters>, Names<HeadquartersId>) {
    let (out, names) = list(
        problems,
        "headquarters",
        "headquarters",
        headquarters.value,
        HeadquartersId::new,
        |problems, path, h| {
            let RawHeadquarters {
                id,
                title,
                lead,
                color,
                description,
            } = h;
            let hq = Headquarters {
                id: id.value.clone(),
                title: problems.text(&title, &format!("{path}.title")),
                lead: problems.optional_text(&lead, &format!("{path}.lead")),
                color: color
                    .as_ref()
                    .and_then(|c| parse_color(problems, c, &format!("{path}.color"))),
                description: problems.markdown(&description, &format!("{path}.description")),
                span: id.span.clone(),
            };
            (id, hq)
        },
    );
    if out.is_empty() && !names.is_broken() {
        problems.push(
            Diagnostic::error("empty-list", "the event has no headquarters")
                .at(headquarters.span)
                .expected("at least one headquarters: every programme belongs to one")
                .path("headquarters"),
        );
    }
    (out, names)
}

fn strata_list(
    problems: &mut Problems,
    strata: Loc<Vec<Item<RawStratum>>>,
) -> (Vec<Stratum>, Names<StratumId>) {
    let (out, names) = list(
        problems,
        "strata",
        "stratum",
        strata.value,
        StratumId::new,
        |problems, path, s| {
            let RawStratum {
                id,
                title,
                description,
            } = s;
            let stratum = Stratum {
                id: id.value.clone(),
                title: problems.text(&title, &format!("{path}.title")),
                description: problems.markdown(&description, &format!("{path}.description")),
                span: id.span.clone(),
            };
            (id, stratum)
        },
    );
    if out.is_empty() && !names.is_broken() {
        problems.push(
            Diagnostic::error("empty-list", "the event has no strata")
                .at(strata.span)
                .expected("at least one stratum: every programme file belongs to one")
                .path("strata"),
        );
    }
    (out, names)
}

fn counties_list(
    problems: &mut Problems,
    counties: Vec<Item<RawCounty>>,
) -> (Vec<County>, Names<CountyId>) {
    list(
        problems,
        "counties",
        "county",
        counties,
        CountyId::new,
        |problems, path, c| {
            let RawCounty {
                id,
                title,
                staff,
                description,
            } = c;
            let (head, secretary) = match staff {
                Some(RawStaff { head, secretary }) => (
                    problems.optional_text(&head, &format!("{path}.staff.head")),
                    problems.optional_text(&secretary, &format!("{path}.staff.secretary")),
                ),
                None => (None, None),
            };
            let county = County {
                id: id.value.clone(),
                title: problems.text(&title, &format!("{path}.title")),
                head,
                secretary,
                description: problems.markdown(&description, &format!("{path}.description")),
                span: id.span.clone(),
            };
            (id, county)
        },
    )
}

/// The event's first and last day, and how many days it has.
struct Week {
    first: Date,
    last: Date,
    length: i64,
    calendar: CalendarKind,
}

/// `start` and `end`: four-digit Gregorian years, 1 to 31 days in order.
fn parse_week(
    problems: &mut Problems,
    calendar: CalendarKind,
    start: &Text,
    end: &Text,
) -> Option<Week> {
    let first = problems.date(calendar, start, "start");
    let last = problems.date(calendar, end, "end");
    let (first, last) = (first?, last?);
    // Feeds, PDFs and calendar libraries need four-digit Gregorian years.
    for (date, loc, path) in [(first, start, "start"), (last, end, "end")] {
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
    Some(Week {
        first,
        last,
        length,
        calendar,
    })
}

/// `days`: every date of the week exactly once, in order, each with its
/// theme and focus.
fn parse_days(
    problems: &mut Problems,
    days: Loc<Vec<Item<RawDay>>>,
    week: &Week,
    names: (&Names<StratumId>, &Names<HeadquartersId>),
) -> Vec<Day> {
    let days_span = days.span.clone();
    let (day_entries, days_broken) = problems.entries("days", days.value);
    let mut slots: Vec<Option<Day>> = (0..week.length).map(|_| None).collect();
    let mut previous: Option<Date> = None;
    for (i, d) in day_entries {
        let path = format!("days[{i}]");
        let RawDay { date, title, focus } = d;
        let title = problems.text(&title, &format!("{path}.title"));
        let (focus_strata, focus_headquarters) = day_focus(problems, focus, &path, names);
        let Some((day, offset)) = day_in_week(problems, &date, week, &path) else {
            continue;
        };
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
        let slot = &mut slots[offset];
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
    let mut out = Vec::with_capacity(slots.len());
    for (n, slot) in slots.into_iter().enumerate() {
        match slot {
            Some(day) => out.push(day),
            None if !days_broken => {
                let missing = week.first.add_days(n as i64).code(week.calendar);
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
            None => {}
        }
    }
    out
}

/// A day's date, and its place in the week, if it is a day of the week.
fn day_in_week(
    problems: &mut Problems,
    date: &Text,
    week: &Week,
    path: &str,
) -> Option<(Date, usize)> {
    let day = problems.date(week.calendar, date, &format!("{path}.date"))?;
    let offset = week.first.days_until(day);
    if offset < 0 || offset >= week.length {
        problems.push(
            Diagnostic::error(
                "date-outside-week",
                format!("{} is not a day of the event", date.value.trim()),
            )
            .at(date.span.clone())
            .expected(format!(
                "a date from {} to {}",
                week.first.code(week.calendar),
                week.last.code(week.calendar)
            ))
            .path(format!("{path}.date")),
        );
        return None;
    }
    Some((day, offset as usize))
}

/// A day's focus: the strata and headquarters it names, each looked up.
#[allow(clippy::type_complexity, reason = "the two lists of the model's Day")]
fn day_focus(
    problems: &mut Problems,
    focus: Option<RawFocus>,
    path: &str,
    (strata, headquarters): (&Names<StratumId>, &Names<HeadquartersId>),
) -> (Vec<(StratumId, Span)>, Vec<(HeadquartersId, Span)>) {
    let Some(RawFocus {
        strata: focus_strata,
        headquarters: focus_headquarters,
    }) = focus
    else {
        return (Vec::new(), Vec::new());
    };
    (
        focus_list(
            problems,
            strata,
            &focus_strata,
            &format!("{path}.focus.strata"),
        ),
        focus_list(
            problems,
            headquarters,
            &focus_headquarters,
            &format!("{path}.focus.headquarters"),
        ),
    )
}

fn focus_list<I: Copy>(
    problems: &mut Problems,
    names: &Names<I>,
    list: &Option<Vec<Text>>,
    path: &str,
) -> Vec<(I, Span)> {
    list.iter()
        .flatten()
        .enumerate()
        .filter_map(|(j, t)| {
            names
                .lookup(problems, t, &format!("{path}[{j}]"))
                .map(|id| (id, t.span.clone()))
        })
        .collect()
}

/// One list of the event (axes, headquarters, strata, counties): every
/// entry that parsed is made into its entity by `make` (which returns the
/// entry's id as written), and every id is checked and registered.
fn list<R, T, I: Copy>(
    problems: &mut Problems,
    name: &str,
    kind: &'static str,
    items: Vec<Item<R>>,
    index: fn(usize) -> I,
    mut make: impl FnMut(&mut Problems, &str, R) -> (Text, T),
) -> (Vec<T>, Names<I>) {
    let (entries, broken) = problems.entries(name, items);
    let mut names = Names::new(kind, broken);
    let mut out = Vec::new();
    for (i, raw) in entries {
        let path = format!("{name}[{i}]");
        let (id, entity) = make(problems, &path, raw);
        problems.id(&id, &format!("{path}.id"));
        names.define(problems, &id, index(out.len()), &format!("{path}.id"));
        out.push(entity);
    }
    (out, names)
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

/// A whole number of at least `min`.
fn at_least(problems: &mut Problems, n: &Loc<u32>, min: u32, path: &str) -> Option<usize> {
    if n.value >= min {
        return Some(n.value as usize);
    }
    problems.push(
        Diagnostic::error("too-small", format!("{} is too small", n.value))
            .at(n.span.clone())
            .expected(format!("a whole number of at least {min}"))
            .path(path),
    );
    None
}

fn parse_bulletins(problems: &mut Problems, bulletins: Option<RawBulletins>) -> BulletinSettings {
    let Some(RawBulletins {
        paper,
        group_by,
        detail_limit,
    }) = bulletins
    else {
        return BulletinSettings::default();
    };
    let detail_limit = detail_limit
        .and_then(|d| at_least(problems, &d, 1, "bulletins.detail_limit"))
        .unwrap_or(DEFAULT_DETAIL_LIMIT);
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
        detail_limit,
    }
}

/// `reporting:`, with `--as-of` (given as `as_of`) over its `as_of`.
fn parse_reporting(
    problems: &mut Problems,
    calendar: CalendarKind,
    reporting: Option<RawReporting>,
    as_of: Option<&str>,
) -> Reporting {
    let (written, factor) = match reporting {
        Some(RawReporting {
            as_of,
            participants_factor,
        }) => (as_of, participants_factor),
        None => (None, None),
    };
    let participants_factor = match factor {
        Some(f) if f.value > 1.0 && f.value.is_finite() => f.value,
        Some(f) => {
            problems.push(
                Diagnostic::error("bad-factor", format!("{} is not a factor above 1", f.value))
                    .at(f.span)
                    .expected("a number above 1, e.g. 10: under a tenth or over ten times the expected participants is a finding")
                    .path("reporting.participants_factor"),
            );
            DEFAULT_PARTICIPANTS_FACTOR
        }
        None => DEFAULT_PARTICIPANTS_FACTOR,
    };
    let given = written
        .as_ref()
        .and_then(|w| problems.date(calendar, w, "reporting.as_of"));
    let as_of = match as_of {
        Some(text) => match Date::parse(calendar, text) {
            Ok(d) => Some(d),
            Err(_) => {
                problems.push(
                    Diagnostic::error(
                        "bad-as-of",
                        format!(
                            "--as-of {text} is not a date: expected YYYY-MM-DD in the event's calendar ({})",
                            CalendarKind::NAMES[calendar as usize]
                        ),
                    ),
                );
                None
            }
        },
        None => given,
    };
    Reporting {
        as_of,
        participants_factor,
    }
}
