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
    /// Print only errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print more: the time of each stage, each file that changed.
    #[arg(long, short, global = true)]
    verbose: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Build the website into the output folder (replaced whole, only on success).
    #[command(
        after_help = "Examples:\n  rooz build                          build ./content into ./output\n  rooz build --root week --output /var/www/week\n  rooz build --no-typeset --timings   pages only, with the time of each stage"
    )]
    Build {
        /// The site folder (holding content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: <root>/output).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Base of absolute URLs (canonical links, sitemap), overriding the event's base_url.
        #[arg(long)]
        base_url: Option<String>,
        /// Include draft programmes, marked as drafts.
        #[arg(long)]
        drafts: bool,
        /// Skip share cards, press kits and PDFs (pages still link to them):
        /// for quick drafts, and to time the rest of the build.
        #[arg(long)]
        no_typeset: bool,
        /// Print how long each stage took.
        #[arg(long)]
        timings: bool,
        /// Outcomes are reported up to this day (YYYY-MM-DD in the event's
        /// calendar), over reporting.as_of.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
    /// Build, serve the site on this computer, and rebuild and reload the
    /// open pages on every change; errors show in the browser.
    #[command(
        after_help = "Examples:\n  rooz serve                     http://127.0.0.1:1111/, rebuilt on every save\n  rooz serve --port 0 --open     any free port, opened in the browser\n  rooz serve --drafts --no-typeset   drafts shown, pages only"
    )]
    Serve {
        /// The site folder (holding content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: <root>/output).
        #[arg(long)]
        output: Option<PathBuf>,
        /// The port to listen on (0: any free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; anything but loopback shares the site
        /// with the network.
        #[arg(long, default_value = "127.0.0.1")]
        interface: std::net::IpAddr,
        /// Include draft programmes, marked as drafts.
        #[arg(long)]
        drafts: bool,
        /// Skip share cards, press kits and PDFs.
        #[arg(long)]
        no_typeset: bool,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Check the content for errors and review it against the organisers' rules.
    #[command(
        after_help = "Examples:\n  rooz check                 errors and review findings of ./content\n  rooz check --strict        exit 1 on findings too (for CI)\n  rooz check --format json   the same, for other tools"
    )]
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
        /// Outcomes are reported up to this day (YYYY-MM-DD in the event's
        /// calendar), over reporting.as_of.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
    /// Print the consolidated review: figures, shares against targets, findings.
    #[command(
        after_help = "Examples:\n  rooz report                the review as tables\n  rooz report --format csv   for a spreadsheet"
    )]
    Report {
        /// The site folder (holding content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// How to print it.
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
        /// Outcomes are reported up to this day (YYYY-MM-DD in the event's
        /// calendar), over reporting.as_of.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
    /// Start a new event: a small, commented example that checks and builds.
    #[command(
        after_help = "Examples:\n  rooz new week              a Persian starter event in ./week\n  rooz new week --locale en  an English, Gregorian one"
    )]
    New {
        /// The folder to create (new or empty).
        dir: PathBuf,
        /// The language and calendar of the starter: fa (Persian, Solar
        /// Hijri) or en (English, Gregorian).
        #[arg(long, value_enum, default_value_t = SheetLocale::Fa)]
        locale: SheetLocale,
    },
    /// Turn a spreadsheet of programmes (.xlsx, .ods, .csv) into
    /// content/programs/<stratum>.yaml, or write an empty one to fill in.
    #[command(
        after_help = "Examples:\n  rooz import students.xlsx --stratum students\n  rooz import sheet.csv --stratum artists --force\n  rooz import --template programmes.xlsx"
    )]
    Import(ImportArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(
        after_help = "Examples:\n  rooz completions bash > ~/.local/share/bash-completion/completions/rooz\n  rooz completions zsh > ~/.zfunc/_rooz\n  rooz completions fish > ~/.config/fish/completions/rooz.fish"
    )]
    Completions { shell: clap_complete::Shell },
}

#[derive(Clone, Copy, ValueEnum)]
enum SheetLocale {
    Fa,
    En,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Table,
    Json,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

use rooz::console::{CONTENT_ERROR, MISUSE, OK, Verbosity};
use rooz::load::Overrides;

/// Long because every command's arguments are taken apart here, in one
/// match, and handed to that command's function.
fn main() -> ExitCode {
    let cli = Cli::parse();
    let verbosity = match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    };
    let code = match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            no_typeset,
            timings,
            as_of,
        } => build(
            &rooz::BuildOptions {
                root,
                output,
                base_url,
                drafts,
                typeset: typeset(no_typeset),
                overrides: Overrides { as_of },
            },
            match timings {
                true => verbosity.max(Verbosity::Verbose),
                false => verbosity,
            },
        ),
        Command::Serve {
            root,
            output,
            port,
            interface,
            drafts,
            no_typeset,
            open,
        } => serve(rooz::serve::ServeOptions {
            build: rooz::BuildOptions {
                root,
                output,
                base_url: None,
                drafts,
                typeset: typeset(no_typeset),
                overrides: Overrides::default(),
            },
            interface,
            port,
            open,
            verbosity,
        }),
        Command::Report {
            root,
            format,
            as_of,
        } => report(&root, format, &Overrides { as_of }),
        Command::New { dir, locale } => new(&dir, locale, verbosity),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(shell, &mut Cli::command(), "rooz", &mut std::io::stdout());
            OK
        }
        Command::Import(args) => import(args, verbosity),
        Command::Check {
            root,
            strict,
            format,
            as_of,
        } => check(&root, strict, format, &Overrides { as_of }, verbosity),
    };
    ExitCode::from(code)
}

fn typeset(no_typeset: bool) -> rooz::Typeset {
    match no_typeset {
        true => rooz::Typeset::Skip,
        false => rooz::Typeset::All,
    }
}

fn serve(options: rooz::serve::ServeOptions) -> u8 {
    match rooz::serve::serve(options) {
        Ok(()) => OK,
        Err(e) => {
            eprintln!("error: {e}");
            MISUSE
        }
    }
}

fn build(options: &rooz::BuildOptions, verbosity: Verbosity) -> u8 {
    let started = std::time::Instant::now();
    let bar = rooz::console::Bar::new(verbosity);
    let result = rooz::build_in(&rooz::Session::once(), options, &bar);
    rooz::Progress::done(&bar);
    // Locked only now: the build may write to stderr from other threads.
    let mut err = std::io::stderr().lock();
    match result {
        Ok(built) => {
            let _ = write!(err, "{}", rooz::console::details(&built, verbosity));
            if verbosity > Verbosity::Quiet {
                let _ = writeln!(err, "{}", rooz::console::summary(&built, started.elapsed()));
            }
            if verbosity >= Verbosity::Verbose {
                let _ = writeln!(
                    err,
                    "Open {} in a browser, or run `rooz serve`.",
                    built.output.join("index.html").display()
                );
            }
            OK
        }
        Err(e) => {
            let (text, code) = rooz::console::failure(&e, Style::for_stderr());
            let _ = write!(err, "{text}");
            code
        }
    }
}

fn new(dir: &std::path::Path, locale: SheetLocale, verbosity: Verbosity) -> u8 {
    let language = match locale {
        SheetLocale::Fa => rooz::columns::Language::Persian,
        SheetLocale::En => rooz::columns::Language::English,
    };
    let mut err = std::io::stderr().lock();
    match rooz::starter::create(dir, language) {
        Ok(_) if verbosity == Verbosity::Quiet => OK,
        Ok(files) => {
            let _ = writeln!(
                err,
                "Created a starter event in {} ({} files). Next:\n  cd {}\n  rooz check\n  rooz build",
                dir.display(),
                files.len(),
                dir.display()
            );
            OK
        }
        Err(e @ rooz::starter::NewError::NotEmpty(_)) => {
            let _ = writeln!(err, "error: {e}");
            MISUSE
        }
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            CONTENT_ERROR
        }
    }
}

/// The arguments of `rooz import`.
#[derive(clap::Args)]
struct ImportArgs {
    /// The spreadsheet to read (or, with --template, to write).
    file: PathBuf,
    /// The stratum whose programmes the sheet holds.
    #[arg(long, required_unless_present = "template")]
    stratum: Option<String>,
    /// The site folder (holding content/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Write here instead of content/programs/<stratum>.yaml (not validated).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Replace an existing programme file.
    #[arg(long)]
    force: bool,
    /// Write an empty .xlsx with the columns, a sample row and lists of
    /// the event's headquarters, counties and statuses.
    #[arg(long)]
    template: bool,
    /// The language of the template's columns (default: the event's).
    #[arg(long, value_enum)]
    locale: Option<SheetLocale>,
}

fn import(args: ImportArgs, verbosity: Verbosity) -> u8 {
    let ImportArgs {
        file,
        stratum,
        root,
        out,
        force,
        template,
        locale,
    } = args;
    use rooz::columns::Language;
    use rooz::import::{ImportError, ImportOptions};
    let mut err = std::io::stderr().lock();
    let result = if template {
        let language = match locale {
            Some(SheetLocale::Fa) => Ok(Language::Persian),
            Some(SheetLocale::En) => Ok(Language::English),
            None => rooz::load::load(&root)
                .map(|l| match &l.result {
                    Ok(event) => Language::of(&event.locale),
                    Err(_) => Language::English,
                })
                .map_err(ImportError::Site),
        };
        language
            .and_then(|language| rooz::import::template(&root, &file, language))
            .map(|()| {
                format!(
                    "Wrote the template {}: fill it in, then `rooz import {} --stratum ID`.",
                    file.display(),
                    file.display()
                )
            })
    } else {
        rooz::import::import(&ImportOptions {
            root,
            file,
            stratum: stratum.unwrap_or_default(),
            out,
            force,
        })
        .map(|done| {
            let made = match done.made_ids {
                0 => String::new(),
                n => format!(" ({} made from the titles)", plural(n, "id")),
            };
            format!(
                "Imported {} into {}{made}; it loads as `rooz check` loads it.",
                plural(done.programmes, "programme"),
                done.path.display()
            )
        })
    };
    match result {
        Ok(message) => {
            if verbosity > Verbosity::Quiet {
                let _ = writeln!(err, "{message}");
            }
            OK
        }
        Err(e) => import_failed(&mut err, e),
    }
}

/// Why an import wrote nothing, and the exit code that says so.
fn import_failed(err: &mut impl Write, e: rooz::import::ImportError) -> u8 {
    use rooz::import::ImportError;
    match e {
        ImportError::Cells(errors) => {
            for run in rooz::import::runs(&errors) {
                let _ = writeln!(err, "error: {run}");
            }
            let _ = writeln!(
                err,
                "{}; nothing was written.",
                plural(errors.len(), "error")
            );
            CONTENT_ERROR
        }
        ImportError::Content(sources, errors) => {
            show(err, &errors, &sources);
            let _ = writeln!(
                err,
                "{} in the site as it is; fix them before importing. Nothing was written.",
                plural(errors.len(), "error")
            );
            CONTENT_ERROR
        }
        ImportError::Invalid(sources, errors) => {
            show(err, &errors, &sources);
            let _ = writeln!(
                err,
                "{} in the imported file; it was taken back, nothing was written.",
                plural(errors.len(), "error")
            );
            CONTENT_ERROR
        }
        ImportError::UnknownStratum(id, known) => {
            let _ = writeln!(
                err,
                "error: '{id}' is not a stratum of the event; expected one of: {}",
                known.join(", ")
            );
            MISUSE
        }
        ImportError::Exists(path) => {
            let _ = writeln!(
                err,
                "error: {} exists; pass --force to replace it. Nothing was written.",
                path.display()
            );
            MISUSE
        }
        ImportError::Site(e) => {
            let _ = writeln!(err, "error: {e}");
            MISUSE
        }
        ImportError::Io(path, e) => {
            let _ = writeln!(err, "error: {}: {e}", path.display());
            CONTENT_ERROR
        }
    }
}

fn check(
    root: &std::path::Path,
    strict: bool,
    format: Format,
    overrides: &Overrides,
    verbosity: Verbosity,
) -> u8 {
    let checked = match rooz::check_site(root, overrides) {
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
                .map(|f| f.to_diagnostic(&r.event))
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
            let mut err = std::io::stderr().lock();
            show(&mut err, &errors, sources);
            if verbosity > Verbosity::Quiet || strict {
                show(&mut err, &warnings, sources);
            }
            match summary {
                _ if verbosity == Verbosity::Quiet => {}
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

fn report(root: &std::path::Path, format: ReportFormat, overrides: &Overrides) -> u8 {
    let checked = match rooz::check_site(root, overrides) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return MISUSE;
        }
    };
    let reviewed = match &checked.outcome {
        Ok(r) => r,
        Err(errors) => {
            show(&mut std::io::stderr().lock(), errors, &checked.sources);
            eprintln!(
                "{}; there is nothing to report until they are fixed.",
                plural(errors.len(), "error")
            );
            return CONTENT_ERROR;
        }
    };
    let report = &reviewed.report;
    let mut out = std::io::stdout().lock();
    let text = match format {
        ReportFormat::Json => serde_json::to_string_pretty(report).unwrap_or_default() + "\n",
        ReportFormat::Csv => rooz::report::csv(report),
        ReportFormat::Table => rooz::report::table(report, Style::for_stdout().color),
    };
    let _ = out.write_all(text.as_bytes());
    OK
}

/// Content errors or review warnings, each with its snippet, on `out`.
fn show(out: &mut impl Write, diagnostics: &[Diagnostic], sources: &rooz::source::Sources) {
    let _ = write!(
        out,
        "{}",
        rooz::console::diagnostics(diagnostics, sources, Style::for_stderr())
    );
}
