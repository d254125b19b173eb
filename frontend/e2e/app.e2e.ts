import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { wcagViolations } from './axe';
import { baseURL, demoUsers, launchBrowser, logIn, openPage } from './browser';

// Written by the tests on every run (gitignored); `npm run screenshots:docs` copies the README's ones to docs/.
const screenshotDir = resolve(import.meta.dirname, 'screenshots');
const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: resolve(screenshotDir, `${name}.png`), fullPage: true });

let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(screenshotDir, { recursive: true });
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  await browser?.close();
});

async function open(path = '/') {
  const opened = await openPage(browser, path);
  context = opened.context;
  return opened;
}

describe('Leergang in a browser', () => {
  it('serves the app with a strict CSP, and the app runs under it without violations', async () => {
    const response = await fetch(`${baseURL}/inloggen`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");

    const { page, problems } = await open('/inloggen');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Inloggen');
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    expect(problems.filter((text) => !text.includes('401'))).toEqual([]); // the startup refresh 401 is expected
    await screenshot(page, 'login');
  });

  for (const [role, user] of Object.entries(demoUsers)) {
    it(`logs the demo ${role} in to their home`, async () => {
      const { page, problems } = await open('/');
      await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();

      await logIn(page, user.email);

      await page.waitForURL(`**${user.path}`);
      // The URL changes before the home renders, so poll rather than read the heading once.
      await expect.poll(() => page.getByRole('heading', { level: 1 }).allTextContents()).toEqual([user.title]);
      expect(await page.getByText(`Welkom, ${user.name}.`).isVisible()).toBe(true);
      expect(problems.filter((text) => !text.includes('401'))).toEqual([]);
    });
  }

  it('shows the participant their running cohort: what comes up and the modules in order', async () => {
    const { page, problems } = await open('/inloggen');
    await logIn(page, demoUsers.participant.email);
    await page.waitForURL('**/deelnemer');

    const main = page.getByRole('main');
    await main.getByRole('heading', { level: 2, name: 'Leergang Digitaal Leiderschap — 2026–2027' }).waitFor();
    expect(await main.getByRole('heading', { level: 1 }).allTextContents()).toEqual(['Mijn leergang']);

    const upcoming = main.locator('section', { has: page.getByRole('heading', { name: 'Wat komt er', exact: true }) });
    const sessions = upcoming.getByRole('listitem');
    expect(await sessions.count()).toBeGreaterThanOrEqual(1);
    // Every demo session of this cohort starts at 13:30 in Amsterdam; the browser itself runs in UTC here.
    const start = sessions.first().locator('time').first();
    expect(await start.textContent()).toMatch(/^(maan|dins|woens|donder|vrij|zater|zon)dag \d{1,2} [a-z]+ \d{4}, 13:30$/);
    expect(await start.getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

    const modules = main.locator('section', { has: page.getByRole('heading', { name: 'Modules', exact: true }) }).locator('ol > li');
    expect(await modules.locator('.lg-module__title').allTextContents()).toEqual([
      'De gemeentesecretaris in zijn/haar context',
      'Samenwerking en netwerken',
      'Leiderschap aan de organisatie',
      '(Politiek-)bestuurlijk adviseren',
      'Keuzemodule en afsluiting',
    ]);

    const earlier = main.locator('section', { has: page.getByRole('heading', { name: 'Eerdere leergangen' }) });
    expect(await earlier.getByRole('link').allTextContents()).toEqual(['Leergang Digitaal Leiderschap — 2021–2022']);
    expect(problems.filter((text) => !text.includes('401'))).toEqual([]); // the refresh before login answers 401
    await screenshot(page, 'participant-home');
  });

  it('lets the facilitator open the 2026–2027 cohort page from their home', async () => {
    const { page, problems } = await open('/inloggen');
    await logIn(page, demoUsers.facilitator.email);
    await page.waitForURL('**/begeleider');

    await page.getByRole('main').getByRole('link', { name: 'Leergang Digitaal Leiderschap — 2026–2027' }).click();

    await page.waitForURL(/\/groepen\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'Leergang Digitaal Leiderschap — 2026–2027' }).waitFor();
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(['Wat komt er', 'Modules']);
    expect(await page.getByRole('main').locator('ol > li').count()).toBe(5);
    expect(await page.title()).toBe('Leergang Digitaal Leiderschap — 2026–2027 | Leergang');
    expect(problems.filter((text) => !text.includes('401'))).toEqual([]);
    await screenshot(page, 'facilitator-cohort');
  });

  it('gives the reviewer no cohort link, and a cohort address shows them no access', async () => {
    // The facilitator's home tells us the cohort's address; a reviewer cannot find it in the app.
    const facilitator = await open('/inloggen');
    await logIn(facilitator.page, demoUsers.facilitator.email);
    const cohortLink = facilitator.page.getByRole('link', { name: 'Leergang Digitaal Leiderschap — 2026–2027' });
    const cohortPath = await cohortLink.getAttribute('href');
    expect(cohortPath).toMatch(/^\/groepen\//);
    await facilitator.context.close();

    const { page } = await open('/inloggen');
    await logIn(page, demoUsers.reviewer.email);
    await page.waitForURL('**/fonds');
    await page.getByRole('heading', { level: 1, name: 'Evaluaties en resultaten' }).waitFor();
    expect(await page.getByRole('main').getByRole('listitem').allTextContents()).toContainEqual(
      expect.stringContaining('Leergang Digitaal Leiderschap'),
    );
    // Their one way on is the programme's evaluation report (aggregates only), never a cohort page.
    await page.getByRole('main').getByRole('link', { name: /Evaluatierapport/ }).waitFor();
    const targets = await page
      .getByRole('main')
      .getByRole('link')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(targets.length).toBeGreaterThan(0);
    for (const href of targets) expect(href).toMatch(/^\/leergangen\/[^/]+\/evaluatierapport$/);
    expect(await page.locator('a[href^="/groepen/"]').count()).toBe(0);

    await page.goto(cohortPath!);

    await page.getByRole('heading', { level: 1, name: 'Geen toegang' }).waitFor();
    expect(await page.getByText('Wat komt er').count()).toBe(0);
  });

  it('says in Dutch that the password is wrong', async () => {
    const { page } = await open('/inloggen');

    await logIn(page, demoUsers.participant.email, 'niet-het-wachtwoord');

    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Onjuist e-mailadres of wachtwoord');
    expect(new URL(page.url()).pathname).toBe('/inloggen');
  });

  it('keeps the user signed in across a reload, through the refresh cookie', async () => {
    const { page } = await open('/inloggen');
    await logIn(page, demoUsers.facilitator.email);
    await page.waitForURL('**/begeleider');

    await page.reload();

    await page.getByRole('heading', { level: 1, name: 'Mijn groepen' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/begeleider');
    const cookies = await context!.cookies();
    expect(cookies.some((cookie) => cookie.httpOnly && /refresh/i.test(cookie.name))).toBe(true);
  });

  it('logs out to the login page, and a reload does not bring the session back', async () => {
    const { page } = await open('/inloggen');
    await logIn(page, demoUsers.reviewer.email);
    await page.waitForURL('**/fonds');

    await page.getByRole('button', { name: 'Uitloggen' }).click();

    await page.waitForURL('**/inloggen');
    await page.goto('/fonds');
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/inloggen');
  });

  it('makes the skip link the first tab stop, and it leads to the main content', async () => {
    const { page } = await open('/inloggen');
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();

    await page.keyboard.press('Tab');

    const focused = page.locator(':focus');
    expect(await focused.textContent()).toBe('Naar de inhoud');
    expect(await focused.isVisible()).toBe(true); // hidden until focused, then shown
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('serves readable API documentation without CSP violations', async () => {
    const { page, problems } = await open('/api/docs/');

    const title = page.locator('.swagger-ui .info .title');
    await title.waitFor({ timeout: 15_000 }).catch(() => {
      throw new Error(`Swagger UI did not render; the browser reported: ${problems.join(' | ') || 'nothing'}`);
    });
    expect(await title.textContent()).toContain('Leergang API');
    const paths = await page.locator('.opblock-summary-path').allTextContents();
    expect(paths.map((path) => path.replace(/\u200b/g, ''))).toContain('/auth/login'); // Swagger UI adds break hints
    expect(problems).toEqual([]);
  });

  it('has no WCAG 2.1 AA violations (axe-core) on the login page and the participant home', async () => {
    const { page } = await open('/inloggen');
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    await logIn(page, demoUsers.participant.email);
    await page.waitForURL('**/deelnemer');
    await page.getByRole('heading', { level: 3, name: 'Wat komt er' }).waitFor();
    expect(await wcagViolations(page)).toEqual([]);
  });
});
