//! `press-kit.zip`: what an editor needs in one download — the three cards,
//! the caption and hashtags, the programme's facts, and its own photo.
//! Entries are in a fixed order and dated the event's first day, so the
//! archive's bytes depend only on the content.

use std::io::Write;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::engine::Locale;
use super::view::ProgrammeView;
use crate::calendar::CalendarKind;
use crate::index::Site;
use crate::model::ProgrammeId;
use crate::plan::{CardFormat, Page};

pub struct PressKit<'a> {
    pub cards: Vec<(CardFormat, Vec<u8>)>,
    pub caption: String,
    pub facts: String,
    /// The programme's photo: (file name in the archive, bytes).
    pub photo: Option<(String, Vec<u8>)>,
    pub readme_name: &'a str,
    /// The entries' date: the event's first day (Gregorian year, month, day).
    pub date: (i32, u8, u8),
}

pub fn zip(kit: &PressKit) -> Result<Vec<u8>, String> {
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // Zip dates run from 1980 to 2107; an event outside them keeps 1980.
    let (y, m, d) = kit.date;
    let date = u16::try_from(y)
        .ok()
        .and_then(|y| zip::DateTime::from_date_and_time(y, m, d, 0, 0, 0).ok())
        .unwrap_or_default();
    // PNG and JPEG are compressed already: stored, not deflated.
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(date);
    let text = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(date);
    let mut add = |name: &str, bytes: &[u8], options: SimpleFileOptions| -> Result<(), String> {
        zip.start_file(name, options).map_err(|e| e.to_string())?;
        zip.write_all(bytes).map_err(|e| e.to_string())
    };
    add("caption.txt", kit.caption.as_bytes(), text)?;
    add(kit.readme_name, kit.facts.as_bytes(), text)?;
    for (format, png) in &kit.cards {
        add(format.file_name(), png, stored)?;
    }
    if let Some((name, bytes)) = &kit.photo {
        add(name, bytes, stored)?;
    }
    let cursor = zip.finish().map_err(|e| e.to_string())?;
    Ok(cursor.into_inner())
}

/// `facts.txt`: the programme's facts, one per line, in the event's
/// language, calendar and digits, and its highlight page's address.
pub fn facts(site: &Site, locale: &Locale, id: ProgrammeId, view: &ProgrammeView) -> String {
    let p = site.event.programme(id);
    let f = &locale.formats;
    let second_calendar = site.event.calendar != CalendarKind::Gregorian;
    let mut facts = vec![
        p.title.clone(),
        String::new(),
        format!("{}: {}", locale.s("date"), f.date_long_weekday(p.date)),
    ];
    if p.is_multi_day() {
        facts.push(format!(
            "{}: {}",
            locale.s("until"),
            f.date_long_weekday(p.until)
        ));
    }
    // The other calendar's dates, the last day too.
    if second_calendar {
        let gregorian = if p.is_multi_day() {
            locale.range(
                &f.gregorian_long(p.date),
                &f.gregorian_long(p.until),
                "date_range",
            )
        } else {
            f.gregorian_long(p.date)
        };
        facts.push(format!("{}: {gregorian}", locale.s("gregorian_date")));
    }
    facts.push(format!(
        "{}: {}",
        locale.s("time"),
        locale.time_span(p.start, p.end)
    ));
    let optional = [
        ("venue", p.venue.clone()),
        ("county", Some(view.county.title.clone())),
        ("headquarters", Some(view.headquarters.title.clone())),
        ("stratum", Some(view.stratum.title.clone())),
        ("audience", p.audience.clone()),
        (
            "contact",
            p.contact.as_deref().map(super::text::contact_text),
        ),
        ("quote", p.highlight.as_ref().and_then(|h| h.quote.clone())),
    ];
    for (label, value) in optional {
        if let Some(v) = value {
            facts.push(format!("{}: {v}", locale.s(label)));
        }
    }
    if let Some(base) = &site.base_url {
        facts.push(format!("{base}{}", Page::Highlight(id).dir(site)));
    }
    facts.join("\n") + "\n"
}
