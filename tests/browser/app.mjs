// The site on a phone, in Chromium over a server on 127.0.0.1: offline
// reading through the service worker (and a second build replacing the
// cache), "my programme" (stars, the list, its .ics read back by ical.js,
// the share link in a fresh browser), "now and next" at a clock set inside
// the event, and the embeddable widget inside an <iframe> of a page on
// another port. Screenshots at 390 px go to tests/browser/artifacts/.
//
//   node tests/browser/app.mjs ROOZ_BINARY WORK_DIR
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ICAL from "ical.js";
import { serve } from "./serve.mjs";
import { instant, nextDay } from "./zone.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const [rooz, work] = process.argv.slice(2);
if (!rooz || !work) {
  console.error("usage: app.mjs ROOZ_BINARY WORK_DIR");
  process.exit(2);
}
const artifacts = path.join(here, "artifacts");
fs.mkdirSync(artifacts, { recursive: true });
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };

// A copy of the example week (the theme and fonts linked), built twice.
const site = path.join(work, "app-site");
fs.rmSync(site, { recursive: true, force: true });
fs.mkdirSync(site, { recursive: true });
fs.cpSync(path.join(repo, "content"), path.join(site, "content"), { recursive: true });
fs.symlinkSync(path.join(repo, "themes"), path.join(site, "themes"));
const out = path.join(work, "app-out");
const build = () => execFileSync(rooz, ["build", "--quiet", "--root", site, "--output", out], { stdio: "inherit" });
build();

const data = () => JSON.parse(fs.readFileSync(path.join(out, "data/programs.json"), "utf8"));
const programmes = data().programmes;
const zone = /^timezone: (\S+)/m.exec(fs.readFileSync(path.join(site, "content/event.yaml"), "utf8"))[1];
const canonical = /<link rel="canonical" href="([^"]+)"/.exec(fs.readFileSync(path.join(out, "index.html"), "utf8"));
const prefix = new URL(canonical[1]).pathname;
const weekFile = fs.readFileSync(path.join(out, "now/week.js"), "utf8");
const week = JSON.parse(weekFile.slice(weekFile.indexOf("(") + 1, weekFile.lastIndexOf(")")));
const server = await serve(out, prefix);
const base = `http://127.0.0.1:${server.address().port}${prefix}`;
const title = data().event;
const pathOf = (p) => new URL(p.url).pathname.slice(prefix.length);
const latin = (s) => s.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"],
});
const phone = { viewport: { width: 390, height: 844 }, acceptDownloads: true };
const h1 = (page) => page.locator("h1").first().textContent();
const buildName = () => /"build":"([0-9a-f]+)"/.exec(fs.readFileSync(path.join(out, "sw.js"), "utf8"))[1];
// Waits until the page is controlled by the worker of the current build
// and its cache is the only one.
async function settled(page) {
  const name = buildName();
  for (let waited = 0; waited < 20000; waited += 250) {
    const done = await page.evaluate(async (name) => {
      const reg = await navigator.serviceWorker.getRegistration();
      if (reg) reg.update().catch(() => {});
      const keys = await caches.keys();
      return !!navigator.serviceWorker.controller && keys.length === 1 && keys[0].endsWith(":" + name) &&
        !!reg && !!reg.active && reg.active.state === "activated";
    }, name);
    if (done) return;
    await page.waitForTimeout(250);
  }
  throw new Error(`the service worker of build ${name} never took over`);
}

try {
  // 1. Offline: one visit keeps the home page, the calendar, the days and
  //    what the reader opened; a page never opened gives the offline page.
  {
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(base);
    await settled(page);
    const visited = programmes.find((p) => p.status !== "cancelled");
    const never = programmes.filter((p) => p !== visited).at(-1);
    await page.goto(base + pathOf(visited));
    const visitedTitle = await h1(page);
    await context.setOffline(true);
    await page.goto(base);
    check((await h1(page)) === title, "offline: the home page did not render from the cache");
    await page.goto(base + "calendar/");
    check(await page.locator(".glance-grid, .glance-list").count() > 0, "offline: the calendar did not render");
    await page.goto(base + `days/${programmes[0].date}/`);
    check(await page.locator(".card").count() > 0, "offline: a day page did not render");
    await page.goto(base + pathOf(visited));
    check((await h1(page)) === visitedTitle, "offline: a visited programme did not render");
    await page.goto(base + pathOf(never));
    const offlineTitle = await h1(page);
    check(/وصل نیستید/.test(offlineTitle), `offline: a page never opened gave «${offlineTitle}», not the offline page`);
    await page.waitForSelector("[data-offline-kept]:not([hidden]) a", { timeout: 5000 }).catch(() => {});
    check(await page.locator("[data-offline-kept] a").count() > 0, "offline: the offline page lists no kept page");
    await page.screenshot({ path: path.join(artifacts, "app-offline-390.png"), fullPage: true });
    check((await page.evaluate(() => document.documentElement.dir)) === "rtl", "offline: the offline page is not right-to-left");

    // 2. A second build with one programme changed replaces the cached
    //    copy after one online visit.
    await context.setOffline(false);
    const file = path.join(site, "content/programs", `${visited.stratum.id}.yaml`);
    const yaml = fs.readFileSync(file, "utf8");
    check(yaml.includes(visitedTitle), `${visited.stratum.id}.yaml lacks «${visitedTitle}»`);
    const changed = visitedTitle + " (ویرایش)";
    fs.writeFileSync(file, yaml.replace(`title: ${visitedTitle}`, `title: ${changed}`));
    const before = buildName();
    build();
    check(buildName() !== before, "a changed build kept the worker's build name");
    await page.goto(base + pathOf(visited));
    check((await h1(page)) === changed, "online after a rebuild: the old page was shown");
    await settled(page);
    await context.setOffline(true);
    await page.goto(base + pathOf(visited));
    check((await h1(page)) === changed, "offline after a rebuild: the cached copy is the old one");
    await page.goto(base);
    check((await h1(page)) === title, "offline after a rebuild: the home page is missing");
    fs.writeFileSync(file, yaml);
    build();
    await context.close();
  }

  // 3. My programme: three stars (one programme cancelled) survive a
  //    reload, are listed, export as one .ics, and travel by a link.
  let shareLink;
  let starredTitles;
  {
    const context = await browser.newContext({ ...phone, permissions: ["clipboard-read", "clipboard-write"] });
    const page = await context.newPage();
    const cancelled = programmes.find((p) => p.status === "cancelled");
    const others = programmes.filter((p) => p.status !== "cancelled" && p.date !== cancelled.date).slice(0, 2);
    const starred = [cancelled, ...others];
    starredTitles = starred.map((p) => p.title);
    for (const p of starred) {
      await page.goto(base + pathOf(p));
      const star = page.locator(`.title-row button[data-star="${p.id}"]`);
      check((await star.getAttribute("aria-pressed")) === "false", `the star of ${p.id} starts pressed`);
      await star.click();
      check((await star.getAttribute("aria-pressed")) === "true", `the star of ${p.id} did not press`);
    }
    await page.reload();
    check((await page.locator(`.title-row button[data-star="${starred[2].id}"]`).getAttribute("aria-pressed")) === "true", "a star was lost on reload");
    await page.goto(base + `days/${others[0].date}/`);
    check((await page.locator(`.card button[data-star="${others[0].id}"]`).getAttribute("aria-pressed")) === "true", "a card does not show its star");
    await page.goto(base + "my/");
    await page.waitForSelector("[data-my-list] .card");
    const listed = await page.locator("[data-my-list] .card-heading").allTextContents();
    check(JSON.stringify([...listed].sort()) === JSON.stringify([...starredTitles].sort()), `my programme lists ${JSON.stringify(listed)}`);
    // By day and time.
    const when = (p) => p.date_iso + (p.start ? latin(p.start) : "");
    const order = [...starred].sort((a, b) => (when(a) < when(b) ? -1 : when(a) > when(b) ? 1 : a.title < b.title ? -1 : 1));
    check(JSON.stringify(listed) === JSON.stringify(order.map((p) => p.title)), `my programme is not in day and time order: ${JSON.stringify(listed)} ${JSON.stringify(order.map((p) => p.date_iso + " " + p.start))}`);
    check(await page.locator("[data-my-list] .is-cancelled .badge.cancelled").count() === 1, "the cancelled programme is not shown as cancelled");
    await page.screenshot({ path: path.join(artifacts, "app-my-programme-390.png"), fullPage: true });
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-my-ics]")]);
    const ics = fs.readFileSync(await download.path(), "utf8");
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    check(events.length === 3, `the .ics holds ${events.length} events`);
    for (const p of starred) {
      const e = events.find((e) => e.summary === p.title);
      if (!e) { check(false, `the .ics lacks ${p.id}`); continue; }
      // The same entry as the programme's own calendar file.
      const own = new ICAL.Event(new ICAL.Component(ICAL.parse(fs.readFileSync(path.join(out, pathOf(p).replace(/index\.html$/, ""), "calendar.ics"), "utf8"))).getFirstSubcomponent("vevent"));
      check(e.uid === own.uid && e.startDate.toUnixTime() === own.startDate.toUnixTime(), `the .ics entry of ${p.id} differs from its calendar file`);
      if (p.start) check(e.startDate.toUnixTime() === instant(p.date_iso, latin(p.start), zone), `the .ics start of ${p.id}`);
      check(e.component.getFirstPropertyValue("status") === (p.status === "cancelled" ? "CANCELLED" : "CONFIRMED"), `the .ics status of ${p.id}`);
    }
    shareLink = await page.locator("[data-my-link]").inputValue();
    await page.click("[data-my-actions] button[data-copy]");
    check((await page.evaluate(() => navigator.clipboard.readText())) === shareLink, "the share link was not copied");
    check(shareLink && shareLink.includes("#p="), `share link: ${shareLink}`);
    await context.close();
  }
  {
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(shareLink);
    await page.waitForSelector("[data-my-list] .card");
    const listed = await page.locator("[data-my-list] .card-heading").allTextContents();
    check(JSON.stringify([...listed].sort()) === JSON.stringify([...starredTitles].sort()), `the share link shows ${JSON.stringify(listed)}`);
    check(await page.locator("[data-my-shared]").isVisible(), "the share link does not say it is shared");
    await page.click("[data-my-adopt]");
    await page.waitForFunction(() => !location.hash);
    const adopted = await page.locator("[data-my-list] .card-heading").allTextContents();
    check(adopted.length === 3, `adopting kept ${adopted.length} programmes`);
    await context.close();
  }

  // 4. Now and next at a time inside the event, in the event's zone.
  {
    const timed = programmes.filter((p) => p.start && p.end && p.status !== "cancelled" && p.date === p.until);
    const at = instant(timed[Math.floor(timed.length / 2)].date_iso, latin(timed[Math.floor(timed.length / 2)].start), zone) * 1000 + 60000;
    const running = (day) => programmes.filter((p) => p.status !== "cancelled" && p.date_iso <= day && day <= p.until_iso).map((p) => {
      const s = p.start ? instant(day, latin(p.start), zone) * 1000 : instant(day, "00:00", zone) * 1000;
      const e = !p.start ? instant(nextDay(day), "00:00", zone) * 1000 : p.end ? instant(day, latin(p.end), zone) * 1000 : s + 3600000;
      return { p, s, e };
    });
    const day = programmes.map((p) => p.date_iso).find((d) => instant(d, "00:00", zone) * 1000 <= at && at < instant(nextDay(d), "00:00", zone) * 1000);
    // Timed programmes first, in start order, then the all-day ones.
    const now = running(day).filter((r) => r.s <= at && at < r.e);
    const timedNow = now.filter((r) => r.p.start).sort((a, b) => a.s - b.s || a.e - b.e).map((r) => r.p.title);
    const allDayNow = now.filter((r) => !r.p.start).map((r) => r.p.title);
    const expected = [...timedNow, ...allDayNow];
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await page.clock.setFixedTime(new Date(at));
    for (const url of ["", `days/${programmes.find((p) => p.date_iso === day).date}/`]) {
      await page.goto(base + url);
      await page.waitForSelector("[data-now]:not([hidden])");
      const links = await page.locator("[data-now-running] li a").allTextContents();
      const more = expected.length > 8 ? Number(latin(links.pop()).replace(/\D/g, "")) : 0;
      const listed = links.length + more;
      check(listed === expected.length, `now on /${url}: ${listed} programmes running, expected ${expected.length}`);
      const timedShown = links.slice(0, Math.min(8, timedNow.length));
      check(JSON.stringify(timedShown) === JSON.stringify(timedNow.slice(0, 8)), `now on /${url}: ${JSON.stringify(timedShown)}, expected ${JSON.stringify(timedNow)}`);
      check(links.slice(timedShown.length).every((t) => allDayNow.includes(t)), `now on /${url}: all-day ones ${JSON.stringify(links)}`);
      check(await page.locator("[data-now-next] li").count() > 0, `no next programme on /${url}`);
    }
    await page.goto(base);
    await page.locator("[data-now]").screenshot({ path: path.join(artifacts, "app-now-390.png") });
    // Today's and tomorrow's programmes are fetched ahead: one never
    // opened reads offline.
    await settled(page);
    const tomorrow = nextDay(day);
    const ofDate = (d) => programmes.filter((p) => p.status !== "cancelled" && p.date_iso <= d && d <= p.until_iso);
    const ahead = (ofDate(tomorrow).length ? ofDate(tomorrow) : ofDate(day)).at(-1);
    const aheadUrl = base + pathOf(ahead);
    for (let waited = 0; waited < 15000 && !(await page.evaluate((u) => caches.match(u).then(Boolean), aheadUrl)); waited += 250) {
      await page.waitForTimeout(250);
    }
    await context.setOffline(true);
    await page.goto(aheadUrl);
    check((await h1(page)) === ahead.title, `a programme of tomorrow was not fetched ahead: «${await h1(page)}»`);
    await context.setOffline(false);
    // Before and after the week.
    await page.clock.setFixedTime(new Date(week[0].start - 86400000 * 3));
    await page.goto(base);
    check(await page.locator("[data-now-before]").isVisible(), "before the week: no note of its first day");
    await page.clock.setFixedTime(new Date(week.at(-1).end + 86400000 * 3));
    await page.goto(base);
    check(await page.locator("[data-now-after]").isVisible(), "after the week: no closing note");

    // 5. The widget inside an <iframe> of a page on another port.
    await page.clock.setFixedTime(new Date(at));
    const host = http.createServer((req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><html lang="en"><title>Partner</title><h1>Partner news</h1><iframe id="w" src="${base}embed/today/" title="Today" width="390" height="560"></iframe>`);
    });
    await new Promise((resolve) => host.listen(0, "127.0.0.1", resolve));
    await page.goto(`http://127.0.0.1:${host.address().port}/`);
    const frame = page.frameLocator("#w");
    await frame.locator(".embed-list li a").first().waitFor();
    const frameUrl = page.frames().find((f) => f.url().includes("/embed/")).url();
    check(frameUrl.includes(`/embed/${programmes.find((p) => p.date_iso === day).date}/`), `embed/today/ opened ${frameUrl}`);
    const items = await frame.locator(".embed-list li").count();
    const moreLink = frame.locator(".embed-list + p a");
    const rest = (await moreLink.count()) ? Number(latin(await moreLink.textContent()).replace(/\D/g, "")) : 0;
    const ofDay = programmes.filter((p) => p.date_iso <= day && day <= p.until_iso).length;
    check(items > 0 && items + rest === ofDay, `the widget lists ${items} programmes and ${rest} more, of ${ofDay}`);
    check((await frame.locator(".embed-list li a").first().getAttribute("target")) === null && (await frame.locator("base").getAttribute("target")) === "_blank", "the widget's links do not open a new tab");
    const cookies = await context.cookies();
    check(cookies.length === 0, `the widget set ${cookies.length} cookies`);
    await page.locator("#w").screenshot({ path: path.join(artifacts, "app-widget-390.png") });
    host.close();
    await context.close();
  }
  // 6. The highlights index: the <iframe> code, with the site's address, copied.
  {
    const context = await browser.newContext({ ...phone, permissions: ["clipboard-read", "clipboard-write"] });
    const page = await context.newPage();
    await page.goto(base + "highlights/");
    const code = await page.locator(".embed-code textarea").first().inputValue();
    check(code.startsWith("<iframe src=\"https://") && code.includes("/embed/today/"), `embed code: ${code}`);
    await page.locator(".embed-code button[data-copy]").first().click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    check(copied === code, "the copy button did not copy the code");
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

if (failures.length) {
  console.error(failures.join("\n"));
  console.error(`${failures.length} app check(s) failed`);
  process.exit(1);
}
console.log("app checks passed: offline, second build, my programme, .ics, share link, now and next, widget");
