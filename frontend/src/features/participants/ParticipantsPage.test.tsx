import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetSession } from '../../auth/session';
import { cohortGrant, makeCohort } from '../../test/cohorts';
import { fakeApi, json, makeUser, problem, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import type { ImportReport, Participant } from './types';

const cohort = makeCohort();
const facilitator = makeUser({ name: 'Ruud Verbeek', grants: [cohortGrant('facilitator', cohort)] });
const path = `/api/v1/cohorts/${cohort.id}`;

const nico: Participant = {
  id: '00000000-0000-4000-8000-00000000e101',
  userId: '00000000-0000-4000-8000-00000000a101',
  name: 'Nico Middelbos',
  email: 'nico.middelbos@kampen.example',
  gemeente: 'Kampen',
  jobTitle: 'Gemeentesecretaris',
  status: 'active',
  enrolledAt: '2026-06-22T08:00:00Z',
  withdrawnAt: null,
  passwordSet: true,
  version: 3,
};

const report = (dryRun: boolean): ImportReport => ({
  dryRun,
  imported: 1,
  skipped: 1,
  rows: [
    { line: 2, name: 'Sanne Visser', email: 'sanne.visser@gouda.example', status: 'imported', errors: [] },
    { line: 3, name: 'Joost', email: 'joost@', status: 'invalid', errors: [{ field: 'email', code: 'invalid', message: 'Vul een geldig e-mailadres in.' }] },
  ],
});

function serve(extra: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  return fakeApi({
    'POST /api/v1/auth/refresh': () => json(tokenFor(facilitator)),
    [`GET ${path}`]: () => json(cohort),
    [`GET ${path}/participants`]: () => json({ participants: [nico] }),
    ...extra,
  });
}

describe('the participants page', () => {
  beforeEach(() => {
    resetSession();
  });

  it('checks a CSV file first, shows the report per row, and imports the same content on request', async () => {
    const { calls } = serve({
      [`POST ${path}/participants/import`]: (request) => json(report(new URL(request.url).searchParams.get('dryRun') === 'true')),
    });
    renderApp(`/groepen/${cohort.id}/deelnemers`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Deelnemers — Leergang Digitaal Leiderschap — 2026–2027' })).toBeInTheDocument();
    expect(await screen.findByRole('cell', { name: 'Nico Middelbos' })).toBeInTheDocument();

    const csv = '\uFEFFnaam;email\nSanne Visser;sanne.visser@gouda.example\nJoost;joost@\n';
    await userEvent.upload(screen.getByLabelText('CSV-bestand'), new File([csv], 'groep.csv', { type: 'text/csv' }));
    await userEvent.click(screen.getByRole('button', { name: 'Bestand controleren' }));

    const heading = await screen.findByRole('heading', { level: 3, name: 'Controle van het bestand' });
    await waitFor(() => expect(heading).toHaveFocus());
    const table = screen.getByRole('table', { name: 'Controle per regel van groep.csv' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    const [dryRun] = calls(`POST ${path}/participants/import`);
    expect(new URL(dryRun!.url).searchParams.get('dryRun')).toBe('true');
    expect(dryRun!.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(await dryRun!.text()).toBe(csv.slice(1)); // the byte-order mark is not text

    await userEvent.click(screen.getByRole('button', { name: '1 deelnemer inschrijven' }));
    expect(await screen.findByRole('heading', { level: 3, name: 'Resultaat van de import' })).toBeInTheDocument();
    const [, real] = calls(`POST ${path}/participants/import`);
    expect(new URL(real!.url).searchParams.get('dryRun')).toBe('false');
    expect(await real!.text()).toBe(csv.slice(1));
    expect(screen.queryByRole('button', { name: /inschrijven$/ })).not.toBeInTheDocument();
  });

  it('links a problem with the whole file to the file field', async () => {
    serve({
      [`POST ${path}/participants/import`]: () =>
        problem(422, {
          title: 'De invoer is niet geldig',
          errors: [{ field: 'file', code: 'header', message: 'De eerste regel moet de kolomnamen bevatten: naam, email, gemeente, functie.' }],
        }),
    });
    renderApp(`/groepen/${cohort.id}/deelnemers`);
    await userEvent.upload(await screen.findByLabelText('CSV-bestand'), new File(['name,mail\n'], 'fout.csv', { type: 'text/csv' }));
    await userEvent.click(screen.getByRole('button', { name: 'Bestand controleren' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('De invoer is niet geldig');
    expect(within(alert).getByRole('link')).toHaveAttribute('href', '#import-file');
    expect(screen.getByLabelText('CSV-bestand')).toHaveAccessibleDescription(/De eerste regel moet de kolomnamen bevatten/);
  });

  it('refuses a file that is not UTF-8 before sending it', async () => {
    const { calls } = serve();
    renderApp(`/groepen/${cohort.id}/deelnemers`);
    const latin1 = new Uint8Array([0x6e, 0x61, 0x61, 0x6d, 0x0a, 0x4a, 0x6f, 0x73, 0xe9, 0x0a]);
    await userEvent.upload(await screen.findByLabelText('CSV-bestand'), new File([latin1], 'excel.csv', { type: 'text/csv' }));
    await userEvent.click(screen.getByRole('button', { name: 'Bestand controleren' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Het bestand is geen UTF-8-tekst');
    expect(calls(`POST ${path}/participants/import`)).toHaveLength(0);
  });

  it('withdraws a participant after asking, with the version they were shown', async () => {
    const { calls } = serve({
      [`POST /api/v1/enrolments/${nico.id}/withdraw`]: () => json({ ...nico, status: 'withdrawn', version: 4 }),
    });
    renderApp(`/groepen/${cohort.id}/deelnemers`);
    await userEvent.click(await screen.findByRole('button', { name: 'Uitschrijven: Nico Middelbos' }));
    expect(screen.getByText(/Nico Middelbos uitschrijven uit deze groep\?/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Annuleren' })).toHaveFocus();
    expect(calls(`POST /api/v1/enrolments/${nico.id}/withdraw`)).toHaveLength(0);

    await userEvent.click(screen.getByRole('button', { name: 'Uitschrijven' }));
    expect(await screen.findByText('Nico Middelbos is uitgeschreven.')).toBeInTheDocument();
    expect(calls(`POST /api/v1/enrolments/${nico.id}/withdraw`)[0]?.headers.get('If-Match')).toBe('"3"');
  });

  it('shows a participant of another cohort that there is no access', async () => {
    fakeApi({
      'POST /api/v1/auth/refresh': () => json(tokenFor(makeUser())),
      [`GET ${path}`]: () => json(cohort),
      [`GET ${path}/participants`]: () => problem(403, { title: 'Geen toegang' }),
    });
    renderApp(`/groepen/${cohort.id}/deelnemers`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Geen toegang' })).toBeInTheDocument();
  });
});
