// The real-browser check of a built site (Debian chromium driven by
// playwright-core), run by scripts/test after the Rust tests.
//
//   node tests/browser/site.mjs <output-dir> <lang> <dir> <name>
//
// For one page of each kind: `lang` and `dir` are right, no console errors
// or failed requests, no horizontal overflow at 390 px, the h1 is visible
// (in Persian script for fa), axe-core finds no violation in light and dark
// mode. Screenshots of home, a day and a programme at 390 and 1280 px go to
// tests/browser/artifacts/ (git-ignored) to be looked at.
import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serveAtBase, chromiumOptions } from "./serve.mjs";
import { pageKinds } from "./pages.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const [outDir, lang, dir, name, paper = "a4"] = process.argv.slice(2);
// Page sizes in points, and the width of the printable area in CSS pixels
// (the bulletin's @page margins are 13 mm on each side).
const PAPERS = { a4: [595.28, 841.89], a5: [419.53, 595.28], letter: [612, 792] };
const root = path.resolve(outDir);
const artifacts = path.join(here, "artifacts");
fs.mkdirSync(artifacts, { recursive: true });

const failures = [];
const fail = (kind, msg) => failures.push(`${name} ${kind}: ${msg}`);

const { server, base } = await serveAtBase(root);
const browser = await chromium.launch(chromiumOptions);
const axeSource = fs.readFileSync(path.join(here, "../../node_modules/axe-core/axe.min.js"), "utf8");

try {
  for (const [kind, url] of Object.entries(pageKinds(root))) {
    // It opens the day of the reader's clock at once: app.mjs follows it.
    if (kind === "embed-today") continue;
    for (const width of [390, 1280]) {
      for (const scheme of ["light", "dark"]) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
        const page = await context.newPage();
        const problems = [];
        page.on("console", (m) => {
          // The 404 page is itself served with status 404, which Chromium logs.
          const expected = kind === "not-found" && m.text().includes("status of 404");
          if (m.type() === "error" && !expected) problems.push(`console: ${m.text()}`);
        });
        page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
        page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
        page.on("response", (r) => {
          if (r.status() >= 400 && kind !== "not-found") problems.push(`HTTP ${r.status()}: ${r.url()}`);
        });
        await page.goto(base + url, { waitUntil: "load" });
        const facts = await page.evaluate(() => ({
          lang: document.documentElement.lang,
          dir: document.documentElement.dir,
          overflow: document.documentElement.scrollWidth - window.innerWidth,
          h1: [...document.querySelectorAll("h1")].map((h) => ({
            text: h.textContent.trim(), visible: !!(h.offsetWidth && h.offsetHeight),
          })),
          font: getComputedStyle(document.body).fontFamily,
        }));
        if (facts.lang !== lang) fail(kind, `lang is ${facts.lang}, expected ${lang}`);
        if (facts.dir !== dir) fail(kind, `dir is ${facts.dir}, expected ${dir}`);
        if (width === 390 && facts.overflow > 0) fail(kind, `overflows by ${facts.overflow}px at 390px`);
        if (facts.h1.length !== 1) fail(kind, `${facts.h1.length} h1 elements`);
        else if (!facts.h1[0].visible || !facts.h1[0].text) fail(kind, "the h1 is not visible");
        else if (lang === "fa" && !/[\u0600-\u06FF]/.test(facts.h1[0].text)) fail(kind, `the h1 is not Persian: ${facts.h1[0].text}`);
        for (const p of problems) fail(kind, p);
        for (const p of await readerProblems(page, kind, width)) fail(kind, `${width}px: ${p}`);
        if (width === 390 || scheme === "dark") {
          // Evaluated, not added as a <script>: the page's policy refuses
          // inline scripts (as it must).
          await page.evaluate(axeSource);
          const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
          for (const v of result.violations) {
            fail(kind, `axe (${scheme}, ${width}px) ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
          }
        }
        if (kind === "bulletin" && width === 1280 && scheme === "light") {
          await checkPrint(page, kind);
        }
        if (scheme === "light" && ["home", "day", "programme", "calendar", "highlight", "highlights-index", "bulletin", "report-index", "province-wide", "review-index", "programme-outcome"].includes(kind)) {
          await page.screenshot({ path: path.join(artifacts, `${name}-${kind}-${width}.png`), fullPage: kind !== "calendar" });
        }
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}

/** What readers tripped over, checked in the page as laid out: a
 *  separator left at the start of a line, text smaller than 11 px in
 *  charts, tables cut off with no way to scroll, the calendar without a
 *  way to jump on a phone, a day's count broken over two lines, a count
 *  with no words, a line through a cancelled title. */
async function readerProblems(page, kind, width) {
  return page.evaluate(({ kind, width }) => {
    const problems = [];
    const rtl = document.documentElement.dir === "rtl";
    // The rule between parts is each part's start border; the first part
    // of every line must have it clipped off by its container.
    for (const box of document.querySelectorAll(".parts")) {
      if (!box.offsetParent && getComputedStyle(box).position !== "fixed") continue;
      const outer = box.getBoundingClientRect();
      let lastTop = null;
      for (const part of box.children) {
        const r = part.getBoundingClientRect();
        if (!r.width) continue;
        const startsLine = lastTop === null || r.top > lastTop + 2;
        lastTop = r.top;
        if (!startsLine || parseFloat(getComputedStyle(part).borderInlineStartWidth) === 0) continue;
        const rule = rtl ? r.right - 0.5 : r.left + 0.5;
        const clipped = rtl ? rule > outer.right : rule < outer.left;
        if (!clipped) problems.push(`a separator starts a line: «${part.textContent.trim().slice(0, 40)}»`);
      }
    }
    for (const t of document.querySelectorAll(".chart .bar-label, .chart .bar-value")) {
      const size = parseFloat(getComputedStyle(t).fontSize);
      if (size < 11) problems.push(`chart text at ${size}px: «${t.textContent.slice(0, 30)}»`);
    }
    for (const wrap of document.querySelectorAll(".table-wrap")) {
      const style = getComputedStyle(wrap);
      if (wrap.scrollWidth > wrap.clientWidth + 1 && !["auto", "scroll"].includes(style.overflowX)) {
        problems.push("a table is cut off with no scrolling");
      }
      const head = wrap.querySelector("th[scope=row]");
      if (head && getComputedStyle(head).position !== "sticky") problems.push("a report table's first column scrolls away");
    }
    if (kind === "calendar" && width === 390) {
      const jumps = [...document.querySelectorAll(".day-jumps a")];
      if (jumps.length !== document.querySelectorAll(".week-strip li").length) problems.push(`${jumps.length} day links on the phone calendar`);
      for (const a of jumps) {
        if (!document.getElementById(a.getAttribute("href").slice(1))) problems.push(`a day link leads nowhere: ${a.getAttribute("href")}`);
      }
      const nav = document.querySelector(".day-jumps");
      if (!nav || getComputedStyle(nav).position !== "sticky") problems.push("the day links scroll away");
      if (!document.querySelector(".glance-list .hq-heading")) problems.push("the phone calendar is not grouped by headquarters");
    }
    if (kind === "calendar" && width === 1280) {
      const th = document.querySelector(".glance-grid thead th");
      if (th && getComputedStyle(th).position !== "sticky") problems.push("the grid's day headers scroll away");
    }
    if (width === 1280) {
      for (const c of document.querySelectorAll(".week-strip .count")) {
        const lh = parseFloat(getComputedStyle(c).lineHeight) || parseFloat(getComputedStyle(c).fontSize) * 1.8;
        if (c.getBoundingClientRect().height > lh * 1.5) problems.push(`a day's count breaks over lines: «${c.textContent}»`);
      }
    }
    const count = document.querySelector("[data-filter-count]");
    if (count && !/\p{L}/u.test(count.textContent)) problems.push(`the filter count says only «${count.textContent}»`);
    for (const t of document.querySelectorAll(".is-cancelled .card-heading, .is-cancelled .card-title, .is-cancelled .bulletin-title")) {
      if (getComputedStyle(t).textDecorationLine.includes("line-through")) problems.push("a line through a cancelled title");
    }
    return problems;
  }, { kind, width });
}

/** Prints the page as Chromium does: the paper of the event, and nothing
 *  wider than the printable area. */
async function checkPrint(page, kind) {
  const [w, h] = PAPERS[paper];
  const printable = Math.floor(((w / 72) * 25.4 - 26) / 25.4 * 96);
  await page.setViewportSize({ width: printable, height: 1000 });
  await page.emulateMedia({ media: "print" });
  const overflow = await page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    return [...document.querySelectorAll("main *")]
      .filter((e) => e.getBoundingClientRect().right > limit + 1 || e.getBoundingClientRect().left < -1)
      .slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
  });
  if (overflow.length) fail(kind, `printed content leaves the page box: ${overflow.join(", ")}`);
  const hidden = await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")).display);
  if (hidden !== "none") fail(kind, "the navigation is printed");
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  fs.writeFileSync(path.join(artifacts, `${name}-${kind}-print.pdf`), pdf);
  const boxes = [...pdf.toString("latin1").matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
  if (!boxes.length) fail(kind, "the printed PDF has no pages");
  for (const b of boxes) {
    if (Math.abs(parseFloat(b[1]) - w) > 2 || Math.abs(parseFloat(b[2]) - h) > 2) {
      fail(kind, `printed page is ${b[1]}×${b[2]} pt, expected ${paper} (${w}×${h})`);
    }
  }
  await page.emulateMedia({ media: "screen" });
}

if (failures.length) {

  console.error(failures.join("\n"));
  console.error(`${failures.length} browser check(s) failed for ${name}`);
  process.exit(1);
}
console.log(`browser checks passed for ${name}: every page kind, 390 and 1280 px, light and dark`);
