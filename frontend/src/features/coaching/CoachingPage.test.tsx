import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetSession } from '../../auth/session';
import { cohortGrant, makeCohort } from '../../test/cohorts';
import { fakeApi, json, makeUser, problem, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import {
  cohortId,
  makeCoverage,
  makeGoal,
  makeOverview,
  makeParticipantGoals,
  makeReflection,
  moduleIds,
  nicoId,
} from './testData';

const cohort = makeCohort({ id: cohortId });
const ruud = makeUser({ id: '00000000-0000-4000-8000-00000000f001', name: 'Ruud Begeleider', grants: [cohortGrant('facilitator', cohort)] });
const admin = makeUser({ id: '00000000-0000-4000-8000-00000000ad01', name: 'Marieke Jansen', isAdmin: true, grants: [] });

function serve(routes: Record<string, (request: Request) => Response>, user = ruud) {
  return fakeApi({
    'POST /api/v1/auth/refresh': () => json(tokenFor(user)),
    [`GET /api/v1/cohorts/${cohortId}`]: () => json(cohort),
    ...routes,
  });
}

const cells = (row: HTMLElement) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent);

// Whole pages, lazily loaded: generous time on a busy machine.
describe('the coaching overview of a cohort', { timeout: 30_000 }, () => {
  beforeEach(() => {
    resetSession();
  });

  it('shows counts per participant, linking to each one, and the aspect coverage as a table', async () => {
    serve({
      [`GET /api/v1/cohorts/${cohortId}/coaching`]: () => json(makeOverview()),
      [`GET /api/v1/cohorts/${cohortId}/goal-aspects`]: () => json(makeCoverage()),
    });
    renderApp(`/groepen/${cohortId}/coaching`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Coaching' })).toBeInTheDocument();
    expect(await screen.findByText(/Besloten reflecties tellen nergens mee/, {}, { timeout: 10_000 })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Leerdoelen, stappen en gedeelde reflecties per deelnemer' });
    const rows = within(table).getAllByRole('row');
    expect(cells(rows[1]!)).toEqual(['Concept', 'Actief', 'Behaald', 'Losgelaten']);
    expect(rows.slice(2).map(cells)).toEqual([
      ['Annemiek de Vries', 'Zwolle', '1', '2', '0', '0', '1 van 4', '0', 'nog niet'],
      ['Nico Middelbosleergang afgerond', 'Kampen', '0', '1', '2', '1', '5 van 8', '3', '30 okt 2026'],
    ]);
    expect(within(table).getByRole('link', { name: 'Nico Middelbos' })).toHaveAttribute(
      'href',
      `/groepen/${cohortId}/coaching/${nicoId}`,
    );
    expect(await screen.findByRole('table', { name: 'Leerdoelen en deelnemers per aspect' })).toBeInTheDocument();
    // The chart is an illustration of that table: hidden from assistive technology, which reads the table.
    await waitFor(() => expect(document.querySelector('.lg-coaching-chart')).toHaveAttribute('aria-hidden', 'true'));
    expect(document.title).toBe('Coaching — Leergang Digitaal Leiderschap — 2026–2027 | Leergang');
  });

  it('is the no-access page for those the API refuses', async () => {
    serve({ [`GET /api/v1/cohorts/${cohortId}/coaching`]: () => problem(403, { title: 'Geen toegang' }) });
    renderApp(`/groepen/${cohortId}/coaching`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Geen toegang' }, { timeout: 10_000 })).toBeInTheDocument();
  });
});

describe('coaching one participant', { timeout: 30_000 }, () => {
  beforeEach(() => {
    resetSession();
  });

  it('shows their goals per module read-only, says the read is logged, and loads more shared reflections', async () => {
    const goals = makeParticipantGoals([
      makeGoal(),
      makeGoal({ id: '00000000-0000-4000-8000-000000000a02', moduleId: null, title: 'Netwerk verbreden', steps: [], stepsDone: 0, stepsTotal: 0, status: 'draft', aspects: [], targetDate: null, successCriteria: '' }),
    ]);
    const { calls } = serve({
      [`GET /api/v1/cohorts/${cohortId}/participants/${nicoId}/goals`]: () => json(goals),
      [`GET /api/v1/cohorts/${cohortId}/reflections`]: (request) =>
        new URL(request.url).searchParams.get('cursor') === 'page-2'
          ? json({ items: [makeReflection(3, { title: null })], nextCursor: null })
          : json({ items: [makeReflection(9, { visibility: 'cohort', module: { id: moduleIds[0]!, title: 'Context' } }), makeReflection(8)], nextCursor: 'page-2' }),
    });
    renderApp(`/groepen/${cohortId}/coaching/${nicoId}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Coaching: Nico Middelbos' }, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.getByText('Deze inzage wordt vastgelegd en is zichtbaar voor de deelnemer.')).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent)).toEqual([
      'Voor de hele leergang',
      'De gemeentesecretaris in zijn/haar context',
      'Samenwerking en netwerken',
    ]);
    const goal = screen.getByRole('article', { name: 'Datagedreven sturen in de ambtelijke top' });
    expect(goal).toHaveTextContent('Actief Streefdatum: 1 mrt 2027');
    expect(goal).toHaveTextContent('Aspecten: Structuur');
    expect(goal).toHaveTextContent('Waaraan merkt de deelnemer dat het gelukt is?Het MT bespreekt elk kwartaal een dashboard.');
    // Steps in their order, each with its state in words, not only a tick.
    expect(within(goal).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      '✓Gedaan: Gesprek met de CIO (gedaan op 12 okt 2026)',
      '○Nog te doen: Dashboard kiezen',
    ]);
    expect(screen.getByText('Geen leerdoelen voor deze module.')).toBeInTheDocument();
    // Nothing to edit: coaching is reading only.
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();

    const first = await screen.findByRole('link', { name: 'Reflectie 9' });
    expect(first).toHaveAttribute('href', '/reflecties/00000000-0000-4000-8000-000000000009');
    expect(first.closest('article')).toHaveTextContent('9 okt 2026 · Gedeeld met de hele groep · Context · 1 reactie');
    await userEvent.click(screen.getByRole('button', { name: 'Meer reflecties laden' }));

    const added = await screen.findByRole('link', { name: 'Reflectie van 3 okt 2026' });
    await waitFor(() => expect(added.closest('article')).toHaveFocus());
    expect(screen.queryByRole('button', { name: 'Meer reflecties laden' })).not.toBeInTheDocument();
    expect(calls(`GET /api/v1/cohorts/${cohortId}/reflections`).map((r) => new URL(r.url).search)).toEqual([
      `?authorId=${nicoId}&limit=10`,
      `?authorId=${nicoId}&limit=10&cursor=page-2`,
    ]);
    // One read of the goals: every read is logged for the participant, so it is not repeated needlessly.
    expect(calls(`GET /api/v1/cohorts/${cohortId}/participants/${nicoId}/goals`)).toHaveLength(1);
  });

  it('tells an admin without a facilitator role that shared reflections are for facilitators', async () => {
    serve(
      {
        [`GET /api/v1/cohorts/${cohortId}/participants/${nicoId}/goals`]: () => json(makeParticipantGoals([])),
        [`GET /api/v1/cohorts/${cohortId}/reflections`]: () => problem(403, { title: 'Geen toegang' }),
      },
      admin,
    );
    renderApp(`/groepen/${cohortId}/coaching/${nicoId}`);

    expect(await screen.findByText('Nico Middelbos heeft nog geen leerdoelen in deze groep.', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(
      await screen.findByText('Gedeelde reflecties zijn alleen te lezen voor de begeleiders van de groep.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Coaching: Nico Middelbos' })).toBeInTheDocument();
  });

  it('is the not-found page for someone not enrolled in the cohort', async () => {
    serve({ [`GET /api/v1/cohorts/${cohortId}/participants/${nicoId}/goals`]: () => problem(404, { title: 'Niet gevonden' }) });
    renderApp(`/groepen/${cohortId}/coaching/${nicoId}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Pagina niet gevonden' }, { timeout: 10_000 })).toBeInTheDocument();
  });
});
