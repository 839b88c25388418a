//! A build that dies loses nothing: `rooz build` killed with SIGKILL at 25
//! moments leaves the output folder either the complete previous site or
//! the complete new one, byte for byte, and the next build succeeds and
//! removes what the dead one left beside it. A full disk and a read-only
//! output folder give a clear error and leave the old site as it was.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// Every file under `dir`, by relative path, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, into: &mut BTreeMap<PathBuf, Vec<u8>>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, into);
            } else {
                let relative = path.strip_prefix(root).unwrap().to_path_buf();
                into.insert(relative, fs::read(&path).unwrap());
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(dir, dir, &mut files);
    files
}

/// The temporary folders builds left beside `out` (`.out.rooz-new-…`,
/// `.out.rooz-old-…`; the cache `.out.rooz-cache` is meant to stay).
fn leftovers(out: &Path) -> Vec<String> {
    let name = out.file_name().unwrap().to_string_lossy();
    let temporary = [format!(".{name}.rooz-new-"), format!(".{name}.rooz-old-")];
    fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| temporary.iter().any(|t| n.starts_with(t)))
        .collect()
}

fn build_command(site: &Path, out: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rooz"));
    command
        .args(["build", "--quiet", "--root"])
        .arg(site)
        .arg("--output")
        .arg(out)
        .env("NO_COLOR", "1")
        .env("ROOZ_FONTS", "/nonexistent/rooz-fonts")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// A build to the end, which must succeed.
fn build(site: &Path, out: &Path) {
    let done = build_command(site, out).output().unwrap();
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
}

/// The fixture in two versions that differ in a title (so pages, cards,
/// PDFs, feeds and the search index all change).
struct Versions {
    site: tempfile::TempDir,
    programmes: PathBuf,
    texts: [String; 2],
}

impl Versions {
    fn new() -> Versions {
        let site = common::site("base-fa");
        let programmes = site.path().join("content/programs/teachers.yaml");
        let first = fs::read_to_string(&programmes).unwrap();
        let second = first.replace("همایش فرهنگیان", "همایش بزرگ فرهنگیان");
        assert_ne!(first, second);
        Versions {
            site,
            programmes,
            texts: [first, second],
        }
    }

    fn set(&self, version: usize) {
        fs::write(&self.programmes, &self.texts[version]).unwrap();
    }
}

/// A small deterministic generator for the moments (no dependency).
struct Moments(u64);

impl Moments {
    /// A fraction in [0, 1).
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one() {
    let versions = Versions::new();
    let site = versions.site.path();
    let out = site.join("out");

    // Both complete outputs, and how long a build takes.
    versions.set(1);
    build(site, &out);
    let mut sites = [BTreeMap::new(), snapshot(&out)];
    versions.set(0);
    build(site, &out);
    sites[0] = snapshot(&out);
    assert_ne!(sites[0], sites[1]);
    // The rounds' builds find their cards and PDFs cached: time those.
    let took = (0..4)
        .map(|i| {
            versions.set(1 - i % 2);
            let started = Instant::now();
            build(site, &out);
            started.elapsed()
        })
        .min()
        .unwrap();
    assert_eq!(snapshot(&out), sites[0]);

    let mut moments = Moments(0x1405_0829_dead_beef);
    let mut landed = [0usize; 2];
    // Rounds whose dead build left a temporary folder for the next to remove.
    let mut left_behind = 0;
    let mut current = 0;
    for round in 0..25 {
        let next = 1 - current;
        versions.set(next);
        // Fifteen moments over the whole build, ten around its end (the
        // last files, the swap and the clean-up).
        let fraction = if round < 15 {
            moments.next()
        } else {
            0.85 + 0.25 * moments.next()
        };
        let mut child = build_command(site, &out).spawn().unwrap();
        std::thread::sleep(took.mul_f64(fraction));
        child.kill().unwrap();
        child.wait().unwrap();

        let after = snapshot(&out);
        let state = sites.iter().position(|s| *s == after).unwrap_or_else(|| {
            let (old, new) = (&sites[current], &sites[next]);
            let differ: Vec<_> = after
                .keys()
                .chain(new.keys())
                .filter(|k| after.get(*k) != new.get(*k) && after.get(*k) != old.get(*k))
                .take(5)
                .collect();
            panic!(
                "round {round}, killed at {fraction:.2} of {took:?}: the output is neither \
                 site; first files that differ: {differ:?}"
            )
        });
        landed[usize::from(state == next)] += 1;
        left_behind += usize::from(!leftovers(&out).is_empty());

        // The next build finishes, with the new site and nothing left over.
        build(site, &out);
        assert_eq!(snapshot(&out), sites[next], "round {round}: the next build");
        assert_eq!(leftovers(&out), Vec::<String>::new(), "round {round}");
        current = next;
    }
    // The moments reached both sides of the swap.
    eprintln!(
        "a build takes {took:?}; killed {} times before the swap, {} after; \
         {left_behind} left a temporary folder",
        landed[0], landed[1]
    );
    assert!(
        landed[0] > 0 && landed[1] > 0 && left_behind > 0,
        "killed {} times before the swap and {} after; {left_behind} left a folder",
        landed[0],
        landed[1]
    );
}

/// A tmpfs of `size` mounted at `at`, unmounted when dropped.
struct Mount(PathBuf);

impl Mount {
    fn tmpfs(at: &Path, size: &str) -> Mount {
        fs::create_dir_all(at).unwrap();
        let done = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .output()
            .unwrap();
        assert!(
            done.status.success(),
            "this test mounts a small tmpfs (run it as root): {}",
            String::from_utf8_lossy(&done.stderr)
        );
        Mount(at.to_path_buf())
    }

    fn remount(&self, options: &str) {
        let done = Command::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(&self.0)
            .output()
            .unwrap();
        assert!(
            done.status.success(),
            "{}",
            String::from_utf8_lossy(&done.stderr)
        );
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// A failed build's stderr, which must name the folder and the reason.
fn failed_build(site: &Path, out: &Path) -> String {
    let done = build_command(site, out).output().unwrap();
    let stderr = String::from_utf8_lossy(&done.stderr).into_owned();
    assert_eq!(done.status.code(), Some(1), "{stderr}");
    stderr
}

#[test]
fn a_full_disk_and_a_read_only_folder_leave_the_old_site() {
    let versions = Versions::new();
    let site = versions.site.path();
    let disk = Mount::tmpfs(&site.join("disk"), "64m");
    let out = disk.0.join("out");
    build(site, &out);
    let old = snapshot(&out);

    // Fill the disk to the last byte, then build the other version.
    versions.set(1);
    let filler = disk.0.join("filler");
    let mut file = fs::File::create(&filler).unwrap();
    let block = vec![7u8; 1 << 16];
    while std::io::Write::write_all(&mut file, &block).is_ok() {}
    let mut byte = 1;
    while std::io::Write::write_all(&mut file, &block[..byte]).is_ok() {
        byte = 1.max(byte / 2);
    }
    drop(file);
    let stderr = failed_build(site, &out);
    assert!(
        stderr.contains("No space left on device") && stderr.contains(&*disk.0.to_string_lossy()),
        "the error names the disk and the reason: {stderr}"
    );
    assert_eq!(snapshot(&out), old, "the old site is intact");
    assert_eq!(leftovers(&out), Vec::<String>::new(), "{stderr}");

    // Read-only: the same.
    fs::remove_file(&filler).unwrap();
    disk.remount("ro");
    let stderr = failed_build(site, &out);
    assert!(
        stderr.contains("Read-only file system"),
        "the error says why: {stderr}"
    );
    assert_eq!(snapshot(&out), old, "the old site is intact");

    // Space and writing back: the build goes through.
    disk.remount("rw");
    build(site, &out);
    assert_ne!(snapshot(&out), old);
    assert_eq!(leftovers(&out), Vec::<String>::new());
}
