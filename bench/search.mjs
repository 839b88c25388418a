// How big the search index of a built site is, and what a query costs in
// Chromium: bytes transferred for the query (after the page itself) and
// the lookup time the page measures, first query and again.
//
//   node bench/search.mjs OUTPUT_DIR [QUERY ...]
import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";
import { serve } from "../tests/browser/serve.mjs";

const [out, ...given] = process.argv.slice(2);
const queries = given.length ? given : ["برنامه", "همایش بسیج", "کتاب", "هفت سین", "۱۴۰۵", "مسجد جامع"];
const dir = path.join(out, "search");
const files = fs.readdirSync(dir).map((f) => [f, fs.statSync(path.join(dir, f)).size]);
const sum = (list) => list.reduce((a, [, s]) => a + s, 0);
const shards = files.filter(([f]) => f.startsWith("i-"));
const docs = files.filter(([f]) => f.startsWith("d-"));
const kib = (b) => `${(b / 1024).toFixed(0)} KiB`;
console.log(`index: ${shards.length} shards, ${kib(sum(shards))} (largest ${kib(Math.max(...shards.map(([, s]) => s)))}); ` +
  `${docs.length} result files, ${kib(sum(docs))} (largest ${kib(Math.max(...docs.map(([, s]) => s)))})`);

const server = await serve(path.resolve(out), "/");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
});
try {
  for (const query of queries) {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/search/index.html`, { waitUntil: "load" });
    let bytes = 0;
    page.on("response", async (r) => {
      if (r.url().includes("/search/") && r.url().endsWith(".js")) {
        try { bytes += (await r.body()).length; } catch { /* gone */ }
      }
    });
    const times = [];
    for (let round = 0; round < 2; round++) {
      await page.locator("[data-search] input[name=q]").fill(query + (round ? " " : ""));
      await page.locator("[data-search] button[type=submit]").click();
      await page.waitForFunction((q) => document.querySelector("[data-search]").getAttribute("data-searched") === q.trim(), query + (round ? " " : ""));
      times.push(Number(await page.locator("[data-search-status]").getAttribute("data-ms")));
    }
    const status = await page.locator("[data-search-status]").textContent();
    console.log(`«${query}»: ${status}; ${kib(bytes)} loaded; lookup ${times[0].toFixed(1)} ms, again ${times[1].toFixed(1)} ms`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
