//! The tags of a built page, read the way a browser starts to: enough to
//! say that nothing a content author wrote became markup, a handler, a
//! script, a style or a dangerous URL, and that every page carries the
//! Content-Security-Policy and keeps to it. The DOM-level twin of these
//! checks runs in Chromium (tests/browser/hostile.mjs).

use std::fs;
use std::path::Path;

/// One start tag: its lower-case name, its attributes (values decoded)
/// and, for `<script>` and `<style>`, the raw text up to its end tag.
#[derive(Debug)]
pub struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub body: Option<String>,
}

impl Tag {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The character references rooz's templates and sanitiser write.
pub fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let c = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every start tag of `html`, in order; comments, doctypes and end tags
/// are skipped, and the text of `<script>` and `<style>` is not read as
/// markup.
pub fn tags(html: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix("!--") {
            rest = r.split_once("-->").map_or("", |(_, r)| r);
            continue;
        }
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            rest = rest.split_once('>').map_or("", |(_, r)| r);
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..end].to_ascii_lowercase();
        rest = &rest[end..];
        let mut attrs = Vec::new();
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if rest.is_empty() {
                break;
            }
            if let Some(r) = rest.strip_prefix('>') {
                rest = r;
                break;
            }
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
                .unwrap_or(rest.len())
                .max(rest.chars().next().map_or(0, char::len_utf8));
            let key = rest[..end].to_ascii_lowercase();
            rest = &rest[end..];
            let mut value = String::new();
            if let Some(r) = rest.strip_prefix('=') {
                rest = r;
                match rest.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let r = &rest[1..];
                        let e = r.find(q).unwrap_or(r.len());
                        value = r[..e].to_string();
                        rest = r.get(e + 1..).unwrap_or("");
                    }
                    _ => {
                        let e = rest
                            .find(|c: char| c.is_whitespace() || c == '>')
                            .unwrap_or(rest.len());
                        value = rest[..e].to_string();
                        rest = &rest[e..];
                    }
                }
            }
            attrs.push((key, decode(&value)));
        }
        let body = matches!(name.as_str(), "script" | "style").then(|| {
            let close = format!("</{name}");
            let e = rest.find(&close).unwrap_or(rest.len());
            let body = rest[..e].to_string();
            rest = &rest[e..];
            body
        });
        out.push(Tag { name, attrs, body });
    }
    out
}

/// Attributes whose value the browser may load or navigate to.
const URL_ATTRS: [&str; 8] = [
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "srcset",
    "data",
    "xlink:href",
];

/// Elements no page of rooz has, and that would run or embed something.
const FORBIDDEN: [&str; 7] = [
    "iframe", "object", "embed", "frame", "applet", "frameset", "math",
];

/// What is wrong in one page: an injected element, a handler, a style
/// attribute, a script URL, an inline script or a `<style>` the page's
/// policy does not allow, or a missing policy.
pub fn problems(html: &str) -> Vec<String> {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let mut found = Vec::new();
    let all = tags(html);
    let policies: Vec<&Tag> = all
        .iter()
        .filter(|t| {
            t.name == "meta"
                && t.attr("http-equiv")
                    .is_some_and(|v| v.eq_ignore_ascii_case("content-security-policy"))
        })
        .collect();
    let policy = match policies.as_slice() {
        [one] => one.attr("content").unwrap_or_default().to_string(),
        _ => {
            found.push(format!("{} Content-Security-Policy metas", policies.len()));
            String::new()
        }
    };
    let head: Vec<&str> = all.iter().take(4).map(|t| t.name.as_str()).collect();
    let charset_first = all.get(2).is_some_and(|t| t.attr("charset").is_some());
    let policy_next = all.get(3).is_some_and(|t| t.attr("http-equiv").is_some());
    if head != ["html", "head", "meta", "meta"] || !charset_first || !policy_next {
        found.push("the policy is not the <meta> right after the charset".into());
    }
    for want in [
        "default-src 'self'",
        "script-src 'self';",
        "style-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
    ] {
        if !policy.contains(want) {
            found.push(format!("the policy lacks {want:?}: {policy:?}"));
        }
    }
    // Every source is the site itself, nothing, or a hash: no host, no
    // scheme, no 'unsafe-…', no wildcard.
    for directive in policy.split(';') {
        for source in directive.split_whitespace().skip(1) {
            if !(source == "'self'" || source == "'none'" || source.starts_with("'sha256-")) {
                found.push(format!("the policy allows {source:?}: {policy:?}"));
            }
        }
    }
    for tag in &all {
        if FORBIDDEN.contains(&tag.name.as_str()) {
            found.push(format!("a <{}> element", tag.name));
        }
        if tag.name == "base" && tag.attr("href").is_some() {
            found.push("a <base href> (embeds' <base> only sets the target)".into());
        }
        if tag.name == "meta"
            && tag
                .attr("http-equiv")
                .is_some_and(|v| v.eq_ignore_ascii_case("refresh"))
        {
            found.push("a refresh <meta>".into());
        }
        for (key, value) in &tag.attrs {
            if key.starts_with("on") {
                found.push(format!("<{} {key}={value:?}>", tag.name));
            }
            if key == "style" {
                found.push(format!(
                    "<{} style={value:?}> (the policy forbids it)",
                    tag.name
                ));
            }
            let url: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            if URL_ATTRS.contains(&key.as_str())
                && ["javascript:", "data:", "vbscript:"]
                    .iter()
                    .any(|s| url.starts_with(s))
            {
                found.push(format!("<{} {key}={value:?}>", tag.name));
            }
        }
        match (tag.name.as_str(), &tag.body) {
            ("script", Some(body)) => {
                let data = tag
                    .attr("type")
                    .is_some_and(|t| t == "application/ld+json" || t == "application/json");
                if data {
                    if let Err(e) = serde_json::from_str::<serde_json::Value>(body) {
                        found.push(format!("a JSON <script> that does not parse: {e}"));
                    }
                } else if !body.trim().is_empty() {
                    found.push(format!("an inline script: {:?}", truncate(body)));
                } else if tag
                    .attr("src")
                    .is_none_or(|s| s.contains("://") || s.starts_with("//"))
                {
                    found.push(format!("a script not of the site: {:?}", tag.attr("src")));
                }
            }
            ("style", Some(body)) => {
                let hash = base64::engine::general_purpose::STANDARD
                    .encode(Sha256::digest(body.as_bytes()));
                if !policy.contains(&format!("'sha256-{hash}'")) {
                    found.push(format!(
                        "a <style> the policy does not allow: {:?}",
                        truncate(body)
                    ));
                }
            }
            _ => {}
        }
    }
    found
}

fn truncate(text: &str) -> String {
    text.chars().take(80).collect()
}

/// [`problems`] of every HTML page under `out`; returns how many pages
/// were read.
pub fn assert_pages_inert(out: &Path) -> usize {
    let pages = super::files_ending(out, ".html");
    let mut all = Vec::new();
    for page in &pages {
        let html = fs::read_to_string(page).unwrap();
        for p in problems(&html) {
            all.push(format!("{}: {p}", page.display()));
        }
    }
    assert!(
        all.is_empty(),
        "{} problems:\n{}",
        all.len(),
        all.join("\n")
    );
    pages.len()
}
