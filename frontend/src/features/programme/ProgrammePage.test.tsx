import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSession } from '../../auth/session';
import { cohort2021, cohort2021Id, cohort2026Id, cohortGrant, makeCohort, makeModules } from '../../test/cohorts';
import { fakeApi, json, makeUser, problem, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import type { MyAttendance } from '../attendance/types';
import type { ProgrammeSession } from './queries';

const nico = makeUser({ grants: [cohortGrant('participant', cohort2021()), cohortGrant('participant', makeCohort())] });
const [context, netwerken, leiderschap] = makeModules(2026);

function session(overrides: Partial<ProgrammeSession>): ProgrammeSession {
  return {
    id: '00000000-0000-4000-8000-00000000c001',
    cohortId: cohort2026Id,
    moduleId: context!.id,
    moduleTitle: context!.title,
    modulePosition: 1,
    title: 'Aftrap: de gemeentesecretaris in de digitale samenleving',
    startsAt: '2026-09-17T11:30:00Z',
    endsAt: '2026-09-17T15:00:00Z',
    date: '2026-09-17',
    startTime: '13:30',
    endDate: '2026-09-17',
    endTime: '17:00',
    venue: 'VNG, Nassaulaan 12, Den Haag',
    onlineUrl: null,
    agenda: '',
    topics: [],
    status: 'scheduled',
    version: 1,
    facilitators: [{ id: '00000000-0000-4000-8000-00000000f001', name: 'Ruud Verbeek' }],
    speakers: [],
    bookings: null,
    warnings: null,
    ...overrides,
  };
}

const michiel = {
  id: '00000000-0000-4000-8000-00000000d001',
  name: 'Michiel van Dalen',
  roleTitle: 'voormalig gemeentesecretaris van Buren',
  organisation: 'Gemeente Buren',
  bio: '',
  topics: [],
};

const sessions: ProgrammeSession[] = [
  session({}),
  session({
    id: '00000000-0000-4000-8000-00000000c002',
    moduleId: netwerken!.id,
    moduleTitle: netwerken!.title,
    modulePosition: 2,
    title: 'Informatieveiligheid: lessen uit de hack in Buren',
    startsAt: '2026-10-29T12:30:00Z',
    endsAt: '2026-10-29T16:00:00Z',
    speakers: [michiel],
  }),
  session({
    id: '00000000-0000-4000-8000-00000000c003',
    moduleId: netwerken!.id,
    moduleTitle: netwerken!.title,
    modulePosition: 2,
    title: 'Intervisie',
    startsAt: '2026-11-19T12:30:00Z',
    endsAt: '2026-11-19T16:00:00Z',
    status: 'cancelled',
  }),
  session({
    id: '00000000-0000-4000-8000-00000000c004',
    moduleId: leiderschap!.id,
    moduleTitle: leiderschap!.title,
    modulePosition: 3,
    title: 'Digitaliseren van processen: sturen op digitalisering',
    startsAt: '2026-12-03T12:30:00Z',
    endsAt: '2026-12-03T16:00:00Z',
    venue: '',
    onlineUrl: 'https://meet.example/vgs',
    speakers: [{ ...michiel, id: '00000000-0000-4000-8000-00000000d002', name: 'Mark Crooijmans', roleTitle: 'CIO', organisation: '' }],
  }),
];

const mine: MyAttendance = {
  cohorts: [
    {
      cohortId: cohort2026Id,
      cohortName: '2026–2027',
      programmeName: 'Leergang Digitaal Leiderschap',
      enrolmentStatus: 'active',
      tally: { held: 2, present: 1, excused: 1, absent: 0, unrecorded: 0, rate: 0.5, rateExcludingExcused: 1 },
      sessions: [
        { sessionId: sessions[0]!.id, moduleId: context!.id, moduleTitle: context!.title, title: sessions[0]!.title, startsAt: sessions[0]!.startsAt, endsAt: sessions[0]!.endsAt, held: true, status: 'present', recordedAt: '2026-09-17T16:00:00Z' },
        { sessionId: sessions[1]!.id, moduleId: netwerken!.id, moduleTitle: netwerken!.title, title: sessions[1]!.title, startsAt: sessions[1]!.startsAt, endsAt: sessions[1]!.endsAt, held: true, status: 'excused', recordedAt: '2026-10-29T17:00:00Z' },
      ],
    },
  ],
};

function serve(routes: Record<string, () => Response> = {}) {
  return fakeApi({
    'POST /api/v1/auth/refresh': () => json(tokenFor(nico)),
    [`GET /api/v1/cohorts/${cohort2026Id}`]: () => json(makeCohort()),
    [`GET /api/v1/cohorts/${cohort2021Id}`]: () => json(cohort2021()),
    [`GET /api/v1/cohorts/${cohort2026Id}/sessions`]: () => json({ sessions, cohortFacilitators: null }),
    'GET /api/v1/me/attendance': () => json(mine),
    'GET /api/v1/me/calendar-feed': () => json({ active: false, createdAt: null, url: null }),
    ...routes,
  });
}

const moduleSection = async (name: string) => (await screen.findByRole('heading', { level: 2, name })).closest('section')!;

describe('Mijn programma', () => {
  beforeEach(() => {
    resetSession();
    // Only the clock: the page decides what is past and what comes next by it.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-23T12:00:00Z'));
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('lists the running cohort module by module, past sessions with the participant’s own attendance', async () => {
    serve();
    renderApp('/deelnemer/programma');

    expect(await screen.findByRole('heading', { level: 1, name: 'Mijn programma' })).toBeInTheDocument();
    expect(await screen.findByText('Leergang Digitaal Leiderschap — 2026–2027', { exact: false })).toBeInTheDocument();
    await screen.findByRole('heading', { level: 2, name: 'Wat is de volgende stap' });
    const headings = screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent);
    expect(headings).toEqual([
      'Wat is de volgende stap',
      'Module 1: De gemeentesecretaris in zijn/haar context',
      'Module 2: Samenwerking en netwerken',
      'Module 3: Leiderschap aan de organisatie',
      'Module 4: (Politiek-)bestuurlijk adviseren',
      'Module 5: Keuzemodule en afsluiting',
      'Agenda-abonnement',
    ]);

    const first = within(await moduleSection('Module 1: De gemeentesecretaris in zijn/haar context'));
    const kickOff = first.getByRole('article');
    expect(within(kickOff).getByRole('heading', { level: 3 })).toHaveTextContent('Geweest Aftrap');
    expect(kickOff).toHaveTextContent('donderdag 17 september 2026, 13:30–17:00');
    expect(kickOff).toHaveTextContent('Uw aanwezigheid: Aanwezig');

    const second = within(await moduleSection('Module 2: Samenwerking en netwerken'));
    const [buren, intervisie] = second.getAllByRole('article');
    expect(buren).toHaveTextContent('Uw aanwezigheid: Afgemeld');
    expect(within(buren!).getByRole('listitem')).toHaveTextContent('Michiel van Dalen, voormalig gemeentesecretaris van Buren, Gemeente Buren');
    expect(within(intervisie!).getByRole('heading')).toHaveTextContent('Geannuleerd Intervisie');
    expect(intervisie).not.toHaveTextContent('Uw aanwezigheid');

    expect(within(await moduleSection('Module 4: (Politiek-)bestuurlijk adviseren')).getByText(
      'Voor deze module zijn nog geen bijeenkomsten gepland.',
    )).toBeInTheDocument();
    expect(screen.getByText('Uw aanwezigheid tot nu toe: 50% (1 van 2 bijeenkomsten).')).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  });

  it('shows what comes next: the first session ahead that goes ahead, with its online link and speaker', async () => {
    serve();
    renderApp('/deelnemer/programma');

    const next = within(await moduleSection('Wat is de volgende stap'));
    const card = next.getByRole('article');
    expect(within(card).getByRole('heading', { level: 3 })).toHaveTextContent('Digitaliseren van processen: sturen op digitalisering');
    expect(next.getByText('Module 3: Leiderschap aan de organisatie')).toBeInTheDocument();
    expect(card).toHaveTextContent('donderdag 3 december 2026, 13:30–17:00');
    expect(within(card).getByRole('link', { name: 'Online bijeenkomst: Digitaliseren van processen: sturen op digitalisering' })).toHaveAttribute(
      'href',
      'https://meet.example/vgs',
    );
    expect(within(card).getByRole('listitem')).toHaveTextContent('Mark Crooijmans, CIO');
  });

  it('says so when nothing is planned any more', async () => {
    vi.setSystemTime(new Date('2027-07-01T12:00:00Z'));
    serve();
    renderApp('/deelnemer/programma');

    expect(within(await moduleSection('Wat is de volgende stap')).getByText('Er staan geen bijeenkomsten meer gepland.')).toBeInTheDocument();
  });

  it('shows the problem when the schedule cannot be loaded', async () => {
    serve({ [`GET /api/v1/cohorts/${cohort2026Id}/sessions`]: () => problem(503, { title: 'Database niet bereikbaar' }) });
    renderApp('/deelnemer/programma');

    expect(await screen.findByRole('alert')).toHaveTextContent('Database niet bereikbaar');
  });

  it('is in the main menu for participants, next to their home', async () => {
    serve();
    renderApp('/deelnemer/programma');

    const nav = await screen.findByRole('navigation', { name: 'Hoofdmenu' });
    expect(within(nav).getByRole('link', { name: 'Mijn programma' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Mijn leergang' })).not.toHaveAttribute('aria-current');
  });
});
