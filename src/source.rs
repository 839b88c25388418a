//! The content files as read from disk, and positions inside them.
//!
//! Every diagnostic and finding points into a [`SourceFile`] through a
//! [`Span`]; line and column are computed only when a message is shown, so
//! the model carries two integers per position instead of strings.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// Index of a file in [`Sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceId(u32);

/// A byte range in one content file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Span {
    pub file: SourceId,
    pub bytes: Range<usize>,
}

impl Ord for Span {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.file, self.bytes.start, self.bytes.end).cmp(&(
            other.file,
            other.bytes.start,
            other.bytes.end,
        ))
    }
}

impl PartialOrd for Span {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// One content file: its path relative to the site root (always with `/`)
/// and its text (lossily decoded when the file is not UTF-8, so that a
/// snippet can still be shown).
#[derive(Debug)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, column + 1)
    }

    /// The whole lines around `bytes`, `before` lines above and `after`
    /// below (as far as the file goes): their byte range and the 0-based
    /// index of the first. A snippet is cut from these lines alone, so
    /// showing thousands of them in a large file is not quadratic.
    pub fn lines_around(
        &self,
        bytes: std::ops::Range<usize>,
        before: usize,
        after: usize,
    ) -> (std::ops::Range<usize>, usize) {
        let line_of = |offset: usize| {
            self.line_starts
                .partition_point(|&s| s <= offset.min(self.text.len()))
                - 1
        };
        let first = line_of(bytes.start).saturating_sub(before);
        let last = line_of(bytes.end) + after;
        let end = self
            .line_starts
            .get(last + 1)
            .copied()
            .unwrap_or(self.text.len());
        (self.line_starts[first]..end, first)
    }
}

/// Every file read in one run. Append-only while loading, read-only after.
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    pub fn add(&mut self, file: SourceFile) -> SourceId {
        self.files.push(file);
        SourceId(u32::try_from(self.files.len() - 1).expect("fewer than 4 billion files"))
    }

    pub fn get(&self, id: SourceId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// Line and column of the start of a span.
    pub fn position(&self, span: &Span) -> (usize, usize) {
        self.get(span.file).line_column(span.bytes.start)
    }
}

/// Files read (and checked) before, kept while they do not change: `rooz
/// serve` rebuilds after an edit re-read only the edited file. A file
/// counts as unchanged while its size, modification and change times and
/// inode are. A
/// one-shot build uses [`Memo::passing`], which keeps nothing.
#[derive(Default)]
pub struct Memo {
    keep: bool,
    files: Mutex<HashMap<PathBuf, Read>>,
    checks: Mutex<HashMap<(PathBuf, &'static str), Checked>>,
}

/// A file's bytes, as they were when stamped.
type Read = (Stamp, Arc<[u8]>);
/// A check's outcome on a file, as it was when stamped.
type Checked = (Stamp, Result<(), String>);

/// The `content/` folder, and the memo its files are read through.
#[derive(Clone, Copy)]
pub struct ContentDir<'a> {
    pub path: &'a Path,
    pub memo: &'a Memo,
}

/// What tells a changed file from an unchanged one.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Stamp(u64, Option<SystemTime>, (u64, i64, i64));

fn stamp(path: &Path) -> std::io::Result<Stamp> {
    let meta = std::fs::metadata(path)?;
    Ok(Stamp(meta.len(), meta.modified().ok(), identity(&meta)))
}

/// The inode and the change time (which every write moves, to the
/// nanosecond), where the system has them.
#[cfg(unix)]
fn identity(meta: &std::fs::Metadata) -> (u64, i64, i64) {
    use std::os::unix::fs::MetadataExt;
    (meta.ino(), meta.ctime(), meta.ctime_nsec())
}

#[cfg(not(unix))]
fn identity(_: &std::fs::Metadata) -> (u64, i64, i64) {
    (0, 0, 0)
}

impl Memo {
    /// A memo that remembers across builds.
    pub fn keeping() -> Memo {
        Memo {
            keep: true,
            ..Memo::default()
        }
    }

    /// A memo that reads every time (one build reads each file once).
    pub fn passing() -> Memo {
        Memo::default()
    }

    /// The bytes of a file: remembered ones while the file is unchanged.
    pub fn read(&self, path: &Path) -> std::io::Result<Arc<[u8]>> {
        if !self.keep {
            return std::fs::read(path).map(Arc::from);
        }
        let now = stamp(path)?;
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((was, bytes)) = files.get(path)
            && *was == now
        {
            return Ok(bytes.clone());
        }
        let bytes: Arc<[u8]> = std::fs::read(path)?.into();
        files.insert(path.to_path_buf(), (now, bytes.clone()));
        Ok(bytes)
    }

    /// The outcome of checking a file (`what` names the check: decoding a
    /// photo…), remembered while the file is unchanged.
    pub fn check(
        &self,
        path: &Path,
        what: &'static str,
        check: impl FnOnce() -> Result<(), String>,
    ) -> Result<(), String> {
        let Some(now) = self.keep.then(|| stamp(path).ok()).flatten() else {
            return check();
        };
        let key = (path.to_path_buf(), what);
        if let Some((was, outcome)) = self
            .checks
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
            && *was == now
        {
            return outcome.clone();
        }
        let outcome = check();
        self.checks
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, (now, outcome.clone()));
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let f = SourceFile::new("a.yaml", "ab\nعنوان: x\n".to_string());
        assert_eq!(f.line_column(0), (1, 1));
        assert_eq!(f.line_column(3), (2, 1));
        let colon = f.text.find(':').unwrap();
        assert_eq!(f.line_column(colon), (2, 6));
    }

    #[test]
    fn a_kept_file_is_read_again_only_when_it_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        std::fs::write(&path, "one").unwrap();
        let memo = Memo::keeping();
        assert_eq!(&*memo.read(&path).unwrap(), b"one");
        let mut checked = 0;
        for _ in 0..2 {
            memo.check(&path, "count", || {
                checked += 1;
                Ok(())
            })
            .unwrap();
        }
        assert_eq!(checked, 1);
        std::fs::write(&path, "three").unwrap();
        assert_eq!(&*memo.read(&path).unwrap(), b"three");
        memo.check(&path, "count", || {
            checked += 1;
            Ok(())
        })
        .unwrap();
        assert_eq!(checked, 2);
    }
}
