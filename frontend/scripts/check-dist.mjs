// Fails the build when an HTML file in dist/ carries inline script, inline style or event-handler attributes:
// the Go server's CSP (script-src 'self'; style-src 'self') would silently block them in production.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('../dist/', import.meta.url).pathname;

function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}

const rules = [
  { name: 'inline <script> (a script without src)', re: /<script\b(?![^>]*\bsrc=)[^>]*>/gi },
  { name: '<style> element', re: /<style\b/gi },
  { name: 'style="" attribute', re: /\sstyle\s*=/gi },
  { name: 'inline event handler (on…="")', re: /\son[a-z]+\s*=/gi },
  { name: 'javascript: URL', re: /javascript:/gi },
];

const files = htmlFiles(root);
const problems = [];
for (const file of files) {
  const html = readFileSync(file, 'utf8').replace(/<!--[\s\S]*?-->/g, '');
  for (const { name, re } of rules) {
    for (const match of html.matchAll(re)) problems.push(`${relative(root, file)}: ${name}: ${match[0]}`);
  }
}

if (files.length === 0) problems.push('no HTML files found in dist/');
if (problems.length > 0) {
  console.error(`check-dist: CSP-unsafe markup found:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-dist: ${files.length} HTML files, no inline scripts or styles`);
