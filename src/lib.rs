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
pub mod console;
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
pub mod serve;
pub mod source;
pub mod spelling;
pub mod starter;
pub mod theme;
pub mod write;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use check::{Finding, Summary};
use diagnostic::Diagnostic;
use figures::Figures;
use load::SiteError;
use model::Event;
use source::{Memo, Sources};

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
pub fn check_site(root: &Path, overrides: &load::Overrides) -> Result<Checked, SiteError> {
    check_site_with(root, &Memo::passing(), overrides)
}

/// [`check_site`], reading the content through `memo`.
pub fn check_site_with(
    root: &Path,
    memo: &Memo,
    overrides: &load::Overrides,
) -> Result<Checked, SiteError> {
    let loaded = load::load_with(root, memo, overrides)?;
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
    pub typeset: Typeset,
    /// What the command line says over the content (`--as-of`).
    pub overrides: load::Overrides,
}

/// What a build does with share cards, press kits and PDFs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typeset {
    /// Typeset what the cache lacks (`rooz build`).
    All,
    /// Leave them out (`--no-typeset`: pages still link to them, for
    /// quick drafts and for timing the rest of the build).
    Skip,
    /// Pages first (`rooz serve`): what the cache lacks is carried over
    /// from the current output as it is, and listed in
    /// [`Built::carried`], for a full build to make right after.
    Later,
}

/// What stays from one build to the next in `rooz serve`: the files read
/// (read again only when changed) and the typst engine (fonts scanned
/// once). `rooz build` uses a [`Session::once`].
pub struct Session {
    memo: Memo,
    /// Whether builds follow: then the previous output is kept as the
    /// spare the next build fills in (folders made, unchanged files left
    /// as they are) rather than removed.
    lasting: bool,
    spare: Mutex<Option<write::Previous>>,
    engine: Mutex<Option<(EngineKey, Arc<render::typeset::Engine>)>>,
}

/// What an engine was made for: the theme's font folders and the event's
/// first day.
type EngineKey = (Vec<PathBuf>, (i32, u8, u8));

impl Session {
    /// For one build: keeps nothing.
    pub fn once() -> Session {
        Session {
            memo: Memo::passing(),
            lasting: false,
            spare: Mutex::new(None),
            engine: Mutex::new(None),
        }
    }

    /// For many builds of one site.
    pub fn keeping() -> Session {
        Session {
            memo: Memo::keeping(),
            lasting: true,
            spare: Mutex::new(None),
            engine: Mutex::new(None),
        }
    }

    /// Fonts changed: the next build scans them again.
    pub fn forget_fonts(&self) {
        *self.engine.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    fn engine(&self, key: EngineKey) -> Arc<render::typeset::Engine> {
        let mut slot = self.engine.lock().unwrap_or_else(|e| e.into_inner());
        match &*slot {
            Some((k, engine)) if *k == key => engine.clone(),
            _ => {
                let engine = Arc::new(render::typeset::Engine::new(&key.0, key.1));
                *slot = Some((key, engine.clone()));
                engine
            }
        }
    }
}

/// What a build tells as it goes (the progress bar of `rooz build`).
pub trait Progress: Sync {
    /// A stage begins.
    fn stage(&self, _stage: &'static str) {}
    /// The outputs are planned: how many files will be made.
    fn planned(&self, _tally: &plan::Tally) {}
    /// One file was made and written.
    fn made(&self, _path: &str) {}
    /// The build ended: whatever was drawn goes away.
    fn done(&self) {}
}

/// Tells nothing.
pub struct Silent;

impl Progress for Silent {}

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
    /// The files by kind.
    pub tally: plan::Tally,
    /// Typeset outputs carried over stale ([`Typeset::Later`]).
    pub carried: Vec<String>,
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
    build_in(&Session::once(), options, &Silent)
}

/// [`build`], keeping what `session` keeps, telling `progress` how it goes.
/// Long because it is the pipeline itself, stage after stage, read top to
/// bottom.
pub fn build_in(
    session: &Session,
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<Built, BuildError> {
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
    progress.stage("load and review");
    let checked = check_site_with(&options.root, &session.memo, &options.overrides)
        .map_err(BuildError::Site)?;
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
    progress.stage("index and plan");
    let site = index::Site::new(&event, &figures, options.drafts, base_url);
    clock.lap("index");
    let theme = theme::load_with(&options.root, &event.theme, &event.locale, &session.memo)
        .map_err(BuildError::Theme)?;
    let content_dir = options.root.join("content");
    let mut outputs = plan::plan(&site, &theme, &content_dir);
    if options.typeset == Typeset::Skip {
        outputs.retain(|o| !o.job.typesets());
    }
    clock.lap("theme and plan");
    let twice = plan::duplicates(&outputs);
    if !twice.is_empty() {
        return Err(BuildError::DuplicateOutputs(twice));
    }
    let tally = plan::Tally::of(&outputs);
    progress.planned(&tally);
    let first_day = event.start.ymd(calendar::CalendarKind::Gregorian);
    let engine = session.engine((theme.font_dirs(), first_day));
    let mut cache = cache::Cache::new(cache::location(&options.root, &output));
    if options.typeset == Typeset::Later {
        cache = cache.carrying(output.clone());
    }
    let tools = render::Tools {
        report: &report,
        engine: &engine,
        cache: &cache,
        content_dir: &content_dir,
        memo: &session.memo,
    };
    progress.stage("render and write");
    // Files are written as they are made; the output is replaced only when
    // every one is there (dropping the staging folder removes it).
    let spare = session
        .spare
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .take();
    let staging = write::Staging::begin_from(&output, spare).map_err(BuildError::Write)?;
    let sink = |file: render::File| {
        let path = file.path.clone();
        staging.put(file)?;
        progress.made(&path);
        Ok(())
    };
    let files =
        render::render(&site, &theme, tools, &outputs, &sink).map_err(|failed| match failed {
            render::Failed::Render(errors) => BuildError::Render(errors),
            render::Failed::Sink(e) => BuildError::Write(e),
        })?;
    clock.lap("render and write");
    render::typeset::evict_cache();
    progress.stage("replace the output");
    let previous = staging.commit().map_err(BuildError::Write)?;
    if session.lasting {
        // Serving: the next build fills in the previous output again.
        *session.spare.lock().unwrap_or_else(|e| e.into_inner()) = Some(previous);
    }
    clock.lap("replace the output");
    let rendered = cache.misses.load(std::sync::atomic::Ordering::Relaxed);
    let reused = cache.hits.load(std::sync::atomic::Ordering::Relaxed);
    let mut carried = std::mem::take(&mut *cache.carried.lock().unwrap_or_else(|e| e.into_inner()));
    carried.sort();
    Ok(Built {
        output,
        files,
        tally,
        carried,
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
