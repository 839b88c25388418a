// Every page of the built hostile fixture (tests/fixtures/hostile) in
// Chromium, whose text fields all carry script tags, handlers, script
// URLs, quote breakers and CSS injection:
//
//   node tests/browser/hostile.mjs <output-dir>
//
// No script of the content runs (no dialog, no console message, no page
// error), the Content-Security-Policy is never violated (a listener
// installed before any page script stays silent), no element the content
// wrote exists (no handler attribute, no inline script, no iframe, no
// javascript: or data: link), the body is shown (the injected
// `body{display:none}` did nothing) and the programme titles read as
// the text they were written as. No page overflows 390 px sideways.
import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";
import { serveAtBase, chromiumOptions } from "./serve.mjs";

const root = path.resolve(process.argv[2]);
const pages = [];
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith(".html")) pages.push(path.relative(root, p));
  }
})(root);
pages.sort();

const words = (text) => text.split(/\s+/).filter(Boolean).join(" ");
const titles = new Map(JSON.parse(fs.readFileSync(path.join(root, "data/programs.json"), "utf8"))
  .programmes.map((p) => [p.id, p.title]));
const { server, base } = await serveAtBase(root);
const browser = await chromium.launch(chromiumOptions);
const failures = [];
try {
  const context = await browser.newContext({ viewport: { width: 390, height: 900 } });
  // Before any script of the page: CDP-injected, so outside the policy.
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
    window.alert = window.confirm = window.prompt = (m) => window.__violations.push(`dialog ${m}`);
  });
  for (const file of pages) {
    const page = await context.newPage();
    const problems = [];
    page.on("dialog", (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
    page.on("console", (m) => {
      // The not-found page is itself served with status 404.
      if (file === "404.html" && m.type() === "error" && m.text().includes("status of 404")) return;
      problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    const url = base + file.replace(/(^|\/)index\.html$/, "$1");
    await page.goto(url, { waitUntil: "load" });
    await page.waitForTimeout(50);
    const found = await page.evaluate(() => {
      const out = [...window.__violations];
      for (const el of document.querySelectorAll("*")) {
        for (const a of el.attributes) {
          if (a.name.startsWith("on")) out.push(`<${el.localName} ${a.name}>`);
          if (a.name === "style") out.push(`<${el.localName} style>`);
          const v = a.value.replace(/[\s\u0000-\u001f]/g, "").toLowerCase();
          if (["href", "src", "action", "formaction", "xlink:href"].includes(a.name)
            && (v.startsWith("javascript:") || v.startsWith("data:"))) out.push(`<${el.localName} ${a.name}=${a.value}>`);
        }
      }
      for (const s of document.scripts) {
        if (!s.src && s.type !== "application/ld+json") out.push(`inline script: ${s.textContent.slice(0, 60)}`);
        if (s.src && new URL(s.src).origin !== location.origin) out.push(`foreign script ${s.src}`);
      }
      // The widgets' own <base target="_blank"> has no href.
      for (const sel of ["iframe", "object", "embed", "base[href]", "svg[onload]", "img[src='x']"]) {
        for (const el of document.querySelectorAll(sel)) out.push(`injected ${sel}: ${el.outerHTML.slice(0, 80)}`);
      }
      if (document.querySelectorAll("base").length > 1) out.push("more than one <base>");
      if (getComputedStyle(document.body).display === "none") out.push("the body is hidden");
      const overflow = document.documentElement.scrollWidth - window.innerWidth;
      if (overflow > 0) out.push(`overflows by ${overflow}px at 390px`);
      if (window.__xss) out.push("window.__xss is set");
      return out;
    });
    problems.push(...found);
    // A programme page: its h1 is the title as written (data/programs.json
    // says which), markup and all; only runs of whitespace fold.
    const programme = /^programs\/([^/]+)\/index\.html$/.exec(file);
    if (programme) {
      const h1 = await page.locator("h1").first().textContent();
      const title = titles.get(programme[1]);
      if (title === undefined) problems.push("not in data/programs.json");
      else if (words(h1) !== words(title)) problems.push(`h1 ${JSON.stringify(h1)} is not the title ${JSON.stringify(title)}`);
    }
    for (const p of problems) failures.push(`${file}: ${p}`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
if (failures.length) {
  console.error(failures.join("\n"));
  console.error(`hostile: ${failures.length} problem(s)`);
  process.exit(1);
}
console.log(`hostile: ${pages.length} pages, no script ran, no policy violation, no injected element`);
