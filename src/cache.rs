//! The build cache: rendered share cards and PDFs, kept by a hash of
//! everything that went into them, in `<site>/.rooz-cache/` (outside the
//! output folder, git-ignored).
//!
//! A rebuild with nothing changed renders nothing: each cached file is
//! hard-linked into the new output, so its bytes (and its inode) stay the
//! same. This module owns the cache folder; `write` owns the output.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use sha2::{Digest, Sha256};

/// What an output file holds: bytes made by this build, or a file of the
/// cache, hard-linked into the output (copied when linking is not
/// possible), so an unchanged card keeps its bytes and inode.
#[derive(Debug, Clone)]
pub enum Content {
    Bytes(Vec<u8>),
    Cached(PathBuf),
}

impl Content {
    /// The bytes, reading a cached file.
    pub fn read(&self) -> Result<Vec<u8>, String> {
        match self {
            Content::Bytes(b) => Ok(b.clone()),
            Content::Cached(p) => {
                fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()))
            }
        }
    }
}

/// Bumped when rooz's own rendering changes in ways the inputs don't show.
const VERSION: &str = concat!("rooz ", env!("CARGO_PKG_VERSION"), " cache 1");

pub struct Cache {
    dir: PathBuf,
    pub hits: AtomicUsize,
    pub misses: AtomicUsize,
    /// What typesetting warned about (text that did not fit…), for this
    /// build's files whether made now or taken from the cache.
    pub warnings: Mutex<Vec<String>>,
    /// Set for a build that puts its pages first (`rooz serve`): a file
    /// not in the cache is carried over from this folder (the output as
    /// it is) instead of being typeset now, and its output path noted in
    /// `carried`, for a full build to make.
    carry: Option<PathBuf>,
    pub carried: Mutex<Vec<String>>,
}

/// A cache key: the hash of every input, in order.
pub fn key(parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    h.update(VERSION.as_bytes());
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Where a site's build cache is: `<site>/.rooz-cache/`, unless the output
/// is on another file system (a tmpfs, another disk), where hard links from
/// the site cannot reach: then beside the output, as
/// `.<output>.rooz-cache/`, so unchanged files are still linked, not
/// copied.
pub fn location(site: &Path, output: &Path) -> PathBuf {
    let own = site.join(".rooz-cache");
    let output_parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if same_device(site, &output_parent) {
        return own;
    }
    let name = output
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    output_parent.join(format!(".{name}.rooz-cache"))
}

#[cfg(unix)]
fn same_device(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev(),
        // Not there yet: the site's own cache.
        _ => true,
    }
}

#[cfg(not(unix))]
fn same_device(_: &Path, _: &Path) -> bool {
    true
}

impl Cache {
    pub fn new(dir: PathBuf) -> Cache {
        Cache {
            dir,
            hits: AtomicUsize::new(0),
            misses: AtomicUsize::new(0),
            warnings: Mutex::new(Vec::new()),
            carry: None,
            carried: Mutex::new(Vec::new()),
        }
    }

    /// This cache, carrying files it lacks over from `output` (see
    /// `carry`).
    pub fn carrying(self, output: PathBuf) -> Cache {
        Cache {
            carry: Some(output),
            ..self
        }
    }

    fn path(&self, key: &str, extension: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(format!("{key}.{extension}"))
    }

    /// The cached file for `key`, or the result of `make` stored under it.
    /// `make` returns the bytes and its warnings, which are kept beside the
    /// file so a rebuild reports them again. A cache that cannot be written
    /// is not an error: the bytes are returned and the next build renders
    /// again. `label` is the output's path (warnings name it; a carrying
    /// cache takes the output's current file of that path).
    pub fn get_or_make(
        &self,
        key: &str,
        extension: &str,
        label: &str,
        make: impl FnOnce() -> Result<(Vec<u8>, Vec<String>), String>,
    ) -> Result<Content, String> {
        let path = self.path(key, extension);
        let notes = path.with_extension(format!("{extension}.warnings"));
        if path.is_file() {
            self.hits.fetch_add(1, Ordering::Relaxed);
            if let Ok(text) = fs::read_to_string(&notes) {
                self.warn(label, text.lines().map(str::to_string).collect());
            }
            return Ok(Content::Cached(path));
        }
        if let Some(old) = self.carry.as_ref().map(|dir| dir.join(label))
            && old.is_file()
        {
            let mut carried = self.carried.lock().unwrap_or_else(|e| e.into_inner());
            carried.push(label.to_string());
            return Ok(Content::Cached(old));
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        let (bytes, warnings) = make()?;
        if !warnings.is_empty() {
            let _ = store(&notes, warnings.join("\n").as_bytes());
        }
        self.warn(label, warnings);
        Ok(match store(&path, &bytes) {
            Ok(()) => Content::Cached(path),
            Err(_) => Content::Bytes(bytes),
        })
    }

    fn warn(&self, label: &str, warnings: Vec<String>) {
        if warnings.is_empty() {
            return;
        }
        let mut all = self.warnings.lock().unwrap_or_else(|e| e.into_inner());
        all.extend(warnings.into_iter().map(|w| format!("{label}: {w}")));
    }
}

fn store(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().expect("cache paths have a folder");
    fs::create_dir_all(dir)?;
    // Unique per file, process and thread: renders run in parallel, and two
    // of them must never share a temporary file.
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(
        ".{name}.{}.{:?}.tmp",
        std::process::id(),
        std::thread::current().id()
    ));
    fs::write(&tmp, bytes)?;
    fs::rename(&tmp, path)
}
