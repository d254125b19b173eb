import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { wcagViolations } from './axe';
import { baseURL, demoPassword, demoUsers, launchBrowser, logIn, openPage } from './browser';

let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  await browser?.close();
});

async function signedIn(user: (typeof demoUsers)[keyof typeof demoUsers]) {
  const opened = await openPage(browser, '/inloggen');
  context = opened.context;
  await logIn(opened.page, user.email);
  await opened.page.waitForURL(`**${user.path}`);
  return opened;
}

const realProblems = (problems: string[]) => problems.filter((text) => !text.includes('401')); // the refresh before login

/** Tabs forward until `done` holds for the focused element; fails rather than loop forever. */
async function tabUntil(page: Page, done: () => Promise<boolean>, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await done()) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('the keyboard never reached the element');
}

/** "75% (3 van 4)" → 3. */
const presentCount = (text: string | null) => Number(/\((\d+) van \d+\)/.exec(text ?? '')?.[1]);

describe('attendance, Mijn programma and the outbox in a browser', () => {
  it('lets the facilitator record attendance for a past session by keyboard alone, and the rate follows', async () => {
    const { page, problems } = await signedIn(demoUsers.facilitator);

    await page.getByRole('link', { name: 'Aanwezigheid Leergang Digitaal Leiderschap, 2026–2027' }).click();
    await page.waitForURL(/\/groepen\/[0-9a-f-]{36}\/aanwezigheid$/);
    // The URL changes before the new page renders, so the old page's heading may still be there for a moment.
    await expect.poll(() => page.getByRole('heading', { level: 1 }).allTextContents()).toEqual(['Aanwezigheid']);
    const nicoGroup = page.getByRole('radiogroup', { name: 'Nico Middelbos', exact: true });
    await nicoGroup.waitFor();
    // It opens on the latest session that was held (the demo's today lies after 12 November 2026).
    const picked = await page.getByLabel('Bijeenkomst').locator('option:checked').textContent();
    expect(picked).toMatch(/ — /);
    expect(picked).not.toMatch(/nog niet geweest|geannuleerd/);
    expect(await wcagViolations(page)).toEqual([]);

    const nicoRate = page
      .getByRole('table', { name: 'Aanwezigheid per deelnemer' })
      .getByRole('row', { name: /^Nico Middelbos/ })
      .getByRole('cell')
      .nth(5);
    const before = presentCount(await nicoRate.textContent());
    const wasPresent = await nicoGroup.getByRole('radio', { name: 'Aanwezig' }).isChecked();

    // Keyboard only: from the session picker, Tab into Nico's radio group, arrows to change it, Tab to save.
    await page.getByLabel('Bijeenkomst').focus();
    await tabUntil(page, () =>
      page.evaluate(() => {
        const group = document.activeElement?.closest('[role="radiogroup"]');
        return document.getElementById(group?.getAttribute('aria-labelledby') ?? '')?.textContent === 'Nico Middelbos';
      }),
    );
    const wanted = wasPresent ? 'Afwezig' : 'Aanwezig';
    for (let i = 0; i < 3 && !(await nicoGroup.getByRole('radio', { name: wanted }).isChecked()); i++) {
      const focusedChecked = await page.evaluate(() => (document.activeElement as HTMLInputElement).checked);
      await page.keyboard.press(focusedChecked ? (wasPresent ? 'ArrowDown' : 'ArrowUp') : 'Space');
    }
    expect(await nicoGroup.getByRole('radio', { name: wanted }).isChecked()).toBe(true);
    await page.getByText('1 wijziging is nog niet opgeslagen.').waitFor();
    await tabUntil(page, async () => (await page.evaluate(() => document.activeElement?.textContent)) === 'Aanwezigheid opslaan');
    await page.keyboard.press('Enter');

    await page.getByText('De aanwezigheid is opgeslagen.').waitFor();
    const expected = before + (wasPresent ? -1 : 1);
    await expect.poll(async () => presentCount(await nicoRate.textContent())).toBe(expected);
    expect(await nicoGroup.getByRole('radio', { name: wanted }).isChecked()).toBe(true);
    expect(await nicoGroup.getAttribute('aria-describedby')).toBeTruthy();
    expect(await wcagViolations(page)).toEqual([]);
    expect(realProblems(problems)).toEqual([]);

    // A reload shows what the server kept.
    await page.reload();
    await nicoGroup.waitFor();
    expect(await nicoGroup.getByRole('radio', { name: wanted }).isChecked()).toBe(true);
  });

  it('shows the participant Mijn programma, and a calendar link that serves their sessions as iCalendar', async () => {
    const { page, problems } = await signedIn(demoUsers.participant);

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn programma' }).click();
    await page.waitForURL('**/deelnemer/programma');
    const main = page.getByRole('main');
    await main.getByRole('heading', { level: 2, name: 'Wat is de volgende stap' }).waitFor();
    expect(await main.getByRole('heading', { level: 1 }).allTextContents()).toEqual(['Mijn programma']);
    const modules = await main.getByRole('heading', { level: 2, name: /^Module \d: / }).allTextContents();
    expect(modules).toEqual([
      'Module 1: De gemeentesecretaris in zijn/haar context',
      'Module 2: Samenwerking en netwerken',
      'Module 3: Leiderschap aan de organisatie',
      'Module 4: (Politiek-)bestuurlijk adviseren',
      'Module 5: Keuzemodule en afsluiting',
    ]);
    const firstModule = main.locator('section', { has: page.getByRole('heading', { name: modules[0]! }) });
    const kickOff = firstModule.getByRole('article').first();
    expect(await kickOff.getByRole('heading', { level: 3 }).textContent()).toMatch(/^Geweest Aftrap/);
    expect(await kickOff.textContent()).toMatch(/Uw aanwezigheid: (Aanwezig|Afgemeld|Afwezig)/);
    // Times in Amsterdam, on the demo's 13:30 start, whatever the browser's own zone.
    expect(await kickOff.locator('time').first().textContent()).toBe('donderdag 17 september 2026, 13:30');
    const next = main.locator('section', { has: page.getByRole('heading', { name: 'Wat is de volgende stap' }) });
    expect(await next.getByRole('article').count()).toBe(1);
    expect(await wcagViolations(page)).toEqual([]);

    await main.getByRole('button', { name: 'Agenda-link maken' }).click();
    const link = main.getByRole('textbox', { name: 'Uw persoonlijke agenda-link' });
    await link.waitFor();
    const url = new URL(await link.inputValue());
    expect(url.pathname).toMatch(/^\/api\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(await wcagViolations(page)).toEqual([]);

    // Fetched as a calendar app would: no login, the secret in the address is the key.
    const feed = await fetch(`${baseURL}${url.pathname}`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    const ics = await feed.text();
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r?\n/);
    expect(ics.match(/BEGIN:VEVENT/g)?.length).toBeGreaterThanOrEqual(10); // both of Nico's cohorts
    expect(ics).toContain('DTSTART;TZID=Europe/Amsterdam:20260917T133000');
    expect(realProblems(problems)).toEqual([]);
  });

  it('shows the admin the outbox, newest first, and a mail as text', async () => {
    // Enrolling someone queues an invitation mail (no SMTP in the tests, so it stays in the outbox).
    const token = await accessToken(demoUsers.admin.email);
    const cohortId = await plannedRegionCohort(token);
    const enrol = await fetch(`${baseURL}/api/v1/cohorts/${cohortId}/participants`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Eva de Boer', email: `eva.${Date.now()}@zwolle.example`, gemeente: 'Zwolle' }),
    });
    expect(enrol.status).toBe(201);

    const { page, problems } = await signedIn(demoUsers.admin);
    await page.getByRole('link', { name: 'Uitgaande e-mail bekijken' }).click();
    await page.waitForURL('**/beheer/mail');
    const table = page.getByRole('table', { name: 'E-mail, nieuwste eerst' });
    await table.waitFor();
    expect(await page.getByRole('heading', { level: 1 }).allTextContents()).toEqual(['Uitgaande e-mail']);
    const newest = table.getByRole('row').nth(1);
    expect(await newest.textContent()).toContain('Eva de Boer');
    expect(await newest.textContent()).toContain('In de wachtrij');
    expect(await wcagViolations(page)).toEqual([]);

    await newest.getByRole('link').click();
    await page.waitForURL(/\/beheer\/mail\/\d+$/);
    await page.getByRole('heading', { level: 2, name: 'Tekst van de e-mail' }).waitFor();
    expect(await page.locator('pre').textContent()).toContain('Eva de Boer');
    expect(await wcagViolations(page)).toEqual([]);
    expect(realProblems(problems)).toEqual([]);
  });
});

async function accessToken(email: string): Promise<string> {
  const response = await fetch(`${baseURL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: demoPassword }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** The demo's planned cohort of Leergang Regionaal Samenwerken: enrolling there leaves the other tests' data alone. */
async function plannedRegionCohort(token: string): Promise<string> {
  const get = async <T>(path: string) => {
    const response = await fetch(`${baseURL}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  const { programmes } = await get<{ programmes: { id: string; name: string }[] }>('/programmes');
  const region = programmes.find((programme) => programme.name === 'Leergang Regionaal Samenwerken');
  const { cohorts } = await get<{ cohorts: { id: string; status: string }[] }>(`/programmes/${region!.id}/cohorts`);
  return cohorts.find((cohort) => cohort.status === 'planned')!.id;
}
