import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetSession } from '../../auth/session';
import { fakeApi, json, makeUser, problem, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';

const notSignedIn = () => problem(401, { title: 'Niet ingelogd', code: 'unauthorized' });

async function openLogin(path = '/inloggen') {
  renderApp(path);
  return screen.findByRole('heading', { level: 1, name: 'Inloggen' });
}

describe('login page', () => {
  beforeEach(() => {
    resetSession();
  });

  it('links to the forgotten-password page', async () => {
    fakeApi({ 'POST /api/v1/auth/refresh': notSignedIn });
    await openLogin();
    expect(screen.getByRole('link', { name: 'Wachtwoord vergeten?' })).toHaveAttribute('href', '/wachtwoord-vergeten');
  });

  it('checks the fields before sending anything, and links each message to its field', async () => {
    const { calls } = fakeApi({ 'POST /api/v1/auth/refresh': notSignedIn });
    await openLogin();

    await userEvent.click(screen.getByRole('button', { name: 'Inloggen' }));

    const email = screen.getByLabelText('E-mailadres');
    const password = screen.getByLabelText('Wachtwoord');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('Vul uw e-mailadres in.');
    expect(password).toHaveAccessibleDescription('Vul uw wachtwoord in.');
    expect(email).toHaveFocus();
    expect(calls('POST /api/v1/auth/login')).toHaveLength(0);
  });

  it('rejects an address without a domain and moves focus to it', async () => {
    fakeApi({ 'POST /api/v1/auth/refresh': notSignedIn });
    await openLogin();

    await userEvent.type(screen.getByLabelText('E-mailadres'), 'nico.middelbos');
    await userEvent.type(screen.getByLabelText('Wachtwoord'), 'geheim');
    await userEvent.click(screen.getByRole('button', { name: 'Inloggen' }));

    const email = screen.getByLabelText('E-mailadres');
    expect(email).toHaveAccessibleDescription('Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl.');
    expect(email).toHaveFocus();
    expect(screen.getByLabelText('Wachtwoord')).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('shows the problem from a 401 in an alert and stays on the page', async () => {
    fakeApi({
      'POST /api/v1/auth/refresh': notSignedIn,
      'POST /api/v1/auth/login': () =>
        problem(401, {
          title: 'Onjuist e-mailadres of wachtwoord',
          detail: 'Controleer uw gegevens en probeer het opnieuw.',
          code: 'invalid_credentials',
        }),
    });
    await openLogin();

    await userEvent.type(screen.getByLabelText('E-mailadres'), 'nico.middelbos@kampen.example');
    await userEvent.type(screen.getByLabelText('Wachtwoord'), 'fout');
    await userEvent.click(screen.getByRole('button', { name: 'Inloggen' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Onjuist e-mailadres of wachtwoord');
    expect(alert).toHaveTextContent('Controleer uw gegevens en probeer het opnieuw.');
    expect(alert.closest('.utrecht-alert')).toHaveFocus(); // announced and reachable at once
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Inloggen');
  });

  it('shows when to try again after too many attempts (429)', async () => {
    fakeApi({
      'POST /api/v1/auth/refresh': notSignedIn,
      'POST /api/v1/auth/login': () =>
        problem(429, {
          title: 'Te veel pogingen',
          detail: 'Probeer het over 2 minuten opnieuw.',
          code: 'too_many_requests',
        }),
    });
    await openLogin();

    await userEvent.type(screen.getByLabelText('E-mailadres'), 'nico.middelbos@kampen.example');
    await userEvent.type(screen.getByLabelText('Wachtwoord'), 'leergang-demo-2021');
    await userEvent.click(screen.getByRole('button', { name: 'Inloggen' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Te veel pogingen');
    expect(alert).toHaveTextContent('Probeer het over 2 minuten opnieuw.');
    expect(screen.getByLabelText('E-mailadres')).not.toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Inloggen');
  });

  it('puts field errors from a 422 next to their fields', async () => {
    fakeApi({
      'POST /api/v1/auth/refresh': notSignedIn,
      'POST /api/v1/auth/login': () =>
        problem(422, {
          title: 'Controleer de ingevulde gegevens',
          code: 'invalid',
          errors: [{ field: 'email', code: 'too_long', message: 'Het e-mailadres is te lang.' }],
        }),
    });
    await openLogin();

    await userEvent.type(screen.getByLabelText('E-mailadres'), 'nico@kampen.example');
    await userEvent.type(screen.getByLabelText('Wachtwoord'), 'geheim');
    await userEvent.click(screen.getByRole('button', { name: 'Inloggen' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Controleer de ingevulde gegevens');
    const email = screen.getByLabelText('E-mailadres');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('Het e-mailadres is te lang.');
  });

  it('reports a response that is not a problem document as our error', async () => {
    fakeApi({
      'POST /api/v1/auth/refresh': notSignedIn,
      'POST /api/v1/auth/login': () => new Response('<html>Bad Gateway</html>', { status: 502 }),
    });
    await openLogin();

    await userEvent.type(screen.getByLabelText('E-mailadres'), 'nico@kampen.example');
    await userEvent.type(screen.getByLabelText('Wachtwoord'), 'geheim');
    await userEvent.click(screen.getByRole('button', { name: 'Inloggen' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Inloggen is niet gelukt door een fout aan onze kant. Probeer het later opnieuw.',
    );
  });

  it('logs in, sends the trimmed address, and lands on the home of the role', async () => {
    const user = makeUser();
    const { calls } = fakeApi({
      'POST /api/v1/auth/refresh': notSignedIn,
      'POST /api/v1/auth/login': () => json(tokenFor(user)),
    });
    await openLogin();

    await userEvent.type(screen.getByLabelText('E-mailadres'), ' nico.middelbos@kampen.example ');
    await userEvent.type(screen.getByLabelText('Wachtwoord'), 'leergang-demo-2021');
    await userEvent.click(screen.getByRole('button', { name: 'Inloggen' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Mijn leergang' })).toBeInTheDocument();
    expect(screen.getByText('Welkom, Nico Middelbos.')).toBeInTheDocument();
    const [login] = calls('POST /api/v1/auth/login');
    expect(await login?.json()).toEqual({ email: 'nico.middelbos@kampen.example', password: 'leergang-demo-2021' });
  });

  it('returns to the page the visitor was trying to open', async () => {
    const reviewer = makeUser({
      name: 'Fatima El Amrani',
      grants: [
        {
          role: 'reviewer',
          programmeId: '00000000-0000-4000-8000-0000000000a1',
          programmeName: 'Leergang Digitaal Leiderschap',
          cohortId: null,
          cohortName: null,
        },
        {
          role: 'participant',
          programmeId: '00000000-0000-4000-8000-0000000000a1',
          programmeName: 'Leergang Digitaal Leiderschap',
          cohortId: '00000000-0000-4000-8000-0000000000c1',
          cohortName: '2021–2022',
        },
      ],
    });
    fakeApi({
      'POST /api/v1/auth/refresh': notSignedIn,
      'POST /api/v1/auth/login': () => json(tokenFor(reviewer)),
    });
    await openLogin('/deelnemer'); // a protected page: redirected to the login page first

    await userEvent.type(screen.getByLabelText('E-mailadres'), 'fonds@aeno.example');
    await userEvent.type(screen.getByLabelText('Wachtwoord'), 'leergang-demo-2021');
    await userEvent.click(screen.getByRole('button', { name: 'Inloggen' }));

    // Not the reviewer's own landing page (/fonds), but where they were going.
    expect(await screen.findByRole('heading', { level: 1, name: 'Mijn leergang' })).toBeInTheDocument();
  });

  it('says so when the server cannot be reached', async () => {
    fakeApi({
      'POST /api/v1/auth/refresh': notSignedIn,
      'POST /api/v1/auth/login': () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await openLogin();

    await userEvent.type(screen.getByLabelText('E-mailadres'), 'nico@kampen.example');
    await userEvent.type(screen.getByLabelText('Wachtwoord'), 'geheim');
    await userEvent.click(screen.getByRole('button', { name: 'Inloggen' }));

    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Er is geen verbinding met de server.'));
  });
});
