//! `rooz new`: the starter event of each locale checks with no finding and
//! builds at once; a folder that is not empty is refused.

mod common;

use std::fs;

#[test]
fn a_new_event_checks_clean_and_builds_in_both_locales() {
    for locale in ["fa", "en"] {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("week");
        let run = common::rooz(
            &["new", site.to_str().unwrap(), "--locale", locale],
            dir.path(),
        );
        assert_eq!(run.code, 0, "{locale}: {}", run.stderr);
        assert!(site.join(".gitignore").is_file());
        let check = common::rooz(&["check", "--strict"], &site);
        assert_eq!(check.code, 0, "{locale}: {}{}", check.stdout, check.stderr);
        // The summary goes to stderr, after any finding on stdout.
        assert!(
            check.stderr.contains("No review findings."),
            "{locale}: {}",
            check.stderr
        );
        assert!(
            !check.stdout.contains("warning"),
            "{locale}: {}",
            check.stdout
        );
        let build = common::rooz(&["build", "--no-typeset"], &site);
        assert_eq!(build.code, 0, "{locale}: {}", build.stderr);
        let home = fs::read_to_string(site.join("output/index.html")).unwrap();
        assert!(home.contains(&format!("lang=\"{locale}\"")), "{home}");
        // Six programmes, one highlight, a central programme per stratum.
        let data: serde_json::Value =
            serde_json::from_slice(&fs::read(site.join("output/data/programs.json")).unwrap())
                .unwrap();
        let programmes = data["programmes"].as_array().unwrap();
        assert_eq!(programmes.len(), 6, "{locale}");
        assert_eq!(
            programmes
                .iter()
                .filter(|p| !p["highlight"].is_null())
                .count(),
            1
        );
        assert_eq!(
            programmes.iter().filter(|p| p["central"] == true).count(),
            2
        );
        // Every key is explained.
        let event = fs::read_to_string(site.join("content/event.yaml")).unwrap();
        assert!(
            event.lines().filter(|l| l.contains(" # ")).count() > 15,
            "{event}"
        );
    }
}

#[test]
fn a_folder_with_files_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let run = common::rooz(&["new", dir.path().to_str().unwrap()], dir.path());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("is not empty"), "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "mine"
    );
    assert!(!dir.path().join("content").exists());
}

#[test]
fn completions_and_examples_in_help() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, mark) in [
        ("bash", "complete -F _rooz"),
        ("zsh", "#compdef rooz"),
        ("fish", "complete -c rooz"),
    ] {
        let run = common::rooz(&["completions", shell], dir.path());
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        assert!(
            run.stdout.contains(mark),
            "{shell}: {}",
            &run.stdout[..200.min(run.stdout.len())]
        );
        for command in ["build", "check", "report", "new", "import"] {
            assert!(run.stdout.contains(command), "{shell} lacks {command}");
        }
    }
    for command in ["build", "check", "report", "new", "import", "completions"] {
        let run = common::rooz(&[command, "--help"], dir.path());
        assert_eq!(run.code, 0, "{command}: {}", run.stderr);
        assert!(
            run.stdout.contains("Examples:\n  rooz "),
            "{command}: {}",
            run.stdout
        );
    }
}
