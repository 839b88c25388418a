//! Inline text made readable in right-to-left pages: phone numbers as
//! left-to-right, tappable `tel:` links (a number inside Persian text
//! otherwise shows its groups in reverse), and URLs that wrap only at their
//! slashes.

use std::ops::Range;

use super::xml::escape;
use crate::calendar::latin_digits;

/// Fewest and most digits a phone number has.
const PHONE_DIGITS: std::ops::RangeInclusive<usize> = 7..=15;

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
        || ('\u{06F0}'..='\u{06F9}').contains(&c)
        || ('\u{0660}'..='\u{0669}').contains(&c)
}

/// The byte ranges of `text` that read as phone numbers: an optional `+`,
/// then digits (Latin, Persian or Arabic-Indic) grouped by spaces, `-`,
/// `.` or brackets, 7 to 15 digits in all.
pub fn phone_numbers(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let opens = matches!(c, '+' | '(') && chars.get(i + 1).is_some_and(|&(_, n)| is_digit(n));
        let starts_word = i == 0 || !chars[i - 1].1.is_alphanumeric();
        if !(is_digit(c) || opens) || !starts_word {
            i += 1;
            continue;
        }
        // The run of number characters, then back to its last digit (or a
        // closing bracket after one).
        let mut j = i;
        while j < chars.len()
            && (is_digit(chars[j].1)
                || matches!(chars[j].1, ' ' | '-' | '.' | '(' | ')' | '+' | '\u{2011}'))
        {
            j += 1;
        }
        let mut last = j;
        while last > i && !is_digit(chars[last - 1].1) && chars[last - 1].1 != ')' {
            last -= 1;
        }
        let ends_word = chars.get(last).is_none_or(|&(_, n)| !n.is_alphanumeric());
        let digits = chars[i..last].iter().filter(|&&(_, c)| is_digit(c)).count();
        if ends_word && PHONE_DIGITS.contains(&digits) {
            let end = chars.get(last).map_or(text.len(), |&(b, _)| b);
            found.push(start..end);
            i = last;
        } else {
            i = j.max(i + 1);
        }
    }
    found
}

/// The `tel:` address of a phone number as written: `+` and ASCII digits.
pub fn tel_href(number: &str) -> String {
    let digits: String = latin_digits(number)
        .chars()
        .filter(|c| c.is_ascii_digit())
        .collect();
    if number.trim_start().starts_with('+') {
        format!("tel:+{digits}")
    } else {
        format!("tel:{digits}")
    }
}

/// A contact line as HTML: escaped, each phone number a left-to-right
/// isolated `tel:` link.
pub fn contact_html(text: &str) -> String {
    let mut html = String::new();
    let mut at = 0;
    for range in phone_numbers(text) {
        html.push_str(&escape(&text[at..range.start]));
        let number = &text[range.clone()];
        html.push_str(&format!(
            "<bdi dir=\"ltr\"><a href=\"{}\">{}</a></bdi>",
            tel_href(number),
            escape(number)
        ));
        at = range.end;
    }
    html.push_str(&escape(&text[at..]));
    html
}

/// A contact line for plain text (the press kit's facts): each phone number
/// between left-to-right isolates (U+2066 … U+2069).
pub fn contact_text(text: &str) -> String {
    let mut out = String::new();
    let mut at = 0;
    for range in phone_numbers(text) {
        out.push_str(&text[at..range.start]);
        out.push('\u{2066}');
        out.push_str(&text[range.clone()]);
        out.push('\u{2069}');
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A URL as HTML that may wrap after each `/` (and nowhere else).
pub fn url_html(url: &str) -> String {
    escape(url).replace('/', "/<wbr>")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(text: &str) -> Vec<&str> {
        phone_numbers(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn phone_numbers_in_any_digits_are_found_whole() {
        assert_eq!(numbers("روابط عمومی: ۰۷۴-۳۳۵۲۰۰۰۱"), ["۰۷۴-۳۳۵۲۰۰۰۱"]);
        assert_eq!(numbers("تلفن ۰۷۴ ۳۳۵۲ ۰۰۰۱ و نمابر"), ["۰۷۴ ۳۳۵۲ ۰۰۰۱"]);
        assert_eq!(numbers("+98 74 3352 0001, Ms Ahmadi"), ["+98 74 3352 0001"]);
        assert_eq!(numbers("(074) 33520001."), ["(074) 33520001"]);
        assert_eq!(numbers("call ٠٧٤٣٣٥٢٠٠٠١"), ["٠٧٤٣٣٥٢٠٠٠١"]);
        // Too short, or part of a word: not a number to call.
        assert_eq!(numbers("اتاق ۱۲"), Vec::<&str>::new());
        assert_eq!(numbers("room B12345678x"), Vec::<&str>::new());
        assert_eq!(numbers("دفتر بسیج، داخلی ۲۰۴"), Vec::<&str>::new());
    }

    #[test]
    fn a_contact_links_each_number_left_to_right_with_ascii_digits() {
        assert_eq!(
            contact_html("هماهنگی: ۰۷۴-۳۳۵۲۰۰۰۱ (آقای <رضایی>)"),
            "هماهنگی: <bdi dir=\"ltr\"><a href=\"tel:07433520001\">۰۷۴-۳۳۵۲۰۰۰۱</a></bdi> (آقای &lt;رضایی&gt;)"
        );
        assert_eq!(tel_href("+98 (74) 3352-0001"), "tel:+987433520001");
        assert_eq!(
            contact_text("تلفن ۰۷۴-۳۳۵۲۰۰۰۱"),
            "تلفن \u{2066}۰۷۴-۳۳۵۲۰۰۰۱\u{2069}"
        );
    }

    #[test]
    fn a_url_wraps_only_after_its_slashes() {
        assert_eq!(
            url_html("https://example.org/a&b/"),
            "https:/<wbr>/<wbr>example.org/<wbr>a&amp;b/<wbr>"
        );
    }
}
