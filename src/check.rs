//! Stage 3, check: the organisers' review rules, judged on the figures.
//!
//! Content errors stop at loading; what is checked here is the brief:
//! targets, coverage and clashes. Every rule reads the event's
//! [`Figures`] (measured once, in `figures`) and turns each figure that
//! misses its target into a [`Finding`] with typed data. Findings are
//! warnings for `rooz check` (errors under `--strict`) and the review
//! section of the report; their English text is made here, for the CLI.

use serde::Serialize;

use crate::calendar::Date;
use crate::diagnostic::Diagnostic;
use crate::figures::{Central, CentralStatus, Clash, Counts, Figures, FocusOn, Role, Share};
use crate::model::*;
use crate::source::Span;

/// The kinds of review finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// The women's-domain share of all programmes is under the target.
    WomenShare,
    /// The women's-domain share of one headquarters is under the target.
    WomenShareHeadquarters,
    /// The women's-domain share of one county (or of the province-wide
    /// programmes) is under the target.
    WomenShareCounty,
    /// A stratum has fewer central programmes than the target.
    CentralMissing,
    /// A stratum has more central programmes than the target.
    CentralSeveral,
    /// A headquarters has no programme.
    HeadquartersEmpty,
    /// An axis has no programme.
    AxisEmpty,
    /// A county has no programme.
    CountyEmpty,
    /// A day's focus stratum or headquarters has no programme that day.
    FocusUnserved,
    /// Two programmes at one venue at overlapping times.
    VenueClash,
    /// A county headquarters without head or secretary.
    CountyStaffMissing,
    /// Programmes of one headquarters in one county, due by `as_of`,
    /// without an outcome.
    Unreported,
    /// An outcome on a programme dated after `as_of`.
    OutcomeEarly,
    /// Actual participants far from the expected.
    ParticipantsFarOff,
    /// A cancelled programme whose outcome says it took place.
    CancelledHeld,
}

impl Rule {
    pub fn code(self) -> &'static str {
        match self {
            Rule::WomenShare => "women-share",
            Rule::WomenShareHeadquarters => "women-share-headquarters",
            Rule::WomenShareCounty => "women-share-county",
            Rule::CentralMissing => "central-missing",
            Rule::CentralSeveral => "central-several",
            Rule::HeadquartersEmpty => "headquarters-empty",
            Rule::AxisEmpty => "axis-empty",
            Rule::CountyEmpty => "county-empty",
            Rule::FocusUnserved => "focus-unserved",
            Rule::VenueClash => "venue-clash",
            Rule::CountyStaffMissing => "county-staff-missing",
            Rule::Unreported => "unreported",
            Rule::OutcomeEarly => "outcome-early",
            Rule::ParticipantsFarOff => "participants-far-off",
            Rule::CancelledHeld => "cancelled-held",
        }
    }
}

/// What a finding is about, with the figures that missed.
#[derive(Debug, Clone, PartialEq)]
pub enum Missed {
    WomenShare {
        share: Share,
        target: f64,
    },
    WomenShareHeadquarters {
        headquarters: HeadquartersId,
        share: Share,
        target: f64,
    },
    /// `county: None` is the programmes without a county.
    WomenShareCounty {
        county: Option<CountyId>,
        share: Share,
        target: f64,
    },
    CentralMissing {
        stratum: StratumId,
        found: usize,
        target: u32,
    },
    CentralSeveral {
        stratum: StratumId,
        programmes: Vec<ProgrammeId>,
        target: u32,
    },
    HeadquartersEmpty(HeadquartersId),
    AxisEmpty(AxisId),
    CountyEmpty(CountyId),
    FocusUnserved {
        date: Date,
        on: FocusOn,
    },
    VenueClash {
        earlier: ProgrammeId,
        later: ProgrammeId,
        date: Date,
    },
    CountyStaffMissing {
        county: CountyId,
        missing: Vec<Role>,
    },
    Unreported {
        headquarters: HeadquartersId,
        county: Option<CountyId>,
        programmes: Vec<ProgrammeId>,
        as_of: Date,
    },
    OutcomeEarly {
        programme: ProgrammeId,
        as_of: Date,
    },
    ParticipantsFarOff {
        programme: ProgrammeId,
        actual: u32,
        expected: u32,
        factor: f64,
    },
    CancelledHeld(ProgrammeId),
}

/// One review finding: what missed, and where in the content it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub missed: Missed,
    pub span: Option<Span>,
}

impl Missed {
    pub fn rule(&self) -> Rule {
        match self {
            Missed::WomenShare { .. } => Rule::WomenShare,
            Missed::WomenShareHeadquarters { .. } => Rule::WomenShareHeadquarters,
            Missed::WomenShareCounty { .. } => Rule::WomenShareCounty,
            Missed::CentralMissing { .. } => Rule::CentralMissing,
            Missed::CentralSeveral { .. } => Rule::CentralSeveral,
            Missed::HeadquartersEmpty(_) => Rule::HeadquartersEmpty,
            Missed::AxisEmpty(_) => Rule::AxisEmpty,
            Missed::CountyEmpty(_) => Rule::CountyEmpty,
            Missed::FocusUnserved { .. } => Rule::FocusUnserved,
            Missed::VenueClash { .. } => Rule::VenueClash,
            Missed::CountyStaffMissing { .. } => Rule::CountyStaffMissing,
            Missed::Unreported { .. } => Rule::Unreported,
            Missed::OutcomeEarly { .. } => Rule::OutcomeEarly,
            Missed::ParticipantsFarOff { .. } => Rule::ParticipantsFarOff,
            Missed::CancelledHeld(_) => Rule::CancelledHeld,
        }
    }
}

impl Finding {
    pub fn rule(&self) -> Rule {
        self.missed.rule()
    }

    /// What is wrong, in English (the CLI's language).
    pub fn message(&self, event: &Event) -> String {
        english::message(&self.missed, event)
    }

    /// What the rule expects, in English.
    pub fn expected(&self) -> String {
        english::expected(&self.missed)
    }

    pub fn to_diagnostic(&self, event: &Event) -> Diagnostic {
        Diagnostic::warning(self.rule().code(), self.message(event))
            .at_opt(self.span.clone())
            .expected(self.expected())
    }
}

/// Runs every rule over the figures.
pub fn review(event: &Event, figures: &Figures) -> Vec<Finding> {
    let mut findings = Vec::new();
    women_targets(event, figures, &mut findings);
    central_programmes(event, figures, &mut findings);
    coverage(event, figures, &mut findings);
    focus(event, figures, &mut findings);
    findings.extend(figures.clashes.iter().map(|c| venue_clash(event, c)));
    county_staff(event, figures, &mut findings);
    outcomes(event, figures, &mut findings);
    findings
}

fn outcomes(event: &Event, figures: &Figures, out: &mut Vec<Finding>) {
    let outcome = |p: ProgrammeId| {
        event
            .programme(p)
            .outcome
            .as_ref()
            .expect("outcome figures are of programmes with an outcome")
    };
    if let Some(as_of) = figures.as_of {
        for owed in &figures.outcomes.owed {
            out.push(Finding {
                missed: Missed::Unreported {
                    headquarters: owed.headquarters,
                    county: owed.county,
                    programmes: owed.programmes.clone(),
                    as_of,
                },
                span: Some(event.programme(owed.programmes[0]).span.clone()),
            });
        }
        for &programme in &figures.outcomes.early {
            out.push(Finding {
                missed: Missed::OutcomeEarly { programme, as_of },
                span: Some(outcome(programme).held_span.clone()),
            });
        }
    }
    for far in &figures.outcomes.far_off {
        out.push(Finding {
            missed: Missed::ParticipantsFarOff {
                programme: far.programme,
                actual: far.actual,
                expected: far.expected,
                factor: event.reporting.participants_factor,
            },
            span: outcome(far.programme).participants_span.clone(),
        });
    }
    for &p in &figures.outcomes.cancelled_held {
        out.push(Finding {
            missed: Missed::CancelledHeld(p),
            span: Some(outcome(p).held_span.clone()),
        });
    }
}

fn women_targets(event: &Event, figures: &Figures, out: &mut Vec<Finding>) {
    let Some(target) = figures.women_target else {
        return;
    };
    if figures.women_meets() == Some(false) {
        out.push(Finding {
            missed: Missed::WomenShare {
                share: figures.totals.women,
                target,
            },
            span: event.women_share_span.clone(),
        });
    }
    for (i, counts) in figures.by_headquarters.iter().enumerate() {
        if counts.women_meets(Some(target)) == Some(false) {
            let headquarters = HeadquartersId::new(i);
            out.push(Finding {
                missed: Missed::WomenShareHeadquarters {
                    headquarters,
                    share: counts.women,
                    target,
                },
                span: Some(event.headquarters(headquarters).span.clone()),
            });
        }
    }
    let counties = figures
        .by_county
        .iter()
        .enumerate()
        .map(|(i, c)| (Some(CountyId::new(i)), c))
        .chain([(None, &figures.province_wide)]);
    for (county, counts) in counties {
        if counts.women_meets(Some(target)) == Some(false) {
            out.push(Finding {
                missed: Missed::WomenShareCounty {
                    county,
                    share: counts.women,
                    target,
                },
                // The province-wide programmes have no entry of their own:
                // the target is where to look.
                span: county.map_or_else(
                    || event.women_share_span.clone(),
                    |c| Some(event.county(c).span.clone()),
                ),
            });
        }
    }
}

fn central_programmes(event: &Event, figures: &Figures, out: &mut Vec<Finding>) {
    for c in &figures.central {
        let Some(target) = c.target else { continue };
        let stratum = c.stratum;
        match c.status() {
            CentralStatus::Ok => {}
            CentralStatus::Missing => out.push(Finding {
                missed: Missed::CentralMissing {
                    stratum,
                    found: c.programmes.len(),
                    target,
                },
                span: Some(event.stratum(stratum).span.clone()),
            }),
            CentralStatus::Several => out.push(Finding {
                span: first_extra(event, c, target),
                missed: Missed::CentralSeveral {
                    stratum,
                    programmes: c.programmes.clone(),
                    target,
                },
            }),
        }
    }
}

/// Where a stratum has one central programme too many: the first beyond
/// the target.
fn first_extra(event: &Event, c: &Central, target: u32) -> Option<Span> {
    let extra = event.programme(c.programmes[target as usize]);
    extra.central_span.clone().or(Some(extra.span.clone()))
}

fn coverage(event: &Event, figures: &Figures, out: &mut Vec<Finding>) {
    for hq in figures.uncovered_headquarters() {
        out.push(Finding {
            missed: Missed::HeadquartersEmpty(hq),
            span: Some(event.headquarters(hq).span.clone()),
        });
    }
    for axis in figures.uncovered_axes() {
        out.push(Finding {
            missed: Missed::AxisEmpty(axis),
            span: Some(event.axis(axis).span.clone()),
        });
    }
    for county in figures.uncovered_counties() {
        out.push(Finding {
            missed: Missed::CountyEmpty(county),
            span: Some(event.county(county).span.clone()),
        });
    }
}

fn focus(event: &Event, figures: &Figures, out: &mut Vec<Finding>) {
    for f in figures.focus.iter().filter(|f| !f.served()) {
        out.push(Finding {
            missed: Missed::FocusUnserved {
                date: event.days[f.day].date,
                on: f.on,
            },
            span: Some(f.span.clone()),
        });
    }
}

fn venue_clash(event: &Event, c: &Clash) -> Finding {
    let later = event.programme(c.later);
    Finding {
        missed: Missed::VenueClash {
            earlier: c.earlier,
            later: c.later,
            date: c.date,
        },
        span: later.venue_span.clone().or(Some(later.span.clone())),
    }
}

fn county_staff(event: &Event, figures: &Figures, out: &mut Vec<Finding>) {
    for staff in figures.staff.iter().filter(|s| !s.complete()) {
        out.push(Finding {
            missed: Missed::CountyStaffMissing {
                county: staff.county,
                missing: staff.missing.clone(),
            },
            span: Some(event.county(staff.county).span.clone()),
        });
    }
}

/// The findings' English text, for the CLI and the data files.
mod english {
    use super::*;

    // Long because it is one arm per rule, each a sentence.
    pub fn message(missed: &Missed, event: &Event) -> String {
        match missed {
            Missed::WomenShare { share, .. } => format!(
                "{} of programmes are in the women's domain {}",
                share.percent_below(),
                of(share)
            ),
            Missed::WomenShareHeadquarters {
                headquarters,
                share,
                ..
            } => format!(
                "headquarters '{}': {} of its programmes are in the women's domain {}",
                event.headquarters(*headquarters).id,
                share.percent_below(),
                of(share)
            ),
            Missed::WomenShareCounty {
                county: Some(c),
                share,
                ..
            } => format!(
                "county '{}': {} of its programmes are in the women's domain {}",
                event.county(*c).id,
                share.percent_below(),
                of(share)
            ),
            Missed::WomenShareCounty {
                county: None,
                share,
                ..
            } => format!(
                "programmes without a county: {} of them are in the women's domain {}",
                share.percent_below(),
                of(share)
            ),
            Missed::CentralMissing { stratum, found, .. } => {
                central_missing(*stratum, *found, event)
            }
            Missed::CentralSeveral {
                stratum,
                programmes,
                ..
            } => central_several(*stratum, programmes, event),
            Missed::HeadquartersEmpty(hq) => format!(
                "headquarters '{}' has no programme",
                event.headquarters(*hq).id
            ),
            Missed::AxisEmpty(axis) => format!("axis '{}' has no programme", event.axis(*axis).id),
            Missed::CountyEmpty(county) => {
                format!("county '{}' has no programme", event.county(*county).id)
            }
            Missed::FocusUnserved { date, on } => focus(*date, *on, event),
            Missed::VenueClash {
                earlier,
                later,
                date,
            } => clash(*earlier, *later, *date, event),
            Missed::CountyStaffMissing { county, missing } => staff(*county, missing, event),
            Missed::Unreported {
                headquarters,
                county,
                programmes,
                as_of,
            } => unreported(*headquarters, *county, programmes, *as_of, event),
            Missed::OutcomeEarly { programme, as_of } => {
                let p = event.programme(*programme);
                format!(
                    "'{}' has an outcome, but it is of {}, after the reporting day {}",
                    p.id,
                    crate::figures::reported_day(p)
                        .unwrap_or(p.date)
                        .code(event.calendar),
                    as_of.code(event.calendar)
                )
            }
            Missed::ParticipantsFarOff {
                programme,
                actual,
                expected,
                ..
            } => format!(
                "'{}' reports {actual} participants against {expected} expected",
                event.programme(*programme).id
            ),
            Missed::CancelledHeld(p) => format!(
                "'{}' is cancelled, but its outcome says it was held",
                event.programme(*p).id
            ),
        }
    }

    fn unreported(
        headquarters: HeadquartersId,
        county: Option<CountyId>,
        programmes: &[ProgrammeId],
        as_of: Date,
        event: &Event,
    ) -> String {
        let office = match county {
            Some(c) => format!("county '{}'", event.county(c).id),
            None => "province-wide".to_string(),
        };
        let ids: Vec<&str> = programmes
            .iter()
            .map(|&p| event.programme(p).id.as_str())
            .collect();
        format!(
            "headquarters '{}', {office}: {} due by {} without an outcome: {}",
            event.headquarters(headquarters).id,
            plural(programmes.len(), "programme"),
            as_of.code(event.calendar),
            ids.join(", ")
        )
    }

    /// `(3 of 8)`.
    fn of(share: &Share) -> String {
        format!("({} of {})", share.part, share.whole)
    }

    fn central_missing(stratum: StratumId, found: usize, event: &Event) -> String {
        let has = match found {
            0 => "no central programme".to_string(),
            n => plural(n, "central programme"),
        };
        format!("stratum '{}' has {has}", event.stratum(stratum).id)
    }

    fn central_several(stratum: StratumId, programmes: &[ProgrammeId], event: &Event) -> String {
        let ids: Vec<&str> = programmes
            .iter()
            .map(|&p| event.programme(p).id.as_str())
            .collect();
        format!(
            "stratum '{}' has {} central programmes: {}",
            event.stratum(stratum).id,
            programmes.len(),
            ids.join(", ")
        )
    }

    fn focus(date: Date, on: FocusOn, event: &Event) -> String {
        let (kind, id) = match on {
            FocusOn::Stratum(s) => ("stratum", &event.stratum(s).id),
            FocusOn::Headquarters(h) => ("headquarters", &event.headquarters(h).id),
        };
        format!(
            "{} focuses on {kind} '{id}', which has no programme that day",
            date.code(event.calendar)
        )
    }

    fn clash(earlier: ProgrammeId, later: ProgrammeId, date: Date, event: &Event) -> String {
        let (earlier, later) = (event.programme(earlier), event.programme(later));
        format!(
            "'{}' and '{}' are both at «{}» on {} at overlapping times",
            earlier.id,
            later.id,
            later.venue.as_deref().unwrap_or_default(),
            date.code(event.calendar)
        )
    }

    fn staff(county: CountyId, missing: &[Role], event: &Event) -> String {
        let roles: Vec<&str> = missing
            .iter()
            .map(|r| match r {
                Role::Head => "head",
                Role::Secretary => "secretary",
            })
            .collect();
        format!(
            "the county headquarters of '{}' has no {}",
            event.county(county).id,
            roles.join(" and no ")
        )
    }

    pub fn expected(missed: &Missed) -> String {
        let percent = |t: f64| format!("{:.0}%", t * 100.0);
        match missed {
            Missed::WomenShare { target, .. } => {
                format!("at least {} (targets.women_share)", percent(*target))
            }
            Missed::WomenShareHeadquarters { target, .. }
            | Missed::WomenShareCounty { target, .. } => {
                format!("at least {}, as for the whole event", percent(*target))
            }
            Missed::CentralMissing { target, .. } | Missed::CentralSeveral { target, .. } => {
                format!(
                    "{} per stratum (targets.central_per_stratum)",
                    plural(*target as usize, "central programme")
                )
            }
            Missed::HeadquartersEmpty(_) => {
                "at least one programme reviewed in every headquarters".into()
            }
            Missed::AxisEmpty(_) => "at least one programme serving every axis".into(),
            Missed::CountyEmpty(_) => "at least one programme in every county".into(),
            Missed::FocusUnserved {
                on: FocusOn::Stratum(_),
                ..
            } => "a programme of every focus stratum on its day".into(),
            Missed::FocusUnserved {
                on: FocusOn::Headquarters(_),
                ..
            } => "a programme of every focus headquarters on its day".into(),
            Missed::VenueClash { .. } => "one programme at a time at each venue".into(),
            Missed::CountyStaffMissing { .. } => {
                "staff: { head: … (the governor), secretary: … (the district commander) }".into()
            }
            Missed::Unreported { .. } => {
                "an 'outcome:' for every programme held by the reporting day (reporting.as_of)"
                    .into()
            }
            Missed::OutcomeEarly { .. } => {
                "outcomes only for programmes up to the reporting day (or a later --as-of)".into()
            }
            Missed::ParticipantsFarOff {
                expected, factor, ..
            } => format!(
                "between {} and {} (expected_participants {expected}, reporting.participants_factor {factor})",
                (f64::from(*expected) / factor).ceil(),
                (f64::from(*expected) * factor).floor()
            ),
            Missed::CancelledHeld(_) => {
                "'held: no' for a cancelled programme, or a status other than cancelled".into()
            }
        }
    }
}

/// The figures `rooz check` ends with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    #[serde(flatten)]
    pub totals: Counts,
    pub women_share: Share,
    pub women_target: Option<f64>,
    pub days: usize,
    pub days_covered: usize,
}

pub fn summary(figures: &Figures) -> Summary {
    Summary {
        totals: figures.totals,
        women_share: figures.totals.women,
        women_target: figures.women_target,
        days: figures.by_day.len(),
        days_covered: figures.days_covered(),
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let target = self
            .women_target
            .map(|t| format!(" (target: at least {:.0}%)", t * 100.0))
            .unwrap_or_default();
        write!(
            f,
            "{}: {} published ({} of them cancelled), {}. \
             Women's domain: {} of active programmes, {} of {}{target}. \
             Days covered: {} of {}.",
            plural(self.totals.programmes, "programme"),
            self.totals.published,
            self.totals.cancelled,
            plural(self.totals.drafts, "draft"),
            self.women_share.percent(),
            self.women_share.part,
            self.women_share.whole,
            self.days_covered,
            self.days,
        )
    }
}

/// `1 draft`, `4 drafts`.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::measure;
    use crate::load::testing::{edited, event};

    const TEACHERS: &str = "content/programs/teachers.yaml";

    fn review_of(e: &Event) -> Vec<Finding> {
        review(e, &measure(e))
    }

    #[test]
    fn the_base_fixture_has_no_finding() {
        assert_eq!(review_of(&event("base-fa")), []);
    }

    #[test]
    fn a_share_under_target_is_found_at_every_level_that_misses() {
        // The forum (Dena, education) leaves the women's domain: Dena has
        // 0 of 2; education 1 of 2 and the event 2 of 4 are at the target.
        let e = edited(
            "base-fa",
            &[(
                TEACHERS,
                "    venue: تالار فرهنگیان یاسوج\n    women: true",
                "    venue: تالار فرهنگیان یاسوج\n    women: false",
            )],
        );
        let findings = review_of(&e);
        assert_eq!(findings.len(), 1, "{findings:?}");
        let f = &findings[0];
        assert_eq!(
            f.missed,
            Missed::WomenShareCounty {
                county: Some(CountyId::new(1)),
                share: Share { part: 0, whole: 2 },
                target: 0.5
            }
        );
        assert_eq!(f.rule(), Rule::WomenShareCounty);
        assert_eq!(
            f.message(&e),
            "county 'dena': 0% of its programmes are in the women's domain (0 of 2)"
        );
        assert_eq!(f.expected(), "at least 50%, as for the whole event");
        assert_eq!(f.span, Some(e.counties[1].span.clone()));
    }

    #[test]
    fn every_finding_has_its_rule_and_a_message() {
        // A stratum without its central programme, an unserved focus, a
        // county without staff and an empty county, all at once.
        let e = edited(
            "base-fa",
            &[
                (TEACHERS, "    central: true\n", ""),
                (
                    "content/event.yaml",
                    "    focus: { strata: [students] }",
                    "    focus: { strata: [teachers] }",
                ),
                (
                    "content/event.yaml",
                    "    staff: { head: فرماندار دنا, secretary: فرمانده ناحیه دنا }\n",
                    "    staff: { head: فرماندار دنا, secretary: فرمانده ناحیه دنا }\n  - id: lordegan\n    title: لردگان\n",
                ),
            ],
        );
        let findings = review_of(&e);
        let rules: Vec<Rule> = findings.iter().map(Finding::rule).collect();
        assert_eq!(
            rules,
            [
                Rule::CentralMissing,
                Rule::CountyEmpty,
                Rule::FocusUnserved,
                Rule::CountyStaffMissing
            ]
        );
        let messages: Vec<String> = findings.iter().map(|f| f.message(&e)).collect();
        assert_eq!(
            messages,
            [
                "stratum 'teachers' has no central programme",
                "county 'lordegan' has no programme",
                "1405-08-29 focuses on stratum 'teachers', which has no programme that day",
                "the county headquarters of 'lordegan' has no head and no secretary",
            ]
        );
        assert!(findings.iter().all(|f| f.span.is_some()));
        let d = findings[0].to_diagnostic(&e);
        assert_eq!(d.code, "central-missing");
        assert_eq!(
            d.expected.as_deref(),
            Some("1 central programme per stratum (targets.central_per_stratum)")
        );
    }

    #[test]
    fn the_summary_reads_as_one_paragraph() {
        let e = event("base-fa");
        let s = summary(&measure(&e));
        assert_eq!(
            s.to_string(),
            "6 programmes: 5 published (1 of them cancelled), 1 draft. Women's domain: 75% of active \
             programmes, 3 of 4 (target: at least 50%). Days covered: 3 of 3."
        );
    }
}
