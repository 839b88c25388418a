//! Replays the fuzzers' kept corpora (`fuzz/corpus/<target>/`) and their
//! findings (`fuzz/findings/<target>/`) through the same targets libFuzzer
//! drives (`fuzz/src/targets.rs`), so what a fuzzer once found stays fixed
//! and the coverage it reached stays reached. `scripts/fuzz` runs the
//! fuzzers themselves.

#[path = "../fuzz/src/targets.rs"]
mod targets;

use std::fs;
use std::path::Path;

/// Every input kept for `target`, with its name.
fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let mut all = Vec::new();
    for kind in ["corpus", "findings"] {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz")
            .join(kind)
            .join(target);
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            all.push((
                path.display().to_string(),
                fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
            ));
        }
    }
    all.sort();
    all
}

/// Runs every input of `target`, naming the one that fails.
fn replay(target: &str, run: fn(&targets::Scratch, &[u8]), at_least: usize) {
    let scratch = targets::Scratch::new();
    let inputs = inputs(target);
    assert!(
        inputs.len() >= at_least,
        "fuzz/corpus/{target} holds {} inputs; the kept corpus is missing",
        inputs.len()
    );
    for (name, bytes) in &inputs {
        if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&scratch, bytes))).is_err()
        {
            panic!("{name} fails the {target} target");
        }
    }
}

#[test]
fn the_loading_corpus_passes() {
    replay("load", targets::load, 1000);
}

#[test]
fn the_markdown_corpus_passes() {
    replay("markdown", targets::markdown, 1000);
}

#[test]
fn the_import_corpus_passes() {
    replay("import", targets::import, 500);
}

#[test]
fn the_resolve_corpus_passes() {
    replay("resolve", targets::resolve, 100);
}

#[test]
fn the_markdown_check_sees_what_it_must_refuse() {
    // The target's own check must be able to fail, or it proves nothing.
    for html in [
        "<p><script>alert(1)</script></p>",
        "<img src=\"x\" onerror=\"alert(1)\">",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"  jav&#x61;script&colon;alert(1)\">x</a>",
        "<a href=\"data:text/html,x\">x</a>",
        "<p style=\"x\">x</p>",
        "<iframe srcdoc=\"x\"></iframe>",
        "<a href=\"java\tscript:alert(1)\">x</a>",
        "<a href=\"&#x4a;avascript:alert(1)\">x</a>",
    ] {
        assert!(targets::inert(html).is_err(), "{html} passed");
    }
    for html in [
        "<p>javascript: is text here</p>",
        "<a href=\"https://example.org/?q=on\" rel=\"noopener noreferrer\">on</a>",
        "<p dir=\"rtl\">&lt;script&gt;</p>",
        // A space inside a scheme stays in it: a relative path, not a script.
        "<a href=\"javascr ipt:alert(1)\">x</a>",
    ] {
        assert_eq!(targets::inert(html), Ok(()), "{html}");
    }
}

#[test]
fn the_resolve_check_sees_an_escape() {
    // The scratch output has symlinks out; the target must refuse them.
    let scratch = targets::Scratch::new();
    for target in ["/leak", "/up/secret", "/etc/passwd", "/../secret"] {
        targets::resolve(
            &scratch,
            format!("GET {target} HTTP/1.1\r\n\r\n").as_bytes(),
        );
    }
    targets::resolve(&scratch, b"GET /day/1/ HTTP/1.1\r\n\r\n");
}
