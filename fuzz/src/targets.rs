//! The fuzz targets: each takes any bytes and asserts what must hold for
//! every input. libFuzzer drives them (`fuzz/fuzz_targets/`, run with
//! `scripts/fuzz TARGET SECONDS`) and the test suite replays the kept
//! corpus through the same functions (`tests/fuzz_corpus.rs`), so a
//! finding stays fixed.
//!
//! A panic anywhere (rooz's or an assertion here) is a finding.
#![allow(dead_code)] // each fuzz binary uses one target

use std::fs;
use std::path::{Path, PathBuf};

use rooz::import::{ImportError, ImportOptions};
use rooz::serve::http;

/// A private copy of the base fixture, and a small output folder to
/// serve, made once per process and removed when dropped.
pub struct Scratch {
    root: PathBuf,
    /// The site's content files, as `(relative path, original bytes)`.
    content: Vec<(PathBuf, Vec<u8>)>,
}

impl Scratch {
    pub fn new() -> Scratch {
        let root = std::env::temp_dir().join(format!(
            "rooz-fuzz-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = fs::remove_dir_all(&root);
        let site = root.join("site");
        copy_tree(&fixture(), &site);
        let mut content = vec![PathBuf::from("content/event.yaml")];
        let mut programmes: Vec<PathBuf> = fs::read_dir(site.join("content/programs"))
            .unwrap()
            .map(|e| PathBuf::from("content/programs").join(e.unwrap().file_name()))
            .collect();
        programmes.sort();
        content.extend(programmes);
        let content = content
            .into_iter()
            .map(|p| {
                let bytes = fs::read(site.join(&p)).unwrap();
                (p, bytes)
            })
            .collect();
        make_output(&root);
        Scratch { root, content }
    }

    fn site(&self) -> PathBuf {
        self.root.join("site")
    }

    /// The output folder `resolve` serves (canonical, as `rooz serve`
    /// passes it).
    fn output(&self) -> PathBuf {
        self.root.join("output").canonicalize().unwrap()
    }

    fn restore(&self) {
        for (path, bytes) in &self.content {
            fs::write(self.site().join(path), bytes).unwrap();
        }
    }
}

impl Default for Scratch {
    fn default() -> Self {
        Scratch::new()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

/// `tests/fixtures/base-fa`, found from this crate or the main one.
fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|a| a.join("tests/fixtures/base-fa"))
        .find(|p| p.is_dir())
        .expect("tests/fixtures/base-fa above the crate")
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// An output folder with a page, a folder with its index, a folder
/// without one, a secret beside the folder and symlinks pointing out.
fn make_output(root: &Path) {
    let out = root.join("output");
    fs::create_dir_all(out.join("day/1")).unwrap();
    fs::create_dir_all(out.join("empty")).unwrap();
    fs::write(out.join("index.html"), "home").unwrap();
    fs::write(out.join("day/1/index.html"), "day").unwrap();
    fs::write(out.join("روز.html"), "fa").unwrap();
    fs::write(root.join("secret"), "secret").unwrap();
    std::os::unix::fs::symlink(root.join("secret"), out.join("leak")).unwrap();
    std::os::unix::fs::symlink(root, out.join("up")).unwrap();
    std::os::unix::fs::symlink("/etc", out.join("etc")).unwrap();
}

/// Bytes into one content file of the site (the first byte picks which),
/// then `rooz check`'s loading and review: never a panic, every error
/// placed in a file, and every diagnostic renders (text and JSON).
pub fn load(scratch: &Scratch, data: &[u8]) {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let (path, _) = &scratch.content[usize::from(pick) % scratch.content.len()];
    fs::write(scratch.site().join(path), bytes).unwrap();
    let checked = rooz::check_site(&scratch.site(), &Default::default())
        .expect("the site folder itself is fine");
    if let Err(errors) = &checked.outcome {
        assert!(!errors.is_empty(), "a failed load names its errors");
        for e in errors {
            assert!(e.span.is_some(), "no position for {e:?}");
            let _ = rooz::diagnostic::render(e, &checked.sources, rooz::diagnostic::Style::PLAIN);
            let _ = serde_json::to_string(&rooz::diagnostic::to_json(e, &checked.sources));
        }
    }
    scratch.restore();
}

/// Any text as a description: the HTML has no script, no event handler,
/// no style, no frame and no `javascript:`, `vbscript:` or `data:` link.
pub fn markdown(_: &Scratch, data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let html = rooz::render::markdown::to_html(text);
    if let Err(why) = inert(&html) {
        panic!("{why} in the HTML of {text:?}:\n{html}");
    }
    let _ = rooz::render::markdown::to_plain(text);
}

/// Why `html` (as ammonia serialises it: attributes double-quoted) could
/// run something, if it could.
pub fn inert(html: &str) -> Result<(), String> {
    const TAGS: &[&str] = &[
        "script", "style", "iframe", "frame", "object", "embed", "svg", "math", "form", "base",
        "link", "meta", "input", "button", "textarea", "template",
    ];
    const URL_ATTRIBUTES: &[&str] = &["href", "src", "action", "formaction", "xlink:href", "cite"];
    let lower = html.to_ascii_lowercase();
    let mut rest = lower.as_str();
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        let name_end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        if TAGS.contains(&name) {
            return Err(format!("a <{name}> element"));
        }
        rest = &rest[name_end..];
        // Attributes, up to the tag's end.
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
            if rest.is_empty() || rest.starts_with('>') {
                break;
            }
            let attr_end = rest
                .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '>')
                .unwrap_or(rest.len());
            let attribute = &rest[..attr_end];
            rest = &rest[attr_end..];
            if attribute.starts_with("on") || attribute == "style" || attribute == "srcdoc" {
                return Err(format!("a {attribute}= attribute"));
            }
            let Some(quoted) = rest.strip_prefix("=\"") else {
                continue;
            };
            let value_end = quoted.find('"').unwrap_or(quoted.len());
            let value = decode(&quoted[..value_end]);
            rest = quoted.get(value_end + 1..).unwrap_or_default();
            // As a browser's URL parser reads it: leading and trailing C0
            // controls and spaces trimmed, tabs and line ends removed
            // anywhere (a space inside stays: "javascr ipt:" is a path).
            // Lowered again after decoding: `&#x4a;` is `J`.
            let scheme: String = value
                .trim_matches(|c: char| c <= ' ')
                .chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .collect::<String>()
                .to_ascii_lowercase();
            if URL_ATTRIBUTES.contains(&attribute)
                && ["javascript:", "vbscript:", "data:"]
                    .iter()
                    .any(|s| scheme.starts_with(s))
            {
                return Err(format!("a {attribute}=\"{value}\" link"));
            }
        }
    }
    Ok(())
}

/// Character references in an attribute value decoded (the ones a
/// browser would decode before reading a URL's scheme).
fn decode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp + 1..];
        let end = rest.find(';').unwrap_or(rest.len());
        let reference = &rest[..end];
        let decoded = match reference {
            "amp" => Some('&'),
            "quot" => Some('"'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "colon" => Some(':'),
            "tab" => Some('\t'),
            "newline" => Some('\n'),
            r if r.starts_with("#x") => u32::from_str_radix(&r[2..], 16)
                .ok()
                .and_then(char::from_u32),
            r if r.starts_with('#') => r[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = rest.get(end + 1..).unwrap_or_default();
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    out
}

/// Bytes as a spreadsheet (the first byte picks CSV, `.xlsx` or `.ods`) imported
/// into the site's first stratum: never a panic, and what the importer
/// writes is always YAML the loader reads with the keys and types it
/// knows (the load-back may still refuse a value, never the format).
pub fn import(scratch: &Scratch, data: &[u8]) {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let file = scratch
        .root
        .join(["sheet.csv", "sheet.xlsx", "sheet.ods"][usize::from(pick) % 3]);
    fs::write(&file, bytes).unwrap();
    let (programmes, _) = &scratch.content[1];
    let stratum = programmes
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let result = rooz::import::import(&ImportOptions {
        root: scratch.site(),
        file,
        stratum,
        out: None,
        force: true,
    });
    match result {
        Err(ImportError::Invalid(_, diagnostics)) => {
            for d in &diagnostics {
                assert!(
                    !(d.code.starts_with("yaml-")
                        || ["unknown-key", "duplicate-key", "missing-key", "wrong-type"]
                            .contains(&d.code)),
                    "the importer wrote YAML its loader cannot read: {d:?}"
                );
            }
        }
        Err(ImportError::Site(e)) => panic!("the site folder itself is fine: {e}"),
        Err(ImportError::Content(_, d)) => panic!("the site loaded before the import: {d:?}"),
        _ => {}
    }
    scratch.restore();
}

/// Bytes as a request head; its target resolved in the output folder:
/// never a panic, and a resolved file is always a file inside the folder.
pub fn resolve(scratch: &Scratch, data: &[u8]) {
    let root = scratch.output();
    let target = match http::parse_head(data) {
        Ok(request) => request.target,
        Err(_) => String::from_utf8_lossy(data).into_owned(),
    };
    if let Ok(relative) = http::relative_path(&target) {
        assert!(
            relative
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_))),
            "{target:?} gave {relative:?}"
        );
    }
    if let Ok(file) = http::resolve(&root, &target) {
        assert!(
            file.starts_with(&root) && file.is_file(),
            "{target:?} resolved to {file:?}, outside {root:?}"
        );
        assert!(
            fs::read(&file).unwrap() != b"secret",
            "{target:?} reached the secret"
        );
    }
}
