//! `rooz serve` over real sockets: files with their media types, the live
//! script only in served pages (never in the built files), an edit rebuilt
//! and announced over the WebSocket, a broken edit announced with its
//! location while the last good pages stay served, the fix clearing it,
//! and every way out of the output folder refused.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

/// A running `rooz serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    /// The lines it prints, as they come.
    lines: Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &Path, extra: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rooz"))
        .args(["serve", "--port", "0"])
        .args(extra)
        .current_dir(site)
        .env("NO_COLOR", "1")
        .env("ROOZ_FONTS", "/nonexistent/rooz-fonts")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take();
    let (tx, lines) = std::sync::mpsc::channel();
    // Stopped when dropped, even if it never says where it serves.
    let mut server = Server {
        child,
        port: 0,
        lines,
    };
    let stderr = stderr.unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let line = server
            .lines
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("rooz serve said where it serves");
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            server.port = rest.split('/').next().unwrap().parse().unwrap();
            return server;
        }
    }
}

/// One raw request; the status, the headers (names lower-cased) and the
/// body.
fn request(port: u16, target: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    let split = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a head");
    let head = String::from_utf8_lossy(&answer[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    (status, headers, answer[split + 4..].to_vec())
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map_or("", |(_, v)| v.as_str())
}

/// A WebSocket to the live-reload endpoint.
struct Socket(TcpStream);

impl Socket {
    fn open(port: u16, origin: Option<&str>) -> Result<Socket, String> {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        let origin = origin.map_or(String::new(), |o| format!("Origin: {o}\r\n"));
        write!(
            stream,
            "GET /__rooz/live HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n{origin}\r\n"
        )
        .unwrap();
        let mut head = Vec::new();
        let mut byte = [0];
        while !head.ends_with(b"\r\n\r\n") {
            stream.read_exact(&mut byte).unwrap();
            head.push(byte[0]);
        }
        let head = String::from_utf8(head).unwrap();
        if !head.starts_with("HTTP/1.1 101") {
            return Err(head);
        }
        assert!(
            head.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="),
            "{head}"
        );
        Ok(Socket(stream))
    }

    /// The next text message (pings skipped).
    fn next(&mut self, timeout: Duration) -> serde_json::Value {
        self.0.set_read_timeout(Some(timeout)).unwrap();
        loop {
            let mut head = [0u8; 2];
            self.0.read_exact(&mut head).expect("a message in time");
            let len = match head[1] & 0x7f {
                126 => {
                    let mut b = [0u8; 2];
                    self.0.read_exact(&mut b).unwrap();
                    u16::from_be_bytes(b) as usize
                }
                127 => {
                    let mut b = [0u8; 8];
                    self.0.read_exact(&mut b).unwrap();
                    u64::from_be_bytes(b) as usize
                }
                n => n as usize,
            };
            let mut payload = vec![0; len];
            self.0.read_exact(&mut payload).unwrap();
            if head[0] & 0x0f == 1 {
                return serde_json::from_slice(&payload).unwrap();
            }
        }
    }

    /// Waits for a message that `want` accepts.
    fn until(&mut self, want: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "no such message in time");
            let message = self.next(left);
            if want(&message) {
                return message;
            }
        }
    }
}

fn edit(path: &Path, find: &str, replace: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(find), "{find} not in {}", path.display());
    std::fs::write(path, text.replacen(find, replace, 1)).unwrap();
}

#[test]
fn files_are_served_with_their_media_types_and_only_served_pages_listen() {
    let site = common::site("en-week");
    let server = start(site.path(), &[]);
    let output = site.path().join("output");
    let expect = [
        ("html", "text/html; charset=utf-8"),
        ("css", "text/css; charset=utf-8"),
        ("js", "text/javascript; charset=utf-8"),
        ("svg", "image/svg+xml"),
        ("png", "image/png"),
        ("pdf", "application/pdf"),
        ("ics", "text/calendar; charset=utf-8"),
        ("json", "application/json"),
        ("xml", "application/xml"),
        ("zip", "application/zip"),
    ];
    for (extension, kind) in expect {
        let file = common::files_ending(&output, &format!(".{extension}"))
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("the site has a .{extension}"));
        let relative = file
            .strip_prefix(&output)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let (status, headers, body) = request(server.port, &format!("/{relative}"));
        assert_eq!(status, 200, "{relative}");
        assert_eq!(header(&headers, "content-type"), kind, "{relative}");
        assert_eq!(header(&headers, "cache-control"), "no-store", "{relative}");
        if extension != "html" {
            assert_eq!(body, std::fs::read(&file).unwrap(), "{relative} as built");
        }
    }
    // A folder gives its index page, with the live script; without its
    // slash it redirects (so the page's relative links work).
    let (status, _, body) = request(server.port, "/");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).contains("/__rooz/live.js"));
    let (status, headers, _) = request(server.port, "/calendar");
    assert_eq!((status, header(&headers, "location")), (301, "/calendar/"));
    // Never to another host (`//calendar/` would be one).
    let (status, headers, _) = request(server.port, "//calendar");
    assert_eq!((status, header(&headers, "location")), (301, "/calendar/"));
    let (status, _, body) = request(server.port, "/no/such/page/");
    assert_eq!(status, 404);
    let page = String::from_utf8_lossy(&body);
    assert!(
        page.contains("/__rooz/live.js"),
        "the site's 404 page, listening"
    );
    assert_eq!(
        page.replace(&live_tag(&page), ""),
        std::fs::read_to_string(output.join("404.html")).unwrap()
    );
    let (status, headers, _) = request(server.port, "/__rooz/live.js");
    assert_eq!(status, 200);
    assert!(header(&headers, "content-type").starts_with("text/javascript"));
    // The built files never carry it.
    for page in common::files_ending(&output, ".html") {
        let text = std::fs::read_to_string(&page).unwrap();
        assert!(
            !text.contains("__rooz"),
            "{} has the live script",
            page.display()
        );
    }
    // Another site's page may not listen.
    let refused = Socket::open(server.port, Some("http://evil.example")).err();
    assert!(refused.is_some_and(|h| h.starts_with("HTTP/1.1 403")));
}

/// The live script's tag in a served page.
fn live_tag(page: &str) -> String {
    let start = page.find("<script src=\"/__rooz/live.js\"").unwrap();
    let end = start + page[start..].find("</script>").unwrap() + "</script>".len();
    page[start..end].to_string()
}

#[test]
fn edits_reload_mistakes_show_where_they_are_and_the_fix_clears_them() {
    let site = common::site("en-week");
    let server = start(site.path(), &[]);
    let mut socket = Socket::open(
        server.port,
        Some(&format!("http://127.0.0.1:{}", server.port)),
    )
    .unwrap();
    let first = socket.next(Duration::from_secs(10));
    assert!(first["error"].is_null(), "{first}");
    let build = first["build"].as_str().unwrap().to_string();
    let (_, _, page) = request(server.port, "/");
    assert!(String::from_utf8_lossy(&page).contains(&format!("data-build=\"{build}\"")));

    // An edit: a new build, announced, and served.
    let families = site.path().join("content/programs/families.yaml");
    edit(
        &families,
        "title: Opening parade",
        "title: Opening parade on the quay",
    );
    let rebuilt = socket.until(|m| m["build"] != build.as_str());
    assert!(rebuilt["error"].is_null(), "{rebuilt}");
    let (status, _, page) = request(server.port, "/programs/opening-parade/");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&page).contains("Opening parade on the quay"));
    // The day's bulletin PDF was carried over, then typeset and announced.
    let typeset = socket.until(|m| m["typeset_round"].as_u64() > Some(0));
    let made: Vec<&str> = typeset["typeset"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(made.iter().any(|p| p.ends_with(".pdf")), "{made:?}");

    // A mistake: announced with its file, line and column; the last good
    // pages stay.
    edit(&families, "date: 2027-03-08", "date: 2027-13-08");
    let broken = socket.until(|m| !m["error"].is_null());
    let text = broken["error"].as_str().unwrap();
    assert!(
        text.contains("content/programs/families.yaml:17:"),
        "the location of the mistake: {text}"
    );
    assert!(text.contains("2027-13-08"), "the line itself: {text}");
    let (status, _, page) = request(server.port, "/programs/opening-parade/");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&page).contains("Opening parade on the quay"));
    // The terminal too (its lines may still be on their way).
    let mut said = String::new();
    while !said.contains("families.yaml:17:") {
        match server.lines.recv_timeout(Duration::from_secs(30)) {
            Ok(line) => said.push_str(&(line + "\n")),
            Err(_) => break,
        }
    }
    assert!(
        said.contains("families.yaml:17:"),
        "the terminal too: {said}"
    );

    // The fix clears it.
    edit(&families, "date: 2027-13-08", "date: 2027-03-08");
    let fixed = socket.until(|m| m["error"].is_null());
    assert_ne!(fixed["build"], rebuilt["build"]);
}

#[test]
fn no_request_leaves_the_output_folder() {
    let site = common::site("en-week");
    let server = start(site.path(), &["--no-typeset"]);
    let outside = site.path().join("secret.txt");
    std::fs::write(&outside, "SECRET").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&outside, site.path().join("output/link.txt")).unwrap();
        std::os::unix::fs::symlink(site.path(), site.path().join("output/up")).unwrap();
    }
    let attempts = [
        "/../secret.txt",
        "/../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/.%2e/secret.txt",
        "/calendar%2f..%2f..%2fsecret.txt",
        "/..%2fsecret.txt",
        "/..\\secret.txt",
        "/calendar\\..\\..\\secret.txt",
        "/..%5csecret.txt",
        "/index.html%00.png",
        "/%00",
        "//etc/passwd",
        "/etc/passwd",
        "/C:/Windows/win.ini",
        "http://127.0.0.1/../secret.txt",
        "/link.txt",
        "/up/secret.txt",
    ];
    for target in attempts {
        let (status, _, body) = request(server.port, target);
        assert!(matches!(status, 400 | 403 | 404), "{target}: {status}");
        let body = String::from_utf8_lossy(&body);
        assert!(
            !body.contains("SECRET") && !body.contains("root:"),
            "{target}"
        );
    }
    let (status, _, _) = request(server.port, "/link.txt");
    #[cfg(unix)]
    assert_eq!(status, 403, "a symlink out is forbidden");
}

#[test]
fn a_templates_folder_made_while_serving_is_watched() {
    let site = common::site("en-week");
    let server = start(site.path(), &["--no-typeset"]);
    let mut socket = Socket::open(
        server.port,
        Some(&format!("http://127.0.0.1:{}", server.port)),
    )
    .unwrap();
    let first = socket.next(Duration::from_secs(10));
    let templates = site.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    let made = socket.until(|m| m["build"] != first["build"]);
    // An edit inside the new folder is seen.
    let own = |text: &str| {
        format!(
            "{{% extends \"theme/base.html\" %}}{{% block head %}}<meta name=\"x-site\" content=\"{text}\">{{% endblock head %}}"
        )
    };
    std::fs::write(templates.join("base.html"), own("one")).unwrap();
    let one = socket.until(|m| m["build"] != made["build"]);
    let (_, _, page) = request(server.port, "/calendar/");
    assert!(String::from_utf8_lossy(&page).contains("content=\"one\""));
    std::fs::write(templates.join("base.html"), own("two")).unwrap();
    socket.until(|m| m["build"] != one["build"]);
    let (_, _, page) = request(server.port, "/calendar/");
    assert!(String::from_utf8_lossy(&page).contains("content=\"two\""));
}
