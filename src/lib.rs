//! rooz turns a folder of YAML programme files into a static website,
//! printable bulletins and a review report for a week-long public event.
//!
//! The pipeline, one stage per module, data flowing one way:
//!
//! ```text
//! content/ --load--> Event (frozen, with source spans)      load
//!          --measure> Figures: every count and share, once   figures
//!          --check-> Findings (content errors stop at load)  check
//!          --report> the consolidated package, as data       report
//!          --index-> Site: programmes by day, headquarters…  index
//!          --plan--> the list of outputs (path, job)         plan
//!          --render> bytes, in parallel, in memory           render
//!          --write-> a fresh folder swapped in whole         write
//! ```
//!
//! Start reading at [`build`] and [`check_site`], then [`load::load`].

pub mod cache;
pub mod calendar;
pub mod check;
pub mod columns;
pub mod diagnostic;
pub mod figures;
pub mod import;
pub mod index;
pub mod load;
pub mod model;
pub mod parallel;
pub mod plan;
pub mod render;
pub mod report;

pub mod source;
pub mod spelling;
pub mod starter;
pub mod theme;
pub mod write;

use std::path::{Path, PathBuf};

use check::{Finding, Summary};
use diagnostic::Diagnostic;
use figures::Figures;
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
    /// Every figure of the event, measured once.
    pub figures: Figures,
    pub findings: Vec<Finding>,
    pub summary: Summary,
    /// The consolidated package: every figure and finding.
    pub report: report::Report,
}

/// Loads the site at `root` and reviews it: stages load, measure, check
/// and report.
pub fn check_site(root: &Path) -> Result<Checked, SiteError> {
    let loaded = load::load(root)?;
    let sources = &loaded.sources;
    let outcome = loaded.result.map(|event| {
        let figures = figures::measure(&event);
        let findings = check::review(&event, &figures);
        let summary = check::summary(&figures);
        let report = report::report(&event, &figures, &findings, sources);
        Reviewed {
            event,
            figures,
            findings,
            summary,
            report,
        }
    });
    Ok(Checked {
        sources: loaded.sources,
        outcome,
    })
}

/// What `rooz build` is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Default: `<root>/output`.
    pub output: Option<PathBuf>,
    /// Overrides the event's `base_url`.
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Typeset cards and PDFs (on unless `--no-typeset`: pages still link
    /// to them, for quick drafts and for timing the rest of the build).
    pub typeset: bool,
}

/// Why a build wrote nothing.
pub enum BuildError {
    Site(SiteError),
    /// Content errors, to be shown against their sources.
    Content(Sources, Vec<Diagnostic>),
    Theme(theme::ThemeError),
    /// Two outputs would be written to one path (a theme file that rooz
    /// also generates?).
    DuplicateOutputs(Vec<String>),
    Render(Vec<render::RenderError>),
    Write(write::WriteError),
    /// `--base-url` is not an absolute http(s) URL.
    BaseUrl(String),
}

/// What a successful build did.
pub struct Built {
    pub output: PathBuf,
    pub files: usize,
    pub findings: usize,
    /// Cards and PDFs typeset by this build.
    pub rendered: usize,
    /// Cards and PDFs taken unchanged from the cache.
    pub reused: usize,
    /// What typesetting warned about: text cut in a card, a missing glyph…
    pub warnings: Vec<String>,
    /// How long each stage took.
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

/// The time each stage of a build takes.
struct Stopwatch {
    last: std::time::Instant,
    laps: Vec<(&'static str, std::time::Duration)>,
}

impl Stopwatch {
    fn start() -> Stopwatch {
        Stopwatch {
            last: std::time::Instant::now(),
            laps: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = std::time::Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
    }
}

/// The whole build, stage after stage. Nothing is written unless every
/// stage succeeded; then the output folder is replaced whole.
pub fn build(options: &BuildOptions) -> Result<Built, BuildError> {
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("output"));
    write::check_target(&output).map_err(BuildError::Write)?;
    let base_url = options
        .base_url
        .as_deref()
        .map(normalise_base_url)
        .transpose()?;

    let mut clock = Stopwatch::start();
    let checked = check_site(&options.root).map_err(BuildError::Site)?;
    clock.lap("load and review");
    let Reviewed {
        event,
        figures,
        findings,
        report,
        ..
    } = match checked.outcome {
        Ok(reviewed) => reviewed,
        Err(errors) => return Err(BuildError::Content(checked.sources, errors)),
    };
    let site = index::Site::new(&event, &figures, options.drafts, base_url);
    clock.lap("index");
    let theme =
        theme::load(&options.root, &event.theme, &event.locale).map_err(BuildError::Theme)?;
    let content_dir = options.root.join("content");
    let mut outputs = plan::plan(&site, &theme, &content_dir);
    if !options.typeset {
        outputs.retain(|o| !o.job.typesets());
    }
    clock.lap("theme and plan");
    let twice = plan::duplicates(&outputs);
    if !twice.is_empty() {
        return Err(BuildError::DuplicateOutputs(twice));
    }
    let first_day = event.start.ymd(calendar::CalendarKind::Gregorian);
    let engine = render::typeset::Engine::new(&theme.font_dirs(), first_day);
    let cache = cache::Cache::new(cache::location(&options.root, &output));
    let tools = render::Tools {
        report: &report,
        engine: &engine,
        cache: &cache,
        content_dir: &content_dir,
    };
    // Files are written as they are made; the output is replaced only when
    // every one is there (dropping the staging folder removes it).
    let staging = write::Staging::begin(&output).map_err(BuildError::Write)?;
    let files = render::render(&site, &theme, tools, &outputs, &|file| staging.put(file)).map_err(
        |failed| match failed {
            render::Failed::Render(errors) => BuildError::Render(errors),
            render::Failed::Sink(e) => BuildError::Write(e),
        },
    )?;
    clock.lap("render and write");
    render::typeset::evict_cache();
    staging.commit().map_err(BuildError::Write)?;
    clock.lap("replace the output");
    let rendered = cache.misses.load(std::sync::atomic::Ordering::Relaxed);
    let reused = cache.hits.load(std::sync::atomic::Ordering::Relaxed);
    Ok(Built {
        output,
        files,
        findings: findings.len(),
        warnings: warnings(&site, cache),
        rendered,
        timings: clock.laps,
        reused,
    })
}

/// What a successful build warns about: a placeholder base URL, then what
/// typesetting said.
fn warnings(site: &index::Site, cache: cache::Cache) -> Vec<String> {
    let mut warnings: Vec<String> = site
        .base_url
        .iter()
        .filter_map(|u| placeholder(u))
        .collect();
    warnings.extend(
        cache
            .warnings
            .into_inner()
            .unwrap_or_else(|e| e.into_inner()),
    );
    warnings
}

/// A warning when `base_url` is a placeholder (example.org, localhost…):
/// every QR code, OpenGraph link, feed and sitemap would point there.
fn placeholder(base_url: &str) -> Option<String> {
    let host = url::Url::parse(base_url)
        .ok()?
        .host_str()?
        .to_ascii_lowercase();
    let reserved = ["example.org", "example.com", "example.net", "localhost"]
        .iter()
        .any(|h| host == *h || host.ends_with(&format!(".{h}")))
        || host.ends_with(".example")
        || host.ends_with(".test")
        || host.starts_with("127.")
        || host == "[::1]";
    reserved.then(|| {
        format!(
            "base_url {base_url} is a placeholder: QR codes, share links, the feed and the sitemap point there; set the real address (base_url in content/event.yaml, or --base-url) before printing or posting"
        )
    })
}

fn normalise_base_url(url: &str) -> Result<String, BuildError> {
    load::base_url(url).ok_or_else(|| BuildError::BaseUrl(url.to_string()))
}
