//! Markdown descriptions into safe HTML.
//!
//! pulldown-cmark passes raw HTML through, so everything it produces goes
//! through ammonia: no scripts, no event handlers, no `javascript:` links,
//! no images (photos come through the media fields).
//! `dir` and `lang` survive on every element, because Persian text quoting
//! English (and the reverse) needs them.

use std::sync::LazyLock;

use pulldown_cmark::{Options, Parser, html};

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["dir", "lang"]);
    b.link_rel(Some("noopener noreferrer"));
    b.url_schemes(SCHEMES.into_iter().collect());
    // Photos come through the media fields, copied and sized; an `<img>`
    // in a description would point at a file the site does not have, or
    // at another host, which the pages' Content-Security-Policy blocks.
    b.rm_tags(["img"]);
    b
});

/// The schemes a link may have (and relative links).
const SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Markdown → sanitised HTML. A link to any other scheme is its text
/// alone: ammonia would keep an `<a rel=…>` without `href`, which is not
/// valid HTML.
pub fn to_html(markdown: &str) -> String {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let mut dropped = 0usize;
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .filter(|event| match event {
        Event::Start(Tag::Link { dest_url, .. }) if !allowed(dest_url) => {
            dropped += 1;
            false
        }
        // Links do not nest: the end that follows is the dropped link's.
        Event::End(TagEnd::Link) if dropped > 0 => {
            dropped -= 1;
            false
        }
        _ => true,
    });
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, parser);
    CLEANER
        .clean(&raw)
        .to_string()
        // A raw <a href="javascript:…"> loses its href in ammonia.
        .replace("<a rel=\"noopener noreferrer\">", "<a>")
}

/// Whether a link's address is relative or has one of `SCHEMES`, read as
/// a browser reads it (spaces and controls around it, tabs and line ends
/// inside it ignored).
fn allowed(url: &str) -> bool {
    let url: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    match url.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(scheme))
        }
        _ => true,
    }
}

/// Markdown → plain text, for calendars, schedules and the search index:
/// the words of every paragraph, item and cell, a line break between
/// blocks, soft line breaks as spaces, raw HTML dropped.
pub fn to_plain(markdown: &str) -> String {
    use pulldown_cmark::{Event, TagEnd};
    let mut out = String::with_capacity(markdown.len());
    let block_end = |out: &mut String| {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
    };
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableRow,
            ) => block_end(&mut out),
            Event::End(TagEnd::TableCell) => out.push(' '),
            _ => {}
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::{to_html, to_plain};

    #[test]
    fn a_link_to_another_scheme_is_its_text() {
        let html = to_html(
            "[a](javascript:alert(1)) [b](JaVaScRiPt:x) [c](data:text/html,x) \
             [d](https://example.org/) [e](../x/index.html) [f](tel:+98) \
             <a href=\"javascript:y\">g</a>",
        );
        assert_eq!(
            html,
            "<p>a b c <a href=\"https://example.org/\" rel=\"noopener noreferrer\">d</a> \
             <a href=\"../x/index.html\" rel=\"noopener noreferrer\">e</a> \
             <a href=\"tel:+98\" rel=\"noopener noreferrer\">f</a> <a>g</a></p>\n"
        );
    }

    #[test]
    fn plain_text_keeps_the_words_and_drops_markup() {
        assert_eq!(
            to_plain("**بسیج** و\n*مردم*\n\n- یک\n- دو <script>x</script>"),
            "بسیج و مردم\nیک\nدو x"
        );
    }

    #[test]
    fn formats_markdown() {
        assert_eq!(
            to_html("**بسیج** و *مردم*"),
            "<p><strong>بسیج</strong> و <em>مردم</em></p>\n"
        );
        assert!(to_html("- یک\n- دو").contains("<li>یک</li>"));
    }

    #[test]
    fn strips_scripts_handlers_and_javascript_links() {
        let html = to_html(
            "<script>alert(1)</script><img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n\n<a href=\"http://a.b\" onclick=\"x()\">a</a>",
        );
        assert!(
            html.contains("<p>x</p>"),
            "the link's text stays, as text: {html}"
        );
        assert!(!html.contains("script"), "{html}");
        assert!(
            !html.contains("onerror") && !html.contains("<img"),
            "{html}"
        );
        assert!(!html.contains("javascript"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
    }

    #[test]
    fn keeps_direction_and_language() {
        let html = to_html("<p dir=\"ltr\" lang=\"en\">Basij Week</p>");
        assert!(
            html.contains("dir=\"ltr\"") && html.contains("lang=\"en\""),
            "{html}"
        );
    }
}
