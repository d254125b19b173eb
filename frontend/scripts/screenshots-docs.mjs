// Copies the screenshots the e2e tests wrote (e2e/screenshots/, gitignored) to ../docs/, where the README shows
// them. Run `npm run test:e2e` first; a missing screenshot fails rather than leaving a stale one in place.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';

const from = new URL('../e2e/screenshots/', import.meta.url);
const to = new URL('../../docs/', import.meta.url);
const files = { 'participant-home.png': 'screenshot-participant-home.png', 'login.png': 'screenshot-login.png' };

const missing = Object.keys(files).filter((name) => !existsSync(new URL(name, from)));
if (missing.length > 0) {
  console.error(`screenshots:docs: missing ${missing.join(', ')} in e2e/screenshots/; run npm run test:e2e first`);
  process.exit(1);
}
mkdirSync(to, { recursive: true });
for (const [name, target] of Object.entries(files)) {
  copyFileSync(new URL(name, from), new URL(target, to));
  console.log(`screenshots:docs: e2e/screenshots/${name} → docs/${target}`);
}
