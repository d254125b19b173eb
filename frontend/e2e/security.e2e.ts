import * as OTPAuth from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { wcagViolations } from './axe';
import { demoPassword, launchBrowser, logIn, openPage } from './browser';

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

// A participant of the running cohort whom no other end-to-end test logs in as: this test gives her a second
// factor and a new password. (The demo runs with the staff second factor optional, so staff tests are unaffected.)
const ingrid = { email: 'ingrid.kamphuis@borne.example', name: 'Ingrid Kamphuis', home: '/deelnemer' };
const newPassword = 'vier blauwe fietsen in de regen';

// The refresh before login (401) is expected; anything else the browser reports is a real problem.
const realProblems = (problems: string[]) => problems.filter((text) => !text.includes('401'));

/**
 * An authenticator app in a few lines: a code for the secret read from the page. The server takes each 30-second
 * step once but accepts one step of clock drift, so the next code is for the next unused step, and waits only
 * when that would be more than one step ahead of the clock.
 */
class Authenticator {
  private readonly totp: OTPAuth.TOTP;
  private lastStep = -1;

  constructor(secret: string) {
    this.totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
  }

  async code(): Promise<string> {
    const now = () => Math.floor(Date.now() / 30_000);
    while (Math.max(now(), this.lastStep + 1) > now() + 1) await new Promise((r) => setTimeout(r, 500));
    this.lastStep = Math.max(now(), this.lastStep + 1);
    return this.totp.generate({ timestamp: this.lastStep * 30_000 });
  }
}

async function open(path: string) {
  const opened = await openPage(browser, path);
  contexts.push(opened.context);
  return opened;
}

/** Password, then the code step: a code from the app or, with `recoveryCode`, one of the recovery codes. */
async function logInWithSecondFactor(page: Page, password: string, answer: { code: string } | { recoveryCode: string }) {
  await logIn(page, ingrid.email, password);
  await page.getByRole('heading', { level: 1, name: 'Tweestapsverificatie' }).waitFor();
  if ('code' in answer) {
    await page.getByLabel('Code uit de app').fill(answer.code);
  } else {
    await page.getByRole('button', { name: 'Herstelcode gebruiken' }).click();
    await page.getByLabel('Herstelcode').fill(answer.recoveryCode);
  }
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
  await page.waitForURL(`**${ingrid.home}`);
}

/** The header's button (the security page has "Hier uitloggen" as well). */
async function logOut(page: Page) {
  await page.getByRole('banner').getByRole('button', { name: 'Uitloggen', exact: true }).click();
  await page.waitForURL('**/inloggen');
}

async function toSecurityPage(page: Page) {
  await page.getByRole('link', { name: 'Beveiliging', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Beveiliging' }).waitFor();
}

describe('account security, in a browser', () => {
  it(
    'a participant turns on the second factor, logs in with a code, ends another device’s session, changes her password and logs in with a recovery code',
    { timeout: 240_000 },
    async () => {
      // Logged in with the password alone; the second factor is still off.
      const first = await open('/inloggen');
      const page = first.page;
      await logIn(page, ingrid.email, demoPassword);
      await page.waitForURL(`**${ingrid.home}`);
      await toSecurityPage(page);
      const factor = page.getByRole('region', { name: 'Tweestapsverificatie' });
      await factor.getByText('Tweestapsverificatie staat uit.').waitFor();
      await page.getByRole('table', { name: 'Apparaten waarop u bent ingelogd' }).waitFor();
      expect(await wcagViolations(page)).toEqual([]);

      // Turning it on: the key as shown on the page (grouped in fours) goes into the "app".
      await factor.getByRole('button', { name: 'Tweestapsverificatie aanzetten' }).click();
      await factor.getByRole('img', { name: /QR-code om Leergang toe te voegen/ }).waitFor();
      const shownSecret = (await factor.locator('code.lg-totp__secret').textContent()) ?? '';
      expect(shownSecret).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
      const app = new Authenticator(shownSecret.replace(/\s+/g, ''));
      // The QR code encodes the same key.
      const qrSource = await factor.getByRole('img', { name: /QR-code/ }).getAttribute('src');
      expect(qrSource).toMatch(/^data:image\/png;base64,/);
      expect(await factor.getByRole('img', { name: /QR-code/ }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
      expect(await wcagViolations(page)).toEqual([]);

      await factor.getByLabel('Code uit de app').fill(await app.code());
      await factor.getByRole('button', { name: 'Bevestigen en aanzetten' }).click();
      await factor.getByRole('heading', { name: 'Uw herstelcodes' }).waitFor();
      const recoveryCodes = await factor.locator('code.lg-recovery__code').allTextContents();
      expect(recoveryCodes).toHaveLength(10);
      for (const code of recoveryCodes) expect(code).toMatch(/^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/);
      expect(await wcagViolations(page)).toEqual([]);
      await factor.getByRole('button', { name: 'Klaar' }).click();
      // Not without saying the codes are kept.
      await factor.getByText('Bewaar uw herstelcodes en vink dan aan dat u dat hebt gedaan.').waitFor();
      await factor.getByRole('checkbox', { name: 'Ik heb mijn herstelcodes veilig bewaard' }).check();
      await factor.getByRole('button', { name: 'Klaar' }).click();
      await factor.getByText(/^Tweestapsverificatie staat aan sinds \d{1,2} [a-z]{3} \d{4}, \d{2}:\d{2}\.$/).waitFor();
      await factor.getByText('U heeft nog 10 herstelcodes over.').waitFor();

      // Logging out and in again: now the password is not enough.
      await logOut(page);
      await page.waitForURL('**/inloggen');
      await logIn(page, ingrid.email, demoPassword);
      await page.getByRole('heading', { level: 1, name: 'Tweestapsverificatie' }).waitFor();
      expect(await page.getByLabel('Code uit de app').evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await page.getByLabel('Code uit de app').getAttribute('autocomplete')).toBe('one-time-code');
      expect(await wcagViolations(page)).toEqual([]);
      // A wrong code is refused at the field.
      await page.getByLabel('Code uit de app').fill('000000');
      await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'Onjuiste code' }).waitFor();
      expect(await page.getByLabel('Code uit de app').getAttribute('aria-invalid')).toBe('true');
      expect(await wcagViolations(page)).toEqual([]);
      await page.getByLabel('Code uit de app').fill(await app.code());
      await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
      await page.waitForURL(`**${ingrid.home}`);

      // A second device (another browser context) logs in too.
      const second = await open('/inloggen');
      await logInWithSecondFactor(second.page, demoPassword, { code: await app.code() });

      // The first device sees both and ends the other.
      await toSecurityPage(page);
      const table = page.getByRole('table', { name: 'Apparaten waarop u bent ingelogd' });
      await expect.poll(() => table.getByRole('row').count()).toBe(3); // the header and two sessions
      expect(await table.getByText('Dit apparaat', { exact: true }).count()).toBe(1);
      expect(await wcagViolations(page)).toEqual([]);
      await table.getByRole('button', { name: /^Uitloggen op dat apparaat: .*, laatst gebruikt / }).click();
      await table.getByRole('button', { name: 'Ja, uitloggen' }).click();
      await page.getByText(/^U bent uitgelogd op /).waitFor();
      await expect.poll(() => table.getByRole('row').count()).toBe(2);
      await page.getByText('U bent alleen op dit apparaat ingelogd.').waitFor();

      // The second device is logged out: a reload finds no session there.
      await second.page.goto(ingrid.home);
      await second.page.waitForURL('**/inloggen');
      await second.page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();

      // A new password; there is no other session left to end.
      const password = page.getByRole('region', { name: 'Wachtwoord wijzigen' });
      await password.getByLabel('Huidig wachtwoord').fill(demoPassword);
      await password.getByLabel('Nieuw wachtwoord').fill(newPassword);
      await password.getByLabel('Herhaal het nieuwe wachtwoord').fill(newPassword);
      await password.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
      await password.getByText('Uw wachtwoord is gewijzigd.').waitFor();
      await password.getByText('U was nergens anders ingelogd.').waitFor();

      // Logged out, the old password no longer works; the new one with a recovery code does.
      await logOut(page);
      await page.waitForURL('**/inloggen');
      await logIn(page, ingrid.email, demoPassword);
      await page.getByRole('alert').filter({ hasText: 'Onjuist e-mailadres of wachtwoord' }).waitFor();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Inloggen');
      await logInWithSecondFactor(page, newPassword, { recoveryCode: recoveryCodes[0] ?? '' });
      await toSecurityPage(page);
      await page.getByText('U heeft nog 9 herstelcodes over.').waitFor();

      expect(realProblems(first.problems)).toEqual([]);
    },
  );
});
