import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSession } from '../../auth/session';
import { makeCohort } from '../../test/cohorts';
import { fakeApi, json, problem, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { makePlannedSession } from '../planner/testData';
import {
  admin,
  cohort2026Id,
  facilitator,
  formId,
  makeCohortForm,
  makeForm,
  makeTemplateSummary,
  modules2026,
  programmeId,
  templateId,
} from './testData';
import type { EvaluationAttachInput, EvaluationPeriodInput } from './types';

configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 40_000 });

const path = `/groepen/${cohort2026Id}/evaluaties`;
const formsRoute = `/api/v1/cohorts/${cohort2026Id}/evaluation-forms`;
const closingId = '00000000-0000-4000-8000-00000000ee22';

const forms = [
  makeCohortForm(),
  makeCohortForm({
    id: closingId,
    title: 'Slotevaluatie',
    scope: 'cohort',
    sessionId: null,
    targetTitle: '2026–2027',
    opensAt: '2027-06-01T07:00:00Z',
    closesAt: '2027-06-30T15:00:00Z',
    state: 'upcoming',
    answered: 0,
    responseRate: 0,
    version: 1,
  }),
];

function serve(user = admin, routes: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  return fakeApi({
    'POST /api/v1/auth/refresh': () => json(tokenFor(user)),
    [`GET /api/v1/cohorts/${cohort2026Id}`]: () => json(makeCohort()),
    [`GET ${formsRoute}`]: () => json({ forms }),
    [`GET /api/v1/programmes/${programmeId}/evaluation-templates`]: () =>
      json({ templates: [makeTemplateSummary(), makeTemplateSummary({ id: '00000000-0000-4000-8000-00000000ee03', title: 'Slotevaluatie' })] }),
    [`GET /api/v1/cohorts/${cohort2026Id}/sessions`]: () =>
      json({
        sessions: [makePlannedSession(), makePlannedSession({ id: 'cancelled', title: 'Afgelast', status: 'cancelled' })],
        cohortFacilitators: [],
      }),
    ...routes,
  });
}

async function card(title: string) {
  const heading = await screen.findByRole('heading', { level: 3, name: title });
  return heading.closest('article')!;
}

describe('a cohort’s evaluations', () => {
  beforeEach(() => {
    resetSession();
  });

  it('shows facilitators each form’s target, period, state and response rate, without the admin’s tools', async () => {
    serve(facilitator);
    renderApp(path);

    const session = within(await card('Evaluatie bijeenkomst'));
    expect(screen.getByRole('heading', { level: 1, name: 'Evaluaties' })).toBeInTheDocument();
    expect(session.getByText('Open')).toBeInTheDocument();
    expect(session.getByText(/Bijeenkomst: Digitaliseren van processen/)).toBeInTheDocument();
    const times = [...session.getAllByRole('paragraph')[1]!.querySelectorAll('time')].map((time) => time.textContent);
    expect(times).toEqual(['3 dec 2026, 17:00', '17 dec 2026, 17:00']);
    expect(session.getByText('5 van 12 deelnemers hebben geantwoord (42%)')).toBeInTheDocument();
    const bar = session.getByRole('progressbar', { name: 'Antwoorden op ‘Evaluatie bijeenkomst’' });
    expect(bar).toHaveAttribute('value', '5');
    expect(bar).toHaveAttribute('max', '12');
    expect(session.getByRole('link', { name: 'Voortgang en herinneren: Evaluatie bijeenkomst' })).toHaveAttribute(
      'href',
      `/groepen/${cohort2026Id}/evaluaties/${formId}`,
    );

    const closing = within(await card('Slotevaluatie'));
    expect(closing.getByText('Gepland')).toBeInTheDocument();
    expect(closing.getByText(/Slotevaluatie van de hele groep/)).toBeInTheDocument();

    expect(screen.getByRole('link', { name: 'Resultaten van deze groep' })).toHaveAttribute(
      'href',
      `/leergangen/${programmeId}/evaluatierapport?groep=${cohort2026Id}`,
    );
    expect(screen.queryByRole('heading', { name: 'Formulier koppelen' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Periode verplaatsen/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Verwijderen/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Vragen bekijken/ })).not.toBeInTheDocument();
  });

  it('shows the no-access page when the API refuses', async () => {
    serve(facilitator, { [`GET ${formsRoute}`]: () => problem(403, { title: 'Geen toegang' }) });
    renderApp(path);
    expect(await screen.findByRole('heading', { level: 1, name: 'Geen toegang' })).toBeInTheDocument();
  });

  it('lets an admin attach a form to a module: the module is then required, and the server’s period error lands at its field', async () => {
    let attempts = 0;
    const { calls } = serve(admin, {
      [`POST ${formsRoute}`]: () => {
        attempts += 1;
        return attempts === 1
          ? problem(422, {
              title: 'Niet alle velden zijn goed ingevuld',
              errors: [{ field: 'closesAt', code: 'past', message: 'Het sluitmoment ligt in het verleden; niemand zou dit formulier nog kunnen invullen.' }],
            })
          : json(makeForm({ id: 'new', isTemplate: false, title: 'Evaluatie module 3', targetTitle: modules2026[2]!.title }), 201);
      },
    });
    renderApp(path);
    const user = userEvent.setup({ delay: null });
    const attach = within((await screen.findByRole('heading', { level: 2, name: 'Formulier koppelen' })).closest('section')!);

    await user.selectOptions(await attach.findByLabelText('Formulier'), 'Evaluatie bijeenkomst (versie 1)');
    const scope = attach.getByRole('group', { name: 'Waarop heeft deze evaluatie betrekking?' });
    expect(within(scope).getByRole('radio', { name: 'De hele groep (slotevaluatie)' })).toBeChecked();
    expect(attach.queryByLabelText('Module')).not.toBeInTheDocument();
    await user.click(within(scope).getByRole('radio', { name: 'Eén module' }));
    await user.type(attach.getByLabelText('Opent op'), '2027-01-10T09:00');
    await user.type(attach.getByLabelText('Sluit op'), '2027-01-24T17:00');
    await user.click(attach.getByRole('button', { name: 'Formulier koppelen' }));

    // Nothing sent without the module.
    expect(await attach.findByRole('alert')).toHaveTextContent('Niet alles is goed ingevuld');
    expect(attach.getByLabelText('Module')).toHaveAccessibleDescription('Kies de module die deze evaluatie betreft.');
    await user.click(within(attach.getByRole('alert')).getByRole('link', { name: 'Kies de module die deze evaluatie betreft.' }));
    expect(attach.getByLabelText('Module')).toHaveFocus();
    expect(calls(`POST ${formsRoute}`)).toHaveLength(0);

    await user.selectOptions(attach.getByLabelText('Module'), `Module 3: ${modules2026[2]!.title}`);
    await user.click(attach.getByRole('button', { name: 'Formulier koppelen' }));

    await waitFor(() =>
      expect(attach.getByLabelText('Sluit op')).toHaveAccessibleDescription(
        'Het sluitmoment ligt in het verleden; niemand zou dit formulier nog kunnen invullen.',
      ),
    );
    expect((await calls(`POST ${formsRoute}`)[0]!.json()) as EvaluationAttachInput).toEqual({
      templateId,
      scope: 'module',
      moduleId: modules2026[2]!.id,
      sessionId: null,
      // Typed as Amsterdam time, sent with its winter offset.
      opensAt: '2027-01-10T09:00:00+01:00',
      closesAt: '2027-01-24T17:00:00+01:00',
    } satisfies EvaluationAttachInput);

    await user.click(attach.getByRole('button', { name: 'Formulier koppelen' }));
    expect(await screen.findByText(`‘Evaluatie module 3’ is gekoppeld aan ${modules2026[2]!.title}.`)).toBeInTheDocument();
    expect(attach.getByLabelText('Formulier')).toHaveValue('');
  });

  it('offers the cohort’s scheduled sessions for a session evaluation', async () => {
    serve(admin);
    renderApp(path);
    const user = userEvent.setup({ delay: null });
    const attach = within((await screen.findByRole('heading', { level: 2, name: 'Formulier koppelen' })).closest('section')!);

    await user.click(attach.getByRole('radio', { name: 'Eén bijeenkomst' }));

    const select = await attach.findByLabelText('Bijeenkomst');
    await waitFor(() => expect(within(select).getAllByRole('option')).toHaveLength(2));
    expect(within(select).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'Kies een bijeenkomst',
      '3 dec 2026 — Digitaliseren van processen: sturen op digitalisering',
    ]);
    await user.click(attach.getByRole('button', { name: 'Formulier koppelen' }));
    expect(select).toHaveAccessibleDescription('Kies de bijeenkomst die deze evaluatie betreft.');
  });

  it('moves a period with If-Match, in Amsterdam time', async () => {
    const { calls } = serve(admin, {
      [`PUT /api/v1/evaluation-forms/${formId}/period`]: () => json(makeForm({ id: formId, isTemplate: false, version: 3 })),
    });
    renderApp(path);
    const user = userEvent.setup({ delay: null });
    const session = within(await card('Evaluatie bijeenkomst'));

    await user.click(session.getByRole('button', { name: 'Periode verplaatsen van ‘Evaluatie bijeenkomst’' }));
    expect(session.getByRole('heading', { name: 'Nieuwe periode voor ‘Evaluatie bijeenkomst’' })).toHaveFocus();
    expect(session.getByLabelText('Opent op')).toHaveValue('2026-12-03T17:00');
    const closes = session.getByLabelText('Sluit op');
    expect(closes).toHaveValue('2026-12-17T17:00');
    await user.clear(closes);
    await user.type(closes, '2026-12-20T12:00');
    await user.click(session.getByRole('button', { name: 'Periode opslaan' }));

    expect(await screen.findByText('De periode van ‘Evaluatie bijeenkomst’ is verplaatst.')).toBeInTheDocument();
    const [request] = calls(`PUT /api/v1/evaluation-forms/${formId}/period`);
    expect(request!.headers.get('If-Match')).toBe('"2"');
    expect((await request!.json()) as EvaluationPeriodInput).toEqual({
      opensAt: '2026-12-03T17:00:00+01:00',
      closesAt: '2026-12-20T12:00:00+01:00',
    });
  });

  it('checks the order of the moments before sending', async () => {
    const { calls } = serve(admin);
    renderApp(path);
    const user = userEvent.setup({ delay: null });
    const session = within(await card('Evaluatie bijeenkomst'));
    await user.click(session.getByRole('button', { name: 'Periode verplaatsen van ‘Evaluatie bijeenkomst’' }));
    const closes = session.getByLabelText('Sluit op');
    await user.clear(closes);
    await user.type(closes, '2026-12-01T12:00');
    await user.click(session.getByRole('button', { name: 'Periode opslaan' }));

    expect(closes).toHaveAccessibleDescription('Het formulier moet sluiten na het moment waarop het opengaat.');
    expect(calls(`PUT /api/v1/evaluation-forms/${formId}/period`)).toHaveLength(0);
  });

  it('removes an unanswered form only, after asking', async () => {
    const { calls } = serve(admin, {
      [`DELETE /api/v1/evaluation-forms/${closingId}`]: () => new Response(null, { status: 204 }),
    });
    renderApp(path);
    const user = userEvent.setup({ delay: null });

    const answered = within(await card('Evaluatie bijeenkomst'));
    expect(answered.queryByRole('button', { name: /Verwijderen/ })).not.toBeInTheDocument();
    const closing = within(await card('Slotevaluatie'));
    await user.click(closing.getByRole('button', { name: 'Verwijderen: Slotevaluatie' }));
    await user.click(closing.getByRole('button', { name: 'Ja, verwijderen' }));

    expect(await screen.findByText('‘Slotevaluatie’ is weggehaald bij deze groep.')).toBeInTheDocument();
    expect(calls(`DELETE /api/v1/evaluation-forms/${closingId}`)[0]!.headers.get('If-Match')).toBe('"1"');
  });
});
