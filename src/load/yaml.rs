//! YAML text into raw structs, with positions and every mistake reported.
//!
//! serde-saphyr parses and gives line and column; serde_path_to_error adds
//! the field path. Two wrappers make the raw layer useful for diagnostics:
//!
//! - [`Loc<T>`]: a value and the [`Span`] it was written at.
//! - [`Item<T>`]: one entry of a top-level list (a programme, a day, a
//!   headquarters…). A serde error stops a whole document, so each entry is
//!   parsed on its own from its slice of the file: one broken programme is
//!   reported and the others are still read and checked. This is why one
//!   run can report every mistake of a file.
//!
//! Both need to know which file (and which slice of it) is being parsed;
//! that travels in a thread-local set by [`parse_document`], because serde's
//! `Deserialize` has no other way to receive context.

use std::cell::RefCell;
use std::rc::Rc;

use serde::de::{DeserializeOwned, IgnoredAny};
use serde::{Deserialize, Deserializer};
use serde_saphyr::{MessageFormatter, Spanned};

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::source::{SourceFile, SourceId, Span};

/// How deep mappings and sequences may nest. Content nests at most six
/// levels (programs → entry → outcome → coverage → entry → field). Each
/// level of a value skipped after a mistake costs tens of KiB of stack, and
/// a worker thread's stack overflowed at 64, the library's default.
pub const MAX_DEPTH: usize = 32;

/// Content files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Loc<T> {
    pub value: T,
    pub span: Span,
}

/// One entry of a list, parsed on its own: either the entry or the
/// diagnostic of its first mistake (with a path relative to the entry).
#[derive(Debug)]
pub enum Item<T> {
    Ok(T),
    Err(Box<Diagnostic>),
}

/// The slice of a file being parsed, on this thread.
struct Context {
    file: SourceId,
    text: Rc<str>,
    /// Byte offset of `text` in the file.
    shift: usize,
    /// Entry errors, kept in case the document itself then fails to parse.
    entry_errors: Vec<Diagnostic>,
    /// Entries parsed in place, in one pass with the document: the first
    /// try at every file. A mistake then fails the whole document, which is
    /// parsed again entry by entry to find every mistake.
    in_place: bool,
}

thread_local! {
    static CONTEXT: RefCell<Vec<Context>> = const { RefCell::new(Vec::new()) };
}

fn with_context<R>(f: impl FnOnce(&mut Context) -> R) -> R {
    CONTEXT.with(|c| {
        let mut stack = c.borrow_mut();
        let ctx = stack
            .last_mut()
            .expect("rooz parses YAML only inside parse_document");
        f(ctx)
    })
}

fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        strict_booleans: true,
        budget: serde_saphyr::budget! {
            max_nodes: 2_000_000,
            max_events: 4_000_000,
            max_depth: MAX_DEPTH,
        },
    }
}

/// Parses a whole content file. On success, entry mistakes are inside the
/// returned value as [`Item::Err`]; on failure, the document's mistake and
/// every entry mistake met before it are returned.
pub fn parse_document<T: DeserializeOwned>(
    file: &SourceFile,
    id: SourceId,
) -> Result<T, Vec<Diagnostic>> {
    if file.text.trim().is_empty() {
        let span = Span {
            file: id,
            bytes: 0..0,
        };
        return Err(vec![
            Diagnostic::error("empty-file", "the file is empty")
                .at(span)
                .expected("a YAML mapping; see the content format in README.md"),
        ]);
    }
    let text: Rc<str> = Rc::from(file.text.as_str());
    let push = |in_place: bool| {
        CONTEXT.with(|c| {
            c.borrow_mut().push(Context {
                file: id,
                text: text.clone(),
                shift: 0,
                entry_errors: Vec::new(),
                in_place,
            })
        })
    };
    let pop = || {
        CONTEXT
            .with(|c| c.borrow_mut().pop())
            .expect("pushed just before")
    };
    // Content is usually right: one pass. Only a file with a mistake pays
    // for the second, entry by entry.
    push(true);
    let value = parse_in_place::<T>(&file.text);
    pop();
    if let Some(value) = value {
        return Ok(value);
    }
    push(false);
    let result = parse_slice::<T>(&file.text, id, 0);
    let entry_errors = pop().entry_errors;
    result.map_err(|d| {
        let mut all = entry_errors;
        all.push(*d);
        all
    })
}

/// The document in one pass, without tracking field paths (only a mistake
/// needs them, and the second pass reports it).
fn parse_in_place<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_saphyr::with_deserializer_from_str_with_options(text, options(), |de| T::deserialize(de))
        .ok()
}

/// Parses `text`, which sits at byte `shift` of file `id`.
fn parse_slice<T: DeserializeOwned>(
    text: &str,
    id: SourceId,
    shift: usize,
) -> Result<T, Box<Diagnostic>> {
    let mut path = String::new();
    serde_saphyr::with_deserializer_from_str_with_options(text, options(), |de| {
        serde_path_to_error::deserialize::<_, T>(de).map_err(|e| {
            path = e.path().to_string();
            e.into_inner()
        })
    })
    .map_err(|e| Box::new(translate(&e, id, shift, text, clean_path(&path))))
}

/// serde_path_to_error sees the `value` field of every [`Spanned`]; the
/// user never wrote it.
fn clean_path(path: &str) -> Option<String> {
    let cleaned = path.replace(".value", "").replace(".?", "");
    let cleaned = cleaned
        .strip_suffix("value")
        .unwrap_or(&cleaned)
        .trim_end_matches('.');
    (!cleaned.is_empty() && cleaned != ".").then(|| cleaned.to_string())
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Loc<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<T>::deserialize(d)?;
        let span = with_context(|ctx| to_span(ctx.file, ctx.shift, &ctx.text, &spanned.referenced));
        Ok(Loc {
            value: spanned.value,
            span,
        })
    }
}

fn to_span(file: SourceId, shift: usize, text: &str, location: &serde_saphyr::Location) -> Span {
    let s = location.span();
    // Some parser errors carry only line and column (their byte offset is
    // unknown, reported as u32::MAX or absent): count them out in the text.
    let known = |b: Option<u64>| b.filter(|&b| b < u64::from(u32::MAX)).map(|b| b as usize);
    let start = known(s.byte_offset()).unwrap_or_else(|| {
        let line = location.line().saturating_sub(1) as usize;
        let line_start = text
            .split_inclusive('\n')
            .take(line)
            .map(str::len)
            .sum::<usize>();
        let column = location.column().saturating_sub(1) as usize;
        line_start
            + text[line_start.min(text.len())..]
                .chars()
                .take(column)
                .map(char::len_utf8)
                .sum::<usize>()
    });
    let start = start.min(text.len());
    let len = known(s.byte_len()).unwrap_or_else(|| {
        text[start..]
            .chars()
            .take(s.len() as usize)
            .map(char::len_utf8)
            .sum()
    });
    Span {
        file,
        bytes: start + shift..start + shift + len,
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Item<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if with_context(|ctx| ctx.in_place) {
            return T::deserialize(d).map(Item::Ok);
        }
        let node = Spanned::<IgnoredAny>::deserialize(d)?;
        let (file, text, shift) = with_context(|ctx| (ctx.file, ctx.text.clone(), ctx.shift));
        let start = to_span(file, 0, &text, &node.referenced).bytes.start;
        let (region, prefix) = entry_region(&text, start);
        // Pad the first line to the entry's column so indentation (and
        // columns in messages) stay as written.
        let padded = format!("{}{}", " ".repeat(prefix), &text[start..region]);
        let entry_shift = shift + start - prefix;
        CONTEXT.with(|c| {
            c.borrow_mut().push(Context {
                file,
                text: Rc::from(padded.as_str()),
                shift: entry_shift,
                entry_errors: Vec::new(),
                in_place: false,
            })
        });
        let parsed = parse_slice::<T>(&padded, file, entry_shift);
        CONTEXT.with(|c| c.borrow_mut().pop());
        Ok(match parsed {
            Ok(value) => Item::Ok(value),
            Err(mut d) => {
                // The parser notices a missing key at the end of the entry;
                // point at the entry's first key instead, where it begins.
                if d.code == "missing-key" && d.path.is_none() {
                    let first_key = text[start..].find([':', '\n']).unwrap_or(0);
                    d.span = Some(Span {
                        file,
                        bytes: shift + start..shift + start + first_key,
                    });
                }
                with_context(|ctx| ctx.entry_errors.push((*d).clone()));
                Item::Err(d)
            }
        })
    }
}

/// The end (exclusive) of the list entry starting at byte `start`, and the
/// number of characters before it on its line.
///
/// In block style an entry runs until the first later line indented less
/// than its first key (blank and comment lines do not count). In flow style
/// (`[{…}, {…}]`) it runs to the matching closing bracket.
fn entry_region(text: &str, start: usize) -> (usize, usize) {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..start];
    let prefix = before.chars().count();
    let in_flow = matches!(before.trim_end().chars().last(), Some('[' | ','));
    if in_flow {
        return (flow_end(text, start), prefix);
    }
    let mut pos = text[start..]
        .find('\n')
        .map_or(text.len(), |i| start + i + 1);
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = &text[pos..line_end];
        let body = line.trim_start_matches(' ');
        let blank = body.trim().is_empty() || body.starts_with('#');
        if !blank && line.len() - body.len() < prefix {
            return (pos, prefix);
        }
        pos = line_end;
    }
    (text.len(), prefix)
}

/// End of the flow node starting at `start`: after its matching bracket, or
/// before the next `,` or `]` for a scalar.
fn flow_end(text: &str, start: usize) -> usize {
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    for (i, c) in text[start..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '{' | '[') => depth += 1,
            (None, '}' | ']') if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    return start + i + 1;
                }
            }
            (None, ',' | ']' | '}') if depth == 0 => return start + i,
            _ => {}
        }
    }
    text.len()
}

/// Turns a serde-saphyr error into a diagnostic in rooz's words.
fn translate(
    e: &serde_saphyr::Error,
    file: SourceId,
    shift: usize,
    text: &str,
    path: Option<String>,
) -> Diagnostic {
    let raw = serde_saphyr::DefaultMessageFormatter
        .format_message(e.without_snippet())
        .to_string();
    let span = e.location().map(|l| to_span(file, shift, text, &l));
    let mut d = describe(&raw);
    let lower = raw.to_lowercase();
    if d.code == "yaml-syntax" && (lower.contains("anchor") || lower.contains("alias")) {
        d.hint = Some(
            "an alias (*name) must point at an anchor (&name) in the same list entry: \
             rooz reads each programme, day or headquarters on its own"
                .into(),
        );
    }
    if d.code == "yaml-syntax"
        && let Some(span) = &span
        && let Some(line) = unclosed_quote_before(text, span.bytes.start - shift)
    {
        d.hint = Some(format!(
            "a quote may be left open on an earlier line: {line}"
        ));
    }
    d.span = span;
    d.path = path;
    d
}

/// The last line before `offset` with an odd number of double quotes: the
/// usual cause of a syntax error reported further down.
fn unclosed_quote_before(text: &str, offset: usize) -> Option<&str> {
    let before = &text[..offset.min(text.len())];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    before[..line_start].lines().rev().map(str::trim).find(|l| {
        !l.starts_with('#') && (l.matches('"').count() - l.matches("\\\"").count()) % 2 == 1
    })
}

/// rooz's wording for the parser's messages.
fn describe(raw: &str) -> Diagnostic {
    if let Some(diagnostic) = describe_key(raw).or_else(|| describe_limit(raw)) {
        return diagnostic;
    }
    let (code, message, expected) = match raw {
        m if m.starts_with("tabs disallowed") => (
            "yaml-tab",
            "a tab is used for indentation".to_string(),
            "spaces for indentation (YAML does not allow tabs)",
        ),
        m if m.starts_with("invalid u") || m.starts_with("invalid i") => (
            "wrong-type",
            "not a whole number".to_string(),
            "a whole number, e.g. 500",
        ),
        m if m.starts_with("invalid boolean") => (
            "wrong-type",
            "not true or false".to_string(),
            "true or false",
        ),
        "expected string scalar" => (
            "wrong-type",
            "expected text here".to_string(),
            "a single value (text), not a list or mapping",
        ),
        "expected sequence start" => (
            "wrong-type",
            "expected a list here".to_string(),
            "a list: [a, b] or lines starting with '- '",
        ),
        "expected mapping start" => (
            "wrong-type",
            "expected a mapping here".to_string(),
            "'key: value' lines",
        ),
        m if m.starts_with("cannot deserialize null") => (
            "missing-value",
            "this key has no value".to_string(),
            "a value after the colon",
        ),
        m if m.starts_with("invalid type") || m.starts_with("invalid value") => (
            "wrong-type",
            m.to_string(),
            "a value of the type this key takes",
        ),
        m => ("yaml-syntax", format!("invalid YAML: {m}"), "valid YAML"),
    };
    Diagnostic::error(code, message).expected(expected)
}

/// The messages about keys: unknown, missing or written twice.
fn describe_key(raw: &str) -> Option<Diagnostic> {
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let (key, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<&str> = expected
            .trim_start_matches(", expected one of ")
            .trim_start_matches(", expected ")
            .split(", ")
            .map(|k| k.trim_matches('`'))
            .filter(|k| !k.is_empty())
            .collect();
        return Some(
            Diagnostic::error("unknown-key", format!("unknown key '{key}'"))
                .expected(format!("one of: {}", known.join(", ")))
                .hint_opt(did_you_mean(key, known.iter().copied())),
        );
    }
    if let Some(rest) = raw.strip_prefix("missing field `") {
        let key = rest.trim_end_matches('`');
        return Some(
            Diagnostic::error("missing-key", format!("missing required key '{key}'"))
                .expected(format!("a '{key}' key in this mapping")),
        );
    }
    if let Some(rest) = raw.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest);
        return Some(
            Diagnostic::error(
                "duplicate-key",
                format!("key '{key}' is written twice in one mapping"),
            )
            .expected("each key once"),
        );
    }
    None
}

/// The messages about the parser's limits: nesting depth and size.
fn describe_limit(raw: &str) -> Option<Diagnostic> {
    if raw.starts_with("budget breached: Depth") {
        return Some(
            Diagnostic::error(
                "yaml-too-deep",
                format!("the YAML nests more than {MAX_DEPTH} levels deep; rooz refuses it"),
            )
            .expected("content nested a few levels, as in the content format (README)"),
        );
    }
    if raw.starts_with("budget breached") {
        return Some(Diagnostic::error(
            "yaml-too-large",
            "the YAML expands to too many nodes (aliases that multiply, or a huge file); rooz refuses it",
        )
        .expected("a content file without alias chains")
        .hint(format!("parser said: {raw}")));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Sources;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Entry {
        id: Loc<String>,
        n: Option<u32>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        name: Loc<String>,
        entries: Vec<Item<Entry>>,
    }

    fn parse(text: &str) -> (Sources, Result<Doc, Vec<Diagnostic>>) {
        let mut sources = Sources::default();
        let id = sources.add(SourceFile::new("t.yaml", text.to_string()));
        let r = parse_document::<Doc>(sources.get(id), id);
        (sources, r)
    }

    #[test]
    fn every_broken_entry_is_reported_and_good_ones_kept() {
        let text = "name: x\nentries:\n  - id: a\n    n: many\n  - id: b\n  - id: c\n    nn: 1\n";
        let (sources, doc) = parse(text);
        let doc = doc.unwrap();
        let errors: Vec<_> = doc
            .entries
            .iter()
            .filter_map(|e| match e {
                Item::Err(d) => Some((
                    d.message.clone(),
                    sources.position(d.span.as_ref().unwrap()),
                    d.path.clone(),
                )),
                Item::Ok(_) => None,
            })
            .collect();
        assert_eq!(
            errors,
            vec![
                (
                    "not a whole number".to_string(),
                    (4, 8),
                    Some("n".to_string())
                ),
                (
                    "unknown key 'nn'".to_string(),
                    (7, 5),
                    Some("nn".to_string())
                ),
            ]
        );
        let Item::Ok(b) = &doc.entries[1] else {
            panic!("entry b is fine")
        };
        assert_eq!(sources.position(&b.id.span), (5, 9));
    }

    #[test]
    fn flow_entries_are_parsed_one_by_one() {
        let (sources, doc) = parse("name: x\nentries: [{id: a}, {id: b, n: x}, {id: 'c,}'}]\n");
        let doc = doc.unwrap();
        assert!(matches!(doc.entries[0], Item::Ok(_)));
        let Item::Err(d) = &doc.entries[1] else {
            panic!("entry b is broken")
        };
        assert_eq!(sources.position(d.span.as_ref().unwrap()), (2, 31));
        let Item::Ok(c) = &doc.entries[2] else {
            panic!("entry c is fine")
        };
        assert_eq!(c.id.value, "c,}");
    }

    #[test]
    fn a_document_error_keeps_entry_errors_met_before_it() {
        let (_, doc) = parse("entries:\n  - id: a\n    n: x\nnme: y\n");
        let errors = doc.unwrap_err();
        let messages: Vec<_> = errors.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, ["not a whole number", "unknown key 'nme'"]);
        assert_eq!(errors[1].hint.as_deref(), Some("did you mean 'name'?"));
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("name: x\nentries:\n  - &a [x,x,x,x,x,x,x,x,x,x]\n");
        for (prev, next) in ["a", "b", "c", "d", "e", "f", "g"]
            .iter()
            .zip(["b", "c", "d", "e", "f", "g", "h"])
        {
            text.push_str(&format!(
                "  - &{next} [{}]\n",
                vec![format!("*{prev}"); 10].join(",")
            ));
        }
        let (_, doc) = parse(&text);
        let errors = doc.unwrap_err();
        assert_eq!(errors.last().map(|d| d.code), Some("yaml-too-large"));
    }
}
