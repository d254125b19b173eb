import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSession } from '../../auth/session';
import { cohort2026Id, makeCohort } from '../../test/cohorts';
import { fakeApi, json, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { nico } from '../goals/testData';
import { makeReflection } from './testData';
import type { Reflection } from './types';

// The page is a lazy chunk: its first render waits for the import, which can take a while on a busy machine
// (several people share two cores), as can a long keyboard walk through a form.
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 20_000 });

const reflection = (n: number, overrides: Partial<Reflection> = {}): Reflection => {
  const { comments: _, ...rest } = makeReflection({
    id: `00000000-0000-4000-8000-0000000e${String(n).padStart(4, '0')}`,
    title: `Reflectie ${n}`,
    ...overrides,
  });
  return rest;
};

function serve(answer: (url: URL) => unknown) {
  return fakeApi({
    'POST /api/v1/auth/refresh': () => json(tokenFor(nico)),
    [`GET /api/v1/cohorts/${cohort2026Id}`]: () => json(makeCohort()),
    'GET /api/v1/me/reflections': (request) => json(answer(new URL(request.url))),
  });
}

describe('Mijn logboek', () => {
  beforeEach(() => {
    resetSession();
  });

  it('lists the own reflections with date, visibility, module and comments, and loads more by cursor', async () => {
    const { calls } = serve((url) =>
      url.searchParams.get('cursor') === 'page-2'
        ? { items: [reflection(3, { visibility: 'facilitators', title: null, writtenOn: '2026-10-02' })], nextCursor: null }
        : {
            items: [
              reflection(1, { visibility: 'private', commentCount: 0, session: { id: 's', title: 'Datagedreven werken in de praktijk' } }),
              reflection(2, { visibility: 'cohort', commentCount: 3 }),
            ],
            nextCursor: 'page-2',
          },
    );
    renderApp('/deelnemer/logboek');
    const user = userEvent.setup();

    const first = (await screen.findByRole('link', { name: 'Reflectie 1' })).closest('article')!;
    expect(first).toHaveTextContent('19 november 2026');
    expect(first).toHaveTextContent('Zichtbaar voor: Alleen ik');
    expect(first).toHaveTextContent('Module: Leiderschap aan de organisatie · Bijeenkomst: Datagedreven werken in de praktijk');
    expect(first).toHaveTextContent('0 reacties');
    const second = screen.getByRole('link', { name: 'Reflectie 2' }).closest('article')!;
    expect(second).toHaveTextContent('Zichtbaar voor: Hele groep');
    expect(second).toHaveTextContent('3 reacties');
    expect(screen.getByRole('link', { name: 'Nieuwe reflectie' })).toHaveAttribute('href', `/deelnemer/logboek/nieuw?groep=${cohort2026Id}`);

    await user.click(screen.getByRole('button', { name: 'Meer laden' }));

    const untitled = await screen.findByRole('link', { name: 'Reflectie van 2 oktober 2026' });
    expect(untitled.closest('article')).toHaveTextContent('Zichtbaar voor: Begeleiders');
    await waitFor(() => expect(untitled).toHaveFocus());
    expect(screen.queryByRole('button', { name: 'Meer laden' })).not.toBeInTheDocument();
    expect(calls('GET /api/v1/me/reflections').map((request) => new URL(request.url).searchParams.get('cursor'))).toEqual([null, 'page-2']);
  });

  it('searches in Dutch and shows where each reflection matches', async () => {
    const { calls } = serve((url) =>
      url.searchParams.get('q')
        ? { items: [reflection(7, { snippet: '… de samenwerking met de regio …' })], nextCursor: null }
        : { items: [reflection(1)], nextCursor: null },
    );
    renderApp('/deelnemer/logboek');
    const user = userEvent.setup();

    await screen.findByRole('link', { name: 'Reflectie 1' });
    const search = screen.getByRole('search', { name: 'Zoeken en filteren in uw logboek' });
    await user.type(within(search).getByLabelText('Zoek in uw logboek'), 'samenwerken');
    await user.selectOptions(within(search).getByLabelText('Zichtbaar voor'), 'Hele groep');
    await user.click(within(search).getByRole('button', { name: 'Zoeken' }));

    const results = await screen.findByRole('heading', { level: 2, name: 'Zoekresultaten voor ‘samenwerken’' });
    await waitFor(() => expect(results).toHaveFocus());
    expect(screen.getByText('1 reflectie gevonden.')).toHaveAttribute('role', 'status');
    expect(screen.getByRole('link', { name: 'Reflectie 7' }).closest('article')).toHaveTextContent('… de samenwerking met de regio …');
    const last = new URL(calls('GET /api/v1/me/reflections').at(-1)!.url).searchParams;
    expect(last.get('q')).toBe('samenwerken');
    expect(last.get('visibility')).toBe('cohort');
    expect(screen.getByRole('link', { name: 'Zoekopdracht en filters wissen' })).toHaveAttribute('href', '/deelnemer/logboek');
  });
});
