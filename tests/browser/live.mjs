// `rooz serve` in a real browser: a page open in Chromium reloads by itself
// after an edit; a broken edit shows the overlay with the file, line and
// column of the mistake over the last good page; the fix clears it.
//
//   node tests/browser/live.mjs ROOZ_BINARY WORK_DIR
//
// Also times, as the browser sees it, an edit until the page shows it
// (printed, not asserted: timings belong to bench/serve.mjs).
import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const [rooz, work] = process.argv.slice(2);
if (!rooz || !work) {
  console.error("usage: live.mjs ROOZ_BINARY WORK_DIR");
  process.exit(2);
}
const artifacts = path.join(here, "artifacts");
fs.mkdirSync(artifacts, { recursive: true });

const site = path.join(work, "live-site");
fs.cpSync(path.join(repo, "tests/fixtures/en-week"), site, { recursive: true });
const families = path.join(site, "content/programs/families.yaml");
const edit = (find, replace) => {
  const text = fs.readFileSync(families, "utf8");
  if (!text.includes(find)) throw new Error(`${find} is not in families.yaml`);
  fs.writeFileSync(families, text.replace(find, replace));
};

const server = spawn(rooz, ["serve", "--port", "0", "--no-typeset"], {
  cwd: site,
  env: { ...process.env, NO_COLOR: "1" },
  stdio: ["ignore", "ignore", "pipe"],
});
let said = "";
const base = await new Promise((resolve, reject) => {
  server.stderr.on("data", (chunk) => {
    said += chunk;
    const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(said);
    if (m) resolve(m[0]);
  });
  server.on("exit", (code) => reject(new Error(`rooz serve ended (${code}): ${said}`)));
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
});
const failures = [];
const check = (ok, what) => {
  if (!ok) failures.push(what);
};
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${base}programs/opening-parade/`);
  await page.waitForFunction(() => document.querySelector("h1")?.textContent.includes("Opening parade"));
  // The socket is open once the script has had the first state.
  await page.waitForTimeout(300);

  // An edit: the open page reloads and shows it.
  let started = Date.now();
  edit("title: Opening parade", "title: Opening parade on the quay");
  await page.waitForFunction(
    () => document.querySelector("h1")?.textContent.includes("on the quay"),
    null,
    { timeout: 30000 },
  );
  console.log(`live: an edit shown by the open page after ${Date.now() - started} ms`);

  // A mistake: the overlay names the file, line and column, over the page
  // of the last good build.
  edit("date: 2027-03-08", "date: 2027-13-08");
  await page.waitForSelector("rooz-error", { timeout: 30000 });
  const overlay = await page.evaluate(() => {
    const root = document.querySelector("rooz-error").shadowRoot;
    return {
      text: root.querySelector("pre").textContent,
      role: root.querySelector("[role=alert]") !== null,
      // Styled under the page's Content-Security-Policy.
      position: getComputedStyle(document.querySelector("rooz-error")).position,
    };
  });
  check(overlay.position === "fixed", `the overlay is styled (position ${overlay.position})`);
  check(/content\/programs\/families\.yaml:17:\d+/.test(overlay.text), `the overlay names the place: ${overlay.text}`);
  check(overlay.text.includes("2027-13-08"), "the overlay shows the line");
  check(overlay.role, "the overlay is an alert");
  check(
    (await page.locator("h1").textContent()).includes("on the quay"),
    "the last good page stays under the overlay",
  );
  await page.screenshot({ path: path.join(artifacts, "serve-overlay-390.png") });
  // A page opened while the site is broken shows it too.
  const other = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await other.goto(`${base}calendar/`);
  await other.waitForSelector("rooz-error", { timeout: 30000 });
  await other.screenshot({ path: path.join(artifacts, "serve-overlay-1280.png") });

  // The fix: the overlay goes, the page reloads.
  started = Date.now();
  edit("date: 2027-13-08", "date: 2027-03-08");
  await page.waitForFunction(() => !document.querySelector("rooz-error"), null, { timeout: 30000 });
  await other.waitForFunction(() => !document.querySelector("rooz-error"), null, { timeout: 30000 });
  console.log(`live: the fix cleared the overlay after ${Date.now() - started} ms`);
  check(errors.length === 0, `no script error: ${errors.join("; ")}`);
} finally {
  await browser.close();
  server.kill();
}
if (failures.length) {
  console.error(`live: ${failures.length} failure(s):\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
console.log("live: reload, overlay and its clearing work in Chromium");
