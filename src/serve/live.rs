//! Live reload: what the open pages are told after each build, over a
//! WebSocket (`/__rooz/live`), and the script that listens
//! (`/__rooz/live.js`). A WebSocket rather than server-sent events: those
//! count against the browser's six connections per host, so a seventh tab
//! would hang.
//!
//! Every page served carries the build it came from; on each change the
//! server sends the state — the current build, the error of the last
//! rebuild if it failed, the typeset files made since — and the script
//! reloads, shows the error over the page, or clears it.

use std::io::{self, Write};
use std::net::TcpStream;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use serde::Serialize;

/// The script injected into every page served (and into no built page).
pub const SCRIPT: &str = include_str!("live.js");
/// Where the script and the socket are served.
pub const SCRIPT_PATH: &str = "/__rooz/live.js";
pub const SOCKET_PATH: &str = "/__rooz/live";

/// How often an idle socket is pinged, so closed tabs are noticed.
const PING: Duration = Duration::from_secs(20);

/// What the pages are told.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct State {
    /// The build the pages should show: `<session>-<n>`; a page of another
    /// build reloads.
    pub build: String,
    /// The last rebuild's diagnostics, as the terminal shows them, while
    /// the last good build stays served.
    pub error: Option<String>,
    /// Whether cards and PDFs carried over from the last build are being
    /// typeset now (a `typeset_round` follows).
    pub typesetting: bool,
    /// Counts the typeset passes (cards and PDFs made after the pages).
    pub typeset_round: u64,
    /// The files that pass made: a page showing one of them reloads.
    pub typeset: Vec<String>,
}

/// The state, shared by the rebuild loop and every socket.
pub struct Live {
    session: String,
    inner: Mutex<(u64, State)>,
    changed: Condvar,
}

impl Live {
    pub fn new(session: String) -> Live {
        let state = State {
            build: format!("{session}-0"),
            error: None,
            typesetting: false,
            typeset_round: 0,
            typeset: Vec::new(),
        };
        Live {
            session,
            inner: Mutex::new((0, state)),
            changed: Condvar::new(),
        }
    }

    /// The state now, and its version.
    pub fn now(&self) -> (u64, State) {
        self.inner.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn update(&self, change: impl FnOnce(&mut State)) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        change(&mut inner.1);
        inner.0 += 1;
        self.changed.notify_all();
    }

    /// A build succeeded: pages of earlier builds reload, the error clears;
    /// `typesetting` when cards and PDFs follow.
    pub fn built(&self, n: u64, typesetting: bool) {
        let build = format!("{}-{n}", self.session);
        self.update(|s| {
            s.build = build;
            s.error = None;
            s.typesetting = typesetting;
        });
    }

    /// A rebuild failed: the error shows over the pages (still the last
    /// good build).
    pub fn failed(&self, text: String) {
        self.update(|s| s.error = Some(text));
    }

    /// Cards and PDFs made after the pages they belong to.
    pub fn typeset(&self, paths: Vec<String>) {
        self.update(|s| {
            s.typesetting = false;
            s.typeset_round += 1;
            s.typeset = paths;
        });
    }

    /// Waits until the state is newer than `seen` (or `timeout` passes).
    fn wait(&self, seen: u64, timeout: Duration) -> Option<(u64, State)> {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let (inner, _) = self
            .changed
            .wait_timeout_while(inner, timeout, |(v, _)| *v == seen)
            .unwrap_or_else(|e| e.into_inner());
        (inner.0 != seen).then(|| inner.clone())
    }
}

/// The `Sec-WebSocket-Accept` answer to a client's key (RFC 6455, 4.2.2).
pub fn accept_key(key: &str) -> String {
    use base64::Engine;
    let mut sha = sha1_smol::Sha1::new();
    sha.update(key.trim().as_bytes());
    sha.update(b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
    base64::engine::general_purpose::STANDARD.encode(sha.digest().bytes())
}

/// One unmasked frame from the server: FIN, the opcode, the length.
fn frame(opcode: u8, payload: &[u8]) -> Vec<u8> {
    let mut out = vec![0x80 | opcode];
    match payload.len() {
        n if n < 126 => out.push(n as u8),
        n if n <= 0xffff => {
            out.push(126);
            out.extend_from_slice(&(n as u16).to_be_bytes());
        }
        n => {
            out.push(127);
            out.extend_from_slice(&(n as u64).to_be_bytes());
        }
    }
    out.extend_from_slice(payload);
    out
}

/// Holds one socket open: sends the state at once, then at every change,
/// and pings when idle. Ends when the page goes away.
pub fn talk(mut stream: TcpStream, key: &str, live: &Live) -> io::Result<()> {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
    write!(
        stream,
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {}\r\n\r\n",
        accept_key(key)
    )?;
    let (mut seen, state) = live.now();
    send(&mut stream, &state)?;
    loop {
        match live.wait(seen, PING) {
            Some((version, state)) => {
                seen = version;
                send(&mut stream, &state)?;
            }
            None => stream.write_all(&frame(0x9, b""))?,
        }
    }
}

fn send(stream: &mut TcpStream, state: &State) -> io::Result<()> {
    let json = serde_json::to_vec(state).map_err(io::Error::other)?;
    stream.write_all(&frame(0x1, &json))?;
    stream.flush()
}

/// `html` with the live script added before `</body>` (at the end when
/// there is none), telling it which build and typeset round the page is
/// from.
pub fn inject(html: &[u8], state: &State) -> Vec<u8> {
    let tag = format!(
        "<script src=\"{SCRIPT_PATH}\" data-build=\"{}\" data-round=\"{}\"></script>",
        state.build, state.typeset_round
    );
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Whether a WebSocket's `Origin` is this server (or absent, as for tools):
/// another site open in the browser must not read the build's errors.
pub fn same_origin(origin: Option<&str>, host: Option<&str>) -> bool {
    // The Host a page of another site could send through a name it points
    // here (DNS rebinding) is a name: only addresses and localhost pass.
    let local = |host: &str| {
        host.parse::<std::net::SocketAddr>().is_ok()
            || host.parse::<std::net::IpAddr>().is_ok()
            || host == "localhost"
            || host.starts_with("localhost:")
    };
    if host.is_some_and(|h| !local(h)) {
        return false;
    }
    match (origin, host) {
        (None, _) => true,
        (Some(origin), Some(host)) => {
            origin
                .strip_prefix("http://")
                .or_else(|| origin.strip_prefix("https://"))
                == Some(host)
        }
        (Some(_), None) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_accept_key_is_the_one_of_rfc_6455() {
        assert_eq!(
            accept_key("dGhlIHNhbXBsZSBub25jZQ=="),
            "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
        );
    }

    #[test]
    fn frames_carry_their_length() {
        assert_eq!(frame(1, b"hi"), vec![0x81, 2, b'h', b'i']);
        let long = frame(1, &[0; 300]);
        assert_eq!(&long[..4], &[0x81, 126, 1, 44]);
        assert_eq!(long.len(), 304);
        assert_eq!(frame(1, &[0; 70_000])[1], 127);
    }

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let live = Live::new("s".into());
        live.built(3, false);
        let state = live.now().1;
        let page = inject(b"<p>&lt;/body&gt;</p></body></html>", &state);
        assert_eq!(
            String::from_utf8(page).unwrap(),
            "<p>&lt;/body&gt;</p><script src=\"/__rooz/live.js\" data-build=\"s-3\" data-round=\"0\"></script></body></html>"
        );
        assert!(inject(b"<p>x", &state).ends_with(b"</script>"));
    }

    #[test]
    fn only_this_server_may_open_the_socket() {
        assert!(same_origin(None, Some("127.0.0.1:1111")));
        assert!(same_origin(
            Some("http://127.0.0.1:1111"),
            Some("127.0.0.1:1111")
        ));
        assert!(!same_origin(
            Some("http://evil.example"),
            Some("127.0.0.1:1111")
        ));
        assert!(!same_origin(
            Some("http://rebound.example:1111"),
            Some("rebound.example:1111")
        ));
    }

    #[test]
    fn a_change_wakes_the_waiting_socket() {
        let live = Live::new("t".into());
        let (seen, _) = live.now();
        assert!(live.wait(seen, Duration::from_millis(1)).is_none());
        live.failed("broken".into());
        let (_, state) = live.wait(seen, Duration::from_secs(1)).unwrap();
        assert_eq!(state.error.as_deref(), Some("broken"));
        live.built(1, false);
        let state = live.now().1;
        assert_eq!((state.build.as_str(), state.error), ("t-1", None));
    }
}
