// A minimal static server for the browser tests: serves a built site on
// 127.0.0.1, folders as their index.html, unknown paths as 404.html (404).
import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".woff2": "font/woff2", ".png": "image/png", ".jpg": "image/jpeg", ".svg": "image/svg+xml",
  ".xml": "application/xml", ".json": "application/json", ".ics": "text/calendar", ".pdf": "application/pdf",
  ".txt": "text/plain; charset=utf-8", ".zip": "application/zip", ".csv": "text/csv; charset=utf-8",
};

export function serve(root, prefix = "/") {
  const server = http.createServer((req, res) => {
    let url = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!url.startsWith(prefix)) { res.writeHead(404); res.end(); return; }
    let file = path.join(root, url.slice(prefix.length));
    if (!file.startsWith(root)) { res.writeHead(403); res.end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) {
      res.writeHead(404, { "content-type": TYPES[".html"] });
      res.end(fs.readFileSync(path.join(root, "404.html")));
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

// The built site at `root` served at the path of its base URL (from its
// canonical link), as a real server would, so root-relative links (the
// 404 page's) are tested for real: { server, base }.
export async function serveAtBase(root) {
  const canonical = /<link rel="canonical" href="([^"]+)"/.exec(fs.readFileSync(path.join(root, "index.html"), "utf8"));
  const prefix = canonical ? new URL(canonical[1]).pathname : "/";
  const server = await serve(root, prefix);
  return { server, base: `http://127.0.0.1:${server.address().port}${prefix}` };
}

// Headless Chromium as every browser check starts it.
export const chromiumOptions = {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};
