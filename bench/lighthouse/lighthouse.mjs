// Lighthouse (performance, accessibility) on the participant home of a running Leergang, signed in, with
// Debian's Chromium. Prints one JSON object on stdout; logs go to stderr.
//
//   node lighthouse.mjs --url http://127.0.0.1:18088 --email E --password P
//                       [--chromium /usr/bin/chromium] [--out-dir DIR] [--runs N (3)]
//
// The browser keeps a persistent profile and a DevTools port: Playwright signs in through the real login page
// (the refresh cookie lands in the profile), then Lighthouse attaches to the same browser with storage reset
// off so the sign-in survives. The HTTP cache is cleared before every run instead, so each run is a cold load of
// the SPA by a signed-in user. Each preset runs --runs times; the run with the median performance is reported.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import lighthouse, { desktopConfig } from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { chromium } from 'playwright-core';

const HOME_PATH = '/deelnemer';
// Under a busy CPU Chromium now and then drops the trace events Lighthouse needs (NO_NAVSTART, NO_FCP); such a
// run says nothing about the page, so it is repeated a few times before giving up. (Declared up here: the
// top-level code below runs the audits before any later declaration is initialised.)
const ATTEMPTS = 3;
const SIZE_SCRIPT = fileURLToPath(new URL('../../frontend/scripts/initial-js-size.mjs', import.meta.url));

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    email: { type: 'string' },
    password: { type: 'string' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
    'out-dir': { type: 'string' },
    runs: { type: 'string', default: '3' },
  },
});
for (const required of ['url', 'email', 'password']) {
  if (!args[required]) usage(`--${required} is required`);
}
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1) usage(`--runs must be a positive whole number, not ${args.runs}`);
const baseURL = args.url.replace(/\/+$/, '');
const target = baseURL + HOME_PATH;

const port = await freePort();
const profile = mkdtempSync(join(tmpdir(), 'leergang-lighthouse-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: args.chromium,
  headless: true,
  locale: 'nl-NL',
  args: [
    `--remote-debugging-port=${port}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});

try {
  const page = context.pages()[0] ?? (await context.newPage());
  await signIn(page);
  const cdp = await context.newCDPSession(page);
  const clearCache = () => cdp.send('Network.clearBrowserCache');

  const report = { url: target };
  for (const [name, config] of [
    ['desktop', desktopConfig],
    ['mobile', undefined], // Lighthouse's default: a mid-range phone on a slow 4G link, simulated
  ]) {
    const results = [];
    for (let run = 1; run <= runs; run++) {
      log(`${name} run ${run}/${runs}: ${target}`);
      results.push(await audit(config, clearCache));
    }
    const median = computeMedianRun(results.map((r) => r.lhr));
    const chosen = results.find((r) => r.lhr === median);
    report[name] = summary(median);
    log(`${name}: ${JSON.stringify(report[name])}`);
    if (args['out-dir']) {
      mkdirSync(args['out-dir'], { recursive: true });
      const file = join(args['out-dir'], `lighthouse-${name}.html`);
      writeFileSync(file, chosen.report);
      log(`${name}: report written to ${file}`);
    }
  }
  report.initialJsGzipBytes = await initialJsGzipBytes();
  console.log(JSON.stringify(report));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

/** Signs in as a participant on the login page, as a person would, and waits for their home. */
async function signIn(page) {
  log(`signing in as ${args.email}`);
  await page.goto(`${baseURL}/inloggen`);
  await page.getByLabel('E-mailadres').fill(args.email);
  await page.getByLabel('Wachtwoord').fill(args.password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  try {
    await page.waitForURL((url) => url.pathname === HOME_PATH, { timeout: 15_000 });
  } catch (err) {
    throw new Error(`sign-in did not reach ${HOME_PATH} (now at ${page.url()}); is this a participant without 2FA?`, {
      cause: err,
    });
  }
}

async function audit(config, clearCache) {
  let result;
  for (let attempt = 1; ; attempt++) {
    await clearCache();
    result = await lighthouse(
      target,
      {
        port,
        output: 'html',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
        disableStorageReset: true,
      },
      config,
    );
    if (!result) throw new Error(`Lighthouse returned no result for ${target}`);
    const error = result.lhr.runtimeError;
    if (!error) break;
    if (attempt === ATTEMPTS) throw new Error(`Lighthouse: ${error.code}: ${error.message}`);
    log(`attempt ${attempt} failed (${error.code}); trying again`);
  }
  const { lhr } = result;
  if (lhr.finalDisplayedUrl !== target) {
    throw new Error(`Lighthouse ended on ${lhr.finalDisplayedUrl}, not ${target}: the sign-in did not survive`);
  }
  return result;
}

function summary(lhr) {
  const score = (category) => Math.round(lhr.categories[category].score * 100);
  const value = (id) => lhr.audits[id].numericValue;
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    lcpMs: Math.round(value('largest-contentful-paint')),
    tbtMs: Math.round(value('total-blocking-time')),
    cls: Number(value('cumulative-layout-shift').toFixed(3)),
    fcpMs: Math.round(value('first-contentful-paint')),
  };
}

/** The size script's figure for frontend/dist, which is what the server under test embeds. */
async function initialJsGzipBytes() {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [SIZE_SCRIPT, '--json']);
    return JSON.parse(stdout).initialJsGzipBytes;
  } catch (err) {
    // Over budget (exit 1) still prints the figure; anything else (no build) is an error.
    if (err.code === 1 && err.stdout) return JSON.parse(err.stdout).initialJsGzipBytes;
    throw new Error(`initial-js-size: ${err.stderr || err.message}`);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function log(message) {
  console.error(`lighthouse: ${message}`);
}

function usage(message) {
  console.error(`lighthouse: ${message}\nusage: node lighthouse.mjs --url URL --email E --password P [--chromium PATH] [--out-dir DIR] [--runs N]`);
  process.exit(2);
}
