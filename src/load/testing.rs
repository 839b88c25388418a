//! Events for unit tests: the fixture sites of `tests/fixtures/`, loaded as
//! they are or changed in a few places first.

use std::path::{Path, PathBuf};

use crate::model::Event;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A fixture site's event, which must load without errors.
pub fn event(name: &str) -> Event {
    edited(name, &[])
}

/// A fixture site's event after `edits`: (file under the site, text that
/// occurs exactly once, its replacement).
pub fn edited(name: &str, edits: &[(&str, &str, &str)]) -> Event {
    let dir = tempfile::tempdir().unwrap();
    copy(&fixture(name), dir.path());
    for (file, find, replace) in edits {
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.matches(find).count(), 1, "{find:?} in {file}");
        std::fs::write(&path, text.replacen(find, replace, 1)).unwrap();
    }
    let loaded = super::load(dir.path()).unwrap();
    match loaded.result {
        Ok(event) => event,
        Err(errors) => panic!("{name} does not load: {errors:?}"),
    }
}
