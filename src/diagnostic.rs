//! Diagnostics: content errors and review findings, and how they are shown.
//!
//! A [`Diagnostic`] is plain data (what went wrong, where, what was expected,
//! which field, a hint). Stages create them; only this module turns them
//! into text (through miette, with a snippet and a caret) or JSON, so every
//! command shows problems the same way.

use std::fmt;
use std::io::IsTerminal;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use serde::Serialize;

use crate::source::{Sources, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable, kebab-case name of the kind of problem, for JSON consumers.
    pub code: &'static str,
    pub message: String,
    pub span: Option<Span>,
    /// What was expected at the span; shown under the caret.
    pub expected: Option<String>,
    /// The field path inside the file, e.g. `programs[3].headquarters`.
    pub path: Option<String>,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            code,
            message: message.into(),
            span: None,
            expected: None,
            path: None,
            hint: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(code, message)
        }
    }

    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    pub fn at_opt(mut self, span: Option<Span>) -> Self {
        self.span = span;
        self
    }

    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn hint_opt(mut self, hint: Option<String>) -> Self {
        self.hint = hint.or(self.hint);
        self
    }
}

/// Sorts diagnostics by file, then position, then message, so output is stable.
pub fn sort(diagnostics: &mut [Diagnostic], sources: &Sources) {
    diagnostics.sort_by_cached_key(|d| {
        let place = d.span.as_ref().map(|s| {
            let (line, column) = sources.position(s);
            (sources.get(s.file).name.clone(), line, column)
        });
        (place, d.severity, d.message.clone())
    });
}

/// `did you mean 'x'?` for the closest known name, when one is close enough.
pub fn did_you_mean<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    // Ties go to the name that sorts first, so the hint never changes.
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(wrong, k), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, k)| format!("did you mean '{k}'?"))
}

/// How diagnostics are written for people.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    /// Colour only on a terminal, and never when `NO_COLOR` is set.
    pub fn for_stderr() -> Self {
        Self::on(std::io::stderr().is_terminal())
    }

    /// The same rule for what goes to standard output.
    pub fn for_stdout() -> Self {
        Self::on(std::io::stdout().is_terminal())
    }

    fn on(terminal: bool) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self {
            color: !no_color && terminal,
        }
    }

    pub const PLAIN: Style = Style { color: false };
}

/// Renders one diagnostic as text: a header, the source line, a caret under
/// the span, what was expected, the field and a hint.
pub fn render(d: &Diagnostic, sources: &Sources, style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(110)
        .with_context_lines(1)
        .with_links(false)
        .without_syntax_highlighting();
    let shown = Shown { d, sources };
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = handler.render_report(&mut out, &shown);
    out
}

/// The JSON shape of a diagnostic (`--format json`).
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    pub severity: Severity,
    pub code: &'a str,
    pub message: &'a str,
    pub file: Option<&'a str>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub expected: Option<&'a str>,
    pub path: Option<&'a str>,
    pub hint: Option<&'a str>,
}

pub fn to_json<'a>(d: &'a Diagnostic, sources: &'a Sources) -> JsonDiagnostic<'a> {
    let position = d.span.as_ref().map(|s| sources.position(s));
    JsonDiagnostic {
        severity: d.severity,
        code: d.code,
        message: &d.message,
        file: d.span.as_ref().map(|s| sources.get(s.file).name.as_str()),
        line: position.map(|p| p.0),
        column: position.map(|p| p.1),
        expected: d.expected.as_deref(),
        path: d.path.as_deref(),
        hint: d.hint.as_deref(),
    }
}

/// Adapter that lets miette draw a [`Diagnostic`] against its source file.
struct Shown<'a> {
    d: &'a Diagnostic,
    sources: &'a Sources,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.d, f)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.d.span {
            // Without a snippet the file still has to be named.
            Some(span) if self.d.expected.is_none() && self.source_text().is_none() => {
                let (line, column) = self.sources.position(span);
                let name = &self.sources.get(span.file).name;
                write!(f, "{name}:{line}:{column}: {}", self.d.message)
            }
            _ => f.write_str(&self.d.message),
        }
    }
}

impl std::error::Error for Shown<'_> {}

impl Shown<'_> {
    fn source_text(&self) -> Option<&str> {
        let span = self.d.span.as_ref()?;
        Some(self.sources.get(span.file).text.as_str())
    }
}

impl miette::Diagnostic for Shown<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let lines: Vec<String> = [
            self.d.path.as_ref().map(|p| format!("field: {p}")),
            self.d.hint.clone(),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!lines.is_empty()).then(|| Box::new(lines.join("\n")) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.d.span.as_ref().map(|_| self as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.d.span.as_ref()?;
        let len = span.bytes.len();
        let label = LabeledSpan::new_primary_with_span(
            self.d.expected.clone(),
            SourceSpan::new(span.bytes.start.into(), len),
        );
        Some(Box::new(std::iter::once(label)))
    }
}

impl SourceCode for Shown<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let Some(file) = self.d.span.as_ref().map(|s| self.sources.get(s.file)) else {
            return Err(MietteError::OutOfBounds);
        };
        let (window, first_line) =
            file.lines_around(span.offset()..span.offset() + span.len(), before, after);
        let within = SourceSpan::new((span.offset() - window.start).into(), span.len());
        let inner = file.text[window.clone()].read_span(&within, before, after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            file.name.clone(),
            inner.data(),
            SourceSpan::new(
                (inner.span().offset() + window.start).into(),
                inner.span().len(),
            ),
            inner.line() + first_line,
            inner.column(),
            inner.line_count(),
        )))
    }
}
