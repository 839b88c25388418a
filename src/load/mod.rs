//! Stage 1, load: `content/` into the frozen [`Event`].
//!
//! Reads `content/event.yaml` and every `content/programs/*.yaml`, parses
//! them into the raw layer ([`raw`]) and resolves that into the model
//! ([`resolve`], [`programme`]). Every mistake of every file is collected;
//! the event is returned only when there is none.

mod event;
mod media;
mod outcome;
mod programme;
pub mod raw;
mod resolve;
#[cfg(test)]
pub mod testing;
mod yaml;

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{self, Diagnostic};
use crate::model::Event;
use crate::source::{ContentDir, Memo, SourceFile, SourceId, Sources, Span};
use raw::{RawEvent, RawProgrammeFile};
use resolve::Problems;

pub use event::base_url;
pub use media::MEDIA_EXTENSIONS;
pub use programme::MAX_CAPTION_CHARS;
pub use resolve::is_valid_id;

/// What loading produced: the files read (for showing diagnostics) and
/// either the event or every mistake found.
pub struct Loaded {
    pub sources: Sources,
    pub result: Result<Event, Vec<Diagnostic>>,
}

/// A problem with the site folder itself rather than its content.
#[derive(Debug)]
pub enum SiteError {
    /// `--root` is not a folder.
    NotAFolder(PathBuf),
    /// The folder has no `content/event.yaml`.
    NoEvent(PathBuf),
    /// The folder cannot be opened.
    Unopenable(PathBuf, std::io::Error),
    /// `content/programs/` cannot be listed.
    Unlistable(PathBuf, std::io::Error),
}

impl std::fmt::Display for SiteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SiteError::NotAFolder(root) => write!(f, "{} is not a folder", root.display()),
            SiteError::NoEvent(root) => write!(
                f,
                "{} has no content/event.yaml; is this a rooz site? (README.md shows the content format)",
                root.display()
            ),
            SiteError::Unopenable(root, e) => write!(f, "cannot open {}: {e}", root.display()),
            SiteError::Unlistable(dir, e) => write!(f, "cannot list {}: {e}", dir.display()),
        }
    }
}

impl std::error::Error for SiteError {}

/// What the command line says over the content.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// `--as-of`: over `reporting.as_of`, in the event's calendar.
    pub as_of: Option<String>,
}

/// Loads the site at `root`.
pub fn load(root: &Path) -> Result<Loaded, SiteError> {
    load_with(root, &Memo::passing(), &Overrides::default())
}

/// Loads the site at `root`, reading files through `memo` (which `rooz
/// serve` keeps between rebuilds). Long because it is the whole of
/// loading in order: read, parse in parallel, resolve, sort the mistakes.
pub fn load_with(root: &Path, memo: &Memo, options: &Overrides) -> Result<Loaded, SiteError> {
    if !root.is_dir() {
        return Err(SiteError::NotAFolder(root.to_path_buf()));
    }
    let content = root.join("content");
    let event_path = content.join("event.yaml");
    if !event_path.is_file() {
        return Err(SiteError::NoEvent(root.to_path_buf()));
    }
    let root_real = root
        .canonicalize()
        .map_err(|e| SiteError::Unopenable(root.to_path_buf(), e))?;

    let mut sources = Sources::default();
    let mut problems = Problems::default();

    let event_file = read(
        &mut sources,
        &mut problems,
        (&root_real, root, memo),
        &event_path,
    );
    let programme_paths = programme_files(&content)?;
    let programme_files: Vec<(SourceId, String)> = programme_paths
        .iter()
        .filter_map(|p| {
            let stem = p.file_stem()?.to_string_lossy().into_owned();
            read(&mut sources, &mut problems, (&root_real, root, memo), p).map(|id| (id, stem))
        })
        .collect();

    // Parse every file in parallel; each keeps its own thread-local context.
    let raw_event = event_file.map(|id| yaml::parse_document::<RawEvent>(sources.get(id), id));
    let raw_programmes: Vec<_> = programme_files
        .par_iter()
        .map(|(id, stem)| {
            (
                *id,
                stem.clone(),
                yaml::parse_document::<RawProgrammeFile>(sources.get(*id), *id),
            )
        })
        .collect();

    let mut parsed_programmes = Vec::new();
    for (source, stem, parsed) in raw_programmes {
        match parsed {
            Ok(raw) => parsed_programmes.push(programme::ProgrammeFile { source, stem, raw }),
            Err(errors) => problems.0.extend(errors),
        }
    }

    let event = match raw_event {
        Some(Ok(raw)) => event::event(raw, options.as_of.as_deref(), &mut problems),
        Some(Err(errors)) => {
            problems.0.extend(errors);
            None
        }
        None => None,
    };
    let event = event.map(|(mut event, names)| {
        event.programmes = programme::programmes(
            parsed_programmes,
            &names,
            ContentDir {
                path: &content,
                memo,
            },
            &sources,
            &mut problems,
        );
        event
    });

    let mut errors = problems.0;
    diagnostic::sort(&mut errors, &sources);
    let result = match event {
        Some(event) if errors.is_empty() => Ok(event),
        _ => Err(errors),
    };
    Ok(Loaded { sources, result })
}

/// `content/programs/*.yaml` (and `.yml`), sorted by name.
fn programme_files(content: &Path) -> Result<Vec<PathBuf>, SiteError> {
    let dir = content.join("programs");
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let entries = fs::read_dir(&dir).map_err(|e| SiteError::Unlistable(dir.clone(), e))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    files.sort();
    Ok(files)
}

/// Reads one content file into `sources`; a file that cannot be used is
/// added anyway (with what could be read of it) so its error can point at it.
fn read(
    sources: &mut Sources,
    problems: &mut Problems,
    (root_real, root, memo): (&Path, &Path, &Memo),
    path: &Path,
) -> Option<SourceId> {
    let name = path
        .strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    match read_text(root_real, path, memo) {
        Ok(text) => Some(sources.add(SourceFile::new(name, text))),
        Err(unusable) => {
            let Unusable { problem, text, at } = *unusable;
            let id = sources.add(SourceFile::new(name, text));
            problems.push(problem.at(Span {
                file: id,
                bytes: at..at,
            }));
            None
        }
    }
}

/// Why a content file cannot be used, what of it can be shown, and where.
struct Unusable {
    problem: Diagnostic,
    text: String,
    at: usize,
}

/// The text of a content file: inside the site, not too large, UTF-8.
fn read_text(root_real: &Path, path: &Path, memo: &Memo) -> Result<String, Box<Unusable>> {
    let whole_file = |problem: Diagnostic| {
        Box::new(Unusable {
            problem,
            text: String::new(),
            at: 0,
        })
    };
    let unreadable = |e: std::io::Error| {
        whole_file(Diagnostic::error(
            "unreadable",
            format!("cannot read the file: {e}"),
        ))
    };
    let real = path.canonicalize().map_err(unreadable)?;
    if !real.starts_with(root_real) {
        return Err(whole_file(
            Diagnostic::error(
                "unsafe-path",
                "this file is a link to somewhere outside the site folder",
            )
            .expected("a regular file inside the site folder"),
        ));
    }
    let meta = fs::metadata(&real).map_err(unreadable)?;
    if !meta.is_file() {
        // A folder or a named pipe: reading a pipe would wait forever.
        return Err(whole_file(
            Diagnostic::error("not-a-file", "this is not a regular file")
                .expected("a YAML text file (not a folder, pipe or device)"),
        ));
    }
    let size = meta.len();
    if size > yaml::MAX_FILE_BYTES as u64 {
        return Err(whole_file(
            Diagnostic::error(
                "file-too-large",
                format!("the file is {} MiB", size / (1024 * 1024)),
            )
            .expected(format!(
                "a content file of at most {} MiB",
                yaml::MAX_FILE_BYTES / (1024 * 1024)
            )),
        ));
    }
    let bytes = memo.read(&real).map_err(unreadable)?.to_vec();
    String::from_utf8(bytes).map_err(|e| {
        Box::new(Unusable {
            at: e.utf8_error().valid_up_to(),
            text: String::from_utf8_lossy(e.as_bytes()).into_owned(),
            problem: Diagnostic::error("not-utf8", "the file is not UTF-8 text")
                .expected("UTF-8; save the file as UTF-8 in your editor"),
        })
    })
}
