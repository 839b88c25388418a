// How fast `rooz serve` shows an edit: from writing one programme file to
// the reload message reaching a listening page (a WebSocket client, as the
// page's script is), and on to the cards and PDFs typeset after it.
//
//   node bench/serve.mjs ROOZ_BINARY [RUNS] [SITE]
//
// SITE defaults to this checkout (the example week, with its themes/ and
// fonts); it is copied to a temporary folder first. Prints each run and
// the median, 90th percentile and worst of both figures.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const [rooz, runsArg, siteArg] = process.argv.slice(2);
if (!rooz) {
  console.error("usage: serve.mjs ROOZ_BINARY [RUNS] [SITE]");
  process.exit(2);
}
const runs = Number(runsArg || 20);
const from = path.resolve(siteArg || path.join(here, ".."));
const site = fs.mkdtempSync(path.join(os.tmpdir(), "rooz-serve-bench-"));
for (const dir of ["content", "themes", "templates", "fonts"]) {
  if (fs.existsSync(path.join(from, dir))) {
    fs.cpSync(path.join(from, dir), path.join(site, dir), { recursive: true });
  }
}
const programmes = path.join(site, "content/programs");
const file = path.join(programmes, fs.readdirSync(programmes).sort()[0]);
const original = fs.readFileSync(file, "utf8");

const server = spawn(rooz, ["serve", "--port", "0"], {
  cwd: site,
  env: { ...process.env, NO_COLOR: "1" },
  stdio: ["ignore", "ignore", "pipe"],
});
let said = "";
const port = await new Promise((resolve, reject) => {
  server.stderr.on("data", (chunk) => {
    said += chunk;
    const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(said);
    if (m) resolve(Number(m[1]));
  });
  server.on("exit", (code) => reject(new Error(`rooz serve ended (${code}): ${said}`)));
});

// A WebSocket client, just enough for the server's unmasked text frames.
const messages = [];
let wake = null;
const socket = net.connect(port, "127.0.0.1");
socket.write(
  `GET /__rooz/live HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
);
let buffer = Buffer.alloc(0);
let upgraded = false;
socket.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  if (!upgraded) {
    const end = buffer.indexOf("\r\n\r\n");
    if (end < 0) return;
    upgraded = true;
    buffer = buffer.subarray(end + 4);
  }
  for (;;) {
    if (buffer.length < 2) return;
    let len = buffer[1] & 0x7f;
    let at = 2;
    if (len === 126) {
      if (buffer.length < 4) return;
      len = buffer.readUInt16BE(2);
      at = 4;
    } else if (len === 127) {
      if (buffer.length < 10) return;
      len = Number(buffer.readBigUInt64BE(2));
      at = 10;
    }
    if (buffer.length < at + len) return;
    if ((buffer[0] & 0x0f) === 1) {
      messages.push({ at: performance.now(), state: JSON.parse(buffer.subarray(at, at + len)) });
      if (wake) wake();
    }
    buffer = buffer.subarray(at + len);
  }
});
const next = (want) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no message in 60 s")), 60000);
    const look = () => {
      const i = messages.findIndex((m) => want(m.state));
      if (i >= 0) {
        clearTimeout(timer);
        const [m] = messages.splice(0, i + 1).slice(-1);
        wake = null;
        resolve(m);
      } else wake = look;
    };
    look();
  });

const first = await next(() => true);
let build = first.state.build;
let round = first.state.typeset_round;
const reload = [];
const typeset = [];
for (let run = 0; run < runs; run++) {
  // A real edit: one programme's title changes (and changes back).
  const text = original.replace(/title: (.*)/, (_, t) => `title: ${t} ${run % 2 ? "" : "(edited)"}`.trimEnd());
  await new Promise((r) => setTimeout(r, 400));
  messages.length = 0;
  const t0 = performance.now();
  fs.writeFileSync(file, text);
  const rebuilt = await next((s) => s.build !== build);
  build = rebuilt.state.build;
  reload.push(rebuilt.at - t0);
  const made = rebuilt.state.typesetting ? await next((s) => s.typeset_round !== round) : null;
  if (made) {
    round = made.state.typeset_round;
    typeset.push(made.at - t0);
  }
  console.log(
    `run ${run + 1}: reload message ${(rebuilt.at - t0).toFixed(1)} ms` +
      (made ? `, cards and PDFs ${(made.at - t0).toFixed(0)} ms (${made.state.typeset.length} files)` : ""),
  );
}
socket.destroy();
server.kill();
fs.writeFileSync(file, original);
fs.rmSync(site, { recursive: true, force: true });

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(1)} ms, p90 ${q(0.9).toFixed(1)} ms, worst ${s[s.length - 1].toFixed(1)} ms`;
};
console.log(`edit → reload message (${reload.length} runs): ${stats(reload)}`);
if (typeset.length) console.log(`edit → cards and PDFs typeset (${typeset.length} runs): ${stats(typeset)}`);
