import { configure, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSession } from '../../auth/session';
import { cohort2026Id, cohortGrant, makeCohort } from '../../test/cohorts';
import { fakeApi, json, makeUser, problem, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { nico } from '../goals/testData';
import { annemiek, makeReflection } from './testData';
import type { Reflection } from './types';

// The page is a lazy chunk: its first render waits for the import, which can take a while on a busy machine
// (several people share two cores), as can a long keyboard walk through a form.
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 20_000 });

const page = `/groepen/${cohort2026Id}/reflecties`;
const listRoute = `GET /api/v1/cohorts/${cohort2026Id}/reflections`;

const shared = (id: string, author: { id: string; name: string }, title: string): Reflection => {
  const { comments: _, ...rest } = makeReflection({ id, author, title, mine: author.id === nico.id });
  return rest;
};

describe('Gedeeld in de groep', () => {
  beforeEach(() => {
    resetSession();
  });

  it('shows what the group shares with author names, and filters by author', async () => {
    const { calls } = fakeApi({
      'POST /api/v1/auth/refresh': () => json(tokenFor(nico)),
      [`GET /api/v1/cohorts/${cohort2026Id}`]: () => json(makeCohort()),
      [listRoute]: (request) =>
        json(
          new URL(request.url).searchParams.get('authorId') === annemiek.id
            ? { items: [shared('00000000-0000-4000-8000-00000000e201', annemiek, 'Over netwerken')], nextCursor: null }
            : {
                items: [
                  shared('00000000-0000-4000-8000-00000000e201', annemiek, 'Over netwerken'),
                  shared('00000000-0000-4000-8000-00000000e202', { id: nico.id, name: nico.name }, 'Mijn gedeelde reflectie'),
                ],
                nextCursor: null,
              },
        ),
    });
    renderApp(page);
    const user = userEvent.setup();

    const item = (await screen.findByRole('link', { name: 'Over netwerken' })).closest('article')!;
    expect(item).toHaveTextContent('Annemiek de Vries');
    expect(screen.getByText(/Privé-reflecties staan hier nooit/)).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Auteur'), 'Annemiek de Vries');
    await user.click(screen.getByRole('button', { name: 'Toon' }));

    expect(await screen.findByRole('heading', { level: 2, name: 'Gedeeld door Annemiek de Vries' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Mijn gedeelde reflectie' })).not.toBeInTheDocument();
    expect(new URL(calls(listRoute).at(-1)!.url).searchParams.get('authorId')).toBe(annemiek.id);
  });

  it('turns a 403 into the no-access page', async () => {
    const reviewer = makeUser({ grants: [cohortGrant('reviewer', makeCohort())] });
    fakeApi({
      'POST /api/v1/auth/refresh': () => json(tokenFor(reviewer)),
      [`GET /api/v1/cohorts/${cohort2026Id}`]: () => json(makeCohort()),
      [listRoute]: () => problem(403, { title: 'Geen toegang' }),
    });
    renderApp(page);

    expect(await screen.findByRole('heading', { level: 1, name: 'Geen toegang' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Gedeeld in de groep' })).not.toBeInTheDocument();
  });
});
