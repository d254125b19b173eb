import { readFileSync } from 'node:fs';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { wcagViolations } from './axe';
import { baseURL, demoPassword, demoUsers, launchBrowser, logIn, openPage } from './browser';

let browser: Browser;
let api: APIRequestContext;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  // Same origin as the SPA: the login endpoint sets a cookie and checks Origin.
  api = await request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await api?.dispose();
  await browser?.close();
});

async function signedIn(email: string, path: string) {
  const opened = await openPage(browser, '/inloggen');
  contexts.push(opened.context);
  await logIn(opened.page, email, demoPassword);
  await opened.page.waitForURL(`**${path}`);
  return opened;
}

async function token(email: string): Promise<string> {
  const res = await api.post('/api/v1/auth/login', { data: { email, password: demoPassword } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function getJSON<T>(path: string, bearer: string): Promise<T> {
  const res = await api.get(`/api/v1${path}`, { headers: { Authorization: `Bearer ${bearer}` } });
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

/** The clock in Amsterdam as a datetime-local value, `minutes` from now. */
function amsterdamLocal(minutes: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(Date.now() + minutes * 60_000));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

// The demo's "Evaluatie bijeenkomst" template: two scales, a choice, a recommendation and an open question.
const waardering = 'Hoe waardeert u dit onderdeel als geheel?';
const relevantie = 'De inhoud sloot aan bij mijn praktijk als gemeentesecretaris.';
const waardevolst = 'Wat was voor u het waardevolst?';
const aanbeveling = 'Hoe waarschijnlijk is het dat u dit onderdeel aanbeveelt aan een collega?';
const meenemen = 'Wat neemt u mee naar uw eigen organisatie?';

/** Answers the form in the browser, by keyboard where it matters, and sends it. */
async function answerInBrowser(page: Page, title: string, scale: number, recommend: number, text: string) {
  await page.getByRole('link', { name: 'Evaluaties' }).first().click();
  await page.getByRole('link', { name: title }).click();
  const group = (legend: string) => page.getByRole('group', { name: new RegExp(legend.replace(/[.?]/g, '\\$&')) });
  await group(waardering).getByRole('radio', { name: new RegExp(`^${scale}\\b`) }).check();
  await group(relevantie).getByRole('radio', { name: /^4\b/ }).check();
  await group(waardevolst).getByRole('radio', { name: 'De bijdrage van de spreker' }).check();
  await group(aanbeveling).getByRole('radio', { name: new RegExp(`^${recommend}\\b`) }).check();
  await page.getByLabel(meenemen).fill(text);
  await page.getByRole('checkbox', { name: /mag zonder naam gedeeld worden/ }).check();
  // The draft is kept while typing.
  await page.getByText(/Concept opgeslagen om/).waitFor();
  expect(await wcagViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Antwoorden versturen' }).click();
  await page.getByRole('heading', { name: /Dank u wel/ }).waitFor();
}

describe('evaluations from form to funder, in a browser', () => {
  it('the admin attaches a form, participants answer, the facilitator sees the rate, the reviewer sees the aggregates and a chart and downloads the PDF', async () => {
    const stamp = Date.now().toString(36);
    const title = `Evaluatie e2e ${stamp}`;
    const sharedText = `Een crisisoefening met het college, ${stamp}.`;

    const adminToken = await token(demoUsers.admin.email);
    const { programmes } = await getJSON<{ programmes: { id: string; name: string }[] }>('/programmes', adminToken);
    const programme = programmes.find((p) => p.name === 'Leergang Digitaal Leiderschap');
    expect(programme).toBeDefined();
    const { cohorts } = await getJSON<{ cohorts: { id: string; name: string }[] }>(
      `/programmes/${programme!.id}/cohorts`,
      adminToken,
    );
    const cohort = cohorts.find((c) => c.name === '2026–2027');
    expect(cohort).toBeDefined();

    // The programme office attaches the session evaluation to the whole group, open from now for a week.
    const admin = await signedIn(demoUsers.admin.email, demoUsers.admin.path);
    await admin.page.goto(`/groepen/${cohort!.id}/evaluaties`);
    await admin.page.getByRole('heading', { name: 'Formulier koppelen' }).waitFor();
    expect(await wcagViolations(admin.page)).toEqual([]);
    await admin.page.getByLabel('Formulier', { exact: true }).selectOption({ label: 'Evaluatie bijeenkomst (versie 1)' });
    await admin.page.getByRole('radio', { name: 'De hele groep (slotevaluatie)' }).check();
    await admin.page.getByLabel('Titel voor de groep (niet verplicht)').fill(title);
    await admin.page.getByLabel('Opent op').fill(amsterdamLocal(-5));
    await admin.page.getByLabel('Sluit op').fill(amsterdamLocal(7 * 24 * 60));
    await admin.page.getByRole('button', { name: 'Formulier koppelen' }).click();
    await admin.page.getByText(new RegExp(`‘${title}’ is gekoppeld`)).waitFor();

    // Nico and Joost answer in the browser; three colleagues answer through the API. k = 5.
    const nico = await signedIn(demoUsers.participant.email, demoUsers.participant.path);
    await answerInBrowser(nico.page, title, 5, 9, sharedText);
    const joost = await signedIn('joost.hendriks@deventer.example', '/deelnemer');
    await answerInBrowser(joost.page, title, 4, 8, `Meer casuïstiek uit kleine gemeenten, ${stamp}.`);

    const participantToken = await token('annemiek.devries@zwolle.example');
    const mine = await getJSON<{ evaluations: { formId: string; title: string }[] }>('/me/evaluations', participantToken);
    const formId = mine.evaluations.find((e) => e.title === title)?.formId;
    expect(formId).toBeDefined();
    for (const [email, value] of [
      ['annemiek.devries@zwolle.example', 4],
      ['sanne.visser@gouda.example', 3],
      ['pieter.hoogland@buren.example', 5],
    ] as const) {
      const bearer = await token(email);
      const res = await api.post(`/api/v1/me/evaluations/${formId}/submission`, {
        headers: { Authorization: `Bearer ${bearer}`, 'Idempotency-Key': `e2e-${stamp}-${email}` },
        data: {
          answers: {
            waardering: { value },
            relevantie: { value: 4 },
            waardevolst: { choice: 'collegas' },
            aanbeveling: { value: 7 + value - 3 },
          },
        },
      });
      expect(res.status(), email).toBe(201);
    }

    // Ruud sees five of eight answered and who has not, and can remind them.
    const ruud = await signedIn(demoUsers.facilitator.email, demoUsers.facilitator.path);
    await ruud.page.goto(`/groepen/${cohort!.id}/evaluaties/${formId}`);
    const notAnswered = ruud.page.getByRole('table');
    await notAnswered.getByRole('rowheader', { name: 'Ingrid Kamphuis' }).waitFor();
    expect(await notAnswered.getByRole('rowheader', { name: 'Nico Middelbos' }).count()).toBe(0);
    await ruud.page.getByText(/5 van 8 deelnemers/).first().waitFor();
    expect(await wcagViolations(ruud.page)).toEqual([]);
    await ruud.page.getByRole('button', { name: 'Herinnering sturen' }).click();
    await ruud.page.getByText('3 herinneringen staan klaar om te versturen.').waitFor();

    // The funder's dashboard: the group's answers to this form as aggregates, a chart, and the PDF.
    const fonds = await signedIn(demoUsers.reviewer.email, demoUsers.reviewer.path);
    await fonds.page.getByRole('link', { name: /Evaluatierapport Leergang Digitaal Leiderschap/ }).click();
    await fonds.page.getByRole('heading', { level: 1, name: /Evaluatierapport/ }).waitFor();
    await fonds.page.getByRole('img', { name: /Staafdiagram van de verdeling/ }).first().waitFor();
    await fonds.page.getByText(/te weinig antwoorden/).first().waitFor();
    // Open answers reach the funder only where the respondent allowed it, without a name.
    await fonds.page.getByText(sharedText).waitFor();
    const main = (await fonds.page.getByRole('main').textContent()) ?? '';
    expect(main).not.toContain('Nico Middelbos');
    expect(main).not.toContain('Joost Hendriks');
    expect(await wcagViolations(fonds.page)).toEqual([]);

    const [download] = await Promise.all([
      fonds.page.waitForEvent('download'),
      fonds.page.getByRole('button', { name: 'Download PDF-rapport' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^evaluatierapport-digitaal-leiderschap-\d{4}-\d{2}-\d{2}\.pdf$/);
    const file = await download.path();
    expect(file).toBeTruthy();
    const pdf = readFileSync(file!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5_000);
  });

  it('the programme office finds its forms and opens an answered one: it explains what may still change', async () => {
    const adminToken = await token(demoUsers.admin.email);
    const { programmes } = await getJSON<{ programmes: { id: string; name: string }[] }>('/programmes', adminToken);
    const programme = programmes.find((p) => p.name === 'Leergang Digitaal Leiderschap');
    const admin = await signedIn(demoUsers.admin.email, demoUsers.admin.path);
    await admin.page.goto(`/beheer/leergangen/${programme!.id}`);
    await admin.page.getByRole('link', { name: 'Evaluatieformulieren' }).click();
    await admin.page.getByRole('heading', { level: 1, name: 'Evaluatieformulieren' }).waitFor();
    expect(await wcagViolations(admin.page)).toEqual([]);
    await admin.page.getByRole('link', { name: 'Slotevaluatie' }).click();
    await admin.page.getByText(/Dit formulier is al \d+ keer ingevuld/).waitFor();
    await admin.page.getByLabel(/Vraag 1/).first().waitFor();
    expect(await wcagViolations(admin.page)).toEqual([]);
  });
});
