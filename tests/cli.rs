//! What the commands print: one summary line for a build, nothing but
//! errors with `--quiet`, the stages with `--verbose`, and never a progress
//! bar or a colour when the output is not a terminal.

mod common;

use std::process::Command;

/// Runs rooz with stderr piped and no NO_COLOR (so colour would show if
/// rooz chose it wrongly).
fn piped(args: &[&str], cwd: &std::path::Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_rooz"))
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .env("ROOZ_FONTS", "/nonexistent/rooz-fonts")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_piped_build_says_one_line_and_no_escape_codes() {
    let site = common::site("en-week");
    let (code, said) = piped(&["build", "--no-typeset"], site.path());
    assert_eq!(code, 0, "{said}");
    assert!(
        !said.contains('\u{1b}'),
        "no colour or bar when piped: {said:?}"
    );
    let summaries: Vec<&str> = said.lines().filter(|l| l.starts_with("Built ")).collect();
    assert_eq!(summaries.len(), 1, "{said}");
    let line = summaries[0];
    for part in ["files (", "pages", "into ./output in", " ms"] {
        assert!(line.contains(part), "{part} in {line}");
    }
    // Each line but the summary is a warning.
    assert!(
        said.lines()
            .all(|l| l.starts_with("Built ") || l.starts_with("warning: ")),
        "{said}"
    );
}

#[test]
fn quiet_prints_only_errors_and_verbose_prints_the_stages() {
    let site = common::site("en-week");
    let (code, said) = piped(&["build", "--no-typeset", "--quiet"], site.path());
    assert_eq!((code, said.as_str()), (0, ""));
    let (code, said) = piped(&["check", "-q"], site.path());
    assert_eq!(code, 0, "{said}");
    assert!(
        !said.contains("programmes"),
        "no summary when quiet: {said}"
    );
    let (code, said) = piped(&["build", "--no-typeset", "--verbose"], site.path());
    assert_eq!(code, 0, "{said}");
    for stage in [
        "load and review:",
        "render and write:",
        "replace the output:",
    ] {
        assert!(said.contains(stage), "{stage} in {said}");
    }
    assert!(said.contains("rooz serve"), "the next step: {said}");

    // Errors still show when quiet.
    let families = site.path().join("content/programs/families.yaml");
    let text = std::fs::read_to_string(&families).unwrap();
    std::fs::write(&families, text.replacen("2027-03-08", "2027-13-08", 1)).unwrap();
    let (code, said) = piped(&["build", "--quiet"], site.path());
    assert_eq!(code, 1);
    assert!(said.contains("families.yaml:17:"), "{said}");
    assert!(said.contains("nothing was written"), "{said}");
}

#[test]
fn quiet_and_verbose_are_taken_by_every_command() {
    for command in [
        "build",
        "check",
        "report",
        "serve",
        "new",
        "import",
        "completions",
    ] {
        for flag in ["--quiet", "--verbose"] {
            let out = Command::new(env!("CARGO_BIN_EXE_rooz"))
                .args([command, flag, "--help"])
                .output()
                .unwrap();
            assert!(out.status.success(), "{command} {flag}");
        }
    }
}
