//! `rooz serve`: build, serve the output on loopback, watch the site,
//! rebuild on every change and reload the open pages; a failed rebuild
//! shows its errors over the last good pages until the next good build.
//!
//! A rebuild puts the pages first: cards and PDFs the cache lacks are
//! carried over from the current output ([`Typeset::Later`]), the pages
//! are swapped in and reloaded, and a full build then typesets what was
//! carried and swaps again (pages showing one of those files reload once
//! more). The output is replaced whole each time, as `rooz build` does,
//! so a reader never sees a half-written site.

pub mod http;
pub mod live;

use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::console::{self, Verbosity};
use crate::diagnostic::Style;
use crate::{BuildOptions, Built, Progress, Session, Silent, Typeset};
use http::{Refused, Request, Response};
use live::Live;

/// What `rooz serve` is asked to do.
pub struct ServeOptions {
    pub build: BuildOptions,
    pub interface: IpAddr,
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    pub verbosity: Verbosity,
}

/// Why serving could not start.
#[derive(Debug)]
pub enum ServeError {
    Bind(SocketAddr, std::io::Error),
    Watch(PathBuf, String),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::Bind(at, e) => write!(
                f,
                "cannot listen on {at}: {e} (another server there? try --port 0 for any free port)"
            ),
            ServeError::Watch(path, e) => write!(f, "cannot watch {}: {e}", path.display()),
        }
    }
}

impl std::error::Error for ServeError {}

/// The folders of a site whose changes rebuild it.
pub const WATCHED: [&str; 4] = ["content", "templates", "themes", "fonts"];

/// How long the watcher waits for a burst of writes (an editor's save, a
/// `git checkout`) to settle before rebuilding.
const SETTLE: Duration = Duration::from_millis(10);

/// Serves until the process is stopped.
pub fn serve(options: ServeOptions) -> Result<(), ServeError> {
    let ServeOptions {
        build,
        interface,
        port,
        open,
        verbosity,
    } = options;
    let output = build
        .output
        .clone()
        .unwrap_or_else(|| build.root.join("output"));
    let at = SocketAddr::new(interface, port);
    let listener = TcpListener::bind(at).map_err(|e| ServeError::Bind(at, e))?;
    let address = listener.local_addr().map_err(|e| ServeError::Bind(at, e))?;
    let session = Session::keeping();
    let live = Arc::new(Live::new(session_id()));
    let (tx, changes) = std::sync::mpsc::channel();
    let _watcher = watch(&build.root, &output, tx)?;

    let mut rebuilder = Rebuilder {
        session,
        options: build,
        live: live.clone(),
        verbosity,
        builds: 0,
    };
    rebuilder.full("Built");

    let root = canonical_output(&output);
    std::thread::spawn(move || accept(listener, root, live));
    let url = format!("http://{address}/");
    if !interface.is_loopback() {
        eprintln!(
            "warning: serving on {interface}, not only on this computer: anyone who can reach {address} can read the site (and its drafts, with --drafts)"
        );
    }
    eprintln!(
        "Serving {} at {url} — watching {} for changes (Ctrl+C to stop).",
        output.display(),
        WATCHED.join("/, ") + "/"
    );
    if open {
        open_browser(&url);
    }
    rebuilder.watch(changes);
    Ok(())
}

/// Names this run of the server, so a page of an earlier run reloads.
fn session_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{:x}{:x}", std::process::id(), nanos & 0xffff_ffff)
}

/// The output folder as requests are resolved in: canonical, even while it
/// does not exist yet (a first build that failed).
fn canonical_output(output: &Path) -> PathBuf {
    if let Ok(real) = output.canonicalize() {
        return real;
    }
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let parent = parent
        .canonicalize()
        .unwrap_or_else(|_| parent.to_path_buf());
    parent.join(output.file_name().unwrap_or_default())
}

/// The rebuild loop's state.
struct Rebuilder {
    session: Session,
    options: BuildOptions,
    live: Arc<Live>,
    verbosity: Verbosity,
    builds: u64,
}

impl Rebuilder {
    /// The first build: cards and PDFs typeset.
    fn full(&mut self, verb: &str) {
        let options = self.with(Typeset::All);
        let bar = console::Bar::new(self.verbosity);
        let built = self.build_with(&options, Instant::now(), verb, &bar);
        if built.is_some() {
            self.live.built(self.builds, false);
        }
    }

    /// The options of a build that typesets as asked (`--no-typeset` stays
    /// off).
    fn with(&self, typeset: Typeset) -> BuildOptions {
        BuildOptions {
            typeset: match self.options.typeset {
                Typeset::Skip => Typeset::Skip,
                _ => typeset,
            },
            ..self.options.clone()
        }
    }

    /// Builds, tells the terminal (and, on failure, the pages); the build
    /// on success.
    fn build(&mut self, options: &BuildOptions, started: Instant, verb: &str) -> Option<Built> {
        self.build_with(options, started, verb, &Silent)
    }

    /// [`Rebuilder::build`], telling `progress` how it goes (and clearing
    /// it before anything is printed).
    fn build_with(
        &mut self,
        options: &BuildOptions,
        started: Instant,
        verb: &str,
        progress: &dyn Progress,
    ) -> Option<Built> {
        let result = crate::build_in(&self.session, options, progress);
        progress.done();
        match result {
            Ok(built) => {
                self.builds += 1;
                if self.verbosity > Verbosity::Quiet {
                    let mut err = std::io::stderr().lock();
                    let _ = write!(err, "{}", console::details(&built, self.verbosity));
                    let line = console::summary(&built, started.elapsed());
                    let _ = writeln!(err, "{}", line.replacen("Built", verb, 1));
                }
                Some(built)
            }
            Err(e) => {
                let (text, _) = console::failure(&e, Style::for_stderr());
                eprint!("{text}");
                eprintln!("The last good build is still served; its pages show these errors.");
                let (plain, _) = console::failure(&e, Style::PLAIN);
                self.live.failed(plain);
                None
            }
        }
    }

    /// Rebuilds after each settled burst of changes, until the watcher
    /// ends: the pages first, then (unless the site changes again at
    /// once) the cards and PDFs they carried over.
    fn watch(&mut self, changes: Receiver<Vec<PathBuf>>) {
        let mut pending: Option<Vec<PathBuf>> = None;
        loop {
            let mut changed = match pending.take() {
                Some(c) => c,
                None => match changes.recv() {
                    Ok(c) => c,
                    Err(_) => return,
                },
            };
            // Changes that arrived while building join this rebuild.
            while let Ok(more) = changes.try_recv() {
                changed.extend(more);
            }
            let started = Instant::now();
            if changed.iter().any(|p| is_font(p)) {
                self.session.forget_fonts();
            }
            self.tell_changed(&changed);
            let Some(built) = self.build(&self.with(Typeset::Later), started, "Rebuilt") else {
                continue;
            };
            self.live.built(self.builds, !built.carried.is_empty());
            if built.carried.is_empty() {
                continue;
            }
            match changes.recv_timeout(SETTLE * 3) {
                Ok(more) => {
                    pending = Some(more);
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => return,
                Err(RecvTimeoutError::Timeout) => {}
            }
            // On failure the error shows, and the pages stay as they were.
            let full = self.with(Typeset::All);
            if self.build(&full, Instant::now(), "Typeset").is_some() {
                self.live.typeset(built.carried);
            }
        }
    }

    fn tell_changed(&self, changed: &[PathBuf]) {
        if self.verbosity < Verbosity::Verbose {
            return;
        }
        for path in changed {
            let shown = path.strip_prefix(&self.options.root).unwrap_or(path);
            eprintln!("changed: {}", shown.display());
        }
    }
}

fn is_font(path: &Path) -> bool {
    path.components().any(|c| c.as_os_str() == "fonts")
}

/// Watches the site's folders (and the site folder itself, for one of
/// them appearing), sending each settled burst of changed paths. Reading
/// a file is not a change (rooz reads its own content while building);
/// changes inside the output, its staging folders and the build cache are
/// not changes of the site; neither are editors' temporary files.
fn watch(
    root: &Path,
    output: &Path,
    tx: Sender<Vec<PathBuf>>,
) -> Result<Arc<Mutex<RecommendedWatcher>>, ServeError> {
    let root_real = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let output_real = canonical_output(output);
    let (raw_tx, raw) = std::sync::mpsc::channel::<PathBuf>();
    let ignore_root = root_real.clone();
    let handler = move |result: notify::Result<notify::Event>| {
        let Ok(event) = result else {
            return;
        };
        if matches!(event.kind, EventKind::Access(_) | EventKind::Other) {
            return;
        }
        for path in event.paths {
            if counts(&path, &ignore_root, &output_real) {
                let _ = raw_tx.send(path);
            }
        }
    };
    let mut watcher = notify::recommended_watcher(handler)
        .map_err(|e| ServeError::Watch(root.to_path_buf(), e.to_string()))?;
    for name in WATCHED {
        let dir = root_real.join(name);
        if dir.is_dir() {
            watcher
                .watch(&dir, RecursiveMode::Recursive)
                .map_err(|e| ServeError::Watch(dir.clone(), e.to_string()))?;
        }
    }
    watcher
        .watch(&root_real, RecursiveMode::NonRecursive)
        .map_err(|e| ServeError::Watch(root_real.clone(), e.to_string()))?;
    let watcher = Arc::new(Mutex::new(watcher));
    let also = Arc::downgrade(&watcher);
    std::thread::spawn(move || settle(raw, tx, &root_real, also));
    Ok(watcher)
}

/// A watched folder that appeared after the start (`templates/` made
/// later) is watched from now on. Called off notify's own thread, which
/// `watch` waits on.
fn watch_new(path: &Path, root: &Path, watcher: &Weak<Mutex<RecommendedWatcher>>) {
    let top = path.parent() == Some(root)
        && path
            .file_name()
            .is_some_and(|n| WATCHED.iter().any(|w| n == *w))
        && path.is_dir();
    if let (true, Some(watcher)) = (top, watcher.upgrade()) {
        let mut watcher = watcher.lock().unwrap_or_else(|e| e.into_inner());
        let _ = watcher.watch(path, RecursiveMode::Recursive);
    }
}

/// The debouncer: gathers changed paths until none has come for
/// [`SETTLE`], then sends them as one burst (each path once).
fn settle(
    raw: Receiver<PathBuf>,
    tx: Sender<Vec<PathBuf>>,
    root: &Path,
    watcher: Weak<Mutex<RecommendedWatcher>>,
) {
    while let Ok(first) = raw.recv() {
        watch_new(&first, root, &watcher);
        let mut burst = vec![first];
        loop {
            match raw.recv_timeout(SETTLE) {
                Ok(path) => {
                    watch_new(&path, root, &watcher);
                    if !burst.contains(&path) {
                        burst.push(path);
                    }
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => {
                    let _ = tx.send(burst);
                    return;
                }
            }
        }
        if tx.send(burst).is_err() {
            return;
        }
    }
}

/// Whether a changed path is a change of the site.
fn counts(path: &Path, root: &Path, output: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let Some(std::path::Component::Normal(top)) = relative.components().next() else {
        return false;
    };
    if !WATCHED.iter().any(|w| top == *w) {
        return false;
    }
    if path.starts_with(output) {
        return false;
    }
    // A hidden folder anywhere on the way (the output's staging and spare
    // folders, `.rooz-cache`, `.git`) or an editor's temporary file.
    let hidden = relative
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913";
    !hidden && !temporary
}

/// Answers connections, each on its own thread.
fn accept(listener: TcpListener, root: PathBuf, live: Arc<Live>) {
    let root = Arc::new(root);
    for stream in listener.incoming().flatten() {
        let (root, live) = (root.clone(), live.clone());
        std::thread::spawn(move || answer(stream, &root, &live));
    }
}

/// Answers one request.
fn answer(mut stream: TcpStream, root: &Path, live: &Live) {
    let request = match http::read_request(&stream) {
        Ok(r) => r,
        Err(http::Malformed(status, why)) => {
            let _ = Response::text(status, why).send(&mut stream, false);
            return;
        }
    };
    let head_only = request.method == "HEAD";
    if request.method != "GET" && !head_only {
        let mut r = Response::text(405, "only GET and HEAD are served");
        r.headers.push(("Allow", "GET, HEAD".into()));
        let _ = r.send(&mut stream, head_only);
        return;
    }
    let path = request.target.split(['?', '#']).next().unwrap_or_default();
    if path == live::SOCKET_PATH {
        socket(stream, &request, live);
        return;
    }
    let response = if path == live::SCRIPT_PATH {
        Response::new(
            200,
            "text/javascript; charset=utf-8",
            live::SCRIPT.as_bytes().to_vec(),
        )
    } else {
        file(root, &request.target, live)
    };
    let _ = response.send(&mut stream, head_only);
}

/// Upgrades to the live-reload socket, for pages of this server only.
fn socket(mut stream: TcpStream, request: &Request, live: &Live) {
    let upgrade = request
        .header("upgrade")
        .is_some_and(|u| u.eq_ignore_ascii_case("websocket"));
    match request.header("sec-websocket-key") {
        Some(key) if upgrade => {
            if live::same_origin(request.header("origin"), request.header("host")) {
                let _ = live::talk(stream, key, live);
            } else {
                let _ = Response::text(403, "another site's page may not listen")
                    .send(&mut stream, false);
            }
        }
        _ => {
            let _ = Response::text(400, "this is a WebSocket").send(&mut stream, false);
        }
    }
}

/// A file of the output, pages with the live script added.
fn file(root: &Path, target: &str, live: &Live) -> Response {
    let state = live.now().1;
    match http::resolve(root, target) {
        Ok(path) => match std::fs::read(&path) {
            Ok(bytes) => {
                let kind = http::media_type(&path);
                let body = if kind.starts_with("text/html") {
                    live::inject(&bytes, &state)
                } else {
                    bytes
                };
                Response::new(200, kind, body)
            }
            // Swapped away between resolving and reading: gone.
            Err(_) => not_found(root, &state),
        },
        Err(Refused::Slash(location)) => {
            let mut r = Response::text(301, "a folder");
            r.headers.push(("Location", location));
            r
        }
        Err(Refused::Bad(why)) => Response::text(400, why),
        Err(Refused::Outside) => Response::text(403, "outside the site"),
        Err(Refused::Missing) => not_found(root, &state),
    }
}

/// The site's own 404 page, or (before any good build) a bare one; both
/// listen for the next build.
fn not_found(root: &Path, state: &live::State) -> Response {
    let page = std::fs::read(root.join("404.html")).unwrap_or_else(|_| {
        format!(
            "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\">\
             <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\
             <title>Not found</title><body><h1>Not found</h1>\
             <p>Nothing here (yet): the site has not built.</p></body></html>",
            crate::render::policy(&[])
        )
        .into_bytes()
    });
    Response::new(404, "text/html; charset=utf-8", live::inject(&page, state))
}

/// Opens `url` in the default browser, best effort.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    if std::process::Command::new(command.0)
        .args(&command.1)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_err()
    {
        eprintln!("warning: could not open a browser; open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_site_folders_count_as_changes() {
        let root = Path::new("/site");
        let output = Path::new("/site/output");
        let yes = [
            "/site/content/programs/a.yaml",
            "/site/templates/day.html",
            "/site/fonts/x.ttf",
        ];
        for p in yes {
            assert!(counts(Path::new(p), root, output), "{p}");
        }
        for p in [
            "/site/output/index.html",
            "/site/.output.rooz-new-1/a.html",
            "/site/.rooz-cache/ab/x.png",
            "/site/content/programs/.a.yaml.swp",
            "/site/content/programs/a.yaml~",
            "/site/content/programs/4913",
            "/site/README.md",
            "/elsewhere/content/a.yaml",
        ] {
            assert!(!counts(Path::new(p), root, output), "{p}");
        }
        // An output inside a watched folder is not a change either, nor
        // are its staging and spare folders beside it.
        let inside = Path::new("/site/content/out");
        for p in [
            "/site/content/out/index.html",
            "/site/content/.out.rooz-new-7/index.html",
            "/site/content/.out.rooz-old-7-2/day/index.html",
        ] {
            assert!(!counts(Path::new(p), root, inside), "{p}");
        }
    }
}
