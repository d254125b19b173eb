import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSession } from '../../auth/session';
import { fakeApi, json, problem, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { admin, facilitator, makeForm, makeTemplateSummary, programme, programmeId, templateId } from './testData';

configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 30_000 });

const path = `/beheer/leergangen/${programmeId}/evaluaties`;
const revisedId = '00000000-0000-4000-8000-00000000ee02';
const closingId = '00000000-0000-4000-8000-00000000ee03';
const draftId = '00000000-0000-4000-8000-00000000ee04';

// Sorted as the API sorts them: by title, the newest revision of each first.
const templates = [
  makeTemplateSummary({ id: revisedId, revision: 2, copies: 1, responses: 0, locked: false, version: 1 }),
  makeTemplateSummary({ id: templateId, revision: 1, copies: 2, responses: 14, locked: true }),
  makeTemplateSummary({ id: draftId, title: 'Evaluatie werkbezoek', description: '', questionCount: 2, version: 1 }),
  makeTemplateSummary({ id: closingId, title: 'Slotevaluatie', description: '', questionCount: 9, copies: 1, responses: 8, locked: true }),
];

function serve(user = admin, routes: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  return fakeApi({
    'POST /api/v1/auth/refresh': () => json(tokenFor(user)),
    [`GET /api/v1/programmes/${programmeId}`]: () => json(programme),
    [`GET /api/v1/programmes/${programmeId}/evaluation-templates`]: () => json({ templates }),
    ...routes,
  });
}

describe('the programme’s evaluation forms', () => {
  beforeEach(() => {
    resetSession();
  });

  it('lists every template with its version, use and whether it is fixed', async () => {
    serve();
    renderApp(path);

    const table = await screen.findByRole('table', { name: 'Evaluatieformulieren van deze leergang' });
    expect(screen.getByRole('heading', { level: 1, name: 'Evaluatieformulieren' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Nieuw formulier' })).toHaveAttribute('href', `${path}/nieuw`);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => [...row.querySelectorAll('th, td')].slice(1, 6).map((cell) => cell.textContent))).toEqual([
      ['2', '4', '1', '0', 'Te wijzigen'],
      ['1', '4', '2', '14', 'Vastgelegd'],
      ['1', '2', '0', '0', 'Te wijzigen'],
      ['1', '9', '1', '8', 'Vastgelegd'],
    ]);
    expect(within(rows[0]!).getByRole('link', { name: 'Evaluatie bijeenkomst' })).toHaveAttribute(
      'href',
      `/beheer/evaluatieformulieren/${revisedId}`,
    );
    // Only the newest version of a title gets a next one; only an unused template can go.
    expect(within(rows[0]!).getByRole('button', { name: 'Nieuwe versie van Evaluatie bijeenkomst (versie 2)' })).toBeInTheDocument();
    expect(within(rows[1]!).queryByRole('button', { name: /Nieuwe versie/ })).not.toBeInTheDocument();
    expect(within(rows[0]!).queryByRole('button', { name: /Verwijderen/ })).not.toBeInTheDocument();
    expect(within(rows[2]!).getByRole('button', { name: 'Verwijderen: Evaluatie werkbezoek (versie 1)' })).toBeInTheDocument();
    expect(within(rows[3]!).getByRole('button', { name: 'Nieuwe versie van Slotevaluatie (versie 1)' })).toBeInTheDocument();
  });

  it('starts a new version and opens it in the builder', async () => {
    const nextId = '00000000-0000-4000-8000-00000000ee05';
    const revised = makeForm({ id: nextId, title: 'Slotevaluatie', revision: 2, questions: [] });
    const { calls } = serve(admin, {
      [`POST /api/v1/evaluation-forms/${closingId}/revisions`]: () => json(revised, 201),
      [`GET /api/v1/evaluation-forms/${nextId}`]: () => json(revised),
    });
    renderApp(path);
    const user = userEvent.setup({ delay: null });

    await user.click(await screen.findByRole('button', { name: 'Nieuwe versie van Slotevaluatie (versie 1)' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Slotevaluatie' })).toBeInTheDocument();
    expect(screen.getByText('Versie 2 van ‘Slotevaluatie’ is gemaakt. Pas hieronder de vragen aan.')).toBeInTheDocument();
    expect(screen.getByText('Formulier van de leergang, versie 2')).toBeInTheDocument();
    expect(calls(`POST /api/v1/evaluation-forms/${closingId}/revisions`)).toHaveLength(1);
  });

  it('deletes an unused template after asking, with If-Match', async () => {
    const { calls } = serve(admin, { [`DELETE /api/v1/evaluation-forms/${draftId}`]: () => new Response(null, { status: 204 }) });
    renderApp(path);
    const user = userEvent.setup({ delay: null });

    await user.click(await screen.findByRole('button', { name: 'Verwijderen: Evaluatie werkbezoek (versie 1)' }));
    expect(screen.getByText('Weet u zeker dat u Evaluatie werkbezoek (versie 1) wilt verwijderen?')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Ja, verwijderen' }));

    expect(await screen.findByText('Evaluatie werkbezoek (versie 1) is verwijderd.')).toBeInTheDocument();
    expect(calls(`DELETE /api/v1/evaluation-forms/${draftId}`)[0]!.headers.get('If-Match')).toBe('"1"');
  });

  it('says why a new version was refused', async () => {
    serve(admin, {
      [`POST /api/v1/evaluation-forms/${revisedId}/revisions`]: () =>
        problem(409, { title: 'Deze versie bestaat al', detail: 'Versie 3 van dit formulier bestaat al.' }),
    });
    renderApp(path);
    const user = userEvent.setup({ delay: null });

    await user.click(await screen.findByRole('button', { name: 'Nieuwe versie van Evaluatie bijeenkomst (versie 2)' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Deze versie bestaat al');
    expect(alert).toHaveTextContent('Versie 3 van dit formulier bestaat al.');
  });

  it('is for the programme office only', async () => {
    const { calls } = serve(facilitator);
    renderApp(path);

    expect(await screen.findByRole('heading', { level: 1, name: 'Geen toegang' })).toBeInTheDocument();
    await waitFor(() => expect(calls(`GET /api/v1/programmes/${programmeId}/evaluation-templates`)).toHaveLength(0));
  });
});
