// Search in a real browser (Chromium, no flag that relaxes file access),
// from a served folder and from file://.
//
//   node tests/browser/search.mjs ROOZ_BINARY WORK_DIR
//
// Builds the example week with one more programme spelled the Persian way
// («سفره هفت‌سین … ۱۴۰۵», ZWNJ, Persian digits), then types Arabic-letter,
// ZWNJ-less, spaced and Latin-digit queries and expects that programme (and
// «کتاب» with an Arabic kaf to find the book launch); builds the English
// fixture and expects an English query to find its programme. Prints the
// query time the page measured.
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { serve } from "./serve.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const [rooz, work] = process.argv.slice(2);
if (!rooz || !work) {
  console.error("usage: search.mjs ROOZ_BINARY WORK_DIR");
  process.exit(2);
}
const failures = [];

// The example week, plus a programme whose title a reader may spell many ways.
const site = path.join(work, "search-site");
fs.cpSync(path.join(repo, "content"), path.join(site, "content"), { recursive: true });
fs.appendFileSync(path.join(site, "content/programs/artists.yaml"), `
  - id: artists-haft-sin
    title: سفره هفت‌سین مهدوی ۱۴۰۵ در مسجد جامع
    date: 1405-09-01
    start: "17:00"
    headquarters: cultural-social
    axes: [hope]
    county: boyer-ahmad
    venue: مسجد جامع یاسوج
`);
const out = path.join(work, "search-out");
execFileSync(rooz, ["build", "--no-typeset", "--root", site, "--output", out], { stdio: "inherit" });
const english = path.join(work, "search-english");
execFileSync(rooz, ["build", "--no-typeset", "--root", path.join(repo, "tests/fixtures/en-week"), "--output", english], { stdio: "inherit" });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

const HAFT_SIN = "سفره هفت‌سین مهدوی ۱۴۰۵ در مسجد جامع";
const cases = [
  ["هفت‌سین", HAFT_SIN],      // as written
  ["هفت سین", HAFT_SIN],      // a space for the ZWNJ
  ["هفتسین", HAFT_SIN],       // nothing for the ZWNJ
  ["هفت سين", HAFT_SIN],      // Arabic yeh
  ["سفرة هفتسين", HAFT_SIN],   // teh marbuta, Arabic yeh, no ZWNJ
  ["1405 مهدوی", HAFT_SIN],   // Latin digits for Persian ones
  ["۱۴۰۵ مهدوي", HAFT_SIN],
  ["مَهدَوی", HAFT_SIN],       // harakat
  ["كتاب مادران", "رونمایی از کتاب «مادران صبور»؛ روایت مادران شهدای استان"], // Arabic kaf
];
const times = [];

async function check(label, pageUrl, query, expected) {
  const context = await browser.newContext({ viewport: { width: 390, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  await page.goto(pageUrl, { waitUntil: "load" });
  const input = page.locator("[data-search] input[name=q]");
  await input.fill(query);
  await page.locator("[data-search] button[type=submit]").click();
  try {
    await page.waitForFunction((q) => document.querySelector("[data-search]").getAttribute("data-searched") === q, query, { timeout: 5000 });
  } catch {
    problems.push("no answer within 5 s");
  }
  const titles = await page.locator("[data-search-results] li h2 a").allTextContents();
  if (!titles.includes(expected)) problems.push(`«${expected}» not among ${titles.length} results: ${titles.slice(0, 5).join(" | ")}`);
  else {
    // The link leads to the programme.
    const href = await page.locator("[data-search-results] li h2 a", { hasText: expected }).first().getAttribute("href");
    const target = new URL(href, page.url());
    if (target.protocol === "file:" && !fs.existsSync(fileURLToPath(target))) problems.push(`link ${href} leads nowhere`);
  }
  const ms = await page.locator("[data-search-status]").getAttribute("data-ms");
  if (ms) times.push(Number(ms));
  for (const p of problems) failures.push(`${label} «${query}»: ${p}`);
  await context.close();
}

const server = await serve(out, "/");
try {
  const served = `http://127.0.0.1:${server.address().port}/search/index.html`;
  const disk = pathToFileURL(path.join(out, "search/index.html")).href;
  for (const [query, expected] of cases) {
    await check("served", served, query, expected);
    await check("file://", disk, query, expected);
  }
  // From the header's search box of another page, with ?q=.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(pathToFileURL(path.join(out, "index.html")).href);
  await page.locator(".site-search input[name=q]").fill("هفتسین");
  await page.locator(".site-search button").click();
  await page.waitForFunction(() => document.querySelector("[data-search]")?.getAttribute("data-searched") === "هفتسین", null, { timeout: 5000 })
    .catch(() => failures.push("the header's box does not lead to an answered search"));
  await page.screenshot({ path: path.join(here, "artifacts", "search-fa-390.png") });
  await context.close();
  // The programmes page filters from disk: a headquarters, then the
  // women's domain, narrow the list to exactly the matching programmes.
  {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(pathToFileURL(path.join(out, "programs/index.html")).href);
    const data = JSON.parse(fs.readFileSync(path.join(out, "data/programs.json"), "utf8")).programmes
      .filter((p) => p.status !== "draft");
    const hq = data[0].headquarters.id;
    await page.locator("[data-filter=hq]").selectOption(hq);
    await page.locator("[data-filter=women]").check();
    const shown = await page.locator("[data-filtered] > li:not([hidden]) .card-heading a").allTextContents();
    const expected = data.filter((p) => p.headquarters.id === hq && p.women).map((p) => p.title);
    if (JSON.stringify([...shown].sort()) !== JSON.stringify([...expected].sort())) {
      failures.push(`programmes filter: shows ${shown.length}, expected ${expected.length}`);
    }
    const count = await page.locator("[data-filter-count]").textContent();
    const digits = (s) => s.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
    if (!digits(count).includes(String(expected.length))) failures.push(`programmes filter count says «${count}»`);
    await context.close();
  }
  // English.
  const englishPage = pathToFileURL(path.join(english, "search/index.html")).href;
  const data = JSON.parse(fs.readFileSync(path.join(english, "data/programs.json"), "utf8"));
  const target = data.programmes.find((p) => p.status !== "draft" && p.title.split(" ").length >= 3);
  const word = target.title.split(" ").filter((w) => w.length > 4)[0].toUpperCase();
  await check("english", englishPage, word.slice(0, word.length - 1), target.title);
} finally {
  await browser.close();
  server.close();
}

if (failures.length) {
  console.error(failures.join("\n"));
  process.exit(1);
}
times.sort((a, b) => a - b);
console.log(`search: ${cases.length * 2 + 2} queries answered from a server and from file://; lookup ${times[0]?.toFixed(2)}–${times[times.length - 1]?.toFixed(2)} ms`);
