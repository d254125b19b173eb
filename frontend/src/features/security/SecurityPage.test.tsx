import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSession } from '../../auth/session';
import { fakeApi, json, makeUser, problem, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import type { LoginSession, SecondFactorStatus } from './api';

const nico = makeUser();

const off: SecondFactorStatus = { enabled: false, enabledAt: null, required: false, recoveryCodesLeft: 0 };
const on: SecondFactorStatus = { enabled: true, enabledAt: '2026-10-12T07:05:00Z', required: false, recoveryCodesLeft: 8 };
const codes = Array.from({ length: 10 }, (_, i) => `c${i}d${i}-e${i}f${i}-g${i}h${i}-j${i}k${i}`);
const enrolment = {
  secret: 'JBSWY3DPEHPK3PXP',
  otpauthUri: 'otpauth://totp/Leergang:nico.middelbos%40kampen.example?secret=JBSWY3DPEHPK3PXP&issuer=Leergang',
  qrCode: 'data:image/png;base64,iVBORw0KGgo=',
  issuer: 'Leergang',
  account: 'nico.middelbos@kampen.example',
};

function session(id: string, overrides: Partial<LoginSession> = {}): LoginSession {
  return {
    id,
    current: false,
    startedAt: '2026-11-02T08:00:00Z',
    lastUsedAt: '2026-11-23T13:30:00Z',
    expiresAt: '2026-12-07T13:30:00Z',
    userAgent: 'Mozilla/5.0',
    device: 'Firefox op Windows',
    ip: '192.0.2.10',
    ...overrides,
  };
}

const thisOne = session('00000000-0000-4000-8000-00000000e001', {
  current: true,
  device: 'Chrome op macOS',
  ip: '198.51.100.7',
  startedAt: '2026-11-23T09:00:00Z',
  lastUsedAt: '2026-11-23T14:00:00Z',
});
const laptop = session('00000000-0000-4000-8000-00000000e002');
const phone = session('00000000-0000-4000-8000-00000000e003', { device: 'Safari op iPhone', ip: '203.0.113.4' });

function serve(routes: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  return fakeApi({
    'POST /api/v1/auth/refresh': () => json(tokenFor(nico)),
    'GET /api/v1/me/second-factor': () => json(off),
    'GET /api/v1/me/sessions': () => json({ sessions: [thisOne, laptop] }),
    ...routes,
  });
}

async function openPage() {
  renderApp('/mijn-account/beveiliging');
  return screen.findByRole('heading', { level: 1, name: 'Beveiliging' }, { timeout: 10_000 });
}

const section = (name: string) => screen.getByRole('region', { name });
const cells = (row: HTMLElement) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent);

// A whole page, lazily loaded: generous time on a busy machine.
describe('Beveiliging', { timeout: 30_000 }, () => {
  beforeEach(() => {
    resetSession();
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('has its three sections, and a link in the header next to "Mijn gegevens"', async () => {
    serve();
    await openPage();

    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Wachtwoord wijzigen',
      'Tweestapsverificatie',
      'Waar bent u ingelogd',
    ]);
    // The title is set in an effect, which React may run just after the page is on screen.
    await waitFor(() => expect(document.title).toBe('Beveiliging | Leergang'));
    const link = screen.getByRole('link', { name: 'Beveiliging' });
    expect(link).toHaveAttribute('href', '/mijn-account/beveiliging');
    expect(screen.getByRole('link', { name: 'Mijn gegevens' }).nextElementSibling).toBe(link);
  });

  describe('Wachtwoord wijzigen', () => {
    it('explains the rules and checks the fields before sending', async () => {
      const { calls } = serve();
      await openPage();
      const password = section('Wachtwoord wijzigen');
      expect(password).toHaveTextContent('Minstens 12 tekens.');
      expect(password).toHaveTextContent('Geen veelgebruikt wachtwoord');

      await userEvent.type(within(password).getByLabelText('Nieuw wachtwoord'), 'kort');
      await userEvent.click(within(password).getByRole('button', { name: 'Wachtwoord wijzigen' }));

      expect(within(password).getByLabelText('Huidig wachtwoord')).toHaveAccessibleDescription('Vul uw huidige wachtwoord in.');
      expect(within(password).getByLabelText('Nieuw wachtwoord')).toHaveAccessibleDescription(
        'Minstens 12 tekens. Kies een wachtwoord van minstens 12 tekens.',
      );
      const summary = within(password).getByRole('alert');
      await waitFor(() => expect(summary.closest('.utrecht-alert')).toHaveFocus());

      await userEvent.type(within(password).getByLabelText('Huidig wachtwoord'), 'leergang-demo-2021');
      await userEvent.type(within(password).getByLabelText('Nieuw wachtwoord'), ' en nu lang genoeg');
      await userEvent.type(within(password).getByLabelText('Herhaal het nieuwe wachtwoord'), 'iets anders');
      await userEvent.click(within(password).getByRole('button', { name: 'Wachtwoord wijzigen' }));
      expect(within(password).getByLabelText('Herhaal het nieuwe wachtwoord')).toHaveAccessibleDescription(
        'De nieuwe wachtwoorden zijn niet gelijk.',
      );
      expect(calls('POST /api/v1/me/password')).toHaveLength(0);
    });

    it.each([
      ['breached', 'Dit wachtwoord staat op een lijst van veelgebruikte of uitgelekte wachtwoorden. Kies een ander.'],
      ['context', 'Uw wachtwoord mag niet “leergang” of uw e-mailadres bevatten.'],
      ['too_short', 'Kies een wachtwoord van minstens 12 tekens.'],
      ['unchanged', 'Kies een ander wachtwoord dan uw huidige.'],
    ])('shows the server’s message for a new password that is %s', async (code, message) => {
      serve({
        'POST /api/v1/me/password': () =>
          problem(422, {
            title: 'De invoer is niet geldig',
            detail: 'Controleer de gemarkeerde velden.',
            errors: [{ field: 'newPassword', code, message }],
          }),
      });
      await openPage();
      const password = section('Wachtwoord wijzigen');
      await userEvent.type(within(password).getByLabelText('Huidig wachtwoord'), 'leergang-demo-2021');
      await userEvent.type(within(password).getByLabelText('Nieuw wachtwoord'), 'welkom welkom 123');
      await userEvent.type(within(password).getByLabelText('Herhaal het nieuwe wachtwoord'), 'welkom welkom 123');
      await userEvent.click(within(password).getByRole('button', { name: 'Wachtwoord wijzigen' }));

      const alert = await within(password).findByRole('alert');
      expect(alert).toHaveTextContent('De invoer is niet geldig');
      expect(within(alert).getByRole('link', { name: message })).toHaveAttribute('href', '#change-password-newPassword');
      const field = within(password).getByLabelText('Nieuw wachtwoord');
      expect(field).toHaveAttribute('aria-invalid', 'true');
      expect(field).toHaveAccessibleDescription(`Minstens 12 tekens. ${message}`);
      expect(within(password).getByLabelText('Huidig wachtwoord')).not.toHaveAttribute('aria-invalid', 'true');
    });

    it('puts a wrong current password at its field', async () => {
      serve({
        'POST /api/v1/me/password': () =>
          problem(422, {
            title: 'De invoer is niet geldig',
            errors: [{ field: 'currentPassword', code: 'wrong', message: 'Uw huidige wachtwoord klopt niet.' }],
          }),
      });
      await openPage();
      const password = section('Wachtwoord wijzigen');
      await userEvent.type(within(password).getByLabelText('Huidig wachtwoord'), 'fout');
      await userEvent.type(within(password).getByLabelText('Nieuw wachtwoord'), 'drie groene appels op tafel');
      await userEvent.type(within(password).getByLabelText('Herhaal het nieuwe wachtwoord'), 'drie groene appels op tafel');
      await userEvent.click(within(password).getByRole('button', { name: 'Wachtwoord wijzigen' }));

      await within(password).findByRole('alert');
      expect(within(password).getByLabelText('Huidig wachtwoord')).toHaveAccessibleDescription('Uw huidige wachtwoord klopt niet.');
    });

    it('changes it, says how many other sessions ended, and reloads the sessions', async () => {
      let sessions = [thisOne, laptop, phone];
      const { calls } = serve({
        'GET /api/v1/me/sessions': () => json({ sessions }),
        'POST /api/v1/me/password': () => {
          sessions = [thisOne];
          return json({ revoked: 2 });
        },
      });
      await openPage();
      await screen.findByRole('table', { name: 'Apparaten waarop u bent ingelogd' });
      const password = section('Wachtwoord wijzigen');
      await userEvent.type(within(password).getByLabelText('Huidig wachtwoord'), 'leergang-demo-2021');
      await userEvent.type(within(password).getByLabelText('Nieuw wachtwoord'), 'drie groene appels op tafel');
      await userEvent.type(within(password).getByLabelText('Herhaal het nieuwe wachtwoord'), 'drie groene appels op tafel');
      await userEvent.click(within(password).getByRole('button', { name: 'Wachtwoord wijzigen' }));

      const done = await within(password).findByText('Uw wachtwoord is gewijzigd.');
      expect(done.closest('[role="status"]')).toHaveTextContent('U bent op 2 andere apparaten uitgelogd.');
      const alert = done.closest('.utrecht-alert');
      await waitFor(() => expect(alert).toHaveFocus());
      expect(await calls('POST /api/v1/me/password')[0]?.json()).toEqual({
        currentPassword: 'leergang-demo-2021',
        newPassword: 'drie groene appels op tafel',
      });
      expect(calls('POST /api/v1/me/password')[0]?.headers.get('Authorization')).toBe('Bearer access-1');
      expect(within(password).getByLabelText('Huidig wachtwoord')).toHaveValue('');
      await waitFor(() => expect(screen.getByText('U bent alleen op dit apparaat ingelogd.')).toBeInTheDocument());
    });
  });

  describe('Tweestapsverificatie', () => {
    it('turns it on: the QR code and key, a code, then the recovery codes once, and then the new state', async () => {
      let status = off;
      const { calls } = serve({
        'GET /api/v1/me/second-factor': () => json(status),
        'POST /api/v1/me/second-factor/enrolment': () => json(enrolment),
        'POST /api/v1/me/second-factor': async (request) => {
          const { code } = (await request.clone().json()) as { code: string };
          if (code !== '135791') {
            return problem(422, {
              title: 'De invoer is niet geldig',
              errors: [{ field: 'code', code: 'wrong', message: 'Deze code klopt niet of is al gebruikt.' }],
            });
          }
          status = { ...on, enabledAt: '2026-11-23T13:00:00Z', recoveryCodesLeft: 10 };
          return json({ recoveryCodes: codes });
        },
      });
      await openPage();
      const factor = section('Tweestapsverificatie');
      expect(await within(factor).findByText('Tweestapsverificatie staat uit.')).toBeInTheDocument();
      expect(within(factor).queryByLabelText('Wachtwoord')).not.toBeInTheDocument();

      await userEvent.click(within(factor).getByRole('button', { name: 'Tweestapsverificatie aanzetten' }));

      const heading = await within(factor).findByRole('heading', { level: 3, name: 'Tweestapsverificatie aanzetten' });
      await waitFor(() => expect(heading).toHaveFocus());
      expect(within(factor).getByRole('img', { name: /QR-code om Leergang toe te voegen/ })).toHaveAttribute('src', enrolment.qrCode);
      expect(within(factor).getByText('JBSW Y3DP EHPK 3PXP')).toBeInTheDocument();

      await userEvent.type(within(factor).getByLabelText('Code uit de app'), '000000');
      await userEvent.click(within(factor).getByRole('button', { name: 'Bevestigen en aanzetten' }));
      expect(await within(factor).findByRole('alert')).toHaveTextContent('De invoer is niet geldig');
      expect(within(factor).getByLabelText('Code uit de app')).toHaveAccessibleDescription(/Deze code klopt niet of is al gebruikt\.$/);

      await userEvent.type(within(factor).getByLabelText('Code uit de app'), '135791');
      await userEvent.click(within(factor).getByRole('button', { name: 'Bevestigen en aanzetten' }));

      const codesHeading = await within(factor).findByRole('heading', { level: 3, name: 'Uw herstelcodes' });
      await waitFor(() => expect(codesHeading).toHaveFocus());
      expect(within(within(factor).getByRole('list', { name: 'Herstelcodes' })).getAllByRole('listitem')).toHaveLength(10);
      expect(await calls('POST /api/v1/me/second-factor')[1]?.json()).toEqual({ code: '135791' });

      await userEvent.click(within(factor).getByRole('button', { name: 'Klaar' }));
      expect(within(factor).getByRole('checkbox', { name: 'Ik heb mijn herstelcodes veilig bewaard' })).toHaveFocus();
      await userEvent.click(within(factor).getByRole('checkbox', { name: 'Ik heb mijn herstelcodes veilig bewaard' }));
      await userEvent.click(within(factor).getByRole('button', { name: 'Klaar' }));

      const done = await within(factor).findByText(/Tweestapsverificatie staat nu aan/);
      await waitFor(() => expect(done.closest('.utrecht-alert')).toHaveFocus());
      expect(await within(factor).findByText('Tweestapsverificatie staat aan sinds 23 nov 2026, 14:00.')).toBeInTheDocument();
      expect(within(factor).getByText('U heeft nog 10 herstelcodes over.')).toBeInTheDocument();
      expect(within(factor).queryByRole('list', { name: 'Herstelcodes' })).not.toBeInTheDocument();
    });

    it('turns it off with the password, which must be right', async () => {
      let status = on;
      const { calls } = serve({
        'GET /api/v1/me/second-factor': () => json(status),
        'POST /api/v1/me/second-factor/disable': async (request) => {
          const { password } = (await request.clone().json()) as { password: string };
          if (password !== 'leergang-demo-2021') {
            return problem(422, {
              title: 'De invoer is niet geldig',
              errors: [{ field: 'password', code: 'wrong', message: 'Dit wachtwoord klopt niet.' }],
            });
          }
          status = off;
          return new Response(null, { status: 204 });
        },
      });
      await openPage();
      const factor = section('Tweestapsverificatie');
      expect(await within(factor).findByText('Tweestapsverificatie staat aan sinds 12 okt 2026, 09:05.')).toBeInTheDocument();
      expect(within(factor).getByText('U heeft nog 8 herstelcodes over.')).toBeInTheDocument();
      const disable = within(factor).getByRole('group', { name: 'Tweestapsverificatie uitzetten' });

      await userEvent.click(within(disable).getByRole('button', { name: 'Tweestapsverificatie uitzetten' }));
      expect(within(disable).getByLabelText('Wachtwoord')).toHaveAccessibleDescription('Vul uw wachtwoord in.');
      expect(calls('POST /api/v1/me/second-factor/disable')).toHaveLength(0);

      await userEvent.type(within(disable).getByLabelText('Wachtwoord'), 'fout');
      await userEvent.click(within(disable).getByRole('button', { name: 'Tweestapsverificatie uitzetten' }));
      await waitFor(() => expect(within(disable).getByLabelText('Wachtwoord')).toHaveAccessibleDescription('Dit wachtwoord klopt niet.'));

      await userEvent.type(within(disable).getByLabelText('Wachtwoord'), 'leergang-demo-2021');
      await userEvent.click(within(disable).getByRole('button', { name: 'Tweestapsverificatie uitzetten' }));

      const done = await within(factor).findByText('Tweestapsverificatie staat nu uit.');
      await waitFor(() => expect(done.closest('.utrecht-alert')).toHaveFocus());
      expect(await within(factor).findByText('Tweestapsverificatie staat uit.')).toBeInTheDocument();
      expect(await calls('POST /api/v1/me/second-factor/disable')[1]?.json()).toEqual({ password: 'leergang-demo-2021' });
    });

    it('hides turning it off where it is required, and says why', async () => {
      serve({ 'GET /api/v1/me/second-factor': () => json({ ...on, required: true, recoveryCodesLeft: 2 }) });
      await openPage();
      const factor = section('Tweestapsverificatie');
      expect(await within(factor).findByText(/Voor beheerders en begeleiders is tweestapsverificatie verplicht/)).toBeInTheDocument();
      expect(within(factor).queryByLabelText('Wachtwoord')).not.toBeInTheDocument();
      expect(within(factor).queryByRole('button', { name: 'Tweestapsverificatie uitzetten' })).not.toBeInTheDocument();
      expect(within(factor).getByText('U heeft nog 2 herstelcodes over.')).toBeInTheDocument();
      expect(within(factor).getByText(/U heeft bijna geen herstelcodes meer/)).toBeInTheDocument();
      expect(within(factor).getByRole('button', { name: 'Nieuwe herstelcodes maken' })).toBeInTheDocument();
    });

    it('says it is required when it is off for someone who must have it', async () => {
      serve({ 'GET /api/v1/me/second-factor': () => json({ ...off, required: true }) });
      await openPage();
      const factor = section('Tweestapsverificatie');
      expect(await within(factor).findByText(/Voor uw rol is tweestapsverificatie verplicht/)).toBeInTheDocument();
      expect(within(factor).getByRole('button', { name: 'Tweestapsverificatie aanzetten' })).toBeInTheDocument();
    });

    it('makes new recovery codes with a current code and shows them once', async () => {
      let status = { ...on, recoveryCodesLeft: 1 };
      const { calls } = serve({
        'GET /api/v1/me/second-factor': () => json(status),
        'POST /api/v1/me/second-factor/recovery-codes': () => {
          status = { ...on, recoveryCodesLeft: 10 };
          return json({ recoveryCodes: codes });
        },
      });
      await openPage();
      const factor = section('Tweestapsverificatie');
      expect(await within(factor).findByText('U heeft nog 1 herstelcode over.')).toBeInTheDocument();
      const regenerate = within(factor).getByRole('group', { name: 'Nieuwe herstelcodes' });

      await userEvent.type(within(regenerate).getByLabelText('Code uit de app'), 'abc');
      await userEvent.click(within(regenerate).getByRole('button', { name: 'Nieuwe herstelcodes maken' }));
      expect(within(regenerate).getByLabelText('Code uit de app')).toHaveAccessibleDescription(
        /Een code uit de app bestaat uit 6 cijfers, bijvoorbeeld 123456\.$/,
      );
      expect(calls('POST /api/v1/me/second-factor/recovery-codes')).toHaveLength(0);

      await userEvent.clear(within(regenerate).getByLabelText('Code uit de app'));
      await userEvent.type(within(regenerate).getByLabelText('Code uit de app'), '864 202');
      await userEvent.click(within(regenerate).getByRole('button', { name: 'Nieuwe herstelcodes maken' }));

      const list = await within(factor).findByRole('list', { name: 'Herstelcodes' });
      expect(within(list).getAllByRole('listitem')[0]).toHaveTextContent('c0d0-e0f0-g0h0-j0k0');
      expect(await calls('POST /api/v1/me/second-factor/recovery-codes')[0]?.json()).toEqual({ code: '864202' });
      await userEvent.click(within(factor).getByRole('checkbox', { name: 'Ik heb mijn herstelcodes veilig bewaard' }));
      await userEvent.click(within(factor).getByRole('button', { name: 'Klaar' }));

      expect(await within(factor).findByText('Uw nieuwe herstelcodes werken; de oude niet meer.')).toBeInTheDocument();
      expect(await within(factor).findByText('U heeft nog 10 herstelcodes over.')).toBeInTheDocument();
    });
  });

  describe('Waar bent u ingelogd', () => {
    it('lists the sessions in Dutch dates, this device marked', async () => {
      serve({ 'GET /api/v1/me/sessions': () => json({ sessions: [thisOne, laptop, phone] }) });
      await openPage();

      const table = await screen.findByRole('table', { name: 'Apparaten waarop u bent ingelogd' });
      expect(within(table).getAllByRole('row').map(cells)).toEqual([
        ['Apparaat', 'IP-adres', 'Ingelogd op', 'Laatst gebruikt', 'Actie'],
        ['Chrome op macOSDit apparaat', '198.51.100.7', '23 nov 2026, 10:00', '23 nov 2026, 15:00', 'Hier uitloggen'],
        ['Firefox op Windows', '192.0.2.10', '2 nov 2026, 09:00', '23 nov 2026, 14:30', 'Uitloggen op dat apparaat'],
        ['Safari op iPhone', '203.0.113.4', '2 nov 2026, 09:00', '23 nov 2026, 14:30', 'Uitloggen op dat apparaat'],
      ]);
    });

    it('ends another session after asking, and keeps focus on what happened', async () => {
      let sessions = [thisOne, laptop, phone];
      const { calls } = serve({
        'GET /api/v1/me/sessions': () => json({ sessions }),
        [`DELETE /api/v1/me/sessions/${laptop.id}`]: () => {
          sessions = [thisOne, phone];
          return new Response(null, { status: 204 });
        },
      });
      await openPage();
      const table = await screen.findByRole('table', { name: 'Apparaten waarop u bent ingelogd' });

      await userEvent.click(within(table).getByRole('button', { name: 'Uitloggen op dat apparaat: Firefox op Windows, laatst gebruikt 23 nov 2026, 14:30' }));
      expect(within(table).getByText('Uitloggen op Firefox op Windows (192.0.2.10)? Wie dat apparaat gebruikt, moet daarna opnieuw inloggen.')).toBeInTheDocument();
      expect(within(table).getByRole('button', { name: 'Annuleren' })).toHaveFocus();
      await userEvent.click(within(table).getByRole('button', { name: 'Ja, uitloggen' }));

      const note = await screen.findByText('U bent uitgelogd op Firefox op Windows.');
      expect(note).toHaveAttribute('role', 'status');
      await waitFor(() => expect(note).toHaveFocus());
      expect(within(table).getAllByRole('row')).toHaveLength(3);
      expect(within(table).queryByText('Firefox op Windows')).not.toBeInTheDocument();
      expect(calls(`DELETE /api/v1/me/sessions/${laptop.id}`)).toHaveLength(1);
    });

    it('ends every other session at once', async () => {
      let sessions = [thisOne, laptop, phone];
      const { calls } = serve({
        'GET /api/v1/me/sessions': () => json({ sessions }),
        'POST /api/v1/me/sessions/revoke-others': () => {
          sessions = [thisOne];
          return json({ revoked: 2 });
        },
      });
      await openPage();
      await screen.findByRole('table', { name: 'Apparaten waarop u bent ingelogd' });
      const sessionsSection = section('Waar bent u ingelogd');

      await userEvent.click(within(sessionsSection).getByRole('button', { name: 'Overal anders uitloggen' }));
      expect(within(sessionsSection).getByText('Uitloggen op 2 andere apparaten? Op dit apparaat blijft u ingelogd.')).toBeInTheDocument();
      await userEvent.click(within(sessionsSection).getByRole('button', { name: 'Ja, overal anders uitloggen' }));

      const note = await within(sessionsSection).findByText('U bent op 2 andere apparaten uitgelogd.');
      await waitFor(() => expect(note).toHaveFocus());
      expect(within(sessionsSection).getByText('U bent alleen op dit apparaat ingelogd.')).toBeInTheDocument();
      expect(within(sessionsSection).queryByRole('button', { name: 'Overal anders uitloggen' })).not.toBeInTheDocument();
      expect(calls('POST /api/v1/me/sessions/revoke-others')).toHaveLength(1);
    });

    it('logs out when this device’s session is ended', async () => {
      const { calls } = serve({
        [`DELETE /api/v1/me/sessions/${thisOne.id}`]: () => new Response(null, { status: 204 }),
      });
      await openPage();
      const table = await screen.findByRole('table', { name: 'Apparaten waarop u bent ingelogd' });

      await userEvent.click(within(table).getByRole('button', { name: 'Hier uitloggen' }));
      expect(within(table).getByText('Wilt u op dit apparaat uitloggen?')).toBeInTheDocument();
      await userEvent.click(within(table).getByRole('button', { name: 'Ja, uitloggen' }));

      expect(await screen.findByRole('heading', { level: 1, name: 'Inloggen' })).toBeInTheDocument();
      expect(calls(`DELETE /api/v1/me/sessions/${thisOne.id}`)).toHaveLength(1);
      expect(screen.queryByRole('link', { name: 'Beveiliging' })).not.toBeInTheDocument();
    });

    it('shows a failed ending in an alert', async () => {
      serve({
        [`DELETE /api/v1/me/sessions/${laptop.id}`]: () =>
          problem(404, { title: 'Sessie niet gevonden', detail: 'Deze sessie bestaat niet (meer).' }),
      });
      await openPage();
      const table = await screen.findByRole('table', { name: 'Apparaten waarop u bent ingelogd' });
      await userEvent.click(within(table).getByRole('button', { name: /^Uitloggen op dat apparaat: Firefox op Windows/ }));
      await userEvent.click(within(table).getByRole('button', { name: 'Ja, uitloggen' }));

      const alert = await within(section('Waar bent u ingelogd')).findByRole('alert');
      expect(alert).toHaveTextContent('Sessie niet gevonden');
      await waitFor(() => expect(alert.closest('.utrecht-alert')).toHaveFocus());
    });
  });
});
