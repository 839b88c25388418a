//! The `rooz` command line.
//!
//! `main` only parses arguments and maps outcomes to exit codes: 0 ok,
//! 1 the content has errors, 2 the command was used wrongly.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use rooz::check::plural;
use rooz::diagnostic::{self, Diagnostic, Style};

#[derive(Parser)]
#[command(
    name = "rooz",
    version,
    about = "Static sites, print bulletins and review reports for week-long events"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check the content for errors and review it against the organisers' rules.
    Check {
        /// The site folder (holding content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Fail (exit 1) on review findings too, not only on errors.
        #[arg(long)]
        strict: bool,
        /// How to print the result.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

const OK: u8 = 0;
const CONTENT_ERROR: u8 = 1;
const MISUSE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check {
            root,
            strict,
            format,
        } => check(&root, strict, format),
    };
    ExitCode::from(code)
}

fn check(root: &std::path::Path, strict: bool, format: Format) -> u8 {
    let checked = match rooz::check_site(root) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return MISUSE;
        }
    };
    let sources = &checked.sources;
    let (errors, warnings, summary) = match &checked.outcome {
        Ok(r) => (
            Vec::new(),
            r.findings
                .iter()
                .map(|f| f.to_diagnostic())
                .collect::<Vec<_>>(),
            Some(&r.summary),
        ),
        Err(errors) => (errors.clone(), Vec::new(), None),
    };
    let mut warnings: Vec<Diagnostic> = warnings;
    diagnostic::sort(&mut warnings, sources);
    let failed = !errors.is_empty() || (strict && !warnings.is_empty());

    match format {
        Format::Json => {
            let json = serde_json::json!({
                "ok": !failed,
                "errors": errors.iter().map(|d| diagnostic::to_json(d, sources)).collect::<Vec<_>>(),
                "findings": warnings.iter().map(|d| diagnostic::to_json(d, sources)).collect::<Vec<_>>(),
                "summary": summary,
            });
            let mut out = std::io::stdout().lock();
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            );
        }
        Format::Human => {
            let style = Style::for_stderr();
            let mut err = std::io::stderr().lock();
            for d in errors.iter().chain(&warnings) {
                let _ = writeln!(err, "{}", diagnostic::render(d, sources, style));
            }
            match summary {
                Some(s) => {
                    let verdict = match (warnings.len(), strict) {
                        (0, _) => "No review findings.".to_string(),
                        (n, true) => format!(
                            "{}; --strict makes them fail the check.",
                            plural(n, "review finding")
                        ),
                        (n, false) => {
                            format!("{}, shown above as warnings.", plural(n, "review finding"))
                        }
                    };
                    let _ = writeln!(err, "{s} {verdict}");
                }
                None => {
                    let errors = plural(errors.len(), "error");
                    let _ = writeln!(err, "{errors}; fix them and check again.");
                }
            }
        }
    }
    if failed { CONTENT_ERROR } else { OK }
}
