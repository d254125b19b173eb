import { configure, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSession } from '../../auth/session';
import { cohort2021, cohort2026Id, cohortGrant, makeCohort } from '../../test/cohorts';
import { fakeApi, json, makeUser, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { makeGoal, makeStep, modules, nico, participantGoals } from './testData';

// The page is a lazy chunk: its first render waits for the import, which can take a while on a busy machine
// (several people share two cores), as can a long keyboard walk through a form.
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 20_000 });

const goalsRoute = (cohortId: string) => `GET /api/v1/cohorts/${cohortId}/participants/${nico.id}/goals`;

function serve(goals = participantGoals([]), user = nico) {
  return fakeApi({
    'POST /api/v1/auth/refresh': () => json(tokenFor(user)),
    [`GET /api/v1/cohorts/${cohort2026Id}`]: () => json(makeCohort()),
    [`GET /api/v1/cohorts/${cohort2021().id}`]: () => json(cohort2021()),
    [goalsRoute(cohort2026Id)]: () => json(goals),
    [goalsRoute(cohort2021().id)]: () => json({ ...participantGoals([]), cohortId: cohort2021().id }),
  });
}

const section = async (name: string) => (await screen.findByRole('heading', { level: 2, name })).closest('section')!;

describe('Mijn leerdoelen', () => {
  beforeEach(() => {
    resetSession();
  });

  it('groups the goals per module, the whole programme first, each with its progress in words', async () => {
    serve(
      participantGoals([
        makeGoal({
          id: 'g1',
          title: 'Datagedreven sturen in het MT',
          status: 'achieved',
          steps: [makeStep({ id: 's1', done: true }), makeStep({ id: 's2', position: 2, done: true })],
        }),
        makeGoal({
          id: 'g2',
          title: 'Informatieveiligheid op de MT-agenda',
          status: 'active',
          targetDate: null,
          steps: [makeStep({ id: 's3', done: true }), makeStep({ id: 's4', position: 2 }), makeStep({ id: 's5', position: 3 })],
        }),
        makeGoal({ id: 'g3', title: 'Een lerende organisatie', moduleId: null, moduleTitle: null, status: 'draft', aspects: [] }),
      ]),
    );
    renderApp('/deelnemer/leerdoelen');

    expect(await screen.findByRole('heading', { level: 1, name: 'Mijn leerdoelen' })).toBeInTheDocument();
    const headings = (await screen.findAllByRole('heading', { level: 2 })).map((heading) => heading.textContent);
    expect(headings).toEqual([
      'Voor de hele leergang',
      ...modules.map((module) => `Module ${module.position}: ${module.title}`),
    ]);
    expect(screen.getByText('1 van 3 leerdoelen behaald · 3 van 5 stappen gezet')).toBeInTheDocument();

    const third = within(await section('Module 3: Leiderschap aan de organisatie'));
    expect(third.getByText('1 van 2 leerdoelen behaald · 3 van 5 stappen gezet')).toBeInTheDocument();
    const bar = third.getByRole('progressbar', { name: 'Gezette stappen: Module 3: Leiderschap aan de organisatie' });
    expect(bar).toHaveAttribute('value', '3');
    expect(bar).toHaveAttribute('max', '5');
    const cards = third.getAllByRole('article');
    expect(cards).toHaveLength(2);
    expect(within(cards[0]!).getByRole('link', { name: 'Datagedreven sturen in het MT' })).toHaveAttribute('href', '/deelnemer/leerdoelen/g1');
    expect(cards[0]).toHaveTextContent('Behaald');
    expect(cards[0]).toHaveTextContent('Streefdatum: 28 maart 2027');
    expect(within(cards[0]!).getByRole('list', { name: 'Aspecten' })).toHaveTextContent('Structuur: datamanagement en samenwerking rond data');
    expect(cards[0]).toHaveTextContent('2 van 2 stappen gezet');
    expect(cards[1]).toHaveTextContent('Actief');
    expect(cards[1]).not.toHaveTextContent('Streefdatum');

    const whole = within(await section('Voor de hele leergang'));
    expect(whole.getByRole('article')).toHaveTextContent('Concept');
    expect(whole.getByRole('article')).toHaveTextContent('Nog geen stappen');

    const empty = within(await section('Module 1: De gemeentesecretaris in zijn/haar context'));
    expect(empty.getByText('Nog geen leerdoelen.')).toBeInTheDocument();
    expect(empty.getByRole('link', { name: 'Leerdoel toevoegen aan De gemeentesecretaris in zijn/haar context' })).toHaveAttribute(
      'href',
      `/deelnemer/leerdoelen/nieuw?groep=${cohort2026Id}&module=${modules[0]!.id}`,
    );
    expect(screen.getByRole('link', { name: 'Nieuw leerdoel' })).toHaveAttribute('href', `/deelnemer/leerdoelen/nieuw?groep=${cohort2026Id}`);
  });

  it('shows the running cohort by default and offers the others in a picker', async () => {
    const { calls } = serve(participantGoals([]), makeUser({ grants: [cohortGrant('participant', cohort2021()), cohortGrant('participant', makeCohort())] }));
    renderApp('/deelnemer/leerdoelen');

    expect(await screen.findByText('U heeft nog geen leerdoelen. Begin met een leerdoel voor de hele leergang of voor een module.')).toBeInTheDocument();
    expect(screen.getByLabelText('Leergang')).toHaveValue(cohort2026Id);
    expect(calls(goalsRoute(cohort2026Id))).toHaveLength(1);
    expect(calls(goalsRoute(cohort2021().id))).toHaveLength(0);
  });

  it('opens the cohort named in ?groep=', async () => {
    const { calls } = serve(participantGoals([]), makeUser({ grants: [cohortGrant('participant', cohort2021()), cohortGrant('participant', makeCohort())] }));
    renderApp(`/deelnemer/leerdoelen?groep=${cohort2021().id}`);

    expect(await screen.findByText('Leergang Digitaal Leiderschap — 2021–2022', { selector: '.utrecht-paragraph--lead b' })).toBeInTheDocument();
    expect(screen.getByLabelText('Leergang')).toHaveValue(cohort2021().id);
    await screen.findByText('U heeft nog geen leerdoelen. Begin met een leerdoel voor de hele leergang of voor een module.');
    expect(calls(goalsRoute(cohort2021().id))).toHaveLength(1);
  });
});
