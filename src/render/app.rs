//! The site on a phone: the web app manifest, the service worker (offline
//! reading), and the data the browser builds "now and next" and "my
//! programme" from.
//!
//! Every text the browser shows is made here, in the event's language,
//! digits and calendar (the scripts only place it), and every instant is
//! computed here in the event's time zone: a script compares them with
//! `Date.now()` and never converts a time itself.
//!
//! Files: `manifest.webmanifest`, `icons/icon-N.png` (typeset from
//! `templates/icon.typ`), `sw.js` (the build's name, the files to
//! precache, and `sw.js` of this folder), `now/week.js` (when each day
//! begins and ends), `now/<day>.js` (when each programme of the day runs),
//! `my/config.js` and `my/p-K.js` (starred programmes are looked up by the
//! hash of their id, [`plan::my_shard`], so a phone loads a few small
//! files at any size of event).

use serde::Serialize;
use sha2::{Digest, Sha256};
use std::sync::atomic::{AtomicU64, Ordering};

use super::engine::Locale;
use super::ics;
use super::view::Views;
use crate::cache::Content;
use crate::calendar::epoch_millis;
use crate::index::Site;
use crate::model::{ProgrammeId, Status};
use crate::plan::{self, Page};
use crate::theme::Theme;

/// How long a programme with a start and no end counts as running.
pub const UNTIMED_MINUTES: i64 = 60;

/// A JavaScript call with JSON arguments: `name(a,b);` (the files load
/// as scripts, which also works from `file://`).
fn call(name: &str, args: &[String]) -> String {
    format!("{name}({});\n", args.join(","))
}

fn json(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

/// The theme's colour: its stylesheet's `--accent` (the one place a theme
/// sets it), else a dark grey.
pub fn theme_color(theme: &Theme) -> String {
    let css = theme
        .assets
        .get("style.css")
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    css.split("--accent:")
        .nth(1)
        .and_then(|rest| rest.split(';').next())
        .map(str::trim)
        .filter(|c| {
            c.starts_with('#') && c.len() <= 9 && c[1..].chars().all(|c| c.is_ascii_hexdigit())
        })
        .unwrap_or("#1f2328")
        .to_string()
}

/// The event's name on a home screen: the title when short, else as many
/// of its first words as fit in twelve characters.
pub fn short_name(title: &str) -> String {
    const MOST: usize = 12;
    if title.chars().count() <= MOST {
        return title.to_string();
    }
    let mut short = String::new();
    for word in title.split_whitespace() {
        let longer = if short.is_empty() {
            word.to_string()
        } else {
            format!("{short} {word}")
        };
        if longer.chars().count() > MOST {
            break;
        }
        short = longer;
    }
    if short.is_empty() {
        title.chars().take(MOST).collect()
    } else {
        short
    }
}

/// `manifest.webmanifest`.
pub fn manifest(site: &Site, theme: &Theme) -> String {
    let event = site.event;
    let icons: Vec<serde_json::Value> = plan::ICON_SIZES
        .iter()
        .map(|size| {
            serde_json::json!({
                "src": plan::icon_path(*size),
                "sizes": format!("{size}x{size}"),
                "type": "image/png",
                "purpose": "any maskable",
            })
        })
        .collect();
    let manifest = serde_json::json!({
        "name": event.title,
        "short_name": short_name(&event.title),
        "description": event.slogan.as_deref().unwrap_or(&event.title),
        "lang": event.locale.to_string(),
        "dir": event.direction,
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": theme_color(theme),
        "icons": icons,
    });
    serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n"
}

/// What the icon template is given.
#[derive(Serialize)]
pub struct IconData {
    /// Pixels (the template's page is half as many points).
    pub size: u32,
    pub label: String,
    pub color: String,
    pub text_color: &'static str,
}

pub fn icon_data(site: &Site, theme: &Theme, size: u32) -> IconData {
    let color = theme_color(theme);
    IconData {
        size,
        label: short_name(&site.event.title),
        text_color: super::colors::text_on(&color),
        color,
    }
}

/// A day of the week as the scripts see it.
#[derive(Serialize)]
struct WeekDay {
    code: String,
    /// Root-relative.
    href: String,
    embed: String,
    /// When it begins and ends, ms since 1970.
    start: i64,
    end: i64,
}

/// `now/week.js`: when each day begins and ends in the event's zone.
pub fn now_week(site: &Site) -> String {
    let event = site.event;
    let days: Vec<WeekDay> = event
        .days
        .iter()
        .enumerate()
        .map(|(n, day)| WeekDay {
            code: day.date.code(event.calendar),
            href: Page::Day(n, 0).file(site),
            embed: Page::EmbedDay(n).file(site),
            start: epoch_millis(day.date, None, &event.timezone),
            end: epoch_millis(day.date.add_days(1), None, &event.timezone),
        })
        .collect();
    call("roozNow.week", &[json(&days)])
}

/// A programme as "now and next" lists it.
#[derive(Serialize)]
struct Running<'v> {
    /// Start and end, ms since 1970.
    s: i64,
    e: i64,
    t: &'v str,
    h: &'v str,
    /// When, in the locale.
    w: String,
    /// Where: venue and county.
    v: String,
    #[serde(skip)]
    all_day: bool,
}

/// `now/<day>.js`: when each programme of day `n` runs (cancelled ones
/// do not): timed ones in start order, then the all-day ones.
pub fn now_day(site: &Site, views: &Views, locale: &Locale, n: usize) -> String {
    let event = site.event;
    let date = event.days[n].date;
    let tz = &event.timezone;
    let mut running: Vec<Running> = site.by_day[n]
        .iter()
        .filter(|&&id| event.programme(id).status != Status::Cancelled)
        .map(|&id| {
            let p = event.programme(id);
            let v = views.programme(id);
            let (s, e) = match p.start {
                None => (
                    epoch_millis(date, None, tz),
                    epoch_millis(date.add_days(1), None, tz),
                ),
                Some(start) => {
                    let s = epoch_millis(date, Some(start), tz);
                    let e = p.end.map_or(s + UNTIMED_MINUTES * 60_000, |end| {
                        epoch_millis(date, Some(end), tz)
                    });
                    (s, e.max(s + 60_000))
                }
            };
            Running {
                s,
                e,
                t: &v.title,
                h: &v.href,
                w: locale.time_span(p.start, p.end),
                v: place(v, locale),
                all_day: p.start.is_none(),
            }
        })
        .collect();
    // Timed programmes first (what is on at this hour), then the ones that
    // last all day; each in start order.
    running.sort_by_key(|r| (r.all_day, r.s, r.e));
    call(
        "roozNow.day",
        &[
            json(&event.days[n].date.code(event.calendar)),
            json(&running),
        ],
    )
}

/// Venue and county, as one line.
fn place(v: &super::view::ProgrammeView, locale: &Locale) -> String {
    let mut parts: Vec<&str> = v.venue.iter().map(String::as_str).collect();
    parts.push(&v.county.title);
    parts.join(&locale.s("list_separator"))
}

/// `my/config.js`: the shard count, the days (headings of "my
/// programme") and the calendar file's frame.
pub fn my_config(site: &Site, locale: &Locale) -> String {
    let event = site.event;
    #[derive(Serialize)]
    struct Day {
        label: String,
        href: String,
    }
    let days: Vec<Day> = event
        .days
        .iter()
        .enumerate()
        .map(|(n, day)| Day {
            label: format!(
                "{} — {}",
                locale.formats.date_long_weekday(day.date),
                day.title
            ),
            href: Page::Day(n, 0).file(site),
        })
        .collect();
    let name = locale.fill("my_calendar_name", &[("event", &event.title)]);
    let config = serde_json::json!({
        "shards": plan::my_shards(site.programmes.len()),
        "days": days,
        "head": ics::head(site, &name),
        "tail": ics::TAIL,
    });
    call("roozMy.config", &[json(&config)])
}

/// A starred programme as "my programme" shows it.
#[derive(Serialize)]
struct Starred<'v> {
    t: &'v str,
    h: &'v str,
    /// Its first day, an index into the config's days.
    d: usize,
    /// Start in minutes (all-day first).
    m: i32,
    /// When, in the locale (with the dates of a multi-day programme).
    w: String,
    v: String,
    hq: &'v str,
    color: &'v str,
    cancelled: bool,
    /// Its calendar entry, as in every `.ics` of the site.
    ics: Option<&'v str>,
}

/// Which programmes are in each `my/p-K.js`.
pub fn my_shards(site: &Site) -> Vec<Vec<ProgrammeId>> {
    let shards = plan::my_shards(site.programmes.len());
    let mut out = vec![Vec::new(); shards];
    for &id in &site.programmes {
        out[plan::my_shard(&site.event.programme(id).id, shards)].push(id);
    }
    out
}

/// `my/p-K.js`: the programmes of shard `k`, by id.
pub fn my_shard(
    site: &Site,
    views: &Views,
    locale: &Locale,
    events: &ics::Events,
    k: usize,
    ids: &[ProgrammeId],
) -> String {
    let event = site.event;
    let f = &locale.formats;
    let programmes: std::collections::BTreeMap<&str, Starred> = ids
        .iter()
        .map(|&id| {
            let p = event.programme(id);
            let v = views.programme(id);
            let mut when = locale.time_span(p.start, p.end);
            if p.is_multi_day() {
                let dates =
                    locale.range(&f.date_short(p.date), &f.date_short(p.until), "date_range");
                when = format!("{dates}، {when}");
            }
            let starred = Starred {
                t: &v.title,
                h: &v.href,
                d: site.day_index(p.date).unwrap_or(0),
                m: p.start.map_or(-1, |t| i32::from(t.minutes())),
                w: when,
                v: place(v, locale),
                hq: &v.headquarters.title,
                color: &v.headquarters.color,
                cancelled: v.cancelled,
                ics: events.of(id),
            };
            (p.id.as_str(), starred)
        })
        .collect();
    call("roozMy.shard", &[json(&k), json(&programmes)])
}

/// The build's name for the service worker: a hash of every other file
/// (path and bytes; a cached file by its name in the cache, itself a hash
/// of what made it, so wherever the cache is), folded in whatever order
/// the files come.
#[derive(Default)]
pub struct Fingerprint([AtomicU64; 2]);

impl Fingerprint {
    pub fn add(&self, path: &str, content: &Content) {
        let mut h = Sha256::new();
        h.update(path.as_bytes());
        match content {
            Content::Bytes(b) => {
                h.update([0]);
                h.update(b);
            }
            Content::Cached(p) => {
                let name = p.file_name().unwrap_or(p.as_os_str());
                h.update([1]);
                h.update(name.to_string_lossy().as_bytes());
            }
        }
        let digest = h.finalize();
        for (i, half) in self.0.iter().enumerate() {
            let bytes: [u8; 8] = digest[i * 8..i * 8 + 8].try_into().unwrap_or_default();
            half.fetch_xor(u64::from_le_bytes(bytes), Ordering::Relaxed);
        }
    }

    pub fn hex(&self) -> String {
        self.0
            .iter()
            .map(|half| format!("{:016x}", half.load(Ordering::Relaxed)))
            .collect()
    }
}

/// `sw.js`: the build's name and what to precache (root-relative), then
/// the worker itself (`sw.js` beside this file).
pub fn service_worker(site: &Site, build: &str, precache: &[String]) -> String {
    let config = serde_json::json!({
        "build": build,
        "precache": precache,
        "offline": Page::Offline.file(site),
    });
    format!(
        "// rooz's service worker: offline reading of this build.\nconst ROOZ = {};\n{}",
        serde_json::to_string(&config).unwrap_or_default(),
        include_str!("sw.js")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_fit_a_home_screen() {
        assert_eq!(short_name("هفته بسیج"), "هفته بسیج");
        assert_eq!(short_name("Harbour Science Week"), "Harbour");
        assert_eq!(short_name("Supercalifragilistic"), "Supercalifra");
    }

    #[test]
    fn the_theme_colour_is_the_stylesheets_accent() {
        let mut theme = Theme::default();
        theme.assets.insert(
            "style.css".into(),
            b":root {\n  --accent: #0b5d3b;\n}".to_vec(),
        );
        assert_eq!(theme_color(&theme), "#0b5d3b");
        theme
            .assets
            .insert("style.css".into(), b"--accent: red</style>;".to_vec());
        assert_eq!(theme_color(&theme), "#1f2328");
    }

    #[test]
    fn the_fingerprint_does_not_depend_on_order() {
        let (a, b) = (Fingerprint::default(), Fingerprint::default());
        let one = Content::Bytes(b"one".to_vec());
        let two = Content::Bytes(b"two".to_vec());
        a.add("a", &one);
        a.add("b", &two);
        b.add("b", &two);
        b.add("a", &one);
        assert_eq!(a.hex(), b.hex());
        let c = Fingerprint::default();
        c.add("a", &two);
        c.add("b", &one);
        assert_ne!(a.hex(), c.hex());
    }

    #[test]
    fn shards_are_found_by_the_hash_of_the_id() {
        // The same FNV-1a as static/my.js: pinned so the two cannot drift.
        assert_eq!(plan::my_shard("a", 1000), 0xe40c292c_usize % 1000);
        assert_eq!(plan::my_shard("", 7), 0x811c9dc5_usize % 7);
    }
}
