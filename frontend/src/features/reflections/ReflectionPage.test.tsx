import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSession } from '../../auth/session';
import { cohort2026Id, cohortGrant, makeCohort } from '../../test/cohorts';
import { fakeApi, json, makeUser, problem, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { nico } from '../goals/testData';
import { annemiek, makeComment, makeReflection, reflectionId, ruud } from './testData';
import type { ReflectionDetail } from './types';

// The page is a lazy chunk: its first render waits for the import, which can take a while on a busy machine
// (several people share two cores), as can a long keyboard walk through a form.
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 20_000 });

const annemiekUser = makeUser({ id: annemiek.id, name: annemiek.name, grants: [cohortGrant('participant', makeCohort())] });
const commentRoute = (id: string) => `/api/v1/reflections/${reflectionId}/comments/${id}`;

const own = makeComment({ id: '00000000-0000-4000-8000-00000000c001', author: annemiek, body: 'Mijn eigen reactie', version: 2 });
const byRuud = makeComment({ id: '00000000-0000-4000-8000-00000000c002', author: ruud, body: 'Goede vraag voor de intervisie.' });
const removed = makeComment({ id: '00000000-0000-4000-8000-00000000c003', author: ruud, body: '', deleted: true });

function serve(user: ReturnType<typeof makeUser>, reflection: () => ReflectionDetail, routes: Record<string, (request: Request) => Response> = {}) {
  return fakeApi({
    'POST /api/v1/auth/refresh': () => json(tokenFor(user)),
    [`GET /api/v1/reflections/${reflectionId}`]: () => json(reflection()),
    ...routes,
  });
}

const item = (text: string) => screen.getByText(text).closest('li')!;

describe('a reflection’s comments', () => {
  beforeEach(() => {
    resetSession();
  });

  it('lets a fellow participant edit and delete only their own comment, and keeps a placeholder for removed ones', async () => {
    // Annemiek reads Nico's reflection, shared with the group.
    serve(annemiekUser, () =>
      makeReflection({ mine: false, comments: [{ ...own, mine: true }, byRuud, removed], commentCount: 2 }),
    );
    renderApp(`/reflecties/${reflectionId}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Na de sessie over informatieveiligheid' })).toBeInTheDocument();
    expect(screen.getByText(/Geschreven door Nico Middelbos op/)).toBeInTheDocument();
    expect(screen.getByText('Buren').tagName).toBe('STRONG');
    expect(screen.queryByRole('link', { name: 'Bewerken' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reflectie verwijderen' })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Reacties (2)' })).toBeInTheDocument();

    const mine = within(item('Mijn eigen reactie'));
    expect(mine.getByRole('button', { name: 'Reactie bewerken' })).toBeInTheDocument();
    expect(mine.getByRole('button', { name: 'Uw reactie verwijderen' })).toBeInTheDocument();
    expect(within(item('Goede vraag voor de intervisie.')).queryByRole('button')).not.toBeInTheDocument();
    const placeholder = item('Reactie verwijderd');
    expect(placeholder).not.toHaveTextContent('Ruud Verbeek');
    expect(within(placeholder).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Terug naar Gedeeld in de groep' })).toHaveAttribute('href', `/groepen/${cohort2026Id}/reflecties`);
  });

  it('lets the author delete anyone’s comment on their reflection but edit none of them', async () => {
    let current = makeReflection({ mine: true, comments: [byRuud] });
    const { calls } = serve(nico, () => current, {
      [`DELETE ${commentRoute(byRuud.id)}`]: () => {
        current = makeReflection({ mine: true, comments: [{ ...byRuud, body: '', deleted: true, version: 2 }] });
        return new Response(null, { status: 204 });
      },
    });
    renderApp(`/reflecties/${reflectionId}`);
    const user = userEvent.setup();

    const comment = within(await screen.findByText('Goede vraag voor de intervisie.').then((node) => node.closest('li')!));
    expect(comment.queryByRole('button', { name: 'Reactie bewerken' })).not.toBeInTheDocument();
    await user.click(comment.getByRole('button', { name: 'Reactie van Ruud Verbeek verwijderen' }));
    await user.click(comment.getByRole('button', { name: 'Ja, verwijderen' }));

    expect(await screen.findByText('Reactie verwijderd')).toBeInTheDocument();
    expect(screen.queryByText('Goede vraag voor de intervisie.')).not.toBeInTheDocument();
    expect(calls(`DELETE ${commentRoute(byRuud.id)}`)[0]!.headers.get('If-Match')).toBe('"1"');
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Reacties (0)' })).toHaveFocus());
    // The author's own tools for the reflection itself.
    expect(screen.getByRole('link', { name: 'Bewerken' })).toHaveAttribute('href', `/reflecties/${reflectionId}/bewerken`);
  });

  it('posts a comment and shows the thread as the server has it', async () => {
    let current = makeReflection({ mine: false, comments: [] });
    const { calls } = serve(annemiekUser, () => current, {
      [`POST /api/v1/reflections/${reflectionId}/comments`]: () => {
        current = makeReflection({ mine: false, comments: [{ ...own, mine: true, body: 'Dank voor het delen!' }] });
        return json({ ...own, mine: true, body: 'Dank voor het delen!' }, 201);
      },
    });
    renderApp(`/reflecties/${reflectionId}`);
    const user = userEvent.setup();

    expect(await screen.findByText('Nog geen reacties.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Uw reactie'), 'Dank voor het delen!');
    await user.click(screen.getByRole('button', { name: 'Reactie plaatsen' }));

    expect(await screen.findByText('Dank voor het delen!', { selector: 'p' })).toBeInTheDocument();
    expect(await calls(`POST /api/v1/reflections/${reflectionId}/comments`)[0]!.json()).toEqual({ body: 'Dank voor het delen!' });
    expect(screen.getByLabelText('Uw reactie')).toHaveValue('');
    expect(screen.getByText('Uw reactie is geplaatst.')).toHaveAttribute('role', 'status');
  });

  it('says so when a comment changed in the meantime, instead of overwriting it', async () => {
    serve(annemiekUser, () => makeReflection({ mine: false, comments: [{ ...own, mine: true }] }), {
      [`PATCH ${commentRoute(own.id)}`]: () => problem(412, { title: 'Verouderde versie' }),
    });
    renderApp(`/reflecties/${reflectionId}`);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Reactie bewerken' }));
    const field = screen.getByRole('textbox', { name: 'Uw reactie', description: '' });
    expect(field).toHaveFocus();
    await user.clear(field);
    await user.type(field, 'Aangepast');
    await user.click(screen.getByRole('button', { name: 'Reactie opslaan' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Iemand anders heeft dit intussen gewijzigd');
    expect(screen.getByRole('button', { name: 'Nieuwste versie laden' })).toBeInTheDocument();
  });

  it('is not found for someone it is not shared with', async () => {
    serve(annemiekUser, () => makeReflection(), {
      [`GET /api/v1/reflections/${reflectionId}`]: () => problem(404, { title: 'Niet gevonden' }),
    });
    renderApp(`/reflecties/${reflectionId}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Pagina niet gevonden' })).toBeInTheDocument();
  });
});
