// The Nu Html Checker (npm vnu-jar, run with Java) over one page of each
// kind of a built site: any error fails.
//
//   node tests/browser/vnu.mjs <output-dir> <name> [every]
//
// With `every`, every HTML file of the site is checked, not one a kind.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { pageKinds, fileOf } from "./pages.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const [outDir, name, every] = process.argv.slice(2);
const root = path.resolve(outDir);
const jar = path.join(here, "../../node_modules/vnu-jar/build/dist/vnu.jar");
const everyFile = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
  const p = path.join(dir, e.name);
  return e.isDirectory() ? everyFile(p) : e.name.endsWith(".html") ? [p] : [];
});
const files = every === "every" ? everyFile(root).sort()
  : Object.values(pageKinds(root)).map((url) => fileOf(root, url));
let report;
try {
  report = execFileSync("java", ["-jar", jar, "--errors-only", "--format", "json", ...files], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
} catch (e) {
  // vnu exits 1 when it finds errors and writes its report to stderr.
  report = e.stderr || e.stdout;
}
const messages = JSON.parse(report || "{\"messages\": []}").messages.filter((m) => m.type === "error" || m.subType === "fatal");
if (messages.length) {
  for (const m of messages) console.error(`${path.relative(root, new URL(m.url).pathname)}:${m.lastLine}: ${m.message}`);
  console.error(`vnu: ${messages.length} error(s) in ${name}`);
  process.exit(1);
}
console.log(`vnu: ${files.length} ${every === "every" ? "pages" : "page kinds"} of ${name}, 0 errors`);
