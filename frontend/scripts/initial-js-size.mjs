// Measures the JavaScript a browser must fetch before the SPA's first render and fails over the budget.
//
// "Initial" means: the entry module script and every modulepreload link in dist/index.html, plus whatever those
// import statically (import/export … from "./x.js") that Vite did not list as a preload. Dynamic import() chunks
// load later and do not count. Each file is gzipped with node:zlib at level 9, as a server that precompresses its
// static files would; the budget applies to the sum.
//
//   node scripts/initial-js-size.mjs [--budget BYTES] [--json] [--dist DIR]
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { constants, gzipSync } from 'node:zlib';

const DEFAULT_BUDGET = 200 * 1024;

const { values: args } = parseArgs({
  options: {
    budget: { type: 'string', default: String(DEFAULT_BUDGET) },
    json: { type: 'boolean', default: false },
    dist: { type: 'string', default: new URL('../dist/', import.meta.url).pathname },
  },
});
const budget = Number(args.budget);
if (!Number.isInteger(budget) || budget <= 0) fail(`--budget must be a positive number of bytes, not ${args.budget}`);
const dist = resolve(args.dist);

const indexPath = join(dist, 'index.html');
if (!existsSync(indexPath)) fail(`${indexPath} is missing; run \`npm run build\` first`);
const html = readFileSync(indexPath, 'utf8').replace(/<!--[\s\S]*?-->/g, '');

// Entry points in document order: <script type="module" src> and <link rel="modulepreload" href>.
const entries = [];
for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
  const isModuleScript = /^<script/i.test(tag) && /\btype=["']?module\b/i.test(tag);
  const isPreload = /^<link/i.test(tag) && /\brel=["']?modulepreload\b/i.test(tag);
  const url = attribute(tag, isModuleScript ? 'src' : 'href');
  if ((isModuleScript || isPreload) && url) entries.push(localPath(url, dist));
}
if (entries.length === 0) fail(`no module script or modulepreload link in ${indexPath}`);

// Follow static imports breadth-first; a file reached only this way was not preloaded by Vite (a waterfall).
const files = [];
const seen = new Set();
const queue = entries.map((path) => ({ path, preloaded: true }));
while (queue.length > 0) {
  const { path, preloaded } = queue.shift();
  if (seen.has(path)) continue;
  seen.add(path);
  if (!existsSync(path)) fail(`${relative(dist, path)} is referenced but not in ${dist}`);
  const source = readFileSync(path);
  const gzip = gzipSync(source, { level: constants.Z_BEST_COMPRESSION }).length;
  files.push({ file: relative(dist, path), rawBytes: source.length, gzipBytes: gzip, preloaded });
  for (const specifier of staticImports(source.toString('utf8'))) {
    queue.push({ path: resolve(dirname(path), specifier), preloaded: false });
  }
}

const total = files.reduce((sum, f) => sum + f.gzipBytes, 0);
const rawTotal = files.reduce((sum, f) => sum + f.rawBytes, 0);
const over = total > budget;

if (args.json) {
  console.log(JSON.stringify({ initialJsGzipBytes: total, initialJsRawBytes: rawTotal, budgetBytes: budget, gzipLevel: 9, files }));
} else {
  const width = Math.max(...files.map((f) => f.file.length), 'total'.length);
  const row = (name, raw, gz, note = '') =>
    `${name.padEnd(width)}  ${String(raw).padStart(9)}  ${String(gz).padStart(9)}${note}`;
  console.log(row('file', 'raw', 'gzip -9'));
  for (const f of files) console.log(row(f.file, f.rawBytes, f.gzipBytes, f.preloaded ? '' : '  (not preloaded)'));
  console.log(row('total', rawTotal, total));
  console.log(
    `initial JS: ${kib(total)} gzipped (level 9) of a ${kib(budget)} budget${over ? ' — OVER BUDGET' : ''}`,
  );
}
if (over) {
  if (args.json) console.error(`initial JS ${total} bytes gzipped is over the budget of ${budget} bytes`);
  process.exit(1);
}

/** Relative specifiers of static import and re-export declarations; dynamic import("…") is left out. */
function staticImports(code) {
  const specifiers = new Set();
  // Minified ESM as Rolldown writes it: import{a as b}from"./x.js"; import"./x.js"; export{a}from"./x.js";
  // import*as x from"./x.js". The character before the keyword rules out identifiers such as "reimport".
  const re = /(?:^|[^\w$.])(?:import|export)\s*(?:[\w$\s{},*]*?\bfrom\s*)?(["'`])(\.{1,2}\/[^"'`]+?)\1/g;
  for (const match of code.matchAll(re)) specifiers.add(match[2]);
  return specifiers;
}

function attribute(tag, name) {
  const match = tag.match(new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'));
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

function localPath(url, root) {
  if (/^[a-z]+:\/\//i.test(url)) fail(`${url}: initial scripts from another origin are not measured`);
  return join(root, url.replace(/^\//, '').split(/[?#]/)[0]);
}

function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes)`;
}

function fail(message) {
  console.error(`initial-js-size: ${message}`);
  process.exit(2);
}
