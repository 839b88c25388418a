// Every calendar file of a built site, read back by an independent parser
// (ical.js) and checked field by field against data/programs.json (the
// content as rooz exports it): line lengths, CRLF, ASCII digits, times in
// the event's zone, all-day and multi-day entries, cancelled ones marked,
// no drafts, the per-page calendars holding exactly their page's programmes.
//
//   node tests/browser/feeds.mjs OUTPUT_DIR TIMEZONE
import fs from "node:fs";
import path from "node:path";
import ICAL from "ical.js";
import { instant as zoneInstant, nextDay } from "./zone.mjs";

const [out, zone] = process.argv.slice(2);
if (!out || !zone) {
  console.error("usage: feeds.mjs OUTPUT_DIR TIMEZONE");
  process.exit(2);
}
const failures = [];
const fail = (file, what) => failures.push(`${file}: ${what}`);

const data = JSON.parse(fs.readFileSync(path.join(out, "data/programs.json"), "utf8"));
const latin = (s) => s.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660));
const byUrl = new Map(data.programmes.map((p) => [p.url, p]));
const published = data.programmes.filter((p) => p.status !== "draft");

const instant = (dateIso, time) => zoneInstant(dateIso, time, zone);

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : e.name.endsWith(".ics") ? [p] : [];
  });
}

let events = 0;
const calendars = files(out);
for (const file of calendars) {
  const rel = path.relative(out, file);
  const raw = fs.readFileSync(file);
  const text = raw.toString("utf8");
  if (/\r(?!\n)|(?<!\r)\n/.test(text)) fail(rel, "a line not ended by CRLF");
  for (const line of text.split("\r\n")) {
    if (Buffer.byteLength(line) > 75) fail(rel, `a line of ${Buffer.byteLength(line)} octets`);
  }
  if (/[۰-۹٠-٩]/.test(text)) fail(rel, "a Persian or Arabic-Indic digit");
  const cal = new ICAL.Component(ICAL.parse(text));
  const vtz = cal.getFirstSubcomponent("vtimezone");
  if (!vtz || vtz.getFirstPropertyValue("tzid") !== zone) fail(rel, `no VTIMEZONE ${zone}`);
  else ICAL.TimezoneService.register(vtz);
  const uids = new Set();
  const urls = [];
  for (const v of cal.getAllSubcomponents("vevent")) {
    events++;
    const e = new ICAL.Event(v);
    const url = v.getFirstPropertyValue("url");
    const p = byUrl.get(url);
    if (!p) { fail(rel, `an entry whose URL is no programme: ${url}`); continue; }
    urls.push(url);
    if (uids.has(e.uid)) fail(rel, `UID ${e.uid} twice`);
    uids.add(e.uid);
    const what = `${rel} ${p.id}`;
    if (p.status === "draft") fail(what, "a draft is listed");
    if (e.summary !== latin(p.title)) fail(what, `SUMMARY ${e.summary} is not ${latin(p.title)}`);
    const status = v.getFirstPropertyValue("status");
    if (status !== (p.status === "cancelled" ? "CANCELLED" : "CONFIRMED")) fail(what, `STATUS ${status} for ${p.status}`);
    const cats = v.getFirstProperty("categories").getValues();
    if (cats[0] !== latin(p.headquarters.title) || cats[1] !== latin(p.stratum.title)) fail(what, `CATEGORIES ${cats}`);
    if (p.venue && !(e.location || "").startsWith(latin(p.venue))) fail(what, `LOCATION ${e.location}`);
    if (p.start === null) {
      if (!e.startDate.isDate) fail(what, "an all-day programme with a time");
      if (e.startDate.toString() !== p.date_iso) fail(what, `DTSTART ${e.startDate} is not ${p.date_iso}`);
      if (e.endDate.toString() !== nextDay(p.until_iso)) fail(what, `DTEND ${e.endDate} is not the day after ${p.until_iso}`);
    } else {
      if (e.startDate.isDate) fail(what, "a timed programme as a date");
      if (e.startDate.zone.tzid !== zone) fail(what, `DTSTART in ${e.startDate.zone.tzid}`);
      const start = instant(p.date_iso, latin(p.start));
      if (e.startDate.toUnixTime() !== start) fail(what, `DTSTART ${e.startDate.toUnixTime()} is not ${start} (${p.date_iso} ${p.start} ${zone})`);
      if (p.end !== null && e.endDate.toUnixTime() !== instant(p.date_iso, latin(p.end))) fail(what, `DTEND ${e.endDate}`);
      const rrule = v.getFirstPropertyValue("rrule");
      if (p.until_iso !== p.date_iso) {
        const days = (Date.parse(p.until_iso) - Date.parse(p.date_iso)) / 86400000 + 1;
        if (!rrule || rrule.freq !== "DAILY" || rrule.count !== days) fail(what, `a multi-day programme without RRULE COUNT=${days}`);
      } else if (rrule) fail(what, "a one-day programme repeats");
    }
  }
  // Which programmes the file should hold.
  const dir = path.dirname(rel).split(path.sep).join("/");
  let expected;
  if (dir === ".") expected = published;
  else if (dir.startsWith("days/")) {
    const day = fs.readFileSync(path.join(out, dir, "index.html"), "utf8").match(/<time datetime="(\d{4}-\d\d-\d\d)"/)[1];
    expected = published.filter((p) => p.date_iso <= day && day <= p.until_iso);
  } else if (dir.startsWith("headquarters/")) expected = published.filter((p) => p.headquarters.id === dir.split("/")[1]);
  else if (dir.startsWith("strata/")) expected = published.filter((p) => p.stratum.id === dir.split("/")[1]);
  else if (dir.startsWith("counties/")) expected = published.filter((p) => p.county && p.county.id === dir.split("/")[1]);
  else if (dir === "province-wide") expected = published.filter((p) => !p.county);
  else if (dir.startsWith("programs/")) expected = published.filter((p) => p.id === dir.split("/")[1]);
  else { fail(rel, "a calendar in an unexpected folder"); continue; }
  const want = expected.map((p) => p.url).sort();
  if (JSON.stringify(urls.sort()) !== JSON.stringify(want)) fail(rel, `holds ${urls.length} programmes, expected ${want.length}`);
}

if (!calendars.some((f) => path.relative(out, f) === "calendar.ics")) fail(out, "no calendar.ics");
if (failures.length) {
  console.error(failures.slice(0, 40).join("\n"));
  console.error(`${failures.length} problems in ${calendars.length} calendar files`);
  process.exit(1);
}
console.log(`calendars: ${calendars.length} files, ${events} entries read by ical.js, all match the content (${zone})`);
