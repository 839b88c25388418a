//! rooz turns a folder of YAML programme files into a static website,
//! printable bulletins and a review report for a week-long public event.
//!
//! The pipeline, one stage per module, data flowing one way:
//!
//! ```text
//! content/ --load--> Event (frozen, with source spans)     load
//!          --check-> Findings (content errors stop at load) check
//! ```
//!
//! Start reading at [`check_site`], then [`load::load`].

pub mod calendar;
pub mod check;
pub mod diagnostic;
pub mod load;
pub mod model;
pub mod source;

use std::path::Path;

use check::{Finding, Summary};
use diagnostic::Diagnostic;
use load::SiteError;
use model::Event;
use source::Sources;

/// The outcome of `rooz check`: content errors, or the event with its
/// review findings and summary.
pub struct Checked {
    pub sources: Sources,
    pub outcome: Result<Reviewed, Vec<Diagnostic>>,
}

pub struct Reviewed {
    pub event: Event,
    pub findings: Vec<Finding>,
    pub summary: Summary,
}

/// Loads the site at `root` and reviews it.
pub fn check_site(root: &Path) -> Result<Checked, SiteError> {
    let loaded = load::load(root)?;
    let outcome = loaded.result.map(|event| {
        let findings = check::review(&event);
        let summary = check::summary(&event);
        Reviewed {
            event,
            findings,
            summary,
        }
    });
    Ok(Checked {
        sources: loaded.sources,
        outcome,
    })
}
