import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { wcagViolations } from './axe';
import { baseURL, demoPassword, demoUsers, launchBrowser, logIn, openPage } from './browser';

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

afterAll(async () => {
  await browser?.close();
});

async function open(path: string) {
  const opened = await openPage(browser, path);
  contexts.push(opened.context);
  return opened;
}

const unexpected = (problems: string[]) => problems.filter((text) => !text.includes('401'));

/** Presses Tab until the target has focus: the planner is used with the keyboard alone. */
async function tabTo(page: Page, target: Locator, maxPresses = 80): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/**
 * The first day after today (Amsterdam) whose day and month are the same number, as YYYY-MM-DD. Chromium lays out
 * a date input in its own locale (dd-mm-jjjj or mm/dd/yyyy); typed digits for such a day mean the same in both.
 * It is at most a month away, so it is among the participant's next sessions.
 */
function typeableDay(): string {
  for (let ahead = 1; ; ahead++) {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date(Date.now() + ahead * 86_400_000));
    const [, month, date] = day.split('-');
    if (month === date) return day;
  }
}

/** Reads the link in the newest invitation mail to the address, as an admin does in the outbox (API). */
async function invitationPath(to: string, subjectPart: string): Promise<string> {
  const login = await fetch(`${baseURL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: demoUsers.admin.email, password: demoPassword }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const headers = { Authorization: `Bearer ${accessToken}` };
  const page = (await (await fetch(`${baseURL}/api/v1/admin/outbox`, { headers })).json()) as {
    items: { id: number; kind: string; to: string; subject: string }[];
  };
  const item = page.items.find((mail) => mail.kind === 'speaker-invitation' && mail.to === to && mail.subject.includes(subjectPart));
  if (!item) throw new Error(`no invitation to ${to} in the outbox: ${JSON.stringify(page.items.slice(0, 5))}`);
  const mail = (await (await fetch(`${baseURL}/api/v1/admin/outbox/${item.id}`, { headers })).json()) as { bodyText: string };
  const link = /https?:\/\/\S+\/spreker\/uitnodiging\?token=\S+/.exec(mail.bodyText)?.[0];
  if (!link) throw new Error(`no link in the invitation:\n${mail.bodyText}`);
  // The mail links to the configured public URL; the test server listens elsewhere, so keep path and query.
  const url = new URL(link);
  return url.pathname + url.search;
}

describe('planning sessions and speakers', () => {
  it('a facilitator plans a session by keyboard and invites a speaker, who confirms; the participant then sees them', async () => {
    const title = `Datagedreven sturen in de praktijk ${Date.now().toString(36)}`;
    const date = typeableDay();
    const speaker = { name: 'Mark Crooijmans', email: 'm.crooijmans@amsterdam.example' };

    // The facilitator goes from their home to the planner of the running cohort.
    const facilitator = await open('/inloggen');
    let page = facilitator.page;
    await logIn(page, demoUsers.facilitator.email);
    await page.waitForURL('**/begeleider');
    await page.getByRole('link', { name: 'Bijeenkomsten en sprekers van Leergang Digitaal Leiderschap, 2026–2027' }).click();
    await page.waitForURL(/\/groepen\/[0-9a-f-]{36}\/planning$/);
    await page.getByRole('region', { name: /^Module 1:/ }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).allTextContents()).toEqual(['Planning']);
    expect(await wcagViolations(page)).toEqual([]);

    // Keyboard only: open the form, see the errors of an empty form, fill it in and save.
    const main = page.getByRole('main');
    await tabTo(page, main.getByRole('button', { name: 'Bijeenkomst plannen' }));
    await page.keyboard.press('Enter');
    const form = main.locator('form.lg-session-form');
    await expect.poll(() => form.getByLabel('Module').evaluate((el) => el === document.activeElement)).toBe(true);
    await tabTo(page, form.getByRole('button', { name: 'Bijeenkomst opslaan' }));
    await page.keyboard.press('Enter');
    const summary = form.getByRole('alert');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Vul een titel in.');
    expect(await wcagViolations(page)).toEqual([]);

    // Focus is on the summary; its first link leads to the module field.
    await tabTo(page, summary.getByRole('link', { name: 'Kies een module.' }));
    await page.keyboard.press('Enter');
    expect(await form.getByLabel('Module').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('3'); // a closed <select> picks the option starting with what is typed
    await page.keyboard.press('Tab');
    await page.keyboard.type(title);
    await tabTo(page, form.getByLabel('Datum', { exact: true }));
    const [year, month, day] = date.split('-');
    await page.keyboard.type(`${day}${month}${year}`); // each part advances to the next
    expect(await form.getByLabel('Datum', { exact: true }).inputValue()).toBe(date);
    await tabTo(page, form.getByLabel('Locatie'));
    await page.keyboard.type('VNG, Nassaulaan 12, Den Haag');
    await tabTo(page, form.getByLabel('Onderwerpen'));
    await page.keyboard.type('Datagericht werken in de praktijk');
    await tabTo(page, form.getByRole('checkbox', { name: 'Ruud Verbeek' }));
    expect(await form.getByRole('checkbox', { name: 'Ruud Verbeek' }).isChecked()).toBe(true);
    await tabTo(page, form.getByRole('button', { name: 'Bijeenkomst opslaan' }));
    await page.keyboard.press('Enter');

    const saved = main.locator('.lg-saved-alert');
    await saved.waitFor();
    expect(await saved.textContent()).toContain(`De bijeenkomst „${title}” is gepland.`);
    expect(await saved.evaluate((el) => el === document.activeElement)).toBe(true);
    const card = main.getByRole('article', { name: title });
    await card.waitFor();
    expect(await card.locator('.lg-session__when').textContent()).toMatch(/, 13:30–17:00$/);

    // Invite a speaker from the directory.
    await card.getByLabel('Spreker uitnodigen').selectOption({ label: `${speaker.name}, Gemeente Amsterdam` });
    await card.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await card.getByText(`De uitnodiging aan ${speaker.name} is verstuurd.`).waitFor();
    expect(await card.locator('.lg-booking').textContent()).toContain('Uitgenodigd');
    expect(await wcagViolations(page)).toEqual([]);
    expect(unexpected(facilitator.problems)).toEqual([]);

    // The speaker opens the link from the mail in a browser of their own, without an account, and confirms.
    const speakerPage = await open(await invitationPath(speaker.email, title));
    page = speakerPage.page;
    await page.getByRole('heading', { level: 1, name: 'Uitnodiging om te spreken' }).waitFor();
    await page.getByRole('heading', { level: 2, name: title }).waitFor();
    expect(await page.getByText(`Beste ${speaker.name},`).isVisible()).toBe(true);
    expect(await wcagViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Ja, ik kom spreken' }).click();
    await page.getByText('Dank u wel. U heeft bevestigd dat u komt spreken.').waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    expect(unexpected(speakerPage.problems)).toEqual([]);

    // The link works once.
    await page.reload();
    await page.getByText('U heeft al laten weten dat u komt spreken.', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Ja, ik kom spreken' }).count()).toBe(0);

    // Nico sees the session with its confirmed speaker on his home.
    const participant = await open('/inloggen');
    page = participant.page;
    await logIn(page, demoUsers.participant.email);
    await page.waitForURL('**/deelnemer');
    const upcoming = page.getByRole('main').locator('section', { has: page.getByRole('heading', { name: 'Wat komt er', exact: true }) });
    const item = upcoming.getByRole('listitem').filter({ hasText: title });
    await item.waitFor();
    expect(await item.textContent()).toContain(`${speaker.name}, Stedelijk directeur, Gemeente Amsterdam`);
    expect(await item.textContent()).not.toContain(speaker.email);

    // … and in "Mijn programma", under its module, with the speaker's public profile only.
    await page.getByRole('link', { name: 'Mijn programma' }).click();
    await page.waitForURL('**/deelnemer/programma');
    const programmeCard = page.getByRole('article', { name: title });
    await programmeCard.waitFor();
    expect(await programmeCard.textContent()).toContain(speaker.name);
    expect(await programmeCard.textContent()).not.toContain(speaker.email);
    expect(unexpected(participant.problems)).toEqual([]);

    // Back in the planner, the booking shows as confirmed.
    page = facilitator.page;
    await page.reload();
    const confirmed = page.getByRole('article', { name: title }).locator('.lg-booking');
    await confirmed.filter({ hasText: 'Bevestigd' }).waitFor();
  });

  it('keeps the speaker directory readable for everyone: no WCAG 2.1 AA violations, contact details for staff', async () => {
    const { page, problems } = await open('/inloggen');
    await logIn(page, demoUsers.facilitator.email);
    await page.waitForURL('**/begeleider');
    await page.getByRole('link', { name: 'Bijeenkomsten en sprekers van Leergang Digitaal Leiderschap, 2026–2027' }).click();
    await page.getByRole('link', { name: 'Sprekerslijst van deze leergang' }).click();
    await page.waitForURL(/\/leergangen\/[0-9a-f-]{36}\/sprekers$/);
    const michiel = page.getByRole('article', { name: 'Michiel van Dalen' });
    await michiel.waitFor();
    expect(await michiel.textContent()).toContain('michiel@vandalen-advies.example');
    expect(await wcagViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Spreker toevoegen' }).click();
    const form = page.locator('form');
    await form.getByRole('group', { name: 'Openbaar profiel' }).waitFor();
    await form.getByRole('group', { name: 'Contactgegevens' }).waitFor();
    await form.getByRole('button', { name: 'Spreker toevoegen' }).click();
    await form.getByRole('alert').waitFor();
    expect(await form.getByLabel('Naam').getAttribute('aria-invalid')).toBe('true');
    expect(await wcagViolations(page)).toEqual([]);

    await form.getByLabel('Naam').fill('Anne de Boer');
    await form.getByLabel('Functie of rol').fill('CIO');
    await form.getByLabel('Organisatie').fill('Gemeente Zwolle');
    await form.getByLabel('E-mailadres').fill('anne.deboer@zwolle.example');
    await form.getByRole('button', { name: 'Spreker toevoegen' }).click();
    await page.getByText('Anne de Boer staat in de sprekerslijst.').waitFor();
    await page.getByRole('article', { name: 'Anne de Boer' }).waitFor();
    expect(unexpected(problems)).toEqual([]);
  });
});
