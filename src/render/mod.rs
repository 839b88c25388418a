//! Stage 5, render: every planned output into bytes, in memory and in
//! parallel. Nothing here touches the file system (the theme and fonts were
//! read before); `write` stores the result.

pub mod engine;
pub mod markdown;
mod pages;
pub mod view;
mod xml;

use std::sync::Arc;

use rayon::prelude::*;

use crate::index::Site;
use crate::plan::{Job, Output};
use crate::theme::Theme;
use crate::write::File;
use engine::Locale;
use view::Views;

/// A template or generator failed; the message names the template, line
/// and column when tera knows them.
#[derive(Debug)]
pub struct RenderError {
    pub output: String,
    pub message: String,
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "while rendering {}:\n{}", self.output, self.message)
    }
}

/// Everything pages are rendered with, built once per build.
pub struct Renderer<'s, 'e> {
    site: &'s Site<'e>,
    theme: &'s Theme,
    tera: tera::Tera,
    views: Views<'s, 'e>,
    locale: Arc<Locale>,
}

impl<'s, 'e> Renderer<'s, 'e> {
    pub fn new(site: &'s Site<'e>, theme: &'s Theme) -> Result<Self, RenderError> {
        let event = site.event;
        let locale = Arc::new(Locale::new(
            &event.locale,
            event.calendar,
            theme.strings.clone(),
        ));
        let mut tera = engine::engine(theme, locale.clone()).map_err(|e| RenderError {
            output: "the theme's templates".into(),
            message: e.to_string(),
        })?;
        let views = Views::new(site);
        let globals = tera.global_context();
        globals.insert("lang", &event.locale.to_string());
        globals.insert("dir", event.direction.as_str());
        globals.insert("event", &views.event());
        globals.insert("week", &views.week());
        globals.insert("s", &theme.strings);
        globals.insert(
            "fonts",
            &theme.fonts.iter().any(|f| f.name.ends_with(".woff2")),
        );
        globals.insert("drafts", &site.with_drafts);
        Ok(Renderer {
            site,
            theme,
            tera,
            views,
            locale,
        })
    }

    /// Renders every output, in parallel; all failures are returned.
    pub fn render_all(&self, outputs: &[Output]) -> Result<Vec<File>, Vec<RenderError>> {
        let results: Vec<Result<File, RenderError>> =
            outputs.par_iter().map(|o| self.render(o)).collect();
        let mut files = Vec::with_capacity(results.len());
        let mut errors = Vec::new();
        for r in results {
            match r {
                Ok(f) => files.push(f),
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(files)
        } else {
            Err(errors)
        }
    }

    pub fn render(&self, output: &Output) -> Result<File, RenderError> {
        let fail = |message: String| RenderError {
            output: output.path.clone(),
            message,
        };
        let bytes = match &output.job {
            Job::Page(page) => pages::render(self, *page)
                .map_err(|e| fail(e.to_string()))?
                .into_bytes(),
            Job::Asset(name) => self.theme.assets[name].clone(),
            Job::Copy(path) => std::fs::read(path)
                .map_err(|e| fail(format!("cannot read {}: {e}", path.display())))?,
            Job::FontFaces => xml::font_faces(self.theme).into_bytes(),
            Job::Sitemap => xml::sitemap(self.site).into_bytes(),
            Job::Robots => xml::robots(self.site).into_bytes(),
        };
        Ok(File {
            path: output.path.clone(),
            bytes,
        })
    }
}
