import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSession } from '../../auth/session';
import { fakeApi, json, makeUser, problem, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import type { UserSecurity } from './securityQueries';

const admin = makeUser({ id: '00000000-0000-4000-8000-00000000ad01', name: 'Marieke Jansen', isAdmin: true, grants: [] });
const ruudId = '00000000-0000-4000-8000-00000000f001';
const ruud: UserSecurity = {
  userId: ruudId,
  name: 'Ruud Verbeek',
  email: 'begeleider@vgs.example',
  secondFactorEnabled: true,
  secondFactorRequired: true,
  activeSessions: 3,
  lastLoginAt: '2026-11-02T13:05:00Z',
};
const path = `/beheer/personen/${ruudId}/beveiliging`;
const securityRoute = `GET /api/v1/admin/users/${ruudId}/security`;
const revokeRoute = `POST /api/v1/admin/users/${ruudId}/sessions/revoke`;
const resetRoute = `POST /api/v1/admin/users/${ruudId}/second-factor/reset`;

function serve(routes: Record<string, (request: Request) => Response | Promise<Response>> = {}, state: UserSecurity = ruud) {
  let current = state;
  const api = fakeApi({
    'POST /api/v1/auth/refresh': () => json(tokenFor(admin)),
    [securityRoute]: () => json(current),
    ...routes,
  });
  return { ...api, set: (next: Partial<UserSecurity>) => (current = { ...current, ...next }) };
}

const facts = () =>
  [...document.querySelectorAll('.utrecht-data-list__item')].map((item) => [
    item.querySelector('.utrecht-data-list__item-key')?.textContent,
    item.querySelector('.utrecht-data-list__item-value')?.textContent,
  ]);

async function open() {
  renderApp(path);
  return screen.findByRole('heading', { level: 1, name: 'Inlogbeveiliging van Ruud Verbeek' }, { timeout: 10_000 });
}

// A whole page, lazily loaded: generous time on a busy machine.
describe('a person’s sign-in security', { timeout: 30_000 }, () => {
  beforeEach(() => {
    resetSession();
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('shows the second factor, whether it is required, the active sessions and the last login', async () => {
    serve();
    await open();

    expect(facts()).toEqual([
      ['E-mailadres', 'begeleider@vgs.example'],
      ['Tweestapsverificatie', 'Aan'],
      ['Verplicht', 'Ja, voor beheerders en begeleiders'],
      ['Actieve sessies', '3'],
      ['Laatst ingelogd', '2 nov 2026, 14:05'],
    ]);
    expect(screen.getByRole('link', { name: 'Alles in het auditlog over Ruud Verbeek' })).toHaveAttribute(
      'href',
      `/beheer/auditlog?over=${ruudId}`,
    );
    expect(screen.getByRole('link', { name: 'Terug naar personen' })).toHaveAttribute('href', '/beheer/personen');
  });

  it('ends all sessions only after asking, and says how many ended', async () => {
    const { calls, set } = serve({
      [revokeRoute]: () => {
        set({ activeSessions: 0 });
        return json({ revoked: 3 });
      },
    });
    await open();
    const section = screen.getByRole('region', { name: 'Sessies beëindigen' });

    await userEvent.click(within(section).getByRole('button', { name: 'Alle sessies beëindigen' }));
    const question = within(section).getByRole('group', {
      name: 'Alle sessies van Ruud Verbeek beëindigen? Ruud Verbeek wordt op elk apparaat uitgelogd.',
    });
    expect(within(question).getByRole('button', { name: 'Annuleren' })).toHaveFocus();
    await userEvent.click(within(question).getByRole('button', { name: 'Annuleren' }));
    expect(calls(revokeRoute)).toHaveLength(0);
    expect(within(section).getByRole('button', { name: 'Alle sessies beëindigen' })).toHaveFocus();

    await userEvent.click(within(section).getByRole('button', { name: 'Alle sessies beëindigen' }));
    await userEvent.click(within(section).getByRole('button', { name: 'Ja, alle sessies beëindigen' }));

    const status = await screen.findByText('3 sessies van Ruud Verbeek zijn beëindigd.');
    expect(status).toHaveAttribute('role', 'status');
    await waitFor(() => expect(status).toHaveFocus());
    expect(calls(revokeRoute)).toHaveLength(1);
    await waitFor(() => expect(facts()[3]).toEqual(['Actieve sessies', '0']));
    // The question is closed again; the button is back for another time.
    expect(within(section).getByRole('button', { name: 'Alle sessies beëindigen' })).toBeInTheDocument();
  });

  it('says so when there was no session to end', async () => {
    serve({ [revokeRoute]: () => json({ revoked: 0 }) }, { ...ruud, activeSessions: 0 });
    await open();
    await userEvent.click(screen.getByRole('button', { name: 'Alle sessies beëindigen' }));
    await userEvent.click(screen.getByRole('button', { name: 'Ja, alle sessies beëindigen' }));

    expect(await screen.findByText('Ruud Verbeek had geen actieve sessies; er is niets beëindigd.')).toHaveAttribute('role', 'status');
  });

  it('warns clearly before resetting the second factor, and resets it once confirmed', async () => {
    const { calls, set } = serve({
      [resetRoute]: () => {
        set({ secondFactorEnabled: false, activeSessions: 0 });
        return new Response(null, { status: 204 });
      },
    });
    await open();
    const section = screen.getByRole('region', { name: 'Tweestapsverificatie opnieuw instellen' });
    expect(section).toHaveTextContent(/ga eerst na dat het verzoek echt van Ruud Verbeek komt/);
    expect(section).toHaveTextContent('De geheime sleutel van de authenticator-app en alle herstelcodes worden verwijderd.');
    expect(section).toHaveTextContent('Bij de volgende keer inloggen moet Ruud Verbeek een nieuwe authenticator-app instellen.');

    await userEvent.click(within(section).getByRole('button', { name: 'Tweestapsverificatie opnieuw instellen' }));
    expect(
      within(section).getByText(
        'Weet u zeker dat u de tweestapsverificatie van Ruud Verbeek wilt verwijderen? Dit kan niet ongedaan worden gemaakt.',
      ),
    ).toBeInTheDocument();
    expect(calls(resetRoute)).toHaveLength(0);
    await userEvent.click(within(section).getByRole('button', { name: 'Ja, verwijderen en opnieuw laten instellen' }));

    const status = await screen.findByText('De tweestapsverificatie van Ruud Verbeek is verwijderd en alle sessies zijn beëindigd.');
    await waitFor(() => expect(status).toHaveFocus());
    expect(calls(resetRoute)).toHaveLength(1);
    await waitFor(() => expect(facts()[1]).toEqual(['Tweestapsverificatie', 'Uit']));
    expect(section).toHaveTextContent('Ruud Verbeek heeft geen tweestapsverificatie aan; er is niets opnieuw in te stellen.');
    expect(within(section).queryByRole('button')).not.toBeInTheDocument();
  });

  it('shows the server’s refusal when an admin resets their own second factor', async () => {
    serve({
      [resetRoute]: () =>
        problem(409, {
          title: 'Uw eigen tweestapsverificatie kunt u hier niet opnieuw instellen',
          detail: 'Vraag een andere beheerder.',
        }),
    });
    await open();
    await userEvent.click(screen.getByRole('button', { name: 'Tweestapsverificatie opnieuw instellen' }));
    await userEvent.click(screen.getByRole('button', { name: 'Ja, verwijderen en opnieuw laten instellen' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Uw eigen tweestapsverificatie kunt u hier niet opnieuw instellenVraag een andere beheerder.');
    await waitFor(() => expect(alert.closest('.utrecht-alert')).toHaveFocus()); // the role sits on Utrecht's inner message
    expect(screen.getByRole('status')).toHaveTextContent('');
    expect(facts()[1]).toEqual(['Tweestapsverificatie', 'Aan']);
  });

  it('offers no reset when the second factor is off, and says when it is not required', async () => {
    serve({}, { ...ruud, secondFactorEnabled: false, secondFactorRequired: false, lastLoginAt: null });
    await open();

    expect(facts().slice(1)).toEqual([
      ['Tweestapsverificatie', 'Uit'],
      ['Verplicht', 'Nee'],
      ['Actieve sessies', '3'],
      ['Laatst ingelogd', 'Nog nooit'],
    ]);
    expect(screen.queryByRole('button', { name: /Tweestapsverificatie opnieuw instellen/ })).not.toBeInTheDocument();
  });

  it('is not found for an unknown person', async () => {
    serve({ [securityRoute]: () => problem(404, { title: 'Niet gevonden' }) });
    renderApp(path);

    expect(await screen.findByRole('heading', { level: 1, name: 'Pagina niet gevonden' }, { timeout: 10_000 })).toBeInTheDocument();
  });

  it('is for admins only', async () => {
    const { calls } = fakeApi({ 'POST /api/v1/auth/refresh': () => json(tokenFor(makeUser())) });
    renderApp(path);

    expect(await screen.findByRole('heading', { level: 1, name: 'Geen toegang' }, { timeout: 10_000 })).toBeInTheDocument();
    expect(calls(securityRoute)).toHaveLength(0);
  });

  it('is opened from the people search, and leads back to it', async () => {
    serve({
      'GET /api/v1/users': () =>
        json({ users: [{ id: ruudId, name: 'Ruud Verbeek', email: 'begeleider@vgs.example', passwordSet: true, isAdmin: false }] }),
    });
    renderApp('/beheer/personen?zoek=ruud');

    const link = await screen.findByRole('link', { name: 'Inlogbeveiliging van Ruud Verbeek' }, { timeout: 10_000 });
    expect(link).toHaveAttribute('href', path);
    await userEvent.click(link);

    await screen.findByRole('heading', { level: 1, name: 'Inlogbeveiliging van Ruud Verbeek' }, { timeout: 10_000 });
    expect(screen.getByRole('link', { name: 'Terug naar personen' })).toHaveAttribute('href', '/beheer/personen?zoek=ruud');
  });
});
