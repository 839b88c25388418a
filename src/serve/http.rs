//! The HTTP side of `rooz serve`: one request per connection, read with
//! limits, answered from the output folder. [`resolve`] is the only way
//! from a request target to a file, and it never leaves the folder.

use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

/// Longest request head (request line and headers) read.
const MAX_HEAD: usize = 16 * 1024;
/// How long a client may take to send its request.
const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// A parsed request: only what serving files needs.
#[derive(Debug, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// The raw request target (`/day/1/index.html?x`).
    pub target: String,
    /// Header names lower-cased, in order.
    pub headers: Vec<(String, String)>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Why a request could not be read: the answer's status and reason.
#[derive(Debug, PartialEq, Eq)]
pub struct Malformed(pub u16, pub &'static str);

/// Reads one request head from `stream` (the body, if any, is ignored:
/// only GET and HEAD are served).
pub fn read_request(stream: &TcpStream) -> Result<Request, Malformed> {
    let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
    let mut reader = BufReader::new(stream.take(MAX_HEAD as u64 + 1));
    let mut head = Vec::new();
    loop {
        let mut line = Vec::new();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => return Err(Malformed(400, "the request ended early")),
            Ok(_) => {}
            Err(_) => return Err(Malformed(408, "the request took too long")),
        }
        if head.len() + line.len() > MAX_HEAD {
            return Err(Malformed(431, "the request head is too long"));
        }
        let blank = line == b"\r\n" || line == b"\n";
        head.extend_from_slice(&line);
        if blank {
            break;
        }
    }
    parse_head(&head)
}

/// A request head: the request line, then headers, up to a blank line.
pub fn parse_head(head: &[u8]) -> Result<Request, Malformed> {
    let text = std::str::from_utf8(head).map_err(|_| Malformed(400, "the request is not UTF-8"))?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let first = lines.next().unwrap_or_default();
    let mut parts = first.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Malformed(
            400,
            "the request line is not METHOD TARGET VERSION",
        ));
    };
    if !version.starts_with("HTTP/1.") {
        return Err(Malformed(505, "only HTTP/1.x is spoken here"));
    }
    let mut headers = Vec::new();
    for line in lines.take_while(|l| !l.is_empty()) {
        let (name, value) = line
            .split_once(':')
            .ok_or(Malformed(400, "a header line without a colon"))?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
    Ok(Request {
        method: method.to_string(),
        target: target.to_string(),
        headers,
    })
}

/// Why a target was not resolved to a file.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// Not a path this server can answer (400): `..`, an encoded slash or
    /// backslash, a NUL, a target that is not an absolute path.
    Bad(&'static str),
    /// A file that is there but outside the output (a symlink out): 403.
    Outside,
    /// Nothing there: 404.
    Missing,
    /// A folder asked for without its final slash: redirect there (so
    /// relative links in its `index.html` work).
    Slash(String),
}

/// The file a request target names inside `root` (which must be
/// canonical). Every segment is percent-decoded on its own and must be a
/// plain name; the result, with symlinks followed, must still be inside
/// `root`. Folders give their `index.html`.
pub fn resolve(root: &Path, target: &str) -> Result<PathBuf, Refused> {
    let relative = relative_path(target)?;
    let path = root.join(&relative);
    let real = match fs::canonicalize(&path) {
        Ok(p) => p,
        // A dangling symlink, or nothing.
        Err(_) => return Err(Refused::Missing),
    };
    if !real.starts_with(root) {
        return Err(Refused::Outside);
    }
    let meta = fs::metadata(&real).map_err(|_| Refused::Missing)?;
    if meta.is_dir() {
        let path_part = target.split(['?', '#']).next().unwrap_or_default();
        if !path_part.ends_with('/') {
            // `//day` must not become `//day/`, a link to the host `day`.
            return Err(Refused::Slash(format!(
                "/{}/",
                path_part.trim_start_matches('/')
            )));
        }
        let index = real.join("index.html");
        let index_real = fs::canonicalize(&index).map_err(|_| Refused::Missing)?;
        if !index_real.starts_with(root) {
            return Err(Refused::Outside);
        }
        return match fs::metadata(&index_real) {
            Ok(m) if m.is_file() => Ok(index_real),
            _ => Err(Refused::Missing),
        };
    }
    if !meta.is_file() {
        return Err(Refused::Missing);
    }
    Ok(real)
}

/// The relative path a target names, checked segment by segment; nothing
/// here touches the file system (this is what the fuzzer drives).
pub fn relative_path(target: &str) -> Result<PathBuf, Refused> {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    if !path.starts_with('/') {
        return Err(Refused::Bad("the target is not an absolute path"));
    }
    let mut out = PathBuf::new();
    for raw in path[1..].split('/') {
        if raw.is_empty() {
            // `/day//x`: an empty segment could only come from a slip.
            continue;
        }
        let bytes = percent_decode(raw).ok_or(Refused::Bad("a broken percent escape"))?;
        let segment =
            String::from_utf8(bytes).map_err(|_| Refused::Bad("a segment that is not UTF-8"))?;
        if segment.contains(['/', '\\', '\0']) {
            return Err(Refused::Bad("a slash, backslash or NUL inside a segment"));
        }
        if segment == "." || segment == ".." {
            return Err(Refused::Bad("a . or .. segment"));
        }
        // On every system, a segment must be one plain name: no drive
        // (`C:`), no root, nothing the platform reads as more than a name.
        let mut components = Path::new(&segment).components();
        match (components.next(), components.next()) {
            (Some(Component::Normal(_)), None) if !segment.contains(':') => {}
            _ => return Err(Refused::Bad("a segment that is not a plain name")),
        }
        out.push(segment);
    }
    Ok(out)
}

/// `%xx` escapes decoded; `None` when one is broken.
fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The media type of a file, by its extension: every kind a rooz site
/// holds, and the usual others a theme may bring.
pub fn media_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml",
        "atom" => "application/atom+xml",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        _ => "application/octet-stream",
    }
}

/// One answer: status, headers, body. Every answer forbids caching (a
/// rebuilt page must never be shown stale) and sniffing.
pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, media_type: &str, body: Vec<u8>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", media_type.to_string())],
            body,
        }
    }

    pub fn text(status: u16, text: &str) -> Response {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            format!("{status} {}: {text}\n", reason(status)).into_bytes(),
        )
    }

    /// Writes the answer (only its head for HEAD requests) and closes.
    pub fn send(self, stream: &mut TcpStream, head_only: bool) -> io::Result<()> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
            self.body.len()
        ));
        stream.write_all(head.as_bytes())?;
        if !head_only {
            stream.write_all(&self.body)?;
        }
        stream.flush()
    }
}

pub fn reason(status: u16) -> &'static str {
    match status {
        101 => "Switching Protocols",
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bad(target: &str) -> bool {
        matches!(relative_path(target), Err(Refused::Bad(_)))
    }

    #[test]
    fn plain_paths_resolve_to_their_segments() {
        assert_eq!(
            relative_path("/day/1/index.html?x=1#top").unwrap(),
            Path::new("day").join("1").join("index.html")
        );
        assert_eq!(relative_path("/").unwrap(), PathBuf::new());
        assert_eq!(
            relative_path("/programs/%D8%A7%D9%84%D9%81/").unwrap(),
            Path::new("programs").join("الف")
        );
    }

    #[test]
    fn every_way_out_is_refused() {
        for target in [
            "/../etc/passwd",
            "/day/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2e%2e/etc/passwd",
            "/.%2e/etc/passwd",
            "/day%2f..%2f..%2fetc/passwd",
            "/..%5c..%5cetc/passwd",
            "/day\\..\\..\\etc",
            "/index.html%00.png",
            "/C:/Windows/win.ini",
            "/c%3a/windows",
            "etc/passwd",
            "http://evil/etc/passwd",
            "*",
            "/%zz",
            "/%",
            "/%ff%fe",
            "/.",
        ] {
            assert!(bad(target), "{target} was not refused");
        }
        // An absolute path after the root slash is only an empty segment:
        // it stays inside.
        assert_eq!(
            relative_path("//etc/passwd").unwrap(),
            Path::new("etc").join("passwd")
        );
    }

    #[test]
    fn heads_are_parsed_and_limited() {
        let r = parse_head(b"GET /a HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n\r\n").unwrap();
        assert_eq!(r.method, "GET");
        assert_eq!(r.target, "/a");
        assert_eq!(r.header("upgrade"), Some("websocket"));
        assert_eq!(parse_head(b"GET /a\r\n\r\n").unwrap_err().0, 400);
        assert_eq!(parse_head(b"GET /a HTTP/2\r\n\r\n").unwrap_err().0, 505);
        assert_eq!(
            parse_head(b"GET /a HTTP/1.1\r\nbroken\r\n\r\n")
                .unwrap_err()
                .0,
            400
        );
    }

    #[test]
    fn media_types_cover_what_a_site_holds() {
        for (file, kind) in [
            ("a.html", "text/html; charset=utf-8"),
            ("a.css", "text/css; charset=utf-8"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("a.svg", "image/svg+xml"),
            ("a.PNG", "image/png"),
            ("a.pdf", "application/pdf"),
            ("a.ics", "text/calendar; charset=utf-8"),
            ("a.json", "application/json"),
            ("a.xml", "application/xml"),
            ("a.zip", "application/zip"),
            ("a.woff2", "font/woff2"),
            ("a", "application/octet-stream"),
        ] {
            assert_eq!(media_type(Path::new(file)), kind, "{file}");
        }
    }
}
