import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetSession } from '../../auth/session';
import { fakeApi, json, makeUser, problem, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import type { CohortSummary, Programme } from './types';

const admin = makeUser({ name: 'Marieke Jansen', isAdmin: true, grants: [] });
const programme: Programme = {
  id: '00000000-0000-4000-8000-0000000000a1',
  slug: 'digitaal-leiderschap',
  name: 'Leergang Digitaal Leiderschap',
  description: '',
  owner: 'Vereniging van Gemeentesecretarissen',
  funder: 'A&O-fonds Gemeenten',
  kAnonymity: 5,
  cohortCount: 1,
  version: 4,
  modules: [
    { key: 'context', title: 'Context', description: '', options: [] },
    { key: 'keuzemodule', title: 'Keuzemodule', description: '', options: [{ title: 'Werkbezoek', description: '' }] },
  ],
};
const cohort: CohortSummary = {
  id: '00000000-0000-4000-8000-000000002026',
  programmeId: programme.id,
  programmeName: programme.name,
  name: '2026–2027',
  startsOn: '2026-09-01',
  endsOn: '2027-06-30',
  capacity: 12,
  status: 'running',
  activeParticipants: 8,
  version: 2,
};
const path = `/api/v1/programmes/${programme.id}`;

function serve(extra: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  return fakeApi({
    'POST /api/v1/auth/refresh': () => json(tokenFor(admin)),
    [`GET ${path}`]: () => json(programme),
    [`GET ${path}/cohorts`]: () => json({ cohorts: [cohort] }),
    ...extra,
  });
}

describe('the programme page of the programme office', () => {
  beforeEach(() => {
    resetSession();
  });

  it('saves the template in its new order with If-Match on the version it was loaded at', async () => {
    const { calls } = serve({
      [`PATCH ${path}`]: async (request) => {
        const body = (await request.clone().json()) as { modules: Programme['modules'] };
        return json({ ...programme, modules: body.modules, version: 5 });
      },
    });
    renderApp(`/beheer/leergangen/${programme.id}`);
    await screen.findByRole('heading', { level: 1, name: 'Leergang Digitaal Leiderschap' });

    await userEvent.click(screen.getByRole('button', { name: 'Omhoog: Keuzemodule' }));
    await userEvent.click(screen.getByRole('button', { name: 'Leergang opslaan' }));

    expect(await screen.findByText('De leergang is opgeslagen.')).toBeInTheDocument();
    const [patch] = calls(`PATCH ${path}`);
    expect(patch?.headers.get('If-Match')).toBe('"4"');
    const sent = (await patch!.json()) as { modules: { key: string }[] };
    expect(sent.modules.map((m) => m.key)).toEqual(['keuzemodule', 'context']);
  });

  it('keeps the draft when someone else saved first, and loads the newest version on request', async () => {
    serve({
      [`PATCH ${path}`]: () =>
        problem(412, { title: 'Iemand anders heeft dit intussen gewijzigd', detail: 'Uw wijziging is niet opgeslagen.' }),
    });
    renderApp(`/beheer/leergangen/${programme.id}`);
    await screen.findByRole('heading', { level: 1, name: 'Leergang Digitaal Leiderschap' });
    const title = document.getElementById('programme-modules-0-title') as HTMLInputElement;
    await userEvent.clear(title);
    await userEvent.type(title, 'Context, nieuw');
    await userEvent.click(screen.getByRole('button', { name: 'Leergang opslaan' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Iemand anders heeft dit intussen gewijzigd');
    expect(title).toHaveValue('Context, nieuw');
    await userEvent.click(screen.getByRole('button', { name: 'Nieuwste versie laden (uw wijzigingen vervallen)' }));
    await waitFor(() => expect(document.getElementById('programme-modules-0-title')).toHaveValue('Context'));
  });

  it('checks the template before sending it, and links each problem to its field', async () => {
    const { calls } = serve();
    renderApp(`/beheer/leergangen/${programme.id}`);
    await screen.findByRole('heading', { level: 1, name: 'Leergang Digitaal Leiderschap' });
    await userEvent.type(document.getElementById('programme-modules-1-key')!, 'Keuze Module');
    await userEvent.click(screen.getByRole('button', { name: 'Leergang opslaan' }));

    const alert = await screen.findByRole('alert');
    const link = within(alert).getByRole('link', { name: /Module 2: een sleutel bestaat uit kleine letters/ });
    await userEvent.click(link);
    expect(document.getElementById('programme-modules-1-key')).toHaveFocus();
    expect(calls(`PATCH ${path}`)).toHaveLength(0);
  });

  it('moves a cohort to its next status only after asking, with the cohort’s version', async () => {
    const { calls } = serve({
      [`POST /api/v1/cohorts/${cohort.id}/status`]: () => json({ ...cohort, status: 'completed', version: 3 }),
    });
    renderApp(`/beheer/leergangen/${programme.id}`);
    await screen.findByText('Lopend · 8 van 12 plaatsen bezet');
    await userEvent.click(screen.getByRole('button', { name: 'Groep afronden: 2026–2027' }));
    expect(screen.getByText(/De actieve deelnemers krijgen de status afgerond\./)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Groep afronden' }));

    await waitFor(() => expect(calls(`POST /api/v1/cohorts/${cohort.id}/status`)).toHaveLength(1));
    const [step] = calls(`POST /api/v1/cohorts/${cohort.id}/status`);
    expect(step?.headers.get('If-Match')).toBe('"2"');
    expect(await step!.json()).toEqual({ status: 'completed' });
  });

  it('changes a cohort’s capacity and puts the server’s refusal on the field', async () => {
    const { calls } = serve({
      [`PATCH /api/v1/cohorts/${cohort.id}`]: () =>
        problem(422, {
          title: 'De invoer is niet geldig',
          errors: [{ field: 'capacity', code: 'below_enrolled', message: 'Er zijn al 8 actieve deelnemers; kies minstens zoveel plaatsen.' }],
        }),
    });
    renderApp(`/beheer/leergangen/${programme.id}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Gegevens wijzigen: 2026–2027' }));
    const capacity = screen.getByLabelText('Aantal plaatsen', { selector: `#cohort-${cohort.id}-capacity` });
    await userEvent.clear(capacity);
    await userEvent.type(capacity, '6');
    await userEvent.click(screen.getByRole('button', { name: 'Gegevens opslaan' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('De invoer is niet geldig');
    expect(capacity).toHaveAccessibleDescription('Er zijn al 8 actieve deelnemers; kies minstens zoveel plaatsen.');
    const [patch] = calls(`PATCH /api/v1/cohorts/${cohort.id}`);
    expect(patch?.headers.get('If-Match')).toBe('"2"');
    expect(await patch!.json()).toEqual({ name: '2026–2027', startsOn: '2026-09-01', endsOn: '2027-06-30', capacity: 6 });

    await userEvent.click(screen.getByRole('button', { name: 'Annuleren' }));
    expect(screen.getByRole('button', { name: 'Gegevens wijzigen: 2026–2027' })).toHaveFocus();
  });
});
