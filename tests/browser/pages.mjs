// One page of each kind in a built site, as paths relative to its root.
import fs from "node:fs";
import path from "node:path";

export function pageKinds(root) {
  const first = (folder) => {
    const entries = fs.readdirSync(path.join(root, folder))
      .filter((e) => fs.existsSync(path.join(root, folder, e, "index.html"))).sort();
    return `${folder}/${entries[0]}/`;
  };
  const kinds = {
    home: "", calendar: "calendar/", day: first("days"), "headquarters-index": "headquarters/",
    headquarters: first("headquarters"), "strata-index": "strata/", stratum: first("strata"),
    "counties-index": "counties/", county: first("counties"), programme: first("programs"),
    "not-found": "no/such/page/", programmes: "programs/", days: "days/", search: "search/",
    offline: "offline/", my: "my/", "embed-day": first("embed"), "embed-today": "embed/today/",
    "embed-highlights": "embed/highlights/",
  };
  if (fs.existsSync(path.join(root, "province-wide", "index.html"))) kinds["province-wide"] = "province-wide/";
  for (const optional of ["highlights", "report", "bulletins", "review"]) {
    if (fs.existsSync(path.join(root, optional, "index.html"))) kinds[`${optional}-index`] = `${optional}/`;
  }
  if (fs.existsSync(path.join(root, "highlights")) && fs.readdirSync(path.join(root, "highlights")).some((e) => fs.existsSync(path.join(root, "highlights", e, "index.html")))) {
    kinds.highlight = first("highlights");
  }
  if (fs.existsSync(path.join(root, "bulletins")) && fs.readdirSync(path.join(root, "bulletins")).some((e) => fs.existsSync(path.join(root, "bulletins", e, "index.html")))) {
    kinds.bulletin = first("bulletins");
  }
  // A programme page with what was held: its outcome, gallery and coverage.
  const reported = fs.readdirSync(path.join(root, "programs")).sort()
    .find((e) => fs.existsSync(path.join(root, "programs", e, "index.html"))
      && fs.readFileSync(path.join(root, "programs", e, "index.html"), "utf8").includes('class="gallery"'));
  if (reported) kinds["programme-outcome"] = `programs/${reported}/`;
  return kinds;
}

/** The HTML file of a page path. */
export function fileOf(root, url) {
  return url === "no/such/page/" ? path.join(root, "404.html") : path.join(root, url, "index.html");
}
