//! The template engine: tera with the theme's templates and rooz's filters.
//!
//! Filters are registered once, from the frozen event, before templates are
//! added (tera checks every filter a template uses when it is added).
//!
//! - `date(style=…)`: an ISO date shown in the event's calendar and locale:
//!   `long_weekday` (default), `long`, `short`, `weekday`, `weekday_short`,
//!   `gregorian`, `gregorian_short`, `code`.
//! - `time`: `HH:MM` in the locale's digits.
//! - `num`: a number in the locale's digits, grouped (`plain=true`: not).
//! - `percent`: a share (0–1) as a percentage.
//! - `digits`: Latin digits in any text turned into the locale's.
//! - `count(key=…)`: a number with its noun, from the strings file
//!   (`<key>_one`, `<key>_other`, … by the locale's plural rules).
//! - `time_range(end=…)`, `date_range(end=…, style=…)`: `۰۸:۰۰ تا ۰۹:۳۰`, with the
//!   pattern from the strings file.
//! - `rel`: a root-relative link made relative to the current page.
//! - `url`: a URL as HTML that wraps only after its slashes (`| safe`).

use std::collections::BTreeMap;
use std::sync::Arc;

use icu::plurals::{PluralCategory, PluralRules};
use tera::{Kwargs, State, Tera, TeraResult, Value};

use crate::calendar::{CalendarKind, Date, Formats};
use crate::theme::Theme;

/// What the filters need, shared by every rendering thread.
pub struct Locale {
    pub formats: Formats,
    pub strings: BTreeMap<String, String>,
    plurals: PluralRules,
}

impl Locale {
    pub fn new(
        locale: &icu::locale::Locale,
        calendar: CalendarKind,
        strings: BTreeMap<String, String>,
    ) -> Self {
        Locale {
            formats: Formats::new(locale, calendar),
            strings,
            plurals: PluralRules::try_new_cardinal(locale.into()).expect("ICU compiled data"),
        }
    }

    /// `{n} programmes` in the locale, from the strings file.
    pub fn count(&self, n: i64, key: &str) -> String {
        let category = match self.plurals.category_for(n) {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        };
        let pattern = self
            .strings
            .get(&format!("{key}_{category}"))
            .or_else(|| self.strings.get(&format!("{key}_other")))
            .map_or("{n}", String::as_str);
        pattern.replace("{n}", &self.formats.number(n))
    }

    /// An interface string of the theme (empty when the theme lacks it).
    pub fn s(&self, key: &str) -> String {
        self.strings.get(key).cloned().unwrap_or_default()
    }

    /// The pattern `key` of the strings file with each `{name}` replaced by
    /// its value.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        values.iter().fold(self.s(key), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
    }

    /// What the event calls a county headquarters' role: its own name
    /// (`staff_roles`), else the theme's.
    pub fn role(&self, roles: &crate::model::StaffRoles, role: crate::figures::Role) -> String {
        use crate::figures::Role;
        let (own, key) = match role {
            Role::Head => (&roles.head, "role_head"),
            Role::Secretary => (&roles.secretary, "role_secretary"),
        };
        own.clone().unwrap_or_else(|| self.s(key))
    }

    /// When a programme happens in a day: all day, from a time, or a range.
    pub fn time_span(
        &self,
        start: Option<crate::calendar::Time>,
        end: Option<crate::calendar::Time>,
    ) -> String {
        let f = &self.formats;
        match (start, end) {
            (None, _) => self.s("all_day"),
            (Some(a), None) => f.time(a),
            (Some(a), Some(b)) => self.range(&f.time(a), &f.time(b), "time_range"),
        }
    }

    /// `{start} تا {end}` from the strings file (`key`), `start–end` without it.
    pub fn range(&self, start: &str, end: &str, key: &str) -> String {
        self.strings.get(key).map_or_else(
            || format!("{start}–{end}"),
            |p| p.replace("{start}", start).replace("{end}", end),
        )
    }

    pub fn date(&self, iso: &str, style: &str) -> TeraResult<String> {
        let date = Date::parse(CalendarKind::Gregorian, iso).map_err(|_| {
            tera::Error::message(format!(
                "`date` needs an ISO date (YYYY-MM-DD), got '{iso}'"
            ))
        })?;
        let f = &self.formats;
        Ok(match style {
            "long_weekday" => f.date_long_weekday(date),
            "long" => f.date_long(date),
            "short" => f.date_short(date),
            "weekday" => f.weekday(date),
            "weekday_short" => f.weekday_short(date),
            "gregorian" => f.gregorian_long(date),
            "gregorian_short" => f.gregorian_short(date),
            "code" => f.digits(&date.code(f.calendar())),
            other => {
                return Err(tera::Error::message(format!(
                    "unknown date style '{other}': use long_weekday, long, short, weekday, weekday_short, gregorian, gregorian_short or code"
                )));
            }
        })
    }
}

/// A tera engine with rooz's filters and the theme's templates.
pub fn engine(theme: &Theme, locale: Arc<Locale>) -> TeraResult<Tera> {
    let mut tera = Tera::new();
    // The theme's own files as a fallback: `base.html` means the site's
    // override when there is one, else `theme/base.html`.
    tera.set_fallback_prefixes(["theme/"])?;
    date_filters(&mut tera, &locale);
    number_filters(&mut tera, &locale);
    tera.register_filter("url", |url: &str, _: Kwargs, _: &State| {
        super::text::url_html(url)
    });
    tera.register_filter(
        "rel",
        |path: &str, _: Kwargs, state: &State| -> TeraResult<String> {
            let root: String = state.get("root")?.unwrap_or_default();
            Ok(format!("{root}{path}"))
        },
    );
    tera.add_raw_templates(
        theme
            .templates
            .iter()
            .map(|(n, s)| (n.as_str(), s.as_str())),
    )?;
    Ok(tera)
}

/// `date`, `time`, `time_range`, `date_range`.
fn date_filters(tera: &mut Tera, locale: &Arc<Locale>) {
    let l = locale.clone();
    tera.register_filter(
        "date",
        move |iso: &str, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let style = kwargs.get::<&str>("style")?.unwrap_or("long_weekday");
            l.date(iso, style)
        },
    );
    let l = locale.clone();
    tera.register_filter("time", move |t: &str, _: Kwargs, _: &State| {
        l.formats.digits(t)
    });
    let l = locale.clone();
    tera.register_filter(
        "time_range",
        move |start: &str, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let start = l.formats.digits(start);
            let end = kwargs.get::<Value>("end")?;
            Ok(match end.as_ref().and_then(Value::as_str) {
                Some(end) => l.range(&start, &l.formats.digits(end), "time_range"),
                None => start,
            })
        },
    );
    let l = locale.clone();
    tera.register_filter(
        "date_range",
        move |start: &str, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let style = kwargs.get::<&str>("style")?.unwrap_or("short");
            let first = l.date(start, style)?;
            let end = kwargs.get::<Value>("end")?;
            Ok(match end.as_ref().and_then(Value::as_str) {
                Some(end) => l.range(&first, &l.date(end, style)?, "date_range"),
                None => first,
            })
        },
    );
}

/// `digits`, `num`, `percent`, `count`.
fn number_filters(tera: &mut Tera, locale: &Arc<Locale>) {
    let l = locale.clone();
    tera.register_filter("digits", move |t: String, _: Kwargs, _: &State| {
        l.formats.digits(&t)
    });
    let l = locale.clone();
    tera.register_filter(
        "num",
        move |n: i64, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            Ok(if kwargs.get::<bool>("plain")?.unwrap_or(false) {
                l.formats.number_plain(n)
            } else {
                l.formats.number(n)
            })
        },
    );
    let l = locale.clone();
    tera.register_filter("percent", move |share: f64, _: Kwargs, _: &State| {
        l.formats.percent(share)
    });
    let l = locale.clone();
    tera.register_filter(
        "count",
        move |n: i64, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            Ok(l.count(n, kwargs.must_get::<&str>("key")?))
        },
    );
}
