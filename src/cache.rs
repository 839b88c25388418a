//! The build cache: rendered share cards and PDFs, kept by a hash of
//! everything that went into them, in `<site>/.rooz-cache/` (outside the
//! output folder, git-ignored).
//!
//! A rebuild with nothing changed renders nothing: each cached file is
//! hard-linked into the new output, so its bytes (and its inode) stay the
//! same. This module owns the cache folder; `write` owns the output.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use sha2::{Digest, Sha256};

/// Bumped when rooz's own rendering changes in ways the inputs don't show.
const VERSION: &str = concat!("rooz ", env!("CARGO_PKG_VERSION"), " cache 1");

pub struct Cache {
    dir: PathBuf,
    pub hits: AtomicUsize,
    pub misses: AtomicUsize,
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

impl Cache {
    pub fn new(dir: PathBuf) -> Cache {
        Cache {
            dir,
            hits: AtomicUsize::new(0),
            misses: AtomicUsize::new(0),
        }
    }

    fn path(&self, key: &str, extension: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(format!("{key}.{extension}"))
    }

    /// The cached file for `key`, or the result of `make` stored under it.
    /// A cache that cannot be written is not an error: the bytes are
    /// returned and the next build renders again.
    pub fn get_or_make(
        &self,
        key: &str,
        extension: &str,
        make: impl FnOnce() -> Result<Vec<u8>, String>,
    ) -> Result<Cached, String> {
        let path = self.path(key, extension);
        if path.is_file() {
            self.hits.fetch_add(1, Ordering::Relaxed);
            return Ok(Cached::File(path));
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        let bytes = make()?;
        Ok(match store(&path, &bytes) {
            Ok(()) => Cached::File(path),
            Err(_) => Cached::Bytes(bytes),
        })
    }
}

/// Where a cached result lives.
pub enum Cached {
    File(PathBuf),
    Bytes(Vec<u8>),
}

impl Cached {
    pub fn read(&self) -> Result<Vec<u8>, String> {
        match self {
            Cached::File(p) => fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display())),
            Cached::Bytes(b) => Ok(b.clone()),
        }
    }
}

fn store(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().expect("cache paths have a folder");
    fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".{}.tmp", std::process::id()));
    fs::write(&tmp, bytes)?;
    fs::rename(&tmp, path)
}
