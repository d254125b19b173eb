import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { wcagViolations } from './axe';
import { demoPassword, demoUsers, launchBrowser, logIn, openPage } from './browser';

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
});

type Person = { email: string; path: string };
const joost: Person = { email: 'joost.hendriks@deventer.example', path: '/deelnemer' };

async function signedIn(user: Person) {
  const opened = await openPage(browser, '/inloggen');
  contexts.push(opened.context);
  await logIn(opened.page, user.email, demoPassword);
  await opened.page.waitForURL(`**${user.path}`);
  return opened;
}

// The refresh before login (401), and a portrait that is not written yet (404, as the API answers).
const realProblems = (problems: string[]) => problems.filter((text) => !text.includes('401') && !text.includes('404'));

const isFocused = (locator: ReturnType<Page['getByLabel']>) => async () =>
  locator.evaluate((el) => el === document.activeElement);

/** Tabs forward until `done` holds for the focused element; fails rather than loop forever. */
async function tabUntil(page: Page, done: () => Promise<boolean>, limit = 120): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await done()) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('the keyboard never reached the element');
}

describe('learning goals, reflections and who read them, in a browser', () => {
  it('a goal with two steps and a reflection for the facilitators: the facilitator reads it, another participant does not, and the participant sees the read', async () => {
    const stamp = Date.now().toString(36);
    const goalTitle = `Regie op de informatieveiligheid ${stamp}`;
    const reflectionTitle = `Wat de hack in Buren mij leerde ${stamp}`;

    // Nico writes a goal with two steps, by keyboard alone.
    const nico = await signedIn(demoUsers.participant);
    await nico.page.getByRole('link', { name: 'Mijn leerdoelen' }).click();
    await nico.page.getByRole('link', { name: 'Nieuw leerdoel' }).click();
    const title = nico.page.getByLabel('Titel');
    await title.waitFor();
    expect(await wcagViolations(nico.page)).toEqual([]);
    await tabUntil(nico.page, isFocused(title));
    await nico.page.keyboard.type(goalTitle);
    await nico.page.keyboard.press('Tab');
    await nico.page.keyboard.type('Ik wil dat informatieveiligheid een vast onderwerp in het MT wordt.');
    const privacy = nico.page.getByRole('checkbox', { name: /Persoonsgegevens beschermen/ });
    await tabUntil(nico.page, isFocused(privacy));
    await nico.page.keyboard.press('Space');
    expect(await privacy.isChecked()).toBe(true);
    const step1 = nico.page.getByLabel('Stap 1', { exact: true });
    await tabUntil(nico.page, isFocused(step1));
    await nico.page.keyboard.type('Gesprek met de CISO plannen');
    const more = nico.page.getByRole('button', { name: 'Nog een stap' });
    await tabUntil(nico.page, isFocused(more));
    await nico.page.keyboard.press('Enter');
    const step2 = nico.page.getByLabel('Stap 2', { exact: true });
    await tabUntil(nico.page, isFocused(step2));
    await nico.page.keyboard.type('Crisisoefening in het MT agenderen');
    const save = nico.page.getByRole('button', { name: 'Leerdoel opslaan' });
    await tabUntil(nico.page, isFocused(save));
    await nico.page.keyboard.press('Enter');
    await nico.page.getByRole('heading', { level: 1, name: goalTitle }).waitFor();
    await nico.page.getByRole('checkbox', { name: 'Gesprek met de CISO plannen' }).waitFor();
    await nico.page.getByRole('checkbox', { name: 'Crisisoefening in het MT agenderen' }).waitFor();
    // Ticking the first step off, with the keyboard.
    const first = nico.page.getByRole('checkbox', { name: 'Gesprek met de CISO plannen' });
    await first.focus();
    await nico.page.keyboard.press('Space');
    await expect.poll(() => first.isChecked()).toBe(true);
    expect(await wcagViolations(nico.page)).toEqual([]);

    // …and a reflection shared with the facilitators, linked to that goal.
    await nico.page.goto('/deelnemer/logboek/nieuw');
    await nico.page.getByRole('radio', { name: 'Alleen ik' }).waitFor();
    expect(await nico.page.getByRole('radio', { name: 'Alleen ik' }).isChecked()).toBe(true); // private by default
    await nico.page.getByLabel('Titel').fill(reflectionTitle);
    await nico.page.getByLabel('Reflectie').fill('Pieter vertelde hoe **Buren** de hack doorstond. Dat wil ik in Kampen oefenen.');
    await nico.page.getByRole('radio', { name: 'Ik en de begeleiders' }).check();
    await nico.page.getByRole('checkbox', { name: goalTitle }).check();
    expect(await wcagViolations(nico.page)).toEqual([]);
    await nico.page.getByRole('button', { name: 'Reflectie opslaan' }).click();
    await nico.page.getByRole('heading', { level: 1, name: reflectionTitle }).waitFor();
    const reflectionPath = new URL(nico.page.url()).pathname;
    expect(reflectionPath).toMatch(/^\/reflecties\/[0-9a-f-]{36}$/);
    expect(await nico.page.locator('.lg-reflection-body strong').textContent()).toBe('Buren');
    expect(realProblems(nico.problems)).toEqual([]);

    // Ruud, the cohort's facilitator, finds it through the coaching view.
    const ruud = await signedIn(demoUsers.facilitator);
    await ruud.page.getByRole('link', { name: /^Coaching van .*2026–2027/ }).click();
    await ruud.page.getByRole('table', { name: 'Leerdoelen, stappen en gedeelde reflecties per deelnemer' }).waitFor();
    await ruud.page.getByRole('table', { name: 'Leerdoelen en deelnemers per aspect' }).waitFor();
    expect(await wcagViolations(ruud.page)).toEqual([]);
    await ruud.page.getByRole('link', { name: 'Nico Middelbos' }).click();
    await ruud.page.getByText('Deze inzage wordt vastgelegd en is zichtbaar voor de deelnemer.').waitFor();
    await ruud.page.getByText(goalTitle).first().waitFor();
    await ruud.page.getByRole('link', { name: reflectionTitle }).waitFor();
    expect(await wcagViolations(ruud.page)).toEqual([]);
    await ruud.page.getByRole('link', { name: reflectionTitle }).click();
    await ruud.page.getByRole('heading', { level: 1, name: reflectionTitle }).waitFor();
    await ruud.page.getByLabel('Uw reactie').fill('Mooi voornemen. Zullen we Pieter vragen voor de oefening?');
    await ruud.page.getByRole('button', { name: 'Reactie plaatsen' }).click();
    await ruud.page.getByText('Mooi voornemen. Zullen we Pieter vragen voor de oefening?').waitFor();
    expect(realProblems(ruud.problems)).toEqual([]);

    // Joost, in the same cohort, sees nothing of it: not in the group's list, not at its address.
    const other = await signedIn(joost);
    await other.page.getByRole('link', { name: 'Gedeeld in de groep' }).click();
    await other.page.getByRole('heading', { level: 2, name: 'Gedeelde reflecties' }).waitFor();
    await other.page.locator('.lg-reflection-item').first().waitFor();
    expect(await other.page.getByText(reflectionTitle).count()).toBe(0);
    await other.page.goto(reflectionPath);
    await other.page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' }).waitFor();
    expect(await other.page.getByText(reflectionTitle).count()).toBe(0);

    // Nico sees in "Mijn gegevens" that Ruud looked.
    await nico.page.goto('/mijn-gegevens');
    const log = nico.page.getByRole('table', { name: 'Inzage en wijzigingen door anderen' });
    await log.waitFor();
    const rows = await log.getByRole('row').allTextContents();
    expect(rows.some((row) => row.includes('Ruud Verbeek') && row.includes('begeleider') && row.includes('bekeek uw leerdoelen'))).toBe(true);
    expect(rows.some((row) => row.includes('Ruud Verbeek') && row.includes('las uw gedeelde reflecties'))).toBe(true);
    expect(rows.some((row) => row.includes('Ruud Verbeek') && row.includes('las een reflectie'))).toBe(true);
    expect(await wcagViolations(nico.page)).toEqual([]);
    expect(realProblems(nico.problems)).toEqual([]);
  });

  it('the logbook searches in Dutch, and the participant downloads all their data', async () => {
    const { page, problems } = await signedIn(demoUsers.participant);
    await page.goto('/deelnemer/logboek/nieuw');
    await page.getByLabel('Titel').fill('Samenwerking in de regio');
    await page.getByLabel('Reflectie').fill('Over **samenwerking** met de buurgemeenten.');
    await page.getByRole('button', { name: 'Reflectie opslaan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Samenwerking in de regio' }).waitFor();

    await page.goto('/deelnemer/logboek');
    await page.getByLabel('Zoek in uw logboek').fill('samenwerken'); // the verb finds the noun
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('heading', { level: 2, name: 'Zoekresultaten voor ‘samenwerken’' }).waitFor();
    await page.getByRole('link', { name: 'Samenwerking in de regio' }).waitFor();
    expect(await page.locator('.lg-reflection-item__snippet').first().textContent()).toContain('samenwerking');
    expect(await wcagViolations(page)).toEqual([]);

    await page.goto('/mijn-gegevens');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /JSON/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^leergang-mijn-gegevens-\d{4}-\d{2}-\d{2}\.json$/);
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    const data = JSON.parse(await readFile(path, 'utf8')) as { format: string; account: { email: string }; reflections: { title: string | null }[] };
    expect(data.format).toBe('leergang-personal-data/1');
    expect(data.account.email).toBe(demoUsers.participant.email);
    expect(data.reflections.map((r) => r.title)).toContain('Samenwerking in de regio');
    expect(realProblems(problems)).toEqual([]);
  });

  it('a portrait: written and submitted with consent, approved by the office, then on the public page without login', async () => {
    const title = `Van toeschouwer naar regisseur ${Date.now().toString(36)}`;
    const nico = await signedIn(demoUsers.participant);
    await nico.page.goto('/deelnemer/portret');
    await nico.page.getByRole('heading', { level: 2, name: 'Status' }).waitFor();
    await nico.page.getByLabel('Titel').fill(title);
    await nico.page.getByLabel('Tekst').fill('Wat ik **meeneem** uit de leergang: regie, samen met de regio.');
    await nico.page.getByRole('button', { name: 'Portret opslaan' }).click();
    await nico.page.getByText('Uw portret is opgeslagen.').waitFor();
    await nico.page.getByRole('checkbox', { name: /^Ik geef toestemming om dit portret/ }).check();
    await nico.page.getByRole('button', { name: 'Indienen' }).click();
    await nico.page.getByText('Uw portret is ingediend. Het programmabureau beoordeelt het.').waitFor();
    expect(await wcagViolations(nico.page)).toEqual([]);
    expect(realProblems(nico.problems)).toEqual([]);

    const admin = await signedIn(demoUsers.admin);
    await admin.page.getByRole('link', { name: 'Portretten beoordelen' }).click();
    await admin.page.getByRole('heading', { name: title }).waitFor();
    expect(await wcagViolations(admin.page)).toEqual([]);
    await admin.page.getByRole('button', { name: `Portret ‘${title}’ goedkeuren en publiceren` }).click();
    await admin.page.getByRole('button', { name: 'Ja, goedkeuren en publiceren' }).click();
    await admin.page.getByRole('link', { name: /openbare pagina/i }).first().waitFor();
    expect(realProblems(admin.problems)).toEqual([]);

    const visitor = await openPage(browser, '/portretten/digitaal-leiderschap');
    contexts.push(visitor.context);
    await visitor.page.getByRole('heading', { name: title }).waitFor();
    await visitor.page.getByRole('heading', { name: '“Absoluut een aanrader”' }).waitFor(); // seed 000, approved in 2022
    expect(await visitor.page.getByText('Digitalisering is geen ICT-feestje').count()).toBe(0); // still waiting for review
    expect(await wcagViolations(visitor.page)).toEqual([]);
    expect(realProblems(visitor.problems)).toEqual([]);
  });

  it('the admin finds a person to erase and must type their address first', async () => {
    const { page, problems } = await signedIn(demoUsers.admin);
    await page.getByRole('link', { name: 'Personen en gegevens wissen' }).click();
    await page.getByRole('searchbox', { name: 'Zoek op naam of e-mailadres' }).fill('Karin');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('button', { name: 'Gegevens wissen van Karin Smit' }).first().click();
    const send = page.getByRole('button', { name: 'Karin Smit definitief wissen' });
    await send.waitFor();
    expect(await send.isDisabled()).toBe(true);
    expect(await wcagViolations(page)).toEqual([]);
    await page.getByLabel(/Typ ter bevestiging/).fill('karin.smit@hardenberg.example');
    expect(await send.isDisabled()).toBe(false);
    await page.getByRole('button', { name: 'Annuleren' }).click(); // the demo keeps Karin
    expect(realProblems(problems)).toEqual([]);
  });
});
