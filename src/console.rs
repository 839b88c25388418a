//! What the command line shows of a build: the progress bar, the one-line
//! summary, and why a build failed — the same text in the terminal and in
//! `rooz serve`'s overlay in the browser. Diagnostics themselves are
//! rendered by `diagnostic` only; this module arranges them.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::check::plural;
use crate::diagnostic::{self, Diagnostic, Style};
use crate::source::Sources;
use crate::{BuildError, Built, Progress, plan};

/// Exit codes: the command worked; the content has errors; the command
/// was used wrongly.
pub const OK: u8 = 0;
pub const CONTENT_ERROR: u8 = 1;
pub const MISUSE: u8 = 2;

/// How much a command says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// Errors only.
    Quiet,
    /// Warnings, the progress bar on a terminal, a one-line summary.
    Normal,
    /// Also the time of each stage and the next steps.
    Verbose,
}

/// The summary of a successful build, in one line.
pub fn summary(built: &Built, took: Duration) -> String {
    let t = &built.tally;
    let mut kinds = vec![plural(t.pages, "page")];
    if t.bulletins > 0 {
        kinds.push(plural(t.bulletins, "bulletin"));
    }
    if t.cards > 0 {
        kinds.push(plural(t.cards, "card"));
    }
    let typeset = match (built.rendered, built.reused) {
        (0, 0) => String::new(),
        (n, r) => format!("; typeset {n}, {r} from the cache"),
    };
    let carried = match built.carried.len() {
        0 => String::new(),
        n => format!("; {n} carried over, typeset next"),
    };
    let findings = match built.findings {
        0 => String::new(),
        n => format!("; {} (rooz check)", plural(n, "review finding")),
    };
    format!(
        "Built {} ({}) into {} in {} ms{typeset}{carried}{findings}.",
        plural(built.files, "file"),
        kinds.join(", "),
        built.output.display(),
        took.as_millis()
    )
}

/// What a successful build says besides its summary: its warnings, and
/// when verbose the time of each stage.
pub fn details(built: &Built, verbosity: Verbosity) -> String {
    let mut out = String::new();
    if verbosity >= Verbosity::Normal {
        for w in &built.warnings {
            out.push_str(&format!("warning: {w}\n"));
        }
    }
    if verbosity >= Verbosity::Verbose {
        for (stage, took) in &built.timings {
            out.push_str(&format!("  {stage}: {} ms\n", took.as_millis()));
        }
    }
    out
}

/// Content errors or review warnings, each with its snippet.
pub fn diagnostics(diagnostics: &[Diagnostic], sources: &Sources, style: Style) -> String {
    diagnostics
        .iter()
        .map(|d| diagnostic::render(d, sources, style) + "\n")
        .collect()
}

/// Why nothing was written, and the exit code that says so.
pub fn failure(e: &BuildError, style: Style) -> (String, u8) {
    match e {
        BuildError::Content(sources, errors) => (
            format!(
                "{}{}; nothing was written.\n",
                diagnostics(errors, sources, style),
                plural(errors.len(), "error")
            ),
            CONTENT_ERROR,
        ),
        BuildError::Render(errors) => (render_errors(errors), CONTENT_ERROR),
        BuildError::DuplicateOutputs(paths) => (
            format!(
                "error: two outputs would be written to the same file: {} (a theme file that rooz also generates?)\nNothing was written.\n",
                paths.join(", ")
            ),
            CONTENT_ERROR,
        ),
        BuildError::Theme(e) => (format!("error: {e}\nNothing was written.\n"), CONTENT_ERROR),
        BuildError::Site(e) => (format!("error: {e}\n"), MISUSE),
        BuildError::BaseUrl(url) => (
            format!("error: --base-url '{url}' is not an absolute http(s) URL without ? or #\n"),
            MISUSE,
        ),
        BuildError::Write(e) => (
            format!("error: {e}\n"),
            match e {
                crate::write::WriteError::Foreign(_) => MISUSE,
                _ => CONTENT_ERROR,
            },
        ),
    }
}

/// One broken template fails every page made from it: each distinct
/// message once, with how many outputs it hit.
fn render_errors(errors: &[crate::render::RenderError]) -> String {
    let mut distinct: Vec<(String, &str, usize)> = Vec::new();
    for e in errors {
        let message = e.message();
        match distinct.iter_mut().find(|(m, _, _)| *m == message) {
            Some(entry) => entry.2 += 1,
            None => distinct.push((message, &e.output, 1)),
        }
    }
    let mut out = String::new();
    for (message, output, n) in &distinct {
        let others = match n - 1 {
            0 => String::new(),
            k => format!(" and {}", plural(k, "other output")),
        };
        out.push_str(&format!(
            "{message}\n  (while rendering {output}{others})\n\n"
        ));
    }
    out.push_str(&format!(
        "{}; nothing was written.\n",
        plural(distinct.len(), "template error")
    ));
    out
}

/// Builds shorter than this show no bar.
const QUIET_FOR: Duration = Duration::from_millis(500);

/// The progress bar of a build on a terminal: hidden for the first half
/// second (a quick build flashes nothing), then the stage, and the files
/// made against those planned, cards and PDFs counted apart. Never drawn
/// when stderr is not a terminal.
pub struct Bar {
    bar: ProgressBar,
    started: Instant,
    /// Whether to draw at all, and whether it is drawn yet.
    state: Mutex<(bool, bool)>,
    typeset: std::sync::atomic::AtomicUsize,
}

impl Bar {
    pub fn new(verbosity: Verbosity) -> Bar {
        let on = verbosity >= Verbosity::Normal && std::io::stderr().is_terminal();
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
        let style = ProgressStyle::with_template("{prefix:>16} [{bar:30}] {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        bar.set_style(style);
        Bar {
            bar,
            started: Instant::now(),
            state: Mutex::new((on, false)),
            typeset: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// Draws from now on, once the build has taken long enough.
    fn wake(&self) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if state.0 && !state.1 && self.started.elapsed() >= QUIET_FOR {
            state.1 = true;
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.bar.enable_steady_tick(Duration::from_millis(120));
        }
    }
}

impl Progress for Bar {
    fn stage(&self, stage: &'static str) {
        self.bar.set_prefix(stage);
        self.wake();
    }

    fn planned(&self, tally: &plan::Tally) {
        self.bar.set_length(tally.files as u64);
    }

    /// Takes the bar off the screen (before the summary is printed).
    fn done(&self) {
        self.bar.finish_and_clear();
    }

    fn made(&self, path: &str) {
        if [".png", ".pdf", ".zip"].iter().any(|e| path.ends_with(e)) {
            let n = self
                .typeset
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            self.bar.set_message(format!("({} cards and PDFs)", n + 1));
        }
        self.bar.inc(1);
        self.wake();
    }
}
