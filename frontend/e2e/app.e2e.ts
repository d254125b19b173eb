import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, demoUsers, launchBrowser, logIn, openPage } from './browser';

const screenshotDir = resolve(import.meta.dirname, 'screenshots');
const docsDir = resolve(import.meta.dirname, '..', '..', 'docs');

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
  });

  for (const [role, user] of Object.entries(demoUsers)) {
    it(`logs the demo ${role} in to their home`, async () => {
      const { page, problems } = await open('/');
      await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();

      await logIn(page, user.email);

      await page.waitForURL(`**${user.path}`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(user.title);
      expect(await page.getByText(`Welkom, ${user.name}.`).isVisible()).toBe(true);
      expect(problems.filter((text) => !text.includes('401'))).toEqual([]);
    });
  }

  it('shows the participant their cohort, and saves a screenshot of the home', async () => {
    const { page } = await open('/inloggen');
    await logIn(page, demoUsers.participant.email);
    await page.waitForURL('**/deelnemer');

    await page.getByRole('heading', { level: 1, name: 'Mijn leergang' }).waitFor();
    const cards = await page.getByRole('main').getByRole('listitem').allTextContents();
    expect(cards).toContainEqual(expect.stringContaining('Leergang Digitaal Leiderschap — 2021–2022'));
    await page.screenshot({ path: resolve(screenshotDir, 'participant-home.png'), fullPage: true });
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

  it.runIf(process.env.UPDATE_SCREENSHOTS === '1')('updates the login screenshot in docs/', async () => {
    const { page } = await open('/inloggen');
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    const path = resolve(docsDir, 'screenshot-login.png');
    mkdirSync(dirname(path), { recursive: true });
    await page.screenshot({ path, fullPage: true });
  });
});
