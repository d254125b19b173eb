import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { wcagViolations } from './axe';
import { demoUsers, launchBrowser, logIn, openPage } from './browser';

// The admin's security pages: the audit log (their own login, then one person's), a person's sign-in security
// with all their sessions ended, and the retention overview. The person is Esther van der Meer, a participant of
// the running cohort whom no other end-to-end test logs in as. (The demo runs with the staff second factor
// optional, so the admin logs in with the password alone.)

let browser: Browser;
const contexts: BrowserContext[] = [];
const esther = { email: 'esther.vandermeer@amersfoort.example', name: 'Esther van der Meer' };

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

// The refresh before login (401) is expected; anything else the browser reports is a real problem.
const realProblems = (problems: string[]) => problems.filter((text) => !text.includes('401'));

async function noViolations(page: Page) {
  expect(await wcagViolations(page)).toEqual([]);
}

/** The table's lines as [Wie, Handeling, Over wie] (the first three cells after the time). */
async function lines(page: Page): Promise<string[][]> {
  const table = page.getByRole('table', { name: 'Auditlog, nieuwste eerst' });
  await table.waitFor();
  return table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll('td')].slice(0, 3).map((cell) => cell.textContent ?? '')),
  );
}

describe('the admin’s security pages, in a browser', () => {
  it('searches the audit log, ends a person’s sessions and shows the retention overview', { timeout: 120_000 }, async () => {
    // Esther is logged in somewhere: that is the session the admin will end.
    const estherSide = await open('/inloggen');
    await logIn(estherSide.page, esther.email);
    await estherSide.page.waitForURL('**/deelnemer');

    const { page, problems } = await open('/inloggen');
    await logIn(page, demoUsers.admin.email);
    await page.waitForURL('**/beheer');

    // The audit log, filtered on logins: the admin's own login of a moment ago is there.
    await page.getByRole('link', { name: 'Auditlog doorzoeken' }).click();
    await page.getByRole('heading', { level: 1, name: 'Auditlog' }).waitFor();
    await page.getByRole('table', { name: 'Auditlog, nieuwste eerst' }).waitFor();
    await noViolations(page);
    await page.getByLabel('Handeling').selectOption({ label: 'Alle inlogpogingen' });
    await page.getByRole('button', { name: 'Filters toepassen' }).click();
    await page.waitForURL(/handeling=login\./);
    await page.getByRole('status').filter({ hasText: /regels? getoond/ }).waitFor();
    const logins = await lines(page);
    expect(logins.length).toBeGreaterThan(0);
    // Other tests in the same run add failed passwords and wrong second-factor codes: all of them login lines.
    const loginLabels = ['Ingelogd', 'Inloggen mislukt', 'Verkeerde code bij tweestapsverificatie'];
    expect(logins.every(([, action]) => action !== undefined && loginLabels.includes(action))).toBe(true);
    expect(logins).toContainEqual([demoUsers.admin.name, 'Ingelogd', demoUsers.admin.name]);

    // Filtered on a person as well: only Esther's login.
    const who = page.getByRole('group', { name: 'Wie', exact: true });
    await who.getByLabel('Zoek op naam of e-mailadres').fill('esther');
    await who.getByLabel('Zoek op naam of e-mailadres').press('Enter');
    await who.getByRole('button', { name: `${esther.name} (${esther.email})` }).click();
    await who.getByText(`Gekozen: ${esther.name}`).waitFor();
    await page.getByRole('button', { name: 'Filters toepassen' }).click();
    await page.waitForURL(/wie=/);
    await page.getByRole('status').filter({ hasText: '1 regel getoond.' }).waitFor();
    expect(await lines(page)).toEqual([[esther.name, 'Ingelogd', esther.name]]);
    await page.locator('summary').first().click(); // a line's detail, folded open
    await noViolations(page);
    // Back goes to the previous search.
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('wie='));
    await page.getByRole('status').filter({ hasText: /regels? getoond/ }).waitFor();

    // Esther's sign-in security, from the people search: end all her sessions.
    await page.goto('/beheer/personen');
    await page.getByLabel('Zoek op naam of e-mailadres').fill('esther');
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await page.getByRole('link', { name: `Inlogbeveiliging van ${esther.name}` }).click();
    await page.getByRole('heading', { level: 1, name: `Inlogbeveiliging van ${esther.name}` }).waitFor();
    await page.getByText('Actieve sessies').waitFor();
    await noViolations(page);
    await page.getByRole('button', { name: 'Alle sessies beëindigen', exact: true }).click();
    await noViolations(page);
    await page.getByRole('button', { name: 'Ja, alle sessies beëindigen' }).click();
    await page.getByText(`1 sessie van ${esther.name} is beëindigd.`).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(`1 sessie van ${esther.name} is beëindigd.`);

    // Esther's browser is signed out: reloading the page finds no session.
    await estherSide.page.reload();
    await estherSide.page.waitForURL('**/inloggen');

    // The ending is in the audit log, about Esther.
    await page.getByRole('link', { name: `Alles in het auditlog over ${esther.name}` }).click();
    await page.getByRole('heading', { level: 1, name: 'Auditlog' }).waitFor();
    await page.getByRole('status').filter({ hasText: /regels? getoond/ }).waitFor();
    expect((await lines(page))[0]).toEqual([demoUsers.admin.name, 'Sessies beëindigd', esther.name]);

    // The retention overview.
    await page.goto('/beheer');
    await page.getByRole('link', { name: 'Bewaartermijnen van gearchiveerde groepen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bewaartermijnen' }).waitFor();
    await page
      .getByText(
        'Leerdoelen en reflecties van een groep worden 24 maanden na archiveren verwijderd; deelnemers krijgen 30 dagen vooraf bericht.',
      )
      .waitFor();
    await page.getByRole('heading', { level: 2, name: 'Gearchiveerde groepen' }).waitFor();
    await noViolations(page);

    expect(realProblems(problems)).toEqual([]);
    expect(realProblems(estherSide.problems)).toEqual([]);
  });
});
