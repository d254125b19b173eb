import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const baseURL = inject('baseURL');

// Debian's Chromium: Playwright's own browser downloads are not available here.
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

// Each context is a person at an address of its own (TEST-NET-2), passed on as a proxy would: the server trusts
// X-Forwarded-For from loopback in these tests. Otherwise the suite's logins, all from 127.0.0.1, would exhaust
// the per-address login budget (30 a minute) that real people at one address never reach.
let contexts = 0;
function nextAddress(): string {
  contexts += 1;
  return `198.51.100.${(contexts % 254) + 1}`;
}

/** A fresh context per test: its own cookie jar, so every test starts signed out. */
export async function openPage(browser: Browser, path = '/'): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({
    baseURL,
    locale: 'nl-NL',
    viewport: { width: 1280, height: 900 },
    extraHTTPHeaders: { 'X-Forwarded-For': nextAddress() },
  });
  const page = await context.newPage();
  // Anything the browser refuses (CSP) or throws ends up here; tests assert it stays empty.
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(path);
  return { context, page, problems };
}

export const demoPassword = 'leergang-demo-2021';

export const demoUsers = {
  admin: { email: 'beheer@vgs.example', name: 'Marieke Jansen', path: '/beheer', title: 'Beheer' },
  facilitator: { email: 'begeleider@vgs.example', name: 'Ruud Verbeek', path: '/begeleider', title: 'Mijn groepen' },
  reviewer: { email: 'fonds@aeno.example', name: 'Fatima El Amrani', path: '/fonds', title: 'Evaluaties en resultaten' },
  participant: {
    email: 'nico.middelbos@kampen.example',
    name: 'Nico Middelbos',
    path: '/deelnemer',
    title: 'Mijn leergang',
  },
} as const;

export async function logIn(page: Page, email: string, password = demoPassword): Promise<void> {
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}
