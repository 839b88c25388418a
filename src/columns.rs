//! The columns of a programme spreadsheet, in English and in Persian: what
//! `data/programs.csv` is written with and what a spreadsheet of
//! programmes is read with, from this one table, so an export always reads
//! back. Values that are words (yes and no, a status, whether it was
//! held, a kind of coverage) have their own Persian forms; ids, dates and
//! times stay as in `content/`.

use crate::model::{CoverageKind, Held, Status};
use crate::spelling;

/// The language of a spreadsheet's column names and word values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    English,
    Persian,
}

impl Language {
    /// The sheet for an event's locale: Persian for `fa`, else English.
    pub fn of(locale: &icu::locale::Locale) -> Language {
        if locale.id.language.as_str() == "fa" {
            Language::Persian
        } else {
            Language::English
        }
    }
}

/// One column: its key (the English name) and its Persian name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub key: &'static str,
    pub persian: &'static str,
}

impl Column {
    pub fn name(self, language: Language) -> &'static str {
        match language {
            Language::English => self.key,
            Language::Persian => self.persian,
        }
    }
}

const fn column(key: &'static str, persian: &'static str) -> Column {
    Column { key, persian }
}

/// Every column of `data/programs.csv`, in order.
pub const COLUMNS: [Column; 31] = [
    column("id", "شناسه"),
    column("title", "عنوان"),
    column("stratum_id", "شناسه قشر"),
    column("stratum", "قشر"),
    column("headquarters_id", "شناسه قرارگاه"),
    column("headquarters", "قرارگاه"),
    column("county_id", "شناسه شهرستان"),
    column("county", "شهرستان"),
    column("axes", "محورها"),
    column("date", "تاریخ"),
    column("until", "تا تاریخ"),
    column("date_iso", "تاریخ میلادی"),
    column("until_iso", "تا تاریخ میلادی"),
    column("start", "ساعت شروع"),
    column("end", "ساعت پایان"),
    column("venue", "مکان"),
    column("audience", "مخاطبان"),
    column("women", "حوزه زنان"),
    column("central", "برنامه محوری"),
    column("status", "وضعیت"),
    column("expected_participants", "پیش‌بینی شرکت‌کنندگان"),
    column("contact", "هماهنگی"),
    column("highlight", "متن برجسته"),
    column("held", "برگزار شد"),
    column("held_date", "تاریخ برگزاری"),
    column("held_until", "تا تاریخ برگزاری"),
    column("participants", "تعداد شرکت‌کننده"),
    column("women_participants", "تعداد شرکت‌کننده زن"),
    column("outcome_note", "گزارش اجرا"),
    column("coverage", "پوشش رسانه‌ای"),
    column("url", "نشانی"),
];

/// The columns of a programme's outcome (`outcome:`): all empty for a
/// programme not reported on yet.
pub const OUTCOME: [&str; 7] = [
    "held",
    "held_date",
    "held_until",
    "participants",
    "women_participants",
    "outcome_note",
    "coverage",
];

/// Text compared loosely: Arabic letter forms as Persian ones (`spelling`),
/// marks dropped, ZWNJ and runs of spaces as one space, case ignored.
pub fn loose(text: &str) -> String {
    text.chars()
        .filter(|&c| !crate::spelling::dropped(c))
        .map(|c| match c {
            spelling::ZWNJ | '_' => ' ',
            c => spelling::letter(c),
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The column a header names, in either language.
pub fn column_named(header: &str) -> Option<Column> {
    let wanted = loose(header.trim_start_matches('\u{feff}'));
    COLUMNS
        .iter()
        .copied()
        .find(|c| loose(c.key) == wanted || loose(c.persian) == wanted)
}

/// A yes-or-no value as the sheet writes it.
pub fn yes_no(value: bool, language: Language) -> &'static str {
    match (language, value) {
        (Language::English, true) => "true",
        (Language::English, false) => "false",
        (Language::Persian, true) => "بله",
        (Language::Persian, false) => "خیر",
    }
}

/// A yes-or-no value as people write it, in either language.
pub fn parse_yes_no(text: &str) -> Option<bool> {
    match loose(text).as_str() {
        "true" | "yes" | "y" | "1" | "بله" | "آری" | "اری" | "✓" | "x" => Some(true),
        "false" | "no" | "n" | "0" | "خیر" | "نه" | "" => Some(false),
        _ => None,
    }
}

/// A status as the sheet writes it.
pub fn status_name(status: Status, language: Language) -> &'static str {
    match language {
        Language::English => status.as_str(),
        Language::Persian => match status {
            Status::Draft => "پیش‌نویس",
            Status::Reviewed => "بررسی‌شده",
            Status::Approved => "تأییدشده",
            Status::Cancelled => "لغوشده",
        },
    }
}

/// A status as people write it, in either language (`تأیید شده`,
/// `تایید شده`, `approved`…).
pub fn parse_status(text: &str) -> Option<Status> {
    let key = |s: &str| loose(s).replace(' ', "");
    let wanted = key(text);
    [
        Status::Draft,
        Status::Reviewed,
        Status::Approved,
        Status::Cancelled,
    ]
    .into_iter()
    .find(|&s| s.as_str() == wanted || key(status_name(s, Language::Persian)) == wanted)
    .or_else(|| matches!(wanted.as_str(), "لغوشد" | "لغو").then_some(Status::Cancelled))
}

/// Whether it was held, as the sheet writes it: yes and no as `yes_no`
/// writes them in Persian.
pub fn held_name(held: Held, language: Language) -> &'static str {
    match (language, held) {
        (Language::English, held) => held.as_str(),
        (Language::Persian, Held::Yes) => yes_no(true, language),
        (Language::Persian, Held::No) => yes_no(false, language),
        (Language::Persian, Held::Partly) => "بخشی",
        (Language::Persian, Held::Postponed) => "تعویق",
    }
}

/// Whether it was held, as people write it, in either language (`بله`,
/// `بخشی`, `به تعویق افتاد`, `postponed`…); never empty.
pub fn parse_held(text: &str) -> Option<Held> {
    let key = |s: &str| loose(s).replace(' ', "");
    let wanted = key(text);
    if wanted.is_empty() {
        return None;
    }
    Held::ALL
        .into_iter()
        .find(|&h| h.as_str() == wanted || key(held_name(h, Language::Persian)) == wanted)
        .or_else(|| match wanted.as_str() {
            "تاحدی" | "تاحدودی" | "نیمه" | "ناقص" => Some(Held::Partly),
            "بهتعویقافتاد" | "تعویقشد" | "معوق" | "موکولشد" => {
                Some(Held::Postponed)
            }
            _ => parse_yes_no(text).map(|yes| if yes { Held::Yes } else { Held::No }),
        })
}

/// A kind of media coverage as the sheet writes it.
pub fn kind_name(kind: CoverageKind, language: Language) -> &'static str {
    match language {
        Language::English => kind.as_str(),
        Language::Persian => match kind {
            CoverageKind::News => "خبر",
            CoverageKind::Video => "ویدیو",
            CoverageKind::Post => "پست",
            CoverageKind::Tv => "تلویزیون",
            CoverageKind::Radio => "رادیو",
        },
    }
}

/// A kind of media coverage as people write it, in either language
/// (`ویدئو`, `video`…).
pub fn parse_kind(text: &str) -> Option<CoverageKind> {
    let wanted = loose(text);
    CoverageKind::NAMES
        .iter()
        .filter_map(|n| CoverageKind::parse(n))
        .find(|&k| k.as_str() == wanted || loose(kind_name(k, Language::Persian)) == wanted)
}

/// One item of the `coverage` cell, a line of its own: `title | url |
/// outlet | kind`, the outlet left out when there is none. A sheet may also
/// give the address alone, or `title | url` (the kind is then `news`).
pub fn coverage_line(
    title: &str,
    url: &str,
    outlet: Option<&str>,
    kind: CoverageKind,
    language: Language,
) -> String {
    let kind = kind_name(kind, language);
    match outlet {
        Some(outlet) => format!("{title} | {url} | {outlet} | {kind}"),
        None => format!("{title} | {url} | {kind}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_reads_back_by_either_name() {
        for c in COLUMNS {
            assert_eq!(column_named(c.key), Some(c));
            assert_eq!(column_named(c.persian), Some(c));
        }
        assert_eq!(column_named("\u{feff}id").map(|c| c.key), Some("id"));
        assert_eq!(
            column_named("پیش بینی شرکت كنندگان").map(|c| c.key),
            Some("expected_participants")
        );
        assert_eq!(column_named("colour"), None);
    }

    #[test]
    fn words_read_back_in_both_languages() {
        for language in [Language::English, Language::Persian] {
            for v in [true, false] {
                assert_eq!(parse_yes_no(yes_no(v, language)), Some(v));
            }
            for s in [
                Status::Draft,
                Status::Reviewed,
                Status::Approved,
                Status::Cancelled,
            ] {
                assert_eq!(parse_status(status_name(s, language)), Some(s), "{s:?}");
            }
        }
        assert_eq!(parse_status("تأیید شده"), Some(Status::Approved));
        assert_eq!(parse_status("تايید شده"), Some(Status::Approved));
        assert_eq!(parse_status("لغو شد"), Some(Status::Cancelled));
        assert_eq!(parse_status("maybe"), None);
        assert_eq!(parse_yes_no("بله"), Some(true));
        assert_eq!(parse_yes_no("perhaps"), None);
    }

    #[test]
    fn outcome_words_read_back_in_both_languages() {
        for language in [Language::English, Language::Persian] {
            for h in Held::ALL {
                assert_eq!(parse_held(held_name(h, language)), Some(h), "{h:?}");
            }
            for n in CoverageKind::NAMES {
                let k = CoverageKind::parse(n).unwrap();
                assert_eq!(parse_kind(kind_name(k, language)), Some(k), "{k:?}");
            }
        }
        assert_eq!(held_name(Held::Yes, Language::Persian), "بله");
        assert_eq!(parse_held("به تعویق افتاد"), Some(Held::Postponed));
        assert_eq!(parse_held("تا حدی"), Some(Held::Partly));
        assert_eq!(parse_held("true"), Some(Held::Yes));
        assert_eq!(parse_held("خير"), Some(Held::No));
        assert_eq!(parse_held(""), None);
        assert_eq!(parse_held("maybe"), None);
        assert_eq!(parse_kind("ویدئو"), Some(CoverageKind::Video));
        assert_eq!(parse_kind("TV"), Some(CoverageKind::Tv));
        assert_eq!(parse_kind("podcast"), None);
        for key in OUTCOME {
            assert!(COLUMNS.iter().any(|c| c.key == key), "{key}");
        }
    }
}
