//! `schedule.json` in the c3voc format (what pretalx emits, what
//! EventFahrplan and Giggity read; schema in `tests/schemas/`):
//! headquarters are tracks, venues are rooms, dates are Gregorian ISO with
//! the event's offset, numbers are ASCII. A multi-day programme is listed
//! on each of its days, each entry with its own guid.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::calendar::{CalendarKind, Date, Time, rfc3339};
use crate::index::Site;
use crate::model::{Programme, ProgrammeId, Status};
use crate::plan::Page;
use crate::render::engine::Locale;
use crate::render::identity;

/// How long a programme without an end time is taken to last.
const DEFAULT_MINUTES: u16 = 60;

/// The schedule, written day by day (one day's entries in memory at a
/// time: at 100,000 programmes the file is tens of MB).
pub fn schedule(site: &Site, locale: &Locale) -> String {
    let event = site.event;
    let province_wide = locale.s("province_wide");
    let mut rooms: BTreeMap<String, Value> = BTreeMap::new();
    let mut days = String::from("[");
    for (n, day) in event.days.iter().enumerate() {
        let mut by_room: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        for &id in &site.by_day[n] {
            let p = event.programme(id);
            if !p.status.is_published() {
                continue;
            }
            let room = room_of(site, p, &province_wide);
            rooms.entry(room.clone()).or_insert_with(|| {
                let guid = identity::named(event, "room", &room);
                json!({
                    "name": room,
                    "slug": format!("room-{}", &guid.simple().to_string()[..12]),
                    "guid": guid.to_string(),
                })
            });
            let entry = entry(site, locale, id, p, day.date, room.clone());
            by_room.entry(room).or_default().push(entry);
        }
        let day = json!({
            "index": n + 1,
            "date": day.date.iso_code(),
            "day_start": rfc3339(day.date, Some(Time::MIDNIGHT), &event.timezone),
            "day_end": rfc3339(day.date, Some(Time::LAST_MINUTE), &event.timezone),
            "rooms": by_room,
        });
        if n > 0 {
            days.push(',');
        }
        days.push_str(&day.to_string());
    }
    days.push(']');
    let tracks: Vec<Value> = event
        .headquarters
        .iter()
        .map(|h| {
            json!({
                "name": h.title,
                "slug": slug(&h.id),
                "color": h.color.clone().unwrap_or_else(|| crate::render::colors::DEFAULT_COLOR.to_string()),
            })
        })
        .collect();
    let mut head = json!({
        "acronym": acronym(site),
        "title": event.title,
        "start": event.start.iso_code(),
        "end": event.end.iso_code(),
        "daysCount": event.days.len(),
        "timeslot_duration": "00:15",
        "time_zone_name": event.timezone,
        "tracks": tracks,
        "rooms": rooms.into_values().collect::<Vec<_>>(),
    });
    if let Some(url) = site.absolute("") {
        head["url"] = json!(url);
    }
    let mut conference = head.to_string();
    conference.pop();
    conference.push_str(",\"days\":");
    conference.push_str(&days);
    conference.push('}');
    format!(
        "{{\"$schema\":\"https://c3voc.de/schedule/schema.json\",\"generator\":{{\"name\":\"rooz\",\"version\":\"{}\"}},\"schedule\":{{\"version\":\"{}\",\"conference\":{conference}}}}}\n",
        env!("CARGO_PKG_VERSION"),
        version(&conference),
    )
}

fn entry(
    site: &Site,
    locale: &Locale,
    id: ProgrammeId,
    p: &Programme,
    day: Date,
    room: String,
) -> Value {
    let event = site.event;
    let first = day == p.date;
    let guid = identity::guid(event, p, (!first).then_some(day));
    let start = p.start.unwrap_or(Time::MIDNIGHT);
    let minutes = match (p.start, p.end) {
        (None, _) => 24 * 60,
        (Some(s), Some(e)) => e.minutes() - s.minutes(),
        (Some(_), None) => DEFAULT_MINUTES,
    };
    let page = Page::Programme(id).dir(site);
    let url = site.absolute(&page).unwrap_or(page);
    let mut about = vec![format!(
        "{}: {}",
        locale.s("stratum"),
        event.stratum(p.stratum).title
    )];
    if !p.axes.is_empty() {
        let axes: Vec<&str> = p
            .axes
            .iter()
            .map(|&a| event.axis(a).title.as_str())
            .collect();
        about.push(format!(
            "{}: {}",
            locale.s("axes"),
            axes.join(&locale.s("list_separator"))
        ));
    }
    if let Some(d) = &p.description {
        about.push(String::new());
        about.push(crate::render::markdown::to_plain(&d.0));
    }
    let code = p.id.to_ascii_uppercase().replace('-', "");
    json!({
        "guid": guid.to_string(),
        "id": id.index() + 1,
        "code": if code.is_empty() { "X".into() } else { code },
        "logo": null,
        "date": rfc3339(day, Some(start), &event.timezone),
        "start": start.to_string(),
        "duration": format!("{}:{:02}", minutes / 60, minutes % 60),
        "room": room,
        "slug": slug(&format!("{}-{}", p.id, day.iso_code())),
        "url": url,
        "title": p.title,
        "subtitle": (p.status == Status::Cancelled).then(|| locale.s("status_cancelled")),
        "track": event.headquarters(p.headquarters).title,
        "type": if p.central { "central" } else { "programme" },
        "language": event.locale.id.language.as_str(),
        "abstract": p.highlight.as_ref().map(|h| h.summary.clone()),
        "description": about.join("\n"),
        "persons": [],
        "links": [],
        "do_not_record": null,
    })
}

/// A programme's room: its venue, else its county, else the event-wide
/// label.
fn room_of(site: &Site, p: &Programme, province_wide: &str) -> String {
    match (&p.venue, p.county) {
        (Some(v), _) => v.clone(),
        (None, Some(c)) => site.event.county(c).title.clone(),
        (None, None) => province_wide.to_string(),
    }
}

/// An id as a c3voc slug (`^[a-z0-9_-]+[a-z0-9]$`).
fn slug(id: &str) -> String {
    let s = id.trim_end_matches(['-', '_']);
    if s.len() < 2 {
        format!("{s}0")
    } else {
        s.to_string()
    }
}

/// The conference acronym (`^[a-z0-9_-][a-z0-9_]{3,}…`): the last segment
/// of the base URL's path when it has one, else `event_` and the start.
fn acronym(site: &Site) -> String {
    let from_url = site.base_url.as_deref().and_then(|u| {
        let path = url::Url::parse(u)
            .ok()?
            .path()
            .trim_matches('/')
            .to_string();
        let last = path.rsplit('/').next()?.to_ascii_lowercase();
        let a: String = last
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        (a.len() >= 4).then_some(a)
    });
    from_url.unwrap_or_else(|| {
        let (y, m, d) = site.event.start.ymd(CalendarKind::Gregorian);
        format!("event_{y:04}{m:02}{d:02}")
    })
}

/// The schedule's version: a hash of what it lists, so a consumer sees a
/// change without rooz reading the clock.
fn version(conference: &str) -> String {
    use sha2::{Digest, Sha256};
    let hash = Sha256::digest(conference.as_bytes());
    hash.iter().take(6).map(|b| format!("{b:02x}")).collect()
}
