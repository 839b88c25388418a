//! The search index: rooz's own, split into small script files so that a
//! reader's browser loads only the part a query needs, from a server or
//! from disk (`<script>` works from `file://` where `fetch` does not).
//!
//! Persian-aware on both sides: the index and the query are folded by the
//! same table ([`FOLD`], [`DROP`]; the browser gets it in `search/config.js`
//! and applies it with the same steps in `static/search.js`): Arabic ي/ك/ة
//! and hamza-carrying alefs fold to their Persian forms, harakat and
//! tatweel vanish, Persian and Arabic-Indic digits become Latin, and a
//! ZWNJ joins like a space does — a word written `هفت‌سین` is indexed as
//! `هفت`, `سین` and `هفتسین`, and in short fields two neighbouring words
//! also as one (`هفت سین` → `هفتسین`), so every spelling finds it.
//!
//! Files (`search/`): `config.js`, `i-K.js` (the tokens whose first two
//! letters hash to shard K, sorted, each with the programmes it occurs in)
//! and `d-C.js` (programmes C·DOCS … as title, day, time, headquarters and
//! link, in the event's language and digits).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::calendar::latin_digit;
use crate::index::Site;
use crate::model::ProgrammeId;
use crate::plan::Page;
use crate::render::engine::Locale;
use crate::render::markdown;

pub use crate::spelling::{DROP, FOLD, ZWNJ};

use crate::plan::{SEARCH_DOCS as DOCS, search_docs as doc_files, search_shards as shards};

/// One character as the index keeps it (lower-cased, folded, Latin
/// digits), or nothing.
fn fold_char(c: char, out: &mut String) {
    for c in c.to_lowercase() {
        if crate::spelling::dropped(c) {
            continue;
        }
        out.push(crate::spelling::letter(latin_digit(c)));
    }
}

/// Text folded for the index (ZWNJ kept, as a joiner).
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// The tokens of a text: each word, each part of a ZWNJ compound and the
/// compound joined; with `pairs`, two neighbouring words joined too.
pub fn tokens(text: &str, pairs: bool, out: &mut Vec<String>) {
    let text = normalise(text);
    let mut words: Vec<String> = Vec::new();
    // Persian letters and ASCII first: the general test is slow.
    let word = |c: char| {
        c.is_ascii_alphanumeric()
            || ('\u{0620}'..='\u{064A}').contains(&c)
            || ('\u{067E}'..='\u{06D3}').contains(&c)
            || c == ZWNJ
            || (!c.is_ascii() && c.is_alphanumeric())
    };
    for compound in text.split(|c: char| !word(c)) {
        let parts: Vec<&str> = compound.split(ZWNJ).filter(|p| !p.is_empty()).collect();
        if parts.len() > 1 {
            out.push(parts.concat());
        }
        words.extend(parts.iter().map(|p| p.to_string()));
    }
    if pairs {
        for pair in words.windows(2) {
            out.push(format!("{}{}", pair[0], pair[1]));
        }
    }
    out.extend(words);
}

/// The shard of a token: a hash of its first two characters (a prefix
/// query of two or more letters finds every longer token in one shard).
pub fn shard_of(token: &str, shards: usize) -> usize {
    let mut h: u32 = 2_166_136_261;
    for c in token.chars().take(2) {
        h ^= c as u32;
        h = h.wrapping_mul(16_777_619);
    }
    h as usize % shards
}

/// Every token of the site and where it occurs, shard by shard: programme
/// numbers (in [`Site::programmes`] order), ascending, each times two plus
/// one when the token is in the title.
pub struct Index {
    shards: Vec<BTreeMap<Box<str>, Vec<u32>>>,
}

impl Index {
    pub fn new(site: &Site) -> Index {
        let event = site.event;
        let count = shards(site.programmes.len());
        let mut postings: Vec<BTreeMap<Box<str>, Vec<u32>>> = vec![BTreeMap::new(); count];
        let mut words = Vec::new();
        for (n, &id) in site.programmes.iter().enumerate() {
            let p = event.programme(id);
            let n = u32::try_from(n).unwrap_or(u32::MAX / 2);
            let mut add = |words: &mut Vec<String>, title: bool| {
                words.sort_unstable();
                words.dedup();
                for w in words.drain(..) {
                    let shard = &mut postings[shard_of(&w, count)];
                    let list = match shard.get_mut(w.as_str()) {
                        Some(list) => list,
                        None => shard.entry(w.into_boxed_str()).or_default(),
                    };
                    match list.last_mut() {
                        Some(last) if *last / 2 == n => *last |= u32::from(title),
                        _ => list.push(n * 2 + u32::from(title)),
                    }
                }
            };
            tokens(&p.title, true, &mut words);
            add(&mut words, true);
            let short = [
                p.venue.as_deref(),
                p.audience.as_deref(),
                Some(event.headquarters(p.headquarters).title.as_str()),
                Some(event.stratum(p.stratum).title.as_str()),
                p.county.map(|c| event.county(c).title.as_str()),
            ];
            for field in short.into_iter().flatten() {
                tokens(field, true, &mut words);
            }
            if let Some(d) = &p.description {
                tokens(&markdown::to_plain(&d.0), false, &mut words);
            }
            add(&mut words, false);
        }
        Index { shards: postings }
    }

    /// `search/i-K.js`: the shard's tokens, sorted, each followed by its
    /// programmes as base-36 numbers: the gap to the previous one, times
    /// two, plus one when the token is in the title.
    pub fn shard(&self, k: usize) -> String {
        let mut out = format!("roozSearch.shard({k},[");
        let Some(tokens) = self.shards.get(k) else {
            out.push_str("]);\n");
            return out;
        };
        for (i, (token, list)) in tokens.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let _ = write!(out, "{},\"", js_string(token));
            let mut previous = 0;
            for (j, &code) in list.iter().enumerate() {
                if j > 0 {
                    out.push(' ');
                }
                let n = code / 2;
                out.push_str(&base36(u64::from(n - previous) * 2 + u64::from(code % 2)));
                previous = n;
            }
            out.push('"');
        }
        out.push_str("]);\n");
        out
    }
}

/// `search/d-C.js`: what a result shows of programmes C·DOCS …: link
/// (root-relative), title, day, time, headquarters, and 1 when cancelled.
pub fn docs(site: &Site, locale: &Locale, c: usize) -> String {
    let event = site.event;
    let f = &locale.formats;
    let mut out = format!("roozSearch.docs({c},[");
    let ids: &[ProgrammeId] = site
        .programmes
        .get(c * DOCS..((c + 1) * DOCS).min(site.programmes.len()))
        .unwrap_or(&[]);
    for (i, &id) in ids.iter().enumerate() {
        let p = event.programme(id);
        let day = if p.is_multi_day() {
            locale.fill(
                "date_range",
                &[
                    ("start", &f.date_short(p.date)),
                    ("end", &f.date_short(p.until)),
                ],
            )
        } else {
            f.date_long_weekday(p.date)
        };
        let time = match (p.start, p.end) {
            (None, _) => locale.s("all_day"),
            (Some(s), None) => f.time(s),
            (Some(s), Some(e)) => {
                locale.fill("time_range", &[("start", &f.time(s)), ("end", &f.time(e))])
            }
        };
        if i > 0 {
            out.push(',');
        }
        let _ = write!(
            out,
            "[{},{},{},{},{},{}]",
            js_string(&Page::Programme(id).file(site)),
            js_string(&p.title),
            js_string(&day),
            js_string(&time),
            js_string(&event.headquarters(p.headquarters).title),
            u8::from(p.status == crate::model::Status::Cancelled)
        );
    }
    out.push_str("]);\n");
    out
}

/// `search/config.js`: the folding table, the number of files, and the
/// strings a result list needs.
pub fn config(site: &Site, locale: &Locale) -> String {
    let n = site.programmes.len();
    let fold: Vec<String> = FOLD
        .iter()
        .map(|&(from, to)| {
            format!(
                "{}:{}",
                js_string(&from.to_string()),
                js_string(&to.to_string())
            )
        })
        .collect();
    let drop: Vec<String> = DROP
        .iter()
        .map(|&(a, b)| format!("[{},{}]", a as u32, b as u32))
        .collect();
    let strings: Vec<String> = [
        "search_results_one",
        "search_results_other",
        "search_none",
        "search_short",
        "search_more",
        "status_cancelled",
    ]
    .iter()
    .map(|k| format!("{}:{}", k, js_string(&locale.s(k))))
    .collect();
    format!(
        "roozSearch.config({{shards:{},docs:{},perDoc:{},fold:{{{}}},drop:[{}],strings:{{{}}}}});\n",
        shards(n),
        doc_files(n),
        DOCS,
        fold.join(","),
        drop.join(","),
        strings.join(",")
    )
}

/// A JavaScript string literal that is also safe inside HTML.
fn js_string(s: &str) -> String {
    let mut out = serde_json::to_string(s).expect("strings serialise");
    out = out.replace('<', "\\u003c").replace('>', "\\u003e");
    out = out
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029");
    out
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buf = Vec::new();
    loop {
        buf.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    buf.reverse();
    String::from_utf8(buf).expect("ASCII")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str, pairs: bool) -> Vec<String> {
        let mut out = Vec::new();
        tokens(text, pairs, &mut out);
        out
    }

    #[test]
    fn arabic_letters_fold_to_persian() {
        assert_eq!(normalise("كتاب"), "کتاب");
        assert_eq!(normalise("علي"), "علی");
        assert_eq!(normalise("موسى"), "موسی");
        assert_eq!(normalise("مدرسة"), "مدرسه");
        assert_eq!(normalise("أمام إمام آمار"), "امام امام امار");
        assert_eq!(normalise("مؤمن"), "مومن");
        assert_eq!(normalise("رئيس"), "رییس");
    }

    #[test]
    fn diacritics_tatweel_and_marks_vanish() {
        assert_eq!(normalise("مُحَمَّد"), "محمد");
        assert_eq!(normalise("بسيـــج"), "بسیج");
        assert_eq!(normalise("\u{200F}روز\u{200E}"), "روز");
    }

    #[test]
    fn digits_of_every_script_are_latin() {
        assert_eq!(normalise("۱۴۰۵"), "1405");
        assert_eq!(normalise("١٤٠٥"), "1405");
        assert_eq!(normalise("1405"), "1405");
    }

    #[test]
    fn latin_is_lower_cased() {
        assert_eq!(normalise("Science WEEK"), "science week");
    }

    #[test]
    fn zwnj_space_and_nothing_all_match() {
        let compound = all("هفت‌سین", false);
        assert!(compound.contains(&"هفت".to_string()), "{compound:?}");
        assert!(compound.contains(&"سین".to_string()));
        assert!(compound.contains(&"هفتسین".to_string()));
        let spaced = all("هفت سین", true);
        assert!(spaced.contains(&"هفتسین".to_string()), "{spaced:?}");
        assert!(spaced.contains(&"هفت".to_string()));
        // Long texts are not paired (the index would double).
        assert!(!all("هفت سین", false).contains(&"هفتسین".to_string()));
    }

    #[test]
    fn a_token_and_its_longer_forms_share_a_shard() {
        for s in [7, 64, 1000] {
            assert_eq!(shard_of("کتاب", s), shard_of("کتابخوانی", s));
            assert!(shard_of("ک", s) < s);
        }
    }

    #[test]
    fn scripts_cannot_close_the_script_element() {
        assert_eq!(js_string("</script>"), "\"\\u003c/script\\u003e\"");
    }

    #[test]
    fn base36_numbers() {
        assert_eq!(base36(0), "0");
        assert_eq!(base36(35), "z");
        assert_eq!(base36(36), "10");
    }
}
