//! Resolving raw structs into the model: every id looked up, every date parsed in the
//! event's calendar, every rule of the content format checked.
//!
//! Resolution never stops at the first mistake: each field that is wrong
//! adds a diagnostic and resolution goes on with what it has, so one run
//! shows everything. An entry that could not even be parsed makes its list
//! "broken", and lookups into a broken list do not report unknown ids (the
//! id may be the one in the broken entry): no error cascades.

use std::collections::HashMap;

use super::raw::*;
use super::yaml::Item;
use crate::calendar::{CalendarKind, Date, DateError, Time};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::model::*;

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
        self.printable(loc, path);
        t.to_string()
    }

    /// Refuses a text holding a control character (a NUL written as
    /// `"\0"`, a form feed pasted from a document): pages, PDFs, calendars
    /// and spreadsheets would each show it differently or not at all.
    fn printable(&mut self, loc: &Text, path: &str) {
        if let Some(c) = loc.value.chars().find(|&c| is_forbidden_control(c)) {
            self.push(
                Diagnostic::error(
                    "control-character",
                    format!(
                        "this text holds the control character U+{:04X}",
                        u32::from(c)
                    ),
                )
                .at(loc.span.clone())
                .expected(
                    "printable text (tabs and line ends are the only control characters allowed)",
                )
                .path(path),
            );
        }
    }

    pub fn optional_text(&mut self, loc: &Option<Text>, path: &str) -> Option<String> {
        loc.as_ref().map(|l| self.text(l, path))
    }

    pub fn markdown(&mut self, loc: &Option<Text>, path: &str) -> Option<Markdown> {
        loc.as_ref().map(|l| {
            self.printable(l, path);
            Markdown(l.value.clone())
        })
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
        } else if is_reserved_name(id) {
            self.push(
                Diagnostic::error(
                    "reserved-id",
                    format!("'{id}' is a name Windows reserves for a device"),
                )
                .at(loc.span.clone())
                .expected("an id other than con, prn, aux, nul, com1-com9 and lpt1-lpt9 (it becomes a folder name, and Windows cannot make that folder)")
                .path(path),
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

    /// `until` written before `date` (both as written): the one message of
    /// a last day before the first, for programmes and for outcomes.
    pub fn until_before_date(&mut self, date: &Text, until: &Text, path: &str) {
        self.push(
            Diagnostic::error(
                "until-before-date",
                format!(
                    "'until' ({}) is before 'date' ({})",
                    until.value.trim(),
                    date.value.trim()
                ),
            )
            .at(until.span.clone())
            .expected(format!("a last day on or after {}", date.value.trim()))
            .path(format!("{path}.until")),
        );
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

/// A C0 or C1 control character other than tab, line feed and carriage
/// return, or DEL.
fn is_forbidden_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Device names Windows will not give a file or folder: an id becomes both,
/// and the site must unpack anywhere.
fn is_reserved_name(id: &str) -> bool {
    matches!(id, "con" | "prn" | "aux" | "nul")
        || ["com", "lpt"].iter().any(|device| {
            id.strip_prefix(device)
                .is_some_and(|n| n.len() == 1 && matches!(n.as_bytes()[0], b'1'..=b'9'))
        })
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
