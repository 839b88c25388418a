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
    b.url_schemes(["http", "https", "mailto", "tel"].into_iter().collect());
    // Photos come through the media fields, copied and sized; an `<img>`
    // in a description would point at a file the site does not have, or
    // at another host, which the pages' Content-Security-Policy blocks.
    b.rm_tags(["img"]);
    b
});

/// Markdown → sanitised HTML.
pub fn to_html(markdown: &str) -> String {
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, parser);
    CLEANER.clean(&raw).to_string()
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
            html.contains(">x</a>") && !html.contains("href=\"javascript"),
            "the link stays, without its href: {html}"
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
