//! iCalendar files (RFC 5545): the whole event, a day, a headquarters, a
//! stratum, a county, or one programme, for a phone's calendar.
//!
//! Machine values (dates, times, offsets, counts) are ASCII whatever the
//! locale, and so is every digit in the text (calendar programs do not
//! all read Persian digits). Lines end in CRLF and are folded at 75 octets,
//! never inside a UTF-8 character. Drafts never appear; cancelled
//! programmes do, marked `STATUS:CANCELLED`, so a subscriber's copy is
//! updated rather than silently kept.

use std::fmt::Write as _;

use jiff::tz::TimeZone;

use crate::calendar::{CalendarKind, Date, Time, latin_digits};
use crate::index::Site;
use crate::model::{Programme, ProgrammeId, Status};
use crate::plan::{CalendarScope, Page};
use crate::render::engine::Locale;
use crate::render::identity;

/// The most octets of one line, CRLF not counted (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

/// Every programme's VEVENT, written once: a programme is in up to six
/// calendars (the event's, its day's, headquarters', stratum's, county's
/// and its own). Indexed by programme; drafts have none.
pub struct Events(Vec<Option<String>>);

impl Events {
    pub fn new(site: &Site) -> Events {
        use rayon::prelude::*;
        let event = site.event;
        Events(
            (0..event.programmes.len())
                .into_par_iter()
                .map(|i| {
                    let id = ProgrammeId::new(i);
                    let p = event.programme(id);
                    p.status.is_published().then(|| {
                        let mut out = Lines::default();
                        programme(&mut out, site, id, p);
                        out.0
                    })
                })
                .collect(),
        )
    }

    /// A programme's VEVENT (none for a draft).
    pub fn of(&self, id: ProgrammeId) -> Option<&str> {
        self.0[id.index()].as_deref()
    }
}

/// The calendar file of `scope` (drafts are left out).
pub fn calendar(site: &Site, locale: &Locale, scope: CalendarScope, events: &Events) -> String {
    let mut out = head(site, &name(site, locale, scope));
    for &id in scope.programmes(site).iter() {
        if let Some(text) = events.of(id) {
            out.push_str(text);
        }
    }
    out.push_str(TAIL);
    out
}

/// What every calendar file starts with, up to its first VEVENT: the
/// calendar's name, and the event's time zone.
pub fn head(site: &Site, name: &str) -> String {
    let event = site.event;
    let mut out = Lines::default();
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line(&format!(
        "PRODID:-//rooz//rooz {}//EN",
        env!("CARGO_PKG_VERSION")
    ));
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    out.property("X-WR-CALNAME", &text(name));
    out.property("X-WR-TIMEZONE", &event.timezone);
    timezone(&mut out, site);
    out.0
}

/// What every calendar file ends with.
pub const TAIL: &str = "END:VCALENDAR\r\n";

/// What a calendar program calls the calendar.
fn name(site: &Site, locale: &Locale, scope: CalendarScope) -> String {
    let event = site.event;
    let of = |what: &str| format!("{} — {what}", event.title);
    match scope {
        CalendarScope::Event => event.title.clone(),
        CalendarScope::Day(n) => of(&locale.formats.date_long(event.days[n].date)),
        CalendarScope::Headquarters(id) => of(&event.headquarters(id).title),
        CalendarScope::Stratum(id) => of(&event.stratum(id).title),
        CalendarScope::County(id) => of(&event.county(id).title),
        CalendarScope::ProvinceWide => of(&locale.s("province_wide")),
        CalendarScope::Programme(id) => event.programme(id).title.clone(),
    }
}

fn programme(out: &mut Lines, site: &Site, id: ProgrammeId, p: &Programme) {
    let event = site.event;
    let tz = &event.timezone;
    out.line("BEGIN:VEVENT");
    out.property("UID", &format!("{}@rooz", identity::guid(event, p, None)));
    // A fixed stamp from the content keeps two builds byte-identical.
    out.property("DTSTAMP", &format!("{}T000000Z", basic(event.start)));
    match p.start {
        None => {
            out.property("DTSTART;VALUE=DATE", &basic(p.date));
            out.property("DTEND;VALUE=DATE", &basic(p.until.add_days(1)));
        }
        Some(start) => {
            out.property(&format!("DTSTART;TZID={tz}"), &local(p.date, start));
            if let Some(end) = p.end {
                out.property(&format!("DTEND;TZID={tz}"), &local(p.date, end));
            }
            if p.is_multi_day() {
                let days = p.date.days_until(p.until) + 1;
                out.property("RRULE", &format!("FREQ=DAILY;COUNT={days}"));
            }
        }
    }
    out.property("SUMMARY", &text(&p.title));
    let mut location: Vec<&str> = p.venue.iter().map(String::as_str).collect();
    if let Some(county) = p.county {
        location.push(&event.county(county).title);
    }
    if !location.is_empty() {
        out.property("LOCATION", &text(&location.join("، ")));
    }
    if let Some(description) = &p.description {
        out.property(
            "DESCRIPTION",
            &text(&crate::render::markdown::to_plain(&description.0)),
        );
    }
    out.property(
        "CATEGORIES",
        &[
            &event.headquarters(p.headquarters).title,
            &event.stratum(p.stratum).title,
        ]
        .map(|c| text(c))
        .join(","),
    );
    out.property(
        "STATUS",
        if p.status == Status::Cancelled {
            "CANCELLED"
        } else {
            "CONFIRMED"
        },
    );
    if let Some(url) = site.absolute(&Page::Programme(id).dir(site)) {
        out.property("URL", &url);
    }
    out.line("END:VEVENT");
}

/// The event's time zone as a VTIMEZONE: its offsets over the event's
/// year (and the years around it), from the time zone database.
fn timezone(out: &mut Lines, site: &Site) {
    let event = site.event;
    let tz = TimeZone::get(&event.timezone).unwrap_or(TimeZone::UTC);
    let (year, _, _) = event.start.ymd(CalendarKind::Gregorian);
    let year = i16::try_from(year).unwrap_or(2000);
    let at = |y: i16| {
        jiff::civil::date(y.clamp(1971, 9998), 1, 1)
            .to_zoned_datetime(TimeZone::UTC)
            .map(|z| z.timestamp())
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
    };
    let (from, until) = (at(year - 1), at(year + 2));
    out.line("BEGIN:VTIMEZONE");
    out.property("TZID", &event.timezone);
    let mut offset = tz.to_offset(from);
    let mut components = 0;
    for transition in tz.following(from) {
        if transition.timestamp() >= until {
            break;
        }
        let next = transition.offset();
        let kind = if transition.dst().is_dst() {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        let local = transition
            .timestamp()
            .to_zoned_datetime(TimeZone::fixed(offset));
        component(
            out,
            kind,
            &local.strftime("%Y%m%dT%H%M%S").to_string(),
            offset.seconds(),
            next.seconds(),
        );
        offset = next;
        components += 1;
    }
    if components == 0 {
        component(
            out,
            "STANDARD",
            "19700101T000000",
            offset.seconds(),
            offset.seconds(),
        );
    }
    out.line("END:VTIMEZONE");
}

fn component(out: &mut Lines, kind: &str, start: &str, from: i32, to: i32) {
    out.line(&format!("BEGIN:{kind}"));
    out.property("DTSTART", start);
    out.property("TZOFFSETFROM", &utc_offset(from));
    out.property("TZOFFSETTO", &utc_offset(to));
    out.line(&format!("END:{kind}"));
}

/// `+0330`, `-0500`, `+000000` style UTC offsets (seconds only when the
/// zone needs them).
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

/// A date in the basic format: `20261120`.
fn basic(date: Date) -> String {
    let (y, m, d) = date.ymd(CalendarKind::Gregorian);
    format!("{y:04}{m:02}{d:02}")
}

/// A local date and time: `20261120T083000`.
fn local(date: Date, time: Time) -> String {
    format!("{}T{:02}{:02}00", basic(date), time.hour(), time.minute())
}

/// A TEXT value: backslash, semicolon, comma and newline escaped, digits
/// in ASCII.
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in latin_digits(value).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Content lines, each folded and ended with CRLF.
#[derive(Default)]
struct Lines(String);

impl Lines {
    fn property(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{value}"));
    }

    fn line(&mut self, line: &str) {
        fold(&mut self.0, line);
    }
}

/// Appends `line` folded at [`LINE_OCTETS`] octets (a continuation starts
/// with one space, which counts), never splitting a character.
pub fn fold(out: &mut String, line: &str) {
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    let _ = write!(out, "\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "بسیج".repeat(30));
        fold(&mut out, &line);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= LINE_OCTETS, "{} octets: {l}", l.len());
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
    }

    #[test]
    fn text_is_escaped_and_ascii() {
        assert_eq!(text("a, b; c\\d\nروز ۱۲"), "a\\, b\\; c\\\\d\\nروز 12");
    }

    #[test]
    fn offsets_are_ascii() {
        assert_eq!(utc_offset(12_600), "+0330");
        assert_eq!(utc_offset(-18_000), "-0500");
        assert_eq!(utc_offset(0), "+0000");
    }
}
