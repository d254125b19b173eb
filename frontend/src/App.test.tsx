import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Grant } from './api/types';
import { resetSession } from './auth/session';
import { makeCohort } from './test/cohorts';
import { fakeApi, json, makeUser, problem, tokenFor } from './test/fakeApi';
import { renderApp } from './test/renderApp';

const programme = { programmeId: '00000000-0000-4000-8000-0000000000a1', programmeName: 'Leergang Digitaal Leiderschap' };
const cohort = (name: string) => ({ cohortId: `00000000-0000-4000-8000-${name.slice(0, 4)}00000000`, cohortName: name });
const participant: Grant = { role: 'participant', ...programme, ...cohort('2021–2022') };
const facilitator: Grant = { role: 'facilitator', ...programme, ...cohort('2022–2023') };
const reviewer: Grant = { role: 'reviewer', ...programme, cohortId: null, cohortName: null };

// The cohort of makeUser()'s participant grant.
const defaultCohort = makeCohort({ id: makeUser().grants[0]!.cohortId!, name: '2021–2022', status: 'completed' });

function signedInAs(user = makeUser()) {
  return fakeApi({
    'POST /api/v1/auth/refresh': () => json(tokenFor(user)),
    'POST /api/v1/auth/logout': () => new Response(null, { status: 204 }),
    [`GET /api/v1/cohorts/${defaultCohort.id}`]: () => json(defaultCohort),
  });
}

describe('app shell and routing', () => {
  beforeEach(() => {
    resetSession();
  });

  it('sends a visitor without a session from a protected page to the login page', async () => {
    fakeApi({ 'POST /api/v1/auth/refresh': () => problem(401, { title: 'Niet ingelogd' }) });
    renderApp('/beheer');

    expect(await screen.findByRole('heading', { level: 1, name: 'Inloggen' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Hoofdmenu' })).not.toBeInTheDocument();
  });

  it('restores the session once on start, even though StrictMode runs effects twice', async () => {
    const { calls } = signedInAs();
    renderApp('/');

    expect(await screen.findByRole('heading', { level: 1, name: 'Mijn leergang' })).toBeInTheDocument();
    expect(calls('POST /api/v1/auth/refresh')).toHaveLength(1);
  });

  it('shows the participant their cohort, loaded with their access token', async () => {
    const { calls } = signedInAs(makeUser());
    renderApp('/');

    expect(await screen.findByRole('heading', { level: 1, name: 'Mijn leergang' })).toBeInTheDocument();
    expect(screen.getByText('Welkom, Nico Middelbos.')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 2, name: 'Leergang Digitaal Leiderschap — 2021–2022' })).toBeInTheDocument();
    const [request, ...again] = calls(`GET /api/v1/cohorts/${defaultCohort.id}`);
    expect(again).toHaveLength(0);
    expect(request?.headers.get('Authorization')).toBe('Bearer access-1');
  });

  it.each([
    ['an admin', makeUser({ name: 'Marieke Jansen', isAdmin: true, grants: [] }), 'Beheer'],
    ['a facilitator', makeUser({ name: 'Ruud Verbeek', grants: [facilitator] }), 'Mijn groepen'],
    ['a reviewer', makeUser({ name: 'Fatima El Amrani', grants: [reviewer] }), 'Evaluaties en resultaten'],
  ])('lands %s on their own home', async (_, user, title) => {
    signedInAs(user);
    renderApp('/');

    expect(await screen.findByRole('heading', { level: 1, name: title })).toBeInTheDocument();
    expect(screen.getByText(`Welkom, ${user.name}.`)).toBeInTheDocument();
  });

  it('shows a reviewer the whole programme, not a cohort', async () => {
    signedInAs(makeUser({ grants: [reviewer] }));
    renderApp('/fonds');

    await screen.findByRole('heading', { level: 1, name: 'Evaluaties en resultaten' });
    const [card, ...others] = within(screen.getByRole('main')).getAllByRole('listitem');
    expect(others).toHaveLength(0);
    expect(card).toHaveTextContent('Leergang Digitaal Leiderschap');
    expect(card).toHaveTextContent('Alle groepen van deze leergang');
  });

  it('gives someone with several roles a link to each home', async () => {
    signedInAs(makeUser({ grants: [participant, facilitator] }));
    renderApp('/');

    expect(await screen.findByRole('heading', { level: 1, name: 'Mijn groepen' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Hoofdmenu' });
    const links = within(nav).getAllByRole('link');
    // A participant also gets "Mijn programma", right after their home.
    expect(links.map((link) => link.textContent)).toEqual(['Mijn groepen', 'Mijn leergang', 'Mijn programma']);
    expect(within(nav).getByRole('link', { name: 'Mijn groepen' })).toHaveAttribute('aria-current', 'page');

    await userEvent.click(within(nav).getByRole('link', { name: 'Mijn leergang' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Mijn leergang' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveFocus(); // focus follows the navigation
  });

  it('tells a user without the role that they have no access', async () => {
    signedInAs(makeUser({ grants: [participant] }));
    renderApp('/beheer');

    expect(await screen.findByRole('heading', { level: 1, name: 'Geen toegang' })).toBeInTheDocument();
  });

  it('shows a Dutch 404 page for unknown addresses', async () => {
    signedInAs();
    renderApp('/bestaat-niet');

    expect(await screen.findByRole('heading', { level: 1, name: 'Pagina niet gevonden' })).toBeInTheDocument();
    expect(document.title).toBe('Pagina niet gevonden | Leergang');
  });

  it('logs out from the header and returns to the login page', async () => {
    const { calls } = signedInAs();
    renderApp('/deelnemer');
    await screen.findByRole('heading', { level: 1, name: 'Mijn leergang' });

    await userEvent.click(screen.getByRole('button', { name: 'Uitloggen' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Inloggen' })).toBeInTheDocument();
    expect(calls('POST /api/v1/auth/logout')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Uitloggen' })).not.toBeInTheDocument();
  });

  it('forgets cached data on logout, so the next login loads it afresh', async () => {
    const { calls } = signedInAs();
    renderApp('/deelnemer');
    await screen.findByRole('heading', { level: 2, name: 'Leergang Digitaal Leiderschap — 2021–2022' });
    await userEvent.click(screen.getByRole('button', { name: 'Uitloggen' }));
    await screen.findByRole('heading', { level: 1, name: 'Inloggen' });
    const afterLogout = fakeApi({
      'POST /api/v1/auth/login': () => json(tokenFor(makeUser(), 'access-2')),
      [`GET /api/v1/cohorts/${defaultCohort.id}`]: () => json(defaultCohort),
    });

    await userEvent.type(screen.getByLabelText('E-mailadres'), 'nico.middelbos@kampen.example');
    await userEvent.type(screen.getByLabelText('Wachtwoord'), 'leergang-demo-2021');
    await userEvent.click(screen.getByRole('button', { name: 'Inloggen' }));

    expect(await screen.findByRole('heading', { level: 2, name: 'Leergang Digitaal Leiderschap — 2021–2022' })).toBeInTheDocument();
    expect(calls(`GET /api/v1/cohorts/${defaultCohort.id}`)).toHaveLength(1); // for the first login
    const [again] = afterLogout.calls(`GET /api/v1/cohorts/${defaultCohort.id}`); // not served from the cache
    expect(again?.headers.get('Authorization')).toBe('Bearer access-2');
  });

  it('warns on the login page when the server could not end the session', async () => {
    fakeApi({
      'POST /api/v1/auth/refresh': () => json(tokenFor(makeUser())),
      'POST /api/v1/auth/logout': () => problem(500, { title: 'Er ging iets mis' }),
    });
    renderApp('/deelnemer');
    await screen.findByRole('heading', { level: 1, name: 'Mijn leergang' });

    await userEvent.click(screen.getByRole('button', { name: 'Uitloggen' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Inloggen' })).toBeInTheDocument();
    expect(screen.getByText(/De server kon uw sessie niet beëindigen/)).toBeInTheDocument();
  });

  it('has the landmarks and makes the skip link the first tab stop', async () => {
    signedInAs();
    renderApp('/deelnemer');
    await screen.findByRole('heading', { level: 1, name: 'Mijn leergang' });

    expect(screen.getByRole('banner')).toBeInTheDocument();
    expect(screen.getByRole('contentinfo')).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main');

    await userEvent.tab();

    expect(screen.getByRole('link', { name: 'Naar de inhoud' })).toHaveFocus();
    expect(screen.getByRole('link', { name: 'Naar de inhoud' })).toHaveAttribute('href', '#main');
  });
});
