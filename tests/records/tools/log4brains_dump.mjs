#!/usr/bin/env node
// Dump what log4brains (@log4brains/core) parses from a directory of ADRs, as JSON.
//
// Usage: node log4brains_dump.mjs <adr-directory>
// Env:   LOG4BRAINS_HOME  folder whose node_modules holds @log4brains/core
//                         (default /work/tools/log4brains)
//
// log4brains needs a ".log4brains.yml" in its workdir; this script makes a throw-away
// workdir in the OS temp dir whose config points (by a relative path, as log4brains
// requires) at <adr-directory>, so nothing is written next to the records. The temp
// workdir is not a git repository, so log4brains takes creation dates from file mtimes
// (they only matter for ordering records that have no "- Date:" line).
// No network is used.
//
// Output: a JSON array, in log4brains' own order (Date field, then creation date, then
// slug), of objects:
//   slug, file, title, status, date (YYYY-MM-DD or null), deciders, tags, supersededBy,
//   links: [{slug, status, label}] -- every relative *.md link in the body that log4brains
//          resolved to an ADR of the same folder (it turns these into <AdrLink/> in its
//          "enhancedMdx"); label is the link text when it differs from the slug.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";

const target = process.argv[2];
if (!target) {
  console.error("usage: node log4brains_dump.mjs <adr-directory>");
  process.exit(2);
}
const adrDir = path.resolve(target);
if (!fs.statSync(adrDir, { throwIfNoEntry: false })?.isDirectory()) {
  console.error(`not a directory: ${adrDir}`);
  process.exit(2);
}

const home = path.resolve(process.env.LOG4BRAINS_HOME || "/work/tools/log4brains");
const require = createRequire(path.join(home, "package.json"));
let core;
try {
  core = require("@log4brains/core");
} catch (e) {
  console.error(`@log4brains/core not found under ${home}: ${e.message}`);
  process.exit(3);
}

const workdir = fs.mkdtempSync(path.join(os.tmpdir(), "l4b-dump-"));
// Keep git from finding a repository above the throw-away workdir (log4brains would then
// run `git log` on files outside it and fail).
process.env.GIT_CEILING_DIRECTORIES = path.dirname(workdir);
const rel = path.relative(workdir, adrDir).split(path.sep).join("/");
fs.writeFileSync(
  path.join(workdir, ".log4brains.yml"),
  `project:\n  name: dump\n  tz: Etc/UTC\n  adrFolder: ${JSON.stringify(rel)}\n`
);

function unescapeAttr(s) {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&gt;/g, ">")
    .replace(/&lt;/g, "<")
    .replace(/&amp;/g, "&");
}

function adrLinks(mdx) {
  const out = [];
  for (const m of mdx.matchAll(/<AdrLink ([^>]*?)\s*\/>/g)) {
    const attrs = {};
    for (const a of m[1].matchAll(/(\w+)="([^"]*)"/g)) attrs[a[1]] = unescapeAttr(a[2]);
    out.push({ slug: attrs.slug, status: attrs.status, label: attrs.customLabel ?? null });
  }
  return out;
}

function isoDay(iso) {
  // publicationDate is the Date field at 23:59:59 in the configured tz (UTC here).
  return iso ? iso.slice(0, 10) : null;
}

try {
  const l4b = core.Log4brains.create(workdir);
  const adrs = await l4b.searchAdrs();
  const result = adrs.map((a) => ({
    slug: a.slug,
    file: path.basename(a.file.absolutePath),
    title: a.title,
    status: a.status,
    date: isoDay(a.publicationDate),
    deciders: a.deciders,
    tags: a.tags,
    supersededBy: a.supersededBy,
    links: adrLinks(a.body.enhancedMdx),
  }));
  process.stdout.write(JSON.stringify(result, null, 2) + "\n");
} finally {
  fs.rmSync(workdir, { recursive: true, force: true });
}
