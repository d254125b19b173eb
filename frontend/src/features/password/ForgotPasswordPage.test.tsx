import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetSession } from '../../auth/session';
import { fakeApi, json, problem } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';

const notSignedIn = () => problem(401, { title: 'Niet ingelogd' });
const accepted = () => json({ message: 'Als dit adres bij ons bekend is, …' }, 202);
const sentText =
  'Als dit adres bij ons bekend is, ontvangt u binnen enkele minuten een mail met een link om een nieuw wachtwoord in te stellen. De link is 1 uur geldig.';

describe('the forgotten-password page', () => {
  beforeEach(() => {
    resetSession();
  });

  it('is reached from the login page and sends the trimmed address, then confirms without saying whether it is known', async () => {
    const { calls } = fakeApi({ 'POST /api/v1/auth/refresh': notSignedIn, 'POST /api/v1/auth/password-reset': accepted });
    renderApp('/inloggen');
    await userEvent.click(await screen.findByRole('link', { name: 'Wachtwoord vergeten?' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Wachtwoord vergeten' })).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('E-mailadres'), '  sanne.visser@gouda.example ');
    await userEvent.click(screen.getByRole('button', { name: 'Link aanvragen' }));

    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent(sentText);
    await waitFor(() => expect(status.closest('.utrecht-alert')).toHaveFocus());
    expect(screen.queryByLabelText('E-mailadres')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Terug naar inloggen' })).toHaveAttribute('href', '/inloggen');
    expect(calls('POST /api/v1/auth/password-reset')).toHaveLength(1);
    expect(await calls('POST /api/v1/auth/password-reset')[0]?.json()).toEqual({ email: 'sanne.visser@gouda.example' });
  });

  it('checks the address before sending', async () => {
    const { calls } = fakeApi({ 'POST /api/v1/auth/refresh': notSignedIn, 'POST /api/v1/auth/password-reset': accepted });
    renderApp('/wachtwoord-vergeten');
    await userEvent.click(await screen.findByRole('button', { name: 'Link aanvragen' }));
    expect(screen.getByLabelText('E-mailadres')).toHaveAccessibleDescription(/Vul uw e-mailadres in\./);

    await userEvent.type(screen.getByLabelText('E-mailadres'), 'sanne.visser');
    await userEvent.click(screen.getByRole('button', { name: 'Link aanvragen' }));
    expect(screen.getByLabelText('E-mailadres')).toHaveAccessibleDescription(/Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente\.nl\./);
    await waitFor(() => expect(screen.getByRole('alert').closest('.utrecht-alert')).toHaveFocus());
    expect(calls('POST /api/v1/auth/password-reset')).toHaveLength(0);
  });

  it('shows the server’s refusal (too many requests) in the error summary and keeps the form', async () => {
    fakeApi({
      'POST /api/v1/auth/refresh': notSignedIn,
      'POST /api/v1/auth/password-reset': () =>
        problem(429, { title: 'Te veel pogingen', detail: 'Probeer het over 1 minuut opnieuw.', code: 'too_many_requests' }),
    });
    renderApp('/wachtwoord-vergeten');
    await userEvent.type(await screen.findByLabelText('E-mailadres'), 'sanne.visser@gouda.example');
    await userEvent.click(screen.getByRole('button', { name: 'Link aanvragen' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Te veel pogingen');
    expect(alert).toHaveTextContent('Probeer het over 1 minuut opnieuw.');
    expect(screen.getByLabelText('E-mailadres')).toHaveValue('sanne.visser@gouda.example');
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });
});
