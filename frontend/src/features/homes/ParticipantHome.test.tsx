import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CohortOverview } from '../../api/types';
import { resetSession } from '../../auth/session';
import { setLanguage } from '../../i18n';
import { cohort2021, cohort2021Id, cohort2026Id, cohortGrant, makeCohort, makeSession } from '../../test/cohorts';
import { fakeApi, json, makeUser, problem, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';

const nico = makeUser({
  // The completed cohort comes first in /me, so choosing the running one is the home's doing.
  grants: [cohortGrant('participant', cohort2021()), cohortGrant('participant', makeCohort())],
});

function serve(cohorts: Record<string, () => Response | Promise<Response>>, user = nico) {
  return fakeApi({
    'POST /api/v1/auth/refresh': () => json(tokenFor(user)),
    ...Object.fromEntries(Object.entries(cohorts).map(([id, handler]) => [`GET /api/v1/cohorts/${id}`, handler])),
  });
}

const serveCohorts = (current: CohortOverview, earlier = cohort2021()) =>
  serve({ [current.id]: () => json(current), [earlier.id]: () => json(earlier) });

async function section(name: string) {
  const heading = await screen.findByRole('heading', { name });
  return heading.closest('section')!;
}

describe('participant home', () => {
  beforeEach(() => {
    resetSession();
  });

  afterEach(async () => {
    await setLanguage('nl');
    window.localStorage.clear();
  });

  it('shows the running cohort first, with what comes up and the modules in order', async () => {
    const { calls } = serveCohorts(makeCohort());
    renderApp('/deelnemer');

    const current = await screen.findByRole('heading', { level: 2, name: 'Leergang Digitaal Leiderschap — 2026–2027' });
    expect(screen.getByRole('heading', { level: 1, name: 'Mijn leergang' })).toBeInTheDocument();
    expect(screen.getByText('Welkom, Nico Middelbos.')).toBeInTheDocument();
    const currentSection = current.closest('section')!;
    expect(currentSection).toHaveTextContent('september 2026 – juni 2027');

    const upcoming = within(await section('Wat komt er'));
    expect(upcoming.getByRole('heading', { name: 'Wat komt er' }).tagName).toBe('H3');
    const [session, ...more] = upcoming.getAllByRole('listitem');
    expect(more).toHaveLength(0);
    expect(session).toHaveTextContent('donderdag 3 december 2026, 13:30–17:00');
    expect(session).toHaveTextContent('Digitaliseren van processen: sturen op digitalisering');
    expect(session).toHaveTextContent('Module: Leiderschap aan de organisatie');
    expect(session).toHaveTextContent('Locatie: Stadhuis Amsterdam, Amstel 1, Amsterdam');

    const modules = within(await section('Modules')).getByRole('list');
    expect(modules.tagName).toBe('OL');
    expect(within(modules).getAllByRole('listitem').map((item) => item.firstChild?.textContent)).toEqual([
      'De gemeentesecretaris in zijn/haar context',
      'Samenwerking en netwerken',
      'Leiderschap aan de organisatie',
      '(Politiek-)bestuurlijk adviseren',
      'Keuzemodule en afsluiting',
    ]);

    const earlier = within(await section('Eerdere leergangen'));
    const link = earlier.getByRole('link', { name: 'Leergang Digitaal Leiderschap — 2021–2022' });
    expect(link).toHaveAttribute('href', `/groepen/${cohort2021Id}`);
    expect(earlier.getByRole('listitem')).toHaveTextContent('september 2021 – maart 2022');
    // Both overviews were asked for with the access token.
    for (const id of [cohort2021Id, cohort2026Id]) {
      expect(calls(`GET /api/v1/cohorts/${id}`)[0]?.headers.get('Authorization')).toBe('Bearer access-1');
    }
  });

  it('renders Amsterdam times in <time> elements, the same wall-clock time across the DST change', async () => {
    serveCohorts(
      makeCohort({
        upcomingSessions: [
          makeSession({ id: 's1', title: 'Voor de wintertijd', startsAt: '2026-10-24T11:30:00Z', endsAt: '2026-10-24T15:00:00Z' }),
          makeSession({ id: 's2', title: 'Na de wintertijd', startsAt: '2026-10-31T12:30:00Z', endsAt: '2026-10-31T16:00:00Z' }),
        ],
      }),
    );
    renderApp('/deelnemer');

    const [before, after] = within(await section('Wat komt er')).getAllByRole('listitem');
    const times = (item: HTMLElement | undefined) =>
      [...item!.querySelectorAll('time')].map((time) => [time.dateTime, time.textContent]);
    expect(times(before)).toEqual([
      ['2026-10-24T11:30:00Z', 'zaterdag 24 oktober 2026, 13:30'],
      ['2026-10-24T15:00:00Z', '17:00'],
    ]);
    expect(times(after)).toEqual([
      ['2026-10-31T12:30:00Z', 'zaterdag 31 oktober 2026, 13:30'],
      ['2026-10-31T16:00:00Z', '17:00'],
    ]);
  });

  it('marks a cancelled session in words and offers an online link only for sessions that go ahead', async () => {
    serveCohorts(
      makeCohort({
        upcomingSessions: [
          makeSession({ id: 's1', title: 'Intervisie', status: 'cancelled', venue: 'VNG, Den Haag' }),
          makeSession({ id: 's2', title: 'Bestuurlijk adviseren over algoritmen en data', venue: '', onlineUrl: 'https://meet.example/vgs' }),
          makeSession({ id: 's3', title: 'Ook online, maar afgelast', status: 'cancelled', venue: '', onlineUrl: 'https://meet.example/x' }),
        ],
      }),
    );
    renderApp('/deelnemer');

    const [cancelled, online, cancelledOnline] = within(await section('Wat komt er')).getAllByRole('listitem');
    expect(within(cancelled!).getByText('Geannuleerd')).toBeInTheDocument();
    expect(cancelled).toHaveTextContent('Geannuleerd Intervisie');
    expect(online).not.toHaveTextContent('Geannuleerd');
    const link = within(online!).getByRole('link', { name: 'Online bijeenkomst: Bestuurlijk adviseren over algoritmen en data' });
    expect(link).toHaveAttribute('href', 'https://meet.example/vgs');
    expect(online).not.toHaveTextContent('Locatie:');
    expect(within(cancelledOnline!).getByText('Geannuleerd')).toBeInTheDocument();
    expect(within(cancelledOnline!).queryByRole('link')).not.toBeInTheDocument();
  });

  it('says so when nothing is planned any more', async () => {
    serveCohorts(makeCohort({ upcomingSessions: [] }));
    renderApp('/deelnemer');

    const upcoming = await section('Wat komt er');
    expect(upcoming).toHaveTextContent('Er staan geen bijeenkomsten meer gepland.');
    expect(within(upcoming).queryByRole('list')).not.toBeInTheDocument();
  });

  it('shows the latest cohort when all are over, and no section of earlier ones when there are none', async () => {
    serve({ [cohort2021Id]: () => json(cohort2021()) }, makeUser({ grants: [cohortGrant('participant', cohort2021())] }));
    renderApp('/deelnemer');

    expect(await screen.findByRole('heading', { level: 2, name: 'Leergang Digitaal Leiderschap — 2021–2022' })).toBeInTheDocument();
    expect(screen.getByText('Er staan geen bijeenkomsten meer gepland.')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Eerdere leergangen' })).not.toBeInTheDocument();
  });

  it('announces loading in a live region until the overviews are in', async () => {
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    serve({ [cohort2026Id]: () => answered.then(() => json(makeCohort())), [cohort2021Id]: () => json(cohort2021()) });
    renderApp('/deelnemer');

    await screen.findByRole('heading', { level: 1, name: 'Mijn leergang' });
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('Bezig met laden…');
    expect(status).toHaveAttribute('aria-live', 'polite');
    expect(screen.queryByRole('heading', { name: 'Wat komt er' })).not.toBeInTheDocument();

    answer();

    expect(await screen.findByRole('heading', { name: 'Wat komt er' })).toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('shows the problem title in an alert when a cohort cannot be loaded, and the cohorts that did load', async () => {
    serve({
      [cohort2026Id]: () => problem(500, { title: 'Er ging iets mis aan onze kant' }),
      [cohort2021Id]: () => json(cohort2021()),
    });
    renderApp('/deelnemer');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Er ging iets mis aan onze kant');
    expect(screen.getByRole('heading', { level: 2, name: 'Leergang Digitaal Leiderschap — 2021–2022' })).toBeInTheDocument();
  });

  it('formats dates and times in English when the interface is English', async () => {
    await setLanguage('en');
    serveCohorts(makeCohort());
    renderApp('/deelnemer');

    const upcoming = await section("What's coming up");
    expect(screen.getByRole('heading', { level: 1, name: 'My programme' })).toBeInTheDocument();
    // ICU versions differ on a comma after the weekday in British English; the rest is fixed.
    expect(within(upcoming).getByRole('listitem')).toHaveTextContent(/Thursday,? 3 December 2026, 13:30–17:00/);
    expect(screen.getByText('September 2026', { exact: false })).toHaveTextContent('September 2026');
    expect(screen.getByRole('heading', { level: 2, name: 'Earlier programmes' })).toBeInTheDocument();
  });

  it('tells a participant without a cohort so, without asking the API for one', async () => {
    const { requests } = serve({}, makeUser({ grants: [{ ...cohortGrant('participant', makeCohort()), cohortId: null, cohortName: null }] }));
    renderApp('/deelnemer');

    expect(await screen.findByText('U neemt op dit moment niet deel aan een leergang.')).toBeInTheDocument();
    await waitFor(() => expect(requests.some((r) => r.url.includes('/cohorts/'))).toBe(false));
  });
});
