import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TokenResponse } from '../../api/types';
import { resetSession } from '../../auth/session';
import { fakeApi, json, makeUser, problem, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';

const notSignedIn = () => problem(401, { title: 'Niet ingelogd', code: 'unauthorized' });
const nico = makeUser();
const ruud = makeUser({
  id: '00000000-0000-4000-8000-00000000f001',
  email: 'begeleider@vgs.example',
  name: 'Ruud Verbeek',
  grants: [
    {
      role: 'facilitator',
      programmeId: '00000000-0000-4000-8000-0000000000a1',
      programmeName: 'Leergang Digitaal Leiderschap',
      cohortId: '00000000-0000-4000-8000-0000000000c1',
      cohortName: '2026–2027',
    },
  ],
});

const codes = [
  'k7dp-3xq9-mt2a-8fhw',
  '2b4c-9kd7-x3mp-qa5r',
  'h8ts-4nw2-c6yv-1ejd',
  'p3qz-7ga8-w5nc-2kxm',
  '6vdr-ye3t-9hb4-mu7s',
  'c9wa-2fk6-t8pz-3rnq',
  'x5me-8jc3-4qyd-h7gt',
  'n2vk-6pa9-rw3e-5dcz',
  't4hy-3mz8-b7kq-9awf',
  '1234-5678-9012-3456',
];

const enrolment = {
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  otpauthUri: 'otpauth://totp/Leergang:begeleider%40vgs.example?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Leergang',
  qrCode: 'data:image/png;base64,iVBORw0KGgo=',
  issuer: 'Leergang',
  account: 'begeleider@vgs.example',
};

const wrongCode = 'Deze code klopt niet of is al gebruikt. Wacht op de volgende code in uw authenticator-app en probeer het opnieuw.';

function challenge(step: 'verify' | 'enrol', expiresIn = 300) {
  return () => json({ step, challenge: `challenge-${step}`, expiresIn }, 202);
}

async function passwordStep(email = 'nico.middelbos@kampen.example') {
  renderApp('/inloggen');
  await screen.findByRole('heading', { level: 1, name: 'Inloggen' });
  await userEvent.type(screen.getByLabelText('E-mailadres'), email);
  await userEvent.type(screen.getByLabelText('Wachtwoord'), 'leergang-demo-2021');
  await userEvent.click(screen.getByRole('button', { name: 'Inloggen' }));
}

// The second step is a lazily loaded chunk: generous time on a busy machine.
describe('the login’s second step: a code', { timeout: 30_000 }, () => {
  beforeEach(() => {
    resetSession();
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('asks for the code after the right password, with a numeric one-time-code field, and logs in', async () => {
    const { calls } = fakeApi({
      'POST /api/v1/auth/refresh': notSignedIn,
      'POST /api/v1/auth/login': challenge('verify'),
      'POST /api/v1/auth/second-factor': () => json(tokenFor(nico)),
    });
    await passwordStep();

    expect(await screen.findByRole('heading', { level: 1, name: 'Tweestapsverificatie' }, { timeout: 10_000 })).toBeInTheDocument();
    const field = screen.getByLabelText('Code uit de app');
    await waitFor(() => expect(field).toHaveFocus());
    expect(field).toHaveAttribute('inputmode', 'numeric');
    expect(field).toHaveAttribute('autocomplete', 'one-time-code');
    expect(field).toHaveAccessibleDescription('6 cijfers. De app maakt elke 30 seconden een nieuwe code.');
    expect(document.title).toBe('Tweestapsverificatie | Leergang');
    expect(screen.queryByLabelText('Wachtwoord')).not.toBeInTheDocument();

    await userEvent.type(field, '123 456');
    await userEvent.click(screen.getByRole('button', { name: 'Inloggen' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Mijn leergang' })).toBeInTheDocument();
    expect(await calls('POST /api/v1/auth/second-factor')[0]?.json()).toEqual({ challenge: 'challenge-verify', code: '123456' });
  });

  it('checks the code’s form first, then shows a wrong code from the server at the field and lets the person retry', async () => {
    let attempts = 0;
    const { calls } = fakeApi({
      'POST /api/v1/auth/refresh': notSignedIn,
      'POST /api/v1/auth/login': challenge('verify'),
      'POST /api/v1/auth/second-factor': () =>
        ++attempts === 1
          ? problem(401, {
              title: 'Onjuiste code',
              detail: wrongCode,
              code: 'unauthenticated',
              errors: [{ field: 'code', code: 'wrong', message: wrongCode }],
            })
          : json(tokenFor(nico)),
    });
    await passwordStep();
    const field = await screen.findByLabelText('Code uit de app', {}, { timeout: 10_000 });

    await userEvent.type(field, '12345');
    await userEvent.click(screen.getByRole('button', { name: 'Inloggen' }));
    expect(field).toHaveAccessibleDescription(
      '6 cijfers. De app maakt elke 30 seconden een nieuwe code. Een code uit de app bestaat uit 6 cijfers, bijvoorbeeld 123456.',
    );
    expect(calls('POST /api/v1/auth/second-factor')).toHaveLength(0);

    await userEvent.type(field, '9');
    await userEvent.click(screen.getByRole('button', { name: 'Inloggen' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Onjuiste code');
    await waitFor(() => expect(alert.closest('.utrecht-alert')).toHaveFocus());
    const again = screen.getByLabelText('Code uit de app');
    expect(again).toHaveAttribute('aria-invalid', 'true');
    expect(again).toHaveAccessibleDescription(/Deze code klopt niet of is al gebruikt/);
    expect(again).toHaveValue('');
    // The summary links to the field.
    await userEvent.click(within(alert).getByRole('link', { name: /Deze code klopt niet/ }));
    await waitFor(() => expect(again).toHaveFocus());

    await userEvent.type(again, '654321');
    await userEvent.click(screen.getByRole('button', { name: 'Inloggen' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Mijn leergang' })).toBeInTheDocument();
  });

  it('takes a recovery code instead, and back again', async () => {
    const { calls } = fakeApi({
      'POST /api/v1/auth/refresh': notSignedIn,
      'POST /api/v1/auth/login': challenge('verify'),
      'POST /api/v1/auth/second-factor': () => json(tokenFor(nico)),
    });
    await passwordStep();
    await screen.findByLabelText('Code uit de app', {}, { timeout: 10_000 });

    await userEvent.click(screen.getByRole('button', { name: 'Herstelcode gebruiken' }));
    const field = screen.getByLabelText('Herstelcode');
    await waitFor(() => expect(field).toHaveFocus());
    expect(screen.queryByLabelText('Code uit de app')).not.toBeInTheDocument();
    expect(screen.getByText(/Vraag het programmabureau van de VGS/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Inloggen' }));
    expect(field).toHaveAccessibleDescription(/Vul een van uw herstelcodes in\.$/);

    await userEvent.click(screen.getByRole('button', { name: 'Code uit de app gebruiken' }));
    await waitFor(() => expect(screen.getByLabelText('Code uit de app')).toHaveFocus());
    await userEvent.click(screen.getByRole('button', { name: 'Herstelcode gebruiken' }));
    await userEvent.type(screen.getByLabelText('Herstelcode'), ' K7DP-3XQ9-MT2A-8FHW ');
    await userEvent.click(screen.getByRole('button', { name: 'Inloggen' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Mijn leergang' })).toBeInTheDocument();
    expect(await calls('POST /api/v1/auth/second-factor')[0]?.json()).toEqual({
      challenge: 'challenge-verify',
      recoveryCode: 'K7DP-3XQ9-MT2A-8FHW',
    });
  });

  it('says when to try again after too many wrong codes (429)', async () => {
    fakeApi({
      'POST /api/v1/auth/refresh': notSignedIn,
      'POST /api/v1/auth/login': challenge('verify'),
      'POST /api/v1/auth/second-factor': () =>
        problem(429, { title: 'Te veel pogingen', detail: 'Probeer het over 2 minuten opnieuw.', code: 'too_many_requests' }),
    });
    await passwordStep();
    await userEvent.type(await screen.findByLabelText('Code uit de app', {}, { timeout: 10_000 }), '123456');
    await userEvent.click(screen.getByRole('button', { name: 'Inloggen' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Te veel pogingen');
    expect(alert).toHaveTextContent('Probeer het over 2 minuten opnieuw.');
    expect(screen.getByLabelText('Code uit de app')).not.toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Tweestapsverificatie');
  });

  it('goes back to the password step when the server says the challenge has expired', async () => {
    fakeApi({
      'POST /api/v1/auth/refresh': notSignedIn,
      'POST /api/v1/auth/login': challenge('verify'),
      'POST /api/v1/auth/second-factor': () =>
        problem(401, {
          title: 'Uw inlogpoging is verlopen',
          detail: 'Deze inlogpoging is verlopen of al gebruikt. Log opnieuw in met uw e-mailadres en wachtwoord.',
          code: 'unauthenticated',
        }),
    });
    await passwordStep();
    await userEvent.type(await screen.findByLabelText('Code uit de app', {}, { timeout: 10_000 }), '123456');
    await userEvent.click(screen.getByRole('button', { name: 'Inloggen' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Inloggen' })).toBeInTheDocument();
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Uw inlogpoging is verlopen');
    expect(alert).toHaveTextContent('Deze inlogpoging is verlopen of al gebruikt. Log opnieuw in met uw e-mailadres en wachtwoord.');
    await waitFor(() => expect(alert.closest('.utrecht-alert')).toHaveFocus());
    expect(screen.getByLabelText('E-mailadres')).toHaveValue('nico.middelbos@kampen.example');
    expect(document.title).toBe('Inloggen | Leergang');
  });

  it('goes back to the password step without asking the server once the challenge’s time is up', async () => {
    const { calls } = fakeApi({
      'POST /api/v1/auth/refresh': notSignedIn,
      'POST /api/v1/auth/login': challenge('verify', 300),
      'POST /api/v1/auth/second-factor': () => json(tokenFor(nico)),
    });
    await passwordStep();
    const field = await screen.findByLabelText('Code uit de app', {}, { timeout: 10_000 });
    await userEvent.type(field, '123456');
    const later = Date.now() + 301_000;
    vi.spyOn(Date, 'now').mockReturnValue(later);
    await userEvent.click(screen.getByRole('button', { name: 'Inloggen' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Inloggen' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('De tijd voor de tweede stap is verstreken');
    expect(calls('POST /api/v1/auth/second-factor')).toHaveLength(0);
  });

  it('goes back to the password step on request, with the address kept and focus on the password', async () => {
    fakeApi({
      'POST /api/v1/auth/refresh': notSignedIn,
      'POST /api/v1/auth/login': challenge('verify'),
    });
    await passwordStep();
    await screen.findByLabelText('Code uit de app', {}, { timeout: 10_000 });

    await userEvent.click(screen.getByRole('button', { name: 'Terug naar inloggen' }));

    expect(screen.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeInTheDocument();
    expect(screen.getByLabelText('E-mailadres')).toHaveValue('nico.middelbos@kampen.example');
    await waitFor(() => expect(screen.getByLabelText('Wachtwoord')).toHaveFocus());
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

describe('the login’s second step: setting up the app where it is required', { timeout: 30_000 }, () => {
  beforeEach(() => {
    resetSession();
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  function serveEnrolment(confirm: () => Response = () => json({ ...tokenFor(ruud), recoveryCodes: codes } satisfies TokenResponse)) {
    return fakeApi({
      'POST /api/v1/auth/refresh': notSignedIn,
      'POST /api/v1/auth/login': challenge('enrol'),
      'POST /api/v1/auth/second-factor/enrolment': () => json(enrolment),
      'POST /api/v1/auth/second-factor/enrolment/confirm': confirm,
    });
  }

  it('explains why, shows the QR code with a text alternative and the key in groups of four to copy', async () => {
    const user = userEvent.setup(); // with a clipboard to copy into
    const { calls } = serveEnrolment();
    await passwordStep('begeleider@vgs.example');

    const heading = await screen.findByRole('heading', { level: 1, name: 'Tweestapsverificatie instellen' }, { timeout: 10_000 });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByText(/Beheerders en begeleiders kunnen persoonsgegevens van deelnemers inzien/)).toBeInTheDocument();
    expect(document.title).toBe('Tweestapsverificatie instellen | Leergang');
    const qr = await screen.findByRole('img', { name: /QR-code om Leergang toe te voegen aan uw authenticator-app/ });
    expect(qr).toHaveAttribute('src', enrolment.qrCode);
    expect(screen.getByText('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP')).toBeInTheDocument();
    expect(screen.getByText('Leergang (begeleider@vgs.example)')).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Installeer een authenticator-app',
      'Voeg Leergang toe aan de app',
      'Vul de code uit de app in',
    ]);
    expect(await calls('POST /api/v1/auth/second-factor/enrolment')[0]?.json()).toEqual({ challenge: 'challenge-enrol' });
    expect(calls('POST /api/v1/auth/second-factor/enrolment')).toHaveLength(1); // once: again would replace the key

    await user.click(screen.getByRole('button', { name: 'Sleutel kopiëren' }));
    expect(await navigator.clipboard.readText()).toBe(enrolment.secret);
    expect(screen.getByText('De sleutel is gekopieerd.')).toHaveAttribute('role', 'status');
  });

  it('shows a wrong first code at the field', async () => {
    serveEnrolment(() =>
      problem(422, {
        title: 'De invoer is niet geldig',
        errors: [{ field: 'code', code: 'invalid', message: 'Deze code klopt niet. Controleer de tijd op uw telefoon.' }],
      }),
    );
    await passwordStep('begeleider@vgs.example');
    const field = await screen.findByLabelText('Code uit de app', {}, { timeout: 10_000 });
    await userEvent.type(field, '000000');
    await userEvent.click(screen.getByRole('button', { name: 'Bevestigen en inloggen' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('De invoer is niet geldig');
    expect(screen.getByLabelText('Code uit de app')).toHaveAccessibleDescription(/Deze code klopt niet\. Controleer de tijd op uw telefoon\.$/);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Tweestapsverificatie instellen');
  });

  it('shows the recovery codes once, to download and print, and goes on only once they are kept', async () => {
    const createObjectURL = vi.fn((blob: Blob) => {
      void blob;
      return 'blob:codes-1';
    });
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const saved: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    const { calls } = serveEnrolment();
    await passwordStep('begeleider@vgs.example');
    await userEvent.type(await screen.findByLabelText('Code uit de app', {}, { timeout: 10_000 }), '246 810');
    await userEvent.click(screen.getByRole('button', { name: 'Bevestigen en inloggen' }));

    const heading = await screen.findByRole('heading', { level: 2, name: 'Uw herstelcodes' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(await calls('POST /api/v1/auth/second-factor/enrolment/confirm')[0]?.json()).toEqual({
      challenge: 'challenge-enrol',
      code: '246810',
    });
    expect(screen.getByText('U ziet deze codes maar één keer.')).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Herstelcodes' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(10);
    // Shown as written, in monospace, hidden from screen readers in favour of a spelled-out twin.
    const shown = items[9]?.querySelector('code');
    expect(shown).toHaveTextContent('1234-5678-9012-3456');
    expect(shown).toHaveAttribute('aria-hidden', 'true');
    expect(items[9]).toHaveTextContent('1 2 3 4, 5 6 7 8, 9 0 1 2, 3 4 5 6');
    // Not signed in yet: no header menu, still the setup page.
    expect(screen.queryByRole('button', { name: 'Uitloggen' })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Downloaden als tekstbestand' }));
    expect(saved).toEqual(['leergang-herstelcodes.txt']);
    const text = await (createObjectURL.mock.calls[0]?.[0] as Blob).text();
    expect(text).toContain('Account: begeleider@vgs.example');
    expect(text).toContain('1. k7dp-3xq9-mt2a-8fhw');
    expect(text).toContain('10. 1234-5678-9012-3456');
    expect(screen.getByText('De herstelcodes zijn gedownload als leergang-herstelcodes.txt.')).toHaveAttribute('role', 'status');

    await userEvent.click(screen.getByRole('button', { name: 'Afdrukken' }));
    expect(print).toHaveBeenCalledTimes(1);
    expect(document.body).toHaveClass('lg-printing-codes');
    window.dispatchEvent(new Event('afterprint'));
    expect(document.body).not.toHaveClass('lg-printing-codes');

    await userEvent.click(screen.getByRole('button', { name: 'Verder naar Leergang' }));
    const box = screen.getByRole('checkbox', { name: 'Ik heb mijn herstelcodes veilig bewaard' });
    await waitFor(() => expect(box).toHaveFocus());
    expect(box).toHaveAccessibleDescription('Bewaar uw herstelcodes en vink dan aan dat u dat hebt gedaan.');
    expect(box).toBeRequired();
    expect(screen.getByRole('heading', { level: 2, name: 'Uw herstelcodes' })).toBeInTheDocument();

    await userEvent.click(box);
    await userEvent.click(screen.getByRole('button', { name: 'Verder naar Leergang' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Mijn groepen' })).toBeInTheDocument();
  });

  it('goes back to the password step when the challenge is gone before the key came', async () => {
    fakeApi({
      'POST /api/v1/auth/refresh': notSignedIn,
      'POST /api/v1/auth/login': challenge('enrol'),
      'POST /api/v1/auth/second-factor/enrolment': () =>
        problem(400, { title: 'De inlogpoging is verlopen', detail: 'Log opnieuw in met uw wachtwoord.' }),
    });
    await passwordStep('begeleider@vgs.example');

    expect(await screen.findByRole('alert', {}, { timeout: 10_000 })).toHaveTextContent('De inlogpoging is verlopen');
    expect(screen.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeInTheDocument();
  });
});
