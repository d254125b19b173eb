import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Me } from '../../api/types';
import { resetSession } from '../../auth/session';
import { cohort2021, cohort2026Id, cohortGrant, makeCohort, programmeId, programmeName } from '../../test/cohorts';
import { fakeApi, json, makeUser, problem, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';

const cohortPath = `/groepen/${cohort2026Id}`;
const cohortRoute = `GET /api/v1/cohorts/${cohort2026Id}`;
const facilitator = makeUser({ name: 'Ruud Verbeek', grants: [cohortGrant('facilitator', cohort2021()), cohortGrant('facilitator', makeCohort())] });
const reviewer = makeUser({ name: 'Fatima El Amrani', grants: [{ role: 'reviewer', programmeId, programmeName, cohortId: null, cohortName: null }] });

function serve(user: Me, cohortResponse: () => Response = () => json(makeCohort())) {
  return fakeApi({ 'POST /api/v1/auth/refresh': () => json(tokenFor(user)), [cohortRoute]: cohortResponse });
}

describe('cohort page', () => {
  beforeEach(() => {
    resetSession();
  });

  it('is opened by a facilitator from their home, and shows the cohort with its sections', async () => {
    serve(facilitator);
    renderApp('/begeleider');

    const cards = await within(await screen.findByRole('main')).findAllByRole('listitem');
    expect(cards).toHaveLength(2);
    await userEvent.click(screen.getByRole('link', { name: 'Leergang Digitaal Leiderschap — 2026–2027' }));

    const title = await screen.findByRole('heading', { level: 1, name: 'Leergang Digitaal Leiderschap — 2026–2027' });
    expect(title).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(screen.getByText('september 2026', { selector: 'time' })).toHaveAttribute('dateTime', '2026-09-01');
    expect(screen.getByRole('heading', { level: 2, name: 'Wat komt er' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Modules' })).toBeInTheDocument();
    expect(document.title).toBe('Leergang Digitaal Leiderschap — 2026–2027 | Leergang');
    expect(screen.getByRole('main')).toHaveFocus();
  });

  it('shows the no-access page when the API answers 403, without asking again', async () => {
    const { calls } = serve(reviewer, () => problem(403, { title: 'Geen toegang', detail: 'U hoort niet bij deze groep.' }));
    renderApp(cohortPath);

    expect(await screen.findByRole('heading', { level: 1, name: 'Geen toegang' })).toBeInTheDocument();
    expect(screen.getByText('U heeft geen toegang tot deze pagina met de rollen die aan uw account zijn gekoppeld.')).toBeInTheDocument();
    expect(document.title).toBe('Geen toegang | Leergang');
    expect(calls(cohortRoute)).toHaveLength(1);
  });

  it('shows the not-found page when the API answers 404', async () => {
    serve(facilitator, () => problem(404, { title: 'Niet gevonden' }));
    renderApp(cohortPath);

    expect(await screen.findByRole('heading', { level: 1, name: 'Pagina niet gevonden' })).toBeInTheDocument();
  });

  it('shows the problem title in an alert for other failures', async () => {
    serve(facilitator, () => problem(503, { title: 'Database niet bereikbaar' }));
    renderApp(cohortPath);

    expect(await screen.findByRole('alert')).toHaveTextContent('Database niet bereikbaar');
    expect(screen.getByRole('heading', { level: 1, name: 'Groep' })).toBeInTheDocument();
  });

  it('sends a visitor without a session to the login page', async () => {
    const { calls } = fakeApi({ 'POST /api/v1/auth/refresh': () => problem(401, { title: 'Niet ingelogd' }) });
    renderApp(cohortPath);

    expect(await screen.findByRole('heading', { level: 1, name: 'Inloggen' })).toBeInTheDocument();
    expect(calls(cohortRoute)).toHaveLength(0);
  });

  it('gives a reviewer no link to any cohort page', async () => {
    serve(reviewer);
    renderApp('/fonds');

    const main = await screen.findByRole('main');
    await within(main).findByRole('heading', { level: 1, name: 'Evaluaties en resultaten' });
    expect(within(main).getByRole('listitem')).toHaveTextContent('Leergang Digitaal Leiderschap');
    // Their only way on is the programme's evaluation report (aggregates), never a cohort page.
    await within(main).findByRole('link', { name: /Evaluatierapport/ });
    const targets = within(main)
      .getAllByRole('link')
      .map((link) => link.getAttribute('href'));
    expect(targets.length).toBeGreaterThan(0);
    for (const href of targets) expect(href).toMatch(/^\/leergangen\/[^/]+\/evaluatierapport$/);
  });

  it('links an admin to the cohorts they hold a role in', async () => {
    serve(makeUser({ name: 'Marieke Jansen', isAdmin: true, grants: [cohortGrant('participant', makeCohort())] }));
    renderApp('/beheer');

    const link = await screen.findByRole('link', { name: 'Leergang Digitaal Leiderschap — 2026–2027' });
    expect(link).toHaveAttribute('href', cohortPath);
  });
});
