//! Dates and times of the event, through ICU4X.
//!
//! A [`Date`] is a day number (ICU's Rata Die), so dates compare, sort and
//! step without any calendar arithmetic of ours. The event's [`CalendarKind`]
//! decides how a date is written in `content/` and shown; [`Formats`] holds
//! the CLDR formatters of the event's locale (names, digits, patterns).

use std::fmt;

use icu::calendar::cal::Persian;
use icu::calendar::types::RataDie;
use icu::calendar::{Date as IcuDate, Gregorian, Iso};
use icu::datetime::{DateTimeFormatter, fieldsets};
use icu::decimal::DecimalFormatter;
use icu::decimal::input::Decimal;
use icu::decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu::locale::extensions::unicode::{key, value};
use icu::locale::{Locale, LocaleDirectionality};

/// How dates are written in content and shown on the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CalendarKind {
    Persian,
    Gregorian,
}

impl CalendarKind {
    pub const NAMES: [&'static str; 2] = ["persian", "gregorian"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "persian" => Some(Self::Persian),
            "gregorian" => Some(Self::Gregorian),
            _ => None,
        }
    }

    fn bcp47(self) -> icu::locale::extensions::unicode::Value {
        match self {
            Self::Persian => value!("persian"),
            Self::Gregorian => value!("gregory"),
        }
    }
}

/// A calendar day, independent of how it is written.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(RataDie);

/// Why a written date was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not `YYYY-MM-DD`.
    Format,
    /// Well-formed, but no such day in the calendar (e.g. 1404-12-30).
    NoSuchDay { field: &'static str, max: u8 },
}

impl Date {
    /// The day `year-month-day` of a calendar.
    pub fn new(calendar: CalendarKind, year: i32, month: u8, day: u8) -> Result<Date, DateError> {
        let no_such_day = |e: icu::calendar::RangeError| DateError::NoSuchDay {
            field: e.field,
            max: u8::try_from(e.max).unwrap_or(u8::MAX),
        };
        let rd = match calendar {
            CalendarKind::Persian => IcuDate::try_new_persian(year, month, day)
                .map_err(no_such_day)?
                .to_rata_die(),
            CalendarKind::Gregorian => IcuDate::try_new_gregorian(year, month, day)
                .map_err(no_such_day)?
                .to_rata_die(),
        };
        Ok(Date(rd))
    }

    /// Parses `YYYY-MM-DD` in the given calendar; Persian and Arabic-Indic
    /// digits are accepted as well as Latin ones.
    pub fn parse(calendar: CalendarKind, text: &str) -> Result<Date, DateError> {
        let text = latin_digits(text.trim());
        let mut parts = text.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(DateError::Format);
        };
        let all_digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
            len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        if !all_digits(y, 4..=4) || !all_digits(m, 1..=2) || !all_digits(d, 1..=2) {
            return Err(DateError::Format);
        }
        let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse()) else {
            return Err(DateError::Format);
        };
        Date::new(calendar, y, m, d)
    }

    /// Year, month and day in a calendar.
    pub fn ymd(self, calendar: CalendarKind) -> (i32, u8, u8) {
        match calendar {
            CalendarKind::Persian => {
                let d = IcuDate::from_rata_die(self.0, Persian);
                (
                    d.year().extended_year(),
                    d.month().ordinal,
                    d.day_of_month().0,
                )
            }
            CalendarKind::Gregorian => {
                let d = IcuDate::from_rata_die(self.0, Gregorian);
                (
                    d.year().extended_year(),
                    d.month().ordinal,
                    d.day_of_month().0,
                )
            }
        }
    }

    /// `YYYY-MM-DD` in a calendar, with Latin digits (ids, URLs, data files).
    pub fn code(self, calendar: CalendarKind) -> String {
        let (y, m, d) = self.ymd(calendar);
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// `YYYY-MM-DD` in the Gregorian calendar (ISO 8601).
    pub fn iso_code(self) -> String {
        self.code(CalendarKind::Gregorian)
    }

    pub fn iso(self) -> IcuDate<Iso> {
        IcuDate::from_rata_die(self.0, Iso)
    }

    pub fn add_days(self, days: i64) -> Date {
        Date(self.0.add(days))
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        self.0.until(later.0)
    }

    /// Every day from `self` to `last`, inclusive.
    pub fn through(self, last: Date) -> impl Iterator<Item = Date> {
        (0..=self.days_until(last).max(-1)).map(move |n| self.add_days(n))
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Date({})", self.iso_code())
    }
}

/// A time of day, minutes after midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time(u16);

impl Time {
    pub const MIDNIGHT: Time = Time(0);
    /// The last minute of a day.
    pub const LAST_MINUTE: Time = Time(23 * 60 + 59);

    /// Parses `HH:MM` (24-hour; one-digit hours accepted), with Latin,
    /// Persian or Arabic-Indic digits.
    pub fn parse(text: &str) -> Option<Time> {
        let text = latin_digits(text.trim());
        let (h, m) = text.split_once(':')?;
        let ok = |s: &str, len: std::ops::RangeInclusive<usize>| {
            len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        if !ok(h, 1..=2) || !ok(m, 2..=2) {
            return None;
        }
        let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
        (h < 24 && m < 60).then_some(Time(h * 60 + m))
    }

    pub fn hour(self) -> u8 {
        (self.0 / 60) as u8
    }

    pub fn minute(self) -> u8 {
        (self.0 % 60) as u8
    }

    pub fn minutes(self) -> u16 {
        self.0
    }
}

impl fmt::Display for Time {
    /// `HH:MM` with Latin digits.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour(), self.minute())
    }
}

/// A local date and time of the event as an RFC 3339 timestamp with the
/// zone's offset on that day (`2026-11-20T08:00:00+03:30`). `timezone` is
/// an IANA name checked at loading; an unknown one counts as UTC.
pub fn rfc3339(date: Date, time: Option<Time>, timezone: &str) -> String {
    match zoned(date, time, timezone) {
        Some(z) => z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        None => {
            let (y, m, d) = date.ymd(CalendarKind::Gregorian);
            let (h, min) = time.map_or((0, 0), |t| (t.hour(), t.minute()));
            format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:00Z")
        }
    }
}

/// A local date and time of the event as milliseconds since 1970 (what a
/// browser's `Date.now()` is compared with); midnight when `time` is
/// `None`.
pub fn epoch_millis(date: Date, time: Option<Time>, timezone: &str) -> i64 {
    zoned(date, time, timezone).map_or(0, |z| z.timestamp().as_millisecond())
}

/// The local date and time in the event's zone (`None` outside jiff's
/// years).
fn zoned(date: Date, time: Option<Time>, timezone: &str) -> Option<jiff::ZonedDateTime> {
    let (y, m, d) = date.ymd(CalendarKind::Gregorian);
    let (h, min) = time.map_or((0, 0), |t| (t.hour() as i8, t.minute() as i8));
    let tz = jiff::tz::TimeZone::get(timezone).unwrap_or(jiff::tz::TimeZone::UTC);
    i16::try_from(y)
        .ok()
        .and_then(|y| jiff::civil::Date::new(y, m as i8, d as i8).ok())
        .and_then(|date| date.at(h, min, 0, 0).to_zoned_datetime(tz).ok())
}

/// Replaces Persian (U+06F0–06F9) and Arabic-Indic (U+0660–0669) digits by
/// Latin ones, leaving everything else as it is.
pub fn latin_digits(text: &str) -> String {
    text.chars().map(latin_digit).collect()
}

/// A Persian or Arabic-Indic digit as a Latin one; any other character as
/// it is.
pub fn latin_digit(c: char) -> char {
    match c {
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        c => c,
    }
}

/// Writing direction of a locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    pub fn of(locale: &Locale) -> Direction {
        if LocaleDirectionality::new_common().is_right_to_left(&locale.id) {
            Direction::Rtl
        } else {
            Direction::Ltr
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// The CLDR formatters for one locale and calendar, made once per build.
pub struct Formats {
    calendar: CalendarKind,
    long_weekday: DateTimeFormatter<fieldsets::YMDE>,
    long: DateTimeFormatter<fieldsets::YMD>,
    short: DateTimeFormatter<fieldsets::MD>,
    weekday: DateTimeFormatter<fieldsets::E>,
    weekday_short: DateTimeFormatter<fieldsets::E>,
    gregorian_long: DateTimeFormatter<fieldsets::YMD>,
    gregorian_short: DateTimeFormatter<fieldsets::MD>,
    grouped: DecimalFormatter,
    plain: DecimalFormatter,
    digits: [char; 10],
}

impl fmt::Debug for Formats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Formats")
            .field("calendar", &self.calendar)
            .finish()
    }
}

impl Formats {
    /// Formatters for `locale`, showing dates in `calendar`. ICU falls back
    /// to its root data for a locale it does not know, so this cannot fail
    /// for a well-formed locale.
    pub fn new(locale: &Locale, calendar: CalendarKind) -> Formats {
        let in_calendar = |kind: CalendarKind| {
            let mut l = locale.clone();
            l.extensions.unicode.keywords.set(key!("ca"), kind.bcp47());
            l
        };
        let own = in_calendar(calendar);
        let gregorian = in_calendar(CalendarKind::Gregorian);
        // Compiled data covers every field set used here; failure would be a
        // build of ICU without data, which the crate's features rule out.
        let make =
            |l: &Locale, fs| DateTimeFormatter::try_new(l.into(), fs).expect("ICU compiled data");
        let decimal = |grouping| {
            let mut options = DecimalFormatterOptions::default();
            options.grouping_strategy = Some(grouping);
            DecimalFormatter::try_new(locale.into(), options).expect("ICU compiled data")
        };
        let plain = decimal(GroupingStrategy::Never);
        let mut digits = ['0'; 10];
        for (n, slot) in digits.iter_mut().enumerate() {
            let shown = plain.format_to_string(&Decimal::from(n as u32));
            *slot = shown.chars().next().unwrap_or(char::from(b'0' + n as u8));
        }
        Formats {
            calendar,
            long_weekday: DateTimeFormatter::try_new((&own).into(), fieldsets::YMDE::long())
                .expect("ICU compiled data"),
            long: make(&own, fieldsets::YMD::long()),
            short: DateTimeFormatter::try_new((&own).into(), fieldsets::MD::medium())
                .expect("ICU compiled data"),
            weekday: DateTimeFormatter::try_new((&own).into(), fieldsets::E::long())
                .expect("ICU compiled data"),
            weekday_short: DateTimeFormatter::try_new((&own).into(), fieldsets::E::short())
                .expect("ICU compiled data"),
            gregorian_long: make(&gregorian, fieldsets::YMD::long()),
            gregorian_short: DateTimeFormatter::try_new(
                (&gregorian).into(),
                fieldsets::MD::medium(),
            )
            .expect("ICU compiled data"),
            grouped: decimal(GroupingStrategy::Auto),
            plain,
            digits,
        }
    }

    pub fn calendar(&self) -> CalendarKind {
        self.calendar
    }

    /// `جمعه ۲۹ آبان ۱۴۰۵`, `Monday, March 8, 2027`.
    pub fn date_long_weekday(&self, date: Date) -> String {
        self.long_weekday.format(&date.iso()).to_string()
    }

    /// `۲۹ آبان ۱۴۰۵`, `March 8, 2027`.
    pub fn date_long(&self, date: Date) -> String {
        self.long.format(&date.iso()).to_string()
    }

    /// `۲۹ آبان`, `Mar 8`.
    pub fn date_short(&self, date: Date) -> String {
        self.short.format(&date.iso()).to_string()
    }

    /// `جمعه`, `Monday`.
    pub fn weekday(&self, date: Date) -> String {
        self.weekday.format(&date.iso()).to_string()
    }

    /// `ج`, `Mon`.
    pub fn weekday_short(&self, date: Date) -> String {
        self.weekday_short.format(&date.iso()).to_string()
    }

    /// The Gregorian date in the locale: `۲۰ نوامبر ۲۰۲۶`, `November 20, 2026`.
    pub fn gregorian_long(&self, date: Date) -> String {
        self.gregorian_long.format(&date.iso()).to_string()
    }

    /// `۲۰ نوامبر`, `Nov 20`.
    pub fn gregorian_short(&self, date: Date) -> String {
        self.gregorian_short.format(&date.iso()).to_string()
    }

    /// A count in the locale's digits, grouped (`۱٬۲۰۰`).
    pub fn number(&self, n: i64) -> String {
        self.grouped.format_to_string(&Decimal::from(n))
    }

    /// A number in the locale's digits without grouping (years, codes).
    pub fn number_plain(&self, n: i64) -> String {
        self.plain.format_to_string(&Decimal::from(n))
    }

    /// A share as a whole percentage in the locale (`۵۲٪`, `52%`).
    pub fn percent(&self, share: f64) -> String {
        self.percent_of((share * 100.0).round() as i64)
    }

    /// A share as a percentage rounded down: a share under its target never
    /// reads as reaching it.
    pub fn percent_floor(&self, share: f64) -> String {
        self.percent_of((share * 100.0).floor() as i64)
    }

    fn percent_of(&self, n: i64) -> String {
        let shown = self.number_plain(n);
        if self.digits[0] == '0' {
            format!("{shown}%")
        } else {
            format!("{shown}٪")
        }
    }

    /// Replaces Latin digits in `text` by the locale's digits.
    pub fn digits(&self, text: &str) -> String {
        text.chars()
            .map(|c| match c {
                '0'..='9' => self.digits[(c as u8 - b'0') as usize],
                c => c,
            })
            .collect()
    }

    /// `۰۸:۳۰`, `08:30`.
    pub fn time(&self, time: Time) -> String {
        self.digits(&time.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fa() -> Formats {
        Formats::new(&"fa".parse().unwrap(), CalendarKind::Persian)
    }

    #[test]
    fn the_example_week_is_where_it_should_be() {
        let start = Date::parse(CalendarKind::Persian, "1405-08-29").unwrap();
        let end = Date::parse(CalendarKind::Persian, "1405-09-05").unwrap();
        assert_eq!(start.iso_code(), "2026-11-20");
        assert_eq!(end.iso_code(), "2026-11-26");
        assert_eq!(start.through(end).count(), 7);
        assert_eq!(fa().date_long_weekday(start), "جمعه ۲۹ آبان ۱۴۰۵");
        assert_eq!(fa().gregorian_long(start), "۲۰ نوامبر ۲۰۲۶");
    }

    #[test]
    fn leap_years_follow_the_calendar() {
        let p = CalendarKind::Persian;
        assert_eq!(
            Date::parse(p, "1403-12-30").unwrap().iso_code(),
            "2025-03-20"
        );
        assert_eq!(
            Date::parse(p, "1404-01-01").unwrap().iso_code(),
            "2025-03-21"
        );
        assert_eq!(
            Date::parse(p, "1404-12-30"),
            Err(DateError::NoSuchDay {
                field: "day",
                max: 29
            })
        );
    }

    #[test]
    fn local_times_carry_the_zone_offset_of_their_day() {
        let d = Date::parse(CalendarKind::Persian, "1405-08-29").unwrap();
        let t = Time::parse("08:00");
        assert_eq!(rfc3339(d, t, "Asia/Tehran"), "2026-11-20T08:00:00+03:30");
        let summer = Date::parse(CalendarKind::Gregorian, "2027-07-01").unwrap();
        assert_eq!(
            rfc3339(summer, t, "Europe/London"),
            "2027-07-01T08:00:00+01:00"
        );
        assert_eq!(rfc3339(summer, None, "UTC"), "2027-07-01T00:00:00+00:00");
    }

    #[test]
    fn persian_digits_are_read() {
        let d = Date::parse(CalendarKind::Persian, "۱۴۰۵-۰۸-۲۹").unwrap();
        assert_eq!(d.code(CalendarKind::Persian), "1405-08-29");
        assert_eq!(Time::parse("۰۸:۳۰"), Time::parse("08:30"));
        assert_eq!(Time::parse("08:30").unwrap().to_string(), "08:30");
        assert_eq!(Time::parse("24:00"), None);
        assert_eq!(Time::parse("8:3"), None);
        assert_eq!(
            Date::parse(CalendarKind::Persian, "1405-8-29x"),
            Err(DateError::Format)
        );
    }

    #[test]
    fn english_gregorian_uses_cldr_long_dates() {
        let en = Formats::new(&"en".parse().unwrap(), CalendarKind::Gregorian);
        let d = Date::parse(CalendarKind::Gregorian, "2027-03-08").unwrap();
        assert_eq!(en.date_long_weekday(d), "Monday, March 8, 2027");
        assert_eq!(en.number(1405), "1,405");
        assert_eq!(en.number_plain(1405), "1405");
        assert_eq!(en.time(Time::parse("09:05").unwrap()), "09:05");
    }

    #[test]
    fn persian_numbers_use_persian_digits_and_years_are_not_grouped() {
        let f = fa();
        assert_eq!(f.number_plain(1405), "۱۴۰۵");
        assert_eq!(f.number(1200), "۱٬۲۰۰");
        assert_eq!(f.time(Time::parse("08:30").unwrap()), "۰۸:۳۰");
        assert_eq!(f.percent(0.524), "۵۲٪");
        assert_eq!(Direction::of(&"fa".parse().unwrap()), Direction::Rtl);
        assert_eq!(Direction::of(&"en".parse().unwrap()), Direction::Ltr);
    }
}
