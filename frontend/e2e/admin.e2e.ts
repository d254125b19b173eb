import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { wcagViolations } from './axe';
import { baseURL, demoPassword, demoUsers, launchBrowser, logIn, openPage } from './browser';

// The programme office's flow from start to end, on its own programme and cohort so the demo cohorts other tests
// read stay as they are: an admin builds a programme with a template and a cohort and makes Lotte Willems its
// facilitator; she imports participants from a CSV file; a new participant sets a password from the invitation
// mail and logs in.

let browser: Browser;
let tempDir: string;
const contexts: BrowserContext[] = [];
const run = Date.now().toString(36);
const programmeName = `Leergang Data en Ethiek ${run}`;
const cohortName = `2027–2028 (${run})`;
const lotte = { email: 'lotte.willems@vgs.example', name: 'Lotte Willems' };
const newcomer = { name: 'Sanne Visser', email: `sanne.visser.${run}@gouda.example` };
const newPassword = 'Gouda aan de Gouwe en de Hollandse IJssel';

beforeAll(async () => {
  browser = await launchBrowser();
  tempDir = mkdtempSync(join(tmpdir(), 'leergang-csv-'));
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

afterAll(async () => {
  await browser?.close();
  rmSync(tempDir, { recursive: true, force: true });
});

async function open(path: string) {
  const opened = await openPage(browser, path);
  contexts.push(opened.context);
  return opened;
}

const unexpected = (problems: string[]) => problems.filter((text) => !text.includes('401'));

async function noViolations(page: Page) {
  expect(await wcagViolations(page)).toEqual([]);
}

/** The set-password link of the newest invitation (or reset) mail to the address, read from the outbox as an admin. */
async function invitationLink(to: string, kind: 'invitation' | 'password-reset' = 'invitation'): Promise<string> {
  const login = await fetch(`${baseURL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: demoUsers.admin.email, password: demoPassword }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const headers = { Authorization: `Bearer ${accessToken}` };
  const outbox = (await (await fetch(`${baseURL}/api/v1/admin/outbox?limit=200`, { headers })).json()) as {
    items: { id: number; to: string; kind: string }[];
  };
  const mail = outbox.items.find((item) => item.to === to && item.kind === kind);
  if (!mail) throw new Error(`no ${kind} mail to ${to} in the outbox`);
  const detail = (await (await fetch(`${baseURL}/api/v1/admin/outbox/${mail.id}`, { headers })).json()) as { bodyText: string };
  const link = /https?:\/\/\S+(\/wachtwoord-instellen\?token=[\w-]+)/.exec(detail.bodyText);
  if (!link) throw new Error(`no set-password link in:\n${detail.bodyText}`);
  return link[1]!; // the mail names the configured public URL; the test server listens elsewhere
}

describe('the programme office in a browser', () => {
  it('lets an admin build a programme with a template and a cohort from it, and give a facilitator the cohort', async () => {
    const { page, problems } = await open('/inloggen');
    await logIn(page, demoUsers.admin.email);
    await page.waitForURL('**/beheer');
    await page.getByRole('link', { name: 'Leergangen, groepen en rollen beheren' }).click();

    await page.getByRole('heading', { level: 1, name: 'Leergangen' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Leergang Digitaal Leiderschap', exact: true }).waitFor();
    await noViolations(page);

    await page.getByLabel('Naam', { exact: true }).fill(programmeName);
    await page.getByLabel('Beschrijving').fill('Over data, algoritmen en publieke waarden.');
    await page.getByRole('button', { name: 'Leergang aanmaken' }).click();
    await page.getByRole('heading', { level: 1, name: programmeName }).waitFor();

    // The template: two modules, the second an elective with an option, then moved to the top with the keyboard.
    await page.getByRole('button', { name: 'Module toevoegen' }).click();
    await page.locator('#programme-modules-0-title').fill('Verkenning van de opgave');
    await page.locator('#programme-modules-0-title').press('Tab'); // the key is suggested from the title
    expect(await page.locator('#programme-modules-0-key').inputValue()).toBe('verkenning-van-de-opgave');
    await page.getByRole('button', { name: 'Module toevoegen' }).click();
    await page.locator('#programme-modules-1-title').fill('Keuzemodule');
    await page.locator('#programme-modules-1-key').fill('keuzemodule');
    await page.getByRole('button', { name: 'Keuzeonderdeel toevoegen aan Keuzemodule' }).click();
    await page.locator('#programme-modules-1-options-0-title').fill('Werkbezoek');
    await page.getByRole('button', { name: 'Omhoog: Keuzemodule' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Omlaag: Keuzemodule');
    await noViolations(page);
    await page.getByRole('button', { name: 'Leergang opslaan' }).click();
    await page.getByText('De leergang is opgeslagen.').waitFor();
    expect(await page.locator('legend').allTextContents()).toContain('Module 1: Keuzemodule');

    // A cohort from the template.
    await page.getByLabel('Naam van de groep').fill(cohortName);
    await page.getByLabel('Begindatum').fill('2027-09-01');
    await page.getByLabel('Einddatum').fill('2028-06-30');
    await page.getByLabel('Aantal plaatsen').fill('10');
    await page.getByRole('button', { name: 'Groep aanmaken' }).click();
    await page.getByText(`Groep ${cohortName} is aangemaakt, met de modules van de leergang.`).waitFor();
    await page.getByRole('heading', { level: 3, name: cohortName }).waitFor();
    expect(await page.getByText('Gepland · 0 van 10 plaatsen bezet').count()).toBe(1);
    await noViolations(page);

    await page.getByRole('link', { name: `Modules van ${cohortName}` }).click();
    await page.getByRole('heading', { level: 1, name: `Modules — ${programmeName} — ${cohortName}` }).waitFor();
    // The heading comes before the modules have loaded: wait for them, allTextContents does not.
    await page.getByText('Module 1: Keuzemodule').waitFor();
    expect(await page.locator('legend').allTextContents()).toEqual([
      'Module 1: Keuzemodule',
      'Keuzeonderdelen van Keuzemodule',
      'Module 2: Verkenning van de opgave',
      'Keuzeonderdelen van Verkenning van de opgave',
    ]);
    expect(await page.locator('#cohort-modules-modules-0-options-0-title').inputValue()).toBe('Werkbezoek');
    await noViolations(page);
    await page.goBack();

    // Lotte Willems becomes the cohort's facilitator.
    await page.getByRole('link', { name: 'Rollen: begeleiders en beoordelaars' }).click();
    await page.getByRole('heading', { level: 1, name: `Rollen — ${programmeName}` }).waitFor();
    await page.getByLabel('Zoek een persoon').fill('lotte');
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await page.getByLabel(`${lotte.name} (${lotte.email})`).check();
    await page.getByLabel('Voor', { exact: true }).selectOption({ label: `Groep ${cohortName}` });
    await page.getByRole('button', { name: 'Rol toekennen' }).click();
    await page.getByText(`${lotte.name} is nu Begeleider.`).waitFor();
    expect(await page.getByRole('row', { name: new RegExp(lotte.name) }).getByRole('cell').allTextContents()).toEqual([
      `${lotte.name}${lotte.email}`,
      'Begeleider',
      cohortName,
      'Rol intrekken',
    ]);
    await noViolations(page);
    expect(unexpected(problems)).toEqual([]);
  });

  it('lets the facilitator check a CSV file, see the report per row and import the valid rows', async () => {
    const file = join(tempDir, 'deelnemers.csv');
    writeFileSync(
      file,
      '\uFEFFnaam;email;gemeente;functie\r\n' +
        `${newcomer.name};${newcomer.email};Gouda;Gemeentesecretaris\r\n` +
        `Joost Hendriks;joost.hendriks.${run}@deventer;Deventer;Gemeentesecretaris\r\n` +
        `Sanne Visser;${newcomer.email.toUpperCase()};Gouda;Gemeentesecretaris\r\n` +
        `Ahmed Bouzid;ahmed.bouzid.${run}@almelo.example;Almelo;"Gemeentesecretaris; algemeen directeur"\r\n`,
    );
    const { page, problems } = await open('/inloggen');
    await logIn(page, lotte.email);
    await page.waitForURL('**/begeleider');
    await page.getByRole('link', { name: `Deelnemers van ${cohortName} (${programmeName})` }).click();

    await page.getByRole('heading', { level: 1, name: `Deelnemers — ${programmeName} — ${cohortName}` }).waitFor();
    await page.getByText('Er zijn nog geen deelnemers.').waitFor();
    await noViolations(page);

    await page.getByLabel('CSV-bestand').setInputFiles(file);
    await page.getByRole('button', { name: 'Bestand controleren' }).click();
    const report = page.getByRole('table', { name: 'Controle per regel van deelnemers.csv' });
    await report.waitFor();
    const rows = await report.getByRole('row').evaluateAll((trs) =>
      trs.slice(1).map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
    );
    expect(rows.map((cells) => [cells[0], cells[3]])).toEqual([
      ['2', 'Wordt ingeschreven'],
      ['3', 'Fout: wordt overgeslagen'],
      ['4', 'Fout: wordt overgeslagen'],
      ['5', 'Wordt ingeschreven'],
    ]);
    expect(rows[1]![4]).toContain('email: Vul een geldig e-mailadres in');
    expect(rows[2]![4]).toContain('Dit e-mailadres staat ook op regel 2.');
    expect(await page.getByText('2 deelnemers kunnen worden ingeschreven. 2 regels worden overgeslagen.').count()).toBe(1);
    expect(await page.getByText('Er zijn nog geen deelnemers.').count()).toBe(1); // the check wrote nothing
    await noViolations(page);

    await page.getByRole('button', { name: '2 deelnemers inschrijven' }).click();
    await page.getByRole('table', { name: 'Import per regel van deelnemers.csv' }).waitFor();
    await page.getByRole('cell', { name: 'Ahmed Bouzid' }).first().waitFor();
    const list = page.getByRole('table', { name: '2 inschrijvingen, waarvan 2 actief' });
    await list.waitFor();
    expect(await list.getByRole('cell', { name: 'Gemeentesecretaris; algemeen directeur' }).count()).toBe(1);
    await noViolations(page);
    expect(unexpected(problems)).toEqual([]);
  });

  it('lets a new participant set a password from the link in the invitation mail, and log in', async () => {
    const link = await invitationLink(newcomer.email);
    const { page, problems } = await open(link);

    await page.getByText(`Welkom, ${newcomer.name}.`).waitFor();
    expect(new URL(page.url()).search).toBe(''); // the token left the address bar
    await noViolations(page);
    await page.getByLabel('Nieuw wachtwoord').fill(newPassword);
    await page.getByLabel('Herhaal het wachtwoord').fill(newPassword);
    await page.getByRole('button', { name: 'Wachtwoord instellen' }).click();
    await page.getByText(`Uw wachtwoord is ingesteld. U kunt nu inloggen met ${newcomer.email}.`).waitFor();
    await noViolations(page);

    await page.getByRole('link', { name: 'Naar inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    await logIn(page, newcomer.email, newPassword);
    await page.waitForURL('**/deelnemer');
    await page.getByRole('heading', { level: 2, name: `${programmeName} — ${cohortName}` }).waitFor();
    expect(unexpected(problems)).toEqual([]);

    // The link worked once.
    const again = await open(link);
    await again.page.getByText('Deze link is al gebruikt').waitFor();
    await noViolations(again.page);
  });

  it('lets that participant who forgot the password ask for a reset link and set a new one', async () => {
    const { page, problems } = await open('/inloggen');
    await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Wachtwoord vergeten' }).waitFor();
    await noViolations(page);
    await page.getByLabel('E-mailadres').fill(newcomer.email);
    await page.getByRole('button', { name: 'Link aanvragen' }).click();
    await page.getByText(/Als dit adres bij ons bekend is/).waitFor();

    const link = await invitationLink(newcomer.email, 'password-reset');
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Nieuw wachtwoord instellen' }).waitFor();
    await noViolations(page);
    // A password from the list of common ones that ships with the product is refused at the field.
    await page.getByLabel('Nieuw wachtwoord').fill('passwordpassword');
    await page.getByLabel('Herhaal het wachtwoord').fill('passwordpassword');
    await page.getByRole('button', { name: 'Wachtwoord instellen' }).click();
    await page.getByText(/veelgebruikte of gelekte wachtwoorden/).first().waitFor();
    const renewed = 'Een nieuwe zomer aan de Waal bij Zaltbommel';
    await page.getByLabel('Nieuw wachtwoord').fill(renewed);
    await page.getByLabel('Herhaal het wachtwoord').fill(renewed);
    await page.getByRole('button', { name: 'Wachtwoord instellen' }).click();
    await page.getByText(/Uw wachtwoord is ingesteld/).waitFor();

    await page.getByRole('link', { name: 'Naar inloggen' }).click();
    await logIn(page, newcomer.email, renewed);
    await page.waitForURL('**/deelnemer');
    expect(unexpected(problems).filter((text) => !text.includes('422'))).toEqual([]);
  });
});
