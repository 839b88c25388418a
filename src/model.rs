//! The event as rooz understands it: typed, resolved, and frozen after
//! loading.
//!
//! Every reference between entities is an index newtype into the event's
//! lists ([`HeadquartersId`], [`StratumId`], …) so a resolved model cannot
//! name something that does not exist. Every entity keeps the [`Span`] it
//! came from, so review findings can point at the content.

use icu::locale::Locale;

use crate::calendar::{CalendarKind, Date, Direction, Time};
use crate::source::Span;

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u32);

        impl $name {
            #[allow(dead_code, reason = "not every id is made outside loading yet")]
            pub(crate) fn new(index: usize) -> Self {
                Self(u32::try_from(index).expect("fewer than 4 billion entries"))
            }

            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

index_type!(
    /// A headquarters of the event.
    HeadquartersId
);
index_type!(
    /// A stratum of the event.
    StratumId
);
index_type!(
    /// An axis of the event.
    AxisId
);
index_type!(
    /// A county of the event.
    CountyId
);
index_type!(
    /// A programme of the event.
    ProgrammeId
);

/// Markdown source, rendered only by the render stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Markdown(pub String);

/// The whole event: `content/event.yaml` and every programme file.
#[derive(Debug)]
pub struct Event {
    pub title: String,
    pub slogan: Option<String>,
    pub organizer: Option<String>,
    pub description: Option<Markdown>,
    pub locale: Locale,
    pub direction: Direction,
    pub calendar: CalendarKind,
    /// IANA name, `UTC` when not given.
    pub timezone: String,
    pub start: Date,
    pub end: Date,
    /// Always ends with `/`.
    pub base_url: Option<String>,
    pub hashtags: Vec<String>,
    pub theme: String,
    /// The most programmes one page of a list shows (`page_size`).
    pub page_size: usize,
    pub targets: Targets,
    pub bulletins: BulletinSettings,
    pub reporting: Reporting,
    pub days: Vec<Day>,
    pub axes: Vec<Axis>,
    pub headquarters: Vec<Headquarters>,
    pub strata: Vec<Stratum>,
    pub counties: Vec<County>,
    /// What the event calls the county headquarters' roles, when it says.
    pub staff_roles: StaffRoles,
    pub programmes: Vec<Programme>,
    /// Where `targets.women_share` was written, for findings about it.
    pub women_share_span: Option<Span>,
}

impl Event {
    pub fn headquarters(&self, id: HeadquartersId) -> &Headquarters {
        &self.headquarters[id.index()]
    }

    pub fn stratum(&self, id: StratumId) -> &Stratum {
        &self.strata[id.index()]
    }

    pub fn axis(&self, id: AxisId) -> &Axis {
        &self.axes[id.index()]
    }

    pub fn county(&self, id: CountyId) -> &County {
        &self.counties[id.index()]
    }

    pub fn programme(&self, id: ProgrammeId) -> &Programme {
        &self.programmes[id.index()]
    }
}

/// The names of a county headquarters' roles (`staff_roles`), e.g. the
/// governor and the district commander; the theme's strings name them when
/// the event does not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StaffRoles {
    pub head: Option<String>,
    pub secretary: Option<String>,
}

/// Review targets; each is checked only when given.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Targets {
    pub women_share: Option<f64>,
    pub central_per_stratum: Option<u32>,
}

/// How outcomes are reported after the week (`reporting:`).
#[derive(Debug, Clone, PartialEq)]
pub struct Reporting {
    /// Outcomes are reported up to and including this day (`as_of`, or
    /// `--as-of`): a programme that ended by then with no outcome is
    /// unreported. `None`: nothing is due yet.
    pub as_of: Option<Date>,
    /// Actual participants under expected / factor or over expected ×
    /// factor are a finding (`participants_factor`).
    pub participants_factor: f64,
}

/// Unless `reporting.participants_factor` says.
pub const DEFAULT_PARTICIPANTS_FACTOR: f64 = 10.0;

impl Default for Reporting {
    fn default() -> Self {
        Reporting {
            as_of: None,
            participants_factor: DEFAULT_PARTICIPANTS_FACTOR,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    #[default]
    A4,
    A5,
    Letter,
}

impl Paper {
    /// The paper's name in typst (`page(paper: …)`).
    pub fn typst(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::A5 => "a5",
            Paper::Letter => "us-letter",
        }
    }

    /// The paper's name in CSS (`@page { size: … }`).
    pub fn css(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::A5 => "A5",
            Paper::Letter => "letter",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupBy {
    #[default]
    Headquarters,
    Time,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BulletinSettings {
    pub paper: Paper,
    pub group_by: GroupBy,
    /// The province's bulletin of a day lists every programme up to this
    /// many; beyond it, it is a summary and each county's bulletin has the
    /// list (`bulletins.detail_limit`).
    pub detail_limit: usize,
}

/// Lists longer than this are split into pages, unless `page_size` says.
pub const DEFAULT_PAGE_SIZE: usize = 200;
/// A province's day bulletin lists at most this many programmes, unless
/// `bulletins.detail_limit` says.
pub const DEFAULT_DETAIL_LIMIT: usize = 400;

impl Default for BulletinSettings {
    fn default() -> Self {
        BulletinSettings {
            paper: Paper::default(),
            group_by: GroupBy::default(),
            detail_limit: DEFAULT_DETAIL_LIMIT,
        }
    }
}

/// One day of the week and its theme (the روزشمار).
#[derive(Debug)]
pub struct Day {
    pub date: Date,
    pub title: String,
    pub focus_strata: Vec<(StratumId, Span)>,
    pub focus_headquarters: Vec<(HeadquartersId, Span)>,
    pub span: Span,
}

#[derive(Debug)]
pub struct Axis {
    pub id: String,
    pub title: String,
    pub description: Option<Markdown>,
    pub span: Span,
}

#[derive(Debug)]
pub struct Headquarters {
    pub id: String,
    pub title: String,
    pub lead: Option<String>,
    /// `#rrggbb`, lower case.
    pub color: Option<String>,
    pub description: Option<Markdown>,
    pub span: Span,
}

#[derive(Debug)]
pub struct Stratum {
    pub id: String,
    pub title: String,
    pub description: Option<Markdown>,
    pub span: Span,
}

#[derive(Debug)]
pub struct County {
    pub id: String,
    pub title: String,
    /// The county headquarters' head (the governor).
    pub head: Option<String>,
    /// The county headquarters' secretary (the district commander).
    pub secretary: Option<String>,
    pub description: Option<Markdown>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    Reviewed,
    Approved,
    Cancelled,
}

impl Status {
    pub const NAMES: [&'static str; 4] = ["draft", "reviewed", "approved", "cancelled"];

    pub fn parse(s: &str) -> Option<Status> {
        match s {
            "draft" => Some(Status::Draft),
            "reviewed" => Some(Status::Reviewed),
            "approved" => Some(Status::Approved),
            "cancelled" => Some(Status::Cancelled),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Drafts stay out of the public site; cancelled programmes stay in it.
    pub fn is_published(self) -> bool {
        self != Status::Draft
    }
}

/// One programme of one stratum.
#[derive(Debug)]
pub struct Programme {
    pub id: String,
    pub title: String,
    pub stratum: StratumId,
    /// First day.
    pub date: Date,
    /// Last day; equal to `date` for a one-day programme.
    pub until: Date,
    /// `None` = all day.
    pub start: Option<Time>,
    /// Only with `start`; always after it.
    pub end: Option<Time>,
    pub headquarters: HeadquartersId,
    pub axes: Vec<AxisId>,
    /// `None` = province-wide.
    pub county: Option<CountyId>,
    pub venue: Option<String>,
    pub audience: Option<String>,
    pub women: bool,
    pub central: bool,
    pub status: Status,
    pub expected_participants: Option<u32>,
    pub contact: Option<String>,
    pub highlight: Option<Highlight>,
    pub description: Option<Markdown>,
    /// What was actually held, once reported.
    pub outcome: Option<Outcome>,
    /// The programme's entry (its `id` key) in its file.
    pub span: Span,
    pub venue_span: Option<Span>,
    pub central_span: Option<Span>,
}

impl Programme {
    pub fn is_multi_day(&self) -> bool {
        self.until > self.date
    }

    pub fn is_all_day(&self) -> bool {
        self.start.is_none()
    }

    /// Whether the programme takes place on `date`.
    pub fn runs_on(&self, date: Date) -> bool {
        self.date <= date && date <= self.until
    }

    /// Counted in figures and review: published and not cancelled.
    pub fn is_active(&self) -> bool {
        self.status.is_published() && self.status != Status::Cancelled
    }

    /// Whether its outcome is owed by `as_of`: its last day has come.
    pub fn is_due(&self, as_of: Option<Date>) -> bool {
        as_of.is_some_and(|d| self.until <= d)
    }
}

/// Whether a programme took place (`outcome.held`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Held {
    Yes,
    Partly,
    No,
    Postponed,
}

impl Held {
    pub const ALL: [Held; 4] = [Held::Yes, Held::Partly, Held::No, Held::Postponed];
    pub const NAMES: [&'static str; 4] = ["yes", "partly", "no", "postponed"];

    pub fn parse(s: &str) -> Option<Held> {
        match s {
            "yes" => Some(Held::Yes),
            "partly" => Some(Held::Partly),
            "no" => Some(Held::No),
            "postponed" => Some(Held::Postponed),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Held in whole or in part: people came.
    pub fn took_place(self) -> bool {
        matches!(self, Held::Yes | Held::Partly)
    }
}

/// What was actually held: reported after the programme's day.
#[derive(Debug)]
pub struct Outcome {
    pub held: Held,
    /// The day it was (or is now to be) held, when it moved.
    pub date: Option<Date>,
    pub until: Option<Date>,
    /// Actual participants; only when it took place.
    pub participants: Option<u32>,
    pub women_participants: Option<u32>,
    pub note: Option<Markdown>,
    pub photos: Vec<Photo>,
    pub coverage: Vec<Coverage>,
    /// The `outcome` key.
    pub span: Span,
    pub held_span: Span,
    pub participants_span: Option<Span>,
}

/// A photo of what was held: a file under `content/` and its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    /// As written (forward slashes, relative to `content/`).
    pub path: String,
    pub width: u32,
    pub height: u32,
}

/// The address of a media item as rooz keeps it: `https:` with a host,
/// normalised (what every page, feed and sheet then writes).
pub fn https_url(text: &str) -> Option<String> {
    url::Url::parse(text.trim())
        .ok()
        .filter(|u| u.scheme() == "https" && u.host_str().is_some_and(|h| !h.is_empty()))
        .map(String::from)
}

/// One media item about a programme (`outcome.coverage`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    pub title: String,
    /// Always `https:`.
    pub url: String,
    pub outlet: Option<String>,
    pub kind: CoverageKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CoverageKind {
    News,
    Video,
    Post,
    Tv,
    Radio,
}

impl CoverageKind {
    pub const NAMES: [&'static str; 5] = ["news", "video", "post", "tv", "radio"];

    pub fn parse(s: &str) -> Option<CoverageKind> {
        Self::NAMES
            .iter()
            .position(|n| *n == s)
            .map(|i| [Self::News, Self::Video, Self::Post, Self::Tv, Self::Radio][i])
    }

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// What a media team needs to post a programme.
#[derive(Debug)]
pub struct Highlight {
    /// The ready-to-post caption, at most 280 characters.
    pub summary: String,
    pub quote: Option<String>,
    /// A file under `content/`, as written (forward slashes, relative).
    pub image: Option<String>,
    pub hashtags: Vec<String>,
}
