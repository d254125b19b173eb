import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetSession } from '../../auth/session';
import { fakeApi, json, problem } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';

const notSignedIn = () => problem(401, { title: 'Niet ingelogd' });
const sanne = {
  name: 'Sanne Visser',
  email: 'sanne.visser@gouda.example',
  expiresAt: '2026-12-01T10:00:00Z',
  purpose: 'invitation',
};

describe('the set-password page', () => {
  beforeEach(() => {
    resetSession();
  });

  it('greets the invitee, checks the password and sets it with the token from the link', async () => {
    const { calls } = fakeApi({
      'POST /api/v1/auth/refresh': notSignedIn,
      'POST /api/v1/auth/invitation': () => json(sanne),
      'POST /api/v1/auth/set-password': () => json({ email: sanne.email }),
    });
    renderApp('/wachtwoord-instellen?token=abc123');

    expect(await screen.findByText('Welkom, Sanne Visser.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Wachtwoord instellen' })).toBeInTheDocument();
    expect(screen.getByLabelText('E-mailadres')).toHaveValue(sanne.email);
    expect(await calls('POST /api/v1/auth/invitation')[0]?.json()).toEqual({ token: 'abc123' });

    await userEvent.type(screen.getByLabelText('Nieuw wachtwoord'), 'te kort');
    await userEvent.click(screen.getByRole('button', { name: 'Wachtwoord instellen' }));
    expect(screen.getByLabelText('Nieuw wachtwoord')).toHaveAccessibleDescription(/Kies een wachtwoord van minstens 12 tekens\./);
    await waitFor(() => expect(screen.getByRole('alert').closest('.utrecht-alert')).toHaveFocus());

    await userEvent.clear(screen.getByLabelText('Nieuw wachtwoord'));
    await userEvent.type(screen.getByLabelText('Nieuw wachtwoord'), 'Zwolle aan de IJssel 2026');
    await userEvent.type(screen.getByLabelText('Herhaal het wachtwoord'), 'Zwolle aan de IJssel 2025');
    await userEvent.click(screen.getByRole('button', { name: 'Wachtwoord instellen' }));
    expect(screen.getByLabelText('Herhaal het wachtwoord')).toHaveAccessibleDescription(/De wachtwoorden zijn niet gelijk\./);
    expect(calls('POST /api/v1/auth/set-password')).toHaveLength(0);

    await userEvent.clear(screen.getByLabelText('Herhaal het wachtwoord'));
    await userEvent.type(screen.getByLabelText('Herhaal het wachtwoord'), 'Zwolle aan de IJssel 2026');
    await userEvent.click(screen.getByRole('button', { name: 'Wachtwoord instellen' }));

    expect(await screen.findByText(`Uw wachtwoord is ingesteld. U kunt nu inloggen met ${sanne.email}.`)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Naar inloggen' })).toHaveAttribute('href', '/inloggen');
    expect(await calls('POST /api/v1/auth/set-password')[0]?.json()).toEqual({
      token: 'abc123',
      password: 'Zwolle aan de IJssel 2026',
    });
  });

  it('titles a reset link as a new password and shows a refused (breached) password at its field', async () => {
    fakeApi({
      'POST /api/v1/auth/refresh': notSignedIn,
      'POST /api/v1/auth/invitation': () => json({ ...sanne, purpose: 'reset' }),
      'POST /api/v1/auth/set-password': () =>
        problem(422, {
          title: 'Controleer de velden',
          errors: [
            {
              field: 'password',
              code: 'breached',
              message: 'Dit wachtwoord staat in een lijst van veelgebruikte of gelekte wachtwoorden. Kies een ander.',
            },
          ],
        }),
    });
    renderApp('/wachtwoord-instellen?token=reset1');

    expect(await screen.findByRole('heading', { level: 1, name: 'Nieuw wachtwoord instellen' })).toBeInTheDocument();
    expect(
      screen.getByText(
        'Kies een nieuw wachtwoord voor uw account sanne.visser@gouda.example. Daarna wordt u op al uw apparaten uitgelogd.',
      ),
    ).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Nieuw wachtwoord'), 'passwordpassword');
    await userEvent.type(screen.getByLabelText('Herhaal het wachtwoord'), 'passwordpassword');
    await userEvent.click(screen.getByRole('button', { name: 'Wachtwoord instellen' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Controleer de velden');
    expect(screen.getByLabelText('Nieuw wachtwoord')).toHaveAccessibleDescription(
      /Dit wachtwoord staat in een lijst van veelgebruikte of gelekte wachtwoorden\. Kies een ander\./,
    );
  });

  it('explains an expired link in the server’s words and offers no form', async () => {
    fakeApi({
      'POST /api/v1/auth/refresh': notSignedIn,
      'POST /api/v1/auth/invitation': () =>
        problem(400, { title: 'Deze link is verlopen', detail: 'Een uitnodiging is 7 dagen geldig.' }),
    });
    renderApp('/wachtwoord-instellen?token=oud');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Deze link is verlopen');
    expect(alert).toHaveTextContent('Een uitnodiging is 7 dagen geldig.');
    await waitFor(() => expect(alert.closest('.utrecht-alert')).toHaveFocus());
    expect(screen.queryByLabelText('Nieuw wachtwoord')).not.toBeInTheDocument();
  });

  it('says a link without a token is incomplete, without asking the server', async () => {
    const { calls } = fakeApi({ 'POST /api/v1/auth/refresh': notSignedIn });
    renderApp('/wachtwoord-instellen');
    expect(await screen.findByRole('alert')).toHaveTextContent('Deze link is niet compleet.');
    expect(calls('POST /api/v1/auth/invitation')).toHaveLength(0);
  });
});
