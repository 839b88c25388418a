//! The shape of `src/`, checked: the pipeline's stages import only earlier
//! stages (no back-edges), no two modules import each other through any
//! path (no circles), and no function runs past ~80 lines without a
//! comment that says why.
//!
//! The scan is textual and simple on purpose: every `crate::…`, `super::…`
//! and child-module path in code (comments and strings aside) is an import
//! of the module it names.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The stages in pipeline order; a module may import its own stage and
/// earlier ones. The foundation (spans, diagnostics, dates, the model) is
/// shared by every stage.
const STAGES: &[&[&str]] = &[
    &[
        "source",
        "diagnostic",
        "calendar",
        "model",
        "columns",
        "spelling",
        "parallel",
    ],
    &["load"],
    &["import", "starter"],
    &["figures"],
    &["check"],
    &["report"],
    &["index"],
    &["theme"],
    &["plan"],
    &["cache"],
    &["render"],
    &["write"],
    &["console"],
    &["serve"],
];

/// Longest function allowed without a comment saying why.
const MAX_FUNCTION_LINES: usize = 80;
/// What such a comment starts with (in the function's doc or line comments).
const LONG_REASON: &str = "Long because";

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every module file of the library, by module path (`render::card`).
fn modules() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    collect(&src(), "", &mut out);
    out
}

fn collect(dir: &Path, prefix: &str, out: &mut BTreeMap<String, String>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            collect(&path, &format!("{prefix}{name}::"), out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let module = match name.as_str() {
                "lib" | "main" if prefix.is_empty() => continue,
                "mod" => prefix.trim_end_matches("::").to_string(),
                _ => format!("{prefix}{name}"),
            };
            let mut code = code_only(&fs::read_to_string(&path).unwrap());
            // Unit tests (`#[cfg(test)] mod tests`, at the end of a file)
            // may reach into their module with `super::`.
            if let Some(at) = code.find("#[cfg(test)]\nmod ") {
                code.truncate(at);
            }
            out.insert(module, code);
        }
    }
}

/// The source without comments, string and char literals (their text
/// could look like paths).
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && is_raw_start(&chars, i) {
            let mut hashes = 0;
            i += 1;
            while chars[i] == '#' {
                hashes += 1;
                i += 1;
            }
            i += 1;
            loop {
                if i >= chars.len() {
                    break;
                }
                if chars[i] == '"' && (0..hashes).all(|h| chars.get(i + 1 + h) == Some(&'#')) {
                    i += 1 + hashes;
                    break;
                }
                i += 1;
            }
            out.push_str("\"\"");
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && is_char_literal(&chars, i) {
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_raw_start(chars: &[char], i: usize) -> bool {
    let before_ok = i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
    let mut j = i + 1;
    while chars.get(j) == Some(&'#') {
        j += 1;
    }
    before_ok && chars.get(j) == Some(&'"')
}

/// `'a'`, `'\n'`, `'\u{200c}'` — not a lifetime (`'a`, `'static`).
fn is_char_literal(chars: &[char], i: usize) -> bool {
    match chars.get(i + 1) {
        Some('\\') => true,
        Some(_) => chars.get(i + 2) == Some(&'\''),
        None => false,
    }
}

/// The modules that `module`'s code refers to.
fn imports(module: &str, code: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let parent = module.rsplit_once("::").map_or("", |(p, _)| p);
    let children: Vec<&str> = known
        .iter()
        .filter_map(|m| m.strip_prefix(module)?.strip_prefix("::"))
        .filter(|rest| !rest.contains("::"))
        .collect();
    let mut out = BTreeSet::new();
    for path in paths(code) {
        let segments: Vec<&str> = path.split("::").collect();
        let absolute: Vec<String> = match segments[0] {
            "crate" => segments[1..].iter().map(|s| s.to_string()).collect(),
            "super" => {
                let mut base: Vec<String> = parent
                    .split("::")
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect();
                let mut rest = &segments[..];
                while rest.first() == Some(&"super") {
                    rest = &rest[1..];
                    if rest.first() == Some(&"super") {
                        base.pop();
                    }
                }
                base.extend(rest.iter().map(|s| s.to_string()));
                base
            }
            "self" => module
                .split("::")
                .map(str::to_string)
                .chain(segments[1..].iter().map(|s| s.to_string()))
                .collect(),
            first if children.contains(&first) => module
                .split("::")
                .map(str::to_string)
                .chain(segments.iter().map(|s| s.to_string()))
                .collect(),
            _ => continue,
        };
        // The longest prefix that is a module.
        let target = (1..=absolute.len())
            .rev()
            .map(|n| absolute[..n].join("::"))
            .find(|m| known.contains(m));
        if let Some(target) = target
            && target != module
        {
            out.insert(target);
        }
    }
    out
}

/// Every path in the code that starts with an identifier followed by `::`,
/// with `use` groups (`crate::{a::X, b::{c::Y}}`) expanded.
fn paths(code: &str) -> Vec<String> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_word = chars[i].is_ascii_alphabetic()
            && (i == 0 || !(chars[i - 1].is_alphanumeric() || matches!(chars[i - 1], '_' | ':')));
        if !starts_word {
            i += 1;
            continue;
        }
        let (path, end) = read_path(&chars, i);
        if path.contains("::") {
            if path.ends_with("::") && chars.get(end) == Some(&'{') {
                let (group, after) = read_group(&chars, end);
                for item in group {
                    out.push(format!("{path}{item}"));
                }
                i = after;
                continue;
            }
            out.push(path.trim_end_matches("::").to_string());
        }
        i = end.max(i + 1);
    }
    out
}

/// An identifier path from `i`: `a::b::c` (ending in `::` before a group).
fn read_path(chars: &[char], mut i: usize) -> (String, usize) {
    let mut path = String::new();
    loop {
        let start = i;
        while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
            i += 1;
        }
        if i == start {
            break;
        }
        path.extend(&chars[start..i]);
        if chars.get(i) == Some(&':') && chars.get(i + 1) == Some(&':') {
            path.push_str("::");
            i += 2;
        } else {
            break;
        }
    }
    (path, i)
}

/// The items of a `{…}` group at `i`, each as a path (nested groups expanded).
fn read_group(chars: &[char], i: usize) -> (Vec<String>, usize) {
    let mut items = Vec::new();
    let mut j = i + 1;
    loop {
        while j < chars.len() && (chars[j].is_whitespace() || chars[j] == ',') {
            j += 1;
        }
        match chars.get(j) {
            None => return (items, j),
            Some('}') => return (items, j + 1),
            _ => {}
        }
        let (path, end) = read_path(chars, j);
        if path.ends_with("::") && chars.get(end) == Some(&'{') {
            let (inner, after) = read_group(chars, end);
            items.extend(inner.into_iter().map(|p| format!("{path}{p}")));
            j = after;
        } else {
            items.push(path);
            j = end;
            // Skip `as name`, `*` and anything else up to the next item.
            while j < chars.len() && !matches!(chars[j], ',' | '}') {
                j += 1;
            }
        }
    }
}

fn stage_of(module: &str) -> Option<usize> {
    let top = module.split("::").next()?;
    STAGES.iter().position(|stage| stage.contains(&top))
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    let known: BTreeSet<String> = modules.keys().cloned().collect();
    modules
        .iter()
        .map(|(m, code)| (m.clone(), imports(m, code, &known)))
        .collect()
}

#[test]
fn every_module_belongs_to_a_stage() {
    let unplaced: Vec<String> = modules()
        .into_keys()
        .filter(|m| stage_of(m).is_none())
        .collect();
    assert!(
        unplaced.is_empty(),
        "modules in no stage of this test's STAGES (add them where they belong): {unplaced:?}"
    );
}

#[test]
fn no_stage_imports_a_later_stage() {
    let mut back_edges = Vec::new();
    for (from, targets) in graph() {
        for to in targets {
            if let (Some(a), Some(b)) = (stage_of(&from), stage_of(&to))
                && b > a
            {
                back_edges.push(format!("{from} imports {to}"));
            }
        }
    }
    assert!(
        back_edges.is_empty(),
        "an earlier stage imports a later one:\n{}",
        back_edges.join("\n")
    );
}

#[test]
fn no_import_circles() {
    let graph = graph();
    // Depth-first search; a grey node met again closes a circle.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
        circles: &mut Vec<String>,
    ) {
        state.insert(node.to_string(), 1);
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            match state.get(next.as_str()).copied().unwrap_or(0) {
                0 => visit(next, graph, state, stack, circles),
                1 => {
                    let from = stack.iter().position(|m| m == next).unwrap();
                    let mut circle = stack[from..].to_vec();
                    circle.push(next.clone());
                    circles.push(circle.join(" → "));
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(node.to_string(), 2);
    }
    let mut state = BTreeMap::new();
    let mut circles = Vec::new();
    for node in graph.keys() {
        if state.get(node.as_str()).copied().unwrap_or(0) == 0 {
            visit(node, &graph, &mut state, &mut Vec::new(), &mut circles);
        }
    }
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_scan_sees_imports() {
    // The scanner itself, on code shaped like src/'s.
    let known: BTreeSet<String> = ["render", "render::card", "render::view", "plan", "model"]
        .into_iter()
        .map(String::from)
        .collect();
    let code = code_only(
        "use crate::{model::*, plan::{Page, media_path}};\n\
         use super::view::Link; // crate::write is only a comment\n\
         let s = \"crate::check\";\n\
         fn f() { card::make(); }",
    );
    let found = imports("render::card", &code, &known);
    assert_eq!(
        found,
        ["model", "plan", "render::view"]
            .into_iter()
            .map(String::from)
            .collect()
    );
    let from_parent = imports("render", &code, &known);
    assert!(from_parent.contains("render::card"), "{from_parent:?}");
}

#[test]
fn no_function_is_long_without_a_reason() {
    let mut long = Vec::new();
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some(indent) = function_start(line) else {
                continue;
            };
            if line.trim_end().ends_with(';') {
                continue;
            }
            let close = format!("{indent}}}");
            let Some(end) = (i..lines.len()).find(|&j| lines[j] == close) else {
                continue;
            };
            let length = end - i + 1;
            let reason = lines[..i]
                .iter()
                .rev()
                .take_while(|l| {
                    let t = l.trim_start();
                    t.starts_with("//") || t.starts_with("#[")
                })
                .any(|l| l.contains(LONG_REASON));
            if length > MAX_FUNCTION_LINES && !reason {
                long.push(format!(
                    "{}:{} is {length} lines",
                    file.strip_prefix(src()).unwrap().display(),
                    i + 1
                ));
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over {MAX_FUNCTION_LINES} lines with no `{LONG_REASON} …` comment:\n{}",
        long.join("\n")
    );
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
}

/// The indentation of a line that starts a function, if it does.
fn function_start(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    let mut rest = trimmed;
    for prefix in [
        "pub(crate) ",
        "pub(super) ",
        "pub ",
        "const ",
        "async ",
        "unsafe ",
    ] {
        rest = rest.strip_prefix(prefix).unwrap_or(rest);
    }
    rest.starts_with("fn ").then_some(indent)
}
