//! The raw layer: serde structs that mirror the YAML of DESIGN.md exactly.
//!
//! Every struct denies unknown keys, so a typo is an error, never silence.
//! Scalars that need checking (ids, dates, times, enums) stay text with a
//! position here; `resolve` turns them into the typed model and reports
//! every mistake with its place.

use serde::Deserialize;

use super::yaml::{Item, Loc};

pub type Text = Loc<String>;

/// `content/event.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    pub title: Text,
    pub slogan: Option<Text>,
    pub organizer: Option<Text>,
    pub description: Option<Text>,
    pub locale: Text,
    pub calendar: Text,
    pub timezone: Option<Text>,
    pub start: Text,
    pub end: Text,
    pub base_url: Option<Text>,
    pub hashtags: Option<Vec<Text>>,
    pub theme: Option<Text>,
    pub page_size: Option<Loc<u32>>,
    pub targets: Option<RawTargets>,
    pub bulletins: Option<RawBulletins>,
    pub reporting: Option<RawReporting>,
    pub days: Loc<Vec<Item<RawDay>>>,
    pub axes: Option<Vec<Item<RawAxis>>>,
    pub headquarters: Loc<Vec<Item<RawHeadquarters>>>,
    pub strata: Loc<Vec<Item<RawStratum>>>,
    pub counties: Option<Vec<Item<RawCounty>>>,
    pub staff_roles: Option<RawStaff>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTargets {
    pub women_share: Option<Loc<f64>>,
    pub central_per_stratum: Option<Loc<u32>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBulletins {
    pub paper: Option<Text>,
    pub group_by: Option<Text>,
    pub detail_limit: Option<Loc<u32>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReporting {
    pub as_of: Option<Text>,
    pub participants_factor: Option<Loc<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDay {
    pub date: Text,
    pub title: Text,
    pub focus: Option<RawFocus>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFocus {
    pub strata: Option<Vec<Text>>,
    pub headquarters: Option<Vec<Text>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAxis {
    pub id: Text,
    pub title: Text,
    pub description: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHeadquarters {
    pub id: Text,
    pub title: Text,
    pub lead: Option<Text>,
    pub color: Option<Text>,
    pub description: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStratum {
    pub id: Text,
    pub title: Text,
    pub description: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCounty {
    pub id: Text,
    pub title: Text,
    pub staff: Option<RawStaff>,
    pub description: Option<Text>,
}

/// A county's staff, or (as `staff_roles`) what the event calls the roles.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStaff {
    pub head: Option<Text>,
    pub secretary: Option<Text>,
}

/// `content/programs/<stratum>.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProgrammeFile {
    pub stratum: Text,
    pub programs: Vec<Item<RawProgramme>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProgramme {
    pub id: Text,
    pub title: Text,
    pub date: Text,
    pub until: Option<Text>,
    pub start: Option<Text>,
    pub end: Option<Text>,
    pub headquarters: Text,
    pub axes: Option<Loc<Vec<Text>>>,
    pub county: Option<Text>,
    pub venue: Option<Text>,
    pub audience: Option<Text>,
    pub women: Option<Loc<bool>>,
    pub central: Option<Loc<bool>>,
    pub status: Option<Text>,
    pub expected_participants: Option<Loc<u32>>,
    pub contact: Option<Text>,
    pub highlight: Option<Loc<RawHighlight>>,
    pub description: Option<Text>,
    pub outcome: Option<Loc<RawOutcome>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOutcome {
    pub held: Text,
    pub date: Option<Text>,
    pub until: Option<Text>,
    pub participants: Option<Loc<u32>>,
    pub women_participants: Option<Loc<u32>>,
    pub note: Option<Text>,
    pub photos: Option<Vec<Text>>,
    pub coverage: Option<Vec<RawCoverage>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCoverage {
    pub title: Text,
    pub url: Text,
    pub outlet: Option<Text>,
    pub kind: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHighlight {
    pub summary: Text,
    pub quote: Option<Text>,
    pub image: Option<Text>,
    pub hashtags: Option<Vec<Text>>,
}
