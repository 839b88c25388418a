//! `rooz new DIR`: a small starter event (three days, three headquarters,
//! two strata, two counties, six programmes, a highlight, a central
//! programme per stratum) in Persian or English, every key commented. It
//! passes `rooz check` with no finding and builds at once
//! (`tests/starter.rs`). The files are `starters/<locale>/` of this
//! repository, built into the binary.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::columns::Language;

/// Each starter's files: path under the new folder, and text.
const FA: &[(&str, &str)] = &[
    (
        "content/event.yaml",
        include_str!("../starters/fa/content/event.yaml"),
    ),
    (
        "content/programs/students.yaml",
        include_str!("../starters/fa/content/programs/students.yaml"),
    ),
    (
        "content/programs/neighbourhoods.yaml",
        include_str!("../starters/fa/content/programs/neighbourhoods.yaml"),
    ),
];

const EN: &[(&str, &str)] = &[
    (
        "content/event.yaml",
        include_str!("../starters/en/content/event.yaml"),
    ),
    (
        "content/programs/students.yaml",
        include_str!("../starters/en/content/programs/students.yaml"),
    ),
    (
        "content/programs/neighbourhoods.yaml",
        include_str!("../starters/en/content/programs/neighbourhoods.yaml"),
    ),
];

/// What the new folder's version control should leave out.
const GITIGNORE: &str = "output/\n.rooz-cache/\n";

#[derive(Debug)]
pub enum NewError {
    /// The folder exists and is not empty.
    NotEmpty(PathBuf),
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for NewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NewError::NotEmpty(dir) => write!(
                f,
                "{} is not empty; rooz new writes only into a new or empty folder",
                dir.display()
            ),
            NewError::Io(path, e) => write!(f, "{}: {e}", path.display()),
        }
    }
}

/// Writes the starter event into `dir` (new or empty); returns the files.
pub fn create(dir: &Path, language: Language) -> Result<Vec<PathBuf>, NewError> {
    match fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(NewError::NotEmpty(dir.to_path_buf()));
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(NewError::Io(dir.to_path_buf(), e)),
    }
    let files = match language {
        Language::Persian => FA,
        Language::English => EN,
    };
    let mut written = Vec::new();
    for (path, text) in files.iter().copied().chain([(".gitignore", GITIGNORE)]) {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| NewError::Io(parent.to_path_buf(), e))?;
        }
        fs::write(&target, text).map_err(|e| NewError::Io(target.clone(), e))?;
        written.push(target);
    }
    Ok(written)
}
