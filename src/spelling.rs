//! How Persian is spelled loosely: the Arabic letter forms and the
//! hamza-carrying letters that readers and staff type for the Persian ones,
//! and the marks that do not change a word. One table for the search index
//! (and the browser, through `search/config.js`) and for matching what a
//! spreadsheet names (`columns::loose`).

/// Letters folded to the form a reader would type: Arabic forms and
/// hamza-carrying letters as the plain Persian ones.
pub const FOLD: &[(char, char)] = &[
    ('\u{064A}', 'ی'), // Arabic yeh
    ('\u{0649}', 'ی'), // alef maksura
    ('\u{0626}', 'ی'), // yeh with hamza
    ('\u{0643}', 'ک'), // Arabic kaf
    ('\u{0629}', 'ه'), // teh marbuta
    ('\u{06C0}', 'ه'), // heh with yeh above
    ('\u{0623}', 'ا'), // alef with hamza above
    ('\u{0625}', 'ا'), // alef with hamza below
    ('\u{0622}', 'ا'), // alef with madda
    ('\u{0671}', 'ا'), // alef wasla
    ('\u{0624}', 'و'), // waw with hamza
];

/// Characters dropped: harakat, superscript alef, tatweel, joiners and
/// direction marks.
pub const DROP: &[(char, char)] = &[
    ('\u{064B}', '\u{065F}'),
    ('\u{0670}', '\u{0670}'),
    ('\u{0640}', '\u{0640}'),
    ('\u{200B}', '\u{200B}'),
    ('\u{200D}', '\u{200F}'),
    ('\u{202A}', '\u{202E}'),
    ('\u{2066}', '\u{2069}'),
    ('\u{FEFF}', '\u{FEFF}'),
];

/// The zero-width non-joiner: inside a word, it joins like a space.
pub const ZWNJ: char = '\u{200C}';

/// A letter in its plain Persian form.
pub fn letter(c: char) -> char {
    FOLD.iter()
        .find(|&&(from, _)| from == c)
        .map_or(c, |&(_, to)| to)
}

/// Whether a character does not change a word (a mark, a joiner).
pub fn dropped(c: char) -> bool {
    DROP.iter().any(|&(a, b)| (a..=b).contains(&c))
}
