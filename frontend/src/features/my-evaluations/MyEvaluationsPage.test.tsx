import { configure, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSession } from '../../auth/session';
import { cohort2026Id, makeCohort } from '../../test/cohorts';
import { fakeApi, json, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { groupEvaluations } from './grouping';
import { makeSummary, nico } from './testData';

configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 30_000 });

const id = (n: number) => `00000000-0000-4000-8000-00000000f${String(n).padStart(3, '0')}`;

// In the API's order is not assumed: the page groups and sorts itself.
const evaluations = [
  makeSummary({ formId: id(1), title: 'Slotevaluatie', scope: 'cohort', targetTitle: '2026–2027', state: 'upcoming', opensAt: '2027-06-01T07:00:00Z', closesAt: '2027-06-30T15:00:00Z' }),
  makeSummary({ formId: id(2), title: 'Evaluatie module 2', scope: 'module', targetTitle: 'Samenwerking en netwerken', closesAt: '2026-12-20T16:00:00Z' }),
  makeSummary({ formId: id(3), title: 'Evaluatie bijeenkomst 1', state: 'closed', closesAt: '2026-10-15T15:00:00Z' }),
  makeSummary({ formId: id(4), title: 'Evaluatie bijeenkomst 3', hasDraft: true, closesAt: '2026-12-10T16:00:00Z' }),
  makeSummary({ formId: id(5), title: 'Evaluatie bijeenkomst 2', submittedAt: '2026-11-02T10:00:00Z', closesAt: '2026-12-01T16:00:00Z' }),
];

function serve(list = evaluations) {
  return fakeApi({
    'POST /api/v1/auth/refresh': () => json(tokenFor(nico)),
    [`GET /api/v1/cohorts/${cohort2026Id}`]: () => json(makeCohort()),
    'GET /api/v1/me/evaluations': () => json({ evaluations: list }),
  });
}

async function section(name: string) {
  const heading = await screen.findByRole('heading', { level: 2, name });
  return within(heading.closest('section')!);
}

describe('my evaluations', () => {
  beforeEach(() => {
    resetSession();
  });

  it('puts open ones first, soonest closing first, with the closing moment and a saved draft marked', async () => {
    serve();
    renderApp('/evaluaties');

    const open = await section('Nu in te vullen');
    const items = open.getAllByRole('article');
    expect(items.map((item) => item.querySelector('h3')?.textContent)).toEqual(['Evaluatie bijeenkomst 3', 'Evaluatie module 2']);
    expect(within(items[0]!).getByRole('link', { name: 'Evaluatie bijeenkomst 3' })).toHaveAttribute('href', `/evaluaties/${id(4)}`);
    expect(within(items[0]!).getByText('Concept opgeslagen')).toBeInTheDocument();
    expect(within(items[0]!).getByText('Sluit op', { exact: false })).toHaveTextContent('Sluit op 10 dec 2026, 17:00');
    expect(items[0]!.querySelector('strong time')).toHaveAttribute('dateTime', '2026-12-10T16:00:00Z');
    expect(within(items[1]!).queryByText('Concept opgeslagen')).not.toBeInTheDocument();
    expect(items[1]).toHaveTextContent('Module: Samenwerking en netwerken · 2026–2027');

    const upcoming = await section('Binnenkort');
    const [closing] = upcoming.getAllByRole('article');
    expect(closing).toHaveTextContent('Gepland');
    expect(closing).toHaveTextContent('Opent op 1 jun 2027, 09:00');
    // Not open yet: nothing to follow.
    expect(within(closing!).queryByRole('link')).not.toBeInTheDocument();

    const done = await section('Ingevuld of gesloten');
    const finished = done.getAllByRole('article');
    expect(finished.map((item) => item.querySelector('h3')?.textContent)).toEqual(['Evaluatie bijeenkomst 2', 'Evaluatie bijeenkomst 1']);
    expect(finished[0]).toHaveTextContent('Ingevuld');
    expect(finished[0]).toHaveTextContent('Ingevuld op 2 nov 2026, 11:00');
    expect(finished[1]).toHaveTextContent('Gesloten');
    expect(finished[1]).toHaveTextContent('Gesloten op 15 okt 2026, 17:00');

    // The sections in this order on the page.
    expect(screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent)).toEqual([
      'Nu in te vullen',
      'Binnenkort',
      'Ingevuld of gesloten',
    ]);
  });

  it('says so when nothing is open', async () => {
    serve([evaluations[2]!]);
    renderApp('/evaluaties');
    expect((await section('Nu in te vullen')).getByText('Er staan nu geen evaluaties voor u open.')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Binnenkort' })).not.toBeInTheDocument();
  });

  it('groups an answered open form with the done ones', () => {
    const groups = groupEvaluations(evaluations);
    expect(groups.open.map((evaluation) => evaluation.formId)).toEqual([id(4), id(2)]);
    expect(groups.upcoming.map((evaluation) => evaluation.formId)).toEqual([id(1)]);
    expect(groups.done.map((evaluation) => evaluation.formId)).toEqual([id(5), id(3)]);
  });

  it('shows a card with the number open on the participant’s home', async () => {
    serve();
    renderApp('/deelnemer');

    const card = await section('Evaluaties');
    expect(await card.findByText('2 evaluaties staan voor u open.')).toBeInTheDocument();
    expect(card.getByRole('link', { name: 'Naar mijn evaluaties' })).toHaveAttribute('href', '/evaluaties');
  });
});
