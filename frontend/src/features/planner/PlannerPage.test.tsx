import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Me } from '../../api/types';
import { resetSession } from '../../auth/session';
import { cohort2026Id, cohortGrant, makeCohort, programmeId } from '../../test/cohorts';
import { fakeApi, json, makeUser, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { makePlannedSession, makeSpeaker, ruudId } from './testData';
import type { CohortSessions, Session } from './types';

const plannerPath = `/groepen/${cohort2026Id}/planning`;
const sessionsRoute = `GET /api/v1/cohorts/${cohort2026Id}/sessions`;
const ruud = makeUser({ id: ruudId, name: 'Ruud Verbeek', grants: [cohortGrant('facilitator', makeCohort())] });
const nico = makeUser({ grants: [cohortGrant('participant', makeCohort())] });

function serve(user: Me, schedule: () => CohortSessions, routes: Record<string, (r: Request) => Response> = {}) {
  return fakeApi({
    'POST /api/v1/auth/refresh': () => json(tokenFor(user)),
    [`GET /api/v1/cohorts/${cohort2026Id}`]: () => json(makeCohort()),
    [sessionsRoute]: () => json(schedule()),
    [`GET /api/v1/programmes/${programmeId}/speakers`]: () => json({ speakers: [makeSpeaker()] }),
    ...routes,
  });
}

describe('planner page', () => {
  beforeEach(() => {
    resetSession();
  });

  it('groups the sessions by module and shows each booking’s status in words', async () => {
    const session = makePlannedSession({
      bookings: [
        { id: 'b1', speakerId: 's1', speakerName: 'Mark Crooijmans', status: 'invited', invitedAt: '2026-10-22T10:00:00Z', respondedAt: null, version: 1 },
        { id: 'b2', speakerId: 's2', speakerName: 'Sjoerd van ’t Erve', status: 'declined', invitedAt: '2026-10-22T10:00:00Z', respondedAt: '2026-10-25T10:00:00Z', version: 2 },
      ],
    });
    serve(ruud, () => ({ sessions: [session], cohortFacilitators: [{ id: ruudId, name: 'Ruud Verbeek' }] }));
    renderApp(plannerPath);

    const module3 = await screen.findByRole('region', { name: 'Module 3: Leiderschap aan de organisatie' });
    expect(screen.getAllByRole('heading', { level: 1 }).map((h) => h.textContent)).toEqual(['Planning']);
    const card = within(module3).getByRole('article', { name: /Digitaliseren van processen/ });
    expect(within(card).getByText('Mark Crooijmans').parentElement).toHaveTextContent('Mark Crooijmans Uitgenodigd');
    expect(within(card).getByText('Sjoerd van ’t Erve').parentElement).toHaveTextContent('Afgezegd');
    expect(within(screen.getByRole('region', { name: 'Module 1: De gemeentesecretaris in zijn/haar context' })).getByText(
      'In deze module staan nog geen bijeenkomsten.',
    )).toBeInTheDocument();
  });

  it('saves a new session and then shows its conflicts in an alert, without blocking', async () => {
    const sessions: Session[] = [];
    const created = makePlannedSession({
      id: '00000000-0000-4000-8000-00000000e102',
      title: 'Sturen op digitalisering',
      warnings: [
        { kind: 'cohort_overlap', message: 'Deze bijeenkomst overlapt met „Intervisie” (donderdag 3 december 2026, 13:30–17:00).' },
        { kind: 'facilitator_double_booked', message: 'Ruud Verbeek begeleidt op hetzelfde moment „Intervisie”.' },
      ],
    });
    serve(ruud, () => ({ sessions, cohortFacilitators: [{ id: ruudId, name: 'Ruud Verbeek' }] }), {
      [`POST /api/v1/cohorts/${cohort2026Id}/sessions`]: () => {
        sessions.push(created);
        return json(created, 201);
      },
    });
    renderApp(plannerPath);

    await userEvent.click(await screen.findByRole('button', { name: 'Bijeenkomst plannen' }));
    expect(screen.getByRole('checkbox', { name: 'Ruud Verbeek' })).toBeChecked();
    await userEvent.selectOptions(screen.getByLabelText('Module'), '3. Leiderschap aan de organisatie');
    await userEvent.type(screen.getByLabelText('Titel'), 'Sturen op digitalisering');
    await userEvent.type(screen.getByLabelText('Datum'), '2026-12-03');
    await userEvent.type(screen.getByLabelText('Locatie'), 'VNG, Den Haag');
    await userEvent.click(screen.getByRole('button', { name: 'Bijeenkomst opslaan' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('De bijeenkomst „Sturen op digitalisering” is gepland.');
    expect(alert).toHaveTextContent('Let op, dit botst mogelijk:');
    expect(within(alert).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Deze bijeenkomst overlapt met „Intervisie” (donderdag 3 december 2026, 13:30–17:00).',
      'Ruud Verbeek begeleidt op hetzelfde moment „Intervisie”.',
    ]);
    expect(alert.closest('.utrecht-alert')).toHaveFocus();
    expect(await screen.findByRole('article', { name: 'Sturen op digitalisering' })).toBeInTheDocument();
  });

  it('asks before cancelling a session, and keyboard focus goes to the safe answer', async () => {
    const session = makePlannedSession({ startsAt: '2099-12-03T12:30:00Z', endsAt: '2099-12-03T16:00:00Z' });
    const { calls } = serve(ruud, () => ({ sessions: [session], cohortFacilitators: [] }));
    renderApp(plannerPath);

    await userEvent.click(await screen.findByRole('button', { name: 'Bijeenkomst annuleren' }));

    expect(screen.getByRole('group', { name: /annuleren\? De deelnemers/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Nee, laten staan' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(screen.getByRole('button', { name: 'Bijeenkomst annuleren' })).toHaveFocus();
    expect(calls(`POST /api/v1/sessions/${session.id}/cancel`)).toHaveLength(0);
  });

  it('tells a participant there is no access: the schedule comes without bookings', async () => {
    serve(nico, () => ({ sessions: [makePlannedSession({ bookings: null, warnings: null })], cohortFacilitators: null }));
    renderApp(plannerPath);

    expect(await screen.findByRole('heading', { level: 1, name: 'Geen toegang' })).toBeInTheDocument();
  });
});
