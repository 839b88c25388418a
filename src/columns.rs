//! The columns of a programme spreadsheet, in English and in Persian: what
//! `data/programs.csv` is written with and what a spreadsheet of
//! programmes is read with, from this one table, so an export always reads
//! back. Values that are words (yes and no, a status) have their own
//! Persian forms; ids, dates and times stay as in `content/`.

use crate::model::Status;
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
pub const COLUMNS: [Column; 24] = [
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
    column("url", "نشانی"),
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
}
